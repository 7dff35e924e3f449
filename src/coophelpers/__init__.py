"""coophelpers: data, maps and helpers for China–Russia sub-national cooperation research.

Import is cheap: the public functions are looked up in their topic modules the first time they
are used (PEP 562), so ``import coophelpers`` loads neither geopandas, folium, networkx nor Jupyter.

Regions (:mod:`coophelpers.regions`) follow one contract: a GeoDataFrame in EPSG:4326 with the ISO
3166-2 ``code``, ``country``, ``name_en``, ``name_zh``, ``name_ru``, ``type`` and ``geometry``.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from coophelpers._errors import (
    CoophelpersError,
    DataIntegrityError,
    InvalidInputError,
    NoRouteError,
    SiteBuildError,
    UnknownCrossingError,
    UnknownMechanismError,
    UnknownNameError,
    UnknownPlaceError,
    UnknownRegionError,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    # regions
    "load_regions": "coophelpers.regions",
    "load_federal_districts": "coophelpers.regions",
    "resolve_region": "coophelpers.regions",
    "admin_centre": "coophelpers.regions",
    "federal_district_of": "coophelpers.regions",
    # maps and sharing
    "save_map": "coophelpers.maps",
    "base_map": "coophelpers.maps",
    "map_output": "coophelpers.maps",
    "regions_map": "coophelpers.regions",
    "show_map": "coophelpers.maps",
    "add_regions": "coophelpers.maps",
    "add_legend": "coophelpers.maps",
    "add_source": "coophelpers.maps",
    "build_site": "coophelpers.site",
    # mechanisms
    "load_mechanisms": "coophelpers.mechanisms",
    "mechanism_members": "coophelpers.mechanisms",
    "mechanism_pairs": "coophelpers.mechanisms",
    "mechanism_summary": "coophelpers.mechanisms",
    "mechanism_map": "coophelpers.mechanisms",
    "mechanism_variants": "coophelpers.mechanisms",
    # border crossings
    "load_crossings": "coophelpers.crossings",
    "border_line": "coophelpers.crossings",
    "nearest_crossings": "coophelpers.crossings",
    "crossings_map": "coophelpers.crossings",
    "crossing_gaps": "coophelpers.crossings",
    "get_crossing": "coophelpers.crossings",
    # distances
    "geodesic_km": "coophelpers.distances",
    "distance_matrix": "coophelpers.distances",
    "route": "coophelpers.network",
    "Route": "coophelpers.network",
    "route_map": "coophelpers.network",
    "load_network": "coophelpers.network",
    "partner_routes": "coophelpers.network",
    "default_border_hours": "coophelpers.network",
    "sea_route": "coophelpers.sea",
    "sea_distances": "coophelpers.sea",
    "load_ports": "coophelpers.sea",
}

__all__ = sorted(
    [
        *_LAZY,
        "CoophelpersError",
        "DataIntegrityError",
        "InvalidInputError",
        "NoRouteError",
        "SiteBuildError",
        "UnknownCrossingError",
        "UnknownMechanismError",
        "UnknownNameError",
        "UnknownPlaceError",
        "UnknownRegionError",
        "__version__",
    ]
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coophelpers")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~30 ms: load it only when asked
        globals()["__version__"] = value = _version()
        return value
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'coophelpers' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from coophelpers.crossings import (
        border_line,
        crossing_gaps,
        crossings_map,
        get_crossing,
        load_crossings,
        nearest_crossings,
    )
    from coophelpers.distances import distance_matrix, geodesic_km
    from coophelpers.maps import add_legend, add_regions, add_source, base_map, map_output, save_map, show_map
    from coophelpers.mechanisms import (
        load_mechanisms,
        mechanism_map,
        mechanism_members,
        mechanism_pairs,
        mechanism_summary,
        mechanism_variants,
    )
    from coophelpers.network import (
        Route,
        default_border_hours,
        load_network,
        partner_routes,
        route,
        route_map,
    )
    from coophelpers.regions import (
        admin_centre,
        federal_district_of,
        load_federal_districts,
        load_regions,
        regions_map,
        resolve_region,
    )
    from coophelpers.sea import load_ports, sea_distances, sea_route
    from coophelpers.site import build_site
