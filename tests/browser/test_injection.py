"""Text is text: no string a researcher or the data puts on a map runs as code when the map opens.

Every public text parameter of the map builders (and the curated names the themes show) is tried
with every payload below: HTML tags with event handlers, ``</script>`` breakouts, JavaScript
string and template-literal breakouts. Each map is saved with ``save_map`` and opened in Chromium
with ``alert``/``confirm``/``prompt`` trapped; the test hovers the shapes, opens the layer control
and the sources box and clicks a shape, then fails if any payload ran (each payload sets a flag)
or if the text did not reach the page as text.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

import coophelpers as ch
from coophelpers import InvalidInputError
from coophelpers.maps.themes import crossings as crossings_theme

#: Each payload, if it ran, sets window.__ran; the tag-shaped ones also load an image (blocked).
PAYLOADS = {
    "img-onerror": '"><img src=x onerror="window.__ran=1">',
    "svg-onload": "<svg onload=window.__ran=2>",
    "script": "<script>window.__ran=3</script>",
    "script-breakout": "</script><script>window.__ran=4</script>",
    "template-literal": "${window.__ran=5}",
    "backtick": "`+(window.__ran=6)+`",
    "single-quote": "'-(window.__ran=7)-'",
    "double-quote": '"-(window.__ran=8)-"',
    "backslash": "\\`;window.__ran=9;//",
    "attribute": "x' onmouseover='window.__ran=10' y='",
    "style": "<style>*{display:none}</style><b onclick=window.__ran=11>",
}

TRAP = """
window.__ran = 0; window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (msg) => { window.__dialogs.push(name + ':' + msg); return null; };
}
"""


@pytest.fixture(scope="module")
def shapes():
    return gpd.GeoDataFrame(
        {"name_en": ["A", "B"], "kind": ["x", "y"], "value": [1.0, 2.0]},
        geometry=[box(120, 40, 124, 44), box(125, 40, 129, 44)],
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def land_route():
    return ch.route("Harbin", "Vladivostok", as_of="2024-01-01")


def _regions(shapes, p):
    m = ch.base_map()
    ch.add_regions(m, shapes, name="Shapes")
    return m


def _with_text_column(shapes, column, p):
    gdf = shapes.copy()
    gdf[column] = p
    return gdf


def _curated_names(p):
    """regions_map of curated data whose every text column holds the payload."""
    regions = ch.load_regions("CN", as_of="2024-01-01").head(3).copy()
    for column in regions.columns:
        if column not in ("geometry", "code", "country", "status", "capital_lat", "capital_lon"):
            regions[column] = p
    return ch.regions_map(regions, districts=False)


def _curated_crossings(p, monkeypatch):
    original = crossings_theme.load_crossings

    def poisoned(*args, **kwargs):
        frame = original(*args, **kwargs).head(3).copy()
        for column in ("name_en", "name_zh", "name_ru", "cn_port", "ru_port", "note"):
            if column in frame.columns:
                frame[column] = p
        return frame

    monkeypatch.setattr(crossings_theme, "load_crossings", poisoned)
    return ch.crossings_map(as_of="2024-01-01")


#: text parameter -> function(payload, shapes, route, monkeypatch) -> (map, provenance)
PARAMETERS = {
    "route_map label": lambda p, s, r, mp: (ch.route_map({p: r}), None),
    "base_map title": lambda p, s, r, mp: (ch.base_map(title=p), None),
    "add_regions name": lambda p, s, r, mp: (_add(ch.base_map(), s, name=p), None),
    "add_regions tooltip values": lambda p, s, r, mp: (
        _add(ch.base_map(), _with_text_column(s, "name_en", p), name="S", tooltip_fields=["name_en"]), None),
    "add_regions tooltip_fields label": lambda p, s, r, mp: (
        _add(ch.base_map(), s, name="S", tooltip_fields={"name_en": p}), None),
    "add_regions category labels": lambda p, s, r, mp: (
        _add(ch.base_map(), _with_text_column(s, "kind", [p, p + "2"]), name="S", column="kind"), None),
    "add_regions column name (legend title)": lambda p, s, r, mp: (
        _add(ch.base_map(), s.rename(columns={"value": p}), name="S", column=p), None),
    "add_legend title and labels": lambda p, s, r, mp: (_legend(_regions(s, p), p), None),
    "add_source name, licence, note, attribution": lambda p, s, r, mp: (_source(_regions(s, p), p), None),
    "save_map provenance": lambda p, s, r, mp: (
        _regions(s, p),
        {"title": p, "notes": [p], "sources": [{"name": p, "licence": p, "note": p, "url": "https://example.org/" + p}]}),
    "regions_map curated names": lambda p, s, r, mp: (_curated_names(p), None),
    "crossings_map curated names": lambda p, s, r, mp: (_curated_crossings(p, mp), None),
}


def _add(m, gdf, **kwargs):
    ch.add_regions(m, gdf, **kwargs)
    return m


def _legend(m, p):
    ch.add_legend(m, p, [(p, "#ff0000", "square"), (p, "#00ff00", "line")])
    return m


def _source(m, p):
    ch.add_source(m, p, licence=p, note=p, attribution=p, as_of="2024-01-01")
    return m


_SHOWN = "() => Array.from(document.querySelectorAll('.leaflet-tooltip, .leaflet-popup-content')).map(e => e.textContent)"


def _exercise(page) -> list[str]:
    """Do what a reader does: hover and click shapes, open the layer control and the sources box.

    Returns the text of every tooltip and popup that opened.
    """
    seen: list[str] = []
    shapes = page.locator(".leaflet-overlay-pane path.leaflet-interactive, .leaflet-marker-pane .leaflet-interactive")
    for i in range(min(shapes.count(), 4)):
        try:
            shapes.nth(i).hover(timeout=2_000, force=True)
            page.wait_for_timeout(80)
        except Exception:  # noqa: BLE001, S112 - a shape outside the view cannot be hovered; others are
            continue
        seen += page.evaluate(_SHOWN)
    if shapes.count():
        shapes.first.click(timeout=2_000, force=True)
        page.wait_for_timeout(80)
        seen += page.evaluate(_SHOWN)
    control = page.locator(".leaflet-control-layers")
    if control.count():
        control.first.hover(force=True)
        page.wait_for_timeout(100)
    for summary in page.locator("details > summary").all():
        summary.click(force=True)
    page.wait_for_timeout(200)
    return seen


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("parameter", PARAMETERS)
def test_text_never_runs(parameter, payload, shapes, land_route, offline_page, tmp_path, monkeypatch):
    text = PAYLOADS[payload]
    m, provenance = PARAMETERS[parameter](text, shapes, land_route, monkeypatch)
    path = ch.save_map(m, tmp_path / "m.html", provenance=provenance)
    view = offline_page(path, viewport=(1000, 700), init_script=TRAP, wait_for=".leaflet-container")
    page = view.page
    seen = _exercise(page)
    ran = page.evaluate("window.__ran")
    dialogs = page.evaluate("window.__dialogs")
    assert ran == 0 and dialogs == [], f"{parameter} ran {payload!r}: flag {ran}, dialogs {dialogs}"
    # the text is shown as text where a reader sees it (not dropped, not parsed as markup)
    shown = "\n".join([page.title(), page.inner_text("body"), *seen])
    assert text in shown, f"{parameter}: the payload {text!r} does not appear as text"
    assert view.console_errors == [], view.console_errors


@pytest.mark.parametrize("url", ["javascript:window.__ran=1", "data:text/html,<script>alert(1)</script>", " JavaScript:alert(1)"])
def test_source_links_must_be_web_addresses(url):
    m = ch.base_map(basemap=False)
    with pytest.raises(InvalidInputError, match="url"):
        ch.add_source(m, "A source", url=url)
