"""``landplanner score``: 亩均论英雄 scores, ranks and classes on the command line.

``landplanner score [FILE_OR_PROJECT] [--indicators TABLE] [--preset NAME | --config FILE.toml]
[--year Y] [--json] [--export-config OUT.toml] [--explain CODE_OR_NAME]``

An indicators table alone (with a land-area column) is enough input; with a parcel file or
a project, each enterprise's land is the sum of its parcels' mu. Input problems print a
message naming the row and column and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis import indicators as ind
from landplanner.analysis import scoring
from landplanner.analysis.scoring_config import (
    DEFAULT_PRESET,
    ScoringConfig,
    preset_names,
    save_config,
)
from landplanner.cli import json_out
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import add_crs_argument, open_input
from landplanner.problems import InputError, Problem
from landplanner.services.indicators import add_indicators
from landplanner.services.scoring import (
    ScoreResult,
    project_config,
    score_indicators,
    score_project,
)

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", *ind.OTHER_SPREADSHEETS)  # others refused there
_MAX_PROBLEM_LINES = 20

messages.register({
    "cli_score_no_input": ("请给出指标表（FILE 或 --indicators TABLE）",
                           "Give an indicator table (FILE or --indicators TABLE)"),
    "cli_score_no_parcels": ("本版本无法读取地块文件或项目（缺少模块 {module}）",
                             "Parcel files and projects cannot be read by this build (module {module} "
                             "is missing)"),
    "cli_score_no_table": ("项目中没有指标数据，请用 --indicators 给出指标表",
                           "The project holds no indicators; give a table with --indicators"),
    "cli_score_same_file": ("不会覆盖输入文件 {path}", "Refusing to overwrite the input file {path}"),
    "cli_score_written": ("评价配置已写入 {path}", "Scoring configuration written to {path}"),
    "cli_score_summary": ("{config}：{year} 年评价 {n} 家企业（{classes}）；{out} 家不在评价范围内",
                          "{config}: {n} enterprises scored for {year} ({classes}); {out} out of scope"),
    "cli_score_more": ("…… 另有 {n} 条提示", "… and {n} more notes"),
    "cli_score_basis": ("评价基准：", "Benchmarks:"),
    "cli_score_not_found": ("找不到企业“{who}”", "No enterprise “{who}” in the result"),
})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``score`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser(
        "score", help="亩均论英雄 scoring / enterprise scoring",
        description="Score, rank and class enterprises (亩均论英雄). Presets: "
        + ", ".join(preset_names()))
    parser.add_argument("input", nargs="?", metavar="FILE_OR_PROJECT",
                        help="indicator table (.xlsx/.csv), parcel file, or project (.gpkg)")
    parser.add_argument("--indicators", metavar="TABLE", help="indicator table (.xlsx/.csv)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--preset", metavar="NAME", help=f"preset (default {DEFAULT_PRESET})")
    which.add_argument("--config", metavar="FILE.toml", help="scoring configuration file")
    parser.add_argument("--year", type=int, help="year to score (default: the latest in the table)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    add_crs_argument(parser)
    parser.add_argument("--export-config", metavar="OUT.toml",
                        help="write the scoring configuration used to a TOML file")
    parser.add_argument("--explain", metavar="CODE_OR_NAME",
                        help="explain one enterprise's class (USCC or exact name)")
    return parser


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner score``; 0 on success, 2 on bad input."""
    project = None
    table_path = args.indicators
    if args.input and Path(args.input).suffix.lower() in TABLE_SUFFIXES and not table_path:
        table_path = args.input
    elif args.input:
        project = open_input(args.input, getattr(args, "crs", None), need_area=True)

    config = project_config(project, args.preset, args.config)
    if args.export_config:
        _export_config(config, args)
        if not args.input and not table_path:
            return 0

    problems: list[Problem] = []
    table = None
    if table_path:
        table, found = ind.read_indicator_table(table_path, year=args.year)
        problems += found
    if project is not None:
        if table is not None:
            # the table adds to the project's years, as the app's import does: a year it
            # holds replaces that year, every other year stays
            project.indicators, change = add_indicators(project.indicators, table)
            for line in change.lines(names=False):
                print(line, file=sys.stderr)
        indicators = project.indicators
        if indicators is None or not len(indicators):
            raise InputError(Problem.make("cli_score_no_table", "error"))
        result = score_project(project, config, args.year)
    elif table is not None:
        result = score_indicators(None, table, config, args.year)
    else:
        raise InputError(Problem.make("cli_score_no_input", "error"))
    problems += result.problems

    print_problems(problems)
    if args.explain:
        return _explain(result.scores, config, args.explain)
    try:
        if args.json:
            sys.stdout.write(json_out.dumps(to_json(result)))
            sys.stdout.write("\n")
        else:
            _print_table(result)
        sys.stdout.flush()
    except BrokenPipeError:  # `landplanner score … | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    classes = " ".join(f"{c}:{n}" for c, n in result.class_counts().items())
    print(messages.text("cli_score_summary", config=config.label(),
                        year=result.year if result.year else "—", n=len(result.scores),
                        classes=classes, out=result.scores.attrs.get("out_of_scope", 0)),
          file=sys.stderr)
    return 0


