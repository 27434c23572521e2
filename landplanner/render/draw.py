"""Drawing functions: ``draw_x(painter, context, ...)`` on the caller's painter.

Rules shared by every function here:

* the caller owns the ``QPainter`` (one painter per page, so a ``QPdfWriter`` document is not
  restarted); each function saves and restores the painter state;
* the painter's transform on entry places the map frame; the map → frame transform of the
  context is *combined* with it (``setTransform(..., combine=True)``), so a frame can sit
  anywhere in a layout;
* line widths are in millimetres, text sizes in points, both converted with ``context.dpi``;
  fonts are measured with the painter's device (``QFontMetricsF(font, device)``).

Cosmetic pens are used for outlines because the raster engine strokes them several times
faster; their width is the millimetre width times the linear scale of the caller's
transform, so they stay true when the frame is scaled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
)

from landplanner.render import geometry as g
from landplanner.render.context import RenderContext, outer_scale
from landplanner.render.geometry import (
    LayerGeometry,
    Symbology,
    _ChunkSet,
    geometry_elements,
    paths_from_elements,
    polygonf_from_xy,
)

#: Outline of a parcel (≈ one screen pixel at 96 dpi), when the parcel is large enough.
OUTLINE_MM = 0.26
#: Outline when parcels are small (thinnest visible line).
THIN_OUTLINE_MM = 0.12
#: Size of a parcel drawn as a point.
POINT_MM = 25.4 / 96
#: Selection outline and point.
SELECTION_MM = 0.55
#: Park boundary: white halo and dashed dark line.
PARK_HALO_MM = 1.3
PARK_LINE_MM = 0.6
#: Parcel labels and quota gauges (points).
LABEL_PT = 8.0
GAUGE_PT = 10.0


# ------------------------------------------------------------------ helpers


def _visible_chunks(cs: _ChunkSet, extent: Sequence[float]) -> np.ndarray:
    xmin, ymin, xmax, ymax = extent
    b = cs.chunk_bbox
    return np.flatnonzero((b[:, 2] >= xmin) & (b[:, 0] <= xmax) & (b[:, 3] >= ymin)
                          & (b[:, 1] <= ymax))


def _ensure_paths(cs: _ChunkSet, chunk_ids: np.ndarray) -> None:
    cs.ensure_paths(chunk_ids)


def line_pen(painter: QPainter | float, ctx: RenderContext, color: QColor, width_mm: float,
             style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen of ``width_mm`` on paper.

    ``painter`` is the painter *before* the map transform is applied (its transform's scale
    multiplies the width) or that scale itself.
    """
    if isinstance(painter, float | int):
        k, raster = float(painter), bool(getattr(painter, "raster", False))
    else:
        k, raster = outer_scale(painter.transform()), is_raster(painter)
    width = ctx.mm(width_mm) * k
    if raster and width < 1.0:
        width = 0.0  # thinner than a pixel: the raster engine's fast one-pixel hairline
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class _Scale(float):
    """The caller's transform scale, remembering whether the device is raster."""

    raster = False


def _pen_scale(painter: QPainter) -> _Scale:
    k = _Scale(outer_scale(painter.transform()))
    k.raster = is_raster(painter)
    return k


def is_raster(painter: QPainter) -> bool:
    """Whether ``painter`` paints pixels (an image), not vectors (a PDF, a printer)."""
    engine = painter.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Raster


def device_font(painter: QPainter, ctx: RenderContext, base: QFont | None, size_pt: float,
                bold: bool = False) -> QFont:
    """``base`` at ``size_pt`` points on the target, whatever the device's own dpi is."""
    font = QFont(base) if base is not None else QFont()
    device = painter.device()
    device_dpi = float(device.logicalDpiY()) if device is not None else ctx.dpi
    font.setPointSizeF(max(size_pt * ctx.dpi / (device_dpi or ctx.dpi), 0.5))
    font.setBold(bold)
    return font


def metrics(painter: QPainter, font: QFont) -> QFontMetricsF:
    """Font metrics measured for the painter's device (not the screen)."""
    device = painter.device()
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


