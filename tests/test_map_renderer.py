"""Map renderer: pixels, holes, culling, zoom levels, labels — checked against hand values."""

import numpy as np
import pytest
import shapely

pytest.importorskip("PySide6")
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontMetricsF  # noqa: E402

from landplanner.ui import map_renderer as mr  # noqa: E402
from landplanner.ui.styles import get_style  # noqa: E402


def _gdf():
    import geopandas as gpd

    square_with_hole = shapely.Polygon(
        [(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]])
    other = shapely.box(200, 0, 300, 100)
    far_away = shapely.box(10_000, 10_000, 10_100, 10_100)
    return gpd.GeoDataFrame(
        {"parcel_id": ["A", "B", "C"], "category": ["idle", "unsupplied", "idle"]},
        geometry=[square_with_hole, other, far_away], crs="EPSG:4549")


def _pixel(image, view, x, y) -> QColor:
    px, py = view.to_pixel(x, y)
    return QColor(image.pixel(int(px), int(py)))


def test_parcel_pixels_have_style_colour_and_holes_stay_empty(qapp):
    gdf = _gdf()
    layer = mr.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = mr.MapView(150.0, 50.0, 0.5, 800, 400)  # 0.5 m per pixel: x -50..350, y -50..150
    image = mr.new_layer_image(view)
    assert mr.render_parcels(image, view, layer, sym)
    assert _pixel(image, view, 20, 20).name() == "#fc8d62"  # idle fill (Set2 orange)
    assert _pixel(image, view, 250, 50).name() == "#66c2a5"  # unsupplied fill (Set2 green)
    hole = image.pixelColor(*[int(v) for v in view.to_pixel(50, 50)])
    assert hole.alpha() == 0  # the courtyard is not painted
    outside = image.pixelColor(*[int(v) for v in view.to_pixel(150, 50)])
    assert outside.alpha() == 0


def test_offscreen_chunks_are_culled(qapp, monkeypatch):
    monkeypatch.setattr(mr, "CHUNK_FEATURES", 1)
    gdf = _gdf()
    layer = mr.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = mr.MapView(150.0, 50.0, 0.5, 800, 400)
    mr.render_parcels(mr.new_layer_image(view), view, layer, sym)
    cs = layer.chunks(layer.level(view.res), sym.key, sym.feature_class, len(sym.fills))
    built = {tuple(np.round(cs.chunk_bbox[i]).astype(int)) for i, p in enumerate(cs.paths)
             if p is not None}
    assert (10_000, 10_000, 10_100, 10_100) not in built  # the far parcel never became a path
    assert (0, 0, 100, 100) in built and (200, 0, 300, 100) in built
    assert list(layer.visible(view.extent)) == [0, 1]


def test_tiny_parcels_become_points(qapp):
    gdf = _gdf()
    layer = mr.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    # 200 m per pixel: every 100 m parcel is half a pixel -> drawn as a point at its centre
    view = mr.MapView(5_000.0, 5_000.0, 200.0, 100, 100)
    image = mr.new_layer_image(view)
    mr.render_parcels(image, view, layer, sym)
    assert layer.level(view.res).tiny.all()
    px, py = view.to_pixel(50.0, 50.0)
    assert image.pixelColor(int(px), int(py)).name() == "#fc8d62"


def test_snap_rings_keeps_rings_closed_and_drops_close_vertices():
    coords = np.array([[0, 0], [0.1, 0], [0.2, 0], [10, 0], [10, 10], [0, 10], [0, 0]], float)
    new, off = mr.snap_rings(coords, np.array([0, 7]), tolerance=1.0)
    assert off.tolist() == [0, 5]
    assert new[0].tolist() == [0, 0] and new[-1].tolist() == [0, 0]
    assert new[1].tolist() == [10, 0]


def test_geometry_elements_counts_rings_of_holes_and_parts():
    polys = [shapely.box(0, 0, 1, 1),
             shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]]),
             shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
             None]
    coords, ring_off, feat_ring = mr.geometry_elements(np.array(polys, dtype=object))
    assert feat_ring.tolist() == [0, 1, 3, 5, 5]  # 1 ring, shell + hole, two parts, nothing
    assert np.diff(ring_off).tolist() == [5, 5, 5, 5, 5]
    assert len(coords) == 25


def test_map_view_zoom_keeps_point_under_cursor():
    view = mr.MapView(500_000.0, 3_500_000.0, 10.0, 800, 600)
    before = view.to_map(123, 456)
    after = view.zoomed(2.5, 123, 456)
    assert after.res == pytest.approx(4.0)
    assert after.to_map(123, 456) == pytest.approx(before)


def test_overlapping_labels_only_one_is_placed(qapp):
    metrics = QFontMetricsF(QFont())
    bounds = QRectF(0, 0, 500, 500)
    placed = mr.place_labels([("P000001", 100, 100), ("P000002", 105, 102)], metrics, bounds)
    assert [t for t, _ in placed] == ["P000001"]
    placed = mr.place_labels([("P000001", 100, 100), ("P000002", 300, 300)], metrics, bounds)
    assert len(placed) == 2
    # a label that would stick out of the image is dropped
    assert mr.place_labels([("P000003", 1, 1)], metrics, bounds) == []


def test_stopped_render_reports_incomplete(qapp):
    gdf = _gdf()
    layer = mr.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    stop = mr.StopFlag()
    stop.stop()
    view = mr.MapView(150.0, 50.0, 0.5, 80, 40)
    assert mr.render_parcels(mr.new_layer_image(view), view, layer, sym, stop) is False
