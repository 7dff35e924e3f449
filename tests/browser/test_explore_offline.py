"""A researcher's own folium and ``GeoDataFrame.explore()`` maps save offline with ``save_map``.

Each map is saved with ``coophelpers.save_map`` and opened in Chromium with every request
blocked: no request may be attempted (web tiles included: an offline save keeps them only as an
unchecked "online only" layer over the offline basemap), no JavaScript error, and the shapes,
markers and legend are visible. The JavaScript the maps need (d3 for branca's legends, Leaflet
MarkerCluster) is inlined from registry wheels.
"""

from __future__ import annotations

import folium
import pytest
from folium.plugins import MarkerCluster

import coophelpers as ch
from coophelpers import InvalidInputError


@pytest.fixture(scope="module")
def regions():
    return ch.load_regions("CN")


def _explore_numeric(regions):
    return regions.explore(column="capital_lat", legend=True)


def _explore_scheme(regions):
    return regions.explore(column="capital_lat", scheme="quantiles", k=4, legend=True)


def _explore_plain(regions):
    return regions.explore()


def _cluster(regions):
    m = folium.Map(location=[35, 110], zoom_start=4)  # with folium's default OpenStreetMap tiles
    cluster = MarkerCluster().add_to(m)
    for lat, lon, name in zip(regions["capital_lat"], regions["capital_lon"], regions["name_en"]):
        folium.Marker([lat, lon], tooltip=name).add_to(cluster)
    return m


CASES = {"numeric-legend": _explore_numeric, "scheme-legend": _explore_scheme, "no-legend": _explore_plain,
         "marker-cluster": _cluster}


@pytest.mark.parametrize("case", CASES)
def test_a_researchers_map_opens_with_every_request_blocked(regions, tmp_path, offline_page, case):
    m = CASES[case](regions)
    path = ch.save_map(m, tmp_path / f"{case}.html")
    view = offline_page(path, viewport=(1100, 700), wait_for=".leaflet-overlay-pane path, .leaflet-marker-pane img")
    page = view.page
    page.wait_for_timeout(400)
    assert page.locator(".leaflet-tile").count() == 0  # no web tile was even asked for
    assert page.locator(".leaflet-chBasemap-pane path").count() > 10  # the offline basemap instead
    layers = page.inner_text(".leaflet-control-layers")
    if case != "no-legend" or "OpenStreetMap".lower() in layers.lower():
        assert "(online only)" in layers
    if case == "marker-cluster":
        assert page.locator(".marker-cluster").count() >= 3
    else:
        assert page.locator(".leaflet-overlay-pane path").count() >= 31
    if case.endswith("legend") and case != "no-legend":
        assert page.locator(".legend svg, svg.legend, .legend").count() >= 1  # branca's d3 legend drew
    view.screenshot(case)
    view.assert_clean()
    # the researcher's map object is unchanged: saved online it still shows its tiles
    assert "(online only)" not in m.get_root().render()


def test_maps_that_still_need_the_web_get_a_clear_error(regions, tmp_path):
    with pytest.raises(InvalidInputError, match="categorical legend of GeoDataFrame.explore.*add_regions"):
        ch.save_map(regions.explore(column="macro_region_en", legend=True), tmp_path / "cat.html")
    m = folium.Map()
    folium.Marker([45, 125], icon=folium.Icon(color="red")).add_to(m)
    with pytest.raises(InvalidInputError, match="needed by folium.Icon"):
        ch.save_map(m, tmp_path / "icon.html")
    assert not (tmp_path / "cat.html").exists() and not (tmp_path / "icon.html").exists()
