"""亩均论英雄: score, rank and class enterprises under a :class:`ScoringConfig`.

Everything is computed column-wise with numpy/pandas (no per-firm Python loop), so
100,000 enterprises score well under a second (``bench/bench_score.py``). The rules —
points, missing values, rounding, ties, bands, vetoes and T — are documented in
:mod:`landplanner.analysis.scoring_config`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis.indicators import field_label
from landplanner.analysis.scoring_config import GROUPS, ScoringConfig
from landplanner.problems import InputError, Problem

messages.register({
    "score_missing_column": ("评价需要“{column}”列（指标“{indicator}”），但数据中没有",
                             "Scoring needs the column “{column}” (for “{indicator}”), which the data lacks"),
    "score_empty_column": ("数据中“{column}”列没有任何数值，指标“{indicator}”无法评价（缺少该列？）",
                           "The column “{column}” has no values, so “{indicator}” cannot be scored "
                           "(is the column missing?)"),
    "score_previous_year": ("基准值按 {year} 年数据计算", "Benchmarks from the {year} data"),
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

SUMMARY_COLUMNS = ("uscc", "name", "group", "land_mu", "score", "rank", "class", "reason")


def score(
    enterprises: pd.DataFrame, config: ScoringConfig, previous: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Score, rank and class every evaluated enterprise.

    Parameters
    ----------
    enterprises
        One row per enterprise (:func:`indicators.build_enterprises`): ``uscc``, ``name``,
        ``size``, ``land_mu`` (mu) and the inputs the indicators name (money in 万元).
    config
        The rules (:func:`scoring_config.load_preset`).
    previous
        The previous year's enterprises; with ``benchmark_rule = "data"`` the benchmarks are
        ``previous_factor`` × its group averages (else the current group medians).

    Returns
    -------
    DataFrame
        ``uscc, name, group, size, land_mu, score, rank, class, reason``, then ``percentile``,
        ``group_size``, ``reason_codes``, and for each indicator ``value:<key>``,
        ``points:<key>``, ``benchmark:<key>``, and ``bonus:<key>`` per bonus item. Firms out of
        scope (a size not evaluated, 规下 below the land threshold) are left out;
        ``result.attrs["out_of_scope"]`` counts them, ``attrs["benchmarks"]`` holds the
        benchmarks used per group and ``attrs["basis"]`` how each was set (one dict per group
        and indicator: ``group, indicator, rule, benchmark, year, factor``, and ``low, high``
        for ``minmax``; see :mod:`landplanner.analysis.scoring_basis`). A firm vetoed to the
        last class has a score but no rank or percentile, and does not count in
        ``group_size`` (the number of firms ranked in its group).

    Raises
    ------
    InputError
        A column the config needs is absent or holds no value at all.
    """
    config.validate()
    df, t_codes = _prepare(enterprises, config)
    graded = t_codes == ""
    _check_inputs(df.loc[graded], config)
    codes = df["group"].cat.codes.to_numpy()
    groups = [str(g) for g in df["group"].cat.categories]
    prev_avgs = _previous_averages(previous, config) if previous is not None else {}

    columns: dict[str, object] = {
        "uscc": df["uscc"].array, "name": df["name"].array, "group": df["group"].array,
        "size": df["size"].array, "land_mu": df["land_mu"].to_numpy(dtype=float),
    }
    benchmarks: dict[str, dict[str, float]] = {g: {} for g in groups}
    basis: list[dict] = []
    years = (_year_of(df), _year_of(previous) if previous is not None else None)
    total = np.zeros(len(df))
    for ind in config.indicators:
        points, extra, bench_group, rules = _indicator_points(df, ind, codes, graded, groups,
                                                              config, prev_avgs)
        columns.update(extra)
        for i, g in enumerate(groups):
            benchmarks[g][ind.key] = float(bench_group[i])
            basis.append(_basis_item(g, ind, config, bench_group[i], rules[i], years,
                                     extra, codes == i))
        total += np.nan_to_num(points)
    for bonus in config.bonuses:
        pts = np.where(graded, _bonus_points(df, bonus), np.nan)
        columns[f"bonus:{bonus.key}"] = pts
        total += np.nan_to_num(pts)
    total = np.where(graded, np.round(total, config.score_decimals), np.nan)

    # a firm vetoed to the last class takes no rank: the others are ranked without it
    veto_codes, forced, down = _vetoes(df, graded, config)
    ranked = graded & ~forced
    rank, n = _ranks(total, codes, ranked, graded)
    with np.errstate(divide="ignore", invalid="ignore"):
        percentile = np.where(ranked, rank / np.maximum(n, 1), np.nan)
    cls = _classes(percentile, graded, forced, down, config)
    reason_codes = pd.Categorical(_join_codes(t_codes, veto_codes))
    columns.update({
        "score": total,
        "rank": pd.array(rank, dtype="Int64"),
        "class": pd.Categorical(cls, categories=[b.cls for b in config.bands] + ["T"]),
        "reason": _reason_column(reason_codes, config),
        "percentile": percentile,
        "group_size": n,
        "reason_codes": reason_codes,
    })
    if "year" in df:
        columns["year"] = df["year"].to_numpy()
    ordered = ["uscc", "name", "group", "size", "land_mu", "score", "rank", "class", "reason",
               "percentile", "group_size", "reason_codes"]
    out = pd.DataFrame(columns)
    out = out[ordered + [c for c in out.columns if c not in ordered]]
    group_order = {g: i for i, g in enumerate(config.groups)}
    basis.sort(key=lambda b: group_order.get(b["group"], len(group_order)))
    out.attrs.update(out_of_scope=int(df.attrs.get("out_of_scope", 0)), benchmarks=benchmarks,
                     basis=basis, config=config.name)
    return out


