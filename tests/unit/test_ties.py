"""Loaders, series, coverage, currency conversion and maps of the economic-ties tables (issue 16)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import coophelpers as ch
from coophelpers import InvalidInputError, UnknownRegionError, ties
from coophelpers._fx import mean_rate


def test_load_trade_filters_by_region_name_partner_flow_and_full_year():
    hl = ch.load_trade("Heilongjiang", "Russia", full_year_only=True)
    assert len(hl) and set(hl["reporter"]) == {"CN-HL"} and hl["full_year"].all()
    assert set(hl["partner"]) == {"country:RU"}
    same = ch.load_trade("黑龙江", "RU", full_year_only=True)
    assert same["id"].tolist() == hl["id"].tolist()
    exports = ch.load_trade("CN-HL", flow="exports")
    assert set(exports["flow"]) <= {"exports"}
    every = ch.load_trade()
    assert len(every) == len(ties._read("trade.csv"))


def test_values_stay_as_published_with_amount_in_the_original_currency():
    trade = ch.load_trade()
    valued = trade[trade["value"].notna()]
    factor = valued["unit"].map({"billion": 1e9, "million": 1e6, "thousand": 1e3})
    assert (valued["amount"] == valued["value"] * factor).all()
    assert set(valued["currency"]) <= {"USD", "CNY", "RUB"}


def test_as_of_keeps_only_what_was_known_then():
    early = ch.load_trade(as_of="2015-01-01")
    assert (early["period_end"].map(lambda s: s[:4]).astype(int) <= 2015).all()
    assert len(early) < len(ch.load_trade())


def test_aggregates_are_named_by_their_own_id():
    aggregates = sorted(r for r in set(ch.load_trade()["reporter"]) if ":" in r)
    assert aggregates, "the table has national or customs aggregates"
    rows = ch.load_trade(aggregates[0])
    assert set(rows["reporter"]) == {aggregates[0]}


def test_trade_series_is_one_reporter_one_flow_sorted_with_its_basis():
    s = ch.trade_series("Heilongjiang")
    assert set(s["reporter"]) == {"CN-HL"} and set(s["flow"]) == {"total"}
    assert s["period_start"].is_monotonic_increasing
    assert {"basis", "conflict_group", "source_url"} <= set(s.columns)


def test_trade_series_converts_on_request_only():
    s = ch.trade_series("Heilongjiang")
    assert "amount_USD" not in s.columns
    usd = ch.trade_series("Heilongjiang", currency="USD")
    covered = usd["rate_note"].eq("")
    assert covered.any()
    assert (usd.loc[usd["currency"].eq("USD") & covered, "rate"] == 1.0).all()
    assert usd["rate_source"].str.contains("ECB").all()


def test_mean_rate_is_the_ecb_mean_over_the_period():
    rate, days, note = mean_rate("CNY", "USD", dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert note == "" and 250 <= days <= 262
    assert 0.150 < rate < 0.160  # the yuan averaged about 6.45 per dollar in 2021
    assert mean_rate("USD", "USD", dt.date(2021, 1, 1), dt.date(2021, 12, 31)) == (1.0, 0, "")


def test_rouble_after_february_2022_is_not_covered_and_says_so():
    rate, days, note = mean_rate("RUB", "USD", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert math.isnan(rate) and days == 0
    assert "RUB" in note and "2022-03-01" in note
    frame = pd.DataFrame({"amount": [1e9], "currency": ["RUB"], "period_start": ["2023-01-01"],
                          "period_end": ["2023-12-31"]})
    out = ch.convert_currency(frame, to="USD")
    assert math.isnan(out["amount_USD"].iloc[0]) and "not covered" in out["rate_note"].iloc[0]


def test_convert_currency_bad_input():
    with pytest.raises(InvalidInputError, match=r"to.*'YEN'|'YEN'.*to"):
        ch.convert_currency(ch.load_trade().head(2), to="YEN")
    with pytest.raises(InvalidInputError, match="period_end"):
        ch.convert_currency(pd.DataFrame({"amount": [1.0], "currency": ["USD"], "period_start": ["2020"]}))


def test_bad_trade_input_names_the_parameter_value_and_fix():
    with pytest.raises(InvalidInputError, match="partner.*'Japan'.*'CN'"):
        ch.load_trade(partner="Japan")
    with pytest.raises(InvalidInputError, match="flow.*'export'"):
        ch.load_trade(flow="export")
    with pytest.raises(UnknownRegionError, match="customs:harbinn"):
        ch.load_trade("customs:harbinn")
    with pytest.raises(InvalidInputError, match="trade_series takes one region"):
        ch.trade_series(["CN-HL", "CN-JL"])


def test_coverage_letters():
    table = ch.trade_coverage()
    assert set(table.to_numpy().ravel()) <= {"", "F", "P", "G"}
    assert table.loc["CN-HL"].ne("").sum() >= 5


def test_sister_relations_filters():
    rel = ch.load_sister_relations()
    assert len(rel) >= 10
    hl = ch.load_sister_relations("Heilongjiang")
    assert (hl["cn_code"].eq("CN-HL") | hl["ru_code"].eq("CN-HL")).all() and len(hl)
    sisters = ch.load_sister_relations(relation_type="sister")
    assert set(sisters["relation_type"]) == {"sister"}
    early = ch.load_sister_relations(as_of="2000-01-01")
    assert (early["year"] <= 2000).all()
    with pytest.raises(InvalidInputError, match="'twin' for relation_type"):
        ch.load_sister_relations(relation_type="twin")


def test_sister_relations_of_a_mechanism_are_between_its_members():
    rel = ch.load_sister_relations(mechanism="northeast-fareast", as_of="2024-01-01")
    members = set(ch.mechanism_members("northeast-fareast", as_of="2024-01-01")["code"])
    assert len(rel) and rel["cn_code"].isin(members).all() and rel["ru_code"].isin(members).all()


def test_zones_are_points_with_quality():
    zones = ch.load_zones()
    assert zones.crs.to_epsg() == 4326 and len(zones) >= 5
    assert set(zones["position_quality"]) <= {"site", "settlement_centre", "region_centre"}
    cn = ch.load_zones("cn_overseas_zone")
    assert set(cn["kind"]) == {"cn_overseas_zone"}
    with pytest.raises(InvalidInputError, match="kind.*'sez'"):
        ch.load_zones("sez")


def test_investment_statements_sorted_by_date():
    st = ch.load_investment_statements()
    assert st["date"].is_monotonic_increasing and len(st) >= 3
    with pytest.raises(InvalidInputError, match="metric.*'investment'"):
        ch.load_investment_statements("investment")


def test_results_are_copies():
    first = ch.load_trade()
    first.loc[0, "value"] = -1.0
    assert (ch.load_trade()["value"].dropna() >= 0).all()


def test_ties_map_draws_zones_and_relations_with_sources():
    m = ch.ties_map("northeast-fareast", as_of="2024-01-01")
    html = ch.maps.map_html(m)
    assert "coop-zone" in html and "coop-relation" in html
    assert "zones.csv" in html or "Economic ties" in html


def test_trade_map_states_the_year_and_basis():
    year = int(ch.load_trade("CN-HL", full_year_only=True)["year"].max())
    m = ch.trade_map(year, partner="RU")
    html = ch.maps.map_html(m)
    assert str(year) in html and "As published" in html
    with pytest.raises(InvalidInputError, match="year.*'2023'"):
        ch.trade_map("2023")


def test_import_stays_lazy():
    import subprocess
    import sys

    code = "import coophelpers, sys; print('currency_converter' in sys.modules, 'coophelpers.ties' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
