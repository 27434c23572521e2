"""Workbook sheets of the campaign's other lists, written with the same helpers as the land
lists (:mod:`landplanner.export.xlsx_writers`):

* 资产清单 / Assets — every asset with its status, lease flag and plan;
* 资产指标 / Asset figures — the four figures against target, district, per owner, per street;
* 三本账 / Three accounts — each plan's figures before and after;
* 三本账汇总 / Account totals — per park and the district;
* 季度大比武 / Scoreboard — every frozen snapshot (parks and units), newest quarter first;
* 项目匹配 / Project matching — candidate land for the incoming projects.

They follow the four land sheets when the project keeps any campaign list
(:func:`has_campaign`).

Every figure comes from the analysis modules (one truth): :mod:`~landplanner.analysis.assets`,
:mod:`~landplanner.analysis.accounts`, :mod:`~landplanner.analysis.scoreboard`,
:mod:`~landplanner.analysis.matching`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis import accounts, assets, matching, scoreboard
from landplanner.analysis.plans import as_plans
from landplanner.analysis.quota import DISTRICT
from landplanner.export.xlsx_writers import Column, Sheet, write_sheets

SHEETS = {
    "assets": ("资产清单", "Assets"),
    "asset_figures": ("资产指标", "Asset figures"),
    "accounts": ("三本账", "Three accounts"),
    "account_totals": ("三本账汇总", "Account totals"),
    "scoreboard": ("季度大比武", "Scoreboard"),
    "matching": ("项目匹配", "Project matching"),
}

ASSET_COLUMNS = [
    (key, *vocabulary.pair("asset_field", key), kind)
    for key, kind in [
        ("asset_id", "text"),
        ("kind_label", "text"),
        ("name", "text"),
        ("owner", "text"),
        ("street", "text"),
        ("village", "text"),
        ("address", "text"),
        ("type_label", "text"),
        ("area_m2", "value"),
        ("rentable_m2", "value"),
        ("status_label", "text"),
        ("tenant", "text"),
        ("rent", "money"),
        ("lease_end", "date"),
        ("lease_text", "text"),
        ("plan_id", "text"),
        ("plan_method", "text"),
        ("responsible_unit", "text"),
        ("plan_status", "text"),
    ]
]
FIGURE_COLUMNS = [
    ("level", "统计范围", "Level", "text"),
    ("group_label", "单位/街道", "Group", "text"),
    ("figure_label", "指标", "Figure", "text"),
    ("numerator", "分子", "Numerator", "value"),
    ("denominator", "分母", "Denominator", "value"),
    ("rate", "比率", "Rate", "percent"),
    ("target", "目标", "Target", "percent"),
    ("met_label", "达标", "Met", "text"),
    ("assets", "资产数", "Assets", "int"),
]
SCORE_COLUMNS = [
    ("quarter", "季度", "Quarter", "text"),
    ("level_label", "类别", "Level", "text"),
    ("rank", "名次", "Rank", "int"),
    ("name", "园区/责任单位", "Park / unit", "text"),
    ("change_label", "较上季度", "vs last quarter", "text"),
    ("points", "得分", "Points", "ratio"),
    ("quarter_mu", "本季度销号（亩）", "Closed this quarter (mu)", "mu"),
    ("ytd_mu", "年内累计销号（亩）", "Closed this year (mu)", "mu"),
    ("target_mu", "年度目标（亩）", "Target (mu)", "mu"),
    ("ytd_percent", "目标完成率", "Share of target", "percent"),
    ("pace", "时序进度比", "Pace", "ratio"),
    ("plans_started", "已启动方案", "Plans started", "int"),
    ("plans_overdue", "逾期方案", "Plans overdue", "int"),
    ("asset_rate", "资产出租率", "Asset letting rate", "percent"),
    ("counted_weight", "计分项权重", "Weight counted", "value"),
    ("as_of", "截至日期", "As of", "text"),
    ("frozen_at", "冻结时间", "Frozen at", "text"),
]
MATCH_COLUMNS = [
    ("project", "项目名称", "Project", "text"),
    ("rank", "推荐顺位", "Rank", "int"),
    ("candidate", "候选编号", "Candidate", "text"),
    ("kind_label", "类型", "Kind", "text"),
    ("parcels", "地块编号", "Parcels", "text"),
    ("area_mu", "面积（亩）", "Area (mu)", "mu"),
    ("park", "园区", "Park", "text"),
    ("land_use", "土地用途", "Land use", "text"),
    ("state_label", "土地状态", "Land state", "text"),
    ("current_tax_per_mu", "现状亩均税收（万元/亩）", "Current tax per mu", "money"),
    ("expected_tax_per_mu", "预期亩均税收（万元/亩）", "Expected tax per mu", "money"),
    ("score", "匹配得分", "Score", "ratio"),
    ("reasons", "推荐理由", "Reasons", "text"),
]


def _ind(project):
    return getattr(project, "indicators", None)


def _settings(project) -> dict:
    return getattr(project, "settings", None) or {}


def _plans(project) -> list:
    return as_plans(getattr(project, "plans", None))


def _columns(spec, lang: str) -> list[Column]:
    return [Column(k, en if lang == "en" else zh, kind) for k, zh, en, kind in spec]


def _name(key: str, lang: str) -> str:
    return SHEETS[key][1] if lang == "en" else SHEETS[key][0]


def asset_rows(project, today: date, lang: str) -> pd.DataFrame:
    """The 资产清单 rows (:func:`assets.asset_view`)."""
    table = getattr(project, "assets", None)
    if table is None or table.empty:
        return pd.DataFrame(columns=[c[0] for c in ASSET_COLUMNS])
    return assets.asset_view(table, _plans(project), today, _settings(project), lang)


def figure_rows(project, today: date, lang: str) -> pd.DataFrame:
    """The 资产指标 rows: district, then per owner unit, then per street."""
    table = getattr(project, "assets", None)
    if table is None or table.empty:
        return pd.DataFrame(columns=[c[0] for c in FIGURE_COLUMNS])
    parts = []
    levels = {None: ("全区", "district"), "owner": ("权属单位", "owner unit"),
              "street": ("街道", "street")}
    for by, (zh, en) in levels.items():
        f = assets.figures(table, _settings(project), None, _plans(project), by, today)
        f["level"] = en if lang == "en" else zh
        parts.append(f)
    out = pd.concat(parts, ignore_index=True)
    district = vocabulary.label("quota", "district", lang)
    out["group_label"] = out["group"].where(out["group"] != "district", district)
    out["figure_label"] = out["figure"].map(lambda f: assets.figure_label(f, lang))
    yes, no = messages.text("assets.met", lang), messages.text("assets.not_met", lang)
    out["met_label"] = np.where(out["rate"].notna(), np.where(out["met"], yes, no), "")
    return out


def account_rows(project, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 三本账 per-plan rows and the per-park totals."""
    table = accounts.plan_accounts(_plans(project), project.parcels, _ind(project))
    totals = accounts.totals(table, "park")
    district = vocabulary.label("quota", "district", lang)
    totals["park"] = totals["park"].where(totals["park"] != DISTRICT, district)
    return table, totals


