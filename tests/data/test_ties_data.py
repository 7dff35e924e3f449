"""The economic-ties tables (issue 16): every row sourced, periods honest, codes valid, conflicts flagged.

The schema (``coophelpers._schema_tables``) already checks each column's type, the allowed values (currencies,
units, flows, bases, relation types, zone kinds, source kinds, confidence), the web address of each source and
the region codes against ``regions.csv``. These tests check what a schema cannot: that a row called a full year
covers one, that aggregates are never disguised as regions, that conflicting figures share a group, and that the
coverage table is what the data says.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from coophelpers import data as cdata
from coophelpers import ties
from coophelpers._validate import partial_date

pytestmark = pytest.mark.data

TABLES = ("trade.csv", "sister_relations.csv", "zones.csv", "investment_statements.csv")


def _raw(name: str) -> pd.DataFrame:
    return cdata.read_csv(name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", TABLES)
def test_every_row_has_its_source_kind_as_of_and_confidence(name):
    table = _raw(name)
    for col in ("source", "source_url", "source_kind", "original", "quote", "as_of", "confidence"):
        assert table[col].str.strip().ne("").all(), (name, col)
    assert table["source_url"].str.match(r"https?://").all()


@pytest.mark.parametrize("name", TABLES)
def test_the_manifest_lists_the_table_with_its_source_and_licence(name):
    entry = cdata.manifest()["files"][name]
    assert entry["source"] and entry["licence"] and entry["title"]


def _whole_year(start: str, end: str) -> bool:
    s, e = partial_date(start), partial_date(end)
    if s is None or e is None:
        return False
    last = e if len(end) == 10 else dt.date(e.year, 12, 31) if len(end) == 4 else None
    return s == dt.date(s.year, 1, 1) and last == dt.date(s.year, 12, 31)


def test_no_row_is_called_a_full_year_unless_its_period_is_one():
    trade = _raw("trade.csv")
    full = trade[trade["full_year"] == "true"]
    assert len(full) >= 30
    for _, row in full.iterrows():
        assert _whole_year(row["period_start"], row["period_end"]), row["id"]
    # a statement dated within a year (a share "in 2025") keeps that year as its period but is not a full-year figure
    for _, row in trade[trade["full_year"] == "false"].iterrows():
        if _whole_year(row["period_start"], row["period_end"]):
            assert "not a full-year figure" in row["note"] or row["value"] == "", row["id"]


def test_periods_run_forward_and_end_before_publication():
    trade = _raw("trade.csv")
    for _, row in trade.iterrows():
        start, end = partial_date(row["period_start"]), partial_date(row["period_end"])
        assert start <= end, row["id"]
        if row["published"]:
            assert start <= partial_date(row["published"]), (row["id"], "published before the period began")


def test_reporters_are_regions_or_named_aggregates_never_disguised():
    trade = _raw("trade.csv")
    codes = set(_raw("regions.csv")["code"])
    is_region = trade["reporter_kind"].eq("region")
    assert trade.loc[is_region, "reporter"].isin(codes).all()
    kinds = {"customs_district": "customs:", "federal_district": "fd:", "country": "country:"}
    for kind, prefix in kinds.items():
        assert trade.loc[trade["reporter_kind"].eq(kind), "reporter"].str.startswith(prefix).all(), kind
    # a national customs total belongs to a country
    assert trade.loc[trade["basis"].eq("national_customs"), "reporter"].str.startswith("country:").all()
    # the partner is the other country
    cn = trade["reporter"].str.startswith(("CN-", "country:CN", "customs:"))
    assert trade.loc[cn, "partner"].eq("country:RU").all()
    assert trade.loc[~cn, "partner"].eq("country:CN").all()


def test_conflicting_figures_share_a_conflict_group():
    trade = ties.load_trade()
    key = ["reporter", "partner", "period_start", "period_end", "flow"]
    valued = ties.convert_currency(trade[trade["value"].notna()], to="USD")
    for _, group in valued.groupby(key):
        usd = group["amount_USD"].dropna()
        if len(usd) < 2:
            continue
        # figures for the same thing that differ by more than rounding (3 % once in one currency) conflict
        if usd.max() / usd.min() - 1 > 0.03:
            assert group["conflict_group"].ne("").all() and group["conflict_group"].nunique() == 1, group["id"].tolist()
    # and a group holds at least two rows
    groups = trade.loc[trade["conflict_group"].ne(""), "conflict_group"].value_counts()
    assert (groups >= 2).all(), groups[groups < 2]


def test_the_coverage_table_matches_the_data():
    cov = ties.trade_coverage(pivot=False)
    trade = ties.load_trade()
    for _, row in cov.iterrows():
        rows = trade[(trade["reporter"] == row["reporter"]) & (trade["year"] == row["year"])]
        assert len(rows) == row["rows"]
        expected = "F" if (rows["full_year"] & rows["value"].notna()).any() else "P" if rows["value"].notna().any() else "G"
        assert row["kind"] == expected, (row["reporter"], row["year"])
    assert cov["rows"].sum() == len(trade)
    table = ties.trade_coverage()
    assert set(table.index) == set(trade["reporter"])


def test_zones_and_relations_carry_dates_and_positions():
    zones = ties.load_zones()
    assert zones["lat"].between(35, 75).all() and zones["lon"].between(19, 180).all()
    # the Advanced Special Economic Zones are an incomplete list and say so
    assert not zones.loc[zones["kind"] == "asez", "list_complete"].any()
    rel = ties.load_sister_relations()
    dated = rel["year"].dropna()
    assert dated.between(1980, 2026).all() and len(dated) >= len(rel) / 2
    # an undated relation says why in its note or quote
    assert (rel.loc[rel["year"].isna(), "note"].str.len() > 0).all()


def test_statements_keep_their_own_metric():
    st = ties.load_investment_statements()
    money = st["metric"].isin(["declared_investment", "actual_investment"])
    assert st.loc[money, "currency"].ne("").all()
    assert st.loc[st["metric"].isin(["projects", "residents"]), "currency"].eq("").all()