# ------------------------------------------------------------------ parcels


def draw_parcels(painter: QPainter, ctx: RenderContext, layer: LayerGeometry,
                 sym: Symbology, fill_and_stroke: bool = False) -> bool:
    """Draw ``layer`` with ``sym`` into the frame. Returns False when stopped.

    ``fill_and_stroke`` is for vector devices (PDF, printer): each chunk becomes one path in
    whole device units (the ring-closing vertex and vertices that round onto their
    predecessor dropped), filled and outlined in one call. Qt's PDF engine writes a whole
    number without decimals, so a vertex costs about half the bytes. The canvas instead fills
    first and strokes smoothed outlines over unsmoothed fills, which is faster on a raster
    device.
    """
    if layer.n == 0:
        return True
    if fill_and_stroke:
        return _draw_parcels_device(painter, ctx, layer, sym)
    view = ctx.view
    extent = view.extent
    lv = layer.level(ctx.lod_res)
    if ctx.stopped:
        return False
    nclass = len(sym.fills)
    cs = layer.chunks(lv, sym.feature_class, nclass)
    if ctx.stopped:
        return False
    typical_px, outline, smooth = _outline_mode(layer, ctx)
    k = _pen_scale(painter)
    painter.save()
    try:
        painter.setTransform(view.transform(), True)
        brushes = [QBrush(c) for c in sym.fills]
        no_pen = QPen(Qt.PenStyle.NoPen)
        width = OUTLINE_MM if typical_px >= 40 else THIN_OUTLINE_MM
        pens = [line_pen(k, ctx, c, width) for c in sym.outlines]
        # Antialiased fills cost 2-3x; unsmoothed fills under smoothed outlines look the same.
        if outline and not smooth:
            ok = _draw_chunks(painter, cs, extent, brushes, pens, ctx)
        else:  # no outline at all: the cheaper fill paths (the outlines need the chunk paths)
            ok = _draw_chunks(painter, cs, extent, brushes, [no_pen] * nclass, ctx,
                              fills=not outline)
            if ok and outline:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                ok = _draw_chunks(painter, cs, extent,
                                  [QBrush(Qt.BrushStyle.NoBrush)] * nclass, pens, ctx)
        if not ok:
            return False
        _draw_points(painter, k, ctx, cs.point_xy, extent, sym.fills, POINT_MM)
        if sym.accent is not None and sym.accent.any():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
            acc_cls = np.where(sym.accent, 0, -1)
            acs = layer.chunks(lv, acc_cls, 1)
            color = sym.accent_color or QColor("#e31a1c")
            width_mm = sym.accent_width * 25.4 / 96 if outline else OUTLINE_MM
            pen = line_pen(k, ctx, color, width_mm)
            if not _draw_chunks(painter, acs, extent, [QBrush(Qt.BrushStyle.NoBrush)], [pen],
                                ctx):
                return False
            _draw_points(painter, k, ctx, acs.point_xy, extent, [color], 2 * POINT_MM)
    finally:
        painter.restore()
    return not ctx.stopped


def _outline_mode(layer: LayerGeometry, ctx: RenderContext) -> tuple[float, bool, bool]:
    """(typical parcel size in pixels, outlined?, antialiased?) of ``layer`` in ``ctx``'s view:
    parcels too small for an outline are only filled, with their cheaper fill paths."""
    typical_px = float(layer.median_size / ctx.screen_res)
    return typical_px, typical_px >= g.OUTLINE_PIXELS, typical_px >= g.ANTIALIAS_PIXELS


