"""Every curated file is described by the manifest, and matches it (the manifest is the oracle)."""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest

from coophelpers import data

pytestmark = pytest.mark.data

MANIFEST = data.manifest()["files"]
NAMES = sorted(MANIFEST)


def test_every_data_file_is_in_the_manifest():
    on_disk = {p.name for p in data.data_dir().iterdir() if p.is_file() and p.name != data.MANIFEST}
    assert on_disk == set(NAMES), f"unregistered: {sorted(on_disk - set(NAMES))}; missing: {sorted(set(NAMES) - on_disk)}"


@pytest.mark.parametrize("name", NAMES)
def test_entry_is_complete(name):
    entry = MANIFEST[name]
    for key in data.REQUIRED_KEYS:
        assert entry.get(key) not in (None, ""), f"{name}: {key} is empty"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["as_of"]), entry["as_of"]
    assert entry["script"] == "hand-curated" or entry["script"].startswith(("data/geo/build/", "hand-curated"))


@pytest.mark.parametrize("name", NAMES)
def test_checksum_size_and_rows(name):
    entry = MANIFEST[name]
    path = data.data_dir() / name
    assert path.stat().st_size == entry["bytes"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    if name.endswith(".csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert len(frame) == entry["rows"]
        assert list(frame.columns) == entry.get("columns", list(frame.columns))
    elif name.endswith(".parquet"):
        assert pq.read_metadata(path).num_rows == entry["rows"]
    assert data.data_path(name) == path


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".csv")])
def test_csv_rows_carry_source_and_as_of(name):
    frame = pd.read_csv(data.data_dir() / name, dtype=str, keep_default_na=False)
    source_cols = [c for c in frame.columns if c in ("source", "sources")]
    assert source_cols, f"{name} has no source column"
    empty = frame[frame[source_cols[0]].str.strip() == ""]
    assert empty.empty, f"{name}: rows without a source: {empty.index.tolist()}"
    if "as_of" in frame.columns:
        # a month is the honest precision where the source is dated only to the month
        bad = frame[~frame["as_of"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?")]
        assert bad.empty, f"{name}: rows with a bad as_of: {bad.index.tolist()}"
