"""Border crossings between China and Russia, and the border line itself.

The crossings come from ``data/geo/crossings.csv``, a hand-curated registry with one row per
crossing point: road and rail checkpoints, bridges, river crossings (ferry, pontoon, ice road,
hovercraft), oil and gas pipeline crossings (``kind="pipeline"``), and one documented absence (the
Altai section, ``mode="none"``, ``status="none"``). Every row names both sides in their languages,
the Chinese province and the Russian federal subject (ISO 3166-2), the mode, gauge change,
seasonality, status with its dates, the position of each side with its quality, its sources, an
as-of date and a confidence mark (H/M/L).

:func:`load_crossings` returns a GeoDataFrame in EPSG:4326 with the CSV columns (coordinates as
floats) plus

``name_en``        ``"<Chinese side> – <Russian side>"``
``status``         status on ``as_of`` (the curated, latest status when ``as_of`` is None)
``status_latest``  the curated status as of the row's ``as_of`` date
``position_from``  where the point comes from: ``"cn"``, ``"ru"`` or ``"midpoint"``
``lat``, ``lon``   the point
``geometry``       the point: the side with the better position quality, or the midpoint of the
                   two sides when both are equally good (so usually on or near the border)

The border line is derived, not curated: :func:`border_line` takes the shared boundary of the
Chinese provincial units and the Russian federal subjects in the full-detail region geometry
(:func:`coophelpers.regions.load_regions`) and measures it on the WGS84 ellipsoid.

Dates in the registry are ISO dates that may be partial (``YYYY`` or ``YYYY-MM``); a partial date
counts from its first day when a status on a date is computed.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import re
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import DataIntegrityError, InvalidInputError, UnknownCrossingError
from coophelpers._names import normalise
from coophelpers._validate import (
    check_choice,
    check_map,
    check_positive_int,
    check_str,
    parse_as_of,
    partial_date,
    suggest,
)

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import LineString

__all__ = [
    "KINDS",
    "MODES",
    "POSITION_QUALITIES",
    "RIVER_MODES",
    "SEASONALITIES",
    "SECTIONS",
    "STATUSES",
    "border_line",
    "crossing_gaps",
    "crossings_map",
    "get_crossing",
    "load_crossings",
    "nearest_crossings",
]

logger = logging.getLogger(__name__)

#: The curated file, registered in ``data/geo/manifest.json``.
FILENAME = "crossings.csv"
#: Kinds of row: a checkpoint (or a documented absence of one) or a pipeline crossing.
KINDS = ("checkpoint", "pipeline")
#: Modes of crossing; ``none`` marks a documented absence.
MODES = ("rail", "road", "road_bridge", "rail_bridge", "river", "pipeline", "none")
#: Statuses; ``none`` marks a documented absence.
STATUSES = ("operating", "closed", "suspended", "planned", "under_construction", "none")
#: What a river crossing uses, listed in ``river_modes`` separated by " | ".
RIVER_MODES = ("ferry", "pontoon", "ice_road", "hovercraft")
#: Whether a crossing works all year.
SEASONALITIES = ("year_round", "seasonal", "unknown")
#: How well a side's position is known, best first.
POSITION_QUALITIES = ("checkpoint", "settlement_centre", "approximate", "unknown")
#: Pipeline products.
PRODUCTS = ("oil", "gas")
#: Sections of the border: east (Mongolia to North Korea) and west (Altai, Kazakhstan to Mongolia).
SECTIONS = ("east", "west")
#: Published lengths in km: eastern section (joint estimate 1999), western section, whole border.
PUBLISHED_LENGTH_KM = {"east": 4195.0, "west": 54.57, "total": 4209.3}
#: Longitude that separates the western (Altai) section from the eastern one.
_SECTION_SPLIT_LON = 100.0
#: Default number of crossings returned by :func:`nearest_crossings`.
N_NEAREST = 3
#: Crossings closer than this along the border line count as one place in :func:`crossing_gaps`.
CO_LOCATED_KM = 2.0
#: Tolerances used by the data validation (documented here, used by the tests): a side may lie up
#: to REGION_TOLERANCE_KM outside its named region (rivers are the boundary and the region
#: geometry is generalised) and must lie within BORDER_TOLERANCE_KM of the border line unless the
#: row states a ``border_exception``; rows with an exception must still lie within
#: EXCEPTION_TOLERANCE_KM of both.
REGION_TOLERANCE_KM = 3.0
BORDER_TOLERANCE_KM = 15.0
EXCEPTION_TOLERANCE_KM = 50.0

_SECTION_ALIASES = {"eastern": "east", "western": "west", "altai": "west"}
_SECTION_NAMES = {
    "east": ("Eastern section (Mongolia to North Korea)", "东段", "восточный участок"),
    "west": ("Western section (Altai)", "西段（阿尔泰）", "западный участок (Алтай)"),
}
_SECTION_ENDS = {
    "east": ("China–Mongolia–Russia tripoint (east)", "China–North Korea–Russia tripoint"),
    "west": ("China–Kazakhstan–Russia tripoint", "China–Mongolia–Russia tripoint (west)"),
}
_FLOAT_COLUMNS = ("cn_lat", "cn_lon", "ru_lat", "ru_lon")
_REQUIRED_COLUMNS = (
    "id", "name_cn_en", "name_cn_zh", "name_ru_en", "name_ru_ru", "cn_region", "ru_region", "kind",
    "mode", "river_modes", "product", "gauge_change", "seasonality", "status", "opened", "closed",
    "reopened", "planned", *_FLOAT_COLUMNS, "cn_position_quality", "ru_position_quality",
    "border_exception", "sources", "as_of", "confidence", "note",
)
_METHOD = "geodesic (WGS84)"
_PAREN_RE = re.compile(r"\s*[(（][^)）]*[)）]")

#: Map styling: one colour per mode, fill opacity and outline dash per status.
MODE_COLOURS = {
    "rail": "#8e44ad",
    "rail_bridge": "#5b2c6f",
    "road": "#d35400",
    "road_bridge": "#a04000",
    "river": "#2e86c1",
    "pipeline": "#1e8449",
    "none": "#7f8c8d",
}
MODE_LABELS = {
    "rail": "Rail",
    "rail_bridge": "Rail bridge",
    "road": "Road",
    "road_bridge": "Road bridge",
    "river": "River (ferry, pontoon, ice road, hovercraft)",
    "pipeline": "Pipeline (oil, gas)",
    "none": "No crossing (documented absence)",
}
_STATUS_STYLE = {  # fill opacity, dash array, legend label, legend colour
    "operating": (0.9, None, "Operating (filled)", "#34495e"),
    "suspended": (0.25, None, "Suspended or closed (pale)", "#c8ced3"),
    "closed": (0.25, None, "Suspended or closed (pale)", "#c8ced3"),
    "planned": (0.0, "3 3", "Planned or under construction (dashed ring)", "#34495e"),
    "under_construction": (0.0, "3 3", "Planned or under construction (dashed ring)", "#34495e"),
    "none": (0.0, "1 4", "Documented absence (dotted ring)", "#7f8c8d"),
}
BORDER_COLOUR = "#17202a"


# --- small helpers ------------------------------------------------------------------------


def _status_on(row: Any, date: _dt.date) -> str:
    """Status of one registry row on ``date``, derived from its dates and latest status."""
    latest = row["status"]
    if latest == "none":
        return "none"
    opened = partial_date(row["opened"])
    closed = partial_date(row["closed"])
    reopened = partial_date(row["reopened"])
    if opened is None and latest in ("planned", "under_construction"):
        return latest
    if opened is not None and date < opened:
        return "planned"
    # An unknown opening date: the crossing is assumed to exist on any date asked about.
    if closed is not None and closed <= date and (reopened is None or date < reopened):
        return latest if latest in ("closed", "suspended") else "suspended"
    if closed is None and latest in ("closed", "suspended"):
        return latest  # closed at an unknown date
    return "operating"


def _choice(item: Any, choices: tuple[str, ...], *, param: str, what: str) -> str:
    """One filter value; a river mode given as a crossing mode ('ferry') points to 'river'."""
    if choices is MODES and isinstance(item, str) and normalise(item) in {normalise(r) for r in RIVER_MODES}:
        listed = ", ".join(repr(c) for c in choices)
        msg = (
            f"Unknown mode {item!r} for {param}. Did you mean 'river'? ({item!r} is one of the "
            f"river_modes of river crossings.) Choose one of {listed}."
        )
        raise InvalidInputError(msg)
    return check_choice(item, choices, param=param, what=what)


def _choices(value: Any, choices: tuple[str, ...], *, param: str, what: str) -> list[str] | None:
    """Validate a filter that is None, one choice, or an iterable of choices."""
    if value is None:
        return None
    if isinstance(value, str):
        return [_choice(value, choices, param=param, what=what)]
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        items = list(value)
        if not items:
            msg = (
                f"{param} must name at least one {what}, got an empty {type(value).__name__} "
                f"{value!r}. Give e.g. {param}={choices[0]!r}, or None for every {what}."
            )
            raise InvalidInputError(msg)
        return [_choice(item, choices, param=param, what=what) for item in items]
    listed = ", ".join(repr(c) for c in choices)
    msg = (
        f"{param} must be None, a string or a list of strings, got {type(value).__name__} "
        f"{value!r}. Choose from {listed}."
    )
    raise InvalidInputError(msg)


def _check_n(n: Any) -> int:
    return check_positive_int(n, param="n", example=N_NEAREST)


def _check_section(section: Any) -> str:
    check_str(section, param="section", fix="Give 'east' or 'west'.")
    key = normalise(section)
    for alias, target in _SECTION_ALIASES.items():
        if key == normalise(alias):
            return target
    return check_choice(section, SECTIONS, param="section", what="border section")


# --- the registry -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    """The registry as read from disk (text columns as str, coordinates as float)."""
    frame = _data.read_csv(FILENAME, dtype=str, keep_default_na=False)
    missing = [col for col in _REQUIRED_COLUMNS if col not in frame.columns]
    if missing:
        msg = (
            f"{FILENAME} lacks the columns {missing}. Restore the file from the repository or "
            f"reinstall coophelpers."
        )
        raise DataIntegrityError(msg)
    for col in _FLOAT_COLUMNS:
        frame[col] = [float(v) if v else math.nan for v in frame[col]]
    return frame


@lru_cache(maxsize=1)
def _earliest_date() -> _dt.date:
    """The first day the registry records anything on (its earliest opening or closure)."""
    dates = [
        partial_date(text)
        for col in ("opened", "closed", "reopened")
        for text in _table()[col]
        if text
    ]
    return min(d for d in dates if d is not None)


def _parse_as_of(as_of: Any) -> _dt.date | None:
    earliest = _earliest_date()
    return parse_as_of(
        as_of,
        earliest=earliest,
        earliest_note=f"the registry's first recorded opening, {earliest.year}",
    )


def _quality_rank(quality: str) -> int:
    try:
        return len(POSITION_QUALITIES) - POSITION_QUALITIES.index(quality)
    except ValueError:
        return 0


def _point_of(row: Any) -> tuple[float, float, str]:
    """``(lat, lon, from)`` of a row: the better-known side, or the midpoint of equal sides."""
    has_cn = not (math.isnan(row["cn_lat"]) or math.isnan(row["cn_lon"]))
    has_ru = not (math.isnan(row["ru_lat"]) or math.isnan(row["ru_lon"]))
    if has_cn and has_ru:
        cn_rank = _quality_rank(row["cn_position_quality"])
        ru_rank = _quality_rank(row["ru_position_quality"])
        if cn_rank == ru_rank:
            lat = (row["cn_lat"] + row["ru_lat"]) / 2
            lon = (row["cn_lon"] + row["ru_lon"]) / 2
            return lat, lon, "midpoint"
        side = "cn" if cn_rank > ru_rank else "ru"
        return row[f"{side}_lat"], row[f"{side}_lon"], side
    if has_cn:
        return row["cn_lat"], row["cn_lon"], "cn"
    if has_ru:
        return row["ru_lat"], row["ru_lon"], "ru"
    msg = f"Crossing {row['id']!r} in {FILENAME} has no position on either side."
    raise DataIntegrityError(msg)


def load_crossings(
    *,
    status: str | Iterable[str] | None = None,
    mode: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """Load the China–Russia border crossings as a GeoDataFrame (one row per crossing).

    Parameters
    ----------
    status
        Keep only crossings with this status (or any of these statuses) on ``as_of``: one of
        :data:`STATUSES`.
    mode
        Keep only crossings of this mode (or modes): one of :data:`MODES`.
    as_of
        A date (``datetime.date`` or ``"YYYY-MM-DD"``): the ``status`` column then gives the
        status on that date, derived from the ``opened``, ``closed`` and ``reopened`` dates.
        A crossing not yet opened on that date is ``"planned"``; one whose opening date is not
        known is assumed to exist. Default: the latest curated status.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, ordered along the border from the Mongolian tripoint to the Korean one, then
        the Altai section, then pipelines; columns as described in the module docstring.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    statuses = _choices(status, STATUSES, param="status", what="status")
    modes = _choices(mode, MODES, param="mode", what="mode")
    date = _parse_as_of(as_of)

    frame = _table().copy()
    frame.insert(1, "name_en", frame["name_cn_en"] + " – " + frame["name_ru_en"])
    frame["status_latest"] = frame["status"]
    if date is not None:
        frame["status"] = [_status_on(row, date) for _, row in frame.iterrows()]
    points = [_point_of(row) for _, row in frame.iterrows()]
    frame["position_from"] = [p[2] for p in points]
    frame["lat"] = [p[0] for p in points]
    frame["lon"] = [p[1] for p in points]
    if statuses is not None:
        frame = frame[frame["status"].isin(statuses)]
    if modes is not None:
        frame = frame[frame["mode"].isin(modes)]
    geometry = [Point(lon, lat) for lat, lon in zip(frame["lat"], frame["lon"])]
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry=geometry, crs="EPSG:4326")


