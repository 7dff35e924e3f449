"""The crossings maps open offline in headless Chromium with one marker per crossing."""

from __future__ import annotations

import pytest

from coophelpers import crossings_map, load_crossings, save_map

MARKERS = ".leaflet-overlay-pane path.coop-crossing"


def _hover(view, selector: str, index: int) -> str:
    page = view.page
    centre = page.evaluate(
        """([sel, i]) => { const r = document.querySelectorAll(sel)[i].getBoundingClientRect();
                          return [r.x + r.width / 2, r.y + r.height / 2]; }""",
        [selector, index],
    )
    page.mouse.move(0, 0)
    page.mouse.move(*centre)
    page.wait_for_selector(".leaflet-tooltip", state="visible")
    return page.inner_text(".leaflet-tooltip")


@pytest.fixture(scope="module")
def crossings():
    return load_crossings()


def test_map_opens_offline_with_one_marker_per_crossing(tmp_path, offline_page, crossings):
    path = save_map(crossings_map(), tmp_path / "03-border-crossings.html")
    view = offline_page(path, wait_for=MARKERS)
    view.screenshot("crossings")
    view.assert_clean()
    assert view.page.locator(MARKERS).count() == len(crossings)
    assert view.page.locator(".leaflet-overlay-pane path.coop-border-line").count() == 2
    for mode in set(crossings["mode"]):
        expected = int((crossings["mode"] == mode).sum())
        assert view.page.locator(f"path.coop-mode-{mode}").count() == expected
    assert view.page.locator(".ch-legend").is_visible()
    assert view.page.locator(".leaflet-tile").count() == 0


def test_tooltip_is_trilingual_with_dates_and_sources(tmp_path, offline_page, crossings):
    path = save_map(crossings_map(), tmp_path / "tooltip.html")
    view = offline_page(path, wait_for=MARKERS)
    index = crossings.index[crossings["id"] == "shiwei-olochi-road-bridge"][0]
    text = _hover(view, MARKERS, int(index))
    for part in ("Shiwei – Olochi", "室韦", "Олочи", "Opened", "1991-02-01", "Sources", "factpedia"):
        assert part in text
    view.assert_clean()


def test_map_on_a_past_date(tmp_path, offline_page):
    expected = load_crossings(as_of="2021-06-01")
    path = save_map(crossings_map(as_of="2021-06-01"), tmp_path / "2021.html")
    view = offline_page(path, wait_for=MARKERS)
    view.assert_clean()
    assert view.page.locator(MARKERS).count() == len(expected)
    planned = int((expected["status"] == "planned").sum())
    assert view.page.locator("path.coop-status-planned").count() == planned > 0
