"""资产清单: reading asset tables, validation messages, the four figures, leases, location,
asset plans, and the project round trip."""

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from landplanner.analysis import accounts, assets, plans
from landplanner.problems import InputError
from landplanner.project import Project


def _write(tmp_path, rows, name="国有资产.csv", title=None):
    df = pd.DataFrame(rows)
    path = tmp_path / name
    text = df.to_csv(index=False)
    if title:
        text = title + "\n" + text
    path.write_text(text, encoding="utf-8-sig")
    return path


STATE = [
    # id, status at start, status now, area, rentable
    {"资产编号": "S1", "资产名称": "综合楼", "权属单位": "机关事务中心", "街道": "任港街道",
     "建筑面积（平方米）": 1000, "可出租面积（平方米）": 800, "年初状态": "闲置", "使用状态": "出租",
     "承租人": "甲公司", "租期止": "2026-10-15"},
    {"资产编号": "S2", "资产名称": "门面房", "权属单位": "机关事务中心", "街道": "任港街道",
     "建筑面积（平方米）": 500, "可出租面积（平方米）": "", "年初状态": "闲置", "使用状态": "闲置",
     "承租人": "", "租期止": ""},
    {"资产编号": "S3", "资产名称": "仓库", "权属单位": "城建集团", "街道": "虹桥街道",
     "建筑面积（平方米）": 2000, "可出租面积（平方米）": 2000, "年初状态": "出租", "使用状态": "出租",
     "承租人": "乙公司", "租期止": "2026-08-01"},
    {"资产编号": "S4", "资产名称": "办公楼", "权属单位": "城建集团", "街道": "虹桥街道",
     "建筑面积（平方米）": 300, "可出租面积（平方米）": 300, "年初状态": "自用", "使用状态": "自用",
     "承租人": "", "租期止": ""},
]
COLLECTIVE = [
    {"资产编号": "C1", "资产名称": "村厂房", "村/社区": "五星村", "资产类型": "厂房",
     "面积（亩）": 3, "年初状态": "闲置", "状态": "发包", "承包方": "丙", "合同到期日": "2030-01-01"},
    {"资产编号": "C2", "资产名称": "鱼塘", "村/社区": "五星村", "资产类型": "鱼塘",
     "面积（亩）": 6, "年初状态": "发包", "状态": "发包", "承包方": "丁", "合同到期日": "2026-12-01"},
    {"资产编号": "C3", "资产名称": "空地", "村/社区": "新桥村", "资产类型": "土地",
     "面积（亩）": 1, "年初状态": "闲置", "状态": "闲置", "承包方": "", "合同到期日": ""},
]


@pytest.fixture
def both(tmp_path):
    s, _ = assets.read_asset_table(_write(tmp_path, STATE, title="2026年国有资产清单"))
    c, _ = assets.read_asset_table(_write(tmp_path, COLLECTIVE, "集体资产.csv"))
    return assets.add_assets(s, c)


def test_headers_by_meaning_units_and_kind(both):
    s = both.set_index("asset_id")
    assert s.loc["S1", "kind"] == "state" and s.loc["C1", "kind"] == "collective"
    assert s.loc["S1", "status_start"] == "idle" and s.loc["S1", "status"] == "rented"
    assert s.loc["C1", "status"] == "contracted" and s.loc["C2", "asset_type"] == "pond"
    assert s.loc["C1", "area_m2"] == pytest.approx(3 * 10000 / 15)  # 亩 converted to m²
    assert s.loc["S1", "lease_end"] == pd.Timestamp("2026-10-15")
    assert s.loc["S1", "owner"] == "机关事务中心"


def test_figures_match_hand_calculation(both):
    f = assets.district_figures(both, {"year": 2026})
    # 去化率: idle at start S1 (1000) + S2 (500); revitalized S1 -> 1000 / 1500
    assert f["state_disposal"]["rate"] == pytest.approx(1000 / 1500)
    # 出租率: held for rent S1 (rentable 800), S2 (500, its floor area), S3 (2000); rented S1+S3
    assert f["state_occupancy"]["rate"] == pytest.approx(2800 / 3300)
    assert f["state_occupancy"]["met"] is False and f["state_disposal"]["met"] is True
    mu = 10000 / 15
    assert f["collective_revitalize"]["rate"] == pytest.approx(3 * mu / (4 * mu))
    assert f["collective_occupancy"]["rate"] == pytest.approx(9 / 10)
    assert f["collective_occupancy"]["met"] is True  # 90 % target, held
    by_count = assets.district_figures(both, {"year": 2026, "assets": {"basis": "count"}})
    assert by_count["state_disposal"]["rate"] == pytest.approx(1 / 2)
    assert by_count["state_occupancy"]["rate"] == pytest.approx(2 / 3)


