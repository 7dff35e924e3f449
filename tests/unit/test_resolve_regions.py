"""Region names as statistics offices print them, resolved one by one and in bulk (issue 12, parts 1–2).

``tests/data/statistics_spellings.csv`` lists spellings from the published tables of Rosstat (the
"Регионы России" yearbook, EMISS/OKATO names, English editions), NBS China (Chinese and English),
UNdata and the UN romanisation, ISO 3166-2:RU, the World Bank, GADM and geoBoundaries, each with the
convention of ``data/geo/name_conventions.csv`` it follows, the expected ISO code and a source.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import coophelpers as ch
from coophelpers import DataWarning, InvalidInputError, RegionReport, UnknownRegionError, joins, regions

ROOT = Path(__file__).resolve().parents[2]
SPELLINGS = list(csv.DictReader(io.StringIO((ROOT / "tests" / "data" / "statistics_spellings.csv").read_text(encoding="utf-8"))))
CONVENTIONS = list(csv.DictReader(io.StringIO((ROOT / "data" / "geo" / "name_conventions.csv").read_text(encoding="utf-8"))))
#: The names of issue 12 that failed before.
ISSUE_NAMES = {
    "г. Москва": "RU-MOW",
    "г.Санкт-Петербург": "RU-SPE",
    "г. Севастополь": "UA-40",
    "город федерального значения Москва": "RU-MOW",
    "Архангельская область (кроме Ненецкого автономного округа)": "RU-ARK",
    "Тюменская область (без автономных округов)": "RU-TYU",
    "Altai Territory": "RU-ALT",
}


def quiet(values, **kwargs):
    """resolve_regions with its warnings recorded: (codes, warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes = ch.resolve_regions(values, **kwargs)
    return codes, caught


# --- the spellings --------------------------------------------------------------------------------


def test_the_spelling_list_is_long_and_covers_every_convention():
    assert len(SPELLINGS) >= 150
    assert len({row["spelling"] for row in SPELLINGS}) == len(SPELLINGS)
    assert {row["convention"] for row in CONVENTIONS} <= {row["convention"] for row in SPELLINGS}
    assert all(row["source"].strip() for row in SPELLINGS)


@pytest.mark.parametrize("row", SPELLINGS, ids=[f"{r['convention']}:{r['spelling']}" for r in SPELLINGS])
def test_each_spelling_resolves_to_its_code(row):
    assert ch.resolve_region(row["spelling"]) == row["expected_code"]


def test_all_spellings_resolve_in_bulk():
    codes, _ = quiet([row["spelling"] for row in SPELLINGS], errors="raise")
    expected = [row["expected_code"] for row in SPELLINGS]
    assert codes.tolist() == expected


@pytest.mark.parametrize(("name", "code"), ISSUE_NAMES.items())
def test_the_names_of_the_issue(name, code):
    assert ch.resolve_region(name) == code
    assert quiet([name])[0].tolist() == [code]


def test_altai_alone_stays_ambiguous_and_each_altai_has_its_spelling():
    assert regions.region_matches("Altai") == ("RU-AL", "RU-ALT")
    assert [ch.resolve_region(n) for n in ("Altai Territory", "Republic of Altai", "Altay", "Gorno-Altay")] == [
        "RU-ALT", "RU-AL", "RU-ALT", "RU-AL"]


def test_gadm_moskva_is_a_reported_conflict_not_an_alias():
    assert ch.resolve_region("Moskva") == "RU-MOW"  # the city's own name, and Natural Earth's
    codes, caught = quiet(["Moskva"])
    flagged = codes.attrs["report"].of("flagged")
    assert codes.tolist() == ["RU-MOW"] and len(flagged) == 1
    assert "RU-MOS" in flagged[0].detail and "gadm" in flagged[0].detail
    assert len(caught) == 1 and issubclass(caught[0].category, DataWarning)


# --- the generated aliases ------------------------------------------------------------------------


def _build_module():
    spec = importlib.util.spec_from_file_location("build_aliases", ROOT / "data" / "geo" / "build" / "build_aliases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_region_aliases_csv_is_what_the_build_script_makes_from_the_conventions():
    text, summary = _build_module().build()
    assert text == (ROOT / "data" / "geo" / "region_aliases.csv").read_text(encoding="utf-8")
    assert any(line.startswith("conflict: 'Moskva'") for line in summary)


def test_conventions_have_sources_and_templates_in_data_not_code():
    assert {row["convention"] for row in CONVENTIONS} >= {
        "rosstat-ru-city", "rosstat-ru-okrugs", "rosstat-ru-short", "emiss-okato", "rosstat-en", "nbs-zh", "nbs-en",
        "un-data", "un-romanization", "iso-3166-2-bgn", "world-bank", "gadm", "geoboundaries"}
    for row in CONVENTIONS:
        assert row["sources"].strip() and row["publisher"].strip() and row["example"].strip()
    source = (ROOT / "src" / "coophelpers" / "joins.py").read_text(encoding="utf-8")
    assert "без АО" not in source.split('"""', 2)[2]  # the spellings live in data, not in code
    build = _build_module()
    assert build.romanise("Челябинская область", build._UN) == "Čeljabinskaja oblastʹ"
    assert build.romanise("Еврейская автономная область", build._BGN, bgn=True) == "Yevreyskaya avtonomnaya oblast'"


def test_aliases_do_not_change_what_curated_names_resolve_to():
    base = regions._base_name_index()
    for row in regions._attributes().itertuples(index=False):
        for name in [row.name_en, row.name_zh, row.name_ru, *row.aliases.split("|")]:
            if name.strip() and len(base.candidates(name.strip())) == 1:
                assert ch.resolve_region(name.strip()) == row.code, name


# --- resolve_regions: shape of the result -------------------------------------------------------


def test_a_series_keeps_its_index_and_a_list_gets_a_range_index():
    series = pd.Series(["Heilongjiang", "г. Москва"], index=["x", "y"], name="region")
    codes = ch.resolve_regions(series)
    assert codes.index.tolist() == ["x", "y"] and codes.name == "code" and str(codes.dtype) == "string"
    assert ch.resolve_regions(["Heilongjiang"]).index.equals(pd.RangeIndex(1))
    assert ch.resolve_regions(np.array(["Jilin", "Jilin"])).tolist() == ["CN-JL", "CN-JL"]
    assert ch.resolve_regions(n for n in ["Amur Region"]).tolist() == ["RU-AMU"]
    assert isinstance(ch.resolve_regions(["Jilin"]).attrs["report"], RegionReport)


def test_empty_input_gives_an_empty_result():
    codes = ch.resolve_regions([])
    assert codes.empty and codes.attrs["report"].items == () and codes.attrs["report"].ok


def test_each_distinct_name_is_resolved_once(monkeypatch):
    calls = []
    real = regions.region_matches
    monkeypatch.setattr(regions, "region_matches", lambda name, country=None: calls.append(name) or real(name, country))
    codes = ch.resolve_regions(["Jilin", "г. Москва", "Jilin"] * 1000)
    assert sorted(calls) == ["Jilin", "г. Москва"]
    assert codes.nunique() == 2 and len(codes) == 3000


def test_ten_thousand_names_in_well_under_a_second():
    names = [row["spelling"] for row in SPELLINGS] * 32
    ch.resolve_regions(names[:10])  # build the name index first
    start = time.perf_counter()
    codes = ch.resolve_regions(names[:10_000], errors="coerce")
    assert time.perf_counter() - start < 1.0
    assert codes.notna().all()


# --- resolve_regions: errors and the report ---------------------------------------------------------

MIXED = ["Heilongjiang", "Guandong", "Altai", None, "", 5, "Hong Kong", "г. Севастополь", "Heilongjiang"]


def test_raise_lists_every_problem_in_one_error():
    with pytest.raises(UnknownRegionError) as info:
        ch.resolve_regions(MIXED)
    msg = str(info.value)
    assert "'Guandong'" in msg and "Did you mean 'Guangdong (CN-GD)'" in msg
    assert "'Altai' (ambiguous: RU-AL, RU-ALT" in msg and "5 (unknown" in msg
    assert "errors='coerce'" in msg and "\n" not in msg
    report = info.value.report
    assert {item.value for item in report.problems} == {"Guandong", "Altai", 5}


def test_coerce_gives_na_and_says_nothing():
    codes, caught = quiet(MIXED, errors="coerce")
    assert codes.tolist() == ["CN-HL", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, "CN-HK", "UA-40", "CN-HL"]
    assert caught == []
    report = codes.attrs["report"]
    kinds = {item.kind: item for item in report.items}
    assert kinds["unmatched"].rows in ((1,), (5,))
    assert kinds["ambiguous"].candidates == ("RU-AL", "RU-ALT")
    assert sorted(r for item in report.of("missing") for r in item.rows) == [3, 4]
    assert {item.code for item in report.of("excluded")} == {"CN-HK", "UA-40"}
    assert any("include_sar=True" in i.detail for i in report.of("excluded"))
    assert any("include_disputed=True" in i.detail for i in report.of("excluded"))
    assert report.n_rows == 9 and not report.ok


def test_report_shows_the_report_once():
    codes, caught = quiet(MIXED, errors="report")
    assert codes.isna().sum() == 5
    assert len(caught) == 1 and issubclass(caught[0].category, DataWarning)
    text = str(caught[0].message)
    assert "Guandong" in text and "Altai" in text and "include_sar=True" in text and "attrs['report']" in text


def test_raise_warns_about_excluded_units_but_does_not_raise():
    codes, caught = quiet(["Hong Kong", "Heilongjiang"])
    assert codes.tolist() == ["CN-HK", "CN-HL"]
    assert len(caught) == 1 and "include_sar=True" in str(caught[0].message)


def test_a_clean_column_gives_no_warning():
    codes, caught = quiet(["Heilongjiang", "Приморский край", "г. Москва"])
    assert caught == [] and codes.attrs["report"].items == ()


def test_the_report_as_a_table():
    frame = quiet(MIXED, errors="coerce")[0].attrs["report"].to_frame()
    assert list(frame.columns) == ["kind", "value", "code", "n_rows", "rows", "candidates", "detail"]
    assert frame["kind"].tolist()[:2] == ["unmatched", "unmatched"] or "ambiguous" in frame["kind"].tolist()


def test_country_keeps_one_country_and_explains_the_other():
    codes = ch.resolve_regions(["Heilongjiang", "Amur Region"], country="RU", errors="coerce")
    assert codes.tolist() == [pd.NA, "RU-AMU"]
    detail = codes.attrs["report"].problems[0].detail
    assert "in China" in detail and "CN-HL" in detail


def test_unknown_names_beyond_the_budget_get_no_suggestions(monkeypatch):
    monkeypatch.setattr(joins, "SUGGESTION_BUDGET", 2)
    codes = ch.resolve_regions([f"Nowhere {i}" for i in range(5)], errors="coerce")
    details = [item.detail for item in codes.attrs["report"].problems]
    assert sum("no suggestions" in d for d in details) == 3


@pytest.mark.parametrize(("values", "flagged"), [
    (["Тюменская область (с автономными округами)"], "Тюменская область (с автономными округами)"),
    (["Архангельская область (включая Ненецкий автономный округ)", "Ненецкий АО"],
     "Архангельская область (включая Ненецкий автономный округ)"),
    (["Тюменская область", "Ханты-Мансийский автономный округ — Югра", "Ямало-Ненецкий автономный округ"],
     "Тюменская область"),
    (["Архангельская область", "Архангельская область (без АО)"], "Архангельская область"),
])
def test_units_that_include_their_okrugs_are_flagged(values, flagged):
    codes, caught = quiet(values)
    entries = codes.attrs["report"].of("flagged")
    assert [item.value for item in entries] == [flagged]
    assert "okrug" in entries[0].detail or "RU-" in entries[0].detail
    assert codes.notna().all() and len(caught) == 1


@pytest.mark.parametrize("values", [
    ["Тюменская область"],
    ["Тюменская область (без автономных округов)", "Ханты-Мансийский автономный округ — Югра"],
    ["Архангельская область (кроме Ненецкого автономного округа)", "в том числе Ненецкий автономный округ"],
])
def test_units_without_their_okrugs_are_not_flagged(values):
    codes, caught = quiet(values)
    assert codes.attrs["report"].items == () and caught == []


@pytest.mark.parametrize("bad", ["Moscow", pd.DataFrame({"region": ["Moscow"]}), None, 5, {"a": 1},
                                 np.array([["Moscow"]])])
def test_values_that_are_not_a_column_are_refused(bad):
    with pytest.raises(InvalidInputError, match="values"):
        ch.resolve_regions(bad)
