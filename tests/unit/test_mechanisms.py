"""Unit tests of coophelpers.mechanisms: look-ups, members by date, pairs, summary, map and errors.

The summary's numbers are checked against independent computations: areas in an equal-area
projection, distances with the haversine formula, and the shared border as the sum of the
borders of individual region pairs measured in a conic projection.
"""

from __future__ import annotations

import datetime as dt
import math

import folium
import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer

import coophelpers
from coophelpers import (
    InvalidInputError,
    UnknownMechanismError,
    load_mechanisms,
    load_regions,
    mechanism_map,
    mechanism_members,
    mechanism_pairs,
    mechanism_summary,
)
from coophelpers.mechanisms import DEFAULT_ROLES, ROLES, mechanism_variants
from coophelpers.regions import COLUMNS

IDS = ["northeast-fareast", "yangtze-volga", "north-central", "southeast-northwest"]
#: Mean Earth radius (IUGG), for the independent haversine check.
R_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * R_KM * np.arcsin(np.sqrt(a))


def projected(geom, proj):
    fwd = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))


# --- load_mechanisms and name resolution -------------------------------------------------------


def test_load_mechanisms_lists_the_four():
    table = load_mechanisms()
    assert list(table["id"]) == IDS
    for col in ("name_en", "name_zh", "name_ru", "governing_body", "founded", "status", "sources"):
        assert col in table.columns
    table.loc[0, "id"] = "changed"  # a copy: the cache is not altered
    assert list(load_mechanisms()["id"]) == IDS


def test_public_names_are_exported_lazily():
    assert coophelpers.mechanism_members is mechanism_members
    assert "mechanism_summary" in dir(coophelpers)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("northeast-fareast", "northeast-fareast"),
        ("Northeast–Far East", "northeast-fareast"),
        ("north east far east", "northeast-fareast"),
        ("东北—远东", "northeast-fareast"),
        ("Дальний Восток – Северо-Восток", "northeast-fareast"),
        ("Intergovernmental Commission for Cooperation of Northeast China and the Far East and Baikal Region of Russia", "northeast-fareast"),
        ("Yangtze-Volga", "yangtze-volga"),
        ("Volga–Yangtze", "yangtze-volga"),
        ("两河流域", "yangtze-volga"),
        ("长江—伏尔加河", "yangtze-volga"),
        ("Волга – Янцзы", "yangtze-volga"),
        ("ВОЛГА-ЯНЦЗЫ", "yangtze-volga"),
        ("华北—中央", "north-central"),
        ("Северный Китай – Центр", "north-central"),
        ("东南沿海—西北", "southeast-northwest"),
        ("South-east coast–Northwest", "southeast-northwest"),
    ],
)
def test_mechanisms_resolve_by_id_and_name_in_three_languages(name, expected):
    members = mechanism_members(name)
    assert set(members["mechanism"]) == {expected}


@pytest.mark.parametrize(
    ("bad", "nearest"),
    [("yangze-volga", "yangtze-volga"), ("Volga", "yangtze-volga"), ("northeast-far-eest", "northeast-fareast"),
     ("Северо-Запад", "southeast-northwest")],
)
def test_unknown_mechanism_suggests_the_nearest_ids(bad, nearest):
    with pytest.raises(UnknownMechanismError, match="Did you mean") as info:
        mechanism_members(bad)
    assert nearest in info.value.suggestions
    assert repr(bad) in str(info.value)
    assert "load_mechanisms()" in str(info.value)
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)


def test_unknown_mechanism_without_near_match_lists_the_ids():
    with pytest.raises(UnknownMechanismError, match="Give one of the ids 'northeast-fareast'") as info:
        mechanism_pairs("xyz")
    assert info.value.suggestions == []


@pytest.mark.parametrize("bad", [5, [5], ["yangtze-volga", None], ""])
def test_mechanism_must_be_a_string(bad):
    with pytest.raises(InvalidInputError, match="mechanism"):
        mechanism_members(bad)


# --- mechanism_members -------------------------------------------------------------------------


