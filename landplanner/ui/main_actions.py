"""The main window's actions, menus, toolbar and status bar. A mixin of
:class:`~landplanner.ui.main_window.MainWindow`."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QMessageBox,
)

from landplanner.ui import app_settings
from landplanner.ui.icons import icon
from landplanner.ui.labels import style_names

#: Map tools, QGIS-like: none of them clashes with a File or Edit shortcut.
MAP_TOOL_SHORTCUTS = {
    "pan": "Ctrl+Shift+P",
    "select": "Ctrl+Shift+E",
    "identify": "Ctrl+Shift+I",
    "measure": "Ctrl+Shift+M",
    "measure_area": "Ctrl+Shift+J",
}

LOG = logging.getLogger("landplanner.ui")

# Strings use QCoreApplication.translate("MainWindow", …), not self.tr(…): pyside6-lupdate
# files self.tr() under the enclosing class, and these are MainWindow's strings.


class ActionsMixin:
    """Builds ``self.actions`` and the menus, toolbar and status bar that show them."""

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
        a("new", QCoreApplication.translate("MainWindow", "New project"), "new", self.new_project, QKeySequence.StandardKey.New)
        a("open", QCoreApplication.translate("MainWindow", "Open…"), "open", self.open_dialog, QKeySequence.StandardKey.Open,
          QCoreApplication.translate("MainWindow", "Open a project (.gpkg) or a parcel file"))
        a("open_database", QCoreApplication.translate("MainWindow", "Open from database…"), "open", self.open_database_dialog, None,
          QCoreApplication.translate("MainWindow", "Open a project shared in a PostGIS database"))
        a("save", QCoreApplication.translate("MainWindow", "Save project"), "save", self.save, QKeySequence.StandardKey.Save)
        a("save_as", QCoreApplication.translate("MainWindow", "Save project as…"), "save_as", self.save_as, QKeySequence.StandardKey.SaveAs)
        a("import_parcels", QCoreApplication.translate("MainWindow", "Import parcels…"), "import_parcels", self.import_parcels_dialog, None,
          QCoreApplication.translate("MainWindow", "Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping"))
        a("import_parks", QCoreApplication.translate("MainWindow", "Import park boundaries…"), "import_parks", self.import_parks_dialog)
        a("import_indicators", QCoreApplication.translate("MainWindow", "Import enterprise indicators…"), "import_indicators", self.import_indicators_dialog,
          None, QCoreApplication.translate("MainWindow", "Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)"))
        a("export_excel", QCoreApplication.translate("MainWindow", "Export Excel…"), "export_excel", self.export_excel_dialog, None,
          QCoreApplication.translate("MainWindow", "Export the land list, enterprise list, plans and park progress"))
        a("print", QCoreApplication.translate("MainWindow", "Print…"), "print", self.print_dialog, QKeySequence.StandardKey.Print,
          QCoreApplication.translate("MainWindow", "Map layouts (PDF, PNG, printer) and the one-enterprise-one-plan atlas"))
        a("export_map_image", QCoreApplication.translate("MainWindow", "Export map image…"), None, self.export_map_image_dialog, None,
          QCoreApplication.translate("MainWindow", "The current map view as a PNG at print resolution"))
        a("quit", QCoreApplication.translate("MainWindow", "Quit"), "quit", self.close, QKeySequence.StandardKey.Quit)
        undo = self.project_model.undo_stack.createUndoAction(self, QCoreApplication.translate("MainWindow", "Undo"))
        undo.setIcon(icon("undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("action_undo")
        redo = self.project_model.undo_stack.createRedoAction(self, QCoreApplication.translate("MainWindow", "Redo"))
        redo.setIcon(icon("redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        redo.setObjectName("action_redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        a("copy_rows", QCoreApplication.translate("MainWindow", "Copy selected rows"), "copy", self.table.copy_selection, None,
          QCoreApplication.translate("MainWindow", "Copy the selected rows as tab-separated text, ready to paste into Excel"))
        a("clear_selection", QCoreApplication.translate("MainWindow", "Clear selection"), "clear", lambda: self.project_model.set_selection([]),
          "Esc")
        a("zoom_full", QCoreApplication.translate("MainWindow", "Full extent"), "zoom_full", self.zoom_full, "Ctrl+Shift+F",
          QCoreApplication.translate("MainWindow", "Zoom to all parcels"))
        a("zoom_selection", QCoreApplication.translate("MainWindow", "Zoom to selection"), "zoom_selection", self.zoom_selection, "Ctrl+J")  # Ctrl+Shift+S is Save as
        a("zoom_in", QCoreApplication.translate("MainWindow", "Zoom in"), "zoom_in", lambda: self.map.zoomIn(), QKeySequence.StandardKey.ZoomIn)
        a("zoom_out", QCoreApplication.translate("MainWindow", "Zoom out"), "zoom_out", lambda: self.map.zoomOut(), QKeySequence.StandardKey.ZoomOut)
        tools = QActionGroup(self)
        for key, text, icon_name in (
            ("pan", QCoreApplication.translate("MainWindow", "Pan"), "pan"),
            ("select", QCoreApplication.translate("MainWindow", "Select (hold Shift to add)"), "select"),
            ("identify", QCoreApplication.translate("MainWindow", "Identify"), "identify"),
            ("measure", QCoreApplication.translate("MainWindow", "Measure distance"), "measure"),
            ("measure_area", QCoreApplication.translate("MainWindow", "Measure area (m², mu)"), "measure_area"),
        ):
            act = a(f"tool_{key}", text, icon_name, lambda _c=False, k=key: self.map.setTool(k))
            act.setShortcut(QKeySequence(MAP_TOOL_SHORTCUTS[key]))
            act.setToolTip(f"{text} ({MAP_TOOL_SHORTCUTS[key]})")
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
        a("score", QCoreApplication.translate("MainWindow", "Re-score"), "score", self.scoring.rescore, "F5",
          QCoreApplication.translate("MainWindow", "Recompute the per-mu scores with the current settings"))
        a("about", QCoreApplication.translate("MainWindow", "About"), "app", self.about)
        from landplanner import messages as _messages
        from landplanner.ui import project_settings_dialog as _psd  # noqa: F401 - its words

        a("project_settings", _messages.text("ui.settings.action"), None,
          self.project_settings_dialog)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        for key in ("new", "open", "open_database", "save", "save_as"):
            file_menu.addAction(self.actions[key])
        file_menu.addSeparator()
        for key in ("import_parcels", "import_parks", "import_indicators"):
            file_menu.addAction(self.actions[key])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["project_settings"])
        file_menu.addAction(self.actions["export_excel"])
        file_menu.addAction(self.actions["print"])
        file_menu.addAction(self.actions["export_map_image"])
        file_menu.addSeparator()
        self.recent_menu = QMenu(QCoreApplication.translate("MainWindow", "Recent files"), self)
        self.recent_menu.setIcon(icon("recent"))
        file_menu.addMenu(self.recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])

        edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        edit_menu.addAction(self.actions["undo"])
        edit_menu.addAction(self.actions["redo"])
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions["copy_rows"])
        edit_menu.addAction(self.actions["clear_selection"])

        view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        for key in ("layers", "table", "quota", "details", "plan", "scoring"):
            view_menu.addAction(self.docks[key].toggleViewAction())
        reset = QAction(QCoreApplication.translate("MainWindow", "Reset panel layout"), self)
        reset.setObjectName("action_reset_layout")
        reset.setToolTip(QCoreApplication.translate(
            "MainWindow", "Put every panel back where and how large it was at first start"))
        reset.triggered.connect(self.reset_layout)
        self.actions["reset_layout"] = reset
        view_menu.addAction(reset)
        view_menu.addSeparator()
        style_menu = view_menu.addMenu(icon("style"), QCoreApplication.translate("MainWindow", "Thematic style"))
        for act in self.style_group.actions():
            style_menu.addAction(act)
        lang_menu = view_menu.addMenu(icon("language"), QCoreApplication.translate("MainWindow", "Language / 语言"))
        for act in self.language_group.actions():
            lang_menu.addAction(act)

        map_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Map"))
        for key in ("zoom_full", "zoom_selection", "zoom_in", "zoom_out"):
            map_menu.addAction(self.actions[key])
        map_menu.addSeparator()
        for key in ("pan", "select", "identify", "measure", "measure_area"):
            map_menu.addAction(self.actions[f"tool_{key}"])
        map_menu.addSeparator()
        from landplanner import messages as _messages

        labels = map_menu.addMenu(_messages.text("ui.layers.label_field"))
        labels.setObjectName("labelFieldMenu")
        labels.aboutToShow.connect(lambda: (labels.clear(), self.layers.label_menu(labels)))
        self.label_field_menu = labels

        analysis_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Analysis"))
        analysis_menu.addAction(self.actions["score"])
        analysis_menu.addAction(self.docks["plan"].toggleViewAction())
        analysis_menu.addAction(self.docks["quota"].toggleViewAction())

        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addAction(self.actions["about"])

    def _build_toolbar(self) -> None:
        tb = self.addToolBar(QCoreApplication.translate("MainWindow", "Main toolbar"))
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
            self, QCoreApplication.translate("MainWindow", "About landplanner"),
            QCoreApplication.translate("MainWindow", "landplanner {0}\nLand revitalization: low-efficiency land, per-mu scoring, plans, park quotas.").format(__version__),
        )
