"""Routes through the curated rail, road and ferry network between China and Russia.

The network (``data/geo/network_nodes.csv`` and ``network_edges.csv``, built by
``data/geo/build/build_network.py``) links the administrative centres of every member region of
the four cooperation mechanisms, and the corridor cities between them, along the main lines: the
Trans-Siberian and Baikal–Amur railways, the Chinese Eastern lines to Manzhouli and Suifenhe, the
Chinese trunk lines, the China–Russia crossings, and the corridors through Mongolia
(Erenhot–Zamyn-Üüd–Naushki) and Kazakhstan (Alashankou–Dostyk, Khorgos–Altynkol). Edge lengths
are published line lengths where a source gives one, otherwise ``estimated`` (geodesic times a
documented circuity factor). The network is schematic: a route's line joins the nodes it passes
with straight segments.

Travel time (``weight="time"``) is running time at a mean speed per mode (:data:`SPEED_KMH`) plus a
dwell time at every border crossing (:data:`BORDER_HOURS`, :data:`EAEU_BORDER_HOURS`) and at every
break of gauge (:data:`GAUGE_CHANGE_HOURS`). These are planning assumptions, not measurements;
change them per call with ``border_hours={crossing_id: hours}`` or by setting the module constants.
Changes between modes at a node cost nothing (transshipment time is not modelled).

Dates: an edge is open on ``as_of`` when ``opened <= as_of < closed``; a date given to the month or
year (``"2022-11"``, ``"2000"``) counts from the first day of that month or year. ``as_of=None``
means today.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers._errors import (
    InvalidInputError,
    NoRouteError,
    UnknownCrossingError,
    UnknownPlaceError,
    UnknownRegionError,
)
from coophelpers._names import normalise
from coophelpers._validate import check_choice, check_choices, check_map, check_str, is_point, parse_as_of, partial_date, short_repr, suggest
from coophelpers.distances import unwrap_longitudes as _unwrap

if TYPE_CHECKING:
    import folium
    import networkx as nx
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "BORDER_HOURS",
    "DEFAULT_MODES",
    "EAEU_BORDER_HOURS",
    "GAUGE_CHANGE_HOURS",
    "MODES",
    "SPEED_KMH",
    "WEIGHTS",
    "Route",
    "default_border_hours",
    "load_network",
    "partner_routes",
    "route",
    "route_map",
]

NODES_FILE = "network_nodes.csv"
EDGES_FILE = "network_edges.csv"

#: Every mode in the network. Ferries stand for links with no fixed crossing (the Lena at Yakutsk,
#: the Tatar Strait to Sakhalin, coastal shipping to Kamchatka, Chukotka and Naryan-Mar, the
#: Baltic ferry to Kaliningrad, the Amur at Blagoveshchensk).
MODES = ("rail", "road", "ferry")
#: Modes :func:`route` uses unless told otherwise.
DEFAULT_MODES = ("rail", "road")
#: What :func:`route` minimises.
WEIGHTS = ("length", "time")

#: Mean speed in km/h while moving, per mode. Rail 40: the order of the average speed of a
#: long-distance freight train between terminals including stops on the line (China–Europe
#: block trains cover about 1,000 km a day); road 60: a heavy truck on trunk roads, rest
#: periods not included; ferry 25: about 13.5 knots.
SPEED_KMH: dict[str, float] = {"rail": 40.0, "road": 60.0, "ferry": 25.0}
#: Dwell in hours at a border crossing, per mode (customs, border control, paperwork). Rail
#: 24: a day at the border station is a common planning figure for China–Russia and
#: China–Mongolia rail crossings; road 8; ferry or river crossing 6 (with queues, schedules).
BORDER_HOURS: dict[str, float] = {"rail": 24.0, "road": 8.0, "ferry": 6.0}
#: Dwell in hours at a crossing between two members of the Eurasian Economic Union customs union
#: (Russia and Kazakhstan here): no customs clearance, a short technical stop.
EAEU_BORDER_HOURS = 2.0
#: Extra hours at a break of gauge (1435 mm ↔ 1520 mm): bogie exchange or transshipment.
GAUGE_CHANGE_HOURS = 12.0

_EAEU = frozenset({"RU", "KZ", "BY", "AM", "KG"})
_GAUGE_OF_COUNTRY = {"CN": "1435"}  # every other country in the network runs 1520 mm track
_ROUTE_COLOURS = (
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22",
)


# --------------------------------------------------------------------------------------------
# data


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    from coophelpers import data

    nodes = data.read_csv(NODES_FILE, dtype=str, keep_default_na=False)
    nodes["lat"] = nodes["lat"].astype(float)
    nodes["lon"] = nodes["lon"].astype(float)
    nodes = nodes.set_index("id", drop=False)
    edges = data.read_csv(EDGES_FILE, dtype=str, keep_default_na=False)
    edges["length_km"] = edges["length_km"].astype(float)
    edges["estimated"] = edges["estimated"].str.lower().eq("true")
    edges["opened_date"] = edges["opened"].map(partial_date)
    edges["closed_date"] = edges["closed"].map(partial_date)
    country = nodes["country"]
    edges["country_from"] = edges["from"].map(country)
    edges["country_to"] = edges["to"].map(country)
    edges["gauge_change"] = (edges["mode"] == "rail") & (
        edges["country_from"].map(lambda c: _GAUGE_OF_COUNTRY.get(c, "1520"))
        != edges["country_to"].map(lambda c: _GAUGE_OF_COUNTRY.get(c, "1520"))
    )
    edges["eaeu_pair"] = edges["country_from"].isin(_EAEU) & edges["country_to"].isin(_EAEU)
    edges = edges.set_index("id", drop=False)
    return nodes, edges


def _today() -> _dt.date:
    return _dt.date.today()


def _check_modes(modes: Any, *, param: str = "modes") -> tuple[str, ...]:
    return check_choices(modes, MODES, param=param, what="mode", example=DEFAULT_MODES)


@lru_cache(maxsize=1)
def _earliest_date() -> _dt.date:
    """The first date the network data record an opening or closure on."""
    _, edges = _tables()
    dates = [d for col in ("opened_date", "closed_date") for d in edges[col] if d is not None]
    return min(dates)


def _check_as_of(as_of: Any) -> _dt.date:
    earliest = _earliest_date()
    date = parse_as_of(
        as_of,
        earliest=earliest,
        earliest_note=(
            f"the network records openings and closures from {earliest.isoformat()}; "
            f"older lines are drawn as they are today"
        ),
    )
    return date if date is not None else _today()


def _open_mask(edges: pd.DataFrame, date: _dt.date) -> pd.Series:
    opened = edges["opened_date"].map(lambda d: d is None or d <= date)
    closed = edges["closed_date"].map(lambda d: d is None or date < d)
    return opened & closed


@lru_cache(maxsize=64)
def _usable_edges(date: _dt.date, modes: tuple[str, ...]) -> pd.DataFrame:
    """The edges of these modes open on ``date`` (cached: routes of one scenario share it)."""
    _, edges = _tables()
    return edges[edges["mode"].isin(modes) & _open_mask(edges, date)]


def load_network(*, as_of: Any = None, modes: Sequence[str] = MODES) -> nx.MultiGraph:
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
        Nodes keyed by id with the columns of ``network_nodes.csv`` as attributes (``lat``,
        ``lon``, ``name_en``, ``name_zh``, ``name_ru``, ``country``, ``kind``, ``region``,
        ``crossing_id``, ...); edges keyed by edge id with the columns of ``network_edges.csv``
        (``mode``, ``gauge``, ``crossing_id``, ``length_km``, ``estimated``, ``source``, ...).
        ``graph.graph`` holds ``as_of`` and ``modes``.
    """
    import networkx as nx

    date = _check_as_of(as_of)
    modes = _check_modes(modes)
    nodes, edges = _tables()
    keep = edges[edges["mode"].isin(modes) & _open_mask(edges, date)]
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