def account_columns(lang: str, head: list[tuple[str, str, str, str]]) -> list[Column]:
    """Heads plus every before/after figure with its label and unit."""
    cols = _columns(head, lang)
    for key in (*accounts.FIGURES, *accounts.DERIVED):
        kind = "mu" if key == "land_mu" else "ratio" if key == "plot_ratio" else "value"
        for phase in accounts.PHASES:
            cols.append(Column(f"{key}_{phase}", accounts.figure_label(key, phase, lang), kind))
    return cols


def score_rows(project, lang: str) -> pd.DataFrame:
    """Every snapshot's rows, newest quarter first, parks before units."""
    rows = []
    for record in sorted(getattr(project, "snapshots", None) or [],
                         key=lambda s: str(s.get("quarter")), reverse=True):
        for level in scoreboard.LEVELS:
            for r in record.get(level) or []:
                rows.append({**r, "quarter": record.get("quarter"), "as_of": record.get("as_of"),
                             "frozen_at": record.get("frozen_at"),
                             "level_label": messages.text(f"scoreboard.level.{level}", lang),
                             "change_label": scoreboard.change_text(r.get("change"), lang)})
    return pd.DataFrame(rows, columns=sorted({c[0] for c in SCORE_COLUMNS}))


def match_rows(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 项目匹配 rows of a :func:`matching.match` result."""
    out = result.copy()
    out["kind_label"] = out["kind"].map(lambda v: matching.kind_label(v, lang))
    out["state_label"] = out["state"].map(lambda v: matching.state_label(v, lang))
    return out


def has_campaign(project) -> bool:
    """Whether the project keeps any campaign list (assets, incoming projects, snapshots):
    the workbook then gains these sheets; a land-only project keeps its four."""
    return any(len(getattr(project, name, None) if getattr(project, name, None) is not None
                   else ()) for name in ("assets", "incoming", "snapshots"))


def campaign_sheets(project, today: date, lang: str = "zh",
                    match_result: pd.DataFrame | None = None) -> list[Sheet]:
    """The campaign sheets for :func:`landplanner.export.xlsx_export.export_workbook`.

    The matching sheet uses ``match_result`` or, when the project holds incoming projects,
    :func:`matching.match` on them.
    """
    table, totals = account_rows(project, lang)
    head = [("plan_id", "方案编号", "Plan", "text"), ("enterprise", "企业名称", "Enterprise", "text"),
            ("park", "园区", "Park", "text"), ("responsible_unit", "责任单位", "Responsible unit", "text")]
    total_head = [("park", "园区", "Park", "text"), ("plans", "方案数", "Plans", "int")]
    if match_result is None:
        incoming = getattr(project, "incoming", None)
        match_result = (matching.match(incoming, project.parcels, _plans(project), _ind(project),
                                       _settings(project), lang)
                        if incoming is not None and len(incoming) else
                        pd.DataFrame(columns=list(matching.RESULT_COLUMNS)))
    return [
        Sheet(_name("assets", lang), _columns(ASSET_COLUMNS, lang), asset_rows(project, today, lang)),
        Sheet(_name("asset_figures", lang), _columns(FIGURE_COLUMNS, lang),
              figure_rows(project, today, lang)),
        Sheet(_name("accounts", lang), account_columns(lang, head), table),
        Sheet(_name("account_totals", lang), account_columns(lang, total_head), totals),
        Sheet(_name("scoreboard", lang), _columns(SCORE_COLUMNS, lang), score_rows(project, lang)),
        Sheet(_name("matching", lang), _columns(MATCH_COLUMNS, lang), match_rows(match_result, lang)),
    ]


def write_match_workbook(result: pd.DataFrame, path: str | Path, lang: str = "zh") -> Path:
    """Write only the 项目匹配 sheet (``landplanner match --xlsx``)."""
    sheet = Sheet(_name("matching", lang), _columns(MATCH_COLUMNS, lang), match_rows(result, lang))
    write_sheets([sheet], path)
    return Path(path)
