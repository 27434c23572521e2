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
    monkeypatch.setattr(export_command, "load_project", lambda path: proj)
    return proj


def test_writes_workbook(project, tmp_path, capsys):
    out = tmp_path / "lists.xlsx"
    assert export_command.run(parse(["p.gpkg", "--xlsx", str(out), "--today", "2026-11-23"])) == 0
    assert str(out) in capsys.readouterr().err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["低效用地清单", "企业清单", "一企一策", "园区进度"]
    ws = wb["低效用地清单"]
    assert ws["B2"].data_type == "s" and ws["B2"].value == "=cmd|' /C calc'!A0"
    assert ws["M2"].value == "未启动"
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
