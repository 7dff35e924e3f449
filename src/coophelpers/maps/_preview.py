"""What a map shows when it opens: its shapes and styles, and the bounds it fits (private).

:func:`preview_items` collects the shapes a map draws initially (layers that start hidden are
left out) with their Leaflet styles; :func:`coophelpers.maps.figures.preview_png` draws them
with matplotlib for pages without JavaScript and for the site's thumbnails, and
:func:`coophelpers.plot_map` as a figure.
"""

from __future__ import annotations

from typing import Any

from coophelpers.maps._assets import walk
from coophelpers.maps._basemap import BASEMAP_NAME
from coophelpers.maps._elements import EncodedGeoJson

__all__ = ["fit_bounds", "preview_items"]


def preview_items(m: Any) -> list[tuple[Any, dict[str, Any]]]:
    """(shapely geometry in lon/lat, style) of everything drawable that is shown initially."""
    import folium
    import shapely

    encoded = EncodedGeoJson
    items: list[tuple[Any, dict[str, Any]]] = []

    def hidden(element: Any) -> bool:
        parent = element._parent
        while parent is not None and parent is not m:
            if isinstance(parent, folium.map.Layer) and not getattr(parent, "show", True):
                return True
            if getattr(parent, "layer_name", None) == BASEMAP_NAME:  # drawn separately
                return True
            parent = getattr(parent, "_parent", None)
        return False

    for element in walk(m):
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
    return [(geom, _plain_style(style)) for geom, style in items]


def _plain_style(style: dict[str, Any]) -> dict[str, Any]:
    """``style`` with numpy scalars as the Python numbers they hold (``np.float32(0.5)`` is a number too)."""
    return {key: value.item() if type(value).__module__ == "numpy" and hasattr(value, "item") else value
            for key, value in style.items()}


def fit_bounds(m: Any) -> list[list[float]] | None:
    """The bounds the map was told to show (its last ``fit_bounds``), or None."""
    import folium

    bounds = None
    for element in m._children.values():
        if isinstance(element, folium.map.FitBounds):
            bounds = element.bounds
    if bounds is None or any(v is None for corner in bounds for v in corner):
        return None
    return [[float(v) for v in corner] for corner in bounds]
