"""Routes through the curated rail, road and ferry network between China and Russia.

The network (``network_nodes.csv`` and ``network_edges.csv``, built by ``data/geo/build/build_network.py``)
links the administrative centres of the regions, and the corridor cities between them, along the main lines:
the Trans-Siberian and Baikal–Amur railways, the Chinese Eastern lines to Manzhouli and Suifenhe, the Chinese
trunk lines, the China–Russia crossings, and the corridors through Mongolia (Erenhot–Zamyn-Üüd–Naushki) and
Kazakhstan (Alashankou–Dostyk, Khorgos–Altynkol). Edge lengths are a published figure where a source gives
one, else ``estimated`` (geodesic times a documented circuity factor).

Travel time (``weight="time"``) is running time at a mean speed per mode, plus a dwell at every border
crossing, plus the time of every change of mode (rail ↔ road ↔ ferry, ``settings.mode_change_hours``) and of
gauge (1435 ↔ 1520 mm, ``settings.gauge_change_hours``) on the way: planning assumptions, not measurements,
set in :mod:`coophelpers.settings` or per call with ``border_hours={crossing_id: hours}``. Routes are searched
on a graph of (place, mode or gauge) states, so a change is never free (see
:mod:`coophelpers._network_graph`).

Every function that routes uses the same default modes, :data:`DEFAULT_MODES` (rail, road and ferry), and the
same rule for seasonal links (``settings.seasonal_links``, default ``"last_resort"``: the river ferries with
an ice road in winter and summer-only shipping are used only where no year-round route exists), so
:func:`route`, :func:`coophelpers.distance_matrix` and :func:`coophelpers.partner_routes` give the same length
for the same pair, and the Amur ferry at Blagoveshchensk never beats the 2022 road bridge. An edge is open on
``as_of`` when ``opened <= as_of < closed``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
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
    node_coords,
    node_label,
    open_mask,
    resolve_place,
    tables,
)

# The cached functions are imported by name so that clearing this module's caches clears them too.
from coophelpers._network_graph import (
    Break,
    State,
    StateGraph,
    Step,
    cached_state_graph,
    corridor_of,
    crossing_countries,
    describe_method,
    no_route,
    place_matrix,
    shortest,
    state_graph,
    steps,
    through,
)
from coophelpers._network_time import cached_links
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
#: so that regions without a fixed land link are reachable; links flagged seasonal (river ferries
#: with an ice road in winter, summer-only shipping) are used only where no year-round route
#: exists (``settings.seasonal_links``).
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

    Changes of gauge and of mode are extra (``settings.gauge_change_hours``,
    ``settings.mode_change_hours``). A modified copy, passed to :func:`route` as ``border_hours``, makes
    a scenario.

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
    >>> fastest.crossings, float(fastest.edges["border_h"].sum())   # the road border's 8 h, halved
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
        Total length in km, and travel time in hours: running time, border dwell, and the changes of
        gauge and of mode on the way.
    crossings
        Ids of the border crossings used in travel order (China–Russia ones, and via Mongolia and Kazakhstan).
    edges
        A :class:`pandas.DataFrame` (made on first use from ``edge_columns``, the same as lists), one
        row per edge in travel order: ``id``, ``from``, ``to``, ``mode``, ``gauge``, ``crossing_id``,
        ``length_km``, ``estimated``, ``run_h`` (running time), ``border_h`` (border dwell), ``transfer``
        (the changes made at ``from`` before this edge, e.g. ``"road → rail-1520"``, else ``""``),
        ``transfer_h``, ``dwell_h`` (``border_h + transfer_h``), ``time_h`` (``run_h + dwell_h``),
        ``gauge_change`` (a change of gauge is among the transfers), ``seasonality``, ``source``.
    geometry
        A :class:`shapely.geometry.LineString` of straight segments through the nodes (lon, lat);
        longitudes are unwrapped so that it never jumps across the map at 180°.
    estimated_share
        Share of ``length_km`` on edges whose length is estimated (0–1).
    method
        How the route was made, e.g. ``"rail + road network, shortest by length, as of 2024-01-01"``.
    gauge_changes, mode_changes
        Number of breaks of gauge (1435 ↔ 1520 mm) and of changes of mode on the route.
    as_of
        The date whose network was used.
    seasonal
        Ids of the seasonal links used (see ``settings.seasonal_links``), in travel order.
    edge_columns
        The columns of ``edges`` as ``{column: list}``, for use without pandas.

    Examples
    --------
    >>> r = route("Harbin", "Moscow", modes="rail", as_of="2024-01-01")   # 36 h dwell: 24 border, 12 gauge
    >>> r.corridor, r.gauge_changes, r.mode_changes, float(r.edges["dwell_h"].sum())
    ('manzhouli-zabaykalsk-rail', 1, 0, 36.0)
    """

    origin: str
    destination: str
    length_km: float
    time_h: float
    crossings: tuple[str, ...]
    geometry: LineString = field(repr=False)
    estimated_share: float
    method: str
    nodes: tuple[str, ...] = field(repr=False)
    gauge_changes: int = 0
    as_of: _dt.date | None = None
    mode_changes: int = 0
    seasonal: tuple[str, ...] = ()
    edge_columns: Mapping[str, Sequence[Any]] = field(default_factory=dict, repr=False)

    @cached_property
    def edges(self) -> pd.DataFrame:
        """The edges in travel order (a table made on first use from ``edge_columns``)."""
        import pandas as pd

        return pd.DataFrame(dict(self.edge_columns), columns=list(_EDGE_COLUMNS))

    @property
    def modes(self) -> tuple[str, ...]:
        """Modes used, in network order."""
        used = set(self.edge_columns.get("mode", ()))
        return tuple(m for m in MODES if m in used)

    @property
    def corridor(self) -> str:
        """The border passage: the China–Russia crossing(s) used, else ``"via <third country>"``."""
        return corridor_of(self.crossings)

    @property
    def label(self) -> str:
        """``"Origin – Destination"`` in English."""
        nodes, _ = tables()
        return f"{nodes.loc[self.origin, 'name_en']} – {nodes.loc[self.destination, 'name_en']}"


