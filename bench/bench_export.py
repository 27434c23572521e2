"""Benchmark the Excel export: 100,000 parcel rows with each writer.

Prints, for each engine available (rustpy_xlsxwriter, xlsxwriter constant_memory):
* the whole ``export_workbook`` (screening + 4 sheets; the parcel sheet has 13 columns);
* a raw 23-column sheet of 100,000 rows (the size quoted in issue 4), through the same
  typed-column writer, so the figures compare with the issue's.

Run: ``python bench/bench_export.py [ROWS]`` from the repository root.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from landplanner.analysis.plans import Plan  # noqa: E402
from landplanner.export import xlsx_writers  # noqa: E402
from landplanner.export.xlsx_export import export_workbook  # noqa: E402
from landplanner.export.xlsx_writers import Column, Sheet, write_sheets  # noqa: E402

PARKS = ["崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区", None]
CATS = ["idle", "low_efficiency", "unsupplied", "other"]


def parcels(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    ids = [f"P{i:06d}" for i in range(n)]
    return pd.DataFrame(
        {
            "parcel_id": ids,
            "enterprise": [f"南通市某某制造有限公司{i % 5000}" for i in range(n)],
            "uscc": [f"91320600MA{i:07d}X" for i in range(n)],
            "park": [PARKS[i % 4] for i in range(n)],
            "category": [CATS[i % 4] for i in range(n)],
            "plot_ratio": rng.uniform(0.2, 2.5, n),
            "start_date": pd.to_datetime("2020-01-01")
            + pd.to_timedelta(rng.integers(0, 2500, n), unit="D"),
            "tax_wan": rng.uniform(0, 200, n),
            "area_mu": rng.uniform(1, 120, n),
            "declared_mu": np.nan,
        }
    )


def raw_sheet(n: int) -> Sheet:
    rng = np.random.default_rng(2)
    cols, data = [], {}
    for j in range(23):
        key = f"c{j}"
        if j % 3 == 0:
            data[key] = [f"文本{j}-{i}" for i in range(n)]
            cols.append(Column(key, f"列{j}"))
        elif j % 3 == 1:
            data[key] = rng.uniform(0, 1000, n)
            cols.append(Column(key, f"列{j}", "mu"))
        else:
            data[key] = rng.uniform(0, 1e6, n)
            cols.append(Column(key, f"列{j}", "money"))
    return Sheet("raw", cols, pd.DataFrame(data))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    df = parcels(n)
    plans = [Plan(f"PLAN-{i:04d}", parcel_ids=(f"P{i * 7:06d}",), status="in_progress")
             for i in range(min(n // 7, 2000))]
    project = SimpleNamespace(parcels=df, plans=plans, settings={}, source={})
    raw = raw_sheet(n)
    engines = ["xlsxwriter"]
    if xlsx_writers.default_engine() == "rustpy":
        engines.insert(0, "rustpy")
    else:
        print("rustpy_xlsxwriter not installed: only xlsxwriter measured")
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            out = Path(tmp) / f"{engine}.xlsx"
            t0 = time.perf_counter()
            export_workbook(project, out, language="zh", today=date(2026, 11, 23), engine=engine)
            t1 = time.perf_counter()
            print(f"{engine:11s} export_workbook {n:,} parcels (13 cols) + {len(plans)} plans: "
                  f"{t1 - t0:6.2f} s, {out.stat().st_size / 1e6:.1f} MB")
            t0 = time.perf_counter()
            write_sheets([raw], Path(tmp) / f"raw-{engine}.xlsx", engine)
            t1 = time.perf_counter()
            print(f"{engine:11s} raw sheet {n:,} rows x 23 cols: {t1 - t0:6.2f} s")


if __name__ == "__main__":
    main()
