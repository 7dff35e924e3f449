"""The mechanisms map: member regions of the cooperation mechanisms and the links between partners."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import folium
import geopandas as gpd

from coophelpers import data
from coophelpers._errors import InvalidInputError
from coophelpers._validate import renamed_parameters, resolve_as_of
from coophelpers.geodesy import geodesic_line, inv_km
from coophelpers.maps._elements import check_map
from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import LANGUAGES, NAME_LABELS
from coophelpers.maps.builders import ensure_layer_control, add_legend, add_regions, base_map
from coophelpers.mechanisms import DEFAULT_ROLES, ROLE_LABELS, ROLES, load_mechanisms, mechanism_members, resolve_mechanisms

if TYPE_CHECKING:
    import datetime as _dt

__all__ = ["COLOURS", "ROLE_STYLES", "mechanism_map"]

#: Colour pair per mechanism on maps: (Chinese side, Russian side).
COLOURS = {
    "northeast-fareast": ("#b03a2e", "#1f618d"),
    "yangtze-volga": ("#d68910", "#117a65"),
    "north-central": ("#7d3c98", "#1e8449"),
    "southeast-northwest": ("#c2185b", "#283593"),
}
#: How each role is drawn: outline dash pattern, outline weight, fill opacity.
ROLE_STYLES = {
    "member": {"dash_array": None, "weight": 1.2, "fill_opacity": 0.55},
    "partial": {"dash_array": "10 6", "weight": 2.4, "fill_opacity": 0.3},
    "assumed": {"dash_array": "2 5", "weight": 2.0, "fill_opacity": 0.22},
    "ambiguous": {"dash_array": "12 5 2 5", "weight": 2.0, "fill_opacity": 0.06},
}
def _trilingual(parts: tuple[str, str, str]) -> str:
    return " · ".join(parts)


def _short_sources(sources: tuple[str, ...] | str) -> str:
    """Source cell for a tooltip: the web site of each URL, other citations as they are."""
    from urllib.parse import urlsplit

    out = []
    parts = sources.split("|") if isinstance(sources, str) else sources
    for part in (p.strip() for p in parts):
        if part.startswith(("http://", "https://")):
            host = urlsplit(part).netloc
            out.append(host[4:] if host.startswith("www.") else host)
        elif part:
            out.append(part)
    return "; ".join(dict.fromkeys(out))


_REGION_TOOLTIP = {
    **NAME_LABELS,
    "code": "ISO 3166-2",
    "_mechanism": "Mechanism · 机制 · Механизм",
    "_role": "Role · 角色 · Роль",
    "_since": "Since · 自 · С",
    "confidence": "Confidence (H/M/L)",
    "_source": "Source · 来源 · Источник",
    "note": "Note",
}
_ROLE_LEGEND = {
    "member": ("member: solid outline", "line"),
    "partial": ("partial: dashed outline", "dashed"),
    "assumed": ("assumed: dotted outline, pale", "dashed"),
    "ambiguous": ("ambiguous: dash-dot, no link", "dashed"),
}
_LINK_TOOLTIP = {
    **{f"_{lang}": heading for heading, lang in LANGUAGES},
    "_dist": "Distance · 距离 · Расстояние",
}


def _links_frame(members: gpd.GeoDataFrame, mech_label: str) -> gpd.GeoDataFrame:
    linkable = members[members["role"] != "ambiguous"]
    cn = linkable[linkable["side"] == "CN"]
    ru = linkable[linkable["side"] == "RU"]
    rows = []
    for a in cn.itertuples(index=False):
        for b in ru.itertuples(index=False):
            dist = float(inv_km([a.capital_lat], [a.capital_lon], [b.capital_lat], [b.capital_lon])[0])
            rows.append(
                {
                    "_en": f"{a.name_en} ↔ {b.name_en}",
                    "_zh": f"{a.name_zh} ↔ {b.name_zh}",
                    "_ru": f"{a.name_ru} ↔ {b.name_ru}",
                    "_dist": f"{dist:,.0f} km (geodesic, {a.capital_en} – {b.capital_en})",
                    "_mechanism": mech_label,
                    "geometry": geodesic_line(a.capital_lat, a.capital_lon, b.capital_lat, b.capital_lon),
                }
            )
    columns = ["_en", "_zh", "_ru", "_dist", "_mechanism", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def _draw_mechanism(m: Any, members: Any, info: Any, colours: tuple[str, str], links_on: bool) -> list[tuple[str, str, str]]:
    """Draw one mechanism's members (a layer per role) and partner links; return its legend rows."""
    short = info["short_name_en"]
    mech_label = _trilingual((info["short_name_en"], info["short_name_zh"], info["short_name_ru"]))
    cn_colour, ru_colour = colours
    legend = [(f"{short}: China", cn_colour, "square"), (f"{short}: Russia", ru_colour, "square")]
    if members.empty:
        return legend
    members = members.copy()
    members["_fill"] = members["side"].map({"CN": cn_colour, "RU": ru_colour})
    members["_mechanism"] = mech_label
    members["_role"] = members["role"].map(lambda r: _trilingual(ROLE_LABELS[r]))
    members["_since"] = [v.isoformat() for v in members["valid_from"]]
    members["_source"] = members["source"].map(_short_sources)
    for role in ROLES:
        part = members[members["role"] == role]
        if part.empty:
            continue
        style = ROLE_STYLES[role]
        names = ", ".join(part["name_en"]) if len(part) <= 3 else f"{len(part)} regions"
        add_regions(
            m, part, name=f"{short}: {ROLE_LABELS[role][0]} ({names})", fill_color="_fill", color="_fill",
            weight=style["weight"], fill_opacity=style["fill_opacity"], dash_array=style["dash_array"],
            tooltip_fields=_REGION_TOOLTIP,
        )
    links = _links_frame(members, mech_label)
    if not links.empty:
        add_regions(
            m, links, name=f"{short}: partner links ({len(links)} pairs)", fill_color=cn_colour,
            color=cn_colour, weight=0.6, fill_opacity=0.0, tooltip_fields=_LINK_TOOLTIP, show=links_on,
        )
    return legend


