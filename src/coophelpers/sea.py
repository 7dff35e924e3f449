"""Sea routes between the ports of south-east China and Russia's Northwestern district.

Distances come from the PyPI package ``searoute`` (Eurostat's MARNET maritime network; Apache-2.0):
the shortest path on MARNET, plus the great-circle approach legs from each port position to the
network. Two routings are offered:

``via="suez"``
    The usual route: Malacca, Bab-el-Mandeb, Suez, Gibraltar, the English Channel and the Baltic
    (for Murmansk and Arkhangelsk, around Norway). ``searoute``'s Arctic passage is blocked, as it
    is by default in ``searoute``.
``via="nsr"``
    The Northern Sea Route: ``searoute``'s default ``northwest`` restriction (its Arctic
    passages) is lifted and the southern canals and capes (Suez, Bab-el-Mandeb, Panama, the Cape
    of Good Hope, Magellan) are blocked, so the route must go through the Bering Strait and along
    the Russian Arctic coast. It is seasonal (summer–autumn, ice-class ships or escort).

Route lines are continuous across 180°: longitudes are unwrapped so the line never jumps across
the map (the Bering Strait lies at about 190° east).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data, places
from coophelpers._errors import InvalidInputError, NoRouteError, UnknownPlaceError
from coophelpers._names import NameIndex, short_repr
from coophelpers._validate import check_choice, check_choices, is_point, renamed_parameters
from coophelpers.geodesy import ELLIPSOID, line_length_km, unwrap_longitudes

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "MAIN_PORT",
    "NM_KM",
    "PASSAGE_NAMES",
    "VIAS",
    "SeaRoute",
    "length_matrix",
    "load_ports",
    "sea_distances",
    "sea_route",
]

PORTS_FILE = "ports.csv"
#: Routings :func:`sea_route` knows.
VIAS = ("suez", "nsr")
#: Kilometres in one nautical mile.
NM_KM = 1.852
#: ``searoute`` passage codes and their names.
PASSAGE_NAMES = {
    "malacca": "Strait of Malacca",
    "sunda": "Sunda Strait",
    "babalmandab": "Bab-el-Mandeb",
    "suez": "Suez Canal",
    "gibraltar": "Strait of Gibraltar",
    "bering": "Bering Strait",
    "northwest": "Arctic passage",
    "panama": "Panama Canal",
    "south_africa": "Cape of Good Hope",
    "chili": "Strait of Magellan",
    "ormuz": "Strait of Hormuz",
    "bosporus": "Bosporus",
}
#: Order in which passages are listed for an east-to-west voyage.
_PASSAGE_ORDER = ("malacca", "sunda", "ormuz", "babalmandab", "suez", "bosporus", "gibraltar",
                  "south_africa", "chili", "panama", "bering", "northwest")
_RESTRICTIONS = {
    "suez": ["northwest"],
    "nsr": ["suez", "babalmandab", "panama", "south_africa", "chili"],
}
#: Ports of each side of the maritime pairing (south-east China ↔ Northwestern district).
DEFAULT_ORIGINS = ("shanghai", "ningbo", "lianyungang", "fuzhou", "xiamen", "shenzhen", "guangzhou")
DEFAULT_DESTINATIONS = ("st-petersburg", "ust-luga", "kaliningrad", "murmansk", "arkhangelsk")
#: The main sea port of each coastal region (for region-to-region sea distances).
MAIN_PORT = {
    "CN-SH": "shanghai", "CN-ZJ": "ningbo", "CN-JS": "lianyungang", "CN-FJ": "xiamen",
    "CN-GD": "shenzhen", "CN-SD": "qingdao", "CN-HI": "haikou", "CN-GX": "qinzhou",
    "RU-SPE": "st-petersburg", "RU-LEN": "ust-luga", "RU-KGD": "kaliningrad",
    "RU-MUR": "murmansk", "RU-ARK": "arkhangelsk", "RU-PRI": "vladivostok",
}


@lru_cache(maxsize=1)
def _ports() -> pd.DataFrame:
    """The ports table as read (cached; never handed out, see :func:`load_ports`)."""
    ports = data.read_csv(PORTS_FILE, dtype=str, keep_default_na=False)
    ports["lat"] = ports["lat"].astype(float)
    ports["lon"] = ports["lon"].astype(float)
    return ports.set_index("id", drop=False)


def load_ports() -> gpd.GeoDataFrame:
    """Return the curated sea ports as points.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per port, indexed by ``id``: ``id``, names in three languages, ``country``, ``region``
        (ISO 3166-2), ``lat``, ``lon`` (a point on the water near the port), ``source``,
        ``as_of``, ``note`` and ``geometry``. Each call returns a new table, so changing it
        changes nothing else.

    Raises
    ------
    DataIntegrityError
        The curated file ``ports.csv`` is missing or damaged.

    Examples
    --------
    >>> ports = load_ports()
    >>> ports.loc["murmansk", ["name_ru", "region"]].tolist()
    ['Мурманск', 'RU-MUR']
    """
    import geopandas as gpd

    ports = _ports().copy()
    return gpd.GeoDataFrame(ports, geometry=gpd.points_from_xy(ports["lon"], ports["lat"]), crs="EPSG:4326")


_PORT_FIX = (
    "Give a port id or name such as 'shanghai' or 'Murmansk', or a region with one port such as 'RU-MUR' "
    "(load_ports() lists them)."
)


@lru_cache(maxsize=1)
def _name_index() -> NameIndex:
    """The ports' own names: for the suggestions of an unknown name."""
    index = NameIndex(what="port", error=UnknownPlaceError, fix=_PORT_FIX, quote=True)
    for row in _ports().itertuples(index=False):
        index.add(row.id, (row.id, row.name_en, row.name_zh, row.name_ru, row.name_en.split(" (")[0]))
    return index