def test_members_follow_the_region_contract():
    members = mechanism_members("yangtze-volga")
    assert isinstance(members, gpd.GeoDataFrame)
    assert members.crs.equals("EPSG:4326")
    for col in COLUMNS:
        assert col in members.columns
    assert list(members.columns[:4]) == ["mechanism", "side", "code", "role"]
    assert (members["side"] == members["country"]).all()
    assert members.groupby("side").size().to_dict() == {"CN": 6, "RU": 14}
    assert set(members.loc[members["side"] == "RU", "macro_region"]) == {"VFD"}


def test_far_east_membership_changes_basis_not_members_on_2018_11_03():
    before = mechanism_members("northeast-fareast", as_of="2018-11-02")
    after = mechanism_members("northeast-fareast", as_of=dt.date(2018, 11, 3))
    assert set(before["code"]) == set(after["code"])
    assert len(before[before["side"] == "RU"]) == 11
    bu_before = before.set_index("code").loc["RU-BU"]
    bu_after = after.set_index("code").loc["RU-BU"]
    assert (bu_before["basis"], bu_before["macro_region"]) == ("baikal-region", "SibFD")
    assert (bu_after["basis"], bu_after["macro_region"]) == ("federal-district", "FEFD")
    assert bu_before["valid_to"] == dt.date(2018, 11, 3)


def test_ambiguous_members_only_on_request():
    default = mechanism_members("northeast-fareast")
    assert "RU-IRK" not in set(default["code"])
    every = mechanism_members("northeast-fareast", roles=ROLES)
    assert every.set_index("code").loc["RU-IRK", "role"] == "ambiguous"
    only = mechanism_members("northeast-fareast", roles="partial")
    assert list(only["code"]) == ["CN-NM"]


def test_before_founding_the_table_is_empty_with_a_warning():
    with pytest.warns(UserWarning, match="founded on 2019-06-05"):
        members = mechanism_members("north-central", as_of="2019-06-04")
    assert members.empty
    assert list(members.columns[:4]) == ["mechanism", "side", "code", "role"]


def test_variants_replace_one_sides_list():
    default = mechanism_members("southeast-northwest")
    wide = mechanism_members("southeast-northwest", variant="with-hainan-guangxi")
    cn = lambda f: set(f.loc[f["side"] == "CN", "code"])  # noqa: E731
    ru = lambda f: set(f.loc[f["side"] == "RU", "code"])  # noqa: E731
    assert cn(wide) - cn(default) == {"CN-HI", "CN-GX"}
    assert ru(wide) == ru(default) and len(ru(default)) == 11
    north = mechanism_members("north-central", variant="north-without-inner-mongolia")
    assert cn(north) == {"CN-BJ", "CN-TJ", "CN-HE", "CN-SX"}
    assert (mechanism_members("north-central", variant="WITH SHANDONG")["code"] == "CN-SD").any()


def test_variant_table():
    table = mechanism_variants()
    assert set(table["mechanism"]) == {"north-central", "southeast-northwest"}
    assert {"with-shandong", "north-without-inner-mongolia", "with-hainan-guangxi"} <= set(table["variant"])
    assert set(table["side"]) == {"CN"}


def test_variant_errors():
    with pytest.raises(InvalidInputError, match="has an official member list"):
        mechanism_members("yangtze-volga", variant="with-shandong")
    with pytest.raises(InvalidInputError, match="Did you mean 'with-shandong'"):
        mechanism_members("north-central", variant="with-shandog")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"roles": "memb"}, "Did you mean 'member'"),
        ({"roles": ()}, "roles=\\(\\) is empty"),
        ({"roles": 3}, "roles must be a role or a tuple"),
        ({"as_of": "2019-13-01"}, "as_of='2019-13-01' is not an ISO date"),
        ({"as_of": 2019}, "is a number, not a date"),
        ({"as_of": "1999-01-01"}, "earliest date"),
        ({"detail": "fine"}, "Choose one of 'web', 'full'"),
    ],
)
def test_member_argument_errors(kwargs, match):
    with pytest.raises(InvalidInputError, match=match):
        mechanism_members("yangtze-volga", **kwargs)


