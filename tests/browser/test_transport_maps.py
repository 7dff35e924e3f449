"""Route maps (network and sea) saved with save_map, opened in headless Chromium offline."""

from __future__ import annotations

import pytest

import coophelpers
from coophelpers import maps

pytestmark = pytest.mark.browser

#: JavaScript: for every route line drawn in the overlay pane, the largest longitude step
#: between consecutive vertices (degrees) and the easternmost longitude.
LINE_STEPS_JS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const out = [];
  map.eachLayer(l => {
    if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.options.pane === 'overlayPane') {
      const pts = l.getLatLngs().flat(Infinity);
      let step = 0, east = -1e9;
      for (let i = 0; i < pts.length; i++) {
        east = Math.max(east, pts[i].lng);
        if (i) step = Math.max(step, Math.abs(pts[i].lng - pts[i - 1].lng));
      }
      out.push([step, east, pts.length]);
    }
  });
  return out;
}"""


def test_network_route_map_opens_offline(tmp_path, offline_page):
    before = coophelpers.route("Amur Oblast", "Heilongjiang", as_of="2022-01-01")
    after = coophelpers.route("Amur Oblast", "Heilongjiang", as_of="2024-01-01")
    main = coophelpers.route("Hubei", "Tatarstan")
    m = coophelpers.route_map(
        {"Blagoveshchensk – Harbin, 2022-01-01": before, "Blagoveshchensk – Harbin, 2024": after,
         "Wuhan – Kazan": main}
    )
    path = maps.save_map(m, tmp_path / "routes.html", provenance={"build_date": "2025-01-31"})
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    view.screenshot("transport-routes")
    view.assert_clean()
    page = view.page
    n_edges = len(before.edges) + len(after.edges) + len(main.edges)
    assert page.locator(".leaflet-overlay-pane path").count() >= n_edges
    legend = page.inner_text(".ch-legend")
    assert "Wuhan – Kazan" in legend and "Estimated length" in legend
    page.click(".ch-provenance summary")  # the sources box starts folded
    provenance = page.inner_text(".ch-provenance")
    for name in ("network_edges.csv", "network_nodes.csv"):  # the network's sources, from the manifest
        assert coophelpers.data.manifest()["files"][name]["title"] in provenance


def test_sea_route_map_is_continuous_across_180(tmp_path, offline_page):
    suez = coophelpers.sea_route("shanghai", "st-petersburg", via="suez")
    nsr = coophelpers.sea_route("shanghai", "murmansk", via="nsr")
    anadyr = coophelpers.route("Moscow", "Anadyr", modes=("rail", "road", "ferry"))
    m = coophelpers.route_map([suez, nsr, anadyr])
    path = maps.save_map(m, tmp_path / "sea.html", provenance={"build_date": "2025-01-31"})
    view = offline_page(path, wait_for=".leaflet-overlay-pane path")
    view.screenshot("transport-sea")
    view.assert_clean()
    lines = view.page.evaluate(LINE_STEPS_JS)
    assert lines, "no route lines drawn"
    assert max(step for step, _, _ in lines) <= 180.0  # no line jumps across the map
    assert max(east for _, east, _ in lines) > 180.0  # the Bering Strait is east of 180°, drawn continuously
    legend = view.page.inner_text(".ch-legend")
    assert "(NSR)" in legend and "(Suez)" in legend
