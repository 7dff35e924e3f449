"""Edited data gets clear errors (issue 14): every curated file is held to its schema.

Each fault test breaks one file of a temporary copy of the data folder (``COOPHELPERS_DATA_DIR``)
the way a hand edit or a bad save does, then

1. runs ``refresh`` (in-process; a few cases also as ``python -m coophelpers.data refresh``): it
   must exit 1 with a message naming the file, line (or row) and column, print no traceback
   and leave the manifest unchanged;
2. records the broken file in the manifest as an unchecked refresh would have, and calls the
   file's loader: it must raise :class:`~coophelpers.DataIntegrityError` naming the file, line
   and column (not a bare KeyError, AttributeError or ValueError, and not an empty table).

The columns broken here are chosen from what each loader reads, independently of the schema
table in ``coophelpers._schema``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import coophelpers as ch
from coophelpers import DataIntegrityError, _schema, data

pytestmark = pytest.mark.data

SOURCE = data.data_dir()
MANIFEST = data.manifest()["files"]
CSV_FILES = sorted(n for n in MANIFEST if n.endswith(".csv"))
PARQUET_FILES = sorted(n for n in MANIFEST if n.endswith(".parquet"))

#: The public loader that reads each file.
LOADERS = {
    "regions.csv": lambda: ch.load_regions(),
    "cn_macro_regions.csv": lambda: ch.load_regions("CN"),
    "federal_districts.csv": lambda: ch.load_federal_districts(),
    "federal_district_membership.csv": lambda: ch.load_regions("RU"),
    "crossings.csv": lambda: ch.load_crossings(),
    "mechanisms.csv": lambda: ch.load_mechanisms(),
    "mechanism_membership.csv": lambda: ch.mechanism_members("northeast-fareast"),
    "network_nodes.csv": lambda: ch.load_places(),
    "network_edges.csv": lambda: ch.load_network(),
    "ports.csv": lambda: ch.load_ports(),
    "sources.csv": lambda: ch.crossings.load_sources(),
    "regions_web.parquet": lambda: ch.load_regions(),
    "regions_full.parquet": lambda: ch.load_regions(detail="full"),
    "basemap_countries.parquet": lambda: data.read_geo("basemap_countries.parquet"),
    "name_conventions.csv": lambda: data.read_csv("name_conventions.csv"),
    "network_lengths_published.csv": lambda: data.read_csv("network_lengths_published.csv"),
    "region_aliases.csv": lambda: ch.resolve_region("г. Москва"),
    "trade.csv": lambda: ch.load_trade(),
    "sister_relations.csv": lambda: ch.load_sister_relations(),
    "zones.csv": lambda: ch.load_zones(),
    "investment_statements.csv": lambda: ch.load_investment_statements(),
}

#: Per CSV file, the column each value fault breaks and the bad value written into it.
VALUE_FAULTS = {
    "regions.csv": {
        "drop_column": "capital_lat", "text_in_number": ("capital_lon", "east"),
        "impossible_date": ("established", "2019-02-30"), "latitude_123": ("capital_lat", "123"),
        "bad_code": ("code", "CN_HL"), "bad_choice": ("status", "Normal"),
    },
    "cn_macro_regions.csv": {
        "drop_column": "name_en", "impossible_date": ("as_of", "2019-02-30"), "bad_code": ("id", "Nord"),
    },
    "federal_districts.csv": {
        "drop_column": "name_en", "impossible_date": ("valid_from", "2019-02-30"),
        "bad_code": ("id", "Far Eastern"), "bad_choice": ("confidence", "high"),
    },
    "federal_district_membership.csv": {
        "drop_column": "district", "impossible_date": ("valid_from", "2019-02-30"),
        "bad_code": ("code", "RU_AMU"), "bad_choice": ("confidence", "X"),
    },
    "crossings.csv": {
        "drop_column": "ru_lon", "text_in_number": ("cn_lon", "127,5"),
        "impossible_date": ("opened", "2019-02-30"), "latitude_123": ("ru_lat", "123"),
        "bad_code": ("cn_region", "Heilongjiang"), "bad_choice": ("mode", "ferry"),
    },
    "mechanisms.csv": {
        "drop_column": "aliases", "impossible_date": ("founded", "2019-02-30"),
        "bad_code": ("russian_district", "Far East"), "bad_choice": ("status", "active"),
    },
    "mechanism_membership.csv": {
        "drop_column": "valid_from", "impossible_date": ("valid_from", "2019-02-30"),
        "bad_code": ("code", "CN-Heilongjiang"), "bad_choice": ("role", "members"),
    },
    "network_nodes.csv": {
        "drop_column": "lat", "text_in_number": ("lon", "n/a"),
        "impossible_date": ("as_of", "2019-02-30"), "latitude_123": ("lat", "123"),
        "bad_code": ("region", "RU-Amur"), "bad_choice": ("kind", "city"),
    },
    "network_edges.csv": {
        "drop_column": "length_km", "text_in_number": ("length_km", "about 300"),
        "impossible_date": ("opened", "2019-02-30"), "bad_code": ("from", "Moscow"),
        "bad_choice": ("mode", "Rail"),
    },
    "trade.csv": {
        "drop_column": "currency", "text_in_number": ("value", "about 20"),
        "impossible_date": ("period_start", "2019-02-30"), "bad_code": ("reporter", "Heilongjiang"),
        "bad_choice": ("currency", "usd"),
    },
    "sister_relations.csv": {
        "drop_column": "relation_type", "impossible_date": ("as_of", "2019-02-30"),
        "bad_code": ("ru_code", "RU-Tatarstan"), "bad_choice": ("relation_type", "twin"),
    },
    "zones.csv": {
        "drop_column": "lat", "text_in_number": ("lon", "east"), "latitude_123": ("lat", "123"),
        "bad_code": ("region_code", "RU_PRI"), "bad_choice": ("kind", "sez"),
    },
    "investment_statements.csv": {
        "drop_column": "metric", "text_in_number": ("value", "many"),
        "impossible_date": ("date", "2019-02-30"), "bad_choice": ("metric", "investment"),
    },
    "ports.csv": {
        "drop_column": "lon", "text_in_number": ("lat", "sixty"),
        "impossible_date": ("as_of", "2019-02-30"), "latitude_123": ("lat", "123"),
        "bad_code": ("region", "CN SH"),
    },
}
FILE_FAULTS = ("header_only", "utf16", "empty", "truncated")
PARQUET_FAULTS = ("drop_column", "bad_code", "no_rows", "no_geometry", "empty", "truncated", "not_parquet")
PARQUET_KEY = {"regions_web.parquet": "code", "regions_full.parquet": "code", "basemap_countries.parquet": "iso_a2"}

CASES = [(name, fault) for name, faults in VALUE_FAULTS.items() for fault in faults]
CASES += [(name, fault) for name in CSV_FILES for fault in FILE_FAULTS]
CASES += [(name, fault) for name in PARQUET_FILES for fault in PARQUET_FAULTS]


# --- set-up -------------------------------------------------------------------------------


def _clear() -> None:
    """Forget every cached table, so the next load reads the (broken) copy."""
    for cache in ("_verified", "_manifest_cache", "_valid"):
        getattr(data, cache, set()).clear()
    names = ("regions", "crossings", "_mechanism_data", "mechanisms", "_network_data", "network", "sea", "border", "ties")
    for module in filter(None, (sys.modules.get(f"coophelpers.{n}") for n in names)):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    target = tmp_path / "geo"
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("build"))
    monkeypatch.setenv("COOPHELPERS_DATA_DIR", str(target))
    _clear()
    yield target
    _clear()


def _stamp(folder: Path, name: str) -> None:
    """Record the file's new checksum and size, as ``refresh`` did before it checked schemas."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    raw = (folder / name).read_bytes()
    manifest["files"][name].update(sha256=hashlib.sha256(raw).hexdigest(), bytes=len(raw))
    path.write_text(json.dumps(manifest), encoding="utf-8")
    _clear()


