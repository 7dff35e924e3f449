"""JupyterLab end to end: a real ``jupyter lab`` on 127.0.0.1, driven in headless Chromium.

1. Open a notebook that builds a map with coophelpers, Run All, and see the Leaflet map render
   in the output (offline: every request that is not to 127.0.0.1 is blocked and fails the test).
2. Run All on each of the package's own notebooks, scroll to every map output and check inside
   its frame that the shapes are drawn and fill a good part of the frame (a frame that had zero
   size while JupyterLab rendered the cell must not stay at zoom 0).
3. Open a notebook whose outputs were saved by someone else (executed by nbclient, not signed,
   so JupyterLab treats it as untrusted) without running it: JupyterLab's sanitizer removes the
   map's iframe, and the static SVG preview that coophelpers puts under it is what shows -- no
   "Trust this notebook" step is needed to see the map.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))

MAP_CODE = """\
import geopandas as gpd
from shapely.geometry import box
from coophelpers import maps

shapes = gpd.GeoDataFrame(
    {"name_en": ["Heilongjiang", "Amur Oblast"], "name_zh": ["黑龙江省", "阿穆尔州"],
     "name_ru": ["Хэйлунцзян", "Амурская область"]},
    geometry=[box(121, 44, 134, 53), box(119, 49, 134, 57)], crs="EPSG:4326")
m = maps.base_map(bounds=shapes, title="JupyterLab test map")
maps.add_regions(m, shapes, name="Regions",
                 tooltip_fields={"name_en": "English", "name_zh": "中文", "name_ru": "Русский"})
m
"""


def _notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# JupyterLab test\nA map built with coophelpers."),
        nbformat.v4.new_code_cell(MAP_CODE),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a temporary root, settings and data folders."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    root.mkdir()
    _notebook(root / "live.ipynb")
    for source in sorted((REPO / "notebooks").glob("*.ipynb")):
        shutil.copy(source, root / source.name)
    # a notebook with outputs produced elsewhere (not signed here, hence untrusted)
    _notebook(root / "saved.ipynb")
    from nbclient import NotebookClient

    saved = nbformat.read(root / "saved.ipynb", as_version=4)
    NotebookClient(saved, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(root)}}).execute()
    nbformat.write(saved, root / "saved.ipynb")

    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(base / sub)
    # no "get notified about Jupyter news?" toast over the screenshots
    news = base / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    log = (base / "server.log").open("wb")
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={base / 'settings'}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.extension_manager=readonly",  # the default 'pypi' manager asks PyPI
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI runs as root
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited early:\n{(base / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as r:
                    json.load(r)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not answer within 120 s")
                time.sleep(0.5)
        yield {"url": url, "token": token, "root": root, "log": base / "server.log"}
    finally:
        try:  # graceful: the server also shuts its kernels down
            req = urllib.request.Request(f"{url}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=10).close()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        log.close()


def _open(offline_page, lab, name: str):
    view = offline_page(
        f"{lab['url']}/lab/tree/{name}?reset&token={lab['token']}",  # reset: no tabs restored
        viewport=(1300, 950),
        allow_hosts=("127.0.0.1",),
        timeout_ms=120_000,
    )
    page = view.page
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    return view


def test_run_all_renders_the_map_offline(lab, offline_page):
    view = _open(offline_page, lab, "live.ipynb")
    page = view.page
    # wait for the kernel, then Run All through JupyterLab's own command
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   return w && w.sessionContext && w.sessionContext.session &&
                          w.sessionContext.session.kernel &&
                          w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=120_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    frame = page.frame_locator(".jp-OutputArea-output iframe[title='interactive map']")
    frame.locator(".leaflet-overlay-pane path").first.wait_for(timeout=120_000)
    assert frame.locator(".leaflet-overlay-pane path").count() == 2
    assert frame.locator(".leaflet-chBasemap-pane path").count() > 10
    page.locator(".jp-OutputArea-output iframe").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    view.screenshot("jupyterlab-run-all")
    view.assert_clean()


def test_untrusted_saved_output_shows_the_static_preview(lab, offline_page):
    view = _open(offline_page, lab, "saved.ipynb")
    page = view.page
    output = page.locator(".jp-OutputArea-output").first
    output.wait_for(timeout=60_000)
    # the sanitizer dropped the iframe (untrusted HTML), but kept the data: image preview
    preview = output.locator("img[src^='data:image/png']")
    preview.wait_for(timeout=60_000)
    assert preview.is_visible()
    assert preview.evaluate("img => img.naturalWidth") > 0
    assert output.locator("iframe").count() == 0
    output.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    view.screenshot("jupyterlab-untrusted-preview")
    view.assert_clean()


def _wait_idle(page) -> None:
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   return w && w.sessionContext && w.sessionContext.session &&
                          w.sessionContext.session.kernel &&
                          w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=180_000,
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_run_all_draws_and_fits_every_map_of_the_notebook(lab, offline_page, map_coverage, name):
    view = _open(offline_page, lab, name)
    page = view.page
    _wait_idle(page)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # every code cell has run when the last one has an execution count and the kernel is idle
    page.wait_for_function(
        """() => { const nb = window.jupyterapp.shell.currentWidget.content;
                   const cells = nb.widgets.filter(c => c.model.type === 'code');
                   return cells.every(c => c.model.executionCount !== null); }""",
        timeout=300_000,
    )
    _wait_idle(page)
    expected = sum(
        1 for cell in nbformat.read(REPO / "notebooks" / name, as_version=4).cells
        if cell.cell_type == "code" and cell.source.strip().splitlines()[-1].strip() in ("m", "m1", "m2", "m3", "m4")
    )
    selector = ".jp-OutputArea-output iframe[title='interactive map']"
    checked = 0
    for i in range(expected):
        page.locator(selector).nth(i).scroll_into_view_if_needed(timeout=60_000)
        # re-resolved at each use: JupyterLab may re-create an output's frame as cells scroll
        state = page.frame_locator(selector).nth(i).locator("body").evaluate(map_coverage)
        view.screenshot(f"{name}-map-{i}", element=page.locator(selector).nth(i))  # the map as the reader sees it
        assert state["shapes"] > 0 and state["width"] > 0, (name, i, state)
        assert state["zoom"] >= 1, (name, i, state)  # not left at the world zoom of a zero-size frame
        assert max(state["cover_w"], state["cover_h"]) > 0.4, (name, i, state)  # data fill the frame
        assert state["folded_layers"], (name, i, state)  # the layer control is folded in notebooks
        checked += 1
    assert checked == expected > 0
    view.assert_clean()
    # leave the lab as found: close the notebook and shut its kernel down
    page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
    page.evaluate("window.jupyterapp.commands.execute('application:close-all')")