@lru_cache(maxsize=1)
def _name_index() -> dict[str, set[str]]:
    nodes, _ = _tables()
    index: dict[str, set[str]] = {}
    for row in nodes.itertuples(index=False):
        for text in (row.id, row.name_en, row.name_zh, row.name_ru):
            if text:
                index.setdefault(normalise(text), set()).add(row.id)
    return index


def _node_label(node_id: str) -> str:
    nodes, _ = _tables()
    row = nodes.loc[node_id]
    return f"{row['name_en']} ({node_id})" if row["name_en"] != node_id else node_id


def _resolve_place(place: Any, *, param: str) -> str:
    """Node id for a node id or name, or a region name or code (its administrative centre)."""
    nodes, _ = _tables()
    if is_point(place):
        msg = (
            f"{param}={short_repr(place)} is a point, but routes run between places of the "
            f"network. Give a place name: a node id or name (e.g. 'harbin') or a region name or "
            f"ISO code (e.g. 'Heilongjiang'); for points use geodesic_km or nearest_crossings."
        )
        raise InvalidInputError(msg)
    check_str(
        place,
        param=param,
        fix=(
            "Give a place name: a network node id or name (e.g. 'harbin', 'Manzhouli (rail)') "
            "or a region name or ISO code (e.g. 'Heilongjiang', 'RU-PRI')."
        ),
    )
    if place in nodes.index:
        return place
    key = normalise(place)
    found = _name_index().get(key, set())
    if len(found) == 1:
        return next(iter(found))
    from coophelpers.regions import resolve_region

    try:
        code = resolve_region(place)
    except UnknownRegionError:
        code = None
    if code is not None:
        centre = nodes[(nodes["kind"] == "admin_centre") & (nodes["region"] == code)]
        if len(centre):
            return str(centre.index[0])
        msg = (
            f"{param}={place!r} is region {code}, which has no administrative centre in the "
            f"transport network (it covers the members of the four mechanisms and the corridor "
            f"cities between them). Give a nearby node instead; load_network() lists them."
        )
        raise UnknownPlaceError(msg, [])
    if len(found) > 1:
        options = ", ".join(sorted(_node_label(n) for n in found))
        msg = f"{param}={place!r} is ambiguous: it matches {options}. Give the node id."
        raise UnknownPlaceError(msg, sorted(found))
    candidates = list(nodes["id"]) + list(nodes["name_en"])
    near = suggest(place, candidates, n=3)
    near_ids = list(dict.fromkeys(n if n in nodes.index else str(nodes.index[nodes["name_en"] == n][0]) for n in near))
    hint = f" Did you mean {', '.join(repr(_node_label(n)) for n in near_ids)}?" if near_ids else ""
    msg = (
        f"Unknown place {place!r} for {param}.{hint} Give a network node id or name, or a region "
        f"name or ISO code; load_network() lists the nodes."
    )
    raise UnknownPlaceError(msg, near_ids)


