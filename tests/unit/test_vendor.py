"""The vendored npm releases are the exact released files, each with its licence and sha256.

``scripts/vendor_npm.py`` wrote ``src/coophelpers/maps/vendor/`` from the npm registry's
tarballs; this checks the folder against its manifest without the network.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

import coophelpers
from coophelpers import DataIntegrityError
from coophelpers.maps import _vendor

VENDOR = Path(coophelpers.__file__).parent / "maps" / "vendor"
MANIFEST = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
PACKAGES = {p["name"]: p for p in MANIFEST["packages"]}


@pytest.mark.parametrize("name", PACKAGES)
def test_every_vendored_file_matches_its_recorded_sha256(name):
    record = PACKAGES[name]
    assert record["registry"] == "npm" and re.fullmatch(r"\d+\.\d+\.\d+", record["version"])
    assert record["folder"] == f"{name}-{record['version']}"
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]+=*", record["integrity"])
    for rel, digest in record["files"].items():
        data = (VENDOR / record["folder"] / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, rel


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_carries_its_licence(name):
    record = PACKAGES[name]
    assert record["licence"] == "MIT" and record["licence_file"] in record["files"]
    text = (VENDOR / record["folder"] / record["licence_file"]).read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in text


def test_the_folder_holds_nothing_the_manifest_does_not_list():
    listed = {Path(p["folder"]) / rel for p in MANIFEST["packages"] for rel in p["files"]}
    present = {f.relative_to(VENDOR) for f in VENDOR.rglob("*") if f.is_file()} - {Path("MANIFEST.json")}
    assert present == listed


def test_an_edited_vendored_file_is_refused_not_inlined(tmp_path, monkeypatch):
    record = PACKAGES["leaflet.awesome-markers"]
    copy = tmp_path / "vendor"
    for rel in record["files"]:
        target = copy / record["folder"] / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((VENDOR / record["folder"] / rel).read_bytes())
    (copy / "MANIFEST.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    script = copy / record["folder"] / "dist/leaflet.awesome-markers.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nalert(1);\n", encoding="utf-8")
    monkeypatch.setattr(_vendor, "VENDOR", copy)
    _vendor.manifest.cache_clear()
    _vendor._read.cache_clear()
    try:
        with pytest.raises(DataIntegrityError, match="differs from the release"):
            _vendor.awesome_markers_js()
    finally:
        _vendor.manifest.cache_clear()
        _vendor._read.cache_clear()


def test_the_glyphicon_rules_are_all_the_icons_and_nothing_else_of_bootstrap():
    css = _vendor.glyphicons_css()
    assert css.count(":before{") >= 250  # 3.4.1 has about 260 icons
    assert "glyphicon-info-sign:before" in css and ".btn" not in css and "body{" not in css
