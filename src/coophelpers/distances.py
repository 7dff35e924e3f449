"""Distances between places: geodesics on the WGS84 ellipsoid and labelled distance matrices.

Every distance says its method:

``"geodesic"``
    Shortest path on the WGS84 ellipsoid (Karney's algorithm in :class:`pyproj.Geod`), between
    administrative centres for regions. Vectorised: one call to ``Geod.inv`` for a whole matrix.
``"network"``
    Length of the shortest route through the curated rail, road and ferry network
    (:mod:`coophelpers.network`), crossing the border at real crossings.
``"sea"``
    Sea distance between ports with the ``searoute`` package (:mod:`coophelpers.sea`).

Places are given as ``(lat, lon)`` pairs in degrees or by name, read by the one rule of
:mod:`coophelpers.places` (the same in every helper): a region's name or ISO 3166-2 code stands for
its administrative centre, any other name for a place of the gazetteer (a city, network node, port or
crossing side, in English, Chinese or Russian: ``"Harbin"``, ``"哈尔滨"``, ``"Суйфэньхэ"``).
``"network"`` uses the place's network node and also takes node ids; ``"sea"`` uses its port and also
takes port ids. Points are for ``"geodesic"`` only.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from coophelpers import network, sea
from coophelpers._errors import InvalidInputError
from coophelpers._network_graph import place_matrix
from coophelpers._names import short_repr
from coophelpers._validate import check_choice, is_numbers, renamed_parameters
from coophelpers._validate import is_point as _is_point
from coophelpers.geodesy import ELLIPSOID, inv_km
from coophelpers.regions import admin_centre

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LABEL_DECIMALS", "METHODS", "distance_matrix", "geodesic_km", "unique_labels"]

#: The distance methods :func:`distance_matrix` knows, in the order the docs list them.
METHODS = ("geodesic", "network", "sea")


def _latlon_of(place: Any, *, param: str) -> tuple[float, float]:
    """Coordinates of one place: a ``(lat, lon)`` pair, or a place or region name / code."""
    if isinstance(place, (str, tuple, list)) or is_numbers(place) or type(place).__name__ == "Point":
        return admin_centre(place, param=param)
    msg = (
        f"{param} must be a (lat, lon) pair of numbers, a place name such as 'Harbin' or a region "
        f"name or ISO code such as 'Heilongjiang' or 'RU-PRI', got {type(place).__name__} "
        f"{short_repr(place)}. Give e.g. (45.75, 126.63), 'Harbin' or 'CN-HL'."
    )
    raise InvalidInputError(msg)


def _as_places(value: Any, *, param: str) -> tuple[list[Any], bool]:
    """Split ``value`` into a list of single places; the flag says whether it was one place."""
    if _is_point(value) or isinstance(value, str) or type(value).__name__ == "Point":
        return [value], True
    if isinstance(value, np.ndarray) and value.size == 0 and (value.ndim == 1 or (value.ndim == 2 and value.shape[1] == 2)):
        return [], False  # no points (an array filtered down to nothing): an empty result
    if is_numbers(value):
        msg = (
            f"{param}={short_repr(value)} is {len(value)} number(s), not a point: a point is a "
            f"(lat, lon) pair, and several points are a list of pairs. Give e.g. (45.75, 126.63) "
            f"or [(45.75, 126.63), (43.12, 131.89)]."
        )
        raise InvalidInputError(msg)
    if hasattr(value, "columns"):  # a (Geo)DataFrame: say which column to pass
        msg = (
            f"{param} is a table, {short_repr(value)}. Give one column or a list of places: "
            f"{param}=frame['code'] for regions, or list(zip(frame['lat'], frame['lon'])) for points."
        )
        raise InvalidInputError(msg)
    if isinstance(value, np.ndarray):
        if value.ndim == 2 and value.shape[1] == 2:
            return [tuple(row) for row in value.tolist()], False
        if value.ndim == 1 and value.dtype.kind in "OUS":
            return list(value), False
        msg = (
            f"{param} as an array must have shape (n, 2) of (lat, lon) rows, got shape {value.shape}. "
            f"Give an (n, 2) array, e.g. np.column_stack([lats, lons])."
        )
        raise InvalidInputError(msg)
    if isinstance(value, Mapping):
        msg = (
            f"{param} must be a place or a sequence of places, not a mapping "
            f"{short_repr(value, 60)}; pass list(mapping.values()) (distance_matrix takes mappings)."
        )
        raise InvalidInputError(msg)
    try:
        import pandas as pd

        if isinstance(value, (pd.Series, pd.Index)):
            return list(value), False
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        items = list(value)
        if not items:
            msg = f"{param}={value!r} is empty; give at least one place."
            raise InvalidInputError(msg)
        return items, False
    msg = (
        f"{param} must be a (lat, lon) pair, a region name or code, or a sequence of these, "
        f"got {type(value).__name__} {short_repr(value)}. Give e.g. (45.75, 126.63), 'CN-HL' or "
        f"['CN-HL', 'RU-PRI']."
    )
    raise InvalidInputError(msg)


def _coords(places: list[Any], *, param: str) -> np.ndarray:
    """``(n, 2)`` array of (lat, lon) for a list of places (names resolved once each)."""
    out = np.empty((len(places), 2), dtype=float)
    for i, place in enumerate(places):
        out[i] = _latlon_of(place, param=f"{param}[{i}]" if len(places) > 1 else param)
    return out


@renamed_parameters(a="origin", b="destination")
def geodesic_km(origin: Any, destination: Any) -> float | np.ndarray:
    """Distance in km on the WGS84 ellipsoid between places.

    Parameters
    ----------
    origin, destination
        A place or a sequence of places. A place is a ``(lat, lon)`` pair in degrees or a name read
        by the rule of :mod:`coophelpers.places`: a region name or ISO 3166-2 code stands for its
        administrative centre (``"Heilongjiang"``, ``"CN-HL"``), any other name for a place of the
        gazetteer (``"Harbin"``, ``"哈尔滨"``, ``"Suifenhe"``, ``"Jilin City"``). An ``(n, 2)``
        array is ``n`` points.

    Returns
    -------
    float or numpy.ndarray
        A float when both are single places; otherwise an array: element-wise when both are
        sequences of the same length, one-to-many when one of them is a single place. An empty
        array of points (shape ``(0, 2)``) gives an empty array; an empty list is refused.

    Raises
    ------
    InvalidInputError
        A coordinate is out of range or not a number, or the two sequences differ in length.
    UnknownPlaceError
        A name is not known (the message suggests the nearest names) or is ambiguous (it lists the
        candidates); it is also an ``UnknownRegionError``.

    Examples
    --------
    >>> round(geodesic_km((55.7520, 37.6178), (39.9075, 116.3972)))  # Moscow - Beijing
    5808
    >>> round(geodesic_km("Harbin", "绥芬河")), round(geodesic_km("Heilongjiang", "Суйфэньхэ"))
    (385, 385)
    >>> geodesic_km("RU-MOW", ["CN-BJ", "CN-SH"]).round()
    array([5808., 6831.])
    """
    places_a, single_a = _as_places(origin, param="origin")
    places_b, single_b = _as_places(destination, param="destination")
    if not single_a and not single_b and len(places_a) != len(places_b):
        msg = (
            f"origin and destination have different lengths ({len(places_a)} and {len(places_b)}). "
            f"Give sequences of equal length for element-wise distances, or use "
            f"distance_matrix(origins, destinations) for all pairs."
        )
        raise InvalidInputError(msg)
    xa = _coords(places_a, param="origin")
    xb = _coords(places_b, param="destination")
    # one place against a sequence: that place repeated (a sequence may be empty: then so is the result)
    n = len(xb) if single_a else len(xa)
    if single_a:
        xa = np.repeat(xa, n, axis=0)
    elif single_b:
        xb = np.repeat(xb, n, axis=0)
    dist = inv_km(xa[:, 0], xa[:, 1], xb[:, 0], xb[:, 1])
    if single_a and single_b:
        return float(dist[0])
    return dist


#: Decimals of the ``"lat, lon"`` label of a point; more where two points would share a label.
LABEL_DECIMALS = 4


def _point_label(place: Any, decimals: int) -> str:
    return f"{float(place[0]):.{decimals}f}, {float(place[1]):.{decimals}f}"


def _labels(places: list[Any]) -> list[str]:
    """Row or column labels of ``places``, unique (see :func:`unique_labels`)."""
    out = []
    for place in places:
        if isinstance(place, str):
            out.append(place)
        elif _is_point(place):
            out.append(_point_label(place, LABEL_DECIMALS))
        else:
            out.append(str(place))
    # different points that round to one label get more decimals (up to 10); the same point
    # given twice keeps its label and gets a suffix below
    for label in {x for x in out if out.count(x) > 1}:
        rows = [i for i, x in enumerate(out) if x == label and _is_point(places[i])]
        distinct = len({(float(places[i][0]), float(places[i][1])) for i in rows})
        finer = [out[i] for i in rows]
        for decimals in range(LABEL_DECIMALS + 1, 11) if distinct > 1 else ():
            finer = [_point_label(places[i], decimals) for i in rows]
            if len(set(finer)) == distinct:
                break
        for i, text in zip(rows, finer):
            out[i] = text
    return unique_labels(out)


def unique_labels(labels: Sequence[str]) -> list[str]:
    """``labels`` with repeats told apart: the second ``'CN-HL'`` becomes ``'CN-HL (2)'``, and so on.

    Examples
    --------
    >>> unique_labels(["CN-HL", "RU-PRI", "CN-HL"])
    ['CN-HL', 'RU-PRI', 'CN-HL (2)']
    """
    taken = set(labels)
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        if seen[label] == 1:
            out.append(label)
            continue
        number = seen[label]
        while f"{label} ({number})" in taken:
            number += 1
        out.append(f"{label} ({number})")
        taken.add(out[-1])
    return out


def _labelled(value: Any, *, param: str) -> tuple[list[Any], list[str]]:
    if isinstance(value, Mapping):
        if not value:
            msg = f"{param}={value!r} is empty; give at least one place."
            raise InvalidInputError(msg)
        return list(value.values()), unique_labels([str(k) for k in value])
    places, _ = _as_places(value, param=param)
    return places, _labels(places)


def distance_matrix(
    origins: Any,
    destinations: Any,
    *,
    method: str = "geodesic",
    modes: Sequence[str] | str | None = None,
    as_of: _dt.date | str | None = None,
    via: str = "suez",
) -> pd.DataFrame:
    """Distances in km from every origin to every destination, as a labelled table.

    Parameters
    ----------
    origins, destinations
        A place or a sequence of places, or a mapping ``{label: place}``; names are read by the
        rule of :mod:`coophelpers.places`, the same for every method (a region stands for its
        administrative centre; ``"network"`` uses the place's network node, ``"sea"`` its port, and
        a place that is neither is refused with the nearest one). Rows and columns are
        labelled with the mapping's keys, else with the names as given (points as ``"lat, lon"``
        with 4 decimals). Labels are unique: points that share a label at 4 decimals get as
        many more (up to 10) as tell them apart, and a place given twice gets ``" (2)"``,
        ``" (3)"``, ... on its repeats. An empty array of points gives an empty table.
    method
        ``"geodesic"`` (default), ``"network"`` or ``"sea"``; see the module docstring.
    modes
        ``"network"`` only: the modes the route may use; default
        :data:`coophelpers.network.DEFAULT_MODES` (rail, road and ferry, as in
        :func:`coophelpers.route`, with seasonal links only where nothing else reaches), so that
        regions without a land link (Kamchatka, Chukotka, Sakhalin, Kaliningrad) still get a
        distance, the same as ``route(o, d).length_km``.
    as_of
        ``"network"`` only: use the links open on that date (ISO string or ``datetime.date``).
    via
        ``"sea"`` only: ``"suez"`` or ``"nsr"`` (Northern Sea Route).

    Returns
    -------
    pandas.DataFrame
        Float km, index = origins, columns = destinations; ``NaN`` where the network has no path
        (or a region has no place in it). ``attrs["method"]`` says how the numbers were made; for
        ``"network"``, ``attrs["no_link"]`` maps each ``(origin, destination)`` label pair that is
        NaN to the reason, naming the places (e.g. which excluded links would join them).

    Raises
    ------
    InvalidInputError
        Unknown method, or an option that the method does not use.
    UnknownPlaceError
        A place is not known (with suggestions), is ambiguous (with the candidates), or, for
        ``"network"`` and ``"sea"``, is not a node or port (with the nearest one). It is also an
        ``UnknownRegionError``.

    Examples
    --------
    >>> centres = {"Harbin": "CN-HL", "Beijing": "CN-BJ"}   # regions stand for their centres
    >>> distance_matrix(centres, {"Vladivostok": "RU-PRI", "Moscow": "RU-MOW"}).round()
    destination  Vladivostok  Moscow
    origin
    Harbin             509.0  5936.0
    Beijing           1338.0  5808.0
    >>> net = distance_matrix("CN-HL", ["RU-PRI", "RU-MOW"], method="network", as_of="2024-01-01")
    >>> net.attrs["method"], net.attrs["no_link"]
    ('rail + road + ferry network, shortest by length, as of 2024-01-01', {})
    """
    import pandas as pd

    method = check_choice(method, METHODS, param="method", what="distance method")
    if method != "network" and (modes is not None or as_of is not None):
        msg = (
            f"modes and as_of apply to method='network' only, not to method={method!r}. "
            f"Drop them or use method='network'."
        )
        raise InvalidInputError(msg)
    if method != "sea" and via != "suez":
        msg = f"via applies to method='sea' only, not to method={method!r}. Drop it or use method='sea'."
        raise InvalidInputError(msg)
    o_places, o_labels = _labelled(origins, param="origins")
    d_places, d_labels = _labelled(destinations, param="destinations")
    if method == "geodesic":
        xo = _coords(o_places, param="origins")
        xd = _coords(d_places, param="destinations")
        lat1 = np.repeat(xo[:, 0], len(xd))
        lon1 = np.repeat(xo[:, 1], len(xd))
        lat2 = np.tile(xd[:, 0], len(xo))
        lon2 = np.tile(xd[:, 1], len(xo))
        values = inv_km(lat1, lon1, lat2, lon2).reshape(len(xo), len(xd))
        label = f"geodesic on the {ELLIPSOID} ellipsoid (pyproj.Geod)"
    elif method == "network":
        modes = network.DEFAULT_MODES if modes is None else modes
        result = place_matrix(o_places, d_places, modes=modes, as_of=as_of)
        values, label = result.value, result.method
    else:
        values, label = sea.length_matrix(o_places, d_places, via=via)
    frame = pd.DataFrame(values, index=pd.Index(o_labels, name="origin"), columns=pd.Index(d_labels, name="destination"))
    frame.attrs["method"] = label
    frame.attrs["unit"] = "km"
    if method == "network":
        frame.attrs["no_link"] = {(o_labels[i], d_labels[j]): why for (i, j), why in result.no_link.items()}
    return frame
