"""``landplanner export FILE_OR_PROJECT --xlsx OUT.xlsx [--indicators TABLE]``: the Excel lists.

Writes the workbook of :func:`landplanner.export.xlsx_export.export_workbook` (低效用地清单,
企业清单, 一企一策, 园区进度). The enterprise sheet is filled when indicators are available
(the project's own indicator table; ``--indicators TABLE`` adds to its years, a year the
table holds replacing that year): they are scored by the one pipeline
(``services.scoring.score_project``) with the project's scoring configuration, ``--preset NAME`` or ``--config FILE.toml`` (default: the
scoring module's default preset). Never overwrites an input file. Exit status 0, or 2 with
a message (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from landplanner import messages
from landplanner.analysis.indicators import read_indicator_table
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import add_crs_argument, open_input
from landplanner.cli.quota_command import parse_today
from landplanner.cli.score_command import print_problems
from landplanner.export.xlsx_export import export_workbook
from landplanner.problems import InputError, Problem
from landplanner.services.indicators import add_indicators
from landplanner.services.scoring import ScoreResult, project_config, score_project

messages.register(
    {
        "cli.export.help": ("导出 Excel 清单（低效用地、企业、一企一策、园区进度）",
                            "export the Excel lists (land, enterprises, plans, park progress)"),
        "cli.export.not_xlsx": ("输出文件须为 .xlsx：{path}", "the output must be an .xlsx file: {path}"),
        "cli.export.is_input": ("不会覆盖输入文件：{path}", "will not overwrite an input file: {path}"),
        "cli.export.written": ("已写入 {path}", "written: {path}"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``export`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("export", help=messages.text("cli.export.help"),
                            description=messages.text("cli.export.help"))
    parser.add_argument("input", metavar="FILE_OR_PROJECT",
                        help="project (.gpkg) or parcel file (.shp/.zip/.gpkg/.geojson)")
    parser.add_argument("--xlsx", required=True, metavar="OUT.xlsx", help="workbook to write")
    parser.add_argument("--indicators", metavar="TABLE", help="indicator table (.xlsx/.csv)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--preset", metavar="NAME", help="scoring preset")
    which.add_argument("--config", metavar="FILE.toml", help="scoring configuration file")
    parser.add_argument("--year", type=int, help="indicator year to score (default: the latest)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="reference date for idle years, overdue flags and quotas")
    add_crs_argument(parser)
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="language of the workbook and messages (default zh)")
    return parser


def _check_output(out: Path, inputs: list[str | None]) -> None:
    if out.suffix.lower() != ".xlsx":
        raise InputError(Problem.make("cli.export.not_xlsx", "error", path=str(out)))
    for item in inputs:
        if item and out.exists() and Path(item).exists() and out.samefile(item):
            raise InputError(Problem.make("cli.export.is_input", "error", path=str(out)))


def score_enterprises(
    project: Any, table_path: str | None, preset: str | None, config_path: str | None,
    year: int | None,
) -> ScoreResult | None:
    """The project's scores from the one pipeline (``services.scoring.score_project``), or
    ``None`` without indicators. ``table_path`` adds a table to the project's indicator years
    (a year it holds replaces that year), as ``score --indicators`` and the app's import do.

    Raises
    ------
    InputError
        On a bad table, preset or configuration.
    """
    # A preset or configuration named on the command line is checked even without data:
    # a typo must not pass silently.
    config = project_config(project, preset, config_path)
    if table_path:
        table, problems = read_indicator_table(table_path, year=year)
        print_problems(problems)
        project.indicators, change = add_indicators(getattr(project, "indicators", None), table)
        for line in change.lines(names=False):
            print(line, file=sys.stderr)
    indicators = getattr(project, "indicators", None)
    if indicators is None or not len(indicators):
        return None
    result = score_project(project, config, year)
    print_problems(result.problems)
    return result


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner export``; 0 on success, 2 on bad input."""
    today = parse_today(args.today)
    out = Path(args.xlsx)
    _check_output(out, [args.input, args.indicators, args.config])
    project = open_input(args.input, getattr(args, "crs", None), need_area=True)
    result = score_enterprises(project, args.indicators, args.preset, args.config, args.year)
    language = args.lang or messages.language()
    export_workbook(project, out, language=language, today=today,
                    **(result.export_args(language) if result is not None else {}))
    print(messages.text("cli.export.written", path=str(out)), file=sys.stderr)
    return 0
