"""The Project model: defaults, building it from a loaded file, opening any file."""

from __future__ import annotations

from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from pyproj import Geod

from landplanner.problems import Problem
from landplanner.project import Project, default_settings
from landplanner.store import open_any, save_project

M2_PER_MU = 10000 / 15
X0, Y0 = 575000.0, 3546000.0  # EPSG:4549 metres, near the 港闸 park


def test_default_settings_assume_no_district():
    settings = default_settings(year=2025)
    assert settings["year"] == 2025 and settings["language"] == "zh"
    # Nothing of the sample district: no parks, no targets (issue 10 §2).
    assert settings["quotas"] == {"district_mu": None, "parks": []}
    assert settings["district_name"] == ""
    assert isinstance(default_settings()["year"], int)


def test_new_projects_do_not_share_state():
    a, b = Project(), Project()
    a.settings["quotas"]["parks"].append({"name": "x", "target_mu": 1.0})
    a.plans.append({"id": "1"})
    a.field_mapping["parcel_id"] = "DKBH"
    assert b.settings["quotas"]["parks"] == []
    assert b.plans == [] and b.field_mapping == {}
    assert len(b.parcels) == 0 and b.parks is None and b.indicators.empty


def _load_result(gdf: gpd.GeoDataFrame, problems: list[Problem] | None = None):
    report = SimpleNamespace(
        path="/data/地块.shp",
        layer="地块",
        features=len(gdf),
        geometry_type="Polygon",
        crs=SimpleNamespace(epsg=4549, name="CGCS2000 / 3-degree Gauss-Kruger CM 120E", wkt="W"),
        encoding=SimpleNamespace(name="CP936", source="ldid"),
        problems=list(problems or []),
        layers=["地块"],
    )
    return SimpleNamespace(gdf=gdf, report=report)


def _source_parcels(with_park: bool = True) -> gpd.GeoDataFrame:
    sizes = [(100.0, 100.0), (200.0, 100.0), (50.0, 100.0)]
    columns = {
        "地块编号": ["DK1", "DK2", "DK3"],
        "宗地号": ["Z-9", "Z-8", "Z-7"],
        "企业名称": ["南通甲机械有限公司", "南通乙纺织有限公司", None],
        "类别": ["闲置", "低效", "征而未供"],
    }
    if with_park:
        columns["园区"] = ["崇川经济开发区", "港闸经济开发区", "港闸经济开发区"]
    return gpd.GeoDataFrame(
        columns,
        geometry=[
            shapely.box(X0 + 1000 * i, Y0, X0 + 1000 * i + w, Y0 + h)
            for i, (w, h) in enumerate(sizes)
        ],
        crs="EPSG:4549",
    )


def test_from_load_maps_fields_computes_area_and_records_the_source():
    pytest.importorskip("landplanner.fields")
    loader_problem = Problem("geometry_repaired", "warning", "已修复", "repaired", feature=1)
    project = Project.from_load(_load_result(_source_parcels(), [loader_problem]))
    parcels = project.parcels
    assert parcels["parcel_id"].tolist() == ["DK1", "DK2", "DK3"]
    assert parcels["category"].tolist() == ["idle", "low_efficiency", "unsupplied"]
    assert parcels["park"].tolist() == ["崇川经济开发区", "港闸经济开发区", "港闸经济开发区"]
    # Planar areas in the projected CRS, by hand: 10000, 20000, 5000 m².
    expected = np.array([10000.0, 20000.0, 5000.0]) / M2_PER_MU
    np.testing.assert_allclose(parcels["area_mu"].to_numpy(), expected, rtol=1e-12)
    assert project.field_mapping["parcel_id"] == "地块编号"
    assert project.field_mapping["category"] == "类别"
    assert project.problems[0] is loader_problem
    assert project.source["encoding"] == "CP936" and project.source["encoding_source"] == "ldid"
    assert project.source["crs"]["epsg"] == 4549 and project.source["layer"] == "地块"
    # The parks the file names become the project's parks, without targets.
    expected = default_settings()
    expected["quotas"]["parks"] = [{"name": "崇川经济开发区", "target_mu": None},
                                   {"name": "港闸经济开发区", "target_mu": None}]
    assert project.settings == expected
    assert project.parks is None and project.plans == []


