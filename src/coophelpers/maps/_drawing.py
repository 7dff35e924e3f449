"""Drawing a map's shapes with matplotlib: the static preview of saved maps and the figures' base (private).

The equal-area :data:`FIGURE_CRS`, the offline basemap under the data, the framing, and
:func:`draw_items`, which draws the (geometry, Leaflet style) pairs a folium map shows when it
opens (:func:`coophelpers.maps._preview.preview_items`). :func:`preview_png` makes the small
picture a saved map carries for readers without JavaScript and the site uses as a thumbnail;
:mod:`coophelpers.maps.figures` builds the figures for papers on the same pieces.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from coophelpers.maps._basemap import basemap_layer
from coophelpers.maps._elements import check_map
from coophelpers.maps._preview import fit_bounds, preview_items

__all__ = ["FIGURE_CRS", "PREVIEW_WIDTH", "SEA", "draw_basemap", "draw_items", "frame_view", "map_items", "preview_png", "projected_land", "rgba"]

#: Albers equal-area conic for China and Russia together (standard parallels 25° and 65° N).
FIGURE_CRS = "+proj=aea +lat_0=45 +lat_1=25 +lat_2=65 +lon_0=105 +datum=WGS84 +units=m +no_defs"
#: Background colour of the sea.
SEA = "#dbe7ef"


@functools.lru_cache(maxsize=1)
def projected_land() -> Any:
    """The offline basemap's countries in :data:`FIGURE_CRS` (projected once)."""
    import geopandas as gpd

    geoms, _ = basemap_layer()
    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(FIGURE_CRS)


def draw_basemap(ax: Any, bounds: Sequence[float]) -> None:
    """The offline basemap (Natural Earth countries) under the data, clipped to the view."""
    import shapely

    west, south, east, north = bounds
    view = shapely.box(west, south, east, north).buffer(2_000_000)
    land = projected_land()
    land = land[land.intersects(view)]
    land.plot(ax=ax, facecolor="#f2efe9", edgecolor="#a9a59c", linewidth=0.4, zorder=0)


def frame_view(ax: Any, bounds: Sequence[float], *, margin: float = 0.04) -> None:
    """Frame the data with a margin, widened to an aspect between 0.55 and 1.0 (no thin strips)."""
    west, south, east, north = (float(v) for v in bounds)
    dx, dy = (east - west) * (1 + 2 * margin), (north - south) * (1 + 2 * margin)
    cx, cy = (west + east) / 2, (south + north) / 2
    dy = max(dy, 0.55 * dx)
    dx = max(dx, dy)
    ax.set_xlim(cx - dx / 2, cx + dx / 2)
    ax.set_ylim(cy - dy / 2, cy + dy / 2)
    ax.set_aspect("equal")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def draw_items(ax: Any, items: Sequence[tuple[Any, Mapping[str, Any]]]) -> None:
    """Draw (geometry in lon/lat, Leaflet style) pairs on ``ax`` in :data:`FIGURE_CRS`.

    One projection and at most three plot calls (areas, lines, points) for all the items.
    """
    import geopandas as gpd

    kinds: dict[str, tuple[list[Any], list[Any], list[Any]]] = {"area": ([], [], []), "line": ([], [], []), "point": ([], [], [])}
    for geom, style in items:
        stroke = str(style.get("color") or "#3388ff")
        fill = str(style.get("fillColor") or stroke)
        opacity = style.get("fillOpacity", 0.2)
        opacity = float(opacity) if isinstance(opacity, (int, float)) and 0 <= opacity <= 1 else 0.2
        if geom.geom_type in ("Point", "MultiPoint"):
            kind, face = "point", rgba(fill, max(opacity, 0.7))
        elif geom.geom_type in ("Polygon", "MultiPolygon") and style.get("fill", True) is not False:
            kind, face = "area", rgba(fill, opacity)
        else:  # lines, and polygons drawn as outlines
            kind, face = "line", None
            geom = geom.boundary if geom.geom_type.endswith("Polygon") else geom
        geoms, faces, edges = kinds[kind]
        geoms.append(geom)
        faces.append(face)
        edges.append(rgba(stroke, 1.0))
    for kind, (geoms, faces, edges) in kinds.items():
        if not geoms:
            continue
        shapes = gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(FIGURE_CRS)
        if kind == "area":
            shapes.plot(ax=ax, facecolor=faces, edgecolor=edges, linewidth=0.3, zorder=2)
        elif kind == "line":
            shapes.plot(ax=ax, color=edges, linewidth=1.0, zorder=3)
        else:
            shapes.plot(ax=ax, color=faces, edgecolor=edges, markersize=9, linewidth=0.4, zorder=4)


def rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    """matplotlib's RGBA of a CSS colour (Leaflet's blue for one matplotlib does not know)."""
    from matplotlib.colors import to_rgba

    try:
        return to_rgba(colour, alpha)
    except ValueError:
        return to_rgba("#3388ff", alpha)


def map_items(m: Any) -> tuple[list[tuple[Any, dict[str, Any]]], Any]:
    """(items, bounds in the figure CRS) of a folium map, or ([], None)."""
    import geopandas as gpd
    import shapely

    check_map(m, optional=False)
    items = [(geom, style) for geom, style in preview_items(m) if geom is not None and not geom.is_empty]
    if not items:
        return items, None
    geoms = [geom for geom, _ in items]
    fitted = fit_bounds(m)
    if fitted is not None:  # what the map frames when it opens: the shapes inside its fitted bounds
        (south, west), (north, east) = fitted
        geoms = list(shapely.clip_by_rect(geoms, west, south, east, north))
    shown = gpd.GeoSeries(geoms, crs="EPSG:4326")
    shown = shown[~shown.is_empty]
    if shown.empty:
        return items, None
    bounds = shown.to_crs(FIGURE_CRS).total_bounds
    if not (bounds[2] > bounds[0] and bounds[3] > bounds[1]):
        return items, None
    return items, bounds


#: Width in pixels of the static preview of a saved map (``<noscript>`` and the site's index).
PREVIEW_WIDTH = 320


def preview_png(m: Any, width: int = PREVIEW_WIDTH) -> str | None:
    """A small PNG picture of a map (as :func:`coophelpers.plot_map` draws it) as a ``data:`` URI, or None.

    None when the map shows no shapes. Drawn on a ``Figure`` of its own (not pyplot), so maps
    may be saved from several threads at once.
    """
    import base64
    import io

    import numpy as np
    import PIL.Image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    items, bounds = map_items(m)
    if bounds is None:
        return None
    fig = Figure(figsize=(width / 100, width / 100), dpi=100)  # not pyplot: no global state, thread-safe
    ax = fig.add_axes((0, 0, 1, 1))
    draw_basemap(ax, bounds)
    draw_items(ax, items)
    frame_view(ax, bounds, margin=0.03)
    ax.set_axis_off()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    fig.set_size_inches(width / 100, max(0.4, width / 100 * (y1 - y0) / (x1 - x0)))
    fig.set_facecolor(SEA)
    canvas = FigureCanvasAgg(fig)  # attached last: plotting would otherwise draw it each time
    canvas.draw()
    # a 64-colour palette: a third of the bytes of full colour, no visible difference at this size
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    image = PIL.Image.fromarray(pixels).quantize(colors=64, method=PIL.Image.Quantize.FASTOCTREE, dither=PIL.Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
