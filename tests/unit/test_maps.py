"""Unit tests of coophelpers.maps: offline HTML, determinism, escaping, atomic writes, errors."""

from __future__ import annotations

import base64
import json
import os
import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

import coophelpers
from coophelpers import maps
from coophelpers import MapBudgetError, _io, settings


def _provenance(page: str) -> dict:
    """The provenance record a saved page embeds as JSON."""
    found = re.search(r'<script type="application/json" id="provenance">(.*?)</script>', page, re.DOTALL)
    return json.loads(found.group(1))
from coophelpers._errors import InvalidInputError
from coophelpers.maps.output import external_refs

XSS = "<img src=x onerror=alert(1)>"
REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//", re.I)


@pytest.fixture
def shapes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name_en": ["Heilongjiang", XSS, "Chukotka"],
            "name_zh": ["黑龙江省", "吉林省", "楚科奇自治区"],
            "name_ru": ["Хэйлунцзян", "Гирин", "Чукотский автономный округ"],
            "colour": ["#d62728", "green", "rgb(31,119,180)"],
        },
        geometry=[box(121, 44, 134, 53), box(122, 41, 131, 44), box(170, 62, 190, 70)],
        crs="EPSG:4326",
    )


def _map(shapes: gpd.GeoDataFrame, **kwargs):
    m = maps.base_map(title="Test map", **kwargs)
    maps.add_regions(
        m,
        shapes,
        name="Regions",
        fill_color="colour",
        tooltip_fields={"name_en": "English", "name_zh": "中文", "name_ru": "Русский"},
    )
    maps.add_legend(m, "Legend", [("Members", "#d62728", "square"), ("Border", "black", "line")])
    return m


PROV = {"sources": [{"name": "Test shapes", "licence": "CC0", "as_of": "2024-06-30"}],
        "build_date": "2025-01-31"}


def test_save_map_is_offline_and_self_contained(tmp_path, shapes):
    path = maps.save_map(_map(shapes), tmp_path / "m.html", provenance=PROV)
    page = path.read_text(encoding="utf-8")
    assert not REMOTE.search(page), external_refs(page)
    assert external_refs(page) == []
    assert not re.search(r"<script[^>]*\bsrc=|<link[^>]*\bhref=", page)  # everything inline
    for lib in ("jquery", "bootstrap", "awesome-markers", "fontawesome"):
        assert lib not in page.lower()
    assert "Leaflet 1.9" in page  # inlined from the installed package
    assert "<title>Test map</title>" in page


def test_same_map_gives_identical_bytes(tmp_path, shapes):
    a = maps.save_map(_map(shapes), tmp_path / "a.html", provenance=PROV).read_bytes()
    m = _map(shapes)
    b = maps.save_map(m, tmp_path / "b.html", provenance=PROV).read_bytes()
    c = maps.save_map(m, tmp_path / "c.html", provenance=PROV).read_bytes()  # saved twice
    assert a == b == c
    assert not re.search(rb"[0-9a-f]{32}", a), "random folium ids left"


def test_build_date_from_source_date_epoch(tmp_path, shapes, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    page = maps.map_html(_map(shapes))
    record = _provenance(page)
    assert record["build_date"] == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InvalidInputError, match="SOURCE_DATE_EPOCH"):
        maps.map_html(_map(shapes))


def test_provenance_json_and_box(tmp_path, shapes):
    page = maps.save_map(_map(shapes), tmp_path / "m.html", provenance=PROV).read_text("utf-8")
    record = _provenance(page)
    assert record["build_date"] == "2025-01-31"
    names = [s["name"] for s in record["sources"]]
    assert "Test shapes" in names
    assert any("Natural Earth" in n for n in names)
    soft = {s["name"]: s["version"] for s in record["software"]}
    assert {"coophelpers", "folium", "Leaflet"} <= set(soft)
    assert "ch-provenance" in page


def test_data_text_is_escaped(tmp_path, shapes):
    m = _map(shapes)
    maps.add_legend(m, XSS, [(XSS, "#000", "circle")])
    page = maps.save_map(m, tmp_path / "m.html", provenance={"title": XSS}).read_text("utf-8")
    assert XSS not in page
    assert "<img src=x" not in page


def test_tooltip_html_escapes():
    out = maps.tooltip_html([("Name", XSS), ("中文", "黑龙江"), ("n", None)])
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<img" not in out
    assert out.startswith('<table class="ch-tt">')
    assert maps.tooltip_html({"a": 1}) == '<table class="ch-tt"><tr><th>a</th><td>1</td></tr></table>'


