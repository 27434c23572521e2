"""The sample dataset: reproducible, and with the properties the README promises.

Every property is measured here with plain shapely/pyproj/openpyxl, not with landplanner's
own area, park or field code.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pyproj
import pytest
import shapely

from landplanner import uscc

SAMPLE = Path(__file__).resolve().parents[1] / "sample_parcels"
M2_PER_MU = 10000 / 15
PARK_NAMES = ["港闸经济开发区", "市北高新技术产业开发区", "崇川经济开发区"]
CANDIDATE = {"闲置", "低效", "征而未供", "批而未供"}
FILES = [
    "parks.shp", "parks.shx", "parks.dbf", "parks.prj", "parks.cpg",
    "parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg",
    "indicators_2025.xlsx", "indicators_2024.xlsx",
]  # fmt: skip


def _generator():
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    _generator().generate(out)
    return out


@pytest.fixture(scope="module")
def parcels(generated):
    return pyogrio.read_dataframe(generated / "parcels.shp", encoding="GBK")


@pytest.fixture(scope="module")
def park_layer(generated):
    return pyogrio.read_dataframe(generated / "parks.shp", encoding="GBK")


def test_generation_is_byte_identical(generated, tmp_path):
    _generator().generate(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes(), name


def test_committed_files_come_from_the_generator(generated):
    # Compared by content: a different GDAL may lay out bytes differently.
    for layer in ("parcels.shp", "parks.shp"):
        ours = pyogrio.read_dataframe(SAMPLE / layer, encoding="GBK")
        fresh = pyogrio.read_dataframe(generated / layer, encoding="GBK")
        pd.testing.assert_frame_equal(ours.drop(columns="geometry"), fresh.drop(columns="geometry"))
        assert (shapely.to_wkb(ours.geometry.values) == shapely.to_wkb(fresh.geometry.values)).all()
    for book in ("indicators_2025.xlsx", "indicators_2024.xlsx"):
        pd.testing.assert_frame_equal(pd.read_excel(SAMPLE / book), pd.read_excel(generated / book))
    total = sum((SAMPLE / name).stat().st_size for name in FILES)
    assert total < 5 * 1024 * 1024


def test_crs_is_cgcs2000_gk_cm120(generated):
    for layer in ("parcels", "parks"):
        wkt = (generated / f"{layer}.prj").read_text()
        assert wkt.startswith('PROJCS["CGCS2000_3_Degree_GK_CM_120E"')
        assert pyproj.CRS(wkt).to_epsg() == 4549


def test_dbf_is_gbk_with_cpg(generated, parcels):
    assert (generated / "parcels.cpg").read_text() == "GBK"
    raw = (generated / "parcels.dbf").read_bytes()
    assert raw[29] == 0x4D  # language driver: code page 936
    assert "地块编号".encode("gbk") in raw[:400]  # field names are GBK too
    assert "南通".encode("gbk") in raw
    with pytest.raises(UnicodeDecodeError):
        raw[32:].decode("utf-8")
    assert list(parcels.columns[:10]) == [
        "地块编号", "企业名称", "信用代码", "园区", "地块类型", "土地用途", "用地面积", "容积率",
        "供地日期", "约定动工",
    ]  # fmt: skip
    assert parcels["企业名称"].dropna().str.endswith("公司").all()


def test_parks(park_layer):
    assert park_layer["园区名称"].tolist() == PARK_NAMES
    km2 = shapely.area(park_layer.geometry.values) / 1e6
    assert ((km2 >= 15) & (km2 <= 40)).all()
    assert abs(km2[0] - 40) < 3  # 港闸: about 40 km²
    to_lonlat = pyproj.Transformer.from_crs(4549, 4490, always_xy=True)
    geod = pyproj.Geod(ellps="GRS80")
    for i, (lon, lat) in enumerate([(120.80, 32.04), (120.84, 32.09)]):
        c = park_layer.geometry.values[i].centroid
        clon, clat = to_lonlat.transform(c.x, c.y)
        assert geod.inv(lon, lat, clon, clat)[2] < 2000  # centroid within 2 km of DOMAIN's centre
    g = park_layer.geometry.values
    for i in range(3):
        assert g[i].is_valid
        for j in range(i + 1, 3):
            assert not g[i].intersects(g[j])


def test_parcels_geometry_and_areas(parcels, park_layer):
    g = parcels.geometry.values
    assert 1000 <= len(g) <= 3000
    assert shapely.is_valid(g).all()
    assert (shapely.get_type_id(g) == 3).all()  # Polygon
    mu = shapely.area(g) / M2_PER_MU
    assert mu.min() >= 2 and mu.max() <= 200
    # Not a rectangle grid: many parcels have a corner angle off 90° by more than 2°.
    off = 0
    for poly in g[:300]:
        xy = np.asarray(poly.exterior.coords)[:-1]
        a, b = np.roll(xy, 1, axis=0) - xy, np.roll(xy, -1, axis=0) - xy
        cos = (a * b).sum(1) / np.hypot(*a.T) / np.hypot(*b.T)
        off += bool((np.abs(cos) > np.sin(np.radians(2))).any())
    assert off > 100
    tree = shapely.STRtree(g)
    left, right = tree.query(g, predicate="intersects")
    keep = left < right
    overlap = shapely.area(shapely.intersection(g[left[keep]], g[right[keep]]))
    assert overlap.max() < 1e-3  # m²: neighbours share edges, never area
    inside = np.zeros(len(g), dtype=bool)
    for park in park_layer.geometry.values:
        inside |= shapely.within(g, park.buffer(0.01))
    assert inside.all()


def test_attributes(parcels):
    assert parcels["地块编号"].is_unique
    assert set(parcels["地块类型"]) == CANDIDATE | {"正常"}
    unsupplied = parcels["地块类型"].isin(["征而未供", "批而未供"])
    assert parcels.loc[unsupplied, "企业名称"].isna().all()
    assert parcels.loc[unsupplied, "供地日期"].isna().all()
    held = parcels.loc[~unsupplied]
    assert held["企业名称"].notna().all() and held["供地日期"].notna().all()
    assert (held["约定动工"] > held["供地日期"]).all()
    idle = parcels["地块类型"] == "闲置"
    assert (parcels.loc[idle, "约定动工"] <= pd.Timestamp("2024-06-30")).all()
    codes = held["信用代码"]
    assert codes.map(uscc.is_valid).all()
    assert codes.str.len().eq(18).all()
    assert codes.value_counts().max() > 1  # some enterprises hold several parcels
    assert held.groupby("信用代码")["企业名称"].nunique().max() == 1
    ratio = parcels.loc[parcels["地块类型"] == "低效", "容积率"]
    assert (ratio < 1.0).all()
    # Declared areas: close to the drawing, a few more than 1 % off.
    computed = shapely.area(parcels.geometry.values) / M2_PER_MU
    rel = np.abs(parcels["用地面积"].to_numpy() - computed) / computed
    assert 0.005 * len(rel) < (rel > 0.01).sum() < 0.08 * len(rel)
    assert np.median(rel) < 0.003
    assert set(parcels["园区"].dropna()) >= set(PARK_NAMES)


def test_each_park_has_over_800_mu_of_candidate_land(parcels, park_layer):
    g = parcels.geometry.values
    mu = shapely.area(g) / M2_PER_MU
    candidate = parcels["地块类型"].isin(CANDIDATE).to_numpy()
    for name, park in zip(park_layer["园区名称"], park_layer.geometry.values, strict=True):
        in_park = shapely.within(g, park.buffer(0.01))
        assert mu[in_park & candidate].sum() > 800, name


@pytest.mark.parametrize("year", [2025, 2024])
def test_indicator_workbooks(generated, parcels, year):
    table = pd.read_excel(generated / f"indicators_{year}.xlsx", dtype={"统一社会信用代码": str})
    assert list(table.columns) == [
        "统一社会信用代码", "企业名称", "企业规模", "用地面积(亩)", "税收(万元)", "应税销售(万元)",
        "工业增加值(万元)", "综合能耗(吨标煤)", "主要污染物排放量(吨)", "年平均职工人数",
        "研发经费支出(万元)", "主营业务收入(万元)", "用电量(万千瓦时)", "安全事故", "环境违法",
    ]  # fmt: skip
    held = parcels.dropna(subset=["信用代码"])
    assert set(table["统一社会信用代码"]) == set(held["信用代码"])
    assert table["统一社会信用代码"].is_unique
    land = held.groupby("信用代码")["用地面积"].sum()
    assert np.allclose(
        table.set_index("统一社会信用代码")["用地面积(亩)"],
        land.loc[table["统一社会信用代码"]],
        atol=0.011,
    )
    assert set(table["企业规模"]) == {"规上", "规下"}
    assert set(table["安全事故"]) == {"是", "否"} and set(table["环境违法"]) <= {"是", "否"}
    assert 0 < (table[["安全事故", "环境违法"]] == "是").any(axis=1).sum() < 0.05 * len(table)
    assert 0 < table.isna().any(axis=1).sum() < 0.15 * len(table)  # a few gaps
    tax_per_mu = table["税收(万元)"] / table["用地面积(亩)"]
    assert (tax_per_mu < 1).sum() > 10 and (tax_per_mu > 10).sum() > 10  # low and high performers
