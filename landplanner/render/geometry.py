"""Layer geometry prepared once for fast drawing at any zoom: chunks, levels, spatial index.

Speed at 100,000 parcels comes from doing the per-feature work once, in numpy:

* :class:`LayerGeometry` keeps the geometries' bounding boxes, an ``STRtree`` (hit testing,
  labels) and a space-filling-curve order computed once per layer;
* the coordinates are flattened once per layer (``get_coordinates``, and
  ``shapely.to_ragged_array`` for the few polygons with holes or parts); per zoom level (a
  power-of-two bucket of map units per pixel) vertices closer than half a pixel are dropped
  by a vectorised grid snap (:func:`snap_rings`) when enough of them are that close
  (:meth:`LayerGeometry.snap_tolerance`);
  features smaller than about a pixel at that level are drawn as single points
  (``drawPoints`` from one buffer per style class);
* per zoom level and symbology the features are sorted by (style class, curve order) and cut
  into chunks of a few dozen neighbours. Each chunk becomes one ``QPainterPath`` in map
  coordinates, decoded by ``QDataStream`` from a numpy byte buffer (no per-vertex Python loop),
  built lazily the first time it is visible and then reused for every later render at that
  zoom level. Small, spatially compact paths keep Qt's scan converter fast (one huge path is
  several times slower to fill), and whole chunks are culled by their bounding boxes;
* rings are sub-paths of an odd-even path, so holes stay empty;
* a chunk that is only filled (no outline: the zoomed-out views, the first map of a big
  project) gets a cheaper *fill path* instead (:meth:`_ChunkSet.ensure_fills`): all its rings
  in one polygon, written into a ``QPolygonF``'s memory straight from numpy
  (:func:`polygonf_from_xy`) and added to the path in one call. The rings are joined by
  connecting lines that the polygon runs back along at its end, so every connecting line
  is crossed twice and the odd-even fill is that of the rings alone, pixel for pixel
  (``QDataStream`` decoding costs ~70 µs a chunk, this ~7 µs). Such a path must never be
  stroked: its connecting lines would show.

Rendering into a ``QImage`` with ``QPainter`` is thread safe; nothing here touches widgets.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, Qt
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

#: Features per chunk path: small enough for Qt's scan converter, large enough to amortise calls.
CHUNK_FEATURES = 32
#: On a level whose parcels are too small for outlines (only filled: the zoomed-out views,
#: the first full map), chunks hold this many times more: the same few pixels of screen a
#: chunk, and a quarter of the paths to build (~0.05 s less at 100,000 parcels).
FILL_CHUNK_FACTOR = 4
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
#: A level's vertices are snapped only when at least this share of segments is shorter than
#: half its pixel (see :meth:`LayerGeometry.snap_tolerance`).
SNAP_MIN_SHORT = 0.2
#: Chunk sets kept per zoom level (one per symbology recently drawn: style, accents, selection).
MAX_CHUNK_SETS = 6

_ELEM_DTYPE = np.dtype([("c", "<i4"), ("x", "<f8"), ("y", "<f8")])
_PATH_TRAILER = np.array([0, 0], dtype="<i4").tobytes()  # cStart, Qt.OddEvenFill



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


#: ``shiboken6.VoidPtr`` once the app's UI hands it over (:func:`enable_polygon_memory`;
#: render/ itself imports no shiboken6). Without it, polygons are filled by QDataStream.
VoidPtr = None
_POLYGON_MEMORY = False


def _polygon_memory(poly: QPolygonF, n: int) -> np.ndarray | None:
    """The (n, 2) float64 points of ``poly`` (resized to ``n``) as a writable numpy view of
    its own memory, or None when that memory is not at hand."""
    try:
        poly.resize(n)
        if n == 0:
            return np.zeros((0, 2))
        view = np.frombuffer(VoidPtr(poly.data(), n * 16, True), dtype=np.float64)
        return view.reshape(n, 2)
    except Exception:  # no VoidPtr, or a binding that hands out no memory: QDataStream
        return None


def _check_polygon_memory() -> bool:
    """Whether writing through :func:`_polygon_memory` really sets the polygon's points."""
    try:
        poly = QPolygonF()
        mem = _polygon_memory(poly, 3)
        if mem is None:
            return False
        mem[:] = ((1.5, -2.0), (3.25, 4.0), (-5.0, 6.5))
        return [(p.x(), p.y()) for p in (poly.at(0), poly.at(1), poly.at(2))] == [
            (1.5, -2.0), (3.25, 4.0), (-5.0, 6.5)]
    except Exception:
        return False