def _year_of(df: pd.DataFrame | None) -> int | None:
    years = pd.to_numeric(df["year"], errors="coerce").dropna() if df is not None and "year" in df \
        else pd.Series(dtype=float)
    return int(years.max()) if len(years) else None


def _basis_item(group, ind, config, bench, rule, years, extra, rows) -> dict:
    """How one group's benchmark of one indicator was set (``attrs["basis"]`` of :func:`score`)."""
    item = {"group": str(group), "indicator": ind.key, "rule": rule,
            "benchmark": None if np.isnan(bench) else float(bench),
            "year": years[1] if rule == "previous_mean" else
            (years[0] if rule in ("median", "mean", "minmax") else None),
            "factor": config.previous_factor if rule == "previous_mean" else None}
    if rule == "minmax":
        low = extra[f"low:{ind.key}"][rows]
        high = extra[f"high:{ind.key}"][rows]
        item["low"] = float(np.nanmin(low)) if np.isfinite(low).any() else None
        item["high"] = float(np.nanmax(high)) if np.isfinite(high).any() else None
    return item


def _indicator_points(df, ind, codes, graded, groups, config, prev_avgs):
    """One indicator's points per firm, its output columns and its benchmark per group."""
    value = _values(df, ind.numerator, ind.denominator)
    extra: dict[str, np.ndarray] = {f"value:{ind.key}": value}
    if config.method == "minmax":
        points, low, high = _minmax_points(value, codes, graded, ind.weight)
        extra[f"low:{ind.key}"], extra[f"high:{ind.key}"] = low, high
        bench_group = np.full(len(groups), np.nan)
        rules = np.full(len(groups), "minmax", dtype=object)
    else:
        bench_group, rules = _benchmarks(value, codes, graded, groups, ind, config, prev_avgs)
        bench_row = bench_group[codes]
        with np.errstate(divide="ignore", invalid="ignore"):
            # no usable benchmark (data rule, nothing positive in the group): no points
            points = np.where(bench_row > 0, value / bench_row * ind.weight,
                              np.where(np.isnan(value), np.nan, 0.0))
    if not config.allow_negative_points:
        points = np.where(points < 0, 0.0, points)
    if ind.cap is not None:
        points = np.minimum(points, ind.cap)
    points = _fill_missing(points, codes, graded, config)
    points = np.where(graded, np.round(points, config.score_decimals), np.nan)
    extra[f"points:{ind.key}"] = points
    extra[f"benchmark:{ind.key}"] = bench_group[codes] if len(codes) else np.array([])
    return points, extra, bench_group, rules


def _reason_column(reason_codes: pd.Categorical, config: ScoringConfig) -> object:
    texts = [_reason_one(c, config, None) for c in reason_codes.categories]
    if len(set(texts)) == len(texts):    # categorical: no per-row string conversion
        return pd.Categorical.from_codes(reason_codes.codes, categories=texts)
    return np.asarray(texts, dtype=object)[reason_codes.codes]


# --------------------------------------------------------------------------- preparation


