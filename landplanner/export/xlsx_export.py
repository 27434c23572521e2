"""The Excel workbook of the campaign's lists (清单式管理).

One workbook, four sheets, Chinese names and headers (English with ``language="en"``):

* 低效用地清单 / Low-efficiency land — the candidate parcels (闲置 / 低效 / 征而未供) with
  category, park, area, reasons, plan; parcels of category 其他 go to a last sheet
  其他地块 / Other parcels (only when there are any);
* 企业清单 / Enterprises — indicator values, points, score, rank, class (from a scores table);
* 一企一策 / Plans — one row per plan with its milestones, overdue flags and three accounts;
* 园区进度 / Park progress — the quota table with the quarterly split.

Numbers are real numbers with formats (mu ``0.00``, 万元 ``#,##0.00``, percentages ``0.0%``),
the header row is frozen and filtered, text from user data is always written as text
(see :mod:`landplanner.export.xlsx_writers`). Every sheet prints landscape on A4, fitted to
the page width, the header row repeated, with the project, year and as-of date in the page
header and "第 N 页，共 M 页" in the footer. The file's own columns (county, street…) follow
the fixed columns of the parcel sheets.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis import plans as plans_mod
from landplanner.analysis import quota as quota_mod
from landplanner.analysis import screening
from landplanner.export.xlsx_writers import Column, Sheet, write_sheets
from landplanner.problems import InputError, Problem

if TYPE_CHECKING:  # the project model lives in landplanner.project (store helper)
    from landplanner.project import Project

messages.register(
    {
        "export.cancelled": ("导出已取消", "export cancelled"),
        "export.same_as_source": (
            "不能覆盖源数据文件：{path}",
            "will not overwrite the source file: {path}",
        ),
        "export.bad_path": ("无法写入 {path}：{detail}", "cannot write {path}: {detail}"),
        "export.yes": ("是", "yes"),
        "export.no": ("否", "no"),
        "export.milestone_done": ("已完成 {date}", "done {date}"),
        "export.milestone_late": ("逾期", "overdue"),
        "export.milestone_due": ("截止 {date}", "due {date}"),
        "export.overdue_milestones": ("{n} 个节点逾期", "{n} milestone(s) overdue"),
        "export.overdue_target": ("超过目标日期", "past the target date"),
        "export.progress": ("正在写入 {sheet}", "writing {sheet}"),
        "export.print_title": ("{project}{year} 年盘活清单 · {sheet}",
                               "{project}{year} revitalization lists · {sheet}"),
        "export.print_as_of": ("数据截至 {date}", "as of {date}"),
        "export.print_pages": ("第 &P 页，共 &N 页", "Page &P of &N"),
    }
)

SHEETS = {
    "parcels": ("低效用地清单", "Low-efficiency land"),
    "enterprises": ("企业清单", "Enterprises"),
    "plans": ("一企一策", "Plans"),
    "quota": ("园区进度", "Park progress"),
    "other": ("其他地块", "Other parcels"),
}


def _field(column: str, kind: str, field: str | None = None) -> tuple[str, str, str, str]:
    """A column named by the vocabulary's field labels (the table's headers)."""
    field = field or column
    return (column, vocabulary.header("field", field, "zh"), vocabulary.header("field", field, "en"),
            kind)


def _plan_field(column: str, kind: str, field: str | None = None) -> tuple[str, str, str, str]:
    field = field or column
    return (column, vocabulary.header("plan_field", field, "zh"),
            vocabulary.header("plan_field", field, "en"), kind)


# (key, Chinese header, English header, kind)
PARCEL_COLUMNS = [
    _field("parcel_id", "text"),
    _field("enterprise", "text"),
    _field("uscc", "text"),
    _field("park", "text"),
    _field("category_label", "text", "category"),
    ("area_mu", "面积（亩）", "Area (mu)", "mu"),
    _field("plot_ratio", "ratio"),
    _field("start_date", "date"),
    ("idle_years", "闲置年限（年）", "Idle (years)", "years"),
    ("tax_per_mu", vocabulary.header("indicator", "tax_per_mu", "zh"),
     vocabulary.header("indicator", "tax_per_mu", "en"), "money"),
    ("reason_text", "筛查原因", "Reasons", "text"),
    ("suggested", "建议处置方式", "Suggested method", "text"),
    _field("plan_id", "text"),
    _field("plan_status", "text"),
]
ENTERPRISE_HEAD = [
    _field("uscc", "text"),
    _field("name", "text", "enterprise"),
    _field("group", "text"),
    _field("land_mu", "mu"),
]
ENTERPRISE_TAIL = [
    _field("score", "ratio"),
    _field("rank", "int"),
    _field("class", "text"),
    _field("reason", "text"),
]
PLAN_COLUMNS = [  # named by the vocabulary's plan fields (the plan editor's and history's words)
    _plan_field("id", "text"),
    _plan_field("enterprise", "text"),
    _plan_field("uscc", "text"),
    _plan_field("parcels", "text", "parcel_ids"),
    ("park", vocabulary.label("field", "park", "zh"), vocabulary.label("field", "park", "en"), "text"),
    _plan_field("method", "text"),
    _plan_field("reason", "text"),
    _plan_field("responsible_unit", "text"),
    _plan_field("responsible_person", "text"),
    _plan_field("milestones", "text"),
    ("next_due", "下一节点截止日期", "Next milestone due", "date"),
    _plan_field("target_date", "date"),
    _plan_field("mu", "mu", "mu_to_free"),
    _plan_field("expected_tax_after", "money"),
    _plan_field("status", "text"),
    _plan_field("closed_date", "date"),
    _plan_field("evidence", "text"),
    ("overdue", "逾期情况", "Overdue", "text"),
    *[(k, vocabulary.label("account", k, "zh"), vocabulary.label("account", k, "en"), "text")
      for k in vocabulary.codes("account")],
    _plan_field("notes", "text"),
]
# (column, quota term of landplanner.vocabulary, kind): the same words as the panel and CLI
_QUOTA_SPEC = [
    ("park_label", "park", "text"),
    ("target_mu", "target_mu", "mu"),
    ("done_mu", "done_mu", "mu"),
    ("in_progress_mu", "in_progress_mu", "mu"),
    ("planned_mu", "planned_mu", "mu"),
    ("candidate_mu", "candidate_mu", "mu"),
    ("fraction", "percent", "percent"),
    ("projected_mu", "projected_mu", "mu"),
    ("behind_label", "behind", "text"),
    ("Q1", "Q1", "mu"),
    ("Q2", "Q2", "mu"),
    ("Q3", "Q3", "mu"),
    ("Q4", "Q4", "mu"),
]
QUOTA_COLUMNS = [
    (col, vocabulary.header("quota", term, "zh"), vocabulary.header("quota", term, "en"), kind)
    for col, term, kind in _QUOTA_SPEC
]


def _columns(spec: list[tuple[str, str, str, str]], lang: str) -> list[Column]:
    return [Column(k, en if lang == "en" else zh, kind) for k, zh, en, kind in spec]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(pd.NA, index=df.index, dtype="object")


def _labelled(domain: str, codes: pd.Series, lang: str) -> pd.Series:
    """The vocabulary label of each code (None stays None: an empty cell)."""
    texts = {c: vocabulary.label(domain, c, lang) for c in codes.dropna().unique()}
    return codes.map(texts).astype("object").where(codes.notna(), None)


def parcels_frame(
    parcels: pd.DataFrame,
    plans: list[plans_mod.Plan],
    scores: pd.DataFrame | None = None,
    rules: Any = None,
    today: date | None = None,
    language: str = "zh",
) -> pd.DataFrame:
    """The 低效用地清单 rows: one per parcel, with screening reasons and plan status."""
    df = pd.DataFrame(parcels.drop(columns="geometry", errors="ignore"))
    found = screening.screen(df, scores=scores, rules=rules, today=today, language=language)
    out = pd.DataFrame(index=df.index)
    for key in ("parcel_id", "enterprise", "uscc", "park", "plot_ratio", "start_date"):
        out[key] = _col(df, key)
    area = pd.to_numeric(_col(df, "area_mu"), errors="coerce").astype("float64")
    out["area_mu"] = area.fillna(pd.to_numeric(_col(df, "declared_mu"), errors="coerce"))
    cats = _col(df, "category").astype("object")
    out["category_label"] = _labelled("category", cats, language)
    out["idle_years"] = found["idle_years"]
    out["tax_per_mu"] = found["tax_per_mu"]
    out["reason_text"] = found["reason_text"].replace("", None)
    suggested = plans_mod.suggest_for_parcels(df, found, scores, language)["method"]
    out["suggested"] = suggested.map(lambda m: plans_mod.method_label(m, language) if m else None)
    plan = plans_mod.parcel_plan_columns(plans, df, today)
    out["plan_id"] = plan["plan_id"]
    out["plan_status"] = _labelled("status", plan["plan_status"], language)
    return out


def enterprise_columns(
    scores: pd.DataFrame, lang: str, labels: dict[str, tuple[str, str]] | None = None
) -> list[Column]:
    """Columns of the 企业清单 sheet for the indicators present in ``scores``.

    ``labels`` maps an indicator key to its (Chinese, English) name (from the scoring
    configuration); a key without one is named by :mod:`landplanner.vocabulary`
    (``亩均税收（值）`` / ``亩均税收（得分）``), never by the key itself.
    """
    labels = labels or {}
    spec = list(ENTERPRISE_HEAD)
    for prefix, zh, en, kind in (("value:", "值", "value", "value"),
                                 ("benchmark:", "基准", "benchmark", "value"),
                                 ("points:", "得分", "points", "ratio")):
        for col in scores.columns:
            if str(col).startswith(prefix):
                key = str(col)[len(prefix):]
                pair = labels.get(key)
                label = ((pair[1] if lang == "en" else pair[0]) if pair
                         else vocabulary.label("indicator", key, lang))
                spec.append((col, f"{label}（{zh}）", f"{label} ({en})", kind))
    spec += ENTERPRISE_TAIL
    if "basis" in scores.columns:
        spec.append(("basis", "评价基准", "Benchmark basis", "text"))
    return _columns(spec, lang)


def sorted_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Scores in reading order: by group, then rank; ungraded (T) firms last."""
    if not len(scores) or not {"class", "group", "rank"} <= set(scores.columns):
        return scores
    key = pd.DataFrame(
        {
            "t": scores["class"].astype(object).eq("T").to_numpy(),
            "g": scores["group"].astype(str).to_numpy(),
            "r": pd.to_numeric(scores["rank"], errors="coerce").to_numpy(dtype="float64"),
        },
        index=scores.index,
    )
    return scores.loc[key.sort_values(["t", "g", "r"], kind="stable", na_position="last").index]


