"""How to cite coophelpers and the data behind a result: :func:`cite`, and the sources of a table.

Every curated file has its source, licence and as-of date in the data manifest
(:func:`coophelpers.data.source_records`). A table knows its sources in one of two ways:

* ``data.attrs["sources"]``: a list of source dicts (keys :data:`SOURCE_KEYS`), set by a loader or
  by the user; it is used as it is (an empty list means "no sources", on purpose);
* otherwise they are inferred from the columns the package's tables have (:data:`SIGNATURES`):
  a table with ``code``, ``name_zh`` and ``name_ru`` comes from ``regions.csv``, one with
  ``name_cn_zh`` and ``name_ru_ru`` from ``crossings.csv``, and so on. A table of the user's own
  has none of them, and no sources are inferred.

:func:`sources_of` gives them (with any sources the user adds), checked; :func:`coophelpers.export`
writes them next to the data and :func:`cite` turns them into a citation.

(The module is ``citation``, not ``cite``: importing a submodule binds its name on the package,
which would hide the function ``coophelpers.cite``.)
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import InvalidInputError
from coophelpers._names import short_repr
from coophelpers._validate import calendar_problem, check_choice
from coophelpers._version import package_version

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUTHORS",
    "FORMATS",
    "LICENCE",
    "SIGNATURES",
    "SOURCE_KEYS",
    "TITLE",
    "check_sources",
    "cite",
    "inferred_files",
    "is_frame",
    "sources_of",
]

#: The package as CITATION.cff and pyproject.toml name it (a test compares them).
TITLE = "coophelpers: Data, maps and helpers for studying China–Russia sub-national cooperation in Jupyter"
AUTHORS = "coophelpers contributors"
LICENCE = "MIT"
#: Keys of a source record, in the order tables of sources list them.
SOURCE_KEYS = ("name", "url", "licence", "as_of", "attribution", "note")
#: The formats :func:`cite` writes.
FORMATS = ("text", "bibtex")

_REGION_GEOMETRY = "region geometry"  # placeholder: regions_web or regions_full, whichever matches
_NETWORK = ("network_edges.csv", "network_nodes.csv", "crossings.csv", "regions.csv")
#: (columns a table of the package has, the curated files it comes from). A table with all the
#: columns of a row is taken to come from the files of that row (every matching row counts).
SIGNATURES: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"code", "name_zh", "name_ru"}), ("regions.csv", _REGION_GEOMETRY)),
    (frozenset({"macro_region_zh"}), ("cn_macro_regions.csv", "federal_district_membership.csv", "federal_districts.csv")),
    (frozenset({"centre_en", "n_subjects"}), ("federal_districts.csv", "federal_district_membership.csv", "regions.csv",
                                              _REGION_GEOMETRY)),
    (frozenset({"governing_body"}), ("mechanisms.csv",)),
    (frozenset({"mechanism", "role"}), ("mechanism_membership.csv", "regions.csv")),
    (frozenset({"mechanism", "role_cn", "role_ru"}), ("mechanism_membership.csv", "regions.csv", _REGION_GEOMETRY)),
    (frozenset({"mechanism", "variant", "codes"}), ("mechanism_membership.csv",)),
    (frozenset({"n_regions_cn", "n_regions_ru"}), ("mechanisms.csv", "mechanism_membership.csv", "regions.csv",
                                                   _REGION_GEOMETRY)),
    (frozenset({"name_cn_zh", "name_ru_ru"}), ("crossings.csv", "regions.csv")),
    (frozenset({"from_ids", "to_ids", "gap_km"}), ("crossings.csv", "regions_full.parquet")),
    (frozenset({"section", "codes_cn", "codes_ru"}), ("regions_full.parquet", "regions.csv")),
    (frozenset({"crossing_id", "kind"}), ("network_nodes.csv",)),
    (frozenset({"network_km", "detour_index"}), (*_NETWORK, "mechanism_membership.csv")),
    (frozenset({"length_nm", "passages"}), ("ports.csv", "searoute")),
    (frozenset({"admin_centre_of", "nodes", "crossings", "position_from"}),
     ("regions.csv", "network_nodes.csv", "ports.csv", "crossings.csv", "regions_web.parquet")),
)


def is_frame(value: Any) -> bool:
    """True for a pandas DataFrame (a GeoDataFrame too), without importing pandas for other values."""
    pandas = sys.modules.get("pandas")  # not imported yet: nothing can be a DataFrame
    return pandas is not None and isinstance(value, pandas.DataFrame)


# --- checking sources given by the user ---------------------------------------------------------


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or ``pd.NA`` (an empty cell of a table of sources)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # noqa: PLR0124 - NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pd.NA has no truth value
        return type(value).__name__ == "NAType"


def _as_of_text(value: Any, *, param: str) -> str:
    """ISO text of a source's date: a date, or ``'YYYY-MM-DD'``, ``'YYYY-MM'`` or ``'YYYY'``."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        problem = calendar_problem(value.strip())
        if problem is None:
            return value.strip()
        msg = f"{param}={value!r} is not a calendar date: {problem}. Fix: give a real date as 'YYYY-MM-DD'."
        raise InvalidInputError(msg)
    msg = (
        f"{param}={short_repr(value)} is not a date. Fix: give a datetime.date or an ISO date "
        "'YYYY-MM-DD' ('YYYY-MM' or 'YYYY' when only that is known), or leave it out."
    )
    raise InvalidInputError(msg)


