"""Map renderer (landplanner.render): pixels, holes, culling, zoom levels, labels, devices."""

import numpy as np
import pytest
import shapely

pytest.importorskip("PySide6")
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontMetricsF  # noqa: E402

from landplanner.render import context as rc  # noqa: E402
from landplanner.render import draw as rd  # noqa: E402
from landplanner.render import geometry as rg  # noqa: E402
from landplanner.render import worker as rw  # noqa: E402
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


def _render(view, layer, sym, stop=None):
    """A transparent image of ``view`` with the parcels drawn (None when stopped)."""
    return rw.paint_image(view, lambda p, ctx: rd.draw_parcels(p, ctx, layer, sym), stop)


def _pixel(image, view, x, y) -> QColor:
    px, py = view.to_pixel(x, y)
    return QColor(image.pixel(int(px), int(py)))


def test_parcel_pixels_have_style_colour_and_holes_stay_empty(qapp):
    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = rc.MapView(150.0, 50.0, 0.5, 800, 400)  # 0.5 m per pixel: x -50..350, y -50..150
    image = _render(view, layer, sym)
    assert image is not None
    assert _pixel(image, view, 20, 20).name() == "#fc8d62"  # idle fill (Set2 orange)
    assert _pixel(image, view, 250, 50).name() == "#66c2a5"  # unsupplied fill (Set2 green)
    hole = image.pixelColor(*[int(v) for v in view.to_pixel(50, 50)])
    assert hole.alpha() == 0  # the courtyard is not painted
    outside = image.pixelColor(*[int(v) for v in view.to_pixel(150, 50)])
    assert outside.alpha() == 0


def test_offscreen_chunks_are_culled(qapp, monkeypatch):
    monkeypatch.setattr(rg, "CHUNK_FEATURES", 1)
    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = rc.MapView(150.0, 50.0, 0.5, 800, 400)
    _render(view, layer, sym)
    cs = layer.chunks(layer.level(view.res), sym.feature_class, len(sym.fills))
    built = {tuple(np.round(cs.chunk_bbox[i]).astype(int)) for i, p in enumerate(cs.paths)
             if p is not None}
    assert (10_000, 10_000, 10_100, 10_100) not in built  # the far parcel never became a path
    assert (0, 0, 100, 100) in built and (200, 0, 300, 100) in built
    assert list(layer.visible(view.extent)) == [0, 1]


def test_tiny_parcels_become_points(qapp):
    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    # 200 m per pixel: every 100 m parcel is half a pixel -> drawn as a point at its centre
    view = rc.MapView(5_000.0, 5_000.0, 200.0, 100, 100)
    image = _render(view, layer, sym)
    assert layer.level(view.res).tiny.all()
    px, py = view.to_pixel(50.0, 50.0)
    assert image.pixelColor(int(px), int(py)).name() == "#fc8d62"


def test_a_level_asked_for_by_two_threads_at_once_is_built_once(monkeypatch):
    import threading

    layer = rg.LayerGeometry(_gdf().geometry.to_numpy())
    started, go, builds = threading.Event(), threading.Event(), []
    real = layer._build_level

    def slow_build(key):  # the first builder is held until the second thread has asked
        builds.append(key)
        started.set()
        assert go.wait(5)
        return real(key)

    monkeypatch.setattr(layer, "_build_level", slow_build)
    results = {}
    first = threading.Thread(target=lambda: results.setdefault("a", layer.level(200.0)))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: results.setdefault("b", layer.level(200.0)))
    second.start()
    second.join(0.2)
    assert second.is_alive()  # waits for the level being built, builds no second copy
    go.set()
    first.join(5)
    second.join(5)
    assert len(builds) == 1 and results["a"] is results["b"]
    assert layer.level(200.0) is results["a"]  # and it is cached


def test_chunks_are_kept_by_the_classes_they_are_cut_from():
    layer = rg.LayerGeometry(_gdf().geometry.to_numpy())
    lv = layer.level(1.0)
    first = layer.chunks(lv, np.array([0, 1, 0]), 2)
    assert layer.chunks(lv, [0, 1, 0], 2) is first  # same classes, any spelling: same chunks
    other = layer.chunks(lv, np.array([0, -1, 0]), 2)  # a class hidden: cut again
    assert other is not first and 1 not in other.chunk_class.tolist()
    assert layer.chunks(lv, np.array([0, 1, 0]), 3) is not first  # other number of classes


