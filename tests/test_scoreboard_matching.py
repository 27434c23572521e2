"""季度大比武 (frozen snapshots, ranking, change) and 地等项目 (candidates, groups, ranking)."""

import copy
import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import box
from shapely.ops import unary_union

from landplanner.analysis import matching, plans, scoreboard
from landplanner.problems import InputError

PARKS = ("甲园", "乙园")
SETTINGS = {"year": 2026, "quotas": {"district_mu": 100.0,
                                      "parks": [{"name": "甲园", "target_mu": 40.0},
                                                {"name": "乙园", "target_mu": 40.0}]}}


def _parcels():
    # 8 parcels of 100 m × 100 m (15 mu): 4 per park, in a row with 10 m gaps in 甲园
    rows = []
    for k in range(8):
        x = 500_000 + (k * 110.0 if k < 4 else 2000 + k * 300.0)  # on the zone's central meridian
        rows.append({"parcel_id": f"P{k}", "park": PARKS[k // 4], "category": "idle",
                     "land_use": "工业用地", "area_mu": 15.0, "uscc": f"U{k}",
                     "enterprise": f"企业{k}", "geometry": box(x, 3_545_000, x + 100, 3_545_100)})
    return gpd.GeoDataFrame(rows, crs="EPSG:4549")


def _plan(pid, parcel, unit, status, closed=None, method="buy_back", target=None):
    p = plans.create(pid, "t", time="2026-01-05T09:00:00", parcel_ids=(parcel,), method=method,
                     responsible_unit=unit, target_date=target)
    order = ["in_progress", "completed", "closed"]
    for s in order[: order.index(status) + 1] if status != "not_started" else []:
        extra = {"closed_date": closed, "evidence": "协议"} if s == "closed" else {}
        p = plans.update(p, "t", time="2026-02-01T00:00:00", status=s, **extra)
    return p


def _plans():
    return [
        _plan("PLAN-0001", "P0", "甲委", "closed", "2026-08-10"),   # Q3
        _plan("PLAN-0002", "P1", "甲委", "closed", "2026-05-10"),   # Q2
        _plan("PLAN-0003", "P4", "乙委", "closed", "2026-09-01"),   # Q3
        _plan("PLAN-0004", "P5", "乙委", "in_progress", target="2026-07-01"),  # overdue at Q3 end
        _plan("PLAN-0005", "P6", "乙委", "not_started"),
    ]


def test_quarter_items_and_ranking():
    tables = scoreboard.compute(_parcels(), _plans(), SETTINGS, "2026Q3")
    park = tables["park"].set_index("name")
    assert park.loc["甲园", "quarter_mu"] == pytest.approx(15.0)
    assert park.loc["甲园", "ytd_mu"] == pytest.approx(30.0)
    assert park.loc["乙园", "ytd_mu"] == pytest.approx(15.0)
    assert park.loc["甲园", "ytd_percent"] == pytest.approx(30 / 40)
    assert park.loc["甲园", "pace"] == pytest.approx(30 / (40 * 3 / 4))
    assert park.loc["乙园", "plans_overdue"] == 1 and park.loc["乙园", "plans_started"] == 2
    assert park.loc["甲园", "rank"] == 1 and park.loc["乙园", "rank"] == 2
    # points follow the documented rule: Σ weight × value / best, overdue as 1 − share
    w = scoreboard.DEFAULT_WEIGHTS
    expected = (w["ytd_percent"] * (15 / 40) / (30 / 40) + w["pace"] * 0.5 + w["quarter_mu"] * 1.0
                + w["started_share"] * (2 / 3) / 1.0 + w["overdue_share"] * (1 - 1 / 3))
    # no assets in either park: 资产出租率 does not apply and the other weights count in full
    full = sum(w.values())
    expected *= full / (full - w["asset_rate"])
    assert park.loc["乙园", "points"] == pytest.approx(expected, abs=1e-3)
    assert park.loc["乙园", "counted_weight"] == pytest.approx(full - w["asset_rate"])
    assert np.isnan(park.loc["乙园", "asset_rate"])
    unit = tables["unit"].set_index("name")
    assert set(unit.index) == {"甲委", "乙委"}
    # weights are settings
    heavy = dict(SETTINGS, scoreboard={"weights": {"quarter_mu": 100, "ytd_percent": 0, "pace": 0,
                                                   "started_share": 0, "overdue_share": 0}})
    tied = scoreboard.compute(_parcels(), _plans(), heavy, "2026Q3")["park"]
    assert list(tied["rank"]) == [1, 1]  # both closed 15 mu in Q3: a tie shares the rank
    with pytest.raises(InputError):
        scoreboard.weights({"scoreboard": {"weights": {"luck": 5}}})


def _asset_table(rows):
    from landplanner.analysis import assets as assets_mod

    return assets_mod._finish(pd.DataFrame(rows))


def test_unit_with_only_asset_plans_is_ranked_on_the_items_that_apply():
    """The fair rule: a unit whose plans are all asset plans has no land items (—); they are
    left out of its total and its weights renormalised, not scored 0."""
    asset_plans = []
    for k, status in enumerate(("in_progress", "completed")):
        p = plans.create(f"PLAN-01{k}", "t", time="2026-01-05T09:00:00", subject_kind="asset",
                         subject_id=f"A{k}", method="lease", responsible_unit="国资局",
                         mu_to_free=0.0)
        p = plans.update(p, "t", time="2026-02-01T00:00:00", status="in_progress")
        if status == "completed":
            p = plans.update(p, "t", time="2026-03-01T00:00:00", status="completed")
        asset_plans.append(p)
    table = _asset_table([
        {"asset_id": "A0", "kind": "state", "owner": "国资局", "status": "rented",
         "status_start": "idle", "area_m2": 300.0, "tenant": "甲"},
        {"asset_id": "A1", "kind": "state", "owner": "国资局", "status": "idle",
         "status_start": "idle", "area_m2": 100.0},
    ])
    tables = scoreboard.compute(_parcels(), _plans() + asset_plans, SETTINGS, "2026Q3",
                                assets=table)
    unit = tables["unit"].set_index("name")
    board = unit.loc["国资局"]
    for item in ("quarter_mu", "ytd_mu", "target_mu", "ytd_percent", "pace"):
        assert np.isnan(board[item]), item  # no land to free: shown as —
    assert board["plans"] == 2 and board["started_share"] == 1.0
    assert board["overdue_share"] == 0.0
    assert board["asset_rate"] == pytest.approx(300 / 400)  # rented ÷ rentable, by area
    w = scoreboard.DEFAULT_WEIGHTS
    counted = w["started_share"] + w["overdue_share"] + w["asset_rate"]
    assert board["counted_weight"] == pytest.approx(counted)
    # best started share is 1.0 (国资局); the only asset rate is the best one
    raw = w["started_share"] * 1.0 + w["overdue_share"] * 1.0 + w["asset_rate"] * 1.0
    assert board["points"] == pytest.approx(raw * sum(w.values()) / counted, abs=1e-3)
    # land units keep every land item; neither has assets, so 资产出租率 is left out for them
    for name in ("甲委", "乙委"):
        assert unit.loc[name, "counted_weight"] == pytest.approx(sum(w.values()) - w["asset_rate"])
        assert not np.isnan(unit.loc[name, "ytd_mu"])
    # under the old rule (missing items score 0) 国资局 would have had at most 30 points
    assert board["points"] > 30 + 1e-6
    # a frozen record keeps the rule's columns, JSON-able ("—" items as None)
    record = scoreboard.freeze(_parcels(), _plans() + asset_plans, SETTINGS, "2026Q3",
                               assets=table)
    row = next(r for r in record["unit"] if r["name"] == "国资局")
    assert row["ytd_mu"] is None and row["counted_weight"] == pytest.approx(counted)


def test_park_without_plans_is_not_counted_as_never_late():
    settings = dict(SETTINGS, quotas={"district_mu": 100.0, "parks": [
        {"name": "甲园", "target_mu": 40.0}, {"name": "乙园", "target_mu": 40.0},
        {"name": "丙园", "target_mu": 20.0}]})
    park = scoreboard.compute(_parcels(), _plans(), settings, "2026Q3")["park"].set_index("name")
    assert park.loc["丙园", "plans"] == 0
    assert np.isnan(park.loc["丙园", "overdue_share"]) and np.isnan(park.loc["丙园", "started_share"])
    assert park.loc["丙园", "ytd_mu"] == 0.0  # it has a target: its mu items apply, at 0
    assert park.loc["丙园", "points"] == pytest.approx(0.0)
    assert park.loc["丙园", "rank"] == 3


def test_frozen_q3_snapshot_is_unchanged_after_later_edits():
    parcels, made = _parcels(), _plans()
    q2 = scoreboard.freeze(parcels, made, SETTINGS, "2026Q2",
                           now=dt.datetime(2026, 7, 2, tzinfo=dt.UTC))
    snaps = scoreboard.add_snapshot([], q2)
    q3 = scoreboard.freeze(parcels, made, SETTINGS, "2026Q3", snaps,
                           now=dt.datetime(2026, 10, 2, tzinfo=dt.UTC))
    snaps = scoreboard.add_snapshot(snaps, q3)
    frozen = copy.deepcopy(q3)
    # later edits: a plan reopened, another closed with a Q3 date, a park's target changed
    made[0] = plans.update(made[0], "t", status="completed", note="复查发现问题")
    made[4] = plans.update(made[4], "t", status="in_progress")
    settings = copy.deepcopy(SETTINGS)
    settings["quotas"]["parks"][1]["target_mu"] = 5.0
    live = scoreboard.compute(parcels, made, settings, "2026Q3")["park"].set_index("name")
    assert live.loc["甲园", "ytd_mu"] == pytest.approx(15.0)  # the live table moved …
    stored = scoreboard.find(snaps, "2026Q3")
    assert stored == frozen                                    # … the record did not
    assert scoreboard.frame(stored, "park").set_index("name").loc["甲园", "ytd_mu"] == 30.0
    with pytest.raises(InputError) as err:
        scoreboard.freeze(parcels, made, settings, "2026Q3", snaps)
    assert err.value.problem.code == "scoreboard.exists"
    assert [s["quarter"] for s in scoreboard.listing(snaps)] == ["2026Q2", "2026Q3"]


def test_change_against_previous_quarter():
    parcels, made = _parcels(), _plans()
    q2 = scoreboard.freeze(parcels, made, SETTINGS, "2026Q2")
    q2["park"][0]["rank"], q2["park"][1]["rank"] = 2, 1  # suppose 乙园 led in Q2
    q3 = scoreboard.freeze(parcels, made, SETTINGS, "2026Q3", [q2])
    rows = {r["name"]: r for r in q3["park"]}
    assert rows["甲园"]["change"] == 1 and rows["乙园"]["change"] == -1
    assert scoreboard.change_text(1, "zh") == "↑1" and scoreboard.change_text(-1, "en") == "↓1"
    assert scoreboard.change_text(None, "zh") == "新"
    assert scoreboard.parse_quarter("2026q3") == (2026, 3)
    with pytest.raises(InputError):
        scoreboard.parse_quarter("2026Q5")


def test_snapshot_survives_project_save(tmp_path):
    from landplanner.project import Project
    from landplanner.store import open_project, save_project

    parcels, made = _parcels(), _plans()
    record = scoreboard.freeze(parcels, made, SETTINGS, "2026Q3")
    project = Project(parcels=parcels, plans=made, settings=SETTINGS, snapshots=[record])
    save_project(project, tmp_path / "s.gpkg")
    assert open_project(tmp_path / "s.gpkg").snapshots == [record]


# --------------------------------------------------------------------------- matching


def _match_parcels():
    gdf = _parcels()
    gdf.loc[gdf["parcel_id"].isin(["P2", "P3"]), "category"] = "unsupplied"
    gdf.loc[gdf["parcel_id"].isin(["P2", "P3"]), ["uscc", "enterprise"]] = None
    return gdf


def test_candidates_and_groups_have_independent_areas():
    gdf = _match_parcels()
    made = _plans()  # P0, P1, P4 closed (buy_back), P5 in progress, P6 not started
    ind = pd.DataFrame({"year": [2025] * 3, "uscc": ["U0", "U1", "U5"], "tax": [15.0, 30.0, 45.0]})
    cands = matching.candidates(gdf, made, ind, {"matching": {"distance": 15}})
    single = cands[cands["kind"] == "parcel"].set_index("candidate")
    assert set(single.index) == {"P0", "P1", "P2", "P3", "P4", "P5"}
    assert single.loc["P5", "state"] == "being_freed" and single.loc["P2", "state"] == "unsupplied"
    assert single.loc["P0", "current_tax_per_mu"] == pytest.approx(1.0)
    groups = cands[cands["kind"] == "group"]
    assert len(groups) == 1 and set(groups.iloc[0]["parcel_ids"]) == {"P0", "P1", "P2", "P3"}
    # independent areas: the shapely union, and the geodesic area on the ellipsoid
    to_geo = Transformer.from_crs("EPSG:4549", "EPSG:4490", always_xy=True)
    geod = Geod(ellps="GRS80")
    for _, c in cands.iterrows():
        shapes = gdf.set_index("parcel_id").loc[list(c["parcel_ids"]), "geometry"]
        union = unary_union(list(shapes))
        assert c["area_mu"] == pytest.approx(union.area / (10000 / 15), rel=1e-9)
        lonlat = shapely.transform(union, lambda xy: np.column_stack(to_geo.transform(xy[:, 0], xy[:, 1])))
        geodesic = abs(geod.geometry_area_perimeter(lonlat)[0])
        assert c["area_mu"] == pytest.approx(geodesic / (10000 / 15), rel=2e-3)
    # 5 m apart only: nothing joins
    none = matching.candidates(gdf, made, ind, {"matching": {"distance": 5}})
    assert (none["kind"] == "group").sum() == 0


def test_match_ranks_by_fit_park_and_says_why():
    gdf = _match_parcels()
    projects = pd.DataFrame({
        "name": ["智能制造A", "大项目B"], "industry": "智能制造", "mu_min": [12.0, 50.0],
        "mu_max": [20.0, 70.0], "intensity": 500.0, "tax_per_mu": [30.0, 40.0],
        "park": ["乙园", None], "plot_ratio": [1.5, 1.2], "land_use": None, "source_row": [2, 3]})
    result = matching.match(projects, gdf, _plans(), None, {"matching": {"distance": 15}}, lang="zh")
    a = result[result["project"] == "智能制造A"]
    assert list(a["rank"]) == list(range(1, len(a) + 1))
    assert a.iloc[0]["park"] == "乙园" and a.iloc[0]["kind"] == "parcel"
    assert "在需求 12–20 亩之内" in a.iloc[0]["reasons"] and "位于意向园区 乙园" in a.iloc[0]["reasons"]
    assert a["score"].is_monotonic_decreasing
    b = result[result["project"] == "大项目B"]
    assert b.iloc[0]["kind"] == "group" and b.iloc[0]["area_mu"] == pytest.approx(60.0)
    assert "4 宗相邻地块成片" in b.iloc[0]["reasons"]
    en = matching.match(projects, gdf, _plans(), None, {"matching": {"distance": 15}}, lang="en")
    assert "within the 12–20 mu needed" in en.iloc[0]["reasons"]


def test_read_projects_ranges_parks_and_errors(tmp_path):
    path = tmp_path / "projects.csv"
    pd.DataFrame({"项目名称": ["甲", "乙", "丙"], "所属行业": ["智能制造"] * 3,
                  "用地需求（亩）": ["10-20", "15", "8～12"], "预期亩均税收（万元/亩）": [30, 40, 50],
                  "意向园区": ["港闸开发区", "", "火星园区"]}).to_csv(path, index=False)
    names = ["港闸经济开发区", "崇川经济开发区"]
    table, problems = matching.read_projects(path, names)
    assert list(table["mu_min"]) == [10.0, 15.0, 8.0] and list(table["mu_max"]) == [20.0, 15.0, 12.0]
    assert table.loc[0, "park"] == "港闸经济开发区" and table.loc[2, "park"] is None
    assert any(p.code == "match.unknown_park" and "火星园区" in p.message_zh for p in problems)
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"项目名称": ["丁"], "用地需求下限（亩）": [30], "用地需求上限（亩）": [20],
                  "所属行业": ["x"]}).to_csv(bad, index=False)
    with pytest.raises(InputError) as err:
        matching.read_projects(bad)
    assert "第 2 行（丁）用地需求下限 30 大于上限 20" in err.value.problem.message_zh


def test_components_are_connected_sets():
    left = np.array([0, 1, 3, 5])
    right = np.array([1, 2, 4, 6])
    labels = matching._components(8, left, right)
    assert labels[0] == labels[1] == labels[2] and labels[3] == labels[4]
    assert len(set(labels)) == 4  # {0,1,2} {3,4} {5,6} {7}