def _check_source(source: Any, *, param: str) -> dict[str, str]:
    """One source as a dict of its known keys (text), or an error naming ``param``."""
    if isinstance(source, str):
        source = {"name": source}
    if not isinstance(source, Mapping):
        msg = (
            f"{param}={short_repr(source)} is not a source. Fix: pass a dict with the keys "
            f"{', '.join(SOURCE_KEYS)} ('name' is required), or a plain string naming the source."
        )
        raise InvalidInputError(msg)
    unknown = sorted(str(k) for k in set(source) - set(SOURCE_KEYS))
    if unknown:
        hint = " ('license' is spelt 'licence' here)" if "license" in unknown else ""
        msg = f"{param} has unknown keys {unknown!r}{hint}. Fix: use only {', '.join(SOURCE_KEYS)}."
        raise InvalidInputError(msg)
    out: dict[str, str] = {}
    for key in SOURCE_KEYS:
        value = source.get(key)
        if _is_missing(value) or value == "":
            continue
        if key == "as_of":
            out[key] = _as_of_text(value, param=f"{param}['as_of']")
        elif isinstance(value, str):
            out[key] = value.strip()
        else:
            msg = f"{param}[{key!r}]={short_repr(value)} is not text. Fix: give it as a string."
            raise InvalidInputError(msg)
    if not out.get("name"):
        msg = f"{param}={short_repr(dict(source))} has no 'name'. Fix: add a 'name' saying what the data is."
        raise InvalidInputError(msg)
    url = out.get("url", "")
    if url and not re.match(r"https?://[^\s/]", url, re.IGNORECASE):
        msg = (
            f"{param}['url']={url!r} is not a web address. Fix: give an http:// or https:// address, "
            "or leave 'url' out and describe the source in 'note'."
        )
        raise InvalidInputError(msg)
    return out


def check_sources(value: Any, *, param: str = "sources") -> list[dict[str, str]]:
    """Sources given as one source (a dict or a string), a list of them, or a table with a ``name`` column.

    Each source is checked (:data:`SOURCE_KEYS`, a ``name``, a web ``url``, an ISO ``as_of``)
    and returned as a dict of text; None gives no sources.

    Examples
    --------
    >>> check_sources(["My survey", {"name": "Rosstat", "as_of": "2021"}])
    [{'name': 'My survey'}, {'name': 'Rosstat', 'as_of': '2021'}]
    """
    if value is None:
        return []
    if isinstance(value, (str, Mapping)):
        value = [value]
    elif is_frame(value):
        if "name" not in value.columns:
            msg = (
                f"{param}={short_repr(value)} has no 'name' column. Fix: pass a table of sources with "
                f"the columns {', '.join(SOURCE_KEYS)}, or a list of dicts."
            )
            raise InvalidInputError(msg)
        value = value.to_dict("records")
    if not isinstance(value, (list, tuple)):
        msg = (
            f"{param}={short_repr(value)} is not a list of sources. Fix: pass e.g. "
            "[{'name': 'Rosstat regional statistics', 'url': 'https://rosstat.gov.ru', "
            "'licence': 'CC BY 4.0', 'as_of': '2021-12-31'}], or a plain string."
        )
        raise InvalidInputError(msg)
    out: list[dict[str, str]] = []
    for i, source in enumerate(value):
        entry = _check_source(source, param=f"{param}[{i}]")
        if entry not in out:
            out.append(entry)
    return out


# --- inferring the sources of the package's own tables ----------------------------------------


@lru_cache(maxsize=2)
def _coordinate_counts(filename: str) -> dict[str, int]:
    """Number of coordinates of each region's shape in a curated geometry file, by code."""
    import shapely

    frame = _data.read_geo(filename)
    counts = shapely.get_num_coordinates(frame.geometry.to_numpy())
    return dict(zip(frame["code"].astype(str), (int(n) for n in counts)))


