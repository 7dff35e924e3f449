"""Run every benchmark script in this folder, one after the other (``make bench``).

Every ``bench_*.py`` here is run: ``bench_regions.py`` (loading the regions), ``bench_distances.py``,
``bench_network.py`` (routes, the China × Russia network matrix, partner routes, notebook 04),
``bench_site.py``, ``bench_resolve.py`` (10,000 region names resolved in bulk by
``resolve_regions`` against the per-name ``resolve_region`` loop, and ``join_regions``) and ``bench_ties.py``
(the economic-ties loaders, currency conversion and maps).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
