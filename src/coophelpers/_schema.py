"""Schemas of the curated data files and the checks that hold each file to its schema (private).

:data:`SCHEMAS` (in :mod:`coophelpers._schema_tables`) describes every curated file in one table:
its columns, each column's type (``str``, ``int``, ``float``, ``date``, ``month``, ``partial_date``, ``bool``, ``list``,
``geometry``), whether it may be empty, its allowed values (an enumeration, a named
:data:`PATTERNS` entry, a numeric range), unique ids, columns filled together, values that
name rows of other files, and the least number of data rows (one).

:func:`check_csv` checks the bytes of a CSV file (UTF-8, not empty, not cut off, one value per
header column on every line) and then its values; :func:`check_columns` checks the values of a
table already read, cheaply enough for loaders to do on every first load;
:func:`check_references` checks values that name rows of other files. Each returns
:class:`Problem` objects naming the file, the line (as an editor counts it; ``row`` for Parquet)
and the column, echoing the bad value and saying how to fix it; :func:`report` makes them the
message of a :class:`~coophelpers.DataIntegrityError`. ``coophelpers.data`` runs the checks in
``python -m coophelpers.data refresh`` (nothing is written unless every file passes) and in its
readers, once per file and process; this module reads no file itself.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from coophelpers._names import did_you_mean, short_repr, suggest
from coophelpers._schema_tables import PATTERNS, SCHEMAS, Column, Schema

__all__ = [
    "PATTERNS", "SCHEMAS", "Column", "Problem", "Schema", "check_columns", "check_csv", "check_references",
    "parse_csv", "report",
]

#: How each type is written, and an example (for the "Fix:" part of a message).
_KIND_FIX = {
    "int": "write a whole number such as 2035836",
    "float": "write a decimal number with a dot, such as 45.75",
    "date": "write a real calendar date as YYYY-MM-DD, such as 2019-06-05",
    "month": "write a real date as YYYY-MM-DD, or YYYY-MM when the source gives only the month",
    "partial_date": "write a real date as YYYY-MM-DD, or YYYY-MM or YYYY as precisely as the source",
    "bool": "write true or false",
}
_DATE_RE = {
    "date": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}(?:-\d{2})?",
    "partial_date": r"\d{4}(?:-\d{2}(?:-\d{2})?)?",
}
#: Years a curated date may have (a typo such as 2109 or 1019 is refused).
YEARS = (1700, 2100)
_RESTORE = "restore the file (`git checkout -- data/geo/{file}`) or rebuild it with the script named in the manifest"


# --- problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, line or row, column), the value, what and the fix."""

    file: str
    what: str
    fix: str
    line: int | None = None
    column: str | None = None
    unit: str = "line"

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"{self.unit} {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.what} Fix: {self.fix}"


def report(path: Any, problems: Sequence[Problem], *, limit: int = 12) -> str:
    """The message of a :class:`~coophelpers.DataIntegrityError` listing ``problems`` of one file."""
    n = len(problems)
    lines = [f"The data file {path} fails its schema check ({n} problem{'s' if n != 1 else ''}):"]
    lines += [f"  - {p}" for p in problems[:limit]]
    if n > limit:
        lines.append(f"  ... and {n - limit} more.")
    lines.append(
        "After fixing the file run `python -m coophelpers.data refresh`, which checks every file "
        "before it records the new checksums; to undo an edit, restore the file with "
        "`git checkout -- data/geo` (the column types are described in src/coophelpers/_schema.py)."
    )
    return "\n".join(lines)


# --- the bytes of a CSV file -------------------------------------------------------------------


