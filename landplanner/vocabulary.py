"""The one catalogue of codes and their Chinese and English labels.

Every coded value a person can see — a parcel's category, an enterprise's 亩均 class, a plan's
status and disposal method, an evaluation group, an indicator, a quota figure, a parcel field —
is stored as a code and shown through :func:`label`. The map legend, the attribute table, the
details panel, the plan history, the Excel workbook, the CLI and print all read this module,
so one code has one wording per language everywhere. No label lives anywhere else; Qt
Linguist (``.ts``) is only for UI-only strings (menus, buttons, dialog texts).

API
---
``label(domain, code, lang=None)``
    The label in ``lang`` (default: :func:`landplanner.messages.language`); ``''`` for
    ``None``/NaN, ``str(code)`` for a code the domain does not know.
``codes(domain)``
    The codes in display order.
``labels(domain, lang=None)``
    ``{code: label}`` in display order.
``code_for(domain, text)``
    The code of a label in either language, of a code itself, or of a legacy spelling
    (``'闲置'``, ``'未启动'``, ``'above'``, ``'supervised'`` …); ``None`` when not recognised.
``unit(domain, code, lang=None)`` / ``header(domain, code, lang=None)``
    The unit of a figure (``'亩'`` / ``'mu'``) and a column header with it
    (``'已销号（亩）'`` / ``'Closed (mu)'``).
``missing_label(domain, lang=None)``
    What to show where a value is missing and that means something (``无方案`` for a parcel
    without a plan, ``未评价`` for a parcel without a class); ``''`` for other domains.

Wording rules chosen here
-------------------------
* Class C is "监管调控" / "Regulated" everywhere (no "supervised"); the class label carries
  the letter: "C 监管调控" / "C Regulated". ``band`` holds the names without the letter
  (the default band names of the scoring configuration).
* Quota terms (one set for the panel, the CLI text and JSON labels, the workbook and print):
  目标 / Target, 已销号 / Closed (plans ticked off this year), 推进中 / In progress (plans
  推进中 or 已完成 but not yet ticked off), 未启动 / Not started (plans not started),
  无方案候选地块 / Candidates without a plan, 完成率 / Completion, 预计全年 / Projected
  year-end, 进度滞后 / Behind pace. The words of the plan statuses are reused on purpose: the
  figures count plans in those statuses. JSON keys stay the codes (``done_mu`` …).
* Evaluation groups: 规上 / 规下 / 租赁 — "Above designated size", "Below designated size",
  "Renting".
* Chinese labels contain no English words (units included: 比值, not "ratio").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from landplanner import messages

# domain -> {code: (Chinese, English)}, in display order
_CATALOGUE: dict[str, dict[str, tuple[str, str]]] = {
    "category": {
        "idle": ("闲置土地", "Idle land"),
        "low_efficiency": ("低效用地", "Low-efficiency land"),
        "unsupplied": ("征而未供/批而未供", "Approved, not supplied"),
        "other": ("其他", "Other"),
    },
    "class": {
        "A": ("A 优先发展", "A Priority development"),
        "B": ("B 鼓励提升", "B Encouraged to improve"),
        "C": ("C 监管调控", "C Regulated"),
        "D": ("D 落后整治", "D To be rectified"),
        "T": ("T 不参评", "T Not graded"),
        "unscored": ("未评价", "Not scored"),
    },
    "band": {
        "A": ("优先发展", "Priority development"),
        "B": ("鼓励提升", "Encouraged to improve"),
        "C": ("监管调控", "Regulated"),
        "D": ("落后整治", "To be rectified"),
        "T": ("不参评", "Not graded"),
    },
    "status": {
        "not_started": ("未启动", "Not started"),
        "in_progress": ("推进中", "In progress"),
        "completed": ("已完成", "Completed"),
        "closed": ("已销号", "Closed"),
    },
    "method": {
        "recover_free": ("依法无偿收回", "Recover without compensation"),
        "buy_back": ("协议有偿收回、收购储备", "Negotiated buy-back / land reserve"),
        "deadline": ("限期开发、延长动工期限", "Development deadline / extended start date"),
        "change_use": ("调整用途或规划条件", "Change of use or planning conditions"),
        "temporary_use": ("政府安排临时使用", "Temporary use arranged by the government"),
        "swap": ("协议置换", "Negotiated land swap"),
        "self_upgrade": ("企业自主技改、二次开发、增容、工业上楼",
                         "Owner upgrade / redevelopment / densification"),
        "merge": ("兼并重组", "Merger and restructuring"),
        "transfer": ("转让", "Transfer"),
        "lease": ("出租、招商引资", "Lease / invite investment"),
        "regularize_tax": ("税收规范", "Regularize tax booking"),
        "exit": ("关停退出、腾笼换鸟", "Closure and exit / replace the industry"),
        "supply": ("供地", "Supply the land"),
        "withdraw_approval": ("撤回、核销批文", "Withdraw or cancel the approval"),
    },
    "group": {
        "above": ("规上", "Above designated size"),
        "below": ("规下", "Below designated size"),
        "renting": ("租赁", "Renting"),
    },
    "indicator": {
        "tax_per_mu": ("亩均税收", "Tax per mu"),
        "sales_per_mu": ("亩均销售", "Taxable sales per mu"),
        "value_added_per_mu": ("亩均增加值", "Value added per mu"),
        "tax_per_energy": ("单位能耗税收", "Tax per unit of energy"),
        "value_added_per_energy": ("单位能耗增加值", "Value added per unit of energy"),
        "tax_per_emission": ("单位排放税收", "Tax per unit of emissions"),
        "value_added_per_emission": ("单位排放增加值", "Value added per unit of emissions"),
        "labour_productivity": ("全员劳动生产率", "Labour productivity"),
        "rd_share": ("研发经费支出占主营业务收入比重", "R&D share of revenue"),
        "tax_per_electricity": ("单位用电税收", "Tax per unit of electricity"),
    },
    "quota": {
        "park": ("园区", "Park"),
        "target_mu": ("目标", "Target"),
        "done_mu": ("已销号", "Closed"),
        "in_progress_mu": ("推进中", "In progress"),
        "planned_mu": ("未启动", "Not started"),
        "candidate_mu": ("无方案候选地块", "Candidates without a plan"),
        "percent": ("完成率", "Completion"),
        "projected_mu": ("预计全年", "Projected year-end"),
        "behind": ("进度滞后", "Behind pace"),
        "Q1": ("一季度", "Q1"),
        "Q2": ("二季度", "Q2"),
        "Q3": ("三季度", "Q3"),
        "Q4": ("四季度", "Q4"),
        "district": ("全区", "District"),
    },
    "plan_field": {
        "created": ("创建方案", "Plan created"),
        "id": ("方案编号", "Plan"),
        "uscc": ("统一社会信用代码", "Credit code (USCC)"),
        "enterprise": ("企业名称", "Enterprise"),
        "parcel_ids": ("地块编号", "Parcels"),
        "method": ("处置方式", "Disposal method"),
        "reason": ("闲置/低效原因", "Reason"),
        "responsible_unit": ("责任单位", "Responsible unit"),
        "responsible_person": ("责任人", "Responsible person"),
        "milestones": ("节点计划", "Milestones"),
        "target_date": ("完成时限", "Target date"),
        "mu_to_free": ("盘活面积", "Land to free"),
        "expected_tax_after": ("盘活后预期税收", "Expected tax after"),
        "accounts": ("三本账", "Three accounts"),
        "status": ("状态", "Status"),
        "closed_date": ("销号日期", "Closed on"),
        "evidence": ("销号佐证", "Evidence"),
        "notes": ("备注", "Notes"),
        "subject_kind": ("处置对象类型", "Subject kind"),
        "subject_id": ("处置对象编号", "Subject"),
    },
    "subject_kind": {
        "parcel": ("地块", "Parcel"),
        "asset": ("资产", "Asset"),
    },
    "account": {
        "economic": ("经济账", "Economic account"),
        "resource": ("资源账", "Resource account"),
        "environment": ("环境账", "Environmental account"),
    },
    "field": {
        "parcel_id": ("地块编号", "Parcel ID"),
        "enterprise": ("企业名称", "Enterprise"),
        "uscc": ("统一社会信用代码", "Credit code (USCC)"),
        "park": ("园区", "Park"),
        "category": ("类别", "Category"),
        "land_use": ("土地用途", "Land use"),
        "declared_mu": ("申报面积", "Declared area"),
        "plot_ratio": ("容积率", "Plot ratio"),
        "supply_date": ("供地日期", "Supply date"),
        "start_date": ("约定动工日期", "Agreed start date"),
        "tax_wan": ("税收", "Tax"),
        "area_mu": ("图形面积", "Mapped area"),
        "score": ("综合得分", "Score"),
        "rank": ("排名", "Rank"),
        "class": ("亩均等级", "Class"),
        "group": ("评价组", "Group"),
        "plan_id": ("方案编号", "Plan"),
        "plan_status": ("方案状态", "Plan status"),
        "method": ("处置方式", "Disposal method"),
        "status": ("状态", "Status"),
        "reason": ("说明", "Reason"),
        "land_mu": ("用地面积", "Land"),
    },
    # the campaign's other lists (issue 13): assets, three accounts, scoreboard, matching
    # the columns of the asset list (资产清单), in the table and the workbook alike
    "asset_field": {
        "asset_id": ("资产编号", "Asset ID"),
        "kind_label": ("类别", "Kind"),
        "name": ("资产名称", "Name"),
        "owner": ("权属单位", "Owner unit"),
        "street": ("街道", "Street"),
        "village": ("村/社区", "Village"),
        "address": ("坐落", "Address"),
        "type_label": ("资产类型", "Type"),
        "area_m2": ("面积（m²）", "Area (m²)"),
        "rentable_m2": ("可出租面积（m²）", "Rentable (m²)"),
        "status_label": ("状态", "Status"),
        "tenant": ("承租人", "Tenant"),
        "rent": ("租金（元/m²/月）", "Rent (yuan/m²/month)"),
        "lease_end": ("租期止", "Lease ends"),
        "lease_text": ("租约提示", "Lease"),
        "plan_id": ("方案编号", "Plan"),
        "plan_method": ("处置方式", "Method"),
        "responsible_unit": ("责任单位", "Responsible unit"),
        "plan_status": ("方案状态", "Plan status"),
    },
    "asset_kind": {
        "state": ("国有资产", "State-owned assets"),
        "collective": ("农村集体资产资源", "Rural collective assets"),
    },
    "asset_status": {
        "rented": ("出租", "Rented"),
        "contracted": ("发包", "Contracted out"),
        "idle": ("闲置", "Idle"),
        "self_use": ("自用", "Own use"),
        "sold": ("出售", "Sold"),
        "pending": ("待处置", "Awaiting disposal"),
    },
    "asset_type": {
        "plant": ("厂房", "Plant"),
        "shop": ("商铺", "Shop"),
        "office": ("办公用房", "Office"),
        "land": ("土地", "Land"),
        "pond": ("鱼塘", "Pond"),
        "residential": ("住宅", "Residential"),
        "other": ("其他", "Other"),
    },
    "asset_figure": {
        "state_disposal": ("国有资产去化率", "State assets: idle revitalized"),
        "state_occupancy": ("国有资产出租率", "State assets: rented"),
        "collective_revitalize": ("农村集体闲置资产资源盘活率", "Collective assets: idle revitalized"),
        "collective_occupancy": ("农村集体资产资源出租（发包）率",
                                 "Collective assets: rented or contracted"),
    },
    "milestone_state": {
        "done": ("已完成", "done"),
        "late": ("逾期", "overdue"),
        "open": ("未到期", "open"),
    },
    "account_figure": {
        "tax": ("税收", "Tax"),
        "sales": ("应税销售", "Sales"),
        "land_mu": ("用地面积", "Land"),
        "floor_m2": ("建筑面积", "Floor area"),
        "energy": ("综合能耗", "Energy"),
        "emissions": ("主要污染物排放", "Emissions"),
        "tax_per_mu": ("亩均税收", "Tax per mu"),
        "sales_per_mu": ("亩均销售", "Sales per mu"),
        "plot_ratio": ("容积率", "Plot ratio"),
        "energy_per_wan": ("单位销售能耗", "Energy per 10,000 yuan of sales"),
        "emissions_per_wan": ("单位销售排放", "Emissions per 10,000 yuan of sales"),
        "rent": ("租金收入", "Rent income"),
        "used_m2": ("盘活利用面积", "Area put to use"),
    },
    "board_item": {
        "quarter_mu": ("本季度销号（亩）", "Closed this quarter (mu)"),
        "ytd_mu": ("年内累计销号（亩）", "Closed this year (mu)"),
        "target_mu": ("年度目标（亩）", "Target (mu)"),
        "ytd_percent": ("目标完成率", "Share of target"),
        "pace": ("时序进度比", "Pace"),
        "plans": ("方案数", "Plans"),
        "plans_started": ("已启动方案", "Plans started"),
        "started_share": ("启动率", "Share started"),
        "plans_overdue": ("逾期方案", "Plans overdue"),
        "overdue_share": ("逾期率", "Share overdue"),
        "asset_rate": ("资产出租率", "Asset letting rate"),
    },
    "match_state": {
        "freed": ("已腾出", "Freed"),
        "being_freed": ("正在腾出", "Being freed"),
        "unsupplied": ("待供应（征而未供/批而未供）", "Ready to supply (unsupplied)"),
    },
    "match_kind": {
        "parcel": ("单宗地块", "Parcel"),
        "group": ("成片地块", "Group of parcels"),
    },
}

# (domain, code) -> (Chinese unit, English unit)
_UNITS: dict[tuple[str, str], tuple[str, str]] = {
    ("indicator", "tax_per_mu"): ("万元/亩", "10k yuan/mu"),
    ("indicator", "sales_per_mu"): ("万元/亩", "10k yuan/mu"),
    ("indicator", "value_added_per_mu"): ("万元/亩", "10k yuan/mu"),
    ("indicator", "tax_per_energy"): ("万元/吨标煤", "10k yuan/t coal equivalent"),
    ("indicator", "value_added_per_energy"): ("万元/吨标煤", "10k yuan/t coal equivalent"),
    ("indicator", "tax_per_emission"): ("万元/吨", "10k yuan/t"),
    ("indicator", "value_added_per_emission"): ("万元/吨", "10k yuan/t"),
    ("indicator", "labour_productivity"): ("万元/人·年", "10k yuan/person·year"),
    ("indicator", "rd_share"): ("比值", "ratio"),
    ("indicator", "tax_per_electricity"): ("万元/万千瓦时", "10k yuan/10k kWh"),
    ("quota", "target_mu"): ("亩", "mu"),
    ("quota", "done_mu"): ("亩", "mu"),
    ("quota", "in_progress_mu"): ("亩", "mu"),
    ("quota", "planned_mu"): ("亩", "mu"),
    ("quota", "candidate_mu"): ("亩", "mu"),
    ("quota", "projected_mu"): ("亩", "mu"),
    ("quota", "Q1"): ("亩", "mu"),
    ("quota", "Q2"): ("亩", "mu"),
    ("quota", "Q3"): ("亩", "mu"),
    ("quota", "Q4"): ("亩", "mu"),
    ("plan_field", "mu_to_free"): ("亩", "mu"),
    ("plan_field", "expected_tax_after"): ("万元", "10k yuan"),
    ("field", "declared_mu"): ("亩", "mu"),
    ("field", "area_mu"): ("亩", "mu"),
    ("field", "land_mu"): ("亩", "mu"),
    ("field", "tax_wan"): ("万元", "10k yuan"),
}

# domain -> (Chinese, English) shown where the value is missing and that is meaningful
_MISSING: dict[str, tuple[str, str]] = {
    "status": ("无方案", "No plan"),
    "class": _CATALOGUE["class"]["unscored"],
    "method": ("—", "—"),
}

# Legacy and source spellings accepted by code_for (besides codes and both labels).
_ALIASES: dict[str, dict[str, str]] = {
    "category": {
        "闲置": "idle", "idle land": "idle", "低效": "low_efficiency",
        "low efficiency": "low_efficiency", "low-efficiency": "low_efficiency",
        "批而未供": "unsupplied", "征而未供": "unsupplied", "未供": "unsupplied",
        "unsupplied": "unsupplied", "approved, not supplied": "unsupplied",
    },
    "class": {
        "a priority development": "A", "b encouraged to improve": "B", "c supervised": "C",
        "c regulated": "C", "d rectification": "D", "d backward, to be rectified": "D",
        "t not graded": "T", "不参评": "T", "未评价": "unscored", "no class": "unscored",
    },
    "band": {
        "supervised": "C", "rectification": "D", "backward, to be rectified": "D",
    },
    "status": {
        "not started": "not_started", "in progress": "in_progress", "done": "completed",
        "closed (ticked off)": "closed", "销号": "closed",
    },
    "group": {
        "规模以上": "above", "规上企业": "above", "规模以上企业": "above",
        "above designated size": "above", "规模以下": "below", "规下企业": "below",
        "规模以下企业": "below", "below designated size": "below", "租赁厂房": "renting",
        "租赁企业": "renting", "rent": "renting", "tenant": "renting",
    },
    "indicator": {"r&d占比": "rd_share", "r&d经费支出占主营业务收入比重": "rd_share",
                  "研发占比": "rd_share"},
    "quota": {
        "已计划": "planned_mu", "planned": "planned_mu", "待处置": "candidate_mu",
        "候选": "candidate_mu", "未制定方案的候选地块": "candidate_mu", "candidates": "candidate_mu",
        "done": "done_mu", "滞后": "behind", "behind": "behind", "district": "district",
    },
}

DOMAINS = tuple(_CATALOGUE)


def _lang(lang: str | None) -> str:
    return "en" if (lang or messages.language()) == "en" else "zh"


def _is_missing(code: object) -> bool:
    if code is None:
        return True
    if isinstance(code, float) and math.isnan(code):
        return True
    try:
        return bool(code != code)  # pd.NA, NaT
    except (TypeError, ValueError):
        return False


def _domain(domain: str) -> dict[str, tuple[str, str]]:
    try:
        return _CATALOGUE[domain]
    except KeyError:
        raise KeyError(f"unknown vocabulary domain {domain!r} (known: {', '.join(DOMAINS)})") from None


def pair(domain: str, code: str) -> tuple[str, str]:
    """``(Chinese, English)`` of a known code (``KeyError`` for an unknown one)."""
    return _domain(domain)[code]


def label(domain: str, code: object, lang: str | None = None) -> str:
    """The label of ``code`` in ``lang``; ``''`` for None/NaN, ``str(code)`` when unknown.

    A legacy spelling of a code (``'未启动'``, ``'above'``) is shown as that code's label.
    """
    if _is_missing(code):
        return ""
    table = _domain(domain)
    key = code if isinstance(code, str) and code in table else code_for(domain, code)
    if key is None:
        return str(code)
    zh, en = table[key]
    return en if _lang(lang) == "en" else zh


def codes(domain: str) -> list[str]:
    """The codes of ``domain`` in display order."""
    return list(_domain(domain))


def labels(domain: str, lang: str | None = None) -> dict[str, str]:
    """``{code: label}`` of ``domain`` in display order."""
    i = 1 if _lang(lang) == "en" else 0
    return {code: pair_[i] for code, pair_ in _domain(domain).items()}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).lower()


_LOOKUP: dict[str, dict[str, str]] = {}


def _lookup(domain: str) -> dict[str, str]:
    found = _LOOKUP.get(domain)
    if found is None:
        found = {}
        for code, (zh, en) in _domain(domain).items():
            for word in (code, zh, en):
                found.setdefault(_norm(word), code)
        for word, code in _ALIASES.get(domain, {}).items():
            found.setdefault(_norm(word), code)
        _LOOKUP[domain] = found
    return found


def words(domain: str) -> dict[str, str]:
    """Every word :func:`code_for` accepts, normalised (stripped, lower case) → its code."""
    return dict(_lookup(domain))


def code_for(domain: str, text: object) -> str | None:
    """The code that ``text`` names (a code, a label in either language or a legacy word)."""
    if _is_missing(text):
        return None
    return _lookup(domain).get(_norm(str(text)))


def unit(domain: str, code: str, lang: str | None = None) -> str:
    """The unit of a figure (``'亩'``, ``'万元/亩'``; English ``'mu'`` …), ``''`` when none."""
    zh, en = _UNITS.get((domain, code), ("", ""))
    return en if _lang(lang) == "en" else zh


def header(domain: str, code: str, lang: str | None = None) -> str:
    """A column header: the label with its unit, ``'已销号（亩）'`` / ``'Closed (mu)'``."""
    text = label(domain, code, lang)
    u = unit(domain, code, lang)
    if not u:
        return text
    return f"{text} ({u})" if _lang(lang) == "en" else f"{text}（{u}）"


def form_label(domain: str, code: str, lang: str | None = None) -> str:
    """A form row's label: the header followed by the language's colon, ``'盘活面积（亩）：'``."""
    return header(domain, code, lang) + (":" if _lang(lang) == "en" else "：")


def missing_label(domain: str, lang: str | None = None) -> str:
    """What a missing value of ``domain`` reads as (``'无方案'``), ``''`` when nothing."""
    zh, en = _MISSING.get(domain, ("", ""))
    return en if _lang(lang) == "en" else zh


_NO_CRS_NAMES = {"", "unknown", "undefined", "none", "null"}


def crs_label(name: object = None, epsg: object = None, lang: str | None = None) -> str:
    """A coordinate system as a person reads it: ``EPSG:4549 CGCS2000 / …``, or
    ``未知坐标系`` / ``unknown coordinate system`` — never the placeholder name "unknown"
    (which the loader and pyproj give a CRS without a name) inside a Chinese sentence."""
    text = "" if _is_missing(name) else str(name).strip()
    if text.lower() in _NO_CRS_NAMES:
        text = ""
    code = f"EPSG:{epsg}" if not _is_missing(epsg) and str(epsg).strip() else ""
    if not text and not code:
        return "unknown coordinate system" if _lang(lang) == "en" else "未知坐标系"
    if not text:
        return code
    return f"{code} {text}" if code else text


def labels_of(domain: str, values: Iterable[object], lang: str | None = None) -> list[str]:
    """:func:`label` of each value (one lookup per distinct value)."""
    cache: dict[object, str] = {}
    out = []
    for v in values:
        key = v if not _is_missing(v) else None
        try:
            text = cache[key]
        except (KeyError, TypeError):
            text = label(domain, v, lang)
            try:
                cache[key] = text
            except TypeError:
                pass
        out.append(text)
    return out