def test_targets_are_settings(both):
    f = assets.district_figures(both, {"year": 2026, "assets": {"targets": {"state_occupancy": 80}}})
    assert f["state_occupancy"]["target"] == pytest.approx(0.80)
    assert f["state_occupancy"]["met"] is True
    with pytest.raises(InputError):
        assets.AssetSettings.from_dict({"assets": {"basis": "volume"}})


def test_groups_per_owner_and_street(both):
    by_owner = assets.figures(both, {"year": 2026}, group_by="owner")
    occ = by_owner[by_owner["figure"] == "state_occupancy"].set_index("group")["rate"]
    assert occ["机关事务中心"] == pytest.approx(800 / 1300)
    assert occ["城建集团"] == pytest.approx(1.0)
    # villages have collective figures only
    assert set(by_owner.loc[by_owner["group"] == "五星村", "figure"]) == {
        "collective_revitalize", "collective_occupancy"}
    by_street = assets.figures(both, {"year": 2026}, group_by="street")
    assert "虹桥街道" in set(by_street["group"])


def test_lease_flags(both):
    flags = assets.lease_flags(both, date(2026, 9, 30), 90).set_axis(both["asset_id"])
    assert flags["S1"] == "expiring"       # 15 days ahead
    assert flags["S3"] == "expired"        # rented, ended in August
    assert flags["C2"] == "expiring"       # 62 days ahead
    assert flags["C1"] is None and flags["S4"] is None
    assert assets.lease_flags(both, date(2026, 9, 30), 30).set_axis(both["asset_id"])["C2"] is None


def test_bad_cells_name_row_asset_and_column(tmp_path):
    rows = [dict(STATE[0]), dict(STATE[1])]
    rows[1]["建筑面积（平方米）"] = "五百"
    rows[0]["使用状态"] = "借用中"
    with pytest.raises(InputError) as err:
        assets.read_asset_table(_write(tmp_path, rows))
    text = " | ".join(p.message_zh for p in err.value.problems if p.severity == "error")
    assert "第 2 行（S1）“使用状态”列" in text and "借用中" in text
    assert "第 3 行（S2）“建筑面积（平方米）”列的值“五百”不是数字" in text
    en = " | ".join(p.message_en for p in err.value.problems if p.severity == "error")
    assert "Row 3 (S2), column “建筑面积（平方米）”" in en


def test_warnings_rented_without_tenant_and_rentable_over_area(tmp_path):
    rows = [dict(STATE[0])]
    rows[0]["承租人"] = ""
    rows[0]["可出租面积（平方米）"] = 1200
    _, problems = assets.read_asset_table(_write(tmp_path, rows))
    codes = {p.code for p in problems}
    assert {"assets.rented_no_tenant", "assets.rentable_over"} <= codes


def test_not_a_table(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        assets.read_asset_table(path)
    assert err.value.problem.code == "table.no_header"


def test_locate_by_point_parcel_and_park(both):
    parcels = gpd.GeoDataFrame({"parcel_id": ["P1", "P2"], "park": ["港闸经济开发区", None]},
                               geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100)], crs="EPSG:4549")
    parks = gpd.GeoDataFrame({"name": ["市北高新技术产业开发区"]}, geometry=[box(150, -50, 400, 200)],
                             crs="EPSG:4549")
    a = both.copy()
    a.loc[a["asset_id"] == "S1", "parcel_id"] = "P1"
    a.loc[a["asset_id"] == "S2", ["x", "y"]] = [250.0, 50.0]
    a.loc[a["asset_id"] == "S3", "parcel_id"] = "P9"
    located, problems = assets.locate(a, parcels, parks)
    got = located.set_index("asset_id")
    assert got.loc["S1", "link"] == "parcel_id" and got.loc["S1", "park"] == "港闸经济开发区"
    assert got.loc["S2", "link"] == "xy" and got.loc["S2", "park"] == "市北高新技术产业开发区"
    assert pd.isna(got.loc["C3", "link"]) and got.loc["C3", "geometry"] is None  # still listed
    assert {"assets.bad_parcel", "assets.unlinked"} <= {p.code for p in problems}
    # unlinked assets still count
    assert assets.district_figures(a, {"year": 2026})["collective_revitalize"]["denominator"] > 0


