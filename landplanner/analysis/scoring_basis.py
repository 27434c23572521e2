"""The benchmark basis of a score, as one sentence per group and indicator.

:func:`landplanner.analysis.scoring.score` records how each group's benchmark of each
indicator was set (``result.attrs["basis"]``); this module words it, in Chinese or English,
for every view that shows scores (CLI text and JSON, the scoring panel, the 企业清单 sheet),
so they all say the same thing, e.g. ``亩均税收 基准 16.80 万元/亩 = 2024 年规上组均值 × 2``.
"""

from __future__ import annotations

from landplanner import messages, vocabulary
from landplanner.analysis.scoring import format_benchmark
from landplanner.analysis.scoring_config import ScoringConfig

messages.register({
    "basis_previous_mean": ("{label} 基准 {value} {unit} = {year} 年{group}组均值 × {factor}",
                            "{label} benchmark {value} {unit} = {factor} × the {year} average of "
                            "group “{group}”"),
    "basis_median": ("{label} 基准 {value} {unit} = {year} 年{group}组中位数",
                     "{label} benchmark {value} {unit} = the {year} median of group “{group}”"),
    "basis_mean": ("{label} 基准 {value} {unit} = {year} 年{group}组均值（中位数不为正）",
                   "{label} benchmark {value} {unit} = the {year} mean of group “{group}” "
                   "(median not positive)"),
    "basis_fixed": ("{label} 基准 {value} {unit}（评价方案设定，{group}组）",
                    "{label} benchmark {value} {unit} (set by the scoring rules, group “{group}”)"),
    "basis_none": ("{label} 无基准：{group}组没有正值，该项不得分",
                   "{label}: no benchmark (nothing positive in group “{group}”); the item gives "
                   "no points"),
    "basis_minmax": ("{label} 按 {year} 年{group}组最小值–最大值 {low}–{high} {unit} 计分（20%–100%）",
                     "{label} scored on the {year} range of group “{group}”, {low}–{high} {unit} "
                     "(20–100 %)"),
})

RULES = ("fixed", "previous_mean", "median", "mean", "none", "minmax")


def group_label(group: str, lang: str | None = None) -> str:
    """The evaluation group's name (规上 / 规下 / 租赁), from the vocabulary."""
    return vocabulary.label("group", group, lang)


def basis_text(item: dict, config: ScoringConfig, lang: str | None = None) -> str:
    """One sentence for one ``attrs["basis"]`` entry of :func:`scoring.score`.

    Parameters
    ----------
    item
        ``{group, indicator, rule, benchmark, year, factor[, low, high]}``.
    config
        The scoring configuration that produced it (for the indicator's name and unit).
    lang
        ``"zh"`` or ``"en"``; the current language by default.
    """
    spec = next((i for i in config.indicators if i.key == item["indicator"]), None)
    if spec is None:
        label, unit = item["indicator"], ""
    else:
        en = (lang or messages.language()) == "en"
        label = spec.label_en if en else spec.label_zh
        # the rules' unit is Chinese; English takes the vocabulary's words for it
        unit = (vocabulary.unit("indicator", spec.key, "en") if en else "") or spec.unit
    year = item.get("year")
    factor = item.get("factor")
    return messages.text(
        f"basis_{item['rule']}", lang, label=label, unit=unit,
        value=format_benchmark(item.get("benchmark")), group=group_label(item["group"], lang),
        year=year if year is not None else "—",
        factor=f"{factor:g}" if factor is not None else "—",
        low=format_benchmark(item.get("low")), high=format_benchmark(item.get("high")))


def basis_lines(basis: list[dict], config: ScoringConfig, lang: str | None = None,
                group: str | None = None) -> list[str]:
    """:func:`basis_text` of every entry (of one ``group`` when given), in the result's order."""
    return [basis_text(b, config, lang) for b in basis if group is None or b["group"] == group]
