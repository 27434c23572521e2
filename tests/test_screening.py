"""Screening rules on hand-built parcels; expected reasons worked out by hand."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from landplanner.analysis.screening import ScreeningRules, screen
from landplanner.problems import InputError

TODAY = date(2026, 11, 23)


def parcels() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "parcel_id": ["A", "B", "C", "D", "E", "F", "G"],
            "uscc": ["U1", "U2", "U3", None, "U5", "u6", "U7"],
            "category": ["low_efficiency", "low_efficiency", "idle", "idle", "unsupplied",
                         "other", "other"],
            "plot_ratio": [0.65, 1.1, np.nan, np.nan, np.nan, 1.5, 1.5],
            # B: 20 万元 on 5 mu = 4 万元/亩 < 5; F: 2 mu site, rule off; G: 30/5 = 6 ≥ 5
            "tax_wan": [np.nan, 20.0, np.nan, np.nan, np.nan, 2.0, 30.0],
            "area_mu": [10.0, 5.0, 12.0, 8.0, 30.0, 2.0, 5.0],
            # C: 2024-11-22 → 731 days; D: 2026-05-23 → 184 days ≈ 0.5 y (not idle);
            "start_date": pd.to_datetime([None, None, "2024-11-22", "2026-05-23", None,
                                          "2020-01-01", None]),
        }
    )


def test_default_rules_give_expected_reasons():
    out = screen(parcels(), today=TODAY, language="en")
    reasons = dict(zip(out["parcel_id"], out["reasons"], strict=True))
    assert reasons["A"] == ["plot_ratio_low"]
    assert reasons["B"] == ["tax_per_mu_low"]  # 1.1 ≥ 1.0, standard check off by default
    assert reasons["C"] == ["idle_2y"]
    assert reasons["D"] == []
    assert reasons["E"] == ["unsupplied"]
    assert reasons["F"] == []  # 2 mu site: tax rule does not apply; not an idle category
    assert reasons["G"] == []
    # idle years only for idle categories; C: 731 days / 365.2425
    assert out.loc[2, "idle_years"] == pytest.approx(731 / 365.2425)
    assert out.loc[3, "idle_years"] == pytest.approx(184 / 365.2425)
    assert np.isnan(out.loc[5, "idle_years"])
    assert out.loc[1, "tax_per_mu"] == pytest.approx(4.0)
    assert "0.65" in out.loc[0, "reason_text"] and "1.00" in out.loc[0, "reason_text"]


def test_idle_one_year_and_chinese_text():
    df = parcels()
    df.loc[3, "start_date"] = pd.Timestamp("2025-06-01")  # 540 days ≈ 1.48 years
    out = screen(df, today=TODAY, language="zh")
    assert out.loc[3, "reasons"] == ["idle_1y"]
    assert "1.5 年" in out.loc[3, "reason_text"]


def test_configurable_thresholds_and_standard():
    rules = ScreeningRules.from_dict(
        {"check_plot_ratio_standard": True, "tax_per_mu_min": 3.0, "tax_min_site_mu": 1.0,
         "idle_years_recover": 3}
    )
    out = screen(parcels(), rules=rules, today=TODAY)
    reasons = dict(zip(out["parcel_id"], out["reasons"], strict=True))
    assert reasons["B"] == ["plot_ratio_below_standard"]  # 4 万元/亩 ≥ 3 now
    assert reasons["F"] == ["tax_per_mu_low"]  # 2 万元 / 2 mu = 1 < 3 on a site ≥ 1 mu
    assert reasons["C"] == ["idle_1y"]  # 2.0 years < 3


def test_class_d_from_scores_and_firm_tax_fallback():
    scores = pd.DataFrame(
        {"uscc": ["U1", "U6", "U3"], "class": ["D", "B", "A"],
         "value:tax_per_mu": [9.0, 1.0, np.nan]}
    )
    df = parcels()
    df.loc[5, "area_mu"] = 4.0  # F: own tax 2/4 = 0.5 → flagged by its own figure
    df.loc[0, "plot_ratio"] = 1.3
    out = screen(df, scores=scores, today=TODAY)
    reasons = dict(zip(out["parcel_id"], out["reasons"], strict=True))
    assert reasons["A"] == ["class_d"]  # A has no own tax; firm 9 万元/亩 ≥ 5
    assert out.loc[0, "tax_per_mu"] == pytest.approx(9.0)
    assert reasons["F"] == ["tax_per_mu_low"]
    assert out.loc[5, "tax_per_mu"] == pytest.approx(0.5)


def test_rules_round_trip_and_bad_values():
    rules = ScreeningRules(plot_ratio_min=0.8, idle_categories=["idle", "other"])
    assert ScreeningRules.from_dict(rules.to_dict()) == rules
    with pytest.raises(InputError):
        ScreeningRules.from_dict({"plot_ratio_min": "abc"})
    with pytest.raises(InputError):
        ScreeningRules.from_dict({"idle_years_fee": 3, "idle_years_recover": 2})
    with pytest.raises(InputError):
        screen(pd.DataFrame({"x": [1]}))


def test_empty_parcels_and_classes_alias():
    import geopandas as gpd

    out = screen(gpd.GeoDataFrame(geometry=[]), today=TODAY)
    assert len(out) == 0 and list(out.columns)[:2] == ["parcel_id", "reasons"]
    got = screen(parcels(), today=TODAY, classes={"U2": "D"})
    assert got.loc[1, "reasons"] == ["tax_per_mu_low", "class_d"]
