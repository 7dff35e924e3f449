"""coophelpers: data, maps and helpers for China–Russia sub-national cooperation research.

    import coophelpers as ch

Regions        load_regions, load_federal_districts, resolve_region, admin_centre,
               federal_district_of
Your tables    resolve_regions (statistics offices' spellings, in bulk), join_regions, RegionReport
Mechanisms     load_mechanisms, mechanism_members, mechanism_pairs, mechanism_summary,
               mechanism_variants, resolve_mechanism
Crossings      load_crossings, get_crossing, nearest_crossings, border_line, crossing_gaps
Places         load_gazetteer, resolve_place (one gazetteer: centres, cities, network nodes,
               ports, crossing sides; one rule for every helper that takes a place)
Distances      geodesic_km, distance_matrix, route, Route, load_network, load_places,
               default_border_hours, sea_route, sea_distances, load_ports
Partners       partner_routes, partner_summary, network_change, dwell_scenario, gravity_table
Maps           base_map, add_regions, add_legend, add_source, save_map, show_map, map_output,
               regions_map, mechanism_map, crossings_map, route_map
Figures        plot_regions, plot_mechanisms, plot_crossings, plot_routes, plot_map (matplotlib, for papers)
Site           build_site (also ``coophelpers site --out site/``)
Sharing data   export (CSV, Excel, GeoPackage, GeoJSON, GeoParquet, with sources), cite
Settings       ch.settings: data and maps folders, the date ``as_of=None`` means, transport
               speeds and border dwell, the map size budget
Errors         CoophelpersError and its subclasses; warnings are CoophelpersWarning

Every region table follows one contract: a GeoDataFrame in EPSG:4326 with the ISO 3166-2
``code``, ``country``, ``name_en``, ``name_zh``, ``name_ru``, ``type`` and ``geometry``. Dates
(``as_of``) are ``datetime.date`` or ``'YYYY-MM-DD'``; None means today. Cells holding several
values are tuples. Distances say their method.

Import is cheap: the functions are looked up in their topic modules the first time they are used
(PEP 562), so ``import coophelpers`` loads neither pandas, geopandas, folium, networkx nor Jupyter.
"""

from __future__ import annotations

import importlib as _importlib
import logging as _logging
import typing as _typing

from coophelpers._errors import (
    CoophelpersDeprecationWarning,
    CoophelpersError,
    CoophelpersWarning,
    DataIntegrityError,
    DataWarning,
    InvalidInputError,
    MapBudgetError,
    MapSizeWarning,
    MissingDependencyError,
    NoRouteError,
    SiteBuildError,
    UnknownCrossingError,
    UnknownMechanismError,
    UnknownNameError,
    UnknownPlaceError,
    UnknownRegionError,
)

