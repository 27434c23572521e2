"""Area in mu against independent calculations (hand-computed rectangles, pyproj.Geod)."""

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
from shapely.geometry import Polygon, box

from landplanner import area

M2_PER_MU = 10000 / 15


def _rel(a, b):
    return abs(a - b) / b


def test_rectangle_in_gk_is_exact():
    # 100 m x 200 m = 20 000 m2 = 20 000 * 15 / 10 000 = 30 mu exactly.
    gdf = gpd.GeoDataFrame(geometry=[box(500000, 3540000, 500100, 3540200)], crs=4549)
    mu, problems = area.area_mu(gdf)
    assert mu.iloc[0] == pytest.approx(30.0, abs=1e-9)
    assert problems == []


def test_zone_prefixed_gk_and_holes():
    # EPSG:4528 has the zone number 40 prefixed to x; a 10 m x 10 m hole removes 0.15 mu.
    outer = [(40500000, 3540000), (40500300, 3540000), (40500300, 3540100), (40500000, 3540100)]
    hole = [(40500010, 3540010), (40500020, 3540010), (40500020, 3540020), (40500010, 3540020)]
    gdf = gpd.GeoDataFrame(geometry=[Polygon(outer, [hole])], crs=4528)
    mu, _ = area.area_mu(gdf)
    assert mu.iloc[0] == pytest.approx((30000 - 100) * 15 / 10000, abs=1e-9)


def test_feet_units_are_converted():
    # EPSG:2264 (NC State Plane, US survey feet, Lambert conformal) is reprojected; a
    # 1000 ft square is 92 903.4 m2 (1 US ft = 1200/3937 m) -> 139.355 mu.
    crs = pyproj.CRS.from_epsg(2264)
    gdf = gpd.GeoDataFrame(geometry=[box(2000000, 600000, 2001000, 601000)], crs=crs)
    lonlat = gdf.to_crs(4326).geometry.iloc[0]
    geod_m2 = abs(pyproj.Geod(ellps="GRS80").geometry_area_perimeter(lonlat)[0])
    mu, problems = area.area_mu(gdf)
    assert _rel(mu.iloc[0], geod_m2 / M2_PER_MU) < 5e-4
    assert [p.code for p in problems] == ["area_reprojected"]


def _lonlat_parcels():
    # Irregular parcels near Nantong (lon 120.78-120.86, lat 32.03-32.10).
    rng = np.random.default_rng(7)
    polys = []
    for _ in range(20):
        lon0, lat0 = 120.78 + rng.random() * 0.08, 32.03 + rng.random() * 0.07
        n = 7
        ang = np.sort(rng.random(n)) * 2 * math.pi
        rad = 0.001 + rng.random(n) * 0.003
        polys.append(Polygon(zip(lon0 + rad * np.cos(ang), lat0 + rad * np.sin(ang), strict=True)))
    return polys


@pytest.mark.parametrize("epsg", [4490, 4326])
def test_geographic_within_0_05_percent_of_geodesic(epsg):
    polys = _lonlat_parcels()
    gdf = gpd.GeoDataFrame(geometry=polys, crs=epsg)
    mu, problems = area.area_mu(gdf)
    geod = pyproj.Geod(ellps="GRS80")  # CGCS2000 and WGS84 ellipsoids differ by < 0.1 mm
    for poly, got in zip(polys, mu, strict=True):
        expected = abs(geod.geometry_area_perimeter(poly)[0]) / M2_PER_MU
        assert _rel(got, expected) < 5e-4
    assert problems == []


def test_geographic_cgcs2000_uses_epsg_4549_zone():
    assert area.gk_zone_crs(pyproj.CRS.from_epsg(4490), 120.8).to_epsg() == 4549
    assert area.gk_zone_crs(pyproj.CRS.from_epsg(4490), 121.6).to_epsg() == 4550
    assert area.gk_zone_crs(pyproj.CRS.from_epsg(4490), 75.2).to_epsg() == 4534
    xian = area.gk_zone_crs(pyproj.CRS.from_epsg(4610), 120.8)
    assert xian.geodetic_crs.datum.name == pyproj.CRS.from_epsg(4610).datum.name
    params = {p.name: p.value for p in xian.coordinate_operation.params}
    assert params["Longitude of natural origin"] == 120


