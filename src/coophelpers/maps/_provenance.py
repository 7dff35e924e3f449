"""Where a map's data come from: the sources recorded on a map and the provenance record (private).

:func:`add_source` records a source on the map; layers add the sources of the frames they draw
(``gdf.attrs["sources"]``). When the map is saved, :func:`provenance_record` gathers them with the
title, notes, software versions and build date, and :func:`provenance_html` shows them in the
map's sources box. The record is also written, as JSON, next to the saved map (see
:mod:`coophelpers.maps.output`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from coophelpers import settings
from coophelpers._errors import CoophelpersError, InvalidInputError
from coophelpers._validate import calendar_problem
from coophelpers._version import package_version
from coophelpers.maps._elements import check_map
from coophelpers.maps._assets import leaflet_assets
from coophelpers.maps._text import esc

if TYPE_CHECKING:
    import folium

__all__ = ["SOURCE_KEYS", "add_source", "add_sources", "check_source", "map_sources", "provenance_html", "provenance_record"]

#: Keys of a source record.
SOURCE_KEYS = ("name", "url", "licence", "as_of", "attribution", "note")
_PROVENANCE_KEYS = ("title", "sources", "notes", "build_date")
#: Example values of the text keys of a source, for messages.
_SOURCE_EXAMPLES = {
    "name": "Natural Earth admin-1 (10m)",
    "url": "https://www.naturalearthdata.com",
    "licence": "public domain",
    "attribution": "Made with Natural Earth",
    "note": "simplified for the web",
}


def _is_missing(value: Any) -> bool:
    """True for the missing values of pandas and numpy: NaN, ``pd.NaT``, ``np.datetime64('NaT')``, ``pd.NA``."""
    try:
        return bool(value != value)  # noqa: PLR0124 - NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pd.NA: its comparisons are NA, which has no truth value
        return type(value).__name__ == "NAType"


def _iso_date(value: Any, *, param: str, where: str = "", partial: bool = False) -> str:
    """ISO text of a date given as a ``datetime.date``/``datetime`` or an ISO string, checked.

    ``partial`` also allows ``'YYYY-MM'`` and ``'YYYY'`` (a source dated only that precisely).
    A missing value (NaN, NaT, ``pd.NA``) and an impossible date (``'2019-02-30'``) are refused;
    messages start ``{param}={value!r}{where}``.
    """
    given = f"{param}={value!r}{where}"
    shapes = "'YYYY-MM-DD' ('YYYY-MM' or 'YYYY' when only that is known)" if partial else "'YYYY-MM-DD'"
    if _is_missing(value):
        msg = (
            f"{given} is a missing date. Fix: pass a datetime.date or an ISO date {shapes}, "
            "or leave it out."
        )
        raise InvalidInputError(msg)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        pattern = r"\d{4}(-\d{2}(-\d{2})?)?" if partial else r"\d{4}-\d{2}-\d{2}"
        if re.fullmatch(pattern, text):
            problem = calendar_problem(text)
            if problem:
                msg = f"{given} is not a calendar date: {problem}. Fix: pass a real date as {shapes}."
                raise InvalidInputError(msg)
            return text
    msg = f"{given} is not a date. Fix: pass a datetime.date or an ISO date string {shapes}."
    raise InvalidInputError(msg)


def _build_date(value: Any = None) -> str:
    """ISO build date: explicit value, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if value is not None:
        return _iso_date(value, param="provenance['build_date']")
    return settings.build_date().isoformat()


def _text(value: Any, *, param: str, example: str) -> str:
    """``value`` if it is text, else an error naming ``param`` (a number or a list is a slip)."""
    if not isinstance(value, str):
        msg = f"{param}={value!r:.80} is not text ({type(value).__name__}). Fix: pass a string, e.g. {example!r}."
        raise InvalidInputError(msg)
    return value


def map_sources(m: Any) -> list[dict[str, str]]:
    """The list of source records kept on map ``m`` (created empty on first use)."""
    found = getattr(m, "_coophelpers_sources", None)
    if found is None:
        found = []
        m._coophelpers_sources = found
    return found


