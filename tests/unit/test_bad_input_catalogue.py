"""The bad-input catalogue: the mistakes a hurried researcher will make, for every public helper.

One row per mistake. Each must raise the documented error class (never a bare ``KeyError``,
``TypeError`` or ``AttributeError`` from pandas, shapely or pyproj, and never succeed with a wrong
answer), and its message must

* name the parameter (``param``),
* echo the value as given (``echo``; by default ``repr`` of the value),
* say the fix (one of the verbs in :data:`FIX`),
* and, where a near miss exists, suggest it (``suggest``: "Did you mean ..." and the suggestion).

The command line (``python -m coophelpers site``) is run in a subprocess with bad options and
output folders: it must exit non-zero with a one-paragraph message on stderr and no traceback.

Functions without parameters (``load_mechanisms``, ``default_border_hours``, ``load_ports``)
cannot be called wrongly; the mistake there is editing what they return, so their rows check
that the result is a copy that cannot corrupt later calls.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import nbformat
import numpy as np
import pytest
from shapely.geometry import Point

import coophelpers as ch
from coophelpers import (
    CoophelpersError,
    InvalidInputError,
    NoRouteError,
    SiteBuildError,
    UnknownCrossingError,
    UnknownMechanismError,
    UnknownPlaceError,
    UnknownRegionError,
)
from coophelpers import _io

#: A message "says the fix" when it contains one of these.
FIX = re.compile(
    r"\b(Give|give|Choose|choose|Did you mean|Use|use|Fix|Pass|pass|Drop|Convert|convert|"
    r"set it|Name one|Leave|Make routes)\b"
)
NAN = float("nan")


def pd_nat():
    import pandas as pd

    return pd.NaT


@dataclass
class Case:
    """One catalogue row. ``call`` gets a scratch folder (for paths) and makes the bad call."""

    id: str
    call: Callable[[Path], Any]
    error: type[BaseException]
    param: str
    echo: str
    suggest: str | None = None
    also: tuple[str, ...] = field(default_factory=tuple)


def case(id_, call, error, param, value=..., *, echo=None, suggest=None, also=()):
    """A row; ``echo`` defaults to ``repr(value)`` (the value as the user typed it)."""
    if echo is None:
        echo = repr(value)
    return pytest.param(Case(id_, call, error, param, echo, suggest, tuple(also)), id=id_)


# shared inputs, built lazily so that collecting the tests stays cheap
_cache: dict[str, Any] = {}


def regions_cn():
    if "cn" not in _cache:
        _cache["cn"] = ch.load_regions("CN")
    return _cache["cn"].copy()


def a_route():
    if "route" not in _cache:
        _cache["route"] = ch.route("harbin", "moscow")
    return _cache["route"]


def _m():
    return ch.base_map(basemap=False, tiles=False)


def _table():
    """A researcher's own table: region names as printed by a statistics office, and a value."""
    import pandas as pd

    return pd.DataFrame({"region": ["Heilongjiang", "г. Москва"], "gdp": [1.0, 2.0]})


def _shapes():
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame({"name_en": ["Heilongjiang"], "colour": ["#d62728"]},
                            geometry=[box(121, 44, 134, 53)], crs="EPSG:4326")


def _unwritable(path):
    """save_map into a folder that cannot be written (os.access says no, as for a non-root user)."""
    with mock.patch.object(_io.os, "access", return_value=False):
        return ch.save_map(ch.base_map(basemap=False), path)


def _int_columns():
    """Shapes whose columns are numbers (as ``pd.DataFrame(rows)`` makes them): 0 and 1."""
    frame = _shapes().rename(columns={"name_en": 0, "colour": 1})
    return frame


def _maps_dir_env(value, name="m"):
    """map_output with COOPHELPERS_MAPS_DIR set to ``value`` (and settings.maps_dir unset)."""
    with mock.patch.dict(_io.os.environ, {"COOPHELPERS_MAPS_DIR": str(value)}), \
            mock.patch.object(ch.settings, "maps_dir", None):
        return ch.map_output(name)


def _maps_dir_default(*, mkdir_error=None, writable=True):
    """map_output into ./maps (no setting) where ./maps cannot be made, or is not writable."""
    env = {k: v for k, v in _io.os.environ.items() if k != "COOPHELPERS_MAPS_DIR"}
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(_io.os.environ, env, clear=True))
        stack.enter_context(mock.patch.object(ch.settings, "maps_dir", None))
        if mkdir_error is not None:
            stack.enter_context(mock.patch.object(Path, "mkdir", side_effect=mkdir_error))
        if not writable:
            Path("maps").mkdir(exist_ok=True)
            stack.enter_context(mock.patch.object(_io.os, "access", return_value=False))
        return ch.map_output("regions")


def _save(t, **provenance):
    return ch.save_map(ch.base_map(basemap=False), t / "m.html", provenance=provenance)


LONG_NAME = "a" * 300 + ".html"
LATE = dt.datetime(2019, 6, 30, 15, 30)
ZONED = dt.datetime(2019, 6, 30, tzinfo=dt.timezone.utc)
FUTURE = f"{dt.date.today().year + 36}-01-01"

