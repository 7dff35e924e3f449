"""Unit tests of coophelpers.regions: loading, options, name resolution and errors."""

from __future__ import annotations

import datetime as dt

import pytest

import coophelpers
from coophelpers import (
    InvalidInputError,
    UnknownRegionError,
    admin_centre,
    federal_district_of,
    load_federal_districts,
    load_regions,
    resolve_region,
)
from coophelpers.regions import COLUMNS

ALIASES = [
    ("Heilongjiang", "CN-HL"),
    ("黑龙江", "CN-HL"),
    ("黑龙江省", "CN-HL"),
    ("Хэйлунцзян", "CN-HL"),
    ("heilongjiang sheng", "CN-HL"),
    ("Primorye", "RU-PRI"),
    ("Приморский край", "RU-PRI"),
    ("Primorsky Krai", "RU-PRI"),
    ("Primorskiy kray", "RU-PRI"),
    ("RU-PRI", "RU-PRI"),
    ("ru-pri", "RU-PRI"),
    ("Primor'ye", "RU-PRI"),
    ("Chita", "RU-ZAB"),
    ("Zabaykalsky Krai", "RU-ZAB"),
    ("Забайкальский край", "RU-ZAB"),
    ("Yevrey", "RU-YEV"),
    ("Jewish Autonomous Oblast", "RU-YEV"),
    ("Еврейская автономная область", "RU-YEV"),
    ("Maga Buryatdan", "RU-MAG"),
    ("Magadan Oblast", "RU-MAG"),
    ("Inner Mongol", "CN-NM"),
    ("Inner Mongolia", "CN-NM"),
    ("内蒙古自治区", "CN-NM"),
    ("Внутренняя Монголия", "CN-NM"),
    ("Moskovskaya", "RU-MOS"),
    ("Moscow Oblast", "RU-MOS"),
    ("Московская область", "RU-MOS"),
    ("Moscow", "RU-MOW"),
    ("Москва", "RU-MOW"),
    ("Saint Petersburg", "RU-SPE"),
    ("Санкт-Петербург", "RU-SPE"),
    ("City of St. Petersburg", "RU-SPE"),
    ("Xizang", "CN-XZ"),
    ("Tibet", "CN-XZ"),
    ("Республика Бурятия", "RU-BU"),
    ("Buryatia", "RU-BU"),
    ("Sakha (Yakutia)", "RU-SA"),
    ("Якутия", "RU-SA"),
    ("Amurskaya oblast", "RU-AMU"),
    ("Amur Oblast", "RU-AMU"),
    ("Hubei Province", "CN-HB"),
    ("湖北省", "CN-HB"),
    ("Guangxi Zhuang Autonomous Region", "CN-GX"),
    ("新疆", "CN-XJ"),
    ("Орловская область", "RU-ORL"),
    ("Oryol", "RU-ORL"),
    ("Orel", "RU-ORL"),
    ("Altai Krai", "RU-ALT"),
    ("Altai Republic", "RU-AL"),
    ("Chukotka", "RU-CHU"),
    ("  Jilin  ", "CN-JL"),
    ("JILIN", "CN-JL"),
]


@pytest.mark.parametrize(("name", "code"), ALIASES)
def test_resolve_region_aliases(name, code):
    assert resolve_region(name) == code


def test_resolve_region_ignores_yo_and_diacritics():
    frame = load_regions("RU")
    for code in ("RU-SE", "RU-BEL", "RU-KEM"):
        name_ru = frame.loc[frame["code"] == code, "name_ru"].item()
        assert "е" in name_ru
        assert resolve_region(name_ru.replace("е", "ё")) == code
    assert resolve_region("Hēilóngjiāng") == "CN-HL"


def test_resolve_region_country_filter():
    assert resolve_region("Moscow", country="RU") == "RU-MOW"
    with pytest.raises(UnknownRegionError, match="in China"):
        resolve_region("Moscow", country="CN")


BAD_NAMES = [
    ("Guandong", "Guangdong"),
    ("Heilongjan", "Heilongjiang"),
    ("Primorsk", "Primorsky"),
    ("Zabaikalsk", "Zabaykalsky"),
    ("Sichuang", "Sichuan"),
]


@pytest.mark.parametrize(("bad", "hint"), BAD_NAMES)
def test_unknown_region_suggests_nearest(bad, hint):
    with pytest.raises(UnknownRegionError, match="Did you mean") as info:
        resolve_region(bad)
    assert hint in str(info.value)
    assert repr(bad) in str(info.value)
    assert info.value.suggestions


def test_unknown_region_is_keyerror_and_valueerror_with_plain_message():
    with pytest.raises(KeyError):
        resolve_region("Atlantis")
    with pytest.raises(ValueError) as info:
        resolve_region("Atlantis")
    assert str(info.value).startswith("Unknown region 'Atlantis'")


def test_ambiguous_short_name_lists_both():
    with pytest.raises(UnknownRegionError, match="ambiguous") as info:
        resolve_region("Altai")
    assert "RU-AL" in str(info.value) and "RU-ALT" in str(info.value)