def test_asset_plan_on_the_plan_model_and_closing_counts(both):
    plan = plans.create("PLAN-0001", "测试", subject_kind="asset", subject_id="S2",
                        method="lease", responsible_unit="机关事务中心")
    assert plan.subject_kind == "asset" and plans.Plan.from_dict(plan.to_dict()) == plan
    plan = plans.update(plan, "测试", status="in_progress")
    plan = plans.update(plan, "测试", status="completed")
    plan = plans.update(plan, "测试", status="closed", closed_date="2026-06-01", evidence="合同")
    f = assets.district_figures(both, {"year": 2026}, plans=[plan])
    assert f["state_disposal"]["rate"] == pytest.approx(1.0)  # S2 ticked off counts
    view = assets.asset_view(both, [plan], date(2026, 9, 30), lang="zh").set_index("asset_id")
    assert view.loc["S2", "plan_id"] == "PLAN-0001" and view.loc["S2", "plan_status"] == "已销号"
    assert view.loc["S1", "lease_text"] == "租约 90 天内到期"
    with pytest.raises(InputError):
        plans.Plan(id="X", subject_kind="building")
    # parcel plans saved before subjects existed still load
    old = plan.to_dict()
    old.pop("subject_kind")
    old.pop("subject_id")
    assert plans.Plan.from_dict(old).subject_kind == "parcel"


def test_project_round_trip_keeps_assets_and_snapshots(both, tmp_path):
    from landplanner.store import open_project, save_project

    parcels = gpd.GeoDataFrame({"parcel_id": ["P1"], "category": ["idle"], "area_mu": [15.0]},
                               geometry=[box(0, 0, 100, 100)], crs="EPSG:4549")
    project = Project(parcels=parcels, assets=both, snapshots=[{"id": "2026Q3", "quarter": "2026Q3",
                                                                "frozen_at": "x", "parks": []}])
    save_project(project, tmp_path / "p.gpkg")
    back = open_project(tmp_path / "p.gpkg")
    pd.testing.assert_frame_equal(back.assets, both)
    assert back.snapshots == project.snapshots


def test_accounts_from_indicators_and_entered_figures():
    parcels = pd.DataFrame({"parcel_id": ["P1", "P2"], "park": ["甲园", "甲园"],
                            "area_mu": [10.0, 20.0], "plot_ratio": [0.5, np.nan]})
    ind = pd.DataFrame({"year": [2025], "uscc": ["U1"], "tax": [30.0], "sales": [600.0],
                        "energy": [120.0], "emissions": [2.0]})
    plan = plans.create("PLAN-0001", "t", uscc="U1", parcel_ids=("P1", "P2"), mu_to_free=10.0,
                        expected_tax_after=90.0,
                        accounts={"environment": {"figures": {"energy_after": 60.0}}})
    table = accounts.plan_accounts([plan], parcels, ind)
    row = table.iloc[0]
    assert row["tax_per_mu_before"] == pytest.approx(1.0)
    assert row["land_mu_after"] == pytest.approx(20.0)
    assert row["tax_per_mu_after"] == pytest.approx(4.5)
    assert row["floor_m2_before"] == pytest.approx(10 * 10000 / 15 * 0.5)
    assert row["energy_per_wan_before"] == pytest.approx(0.2)
    assert row["energy_after"] == 60.0
    tot = accounts.totals(table)
    assert list(tot["park"]) == ["甲园", "district"]
    assert tot.iloc[-1]["tax_per_mu_before"] == pytest.approx(1.0)
    assert "税收 30.00→90.00 万元" in accounts.account_text(row, "economic", "zh")
    assert accounts.figure_label("tax", "before", "en") == "Tax (before, 万元)"


def test_lease_without_end_written_as_9999(tmp_path):
    """租期止 9999-12-31 (text or an Excel date) is the usual way to write a lease without an
    end: read as long-term (no end date, never expiring), with one note; a date far in the
    past or another column's year 9999 is still refused."""
    import datetime as dt

    rows = [dict(STATE[0]), dict(STATE[2])]
    rows[0]["租期止"] = "9999-12-31"
    table, problems = assets.read_asset_table(_write(tmp_path, rows))
    note = [p for p in problems if p.code == "table.open_end"]
    assert len(note) == 1 and note[0].severity == "warning"
    assert "S1" in note[0].message_zh and "租期止" in note[0].message_zh
    s = table.set_index("asset_id")
    assert pd.isna(s.loc["S1", "lease_end"])
    assert s.loc["S3", "lease_end"] == pd.Timestamp("2026-08-01")
    assert assets.lease_flags(table, date(2026, 9, 30)).set_axis(table["asset_id"])["S1"] is None

    # an Excel date cell of 9999-12-31
    frame = pd.DataFrame(rows)
    frame["租期止"] = [dt.datetime(9999, 12, 31), dt.datetime(2026, 8, 1)]
    path = tmp_path / "资产.xlsx"
    frame.to_excel(path, index=False)
    table, problems = assets.read_asset_table(path)
    assert [p.code for p in problems if p.code == "table.open_end"] == ["table.open_end"]
    assert pd.isna(table.set_index("asset_id").loc["S1", "lease_end"])

    # a lease start in year 9999 is not a date
    rows[0]["租期起"] = "9999-01-01"
    with pytest.raises(InputError) as err:
        assets.read_asset_table(_write(tmp_path, rows))
    assert any(p.code == "table.not_date" for p in err.value.problems)
