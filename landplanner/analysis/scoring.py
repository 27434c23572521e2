"""亩均论英雄: score, rank and class enterprises under a :class:`ScoringConfig`.

Everything is computed column-wise with numpy/pandas (no per-firm Python loop), so
100,000 enterprises score well under a second (``bench/bench_score.py``). The rules —
points, missing values, rounding, ties, bands, vetoes and T — are documented in
:mod:`landplanner.analysis.scoring_config`. The points of one indicator are computed in
:mod:`landplanner.analysis.scoring_points`; the reasons and the explanation of a firm's class
in :mod:`landplanner.analysis.scoring_explain` (``explain``, ``format_benchmark`` and
``reason_text`` stay importable from here).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner import messages
from landplanner.analysis.indicators import field_label
from landplanner.analysis.scoring_config import GROUPS, ScoringConfig
from landplanner.analysis.scoring_explain import (  # noqa: F401  (explain, format_benchmark, reason_text: importable here too)
    explain,
    format_benchmark,
    item_label,
    reason_of,
    reason_text,
)
from landplanner.analysis.scoring_points import (
    bonus_points,
    fill_missing,
    group_benchmarks,
    minmax_points,
    ratio_values,
    true_flags,
)
from landplanner.problems import InputError, Problem

messages.register({
    "score_missing_column": ("评价需要“{column}”列（指标“{indicator}”），但数据中没有",
                             "Scoring needs the column “{column}” (for “{indicator}”), which the data lacks"),
    "score_empty_column": ("数据中“{column}”列没有任何数值，指标“{indicator}”无法评价（缺少该列？）",
                           "The column “{column}” has no values, so “{indicator}” cannot be scored "
                           "(is the column missing?)"),
    "score_previous_year": ("基准值按 {year} 年数据计算", "Benchmarks from the {year} data"),
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
        pts = np.where(graded, bonus_points(df, bonus), np.nan)
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
    value = ratio_values(df, ind.numerator, ind.denominator)
    extra: dict[str, np.ndarray] = {f"value:{ind.key}": value}
    if config.method == "minmax":
        points, low, high = minmax_points(value, codes, graded, ind.weight)
        extra[f"low:{ind.key}"], extra[f"high:{ind.key}"] = low, high
        bench_group = np.full(len(groups), np.nan)
        rules = np.full(len(groups), "minmax", dtype=object)
    else:
        bench_group, rules = group_benchmarks(value, codes, graded, groups, ind, config, prev_avgs)
        bench_row = bench_group[codes]
        with np.errstate(divide="ignore", invalid="ignore"):
            # no usable benchmark (data rule, nothing positive in the group): no points
            points = np.where(bench_row > 0, value / bench_row * ind.weight,
                              np.where(np.isnan(value), np.nan, 0.0))
    if not config.allow_negative_points:
        points = np.where(points < 0, 0.0, points)
    if ind.cap is not None:
        points = np.minimum(points, ind.cap)
    points = fill_missing(points, codes, graded, config)
    points = np.where(graded, np.round(points, config.score_decimals), np.nan)
    extra[f"points:{ind.key}"] = points
    extra[f"benchmark:{ind.key}"] = bench_group[codes] if len(codes) else np.array([])
    return points, extra, bench_group, rules


def _reason_column(reason_codes: pd.Categorical, config: ScoringConfig) -> object:
    texts = [reason_of(c, config, None) for c in reason_codes.categories]
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
        code[true_flags(df["renting"])] = GROUPS.index("renting")
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
            needed.setdefault(column, []).append(item_label(ind))
    absent = [c for c in needed if c not in df.columns or
              pd.to_numeric(df[c], errors="coerce").isna().all()]
    others = [(b.column, item_label(b)) for b in config.bonuses] + \
        [(v.column, item_label(v)) for v in config.vetoes]
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


# --------------------------------------------------------------------------- points


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
        flag = true_flags(df[veto.column]) & mask
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


def _join_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    result = a.copy()
    has_b = np.flatnonzero(b != "")
    if len(has_b):
        joined = a[has_b] + ";" + b[has_b]
        result[has_b] = np.where(a[has_b] == "", b[has_b], joined)
    return result
