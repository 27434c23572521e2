"""``landplanner score``: 亩均论英雄 scores, ranks and classes on the command line.

``landplanner score [FILE_OR_PROJECT] [--indicators TABLE] [--preset NAME | --config FILE.toml]
[--year Y] [--json] [--export-config OUT.toml] [--explain CODE_OR_NAME]``

An indicators table alone (with a land-area column) is enough input; with a parcel file or
a project, each enterprise's land is the sum of its parcels' mu. Input problems print a
message naming the row and column and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from landplanner import messages
from landplanner.analysis import indicators as ind
from landplanner.analysis import scoring
from landplanner.analysis.scoring_config import (
    DEFAULT_PRESET,
    ScoringConfig,
    load_config,
    load_preset,
    preset_names,
    save_config,
)
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import add_crs_argument, open_input
from landplanner.problems import InputError, Problem

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
SETTINGS_KEY = "scoring"   # project.settings["scoring"]: the project's ScoringConfig.to_dict()
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

    config = _config(args, project)
    if args.export_config:
        _export_config(config, args)
        if not args.input and not table_path:
            return 0

    problems: list[Problem] = []
    if table_path:
        table, found = ind.read_indicator_table(table_path, year=args.year)
        problems += found
    elif project is not None and len(project.indicators):
        table = project.indicators
    elif args.input or table_path:
        raise InputError(Problem.make("cli_score_no_table", "error"))
    else:
        raise InputError(Problem.make("cli_score_no_input", "error"))

    parcels = project.parcels if project is not None else None
    result, found, year = scoring.score_year(parcels, table, config, args.year)
    problems += found
    result = _ordered(result, config)

    _print_problems(problems)
    if args.explain:
        return _explain(result, config, args.explain)
    try:
        if args.json:
            json.dump(to_records(result, config), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            _print_table(result, config)
        sys.stdout.flush()
    except BrokenPipeError:  # `landplanner score … | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    counts = result["class"].value_counts()
    classes = " ".join(f"{c}:{int(counts.get(c, 0))}" for c in [b.cls for b in config.bands] + ["T"])
    print(messages.text("cli_score_summary", config=config.label(), year=year if year else "—",
                        n=len(result), classes=classes, out=result.attrs.get("out_of_scope", 0)),
          file=sys.stderr)
    return 0


def _config(args: argparse.Namespace, project) -> ScoringConfig:
    if args.config:
        return load_config(args.config)
    if args.preset:
        return load_preset(args.preset)
    saved = project.settings.get(SETTINGS_KEY) if project is not None else None
    if saved:
        return ScoringConfig.from_dict(saved)
    return load_preset(DEFAULT_PRESET)


def _export_config(config: ScoringConfig, args: argparse.Namespace) -> None:
    out = Path(args.export_config).resolve()
    inputs = [p for p in (args.input, args.indicators, args.config) if p]
    if any(Path(p).resolve() == out for p in inputs):
        raise InputError(Problem.make("cli_score_same_file", "error", path=str(out)))
    save_config(config, out)
    print(messages.text("cli_score_written", path=str(out)), file=sys.stderr)


def _ordered(result: pd.DataFrame, config: ScoringConfig) -> pd.DataFrame:
    """Groups in config order, then rank; T firms last."""
    group_order = {g: i for i, g in enumerate(config.groups)}
    key = pd.DataFrame({
        "t": result["class"] == "T",
        "g": result["group"].map(group_order).fillna(len(group_order)),
        "r": result["rank"].astype("Float64").fillna(float("inf")),
    })
    order = key.sort_values(["t", "g", "r"], kind="stable").index
    return result.loc[order].reset_index(drop=True)


def to_records(result: pd.DataFrame, config: ScoringConfig) -> list[dict]:
    """The JSON form: ``{uscc, name, group, land_mu, indicators, points, score, rank, class, reason}``."""
    records = []
    keys = [i.key for i in config.indicators]
    for row in result.to_dict("records"):
        records.append({
            "uscc": _clean(row["uscc"]),
            "name": _clean(row["name"]),
            "group": _clean(row["group"]),
            "land_mu": _number(row["land_mu"], 2),
            "indicators": {k: _number(row[f"value:{k}"], None) for k in keys},
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


def _print_problems(problems: list[Problem]) -> None:
    shown = [p for p in problems if p.severity != "info"]
    for problem in shown[:_MAX_PROBLEM_LINES]:
        print(f"[{problem.severity}] {problem.message}", file=sys.stderr)
    if len(shown) > _MAX_PROBLEM_LINES:
        print(messages.text("cli_score_more", n=len(shown) - _MAX_PROBLEM_LINES), file=sys.stderr)


def _print_table(result: pd.DataFrame, config: ScoringConfig) -> None:
    en = messages.language() == "en"
    head = ("group", "rank", "class", "score", "land_mu", "uscc", "name", "reason") if en else \
        ("组别", "排名", "类别", "得分", "用地(亩)", "统一社会信用代码", "企业名称", "说明")
    print("\t".join(head))
    for row in result[list(scoring.SUMMARY_COLUMNS)].to_dict("records"):
        rank = "" if _missing(row["rank"]) else str(int(row["rank"]))
        score = "" if _missing(row["score"]) else f"{row['score']:.2f}"
        land = "" if _missing(row["land_mu"]) else f"{row['land_mu']:.2f}"
        group = messages.text(f"group_{row['group']}")
        print("\t".join([group, rank, row["class"], score, land, _clean(row["uscc"]) or "",
                         _clean(row["name"]) or "", row["reason"]]))


def _explain(result: pd.DataFrame, config: ScoringConfig, who: str) -> int:
    match = result.loc[(result["uscc"] == who.upper()).fillna(False)
                       | (result["name"] == who).fillna(False)]
    if match.empty:
        raise InputError(Problem.make("cli_score_not_found", "error", who=who))
    for _, row in match.iterrows():
        print(scoring.explain(row, config))
    return 0
