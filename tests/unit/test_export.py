"""Exports for colleagues (issue 12): every format is read back with the library a colleague would use.

Each export must round-trip Chinese and Russian text (``name_zh``, ``name_ru``) and carry the
sources and licences of its data; GeoJSON follows RFC 7946 (Chukotka, which reaches 191° E in
the curated geometry, is split at the antimeridian); nothing is cut without an error.
"""

from __future__ import annotations

import importlib
import json
import os
from unittest import mock

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point, box

import coophelpers as ch
from coophelpers import DataWarning, InvalidInputError, _io
from coophelpers.data import source_records, split_list

exports = importlib.import_module("coophelpers.exports")
citation = importlib.import_module("coophelpers.citation")

BOM = b"\xef\xbb\xbf"
LONG = "share_of_regional_exports_to_the_partner_country_in_percent_of_total_exports_2019"


@pytest.fixture(scope="module")
def regions():
    """All 114 regions (web detail): Chinese and Russian names, Chukotka past 180° E."""
    return ch.load_regions()


@pytest.fixture(scope="module")
def regions_cn():
    return ch.load_regions("CN")


def _names(records):
    return [r["name"] for r in records]


def _expected_sources(frame):
    return _names(citation.sources_of(frame))


def _same_names(read: pd.DataFrame, original: pd.DataFrame) -> None:
    for column in ("code", "name_zh", "name_ru", "name_en"):
        assert list(read[column]) == list(original[column]), column
    assert "黑龙江省" in set(read["name_zh"]) and "Приморский край" in set(read["name_ru"])


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_round_trips_chinese_russian_and_the_sources(regions, tmp_path):
    path = ch.export(regions, tmp_path / "regions.csv")
    assert path == tmp_path / "regions.csv"
    assert path.read_bytes()[:3] == BOM
    read = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    _same_names(read, regions)
    assert "geometry" not in read.columns and exports.WKT_COLUMN not in read.columns
    sidecar = tmp_path / "regions.sources.csv"
    assert sidecar.read_bytes()[:3] == BOM
    sources = pd.read_csv(sidecar, encoding="utf-8-sig")
    assert list(sources.columns) == list(citation.SOURCE_KEYS)
    assert list(sources["name"]) == _expected_sources(regions)
    assert source_records("regions.csv")[0]["name"] in set(sources["name"])
    assert source_records("regions_web.parquet")[0]["licence"] in set(sources["licence"])


def test_csv_wkt_on_request_round_trips_the_geometry(regions_cn, tmp_path):
    path = ch.export(regions_cn, tmp_path / "cn.csv", geometry="wkt")
    read = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(read["name_zh"]) == list(regions_cn["name_zh"])
    shapes = gpd.GeoSeries.from_wkt(read[exports.WKT_COLUMN], crs="EPSG:4326")
    assert all(shapely.equals_exact(shapes.to_numpy(), regions_cn.geometry.to_numpy(), tolerance=1e-6))


def test_wkt_over_the_excel_cell_limit_is_refused_and_nothing_is_written(regions, tmp_path):
    old = tmp_path / "regions.csv"
    old.write_text("the previous export")
    for suffix in (".csv", ".xlsx"):
        with pytest.raises(InvalidInputError) as info:
            ch.export(regions, tmp_path / f"regions{suffix}", geometry="wkt")
        msg = str(info.value)
        assert "geometry='wkt'" in msg and "32,767" in msg and "RU-KYA" in msg
        assert "simplify" in msg and "'.gpkg'" in msg
    assert old.read_text() == "the previous export"  # the old file is left as it was
    assert not (tmp_path / "regions.xlsx").exists()
    assert not (tmp_path / "regions.sources.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regions.csv"]  # no temporary files left


