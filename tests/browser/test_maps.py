"""Maps saved by coophelpers.save_map, opened in headless Chromium with the network blocked."""

from __future__ import annotations

import os

import geopandas as gpd
import pytest
from shapely.geometry import box

from coophelpers import maps
from coophelpers import settings

XSS_IMG = '<img src=x onerror="window.__xss = 1">'
XSS_SCRIPT = "<script>window.__xss = 2</script>"
TRILINGUAL = {"name_en": "English", "name_zh": "中文", "name_ru": "Русский"}
PROV = {"sources": [{"name": "hand-made test shapes", "licence": "CC0"}], "build_date": "2025-01-31"}


@pytest.fixture
def shapes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name_en": ["Heilongjiang", XSS_IMG, XSS_SCRIPT, "Chukotka"],
            "name_zh": ["黑龙江省", "吉林省", "辽宁省", "楚科奇自治区"],
            "name_ru": ["Хэйлунцзян", "Гирин", "Ляонин", "Чукотский автономный округ"],
        },
        geometry=[
            box(121, 44, 134, 53),
            box(122, 41, 131, 44),
            box(118, 38, 125, 41),
            box(165, 62, 190, 70),  # crosses 180°
        ],
        crs="EPSG:4326",
    )


def _build(shapes: gpd.GeoDataFrame):
    m = maps.base_map(title=f"Test {XSS_SCRIPT}")
    maps.add_regions(m, shapes, name=f"Regions {XSS_IMG}", tooltip_fields=TRILINGUAL)
    maps.add_legend(m, XSS_IMG, [(XSS_SCRIPT, "#4c78a8", "square"), ("line", "red", "dashed")])
    return m


def _hover_shape(view, index: int) -> str:
    """Move the mouse to the centre of the index-th drawn shape; return the tooltip text."""
    page = view.page
    box_ = page.evaluate(
        """i => { const r = document.querySelectorAll('.leaflet-overlay-pane path')[i]
                  .getBoundingClientRect();
                  return [r.x + r.width / 2, r.y + r.height / 2]; }""",
        index,
    )
    page.mouse.move(600, 795)  # off any shape: the previous tooltip closes
    page.wait_for_selector(".leaflet-tooltip", state="detached")
    page.mouse.move(box_[0] - 3, box_[1] - 3)
    page.mouse.move(*box_)
    page.wait_for_selector(".leaflet-tooltip", state="visible")
    return page.inner_text(".leaflet-tooltip")


def test_saved_map_opens_offline_with_one_path_per_shape(tmp_path, shapes, offline_page):
    path = maps.save_map(_build(shapes), tmp_path / "test-map.html", provenance=PROV)
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    view.screenshot("test-map")
    view.assert_clean()
    assert view.page.locator(".leaflet-overlay-pane path").count() == len(shapes)
    # the offline basemap is drawn in its own pane, below the data
    assert view.page.locator(".leaflet-chBasemap-pane path").count() > 50
    # the provenance box is visible and its JSON twin parses
    assert view.page.locator(".ch-provenance").is_visible()
    record = view.page.evaluate(
        "JSON.parse(document.getElementById('provenance').textContent)"
    )
    assert record["build_date"] == "2025-01-31"
    assert view.page.locator(".leaflet-tile").count() == 0  # online tiles are off by default


def test_tooltip_shows_chinese_and_russian(tmp_path, shapes, offline_page):
    path = maps.save_map(_build(shapes), tmp_path / "tooltip.html", provenance=PROV)
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    text = _hover_shape(view, 0)
    assert "黑龙江省" in text
    assert "Хэйлунцзян" in text
    text = _hover_shape(view, 3)
    assert "楚科奇自治区" in text and "Чукотский" in text
    view.screenshot("tooltip")
    view.assert_clean()