@renamed_parameters(mechanisms="mechanism")
def mechanism_map(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    m: folium.Map | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
    show_links: bool | None = None,
) -> folium.Map:
    """Map the member regions of one or more mechanisms, with partner links between them.

    Each mechanism has its own colour pair (Chinese side, Russian side, see :data:`COLOURS`).
    Roles are drawn so a reader can tell them apart (:data:`ROLE_STYLES`): ``member`` solid
    outline and strong fill; ``partial`` dashed outline and lighter fill; ``assumed`` dotted
    outline and pale fill; ``ambiguous`` dash-dot outline and almost no fill. Thin lines follow
    the geodesic between the administrative centres of every Chinese × Russian pair (ambiguous
    members are not linked). Tooltips give the names in English, Chinese and Russian, the
    role, the date since which the region is a member, the confidence and the source.

    Parameters
    ----------
    mechanism
        A mechanism id or name, a list of them, or None for all four.
    as_of
        Date of the membership (default today).
    m
        A map to draw on; default a new :func:`coophelpers.base_map` fitted to the members.
    roles
        Roles to draw; default :data:`coophelpers.mechanisms.DEFAULT_ROLES` as everywhere
        (ambiguous members left out); ``roles=ROLES`` draws them too.
    show_links
        Whether the partner-link layers are on when the map opens. Default None: on for a
        single mechanism, off (but listed in the layer control) for several, where hundreds of
        lines would hide the regions.

    Returns
    -------
    folium.Map
        The map; layers are named after the mechanism so the layer control switches them.
        Save it with :func:`coophelpers.save_map`.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism (with the nearest names).
    InvalidInputError
        A bad ``as_of``, ``roles``, ``show_links`` or ``m``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.mechanism_map("yangtze-volga", as_of="2020-01-01")
    >>> type(m).__name__
    'OfflineMap'
    """
    import pandas as pd

    ids = resolve_mechanisms(mechanism)
    date = resolve_as_of(as_of, dataset="mechanisms")
    if show_links is not None and not isinstance(show_links, bool):
        msg = (
            f"show_links must be True, False or None, got {type(show_links).__name__} {show_links!r}. "
            f"Give show_links=True or False, or leave it None (on for a single mechanism)."
        )
        raise InvalidInputError(msg)
    links_on = len(ids) == 1 if show_links is None else show_links
    check_map(m)
    table = load_mechanisms().set_index("id")
    members_all = mechanism_members(ids, as_of=date, roles=roles)
    frames = {mech: members_all[members_all["mechanism"] == mech] for mech in ids}
    drawn = [f for f in frames.values() if not f.empty]
    if m is None:
        title = "Cooperation mechanisms" if len(ids) > 1 else f"{table.loc[ids[0], 'short_name_en']} cooperation mechanism"
        if drawn:
            west, south, east, north = pd.concat(drawn).total_bounds
            bounds = [[max(south - 2, -89), max(west - 3, -180)], [min(north + 2, 89), min(east + 3, 360)]]
        else:
            bounds = None
        m = base_map(bounds=bounds, title=f"{title}, as of {date.isoformat()}")
    legend: list[tuple[str, str, str]] = []
    for mech in ids:
        legend += _draw_mechanism(m, frames[mech], table.loc[mech], COLOURS.get(mech, ("#7f7f7f", "#404040")), links_on)
    present = {r for f in frames.values() for r in f["role"]}
    legend += [(_ROLE_LEGEND[r][0], "#555555", _ROLE_LEGEND[r][1]) for r in ROLES if r in present]
    legend.append(("partner link: geodesic between centres", "#555555", "line"))
    add_legend(m, f"Cooperation mechanisms, {date.isoformat()}", legend)
    for record in data.source_records("mechanisms.csv", "mechanism_membership.csv", "regions_web.parquet"):
        add_source(m, **record)
    add_source(
        m,
        "Membership as of the map's date",
        as_of=date,
        note="Mechanisms 3–4 (agreed 2019) have no official member list: their regions are assumed.",
    )
    ensure_layer_control(m)
    return m
