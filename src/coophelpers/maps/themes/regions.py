"""The regions map: Chinese provincial-level units, Russian federal subjects and federal districts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import folium

from coophelpers import data
from coophelpers._errors import InvalidInputError
from coophelpers._names import short_repr
from coophelpers._validate import check_bool, resolve_as_of
from coophelpers.maps._elements import check_map
from coophelpers.maps._provenance import add_source
from coophelpers.maps._text import NAME_LABELS
from coophelpers.maps.builders import ensure_layer_control, add_legend, add_regions, base_map
from coophelpers.regions import load_federal_districts, load_regions

if TYPE_CHECKING:
    import datetime as _dt

    import geopandas as gpd

__all__ = ["regions_map"]


def regions_map(
    regions: gpd.GeoDataFrame | None = None,
    *,
    districts: bool = True,
    as_of: _dt.date | str | None = None,
    m: folium.Map | None = None,
) -> folium.Map:
    """Map Chinese and Russian regions with trilingual tooltips and a federal-district layer.

    Parameters
    ----------
    regions
        Regions to draw (a frame from :func:`load_regions`); default: both countries, web detail.
    districts
        Add the federal districts on ``as_of`` as a layer that can be switched off.
    as_of
        Date of the district composition (default today).
    m
        A map to draw on; default a new :func:`coophelpers.base_map` fitted to the regions.

    Returns
    -------
    folium.Map
        Chinese units in red and Russian subjects in blue, each a layer with tooltips in
        English, Chinese and Russian; the districts as outlines; a legend and the sources.

    Raises
    ------
    InvalidInputError
        ``regions`` is not a regions frame in EPSG:4326, or a bad ``districts``, ``as_of`` or ``m``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.regions_map(ch.load_regions("CN"), districts=False)
    >>> type(m).__name__
    'OfflineMap'
    """
    check_bool(districts, param="districts")
    check_map(m)
    resolve_as_of(as_of, dataset="regions")
    if regions is None:
        regions = load_regions(as_of=as_of)
    _check_region_frame(regions, param="regions")
    if m is None:
        minx, miny, maxx, maxy = regions.total_bounds
        m = base_map(
            bounds=[[miny, minx], [maxy, maxx]],
            title="Chinese provincial-level units and Russian federal subjects",
        )
    colours = {"CN": "#c0392b", "RU": "#2c6fbb"}
    for ctry, label in (("CN", "China: provincial-level units"), ("RU", "Russia: federal subjects")):
        part = regions[regions["country"] == ctry]
        if part.empty:
            continue
        add_regions(
            m,
            part,
            name=label,
            fill_color=colours[ctry],
            color="#ffffff",
            weight=0.8,
            fill_opacity=0.35,
            tooltip_fields={
                **NAME_LABELS,
                "code": "ISO 3166-2",
                "type": "Type",
                "macro_region_en": "Macro-region",
                "capital_en": "Centre",
            },
        )
    if districts:
        fds = load_federal_districts(as_of=as_of)
        add_regions(
            m,
            fds,
            name="Russian federal districts",
            fill_color="#000000",
            color="#1b2631",
            weight=2.2,
            fill_opacity=0.0,
            tooltip_fields={**NAME_LABELS, "n_subjects": "Subjects"},
        )
    add_legend(
        m,
        "Regions",
        [
            ("Chinese provincial-level unit", colours["CN"], "square"),
            ("Russian federal subject", colours["RU"], "square"),
            ("Federal district boundary", "#1b2631", "line"),
        ],
    )
    files = ["regions_web.parquet", "regions.csv"] + (["federal_district_membership.csv"] if districts else [])
    for record in data.source_records(*files):
        add_source(m, **record)
    ensure_layer_control(m)
    return m


def _check_region_frame(frame: Any, *, param: str) -> None:
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame):
        msg = (
            f"{param} must be a GeoDataFrame from load_regions(), got {type(frame).__name__} "
            f"{short_repr(frame, 60)}. Give e.g. {param}=load_regions('RU')."
        )
        raise InvalidInputError(msg)
    needed = ("code", "country", "name_en", "name_zh", "name_ru", "geometry")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        msg = (
            f"{param} lacks the columns {missing}; it has {list(map(str, frame.columns))[:10]}. "
            f"Pass a frame from load_regions() (filter its rows, keep its columns)."
        )
        raise InvalidInputError(msg)
    if frame.empty:
        msg = f"{param} is an empty GeoDataFrame: there is nothing to map. Give at least one region."
        raise InvalidInputError(msg)
    if frame.crs is None or not frame.crs.equals("EPSG:4326"):
        crs = None if frame.crs is None else frame.crs.to_string()
        fix = (
            f"set it with {param}.set_crs('EPSG:4326') if its coordinates are degrees"
            if crs is None
            else f"convert it with {param}.to_crs('EPSG:4326') first"
        )
        msg = f"{param} is in CRS {crs!r}, not EPSG:4326; {fix}."
        raise InvalidInputError(msg)
