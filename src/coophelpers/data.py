"""The data registry: where the curated files live and whether they are intact.

Every curated file in ``data/geo/`` is described by one entry of ``data/geo/manifest.json``: title,
source, licence, attribution, as-of date, the script that builds it, its sha256, size and row
count. The manifest is the single source of truth; loaders call :func:`data_path`, which checks the
file against its entry once per process and raises :class:`~coophelpers.DataIntegrityError`
naming the file and the fix when anything is wrong.

The folder is found with :mod:`importlib.resources` (``coophelpers/_data/geo`` inside an installed
wheel) and, for a source checkout, ``data/geo`` at the top of the repository. The environment
variable ``COOPHELPERS_DATA_DIR``, or :data:`coophelpers.settings.data_dir`, overrides both.

This is also the only module that knows sources and licences: :func:`source_records` gives the
provenance of curated files from the manifest and of the packages whose data the package uses at
run time (:data:`PACKAGE_SOURCES`, e.g. ``searoute``'s maritime network).

Every file also has a schema (:mod:`coophelpers._schema`: columns, types, ranges, codes, dates,
enumerations, at least one row). :func:`read_csv` and :func:`read_geo` check a file against it on
its first read in a process, and ``refresh`` checks every file before it records anything, so an
edit that breaks a file is refused with a message naming the file, line, column, value and fix.

Command line, for maintainers (exit status 1 and a message, no traceback, on any problem)::

    python -m coophelpers.data add FILE --title ... --source ... --licence ... --as-of YYYY-MM-DD --script ...
    python -m coophelpers.data refresh
    python -m coophelpers.data check
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import sys
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coophelpers import _schema, settings
from coophelpers._errors import DataIntegrityError
from coophelpers._io import atomic_write

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = [
    "PACKAGE_SOURCES",
    "data_dir",
    "data_path",
    "manifest",
    "read_csv",
    "read_geo",
    "check_file",
    "source_records",
    "split_list",
    "verify_all",
]

MANIFEST = "manifest.json"
#: Keys every manifest entry must have a non-empty value for.
REQUIRED_KEYS = ("title", "source", "licence", "as_of", "script", "sha256", "bytes", "rows")
_REBUILD_HINT = (
    "Reinstall coophelpers (pip install --force-reinstall coophelpers) or, in a source checkout, "
    "restore the file with `git checkout -- data/geo` or rebuild it with the script named in the "
    "manifest (see data/geo/build/)."
)


#: How curated files separate several values in one cell.
LIST_SEPARATOR = " | "


def split_list(text: str) -> tuple[str, ...]:
    """The values of a curated multi-value cell (``"a | b"``) as a tuple, the form every table returns.

    Examples
    --------
    >>> split_list("https://a.example | https://b.example"), split_list("")
    (('https://a.example', 'https://b.example'), ())
    """
    return tuple(part.strip() for part in str(text).split("|") if part.strip())


def data_dir() -> Path:
    """Return the folder that holds the curated data files and ``manifest.json``."""
    override = settings.data_dir or os.environ.get(settings.DATA_DIR_ENV)
    if override:
        return Path(os.path.expanduser(os.fspath(override)))  # '~/data' is in the home folder
    return _default_data_dir()


@lru_cache(maxsize=1)
def _default_data_dir() -> Path:
    packaged = resources.files("coophelpers") / "_data" / "geo"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data" / "geo"
    if (checkout / MANIFEST).is_file():
        return checkout
    msg = (
        "coophelpers cannot find its data folder: neither the packaged 'coophelpers/_data/geo' "
        f"nor the source checkout's {checkout} exists. {_REBUILD_HINT}"
    )
    raise DataIntegrityError(msg)


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        msg = f"The data manifest {path} is missing. {_REBUILD_HINT}"
        raise DataIntegrityError(msg) from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"The data manifest {path} is not valid JSON ({err}). {_REBUILD_HINT}"
        raise DataIntegrityError(msg) from err
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        msg = f"The data manifest {path} has no 'files' table. {_REBUILD_HINT}"
        raise DataIntegrityError(msg)
    return data


_manifest_cache: dict[tuple[str, float], dict[str, Any]] = {}
_manifest_lock = threading.Lock()
_verified: set[tuple[str, float, int]] = set()


def manifest() -> dict[str, Any]:
    """Return the manifest of the curated data files (a fresh copy of the parsed JSON)."""
    folder = data_dir()
    path = folder / MANIFEST
    try:
        key = (str(path), path.stat().st_mtime)
    except FileNotFoundError:
        key = (str(path), -1.0)
    with _manifest_lock:  # threads at first use: one reads, the others wait for its result
        if key not in _manifest_cache:
            _manifest_cache.clear()
            _manifest_cache[key] = _read_manifest(folder)
        parsed = _manifest_cache[key]
    return json.loads(json.dumps(parsed))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def data_path(filename: str) -> Path:
    """Return the path of curated file ``filename`` after checking it against the manifest."""
    folder = data_dir()
    entries = manifest()["files"]
    entry = entries.get(filename)
    if entry is None:
        msg = (
            f"{filename!r} is not described in the data manifest {folder / MANIFEST}. "
            f"Known files: {', '.join(sorted(entries))}. Register it with "
            f"`python -m coophelpers.data add {filename} ...`."
        )
        raise DataIntegrityError(msg)
    missing = [k for k in REQUIRED_KEYS if entry.get(k) in (None, "")]
    if missing:
        msg = (
            f"The manifest entry for {filename!r} lacks {', '.join(missing)}: every curated file "
            f"must say where it comes from. Add the fields with `python -m coophelpers.data add "
            f"{filename} --source ... --licence ... --as-of ...`."
        )
        raise DataIntegrityError(msg)
    path = folder / filename
    try:
        stat = path.stat()
    except FileNotFoundError as err:
        msg = f"The data file {path} is missing. {_REBUILD_HINT}"
        raise DataIntegrityError(msg) from err
    key = (str(path), stat.st_mtime, stat.st_size)
    if key in _verified:
        return path
    if stat.st_size != entry["bytes"]:
        what = "truncated" if stat.st_size < entry["bytes"] else "altered"
        msg = (
            f"The data file {path} looks {what}: it has {stat.st_size} bytes, the manifest says "
            f"{entry['bytes']}. {_REBUILD_HINT}"
        )
        raise DataIntegrityError(msg)
    actual = _sha256(path)
    if actual != entry["sha256"]:
        msg = (
            f"The data file {path} does not match its checksum in the manifest (sha256 "
            f"{actual[:12]}… instead of {entry['sha256'][:12]}…). {_REBUILD_HINT} After an "
            f"intended edit run `python -m coophelpers.data refresh`."
        )
        raise DataIntegrityError(msg)
    _verified.add(key)
    return path


_valid: set[tuple[str, float, int]] = set()


def _stat_key(path: Path) -> tuple[str, float, int]:
    stat = path.stat()
    return (str(path), stat.st_mtime, stat.st_size)


def _raise_problems(path: Path, problems: list[_schema.Problem]) -> None:
    if problems:
        raise DataIntegrityError(_schema.report(path, problems))


def read_csv(filename: str, **kwargs: Any) -> pandas.DataFrame:
    """Read a curated CSV file (checked against the manifest and its schema) with :func:`pandas.read_csv`.

    The first read of a file in a process also checks it against its schema
    (:mod:`coophelpers._schema`): a missing column, a value of the wrong type or out of range,
    an impossible date or a file with no rows raises :class:`~coophelpers.DataIntegrityError`
    naming the file, line and column.
    """
    import pandas as pd

    path = data_path(filename)
    kwargs.setdefault("encoding", "utf-8")
    try:
        frame = pd.read_csv(path, **kwargs)
    except (ValueError, pd.errors.ParserError) as err:
        problems = _schema.check_csv(filename, path.read_bytes())
        if problems:
            raise DataIntegrityError(_schema.report(path, problems)) from err
        msg = f"The data file {path} cannot be parsed ({err}). {_REBUILD_HINT}"
        raise DataIntegrityError(msg) from err
    key = _stat_key(path)
    if key not in _valid:
        _raise_problems(path, _schema.check_csv(filename, path.read_bytes()))
        _valid.add(key)
    return frame


def _read_parquet(filename: str, path: Path, crs: str) -> tuple[Any, list[_schema.Problem]]:
    """The table of a GeoParquet file, or the problems that keep it from being read."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow.parquet as pq
    import shapely

    fix = f"restore the file (`git checkout -- data/geo/{filename}`) or rebuild it with its script."
    if path.stat().st_size == 0:
        return None, [_schema.Problem(filename, "the file is empty (0 bytes).", fix)]
    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as err:
        what = f"the file cannot be read as Parquet ({err}): it is truncated or not a Parquet file."
        return None, [_schema.Problem(filename, what, fix)]
    columns = {name: table.column(name).to_pylist() for name in table.column_names if name != "geometry"}
    if "geometry" not in table.column_names:
        return pd.DataFrame(columns), []  # the schema check names the missing column
    try:
        geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    except (ValueError, TypeError, shapely.errors.ShapelyError) as err:
        return None, [_schema.Problem(filename, f"the geometry cannot be decoded ({err}).", fix, column="geometry")]
    return gpd.GeoDataFrame(columns, geometry=geometry, crs=crs), []


