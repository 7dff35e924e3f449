"""Inline the JavaScript and CSS a map needs, decided from what its elements declare (private).

folium elements declare their assets as ``default_js`` and ``default_css``: lists of
``(name, url)``. :func:`plan` walks a map's element tree and decides, asset by asset:

* **inline** it, when an installed registry package provides the file (:data:`PROVIDERS`;
  Leaflet comes from the ``XStatic-Leaflet`` wheel, its images as ``data:`` URIs);
* **drop** it, when only ``folium.Map`` declares it on behalf of elements that might need it
  (jQuery, Bootstrap, Font Awesome, Leaflet.awesome-markers) and no element of this map does
  (:data:`USES` says which element classes use which of them; for ``folium.Icon`` it depends
  on the icon's ``prefix``);
* **refuse** the map otherwise, with an error naming the element that needs the file.

Assets an element adds while it renders (branca's colour-map legends add d3) arrive as links in
the page header; :func:`offline_header` applies the same decision to them before the header is
written. One known third-party element declares nothing and writes a jQuery UI link into its
own template: the categorical legend of ``GeoDataFrame.explore``; it is recognised by its
rendered header and rendered with an offline template (:func:`_template_swaps`). Nothing here
reads the text of the page, or anything a user wrote, to decide.

Third-party JavaScript and CSS are read at run time from registry packages installed in the
environment (XStatic wheels), or, where no wheel exists, from the exact released npm files in
``vendor/`` (see :mod:`coophelpers.maps._vendor`).
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import pathlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from coophelpers._errors import InvalidInputError, MissingDependencyError
from coophelpers.maps import _vendor

__all__ = ["AssetPlan", "LeafletAssets", "external_refs", "leaflet_assets", "offline_header", "plan", "walk"]

#: Assets ``folium.Map`` declares for the elements that may be added to it, not for itself.
MAP_PROVISIONS = frozenset(
    {
        "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
        "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
    }
)
_AWESOME = frozenset({"awesome_markers", "awesome_markers_css"})


def _icon_uses(icon: Any) -> frozenset[str]:
    """What a ``folium.Icon`` needs: awesome-markers, plus the icon font its ``prefix`` names."""
    prefix = str(icon.options.get("prefix", "glyphicon"))
    # awesome-markers writes the classes "<prefix> <prefix>-<icon>": with Font Awesome 6 only
    # prefix "fa" (solid icons) gives classes the font knows
    font = {"glyphicons_css"} if prefix == "glyphicon" else {"awesome_markers_font_css"}
    extra = str(icon.options.get("extra_classes", ""))
    rotate = {"awesome_rotate_css"} if extra.startswith("fa-rotate-") and extra != "fa-rotate-0" else set()
    return _AWESOME | font | rotate


#: Element classes (module, name) that use assets the map provides, and which ones (a set, or a
#: function of the element for elements whose options decide, like an icon's font).
USES: dict[tuple[str, str], frozenset[str] | Callable[[Any], frozenset[str]]] = {
    ("folium.map", "Icon"): _icon_uses,
    # folium.plugins.BeautifyIcon and friends subclass nothing here; they declare their own files
}
_REMOTE_REF = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)
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
    if importlib.util.find_spec("xstatic.pkg.leaflet") is not None:
        import xstatic.pkg.leaflet as xl

        return pathlib.Path(xl.BASE_DIR), str(xl.VERSION), "XStatic-Leaflet"
    msg = (
        "save_map(offline=True) needs Leaflet from an installed package, but 'XStatic-Leaflet' "
        "is not installed. Fix: pip install XStatic-Leaflet (or pass offline=False)."
    )
    raise MissingDependencyError(msg)


@functools.lru_cache(maxsize=1)
def leaflet_assets() -> LeafletAssets:
    """Read Leaflet's JS, CSS (images inlined) and default-icon set-up from the package."""
    folder, version, package = _leaflet_dir()
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js).replace("</script", "<\\/script")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")
    images = folder / "images"
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", lambda m: f"url({_data_uri(images / m.group(1))})", css)
    css = css.replace("</style", "<\\/style")
    icon_script = _ICON_SCRIPT % (
        _data_uri(images / "marker-icon.png"),
        _data_uri(images / "marker-icon-2x.png"),
        _data_uri(images / "marker-shadow.png"),
    )
    return LeafletAssets(js=js, css=css, icon_script=icon_script, version=version, package=package)