# --- mechanism_pairs ---------------------------------------------------------------------------


def test_pairs_cover_every_chinese_russian_combination():
    pairs = mechanism_pairs("yangtze-volga")
    assert len(pairs) == 6 * 14
    assert not pairs.duplicated(["code_cn", "code_ru"]).any()
    assert (pairs["centre_dist_km"] > pairs["edge_dist_km"]).all()
    assert (pairs["edge_dist_km"] > 2500).all()  # hinterland: no pair is near
    assert (pairs["border_km"] == 0).all()


def test_pair_distances_match_an_independent_haversine_within_half_a_percent():
    pairs = mechanism_pairs("northeast-fareast")
    regions = load_regions().set_index("code")
    a, b = regions.loc[pairs["code_cn"]], regions.loc[pairs["code_ru"]]
    expected = haversine_km(a["capital_lat"].to_numpy(), a["capital_lon"].to_numpy(),
                            b["capital_lat"].to_numpy(), b["capital_lon"].to_numpy())
    np.testing.assert_allclose(pairs["centre_dist_km"], expected, rtol=5e-3)
    harbin_blag = pairs[(pairs.code_cn == "CN-HL") & (pairs.code_ru == "RU-AMU")]
    assert 490 < harbin_blag["centre_dist_km"].item() < 525


def test_adjacent_pairs_touch_and_share_border():
    pairs = mechanism_pairs("northeast-fareast").set_index(["code_cn", "code_ru"])
    for pair in [("CN-HL", "RU-AMU"), ("CN-HL", "RU-PRI"), ("CN-JL", "RU-PRI"), ("CN-NM", "RU-ZAB")]:
        assert pairs.loc[pair, "edge_dist_km"] == 0
        assert pairs.loc[pair, "border_km"] > 40
    # Liaoning does not touch Russia: its nearest edge is Primorye across Jilin, a few hundred km
    assert 300 < pairs.loc[("CN-LN", "RU-PRI"), "edge_dist_km"] < 500
    assert pairs.loc[("CN-LN", "RU-PRI"), "border_km"] == 0


