"""Routes through the curated rail, road and ferry network between China and Russia.

The network (``network_nodes.csv`` and ``network_edges.csv``, built by ``data/geo/build/build_network.py``)
links the administrative centres of every member region of the four mechanisms, and the corridor cities
between them, along the main lines: the Trans-Siberian and Baikal–Amur railways, the Chinese Eastern lines to
Manzhouli and Suifenhe, the Chinese trunk lines, the China–Russia crossings, and the corridors through
Mongolia (Erenhot–Zamyn-Üüd–Naushki) and Kazakhstan (Alashankou–Dostyk, Khorgos–Altynkol). Edge lengths are
a published figure where a source gives one, else ``estimated`` (geodesic times a documented circuity factor).

Travel time (``weight="time"``) is running time at a mean speed per mode plus a dwell at every border
crossing and break of gauge: planning assumptions, not measurements, set in :mod:`coophelpers.settings`
or per call with ``border_hours={crossing_id: hours}``. Changes of mode at a node cost nothing.
Every function that routes uses the same default modes, :data:`DEFAULT_MODES` (rail, road and ferry), so
:func:`route`, :func:`coophelpers.distance_matrix` and :func:`coophelpers.partner_routes` give the same
length for the same pair. An edge is open on ``as_of`` when ``opened <= as_of < closed``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coophelpers import settings
from coophelpers._errors import CoophelpersDeprecationWarning, InvalidInputError, NoRouteError, warn
from coophelpers._names import short_repr
from coophelpers._network_data import (
    DEFAULT_MODES,
    MODES,
    check_border_hours,
    check_modes,
    check_network_as_of,
    crossing_ids,
    default_dwell,
    edge_costs,
    node_label,
    open_mask,
    query_graph,
    resolve_place,
    tables,
    usable_edges,
)
from coophelpers._validate import check_choice, check_choices, is_point
from coophelpers.geodesy import unwrap_longitudes

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx as nx
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "DEFAULT_MODES",
    "MODES",
    "WEIGHTS",
    "Route",
    "default_border_hours",
    "length_matrix",
    "load_network",
    "load_places",
    "route",
]


#: Every mode in the network: ``MODES = ("rail", "road", "ferry")``. Ferries stand for links with
#: no fixed crossing (the Lena at Yakutsk, the Tatar Strait to Sakhalin, coastal shipping to
#: Kamchatka, Chukotka and Naryan-Mar, the Baltic ferry to Kaliningrad, the Amur at
#: Blagoveshchensk). :data:`coophelpers.crossings.NETWORK_MODE_OF` maps crossing modes to these.
#: ``DEFAULT_MODES``, the modes every routing function uses unless told otherwise, is all of them,
#: so that regions without a fixed land link are reachable.
#: What :func:`route` minimises.
WEIGHTS = ("length", "time")
#: Old module constants, now in :mod:`coophelpers.settings` (read at call time).
_MOVED_TO_SETTINGS = {
    "SPEED_KMH": "speed_kmh",
    "BORDER_HOURS": "border_hours",
    "EAEU_BORDER_HOURS": "eaeu_border_hours",
    "GAUGE_CHANGE_HOURS": "gauge_change_hours",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED_TO_SETTINGS:
        new = _MOVED_TO_SETTINGS[name]
        warn(f"coophelpers.network.{name} moved to coophelpers.settings.{new}.", CoophelpersDeprecationWarning)
        return getattr(settings, new)
    msg = f"module 'coophelpers.network' has no attribute {name!r}"
    raise AttributeError(msg)


def load_network(*, as_of: _dt.date | str | None = None, modes: Sequence[str] | str = DEFAULT_MODES) -> nx.MultiGraph:
    """Return the transport network open on a date as a :class:`networkx.MultiGraph`.

    Parameters
    ----------
    as_of
        Keep only the links open on this date (ISO string or ``datetime.date``); default today.
    modes
        Keep only links of these modes (``"rail"``, ``"road"``, ``"ferry"``); default all.

    Returns
    -------
    networkx.MultiGraph
        Nodes keyed by id and edges keyed by edge id, with the columns of ``network_nodes.csv`` (``lat``,
        ``lon``, ``kind``, ...) and ``network_edges.csv`` (``mode``, ``crossing_id``, ``length_km``,
        ``estimated``, ``opened``, ...) as attributes. ``graph.graph`` holds ``as_of`` and ``modes``.

    Raises
    ------
    InvalidInputError
        A bad ``as_of`` (the network's records start on 1986-07-01) or an unknown mode.
    DataIntegrityError
        A curated network file is missing or damaged.

    Examples
    --------
    >>> nets = [load_network(as_of=date) for date in ("2022-01-01", "2024-01-01")]   # the Heihe road bridge
    >>> [net.has_edge("heihe-bridge", "kani-kurgan") for net in nets], nets[1].graph["as_of"]
    ([False, True], '2024-01-01')
    """
    import networkx as nx

    date = check_network_as_of(as_of)
    modes = check_modes(modes)
    nodes, edges = tables()
    keep = edges[edges["mode"].isin(modes) & open_mask(edges, date)]
    graph = nx.MultiGraph(as_of=date.isoformat(), modes=modes)
    node_cols = [c for c in nodes.columns]
    for row in nodes[node_cols].to_dict("records"):
        graph.add_node(row["id"], **row)
    edge_cols = [c for c in edges.columns if c not in ("opened_date", "closed_date")]
    for row in keep[edge_cols].to_dict("records"):
        graph.add_edge(row["from"], row["to"], key=row["id"], **row)
    return graph


# --------------------------------------------------------------------------------------------
# places


def load_places() -> gpd.GeoDataFrame:
    """Return the places of the transport network (its nodes) as points.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, indexed by ``id``: ``id``, names in three languages, ``country``, ``kind``
        (``admin_centre``, ``crossing``, ``junction``, ``port``), ``region`` (ISO 3166-2 in China or Russia),
        ``lat``, ``lon``, the other columns of ``network_nodes.csv`` and ``geometry``. A new table each call.

    Raises
    ------
    DataIntegrityError
        A curated network file is missing or damaged.

    Examples
    --------
    >>> places = load_places()
    >>> places.loc["harbin", ["name_zh", "region"]].tolist()
    ['哈尔滨', 'CN-HL']
    """
    import geopandas as gpd

    nodes, _ = tables()
    return gpd.GeoDataFrame(
        nodes.copy(),
        geometry=gpd.points_from_xy(nodes["lon"], nodes["lat"]),
        crs="EPSG:4326",
    )


def default_border_hours() -> dict[str, float]:
    """Return the default border dwell of every crossing in the network.

    Gauge changes are extra (``settings.gauge_change_hours``). A modified copy, passed to :func:`route`
    as ``border_hours``, makes a scenario.

    Returns
    -------
    dict of str to float
        ``{crossing_id: hours}``, sorted by crossing id.

    Raises
    ------
    DataIntegrityError
        A curated network file is missing or damaged.

    Examples
    --------
    >>> hours = default_border_hours()   # rail, road, and a rail border inside the Eurasian Economic Union
    >>> hours["manzhouli-zabaykalsk-rail"], hours["manzhouli-zabaykalsk-road"], hours["iletsk-aktobe-rail"]
    (24.0, 8.0, 2.0)
    >>> halved = {crossing: h / 2 for crossing, h in hours.items()}
    >>> fastest = route("Harbin", "Moscow", weight="time", border_hours=halved, as_of="2024-01-01")
    >>> fastest.crossings, float(fastest.edges["dwell_h"].sum())   # the road border's 8 h, halved
    (('manzhouli-zabaykalsk-road',), 4.0)
    """
    _, edges = tables()
    out: dict[str, float] = {}
    for row in edges[edges["crossing_id"] != ""].to_dict("records"):
        out.setdefault(row["crossing_id"], default_dwell(row))
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------------------------
# routing


@dataclass(frozen=True, eq=False)
class Route:
    """A route through the network.

    Attributes
    ----------
    origin, destination, nodes
        Node ids of the two ends, and of every node in travel order.
    length_km, time_h
        Total length in km, and travel time in hours: running time plus border and gauge-change dwell.
    crossings
        Ids of the border crossings used in travel order (China–Russia ones, and via Mongolia and Kazakhstan).
    edges
        One row per edge in travel order: ``id``, ``from``, ``to``, ``mode``, ``gauge``, ``crossing_id``,
        ``length_km``, ``estimated``, ``run_h``, ``dwell_h``, ``time_h``, ``gauge_change``, ``source``.
    geometry
        A :class:`shapely.geometry.LineString` of straight segments through the nodes (lon, lat);
        longitudes are unwrapped so that it never jumps across the map at 180°.
    estimated_share
        Share of ``length_km`` on edges whose length is estimated (0–1).
    method
        How the route was made, e.g. ``"rail + road network, shortest by length, as of 2024-01-01"``.
    gauge_changes
        Number of breaks of gauge (1435 ↔ 1520 mm) on the route.
    as_of
        The date whose network was used.

    Examples
    --------
    >>> r = route("Harbin", "Moscow", modes="rail", as_of="2024-01-01")   # 36 h dwell: 24 border, 12 gauge
    >>> r.corridor, r.gauge_changes, round(r.length_km), round(r.time_h, 1), float(r.edges["dwell_h"].sum())
    ('manzhouli-zabaykalsk-rail', 1, 7567, 225.2, 36.0)
    """

    origin: str
    destination: str
    length_km: float
    time_h: float
    crossings: tuple[str, ...]
    edges: pd.DataFrame = field(repr=False)
    geometry: LineString = field(repr=False)
    estimated_share: float
    method: str
    nodes: tuple[str, ...] = field(repr=False)
    gauge_changes: int = 0
    as_of: _dt.date | None = None

    @property
    def modes(self) -> tuple[str, ...]:
        """Modes used, in network order."""
        used = set(self.edges["mode"])
        return tuple(m for m in MODES if m in used)

    @property
    def corridor(self) -> str:
        """The border passage: the China–Russia crossing(s) used, else ``"via <third country>"``."""
        _, edges = tables()
        direct, countries = [], []
        for cid in self.crossings:
            row = edges[edges["crossing_id"] == cid].iloc[0]
            pair = (row["country_from"], row["country_to"])
            if set(pair) == {"CN", "RU"}:
                direct.append(cid)
            countries += [c for c in pair if c not in {"CN", "RU"}]
        if direct:
            return " + ".join(direct)
        names = {"MN": "via Mongolia", "KZ": "via Kazakhstan"}
        return " + ".join(names.get(c, f"via {c}") for c in dict.fromkeys(countries)) or "none"

    @property
    def label(self) -> str:
        """``"Origin – Destination"`` in English."""
        nodes, _ = tables()
        return f"{nodes.loc[self.origin, 'name_en']} – {nodes.loc[self.destination, 'name_en']}"


def _describe_break(graph: nx.Graph, a: str, b: str, *, modes: tuple[str, ...], date: _dt.date,
                    countries: tuple[str, ...] | None) -> str:
    import networkx as nx

    nodes, edges = tables()
    comp_a = nx.node_connected_component(graph, a) if a in graph else {a}
    comp_b = nx.node_connected_component(graph, b) if b in graph else {b}

    def describe(comp: set[str]) -> str:
        names = sorted(nodes.loc[list(comp), "name_en"])
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        return f"a part of {len(comp)} place(s) ({shown})"

    small = comp_a if len(comp_a) <= len(comp_b) else comp_b
    links = edges[edges["from"].isin(small) ^ edges["to"].isin(small)]
    reasons = []
    for row in links.to_dict("records"):
        why = []
        if row["mode"] not in modes:
            why.append(f"mode {row['mode']!r} not in modes")
        if row["opened_date"] is not None and date < row["opened_date"]:
            why.append(f"opened {row['opened']}")
        if row["closed_date"] is not None and date >= row["closed_date"]:
            why.append(f"closed {row['closed']}")
        if countries is not None and not ({row["country_from"], row["country_to"]} <= set(countries)):
            why.append("leaves the allowed countries")
        if why:
            reasons.append(f"{row['id']} ({', '.join(why)})")
    text = (
        f"{node_label(a)} lies in {describe(comp_a)} and {node_label(b)} in {describe(comp_b)}."
    )
    if reasons:
        text += " Links that would join them are excluded: " + "; ".join(reasons[:4]) + "."
    return text


def _path(graph: nx.Graph, a: str, b: str) -> tuple[float, list[str]] | None:
    import networkx as nx

    if a == b:
        return 0.0, [a]
    try:
        return nx.single_source_dijkstra(graph, a, b, weight="w")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def _check_countries(countries: Any) -> tuple[str, ...] | None:
    if countries is None:
        return None
    nodes, _ = tables()
    known = sorted(set(nodes["country"]))
    return check_choices(countries, known, param="countries", what="country code", example=("RU",))


def _waypoint_options(item: Any, *, keep: pd.DataFrame, param: str) -> list[tuple[str, str, str | None]]:
    """(enter node, exit node, crossing edge id or None) alternatives for one waypoint."""
    if isinstance(item, str) and item in set(crossing_ids()):
        rows = keep[keep["crossing_id"] == item]
        if rows.empty:
            msg = (
                f"{param} crossing {item!r} is not usable with these modes on this date "
                f"(check modes and as_of; crossings.csv has its dates)."
            )
            raise NoRouteError(msg)
        out: list[tuple[str, str, str | None]] = []
        for eid, a, b in zip(rows.index, rows["from"], rows["to"]):
            out += [(a, b, eid), (b, a, eid)]
        return out
    node = resolve_place(item, param=param)
    return [(node, node, None)]


def _best_path(
    graph: nx.Graph, stages: list[list[tuple[str, str, str | None]]], cost_all: Any, *,
    modes: tuple[str, ...], date: _dt.date, countries: tuple[str, ...] | None,
) -> tuple[list[str], list[str | None]]:
    """Cheapest node path through every stage (a dynamic programme over the waypoints).

    Each stage lists alternatives ``(enter node, exit node, forced crossing edge or None)``; the
    result is the node path and, per step, the crossing edge it was forced through (or None).
    """
    start, end = stages[0][0][0], stages[-1][0][0]
    best: dict[int, tuple[float, list[str], list[str | None]]] = {0: (0.0, [start], [None])}
    for s in range(1, len(stages)):
        new: dict[int, tuple[float, list[str], list[str | None]]] = {}
        for j, (enter, leave, eid) in enumerate(stages[s]):
            for prev_cost, prev_path, prev_forced in best.values():
                found = _path(graph, prev_path[-1], enter)
                if found is None:
                    continue
                cost, path = found
                total = prev_cost + cost
                forced = prev_forced + [None] * (len(path) - 1)
                full = prev_path + path[1:]
                if eid is not None:
                    total += float(cost_all[eid])
                    full = full + [leave]
                    forced = forced + [eid]
                if j not in new or total < new[j][0]:
                    new[j] = (total, full, forced)
        if not new:
            prev_node = next(iter(best.values()))[1][-1]
            detail = _describe_break(graph, prev_node, stages[s][0][0], modes=modes, date=date, countries=countries)
            msg = (
                f"No {' + '.join(modes)} route from {node_label(start)} to {node_label(end)} "
                f"as of {date.isoformat()}: {detail}"
            )
            raise NoRouteError(msg)
        best = new
    _, path, forced = min(best.values(), key=lambda t: t[0])
    return path, forced


def _make_route(
    graph: nx.Graph, keep: pd.DataFrame, path: list[str], forced: list[str | None], *,
    hours: Mapping[str, float], modes: tuple[str, ...], weight: str, date: _dt.date,
) -> Route:
    """The :class:`Route` along a node path: its edges in travel order with times, its line."""
    from shapely.geometry import LineString

    nodes, _ = tables()
    chosen = []
    for i in range(1, len(path)):
        a, b = path[i - 1], path[i]
        eid = forced[i] if forced[i] is not None else graph.edges[a, b]["eid"]
        chosen.append((eid, a, b))
    table = keep.loc[[c[0] for c in chosen]].copy()
    table["from"] = [c[1] for c in chosen]
    table["to"] = [c[2] for c in chosen]
    _, run, dwell = edge_costs(table, "time", hours)
    table["run_h"] = run.to_numpy()
    table["dwell_h"] = dwell.to_numpy()
    table["time_h"] = table["run_h"] + table["dwell_h"]
    cols = ["id", "from", "to", "mode", "gauge", "crossing_id", "length_km", "estimated",
            "run_h", "dwell_h", "time_h", "gauge_change", "source"]
    table = table[cols].reset_index(drop=True)
    length = float(table["length_km"].sum())
    estimated_share = float(table.loc[table["estimated"], "length_km"].sum() / length) if length else 0.0
    coords = [(float(nodes.loc[n, "lon"]), float(nodes.loc[n, "lat"])) for n in path]
    geometry = LineString(unwrap_longitudes(coords))
    method = (
        f"{' + '.join(modes)} network, {'shortest by length' if weight == 'length' else 'fastest'}, "
        f"as of {date.isoformat()}"
    )
    return Route(
        origin=path[0],
        destination=path[-1],
        length_km=length,
        time_h=float(table["time_h"].sum()),
        crossings=tuple(c for c in table["crossing_id"] if c),
        edges=table,
        geometry=geometry,
        estimated_share=estimated_share,
        method=method,
        nodes=tuple(path),
        gauge_changes=int(table["gauge_change"].sum()),
        as_of=date,
    )



def route(
    origin: str,
    destination: str,
    *,
    modes: Sequence[str] | str = DEFAULT_MODES,
    as_of: _dt.date | str | None = None,
    weight: str = "length",
    border_hours: Mapping[str, float] | None = None,
    via: Sequence[str] | str | None = None,
    countries: Sequence[str] | None = None,
) -> Route:
    """Return the best route through the network between two places.

    Parameters
    ----------
    origin, destination
        A network node id or name (``"harbin"``, ``"Manzhouli (rail)"``), or a region name or ISO code
        standing for its administrative centre (``"Heilongjiang"``, ``"RU-MOW"``).
    modes
        Modes the route may use: any of ``"rail"``, ``"road"``, ``"ferry"``. Default :data:`DEFAULT_MODES`,
        all three (as in :func:`coophelpers.distance_matrix` and :func:`coophelpers.partner_routes`);
        ``("rail", "road")`` keeps to fixed land links.
    as_of
        Use only links open on this date (ISO string or ``datetime.date``); default today. ``"2022-01-01"``
        is before the Heihe road bridge (2022-06-10) and the Tongjiang rail bridge (2022-11-16).
    weight
        ``"length"`` (shortest, default) or ``"time"`` (fastest, with border and gauge dwell).
    border_hours
        ``{crossing_id: hours}`` overriding the default dwell there (see :func:`default_border_hours`).
    via
        A place or crossing id (``"manzhouli-zabaykalsk-rail"``) to pass, or a sequence of them, in order.
    countries
        Only use nodes in these countries (``"CN"``, ``"RU"``, ``"MN"``, ``"KZ"``); ``("RU",)``: in Russia.

    Returns
    -------
    Route

    Raises
    ------
    UnknownPlaceError
        A place is not in the network (with the nearest names).
    UnknownCrossingError
        ``border_hours`` names an unknown crossing.
    NoRouteError
        No path: the message says where each end lies and which excluded links would join them.
    InvalidInputError
        A bad mode, weight, date or waypoint.

    Examples
    --------
    >>> before = route("Harbin", "Blagoveshchensk", modes=("rail", "road"), as_of="2022-01-01")
    >>> after = route("Harbin", "Blagoveshchensk", modes=("rail", "road"), as_of="2023-01-01")
    >>> before.crossings, round(before.length_km), after.crossings, round(after.length_km)
    (('dongning-poltavka-road',), 2039, ('heihe-kanikurgan-road-bridge',), 662)
    """
    modes_t = check_modes(modes)
    weight = check_choice(weight, WEIGHTS, param="weight", what="weight")
    date = check_network_as_of(as_of)
    hours = check_border_hours(border_hours)
    countries_t = _check_countries(countries)
    start = resolve_place(origin, param="origin")
    end = resolve_place(destination, param="destination")
    if via is None:
        via_items: list[Any] = []
    elif isinstance(via, str):
        via_items = [via]
    elif isinstance(via, (Sequence, set, frozenset)) and not is_point(via):
        via_items = list(via)
    else:
        msg = (
            f"via must be a place or crossing id, or a sequence of them, got "
            f"{type(via).__name__} {short_repr(via)}. Give e.g. via='manzhouli-zabaykalsk-rail' "
            f"or via=['irkutsk', 'novosibirsk']."
        )
        raise InvalidInputError(msg)
    if start == end and not via_items:
        msg = f"origin and destination are the same place ({node_label(start)}); give two different places."
        raise InvalidInputError(msg)
    nodes, edges = tables()
    graph = query_graph(date, modes_t, weight, tuple(sorted(hours.items())), countries_t)
    keep = usable_edges(date, modes_t)
    for end_id, name in ((start, "origin"), (end, "destination")):
        if end_id not in graph:
            country = nodes.loc[end_id, "country"]
            msg = (
                f"{name}={node_label(end_id)!r} is in {country}, outside countries={countries_t!r}. "
                f"Add {country!r} to countries, or choose a place inside them."
            )
            raise InvalidInputError(msg)
    cost_all, _, _ = edge_costs(keep, weight, hours)

    stages = [[(start, start, None)]]
    for i, item in enumerate(via_items):
        stages.append(_waypoint_options(item, keep=keep, param=f"via[{i}]"))
    stages.append([(end, end, None)])
    path, forced = _best_path(graph, stages, cost_all, modes=modes_t, date=date, countries=countries_t)

    return _make_route(graph, keep, path, forced, hours=hours, modes=modes_t, weight=weight, date=date)

def length_matrix(
    origins: Sequence[Any],
    destinations: Sequence[Any],
    *,
    modes: Sequence[str] | str = DEFAULT_MODES,
    as_of: _dt.date | str | None = None,
) -> tuple[Any, str]:
    """Shortest network lengths in km between every origin and destination place.

    The engine of :func:`coophelpers.distance_matrix` for ``method="network"``: a Dijkstra search per origin.

    Parameters
    ----------
    origins, destinations
        Sequences of places (network node ids or names, region names or codes).
    modes, as_of
        As for :func:`route` (default :data:`DEFAULT_MODES`, today).

    Returns
    -------
    tuple
        ``(values, method)``: a float array of shape ``(len(origins), len(destinations))``, NaN where no
        path exists, and a sentence saying how the lengths were made.

    Raises
    ------
    UnknownPlaceError
        A place is not in the network.

    Examples
    --------
    >>> values, method = length_matrix(["harbin"], ["vladivostok", "moscow"], as_of="2024-01-01")
    >>> values.shape, method
    ((1, 2), 'rail + road + ferry network, shortest by length, as of 2024-01-01')
    """
    import networkx as nx
    import numpy as np

    modes_t = check_modes(modes)
    date = check_network_as_of(as_of)
    o_ids = [resolve_place(p, param=f"origins[{i}]") for i, p in enumerate(origins)]
    d_ids = [resolve_place(p, param=f"destinations[{i}]") for i, p in enumerate(destinations)]
    graph = query_graph(date, modes_t, "length", (), None)
    values = np.full((len(o_ids), len(d_ids)), np.nan)
    lengths_of: dict[str, dict[str, float]] = {}
    for i, o in enumerate(o_ids):
        if o not in lengths_of:
            lengths_of[o] = nx.single_source_dijkstra_path_length(graph, o, weight="w")
        found = lengths_of[o]
        for j, d in enumerate(d_ids):
            if d in found:
                values[i, j] = found[d]
    return values, f"{' + '.join(modes_t)} network, shortest by length, as of {date.isoformat()}"
