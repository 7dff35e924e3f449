"""Measures built on the economic-ties tables: a region's share of the bilateral trade, and ties per mechanism.

:func:`trade_share` puts a region's full-year trade with the other country beside China's customs total of
China–Russia trade for the same year, both converted to US dollars at the ECB's mean rate for the year (figures
published in dollars are not converted). :func:`ties_by_mechanism` counts, for each cooperation mechanism, the
relations between its Chinese and Russian members by type and the zones in its member regions.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ._validate import check_choice, resolve_as_of
from .ties import FLOWS, RELATION_TYPES, ZONE_KINDS, load_sister_relations, load_trade, load_zones

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NATIONAL", "trade_share", "ties_by_mechanism"]

#: The reporter of the national China–Russia total: China's customs (GACC), the series published every year.
NATIONAL = "country:CN"


def _full_year_usd(reporter: str, partner: str, flow: str) -> pd.DataFrame:
    """One full-year figure per year in USD.

    Of several figures for a year the one chosen is, in this order: a customs figure, the higher confidence, an
    original publication, a figure published in dollars (no conversion needed).
    """
    from .ties import convert_currency

    rows = load_trade(reporter, partner, full_year_only=True, flow=flow)
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return rows.assign(amount_USD=[], rate_note=[], conflict=[])
    rows = convert_currency(rows, to="USD")
    rows = rows[rows["amount_USD"].notna()]
    rows = rows.assign(
        customs=rows["basis"].isin(("enterprise_location", "customs_directorate", "customs_district")),
        rank=rows["confidence"].map({"H": 0, "M": 1, "L": 2}),
        usd=rows["currency"].eq("USD"),
        conflict=rows["conflict_group"].ne(""),
    )
    rows = rows.sort_values(["year", "customs", "rank", "original", "usd"], ascending=[True, False, True, False, False])
    return rows.drop_duplicates("year")


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

    from .mechanisms import load_mechanisms, mechanism_members

    date = resolve_as_of(as_of, dataset="mechanisms")
    relations = load_sister_relations()
    relations = relations[relations["year"].isna() | (relations["year"] <= date.year)]
    zones = load_zones(as_of=date)
    rows = []
    for mech in load_mechanisms()["id"]:
        codes = set(mechanism_members(mech, as_of=date)["code"])
        rel = relations[relations["cn_code"].isin(codes) & relations["ru_code"].isin(codes)]
        dated = rel["year"].dropna()
        row = {"mechanism": mech, "relations": len(rel), "dated": len(dated),
               "first_year": int(dated.min()) if len(dated) else pd.NA,
               "since_2019": int((dated >= 2019).sum())}
        row.update({t: int((rel["relation_type"] == t).sum()) for t in RELATION_TYPES})
        here = zones[zones["region_code"].isin(codes)]
        row.update({f"zones_{k}": int((here["kind"] == k).sum()) for k in ZONE_KINDS})
        rows.append(row)
    return pd.DataFrame(rows).set_index("mechanism")
