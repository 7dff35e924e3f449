"""Geodesy on the WGS84 ellipsoid: the one place the package measures the Earth.

Every distance, length and area in coophelpers comes from here, through one
:class:`pyproj.Geod` (Karney's algorithms). Nothing here knows about regions or names: the
functions take degrees and shapely geometries and return kilometres.

Longitudes east of 180° are allowed throughout (Russia is continuous across the antimeridian:
Chukotka reaches about 191° E); :func:`unwrap_longitudes` makes a line continuous there.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers._errors import InvalidInputError

if TYPE_CHECKING:
    import numpy as np
    from pyproj import Geod

__all__ = [
    "ELLIPSOID",
    "area_km2",
    "geod",
    "geodesic_line",
    "inv_km",
    "length_km",
    "line_length_km",
    "nearest_boundary_km",
    "unwrap_longitudes",
]

#: The ellipsoid of every distance, length and area.
ELLIPSOID = "WGS84"
#: Above this many pairs :func:`inv_km` splits the work across the machine's cores: pyproj
#: releases the GIL in its inner loop, so two threads on two cores finish ~1.5x sooner.
PARALLEL_MIN_PAIRS = 2000
#: Equidistant conic projection over northern Asia, used only to *find* the nearest pair of
#: boundary points of two shapes; the distance between them is measured on the ellipsoid.
NEAREST_CRS = "+proj=eqdc +lat_0=45 +lat_1=25 +lat_2=60 +lon_0=105 +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=1)
def geod() -> Geod:
    """The package's :class:`pyproj.Geod` on :data:`ELLIPSOID` (made once)."""
    from pyproj import Geod

    return Geod(ellps=ELLIPSOID)


_POOL: list[tuple[ThreadPoolExecutor, int]] = []
_POOL_LOCK = threading.Lock()


