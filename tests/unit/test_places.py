"""One gazetteer of places (issue 12, part 4): every helper that takes a place reads names by one rule.

The rule (``coophelpers.places``): a name that names a region means the region's administrative
centre; any other name is looked up among the gazetteer's places (centres, cities, network nodes,
ports, crossing sides) in three languages; a city that shares a region's bare name is named with a
type word or another form. These tests run one list of names through every helper and check that
they agree: the same point, the same node or port for that point, or the same error and candidates.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pytest

import coophelpers as ch
from coophelpers import InvalidInputError, UnknownPlaceError, UnknownRegionError, places
from coophelpers._network_data import _centre_nodes, node_coords, tables

AS_OF = "2024-01-01"
FAR = (55.7520, 37.6178)  # a point to measure from (Moscow)

#: name -> the gazetteer id it stands for
CITIES = {
    "Harbin": "harbin", "哈尔滨": "harbin", "Харбин": "harbin", "Harbin City": "harbin", "哈尔滨市": "harbin",
    "绥芬河": "suifenhe", "Suifenhe": "suifenhe", "Суйфэньхэ": "suifenhe", "Suifenhe (road)": "suifenhe",
    "Grodekovo": "grodekovo", "Гродеково": "grodekovo", "格罗杰科沃": "grodekovo",
    "Zabaykalsk": "zabaykalsk", "Забайкальск": "zabaykalsk", "后贝加尔斯克": "zabaykalsk",
    "Vladivostok": "vladivostok", "符拉迪沃斯托克": "vladivostok", "Владивосток": "vladivostok",
    "Jilin City": "jilin-city", "吉林市": "jilin-city", "Jilin (city)": "jilin-city",
    "Хабаровск": "khabarovsk", "город Хабаровск": "khabarovsk", "г. Хабаровск": "khabarovsk",
    "Manzhouli": "manzhouli", "满洲里": "manzhouli", "Heihe": "heihe",
    "Nizhneleninskoe": "nizhneleninskoye",  # a transliteration of Нижнеленинское
}
#: region name -> (its code, the id of its centre's place)
REGIONS = {
    "Heilongjiang": ("CN-HL", "harbin"), "黑龙江省": ("CN-HL", "harbin"), "CN-HL": ("CN-HL", "harbin"),
    "Jilin": ("CN-JL", "changchun"), "吉林": ("CN-JL", "changchun"), "Jilin Province": ("CN-JL", "changchun"),
    "Khabarovsk": ("RU-KHA", "khabarovsk"), "Khabarovsk Krai": ("RU-KHA", "khabarovsk"),
    "Хабаровский край": ("RU-KHA", "khabarovsk"), "RU-KHA": ("RU-KHA", "khabarovsk"),
    "Primorsky Krai": ("RU-PRI", "vladivostok"), "Приморье": ("RU-PRI", "vladivostok"),
}
#: ambiguous name -> the candidates every helper lists
AMBIGUOUS = {"Tongjiang": ["tongjiang-rail", "tongjiang-river-port"], "Altai": ["RU-AL", "RU-ALT"]}
UNKNOWN = ("Harbinn", "Atlantis", "45.75")


def _outcome(call):
    """``("ok", value)`` or ``("error", class, candidates)`` of one call."""
    try:
        return ("ok", call())
    except ch.CoophelpersError as err:
        return ("error", type(err), tuple(sorted(getattr(err, "suggestions", ()))))


def _point_helpers(name):
    """The point each geodesic helper puts on ``name`` (as (lat, lon), found back from distances)."""
    expected = places.resolve_place(name)
    here = (expected.lat, expected.lon)
    nearest = ch.nearest_crossings(name, n=1, as_of=AS_OF)
    return {
        "admin_centre": ch.admin_centre(name),
        "geodesic_km": ch.geodesic_km(name, here),
        "geodesic_km-list": float(ch.geodesic_km([name, "CN-BJ"], here)[0]),
        "distance_matrix": float(ch.distance_matrix([name], [here]).iat[0, 0]),
        "nearest_crossings": (nearest["id"].iloc[0], float(nearest["geodesic_km"].iloc[0])),
        "nearest_crossings-point": tuple(ch.nearest_crossings(here, n=1, as_of=AS_OF)[["id", "geodesic_km"]].iloc[0]),
    }


@pytest.mark.parametrize("name", [*CITIES, *REGIONS])
def test_every_geodesic_helper_puts_a_name_on_the_same_point(name):
    found = places.resolve_place(name)
    expected_id = CITIES[name] if name in CITIES else REGIONS[name][1]
    assert found.id == expected_id
    seen = _point_helpers(name)
    assert seen["admin_centre"] == (found.lat, found.lon)
    assert seen["geodesic_km"] == pytest.approx(0.0, abs=1e-6)
    assert seen["geodesic_km-list"] == pytest.approx(0.0, abs=1e-6)
    assert seen["distance_matrix"] == pytest.approx(0.0, abs=1e-6)
    assert seen["nearest_crossings"][0] == seen["nearest_crossings-point"][0]
    assert seen["nearest_crossings"][1] == pytest.approx(seen["nearest_crossings-point"][1])


@pytest.mark.parametrize("name", [*CITIES, *REGIONS])
def test_route_and_network_matrix_start_at_the_place_of_the_name(name):
    found = places.resolve_place(name)
    r = ch.route(name, "moscow", as_of=AS_OF)
    if found.named_region is not None:
        assert r.origin == _centre_nodes()[found.named_region]
    else:
        assert r.origin in found.nodes
    lon, lat = node_coords()[r.origin]
    assert ch.geodesic_km((lat, lon), (found.lat, found.lon)) <= places.MERGE_KM
    matrix = ch.distance_matrix([name], ["moscow"], method="network", as_of=AS_OF)
    assert matrix.iat[0, 0] == pytest.approx(r.length_km)


@pytest.mark.parametrize("name", ["Vladivostok", "Владивосток", "符拉迪沃斯托克", "Primorsky Krai", "RU-PRI"])
def test_sea_helpers_take_the_port_of_the_same_place(name):
    assert ch.sea_route(name, "murmansk", via="nsr").origin == "vladivostok"
    table = ch.sea_distances([name], ["murmansk"], via="nsr")
    assert table["origin"].tolist() == ["vladivostok"]
    assert ch.distance_matrix([name], ["murmansk"], method="sea", via="nsr").iat[0, 0] == pytest.approx(
        ch.sea_route("vladivostok", "murmansk", via="nsr").length_km
    )


def _every_helper(name):
    return {
        "resolve_place": _outcome(lambda: places.resolve_place(name)),
        "admin_centre": _outcome(lambda: ch.admin_centre(name)),
        "geodesic_km": _outcome(lambda: ch.geodesic_km(name, FAR)),
        "distance_matrix": _outcome(lambda: ch.distance_matrix([name], [FAR])),
        "distance_matrix-network": _outcome(lambda: ch.distance_matrix([name], ["moscow"], method="network")),
        "distance_matrix-sea": _outcome(lambda: ch.distance_matrix([name], ["murmansk"], method="sea")),
        "nearest_crossings": _outcome(lambda: ch.nearest_crossings(name)),
        "route": _outcome(lambda: ch.route(name, "moscow")),
        "sea_route": _outcome(lambda: ch.sea_route(name, "murmansk")),
        "sea_distances": _outcome(lambda: ch.sea_distances([name], ["murmansk"], via="suez")),
    }


@pytest.mark.parametrize(("name", "candidates"), AMBIGUOUS.items())
def test_an_ambiguous_name_gets_the_same_error_and_candidates_everywhere(name, candidates):
    for helper, outcome in _every_helper(name).items():
        assert outcome == ("error", UnknownPlaceError, tuple(candidates)), helper
    with pytest.raises(UnknownPlaceError) as err:
        ch.route(name, "moscow")
    text = str(err.value)
    assert "ambiguous" in text and all(c in text for c in candidates)
    assert ("region" if name == "Altai" else "crossing side in CN-HL") in text  # kinds and regions shown


@pytest.mark.parametrize("name", UNKNOWN)
def test_an_unknown_name_gets_the_same_error_everywhere(name):
    for helper, outcome in _every_helper(name).items():
        assert outcome[:2] == ("error", UnknownPlaceError), helper
    with pytest.raises(UnknownRegionError):  # code written for region-only helpers keeps working
        ch.geodesic_km(name, FAR)


def test_unknown_names_suggest_places_and_regions():
    with pytest.raises(UnknownPlaceError, match="Did you mean 'Harbin' \\(harbin\\)") as err:
        ch.geodesic_km("Harbinn", FAR)
    assert "harbin" in err.value.suggestions
    with pytest.raises(UnknownPlaceError, match="Did you mean.*Suifenhe") as err:
        ch.admin_centre("Suifenhee")


# --- the rule -------------------------------------------------------------------------------


def test_khabarovsk_city_and_the_krais_centre_are_one_point():
    """'Khabarovsk' names Khabarovsk Krai, whose centre is the city: every reading gives one point."""
    readings = ["Khabarovsk", "Khabarovsk Krai", "RU-KHA", "Хабаровский край", "Хабаровск", "город Хабаровск",
                "哈巴罗夫斯克"]
    points = {ch.admin_centre(name) for name in readings}
    assert points == {(48.462, 135.0971)}
    assert places.resolve_place("Khabarovsk").named_region == "RU-KHA"
    assert places.resolve_place("Хабаровск").named_region is None
    assert {ch.route(name, "harbin", as_of=AS_OF).origin for name in readings} == {"khabarovsk"}


def test_a_city_that_shares_a_regions_name_is_named_with_a_type_word():
    province, city = places.resolve_place("Jilin"), places.resolve_place("Jilin City")
    assert (province.id, province.named_region) == ("changchun", "CN-JL")
    assert city.id == "jilin-city" and city.named_region is None
    assert ch.geodesic_km("Jilin", "吉林市") > 90  # two places, about 100 km apart
    assert ch.route("吉林市", "harbin", as_of=AS_OF).origin == "jilin-city"
    assert ch.route("Jilin", "harbin", as_of=AS_OF).origin == "changchun"


def test_names_as_written_go_before_their_shortened_forms():
    assert places.resolve_place("Fuzhou").id == "fuzhou"  # the city; the port is Fuzhou (Jiangyin)
    assert places.resolve_place("Shenzhen").port == "shenzhen"  # only the port is called so
    assert places.resolve_place("Suifenhe (road)").node == "suifenhe-road"
    assert places.resolve_place("Suifenhe").node == "suifenhe-rail"


def test_a_place_with_several_nodes_starts_at_one_the_modes_use():
    assert ch.route("Suifenhe", "Vladivostok", as_of=AS_OF).origin == "suifenhe-rail"
    assert ch.route("Suifenhe", "Vladivostok", modes="road", as_of=AS_OF).origin == "suifenhe-road"
    assert ch.route("Suifenhe (road)", "Vladivostok", as_of=AS_OF).origin == "suifenhe-road"


def test_country_keeps_to_one_country():
    assert places.resolve_place("Grodekovo", country="RU").id == "grodekovo"
    assert places.resolve_place("Heilongjiang", country="中国").named_region == "CN-HL"
    with pytest.raises(UnknownPlaceError, match="in China.*Russia"):
        places.resolve_place("Grodekovo", country="CN")
    with pytest.raises(InvalidInputError, match="country"):
        places.resolve_place("Grodekovo", country="Mongolia")


def test_places_are_never_moved_silently():
    network = r"not a place of the transport network.*'Khabarovsk \(khabarovsk\)', \d+ km"
    with pytest.raises(UnknownPlaceError, match=network):
        ch.route("Fuyuan", "moscow")
    with pytest.raises(UnknownPlaceError, match=r"not a port.*Vladivostok \('vladivostok'\), \d+ km"):
        ch.sea_route("Harbin", "murmansk")
    with pytest.raises(UnknownPlaceError, match=r"Fuzhou \(Jiangyin\) \('fuzhou'\), \d+ km"):
        ch.sea_route("Fuzhou", "murmansk")
    assert ch.sea_route("fuzhou", "murmansk").origin == "fuzhou"  # the port's own id


def test_helper_ids_are_taken_as_they_are():
    assert ch.route("suifenhe-road", "moscow", as_of=AS_OF).origin == "suifenhe-road"
    assert ch.sea_route("shanghai", "murmansk").origin == "shanghai"
    for pid in places.load_gazetteer()["id"]:
        assert places.resolve_place(pid).id == pid


# --- the gazetteer --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer():
    return ch.load_gazetteer()


def test_gazetteer_is_a_table_of_points(gazetteer):
    assert isinstance(gazetteer, gpd.GeoDataFrame) and gazetteer.crs.equals("EPSG:4326")
    assert tuple(gazetteer.columns) == places.COLUMNS
    assert gazetteer["id"].is_unique
    for column in ("kinds", "nodes", "crossings", "names"):
        assert all(isinstance(cell, tuple) for cell in gazetteer[column])
    assert set(gazetteer["country"]) >= {"CN", "RU", "MN", "KZ"}
    assert (gazetteer.loc[gazetteer["country"].isin(["CN", "RU"]), "region"] != "").all()


def test_the_same_place_in_several_files_is_one_entry(gazetteer):
    rows = gazetteer.set_index("id")
    vladivostok = rows.loc["vladivostok"]
    assert vladivostok["kinds"] == ("admin_centre", "network_node", "port")
    assert (vladivostok["node"], vladivostok["port"], vladivostok["admin_centre_of"]) == ("vladivostok",) * 2 + ("RU-PRI",)
    assert (gazetteer["name_en"] == "Vladivostok").sum() == 1
    suifenhe = rows.loc["suifenhe"]
    assert set(suifenhe["crossings"]) == {"suifenhe-grodekovo-rail:cn", "suifenhe-pogranichny-road:cn"}
    assert rows.loc["khabarovsk", "crossings"] == ("fuyuan-khabarovsk-river:ru",)


def test_every_member_is_in_exactly_one_place_within_the_merge_distance(gazetteer):
    nodes, _ = tables()
    ports = ch.load_ports()
    crossings = ch.load_crossings()
    listed_nodes = [n for cell in gazetteer["nodes"] for n in cell]
    assert sorted(listed_nodes) == sorted(nodes.index)
    assert sorted(p for p in gazetteer["port"] if p) == sorted(ports.index)
    sides = sorted(s for cell in gazetteer["crossings"] for s in cell)
    assert sides == sorted(f"{c}:{side}" for c in crossings["id"] for side in ("cn", "ru"))
    assert sorted(c for c in gazetteer["admin_centre_of"] if c) == sorted(ch.load_regions(
        include_disputed=True, include_sar=True)["code"])
    for row in gazetteer.itertuples(index=False):
        for node in row.nodes:
            lon, lat = node_coords()[node]
            assert ch.geodesic_km((lat, lon), (row.lat, row.lon)) <= places.MERGE_KM, (row.id, node)
        if row.port:
            port = ports.loc[row.port]
            assert ch.geodesic_km((port["lat"], port["lon"]), (row.lat, row.lon)) <= places.MERGE_KM, row.id


def test_every_region_centre_is_the_node_routes_use(gazetteer):
    for row in gazetteer[gazetteer["admin_centre_of"] != ""].itertuples(index=False):
        assert _centre_nodes().get(row.admin_centre_of) == (row.node or None), row.id


def test_a_side_without_a_position_is_placed_at_its_crossing(gazetteer):
    rows = gazetteer.set_index("id")
    ushakovo = rows.loc["ushakovo"]
    assert ushakovo["position_from"] == "crossing"
    huma = ch.get_crossing("huma-ushakovo-river")
    assert math.isclose(ushakovo["lat"], huma["cn_lat"]) and math.isclose(ushakovo["lon"], huma["cn_lon"])
    assert rows.loc["makhalino", "crossings"] == ("hunchun-makhalino-rail:ru",)  # joined its node


def test_load_gazetteer_returns_a_new_table(gazetteer):
    first = ch.load_gazetteer()
    first.loc[0, "name_en"] = "changed"
    assert ch.load_gazetteer().loc[0, "name_en"] == gazetteer.loc[0, "name_en"]


def test_import_stays_cheap_and_the_names_are_public():
    assert ch.resolve_place is places.resolve_place and ch.load_gazetteer is places.load_gazetteer
    assert issubclass(UnknownPlaceError, UnknownRegionError)
