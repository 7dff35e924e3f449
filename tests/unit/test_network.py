"""Unit tests of coophelpers.network: routes, scenarios, errors and route maps."""

from __future__ import annotations

import datetime as dt

import folium
import networkx as nx
import numpy as np
import pytest

import coophelpers
from coophelpers import (
    InvalidInputError,
    NoRouteError,
    UnknownCrossingError,
    UnknownPlaceError,
)
from coophelpers import network
from types import SimpleNamespace

from coophelpers import settings
from coophelpers.geodesy import unwrap_longitudes
from coophelpers.maps import route_map
from coophelpers.network import Route, default_border_hours, load_network, route


def _corridor_of(crossings):
    """The corridor a route with these crossings takes (Route.corridor)."""
    return Route.corridor.fget(SimpleNamespace(crossings=crossings))

BEFORE_BRIDGES = "2022-01-01"  # before the Heihe road bridge (2022-06-10) and Tongjiang rail bridge (2022-11-16)
AFTER_BRIDGES = "2024-01-01"


# --- published totals ---------------------------------------------------------------------


def test_moscow_vladivostok_reproduces_the_trans_siberian_length():
    # 9,289 km is the length of the Trans-Siberian line itself (via Irkutsk and Chita, all in
    # Russia); trains leaving via Vladimir run about 30-40 km shorter.
    r = route("Moscow", "Vladivostok", modes=("rail",), via=("Irkutsk", "Chita"), countries=("RU",))
    assert r.length_km == pytest.approx(9289, rel=0.02)
    assert r.crossings == ()


def test_moscow_beijing_via_manzhouli_reproduces_the_published_length():
    r = route("Moscow", "Beijing", modes=("rail",), via="manzhouli-zabaykalsk-rail")
    assert r.length_km == pytest.approx(8961, rel=0.03)
    assert r.crossings == ("manzhouli-zabaykalsk-rail",)
    assert r.gauge_changes == 1


def test_moscow_beijing_via_mongolia_is_the_shortest_and_matches_the_published_length():
    # Moscow-Beijing by train K3/4 through Mongolia: 7,826 km (chinatravel.com)
    r = route("Moscow", "Beijing", modes=("rail",))
    assert r.length_km == pytest.approx(7826, rel=0.03)
    assert r.crossings == ("naushki-sukhbaatar-rail", "erenhot-zamynuud-rail")


# --- the route object -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def harbin_moscow() -> Route:
    return route("Heilongjiang", "Moscow", modes=("rail",))


def test_route_fields_are_consistent(harbin_moscow):
    r = harbin_moscow
    assert r.origin == "harbin" and r.destination == "moscow"
    assert r.length_km == pytest.approx(r.edges["length_km"].sum())
    assert r.time_h == pytest.approx(r.edges["time_h"].sum())
    assert 0.0 <= r.estimated_share <= 1.0
    assert r.estimated_share == pytest.approx(
        r.edges.loc[r.edges["estimated"], "length_km"].sum() / r.length_km
    )
    assert list(r.edges["from"][1:]) == list(r.edges["to"][:-1])  # contiguous, in travel order
    assert r.edges["from"].iloc[0] == "harbin" and r.edges["to"].iloc[-1] == "moscow"
    assert r.nodes[0] == "harbin" and len(r.nodes) == len(r.edges) + 1
    assert len(r.geometry.coords) == len(r.nodes)
    assert r.modes == ("rail",)
    assert "rail network" in r.method and "shortest by length" in r.method
    assert r.label == "Harbin – Moscow"
    assert isinstance(r.as_of, dt.date)


def test_every_route_edge_is_at_least_its_geodesic(harbin_moscow):
    nodes, _ = network.tables()
    for row in harbin_moscow.edges.itertuples():
        a, b = nodes.loc[row._2], nodes.loc[row.to]
        geo = coophelpers.geodesic_km((a.lat, a.lon), (b.lat, b.lon))
        assert row.length_km + 0.1 >= geo


def test_route_line_never_jumps_across_180_degrees():
    r = route("Moscow", "Anadyr", modes=network.MODES)
    lons = np.array([x for x, _ in r.geometry.coords])
    assert np.abs(np.diff(lons)).max() <= 180.0
    assert r.destination == "anadyr"


