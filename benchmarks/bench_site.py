"""Benchmark the shareable site: full build time, and each map's size against plain folium.

Run from the repository root::

    .venv/bin/python benchmarks/bench_site.py [--notebooks notebooks] [--keep DIR]

1. Builds the whole site (every notebook executed with a Jupyter kernel) into a temporary
   folder and prints the wall time and every file's size.
2. For every map page it builds the *same map the plain-folium way* and saves it with
   ``folium.Map.save``: each region or district shape drawn by coophelpers is replaced by its
   unsimplified source geometry (``detail="full"``: matched by shape against the web detail),
   other shapes and folium's own markers and lines are copied as they are, tooltips become a
   ``GeoJsonTooltip``, and folium links Leaflet, jQuery and Bootstrap from CDNs (so the
   baseline does not even work offline). The offline basemap is not copied (plain folium
   would use web tiles instead), which makes the baseline smaller, not larger.
   Printed: our size, the baseline's size and the ratio baseline / ours.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _decode(payload: dict) -> list[dict]:
    """Python twin of the page's ``coophelpersDecode``: GeoJSON features."""
    scale = payload["s"]
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
             "Polygon": 2, "MultiPolygon": 3}

    def line(a: list[int]) -> list[list[float]]:
        out, x, y = [], 0, 0
        for i in range(0, len(a), 2):
            x += a[i]
            y += a[i + 1]
            out.append([x / scale, y / scale])
        return out

    def dec(c, k):
        if k == 0:
            return [c[0] / scale, c[1] / scale]
        if k == 1:
            return line(c)
        return [dec(e, k - 1) for e in c]

    features = payload["f"]
    for f in features:
        f["geometry"]["coordinates"] = dec(f["geometry"]["coordinates"], depth[f["geometry"]["type"]])
    return features


def _layers(page: str) -> list[tuple[list[dict], bool]]:
    """(features, is_basemap) for every coophelpers layer in a saved map page."""
    decoder = json.JSONDecoder()
    out = []
    for match in re.finditer(r"coophelpersDecode\(", page):
        if page[match.start() - 9 : match.start()] == "function ":
            continue
        payload, end = decoder.raw_decode(page, match.end())
        options = page[end : end + 200]
        out.append((_decode(payload), '"chBasemap"' in options))
    return out


def _folium_vectors(page: str) -> tuple[list[list[float]], list[list]]:
    """Locations of folium's own circle markers and polylines in a saved page."""
    decoder = json.JSONDecoder()
    circles, lines = [], []
    for match in re.finditer(r"L\.(circleMarker|circle|polyline)\(\s*", page):
        try:
            value, _ = decoder.raw_decode(page, match.end())
        except json.JSONDecodeError:
            continue
        (circles if match.group(1) != "polyline" else lines).append(value)
    return circles, lines


def _full_geometry_index():
    """Web-detail shapes (STRtree) and their full-detail twins, regions and districts."""
    import shapely

    import coophelpers

    web, full = [], []
    for detail, target in (("web", web), ("full", full)):
        regions = coophelpers.load_regions(detail=detail, include_disputed=True, include_sar=True)
        districts = coophelpers.load_federal_districts(detail=detail)
        target.extend(list(regions.geometry.values) + list(districts.geometry.values))
    return shapely.STRtree(web), web, full


def _match_full(geom, index) -> object:
    """The full-detail twin of a web-detail shape drawn on the map, or the shape itself."""
    tree, web, full = index
    best, best_iou = None, 0.0
    for i in tree.query(geom):
        candidate = web[int(i)]
        inter = candidate.intersection(geom).area
        union = candidate.union(geom).area
        iou = inter / union if union else 0.0
        if iou > best_iou:
            best, best_iou = int(i), iou
    return full[best] if best is not None and best_iou > 0.98 else geom


def _plain_folium_size(page: str, index, workdir: Path, name: str) -> tuple[int, int, int]:
    """Save the same map with plain folium from full geometry; return (bytes, shapes, full)."""
    import folium
    import geopandas as gpd
    from shapely.geometry import shape

    m = folium.Map(location=[55, 105], zoom_start=3)  # plain folium: OSM tiles from the web
    shapes = replaced = 0
    for features, is_basemap in _layers(page):
        if is_basemap:
            continue
        rows = []
        for f in features:
            geom = shape(f["geometry"])
            if geom.geom_type in ("Polygon", "MultiPolygon"):
                twin = _match_full(geom, index)
                replaced += twin is not geom
                geom = twin
            rows.append({"tooltip": f["properties"].get("t", ""), "geometry": geom})
            shapes += 1
        if not rows:
            continue
        gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
        folium.GeoJson(
            gdf.to_json(),
            tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False),
        ).add_to(m)
    circles, lines = _folium_vectors(page)
    for loc in circles:
        folium.CircleMarker(loc, radius=5).add_to(m)
    for locs in lines:
        folium.PolyLine(locs).add_to(m)
    folium.LayerControl().add_to(m)
    path = workdir / f"plain-{name}"
    m.save(str(path))
    return path.stat().st_size, shapes + len(circles) + len(lines), replaced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--keep", type=Path, default=None, help="build the site here and keep it")
    args = parser.parse_args(argv)

    from coophelpers.site import build_site

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        tmp_path = Path(tmp)
        out = args.keep or tmp_path / "site"
        notebooks = sorted(args.notebooks.glob("*.ipynb"))
        start = time.perf_counter()
        build_site(out, notebooks=args.notebooks, progress=False)
        seconds = time.perf_counter() - start
        print(f"Full site build: {len(notebooks)} notebooks in {seconds:.1f} s "
              f"({seconds / max(len(notebooks), 1):.1f} s per notebook)")
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(f"Site size: {total / 1e6:.2f} MB in {sum(1 for p in out.rglob('*') if p.is_file())} files")
        print()

        from coophelpers import maps

        empty = maps.save_map(maps.base_map(), tmp_path / "empty.html").stat().st_size
        print(f"Fixed cost of a self-contained map (inlined Leaflet + offline basemap + CSS), "
              f"from an empty base_map(): {empty / 1e6:.2f} MB. Plain folium pays none of it "
              "in the file: it loads Leaflet, jQuery, Bootstrap and tiles from the web, so maps "
              "with little geometry are smaller there but blank offline.")
        print()
        index = _full_geometry_index()
        header = f"{'map':<40} {'ours':>9} {'plain folium':>13} {'ratio':>7}  shapes (full-detail)"
        print(header)
        print("-" * len(header))
        ratios = []
        for path in sorted((out / "maps").glob("*.html")):
            page = path.read_text(encoding="utf-8")
            ours = path.stat().st_size
            plain, shapes, replaced = _plain_folium_size(page, index, tmp_path, path.name)
            ratio = plain / ours
            ratios.append(ratio)
            print(f"{path.name:<40} {ours / 1e6:7.2f}MB {plain / 1e6:11.2f}MB {ratio:6.1f}x"
                  f"  {shapes} ({replaced})")
        if ratios:
            print("-" * len(header))
            print(f"largest map: {max(p.stat().st_size for p in (out / 'maps').glob('*.html')) / 1e6:.2f} MB "
                  f"(budget 1.50 MB); ratio plain folium / ours: min {min(ratios):.1f}x, "
                  f"max {max(ratios):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
