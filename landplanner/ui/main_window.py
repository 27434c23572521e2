"""The main window: map in the centre, docked panels, menus, toolbar and status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QWidget,
)

from landplanner import store, vocabulary
from landplanner.problems import InputError
from landplanner.ui import campaign_wiring, first_paint
from landplanner.ui.error_log import report_error
from landplanner.ui.file_commands import (  # noqa: F401  (the filters stay importable from here)
    PARCEL_FILTER,
    TABLE_FILTER,
    FileCommandsMixin,
)
from landplanner.ui.icons import icon
from landplanner.ui.main_actions import ActionsMixin
from landplanner.ui.main_docks import DocksMixin
from landplanner.ui.map_canvas import MapCanvas
from landplanner.ui.project_model import ProjectModel
from landplanner.ui.table_model import ColumnFilter

LOG = logging.getLogger("landplanner.ui")


class MainWindow(DocksMixin, ActionsMixin, FileCommandsMixin, QMainWindow):
    """landplanner's workbench (挂图作战): every panel subscribes to one :class:`ProjectModel`.

    The docks (:mod:`~landplanner.ui.main_docks`), the actions and menus
    (:mod:`~landplanner.ui.main_actions`) and the file commands
    (:mod:`~landplanner.ui.file_commands`) are mixins; this class wires them to the map and
    the project model.
    """

    languageRequested = Signal(str)
    projectLoaded = Signal()

    def __init__(self, project_model: ProjectModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.project_model = project_model or ProjectModel(self)
        # A big project: the map first, the panels right after it (ui.first_paint).
        self.project_model.defer_panels_above = first_paint.BIG_PROJECT
        self.actions: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.map = MapCanvas(self)
        self.map.setObjectName("mapCanvas")
        self.setCentralWidget(self.map)
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        from landplanner.ui.remote_watch import RemoteWatcher

        self.remote_watcher = RemoteWatcher(self.project_model, self)
        self.project_model.remoteChanged.connect(
            lambda what: self.statusBar().showMessage(self.tr("Changes by other users: {0}").format(what), 8000))
        campaign_wiring.install(self)  # assets, 季度大比武, 地等项目
        self.short_tab_titles()
        self._restore_layout()
        self._update_title()
        if self.project_model.project is not None:
            self._project_changed()
        # the panels not in sight are built once the start has settled (main_docks); not if
        # the window went first (its model, and so the fallback timer, may outlive it)
        from shiboken6 import isValid

        first_paint.when_settled(self, lambda: isValid(self) and self.build_deferred())

    # -- construction ----------------------------------------------------------------------
    def _connect(self) -> None:
        pm = self.project_model
        pm.projectChanged.connect(self._project_changed)
        pm.parksChanged.connect(self._parks_changed)
        pm.scoresChanged.connect(self._refresh_map_data)
        pm.plansChanged.connect(self._refresh_map_data)
        pm.cellChanged.connect(self._cell_changed)
        pm.parcelsChanged.connect(self._refresh_map_data)
        pm.selectionChanged.connect(self._selection_changed)
        pm.dirtyChanged.connect(self._update_title)
        pm.pathChanged.connect(self._update_title)
        self.map.selectionChanged.connect(pm.set_selection)
        self.map.renderFinished.connect(pm.after_map.release)
        self.map.featureIdentified.connect(self._identified)
        self.map.coordinatesChanged.connect(self._show_coordinates)
        self.map.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.map.customContextMenuRequested.connect(self._map_menu_requested)
        self.map.scaleChanged.connect(self._show_scale)
        self.map.toolModeChanged.connect(self._tool_mode_changed)
        self.map.measureChanged.connect(self._show_measurement)
        self.quota.parkActivated.connect(self.focus_park)
        self.layers.styleRequested.connect(self.set_map_style)
        self.layers.attach_map(self.map)  # layer check boxes, hidden classes, label field

    def _error(self, title: str, error: BaseException) -> None:
        """Report a failure: a dialog normally, or ``errorReporter`` (screenshot mode).

        A cancel is no failure: the status bar says so and nothing else happens.
        """
        if isinstance(error, InputError) and error.problem.code == "cancelled":
            self.statusBar().showMessage(error.problem.message, 8000)
            return
        reporter = getattr(self, "errorReporter", None)
        if reporter is not None:
            reporter(title, error)
        else:
            report_error(self, title, error)

    # -- map ------------------------------------------------------------------------------
    def _show_measurement(self, text: str) -> None:
        """The running measurement (m, m², mu) in the status bar, where it can be copied down."""
        if text:
            self.statusBar().showMessage(text.replace("\n", "    "))
        else:
            self.statusBar().clearMessage()

    def _tool_mode_changed(self, mode) -> None:
        """Keep the toolbar's checked tool in step with the canvas (e.g. a tool set in code)."""
        key = {"measure_distance": "measure"}.get(mode.value, mode.value)
        act = self.actions.get(f"tool_{key}")
        if act is not None and not act.isChecked():
            act.setChecked(True)

    def set_map_style(self, name: str) -> None:
        """Thematic style of the map: category, class, status or park."""
        self.map.setStyle(name)
        act = self.actions.get(f"style_{name}")
        if act is not None and not act.isChecked():
            act.setChecked(True)
        self.layers.set_style(name)

    def current_style(self) -> str:
        """The checked style."""
        act = self.style_group.checkedAction()
        return act.data() if act is not None else "category"

    def zoom_full(self) -> None:
        """Show all parcels and parks."""
        self.map.zoomToFullExtent()

    def zoom_selection(self) -> None:
        """Show the selected parcels."""
        pm = self.project_model
        if pm.parcels is None or not pm.selection:
            return
        self.map.zoomToSelection()

    def focus_park(self, park: str) -> None:
        """Zoom to a park and filter the table to it (quota dashboard click)."""
        pm = self.project_model
        if pm.project is None:
            return
        if park == "district":
            self.table.set_filters([])
            self.zoom_full()
            return
        bounds = None
        parks = getattr(pm.project, "parks", None)
        if parks is not None and len(parks) and "name" in parks:
            hit = parks[parks["name"] == park]
            if len(hit):
                bounds = tuple(hit.total_bounds)
        positions = pm.positions_of_park(park)
        if bounds is None and positions:
            bounds = tuple(pm.parcels.geometry.iloc[positions].total_bounds)
        if bounds is not None:
            self.map.zoomToExtent(bounds)
        self.table.set_filters([ColumnFilter("park", "=", park)])
        self.docks["table"].raise_()

    def _refresh_map_data(self) -> None:
        view = self.project_model.parcel_view()
        if view is not None:
            # Same parcels, new attributes (scores, plans): keep where the user is looking
            # instead of jumping back to the full extent.
            shown = self.map.parcels()
            keep_view = self.map.view() if shown is not None and len(shown) == len(view) else None
            # The map must not report its reset as a new selection.
            blocked = self.map.blockSignals(True)
            try:
                self.map.setParcels(view)
                if keep_view is not None:
                    self.map.setView(keep_view)
                self.map.setSelection(self.project_model.selection)
            finally:
                self.map.blockSignals(blocked)
        self._update_quota_labels()

    def _update_quota_labels(self) -> None:
        try:
            table = self.project_model.quota_table()
        except Exception as error:  # quotas are optional decoration on the map
            LOG.warning("quota labels unavailable: %s", error)
            table = None
        labels = {}
        if table is not None:
            for row in table.itertuples():
                if row.park != "district":
                    # behind: the core's flag, so the map's gauge is red as the panel's card
                    labels[row.park] = (float(row.done_mu), float(row.target_mu), bool(row.behind))
        self.map.setQuotaLabels(labels)

    def _parks_changed(self) -> None:
        parks = getattr(self.project_model.project, "parks", None)
        self.map.setParks(parks)
        self._refresh_map_data()

    def _project_changed(self) -> None:
        pm = self.project_model
        self.map.setParks(getattr(pm.project, "parks", None) if pm.project is not None else None)
        view = pm.parcel_view()
        self.map.setParcels(view)
        self.map.setSelection([])
        # the gauges are the overlay's: a big project's quota figures follow the first map
        pm.later("map_quota", self._update_quota_labels, lambda: self.map.setQuotaLabels({}))
        self._show_selected_count([])
        self._update_title()
        self.projectLoaded.emit()

    def _selection_changed(self, positions: list[int]) -> None:
        self.map.setSelection(positions)
        self._show_selected_count(positions)

    def _identified(self, position: int) -> None:
        self.details.show_parcel(position)
        self.docks["details"].raise_()

    def _show_coordinates(self, x: float, y: float) -> None:
        self.coord_label.setText(self.tr("X, Y: {0:,.2f}, {1:,.2f}").format(x, y) + self._crs_suffix())

    def _crs_suffix(self) -> str:
        source = getattr(self.project_model.project, "source", None) or {}
        crs = source.get("crs") if isinstance(source, dict) else None
        if isinstance(crs, dict):
            crs = vocabulary.crs_label(crs.get("name"), crs.get("epsg"))
        return f"  {crs}" if crs else ""

    def _show_scale(self, scale: float) -> None:
        self.scale_label.setText(self.tr("Scale 1:{0:,.0f}").format(scale) if scale > 0 else "")

    def _show_selected_count(self, positions: list[int]) -> None:
        from landplanner.selection import selection_text

        self.selected_label.setText(selection_text(self.project_model.parcels, positions))

    def _map_menu_requested(self, pos) -> None:
        from landplanner.ui.map_canvas import ToolMode
        from landplanner.ui.map_menu import map_menu

        if self.map.toolMode() in (ToolMode.MEASURE_DISTANCE, ToolMode.MEASURE_AREA):
            return  # there a right click ends the measurement
        self.map_context_menu = map_menu(self, pos.x(), pos.y(), self)
        self.map_context_menu.popup(self.map.mapToGlobal(pos))

    def _cell_changed(self, _position: int, _column: str) -> None:
        self._refresh_map_data()

    def _update_title(self, *_args) -> None:
        pm = self.project_model
        name = (store.display_name(pm.location) if pm.location
                else (self.tr("Untitled project") if pm.project is not None else ""))
        self.setWindowTitle(f"{name}[*] — landplanner" if name else self.tr("landplanner — land revitalization"))
        self.setWindowModified(pm.dirty)
        self.actions["save"].setEnabled(pm.project is not None)
        self.actions["save_as"].setEnabled(pm.project is not None)
        self.actions["export_excel"].setEnabled(pm.project is not None)
        self.actions["import_parks"].setEnabled(pm.project is not None)
        self.actions["import_indicators"].setEnabled(pm.project is not None)

    # -- files ------------------------------------------------------------------------------
    # -- layout ----------------------------------------------------------------------------
    def event(self, event) -> bool:  # noqa: D401 - Qt API
        # after each re-layout of the docks: no tab bar of closed panels left standing
        if event.type() == QEvent.Type.LayoutRequest and not getattr(self, "_tidy_queued", False):
            self._tidy_queued = True
            QTimer.singleShot(0, self, self._tidy_tab_bars)  # dropped if the window goes
        return super().event(event)

    def _tidy_tab_bars(self) -> None:
        self._tidy_queued = False
        try:
            self.hide_stray_tab_bars()
        except RuntimeError:  # the window is being torn down: its docks are gone
            pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if getattr(self, "_replacing", False) or self.maybe_save():
            self.remote_watcher.stop()
            self.save_layout()  # (not kept by a --screenshot run: app_settings.keep_changes)
            self.map.shutdown()  # no render left for the canvas's deletion to wait for
            event.accept()
        else:
            event.ignore()