def _resolve_port(port: Any, *, param: str) -> str:
    """Port id of a port id (as it is), or of a name read by the rule of :mod:`coophelpers.places`."""
    if is_point(port):
        msg = (
            f"{param}={short_repr(port)} is a point, but sea routes run between ports. Give a port "
            f"id or name such as 'shanghai' or 'Murmansk' (load_ports() lists them)."
        )
        raise InvalidInputError(msg)
    if isinstance(port, str) and port in _ports().index:
        return port
    found = places.locate(port, param=param, fix=_PORT_FIX, unknown=lambda: _name_index().unknown(port, param=param))
    if found.port is not None:
        return found.port
    if found.named_region is not None:
        return _region_port(port, found, param)
    nearest, km = places.nearest(found, _port_points())
    msg = (
        f"{param}={port!r} is {places.describe(found)}, which is not a port; the nearest port is "
        f"{_ports().at[nearest, 'name_en']} ({nearest!r}), {km:.0f} km away. Give {nearest!r} to sail "
        f"from there, or another port (load_ports() lists them): sea routes never move a place silently."
    )
    raise UnknownPlaceError(msg, [nearest])


def _port_points() -> dict[str, tuple[float, float]]:
    ports = _ports()
    return {pid: (float(lat), float(lon)) for pid, lat, lon in zip(ports.index, ports["lat"], ports["lon"])}


def _region_port(name: str, centre: places.Place, param: str) -> str:
    """The port of a region whose centre is not a port: its only port, else a clear error."""
    ports = _ports()
    code = centre.named_region
    matches = list(ports.index[ports["region"] == code])
    if len(matches) == 1:
        return matches[0]
    if matches:
        msg = f"{param}={name!r} is region {code}, which has several ports: {', '.join(matches)}. Name one."
        raise UnknownPlaceError(msg, matches)
    coastal = sorted(set(ports["region"]))
    nearest, km = places.nearest(centre, _port_points())
    msg = (
        f"{param}={name!r} is region {code}, which has no port in ports.csv (the nearest port to its "
        f"centre {centre.name} is {nearest!r}, {km:.0f} km away). Give a port id or name, or a region "
        f"with a port ({', '.join(coastal)})."
    )
    raise UnknownPlaceError(msg, [nearest])


@dataclass(frozen=True, eq=False)
class SeaRoute:
    """A sea route between two ports.

    Attributes
    ----------
    origin, destination
        Port ids.
    via
        ``"suez"`` or ``"nsr"``.
    length_km, length_nm
        Length in kilometres and nautical miles.
    passages
        Named straits, canals and the Arctic passage the route goes through, in voyage order.
    geometry
        :class:`shapely.geometry.LineString` (lon, lat), longitudes unwrapped across 180°.
    method
        How it was computed.
    """

    origin: str
    destination: str
    via: str
    length_km: float
    length_nm: float
    passages: tuple[str, ...]
    geometry: LineString = field(repr=False)
    method: str = ""


def _arctic_name(coords: list[tuple[float, float]]) -> str:
    """Name the Arctic leg: Northern Sea Route when it runs along Russia's Arctic coast."""
    arctic = [lon % 360.0 for lon, lat in coords if lat > 66.0]
    if arctic and sum(1 for lon in arctic if 30.0 <= lon <= 190.0) >= len(arctic) / 2:
        return "Northern Sea Route"
    return "Northwest Passage"


