"""Field recognition and conversion to the canonical parcel columns."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from landplanner import fields

CODE_A = "9144030071526726XG"  # real, checked by hand in tests/test_uscc.py
CODE_B = "914403001922038216"


def _squares(n, side=100.0):
    # n squares of side x side metres in CGCS2000 GK CM 120E: side 100 m -> 15 mu each.
    return [
        box(500000 + i * 200, 3540000, 500000 + i * 200 + side, 3540000 + side) for i in range(n)
    ]


@pytest.mark.parametrize(
    "columns, expected",
    [
        (
            [
                "地块编号",
                "企业名称",
                "统一社会信用代码",
                "园区",
                "地块类型",
                "土地用途",
                "用地面积(亩)",
                "容积率",
                "供地日期",
                "约定动工日期",
            ],
            [
                "parcel_id",
                "enterprise",
                "uscc",
                "park",
                "category",
                "land_use",
                "declared_mu",
                "plot_ratio",
                "supply_date",
                "start_date",
            ],
        ),
        (
            ["ZDDM", "QLR", "TYSHXYDM", "YQMC", "PHLX", "DLMC", "ZDMJ", "RJL", "GDRQ", "DGRQ"],
            [
                "parcel_id",
                "enterprise",
                "uscc",
                "park",
                "category",
                "land_use",
                "declared_mu",
                "plot_ratio",
                "supply_date",
                "start_date",
            ],
        ),
        (
            [
                "Parcel_ID",
                " Enterprise ",
                "USCC",
                "park",
                "Category",
                "land use",
                "Area",
                "FAR",
                "supply date",
                "start_date",
            ],
            [
                "parcel_id",
                "enterprise",
                "uscc",
                "park",
                "category",
                "land_use",
                "declared_mu",
                "plot_ratio",
                "supply_date",
                "start_date",
            ],
        ),
        (
            [
                "宗地代码",
                "土地使用权人",
                "信用代码",
                "所属园区",
                "盘活类型",
                "地类",
                "宗地面积",
                "容积率",
                "出让日期",
                "开工日期",
            ],
            [
                "parcel_id",
                "enterprise",
                "uscc",
                "park",
                "category",
                "land_use",
                "declared_mu",
                "plot_ratio",
                "supply_date",
                "start_date",
            ],
        ),
        (
            ["DKBH", "QYMC", "XYDM", "YQ", "LX", "TDYT", "YDMJ", "RJL"],
            [
                "parcel_id",
                "enterprise",
                "uscc",
                "park",
                "category",
                "land_use",
                "declared_mu",
                "plot_ratio",
            ],
        ),
    ],
)
def test_names_in_three_languages(columns, expected):
    data = {c: ["闲置"] if c in ("LX", "Category") else ["x"] for c in columns}
    mapping = fields.guess_mapping(pd.DataFrame(data))
    for field, column in zip(expected, columns, strict=True):
        assert mapping[field] == column, field


@pytest.mark.parametrize(
    "name, unit",
    [
        ("面积(亩)", "mu"),
        ("面积（亩）", "mu"),
        ("用地面积_平方米", "m2"),
        ("MJ_M2", "m2"),
        ("面积（公顷）", "ha"),
        ("宗地面积[㎡]", "m2"),
        ("YDMJ(MU)", "mu"),
        ("面积亩", "mu"),
    ],
)
def test_area_unit_from_name(name, unit):
    mapping = fields.guess_mapping(pd.DataFrame({name: [1.0, 2.0]}))
    assert mapping["declared_mu"] == name
    assert mapping["declared_mu_unit"] == unit


def test_area_converted_to_mu():
    # 6666.67 m2 = 10 mu; 2 ha = 30 mu; '12.5亩' = 12.5 mu; '1,000平方米' = 1.5 mu.
    for name, values, expected in [
        ("面积_平方米", [6666.666666666667], 10.0),
        ("面积(公顷)", [2.0], 30.0),
        ("用地面积", ["12.5亩"], 12.5),
        ("用地面积", ["1,000平方米"], 1.5),
    ]:
        df = pd.DataFrame({name: values})
        out = fields.apply_mapping(df, fields.guess_mapping(df))
        assert out["declared_mu"].iloc[0] == pytest.approx(expected)


def test_unitless_area_unit_from_geometry():
    # Squares of 100 m side: 10 000 m2 = 15 mu. A column holding 10000 is m2, 15 is mu.
    for values, unit in (([10000.0] * 3, "m2"), ([15.0] * 3, "mu"), ([1.0] * 3, "ha")):
        gdf = gpd.GeoDataFrame({"MJ": values}, geometry=_squares(3), crs=4549)
        mapping = fields.guess_mapping(gdf)
        assert mapping["declared_mu_unit"] == unit
        out = fields.apply_mapping(gdf, mapping)
        assert out["declared_mu"].tolist() == pytest.approx([15.0] * 3)


def test_values_identify_columns_with_meaningless_names():
    gdf = gpd.GeoDataFrame(
        {
            "F1": [CODE_A, CODE_B, CODE_A],
            "F2": ["闲置", "低效", "正常"],
            "F3": ["崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区"],
            "F4": ["南通甲机械有限公司", "南通乙纺织有限公司", "南通甲机械有限公司"],
            "F5": ["2019-03-01", "2018-05-02", "2020-01-01"],
            "F6": ["2020-03-01", "2019-05-02", "2021-01-01"],
            "F7": [15.0, 15.0, 15.0],
            "F8": [1.2, 0.5, 0.8],
        },
        geometry=_squares(3),
        crs=4549,
    )
    mapping = fields.guess_mapping(gdf)
    assert mapping["uscc"] == "F1"
    assert mapping["category"] == "F2"
    assert mapping["park"] == "F3"
    assert mapping["enterprise"] == "F4"
    assert mapping["supply_date"] == "F5"
    assert mapping["start_date"] == "F6"
    assert mapping["declared_mu"] == "F7"
    assert mapping["plot_ratio"] is None  # numbers alone do not say plot ratio


def test_generic_type_column_needs_category_values():
    df = pd.DataFrame({"类型": ["有限责任公司", "股份有限公司"], "地块类型": ["闲置", "低效"]})
    assert fields.guess_mapping(df)["category"] == "地块类型"
    df = pd.DataFrame({"类型": ["有限责任公司", "股份有限公司"]})
    assert fields.guess_mapping(df)["category"] is None


def test_floor_area_and_shape_area_are_not_land_area():
    df = pd.DataFrame({"建筑面积": [1.0], "Shape_Area": [2.0]})
    assert fields.guess_mapping(df)["declared_mu"] is None


def test_id_column_of_zeros_is_not_parcel_id():
    df = pd.DataFrame({"编号": [0, 0, 0]})
    assert fields.guess_mapping(df)["parcel_id"] is None


@pytest.mark.parametrize(
    "value, tag",
    [
        ("闲置", "idle"),
        ("闲置土地", "idle"),
        ("IDLE", "idle"),
        (" idle ", "idle"),
        ("低效", "low_efficiency"),
        ("低效用地", "low_efficiency"),
        ("Low efficiency", "low_efficiency"),
        ("low_efficiency", "low_efficiency"),
        ("供而未用", "low_efficiency"),
        ("用而不足", "low_efficiency"),
        ("征而未供", "unsupplied"),
        ("批而未供", "unsupplied"),
        ("unsupplied", "unsupplied"),
        ("正常", "other"),
        ("", "other"),
        (None, "other"),
        (float("nan"), "other"),
        ("xyz", "other"),
    ],
)
def test_normalise_category(value, tag):
    assert fields.normalise_category(value) == tag


def test_apply_mapping_types_and_collisions():
    gdf = gpd.GeoDataFrame(
        {
            "DKBH": [101.0, 102.0],
            "QYMC": ["南通甲机械有限公司", None],
            "XYDM": [CODE_A.lower(), "91320602MA1XXXXXX1"],
            "LX": ["闲置", "怪值"],
            "YDMJ": ["15亩", "abc"],
            "GDRQ": ["2020年3月5日", "2020.03.05"],
            "DGRQ": ["20210305", "2021年4月"],
            "park": ["unmapped park column", "x"],
            "备注": ["a", "b"],
        },
        geometry=_squares(2),
        crs=4549,
    )
    mapping = fields.guess_mapping(gdf)
    mapping["park"] = None  # the user says: this 'park' column is not the park
    problems = []
    out = fields.apply_mapping(gdf, mapping, problems)
    assert list(out.columns[:12]) == [f.name for f in fields.CANONICAL_FIELDS]
    assert out["parcel_id"].tolist() == ["101", "102"]
    assert out["uscc"].iloc[0] == CODE_A
    assert out["category"].tolist() == ["idle", "other"]
    assert out["declared_mu"].iloc[0] == 15.0 and np.isnan(out["declared_mu"].iloc[1])
    assert out["supply_date"].tolist() == [pd.Timestamp(2020, 3, 5)] * 2
    assert out["start_date"].tolist() == [pd.Timestamp(2021, 3, 5), pd.Timestamp(2021, 4, 1)]
    assert out["area_mu"].tolist() == pytest.approx([15.0, 15.0])
    assert out["park_src"].tolist() == ["unmapped park column", "x"]
    assert out["park"].isna().all()
    assert out["备注"].tolist() == ["a", "b"]
    assert "QYMC" not in out.columns and out.crs.to_epsg() == 4549
    assert str(out["supply_date"].dtype).startswith("datetime64")
    codes = {(p.code, p.feature) for p in problems}
    assert ("field_uscc_invalid", 1) in codes
    assert ("field_value_unparsed", 1) in codes  # 'abc' area
    assert ("field_date_partial", 1) in codes
    assert any(p.code == "field_category_unknown" for p in problems)
    assert gdf["QYMC"].iloc[0] == "南通甲机械有限公司"  # source untouched


def test_parcel_ids_generated_when_unmapped_and_duplicates_reported():
    gdf = gpd.GeoDataFrame({"x": [1, 2, 3]}, geometry=_squares(3), crs=4549)
    out = fields.apply_mapping(gdf, fields.guess_mapping(gdf))
    assert out["parcel_id"].tolist() == ["P000001", "P000002", "P000003"]
    problems = []
    fields.apply_mapping(
        pd.DataFrame({"地块编号": ["A", "A", None]}), {"parcel_id": "地块编号"}, problems
    )
    assert ("field_parcel_id_duplicate", 1) in {(p.code, p.feature) for p in problems}
    assert ("field_parcel_id_blank", 2) in {(p.code, p.feature) for p in problems}


def test_mapping_is_plain_json():
    import json

    gdf = gpd.GeoDataFrame({"用地面积": [15.0]}, geometry=_squares(1), crs=4549)
    mapping = fields.guess_mapping(gdf)
    assert json.loads(json.dumps(mapping, ensure_ascii=False)) == mapping


def test_missing_mapped_column_is_reported():
    problems = []
    out = fields.apply_mapping(pd.DataFrame({"a": [1]}), {"enterprise": "企业名称"}, problems)
    assert out["enterprise"].isna().all()
    assert "field_mapping_missing_column" in {p.code for p in problems}


def test_declared_area_mismatch_flagged():
    gdf = gpd.GeoDataFrame({"用地面积": [15.0, 15.3]}, geometry=_squares(2), crs=4549)
    problems = []
    fields.apply_mapping(gdf, fields.guess_mapping(gdf), problems)
    assert [p.feature for p in problems if p.code == "area_declared_mismatch"] == [1]


def test_tax_in_yuan_converted():
    df = pd.DataFrame({"税收(元)": [1234567.0]})
    out = fields.apply_mapping(df, fields.guess_mapping(df))
    assert out["tax_wan"].iloc[0] == pytest.approx(123.4567)
