"""Validation of the transport network and ports (network_nodes.csv, network_edges.csv, ports.csv).

Checks: the manifest describes the files; ids are unique and edges join known nodes; every edge is
at least as long as the geodesic between its ends; every edge is sourced, and every estimated edge
says how it was estimated; administrative-centre nodes sit exactly on the regions' centres and
crossing nodes on crossings.csv; China-Russia crossing ids exist in crossings.csv, third-country
crossings join CN, MN or KZ; the members of every mechanism are connected; ports lie on the water
side (searoute snaps them close).
"""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
import pandas as pd
import pytest
from pyproj import Geod

from coophelpers import data as cdata
from coophelpers import network

pytestmark = pytest.mark.data

GEOD = Geod(ellps="WGS84")
FILES = ("network_nodes.csv", "network_edges.csv", "ports.csv")
NODE_COLUMNS = ["id", "name_en", "name_zh", "name_ru", "country", "kind", "region", "crossing_id",
                "lat", "lon", "source", "as_of"]
EDGE_COLUMNS = ["id", "from", "to", "mode", "gauge", "crossing_id", "length_km", "estimated",
                "circuity", "opened", "closed", "source", "as_of", "note", "seasonality", "access",
                "length_source_kind", "uncertainty_km"]
KINDS = {"admin_centre", "crossing", "junction", "port"}
COUNTRIES = {"CN", "RU", "MN", "KZ", "LT", "BY"}  # LT, BY: the Kaliningrad rail transit
GAUGES = {"1435", "1520", "dual"}
#: The China-Russia crossings the network uses (ids of data/geo/crossings.csv).
CN_RU_CROSSINGS = {
    "manzhouli-zabaykalsk-rail", "manzhouli-zabaykalsk-road", "suifenhe-grodekovo-rail",
    "suifenhe-pogranichny-road", "hunchun-makhalino-rail", "hunchun-kraskino-road",
    "tongjiang-nizhneleninskoye-rail-bridge", "heihe-kanikurgan-road-bridge",
    "heihe-blagoveshchensk-river", "dongning-poltavka-road", "shiwei-olochi-road-bridge",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_PORT_SNAP_KM = 70.0


def _read(name: str) -> pd.DataFrame:
    return cdata.read_csv(name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def nodes() -> pd.DataFrame:
    frame = _read("network_nodes.csv")
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    return frame.set_index("id", drop=False)


@pytest.fixture(scope="module")
def edges() -> pd.DataFrame:
    frame = _read("network_edges.csv")
    frame["length_km"] = frame["length_km"].astype(float)
    return frame


@pytest.mark.parametrize("name", FILES)
def test_registered_in_the_manifest(name):
    entry = cdata.manifest()["files"][name]
    assert entry["script"] == "data/geo/build/build_network.py"
    assert entry["rows"] == len(_read(name))
    for key in ("title", "source", "licence", "as_of"):
        assert entry[key]


def test_node_table(nodes):
    assert list(nodes.columns[: len(NODE_COLUMNS)]) == NODE_COLUMNS
    assert nodes["id"].is_unique
    assert set(nodes["kind"]) <= KINDS
    assert set(nodes["country"]) <= COUNTRIES
    assert nodes["lat"].between(-90, 90).all() and nodes["lon"].between(-180, 180).all()
    for col in ("name_en", "name_zh", "name_ru", "source", "as_of"):
        assert (nodes[col] != "").all(), col
    assert nodes["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert nodes["name_ru"].str.contains(r"[А-Яа-яЁё]").all()


def test_admin_centres_sit_on_the_regions_centres(nodes):
    regions = _read("regions.csv").set_index("code")
    centres = nodes[nodes["kind"] == "admin_centre"]
    assert centres["region"].is_unique
    for row in centres.itertuples():
        reg = regions.loc[row.region]
        assert row.country == reg["country"]
        assert row.lat == pytest.approx(float(reg["capital_lat"]), abs=1e-6), row.id
        assert row.lon == pytest.approx(float(reg["capital_lon"]), abs=1e-6), row.id
    assert (nodes.loc[nodes["kind"] != "admin_centre", "region"] == "").all()


def test_crossing_nodes_sit_on_crossings_csv(nodes):
    crossings = _read("crossings.csv").set_index("id")
    for row in nodes[nodes["crossing_id"].isin(CN_RU_CROSSINGS)].itertuples():
        side = "cn" if row.country == "CN" else "ru"
        lat = crossings.loc[row.crossing_id, f"{side}_lat"]
        if not lat:  # position not curated there: the node says it is approximate
            assert "approximate" in row.source
            continue
        assert row.lat == pytest.approx(float(lat), abs=1e-5), row.id
        assert row.lon == pytest.approx(float(crossings.loc[row.crossing_id, f"{side}_lon"]), abs=1e-5)


def test_edge_table(edges, nodes):
    assert list(edges.columns) == EDGE_COLUMNS
    assert edges["id"].is_unique
    assert set(edges["from"]) | set(edges["to"]) <= set(nodes.index)
    assert set(nodes.index) <= set(edges["from"]) | set(edges["to"])  # no isolated node
    assert set(edges["mode"]) <= set(network.MODES)
    rail = edges[edges["mode"] == "rail"]
    assert set(rail["gauge"]) <= GAUGES
    assert (edges.loc[edges["mode"] != "rail", "gauge"] == "").all()
    assert set(edges["estimated"]) <= {"true", "false"}
    assert (edges["length_km"] > 0).all()
    for col in ("opened", "closed"):
        assert edges[col].map(lambda v: v == "" or bool(DATE_RE.match(v))).all(), col
    both = edges[(edges["opened"] != "") & (edges["closed"] != "")]
    assert (both["opened"] < both["closed"]).all()
    assert edges["as_of"].map(lambda v: bool(DATE_RE.match(v))).all()


def test_every_edge_is_at_least_its_geodesic(edges, nodes):
    a = nodes.loc[edges["from"]]
    b = nodes.loc[edges["to"]]
    _, _, dist = GEOD.inv(a["lon"].to_numpy(), a["lat"].to_numpy(), b["lon"].to_numpy(), b["lat"].to_numpy())
    geodesic = dist / 1000.0
    short = edges[edges["length_km"].to_numpy() + 0.05 < geodesic]
    assert short.empty, short[["id", "length_km"]]


def test_every_edge_is_sourced_or_marked_estimated(edges):
    assert (edges["source"].str.len() > 10).all()
    published = edges[edges["estimated"] == "false"]
    # a published length names where it was published
    cited = published["source"].str.contains(r"https?://|\b[\w-]+\.(?:com|org|net|ru|cn|pl|de|info)\b|Handbook|crossings\.csv")
    assert cited.all(), published.loc[~cited, "id"]
    estimated = edges[edges["estimated"] == "true"]
    explained = (estimated["circuity"] != "") | estimated["source"].str.contains("searoute")
    assert explained.all(), estimated.loc[~explained, "id"]
    factor = estimated.loc[estimated["circuity"] != "", "circuity"].astype(float)
    assert factor.between(1.0, 2.0).all()
    assert len(published) >= 40  # the trunk lines carry published lengths


def test_crossing_ids(edges, nodes):
    crossings = set(_read("crossings.csv")["id"])
    used = set(edges.loc[edges["crossing_id"] != "", "crossing_id"])
    assert CN_RU_CROSSINGS <= used
    assert CN_RU_CROSSINGS <= crossings
    country = nodes["country"]
    for row in edges[edges["crossing_id"] != ""].itertuples():
        pair = {country[row._2], country[row.to]}
        if row.crossing_id in CN_RU_CROSSINGS:
            assert pair == {"CN", "RU"}, row.id
        else:  # via Mongolia or Kazakhstan, or the Kaliningrad transit: not a China-Russia crossing
            assert row.crossing_id not in crossings
            assert pair & {"MN", "KZ", "LT", "BY"}, row.id
    # every edge joining two countries names its crossing
    cross_border = edges[edges["from"].map(country) != edges["to"].map(country)]
    assert (cross_border["crossing_id"] != "").all(), cross_border.loc[cross_border["crossing_id"] == "", "id"]


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat((text + "-01-01")[:10]) if len(text) == 4 else \
        dt.date.fromisoformat((text + "-01")[:10]) if len(text) == 7 else dt.date.fromisoformat(text) if text else None


def test_edges_are_closed_while_their_crossing_was_closed(edges):
    # a crossing closed and reopened (crossings.csv) has no open edge in between: routes cannot use it then
    crossings = _read("crossings.csv")
    windows = crossings[(crossings["closed"] != "") & (crossings["reopened"] != "")]
    assert len(windows) >= 4
    for row in windows.itertuples():
        inside = _day(row.closed)
        mine = edges[edges["crossing_id"] == row.id]
        for edge in mine.itertuples():
            opened, closed = _day(edge.opened), _day(edge.closed)
            open_then = (opened is None or opened <= inside) and (closed is None or inside < closed)
            assert not open_then, f"{edge.id} is open on {inside}, when {row.id} was closed"


def test_bridges_of_2022_are_dated(edges):
    dated = edges.set_index("id")
    assert dated.loc["road-kani-kurgan-heihe-bridge", "opened"] == "2022-06-10"
    assert dated.loc["rail-nizhneleninskoye-tongjiang-rail", "opened"] == "2022-11-16"


def test_published_totals_are_kept(edges):
    lengths = edges.set_index("id")["length_km"]
    transsib = [
        "rail-moscow-yaroslavl", "rail-yaroslavl-kirov", "rail-kirov-perm", "rail-perm-yekaterinburg",
        "rail-yekaterinburg-tyumen", "rail-tyumen-omsk", "rail-omsk-novosibirsk",
        "rail-novosibirsk-krasnoyarsk", "rail-krasnoyarsk-tayshet", "rail-tayshet-irkutsk",
        "rail-irkutsk-ulan-ude", "rail-ulan-ude-chita", "rail-chita-tarskaya", "rail-tarskaya-bamovskaya", "rail-bamovskaya-skovorodino",
        "rail-skovorodino-belogorsk", "rail-belogorsk-birobidzhan", "rail-birobidzhan-khabarovsk",
        "rail-khabarovsk-ussuriysk", "rail-ussuriysk-vladivostok",
    ]
    # Bamovskaya splits Tarskaya-Skovorodino (1,000 km) into a derived and an estimated part
    assert lengths[transsib].sum() == pytest.approx(9289, abs=5)
    assert lengths["rail-manzhouli-rail-harbin"] == 935
    assert lengths["rail-suifenhe-rail-harbin"] == 548


def _members() -> dict[str, set[str]]:
    membership = _read("mechanism_membership.csv")
    return {m: set(g["code"]) for m, g in membership.groupby("mechanism")}


@pytest.mark.parametrize("mechanism", sorted(_members()))
def test_every_mechanism_is_connected(mechanism, nodes):
    codes = _members()[mechanism] - {"UA-43", "UA-40"}
    centres = nodes[(nodes["kind"] == "admin_centre") & nodes["region"].isin(codes)]
    assert set(centres["region"]) == codes, codes - set(centres["region"])
    graph = network.load_network(modes=network.MODES)
    component = nx.node_connected_component(graph, centres.index[0])
    assert set(centres.index) <= component


def test_land_network_reaches_every_member_with_a_land_link(nodes):
    # without ferries only the places with no fixed land link are cut off
    graph = network.load_network(modes=("rail", "road"))
    main = nx.node_connected_component(graph, "moscow")
    cut = {n for n in nodes.index if n not in main}
    assert cut == {"yakutsk", "petropavlovsk-kamchatsky", "anadyr", "kholmsk", "tomari", "yuzhno-sakhalinsk",
                   "naryan-mar", "salekhard"}


def test_ports(nodes):
    ports = _read("ports.csv")
    regions = set(_read("regions.csv")["code"])
    assert ports["id"].is_unique
    assert set(ports["region"]) <= regions
    assert set(ports["country"]) == {"CN", "RU"}
    assert (ports["source"] != "").all() and (ports["as_of"] != "").all()


def test_ports_snap_to_the_sea_network():
    import searoute

    ports = _read("ports.csv")
    for row in ports.itertuples():
        other = (30.16, 59.88) if row.country == "CN" else (122.07, 30.62)
        feature = searoute.searoute([float(row.lon), float(row.lat)], list(other))
        lon0, lat0 = feature["geometry"]["coordinates"][0]
        snap_km = GEOD.inv(float(row.lon), float(row.lat), lon0, lat0)[2] / 1000
        assert snap_km < MAX_PORT_SNAP_KM, (row.id, snap_km)


def test_as_of_is_not_in_the_future():
    for name in FILES:
        frame = _read(name)
        assert (frame["as_of"].map(lambda v: dt.date.fromisoformat(v[:10]) if len(v) >= 10 else dt.date(int(v[:4]), 1, 1)) <= dt.date.today()).all()


# --- issue 13: every unit reachable ----------------------------------------------------------------


def test_every_centre_has_a_node_and_is_connected_today(nodes, edges):
    """Every CN provincial-level centre (with Hong Kong and Macao) and every RU federal-subject centre (with the
    disputed Crimea and Sevastopol) is a node joined to the rest of the network on the current date; links with
    no fixed crossing (ferries, sea, ice roads) count, and are flagged in ``seasonality``."""
    regions = _read("regions.csv")
    centres = nodes[nodes["kind"] == "admin_centre"]
    assert set(regions["code"]) == set(centres["region"]), set(regions["code"]) ^ set(centres["region"])
    graph = network.load_network(as_of=dt.date.today(), modes=network.MODES)
    main = nx.node_connected_component(graph, "moscow")
    assert set(centres.index) <= main, sorted(set(centres.index) - main)
    assert {"beijing", "lhasa", "hong-kong", "macao", "simferopol", "sevastopol", "anadyr"} <= main


def test_links_without_a_fixed_crossing_are_flagged(edges):
    frame = edges.set_index("id")
    assert frame.loc["ferry-nizhny-bestyakh-yakutsk", "seasonality"] == "ferry_and_ice_road"
    assert frame.loc["ferry-labytnangi-salekhard", "seasonality"] == "ferry_and_ice_road"
    assert frame.loc["ferry-petropavlovsk-kamchatsky-anadyr", "seasonality"] == "summer_only"
    assert (frame.loc[frame["mode"] == "ferry", "seasonality"] != "").all()
    # units reached only by sea, river or seasonal links are exactly these
    land = network.load_network(modes=("rail", "road"))
    assert not nx.has_path(land, "moscow", "salekhard")
    assert nx.has_path(land, "moscow", "magadan")  # R504 Kolyma highway, year-round


def test_dated_and_restricted_links(edges):
    frame = edges.set_index("id")
    assert frame.loc["rail-xining-lhasa", "opened"] == "2006-07-01"
    assert frame.loc["road-hong-kong-macao", "opened"] == "2018-10-24"
    assert frame.loc["road-krasnodar-simferopol", "opened"] == "2018-05-16"
    assert frame.loc["rail-krasnodar-simferopol", "opened"] == "2019-12-23"
    assert (frame.loc[frame["to"].isin(["simferopol", "sevastopol"]), "access"] == "disputed_territory").all()
    assert frame.loc["rail-kaliningrad-vilnius", "access"] == "restricted"
    assert "2022-06-18" in frame.loc["rail-kaliningrad-vilnius", "source"]
    before = network.load_network(as_of="2006-06-30", modes=("rail",))
    assert not nx.has_path(before, "beijing", "lhasa")
    assert nx.has_path(network.load_network(as_of="2006-07-01", modes=("rail",)), "beijing", "lhasa")


def test_known_length_errors_are_fixed(edges):
    length = edges.set_index("id")["length_km"]
    assert 250 <= length["road-kraskino-vladivostok"] <= 290
    assert 395 <= length["rail-khabarovsk-komsomolsk"] <= 415
    assert length["rail-grodekovo-suifenhe-rail"] == pytest.approx(26, abs=1)
    assert length["road-poltavka-ussuriysk"] <= 66
    assert length["road-khabarovsk-ussuriysk"] + length["road-ussuriysk-vladivostok"] == pytest.approx(760, abs=1)
    assert length["rail-bamovskaya-tynda"] == pytest.approx(178, abs=2)
    assert "rail-skovorodino-tynda" not in length.index
