"""Validation of the border-crossings registry (data/geo/crossings.csv).

Every side with a position must lie in its country and in the province or subject it names (within
REGION_TOLERANCE_KM: rivers are the boundary and the region geometry is generalised) and within
BORDER_TOLERANCE_KM of the derived border line. A row may state a ``border_exception`` explaining
why a side lies farther (a county seat standing in for a checkpoint, a river port inland, region
geometry older than the 2008 island settlement); such rows must still lie within
EXCEPTION_TOLERANCE_KM, and an exception must be needed.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points

from coophelpers import border_line, load_regions
from coophelpers import data as cdata
from coophelpers.border import PUBLISHED_LENGTH_KM, PUBLISHED_LENGTH_NOTES
from coophelpers.crossings import (
    AT_BORDER_KM,
    AT_BORDER_QUALITIES,
    BORDER_TOLERANCE_KM,
    EXCEPTION_TOLERANCE_KM,
    FILENAME,
    KINDS,
    CROSSING_MODES as MODES,
    POSITION_QUALITIES,
    PRODUCTS,
    REGION_TOLERANCE_KM,
    RIVER_MODES,
    SEASONALITIES,
    STATUSES,
)

pytestmark = pytest.mark.data

GEOD = Geod(ellps="WGS84")
#: Ids other modules (the transport network) rely on: they must not change.
CONTRACT_IDS = (
    "manzhouli-zabaykalsk-rail",
    "manzhouli-zabaykalsk-road",
    "suifenhe-grodekovo-rail",
    "suifenhe-pogranichny-road",
    "hunchun-makhalino-rail",
    "hunchun-kraskino-road",
    "tongjiang-nizhneleninskoye-rail-bridge",
    "heihe-kanikurgan-road-bridge",
    "heihe-blagoveshchensk-river",
    "dongning-poltavka-road",
    "shiwei-olochi-road-bridge",
)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SIDES = ("cn", "ru")
#: Qualities whose position must come from a source (a URL listed in sources.csv), not a method.
SOURCED_QUALITIES = ("checkpoint", "bridge", "port", "settlement_centre")


def _date(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return cdata.read_csv(FILENAME, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def regions():
    return load_regions(detail="full").set_index("code")


@pytest.fixture(scope="module")
def line():
    return border_line()


def _km_to_geom(lat: float, lon: float, geom) -> float:
    point = Point(lon, lat)
    if geom.covers(point):
        return 0.0
    near = nearest_points(geom, point)[0]
    return GEOD.inv(lon, lat, near.x, near.y)[2] / 1000


def _sides(table):
    for row in table.itertuples(index=False):
        for side in SIDES:
            lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
            if lat and lon:
                yield row, side, float(lat), float(lon)


def test_row_count_matches_manifest(table):
    assert len(table) == cdata.manifest()["files"][FILENAME]["rows"]
    assert 25 <= len(table) <= 35


def test_ids_are_unique_lowercase_ascii(table):
    assert table["id"].is_unique
    assert table["id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+").all()


def test_contract_ids_exist(table):
    missing = sorted(set(CONTRACT_IDS) - set(table["id"]))
    assert not missing, f"ids relied on by other modules are missing: {missing}"


def test_id_ends_with_the_mode(table):
    for row in table.itertuples(index=False):
        assert row.id.endswith(row.mode.replace("_", "-")), row.id


@pytest.mark.parametrize(
    ("column", "choices"),
    [
        ("kind", KINDS),
        ("mode", MODES),
        ("status", STATUSES),
        ("seasonality", SEASONALITIES),
        ("cn_position_quality", POSITION_QUALITIES),
        ("ru_position_quality", POSITION_QUALITIES),
        ("confidence", ("H", "M", "L")),
    ],
)
def test_enumerations(table, column, choices):
    bad = sorted(set(table[column]) - set(choices))
    assert not bad, f"{column} has values outside {choices}: {bad}"


def test_names_in_their_scripts(table):
    assert table[["name_cn_en", "name_cn_zh", "name_ru_en", "name_ru_ru"]].ne("").all().all()
    assert table["name_cn_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert table["name_ru_ru"].str.contains(r"[А-Яа-яЁё]").all()
    assert not table["name_cn_en"].str.contains(r"[\u4e00-\u9fff]").any()
    assert not table["name_ru_en"].str.contains(r"[А-Яа-яЁё]").any()


def test_region_codes_exist_on_the_right_side(table, regions):
    for row in table.itertuples(index=False):
        assert row.cn_region in regions.index and regions.loc[row.cn_region, "country"] == "CN", row.id
        assert row.ru_region in regions.index and regions.loc[row.ru_region, "country"] == "RU", row.id


def test_kind_mode_and_product_agree(table):
    for row in table.itertuples(index=False):
        assert (row.kind == "pipeline") == (row.mode == "pipeline"), row.id
        assert (row.product != "") == (row.mode == "pipeline"), row.id
        if row.product:
            assert row.product in PRODUCTS, row.id
        assert (row.mode == "none") == (row.status == "none"), row.id


def test_river_modes_only_for_river_crossings(table):
    for row in table.itertuples(index=False):
        if row.mode != "river":
            assert row.river_modes == "", row.id
        elif row.river_modes:
            items = row.river_modes.split(" | ")
            assert set(items) <= set(RIVER_MODES), row.id
            assert len(items) == len(set(items)), row.id


def test_river_crossings_without_modes_say_why(table):
    for row in table[(table["mode"] == "river") & (table["river_modes"] == "")].itertuples(index=False):
        assert row.confidence == "L" or "mode" in row.note, row.id


def test_gauge_change_for_rail_only(table):
    for row in table.itertuples(index=False):
        assert row.gauge_change in ("", "1435/1520"), row.id
        if row.mode in ("rail", "rail_bridge"):
            assert row.gauge_change == "1435/1520", row.id
        else:
            assert row.gauge_change == "", row.id


def test_dates_are_iso_and_ordered(table):
    today = dt.date.today()
    for row in table.itertuples(index=False):
        for col in ("opened", "closed", "reopened", "planned", "as_of"):
            value = getattr(row, col)
            if value:
                assert DATE_RE.match(value), f"{row.id}: {col}={value!r}"
                _date(value)  # a real date
        assert row.as_of, row.id
        as_of = _date(row.as_of)
        assert as_of <= today, row.id
        events = [getattr(row, c) for c in ("opened", "closed", "reopened") if getattr(row, c)]
        dates = [_date(v) for v in events]
        assert dates == sorted(dates), f"{row.id}: dates out of order {events}"
        assert all(d <= as_of for d in dates), f"{row.id}: an event after the row's as_of"
        if row.reopened:
            assert row.closed, f"{row.id}: reopened without a closure"


def test_status_agrees_with_dates(table):
    for row in table.itertuples(index=False):
        if row.status in ("planned", "under_construction"):
            assert not row.opened, row.id
        if row.status == "operating" and row.closed:
            assert row.reopened, f"{row.id}: operating but closed with no reopening"
        if row.status in ("closed", "suspended") and row.reopened:
            pytest.fail(f"{row.id}: {row.status} but reopened")


def test_every_row_is_sourced(table):
    for row in table.itertuples(index=False):
        items = [s.strip() for s in row.sources.split(" | ")]
        assert items and all(items), row.id
        assert any(s.startswith("http") for s in items), f"{row.id}: no URL among the sources"


def test_uncertain_rows_explain_themselves(table):
    for row in table.itertuples(index=False):
        assert row.note, row.id
        if row.confidence == "L":
            assert len(row.note) > 40, row.id


def test_positions_are_complete_and_qualified(table):
    for row in table.itertuples(index=False):
        known = []
        for side in SIDES:
            lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
            quality = getattr(row, f"{side}_position_quality")
            assert bool(lat) == bool(lon), f"{row.id}: {side} has half a position"
            assert (quality == "unknown") == (not lat), f"{row.id}: {side} quality {quality!r}"
            if lat:
                assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 360
                known.append(side)
        assert known, f"{row.id}: no position on either side"


def test_unknown_and_approximate_positions_are_explained(table):
    for row in table.itertuples(index=False):
        qualities = {row.cn_position_quality, row.ru_position_quality}
        if qualities & {"unknown", "approximate"}:
            assert re.search(r"position|estimat|not found|point", row.note + row.border_exception, re.I), row.id


def test_sides_lie_in_their_country_and_region(table, regions):
    for row, side, lat, lon in _sides(table):
        code = getattr(row, f"{side}_region")
        limit = EXCEPTION_TOLERANCE_KM if row.border_exception else REGION_TOLERANCE_KM
        km = _km_to_geom(lat, lon, regions.loc[code, "geometry"])
        assert km <= limit, f"{row.id}: {side} side lies {km:.1f} km outside {code} (limit {limit} km)"


def test_sides_lie_near_the_border_line(table, line):
    geom = line.geometry.union_all()
    for row, side, lat, lon in _sides(table):
        limit = EXCEPTION_TOLERANCE_KM if row.border_exception else BORDER_TOLERANCE_KM
        km = _km_to_geom(lat, lon, geom)
        assert km <= limit, f"{row.id}: {side} side lies {km:.1f} km from the border line (limit {limit} km)"


def test_border_exceptions_are_needed(table, regions, line):
    geom = line.geometry.union_all()
    for row in table[table["border_exception"] != ""].itertuples(index=False):
        strict = []
        for side in SIDES:
            lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
            if not lat:
                continue
            lat, lon = float(lat), float(lon)
            code = getattr(row, f"{side}_region")
            strict.append(
                _km_to_geom(lat, lon, geom) > BORDER_TOLERANCE_KM
                or _km_to_geom(lat, lon, regions.loc[code, "geometry"]) > REGION_TOLERANCE_KM
            )
        assert any(strict), f"{row.id}: border_exception given but no side needs it"


def test_section_matches_the_regions(table):
    west = table[(table["cn_region"] == "CN-XJ") | (table["ru_region"] == "RU-AL")]
    assert set(west["cn_region"]) == {"CN-XJ"} and set(west["ru_region"]) == {"RU-AL"}
    assert set(west["status"]) == {"none"}, "the Altai section has no crossing"


def test_border_length_is_plausible(line):
    lengths = dict(zip(line["section"], line["length_km"]))
    assert 3000 < lengths["east"] < 4400
    assert 30 < lengths["west"] < 70


# --- positions: quality, source and distance to the border line (issue 15) -------------------


def _row(table, crossing_id):
    rows = table[table["id"] == crossing_id]
    assert len(rows) == 1, crossing_id
    return rows.iloc[0]


def test_every_position_says_where_it_comes_from(table):
    cited = set(cdata.read_csv("sources.csv", dtype=str, keep_default_na=False)["source"])
    for row, side, _, _ in _sides(table):
        quality = getattr(row, f"{side}_position_quality")
        source = getattr(row, f"{side}_position_source")
        assert source, f"{row.id}: {side} position has no source"
        if quality == "border_point_by_method":
            assert source.startswith("method: the point of the package's derived border line"), row.id
        elif quality in SOURCED_QUALITIES:
            assert source in cited, f"{row.id}: {side} position source {source!r} is not in sources.csv"
        else:
            assert source.startswith("method: ") or source in cited, row.id
    for row in table.itertuples(index=False):
        for side in SIDES:
            if not getattr(row, f"{side}_lat"):
                assert not getattr(row, f"{side}_position_source"), f"{row.id}: a source without a position"


def test_checkpoint_bridge_and_method_points_lie_at_the_border(table, line):
    geom = line.geometry.union_all()
    checked = 0
    for row, side, lat, lon in _sides(table):
        if getattr(row, f"{side}_position_quality") in AT_BORDER_QUALITIES:
            km = _km_to_geom(lat, lon, geom)
            assert km <= AT_BORDER_KM, f"{row.id}: {side} point lies {km:.1f} km from the border line"
            checked += 1
    assert checked >= 9


def test_far_settlement_centres_are_flagged(table, line):
    """A settlement centre farther than BORDER_TOLERANCE_KM from the line needs a border_exception."""
    geom = line.geometry.union_all()
    for row, side, lat, lon in _sides(table):
        if getattr(row, f"{side}_position_quality") == "settlement_centre" and _km_to_geom(lat, lon, geom) > BORDER_TOLERANCE_KM:
            assert row.border_exception, f"{row.id}: {side} settlement centre far from the border without an exception"


@pytest.mark.parametrize(
    ("crossing_id", "side", "old", "min_moved_km"),
    [
        ("heishantou-starotsurukhaytuy-road-bridge", "cn", (50.21389, 119.50434), 10),  # Heishantou town
        ("sunwu-konstantinovka-river", "cn", (49.42282, 127.32911), 45),  # Sunwu county seat
        ("mishan-turiyrog-road", "cn", (45.55, 131.88333), 30),  # Mishan city
        ("suifenhe-pogranichny-road", "ru", (44.41041, 131.37847), 15),  # Pogranichny town
        ("tongjiang-nizhneleninskoye-rail-bridge", "cn", (47.65, 132.5), 35),  # Tongjiang city
    ],
)
def test_town_centres_far_from_the_checkpoint_were_replaced(table, line, crossing_id, side, old, min_moved_km):
    row = _row(table, crossing_id)
    lat, lon = float(row[f"{side}_lat"]), float(row[f"{side}_lon"])
    assert row[f"{side}_position_quality"] in ("bridge", "border_point_by_method")
    assert GEOD.inv(old[1], old[0], lon, lat)[2] / 1000 >= min_moved_km
    assert _km_to_geom(lat, lon, line.geometry.union_all()) <= AT_BORDER_KM
    assert not row["border_exception"]


# --- the facts fixed in issue 15 ------------------------------------------------------------


def test_heishantou_is_a_road_bridge_crossing(table):
    row = _row(table, "heishantou-starotsurukhaytuy-road-bridge")
    assert row["mode"] == "road_bridge" and row["river_modes"] == ""
    assert (row["opened"], row["closed"], row["reopened"]) == ("1990", "2020", "2023-04-01")
    for fact in ("1989-04-10", "2006-10-20", "1.5 km", "wooden bridge", "12 km"):
        assert fact in row["note"], fact
    assert "https://mininvest.75.ru/novosti/315188" in row["sources"]
    # the two sides are the facing checkpoints, not Heishantou town 12.7 km away
    km = GEOD.inv(float(row["cn_lon"]), float(row["cn_lat"]), float(row["ru_lon"]), float(row["ru_lat"]))[2] / 1000
    assert km < 3


def test_heishantou_status_follows_the_russian_checkpoint():
    from coophelpers import load_crossings

    def status(date):
        frame = load_crossings(as_of=date).set_index("id")
        return frame.loc["heishantou-starotsurukhaytuy-road-bridge", "status"]

    assert status("2021-06-01") == "suspended"
    assert status("2023-03-31") == "suspended"
    assert status("2023-04-01") == "operating"


def test_dongning_closure_dates_and_river_names(table):
    row = _row(table, "dongning-poltavka-road")
    assert (row["closed"], row["reopened"]) == ("2023-08-11", "2023-12-10")
    for fact in ("2023-08-12", "2023-08-08", "2024-03-29", "Granitnaya", "Razdolnaya", "瑚布图河"):
        assert fact in row["note"], fact
    assert "https://news.china.com/domestic/945/20240329/46316890.html" in row["sources"]


def test_heihe_bridge_dates_and_both_lengths(table):
    row = _row(table, "heihe-kanikurgan-road-bridge")
    assert row["opened"] == "2022-06-10"
    for fact in ("2025-12-25", "2024-12-10", "1,080 m", "1,284 m"):
        assert fact in row["note"], fact
    assert "opened 2025-12-26" not in row["note"]
    assert (row["cn_position_quality"], row["ru_position_quality"]) == ("bridge", "bridge")


def test_tongjiang_rail_bridge_position_and_opening(table):
    row = _row(table, "tongjiang-nizhneleninskoye-rail-bridge")
    assert row["opened"] == "2022-11-16"
    assert "2022-04-27" in row["note"] and "Russian section" in row["note"]
    bridge = (47 + 57 / 60 + 40 / 3600, 132 + 41 / 60 + 54 / 3600)  # 47°57′40″N 132°41′54″E
    for side in SIDES:
        km = GEOD.inv(bridge[1], bridge[0], float(row[f"{side}_lon"]), float(row[f"{side}_lat"]))[2] / 1000
        assert km < 1, side


def test_hunchun_kraskino_checkpoint_dates(table):
    row = _row(table, "hunchun-kraskino-road")
    assert row["opened"] == "1992"
    assert "June 1995" in row["note"] and "unverified" in row["note"]


def test_manzhouli_road_closure(table):
    row = _row(table, "manzhouli-zabaykalsk-road")
    assert (row["closed"], row["reopened"]) == ("2021-12-03", "2022-01-14")
    assert "2023-01-16" in row["note"] and "2023-01-08" in row["note"]


def test_heihe_river_port_sources(table):
    row = _row(table, "heihe-blagoveshchensk-river")
    assert "pokrovka" not in row["sources"].lower(), "the Pokrovka-Raohe article is not about this crossing"
    for fact in ("January 1982", "July 1986", "February 1988", "secondary sources only"):
        assert fact in row["note"], fact


def test_published_border_lengths_are_explained():
    assert set(PUBLISHED_LENGTH_NOTES) >= {"east", "west", "total", "why_they_differ"}
    east, west, total = (PUBLISHED_LENGTH_KM[k] for k in ("east", "west", "total"))
    assert abs(east + west - total) > 1, "if the figures now add up, update PUBLISHED_LENGTH_NOTES"
    assert "1999" in PUBLISHED_LENGTH_NOTES["east"] and "2004" in PUBLISHED_LENGTH_NOTES["east"]
    assert "unverified" in PUBLISHED_LENGTH_NOTES["west"]
    assert "Rosgranitsa" in PUBLISHED_LENGTH_NOTES["total"]
    assert f"{east + west:,.2f}" in PUBLISHED_LENGTH_NOTES["why_they_differ"]
