"""Park quota arithmetic against hand sums."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from landplanner.analysis import quota
from landplanner.analysis.plans import Plan

CC, GZ, SB = "崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区"


def parcels() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "parcel_id": ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
            "park": [CC, CC, GZ, GZ, SB, SB, None, "其他园区"],
            "category": ["idle", "low_efficiency", "unsupplied", "idle", "low_efficiency",
                         "other", "idle", "low_efficiency"],
            "area_mu": [100.0, 50.0, 30.0, np.nan, 20.0, 10.0, 7.0, 3.0],
            "declared_mu": [np.nan, np.nan, np.nan, 40.0, np.nan, np.nan, np.nan, np.nan],
        }
    )


def plans() -> list[Plan]:
    return [
        # closed this year, Q1 and Q3; mu from parcels (100) and from mu_to_free (25)
        Plan("a", parcel_ids=("p1",), status="closed", closed_date=date(2026, 2, 10), evidence="e"),
        Plan("b", parcel_ids=("p3",), status="closed", closed_date=date(2026, 8, 1), evidence="e",
             mu_to_free=25.0),
        # closed last year: counted nowhere, and its parcel is no candidate
        Plan("c", parcel_ids=("p5",), status="closed", closed_date=date(2025, 12, 31),
             evidence="e"),
        # in progress across two parks: 60 mu split by area 50 (p2, CC) : 40 (p4 declared, GZ)
        Plan("d", parcel_ids=("p2", "p4"), status="in_progress", mu_to_free=60.0),
        # completed but not closed counts as in progress; unknown parcel → district only
        Plan("e", parcel_ids=("zz",), status="completed", mu_to_free=5.0),
        # not started, parcel without park → district only
        Plan("f", parcel_ids=("p7",), status="not_started"),
    ]


TODAY = date(2026, 7, 1)  # day 182 of 365


def test_compute_matches_hand_sums():
    df = quota.compute(parcels(), plans(), {"quota": {"parks": {CC: 800, GZ: 800, SB: 800},
                                                      "district": 2600}}, TODAY)
    rows = df.set_index("park")
    assert list(rows.index) == [CC, GZ, SB, "其他园区", "district"]
    frac = 182 / 365
    cc = rows.loc[CC]
    assert cc.done_mu == pytest.approx(100.0)
    assert cc.in_progress_mu == pytest.approx(60 * 50 / 90)
    assert cc.planned_mu == 0 and cc.candidate_mu == 0
    assert cc.percent == pytest.approx(12.5)
    assert cc.projected_mu == pytest.approx(100 / frac)
    assert bool(cc.behind)  # 200.5 < 800
    gz = rows.loc[GZ]
    assert gz.done_mu == pytest.approx(25.0)
    assert gz.in_progress_mu == pytest.approx(60 * 40 / 90)
    assert gz.candidate_mu == 0  # p3 and p4 both covered
    sb = rows.loc[SB]
    assert sb.done_mu == 0 and sb.candidate_mu == 0  # p5 covered by last year's plan; p6 other
    other = rows.loc["其他园区"]
    assert other.candidate_mu == pytest.approx(3.0)
    assert np.isnan(other.target_mu) and np.isnan(other.percent) and not bool(other.behind)
    d = rows.loc["district"]
    assert d.target_mu == 2600
    assert d.done_mu == pytest.approx(125.0)
    assert d.in_progress_mu == pytest.approx(65.0)
    assert d.planned_mu == pytest.approx(7.0)
    assert d.candidate_mu == pytest.approx(3.0)
    assert d.percent == pytest.approx(125 / 2600 * 100)
    assert d.projected_mu == pytest.approx(125 / frac)


def test_defaults_and_projection_edges():
    df = quota.compute(parcels(), plans(), None, date(2026, 12, 31)).set_index("park")
    # No settings, no targets (nothing of the sample district assumed): never behind.
    assert np.isnan(df.loc[CC, "target_mu"]) and np.isnan(df.loc["district", "target_mu"])
    assert not df["behind"].any() and df["percent"].isna().all()
    assert df.loc[CC, "projected_mu"] == pytest.approx(100.0)  # whole year elapsed
    # a past quota year: projection equals what was done
    past = quota.compute(parcels(), plans(), {"year": 2025}, TODAY).set_index("park")
    assert past.loc[SB, "done_mu"] == pytest.approx(20.0)
    assert past.loc[SB, "projected_mu"] == pytest.approx(20.0)
    assert past.loc[CC, "done_mu"] == 0
    ahead = quota.compute(parcels(), plans(), {"parks": {CC: 150}}, TODAY).set_index("park")
    assert not bool(ahead.loc[CC, "behind"])  # 100 / (182/365) = 200.5 ≥ 150
    assert quota.elapsed_fraction(2027, TODAY) == 0.0
    assert quota.elapsed_fraction(2024, date(2024, 12, 31)) == 1.0


def test_by_quarter():
    q = quota.by_quarter(parcels(), plans(), None, TODAY).set_index("park")
    assert q.loc[CC].tolist() == [100.0, 0.0, 0.0, 0.0]
    assert q.loc[GZ].tolist() == [0.0, 0.0, 25.0, 0.0]
    assert q.loc["district"].tolist() == [100.0, 0.0, 25.0, 0.0]


def test_settings_round_trip_and_errors():
    s = quota.QuotaSettings.from_dict({"parks": {"A": "500"}, "district": 900, "year": "2026"})
    assert s.parks == {"A": 500.0} and s.year == 2026
    assert quota.QuotaSettings.from_dict(s.to_dict()) == s
    from landplanner.problems import InputError

    with pytest.raises(InputError):
        quota.QuotaSettings.from_dict({"district": "many"})


def test_store_settings_format():
    """The project store's form: settings["quotas"] with a list of parks, year at top level."""
    settings = {
        "quotas": {"district_mu": 1000, "parks": [{"name": CC, "target_mu": 200},
                                                 {"name": GZ}]},
        "year": 2025,
        "language": "zh",
    }
    s = quota.QuotaSettings.from_dict(settings)
    assert s.parks[CC] == 200.0 and np.isnan(s.parks[GZ])  # a park without a target
    assert s.district == 1000.0 and s.year == 2025
    assert quota.QuotaSettings.from_dict({"quotas": s.to_dict()}) == s
    df = quota.compute(parcels(), plans(), settings, TODAY).set_index("park")
    assert list(df.index) == [CC, GZ, SB, "其他园区", "district"]  # SB found in the data
    assert np.isnan(df.loc[SB, "target_mu"])
    assert df.loc[SB, "done_mu"] == pytest.approx(20.0)  # plan c closed in 2025
    assert df.loc["district", "target_mu"] == 1000.0


def test_plans_given_as_dicts():
    as_dicts = [p.to_dict() for p in plans()]
    a = quota.compute(parcels(), as_dicts, None, TODAY)
    b = quota.compute(parcels(), plans(), None, TODAY)
    pd.testing.assert_frame_equal(a, b)
