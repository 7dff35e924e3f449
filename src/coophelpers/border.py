"""The China–Russia border line, derived from the region geometry, and the gaps between crossings.

The border line is derived, not curated: :func:`border_line` takes the boundary shared by the
Chinese provincial units and the Russian federal subjects in the full-detail region geometry
(:func:`coophelpers.load_regions`) and measures it on the WGS84 ellipsoid; it is shorter than the
published 4,209.3 km because the generalised geometry cuts the river meanders. The published
figures (:data:`PUBLISHED_LENGTH_KM`) come from different dates and do not add up; see
:data:`PUBLISHED_LENGTH_NOTES`.
:func:`crossing_gaps` places the operating crossings (:mod:`coophelpers.crossings`) along it.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers._errors import DataIntegrityError
from coophelpers._names import check_str, normalise
from coophelpers._validate import check_choice, renamed_parameters
from coophelpers.crossings import EXCEPTION_TOLERANCE_KM, check_mode_filter, load_crossings
from coophelpers.geodesy import ELLIPSOID, inv_km, length_km
from coophelpers.regions import load_regions

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import LineString

__all__ = ["CO_LOCATED_KM", "PUBLISHED_LENGTH_KM", "PUBLISHED_LENGTH_NOTES", "SECTIONS", "border_line", "crossing_gaps"]

#: Sections of the border: east (Mongolia to North Korea) and west (Altai, Kazakhstan to Mongolia).
SECTIONS = ("east", "west")
#: Published lengths in km: the eastern section by the joint estimate published in 1999, the western
#: (Altai) section, and the whole border after final demarcation. They come from different dates and
#: sources and do not add up (4,195 + 54.57 = 4,249.57, not 4,209.3): see PUBLISHED_LENGTH_NOTES.
PUBLISHED_LENGTH_KM = {"east": 4195.0, "west": 54.57, "total": 4209.3}
#: Where each published length comes from, and why the three do not add up.
PUBLISHED_LENGTH_NOTES = {
    "east": (
        "4,195 km: eastern section, joint estimate published in 1999 (cited by the English and Chinese "
        "Wikipedia articles on the China-Russia border), i.e. before the 2004 Supplementary Agreement on "
        "the eastern section, which divided Bolshoy Ussuriysky (Heixiazi) and Bolshoy (Abagaitu) islands "
        "(in force 2005, demarcated 2008)."
    ),
    "west": (
        "54.57 km: western (Altai) section between the Kazakhstan and Mongolia tripoints. No source for "
        "this figure was found (unverified); the Wikipedia articles say only 'less than 100 km'. The "
        "section is fixed by the agreement of 1994-09-03 (in force 1995-10-17), whose text gives no length."
    ),
    "total": (
        "4,209.3 km: whole border after the final demarcation, the figure of the Russian border agency "
        "(Rosgranitsa) as cited by Wikipedia; the agency's page itself was not seen (unverified at source)."
    ),
    "why_they_differ": (
        "4,195 + 54.57 = 4,249.57 km (the rounded 4,250 km of some encyclopedias), not 4,209.3 km. With "
        "the western section at 54.57 km, the total implies an eastern section of about 4,154.7 km, about "
        "40 km shorter than the 1999 estimate, consistent with re-drawing the line across the islands "
        "under the 2004 agreement. This explanation is an inference; no source states it."
    ),
}
#: Longitude that separates the western (Altai) section from the eastern one.
_SECTION_SPLIT_LON = 100.0
#: Crossings closer than this along the border line count as one place in :func:`crossing_gaps`.
CO_LOCATED_KM = 2.0
_METHOD = f"geodesic ({ELLIPSOID})"
_SECTION_ALIASES = {"eastern": "east", "western": "west", "altai": "west"}
_SECTION_NAMES = {
    "east": ("Eastern section (Mongolia to North Korea)", "东段", "восточный участок"),
    "west": ("Western section (Altai)", "西段（阿尔泰）", "западный участок (Алтай)"),
}
_SECTION_ENDS = {
    "east": ("China–Mongolia–Russia tripoint (east)", "China–North Korea–Russia tripoint"),
    "west": ("China–Kazakhstan–Russia tripoint", "China–Mongolia–Russia tripoint (west)"),
}

def _check_section(section: Any) -> str:
    check_str(section, param="section", fix="Give 'east' or 'west'.")
    key = normalise(section)
    for alias, target in _SECTION_ALIASES.items():
        if key == normalise(alias):
            return target
    return check_choice(section, SECTIONS, param="section", what="border section")


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
    from shapely.geometry import LineString, MultiLineString
    from shapely.ops import linemerge, unary_union

    regions = load_regions(detail="full")
    cn = regions[regions["country"] == "CN"]
    ru = regions[regions["country"] == "RU"]
    shared = unary_union(list(cn.geometry)).boundary.intersection(unary_union(list(ru.geometry)).boundary)
    lines = [g for g in getattr(shared, "geoms", [shared]) if isinstance(g, (LineString, MultiLineString))]
    merged = linemerge(unary_union(lines))
    pieces = list(getattr(merged, "geoms", [merged]))
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
            "length_km": length_km(line),
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
        ``published_length_km``, ``length_ratio``, ``codes_cn``, ``codes_ru`` (tuples of the
        ISO codes of the units along it), ``start``, ``end`` (the tripoints at each end),
        ``method`` and the line ``geometry``.

    Raises
    ------
    InvalidInputError
        An unknown ``section``.

    Examples
    --------
    >>> west = border_line(section="altai")
    >>> west[["section", "codes_cn", "codes_ru"]].to_numpy().tolist()
    [['west', ('CN-XJ',), ('RU-AL',)]]
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
                "codes_cn": tuple(info["cn_regions"]),
                "codes_ru": tuple(info["ru_regions"]),
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
    from shapely.geometry import LineString, Point

    coords = np.asarray(line.coords)
    # Locate points in a plane where a degree of longitude is shortened as at the line's latitude.
    scale = math.cos(math.radians(float(coords[:, 1].mean())))
    plane = LineString(np.column_stack([coords[:, 0] * scale, coords[:, 1]]))
    seg_plane = np.hypot(np.diff(coords[:, 0]) * scale, np.diff(coords[:, 1]))
    cum_plane = np.concatenate([[0.0], np.cumsum(seg_plane)])
    seg_km = inv_km(coords[:-1, 1], coords[:-1, 0], coords[1:, 1], coords[1:, 0])
    cum_km = np.concatenate([[0.0], np.cumsum(seg_km)])
    out = []
    for lat, lon in zip(lats, lons):
        d = plane.project(Point(lon * scale, lat))
        i = int(np.clip(np.searchsorted(cum_plane, d, side="right") - 1, 0, len(seg_km) - 1))
        frac = 0.0 if seg_plane[i] == 0 else min(max((d - cum_plane[i]) / seg_plane[i], 0.0), 1.0)
        along = float(cum_km[i] + frac * seg_km[i])
        x = coords[i, 0] + frac * (coords[i + 1, 0] - coords[i, 0])
        y = coords[i, 1] + frac * (coords[i + 1, 1] - coords[i, 1])
        off = float(inv_km([lat], [lon], [y], [x])[0])
        out.append((along, off))
    return out


@renamed_parameters(mode="modes")
def crossing_gaps(
    *,
    section: str = "east",
    modes: str | Iterable[str] | None = None,
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
    modes
        Count only crossings of this mode or modes (default every checkpoint mode).
    as_of
        Date of the statuses (default today).

    Returns
    -------
    pandas.DataFrame
        ``from_name``, ``to_name``, ``from_ids``, ``to_ids`` (tuples of crossing ids),
        ``from_km``, ``to_km`` (km along the line from its western end), ``gap_km`` and
        ``method`` (geodesic along the derived border line), in order along the border.

    Raises
    ------
    InvalidInputError
        An unknown ``section`` or mode, or a bad ``as_of``.

    Examples
    --------
    >>> gaps = crossing_gaps(modes=["rail", "rail_bridge"], as_of="2024-01-01")
    >>> len(gaps), float(gaps["to_km"].iloc[-1])   # 4 rail crossings cut the line into 5 stretches
    (5, 3504.9)
    >>> longest = gaps.loc[gaps["gap_km"].idxmax()]
    >>> longest["from_ids"], longest["to_ids"], float(longest["gap_km"])
    (('manzhouli-zabaykalsk-rail',), ('tongjiang-nizhneleninskoye-rail-bridge',), 2249.3)
    """
    import pandas as pd

    sec = _check_section(section)
    modes_t = check_mode_filter(modes)
    crossings = load_crossings(status="operating", as_of=as_of)
    crossings = crossings[(crossings["kind"] == "checkpoint") & (crossings["mode"] != "none")]
    if modes_t is not None:
        crossings = crossings[crossings["mode"].isin(modes_t)]
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
            "from_ids": tuple(a["ids"]),
            "to_ids": tuple(b["ids"]),
            "from_km": round(a["km"], 1),
            "to_km": round(b["km"], 1),
            "gap_km": round(round(b["km"], 1) - round(a["km"], 1), 1),
            "method": f"{_METHOD} along the derived border line",
        }
        for a, b in zip(nodes[:-1], nodes[1:])
    ]
    return pd.DataFrame(rows)