@lru_cache(maxsize=1)
def _name_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for row in _table().itertuples(index=False):
        for text in (
            row.id,
            row.name_cn_en,
            row.name_cn_zh,
            row.name_ru_en,
            row.name_ru_ru,
            f"{row.name_cn_en} {row.name_ru_en}",
        ):
            # "Manzhouli (rail)" is also found as "Manzhouli" (ambiguous with the road crossing)
            for variant in {text, _PAREN_RE.sub("", text)}:
                key = normalise(variant)
                if key:
                    index.setdefault(key, set()).add(row.id)
    return index


def get_crossing(crossing: str) -> pd.Series:
    """Return one crossing (a row of :func:`load_crossings`) by id or by a name of either side.

    Names are matched ignoring case, spaces and punctuation, in English, Chinese or Russian.
    An unknown or ambiguous name raises :class:`~coophelpers.UnknownCrossingError` listing the
    nearest ids.
    """
    check_str(crossing, param="crossing", fix="Give a crossing id or name such as 'manzhouli-zabaykalsk-rail' or 'Suifenhe'.")
    ids = _name_index().get(normalise(crossing), set())
    if len(ids) == 1:
        (found,) = ids
        frame = load_crossings()
        return frame[frame["id"] == found].iloc[0]
    if len(ids) > 1:
        listed = sorted(ids)
        msg = (
            f"Crossing name {crossing!r} for crossing matches {len(listed)} crossings: "
            f"{', '.join(repr(i) for i in listed)}. Pass one of these ids."
        )
        raise UnknownCrossingError(msg, listed)
    known = list(_table()["id"]) + [
        name for col in ("name_cn_en", "name_ru_en", "name_cn_zh", "name_ru_ru") for name in _table()[col]
    ]
    near = suggest(crossing, known)
    near_ids: list[str] = []
    for name in near:
        for cid in sorted(_name_index().get(normalise(name), ())):
            if cid not in near_ids:
                near_ids.append(cid)
    hint = f" Did you mean {', '.join(repr(i) for i in near_ids[:3])}?" if near_ids else ""
    msg = (
        f"Unknown crossing {crossing!r} for crossing.{hint} Give a crossing id or a name of "
        f"either side; load_crossings()['id'] lists the {len(_table())} known ids."
    )
    raise UnknownCrossingError(msg, near_ids[:3])


