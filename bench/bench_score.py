"""Time ``scoring.score`` on 100,000 synthetic enterprises for every shipped preset.

Run from the repository root: ``python bench/bench_score.py [N]``. The target (issue 4) is
under 1 second per preset for 100,000 enterprises. Prints one line per preset: the best of
three runs, and how many firms were graded.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from landplanner.analysis.scoring import score  # noqa: E402
from landplanner.analysis.scoring_config import load_preset, preset_names  # noqa: E402


def synthetic_enterprises(n: int, seed: int = 4) -> pd.DataFrame:
    """``n`` enterprises with plausible 万元 / mu magnitudes, 5 % missing energy, 2 % vetoes."""
    rng = np.random.default_rng(seed)
    land = rng.uniform(1, 200, n)
    df = pd.DataFrame({
        "uscc": [f"9132060{i:010d}X" for i in range(n)],
        "name": [f"企业{i:06d}" for i in range(n)],
        "size": rng.choice(["above", "below"], n, p=[0.4, 0.6]),
        "land_mu": land,
        "tax": land * rng.gamma(2.0, 6.0, n),
        "sales": land * rng.gamma(2.0, 150.0, n),
        "value_added": land * rng.gamma(2.0, 60.0, n),
        "energy": rng.gamma(2.0, 300.0, n),
        "emissions": rng.gamma(2.0, 0.5, n),
        "employees": rng.integers(5, 800, n).astype(float),
        "rd": rng.gamma(1.5, 40.0, n),
        "revenue": land * rng.gamma(2.0, 140.0, n),
        "electricity": rng.gamma(2.0, 80.0, n),
        "veto_safety": rng.random(n) < 0.01,
        "veto_env": rng.random(n) < 0.01,
        "renting": rng.random(n) < 0.1,
        "industry": rng.choice(["通用设备制造业", "纺织业", "电力、热力生产和供应业"], n,
                               p=[0.6, 0.39, 0.01]),
        "production_start": rng.integers(1995, 2024, n).astype(float),
        "year": 2023,
    })
    df.loc[rng.random(n) < 0.05, "energy"] = np.nan
    return df


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    df = synthetic_enterprises(n)
    previous = synthetic_enterprises(n, seed=5).assign(year=2022)
    print(f"scoring {n:,} enterprises (best of 3)")
    for name in preset_names():
        config = load_preset(name)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = score(df, config)
            times.append(time.perf_counter() - start)
        line = f"  {name:22s} {min(times):6.3f} s  graded {int((result['class'] != 'T').sum()):,}"
        if config.benchmark_rule == "data":
            start = time.perf_counter()
            score(df, config, previous=previous)
            line += f"   with previous year {time.perf_counter() - start:6.3f} s"
        print(line)


if __name__ == "__main__":
    main()
