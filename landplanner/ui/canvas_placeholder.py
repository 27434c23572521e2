"""Stand-in map used only while ``landplanner.ui.map_canvas`` is unavailable.

It keeps the same public surface as the real ``MapCanvas`` (setters, signals) and draws the
parcels simply, so the window, the screenshot mode and the tests run before the real canvas
lands. :func:`map_canvas_class` picks the real one when it can be imported.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

LOG = logging.getLogger("landplanner.ui")


class PlaceholderMapCanvas(QWidget):
    """Minimal map: parcels filled by category, selection by click; same signals as MapCanvas."""

    selectionChanged = Signal(list)
    featureIdentified = Signal(int)
    coordinatesChanged = Signal(float, float)
    scaleChanged = Signal(float)
    renderFinished = Signal()

    COLORS = {"idle": "#e53935", "low_efficiency": "#fb8c00", "unsupplied": "#8e24aa"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(200, 150)
        self._parcels = None
        self._parks = None
        self._style = "category"
        self._selection: list[int] = []
        self._labels: dict = {}
        self._extent = QRectF(0, 0, 1, 1)

    # -- the MapCanvas surface -------------------------------------------------------------
    def setParcels(self, gdf) -> None:  # noqa: N802 - Qt naming, matches MapCanvas
        self._parcels = gdf
        if gdf is not None and len(gdf):
            x0, y0, x1, y1 = gdf.total_bounds
            self._extent = QRectF(x0, y0, max(x1 - x0, 1e-9), max(y1 - y0, 1e-9))
        self._schedule()

    def setParks(self, gdf) -> None:  # noqa: N802
        self._parks = gdf
        self._schedule()

    def setStyle(self, name: str) -> None:  # noqa: N802
        self._style = name
        self._schedule()

    def setSelection(self, indices) -> None:  # noqa: N802
        self._selection = list(indices)
        self._schedule()

    def setQuotaLabels(self, labels: dict) -> None:  # noqa: N802
        self._labels = dict(labels)
        self._schedule()

    def zoomToExtent(self, bounds) -> None:  # noqa: N802
        x0, y0, x1, y1 = bounds
        self._extent = QRectF(x0, y0, max(x1 - x0, 1e-9), max(y1 - y0, 1e-9))
        self._schedule()

    def zoomFull(self) -> None:  # noqa: N802
        self.setParcels(self._parcels)

    def style(self) -> str:  # type: ignore[override]
        return self._style

    # -- drawing ---------------------------------------------------------------------------
    def _schedule(self) -> None:
        self.update()
        QTimer.singleShot(0, self.renderFinished.emit)

    def _transform(self):
        e = self._extent
        s = min(self.width() / e.width(), self.height() / e.height()) * 0.95
        ox = (self.width() - e.width() * s) / 2 - e.left() * s
        oy = (self.height() + e.height() * s) / 2 + e.top() * s
        return s, ox, oy

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f5f5f0"))
        if self._parcels is None or not len(self._parcels):
            return
        s, ox, oy = self._transform()
        selected = set(self._selection)
        cats = self._parcels.get("category")
        for pos, geom in enumerate(self._parcels.geometry.values):
            if geom is None:
                continue
            color = QColor(self.COLORS.get(cats.iloc[pos] if cats is not None else "", "#9e9e9e"))
            color.setAlpha(170)
            painter.setBrush(color)
            painter.setPen(QPen(QColor("#1565c0" if pos in selected else "#555"), 2 if pos in selected else 0.5))
            for poly in getattr(geom, "geoms", [geom]):
                xy = np.asarray(poly.exterior.coords)
                painter.drawPolygon(QPolygonF([QPointF(x * s + ox, oy - y * s) for x, y in xy]))
        self.scaleChanged.emit(float(1.0 / s) if s else 0.0)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        s, ox, oy = self._transform()
        p = event.position()
        self.coordinatesChanged.emit((p.x() - ox) / s, (oy - p.y()) / s)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self._parcels is None or event.button() != Qt.MouseButton.LeftButton:
            return
        import shapely

        s, ox, oy = self._transform()
        p = event.position()
        pt = shapely.Point((p.x() - ox) / s, (oy - p.y()) / s)
        hits = [int(i) for i in np.flatnonzero(self._parcels.geometry.contains(pt).to_numpy())]
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            hits = sorted(set(self._selection) | set(hits))
        self.setSelection(hits)
        self.selectionChanged.emit(hits)
        if hits:
            self.featureIdentified.emit(hits[-1])


def map_canvas_class() -> type[QWidget]:
    """The real ``MapCanvas`` when it is importable, else :class:`PlaceholderMapCanvas`."""
    try:
        from landplanner.ui.map_canvas import MapCanvas
    except ImportError:
        LOG.warning("landplanner.ui.map_canvas not available; using the placeholder map")
        return PlaceholderMapCanvas
    return MapCanvas