def check_source(source: Any, *, param: str) -> dict[str, str]:
    if isinstance(source, str):
        source = {"name": source}
    if not isinstance(source, Mapping):
        msg = (
            f"{param}={source!r} is not a source. Fix: pass a dict with keys "
            f"{', '.join(SOURCE_KEYS)} ('name' is required) or a plain string."
        )
        raise InvalidInputError(msg)
    unknown = sorted(set(source) - set(SOURCE_KEYS))
    if unknown:
        msg = (
            f"{param} has unknown keys {unknown!r}. Fix: use only {', '.join(SOURCE_KEYS)}."
        )
        raise InvalidInputError(msg)
    name = source.get("name")
    if name is None or (isinstance(name, str) and not name.strip()) or _is_missing(name):
        msg = f"{param}={dict(source)!r} has no 'name'. Fix: add a 'name' for the data source."
        raise InvalidInputError(msg)
    out = {}
    for key in SOURCE_KEYS:
        value = source.get(key)
        if value is None or (isinstance(value, str) and value == "") or _is_missing(value):
            continue  # not known (None, or an empty cell of a table of sources: NaN, NaT)
        if key == "as_of":
            out[key] = _iso_date(value, param="as_of", where=f" in {param}", partial=True)
            continue
        out[key] = _text(value, param=f"{param}[{key!r}]", example=_SOURCE_EXAMPLES[key])
    url = out.get("url", "")
    if url and not re.match(r"https?://[^\s/]", url, re.IGNORECASE):
        msg = (
            f"url={url!r} in {param} is not a web address. Fix: give an http:// or https:// "
            "address of the source, or leave url out and name the source in 'note'."
        )
        raise InvalidInputError(msg)
    return out


def add_source(
    m: folium.Map,
    name: str,
    *,
    url: str | None = None,
    licence: str | None = None,
    as_of: str | _dt.date | None = None,
    attribution: str | None = None,
    note: str | None = None,
) -> None:
    """Record a data source on the map; :func:`save_map` lists it in the provenance box.

    Parameters
    ----------
    m
        The map.
    name
        What the data is, e.g. ``"Natural Earth admin-1 (10m)"``.
    url, licence, as_of, attribution, note
        Where it comes from, its licence, the date the data describes, required attribution,
        and any caveat. All are shown as text (escaped).

    Returns
    -------
    None
        The source is recorded on ``m`` (once, however often it is added).

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, ``name`` is empty, or ``as_of`` is not a date (``datetime.date``,
        ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"``).

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(basemap=False, title="Sources")
    >>> ch.add_source(m, "Natural Earth admin-1 (10m)", url="https://www.naturalearthdata.com",
    ...               licence="public domain", as_of="2023-01-01")
    >>> page = ch.save_map(m, "sources.html").read_text(encoding="utf-8")
    >>> "Natural Earth admin-1 (10m) · licence: public domain · as of 2023-01-01" in page
    True
    """
    check_map(m, optional=False)
    if not isinstance(name, str) or not name.strip():
        msg = (
            f"name={name!r} is not a source name. Fix: say what the data is, e.g. "
            "'Natural Earth admin-1 (10m)'."
        )
        raise InvalidInputError(msg)
    entry = check_source(
        {
            "name": name,
            "url": url,
            "licence": licence,
            "as_of": as_of,
            "attribution": attribution,
            "note": note,
        },
        param="source",
    )
    sources = map_sources(m)
    if entry not in sources:
        sources.append(entry)


def add_sources(m: Any, sources: Any, *, param: str) -> None:
    """Record several source dicts (e.g. ``gdf.attrs["sources"]``) on the map, each checked."""
    for source in sources or []:
        entry = check_source(source, param=param)
        if entry not in map_sources(m):
            map_sources(m).append(entry)