BAD_CALLS = [
    (lambda: load_regions("Japan"), "Unknown country 'Japan'"),
    (lambda: load_regions("Rusia"), "Did you mean"),
    (lambda: load_regions(detail="high"), "Unknown detail level 'high' for detail"),
    (lambda: load_regions(as_of="1999-01-01"), "before 2000-05-13"),
    (lambda: load_regions(as_of="30/06/2019"), "not an ISO date"),
    (lambda: load_regions(as_of=2019), "is a number, not a date"),
    (lambda: load_regions(as_of=[2019]), "must be a datetime.date"),
    (lambda: load_regions(include_disputed="yes"), "include_disputed must be True or False"),
    (lambda: load_regions(include_sar=1), "include_sar must be True or False"),
    (lambda: load_regions(country=86), "country must be a string"),
    (lambda: resolve_region(""), "name must not be empty"),
    (lambda: resolve_region(None), "name must be a string"),
    (lambda: admin_centre((200, 45)), "looks like \\(lon, lat\\)"),
    (lambda: admin_centre((float("nan"), 45)), "finite number"),
    (lambda: admin_centre(("a", "b")), "must be a number"),
    (lambda: admin_centre(42), "region name or code"),
    (lambda: load_federal_districts(as_of="2000-01-01"), "before 2000-05-13"),
    (lambda: federal_district_of("Heilongjiang"), "in Russia"),
]


@pytest.mark.parametrize(("call", "message"), BAD_CALLS)
def test_bad_input_raises_clear_error(call, message):
    with pytest.raises(InvalidInputError, match=message):
        call()


def test_load_regions_contract():
    gdf = load_regions()
    assert tuple(gdf.columns) == COLUMNS
    assert gdf.crs.to_epsg() == 4326
    assert gdf["code"].is_unique
    assert (gdf["country"].value_counts().to_dict()) == {"RU": 83, "CN": 31}
    assert set(gdf["status"]) == {"normal"}
    assert gdf.geometry.notna().all() and gdf.geometry.is_valid.all()


def test_country_accepts_names_in_three_languages():
    for name in ("CN", "China", "中国", "Китай"):
        assert set(load_regions(name)["country"]) == {"CN"}
    for name in ("ru", "Russia", "俄罗斯", "Россия"):
        assert set(load_regions(name)["country"]) == {"RU"}


def test_disputed_and_sar_are_explicit_options():
    both = load_regions(include_disputed=True, include_sar=True)
    assert len(both) == 118
    assert set(both.loc[both["status"] == "disputed", "code"]) == {"UA-43", "UA-40"}
    assert set(both.loc[both["status"] == "sar", "code"]) == {"CN-HK", "CN-MO"}
    before = load_regions("RU", include_disputed=True, as_of="2013-12-31")
    assert "UA-43" not in set(before["code"])


def test_as_of_changes_federal_districts():
    def district(code, as_of):
        frame = load_regions("RU", as_of=as_of)
        return frame.loc[frame["code"] == code, "macro_region"].item()

    assert district("RU-BU", "2018-11-02") == "SibFD"
    assert district("RU-BU", dt.date(2018, 11, 3)) == "FEFD"
    assert district("RU-STA", "2009-12-31") == "SFD"
    assert district("RU-STA", "2010-01-19") == "NCFD"
    assert federal_district_of("Забайкальский край", as_of="2019-06-30") == "FEFD"


def test_federal_districts_counts():
    now = load_federal_districts().set_index("id")["n_subjects"].to_dict()
    assert now == {"CFD": 18, "NWFD": 11, "SFD": 6, "NCFD": 7, "VFD": 14, "UFD": 6, "SibFD": 10, "FEFD": 11}
    before = load_federal_districts(as_of="2018-01-01").set_index("id")["n_subjects"]
    assert before["FEFD"] == 9 and before["SibFD"] == 12
    crimea = load_federal_districts(as_of="2015-01-01", include_disputed=True).set_index("id")
    assert crimea.loc["KFD", "n_subjects"] == 2
    assert set(load_federal_districts().columns) >= {"id", "name_en", "name_zh", "name_ru", "geometry"}


def test_russia_is_continuous_across_the_antimeridian():
    chukotka = load_regions("RU").set_index("code").loc["RU-CHU", "geometry"]
    minx, _, maxx, _ = chukotka.bounds
    assert minx > 150 and maxx > 185  # one shape east of 180°, no piece near -180
    assert load_regions("RU").total_bounds[0] > 0


def test_admin_centre():
    lat, lon = admin_centre("Heilongjiang")
    assert 45 < lat < 46.5 and 126 < lon < 127.5  # Harbin
    assert admin_centre((45.0, 130.0)) == (45.0, 130.0)


def test_load_regions_returns_independent_copies():
    first = load_regions("CN")
    first.loc[0, "name_en"] = "changed"
    assert load_regions("CN").loc[0, "name_en"] != "changed"


def test_full_detail_has_more_vertices():
    import shapely

    web = shapely.get_num_coordinates(load_regions(detail="web").geometry.values).sum()
    full = shapely.get_num_coordinates(load_regions(detail="full").geometry.values).sum()
    assert full > 2 * web


def test_version_is_set():
    assert coophelpers.__version__ != "0+unknown"
