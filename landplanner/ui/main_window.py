"""The main window: map in the centre, docked panels, menus, toolbar and status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from landplanner import fields, sources, store
from landplanner.parks import read_park_file
from landplanner.problems import InputError
from landplanner.project import Project
from landplanner.ui import app_settings, campaign_wiring
from landplanner.ui.details_panel import DetailsPanel
from landplanner.ui.error_log import report_error
from landplanner.ui.icons import icon
from landplanner.ui.import_dialog import RELOAD, ImportDialog
from landplanner.ui.labels import style_names
from landplanner.ui.layers_panel import LayersPanel
from landplanner.ui.map_canvas import MapCanvas
from landplanner.ui.plan_editor import PlanEditor
from landplanner.ui.project_model import ProjectModel
from landplanner.ui.quota_panel import QuotaPanel
from landplanner.ui.scoring_panel import ScoringPanel
from landplanner.ui.table_dock import AttributeTable
from landplanner.ui.table_model import ColumnFilter
from landplanner.ui.workers import run_task

LOG = logging.getLogger("landplanner.ui")

PARCEL_FILTER = "*.shp *.zip *.gpkg *.geojson *.json *.kml *.gml *.tab *.mif"
TABLE_FILTER = "*.xlsx *.xls *.csv"


class MainWindow(QMainWindow):
    """landplanner's workbench (挂图作战): every panel subscribes to one :class:`ProjectModel`."""

    languageRequested = Signal(str)
    projectLoaded = Signal()

    def __init__(self, project_model: ProjectModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.project_model = project_model or ProjectModel(self)
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
        self._restore_layout()
        self._update_title()
        if self.project_model.project is not None:
            self._project_changed()

    # -- construction ----------------------------------------------------------------------
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
        self._dock("layers", self.tr("Layers and legend"), self.layers, left, "layers")
        self._dock("quota", self.tr("Park quotas"), self.quota, left, "quota")
        self._dock("details", self.tr("Parcel and enterprise details"), self.details, right, "details")
        self._dock("plan", self.tr("Plan (one per enterprise)"), self.plan_editor, right, "plan")
        self._dock("scoring", self.tr("Per-mu scoring"), self.scoring, right, "score")
        self._dock("table", self.tr("Attribute table"), self.table, bottom, "table")
        self.tabifyDockWidget(self.docks["details"], self.docks["plan"])
        self.tabifyDockWidget(self.docks["plan"], self.docks["scoring"])
        self.docks["details"].raise_()
        self.default_dock_sizes()

    def default_dock_sizes(self) -> None:
        """The first-start layout: side panels wide enough for the quota cards."""
        self.resizeDocks([self.docks["layers"], self.docks["details"]], [330, 390], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["layers"], self.docks["quota"]], [280, 520], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["table"]], [260], Qt.Orientation.Vertical)

    def _action(self, key: str, text: str, icon_name: str | None, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else icon(""), text, self)
        action.setObjectName(f"action_{key}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("…", ""))
        action.setStatusTip(tip or text.replace("…", ""))
        if slot is not None:
            action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        a("new", self.tr("New project"), "new", self.new_project, QKeySequence.StandardKey.New)
        a("open", self.tr("Open…"), "open", self.open_dialog, QKeySequence.StandardKey.Open,
          self.tr("Open a project (.gpkg) or a parcel file"))
        a("open_database", self.tr("Open from database…"), "open", self.open_database_dialog, None,
          self.tr("Open a project shared in a PostGIS database"))
        a("save", self.tr("Save project"), "save", self.save, QKeySequence.StandardKey.Save)
        a("save_as", self.tr("Save project as…"), "save_as", self.save_as, QKeySequence.StandardKey.SaveAs)
        a("import_parcels", self.tr("Import parcels…"), "import_parcels", self.import_parcels_dialog, None,
          self.tr("Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping"))
        a("import_parks", self.tr("Import park boundaries…"), "import_parks", self.import_parks_dialog)
        a("import_indicators", self.tr("Import enterprise indicators…"), "import_indicators", self.import_indicators_dialog,
          None, self.tr("Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)"))
        a("export_excel", self.tr("Export Excel…"), "export_excel", self.export_excel_dialog, None,
          self.tr("Export the land list, enterprise list, plans and park progress"))
        printing = a("print", self.tr("Print…"), "print", None, QKeySequence.StandardKey.Print,
                     self.tr("Print layouts will come in a later version"))
        printing.setEnabled(False)
        a("quit", self.tr("Quit"), "quit", self.close, QKeySequence.StandardKey.Quit)
        undo = self.project_model.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setIcon(icon("undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("action_undo")
        redo = self.project_model.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setIcon(icon("redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        redo.setObjectName("action_redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        a("copy_rows", self.tr("Copy selected rows"), "copy", self.table.copy_selection, None,
          self.tr("Copy the selected rows as tab-separated text, ready to paste into Excel"))
        a("clear_selection", self.tr("Clear selection"), "clear", lambda: self.project_model.set_selection([]),
          "Esc")
        a("zoom_full", self.tr("Full extent"), "zoom_full", self.zoom_full, "Ctrl+Shift+F",
          self.tr("Zoom to all parcels"))
        a("zoom_selection", self.tr("Zoom to selection"), "zoom_selection", self.zoom_selection, "Ctrl+Shift+S")
        a("zoom_in", self.tr("Zoom in"), "zoom_in", lambda: self.map.zoomIn(), QKeySequence.StandardKey.ZoomIn)
        a("zoom_out", self.tr("Zoom out"), "zoom_out", lambda: self.map.zoomOut(), QKeySequence.StandardKey.ZoomOut)
        tools = QActionGroup(self)
        for key, text, icon_name in (
            ("pan", self.tr("Pan"), "pan"),
            ("select", self.tr("Select (hold Shift to add)"), "select"),
            ("identify", self.tr("Identify"), "identify"),
            ("measure", self.tr("Measure distance"), "measure"),
            ("measure_area", self.tr("Measure area (m², mu)"), "measure_area"),
        ):
            act = a(f"tool_{key}", text, icon_name, lambda _c=False, k=key: self.map.setTool(k))
            act.setCheckable(True)
            tools.addAction(act)
        # the canvas starts in select mode too, so the checked tool is the one in effect
        self.actions["tool_select"].setChecked(True)
        self.map.setTool("select")
        self.style_group = QActionGroup(self)
        for code, label in style_names():
            act = a(f"style_{code}", label, None, lambda _c=False, s=code: self.set_map_style(s))
            act.setCheckable(True)
            act.setData(code)
            self.style_group.addAction(act)
        self.actions["style_category"].setChecked(True)
        self.language_group = QActionGroup(self)
        for code, label in (("zh", "中文"), ("en", "English")):
            act = a(f"lang_{code}", label, None, lambda _c=False, lang=code: self.languageRequested.emit(lang))
            act.setCheckable(True)
            self.language_group.addAction(act)
        self.actions[f"lang_{app_settings.language()}"].setChecked(True)
        a("score", self.tr("Re-score"), "score", self.scoring.rescore, "F5",
          self.tr("Recompute the per-mu scores with the current settings"))
        a("about", self.tr("About"), "app", self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for key in ("new", "open", "open_database", "save", "save_as"):
            file_menu.addAction(self.actions[key])
        file_menu.addSeparator()
        for key in ("import_parcels", "import_parks", "import_indicators"):
            file_menu.addAction(self.actions[key])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["export_excel"])
        file_menu.addAction(self.actions["print"])
        file_menu.addSeparator()
        self.recent_menu = QMenu(self.tr("Recent files"), self)
        self.recent_menu.setIcon(icon("recent"))
        file_menu.addMenu(self.recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.actions["undo"])
        edit_menu.addAction(self.actions["redo"])
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions["copy_rows"])
        edit_menu.addAction(self.actions["clear_selection"])

        view_menu = bar.addMenu(self.tr("&View"))
        for key in ("layers", "table", "quota", "details", "plan", "scoring"):
            view_menu.addAction(self.docks[key].toggleViewAction())
        view_menu.addSeparator()
        style_menu = view_menu.addMenu(icon("style"), self.tr("Thematic style"))
        for act in self.style_group.actions():
            style_menu.addAction(act)
        lang_menu = view_menu.addMenu(icon("language"), self.tr("Language / 语言"))
        for act in self.language_group.actions():
            lang_menu.addAction(act)

        map_menu = bar.addMenu(self.tr("&Map"))
        for key in ("zoom_full", "zoom_selection", "zoom_in", "zoom_out"):
            map_menu.addAction(self.actions[key])
        map_menu.addSeparator()
        for key in ("pan", "select", "identify", "measure", "measure_area"):
            map_menu.addAction(self.actions[f"tool_{key}"])

        analysis_menu = bar.addMenu(self.tr("&Analysis"))
        analysis_menu.addAction(self.actions["score"])
        analysis_menu.addAction(self.docks["plan"].toggleViewAction())
        analysis_menu.addAction(self.docks["quota"].toggleViewAction())

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions["about"])

    def _build_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("Main toolbar"))
        tb.setObjectName("mainToolbar")
        for key in ("new", "open", "save", None, "import_parcels", "import_parks", "import_indicators",
                    "export_excel", None, "undo", "redo", None, "zoom_full", "zoom_selection", "zoom_in",
                    "zoom_out", None, "tool_pan", "tool_select", "tool_identify", "tool_measure",
                    "tool_measure_area", None, "score"):
            if key is None:
                tb.addSeparator()
            else:
                tb.addAction(self.actions[key])
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.coord_label = QLabel(self)
        self.scale_label = QLabel(self)
        self.selected_label = QLabel(self)
        for w in (self.coord_label, self.scale_label, self.selected_label):
            w.setMinimumWidth(120)
            bar.addPermanentWidget(w)
        self.coord_label.setMinimumWidth(260)
        self._show_selected_count([])

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
        self.map.featureIdentified.connect(self._identified)
        self.map.coordinatesChanged.connect(self._show_coordinates)
        self.map.scaleChanged.connect(self._show_scale)
        self.map.toolModeChanged.connect(self._tool_mode_changed)
        self.map.measureChanged.connect(self._show_measurement)
        self.quota.parkActivated.connect(self.focus_park)
        self.layers.styleRequested.connect(self.set_map_style)

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
                    labels[row.park] = (float(row.done_mu), float(row.target_mu))
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
        self._update_quota_labels()
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
            crs = f"EPSG:{crs['epsg']}" if crs.get("epsg") else crs.get("name")
        return f"  {crs}" if crs else ""

    def _show_scale(self, scale: float) -> None:
        self.scale_label.setText(self.tr("Scale 1:{0:,.0f}").format(scale) if scale > 0 else "")

    def _show_selected_count(self, positions: list[int]) -> None:
        self.selected_label.setText(self.tr("{0} parcels selected").format(len(positions)))

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
    def open_dialog(self) -> None:
        """File → Open: a project or a parcel file."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a project or parcel file"), app_settings.last_folder(),
            self.tr("Projects and parcel files ({0});;All files (*)").format(PARCEL_FILTER),
        )
        if path:
            self.open_path(path)

    def open_database_dialog(self) -> None:
        """File → Open from database: a shared PostGIS project."""
        if not self.maybe_save():
            return
        from landplanner.ui.database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self)
        if dialog.exec():
            self.open_path(dialog.location())

    def open_path(self, path: str | Path, *, auto_accept: bool = False) -> None:
        """Open ``path``: a project (file or ``postgresql://…``) directly, anything else through
        the import.

        ``auto_accept`` takes the guessed field mapping without the dialog (screenshot mode).
        """
        if store.is_uri(path):
            location = str(path)
            run_task(
                self, self.tr("Opening the project…"), store.open_project, location,
                on_done=lambda project: self._adopt_project(project, location),
                on_error=lambda e: self._error(self.tr("Cannot open the project"), e),
            )
            return
        path = Path(path)
        app_settings.remember_folder(path)
        if path.is_file() and store.is_project(path):
            run_task(
                self, self.tr("Opening the project…"), store.open_project, path,
                on_done=lambda project: self._adopt_project(project, path),
                on_error=lambda e: self._error(self.tr("Cannot open the project"), e),
            )
        else:
            self.import_parcels(path, auto_accept=auto_accept)

    def _adopt_project(self, project, path: str | Path) -> None:
        self.project_model.set_project(project, path, saved=True)
        if not store.is_uri(path):
            app_settings.add_recent_file(path)
        self._fill_recent_menu()
        self._warn_store_problems(project)
        watcher = getattr(self, "remote_watcher", None)
        if watcher is not None:
            watcher.follow(self.project_model.location if self.project_model.shared else None)

    def _warn_store_problems(self, project) -> None:
        """A project file on a network share: say why that is risky and what to use instead."""
        for problem in getattr(project, "problems", None) or []:
            if getattr(problem, "code", "") == "store.network_share":
                if getattr(self, "errorReporter", None) is not None:
                    self.statusBar().showMessage(problem.message, 15000)
                else:
                    QMessageBox.warning(self, self.tr("Project on a network share"), problem.message)

    def import_parcels_dialog(self) -> None:
        """File → Import parcels."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import parcels"), app_settings.last_folder(),
            self.tr("Parcel files ({0});;All files (*)").format(PARCEL_FILTER),
        )
        if path:
            self.import_parcels(path)

    def import_parcels(self, path: str | Path, *, encoding: str | None = None, layer: str | None = None,
                       auto_accept: bool = False) -> None:
        """Load ``path`` in a worker, then show the report and field mapping for confirmation."""
        path = Path(path)
        if layer is None:
            try:
                layers = sources.list_layers(path)
            except Exception as error:
                self._error(self.tr("Cannot read the file"), error)
                return
            if len(layers) > 1:
                if auto_accept:
                    layer = layers[0]
                else:
                    layer, ok = QInputDialog.getItem(
                        self, self.tr("Choose a layer"), self.tr("This file has several layers. Choose the parcel layer:"), layers, 0, False
                    )
                    if not ok:
                        return
        run_task(
            self, self.tr("Reading parcels…"), sources.load_parcels, path, layer=layer, encoding=encoding,
            on_done=lambda result: self._loaded(path, result, auto_accept, layer),
            on_error=lambda e: self._error(self.tr("Cannot import the parcels"), e),
        )

    def _loaded(self, path: Path, result, auto_accept: bool, layer: str | None) -> None:
        mapping = fields.guess_mapping(result.gdf)
        if auto_accept:
            self._accept_import(path, result, mapping)
            return
        dialog = ImportDialog(result, mapping, self)
        self.import_dialog = dialog

        def finished(code: int) -> None:
            self.import_dialog = None
            if code == RELOAD:
                self.import_parcels(path, encoding=dialog.encoding, layer=layer)
            elif code == ImportDialog.DialogCode.Accepted:
                self._accept_import(path, result, dialog.mapping())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _accept_import(self, path: Path, result, mapping: dict) -> None:
        try:
            project = Project.from_load(result, mapping)
        except Exception as error:
            self._error(self.tr("Cannot import the parcels"), error)
            return
        self.project_model.set_project(project, None, saved=False)
        app_settings.add_recent_file(path)
        self._fill_recent_menu()

    def import_parks_dialog(self) -> None:
        """File → Import park boundaries."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import park boundaries"), app_settings.last_folder(),
            self.tr("Park boundaries ({0})").format(PARCEL_FILTER),
        )
        if path:
            self.import_parks(path)

    def import_parks(self, path: str | Path) -> None:
        """Read park boundaries in a worker and assign each parcel its park."""
        app_settings.remember_folder(path)

        def done(parks_gdf) -> None:
            try:
                problems = self.project_model.set_parks(parks_gdf)
            except Exception as error:
                self._error(self.tr("Cannot import the park boundaries"), error)
                return
            self._show_problems(self.tr("Park boundaries"), problems)

        run_task(self, self.tr("Reading park boundaries…"), read_park_file, path, on_done=done,
                 on_error=lambda e: self._error(self.tr("Cannot import the park boundaries"), e))

    def import_indicators_dialog(self) -> None:
        """File → Import enterprise indicators."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import enterprise indicators"), app_settings.last_folder(),
            self.tr("Indicator tables ({0})").format(TABLE_FILTER),
        )
        if path:
            self.import_indicators(path)

    def import_indicators(self, path: str | Path) -> None:
        """Read an indicator table in a worker and add it to the project's years.

        A year the project already holds is replaced, after the user saw what changes
        (``services.indicators.add_indicators``); other years are kept.
        """
        from landplanner.services.indicators import import_indicators
        from landplanner.services.progress import is_cancelled

        app_settings.remember_folder(path)
        pm = self.project_model
        project = pm.project
        existing = None if project.indicators is None else project.indicators.copy()

        def done(answer) -> None:
            if pm.project is not project:   # another project was opened meanwhile
                return
            if answer.change.replaces and not self.confirm_indicator_change(answer.change):
                self.statusBar().showMessage(self.tr("Import cancelled; the indicators are unchanged."), 5000)
                return
            pm.set_indicators(answer.merged)
            self._show_problems(self.tr("Enterprise indicators"), answer.problems)

        def failed(error) -> None:
            if is_cancelled(error):
                self.statusBar().showMessage(self.tr("Import cancelled; the indicators are unchanged."), 5000)
            else:
                self._error(self.tr("Cannot import the enterprise indicators"), error)

        run_task(self, self.tr("Reading enterprise indicators…"), import_indicators, path, existing,
                 on_done=done, on_error=failed)

    def confirm_indicator_change(self, change) -> bool:
        """Ask before a year the project holds is replaced, saying what changes."""
        return self.indicator_change_box(change).exec() == QMessageBox.StandardButton.Yes

    def indicator_change_box(self, change) -> QMessageBox:
        """The question asked before replacing a year: firms new / changed / gone per year."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace indicator year"),
                          self.tr("The project already holds indicators for this year. Replace them with the new table?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("replaceIndicatorsBox")
        box.setInformativeText(change.text(names=False))
        box.setDetailedText(change.text())
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def _show_problems(self, what: str, problems) -> None:
        if not problems:
            self.statusBar().showMessage(self.tr("{0} imported").format(what), 5000)
            return
        box = QMessageBox(QMessageBox.Icon.Information, what,
                          self.tr("{0} imported; {1} problems found.").format(what, len(problems)),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText("\n".join(p.message for p in problems))
        box.open()

    def export_excel_dialog(self) -> None:
        """File → Export Excel."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Excel"), str(Path(app_settings.last_folder()) / self.tr("land-revitalization.xlsx")),
            "Excel (*.xlsx)",
        )
        if path:
            self.export_excel(path)

    def export_excel(self, path: str | Path) -> None:
        """Write the workbook in a worker (from a snapshot, so editing can go on)."""
        from landplanner import messages
        from landplanner.export.xlsx_export import export_workbook

        app_settings.remember_folder(path)
        run_task(
            self, self.tr("Exporting Excel…"), export_workbook, self.project_model.snapshot(), path,
            language=messages.language(), **self.project_model.export_score_args(messages.language()),
            on_done=lambda _none: self.statusBar().showMessage(self.tr("Exported: {0}").format(path), 8000),
            on_error=lambda e: self._error(self.tr("Export failed"), e),
        )

    def new_project(self) -> None:
        """File → New: an empty workbench (import parcels to start)."""
        if self.maybe_save():
            self.project_model.close_project()

    def save(self) -> bool:
        """File → Save; asks for a path the first time. Returns False if not started."""
        pm = self.project_model
        if pm.project is None:
            return False
        if pm.location is None:
            return self.save_as()
        self.save_to(pm.location)
        return True

    def save_as(self) -> bool:
        """File → Save as."""
        if self.project_model.project is None:
            return False
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save project as"), str(Path(app_settings.last_folder()) / self.tr("project.gpkg")),
            self.tr("landplanner projects (*.gpkg)"),
        )
        if not path:
            return False
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        self.save_to(Path(path))
        return True

    def save_to(self, path: str | Path, on_saved=None) -> None:
        """Save a snapshot in a worker; the store writes atomically (a file) or in one transaction
        (a database), so a failure keeps the previous project. A database save that meets
        other users' edits of the same fields shows the conflict dialog."""
        pm = self.project_model
        snapshot = pm.snapshot()
        index = pm.undo_stack.index()
        shared = store.is_uri(path)
        if not shared:
            path = Path(path)

        def done(saved) -> None:
            if shared:
                pm.adopt_saved(saved)
            # edits made while saving stay unsaved
            pm.mark_saved(path, clean=pm.undo_stack.index() == index)
            if not shared:
                app_settings.add_recent_file(path)
                app_settings.remember_folder(path)
            self._fill_recent_menu()
            self.statusBar().showMessage(self.tr("Saved: {0}").format(store.display_name(path)), 5000)
            if on_saved is not None:
                on_saved()

        def failed(error) -> None:
            if _is_save_conflict(error):
                self._resolve_conflict(error, path, on_saved)
            else:
                self._error(self.tr("Save failed; the previous file is unchanged"), error)

        run_task(self, self.tr("Saving the project…"), store.save_location, snapshot, path, on_done=done,
                 on_error=failed)

    def _resolve_conflict(self, error, location, on_saved=None) -> None:
        """Show who changed what; apply keep-mine / take-theirs / merge, then save again."""
        from landplanner.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(error.conflicts, self)
        self.conflict_dialog = dialog  # tests and screenshots reach it here
        if not dialog.exec():
            self.statusBar().showMessage(self.tr("Not saved: the conflict is still open"), 8000)
            return
        self.project_model.resolve_conflicts(error, dialog.choices())
        self.save_to(location, on_saved=on_saved)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self.project_model.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("The project has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            if self.project_model.location is None:
                return self.save_as() and False  # the save finishes in a worker; ask again after
            self.save_to(self.project_model.location, on_saved=self.close)
            return False
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = app_settings.recent_files()
        for path in items:
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.maybe_save() and self.open_path(p))
        self.recent_menu.setEnabled(bool(items))

    def about(self) -> None:
        from landplanner import __version__

        QMessageBox.about(
            self, self.tr("About landplanner"),
            self.tr("landplanner {0}\nLand revitalization: low-efficiency land, per-mu scoring, plans, park quotas.").format(__version__),
        )

    # -- layout ----------------------------------------------------------------------------
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if getattr(self, "_replacing", False) or self.maybe_save():
            self.remote_watcher.stop()
            self.save_layout()
            event.accept()
        else:
            event.ignore()


def _is_save_conflict(error: BaseException) -> bool:
    """Whether a save failed because other users changed the same fields (shared store)."""
    from landplanner.store.postgis_store import SaveConflict

    return isinstance(error, SaveConflict)
