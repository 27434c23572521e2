"""一企一策 atlas: one page per enterprise (or parcel, or park), a cover and a contents list.

The page list comes from the records (:func:`atlas_records`), not from a map layer: each
record is one page, the export counts the pages it drew and the pages in the written file
against that list, so a page is never duplicated or missing. Pages can be filtered
(:func:`parse_filter`: ``class=D``, ``park=…``, ``overdue``, ``status=…``, ``category=…``),
chosen by key, and written as one PDF, one file per page or one PDF per park.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from landplanner import messages
from landplanner.layout import export as ex
from landplanner.layout.data import MapData, scoring_config
from landplanner.layout.model import Layout, round_scale
from landplanner.layout.paint import BODY_PT, SMALL_PT, Page, Placed, nice_step
from landplanner.problems import Problem
from landplanner.render.context import MapView, RenderContext, StopFlag
from landplanner.render.draw import draw_features, draw_parks

messages.register({
    "atlas.cover_title": ("一企一策档案", "One enterprise, one plan: case files"),
    "atlas.cover_by": ("按{by}编排，共 {n} 份", "one page per {by}, {n} records"),
    "atlas.by.enterprise": ("企业", "enterprise"),
    "atlas.by.parcel": ("地块", "parcel"),
    "atlas.by.park": ("园区", "park"),
    "atlas.filter": ("筛选条件：{value}", "Filter: {value}"),
    "atlas.contents": ("目  录", "Contents"),
    "atlas.contents_head": ("序号|名称|园区|等级|方案状态|页码", "No.|Name|Park|Class|Plan|Page"),
    "atlas.page_no": ("第 {page} 页 / 共 {total} 页", "page {page} of {total}"),
    "atlas.header": ("一企一策档案 · {park}", "Case file · {park}"),
    "atlas.uscc": ("统一社会信用代码：{value}", "USCC: {value}"),
    "atlas.basic": ("一、基本情况", "1. Facts"),
    "atlas.parcels": ("地块", "Parcels"),
    "atlas.area": ("用地面积", "Land area"),
    "atlas.mu": ("{value:,.2f} 亩", "{value:,.2f} mu"),
    "atlas.category": ("用地类别", "Category"),
    "atlas.score": ("亩均评价", "Per-mu evaluation"),
    "atlas.score_value": ("{score} 分，{cls} 类，排名 {rank}/{of}",
                          "{score} points, class {cls}, rank {rank} of {of}"),
    "atlas.not_scored": ("未评价", "not scored"),
    "atlas.indicator_head": ("指标|数值|基准|得分", "Indicator|Value|Benchmark|Points"),
    "atlas.plan": ("二、处置方案", "2. Plan"),
    "atlas.no_plan": ("尚未制定处置方案", "no plan yet"),
    "atlas.overdue": ("（已逾期）", " (overdue)"),
    "atlas.milestones_head": ("节点|计划时间|完成时间|状态", "Milestone|Due|Done|State"),
    "atlas.ms_done": ("已完成", "done"),
    "atlas.ms_late": ("逾期", "overdue"),
    "atlas.ms_open": ("未到期", "open"),
    "atlas.accounts": ("三、三本账", "3. The three accounts"),
    "atlas.closing": ("四、销号情况", "4. Closing"),
    "atlas.closing_no_plan": ("三、销号情况", "3. Closing"),
    "atlas.closed": ("已销号（{date}）；佐证材料：{evidence}", "closed on {date}; evidence: {evidence}"),
    "atlas.not_closed": ("未销号", "not closed"),
    "atlas.locator": ("区位图（灰色为相邻地块，虚线为园区边界）",
                      "Location (neighbours in grey, park boundary dashed)"),
    "atlas.sign": ("填报人：__________    审核人：__________    日期：____年__月__日",
                   "Prepared by: ________   Checked by: ________   Date: __________"),
    "atlas.bad_by": ("--by “{value}” 无效（可选：企业、地块、园区）",
                     "invalid --by '{value}' (enterprise, parcel or park)"),
    "atlas.bad_split": ("--split “{value}” 无效（可选：一个文件、每页一个文件、每个园区一个文件）",
                        "invalid --split '{value}' (none, page or park)"),
    "atlas.bad_filter": ("筛选条件“{value}”无法识别；可用：等级=D、园区=园区名、状态=推进中、"
                         "类别=闲置土地、逾期，多个条件用“，”连接",
                         "cannot read the filter '{value}'; use class=D, park=NAME, "
                         "status=in_progress, category=idle, overdue, joined by ',' or 'and'"),
    "atlas.empty": ("没有符合条件的记录，未生成档案", "no record matches; no atlas was written"),
    "atlas.unknown_pages": ("以下页不在记录中：{keys}", "these pages are not among the records: {keys}"),
})

BY = ("enterprise", "parcel", "park")
SPLITS = ("none", "page", "park")
FILTER_FIELDS = {"class": "class", "park": "park", "status": "plan_status",
                 "category": "category", "enterprise": "enterprise", "uscc": "uscc",
                 "等级": "class", "园区": "park", "状态": "plan_status", "方案状态": "plan_status",
                 "类别": "category", "用地类别": "category", "企业": "enterprise",
                 "信用代码": "uscc"}


@dataclass
class AtlasRecord:
    """One page: its key, title, park and the parcel rows (positions) it covers."""

    key: str
    title: str
    park: str
    rows: np.ndarray
    uscc: str | None = None
    plan: object | None = None


@dataclass
class AtlasResult:
    """Files written and the pages in each."""

    files: list[Path] = field(default_factory=list)
    pages: int = 0
    records: int = 0


# ------------------------------------------------------------------ records


def parse_filter(expr: str | None) -> list[tuple[str, set[str] | None]]:
    """Terms of a filter: ``[(column, allowed values)]``; ``("overdue", None)`` for overdue."""
    if not expr or not expr.strip():
        return []
    terms = []
    for part in re.split(r"\s*(?:,|，|;|；|&|\band\b)\s*", expr.strip()):
        if not part:
            continue
        if part.lower() in ("overdue", "逾期"):
            terms.append(("overdue", None))
            continue
        m = re.fullmatch(r"\s*([A-Za-z_]+|[\u4e00-\u9fff]+)\s*(?:=|==|＝)\s*(.+?)\s*", part)
        if not m or m.group(1).lower() not in FILTER_FIELDS:
            raise ex.ExportError(Problem.make("atlas.bad_filter", "error", value=expr))
        column = FILTER_FIELDS[m.group(1).lower()]
        values = {v.strip() for v in m.group(2).split("|") if v.strip()}
        domain = {"class": "class", "plan_status": "status", "category": "category"}.get(column)
        if domain:  # 推进中, 闲置土地 … are read as their codes
            from landplanner import vocabulary

            values = {vocabulary.code_for(domain, v) or v for v in values}
        terms.append((column, values))
    return terms


def filter_mask(frame: pd.DataFrame, terms) -> np.ndarray:
    """Parcels matching every term (values compared as codes or as written in the data)."""
    mask = np.ones(len(frame), dtype=bool)
    for column, values in terms:
        if column == "overdue":
            mask &= frame["overdue"].fillna(False).astype(bool).to_numpy()
            continue
        if column not in frame:
            mask &= False
            continue
        col = frame[column].astype("object").where(frame[column].notna(), "")
        lowered = {v.lower() for v in values}
        mask &= col.astype(str).str.strip().str.lower().isin(lowered).to_numpy()
    return mask


def atlas_records(data: MapData, by: str = "enterprise", filter_expr: str | None = None,
                  pages: Sequence[str] | None = None) -> list[AtlasRecord]:
    """The pages: one per enterprise (USCC, else name), parcel or park, in park order."""
    if by not in BY:
        raise ex.ExportError(Problem.make("atlas.bad_by", "error", value=by))
    frame = data.parcels
    mask = filter_mask(frame, parse_filter(filter_expr))
    plans = list(getattr(data.project, "plans", None) or [])
    # the one plan-of-parcel rule (plans.parcel_plan_columns), computed in the page data
    plan_of = [None if pd.isna(v) else int(v) for v in frame["plan_index"]] \
        if "plan_index" in frame else [None] * len(frame)
    parks = frame["park"].astype("object").where(frame["park"].notna(), "") \
        if "park" in frame else pd.Series([""] * len(frame))
    records: list[AtlasRecord] = []
    positions = np.flatnonzero(mask)
    if by == "parcel":
        ids = frame["parcel_id"].astype(str).to_numpy() if "parcel_id" in frame \
            else np.array([str(i) for i in range(len(frame))])
        for pos in positions:
            idx = plan_of[pos]
            ent = frame["enterprise"].iloc[pos] if "enterprise" in frame else None
            title = ids[pos] + (f"  {ent}" if isinstance(ent, str) and ent else "")
            uscc = frame["uscc"].iloc[pos] if "uscc" in frame else None
            records.append(AtlasRecord(ids[pos], title, str(parks.iloc[pos]),
                                       np.array([pos]),
                                       uscc=uscc if isinstance(uscc, str) and uscc else None,
                                       plan=plans[idx] if idx is not None else None))
    elif by == "park":
        for park in pd.unique(parks.iloc[positions]):
            rows = positions[(parks.iloc[positions] == park).to_numpy()]
            records.append(AtlasRecord(str(park) or "—", str(park) or "—", str(park), rows))
    else:
        uscc = frame["uscc"] if "uscc" in frame else pd.Series([None] * len(frame))
        names = frame["enterprise"] if "enterprise" in frame else pd.Series([None] * len(frame))
        keys = [u if isinstance(u, str) and u else (n if isinstance(n, str) and n else None)
                for u, n in zip(uscc.iloc[positions], names.iloc[positions], strict=True)]
        groups: dict[str, list[int]] = {}
        for key, pos in zip(keys, positions, strict=True):
            if key is not None:
                groups.setdefault(key, []).append(int(pos))
        for key, rows in groups.items():
            first = rows[0]
            name = names.iloc[first]
            # the enterprise's plan: the most advanced one covering any of its parcels
            found = [plan_of[r] for r in rows if plan_of[r] is not None]
            idx = max(found, key=lambda i: (_step(plans[i]), -i)) if found else None
            records.append(AtlasRecord(
                key, str(name) if isinstance(name, str) and name else key,
                str(parks.iloc[first]), np.array(rows),
                uscc=uscc.iloc[first] if isinstance(uscc.iloc[first], str) else None,
                plan=plans[idx] if idx is not None else None))
    records.sort(key=lambda r: (r.park, r.title))
    if pages:
        wanted = [str(p) for p in pages]
        by_key = {r.key: r for r in records}
        unknown = [k for k in wanted if k not in by_key]
        if unknown:
            raise ex.ExportError(Problem.make("atlas.unknown_pages", "error",
                                              keys="、".join(unknown[:10])))
        seen: set[str] = set()
        records = [by_key[k] for k in wanted if not (k in seen or seen.add(k))]
    return records


def _step(plan) -> int:
    from landplanner.analysis.plans import STATUS_ORDER

    return STATUS_ORDER.index(plan.status) if plan.status in STATUS_ORDER else -1


# ------------------------------------------------------------------ painting


def _label(domain: str, code, lang=None) -> str:
    """Words for a code, from the one catalogue (:mod:`landplanner.vocabulary`)."""
    from landplanner import vocabulary

    if code is None or (isinstance(code, float) and math.isnan(code)) or code == "":
        return "—"
    return vocabulary.label(domain, code, lang) or "—"


def _field(name: str) -> str:
    """A plan field's name on the sheet: the catalogue's, as in the plan editor and the workbook."""
    from landplanner import vocabulary

    return vocabulary.label("plan_field", name)


def _kv(page: Page, x: float, y: float, w: float, key: str, value: str, key_w: float = 30.0,
        wrap_lines: int = 1) -> float:
    h = 5.6 * wrap_lines
    page.box(QRectF(x, y, key_w, h), 0.2, QColor("#f2f2f2"), "#808080")
    page.box(QRectF(x + key_w, y, w - key_w, h), 0.2, None, "#808080")
    page.text(QRectF(x + 1.5, y, key_w - 3, h), key, BODY_PT, bold=True)
    page.text(QRectF(x + key_w + 1.5, y + (0.6 if wrap_lines > 1 else 0), w - key_w - 3,
                     h - (1.0 if wrap_lines > 1 else 0)), value, BODY_PT, wrap=wrap_lines > 1)
    return y + h


def _table(page: Page, x: float, y: float, widths: Sequence[float], head: Sequence[str],
           rows: Sequence[Sequence[str]], colors: Sequence[str | None] | None = None) -> float:
    row_h = 5.4
    page.box(QRectF(x, y, sum(widths), row_h), 0.2, QColor("#e8e8e8"), "#808080")
    for r, cells in enumerate([list(head)] + [list(c) for c in rows]):
        cx = x
        for c, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            page.box(QRectF(cx, y, w, row_h), 0.2, None, "#808080")
            color = (colors[r - 1] if colors and r and c == len(cells) - 1 and colors[r - 1]
                     else "#1a1a1a")
            page.text(QRectF(cx + 1.2, y, w - 2.4, row_h), cell, BODY_PT - (0.5 if r == 0
                                                                              else 0),
                      Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignHCenter,
                      bold=r == 0, color=color)
            cx += w
        y += row_h
    return y


def _locator(page: Page, data: MapData, rec: AtlasRecord, frame: QRectF, dpi: float,
             stop: StopFlag) -> int:
    """Map of the record's parcels, neighbours in grey, park outline; returns the scale."""
    b = data.layer.bounds[rec.rows]
    b = b[~np.isnan(b).any(axis=1)]
    if len(b) == 0:
        return 0
    xmin, ymin, xmax, ymax = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    span = max(xmax - xmin, ymax - ymin, 250.0) * 1.6
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    scale = round_scale(max(span / (frame.width() / 1000), span / (frame.height() / 1000)))
    res = scale * 0.0254 / dpi
    view = MapView(cx, cy, res, max(int(page.u(frame.width())), 1),
                   max(int(page.u(frame.height())), 1))
    ctx = RenderContext(view, dpi, stop, detail_dpi=min(dpi, 150.0))
    page.placed.texts.append(str(scale))
    p = page.p
    if p is not None:
        p.save()
        r = page.rect(frame)
        p.setClipRect(r)
        p.fillRect(r, QColor("white"))
        p.translate(r.topLeft())
        near = data.layer.visible(view.extent)
        others = np.setdiff1d(near, rec.rows)
        draw_features(p, ctx, data.layer.geoms[others], QColor("#e3e3e3"), QColor("#a8a8a8"),
                      0.15)
        if data.parks is not None:
            draw_parks(p, ctx, data.parks)
        sym = data.symbology
        fills = [sym.fills[int(c)] if int(c) >= 0 else QColor("#f0f0f0")
                 for c in sym.feature_class[rec.rows]]
        for fill in {f.name(): f for f in fills}.values():
            rows = rec.rows[[f.name() == fill.name() for f in fills]]
            draw_features(p, ctx, data.layer.geoms[rows], fill, QColor("#c00000"), 0.6)
        p.restore()
    page.box(frame, 0.3)
    # scale bar and north mark
    seg_m = nice_step(frame.width() * 0.2 * scale / 1000 / 2)
    seg_mm = seg_m * 1000 / scale
    x0, y0 = frame.left() + 4, frame.bottom() - 4
    label = f"1:{scale:,}    0–{2 * seg_m:g} m"
    width = max(2 * seg_mm, page.width_mm(label, SMALL_PT)) + 4
    page.box(QRectF(x0 - 2, y0 - 8.5, width, 10), 0, QColor(255, 255, 255, 220))
    for i in range(2):
        page.box(QRectF(x0 + i * seg_mm, y0 - 1.6, seg_mm, 1.6), 0.15,
                 QColor("#1a1a1a") if i == 0 else QColor("white"))
    page.text(QRectF(x0, y0 - 8, width, 5), label, SMALL_PT)
    page.text(QRectF(frame.right() - 9, frame.top() + 1.5, 7, 5), messages.text("layout.north"),
              9.0, Qt.AlignmentFlag.AlignHCenter, bold=True)
    page.line(frame.right() - 5.5, frame.top() + 11, frame.right() - 5.5, frame.top() + 6.5,
              0.5)
    return scale


