"""``landplanner export``: writes the workbook, refuses bad outputs, exit codes."""

import argparse
from types import SimpleNamespace

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import box

from landplanner.analysis.plans import Plan
from landplanner.cli import export_command


def parse(argv):
    parser = argparse.ArgumentParser()
    export_command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["export", *argv])


@pytest.fixture
def project(monkeypatch):
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["a", "b"], "enterprise": ["=cmd|' /C calc'!A0", "厂"],
         "park": ["崇川经济开发区", None], "category": ["idle", "other"], "area_mu": [3.0, 4.0]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:4549",
    )
    proj = SimpleNamespace(parcels=parcels, plans=[Plan("PLAN-0001", parcel_ids=("a",)).to_dict()],
                           settings={}, source={}, indicators=None)
    monkeypatch.setattr(export_command, "open_input", lambda path, *a, **k: proj)
    return proj


def test_writes_workbook(project, tmp_path, capsys):
    out = tmp_path / "lists.xlsx"
    assert export_command.run(parse(["p.gpkg", "--xlsx", str(out), "--today", "2026-11-23"])) == 0
    assert str(out) in capsys.readouterr().err
    wb = openpyxl.load_workbook(out)
    # 其他 parcels are kept on a last sheet of their own, not on the list of land to revitalize
    assert wb.sheetnames[:4] == ["低效用地清单", "企业清单", "一企一策", "园区进度"]
    ws = wb["低效用地清单"]
    assert ws["B2"].data_type == "s" and ws["B2"].value == "=cmd|' /C calc'!A0"
    assert ws["N2"].value == "未启动"
    assert wb["一企一策"]["A2"].value == "PLAN-0001"


def test_english(project, tmp_path):
    out = tmp_path / "en.xlsx"
    assert export_command.run(parse(["p.gpkg", "--xlsx", str(out), "--lang", "en"])) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Low-efficiency land"


def test_refuses_bad_outputs(project, tmp_path, capsys):
    src = tmp_path / "p.gpkg"
    src.write_bytes(b"x")
    assert export_command.run(parse([str(src), "--xlsx", str(tmp_path / "a.csv")])) == 2
    assert ".xlsx" in capsys.readouterr().err
    same = tmp_path / "same.xlsx"
    same.write_bytes(b"keep")
    assert export_command.run(parse([str(same), "--xlsx", str(same)])) == 2
    assert same.read_bytes() == b"keep"
    assert export_command.run(parse(["p.gpkg", "--xlsx", str(tmp_path / "no" / "x.xlsx")])) == 2
    assert export_command.run(parse(["p", "--xlsx", str(tmp_path / "t.xlsx"),
                                     "--today", "tomorrow"])) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_input_exits_2(tmp_path, capsys):
    code = export_command.run(parse([str(tmp_path / "none.shp"), "--xlsx",
                                     str(tmp_path / "o.xlsx")]))
    assert code == 2
    assert "none.shp" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()


def test_today_default_is_today(project, tmp_path):
    assert export_command.run(parse(["p", "--xlsx", str(tmp_path / "t.xlsx")])) == 0
    assert (tmp_path / "t.xlsx").exists()


def test_unknown_preset_exits_2(project, tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert export_command.run(parse(["p", "--xlsx", str(out), "--preset", "no-such-preset"])) == 2
    assert "no-such-preset" in capsys.readouterr().err
    assert not out.exists()


def test_indicators_fill_the_enterprise_sheet(project, tmp_path):
    import pandas as pd

    from landplanner import uscc

    codes = []
    for i in range(5):
        base = f"91320600MA1{i:06d}"
        codes.append(base + uscc.check_char(base))
    table = pd.DataFrame({
        "年度": 2026, "统一社会信用代码": codes, "企业名称": [f"企业{i}" for i in range(5)],
        "企业规模": "规上", "用地面积(亩)": [10, 11, 12, 13, 14],
        "税收(万元)": [5, 50, 20, 80, 1], "应税销售(万元)": [100, 900, 300, 1200, 50],
        "综合能耗(吨标煤)": [10, 11, 12, 13, 14], "年平均职工人数": [20, 30, 25, 40, 10],
        "研发经费支出(万元)": [1, 9, 3, 12, 0], "主营业务收入(万元)": [100, 900, 300, 1200, 50],
    })
    path = tmp_path / "ind.csv"
    table.to_csv(path, index=False)
    out = tmp_path / "e.xlsx"
    code = export_command.run(parse(["p", "--xlsx", str(out), "--indicators", str(path),
                                     "--today", "2026-11-23"]))
    assert code == 0
    ws = openpyxl.load_workbook(out)["企业清单"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["统一社会信用代码", "企业名称", "评价组", "用地面积（亩）"]
    assert "亩均税收（值）" in header and "亩均税收（基准）" in header
    assert header[-5:] == ["综合得分", "排名", "亩均等级", "说明", "评价基准"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == sorted(codes)
    ranks = [r[header.index("排名")] for r in rows]
    assert ranks == sorted(ranks)  # listed by rank
    assert {r[header.index("亩均等级")] for r in rows} <= {
        "A 优先发展", "B 鼓励提升", "C 监管调控", "D 落后整治", "T 不参评"}
    assert {r[header.index("评价组")] for r in rows} <= {"规上", "规下", "租赁"}
