"""亩均论英雄 scoring against hand-computed values from the published formulas (DOMAIN §3)."""

import math

import numpy as np
import pandas as pd
import pytest

from landplanner.analysis.scoring import score
from landplanner.analysis.scoring_config import ScoringConfig, load_preset
from landplanner.problems import InputError


def firm(name, size="above", land_mu=10.0, **values):
    row = dict(uscc=None, name=name, size=size, land_mu=land_mu, veto_safety=False,
               veto_env=False, year=2023)
    row.update(values)
    return row


def frame(*rows):
    df = pd.DataFrame(rows)
    for column in ("tax", "sales", "value_added", "energy", "emissions", "employees", "rd",
                   "revenue", "electricity"):
        if column not in df:
            df[column] = np.nan
    return df


def simple_config(**overrides):
    """One indicator: tax per mu, benchmark 1, weight 100 → score = tax per mu × 100."""
    data = dict(name="t", label_zh="测试", label_en="test", groups=["above", "below", "renting"],
                indicators=[dict(key="tax_per_mu", label_zh="亩均税收", label_en="tax per mu",
                                 numerator="tax", denominator="land_mu", unit="万元/亩",
                                 weight=100.0, benchmark=1.0)])
    data.update(overrides)
    return ScoringConfig.from_dict(data)


# ------------------------------------------------------------------ published presets


def at_benchmark_above(name, land=10.0):
    # each ratio lands exactly on its published benchmark (DOMAIN §3, 黄岩 2022 规上)
    va = 136.16 * land
    return firm(name, land_mu=land, tax=24.097 * land, value_added=va, energy=va / 2.694,
                emissions=va / 4929.81, employees=va / 18.14, rd=0.0302 * 1000, revenue=1000.0)


def test_huangyan_above_firm_at_every_benchmark_scores_exactly_100():
    result = score(frame(at_benchmark_above("甲"), at_benchmark_above("乙", land=3.7)),
                   load_preset("huangyan-2022-above"))
    assert result["score"].tolist() == [100.0, 100.0]
    weights = {"tax_per_mu": 30, "value_added_per_mu": 20, "value_added_per_energy": 20,
               "value_added_per_emission": 10, "labour_productivity": 10, "rd_share": 10}
    for key, weight in weights.items():
        assert result[f"points:{key}"].tolist() == [weight, weight]


def test_huangyan_above_hand_computed_firm():
    # tax per mu 2× the benchmark (60 points), value added per mu half (10), energy at benchmark
    # (20); emissions, productivity and R&D as computed below.
    land, va = 10.0, 68.08 * 10          # 亩均增加值 68.08 = 136.16 / 2
    row = firm("甲", land_mu=land, tax=48.194 * land, value_added=va, energy=va / 2.694,
               emissions=va / 2464.905,     # half the benchmark 4929.81 → 5
               employees=va / 36.28,        # 2× 18.14 → 20
               rd=0.0151 * 2000, revenue=2000.0)   # half of 0.0302 → 5
    result = score(frame(row), load_preset("huangyan-2022-above"))
    assert result.loc[0, "score"] == pytest.approx(60 + 10 + 20 + 5 + 20 + 5)


def test_huangyan_below_firm_at_both_benchmarks_scores_exactly_100():
    land = 3.0
    tax = 11.5932 * land
    row = firm("小企业", size="below", land_mu=land, tax=tax, electricity=tax / 0.2352)
    result = score(frame(row), load_preset("huangyan-2022-below"))
    assert result.loc[0, "score"] == 100.0
    assert result.loc[0, "points:tax_per_mu"] == 50 and result.loc[0, "points:tax_per_electricity"] == 50


def test_below_size_firm_under_the_land_threshold_is_out_of_scope():
    rows = [firm("够", "below", 3.0, tax=3, electricity=10),
            firm("不够", "below", 2.99, tax=3, electricity=10),
            firm("规上", "above", 50, tax=3, electricity=10)]
    result = score(frame(*rows), load_preset("huangyan-2022-below"))
    assert result["name"].tolist() == ["够"]
    assert result.attrs["out_of_scope"] == 2


