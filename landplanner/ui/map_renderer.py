"""Rendering parcel and park layers into ``QImage`` off the GUI thread.

The approach follows QGIS's map canvas: each layer is drawn by a worker into its own
``QImage`` for one :class:`MapView`; the canvas keeps the last image per layer, moves it while
the user pans and asks for one new render when the gesture ends. A render checks a
:class:`StopFlag` between batches so a newer request can cancel it.

Speed at 100,000 parcels comes from doing the per-feature work once, in numpy:

* :class:`LayerGeometry` keeps the geometries' bounding boxes, an ``STRtree`` (hit testing,
  labels) and a space-filling-curve order computed once per layer;
* the coordinates are flattened once per layer (``get_coordinates``, and
  ``shapely.to_ragged_array`` for the few polygons with holes or parts); per zoom level (a
  power-of-two bucket of map units per pixel) vertices closer than half a pixel are dropped
  by a vectorised grid snap (:func:`snap_rings`);
  features smaller than about a pixel at that level are drawn as single points
  (``drawPoints`` from one buffer per style class);
* per zoom level and symbology the features are sorted by (style class, curve order) and cut
  into chunks of a few dozen neighbours. Each chunk becomes one ``QPainterPath`` in map
  coordinates, decoded by ``QDataStream`` from a numpy byte buffer (no per-vertex Python loop),
  built lazily the first time it is visible and then reused for every later render at that
  zoom level. Small, spatially compact paths keep Qt's scan converter fast (one huge path is
  several times slower to fill), and whole chunks are culled by their bounding boxes;
* rings are sub-paths of an odd-even path, so holes stay empty.

Rendering into a ``QImage`` with ``QPainter`` is thread safe; nothing here touches widgets.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

#: Features per chunk path: small enough for Qt's scan converter, large enough to amortise calls.
CHUNK_FEATURES = 32
#: A feature whose larger side is below this many pixels is drawn as a point.
POINT_PIXELS = 1.5
#: Outlines are drawn once the median parcel is at least this many pixels across.
OUTLINE_PIXELS = 5.0
#: Antialiasing is switched on once the median parcel is at least this many pixels across.
ANTIALIAS_PIXELS = 12.0
#: Parcel labels are drawn when at most this many parcels are in view ...
MAX_LABEL_FEATURES = 2500
#: ... and only for parcels at least this many pixels across.
LABEL_MIN_PIXELS = 24.0
#: Zoom levels (with their chunk paths) kept per layer.
MAX_CACHED_LEVELS = 6

_ELEM_DTYPE = np.dtype([("c", "<i4"), ("x", "<f8"), ("y", "<f8")])
_PATH_TRAILER = np.array([0, 0], dtype="<i4").tobytes()  # cStart, Qt.OddEvenFill


# --------------------------------------------------------------------------- view


@dataclass(frozen=True)
class MapView:
    """What is on screen: centre (map units), resolution (map units per pixel), size (px).

    Map ``y`` grows upwards, pixel ``y`` downwards.
    """

    cx: float
    cy: float
    res: float
    width: int
    height: int

    @classmethod
    def fit(
        cls, bounds: Sequence[float], width: int, height: int, margin: float = 0.03
    ) -> MapView:
        """The view of ``width`` × ``height`` px that shows ``bounds`` (xmin, ymin, xmax, ymax)."""
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        w = max(xmax - xmin, 1e-9)
        h = max(ymax - ymin, 1e-9)
        width = max(int(width), 1)
        height = max(int(height), 1)
        res = max(w / width, h / height) * (1.0 + 2.0 * margin)
        return cls((xmin + xmax) / 2.0, (ymin + ymax) / 2.0, res, width, height)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in map units."""
        hw = self.width * self.res / 2.0
        hh = self.height * self.res / 2.0
        return (self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh)

    def transform(self) -> QTransform:
        """Map coordinates → pixel coordinates."""
        xmin, _, _, ymax = self.extent
        k = 1.0 / self.res
        return QTransform(k, 0.0, 0.0, -k, -xmin * k, ymax * k)

    def to_pixel(self, x, y):
        """Map → pixel (scalars or numpy arrays)."""
        xmin, _, _, ymax = self.extent
        return (x - xmin) / self.res, (ymax - y) / self.res

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        """Pixel → map."""
        xmin, _, _, ymax = self.extent
        return xmin + px * self.res, ymax - py * self.res

    def zoomed(self, factor: float, px: float | None = None, py: float | None = None) -> MapView:
        """Zoom in by ``factor`` (> 1 zooms in) keeping the map point under pixel (px, py) fixed."""
        if px is None or py is None:
            px, py = self.width / 2.0, self.height / 2.0
        mx, my = self.to_map(px, py)
        res = self.res / factor
        # the point under the cursor stays put: solve for the new centre
        cx = mx - (px - self.width / 2.0) * res
        cy = my + (py - self.height / 2.0) * res
        return MapView(cx, cy, res, self.width, self.height)

    def panned(self, dx: float, dy: float) -> MapView:
        """The view after dragging the map by (dx, dy) pixels."""
        return MapView(self.cx - dx * self.res, self.cy + dy * self.res, self.res,
                       self.width, self.height)

    def resized(self, width: int, height: int) -> MapView:
        """Same centre and resolution, new pixel size."""
        return MapView(self.cx, self.cy, self.res, max(int(width), 1), max(int(height), 1))


