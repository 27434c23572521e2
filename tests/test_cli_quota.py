"""``landplanner quota``: JSON figures against hand sums, text output, exit codes."""

import argparse
import json
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from landplanner.analysis.plans import Plan
from landplanner.cli import quota_command

CC, GZ = "崇川经济开发区", "港闸经济开发区"


def parse(argv):
    parser = argparse.ArgumentParser()
    quota_command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["quota", *argv])


def fake_project():
    parcels = pd.DataFrame(
        {"parcel_id": ["a", "b", "c"], "park": [CC, GZ, GZ],
         "category": ["idle", "low_efficiency", "low_efficiency"],
         "area_mu": [100.004, 50.0, 33.333]}
    )
    plans = [
        Plan("1", parcel_ids=("a",), status="closed", closed_date=date(2026, 4, 2), evidence="e"),
        Plan("2", parcel_ids=("b",), status="not_started", mu_to_free=20.0),
    ]
    settings = {"quotas": {"district_mu": 300, "parks": [{"name": CC, "target_mu": 100},
                                                         {"name": GZ, "target_mu": 100}]},
                "year": 2026}
    return SimpleNamespace(parcels=parcels, plans=plans, settings=settings)


@pytest.fixture
def project(monkeypatch):
    proj = fake_project()
    monkeypatch.setattr(quota_command, "open_input", lambda path, *a, **k: proj)
    return proj


def test_json(project, capsys):
    code = quota_command.run(parse(["x.gpkg", "--json", "--today", "2026-12-31"]))
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["park"] for r in out] == [CC, GZ, "district"]
    cc, gz, d = out
    assert cc == {"park": CC, "target_mu": 100.0, "done_mu": 100.0, "in_progress_mu": 0.0,
                  "planned_mu": 0.0, "candidate_mu": 0.0, "percent": 100.0,
                  "projected_mu": 100.0, "behind": False,
                  "quarters": {"Q1": 0.0, "Q2": 100.0, "Q3": 0.0, "Q4": 0.0}}
    assert gz["planned_mu"] == 20.0 and gz["candidate_mu"] == 33.33 and gz["done_mu"] == 0.0
    assert gz["behind"] is True
    assert d["target_mu"] == 300.0 and d["percent"] == round(100.004 / 3, 2)


def test_projection_from_today(project, capsys):
    # 2026-07-02 is day 183 of 365
    assert quota_command.run(parse(["x.gpkg", "--json", "--today", "2026-07-02"])) == 0
    cc = json.loads(capsys.readouterr().out)[0]
    assert cc["projected_mu"] == round(100.004 * 365 / 183, 2)
    assert cc["behind"] is False


def test_text_output(project, capsys):
    assert quota_command.run(parse(["x.gpkg", "--today", "2026-12-31", "--lang", "en"])) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("Park\tTarget (mu)\tClosed (mu)\tIn progress (mu)\t"
                                   "Not started (mu)\tCandidates without a plan (mu)\tCompletion\t"
                                   "Projected year-end (mu)\tBehind pace")
    assert "District\t300.00\t100.00" in out
    assert f"{GZ}\t100.00\t0.00\t0.00\t20.00\t33.33\t0.0%\t0.00\tBehind pace" in out


def test_bad_input_exits_2(tmp_path, capsys, monkeypatch):
    assert quota_command.run(parse([str(tmp_path / "missing.gpkg")])) == 2
    err = capsys.readouterr().err
    assert "missing.gpkg" in err and "Traceback" not in err
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_bytes(b"not a geopackage")
    assert quota_command.run(parse([str(garbage), "--json"])) == 2
    assert capsys.readouterr().out == ""
    monkeypatch.setattr(quota_command, "open_input", lambda p, *a, **k: fake_project())
    assert quota_command.run(parse(["x", "--today", "31/12/2026", "--lang", "en"])) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_unexpected_error_is_a_message(monkeypatch, capsys):
    def boom(path, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(quota_command, "open_input", boom)
    assert quota_command.run(parse(["x.gpkg", "--lang", "en"])) == 2
    err = capsys.readouterr().err
    assert "disk on fire" in err and "Traceback" not in err


def test_real_shapefile_through_the_command(tmp_path, capsys):
    """The whole path: shapefile → loader → fields → area → quota JSON via ``landplanner``."""
    import geopandas as gpd
    from shapely.geometry import box

    from landplanner.cli import main

    x, y = 500_000, 3_545_000  # CGCS2000 GK CM 120°E, near Nantong
    gdf = gpd.GeoDataFrame(
        {"DKBH": ["A1", "A2", "A3"], "YQ": [CC, CC, GZ], "LB": ["闲置", "低效", "其他"]},
        # 200 m × 100 m = 20,000 m² = 30 mu; 300 m × 100 m = 45 mu
        geometry=[box(x, y, x + 200, y + 100), box(x + 500, y, x + 800, y + 100),
                  box(x + 1000, y, x + 1200, y + 100)],
        crs="EPSG:4549",
    )
    gdf = gdf.rename(columns={"YQ": "园区", "LB": "类别", "DKBH": "地块编号"})
    path = tmp_path / "parcels.shp"
    gdf.to_file(path, encoding="gbk")  # GBK: a 4-character name fits the 10-byte DBF field
    assert main(["quota", str(path), "--json", "--today", "2026-06-30"]) == 0
    rows = {r["park"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[CC]["candidate_mu"] == 75.0  # 30 + 45, both candidate categories, no plan
    assert rows[GZ]["candidate_mu"] == 0.0  # category other
    assert rows["district"]["candidate_mu"] == 75.0
    assert rows["district"]["target_mu"] is None  # a new project sets no target
    assert rows[CC]["target_mu"] is None and not rows[CC]["behind"]
