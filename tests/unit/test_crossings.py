"""Unit tests of coophelpers.crossings: loading, status on a date, lookup, border, distances, map."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys

import folium
import pandas as pd
import pytest
from pyproj import Geod

import coophelpers
from coophelpers import (
    InvalidInputError,
    UnknownCrossingError,
    UnknownRegionError,
    border_line,
    crossings_map,
    load_crossings,
    nearest_crossings,
)
from coophelpers import data as cdata
from coophelpers.border import CO_LOCATED_KM, crossing_gaps
from coophelpers.crossings import (
    CROSSING_MODES,
    FILENAME,
    STATUSES,
    _status_on,
    get_crossing,
)

GEOD = Geod(ellps="WGS84")
N_ROWS = cdata.manifest()["files"][FILENAME]["rows"]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[1], a[0], b[1], b[0])[2] / 1000


# --- import cost --------------------------------------------------------------------------


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, coophelpers, coophelpers.crossings; "
        "heavy = [m for m in ('folium', 'pyproj', 'shapely', 'geopandas') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve_to_this_module():
    for name in ("load_crossings", "nearest_crossings"):
        assert getattr(coophelpers, name).__module__ == "coophelpers.crossings"
    assert coophelpers.border_line.__module__ == "coophelpers.border"
    assert coophelpers.crossings_map.__module__ == "coophelpers.maps.themes.crossings"


# --- load_crossings -----------------------------------------------------------------------


def test_load_crossings_contract():
    gdf = load_crossings()
    assert len(gdf) == N_ROWS
    assert gdf.crs.equals("EPSG:4326")
    assert set(gdf.geom_type) == {"Point"}
    for col in ("id", "name_en", "cn_lat", "cn_lon", "ru_lat", "ru_lon", "status", "status_latest",
                "position_from", "lat", "lon", "sources", "as_of", "confidence"):
        assert col in gdf.columns
    assert gdf["cn_lat"].dtype == float
    assert (gdf["status"] == gdf["status_latest"]).all()
    assert gdf["name_en"].str.contains(" – ").all()


def test_geometry_is_the_better_side_or_the_midpoint():
    gdf = load_crossings().set_index("id")
    mohe = gdf.loc["mohe-dzhalinda-river"]  # checkpoint (CN) beats approximate (RU)
    assert mohe["position_from"] == "cn"
    assert (mohe.geometry.y, mohe.geometry.x) == (mohe["cn_lat"], mohe["cn_lon"])
    markovo = gdf.loc["hulin-markovo-road"]  # RU side unknown
    assert markovo["position_from"] == "cn"
    xunke = gdf.loc["xunke-poyarkovo-river"]  # two settlement centres
    assert xunke["position_from"] == "midpoint"
    assert math.isclose(xunke.geometry.y, (xunke["cn_lat"] + xunke["ru_lat"]) / 2)


@pytest.mark.parametrize("status", ["operating", "under_construction", "none"])
def test_filter_by_status(status):
    gdf = load_crossings(status=status)
    assert len(gdf) > 0
    assert set(gdf["status"]) == {status}


def test_filter_by_several_modes_and_status():
    gdf = load_crossings(modes=["road_bridge", "rail_bridge"], status="operating")
    assert set(gdf["id"]) == {
        "shiwei-olochi-road-bridge",
        "heishantou-starotsurukhaytuy-road-bridge",  # a road bridge over the Argun (issue 15)
        "heihe-kanikurgan-road-bridge",
        "tongjiang-nizhneleninskoye-rail-bridge",
    }


def test_filters_forgive_case_and_punctuation():
    assert len(load_crossings(modes="Road Bridge")) == len(load_crossings(modes="road_bridge"))


def test_unknown_mode_suggests():
    with pytest.raises(InvalidInputError, match=r"Unknown mode 'ferry' for modes\..*Choose one of 'rail'"):
        load_crossings(modes="ferry")
    with pytest.raises(InvalidInputError, match="Did you mean 'rail_bridge'"):
        load_crossings(modes="rail-brige")


def test_unknown_status_suggests():
    with pytest.raises(InvalidInputError, match="Did you mean 'operating'"):
        load_crossings(status="operatng")


@pytest.mark.parametrize("bad", [3, {"rail": 1}, []])
def test_filter_of_wrong_type(bad):
    with pytest.raises(InvalidInputError, match="mode"):
        load_crossings(modes=bad)


# --- status on a date ---------------------------------------------------------------------


def test_bridges_were_not_open_in_2021():
    gdf = load_crossings(as_of="2021-06-01").set_index("id")
    assert gdf.loc["heihe-kanikurgan-road-bridge", "status"] == "planned"
    assert gdf.loc["tongjiang-nizhneleninskoye-rail-bridge", "status"] == "planned"
    assert gdf.loc["shiwei-olochi-road-bridge", "status"] == "suspended"  # closed 2020-11 to 2023-05
    assert gdf.loc["manzhouli-zabaykalsk-rail", "status"] == "operating"
    assert gdf.loc["heihe-kanikurgan-road-bridge", "status_latest"] == "operating"


def test_status_on_dates_accepts_date_objects():
    later = load_crossings(as_of=dt.date(2023, 6, 1)).set_index("id")
    assert later.loc["heihe-kanikurgan-road-bridge", "status"] == "operating"
    assert later.loc["shiwei-olochi-road-bridge", "status"] == "operating"
    assert later.loc["hunchun-makhalino-rail", "status"] == "operating"
    early = load_crossings(as_of="2010-01-01").set_index("id")
    assert early.loc["hunchun-makhalino-rail", "status"] == "suspended"  # 2004 to 2013-08
    assert early.loc["hulin-markovo-road", "status"] == "operating"  # closed only from 2020


def test_as_of_filters_by_the_status_on_that_date():
    ids = set(load_crossings(status="operating", as_of="2021-06-01")["id"])
    assert "heihe-kanikurgan-road-bridge" not in ids
    assert "manzhouli-zabaykalsk-rail" in ids


def _row(**kw):
    base = {"status": "operating", "opened": "", "closed": "", "reopened": ""}
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("row", "date", "expected"),
    [
        (_row(opened="2022"), dt.date(2021, 12, 31), "planned"),
        (_row(opened="2022"), dt.date(2022, 1, 1), "operating"),
        (_row(opened="2000", closed="2004", reopened="2013-08"), dt.date(2013, 7, 31), "suspended"),
        (_row(opened="2000", closed="2004", reopened="2013-08"), dt.date(2013, 8, 1), "operating"),
        (_row(status="closed", closed="2012"), dt.date(2011, 6, 1), "operating"),
        (_row(status="closed", closed="2012"), dt.date(2012, 6, 1), "closed"),
        (_row(status="suspended"), dt.date(1995, 1, 1), "suspended"),
        (_row(closed="2020-11", reopened="2023-05"), dt.date(2021, 1, 1), "suspended"),
        (_row(closed="2020-11", reopened="2023-05"), dt.date(2023, 5, 1), "operating"),
        (_row(status="planned", planned="2027"), dt.date(2026, 1, 1), "planned"),
        (_row(status="under_construction"), dt.date(2030, 1, 1), "under_construction"),
        (_row(status="none"), dt.date(2030, 1, 1), "none"),
    ],
)
def test_status_rules(row, date, expected):
    assert _status_on(row, date) == expected


@pytest.mark.parametrize("bad", ["2021", "21-06-2021", 2021, "yesterday"])
def test_bad_as_of(bad):
    with pytest.raises(InvalidInputError, match="as_of"):
        load_crossings(as_of=bad)


# --- get_crossing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("suifenhe-grodekovo-rail", "suifenhe-grodekovo-rail"),
        ("SUIFENHE GRODEKOVO RAIL", "suifenhe-grodekovo-rail"),
        ("满洲里（铁路）", "manzhouli-zabaykalsk-rail"),
        ("Поярково", "xunke-poyarkovo-river"),
        ("Kani-Kurgan", "heihe-kanikurgan-road-bridge"),
        ("Dongning", "dongning-poltavka-road"),
    ],
)
def test_get_crossing(name, expected):
    assert get_crossing(name)["id"] == expected


def test_get_crossing_ambiguous_name_lists_ids():
    with pytest.raises(UnknownCrossingError, match="matches 2 crossings") as info:
        get_crossing("Manzhouli")
    assert info.value.suggestions == ["manzhouli-zabaykalsk-rail", "manzhouli-zabaykalsk-road"]


def test_get_crossing_unknown_suggests():
    with pytest.raises(UnknownCrossingError, match="Did you mean 'suifenhe-pogranichny-road'") as info:
        get_crossing("suifenhe-pogranichy-road")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    assert info.value.suggestions[0] == "suifenhe-pogranichny-road"
    assert str(info.value).startswith("Unknown crossing")  # no KeyError quoting


def test_get_crossing_wrong_type():
    with pytest.raises(InvalidInputError, match="crossing must be a string"):
        get_crossing(7)


# --- border_line and gaps -----------------------------------------------------------------


def test_border_line_sections():
    border = border_line()
    assert list(border["section"]) == ["east", "west"]
    assert border.crs.equals("EPSG:4326")
    assert set(border.geom_type) == {"LineString"}
    east, west = border.iloc[0], border.iloc[1]
    assert 3000 < east["length_km"] < east["published_length_km"]
    assert 30 < west["length_km"] < 70
    assert east["codes_cn"] == ("CN-HL", "CN-JL", "CN-NM")
    assert east["codes_ru"] == ("RU-AMU", "RU-KHA", "RU-PRI", "RU-YEV", "RU-ZAB")
    assert (west["codes_cn"], west["codes_ru"]) == (("CN-XJ",), ("RU-AL",))


def test_border_line_runs_between_the_tripoints():
    east = border_line(section="east").geometry.iloc[0]
    (lon0, lat0), (lon1, lat1) = east.coords[0], east.coords[-1]
    assert _km((lat0, lon0), (49.8451, 116.7130)) < 15  # China–Mongolia–Russia
    assert _km((lat1, lon1), (42.4170, 130.6000)) < 25  # China–North Korea–Russia
    west = border_line(section="altai").geometry.iloc[0]
    assert _km((west.coords[0][1], west.coords[0][0]), (49.1150, 87.2867)) < 10  # Kazakhstan


def test_border_line_bad_section():
    with pytest.raises(InvalidInputError, match="Did you mean .*'east'"):
        border_line(section="eest")
    with pytest.raises(InvalidInputError, match="section must be a string"):
        border_line(section=1)


def test_gaps_cover_the_section():
    gaps = crossing_gaps()
    assert gaps["from_km"].iloc[0] == 0
    assert math.isclose(gaps["gap_km"].sum(), border_line(section="east")["length_km"].iloc[0], abs_tol=0.5)
    assert (gaps["gap_km"] >= 0).all()
    assert (gaps["from_km"].diff().dropna() > 0).all()
    inner = gaps.iloc[1:]
    assert (inner["gap_km"] > CO_LOCATED_KM).all()


def test_largest_gap_is_on_the_upper_amur():
    gaps = crossing_gaps()
    worst = gaps.loc[gaps["gap_km"].idxmax()]
    assert worst["from_ids"] == ("shiwei-olochi-road-bridge",)
    assert worst["to_ids"] == ("heihe-blagoveshchensk-river",)
    assert worst["gap_km"] > 1000


def test_gaps_merge_co_located_crossings():
    ids = list(crossing_gaps()["to_ids"])
    assert ("suifenhe-pogranichny-road", "suifenhe-grodekovo-rail") in ids


def test_gaps_on_a_date_and_by_mode():
    before = crossing_gaps(as_of="2021-06-01", modes="road_bridge")
    assert "heihe-kanikurgan-road-bridge" not in {i for ids in before["to_ids"] for i in ids}
    after = crossing_gaps(modes="road_bridge")
    assert "heihe-kanikurgan-road-bridge" in {i for ids in after["to_ids"] for i in ids}


def test_gaps_west_has_no_crossing():
    west = crossing_gaps(section="west")
    assert len(west) == 1 and west["from_ids"].iloc[0] == () and west["to_ids"].iloc[0] == ()


# --- nearest_crossings --------------------------------------------------------------------


def test_nearest_by_region_name_and_code_agree():
    by_name = nearest_crossings("Primorsky Krai")
    by_code = nearest_crossings("RU-PRI")
    pd.testing.assert_frame_equal(by_name, by_code)
    assert len(by_name) == 3
    assert by_name["geodesic_km"].is_monotonic_increasing
    assert set(by_name["method"]) == {"geodesic (WGS84)"}
    assert set(by_name["status"]) == {"operating"}


def test_nearest_distance_is_geodesic():
    result = nearest_crossings((50.2759, 127.5264), n=1)  # Blagoveshchensk
    row = result.iloc[0]
    assert row["id"] == "heihe-blagoveshchensk-river"
    assert math.isclose(row["geodesic_km"], round(_km((50.2759, 127.5264), (row["lat"], row["lon"])), 1))


def test_nearest_excludes_pipelines_unless_asked():
    assert "pipeline" not in set(nearest_crossings("Amur Oblast", n=30)["mode"])
    pipes = nearest_crossings("Amur Oblast", modes="pipeline", n=30)
    assert set(pipes["mode"]) == {"pipeline"} and len(pipes) == 2  # the third is not yet built


def test_nearest_respects_as_of():
    ids = set(nearest_crossings("Amur Oblast", n=30, as_of="2021-06-01")["id"])
    assert "heihe-kanikurgan-road-bridge" not in ids


@pytest.mark.parametrize("bad", [0, -2, 2.5, True, "3"])
def test_nearest_bad_n(bad):
    with pytest.raises(InvalidInputError, match="n must be"):
        nearest_crossings("RU-PRI", n=bad)


def test_nearest_unknown_region():
    with pytest.raises(UnknownRegionError, match="Did you mean"):
        nearest_crossings("Heilongjang")


def test_nearest_bad_coordinates():
    with pytest.raises(InvalidInputError, match="outside -90..90"):
        nearest_crossings((95.0, 400.0))
    with pytest.raises(InvalidInputError, match=r"looks like \(lon, lat\)"):
        nearest_crossings((131.9, 43.1))
    with pytest.raises(InvalidInputError, match="place"):
        nearest_crossings((43.1,))


def test_nearest_no_match_warns():
    with pytest.warns(UserWarning, match="No operating crossing"):
        result = nearest_crossings("RU-PRI", modes="none")
    assert result.empty


# --- crossings_map ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_map_html():
    return crossings_map().get_root().render()


def test_map_has_one_marker_per_crossing(full_map_html):
    assert full_map_html.count('"className": "coop-crossing ') == N_ROWS
    assert full_map_html.count("coop-border-line") == 2


def test_map_tooltips_are_trilingual_with_dates_and_sources(full_map_html):
    for text in ("中文", "Русский", "Opened", "Sources", "2022-06-10", "Кани-Курган", "黑河"):
        assert text in full_map_html


def test_map_filters_and_draws_on_a_given_map():
    base = folium.Map(location=(48, 125), zoom_start=4, tiles=None)
    out = crossings_map(modes="rail", as_of="2010-01-01", m=base)
    assert out is base
    html = out.get_root().render()
    assert html.count('"className": "coop-crossing ') == len(load_crossings(modes="rail"))
    assert "coop-status-suspended" in html  # Hunchun rail in 2010


def test_map_escapes_data_text(monkeypatch):
    from coophelpers import crossings

    evil = crossings._table().copy()
    evil.loc[0, "name_cn_en"] = "<img src=x onerror=alert(1)>"
    monkeypatch.setattr(crossings, "_table", lambda: evil)
    html = crossings_map(modes="rail").get_root().render()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_map_rejects_non_maps():
    with pytest.raises(InvalidInputError, match="m must be a folium.Map"):
        crossings_map(m="map")


def test_styles_cover_every_mode_and_status():
    from coophelpers.maps.themes.crossings import _STATUS_STYLE, MODE_COLOURS, MODE_LABELS

    assert set(MODE_COLOURS) == set(CROSSING_MODES) == set(MODE_LABELS)
    assert set(_STATUS_STYLE) == set(STATUSES)