def read_geo(filename: str) -> geopandas.GeoDataFrame:
    """Read a curated GeoParquet file (checked against the manifest and its schema).

    The file is read with pyarrow and its WKB geometry decoded with shapely directly, with the CRS
    taken from the manifest: several times faster than :func:`geopandas.read_parquet`, which parses
    the GeoParquet metadata (see ``benchmarks/bench_regions.py``).
    """
    path = data_path(filename)
    crs = manifest()["files"][filename].get("crs", "EPSG:4326")
    frame, problems = _read_parquet(filename, path, crs)
    _raise_problems(path, problems)
    key = _stat_key(path)
    if key not in _valid:
        _raise_problems(path, _schema.check_columns(filename, _columns_of(frame)))
        _valid.add(key)
    return frame


def _columns_of(frame: pandas.DataFrame) -> dict[str, list[Any]]:
    return {str(c): frame[c].tolist() for c in frame.columns}


#: Data that comes with a package the code uses at run time, not with a curated file.
PACKAGE_SOURCES: dict[str, dict[str, str]] = {
    "searoute": {
        "name": "Sea routes: PyPI package searoute (Eurostat MARNET maritime network)",
        "url": "https://pypi.org/project/searoute/",
        "licence": "Apache-2.0 (searoute); MARNET from Eurostat GISCO",
        "note": "Port-to-port shortest paths on MARNET; lines continuous across 180°.",
    },
}


