"""Issue 10 §2: parks, targets and the year belong to the project (core and CLI)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from landplanner import project_settings as ps
from landplanner.analysis import quota
from landplanner.cli import main
from landplanner.problems import InputError

REPO = Path(__file__).resolve().parents[1]


def test_apply_setting_changes_one_value_and_keeps_the_rest():
    settings = {"language": "zh", "scoring": {"x": 1}}
    settings = ps.apply_setting(settings, "district_name", "崇川区")
    settings = ps.apply_setting(settings, "year", "2027")
    settings = ps.apply_setting(settings, "district_mu", "2,600")
    settings = ps.apply_setting(settings, "park", "北区园")
    settings = ps.apply_setting(settings, "park.北区园.target_mu", "450")
    settings = ps.apply_setting(settings, "park.北区园.unit", "北区管委会")
    settings = ps.apply_setting(settings, "park.北区园.field", "YQMC")
    assert settings["scoring"] == {"x": 1} and settings["language"] == "zh"
    typed = ps.ProjectSettings.from_settings(settings)
    assert typed.district_name == "崇川区" and typed.year == 2027 and typed.district_mu == 2600
    assert typed.parks == [ps.ParkSetting("北区园", 450.0, "北区管委会", "YQMC", "")]
    # The quota computation reads the same settings.
    q = quota.QuotaSettings.from_dict(settings)
    assert q.parks == {"北区园": 450.0} and q.district == 2600 and q.year == 2027
    renamed = ps.apply_setting(settings, "park.北区园.name", "北区产业园")
    assert [p.name for p in ps.ProjectSettings.from_settings(renamed).parks] == ["北区产业园"]
    removed = ps.apply_setting(renamed, "remove_park", "北区产业园")
    assert ps.ProjectSettings.from_settings(removed).parks == []


@pytest.mark.parametrize("key, value", [
    ("year", "abc"), ("year", "3000"), ("district_mu", "-5"), ("park.nope.target_mu", "1"),
    ("colour", "red"), ("park", ""),
])
def test_bad_settings_are_refused_with_a_message(key, value):
    with pytest.raises(InputError) as error:
        ps.apply_setting({}, key, value)
    assert error.value.problem.message_zh and error.value.problem.message_en


def test_a_file_without_parks_has_no_parks():
    import geopandas as gpd
    import shapely

    from landplanner.project import Project
    from landplanner.sources.report import LoadReport, LoadResult

    gdf = gpd.GeoDataFrame({"DKBH": ["A"], "LB": ["闲置"]},
                           geometry=[shapely.box(0, 0, 100, 100)], crs=4549)
    project = Project.from_load(LoadResult(gdf, LoadReport("x.shp", None)))
    assert project.settings["quotas"]["parks"] == []
    table = quota.compute(project.parcels, [], project.settings)
    assert list(table["park"]) == ["district"] and not table["behind"].any()


def test_short_and_full_park_names_are_one_park():
    assert ps.canonical_park_names(["崇川开发区", "崇川经济开发区", None, "市北高新区"]) == [
        "崇川经济开发区", "市北高新区"]


@pytest.fixture
def sample_copy(tmp_path):
    target = tmp_path / "s.gpkg"
    shutil.copy(REPO / "sample_parcels" / "sample_project.gpkg", target)
    return target


def test_cli_settings_show_and_set(sample_copy, capsys):
    assert main(["settings", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "港闸经济开发区" in out and "800.00" in out
    assert main(["settings", str(sample_copy), "--set", "park.港闸经济开发区.target_mu=900",
                 "--set", "district_name=崇川区", "--set", "park.市北高新技术产业开发区.name=市北高新区"]) == 0
    capsys.readouterr()
    assert main(["quota", str(sample_copy), "--json", "--today", "2026-06-30"]) == 0
    rows = {r["park"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["港闸经济开发区"]["target_mu"] == 900
    # The renamed park keeps its parcels.
    assert "市北高新区" in rows and rows["市北高新区"]["candidate_mu"] > 0
    assert "市北高新技术产业开发区" not in rows
    assert main(["settings", str(sample_copy), "--set", "year=abc"]) == 2
    assert "year" in capsys.readouterr().err


def test_cli_settings_never_writes_a_parcel_file(capsys):
    before = (REPO / "sample_parcels" / "parcels.dbf").read_bytes()
    assert main(["settings", str(REPO / "sample_parcels" / "parcels.shp"), "--set", "year=2020"]) == 2
    assert "项目" in capsys.readouterr().err
    assert (REPO / "sample_parcels" / "parcels.dbf").read_bytes() == before


def test_check_lists_the_parcels_in_no_park(capsys):
    assert main(["check", str(REPO / "sample_parcels" / "parcels.shp"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    total = sum(report["area_mu_by_park"].values()) + report["area_mu_no_park"]
    assert total == pytest.approx(report["area_mu_total"], abs=0.05)
    assert report["parcels_no_park"] > 0
    assert main(["check", str(REPO / "sample_parcels" / "parcels.shp")]) == 0
    out = capsys.readouterr().out
    assert f"不在任何园区：{report['area_mu_no_park']:,.2f} 亩（{report['parcels_no_park']:,} 个地块）" in out
    assert np.isfinite(report["area_mu_no_park"])
