"""The searches on the transport network: a graph of (place, layer) states (private).

A *layer* is how a load moves: ``"road"``, ``"ferry"``, or rail on one gauge, ``"rail-1435"``
(China) or ``"rail-1520"`` (Russia, Mongolia, Kazakhstan, ...). A place has one state per layer
of the links that meet there; a link joins the states of its two ends in its layer (a dual-gauge
border track lies in both rail layers), and a *transfer* joins two states of one place. With
``weight="time"`` a transfer costs the hours of a change of mode or of gauge
(:mod:`coophelpers._network_time`), so the fastest route never changes mode for free. A route
starts in any layer of its origin and ends in any layer of its destination (through a sink
state ``(place, "")`` that can be entered but not left), so it pays for every change on the way
and none at its ends.

Search costs: ``weight="length"``: km (plus 1 m per transfer, so that of two equally long routes
the one with fewer changes wins); ``weight="time"``: running time, border dwell and transfers. A
seasonal link (:data:`coophelpers._network_data.SEASONAL`) costs :data:`SEASONAL_PENALTY` more
with ``settings.seasonal_links="last_resort"`` (so a route uses as few as it can: only where no
year-round route exists) and is left out with ``"exclude"``. Reported lengths and times are
always summed from the links and transfers of the path, never taken from the search costs.

Graphs are cached per (date, modes, weight, border-hour overrides, countries, settings): a warm
query is one Dijkstra search and no pandas work; a matrix is one search per origin.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import settings
from coophelpers._errors import NoRouteError
from coophelpers._network_data import (
    NoNodeError,
    check_border_hours,
    check_modes,
    check_network_as_of,
    node_label,
    region_label,
    resolve_place,
    tables,
)
from coophelpers._network_time import Link, TimeModel, cached_links, time_model
from coophelpers._validate import check_choice

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

#: Extra search cost of a seasonal link with ``settings.seasonal_links="last_resort"``: more
#: than any route's km or hours, so a route takes as few seasonal links as it can.
SEASONAL_PENALTY = 1.0e6
#: Search cost in km of a transfer with ``weight="length"`` (a tie-break, 1 m).
TRANSFER_KM = 0.001
WEIGHTS = ("length", "time")


# --------------------------------------------------------------------------------------------
# the graph of states


@dataclass(eq=False)
class StateGraph:
    """The searchable graph of one (date, modes, weight, dwell overrides, countries, settings)."""

    graph: nx.DiGraph
    links: dict[str, Link]
    layers: dict[str, tuple[str, ...]]
    weight: str
    model: TimeModel
    date: _dt.date
    modes: tuple[str, ...]
    countries: tuple[str, ...] | None
    _places: nx.Graph | None = field(default=None, repr=False)

    def states(self, node: str) -> list[tuple[str, str]]:
        return [(node, layer) for layer in self.layers.get(node, ())]

    def link_cost(self, link: Link) -> float:
        cost = link.length_km if self.weight == "length" else link.run_h + link.border_h
        if link.seasonal and self.model.seasonal == "last_resort":
            cost += SEASONAL_PENALTY
        return cost

    def places(self) -> nx.Graph:
        """The graph of places (no layers): for connected parts and messages."""
        if self._places is None:
            import networkx as nx

            nodes, _ = tables()
            graph = nx.Graph()
            allowed = nodes.index if self.countries is None else nodes.index[nodes["country"].isin(self.countries)]
            graph.add_nodes_from(allowed)
            graph.add_edges_from((link.a, link.b) for link in self.links.values())
            self._places = graph
        return self._places


def state_graph(
    date: _dt.date, modes: tuple[str, ...], weight: str, hours: Mapping[str, float],
    countries: tuple[str, ...] | None,
) -> StateGraph:
    """The (cached) state graph for these options and the current settings."""
    return cached_state_graph(date, modes, weight, tuple(sorted(hours.items())), countries, time_model())


@lru_cache(maxsize=64)
def cached_state_graph(
    date: _dt.date, modes: tuple[str, ...], weight: str, hours: tuple[tuple[str, float], ...],
    countries: tuple[str, ...] | None, model: TimeModel,
) -> StateGraph:
    import networkx as nx

    links = cached_links(date, modes, hours, model)
    if countries is not None:
        links = {k: v for k, v in links.items() if set(v.countries) <= set(countries)}
    if model.seasonal == "exclude":
        links = {k: v for k, v in links.items() if not v.seasonal}
    sg = StateGraph(nx.DiGraph(), links, {}, weight, model, date, modes, countries)
    graph, layers_at = sg.graph, {}
    for link in links.values():
        cost = sg.link_cost(link)
        for layer in link.layers:
            for u, v in ((link.a, link.b), (link.b, link.a)):
                old = graph.get_edge_data((u, layer), (v, layer))
                if old is None or cost < old["w"]:
                    graph.add_edge((u, layer), (v, layer), w=cost, link=link.id)
            layers_at.setdefault(link.a, set()).add(layer)
            layers_at.setdefault(link.b, set()).add(layer)
    for node, unordered in layers_at.items():
        sg.layers[node] = layers = tuple(sorted(unordered))  # sorted: the same ties in every process
        for a in layers:
            graph.add_edge((node, a), (node, ""), w=0.0)  # the sink: where a route may end
            for b in layers:
                if a != b:
                    cost = model.transfer_hours(a, b) if weight == "time" else TRANSFER_KM
                    graph.add_edge((node, a), (node, b), w=cost)
    return sg


# --------------------------------------------------------------------------------------------
# searches

State = tuple[str, str]


class Break(Exception):
    """No path from place ``a`` to place ``b`` (a stage of a search)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(a, b)
        self.a, self.b = a, b