CASES = [
    # --- load_regions ---------------------------------------------------------------------
    case("load_regions-country-misspelt", lambda t: ch.load_regions("Rusia"), InvalidInputError,
         "country", "Rusia", suggest="Russia"),
    case("load_regions-country-number", lambda t: ch.load_regions(86), InvalidInputError, "country", 86),
    case("load_regions-country-third", lambda t: ch.load_regions("Japan"), InvalidInputError,
         "country", "Japan", also=("'CN'", "'RU'")),
    case("load_regions-detail", lambda t: ch.load_regions(detail="ful"), InvalidInputError,
         "detail", "ful", suggest="full"),
    case("load_regions-as_of-int", lambda t: ch.load_regions(as_of=2019), InvalidInputError, "as_of", 2019),
    case("load_regions-as_of-day-first", lambda t: ch.load_regions(as_of="30/06/2019"), InvalidInputError,
         "as_of", "30/06/2019", suggest="2019-06-30"),
    case("load_regions-as_of-year", lambda t: ch.load_regions(as_of="2019"), InvalidInputError,
         "as_of", "2019", suggest="2019-01-01"),
    case("load_regions-as_of-before-data", lambda t: ch.load_regions(as_of="1999-01-01"), InvalidInputError,
         "as_of", "1999-01-01", also=("2000-05-13",)),
    case("load_regions-as_of-future", lambda t: ch.load_regions(as_of=FUTURE), InvalidInputError,
         "as_of", FUTURE),
    case("load_regions-as_of-impossible", lambda t: ch.load_regions(as_of="2019-02-30"), InvalidInputError,
         "as_of", "2019-02-30", also=("February 2019 has 28 days",)),
    case("load_regions-as_of-nan", lambda t: ch.load_regions(as_of=NAN), InvalidInputError, "as_of", NAN,
         also=("missing",)),
    case("load_regions-as_of-datetime-with-time", lambda t: ch.load_regions(as_of=LATE), InvalidInputError,
         "as_of", LATE, also=("'2019-06-30'",)),
    case("load_regions-include_disputed-str", lambda t: ch.load_regions(include_disputed="yes"),
         InvalidInputError, "include_disputed", "yes"),
    case("load_regions-include_sar-int", lambda t: ch.load_regions(include_sar=1), InvalidInputError,
         "include_sar", 1),
    # --- load_federal_districts ------------------------------------------------------------
    case("load_federal_districts-as_of-before", lambda t: ch.load_federal_districts(as_of="2000-01-01"),
         InvalidInputError, "as_of", "2000-01-01"),
    case("load_federal_districts-detail", lambda t: ch.load_federal_districts(detail="fine"),
         InvalidInputError, "detail", "fine"),
    case("load_federal_districts-include_disputed-none",
         lambda t: ch.load_federal_districts(include_disputed=None), InvalidInputError, "include_disputed", None),
    case("load_federal_districts-as_of-zoned", lambda t: ch.load_federal_districts(as_of=ZONED),
         InvalidInputError, "as_of", ZONED),
    # --- resolve_region -------------------------------------------------------------------
    case("resolve_region-misspelt", lambda t: ch.resolve_region("Guandong"), UnknownRegionError,
         "name", "Guandong", suggest="Guangdong"),
    case("resolve_region-empty", lambda t: ch.resolve_region(""), InvalidInputError, "name", ""),
    case("resolve_region-none", lambda t: ch.resolve_region(None), InvalidInputError, "name", None),
    case("resolve_region-wrong-country", lambda t: ch.resolve_region("Heilongjiang", country="RU"),
         UnknownRegionError, "name", "Heilongjiang", also=("CN-HL", "China")),
    case("resolve_region-city", lambda t: ch.resolve_region("Harbin"), UnknownRegionError,
         "name", "Harbin", suggest="Heilongjiang"),
    case("resolve_region-country-unknown", lambda t: ch.resolve_region("Moscow", country="Japan"),
         InvalidInputError, "country", "Japan"),
    # --- resolve_regions (issue 12: names of your own tables, in bulk) ---------------------
    case("resolve_regions-one-string", lambda t: ch.resolve_regions("Moscow"), InvalidInputError,
         "values", "Moscow", also=("resolve_region('Moscow')",)),
    case("resolve_regions-table", lambda t: ch.resolve_regions(_table()), InvalidInputError, "values",
         echo="DataFrame of 2 rows", also=("df['region']",)),
    case("resolve_regions-none", lambda t: ch.resolve_regions(None), InvalidInputError, "values", None),
    case("resolve_regions-misspelt", lambda t: ch.resolve_regions(["Heilongjiang", "Guandong"]), UnknownRegionError,
         "values", "Guandong", suggest="Guangdong", also=("errors='coerce'",)),
    case("resolve_regions-ambiguous", lambda t: ch.resolve_regions(["Altai", "Moscow"]), UnknownRegionError,
         "values", "Altai", also=("RU-AL", "RU-ALT")),
    case("resolve_regions-errors", lambda t: ch.resolve_regions(["Moscow"], errors="rase"), InvalidInputError,
         "errors", "rase", suggest="raise"),
    case("resolve_regions-country", lambda t: ch.resolve_regions(["Moscow"], country="Japan"), InvalidInputError,
         "country", "Japan"),
    # --- join_regions ---------------------------------------------------------------------
    case("join_regions-not-a-frame", lambda t: ch.join_regions(["Heilongjiang"], "region"), InvalidInputError,
         "df", echo="['Heilongjiang']"),
    case("join_regions-on-misspelt", lambda t: ch.join_regions(_table(), "regoin"), InvalidInputError,
         "on", "regoin", suggest="region"),
    case("join_regions-how", lambda t: ch.join_regions(_table(), "region", how="lefft"), InvalidInputError,
         "how", "lefft", suggest="left"),
    case("join_regions-include_sar-text", lambda t: ch.join_regions(_table(), "region", include_sar="yes"),
         InvalidInputError, "include_sar", "yes"),
    case("join_regions-geometry-column", lambda t: ch.join_regions(_table().assign(geometry=1), "region"),
         InvalidInputError, "df", echo="'geometry'"),
    case("join_regions-as_of-year", lambda t: ch.join_regions(_table(), "region", as_of="2019"), InvalidInputError,
         "as_of", "2019", suggest="2019-01-01"),
    # --- admin_centre ---------------------------------------------------------------------
    case("admin_centre-lon-lat", lambda t: ch.admin_centre((126.63, 45.75)), InvalidInputError,
         "place", (126.63, 45.75), also=("(lon, lat)", "(45.75, 126.63)")),
    case("admin_centre-numpy-lon-lat", lambda t: ch.admin_centre(np.array([126.63, 45.75])),
         InvalidInputError, "place", echo="(126.63, 45.75)", also=("(lon, lat)",)),
    case("admin_centre-nan", lambda t: ch.admin_centre((NAN, 126.63)), InvalidInputError,
         "place", (NAN, 126.63), also=("finite",)),
    case("admin_centre-strings", lambda t: ch.admin_centre(("45.75", "126.63")), InvalidInputError,
         "place", ("45.75", "126.63"), also=("must be a number",)),
    case("admin_centre-three-numbers", lambda t: ch.admin_centre((45.75, 126.63, 0)), InvalidInputError,
         "place", (45.75, 126.63, 0)),
    case("admin_centre-shapely-point", lambda t: ch.admin_centre(Point(126.63, 45.75)), InvalidInputError,
         "place", echo="POINT (126.63 45.75)", also=("(point.y, point.x)",)),
    case("admin_centre-number", lambda t: ch.admin_centre(42), InvalidInputError, "place", 42),
    # issue 12 part 4: cities are places now ('Vladivostok' works); the mistakes are ambiguous and misspelt names
    case("admin_centre-ambiguous-place", lambda t: ch.admin_centre("Tongjiang"), UnknownPlaceError,
         "place", "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port", "crossing side", "CN-HL")),
    case("admin_centre-misspelt-city", lambda t: ch.admin_centre("Vladivostock"), UnknownPlaceError,
         "place", "Vladivostock", suggest="Vladivostok"),
    case("admin_centre-city-in-other-country", lambda t: ch.resolve_place("Suifenhe", country="RU"),
         UnknownPlaceError, "name", "Suifenhe", also=("suifenhe", "China")),
    # --- federal_district_of --------------------------------------------------------------
    case("federal_district_of-chinese-region", lambda t: ch.federal_district_of("Heilongjiang"),
         UnknownRegionError, "region", "Heilongjiang", also=("CN-HL", "in Russia")),
    case("federal_district_of-number", lambda t: ch.federal_district_of(5), InvalidInputError, "region", 5),
    case("federal_district_of-as_of-year", lambda t: ch.federal_district_of("RU-PRI", as_of="2019"),
         InvalidInputError, "as_of", "2019", suggest="2019-01-01"),
    case("federal_district_of-before-district", lambda t: ch.federal_district_of("Crimea", as_of="2010-01-01"),
         InvalidInputError, "as_of", echo="2010-01-01", also=("UA-43",)),
    # --- regions_map ----------------------------------------------------------------------
    case("regions_map-other-crs", lambda t: ch.regions_map(regions_cn().to_crs(3857)), InvalidInputError,
         "regions", echo="'EPSG:3857'", also=("to_crs('EPSG:4326')",)),
    case("regions_map-no-crs", lambda t: ch.regions_map(regions_cn().set_crs(None, allow_override=True)),
         InvalidInputError, "regions", echo="None", also=("set_crs",)),
    case("regions_map-missing-column", lambda t: ch.regions_map(regions_cn().drop(columns=["name_zh"])),
         InvalidInputError, "regions", echo="'name_zh'"),
    case("regions_map-empty", lambda t: ch.regions_map(regions_cn().iloc[0:0]), InvalidInputError,
         "regions", echo="empty GeoDataFrame"),
    case("regions_map-not-a-frame", lambda t: ch.regions_map("CN"), InvalidInputError, "regions", "CN"),
    case("regions_map-districts-str", lambda t: ch.regions_map(districts="no"), InvalidInputError,
         "districts", "no"),
    case("regions_map-m", lambda t: ch.regions_map(m="map"), InvalidInputError, "m", "map"),
    case("regions_map-as_of-int", lambda t: ch.regions_map(regions_cn(), districts=False, as_of=2019),
         InvalidInputError, "as_of", 2019),
    # --- save_map -------------------------------------------------------------------------
    case("save_map-not-a-map", lambda t: ch.save_map("map", t / "m.html"), InvalidInputError, "m", "map"),
    case("save_map-path-number", lambda t: ch.save_map(ch.base_map(basemap=False), 3), InvalidInputError,
         "path", 3),
    case("save_map-not-html", lambda t: ch.save_map(ch.base_map(basemap=False), "map.png"), InvalidInputError,
         "path", "map.png"),
    case("save_map-under-a-file", lambda t: (t / "notes.txt").write_text("x")
         and ch.save_map(ch.base_map(basemap=False), t / "notes.txt" / "m.html"), InvalidInputError,
         "path", echo="notes.txt/m.html", also=("is a file",)),
    case("save_map-path-is-folder", lambda t: (t / "m.html").mkdir()
         or ch.save_map(ch.base_map(basemap=False), t / "m.html"), InvalidInputError,
         "path", echo="m.html'", also=("is a folder",)),
    case("save_map-unwritable-folder", lambda t: _unwritable(t / "m.html"), InvalidInputError,
         "path", echo="m.html'", also=("not writable",)),
    case("save_map-offline-str", lambda t: ch.save_map(ch.base_map(basemap=False), t / "m.html", offline="yes"),
         InvalidInputError, "offline", "yes"),
    case("save_map-provenance-key", lambda t: ch.save_map(ch.base_map(basemap=False), t / "m.html",
                                                          provenance={"titel": "x"}),
         InvalidInputError, "provenance", echo="'titel'"),
    case("save_map-provenance-date", lambda t: ch.save_map(ch.base_map(basemap=False), t / "m.html",
                                                           provenance={"build_date": "31/01/2025"}),
         InvalidInputError, "build_date", "31/01/2025"),
    # issue 14 ("corners"): each provenance key's type is checked and named
    case("save_map-provenance-notes-number", lambda t: _save(t, notes=5), InvalidInputError,
         "provenance['notes']", 5, also=("not a list",)),
    case("save_map-provenance-notes-nan", lambda t: _save(t, notes=NAN), InvalidInputError,
         "provenance['notes']", NAN),
    case("save_map-provenance-note-number", lambda t: _save(t, notes=["ok", 5]), InvalidInputError,
         "provenance['notes'][1]", 5, also=("not text",)),
    case("save_map-provenance-title-number", lambda t: _save(t, title=5), InvalidInputError,
         "provenance['title']", 5, also=("not text",)),
    case("save_map-provenance-sources-number", lambda t: _save(t, sources=5), InvalidInputError,
         "provenance['sources']", 5),
    case("save_map-provenance-source-url-number", lambda t: _save(t, sources=[{"name": "x", "url": 5}]),
         InvalidInputError, "provenance['sources'][0]['url']", 5),
    case("save_map-provenance-build_date-nat", lambda t: _save(t, build_date=pd_nat()), InvalidInputError,
         "build_date", echo="NaT", also=("missing date",)),
    case("save_map-provenance-build_date-nan", lambda t: _save(t, build_date=NAN), InvalidInputError,
         "build_date", NAN, also=("missing date",)),
    case("save_map-provenance-build_date-impossible", lambda t: _save(t, build_date="2019-02-30"),
         InvalidInputError, "build_date", "2019-02-30", also=("February 2019 has 28 days",)),
    case("save_map-provenance-source-as_of-impossible",
         lambda t: _save(t, sources=[{"name": "survey", "as_of": "2019-02-30"}]), InvalidInputError,
         "as_of", "2019-02-30", also=("provenance['sources'][0]", "February 2019 has 28 days")),
    case("save_map-file-name-too-long", lambda t: ch.save_map(ch.base_map(basemap=False), t / LONG_NAME),
         InvalidInputError, "path", echo="aaaa.html'", also=("305 bytes", "shorter")),
    # --- base_map -------------------------------------------------------------------------
    case("base_map-bounds-lon-lat", lambda t: ch.base_map(bounds=[[110, 40], [150, 60]]), InvalidInputError,
         "bounds", echo="(110.0, 40.0)", also=("(lon, lat)",)),
    case("base_map-bounds-south-north", lambda t: ch.base_map(bounds=[[60, 120], [40, 150]]),
         InvalidInputError, "bounds", echo="[[60.0, 120.0], [40.0, 150.0]]", also=("south < north",)),
    case("base_map-bounds-text", lambda t: ch.base_map(bounds="Russia"), InvalidInputError, "bounds", "Russia"),
    case("base_map-bounds-nan", lambda t: ch.base_map(bounds=[[NAN, 120], [60, 150]]), InvalidInputError,
         "bounds", echo="nan"),
    case("base_map-bounds-empty-frame", lambda t: ch.base_map(bounds=regions_cn().iloc[0:0]),
         InvalidInputError, "bounds", echo="empty GeoDataFrame"),
    case("base_map-tiles-str", lambda t: ch.base_map(tiles="osm"), InvalidInputError, "tiles", "osm"),
    case("base_map-title-number", lambda t: ch.base_map(title=5), InvalidInputError, "title", 5),
    # --- add_regions ----------------------------------------------------------------------
    case("add_regions-not-a-frame", lambda t: ch.add_regions(_m(), _shapes().drop(columns="geometry"), name="x"),
         InvalidInputError, "gdf", echo="DataFrame of 1 rows"),
    case("add_regions-colour-column-misspelt", lambda t: ch.add_regions(_m(), _shapes(), name="x", fill_color="colr"),
         InvalidInputError, "fill_color", "colr", suggest="colour"),
    case("add_regions-no-crs-metres", lambda t: ch.add_regions(
        _m(), _shapes().to_crs(3857).set_crs(None, allow_override=True), name="x"),
         InvalidInputError, "gdf", echo="(13469658, 5465442, 14916812, 6982998)", also=("set_crs",)),
    case("add_regions-tooltip-misspelt", lambda t: ch.add_regions(_m(), _shapes(), name="x",
                                                                  tooltip_fields=["nam_en"]),
         InvalidInputError, "tooltip_fields", echo="'nam_en'", suggest="name_en"),
    case("add_regions-tooltip-number", lambda t: ch.add_regions(_m(), _shapes(), name="x", tooltip_fields=5),
         InvalidInputError, "tooltip_fields", 5),
    case("add_regions-tooltip-int-column-as-text", lambda t: ch.add_regions(_m(), _int_columns(), name="x",
                                                                            tooltip_fields=["0"]),
         InvalidInputError, "tooltip_fields", "0", also=("column is 0 (int)", "pass 0 as it is")),
    case("add_regions-tooltip-unknown-int", lambda t: ch.add_regions(_m(), _int_columns(), name="x",
                                                                     tooltip_fields=[7]),
         InvalidInputError, "tooltip_fields", 7, also=("not a column",)),
    case("add_regions-column-int-as-text", lambda t: ch.add_regions(_m(), _int_columns(), name="x", column="1"),
         InvalidInputError, "column", "1", also=("column is 1 (int)",)),
    case("add_regions-opacity", lambda t: ch.add_regions(_m(), _shapes(), name="x", fill_opacity=50),
         InvalidInputError, "fill_opacity", 50),
    case("add_regions-show-text", lambda t: ch.add_regions(_m(), _shapes(), name="x", show="no"),
         InvalidInputError, "show", "no"),
    case("add_regions-name-empty", lambda t: ch.add_regions(_m(), _shapes(), name=""), InvalidInputError,
         "name", ""),
    # --- add_legend -----------------------------------------------------------------------
    case("add_legend-shape", lambda t: ch.add_legend(_m(), "t", [("a", "#000", "squre")]), InvalidInputError,
         "shape", "squre", suggest="square"),
    case("add_legend-pair", lambda t: ch.add_legend(_m(), "t", [("a", "#000")]), InvalidInputError,
         "items", ("a", "#000")),
    case("add_legend-position", lambda t: ch.add_legend(_m(), "t", [("a", "#000", "line")], position="top"),
         InvalidInputError, "position", "top", suggest="topleft"),
    case("add_legend-colour", lambda t: ch.add_legend(_m(), "t", [("a", "reddish", "line")]), InvalidInputError,
         "colour", "reddish"),
    # --- add_source -----------------------------------------------------------------------
    case("add_source-as_of-number", lambda t: ch.add_source(_m(), "survey", as_of=2019), InvalidInputError,
         "as_of", 2019),
    case("add_source-as_of-text", lambda t: ch.add_source(_m(), "survey", as_of="last year"), InvalidInputError,
         "as_of", "last year"),
    case("add_source-as_of-impossible", lambda t: ch.add_source(_m(), "survey", as_of="2019-02-30"),
         InvalidInputError, "as_of", "2019-02-30", also=("February 2019 has 28 days",)),
    case("add_source-as_of-month-13", lambda t: ch.add_source(_m(), "survey", as_of="2019-13"),
         InvalidInputError, "as_of", "2019-13", also=("no month 13",)),
    case("add_source-name-empty", lambda t: ch.add_source(_m(), ""), InvalidInputError, "name", ""),
    case("add_source-not-a-map", lambda t: ch.add_source(None, "survey"), InvalidInputError, "m", None),
    # --- show_map -------------------------------------------------------------------------
    case("show_map-not-a-map", lambda t: ch.show_map("m"), InvalidInputError, "m", "m"),
    case("show_map-height", lambda t: ch.show_map(_m(), height=10), InvalidInputError, "height", 10),
    case("show_map-height-text", lambda t: ch.show_map(_m(), height="500px"), InvalidInputError,
         "height", "500px"),
    # --- map_output -----------------------------------------------------------------------
    case("map_output-escapes-folder", lambda t: ch.map_output("../secret"), InvalidInputError,
         "name", "../secret"),
    case("map_output-number", lambda t: ch.map_output(1), InvalidInputError, "name", 1),
    case("map_output-empty", lambda t: ch.map_output(""), InvalidInputError, "name", ""),
    case("map_output-maps-dir-is-a-file", lambda t: _maps_dir_env(_file(t)), InvalidInputError,
         "COOPHELPERS_MAPS_DIR", echo="afile'", also=("is a file, not a folder",)),
    case("map_output-maps-dir-under-a-file", lambda t: _maps_dir_env(_file(t) / "maps"), InvalidInputError,
         "COOPHELPERS_MAPS_DIR", echo="afile/maps'", also=("is a file, not a folder",)),
    case("map_output-read-only-folder", lambda t: _maps_dir_default(mkdir_error=PermissionError(13, "Permission denied")),
         InvalidInputError, "maps_dir", echo="maps'", also=("Permission denied", "COOPHELPERS_MAPS_DIR")),
    case("map_output-folder-not-writable", lambda t: _maps_dir_default(writable=False), InvalidInputError,
         "maps_dir", echo="maps'", also=("not writable",)),
    # --- build_site -----------------------------------------------------------------------
    case("build_site-out-number", lambda t: ch.build_site(5, progress=False), InvalidInputError, "out", 5),
    case("build_site-notebooks-missing", lambda t: ch.build_site(t / "site", notebooks=t / "nope", progress=False),
         InvalidInputError, "notebooks", echo="nope'"),
    case("build_site-timeout-zero", lambda t: ch.build_site(t / "site", timeout=0), InvalidInputError,
         "timeout", 0),
    case("build_site-kernel-number", lambda t: ch.build_site(t / "site", kernel_name=5), InvalidInputError,
         "kernel_name", 5),
    case("build_site-budget-text", lambda t: ch.build_site(t / "site", max_map_bytes="big"), InvalidInputError,
         "max_map_bytes", "big"),
    case("build_site-progress-text", lambda t: ch.build_site(t / "site", progress="loud"), InvalidInputError,
         "progress", "loud"),
    case("build_site-out-under-a-file", lambda t: (t / "f").write_text("x")
         and ch.build_site(t / "f" / "site", notebooks=_notebooks(t), progress=False), InvalidInputError,
         "out", echo="f/site'", also=("is a file",)),
    case("build_site-out-not-a-site", lambda t: (t / "thesis").mkdir() or (t / "thesis" / "a.docx").write_text("x")
         and ch.build_site(t / "thesis", notebooks=_notebooks(t), progress=False), InvalidInputError,
         "out", echo="thesis'", also=("refusing to replace",)),
    case("build_site-no-notebooks", lambda t: (t / "empty").mkdir()
         or ch.build_site(t / "site", notebooks=t / "empty", progress=False), SiteBuildError,
         "notebooks", echo="empty'"),
    # --- mechanism_members ----------------------------------------------------------------
    case("mechanism_members-misspelt", lambda t: ch.mechanism_members("yangtze-volgaa"), UnknownMechanismError,
         "mechanism", "yangtze-volgaa", suggest="yangtze-volga"),
    case("mechanism_members-number", lambda t: ch.mechanism_members(3), InvalidInputError, "mechanism", 3),
    case("mechanism_members-role", lambda t: ch.mechanism_members("yangtze-volga", roles="members"),
         InvalidInputError, "roles", "members", suggest="member"),
    case("mechanism_members-roles-empty", lambda t: ch.mechanism_members("yangtze-volga", roles=[]),
         InvalidInputError, "roles", []),
    case("mechanism_members-variant", lambda t: ch.mechanism_members("north-central", variant="with-shandon"),
         InvalidInputError, "variant", "with-shandon", suggest="with-shandong"),
    case("mechanism_members-variant-official", lambda t: ch.mechanism_members("yangtze-volga", variant="x"),
         InvalidInputError, "variant", "x"),
    case("mechanism_members-detail", lambda t: ch.mechanism_members("yangtze-volga", detail="hi"),
         InvalidInputError, "detail", "hi"),
    case("mechanism_members-as_of-month-13", lambda t: ch.mechanism_members("yangtze-volga", as_of="2019-13-01"),
         InvalidInputError, "as_of", "2019-13-01"),
    # --- mechanism_pairs ------------------------------------------------------------------
    case("mechanism_pairs-variant-without-mechanism", lambda t: ch.mechanism_pairs(variant="with-shandong"),
         InvalidInputError, "variant", "with-shandong"),
    case("mechanism_pairs-list-item", lambda t: ch.mechanism_pairs(["yangtze-volga", 5]), InvalidInputError,
         "mechanism[1]", 5),
    case("mechanism_pairs-roles-number", lambda t: ch.mechanism_pairs("yangtze-volga", roles=5),
         InvalidInputError, "roles", 5),
    # --- mechanism_summary ----------------------------------------------------------------
    case("mechanism_summary-role", lambda t: ch.mechanism_summary(roles="memb"), InvalidInputError,
         "roles", "memb", suggest="member"),
    case("mechanism_summary-as_of-slashes", lambda t: ch.mechanism_summary(as_of="2019/06/30"),
         InvalidInputError, "as_of", "2019/06/30"),
    case("mechanism_summary-as_of-future", lambda t: ch.mechanism_summary(as_of=FUTURE), InvalidInputError,
         "as_of", FUTURE),
    # --- mechanism_map --------------------------------------------------------------------
    case("mechanism_map-second-unknown", lambda t: ch.mechanism_map(["northeast-fareast", "volga"]),
         UnknownMechanismError, "mechanism[1]", "volga", suggest="yangtze-volga"),
    case("mechanism_map-show_links", lambda t: ch.mechanism_map("yangtze-volga", show_links="yes"),
         InvalidInputError, "show_links", "yes"),
    case("mechanism_map-m", lambda t: ch.mechanism_map("yangtze-volga", m=1), InvalidInputError, "m", 1),
    case("mechanism_map-number", lambda t: ch.mechanism_map(5), InvalidInputError, "mechanism", 5),
    case("mechanism_map-empty", lambda t: ch.mechanism_map([]), InvalidInputError, "mechanism", []),
    # --- mechanism_variants ---------------------------------------------------------------
    case("mechanism_variants-misspelt", lambda t: ch.mechanism_variants("nort-central"), UnknownMechanismError,
         "mechanism", "nort-central", suggest="north-central"),
    case("mechanism_variants-number", lambda t: ch.mechanism_variants(1), InvalidInputError, "mechanism", 1),
    # --- load_crossings -------------------------------------------------------------------
    case("load_crossings-status", lambda t: ch.load_crossings(status="open"), InvalidInputError,
         "status", "open", suggest="operating"),
    case("load_crossings-mode", lambda t: ch.load_crossings(modes="train"), InvalidInputError,
         "modes", "train", suggest="rail"),
    case("load_crossings-mode-river", lambda t: ch.load_crossings(modes="ferry"), InvalidInputError,
         "modes", "ferry", suggest="river"),
    case("load_crossings-mode-empty", lambda t: ch.load_crossings(modes=[]), InvalidInputError, "modes", []),
    case("load_crossings-status-dict", lambda t: ch.load_crossings(status={"operating": 1}), InvalidInputError,
         "status", {"operating": 1}),
    case("load_crossings-as_of-before", lambda t: ch.load_crossings(as_of="1066-10-14"), InvalidInputError,
         "as_of", "1066-10-14"),
    case("load_crossings-as_of-int", lambda t: ch.load_crossings(as_of=2020), InvalidInputError, "as_of", 2020),
    # --- border_line ----------------------------------------------------------------------
    case("border_line-section", lambda t: ch.border_line(section="eats"), InvalidInputError,
         "section", "eats", suggest="east"),
    case("border_line-section-number", lambda t: ch.border_line(section=1), InvalidInputError, "section", 1),
    # --- nearest_crossings ----------------------------------------------------------------
    case("nearest_crossings-lon-lat", lambda t: ch.nearest_crossings((131.89, 43.12)), InvalidInputError,
         "place", (131.89, 43.12), also=("(lon, lat)", "(43.12, 131.89)")),
    case("nearest_crossings-nan", lambda t: ch.nearest_crossings((NAN, 131.89)), InvalidInputError,
         "place", (NAN, 131.89)),
    case("nearest_crossings-n-zero", lambda t: ch.nearest_crossings("RU-PRI", n=0), InvalidInputError, "n", 0),
    case("nearest_crossings-n-float", lambda t: ch.nearest_crossings("RU-PRI", n=2.5), InvalidInputError,
         "n", 2.5),
    case("nearest_crossings-mode", lambda t: ch.nearest_crossings("RU-PRI", modes="rial"), InvalidInputError,
         "modes", "rial", suggest="rail"),
    case("nearest_crossings-region", lambda t: ch.nearest_crossings("Primorje"), UnknownRegionError,
         "place", "Primorje", suggest="Primorsky Krai"),
    case("nearest_crossings-ambiguous", lambda t: ch.nearest_crossings("Tongjiang City"), UnknownPlaceError,
         "place", "Tongjiang City", also=("tongjiang-rail", "tongjiang-river-port")),
    # --- crossings_map --------------------------------------------------------------------
    case("crossings_map-m", lambda t: ch.crossings_map(m="x"), InvalidInputError, "m", "x"),
    case("crossings_map-status", lambda t: ch.crossings_map(status="operatin"), InvalidInputError,
         "status", "operatin", suggest="operating"),
    # --- crossing_gaps --------------------------------------------------------------------
    case("crossing_gaps-section", lambda t: ch.crossing_gaps(section="north"), InvalidInputError,
         "section", "north"),
    case("crossing_gaps-mode-river", lambda t: ch.crossing_gaps(modes="pontoon"), InvalidInputError,
         "modes", "pontoon", suggest="river"),
    case("crossing_gaps-as_of-time", lambda t: ch.crossing_gaps(as_of=LATE), InvalidInputError, "as_of", LATE),
    # --- get_crossing ---------------------------------------------------------------------
    case("get_crossing-ambiguous", lambda t: ch.get_crossing("Manzhouli"), UnknownCrossingError,
         "crossing", "Manzhouli", also=("manzhouli-zabaykalsk-rail", "manzhouli-zabaykalsk-road")),
    case("get_crossing-misspelt", lambda t: ch.get_crossing("suifenhe-grodekovo-rial"), UnknownCrossingError,
         "crossing", "suifenhe-grodekovo-rial", suggest="suifenhe-grodekovo-rail"),
    case("get_crossing-blank", lambda t: ch.get_crossing("  "), InvalidInputError, "crossing", "  "),
    case("get_crossing-none", lambda t: ch.get_crossing(None), InvalidInputError, "crossing", None),
    # --- geodesic_km ----------------------------------------------------------------------
    case("geodesic_km-lon-lat", lambda t: ch.geodesic_km((126.63, 45.75), "CN-BJ"), InvalidInputError,
         "origin", (126.63, 45.75), also=("(lon, lat)",)),
    case("geodesic_km-lon-lat-b", lambda t: ch.geodesic_km("CN-BJ", [(45.75, 126.63), (131.89, 43.12)]),
         InvalidInputError, "destination[1]", (131.89, 43.12), also=("(lon, lat)",)),
    case("geodesic_km-nan-in-list", lambda t: ch.geodesic_km([(45.75, 126.63), (NAN, 131.89)], "CN-BJ"),
         InvalidInputError, "origin[1]", (NAN, 131.89), also=("finite",)),
    case("geodesic_km-numpy-nan", lambda t: ch.geodesic_km(np.array([[45.75, 126.63], [np.nan, 1.0]]), "CN-BJ"),
         InvalidInputError, "origin[1]", (NAN, 1.0)),
    case("geodesic_km-misspelt-city", lambda t: ch.geodesic_km("Harbinn", "CN-BJ"), UnknownPlaceError,
         "origin", "Harbinn", suggest="Harbin"),
    case("geodesic_km-ambiguous-region", lambda t: ch.geodesic_km("Altai", "CN-BJ"), UnknownPlaceError,
         "origin", "Altai", also=("RU-AL", "RU-ALT", "region")),
    case("geodesic_km-ambiguous-place", lambda t: ch.geodesic_km("CN-BJ", ["Harbin", "Tongjiang"]), UnknownPlaceError,
         "destination[1]", "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port")),
    case("geodesic_km-empty-name", lambda t: ch.geodesic_km("", "CN-BJ"), InvalidInputError, "origin", ""),
    case("geodesic_km-three-numbers", lambda t: ch.geodesic_km((45.75, 126.63, 0), "CN-BJ"), InvalidInputError,
         "origin", (45.75, 126.63, 0)),
    case("geodesic_km-text-numbers", lambda t: ch.geodesic_km(("45.75", "126.63"), "CN-BJ"), UnknownRegionError,
         "origin[0]", "45.75"),
    case("geodesic_km-frame", lambda t: ch.geodesic_km(regions_cn(), "CN-BJ"), InvalidInputError,
         "origin", echo="GeoDataFrame of 31 rows", also=("frame['code']",)),
    case("geodesic_km-lengths", lambda t: ch.geodesic_km(["CN-BJ", "CN-SH"], ["RU-MOW", "RU-SPE", "RU-PRI"]),
         InvalidInputError, "origin and destination", echo="(2 and 3)", also=("distance_matrix",)),
    case("geodesic_km-empty-list", lambda t: ch.geodesic_km([], "CN-BJ"), InvalidInputError, "origin", []),
    case("geodesic_km-none", lambda t: ch.geodesic_km(None, "CN-BJ"), InvalidInputError, "origin", None),
    case("geodesic_km-shapely-point", lambda t: ch.geodesic_km(Point(126.63, 45.75), "CN-BJ"), InvalidInputError,
         "origin", echo="POINT (126.63 45.75)", also=("(point.y, point.x)",)),
    # --- resolve_place (issue 12 part 4: one gazetteer) ------------------------------------
    case("resolve_place-misspelt", lambda t: ch.resolve_place("Suifenhee"), UnknownPlaceError, "name",
         "Suifenhee", suggest="Suifenhe"),
    case("resolve_place-ambiguous", lambda t: ch.resolve_place("Tongjiang"), UnknownPlaceError, "name",
         "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port", "network node", "CN-HL")),
    case("resolve_place-ambiguous-regions", lambda t: ch.resolve_place("Altai"), UnknownPlaceError, "name",
         "Altai", also=("RU-AL", "RU-ALT")),
    case("resolve_place-other-country", lambda t: ch.resolve_place("Grodekovo", country="CN"), UnknownPlaceError,
         "name", "Grodekovo", also=("grodekovo", "Russia")),
    case("resolve_place-country", lambda t: ch.resolve_place("Harbin", country="Japan"), InvalidInputError,
         "country", "Japan"),
    case("resolve_place-number", lambda t: ch.resolve_place(45.75), InvalidInputError, "name", 45.75),
    case("resolve_place-number-as-text", lambda t: ch.resolve_place("45.75"), UnknownPlaceError, "name", "45.75",
         also=("number written as text",)),
    case("resolve_place-empty", lambda t: ch.resolve_place(" "), InvalidInputError, "name", " "),
    # --- distance_matrix ------------------------------------------------------------------
    case("distance_matrix-method", lambda t: ch.distance_matrix(["CN-HL"], ["RU-MOW"], method="networks"),
         InvalidInputError, "method", "networks", suggest="network"),
    case("distance_matrix-modes-with-geodesic", lambda t: ch.distance_matrix(["CN-HL"], ["RU-MOW"], modes=["rail"]),
         InvalidInputError, "modes", echo="method='geodesic'"),
    case("distance_matrix-via-with-geodesic", lambda t: ch.distance_matrix(["CN-HL"], ["RU-MOW"], via="nsr"),
         InvalidInputError, "via", echo="method='geodesic'"),
    case("distance_matrix-lon-lat", lambda t: ch.distance_matrix([(126.63, 45.75)], ["RU-MOW"]),
         InvalidInputError, "origins", (126.63, 45.75), also=("(lon, lat)",)),
    case("distance_matrix-empty-mapping", lambda t: ch.distance_matrix({}, ["RU-MOW"]), InvalidInputError,
         "origins", {}),
    case("distance_matrix-network-point", lambda t: ch.distance_matrix([(45.75, 126.63)], ["RU-MOW"],
                                                                       method="network"),
         InvalidInputError, "origins[0]", (45.75, 126.63)),
    case("distance_matrix-sea-port", lambda t: ch.distance_matrix(["shangai"], ["murmansk"], method="sea"),
         UnknownPlaceError, "origins[0]", "shangai", suggest="shanghai"),
    case("distance_matrix-network-as_of", lambda t: ch.distance_matrix(["CN-HL"], ["RU-MOW"], method="network",
                                                                       as_of=2020),
         InvalidInputError, "as_of", 2020),
    case("distance_matrix-table", lambda t: ch.distance_matrix(regions_cn()[["code"]], ["RU-MOW"]),
         InvalidInputError, "origins", echo="DataFrame of 31 rows"),
    case("distance_matrix-network-not-a-node", lambda t: ch.distance_matrix(["Fuyuan"], ["RU-MOW"],
                                                                           method="network"),
         UnknownPlaceError, "origins[0]", "Fuyuan", also=("not a place of the transport network", "'khabarovsk'",
                                                          "km away")),
    case("distance_matrix-sea-not-a-port", lambda t: ch.distance_matrix(["Harbin"], ["murmansk"], method="sea"),
         UnknownPlaceError, "origins[0]", "Harbin", also=("not a port", "'vladivostok'", "km away")),
    case("distance_matrix-ambiguous", lambda t: ch.distance_matrix(["Tongjiang"], ["RU-MOW"]), UnknownPlaceError,
         "origins", "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port")),
    # --- route ----------------------------------------------------------------------------
    case("route-not-a-node", lambda t: ch.route("Fuyuan", "moscow"), UnknownPlaceError, "origin", "Fuyuan",
         also=("crossing side", "'khabarovsk'", "km away")),
    case("route-ambiguous", lambda t: ch.route("harbin", "Tongjiang"), UnknownPlaceError, "destination",
         "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port")),
    case("route-misspelt", lambda t: ch.route("Harbinn", "moscow"), UnknownPlaceError, "origin", "Harbinn",
         suggest="Harbin"),
    case("route-point", lambda t: ch.route("harbin", (55.75, 37.62)), InvalidInputError, "destination",
         (55.75, 37.62)),
    case("route-lon-lat-point", lambda t: ch.route((126.63, 45.75), "moscow"), InvalidInputError, "origin",
         (126.63, 45.75)),
    case("route-empty", lambda t: ch.route("", "moscow"), InvalidInputError, "origin", ""),
    case("route-same-place", lambda t: ch.route("Harbin", "harbin"), InvalidInputError, "origin",
         echo="Harbin (harbin)"),
    case("route-modes", lambda t: ch.route("harbin", "moscow", modes=["train"]), InvalidInputError,
         "modes", "train", suggest="rail"),
    case("route-modes-empty", lambda t: ch.route("harbin", "moscow", modes=[]), InvalidInputError, "modes", []),
    case("route-weight", lambda t: ch.route("harbin", "moscow", weight="fastest"), InvalidInputError,
         "weight", "fastest"),
    case("route-as_of-before", lambda t: ch.route("harbin", "moscow", as_of="1800-01-01"), InvalidInputError,
         "as_of", "1800-01-01"),
    case("route-as_of-future", lambda t: ch.route("harbin", "moscow", as_of=FUTURE), InvalidInputError,
         "as_of", FUTURE),
    case("route-border_hours-crossing", lambda t: ch.route("harbin", "moscow", border_hours={"manzhouli": 3}),
         UnknownCrossingError, "border_hours", "manzhouli", suggest="manzhouli-zabaykalsk-rail"),
    case("route-border_hours-negative", lambda t: ch.route("harbin", "moscow",
                                                           border_hours={"manzhouli-zabaykalsk-rail": -3}),
         InvalidInputError, "border_hours", -3),
    case("route-border_hours-nan", lambda t: ch.route("harbin", "moscow",
                                                      border_hours={"manzhouli-zabaykalsk-rail": NAN}),
         InvalidInputError, "border_hours", NAN),
    case("route-border_hours-list", lambda t: ch.route("harbin", "moscow", border_hours=[24]), InvalidInputError,
         "border_hours", [24]),
    case("route-via-number", lambda t: ch.route("harbin", "moscow", via=5), InvalidInputError, "via", 5),
    case("route-via-misspelt", lambda t: ch.route("harbin", "moscow", via="Irkutskk"), UnknownPlaceError,
         "via[0]", "Irkutskk", suggest="Irkutsk"),
    case("route-countries", lambda t: ch.route("harbin", "moscow", countries=["CHN"]), InvalidInputError,
         "countries", "CHN", suggest="CN"),
    # --- route_map ------------------------------------------------------------------------
    case("route_map-text", lambda t: ch.route_map("harbin-moscow"), InvalidInputError, "routes", "harbin-moscow"),
    case("route_map-mixed", lambda t: ch.route_map([a_route(), 1]), InvalidInputError, "routes",
         echo="Route(origin='harbin'"),
    case("route_map-empty", lambda t: ch.route_map([]), InvalidInputError, "routes", []),
    case("route_map-m", lambda t: ch.route_map(a_route(), m=3), InvalidInputError, "m", 3),
    # --- load_network ---------------------------------------------------------------------
    case("load_network-as_of", lambda t: ch.load_network(as_of="2020-1-1"), InvalidInputError,
         "as_of", "2020-1-1"),
    case("load_network-modes", lambda t: ch.load_network(modes=["air"]), InvalidInputError, "modes", "air"),
    case("load_network-modes-number", lambda t: ch.load_network(modes=3), InvalidInputError, "modes", 3),
    # --- static figures -------------------------------------------------------------------
    case("plot_regions-ax", lambda t: ch.plot_regions(ax="axes"), InvalidInputError, "ax", "axes"),
    case("plot_regions-column", lambda t: ch.plot_regions(regions_cn(), "capital_lt"), InvalidInputError,
         "column", "capital_lt"),
    case("plot_mechanisms-misspelt", lambda t: ch.plot_mechanisms("yangzte-volga"), UnknownMechanismError,
         "mechanism", "yangzte-volga", suggest="yangtze-volga"),
    case("plot_crossings-modes", lambda t: ch.plot_crossings(modes="rial"), InvalidInputError, "modes", "rial",
         suggest="rail"),
    case("plot_routes-text", lambda t: ch.plot_routes("harbin-moscow"), InvalidInputError, "routes", "harbin-moscow"),
    case("plot_map-not-a-map", lambda t: ch.plot_map("map.html"), InvalidInputError, "folium.Map", "map.html"),
    case("plot_map-empty", lambda t: ch.plot_map(ch.base_map(basemap=False)), InvalidInputError, "m", echo="has no shapes"),
    # --- partner_summary, network_change, dwell_scenario ----------------------------------
    case("partner_summary-not-routes", lambda t: ch.partner_summary(regions_cn()), InvalidInputError,
         "routes", echo="partner_routes()"),
    case("network_change-before", lambda t: ch.network_change("yangtze-volga", before="2022/01/01", after="2024-01-01"),
         InvalidInputError, "before", "2022/01/01"),
    case("network_change-after", lambda t: ch.network_change("yangtze-volga", before="2022-01-01", after="1980-01-01"),
         InvalidInputError, "after", "1980-01-01"),
    case("network_change-misspelt", lambda t: ch.network_change("yangzte-volga", before="2022-01-01", after="2024-01-01"),
         UnknownMechanismError, "mechanism", "yangzte-volga", suggest="yangtze-volga"),
    case("dwell_scenario-factor", lambda t: ch.dwell_scenario("yangtze-volga", factor="half"), InvalidInputError,
         "factor", "half"),
    case("dwell_scenario-negative", lambda t: ch.dwell_scenario("yangtze-volga", factor=-1), InvalidInputError,
         "factor", -1),
    # --- resolve_mechanism ----------------------------------------------------------------
    case("resolve_mechanism-misspelt", lambda t: ch.resolve_mechanism("yangtse volga"), UnknownMechanismError,
         "name", "yangtse volga", suggest="yangtze-volga"),
    # --- partner_routes -------------------------------------------------------------------
    case("partner_routes-misspelt", lambda t: ch.partner_routes("yangzte-volga"), UnknownMechanismError,
         "mechanism", "yangzte-volga", suggest="yangtze-volga"),
    case("partner_routes-weight", lambda t: ch.partner_routes("yangtze-volga", weight="cost"), InvalidInputError,
         "weight", "cost"),
    case("partner_routes-border_hours", lambda t: ch.partner_routes("yangtze-volga", border_hours={"x": 1}),
         UnknownCrossingError, "border_hours", "x"),
    case("partner_routes-as_of", lambda t: ch.partner_routes("yangtze-volga", as_of=2020), InvalidInputError,
         "as_of", 2020),
    case("partner_routes-modes", lambda t: ch.partner_routes("yangtze-volga", modes="plane"), InvalidInputError,
         "modes", "plane"),
    # --- gravity_table --------------------------------------------------------------------
    case("gravity_table-as_of", lambda t: ch.gravity_table(as_of="1.1.2024"), InvalidInputError, "as_of", "1.1.2024"),
    case("gravity_table-modes", lambda t: ch.gravity_table(modes=("rail", "air")), InvalidInputError, "modes", "air"),
    case("gravity_table-border_hours", lambda t: ch.gravity_table(border_hours={"manzhouli-zabaykalsk": 12}),
         UnknownCrossingError, "border_hours", "manzhouli-zabaykalsk", suggest="manzhouli-zabaykalsk-rail"),
    case("gravity_table-border_hours-negative", lambda t: ch.gravity_table(border_hours={"manzhouli-zabaykalsk-rail": -2}),
         InvalidInputError, "border_hours", -2),
    # --- sea_route ------------------------------------------------------------------------
    case("sea_route-misspelt", lambda t: ch.sea_route("shangai", "murmansk"), UnknownPlaceError,
         "origin", "shangai", suggest="shanghai"),
    case("sea_route-via", lambda t: ch.sea_route("shanghai", "murmansk", via="suezz"), InvalidInputError,
         "via", "suezz", suggest="suez"),
    case("sea_route-same-port", lambda t: ch.sea_route("shanghai", "Shanghai"), InvalidInputError,
         "destination", echo="'shanghai'"),
    case("sea_route-point", lambda t: ch.sea_route((31.23, 121.47), "murmansk"), InvalidInputError,
         "origin", (31.23, 121.47)),
    case("sea_route-inland-region", lambda t: ch.sea_route("shanghai", "Heilongjiang"), UnknownPlaceError,
         "destination", "Heilongjiang", also=("CN-HL", "RU-MUR")),
    case("sea_route-region-two-ports", lambda t: ch.sea_route("CN-GD", "murmansk"), UnknownPlaceError,
         "origin", "CN-GD", also=("shenzhen", "guangzhou")),
    case("sea_route-empty", lambda t: ch.sea_route("", "murmansk"), InvalidInputError, "origin", ""),
    case("sea_route-city-not-a-port", lambda t: ch.sea_route("Harbin", "murmansk"), UnknownPlaceError, "origin",
         "Harbin", also=("not a port", "'vladivostok'", "km away")),
    case("sea_route-city-near-a-port", lambda t: ch.sea_route("murmansk", "Fuzhou"), UnknownPlaceError,
         "destination", "Fuzhou", also=("Fuzhou (Jiangyin)", "'fuzhou'", "km away")),
    case("sea_route-ambiguous", lambda t: ch.sea_route("Tongjiang", "murmansk"), UnknownPlaceError, "origin",
         "Tongjiang", also=("tongjiang-rail", "tongjiang-river-port")),
    # --- sea_distances --------------------------------------------------------------------
    case("sea_distances-via", lambda t: ch.sea_distances(via=["nsr", "suz"]), InvalidInputError, "via", "suz",
         suggest="suez"),
    case("sea_distances-via-empty", lambda t: ch.sea_distances(via=[]), InvalidInputError, "via", []),
    case("sea_distances-via-number", lambda t: ch.sea_distances(via=1), InvalidInputError, "via", 1),
    case("sea_distances-origins-empty", lambda t: ch.sea_distances(origins=[]), InvalidInputError, "origins", []),
    case("sea_distances-origins-misspelt", lambda t: ch.sea_distances(origins=["shangai"], via="suez"),
         UnknownPlaceError, "origins", "shangai", suggest="shanghai"),
    case("sea_distances-origins-not-a-port", lambda t: ch.sea_distances(origins=["Harbin"], via="suez"),
         UnknownPlaceError, "origins", "Harbin", also=("not a port", "'vladivostok'")),
    case("sea_distances-destinations-number", lambda t: ch.sea_distances(destinations=7, via="suez"),
         InvalidInputError, "destinations", 7),
    # --- economic ties (issue 16) --------------------------------------------------------
    case("load_trade-region-misspelt", lambda t: ch.load_trade("Heilongjang"), UnknownRegionError, "region",
         "Heilongjang", suggest="Heilongjiang"),
    case("load_trade-aggregate-misspelt", lambda t: ch.load_trade("customs:heihee"), UnknownRegionError, "region",
         "customs:heihee", also=("customs:",)),
    case("load_trade-region-empty", lambda t: ch.load_trade([]), InvalidInputError, "region", []),
    case("load_trade-partner", lambda t: ch.load_trade(partner="Japan"), InvalidInputError, "partner", "Japan"),
    case("load_trade-flow", lambda t: ch.load_trade(flow="export"), InvalidInputError, "flow", "export",
         suggest="exports"),
    case("load_trade-full_year_only", lambda t: ch.load_trade(full_year_only="yes"), InvalidInputError,
         "full_year_only", "yes"),
    case("load_trade-as_of", lambda t: ch.load_trade(as_of="1.1.2020"), InvalidInputError, "as_of", "1.1.2020"),
    case("trade_series-list", lambda t: ch.trade_series(["CN-HL", "CN-JL"]), InvalidInputError, "region",
         ["CN-HL", "CN-JL"]),
    case("trade_series-flow", lambda t: ch.trade_series("CN-HL", flow="import"), InvalidInputError, "flow",
         "import", suggest="imports"),
    case("trade_series-currency", lambda t: ch.trade_series("CN-HL", currency="yuan"), InvalidInputError,
         "currency", "yuan"),
    case("convert_currency-to", lambda t: ch.convert_currency(ch.load_trade().head(1), to="YEN"), InvalidInputError,
         "to", "YEN"),
    case("convert_currency-not-a-frame", lambda t: ch.convert_currency([1, 2]), InvalidInputError, "frame",
         echo="list"),
    case("convert_currency-columns", lambda t: ch.convert_currency(_table()), InvalidInputError, "frame",
         echo="'amount'"),
    case("trade_coverage-pivot", lambda t: ch.trade_coverage(pivot="no"), InvalidInputError, "pivot", "no"),
    case("load_sister_relations-type", lambda t: ch.load_sister_relations(relation_type="twin"), InvalidInputError,
         "relation_type", "twin"),
    case("load_sister_relations-level", lambda t: ch.load_sister_relations(level="town"), InvalidInputError,
         "level", "town"),
    case("load_sister_relations-region", lambda t: ch.load_sister_relations("Tatarstn"), UnknownRegionError,
         "region", "Tatarstn", suggest="Tatarstan"),
    case("load_sister_relations-mechanism", lambda t: ch.load_sister_relations(mechanism="yangtze-volgaa"),
         UnknownMechanismError, "mechanism", "yangtze-volgaa", suggest="yangtze-volga"),
    case("load_zones-kind", lambda t: ch.load_zones("sez"), InvalidInputError, "kind", "sez"),
    case("load_zones-as_of", lambda t: ch.load_zones(as_of="2019-13-01"), InvalidInputError, "as_of",
         "2019-13-01"),
    case("load_investment_statements-metric", lambda t: ch.load_investment_statements("investment"),
         InvalidInputError, "metric", "investment"),
    case("trade_share-region", lambda t: ch.trade_share("Hubey"), UnknownRegionError, "region", "Hubey",
         suggest="Hubei"),
    case("trade_share-no-figures", lambda t: ch.trade_share("Hubei"), InvalidInputError, "region",
         echo="CN-HB", also=("trade_coverage",)),
    case("trade_share-flow", lambda t: ch.trade_share("CN-HL", flow="all"), InvalidInputError, "flow", "all"),
    case("trade_by_region-year", lambda t: ch.trade_by_region(23), InvalidInputError, "year", 23),
    case("trade_by_region-partner", lambda t: ch.trade_by_region(2023, partner="EU"), InvalidInputError, "partner",
         "EU"),
    case("ties_by_mechanism-as_of", lambda t: ch.ties_by_mechanism(as_of="2019/06/17"), InvalidInputError, "as_of",
         "2019/06/17"),
    case("ties_map-zones", lambda t: ch.ties_map(zones="yes"), InvalidInputError, "zones", "yes"),
    case("ties_map-mechanism", lambda t: ch.ties_map("yangtse"), UnknownMechanismError, "mechanism", "yangtse"),
    case("trade_map-year", lambda t: ch.trade_map("2023"), InvalidInputError, "year", "2023"),
    case("trade_map-currency", lambda t: ch.trade_map(2023, currency="GBP"), InvalidInputError, "currency", "GBP"),
    # --- export (issue 12) ----------------------------------------------------------------
    case("export-not-a-frame", lambda t: ch.export("regions", t / "r.csv"), InvalidInputError, "data", "regions"),
    case("export-list-of-rows", lambda t: ch.export([{"code": "CN-HL"}], t / "r.csv"), InvalidInputError,
         "data", [{"code": "CN-HL"}]),
    case("export-unknown-suffix", lambda t: ch.export(_shapes(), t / "r.gpk"), InvalidInputError,
         "path", echo="r.gpk'", suggest=".gpkg"),
    case("export-shapefile", lambda t: ch.export(_shapes(), t / "r.shp"), InvalidInputError,
         "path", echo="r.shp'", also=("10 characters", "'.gpkg'")),
    case("export-no-suffix", lambda t: ch.export(_shapes(), t / "regions"), InvalidInputError,
         "path", echo="regions'", also=("no suffix",)),
    case("export-path-number", lambda t: ch.export(_shapes(), 5), InvalidInputError, "path", 5),
    case("export-wkt-too-long", lambda t: ch.export(ch.load_regions("RU"), t / "r.csv", geometry="wkt"),
         InvalidInputError, "geometry", "wkt", also=("32,767", "RU-KYA", "simplify")),
    case("export-geometry-misspelt", lambda t: ch.export(_shapes(), t / "r.csv", geometry="wtk"), InvalidInputError,
         "geometry", "wtk", suggest="wkt"),
    case("export-wkt-for-gpkg", lambda t: ch.export(_shapes(), t / "r.gpkg", geometry="wkt"), InvalidInputError,
         "geometry", "wkt", also=("'.csv'",)),
    case("export-unwritable-folder", lambda t: _export_unwritable(t / "r.xlsx"), InvalidInputError,
         "path", echo="r.xlsx'", also=("not writable",)),
    case("export-no-crs", lambda t: ch.export(_shapes().set_crs(None, allow_override=True), t / "r.gpkg"),
         InvalidInputError, "data", echo="None", also=("set_crs",)),
    case("export-layer-sources", lambda t: ch.export(_shapes(), t / "r.gpkg", layer="sources"), InvalidInputError,
         "layer", "sources"),
    case("export-sources-license", lambda t: ch.export(_shapes(), t / "r.csv", sources={"name": "x", "license": "MIT"}),
         InvalidInputError, "sources[0]", echo="'license'", also=("'licence'",)),
    case("export-sources-as_of-impossible",
         lambda t: ch.export(_shapes(), t / "r.csv", sources=[{"name": "survey", "as_of": "2019-02-30"}]),
         InvalidInputError, "sources[0]['as_of']", "2019-02-30", also=("February 2019 has 28 days",)),
    # --- cite (issue 12) ------------------------------------------------------------------
    case("cite-format", lambda t: ch.cite("bib"), InvalidInputError, "format", "bib", suggest="bibtex"),
    case("cite-data-not-a-frame", lambda t: ch.cite(data="regions"), InvalidInputError, "data", "regions"),
    case("cite-data-attrs-sources", lambda t: ch.cite(data=_with_sources([5])), InvalidInputError,
         "data.attrs['sources'][0]", 5),
]


