"""The crossings map: every China–Russia border crossing by mode and status, and the border line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import folium

from coophelpers import data
from coophelpers._validate import parse_as_of, renamed_parameters
from coophelpers.border import border_line
from coophelpers.crossings import CROSSING_MODES, STATUSES, load_crossings
from coophelpers.maps._elements import check_map
from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import tooltip_html, trilingual_rows
from coophelpers.maps.builders import ensure_layer_control, add_legend, base_map

if TYPE_CHECKING:
    import datetime as _dt

__all__ = ["BORDER_COLOUR", "MODE_COLOURS", "MODE_LABELS", "crossings_map"]

#: Map styling: one colour per mode, fill opacity and outline dash per status.
MODE_COLOURS = {
    "rail": "#8e44ad",
    "rail_bridge": "#5b2c6f",
    "road": "#d35400",
    "road_bridge": "#a04000",
    "river": "#2e86c1",
    "pipeline": "#1e8449",
    "none": "#7f8c8d",
}
MODE_LABELS = {
    "rail": "Rail",
    "rail_bridge": "Rail bridge",
    "road": "Road",
    "road_bridge": "Road bridge",
    "river": "River (ferry, pontoon, ice road, hovercraft)",
    "pipeline": "Pipeline (oil, gas)",
    "none": "No crossing (documented absence)",
}
_STATUS_STYLE = {  # fill opacity, dash array, legend label, legend colour
    "operating": (0.9, None, "Operating (filled)", "#34495e"),
    "suspended": (0.25, None, "Suspended or closed (pale)", "#c8ced3"),
    "closed": (0.25, None, "Suspended or closed (pale)", "#c8ced3"),
    "planned": (0.0, "3 3", "Planned or under construction (dashed ring)", "#34495e"),
    "under_construction": (0.0, "3 3", "Planned or under construction (dashed ring)", "#34495e"),
    "none": (0.0, "1 4", "Documented absence (dotted ring)", "#7f8c8d"),
}
BORDER_COLOUR = "#17202a"


def _tooltip_pairs(row: Any) -> list[tuple[str, str]]:
    mode = MODE_LABELS.get(row["mode"], row["mode"])
    if row["river_modes"]:
        mode = f"{mode}: {', '.join(row['river_modes'])}"
    if row["product"]:
        mode = f"{mode}: {row['product']}"
    if row["gauge_change"]:
        mode = f"{mode}; gauge {row['gauge_change']} mm"
    status = row["status"]
    if status != row["status_latest"]:
        status = f"{status} (latest: {row['status_latest']})"
    pairs = [
        *trilingual_rows(lambda lang: row[{"en": "name_en", "zh": "name_cn_zh", "ru": "name_ru_ru"}[lang]]),
        ("Regions", f"{row['code_cn']} / {row['code_ru']}"),
        ("Mode", mode),
        ("Status", status),
        ("Seasonality", row["seasonality"]),
    ]
    for label, col in (("Opened", "opened"), ("Closed", "closed"), ("Reopened", "reopened"), ("Planned", "planned")):
        if row[col]:
            pairs.append((label, row[col]))
    pairs += [
        ("Position", f"CN {row['cn_position_quality']}, RU {row['ru_position_quality']} (point: {row['position_from']})"),
        ("Sources", "; ".join(row["sources"])),
        ("As of", f"{row['as_of']} (confidence {row['confidence']})"),
    ]
    return pairs


@renamed_parameters(mode="modes")
def crossings_map(
    *,
    status: str | Iterable[str] | None = None,
    modes: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
    m: folium.Map | None = None,
) -> folium.Map:
    """Map the crossings (circle markers styled by mode and status) and the border line.

    Parameters
    ----------
    status, modes, as_of
        As for :func:`coophelpers.load_crossings`.
    m
        A map to draw on; default a new :func:`coophelpers.base_map` fitted to the border.

    Returns
    -------
    folium.Map
        With one circle marker per crossing (class ``coop-crossing``), trilingual tooltips with
        dates and sources, the derived border line and a legend.

    Raises
    ------
    InvalidInputError
        A bad ``status``, ``modes``, ``as_of`` or ``m``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.crossings_map(modes=["rail", "rail_bridge"])
    >>> type(m).__name__
    'OfflineMap'
    """
    check_map(m)
    crossings = load_crossings(status=status, modes=modes, as_of=as_of)
    border = border_line()
    if m is None:
        minx, miny, maxx, maxy = border.total_bounds
        m = base_map(bounds=[[miny - 2, minx - 1], [maxy + 1, maxx + 3]])

    line_group = folium.FeatureGroup(name="China–Russia border (derived)", show=True)
    for _, sec in border.iterrows():
        coords = [(y, x) for x, y in sec.geometry.coords]
        folium.PolyLine(
            coords,
            color=BORDER_COLOUR,
            weight=2,
            opacity=0.8,
            class_name="coop-border-line",
            tooltip=folium.Tooltip(
                tooltip_html(
                    [
                        *trilingual_rows(lambda lang: sec[f"name_{lang}"]),
                        ("Length", f"{sec['length_km']:,.1f} km (published {sec['published_length_km']:,} km)"),
                        ("Method", sec["method"]),
                    ]
                )
            ),
        ).add_to(line_group)
    line_group.add_to(m)

    marker_group = folium.FeatureGroup(name="Border crossings", show=True)
    for _, row in crossings.iterrows():
        fill_opacity, dash, _label, _colour = _STATUS_STYLE[row["status"]]
        colour = MODE_COLOURS[row["mode"]]
        folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=7 if row["kind"] == "checkpoint" else 5,
            color=colour,
            weight=2,
            fill=True,
            fill_color=colour,
            fill_opacity=fill_opacity,
            dash_array=dash,
            class_name=f"coop-crossing coop-mode-{row['mode']} coop-status-{row['status']}",
            tooltip=folium.Tooltip(tooltip_html(_tooltip_pairs(row))),
        ).add_to(marker_group)
    marker_group.add_to(m)

    items: list[tuple[str, str, str]] = [
        (MODE_LABELS[mode_], MODE_COLOURS[mode_], "circle") for mode_ in CROSSING_MODES if mode_ in set(crossings["mode"])
    ]
    seen: set[str] = set()
    for st in STATUSES:
        _opacity, dash, label, colour = _STATUS_STYLE[st]
        if st in set(crossings["status"]) and label not in seen:
            seen.add(label)
            items.append((label, colour, "circle" if dash is None else "dashed"))
    items.append(("Border line (derived from region geometry)", BORDER_COLOUR, "line"))
    title = "China–Russia border crossings" + (f" on {parse_as_of(as_of, dataset='crossings')}" if as_of is not None else "")
    # top left lies over Mongolia and Kazakhstan; the dense south-east end stays clear
    add_legend(m, title, items, position="topleft")
    for record in data.source_records("crossings.csv"):
        add_source(m, **record)
    for record in data.source_records("regions_full.parquet"):
        record["name"] = f"Border line derived from: {record['name']}"
        record["note"] = "Shared China–Russia boundary, generalised: shorter than the published 4,209.3 km."
        add_source(m, **record)
    ensure_layer_control(m)
    return m
