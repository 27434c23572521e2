"""Layers and legend: which layers are loaded, the thematic style and its legend."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from landplanner.ui.labels import style_names

LOG = logging.getLogger("landplanner.ui")


def swatch(fill: QColor, outline: QColor, accent: bool = False) -> QIcon:
    """A small square icon for one legend row."""
    pixmap = QPixmap(18, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setBrush(fill)
    painter.setPen(QPen(outline, 2.0 if accent else 1.0))
    painter.drawRect(1, 1, 15, 11)
    painter.end()
    return QIcon(pixmap)


class LayersPanel(QWidget):
    """Layer list, style chooser and legend (the legend comes from the map's own styles)."""

    styleRequested = Signal(str)

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self._style = "category"
        self.layer_list = QListWidget(self)
        self.layer_list.setMaximumHeight(52)
        self.layer_list.setMinimumHeight(30)
        self.style_combo = QComboBox(self)
        for code, label in style_names():
            self.style_combo.addItem(label, code)
        self.style_combo.currentIndexChanged.connect(
            lambda _i: self.styleRequested.emit(self.style_combo.currentData())
        )
        self.legend = QListWidget(self)
        self.legend.setIconSize(QSize(18, 14))
        self.legend.setObjectName("legend")
        self.legend.setMaximumHeight(170)
        self.legend.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(self.tr("Layers")))
        layout.addWidget(self.layer_list)
        layout.addWidget(QLabel(self.tr("Thematic style")))
        layout.addWidget(self.style_combo)
        layout.addWidget(QLabel(self.tr("Legend")))
        layout.addWidget(self.legend)
        layout.addStretch(1)
        for signal in (project_model.projectChanged, project_model.parksChanged,
                       project_model.scoresChanged, project_model.plansChanged,
                       project_model.parcelsChanged):
            signal.connect(self.refresh)
        self.refresh()

    def set_style(self, name: str) -> None:
        """Show ``name`` as the current style (without emitting ``styleRequested`` again)."""
        self._style = name
        index = self.style_combo.findData(name)
        if index >= 0 and index != self.style_combo.currentIndex():
            self.style_combo.blockSignals(True)
            self.style_combo.setCurrentIndex(index)
            self.style_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the layer list and the legend."""
        pm = self.project_model
        self.layer_list.clear()
        if pm.project is not None:
            self.layer_list.addItem(self.tr("Parcels ({0:,})").format(len(pm.parcels)))
            parks = getattr(pm.project, "parks", None)
            if parks is not None and len(parks):
                self.layer_list.addItem(self.tr("Park boundaries ({0})").format(len(parks)))
        self.legend.clear()
        for entry in self._legend_entries():
            item = QListWidgetItem(swatch(entry.fill, entry.outline, entry.accent), entry.label)
            self.legend.addItem(item)
        self._fit_lists()

    def _fit_lists(self) -> None:
        """Lists as tall as their rows: every layer and every legend class in sight."""
        for widget, rows in ((self.layer_list, max(2, self.layer_list.count())),
                             (self.legend, max(3, min(self.legend.count(), 12)))):
            row = widget.sizeHintForRow(0) if widget.count() else 20
            height = rows * max(row, 18) + 2 * widget.frameWidth() + 4
            widget.setMinimumHeight(height)
            widget.setMaximumHeight(height)

    def _legend_entries(self) -> list:
        try:
            from landplanner.ui.styles import get_style
        except ImportError:  # the map's styles are not installed yet
            return []
        view = self.project_model.parcel_view()
        try:
            return get_style(self._style, view).legend(view)
        except KeyError:
            return []
