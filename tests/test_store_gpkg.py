"""The GeoPackage project store: exact round trip, QGIS-readable layout, atomic save, errors."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from pandas.testing import assert_frame_equal
from pyproj import CRS
from shapely.geometry import MultiPolygon, Polygon

from landplanner.model.plan import Plan
from landplanner.problems import InputError
from landplanner.project import Project
from landplanner.store import (
    SCHEMA_VERSION,
    GpkgStore,
    ProjectStore,
    gpkg_store,
    is_project,
    open_project,
    save_project,
)

# A parcel with coordinates that do not round-trip through decimal text: the store must
# keep every bit of every coordinate.
SQUARE = Polygon(
    [
        (500000.1234567891, 3540000.000000001),
        (500100.3, 3540000.0),
        (500100.3, 3540100.7),
        (500000.1234567891, 3540100.7),
        (500000.1234567891, 3540000.000000001),
    ],
    holes=[
        [(500010.0, 3540010.0), (500020.0, 3540010.0), (500020.0, 3540020.0), (500010.0, 3540010.0)]
    ],
)
TWO_PART = MultiPolygon([SQUARE, shapely.affinity.translate(SQUARE, 400.0, 0.0)])


def _parcels() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["P000001", "P000002", "P000003", "P000004"],
            "enterprise": pd.Series(
                ["南通甲机械有限公司", None, "港闸乙纺织", "市北丙"], dtype=object
            ),
            "uscc": ["91320600MA1MXXXX0X", None, "91320611MA1Y000000", "x"],
            "park": ["崇川经济开发区", "港闸经济开发区", None, "市北高新技术产业开发区"],
            "category": ["idle", "low_efficiency", "unsupplied", "other"],
            "declared_mu": [15.0, np.nan, 2.25, 0.0],
            "supply_date": pd.to_datetime(
                ["2019-03-01", None, "2021-05-06 12:30:01.5", "1999-12-31"], format="ISO8601"
            ),
            "start_date": pd.Series(pd.NaT, index=range(4), dtype="datetime64[s]"),
            "area_mu": [15.01, 0.5, np.nan, 3.0],
            "floors": pd.array([3, None, 1, 2], dtype="Int64"),
            "vacant": pd.array([True, None, False, True], dtype="boolean"),
            "flag": [True, False, True, False],
            "count": np.array([1, 2, 3, 4], dtype="int32"),
            # Names a GeoPackage cannot hold as they are: case-insensitive twins and reserved ones.
            "ID": ["a", "b", "c", "d"],
            "id": [10, 20, 30, 40],
            "fid": [7, 8, 9, 10],
            "备注": ["", "征而未供", None, "低效"],
            "grade": pd.Categorical(
                ["A", None, "C", "A"], categories=["A", "B", "C"], ordered=True
            ),
        },
        geometry=[SQUARE, TWO_PART, None, shapely.affinity.translate(SQUARE, 0.0, 500.0)],
        crs="EPSG:4549",
    )


def _project() -> Project:
    parks = gpd.GeoDataFrame(
        {"name": ["崇川经济开发区", "港闸经济开发区"], "target_mu": [800.0, np.nan]},
        geometry=[SQUARE.buffer(1000.0), TWO_PART.buffer(50.0)],
        crs="EPSG:4549",
    )
    indicators = pd.DataFrame(
        {
            "year": [2024, 2024, 2025],
            "uscc": ["91320600MA1MXXXX0X", "91320611MA1Y000000", "91320600MA1MXXXX0X"],
            "name": ["南通甲机械有限公司", "港闸乙纺织", "南通甲机械有限公司"],
            "size": ["above", "below", "above"],
            "tax": [120.5, np.nan, 0.0],
            "veto_safety": [False, True, False],
        }
    )
    plans = [
        Plan(
            id="PL-1",
            uscc="91320600MA1MXXXX0X",
            parcel_ids=("P000001", "P000004"),
            status="in_progress",
            method="self_upgrade",
            notes="工业上楼",
            mu_to_free=12.5,
        ),
        Plan(id="PL-2", uscc=None, parcel_ids=(), status="not_started"),
    ]
    settings = {
        "quotas": {
            "district_mu": 2600.0,
            "parks": [{"name": "崇川经济开发区", "target_mu": 800.0}],
        },
        "year": 2025,
        "scoring": {"preset": "淮安2024", "bands": [0.2, 0.6, 0.95]},
        "language": "zh",
    }
    return Project(
        parcels=_parcels(),
        parks=parks,
        indicators=indicators,
        plans=plans,
        settings=settings,
        field_mapping={"parcel_id": "DKBH", "enterprise": "QYMC", "park": None},
        source={
            "path": "/data/地块 2024.shp",
            "layer": "地块 2024",
            "encoding": "GBK",
            "crs": {"epsg": 4549, "name": "CGCS2000 / 3-degree Gauss-Kruger CM 120E", "wkt": "…"},
        },
    )


def _assert_same_geometry_bits(left: gpd.GeoSeries, right: gpd.GeoSeries) -> None:
    # assert_geodataframe_equal compares topologically; WKB compares every coordinate bit.
    assert list(left.to_wkb()) == list(right.to_wkb())


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- round trip


def test_round_trip_gives_identical_project(tmp_path):
    project = _project()
    path = tmp_path / "项目 2025.gpkg"
    save_project(project, path)
    back = open_project(path)

    assert_geodataframe_equal(back.parcels, project.parcels, check_like=False)
    _assert_same_geometry_bits(back.parcels.geometry, project.parcels.geometry)
    assert back.parcels.crs == CRS.from_epsg(4549)
    assert list(back.parcels.dtypes) == list(project.parcels.dtypes)
    assert back.parcels["enterprise"].iloc[1] is None
    assert back.parcels["备注"].tolist()[:2] == ["", "征而未供"]
    assert back.parcels["supply_date"].iloc[2] == pd.Timestamp("2021-05-06 12:30:01.500")
    assert_geodataframe_equal(back.parks, project.parks)
    _assert_same_geometry_bits(back.parks.geometry, project.parks.geometry)
    assert_frame_equal(back.indicators, project.indicators)
    assert back.plans == project.plans
    assert back.settings == project.settings
    assert back.field_mapping == project.field_mapping
    assert list(back.field_mapping) == list(project.field_mapping)
    assert back.source == project.source


def test_round_trip_without_crs_with_labelled_index_and_empty_parts(tmp_path):
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["a", "b"], "area_mu": [np.nan, np.nan]},
        geometry=[SQUARE, SQUARE],
        index=pd.Index(["k1", "k2"], name="key"),
    )
    project = Project(parcels=parcels, settings={})
    path = tmp_path / "p.gpkg"
    save_project(project, path)
    back = open_project(path)
    assert_geodataframe_equal(back.parcels, parcels)
    assert back.parcels.crs is None
    assert back.parks is None
    assert back.indicators.empty and back.plans == [] and back.settings == {}
    assert back.field_mapping == {}


def test_round_trip_of_an_empty_project(tmp_path):
    project = Project()
    path = tmp_path / "empty.gpkg"
    save_project(project, path)
    back = open_project(path)
    assert len(back.parcels) == 0 and back.parcels.geometry.name == "geometry"
    assert back.settings == project.settings


def test_store_satisfies_the_protocol(tmp_path):
    store = GpkgStore()
    assert isinstance(store, ProjectStore)
    store.save(_project(), tmp_path / "p.gpkg")
    assert_geodataframe_equal(store.open(tmp_path / "p.gpkg").parcels, _parcels())


def test_plans_are_stored_through_to_dict_and_from_dict(tmp_path):
    project = _project()
    project.plans = [
        Plan(id="PL-9", uscc="91320600MA1MXXXX0X", parcel_ids=("P000002",), status="closed")
    ]
    path = tmp_path / "p.gpkg"
    save_project(project, path)

    back = open_project(path)
    assert back.plans == project.plans and isinstance(back.plans[0], Plan)
    row = pyogrio.read_dataframe(path, layer="lp_plans", read_geometry=False).iloc[0]
    assert (row["id"], row["uscc"], row["status"]) == ("PL-9", "91320600MA1MXXXX0X", "closed")
    assert json.loads(row["parcel_ids"]) == ["P000002"]
    assert json.loads(row["data"])["status"] == "closed"


def test_a_plan_that_is_not_valid_is_reported_not_passed_on(tmp_path):
    project = _project()
    project.plans = [Plan(id="PL-1", status="in_progress")]
    path = tmp_path / "p.gpkg"
    save_project(project, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE lp_plans SET data = ?", (json.dumps({"id": "PL-1", "status": "???"}),))
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code == "store.corrupt"


# --------------------------------------------------------------------------- what QGIS sees


def test_file_is_a_geopackage_qgis_can_read(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    layers = dict(pyogrio.list_layers(path))
    assert layers["parcels"] == "MultiPolygon" and layers["parks"] == "MultiPolygon"
    for table in ("lp_meta", "lp_settings", "lp_field_mapping", "lp_indicators", "lp_plans"):
        assert table in layers and layers[table] is None
    with sqlite3.connect(path) as db:
        contents = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
        srs = db.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='parcels'"
        ).fetchone()[0]
        rtree = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name='rtree_parcels_geom'"
        ).fetchone()[0]
        meta = dict(db.execute("SELECT key, value FROM lp_meta"))
        settings = dict(db.execute("SELECT key, value FROM lp_settings"))
    assert contents["parcels"] == "features" and contents["lp_plans"] == "attributes"
    assert srs == 4549 and rtree == 1
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert meta["app_version"] and meta["saved_at"].startswith("20")
    assert json.loads(settings["year"]) == 2025
    info = pyogrio.read_info(path, layer="parcels")
    assert "企业" not in info["fields"]  # fields keep their own names …
    assert "备注" in info["fields"] and "enterprise" in info["fields"]


def test_polygon_only_parcels_make_a_polygon_layer(tmp_path):
    parcels = gpd.GeoDataFrame({"parcel_id": ["a"]}, geometry=[SQUARE], crs=4549)
    save_project(Project(parcels=parcels), tmp_path / "p.gpkg")
    assert dict(pyogrio.list_layers(tmp_path / "p.gpkg"))["parcels"] == "Polygon"


# --------------------------------------------------------------------------- atomic save


def test_failed_save_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    before = _sha(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())
    real_write = gpkg_store._write_table

    def failing_write(target, name, frame):
        if name == "lp_plans":
            raise OSError(28, "No space left on device")
        return real_write(target, name, frame)

    monkeypatch.setattr(gpkg_store, "_write_table", failing_write)
    changed = _project()
    changed.settings["year"] = 1999
    with pytest.raises(InputError) as caught:
        save_project(changed, path)
    assert caught.value.problem.code == "store.save_failed"
    assert "the disk is full" in caught.value.problem.message_en  # plain words, not errno's
    assert "磁盘空间不足" in caught.value.problem.message_zh
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # temp file removed
    monkeypatch.undo()
    assert open_project(path).settings["year"] == 2025


def test_cancelled_save_leaves_previous_file_intact(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    before = _sha(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())
    reports = []

    def progress(fraction, message):
        reports.append((fraction, message))
        return len(reports) < 3  # Cancel pressed while the third table is due

    changed = _project()
    changed.settings["year"] = 1999
    with pytest.raises(InputError) as caught:
        save_project(changed, path, progress=progress)
    assert caught.value.problem.code == "cancelled"
    assert caught.value.problem.message_zh and caught.value.problem.message_en
    assert len(reports) == 3 and all(message for _, message in reports)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # temp file removed
    assert open_project(path).settings["year"] == 2025


def test_save_and_open_report_progress_and_open_can_be_cancelled(tmp_path):
    path = tmp_path / "p.gpkg"
    saved = []
    save_project(_project(), path, progress=lambda f, m: saved.append(f) or True)
    assert saved == sorted(saved) and saved[-1] == 1.0
    opened = []
    open_project(path, progress=lambda f, m: opened.append(f) or True)
    assert opened == sorted(opened) and opened[0] == 0.0 and opened[-1] == 1.0
    with pytest.raises(InputError) as caught:
        open_project(path, progress=lambda f, m: f < 0.5)
    assert caught.value.problem.code == "cancelled"


def test_failed_rename_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    before = _sha(path)

    def failing_replace(src, dst):
        raise PermissionError("file is locked")

    monkeypatch.setattr(gpkg_store.os, "replace", failing_replace)
    with pytest.raises(InputError):
        save_project(_project(), path)
    assert _sha(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.gpkg"]


def test_save_replaces_an_existing_project(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    smaller = _project()
    smaller.parcels = smaller.parcels.iloc[:1]
    smaller.parks = None
    save_project(smaller, path)
    back = open_project(path)
    assert back.parcels["parcel_id"].tolist() == ["P000001"] and back.parks is None
    assert "parks" not in dict(pyogrio.list_layers(path))


def test_never_saves_over_the_source_file(tmp_path):
    source = tmp_path / "source.gpkg"
    gpd.GeoDataFrame({"DKBH": ["1"]}, geometry=[SQUARE], crs=4549).to_file(source)
    before = _sha(source)
    project = _project()
    project.source = {"path": str(source)}
    with pytest.raises(InputError) as caught:
        save_project(project, tmp_path / "." / "source.gpkg")
    assert caught.value.problem.code == "store.is_source"
    assert _sha(source) == before


def test_never_overwrites_a_geopackage_that_is_no_project(tmp_path):
    other = tmp_path / "规划.gpkg"
    gpd.GeoDataFrame({"名称": ["x"]}, geometry=[SQUARE], crs=4549).to_file(other)
    before = _sha(other)
    with pytest.raises(InputError) as caught:
        save_project(_project(), other)
    assert caught.value.problem.code == "store.not_ours"
    assert _sha(other) == before


@pytest.mark.parametrize(
    ("name", "code"), [("p.shp", "store.bad_suffix"), ("missing/p.gpkg", "store.no_folder")]
)
def test_bad_targets_are_refused(tmp_path, name, code):
    with pytest.raises(InputError) as caught:
        save_project(_project(), tmp_path / name)
    assert caught.value.problem.code == code


def test_settings_that_are_not_json_give_a_clear_error(tmp_path):
    project = _project()
    project.settings["callback"] = object()
    with pytest.raises(InputError) as caught:
        save_project(project, tmp_path / "p.gpkg")
    assert caught.value.problem.code == "store.save_failed"
    assert not (tmp_path / "p.gpkg").exists() and list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- opening


def test_open_missing_file(tmp_path):
    with pytest.raises(InputError) as caught:
        open_project(tmp_path / "nope.gpkg")
    assert caught.value.problem.code == "store.not_found"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"parcel_id,area\n1,2\n", "store.not_sqlite"),
        (
            b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n",
            "store.lfs_pointer",
        ),
        (b"", "store.not_sqlite"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "store.not_gpkg"),
    ],
)
def test_open_a_file_that_is_no_geopackage(tmp_path, content, code):
    path = tmp_path / "p.gpkg"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code == code
    assert str(path) in caught.value.problem.message_zh
    assert not is_project(path)


def test_open_a_plain_geopackage_says_it_is_no_project(tmp_path):
    path = tmp_path / "parcels.gpkg"
    gpd.GeoDataFrame({"DKBH": ["1"]}, geometry=[SQUARE], crs=4549).to_file(path, layer="地块")
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code == "store.not_project"
    assert "项目信息表" in caught.value.problem.message_zh
    assert not is_project(path)


def test_open_a_truncated_project(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    assert is_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code in {"store.not_gpkg", "store.not_project", "store.corrupt"}


def test_open_a_project_with_a_damaged_table(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE lp_settings SET value = '{not json' WHERE key = 'year'")
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code == "store.corrupt"


def test_open_a_project_from_a_newer_version(tmp_path):
    path = tmp_path / "p.gpkg"
    save_project(_project(), path)
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE lp_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(InputError) as caught:
        open_project(path)
    assert caught.value.problem.code == "store.newer_schema"


def test_open_a_schema_0_project(tmp_path):
    """Schema 0 (hand-built): no table layouts, field mapping as JSON inside lp_settings."""
    path = tmp_path / "old.gpkg"
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["P1", "P2"], "category": ["idle", "other"], "area_mu": [15.0, 1.5]},
        geometry=[SQUARE, TWO_PART],
        crs="EPSG:4549",
    )
    pyogrio.write_dataframe(parcels, path, layer="parcels", promote_to_multi=True)
    settings = pd.DataFrame(
        {
            "key": ["year", "field_mapping"],
            "value": [
                "2023",
                json.dumps({"parcel_id": "地块编号", "park": None}, ensure_ascii=False),
            ],
        }
    )
    pyogrio.write_dataframe(settings, path, layer="lp_settings")
    pyogrio.write_dataframe(
        pd.DataFrame({"key": ["schema_version"], "value": ["0"]}), path, layer="lp_meta"
    )

    back = open_project(path)
    assert back.field_mapping == {"parcel_id": "地块编号", "park": None}
    assert back.settings == {"year": 2023}
    assert back.parcels["parcel_id"].tolist() == ["P1", "P2"]
    assert back.parcels["area_mu"].tolist() == [15.0, 1.5]
    assert back.parcels.crs == CRS.from_epsg(4549)
    assert back.parcels.geometry.iloc[0].equals(SQUARE)
    assert back.plans == [] and back.parks is None


def test_index_and_a_column_named_like_the_stored_index(tmp_path):
    frame = pd.DataFrame(
        {"lp_index": ["用户列", "b"], "LP_INDEX": [1.5, 2.5], "year": [2024, 2025]},
        index=pd.Index([10, 30], name="企业"),
    )
    project = Project(indicators=frame)
    save_project(project, tmp_path / "p.gpkg")
    assert_frame_equal(open_project(tmp_path / "p.gpkg").indicators, frame)


def test_save_restores_the_sqlite_flush_setting(tmp_path):
    before = pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    save_project(_project(), tmp_path / "p.gpkg")
    assert pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS") == before


def test_real_plans_round_trip(tmp_path):
    plans = pytest.importorskip("landplanner.analysis.plans")
    import datetime as dt

    plan = plans.Plan(
        id="PL-0001",
        uscc="91320600MA1MXXXX0X",
        enterprise="南通甲机械有限公司",
        parcel_ids=("P000001", "P000004"),
        milestones=(plans.Milestone("签订收回协议", due=dt.date(2025, 6, 30)),),
        target_date=dt.date(2025, 12, 31),
        mu_to_free=12.5,
        notes="工业上楼",
    )
    project = _project()
    project.plans = [plan]
    save_project(project, tmp_path / "p.gpkg")
    back = open_project(tmp_path / "p.gpkg")
    assert back.plans == [plan]
    row = pyogrio.read_dataframe(tmp_path / "p.gpkg", layer="lp_plans", read_geometry=False)
    assert row["status"].tolist() == [plan.status]
    assert json.loads(row["parcel_ids"].iloc[0]) == ["P000001", "P000004"]


def test_a_non_standard_crs_survives(tmp_path):
    # CGCS2000 3° GK CM 120E as an ESRI .prj writes it: no EPSG code anywhere.
    wkt = (
        'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_CGCS_2000",DATUM["D_2000",'
        'SPHEROID["S_2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
        'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],'
        'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
        'PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],'
        'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    )
    crs = CRS.from_wkt(wkt)
    parcels = gpd.GeoDataFrame({"parcel_id": ["a"]}, geometry=[SQUARE], crs=crs)
    save_project(Project(parcels=parcels), tmp_path / "p.gpkg")
    back = open_project(tmp_path / "p.gpkg").parcels
    assert back.crs == crs
    assert_geodataframe_equal(back, parcels)