@lru_cache(maxsize=256)
def _compute(origin: str, destination: str, via: str) -> SeaRoute:
    import searoute
    from shapely.geometry import LineString

    ports = _ports()
    a, b = ports.loc[origin], ports.loc[destination]
    feature = searoute.searoute(
        [a["lon"], a["lat"]],
        [b["lon"], b["lat"]],
        units="km",
        restrictions=list(_RESTRICTIONS[via]),
        append_orig_dest=True,
        return_passages=True,
    )
    coords = unwrap_longitudes(feature["geometry"]["coordinates"])
    if len(coords) < 2 or not math.isfinite(float(feature["properties"].get("length", math.inf))):
        msg = f"searoute found no {via!r} route from {origin!r} to {destination!r}."
        raise NoRouteError(msg)
    found = set(feature["properties"].get("traversed_passages") or [])
    if via == "nsr" and "northwest" not in found:
        msg = f"No Northern Sea Route from {origin!r} to {destination!r}: searoute's shortest route avoids the Arctic."
        raise NoRouteError(msg)
    if via == "suez" and "suez" not in found:
        msg = f"No route via Suez from {origin!r} to {destination!r}: searoute's shortest route avoids the canal."
        raise NoRouteError(msg)
    names = []
    for code in _PASSAGE_ORDER:
        if code in found:
            names.append(_arctic_name(coords) if code == "northwest" else PASSAGE_NAMES[code])
    if coords[0][0] < coords[-1][0]:  # _PASSAGE_ORDER is for east-to-west voyages
        names.reverse()
    length_km = line_length_km([c[0] for c in coords], [c[1] for c in coords])
    return SeaRoute(
        origin=origin,
        destination=destination,
        via=via,
        length_km=length_km,
        length_nm=length_km / NM_KM,
        passages=tuple(names),
        geometry=LineString(coords),
        method=(
            f"sea route via {'Suez' if via == 'suez' else 'the Northern Sea Route'}: searoute "
            f"{searoute.__dict__.get('__version__', '1.6')} (Eurostat MARNET), length on the {ELLIPSOID} ellipsoid"
        ),
    )


@renamed_parameters(origin_port="origin", destination_port="destination")
def sea_route(origin: str, destination: str, *, via: str = "suez") -> SeaRoute:
    """Return the sea route between two ports.

    Parameters
    ----------
    origin, destination
        A port id (``"shanghai"``), or a name read by the rule of :mod:`coophelpers.places`: the
        port of that place (``"Murmansk"``, ``"圣彼得堡"``, ``"Vladivostok"``), or for a region its
        centre's port, else its only port (``"RU-MUR"``, ``"Shanghai"``). A place that is not a port
        is refused with the nearest port; :func:`load_ports` lists them.
    via
        ``"suez"`` (default) or ``"nsr"`` (Northern Sea Route through the Bering Strait).

    Returns
    -------
    SeaRoute
        Length in km and nautical miles on the WGS84 ellipsoid, the passages in voyage order, and
        a line continuous across 180°.

    Raises
    ------
    UnknownPlaceError
        An unknown or ambiguous name, or a place or region without a port (with the nearest port).
    InvalidInputError
        Unknown ``via``, or the same port twice.
    NoRouteError
        ``searoute`` found no route of that kind.

    Examples
    --------
    >>> r = sea_route("shanghai", "st-petersburg", via="nsr")
    >>> r.passages
    ('Bering Strait', 'Northern Sea Route')
    """
    via = check_choice(via, VIAS, param="via", what="routing")
    a = _resolve_port(origin, param="origin")
    b = _resolve_port(destination, param="destination")
    if a == b:
        msg = f"origin and destination are the same port ({a!r}); give two different ports."
        raise InvalidInputError(msg)
    return _compute(a, b, via)


def _port_list(value: Any, default: Sequence[str], *, param: str) -> list[str]:
    """Port ids for ``origins`` / ``destinations``: None (default ports), one port, or a sequence."""
    if value is None:
        value = default
    elif isinstance(value, str):
        value = [value]
    elif not isinstance(value, (Sequence, set, frozenset)) or is_point(value):
        msg = (
            f"{param} must be a port, a sequence of ports or None, got {type(value).__name__} "
            f"{short_repr(value)}. Give e.g. {param}=['shanghai', 'ningbo']."
        )
        raise InvalidInputError(msg)
    items = list(value)
    if not items:
        msg = f"{param}={value!r} is empty. Give at least one port, or None for the default ports."
        raise InvalidInputError(msg)
    return [_resolve_port(p, param=f"{param}[{i}]" if len(items) > 1 else param) for i, p in enumerate(items)]


#: Columns of :func:`sea_distances` (before ``nsr_saving_pct``).
_SEA_COLUMNS = ("origin", "destination", "via", "length_km", "length_nm", "passages", "method")