def test_edge_distance_is_near_the_true_minimum():
    """The nearest-point pair found on the conic projection is within 1% of a brute-force geodesic minimum."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    pairs = mechanism_pairs("yangtze-volga")
    row = pairs.loc[pairs["edge_dist_km"].idxmin()]
    regions = load_regions(detail="full").set_index("code")
    a = shapely.get_coordinates(regions.loc[row["code_cn"], "geometry"].boundary)
    b = shapely.get_coordinates(regions.loc[row["code_ru"], "geometry"].boundary)
    a, b = a[:: max(1, len(a) // 600)], b[:: max(1, len(b) // 600)]  # sampled vertices: an upper bound
    ia, ib = np.meshgrid(np.arange(len(a)), np.arange(len(b)), indexing="ij")
    _, _, d = geod.inv(a[ia.ravel(), 0], a[ia.ravel(), 1], b[ib.ravel(), 0], b[ib.ravel(), 1])
    brute_km = d.min() / 1000
    assert row["edge_dist_km"] <= brute_km * 1.001
    assert row["edge_dist_km"] >= brute_km * 0.97


def test_all_pairs_and_errors():
    pairs = mechanism_pairs(as_of="2025-01-01")
    assert set(pairs["mechanism"]) == set(IDS)
    assert len(pairs) == 4 * 11 + 6 * 14 + 5 * 18 + 5 * 11
    with pytest.raises(InvalidInputError, match="needs a single mechanism"):
        mechanism_pairs(variant="with-shandong")
    assert mechanism_pairs("north-central", as_of="2019-01-01").empty
    with_sd = mechanism_pairs("north-central", variant="with-shandong")
    assert len(with_sd) == 6 * 18


# --- mechanism_summary -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def summary():
    return mechanism_summary(as_of="2025-01-01").set_index("mechanism")


def test_summary_shape_and_counts(summary):
    assert list(summary.index) == IDS
    counts = summary[["n_regions_cn", "n_regions_ru", "pairs"]].to_dict("index")
    assert counts["northeast-fareast"] == {"n_regions_cn": 4, "n_regions_ru": 11, "pairs": 44}
    assert counts["yangtze-volga"] == {"n_regions_cn": 6, "n_regions_ru": 14, "pairs": 84}
    assert counts["north-central"] == {"n_regions_cn": 5, "n_regions_ru": 18, "pairs": 90}
    assert counts["southeast-northwest"] == {"n_regions_cn": 5, "n_regions_ru": 11, "pairs": 55}
    assert (summary.loc[IDS[1:], "shared_border_km"] == 0).all()
    # the article's contrast: the adjacent pair is far closer than the hinterland pair
    assert summary.loc["northeast-fareast", "centre_dist_min_km"] < 600
    assert summary.loc["yangtze-volga", "centre_dist_min_km"] > 4000
    assert summary.loc["northeast-fareast", "edge_dist_min_km"] == 0


def test_summary_areas_match_an_equal_area_projection(summary):
    """Independent: planar areas on Albers equal-area conics fitted to each side."""
    members = mechanism_members("yangtze-volga", as_of="2025-01-01", detail="full")
    projections = {
        "CN": "+proj=aea +lat_1=25 +lat_2=33 +lon_0=110 +datum=WGS84 +units=m",
        "RU": "+proj=aea +lat_1=48 +lat_2=60 +lon_0=50 +datum=WGS84 +units=m",
    }
    for side, proj in projections.items():
        geoms = members.loc[members["side"] == side, "geometry"].values
        area = shapely.area(projected(geoms, proj)).sum() / 1e6
        assert summary.loc["yangtze-volga", f"area_km2_{side.lower()}"] == pytest.approx(area, rel=1e-3)
    # and against published totals: Volga FD 1,037,000 km²
    assert summary.loc["yangtze-volga", "area_km2_ru"] == pytest.approx(1_037_000, rel=0.01)


def test_summary_distances_match_haversine(summary):
    members = mechanism_members("yangtze-volga", as_of="2025-01-01")
    cn, ru = members[members.side == "CN"], members[members.side == "RU"]
    d = haversine_km(cn["capital_lat"].to_numpy()[:, None], cn["capital_lon"].to_numpy()[:, None],
                     ru["capital_lat"].to_numpy()[None, :], ru["capital_lon"].to_numpy()[None, :]).ravel()
    row = summary.loc["yangtze-volga"]
    assert row["centre_dist_min_km"] == pytest.approx(d.min(), rel=5e-3)
    assert row["centre_dist_median_km"] == pytest.approx(np.median(d), rel=5e-3)
    assert row["centre_dist_max_km"] == pytest.approx(d.max(), rel=5e-3)


def test_summary_shared_border_matches_pairwise_borders_on_a_conic_projection(summary):
    """Independent: sum of each CN × RU region pair's common boundary, planar on a conic projection."""
    members = mechanism_members("northeast-fareast", as_of="2025-01-01", detail="full")
    proj = "+proj=eqdc +lat_1=44 +lat_2=52 +lon_0=125 +datum=WGS84 +units=m"
    cn = projected(members.loc[members.side == "CN", "geometry"].values, proj)
    ru = projected(members.loc[members.side == "RU", "geometry"].values, proj)
    total = sum(shapely.length(shapely.intersection(a.boundary, b.boundary)) for a in cn for b in ru) / 1000
    assert summary.loc["northeast-fareast", "shared_border_km"] == pytest.approx(total, rel=0.01)
    # Natural Earth's generalised border: most of the 4,209 km China–Russia border is in mechanism 1
    assert 3000 < total < 4300