def _xstatic(module: str, wheel: str) -> pathlib.Path:
    """The data folder of an installed XStatic wheel, or a clear error naming the wheel to install."""
    if importlib.util.find_spec(module) is None:
        msg = f"save_map(offline=True) needs {wheel} for this map, but it is not installed. Fix: pip install {wheel}."
        raise MissingDependencyError(msg)
    return pathlib.Path(importlib.import_module(module).BASE_DIR)


def _script(module: str, wheel: str, name: str) -> str:
    text = (_xstatic(module, wheel) / name).read_text(encoding="utf-8")
    text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text).replace("</script", "<\\/script")
    return f"<script>{text}</script>"


def _style(module: str, wheel: str, name: str) -> str:
    folder = _xstatic(module, wheel)
    css = (folder / name).read_text(encoding="utf-8")

    def _inline(match: re.Match[str]) -> str:
        image = (folder / name).parent / match.group(1)
        return f"url({_data_uri(image)})" if image.suffix == ".png" and image.is_file() else match.group(0)

    css = re.sub(r"url\(['\"]?([\w./-]+\.png)['\"]?\)", _inline, css).replace("</style", "<\\/style")
    return f"<style>{css}</style>"


#: Asset name (as folium, branca and the plugins name them) -> the inline ``<script>``/``<style>``
#: HTML for it, read from an installed registry package.
PROVIDERS: dict[str, Callable[[], str]] = {
    "leaflet": lambda: f"<script>{leaflet_assets().js}</script>\n<script>{leaflet_assets().icon_script}</script>",
    "leaflet_css": lambda: f"<style>{leaflet_assets().css}</style>",
    # branca's colour-map legends (GeoDataFrame.explore with a numeric column)
    "d3": lambda: _script("xstatic.pkg.d3", "XStatic-D3", "d3.js"),
    "jquery": lambda: _script("xstatic.pkg.jquery", "XStatic-jQuery", "jquery.min.js"),
    # folium.plugins.MarkerCluster
    "markerclusterjs": lambda: _script(
        "xstatic.pkg.leaflet_markercluster", "XStatic-Leaflet-MarkerCluster", "leaflet.markercluster.js"
    ),
    "markerclustercss": lambda: _style("xstatic.pkg.leaflet_markercluster", "XStatic-Leaflet-MarkerCluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": lambda: _style(
        "xstatic.pkg.leaflet_markercluster", "XStatic-Leaflet-MarkerCluster", "MarkerCluster.Default.css"
    ),
    # folium.Icon: Leaflet.awesome-markers and the icon fonts (see ._vendor)
    "awesome_markers": _vendor.awesome_markers_js,
    "awesome_markers_css": _vendor.awesome_markers_css,
    "glyphicons_css": _vendor.glyphicons_css,
    "awesome_markers_font_css": _vendor.font_awesome_css,
    "awesome_rotate_css": _vendor.rotate_css,
}


def external_refs(html: str) -> list[str]:
    """Every remote URL a page would load through ``src``/``href`` of script, link, img or iframe.

    A check of the finished page (used by :func:`coophelpers.save_map` and the site build), not
    the way assets are chosen.
    """
    return [m.group(1) for m in _REMOTE_REF.finditer(html)]


def walk(element: Any) -> Iterable[Any]:
    """Every element of a folium tree, depth first, the element itself first."""
    stack = [element]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(list(item._children.values())))


def _class_key(element: Any) -> tuple[str, str]:
    cls = type(element)
    for klass in cls.__mro__:
        key = (klass.__module__, klass.__name__)
        if key in USES:
            return key
    return (cls.__module__, cls.__name__)


def _label(element: Any) -> str:
    cls = type(element)
    module = cls.__module__.split(".")[0]
    return f"{module}.{cls.__name__}"