def _score_row(data: MapData, rec: AtlasRecord) -> dict | None:
    scores = data.scores
    if scores is None or rec.uscc is None or "uscc" not in scores:
        return None
    hit = scores.loc[scores["uscc"] == rec.uscc]
    return None if hit.empty else hit.iloc[0].to_dict()


def _num(v, fmt="{:,.2f}") -> str:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return "—"
    return "—" if not math.isfinite(v) else fmt.format(v)


def paint_record(page: Page, data: MapData, rec: AtlasRecord, number: int, total: int,
                 layout: Layout, stop: StopFlag) -> None:
    """One atlas page (A4 portrait or whatever ``layout`` says).

    The locator map is as tall as the page allows (95 mm at most, 40 mm at least): a dry
    run measures the text below it first.
    """
    w, h = layout.page_mm
    footer_top = h - float(layout.margin_mm) - 16
    dry = Page(None, page.dpi, Placed(layout.page_mm))
    end = _paint_record(dry, data, rec, number, total, layout, stop, 95.0)
    map_h = max(40.0, 95.0 - max(0.0, end - footer_top))
    _paint_record(page, data, rec, number, total, layout, stop, map_h)


def _paint_record(page: Page, data: MapData, rec: AtlasRecord, number: int, total: int,
                  layout: Layout, stop: StopFlag, map_h: float) -> float:
    w, h = layout.page_mm
    m = float(layout.margin_mm)
    inner = w - 2 * m
    frame = data.parcels
    page.text(QRectF(m, m - 6, inner, 5), messages.text("atlas.header", park=rec.park or "—"),
              SMALL_PT + 1, color="#404040")
    page.line(m, m, w - m, m, 0.5)
    page.text(QRectF(m, m + 1.5, inner - 30, 10), rec.title, 16.0, bold=True)
    cls = None
    srow = _score_row(data, rec)
    if srow is not None:
        cls = srow.get("class")
    if isinstance(cls, str) and cls:
        badge = QRectF(w - m - 22, m + 2, 22, 10)
        colors = {"A": "#2c7bb6", "B": "#abd9e9", "C": "#fdae61", "D": "#d7191c"}
        page.box(badge, 0.3, QColor(colors.get(cls, "#bababa")))
        page.text(badge, f"{cls} 类" if messages.language() == "zh" else f"Class {cls}", 12.0,
                  Qt.AlignmentFlag.AlignHCenter, bold=True,
                  color="white" if cls in ("A", "D") else "#1a1a1a")
    if rec.uscc:
        page.text(QRectF(m, m + 11.5, inner, 5), messages.text("atlas.uscc", value=rec.uscc),
                  BODY_PT, color="#404040")
    # locator map
    map_rect = QRectF(m, m + 18, inner, map_h)
    _locator(page, data, rec, map_rect, page.dpi, stop)
    page.text(QRectF(m, map_rect.bottom() + 0.5, inner, 4.5), messages.text("atlas.locator"),
              SMALL_PT, color="#404040")
    y = map_rect.bottom() + 6.5
    # facts
    page.text(QRectF(m, y, inner, 6), messages.text("atlas.basic"), 11.0, bold=True)
    y += 7
    ids = frame["parcel_id"].iloc[rec.rows].astype(str).tolist() if "parcel_id" in frame else []
    shown = "、".join(ids[:12]) + (f" 等 {len(ids)} 块" if len(ids) > 12 else "")
    area = float(pd.to_numeric(frame["area_mu"].iloc[rec.rows], errors="coerce").sum()) \
        if "area_mu" in frame else float("nan")
    cats = frame["category"].iloc[rec.rows].dropna().unique().tolist() \
        if "category" in frame else []
    half = inner / 2
    y1 = _kv(page, m, y, half, messages.text("atlas.parcels"), shown or "—")
    _kv(page, m + half, y, half, messages.text("atlas.area"),
        messages.text("atlas.mu", value=area) if math.isfinite(area) else "—")
    y = y1
    y1 = _kv(page, m, y, half, messages.text("atlas.category"),
             "、".join(_label("category", c) for c in cats) or "—")
    if srow is not None and srow.get("score") is not None and not pd.isna(srow.get("score")):
        score_text = messages.text("atlas.score_value", score=_num(srow.get("score"), "{:.2f}"),
                                   cls=srow.get("class") or "—",
                                   rank=_num(srow.get("rank"), "{:.0f}"),
                                   of=_num(srow.get("group_size"), "{:.0f}"))
    else:
        score_text = messages.text("atlas.not_scored") if srow is None else str(
            srow.get("reason") or messages.text("atlas.not_scored"))
    _kv(page, m + half, y, half, messages.text("atlas.score"), score_text)
    y = y1 + 2
    if srow is not None:
        config = data.extras.get("config") or scoring_config(data.project)
        data.extras["config"] = config
        rows = []
        for spec in getattr(config, "indicators", []):
            key = spec.key
            if f"value:{key}" not in srow:
                continue
            label = spec.label_zh if messages.language() == "zh" else spec.label_en
            rows.append([label, _num(srow.get(f"value:{key}")),
                         _num(srow.get(f"benchmark:{key}")), _num(srow.get(f"points:{key}"))])
        if rows:
            y = _table(page, m, y, [inner * 0.4, inner * 0.2, inner * 0.2, inner * 0.2],
                       messages.text("atlas.indicator_head").split("|"), rows) + 3
    # plan
    page.text(QRectF(m, y, inner, 6), messages.text("atlas.plan"), 11.0, bold=True)
    y += 7
    plan = rec.plan
    today = data.today
    if plan is None:
        page.text(QRectF(m, y, inner, 6), messages.text("atlas.no_plan"), BODY_PT,
                  color="#808080")
        y += 7
    else:
        from landplanner.analysis.plans import overdue

        late = overdue(plan, today)
        status = _label("status", plan.status) + (messages.text("atlas.overdue") if late
                                                  else "")
        y1 = _kv(page, m, y, half, _field("method"), _label("method", plan.method))
        _kv(page, m + half, y, half, _field("status"), status)
        y = y1
        y = _kv(page, m, y, inner, _field("reason"), plan.reason or "—",
                wrap_lines=2 if len(plan.reason or "") > 45 else 1)
        y1 = _kv(page, m, y, half, f"{_field('responsible_unit')} / {_field('responsible_person')}",
                 f"{plan.responsible_unit or '—'} / {plan.responsible_person or '—'}")
        _kv(page, m + half, y, half, _field("target_date"),
            plan.target_date.isoformat() if plan.target_date else "—")
        y = y1
        mu = plan.mu_to_free if plan.mu_to_free is not None else area
        y = _kv(page, m, y, half, _field("mu_to_free"),
                messages.text("atlas.mu", value=mu) if mu is not None and math.isfinite(mu)
                else "—") + 2
        if plan.milestones:
            rows, colors = [], []
            for i, ms in enumerate(plan.milestones):
                if ms.done:
                    state, color = messages.text("atlas.ms_done"), "#1a7f37"
                elif i in late.milestones:
                    state, color = messages.text("atlas.ms_late"), "#c00000"
                else:
                    state, color = messages.text("atlas.ms_open"), None
                rows.append([ms.title, ms.due.isoformat() if ms.due else "—",
                             ms.done.isoformat() if ms.done else "—", state])
                colors.append(color)
            y = _table(page, m, y, [inner * 0.46, inner * 0.18, inner * 0.18, inner * 0.18],
                       messages.text("atlas.milestones_head").split("|"), rows, colors) + 3
        page.text(QRectF(m, y, inner, 6), messages.text("atlas.accounts"), 11.0, bold=True)
        y += 7
        from landplanner.analysis.accounts import entered_text
        from landplanner.analysis.plans import ACCOUNTS

        for key, (zh, en) in ACCOUNTS.items():
            text = entered_text((plan.accounts or {}).get(key)) or "—"
            y = _kv(page, m, y, inner, zh if messages.language() == "zh" else en, text)
        y += 3
    page.text(QRectF(m, y, inner, 6), messages.text(
        "atlas.closing" if plan is not None else "atlas.closing_no_plan"), 11.0, bold=True)
    y += 7
    if plan is not None and plan.status == "closed":
        closing = messages.text("atlas.closed", date=plan.closed_date.isoformat()
                                if plan.closed_date else "—", evidence=plan.evidence or "—")
    else:
        closing = messages.text("atlas.not_closed")
    page.text(QRectF(m, y, inner, 6), closing, BODY_PT)
    end = y + 6
    # footer
    fy = h - m - 6
    page.line(m, fy - 8, w - m, fy - 8, 0.2, "#808080")
    page.text(QRectF(m, fy - 7, inner, 5), messages.text("atlas.sign"), BODY_PT)
    page.line(m, fy, w - m, fy, 0.5)
    page.text(QRectF(m, fy + 0.5, inner / 2, 5),
              f"{messages.text('layout.fingerprint', value=data.fingerprint)}    "
              f"{today.isoformat()}", SMALL_PT, color="#404040")
    page.text(QRectF(m + inner / 2, fy + 0.5, inner / 2, 5),
              messages.text("atlas.page_no", page=number, total=total), SMALL_PT,
              Qt.AlignmentFlag.AlignRight, color="#404040")
    return end


