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
        self.table.zoomRequested.connect(self.zoom_selection)
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
        # Tabbed docks show their titles on the tabs: short ones, so English is not cut off.
        from landplanner import messages as _messages

        _messages.register({
            "ui.dock.details": ("地块与企业详情", "Details"),
            "ui.dock.plan": ("一企一策方案", "Plan"),
            "ui.dock.scoring": ("亩均评价", "Scoring"),
            "ui.dock.layers": ("图层与图例", "Layers"),
            "ui.dock.quota": ("园区指标进度", "Park quotas"),
        })
        for key in ("details", "plan", "scoring", "layers", "quota"):
            self.docks[key].setWindowTitle(_messages.text(f"ui.dock.{key}"))
        self.default_dock_sizes()

    def short_tab_titles(self) -> None:
        """The right-hand panels share one tab bar (five tabs in 390 px): short titles, so no
        tab is cut to "地块与企业…" or "Deta…" in either language."""
        from landplanner import messages as _messages

        _messages.register({
            "ui.dock.tab.details": ("地块详情", "Details"),
            "ui.dock.tab.plan": ("一企一策", "Plan"),
            "ui.dock.tab.scoring": ("亩均评价", "Scoring"),
            "ui.dock.tab.asset_figures": ("资产指标", "Assets"),
            "ui.dock.tab.match": ("地等项目", "Projects"),
        })
        for key in ("details", "plan", "scoring", "asset_figures", "match"):
            if key in self.docks:
                self.docks[key].setWindowTitle(_messages.text(f"ui.dock.tab.{key}"))

    def default_dock_sizes(self) -> None:
        """The first-start layout: side panels wide enough for the quota cards.

        On a short window (a 1366×768 laptop) the layers/legend and the quota panels share
        the left column as tabs, so neither is squeezed into a sliver with a scroll bar."""
        layers, quota = self.docks["layers"], self.docks["quota"]
        self._left_corner()
        if self.height() < 900:
            self.tabifyDockWidget(layers, quota)
            layers.raise_()
        elif quota in self.tabifiedDockWidgets(layers):  # a tall window again: stack them
            self.removeDockWidget(quota)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, quota, Qt.Orientation.Vertical)
            quota.show()
        # wide screens: the quota cards' figures each on one line
        left = 360 if self.width() >= 1700 else 340
        self.resizeDocks([layers, self.docks["details"]], [left, 390], Qt.Orientation.Horizontal)
        if self.height() >= 900:
            self.resizeDocks([layers, quota], [280, 520], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["table"]], [260 if self.height() >= 900 else 230],
                         Qt.Orientation.Vertical)

    def _left_corner(self) -> None:
        """On a tall window (1920×1080) the left panels run down to the status bar, so the
        layers, the legend and every quota card stand one above the other; on a short one
        the attribute table keeps the whole width under them."""
        area = (Qt.DockWidgetArea.LeftDockWidgetArea if self.height() >= 900
                else Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, area)

    def hide_stray_tab_bars(self) -> None:
        """Hide the dock tab bars Qt leaves standing when a window is rebuilt with a saved
        layout (a language switch, a second start): copies of a tab group at their old place
        (over the map, over the attribute table: "资产清单 | 三本账" with both panels closed).
        A tab bar in use sits against the panel it switches; Qt shows it again at its next
        layout if it is wanted."""
        from PySide6.QtWidgets import QTabBar

        by_title: dict[str, list] = {}
        for dock in self.docks.values():
            by_title.setdefault(dock.windowTitle(), []).append(dock)
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not bar.isVisible():
                continue
            g = bar.geometry()
            docks = [d for i in range(bar.count()) for d in by_title.get(bar.tabText(i), [])]
            against = any(
                d.isVisible() and abs(d.x() - g.x()) <= 3
                and (abs(d.geometry().bottom() + 1 - g.top()) <= 3
                     or abs(g.bottom() + 1 - d.y()) <= 3)
                for d in docks)
            if not against:
                bar.hide()

    def _restore_layout(self) -> None:
        s = app_settings.settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if isinstance(state, QByteArray):
            self._left_corner()  # corners are not part of the saved state
            self.restoreState(state)
        else:  # sizes apply once the window has its real size
            QTimer.singleShot(0, self.default_dock_sizes)

    def save_layout(self) -> None:
        """Remember window geometry and dock layout."""
        s = app_settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
