"""Time 地等项目 matching: 100 incoming projects against 100,000 parcels.

Run from the repository root: ``python bench/bench_match.py [PARCELS] [PROJECTS]``. The target
(issue 13) is under 2 seconds for the whole match (candidate land, groups of adjacent
parcels, ranking and reasons). Prints the best of three runs of each step.

Parcels are squares of 60–160 m on a jittered grid with 20 m streets (EPSG:4549); a third
are candidates (征而未供 or covered by a plan that frees land), some of them neighbours, so
groups form; holders have tax figures in an indicator table.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from landplanner.analysis import matching, plans  # noqa: E402

PARKS = ("港闸经济开发区", "崇川经济开发区", "市北高新技术产业开发区")


def synthetic(n: int, projects: int, seed: int = 13):
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    cell = 180.0
    i = np.arange(n)
    x0 = 480_000 + (i % side) * cell
    y0 = 3_540_000 + (i // side) * cell
    w = rng.uniform(60, 160, n)
    h = rng.uniform(60, 160, n)
    geoms = shapely.box(x0, y0, x0 + w, y0 + h)
    ids = np.array([f"P{k:06d}" for k in i], dtype=object)
    cat = rng.choice(["other", "low_efficiency", "idle", "unsupplied"], n, p=[0.6, 0.2, 0.08, 0.12])
    holder = np.where(cat == "unsupplied", None,
                      np.array([f"U{k % (n // 3):07d}" for k in i], dtype=object))
    parcels = gpd.GeoDataFrame({
        "parcel_id": ids, "category": cat, "uscc": holder, "enterprise": holder,
        "park": np.array(PARKS, dtype=object)[(i // side * 3) // side],
        "land_use": rng.choice(["工业用地", "仓储用地", "科研用地"], n, p=[0.8, 0.15, 0.05]),
        "area_mu": w * h / (10000 / 15), "plot_ratio": rng.uniform(0.3, 2.0, n),
    }, geometry=geoms, crs="EPSG:4549")
    owners = sorted({h for h in holder if h})
    ind = pd.DataFrame({"year": 2025, "uscc": owners, "tax": rng.gamma(2.0, 30.0, len(owners))})
    chosen = np.flatnonzero(np.isin(cat, ["low_efficiency", "idle"]) & (rng.random(n) < 0.5))
    made = []
    for k, p in enumerate(chosen):
        status = ("closed", "in_progress", "not_started")[k % 3]
        made.append(plans.Plan(id=f"PLAN-{k:06d}", parcel_ids=(ids[p],),
                               method=("buy_back", "exit", "self_upgrade")[k % 3],
                               status=status, evidence="x"))
    low = rng.choice([5.0, 10.0, 15.0, 20.0, 30.0], projects)
    proj = pd.DataFrame({
        "name": [f"项目{k}" for k in range(projects)], "industry": "智能制造",
        "mu_min": low, "mu_max": low + rng.choice([5.0, 10.0, 20.0], projects),
        "intensity": 500.0, "tax_per_mu": rng.uniform(15, 60, projects),
        "park": rng.choice([*PARKS, None], projects), "plot_ratio": 1.2, "land_use": None,
        "source_row": np.arange(projects) + 2,
    })
    return parcels, made, ind, proj


def best_of(fn, runs: int = 3):
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    parcels, made, ind, proj = synthetic(n, m)
    t_cand, cands = best_of(lambda: matching.candidates(parcels, made, ind))
    t_match, result = best_of(lambda: matching.match(proj, parcels, made, ind, cands=cands))
    t_all, _ = best_of(lambda: matching.match(proj, parcels, made, ind))
    groups = int((cands["kind"] == "group").sum())
    print(f"parcels {n:,}  projects {m}  candidates {len(cands):,} ({groups:,} groups)")
    print(f"candidates + groups: {t_cand:.3f} s")
    print(f"ranking + reasons:   {t_match:.3f} s  ({len(result):,} proposals)")
    print(f"whole match:         {t_all:.3f} s  (target < 2 s)")


if __name__ == "__main__":
    main()
