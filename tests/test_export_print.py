"""Issue 10 §6 and §3: the workbook for the people who print it, with the file's own columns."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from landplanner.export.xlsx_export import export_workbook
from landplanner.export.xlsx_writers import _display_width

ENGINES = ["xlsxwriter", "rustpy"]


def project():
    n = 8
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [f"P{i}" for i in range(n)],
            "enterprise": ["南通市崇川区某某精密机械制造有限公司"] * n,
            "category": ["idle", "low_efficiency", "unsupplied", "other"] * 2,
            "park": ["崇川经济开发区"] * n,
            "area_mu": [10.0] * n,
            "XZ": ["崇川区", "港闸区"] * 4,  # the file's own column
        },
        geometry=[shapely.box(i, 0, i + 1, 1) for i in range(n)], crs="EPSG:4549",
    )
    settings = {"district_name": "崇川区", "year": 2026,
                "quotas": {"district_mu": 2600, "parks": [{"name": "崇川经济开发区", "target_mu": 800}]}}
    return SimpleNamespace(parcels=parcels, plans=[], settings=settings, source={})


@pytest.mark.parametrize("engine", ENGINES)
def test_candidate_list_other_sheet_page_setup_and_own_columns(tmp_path, engine):
    out = export_workbook(project(), tmp_path / "p.xlsx", today=date(2026, 11, 23), engine=engine)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["低效用地清单", "企业清单", "一企一策", "园区进度", "其他地块"]
    listed = wb["低效用地清单"]
    head = [c.value for c in listed[1]]
    cats = [r[head.index("类别")] for r in listed.iter_rows(min_row=2, values_only=True)]
    assert len(cats) == 6 and "其他" not in cats
    other = wb["其他地块"]
    assert [r[4] for r in other.iter_rows(min_row=2, values_only=True)] == ["其他", "其他"]
    # The file's own column follows the fixed ones.
    assert head[-1] == "XZ"
    assert [r[-1] for r in listed.iter_rows(min_row=2, max_row=3, values_only=True)] == ["崇川区", "港闸区"]
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize in (9, "9")
        assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows.replace("$", "") == "1:1"
        header = ws.oddHeader
        assert "崇川区 2026 年盘活清单" in header.left.text and ws.title in header.left.text
        assert "2026-11-23" in header.right.text
        assert "第 &P 页，共 &N 页" in ws.oddFooter.center.text
    # Chinese text fits: the enterprise column is as wide as its (long) names.
    width = listed.column_dimensions["B"].width
    assert width >= _display_width("南通市崇川区某某精密机械制造有限公司")


def test_english_print_header(tmp_path):
    out = export_workbook(project(), tmp_path / "en.xlsx", today=date(2026, 11, 23),
                          language="en")
    ws = openpyxl.load_workbook(out)["Low-efficiency land"]
    assert "2026 revitalization lists" in ws.oddHeader.left.text
    assert "Page &P of &N" in ws.oddFooter.center.text


def test_ampersand_in_a_district_name_is_text(tmp_path):
    proj = project()
    proj.settings["district_name"] = "A&B区"
    out = export_workbook(proj, tmp_path / "a.xlsx", today=date(2026, 11, 23))
    ws = openpyxl.load_workbook(out)["低效用地清单"]
    assert "A&&B区" in ws.oddHeader.left.text or "A&B区" in ws.oddHeader.left.text
    assert pd.notna(ws["A2"].value)