def _region_geometry_files(frame: Any) -> tuple[str, ...]:
    """The region geometry file whose shapes ``frame`` has (``detail='web'`` or ``'full'``); both if unsure."""
    both = ("regions_web.parquet", "regions_full.parquet")
    if not _has_geometry(frame) or "code" not in frame.columns or len(frame) == 0:
        return both
    import shapely

    sample = frame.iloc[:5]
    counts = shapely.get_num_coordinates(sample.geometry.to_numpy())
    for filename in both:
        known = _coordinate_counts(filename)
        if all(known.get(str(code)) == int(n) for code, n in zip(sample["code"], counts)):
            return (filename,)
    return both


def _has_geometry(frame: Any) -> bool:
    try:
        return type(frame).__name__ == "GeoDataFrame" and frame.geometry is not None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return False


def _method_files(frame: Any) -> tuple[str, ...]:
    """The files behind a table that says its method (``attrs["method"]``, e.g. a distance matrix)."""
    method = str(frame.attrs.get("method", "")).lower()
    if not method:
        return ()
    if "network" in method:
        return _NETWORK
    if "sea" in method or "searoute" in method:
        return ("ports.csv", "searoute")
    if "geodesic" in method:
        return ("regions.csv",)
    return ()


def _port_files(frame: Any, columns: set[str]) -> tuple[str, ...]:
    """``("ports.csv",)`` for a table of the package's ports (:func:`coophelpers.load_ports`): its ids are ports."""
    if not {"id", "region", "lat", "lon"} <= columns or "crossing_id" in columns or len(frame) == 0:
        return ()
    ports = set(_data.read_csv("ports.csv", dtype=str, keep_default_na=False)["id"])
    return ("ports.csv",) if set(frame["id"].astype(str)) <= ports else ()


def inferred_files(frame: Any) -> list[str]:
    """The curated files (and :data:`~coophelpers.data.PACKAGE_SOURCES`) a table of the package comes from.

    Found from the table's columns (:data:`SIGNATURES`) and ``attrs["method"]``; empty for a
    table of the user's own.

    Examples
    --------
    >>> import coophelpers as ch
    >>> inferred_files(ch.load_mechanisms())
    ['mechanisms.csv']
    """
    columns = {str(c) for c in frame.columns}
    found: list[str] = []
    for needed, files in SIGNATURES:
        if needed <= columns:
            found += files
    found += _method_files(frame) + _port_files(frame, columns)
    if _REGION_GEOMETRY in found:
        found = [f for f in found if f != _REGION_GEOMETRY] + list(_region_geometry_files(frame))
    return list(dict.fromkeys(found))


def sources_of(data: Any, sources: Any = None, *, param: str = "data") -> list[dict[str, str]]:
    """The sources of a table: ``data.attrs["sources"]`` or those inferred from its columns, then ``sources``.

    Sources recorded on the table (``attrs["sources"]``) are used as they are; otherwise they are
    inferred from the table's columns (:func:`inferred_files`). The ``sources`` given (see
    :func:`check_sources`) are added after them; duplicates are left out.

    Examples
    --------
    >>> import coophelpers as ch
    >>> [s["name"][:37] for s in sources_of(ch.load_mechanisms(), "My survey")]
    ['The four China–Russia regional cooper', 'My survey']
    """
    if "sources" in data.attrs:
        recorded = check_sources(data.attrs["sources"], param=f"{param}.attrs['sources']")
    else:
        recorded = [dict(r) for r in _data.source_records(*inferred_files(data))]
        recorded = [{k: r[k] for k in SOURCE_KEYS if r.get(k)} for r in recorded]
    out = list(recorded)
    for entry in check_sources(sources):
        if entry not in out:
            out.append(entry)
    return out


# --- the citation ------------------------------------------------------------------------------


def _all_sources() -> list[dict[str, str]]:
    names = sorted(_data.manifest()["files"]) + sorted(_data.PACKAGE_SOURCES)
    return [{k: r[k] for k in SOURCE_KEYS if r.get(k)} for r in _data.source_records(*names)]


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (none added after '.', '?' or '!')."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _text(sources: Sequence[Mapping[str, str]], version: str, *, of_data: bool) -> str:
    lines = [
        "Please cite coophelpers and the data sources behind your results.",
        "",
        f"{AUTHORS}. {TITLE}. Version {version}. Software, {LICENCE} licence.",
        "",
        "Data sources:" if sources else "Data sources: none are recorded on this table; cite the sources of your own data.",
    ]
    for i, s in enumerate(sources, 1):
        parts = [
            f"[{i}] {_sentence(s['name'])}",
            f"URL: {s.get('url') or 'none recorded'}.",
            _sentence(f"Licence: {s.get('licence') or 'not recorded'}"),
            f"As of: {s.get('as_of') or 'not recorded'}.",
        ]
        if s.get("attribution"):
            parts.append(_sentence(f"Attribution: {s['attribution']}"))
        if s.get("note"):
            parts.append(_sentence(f"Source: {s['note']}"))
        lines.append(" ".join(parts))
    if not of_data:
        lines += ["", "These are all the package's data sources; cite(data=table) lists only those behind one table."]
    return "\n".join(lines) + "\n"


