"""The mechanism maps, as notebook 02 saves them, opened in headless Chromium with the network off.

Each map must load without console errors or network requests, draw every member region (all
roles, ambiguous ones included) as a visible shape, and give each one a tooltip that carries its
English, Chinese and Russian names; hovering a region shows Latin, CJK and Cyrillic text.
"""

from __future__ import annotations

import re

import pytest

from coophelpers import maps, mechanism_map, mechanism_members, settings
from coophelpers.mechanisms import ROLES

AS_OF = "2025-01-01"
IDS = ["northeast-fareast", "yangtze-volga", "north-central", "southeast-northwest"]
CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")

#: Every Leaflet layer with a GeoJSON feature: its tooltip text and the on-screen box of its path.
_LAYERS_JS = """() => {
  const map = Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map);
  const out = [];
  map.eachLayer(l => {
    if (!l.feature || !l.getTooltip || !l.getTooltip()) { return; }
    const div = document.createElement('div');
    div.innerHTML = l.getTooltip().getContent();
    const r = l._path ? l._path.getBoundingClientRect() : null;
    out.push({text: div.textContent, connected: !!(l._path && l._path.isConnected),
              box: r ? [r.left, r.top, r.right, r.bottom] : null,
              line: l.feature.geometry.type.indexOf('LineString') >= 0});
  });
  return out;
}"""
_POINT_JS = """([lat, lon]) => {
  const map = Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map);
  const p = map.latLngToContainerPoint([lat, lon]);
  const r = map.getContainer().getBoundingClientRect();
  const x = r.left + p.x, y = r.top + p.y;
  const el = document.elementFromPoint(x, y);
  const free = !!el && el.tagName.toLowerCase() === 'path' && !!el.closest('.leaflet-overlay-pane')
               && el.getAttribute('fill') !== 'none';  // a region, not a partner line
  return [x, y, free];
}"""


def _candidate_points(geom, n: int = 40):
    """The representative point, then points of a grid over the shape that fall inside it."""
    import numpy as np
    import shapely

    yield geom.representative_point()
    west, south, east, north = geom.bounds
    for x in np.linspace(west, east, n):
        for y in np.linspace(south, north, n):
            point = shapely.Point(x, y)
            if geom.contains(point):
                yield point


def _hover(page, geom) -> str | None:
    """Hover a point of ``geom`` where a region (not a control or a line) is on top; return the tooltip."""
    for point in _candidate_points(geom):
        x, y, free = page.evaluate(_POINT_JS, [point.y, point.x])
        if not free:
            continue
        box = page.locator(".ch-provenance").bounding_box()
        page.mouse.move(box["x"] + 5, box["y"] + 5)  # onto a control: any open tooltip closes
        page.wait_for_selector(".leaflet-tooltip", state="detached")
        page.mouse.move(x - 1, y - 1)
        page.mouse.move(x, y)
        page.wait_for_selector(".leaflet-tooltip", state="visible")
        return page.inner_text(".leaflet-tooltip")
    return None


def _save(name: str, mechanisms, tmp_path, monkeypatch):
    monkeypatch.setenv(settings.MAPS_DIR_ENV, str(tmp_path))
    m = mechanism_map(mechanisms, as_of=AS_OF, roles=ROLES)
    path = maps.save_map(m, maps.map_output(name), provenance={"build_date": "2025-01-31"})
    maps.check_map_size(path)
    return path


CASES = [("02-mechanisms-all", None)] + [(f"02-mechanism-{m}", m) for m in IDS]


@pytest.mark.parametrize(("name", "mechanisms"), CASES, ids=[c[0] for c in CASES])
def test_map_shows_every_member_with_trilingual_tooltips(name, mechanisms, tmp_path, monkeypatch, offline_page):
    path = _save(name, mechanisms, tmp_path, monkeypatch)
    view = offline_page(path, viewport=(1400, 900), wait_for=".leaflet-overlay-pane path")
    view.screenshot(name)
    view.assert_clean()
    layers = view.page.evaluate(_LAYERS_JS)
    regions = [lay for lay in layers if not lay["line"]]
    width, height = 1400, 900
    for mech in [mechanisms] if mechanisms else IDS:
        members = mechanism_members(mech, as_of=AS_OF, roles=ROLES)
        assert not members.empty
        for row in members.itertuples():
            found = [
                lay for lay in regions
                if row.name_en in lay["text"] and row.name_zh in lay["text"] and row.name_ru in lay["text"]
                and row.code in lay["text"]
            ]
            assert found, f"{name}: no tooltip names {row.code} in three languages"
            drawn = [
                lay for lay in found
                if lay["connected"] and lay["box"] and lay["box"][2] > lay["box"][0]
                and lay["box"][2] > 0 and lay["box"][0] < width and lay["box"][3] > 0 and lay["box"][1] < height
            ]
            assert drawn, f"{name}: {row.code} has no visible shape"
    # partner links are on for a single mechanism, off (in the layer control) for all four
    assert any(lay["line"] for lay in layers) == (mechanisms is not None)


@pytest.mark.parametrize("mech", IDS)
def test_hovering_a_member_shows_all_three_scripts(mech, tmp_path, monkeypatch, offline_page):
    path = _save(f"02-mechanism-{mech}", mech, tmp_path, monkeypatch)
    view = offline_page(path, viewport=(1400, 900), wait_for=".leaflet-overlay-pane path")
    page = view.page
    members = mechanism_members(mech, as_of=AS_OF, roles=ROLES, detail="full")
    # one region of each role, the largest (easiest to hit)
    members = members.assign(_area=members.to_crs("EPSG:6933").area)
    picks = members.sort_values("_area", ascending=False).drop_duplicates(["role", "side"])
    for row in picks.itertuples():
        text = _hover(page, row.geometry)
        assert text is not None, f"{row.code}: no point of the region is free to hover"
        assert CJK.search(text) and CYRILLIC.search(text) and re.search(r"[A-Za-z]", text), text
        assert row.name_en in text and row.code in text, f"{row.code}: tooltip {text!r}"
    view.assert_clean()
