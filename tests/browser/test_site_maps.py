"""Every map on the built site's notebook pages is drawn and fitted, at two window sizes.

The site is built from the repository's own notebooks (``coophelpers site``). On each rendered
notebook page every map output is scrolled into view, as a reader would, and measured inside its
frame: shapes drawn, not left at the world zoom of a frame that had no size, the data filling a
good part of the frame, the layer control folded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coophelpers.site import build_site

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
VIEWPORTS = [(1280, 800), (1000, 700)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out, notebooks=REPO / "notebooks", progress=False, timeout=600)
    return out


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
@pytest.mark.parametrize("name", sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb")))
def test_every_map_on_a_notebook_page_is_drawn_and_fitted(site, offline_page, map_coverage, name, viewport):
    view = offline_page(site / "notebooks" / f"{name}.html", viewport=viewport)
    page = view.page
    selector = "iframe[title='interactive map']"
    count = page.locator(selector).count()
    assert count > 0
    for i in range(count):
        page.locator(selector).nth(i).scroll_into_view_if_needed()
        state = page.frame_locator(selector).nth(i).locator("body").evaluate(map_coverage)
        assert state["shapes"] > 0 and state["width"] > 0, (name, i, state)
        assert state["zoom"] >= 1, (name, i, state)
        assert max(state["cover_w"], state["cover_h"]) > 0.4, (name, i, state)
        assert state["folded_layers"], (name, i, state)
        if i == 0:
            view.screenshot(f"{name}-{viewport[0]}x{viewport[1]}")
    view.assert_clean()