TOC_ROWS = 38


def front_pages(records: Sequence[AtlasRecord]) -> int:
    """Pages before the first record: the cover and the contents."""
    return 1 + max(1, math.ceil(len(records) / TOC_ROWS))


def paint_cover(page: Page, data: MapData, layout: Layout, by: str, filter_expr: str | None,
                total: int) -> None:
    """The cover: title, what is inside, who made it and when."""
    w, h = layout.page_mm
    page.text(QRectF(0, h * 0.28, w, 16), layout.title or messages.text("atlas.cover_title"),
              28.0, Qt.AlignmentFlag.AlignHCenter, bold=True)
    page.text(QRectF(0, h * 0.28 + 18, w, 8), messages.text(
        "atlas.cover_by", by=messages.text(f"atlas.by.{by}"), n=total), 13.0,
        Qt.AlignmentFlag.AlignHCenter, color="#404040")
    if filter_expr:
        page.text(QRectF(0, h * 0.28 + 27, w, 7), messages.text("atlas.filter",
                                                                value=filter_expr),
                  11.0, Qt.AlignmentFlag.AlignHCenter, color="#404040")
    lines = [messages.text("layout.unit", value=layout.unit or "—"),
             messages.text("layout.date", value=layout.date or data.today.isoformat()),
             messages.text("layout.data_date", value=layout.data_date or data.today.isoformat()),
             messages.text("layout.fingerprint", value=data.fingerprint)]
    for i, line in enumerate(lines):
        page.text(QRectF(w * 0.3, h * 0.62 + i * 8, w * 0.5, 7), line, 11.0)