def test_preset_constants_are_the_published_ones():
    above = {i.key: (i.benchmark, i.weight) for i in load_preset("huangyan-2022-above").indicators}
    assert above == {"tax_per_mu": (24.097, 30), "value_added_per_mu": (136.16, 20),
                     "value_added_per_energy": (2.694, 20), "value_added_per_emission": (4929.81, 10),
                     "labour_productivity": (18.14, 10), "rd_share": (0.0302, 10)}
    below = {i.key: (i.benchmark, i.weight) for i in load_preset("huangyan-2022-below").indicators}
    assert below == {"tax_per_mu": (11.5932, 50), "tax_per_electricity": (0.2352, 50)}
    assert [i.weight for i in load_preset("wujin").indicators] == [40, 20, 10, 10, 10, 10]
    huaian = load_preset("huaian-2024")
    assert [i.weight for i in huaian.indicators] == [45, 35, 20]
    assert [b.max_percentile for b in huaian.bands] == [0.2, 0.6, 0.95, 1.0]
    chong = load_preset("chongchuan")
    assert chong.benchmark_rule == "data" and chong.groups == ["above", "below", "renting"]


# ------------------------------------------------------------------ min-max method


def test_minmax_three_firms_hand_worked():
    # item = weight × [20 + 80 × (x − min) / (max − min)] / 100 within the group
    # tax per mu 2, 5, 10 (weight 50): 10, 25, 50; sales per mu 30, 10, 20 (weight 50): 50, 10, 30
    config = simple_config(method="minmax", benchmark_rule="data", indicators=[
        dict(key="tax_per_mu", label_zh="亩均税收", label_en="tax", numerator="tax",
             denominator="land_mu", unit="万元/亩", weight=50.0),
        dict(key="sales_per_mu", label_zh="亩均销售", label_en="sales", numerator="sales",
             denominator="land_mu", unit="万元/亩", weight=50.0)])
    rows = [firm("一", land_mu=1, tax=2, sales=30), firm("二", land_mu=2, tax=10, sales=20),
            firm("三", land_mu=0.5, tax=5, sales=10)]
    result = score(frame(*rows), config).set_index("name")
    assert result.loc["一", "points:tax_per_mu"] == 10 and result.loc["一", "points:sales_per_mu"] == 50
    assert result.loc["二", "points:tax_per_mu"] == 25 and result.loc["二", "points:sales_per_mu"] == 10
    assert result.loc["三", "points:tax_per_mu"] == 50 and result.loc["三", "points:sales_per_mu"] == 30
    assert result["score"].to_dict() == {"一": 60, "二": 35, "三": 80}
    assert result["rank"].to_dict() == {"一": 2, "二": 3, "三": 1}


# ------------------------------------------------------------------ ranks, bands, ties


def test_ten_firms_with_a_tie_across_the_20_percent_cut():
    # scores 100, 90, 90, 80 … : ranks 1, 2, 2, 4 …; percentile = rank / 10, band by ≤ cut-off
    taxes = [10, 9, 9, 8, 7, 6, 5, 4, 3, 2]
    rows = [firm(f"F{i}", land_mu=10, tax=t) for i, t in enumerate(taxes)]
    result = score(frame(*rows), simple_config())
    assert result["score"].tolist() == [100, 90, 90, 80, 70, 60, 50, 40, 30, 20]
    assert result["rank"].tolist() == [1, 2, 2, 4, 5, 6, 7, 8, 9, 10]
    assert result["class"].tolist() == ["A", "A", "A", "B", "B", "B", "C", "C", "C", "D"]


def test_tie_at_the_bottom_shares_the_better_rank():
    taxes = [10, 9, 8, 7, 6, 5, 4, 3, 2, 2]
    rows = [firm(f"F{i}", land_mu=1, tax=t) for i, t in enumerate(taxes)]
    result = score(frame(*rows), simple_config())
    assert result["rank"].tolist()[-2:] == [9, 9]
    assert result["class"].tolist() == ["A", "A", "B", "B", "B", "B", "C", "C", "C", "C"]


def test_scores_equal_after_rounding_tie():
    rows = [firm("a", land_mu=1, tax=0.123451), firm("b", land_mu=1, tax=0.123449),
            firm("c", land_mu=1, tax=0.1)]
    result = score(frame(*rows), simple_config())
    assert result["score"].tolist() == [12.35, 12.34, 10.0]
    rows[1]["tax"] = 0.1234512
    result = score(frame(*rows), simple_config())
    assert result["rank"].tolist() == [1, 1, 3]