def _check_countries(countries: Any) -> tuple[str, ...] | None:
    if countries is None:
        return None
    nodes, _ = tables()
    known = sorted(set(nodes["country"]))
    return check_choices(countries, known, param="countries", what="country code", example=("RU",))


def _via_items(via: Any) -> list[Any]:
    if via is None:
        return []
    if isinstance(via, str):
        return [via]
    if isinstance(via, (Sequence, set, frozenset)) and not is_point(via):
        return list(via)
    msg = (
        f"via must be a place or crossing id, or a sequence of them, got "
        f"{type(via).__name__} {short_repr(via)}. Give e.g. via='manzhouli-zabaykalsk-rail' "
        f"or via=['irkutsk', 'novosibirsk']."
    )
    raise InvalidInputError(msg)


def _waypoint_options(item: Any, *, sg: StateGraph, param: str) -> list[tuple[str, str, str | None]]:
    """(enter node, exit node, crossing link id or None) alternatives for one waypoint."""
    if isinstance(item, str) and item in set(crossing_ids()):
        out: list[tuple[str, str, str | None]] = []
        for link in sg.links.values():
            if link.crossing_id == item:
                out += [(link.a, link.b, link.id), (link.b, link.a, link.id)]
        if not out:
            msg = (
                f"{param} crossing {item!r} is not usable with these modes on this date "
                f"(check modes and as_of; crossings.csv has its dates)."
            )
            raise NoRouteError(msg)
        return out
    node = resolve_place(item, param=param, modes=sg.modes)
    return [(node, node, None)]


_EDGE_COLUMNS = ("id", "from", "to", "mode", "gauge", "crossing_id", "length_km", "estimated", "run_h",
                 "border_h", "transfer", "transfer_h", "dwell_h", "time_h", "gauge_change", "seasonality", "source")


def _edge_rows(sg: StateGraph, hops: list[Step]) -> dict[str, list[Any]]:
    """The columns of :attr:`Route.edges` for the steps of a path."""
    cols: dict[str, list[Any]] = {c: [] for c in _EDGE_COLUMNS}
    for hop in hops:
        link, transfer_h = hop.link, hop.transfer_h(sg.model)
        values = (
            link.id, hop.frm, hop.to, link.mode, link.gauge, link.crossing_id, link.length_km, link.estimated,
            link.run_h, link.border_h, ", ".join(f"{a} → {b}" for a, b in hop.transfers), transfer_h,
            link.border_h + transfer_h, link.run_h + link.border_h + transfer_h,
            any(a.startswith("rail") and b.startswith("rail") for a, b in hop.transfers), link.seasonality,
            link.source,
        )
        for c, v in zip(_EDGE_COLUMNS, values):
            cols[c].append(v)
    return cols