def test_a_level_that_failed_to_build_is_tried_again(monkeypatch):
    layer = rg.LayerGeometry(_gdf().geometry.to_numpy())
    real, calls = layer._build_level, []

    def failing_once(key):
        calls.append(key)
        if len(calls) == 1:
            raise MemoryError("no room for this level")
        return real(key)

    monkeypatch.setattr(layer, "_build_level", failing_once)
    with pytest.raises(MemoryError):
        layer.level(200.0)
    assert layer.level(200.0).tiny.all() and len(calls) == 2


def test_snap_rings_keeps_rings_closed_and_drops_close_vertices():
    coords = np.array([[0, 0], [0.1, 0], [0.2, 0], [10, 0], [10, 10], [0, 10], [0, 0]], float)
    new, off = rg.snap_rings(coords, np.array([0, 7]), tolerance=1.0)
    assert off.tolist() == [0, 5]
    assert new[0].tolist() == [0, 0] and new[-1].tolist() == [0, 0]
    assert new[1].tolist() == [10, 0]


def test_geometry_elements_counts_rings_of_holes_and_parts():
    polys = [shapely.box(0, 0, 1, 1),
             shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]]),
             shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
             None]
    coords, ring_off, feat_ring = rg.geometry_elements(np.array(polys, dtype=object))
    assert feat_ring.tolist() == [0, 1, 3, 5, 5]  # 1 ring, shell + hole, two parts, nothing
    assert np.diff(ring_off).tolist() == [5, 5, 5, 5, 5]
    assert len(coords) == 25


def test_map_view_zoom_keeps_point_under_cursor():
    view = rc.MapView(500_000.0, 3_500_000.0, 10.0, 800, 600)
    before = view.to_map(123, 456)
    after = view.zoomed(2.5, 123, 456)
    assert after.res == pytest.approx(4.0)
    assert after.to_map(123, 456) == pytest.approx(before)


def test_overlapping_labels_only_one_is_placed(qapp):
    metrics = QFontMetricsF(QFont())
    bounds = QRectF(0, 0, 500, 500)
    placed = rd.place_labels([("P000001", 100, 100), ("P000002", 105, 102)], metrics, bounds)
    assert [t for t, _ in placed] == ["P000001"]
    placed = rd.place_labels([("P000001", 100, 100), ("P000002", 300, 300)], metrics, bounds)
    assert len(placed) == 2
    # a label that would stick out of the image is dropped
    assert rd.place_labels([("P000003", 1, 1)], metrics, bounds) == []


def test_stopped_render_reports_incomplete(qapp):
    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    stop = rc.StopFlag()
    stop.stop()
    view = rc.MapView(150.0, 50.0, 0.5, 80, 40)
    assert _render(view, layer, sym, stop) is None


def test_draw_combines_with_the_callers_transform(qapp):
    """A frame translated into a bigger page: the parcel lands where the frame is."""
    from PySide6.QtGui import QImage, QPainter

    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = rc.MapView(150.0, 50.0, 0.5, 800, 400)
    page = QImage(1000, 600, QImage.Format.Format_ARGB32_Premultiplied)
    page.fill(0)
    painter = QPainter(page)
    painter.translate(100, 150)
    assert rd.draw_parcels(painter, rc.RenderContext(view), layer, sym)
    painter.end()
    px, py = view.to_pixel(20, 20)
    assert page.pixelColor(int(px) + 100, int(py) + 150).name() == "#fc8d62"
    assert page.pixelColor(int(px), int(py)).alpha() == 0  # not at the untranslated spot