def shortest(sg: StateGraph, origin: str, destination: str) -> list[State]:
    """The cheapest state path from ``origin`` to ``destination``; raises :class:`Break`."""
    import networkx as nx

    sources = sg.states(origin)
    sink = (destination, "")
    if not sources or sink not in sg.graph:
        raise Break(origin, destination)
    try:
        _, path = nx.multi_source_dijkstra(sg.graph, sources, target=sink, weight="w")
    except nx.NetworkXNoPath:
        raise Break(origin, destination) from None
    return path[:-1]


def tree(sg: StateGraph, origin: str) -> dict[str, list[State]]:
    """The cheapest state path from ``origin`` to every place it reaches (one Dijkstra search)."""
    import networkx as nx

    sources = sg.states(origin)
    if not sources:
        return {origin: [(origin, "")]}
    _, paths = nx.multi_source_dijkstra(sg.graph, sources, weight="w")
    return {state[0]: path[:-1] for state, path in paths.items() if state[1] == ""}


Stage = list[tuple[str, str, "str | None"]]


def through(sg: StateGraph, stages: list[Stage]) -> tuple[list[State], dict[int, str]]:
    """The cheapest state path through every stage, in order (a dynamic programme over the stages).

    A stage lists alternatives ``(enter place, exit place, link id or None)``: a place to pass, or
    a link to take from ``enter`` to ``exit``. The result is the state path and, by the index of
    the state a forced link leads to, the link's id. Raises :class:`Break`.
    """
    import networkx as nx

    start = stages[0][0][0]
    best: dict[State, tuple[float, list[State], dict[int, str]]] = {s: (0.0, [s], {}) for s in sg.states(start)}
    if not best:
        raise Break(start, stages[1][0][0])
    for stage in stages[1:]:
        searched = {s: nx.single_source_dijkstra(sg.graph, s, weight="w") for s in best}
        new: dict[State, tuple[float, list[State], dict[int, str]]] = {}
        for enter, leave, lid in stage:
            link = sg.links.get(lid) if lid else None
            if lid and link is None:
                continue
            layers = link.layers if link else sg.layers.get(enter, ())
            for layer in layers:
                target = (enter, layer)
                for s, (cost0, path0, forced0) in best.items():
                    dist, paths = searched[s]
                    if target not in dist:
                        continue
                    cost, path, forced = cost0 + dist[target], path0 + paths[target][1:], dict(forced0)
                    if link is not None:
                        cost += sg.link_cost(link)
                        forced[len(path)] = link.id
                        path = path + [(leave, layer)]
                    end = path[-1]
                    if end not in new or cost < new[end][0]:
                        new[end] = (cost, path, forced)
        if not new:
            raise Break(next(iter(best))[0], stage[0][0])
        best = new
    _, path, forced = min(best.values(), key=lambda t: t[0])
    return path, forced


# --------------------------------------------------------------------------------------------
# what a path holds


@dataclass
class Step:
    """One link of a path, with the changes of layer made at its start."""

    link: Link
    frm: str
    to: str
    transfers: list[tuple[str, str]]

    def transfer_h(self, model: TimeModel) -> float:
        return sum(model.transfer_hours(a, b) for a, b in self.transfers)


