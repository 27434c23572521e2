"""``landplanner check FILE``: load a parcel file and print its load report.

The report says how the file was read (features, geometry type, CRS, encoding and how it was
decided), the area in mu in total, by category and by park, each source field with the app
field it maps to, and every problem found. ``--json`` prints it as one JSON object (keys
below); otherwise it is printed as text in Chinese (``--lang en`` or ``LANDPLANNER_LANG=en``
for English). Exit status: 0 when the file loaded (with or without warnings), 2 when it
cannot be used. No traceback ever reaches the user.

JSON keys: ``ok, features, geometry_type, crs {epsg, name, wkt}, encoding {name, source},
area_mu_total, area_mu_by_category {idle, low_efficiency, unsupplied, other},
area_mu_by_park, fields [{name, type, canonical, sample}],
problems [{code, severity, message, feature}], error``.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from pathlib import Path
from typing import Any

from landplanner import messages, vocabulary
from landplanner.problems import InputError

CATEGORIES = tuple(vocabulary.codes("category"))
#: Problems printed in the text report; ``--json`` always lists all of them.
MAX_PRINTED_PROBLEMS = 50

messages.register(
    {
        "cli.check.help": (
            "检查地块文件并打印读取报告",
            "check a parcel file and print its load report",
        ),
        "cli.check.several_layers": (
            "{path} 含有多个图层：{layers}；请用 --layer 指定其中一个",
            "{path} holds several layers: {layers}; choose one with --layer NAME",
        ),
        "cli.internal_error": (
            "内部错误（请报告此问题）：{detail}",
            "Internal error (please report it): {detail}",
        ),
        "cli.check.file": ("文件", "File"),
        "cli.check.layer": ("图层", "Layer"),
        "cli.check.features": ("要素", "Features"),
        "cli.check.crs": ("坐标系", "CRS"),
        "cli.check.encoding": ("编码", "Encoding"),
        "cli.check.encoding_source.cpg": ("来自 .cpg 文件", "from the .cpg file"),
        "cli.check.encoding_source.ldid": ("来自 DBF 语言标志", "from the DBF language byte"),
        "cli.check.encoding_source.detected": ("按内容判断", "detected from the text"),
        "cli.check.encoding_source.user": ("用户指定", "given by the user"),
        "cli.check.area_total": ("总面积", "Total area"),
        "cli.check.area_none": ("无法计算（坐标系未知）", "not computed (CRS unknown)"),
        "cli.check.crs_hint": (
            "（用 --crs 指定坐标系后可计算面积，例如 --crs EPSG:{epsg}）",
            "(give the coordinate system with --crs to compute areas, e.g. --crs EPSG:{epsg})",
        ),
        "cli.check.mu": ("亩", "mu"),
        "cli.check.by_category": ("按类别", "By category"),
        "cli.check.by_park": ("按园区", "By park"),
        "cli.check.no_park": ("不在任何园区", "In no park"),
        "cli.check.no_park_count": ("（{count:,} 个地块）", " ({count:,} parcels)"),
        "cli.check.fields": ("字段", "Fields"),
        "cli.check.sample": ("样例", "sample"),
        "cli.check.unmapped": ("（未对应）", "(not mapped)"),
        "cli.check.problems": ("问题（{count} 条）", "Problems ({count})"),
        "cli.check.no_problems": ("未发现问题", "No problems found"),
        "cli.check.more_problems": (
            "……另有 {count} 条，用 --json 查看全部",
            "… {count} more; use --json to see them all",
        ),
        "cli.check.feature": ("要素 {feature}", "feature {feature}"),
        "cli.check.parcel": ("地块 {id}", "parcel {id}"),
        "cli.check.kind_summary": (
            "同类 {count} 条（地块 {ids}…），例如",
            "{count} of this kind (parcels {ids}…), e.g.",
        ),
        "cli.check.kind_count": ("同类 {count} 条，例如", "{count} of this kind, e.g."),
        "cli.check.severity.info": ("提示", "info"),
        "cli.check.severity.warning": ("警告", "warning"),
        "cli.check.severity.error": ("错误", "error"),
        "cli.check.error": ("无法使用此文件", "This file cannot be used"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``check`` on the ``landplanner`` sub-command parser."""
    parser = sub.add_parser(
        "check", help=messages.text("cli.check.help"), description=messages.text("cli.check.help")
    )
    parser.add_argument("file", help=".shp / .zip / folder / .gpkg / .geojson")
    parser.add_argument("--layer", help="layer name (a folder, zip or GeoPackage with several)")
    parser.add_argument(
        "--encoding", help="DBF text encoding, e.g. GBK, UTF-8 (overrides detection)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--crs", metavar="EPSG:NNNN",
        help="coordinate system of a file without a usable one, e.g. EPSG:4490",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default zh)")
    parser.add_argument(
        "--engine", choices=("pyogrio", "fiona"), default="pyogrio", help=argparse.SUPPRESS
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``landplanner check``; return 0 when the file loaded, 2 when it cannot be used."""
    if getattr(args, "lang", None):
        messages.set_language(args.lang)
    try:
        report = check_file(
            args.file,
            layer=args.layer,
            encoding=args.encoding,
            engine=getattr(args, "engine", "pyogrio"),
            progress=None if args.json else _progress_printer(),
            crs=getattr(args, "crs", None),
        )
    except Exception as exc:  # the user gets a message, never a traceback
        logging.getLogger(__name__).error("check %s failed", args.file, exc_info=True)
        report = _failure(_error_message(exc))
    try:
        if args.json:
            print(dumps(report))
        else:
            _print_text(report, args.file)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()  # `check --json | head`: the reader left; stop quietly, as Unix tools do
        return 0 if report["ok"] else 2
    except Exception as exc:  # e.g. a console that cannot print Chinese
        print(_error_message(exc), file=sys.stderr)
        return 2
    return 0 if report["ok"] else 2


def dumps(report: dict[str, Any]) -> str:
    """Strict JSON (no NaN/Infinity: a number that is not finite becomes null).

    Each problem is one line: the report stays readable, and Python's C encoder (used only
    without ``indent``) writes the row lists of grouped problems fast.
    """
    head = {k: v for k, v in report.items() if k != "problems"}
    lines = [json.dumps(_finite(p), ensure_ascii=False, allow_nan=False) for p in
             report.get("problems") or []]
    text = json.dumps(_finite(head), ensure_ascii=False, indent=2, allow_nan=False)
    if not lines:
        return text[:-2] + ',\n  "problems": []\n}'
    return text[:-2] + ',\n  "problems": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}"


def _finite(value: Any) -> Any:
    from landplanner.cli.json_out import finite

    return finite(value, _ROW_LISTS)


#: Lists of row indices or 地块编号 (ints and strings only): nothing to clean.
_ROW_LISTS = frozenset({"features", "parcel_ids"})


def _quiet_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def check_file(
    path: str | Path,
    layer: str | None = None,
    encoding: str | None = None,
    engine: str = "pyogrio",
    progress: Any = None,
    crs: str | None = None,
) -> dict[str, Any]:
    """The load report of the parcel file ``path`` as a JSON-able dict (keys: module doc).

    Raises
    ------
    problems.InputError
        When the file cannot be used; the CLI turns it into ``ok: false``.
    """
    from landplanner.project import Project
    from landplanner.sources import list_layers, load_parcels
    from landplanner.sources.crs_choice import assign_crs, parse_crs

    epsg = parse_crs(crs) if crs else None
    if layer is None and Path(path).suffix.lower() == ".gpkg":
        from landplanner.store import is_project

        if is_project(path):
            layer = "parcels"  # a saved project: check its parcels, not its tables
    try:
        result = load_parcels(
            path, layer=layer, encoding=encoding, engine=engine, progress=progress
        )
    except InputError as exc:
        if exc.problem.code != "layer_required":
            raise
        # Only now list the layers again, to say which --layer values there are.
        layers = ", ".join(list_layers(path))
        return _failure(messages.text("cli.check.several_layers", path=path, layers=layers))
    if epsg is not None:
        result = assign_crs(result, epsg)
    project = Project.from_load(result)
    return _report(result, project)


def _report(result: Any, project: Any) -> dict[str, Any]:
    import pandas as pd

    report = result.report
    parcels = project.parcels
    area = parcels["area_mu"]
    known = bool(area.notna().any())
    by_category = {
        tag: (_mu(area[parcels["category"] == tag].sum()) if known else None) for tag in CATEGORIES
    }
    by_park = {}
    no_park = pd.Series(True, index=parcels.index)
    if "park" in parcels:
        park = parcels["park"].astype(object)
        no_park = park.isna() | (park.astype(str).str.strip() == "")
        if known:
            sums = area[~no_park].groupby(park[~no_park]).sum()
            by_park = {str(name): _mu(value) for name, value in sums.sort_index().items()}
    crs, enc = report.crs, report.encoding
    return {
        "ok": True,
        "features": int(report.features),
        "geometry_type": report.geometry_type,
        "crs": {
            "epsg": int(crs.epsg) if crs.epsg is not None else None,
            "name": crs.name or "",
            "wkt": crs.wkt or "",
            "suggested_epsg": getattr(crs, "suggested_epsg", None),
        },
        "encoding": {"name": enc.name, "source": enc.source},
        "area_mu_total": _mu(area.sum()) if known else None,
        "area_mu_by_category": by_category,
        "area_mu_by_park": by_park,
        # Parcels in no park, listed apart so that the parks and this add up to the total.
        "parcels_no_park": int(no_park.sum()),
        "area_mu_no_park": _mu(area[no_park].sum()) if known else None,
        "fields": _fields(result.gdf, project.field_mapping),
        "problems": _problems(project.problems, parcels),
        "error": None,
    }


def _mu(value: float) -> float | None:
    value = float(value)
    return round(value, 2) if math.isfinite(value) else None


def _problems(problems: list[Any], parcels: Any) -> list[dict[str, Any]]:
    """Problems as JSON, with the 地块编号 of the rows each concerns (``parcel_id`` for one,
    ``parcel_ids`` for a grouped problem)."""
    ids = parcels["parcel_id"].astype(object).to_numpy() if "parcel_id" in parcels else None
    out = []
    for p in problems:
        item = p.to_dict()
        if ids is not None:
            rows = p.rows
            rows = rows[(rows >= 0) & (rows < len(ids))]
            if p.features is not None:
                item["parcel_ids"] = [None if v is None else str(v) for v in ids[rows]]
            elif len(rows) == 1:
                item["parcel_id"] = None if ids[rows[0]] is None else str(ids[rows[0]])
        out.append(item)
    return out


def _fields(gdf: Any, mapping: dict[str, str | None]) -> list[dict[str, Any]]:
    canonical_of = {source: name for name, source in mapping.items() if source is not None}
    geometry = gdf.geometry.name
    return [
        {
            "name": str(column),
            "type": _type_name(gdf[column]),
            "canonical": canonical_of.get(column),
            "sample": _sample(gdf[column]),
        }
        for column in gdf.columns
        if column != geometry
    ]


def _type_name(series: Any) -> str:
    import pandas as pd

    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "real"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        values = series.dropna()
        return "date" if (values == values.dt.normalize()).all() else "datetime"
    return "string"


def _sample(series: Any) -> str | None:
    """The first non-null, non-blank value as text (dates as ISO dates)."""
    import pandas as pd

    values = series.dropna()
    if pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype):
        values = values[values.astype(str).str.strip() != ""]
    if values.empty:
        return None
    value = values.iloc[0]
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


def _failure(message: str) -> dict[str, Any]:
    return {
        "ok": False,
        "features": None,
        "geometry_type": None,
        "crs": None,
        "encoding": None,
        "area_mu_total": None,
        "area_mu_by_category": None,
        "area_mu_by_park": None,
        "parcels_no_park": None,
        "area_mu_no_park": None,
        "fields": [],
        "problems": [],
        "error": message,
    }


def _error_message(exc: BaseException) -> str:
    from landplanner.problems import InputError

    if isinstance(exc, InputError):
        return exc.problem.message
    return messages.text("cli.internal_error", detail=f"{type(exc).__name__}: {exc}")


def _progress_printer() -> Any:
    if not sys.stderr.isatty():
        return None

    def progress(fraction: float, message: str) -> bool:
        print(f"\r{fraction:4.0%} {message}"[:78].ljust(78), end="", file=sys.stderr, flush=True)
        if fraction >= 1.0:
            print(file=sys.stderr)
        return True

    return progress


def _colon() -> str:
    return "：" if messages.language() == "zh" else ": "


def _label(code: str) -> str:
    """A label followed by the colon of the current language."""
    return messages.text(code) + _colon()


def _print_text(report: dict[str, Any], path: str) -> None:
    t = messages.text
    if not report["ok"]:
        print(_label("cli.check.error") + str(report["error"]), file=sys.stderr)
        return
    mu = t("cli.check.mu")
    crs, enc, total = report["crs"], report["encoding"], report["area_mu_total"]
    crs_text = vocabulary.crs_label(crs["name"], crs["epsg"])
    lines = [
        _label("cli.check.file") + str(path),
        _label("cli.check.features") + f"{report['features']:,} ({report['geometry_type']})",
        _label("cli.check.crs") + crs_text,
        _label("cli.check.encoding")
        + f"{enc['name']} ({t('cli.check.encoding_source.' + str(enc['source']))})",
        _label("cli.check.area_total")
        + (f"{total:,.2f} {mu}" if total is not None else t("cli.check.area_none")),
    ]
    if total is None and not report["crs"]["epsg"]:
        suggested = report["crs"].get("suggested_epsg") or 4490
        lines[-1] += " " + t("cli.check.crs_hint", epsg=suggested)
    if total is not None:
        lines.append(_label("cli.check.by_category").rstrip())
        for tag, value in report["area_mu_by_category"].items():
            lines.append(f"  {vocabulary.label('category', tag)}{_colon()}{value:,.2f} {mu}")
        outside = report.get("parcels_no_park") or 0
        if report["area_mu_by_park"] or outside:
            lines.append(_label("cli.check.by_park").rstrip())
            for name, value in report["area_mu_by_park"].items():
                lines.append(f"  {name}{_colon()}{value:,.2f} {mu}")
            if outside:
                lines.append(
                    f"  {_label('cli.check.no_park')}{report['area_mu_no_park']:,.2f} {mu}"
                    + t("cli.check.no_park_count", count=outside)
                )
    lines.append(_label("cli.check.fields").rstrip())
    for field in report["fields"]:
        target = field["canonical"] or t("cli.check.unmapped")
        sample = (
            "" if field["sample"] is None else f"  {_label('cli.check.sample')}{field['sample']}"
        )
        lines.append(f"  {field['name']} ({field['type']}) → {target}{sample}")
    lines.extend(_problem_lines(report["problems"]))
    print("\n".join(lines))


def _problem_lines(problems: list[dict[str, Any]]) -> list[str]:
    """Problems summarised by kind: one line per code with its count and first 地块编号."""
    t = messages.text
    if not problems:
        return [t("cli.check.no_problems")]
    kinds: dict[str, list[dict[str, Any]]] = {}
    for problem in problems:
        kinds.setdefault(problem["code"], []).append(problem)
    lines = [t("cli.check.problems", count=len(problems))]
    for items in list(kinds.values())[:MAX_PRINTED_PROBLEMS]:
        first = items[0]
        severity = t("cli.check.severity." + first["severity"])
        if len(items) == 1:
            where = ""
            if first.get("parcel_id") is not None:
                where = " " + t("cli.check.parcel", id=first["parcel_id"])
            elif (first["feature"] is not None and "parcel_ids" not in first
                  and "FID" not in first["message"]):  # "要素 FID 0 …" names it already
                where = " " + t("cli.check.feature", feature=first["feature"])
            lines.append(f"  [{severity}]{where} {first['message']}")
            continue
        ids: list[str] = []
        for item in items:
            ids += [item["parcel_id"]] if item.get("parcel_id") else item.get("parcel_ids") or []
            if len(ids) >= 5:
                break
        shown = ("、" if messages.language() == "zh" else ", ").join(map(str, ids[:5]))
        summary = (
            t("cli.check.kind_summary", count=len(items), ids=shown)
            if shown
            else t("cli.check.kind_count", count=len(items))
        )
        lines.append(f"  [{severity}] {summary}{_colon()}{first['message']}")
    if len(kinds) > MAX_PRINTED_PROBLEMS:
        lines.append(
            "  " + t("cli.check.more_problems", count=len(kinds) - MAX_PRINTED_PROBLEMS)
        )
    return lines