def test_one_painter_on_a_pdf_keeps_every_layer(qapp, tmp_path):
    """Parcels and overlay drawn with the caller's one painter: the PDF holds both."""
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    out = tmp_path / "two_layers.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = QPainter(writer)
    view = rc.MapView(150.0, 50.0, 0.5, 800, 400)
    ctx = rc.RenderContext(view, dpi=300)
    parks = rd.ParkLayer(["东区"], rg.LayerGeometry([shapely.box(-10, -10, 320, 110)]))
    assert rd.draw_parcels(painter, ctx, layer, sym, fill_and_stroke=True)
    from landplanner.render.text import print_font

    assert rd.draw_overlay(painter, ctx, layer, ["A", "B", "C"], parks, {"东区": (5, 10)},
                           print_font(9))
    painter.end()
    import pypdf

    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    assert "东区" in reader.pages[0].extract_text()
    content = reader.pages[0].get_contents().get_data()
    assert b" f" in content or b"f*" in content or b" B" in content  # filled vector paths


def test_line_widths_follow_the_dpi(qapp):
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    ctx = rc.RenderContext(rc.MapView(0, 0, 1, 10, 10), dpi=300)
    pen = rd.line_pen(painter, ctx, QColor("black"), 0.254)
    assert pen.widthF() == pytest.approx(3.0)  # 0.254 mm at 300 dpi = 3 device units
    painter.scale(2, 2)
    assert rd.line_pen(painter, ctx, QColor("black"), 0.254).widthF() == pytest.approx(6.0)
    painter.end()


def test_device_elements_round_and_drop_redundant_vertices():
    from PySide6.QtGui import QTransform

    ring = [(0, 0), (10, 0), (10.05, 0.1), (10, 10), (0, 10), (0, 0)]
    elems = np.zeros(len(ring), dtype=rg._ELEM_DTYPE)
    elems["c"] = [0, 1, 1, 1, 1, 1]
    elems["x"] = [p[0] for p in ring]
    elems["y"] = [p[1] for p in ring]
    t = QTransform(1, 0, 0, -1, 5.4, 20.0)  # flip y, move by a fraction
    filled = rd.device_elements(elems, t)
    assert filled["x"].tolist() == [5, 15, 15, 5]  # (10.05, .1) rounds onto (10, 0); no closing
    assert filled["y"].tolist() == [20, 20, 10, 10]
    stroked = rd.device_elements(elems, t, drop_closing=False)
    assert (stroked["x"][-1], stroked["y"][-1]) == (5, 20)  # closes for the outline


def test_geometry_elements_one_part_multipolygons_match_the_ragged_array():
    """One-part MultiPolygons (what the loader gives) are flattened from the coordinates;
    holes, parts and a ring that touches its own first vertex still come out as shapely's
    ragged array has them."""
    hole = [(1, 1), (2, 1), (2, 2), (1, 2)]
    touching = shapely.Polygon([(0, 0), (4, 0), (2, 2), (4, 4), (0, 4), (2, 2), (0, 0)])
    polys = [shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]),
             shapely.MultiPolygon([shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [hole])]),
             shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
             shapely.MultiPolygon([touching]),
             shapely.MultiPolygon([shapely.Polygon([(5, 5), (9, 5), (9, 9), (5, 9)],
                                                   [[(6, 6), (7, 6), (7, 7)], hole])])]
    geoms = np.array(polys, dtype=object)
    coords, ring_off, feat_ring = rg.geometry_elements(geoms)
    _, ref_coords, (ref_ring, part_ring, feat_part) = shapely.to_ragged_array(geoms)
    assert np.array_equal(coords, ref_coords)
    assert ring_off.tolist() == np.asarray(ref_ring).tolist()
    assert feat_ring.tolist() == np.asarray(part_ring)[np.asarray(feat_part)].tolist()
    assert feat_ring.tolist() == [0, 1, 3, 5, 6, 9]