def test_injected_names_show_as_text_and_run_nothing(tmp_path, shapes, offline_page):
    path = maps.save_map(_build(shapes), tmp_path / "xss.html", provenance=PROV)
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    assert _hover_shape(view, 1).count(XSS_IMG) == 1  # shown literally, as text
    assert XSS_SCRIPT in _hover_shape(view, 2)
    page = view.page
    assert XSS_IMG in page.inner_text(".ch-legend")
    assert XSS_SCRIPT in page.inner_text(".ch-legend")
    assert XSS_IMG in page.inner_text(".leaflet-control-layers")
    page.click(".ch-provenance summary")  # the sources box starts folded
    assert XSS_SCRIPT in page.inner_text(".ch-provenance")
    assert XSS_SCRIPT in page.title()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    view.screenshot("xss")
    view.assert_clean()


def test_two_saves_give_identical_bytes(tmp_path, shapes):
    a = maps.save_map(_build(shapes), tmp_path / "a.html", provenance=PROV)
    b = maps.save_map(_build(shapes), tmp_path / "b.html", provenance=PROV)
    assert a.read_bytes() == b.read_bytes()


def test_atomic_write_keeps_old_file_when_rendering_raises(tmp_path, shapes, monkeypatch):
    path = maps.save_map(_build(shapes), tmp_path / "keep.html", provenance=PROV)
    before = path.read_bytes()
    m = _build(shapes)

    def broken_render(*args, **kwargs):
        raise RuntimeError("simulated crash while rendering")

    monkeypatch.setattr(type(m.get_root()), "render", broken_render)
    with pytest.raises(RuntimeError, match="simulated crash"):
        maps.save_map(m, path, provenance=PROV)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.html"]


def test_regions_map_of_both_countries(tmp_path, offline_page):
    import coophelpers

    regions = coophelpers.load_regions()
    districts = coophelpers.load_federal_districts()
    m = maps.base_map(title="China and Russia: provincial units and federal subjects")
    maps.add_regions(m, regions, name="Regions", tooltip_fields=TRILINGUAL)
    maps.add_regions(
        m, districts, name="Federal districts", fill_opacity=0, color="#d62728", weight=2,
        dash_array="6 4", show=False, tooltip_fields={"name_en": "District"},
    )
    path = maps.save_map(m, tmp_path / "regions.html")
    assert maps.check_map_size(path) < settings.max_map_bytes
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    assert view.page.locator(".leaflet-overlay-pane path").count() == len(regions)
    idx = regions.index.get_loc(regions.index[regions["code"] == "CN-HL"][0])
    text = _hover_shape(view, idx)
    assert "黑龙江" in text and "Хэйлунцзян" in text
    view.screenshot("regions")
    # switching the districts layer on draws one path per district
    view.page.get_by_text("Federal districts").click()
    view.page.wait_for_timeout(300)
    count = view.page.locator(".leaflet-overlay-pane path").count()
    assert count == len(regions) + len(districts)
    view.assert_clean()


def test_a_choropleth_of_a_researchers_own_column_opens_offline_with_its_legend(tmp_path, offline_page):
    import numpy as np

    import coophelpers as ch

    regions = ch.load_regions()
    regions["gdp_growth"] = np.where(regions["country"] == "RU", regions["capital_lon"] / 30, np.nan)
    m = ch.base_map(title="Own indicator")
    ch.add_regions(m, regions, name="GDP growth", column="gdp_growth", scheme="quantiles", k=5,
                   tooltip_fields={"name_en": "English", "gdp_growth": "GDP growth"})
    path = maps.save_map(m, tmp_path / "choropleth.html")
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    legend = view.page.inner_text(".ch-legend")
    assert "gdp_growth" in legend and "Missing (31)" in legend  # the 31 Chinese units have no value
    fills = view.page.evaluate(
        "() => new Set([...document.querySelectorAll('.leaflet-overlay-pane path')].map(p => p.getAttribute('fill'))).size"
    )
    assert fills >= 6  # five classes and the missing colour
    view.screenshot("choropleth")
    view.assert_clean()
