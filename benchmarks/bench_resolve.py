"""Benchmark: resolve_regions on 10,000 names against the per-name loop it replaces (issue 12).

Run with ``.venv/bin/python benchmarks/bench_resolve.py`` (``make bench`` runs it with the others).
The 10,000 names are drawn, with a fixed seed, from the statistics-table spellings of
``tests/data/statistics_spellings.csv`` and the official names of ``regions.csv``: about 600 distinct
names, as in a long table of region-years. The baseline, in the same run, is what a researcher wrote
before: ``[ch.resolve_region(n) for n in names]`` (which also stops at the first unknown name, so it is
given only names that resolve). The goal of the issue: 10,000 names in well under a second.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from _timing import best_of, report  # noqa: E402

import coophelpers as ch  # noqa: E402
from coophelpers import regions  # noqa: E402

N = 10_000


def _names() -> list[str]:
    spellings = csv.DictReader(io.StringIO((ROOT / "tests" / "data" / "statistics_spellings.csv").read_text(encoding="utf-8")))
    pool = [row["spelling"] for row in spellings]
    pool += [*regions._attributes()["name_en"], *regions._attributes()["name_ru"], *regions._attributes()["name_zh"]]
    rng = random.Random(12)
    return [rng.choice(pool) for _ in range(N)]


def _clear_caches() -> None:
    regions._name_index.cache_clear()


def main() -> None:
    names = _names()
    column = pd.Series(names, name="region")
    table = pd.DataFrame({"region": names, "value": range(N)})
    warnings.simplefilter("ignore", ch.DataWarning)
    print(f"{N} names, {column.nunique()} distinct")
    t_cold = best_of(lambda: ch.resolve_regions(column, errors="coerce"), setup=_clear_caches, repeat=3)
    t_bulk = best_of(lambda: ch.resolve_regions(column, errors="coerce"), repeat=7)
    t_loop = best_of(lambda: [ch.resolve_region(n) for n in names], repeat=3)
    t_map = best_of(lambda: column.map(ch.resolve_region), repeat=3)
    t_join = best_of(lambda: ch.join_regions(table, "region", include_sar=True, include_disputed=True), repeat=3)
    report("baseline: [resolve_region(n) for n in names]", t_loop)
    report("baseline: df.region.map(resolve_region)", t_map)
    report("resolve_regions(column), name index built first (cold)", t_cold)
    report("resolve_regions(column), warm", t_bulk)
    report("join_regions(table, 'region') (10,000 rows, all regions)", t_join)
    print(f"ratio loop / resolve_regions warm: {t_loop / t_bulk:8.1f}x   (goal: 10,000 names well under 1 s)")
    unknown = pd.Series([f"Nowhere {i}" for i in range(200)] + names[: N - 200])
    t_unknown = best_of(lambda: ch.resolve_regions(unknown, errors="coerce"), repeat=3)
    report("resolve_regions with 200 distinct unknown names (suggestions)", t_unknown)


if __name__ == "__main__":
    main()
