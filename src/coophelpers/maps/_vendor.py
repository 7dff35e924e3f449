"""Map assets that no PyPI wheel ships, from the vendor folder, and the HTML that inlines them (private).

Leaflet.awesome-markers (folium's ``Icon``) and Bootstrap 3's glyphicons font exist only as npm
packages. ``scripts/vendor_npm.py`` copies the exact released files into ``vendor/`` with their
licence and records each file's sha256 in ``vendor/MANIFEST.json``; every read here checks the
hash, so an edited file is refused rather than inlined. Font Awesome comes from the
``XStatic-Font-Awesome`` wheel and jQuery UI from ``XStatic-jquery-ui``.

What this module writes into a page, from those unmodified files:

* the awesome-markers script and stylesheet, its sprite images as ``data:`` URIs;
* the glyphicon rules of Bootstrap 3.4.1's stylesheet (only those: the rest of Bootstrap
  would restyle the page) with the WOFF2 font as a ``data:`` URI;
* Font Awesome's shared classes and solid style, its WOFF2 font as a ``data:`` URI (the
  TrueType fallback is left out: every browser that runs Leaflet 1.9 reads WOFF2);
* rotation classes for ``folium.Icon(angle=...)``, written here.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib
import importlib.util
import json
import pathlib
import re

from coophelpers._errors import DataIntegrityError, MissingDependencyError

__all__ = ["awesome_markers_css", "awesome_markers_js", "font_awesome_css", "glyphicons_css", "manifest", "rotate_css"]

VENDOR = pathlib.Path(__file__).with_name("vendor")
_MIME = {".png": "image/png", ".woff2": "font/woff2"}


@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, dict]:
    """The vendor manifest: package name -> its record (version, licence, integrity, files)."""
    data = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    return {p["name"]: p for p in data["packages"]}


@functools.lru_cache(maxsize=32)
def _read(package: str, rel: str) -> bytes:
    """A vendored file's bytes, after checking them against the manifest's sha256."""
    record = manifest()[package]
    path = VENDOR / record["folder"] / rel
    expected = record["files"].get(rel)
    data = path.read_bytes() if path.is_file() else b""
    if expected is None or hashlib.sha256(data).hexdigest() != expected:
        msg = (
            f"The vendored file {record['folder']}/{rel} is missing or differs from the release "
            f"recorded in {VENDOR / 'MANIFEST.json'}. Fix: reinstall coophelpers, or run "
            "scripts/vendor_npm.py in a checkout."
        )
        raise DataIntegrityError(msg)
    return data


def _data_uri(data: bytes, suffix: str) -> str:
    return f"data:{_MIME[suffix]};base64,{base64.b64encode(data).decode('ascii')}"


def _safe_style(css: str) -> str:
    return "<style>" + css.replace("</style", "<\\/style") + "</style>"


def _safe_script(js: str) -> str:
    js = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js)
    return "<script>" + js.replace("</script", "<\\/script") + "</script>"


def awesome_markers_js() -> str:
    """``<script>`` with Leaflet.awesome-markers 2.0.5."""
    return _safe_script(_read("leaflet.awesome-markers", "dist/leaflet.awesome-markers.js").decode("utf-8"))


def awesome_markers_css() -> str:
    """``<style>`` with the awesome-markers stylesheet, its sprites inlined."""
    css = _read("leaflet.awesome-markers", "dist/leaflet.awesome-markers.css").decode("utf-8")

    def _image(match: re.Match[str]) -> str:
        rel = f"dist/images/{match.group(1)}"
        return f"url({_data_uri(_read('leaflet.awesome-markers', rel), '.png')})"

    return _safe_style(re.sub(r"url\(['\"]?images/([\w@.-]+\.png)['\"]?\)", _image, css))


def _top_level_rules(css: str) -> list[tuple[str, str]]:
    """``(prelude, body)`` of each top-level rule of a stylesheet (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules, depth, start, prelude_end = [], 0, 0, 0
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((css[start:prelude_end].strip(), css[prelude_end + 1 : i]))
                start = i + 1
    return rules


_GLYPH_SELECTOR = re.compile(r"^\.glyphicon(?:-[a-z0-9-]+:before)?$")


@functools.lru_cache(maxsize=1)
def glyphicons_css() -> str:
    """``<style>`` with Bootstrap 3.4.1's glyphicon rules and its WOFF2 font inlined."""
    css = _read("bootstrap", "dist/css/bootstrap.css").decode("utf-8")
    font = _data_uri(_read("bootstrap", "dist/fonts/glyphicons-halflings-regular.woff2"), ".woff2")
    out = []
    for prelude, body in _top_level_rules(css):
        if prelude == "@font-face" and "Glyphicons Halflings" in body:
            out.append(f'@font-face{{font-family:"Glyphicons Halflings";src:url({font}) format("woff2")}}')
            continue
        selectors = [s.strip() for s in prelude.split(",")]
        if all(_GLYPH_SELECTOR.match(s) for s in selectors):
            out.append(f"{prelude}{{{body.strip()}}}")
    if len(out) < 100:  # 1 font face, .glyphicon and 260-odd icons in 3.4.1
        msg = "Could not find the glyphicon rules in the vendored Bootstrap stylesheet."
        raise DataIntegrityError(msg)
    return _safe_style("\n".join(out))


def _xstatic_folder(module: str, wheel: str) -> pathlib.Path:
    if importlib.util.find_spec(module) is None:
        msg = f"save_map(offline=True) needs {wheel} for this map, but it is not installed. Fix: pip install {wheel}."
        raise MissingDependencyError(msg)
    return pathlib.Path(importlib.import_module(module).BASE_DIR)


@functools.lru_cache(maxsize=1)
def font_awesome_css() -> str:
    """``<style>`` with Font Awesome's shared classes and solid style, its WOFF2 font inlined.

    ``folium.Icon(prefix="fa")`` gives an icon the classes ``fa fa-<name>``, which Font Awesome 6
    draws with the solid style.
    """
    folder = _xstatic_folder("xstatic.pkg.font_awesome", "XStatic-Font-Awesome")
    css = "\n".join((folder / "css" / name).read_text(encoding="utf-8") for name in ("fontawesome.min.css", "solid.min.css"))
    css = re.sub(r',\s*url\([^)]*\.ttf\)\s*format\("truetype"\)', "", css)

    def _font(match: re.Match[str]) -> str:
        return f"url({_data_uri((folder / 'webfonts' / match.group(1)).read_bytes(), '.woff2')})"

    return _safe_style(re.sub(r"url\(\.\./webfonts/([\w.-]+\.woff2)\)", _font, css))


def jquery_ui_js() -> str:
    """``<script>`` with jQuery UI from XStatic-jquery-ui."""
    folder = _xstatic_folder("xstatic.pkg.jquery_ui", "XStatic-jquery-ui")
    return _safe_script((folder / "jquery-ui.min.js").read_text(encoding="utf-8"))


def rotate_css() -> str:
    """``<style>`` with the ``fa-rotate-N`` classes ``folium.Icon(angle=N)`` sets (-359 to 359 degrees)."""
    rules = "".join(f".fa-rotate-{n}{{transform:rotate({n}deg)}}" for n in range(-359, 360) if n)
    return _safe_style(rules)