def test_atomic_write_keeps_old_file_when_render_fails(tmp_path, shapes, monkeypatch):
    path = maps.save_map(_map(shapes), tmp_path / "m.html", provenance=PROV)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(maps.output, "render_map", boom)
    with pytest.raises(RuntimeError, match="render failed"):
        maps.save_map(_map(shapes), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["m.html"]


def test_atomic_write_cleans_temp_file_when_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.html"
    target.write_text("old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        _io.atomic_write(target, b"new")
    assert target.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["x.html"]


def test_size_budget(tmp_path):
    small = tmp_path / "s.html"
    small.write_bytes(b"x" * 10)
    assert maps.check_map_size(small) == 10
    big = tmp_path / "b.html"
    big.write_bytes(b"x" * (settings.max_map_bytes + 1))
    with pytest.raises(MapBudgetError, match="over the 1.5 MB budget"):
        maps.check_map_size(big)


def test_chukotka_crosses_180(shapes):
    m = maps.base_map(bounds=shapes)
    (south, west), (north, east) = [b for b in m._children.values()
                                    if type(b).__name__ == "FitBounds"][0].bounds
    assert east == 190 and west == 121
    geoms, _ = maps._basemap.basemap_layer()
    east_max = max(g.bounds[2] for g in geoms)
    assert east_max > 185  # far-east pieces are shifted past 180°, not wrapped to -180


def test_basemap_is_small_and_tiles_off_by_default(tmp_path):
    page = maps.save_map(maps.base_map(), tmp_path / "b.html").read_text("utf-8")
    assert len(page.encode()) < 450_000
    assert "tile.openstreetmap.org" in page  # available as a layer ...
    assert re.search(r"var tile_layer_\d+ = L\.tileLayer\(", page)
    assert not re.search(r"tile_layer_\d+\.addTo\(", page)  # ... but not shown


def test_map_output(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.MAPS_DIR_ENV, str(tmp_path / "site" / "maps"))
    assert maps.map_output("01-regions") == tmp_path / "site" / "maps" / "01-regions.html"
    assert (tmp_path / "site" / "maps").is_dir()
    monkeypatch.delenv(settings.MAPS_DIR_ENV)
    monkeypatch.chdir(tmp_path)
    assert maps.map_output("x.html").resolve() == (tmp_path / "maps" / "x.html").resolve()


@pytest.mark.parametrize("name", ["../evil", "a/b", "", "x y", 3])
def test_map_output_rejects_unsafe_names(name):
    with pytest.raises(InvalidInputError, match="name="):
        maps.map_output(name)


def test_show_map_display_has_iframe_and_preview(shapes):
    html = maps.show_map(_map(shapes))._repr_html_()
    assert html.count("<iframe srcdoc=") == 1
    assert 'sandbox="allow-scripts"' in html
    uri = re.search(r'<img src="(data:image/png;base64,[^"]+)"', html).group(1)
    assert base64.b64decode(uri.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")  # a real PNG
    # the base map displays the same way on its own
    assert "<iframe srcdoc=" in _map(shapes)._repr_html_()


def test_lines_and_points_are_drawn(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"name": ["line", "point"]},
        geometry=[LineString([(120, 40), (135, 48)]), Point(127, 45)],
        crs="EPSG:4326",
    )
    m = maps.base_map()
    maps.add_regions(m, gdf, name="things", tooltip_fields=["name"])
    page = maps.map_html(m)
    assert '"LineString"' in page and '"Point"' in page


def test_reprojects_other_crs():
    gdf = gpd.GeoDataFrame({"n": [1]}, geometry=[box(120, 40, 121, 41)], crs="EPSG:4326")
    m = maps.base_map(basemap=False, tiles=False)
    layer = maps.add_regions(m, gdf.to_crs("EPSG:3857"), name="x")
    (elem,) = layer._children.values()
    assert elem.geoms[0].bounds == pytest.approx((120, 40, 121, 41))


def test_icon_markers_are_made_offline_with_only_the_font_they_use(tmp_path):
    import folium

    m = maps.base_map(basemap=False)
    folium.Marker([45, 125], icon=folium.Icon(color="red")).add_to(m)  # glyphicon by default
    glyph = maps.save_map(m, tmp_path / "glyph.html").read_text("utf-8")
    assert external_refs(glyph) == []
    assert "L.AwesomeMarkers" in glyph and "Glyphicons Halflings" in glyph
    assert "Font Awesome 6 Free" not in glyph and "fa-rotate-45" not in glyph
    assert "bootstrap.bundle" not in glyph and "Bootstrap v5" not in glyph  # Bootstrap 5 is not needed
    folium.Marker([46, 126], icon=folium.Icon(prefix="fa", icon="train", angle=45)).add_to(m)
    both = maps.save_map(m, tmp_path / "both.html").read_text("utf-8")
    assert external_refs(both) == []
    assert "Font Awesome 6 Free" in both and ".fa-rotate-45{transform:rotate(45deg)}" in both
    assert re.search(r"@font-face\{[^}]*Glyphicons Halflings[^}]*data:font/woff2;base64,", both)
    assert ".ttf" not in both  # WOFF2 only
    maps.save_map(m, tmp_path / "m.html", offline=False)  # the web links still work


def test_explore_categorical_legend_is_made_offline(tmp_path):
    gdf = gpd.GeoDataFrame({"kind": ["a", "b"]}, geometry=[box(120, 40, 121, 41), box(122, 40, 123, 41)], crs=4326)
    m = gdf.explore(column="kind", legend=True, tiles=None)
    page = maps.save_map(m, tmp_path / "m.html").read_text("utf-8")
    assert external_refs(page) == []
    assert "jQuery UI - v1.13" in page and page.index("jQuery v3.7") < page.index("jQuery UI - v1.13")
    assert "maplegend" in page
    online = m.get_root().render()  # the researcher's map is unchanged
    assert "code.jquery.com/ui" in online


def test_plain_folium_map_is_made_offline(tmp_path):
    import folium

    m = folium.Map(location=[50, 120], zoom_start=3, tiles=None)
    folium.CircleMarker([45, 125], radius=4, tooltip="x").add_to(m)
    folium.Marker([46, 126]).add_to(m)  # default Leaflet icon, inlined as data: URIs
    page = maps.save_map(m, tmp_path / "m.html").read_text("utf-8")
    assert external_refs(page) == []
    assert "L.Icon.Default.mergeOptions" in page


def test_provenance_json_is_valid_json(shapes):
    page = maps.map_html(_map(shapes), provenance={"title": "</script><b>", "notes": ["n"]})
    raw = re.search(r'id="provenance">(.*?)</script>', page, re.S).group(1)
    assert json.loads(raw)["title"] == "</script><b>"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda m, g: maps.save_map("not a map", "x.html"), "must be a folium.Map"),
        (lambda m, g: maps.save_map(m, "x.txt"), "does not end in '.html'"),
        (lambda m, g: maps.save_map(m, "x.html", provenance={"licence": "x"}), "unknown keys"),
        (lambda m, g: maps.save_map(m, "x.html", provenance={"build_date": "31/01/2025"}),
         "build_date"),
        (lambda m, g: maps.add_regions(m, g, name="x", tooltip_fields=["nope"]), "nope"),
        (lambda m, g: maps.add_regions(m, g, name="x", fill_color="not a colour!"), "colour"),
        (lambda m, g: maps.add_regions(m, g, name="x", fill_opacity=2), "fill_opacity"),
        (lambda m, g: maps.add_regions(m, g, name="x", dash_array="x"), "dash_array"),
        (lambda m, g: maps.add_regions(m, g.drop(columns="geometry"), name="x"), "GeoDataFrame"),
        (lambda m, g: maps.add_regions(m, g, name=""), "name="),
        (lambda m, g: maps.add_legend(m, "t", [("a", "#000", "star")]), "shape"),
        (lambda m, g: maps.add_legend(m, "t", [("a", "#000")]), "triple"),
        (lambda m, g: maps.add_legend(m, "t", [("a", "url(x)", "square")]), "colour"),
        (lambda m, g: maps.base_map(bounds=[[60, 120], [40, 150]]), "south < north"),
        (lambda m, g: maps.base_map(bounds="Russia"), "bounds="),
        (lambda m, g: maps.tooltip_html("abc"), "pairs="),
        (lambda m, g: maps.add_source(m, ""), "name"),
    ],
)
def test_bad_input_raises_clear_errors(tmp_path, shapes, monkeypatch, call, match):
    monkeypatch.chdir(tmp_path)
    m = maps.base_map(basemap=False)
    with pytest.raises(InvalidInputError, match=match):
        call(m, shapes)