def provenance_record(m: Any, provenance: Any) -> dict[str, Any]:
    import folium

    if provenance is None:
        provenance = {}
    elif isinstance(provenance, (list, tuple)):
        provenance = {"sources": list(provenance)}
    if not isinstance(provenance, Mapping):
        msg = (
            f"provenance={provenance!r:.80} is not a dict. Fix: pass e.g. "
            "{'title': ..., 'sources': [{'name': ..., 'url': ..., 'licence': ..., "
            "'as_of': ...}], 'notes': [...], 'build_date': '2025-01-31'} or None."
        )
        raise InvalidInputError(msg)
    unknown = sorted(set(provenance) - set(_PROVENANCE_KEYS))
    if unknown:
        msg = (
            f"provenance has unknown keys {unknown!r}. "
            f"Fix: use only {', '.join(_PROVENANCE_KEYS)}."
        )
        raise InvalidInputError(msg)
    sources = list(map_sources(m))
    extra = _entries(
        provenance.get("sources"), key="sources", example="[{'name': 'Rosstat', 'licence': 'CC BY 4.0'}]", one=(str, Mapping)
    )
    for i, source in enumerate(extra):
        entry = check_source(source, param=f"provenance['sources'][{i}]")
        if entry not in sources:
            sources.append(entry)
    notes = _entries(provenance.get("notes"), key="notes", example="['Figures for 2019.']")
    notes = [_text(n, param=f"provenance['notes'][{i}]", example="Figures for 2019.") for i, n in enumerate(notes)]
    title = provenance.get("title")
    if title is not None:
        _text(title, param="provenance['title']", example="Regions of China and Russia")
    title = title or getattr(m, "_coophelpers_title", None) or ""
    try:
        leaflet = {"name": "Leaflet", "version": leaflet_assets().version, "licence": "BSD-2-Clause"}
    except CoophelpersError:
        leaflet = {"name": "Leaflet", "version": "unknown", "licence": "BSD-2-Clause"}
    return {
        "title": str(title),
        "sources": sources,
        "notes": [str(n) for n in notes],
        "software": [
            {"name": "coophelpers", "version": package_version()},
            {"name": "folium", "version": folium.__version__},
            leaflet,
        ],
        "build_date": _build_date(provenance.get("build_date")),
    }


def _entries(value: Any, *, key: str, example: str, one: tuple[type, ...] = (str,)) -> list[Any]:
    """The items of ``provenance[key]``: None gives none, one item (of a type in ``one``) gives one."""
    if value is None:
        return []
    if isinstance(value, one):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    msg = (
        f"provenance['{key}']={value!r:.80} is not a list but {type(value).__name__}. "
        f"Fix: pass a list such as {example}, or leave the key out."
    )
    raise InvalidInputError(msg)


def provenance_html(record: Mapping[str, Any]) -> str:
    parts = ["<details><summary>Sources and licences</summary>"]  # folded: a click opens it
    if record["title"]:
        parts.insert(0, f'<div class="ch-title">{esc(record["title"])}</div>')
    items = []
    for s in record["sources"]:
        bits = [esc(s["name"])]
        if s.get("licence"):
            bits.append(f"licence: {esc(s['licence'])}")
        if s.get("as_of"):
            bits.append(f"as of {esc(s['as_of'])}")
        if s.get("attribution"):
            bits.append(esc(s["attribution"]))
        if s.get("note"):
            bits.append(esc(s["note"]))
        url = s.get("url", "")
        if url:
            if re.match(r"https?://", url, re.IGNORECASE):
                bits.append(
                    f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                    f"{esc(url)}</a>"
                )
            else:
                bits.append(esc(url))
        items.append("<li>" + " · ".join(bits) + "</li>")
    if not items:
        items.append("<li>No data sources recorded.</li>")
    parts.append("<ul>" + "".join(items) + "</ul>")
    for note in record["notes"]:
        parts.append(f"<div>{esc(note)}</div>")
    soft = ", ".join(f"{esc(s['name'])} {esc(s['version'])}" for s in record["software"])
    parts.append(f"<div>Made with {soft}; built {esc(record['build_date'])}.</div>")
    parts.append("</details>")
    return "".join(parts)