def _crossing_ids() -> list[str]:
    _, edges = _tables()
    return sorted(set(edges.loc[edges["crossing_id"] != "", "crossing_id"]))


def _check_border_hours(border_hours: Any) -> dict[str, float]:
    if border_hours is None:
        return {}
    if not isinstance(border_hours, Mapping):
        msg = (
            f"border_hours must be a mapping {{crossing_id: hours}}, got "
            f"{type(border_hours).__name__} {short_repr(border_hours)}. Give e.g. "
            f"{{'manzhouli-zabaykalsk-rail': 12}}; default_border_hours() lists the crossings."
        )
        raise InvalidInputError(msg)
    known = _crossing_ids()
    out = {}
    for cid, hours in border_hours.items():
        if cid not in known:
            near = suggest(str(cid), known, n=3)
            hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
            msg = (
                f"border_hours names unknown crossing {cid!r}.{hint} Give the id of a crossing "
                f"of the network; default_border_hours() lists them."
            )
            raise UnknownCrossingError(msg, near)
        if isinstance(hours, bool) or not isinstance(hours, numbers.Real) or not math.isfinite(hours) or hours < 0:
            msg = (
                f"border_hours[{cid!r}]={hours!r} must be a number of hours >= 0. Give e.g. "
                f"{{{cid!r}: 12}}."
            )
            raise InvalidInputError(msg)
        out[str(cid)] = float(hours)
    return out


def _default_dwell(row: Mapping[str, Any]) -> float:
    if not row["crossing_id"]:
        return 0.0
    if row["country_from"] in _EAEU and row["country_to"] in _EAEU:
        return EAEU_BORDER_HOURS
    return BORDER_HOURS[row["mode"]]


