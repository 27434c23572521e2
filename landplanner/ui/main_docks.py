"""The main window's docked panels: which panel goes where, first-start sizes, and the
layout remembered between sessions. A mixin of :class:`~landplanner.ui.main_window.MainWindow`."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QWidget,
)

from landplanner.ui import app_settings
from landplanner.ui.details_panel import DetailsPanel
from landplanner.ui.icons import icon
from landplanner.ui.layers_panel import LayersPanel
from landplanner.ui.plan_editor import PlanEditor
from landplanner.ui.quota_panel import QuotaPanel
from landplanner.ui.scoring_panel import ScoringPanel
from landplanner.ui.table_dock import AttributeTable

LOG = logging.getLogger("landplanner.ui")

# Strings use QCoreApplication.translate("MainWindow", …), not self.tr(…): pyside6-lupdate
# files self.tr() under the enclosing class, and these are MainWindow's strings.


class DocksMixin:
    """Builds the docks (``self.docks``) and saves / restores their layout."""

    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea, icon_name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.toggleViewAction().setIcon(icon(icon_name))
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _build_panels(self) -> None:
        pm = self.project_model
        self.layers = LayersPanel(pm, self)
        self.table = AttributeTable(pm, self)
        self.quota = QuotaPanel(pm, self)
        self.details = DetailsPanel(pm, self)
        self.plan_editor = PlanEditor(pm, self)
        self.scoring = ScoringPanel(pm, self)
        left, right, bottom = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self._dock("layers", QCoreApplication.translate("MainWindow", "Layers and legend"), self.layers, left, "layers")
        self._dock("quota", QCoreApplication.translate("MainWindow", "Park quotas"), self.quota, left, "quota")
        self._dock("details", QCoreApplication.translate("MainWindow", "Parcel and enterprise details"), self.details, right, "details")
        self._dock("plan", QCoreApplication.translate("MainWindow", "Plan (one per enterprise)"), self.plan_editor, right, "plan")
        self._dock("scoring", QCoreApplication.translate("MainWindow", "Per-mu scoring"), self.scoring, right, "score")
        self._dock("table", QCoreApplication.translate("MainWindow", "Attribute table"), self.table, bottom, "table")
        self.tabifyDockWidget(self.docks["details"], self.docks["plan"])
        self.tabifyDockWidget(self.docks["plan"], self.docks["scoring"])
        self.docks["details"].raise_()
        self.default_dock_sizes()

    def default_dock_sizes(self) -> None:
        """The first-start layout: side panels wide enough for the quota cards."""
        self.resizeDocks([self.docks["layers"], self.docks["details"]], [330, 390], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["layers"], self.docks["quota"]], [280, 520], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["table"]], [260], Qt.Orientation.Vertical)

    def _restore_layout(self) -> None:
        s = app_settings.settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:  # sizes apply once the window has its real size
            QTimer.singleShot(0, self.default_dock_sizes)

    def save_layout(self) -> None:
        """Remember window geometry and dock layout."""
        s = app_settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
