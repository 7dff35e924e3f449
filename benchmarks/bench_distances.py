"""Benchmark: the geodesic distance matrix against plain Python loops, and route queries.

Run with ``.venv/bin/python benchmarks/bench_distances.py``. Goal of the transport issue: the
all-Chinese × all-Russian administrative-centre geodesic matrix at least 20x faster than a plain
Python loop over the same pairs. Three baselines are measured in the same run:

* the plain Python loop a user would write: ``geodesic_km(cn, ru)`` for every pair (the goal's
  baseline: the same places by code, one call per pair);
* a pure-Python loop of Vincenty's inverse formula on the WGS84 ellipsoid, on coordinates already
  looked up (it agrees with pyproj to well under a millimetre here);
* a loop of scalar ``pyproj.Geod.inv`` calls on looked-up coordinates (the same C code one pair at
  a time). Against it the gain is small: Karney's algorithm itself, not Python, is the cost.

It also times a network route query (warm caches, and the first query of a fresh graph);
``bench_network.py`` times the network against its own baselines.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import best_of, report  # noqa: E402

import coophelpers  # noqa: E402
from coophelpers import _network_graph  # noqa: E402


A_M = 6378137.0  # WGS84 semi-major axis
F = 1 / 298.257223563  # WGS84 flattening
B_M = A_M * (1 - F)


def vincenty_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Vincenty (1975) inverse on WGS84, pure Python (iterates to 1e-12 rad)."""
    u1 = math.atan((1 - F) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - F) * math.tan(math.radians(lat2)))
    lon_diff = math.radians(lon2 - lon1)
    lam = lon_diff
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cos_u1 * cos_u2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha if cos2_alpha else 0.0
        c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
        lam_prev = lam
        lam = lon_diff + (1 - c) * F * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - lam_prev) < 1e-12:
            break
    u_sq = cos2_alpha * (A_M**2 - B_M**2) / B_M**2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = big_b * sin_sigma * (
        cos_2sm + big_b / 4 * (cos_sigma * (-1 + 2 * cos_2sm**2)
                               - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2))
    )
    return B_M * big_a * (sigma - delta) / 1000.0


def main() -> int:
    from pyproj import Geod

    regions = coophelpers.load_regions()
    cn = sorted(regions.loc[regions["country"] == "CN", "code"])
    ru = sorted(regions.loc[regions["country"] == "RU", "code"])
    print(f"pairs: {len(cn)} Chinese x {len(ru)} Russian = {len(cn) * len(ru)}")

    coophelpers.distance_matrix(cn[:1], ru[:1])  # warm the region tables
    matrix = best_of(lambda: coophelpers.distance_matrix(cn, ru), repeat=7)

    def api_loop() -> list[float]:
        return [coophelpers.geodesic_km(a, b) for a in cn for b in ru]

    loop_api = best_of(api_loop, repeat=3)

    from coophelpers.regions import admin_centre

    coords_cn = [admin_centre(c) for c in cn]
    coords_ru = [admin_centre(c) for c in ru]
    geod = Geod(ellps="WGS84")

    def bare_loop() -> list[float]:
        return [geod.inv(a[1], a[0], b[1], b[0])[2] / 1000.0 for a in coords_cn for b in coords_ru]

    loop_bare = best_of(bare_loop, repeat=5)

    def python_loop() -> list[float]:
        return [vincenty_km(a[0], a[1], b[0], b[1]) for a in coords_cn for b in coords_ru]

    loop_python = best_of(python_loop, repeat=3)

    # same numbers?
    frame = coophelpers.distance_matrix(cn, ru)
    worst = max(abs(x - y) for x, y in zip(frame.to_numpy().ravel(), python_loop()))
    print(f"largest difference matrix vs pure-Python Vincenty: {worst * 1000:.4f} m")

    report("distance_matrix (vectorised pyproj.Geod.inv)", matrix)
    report("plain Python loop (Vincenty, pure Python)", loop_python)
    report("loop of geodesic_km(cn, ru) (public API per pair)", loop_api)
    report("loop of scalar Geod.inv on looked-up coordinates", loop_bare)
    ratio_api = loop_api / matrix
    print(f"ratio vs per-pair geodesic_km loop: {ratio_api:8.1f}x  (goal >= 20x: {'met' if ratio_api >= 20 else 'NOT met'})")
    print(f"ratio vs pure-Python Vincenty loop: {loop_python / matrix:8.1f}x")
    print(f"ratio vs scalar Geod.inv loop:      {loop_bare / matrix:8.1f}x")

    # route queries
    _network_graph.cached_state_graph.cache_clear()
    cold = best_of(lambda: (_network_graph.cached_state_graph.cache_clear(), coophelpers.route("Wuhan", "Kazan")), repeat=5)
    warm = best_of(lambda: coophelpers.route("Wuhan", "Kazan"), repeat=20)
    timed = best_of(lambda: coophelpers.route("Harbin", "Moscow", weight="time"), repeat=20)
    report("route('Wuhan', 'Kazan'), graph rebuilt", cold)
    report("route('Wuhan', 'Kazan'), warm", warm)
    report("route('Harbin', 'Moscow', weight='time'), warm", timed)
    net = best_of(
        lambda: coophelpers.distance_matrix(["CN-AH", "CN-JX", "CN-HB", "CN-HN", "CN-CQ", "CN-SC"],
                                            ["RU-TA", "RU-SAM", "RU-NIZ", "RU-BA"], method="network"),
        repeat=5,
    )
    report("network distance_matrix 6 x 4 (Yangtze x Volga)", net)
    print(f"route query vs geodesic matrix: one route costs {warm / matrix:.1f}x the whole geodesic matrix")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