def enterprises_frame(scores: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The 企业清单 rows: :func:`sorted_scores` with the evaluation group and the class in
    words of the vocabulary (规上 / 规下 / 租赁, "A 优先发展"), not codes."""
    out = sorted_scores(scores).copy()
    for column, domain in (("group", "group"), ("class", "class")):
        if column in out.columns:
            out[column] = _labelled(domain, out[column].astype("object"), lang)
    return out


def _milestones_text(plan: plans_mod.Plan, today: date, lang: str) -> str:
    late = set(plans_mod.overdue(plan, today).milestones)
    parts = []
    for i, m in enumerate(plan.milestones):
        bits = [m.title]
        if m.done:
            bits.append(messages.text("export.milestone_done", lang, date=m.done.isoformat()))
        elif m.due:
            bits.append(messages.text("export.milestone_due", lang, date=m.due.isoformat()))
        if i in late:
            bits.append(messages.text("export.milestone_late", lang))
        parts.append(" ".join(bits))
    return "；".join(parts) if lang != "en" else "; ".join(parts)


def _account_text(item: dict, lang: str = "zh") -> str:
    """The account's text and entered figures by name (``accounts.entered_text``)."""
    from landplanner.analysis.accounts import entered_text

    return entered_text(item, lang)


def plans_frame(
    plans: list[plans_mod.Plan], parcels: pd.DataFrame, today: date, lang: str = "zh"
) -> pd.DataFrame:
    """The 一企一策 rows: one per plan."""
    ids = _col(parcels, "parcel_id").astype(str)
    area = pd.Series(quota_mod.parcel_area(parcels).to_numpy(), index=ids)
    park = pd.Series(_col(parcels, "park").to_numpy(), index=ids)
    area = area[~area.index.duplicated()].to_dict()
    park = park[~park.index.duplicated()].to_dict()
    rows = []
    for p in plans:
        flags = plans_mod.overdue(p, today)
        shares = quota_mod.plan_mu_by_park(p, area, park)
        pending = [m.due for m in p.milestones if m.done is None and m.due is not None]
        overdue_bits = []
        if flags.milestones:
            overdue_bits.append(messages.text("export.overdue_milestones", lang,
                                              n=len(flags.milestones)))
        if flags.target:
            overdue_bits.append(messages.text("export.overdue_target", lang))
        rows.append(
            {
                "id": p.id,
                "enterprise": p.enterprise,
                "uscc": p.uscc,
                "parcels": "、".join(p.parcel_ids) or None,
                "park": "、".join(sorted(str(k) for k in shares if k is not None)) or None,
                "method": plans_mod.method_label(p.method, lang) or None,
                "reason": p.reason or None,
                "responsible_unit": p.responsible_unit or None,
                "responsible_person": p.responsible_person or None,
                "milestones": _milestones_text(p, today, lang) or None,
                "next_due": min(pending) if pending else None,
                "target_date": p.target_date,
                "mu": sum(shares.values()),
                "expected_tax_after": p.expected_tax_after,
                "status": plans_mod.status_label(p.status, lang),
                "closed_date": p.closed_date,
                "evidence": p.evidence or None,
                "overdue": ("；" if lang != "en" else "; ").join(overdue_bits) or None,
                **{k: _account_text(p.accounts.get(k, {}), lang) or None for k in plans_mod.ACCOUNTS},
                "notes": p.notes or None,
            }
        )
    return pd.DataFrame(rows, columns=[c[0] for c in PLAN_COLUMNS])


def quota_frame(
    parcels: pd.DataFrame, plans: list[plans_mod.Plan], settings: Any, today: date,
    lang: str = "zh",
) -> pd.DataFrame:
    """The 园区进度 rows: :func:`quota.compute` joined with :func:`quota.by_quarter`."""
    table = quota_mod.compute(parcels, plans, settings, today)
    quarters = quota_mod.by_quarter(parcels, plans, settings, today)
    out = table.merge(quarters, on="park", how="left")
    out["park_label"] = out["park"].map(lambda p: quota_mod.park_label(p, lang))
    out["fraction"] = out["percent"] / 100.0
    yes, no = messages.text("export.yes", lang), messages.text("export.no", lang)
    has_target = out["target_mu"].notna()
    out["behind_label"] = np.where(has_target, np.where(out["behind"], yes, no), None)
    return out


def export_workbook(
    project: Project,
    path: str | os.PathLike,
    scores: pd.DataFrame | None = None,
    language: str = "zh",
    progress: Callable[[float, str], bool] | None = None,
    today: date | None = None,
    engine: str | None = None,
    indicator_labels: dict[str, tuple[str, str]] | None = None,
    score_basis: dict[str, str] | None = None,
) -> Path:
    """Write the campaign workbook.

    Parameters
    ----------
    project : Project
        Uses ``parcels``, ``plans`` and ``settings`` (``"screening"``, ``"quota"``).
    path : path-like
        The .xlsx to write (replaced atomically; never the project's source file).
    scores : DataFrame, optional
        Scores as produced by ``analysis.scoring.score``; the 企业清单 sheet is empty
        (headers only) without it, and class D is then not a screening reason.
    language : {"zh", "en"}
        Sheet names, headers and labels.
    progress : callable, optional
        ``progress(fraction, message) -> bool``; returning False cancels.
    today : date, optional
        Reference date for idle years, overdue flags and quotas (default: today).
    engine : {"rustpy", "xlsxwriter"}, optional
        Writer (default: rustpy when installed).
    indicator_labels : dict, optional
        ``{indicator key: (Chinese, English)}`` for the 企业清单 headers, e.g. from the
        scoring configuration's indicators (``label_zh``, ``label_en``).
    score_basis : dict, optional
        ``{group: text}``: how each evaluation group's benchmarks were set, from the scoring
        pipeline (``services.scoring.ScoreResult.basis_by_group``); shown per firm in the
        企业清单 column 评价基准.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    InputError
        When the path is the project's source file or cannot be written, or on cancel
        (code ``cancelled``).
    """
    lang = "en" if str(language).lower().startswith("en") else "zh"
    today = today or date.today()
    target = Path(path)
    source = (getattr(project, "source", None) or {}).get("path")
    if source and target.exists() and Path(source).exists() and target.samefile(source):
        raise InputError(Problem.make("export.same_as_source", "error", path=str(target)))
    settings = getattr(project, "settings", None) or {}
    parcels = project.parcels
    plans = plans_mod.as_plans(getattr(project, "plans", None))
    scores = scores if scores is not None else pd.DataFrame(
        columns=[c[0] for c in ENTERPRISE_HEAD + ENTERPRISE_TAIL]
    )
    if score_basis and len(scores):
        scores = scores.assign(basis=scores["group"].astype(object).map(score_basis))

    def step(fraction: float, sheet: str) -> bool:
        if progress is None:
            return True
        return progress(fraction, messages.text("export.progress", lang, sheet=sheet)) is not False

    def name(key: str) -> str:
        return SHEETS[key][1] if lang == "en" else SHEETS[key][0]

    if not step(0.0, name("parcels")):
        raise _cancelled()
    listed = parcels_frame(parcels, plans, scores, settings.get("screening"), today, lang)
    own = _own_columns(parcels, listed)
    parcel_columns = _columns(PARCEL_COLUMNS, lang) + [Column(c, c, "text") for c in own]
    for c in own:
        listed[c] = parcels[c].to_numpy()
    candidate = _col(pd.DataFrame(parcels.drop(columns="geometry", errors="ignore")),
                     "category").isin(quota_mod.CANDIDATE_CATEGORIES).to_numpy()
    sheets = [
        Sheet(name("parcels"), parcel_columns, listed[candidate]),
        Sheet(name("enterprises"), enterprise_columns(scores, lang, indicator_labels),
              enterprises_frame(scores, lang)),
        Sheet(name("plans"), _columns(PLAN_COLUMNS, lang), plans_frame(plans, parcels, today, lang)),
        Sheet(name("quota"), _columns(QUOTA_COLUMNS, lang),
              quota_frame(parcels, plans, settings, today, lang)),
    ]
    # the campaign's other lists (assets, three accounts, scoreboard, matching), when kept
    from landplanner.export.campaign_sheets import campaign_sheets, has_campaign

    if has_campaign(project):
        sheets += campaign_sheets(project, today, lang)
    if (~candidate).any():  # 其他: kept, last, but not on the list of land to revitalize
        sheets.append(Sheet(name("other"), parcel_columns, listed[~candidate]))
    _print_setup(sheets, settings, today, lang)

    def write_progress(fraction: float, sheet: str) -> bool:
        return step(0.2 + 0.8 * fraction, sheet)

    try:
        ok = write_sheets(sheets, target, engine, write_progress if progress else None)
    except OSError as exc:
        raise InputError(
            Problem.make("export.bad_path", "error", path=str(target), detail=exc.strerror or exc)
        ) from exc
    if not ok:
        raise _cancelled()
    step(1.0, "")
    return target


def _own_columns(parcels: pd.DataFrame, listed: pd.DataFrame) -> list[str]:
    """The file's own columns (``fields.user_columns``) not already on the sheet."""
    from landplanner.fields import user_columns

    return [c for c in user_columns(parcels) if c not in listed.columns]


def _print_setup(sheets: list[Sheet], settings: dict, today: date, lang: str) -> None:
    """Page header (project, year, as-of date) and page-number footer of every sheet."""
    from landplanner.export.xlsx_writers import header_footer_text
    from landplanner.project_settings import ProjectSettings

    typed = ProjectSettings.from_settings(settings)
    project = typed.district_name + (" " if typed.district_name else "")
    for sheet in sheets:
        title = messages.text("export.print_title", lang, project=project, year=typed.year,
                              sheet=sheet.name)
        as_of = messages.text("export.print_as_of", lang, date=today.isoformat())
        sheet.print_header = f"&L{header_footer_text(title)}&R{header_footer_text(as_of)}"
        sheet.print_footer = "&C" + messages.text("export.print_pages", lang)


def _cancelled() -> InputError:
    zh, en = messages.both("export.cancelled")
    return InputError(Problem("cancelled", "error", zh, en))