def _export_unwritable(path):
    """export into a folder that cannot be written (os.access says no, as for a non-root user)."""
    with mock.patch.object(_io.os, "access", return_value=False):
        return ch.export(ch.load_regions("CN"), path)


def _with_sources(sources):
    frame = _shapes()
    frame.attrs["sources"] = sources
    return frame


def _notebooks(tmp: Path) -> Path:
    """A folder with one small notebook (never executed: the calls above fail before)."""
    folder = tmp / "notebooks"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Test"), nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(nb, folder / "01-test.ipynb")
    return folder


@pytest.mark.parametrize("row", CASES)
def test_bad_input_gets_a_clear_error(row: Case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything written by mistake lands in the scratch folder
    with pytest.raises(row.error) as info:
        row.call(tmp_path)
    err = info.value
    assert isinstance(err, CoophelpersError)
    msg = str(err)
    assert re.search(rf"(?<![\w.]){re.escape(row.param)}(?![\w])", msg), f"parameter {row.param!r} not named: {msg}"
    assert row.echo in msg, f"value {row.echo} not echoed: {msg}"
    assert FIX.search(msg), f"no fix in: {msg}"
    for text in row.also:
        assert text in msg, f"{text!r} missing from: {msg}"
    if row.suggest is not None:
        assert "Did you mean" in msg and row.suggest in msg, f"no suggestion {row.suggest!r} in: {msg}"
    if isinstance(err, ch.UnknownNameError) and row.suggest is not None:
        assert err.suggestions, "the suggestions attribute is empty"
    assert "Traceback" not in msg and "\n" not in msg.strip()


def test_every_public_function_is_in_the_catalogue():
    covered = {p.values[0].id.split("-")[0] for p in CASES}
    covered |= {name for name, _ in RESULT_COPIES}
    public = {name for name in ch._LAZY if name[0].islower()}
    assert public - covered == set()
    assert len(CASES) >= 40


def test_the_catalogue_uses_only_documented_error_classes():
    documented = {
        InvalidInputError, UnknownRegionError, UnknownMechanismError, UnknownCrossingError,
        UnknownPlaceError, NoRouteError, SiteBuildError,
    }
    assert {p.values[0].error for p in CASES} <= documented


# --- results that must not be shared with the cache --------------------------------------------


def _edit_frame(frame):
    frame.iloc[0, frame.columns.get_loc(frame.columns[0])] = "CHANGED"
    return frame


RESULT_COPIES = [
    ("load_mechanisms", lambda: ch.load_mechanisms()),
    ("load_ports", lambda: ch.load_ports()),
    ("load_places", lambda: ch.load_places()),
    ("load_gazetteer", lambda: ch.load_gazetteer()),
    ("default_border_hours", lambda: ch.default_border_hours()),
    ("load_crossings", lambda: ch.load_crossings()),
    ("mechanism_variants", lambda: ch.mechanism_variants()),
    ("load_regions", lambda: ch.load_regions("RU")),
    ("load_trade", lambda: ch.load_trade()),
    ("load_sister_relations", lambda: ch.load_sister_relations()),
    ("load_zones", lambda: ch.load_zones()),
    ("load_investment_statements", lambda: ch.load_investment_statements()),
]


@pytest.mark.parametrize(("name", "get"), RESULT_COPIES, ids=[n for n, _ in RESULT_COPIES])
def test_results_are_copies_a_caller_cannot_corrupt(name, get):
    first = get()
    if isinstance(first, dict):
        key = next(iter(first))
        first[key] = -1.0
        first["made-up"] = 1.0
        again = get()
        assert again[key] != -1.0 and "made-up" not in again
        return
    snapshot = get().copy()
    _edit_frame(first)
    first["added"] = 1
    again = get()
    assert "added" not in again.columns
    assert again.astype(str).equals(snapshot.astype(str))


def test_admin_centre_result_is_a_fresh_tuple():
    lat, lon = ch.admin_centre("Heilongjiang")
    assert ch.admin_centre("Heilongjiang") == (lat, lon)
    assert math.isfinite(lat) and math.isfinite(lon)


# --- the command line -------------------------------------------------------------------------


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coophelpers", *args],
        capture_output=True, text=True, timeout=300, check=False, cwd=cwd,
    )