def default_border_hours() -> dict[str, float]:
    """Return ``{crossing_id: hours}``: the default border dwell of every crossing in the network.

    Gauge changes are extra (:data:`GAUGE_CHANGE_HOURS`). Pass a modified copy to
    :func:`route` as ``border_hours`` for a scenario, e.g. every dwell halved::

        route("Harbin", "Moscow", weight="time",
              border_hours={k: v / 2 for k, v in default_border_hours().items()})
    """
    _, edges = _tables()
    out: dict[str, float] = {}
    for row in edges[edges["crossing_id"] != ""].to_dict("records"):
        out.setdefault(row["crossing_id"], _default_dwell(row))
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------------------------
# routing


@dataclass(frozen=True, eq=False)
class Route:
    """A route through the network.

    Attributes
    ----------
    origin, destination
        Node ids of the two ends.
    length_km
        Total length in km.
    time_h
        Travel time in hours: running time plus border and gauge-change dwell.
    crossings
        Ids of the border crossings used, in travel order (China–Russia crossings and those via
        Mongolia and Kazakhstan).
    edges
        One row per edge in travel order: ``id``, ``from``, ``to``, ``mode``, ``gauge``,
        ``crossing_id``, ``length_km``, ``estimated``, ``run_h``, ``dwell_h``, ``time_h``,
        ``source``.
    geometry
        :class:`shapely.geometry.LineString` through the nodes (lon, lat), with longitudes
        unwrapped so that it never jumps across the map at 180°.
    estimated_share
        Share of ``length_km`` on edges whose length is estimated (0–1).
    method
        How the route was made, e.g. ``"rail + road network, shortest by length, as of 2024-01-01"``.
    nodes
        Node ids in travel order.
    gauge_changes
        Number of breaks of gauge (1435 ↔ 1520 mm) on the route.
    as_of
        The date whose network was used.
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
    def label(self) -> str:
        """``"Origin – Destination"`` in English."""
        nodes, _ = _tables()
        return f"{nodes.loc[self.origin, 'name_en']} – {nodes.loc[self.destination, 'name_en']}"


def _edge_costs(edges: pd.DataFrame, weight: str, hours: Mapping[str, float]) -> tuple[Any, Any, Any]:
    speed = edges["mode"].map(SPEED_KMH)
    run = edges["length_km"] / speed
    border = edges["mode"].map(BORDER_HOURS).where(~edges["eaeu_pair"], EAEU_BORDER_HOURS)
    dwell = border.where(edges["crossing_id"] != "", 0.0).astype(float)
    for cid, value in hours.items():
        dwell[edges["crossing_id"] == cid] = value
    dwell = dwell + edges["gauge_change"].astype(float) * GAUGE_CHANGE_HOURS
    cost = edges["length_km"] if weight == "length" else run + dwell
    return cost, run, dwell


def _settings_key() -> tuple[Any, ...]:
    """The current speed and dwell constants (part of the graph cache key)."""
    return (tuple(sorted(SPEED_KMH.items())), tuple(sorted(BORDER_HOURS.items())),
            EAEU_BORDER_HOURS, GAUGE_CHANGE_HOURS)


def _query_graph(
    date: _dt.date, modes: tuple[str, ...], weight: str, hours: tuple[tuple[str, float], ...],
    countries: tuple[str, ...] | None,
) -> nx.Graph:
    return _cached_graph(date, modes, weight, hours, countries, _settings_key())


@lru_cache(maxsize=64)
def _cached_graph(
    date: _dt.date, modes: tuple[str, ...], weight: str, hours: tuple[tuple[str, float], ...],
    countries: tuple[str, ...] | None, settings: tuple[Any, ...],
) -> nx.Graph:
    """Simple graph of the open edges with the cheapest parallel edge per node pair."""
    import networkx as nx

    nodes, edges = _tables()
    keep = _usable_edges(date, modes)
    if countries is not None:
        keep = keep[keep["country_from"].isin(countries) & keep["country_to"].isin(countries)]
    cost, _, _ = _edge_costs(keep, weight, dict(hours))
    graph = nx.Graph()
    allowed = nodes if countries is None else nodes[nodes["country"].isin(countries)]
    graph.add_nodes_from(allowed.index)
    for eid, a, b, c in zip(keep.index, keep["from"], keep["to"], cost):
        old = graph.get_edge_data(a, b)
        if old is None or c < old["w"]:
            graph.add_edge(a, b, w=float(c), eid=eid)
    return graph


def _describe_break(graph: nx.Graph, a: str, b: str, *, modes: tuple[str, ...], date: _dt.date,
                    countries: tuple[str, ...] | None) -> str:
    import networkx as nx

    nodes, edges = _tables()
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
        f"{_node_label(a)} lies in {describe(comp_a)} and {_node_label(b)} in {describe(comp_b)}."
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
    nodes, _ = _tables()
    known = sorted(set(nodes["country"]))
    return check_choices(countries, known, param="countries", what="country code", example=("RU",))


def _waypoint_options(item: Any, *, keep: pd.DataFrame, param: str) -> list[tuple[str, str, str | None]]:
    """(enter node, exit node, crossing edge id or None) alternatives for one waypoint."""
    if isinstance(item, str) and item in set(_crossing_ids()):
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
    node = _resolve_place(item, param=param)
    return [(node, node, None)]


def route(
    origin: str,
    destination: str,
    *,
    modes: Sequence[str] = DEFAULT_MODES,
    as_of: Any = None,
    weight: str = "length",
    border_hours: Mapping[str, float] | None = None,
    via: Sequence[str] | str | None = None,
    countries: Sequence[str] | None = None,
) -> Route:
    """Return the best route through the network between two places.

    Parameters
    ----------
    origin, destination
        A network node id or name (``"harbin"``, ``"Manzhouli (rail)"``), or a region name or ISO
        code standing for its administrative centre (``"Heilongjiang"``, ``"RU-MOW"``).
    modes
        Modes the route may use: any of ``"rail"``, ``"road"``, ``"ferry"``. Default rail and
        road; add ``"ferry"`` for places without a fixed land link (Yakutsk, Sakhalin, Kamchatka,
        Chukotka, Naryan-Mar, Kaliningrad).
    as_of
        Use only links open on this date (ISO string or ``datetime.date``); default today. For
        example ``"2022-01-01"`` is the network before the Heihe road bridge (2022-06-10) and the
        Tongjiang rail bridge (2022-11-16).
    weight
        ``"length"`` (shortest, default) or ``"time"`` (fastest, with border and gauge dwell).
    border_hours
        ``{crossing_id: hours}`` overriding the default dwell at those crossings (see
        :func:`default_border_hours`).
    via
        A waypoint or a sequence of waypoints, each a place or a crossing id (for example
        ``"manzhouli-zabaykalsk-rail"``), visited in order.
    countries
        Only use nodes in these countries (``"CN"``, ``"RU"``, ``"MN"``, ``"KZ"``), e.g.
        ``("RU",)`` for a domestic Russian route.

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
        No path: the message says which part of the network each end lies in and which
        excluded links would join them.
    InvalidInputError
        A bad mode, weight, date or waypoint.
    """
    from shapely.geometry import LineString

    modes_t = _check_modes(modes)
    weight = check_choice(weight, WEIGHTS, param="weight", what="weight")
    date = _check_as_of(as_of)
    hours = _check_border_hours(border_hours)
    countries_t = _check_countries(countries)
    start = _resolve_place(origin, param="origin")
    end = _resolve_place(destination, param="destination")
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
        msg = f"origin and destination are the same place ({_node_label(start)}); give two different places."
        raise InvalidInputError(msg)
    nodes, edges = _tables()
    graph = _query_graph(date, modes_t, weight, tuple(sorted(hours.items())), countries_t)
    keep = _usable_edges(date, modes_t)
    for end_id, name in ((start, "origin"), (end, "destination")):
        if end_id not in graph:
            msg = f"{name} {_node_label(end_id)} is outside countries={countries_t!r}."
            raise NoRouteError(msg)
    cost_all, _, _ = _edge_costs(keep, weight, hours)

    # dynamic programme over the waypoints: best (cost, node path, forced crossing edges)
    stages = [[(start, start, None)]]
    for i, item in enumerate(via_items):
        stages.append(_waypoint_options(item, keep=keep, param=f"via[{i}]"))
    stages.append([(end, end, None)])
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
            target = stages[s][0][0]
            detail = _describe_break(graph, prev_node, target, modes=modes_t, date=date, countries=countries_t)
            msg = (
                f"No {' + '.join(modes_t)} route from {_node_label(start)} to {_node_label(end)} "
                f"as of {date.isoformat()}: {detail}"
            )
            raise NoRouteError(msg)
        best = new
    _, path, forced = min(best.values(), key=lambda t: t[0])

    # edges in travel order
    chosen = []
    for i in range(1, len(path)):
        a, b = path[i - 1], path[i]
        eid = forced[i] if forced[i] is not None else graph.edges[a, b]["eid"]
        chosen.append((eid, a, b))
    table = keep.loc[[c[0] for c in chosen]].copy()
    table["from"] = [c[1] for c in chosen]
    table["to"] = [c[2] for c in chosen]
    _, run, dwell = _edge_costs(table, "time", hours)
    table["run_h"] = run.to_numpy()
    table["dwell_h"] = dwell.to_numpy()
    table["time_h"] = table["run_h"] + table["dwell_h"]
    cols = ["id", "from", "to", "mode", "gauge", "crossing_id", "length_km", "estimated",
            "run_h", "dwell_h", "time_h", "gauge_change", "source"]
    table = table[cols].reset_index(drop=True)
    length = float(table["length_km"].sum())
    estimated_share = float(table.loc[table["estimated"], "length_km"].sum() / length) if length else 0.0
    coords = [(float(nodes.loc[n, "lon"]), float(nodes.loc[n, "lat"])) for n in path]
    geometry = LineString(_unwrap(coords))
    method = (
        f"{' + '.join(modes_t)} network, {'shortest by length' if weight == 'length' else 'fastest'}, "
        f"as of {date.isoformat()}"
    )
    return Route(
        origin=start,
        destination=end,
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


def _length_matrix(origins: list[Any], destinations: list[Any], *, modes: Any, as_of: Any) -> tuple[Any, str]:
    """Network lengths for :func:`coophelpers.distance_matrix` (``NaN`` where no path)."""
    import networkx as nx
    import numpy as np

    modes_t = _check_modes(MODES if modes is None else modes)
    date = _check_as_of(as_of)
    o_ids = [_resolve_place(p, param=f"origins[{i}]") for i, p in enumerate(origins)]
    d_ids = [_resolve_place(p, param=f"destinations[{i}]") for i, p in enumerate(destinations)]
    graph = _query_graph(date, modes_t, "length", (), None)
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


def _corridor_of(crossings: Sequence[str]) -> str:
    """Name the border passage of a route: a China–Russia crossing id, or the third country."""
    _, edges = _tables()
    cn_ru = set(edges.loc[
        (edges["crossing_id"] != "")
        & (edges[["country_from", "country_to"]].apply(frozenset, axis=1) == frozenset({"CN", "RU"})),
        "crossing_id",
    ])
    direct = [c for c in crossings if c in cn_ru]
    if direct:
        return " + ".join(direct)
    countries: list[str] = []
    for cid in crossings:
        row = edges[edges["crossing_id"] == cid].iloc[0]
        for c in (row["country_from"], row["country_to"]):
            if c not in {"CN", "RU"} and c not in countries:
                countries.append(c)
    names = {"MN": "via Mongolia", "KZ": "via Kazakhstan"}
    return " + ".join(names.get(c, f"via {c}") for c in countries) if countries else "none"


def partner_routes(
    mechanism: str,
    *,
    as_of: Any = None,
    modes: Sequence[str] = MODES,
    weight: str = "length",
    border_hours: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Route every Chinese member of a mechanism to every Russian member.

    Parameters
    ----------
    mechanism
        Mechanism id or name (see :func:`coophelpers.load_mechanisms`).
    as_of
        Date for the membership and for the network (default today).
    modes, weight, border_hours
        As for :func:`route`; ``modes`` defaults to every mode so that members without a land
        link (Kamchatka, Chukotka, Sakhalin, Yakutia, Kaliningrad, Nenets) get a route.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``code_cn``, ``name_en_cn``, ``code_ru``, ``name_en_ru``,
        ``geodesic_km`` (between administrative centres), ``network_km``, ``detour_index``
        (network / geodesic), ``time_h``, ``corridor`` (the China–Russia crossing used, or
        "via Mongolia" / "via Kazakhstan"; "no route" with NaN numbers where the modes
        allowed do not reach), ``crossings`` (all, " | "), ``estimated_share``;
        for the maritime pairing also ``sea_suez_km`` and ``sea_nsr_km`` between the main ports
        of the two regions where both have one (port to port, no land legs). ``attrs["method"]``
        says how the routes were made.
    """
    import pandas as pd

    from coophelpers.distances import geodesic_km
    from coophelpers.mechanisms import mechanism_pairs

    pairs = mechanism_pairs(mechanism, as_of=as_of)
    rows = []
    method = ""
    nan = float("nan")
    for pair in pairs.to_dict("records"):
        geo = geodesic_km(pair["code_cn"], pair["code_ru"])
        try:
            r = route(pair["code_cn"], pair["code_ru"], modes=modes, as_of=as_of, weight=weight,
                      border_hours=border_hours)
        except NoRouteError:
            rows.append(
                {
                    "mechanism": pair["mechanism"],
                    "code_cn": pair["code_cn"], "name_en_cn": pair["name_en_cn"],
                    "code_ru": pair["code_ru"], "name_en_ru": pair["name_en_ru"],
                    "geodesic_km": geo, "network_km": nan, "detour_index": nan, "time_h": nan,
                    "corridor": "no route", "crossings": "", "estimated_share": nan,
                }
            )
            continue
        method = r.method
        rows.append(
            {
                "mechanism": pair["mechanism"],
                "code_cn": pair["code_cn"], "name_en_cn": pair["name_en_cn"],
                "code_ru": pair["code_ru"], "name_en_ru": pair["name_en_ru"],
                "geodesic_km": geo, "network_km": r.length_km, "detour_index": r.length_km / geo,
                "time_h": r.time_h, "corridor": _corridor_of(r.crossings),
                "crossings": " | ".join(r.crossings), "estimated_share": r.estimated_share,
            }
        )
    frame = pd.DataFrame(rows)
    from coophelpers.sea import MAIN_PORT, sea_route

    if not frame.empty and frame["code_cn"].isin(MAIN_PORT).any() and frame["code_ru"].isin(MAIN_PORT).any():
        for via in ("suez", "nsr"):
            frame[f"sea_{via}_km"] = [
                sea_route(MAIN_PORT[a], MAIN_PORT[b], via=via).length_km
                if a in MAIN_PORT and b in MAIN_PORT else float("nan")
                for a, b in zip(frame["code_cn"], frame["code_ru"])
            ]
    frame.attrs["method"] = method
    return frame