def test_the_fix_the_wkt_error_suggests_works(regions, tmp_path):
    simplified = regions.set_geometry(regions.simplify(0.05))
    path = ch.export(simplified, tmp_path / "regions.xlsx", geometry="wkt")
    sheet = openpyxl.load_workbook(path, read_only=True)["data"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[-1] == exports.WKT_COLUMN


def test_long_text_cells_are_refused_for_excel_but_kept_elsewhere(tmp_path):
    frame = pd.DataFrame({"code": ["CN-HL"], "note": ["长" * 40_000]})
    with pytest.raises(InvalidInputError, match=r"'note'.*32,767"):
        ch.export(frame, tmp_path / "notes.csv", sources="My notes")
    path = ch.export(frame, tmp_path / "notes.parquet", sources="My notes")
    assert len(pd.read_parquet(path)["note"].iloc[0]) == 40_000


# --- Excel --------------------------------------------------------------------------------------


def test_xlsx_has_a_data_sheet_and_a_sources_sheet(tmp_path):
    crossings = ch.load_crossings()
    path = ch.export(crossings, tmp_path / "crossings.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "sources"]
    rows = list(book["data"].values)
    header, body = list(rows[0]), rows[1:]
    assert "geometry" not in header and len(body) == len(crossings)
    for column in ("id", "name_cn_zh", "name_ru_ru"):
        got = [row[header.index(column)] for row in body]
        assert got == list(crossings[column]), column
    sources = list(book["sources"].values)
    assert list(sources[0]) == list(citation.SOURCE_KEYS)
    assert [row[0] for row in sources[1:]] == _expected_sources(crossings)
    cell = body[0][header.index("sources")]
    assert split_list(cell) == crossings["sources"].iloc[0]  # several values: joined with " | "


def test_xlsx_round_trips_region_names(regions, tmp_path):
    path = ch.export(regions, tmp_path / "regions.xlsx")
    frame = pd.read_excel(path, sheet_name="data", keep_default_na=False)
    _same_names(frame, regions)
    sources = pd.read_excel(path, sheet_name="sources")
    assert list(sources["name"]) == _expected_sources(regions)


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(tmp_path):
    frame = pd.DataFrame({"note": ["=HYPERLINK(\"http://x\")", "ok"], "value": [1.5, np.nan]})
    path = ch.export(frame, tmp_path / "t.xlsx", sources="My table")
    sheet = openpyxl.load_workbook(path)["data"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B2"].value == 1.5 and sheet["B3"].value is None  # NaN is an empty cell


# --- GeoPackage -----------------------------------------------------------------------------------


def test_gpkg_has_the_layer_and_a_table_of_sources(regions, tmp_path):
    path = ch.export(regions, tmp_path / "regions.gpkg")
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"regions": "MultiPolygon", "sources": None}
    read = gpd.read_file(path, layer="regions")
    assert read.crs.equals("EPSG:4326")
    _same_names(read, regions)
    # one geometry type per layer: polygons are written as one-part multipolygons, vertices unchanged
    assert (shapely.get_coordinates(read.geometry.to_numpy()) == shapely.get_coordinates(regions.geometry.to_numpy())).all()
    sources = pyogrio.read_dataframe(path, layer="sources")
    assert list(sources["name"]) == _expected_sources(regions)
    assert sources["licence"].notna().all()


def test_gpkg_layer_name_and_a_table_without_geometry(tmp_path):
    mechanisms = ch.load_mechanisms()
    path = ch.export(mechanisms, tmp_path / "mechanisms.gpkg", layer="mechanisms_2024")
    assert [name for name, _ in pyogrio.list_layers(path)] == ["mechanisms_2024", "sources"]
    read = pyogrio.read_dataframe(path, layer="mechanisms_2024", read_geometry=False)
    assert list(read["name_zh"]) == list(mechanisms["name_zh"])
    assert list(read["name_ru"]) == list(mechanisms["name_ru"])
    assert list(pyogrio.read_dataframe(path, layer="sources")["name"]) == _expected_sources(mechanisms)


# --- GeoJSON ----------------------------------------------------------------------------------------


def _coordinates(geometry: dict) -> np.ndarray:
    return shapely.get_coordinates(shapely.geometry.shape(geometry))


def test_geojson_is_rfc7946_with_chukotka_split_at_the_antimeridian(regions, tmp_path):
    assert regions.loc[regions["code"] == "RU-CHU"].total_bounds[2] > 190  # the data run on past 180°
    path = ch.export(regions, tmp_path / "regions.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert _names(doc["sources"]) == _expected_sources(regions)
    for feature in doc["features"]:
        xy = _coordinates(feature["geometry"])
        assert (np.abs(xy[:, 0]) <= 180).all(), feature["properties"]["code"]
    chukotka = next(f for f in doc["features"] if f["properties"]["code"] == "RU-CHU")
    shape = shapely.geometry.shape(chukotka["geometry"])
    assert shape.geom_type == "MultiPolygon" and shape.is_valid
    east = [p for p in shape.geoms if p.bounds[2] < 0]  # the parts past 180° E, moved by -360°
    west = [p for p in shape.geoms if p.bounds[0] > 0]
    assert len(east) + len(west) == len(shape.geoms)
    assert min(p.bounds[0] for p in east) == -180 and max(p.bounds[2] for p in west) == 180  # cut at 180°
    assert east and west
    assert max(p.bounds[2] for p in east) == pytest.approx(-180 + 11.00538, abs=1e-6)
    original = regions.loc[regions["code"] == "RU-CHU"].geometry.iloc[0]
    assert ch.geodesy.area_km2(shape) == pytest.approx(ch.geodesy.area_km2(original), rel=1e-4)
    assert all(shapely.geometry.polygon.orient(p, 1.0).equals_exact(p, 0) for p in shape.geoms)  # counter-clockwise


def test_geojson_reads_back_with_geopandas(regions, tmp_path):
    path = ch.export(regions, tmp_path / "regions.geojson")
    read = gpd.read_file(path)
    assert read.crs.equals("EPSG:4326")
    _same_names(read, regions)
    assert -180 <= read.total_bounds[0] and read.total_bounds[2] <= 180


def test_geojson_from_another_crs_is_longitude_latitude(regions_cn, tmp_path):
    path = ch.export(regions_cn.to_crs(3857), tmp_path / "cn.geojson")
    read = gpd.read_file(path)
    assert read.total_bounds == pytest.approx(regions_cn.total_bounds, abs=1e-6)


@pytest.mark.parametrize(
    ("shape", "kind"),
    [
        (LineString([(170, 65), (190, 66)]), "MultiLineString"),  # continuous past 180°
        (LineString([(170, 65), (-170, 66)]), "MultiLineString"),  # jumping across it
        (box(-190, 60, -170, 70), "MultiPolygon"),
        (box(100, 40, 120, 50), "Polygon"),  # nothing to split
        (Point(185, 65), "Point"),
    ],
)
def test_split_antimeridian(shape, kind):
    split = exports.split_antimeridian(shape)
    assert split.geom_type == kind
    xy = shapely.get_coordinates(split)
    assert (np.abs(xy[:, 0]) <= 180).all()
    if kind.startswith("Multi"):
        assert len(split.geoms) == 2
        assert {round(abs(x)) for x in xy[:, 0]} >= {180}
    if kind == "Point":
        assert split.x == pytest.approx(-175)


def test_geojson_of_a_table_without_geometry(tmp_path):
    mechanisms = ch.load_mechanisms()
    path = ch.export(mechanisms, tmp_path / "mechanisms.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [f["geometry"] for f in doc["features"]] == [None] * len(mechanisms)
    assert [f["properties"]["name_ru"] for f in doc["features"]] == list(mechanisms["name_ru"])
    assert _names(doc["sources"]) == _expected_sources(mechanisms)


# --- GeoParquet --------------------------------------------------------------------------------------


def test_parquet_is_geoparquet_with_the_sources_in_its_metadata(regions, tmp_path):
    path = ch.export(regions, tmp_path / "regions.parquet")
    read = gpd.read_parquet(path)
    assert read.crs.equals("EPSG:4326")
    _same_names(read, regions)
    assert all(shapely.equals_exact(read.geometry.to_numpy(), regions.geometry.to_numpy(), tolerance=0))
    metadata = pq.read_schema(path).metadata
    assert b"geo" in metadata
    assert _names(json.loads(metadata[b"sources"])) == _expected_sources(regions)


def test_parquet_of_a_plain_table_keeps_labelled_rows(tmp_path):
    matrix = ch.distance_matrix(["CN-HL", "CN-JL"], ["RU-MOW", "RU-PRI"])
    path = ch.export(matrix, tmp_path / "matrix.parquet")
    read = pd.read_parquet(path)
    assert list(read["origin"]) == ["CN-HL", "CN-JL"]
    assert read["RU-MOW"].tolist() == pytest.approx(matrix["RU-MOW"].tolist())
    assert _names(json.loads(pq.read_schema(path).metadata[b"sources"])) == _names(source_records("regions.csv"))


# --- sources, names, paths ---------------------------------------------------------------------------


def test_sources_given_are_added_to_those_of_the_data(regions_cn, tmp_path):
    mine = {"name": "Regional trade survey", "licence": "CC BY 4.0", "as_of": "2021", "url": "https://example.org/survey"}
    path = ch.export(regions_cn, tmp_path / "cn.geojson", sources=[mine])
    got = json.loads(path.read_text(encoding="utf-8"))["sources"]
    assert got[:-1] == citation.sources_of(regions_cn) and got[-1] == mine


def test_sources_recorded_on_the_table_are_used_as_they_are(regions_cn, tmp_path):
    frame = regions_cn.copy()
    frame.attrs["sources"] = [{"name": "Recorded by a loader", "licence": "CC0"}]
    path = ch.export(frame, tmp_path / "cn.parquet")
    assert json.loads(pq.read_schema(path).metadata[b"sources"]) == [{"name": "Recorded by a loader", "licence": "CC0"}]


def test_a_table_of_ones_own_without_sources_warns(tmp_path):
    frame = pd.DataFrame({"region": ["Heilongjiang"], "value": [1.0]})
    with pytest.warns(DataWarning, match="no sources are known"):
        ch.export(frame, tmp_path / "mine.csv")
    assert pd.read_csv(tmp_path / "mine.sources.csv", encoding="utf-8-sig").empty


@pytest.mark.parametrize("suffix", list(exports.FORMATS))
def test_long_column_names_survive_every_format(suffix, regions_cn, tmp_path):
    frame = regions_cn[["code", "name_zh", "name_ru", "geometry"]].assign(**{LONG: np.arange(len(regions_cn), dtype=float)})
    path = ch.export(frame, tmp_path / f"cn{suffix}")
    if suffix == ".csv":
        read = pd.read_csv(path, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        read = pd.read_excel(path, sheet_name="data")
    elif suffix == ".parquet":
        read = gpd.read_parquet(path)
    else:
        read = gpd.read_file(path, layer="cn") if suffix == ".gpkg" else gpd.read_file(path)
    assert LONG in read.columns
    assert read[LONG].tolist() == frame[LONG].tolist()
    assert list(read["name_ru"]) == list(frame["name_ru"])


@pytest.mark.parametrize(("name", "words"), [("regions.shp", ("10 characters", "'.gpkg'")),
                                             ("regions.gpk", ("Did you mean", "'.gpkg'")),
                                             ("regions", ("no suffix",))])
def test_unoffered_formats_are_refused_with_advice(name, words, regions_cn, tmp_path):
    with pytest.raises(InvalidInputError) as info:
        ch.export(regions_cn, tmp_path / name)
    for word in words:
        assert word in str(info.value)
    assert not list(tmp_path.iterdir())


def test_unwritable_folder_is_refused_before_anything_is_written(regions_cn, tmp_path):
    with mock.patch.object(_io.os, "access", return_value=False), pytest.raises(InvalidInputError, match="not writable"):
        ch.export(regions_cn, tmp_path / "out" / "cn.xlsx")
    assert not (tmp_path / "out" / "cn.xlsx").exists()


def test_an_existing_file_is_replaced_and_home_is_expanded(regions_cn, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    first = ch.export(regions_cn.iloc[:2], "~/exports/cn.gpkg")
    assert first == tmp_path / "exports" / "cn.gpkg"
    ch.export(regions_cn.iloc[:3], "~/exports/cn.gpkg")
    assert len(gpd.read_file(first, layer="cn")) == 3
    assert sorted(p.name for p in first.parent.iterdir()) == ["cn.gpkg"]


def test_a_frame_without_crs_is_refused_when_geometry_is_written(regions_cn, tmp_path):
    frame = regions_cn.set_crs(None, allow_override=True)
    with pytest.raises(InvalidInputError, match=r"set_crs\('EPSG:4326'\)"):
        ch.export(frame, tmp_path / "cn.gpkg")
    assert ch.export(frame, tmp_path / "cn.csv").exists()  # no geometry written: no CRS needed


def test_a_filtered_table_has_no_column_of_row_numbers(regions, tmp_path):
    russia = regions[regions["country"] == "RU"]  # its index is row numbers from 31 on, not labels
    read = pd.read_csv(ch.export(russia, tmp_path / "ru.csv"), encoding="utf-8-sig")
    assert list(read.columns) == [c for c in regions.columns if c != "geometry"]


def test_export_and_cite_stay_functions_when_their_modules_are_imported():
    import inspect

    import coophelpers.citation
    import coophelpers.exports  # noqa: F401 - importing a submodule binds its name on the package

    assert inspect.isfunction(ch.export) and inspect.isfunction(ch.cite)


class Interrupted(BaseException):
    """Stands for Ctrl-C or a killed process at the last step of a write."""


@pytest.mark.parametrize("suffix", list(exports.FORMATS))
def test_an_interrupted_export_keeps_the_previous_file_and_leaves_no_temporary_files(suffix, regions_cn, tmp_path,
                                                                                     monkeypatch):
    ch.export(regions_cn.iloc[:2], tmp_path / f"cn{suffix}")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def interrupted(*_args, **_kwargs):
        raise Interrupted

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(Interrupted):
        ch.export(regions_cn, tmp_path / f"cn{suffix}")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