def _prepare(enterprises: pd.DataFrame, config: ScoringConfig) -> tuple[pd.DataFrame, np.ndarray]:
    """In-scope rows with a categorical ``group``, and each row's T codes ('' when graded)."""
    for column in ("uscc", "name", "land_mu"):
        if column not in enterprises.columns:
            raise InputError(Problem.make("score_missing_column", "error",
                                          column=field_label(column), indicator="—"))
    df = enterprises.reset_index(drop=True)
    size = df["size"].astype("string") if "size" in df else pd.Series(pd.NA, index=df.index,
                                                                        dtype="string")
    size = size.fillna(config.scope.unknown_size)
    land = pd.to_numeric(df["land_mu"], errors="coerce")
    in_scope = size.isin(config.scope.sizes) & ~((size == "below") &
                                                 ~(land >= config.scope.below_min_mu))
    df = df.assign(size=size, land_mu=land).loc[in_scope].reset_index(drop=True)
    df.attrs["out_of_scope"] = int((~in_scope).sum())

    # groups as integer codes into GROUPS: no per-row string handling
    size_code = np.where((df["size"] == "above").to_numpy(dtype=bool), 0, 1)
    code = size_code.copy()
    if "renting" in config.groups and "renting" in df:
        code[_flags(df["renting"])] = GROUPS.index("renting")
    if "group" in df:
        given = df["group"].astype("string")
        for g in config.groups:
            code[(given == g).fillna(False).to_numpy(dtype=bool)] = GROUPS.index(g)
    # a firm whose group is not ranked here is ranked with its size group
    ranked = np.isin(code, [GROUPS.index(g) for g in config.groups])
    code = np.where(ranked, code, size_code)
    order = list(dict.fromkeys((*config.groups, *config.scope.sizes)))
    remap = np.array([order.index(g) if g in order else -1 for g in GROUPS])
    df["group"] = pd.Categorical.from_codes(remap[code], categories=order) \
        .remove_unused_categories()
    return df, _t_codes(df, config)


