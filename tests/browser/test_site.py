"""``coophelpers site``: build a small site from temporary notebooks and open every page offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coophelpers._errors import SiteBuildError
from coophelpers.site import SITE_MARKER, build_site

pytestmark = pytest.mark.slow

XSS = '<img src=x onerror="window.__xss = 1">'

MAP_CELL = f"""\
import geopandas as gpd
from shapely.geometry import box
from coophelpers import maps

shapes = gpd.GeoDataFrame(
    {{"name_en": ["Heilongjiang", {XSS!r}, "Chukotka"],
     "name_zh": ["黑龙江省", "吉林省", "楚科奇自治区"],
     "name_ru": ["Хэйлунцзян", "Гирин", "Чукотский автономный округ"]}},
    geometry=[box(121, 44, 134, 53), box(122, 41, 131, 44), box(165, 62, 190, 70)],
    crs="EPSG:4326")
m = maps.base_map(title="Site test map " + {XSS!r})
maps.add_regions(m, shapes, name="Regions",
                 tooltip_fields={{"name_en": "English", "name_zh": "中文", "name_ru": "Русский"}})
maps.save_map(m, maps.map_output("01-map"),
              provenance={{"sources": [{{"name": "hand-made shapes", "licence": "CC0"}}]}})
m
"""

FOLIUM_CELL = """\
import folium
import pandas as pd

plain = folium.Map(location=[50, 120], zoom_start=3, tiles=None)
folium.CircleMarker([45, 125], radius=6, tooltip="Harbin").add_to(plain)
display(pd.DataFrame({"region": ["黑龙江省", "Приморский край"], "n": [1, 2]}))
plain
"""


def _write(path: Path, cells: list) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    _write(
        folder / "01-map.ipynb",
        [
            # markdown is the author's own HTML; data-like text goes in code spans
            md(f"# Test map `{XSS}`\n\n**Question.** Does the site show maps offline? `{XSS}`"),
            code(MAP_CELL),
        ],
    )
    _write(
        folder / "02-table.ipynb",
        [md("# A table and a plain folium map\n\nNo coophelpers map here."), code(FOLIUM_CELL)],
    )
    return folder


@pytest.fixture(scope="module")
def site(notebooks, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    lines: list[str] = []
    build_site(out, notebooks=notebooks, progress=lines.append, timeout=300)
    assert any("01-map.ipynb" in line for line in lines)
    assert any("maps/01-map.html" in line and "MB" in line or "kB" in line for line in lines)
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_site_layout(site):
    files = set(_snapshot(site))
    assert {
        SITE_MARKER,
        "index.html",
        "site.json",
        "notebooks/01-map.html",
        "notebooks/02-table.html",
        "maps/01-map.html",
        "thumbs/01-map.png",
    } <= files
    assert not list(site.parent.glob(".site.building*"))


def test_every_page_opens_offline(site, offline_page):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 4
    for path in pages:
        view = offline_page(path)
        view.page.wait_for_timeout(700)  # maps inside notebook iframes draw too
        view.screenshot(path.relative_to(site).as_posix().replace("/", "-"), full_page=False)
        view.assert_clean()


def test_map_page_shapes_and_tooltips(site, offline_page):
    view = offline_page(site / "maps" / "01-map.html", wait_for=".leaflet-overlay-pane path")
    page = view.page
    assert page.locator(".leaflet-overlay-pane path").count() == 3
    centre = page.evaluate(
        """() => { const r = document.querySelectorAll('.leaflet-overlay-pane path')[0]
                   .getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"""
    )
    page.mouse.move(*centre)
    page.wait_for_selector(".leaflet-tooltip", state="visible")
    text = page.inner_text(".leaflet-tooltip")
    assert "黑龙江省" in text and "Хэйлунцзян" in text
    assert page.evaluate("typeof window.__xss") == "undefined"
    view.screenshot("map-tooltip")
    view.assert_clean()


def test_notebook_pages_show_their_maps(site, offline_page):
    view = offline_page(site / "notebooks" / "01-map.html")
    frame = view.page.frame_locator("iframe[title='interactive map']")
    frame.locator(".leaflet-overlay-pane path").first.wait_for()
    assert frame.locator(".leaflet-overlay-pane path").count() == 3
    view.assert_clean()
    # a plain folium map displayed in a notebook is made offline by the build as well
    view = offline_page(site / "notebooks" / "02-table.html")
    frame = view.page.frame_locator(".jp-OutputArea-output iframe")
    frame.locator(".leaflet-marker-pane path, .leaflet-overlay-pane path").first.wait_for()
    assert "Приморский край" in view.page.inner_text("body")
    view.assert_clean()


def test_index_lists_notebooks_and_maps_with_previews(site, offline_page):
    view = offline_page(site / "index.html")
    page = view.page
    body = page.inner_text("body")
    assert f"Test map {XSS}" in body  # the notebook title, shown as text
    assert "Does the site show maps offline?" in body  # the one-line description
    assert "A table and a plain folium map" in body
    assert f"Site test map {XSS}" in body  # the map's title from its provenance
    assert page.evaluate("typeof window.__xss") == "undefined"
    thumbs = page.locator("img[src^='thumbs/']")
    assert thumbs.count() >= 2
    for i in range(thumbs.count()):
        assert thumbs.nth(i).evaluate("img => img.naturalWidth") > 0
    page.get_by_role("link", name=f"Site test map {XSS}").click()
    page.wait_for_selector(".leaflet-overlay-pane path")
    view.screenshot("index-click")
    view.assert_clean()


def test_two_builds_give_identical_files(site, notebooks):
    before = _snapshot(site)
    build_site(site, notebooks=notebooks, progress=False, timeout=300)
    after = _snapshot(site)
    assert before.keys() == after.keys()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []


def test_failing_notebook_stops_the_build_and_keeps_the_old_site(site, notebooks, tmp_path):
    broken = tmp_path / "notebooks"
    broken.mkdir()
    for nb in notebooks.glob("*.ipynb"):
        (broken / nb.name).write_bytes(nb.read_bytes())
    _write(
        broken / "03-broken.ipynb",
        [
            nbformat.v4.new_markdown_cell("# Broken"),
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell("y = x / 0"),
        ],
    )
    before = _snapshot(site)
    with pytest.raises(SiteBuildError) as info:
        build_site(site, notebooks=broken, progress=False, timeout=300)
    message = str(info.value)
    assert "03-broken.ipynb" in message
    assert "cell 2" in message and "y = x / 0" in message
    assert "ZeroDivisionError" in message
    assert _snapshot(site) == before
    assert not list(site.parent.glob(".site.building*"))

    # the command line says the same and exits non-zero
    result = subprocess.run(
        [sys.executable, "-m", "coophelpers", "site", "--out", str(site),
         "--notebooks", str(broken)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 1
    assert "03-broken.ipynb" in result.stderr and "ZeroDivisionError" in result.stderr
    assert _snapshot(site) == before


def test_map_over_the_budget_fails_the_build(site, notebooks):
    before = _snapshot(site)
    with pytest.raises(SiteBuildError, match=r"maps/01-map.html.*over the 0.0 MB budget"):
        build_site(site, notebooks=notebooks, progress=False, timeout=300, max_map_bytes=10_000)
    assert _snapshot(site) == before


def test_interrupted_build_leaves_the_previous_site(site, notebooks):
    before = _snapshot(site)

    def interrupt(line: str) -> None:
        if line.startswith("[2/"):  # Ctrl-C while the second notebook starts
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_site(site, notebooks=notebooks, progress=interrupt, timeout=300)
    assert _snapshot(site) == before
    assert not list(site.parent.glob(".site.building*"))
