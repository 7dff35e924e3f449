"""Themed maps: data in, a finished map out, with one layer-control policy and sources from the manifest.

* :func:`regions_map`: Chinese provincial-level units, Russian federal subjects, federal districts.
* :func:`mechanism_map`: the members of the cooperation mechanisms and the links between partners.
* :func:`crossings_map`: the border crossings by mode and status, and the border line.
* :func:`route_map`: land and sea routes, with the crossings they use.
* :func:`ties_map`: economic zones and sister relations over the mechanisms; :func:`trade_map`: trade per region.

Each returns a ``folium.Map`` from :func:`coophelpers.base_map` (or draws on ``m=``); the layer
control is added when the map is saved or shown, and every data source comes from the data
manifest (:func:`coophelpers.data.source_records`).
"""

from __future__ import annotations

from coophelpers.maps.themes.crossings import crossings_map
from coophelpers.maps.themes.mechanisms import mechanism_map
from coophelpers.maps.themes.regions import regions_map
from coophelpers.maps.themes.routes import route_map
from coophelpers.maps.themes.ties import ties_map, trade_map

__all__ = ["crossings_map", "mechanism_map", "regions_map", "route_map", "ties_map", "trade_map"]
