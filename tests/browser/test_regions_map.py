"""The regions map saved by save_map works in a real Chromium with the network blocked."""

from __future__ import annotations

import re

import pytest

import coophelpers as ch

CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def regions_html(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "01-regions.html"
    regions = ch.load_regions()
    ch.save_map(ch.regions_map(regions), path)
    return path, len(regions), len(ch.load_federal_districts())


def test_regions_map_draws_every_region_offline(offline_page, regions_html):
    path, n_regions, n_districts = regions_html
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html), "CDN reference left"
    view = offline_page(path, wait_for="path.leaflet-interactive")
    view.screenshot("regions")
    view.assert_clean()
    paths = view.page.locator("path.leaflet-interactive")
    assert paths.count() == n_regions + n_districts


def test_regions_map_tooltip_is_trilingual(offline_page, regions_html):
    path, n_regions, _ = regions_html
    view = offline_page(path, wait_for="path.leaflet-interactive")
    first = view.page.locator("path.leaflet-interactive").first
    first.dispatch_event("mouseover")
    tooltip = view.page.locator(".leaflet-tooltip").first
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert CJK.search(text) and CYRILLIC.search(text), text
    view.assert_clean()