def source_records(*names: str) -> list[dict[str, str]]:
    """Return the provenance of curated files (or of :data:`PACKAGE_SOURCES`) as dicts.

    Each dict has ``name`` (the file's title), ``licence``, ``as_of``, ``attribution``, ``url``
    where known and ``note`` (the source text and file name), taken from the manifest; they are
    the keyword arguments of :func:`coophelpers.add_source`.

    Examples
    --------
    >>> source_records("ports.csv")[0]["name"]  # doctest: +ELLIPSIS
    '...'
    """
    entries = manifest()["files"]
    records = []
    for name in names:
        if name in PACKAGE_SOURCES:
            records.append(dict(PACKAGE_SOURCES[name]))
            continue
        data_path(name)
        entry = entries[name]
        record = {
            "name": entry["title"],
            "licence": entry["licence"],
            "as_of": entry["as_of"],
            "attribution": entry.get("attribution") or None,
            "note": f"{entry['source']} (data/geo/{name})",
        }
        if entry.get("url"):
            record["url"] = entry["url"]
        records.append(record)
    return records


def verify_all() -> list[str]:
    """Check every file against the manifest and its schema; return their names or raise.

    Raises :class:`~coophelpers.DataIntegrityError` on the first file that does not match the
    manifest, or listing every schema problem (see :mod:`coophelpers._schema`).
    """
    names = sorted(manifest()["files"])
    for name in names:
        data_path(name)
    _raise_folder_problems(data_dir(), names, "check")
    return names


def check_file(path: Path) -> list[_schema.Problem]:
    """Check one data file against the schema of its name (see :mod:`coophelpers._schema`).

    Parameters
    ----------
    path
        The file; its name (``regions.csv``, ...) selects the schema.

    Returns
    -------
    list of coophelpers._schema.Problem
        Empty when the file passes; else one problem per bad value or column, each naming the
        file, line (CSV) or row (Parquet) and column, the value and the fix (``str(problem)``).
        Unreadable, empty, UTF-16 or binary, truncated and unparseable files are problems too;
        a file without a schema is only checked for being readable. Values that name rows of
        other files are checked by ``python -m coophelpers.data refresh`` and ``check``.

    Examples
    --------
    >>> check_file(data_dir() / "ports.csv")
    []
    """
    return _check_path(path)[0]


