"""``landplanner match PROJECT [--projects TABLE] [--json] [--xlsx OUT]``: 地等项目.

Ranks freed and being-freed land (single parcels and groups of adjacent parcels) for every
incoming project of ``--projects TABLE`` (.xlsx/.csv; default: the projects kept in the
project) — see :mod:`landplanner.analysis.matching` for the rules. ``--top N`` candidates
per project, ``--distance M`` metres for grouping neighbours (settings otherwise).
``--json`` prints one object per proposal; ``--xlsx OUT`` writes the 项目匹配 sheet.
Exit status 0, or 2 with a message (never a traceback).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from landplanner import messages
from landplanner.analysis import matching
from landplanner.cli import json_out
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import open_input
from landplanner.problems import InputError, Problem

messages.register({
    "cli.match.help": ("地等项目：为拟引进项目推荐已腾出或正在腾出的土地",
                       "match freed land to incoming projects"),
    "cli.match.no_projects": ("没有拟引进项目：请用 --projects 指定项目表",
                              "no incoming projects: give a table with --projects"),
    "cli.match.not_xlsx": ("输出文件须为 .xlsx：{path}", "the output must be an .xlsx file: {path}"),
    "cli.match.written": ("已写入 {path}", "written: {path}"),
    "cli.match.none": ("没有找到合适的土地", "no suitable land found"),
})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``match`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("match", help=messages.text("cli.match.help"),
                            description=messages.text("cli.match.help"))
    parser.add_argument("input", metavar="PROJECT", help="project (.gpkg) or parcel file")
    parser.add_argument("--projects", metavar="TABLE", help="incoming projects (.xlsx/.csv)")
    parser.add_argument("--top", type=int, help="candidates per project (default 5)")
    parser.add_argument("--distance", type=float, help="metres between parcels of one group")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--xlsx", metavar="OUT.xlsx", help="write the list to a workbook")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner match``; 0 on success, 2 on bad input."""
    if args.xlsx and Path(args.xlsx).suffix.lower() != ".xlsx":
        raise InputError(Problem.make("cli.match.not_xlsx", "error", path=args.xlsx))
    project = open_input(args.input)
    settings = dict(project.settings or {})
    match_settings = dict(settings.get("matching") or {})
    if args.top:
        match_settings["top"] = args.top
    if args.distance is not None:
        match_settings["distance"] = args.distance
    settings["matching"] = match_settings
    names = [p.get("name") for p in (settings.get("quotas") or {}).get("parks", []) if p.get("name")]
    if args.projects:
        incoming, problems = matching.read_projects(args.projects, names)
        import sys

        for p in problems:
            if p.severity != "info":
                print(p.message, file=sys.stderr)
    else:
        incoming = getattr(project, "incoming", None)
    if incoming is None or len(incoming) == 0:
        raise InputError(Problem.make("cli.match.no_projects", "error"))
    result = matching.match(incoming, project.parcels, project.plans, project.indicators, settings)
    if args.xlsx:
        from landplanner.export.campaign_sheets import write_match_workbook

        write_match_workbook(result, args.xlsx, messages.language())
    if args.json:
        rows = [{k: _plain(v) for k, v in r.items()} for r in result.to_dict("records")]
        print(json_out.dumps(rows))
        return 0
    if result.empty:
        print(messages.text("cli.match.none"))
    for r in result.itertuples():
        print(f"{r.project}\t{r.rank}\t{r.candidate}\t{r.area_mu:.2f}\t{r.park or ''}\t{r.score:.1f}"
              f"\t{r.reasons}")
    if args.xlsx:
        print(messages.text("cli.match.written", path=args.xlsx))
    return 0
