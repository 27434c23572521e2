"""``landplanner assets PROJECT [--table FILE …] [--by owner|street] [--json]``: 资产清单.

The four asset figures against target (国有资产 去化率 and 出租率, 农村集体 盘活率 and
出租（发包）率 — :mod:`landplanner.analysis.assets`) for the district and per owner unit or
street, and the leases ending within the settings' days. ``--table FILE`` (repeatable, with
``--kind`` when a table does not say) reads asset tables instead of the project's;
``--save`` keeps them in the project (.gpkg). ``--count`` counts assets instead of area.
Exit status 0, or 2 with a message (never a traceback).
"""

from __future__ import annotations

import argparse
import math
import sys

from landplanner import messages, store
from landplanner.analysis import assets
from landplanner.cli import json_out
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import open_input
from landplanner.cli.quota_command import parse_today
from landplanner.problems import InputError, Problem

messages.register({
    "cli.assets.help": ("资产清单：国有资产和农村集体资产的盘活指标",
                        "asset figures: state-owned and collective assets against target"),
    "cli.assets.head": ("指标\t分子\t分母\t比率\t目标\t达标", "figure\tnumerator\tdenominator\trate"
                        "\ttarget\tmet"),
    "cli.assets.expiring": ("{count} 项租约 {days} 天内到期或已到期", "{count} lease(s) end within "
                            "{days} days or have ended"),
    "cli.assets.saved": ("资产表已保存到 {path}", "asset tables saved to {path}"),
    "cli.assets.none": ("项目中没有资产表：请用 --table 指定", "the project holds no asset table: "
                        "give one with --table"),
})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``assets`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("assets", help=messages.text("cli.assets.help"),
                            description=messages.text("cli.assets.help"))
    parser.add_argument("input", metavar="PROJECT", help="project (.gpkg) or parcel file")
    parser.add_argument("--table", action="append", metavar="FILE", help="asset table (.xlsx/.csv)")
    parser.add_argument("--kind", choices=assets.KINDS, help="kind of the --table files")
    parser.add_argument("--save", action="store_true", help="keep the --table files in the project")
    parser.add_argument("--by", choices=("owner", "street"), help="also per owner unit or street")
    parser.add_argument("--count", action="store_true", help="count assets instead of area")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="reference date (default: today)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


def _plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner assets``; 0 on success, 2 on bad input."""
    today = parse_today(args.today)
    project = open_input(args.input)
    table = getattr(project, "assets", None)
    if args.table:
        table = None
        for path in args.table:
            part, problems = assets.read_asset_table(path, args.kind)
            for p in problems:
                if p.severity != "info":
                    print(p.message, file=sys.stderr)
            table = assets.add_assets(table, part)
        if args.save:
            if not store.is_project(args.input):
                raise InputError(Problem.make("cli.ranking.not_project", "error", path=args.input))
            project.assets = table
            store.save_project(project, args.input)
            print(messages.text("cli.assets.saved", path=args.input), file=sys.stderr)
    if table is None or table.empty:
        raise InputError(Problem.make("cli.assets.none", "error"))
    settings = dict(project.settings or {})
    if args.count:
        settings["assets"] = {**dict(settings.get("assets") or {}), "basis": "count"}
    days = assets.AssetSettings.from_dict(settings).lease_days
    district = assets.figures(table, settings, None, project.plans, None, today)
    groups = assets.figures(table, settings, None, project.plans, args.by, today) if args.by else None
    leases = assets.expiring_soon(table, today, days)
    if args.json:
        out = {"district": [{k: _plain(v) for k, v in r.items()} for r in district.to_dict("records")],
               "groups": ([{k: _plain(v) for k, v in r.items()} for r in groups.to_dict("records")]
                          if groups is not None else None),
               "leases": [{"asset_id": r.asset_id, "name": r.name, "lease_end": str(r.lease_end.date()),
                           "flag": r.lease_flag} for r in leases.itertuples()]}
        print(json_out.dumps(out))
        return 0
    print(messages.text("cli.assets.head"))
    yes, no = messages.text("assets.met"), messages.text("assets.not_met")
    for frame in (district, groups):
        if frame is None:
            continue
        for r in frame.itertuples():
            prefix = "" if r.group == "district" else f"{r.group}\t"
            rate = "" if r.rate != r.rate else f"{r.rate * 100:.1f}%"
            print(f"{prefix}{assets.figure_label(r.figure)}\t{r.numerator:,.2f}\t{r.denominator:,.2f}"
                  f"\t{rate}\t{r.target * 100:.0f}%\t{yes if r.met else no}")
    print(messages.text("cli.assets.expiring", count=len(leases), days=days))
    for r in leases.itertuples():
        print(f"  {r.asset_id}\t{r.name or ''}\t{r.lease_end.date()}\t{assets.lease_text(r.lease_flag, days)}")
    return 0