def _pool() -> tuple[ThreadPoolExecutor, int]:
    """The worker threads of :func:`inv_km`, made once (under a lock: threads may ask at once)."""
    with _POOL_LOCK:
        if not _POOL:
            workers = max(1, min(4, os.cpu_count() or 1))
            _POOL.append((ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coophelpers-geod"), workers))
        return _POOL[0]


def inv_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Distances in km between point arrays of equal length (vectorised ``Geod.inv``).

    A single point (length 1) is measured against every point of the other side; empty arrays
    give an empty result.

    Examples
    --------
    >>> inv_km([55.7520], [37.6178], [39.9075], [116.3972]).round()  # Moscow - Beijing
    array([5808.])
    >>> inv_km([55.7520], [37.6178], [], []).shape
    (0,)
    """
    import numpy as np

    arrays = [np.asarray(x, dtype=float).ravel() for x in (lat1, lon1, lat2, lon2)]
    try:
        arrays = np.broadcast_arrays(*arrays)
    except ValueError as err:
        msg = (
            f"inv_km got coordinate arrays of lengths {[a.size for a in arrays]}. Give arrays of "
            "equal length (or one point against many)."
        )
        raise InvalidInputError(msg) from err
    lat1, lon1, lat2, lon2 = (np.ascontiguousarray(a) for a in arrays)
    if lat1.size == 0:
        return np.zeros(0)
    g = geod()
    if lat1.size < PARALLEL_MIN_PAIRS or (os.cpu_count() or 1) < 2:
        _, _, dist_m = g.inv(lon1, lat1, lon2, lat2)
        return np.asarray(dist_m, dtype=float) / 1000.0
    pool, workers = _pool()
    bounds = np.linspace(0, lat1.size, workers + 1, dtype=int)
    parts = pool.map(
        lambda lo_hi: g.inv(lon1[lo_hi[0]:lo_hi[1]], lat1[lo_hi[0]:lo_hi[1]], lon2[lo_hi[0]:lo_hi[1]], lat2[lo_hi[0]:lo_hi[1]])[2],
        zip(bounds[:-1], bounds[1:], strict=True),
    )
    return np.concatenate([np.asarray(p, dtype=float) for p in parts]) / 1000.0


def line_length_km(lons: Sequence[float], lats: Sequence[float]) -> float:
    """Length in km of the polyline through ``(lons[i], lats[i])`` on the ellipsoid."""
    return float(geod().line_length(list(lons), list(lats))) / 1000.0


def length_km(geometry: Any) -> float:
    """Geodesic length in km of a shapely line (or of a polygon's boundary); 0 for an empty one.

    Examples
    --------
    >>> from shapely import LineString
    >>> round(length_km(LineString([(126.63, 45.75), (127.53, 50.29)])))  # Harbin - Blagoveshchensk
    509
    """
    if geometry is None or geometry.is_empty:
        return 0.0
    return float(geod().geometry_length(geometry)) / 1000.0


def area_km2(geometry: Any) -> float:
    """Area in km² of a (multi)polygon on the ellipsoid (orientation does not matter)."""
    import shapely

    if geometry is None or geometry.is_empty:
        return 0.0
    area_m2, _ = geod().geometry_area_perimeter(shapely.orient_polygons(geometry))
    return abs(area_m2) / 1e6


def unwrap_longitudes(coords: Iterable[Sequence[float]]) -> list[tuple[float, float]]:
    """Shift longitudes by multiples of 360° so consecutive ``(lon, lat)`` vertices differ by at most 180°.

    A line that crosses the antimeridian (a sea route through the Bering Strait, a route to
    Chukotka) then runs on past 180° instead of jumping across the map.

    Examples
    --------
    >>> unwrap_longitudes([(179.0, 65.0), (-179.0, 66.0)])
    [(179.0, 65.0), (181.0, 66.0)]
    """
    out: list[tuple[float, float]] = []
    for lon, lat in coords:
        lon = float(lon)
        if out:
            prev = out[-1][0]
            while lon - prev > 180.0:
                lon -= 360.0
            while lon - prev < -180.0:
                lon += 360.0
        out.append((lon, float(lat)))
    return out


def geodesic_line(lat1: float, lon1: float, lat2: float, lon2: float, *, points: int = 24) -> Any:
    """A shapely LineString (lon, lat) along the geodesic between two points, continuous across 180°."""
    import shapely

    inner = geod().npts(lon1, lat1, lon2, lat2, points)
    coords = unwrap_longitudes([(lon1, lat1), *inner, (lon2, lat2)])
    shift = 360.0 * round((lon1 - coords[0][0]) / 360.0)
    return shapely.LineString([(x + shift, y) for x, y in coords])


def nearest_boundary_km(geoms_a: Any, geoms_b: Any) -> np.ndarray:
    """Geodesic distance (km) between the nearest points of paired shapes; 0 where they touch.

    The nearest pair of points is found on :data:`NEAREST_CRS` (shapely's ``shortest_line``,
    vectorised); the distance between the two points is then measured on the ellipsoid.
    """
    import numpy as np
    import shapely
    from pyproj import Transformer

    geoms_a, geoms_b = np.asarray(geoms_a), np.asarray(geoms_b)
    if len(geoms_a) == 0:
        return np.zeros(0)
    fwd = Transformer.from_crs("EPSG:4326", NEAREST_CRS, always_xy=True)
    inv = Transformer.from_crs(NEAREST_CRS, "EPSG:4326", always_xy=True)

    def project(xy: Any) -> Any:
        return np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))

    lines = shapely.shortest_line(shapely.transform(geoms_a, project), shapely.transform(geoms_b, project))
    coords = shapely.get_coordinates(lines).reshape(-1, 2, 2)
    lon1, lat1 = inv.transform(coords[:, 0, 0], coords[:, 0, 1])
    lon2, lat2 = inv.transform(coords[:, 1, 0], coords[:, 1, 1])
    dist = inv_km(lat1, lon1, lat2, lon2)
    dist[shapely.intersects(geoms_a, geoms_b)] = 0.0
    return dist
