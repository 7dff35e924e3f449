"""Corners found by probing (issue 14): inputs that are valid but were mishandled.

Bad input that must be refused has its row in ``test_bad_input_catalogue.py``; this file holds
the corners where the input is fine and the answer was wrong: numpy scalars, empty arrays, int
column names, ``~`` in paths, a port paired with itself, labels that collide, and maps built by
several threads at once at cold start.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import coophelpers as ch
from coophelpers import DataIntegrityError, InvalidInputError

# --- numpy scalars are numbers ------------------------------------------------------------------

NUMPY_NUMBERS = [np.int64(2), np.float32(0.5), np.float64(0.25), np.int32(1), np.uint8(1)]


@pytest.mark.parametrize("value", NUMPY_NUMBERS, ids=lambda v: type(v).__name__)
def test_numpy_scalars_are_numbers_in_the_checkers(value):
    from coophelpers._validate import check_latlon, check_number, check_positive_int

    assert check_number(value, param="x", low=0, high=10) == pytest.approx(float(value))
    assert check_latlon(value, value, param="p") == pytest.approx((float(value), float(value)))
    if isinstance(value, np.integer):
        assert check_positive_int(value, param="n") == int(value)


@pytest.mark.parametrize("value", [True, np.bool_(True)], ids=["bool", "numpy-bool"])
def test_bools_are_still_not_numbers(value):
    from coophelpers._validate import check_number

    with pytest.raises(InvalidInputError, match="not a number"):
        check_number(value, param="x", low=0, high=10)


def test_numpy_scalars_are_numbers_in_the_public_helpers():
    m = ch.base_map(basemap=False, tiles=False)
    ch.add_regions(m, ch.load_regions("CN"), name="x", weight=np.int64(2), fill_opacity=np.float32(0.5))
    assert len(ch.nearest_crossings((np.float32(45.75), np.int64(126)), n=np.int64(2))) == 2
    assert ch.dwell_scenario("yangtze-volga", factor=np.float32(0.5)).shape[0] >= 1


def test_numpy_opacity_reaches_the_static_preview():
    """A style number from a table (``np.float32(0.5)``) was not a number to the preview: it drew 0.2."""
    import folium

    from coophelpers.maps._preview import preview_items

    m = ch.base_map(basemap=False, tiles=False)
    folium.CircleMarker((45.75, 126.63), radius=np.int64(4), fill_opacity=np.float32(0.5)).add_to(m)
    (_, style), = preview_items(m)
    assert type(style["fillOpacity"]) is float and style["fillOpacity"] == 0.5
    assert type(style["radius"]) is int


# --- empty inputs to vectorised functions -------------------------------------------------------


def test_one_place_against_an_empty_array_is_an_empty_result():
    """It raised pyproj's bare GeodError ("Array lengths are not the same")."""
    none = np.empty((0, 2))
    for origin, destination in [((45.75, 126.63), none), (none, (45.75, 126.63)), ("CN-HL", none),
                                (none, none), (np.array([]), "RU-MOW")]:
        result = ch.geodesic_km(origin, destination)
        assert isinstance(result, np.ndarray) and result.shape == (0,)


def test_empty_arrays_give_empty_tables():
    none = np.empty((0, 2))
    assert ch.distance_matrix(none, ["RU-MOW"]).shape == (0, 1)
    assert ch.distance_matrix(["RU-MOW"], none).shape == (1, 0)
    assert ch.distance_matrix(none, ["RU-MOW"], method="network").shape == (0, 1)
    assert ch.distance_matrix(none, ["murmansk"], method="sea").shape == (0, 1)


def test_inv_km_broadcasts_one_point_and_refuses_unequal_lengths():
    from coophelpers.geodesy import inv_km

    assert inv_km([55.75], [37.62], [], []).shape == (0,)
    assert inv_km([55.75], [37.62], [39.9, 39.9], [116.4, 116.4]).shape == (2,)
    with pytest.raises(InvalidInputError, match="equal length"):
        inv_km([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])


# --- column names that are numbers --------------------------------------------------------------


def _int_columns():
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame({0: ["Heilongjiang"], 1: [3.5], 2: ["#d62728"]},
                            geometry=[box(121, 44, 134, 53)], crs="EPSG:4326")