@dataclass
class AssetPlan:
    """What to do with each asset name: inline these, drop those; who needs which."""

    inline: list[str] = field(default_factory=list)
    drop: set[str] = field(default_factory=set)
    needed_by: dict[str, list[str]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    #: (element, template to render it with offline) for known elements that write web links
    #: into their own template (see :func:`_template_swaps`)
    swaps: list[tuple[Any, Any]] = field(default_factory=list)
    #: assets used but declared by no element (an icon font a prefix names), added to the header
    extra: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _explore_legend() -> tuple[str, int, int] | None:
    """(header, start, end of its web link) of the categorical legend ``GeoDataFrame.explore`` adds.

    geopandas writes it as a plain ``MacroElement`` whose header template loads jQuery UI from a
    CDN (to make the legend draggable). The element declares nothing, so it is recognised by
    rendering geopandas' own legend on a scratch map and comparing headers. None if this
    geopandas has no such legend.
    """
    try:
        import folium
        from branca.element import MacroElement
        from geopandas import explore as gpd_explore

        scratch = folium.Map(tiles=None)
        gpd_explore._categorical_legend(scratch, "t", ["a"], ["#000000"])
        macro = next(el for el in scratch.get_root()._children.values() if type(el) is MacroElement)
        header = str(macro._template.module.header(macro, {}))
    except (ImportError, AttributeError, TypeError, StopIteration):
        return None
    links = list(_REMOTE_REF.finditer(header))
    if len(links) != 1 or "jquery-ui" not in links[0].group(1):
        return None
    start = links[0].start()
    return header, start, header.index("</script>", start) + len("</script>")


def _template_swaps(root: Any, used: dict[str, list[str]]) -> list[tuple[Any, Any]]:
    """Known third-party elements in the figure that need their template replaced to work offline."""
    from branca.element import MacroElement, Template

    swaps = []
    for element in root._children.values():
        if type(element) is not MacroElement:
            continue
        header = getattr(element._template.module, "header", None)
        legend = _explore_legend() if header is not None else None
        if legend is None or str(header(element, {})) != legend[0]:
            continue
        text, start, end = legend
        text = text[:start] + _vendor.jquery_ui_js() + text[end:]
        offline = Template("{% macro header(this, kwargs) %}{% raw %}" + text + "{% endraw %}{% endmacro %}")
        swaps.append((element, offline))
        used.setdefault("jquery", []).append("the categorical legend of GeoDataFrame.explore")
    return swaps


def plan(m: Any) -> AssetPlan:
    """Decide, for every asset the elements of map ``m`` declare, whether to inline or drop it.

    Raises
    ------
    InvalidInputError
        An element needs a file no installed package provides; the message names the element.
    """
    import folium

    result = AssetPlan()
    used: dict[str, list[str]] = {}
    for element in walk(m):
        declared = [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]
        for name, url in declared:
            result.urls.setdefault(name, url)
            if isinstance(element, folium.Map) and name in MAP_PROVISIONS:
                continue
            used.setdefault(name, []).append(_label(element))
        uses = USES.get(_class_key(element), frozenset())
        for name in uses(element) if callable(uses) else uses:
            used.setdefault(name, []).append(_label(element))
    result.swaps = _template_swaps(m.get_root(), used)
    result.needed_by = {name: sorted(set(who)) for name, who in used.items()}
    missing = [name for name in used if name not in PROVIDERS]
    if missing:
        raise _cannot_inline(missing, result)
    result.inline = [name for name in result.urls if name in used]
    result.drop = {name for name in result.urls if name not in used}
    result.extra = [name for name in used if name not in result.urls]
    return result


def _cannot_inline(names: Iterable[str], result: AssetPlan) -> InvalidInputError:
    parts = []
    for name in sorted(set(names)):
        who = ", ".join(result.needed_by.get(name, ["the map"]))
        url = result.urls.get(name, "")
        parts.append(f"{name!r}{f' ({url})' if url else ''}, needed by {who}")
    msg = (
        "save_map(offline=True) cannot make this map work without the network: no installed "
        f"package provides {'; '.join(parts)}. Fix: remove those elements (shapes, "
        "folium.CircleMarker and coophelpers legends work offline), or save with offline=False "
        "to keep the web links."
    )
    return InvalidInputError(msg)


def offline_header(header: Any, asset_plan: AssetPlan) -> None:
    """Replace the script and style links in a rendered figure's ``header`` by inline copies.

    Links the plan inlines become ``<script>``/``<style>`` elements; links it drops are removed;
    a link added while rendering that the plan does not know (e.g. branca's d3) is inlined if a
    provider exists and refused otherwise.
    """
    from branca.element import CssLink, Element, JavascriptLink

    for name, child in list(header._children.items()):
        if not isinstance(child, (JavascriptLink, CssLink)):
            continue
        if name in asset_plan.drop:
            del header._children[name]
            continue
        if name not in PROVIDERS:
            asset_plan.urls.setdefault(name, child.url)
            asset_plan.needed_by.setdefault(name, ["an element that adds it while rendering"])
            raise _cannot_inline([name], asset_plan)
        header._children[name] = Element(PROVIDERS[name]())
    for name in asset_plan.extra:
        header.add_child(Element(PROVIDERS[name]()), name=name)
