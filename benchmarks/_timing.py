"""Small timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def best_of(func: Callable[[], Any], *, repeat: int = 5, setup: Callable[[], Any] | None = None) -> float:
    """Return the median wall time of ``func()`` in seconds over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, seconds: float) -> None:
    print(f"{label:<58} {seconds * 1000:10.1f} ms")
