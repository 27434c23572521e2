"""The Excel workbook read back with openpyxl: sheets, headers, formats, panes, filters, text."""

from datetime import date
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import box

from landplanner.analysis.plans import Milestone, Plan
from landplanner.export import xlsx_writers
from landplanner.export.xlsx_export import export_workbook
from landplanner.problems import InputError

ENGINES = ["xlsxwriter"]
if xlsx_writers.default_engine() == "rustpy":
    ENGINES.insert(0, "rustpy")

TODAY = date(2026, 11, 23)
CC = "崇川经济开发区"
INJECTIONS = ["=1+1", "+8651383000000", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=x",
              '=HYPERLINK("http://evil","点我")']


def project(tmp_path) -> SimpleNamespace:
    n = len(INJECTIONS)
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [f"P{i}" for i in range(n)],
            "enterprise": INJECTIONS,
            "uscc": ["91320600000000000" + str(i) for i in range(n)],
            "park": [CC] * n,
            "category": ["low_efficiency"] * (n - 1) + ["idle"],
            "plot_ratio": [0.5] + [1.5] * (n - 1),
            "start_date": pd.to_datetime([None] * (n - 1) + ["2024-01-01"]),
            "tax_wan": [np.nan] * n,
            "area_mu": [12.345] + [10.0] * (n - 1),
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(n)],
        crs="EPSG:4549",
    )
    plans = [
        Plan("PLAN-0001", enterprise="=danger()", parcel_ids=("P0",), method="self_upgrade",
             milestones=(Milestone("签约", date(2026, 1, 1)),), target_date=date(2027, 1, 1),
             status="closed", closed_date=date(2026, 5, 6), evidence="+验收", mu_to_free=4.5,
             expected_tax_after=1234.5),
        Plan("PLAN-0002", parcel_ids=("P1",), status="in_progress",
             milestones=(Milestone("拆除", date(2026, 11, 1)),)),
    ]
    source = tmp_path / "parcels.shp"
    source.write_bytes(b"x")
    return SimpleNamespace(parcels=parcels, plans=plans, settings=SAMPLE_SETTINGS,
                           source={"path": str(source)})


#: The sample district's parks and targets: a project has them only when it sets them.
SAMPLE_SETTINGS = {"quotas": {"district_mu": 2600, "parks": [
    {"name": n, "target_mu": 800} for n in ("崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区")
]}}


