"""``landplanner ranking PROJECT [--quarter 2026Q3] [--freeze] [--json]``: 季度大比武.

Shows the scoreboard of a quarter (default: the last quarter that has ended): the frozen
snapshot when the quarter was frozen, otherwise the live table, marked as not frozen. With
``--freeze`` the live table is frozen as a record and saved into the project (a ``.gpkg``
project; written atomically); a quarter already frozen is refused (``--replace`` to
re-freeze on purpose). Items, weights and the change against the previous quarter: see
:mod:`landplanner.analysis.scoreboard`. ``--list`` lists the snapshots by date.

``--summary OUT.pdf`` writes the one-page summary of a frozen quarter
(:mod:`landplanner.export.scoreboard_summary`).

``--json`` prints ``{"quarter", "frozen", "frozen_at", "as_of", "park": [...], "unit":
[...], "snapshots": [...]}``. Exit status 0, or 2 with a message (never a traceback).
"""

from __future__ import annotations

import argparse
import math
import sys

from landplanner import messages, store
from landplanner.analysis import scoreboard
from landplanner.cli import json_out
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import open_input
from landplanner.cli.quota_command import parse_today
from landplanner.problems import InputError, Problem

messages.register({
    "cli.ranking.help": ("季度大比武：园区和责任单位排名（可冻结为记录）",
                         "quarterly scoreboard of parks and responsible units (can be frozen)"),
    "cli.ranking.not_project": ("冻结须保存到项目文件（.gpkg），{path} 不是项目",
                                "freezing saves into a project file (.gpkg); {path} is not a project"),
    "cli.ranking.frozen": ("{quarter} 已冻结（{frozen_at}），截至 {as_of}",
                           "{quarter} frozen on {frozen_at}, as of {as_of}"),
    "cli.ranking.live": ("{quarter} 尚未冻结（实时计算，截至 {as_of}）",
                         "{quarter} not frozen (computed now, as of {as_of})"),
    "cli.ranking.saved": ("已冻结 {quarter} 并保存到 {path}", "froze {quarter} and saved it to {path}"),
    "cli.ranking.none": ("尚无冻结的季度成绩", "no frozen quarter yet"),
    "cli.ranking.not_frozen": ("{quarter} 尚未冻结：一页纸汇总只对冻结的成绩生成（先 --freeze）",
                               "{quarter} is not frozen: the one-page summary is made from a "
                               "frozen result (use --freeze first)"),
    "cli.ranking.summary": ("已写入 {path}", "written: {path}"),
})

SHOWN = ("quarter_mu", "ytd_mu", "target_mu", "ytd_percent", "pace", "plans_started",
         "plans_overdue", "asset_rate")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``ranking`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("ranking", help=messages.text("cli.ranking.help"),
                            description=messages.text("cli.ranking.help"))
    parser.add_argument("input", metavar="PROJECT", help="project (.gpkg)")
    parser.add_argument("--quarter", metavar="2026Q3",
                        help="quarter (default: the last quarter that has ended)")
    parser.add_argument("--freeze", action="store_true", help="freeze the quarter and save it")
    parser.add_argument("--replace", action="store_true", help="with --freeze: re-freeze")
    parser.add_argument("--list", action="store_true", help="list the frozen snapshots")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--summary", metavar="OUT.pdf",
                        help="write the one-page summary of the frozen quarter (.pdf or .png)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="reference date (default: today)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner ranking``; 0 on success, 2 on bad input."""
    today = parse_today(args.today)
    project = open_input(args.input)
    snapshots = list(getattr(project, "snapshots", None) or [])
    if args.list:
        items = scoreboard.listing(snapshots)
        if args.json:
            print(json_out.dumps(items))
        else:
            for s in items or []:
                print(f"{s['quarter']}\t{s['frozen_at']}\t{s['as_of']}")
            if not items:
                print(messages.text("cli.ranking.none"))
        return 0
    quarter = args.quarter or scoreboard.last_complete_quarter(today)
    year, q = scoreboard.parse_quarter(quarter)
    quarter = scoreboard.quarter_name(year, q)
    if args.freeze:
        if not store.is_project(args.input):
            raise InputError(Problem.make("cli.ranking.not_project", "error", path=args.input))
        record = scoreboard.freeze(project.parcels, project.plans, project.settings, quarter,
                                   snapshots, assets=project.assets, parks=project.parks,
                                   replace=args.replace)
        project.snapshots = scoreboard.add_snapshot(snapshots, record)
        store.save_project(project, args.input)
        print(messages.text("cli.ranking.saved", quarter=quarter, path=args.input), flush=True)
        frozen = True
    else:
        record = scoreboard.find(snapshots, quarter)
        frozen = record is not None
        if record is None:
            tables = scoreboard.compute(project.parcels, project.plans, project.settings, quarter,
                                        project.assets, project.parks)
            record = {"quarter": quarter, "as_of": scoreboard.quarter_end(year, q).isoformat(),
                      "frozen_at": None, "park": scoreboard._records(tables["park"]),
                      "unit": scoreboard._records(tables["unit"])}
    if args.summary:
        if not frozen:
            raise InputError(Problem.make("cli.ranking.not_frozen", "error", quarter=quarter))
        from landplanner.export.scoreboard_summary import write_summary

        write_summary(record, args.summary, messages.language())
        print(messages.text("cli.ranking.summary", path=args.summary), file=sys.stderr)
    if args.json:
        out = {"quarter": quarter, "frozen": frozen, "frozen_at": record.get("frozen_at"),
               "as_of": record.get("as_of"), "park": record.get("park"), "unit": record.get("unit"),
               "snapshots": scoreboard.listing(project.snapshots)}
        print(json_out.dumps(out))
        return 0
    head = messages.text("cli.ranking.frozen" if frozen else "cli.ranking.live", quarter=quarter,
                         frozen_at=record.get("frozen_at"), as_of=record.get("as_of"))
    print(head)
    for level in scoreboard.LEVELS:
        print()
        cells = [messages.text("scoreboard.rank"), messages.text(f"scoreboard.level.{level}"),
                 messages.text("scoreboard.change"), messages.text("scoreboard.points")]
        cells += [scoreboard.item_label(k) for k in SHOWN]
        print("\t".join(cells))
        for r in record.get(level) or []:
            row = [str(r["rank"]), str(r["name"]), scoreboard.change_text(r.get("change"))
                   if frozen else "", f"{r['points']:.2f}"]
            row += [_cell(k, r.get(k)) for k in SHOWN]
            print("\t".join(row))
    return 0


def _cell(key: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if key in ("ytd_percent", "asset_rate"):
        return f"{value * 100:.1f}%"
    if key in ("plans_started", "plans_overdue"):
        return str(int(value))
    return f"{value:.2f}"
