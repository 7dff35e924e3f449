"""The honest time model, one set of defaults, fast matrices and the gravity table (issue 13, parts 3-6).

* A fastest route pays for every change of mode and of gauge (``settings.mode_change_hours``,
  ``settings.gauge_change_hours``); its time is the sum of running time, border dwell and changes.
* Seasonal links (river ferries with an ice road in winter, summer-only shipping) are a last resort
  by default, so the Blagoveshchensk river ferry never beats the 2022 road bridge; the same pair has
  the same length from ``route``, ``distance_matrix``, ``partner_routes`` and ``gravity_table``.
* Matrices are one search per origin and agree with ``route`` cell by cell; a pair without a link
  is NaN with the reason, naming the places.
* ``gravity_table`` is tidy, complete and sourced.

The tests assert behaviour, not timings (``benchmarks/bench_network.py`` times them).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import coophelpers as ch
from coophelpers import InvalidInputError, NoRouteError, network, settings

AS_OF = "2024-01-01"
BEFORE_BRIDGES = "2022-01-01"
HOURS = {"rail-road": 6.0, "rail-ferry": 6.0, "road-ferry": 3.0}


def _mode(layer: str) -> str:
    return layer.split("-")[0]


def _changes(r) -> list[tuple[str, str]]:
    """The (from, to) layers of every change on a route."""
    return [tuple(t.split(" → ")) for cell in r.edges["transfer"] if cell for t in cell.split(", ")]


# --- the time model --------------------------------------------------------------------------


def test_the_defaults_are_documented_settings():
    assert settings.mode_change_hours == HOURS
    assert settings.seasonal_links == "last_resort"
    doc = settings.__doc__
    for name in ("mode_change_hours", "seasonal_links", "gauge_change_hours", "speed_kmh"):
        assert f"\n{name}\n" in doc
    assert "assumption" in doc and "line-class" in doc


@pytest.fixture(scope="module")
def harbin_moscow_fastest():
    return ch.route("Harbin", "Moscow", weight="time", as_of=AS_OF)


def test_a_change_of_mode_is_never_free(harbin_moscow_fastest):
    r = harbin_moscow_fastest
    changes = _changes(r)
    assert r.mode_changes == sum(1 for a, b in changes if _mode(a) != _mode(b)) >= 1
    for row in r.edges.itertuples():
        if row.Index and row.mode != r.edges["mode"].iloc[row.Index - 1]:
            pair = frozenset((row.mode, r.edges["mode"].iloc[row.Index - 1]))
            hours = {frozenset(k.split("-")): v for k, v in settings.mode_change_hours.items()}[pair]
            assert row.transfer_h >= hours > 0
    running = (r.edges["length_km"] / r.edges["mode"].map(settings.speed_kmh)).sum()
    assert r.time_h == pytest.approx(running + r.edges["border_h"].sum() + r.edges["transfer_h"].sum())
    assert r.edges["dwell_h"].sum() == pytest.approx(r.edges["border_h"].sum() + r.edges["transfer_h"].sum())


def test_free_changes_would_make_the_route_faster(harbin_moscow_fastest, monkeypatch):
    monkeypatch.setattr(settings, "mode_change_hours", dict.fromkeys(HOURS, 0.0))
    free = ch.route("Harbin", "Moscow", weight="time", as_of=AS_OF)
    assert free.time_h < harbin_moscow_fastest.time_h
    assert free.time_h == pytest.approx(harbin_moscow_fastest.time_h - 6.0 * harbin_moscow_fastest.mode_changes)


def test_costly_changes_keep_the_fastest_route_to_one_mode(monkeypatch):
    monkeypatch.setattr(settings, "mode_change_hours", dict.fromkeys(HOURS, 1000.0))
    r = ch.route("Harbin", "Moscow", weight="time", as_of=AS_OF)
    assert r.mode_changes == 0 and len(r.modes) == 1


def test_a_break_of_gauge_is_at_the_border_and_only_on_rail():
    # 1435 mm track reaches Zabaykalsk (dual-gauge border line): no change needed to get there
    assert ch.route("harbin", "zabaykalsk-rail", modes="rail", as_of=AS_OF).gauge_changes == 0
    into_russia = ch.route("harbin", "chita", modes="rail", as_of=AS_OF)
    assert into_russia.gauge_changes == 1 and into_russia.mode_changes == 0
    row = into_russia.edges[into_russia.edges["gauge_change"]].iloc[0]
    assert row["transfer_h"] == pytest.approx(settings.gauge_change_hours)
    assert {row["from"], row["to"]} & {"manzhouli-rail", "zabaykalsk-rail"}
    road = ch.route("harbin", "chita", modes="road", as_of=AS_OF)
    assert road.gauge_changes == 0 and road.edges["transfer_h"].sum() == 0


def test_gauge_and_border_settings_are_read_at_call_time(monkeypatch):
    base = ch.route("harbin", "chita", modes="rail", weight="time", as_of=AS_OF)
    monkeypatch.setattr(settings, "gauge_change_hours", settings.gauge_change_hours + 10)
    assert ch.route("harbin", "chita", modes="rail", weight="time", as_of=AS_OF).time_h == pytest.approx(base.time_h + 10)


def test_border_dwell_per_crossing_stays_overridable(harbin_moscow_fastest):
    (crossing,) = harbin_moscow_fastest.crossings
    faster = ch.route("Harbin", "Moscow", weight="time", as_of=AS_OF, border_hours={crossing: 0})
    assert faster.time_h == pytest.approx(harbin_moscow_fastest.time_h - settings.border_hours["road"])


@pytest.mark.parametrize(
    ("name", "value", "pattern"),
    [
        ("mode_change_hours", {"rail-road": 6}, "lacks"),
        ("mode_change_hours", {"rail-road": 6, "rail-ferry": 6, "road-plane": 1}, "key 'road-plane'"),
        ("mode_change_hours", {"rail-road": -1, "rail-ferry": 6, "road-ferry": 3}, "hours >= 0"),
        ("seasonal_links", "sometimes", "seasonal_links='sometimes'"),
        ("speed_kmh", {"rail": 0, "road": 60, "ferry": 25}, "km/h > 0"),
    ],
)
def test_bad_settings_name_themselves_and_the_fix(monkeypatch, name, value, pattern):
    monkeypatch.setattr(settings, name, value)
    with pytest.raises(InvalidInputError, match=pattern) as err:
        ch.route("harbin", "chita", weight="time")
    assert f"settings.{name}" in str(err.value) and "Fix" in str(err.value)


def test_the_fastest_route_is_never_slower_nor_the_shortest_longer():
    for a, b in (("Harbin", "Moscow"), ("Wuhan", "Kazan"), ("Beijing", "Vladivostok"), ("RU-KAM", "CN-JL")):
        short = ch.route(a, b, as_of=AS_OF)
        fast = ch.route(a, b, as_of=AS_OF, weight="time")
        assert fast.time_h <= short.time_h + 1e-9
        assert short.length_km <= fast.length_km + 1e-9


# --- one set of defaults: seasonal links as a last resort ----------------------------------------


def test_the_river_ferry_never_beats_the_road_bridge_by_default():
    for weight in ("length", "time"):
        r = ch.route("Amur Oblast", "Heilongjiang", as_of=AS_OF, weight=weight)
        assert r.crossings == ("heihe-kanikurgan-road-bridge",) and r.seasonal == ()
    before = ch.route("Amur Oblast", "Heilongjiang", as_of=BEFORE_BRIDGES)
    assert "heihe-blagoveshchensk-river" not in before.crossings


def test_seasonal_links_can_be_allowed_or_excluded(monkeypatch):
    monkeypatch.setattr(settings, "seasonal_links", "allow")
    summer = ch.route("Amur Oblast", "Heilongjiang", as_of=AS_OF)
    assert summer.crossings == ("heihe-blagoveshchensk-river",)
    assert summer.seasonal == ("ferry-blagoveshchensk-river-heihe-river",)
    assert "seasonal links allowed" in summer.method
    # by time, the ferry's dwell and two changes of mode lose to the bridge even in summer
    assert ch.route("Amur Oblast", "Heilongjiang", as_of=AS_OF, weight="time").crossings == (
        "heihe-kanikurgan-road-bridge",)
    monkeypatch.setattr(settings, "seasonal_links", "exclude")
    with pytest.raises(NoRouteError, match="seasonal.*settings.seasonal_links='exclude'"):
        ch.route("Harbin", "Yakutsk", as_of=AS_OF)


def test_places_reached_only_by_seasonal_links_still_get_a_route():
    r = ch.route("Harbin", "Yakutsk", as_of=AS_OF)
    assert r.seasonal == ("ferry-nizhny-bestyakh-yakutsk",)
    assert "ferry_and_ice_road" in set(r.edges["seasonality"])
    routes = ch.partner_routes("northeast-fareast", as_of=AS_OF)
    yakutia = routes[(routes["code_cn"] == "CN-HL") & (routes["code_ru"] == "RU-SA")].iloc[0]
    assert "ferry-nizhny-bestyakh-yakutsk" in yakutia["note"]
    assert routes["corridor"].ne("no route").all()


@pytest.mark.parametrize(("cn", "ru"), [("CN-HL", "RU-AMU"), ("CN-HL", "RU-SA"), ("CN-HB", "RU-TA"), ("CN-GD", "RU-SPE")])
def test_the_same_pair_has_the_same_length_whichever_function_is_called(cn, ru, gravity):
    by_route = ch.route(cn, ru, as_of=AS_OF)
    by_matrix = ch.distance_matrix(cn, ru, method="network", as_of=AS_OF).iat[0, 0]
    routes = ch.partner_routes(as_of=AS_OF)
    row = routes[(routes["code_cn"] == cn) & (routes["code_ru"] == ru)].iloc[0]
    cell = gravity.set_index(["origin", "destination", "method"])["value"]
    assert by_matrix == pytest.approx(by_route.length_km)
    assert row["network_km"] == pytest.approx(by_route.length_km)
    assert cell[cn, ru, "network_length"] == pytest.approx(by_route.length_km)
    fastest = ch.route(cn, ru, as_of=AS_OF, weight="time")
    assert cell[cn, ru, "network_time"] == pytest.approx(fastest.time_h)
    assert row["time_h"] == pytest.approx(by_route.time_h)
    assert row["corridor"] == by_route.corridor and row["crossings"] == by_route.crossings


def test_partner_routes_agree_with_route_pair_by_pair():
    routes = ch.partner_routes("yangtze-volga", as_of=AS_OF, weight="time")
    for row in routes.sample(12, random_state=1).itertuples():
        r = ch.route(row.code_cn, row.code_ru, as_of=AS_OF, weight="time")
        assert row.time_h == pytest.approx(r.time_h)
        assert row.network_km == pytest.approx(r.length_km)
        assert row.estimated_share == pytest.approx(r.estimated_share)


def test_scenarios_are_package_functions_on_the_same_routes():
    change = ch.network_change("northeast-fareast", before=BEFORE_BRIDGES, after=AS_OF)
    row = change.set_index(["code_cn", "code_ru"]).loc[("CN-HL", "RU-AMU")]
    assert row["corridor_after"] == "heihe-kanikurgan-road-bridge" and row["changed"]
    assert row["network_km_after"] == pytest.approx(ch.route("CN-HL", "RU-AMU", as_of=AS_OF).length_km)
    table = ch.dwell_scenario(factor=0.5, as_of=AS_OF)
    assert list(table.index) == [m for m in ch.load_mechanisms()["id"]]
    assert (table["scenario_h"] < table["default_h"]).all()
    routes = ch.partner_routes(as_of=AS_OF, weight="time")
    medians = routes.groupby("mechanism")["time_h"].median()
    assert table["default_h"].to_dict() == pytest.approx(medians.to_dict())


def test_network_change_names_the_bad_date():
    with pytest.raises(InvalidInputError, match="after"):
        ch.network_change("northeast-fareast", before="2022-01-01", after="2024/01/01")


# --- matrices --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def codes():
    regions = ch.load_regions()
    return (sorted(regions.loc[regions["country"] == "CN", "code"]),
            sorted(regions.loc[regions["country"] == "RU", "code"]))


def test_the_complete_matrix_agrees_with_route(codes):
    cn, ru = codes
    matrix = ch.distance_matrix(cn, ru, method="network", as_of=AS_OF)
    assert matrix.shape == (31, 83)
    rng = np.random.default_rng(13)
    for i, j in zip(rng.integers(0, 31, 15), rng.integers(0, 83, 15)):
        value = matrix.iat[i, j]
        if math.isnan(value):
            assert (cn[i], ru[j]) in matrix.attrs["no_link"]
            continue
        assert value == pytest.approx(ch.route(cn[i], ru[j], as_of=AS_OF).length_km)
    assert set(matrix.attrs["no_link"]) == {(o, d) for o in cn for d in ru if math.isnan(matrix.at[o, d])}


def _without_centre(monkeypatch, *codes):
    """Make regions ones without a place in the network (as 26 were before the data was extended)."""
    from coophelpers import _network_data

    centres = {k: v for k, v in _network_data._centre_nodes().items() if k not in codes}
    monkeypatch.setattr(_network_data, "_centre_nodes", lambda: centres)


def test_a_region_without_a_place_gives_nan_with_its_name_not_an_error(monkeypatch):
    _without_centre(monkeypatch, "CN-GZ", "CN-SC")
    matrix = ch.distance_matrix(["CN-GZ", "CN-HL"], ["RU-MOW", "RU-PRI"], method="network", as_of=AS_OF)
    assert matrix.loc["CN-GZ"].isna().all() and matrix.loc["CN-HL"].notna().all()
    assert matrix.attrs["no_link"] == {
        ("CN-GZ", "RU-MOW"): "Guizhou (CN-GZ) has no place in the transport network",
        ("CN-GZ", "RU-PRI"): "Guizhou (CN-GZ) has no place in the transport network",
    }
    with pytest.raises(ch.UnknownPlaceError, match="no administrative centre"):
        ch.route("CN-GZ", "RU-MOW")
    routes = ch.partner_routes("yangtze-volga", as_of=AS_OF)  # Sichuan is a member
    gone = routes[routes["code_cn"] == "CN-SC"]
    assert len(gone) and (gone["corridor"] == "no route").all() and gone["network_km"].isna().all()
    assert gone["note"].str.contains("Sichuan (CN-SC) has no place", regex=False).all()
    assert routes.loc[routes["code_cn"] != "CN-SC", "network_km"].notna().all()
    table = ch.gravity_table(as_of=AS_OF)
    cells = table[(table["origin"] == "CN-GZ") & table["method"].str.startswith("network")]
    assert len(cells) == 2 * 83 and cells["value"].isna().all()
    assert cells["note"].str.startswith("Guizhou (CN-GZ) has no place").all()


def test_a_pair_the_modes_do_not_join_is_nan_with_the_reason():
    matrix = ch.distance_matrix(["CN-HL"], ["RU-KAM", "RU-MOW"], method="network", modes=("rail", "road"), as_of=AS_OF)
    assert math.isnan(matrix.iat[0, 0]) and not math.isnan(matrix.iat[0, 1])
    reason = matrix.attrs["no_link"][("CN-HL", "RU-KAM")]
    assert "Petropavlovsk-Kamchatsky" in reason and "mode 'ferry' not in modes" in reason
    with pytest.raises(ch.UnknownPlaceError):  # an unknown place is still an error
        ch.distance_matrix(["CN-HL"], ["Kamchatkaa"], method="network")


def test_length_matrix_is_the_engine_of_distance_matrix(codes):
    cn, ru = codes
    values, method = network.length_matrix(cn[:3], ru[:5], as_of=AS_OF)
    frame = ch.distance_matrix(cn[:3], ru[:5], method="network", as_of=AS_OF)
    np.testing.assert_allclose(values, frame.to_numpy())
    assert method == frame.attrs["method"]


# --- the gravity table -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gravity():
    return ch.gravity_table(as_of=AS_OF)


def test_the_gravity_table_is_tidy_and_complete(gravity, codes):
    cn, ru = codes
    assert list(gravity.columns) == ["origin", "destination", "method", "value", "unit", "estimated_share",
                                     "uncertainty", "sources", "note"]
    assert not gravity.duplicated(["origin", "destination", "method"]).any()
    counts = gravity["method"].value_counts()
    for method in ("geodesic", "network_length", "network_time"):
        assert counts[method] == len(cn) * len(ru) == 31 * 83
    assert set(gravity["method"]) == set(ch.partners.GRAVITY_METHODS)
    units = gravity.groupby("method")["unit"].unique().map(tuple).to_dict()
    assert units == {m: (u,) for m, u in ch.partners.GRAVITY_METHODS.items()}
    assert gravity["sources"].str.len().gt(20).all()
    assert gravity.attrs["as_of"] == AS_OF


def test_gravity_values_are_consistent(gravity):
    wide = gravity.pivot_table(index=["origin", "destination"], columns="method", values="value")
    both = wide.dropna(subset=["network_length"])
    assert (both["network_length"] >= both["geodesic"] * (1 - 1e-9)).all()
    assert (both["network_time"] > 0).all()
    share = gravity.loc[gravity["method"].str.startswith("network"), "estimated_share"].dropna()
    assert share.between(0, 1).all()
    assert (gravity.loc[gravity["method"] == "geodesic", "estimated_share"] == 0).all()
    missing = gravity[gravity["value"].isna()]
    assert missing["note"].str.len().gt(0).all()  # every NaN says why


def test_sea_rows_only_where_both_regions_have_a_western_or_arctic_port(gravity):
    sea = gravity[gravity["method"].str.startswith("sea")]
    assert set(sea["origin"]) <= {code for code in ch.sea.MAIN_PORT if code.startswith("CN-")}
    assert set(sea["destination"]) == {"RU-SPE", "RU-LEN", "RU-KGD", "RU-MUR", "RU-ARK"}
    row = sea[(sea["origin"] == "CN-SH") & (sea["destination"] == "RU-MUR") & (sea["method"] == "sea_nsr")].iloc[0]
    assert row["value"] == pytest.approx(ch.sea_route("shanghai", "murmansk", via="nsr").length_km)
    assert "shanghai" in row["note"]