def test_summary_small_case_one_degree_square():
    """The area routine itself on a case with a closed-form answer: 1° × 1° at the equator."""
    from coophelpers.geodesy import area_km2 as _area_km2, length_km as _length_km

    square = shapely.box(0, 0, 1, 1)
    authalic_r = 6371.0072
    expected = authalic_r**2 * math.radians(1) * math.sin(math.radians(1))
    assert _area_km2(square) == pytest.approx(expected, rel=5e-3)
    assert _area_km2(shapely.reverse(square)) == pytest.approx(expected, rel=5e-3)  # orientation ignored
    assert _length_km(shapely.LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, rel=1e-3)


def test_summary_before_2019_has_no_new_mechanisms():
    early = mechanism_summary(as_of="2018-01-01").set_index("mechanism")
    assert (early.loc[["north-central", "southeast-northwest"], ["n_regions_cn", "n_regions_ru"]] == 0).all().all()
    assert early.loc["north-central", "centre_dist_median_km"] != early.loc["north-central", "centre_dist_median_km"]  # NaN
    assert early.loc["northeast-fareast", "n_regions_ru"] == 11  # 9 FEFD + Buryatia + Zabaykalsky (Baikal region)


def test_summary_roles_argument():
    strict = mechanism_summary(as_of="2025-01-01", roles="member").set_index("mechanism")
    assert strict.loc["northeast-fareast", "n_regions_cn"] == 3
    assert strict.loc["north-central", "n_regions_cn"] == 0
    with pytest.raises(InvalidInputError, match="Unknown role"):
        mechanism_summary(roles=["member", "official"])


# --- mechanism_map -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def far_east_html():
    m = mechanism_map("northeast-fareast", as_of="2025-01-01", roles=ROLES)
    return m, m.get_root().render()


def test_map_is_a_folium_map_with_layers_per_role(far_east_html):
    m, html = far_east_html
    assert isinstance(m, folium.Map)
    names = [c.layer_name for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert any(n.startswith("Northeast–Far East: member") for n in names)
    assert any("partial (Inner Mongolia)" in n for n in names)
    assert any("ambiguous (Irkutsk Oblast)" in n for n in names)
    assert any("partner links (44 pairs)" in n for n in names)


def test_map_tooltips_are_trilingual_with_role_and_source(far_east_html):
    _, html = far_east_html
    for text in ("Heilongjiang", "黑龙江", "Хэйлунцзян", "Irkutsk", "Иркутская", "partial · 部分参与 · частично",
                 "khabara.ru", "Role · 角色 · Роль", "Harbin"):
        assert text in html, text


def test_map_of_all_four_and_on_a_given_map():
    m = mechanism_map(as_of="2025-01-01")
    names = [c.layer_name for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    for short in ("Northeast–Far East", "Yangtze–Volga", "North China–Central", "South-east coast–Northwest"):
        assert any(n.startswith(short) for n in names)
    plain = folium.Map(tiles=None)
    out = mechanism_map(["Volga–Yangtze", "两河流域"], m=plain)
    assert out is plain
    assert any(isinstance(c, folium.LayerControl) for c in plain._children.values())


def test_map_errors():
    with pytest.raises(InvalidInputError, match="m must be a folium.Map"):
        mechanism_map(m="map")
    with pytest.raises(UnknownMechanismError, match="Did you mean"):
        mechanism_map(["yangtze-volga", "north-centrl"])
    with pytest.raises(InvalidInputError, match="is empty"):
        mechanism_map([])
    with pytest.raises(InvalidInputError, match="mechanism must be"):
        mechanism_map(5)
    with pytest.raises(InvalidInputError, match="show_links must be True, False or None"):
        mechanism_map("yangtze-volga", show_links="yes")


def test_partner_links_on_for_one_mechanism_off_for_several():
    def link_layers(m):
        return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup) and "partner links" in c.layer_name]

    assert all(g.show for g in link_layers(mechanism_map("yangtze-volga")))
    several = link_layers(mechanism_map(["yangtze-volga", "north-central"]))
    assert len(several) == 2 and not any(g.show for g in several)
    assert all(g.show for g in link_layers(mechanism_map(show_links=True)))


def test_default_roles_constant():
    assert DEFAULT_ROLES == ("member", "partial", "assumed")
    assert set(DEFAULT_ROLES) < set(ROLES)
