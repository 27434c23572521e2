"""The words of a score: why a firm is not graded or was vetoed (:func:`reason_text`), and why
it has its class (:func:`explain`), with the number formats every view uses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis.scoring_config import ScoringConfig

messages.register({
    "reason_excluded": ("列入不参评名单", "on the exclusion list"),
    "reason_industry": ("行业不参评（{keyword}）", "industry not graded ({keyword})"),
    "reason_new": ("投产不满 {years:g} 年", "in production for less than {years:g} years"),
    "reason_veto": ("一票否决：{label}", "veto: {label}"),
    "reason_downgrade": ("降档：{label}", "downgraded: {label}"),
    "explain_head": ("{name}：{cls} 类（{band}），得分 {score}，在“{group}”组 {n} 家中排第 {rank} 名（位次 {pct:.1f}%）。",
                     "{name}: class {cls} ({band}), score {score}, rank {rank} of {n} in group “{group}” "
                     "(percentile {pct:.1f} %)."),
    "explain_head_vetoed": ("{name}：{cls} 类（{band}），得分 {score}，因一票否决不参加“{group}”组排名"
                            "（该组 {n} 家参加排名）。",
                            "{name}: class {cls} ({band}), score {score}; vetoed, so not ranked in group "
                            "“{group}” ({n} firms ranked)."),
    "explain_band": ("{cls} 类为位次 {low:.0f}%–{high:.0f}%。", "Class {cls} covers percentiles {low:.0f}–{high:.0f} %."),
    "explain_forced": ("按位次应为 {by_rank} 类，因一票否决/降档定为 {cls} 类。",
                       "By rank it would be class {by_rank}; a veto/downgrade makes it {cls}."),
    "explain_t": ("{name}：不参评（T），原因：{reason}。", "{name}: not graded (T): {reason}."),
    "explain_item": ("· {label}：{value} {unit}，基准 {benchmark} → {points} / {weight:g} 分（{share:.0f}%）{flag}",
                     "· {label}: {value} {unit}, benchmark {benchmark} → {points} / {weight:g} points "
                     "({share:.0f} %){flag}"),
    "explain_item_minmax": ("· {label}：{value} {unit}，组内 {low}–{high} → {points} / {weight:g} 分（{share:.0f}%）{flag}",
                            "· {label}: {value} {unit}, group range {low}–{high} → {points} / {weight:g} "
                            "points ({share:.0f} %){flag}"),
    "explain_item_missing": ("· {label}：缺数据（无输入值或分母为 0），按规则“{rule}”得 {points} / {weight:g} 分{flag}",
                             "· {label}: no value (input missing or denominator 0); rule “{rule}” gives "
                             "{points} / {weight:g} points{flag}"),
    "explain_below": ("  ← 低于基准，拉低得分", "  ← below benchmark, pulls the score down"),
    "explain_below_minmax": ("  ← 未得满分，拉低得分", "  ← short of full points, pulls the score down"),
    "explain_bonus": ("· {label}：{points:+g} 分", "· {label}: {points:+g} points"),
    "explain_lost": ("失分最多：{items}。", "Most points lost on: {items}."),
    "explain_veto": ("一票否决 / 降档：{reason}。", "Veto / downgrade: {reason}."),
})


def item_label(item: object, lang: str | None = None) -> str:
    zh, en = getattr(item, "label_zh", ""), getattr(item, "label_en", "")
    return en if (lang or messages.language()) == "en" else zh


def reason_text(codes: pd.Series, config: ScoringConfig, lang: str | None = None) -> pd.Series:
    """The readable reason for each ``reason_codes`` value ('' when graded normally)."""
    texts = {code: reason_of(code, config, lang) for code in codes.dropna().unique()}
    return codes.map(texts).fillna("")


def reason_of(codes: str, config: ScoringConfig, lang: str | None) -> str:
    vetoes = {v.column: v for v in config.vetoes}
    parts = []
    for code in filter(None, codes.split(";")):
        kind, _, arg = code.partition("=")
        if kind == "excluded":
            parts.append(messages.text("reason_excluded", lang))
        elif kind == "industry":
            parts.append(messages.text("reason_industry", lang, keyword=arg))
        elif kind == "new":
            parts.append(messages.text("reason_new", lang, years=float(arg)))
        elif kind in ("veto", "downgrade"):
            label = item_label(vetoes[arg], lang) if arg in vetoes else arg
            parts.append(messages.text(f"reason_{kind}", lang, label=label))
    return "；".join(parts) if (lang or messages.language()) != "en" else "; ".join(parts)


def explain(row: pd.Series | dict, config: ScoringConfig, lang: str | None = None) -> str:
    """Why a firm has its class: percentile and band, each item vs its benchmark, vetoes.

    Parameters
    ----------
    row
        One row of :func:`score`'s result.
    config
        The config that produced it.
    lang
        ``"zh"`` or ``"en"``; the current language by default.

    Returns
    -------
    str
        Several lines; items below their benchmark are marked as pulling the score down,
        and the items that lost most points are named.
    """
    row = pd.Series(row)
    name = _fmt(row.get("name"))
    reason = reason_of(str(row.get("reason_codes") or ""), config, lang)
    if row.get("class") == "T":
        return messages.text("explain_t", lang, name=name, reason=reason or "—")
    bands = config.bands
    cls = str(row.get("class"))
    band = next((b for b in bands if b.cls == cls), bands[-1])
    band_index = bands.index(band)
    low = 0.0 if band_index == 0 else bands[band_index - 1].max_percentile
    group = str(row.get("group"))
    vetoed = np.isnan(_num(row.get("rank")))
    head = "explain_head_vetoed" if vetoed else "explain_head"
    lines = [
        messages.text(head, lang, name=name, cls=cls, band=item_label(band, lang) or cls,
                      score=_fmt(row.get("score")), group=vocabulary.label("group", group, lang),
                      rank=_fmt(row.get("rank")), n=_fmt(row.get("group_size")),
                      pct=100 * _num(row.get("percentile"))),
    ]
    by_rank = _band_of(_num(row.get("percentile")), bands)
    if vetoed:
        pass
    elif by_rank.cls != cls:
        lines.append(messages.text("explain_forced", lang, cls=cls, by_rank=by_rank.cls))
    else:
        lines.append(messages.text("explain_band", lang, cls=cls, low=100 * low,
                                   high=100 * band.max_percentile))
    lost = []
    for ind in config.indicators:
        value = _num(row.get(f"value:{ind.key}"))
        points = _num(row.get(f"points:{ind.key}"))
        bench = _num(row.get(f"benchmark:{ind.key}"))
        below = not np.isnan(points) and points < ind.weight - 1e-9
        flag = "" if not below else messages.text(
            "explain_below_minmax" if config.method == "minmax" else "explain_below", lang)
        label = item_label(ind, lang)
        if np.isnan(value):
            lines.append(messages.text("explain_item_missing", lang, label=label, weight=ind.weight,
                                       points=_fmt(points), rule=config.missing, flag=flag))
        elif config.method == "minmax":
            lines.append(messages.text("explain_item_minmax", lang, label=label,
                                       value=_fmt_value(value), unit=ind.unit,
                                       low=_fmt_value(_num(row.get(f"low:{ind.key}"))),
                                       high=_fmt_value(_num(row.get(f"high:{ind.key}"))),
                                       points=_fmt(points),
                                       weight=ind.weight, share=_share(points, ind.weight), flag=flag))
        else:
            lines.append(messages.text("explain_item", lang, label=label, value=_fmt_value(value),
                                       unit=ind.unit, benchmark=format_benchmark(bench), points=_fmt(points),
                                       weight=ind.weight, share=_share(points, ind.weight), flag=flag))
        if below:
            lost.append((ind.weight - points, label))
    for bonus in config.bonuses:
        pts = _num(row.get(f"bonus:{bonus.key}"))
        if not np.isnan(pts) and pts != 0:
            lines.append(messages.text("explain_bonus", lang, label=item_label(bonus, lang), points=pts))
    if lost:
        lost.sort(reverse=True)
        items = ", ".join(f"{label} (−{amount:.2f})" for amount, label in lost[:3])
        lines.append(messages.text("explain_lost", lang, items=items))
    if reason:
        lines.append(messages.text("explain_veto", lang, reason=reason))
    return "\n".join(lines)


def _band_of(percentile: float, bands: list) -> object:
    return next((b for b in bands if percentile <= b.max_percentile + 1e-12), bands[-1])


def _num(value: object) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _share(points: float, weight: float) -> float:
    return 100 * points / weight if weight else 0.0


def _fmt_value(value: float) -> str:
    """An indicator value or benchmark: five significant figures (24.097, 0.0302, 136.16)."""
    if np.isnan(value):
        return "—"
    return f"{value:.2f}" if abs(value) >= 1000 else f"{value:.5g}"


def format_benchmark(value: float | None) -> str:
    """A benchmark as every view prints it: a number set by hand as written (24.097, 0.0302);
    one computed from the data with two decimals from 1 up (16.80), four significant figures
    below (0.05113)."""
    if value is None or not np.isfinite(value):
        return "—"
    if abs(value - round(value, 4)) < 1e-9 * max(1.0, abs(value)):
        return f"{value:.10g}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.4g}"


def _fmt(value: object) -> str:
    if value is None or value is pd.NA:
        return "—"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return "—"
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        magnitude = abs(value)
        return f"{value:.4f}" if magnitude < 1 else f"{value:.2f}"
    return str(value)
