"""Render and save maps: one self-contained, reproducible HTML file per map.

:func:`save_map` writes a folium map (one made with :func:`coophelpers.base_map`, or any other)
as ONE HTML file that opens with no network:

* the JavaScript and CSS its elements declare are inlined from installed registry packages, or
  dropped when nothing on the map uses them (:mod:`coophelpers.maps._assets`); a map that
  needs a file no package provides is refused with an error naming the element;
* a provenance box (title, data sources, licences, as-of dates, software, build date) is shown
  on the map and embedded as JSON in ``<script type="application/json" id="provenance">``;
* folium's random element ids become 1, 2, 3..., and the build date comes from
  ``provenance["build_date"]`` or ``SOURCE_DATE_EPOCH``, so the same map gives the same bytes;
* the file is written atomically (a temporary file in the same folder, then ``os.replace``).

When :data:`coophelpers.settings.map_metadata_dir` (or ``COOPHELPERS_MAP_METADATA_DIR``) is set,
as ``coophelpers site`` does, each save also writes ``<file name>.json`` there with the map's
title, provenance and static preview, which the site reads instead of parsing the HTML.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coophelpers import settings
from coophelpers._errors import InvalidInputError, MapBudgetError, MapSizeWarning, warn
from coophelpers._io import atomic_write, check_folder, check_writable, user_path
from coophelpers._validate import check_bool, check_positive_int
from coophelpers.maps._assets import external_refs, offline_header, plan, walk
from coophelpers.maps._basemap import BASEMAP_NAME, add_basemap
from coophelpers.maps._elements import FitToFrame, HtmlControl, check_map
from coophelpers.maps._drawing import preview_png
from coophelpers.maps._preview import fit_bounds
from coophelpers.maps._provenance import map_sources, provenance_html, provenance_record
from coophelpers.maps._text import esc, js_json, read_package_text

if TYPE_CHECKING:
    import folium

__all__ = [
    "check_map_size",
    "external_refs",
    "map_html",
    "map_metadata",
    "map_output",
    "render_map",
    "renumber_ids",
    "save_map",
]

log = logging.getLogger(__name__)

_AUTO_CONTROL = "coophelpers_layer_control"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_ID_RE = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _finalise(m: Any, provenance: Any, *, in_frame: bool = False) -> dict[str, Any]:
    """Add the provenance box, CSS, the fit-to-frame script and the layer control; return the record.

    ``in_frame``: the map is shown inside a notebook output, where the layer control starts
    collapsed so that it does not cover the map.
    """
    import folium
    from branca.element import Element

    record = provenance_record(m, provenance)
    # Leaflet takes its zoom range from the tile layers shown; an offline map shows none, and
    # plugins such as MarkerCluster need a maximum zoom: give the usual one where none is set
    m.options.setdefault("max_zoom", 18)
    control = HtmlControl(provenance_html(record), position="bottomleft", css_class="ch-box ch-provenance")
    m.add_child(control, name="coophelpers_provenance")
    m.add_child(FitToFrame(fit_bounds(m)), name="coophelpers_fit")
    m.get_root().header.add_child(Element(f"<style>{read_package_text('maps.css')}</style>"), name="coophelpers_css")
    m._children.pop(_AUTO_CONTROL, None)  # made afresh for each render: saved expanded, shown collapsed
    controls = [(key, el) for key, el in m._children.items() if isinstance(el, folium.LayerControl)]
    has_layers = any(isinstance(el, folium.map.Layer) and el.control for el in m._children.values())
    if not controls and has_layers and getattr(m, "_coophelpers_auto_control", False):
        controls = [(_AUTO_CONTROL, folium.LayerControl(collapsed=in_frame))]
    # folium needs the layer control last (it refers to layers defined before it)
    for key, el in controls:
        m._children.pop(key, None)
        m.add_child(el, name=key)
    return record


def renumber_ids(html: str, known: set[str] | None = None, *, prefix: str = "") -> str:
    """Replace folium's random 32-hex element ids by ``prefix`` + 1, 2, 3... in order of appearance.

    ``known``: only these ids (the elements' own); None: every 32-hex token.
    """
    mapping: dict[str, str] = {}

    def _sub(match: re.Match[str]) -> str:
        token = match.group(0)
        if known is not None and token not in known:
            return token
        return mapping.setdefault(token, f"{prefix}{len(mapping) + 1}")

    return _ID_RE.sub(_sub, html)


def _element_ids(root: Any) -> set[str]:
    """The ``_id`` of every element in the figure (map tree and header/html/script)."""
    known = {getattr(el, "_id", None) for el in walk(root)}
    for part in ("header", "html", "script"):
        sub = getattr(root, part, None)
        if sub is not None:
            known.update(getattr(el, "_id", None) for el in walk(sub))
    return {k for k in known if isinstance(k, str)}


def _render(m: Any, *, offline: bool) -> str:
    """Render the figure; with ``offline``, with its assets inlined (see :mod:`._assets`)."""
    root = m.get_root()
    asset_plan = plan(m) if offline else None
    # Rendering adds scripts and links to the figure's header/html/script, keyed by element
    # name; restore them afterwards so every render starts from the same state (and a map
    # saved twice gives the same bytes).
    parts = [getattr(root, part) for part in ("header", "html", "script") if hasattr(root, part)]
    snapshot = [(part, dict(part._children)) for part in parts]
    header = root.header
    # known elements that write web links into their own template render with an offline one
    swaps = asset_plan.swaps if asset_plan is not None else []
    originals = [(element, element._template) for element, _ in swaps]
    for element, template in swaps:
        element._template = template
    if asset_plan is not None:
        original = header.render

        def render_offline(**kwargs: Any) -> str:
            offline_header(header, asset_plan)
            return original(**kwargs)

        header.render = render_offline
    try:
        page = root.render()
        known = _element_ids(root)
    finally:
        header.__dict__.pop("render", None)
        for element, template in originals:
            element._template = template
        for part, children in snapshot:
            part._children.clear()
            part._children.update(children)
    return renumber_ids(page, known)


def map_html(m: folium.Map, *, offline: bool = True, provenance: Any = None, in_frame: bool = False) -> str:
    """Render a map to the HTML text :func:`save_map` writes (see there for the parameters).

    Examples
    --------
    >>> import coophelpers as ch
    >>> page = map_html(ch.base_map(basemap=False, title="Empty"))
    >>> page.startswith("<!DOCTYPE html>"), "<title>Empty</title>" in page
    (True, True)
    """
    return render_map(m, offline=offline, provenance=provenance, in_frame=in_frame)[0]


@contextlib.contextmanager
def _web_tiles_online_only(m: Any, *, in_frame: bool) -> Iterator[None]:
    """For an offline render: web tile layers become unchecked "online only" layers, over the offline basemap.

    A map whose only background is web tiles (``GeoDataFrame.explore`` draws OpenStreetMap) would
    be grey without the network. While it renders, each tile layer is switched off and listed in
    the layer control as online only, the offline basemap is drawn under the data, and a layer
    control is added if the map has none; the map itself is left as it was afterwards.
    """
    import folium

    tiles = [el for el in m._children.values() if isinstance(el, folium.TileLayer) and "://" in str(el.tiles)]
    if not tiles:
        yield
        return
    saved = [(t, t.overlay, t.control, t.show, t.layer_name) for t in tiles]
    children, sources = dict(m._children), list(map_sources(m))
    for t in tiles:
        t.overlay, t.control, t.show = True, True, False
        if not str(t.layer_name).endswith("(online only)"):  # base_map names its tiles so already
            t.layer_name = f"{t.layer_name} (online only)"
    if not any(getattr(el, "layer_name", None) == BASEMAP_NAME for el in m._children.values()):
        add_basemap(m)
        # the basemap goes first, under the data layers
        m._children = dict(sorted(m._children.items(), key=lambda kv: kv[0] in children))
    if not any(isinstance(el, folium.LayerControl) for el in m._children.values()):
        folium.LayerControl(collapsed=in_frame).add_to(m)
    try:
        yield
    finally:
        for t, overlay, control, show, name in saved:
            t.overlay, t.control, t.show, t.layer_name = overlay, control, show, name
        m._children.clear()
        m._children.update(children)
        map_sources(m)[:] = sources


def render_map(
    m: Any, *, offline: bool = True, provenance: Any = None, in_frame: bool = False
) -> tuple[str, dict[str, Any], str | None]:
    """(page, provenance record, static preview) of a map, from one render (see :func:`map_html`)."""
    check_map(m, optional=False)
    with _web_tiles_online_only(m, in_frame=in_frame) if offline else contextlib.nullcontext():
        return _page_of(m, offline=offline, provenance=provenance, in_frame=in_frame)


def _page_of(m: Any, *, offline: bool, provenance: Any, in_frame: bool) -> tuple[str, dict[str, Any], str | None]:
    record = _finalise(m, provenance, in_frame=in_frame)
    page = _render(m, offline=offline)
    if offline:
        remote = external_refs(page)
        if remote:  # an element writes a <script src> into its own template (not default_js)
            msg = (
                f"save_map(offline=True) cannot make this map work without the network: an element "
                f"writes web files into its own template ({', '.join(repr(r) for r in remote[:3])}) "
                "instead of declaring them, so they cannot be inlined. Fix: remove that element (for "
                "a legend of categories use coophelpers.add_regions(m, gdf, name=..., column=...), "
                "which works offline), or save with offline=False to keep the web links."
            )
            raise InvalidInputError(msg)
    head = [
        f"<title>{esc(record['title'] or 'Map')}</title>",
        f'<script type="application/json" id="provenance">{js_json(record)}</script>',
    ]
    page = page.replace("<head>", "<head>\n" + "\n".join(head), 1)
    page = page.replace("<html>", '<html lang="en">', 1)
    preview = preview_png(m)
    if preview:
        page = page.replace(
            "</body>",
            f'<noscript><div style="padding:8px"><img id="coophelpers-preview" src="{esc(preview)}" '
            'alt="static preview of the map"><p>Static preview: the interactive map needs '
            "JavaScript.</p></div></noscript>\n</body>",
            1,
        )
    # trailing whitespace of folium's templates is noise in diffs
    page = "\n".join(line.rstrip() for line in page.splitlines() if line.strip()) + "\n"
    return page, record, preview


def _metadata_dir() -> Path | None:
    folder = settings.map_metadata_dir or os.environ.get(settings.MAP_METADATA_DIR_ENV)
    return user_path(folder) if folder else None


def save_map(
    m: folium.Map,
    path: str | os.PathLike[str],
    *,
    offline: bool = True,
    provenance: Mapping[str, Any] | Sequence[Any] | None = None,
) -> Path:
    """Write a folium map as one self-contained HTML file, atomically.

    Parameters
    ----------
    m
        The map (best built with :func:`coophelpers.base_map`; any ``folium.Map`` works).
    path
        Output file, normally ``*.html``; a leading ``~`` is the home folder. Missing parent
        folders are created. The file is first
        written to a temporary file in the same folder and then moved into place, so a failure
        leaves either the old file or none, never a partial one.
    offline
        Inline the JavaScript and CSS the map's elements declare (Leaflet, d3, jQuery, jQuery
        UI, MarkerCluster and Font Awesome from installed XStatic packages; the
        ``folium.Icon`` markers' awesome-markers and glyphicons from the vendored npm releases)
        and drop the ones nothing on the map uses (Bootstrap, jQuery, icon fonts). Web tile
        layers become unchecked "online only" layers over the offline basemap. A map with an
        element that needs a file no package provides is refused with an error naming the
        element. ``offline=False`` keeps folium's CDN links.
    provenance
        ``{"title": str, "sources": [{"name", "url", "licence", "as_of", "attribution",
        "note"}, ...], "notes": [str, ...], "build_date": date | "YYYY-MM-DD"}`` (all keys
        optional) or just a list of sources. Sources recorded on the map by
        :func:`coophelpers.base_map`, :func:`coophelpers.add_regions` and
        :func:`coophelpers.add_source` are added. The build date defaults to
        ``SOURCE_DATE_EPOCH`` if set, else today (UTC), so builds are reproducible.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    InvalidInputError
        ``path`` is not an ``.html`` file in a folder that can be written, a provenance entry is
        malformed, or the map needs a file no installed package provides.

    Warns
    -----
    MapSizeWarning
        If the file exceeds :data:`coophelpers.settings.max_map_bytes` (use
        :func:`check_map_size` to fail instead).

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(title="My map")
    >>> ch.save_map(m, "maps/my-map.html")
    PosixPath('maps/my-map.html')
    """
    check_map(m, optional=False)
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path={path!r} is not a file path. Fix: pass e.g. 'maps/regions.html'."
        raise InvalidInputError(msg)
    target = user_path(path)  # '~/maps/m.html' is in the home folder, as in a shell
    if target.suffix.lower() not in (".html", ".htm"):
        msg = f"path={str(path)!r} does not end in '.html'. Fix: name the file e.g. 'map.html'."
        raise InvalidInputError(msg)
    check_bool(offline, param="offline")
    check_writable(target, param="path")
    page, record, preview = render_map(m, offline=offline, provenance=provenance)
    data = page.encode("utf-8")
    atomic_write(target, data)
    meta_dir = _metadata_dir()
    if meta_dir is not None:
        meta = {
            "path": str(target.resolve()),
            "file": target.name,
            "bytes": len(data),
            "provenance": record,
            "preview_png": preview,
        }
        meta_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(meta_dir / f"{target.name}.json", json.dumps(meta, ensure_ascii=False, indent=1), fsync=False)
    if len(data) > settings.max_map_bytes:
        msg = (
            f"Map {target.name!r} is {len(data) / 1e6:.2f} MB, over the "
            f"{settings.max_map_bytes / 1e6:.1f} MB budget; the site build will refuse it. Fix: use "
            "load_regions(detail='web') and fewer layers."
        )
        warn(msg, MapSizeWarning)
    log.info("saved map %s (%d bytes)", target, len(data))
    return target


def map_metadata(folder: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The metadata files :func:`save_map` wrote into ``folder``, keyed by the map's resolved path."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(user_path(folder).glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        out[meta["path"]] = meta
    return out


def check_map_size(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> int:
    """Return the size of a saved map in bytes; raise if it is over the budget.

    Parameters
    ----------
    path
        A saved map.
    max_bytes
        The budget; default :data:`coophelpers.settings.max_map_bytes` (1.5 MB).

    Raises
    ------
    MapBudgetError
        If the file is larger than ``max_bytes``.
    InvalidInputError
        ``path`` is not a file, or ``max_bytes`` is not a positive whole number.
    """
    if max_bytes is not None:
        check_positive_int(max_bytes, param="max_bytes", example=1_500_000)
    budget = settings.max_map_bytes if max_bytes is None else int(max_bytes)
    if not isinstance(path, (str, os.PathLike)) or not user_path(path).is_file():
        msg = f"path={path!r} is not a saved map file. Fix: pass the path save_map returned, e.g. 'maps/regions.html'."
        raise InvalidInputError(msg)
    size = user_path(path).stat().st_size
    if size > budget:
        msg = (
            f"Map {Path(path).name!r} is {size:,} bytes ({size / 1e6:.2f} MB), over the "
            f"{budget / 1e6:.1f} MB budget. Fix: use load_regions(detail='web'), fewer "
            "layers or simpler shapes."
        )
        raise MapBudgetError(msg)
    return size


def map_output(name: str) -> Path:
    """Return the path where a notebook should save map ``name``.

    The folder is :data:`coophelpers.settings.maps_dir`, else ``$COOPHELPERS_MAPS_DIR`` (set by
    ``coophelpers site`` so maps land in the site), else ``./maps``; it is created if missing,
    and a leading ``~`` is the home folder.

    Parameters
    ----------
    name
        File stem of the map: letters, digits, ``.``, ``_`` and ``-`` (``.html`` optional),
        e.g. ``"01-regions"``.

    Returns
    -------
    pathlib.Path
        ``<folder>/<name>.html``.

    Raises
    ------
    InvalidInputError
        ``name`` is not a safe file name, or the folder cannot be used (a file is in the way, it
        cannot be created or written); the message names the setting that chose the folder.

    Examples
    --------
    >>> map_output("01-regions").name
    '01-regions.html'
    """
    if not isinstance(name, str):
        msg = f"name={name!r} is not text. Fix: pass a file stem such as '01-regions'."
        raise InvalidInputError(msg)
    stem = name[:-5] if name.lower().endswith(".html") else name
    if not _NAME_RE.match(stem) or ".." in stem:
        msg = (
            f"name={name!r} is not a safe file name. Fix: use letters, digits, '.', '_' and "
            "'-' only, e.g. '01-regions'."
        )
        raise InvalidInputError(msg)
    return _maps_folder() / f"{stem}.html"


def _maps_folder() -> Path:
    """The folder of :func:`map_output` (``~`` expanded), made if missing, or a clear error saying which setting named it."""
    fix = "set coophelpers.settings.maps_dir (or COOPHELPERS_MAPS_DIR) to a folder you can write to, e.g. '~/maps'."
    if settings.maps_dir:
        folder, given = user_path(settings.maps_dir), f"settings.maps_dir={str(settings.maps_dir)!r}"
    elif os.environ.get(settings.MAPS_DIR_ENV):
        value = os.environ[settings.MAPS_DIR_ENV]
        folder, given = user_path(value), f"{settings.MAPS_DIR_ENV}={value!r}"
    else:
        folder = Path("maps")
        given = (
            f"The maps folder {str(Path.cwd() / folder)!r} (the default: neither maps_dir in "
            f"coophelpers.settings nor {settings.MAPS_DIR_ENV} is set)"
        )
        fix = "run in a folder you can write to, or " + fix
    return check_folder(folder, given=given, fix=fix)
