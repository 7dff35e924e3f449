"""Measures built on the economic-ties tables: a region's share of the bilateral trade, and ties per mechanism.

:func:`trade_share` puts a region's full-year trade with the other country beside China's customs total of
China–Russia trade for the same year, both converted to US dollars at the ECB's mean rate for the year (figures
published in dollars are not converted). :func:`ties_by_mechanism` counts, for each cooperation mechanism, the
relations between its Chinese and Russian members by type and the zones in its member regions.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ._errors import InvalidInputError
from ._fx import TARGETS as FX_TARGETS
from ._validate import check_choice, resolve_as_of
from .ties import FLOWS, RELATION_TYPES, ZONE_KINDS, load_sister_relations, load_trade, load_zones

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["BASIS_LABELS", "CUSTOMS_BASES", "NATIONAL", "best_figures", "member_ties", "ties_by_mechanism",
           "trade_by_region", "trade_share"]

#: The bases that are customs statistics: preferred where a year has several figures.
CUSTOMS_BASES = ("national_customs", "enterprise_location", "customs_directorate", "customs_district")
#: How each statistical basis reads in a map or figure.
BASIS_LABELS = {
    "national_customs": "national customs total",
    "enterprise_location": "customs, by the trader's location",
    "customs_district": "customs district",
    "customs_directorate": "customs directorate",
    "regional_government": "government statement",
    "consulate": "consulate",
    "unknown": "basis not stated",
}

#: The reporter of the national China–Russia total: China's customs (GACC), the series published every year.
NATIONAL = "country:CN"


def best_figures(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """One trade figure per value of ``by`` (a year, a reporter): the one a reader should take of several.

    The order of preference: a customs figure (:data:`CUSTOMS_BASES`), the higher confidence, an original
    publication, a figure published in dollars (no conversion needed).
    """
    ranked = rows.assign(
        _customs=rows["basis"].isin(CUSTOMS_BASES),
        _rank=rows["confidence"].map({"H": 0, "M": 1, "L": 2}),
        _usd=rows["currency"].eq("USD"),
    ).sort_values([by, "_customs", "_rank", "original", "_usd"], ascending=[True, False, True, False, False],
                  kind="stable")
    return ranked.drop_duplicates(by).drop(columns=["_customs", "_rank", "_usd"])


def member_ties(mechanism: str | list[str], date: _dt.date) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """The relations between a mechanism's members on ``date`` and the zones in its member regions.

    A relation counts when its Chinese and its Russian partner (a province, or the region a city lies in) are
    both members on ``date`` and it is dated in ``date``'s year or before, or undated; a zone counts when it lies
    in a member region and was established by ``date`` (or has no known date).
    """
    from .mechanisms import mechanism_members

    codes = set(mechanism_members(mechanism, as_of=date)["code"])
    relations = load_sister_relations()
    relations = relations[relations["cn_code"].isin(codes) & relations["ru_code"].isin(codes)
                          & (relations["year"].isna() | (relations["year"] <= date.year)).astype(bool)]
    zones = load_zones(as_of=date)
    return relations, zones[zones["region_code"].isin(codes)]


def _full_year_usd(reporter: str, partner: str, flow: str) -> pd.DataFrame:
    """One full-year figure per year in USD, chosen by :func:`best_figures`."""
    from .ties import convert_currency

    rows = load_trade(reporter, partner, full_year_only=True, flow=flow)
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return rows.assign(amount_USD=[], rate_note=[], conflict=[])
    rows = convert_currency(rows, to="USD")
    rows = rows[rows["amount_USD"].notna()]
    return best_figures(rows.assign(conflict=rows["conflict_group"].ne("")), "year")


def trade_share(region: str, *, flow: str = "total") -> pd.DataFrame:
    """A region's full-year trade with the other country as a share of the China–Russia total, year by year.

    Parameters
    ----------
    region
        A Chinese province or Russian subject (name or code) with full-year figures in ``trade.csv``.
    flow
        ``'total'`` (default), ``'exports'`` or ``'imports'`` (the national total is always the total).

    Returns
    -------
    pandas.DataFrame
        One row per year with a full-year figure for the region: ``year``, ``region_usd_bn`` (converted at the
        year's mean ECB rate where published in another currency), ``currency`` (as published), ``basis``,
        ``national_usd_bn`` (China's customs total of China–Russia trade, missing where no full-year total is
        in the table), ``share_pct`` (computed) and ``published_share_pct`` (the share the sources state, where
        they state one of the bilateral trade) and ``conflict`` (whether the region's figure for the year
        conflicts with another source's; the one chosen is the customs figure, then the higher confidence,
        then an original publication).

    Raises
    ------
    UnknownRegionError
        An unknown region.
    InvalidInputError
        A bad ``flow``, or a region without figures.

    Examples
    --------
    >>> s = trade_share("Heilongjiang").set_index("year")
    >>> round(float(s.loc[2013, "share_pct"]))      # Heilongjiang's share of China-Russia trade in 2013
    25
    """
    import pandas as pd

    flow = check_choice(flow, FLOWS, param="flow", what="flow")
    rows = load_trade(region)
    reporter = rows["reporter"].iloc[0]
    partner = "RU" if reporter.startswith("CN-") else "CN"
    mine = _full_year_usd(reporter, partner, flow)
    national = _full_year_usd(NATIONAL, "RU", "total").set_index("year")["amount_USD"]
    stated = rows[rows["full_year"] & rows["share_of"].str.contains("China-Russia", case=False) & rows["flow"].eq(flow)]
    stated = stated.groupby("year")["share_pct"].first()
    out = pd.DataFrame({
        "year": mine["year"].to_numpy(),
        "region_usd_bn": (mine["amount_USD"] / 1e9).to_numpy(),
        "currency": mine["currency"].to_numpy(),
        "basis": mine["basis"].to_numpy(),
        "conflict": mine["conflict"].to_numpy(),
    })
    out["national_usd_bn"] = out["year"].map(national / 1e9)
    out["share_pct"] = 100 * out["region_usd_bn"] / out["national_usd_bn"]
    out["published_share_pct"] = out["year"].map(stated)
    return out.reset_index(drop=True)


def ties_by_mechanism(as_of: _dt.date | str | None = None) -> pd.DataFrame:
    """Relations and zones of each cooperation mechanism's member regions on a date.

    A relation counts for a mechanism when its Chinese and its Russian partner (a province, or the region a city
    lies in) are both members on ``as_of``; a zone counts when it lies in a member region.

    Parameters
    ----------
    as_of
        The date of the membership and the last date a relation or zone counts (default today).

    Returns
    -------
    pandas.DataFrame
        One row per mechanism: ``relations`` (dated and undated), one column per relation type, ``dated``,
        ``first_year`` (the earliest dated relation), ``since_2019`` (relations dated 2019 or later: after the
        article), and one column per zone kind (``zones_<kind>``).

    Raises
    ------
    InvalidInputError
        A bad ``as_of``.

    Examples
    --------
    >>> t = ties_by_mechanism("2026-11-01")
    >>> int(t.loc["northeast-fareast", "first_year"]) < int(t.loc["yangtze-volga", "first_year"])
    True
    """
    import pandas as pd

    from .mechanisms import load_mechanisms

    date = resolve_as_of(as_of, dataset="mechanisms")
    rows = []
    for mech in load_mechanisms()["id"]:
        rel, here = member_ties(mech, date)
        dated = rel["year"].dropna()
        row = {"mechanism": mech, "relations": len(rel), "dated": len(dated),
               "first_year": int(dated.min()) if len(dated) else pd.NA,
               "since_2019": int((dated >= 2019).sum())}
        row.update({t: int((rel["relation_type"] == t).sum()) for t in RELATION_TYPES})
        row.update({f"zones_{k}": int((here["kind"] == k).sum()) for k in ZONE_KINDS})
        rows.append(row)
    return pd.DataFrame(rows).set_index("mechanism")


def trade_by_region(
    year: int,
    *,
    partner: str | None = None,
    flow: str = "total",
    currency: str = "USD",
) -> gpd.GeoDataFrame:
    """Each region's full-year trade with the other country in one year, as regions to map or plot.

    Only full-year figures count (a part-year value is not comparable). Where a region has several figures for the
    year, the one used is chosen by :func:`best_figures` (a customs figure, then the higher confidence, then an
    original publication); ``figures`` says how many there were. Values are converted to ``currency`` at the year's mean ECB
    rate (:func:`coophelpers.ties.convert_currency`).

    Parameters
    ----------
    year
        A calendar year, e.g. 2023.
    partner
        ``'RU'`` (Chinese regions' trade with Russia), ``'CN'`` (Russian regions' trade with China) or None for both.
    flow
        ``'total'`` (default), ``'exports'`` or ``'imports'``.
    currency
        ``'USD'`` (default), ``'CNY'``, ``'EUR'`` or ``'RUB'``.

    Returns
    -------
    geopandas.GeoDataFrame
        The regions of the side(s) asked for (:func:`coophelpers.load_regions`) with ``trade_<currency>_bn``
        (missing without a full-year figure), ``published`` (the value as published), ``basis`` (as
        :data:`BASIS_LABELS` words it), ``figures`` and ``source_url``; ``attrs["year"]`` and ``attrs["bases"]``
        (the bases of the figures shown, counted).

    Raises
    ------
    InvalidInputError
        A bad ``year``, ``partner``, ``flow`` or ``currency``.

    Examples
    --------
    >>> t = trade_by_region(2023, partner="RU")
    >>> t.loc[t["code"] == "CN-NM", "published"].iloc[0]
    '34.66 billion CNY'
    """
    from .regions import load_regions
    from .ties import resolve_partner, convert_currency

    if isinstance(year, bool) or not isinstance(year, int) or not 1980 <= year <= 2100:
        msg = f"year must be a calendar year such as 2023, got {year!r}. Give year=2023."
        raise InvalidInputError(msg)
    flow = check_choice(flow, FLOWS, param="flow", what="flow")
    currency = check_choice(currency, FX_TARGETS, param="currency", what="currency")
    partner_id = resolve_partner(partner)
    rows = load_trade(partner=partner, full_year_only=True, flow=flow)
    rows = rows[(rows["year"] == year) & rows["value"].notna() & rows["reporter_kind"].eq("region")]
    rows = convert_currency(rows, to=currency)
    counts = rows.groupby("reporter").size()
    first = best_figures(rows, "reporter").set_index("reporter")
    regions = load_regions()
    if partner_id is not None:
        regions = regions[regions["country"] == ("CN" if partner_id == "country:RU" else "RU")]
    col = f"trade_{currency.lower()}_bn"
    regions = regions.copy()
    regions[col] = regions["code"].map(first[f"amount_{currency}"] / 1e9)
    regions["published"] = regions["code"].map(
        {c: f"{r['value']:g} {r['unit']} {r['currency']}" for c, r in first.iterrows()})
    regions["basis"] = regions["code"].map(first["basis"].map(BASIS_LABELS))
    regions["figures"] = regions["code"].map(counts).fillna(0).astype(int)
    regions["source_url"] = regions["code"].map(first["source_url"])
    regions.attrs["year"] = year
    shown = first[first.index.isin(regions["code"])]
    regions.attrs["bases"] = {BASIS_LABELS[b]: int(n) for b, n in shown["basis"].value_counts().items()}
    return regions.reset_index(drop=True)