# --- frames in other projections, invalid shapes, bad coordinates -----------------------------


@pytest.mark.parametrize("crs", ["EPSG:3857", "+proj=aea +lat_1=45 +lat_2=65 +lon_0=105", "EPSG:3576"])
def test_a_frame_in_a_projected_crs_saves_continuous_across_180(tmp_path, crs):
    ru = coophelpers.load_regions("RU")
    m = maps.base_map(basemap=False)
    maps.add_regions(m, ru.to_crs(crs), name="Russia")
    (south, west), (north, east) = m.get_bounds()
    assert west > 15 and east > 185, (west, east)  # Chukotka east of 180, not wrapped to -180
    page = maps.save_map(m, tmp_path / "projected.html").read_text(encoding="utf-8")
    assert 'id="coophelpers-preview"' in page  # the static preview clipped the shapes without error


def test_invalid_shapes_are_repaired_not_refused(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Polygon

    bowtie = Polygon([(120, 40), (130, 50), (130, 40), (120, 50)])
    assert not bowtie.is_valid
    gdf = gpd.GeoDataFrame({"name_en": ["bow-tie"]}, geometry=[bowtie], crs="EPSG:4326")
    m = maps.base_map(basemap=False)
    maps.add_regions(m, gdf, name="Self-intersecting", tooltip_fields=["name_en"])
    assert maps.save_map(m, tmp_path / "bowtie.html").stat().st_size > 0


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_missing_or_infinite_coordinates_get_an_error_naming_gdf(bad):
    import warnings

    import geopandas as gpd
    from shapely.geometry import Polygon

    with warnings.catch_warnings():  # shapely warns while building the bad polygon itself
        warnings.simplefilter("ignore", RuntimeWarning)
        shape = Polygon([(120, 40), (bad, 50), (130, 40)])
    gdf = gpd.GeoDataFrame({"name_en": ["bad"]}, geometry=[shape], crs="EPSG:4326")
    with pytest.raises(InvalidInputError, match=r"gdf has shapes with missing or infinite coordinates \(rows \[0\]"):
        maps.add_regions(maps.base_map(basemap=False), gdf, name="Bad")
