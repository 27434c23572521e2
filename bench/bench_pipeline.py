"""Time the one scoring pipeline and the indicator year merge.

Run from the repository root: ``python bench/bench_pipeline.py [N]``. Prints, best of three:

* ``services.scoring.score_project`` on the sample project (join to parcels, previous year's
  benchmarks, score) — what the app, ``score`` and ``export`` each run;
* ``services.indicators.add_indicators`` re-importing a year of ``N`` synthetic firms (default
  100,000) into a project holding two years, with 1 % of the firms changed — the comparison
  behind the app's "replace this year?" question.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_score import synthetic_enterprises  # noqa: E402

from landplanner.services.indicators import add_indicators  # noqa: E402
from landplanner.services.scoring import score_project  # noqa: E402
from landplanner.store import open_project  # noqa: E402


def best_of(n: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    project = open_project(ROOT / "sample_parcels" / "sample_project.gpkg")
    seconds, result = best_of(3, lambda: score_project(project))
    print(f"score_project, sample project ({len(project.parcels):,} parcels, "
          f"{len(result.scores):,} firms scored for {result.year}): {seconds:.3f} s")

    old = synthetic_enterprises(n, seed=5).assign(year=2022, source_row=np.arange(n) + 2)
    current = synthetic_enterprises(n).assign(year=2023, source_row=np.arange(n) + 2)
    held, _ = add_indicators(old, current)
    corrected = current.copy()
    changed = np.random.default_rng(1).random(n) < 0.01
    corrected.loc[changed, "tax"] = corrected.loc[changed, "tax"] + 1
    seconds, (merged, change) = best_of(3, lambda: add_indicators(held, corrected))
    (year,) = change.years
    print(f"add_indicators, re-import {n:,} firms into {len(held):,} rows: {seconds:.3f} s "
          f"({len(year.changed):,} changed, rows {len(held):,} → {len(merged):,})")


if __name__ == "__main__":
    main()