def test_unwrap_shifts_longitudes_across_the_antimeridian():
    out = unwrap_longitudes([(179.0, 65.0), (-179.0, 65.5), (-170.0, 66.0)])
    assert [round(x) for x, _ in out] == [179, 181, 190]


# --- time, dwell, gauge -------------------------------------------------------------------


def test_time_includes_border_and_gauge_dwell(harbin_moscow):
    r = harbin_moscow
    assert r.edges["border_h"].sum() == pytest.approx(settings.border_hours["rail"])
    assert r.edges["transfer_h"].sum() == pytest.approx(settings.gauge_change_hours)
    assert r.edges["gauge_change"].sum() == r.gauge_changes == 1 and r.mode_changes == 0
    running = (r.edges["length_km"] / settings.speed_kmh["rail"]).sum()
    assert r.time_h == pytest.approx(running + r.edges["dwell_h"].sum())
    # the break of gauge is at one of the two border stations, next to the crossing
    change = r.edges.index[r.edges["gauge_change"]][0]
    crossing = r.edges.index[r.edges["crossing_id"] != ""][0]
    assert change in (crossing, crossing + 1)


def test_border_hours_override_changes_time_not_length(harbin_moscow):
    cid = harbin_moscow.crossings[0]
    fast = route("Heilongjiang", "Moscow", modes=("rail",), border_hours={cid: 0})
    assert fast.length_km == pytest.approx(harbin_moscow.length_km)
    assert fast.time_h == pytest.approx(harbin_moscow.time_h - settings.border_hours["rail"])


def test_default_border_hours_and_halving_scenario():
    hours = default_border_hours()
    assert hours["manzhouli-zabaykalsk-rail"] == settings.border_hours["rail"]
    assert hours["heihe-kanikurgan-road-bridge"] == settings.border_hours["road"]
    assert hours["petukhovo-mamlyutka-rail"] == settings.eaeu_border_hours  # Russia-Kazakhstan
    half = {k: v / 2 for k, v in hours.items()}
    base = route("Wuhan", "Kazan", weight="time")
    faster = route("Wuhan", "Kazan", weight="time", border_hours=half)
    assert faster.time_h < base.time_h


def test_weight_time_prefers_fewer_borders():
    # By length Moscow-Vladivostok cuts through China (Manzhouli, Suifenhe); by time the two
    # border stops and gauge changes make the all-Russian line faster.
    short = route("Moscow", "Vladivostok", modes=("rail",))
    fast = route("Moscow", "Vladivostok", modes=("rail",), weight="time")
    assert len(short.crossings) == 2
    assert fast.crossings == ()
    assert fast.time_h < short.time_h
    assert "fastest" in fast.method


# --- dates: the 2022 bridges ------------------------------------------------------------------


@pytest.mark.parametrize("modes", [("rail", "road"), network.DEFAULT_MODES])
def test_heihe_bridge_only_after_it_opened(modes):
    # the default modes include the seasonal river ferry at Blagoveshchensk, but only as a last resort
    before = route("Amur Oblast", "Heilongjiang", modes=modes, as_of=BEFORE_BRIDGES)
    after = route("Amur Oblast", "Heilongjiang", modes=modes, as_of=AFTER_BRIDGES)
    assert "heihe-kanikurgan-road-bridge" not in before.crossings
    assert "heihe-blagoveshchensk-river" not in before.crossings
    assert after.crossings == ("heihe-kanikurgan-road-bridge",)
    assert after.length_km < before.length_km / 2


def test_tongjiang_bridge_only_after_it_opened():
    with pytest.raises(NoRouteError, match="not usable"):
        route("Birobidzhan", "Harbin", modes=("rail",), as_of=BEFORE_BRIDGES,
              via="tongjiang-nizhneleninskoye-rail-bridge")
    after = route("Birobidzhan", "Harbin", modes=("rail",), as_of=AFTER_BRIDGES)
    assert after.crossings == ("tongjiang-nizhneleninskoye-rail-bridge",)
    assert route("Birobidzhan", "Harbin", modes=("rail",), as_of="2022-11-16").crossings == after.crossings
    assert route("Birobidzhan", "Harbin", modes=("rail",), as_of="2022-11-15").crossings != after.crossings


