"""The map's measure tool and the parcel table measure with one area function (area.py)."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import geopandas as gpd
import pyproj
import pytest
import shapely
from shapely.geometry import box

from landplanner import area, messages
from landplanner.ui.map_measure import M2_PER_MU, measure_line, measure_polygon

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "parcels.shp"


def _ring(poly) -> list[tuple[float, float]]:
    return list(poly.exterior.coords)[:-1]


def _geodesic_mu(poly, crs) -> float:
    """Independent: pyproj.Geod on the CRS's ellipsoid, after going to its lon/lat."""
    crs = pyproj.CRS.from_user_input(crs)
    to_ll = pyproj.Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    ll = shapely.transform(poly, lambda x, y: to_ll.transform(x, y), interleaved=False)
    return abs(crs.geodetic_crs.get_geod().geometry_area_perimeter(ll)[0]) / M2_PER_MU


@functools.cache
def _sample() -> gpd.GeoDataFrame:
    return gpd.read_file(SAMPLE, rows=40)


def _parcels(n=40) -> gpd.GeoDataFrame:
    gdf = _sample().iloc[:n]
    assert gdf.crs is not None
    return gdf[["geometry"]]


@pytest.mark.parametrize("epsg", [None, 3857, 4490, 4326, 32651])
def test_a_parcel_measures_on_the_map_what_the_table_says(epsg):
    gdf = _parcels()
    if epsg is not None:
        gdf = gdf.to_crs(epsg)
    table, _ = area.area_mu(gdf)  # the table's area_mu column comes from here
    for poly, table_mu in zip(gdf.geometry, table, strict=True):
        poly = poly.geoms[0] if poly.geom_type == "MultiPolygon" else poly
        if len(poly.interiors):
            continue
        tool = measure_polygon(_ring(poly), gdf.crs)
        assert tool.ok and not tool.problem
        assert tool.area_mu == pytest.approx(table_mu, rel=1e-9)
        # and both agree with an independent geodesic calculation to 0.05 %
        assert tool.area_mu == pytest.approx(_geodesic_mu(poly, gdf.crs), rel=5e-4)
        assert tool.length_m == pytest.approx(
            area.length_m([poly.exterior], gdf.crs)[0][0], rel=1e-9)


def test_web_mercator_parcel_is_not_measured_in_the_plane():
    gk = _parcels(1)
    web = gk.to_crs(3857)
    tool = measure_polygon(_ring(web.geometry.iloc[0]), 3857)
    gk_mu = area.area_mu(gk)[0].iloc[0]
    assert tool.area_mu == pytest.approx(gk_mu, rel=1e-3)
    planar = web.geometry.iloc[0].area / M2_PER_MU
    assert planar > 1.3 * gk_mu  # what the old tool reported (scale² at 32° N)
    # lengths too: geodesic on the ellipsoid, not Web Mercator metres
    line = measure_line(_ring(web.geometry.iloc[0])[:2], 3857)
    p, q = _ring(gk.geometry.iloc[0])[:2]
    assert line.length_m == pytest.approx(math.dist(p, q), rel=1e-3)


def test_unknown_crs_gives_a_message_not_mu(monkeypatch):
    monkeypatch.setattr(messages, "_language", "zh")
    pts = [(0, 0), (100, 0), (100, 100), (0, 100)]
    m = measure_polygon(pts, None)
    assert not m.ok and math.isnan(m.area_mu)
    assert m.problem == area.area_m2([box(0, 0, 1, 1)], None)[1][0].message
    assert "坐标系" in m.problem
    assert not measure_line(pts, None).ok


def test_canvas_shows_the_message_for_an_unknown_crs(qtbot, monkeypatch):
    pytest.importorskip("PySide6")
    from landplanner.ui.map_canvas import MapCanvas, ToolMode

    monkeypatch.setattr(messages, "_language", "en")
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.setParcels(gpd.GeoDataFrame({"parcel_id": ["a"]}, geometry=[box(0, 0, 10, 10)]))
    canvas.setToolMode(ToolMode.MEASURE_AREA)
    text = canvas.measurementText([(0, 0), (100, 0), (100, 100)])
    assert "mu" not in text and "亩" not in text and "unknown" in text
    canvas.setParcels(gpd.GeoDataFrame({"parcel_id": ["a"]}, geometry=[box(0, 0, 10, 10)], crs=4549))
    canvas.setToolMode(ToolMode.MEASURE_AREA)
    text = canvas.measurementText([(0, 0), (100, 0), (100, 100)])
    assert "7.50" in text and "5,000.00" in text