def prepare_parcels(ctx: RenderContext, layer: LayerGeometry, sym: Symbology) -> None:
    """Build now what :func:`draw_parcels` (on a raster device) needs for ``ctx``'s view: its
    zoom level, the chunks of ``sym``'s classes and the visible chunks' paths (fill paths
    when the parcels are too small for outlines). A later draw of that view only paints.

    The read-ahead of a project's first map does this while the window is still busy with
    the project (issue 10 §8): same view, same classes, so the map's first render finds it
    all built (or being built, and waits for it rather than building it twice)."""
    if layer.n == 0:
        return
    lv = layer.level(ctx.lod_res)
    cs = layer.chunks(lv, sym.feature_class, len(sym.fills))
    ids = _visible_chunks(cs, ctx.view.extent)
    if _outline_mode(layer, ctx)[1]:
        _ensure_paths(cs, ids)
    else:
        cs.ensure_fills(ids)


def _draw_chunks(painter: QPainter, cs: _ChunkSet, extent, brushes, pens,
                 ctx: RenderContext, fills: bool = False) -> bool:
    """Draw the visible chunks; ``fills``: with their fill paths (``pens`` must be NoPen)."""
    ids = _visible_chunks(cs, extent)
    current = -1
    paths = cs.fills if fills else cs.paths
    for start in range(0, len(ids), 256):
        if ctx.stopped:
            return False
        batch = ids[start: start + 256]
        if fills:
            cs.ensure_fills(batch)
        else:
            _ensure_paths(cs, batch)
        for i in batch.tolist():
            c = int(cs.chunk_class[i])
            if c != current:
                painter.setBrush(brushes[c])
                painter.setPen(pens[c])
                current = c
            painter.drawPath(paths[i])
    return True


def device_elements(elems: np.ndarray, transform, drop_closing: bool = True) -> np.ndarray:
    """``elems`` (map coordinates) in whole device units under ``transform``.

    Drops vertices that round onto the one before and, with ``drop_closing`` (fills only: a
    fill closes every ring itself), each ring's closing vertex; keeps every ring at least a
    triangle.
    """
    out = np.empty(len(elems), dtype=g._ELEM_DTYPE)
    out["c"] = elems["c"]
    out["x"], out["y"] = _to_device(elems["x"], elems["y"], transform)
    return out[_device_keep(out["x"], out["y"], out["c"] == 0, drop_closing)]


def _to_device(x: np.ndarray, y: np.ndarray, transform) -> tuple[np.ndarray, np.ndarray]:
    """Map coordinates → whole device units under ``transform`` (no shear expected)."""
    return (np.rint(transform.m11() * x + transform.m21() * y + transform.dx()),
            np.rint(transform.m12() * x + transform.m22() * y + transform.dy()))


def _device_keep(x: np.ndarray, y: np.ndarray, start: np.ndarray,
                 drop_closing: bool) -> np.ndarray:
    """Which rounded vertices to write (see :func:`device_elements`); ``start``: ring starts."""
    n = len(x)
    if n < 2:
        return np.ones(n, dtype=bool)
    ring = np.cumsum(start)
    last = np.r_[start[1:], True]  # last element of each ring
    same_prev = np.r_[False, (x[1:] == x[:-1]) & (y[1:] == y[:-1]) & ~start[1:]]
    closing = last & ~start if drop_closing else np.zeros(n, dtype=bool)
    keep = ~closing & ~same_prev
    if not drop_closing:
        keep |= last  # the closing vertex makes the PDF path close ("h") for the outline
    counts = np.bincount(ring[keep], minlength=ring[-1] + 1)
    small = counts[ring] < (4 if not drop_closing else 3)
    keep |= small & ~closing  # a ring that collapsed stays as it was (it is tiny anyway)
    return keep


#: Features per path on a vector device (one ``drawPath`` each).
DEVICE_CHUNK_FEATURES = 64


