"""join_regions never drops a row silently (issue 12, part 3).

Every row that matched no region, every empty key, every region that several rows map to and every
row of a unit left out by default (Hong Kong and Macao; Crimea and Sevastopol) is in
``result.attrs["join_report"]`` and in one DataWarning; rows the caller excluded on purpose
(``include_sar=False``) stay in the report without a warning.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coophelpers as ch
from coophelpers import DataWarning

#: A researcher's table as a statistics office prints it, with the usual trouble.
TABLE = pd.DataFrame(
    {
        "region": [
            "Heilongjiang", "г. Москва", "Altai Territory", "Hong Kong", "Atlantis", None, "Jilin Province",
            "Jilin", "Altai", "Республика Крым",
        ],
        "gdp": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0],
    },
    index=[f"r{i}" for i in range(10)],
)


def join(df=TABLE, on="region", **kwargs):
    """join_regions with its warnings recorded: (result, report, warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = ch.join_regions(df, on, **kwargs)
    return result, result.attrs["join_report"], caught


def rows_of(report, kind):
    return sorted(row for item in report.of(kind) for row in item.rows)


def test_left_join_keeps_every_row_in_order_with_its_index():
    result, _, _ = join()
    assert isinstance(result, gpd.GeoDataFrame) and result.crs.equals("EPSG:4326")
    assert result.index.tolist() == TABLE.index.tolist()
    assert result["region"].tolist()[:5] == TABLE["region"].tolist()[:5] and result["gdp"].tolist() == TABLE["gdp"].tolist()
    assert list(result.columns[:3]) == ["region", "gdp", "code"]
    assert result.loc["r0", "code"] == "CN-HL" and result.loc["r1", "code"] == "RU-MOW"
    assert result.loc["r2", "code"] == "RU-ALT" and not result.geometry.loc[["r0", "r1", "r2"]].isna().any()


def test_every_problem_row_is_reported_once_in_one_warning():
    result, report, caught = join()
    assert len(caught) == 1 and issubclass(caught[0].category, DataWarning)
    assert rows_of(report, "unmatched") == ["r4"]
    assert rows_of(report, "ambiguous") == ["r8"]
    assert rows_of(report, "missing") == ["r5"]
    assert rows_of(report, "excluded") == ["r3", "r9"]
    assert rows_of(report, "duplicate") == ["r6", "r7"]
    text = str(caught[0].message)
    for word in ("Atlantis", "Altai", "include_sar=True", "include_disputed=True", "Jilin", "attrs['join_report']"):
        assert word in text
    reported = {row for item in report.items for row in item.rows}
    no_geometry = set(result.index[result.geometry.isna()])
    assert no_geometry <= reported  # no row lacks its polygon without a word


def test_hong_kong_with_default_options_is_reported_not_lost():
    table = pd.DataFrame({"region": ["Hong Kong", "Macao SAR", "Guangdong"], "trade": [1, 2, 3]})
    result, report, caught = join(table)
    assert len(result) == 3 and result["code"].tolist() == ["CN-HK", "CN-MO", "CN-GD"]
    assert result.geometry.isna().tolist() == [True, True, False]
    excluded = report.of("excluded")
    assert {item.code for item in excluded} == {"CN-HK", "CN-MO"}
    assert all("include_sar=True" in item.detail for item in excluded) and len(caught) == 1


def test_include_sar_joins_hong_kong():
    table = pd.DataFrame({"region": ["Hong Kong", "Guangdong"], "trade": [1, 2]})
    result, report, caught = join(table, include_sar=True)
    assert not result.geometry.isna().any() and report.items == () and caught == []


def test_include_sar_false_keeps_the_rows_in_the_report_without_a_warning():
    table = pd.DataFrame({"region": ["Hong Kong", "Guangdong"], "trade": [1, 2]})
    result, report, caught = join(table, include_sar=False)
    assert len(result) == 2 and rows_of(report, "excluded") == [0] and caught == []
    assert "you passed include_sar=False" in report.of("excluded")[0].detail


def test_crimea_and_sevastopol_need_include_disputed():
    table = pd.DataFrame({"region": ["г. Севастополь", "Республика Крым", "Краснодарский край"], "v": [1, 2, 3]})
    _, report, _ = join(table)
    assert rows_of(report, "excluded") == [0, 1]
    result, report, caught = join(table, include_disputed=True, as_of="2020-01-01")
    assert not result.geometry.isna().any() and report.items == () and caught == []
    result, report, _ = join(table, include_disputed=True, as_of="2010-01-01")
    assert rows_of(report, "excluded") == [0, 1] and "did not exist" in report.of("excluded")[0].detail


def test_inner_drops_rows_only_with_a_report():
    result, report, caught = join(how="inner")
    kept = set(result.index)
    dropped = set(TABLE.index) - kept
    assert dropped == {"r3", "r4", "r5", "r8", "r9"}
    assert dropped <= {row for item in report.items for row in item.rows}
    assert "dropped" in str(caught[0].message)


def test_right_gives_every_region_and_reports_the_rows_it_drops():
    table = pd.DataFrame({"region": ["Heilongjiang", "Atlantis"], "v": [1, 2]}, index=["a", "b"])
    result, report, _ = join(table, how="right", country="CN")
    assert sorted(result["code"].dropna()) == sorted(ch.load_regions("CN")["code"])
    assert len(result) == 31 and result.loc[result["code"] == "CN-HL", "index"].tolist() == ["a"]
    assert rows_of(report, "unmatched") == ["b"]


def test_outer_keeps_every_row_and_adds_the_regions_without_data():
    table = pd.DataFrame({"region": ["Heilongjiang", "Atlantis"], "v": [1, 2]}, index=["a", "b"])
    result, _, _ = join(table, how="outer", country="CN")
    assert len(result) == 2 + 30
    assert set(result["index"].dropna()) == {"a", "b"}


def test_columns_the_table_already_has_get_a_suffix():
    table = pd.DataFrame({"region": ["Jilin"], "name_en": ["my name"], "code": ["J"]})
    result, _, caught = join(table)
    assert result.loc[0, "name_en"] == "my name" and result.loc[0, "name_en_region"] == "Jilin"
    assert result.loc[0, "code"] == "J" and result.loc[0, "code_region"] == "CN-JL" and caught == []


def test_a_rosstat_table_with_okrugs_is_flagged_and_its_duplicates_reported():
    table = pd.DataFrame({
        "Субъект": [
            "Тюменская область", "в том числе Ханты-Мансийский автономный округ — Югра",
            "Ямало-Ненецкий автономный округ", "Тюменская область (без автономных округов)", "г. Москва",
        ],
        "value": [100.0, 60.0, 30.0, 10.0, 5.0],
    })
    result, report, caught = join(table, "Субъект")
    assert result["code"].tolist() == ["RU-TYU", "RU-KHM", "RU-YAN", "RU-TYU", "RU-MOW"]
    assert rows_of(report, "flagged") == [0] and rows_of(report, "duplicate") == [0, 3]
    assert len(caught) == 1


def test_a_clean_table_joins_without_a_word():
    table = pd.DataFrame({"region": ["Heilongjiang", "Приморский край", "Amur Region"], "v": [1, 2, 3]})
    result, report, caught = join(table)
    assert report.items == () and caught == [] and not result.geometry.isna().any()


NAMES = ["Heilongjiang", "г. Москва", "Hong Kong", "Atlantis", None, "Altai", "Jilin", "Jilin Province",
         "Республика Крым", "Тюменская область (без АО)", "Amur Region", 7]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=12), st.sampled_from(["left", "inner", "right", "outer"]))
def test_no_row_is_dropped_silently(names, how):
    table = pd.DataFrame({"region": names, "v": range(len(names))}, index=[f"x{i}" for i in range(len(names))])
    result, report, _ = join(table, how=how, country=None)
    labels = set(result["index"]) if how in ("right", "outer") else set(result.index)
    missing = set(table.index) - labels
    reported = {row for item in report.items for row in item.rows}
    assert missing <= reported
    without = result[result["region"].notna() & result.geometry.isna()] if "region" in result else result.iloc[0:0]
    labels_without = set(without["index"]) if how in ("right", "outer") else set(without.index)
    assert labels_without <= reported