def scores() -> pd.DataFrame:
    # deliberately out of order: T first, rank 2 before rank 1
    return pd.DataFrame(
        {"uscc": ["T1", "R2", "913206000000000000"], "name": ["不参评", "第二", "-负号企业"],
         "group": ["above"] * 3, "land_mu": [1.0, 2.0, 12.345],
         "value:tax_per_mu": [np.nan, 1.0, 3.25], "points:tax_per_mu": [np.nan, 10.0, 40.0],
         "score": [np.nan, 50.0, 88.8], "rank": [np.nan, 2, 1], "class": ["T", "B", "A"],
         "reason": ["投产不满2年", None, "=reason"]}
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_chinese_workbook(tmp_path, engine):
    out = tmp_path / "out.xlsx"
    export_workbook(project(tmp_path), out, scores=scores(), today=TODAY, engine=engine,
                    indicator_labels={"tax_per_mu": ("亩均税收", "tax per mu")})
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["低效用地清单", "企业清单", "一企一策", "园区进度"]
    n = len(INJECTIONS)

    ws = wb["低效用地清单"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["地块编号", "企业名称", "统一社会信用代码", "园区", "类别", "面积（亩）"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:N{n + 1}"
    assert ws["A1"].font.b
    # formula injection: every user string is a string cell with the exact text
    for i, text in enumerate(INJECTIONS):
        cell = ws.cell(row=i + 2, column=2)
        # a CR is stored as the OOXML escape _x000D_, which Excel decodes (openpyxl does not)
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text
    assert ws["F2"].value == pytest.approx(12.345) and ws["F2"].number_format == "0.00"
    assert ws["E2"].value == "低效用地"
    assert "容积率 0.50 低于 1.00" in ws["K2"].value
    assert ws["M2"].value == "PLAN-0001" and ws["N2"].value == "已销号"
    # suggestions: P0 low plot ratio, class A; the idle parcel 2.9 years past its start date
    assert ws["L2"].value == "企业自主技改、二次开发、增容、工业上楼"
    assert ws.cell(n + 1, 12).value == "依法无偿收回"
    last = n + 1  # the idle parcel, 2024-01-01 → 2026-11-23 = 1057 days
    assert ws.cell(last, 8).value.date() == date(2024, 1, 1)
    assert ws.cell(last, 8).number_format == "yyyy-mm-dd"
    assert ws.cell(last, 9).value == pytest.approx(1057 / 365.2425)
    assert ws.column_dimensions["K"].width > ws.column_dimensions["A"].width

    ws = wb["企业清单"]
    assert [c.value for c in ws[1]] == [
        "统一社会信用代码", "企业名称", "评价组", "用地面积（亩）", "亩均税收（值）",
        "亩均税收（得分）", "综合得分", "排名", "亩均等级", "说明"]
    assert ws["B2"].data_type == "s" and ws["B2"].value == "-负号企业"
    assert ws["J2"].data_type == "s" and ws["J2"].value == "=reason"
    assert ws["D2"].number_format == "0.00" and ws["H2"].value == 1
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["913206000000000000", "R2", "T1"]
    assert ws["H4"].value is None and ws["I4"].value == "T 不参评"

    ws = wb["一企一策"]
    row = {h.value: c for h, c in zip(ws[1], ws[2], strict=True)}
    assert row["企业名称"].data_type == "s" and row["企业名称"].value == "=danger()"
    assert row["销号佐证"].value == "+验收" and row["销号佐证"].data_type == "s"
    assert row["处置方式"].value == "企业自主技改、二次开发、增容、工业上楼"
    assert row["盘活面积（亩）"].value == pytest.approx(4.5)
    assert row["盘活后预期税收（万元）"].number_format == "#,##0.00"
    assert row["销号日期"].value.date() == date(2026, 5, 6)
    assert row["逾期情况"].value is None  # closed: nothing overdue
    row2 = {h.value: c.value for h, c in zip(ws[1], ws[3], strict=True)}
    assert row2["逾期情况"] == "1 个节点逾期"
    assert row2["盘活面积（亩）"] == pytest.approx(10.0)  # no mu_to_free: its parcel's area
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:V3"

    ws = wb["园区进度"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert list(rows) == [CC, "港闸经济开发区", "市北高新技术产业开发区", "全区"]
    cc = rows[CC]
    assert cc[1].value == 800 and cc[2].value == pytest.approx(4.5)
    assert cc[3].value == pytest.approx(10.0)
    # candidates without a plan: P2..P6 = 5 × 10 mu
    assert cc[5].value == pytest.approx(50.0)
    assert cc[6].value == pytest.approx(4.5 / 800) and cc[6].number_format == "0.0%"
    assert cc[7].value == pytest.approx(4.5 / (327 / 365))
    assert cc[8].value == "是"
    assert [c.value for c in cc[9:13]] == [0, pytest.approx(4.5), 0, 0]


@pytest.mark.parametrize("engine", ENGINES)
def test_english_workbook_without_scores(tmp_path, engine):
    out = tmp_path / "en.xlsx"
    export_workbook(project(tmp_path), out, language="en", today=TODAY, engine=engine)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Low-efficiency land", "Enterprises", "Plans", "Park progress"]
    assert wb["Low-efficiency land"]["A1"].value == "Parcel ID"
    assert wb["Low-efficiency land"]["N2"].value == "Closed"
    assert wb["Enterprises"].max_row == 1  # headers only
    assert wb["Enterprises"]["A1"].value == "Credit code (USCC)"
    assert wb["Park progress"]["A5"].value == "District"


def test_cancel_and_source_protection(tmp_path):
    proj = project(tmp_path)
    out = tmp_path / "c.xlsx"
    with pytest.raises(InputError) as err:
        export_workbook(proj, out, today=TODAY, progress=lambda f, m: f < 0.1)
    assert err.value.problem.code == "cancelled"
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["parcels.shp"]  # no temp file left
    with pytest.raises(InputError) as err:
        export_workbook(proj, proj.source["path"], today=TODAY)
    assert err.value.problem.code == "export.same_as_source"
    assert (tmp_path / "parcels.shp").read_bytes() == b"x"
    with pytest.raises(InputError):
        export_workbook(proj, tmp_path / "missing-dir" / "x.xlsx", today=TODAY)


def test_progress_is_reported(tmp_path):
    seen = []
    export_workbook(project(tmp_path), tmp_path / "p.xlsx", today=TODAY,
                    progress=lambda f, m: seen.append(f) or True)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_empty_project(tmp_path):
    proj = SimpleNamespace(parcels=gpd.GeoDataFrame(geometry=[]), plans=[], settings={})
    out = export_workbook(proj, tmp_path / "empty.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(out)
    # A project without parks has none: header and the district row, with no target.
    assert [wb[n].max_row for n in wb.sheetnames][:4] == [1, 1, 1, 2]
    assert wb["园区进度"]["A2"].value == "全区" and wb["园区进度"]["B2"].value is None


@pytest.mark.parametrize("engine", ENGINES)
def test_no_formula_anywhere_in_the_xml(tmp_path, engine):
    """Independent of openpyxl: no sheet part of the package holds a formula element."""
    import re
    import zipfile

    out = tmp_path / "x.xlsx"
    export_workbook(project(tmp_path), out, scores=scores(), today=TODAY, engine=engine)
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert not re.search(r"<f[ >]", xml), name


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_it_and_keeps_text(tmp_path):
    """LibreOffice reads the workbook; its CSV shows the user text literally, not evaluated."""
    import subprocess

    out = tmp_path / "lo.xlsx"
    export_workbook(project(tmp_path), out, scores=scores(), today=TODAY)
    csv_dir = tmp_path / "csv"
    # filter options: comma, quote, UTF-8, line 1, …, 9th token: as shown; -1: every sheet
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
         "--outdir", str(csv_dir), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    parcels_csv = pd.read_csv(csv_dir / "lo-低效用地清单.csv", dtype=str, keep_default_na=False)
    assert parcels_csv["企业名称"].tolist()[:4] == ["=1+1", "+8651383000000", "-2+3", "@SUM(A1:A2)"]
    assert parcels_csv["面积（亩）"].iloc[0] == "12.35"  # shown with the 0.00 format
    quota_csv = pd.read_csv(csv_dir / "lo-园区进度.csv", dtype=str)
    assert quota_csv["完成率"].iloc[0] == "0.6%"  # 4.5 / 800 with the 0.0% format
