"""Border crossings between China and Russia: the curated registry.

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
``code_cn``, ``code_ru``   the Chinese province and the Russian subject (``cn_region`` and
                   ``ru_region`` in the file)
``status``         status on ``as_of`` (default today)
``status_latest``  the curated status as of the row's ``as_of`` date
``network_mode``   the transport-network mode of the crossing (:data:`NETWORK_MODE_OF`)
``position_from``  where the point comes from: ``"cn"``, ``"ru"`` or ``"midpoint"``
``lat``, ``lon``   the point
``geometry``       the point: the side with the better position quality, or the midpoint of the
                   two sides when both are equally good (so usually on or near the border)

``sources`` and ``river_modes`` hold several values as tuples. The border line itself and the
gaps between crossings along it are in :mod:`coophelpers.border`.

Each side's position has a quality (:data:`POSITION_QUALITIES`) and a source
(``cn_position_source``, ``ru_position_source``): the URL the coordinates come from, or
``"method: ..."`` stating how the point was derived. ``checkpoint``, ``bridge`` and ``port`` are
points a source gives for the facility itself; ``border_point_by_method`` is the point of the
package's derived border line nearest to a named settlement on the other side or next to the
checkpoint, used where a source places the checkpoint at the border but gives no coordinates;
``settlement_centre`` stands in where neither is available. Points of the first four qualities lie
within :data:`AT_BORDER_KM` of the border line.

Every source the curated files cite (this registry, the mechanism files and the federal-district
files) is described once in ``data/geo/sources.csv``: publisher, title, publication date, kind
(:data:`SOURCE_KINDS`) and as-of date; :func:`load_sources` reads it.

Dates in the registry are ISO dates that may be partial (``YYYY`` or ``YYYY-MM``); a partial date
counts from its first day when a status on a date is computed.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import DataIntegrityError, DataWarning, UnknownCrossingError, warn
from coophelpers._names import NameIndex, check_str, normalise
from coophelpers._validate import (
    check_choice,
    check_choices,
    check_positive_int,
    parse_as_of,
    partial_date,
    renamed_parameters,
    resolve_as_of,
)
from coophelpers.geodesy import ELLIPSOID, inv_km
from coophelpers.regions import admin_centre

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "CROSSING_MODES",
    "KINDS",
    "NETWORK_MODE_OF",
    "POSITION_QUALITIES",
    "RIVER_MODES",
    "SEASONALITIES",
    "SOURCE_KINDS",
    "STATUSES",
    "check_mode_filter",
    "get_crossing",
    "load_crossings",
    "load_sources",
    "nearest_crossings",
]

logger = logging.getLogger(__name__)

#: The curated file, registered in ``data/geo/manifest.json``.
FILENAME = "crossings.csv"
#: Kinds of row: a checkpoint (or a documented absence of one) or a pipeline crossing.
KINDS = ("checkpoint", "pipeline")
#: Modes of crossing; ``none`` marks a documented absence.
CROSSING_MODES = ("rail", "road", "road_bridge", "rail_bridge", "river", "pipeline", "none")
#: The transport-network mode (:data:`coophelpers.network.MODES`) of each crossing mode: bridges
#: carry their road or railway, river crossings (ferry, pontoon, ice road) are ``"ferry"`` links;
#: pipelines and documented absences carry no traffic (None).
NETWORK_MODE_OF: dict[str, str | None] = {
    "rail": "rail", "rail_bridge": "rail", "road": "road", "road_bridge": "road",
    "river": "ferry", "pipeline": None, "none": None,
}
#: Statuses; ``none`` marks a documented absence.
STATUSES = ("operating", "closed", "suspended", "planned", "under_construction", "none")
#: What a river crossing uses, listed in ``river_modes`` separated by " | ".
RIVER_MODES = ("ferry", "pontoon", "ice_road", "hovercraft")
#: Whether a crossing works all year.
SEASONALITIES = ("year_round", "seasonal", "unknown")
#: How well a side's position is known, best first: the checkpoint, bridge or port itself (from a
#: source), a point of the derived border line found by a stated method, a settlement centre standing
#: in, a rough estimate, or no position.
POSITION_QUALITIES = (
    "checkpoint", "bridge", "port", "border_point_by_method", "settlement_centre", "approximate", "unknown",
)
#: Qualities of points that stand for the crossing itself: they lie within AT_BORDER_KM of the
#: derived border line (tested in tests/data/test_crossings_data.py).
AT_BORDER_QUALITIES = ("checkpoint", "bridge", "border_point_by_method")
#: How far (km) a checkpoint, bridge or border_point_by_method point may lie from the derived border
#: line (the line is generalised: rivers are straightened by a few km).
AT_BORDER_KM = 3.0
#: Kinds of source in ``data/geo/sources.csv``: ``official`` (a government body, agency or operator
#: publishing its own information, or an official legal text), ``agency`` (a news agency: Xinhua,
#: TASS, Interfax, RIA, CRI, Sputnik, China News Service, ...), ``newspaper`` (newspapers, broadcasters
#: and news sites with their own reporting), ``academic`` (journals, theses, research reports),
#: ``encyclopedia`` (Wikipedia and other encyclopedias read at their own site), ``gazetteer``
#: (GeoNames place records) and ``secondary`` (mirrors and machine copies of other pages, reposts,
#: aggregators, blogs, forums, user drafts and travel sites: kept only where no original was found).
SOURCE_KINDS = ("official", "agency", "newspaper", "academic", "encyclopedia", "gazetteer", "secondary")
#: The file of sources, registered in ``data/geo/manifest.json``.
SOURCES_FILENAME = "sources.csv"
#: Pipeline products.
PRODUCTS = ("oil", "gas")
#: Default number of crossings returned by :func:`nearest_crossings`.
N_NEAREST = 3
#: Tolerances used by the data validation (documented here, used by the tests): a side may lie up
#: to REGION_TOLERANCE_KM outside its named region (rivers are the boundary and the region
#: geometry is generalised) and must lie within BORDER_TOLERANCE_KM of the border line unless the
#: row states a ``border_exception``; rows with an exception must still lie within
#: EXCEPTION_TOLERANCE_KM of both.
REGION_TOLERANCE_KM = 3.0
BORDER_TOLERANCE_KM = 15.0
EXCEPTION_TOLERANCE_KM = 50.0

_FLOAT_COLUMNS = ("cn_lat", "cn_lon", "ru_lat", "ru_lon")
_METHOD = f"geodesic ({ELLIPSOID})"
#: Columns of the registry that hold several values (" | " in the file, a tuple here).
_LIST_COLUMNS = ("river_modes", "sources")
_MODE_HINTS = {
    mode: f"Did you mean 'river'? ({mode!r} is one of the river_modes of river crossings.)"
    for mode in ("ferry", "pontoon", "ice_road", "hovercraft")
}
_PAREN_RE = re.compile(r"\s*[(（][^)）]*[)）]")



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


def _check_filter(value: Any, choices: tuple[str, ...], *, param: str, what: str) -> tuple[str, ...] | None:
    """None (no filter), or the choices named by one value or a non-empty list of them."""
    if value is None:
        return None
    hints = _MODE_HINTS if choices is CROSSING_MODES else None
    return check_choices(value, choices, param=param, what=what, example=choices[0], hints=hints)


def check_mode_filter(modes: Any, *, param: str = "modes") -> tuple[str, ...] | None:
    """None (every mode), or the crossing modes named by one mode or a list (``'ferry'`` points to ``'river'``)."""
    return _check_filter(modes, CROSSING_MODES, param=param, what="mode")


def _check_n(n: Any) -> int:
    return check_positive_int(n, param="n", example=N_NEAREST)


# --- the registry -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    """The registry as read from disk (text columns as str, coordinates as float).

    :func:`coophelpers.data.read_csv` has checked the file against its schema
    (``coophelpers._schema``): every column is there and every coordinate is a number in range.
    """
    frame = _data.read_csv(FILENAME, dtype=str, keep_default_na=False)
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


@renamed_parameters(mode="modes")
def load_crossings(
    *,
    status: str | Iterable[str] | None = None,
    modes: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """Load the China–Russia border crossings as a GeoDataFrame (one row per crossing).

    Parameters
    ----------
    status
        Keep only crossings with this status (or any of these statuses) on ``as_of``: one of
        :data:`STATUSES`.
    modes
        Keep only crossings of this mode (or modes): one of :data:`CROSSING_MODES`
        (``NETWORK_MODE_OF`` maps them to the transport network's modes). ``mode=`` is the
        deprecated spelling.
    as_of
        A date (``datetime.date`` or ``"YYYY-MM-DD"``): the ``status`` column gives the status
        on that date, derived from the ``opened``, ``closed`` and ``reopened`` dates. A crossing
        not yet opened on that date is ``"planned"``; one whose opening date is not known is
        assumed to exist. Default: today (see :func:`coophelpers.settings.default_as_of`);
        ``status_latest`` keeps the latest curated status.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, ordered along the border from the Mongolian tripoint to the Korean one, then
        the Altai section, then pipelines; columns as described in the module docstring.

    Raises
    ------
    InvalidInputError
        An unknown status or mode (``'ferry'`` points to ``'river'``), or a bad ``as_of``.

    Examples
    --------
    >>> rail = load_crossings(modes=["rail", "rail_bridge"], as_of="2024-01-01")
    >>> rail["id"].tolist()   # along the border, from the Mongolian tripoint to the Korean one
    ['manzhouli-zabaykalsk-rail', 'tongjiang-nizhneleninskoye-rail-bridge', 'suifenhe-grodekovo-rail',
     'hunchun-makhalino-rail']
    >>> [len(load_crossings(status="operating", as_of=date)) for date in ("2021-06-01", "2024-01-01")]
    [16, 20]
    """
    import geopandas as gpd
    from shapely.geometry import Point

    statuses = _check_filter(status, STATUSES, param="status", what="status")
    modes_t = check_mode_filter(modes)
    date = resolve_as_of(as_of, dataset="crossings")

    frame = _table().copy()
    frame.insert(1, "name_en", frame["name_cn_en"] + " – " + frame["name_ru_en"])
    frame["status_latest"] = frame["status"]
    frame["status"] = [_status_on(row, date) for _, row in frame.iterrows()]
    frame["network_mode"] = frame["mode"].map(NETWORK_MODE_OF)
    points = [_point_of(row) for _, row in frame.iterrows()]
    frame["position_from"] = [p[2] for p in points]
    frame["lat"] = [p[0] for p in points]
    frame["lon"] = [p[1] for p in points]
    for col in _LIST_COLUMNS:
        frame[col] = frame[col].map(_data.split_list)
    frame = frame.rename(columns={"cn_region": "code_cn", "ru_region": "code_ru"})
    if statuses is not None:
        frame = frame[frame["status"].isin(statuses)]
    if modes_t is not None:
        frame = frame[frame["mode"].isin(modes_t)]
    geometry = [Point(lon, lat) for lat, lon in zip(frame["lat"], frame["lon"])]
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry=geometry, crs="EPSG:4326")


@lru_cache(maxsize=1)
def _sources_table() -> pd.DataFrame:
    return _data.read_csv(SOURCES_FILENAME, dtype=str, keep_default_na=False)


def load_sources(*, kinds: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The sources cited by the curated registries, one row per source (``data/geo/sources.csv``).

    Parameters
    ----------
    kinds
        Keep only sources of this kind (or kinds): one of :data:`SOURCE_KINDS`.

    Returns
    -------
    pandas.DataFrame
        ``source`` (the text the data files cite: a URL, or a bibliographic reference where no
        URL was found), ``publisher``, ``title`` (a description in square brackets where the source's
        own title is not known), ``published`` (partial ISO date, empty when undated),
        ``source_kind``, ``as_of`` (the date the source speaks for: its publication date, or
        the date it was consulted when undated) and ``note``.

    Raises
    ------
    InvalidInputError
        An unknown kind.

    Examples
    --------
    >>> src = load_sources(kinds="official")
    >>> set(src["source_kind"])
    {'official'}
    """
    chosen = _check_filter(kinds, SOURCE_KINDS, param="kinds", what="source kind")
    frame = _sources_table().copy()
    if chosen is not None:
        frame = frame[frame["source_kind"].isin(chosen)]
    return frame.reset_index(drop=True)


@lru_cache(maxsize=1)
def _name_index() -> NameIndex:
    index = NameIndex(
        quote=True,
        what="crossing",
        error=UnknownCrossingError,
        fix=(
            f"Give a crossing id or a name of either side; load_crossings()['id'] lists the "
            f"{len(_table())} known ids."
        ),
    )
    for row in _table().itertuples(index=False):
        texts = (row.id, row.name_cn_en, row.name_cn_zh, row.name_ru_en, row.name_ru_ru, f"{row.name_cn_en} {row.name_ru_en}")
        # "Manzhouli (rail)" is also found as "Manzhouli" (ambiguous with the road crossing)
        index.add(row.id, [v for text in texts for v in (text, _PAREN_RE.sub("", text))])
    return index


def get_crossing(crossing: str) -> pd.Series:
    """Return one crossing (a row of :func:`load_crossings`) by id or by a name of either side.

    Names are matched ignoring case, spaces and punctuation, in English, Chinese or Russian.

    Parameters
    ----------
    crossing
        An id (``"manzhouli-zabaykalsk-rail"``) or a name (``"Suifenhe"``, ``"绥芬河"``).

    Returns
    -------
    pandas.Series
        The crossing's row, with its status today.

    Raises
    ------
    UnknownCrossingError
        An unknown or ambiguous name; the message lists the nearest or matching ids.

    Examples
    --------
    >>> get_crossing("Забайкальск (ж/д)")["id"]
    'manzhouli-zabaykalsk-rail'
    """
    found = _name_index().resolve(crossing, param="crossing")
    frame = load_crossings()
    return frame[frame["id"] == found].iloc[0]


# --- distances ----------------------------------------------------------------------------


@renamed_parameters(mode="modes")
def nearest_crossings(
    place: str | tuple[float, float],
    *,
    n: int = N_NEAREST,
    modes: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """The ``n`` operating crossings nearest to a place, by geodesic distance.

    Parameters
    ----------
    place
        A name read by the rule of :mod:`coophelpers.places`: a region name or ISO code (its
        administrative centre is used) or any other place (``"Harbin"``, ``"绥芬河"``,
        ``"Zabaykalsk"``); or a ``(lat, lon)`` pair in degrees. See :func:`coophelpers.admin_centre`.
    n
        How many crossings to return (default :data:`N_NEAREST`).
    modes
        Only crossings of this mode or modes. By default every checkpoint mode; pipelines are
        included only when asked for with ``modes="pipeline"``.
    as_of
        Date of the statuses (default today); only crossings operating on that date count.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points, nearest first: ``id``, ``name_en``, ``mode``, ``status``,
        ``code_cn``, ``code_ru``, ``lat``, ``lon``, ``geodesic_km`` (WGS84, from the place to
        the crossing point), ``method`` and ``geometry``.

    Raises
    ------
    UnknownPlaceError
        An unknown or ambiguous name (also an ``UnknownRegionError``).
    InvalidInputError
        A bad point, ``n``, mode or ``as_of``.

    Warns
    -----
    DataWarning
        No operating crossing matches (an empty table is returned).

    Examples
    --------
    >>> nearest_crossings("Jilin", n=2, as_of="2024-01-01")[["id", "geodesic_km"]].to_numpy().tolist()
    [['hunchun-makhalino-rail', 423.1], ['hunchun-kraskino-road', 442.2]]
    >>> nearest_crossings("Забайкальск", n=2, as_of="2024-01-01")[["id", "geodesic_km"]].to_numpy().tolist()
    [['manzhouli-zabaykalsk-road', 0.0], ['manzhouli-zabaykalsk-rail', 4.8]]
    """
    import geopandas as gpd

    n = _check_n(n)
    modes_t = check_mode_filter(modes)
    lat, lon = admin_centre(place)
    crossings = load_crossings(status="operating", as_of=as_of)
    if modes_t is None:
        crossings = crossings[(crossings["kind"] == "checkpoint") & (crossings["mode"] != "none")]
    else:
        crossings = crossings[crossings["mode"].isin(modes_t)]
    columns = ["id", "name_en", "mode", "status", "code_cn", "code_ru", "lat", "lon", "geometry"]
    result = crossings[columns].copy()
    if result.empty:
        warn(f"No operating crossing matches modes={modes!r} on as_of={as_of!r}; returning an empty table.", DataWarning)
    dist = inv_km([lat] * len(result), [lon] * len(result), result["lat"], result["lon"])
    result.insert(8, "geodesic_km", [round(float(d), 1) for d in dist])
    result.insert(9, "method", _METHOD)
    result = result.sort_values(["geodesic_km", "id"]).head(n).reset_index(drop=True)
    return gpd.GeoDataFrame(result, geometry="geometry", crs="EPSG:4326")