def test_from_load_uses_the_given_mapping():
    pytest.importorskip("landplanner.fields")
    from landplanner import fields

    gdf = _source_parcels()
    mapping = fields.guess_mapping(gdf)
    mapping["parcel_id"] = "宗地号"
    project = Project.from_load(_load_result(gdf), mapping=mapping)
    assert project.parcels["parcel_id"].tolist() == ["Z-9", "Z-8", "Z-7"]
    assert project.field_mapping["parcel_id"] == "宗地号"


def test_from_load_takes_the_park_from_the_boundaries_when_no_attribute():
    pytest.importorskip("landplanner.parks")
    gdf = _source_parcels(with_park=False)
    parks = gpd.GeoDataFrame(
        {"name": ["崇川经济开发区", "港闸经济开发区"]},
        geometry=[
            shapely.box(X0 - 10, Y0 - 10, X0 + 500, Y0 + 500),
            shapely.box(X0 + 900, Y0 - 10, X0 + 3000, Y0 + 500),
        ],
        crs="EPSG:4549",
    )
    project = Project.from_load(_load_result(gdf), parks=parks)
    assert project.parcels["park"].tolist() == [
        "崇川经济开发区",
        "港闸经济开发区",
        "港闸经济开发区",
    ]
    assert project.parks is parks


def test_from_load_geographic_parcels_match_a_geodesic_area():
    pytest.importorskip("landplanner.area")
    # A 0.01° × 0.01° cell at 32.04 N, 120.80 E in CGCS2000 geographic coordinates.
    cell = shapely.box(120.80, 32.04, 120.81, 32.05)
    gdf = gpd.GeoDataFrame({"地块编号": ["G1"]}, geometry=[cell], crs="EPSG:4490")
    project = Project.from_load(_load_result(gdf))
    geodesic_m2 = abs(Geod(ellps="GRS80").geometry_area_perimeter(cell)[0])
    assert project.parcels["area_mu"].iloc[0] == pytest.approx(geodesic_m2 / M2_PER_MU, rel=5e-4)


def test_a_loaded_project_survives_save_and_open(tmp_path):
    pytest.importorskip("landplanner.fields")
    from landplanner.store import open_project

    gdf = _source_parcels()
    gdf["供地日期"] = pd.to_datetime(["2019-01-02", None, "2020-12-31"])
    project = Project.from_load(_load_result(gdf))
    path = tmp_path / "项目.gpkg"
    save_project(project, path)
    back = open_project(path)
    assert_geodataframe_equal(back.parcels, project.parcels)
    assert list(back.parcels.geometry.to_wkb()) == list(project.parcels.geometry.to_wkb())
    assert back.field_mapping == project.field_mapping
    assert back.source == project.source and back.settings == project.settings


def test_open_any_opens_projects_and_parcel_files(tmp_path):
    project = Project(parcels=_source_parcels(), settings={"year": 2030})
    saved = tmp_path / "p.gpkg"
    save_project(project, saved)
    assert open_any(saved).settings == {"year": 2030}

    if not hasattr(pytest.importorskip("landplanner.sources"), "load_parcels"):
        pytest.skip("the loader has not landed")
    shp = tmp_path / "地块.shp"
    pyogrio.write_dataframe(_source_parcels(), shp, encoding="GBK")
    imported = open_any(shp)
    assert imported.parcels["parcel_id"].tolist() == ["DK1", "DK2", "DK3"]
    assert imported.source["path"] == str(shp.resolve())


def test_set_parks_assigns_by_largest_overlap_and_reports_outside():
    import geopandas as gpd
    from shapely.geometry import box

    from landplanner.project import Project, default_settings

    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["a", "b", "c"], "park": [None, None, None]},
        geometry=[box(100, 100, 200, 200), box(970, 100, 1070, 200), box(5000, 5000, 5100, 5100)],
        crs=4549,
    )
    parks = gpd.GeoDataFrame(
        {"name": ["崇川经济开发区", "港闸经济开发区"]},
        geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
        crs=4549,
    )
    project = Project(parcels=parcels, parks=None, settings=default_settings(2026))
    problems = project.set_parks(parks)
    # b lies 30 m in the west park and 70 m in the east one: the east park wins.
    assert project.parcels["park"].tolist()[:2] == ["崇川经济开发区", "港闸经济开发区"]
    assert project.parcels["park"].isna().tolist()[2]
    assert any(p.code == "park_outside" for p in problems)
    assert project.parks is parks