class StopFlag:
    """Cancellation flag shared between the GUI thread and a render."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def stop(self) -> None:
        """Ask the render to stop at its next check."""
        self._event.set()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._event.is_set()


# ------------------------------------------------------------------ numpy helpers


def ragged_take(offsets: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gather ragged rows ``idx`` given row ``offsets``.

    Returns the flat positions of the gathered items and the new offsets, without a Python loop.
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    idx = np.asarray(idx, dtype=np.int64)
    starts = offsets[idx]
    lens = offsets[idx + 1] - starts
    new_off = np.zeros(len(idx) + 1, dtype=np.int64)
    np.cumsum(lens, out=new_off[1:])
    flat = np.repeat(starts - new_off[:-1], lens) + np.arange(new_off[-1], dtype=np.int64)
    return flat, new_off


def morton_order(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Rank of each point along a Z-order curve (neighbours on the map → neighbours in order)."""
    if len(x) == 0:
        return np.zeros(0, dtype=np.int64)
    finite = np.isfinite(x) & np.isfinite(y)
    xf = np.where(finite, x, np.nanmin(x[finite]) if finite.any() else 0.0)
    yf = np.where(finite, y, np.nanmin(y[finite]) if finite.any() else 0.0)

    def scale(v: np.ndarray) -> np.ndarray:
        span = float(v.max() - v.min()) or 1.0
        return ((v - v.min()) / span * 65535).astype(np.uint64)

    def spread(v: np.ndarray) -> np.ndarray:
        v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF)
        v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F)
        v = (v | (v << np.uint64(2))) & np.uint64(0x33333333)
        v = (v | (v << np.uint64(1))) & np.uint64(0x55555555)
        return v

    key = spread(scale(xf)) | (spread(scale(yf)) << np.uint64(1))
    return np.argsort(key, kind="stable")


