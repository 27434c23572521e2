"""Geometry cleaning: repairs reported per feature, holes kept, Z dropped, non-polygons refused.

Expected areas are worked out by hand from the coordinates.
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from landplanner.problems import InputError
from landplanner.sources import load_parcels
from landplanner.sources.geometry import clean_polygons, parse_wkb

BOWTIE = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])  # two 25 m² triangles
SQUARE_WITH_HOLE = shapely.Polygon(
    [(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]]
)  # 10000 - 400 = 9600 m²


def _shp(path: Path, geoms, **columns) -> Path:
    gdf = gpd.GeoDataFrame(
        {"ID": list(range(len(geoms))), **columns}, geometry=list(geoms), crs=4549
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, path)
    return path


def test_bowtie_is_repaired_and_reported_for_its_feature(tmp_path):
    r = load_parcels(_shp(tmp_path / "p.shp", [shapely.box(0, 0, 1, 1), BOWTIE]))
    (problem,) = r.report.problems_with("invalid_repaired")
    assert problem.feature == 1 and "Self-intersection" in problem.message_en
    fixed = r.gdf.geometry.iloc[1]
    assert fixed.is_valid and fixed.geom_type in ("Polygon", "MultiPolygon")
    assert fixed.area == pytest.approx(50.0)


def test_holes_are_kept(tmp_path):
    r = load_parcels(_shp(tmp_path / "p.shp", [SQUARE_WITH_HOLE]))
    g = r.gdf.geometry.iloc[0]
    assert len(g.interiors) == 1 and g.area == pytest.approx(9600.0)
    assert r.report.problems_with("invalid_repaired") == []


def test_null_geometry_is_kept_and_reported(tmp_path):
    r = load_parcels(
        _shp(tmp_path / "p.shp", [shapely.box(0, 0, 1, 1), None, shapely.box(2, 0, 3, 1)])
    )
    assert r.report.features == 3
    assert [p.feature for p in r.report.problems_with("null_geometry")] == [1]
    assert r.gdf.geometry.iloc[1] is None


def test_polygon_z_becomes_2d(tmp_path):
    poly_z = shapely.Polygon([(0, 0, 5), (10, 0, 5), (10, 10, 6), (0, 0, 5)])
    r = load_parcels(_shp(tmp_path / "p.shp", [poly_z]))
    assert "z_dropped" in [p.code for p in r.report.problems]
    g = r.gdf.geometry.iloc[0]
    assert not g.has_z and g.area == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("geom", "name"),
    [(shapely.Point(1, 2), "Point"), (shapely.LineString([(0, 0), (1, 1)]), "LineString")],
)
def test_points_and_lines_are_refused(tmp_path, geom, name):
    with pytest.raises(InputError) as info:
        load_parcels(_shp(tmp_path / "p.shp", [geom, geom]))
    assert info.value.problem.code == "not_polygons"
    assert "Polygons expected, found" in info.value.problem.message_en
    assert name in info.value.problem.message_en


def test_mixed_geojson_with_a_point_is_refused(tmp_path):
    path = tmp_path / "mixed.geojson"
    gdf = gpd.GeoDataFrame(
        {"ID": [1, 2]}, geometry=[shapely.box(0, 0, 1, 1), shapely.Point(5, 5)], crs=4326
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, path, driver="GeoJSON")
    with pytest.raises(InputError) as info:
        load_parcels(path)
    assert "Point (1)" in info.value.problem.message_en


def test_empty_polygon_layer(tmp_path):
    path = tmp_path / "empty.gpkg"
    gdf = gpd.GeoDataFrame({"ID": []}, geometry=gpd.GeoSeries([], crs=4549))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, path, geometry_type="Polygon")
    r = load_parcels(path)
    assert r.report.features == 0 and len(r.gdf) == 0
    (problem,) = r.report.problems_with("empty_layer")
    assert problem.severity == "info"


def _wkb_polygon(ring) -> bytes:
    """Little-endian WKB Polygon with one ring, written by hand (so it may be unclosed)."""
    out = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    return out + b"".join(struct.pack("<dd", x, y) for x, y in ring)


def test_unclosed_ring_is_closed_and_reported():
    open_ring = [(0, 0), (4, 0), (4, 3), (0, 3)]  # last point missing: 12 m² once closed
    wkb = np.array(
        [_wkb_polygon(open_ring + [(0, 0)]), _wkb_polygon(open_ring), None], dtype=object
    )
    geoms, problems = parse_wkb(wkb)
    assert [(p.code, p.feature) for p in problems] == [("ring_unclosed_fixed", 1)]
    assert geoms[1].area == pytest.approx(12.0) and geoms[2] is None


def test_tin_wkb_is_refused_as_multipatch():
    tin = struct.pack("<BII", 1, 16, 0)  # an empty TIN: WKB type 16
    with pytest.raises(InputError) as info:
        parse_wkb(np.array([tin], dtype=object))
    assert info.value.problem.code == "not_polygons"
    assert "TIN" in info.value.problem.message_en


def test_collection_keeps_only_its_polygons():
    gc = shapely.GeometryCollection([shapely.box(0, 0, 2, 2), shapely.LineString([(5, 5), (6, 6)])])
    geoms, gtype, problems = clean_polygons(np.array([gc], dtype=object))
    assert geoms[0].equals(shapely.box(0, 0, 2, 2))
    assert [p.code for p in problems] == ["non_polygon_parts_dropped"]


def test_validity_work_is_limited_to_invalid_rows():
    # 20,000 valid squares and 3 bow-ties: exactly the three are reported, in order.
    geoms = np.array([shapely.box(i, 0, i + 1, 1) for i in range(20_000)], dtype=object)
    for i in (5, 9_999, 19_999):
        geoms[i] = shapely.affinity.translate(BOWTIE, xoff=i * 100)
    out, gtype, problems = clean_polygons(geoms)
    (repaired,) = [p for p in problems if p.code == "invalid_repaired"]  # one record (columnar)
    assert repaired.rows.tolist() == [5, 9_999, 19_999] and repaired.count == 3
    assert "3 parcels" in repaired.message_en and "#6, #10000, #20000" in repaired.message_en
    assert shapely.is_valid(out).all()
    assert shapely.area(out).sum() == pytest.approx(19_997 + 3 * 50.0)