def _draw_parcels_device(painter: QPainter, ctx: RenderContext, layer: LayerGeometry,
                         sym: Symbology) -> bool:
    """``draw_parcels`` on a vector device (PDF, printer): every visible feature in one pass.

    Only the features whose box meets the frame are taken; their vertices are gathered,
    simplified for ``ctx.detail_dpi`` as the canvas's zoom levels are (same tiny-feature and
    vertex-snapping rule: :meth:`LayerGeometry.level_key`), rounded to whole device units
    (vertices that round onto their predecessor and, for fills, the ring-closing vertex
    dropped) and cut into paths of a few dozen neighbours of one class, each filled (and
    outlined) in one call. Qt's PDF engine writes a whole number without decimals, so a
    vertex costs about half the bytes. Nothing is cached: a print draws a layer once.
    """
    view = ctx.view
    typical_px = float(layer.median_size / ctx.screen_res)
    outline = typical_px >= g.OUTLINE_PIXELS
    nclass = len(sym.fills)
    k = _pen_scale(painter)
    width = OUTLINE_MM if typical_px >= 40 else THIN_OUTLINE_MM
    brushes = [QBrush(c) for c in sym.fills]
    pens = ([line_pen(k, ctx, c, width) for c in sym.outlines] if outline
            else [QPen(Qt.PenStyle.NoPen)] * nclass)
    painter.save()
    try:
        painter.setTransform(view.transform(), True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ok = _draw_features_device(painter, ctx, layer, sym.feature_class, brushes, pens,
                                   not outline, sym.fills, POINT_MM, k)
        if ok and sym.accent is not None and sym.accent.any():
            color = sym.accent_color or QColor("#e31a1c")
            width_mm = sym.accent_width * 25.4 / 96 if outline else OUTLINE_MM
            ok = _draw_features_device(painter, ctx, layer, np.where(sym.accent, 0, -1),
                                       [QBrush(Qt.BrushStyle.NoBrush)],
                                       [line_pen(k, ctx, color, width_mm)], False, [color],
                                       2 * POINT_MM, k)
    finally:
        painter.restore()
    return ok and not ctx.stopped


def _draw_features_device(painter: QPainter, ctx: RenderContext, layer: LayerGeometry,
                          feature_class: np.ndarray, brushes, pens, fill_only: bool,
                          point_colors, point_mm: float, k: float) -> bool:
    """Features of class ``c >= 0`` with ``brushes[c]`` / ``pens[c]``, under the painter's
    map transform (see :func:`_draw_parcels_device`); ``k``: the caller's transform scale
    (:func:`line_pen`)."""
    if ctx.stopped:
        return False
    cls = np.asarray(feature_class, dtype=np.int64)
    xmin, ymin, xmax, ymax = ctx.view.extent
    b = layer.bounds
    drawn = ((cls >= 0) & layer.valid & (b[:, 2] >= xmin) & (b[:, 0] <= xmax)
             & (b[:, 3] >= ymin) & (b[:, 1] <= ymax))
    key = layer.level_key(ctx.lod_res)
    coords, ring_off, feat_ring = layer.full_arrays()
    tol = layer.snap_tolerance(key)
    if key == "full":
        tiny = np.zeros(layer.n, dtype=bool)
    else:
        tiny = drawn & (layer.size < g.POINT_PIXELS * 2.0 ** key)
    for c, color in enumerate(point_colors):
        xy = layer.centre[tiny & (cls == c)]
        if len(xy):
            painter.setPen(line_pen(k, ctx, color, point_mm))
            painter.drawPoints(polygonf_from_xy(xy))
    poly = np.flatnonzero(drawn & ~tiny)
    if len(poly) == 0:
        return not ctx.stopped
    order = poly[np.lexsort((layer.curve_rank[poly], cls[poly]))]
    ocls = cls[order]
    new_class = np.r_[True, ocls[1:] != ocls[:-1]]
    group_start = np.maximum.accumulate(np.where(new_class, np.arange(len(order)), 0))
    starts = np.flatnonzero((np.arange(len(order)) - group_start) % DEVICE_CHUNK_FEATURES == 0)
    ring_idx, feat_ring_off = g.ragged_take(feat_ring, order)
    coord_idx, ring_coord_off = g.ragged_take(ring_off, ring_idx)
    chunk_off = ring_coord_off[feat_ring_off[np.r_[starts, len(order)]]]
    xy = coords[coord_idx]
    ring_start = np.zeros(len(xy), dtype=bool)
    ring_start[ring_coord_off[:-1][ring_coord_off[:-1] < len(xy)]] = True
    if tol > 0 and len(xy):  # the zoom level's snap (:func:`snap_rings`), on these rings only
        cell = np.floor(xy / tol)
        keep = np.r_[True, (cell[1:] != cell[:-1]).any(axis=1)]
        keep |= ring_start | np.r_[ring_start[1:], True]
        xy, ring_start, chunk_off = xy[keep], ring_start[keep], _kept_offsets(keep, chunk_off)
    x, y = _to_device(xy[:, 0], xy[:, 1], painter.transform())
    keep = _device_keep(x, y, ring_start, fill_only)
    elems = np.empty(int(keep.sum()), dtype=g._ELEM_DTYPE)
    elems["c"] = ~ring_start[keep]
    elems["x"] = x[keep]
    elems["y"] = y[keep]
    chunk_off = _kept_offsets(keep, chunk_off)
    if ctx.stopped:
        return False
    underlay = getattr(ctx, "underlay", None)
    if underlay is not None and underlay.add(elems, chunk_off, ocls[starts], brushes, pens,
                                             fill_only):
        return not ctx.stopped
    painter.save()
    try:
        painter.resetTransform()  # the coordinates are device units now
        raw = elems.tobytes()
        current = -1
        for first in range(0, len(starts), 256):
            if ctx.stopped:
                return False
            ids = range(first, min(first + 256, len(starts)))
            paths = g.paths_from_elements(raw, chunk_off[first: ids.stop].tolist(),
                                          chunk_off[first + 1: ids.stop + 1].tolist())
            for i, path in zip(ids, paths, strict=True):
                c = int(ocls[starts[i]])
                if c != current:
                    painter.setBrush(brushes[c])
                    painter.setPen(pens[c])
                    current = c
                painter.drawPath(path)
    finally:
        painter.restore()
    return not ctx.stopped


@dataclass
class VectorUnderlay:
    """Parcel paths collected for a PDF page instead of being painted through ``QPainter``.

    Set as ``RenderContext.underlay`` by the PDF export: the device pass of
    :func:`draw_parcels` then hands over its paths (whole device units, chunks of one class,
    the fill colour and outline of each class) and paints nothing; the export writes them as
    the page's first content stream (:mod:`landplanner.layout.pdf_underlay`), under
    everything Qt drew. What it cannot take (a translucent fill, a patterned brush or a
    dashed pen) is painted by Qt as usual (``add`` returns False).
    """

    clip: tuple[float, float, float, float] | None = None  # device units (the map frame)
    layers: list = field(default_factory=list)

    def add(self, elems: np.ndarray, chunk_off: np.ndarray, chunk_class: np.ndarray,
            brushes, pens, fill_only: bool) -> bool:
        """Take one pass of paths; False when its brushes or pens need Qt's PDF engine."""
        fills, strokes = [], []
        for brush, pen in zip(brushes, pens, strict=True):
            color = brush.color()
            if brush.style() != Qt.BrushStyle.SolidPattern or color.alpha() != 255:
                return False
            fills.append((color.redF(), color.greenF(), color.blueF()))
            if pen.style() == Qt.PenStyle.NoPen:
                strokes.append(None)
                continue
            pc = pen.color()
            if pen.style() != Qt.PenStyle.SolidLine or pc.alpha() != 255 \
                    or pen.brush().style() != Qt.BrushStyle.SolidPattern:
                return False
            strokes.append((pc.redF(), pc.greenF(), pc.blueF(), pen.widthF(),
                            {Qt.PenCapStyle.FlatCap: 0, Qt.PenCapStyle.RoundCap: 1}.get(
                                pen.capStyle(), 2),
                            {Qt.PenJoinStyle.RoundJoin: 1, Qt.PenJoinStyle.BevelJoin: 2}.get(
                                pen.joinStyle(), 0)))
        self.layers.append((elems, np.asarray(chunk_off), np.asarray(chunk_class), fills,
                            strokes, fill_only))
        return True


def _kept_offsets(keep: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """``offsets`` into an array after only its ``keep`` items were kept."""
    kept = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept[1:])
    return kept[offsets]


def _draw_points(painter: QPainter, k: float, ctx: RenderContext, point_xy, extent, colors,
                 width_mm: float) -> None:
    xmin, ymin, xmax, ymax = extent
    for c, xy in enumerate(point_xy):
        if len(xy) == 0:
            continue
        inside = (xy[:, 0] >= xmin) & (xy[:, 0] <= xmax) & (xy[:, 1] >= ymin) & (xy[:, 1] <= ymax)
        if not inside.any():
            continue
        painter.setPen(line_pen(k, ctx, colors[c], width_mm))
        painter.drawPoints(polygonf_from_xy(xy[inside]))


def outline_path(geoms: Sequence) -> QPainterPath:
    """One odd-even path (map coordinates) of the rings of ``geoms``."""
    coords, ring_off, _ = geometry_elements(np.asarray(geoms, dtype=object))
    elems = np.empty(len(coords), dtype=g._ELEM_DTYPE)
    elems["c"] = 1
    elems["c"][ring_off[:-1][ring_off[:-1] < len(coords)]] = 0
    elems["x"] = coords[:, 0]
    elems["y"] = coords[:, 1]
    return paths_from_elements(elems, [0], [len(elems)])[0]


def draw_selection(painter: QPainter, ctx: RenderContext, layer: LayerGeometry,
                   selected: np.ndarray, color: QColor | None = None) -> bool:
    """Highlight the ``selected`` feature indices (translucent fill, bold outline)."""
    selected = np.asarray(selected, dtype=np.int64)
    if layer.n == 0 or len(selected) == 0:
        return True
    color = color or QColor("#ffff00")
    cls = np.full(layer.n, -1, dtype=np.int64)
    cls[selected[(selected >= 0) & (selected < layer.n)]] = 0
    fill = QColor(color)
    fill.setAlpha(110)
    lv = layer.level(ctx.lod_res)
    cs = layer.chunks(lv, cls, 1)
    k = _pen_scale(painter)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(ctx.view.transform(), True)
        ok = _draw_chunks(painter, cs, ctx.view.extent, [QBrush(fill)],
                          [line_pen(k, ctx, QColor("#b8860b"), SELECTION_MM)], ctx)
        _draw_points(painter, k, ctx, cs.point_xy, ctx.view.extent, [QColor("#b8860b")],
                     3 * POINT_MM)
    finally:
        painter.restore()
    return ok and not ctx.stopped


def draw_features(painter: QPainter, ctx: RenderContext, geoms: Sequence, fill: QColor | None,
                  outline: QColor | None, width_mm: float = OUTLINE_MM,
                  style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
    """A few geometries (a locator map's parcels, an outline) as one path each call."""
    geoms = [x for x in geoms if x is not None and not shapely.is_empty(x)]
    if not geoms:
        return
    path = outline_path(geoms)
    k = _pen_scale(painter)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(ctx.view.transform(), True)
        painter.setBrush(QBrush(fill) if fill is not None else QBrush(Qt.BrushStyle.NoBrush))
        painter.setPen(line_pen(k, ctx, outline, width_mm, style) if outline is not None
                       else QPen(Qt.PenStyle.NoPen))
        painter.drawPath(path)
    finally:
        painter.restore()


# ------------------------------------------------------------------ labels


def place_labels(
    candidates: Sequence[tuple[str, float, float]],
    metrics: QFontMetricsF,
    bounds: QRectF,
    padding: float = 2.0,
) -> list[tuple[str, QRectF]]:
    """Greedy label placement without overlaps.

    ``candidates`` are (text, px, py) in priority order; each label is centred on its point and
    kept only if its rectangle (plus ``padding``) lies inside ``bounds`` and meets no label
    placed before. A coarse grid keeps the collision test cheap for thousands of labels.
    """
    placed: list[tuple[str, QRectF]] = []
    cell = max(64.0, metrics.height() * 4)
    grid: dict[tuple[int, int], list[QRectF]] = {}
    for text, px, py in candidates:
        if not text:
            continue
        w = metrics.horizontalAdvance(text) + 2 * padding
        h = metrics.height() + 2 * padding
        rect = QRectF(px - w / 2, py - h / 2, w, h)
        if not bounds.contains(rect):
            continue
        cells = [(i, j)
                 for i in range(int(rect.left() // cell), int(rect.right() // cell) + 1)
                 for j in range(int(rect.top() // cell), int(rect.bottom() // cell) + 1)]
        if any(rect.intersects(o) for c in cells for o in grid.get(c, ())):
            continue
        for c in cells:
            grid.setdefault(c, []).append(rect)
        placed.append((text, rect))
    return placed


def draw_halo_text(painter: QPainter, ctx: RenderContext, rect: QRectF, text: str, font: QFont,
                   color: QColor) -> None:
    """``text`` centred in ``rect`` with a white halo (readable over any fill)."""
    m = metrics(painter, font)
    x = rect.center().x() - m.horizontalAdvance(text) / 2
    y = rect.center().y() + (m.ascent() - m.descent()) / 2
    painter.save()
    painter.setFont(font)
    halo = QPen(QColor(255, 255, 255, 230), ctx.pt(2.2), Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    # The halo is a stroked outline; the text itself stays real text (selectable in a PDF).
    path = QPainterPath()
    path.addText(QPointF(x, y), font, text)
    painter.strokePath(path, halo)
    painter.setPen(color)
    painter.drawText(QPointF(x, y), text)
    painter.restore()


@dataclass
class ParkLayer:
    """Park boundaries with their names (for the quota labels)."""

    names: list[str]
    geometry: LayerGeometry


def draw_parks(painter: QPainter, ctx: RenderContext, parks: ParkLayer) -> None:
    """Park boundaries: dashed dark line over a white halo."""
    if parks is None or parks.geometry.n == 0:
        return
    path = outline_path(parks.geometry.geoms)
    k = _pen_scale(painter)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(ctx.view.transform(), True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(line_pen(k, ctx, QColor(255, 255, 255, 200), PARK_HALO_MM))
        painter.drawPath(path)
        painter.setPen(line_pen(k, ctx, QColor("#252525"), PARK_LINE_MM,
                                Qt.PenStyle.DashLine))
        painter.drawPath(path)
    finally:
        painter.restore()


def draw_overlay(
    painter: QPainter,
    ctx: RenderContext,
    parcels: LayerGeometry | None,
    labels: Sequence[str] | None,
    parks: ParkLayer | None,
    quota: dict | None,
    font: QFont | None = None,
    quota_format: Callable[[str, float, float], str] | None = None,
) -> bool:
    """Park boundaries, parcel labels (when zoomed in) and each park's quota gauge."""
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        reserved: list[QRectF] = []
        if parks is not None and parks.geometry.n:
            draw_parks(painter, ctx, parks)
            reserved = draw_quota_gauges(painter, ctx, parks, quota or {}, font, quota_format)
        if ctx.stopped:
            return False
        if parcels is not None and labels is not None and parcels.n:
            draw_parcel_labels(painter, ctx, parcels, labels, font, reserved)
    finally:
        painter.restore()
    return not ctx.stopped


def draw_parcel_labels(painter: QPainter, ctx: RenderContext, parcels: LayerGeometry,
                       labels: Sequence[str], font: QFont | None,
                       reserved: Sequence[QRectF] = ()) -> None:
    """Labels of the large visible parcels, without overlaps."""
    view = ctx.view
    if parcels.median_size / ctx.screen_res < g.LABEL_MIN_PIXELS / 2:
        return
    idx = parcels.visible(view.extent)
    if len(idx) == 0 or len(idx) > g.MAX_LABEL_FEATURES:
        return
    big = idx[parcels.size[idx] / ctx.screen_res >= g.LABEL_MIN_PIXELS]
    if len(big) == 0 or ctx.stopped:
        return
    big = big[np.argsort(-shapely.area(parcels.geoms[big]), kind="stable")]
    anchors = shapely.get_coordinates(shapely.point_on_surface(parcels.geoms[big]))
    px, py = view.to_pixel(anchors[:, 0], anchors[:, 1])
    base_pt = font.pointSizeF() if font is not None and font.pointSizeF() > 0 else LABEL_PT
    lab_font = device_font(painter, ctx, font, max(base_pt, LABEL_PT))
    m = metrics(painter, lab_font)
    cands = [(str(labels[i]) if labels[i] is not None else "", float(x), float(y))
             for i, x, y in zip(big, px, py, strict=True)]
    placed = place_labels(cands, m, QRectF(0, 0, view.width, view.height), ctx.mm(0.5))
    for text, rect in placed:
        if any(rect.intersects(r) for r in reserved):
            continue
        draw_halo_text(painter, ctx, rect, text, lab_font, QColor("#1a1a1a"))


def default_quota_text(park: str, done: float, target: float) -> str:
    """Default quota label; the canvas passes a translated formatter instead."""
    return f"{park} {done:,.0f} / {target:,.0f} 亩"


def draw_quota_gauges(painter: QPainter, ctx: RenderContext, parks: ParkLayer, quota: dict,
                      font: QFont | None, fmt=None) -> list[QRectF]:
    """Each park's name with its quota progress bar; returns the boxes (frame coordinates)."""
    fmt = fmt or default_quota_text
    view = ctx.view
    base_pt = font.pointSizeF() if font is not None and font.pointSizeF() > 0 else GAUGE_PT - 1
    big = device_font(painter, ctx, font, max(base_pt, 9.0) + 1.0, bold=True)
    m = metrics(painter, big)
    pad, bar_h, gap = ctx.mm(2.0), ctx.mm(1.6), ctx.mm(1.0)
    rects = []
    anchors = shapely.get_coordinates(shapely.point_on_surface(
        np.where(shapely.is_missing(parks.geometry.geoms), shapely.Point(),
                 parks.geometry.geoms)))
    painter.save()
    painter.setFont(big)
    for name, (x, y) in zip(parks.names, anchors, strict=False):
        if not np.isfinite(x):
            continue
        px, py = view.to_pixel(float(x), float(y))
        if not (-ctx.mm(50) < px < view.width + ctx.mm(50)
                and -ctx.mm(13) < py < view.height + ctx.mm(13)):
            continue
        behind = False
        if name in quota and quota[name] is not None:
            done, target = quota[name][:2]
            # (done, target, behind): the core's flag, so the gauge is red as the panel's card
            behind = len(quota[name]) > 2 and bool(quota[name][2])
            text = fmt(name, float(done), float(target))
            frac = float(done) / float(target) if target and float(target) > 0 else 0.0
        else:
            text, frac = name, None
        w = m.horizontalAdvance(text) + 2 * pad
        h = m.height() + (bar_h + 2 * gap + gap if frac is not None else 2 * gap)
        # Keep the gauge whole inside the map when its park sits near an edge.
        edge = ctx.mm(0.5)
        left = min(max(px - w / 2, edge), max(view.width - w - edge, edge))
        top = min(max(py - h / 2, edge), max(view.height - h - edge, edge))
        box = QRectF(left, top, w, h)
        painter.setPen(line_pen(painter, ctx, QColor("#252525"), 0.26))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, ctx.mm(1.0), ctx.mm(1.0))
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(QRectF(box.left(), box.top() + gap, w, m.height()),
                         int(Qt.AlignmentFlag.AlignCenter), text)
        if frac is not None:
            bar = QRectF(box.left() + pad, box.bottom() - gap - bar_h, w - 2 * pad, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d9d9d9"))
            painter.drawRect(bar)
            done_color = (QColor("#e53935") if behind
                          else QColor("#1a9850") if frac >= 1.0 else QColor("#2c7bb6"))
            painter.setBrush(done_color)
            painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * min(frac, 1.0),
                                    bar.height()))
        rects.append(box)
    painter.restore()
    return rects