def test_esri_named_cgcs2000_is_recognised():
    wkt = (
        'GEOGCS["GCS_CGCS_2000",DATUM["D_2000",SPHEROID["S_2000",6378137.0,298.257222101]],'
        'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    )
    assert area.gk_zone_crs(pyproj.CRS(wkt), 120.8).to_epsg() == 4549


def test_web_mercator_is_reprojected_not_taken_planar():
    poly = _lonlat_parcels()[0]
    gdf = gpd.GeoDataFrame(geometry=[poly], crs=4326).to_crs(3857)
    mu, problems = area.area_mu(gdf)
    expected = abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(poly)[0]) / M2_PER_MU
    assert _rel(mu.iloc[0], expected) < 5e-4
    assert problems[0].code == "area_reprojected"


def test_unknown_crs_gives_nan_not_square_degrees():
    gdf = gpd.GeoDataFrame(geometry=[box(120.8, 32.0, 120.81, 32.01)])
    mu, problems = area.area_mu(gdf)
    assert mu.isna().all()
    assert problems[0].code == "area_crs_unknown"


def test_projected_coordinates_labelled_as_degrees_give_nan():
    gdf = gpd.GeoDataFrame(geometry=[box(500000, 3540000, 500100, 3540200)], crs=4490)
    mu, problems = area.area_mu(gdf)
    assert mu.isna().all()
    assert problems[0].code == "area_coords_not_degrees"


def test_several_zones_each_measured_in_its_own():
    polys = [box(117.0, 32.0, 117.01, 32.01), box(123.5, 32.0, 123.51, 32.01)]
    gdf = gpd.GeoDataFrame(geometry=polys, crs=4490)
    mu, problems = area.area_mu(gdf)
    geod = pyproj.Geod(ellps="GRS80")
    for poly, got in zip(polys, mu, strict=True):
        assert _rel(got, abs(geod.geometry_area_perimeter(poly)[0]) / M2_PER_MU) < 5e-4
    assert [p.code for p in problems] == ["area_several_zones"]


def test_missing_and_empty_geometries_are_nan():
    gdf = gpd.GeoDataFrame(geometry=[None, Polygon(), box(0, 0, 10, 10)], crs=4549)
    mu, _ = area.area_mu(gdf)
    assert math.isnan(mu.iloc[0])
    assert math.isnan(mu.iloc[1])  # an empty geometry has no area (NaN, not 0)
    assert mu.iloc[2] == pytest.approx(100 * 15 / 10000)
    # the same in a geographic and in a reprojected CRS
    for crs, poly in ((4490, box(120.8, 32.0, 120.81, 32.01)),
                      (3857, box(13447000, 3763000, 13447100, 3763100))):
        got, _ = area.area_mu(gpd.GeoDataFrame(geometry=[Polygon(), poly, None], crs=crs))
        assert math.isnan(got.iloc[0]) and got.iloc[1] > 0 and math.isnan(got.iloc[2])


def test_declared_vs_computed_flags_over_one_percent():
    gdf = pd.DataFrame(
        {
            "declared_mu": [30.0, 30.29, 30.31, np.nan, 5.0],
            "area_mu": [30.0, 30.0, 30.0, 30.0, np.nan],
        }
    )
    problems = area.declared_vs_computed(gdf)
    assert [p.feature for p in problems] == [2]
    assert problems[0].code == "area_declared_mismatch"
    (grouped,) = area.declared_vs_computed(gdf, tolerance=0.005)
    assert list(grouped.rows) == [1, 2] and grouped.count == 2
