"""``landplanner export FILE_OR_PROJECT --xlsx OUT.xlsx [--indicators TABLE]``: the Excel lists.

Writes the workbook of :func:`landplanner.export.xlsx_export.export_workbook` (低效用地清单,
企业清单, 一企一策, 园区进度). The enterprise sheet is filled when indicators are available
(``--indicators TABLE``, or the project's own indicator table): they are scored with the
project's scoring configuration, ``--preset NAME`` or ``--config FILE.toml`` (default: the
scoring module's default preset). Never overwrites an input file. Exit status 0, or 2 with
a message (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from landplanner import messages
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import add_crs_argument, open_input
from landplanner.cli.quota_command import parse_today
from landplanner.export.xlsx_export import export_workbook
from landplanner.problems import InputError, Problem

SCORING_KEY = "scoring"  # project.settings["scoring"]: ScoringConfig.to_dict()

messages.register(
    {
        "cli.export.help": ("导出 Excel 清单（低效用地、企业、一企一策、园区进度）",
                            "export the Excel lists (land, enterprises, plans, park progress)"),
        "cli.export.not_xlsx": ("输出文件须为 .xlsx：{path}", "the output must be an .xlsx file: {path}"),
        "cli.export.is_input": ("不会覆盖输入文件：{path}", "will not overwrite an input file: {path}"),
        "cli.export.written": ("已写入 {path}", "written: {path}"),
        "cli.export.no_scoring": (
            "本版本无法评价企业（缺少模块 {module}）",
            "enterprises cannot be scored by this build (module {module} is missing)",
        ),
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
) -> tuple[pd.DataFrame | None, dict[str, tuple[str, str]]]:
    """Scores (``analysis.scoring.score``) and indicator labels, or ``(None, {})`` without data.

    Raises
    ------
    InputError
        On a bad table, preset or configuration.
    """
    indicators = getattr(project, "indicators", None)
    have_data = bool(table_path) or (indicators is not None and len(indicators) > 0)
    if not (have_data or preset or config_path):
        return None, {}
    try:
        from landplanner.analysis import indicators as ind
        from landplanner.analysis import scoring
        from landplanner.analysis import scoring_config as sc
    except ImportError as exc:
        raise InputError(Problem.make("cli.export.no_scoring", "error", module=exc.name)) from exc
    # A preset or configuration named on the command line is checked even without data:
    # a typo must not pass silently.
    if config_path:
        config = sc.load_config(config_path)
    elif preset:
        config = sc.load_preset(preset)
    elif (getattr(project, "settings", None) or {}).get(SCORING_KEY):
        config = sc.ScoringConfig.from_dict(project.settings[SCORING_KEY])
    else:
        config = sc.load_preset()
    if not have_data:
        return None, {}
    if table_path:
        table, problems = ind.read_indicator_table(table_path, year=year)
        for p in problems:
            if p.severity != "info":
                print(f"[{p.severity}] {p.message}", file=sys.stderr)
    else:
        table = indicators
    if year is None:
        years = pd.to_numeric(table["year"], errors="coerce").dropna()
        year = int(years.max()) if len(years) else None
    enterprises, _ = ind.build_enterprises(project.parcels, table, year)
    previous = None
    if getattr(config, "benchmark_rule", None) == "data" and year is not None and (
        pd.to_numeric(table["year"], errors="coerce") == year - 1
    ).any():
        previous, _ = ind.build_enterprises(project.parcels, table, year - 1)
    result = scoring.score(enterprises, config, previous=previous)
    labels = {i.key: (i.label_zh, i.label_en) for i in config.indicators}
    return result, labels


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner export``; 0 on success, 2 on bad input."""
    today = parse_today(args.today)
    out = Path(args.xlsx)
    _check_output(out, [args.input, args.indicators, args.config])
    project = open_input(args.input, getattr(args, "crs", None), need_area=True)
    scores, labels = score_enterprises(project, args.indicators, args.preset, args.config,
                                       args.year)
    language = args.lang or messages.language()
    export_workbook(project, out, scores=scores, language=language, today=today,
                    indicator_labels=labels)
    print(messages.text("cli.export.written", path=str(out)), file=sys.stderr)
    return 0