def test_int_column_names_are_matched_as_given():
    """``tooltip_fields=[0]`` for a column named 0 was refused with "... Did you mean '0'?"."""
    m = ch.base_map(basemap=False, tiles=False)
    ch.add_regions(m, _int_columns(), name="by list", tooltip_fields=[0])
    ch.add_regions(m, _int_columns(), name="by mapping", tooltip_fields={0: "Region"}, column=1)
    ch.add_regions(m, _int_columns(), name="colour column", fill_color=2)
    page = ch.maps.map_html(m)
    assert "Heilongjiang" in page and "Region" in page


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "2019-04-31", "0000"])
def test_impossible_curated_dates_are_a_data_error(text):
    """``partial_date`` raised a bare ValueError for a date that does not exist."""
    from coophelpers._validate import partial_date

    with pytest.raises(DataIntegrityError, match=text):
        partial_date(text)


def test_real_partial_dates_still_parse():
    import datetime as dt

    from coophelpers._validate import partial_date

    assert partial_date("2020-02-29") == dt.date(2020, 2, 29)
    assert partial_date("2019-02") == dt.date(2019, 2, 1)
    assert partial_date("2019") == dt.date(2019, 1, 1)


def test_missing_source_fields_are_left_out_not_written_as_nan(tmp_path):
    import pandas as pd

    m = ch.base_map(basemap=False, tiles=False)
    path = ch.save_map(m, tmp_path / "m.html", provenance={
        "sources": [{"name": "survey", "as_of": pd.NaT, "note": math.nan}], "build_date": "2025-01-31"})
    page = path.read_text(encoding="utf-8")
    record = json.loads(page.split('id="provenance">', 1)[1].split("</script>", 1)[0])
    survey = next(s for s in record["sources"] if s["name"] == "survey")
    assert survey == {"name": "survey"}
    assert "NaT" not in page and "as of nan" not in page


# --- '~' in paths -------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A scratch home folder (``~``) and a separate working folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return folder


def test_save_map_expands_the_home_folder(home):
    """``save_map(m, "~/d/m.html")`` wrote ``./~/d/m.html``."""
    path = ch.save_map(ch.base_map(basemap=False, tiles=False), "~/d/m.html")
    assert path == home / "d" / "m.html" and path.is_file()
    assert not Path("~").exists()


def test_map_output_and_metadata_folder_expand_the_home_folder(home, monkeypatch):
    monkeypatch.setattr(ch.settings, "maps_dir", "~/maps")
    monkeypatch.setattr(ch.settings, "map_metadata_dir", "~/meta")
    path = ch.map_output("01-regions")
    assert path == home / "maps" / "01-regions.html"
    ch.save_map(ch.base_map(basemap=False, tiles=False), path)
    assert (home / "meta" / "01-regions.html.json").is_file()
    monkeypatch.setattr(ch.settings, "maps_dir", None)
    monkeypatch.setenv("COOPHELPERS_MAPS_DIR", "~/from-env")
    assert ch.map_output("x") == home / "from-env" / "x.html"
    assert not Path("~").exists()


# --- sea distances of a port to itself ----------------------------------------------------------


def test_a_port_paired_with_itself_is_a_zero_row():
    """``sea_distances(['shanghai'], ['shanghai'])`` gave a 0×0 frame, then KeyError on its columns."""
    table = ch.sea_distances(["shanghai"], ["Shanghai"])
    assert list(table[["origin", "destination", "via"]].itertuples(index=False, name=None)) == [
        ("shanghai", "shanghai", "suez"), ("shanghai", "shanghai", "nsr")]
    assert (table["length_km"] == 0).all() and (table["passages"] == ()).all()
    assert table["nsr_saving_pct"].isna().all()
    one = ch.sea_distances(["shanghai"], ["shanghai"], via="suez")
    assert one.shape[0] == 1 and one["length_km"].iloc[0] == 0.0
    matrix = ch.distance_matrix(["shanghai"], ["shanghai"], method="sea")
    assert matrix.iloc[0, 0] == one["length_km"].iloc[0]
    mixed = ch.sea_distances(["shanghai", "murmansk"], ["murmansk"], via="suez")
    assert mixed.set_index("origin")["length_km"]["murmansk"] == 0.0
    assert mixed.set_index("origin")["length_km"]["shanghai"] > 20_000


# --- distance_matrix labels are unique ----------------------------------------------------------


def test_points_that_round_alike_get_distinct_labels():
    frame = ch.distance_matrix([(45.00001, 126.0), (45.00002, 126.0), (43.1, 131.9)], ["RU-MOW"])
    assert frame.index.is_unique
    assert list(frame.index) == ["45.00001, 126.00000", "45.00002, 126.00000", "43.1000, 131.9000"]
    assert frame.loc["45.00001, 126.00000", "RU-MOW"] != frame.loc["45.00002, 126.00000", "RU-MOW"]


