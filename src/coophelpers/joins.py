"""Your own tables: region names as statistics offices print them, resolved in bulk, and joined to the
regions without losing a row silently.

:func:`resolve_regions` turns a column of names into ISO codes (each distinct name is looked up once;
the names of Rosstat, EMISS, NBS China, UNdata, the World Bank, GADM and geoBoundaries are known, see
``data/geo/name_conventions.csv``). :func:`join_regions` resolves a column of a table and joins the
regions to it. Both describe what they could not do in a :class:`RegionReport`, kept in the result's
``.attrs`` and shown once as a :class:`~coophelpers.DataWarning`:

``unmatched``   names that match no region (with the nearest names)
``ambiguous``   names that match several regions (with the candidates)
``missing``     empty cells
``excluded``    rows of units that ``load_regions`` leaves out by default (Hong Kong and Macao:
                ``include_sar=True``; Crimea and Sevastopol: ``include_disputed=True``)
``flagged``     names whose statistics may not cover the polygon: Arkhangelsk or Tyumen Oblast *with*
                their autonomous okrugs, or a name two conventions give to different units (GADM's
                "Moskva" is Moscow Oblast)
``duplicate``   (joins) several rows that map to one region

Rosstat prints Arkhangelsk Oblast and Tyumen Oblast three ways: the total *including* the autonomous
okrugs inside them, the okrugs ("в том числе ..."), and the oblast *without* them ("без АО", "кроме
... автономного округа"). The polygons here are the subjects without the okrugs, so the "without"
rows map to RU-ARK and RU-TYU silently, while the "with" rows, and a plain name in a table that also
lists the okrugs, map there with a ``flagged`` entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers import regions
from coophelpers._errors import DataWarning, InvalidInputError, UnknownRegionError, warn
from coophelpers._names import did_you_mean, normalise, short_repr, suggest
from coophelpers._validate import check_bool, check_choice

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["ERRORS", "HOWS", "KINDS", "RegionReport", "ReportItem", "join_regions", "resolve_regions"]

#: What ``resolve_regions`` does with names it cannot resolve.
ERRORS = ("raise", "coerce", "report")
#: The joins ``join_regions`` makes (pandas' names).
HOWS = ("left", "inner", "right", "outer")
#: The kinds of report entries, in the order they are listed.
KINDS = ("unmatched", "ambiguous", "missing", "excluded", "flagged", "duplicate")
#: Kinds that ``errors="raise"`` raises for and ``"coerce"``/``"report"`` turn into NA.
PROBLEMS = ("unmatched", "ambiguous")
#: Distinct unknown names that get suggestions (each costs a fuzzy search over every known name).
SUGGESTION_BUDGET = 100
_OPTION = {"sar": "include_sar=True", "disputed": "include_disputed=True"}


@dataclass(frozen=True)
class ReportItem:
    """One entry of a :class:`RegionReport`: a name (or region) and the rows it concerns."""

    kind: str
    value: Any
    code: str | None
    rows: tuple[Any, ...]
    candidates: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class RegionReport:
    """What :func:`resolve_regions` or :func:`join_regions` could not do, or did with a caveat.

    Attributes
    ----------
    items : tuple of ReportItem
        One entry per name (or, for ``duplicate``, per region): ``kind`` (see :data:`KINDS`),
        ``value`` as given, ``code`` (or None), ``rows`` (the index labels of the rows concerned),
        ``candidates`` (suggested or competing codes) and ``detail`` (a sentence with the fix).
    n_rows : int
        Rows (values) looked at.
    n_values : int
        Distinct names among them.
    what : str
        The function that made the report.

    Examples
    --------
    >>> report = resolve_regions(["Heilongjiang", "Hong Kong", "Atlantis"], errors="coerce").attrs["report"]
    >>> [item.kind for item in report.items], report.ok
    (['unmatched', 'excluded'], False)
    >>> report.to_frame()[["kind", "value", "code", "n_rows"]]
            kind      value   code  n_rows
    0  unmatched   Atlantis   <NA>       1
    1   excluded  Hong Kong  CN-HK       1
    """

    items: tuple[ReportItem, ...] = ()
    n_rows: int = 0
    n_values: int = 0
    what: str = "resolve_regions"

    def of(self, kind: str) -> tuple[ReportItem, ...]:
        """The entries of one kind (``"unmatched"``, ``"excluded"``, ...)."""
        return tuple(item for item in self.items if item.kind == kind)

    @property
    def problems(self) -> tuple[ReportItem, ...]:
        """Unmatched and ambiguous names (NA in the result)."""
        return tuple(item for item in self.items if item.kind in PROBLEMS)

    @property
    def ok(self) -> bool:
        """True when every name resolved (entries of other kinds may remain)."""
        return not self.problems

    def to_frame(self) -> pd.DataFrame:
        """The entries as a table: kind, value, code, n_rows, rows, candidates, detail."""
        import pandas as pd

        columns = ["kind", "value", "code", "n_rows", "rows", "candidates", "detail"]
        rows = [(i.kind, i.value, i.code, len(i.rows), i.rows, i.candidates, i.detail) for i in self.items]
        frame = pd.DataFrame(rows, columns=columns)
        frame["code"] = frame["code"].astype("string")
        return frame

    def summary(self) -> str:
        """One sentence: how many rows of each kind."""
        counts = {kind: sum(len(i.rows) for i in self.of(kind)) for kind in KINDS}
        parts = [f"{n} {kind}" for kind, n in counts.items() if n]
        found = ", ".join(parts) if parts else "nothing to report"
        return f"{self.what}: {self.n_rows} rows, {self.n_values} distinct names: {found} (rows)."

    def __str__(self) -> str:
        lines = [self.summary()]
        for item in self.items[:30]:
            rows = ", ".join(map(repr, item.rows[:5])) + (", ..." if len(item.rows) > 5 else "")
            lines.append(f"  - {item.kind}: {short_repr(item.value, 60)} (rows {rows}): {item.detail}")
        if len(self.items) > 30:
            lines.append(f"  ... and {len(self.items) - 30} more entries: see .to_frame().")
        return "\n".join(lines)


# --- look-up tables ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str]]:
    """``{code: (label, status)}`` of every unit of regions.csv."""
    frame = _data.read_csv("regions.csv", dtype=str, keep_default_na=False)
    return {c: (f"{n} ({c})", s) for c, n, s in zip(frame["code"], frame["name_en"], frame["status"])}


@lru_cache(maxsize=1)
def _relations() -> tuple[dict[str, list[tuple[str, str, str, str]]], dict[str, tuple[str, ...]]]:
    """Folded alias -> [(code, relation, okrugs, convention)] for every relation but ``same``, and
    subject -> the autonomous okrugs inside it (from region_aliases.csv)."""
    frame = _data.read_csv("region_aliases.csv", dtype=str, keep_default_na=False)
    by_key: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    parents: dict[str, tuple[str, ...]] = {}
    for alias, code, relation, okrugs, convention in zip(
        frame["alias"], frame["code"], frame["relation"], frame["okrugs"], frame["convention"]
    ):
        if relation != "same":
            by_key[normalise(alias)].append((code, relation, okrugs, convention))
        if okrugs:
            parents[code] = tuple(o.strip() for o in okrugs.split("|"))
    return dict(by_key), parents


def _label(code: str) -> str:
    return _units().get(code, (code, ""))[0]


# --- resolution -------------------------------------------------------------------------------


def _as_series(values: Any, *, param: str) -> pd.Series:
    """``values`` as a Series (a Series keeps its index), or a clear error."""
    import numpy as np
    import pandas as pd

    fix = f"Give a list of names or one column of a table, e.g. {param}=df['region']"
    if isinstance(values, pd.DataFrame):
        msg = f"{param} must be one column, got {short_repr(values)}. {fix}."
        raise InvalidInputError(msg)
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (str, bytes)):
        msg = (f"{param} must be a list or column of names, got {type(values).__name__} {values!r}. {fix}; "
               f"for one name use resolve_region({values!r}).")
        raise InvalidInputError(msg)
    if isinstance(values, np.ndarray) and values.ndim != 1:
        msg = f"{param} must be one-dimensional, got an array of shape {values.shape}. {fix}."
        raise InvalidInputError(msg)
    if values is None or isinstance(values, dict) or not hasattr(values, "__iter__"):
        msg = f"{param} must be a list or column of names, got {type(values).__name__} {short_repr(values)}. {fix}."
        raise InvalidInputError(msg)
    return pd.Series(list(values), dtype=object)


def _match(
    value: Any, country: str | None, *, suggest_more: bool, param: str
) -> tuple[str | None, str, tuple[str, ...], str]:
    """``(code, kind, candidates, detail)`` of one distinct name; kind is "" when it resolved."""
    if not isinstance(value, str):
        detail = f"{type(value).__name__} {short_repr(value)} is not text: give region names as text."
        return None, "unmatched", (), detail
    if not value.strip():
        return None, "missing", (), "an empty name: fill it in or drop the row."
    found = regions.region_matches(value, country)
    if len(found) == 1:
        return found[0], "", (), ""
    if found:
        options = ", ".join(_label(c) for c in found)
        return None, "ambiguous", found, f"matches {len(found)} regions: {options}. Use a fuller name or the code."
    if not suggest_more:
        return None, "unmatched", (), "unknown (no suggestions: too many unknown names); check the spelling."
    try:
        regions.resolve_region(value, country, param=param)
    except UnknownRegionError as err:  # the explanation: nearest names, other country, a capital, a number
        return None, "unmatched", tuple(err.suggestions), str(err).split(" Give an English")[0]
    return None, "unmatched", (), "unknown."  # pragma: no cover - region_matches found nothing


def _flags(codes: dict[Any, str]) -> dict[Any, str]:
    """Caveats of resolved names: okrugs included, conventions in conflict (see the module doc)."""
    by_key, parents = _relations()
    relations = {value: by_key.get(normalise(value), ()) if isinstance(value, str) else () for value in codes}
    present = set(codes.values())
    without = {c for v, c in codes.items() for o, rel, _, _ in relations[v] if rel == "excludes_okrugs" and o == c}
    flags = {}
    for value, code in codes.items():
        okrugs = parents.get(code, ())
        for other, relation, _, convention in relations[value]:
            if relation == "includes_okrugs" and other == code:
                flags[value] = (f"{_label(code)} together with its autonomous okrugs {', '.join(okrugs)}; the "
                                f"polygon {code} does not include them: use the rows without them.")
            elif relation == "conflict" and other != code:
                flags[value] = (f"read as {_label(code)}, but in {convention} it is {_label(other)}: check which "
                                f"your source means and give the code.")
        plain = not any(other == code for other, _, _, _ in relations[value])
        if value not in flags and okrugs and plain and (present & set(okrugs) or code in without):
            flags[value] = (f"next to {', '.join(okrugs)} (or to the oblast without them) this is usually the total "
                            f"including them (Rosstat: 'в том числе'); the polygon {code} excludes them.")
    return flags


def _resolve(series: pd.Series, country: str | None, *, what: str, param: str) -> tuple[pd.Series, RegionReport]:
    """Codes aligned with ``series`` (NA where unresolved) and the report; each distinct name once."""
    import pandas as pd

    values = series.astype(object)
    na = values.isna().to_numpy()
    present = values[~na]
    try:
        distinct = list(pd.unique(present))
    except TypeError:  # unhashable cells (lists): compare their text
        present = present.map(repr)
        values = values.where(na, values.map(repr))
        distinct = list(pd.unique(present))
    codes: dict[Any, str | None] = {}
    entries: dict[Any, tuple[str, tuple[str, ...], str]] = {}
    budget = SUGGESTION_BUDGET
    for value in distinct:
        code, kind, candidates, detail = _match(value, country, suggest_more=budget > 0, param=param)
        budget -= kind == "unmatched" and isinstance(value, str)
        codes[value] = code
        if kind:
            entries[value] = (kind, candidates, detail)
    for value, detail in _flags({v: c for v, c in codes.items() if c is not None}).items():
        entries[value] = ("flagged", (), detail)
    for value, code in codes.items():
        status = _units().get(code or "", ("", "normal"))[1]
        if code is not None and status != "normal" and value not in entries:
            kind_of = "a special administrative region" if status == "sar" else (
                "disputed (administered by Russia since 2014, recognised by most states as part of Ukraine)")
            detail = (f"{_label(code)} is {kind_of}: load_regions and join_regions leave it out unless "
                      f"{_OPTION[status]}.")
            entries[value] = ("excluded", (code,), detail)
    positions: dict[Any, list[int]] = defaultdict(list)
    if entries or na.any():
        for pos, (value, missing) in enumerate(zip(values.to_numpy(), na)):
            if missing:
                positions[None].append(pos)
            elif value in entries:
                positions[value].append(pos)
    index = series.index
    items = [ReportItem(kind, value, codes.get(value), tuple(index[positions[value]]), cands, detail)
             for value, (kind, cands, detail) in entries.items()]
    if positions.get(None):
        rows = tuple(index[positions[None]])
        items.append(ReportItem("missing", None, None, rows, (), "empty cells (NA): left as NA."))
    items.sort(key=lambda i: (KINDS.index(i.kind), -len(i.rows), str(i.value)))
    mapped = values.map(codes)
    result = pd.Series(mapped.to_numpy(), index=index, dtype="string", name="code")
    return result, RegionReport(tuple(items), len(series), len(distinct), what)


def _problems_error(report: RegionReport, *, param: str) -> UnknownRegionError:
    """One error listing every unresolved name (the first ten), with the report attached."""
    shown = []
    for item in report.problems[:10]:
        rows = f"{len(item.rows)} row{'s' if len(item.rows) != 1 else ''}"
        if item.kind == "ambiguous":
            shown.append(f"{item.value!r} (ambiguous: {', '.join(item.candidates)}; {rows})")
        else:
            hint = f". Did you mean {', '.join(repr(_label(c)) for c in item.candidates)}?" if item.candidates else ""
            shown.append(f"{item.value!r} (unknown, {rows}{hint})")
    more = f" and {len(report.problems) - 10} more" if len(report.problems) > 10 else ""
    msg = (
        f"{report.what} could not resolve {len(report.problems)} of {report.n_values} distinct names of "
        f"{param}: {', '.join(shown)}{more}. Fix those names, or pass errors='coerce' (NA for them) or "
        f"errors='report' (NA and a printed report); the full report is the error's .report."
    )
    error = UnknownRegionError(msg, [c for item in report.problems for c in item.candidates])
    error.report = report  # type: ignore[attr-defined]
    return error


# --- public API -------------------------------------------------------------------------------


def resolve_regions(values: Any, *, country: str | None = None, errors: str = "raise") -> pd.Series:
    """Return the ISO 3166-2 codes of many region names at once, aligned with ``values``.

    Each distinct name is resolved once, as :func:`~coophelpers.resolve_region` would (English,
    pinyin, Chinese, Russian, ISO codes), including the spellings of statistics offices and boundary
    datasets: Rosstat (``"г. Москва"``, ``"Тюменская область (без автономных округов)"``, ``"Altai
    Territory"``), EMISS/OKATO, NBS China (``"北  京"``, ``"Xinjiang Uygur Autonomous Region"``),
    UNdata, the World Bank, GADM (``"Primor'ye"``, ``"Maga Buryatdan"``) and geoBoundaries; every kind
    of dash, NBSP, double spaces and ``ё`` are ignored. The report of what went wrong, or resolved
    with a caveat, is ``result.attrs["report"]`` (a :class:`RegionReport`, see the module doc).

    Parameters
    ----------
    values
        The names: a Series (its index is kept), a list, tuple, array or any one-dimensional
        iterable. Empty cells (None, NaN, ``""``) give NA and a ``missing`` entry.
    country
        ``"CN"`` or ``"RU"`` (or a country name) to accept only that country's regions; None for both.
    errors
        ``"raise"`` (default): one :class:`~coophelpers.UnknownRegionError` listing every unknown or
        ambiguous name; caveats (excluded units, flagged names) are shown as a ``DataWarning``.
        ``"coerce"``: NA for those names, nothing shown. ``"report"``: NA for them, and the whole
        report shown as one ``DataWarning``.

    Returns
    -------
    pandas.Series
        Codes (dtype ``string``, NA where unresolved) named ``"code"``, with the index of ``values``
        (a new RangeIndex for a list); the report is in ``.attrs["report"]``.

    Raises
    ------
    UnknownRegionError
        With ``errors="raise"``, names that match no region or several; the message lists them with
        suggestions, and the error's ``.report`` holds the report.
    InvalidInputError
        ``values`` is a single string, a table or not a sequence; a bad ``country`` or ``errors``.

    Examples
    --------
    >>> resolve_regions(["г. Москва", "Altai Territory", "黑龙江省"]).tolist()
    ['RU-MOW', 'RU-ALT', 'CN-HL']
    >>> codes = resolve_regions(["Heilongjiang", "Atlantis"], errors="coerce")
    >>> codes.tolist(), codes.attrs["report"].problems[0].value
    (['CN-HL', <NA>], 'Atlantis')
    """
    country_code = regions.check_country(country)
    errors = check_choice(errors, ERRORS, param="errors", what="way to handle unresolved names")
    series = _as_series(values, param="values")
    codes, report = _resolve(series, country_code, what="resolve_regions", param="values")
    codes.attrs["report"] = report
    if errors == "raise" and report.problems:
        raise _problems_error(report, param="values")
    if report.items and errors != "coerce":
        warn(str(report) + "\nThe report is result.attrs['report'].", DataWarning)
    return codes


def _check_table(df: Any, on: Any) -> None:
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        msg = (f"df must be a pandas DataFrame, got {type(df).__name__} {short_repr(df)}. Give your table, "
               f"e.g. pd.read_csv('data.csv'), and the column of region names as on=.")
        raise InvalidInputError(msg)
    if "geometry" in df.columns:
        msg = (f"df already has a 'geometry' column ({short_repr(df)}). Drop or rename it "
               f"(df.rename(columns={{'geometry': 'my_geometry'}})): join_regions adds the regions' geometry.")
        raise InvalidInputError(msg)
    try:
        present = on in df.columns
    except TypeError:
        present = False
    if not present:
        names = [str(c) for c in df.columns]
        msg = (f"on must name a column of df, got {on!r}; the columns are {names[:12]}."
               f"{did_you_mean(suggest(str(on), names))} Give the column that holds the region names.")
        raise InvalidInputError(msg)


def _exclusion(code: str, flags: dict[str, bool | None], as_of: Any) -> tuple[str, bool]:
    """Why a resolved unit is not among the loaded regions, and whether to warn about it."""
    status = _units().get(code, ("", "normal"))[1]
    option = _OPTION.get(status)
    if option is None or flags[status]:  # a normal unit, or included but not there on as_of
        return f"{_label(code)} is not in load_regions on as_of={as_of!r} (it did not exist then).", True
    chosen = flags[status] is False
    why = "you passed " + option.replace("True", "False") if chosen else "left out by default"
    return f"{_label(code)}: {why}; pass {option} to join it. The rows are kept without geometry.", not chosen


def _join_items(report: RegionReport, names: pd.Series, codes: pd.Series, loaded: set[str],
                flags: dict[str, bool | None], as_of: Any) -> tuple[list[ReportItem], bool]:
    """The join's report entries and whether any of them deserves a warning."""
    items = [i for i in report.items if i.kind != "excluded"]
    loud = bool(items)
    resolved = codes.dropna()
    for code, labels in resolved.groupby(resolved).groups.items():
        if code in loaded and len(labels) < 2:
            continue
        spelled = tuple(dict.fromkeys(names[(codes == code).fillna(False).to_numpy()].tolist()))
        value = spelled[0] if len(spelled) == 1 else spelled
        if code not in loaded:
            detail, warn_it = _exclusion(str(code), flags, as_of)
            items.append(ReportItem("excluded", value, str(code), tuple(labels), (str(code),), detail))
            loud |= warn_it
        else:
            detail = (f"{len(labels)} rows map to {_label(str(code))}: each gets the same polygon. Aggregate "
                      f"them, or keep the one you mean (e.g. the oblast without its okrugs).")
            items.append(ReportItem("duplicate", value, str(code), tuple(labels), (), detail))
            loud = True
    items.sort(key=lambda i: (KINDS.index(i.kind), -len(i.rows), str(i.code)))
    return items, loud


def join_regions(
    df: pd.DataFrame,
    on: Any,
    *,
    how: str = "left",
    country: str | None = None,
    include_sar: bool | None = None,
    include_disputed: bool | None = None,
    as_of: Any = None,
) -> gpd.GeoDataFrame:
    """Join the regions (codes, names, type, district, centre, geometry) to a table of your own.

    The column ``on`` is resolved with :func:`resolve_regions` (statistics offices' spellings
    included) and joined to :func:`~coophelpers.load_regions`. Nothing is dropped silently: every row
    that matched no region or several, every empty key, every region that several rows map to, and
    every row of a unit left out by default (Hong Kong, Macao: ``include_sar``; Crimea, Sevastopol:
    ``include_disputed``) is listed in ``result.attrs["join_report"]`` (a :class:`RegionReport`) and
    shown once as a :class:`~coophelpers.DataWarning` (silence it with ``warnings.filterwarnings
    ("ignore", category=ch.DataWarning)``; rows you excluded yourself with ``include_...=False``
    stay in the report without a warning).

    Parameters
    ----------
    df
        Your table (a pandas DataFrame without a ``geometry`` column).
    on
        The column of ``df`` holding region names or codes.
    how
        ``"left"`` (default): every row of ``df`` in its order and with its index, regions' columns
        empty where nothing matched. ``"inner"``: only the rows that matched a loaded region (the
        others are in the report). ``"right"``: one row per loaded region, with its matching rows
        (rows matching nothing are in the report). ``"outer"``: both. ``right`` and ``outer`` get a
        new RangeIndex; the index of ``df`` is kept in the column ``index`` (NA for regions without data).
    country
        Only regions of ``"CN"`` or ``"RU"`` (a name of the other country is unmatched); None for both.
    include_sar, include_disputed
        Join Hong Kong and Macao, or Crimea and Sevastopol (see :func:`~coophelpers.load_regions`).
        None (default) leaves them out and reports their rows with a warning; False leaves them out
        and reports them without one.
    as_of
        The date whose federal districts fill ``macro_region`` (see ``load_regions``); default today.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of ``df`` followed by the region columns of ``load_regions`` (``code`` first; a
        region column whose name ``df`` already uses gets the suffix ``_region``), EPSG:4326, with
        the report in ``.attrs["join_report"]``.

    Raises
    ------
    InvalidInputError
        ``df`` is not a DataFrame or has a ``geometry`` column, ``on`` is not one of its columns, or
        a bad ``how``, ``country``, flag or ``as_of``.

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> table = pd.DataFrame({"region": ["г. Москва", "Heilongjiang", "Hong Kong"], "gdp": [1.0, 2.0, 3.0]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DataWarning)   # shown once as a warning; kept in .attrs
    ...     joined = join_regions(table, "region")
    >>> joined[["region", "code", "name_en"]]
             region    code       name_en
    0     г. Москва  RU-MOW        Moscow
    1  Heilongjiang   CN-HL  Heilongjiang
    2     Hong Kong   CN-HK           NaN
    >>> [(item.kind, item.code, item.rows) for item in joined.attrs["join_report"].items]
    [('excluded', 'CN-HK', (2,))]
    """
    import geopandas as gpd
    import pandas as pd

    _check_table(df, on)
    how = check_choice(how, HOWS, param="how", what="join")
    flags = {"sar": include_sar, "disputed": include_disputed}
    for status, value in flags.items():
        if value is not None:
            check_bool(value, param=f"include_{status}")
    units = regions.load_regions(
        country, include_sar=bool(include_sar), include_disputed=bool(include_disputed), as_of=as_of
    )
    codes, resolved = _resolve(df[on], regions.check_country(country), what="join_regions", param=f"df[{on!r}]")
    items, loud = _join_items(resolved, df[on], codes, set(units["code"]), flags, as_of)
    by_code = units.set_index("code")
    matched = by_code.reindex(codes.fillna("").to_numpy())
    matched.index = df.index
    renamed = {c: (f"{c}_region" if c in df.columns and c != "geometry" else c) for c in ["code", *by_code.columns]}
    regional = pd.concat([codes.rename("code"), matched], axis=1).rename(columns=renamed)
    out = pd.concat([df, regional], axis=1)
    has_unit = codes.isin(by_code.index).to_numpy()
    if how == "inner":
        out = out[has_unit]
    elif how in ("right", "outer"):
        kept = out if how == "outer" else out[has_unit]
        missing = units[~units["code"].isin(codes.dropna())].rename(columns=renamed)
        label = "index" if "index" not in out.columns else "index_df"
        out = pd.concat([kept.reset_index(names=label), missing], ignore_index=True)
    result = gpd.GeoDataFrame(out, geometry="geometry", crs=units.crs)
    report = RegionReport(tuple(items), resolved.n_rows, resolved.n_values, "join_regions")
    result.attrs["join_report"] = report
    if loud:
        kept_note = "every row is kept" if how in ("left", "outer") else "rows without a region are dropped"
        warn(f"{report}\n{kept_note} (how={how!r}); the report is result.attrs['join_report'].", DataWarning)
    return result
