"""Citation (issue 12): CITATION.cff agrees with the package, and ``cite`` names every data source.

Each source is cited with its name, URL (or "none recorded": none is made up), licence and as-of
date; ``cite(data=table)`` cites only the sources behind that table.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import coophelpers as ch
from coophelpers import InvalidInputError
from coophelpers.data import PACKAGE_SOURCES, manifest, source_records

citation = importlib.import_module("coophelpers.citation")
ROOT = Path(__file__).resolve().parents[2]


def _cff() -> dict[str, str]:
    """The top-level scalar keys of CITATION.cff (a YAML subset: enough to check them without PyYAML)."""
    out = {}
    for line in (ROOT / "CITATION.cff").read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([a-z-]+):\s*(\S.*)$", line)
        if found and not found.group(2).startswith(">"):
            out[found.group(1)] = found.group(2).strip().strip('"')
    return out


def test_citation_cff_version_is_the_package_version():
    assert _cff()["version"] == ch.__version__


def test_citation_cff_agrees_with_pyproject():
    cff = _cff()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == citation.TITLE == f"coophelpers: {project['description']}"
    assert cff["license"] == project["license"] == citation.LICENCE
    assert cff["version"] == project["version"]
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'- name: "{project["authors"][0]["name"]}"' in text and citation.AUTHORS == project["authors"][0]["name"]
    assert not re.search(r"^(url|repository|repository-code|doi):", text, re.MULTILINE)  # not known: not made up


def test_cite_text_names_the_package_and_every_data_source():
    text = ch.cite()
    assert f"Version {ch.__version__}" in text and "MIT licence" in text and citation.TITLE in text
    files = manifest()["files"]
    entries = re.findall(r"^\[\d+\] .*$", text, re.MULTILINE)
    assert len(entries) == len(files) + len(PACKAGE_SOURCES)
    for entry in entries:
        assert "URL: " in entry and "Licence: " in entry and "As of: " in entry
    for name, entry in files.items():
        assert entry["title"] in text, name
        assert f"As of: {entry['as_of']}" in text
    assert "URL: https://www.naturalearthdata.com/downloads/10m-cultural-vectors/" in text
    assert "URL: none recorded" in text  # files whose manifest entry has no URL


def test_cite_data_lists_only_the_sources_behind_the_table():
    crossings = ch.load_crossings()
    text = ch.cite(data=crossings)
    entries = re.findall(r"^\[\d+\] (.*?)\. URL", text, re.MULTILINE)
    assert entries == [r["name"] for r in source_records("crossings.csv", "regions.csv")]
    assert "CC BY 4.0" in text and "GeoNames" in text
    assert manifest()["files"]["mechanisms.csv"]["title"] not in text


def test_cite_data_uses_the_sources_recorded_on_the_table():
    frame = pd.DataFrame({"x": [1]})
    frame.attrs["sources"] = [{"name": "Rosstat regional statistics", "url": "https://rosstat.gov.ru",
                               "licence": "CC BY 4.0", "as_of": "2021-12-31"}]
    text = ch.cite(data=frame)
    assert "[1] Rosstat regional statistics. URL: https://rosstat.gov.ru. Licence: CC BY 4.0. As of: 2021-12-31." in text
    assert "[2]" not in text


def test_cite_a_table_without_sources_says_so():
    text = ch.cite(data=pd.DataFrame({"x": [1]}))
    assert "none are recorded" in text and "[1]" not in text


def test_bibtex_has_one_entry_per_source_with_unique_keys_and_escaped_text():
    frame = pd.DataFrame({"x": [1]})
    frame.attrs["sources"] = [{"name": "R&D spending_by_region 50%", "licence": "CC BY 4.0", "as_of": "2020"},
                              {"name": "Trade {customs}", "url": "https://customs.gov.cn/data"}]
    bib = ch.cite("bibtex", data=frame)
    assert bib.startswith("@software{coophelpers,")
    assert bib.count("\n@misc{") == 2
    assert r"R\&D spending\_by\_region 50\%" in bib and r"Trade \{customs\}" in bib
    assert "url = {https://customs.gov.cn/data}" in bib and "year = {2020}" in bib
    assert bib.count("{") - bib.count(r"\{") == bib.count("}") - bib.count(r"\}")
    everything = ch.cite("BibTeX")
    keys = re.findall(r"^@\w+\{([^,]+),", everything, re.MULTILINE)
    assert len(keys) == len(set(keys)) == 1 + len(manifest()["files"]) + len(PACKAGE_SOURCES)
    assert "coophelpers-data-regions" in keys
    assert f"version = {{{ch.__version__}}}" in everything


@pytest.mark.parametrize(
    ("load", "files"),
    [
        (lambda: ch.load_regions(), ["regions.csv", "cn_macro_regions.csv", "federal_district_membership.csv",
                                     "federal_districts.csv", "regions_web.parquet"]),
        (lambda: ch.load_regions("CN", detail="full"), ["regions.csv", "cn_macro_regions.csv",
                                                        "federal_district_membership.csv", "federal_districts.csv",
                                                        "regions_full.parquet"]),
        (lambda: ch.load_crossings(), ["crossings.csv", "regions.csv"]),
        (lambda: ch.load_mechanisms(), ["mechanisms.csv"]),
        (lambda: ch.load_ports(), ["ports.csv"]),
        (lambda: ch.load_places(), ["network_nodes.csv"]),
        (lambda: ch.load_gazetteer(), ["regions.csv", "network_nodes.csv", "ports.csv", "crossings.csv",
                                       "regions_web.parquet"]),
        (lambda: ch.sea_distances(["shanghai"], ["murmansk"], via="suez"), ["ports.csv", "searoute"]),
        (lambda: pd.DataFrame({"region": ["Heilongjiang"], "value": [1.0]}), []),
    ],
    ids=["regions", "regions-full", "crossings", "mechanisms", "ports", "places", "gazetteer", "sea", "own-table"],
)
def test_sources_are_inferred_from_the_tables_of_the_package(load, files):
    assert citation.inferred_files(load()) == files


@pytest.mark.parametrize(
    ("sources", "words"),
    [
        ({"name": "x", "license": "MIT"}, ("sources[0]", "'license'", "'licence'")),
        ([{"name": "x", "as_of": "2019-02-30"}], ("sources[0]['as_of']='2019-02-30'", "February 2019 has 28 days")),
        ([{"name": "x", "url": "www.example.org"}], ("sources[0]['url']='www.example.org'", "https://")),
        ([{"licence": "CC0"}], ("sources[0]", "has no 'name'")),
        (5, ("sources=5", "Fix")),
    ],
)
def test_malformed_sources_are_refused(sources, words):
    with pytest.raises(InvalidInputError) as info:
        citation.check_sources(sources)
    for word in words:
        assert word in str(info.value)


def test_a_table_of_sources_is_accepted():
    table = pd.DataFrame({"name": ["A", "B"], "licence": ["CC0", None], "as_of": ["2020-01-01", float("nan")]})
    assert citation.check_sources(table) == [{"name": "A", "licence": "CC0", "as_of": "2020-01-01"}, {"name": "B"}]