def sea_distances(
    origins: Sequence[str] | None = None,
    destinations: Sequence[str] | None = None,
    *,
    via: Sequence[str] | str = VIAS,
) -> pd.DataFrame:
    """Sea distances between every origin and destination port, for each routing.

    Parameters
    ----------
    origins, destinations
        Port ids or names, read as in :func:`sea_route`; default the main ports of south-east China
        (:data:`DEFAULT_ORIGINS`) and of the Northwestern district (:data:`DEFAULT_DESTINATIONS`).
    via
        ``"suez"``, ``"nsr"`` or both (default).

    Returns
    -------
    pandas.DataFrame
        One row per (origin, destination, via): ``origin``, ``destination``, ``via``,
        ``length_km``, ``length_nm``, ``passages`` (a tuple), ``method``; plus
        ``nsr_saving_pct`` (how much shorter the Northern Sea Route is than Suez) when both
        routings are asked for. A port paired with itself (it is in both lists) has a row with
        length 0, no passages and ``nsr_saving_pct`` NaN, as :func:`coophelpers.distance_matrix`
        gives 0 on its diagonal.

    Raises
    ------
    UnknownPlaceError
        An unknown port, or a place that is not a port (with the nearest port).
    InvalidInputError
        An unknown ``via`` or an empty list.

    Examples
    --------
    >>> table = sea_distances(["shanghai"], ["murmansk"])
    >>> table[["via", "length_km"]].round(-2).to_numpy().tolist(), float(table["nsr_saving_pct"].iloc[0])
    ([['suez', 22300.0], ['nsr', 12700.0]], 43.3)
    """
    import pandas as pd

    vias = check_choices(via, VIAS, param="via", what="routing", example=VIAS)
    o_ids = _port_list(origins, DEFAULT_ORIGINS, param="origins")
    d_ids = _port_list(destinations, DEFAULT_DESTINATIONS, param="destinations")
    rows = []
    for o in o_ids:
        for d in d_ids:
            for v in vias:
                if o == d:  # a port to itself: no voyage, 0 km (as in distance_matrix(method="sea"))
                    rows.append(
                        {
                            "origin": o, "destination": d, "via": v, "length_km": 0.0, "length_nm": 0.0,
                            "passages": (), "method": "same port: no voyage",
                        }
                    )
                    continue
                r = _compute(o, d, v)
                rows.append(
                    {
                        "origin": o, "destination": d, "via": v,
                        "length_km": round(r.length_km, 1), "length_nm": round(r.length_nm, 1),
                        "passages": r.passages, "method": r.method,
                    }
                )
    frame = pd.DataFrame(rows, columns=_SEA_COLUMNS)
    if {"suez", "nsr"} <= set(vias) and not frame.empty:
        wide = frame.pivot_table(index=["origin", "destination"], columns="via", values="length_km")
        saving = (1 - wide["nsr"] / wide["suez"].where(wide["suez"] > 0)) * 100  # a port to itself: NaN
        frame["nsr_saving_pct"] = [round(float(saving[(o, d)]), 1) for o, d in zip(frame["origin"], frame["destination"])]
    return frame


def length_matrix(origins: Sequence[Any], destinations: Sequence[Any], *, via: str = "suez") -> tuple[Any, str]:
    """Sea lengths in km between every origin and destination port (0 for a port to itself).

    The engine of :func:`coophelpers.distance_matrix` with ``method="sea"``.

    Parameters
    ----------
    origins, destinations
        Sequences of ports (ids, names, or regions with one port).
    via
        ``"suez"`` (default) or ``"nsr"``.

    Returns
    -------
    tuple
        ``(values, method)``: a float array of shape ``(len(origins), len(destinations))`` and a
        sentence saying how the lengths were made.

    Raises
    ------
    UnknownPlaceError
        An unknown port.

    Examples
    --------
    >>> values, method = length_matrix(["shanghai"], ["murmansk"], via="nsr")
    >>> round(float(values[0, 0]), -2), method
    (12700.0, 'sea route via the Northern Sea Route (searoute, Eurostat MARNET)')
    """
    import numpy as np

    via = check_choice(via, VIAS, param="via", what="routing")
    o_ids = [_resolve_port(p, param=f"origins[{i}]") for i, p in enumerate(origins)]
    d_ids = [_resolve_port(p, param=f"destinations[{i}]") for i, p in enumerate(destinations)]
    values = np.full((len(o_ids), len(d_ids)), np.nan)
    for i, o in enumerate(o_ids):
        for j, d in enumerate(d_ids):
            values[i, j] = 0.0 if o == d else _compute(o, d, via).length_km
    name = "Suez" if via == "suez" else "the Northern Sea Route"
    return values, f"sea route via {name} (searoute, Eurostat MARNET)"