def _check_path(path: Path) -> tuple[list[_schema.Problem], tuple[Any, Any] | None]:
    """Problems of one file, and its table with the line of each row when it has none."""
    name = path.name
    try:
        if path.suffix.lower() == ".csv":
            columns, lines, problems = _schema.parse_csv(name, path.read_bytes())
            return problems, (None if problems or columns is None else (columns, lines))
        if path.suffix.lower() == ".parquet":
            frame, problems = _read_parquet(name, path, "EPSG:4326")
            if problems:
                return problems, None
            columns = _columns_of(frame)
            problems = _schema.check_columns(name, columns)
            return problems, (None if problems else (columns, None))
    except FileNotFoundError:
        fix = f"put it back, or remove its entry from {path.parent / MANIFEST}."
        return [_schema.Problem(name, f"the file {path} is missing.", fix)], None
    except OSError as err:
        fix = "make it readable (chmod u+r) and run the command again."
        return [_schema.Problem(name, f"the file {path} cannot be read ({err.strerror or err}).", fix)], None
    return [], None


def _raise_folder_problems(folder: Path, names: list[str], cmd: str) -> None:
    """Raise :class:`DataIntegrityError` listing every problem of these files and between them."""
    found: dict[str, list[_schema.Problem]] = {}
    tables = {}
    for name in names:
        found[name], table = _check_path(folder / name)
        if table is not None:
            tables[name] = table
    for problem in _schema.check_references(tables):
        found[problem.file].append(problem)
    reports = [_schema.report(folder / name, found[name]) for name in names if found[name]]
    if reports:
        head = (
            f"{cmd} refused: {len(reports)} of {len(names)} data files fail their checks"
            + (f", so the manifest {folder / MANIFEST} was not changed." if cmd != "check" else ".")
        )
        raise DataIntegrityError("\n\n".join([head, *reports]))


# --- maintenance command -------------------------------------------------------------------


def _count_rows(path: Path) -> tuple[int, list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        import pandas as pd

        frame = pd.read_csv(path, encoding="utf-8", keep_default_na=False)
        return len(frame), [str(c) for c in frame.columns]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        meta = pq.read_metadata(path)
        return meta.num_rows, [meta.schema.column(i).name for i in range(meta.num_columns)]
    if suffix in (".json", ".geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "features" in data:
            return len(data["features"]), []
        return len(data), []
    return 0, []


def _write_manifest(folder: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(folder / MANIFEST, text, fsync=False)


def _describe(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    rows, columns = _count_rows(path)
    entry.update(sha256=_sha256(path), bytes=path.stat().st_size, rows=rows)
    if columns:
        entry["columns"] = columns
    return entry


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m coophelpers.data", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="register or update a curated file")
    add.add_argument("file")
    for flag in ("title", "source", "licence", "attribution", "as-of", "script", "retrieved", "version", "crs", "url"):
        add.add_argument(f"--{flag}")
    sub.add_parser("refresh", help="check every file against its schema, then recompute sha256, size and rows")
    sub.add_parser("check", help="verify every file against the manifest and its schema")
    return parser


def _run(args: argparse.Namespace) -> int:
    folder = data_dir()
    if args.cmd == "check":
        for name in verify_all():
            print(f"ok  {name}")
        return 0
    data = _read_manifest(folder) if (folder / MANIFEST).exists() else {"files": {}}
    if args.cmd == "refresh":
        _raise_folder_problems(folder, list(data["files"]), "refresh")
        for name, entry in data["files"].items():
            _describe(folder / name, entry)
    else:
        name = Path(args.file).name
        path = folder / name
        if not path.is_file():
            print(f"error: {path} does not exist; put the file in {folder} first", file=sys.stderr)
            return 2
        _raise_folder_problems(folder, [name], "add")
        entry = data["files"].setdefault(name, {})
        for flag in ("title", "source", "licence", "attribution", "as_of", "script", "retrieved", "version", "crs", "url"):
            value = getattr(args, flag)
            if value is not None:
                entry[flag] = value
        entry.setdefault("retrieved", _dt.date.today().isoformat())
        _describe(path, entry)
    data["schema"] = 1
    try:
        _write_manifest(folder, data)
    except OSError as err:
        print(
            f"error: cannot write the manifest {folder / MANIFEST} ({err.strerror or err}): the data "
            f"folder {folder} is read-only or full. Nothing was changed. Fix: make the folder "
            "writable (chmod u+w) and free some space, then run the command again.",
            file=sys.stderr,
        )
        return 1
    print(f"manifest: {len(data['files'])} files")
    return 0


def _main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DataIntegrityError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # the disk, not the data: say what failed, without a traceback
        print(f"error: {err}. Nothing was changed; fix the problem (permissions, disk space) and run "
              "the command again.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(_main())
