"""A researcher's own folium and ``GeoDataFrame.explore()`` maps save offline with ``save_map``.

Each map is saved with ``coophelpers.save_map`` and opened in Chromium with every request
blocked: no request may be attempted (web tiles included: an offline save keeps them only as an
unchecked "online only" layer over the offline basemap), no JavaScript error, and the shapes,
markers and legend are visible. The JavaScript the maps need (d3 for branca's legends, jQuery
and jQuery UI for explore's categorical legend, Leaflet MarkerCluster, Font Awesome) is inlined
from registry wheels; Leaflet.awesome-markers and Bootstrap 3's glyphicons from the vendored npm
releases.
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


def _explore_categorical(regions):
    return regions.explore(column="macro_region_en", legend=True)


def _icons(regions):
    """folium.Icon markers in both icon fonts folium's icons can use: glyphicons and Font Awesome."""
    m = folium.Map(location=[35, 110], zoom_start=4)
    rows = list(zip(regions["capital_lat"], regions["capital_lon"], regions["name_en"]))[:12]
    fonts = [("glyphicon", "info-sign"), ("fa", "train")]
    for i, (lat, lon, name) in enumerate(rows):
        prefix, icon = fonts[i % 2]
        angle = 45 if i == 1 else 0
        folium.Marker([lat, lon], tooltip=name, icon=folium.Icon(color="red", prefix=prefix, icon=icon, angle=angle)).add_to(m)
    return m


CASES = {"numeric-legend": _explore_numeric, "scheme-legend": _explore_scheme, "no-legend": _explore_plain,
         "categorical-legend": _explore_categorical, "marker-cluster": _cluster, "icons": _icons}

_GLYPHS = """() => Array.from(document.querySelectorAll('.awesome-marker i')).map(i => {
    const before = getComputedStyle(i, '::before');
    return [i.className, before.content, before.fontFamily];
})"""


@pytest.mark.parametrize("case", CASES)
def test_a_researchers_map_opens_with_every_request_blocked(regions, tmp_path, offline_page, case):
    m = CASES[case](regions)
    path = ch.save_map(m, tmp_path / f"{case}.html")
    view = offline_page(path, viewport=(1100, 700), wait_for=".leaflet-overlay-pane path, .leaflet-marker-pane img, .leaflet-marker-pane .awesome-marker")
    page = view.page
    page.wait_for_timeout(400)
    assert page.locator(".leaflet-tile").count() == 0  # no web tile was even asked for
    assert page.locator(".leaflet-chBasemap-pane path").count() > 10  # the offline basemap instead
    layers = page.inner_text(".leaflet-control-layers")
    if case != "no-legend" or "OpenStreetMap".lower() in layers.lower():
        assert "(online only)" in layers
    if case == "marker-cluster":
        assert page.locator(".marker-cluster").count() >= 3
    elif case == "icons":
        assert page.locator(".leaflet-marker-pane .awesome-marker").count() == 12
        glyphs = page.evaluate(_GLYPHS)
        assert all(content not in ("none", "normal", "") for _, content, _ in glyphs), glyphs
        page.evaluate("document.fonts.ready")
        for family in ("Glyphicons Halflings", "Font Awesome 6 Free"):
            assert page.evaluate(f"document.fonts.check('900 14px \"{family}\"') && "
                                 f"Array.from(document.fonts).some(f => f.family.includes('{family}') && f.status === 'loaded')"), family
        rotated = page.evaluate("getComputedStyle(document.querySelector('.awesome-marker i.fa-rotate-45')).transform")
        assert rotated not in ("none", ""), rotated
    else:
        assert page.locator(".leaflet-overlay-pane path").count() >= 31
    if case == "categorical-legend":
        legend = page.locator(".maplegend")
        assert legend.is_visible() and "Northeast" in legend.inner_text()
        assert page.evaluate("typeof jQuery.ui.draggable === 'function'")  # jQuery UI ran offline
    elif case.endswith("legend") and case != "no-legend":
        assert page.locator(".legend svg, svg.legend, .legend").count() >= 1  # branca's d3 legend drew
    view.screenshot(case)
    view.assert_clean()
    # the researcher's map object is unchanged: saved online it still shows its tiles
    assert "(online only)" not in m.get_root().render()


def test_a_map_whose_element_writes_web_links_into_its_template_gets_a_clear_error(tmp_path):
    from branca.element import Element

    m = folium.Map()
    m.get_root().header.add_child(Element('<script src="https://example.org/plugin.js"></script>'))
    with pytest.raises(InvalidInputError, match="writes web files into its own template.*offline=False"):
        ch.save_map(m, tmp_path / "plugin.html")
    assert not (tmp_path / "plugin.html").exists()