def test_closed_periods_are_respected():
    # Shiwei-Olochi closed 2020-11 to 2023-05 (two rows in the edge table)
    g_closed = load_network(as_of="2021-06-01", modes=("road",))
    g_open = load_network(as_of="2024-06-01", modes=("road",))
    assert not g_closed.has_edge("olochi", "shiwei")
    assert g_open.has_edge("olochi", "shiwei")


def test_date_objects_and_strings_agree():
    a = route("Amur Oblast", "Heilongjiang", as_of=dt.date(2024, 1, 1))
    b = route("Amur Oblast", "Heilongjiang", as_of="2024-01-01")
    assert a.length_km == b.length_km and a.as_of == b.as_of == dt.date(2024, 1, 1)


# --- load_network -----------------------------------------------------------------------------


def test_load_network_graph():
    g = load_network(as_of=AFTER_BRIDGES)
    assert isinstance(g, nx.MultiGraph)
    assert g.graph["modes"] == network.MODES and g.graph["as_of"] == AFTER_BRIDGES
    assert g.nodes["harbin"]["region"] == "CN-HL"
    data = g.get_edge_data("manzhouli-rail", "harbin")
    (edge,) = data.values()
    assert edge["length_km"] == 935 and edge["mode"] == "rail" and not edge["estimated"]
    rail = load_network(as_of=AFTER_BRIDGES, modes="rail")
    assert {d["mode"] for _, _, d in rail.edges(data=True)} == {"rail"}
    early = load_network(as_of=BEFORE_BRIDGES)
    assert early.number_of_edges() < g.number_of_edges()


# --- errors -----------------------------------------------------------------------------------


def test_no_route_names_where_the_network_breaks():
    with pytest.raises(NoRouteError) as err:
        route("Kamchatka Krai", "Heilongjiang", modes=("rail", "road"))
    text = str(err.value)
    assert "Petropavlovsk-Kamchatsky" in text and "part of 1 place" in text
    assert "ferry-vladivostok-petropavlovsk-kamchatsky" in text and "mode 'ferry' not in modes" in text
    ok = route("Kamchatka Krai", "Heilongjiang", modes=("rail", "road", "ferry"))
    assert ok.modes[-1] == "ferry" or "ferry" in ok.modes


def test_no_route_names_closed_links():
    with pytest.raises(NoRouteError, match="opened 2022-06-10"):
        route("heihe-bridge", "kani-kurgan", modes=("road",), as_of=BEFORE_BRIDGES)


def test_unknown_place_suggests():
    with pytest.raises(UnknownPlaceError, match="Did you mean 'Harbin") as err:
        route("Harbn", "Moscow")
    assert "harbin" in err.value.suggestions
    assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)


def _without_centre(monkeypatch, code):
    """Make region ``code`` one without a place in the network (as Tibet was before it got one)."""
    from coophelpers import _network_data

    centres = {k: v for k, v in _network_data._centre_nodes().items() if k != code}
    monkeypatch.setattr(_network_data, "_centre_nodes", lambda: centres)


def test_region_without_a_node_is_explained(monkeypatch):
    _without_centre(monkeypatch, "CN-XZ")
    with pytest.raises(UnknownPlaceError, match="CN-XZ.*no administrative centre"):
        route("Tibet", "Moscow")


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"modes": ("rail", "plane")}, "Unknown mode 'plane'"),
        ({"modes": ()}, "non-empty"),
        ({"weight": "cost"}, "Unknown weight 'cost'"),
        ({"as_of": "01/02/2022"}, "not an ISO date"),
        ({"border_hours": {"manzhouli-zabaykalsk-rail": -1}}, ">= 0"),
        ({"border_hours": [1, 2]}, "must be a mapping"),
        ({"countries": ("XX",)}, "Unknown country code"),
    ],
)
def test_bad_arguments(kwargs, pattern):
    with pytest.raises(InvalidInputError, match=pattern):
        route("Harbin", "Moscow", **kwargs)