def _decode(name: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    def fail(what: str, fix: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(name, what, fix, line=line)]

    if not raw.strip():
        size = "empty (0 bytes)" if not raw else "blank (only spaces and line breaks)"
        return fail(f"the file is {size}: it has no header line and no rows.", _RESTORE.format(file=name) + ".")
    save = "save it as UTF-8 (in Excel: 'CSV UTF-8'; or `iconv -f ENCODING -t UTF-8`), then run refresh."
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("the file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); curated files "
                    "are UTF-8.", save.replace("ENCODING", "UTF-16"))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        other = f" If it is not a CSV file at all, {_RESTORE.format(file=name)}."
        return fail("the file contains NUL bytes: it is binary, or UTF-16 without a byte-order mark, "
                    "not a UTF-8 CSV file.", save + other, line)
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("the file starts with a UTF-8 byte-order mark (BOM), which would become part of the "
                    "first column's name.", "save it as UTF-8 without BOM, then run refresh.", 1)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        if err.reason == "unexpected end of data":
            return fail("the file ends in the middle of a character: it is truncated.",
                        _RESTORE.format(file=name) + ".", line)
        return fail(f"byte 0x{raw[err.start]:02x} is not valid UTF-8: the file was saved in another "
                    "encoding (such as Windows-1251, GBK or Latin-1) or is binary.", save, line)


def _scan(name: str, text: str) -> tuple[list[str], list[list[str]], list[int], list[Problem]]:
    """Header, rows, the line each row starts on, and problems with the file's structure."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    end = 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record:
                continue  # a blank line, skipped by every reader
            if not header:
                header = record
                continue
            rows.append(record)
            lines.append(start)
            if len(record) != len(header) and len(problems) < 50:
                few = len(record) < len(header)
                what = (f"the line has {len(record)} values but the header has {len(header)} columns: "
                        + ("it is cut short (a truncated file?) or values are missing." if few
                           else "a value that contains a comma is not in double quotes."))
                fix = ("give every column a value, leaving optional ones empty between commas (a,,b), or "
                       + _RESTORE.format(file=name) + "." if few else
                       'put the value in double quotes ("a, b") or remove the extra commas.')
                problems.append(Problem(name, what, fix, line=start))
    except csv.Error as err:
        where = end + 1
        if "unexpected end of data" in str(err):
            what = (f"a quoted value that starts on line {where} is never closed: the file is cut off "
                    "(truncated) or a closing double quote is missing.")
            fix = 'close the quote (") or ' + _RESTORE.format(file=name) + "."
        else:
            what = f"the line is not valid CSV ({err})."
            fix = 'write a value with quotes as "..." and double any quote inside it ("").'
        problems.append(Problem(name, what, fix, line=where))
    if not problems and not text.endswith(("\n", "\r")):
        problems.append(Problem(
            name, "the last line does not end with a line break: the file looks truncated.",
            "restore the end of the line (" + _RESTORE.format(file=name) + "), or, if the line is "
            "complete, add a line break after it.", line=text.count("\n") + 1))
    for k, col in enumerate(header):
        if not col.strip() or col in header[:k]:
            what = "the header has an empty column name." if not col.strip() else f"the header repeats column {col!r}."
            problems.append(Problem(name, what, "give each column one unique name (see the schema).", line=1))
    return header, rows, lines, problems


def parse_csv(name: str, raw: bytes) -> tuple[dict[str, list[str]] | None, list[int], list[Problem]]:
    """``(columns, line of each row, problems)`` of CSV file ``name`` given its bytes.

    The file must be UTF-8 (no byte-order mark), not empty, end with a line break and have as
    many values on every line as the header has columns; then its values must pass
    :func:`check_columns`. ``columns`` maps each header name to its values (None when the file
    cannot be read).
    """
    text, problems = _decode(name, raw)
    if text is None:
        return None, [], problems
    header, rows, lines, problems = _scan(name, text)
    if problems:
        return None, lines, problems
    columns = {h: list(values) for h, values in zip(header, zip(*rows))} if rows else {h: [] for h in header}
    return columns, lines, check_columns(name, columns, lines=lines)


def check_csv(name: str, raw: bytes) -> list[Problem]:
    """Problems of CSV file ``name`` given its bytes (see :func:`parse_csv`)."""
    return parse_csv(name, raw)[2]


def check_references(tables: Mapping[str, tuple[Mapping[str, Sequence[Any]], Sequence[int] | None]]) -> list[Problem]:
    """Values that name a row of another file that has no such row (``Schema.refs``).

    ``tables`` maps file names to their columns and the line of each row (None: count rows).
    """
    problems = []
    for name, (columns, lines) in tables.items():
        schema = SCHEMAS.get(name)
        for column, target, key in schema.refs if schema else ():
            if target not in tables or column not in columns or key not in tables[target][0]:
                continue
            known = set(tables[target][0][key])
            for i, value in enumerate(columns[column]):
                if value and value not in known:
                    problems.append(Problem(
                        name, f"no row of {target} has {key} {short_repr(value)}.{did_you_mean(suggest(value, known))}",
                        f"use a {key} from {target}, or add its row there first.",
                        line=lines[i] if lines is not None else i + 1, column=column,
                        unit="line" if lines is not None else "row"))
    return problems


# --- the values of a table ---------------------------------------------------------------------
#
# Each column gets one validator, built once from its schema: a function from a cell's text to
# None (fine) or (what is wrong, fix), called once per distinct value. On tables this small (a few
# hundred rows) a loop over plain lists with precompiled patterns costs several times less than a
# chain of vectorised pandas operations, so loaders can afford the check on every first load.

Check = Callable[[str], "tuple[str, str] | None"]


def check_columns(name: str, columns: Mapping[str, list[Any]], *, lines: Sequence[int] | None = None) -> list[Problem]:
    """Problems of the columns (name -> values) of curated file ``name`` against its schema.

    ``lines[i]`` is the line of the file that row ``i`` starts on (CSV); without it rows are
    counted from 1 (Parquet). A file without a schema passes.
    """
    schema = SCHEMAS.get(name)
    if schema is None:
        return []
    n = len(next(iter(columns.values()), []))
    unit = "line" if lines is not None else "row"
    where = list(lines) if lines is not None else list(range(1, n + 1))
    problems = _check_columns(name, schema, list(columns), unit)
    if n < schema.min_rows:
        what = "the file has a header line but no data rows." if unit == "line" else "the file has no rows."
        problems.append(Problem(name, what, "put the data rows back: " + _RESTORE.format(file=name) + ".",
                                line=2 if unit == "line" else None, unit=unit))
        return problems
    grouped = {c for group in schema.together + schema.any_of for c in group}
    empty: dict[str, list[bool]] = {}
    for col in schema.columns:
        if col.name not in columns:
            continue
        values = columns[col.name]
        if col.kind == "geometry":
            none = ("the row has no geometry.", "rebuild the file with its script.")
            bad = [(i, none) for i, v in enumerate(values) if v is None]
        else:
            if not all(type(v) is str for v in values):  # Parquet: None or numbers
                values = ["" if v is None or v != v else str(v) for v in values]
            if col.name in grouped:
                empty[col.name] = [not v.strip() for v in values]
            check = _validator(col)
            found = {v: check(v) for v in set(values)}  # each distinct value once
            bad = [(i, found[v]) for i, v in enumerate(values) if found[v] is not None] if any(found.values()) else []
            if col.unique and len(found) < len(values):
                bad += _duplicates(col, values, where, unit)
        problems += [Problem(name, what, fix, line=where[i], column=col.name, unit=unit) for i, (what, fix) in bad]
    problems += _row_checks(name, schema, empty, where, unit)
    return sorted(problems, key=lambda p: p.line or 0)


def _check_columns(name: str, schema: Schema, actual: list[str], unit: str) -> list[Problem]:
    expected = [c.name for c in schema.columns]
    missing = [c for c in expected if c not in actual]
    extra = [c for c in actual if c not in expected]
    line, where = (1, "header (line 1)") if unit == "line" else (None, "file")
    problems = [Problem(name, f"the {where} has no column {col!r}.",
                        f"restore the column, with a value on every row.{did_you_mean(suggest(col, extra))}",
                        line=line, column=col, unit=unit) for col in missing]
    return problems + [Problem(name, f"column {col!r} is not in the schema of {name}.",
                               "rename or remove it; a new column must first be described in src/coophelpers/"
                               f"_schema.py.{did_you_mean(suggest(col, missing))}", line=line, column=col, unit=unit)
                       for col in extra]


def _expected(col: Column) -> str:
    if col.choices or col.pattern:
        return "one of " + ", ".join(col.choices) if col.choices else PATTERNS[col.pattern][1]
    return _KIND_FIX[col.kind].replace("write ", "") if col.kind in _KIND_FIX else "a value"


@lru_cache(maxsize=None)
def _validator(col: Column) -> Check:
    """The check of one cell of ``col``: empty or not, then by type (see the section comment)."""
    value_check = {
        "int": _number_check, "float": _number_check, "list": _list_check, "date": _date_check,
        "month": _date_check, "partial_date": _date_check,
    }.get(col.kind, _text_check)(col)
    empty = ("the value is empty, but this column may not be empty.", f"fill in {_expected(col)}.")
    required = col.required
    if value_check is _free_text:  # the common case, without a second call
        return (lambda v: None if v.strip() else empty) if required else _free_text

    def check(value: str) -> tuple[str, str] | None:
        if not value.strip():
            return empty if required else None
        return value_check(value)

    return check


def _free_text(value: str) -> None:
    return None


def _text_check(col: Column) -> Check:
    if col.kind == "bool":
        return lambda v: None if v.lower() in ("true", "false") else (
            f"{short_repr(v)} is not true or false.", _KIND_FIX["bool"] + ".")
    if col.choices:
        allowed = frozenset(col.choices)
        fix = f"use {_expected(col)}."
        return lambda v: None if v in allowed else (
            f"{short_repr(v)} is not an allowed value.{did_you_mean(suggest(v, col.choices))}", fix)
    if col.pattern:
        regex, desc = PATTERNS[col.pattern]
        match = re.compile(regex).fullmatch
        return lambda v: None if match(v) else (f"{short_repr(v)} is not {desc}.", f"write {desc}.")
    return _free_text


def _list_check(col: Column) -> Check:
    allowed = frozenset(col.choices)
    blank_item = re.compile(r"^\s*\||\|\s*\||\|\s*$").search

    def check(value: str) -> tuple[str, str] | None:
        if not allowed and not blank_item(value):
            return None
        items = [p.strip() for p in value.split("|")]
        if "" in items:
            return (f"{short_repr(value)} has an empty item (two '|' in a row, or one at an end).",
                    "separate the values with ' | ' and remove the extra '|'.")
        wrong = [p for p in items if allowed and p not in allowed]
        if wrong:
            hints = "".join(did_you_mean(suggest(p, col.choices)) for p in wrong)
            return (f"{short_repr(value)} lists {', '.join(map(repr, wrong))}, not an allowed value.{hints}",
                    f"list values among {', '.join(col.choices)}, separated by ' | '.")
        return None

    return check


def _number_check(col: Column) -> Check:
    whole = re.compile(r"[+-]?\d+").fullmatch
    noun = "a whole number" if col.kind == "int" else "a number"
    low = -math.inf if col.low is None else col.low
    high = math.inf if col.high is None else col.high
    span = f"between {low:g} and {high:g}" if math.isfinite(low) and math.isfinite(high) else (
        f"at least {low:g}" if math.isfinite(low) else f"at most {high:g}")
    out = f"{col.what or 'the value'} must be {span}."
    fix = f"write {col.what or 'a number'} {span}"
    if col.name.endswith("lat"):
        fix += " (a value over 90 is usually a longitude: are latitude and longitude swapped?)"

    def check(value: str) -> tuple[str, str] | None:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or (col.kind == "int" and not whole(value.strip())):
            return f"{short_repr(value)} is not {noun}.", _KIND_FIX[col.kind] + "."
        if not low <= number <= high:
            return f"{short_repr(value)} is out of range: {out}", fix + "."
        return None

    return check


def _date_check(col: Column) -> Check:
    shape = re.compile(_DATE_RE[col.kind]).fullmatch
    form = {"date": "YYYY-MM-DD", "month": "YYYY-MM-DD or YYYY-MM"}.get(col.kind, "YYYY-MM-DD, YYYY-MM or YYYY")
    fix = _KIND_FIX[col.kind] + "."

    def check(value: str) -> tuple[str, str] | None:
        if not shape(value):
            return f"{short_repr(value)} is not a date in the form {form}.", fix
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            _dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            return f"{short_repr(value)} is not a real calendar date.", fix
        if not YEARS[0] <= parts[0] <= YEARS[1]:
            return f"{short_repr(value)} has a year outside {YEARS[0]}-{YEARS[1]} (a typo?).", fix
        return None

    return check


def _duplicates(col: Column, values: list[str], where: list[int], unit: str) -> list[tuple[int, tuple[str, str]]]:
    first: dict[str, int] = {}
    out = []
    for i, value in enumerate(values):
        if not value.strip():
            continue
        if value in first:
            what = f"{short_repr(value)} is already used on {unit} {where[first[value]]}; {col.name} must be unique."
            out.append((i, (what, f"give each row its own {col.name}.")))
        else:
            first[value] = i
    return out


def _row_checks(name: str, schema: Schema, empty: dict[str, list[bool]], lines: list[int], unit: str) -> list[Problem]:
    """Columns filled together (``Schema.together``) and of which one must be filled (``any_of``)."""
    problems: list[Problem] = []
    rules = [(group, True) for group in schema.together] + [(group, False) for group in schema.any_of]
    for group, together in rules:
        if not all(c in empty for c in group):
            continue
        for i, line in enumerate(lines):
            blank = [c for c in group if empty[c][i]]
            if together and 0 < len(blank) < len(group):
                filled = ", ".join(c for c in group if c not in blank)
                what = f"{filled} is filled but {', '.join(blank)} is empty; they go together."
                fix = f"fill in {', '.join(blank)} or leave all of {', '.join(group)} empty."
            elif not together and len(blank) == len(group):
                what = f"none of {', '.join(group)} is filled: the row has no position."
                fix = f"fill in at least one of {', '.join(group)} (with its longitude)."
            else:
                continue
            problems.append(Problem(name, what, fix, line=line, column=blank[0], unit=unit))
    return problems
