"""Benchmark: the economic-ties helpers (issue 16) against the plain pandas work they wrap.

Run with ``.venv/bin/python benchmarks/bench_ties.py`` (``make bench`` runs it with the others). The baselines, in
the same run, are what a researcher would write by hand: ``pandas.read_csv`` of ``trade.csv`` (no schema check, no
typed columns) for :func:`coophelpers.load_trade`, and one ECB rate per figure (the rate on the period's last day,
one lookup) for :func:`coophelpers.convert_currency`, which averages every daily rate over each figure's period.
The goal: loaders in a few milliseconds warm, and conversion of the whole table in well under a second.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))

from _timing import best_of, report  # noqa: E402

import coophelpers as ch  # noqa: E402
from coophelpers import data, ties  # noqa: E402
from coophelpers._fx import _converter, mean_rate  # noqa: E402


def _one_rate_per_row(frame: pd.DataFrame) -> list[float]:
    conv = _converter()
    out = []
    for cur, end in zip(frame["currency"], frame["period_end"]):
        day = dt.date(int(end[:4]), 12, 31) if len(end) == 4 else dt.date.fromisoformat(end) if len(end) == 10 else None
        try:
            out.append(conv.convert(1.0, cur, "USD", date=day) if day else float("nan"))
        except Exception:  # noqa: BLE001 - no fixing that day
            out.append(float("nan"))
    return out


def main() -> None:
    path = data.data_path("trade.csv")
    ties._read.cache_clear()
    cold = best_of(lambda: (ties._read.cache_clear(), ties._trade_table.cache_clear(), ch.load_trade()), repeat=3)
    report("load_trade(), cold (schema check, typed columns)", cold)
    report("load_trade(), warm", best_of(ch.load_trade, repeat=7))
    report("  baseline: pandas.read_csv(trade.csv)", best_of(lambda: pd.read_csv(path), repeat=7))
    rows = ch.load_trade()
    rows = rows[rows["value"].notna()]
    print(f"figures converted: {len(rows)}")
    report("convert_currency(all figures, 'USD'), cold (daily means)",
           best_of(lambda: (mean_rate.cache_clear(), ch.convert_currency(rows, to="USD")), repeat=3))
    report("convert_currency(all figures, 'USD'), warm", best_of(lambda: ch.convert_currency(rows, to="USD"), repeat=5))
    report("  baseline: one ECB rate per figure (period's last day)", best_of(lambda: _one_rate_per_row(rows), repeat=5))
    report("trade_share('Heilongjiang')", best_of(lambda: ch.trade_share("Heilongjiang"), repeat=5))
    report("ties_by_mechanism()", best_of(lambda: ch.ties_by_mechanism("2026-11-01"), repeat=5))
    report("ties_map('northeast-fareast')", best_of(lambda: ch.ties_map("northeast-fareast", as_of="2026-11-01"), repeat=3))
    report("trade_map(2023)", best_of(lambda: ch.trade_map(2023), repeat=3))


if __name__ == "__main__":
    main()