_BIB_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib(text: str) -> str:
    """``text`` with the characters special to (La)TeX escaped."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in text)


def _bib_key(source: Mapping[str, str], i: int, used: set[str]) -> str:
    found = re.search(r"\(data/geo/([^)]+)\)\s*$", source.get("note", ""))
    stem = found.group(1).rsplit(".", 1)[0] if found else re.sub(r"[^a-z0-9]+", "-", source["name"].lower())[:30]
    key = "coophelpers-data-" + (re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-") or str(i))
    while key in used:
        key += f"-{i}"
    used.add(key)
    return key


def _bibtex(sources: Sequence[Mapping[str, str]], version: str) -> str:
    entries = [
        "@software{coophelpers,\n"
        f"  author = {{{{{_bib(AUTHORS)}}}}},\n"
        f"  title = {{{_bib(TITLE)}}},\n"
        f"  version = {{{_bib(version)}}},\n"
        f"  note = {{Software, {LICENCE} licence}}\n"
        "}"
    ]
    used: set[str] = set()
    for i, s in enumerate(sources, 1):
        note = [f"Licence: {s.get('licence') or 'not recorded'}", f"as of {s.get('as_of') or 'not recorded'}"]
        note += [s[k] for k in ("attribution", "note") if s.get(k)]
        fields = [f"  title = {{{_bib(s['name'])}}}"]
        if s.get("url"):
            fields.append(f"  url = {{{s['url']}}}")
        if s.get("as_of"):
            fields.append(f"  year = {{{s['as_of'][:4]}}}")
        fields.append(f"  note = {{{_bib('; '.join(note))}}}")
        entries.append(f"@misc{{{_bib_key(s, i, used)},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(entries) + "\n"


def cite(format: str = "text", data: pd.DataFrame | None = None) -> str:  # noqa: A002 - the documented name
    """How to cite coophelpers and the data sources behind a result: the package, then each source.

    Parameters
    ----------
    format
        ``"text"`` (default): a plain citation of the package and a numbered list of the data
        sources, each with its name, URL, licence and as-of date (and attribution and source note
        where recorded). ``"bibtex"``: one ``@software`` entry for the package and one ``@misc``
        entry per data source (UTF-8; use biber, or bibtex with ``inputenc``).
    data
        A table (DataFrame or GeoDataFrame) you loaded or derived: only its sources are cited,
        those recorded in ``data.attrs["sources"]`` or else those of the curated files it comes
        from (found from its columns). None (default): every data source of the package, from the
        data manifest, and the ``searoute`` maritime network.

    Returns
    -------
    str
        The citation; ``print()`` it. A URL the manifest does not record is shown as
        ``none recorded`` (none is made up).

    Raises
    ------
    InvalidInputError
        ``format`` is not ``"text"`` or ``"bibtex"``, ``data`` is not a table, or
        ``data.attrs["sources"]`` holds a malformed source.

    Examples
    --------
    >>> import coophelpers as ch
    >>> text = ch.cite(data=ch.load_crossings())
    >>> print(text.splitlines()[2])  # doctest: +ELLIPSIS
    coophelpers contributors. coophelpers: Data, maps ... Version ... Software, MIT licence.
    >>> "[1] China–Russia border crossings" in text and "Licence: CC BY 4.0" in text
    True
    >>> print(ch.cite("bibtex").splitlines()[0])
    @software{coophelpers,
    """
    fmt = check_choice(format, FORMATS, param="format", what="citation format")
    if data is None:
        sources, of_data = _all_sources(), False
    elif is_frame(data):
        sources, of_data = sources_of(data), True
    else:
        msg = (
            f"data={short_repr(data)} is not a table. Fix: pass the DataFrame or GeoDataFrame you "
            "loaded (e.g. data=ch.load_regions()), or leave data out to cite every data source."
        )
        raise InvalidInputError(msg)
    version = package_version()
    if fmt == "bibtex":
        return _bibtex(sources, version)
    return _text(sources, version, of_data=of_data)
