"""Scoring configuration: presets, TOML round trip, validation, explanations."""

import tomllib

import pandas as pd
import pytest

from landplanner.analysis.scoring import explain, score
from landplanner.analysis.scoring_config import (
    ScoringConfig,
    dumps_config,
    load_config,
    load_preset,
    preset_names,
    save_config,
)
from landplanner.problems import InputError


def test_shipped_presets():
    assert set(preset_names()) >= {"huangyan-2022-above", "huangyan-2022-below", "wujin",
                                   "huaian-2024", "chongchuan"}
    for name in preset_names():
        config = load_preset(name)
        assert config.name == name
        assert sum(i.weight for i in config.indicators) == 100


def test_unknown_preset_names_the_available_ones():
    with pytest.raises(InputError) as err:
        load_preset("nowhere")
    assert "huangyan-2022-above" in err.value.problem.message_en


@pytest.mark.parametrize("name", ["huangyan-2022-above", "chongchuan"])
def test_toml_round_trip(tmp_path, name):
    config = load_preset(name)
    path = tmp_path / "out.toml"
    save_config(config, path)
    assert load_config(path) == config
    assert ScoringConfig.from_dict(config.to_dict()) == config
    with pytest.raises(InputError):
        save_config(config, path)          # an existing file is never overwritten


def test_data_preset_states_its_benchmark_rule_in_the_file():
    from importlib import resources

    text = (resources.files("landplanner.analysis.presets") / "chongchuan.toml").read_text("utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "2×" in comments and "median" in comments


@pytest.mark.parametrize("change, where", [
    ({"method": "ratio"}, "method"),
    ({"missing": "guess"}, "missing"),
    ({"missing": "penalty:x"}, "missing"),
    ({"bands": [{"cls": "A", "max_percentile": 0.5}, {"cls": "B", "max_percentile": 0.9}]}, "bands"),
    ({"groups": ["everyone"]}, "groups"),
    ({"colour": "red"}, "colour"),
])
def test_invalid_settings_name_the_key(change, where):
    data = load_preset("huangyan-2022-above").to_dict()
    data.update(change)
    with pytest.raises(InputError) as err:
        ScoringConfig.from_dict(data)
    assert where in err.value.problem.message_en


def test_fixed_rule_needs_benchmarks_and_weights_must_be_positive():
    data = load_preset("huangyan-2022-above").to_dict()
    del data["indicators"][0]["benchmark"]
    with pytest.raises(InputError) as err:
        ScoringConfig.from_dict(data)
    assert "tax_per_mu" in err.value.problem.message_en
    data = load_preset("huangyan-2022-above").to_dict()
    data["indicators"][1]["weight"] = -1
    with pytest.raises(InputError):
        ScoringConfig.from_dict(data)


def test_broken_toml_file_is_an_input_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_config(path)
    assert err.value.problem.code == "cfg_unreadable"


def test_dumped_toml_is_valid_and_commented():
    text = dumps_config(load_preset("wujin"))
    assert text.startswith("# landplanner")
    assert tomllib.loads(text)["name"] == "wujin"


# ------------------------------------------------------------------ explanations


def c_firm_result():
    config = load_preset("huangyan-2022-above")
    va = 1361.6
    good = dict(size="above", land_mu=10.0, tax=240.97, value_added=va, energy=va / 2.694,
                emissions=va / 4929.81, employees=va / 18.14, rd=30.2, revenue=1000.0,
                veto_safety=False, veto_env=False, year=2023, uscc=None)
    rows = [dict(good, name=f"好{i}", tax=240.97 * (2 - i / 10)) for i in range(9)]
    # the C firm: tax per mu a quarter of the benchmark, energy use twice as high
    rows.append(dict(good, name="差", tax=240.97 / 4, energy=2 * va / 2.694))
    rows.append(dict(good, name="否决", tax=240.97 * 3, veto_env=True))
    rows.append(dict(good, name="最差", tax=1.0, value_added=va / 10))
    result = score(pd.DataFrame(rows), config)
    return result.set_index("name", drop=False), config


def test_explain_says_why_a_firm_is_c():
    result, config = c_firm_result()
    row = result.loc["差"]
    assert row["class"] == "C"
    zh = explain(row, config, "zh")
    # rank 10 of 11: the vetoed firm takes no rank and does not count
    assert "C 类" in zh and "第 10 名" in zh and "11 家" in zh and "90.9%" in zh
    tax_line = next(line for line in zh.splitlines() if line.startswith("· 亩均税收"))
    assert "6.0243 万元/亩" in tax_line and "24.097" in tax_line and "7.50 / 30" in tax_line and "拉低" in tax_line
    energy_line = next(line for line in zh.splitlines() if line.startswith("· 单位能耗增加值"))
    assert "10 / 20" in energy_line and "拉低" in energy_line
    assert "亩均税收 (−22.50)" in zh                                  # the largest loss first
    en = explain(row, config, "en")
    assert "class C" in en and "rank 10 of 11" in en and "below benchmark" in en


def test_explain_veto_and_t():
    result, config = c_firm_result()
    text = explain(result.loc["否决"], config, "en")
    assert "class D" in text and "not ranked" in text and "environmental violation" in text
    assert "rank " not in text
    t_row = pd.Series({"name": "电厂", "class": "T", "reason_codes": "industry=电力;new=2"})
    text = explain(t_row, config, "zh")
    assert "不参评" in text and "电力" in text and "投产不满 2 年" in text


def test_explain_minmax_shows_the_group_range():
    config = ScoringConfig.from_dict(dict(
        name="m", label_zh="极差", label_en="min-max", method="minmax", benchmark_rule="data",
        groups=["above"], indicators=[dict(key="tax_per_mu", label_zh="亩均税收", label_en="tax per mu",
                                           numerator="tax", denominator="land_mu", unit="万元/亩",
                                           weight=100.0)]))
    rows = [dict(uscc=None, name=n, size="above", land_mu=1.0, tax=t, veto_safety=False,
                 veto_env=False) for n, t in (("a", 2.0), ("b", 4.0), ("c", 10.0))]
    result = score(pd.DataFrame(rows), config)
    assert result["points:tax_per_mu"].tolist() == [20.0, 40.0, 100.0]   # 100 × (20 + 80 × 2/8)/100
    text = explain(result.iloc[1], config, "en")
    assert "group range 2–10" in text and "40 / 100" in text