_logging.getLogger(__name__).addHandler(_logging.NullHandler())

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    # regions
    "load_regions": "coophelpers.regions",
    "load_federal_districts": "coophelpers.regions",
    "resolve_region": "coophelpers.regions",
    "admin_centre": "coophelpers.regions",
    "federal_district_of": "coophelpers.regions",
    # your own tables
    "resolve_regions": "coophelpers.joins",
    "join_regions": "coophelpers.joins",
    "RegionReport": "coophelpers.joins",
    # mechanisms
    "load_mechanisms": "coophelpers.mechanisms",
    "mechanism_members": "coophelpers.mechanisms",
    "mechanism_pairs": "coophelpers.mechanisms",
    "mechanism_summary": "coophelpers.mechanisms",
    "mechanism_variants": "coophelpers.mechanisms",
    "resolve_mechanism": "coophelpers.mechanisms",
    # border crossings
    "load_crossings": "coophelpers.crossings",
    "get_crossing": "coophelpers.crossings",
    "nearest_crossings": "coophelpers.crossings",
    "border_line": "coophelpers.border",
    "crossing_gaps": "coophelpers.border",
    # places
    "load_gazetteer": "coophelpers.places",
    "resolve_place": "coophelpers.places",
    # distances
    "geodesic_km": "coophelpers.distances",
    "distance_matrix": "coophelpers.distances",
    "route": "coophelpers.network",
    "Route": "coophelpers.network",
    "load_network": "coophelpers.network",
    "load_places": "coophelpers.network",
    "default_border_hours": "coophelpers.network",
    "sea_route": "coophelpers.sea",
    "sea_distances": "coophelpers.sea",
    "load_ports": "coophelpers.sea",
    # partners and scenarios
    "partner_routes": "coophelpers.partners",
    "partner_summary": "coophelpers.partners",
    "network_change": "coophelpers.partners",
    "dwell_scenario": "coophelpers.partners",
    "gravity_table": "coophelpers.partners",
    # economic ties
    "load_trade": "coophelpers.ties",
    "trade_series": "coophelpers.ties",
    "trade_coverage": "coophelpers.ties",
    "convert_currency": "coophelpers.ties",
    "load_sister_relations": "coophelpers.ties",
    "load_zones": "coophelpers.ties",
    "load_investment_statements": "coophelpers.ties",
    "trade_share": "coophelpers.ties_analysis",
    "ties_by_mechanism": "coophelpers.ties_analysis",
    "trade_by_region": "coophelpers.ties_analysis",
    # maps and sharing
    "base_map": "coophelpers.maps",
    "add_regions": "coophelpers.maps",
    "add_legend": "coophelpers.maps",
    "add_source": "coophelpers.maps",
    "save_map": "coophelpers.maps",
    "show_map": "coophelpers.maps",
    "map_output": "coophelpers.maps",
    "regions_map": "coophelpers.maps",
    "mechanism_map": "coophelpers.maps",
    "crossings_map": "coophelpers.maps",
    "route_map": "coophelpers.maps",
    "ties_map": "coophelpers.maps",
    "trade_map": "coophelpers.maps",
    "plot_regions": "coophelpers.maps",
    "plot_mechanisms": "coophelpers.maps",
    "plot_crossings": "coophelpers.maps",
    "plot_routes": "coophelpers.maps",
    "plot_map": "coophelpers.maps",
    "build_site": "coophelpers.site",
    # exports and citation
    "export": "coophelpers.exports",
    "cite": "coophelpers.citation",
}
#: public modules, importable as attributes (``ch.settings``, ``ch.maps``)
_MODULES = (
    "border", "crossings", "data", "distances", "geodesy", "joins", "maps", "mechanisms", "network",
    "partners", "places", "regions", "sea", "settings", "site", "ties", "ties_analysis",
)
_ERRORS = (
    "CoophelpersDeprecationWarning", "CoophelpersError", "CoophelpersWarning", "DataIntegrityError",
    "DataWarning", "InvalidInputError", "MapBudgetError", "MapSizeWarning", "MissingDependencyError",
    "NoRouteError", "SiteBuildError", "UnknownCrossingError", "UnknownMechanismError",
    "UnknownNameError", "UnknownPlaceError", "UnknownRegionError",
)

__all__ = sorted([*_LAZY, *_ERRORS, *_MODULES, "__version__"])


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":  # importlib.metadata costs ~30 ms: load it only when asked
        from coophelpers._version import package_version

        globals()["__version__"] = value = package_version()
        return value
    if name in _MODULES:
        return _importlib.import_module(f"coophelpers.{name}")
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'coophelpers' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


if _typing.TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from coophelpers.border import border_line, crossing_gaps
    from coophelpers.citation import cite
    from coophelpers.crossings import get_crossing, load_crossings, nearest_crossings
    from coophelpers.distances import distance_matrix, geodesic_km
    from coophelpers.exports import export
    from coophelpers.maps import (
        add_legend,
        add_regions,
        add_source,
        base_map,
        crossings_map,
        map_output,
        mechanism_map,
        plot_crossings,
        plot_map,
        plot_mechanisms,
        plot_regions,
        plot_routes,
        regions_map,
        route_map,
        save_map,
        show_map,
    )
    from coophelpers.joins import RegionReport, join_regions, resolve_regions
    from coophelpers.mechanisms import (
        load_mechanisms,
        mechanism_members,
        mechanism_pairs,
        mechanism_summary,
        mechanism_variants,
        resolve_mechanism,
    )
    from coophelpers.network import Route, default_border_hours, load_network, load_places, route
    from coophelpers.places import load_gazetteer, resolve_place
    from coophelpers.partners import dwell_scenario, gravity_table, network_change, partner_routes, partner_summary
    from coophelpers.regions import (
        admin_centre,
        federal_district_of,
        load_federal_districts,
        load_regions,
        resolve_region,
    )
    from coophelpers.sea import load_ports, sea_distances, sea_route
    from coophelpers.site import build_site
