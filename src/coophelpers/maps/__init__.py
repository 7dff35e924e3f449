"""Offline, reproducible, shareable folium maps.

Build
    :func:`base_map` (an offline basemap, no tiles needed), :func:`add_regions` (any
    GeoDataFrame as a layer with escaped trilingual tooltips), :func:`add_legend`,
    :func:`add_source` (a data source for the provenance box), :func:`tooltip_html`.
Themes
    :func:`regions_map`, :func:`mechanism_map`, :func:`crossings_map`, :func:`route_map`,
    :func:`ties_map`, :func:`trade_map`
    (:mod:`coophelpers.maps.themes`).
Figures
    :func:`plot_regions`, :func:`plot_mechanisms`, :func:`plot_crossings`, :func:`plot_routes`, :func:`plot_map`:
    static matplotlib figures for papers (:mod:`coophelpers.maps.figures`).
Share
    :func:`save_map` (one self-contained HTML file), :func:`map_output` (where a notebook saves
    a map), :func:`check_map_size`, :func:`show_map` (notebook display that works offline and
    without trust).

The layers of this package: ``_text`` (escaping) → ``_encode`` (compact geometry) →
``_elements`` (folium element classes) → ``_assets`` (inline what elements declare) →
``_provenance`` → ``_preview`` (static SVG) → ``output`` (render, save) → ``display``
(notebooks) → ``builders`` → ``themes``.
"""

from __future__ import annotations

from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import tooltip_html
from coophelpers.maps.builders import DEFAULT_BOUNDS, LEGEND_SHAPES, add_legend, add_regions, base_map
from coophelpers.maps.display import MapDisplay, show_map
from coophelpers.maps.figures import plot_crossings, plot_map, plot_mechanisms, plot_regions, plot_routes
from coophelpers.maps.output import check_map_size, map_html, map_output, save_map
from coophelpers.maps.themes import crossings_map, mechanism_map, regions_map, route_map, ties_map, trade_map

__all__ = [
    "DEFAULT_BOUNDS",
    "LEGEND_SHAPES",
    "MapDisplay",
    "add_legend",
    "add_regions",
    "add_source",
    "base_map",
    "check_map_size",
    "crossings_map",
    "map_html",
    "map_output",
    "mechanism_map",
    "plot_crossings",
    "plot_mechanisms",
    "plot_regions",
    "plot_map",
    "plot_routes",
    "regions_map",
    "route_map",
    "save_map",
    "show_map",
    "ties_map",
    "tooltip_html",
    "trade_map",
]