def test_unknown_crossing_in_border_hours_suggests():
    with pytest.raises(UnknownCrossingError, match="Did you mean 'manzhouli-zabaykalsk-rail'"):
        route("Harbin", "Moscow", border_hours={"manzhouli-zabaikalsk-rail": 10})


def test_same_place_and_bad_place_type():
    with pytest.raises(InvalidInputError, match="same place"):
        route("Harbin", "harbin")
    with pytest.raises(InvalidInputError, match="place name"):
        route((45.75, 126.65), "Moscow")


def test_countries_restriction_and_outside_end():
    r = route("Moscow", "Chita", modes=("rail",), countries=("RU",))
    assert set(r.edges["from"]).isdisjoint({"harbin", "ulaanbaatar"})
    with pytest.raises(InvalidInputError, match="outside countries"):
        route("Harbin", "Moscow", countries=("RU",))


def test_node_names_in_three_languages_resolve():
    assert route("哈尔滨", "Москва", modes=("rail",)).length_km == pytest.approx(
        route("harbin", "moscow", modes=("rail",)).length_km
    )


# --- maps ------------------------------------------------------------------------------------


def test_route_map_draws_routes_crossings_and_legend(harbin_moscow):
    other = route("Amur Oblast", "Heilongjiang")
    m = route_map({"Harbin – Moscow": harbin_moscow, "Blagoveshchensk – Harbin": other})
    assert isinstance(m, folium.Map)
    html = m.get_root().render()
    assert "Harbin – Moscow" in html and "Хабаровск" not in html
    assert "Москва" in html and "哈尔滨" in html  # trilingual tooltips
    m2 = route_map(harbin_moscow, m=folium.Map())
    assert isinstance(m2, folium.Map)


def test_route_map_rejects_other_things():
    with pytest.raises(InvalidInputError, match="coophelpers.route"):
        route_map(["Harbin"])
    with pytest.raises(InvalidInputError, match="folium.Map"):
        route_map(route("Harbin", "Changchun"), m="map")


def test_top_level_names():
    assert coophelpers.route is route
    assert coophelpers.Route is Route
    assert coophelpers.route_map is route_map
    assert coophelpers.load_network is load_network


# --- pairings ---------------------------------------------------------------------------------


def test_partner_routes_of_the_adjacent_pairing():
    pairs = coophelpers.mechanism_pairs("northeast-fareast", as_of=AFTER_BRIDGES)
    table = coophelpers.partner_routes("northeast-fareast", as_of=AFTER_BRIDGES)
    assert len(table) == len(pairs)
    assert (table["detour_index"] >= 1.0).all()
    assert table["network_km"].ge(table["geodesic_km"]).all()
    assert table["estimated_share"].between(0, 1).all()
    harbin_vladivostok = table[(table.code_cn == "CN-HL") & (table.code_ru == "RU-PRI")].iloc[0]
    assert harbin_vladivostok["corridor"] in {"suifenhe-grodekovo-rail", "suifenhe-pogranichny-road",
                                             "dongning-poltavka-road"}
    assert "sea_suez_km" not in table  # no maritime pair here
    assert "as of 2024-01-01" in table.attrs["method"]


def test_corridor_names_third_countries():
    assert _corridor_of(("naushki-sukhbaatar-rail", "erenhot-zamynuud-rail")) == "via Mongolia"
    assert _corridor_of(("alashankou-dostyk-rail", "petukhovo-mamlyutka-rail")) == "via Kazakhstan"
    assert _corridor_of(("manzhouli-zabaykalsk-rail",)) == "manzhouli-zabaykalsk-rail"
    assert _corridor_of(()) == "none"


def test_changed_constants_are_used(monkeypatch):
    base = route("Harbin", "Moscow", modes=("rail",), weight="time")
    monkeypatch.setitem(settings.border_hours, "rail", settings.border_hours["rail"] + 24)
    slower = route("Harbin", "Moscow", modes=("rail",), weight="time")
    assert slower.time_h == pytest.approx(base.time_h + 24 * len(base.crossings))
