"""Make a rendered folium page self-contained: inline Leaflet, drop unused CDN assets.

Third-party JavaScript and CSS are read at run time from registry packages installed in the
environment (never copied into this repository):

* Leaflet: ``XStatic-Leaflet`` (Leaflet 1.9.3, the version folium 0.20 pins) or, as a fallback,
  ``django-js-lib-leaflet`` (Leaflet 1.9.4). Its images are inlined as ``data:`` URIs.

folium also links jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from CDNs. Plain
Leaflet maps (shapes, tooltips, popups, circle markers, layer control) do not use them, so they
are removed. A page that does use them (``folium.Icon`` markers, plugins with other CDN files)
cannot be made offline; :func:`inline_assets` then raises and names the files.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import pathlib
import re
from dataclasses import dataclass

from coophelpers._errors import InvalidInputError

__all__ = ["LeafletAssets", "external_refs", "inline_assets", "leaflet_assets"]

#: ``<script ... src="...">`` and ``<link ... href="...">`` tags as folium writes them.
_SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>\s*</script>\s*", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*\bhref=\"([^\"]+)\"[^>]*/?>\s*", re.IGNORECASE)
#: any remote reference left in a src/href attribute (used by the tests and the site build).
_REMOTE_REF = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)

#: CDN files a plain Leaflet map does not need, with a pattern telling when a page DOES use them.
_DROPPABLE: dict[str, tuple[str, str]] = {
    # url fragment (checked in this order): (what, regex over the page's own scripts that
    # means the page uses it)
    "glyphicons": ("Bootstrap glyphicons", r"glyphicon"),
    "awesome.rotate": ("awesome-markers rotation CSS", r"AwesomeMarkers"),
    "awesome-markers": ("Leaflet.awesome-markers", r"AwesomeMarkers"),
    "fontawesome": ("Font Awesome", r"\bfa-[a-z]"),
    "bootstrap": ("Bootstrap", r"\bbootstrap\.|data-bs-toggle"),
    "jquery": ("jQuery", r"\bjQuery\b|\$\(|\$\."),
}

_ICON_SCRIPT = """\
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions({iconUrl: "%s", iconRetinaUrl: "%s", shadowUrl: "%s"});"""


@dataclass(frozen=True)
class LeafletAssets:
    """Leaflet's files read from an installed registry package."""

    js: str
    css: str
    icon_script: str
    version: str
    package: str


def _data_uri(path: pathlib.Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _leaflet_dir() -> tuple[pathlib.Path, str, str]:
    """Return (folder with leaflet.js, Leaflet version, package name)."""
    spec = importlib.util.find_spec("xstatic.pkg.leaflet")
    if spec is not None:
        import xstatic.pkg.leaflet as xl  # noqa: PLC0415

        return pathlib.Path(xl.BASE_DIR), str(xl.VERSION), "XStatic-Leaflet"
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is not None and spec.origin:
        folder = pathlib.Path(spec.origin).parent / "static" / "js_lib_leaflet"
        text = (folder / "leaflet.js").read_text(encoding="utf-8")
        found = re.search(r"Leaflet (\d+\.\d+\.\d+)", text)
        return folder, found.group(1) if found else "unknown", "django-js-lib-leaflet"
    msg = (
        "save_map(offline=True) needs Leaflet from an installed package, but neither "
        "'XStatic-Leaflet' nor 'django-js-lib-leaflet' is installed. Fix: "
        "pip install XStatic-Leaflet (or pass offline=False)."
    )
    raise InvalidInputError(msg)


@functools.lru_cache(maxsize=1)
def leaflet_assets() -> LeafletAssets:
    """Read Leaflet's JS, CSS (images inlined) and default-icon set-up from the package."""
    folder, version, package = _leaflet_dir()
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js)
    js = js.replace("</script", "<\\/script")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")
    images = folder / "images"

    def _inline(match: re.Match[str]) -> str:
        return f"url({_data_uri(images / match.group(1))})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", _inline, css)
    css = css.replace("</style", "<\\/style")
    icon_script = _ICON_SCRIPT % (
        _data_uri(images / "marker-icon.png"),
        _data_uri(images / "marker-icon-2x.png"),
        _data_uri(images / "marker-shadow.png"),
    )
    return LeafletAssets(js=js, css=css, icon_script=icon_script, version=version, package=package)


def external_refs(html: str) -> list[str]:
    """Return every remote URL a page would load through ``src``/``href`` of script, link,
    img or iframe tags."""
    return [m.group(1) for m in _REMOTE_REF.finditer(html)]


def _classify(url: str) -> str | None:
    low = url.lower()
    if re.search(r"leaflet(@[\d.]+)?/dist/leaflet\.js$|/leaflet(\.min)?\.js$", low):
        return "leaflet_js"
    if re.search(r"leaflet(@[\d.]+)?/dist/leaflet\.css$|/leaflet(\.min)?\.css$", low):
        return "leaflet_css"
    for key in _DROPPABLE:
        if key in low.replace("font-awesome", "fontawesome").replace("/fortawesome/", "fontawesome"):
            return key
    return None


def inline_assets(html: str) -> str:
    """Return ``html`` with Leaflet inlined and unused CDN assets removed.

    Raises
    ------
    InvalidInputError
        If the page needs a remote file that no installed package provides.
    """
    # the page's own scripts, to decide whether a droppable library is actually used
    own_scripts = "\n".join(
        re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL | re.IGNORECASE)
    )
    assets = leaflet_assets()
    problems: list[str] = []

    def _replace(match: re.Match[str], *, is_script: bool) -> str:
        url = match.group(1)
        if not re.match(r"(?:https?:)?//", url, re.IGNORECASE):
            return match.group(0)
        kind = _classify(url)
        if kind == "leaflet_js" and is_script:
            return (
                f"<script>{assets.js}</script>\n"
                f"<script>{assets.icon_script}</script>\n"
            )
        if kind == "leaflet_css" and not is_script:
            return f"<style>{assets.css}</style>\n"
        if kind in _DROPPABLE:
            what, needed = _DROPPABLE[kind]
            if re.search(needed, own_scripts):
                problems.append(f"{what} ({url})")
                return match.group(0)
            return ""
        problems.append(url)
        return match.group(0)

    html = _SCRIPT_TAG.sub(lambda m: _replace(m, is_script=True), html)
    html = _LINK_TAG.sub(lambda m: _replace(m, is_script=False), html)
    if problems:
        listed = ", ".join(repr(p) for p in sorted(set(problems)))
        msg = (
            f"The map needs files that are only on the web and cannot be inlined: {listed}. "
            "Fix: use shapes, folium.CircleMarker or folium.DivIcon markers instead of "
            "folium.Icon (awesome-markers) and plugins that load CDN files, or call "
            "save_map(m, path, offline=False) to keep the web links."
        )
        raise InvalidInputError(msg)
    return html
