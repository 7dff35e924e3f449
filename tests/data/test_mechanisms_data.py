"""Validation of the mechanism tables: ids, codes, roles, dates, sources, and district consistency.

The membership of a district-based mechanism must follow the federal districts recorded in
``federal_district_membership.csv`` on every date, so the two files are checked against each other.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from coophelpers import data, load_regions
from coophelpers.mechanisms import BASES, ROLES, SIDES, STATUSES

pytestmark = pytest.mark.data

IDS = ("northeast-fareast", "yangtze-volga", "north-central", "southeast-northwest")
CONFIDENCE = {"H", "M", "L"}
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
OPEN_END = dt.date(9999, 12, 31)

MECHS = data.read_csv("mechanisms.csv", dtype=str, keep_default_na=False)
MEMBERS = data.read_csv("mechanism_membership.csv", dtype=str, keep_default_na=False)
FD = data.read_csv("federal_district_membership.csv", dtype=str, keep_default_na=False)
DISTRICTS = set(data.read_csv("federal_districts.csv", dtype=str, keep_default_na=False)["id"])


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text) if text else OPEN_END


def _district_spans(code: str) -> list[tuple[dt.date, dt.date, str]]:
    rows = FD[FD["code"] == code]
    return [(_date(r.valid_from), _date(r.valid_to), r.district) for r in rows.itertuples()]


def _district_subjects(district: str, day: dt.date) -> set[str]:
    return {
        r.code
        for r in FD.itertuples()
        if r.district == district and _date(r.valid_from) <= day < _date(r.valid_to)
    }


def _members_on(mech: str, day: dt.date, *, side: str, variant: str = "", basis: str | None = None) -> set[str]:
    rows = MEMBERS[(MEMBERS["mechanism"] == mech) & (MEMBERS["side"] == side) & (MEMBERS["variant"] == variant)]
    if basis is not None:
        rows = rows[rows["basis"] == basis]
    return {r.code for r in rows.itertuples() if _date(r.valid_from) <= day < _date(r.valid_to)}


# --- mechanisms.csv ----------------------------------------------------------------------------


def test_the_four_mechanisms_have_stable_ids():
    assert tuple(MECHS["id"]) == IDS


@pytest.mark.parametrize("row", MECHS.to_dict("records"), ids=list(MECHS["id"]))
def test_mechanism_row_is_complete(row):
    for col in ("name_en", "name_zh", "name_ru", "short_name_en", "short_name_zh", "short_name_ru",
                "governing_body", "chairs", "founded_note", "description", "sources"):
        assert row[col].strip(), f"{row['id']}: {col} is empty"
    assert re.search(r"[\u4e00-\u9fff]", row["name_zh"]) and re.search(r"[\u4e00-\u9fff]", row["short_name_zh"])
    assert re.search(r"[а-яА-ЯёЁ]", row["name_ru"]) and re.search(r"[а-яА-ЯёЁ]", row["short_name_ru"])
    assert row["status"] in STATUSES
    assert row["russian_district"] in DISTRICTS
    assert re.fullmatch(ISO_DATE, row["founded"]) and re.fullmatch(ISO_DATE, row["as_of"])
    assert dt.date.fromisoformat(row["founded"]) <= dt.date.fromisoformat(row["as_of"])
    assert row["confidence"] in CONFIDENCE
    for source in row["sources"].split(" | "):
        assert source.startswith(("http://", "https://")), f"{row['id']}: source {source!r} is not a URL"


def test_agreed_in_principle_mechanisms_are_the_2019_ones():
    agreed = set(MECHS.loc[MECHS["status"] == "agreed_in_principle", "id"])
    assert agreed == {"north-central", "southeast-northwest"}
    assert (MECHS.loc[MECHS["id"].isin(agreed), "founded"] >= "2019-06-01").all()


# --- mechanism_membership.csv ------------------------------------------------------------------


def test_membership_columns():
    assert list(MEMBERS.columns) == [
        "mechanism", "side", "code", "role", "variant", "basis", "valid_from", "valid_to",
        "source", "as_of", "confidence", "note",
    ]


def test_values_are_from_their_vocabularies():
    assert set(MEMBERS["mechanism"]) == set(IDS)
    assert set(MEMBERS["side"]) <= set(SIDES)
    assert set(MEMBERS["role"]) <= set(ROLES)
    assert set(MEMBERS["basis"]) <= set(BASES)
    assert set(MEMBERS["confidence"]) <= CONFIDENCE
    assert (MEMBERS["code"].str[:2] == MEMBERS["side"]).all(), "code prefix must match side"


def test_every_member_code_exists_in_the_regions_data():
    known = set(load_regions(include_disputed=True, include_sar=True)["code"])
    unknown = sorted(set(MEMBERS["code"]) - known)
    assert not unknown, f"codes not in the regions data: {unknown}"


def test_every_row_has_a_source_a_note_and_an_as_of():
    assert (MEMBERS["source"].str.strip() != "").all()
    assert (MEMBERS["note"].str.strip() != "").all()
    assert MEMBERS["as_of"].str.fullmatch(ISO_DATE).all()


def test_dates_are_iso_and_ordered():
    assert MEMBERS["valid_from"].str.fullmatch(ISO_DATE).all()
    to = MEMBERS["valid_to"]
    assert (to.eq("") | to.str.fullmatch(ISO_DATE)).all()
    bad = MEMBERS[(to != "") & (to <= MEMBERS["valid_from"])]
    assert bad.empty, f"valid_to not after valid_from: {bad.index.tolist()}"
    assert (MEMBERS["valid_from"] <= MEMBERS["as_of"]).all()


def test_no_membership_starts_before_its_mechanism():
    founded = dict(zip(MECHS["id"], MECHS["founded"]))
    early = MEMBERS[MEMBERS["valid_from"] < MEMBERS["mechanism"].map(founded)]
    assert early.empty, early[["mechanism", "code", "valid_from"]]


def test_no_region_twice_in_one_mechanism_side_and_variant_on_any_date():
    for key, grp in MEMBERS.groupby(["mechanism", "side", "code", "variant"]):
        spans = sorted((_date(r.valid_from), _date(r.valid_to)) for r in grp.itertuples())
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start, f"{key}: overlapping validity"


def test_uncertain_roles_have_lower_confidence_or_an_explanation():
    uncertain = MEMBERS[MEMBERS["role"] != "member"]
    assert (uncertain["note"].str.len() > 40).all()
    assert (MEMBERS.loc[MEMBERS["role"] == "assumed", "confidence"] != "H").all()
    assert (MEMBERS.loc[MEMBERS["role"] == "ambiguous", "confidence"] == "L").all()


def test_variants_exist_only_where_no_official_list_exists():
    with_variants = set(MEMBERS.loc[MEMBERS["variant"] != "", "mechanism"])
    agreed = set(MECHS.loc[MECHS["status"] == "agreed_in_principle", "id"])
    assert with_variants <= agreed
    assert (MEMBERS.loc[MEMBERS["variant"] != "", "role"] == "assumed").all()
    assert (MEMBERS.loc[MEMBERS["mechanism"].isin(agreed), "role"] == "assumed").all()


@pytest.mark.parametrize("variant", sorted(set(MEMBERS["variant"]) - {""}))
def test_every_variant_is_a_complete_alternative_list(variant):
    rows = MEMBERS[MEMBERS["variant"] == variant]
    for mech in set(rows["mechanism"]):
        default = _members_on(mech, dt.date(2025, 1, 1), side="CN")
        alt = _members_on(mech, dt.date(2025, 1, 1), side="CN", variant=variant)
        assert alt and alt != default, f"{mech}/{variant} is not an alternative to {sorted(default)}"


def test_official_chinese_lists():
    day = dt.date(2025, 1, 1)
    assert _members_on("northeast-fareast", day, side="CN") == {"CN-HL", "CN-JL", "CN-LN", "CN-NM"}
    assert _members_on("yangtze-volga", day, side="CN") == {"CN-AH", "CN-JX", "CN-HB", "CN-HN", "CN-CQ", "CN-SC"}
    nm = MEMBERS[(MEMBERS["mechanism"] == "northeast-fareast") & (MEMBERS["code"] == "CN-NM")]
    assert list(nm["role"]) == ["partial"]


# --- consistency with the federal districts ------------------------------------------------


@pytest.mark.parametrize("row", MEMBERS[MEMBERS["basis"] == "federal-district"].to_dict("records"),
                         ids=lambda r: f"{r['mechanism']}-{r['code']}-{r['valid_from']}")
def test_district_members_are_in_the_mechanisms_district_throughout(row):
    district = dict(zip(MECHS["id"], MECHS["russian_district"]))[row["mechanism"]]
    start, end = _date(row["valid_from"]), _date(row["valid_to"])
    overlapping = [(s, e, d) for s, e, d in _district_spans(row["code"]) if s < end and start < e]
    assert overlapping, f"{row['code']} has no district on {start}"
    for s, e, d in overlapping:
        assert d == district, f"{row['code']} is in {d} from {s} to {e}, inside its {district} membership"
    covered = min(s for s, _, _ in overlapping) <= start and max(e for _, e, _ in overlapping) >= end
    assert covered, f"{row['code']} is not in {district} for the whole of {start}..{end}"


@pytest.mark.parametrize("row", MEMBERS[MEMBERS["basis"] == "baikal-region"].to_dict("records"),
                         ids=lambda r: f"{r['code']}-{r['valid_from']}")
def test_baikal_region_rows_cover_only_time_outside_the_far_eastern_district(row):
    assert row["mechanism"] == "northeast-fareast"
    assert row["code"] in {"RU-BU", "RU-ZAB", "RU-IRK"}
    start, end = _date(row["valid_from"]), _date(row["valid_to"])
    for s, e, d in _district_spans(row["code"]):
        if s < end and start < e:
            assert d != "FEFD", f"{row['code']} is an FEFD subject from {s}; use basis federal-district"


def _check_dates() -> list[tuple[str, dt.date]]:
    out = []
    for mech, founded in zip(MECHS["id"], MECHS["founded"]):
        start = dt.date.fromisoformat(founded)
        days = {start, dt.date(2018, 11, 2), dt.date(2018, 11, 3), dt.date(2019, 6, 5), dt.date.today()}
        out += [(mech, day) for day in sorted(days) if day >= start]
    return out


@pytest.mark.parametrize(("mech", "date"), _check_dates(), ids=lambda v: str(v))
def test_district_based_side_equals_the_district_on_the_date(mech, date):
    info = MECHS.set_index("id").loc[mech]
    district = _district_subjects(info["russian_district"], date)
    members = _members_on(mech, date, side="RU", basis="federal-district")
    assert members == district


def test_far_east_side_over_time():
    before = _members_on("northeast-fareast", dt.date(2018, 11, 2), side="RU")
    after = _members_on("northeast-fareast", dt.date(2018, 11, 3), side="RU")
    assert len(_district_subjects("FEFD", dt.date(2018, 11, 2))) == 9
    assert len(_district_subjects("FEFD", dt.date(2018, 11, 3))) == 11
    # Buryatia and Zabaykalsky Krai stay members across the change, only the basis changes
    assert before == after and {"RU-BU", "RU-ZAB", "RU-IRK"} <= after
    assert len(after - {"RU-IRK"}) == 11


def test_counts_by_mechanism_and_side_today():
    today = dt.date.today()
    counts = {
        (m, s): len(_members_on(m, today, side=s)) for m in IDS for s in SIDES
    }
    assert counts == {
        ("northeast-fareast", "CN"): 4, ("northeast-fareast", "RU"): 12,  # 11 FEFD + Irkutsk (ambiguous)
        ("yangtze-volga", "CN"): 6, ("yangtze-volga", "RU"): 14,
        ("north-central", "CN"): 5, ("north-central", "RU"): 18,
        ("southeast-northwest", "CN"): 5, ("southeast-northwest", "RU"): 11,
    }


def test_read_through_the_registry_matches_the_raw_file():
    raw = pd.read_csv(data.data_dir() / "mechanism_membership.csv", dtype=str, keep_default_na=False)
    assert raw.equals(MEMBERS)


# --- commission chairs and decree numbers (issue 15) ---------------------------------------------


def test_northeast_fareast_chinese_chairs_by_date():
    row = MECHS.set_index("id").loc["northeast-fareast"]
    chairs = row["chairs"]
    # Wang Yang chaired until at least the Harbin chairs' meeting of 2018-02-07 (gov.cn), not only to 2017
    assert "Wang Yang (2016 – at least 2018-02-07" in chairs
    assert "Wang Yang (2016–2017)" not in chairs
    # then Hu Chunhua (2nd meeting, Dalian, 2018-08-21; 4th meeting 2022-11-17), then Zhang Guoqing
    assert "Hu Chunhua (2018 – at least 2022-11-17" in chairs and "2018-08-21" in chairs
    assert "Zhang Guoqing" in chairs and "2023-12-15" in chairs and "2024-07-09" in chairs
    assert chairs.index("Wang Yang") < chairs.index("Hu Chunhua") < chairs.index("Zhang Guoqing")
    for url in ("http://big5.www.gov.cn/gate/big5/www.gov.cn/guowuyuan/2018-02/07/content_5264678.htm",
                "http://en.people.cn/n3/2023/1216/c90000-20111200.html"):
        assert url in row["sources"]


def test_unconfirmed_decree_numbers_are_marked():
    fd = data.read_csv("federal_districts.csv", dtype=str, keep_default_na=False)
    text = " ".join(fd["source"]) + " ".join(FD["source"])
    for number in ("No. 168", "No. 375", "No. 632"):
        for match in re.finditer(re.escape(number), text):
            assert "unconfirmed" in text[match.start():match.start() + 60], number
    assert "unconfirmed" in MECHS.set_index("id").loc["northeast-fareast", "founded_note"]