def _refresh(capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = data._main(["refresh"])
    return code, capsys.readouterr().err


# --- faults -------------------------------------------------------------------------------


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _break_csv(path: Path, fault: str) -> list[str]:
    """Apply ``fault`` to a CSV file; return the texts its error message must contain."""
    raw = path.read_bytes()
    if fault == "header_only":
        path.write_bytes(raw.split(b"\n", 1)[0] + b"\n")
        return ["line 2", "no data rows"]
    if fault == "utf16":
        path.write_bytes(raw.decode("utf-8").encode("utf-16"))
        return ["UTF-16", "UTF-8"]
    if fault == "empty":
        path.write_bytes(b"")
        return ["empty"]
    if fault == "truncated":  # cut a line in the middle of the file three bytes before its end
        cut = raw.index(b"\n", len(raw) // 2) - 3
        path.write_bytes(raw[:cut])
        return ["truncated", "line "]
    rows = _rows(path)
    header = rows[0]
    if fault == "drop_column":
        column = VALUE_FAULTS[path.name][fault]
        k = header.index(column)
        _write_rows(path, [row[:k] + row[k + 1:] for row in rows])
        return ["line 1", f"column {column!r}"]
    column, value = VALUE_FAULTS[path.name][fault]
    k = header.index(column)
    row = len(rows) // 2
    rows[row][k] = value
    _write_rows(path, rows)
    return [f"line {row + 1}", f"column {column!r}", repr(value)]


def _break_parquet(path: Path, fault: str) -> list[str]:
    key = PARQUET_KEY[path.name]
    if fault == "empty":
        path.write_bytes(b"")
        return ["empty"]
    if fault == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        return ["cannot be read as Parquet", "truncated"]
    if fault == "not_parquet":
        path.write_text("code,geometry\nCN-HL,POINT (1 2)\n", encoding="utf-8")
        return ["cannot be read as Parquet"]
    table = pq.read_table(path)
    row = table.num_rows // 2
    if fault == "drop_column":
        pq.write_table(table.drop_columns([key]), path)
        return [f"column {key!r}", "has no column"]
    if fault == "no_rows":
        pq.write_table(table.slice(0, 0), path)
        return ["no rows"]
    column, value = (key, "XX_1") if fault == "bad_code" else ("geometry", None)
    values = table.column(column).to_pylist()
    values[row] = value
    index = table.schema.get_field_index(column)
    pq.write_table(table.set_column(index, column, pa.array(values, type=table.schema.field(column).type)), path)
    return [f"row {row + 1}", f"column {column!r}"]


# --- the fault matrix ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fault"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_fault_is_refused_by_refresh_and_loader(folder, capsys, name, fault):
    manifest_before = (folder / "manifest.json").read_bytes()
    path = folder / name
    expected = _break_csv(path, fault) if name.endswith(".csv") else _break_parquet(path, fault)

    code, err = _refresh(capsys)
    assert code == 1, err
    assert "Traceback" not in err
    assert err.startswith(f"error: refresh refused: 1 of {len(MANIFEST)} data files")
    assert (folder / "manifest.json").read_bytes() == manifest_before, "refresh wrote the manifest"
    assert str(path) in err and "Fix:" in err
    for text in expected:
        assert text in err, f"{text!r} not in refresh message:\n{err}"

    _stamp(folder, name)
    with pytest.raises(DataIntegrityError) as info:
        LOADERS[name]()
    message = str(info.value)
    assert str(path) in message and re.search(rf"- {re.escape(name)}[,:] ", message)
    for text in expected:
        assert text in message, f"{text!r} not in loader message:\n{message}"


# --- the command line ----------------------------------------------------------------------


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOPHELPERS_DATA_DIR": str(folder)}
    return subprocess.run(
        [sys.executable, "-m", "coophelpers.data", *args], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(("name", "fault"), [("regions.csv", "latitude_123"), ("crossings.csv", "utf16")])
def test_refresh_command_exits_non_zero_without_traceback(folder, name, fault):
    before = (folder / "manifest.json").read_bytes()
    expected = _break_csv(folder / name, fault)
    result = _cli(folder, "refresh")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert name in result.stderr and all(text in result.stderr for text in expected), result.stderr
    assert (folder / "manifest.json").read_bytes() == before
    assert result.stdout == ""


def test_check_command_reports_schema_problems(folder):
    _break_csv(folder / "ports.csv", "latitude_123")
    _stamp(folder, "ports.csv")
    result = _cli(folder, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ports.csv, line 9, column 'lat': '123' is out of range" in result.stderr


def test_refresh_of_intact_data_keeps_the_manifest(folder, capsys):
    before = (folder / "manifest.json").read_bytes()
    code, err = _refresh(capsys)
    assert code == 0, err
    assert (folder / "manifest.json").read_bytes() == before


def test_refresh_after_a_valid_edit_records_it(folder, capsys):
    rows = _rows(folder / "ports.csv")
    rows[1][rows[0].index("note")] = "edited"
    _write_rows(folder / "ports.csv", rows)
    code, err = _refresh(capsys)
    assert code == 0, err
    assert len(ch.load_ports()) == len(rows) - 1
    assert ch.load_ports().iloc[0]["note"] == "edited"


def test_read_only_folder_gives_a_clear_error(folder, capsys, monkeypatch):
    def refuse(path, text, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(data, "atomic_write", refuse)
    before = (folder / "manifest.json").read_bytes()
    code, err = _refresh(capsys)
    assert code == 1
    assert "Traceback" not in err and "read-only" in err and "Permission denied" in err and "chmod" in err
    assert (folder / "manifest.json").read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_for_real(folder):
    folder.chmod(0o555)
    try:
        result = _cli(folder, "refresh")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "read-only" in result.stderr


def test_missing_file_is_named_by_refresh(folder, capsys):
    (folder / "ports.csv").unlink()
    code, err = _refresh(capsys)
    assert code == 1 and "ports.csv is missing" in err and "Traceback" not in err


def test_add_refuses_a_broken_new_file(folder, capsys):
    (folder / "extra.csv").write_bytes("id,name\nx,y\n".encode("utf-16"))
    capsys.readouterr()
    code = data._main(["add", "extra.csv", "--title", "t", "--source", "s", "--licence", "CC0",
                       "--as-of", "2026-01-01", "--script", "hand-curated"])
    err = capsys.readouterr().err
    assert code == 1 and "add refused" in err and "UTF-16" in err
    assert "extra.csv" not in (folder / "manifest.json").read_text(encoding="utf-8")


def test_references_to_other_files_are_checked(folder, capsys):
    rows = _rows(folder / "network_edges.csv")
    rows[3][rows[0].index("to")] = "nowhere"
    _write_rows(folder / "network_edges.csv", rows)
    code, err = _refresh(capsys)
    assert code == 1
    assert "network_edges.csv, line 4, column 'to': no row of network_nodes.csv has id 'nowhere'" in err


# --- the schema table ----------------------------------------------------------------------


def test_every_curated_file_has_a_schema_matching_its_manifest_columns():
    assert set(_schema.SCHEMAS) == set(MANIFEST)
    for name, schema in _schema.SCHEMAS.items():
        assert [c.name for c in schema.columns] == MANIFEST[name]["columns"], name


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_the_curated_files_pass_their_schema(name):
    assert data.check_file(SOURCE / name) == []


def test_schema_enumerations_match_the_code():
    from coophelpers import _mechanism_data, _network_data, crossings

    def choices(name, column):
        return next(c.choices for c in _schema.SCHEMAS[name].columns if c.name == column)

    assert choices("crossings.csv", "mode") == crossings.CROSSING_MODES
    assert choices("crossings.csv", "status") == crossings.STATUSES
    assert choices("crossings.csv", "kind") == crossings.KINDS
    assert choices("crossings.csv", "river_modes") == crossings.RIVER_MODES
    assert choices("crossings.csv", "seasonality") == crossings.SEASONALITIES
    assert choices("crossings.csv", "cn_position_quality") == crossings.POSITION_QUALITIES
    assert choices("mechanism_membership.csv", "role") == _mechanism_data.ROLES
    assert choices("mechanism_membership.csv", "basis") == _mechanism_data.BASES
    assert choices("mechanisms.csv", "status") == _mechanism_data.STATUSES
    assert choices("network_edges.csv", "mode") == _network_data.MODES


# --- the checker on small files ------------------------------------------------------------

HEADER = (
    "code,country,name_en,name_zh,name_ru,type,macro_region,capital_en,capital_zh,capital_ru,capital_lat,"
    "capital_lon,capital_geonameid,status,established,aliases,source,as_of"
)
ROW = (
    "CN-HL,CN,Heilongjiang,黑龙江省,Хэйлунцзян,province,Northeast,Harbin,哈尔滨,Харбин,45.75,126.65,2037013,"
    "normal,,Heilongjiang Sheng | 黑,ISO,2026-11-28"
)


UNCLOSED = ROW.replace(",ISO,", ',"ISO,')


def _row(**changes: str) -> str:
    cells = dict(zip(HEADER.split(","), ROW.split(",")))
    cells.update(changes)
    return ",".join(cells.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HEADER}\n{ROW}\n", None),
        (f"{HEADER}\n{_row(established='2019-02-29')}\n",
         "line 2, column 'established': '2019-02-29' is not a real calendar date"),
        (f"{HEADER}\n{_row(established='2019-2-3')}\n", "is not a date in the form YYYY-MM-DD"),
        (f"{HEADER}\n{_row(as_of='2026-13')}\n", "'2026-13' is not a real calendar date"),
        (f"{HEADER}\n{_row(as_of='2109-01-01')}\n", "has a year outside 1700-2100"),
        (f"{HEADER}\n{_row(capital_lat='nan')}\n", "'nan' is not a number"),
        (f"{HEADER}\n{_row(capital_lon='-181')}\n", "longitude (degrees east) must be between -180 and 180"),
        (f"{HEADER}\n{_row(capital_geonameid='12.5')}\n", "'12.5' is not a whole number"),
        (f"{HEADER}\n{_row(name_en=' ')}\n", "column 'name_en': the value is empty"),
        (f"{HEADER}\n{_row(aliases='a || b')}\n", "has an empty item"),
        (f"{HEADER}\n{_row(type='Province')}\n", "Did you mean 'province'?"),
        (f"{HEADER}\n{ROW}\n{ROW}\n", "line 3, column 'code': 'CN-HL' is already used on line 2"),
        (f"{HEADER}\n{ROW}", "line 2: the last line does not end with a line break"),
        (f"{HEADER}\n{ROW[:40]}\n", "line 2: the line has 6 values but the header has 18 columns"),
        (f"{HEADER}\n{ROW},extra\n", "line 2: the line has 19 values"),
        (f"{HEADER}\n{UNCLOSED}\n", "line 2 is never closed"),
        (f"{HEADER},code\n{ROW},x\n", "the header repeats column 'code'"),
        (f"{HEADER}\n\n{ROW}\n", None),
        (f"{HEADER}\n\n{_row(capital_lat='x')}\n", "line 3, column 'capital_lat'"),
    ],
)
def test_checker_messages(text, expected):
    problems = _schema.check_csv("regions.csv", text.encode("utf-8"))
    if expected is None:
        assert problems == []
    else:
        assert any(expected in str(p) for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "empty (0 bytes)"),
        (b"\n \n", "blank"),
        (b"\xef\xbb\xbf" + f"{HEADER}\n{ROW}\n".encode(), "byte-order mark (BOM)"),
        (f"{HEADER}\n{ROW}\n".encode("utf-16-le"), "NUL bytes"),
        (f"{HEADER}\nCN-HL,CN,黑".encode("utf-8")[:-1], "line 2: the file ends in the middle of a character"),
        (f"{HEADER}\nCN-HL,Хэйлунцзян\n".encode("cp1251"), "line 2: byte 0xd5 is not valid UTF-8"),
    ],
)
def test_checker_encodings(raw, expected):
    problems = _schema.check_csv("regions.csv", raw)
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]


def test_problem_names_file_line_column_value_and_fix():
    [problem] = _schema.check_csv("regions.csv", f"{HEADER}\n{_row(capital_lat='123')}\n".encode())
    text = str(problem)
    assert re.fullmatch(
        r"regions\.csv, line 2, column 'capital_lat': '123' is out of range: .* Fix: write a latitude .*", text
    ), text
