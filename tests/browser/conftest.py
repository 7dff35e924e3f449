"""Headless Chromium for the browser tests, with the network blocked.

Playwright drives the SYSTEM Chromium (``/usr/bin/chromium`` from Debian, or
``$COOPHELPERS_CHROMIUM``); ``playwright install`` is never needed. Every request whose URL is
not ``file:``, ``data:``, ``blob:`` or ``about:`` is aborted and recorded, so a page that tries to
reach a CDN fails its test. Console errors and uncaught page errors are collected too.

Fixtures
--------
``browser``
    One Chromium per test session.
``offline_page``
    ``offline_page(path, *, viewport=(1200, 800), wait_for=None, allow_hosts=())`` opens a
    local file (or URL on 127.0.0.1 when ``allow_hosts`` permits it) and returns an
    :class:`OfflinePage` with ``.page``, ``.console_errors``, ``.failed_requests`` and
    ``.screenshot(name)``. Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COOPHELPERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


#: Run inside a map frame: waits (as a reader does) for the map to have a size and shapes, then
#: returns its zoom, the number of shapes, the frame size and the share of it the shapes cover.
MAP_COVERAGE_JS = """async () => {
  // wait (as a reader does) until the map has a size and its shapes are drawn, then measure
  const deadline = Date.now() + 30000;
  let m = null;
  while (Date.now() < deadline) {
    const key = Object.keys(window).find(k => /^map_\\d+$/.test(k));
    m = key ? window[key] : null;
    if (m && m.getSize().x > 0 && document.querySelector('.leaflet-overlay-pane path')) { break; }
    await new Promise(r => setTimeout(r, 100));
  }
  await new Promise(r => setTimeout(r, 300));
  const box = document.querySelector('.folium-map').getBoundingClientRect();
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, n = 0;
  document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-marker-pane path').forEach(p => {
    const r = p.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { return; }
    n += 1; x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
  });
  const w = Math.min(x1, box.right) - Math.max(x0, box.left), h = Math.min(y1, box.bottom) - Math.max(y0, box.top);
  return {zoom: m ? m.getZoom() : null, shapes: n, width: box.width, height: box.height,
          cover_w: n ? w / box.width : 0, cover_h: n ? h / box.height : 0,
          folded_layers: document.querySelectorAll('.leaflet-control-layers-expanded').length === 0};
}"""


@pytest.fixture(scope="session")
def map_coverage() -> str:
    """:data:`MAP_COVERAGE_JS`, for ``frame_locator(...).locator("body").evaluate(map_coverage)``."""
    return MAP_COVERAGE_JS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/browser is a browser test."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class OfflinePage:
    """A page opened with the network blocked, and what went wrong on it."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    test_name: str = "page"

    def screenshot(self, name: str, *, full_page: bool = False, element: object = None) -> Path:
        """Save a PNG under test-artifacts/screenshots/ and return its path.

        ``element``: a locator to photograph (scrolled into view first), e.g. one map's frame.
        """
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{self.test_name}-{name}")[:150]
        path = SCREENSHOTS / f"{safe}.png"
        if element is not None:
            try:
                element.screenshot(path=str(path), timeout=15_000)
                return path
            except Exception:  # noqa: BLE001 - a frame re-created while scrolling: take the page instead
                pass
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_clean(self) -> None:
        """Fail if the page logged an error or tried a request that is not local."""
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.failed_requests == [], f"blocked or failed requests: {self.failed_requests}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"system Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def offline_page(browser, request) -> Iterator[Callable[..., OfflinePage]]:
    contexts = []

    def _open(
        target: str | os.PathLike[str],
        *,
        viewport: tuple[int, int] = (1200, 800),
        wait_for: str | None = None,
        allow_hosts: Sequence[str] = (),
        timeout_ms: int = 60_000,
        init_script: str | None = None,
    ) -> OfflinePage:
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            service_workers="block",
        )
        context.set_default_timeout(timeout_ms)
        if init_script:  # runs in every frame before the page's own scripts
            context.add_init_script(init_script)
        contexts.append(context)
        page = context.new_page()
        result = OfflinePage(page=page, test_name=request.node.name)

        def _route(route) -> None:
            url = route.request.url
            host = urlsplit(url).hostname or ""
            if url.startswith(LOCAL_SCHEMES) or host in allow_hosts:
                route.continue_()
            else:
                result.failed_requests.append(f"blocked {url}")
                route.abort()

        context.route("**/*", _route)
        page.on(
            "console",
            lambda msg: result.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda err: result.console_errors.append(f"page error: {err}"))
        page.on(
            "requestfailed",
            lambda req: (
                None
                if any(f.endswith(req.url) for f in result.failed_requests)
                else result.failed_requests.append(f"failed {req.url} ({req.failure})")
            ),
        )
        url = str(target)
        if not re.match(r"^[a-z]+:", url):
            url = Path(url).resolve().as_uri()
        page.goto(url, wait_until="load")
        if wait_for:
            page.wait_for_selector(wait_for, state="attached")
        page.wait_for_timeout(300)  # let Leaflet finish its first draw
        return result

    yield _open
    for context in contexts:
        context.close()
