"""Fill paths (render.geometry): a chunk's rings joined into one polygon fill exactly as the
chunk's path of sub-paths does, and the zoomed-out map (no outlines) draws with them."""

import numpy as np
import pytest
import shapely

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen  # noqa: E402

from landplanner.render import context as rc  # noqa: E402
from landplanner.render import draw as rd  # noqa: E402
from landplanner.render import geometry as rg  # noqa: E402
from landplanner.render import worker as rw  # noqa: E402
from landplanner.ui.styles import get_style  # noqa: E402


@pytest.fixture(params=["numpy into QPolygonF memory", "QDataStream"])
def polygon_way(request, monkeypatch):
    """Both ways of filling a QPolygonF: straight into its memory (the app's, once the UI
    hands over shiboken6.VoidPtr) and the QDataStream fallback."""
    if request.param == "QDataStream":
        monkeypatch.setattr(rg, "VoidPtr", None)
        monkeypatch.setattr(rg, "_POLYGON_MEMORY", False)
    else:
        from shiboken6 import VoidPtr

        monkeypatch.setattr(rg, "VoidPtr", rg.VoidPtr)
        monkeypatch.setattr(rg, "_POLYGON_MEMORY", rg._POLYGON_MEMORY)
        assert rg.enable_polygon_memory(VoidPtr)
    return request.param


def test_the_map_canvas_turns_the_memory_way_on(qapp):
    import landplanner.ui.map_canvas  # noqa: F401

    assert rg._POLYGON_MEMORY and rg.VoidPtr is not None


def test_polygonf_from_xy_holds_the_points(qapp, polygon_way):
    xy = np.array([[1.5, -2.0], [3.25, 4.0], [-5.0, 6.5], [7.0, 8.0]])
    poly = rg.polygonf_from_xy(xy)
    assert [(p.x(), p.y()) for p in (poly.at(i) for i in range(poly.size()))] == [
        tuple(r) for r in xy.tolist()]
    assert rg.polygonf_from_xy(np.zeros((0, 2))).size() == 0


def test_fill_polygon_runs_back_along_the_ring_starts():
    # rings: r0 = vertices 0..3, r1 = 4..7, r2 = 8..10 (vertex numbers 100+i); groups: {r0, r1,
    # r2}, {} and {r2}
    coord_idx = np.arange(11) + 100
    ring_off = np.array([0, 4, 8, 11])
    src, off = rg.fill_polygon_points(coord_idx, ring_off, np.array([0, 3, 3, 3]))
    assert off.tolist() == [0, 13, 13, 13]
    assert src.tolist() == [*range(100, 111), 104, 100]  # r0 r1 r2, then back: r1, r0 starts
    src, off = rg.fill_polygon_points(coord_idx, ring_off, np.array([0, 1, 1, 3]))
    assert off.tolist() == [0, 4, 4, 12]
    assert src.tolist() == [100, 101, 102, 103, *range(104, 111), 104]


def _random_features(rng, n):
    """Parcels as they come: squares and irregular rings, holes, multi-part, neighbours
    sharing edges, overlaps, slivers, empties and None."""
    out = []
    for i in range(n):
        x, y = rng.uniform(0, 1000, 2)
        kind = i % 7
        if kind == 0:
            g = shapely.box(x, y, x + rng.uniform(2, 60), y + rng.uniform(2, 60))
        elif kind == 1:  # a hole
            s = rng.uniform(20, 80)
            g = shapely.Polygon([(x, y), (x + s, y), (x + s, y + s), (x, y + s)],
                                [[(x + s / 4, y + s / 4), (x + s / 2, y + s / 4),
                                  (x + s / 2, y + s / 2), (x + s / 4, y + s / 2)]])
        elif kind == 2:  # two parts
            g = shapely.MultiPolygon([shapely.box(x, y, x + 10, y + 10),
                                      shapely.box(x + 30, y + 5, x + 45, y + 25)])
        elif kind == 3:  # irregular star-ish ring
            a = np.sort(rng.uniform(0, 2 * np.pi, 12))
            r = rng.uniform(5, 40, 12)
            g = shapely.Polygon(np.c_[x + r * np.cos(a), y + r * np.sin(a)])
        elif kind == 4:  # a neighbour sharing the previous square's edge, or overlapping
            g = shapely.box(x, y, x + 25, y + 25).union(shapely.box(x + 25, y, x + 50, y + 20))
        elif kind == 5:  # a sliver
            g = shapely.box(x, y, x + 200, y + 0.3)
        else:
            g = None if i % 2 else shapely.Polygon()
        out.append(g)
    return np.array(out, dtype=object)


@pytest.mark.parametrize("antialias", [False, True])
def test_fill_paths_fill_exactly_as_the_chunk_paths(qapp, antialias, polygon_way):
    rng = np.random.default_rng(7)
    layer = rg.LayerGeometry(_random_features(rng, 700))
    classes = np.arange(layer.n) % 3
    for res, cx, cy in ((1.6, 500, 500), (0.4, 300, 600), (0.07, 120, 400), (3.3, 520, 480)):
        view = rc.MapView(cx, cy, res, 640, 480)
        lv = layer.level(view.res)
        cs = layer.chunks(lv, classes, 3)
        ids = np.arange(len(cs.chunk_class))
        cs.ensure_paths(ids)
        cs.ensure_fills(ids)
        images = []
        for paths in (cs.paths, cs.fills):
            image = QImage(640, 480, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
            painter.setTransform(view.transform())
            painter.setPen(QPen(Qt.PenStyle.NoPen))
            for i in ids.tolist():
                painter.setBrush(QBrush(QColor(["#fc8d62", "#66c2a5", "#8da0cb"][
                    int(cs.chunk_class[i])])))
                painter.drawPath(paths[i])
            painter.end()
            images.append(image)
        assert images[0] == images[1], f"fill paths differ at {res} m per pixel"
        # something was drawn (not two empty images)
        assert images[0].pixelColor(320, 240).alpha() > 0 or res < 1


def test_zoomed_out_map_draws_fill_paths_only(qapp, polygon_way):
    import geopandas as gpd

    rng = np.random.default_rng(3)
    geoms = _random_features(rng, 3000)
    gdf = gpd.GeoDataFrame({"category": np.array(["idle", "unsupplied", "inefficient"])[
        np.arange(len(geoms)) % 3]}, geometry=geoms)
    layer = rg.LayerGeometry(gdf.geometry.to_numpy())
    sym = get_style("category").symbology(gdf)
    view = rc.MapView.fit(layer.total_bounds, 120, 120)  # parcels ~4 px: no outline
    assert layer.median_size / view.res < rg.OUTLINE_PIXELS
    image = rw.paint_image(view, lambda p, ctx: rd.draw_parcels(p, ctx, layer, sym))
    cs = layer.chunks(layer.level(view.res), sym.feature_class, len(sym.fills))
    assert any(p is not None for p in cs.fills)
    assert all(p is None for p in cs.paths)  # no chunk path decoded for a fill-only map
    # the same picture as with the chunk paths
    again = rg.LayerGeometry(gdf.geometry.to_numpy())

    def with_paths(painter, ctx):
        cs2 = again.chunks(again.level(ctx.lod_res), sym.feature_class, len(sym.fills))
        cs2.fills = cs2.paths  # the fill pass draws the chunk paths instead
        cs2.ensure_fills = cs2.ensure_paths
        return rd.draw_parcels(painter, ctx, again, sym)

    assert image == rw.paint_image(view, with_paths)