# --------------------------------------------------------------------------------------------
# maps


def _sea_label(rt: Any) -> str:
    from coophelpers.sea import load_ports

    ports = load_ports()
    via = "Suez" if rt.via == "suez" else "NSR"
    return f"{ports.loc[rt.origin, 'name_en']} – {ports.loc[rt.destination, 'name_en']} ({via})"


def _add_sea_route(m: Any, group: Any, label: str, rt: Any, colour: str) -> None:
    import folium

    from coophelpers import maps
    from coophelpers.sea import load_ports

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
        tooltip=folium.Tooltip(maps.tooltip_html(pairs)),
    ).add_to(group)


def _route_title_rows(label: str, origin: Any, destination: Any) -> list[tuple[str, str]]:
    """Tooltip rows naming a route and its two ends in English, Chinese and Russian."""
    return [
        ("Route", label),
        *(
            (heading, f"{origin[f'name_{lang}']} – {destination[f'name_{lang}']}")
            for heading, lang in (("English", "en"), ("中文", "zh"), ("Русский", "ru"))
        ),
    ]


def route_map(routes: Any, *, m: folium.Map | None = None) -> folium.Map:
    """Draw routes on a map: one colour per route, dashed where the length is estimated.

    Parameters
    ----------
    routes
        A :class:`Route` or :class:`coophelpers.sea.SeaRoute`, a sequence of them, or a mapping
        ``{label: route}`` (labels for the legend; default "Origin – Destination").
    m
        A map to draw on; default a new :func:`coophelpers.maps.base_map` fitted to the routes.

    Returns
    -------
    folium.Map
        With one layer per route (trilingual tooltips on every segment), the border crossings
        used as circles, a legend and the data sources.
    """
    import folium

    from coophelpers import maps
    from coophelpers.sea import SeaRoute

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
    check_map(m)
    nodes, _ = _tables()
    if m is None:
        lons = [x for _, r in items for x, _y in r.geometry.coords]
        lats = [y for _, r in items for _x, y in r.geometry.coords]
        m = maps.base_map(bounds=[[min(lats) - 2, min(lons) - 3], [max(lats) + 2, max(lons) + 3]])
    legend = []
    crossing_group = folium.FeatureGroup(name="Border crossings used", show=True)
    seen_crossings: set[str] = set()
    for k, (label, rt) in enumerate(items):
        colour = _ROUTE_COLOURS[k % len(_ROUTE_COLOURS)]
        group = folium.FeatureGroup(name=label, show=True)
        if isinstance(rt, SeaRoute):
            _add_sea_route(m, group, label, rt, colour)
            group.add_to(m)
            legend.append((f"{label}: {rt.length_km:,.0f} km", colour, "line"))
            continue
        coords = list(rt.geometry.coords)
        o = nodes.loc[rt.origin]
        d = nodes.loc[rt.destination]
        header = [
            *_route_title_rows(label, o, d),
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
                seg,
                color=colour,
                weight=4,
                opacity=0.85,
                dash_array="8 6" if row["estimated"] else None,
                tooltip=folium.Tooltip(maps.tooltip_html(pairs)),
            ).add_to(group)
        group.add_to(m)
        legend.append((f"{label}: {rt.length_km:,.0f} km", colour, "line"))
        for row in rt.edges[rt.edges["crossing_id"] != ""].to_dict("records"):
            if row["crossing_id"] in seen_crossings:
                continue
            seen_crossings.add(row["crossing_id"])
            a, b = nodes.loc[row["from"]], nodes.loc[row["to"]]
            lon_a, lon_b = _unwrap([(a["lon"], a["lat"]), (b["lon"], b["lat"])])
            folium.CircleMarker(
                location=((a["lat"] + b["lat"]) / 2, (lon_a[0] + lon_b[0]) / 2),
                radius=6,
                color="#000000",
                weight=2,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1.0,
                tooltip=folium.Tooltip(
                    maps.tooltip_html(
                        [
                            ("Crossing", row["crossing_id"]),
                            ("English", f"{a['name_en']} / {b['name_en']}"),
                            ("中文", f"{a['name_zh']} / {b['name_zh']}"),
                            ("Русский", f"{a['name_ru']} / {b['name_ru']}"),
                            ("Mode", row["mode"]),
                        ]
                    )
                ),
            ).add_to(crossing_group)
    crossing_group.add_to(m)
    if any(isinstance(r, Route) for _, r in items):
        legend += [("Estimated length", "#555555", "dashed"), ("Border crossing used", "#000000", "circle")]
    maps.add_legend(m, "Routes", legend)
    from coophelpers import data

    if any(isinstance(r, SeaRoute) for _, r in items):
        maps.add_source(
            m,
            "Sea routes: PyPI searoute (Eurostat MARNET network); ports.csv",
            licence="Apache-2.0 (searoute); ports CC0",
            note="Lines continuous across 180° (longitudes unwrapped).",
        )
    if not any(isinstance(r, Route) for _, r in items):
        return m
    entry = data.manifest()["files"][EDGES_FILE]
    maps.add_source(
        m,
        "coophelpers transport network (network_nodes.csv, network_edges.csv)",
        licence=entry.get("licence"),
        as_of=entry.get("as_of"),
        attribution=data.manifest()["files"][NODES_FILE].get("attribution"),
        note="Schematic lines between network nodes; dashed where the length is estimated.",
    )
    return m