def test_pdf_holds_only_the_parcels_in_the_frame_in_whole_device_units(qapp, tmp_path):
    """A vector device gets the visible parcels only (culled by box), each ring once, its
    vertices rounded to whole device units (outlined: the closing vertex closes the path)."""
    import pypdf
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    gdf = _gdf()
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    out = tmp_path / "culled.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = QPainter(writer)
    view = rc.MapView(150.0, 50.0, 0.5, 800, 400)  # shows A and B, not C (far away)
    assert rd.draw_parcels(painter, rc.RenderContext(view, dpi=300), layer, sym,
                           fill_and_stroke=True)
    painter.end()
    content = pypdf.PdfReader(str(out)).pages[0].get_contents().get_data().decode()
    ops = [line.split() for line in content.splitlines()]
    moves = [op for op in ops if op[-1:] == ["m"]]
    lines = [op for op in ops if op[-1:] == ["l"]]
    assert len(moves) == 3  # A's shell and hole, B's shell; nothing of C
    assert len(lines) == 3 * 4  # squares: three more corners and the closing one
    assert " B*" in content or "\nB*" in content  # filled and outlined in one operator
    assert all("." not in v for op in moves + lines for v in op[:2])  # whole numbers


def test_pdf_outline_of_a_dense_ring_is_simplified_for_the_detail_resolution(qapp, tmp_path):
    """Vertices closer than the zoom level's half step are merged before they reach the
    PDF (as on the canvas), the ring stays one closed path."""
    import geopandas as gpd
    import pypdf
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    circle = shapely.Point(50, 50).buffer(10, quad_segs=100)  # 400 vertices 0.16 m apart
    gdf = gpd.GeoDataFrame({"category": ["idle"]}, geometry=[circle], crs="EPSG:4549")
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    out = tmp_path / "dense.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = QPainter(writer)
    view = rc.MapView(50.0, 50.0, 0.5, 400, 400)
    ctx = rc.RenderContext(view, dpi=300, detail_dpi=75)  # paper: 1/75 inch is detail enough
    assert layer.level_key(ctx.lod_res) != "full"  # a snapping level
    assert rd.draw_parcels(painter, ctx, layer, sym, fill_and_stroke=True)
    painter.end()
    content = pypdf.PdfReader(str(out)).pages[0].get_contents().get_data().decode()
    ops = [line.split()[-1:] for line in content.splitlines()]
    assert ops.count(["m"]) == 1
    # one vertex per half step of 1/75 inch (1 m here) of the 63 m outline, not one per
    # device unit (126) nor the 400 of the data
    assert 40 < ops.count(["l"]) < 90, ops.count(["l"])


def test_a_level_is_snapped_only_where_snapping_drops_enough_vertices():
    # coarse polygons (vertices ~100 m apart) and one dense ring (vertices 1 m apart)
    coarse = [shapely.box(x * 300, 0, x * 300 + 200, 200) for x in range(50)]
    layer = rg.LayerGeometry(np.array(coarse, dtype=object))
    lv = layer.level(16.0)  # 16 m pixels: vertices 6 px apart, none closer than half a pixel
    assert layer.snap_tolerance(layer.level_key(16.0)) == 0.0
    assert lv.coords is layer.full_arrays()[0]  # the vertices as they are, not a copy
    dense = shapely.Point(0, 0).buffer(200, quad_segs=300)  # 1,200 vertices ~1 m apart
    layer = rg.LayerGeometry(np.array([dense] + coarse, dtype=object))
    key = layer.level_key(16.0)
    assert layer.snap_tolerance(key) == 8.0  # most segments shorter than half a pixel
    assert len(layer.level(16.0).coords) < len(layer.full_arrays()[0]) / 3


def test_chunks_of_a_level_that_only_fills_hold_more_parcels():
    boxes = [shapely.box(x * 30, y * 30, x * 30 + 20, y * 30 + 20)
             for x in range(40) for y in range(40)]  # 1,600 parcels of 20 m
    layer = rg.LayerGeometry(np.array(boxes, dtype=object))
    classes = np.zeros(len(boxes), dtype=np.int64)
    near = layer.chunks(layer.level(1.0), classes, 1)  # 20 px parcels: outlined
    far = layer.chunks(layer.level(8.0), classes, 1)  # 2.5 px parcels: only filled
    assert np.diff(near.feat_off).max() == rg.CHUNK_FEATURES
    assert np.diff(far.feat_off).max() == rg.CHUNK_FEATURES * rg.FILL_CHUNK_FACTOR
