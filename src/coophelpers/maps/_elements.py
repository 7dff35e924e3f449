"""The folium elements coophelpers draws with (private).

:class:`EncodedGeoJson` is a GeoJSON layer with compact geometry (:mod:`._encode`), escaped
tooltips and per-feature colours; :class:`HtmlControl` is a Leaflet control showing a fixed,
already escaped HTML string (legends, the provenance box). Their JavaScript helper lives in the
package file ``decoder.js``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from coophelpers._errors import InvalidInputError
from coophelpers._names import short_repr
from coophelpers.maps._encode import DECIMALS, encode_features
from coophelpers.maps._text import js_json, read_package_text

__all__ = ["EncodedGeoJson", "FitToFrame", "HtmlControl", "check_map"]


def check_map(m: Any, *, param: str = "m", optional: bool = True) -> Any:
    """Return ``m`` if it is a :class:`folium.Map` (or None when ``optional``), else raise."""
    if m is None and optional:
        return None
    if not isinstance(m, folium.Map):
        allowed = "a folium.Map or None" if optional else "a folium.Map"
        fix = f"or leave {param}=None for a new one" if optional else "or folium.Map()"
        msg = (
            f"{param} must be {allowed}, got {type(m).__name__} {short_repr(m, 60)}. "
            f"Fix: give a map from coophelpers.base_map(), {fix}."
        )
        raise InvalidInputError(msg)
    return m


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
        decimals: int = DECIMALS,
    ) -> None:
        super().__init__()
        self._name = "GeoJson"
        self.geoms = list(geoms)
        self.props = list(props)
        self.style_dict = dict(style)
        self.data = encode_features(self.geoms, self.props, decimals)
        self.style = js_json(self.style_dict)
        self.pane = pane
        self.interactive = interactive
        self.highlight = highlight
        self.attribution = attribution

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        figure.header.add_child(
            Element(f"<script>{read_package_text('decoder.js')}</script>"), name="coophelpers_decoder"
        )
        super().render(**kwargs)

    def _get_self_bounds(self) -> list[list[float | None]]:
        import shapely

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
    ) -> None:
        super().__init__()
        self._name = "Control"
        self.content_html = content_html
        self.content = js_json(content_html)
        self.position = position
        self.css_class = css_class


class FitToFrame(MacroElement):
    """Fit the map whenever its frame gets or changes size (``fit.js``), until the reader moves it.

    ``bounds`` are the map's own ``fit_bounds``; None keeps the centre and zoom it was made with.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
coophelpersFit({{ this._parent.get_name() }}, {{ this.bounds_json }});
{% endmacro %}
"""
    )

    def __init__(self, bounds: Sequence[Sequence[float]] | None) -> None:
        super().__init__()
        self._name = "FitToFrame"
        self.bounds_json = js_json([[float(v) for v in corner] for corner in bounds] if bounds else None)

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        figure.header.add_child(Element(f"<script>{read_package_text('fit.js')}</script>"), name="coophelpers_fit")
        super().render(**kwargs)
