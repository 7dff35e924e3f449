"""The transport network's tables, place names and checks, shared by its public modules (private).

:mod:`coophelpers.network` (loading, routing), :mod:`coophelpers._network_graph` (the time model
and the searches) and :mod:`coophelpers.partners` build on these: the node and edge tables read
once from the curated files, the name index of places, and the checks of modes, dates and dwell
overrides.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data, places, settings
from coophelpers._errors import InvalidInputError, UnknownCrossingError, UnknownPlaceError
from coophelpers._names import NameIndex, normalise, short_repr, suggest
from coophelpers._validate import check_choices, is_point, partial_date, resolve_as_of

if TYPE_CHECKING:
    import pandas as pd

NODES_FILE = "network_nodes.csv"
EDGES_FILE = "network_edges.csv"
#: Every mode in the network (see :data:`coophelpers.network.MODES`).
MODES = ("rail", "road", "ferry")
#: Modes every routing function uses unless told otherwise: all of them.
DEFAULT_MODES = MODES
_EAEU = frozenset({"RU", "KZ", "BY", "AM", "KG"})
_GAUGE_OF_COUNTRY = {"CN": "1435"}  # every other country in the network runs 1520 mm track
#: Values of ``network_edges.csv`` ``seasonality`` that mark a link closed for part of the year
#: (``settings.seasonal_links`` says how routes treat them); ``year_round`` and
#: ``weather_dependent`` (train ferries stopped by storms) are year-round.
SEASONAL = ("summer_only", "winter_road", "ferry_and_ice_road")


def gauge_of_country(country: str) -> str:
    """Track gauge (mm, as text) of a country's railways: 1435 in China, 1520 elsewhere here."""
    return _GAUGE_OF_COUNTRY.get(country, "1520")


@lru_cache(maxsize=1)
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
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
        edges["country_from"].map(gauge_of_country) != edges["country_to"].map(gauge_of_country)
    )
    edges["eaeu_pair"] = edges["country_from"].isin(_EAEU) & edges["country_to"].isin(_EAEU)
    if "seasonality" not in edges:
        edges["seasonality"] = "year_round"
    edges["seasonal"] = edges["seasonality"].isin(SEASONAL)
    edges["uncertainty_km"] = (
        edges["uncertainty_km"].replace("", "nan").astype(float) if "uncertainty_km" in edges else float("nan")
    )
    edges = edges.set_index("id", drop=False)
    return nodes, edges


@lru_cache(maxsize=1)
def node_coords() -> dict[str, tuple[float, float]]:
    """Node id -> (lon, lat)."""
    nodes, _ = tables()
    return {k: (float(x), float(y)) for k, x, y in zip(nodes.index, nodes["lon"], nodes["lat"])}


def check_modes(modes: Any, *, param: str = "modes") -> tuple[str, ...]:
    return check_choices(modes, MODES, param=param, what="mode", example=DEFAULT_MODES)


def check_network_as_of(as_of: Any) -> _dt.date:
    return resolve_as_of(as_of, dataset="network")


def open_mask(edges: pd.DataFrame, date: _dt.date) -> pd.Series:
    opened = edges["opened_date"].map(lambda d: d is None or d <= date)
    closed = edges["closed_date"].map(lambda d: d is None or date < d)
    return opened & closed


@lru_cache(maxsize=64)
def usable_edges(date: _dt.date, modes: tuple[str, ...]) -> pd.DataFrame:
    """The edges of these modes open on ``date`` (cached: routes of one scenario share it)."""
    _, edges = tables()
    return edges[edges["mode"].isin(modes) & open_mask(edges, date)]


PLACE_FIX = (
    "Give a network node id or name (e.g. 'harbin', 'Manzhouli (rail)'), a place or region name in English, "
    "Chinese or Russian (e.g. 'Suifenhe', '哈尔滨', 'Heilongjiang') or an ISO code (e.g. 'RU-PRI'); "
    "load_places() lists the network's places."
)


@lru_cache(maxsize=1)
def place_index() -> NameIndex:
    nodes, _ = tables()
    index = NameIndex(what="place", error=UnknownPlaceError, fix=PLACE_FIX, quote=True)
    for row in nodes.itertuples(index=False):
        label = f"{row.name_en} ({row.id})" if row.name_en != row.id else row.id
        index.add(row.id, (row.id, row.name_en, row.name_zh, row.name_ru), label=label)
    return index


def node_label(node_id: str) -> str:
    return place_index().label(node_id)