def paths_from_elements(elems: np.ndarray | bytes, starts: Sequence[int],
                        ends: Sequence[int]) -> list[QPainterPath]:
    """Decode odd-even ``QPainterPath`` s from an element array.

    ``elems`` (or its ``tobytes()``) has fields ``c`` (0 = move-to, 1 = line-to), ``x``, ``y``;
    path ``i`` holds elements ``starts[i]:ends[i]``. The bytes follow ``QDataStream``'s
    ``QPainterPath`` layout, so Qt fills the paths without a per-vertex Python call.
    """
    raw = elems if isinstance(elems, bytes) else np.ascontiguousarray(elems).tobytes()
    size = _ELEM_DTYPE.itemsize
    parts = []
    for a, b in zip(starts, ends, strict=True):
        parts.append(np.int32(b - a).tobytes())
        parts.append(raw[a * size: b * size])
        parts.append(_PATH_TRAILER)
    stream = QDataStream(QByteArray(b"".join(parts)))
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    paths = []
    for _ in range(len(parts) // 3):
        path = QPainterPath()
        stream >> path
        paths.append(path)
    return paths


def polygonf_from_xy(xy: np.ndarray) -> QPolygonF:
    """A ``QPolygonF`` holding the (n, 2) points ``xy``, filled from one buffer."""
    xy = np.ascontiguousarray(xy, dtype="<f8")
    stream = QDataStream(QByteArray(np.int32(len(xy)).tobytes() + xy.tobytes()))
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    poly = QPolygonF()
    stream >> poly
    return poly


def geometry_elements(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flatten polygons: (coords (m, 2), ring offsets into coords, feature offsets into rings).

    Simple polygons (one ring, the usual parcel) take their ring straight from
    ``get_coordinates``; only polygons with holes and multi-polygons go through
    ``to_ragged_array``, which is several times slower per feature.
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return np.zeros((0, 2)), np.zeros(1, np.int64), np.zeros(1, np.int64)
    clean = np.where(shapely.is_missing(geoms), shapely.Polygon(), geoms)
    kinds = shapely.get_type_id(clean)
    # only areas are drawn; anything else (stray lines/points) counts as empty
    clean = np.where(np.isin(kinds, (3, 6)), clean, shapely.Polygon())
    kinds = np.where(np.isin(kinds, (3, 6)), kinds, 3)
    coords = shapely.get_coordinates(clean)
    ncoord = shapely.get_num_coordinates(clean).astype(np.int64)
    simple = (kinds == 3) & (shapely.get_num_interior_rings(clean) == 0) & (ncoord > 0)
    ring_count = simple.astype(np.int64)
    complex_idx = np.flatnonzero(~simple & (ncoord > 0))
    ring_len_c = np.zeros(0, dtype=np.int64)
    if len(complex_idx):
        gtype, _, offsets = shapely.to_ragged_array(clean[complex_idx], include_z=False)
        if gtype == shapely.GeometryType.POLYGON:
            ring_off_c, feat_ring_c = offsets
        else:
            ring_off_c, part_ring, feat_part = offsets
            feat_ring_c = np.asarray(part_ring)[np.asarray(feat_part)]
        ring_len_c = np.diff(np.asarray(ring_off_c, dtype=np.int64))
        ring_count[complex_idx] = np.diff(np.asarray(feat_ring_c, dtype=np.int64))
    feat_ring = np.zeros(len(clean) + 1, dtype=np.int64)
    np.cumsum(ring_count, out=feat_ring[1:])
    ring_len = np.zeros(feat_ring[-1], dtype=np.int64)
    ring_len[feat_ring[:-1][simple]] = ncoord[simple]
    if len(complex_idx):
        pos, _ = ragged_take(feat_ring, complex_idx)
        ring_len[pos] = ring_len_c
    ring_off = np.zeros(len(ring_len) + 1, dtype=np.int64)
    np.cumsum(ring_len, out=ring_off[1:])
    return coords, ring_off, feat_ring


def snap_rings(coords: np.ndarray, ring_off: np.ndarray, tolerance: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """Drop vertices that fall in the same ``tolerance`` grid cell as the one before.

    A vectorised map-to-pixel simplification: with ``tolerance`` half a pixel nothing visible
    changes, but dense outlines lose most of their vertices. Ring starts and ends are kept so
    every ring still closes. Returns the new coordinates and ring offsets.
    """
    if len(coords) == 0:
        return coords, ring_off
    cell = np.floor(coords / tolerance)
    keep = np.empty(len(coords), dtype=bool)
    keep[0] = True
    np.any(cell[1:] != cell[:-1], axis=1, out=keep[1:])
    keep[ring_off[:-1][ring_off[:-1] < len(coords)]] = True
    keep[ring_off[1:] - 1] = True
    kept = np.zeros(len(coords) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept[1:])
    return coords[keep], kept[ring_off]


# ------------------------------------------------------------------ layer data


@dataclass
class Symbology:
    """How to draw one layer: a class per feature and a pen/brush per class.

    Parameters
    ----------
    key
        Hashable identity; chunk paths are cached per key, so change it when classes change.
    feature_class
        (n,) int, index into ``fills``; -1 = not drawn.
    fills, outlines
        Per class fill colour and outline colour.
    accent
        Optional (n,) bool: features drawn again with ``accent_pen`` (e.g. overdue in red).
    """

    key: object
    feature_class: np.ndarray
    fills: Sequence[QColor]
    outlines: Sequence[QColor]
    accent: np.ndarray | None = None
    accent_color: QColor | None = None
    accent_width: float = 2.0


@dataclass
class _Level:
    """Coordinates of one zoom level (simplified to about half a pixel)."""

    coords: np.ndarray
    ring_off: np.ndarray
    feat_ring: np.ndarray
    tiny: np.ndarray
    chunks: OrderedDict  # symbology key -> _ChunkSet


@dataclass
class _ChunkSet:
    elems: np.ndarray
    elem_off: np.ndarray  # chunk -> elements
    chunk_class: np.ndarray
    chunk_bbox: np.ndarray  # (k, 4)
    paths: list
    point_xy: list  # per class: (p, 2) centres of tiny features
    lock: threading.Lock
    raw: bytes | None = None


class LayerGeometry:
    """Read-only geometry of one layer, prepared once for culling, hit tests and drawing.

    Parameters
    ----------
    geoms
        Polygons/MultiPolygons (None or empty allowed) in the map CRS.
    """

    def __init__(self, geoms: Sequence) -> None:
        self.geoms = np.asarray(geoms, dtype=object)
        self.n = len(self.geoms)
        self.bounds = shapely.bounds(self.geoms) if self.n else np.zeros((0, 4))
        self.valid = ~np.isnan(self.bounds).any(axis=1) if self.n else np.zeros(0, bool)
        self.tree = shapely.STRtree(self.geoms)
        b = np.where(self.valid[:, None], self.bounds, 0.0) if self.n else self.bounds
        self.size = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) if self.n else np.zeros(0)
        self.centre = np.column_stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2]) \
            if self.n else np.zeros((0, 2))
        self.curve_rank = np.empty(self.n, dtype=np.int64)
        self.curve_rank[morton_order(self.centre[:, 0], self.centre[:, 1])] = np.arange(self.n)
        sizes = self.size[self.valid]
        self.median_size = float(np.median(sizes)) if len(sizes) else 0.0
        if self.valid.any():
            vb = self.bounds[self.valid]
            self.total_bounds = (vb[:, 0].min(), vb[:, 1].min(), vb[:, 2].max(), vb[:, 3].max())
        else:
            self.total_bounds = None
        self._levels: OrderedDict[object, _Level] = OrderedDict()
        self._lock = threading.Lock()
        self._full: tuple | None = None
        self.vertex_spacing = 0.0

    # -- zoom levels -----------------------------------------------------------------
    def _full_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        with self._lock:
            if self._full is None:
                coords, ring_off, feat_ring = geometry_elements(self.geoms)
                # typical distance between consecutive vertices, from a sample of segments
                step = max(1, len(coords) // 50_000)
                seg = np.hypot(*(coords[step::step] - coords[step - 1:-1:step][:len(
                    coords[step::step])]).T) if len(coords) > 1 else np.zeros(1)
                seg = seg[seg > 0]
                self.vertex_spacing = float(np.median(seg)) if len(seg) else 0.0
                self._full = (coords, ring_off, feat_ring)
            return self._full

    def level_key(self, res: float) -> object:
        """The cache key of the zoom level for ``res`` map units per pixel.

        ``"full"`` (original vertices, shared by every deep zoom) when no parcel is below a
        pixel and vertices are several pixels apart, else the power-of-two bucket of ``res``.
        """
        if self.median_size <= 0:
            return "full"
        self._full_arrays()
        key = int(math.floor(math.log2(res)))
        level_res = 2.0 ** key
        tiny_any = bool((self.valid & (self.size < POINT_PIXELS * level_res)).any())
        if not tiny_any and self.vertex_spacing >= 4.0 * level_res:
            return "full"
        return key

    def level(self, res: float) -> _Level:
        """The (cached) coordinates for ``res``: snapped to half a pixel, tiny → point."""
        return self._level_by_key(self.level_key(res))

    def warm_detail(self, sym: Symbology) -> None:
        """Build the full-detail level and its chunks for ``sym`` ahead of the first zoom-in.

        Run in a worker after the first render, so that zooming in later only decodes the
        chunk paths that come into view.
        """
        if self.n == 0:
            return
        lv = self._level_by_key("full")
        self.chunks(lv, sym.key, sym.feature_class, len(sym.fills))

    def _level_by_key(self, key: object) -> _Level:
        with self._lock:
            lv = self._levels.get(key)
            if lv is not None:
                self._levels.move_to_end(key)
                return lv
        coords, ring_off, feat_ring = self._full_arrays()
        if key == "full":
            tiny = np.zeros(self.n, dtype=bool)
        else:
            level_res = 2.0 ** key
            tiny = self.valid & (self.size < POINT_PIXELS * level_res)
            if self.vertex_spacing < 4.0 * level_res:
                coords, ring_off = snap_rings(coords, ring_off, 0.5 * level_res)
        lv = _Level(coords, ring_off, feat_ring, tiny, OrderedDict())
        with self._lock:
            self._levels[key] = lv
            while len(self._levels) > MAX_CACHED_LEVELS:
                self._levels.popitem(last=False)
        return lv

    def chunks(self, lv: _Level, key: object, feature_class: np.ndarray, nclass: int) -> _ChunkSet:
        """Features of a level sorted by (class, curve order) and cut into chunks (cached)."""
        with self._lock:
            cs = lv.chunks.get(key)
            if cs is not None:
                lv.chunks.move_to_end(key)
                return cs
        cls = np.asarray(feature_class, dtype=np.int64)
        drawn = (cls >= 0) & self.valid
        point_xy = [self.centre[drawn & lv.tiny & (cls == c)] for c in range(nclass)]
        poly = np.flatnonzero(drawn & ~lv.tiny)
        order = poly[np.lexsort((self.curve_rank[poly], cls[poly]))]
        ocls = cls[order]
        # chunk starts: every CHUNK_FEATURES features within a class, and at each class change
        if len(order):
            new_class = np.r_[True, ocls[1:] != ocls[:-1]]
            group_start = np.maximum.accumulate(np.where(new_class, np.arange(len(order)), 0))
            starts = np.flatnonzero((np.arange(len(order)) - group_start) % CHUNK_FEATURES == 0)
        else:
            starts = np.zeros(0, dtype=np.int64)
        ring_idx, feat_ring_off = ragged_take(lv.feat_ring, order)
        coord_idx, ring_coord_off = ragged_take(lv.ring_off, ring_idx)
        elems = np.empty(len(coord_idx), dtype=_ELEM_DTYPE)
        elems["c"] = 1
        elems["c"][ring_coord_off[:-1][ring_coord_off[:-1] < len(coord_idx)]] = 0
        elems["x"] = lv.coords[coord_idx, 0]
        elems["y"] = lv.coords[coord_idx, 1]
        feat_bounds = np.concatenate([starts, [len(order)]]).astype(np.int64)
        elem_off = ring_coord_off[feat_ring_off[feat_bounds]]
        if len(starts):
            b = self.bounds[order]
            bbox = np.column_stack([
                np.minimum.reduceat(b[:, 0], starts), np.minimum.reduceat(b[:, 1], starts),
                np.maximum.reduceat(b[:, 2], starts), np.maximum.reduceat(b[:, 3], starts),
            ])
        else:
            bbox = np.zeros((0, 4))
        cs = _ChunkSet(elems, elem_off, ocls[starts] if len(starts) else np.zeros(0, np.int64),
                       bbox, [None] * len(starts), point_xy, threading.Lock())
        with self._lock:
            lv.chunks[key] = cs
            while len(lv.chunks) > 6:
                lv.chunks.popitem(last=False)
        return cs

    # -- queries ---------------------------------------------------------------------
    def visible(self, extent: Sequence[float]) -> np.ndarray:
        """Indices of features whose bounding box meets ``extent`` (spatial index)."""
        return np.sort(self.tree.query(shapely.box(*extent)))

    def at_point(self, x: float, y: float, tolerance: float = 0.0) -> int:
        """Index of the feature at map point (x, y) (the smallest if several), or -1."""
        pt = shapely.Point(x, y)
        hits = self.tree.query(pt, predicate="intersects")
        if len(hits) == 0 and tolerance > 0:
            hits = self.tree.query(pt, predicate="dwithin", distance=tolerance)
        if len(hits) == 0:
            return -1
        areas = shapely.area(self.geoms[hits])
        return int(hits[np.argmin(areas)])

    def in_box(self, extent: Sequence[float]) -> np.ndarray:
        """Indices of features intersecting the box ``extent``."""
        return np.sort(self.tree.query(shapely.box(*extent), predicate="intersects"))


# ------------------------------------------------------------------ drawing


def _visible_chunks(cs: _ChunkSet, extent: Sequence[float]) -> np.ndarray:
    xmin, ymin, xmax, ymax = extent
    b = cs.chunk_bbox
    return np.flatnonzero((b[:, 2] >= xmin) & (b[:, 0] <= xmax) & (b[:, 3] >= ymin)
                          & (b[:, 1] <= ymax))


def _ensure_paths(cs: _ChunkSet, chunk_ids: np.ndarray) -> None:
    with cs.lock:
        missing = [int(i) for i in chunk_ids if cs.paths[i] is None]
        if not missing:
            return
        if cs.raw is None:
            cs.raw = cs.elems.tobytes()
        paths = paths_from_elements(cs.raw, cs.elem_off[missing].tolist(),
                                    cs.elem_off[np.asarray(missing) + 1].tolist())
        for i, p in zip(missing, paths, strict=True):
            cs.paths[i] = p


def _cosmetic_pen(color: QColor, width: float = 0.0) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def render_parcels(
    image: QImage,
    view: MapView,
    layer: LayerGeometry,
    sym: Symbology,
    stop: StopFlag | None = None,
) -> bool:
    """Draw ``layer`` with ``sym`` into ``image`` (already cleared) for ``view``.

    Returns False when stopped before the end. Safe to call from a worker thread.
    """
    if layer.n == 0:
        return True
    stop = stop or StopFlag()
    extent = view.extent
    lv = layer.level(view.res)
    if stop.stopped:
        return False
    nclass = len(sym.fills)
    cs = layer.chunks(lv, sym.key, sym.feature_class, nclass)
    if stop.stopped:
        return False
    typical_px = float(layer.median_size / view.res)
    outline = typical_px >= OUTLINE_PIXELS
    smooth = typical_px >= ANTIALIAS_PIXELS
    painter = QPainter(image)
    try:
        painter.setTransform(view.transform())
        brushes = [QBrush(c) for c in sym.fills]
        no_pen = QPen(Qt.PenStyle.NoPen)
        pens = [_cosmetic_pen(c, 1.0 if typical_px >= 40 else 0.0) for c in sym.outlines]
        # Antialiased fills cost 2-3x; unsmoothed fills under smoothed outlines look the same.
        if outline and not smooth:
            ok = _draw_chunks(painter, cs, extent, brushes, pens, stop)
        else:
            ok = _draw_chunks(painter, cs, extent, brushes, [no_pen] * nclass, stop)
            if ok and outline:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                ok = _draw_chunks(painter, cs, extent,
                                  [QBrush(Qt.BrushStyle.NoBrush)] * nclass, pens, stop)
        if not ok:
            return False
        _draw_points(painter, cs.point_xy, extent, sym.fills, view, 1.0)
        if sym.accent is not None and sym.accent.any():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
            acc_cls = np.where(sym.accent, 0, -1)
            acs = layer.chunks(lv, ("accent", sym.key), acc_cls, 1)
            color = sym.accent_color or QColor("#e31a1c")
            pen = _cosmetic_pen(color, sym.accent_width if outline else 1.0)
            if not _draw_chunks(painter, acs, extent, [QBrush(Qt.BrushStyle.NoBrush)], [pen], stop):
                return False
            _draw_points(painter, acs.point_xy, extent, [color], view, 2.0)
    finally:
        painter.end()
    return not stop.stopped


def _draw_chunks(painter: QPainter, cs: _ChunkSet, extent, brushes, pens, stop: StopFlag) -> bool:
    ids = _visible_chunks(cs, extent)
    current = -1
    for start in range(0, len(ids), 256):
        if stop.stopped:
            return False
        batch = ids[start: start + 256]
        _ensure_paths(cs, batch)
        for i in batch:
            c = int(cs.chunk_class[i])
            if c != current:
                painter.setBrush(brushes[c])
                painter.setPen(pens[c])
                current = c
            painter.drawPath(cs.paths[i])
    return True


def _draw_points(painter: QPainter, point_xy, extent, colors, view: MapView, width: float) -> None:
    xmin, ymin, xmax, ymax = extent
    for c, xy in enumerate(point_xy):
        if len(xy) == 0:
            continue
        inside = (xy[:, 0] >= xmin) & (xy[:, 0] <= xmax) & (xy[:, 1] >= ymin) & (xy[:, 1] <= ymax)
        if not inside.any():
            continue
        painter.setPen(_cosmetic_pen(colors[c], width))
        painter.drawPoints(polygonf_from_xy(xy[inside]))


def _outline_path(geoms: Sequence) -> QPainterPath:
    coords, ring_off, _ = geometry_elements(np.asarray(geoms, dtype=object))
    elems = np.empty(len(coords), dtype=_ELEM_DTYPE)
    elems["c"] = 1
    elems["c"][ring_off[:-1][ring_off[:-1] < len(coords)]] = 0
    elems["x"] = coords[:, 0]
    elems["y"] = coords[:, 1]
    return paths_from_elements(elems, [0], [len(elems)])[0]


def render_selection(
    image: QImage,
    view: MapView,
    layer: LayerGeometry,
    selected: np.ndarray,
    stop: StopFlag | None = None,
    color: QColor | None = None,
) -> bool:
    """Highlight the ``selected`` feature indices (translucent fill, bold outline)."""
    selected = np.asarray(selected, dtype=np.int64)
    if layer.n == 0 or len(selected) == 0:
        return True
    color = color or QColor("#ffff00")
    cls = np.full(layer.n, -1, dtype=np.int64)
    cls[selected[(selected >= 0) & (selected < layer.n)]] = 0
    fill = QColor(color)
    fill.setAlpha(110)
    sym = Symbology(("selection", hash(cls.tobytes())), cls, [fill], [QColor("#e6ab02")])
    stop = stop or StopFlag()
    lv = layer.level(view.res)
    cs = layer.chunks(lv, sym.key, cls, 1)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(view.transform())
        ok = _draw_chunks(painter, cs, view.extent, [QBrush(fill)],
                          [_cosmetic_pen(QColor("#b8860b"), 2.0)], stop)
        _draw_points(painter, cs.point_xy, view.extent, [QColor("#b8860b")], view, 3.0)
    finally:
        painter.end()
    return ok and not stop.stopped


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
    cell = 64.0
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


def _draw_halo_text(painter: QPainter, rect: QRectF, text: str, font: QFont,
                    color: QColor) -> None:
    path = QPainterPath()
    metrics = QFontMetricsF(font)
    x = rect.center().x() - metrics.horizontalAdvance(text) / 2
    y = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
    path.addText(QPointF(x, y), font, text)
    painter.strokePath(path, QPen(QColor(255, 255, 255, 230), 3.0, Qt.PenStyle.SolidLine,
                                  Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.fillPath(path, color)


@dataclass
class ParkLayer:
    """Park boundaries with their names (for the quota labels)."""

    names: list[str]
    geometry: LayerGeometry


def render_overlay(
    image: QImage,
    view: MapView,
    parcels: LayerGeometry | None,
    labels: Sequence[str] | None,
    parks: ParkLayer | None,
    quota: dict | None,
    stop: StopFlag | None = None,
    font: QFont | None = None,
    quota_format: Callable[[str, float, float], str] | None = None,
) -> bool:
    """Park boundaries, parcel labels (when zoomed in) and each park's quota gauge."""
    stop = stop or StopFlag()
    font = QFont(font) if font is not None else QFont()
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        reserved: list[QRectF] = []
        if parks is not None and parks.geometry.n:
            painter.setTransform(view.transform())
            path = _outline_path(parks.geometry.geoms)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(_cosmetic_pen(QColor(255, 255, 255, 200), 5.0))
            painter.drawPath(path)
            pen = _cosmetic_pen(QColor("#252525"), 2.2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPath(path)
            painter.resetTransform()
            reserved = _draw_quota_gauges(painter, view, parks, quota or {}, font, quota_format)
        if stop.stopped:
            return False
        if parcels is not None and labels is not None and parcels.n:
            _draw_parcel_labels(painter, view, parcels, labels, font, reserved, stop)
    finally:
        painter.end()
    return not stop.stopped


def _draw_parcel_labels(painter, view, parcels, labels, font, reserved, stop) -> None:
    if parcels.median_size / view.res < LABEL_MIN_PIXELS / 2:
        return
    idx = parcels.visible(view.extent)
    if len(idx) == 0 or len(idx) > MAX_LABEL_FEATURES:
        return
    big = idx[parcels.size[idx] / view.res >= LABEL_MIN_PIXELS]
    if len(big) == 0 or stop.stopped:
        return
    big = big[np.argsort(-shapely.area(parcels.geoms[big]), kind="stable")]
    anchors = shapely.get_coordinates(shapely.point_on_surface(parcels.geoms[big]))
    px, py = view.to_pixel(anchors[:, 0], anchors[:, 1])
    lab_font = QFont(font)
    lab_font.setPointSizeF(max(font.pointSizeF(), 8.0))
    metrics = QFontMetricsF(lab_font)
    cands = [(str(labels[i]) if labels[i] is not None else "", float(x), float(y))
             for i, x, y in zip(big, px, py, strict=True)]
    placed = place_labels(cands, metrics, QRectF(0, 0, view.width, view.height))
    for text, rect in placed:
        if any(rect.intersects(r) for r in reserved):
            continue
        _draw_halo_text(painter, rect, text, lab_font, QColor("#1a1a1a"))


def default_quota_text(park: str, done: float, target: float) -> str:
    """Default quota label; the canvas passes a translated formatter instead."""
    return f"{park} {done:,.0f} / {target:,.0f} 亩"


def _draw_quota_gauges(painter, view, parks: ParkLayer, quota: dict, font: QFont,
                       fmt) -> list[QRectF]:
    fmt = fmt or default_quota_text
    big = QFont(font)
    big.setBold(True)
    big.setPointSizeF(max(font.pointSizeF(), 9.0) + 1.0)
    metrics = QFontMetricsF(big)
    rects = []
    anchors = shapely.get_coordinates(shapely.point_on_surface(
        np.where(shapely.is_missing(parks.geometry.geoms), shapely.Point(),
                 parks.geometry.geoms)))
    for name, (x, y) in zip(parks.names, anchors, strict=False):
        if not np.isfinite(x):
            continue
        px, py = view.to_pixel(float(x), float(y))
        if not (-200 < px < view.width + 200 and -50 < py < view.height + 50):
            continue
        behind = False
        if name in quota and quota[name] is not None:
            done, target = quota[name][:2]
            behind = len(quota[name]) > 2 and bool(quota[name][2])
            text = fmt(name, float(done), float(target))
            frac = float(done) / float(target) if target and float(target) > 0 else 0.0
        else:
            text, frac = name, None
        w = metrics.horizontalAdvance(text) + 16
        h = metrics.height() + (14 if frac is not None else 6)
        # Keep the gauge whole inside the map when its park sits near an edge.
        left = min(max(px - w / 2, 2.0), max(view.width - w - 2, 2.0))
        top = min(max(py - h / 2, 2.0), max(view.height - h - 2, 2.0))
        box = QRectF(left, top, w, h)
        painter.setPen(QPen(QColor("#252525"), 1.0))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(big)
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(QRectF(box.left(), box.top() + 2, w, metrics.height()),
                         int(Qt.AlignmentFlag.AlignCenter), text)
        if frac is not None:
            bar = QRectF(box.left() + 8, box.bottom() - 10, w - 16, 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d9d9d9"))
            painter.drawRect(bar)
            done_color = (QColor("#e53935") if behind  # behind pace: red, as in the panel
                          else QColor("#1a9850") if frac >= 1.0 else QColor("#2c7bb6"))
            painter.setBrush(done_color)
            painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * min(frac, 1.0),
                                    bar.height()))
        rects.append(box)
    return rects


# ------------------------------------------------------------------ worker


class WarmTask(QRunnable):
    """Background preparation that has no image to hand back (see ``warm_detail``)."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:  # noqa: D102 - QRunnable API
        try:
            self.fn()
        except Exception:  # only a head start; the render will build what it needs anyway
            return


class RenderNotifier(QObject):
    """Carries a finished render back to the GUI thread (queued signal)."""

    finished = Signal(int, object)  # job id, RenderResult


class RenderTask(QRunnable):
    """Renders named layers for one view in a ``QThreadPool`` worker.

    ``layers`` maps a name to ``draw(image, view, stop) -> bool``. Each layer gets its own
    transparent ``QImage``; nothing is emitted when the task was stopped.
    """

    def __init__(self, job_id: int, view: MapView,
                 layers: dict[str, Callable[[QImage, MapView, StopFlag], bool]],
                 notifier: RenderNotifier, stop: StopFlag) -> None:
        super().__init__()
        self.job_id = job_id
        self.view = view
        self.layers = layers
        self.notifier = notifier
        self.stop = stop
        self.setAutoDelete(True)

    def run(self) -> None:  # noqa: D102 - QRunnable API
        images, error = {}, None
        try:
            for name, draw in self.layers.items():
                if self.stop.stopped:
                    return
                image = new_layer_image(self.view)
                if not draw(image, self.view, self.stop):
                    return
                images[name] = image
        except Exception as exc:  # a render must never take the app down; report it instead
            error = exc
        if not self.stop.stopped:
            self.notifier.finished.emit(self.job_id, RenderResult(self.view, images, error))


@dataclass
class RenderResult:
    """What a :class:`RenderTask` hands back: its view, one image per layer, or the error."""

    view: MapView
    images: dict
    error: Exception | None = None


def new_layer_image(view: MapView) -> QImage:
    """A transparent premultiplied ARGB image of the view's size."""
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image