def steps(sg: StateGraph, path: list[State], forced: Mapping[int, str] | None = None) -> list[Step]:
    """The links of a state path in travel order, each with the transfers made just before it."""
    out: list[Step] = []
    pending: list[tuple[str, str]] = []
    for i in range(1, len(path)):
        (u, lu), (v, lv) = path[i - 1], path[i]
        if u == v:
            pending.append((lu, lv))
            continue
        lid = forced[i] if forced and i in forced else sg.graph.edges[path[i - 1], path[i]]["link"]
        out.append(Step(sg.links[lid], u, v, pending))
        pending = []
    return out


@dataclass
class Summary:
    """The totals of a path (what a matrix cell or a partner row needs)."""

    length_km: float
    time_h: float
    estimated_km: float
    uncertainty_km: float
    crossings: tuple[str, ...]
    seasonal: tuple[str, ...]
    gauge_changes: int
    mode_changes: int

    @property
    def estimated_share(self) -> float:
        return self.estimated_km / self.length_km if self.length_km else 0.0


def summarise(sg: StateGraph, path: list[State]) -> Summary:
    """Totals of a state path, without building a table."""
    model, edges, links = sg.model, sg.graph.edges, sg.links
    length = time = estimated = unc = 0.0
    crossings, seasonal = [], []
    gauges = changes = 0
    for i in range(1, len(path)):
        (u, lu), (v, lv) = path[i - 1], path[i]
        if u == v:
            time += model.transfer_hours(lu, lv)
            if lu.split("-")[0] == lv.split("-")[0]:
                gauges += 1
            else:
                changes += 1
            continue
        link = links[edges[path[i - 1], path[i]]["link"]]
        length += link.length_km
        time += link.run_h + link.border_h
        unc += link.uncertainty_km
        if link.estimated:
            estimated += link.length_km
        if link.crossing_id:
            crossings.append(link.crossing_id)
        if link.seasonal:
            seasonal.append(link.id)
    return Summary(length, time, estimated, unc, tuple(crossings), tuple(seasonal), gauges, changes)


@lru_cache(maxsize=1)
def crossing_countries() -> dict[str, tuple[str, str]]:
    """Crossing id -> the countries of its two sides."""
    _, edges = tables()
    rows = edges[edges["crossing_id"] != ""]
    out: dict[str, tuple[str, str]] = {}
    for cid, a, b in zip(rows["crossing_id"], rows["country_from"], rows["country_to"]):
        out.setdefault(cid, (a, b))
    return out


def corridor_of(crossings: Sequence[str]) -> str:
    """The border passage: the China–Russia crossing(s) used, else ``"via <third country>"``."""
    sides = crossing_countries()
    direct, countries = [], []
    for cid in crossings:
        pair = sides[cid]
        if set(pair) == {"CN", "RU"}:
            direct.append(cid)
        countries += [c for c in pair if c not in {"CN", "RU"}]
    if direct:
        return " + ".join(direct)
    names = {"MN": "via Mongolia", "KZ": "via Kazakhstan", "BY": "via Belarus", "LT": "via Lithuania"}
    return " + ".join(names.get(c, f"via {c}") for c in dict.fromkeys(countries)) or "none"


def describe_method(modes: Sequence[str], weight: str, date: _dt.date) -> str:
    """``"rail + road + ferry network, shortest by length, as of 2024-01-01"`` (and any seasonal policy)."""
    text = (
        f"{' + '.join(modes)} network, {'shortest by length' if weight == 'length' else 'fastest'}, "
        f"as of {date.isoformat()}"
    )
    policy = settings.seasonal_links
    if policy != "last_resort":
        text += f", seasonal links {'allowed' if policy == 'allow' else 'excluded'}"
    return text


# --------------------------------------------------------------------------------------------
# why two places are not joined


def describe_break(sg: StateGraph, a: str, b: str) -> str:
    """Where each of two unjoined places lies, and which excluded links would join them."""
    import networkx as nx

    nodes, edges = tables()
    graph = sg.places()
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
        if row["mode"] not in sg.modes:
            why.append(f"mode {row['mode']!r} not in modes")
        if row["opened_date"] is not None and sg.date < row["opened_date"]:
            why.append(f"opened {row['opened']}")
        if row["closed_date"] is not None and sg.date >= row["closed_date"]:
            why.append(f"closed {row['closed']}")
        if sg.countries is not None and not ({row["country_from"], row["country_to"]} <= set(sg.countries)):
            why.append("leaves the allowed countries")
        if row["seasonal"] and sg.model.seasonal == "exclude":
            why.append(f"seasonal ({row['seasonality']}) and settings.seasonal_links='exclude'")
        if why:
            reasons.append(f"{row['id']} ({', '.join(why)})")
    text = f"{node_label(a)} lies in {describe(comp_a)} and {node_label(b)} in {describe(comp_b)}."
    if reasons:
        text += " Links that would join them are excluded: " + "; ".join(reasons[:4]) + "."
    return text


