"""Economic-ties maps: zones and sister relations with the mechanisms, and trade per region as a choropleth."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import folium

from coophelpers import data
from coophelpers._validate import check_bool, resolve_as_of
from coophelpers.maps._elements import check_map
from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import tooltip_html
from coophelpers.maps.builders import add_legend, add_regions, base_map, ensure_layer_control
from coophelpers.maps.themes.mechanisms import mechanism_map
from coophelpers.mechanisms import resolve_mechanisms
from coophelpers.regions import admin_centre
from coophelpers.ties import RELATION_TYPES, ZONE_KINDS
from coophelpers.ties_analysis import member_ties, trade_by_region

if TYPE_CHECKING:
    import datetime as _dt

__all__ = ["RELATION_STYLES", "ZONE_COLOURS", "ties_map", "trade_map"]

#: One colour per zone kind.
ZONE_COLOURS = {  # chosen to stand out on both sides' fills (red China, blue Russia)
    "cn_overseas_zone": "#f1c40f",
    "free_port": "#ffffff",
    "asez": "#2ecc71",
    "cross_border_zone": "#e67e22",
}
ZONE_LABELS = {
    "cn_overseas_zone": "Chinese overseas cooperation zone",
    "free_port": "Free Port of Vladivostok",
    "asez": "Advanced Special Economic Zone (partial list)",
    "cross_border_zone": "Cross-border trade zone",
}
#: Line colour and dash per relation type, from the strongest to the loosest.
RELATION_STYLES = {
    "sister": ("#6c3483", None, "Sister provinces or cities"),
    "friendly": ("#6c3483", "6 4", "Friendly relations"),
    "cooperation_agreement": ("#7f8c8d", "2 4", "Cooperation agreement"),
    "memorandum": ("#aab7b8", "1 5", "Memorandum"),
}


def _zone_rows(zone: Any) -> list[tuple[str, str]]:
    rows = [("English", zone["name_en"]), ("中文", zone["name_zh"]), ("Русский", zone["name_ru"]),
            ("Kind", ZONE_LABELS[zone["kind"]]), ("Region", zone["region_code"])]
    if zone["municipality"]:
        rows.append(("Municipality", zone["municipality"]))
    rows += [("Established", zone["established"] or "not stated"),
             ("Status", f"{zone['status']} (as of {zone['status_as_of']})"),
             ("Position", zone["position_quality"].replace("_", " ")),
             ("Source", f"{zone['source']} ({zone['source_url']})"),
             ("Checked", f"{zone['as_of']} (confidence {zone['confidence']})")]
    return rows


def _relation_rows(rel: Any) -> list[tuple[str, str]]:
    return [("China", f"{rel['cn_name_en']} {rel['cn_name_zh']} ({rel['cn_level']}, {rel['cn_code']})"),
            ("Russia", f"{rel['ru_name_en']} {rel['ru_name_ru']} ({rel['ru_level']}, {rel['ru_code']})"),
            ("Relation", RELATION_STYLES[rel["relation_type"]][2]),
            ("Signed", rel["signed"] or "not stated"), ("Approved", rel["approved"] or "not stated"),
            ("Source", f"{rel['source']} ({rel['source_url']})")]


def ties_map(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    zones: bool = True,
    relations: bool = True,
    m: folium.Map | None = None,
) -> folium.Map:
    """Map the economic zones and the sister relations over the members of the cooperation mechanisms.

    Parameters
    ----------
    mechanism
        A mechanism id or name, a list, or None for all four (as for :func:`coophelpers.mechanism_map`).
    as_of
        Date of the membership, and the date up to which zones and relations count (default today).
    zones, relations
        Whether to draw the zones in the member regions (circle markers by kind) and the relations between
        members (lines between the partners' centres: a province's administrative centre, or the region centre
        for a city, styled by type). The mechanism's own partner links are in the layer control, off.
    m
        A map to draw on; default the mechanism map.

    Returns
    -------
    folium.Map
        With the mechanism layers, a ``Zones`` layer (class ``coop-zone``; left out when no zone lies in the
        members), a ``Relations and agreements`` layer (class ``coop-relation``; undated relations included, their
        tooltip says so), tooltips with dates and sources, a legend and the sources.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``as_of``, ``zones``, ``relations`` or ``m``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.ties_map("northeast-fareast", as_of="2024-01-01")
    >>> type(m).__name__
    'OfflineMap'
    """
    show_zones = check_bool(zones, param="zones")
    show_relations = check_bool(relations, param="relations")
    check_map(m)
    # the partner links of the mechanism map would hide the relations: they stay in the layer control, off
    m = mechanism_map(mechanism, as_of=as_of, m=m, show_links=False)
    # undated relations too: their tooltip says the date is not stated
    rels, zs = member_ties(resolve_mechanisms(mechanism), resolve_as_of(as_of, dataset="mechanisms"))
    legend: list[tuple[str, str, str]] = []
    if show_relations:
        group = folium.FeatureGroup(name=f"Relations and agreements ({len(rels)})", show=True)
        for _, rel in rels.iterrows():
            colour, dash, _label = RELATION_STYLES[rel["relation_type"]]
            a, b = admin_centre(rel["cn_code"]), admin_centre(rel["ru_code"])
            folium.PolyLine([a, b], color=colour, weight=2, opacity=0.8, dash_array=dash, class_name="coop-relation",
                            tooltip=folium.Tooltip(tooltip_html(_relation_rows(rel)))).add_to(group)
        group.add_to(m)
        legend += [(RELATION_STYLES[t][2], RELATION_STYLES[t][0], "line") for t in RELATION_TYPES
                   if t in set(rels["relation_type"])]
    if show_zones:
        group = folium.FeatureGroup(name=f"Zones ({len(zs)})", show=True)
        for _, zone in zs.iterrows():
            folium.CircleMarker((zone["lat"], zone["lon"]), radius=6, color="#17202a", weight=1,
                                fill=True, fill_color=ZONE_COLOURS[zone["kind"]], fill_opacity=0.9,
                                class_name="coop-zone",
                                tooltip=folium.Tooltip(tooltip_html(_zone_rows(zone)))).add_to(group)
        if len(zs):
            group.add_to(m)
        legend += [(ZONE_LABELS[k], ZONE_COLOURS[k], "circle") for k in ZONE_KINDS if k in set(zs["kind"])]
    if legend:
        add_legend(m, "Economic ties", legend)
    for record in data.source_records("zones.csv", "sister_relations.csv"):
        add_source(m, **record)
    ensure_layer_control(m)
    return m


def trade_map(
    year: int,
    *,
    partner: str | None = None,
    flow: str = "total",
    currency: str = "USD",
    m: folium.Map | None = None,
) -> folium.Map:
    """Map each region's full-year trade with the other country in one year, as a choropleth.

    The regions and values are those of :func:`coophelpers.trade_by_region`: full-year figures only, converted
    to ``currency`` at the year's mean ECB rate; regions without one are grey and counted in the legend. The
    title states the year and the bases of the figures shown; the tooltip gives the value as published, its
    basis, how many figures there were and the source.

    Parameters
    ----------
    year
        A calendar year, e.g. 2023.
    partner
        ``'RU'`` (Chinese regions' trade with Russia), ``'CN'`` (Russian regions' trade with China) or None for both.
    flow
        ``'total'`` (default), ``'exports'`` or ``'imports'``.
    currency
        ``'USD'`` (default), ``'CNY'``, ``'EUR'`` or ``'RUB'``.
    m
        A map to draw on; default a new base map fitted to the regions with a figure.

    Returns
    -------
    folium.Map
        One layer of regions coloured by their trade, with tooltips and the sources.

    Raises
    ------
    InvalidInputError
        A bad ``year``, ``partner``, ``flow``, ``currency`` or ``m``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.trade_map(2023, partner="RU")   # Chinese provinces' trade with Russia in 2023
    >>> type(m).__name__
    'OfflineMap'
    """
    check_map(m)
    regions = trade_by_region(year, partner=partner, flow=flow, currency=currency)
    col = f"trade_{currency.lower()}_bn"
    shown = regions[regions[col].notna()]
    bases = "; ".join(f"{label} {n}" for label, n in regions.attrs["bases"].items()) or "no figure"
    if m is None:
        bounds = None
        if len(shown):
            west, south, east, north = shown.total_bounds
            bounds = [[south - 2, west - 3], [north + 2, east + 3]]
        m = base_map(bounds=bounds, title=f"Trade with the other country, {year}: {flow}, {currency.upper()} bn "
                                           f"(bases: {bases})")
    regions["figures_text"] = [f"{n} full-year figure{'s' if n != 1 else ''}" for n in regions["figures"]]
    add_regions(m, regions.fillna({"published": "no full-year figure", "basis": "", "source_url": ""}),
                name=f"Trade {year}, {currency.upper()} bn", column=col,
                tooltip_fields={"name_en": "English", "name_zh": "中文", "name_ru": "Русский",
                                col: f"{currency.upper()} bn", "published": "As published", "basis": "Basis",
                                "figures_text": "Figures", "source_url": "Source"})
    add_source(m, f"Trade figures as published, full years only ({year})", as_of=f"{year}-12-31",
               note=f"Region x partner country, never region to region. Bases: {bases}.")
    for record in data.source_records("trade.csv"):
        add_source(m, **record)
    ensure_layer_control(m)
    return m