def _t_codes(df: pd.DataFrame, config: ScoringConfig) -> np.ndarray:
    scope = config.scope
    codes = np.full(len(df), "", dtype=object)

    def add(mask: np.ndarray, code: str) -> None:
        codes[mask] = np.where(codes[mask] == "", code, codes[mask] + ";" + code)

    if scope.exclude_uscc or scope.exclude_names:
        listed = df["uscc"].astype("string").str.upper().isin([c.upper() for c in scope.exclude_uscc]) \
            | df["name"].astype("string").str.strip().isin(scope.exclude_names)
        add(listed.fillna(False).to_numpy(dtype=bool), "excluded")
    if scope.exclude_industry_keywords and "industry" in df:
        industry = df["industry"].astype("string").fillna("")
        for keyword in scope.exclude_industry_keywords:
            add(industry.str.contains(keyword, regex=False).to_numpy(dtype=bool), f"industry={keyword}")
    if scope.min_years_in_production > 0 and "production_start" in df and "year" in df:
        start = pd.to_numeric(df["production_start"], errors="coerce").to_numpy(dtype=float)
        year = pd.to_numeric(df["year"], errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            new = (year - start) < scope.min_years_in_production
        add(new & ~np.isnan(start) & ~np.isnan(year), f"new={scope.min_years_in_production:g}")
    return codes


def _check_inputs(df: pd.DataFrame, config: ScoringConfig) -> None:
    """Every column the config needs must exist, and each ratio input must hold a value."""
    if df.empty:
        return
    needed: dict[str, list[str]] = {}
    for ind in config.indicators:
        for column in (ind.numerator, ind.denominator):
            needed.setdefault(column, []).append(_label(ind))
    absent = [c for c in needed if c not in df.columns or
              pd.to_numeric(df[c], errors="coerce").isna().all()]
    others = [(b.column, _label(b)) for b in config.bonuses] + \
        [(v.column, _label(v)) for v in config.vetoes]
    absent_other = [(c, label) for c, label in others if c not in df.columns]
    if absent:
        labels = sorted({label for c in absent for label in needed[c]})
        raise InputError(Problem.make("score_empty_column", "error",
                                      column="”、“".join(field_label(c) for c in absent),
                                      indicator="”、“".join(labels)))
    if absent_other:
        column, label = absent_other[0]
        raise InputError(Problem.make("score_missing_column", "error",
                                      column=field_label(column), indicator=label))


def _label(item: object, lang: str | None = None) -> str:
    zh, en = getattr(item, "label_zh", ""), getattr(item, "label_en", "")
    return en if (lang or messages.language()) == "en" else zh


# --------------------------------------------------------------------------- points


def _values(df: pd.DataFrame, numerator: str, denominator: str) -> np.ndarray:
    """numerator ÷ denominator; NaN when an input is missing or the denominator is ≤ 0."""
    num = pd.to_numeric(df[numerator], errors="coerce").to_numpy(dtype=float)
    den = pd.to_numeric(df[denominator], errors="coerce").to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _group_stat(value: np.ndarray, codes: np.ndarray, mask: np.ndarray, how: str) -> np.ndarray:
    """Per-group median / mean / min / max of the non-missing values of the graded firms."""
    ok = mask & ~np.isnan(value)
    size = codes.max() + 1 if len(codes) else 0
    if how == "mean":   # bincount is several times faster than a groupby
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.bincount(codes[ok], weights=value[ok], minlength=size) / \
                np.bincount(codes[ok], minlength=size)
    s = pd.Series(value[ok]).groupby(codes[ok])
    stat = getattr(s, how)()
    result = np.full(size, np.nan)
    result[stat.index.to_numpy(dtype=int)] = stat.to_numpy(dtype=float)
    return result


def _benchmarks(value, codes, mask, uniques, ind, config, prev_avgs) -> tuple[np.ndarray, np.ndarray]:
    """The benchmark of each group for one indicator, and the rule that set it.

    Rules: ``fixed`` (the config's number), ``previous_mean`` (``previous_factor`` × the
    previous year's group average), ``median`` (the current group median; also for a group
    the previous year lacks), ``mean`` (the current group mean, when the median is not
    positive), ``none`` (nothing positive to take: the item gives no points).
    """
    n = len(uniques)
    if ind.benchmark is not None and (config.benchmark_rule == "fixed" or not prev_avgs):
        # an explicit benchmark in a data-driven config is a fixed override without a previous year
        return np.full(n, float(ind.benchmark)), np.full(n, "fixed", dtype=object)
    median = _group_stat(value, codes, mask, "median")
    mean = _group_stat(value, codes, mask, "mean")
    current = np.where(median > 0, median, mean)
    rules = np.where(median > 0, "median", "mean").astype(object)
    if prev_avgs:
        avg = np.array([prev_avgs.get((str(g), ind.key), np.nan) for g in uniques])
        previous = config.previous_factor * avg
        use_previous = previous > 0
        current = np.where(use_previous, previous, current)
        rules = np.where(use_previous, "previous_mean", rules).astype(object)
    rules = np.where(current > 0, rules, "none").astype(object)
    return np.where(current > 0, current, np.nan), rules


def _previous_averages(previous: pd.DataFrame, config: ScoringConfig) -> dict[tuple[str, str], float]:
    """The previous year's aggregate ratio Σnumerator ÷ Σdenominator per group and indicator."""
    df, t_codes = _prepare(previous, config)
    df = df.loc[t_codes == ""]
    result = {}
    for ind in config.indicators:
        num = pd.to_numeric(df[ind.numerator], errors="coerce")
        den = pd.to_numeric(df[ind.denominator], errors="coerce")
        ok = num.notna() & (den > 0)
        sums = pd.DataFrame({"g": df["group"], "n": num.where(ok), "d": den.where(ok)}).groupby("g").sum()
        for g, row in sums.iterrows():
            if row["d"] > 0:
                result[(str(g), ind.key)] = float(row["n"] / row["d"])
    return result


def _minmax_points(value, codes, mask, weight) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """weight × [20 + 80 × (x − min) ÷ (max − min)] ÷ 100 in the group; full weight if max = min."""
    low = _group_stat(value, codes, mask, "min")[codes]
    high = _group_stat(value, codes, mask, "max")[codes]
    span = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(span > 0, (value - low) / span, 1.0)
    return np.where(np.isnan(value), np.nan, weight * (20 + 80 * share) / 100), low, high


def _fill_missing(points: np.ndarray, codes, mask, config: ScoringConfig) -> np.ndarray:
    rule, penalty = config.missing_rule()
    missing = np.isnan(points)
    if not missing.any():
        return points
    if rule == "group_average_points":
        avg = _group_stat(points, codes, mask, "mean")[codes]
        fill = np.nan_to_num(avg)
    elif rule == "zero":
        fill = np.zeros(len(points))
    else:
        fill = np.full(len(points), -abs(penalty))
    return np.where(missing, fill, points)


def _bonus_points(df: pd.DataFrame, bonus) -> np.ndarray:
    raw = df[bonus.column]
    amount = np.nan_to_num(pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float))
    amount = np.where(_flags(raw) & (amount == 0), 1.0, amount)   # 是 counts as 1
    pts = amount * bonus.points
    if bonus.cap is not None:
        pts = np.clip(pts, -abs(bonus.cap), abs(bonus.cap))
    return pts