# --- the border line ----------------------------------------------------------------------


def _order_pieces(pieces: list[LineString]) -> LineString:
    """Join line pieces into one line, greedily by nearest endpoints (gaps are bridged)."""
    from shapely.geometry import LineString

    remaining = sorted(pieces, key=lambda p: min(p.coords[0][0], p.coords[-1][0]))
    first = remaining.pop(0)
    coords = list(first.coords)
    if coords[-1][0] < coords[0][0]:
        coords.reverse()
    while remaining:
        end = coords[-1]
        best, flip, best_d = 0, False, math.inf
        for i, piece in enumerate(remaining):
            for reverse, point in ((False, piece.coords[0]), (True, piece.coords[-1])):
                d = math.hypot(point[0] - end[0], point[1] - end[1])
                if d < best_d:
                    best, flip, best_d = i, reverse, d
        nxt = list(remaining.pop(best).coords)
        if flip:
            nxt.reverse()
        coords.extend(nxt[1:] if nxt[0] == end else nxt)
    return LineString(coords)


@lru_cache(maxsize=1)
def _border() -> dict[str, dict[str, Any]]:
    """Per section: the line (west to east end first), its geodesic length and adjacent units."""
    from pyproj import Geod
    from shapely.geometry import LineString, MultiLineString
    from shapely.ops import linemerge, unary_union

    from coophelpers.regions import load_regions

    regions = load_regions(detail="full")
    cn = regions[regions["country"] == "CN"]
    ru = regions[regions["country"] == "RU"]
    shared = unary_union(list(cn.geometry)).boundary.intersection(unary_union(list(ru.geometry)).boundary)
    lines = [g for g in getattr(shared, "geoms", [shared]) if isinstance(g, (LineString, MultiLineString))]
    merged = linemerge(unary_union(lines))
    pieces = list(getattr(merged, "geoms", [merged]))
    geod = Geod(ellps="WGS84")
    out: dict[str, dict[str, Any]] = {}
    for section in SECTIONS:
        part = [
            p for p in pieces
            if (p.centroid.x >= _SECTION_SPLIT_LON) == (section == "east") and p.length > 0
        ]
        if not part:
            msg = "The region geometry has no shared China–Russia boundary; check regions_full.parquet."
            raise DataIntegrityError(msg)
        line = _order_pieces(part)
        touching = {}
        for units in (cn, ru):
            for code, geom in zip(units["code"], units.geometry):
                if geom.boundary.intersection(line).length > 0:
                    touching[code] = True
        out[section] = {
            "line": line,
            "length_km": geod.geometry_length(line) / 1000,
            "cn_regions": sorted(c for c in touching if c.startswith("CN-")),
            "ru_regions": sorted(c for c in touching if c.startswith("RU-")),
            "pieces": len(part),
        }
    return out