def paint_contents(page: Page, data: MapData, layout: Layout, records: Sequence[AtlasRecord],
                   first_number: int, part: int, total: int) -> None:
    """One page of the contents: rows ``part * TOC_ROWS …``."""
    w, h = layout.page_mm
    m = float(layout.margin_mm)
    inner = w - 2 * m
    page.text(QRectF(m, m, inner, 10), messages.text("atlas.contents"), 16.0,
              Qt.AlignmentFlag.AlignHCenter, bold=True)
    rows = []
    for i in range(part * TOC_ROWS, min((part + 1) * TOC_ROWS, len(records))):
        rec = records[i]
        srow = _score_row(data, rec)
        cls = srow.get("class") if srow else None
        rows.append([str(i + 1), rec.title, rec.park or "—",
                     cls if isinstance(cls, str) and cls else "—",
                     _label("status", rec.plan.status) if rec.plan is not None else "—",
                     str(first_number + i)])
    widths = [inner * 0.07, inner * 0.38, inner * 0.25, inner * 0.08, inner * 0.12,
              inner * 0.10]
    _table(page, m, m + 14, widths, messages.text("atlas.contents_head").split("|"), rows)
    fy = h - m - 6
    page.line(m, fy, w - m, fy, 0.5)
    page.text(QRectF(m + inner / 2, fy + 0.5, inner / 2, 5),
              messages.text("atlas.page_no", page=2 + part, total=total), SMALL_PT,
              Qt.AlignmentFlag.AlignRight, color="#404040")


