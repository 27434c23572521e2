"""Points of one indicator per firm: ratios, group statistics, benchmarks, the min–max scale,
missing values and bonuses (numpy, no per-firm loop). Used by :func:`scoring.score`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner.analysis.scoring_config import ScoringConfig


def ratio_values(df: pd.DataFrame, numerator: str, denominator: str) -> np.ndarray:
    """numerator ÷ denominator; NaN when an input is missing or the denominator is ≤ 0."""
    num = pd.to_numeric(df[numerator], errors="coerce").to_numpy(dtype=float)
    den = pd.to_numeric(df[denominator], errors="coerce").to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def group_stat(value: np.ndarray, codes: np.ndarray, mask: np.ndarray, how: str) -> np.ndarray:
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


def group_benchmarks(value, codes, mask, uniques, ind, config, prev_avgs) -> tuple[np.ndarray, np.ndarray]:
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
    median = group_stat(value, codes, mask, "median")
    mean = group_stat(value, codes, mask, "mean")
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


def minmax_points(value, codes, mask, weight) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """weight × [20 + 80 × (x − min) ÷ (max − min)] ÷ 100 in the group; full weight if max = min."""
    low = group_stat(value, codes, mask, "min")[codes]
    high = group_stat(value, codes, mask, "max")[codes]
    span = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(span > 0, (value - low) / span, 1.0)
    return np.where(np.isnan(value), np.nan, weight * (20 + 80 * share) / 100), low, high


def fill_missing(points: np.ndarray, codes, mask, config: ScoringConfig) -> np.ndarray:
    rule, penalty = config.missing_rule()
    missing = np.isnan(points)
    if not missing.any():
        return points
    if rule == "group_average_points":
        avg = group_stat(points, codes, mask, "mean")[codes]
        fill = np.nan_to_num(avg)
    elif rule == "zero":
        fill = np.zeros(len(points))
    else:
        fill = np.full(len(points), -abs(penalty))
    return np.where(missing, fill, points)


def bonus_points(df: pd.DataFrame, bonus) -> np.ndarray:
    raw = df[bonus.column]
    amount = np.nan_to_num(pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float))
    amount = np.where(true_flags(raw) & (amount == 0), 1.0, amount)   # 是 counts as 1
    pts = amount * bonus.points
    if bonus.cap is not None:
        pts = np.clip(pts, -abs(bonus.cap), abs(bonus.cap))
    return pts


def true_flags(column: pd.Series) -> np.ndarray:
    """A yes/no column as bool, whatever it was stored as (bool, 0/1, 是/否, "True")."""
    if column.dtype == bool:
        return column.to_numpy()
    numbers = pd.to_numeric(column, errors="coerce")
    text = column.astype("string").str.strip().str.lower()
    yes = text.isin(["是", "有", "y", "yes", "true", "t", "√"]).fillna(False).to_numpy(dtype=bool)
    return yes | (numbers > 0).fillna(False).to_numpy(dtype=bool)
