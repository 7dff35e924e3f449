"""Faults in the curated data give a clear error naming the file and how to rebuild or reinstall.

Each test breaks a temporary copy of the data folder (``COOPHELPERS_DATA_DIR``), never the real one.
"""

from __future__ import annotations

import json
import shutil

import pytest

from coophelpers import DataIntegrityError, data, load_regions
from coophelpers import regions as regions_module


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "geo"
    shutil.copytree(data.data_dir(), target)
    monkeypatch.setenv("COOPHELPERS_DATA_DIR", str(target))
    _clear()
    yield target
    _clear()


def _clear():
    data._verified.clear()
    data._manifest_cache.clear()
    for func in (regions_module._attributes, regions_module._geometry, regions_module._membership,
                 regions_module._districts_table, regions_module._cn_macro, regions_module._name_index):
        func.cache_clear()


def test_intact_copy_loads(data_copy):
    assert len(load_regions()) == 114
    assert data.data_dir() == data_copy


def test_checksum_mismatch(data_copy):
    path = data_copy / "regions.csv"
    raw = bytearray(path.read_bytes())
    raw[-3] = ord("X") if raw[-3] != ord("X") else ord("Y")
    path.write_bytes(bytes(raw))
    with pytest.raises(DataIntegrityError, match=r"regions\.csv does not match its checksum") as info:
        load_regions()
    assert "Reinstall coophelpers" in str(info.value) and "refresh" in str(info.value)


def test_missing_file(data_copy):
    (data_copy / "regions_web.parquet").unlink()
    with pytest.raises(DataIntegrityError, match=r"regions_web\.parquet is missing.*Reinstall"):
        load_regions()


def test_truncated_file(data_copy):
    path = data_copy / "regions_web.parquet"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(DataIntegrityError, match=r"regions_web\.parquet looks truncated.*rebuild"):
        load_regions()


def test_entry_without_source(data_copy):
    manifest_path = data_copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["regions.csv"]["source"] = ""
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataIntegrityError, match=r"'regions\.csv' lacks source.*--source"):
        load_regions()


def test_broken_manifest(data_copy):
    (data_copy / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataIntegrityError, match=r"manifest.*not valid JSON.*Reinstall"):
        load_regions()


def test_unregistered_file(data_copy):
    with pytest.raises(DataIntegrityError, match=r"'nothing\.csv' is not described in the data manifest"):
        data.data_path("nothing.csv")


def test_integrity_error_is_runtime_error(data_copy):
    (data_copy / "regions.csv").unlink()
    with pytest.raises(RuntimeError):
        load_regions()
