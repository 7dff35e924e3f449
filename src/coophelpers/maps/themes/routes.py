"""The routes map: land routes through the network and sea routes, with the crossings they use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium

from coophelpers import data
from coophelpers._errors import InvalidInputError
from coophelpers.geodesy import unwrap_longitudes
from coophelpers.maps._elements import check_map
from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import LANGUAGES, esc, tooltip_html, trilingual_rows
from coophelpers.maps.builders import ensure_layer_control, add_legend, base_map
from coophelpers.network import Route, load_places
from coophelpers.sea import SeaRoute, load_ports

__all__ = ["ROUTE_COLOURS", "route_items", "route_map"]

#: One colour per route, in order.
ROUTE_COLOURS = (
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22",
)


def _sea_label(rt: Any) -> str:
    ports = load_ports()
    via = "Suez" if rt.via == "suez" else "NSR"
    return f"{ports.loc[rt.origin, 'name_en']} – {ports.loc[rt.destination, 'name_en']} ({via})"


def _add_sea_route(m: Any, group: Any, label: str, rt: Any, colour: str) -> None:
    ports = load_ports()
    o, d = ports.loc[rt.origin], ports.loc[rt.destination]
    pairs = [
        *_route_title_rows(label, o, d),
        ("Length", f"{rt.length_km:,.0f} km ({rt.length_nm:,.0f} nm)"),
        ("Passages", ", ".join(rt.passages) or "none"),
        ("Method", rt.method),
    ]
    folium.PolyLine(
        [(lat, lon) for lon, lat in rt.geometry.coords],
        color=colour,
        weight=3,
        opacity=0.85,
        tooltip=folium.Tooltip(tooltip_html(pairs)),
    ).add_to(group)


def _route_title_rows(label: str, origin: Any, destination: Any) -> list[tuple[str, str]]:
    """Tooltip rows naming a route and its two ends in English, Chinese and Russian."""
    return [
        ("Route", label),
        *(
            (heading, f"{origin[f'name_{lang}']} – {destination[f'name_{lang}']}")
            for heading, lang in LANGUAGES
        ),
    ]


def route_items(routes: Any) -> list[tuple[str, Any]]:
    """``[(label, route), ...]`` from one route, a sequence of them or a mapping ``{label: route}``."""
    kinds = (Route, SeaRoute)

    def default_label(r: Any) -> str:
        if isinstance(r, Route):
            return r.label
        return _sea_label(r) if isinstance(r, SeaRoute) else ""

    if isinstance(routes, kinds):
        items = [(default_label(routes), routes)]
    elif isinstance(routes, Mapping):
        items = [(str(k), v) for k, v in routes.items()]
    elif isinstance(routes, Sequence) and not isinstance(routes, (str, bytes)):
        items = [(default_label(r), r) for r in routes]
    else:
        items = []
    if not items or not all(isinstance(r, kinds) for _, r in items):
        msg = (
            f"routes must be a Route or SeaRoute, a sequence of them or a mapping {{label: route}}, "
            f"got {type(routes).__name__} {routes!r:.80}. Make routes with coophelpers.route() or "
            f"coophelpers.sea_route()."
        )
        raise InvalidInputError(msg)
    return items


def _add_land_route(group: Any, label: str, rt: Route, colour: str, nodes: Any) -> None:
    """One line per edge of a network route, dashed where its length is estimated."""
    coords = list(rt.geometry.coords)
    header = [
        *_route_title_rows(label, nodes.loc[rt.origin], nodes.loc[rt.destination]),
        ("Length", f"{rt.length_km:,.0f} km ({rt.estimated_share:.0%} estimated)"),
        ("Time", f"{rt.time_h:,.0f} h"),
        ("Crossings", ", ".join(rt.crossings) or "none"),
        ("Method", rt.method),
    ]
    for i, row in enumerate(rt.edges.to_dict("records")):
        seg = [(coords[i][1], coords[i][0]), (coords[i + 1][1], coords[i + 1][0])]
        pairs = header + [
            ("Segment", f"{nodes.loc[row['from'], 'name_en']} – {nodes.loc[row['to'], 'name_en']}"),
            ("Mode", row["mode"] + (f", {row['gauge']} mm" if row["gauge"] and row["gauge"] != "dual" else "")),
            ("Segment length", f"{row['length_km']:,.0f} km" + (" (estimated)" if row["estimated"] else " (published)")),
        ]
        folium.PolyLine(
            seg, color=colour, weight=4, opacity=0.85, dash_array="8 6" if row["estimated"] else None,
            tooltip=folium.Tooltip(tooltip_html(pairs)),
        ).add_to(group)


def _add_crossings(group: Any, rt: Route, nodes: Any, seen: set[str]) -> None:
    """A white circle at each border crossing the route uses (once per crossing)."""
    for row in rt.edges[rt.edges["crossing_id"] != ""].to_dict("records"):
        if row["crossing_id"] in seen:
            continue
        seen.add(row["crossing_id"])
        a, b = nodes.loc[row["from"]], nodes.loc[row["to"]]
        (lon_a, _), (lon_b, _) = unwrap_longitudes([(a["lon"], a["lat"]), (b["lon"], b["lat"])])
        pairs = [
            ("Crossing", row["crossing_id"]),
            *trilingual_rows(lambda lang: f"{a[f'name_{lang}']} / {b[f'name_{lang}']}"),
            ("Mode", row["mode"]),
        ]
        folium.CircleMarker(
            location=((a["lat"] + b["lat"]) / 2, (lon_a + lon_b) / 2), radius=6, color="#000000", weight=2,
            fill=True, fill_color="#ffffff", fill_opacity=1.0, tooltip=folium.Tooltip(tooltip_html(pairs)),
        ).add_to(group)


def route_map(routes: Any, *, m: folium.Map | None = None) -> folium.Map:
    """Draw routes on a map: one colour per route, dashed where the length is estimated.

    Parameters
    ----------
    routes
        A :class:`coophelpers.Route` or :class:`coophelpers.sea.SeaRoute`, a sequence of them, or a mapping
        ``{label: route}`` (labels for the legend; default "Origin – Destination").
    m
        A map to draw on; default a new :func:`coophelpers.base_map` fitted to the routes.

    Returns
    -------
    folium.Map
        With one layer per route (trilingual tooltips on every segment), the border crossings
        used as circles, a legend and the data sources.

    Raises
    ------
    InvalidInputError
        ``routes`` holds something that is not a route, or ``m`` is not a map.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.route_map({"Harbin – Vladivostok": ch.route("Harbin", "Vladivostok")})
    >>> type(m).__name__
    'OfflineMap'
    """
    items = route_items(routes)
    check_map(m)
    nodes = load_places()
    if m is None:
        lons = [x for _, r in items for x, _y in r.geometry.coords]
        lats = [y for _, r in items for _x, y in r.geometry.coords]
        m = base_map(bounds=[[min(lats) - 2, min(lons) - 3], [max(lats) + 2, max(lons) + 3]])
    legend = []
    crossing_group = folium.FeatureGroup(name="Border crossings used", show=True)
    seen_crossings: set[str] = set()
    for k, (label, rt) in enumerate(items):
        colour = ROUTE_COLOURS[k % len(ROUTE_COLOURS)]
        group = folium.FeatureGroup(name=esc(label), show=True)  # Leaflet shows layer names as HTML
        if isinstance(rt, SeaRoute):
            _add_sea_route(m, group, label, rt, colour)
            group.add_to(m)
            legend.append((f"{label}: {rt.length_km:,.0f} km", colour, "line"))
            continue
        _add_land_route(group, label, rt, colour, nodes)
        group.add_to(m)
        legend.append((f"{label}: {rt.length_km:,.0f} km", colour, "line"))
        _add_crossings(crossing_group, rt, nodes, seen_crossings)
    crossing_group.add_to(m)
    if any(isinstance(r, Route) for _, r in items):
        legend += [("Estimated length", "#555555", "dashed"), ("Border crossing used", "#000000", "circle")]
    add_legend(m, "Routes", legend)
    names = (["network_edges.csv", "network_nodes.csv"] if any(isinstance(r, Route) for _, r in items) else [])
    names += ["searoute", "ports.csv"] if any(isinstance(r, SeaRoute) for _, r in items) else []
    for record in data.source_records(*names):
        add_source(m, **record)
    ensure_layer_control(m)
    return m