def test_a_place_given_twice_gets_a_suffix():
    frame = ch.distance_matrix(["CN-HL", "CN-HL", (45.0, 126.0), (45.0, 126.0)], ["RU-MOW", "RU-MOW"])
    assert list(frame.index) == ["CN-HL", "CN-HL (2)", "45.0000, 126.0000", "45.0000, 126.0000 (2)"]
    assert list(frame.columns) == ["RU-MOW", "RU-MOW (2)"]
    keys = ch.distance_matrix({1: "CN-HL", "1": "CN-JL"}, "RU-MOW")
    assert list(keys.index) == ["1", "1 (2)"]


# --- maps built by several threads at cold start ------------------------------------------------

_RACE = textwrap.dedent(
    """
    import json, sys, threading
    from pathlib import Path

    import coophelpers as ch  # cold: nothing of coophelpers.maps, pandas or folium loaded yet

    out_dir = Path(sys.argv[1])
    ch.settings.map_metadata_dir = str(out_dir / "meta")
    N = 8
    barrier = threading.Barrier(N)
    results = [None] * N

    def shapes(m, page):
        from coophelpers.maps._preview import preview_items

        return [page.count('"type":"Feature"'), len(preview_items(m))]

    def build(name):
        m = ch.regions_map()
        page = ch.maps.map_html(m, provenance={"build_date": "2025-01-31"})
        path = ch.save_map(m, out_dir / f"{name}.html", provenance={"build_date": "2025-01-31"})
        meta = json.loads((out_dir / "meta" / f"{path.name}.json").read_text(encoding="utf-8"))
        preview = meta.get("preview_png") or meta.get("preview_svg")
        return shapes(m, page) + [len(path.read_bytes()), preview]

    def work(i):
        barrier.wait()
        try:
            results[i] = build(f"thread-{i}")
        except BaseException as err:  # noqa: BLE001 - reported to the test
            results[i] = repr(err)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    alone = build("alone")
    print(json.dumps({"threads": results, "alone": alone}))
    """
)


@pytest.mark.parametrize("attempt", range(3))
def test_eight_threads_at_cold_start_draw_every_shape(attempt, tmp_path):
    """Eight threads building maps at first use once saved a preview with 30 of 107 shapes.

    Each attempt is a fresh interpreter, so every module, class and cache is created while the
    threads race; each thread's map must have as many shapes (encoded in the page and drawn in
    the preview) and the same page size and preview as a map built afterwards by one thread.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1735603200"}
    env.pop("COOPHELPERS_MAP_METADATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", _RACE, str(tmp_path)], capture_output=True, text=True, timeout=300,
        check=False, env=env, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    alone = report["alone"]
    assert alone[0] > 100 and alone[1] > 100, alone[:3]
    for i, result in enumerate(report["threads"]):
        assert isinstance(result, list), f"thread {i} failed: {result}"
        assert result[:3] == alone[:3], f"thread {i}: (features, preview shapes, bytes) {result[:3]} != {alone[:3]}"
        assert result[3] == alone[3], f"thread {i}: its static preview differs from a single-threaded one"


def test_build_site_takes_numpy_integers_for_its_numbers(tmp_path):
    import numpy as np

    from coophelpers import SiteBuildError, site

    empty = tmp_path / "notebooks"
    empty.mkdir()
    # the options are accepted; the build then stops because the folder has no notebooks
    with pytest.raises(SiteBuildError, match="No notebooks"):
        site.build_site(tmp_path / "site", notebooks=empty, timeout=np.int64(600), max_map_bytes=np.int32(1_000_000),
                        progress=False)


def test_the_data_folder_setting_expands_the_home_folder(tmp_path, monkeypatch):
    from coophelpers import data, settings

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(settings, "data_dir", "~/geo")
    assert data.data_dir() == tmp_path / "geo"


def test_threads_reading_the_manifest_at_first_use_all_get_it():
    import threading

    from coophelpers import data

    for _ in range(20):
        data._manifest_cache.clear()
        results, errors = [], []
        start = threading.Barrier(8)

        def read():
            start.wait()
            try:
                results.append(len(data.manifest()["files"]))
            except Exception as err:  # noqa: BLE001 - the test reports any failure
                errors.append(err)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and len(set(results)) == 1 and len(results) == 8


def test_check_map_size_names_a_missing_file_and_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "m.html").write_text("<html></html>", encoding="utf-8")
    from coophelpers.maps import check_map_size

    assert check_map_size("~/m.html") == len("<html></html>")
    with pytest.raises(InvalidInputError, match="is not a saved map file"):
        check_map_size(tmp_path / "missing.html")
