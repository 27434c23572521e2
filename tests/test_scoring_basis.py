"""The benchmark basis of a score: which rule set each group's benchmark, against hand values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from landplanner.analysis.scoring import score
from landplanner.analysis.scoring_basis import basis_lines, basis_text
from landplanner.analysis.scoring_config import ScoringConfig


def config(**overrides):
    data = dict(name="t", label_zh="测试", label_en="test", groups=["above", "below"],
                benchmark_rule="data",
                indicators=[dict(key="tax_per_mu", label_zh="亩均税收", label_en="Tax per mu",
                                 numerator="tax", denominator="land_mu", unit="万元/亩",
                                 weight=100.0)],
                scope=dict(sizes=["above", "below"], below_min_mu=0, min_years_in_production=0))
    data.update(overrides)
    return ScoringConfig.from_dict(data)


def firms(year, rows):
    return pd.DataFrame([dict(uscc=None, name=n, size=s, land_mu=10.0, tax=t, veto_safety=False,
                              veto_env=False, year=year) for n, s, t in rows])


CURRENT = firms(2025, [("甲", "above", 100), ("乙", "above", 300), ("丙", "above", 200),
                       ("丁", "below", 0), ("戊", "below", 0)])


def by_group(result):
    return {b["group"]: b for b in result.attrs["basis"]}


def test_median_of_the_group_without_a_previous_year():
    result = score(CURRENT, config())
    basis = by_group(result)
    # 规上 tax per mu 10, 30, 20 → median 20; 规下 all 0 → no benchmark, no points
    assert basis["above"] == dict(group="above", indicator="tax_per_mu", rule="median",
                                  benchmark=20.0, year=2025, factor=None)
    assert basis["below"]["rule"] == "none" and basis["below"]["benchmark"] is None
    lines = basis_lines(result.attrs["basis"], config(), "zh")
    assert lines == ["亩均税收 基准 20 万元/亩 = 2025 年规上组中位数",
                     "亩均税收 无基准：规下组没有正值，该项不得分"]
    assert basis_text(basis["above"], config(), "en") == \
        "Tax per mu benchmark 20 10k yuan/mu = the 2025 median of group “Above designated size”"


def test_twice_the_previous_group_average_and_median_for_a_group_it_lacks():
    previous = firms(2024, [("甲", "above", 50), ("乙", "above", 70)])   # Σ120 ÷ Σ20 mu = 6
    result = score(CURRENT, config(), previous=previous)
    basis = by_group(result)
    assert basis["above"]["rule"] == "previous_mean"
    assert basis["above"]["benchmark"] == pytest.approx(12.0) and basis["above"]["year"] == 2024
    assert basis_text(basis["above"], config(), "zh") == "亩均税收 基准 12 万元/亩 = 2024 年规上组均值 × 2"
    assert basis["below"]["rule"] == "none"       # 2024 has no 规下 firm; 2025's are all 0
    # each firm's benchmark column is its group's basis figure
    above = result["group"] == "above"
    assert np.allclose(result.loc[above, "benchmark:tax_per_mu"], 12.0)


def test_mean_when_the_median_is_not_positive_and_fixed_benchmarks():
    rows = firms(2025, [("甲", "above", 0), ("乙", "above", 0), ("丙", "above", 90)])
    basis = by_group(score(rows, config()))
    assert basis["above"]["rule"] == "mean" and basis["above"]["benchmark"] == pytest.approx(3.0)
    fixed = config(benchmark_rule="fixed", indicators=[dict(
        key="tax_per_mu", label_zh="亩均税收", label_en="Tax per mu", numerator="tax",
        denominator="land_mu", unit="万元/亩", weight=100.0, benchmark=24.097)])
    item = by_group(score(CURRENT, fixed))["above"]
    assert item["rule"] == "fixed"
    assert basis_text(item, fixed, "zh") == "亩均税收 基准 24.097 万元/亩（评价方案设定，规上组）"


def test_minmax_states_the_group_range():
    minmax = config(method="minmax")
    item = by_group(score(CURRENT, minmax))["above"]
    assert (item["rule"], item["low"], item["high"]) == ("minmax", 10.0, 30.0)
    assert basis_text(item, minmax, "zh") == "亩均税收 按 2025 年规上组最小值–最大值 10–30 万元/亩 计分（20%–100%）"