# ------------------------------------------------------------------ export

Progress = Callable[[int, int], None]


def _pdf_page_count(path: Path) -> int:
    """Pages in a PDF written by Qt (its page objects are not compressed)."""
    raw = path.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", raw))


def _write_pdf(target: Path, layout: Layout, data: MapData, records: Sequence[AtlasRecord],
               by: str, filter_expr: str | None, cover: bool, stop: StopFlag,
               tick: Callable[[], None]) -> int:
    """One PDF of ``records`` (with cover and contents when ``cover``); returns its pages."""
    front = front_pages(records) if cover else 0
    total = front + len(records)
    staged = ex._Staged(target)
    ok = False
    try:
        writer = ex.new_pdf_writer(str(staged.tmp), layout,
                                   layout.title or messages.text("atlas.cover_title"),
                                   layout.unit)
        painter = QPainter(writer)
        drawn = 0
        try:
            def new_page() -> Page:
                nonlocal drawn
                if drawn:
                    writer.newPage()
                drawn += 1
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                return Page(painter, ex.PDF_DPI, Placed(layout.page_mm))

            if cover:
                paint_cover(new_page(), data, layout, by, filter_expr, len(records))
                for part in range(front - 1):
                    paint_contents(new_page(), data, layout, records, front + 1, part, total)
            for i, rec in enumerate(records):
                if stop.stopped:
                    break
                paint_record(new_page(), data, rec, front + i + 1, total, layout, stop)
                tick()
        finally:
            painter.end()
        if stop.stopped:
            raise ex._fail("print.cancelled", path=str(target))
        found = _pdf_page_count(staged.tmp)
        if drawn != total or found != total:
            raise ex._fail("print.page_count", expected=total, actual=found,
                           path=str(target))
        staged.commit()
        ok = True
        return total
    finally:
        if not ok:
            staged.discard()


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "page"