def _make_route(sg: StateGraph, path: list[State], forced: Mapping[int, str] | None) -> Route:
    """The :class:`Route` along a state path: its edges in travel order with times, its line."""
    from shapely.geometry import LineString

    hops = steps(sg, path, forced)
    cols = _edge_rows(sg, hops)
    length = sum(cols["length_km"])
    estimated = sum(x for x, e in zip(cols["length_km"], cols["estimated"]) if e)
    places = [hops[0].frm] + [h.to for h in hops] if hops else [path[0][0]]
    xy = node_coords()
    coords = [xy[n] for n in places]
    transfers = [t for h in hops for t in h.transfers]
    gauge = sum(1 for a, b in transfers if a.split("-")[0] == b.split("-")[0])
    return Route(
        origin=places[0],
        destination=places[-1],
        length_km=float(length),
        time_h=float(sum(cols["time_h"])),
        crossings=tuple(c for c in cols["crossing_id"] if c),
        edge_columns=cols,
        geometry=LineString(unwrap_longitudes(coords)),
        estimated_share=float(estimated / length) if length else 0.0,
        method=describe_method(sg.modes, sg.weight, sg.date),
        nodes=tuple(places),
        gauge_changes=gauge,
        as_of=sg.date,
        mode_changes=len(transfers) - gauge,
        seasonal=tuple(h.link.id for h in hops if h.link.seasonal),
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
        A network node id (``"harbin"``, ``"suifenhe-road"``), or a name read by the rule of
        :mod:`coophelpers.places`: a region name or ISO code stands for its centre's node
        (``"Heilongjiang"``, ``"RU-MOW"``), any other name for the node of that place (``"Harbin"``,
        ``"绥芬河"``, ``"Manzhouli (rail)"``; a place with several nodes, such as Suifenhe, starts at
        the first one ``modes`` use). A place that is not in the network is refused with the nearest node.
    modes
        Modes the route may use: any of ``"rail"``, ``"road"``, ``"ferry"``. Default :data:`DEFAULT_MODES`,
        all three (as in :func:`coophelpers.distance_matrix` and :func:`coophelpers.partner_routes`);
        ``("rail", "road")`` keeps to fixed land links. Seasonal links are used only where no
        year-round route exists (``settings.seasonal_links``); :attr:`Route.seasonal` names them.
    as_of
        Use only links open on this date (ISO string or ``datetime.date``); default today. ``"2022-01-01"``
        is before the Heihe road bridge (2022-06-10) and the Tongjiang rail bridge (2022-11-16).
    weight
        ``"length"`` (shortest, default) or ``"time"`` (fastest: running time, border dwell, and the
        changes of gauge and of mode on the way, see :mod:`coophelpers.settings`).
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
        An unknown or ambiguous name, or a place that is not in the network (with the nearest node).
    UnknownCrossingError
        ``border_hours`` names an unknown crossing.
    NoRouteError
        No path: the message says where each end lies and which excluded links would join them.
    InvalidInputError
        A bad mode, weight, date or waypoint.

    Examples
    --------
    >>> before = route("Harbin", "Blagoveshchensk", as_of="2022-01-01")   # before the Heihe road bridge
    >>> after = route("Harbin", "Blagoveshchensk", as_of="2023-01-01")
    >>> before.crossings, after.crossings, bool(after.length_km < before.length_km / 2)
    (('dongning-poltavka-road',), ('heihe-kanikurgan-road-bridge',), True)
    >>> fastest = route("Harbin", "Moscow", weight="time", as_of="2024-01-01")   # a change of mode costs hours
    >>> fastest.mode_changes, float(fastest.edges["transfer_h"].sum()) == fastest.mode_changes * 6.0
    (1, True)
    """
    modes_t = check_modes(modes)
    weight = check_choice(weight, WEIGHTS, param="weight", what="weight")
    date = check_network_as_of(as_of)
    hours = check_border_hours(border_hours)
    countries_t = _check_countries(countries)
    start = resolve_place(origin, param="origin", modes=modes_t)
    end = resolve_place(destination, param="destination", modes=modes_t)
    via_items = _via_items(via)
    if start == end and not via_items:
        msg = f"origin and destination are the same place ({node_label(start)}); give two different places."
        raise InvalidInputError(msg)
    if countries_t is not None:
        nodes, _ = tables()
        for end_id, name in ((start, "origin"), (end, "destination")):
            country = nodes.at[end_id, "country"]
            if country not in countries_t:
                msg = (
                    f"{name}={node_label(end_id)!r} is in {country}, outside countries={countries_t!r}. "
                    f"Add {country!r} to countries, or choose a place inside them."
                )
                raise InvalidInputError(msg)
    sg = state_graph(date, modes_t, weight, hours, countries_t)
    forced: dict[int, str] | None = None
    try:
        if via_items:
            stages = [[(start, start, None)]]
            stages += [_waypoint_options(item, sg=sg, param=f"via[{i}]") for i, item in enumerate(via_items)]
            stages.append([(end, end, None)])
            path, forced = through(sg, stages)
        else:
            path = shortest(sg, start, end)
    except Break as where:
        raise no_route(sg, start, end, where) from None
    return _make_route(sg, path, forced)


def length_matrix(
    origins: Sequence[Any],
    destinations: Sequence[Any],
    *,
    modes: Sequence[str] | str = DEFAULT_MODES,
    as_of: _dt.date | str | None = None,
) -> tuple[Any, str]:
    """Shortest network lengths in km between every origin and destination place.

    The engine of :func:`coophelpers.distance_matrix` for ``method="network"``: one Dijkstra search per
    origin, on the same graph as :func:`route`, so each value is ``route(o, d).length_km``.

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
        path exists or a region has no place in the network (``coophelpers.distance_matrix`` says why in
        ``attrs["no_link"]``), and a sentence saying how the lengths were made.

    Raises
    ------
    UnknownPlaceError
        A place is not known.

    Examples
    --------
    >>> values, method = length_matrix(["harbin"], ["vladivostok", "moscow"], as_of="2024-01-01")
    >>> values.shape, method, bool(values[0, 1] == route("harbin", "moscow", as_of="2024-01-01").length_km)
    ((1, 2), 'rail + road + ferry network, shortest by length, as of 2024-01-01', True)
    """
    result = place_matrix(origins, destinations, modes=modes, as_of=as_of)
    return result.value, result.method