def border_line(*, section: str | None = None) -> gpd.GeoDataFrame:
    """The China–Russia border derived from the region geometry, one row per section.

    The line is the boundary shared by the Chinese provincial units and the Russian federal
    subjects in the full-detail region geometry (Natural Earth 10m admin-1), ordered from its
    western end. Its length is measured on the WGS84 ellipsoid (:class:`pyproj.Geod`) and is
    shorter than the published figures because generalised geometry cuts the river meanders.

    Parameters
    ----------
    section
        ``"east"`` (Mongolia to North Korea) or ``"west"`` (the Altai section; ``"altai"`` works
        too); default both.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 with ``section``, ``name_en``, ``name_zh``, ``name_ru``, ``length_km``,
        ``published_length_km``, ``length_ratio``, ``cn_regions``, ``ru_regions`` (ISO codes
        separated by " | "), ``start``, ``end`` (the tripoints at each end), ``method`` and the
        line ``geometry``.
    """
    import geopandas as gpd

    sections = SECTIONS if section is None else (_check_section(section),)
    parts = _border()
    rows = []
    for sec in sections:
        info = parts[sec]
        en, zh, ru = _SECTION_NAMES[sec]
        rows.append(
            {
                "section": sec,
                "name_en": en,
                "name_zh": zh,
                "name_ru": ru,
                "length_km": round(info["length_km"], 1),
                "published_length_km": PUBLISHED_LENGTH_KM[sec],
                "length_ratio": round(info["length_km"] / PUBLISHED_LENGTH_KM[sec], 3),
                "cn_regions": " | ".join(info["cn_regions"]),
                "ru_regions": " | ".join(info["ru_regions"]),
                "start": _SECTION_ENDS[sec][0],
                "end": _SECTION_ENDS[sec][1],
                "method": f"{_METHOD} length of the shared boundary in Natural Earth 10m admin-1",
                "geometry": info["line"],
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _chainage_km(line: LineString, lats: Iterable[float], lons: Iterable[float]) -> list[tuple[float, float]]:
    """For each point: (km along ``line`` from its start, geodesic km from the line)."""
    import numpy as np
    from pyproj import Geod
    from shapely.geometry import LineString, Point

    geod = Geod(ellps="WGS84")
    coords = np.asarray(line.coords)
    # Locate points in a plane where a degree of longitude is shortened as at the line's latitude.
    scale = math.cos(math.radians(float(coords[:, 1].mean())))
    plane = LineString(np.column_stack([coords[:, 0] * scale, coords[:, 1]]))
    seg_plane = np.hypot(np.diff(coords[:, 0]) * scale, np.diff(coords[:, 1]))
    cum_plane = np.concatenate([[0.0], np.cumsum(seg_plane)])
    seg_km = geod.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2] / 1000
    cum_km = np.concatenate([[0.0], np.cumsum(seg_km)])
    out = []
    for lat, lon in zip(lats, lons):
        d = plane.project(Point(lon * scale, lat))
        i = int(np.clip(np.searchsorted(cum_plane, d, side="right") - 1, 0, len(seg_km) - 1))
        frac = 0.0 if seg_plane[i] == 0 else min(max((d - cum_plane[i]) / seg_plane[i], 0.0), 1.0)
        along = float(cum_km[i] + frac * seg_km[i])
        x = coords[i, 0] + frac * (coords[i + 1, 0] - coords[i, 0])
        y = coords[i, 1] + frac * (coords[i + 1, 1] - coords[i, 1])
        off = float(geod.inv(lon, lat, x, y)[2] / 1000)
        out.append((along, off))
    return out


def crossing_gaps(
    *,
    section: str = "east",
    mode: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> pd.DataFrame:
    """Distances along the border line between consecutive operating crossings.

    Each operating checkpoint (pipelines and the documented absence left out) is placed at its
    nearest point on :func:`border_line`; crossings within :data:`CO_LOCATED_KM` of each other
    along the line count as one place. The first row starts at the section's western tripoint and
    the last ends at its eastern one.

    Parameters
    ----------
    section
        ``"east"`` (default) or ``"west"``.
    mode
        Count only crossings of this mode or modes (default every checkpoint mode).
    as_of
        Date of the statuses (default: the latest curated status).

    Returns
    -------
    pandas.DataFrame
        ``from_name``, ``to_name``, ``from_ids``, ``to_ids`` (ids separated by " | "),
        ``from_km``, ``to_km`` (km along the line from its western end), ``gap_km`` and
        ``method`` (geodesic along the derived border line), in order along the border.
    """
    import pandas as pd

    sec = _check_section(section)
    modes = _choices(mode, MODES, param="mode", what="mode")
    crossings = load_crossings(status="operating", as_of=as_of)
    crossings = crossings[(crossings["kind"] == "checkpoint") & (crossings["mode"] != "none")]
    if modes is not None:
        crossings = crossings[crossings["mode"].isin(modes)]
    info = _border()[sec]
    line = info["line"]
    places: list[dict[str, Any]] = []
    if not crossings.empty:
        chain = _chainage_km(line, crossings["lat"], crossings["lon"])
        on_section = [
            (along, row)
            for (along, off), (_, row) in zip(chain, crossings.iterrows())
            if off <= EXCEPTION_TOLERANCE_KM
        ]
        for along, row in sorted(on_section, key=lambda item: item[0]):
            if places and along - places[-1]["km"] <= CO_LOCATED_KM:
                places[-1]["ids"].append(row["id"])
                if row["name_en"] not in places[-1]["names"]:
                    places[-1]["names"].append(row["name_en"])
                continue
            places.append({"km": along, "ids": [row["id"]], "names": [row["name_en"]]})
    start, end = _SECTION_ENDS[sec]
    nodes = [{"km": 0.0, "ids": [], "names": [start]}, *places, {"km": info["length_km"], "ids": [], "names": [end]}]
    rows = [
        {
            "from_name": " / ".join(a["names"]),
            "to_name": " / ".join(b["names"]),
            "from_ids": " | ".join(a["ids"]),
            "to_ids": " | ".join(b["ids"]),
            "from_km": round(a["km"], 1),
            "to_km": round(b["km"], 1),
            "gap_km": round(b["km"] - a["km"], 1),
            "method": f"{_METHOD} along the derived border line",
        }
        for a, b in zip(nodes[:-1], nodes[1:])
    ]
    return pd.DataFrame(rows)


# --- distances ----------------------------------------------------------------------------


def nearest_crossings(
    place: str | tuple[float, float],
    *,
    n: int = N_NEAREST,
    mode: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> pd.DataFrame:
    """The ``n`` operating crossings nearest to a place, by geodesic distance.

    Parameters
    ----------
    place
        A region name or ISO code (its administrative centre is used, see
        :func:`coophelpers.regions.admin_centre`) or a ``(lat, lon)`` pair in degrees.
    n
        How many crossings to return (default :data:`N_NEAREST`).
    mode
        Only crossings of this mode or modes. By default every checkpoint mode; pipelines are
        included only when asked for with ``mode="pipeline"``.
    as_of
        Date of the statuses (default: the latest curated status); only crossings operating on
        that date are considered.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name_en``, ``mode``, ``status``, ``cn_region``, ``ru_region``, ``lat``, ``lon``,
        ``dist_km`` (geodesic, WGS84, from the place to the crossing point) and ``method``,
        nearest first.
    """
    from pyproj import Geod

    from coophelpers.regions import admin_centre

    n = _check_n(n)
    modes = _choices(mode, MODES, param="mode", what="mode")
    lat, lon = admin_centre(place)
    crossings = load_crossings(status="operating", as_of=as_of)
    if modes is None:
        crossings = crossings[(crossings["kind"] == "checkpoint") & (crossings["mode"] != "none")]
    else:
        crossings = crossings[crossings["mode"].isin(modes)]
    columns = ["id", "name_en", "mode", "status", "cn_region", "ru_region", "lat", "lon"]
    result = crossings[columns].copy()
    if result.empty:
        warnings.warn(
            f"No operating crossing matches mode={mode!r} on as_of={as_of!r}; returning an empty table.",
            UserWarning,
            stacklevel=2,
        )
        result["dist_km"] = []
        result["method"] = []
        return result.reset_index(drop=True)
    geod = Geod(ellps="WGS84")
    count = len(result)
    dist = geod.inv([lon] * count, [lat] * count, list(result["lon"]), list(result["lat"]))[2]
    result["dist_km"] = [round(float(d) / 1000, 1) for d in dist]
    result["method"] = _METHOD
    return result.sort_values(["dist_km", "id"]).head(n).reset_index(drop=True)


# --- the map ------------------------------------------------------------------------------


def _tooltip_pairs(row: Any) -> list[tuple[str, str]]:
    mode = MODE_LABELS.get(row["mode"], row["mode"])
    if row["river_modes"]:
        mode = f"{mode}: {row['river_modes']}"
    if row["product"]:
        mode = f"{mode}: {row['product']}"
    if row["gauge_change"]:
        mode = f"{mode}; gauge {row['gauge_change']} mm"
    status = row["status"]
    if status != row["status_latest"]:
        status = f"{status} (latest: {row['status_latest']})"
    pairs = [
        ("English", row["name_en"]),
        ("中文", row["name_cn_zh"]),
        ("Русский", row["name_ru_ru"]),
        ("Regions", f"{row['cn_region']} / {row['ru_region']}"),
        ("Mode", mode),
        ("Status", status),
        ("Seasonality", row["seasonality"]),
    ]
    for label, col in (("Opened", "opened"), ("Closed", "closed"), ("Reopened", "reopened"), ("Planned", "planned")):
        if row[col]:
            pairs.append((label, row[col]))
    pairs += [
        ("Position", f"CN {row['cn_position_quality']}, RU {row['ru_position_quality']} (point: {row['position_from']})"),
        ("Sources", row["sources"]),
        ("As of", f"{row['as_of']} (confidence {row['confidence']})"),
    ]
    return pairs


def crossings_map(
    *,
    status: str | Iterable[str] | None = None,
    mode: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
    m: folium.Map | None = None,
) -> folium.Map:
    """Map the crossings (circle markers styled by mode and status) and the border line.

    Parameters
    ----------
    status, mode, as_of
        As for :func:`load_crossings`.
    m
        A map to draw on; default a new :func:`coophelpers.maps.base_map` fitted to the border.

    Returns
    -------
    folium.Map
        With one circle marker per crossing (class ``coop-crossing``), trilingual tooltips with
        dates and sources, the derived border line and a legend.
    """
    import folium

    from coophelpers import maps

    check_map(m)
    crossings = load_crossings(status=status, mode=mode, as_of=as_of)
    border = border_line()
    if m is None:
        minx, miny, maxx, maxy = border.total_bounds
        m = maps.base_map(bounds=[[miny - 2, minx - 1], [maxy + 1, maxx + 3]])

    line_group = folium.FeatureGroup(name="China–Russia border (derived)", show=True)
    for _, sec in border.iterrows():
        coords = [(y, x) for x, y in sec.geometry.coords]
        folium.PolyLine(
            coords,
            color=BORDER_COLOUR,
            weight=2,
            opacity=0.8,
            class_name="coop-border-line",
            tooltip=folium.Tooltip(
                maps.tooltip_html(
                    [
                        ("English", sec["name_en"]),
                        ("中文", sec["name_zh"]),
                        ("Русский", sec["name_ru"]),
                        ("Length", f"{sec['length_km']:,.1f} km (published {sec['published_length_km']:,} km)"),
                        ("Method", sec["method"]),
                    ]
                )
            ),
        ).add_to(line_group)
    line_group.add_to(m)

    marker_group = folium.FeatureGroup(name="Border crossings", show=True)
    for _, row in crossings.iterrows():
        fill_opacity, dash, _label, _colour = _STATUS_STYLE[row["status"]]
        colour = MODE_COLOURS[row["mode"]]
        folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=7 if row["kind"] == "checkpoint" else 5,
            color=colour,
            weight=2,
            fill=True,
            fill_color=colour,
            fill_opacity=fill_opacity,
            dash_array=dash,
            class_name=f"coop-crossing coop-mode-{row['mode']} coop-status-{row['status']}",
            tooltip=folium.Tooltip(maps.tooltip_html(_tooltip_pairs(row))),
        ).add_to(marker_group)
    marker_group.add_to(m)

    items: list[tuple[str, str, str]] = [
        (MODE_LABELS[mode_], MODE_COLOURS[mode_], "circle") for mode_ in MODES if mode_ in set(crossings["mode"])
    ]
    seen: set[str] = set()
    for st in STATUSES:
        _opacity, dash, label, colour = _STATUS_STYLE[st]
        if st in set(crossings["status"]) and label not in seen:
            seen.add(label)
            items.append((label, colour, "circle" if dash is None else "dashed"))
    items.append(("Border line (derived from region geometry)", BORDER_COLOUR, "line"))
    title = "China–Russia border crossings" + (f" on {_parse_as_of(as_of)}" if as_of is not None else "")
    # top left lies over Mongolia and Kazakhstan; the dense south-east end stays clear
    maps.add_legend(m, title, items, position="topleft")
    maps.add_source(
        m,
        "China–Russia border crossings (coophelpers registry, data/geo/crossings.csv)",
        licence="CC BY 4.0; settlement positions from GeoNames (CC BY 4.0)",
        as_of=_data.manifest()["files"][FILENAME].get("as_of"),
        note="Each crossing cites its own sources and as-of date (see the tooltips).",
    )
    maps.add_source(
        m,
        "Border line derived from Natural Earth 10m admin-1 (shared China–Russia boundary)",
        licence="public domain",
        note="Generalised: shorter than the published 4,209.3 km.",
    )
    return m
