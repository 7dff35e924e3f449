"""One consistent public API: the same question gets the same answer from every function.

* ``route``, ``distance_matrix(method="network")`` and ``partner_routes`` share their default
  modes, so the same pair gives the same length from each.
* ``as_of=None`` means the same date everywhere (``settings.default_as_of``), and each dataset
  refuses dates before its first record with a message naming that dataset.
* ``mechanism=None`` means all four wherever a mechanism is taken.
* Old spellings of renamed parameters still work and warn with ``CoophelpersDeprecationWarning``.
* Every table of places is a GeoDataFrame; cells holding several values are tuples.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest

import coophelpers as ch
from coophelpers import CoophelpersDeprecationWarning, CoophelpersWarning, InvalidInputError, settings
from coophelpers._validate import FIRST_DATES

AS_OF = "2024-01-01"


@pytest.fixture(scope="module")
def all_partner_routes():
    """partner_routes for all four mechanisms on AS_OF (a few seconds: computed once here)."""
    return ch.partner_routes(as_of=AS_OF)


@pytest.mark.parametrize(("cn", "ru"), [("CN-HL", "RU-AMU"), ("CN-HB", "RU-TA"), ("CN-BJ", "RU-MOW"), ("CN-JL", "RU-KAM")])
def test_the_same_pair_has_the_same_network_length_everywhere(cn, ru, all_partner_routes):
    by_route = ch.route(cn, ru, as_of=AS_OF).length_km
    by_matrix = ch.distance_matrix([cn], [ru], method="network", as_of=AS_OF).iat[0, 0]
    assert by_matrix == pytest.approx(by_route)
    routes = all_partner_routes
    row = routes[(routes["code_cn"] == cn) & (routes["code_ru"] == ru)]
    if not row.empty:  # the pair belongs to a mechanism
        assert row["network_km"].iloc[0] == pytest.approx(by_route)


def test_one_default_for_modes():
    assert ch.network.DEFAULT_MODES == ("rail", "road", "ferry")
    defaults = [
        __import__("inspect").signature(f).parameters["modes"].default
        for f in (ch.route, ch.partner_routes, ch.load_network, ch.network.length_matrix)
    ]
    assert all(d == ch.network.DEFAULT_MODES for d in defaults)


def test_as_of_none_means_the_same_day_everywhere(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert settings.default_as_of() == dt.date(2021, 6, 1)
    assert (ch.load_crossings()["status"] == ch.load_crossings(as_of="2021-06-01")["status"]).all()
    assert ch.load_network().graph["as_of"] == "2021-06-01"
    assert ch.route("harbin", "moscow").as_of == dt.date(2021, 6, 1)
    members = ch.mechanism_members("northeast-fareast")
    assert members.equals(ch.mechanism_members("northeast-fareast", as_of="2021-06-01"))


def test_each_dataset_names_its_own_first_date():
    for dataset, (first, _why) in FIRST_DATES.items():
        before = (first - dt.timedelta(days=1)).isoformat()
        call = {
            "regions": lambda d: ch.load_regions(as_of=d),
            "mechanisms": lambda d: ch.mechanism_members("yangtze-volga", as_of=d),
            "crossings": lambda d: ch.load_crossings(as_of=d),
            "network": lambda d: ch.route("harbin", "moscow", as_of=d),
            "ties": lambda d: ch.load_trade(as_of=d),
        }[dataset]
        with pytest.raises(InvalidInputError, match=first.isoformat()):
            call(before)
    # partner routes use the mechanisms' first date, and say so
    with pytest.raises(InvalidInputError, match="mechanism members follow the federal districts"):
        ch.partner_routes("yangtze-volga", as_of="1995-01-01")


def test_first_dates_match_the_data():
    crossings = ch.data.read_csv("crossings.csv", dtype=str, keep_default_na=False)
    years = [int(v[:4]) for col in ("opened", "closed", "reopened") for v in crossings[col] if v]
    assert FIRST_DATES["crossings"][0].year == min(years)
    edges = ch.data.read_csv("network_edges.csv", dtype=str, keep_default_na=False)
    first_edge = min(v for col in ("opened", "closed") for v in edges[col] if v)
    assert FIRST_DATES["network"][0].isoformat().startswith(first_edge)
    membership = ch.data.read_csv("federal_district_membership.csv", dtype=str, keep_default_na=False)
    assert FIRST_DATES["regions"][0].isoformat() == min(membership["valid_from"])


def test_mechanism_none_means_all_four(all_partner_routes):
    ids = list(ch.load_mechanisms()["id"])
    assert list(dict.fromkeys(ch.mechanism_members(as_of=AS_OF)["mechanism"])) == ids
    assert list(dict.fromkeys(ch.mechanism_pairs(as_of=AS_OF)["mechanism"])) == ids
    assert list(dict.fromkeys(all_partner_routes["mechanism"])) == ids
    assert len(ch.mechanism_variants()) == len(ch.mechanism_variants("north-central")) + len(
        ch.mechanism_variants("southeast-northwest")
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (lambda: ch.load_crossings(mode="rail"), lambda: ch.load_crossings(modes="rail")),
        (lambda: ch.nearest_crossings("Jilin", mode="rail"), lambda: ch.nearest_crossings("Jilin", modes="rail")),
        (lambda: ch.crossing_gaps(mode="rail"), lambda: ch.crossing_gaps(modes="rail")),
        (lambda: ch.geodesic_km(a="CN-BJ", b="RU-MOW"), lambda: ch.geodesic_km(origin="CN-BJ", destination="RU-MOW")),
        (
            lambda: ch.sea_route(origin_port="shanghai", destination_port="murmansk"),
            lambda: ch.sea_route(origin="shanghai", destination="murmansk"),
        ),
    ],
)
def test_old_spellings_warn_and_give_the_same_answer(old, new):
    with pytest.warns(CoophelpersDeprecationWarning, match="deprecated"):
        got = old()
    expected = new()
    if hasattr(expected, "equals"):
        assert got.equals(expected)
    elif hasattr(expected, "length_km"):
        assert got.length_km == expected.length_km
    else:
        assert got == expected


def test_old_and_new_spelling_together_is_an_error():
    with pytest.raises(InvalidInputError, match="both mode= and modes="):
        ch.load_crossings(mode="rail", modes="rail")


def test_moved_settings_warn_from_their_old_place():
    with pytest.warns(CoophelpersDeprecationWarning, match="settings.border_hours"):
        assert ch.network.BORDER_HOURS is settings.border_hours
    assert issubclass(CoophelpersDeprecationWarning, CoophelpersWarning)
    assert issubclass(CoophelpersWarning, UserWarning)


def test_tables_of_places_are_geodataframes():
    for table in (ch.nearest_crossings("Jilin", as_of=AS_OF), ch.load_ports(), ch.load_places(), ch.load_crossings()):
        assert isinstance(table, gpd.GeoDataFrame) and table.crs.equals("EPSG:4326")


def test_multi_value_cells_are_tuples():
    cells = [
        ch.load_crossings()["sources"].iloc[0],
        ch.load_mechanisms()["sources"].iloc[0],
        ch.mechanism_members("yangtze-volga", as_of=AS_OF)["source"].iloc[0],
        ch.border_line()["codes_cn"].iloc[0],
        ch.crossing_gaps()["to_ids"].iloc[1],
        ch.sea_distances(["shanghai"], ["murmansk"])["passages"].iloc[0],
        ch.partner_routes("northeast-fareast", as_of=AS_OF)["crossings"].iloc[0],
        ch.mechanism_variants()["codes"].iloc[0],
    ]
    assert all(isinstance(cell, tuple) and cell for cell in cells), [type(c) for c in cells]


def test_region_codes_of_the_two_sides_have_one_name():
    for frame in (ch.load_crossings(), ch.nearest_crossings("Jilin"), ch.mechanism_pairs("yangtze-volga", as_of=AS_OF)):
        assert {"code_cn", "code_ru"} <= set(frame.columns)
        assert not {"cn_region", "ru_region"} & set(frame.columns)
