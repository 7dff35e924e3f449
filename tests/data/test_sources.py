"""Validation of the source register (data/geo/sources.csv, issue 15).

Every source that crossings.csv, mechanisms.csv, mechanism_membership.csv, federal_districts.csv and
federal_district_membership.csv cite is described once in sources.csv with its publisher, title,
publication date, kind and as-of date, so a researcher can filter by kind. Mirrors and aggregators
that were replaced by the original publication must not come back.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from coophelpers import data
from coophelpers.crossings import SOURCE_KINDS, load_sources

pytestmark = pytest.mark.data

URL = re.compile(r"https?://[^\s|()]+")
#: Files whose list columns cite sources (" | "-separated), and files whose free-text source column
#: names its sources by URL inside the text.
LIST_COLUMNS = {
    "crossings.csv": ("sources", "cn_position_source", "ru_position_source"),
    "mechanisms.csv": ("sources",),
    "mechanism_membership.csv": ("source",),
}
TEXT_COLUMNS = {"federal_districts.csv": "source", "federal_district_membership.csv": "source"}
#: Copies and aggregators replaced by an original publication in issue 15: they must not be cited again.
REPLACED_DOMAINS = (
    "wikiclassic.com", "nina.az", "bestref.net", "travelblog.org", "dzen.ru", "ifvremya.ru", "oopstop.com",
    "zzkailai.com", "myseldon.com", "zhanalyq.kz", "feifmx.com",
)
#: Kinds that follow from the publisher's site.
KIND_OF_DOMAIN = {
    "geonames.org": "gazetteer",
    "wikipedia.org": "encyclopedia",
    "gov.cn": "official",
    "government.ru": "official",
    "tass.ru": "agency",
    "tass.com": "agency",
    "interfax": "agency",
    "sputnik": "agency",
    "xinhuanet.com": "agency",
    "news.cn": "agency",
}


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return data.read_csv("sources.csv", dtype=str, keep_default_na=False)


def _cited() -> dict[str, set[str]]:
    """Every cited source text -> the files citing it."""
    out: dict[str, set[str]] = {}
    for name, columns in LIST_COLUMNS.items():
        frame = data.read_csv(name, dtype=str, keep_default_na=False)
        for column in columns:
            for cell in frame[column]:
                for item in data.split_list(cell):
                    if not item.startswith("method:"):
                        out.setdefault(item, set()).add(name)
    for name, column in TEXT_COLUMNS.items():
        frame = data.read_csv(name, dtype=str, keep_default_na=False)
        for cell in frame[column]:
            for url in URL.findall(cell):
                out.setdefault(url, set()).add(name)
    return out


def _date(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def test_every_cited_source_is_described(sources):
    missing = sorted(set(_cited()) - set(sources["source"]))
    assert not missing, f"cited but not in sources.csv: {missing}"


def test_every_described_source_is_cited(sources):
    orphans = sorted(set(sources["source"]) - set(_cited()))
    assert not orphans, f"in sources.csv but cited by no file: {orphans}"


def test_every_source_has_a_kind_and_an_as_of_date(sources):
    assert sources["source"].is_unique
    assert set(sources["source_kind"]) <= set(SOURCE_KINDS)
    today = dt.date.today()
    for row in sources.itertuples(index=False):
        assert row.publisher.strip() and row.title.strip(), row.source
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row.as_of), row.source
        assert _date(row.as_of) <= today, row.source
        if row.published:
            assert _date(row.published) <= _date(row.as_of) or len(row.published) < 7, row.source
            if len(row.published) >= 7:
                assert row.as_of == row.published, f"{row.source}: as_of should be the publication date"
        else:
            assert "as_of is the date consulted" in row.note, row.source


def test_sources_without_a_url_say_so(sources):
    for row in sources.itertuples(index=False):
        if not row.source.startswith(("http://", "https://")):
            assert re.search(r"no URL|URL was not found|as first recorded", row.note), row.source


def test_secondary_sources_say_why_they_are_kept(sources):
    secondary = sources[sources["source_kind"] == "secondary"]
    assert (secondary["note"].str.len() > 10).all(), secondary.loc[secondary["note"].str.len() <= 10, "source"].tolist()


def test_kinds_agree_with_the_publisher_site(sources):
    for row in sources.itertuples(index=False):
        host = re.sub(r"^https?://", "", row.source).split("/")[0]
        for domain, kind in KIND_OF_DOMAIN.items():
            if domain in host and "/wiki/User:" not in row.source:  # a user draft is not the encyclopedia
                assert row.source_kind == kind, f"{row.source}: {row.source_kind}, expected {kind}"


def test_replaced_copies_are_not_cited_again():
    for text, files in _cited().items():
        host = re.sub(r"^https?://", "", text).split("/")[0]
        assert not any(d in host for d in REPLACED_DOMAINS), f"{text} ({sorted(files)}): cite the original instead"


def test_load_sources_filters_by_kind(sources):
    assert len(load_sources()) == len(sources)
    official = load_sources(kinds="official")
    assert len(official) > 0 and set(official["source_kind"]) == {"official"}
    both = load_sources(kinds=["agency", "newspaper"])
    assert set(both["source_kind"]) == {"agency", "newspaper"}


def test_share_of_secondary_sources_stays_below_a_third(sources):
    share = (sources["source_kind"] == "secondary").mean()
    assert share < 1 / 3, f"{share:.0%} of the sources are secondary"