def _export_config(config: ScoringConfig, args: argparse.Namespace) -> None:
    out = Path(args.export_config).resolve()
    inputs = [p for p in (args.input, args.indicators, args.config) if p]
    if any(Path(p).resolve() == out for p in inputs):
        raise InputError(Problem.make("cli_score_same_file", "error", path=str(out)))
    save_config(config, out)
    print(messages.text("cli_score_written", path=str(out)), file=sys.stderr)


def to_json(result: ScoreResult) -> dict:
    """The JSON form: ``{config, year, classes, out_of_scope, basis, enterprises}``.

    ``basis`` lists, per group and indicator, how the benchmark was set (``rule``,
    ``benchmark``, ``year``, ``factor``) and ``text``, the sentence the other views show;
    ``enterprises`` holds :func:`to_records`.
    """
    return {
        "config": result.config.name,
        "year": result.year,
        "classes": result.class_counts(),
        "out_of_scope": int(result.scores.attrs.get("out_of_scope", 0)),
        "basis": [dict(item, text=text) for item, text in
                  zip(result.basis, result.basis_lines(), strict=True)],
        "enterprises": to_records(result.scores, result.config),
    }


def to_records(result: pd.DataFrame, config: ScoringConfig) -> list[dict]:
    """One dict per firm: ``{uscc, name, group, land_mu, indicators, benchmarks, points,
    score, rank, class, reason}`` (``rank`` is null for a firm not ranked: T or vetoed)."""
    records = []
    keys = [i.key for i in config.indicators]
    for row in result.to_dict("records"):
        records.append({
            "uscc": _clean(row["uscc"]),
            "name": _clean(row["name"]),
            "group": _clean(row["group"]),
            "land_mu": _number(row["land_mu"], 2),
            "indicators": {k: _number(row[f"value:{k}"], None) for k in keys},
            "benchmarks": {k: _number(row.get(f"benchmark:{k}"), None) for k in keys},
            "points": {k: _number(row[f"points:{k}"], 2) for k in keys},
            "score": _number(row["score"], 2),
            "rank": None if _missing(row["rank"]) else int(row["rank"]),
            "class": row["class"],
            "reason": row["reason"],
        })
    return records


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _clean(value: object) -> object:
    return None if _missing(value) else str(value)


def _number(value: object, decimals: int | None) -> float | None:
    if _missing(value):
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, decimals) if decimals is not None else float(f"{value:.6g}")


def print_problems(problems: list[Problem]) -> None:
    """Warnings and errors on stderr (info notes left out), at most 20 and a count."""
    shown = [p for p in problems if p.severity != "info"]
    for problem in shown[:_MAX_PROBLEM_LINES]:
        print(f"[{problem.severity}] {problem.message}", file=sys.stderr)
    if len(shown) > _MAX_PROBLEM_LINES:
        print(messages.text("cli_score_more", n=len(shown) - _MAX_PROBLEM_LINES), file=sys.stderr)


def _print_table(result: ScoreResult) -> None:
    """The benchmark basis as ``#`` lines, then the firms as tab-separated rows."""
    print("# " + messages.text("cli_score_basis"))
    for line in result.basis_lines():
        print("# " + line)
    head = [vocabulary.header("field", f) for f in
            ("group", "rank", "class", "score", "land_mu", "uscc", "enterprise", "reason")]
    print("\t".join(head))
    for row in result.scores[list(scoring.SUMMARY_COLUMNS)].to_dict("records"):
        rank = "" if _missing(row["rank"]) else str(int(row["rank"]))
        score = "" if _missing(row["score"]) else f"{row['score']:.2f}"
        land = "" if _missing(row["land_mu"]) else f"{row['land_mu']:.2f}"
        group = vocabulary.label("group", row["group"])
        print("\t".join([group, rank, vocabulary.label("class", row["class"]), score, land, _clean(row["uscc"]) or "",
                         _clean(row["name"]) or "", row["reason"]]))


def _explain(result: pd.DataFrame, config: ScoringConfig, who: str) -> int:
    match = result.loc[(result["uscc"] == who.upper()).fillna(False)
                       | (result["name"] == who).fillna(False)]
    if match.empty:
        raise InputError(Problem.make("cli_score_not_found", "error", who=who))
    for _, row in match.iterrows():
        print(scoring.explain(row, config))
    return 0
