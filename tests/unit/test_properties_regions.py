"""Property-based tests (Hypothesis) of name resolution and as_of filtering."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coophelpers import load_regions, resolve_region
from coophelpers.regions import _attributes, _district_on

_ATTRS = _attributes()
NAMES = [
    (name.strip(), row.code)
    for row in _ATTRS.itertuples(index=False)
    for name in [row.code, row.name_en, row.name_zh, row.name_ru, *row.aliases.split("|")]
    if name.strip()
]


def _vary(name: str, data: st.DataObject) -> str:
    chars = []
    for ch in name:
        case = data.draw(st.sampled_from(["keep", "upper", "lower"]))
        ch = ch.upper() if case == "upper" else ch.lower() if case == "lower" else ch
        if ch in "еЕ" and data.draw(st.booleans()):
            ch = "ё" if ch == "е" else "Ё"
        chars.append(ch)
    pad = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
    return pad + "".join(chars) + data.draw(st.sampled_from(["", " ", "\n"]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(NAMES), st.data())
def test_every_name_resolves_ignoring_case_whitespace_and_yo(item, data):
    name, code = item
    assert resolve_region(_vary(name, data)) == code


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(NAMES))
def test_resolution_is_idempotent(item):
    name, _ = item
    code = resolve_region(name)
    assert resolve_region(code) == code


def test_all_names_resolve_exhaustively():
    wrong = [(n, c, resolve_region(n)) for n, c in NAMES if resolve_region(n) != c]
    assert not wrong


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.dates(min_value=dt.date(2000, 5, 13), max_value=dt.date(2026, 12, 31)),
        st.dates(min_value=dt.date(2014, 3, 15), max_value=dt.date(2014, 3, 25)),
    )
)
def test_as_of_never_returns_what_did_not_exist(date):
    frame = load_regions("RU", include_disputed=True, as_of=date)
    established = dict(zip(_ATTRS["code"], _ATTRS["established"], strict=True))
    disputed = frame[frame["status"] == "disputed"]
    for code in disputed["code"]:
        assert dt.date.fromisoformat(established[code]) <= date
    members = _district_on(date)
    assert all(members.get(c, "") == d for c, d in zip(frame["code"], frame["macro_region"], strict=True))
    if date < dt.date(2014, 3, 18):
        assert disputed.empty
