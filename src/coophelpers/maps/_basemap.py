"""The offline basemap of countries and coastlines, drawn in its own pane below the data (private).

Natural Earth admin-0 (public domain), simplified, with longitudes continued east of 180° so the
far east is continuous. :func:`coophelpers.base_map` draws it; an offline save of a map with web
tiles adds it, so the saved map is never a grey page without the network.
"""

from __future__ import annotations

import functools
from typing import Any

import folium

from coophelpers import data
from coophelpers.maps._elements import EncodedGeoJson
from coophelpers.maps._provenance import add_source

__all__ = ["BASEMAP_FILE", "BASEMAP_PANE", "add_basemap", "basemap_layer"]

#: Curated basemap file (see ``data/geo/build/build_basemap.py``).
BASEMAP_FILE = "basemap_countries.parquet"
BASEMAP_PANE = "chBasemap"
BASEMAP_NAME = "Countries (offline basemap)"


@functools.lru_cache(maxsize=1)
def basemap_layer() -> tuple[list[Any], list[dict[str, Any]]]:
    """The basemap's shapes and (empty) properties, read once."""
    gdf = data.read_geo(BASEMAP_FILE)
    return list(gdf.geometry.values), [{} for _ in range(len(gdf))]


def add_basemap(m: folium.Map) -> folium.FeatureGroup:
    """Draw the offline basemap on ``m`` as a layer in its own pane, and record its source."""
    folium.map.CustomPane(BASEMAP_PANE, z_index=250, pointer_events=False).add_to(m)
    geoms, props = basemap_layer()
    group = folium.FeatureGroup(name=BASEMAP_NAME, overlay=True, show=True)
    EncodedGeoJson(
        geoms,
        props,
        style={"fillColor": "#f2efe9", "fillOpacity": 1, "color": "#a9a59c", "weight": 0.7},
        pane=BASEMAP_PANE,
        interactive=False,
        attribution="Basemap: Natural Earth (public domain)",
        decimals=3,
    ).add_to(group)
    group.add_to(m)
    for record in data.source_records(BASEMAP_FILE):
        add_source(m, **record)
    return group
