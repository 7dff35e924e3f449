"""Maps draw and fit their data when their frame first gets a size, and whenever it changes size.

A notebook output or a lazily rendered cell can create the map's frame with zero size; Leaflet
then fits at zoom 0 and, without help, stays there: a blank or world-zoomed map. Here a saved
map is loaded into an iframe that starts at 0 × 0 (as JupyterLab's hidden outputs do) and is
then shown at two sizes; and the notebook display (``show_map``) is checked the same way. Each
time the map must show all of its data at the zoom Leaflet itself would choose to fit it.
"""

from __future__ import annotations

import html

import pytest

import coophelpers as ch
from coophelpers import maps

# the map variable inside the frame (folium names it map_<n>; ids are renumbered to 1, 2, ...)
_STATE_JS = """() => {
  const key = Object.keys(window).find(k => /^map_\\d+$/.test(k));
  const m = window[key];
  const size = m.getSize();
  const data = L.latLngBounds(BOUNDS);
  return {zoom: m.getZoom(), fitZoom: m.getBoundsZoom(data), width: size.x, height: size.y,
          contains: m.getBounds().pad(0.01).contains(data),
          paths: document.querySelectorAll('.leaflet-overlay-pane path').length};
}"""


@pytest.fixture(scope="module")
def saved_map(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fit")
    regions = ch.load_regions("RU")
    path = maps.save_map(ch.regions_map(regions, districts=False), folder / "map.html")
    west, south, east, north = (float(v) for v in regions.total_bounds)
    return path, [[south, west], [north, east]]


def _frame_state(page, bounds):
    frame = page.frames[1]
    return frame.evaluate(_STATE_JS.replace("BOUNDS", str(bounds)))


def _assert_fitted(state, width, height):
    assert (state["width"], state["height"]) == (width, height), state
    assert state["paths"] > 50, state  # the regions are drawn
    assert state["zoom"] == state["fitZoom"] > 0, state  # fitted, not left at zoom 0
    assert state["contains"], state  # all the data is in view


@pytest.mark.parametrize("viewport", [(1280, 800), (1000, 700)])
def test_a_map_in_a_frame_that_starts_at_zero_size_fits_when_shown(saved_map, tmp_path, offline_page, viewport):
    path, bounds = saved_map
    host = tmp_path / "host.html"
    host.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="{path.as_uri()}" '
        'style="width:0;height:0;border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    view = offline_page(host, viewport=viewport)
    page = view.page
    page.wait_for_load_state("load")  # the frame's page and scripts are loaded, at size 0 x 0
    page.frames[1].wait_for_function("() => Object.keys(window).some(k => /^map_\\d+$/.test(k))")
    width, height = viewport[0] - 100, viewport[1] - 200
    page.evaluate(f"() => {{ const f = document.getElementById('f'); f.style.width = '{width}px'; f.style.height = '{height}px'; }}")
    page.wait_for_timeout(600)
    _assert_fitted(_frame_state(page, bounds), width, height)
    # the frame changes size again (a window resized, a panel opened): fitted again
    width, height = width // 2, height // 2
    page.evaluate(f"() => {{ const f = document.getElementById('f'); f.style.width = '{width}px'; f.style.height = '{height}px'; }}")
    page.wait_for_timeout(600)
    _assert_fitted(_frame_state(page, bounds), width, height)
    view.screenshot(f"fit-{viewport[0]}x{viewport[1]}")
    view.assert_clean()


def test_the_notebook_display_fits_when_its_output_is_shown(saved_map, tmp_path, offline_page):
    _, bounds = saved_map
    m = ch.regions_map(ch.load_regions("RU"), districts=False)
    shown = ch.show_map(m, height=480)._repr_html_()
    host = tmp_path / "notebook.html"
    host.write_text(
        '<!DOCTYPE html><html><body><div id="out" style="display:none;width:900px">'
        f"{shown}</div></body></html>",
        encoding="utf-8",
    )
    view = offline_page(host, viewport=(1200, 800))
    page = view.page
    page.wait_for_timeout(500)
    page.evaluate("() => { document.getElementById('out').style.display = 'block'; }")
    page.wait_for_timeout(800)
    _assert_fitted(_frame_state(page, bounds), 900, 480)
    # in a notebook the layer control starts collapsed, and the sources box starts folded
    frame = page.frames[1]
    assert frame.locator(".leaflet-control-layers-expanded").count() == 0
    assert frame.locator(".ch-provenance details").evaluate("d => d.open") is False
    view.assert_clean()


def test_the_sources_box_starts_folded_and_opens_on_a_click(saved_map, offline_page):
    path, _ = saved_map
    view = offline_page(path, viewport=(1000, 700), wait_for=".leaflet-overlay-pane path")
    box = view.page.locator(".ch-provenance")
    folded = box.bounding_box()
    assert folded["height"] < 80, folded
    view.page.click(".ch-provenance summary")
    assert "licence" in box.inner_text()
    assert html.unescape("Natural Earth") in box.inner_text()
    view.assert_clean()


def test_a_map_without_fit_bounds_keeps_the_view_it_was_made_with(tmp_path, offline_page):
    import folium

    m = folium.Map(location=[50, 120], zoom_start=4, tiles=None)
    folium.CircleMarker([45, 125], radius=6).add_to(m)
    shown = ch.show_map(m, height=400)._repr_html_()
    host = tmp_path / "plain.html"
    host.write_text(
        f'<!DOCTYPE html><html><body><div id="out" style="display:none;width:800px">{shown}</div></body></html>',
        encoding="utf-8",
    )
    view = offline_page(host, viewport=(1000, 700))
    view.page.wait_for_timeout(400)
    view.page.evaluate("() => { document.getElementById('out').style.display = 'block'; }")
    view.page.wait_for_timeout(600)
    state = view.page.frames[1].evaluate(
        """() => { const m = window[Object.keys(window).find(k => /^map_\\d+$/.test(k))];
                   const c = m.getCenter(); return {zoom: m.getZoom(), lat: c.lat, lng: c.lng, w: m.getSize().x}; }"""
    )
    assert state["w"] == 800 and state["zoom"] == 4, state
    assert abs(state["lat"] - 50) < 0.5 and abs(state["lng"] - 120) < 0.5, state
    view.assert_clean()
