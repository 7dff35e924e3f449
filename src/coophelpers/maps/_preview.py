"""A static SVG drawing of a map's shapes, for pages without JavaScript and for thumbnails (private).

The preview projects the shapes that are shown when the map opens to Web Mercator, fitted to the
map's bounds, and draws them as paths and dots: a picture that works where the interactive map
cannot (an untrusted notebook, a ``<noscript>`` block, the site's index).
"""

from __future__ import annotations

from typing import Any

from coophelpers.maps._assets import walk
from coophelpers.maps._elements import EncodedGeoJson
from coophelpers.maps._text import esc

__all__ = ["PREVIEW_WIDTH", "fit_bounds", "preview_svg"]

#: Width in pixels of the static SVG preview.
PREVIEW_WIDTH = 320


def _preview_items(m: Any) -> list[tuple[Any, dict[str, Any]]]:
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
    return items


def _merc_y(lat: Any) -> Any:
    import numpy as np

    lat = np.clip(lat, -85.0, 85.0)
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


class _View:
    """The preview's frame: map bounds plus a margin, projected to Web Mercator and fitted to ``width``."""

    def __init__(self, bounds: Any, width: int) -> None:
        import numpy as np
        import shapely

        (south, west), (north, east) = bounds
        top, bottom = float(_merc_y(north)), float(_merc_y(south))
        span_x, span_y = east - west, top - bottom
        self.ok = span_x > 0 and span_y > 0
        if not self.ok:
            return
        # a margin like Leaflet's fitBounds leaves, so shapes do not touch the edge
        pad_x, pad_y = span_x * 0.04, span_y * 0.04
        self.west, east, self.top, bottom = west - pad_x, east + pad_x, top + pad_y, bottom - pad_y
        south = float(np.degrees(2 * np.arctan(np.exp(np.radians(bottom))) - np.pi / 2))
        north = float(np.degrees(2 * np.arctan(np.exp(np.radians(self.top))) - np.pi / 2))
        span_x, span_y = east - self.west, self.top - bottom
        self.width = width
        self.height = max(40, min(width, round(width * span_y / span_x)))
        self.scale = min(width / span_x, self.height / span_y)
        self.off_x = (width - span_x * self.scale) / 2
        self.off_y = (self.height - span_y * self.scale) / 2
        self.box = shapely.box(self.west, south, east, north)

    def project(self, xy: Any) -> Any:
        import numpy as np

        out = np.empty_like(xy)
        out[:, 0] = self.off_x + (xy[:, 0] - self.west) * self.scale
        out[:, 1] = self.off_y + (self.top - _merc_y(xy[:, 1])) * self.scale
        return out


def _path_d(geom: Any) -> str:
    """SVG path data of projected polygons (closed rings) and lines."""
    import numpy as np

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


def _svg_shape(geom: Any, style: dict[str, Any], view: _View) -> list[str]:
    """SVG elements drawing one shape: dots for points, paths for lines and polygons."""
    import numpy as np
    import shapely

    stroke = esc(style.get("color") or "#3388ff")
    fill = esc(style.get("fillColor") or style.get("color") or "#3388ff")
    opacity = style.get("fillOpacity", 0.2)
    opacity = opacity if isinstance(opacity, (int, float)) else 0.2
    if geom.geom_type in ("Point", "MultiPoint"):
        out = []
        for point in getattr(geom, "geoms", [geom]):
            if view.box.contains(point):
                x, y = view.project(np.array([[point.x, point.y]]))[0]
                out.append(
                    f'<circle cx="{x:.0f}" cy="{y:.0f}" r="2.5" fill="{fill}" '
                    f'fill-opacity="{max(opacity, 0.6):g}" stroke="{stroke}" stroke-width="0.5"/>'
                )
        return out
    geom = shapely.intersection(geom, view.box)
    if geom.is_empty:
        return []
    geom = shapely.simplify(shapely.transform(geom, view.project), 0.7)
    polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
    if polygonal:
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= 1.5]
        if not parts:
            return []
        geom = shapely.multipolygons(parts)
    d = _path_d(geom)
    if not d:
        return []
    if polygonal and style.get("fill", True) is not False:
        return [f'<path d="{d}" fill="{fill}" fill-opacity="{opacity:g}" stroke="{stroke}" stroke-width="0.4"/>']
    return [f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="1"/>']


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


def preview_svg(m: Any, width: int = PREVIEW_WIDTH) -> str | None:
    """A static SVG drawing of the map's shapes (Web Mercator), or None if it has none."""
    items = _preview_items(m)
    if not items:
        return None
    bounds = fit_bounds(m) or m.get_bounds()
    if None in (*bounds[0], *bounds[1]):
        return None
    view = _View(bounds, width)
    if not view.ok:
        return None
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="coophelpers-preview" width="{width}" '
        f'height="{view.height}" viewBox="0 0 {width} {view.height}" role="img" '
        'aria-label="static preview of the map">',
        f'<rect width="{width}" height="{view.height}" fill="#dbe7ef"/>',
    ]
    for geom, style in items:
        if geom is not None and not geom.is_empty:
            out += _svg_shape(geom, style, view)
    out.append("</svg>")
    return "".join(out)