@lru_cache(maxsize=1)
def node_modes() -> dict[str, frozenset[str]]:
    """Node id -> the modes of the links that meet there (on any date)."""
    _, edges = tables()
    out: dict[str, set[str]] = {}
    for a, b, mode in zip(edges["from"], edges["to"], edges["mode"]):
        out.setdefault(a, set()).add(mode)
        out.setdefault(b, set()).add(mode)
    return {k: frozenset(v) for k, v in out.items()}


def resolve_place(place: Any, *, param: str, modes: tuple[str, ...] | None = None) -> str:
    """Node id of a place: a node id as it is, else a name read by the rule of :mod:`coophelpers.places`.

    A region stands for the node of its administrative centre; a place with several nodes for the node
    its name names, else the first whose links use one of ``modes``; a place that is no node is refused
    with the nearest node and its distance.
    """
    if is_point(place):
        msg = (
            f"{param}={short_repr(place)} is a point, but routes run between places of the "
            f"network. Give a place name: a node id or name (e.g. 'harbin') or a region name or "
            f"ISO code (e.g. 'Heilongjiang'); for points use geodesic_km or nearest_crossings."
        )
        raise InvalidInputError(msg)
    if isinstance(place, str) and place in node_coords():
        return place
    found = places.locate(place, param=param, fix=PLACE_FIX, unknown=lambda: place_index().unknown(place, param=param))
    if found.named_region is not None:
        return _region_centre(found.named_region, place, param)
    named = place_index().exact.get(normalise(place), set()) & set(found.nodes)
    if len(named) == 1:
        return next(iter(named))
    usable = [n for n in found.nodes if modes is None or node_modes().get(n, frozenset()) & set(modes)]
    if usable or found.nodes:
        return (usable or list(found.nodes))[0]
    coords = {k: (lat, lon) for k, (lon, lat) in node_coords().items()}
    nearest, km = places.nearest(found, coords)
    msg = (
        f"{param}={place!r} is {places.describe(found)}, which is not a place of the transport network; "
        f"the nearest one is {node_label(nearest)!r}, {km:.0f} km away. Give {nearest!r} to route from "
        f"there, or another place (load_places() lists them): routes never move a place silently."
    )
    raise UnknownPlaceError(msg, [nearest])


class NoNodeError(UnknownPlaceError):
    """A known region whose administrative centre is not a place of the network (``region``: its code)."""

    def __init__(self, message: str, region: str) -> None:
        super().__init__(message, [])
        self.region = region


@lru_cache(maxsize=1)
def _centre_nodes() -> dict[str, str]:
    """Region code -> node id of its administrative centre, for the regions that have one."""
    nodes, _ = tables()
    centres = nodes[nodes["kind"] == "admin_centre"]
    out: dict[str, str] = {}
    for node_id, region in zip(centres.index, centres["region"]):
        out.setdefault(region, str(node_id))
    return out


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """Region code -> English name, for messages."""
    regions = data.read_csv("regions.csv", dtype=str, keep_default_na=False)
    return dict(zip(regions["code"], regions["name_en"]))


def region_label(code: str) -> str:
    """``"Guizhou (CN-GZ)"``."""
    name = region_names().get(code)
    return f"{name} ({code})" if name else code


def _region_centre(code: str, name: str, param: str) -> str:
    """The node of a region's administrative centre (NoNodeError if it has none)."""
    centre = _centre_nodes().get(code)
    if centre is not None:
        return centre
    msg = (
        f"{param}={name!r} is region {code}, which has no administrative centre in the "
        f"transport network. Give a nearby node instead; load_places() lists them (matrices "
        f"such as distance_matrix(method='network') give NaN for it and say why)."
    )
    raise NoNodeError(msg, code)


def crossing_ids() -> list[str]:
    _, edges = tables()
    return sorted(set(edges.loc[edges["crossing_id"] != "", "crossing_id"]))


def check_border_hours(border_hours: Any) -> dict[str, float]:
    if border_hours is None:
        return {}
    if not isinstance(border_hours, Mapping):
        msg = (
            f"border_hours must be a mapping {{crossing_id: hours}}, got "
            f"{type(border_hours).__name__} {short_repr(border_hours)}. Give e.g. "
            f"{{'manzhouli-zabaykalsk-rail': 12}}; default_border_hours() lists the crossings."
        )
        raise InvalidInputError(msg)
    known = crossing_ids()
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


def default_dwell(row: Mapping[str, Any]) -> float:
    if not row["crossing_id"]:
        return 0.0
    if row["country_from"] in _EAEU and row["country_to"] in _EAEU:
        return settings.eaeu_border_hours
    return settings.border_hours[row["mode"]]
