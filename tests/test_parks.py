"""Park of each parcel: attribute kept, else largest overlap; names folded to the settings'."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from landplanner import parks

NAMES = ["崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区"]


@pytest.mark.parametrize(
    "value, name",
    [
        ("崇川开发区", "崇川经济开发区"),
        ("崇川经济开发区", "崇川经济开发区"),
        (" 崇川 经济开发区 ", "崇川经济开发区"),
        ("港闸开发区", "港闸经济开发区"),
        ("市北高新区", "市北高新技术产业开发区"),
        ("南通市北高新区", "市北高新技术产业开发区"),
        ("南通崇川开发区", "崇川经济开发区"),
        ("崇川", "崇川经济开发区"),
        ("苏州工业园区", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_park_name(value, name):
    assert parks.normalise_park_name(value, NAMES) == name


def test_alias_table_wins():
    assert parks.normalise_park_name("北区", NAMES, {"北区": "市北高新技术产业开发区"}) == NAMES[2]


def _layers():
    # Park A: x 0..1000; park B: x 1000..2000 (metres, EPSG:4549 offsets).
    x0, y0 = 500000, 3540000
    park_layer = gpd.GeoDataFrame(
        {"园区名称": ["崇川经济开发区", "港闸经济开发区"]},
        geometry=[box(x0, y0, x0 + 1000, y0 + 1000), box(x0 + 1000, y0, x0 + 2000, y0 + 1000)],
        crs=4549,
        index=[10, 20],  # not a RangeIndex on purpose
    )
    parcels = gpd.GeoDataFrame(
        {"park": ["市北高新区", None, None, None, "崇川开发区"]},
        geometry=[
            box(x0 + 100, y0 + 100, x0 + 200, y0 + 200),  # in A, but the attribute says 市北
            box(x0 + 900, y0 + 100, x0 + 1300, y0 + 200),  # 100 m in A, 300 m in B -> B
            box(x0 + 700, y0 + 100, x0 + 1100, y0 + 200),  # 300 m in A, 100 m in B -> A
            box(x0 + 5000, y0, x0 + 5100, y0 + 100),  # outside
            box(x0 + 1500, y0 + 100, x0 + 1600, y0 + 200),  # attribute kept (normalised)
        ],
        crs=4549,
    )
    return parcels, park_layer


def test_attribute_kept_else_largest_overlap():
    parcels, park_layer = _layers()
    result, problems = parks.assign_parks(parcels, park_layer, names=NAMES)
    assert result.tolist()[:3] == ["市北高新技术产业开发区", "港闸经济开发区", "崇川经济开发区"]
    assert pd.isna(result.iloc[3])
    assert result.iloc[4] == "崇川经济开发区"
    assert [p.feature for p in problems if p.code == "park_outside"] == [3]
    assert {p.code for p in problems} >= {"park_outside", "park_name_normalised"}


def test_park_layer_in_another_crs_is_reprojected():
    parcels, park_layer = _layers()
    result, _ = parks.assign_parks(parcels, park_layer.to_crs(4490))
    assert result.iloc[1] == "港闸经济开发区"
    assert result.iloc[2] == "崇川经济开发区"


def test_unknown_attribute_name_reported():
    parcels, park_layer = _layers()
    parcels.loc[0, "park"] = "苏州工业园区"
    result, problems = parks.assign_parks(parcels, park_layer, names=NAMES)
    assert result.iloc[0] == "苏州工业园区"
    assert "park_name_unknown" in {p.code for p in problems}


def test_without_park_layer_attributes_only():
    parcels, _ = _layers()
    result, problems = parks.assign_parks(parcels, None, names=NAMES)
    assert result.isna().sum() == 3
    assert not any(p.code == "park_outside" for p in problems)


def test_no_crs_reported():
    parcels, park_layer = _layers()
    parcels = parcels.set_crs(None, allow_override=True)
    _, problems = parks.assign_parks(parcels, park_layer)
    assert "park_crs_missing" in {p.code for p in problems}