# --------------------------------------------------------------------------- ranks and classes


def _ranks(total: np.ndarray, codes: np.ndarray, mask: np.ndarray,
           graded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank within the group among ``mask`` (ties share the better rank), and the number of
    firms ranked in each graded firm's group."""
    key = np.where(mask, codes, -1)
    ranks = pd.Series(total).groupby(key).rank(method="min", ascending=False).to_numpy()
    counts = np.bincount(key[mask], minlength=(codes.max() + 1) if len(codes) else 0)
    n = np.where(graded, counts[np.maximum(codes, 0)] if len(codes) else 0, 0)
    return np.where(mask, ranks, np.nan), n


def _vetoes(df, mask, config: ScoringConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each graded firm's veto codes, whether a veto forces the last class, whether one downgrades."""
    veto_codes = np.full(len(df), "", dtype=object)
    force = np.zeros(len(df), dtype=bool)
    down = np.zeros(len(df), dtype=bool)
    for veto in config.vetoes:
        flag = _flags(df[veto.column]) & mask
        code = ("veto=" if veto.action == "D" else "downgrade=") + veto.column
        veto_codes[flag] = np.where(veto_codes[flag] == "", code, veto_codes[flag] + ";" + code)
        if veto.action == "D":
            force |= flag
        else:
            down |= flag
    return veto_codes, force, down


def _classes(percentile, graded, force, down, config: ScoringConfig) -> np.ndarray:
    """The band of each ranked firm, one lower when downgraded; the last band when vetoed; T
    when not graded."""
    bands = config.bands
    conditions = [percentile <= b.max_percentile + 1e-12 for b in bands]
    index = np.select(conditions, list(range(len(bands))), default=len(bands) - 1)
    index = np.where(down, np.minimum(index + 1, len(bands) - 1), index)
    index = np.where(force, len(bands) - 1, index)
    names = np.array([b.cls for b in bands], dtype=object)
    return np.where(graded, names[index], "T")


def _flags(column: pd.Series) -> np.ndarray:
    """A yes/no column as bool, whatever it was stored as (bool, 0/1, 是/否, "True")."""
    if column.dtype == bool:
        return column.to_numpy()
    numbers = pd.to_numeric(column, errors="coerce")
    text = column.astype("string").str.strip().str.lower()
    yes = text.isin(["是", "有", "y", "yes", "true", "t", "√"]).fillna(False).to_numpy(dtype=bool)
    return yes | (numbers > 0).fillna(False).to_numpy(dtype=bool)


def _join_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    result = a.copy()
    has_b = np.flatnonzero(b != "")
    if len(has_b):
        joined = a[has_b] + ";" + b[has_b]
        result[has_b] = np.where(a[has_b] == "", b[has_b], joined)
    return result


def reason_text(codes: pd.Series, config: ScoringConfig, lang: str | None = None) -> pd.Series:
    """The readable reason for each ``reason_codes`` value ('' when graded normally)."""
    texts = {code: _reason_one(code, config, lang) for code in codes.dropna().unique()}
    return codes.map(texts).fillna("")


def _reason_one(codes: str, config: ScoringConfig, lang: str | None) -> str:
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
            label = _label(vetoes[arg], lang) if arg in vetoes else arg
            parts.append(messages.text(f"reason_{kind}", lang, label=label))
    return "；".join(parts) if (lang or messages.language()) != "en" else "; ".join(parts)


# --------------------------------------------------------------------------- explanation


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
    reason = _reason_one(str(row.get("reason_codes") or ""), config, lang)
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
        messages.text(head, lang, name=name, cls=cls, band=_label(band, lang) or cls,
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
        label = _label(ind, lang)
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
            lines.append(messages.text("explain_bonus", lang, label=_label(bonus, lang), points=pts))
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