def test_groups_are_ranked_separately():
    rows = [firm("大1", "above", tax=100), firm("大2", "above", tax=50),
            firm("小1", "below", tax=10), firm("小2", "below", tax=5),
            firm("租1", "below", tax=1, renting=True)]
    result = score(frame(*rows), simple_config()).set_index("name")
    assert result["group"].to_dict() == {"大1": "above", "大2": "above", "小1": "below",
                                         "小2": "below", "租1": "renting"}
    assert result["rank"].to_dict() == {"大1": 1, "大2": 2, "小1": 1, "小2": 2, "租1": 1}
    assert result["group_size"].to_dict() == {"大1": 2, "大2": 2, "小1": 2, "小2": 2, "租1": 1}


# ------------------------------------------------------------------ vetoes and T


def test_vetoed_firm_is_d_with_its_reason_and_takes_no_rank():
    # The rule (scoring_config docstring): a firm vetoed to D keeps its score but is not
    # ranked; the others are ranked and classed as if it were not there.
    rows = [firm(f"F{i}", land_mu=1, tax=10 - i) for i in range(10)]
    rows[0]["veto_safety"] = True       # the best score, vetoed for a safety accident
    rows[4]["veto_env"] = True
    result = score(frame(*rows), simple_config())
    assert result.loc[0, "class"] == "D" and pd.isna(result.loc[0, "rank"])
    assert result.loc[0, "score"] == 1000 and "重大安全事故" in result.loc[0, "reason"]
    assert result.loc[4, "class"] == "D" and pd.isna(result.loc[4, "rank"])
    ranked = result.drop(index=[0, 4])
    assert ranked["rank"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert (ranked["group_size"] == 8).all()
    # 8 ranked firms: ranks 1 (12.5 %) A; 2–4 (≤ 50 %) B; 5–7 C; 8 (100 %) D
    assert ranked["class"].tolist() == ["A", "B", "B", "B", "C", "C", "C", "D"]


def test_downgrade_veto_moves_one_class():
    config = simple_config(vetoes=[dict(column="veto_env", label_zh="环境违法",
                                        label_en="environmental violation", action="downgrade")])
    rows = [firm(f"F{i}", land_mu=1, tax=10 - i) for i in range(10)]
    rows[0]["veto_env"] = True      # A → B
    rows[9]["veto_env"] = True      # D stays D
    result = score(frame(*rows), config)
    assert result.loc[0, "class"] == "B" and result.loc[9, "class"] == "D"


def test_t_exclusions_are_not_graded_and_not_counted():
    config = simple_config(scope=dict(sizes=["above", "below"], exclude_uscc=["91350100M000100Y43"],
                                      exclude_industry_keywords=["电力"], min_years_in_production=2))
    rows = [firm("供电", tax=100, industry="电力、热力生产和供应业"),
            firm("名单", tax=90, uscc="91350100M000100Y43"),
            firm("新厂", tax=80, production_start=2022),     # 2023 − 2022 = 1 year < 2
            firm("老厂", tax=10, production_start=2020),
            firm("甲", tax=20)]
    result = score(frame(*rows), config).set_index("name")
    assert result.loc[["供电", "名单", "新厂"], "class"].tolist() == ["T", "T", "T"]
    assert result.loc[["供电", "名单", "新厂"], "score"].isna().all()
    assert result.loc[["供电", "名单", "新厂"], "rank"].isna().all()
    assert "电力" in result.loc["供电", "reason"] and "名单" in result.loc["名单", "reason"]
    assert "2" in result.loc["新厂", "reason"]
    assert result.loc["甲", "rank"] == 1 and result.loc["老厂", "rank"] == 2
    assert result.loc["甲", "group_size"] == 2


# ------------------------------------------------------------------ missing values, caps, data benchmarks


def two_indicators(**overrides):
    return simple_config(indicators=[
        dict(key="tax_per_mu", label_zh="亩均税收", label_en="tax", numerator="tax",
             denominator="land_mu", unit="万元/亩", weight=50.0, benchmark=1.0),
        dict(key="tax_per_energy", label_zh="单位能耗税收", label_en="tax/energy", numerator="tax",
             denominator="energy", unit="万元/吨标煤", weight=50.0, benchmark=2.0)], **overrides)


@pytest.mark.parametrize("rule, expected", [
    ("group_average_points", (25.0 + 50.0) / 2),   # mean of the others' items
    ("zero", 0.0),
    ("penalty:5", -5.0),
])
def test_missing_value_rules(rule, expected):
    rows = [firm("a", land_mu=1, tax=1, energy=1),      # tax/energy 1 → 25 points
            firm("b", land_mu=1, tax=1, energy=0.5),    # 2 → 50 points
            firm("c", land_mu=1, tax=1, energy=np.nan),  # missing
            firm("d", land_mu=1, tax=1, energy=0.0)]     # denominator 0 → missing too
    result = score(frame(*rows), two_indicators(missing=rule))
    assert result["points:tax_per_energy"].tolist()[:2] == [25.0, 50.0]
    assert result["points:tax_per_energy"].tolist()[2:] == [expected, expected]
    assert result.loc[2, "score"] == pytest.approx(50 + expected)


def test_cap_and_negative_floor():
    config = simple_config(indicators=[dict(
        key="tax_per_mu", label_zh="亩均税收", label_en="tax", numerator="tax",
        denominator="land_mu", unit="万元/亩", weight=30.0, benchmark=2.0, cap=45.0)])
    rows = [firm("高", land_mu=1, tax=6), firm("中", land_mu=1, tax=2.5), firm("负", land_mu=1, tax=-1)]
    result = score(frame(*rows), config)
    assert result["points:tax_per_mu"].tolist() == [45.0, 37.5, 0.0]   # 90 capped; 2.5/2×30; ≥ 0


def test_data_benchmark_is_current_median_or_twice_previous_average():
    config = simple_config(benchmark_rule="data", indicators=[dict(
        key="tax_per_mu", label_zh="亩均税收", label_en="tax", numerator="tax",
        denominator="land_mu", unit="万元/亩", weight=100.0)])
    rows = [firm("a", land_mu=1, tax=1), firm("b", land_mu=2, tax=4), firm("c", land_mu=1, tax=3)]
    result = score(frame(*rows), config)
    assert result["benchmark:tax_per_mu"].tolist() == [2.0, 2.0, 2.0]   # median of 1, 2, 3
    assert result["score"].tolist() == [50.0, 100.0, 150.0]
    # previous year: ratios 1 and 3 (mean of ratios 2) but Σtax ÷ Σland = 10 ÷ 4 = 2.5
    previous = frame(firm("a", land_mu=1, tax=1), firm("b", land_mu=3, tax=9))
    result = score(frame(*rows), config, previous=previous)
    assert result.loc[0, "benchmark:tax_per_mu"] == pytest.approx(2 * 10 / 4)
    assert result.loc[0, "score"] == pytest.approx(100 * 1 / 5)


def test_bonus_items_add_points():
    config = simple_config(bonuses=[dict(key="hitech", label_zh="高新技术企业", label_en="high-tech",
                                         column="高新技术企业", points=3.0)])
    rows = [firm("a", land_mu=1, tax=0.5, 高新技术企业="是"), firm("b", land_mu=1, tax=0.5, 高新技术企业="否")]
    result = score(frame(*rows), config)
    assert result["score"].tolist() == [53.0, 50.0]


# ------------------------------------------------------------------ bad input


def test_missing_input_column_names_it():
    df = frame(firm("a", tax=1)).drop(columns="energy")
    with pytest.raises(InputError) as err:
        score(df, two_indicators())
    assert "energy" in err.value.problem.message_en and "综合能耗" in err.value.problem.message_zh


def test_input_column_without_any_value_is_an_error():
    with pytest.raises(InputError) as err:
        score(frame(firm("a", tax=1)), two_indicators())
    assert err.value.problem.code == "score_empty_column"


def test_result_columns_follow_the_contract():
    result = score(frame(firm("a", tax=1)), simple_config())
    for column in ("uscc", "name", "group", "land_mu", "score", "rank", "class", "reason",
                   "value:tax_per_mu", "points:tax_per_mu"):
        assert column in result.columns
    assert math.isclose(result.loc[0, "value:tax_per_mu"], 0.1)


def test_nobody_in_scope_gives_an_empty_result():
    result = score(frame(firm("大", "above", tax=1, electricity=1)), load_preset("huangyan-2022-below"))
    assert result.empty and result.attrs["out_of_scope"] == 1


def test_flags_stored_as_text_or_numbers():
    rows = [firm(f"F{i}", land_mu=1, tax=10 - i) for i in range(4)]
    df = frame(*rows)
    df["veto_safety"] = ["False", "True", "0", "否"]
    df["veto_env"] = [0, 0, 1, None]
    result = score(df, simple_config())
    # 4 firms: rank 1 → 0.25 → B; "True" and 1 veto F1 and F2; "0"/否/None do not
    assert result["class"].tolist() == ["B", "D", "D", "D"]
    assert result["reason"].tolist()[0] == "" and result["reason"].tolist()[3] == ""