CLI_CASES = [
    pytest.param(lambda t: ["site", "--out", str(t / "site"), "--notebooks", str(t / "missing")],
                 1, ("notebooks=", "missing", "Fix"), id="notebooks-missing"),
    pytest.param(lambda t: ["site", "--out", str(t / "site"), "--notebooks", str((t / "empty").mkdir() or t / "empty")],
                 1, ("No notebooks", "empty", "Fix"), id="notebooks-empty"),
    pytest.param(lambda t: ["site", "--out", str(_file(t) / "site"), "--notebooks", str(_notebooks(t))],
                 1, ("out=", "is a file, not a folder", "Fix"), id="out-under-a-file"),
    pytest.param(lambda t: ["site", "--out", str(_file(t)), "--notebooks", str(_notebooks(t))],
                 1, ("out=", "not a folder", "Fix"), id="out-is-a-file"),
    pytest.param(lambda t: ["site", "--out", str(_thesis(t)), "--notebooks", str(_notebooks(t))],
                 1, ("out=", "refusing to replace", "Fix"), id="out-not-a-site"),
    pytest.param(lambda t: ["site", "--out", str(t / "site"), "--notebooks", str(_notebooks(t)), "--timeout", "0"],
                 1, ("timeout=0", "Fix"), id="timeout-zero"),
    pytest.param(lambda t: ["site", "--timeout", "ten"], 2, ("--timeout", "'ten'"), id="timeout-not-a-number"),
    pytest.param(lambda t: ["site", "--outt", "x"], 2, ("unrecognized arguments", "--outt"), id="misspelt-option"),
    pytest.param(lambda t: ["sight"], 2, ("invalid choice", "'sight'"), id="misspelt-command"),
    pytest.param(lambda t: ["site", "--out", str(t / "site"), "--notebooks", str(_notebooks(t)),
                            "--kernel", "no-such-kernel"],
                 1, ("01-test.ipynb", "no-such-kernel", "Fix"), id="unknown-kernel"),
]


def _file(t: Path) -> Path:
    path = t / "afile"
    path.write_text("not a folder")
    return path


def _thesis(t: Path) -> Path:
    folder = t / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_text("years of work")
    return folder


@pytest.mark.parametrize(("args", "status", "expected"), CLI_CASES)
def test_command_line_bad_options_exit_non_zero_with_a_clear_message(args, status, expected, tmp_path):
    result = _cli(args(tmp_path), tmp_path)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} missing from: {result.stderr}"
    assert not (tmp_path / "site").exists()
    if (tmp_path / "thesis").exists():
        assert (tmp_path / "thesis" / "chapter1.docx").read_text() == "years of work"
