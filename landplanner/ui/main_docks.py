"""The main window's docked panels: which panel goes where, first-start sizes, and the
layout remembered between sessions. A mixin of :class:`~landplanner.ui.main_window.MainWindow`.

Deferred panels (issue 10 §8): the panels the first map does not need (the plan editor
behind the details tab, the campaign's docks) are built after the start: their docks exist
from the first moment, with the same object names and titles (so a saved layout restores
and the tab bars look the same), holding a placeholder that says "正在计算…" (like the
panels :mod:`~landplanner.ui.first_paint` holds). Their widgets, and the modules behind
them, are built by :meth:`DocksMixin.build_deferred`, which runs

* once the start has settled (:func:`landplanner.ui.first_paint.when_settled`): the window
  shown with no project being opened, or the first map of the project opened at start and
  the panels held for it, or that opening failed;
* at once when code asks for one of the panels (``window.plan_editor``,
  ``window.match_panel``, …: tests, menu actions).

Each panel then reads the project as it is at that moment, as it does when built at once.
The scoring panel is not deferred: opening a project with indicators, it starts the scoring.
"""

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
from landplanner.ui.quota_panel import QuotaPanel
from landplanner.ui.scoring_panel import ScoringPanel
from landplanner.ui.table_dock import AttributeTable

LOG = logging.getLogger("landplanner.ui")

# Strings use QCoreApplication.translate("MainWindow", …), not self.tr(…): pyside6-lupdate
# files self.tr() under the enclosing class, and these are MainWindow's strings.


#: Attributes of the window that hold deferred panels (asking for one builds them).
DEFERRED_PANELS = frozenset({"plan_editor", "asset_figures", "assets_table",
                             "asset_plan_editor", "assets_split", "match_panel",
                             "account_totals"})


def placeholder(key: str, parent: QWidget) -> QWidget:
    """What a deferred dock holds until its panel is built."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from landplanner.ui.first_paint import computing_text

    widget = QWidget(parent)
    widget.setObjectName(f"{key}_placeholder")
    layout = QVBoxLayout(widget)
    layout.addWidget(QLabel(computing_text(), widget))
    layout.addStretch(1)
    return widget


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

    # -- deferred panels --------------------------------------------------------------
    def _dock_later(self, key: str, title: str, area: Qt.DockWidgetArea, icon_name: str,
                    build) -> QDockWidget:
        """A dock whose widget ``build()`` makes later (see the module notes); until then it
        holds a placeholder saying "正在计算…", as the panels held for the first map do."""
        dock = self._dock(key, title, placeholder(key, self), area, icon_name)
        self._defer(key, build)
        return dock

    def _defer(self, key: str, build) -> None:
        """More deferred work (no dock of its own), run by :meth:`build_deferred`."""
        self.__dict__.setdefault("_deferred", {})[key] = build

    def deferred_pending(self) -> list[str]:
        """Keys of the docks whose widgets are not built yet."""
        return list(self.__dict__.get("_deferred", {}))

    def build_deferred(self) -> None:
        """Build every deferred panel now (once; in the order they were declared)."""
        pending = self.__dict__.get("_deferred")
        while pending:
            key, build = next(iter(pending.items()))
            del pending[key]
            widget = build()
            dock = self.docks.get(key)
            if widget is not None and dock is not None:
                old = dock.widget()
                dock.setWidget(widget)
                if dock.isVisible():
                    widget.show()  # now, not at the layout's next turn: usable at once
                if old is not None and old is not widget:
                    old.deleteLater()

    def __getattr__(self, name: str):
        # only for names not found otherwise: a deferred panel asked for before it is built
        if name in DEFERRED_PANELS and self.__dict__.get("_deferred"):
            self.build_deferred()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_panels(self) -> None:
        pm = self.project_model
        self.layers = LayersPanel(pm, self)
        self.table = AttributeTable(pm, self)
        self.table.zoomRequested.connect(self.zoom_selection)
        self.quota = QuotaPanel(pm, self)
        self.details = DetailsPanel(pm, self)
        left, right, bottom = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self._dock("layers", QCoreApplication.translate("MainWindow", "Layers and legend"), self.layers, left, "layers")
        self._dock("quota", QCoreApplication.translate("MainWindow", "Park quotas"), self.quota, left, "quota")
        self._dock("details", QCoreApplication.translate("MainWindow", "Parcel and enterprise details"), self.details, right, "details")
        self._dock_later("plan", QCoreApplication.translate("MainWindow", "Plan (one per enterprise)"), right, "plan",
                         self._build_plan_editor)
        # (built at once: opening a project with indicators, it starts the scoring)
        self.scoring = ScoringPanel(pm, self)
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

    def _build_plan_editor(self) -> QWidget:
        from landplanner.ui.plan_editor import PlanEditor

        self.plan_editor = PlanEditor(self.project_model, self)
        selection = list(self.project_model.selection)
        if selection:  # built after the user chose a parcel: show that parcel's plan
            self.plan_editor._selection_changed(selection)
        return self.plan_editor

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
        # the layout as built, before a saved one replaces it: 视图 → 恢复默认布局 goes back to it
        self._built_state = self.saveState()
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

    def reset_layout(self) -> None:
        """The first-start layout again (every panel where it was built, default sizes), as
        QGIS's reset of its panels: a panel squeezed or dragged away comes back."""
        state = getattr(self, "_built_state", None)
        if state is not None:
            self.restoreState(state)
        self.default_dock_sizes()
        self.docks["details"].raise_()
        self.docks["table"].raise_()

    def save_layout(self) -> None:
        """Remember window geometry and dock layout."""
        app_settings.put("window/geometry", self.saveGeometry())
        app_settings.put("window/state", self.saveState())
