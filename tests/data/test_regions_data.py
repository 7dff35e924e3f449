"""Validation of the region data: counts, codes, geometry, coverage, centres and scripts."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely
from pyproj import Geod

from coophelpers import load_regions
from coophelpers.regions import DETAILS

pytestmark = pytest.mark.data

ALL = {"include_disputed": True, "include_sar": True}
#: Administrative centres may lie this far outside their (generalised) polygon: Abakan and Anadyr
#: sit on rivers that form the boundary at Natural Earth's scale (see their rows in regions.csv).
CENTRE_TOLERANCE_KM = 5.0
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module", params=DETAILS)
def regions(request):
    return load_regions(detail=request.param, **ALL)


def test_counts_by_country_and_status(regions):
    counts = regions.groupby(["country", "status"]).size().to_dict()
    assert counts == {("CN", "normal"): 31, ("CN", "sar"): 2, ("RU", "normal"): 83, ("RU", "disputed"): 2}


def test_codes_are_unique_iso_3166_2(regions):
    assert regions["code"].is_unique
    assert regions["code"].str.fullmatch(r"(CN-[A-Z]{2}|RU-[A-Z]{2,3}|UA-4[03])").all()


def test_geometries_are_valid_polygons(regions):
    geoms = regions.geometry.values
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert set(regions.geom_type) <= {"Polygon", "MultiPolygon"}


def test_every_unit_has_a_non_trivial_area(regions):
    areas = np.array([abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 for g in regions.geometry])
    assert (areas > 20).all()  # Macao, the smallest, is about 30 km² in Natural Earth


def test_web_coverage_keeps_shared_borders():
    full = load_regions(detail="full", **ALL)
    web = load_regions(detail="web", **ALL)
    assert shapely.coverage_is_valid(web.geometry.values), "web geometry overlaps or mismatches"
    # no gaps that the source did not have: the union has no more holes than the source's union
    def holes(geoms):
        union = shapely.coverage_union_all(geoms)
        parts = getattr(union, "geoms", [union])
        return sum(len(p.interiors) for p in parts)

    assert holes(web.geometry.values) <= holes(full.geometry.values)
    # no overlaps: the area of the union equals the sum of the areas
    total = shapely.area(web.geometry.values).sum()
    assert abs(shapely.area(shapely.coverage_union_all(web.geometry.values)) - total) < 1e-6 * total


def test_web_detail_is_small():
    from coophelpers import data

    size = sum(data.data_path(n).stat().st_size for n in ("regions_web.parquet",))
    assert size < 1_500_000


def test_administrative_centres_lie_in_their_region(regions):
    for row in regions.itertuples():
        point = shapely.Point(row.capital_lon, row.capital_lat)
        if row.geometry.contains(point):
            continue
        nearest = shapely.ops.nearest_points(row.geometry, point)[0]
        _, _, dist_m = GEOD.inv(point.x, point.y, nearest.x, nearest.y)
        assert dist_m / 1000 <= CENTRE_TOLERANCE_KM, f"{row.code} centre {row.capital_en} is {dist_m/1000:.1f} km outside"


CJK = re.compile(r"^[\u4e00-\u9fff·\-（）]+$")
CYRILLIC = re.compile(r"^[\u0400-\u04ff\s\-—–()]+$")
LATIN = re.compile(r"^[A-Za-z\s\-'()]+$")


def test_names_are_in_the_right_script(regions):
    for row in regions.itertuples():
        assert CJK.match(row.name_zh), f"{row.code}: name_zh {row.name_zh!r}"
        assert CYRILLIC.match(row.name_ru), f"{row.code}: name_ru {row.name_ru!r}"
        assert LATIN.match(row.name_en), f"{row.code}: name_en {row.name_en!r}"
        assert CJK.match(row.capital_zh), f"{row.code}: capital_zh {row.capital_zh!r}"


def test_modern_official_english_names():
    names = dict(zip(*load_regions().pipe(lambda f: (f["code"], f["name_en"])), strict=True))
    assert names["RU-PRI"] == "Primorsky Krai"
    assert names["RU-ZAB"] == "Zabaykalsky Krai"
    assert names["RU-MAG"] == "Magadan Oblast"
    assert names["RU-YEV"] == "Jewish Autonomous Oblast"
    assert names["RU-MOS"] == "Moscow Oblast"
    assert names["RU-MOW"] == "Moscow"
    assert names["CN-NM"] == "Inner Mongolia"


def test_moscow_codes_are_not_swapped():
    frame = load_regions("RU").set_index("code")
    # the city is the small one
    assert frame.loc["RU-MOW"].geometry.area < frame.loc["RU-MOS"].geometry.area / 5


# --- centres that were wrong or moved (issue 15) --------------------------------------------------


def test_magas_is_not_placed_in_nazran():
    row = load_regions("RU").set_index("code").loc["RU-IN"]
    assert row["capital_en"] == "Magas"
    nazran = (43.22597, 44.77323)  # GeoNames 523064
    to_nazran = GEOD.inv(nazran[1], nazran[0], row["capital_lon"], row["capital_lat"])[2] / 1000
    to_magas = GEOD.inv(44.8, 43 + 10 / 60, row["capital_lon"], row["capital_lat"])[2] / 1000  # 43°10′N 44°48′E
    assert to_nazran > 3 and to_magas < 2
    assert row["capital_lat"] < nazran[0] and row["capital_lon"] > nazran[1]  # south-east of Nazran


@pytest.mark.parametrize(
    ("as_of", "centre"),
    [("2017-01-01", "Khabarovsk"), ("2018-12-12", "Khabarovsk"), ("2018-12-13", "Vladivostok"), ("2024-01-01", "Vladivostok")],
)
def test_far_eastern_district_centre_follows_as_of(as_of, centre):
    from coophelpers import load_federal_districts

    districts = load_federal_districts(as_of=as_of).set_index("id")
    assert districts.loc["FEFD", "centre_en"] == centre
    assert districts.index.is_unique


def test_district_centres_cover_each_district_without_overlap():
    import datetime as dt

    from coophelpers import data

    fd = data.read_csv("federal_districts.csv", dtype=str, keep_default_na=False)
    end_of_time = dt.date(9999, 12, 31)

    def day(text):
        return dt.date.fromisoformat(text) if text else end_of_time

    for district, rows in fd.groupby("id"):
        spans = sorted((day(r.centre_valid_from), day(r.centre_valid_to), r.centre_en) for r in rows.itertuples())
        assert spans[0][0] == day(rows["valid_from"].iloc[0]), district
        assert spans[-1][1] == day(rows["valid_to"].iloc[0]), district
        for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
            assert end == start, f"{district}: centre periods must meet"
        assert len(set(rows["valid_from"])) == len(set(rows["valid_to"])) == 1, district
    fefd = fd[fd["id"] == "FEFD"].set_index("centre_en")
    assert fefd.loc["Khabarovsk", "centre_valid_to"] == fefd.loc["Vladivostok", "centre_valid_from"] == "2018-12-13"
