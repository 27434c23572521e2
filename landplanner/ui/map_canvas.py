"""The map canvas: pan, zoom, identify, select and measure over parcels and parks.

Drawing happens in a worker (:mod:`landplanner.render`); the widget only paints the
last finished image of each layer, moved and scaled to the current view, so input never waits
for a render. While the user drags, the cached images follow the mouse; one render is
requested when the gesture ends (wheel zooms are coalesced by a short timer). A new request
stops the render in flight.

Layers, bottom to top: ``parcels`` (thematic style), ``selection`` (highlight), ``overlay``
(park boundaries, quota gauges, parcel labels). Changing the selection re-renders only the
selection layer; changing the style only the parcels.

What the user sees is a view state kept here, not in the project: which layers are shown
(:data:`SHOWABLE`, :meth:`setLayerVisible`), which legend classes of each style are hidden
(:meth:`setClassVisible`, kept per style so switching back keeps them), the label field, and
the scale bar and north arrow painted over the map in its corners (:mod:`landplanner.render.furniture`).
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, QRectF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from landplanner import messages
from landplanner.render.context import MapView, StopFlag, union_bounds
from landplanner.render.draw import ParkLayer, draw_overlay, draw_parcels, draw_selection
from landplanner.render.furniture import draw_north_arrow, draw_scale_bar
from landplanner.render.geometry import LayerGeometry, enable_polygon_memory
from landplanner.render.worker import RenderNotifier, RenderTask
from landplanner.ui.map_measure import format_length, measure_line, measure_polygon
from landplanner.ui.styles import LegendEntry, ThematicStyle, get_style

try:  # fill paths written from numpy into QPolygonF memory (render.geometry; render/
    from shiboken6 import VoidPtr  # imports no shiboken6 itself)

    enable_polygon_memory(VoidPtr)
except ImportError:  # pragma: no cover - shiboken6 comes with PySide6
    pass

log = logging.getLogger(__name__)

messages.register({"ui.map.north": ("北", "N")})

LAYERS = ("parcels", "selection", "overlay")
#: Layers the user can show or hide (the layer list's check boxes): the parcels, the park
#: boundaries with their quota gauges, the parcel labels, the marker sets (``assets``,
#: ``match``) and the scale bar with the north arrow.
SHOWABLE = ("parcels", "parks", "labels", "assets", "match", "furniture")
#: Pixels the mouse may move and still count as a click.
CLICK_SLOP = 4
#: Hit-test tolerance around the cursor, in pixels.
HIT_TOLERANCE_PX = 3.0
#: Zoom factor of one wheel notch (120 units).
WHEEL_FACTOR = 1.25


class ToolMode(enum.Enum):
    """What a left click / drag on the canvas does."""

    PAN = "pan"
    ZOOM_BOX = "zoom_box"
    IDENTIFY = "identify"
    SELECT = "select"
    MEASURE_DISTANCE = "measure_distance"
    MEASURE_AREA = "measure_area"



class LabelTexts:
    """Each parcel's label: the column's value as text (as ``astype(str)`` writes it), None
    where it is missing.

    Made the first time a label is placed (zoomed in), not when the parcels arrive (~11 ms of
    the first map of 100,000 parcels, which shows no labels). The column is read as it was
    given: under pandas' copy-on-write, edits to the project never change it, so the render
    thread may read it.
    """

    __slots__ = ("_column", "_texts")

    def __init__(self, column: pd.Series) -> None:
        self._column = column
        self._texts: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._column)

    def __getitem__(self, i: int) -> str | None:
        texts = self._texts
        if texts is None:
            column = self._column
            texts = self._texts = np.where(column.isna(), None,
                                           column.astype(str)).astype(object)
        return texts[i]


class MapCanvas(QWidget):
    """Map widget over a parcels GeoDataFrame (canonical columns) and optional parks.

    Signals
    -------
    featureIdentified(int)
        Row position (``iloc``) of the parcel clicked with the identify/pan tool, -1 for none.
    selectionChanged(list)
        Row positions of the selected parcels after a user selection.
    coordinatesChanged(float, float)
        Map coordinates (project CRS) under the mouse.
    scaleChanged(float)
        The scale denominator N of 1:N.
    renderFinished()
        All requested layers are drawn for the current view.
    measureChanged(str)
        Text of the current measurement ("" when cleared).
    """

    featureIdentified = Signal(int)
    selectionChanged = Signal(list)
    coordinatesChanged = Signal(float, float)
    scaleChanged = Signal(float)
    renderFinished = Signal()
    measureChanged = Signal(str)
    toolModeChanged = Signal(object)
    styleChanged = Signal(str)
    #: a layer was shown / hidden, or a marker set appeared or went (the layer list follows)
    layersChanged = Signal()
    #: a legend class of the current style was shown or hidden
    classesChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(200, 150)
        self.background = QColor("#ffffff")

        self._parcels: pd.DataFrame | None = None
        self._layer: LayerGeometry | None = None
        self._crs = None
        self._parks: ParkLayer | None = None
        self._quota: dict = {}
        self._style: ThematicStyle = get_style("category")
        self._symbology = None
        self._version = 0
        self._label_field: str | None = "parcel_id"
        self._visible: dict[str, bool] = {name: True for name in SHOWABLE}
        self._hidden_classes: dict[str, set[str]] = {}
        self._labels: LabelTexts | None = None
        self._selection = np.zeros(0, dtype=np.int64)
        self._mode = ToolMode.PAN

        self._view: MapView | None = None
        self._images: dict[str, tuple[MapView, object]] = {}
        self._dirty: set[str] = set()
        self._inflight: set[str] = set()
        self._job_id = 0
        self._stop: StopFlag | None = None
        self._pool = QThreadPool(self)
        # one render at a time: a stopped render returns at its next check, the new one follows
        self._pool.setMaxThreadCount(1)
        self._notifier = RenderNotifier()
        self._notifier.finished.connect(self._on_render_finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_render)

        self._press: QPointF | None = None
        self._press_button = Qt.MouseButton.NoButton
        self._drag_view: MapView | None = None
        self._rubber: QRectF | None = None
        self._measure_pts: list[tuple[float, float]] = []
        self._measure_live: tuple[float, float] | None = None
        self._measure_done = False
        self._last_scale = 0.0
        self._warmed: tuple | None = None
        self._shut = False  # the window is closing: no render or warm-up any more (shutdown)

    # ------------------------------------------------------------------ data
    def setParcels(self, parcels: pd.DataFrame | None) -> None:
        """Show ``parcels`` (GeoDataFrame with canonical columns); zooms to their extent."""
        had_selection = len(self._selection) > 0
        self._parcels = parcels
        self._version += 1
        self._selection = np.zeros(0, dtype=np.int64)
        self._images.pop("selection", None)
        if parcels is None or len(parcels) == 0:
            self._layer = None
            self._crs = None
            self._labels = None
        else:
            self._layer = LayerGeometry.prepared(parcels.geometry.to_numpy())
            self._crs = getattr(parcels, "crs", None)
            self._update_labels()
        self._style = get_style(self._style.name, parcels)
        self._symbology = None
        if had_selection:
            self.selectionChanged.emit([])
        self.styleChanged.emit(self._style.name)
        self.zoomToFullExtent()

    def parcels(self) -> pd.DataFrame | None:
        """The parcels shown."""
        return self._parcels

    def refreshAttributes(self) -> None:
        """Re-read classes, statuses and labels after the parcels' attributes changed."""
        if self._parcels is None:
            return
        self._version += 1
        self._style = get_style(self._style.name, self._parcels)
        self._symbology = None
        self._update_labels()
        self.styleChanged.emit(self._style.name)
        self._request({"parcels", "overlay"})

    def setParks(self, parks: pd.DataFrame | None) -> None:
        """Park boundaries (GeoDataFrame with ``name`` and geometry), drawn over parcels."""
        if parks is None or len(parks) == 0:
            self._parks = None
        else:
            names = (parks["name"].astype(str).tolist() if "name" in parks.columns
                     else [str(i) for i in range(len(parks))])
            self._parks = ParkLayer(names, LayerGeometry(parks.geometry.to_numpy()))
        self._request({"overlay"})

    def setQuotaLabels(self, quota: dict) -> None:
        """Quota progress per park: ``{park name: (done_mu, target_mu)}`` (from the core)."""
        self._quota = dict(quota or {})
        self._request({"overlay"})

    def setLabelField(self, field: str | None) -> None:
        """Label parcels by ``field`` (``parcel_id``, ``enterprise``, a user column …) when
        zoomed in; ``None`` or ``""`` for no labels."""
        self._label_field = field or None
        self._update_labels()
        self._request({"overlay"})

    def labelField(self) -> str | None:
        """The column the parcels are labelled by (None: no labels)."""
        return self._label_field

    def _update_labels(self) -> None:
        p = self._parcels
        if p is None or self._label_field is None or self._label_field not in p.columns:
            self._labels = None
            return
        self._labels = LabelTexts(p[self._label_field])

    # ------------------------------------------------------------------ style
    def setStyle(self, name: str) -> None:
        """Switch the thematic style: ``category``, ``class``, ``status`` or ``park``."""
        self._style = get_style(name, self._parcels)
        self._symbology = None
        self.styleChanged.emit(name)
        self._request({"parcels"})

    def styleName(self) -> str:
        """The current style's name."""
        return self._style.name

    def currentStyle(self) -> ThematicStyle:
        """The current style (title, classes, colours)."""
        return self._style

    def legendEntries(self) -> list[LegendEntry]:
        """Legend rows of the current style with parcel counts."""
        return self._style.legend(self._parcels)

    # ------------------------------------------------------------------ what is shown
    def setClassVisible(self, key: str, visible: bool, style: str | None = None) -> None:
        """Show or hide the parcels of one legend class (a key of the style, e.g. ``D``,
        ``idle``, a park name, ``""`` for the catch-all class) of ``style`` (the current one
        by default). A view state: the project does not change; each style keeps its own."""
        name = style or self._style.name
        hidden = self._hidden_classes.setdefault(name, set())
        if (key in hidden) == (not visible):
            return
        if visible:
            hidden.discard(key)
        else:
            hidden.add(key)
        if name == self._style.name:
            self._symbology = None
            self._request({"parcels"})
            self.update()
        self.classesChanged.emit()

    def hiddenClasses(self, style: str | None = None) -> set[str]:
        """Keys of the hidden classes of ``style`` (the current one by default)."""
        return set(self._hidden_classes.get(style or self._style.name, set()))

    def isClassVisible(self, key: str, style: str | None = None) -> bool:
        """Whether the class ``key`` of ``style`` (default: current) is drawn."""
        return key not in self._hidden_classes.get(style or self._style.name, set())

    def setLayerVisible(self, name: str, visible: bool) -> None:
        """Show or hide one of :data:`SHOWABLE` at once."""
        if name not in self._visible:
            raise KeyError(name)
        if self._visible[name] == bool(visible):
            return
        self._visible[name] = bool(visible)
        if name == "parcels":
            self._request({"parcels"})
        elif name in ("parks", "labels"):
            self._request({"overlay"})
        self.update()
        self.layersChanged.emit()

    def isLayerVisible(self, name: str) -> bool:
        """Whether the layer ``name`` is shown."""
        return self._visible.get(name, True)

    def displayState(self) -> dict:
        """What is shown (layers, hidden classes per style, label field): kept when the
        window is rebuilt for another language."""
        return {"visible": dict(self._visible),
                "hidden": {k: set(v) for k, v in self._hidden_classes.items()},
                "label_field": self._label_field}

    def setDisplayState(self, state: dict) -> None:
        """Show what :meth:`displayState` returned."""
        for name, shown in state.get("visible", {}).items():
            if name in self._visible:
                self.setLayerVisible(name, shown)
        for style, keys in state.get("hidden", {}).items():
            for key in keys:
                self.setClassVisible(key, False, style)
        if "label_field" in state:
            self.setLabelField(state["label_field"])

    def markerKeys(self) -> list[str]:
        """The marker sets there are (``assets``, ``match`` …), shown or not."""
        return list(getattr(self, "_markers", {}).keys())

    # ------------------------------------------------------------------ tools
    def setToolMode(self, mode: ToolMode) -> None:
        """Choose what clicks and drags do."""
        self._mode = ToolMode(mode)
        self._rubber = None
        if self._mode not in (ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA):
            self.clearMeasurement()
        cursor = {
            ToolMode.PAN: Qt.CursorShape.OpenHandCursor,
            ToolMode.ZOOM_BOX: Qt.CursorShape.CrossCursor,
            ToolMode.IDENTIFY: Qt.CursorShape.WhatsThisCursor,
            ToolMode.SELECT: Qt.CursorShape.ArrowCursor,
        }.get(self._mode, Qt.CursorShape.CrossCursor)
        self.setCursor(cursor)
        self.toolModeChanged.emit(self._mode)
        self.update()

    def setTool(self, name: str) -> None:
        """Choose the tool by name: pan, zoom_box, identify, select, measure, measure_area."""
        aliases = {"measure": ToolMode.MEASURE_DISTANCE, "zoom": ToolMode.ZOOM_BOX}
        self.setToolMode(aliases.get(name) or ToolMode(name))

    def toolMode(self) -> ToolMode:
        """The active tool."""
        return self._mode

    # ------------------------------------------------------------------ selection
    def setSelection(self, indices: Iterable[int]) -> None:
        """Select parcels by row position (e.g. from the table); emits no signal."""
        n = self._layer.n if self._layer is not None else 0
        arr = np.unique(np.asarray(list(indices), dtype=np.int64))
        self._selection = arr[(arr >= 0) & (arr < n)]
        self._request({"selection"})

    def selection(self) -> list[int]:
        """Row positions of the selected parcels."""
        return self._selection.tolist()

    def _select(self, indices: np.ndarray, add: bool) -> None:
        indices = np.asarray(indices, dtype=np.int64)
        new = np.union1d(self._selection, indices) if add else np.unique(indices)
        if np.array_equal(new, self._selection):
            return
        self._selection = new
        self._request({"selection"})
        self.selectionChanged.emit(new.tolist())

    def featureAt(self, px: float, py: float) -> int:
        """Row position of the parcel under pixel (px, py), or -1."""
        if self._layer is None or self._view is None:
            return -1
        x, y = self._view.to_map(px, py)
        hit = self._layer.at_point(x, y, HIT_TOLERANCE_PX * self._view.res)
        if hit >= 0 and not self._drawn(np.array([hit]))[0]:
            return -1  # a hidden layer or class is not clicked
        return hit

    def _drawn(self, indices: np.ndarray) -> np.ndarray:
        """Which of these parcels are on the map (their layer and legend class shown)."""
        indices = np.asarray(indices, dtype=np.int64)
        if not self._visible["parcels"]:
            return np.zeros(len(indices), dtype=bool)
        if not self._hidden_classes.get(self._style.name):
            return np.ones(len(indices), dtype=bool)
        sym = self._ensure_symbology()
        if sym is None:
            return np.ones(len(indices), dtype=bool)
        return np.asarray(sym.feature_class)[indices] >= 0

    # ------------------------------------------------------------------ view
    def view(self) -> MapView | None:
        """The current view (centre, resolution, size)."""
        return self._view

    def setView(self, view: MapView) -> None:
        """Show ``view`` (its size is replaced by the widget's)."""
        self._view = view.resized(self.width(), self.height())
        self._view_changed()

    def zoomToExtent(self, xmin, ymin: float | None = None, xmax: float | None = None,
                     ymax: float | None = None) -> None:
        """Show the map rectangle (xmin, ymin, xmax, ymax); one 4-tuple is accepted too."""
        if ymin is None:
            xmin, ymin, xmax, ymax = (float(v) for v in xmin)
        self._view = MapView.fit((xmin, ymin, xmax, ymax), self.width(), self.height())
        self._view_changed()

    def zoomFull(self) -> None:
        """Alias of :meth:`zoomToFullExtent`."""
        self.zoomToFullExtent()

    def zoomToFullExtent(self) -> None:
        """Show all parcels and parks."""
        bounds = union_bounds(self._layer.total_bounds if self._layer is not None else None,
                              self._parks.geometry.total_bounds if self._parks is not None else None)
        if bounds is None:
            self._images.clear()
            self._view = None
            self.update()
            self.renderFinished.emit()
            return
        self.zoomToExtent(*bounds)

    def zoomToIndices(self, indices: Sequence[int]) -> None:
        """Show the parcels at these row positions (a small margin around them)."""
        if self._layer is None or len(indices) == 0:
            return
        b = self._layer.bounds[np.asarray(indices, dtype=np.int64)]
        b = b[~np.isnan(b).any(axis=1)]
        if len(b) == 0:
            return
        xmin, ymin, xmax, ymax = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
        # a single small parcel should not fill the whole screen
        pad = max(xmax - xmin, ymax - ymin, self._layer.median_size * 3) * 0.15
        self.zoomToExtent(xmin - pad, ymin - pad, xmax + pad, ymax + pad)

    def zoomToSelection(self) -> None:
        """Show the selected parcels."""
        self.zoomToIndices(self._selection)

    def zoomIn(self, factor: float = 2.0) -> None:
        """Zoom in around the centre."""
        if self._view is not None:
            self._view = self._view.zoomed(factor)
            self._view_changed()

    def zoomOut(self, factor: float = 2.0) -> None:
        """Zoom out around the centre."""
        self.zoomIn(1.0 / factor)

    def scale(self) -> float:
        """Scale denominator N (1:N) for this screen's pixel size."""
        if self._view is None:
            return 0.0
        metres_per_px = self._view.res
        if self._crs is not None and getattr(self._crs, "is_geographic", False):
            metres_per_px *= 111_320.0 * np.cos(np.radians(self._view.cy))
        dpi = self.logicalDpiX() or 96
        return float(metres_per_px / (0.0254 / dpi))

    def _view_changed(self, delay_ms: int = 0) -> None:
        s = self.scale()
        if s != self._last_scale:
            self._last_scale = s
            self.scaleChanged.emit(s)
        self._request(set(LAYERS), delay_ms)
        self.update()

    # ------------------------------------------------------------------ rendering
    def isRendering(self) -> bool:
        """Whether a render is running or scheduled."""
        return bool(self._inflight or self._dirty)

    def _request(self, layers: set[str], delay_ms: int = 0) -> None:
        self._dirty |= set(layers)
        if self._view is None:
            return
        self._timer.start(delay_ms)

    def _ensure_symbology(self):
        if self._symbology is None and self._parcels is not None:
            sym = self._style.symbology(self._parcels, self._version)
            hidden = self._hidden_classes.get(self._style.name)
            gone = [i for i, k in enumerate(self._style.keys) if hidden and k in hidden]
            if gone:
                # class -1 is not drawn; the key changes, so the chunks are cut again
                off = np.isin(sym.feature_class, gone)
                sym = dataclasses.replace(
                    sym, key=(sym.key, "hidden", tuple(sorted(hidden))),
                    feature_class=np.where(off, -1, sym.feature_class),
                    accent=None if sym.accent is None else sym.accent & ~off)
            self._symbology = sym
        return self._symbology

    def _start_render(self) -> None:
        if self._view is None or not (self._dirty or self._inflight) or self._shut:
            return
        if self._press is not None and self._drag_view is not None:
            return  # mid-drag: the release asks again
        if self._stop is not None:
            self._stop.stop()  # its layers were not delivered; render them again
        layers = self._dirty | self._inflight
        self._dirty = set()
        self._inflight = set(layers)
        self._job_id += 1
        self._stop = StopFlag()
        view = self._view
        # snapshot everything the worker reads, so later edits cannot race with it
        layer, parks, quota = self._layer, self._parks, dict(self._quota)
        if not self._visible["parks"]:
            parks = None
        sym = self._ensure_symbology()
        if not self._visible["parcels"]:
            sym = None
        selection = self._selection.copy()
        labels = self._labels if self._visible["labels"] else None
        font = QFont(self.font())
        fmt = self._quota_text
        jobs = {}
        if "parcels" in layers:
            jobs["parcels"] = (lambda p, ctx: True) if layer is None or sym is None else (
                lambda p, ctx: draw_parcels(p, ctx, layer, sym))
        if "selection" in layers:
            if layer is None or len(selection) == 0:
                self._images.pop("selection", None)  # nothing selected: no layer image at all
            else:
                jobs["selection"] = lambda p, ctx: draw_selection(p, ctx, layer, selection)
        if "overlay" in layers:
            jobs["overlay"] = lambda p, ctx: draw_overlay(
                p, ctx, layer, labels, parks, quota, font, fmt)
        self._pool.start(RenderTask(self._job_id, view, jobs, self._notifier, self._stop,
                                    float(self.logicalDpiX() or 96)))

    def _quota_text(self, park: str, done: float, target: float) -> str:
        return self.tr("{park} {done} / {target} mu").format(
            park=park, done=f"{done:,.0f}", target=f"{target:,.0f}")

    def _on_render_finished(self, job_id: int, result) -> None:
        if job_id != self._job_id:
            return
        if result.error is not None:
            log.error("map render failed", exc_info=result.error)
        for name, image in result.images.items():
            self._images[name] = (result.view, image)
        self._inflight = set()
        self._stop = None
        self.update()
        if not self._dirty:
            self.renderFinished.emit()
            # from the event loop: a run that ends at its first map (--screenshot) leaves no
            # warm-up for the exit to wait for (the pool waits for its tasks when it goes)
            QTimer.singleShot(0, self, self._warm)

    def _warm(self) -> None:
        sym, layer = self._symbology, self._layer
        if sym is None or layer is None or self._warmed == (id(layer), sym.key) or self._shut:
            return
        self._warmed = (id(layer), sym.key)
        # on the app's Python worker threads, not the render pool: a render never waits
        # behind it, and closing the window never waits for it (see shutdown). Only a head
        # start: a failure stays in its future, unread; the render builds what it needs.
        from landplanner.ui.threads import EXECUTOR

        EXECUTOR.submit(layer.warm_detail, sym)

    def shutdown(self) -> None:
        """Stop rendering for good (the window is closing): the render running now is asked
        to stop and waited for here, so that deleting the canvas later (its pool waits for
        its tasks, in the GUI thread) has nothing left to wait for."""
        self._shut = True
        self._timer.stop()
        if self._stop is not None:
            self._stop.stop()
        self._pool.clear()
        self._pool.waitForDone()  # (releases the GIL: the render's Python code can finish)

    def waitForRender(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every requested layer is drawn; for scripts and tests."""
        from PySide6.QtCore import QCoreApplication, QElapsedTimer

        clock = QElapsedTimer()
        clock.start()
        while self.isRendering() and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            self._pool.waitForDone(5)
        QCoreApplication.processEvents()
        return not self.isRendering()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.background)
        view = self._view
        if view is not None:
            for name in LAYERS:
                if name == "overlay":
                    # markers under the overlay, as QGIS draws labels over every symbol: a
                    # park's quota gauge and the parcel labels stay readable over asset points
                    self._paint_markers(painter, view)
                entry = self._images.get(name)
                if entry is None:
                    continue
                iview, image = entry
                # the cached image, moved and scaled to where its extent is now
                xmin, _, _, ymax = iview.extent
                px, py = view.to_pixel(xmin, ymax)
                k = iview.res / view.res
                painter.drawImage(QRectF(px, py, iview.width * k, iview.height * k), image)
            self._paint_tools(painter, view)
            if self._visible["furniture"]:
                self._paint_furniture(painter)
        painter.end()

    def _paint_furniture(self, painter: QPainter) -> None:
        """Scale bar (lower left) and north arrow (upper right), true to the current scale."""
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 8.0))
        self.scale_bar_box = draw_scale_bar(
            painter, QPointF(8, self.height() - 8), self.scale(),
            float(self.logicalDpiX() or 96), font)
        self.north_arrow_box = draw_north_arrow(
            painter, QPointF(self.width() - 8, 8), messages.text("ui.map.north"), font)

    def setMarkers(self, key: str, markers: Sequence[tuple[float, float, str, str]] | None) -> None:
        """Points drawn over the map, one set per ``key`` (assets, matching candidates):
        ``(x, y, colour, label)`` in map units; ``None`` or empty clears the set."""
        if not hasattr(self, "_markers"):
            self._markers: dict[str, list] = {}
        had = key in self._markers
        if markers:
            self._markers[key] = list(markers)
        else:
            self._markers.pop(key, None)
        self.update()
        if had or key in self._markers:  # the layer list shows the sets and their counts
            self.layersChanged.emit()

    def markers(self, key: str) -> list:
        """The markers of ``key`` (empty when none)."""
        return list(getattr(self, "_markers", {}).get(key, []))

    def _paint_markers(self, painter: QPainter, view: MapView) -> None:
        sets = getattr(self, "_markers", None)
        if not sets:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for key, items in sets.items():
            if not self._visible.get(key, True):
                continue
            for x, y, colour, label in items:
                at = QPointF(*view.to_pixel(x, y))
                if not self.rect().adjusted(-20, -20, 20, 20).contains(at.toPoint()):
                    continue
                painter.setPen(QPen(QColor("#ffffff"), 1.5))
                painter.setBrush(QColor(colour))
                if label:
                    metrics = painter.fontMetrics()
                    w = max(metrics.horizontalAdvance(label) + 8, 16)
                    box = QRectF(at.x() - w / 2, at.y() - 8, w, 16)
                    painter.drawRoundedRect(box, 8, 8)
                    painter.setPen(QColor("#ffffff"))
                    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
                else:
                    painter.drawRect(QRectF(at.x() - 3, at.y() - 3, 6, 6))

    def _paint_tools(self, painter: QPainter, view: MapView) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._rubber is not None:
            color = QColor("#0072b2")
            painter.setPen(QPen(color, 1.5, Qt.PenStyle.DashLine))
            fill = QColor(color)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.drawRect(self._rubber.normalized())
        pts = list(self._measure_pts)
        if self._measure_live is not None and not self._measure_done:
            pts.append(self._measure_live)
        if not pts:
            return
        poly = QPolygonF([QPointF(*view.to_pixel(x, y)) for x, y in pts])
        area_mode = self._mode == ToolMode.MEASURE_AREA
        painter.setPen(QPen(QColor("#d55e00"), 2.0))
        if area_mode and len(pts) >= 3:
            fill = QColor("#d55e00")
            fill.setAlpha(45)
            painter.setBrush(fill)
            painter.drawPolygon(poly)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(poly)
        painter.setBrush(QColor("#d55e00"))
        for i in range(poly.size()):
            painter.drawEllipse(poly.at(i), 3, 3)
        text = self.measurementText(pts)
        if text:
            last = poly.at(poly.size() - 1)
            self._draw_tag(painter, last + QPointF(12, -12), text)

    def _draw_tag(self, painter: QPainter, at: QPointF, text: str) -> None:
        metrics = painter.fontMetrics()
        lines = text.split("\n")
        w = max(metrics.horizontalAdvance(s) for s in lines) + 12
        h = metrics.height() * len(lines) + 8
        x = min(max(at.x(), 2), self.width() - w - 2)
        y = min(max(at.y() - h, 2), self.height() - h - 2)
        box = QRectF(x, y, w, h)
        painter.setPen(QPen(QColor("#404040"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("#1a1a1a"))
        for i, line in enumerate(lines):
            painter.drawText(QPointF(x + 6, y + 4 + metrics.ascent() + i * metrics.height()), line)

    # ------------------------------------------------------------------ measuring
    def measurementText(self, points: Sequence[tuple[float, float]] | None = None) -> str:
        """The current measurement as shown on the canvas (m, and m² / mu for areas)."""
        pts = self._measure_pts if points is None else list(points)
        if self._mode == ToolMode.MEASURE_DISTANCE and len(pts) >= 2:
            m = measure_line(pts, self._crs)
            if not m.ok:  # unknown CRS: the core's message, no figure
                return m.problem
            return self.tr("Distance: {0}").format(format_length(m.length_m))
        if self._mode == ToolMode.MEASURE_AREA and len(pts) >= 3:
            m = measure_polygon(pts, self._crs)
            if not m.ok:
                return m.problem
            return self.tr("Area: {0} m² = {1} mu\nPerimeter: {2}").format(
                f"{m.area_m2:,.2f}", f"{m.area_mu:,.2f}", format_length(m.length_m))
        return ""

    def measurement(self):
        """The finished or running measurement (:class:`map_measure.Measurement`) or None."""
        pts = self._measure_pts
        if self._mode == ToolMode.MEASURE_DISTANCE and len(pts) >= 2:
            return measure_line(pts, self._crs)
        if self._mode == ToolMode.MEASURE_AREA and len(pts) >= 3:
            return measure_polygon(pts, self._crs)
        return None

    def clearMeasurement(self) -> None:
        """Forget the measured points."""
        changed = bool(self._measure_pts)
        self._measure_pts = []
        self._measure_live = None
        self._measure_done = False
        if changed:
            self.measureChanged.emit("")
        self.update()

    def _add_measure_point(self, px: float, py: float) -> None:
        if self._measure_done:
            self._measure_pts = []
            self._measure_done = False
        self._measure_pts.append(self._view.to_map(px, py))
        self.measureChanged.emit(self.measurementText())
        self.update()

    def _finish_measure(self) -> None:
        if self._measure_pts:
            self._measure_done = True
            self._measure_live = None
            self.measureChanged.emit(self.measurementText())
            self.update()

    # ------------------------------------------------------------------ events
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        if self._view is not None:
            self._view = self._view.resized(self.width(), self.height())
            self._view_changed(delay_ms=60)
        elif self._layer is not None:
            self.zoomToFullExtent()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        if self._view is None:
            return
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            return
        pos = event.position()
        self._view = self._view.zoomed(WHEEL_FACTOR ** steps, pos.x(), pos.y())
        # coalesce a burst of wheel notches into one render
        self._view_changed(delay_ms=120)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._view is None:
            return
        self._press = event.position()
        self._press_button = event.button()
        self._drag_view = None
        pan = (event.button() == Qt.MouseButton.MiddleButton
               or (event.button() == Qt.MouseButton.LeftButton and self._mode == ToolMode.PAN))
        if pan:
            self._drag_view = self._view
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif event.button() == Qt.MouseButton.RightButton and self._mode in (
                ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA):
            self._finish_measure()
            self._press = None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._view is None:
            return
        pos = event.position()
        x, y = self._view.to_map(pos.x(), pos.y())
        self.coordinatesChanged.emit(float(x), float(y))
        if self._press is not None and self._drag_view is not None:
            d = pos - self._press
            self._view = self._drag_view.panned(d.x(), d.y())
            self.update()
            return
        if (self._press is not None and self._press_button == Qt.MouseButton.LeftButton
                and self._mode in (ToolMode.ZOOM_BOX, ToolMode.SELECT)):
            if (pos - self._press).manhattanLength() > CLICK_SLOP:
                self._rubber = QRectF(self._press, pos)
                self.update()
            return
        if self._mode in (ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA) \
                and self._measure_pts and not self._measure_done:
            self._measure_live = (x, y)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._view is None or self._press is None:
            return
        pos = event.position()
        press, self._press = self._press, None
        if self._dirty:
            self._timer.start(0)  # a request that arrived mid-drag
        moved = (pos - press).manhattanLength() > CLICK_SLOP
        if self._drag_view is not None:
            self._drag_view = None
            self.setCursor(Qt.CursorShape.OpenHandCursor if self._mode == ToolMode.PAN
                           else Qt.CursorShape.CrossCursor)
            if moved:
                self._view_changed()
                return
            if event.button() != Qt.MouseButton.LeftButton:
                return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        rubber, self._rubber = self._rubber, None
        if self._mode in (ToolMode.PAN, ToolMode.IDENTIFY) and not moved:
            self.featureIdentified.emit(self.featureAt(pos.x(), pos.y()))
        elif self._mode == ToolMode.SELECT:
            if moved and rubber is not None and self._layer is not None:
                boxed = np.asarray(self._layer.in_box(self._rect_extent(rubber)), dtype=np.int64)
                self._select(boxed[self._drawn(boxed)], shift)
            elif not moved:
                hit = self.featureAt(pos.x(), pos.y())
                if hit >= 0:
                    self._select(np.array([hit]), shift)
                elif not shift:
                    self._select(np.zeros(0, dtype=np.int64), False)
        elif self._mode == ToolMode.ZOOM_BOX:
            if moved and rubber is not None:
                self.zoomToExtent(*self._rect_extent(rubber))
            else:
                self._view = self._view.zoomed(2.0, pos.x(), pos.y())
                self._view_changed()
        elif self._mode in (ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA) and not moved:
            self._add_measure_point(pos.x(), pos.y())
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._mode in (ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA):
            self._finish_measure()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self._view is None:
            super().keyPressEvent(event)
            return
        key = event.key()
        step_x, step_y = self.width() / 4.0, self.height() / 4.0
        moves = {
            Qt.Key.Key_Left: (step_x, 0.0), Qt.Key.Key_Right: (-step_x, 0.0),
            Qt.Key.Key_Up: (0.0, step_y), Qt.Key.Key_Down: (0.0, -step_y),
        }
        if key in moves:
            self._view = self._view.panned(*moves[key])
            self._view_changed(delay_ms=80)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoomIn(WHEEL_FACTOR)
        elif key == Qt.Key.Key_Minus:
            self.zoomOut(WHEEL_FACTOR)
        elif key == Qt.Key.Key_Home:
            self.zoomToFullExtent()
        elif key == Qt.Key.Key_Escape:
            self._rubber = None
            self.clearMeasurement()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _rect_extent(self, rect: QRectF) -> tuple[float, float, float, float]:
        r = rect.normalized()
        x0, y0 = self._view.to_map(r.left(), r.bottom())
        x1, y1 = self._view.to_map(r.right(), r.top())
        return (x0, y0, x1, y1)