def export_atlas(path: str | os.PathLike, data: MapData, by: str = "enterprise",
                 filter_expr: str | None = None, split: str = "none",
                 pages: Sequence[str] | None = None, layout: Layout | None = None,
                 stop: StopFlag | None = None, progress: Progress | None = None
                 ) -> AtlasResult:
    """Write the atlas; ExportError (nothing left behind) unless every page was written."""
    if split not in SPLITS:
        raise ex.ExportError(Problem.make("atlas.bad_split", "error", value=split))
    layout = layout or Layout(paper="A4", orientation="portrait", margin_mm=15.0,
                              legend=False, quota_table=False)
    stop = stop or StopFlag()
    target = ex.check_writable(path)
    records = atlas_records(data, by, filter_expr, pages)
    if not records:
        raise ex.ExportError(Problem.make("atlas.empty", "error"))
    # every character of every page must have a glyph in the embedded font
    texts = {rec.key: [rec.title, rec.park, *(data.parcels["parcel_id"].iloc[rec.rows]
                                              .astype(str).tolist()
                                              if "parcel_id" in data.parcels else [])]
             for rec in records}
    for rec in records:
        if rec.plan is not None:
            p = rec.plan
            texts[rec.key] += [p.reason, p.responsible_unit, p.responsible_person, p.evidence,
                               *(ms.title for ms in p.milestones),
                               *((a or {}).get("text", "") for a in (p.accounts or {}).values())]
    texts["cover"] = [layout.title, layout.unit, filter_expr or ""]
    ex.check_glyphs(texts)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(records))

    result = AtlasResult(records=len(records))
    written: list[Path] = []
    try:
        if split == "none":
            result.pages += _write_pdf(target, layout, data, records, by, filter_expr, True,
                                       stop, tick)
            written.append(target)
        elif split == "page":
            width = max(3, len(str(len(records))))
            for i, rec in enumerate(records):
                out = target.with_name(f"{target.stem}-{i + 1:0{width}d}-{_safe(rec.key)}.pdf")
                ex.check_writable(out)
                result.pages += _write_pdf(out, layout, data, [rec], by, filter_expr, False,
                                           stop, tick)
                written.append(out)
        else:
            for park in dict.fromkeys(r.park for r in records):
                part = [r for r in records if r.park == park]
                out = target.with_name(f"{target.stem}-{_safe(park or '—')}.pdf")
                ex.check_writable(out)
                result.pages += _write_pdf(out, layout, data, part, by, filter_expr, True,
                                           stop, tick)
                written.append(out)
    except BaseException:
        if split != "none":  # a partial set of files is not an atlas: remove what was written
            for f in written:
                try:
                    f.unlink()
                except OSError:
                    pass
        raise
    if done != len(records):
        raise ex._fail("print.page_count", expected=len(records), actual=done,
                       path=str(target))
    result.files = written
    return result


__all__ = ["AtlasRecord", "AtlasResult", "atlas_records", "export_atlas", "parse_filter"]