def no_route(sg: StateGraph, start: str, end: str, where: Break) -> NoRouteError:
    """The error for a search that broke between ``where.a`` and ``where.b``."""
    detail = describe_break(sg, where.a, where.b)
    msg = (
        f"No {' + '.join(sg.modes)} route from {node_label(start)} to {node_label(end)} "
        f"as of {sg.date.isoformat()}: {detail}"
    )
    return NoRouteError(msg)


# --------------------------------------------------------------------------------------------
# matrices


@dataclass
class Matrix:
    """Network results between every origin and destination place (NaN where there is no route).

    ``value`` is the cost minimised (km for ``weight="length"``, hours for ``"time"``); the other
    arrays describe that same best route. ``no_link`` maps ``(i, j)`` to the reason a cell is NaN.
    """

    origins: list[str | None]
    destinations: list[str | None]
    value: np.ndarray
    length_km: np.ndarray
    time_h: np.ndarray
    estimated_share: np.ndarray
    uncertainty_km: np.ndarray
    seasonal: list[list[tuple[str, ...]]]
    no_link: dict[tuple[int, int], str]
    method: str


def _place_ids(places: Sequence[Any], param: str, modes: tuple[str, ...]) -> tuple[list[str | None], dict[int, str]]:
    """Node ids of places (None for a known region with no node, with the reason by index)."""
    ids: list[str | None] = []
    missing: dict[int, str] = {}
    for i, place in enumerate(places):
        try:
            ids.append(resolve_place(place, param=f"{param}[{i}]", modes=modes))
        except NoNodeError as err:
            ids.append(None)
            missing[i] = f"{region_label(err.region)} has no place in the transport network"
    return ids, missing


def place_matrix(
    origins: Sequence[Any], destinations: Sequence[Any], *, modes: Any, as_of: Any,
    weight: str = "length", border_hours: Mapping[str, float] | None = None,
) -> Matrix:
    """Best routes between every origin and every destination: one Dijkstra search per origin."""
    import numpy as np

    modes_t = check_modes(modes)
    date = check_network_as_of(as_of)
    hours = check_border_hours(border_hours)
    weight = check_choice(weight, WEIGHTS, param="weight", what="weight")
    o_ids, o_missing = _place_ids(origins, "origins", modes_t)
    d_ids, d_missing = _place_ids(destinations, "destinations", modes_t)
    sg = state_graph(date, modes_t, weight, hours, None)
    shape = (len(o_ids), len(d_ids))
    out = {k: np.full(shape, np.nan) for k in ("value", "length", "time", "share", "unc")}
    seasonal: list[list[tuple[str, ...]]] = [[() for _ in d_ids] for _ in o_ids]
    no_link: dict[tuple[int, int], str] = {}
    trees: dict[str, dict[str, list[State]]] = {}
    breaks: dict[tuple[str, str], str] = {}
    for i, o in enumerate(o_ids):
        for j, d in enumerate(d_ids):
            if o is None or d is None:
                no_link[i, j] = o_missing.get(i) or d_missing[j]
                continue
            if o not in trees:
                trees[o] = tree(sg, o)
            found = trees[o]
            if d not in found:
                if (o, d) not in breaks:
                    where = describe_break(sg, o, d)
                    breaks[o, d] = f"no {' + '.join(modes_t)} route as of {date.isoformat()}: {where}"
                no_link[i, j] = breaks[o, d]
                continue
            s = summarise(sg, found[d])
            values = (s.length_km if weight == "length" else s.time_h, s.length_km, s.time_h,
                      s.estimated_share, s.uncertainty_km)
            for key, value in zip(("value", "length", "time", "share", "unc"), values):
                out[key][i, j] = value
            seasonal[i][j] = s.seasonal
    return Matrix(
        origins=o_ids, destinations=d_ids, value=out["value"], length_km=out["length"], time_h=out["time"],
        estimated_share=out["share"], uncertainty_km=out["unc"], seasonal=seasonal, no_link=no_link,
        method=describe_method(modes_t, weight, date),
    )
