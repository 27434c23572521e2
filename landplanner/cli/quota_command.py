"""``landplanner quota FILE_OR_PROJECT [--json]``: progress of the parks against their quotas.

For each park and the district: ``target_mu``, ``done_mu`` (plans 已销号 this year),
``in_progress_mu``, ``planned_mu``, ``candidate_mu`` (candidate land without a plan),
``percent`` (of the target), ``projected_mu`` (year-end at the current pace), ``behind``, and
the mu done per quarter — see :mod:`landplanner.analysis.quota` for the definitions.

Words: the text header uses the ``quota`` terms of :mod:`landplanner.vocabulary` (the
panel's and the workbook's); the JSON keys are those terms' codes (``done_mu`` …, the
district row ``"park": "district"``).

``--json`` prints a list of objects (one per park, the last one ``"park": "district"``) with
mu rounded to 2 decimals and ``null`` where a value is undefined. Exit status 0, or 2 with
a message (never a traceback) when the input cannot be used.
"""

from __future__ import annotations

import argparse
import math
from datetime import date
from typing import Any

from landplanner import messages, vocabulary
from landplanner.analysis import quota
from landplanner.cli import json_out
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import add_crs_argument, open_input
from landplanner.problems import InputError, Problem

messages.register(
    {
        "cli.quota.help": ("园区盘活指标完成进度", "progress of the parks against their quotas"),
        "cli.plans.no_loader": (
            "本版本无法读取地块文件或项目（缺少模块 {module}）",
            "parcel files and projects cannot be read by this build (module {module} is missing)",
        ),
        "cli.plans.bad_date": ("日期无效：{value}（应为 YYYY-MM-DD）",
                               "invalid date: {value} (expected YYYY-MM-DD)"),
    }
)

FIELDS = ("target_mu", "done_mu", "in_progress_mu", "planned_mu", "candidate_mu", "percent",
          "projected_mu")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``quota`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("quota", help=messages.text("cli.quota.help"),
                            description=messages.text("cli.quota.help"))
    parser.add_argument("input", metavar="FILE_OR_PROJECT",
                        help="project (.gpkg) or parcel file (.shp/.zip/.gpkg/.geojson)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--year", type=int, help="quota year (default: the project's, or this year)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="reference date for the projection (default: today)")
    add_crs_argument(parser)
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


def parse_today(value: str | None) -> date:
    """``--today`` as a date (today when None)."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(Problem.make("cli.plans.bad_date", "error", value=value)) from exc


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return round(value, 2) if math.isfinite(value) else None


def records(table: Any, quarters: Any) -> list[dict]:
    """JSON rows of the quota table: :data:`FIELDS` rounded to 2 decimals, ``behind``, ``quarters``."""
    by_park = quarters.set_index("park")
    out = []
    for row in table.to_dict("records"):
        item = {"park": row["park"]}
        item.update({k: _number(row[k]) for k in FIELDS})
        item["behind"] = bool(row["behind"])
        item["quarters"] = {q: _number(by_park.loc[row["park"], q]) for q in ("Q1", "Q2", "Q3", "Q4")}
        out.append(item)
    return out


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner quota``; 0 on success, 2 on bad input."""
    today = parse_today(args.today)
    project = open_input(args.input, getattr(args, "crs", None), need_area=True)
    settings = quota.QuotaSettings.from_dict(getattr(project, "settings", None) or {})
    if args.year:
        settings.year = args.year
    table = quota.compute(project.parcels, project.plans, settings, today)
    quarters = quota.by_quarter(project.parcels, project.plans, settings, today)
    rows = records(table, quarters)
    if args.json:
        print(json_out.dumps(rows))
        return 0
    print("\t".join(vocabulary.header("quota", k) for k in ("park", *FIELDS, "behind")))
    for r in rows:
        cells = [quota.park_label(r["park"])] + [
            "" if r[k] is None else (f"{r[k]:.1f}%" if k == "percent" else f"{r[k]:.2f}")
            for k in FIELDS]
        cells.append(vocabulary.label("quota", "behind") if r["behind"] else "")
        print("\t".join(cells))
    return 0