def enable_polygon_memory(void_ptr) -> bool:
    """Let polygons be written straight into a ``QPolygonF``'s memory, through
    ``void_ptr`` (``shiboken6.VoidPtr``, which the UI imports and hands over); checked
    once, and True when it works (else the slower QDataStream way stays)."""
    global VoidPtr, _POLYGON_MEMORY
    VoidPtr = void_ptr
    _POLYGON_MEMORY = _check_polygon_memory()
    if not _POLYGON_MEMORY:
        VoidPtr = None
    return _POLYGON_MEMORY


def polygonf_from_xy(xy: np.ndarray) -> QPolygonF:
    """A ``QPolygonF`` holding the (n, 2) points ``xy``, filled from one buffer."""
    xy = np.ascontiguousarray(xy, dtype="<f8").reshape(-1, 2)
    if _POLYGON_MEMORY:
        poly = QPolygonF()
        mem = _polygon_memory(poly, len(xy))
        if mem is not None:
            mem[:] = xy
            return poly
    stream = QDataStream(QByteArray(np.int32(len(xy)).tobytes() + xy.tobytes()))
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    poly = QPolygonF()
    stream >> poly
    return poly


def fill_paths_from_points(coords: np.ndarray, src: np.ndarray, starts: Sequence[int],
                       ends: Sequence[int]) -> list[QPainterPath]:
    """Odd-even fill paths, path ``i`` one polygon through the points
    ``coords[src[starts[i]:ends[i]]]`` (see :func:`fill_polygon_points` for rings joined so
    that they fill as sub-paths would). Each polygon's points are gathered straight into its
    own memory: no copy of all the points in between (~15 MB for the first map of 100,000
    parcels, costly to fault in on a fresh process)."""
    coords = np.ascontiguousarray(coords, dtype="<f8").reshape(-1, 2)
    src = np.asarray(src, dtype=np.intp)
    points = coords.view(np.complex128).reshape(-1)  # one element a point: one gather
    odd_even = Qt.FillRule.OddEvenFill
    fast = _POLYGON_MEMORY
    paths = []
    for a, b in zip(starts, ends, strict=True):
        path = QPainterPath()
        path.setFillRule(odd_even)
        if b > a:
            if fast:  # (polygonf_from_xy inlined: this loop runs once per chunk)
                poly = QPolygonF()
                poly.resize(b - a)
                np.take(points, src[a:b], out=np.frombuffer(
                    VoidPtr(poly.data(), (b - a) * 16, True), dtype=np.complex128))
            else:
                poly = polygonf_from_xy(coords[src[a:b]])
            path.addPolygon(poly)
        paths.append(path)
    return paths


def fill_polygon_points(coord_idx: np.ndarray, ring_coord_off: np.ndarray,
                        group_ring_off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each group's closed rings as one polygon that fills (odd-even) as the rings do.

    ``coord_idx[ring_coord_off[r]:ring_coord_off[r + 1]]`` are ring ``r``'s vertices (first
    = last) and group ``k`` holds rings ``group_ring_off[k]:group_ring_off[k + 1]``. A group
    becomes its rings one after the other, then the start vertices of its rings but the last
    in reverse order: the line from each ring's start to the next one's is run back along
    at the end, so a scan line crosses every connecting line twice and the parity, hence the
    odd-even fill, is the rings' own. Returns (indices into ``coord_idx``'s values, i.e.
    vertex numbers, and the groups' offsets into them).
    """
    cr = np.asarray(group_ring_off, dtype=np.int64)
    rco = np.asarray(ring_coord_off, dtype=np.int64)
    k = len(cr) - 1
    back = np.maximum(np.diff(cr) - 1, 0)  # start vertices run back along per group
    forward = rco[cr[1:]] - rco[cr[:-1]]
    out_off = np.zeros(k + 1, dtype=np.int64)
    np.cumsum(forward + back, out=out_off[1:])
    src = np.empty(out_off[-1], dtype=np.int64)
    back_before = out_off[:-1] - rco[cr[:-1]]  # back vertices of the groups before
    src[np.arange(len(coord_idx)) + np.repeat(back_before, forward)] = coord_idx
    if back.sum():
        back_off = np.zeros(k + 1, dtype=np.int64)
        np.cumsum(back, out=back_off[1:])
        t = np.arange(back_off[-1]) - np.repeat(back_off[:-1], back)
        ring = np.repeat(cr[1:] - 2, back) - t
        src[np.repeat(out_off[:-1] + forward, back) + t] = coord_idx[rco[ring]]
    return src, out_off


def geometry_elements(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flatten polygons: (coords (m, 2), ring offsets into coords, feature offsets into rings).

    Simple polygons (one ring, the usual parcel, also as a one-part MultiPolygon) take their
    ring straight from ``get_coordinates``; only polygons with holes and multi-part polygons
    go through ``to_ragged_array``, which is several times slower per feature. (Which are
    simple is counted by shapely, not told from the coordinates: ~25 ms less at 100,000.)
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return np.zeros((0, 2)), np.zeros(1, np.int64), np.zeros(1, np.int64)
    kinds = shapely.get_type_id(geoms)  # -1: None
    # only areas are drawn; anything else (None, stray lines/points) counts as empty
    area = (kinds == 3) | (kinds == 6)
    clean = geoms if area.all() else np.where(area, geoms, shapely.Polygon())
    kinds = np.where(area, kinds, 3)
    coords = shapely.get_coordinates(clean)
    ncoord = shapely.get_num_coordinates(clean).astype(np.int64)
    # One ring: a polygon without holes, or a one-part MultiPolygon (what loaders give for
    # every parcel) whose part has none; counted in C, without a shapely object per feature
    # (only the few one-part MultiPolygons give their part).
    holes = shapely.get_num_interior_rings(clean)  # 0 for a MultiPolygon
    one_part = np.flatnonzero((kinds == 6) & (shapely.get_num_geometries(clean) == 1))
    single = kinds == 3
    if len(one_part):
        single[one_part] = True
        holes[one_part] = shapely.get_num_interior_rings(shapely.get_geometry(clean[one_part], 0))
    simple = single & (holes == 0) & (ncoord > 0)
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
    chunks: OrderedDict  # (number of classes, digest of the feature classes) -> _ChunkSet
    chunk_features: int = CHUNK_FEATURES  # features per chunk on this level
    building: dict = field(default_factory=dict)  # chunk key -> the chunk set being built


def _built_once(lock: threading.Lock, cache: OrderedDict, building: dict, key: object,
                build: Callable[[], object], limit: int) -> object:
    """``cache[key]``, made by ``build()`` when missing and kept (the ``limit`` most recent).

    Built once: a thread asking for a key that another thread is building waits for that
    one instead of building it again (opening a project, the read-ahead and the first render
    ask for the same level and chunks at about the same time). A build that fails is not
    kept; the next request tries again.
    """
    with lock:
        value = cache.get(key)
        if value is not None:
            cache.move_to_end(key)
            return value
        pending = building.get(key)
        mine = pending is None
        if mine:
            pending = building[key] = Future()
    if not mine:
        return pending.result()
    try:
        value = build()
    except BaseException as exc:
        with lock:
            building.pop(key, None)
        pending.set_exception(exc)
        raise
    with lock:
        cache[key] = value
        while len(cache) > limit:
            cache.popitem(last=False)
        building.pop(key, None)
    pending.set_result(value)
    return value


class _ChunkSet:
    """One level's features for one symbology: sorted by (class, curve order), cut into chunks.

    Only the cheap index is built up front (the order, each chunk's features, class and
    bounding box). A chunk's vertices are gathered and its path decoded the first time it
    is visible (:meth:`ensure_paths`), so the first render of a deep zoom touches only the
    features in view, not the 100,000 of the layer.
    """

    def __init__(self, lv: _Level, order: np.ndarray, feat_off: np.ndarray,
                 chunk_class: np.ndarray, chunk_bbox: np.ndarray, point_xy: list) -> None:
        self._coords, self._ring_off, self._feat_ring = lv.coords, lv.ring_off, lv.feat_ring
        self.order = order  # features, chunk by chunk
        self.feat_off = feat_off  # chunk -> range in ``order``
        self.chunk_class = chunk_class
        self.chunk_bbox = chunk_bbox  # (k, 4)
        self.paths: list = [None] * len(chunk_class)
        self.fills: list = [None] * len(chunk_class)  # fill-only paths (:meth:`ensure_fills`)
        self.point_xy = point_xy  # per class: (p, 2) centres of tiny features
        self.lock = threading.Lock()
        self._all: tuple[np.ndarray, np.ndarray] | None = None

    def _vertices(self, ids: Sequence[int] | np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The vertices of chunks ``ids``: (vertex numbers, ring → vertex offsets, chunk →
        ring offsets)."""
        pos, chunk_feat_off = ragged_take(self.feat_off, np.asarray(ids, dtype=np.int64))
        ring_idx, feat_ring_off = ragged_take(self._feat_ring, self.order[pos])
        coord_idx, ring_coord_off = ragged_take(self._ring_off, ring_idx)
        return coord_idx, ring_coord_off, feat_ring_off[chunk_feat_off]

    def elements(self, ids: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The path elements of chunks ``ids`` (concatenated) and their offsets (len + 1)."""
        coord_idx, ring_coord_off, chunk_ring_off = self._vertices(ids)
        elems = np.empty(len(coord_idx), dtype=_ELEM_DTYPE)
        elems["c"] = 1
        elems["c"][ring_coord_off[:-1][ring_coord_off[:-1] < len(coord_idx)]] = 0
        xy = self._coords[coord_idx]
        elems["x"] = xy[:, 0]
        elems["y"] = xy[:, 1]
        return elems, ring_coord_off[chunk_ring_off]

    @property
    def elems(self) -> np.ndarray:
        """Elements of every chunk (built on first use; the canvas never needs them all)."""
        return self._every()[0]

    @property
    def elem_off(self) -> np.ndarray:
        """Chunk -> range in :attr:`elems`."""
        return self._every()[1]

    def _every(self) -> tuple[np.ndarray, np.ndarray]:
        if self._all is None:
            self._all = self.elements(np.arange(len(self.chunk_class)))
        return self._all

    def ensure_paths(self, chunk_ids: Sequence[int] | np.ndarray) -> None:
        """Decode the paths of these chunks that are not decoded yet (thread safe)."""
        with self.lock:
            missing = [int(i) for i in chunk_ids if self.paths[i] is None]
            if not missing:
                return
            elems, off = self.elements(missing)
            paths = paths_from_elements(elems, off[:-1].tolist(), off[1:].tolist())
            for i, p in zip(missing, paths, strict=True):
                self.paths[i] = p

    def ensure_fills(self, chunk_ids: Sequence[int] | np.ndarray) -> None:
        """Build the fill paths of these chunks that have none yet (thread safe).

        A fill path fills as the chunk's path does, pixel for pixel, but costs a tenth to
        build; it is never stroked (see the module notes)."""
        with self.lock:
            missing = [int(i) for i in chunk_ids if self.fills[i] is None]
            if not missing:
                return
            src, off = fill_polygon_points(*self._vertices(missing))
            paths = fill_paths_from_points(self._coords, src, off[:-1].tolist(), off[1:].tolist())
            for i, p in zip(missing, paths, strict=True):
                self.fills[i] = p


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
        self._tree: shapely.STRtree | None = None  # built on the first query (print needs none)
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
        self._building: dict[object, Future] = {}  # level key -> the level being built
        self._lock = threading.Lock()
        self._full: tuple | None = None
        self.vertex_spacing = 0.0
        self._segments = np.zeros(0)  # a sorted sample of segment lengths (_full_arrays)

    @property
    def tree(self) -> shapely.STRtree:
        """Spatial index of the geometries (hit tests, labels), built when first needed."""
        tree = self._tree
        if tree is None:
            tree = self._tree = shapely.STRtree(self.geoms)
        return tree

    # -- prepared ahead ----------------------------------------------------------------
    @classmethod
    def ahead(cls, geoms: Sequence) -> LayerGeometry:
        """Prepare ``geoms`` now (index, flattened vertices), for the next :meth:`prepared`.

        Opening a project, the app does this in the thread that read the file while the
        window is still being built (issue 10 §8); one layer is kept, until taken.
        """
        layer = cls(geoms)
        layer._full_arrays()
        global _AHEAD
        with _AHEAD_LOCK:
            _AHEAD = layer
        return layer

    @classmethod
    def prepared(cls, geoms: Sequence) -> LayerGeometry:
        """``LayerGeometry(geoms)``, or the layer :meth:`ahead` prepared for these very
        geometry objects (same objects, same order)."""
        global _AHEAD
        geoms = np.asarray(geoms, dtype=object)
        with _AHEAD_LOCK:
            layer, _AHEAD = _AHEAD, None
        if layer is not None and _same_objects(layer.geoms, geoms):
            return layer
        return cls(geoms)

    # -- zoom levels -----------------------------------------------------------------
    def full_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(coords, ring offsets, feature → ring offsets) of every vertex (cached)."""
        return self._full_arrays()

    def _full_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        with self._lock:
            if self._full is None:
                coords, ring_off, feat_ring = geometry_elements(self.geoms)
                # typical distance between consecutive vertices, from a sample of segments
                step = max(1, len(coords) // 50_000)
                seg = np.hypot(*(coords[step::step] - coords[step - 1:-1:step][:len(
                    coords[step::step])]).T) if len(coords) > 1 else np.zeros(1)
                seg = np.sort(seg[seg > 0])
                self.vertex_spacing = float(np.median(seg)) if len(seg) else 0.0
                self._segments = seg
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
        self.chunks(lv, sym.feature_class, len(sym.fills))

    def _level_by_key(self, key: object) -> _Level:
        """The level ``key`` (cached; built once, see :func:`_built_once`)."""
        return _built_once(self._lock, self._levels, self._building, key,
                           lambda: self._build_level(key), MAX_CACHED_LEVELS)

    def snap_tolerance(self, key: object) -> float:
        """The grid (map units) the vertices of level ``key`` are snapped to; 0: not snapped.

        Half the level's pixel, when that drops enough vertices to pay for itself: at least
        :data:`SNAP_MIN_SHORT` of the segments (a sample) are shorter than that. Parcels
        drawn with few vertices several pixels apart (a town's parcels on the first full map)
        lose almost none, and snapping 800,000 vertices costs more than drawing them."""
        if key == "full":
            return 0.0
        self._full_arrays()
        tolerance = 0.5 * 2.0 ** key
        seg = self._segments
        short = np.searchsorted(seg, tolerance) / len(seg) if len(seg) else 0.0
        return tolerance if short >= SNAP_MIN_SHORT else 0.0

    def _build_level(self, key: object) -> _Level:
        coords, ring_off, feat_ring = self._full_arrays()
        per_chunk = CHUNK_FEATURES
        if key == "full":
            tiny = np.zeros(self.n, dtype=bool)
        else:
            tiny = self.valid & (self.size < POINT_PIXELS * 2.0 ** key)
            tolerance = self.snap_tolerance(key)
            if tolerance > 0:
                coords, ring_off = snap_rings(coords, ring_off, tolerance)
            # a view of this level has at least its pixel: parcels below an outline's size
            # here are below it in every view of the level, which only fills them
            if self.median_size < OUTLINE_PIXELS * 2.0 ** key:
                per_chunk = CHUNK_FEATURES * FILL_CHUNK_FACTOR
        return _Level(coords, ring_off, feat_ring, tiny, OrderedDict(), chunk_features=per_chunk)

    def _curve_order(self) -> np.ndarray:
        """The features along the space-filling curve (the inverse of ``curve_rank``)."""
        order = getattr(self, "_by_curve", None)
        if order is None:
            order = np.empty(self.n, dtype=np.int64)
            order[self.curve_rank] = np.arange(self.n)
            self._by_curve = order
        return order

    def _bounds_by_side(self) -> np.ndarray:
        """``bounds`` as four contiguous rows (xmin, ymin, xmax, ymax)."""
        sides = getattr(self, "_sides", None)
        if sides is None:
            sides = self._sides = np.ascontiguousarray(self.bounds.T)
        return sides

    def chunks(self, lv: _Level, feature_class: np.ndarray, nclass: int) -> _ChunkSet:
        """Features of a level sorted by (class, curve order) and cut into chunks (cached).

        ``feature_class``: each feature's class (0 … ``nclass`` - 1; -1 is not drawn). The
        chunks are kept by what they are cut from, the classes themselves (a digest of
        them): whoever asks with the same classes gets the same chunks, whatever style or
        version they come from (the read-ahead of a project's first map prepares them
        before the map has its symbology)."""
        cls = np.ascontiguousarray(feature_class, dtype=np.int64)
        # (a digest of 100,000 classes: ~0.5 ms a render; a cache key, not a secret)
        key = (int(nclass), hashlib.sha1(memoryview(cls), usedforsecurity=False).digest())
        return _built_once(self._lock, lv.chunks, lv.building, key,
                           lambda: self._cut_chunks(lv, cls, nclass), MAX_CHUNK_SETS)

    def _cut_chunks(self, lv: _Level, cls: np.ndarray, nclass: int) -> _ChunkSet:
        drawn = (cls >= 0) & self.valid
        point_xy = [self.centre[drawn & lv.tiny & (cls == c)] for c in range(nclass)]
        # (class, curve order): the features in curve order, then a stable sort by class
        # (a radix sort on small integers; lexsort took ~25 ms at 100,000 features)
        by_curve = self._curve_order()
        order = by_curve[(drawn & ~lv.tiny)[by_curve]]
        small = nclass < np.iinfo(np.int16).max
        order = order[np.argsort(cls[order].astype(np.int16 if small else np.int64),
                                 kind="stable")]
        ocls = cls[order]
        # chunk starts: every lv.chunk_features features within a class, and at each class change
        if len(order):
            new_class = np.r_[True, ocls[1:] != ocls[:-1]]
            group_start = np.maximum.accumulate(np.where(new_class, np.arange(len(order)), 0))
            starts = np.flatnonzero(
                (np.arange(len(order)) - group_start) % lv.chunk_features == 0)
        else:
            starts = np.zeros(0, dtype=np.int64)
        feat_bounds = np.concatenate([starts, [len(order)]]).astype(np.int64)
        if len(starts):
            b = self._bounds_by_side()  # contiguous sides: reduceat on columns is ~15x slower
            bbox = np.column_stack([
                np.minimum.reduceat(b[0][order], starts), np.minimum.reduceat(b[1][order], starts),
                np.maximum.reduceat(b[2][order], starts), np.maximum.reduceat(b[3][order], starts),
            ])
        else:
            bbox = np.zeros((0, 4))
        return _ChunkSet(lv, order, feat_bounds,
                         ocls[starts] if len(starts) else np.zeros(0, np.int64), bbox, point_xy)

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


_AHEAD: LayerGeometry | None = None
_AHEAD_LOCK = threading.Lock()


def _same_objects(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two object arrays hold the very same objects in the same order."""
    if a is b:
        return True
    if len(a) != len(b):
        return False
    if (a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
            and a.strides == b.strides):
        return True  # one buffer of object pointers (two views of one geometry column)
    return bool(np.array_equal(np.fromiter(map(id, a), np.int64, len(a)),
                               np.fromiter(map(id, b), np.int64, len(b))))
