"""The main window's file commands: open, import (parcels, parks, indicators), export, save.

Heavy work runs in a worker (:func:`~landplanner.ui.workers.run_task`) through the core's
functions; the results go to the project model. A mixin of
:class:`~landplanner.ui.main_window.MainWindow`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMessageBox,
)

from landplanner import store
from landplanner.ui import app_settings
from landplanner.ui.workers import run_task

# Importing files (sources, fields, parks, the import dialog) is loaded on first use, not
# while the window starts (issue 10 §8: opening a project needs none of it).

LOG = logging.getLogger("landplanner.ui")

PARCEL_FILTER = "*.shp *.zip *.gpkg *.geojson *.json *.kml *.gml *.tab *.mif"
TABLE_FILTER = "*.xlsx *.xls *.csv"

# Strings use QCoreApplication.translate("MainWindow", …), not self.tr(…): pyside6-lupdate
# files self.tr() under the enclosing class, and these are MainWindow's strings.


class FileCommandsMixin:
    """File → Open / Import / Export / Save, and the unsaved-changes question."""

    def open_dialog(self) -> None:
        """File → Open: a project or a parcel file."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Open a project or parcel file"), app_settings.last_folder(),
            QCoreApplication.translate("MainWindow", "Projects and parcel files ({0});;All files (*)").format(PARCEL_FILTER),
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
                self, QCoreApplication.translate("MainWindow", "Opening the project…"), store.open_project, location,
                on_done=lambda project: self._adopt_project(project, location),
                on_error=lambda e: self._error(QCoreApplication.translate("MainWindow", "Cannot open the project"), e),
            )
            return
        path = Path(path)
        app_settings.remember_folder(path)
        if path.is_file() and store.is_project(path):
            from landplanner.ui import prefetch

            # prefetch: the read `landplanner P.gpkg` started while the window was being built
            # (with the map's size and style, it also prepares the first full map)
            prefetch.hint_first_map(self.map.width(), self.map.height(), self.map.styleName(),
                                    self.map.logicalDpiX())
            run_task(
                self, QCoreApplication.translate("MainWindow", "Opening the project…"), prefetch.open_project, path,
                on_done=lambda project: self._adopt_project(project, path),
                on_error=lambda e: self._error(QCoreApplication.translate("MainWindow", "Cannot open the project"), e),
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
                    QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "Project on a network share"), problem.message)

    def import_parcels_dialog(self) -> None:
        """File → Import parcels."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Import parcels"), app_settings.last_folder(),
            QCoreApplication.translate("MainWindow", "Parcel files ({0});;All files (*)").format(PARCEL_FILTER),
        )
        if path:
            self.import_parcels(path)

    def import_parcels(self, path: str | Path, *, encoding: str | None = None, layer: str | None = None,
                       auto_accept: bool = False) -> None:
        """Load ``path`` in a worker, then show the report and field mapping for confirmation."""
        from landplanner import sources

        path = Path(path)
        if layer is None:
            try:
                layers = sources.list_layers(path)
            except Exception as error:
                self._error(QCoreApplication.translate("MainWindow", "Cannot read the file"), error)
                return
            if len(layers) > 1:
                if auto_accept:
                    layer = layers[0]
                else:
                    layer, ok = QInputDialog.getItem(
                        self, QCoreApplication.translate("MainWindow", "Choose a layer"), QCoreApplication.translate("MainWindow", "This file has several layers. Choose the parcel layer:"), layers, 0, False
                    )
                    if not ok:
                        return
        run_task(
            self, QCoreApplication.translate("MainWindow", "Reading parcels…"), sources.load_parcels, path, layer=layer, encoding=encoding,
            on_done=lambda result: self._loaded(path, result, auto_accept, layer),
            on_error=lambda e: self._error(QCoreApplication.translate("MainWindow", "Cannot import the parcels"), e),
        )

    def _loaded(self, path: Path, result, auto_accept: bool, layer: str | None) -> None:
        from landplanner import fields
        from landplanner.ui.import_dialog import RELOAD, ImportDialog

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
                self._accept_import(path, dialog.accepted_result(), dialog.mapping())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _accept_import(self, path: Path, result, mapping: dict) -> None:
        from landplanner.project import Project

        try:
            project = Project.from_load(result, mapping)
        except Exception as error:
            self._error(QCoreApplication.translate("MainWindow", "Cannot import the parcels"), error)
            return
        self.project_model.set_project(project, None, saved=False)
        app_settings.add_recent_file(path)
        self._fill_recent_menu()

    def project_settings_dialog(self) -> None:
        """File → Project settings: district, year, targets, parks (changes go through undo)."""
        if self.project_model.project is None:
            return
        from landplanner.ui.project_settings_dialog import ProjectSettingsDialog

        dialog = ProjectSettingsDialog(self.project_model, self)
        self.settings_dialog = dialog
        dialog.finished.connect(lambda _code: setattr(self, "settings_dialog", None))
        dialog.open()

    def import_parks_dialog(self) -> None:
        """File → Import park boundaries."""
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Import park boundaries"), app_settings.last_folder(),
            QCoreApplication.translate("MainWindow", "Park boundaries ({0})").format(PARCEL_FILTER),
        )
        if path:
            self.import_parks(path)

    def import_parks(self, path: str | Path) -> None:
        """Read park boundaries in a worker and assign each parcel its park."""
        from landplanner.parks import read_park_file

        app_settings.remember_folder(path)

        def done(parks_gdf) -> None:
            try:
                problems = self.project_model.set_parks(parks_gdf)
            except Exception as error:
                self._error(QCoreApplication.translate("MainWindow", "Cannot import the park boundaries"), error)
                return
            self._show_problems(QCoreApplication.translate("MainWindow", "Park boundaries"), problems)

        run_task(self, QCoreApplication.translate("MainWindow", "Reading park boundaries…"), read_park_file, path, on_done=done,
                 on_error=lambda e: self._error(QCoreApplication.translate("MainWindow", "Cannot import the park boundaries"), e))

    def import_indicators_dialog(self) -> None:
        """File → Import enterprise indicators."""
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Import enterprise indicators"), app_settings.last_folder(),
            QCoreApplication.translate("MainWindow", "Indicator tables ({0})").format(TABLE_FILTER),
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
                self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Import cancelled; the indicators are unchanged."), 5000)
                return
            pm.set_indicators(answer.merged)
            self._show_problems(QCoreApplication.translate("MainWindow", "Enterprise indicators"), answer.problems)

        def failed(error) -> None:
            if is_cancelled(error):
                self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Import cancelled; the indicators are unchanged."), 5000)
            else:
                self._error(QCoreApplication.translate("MainWindow", "Cannot import the enterprise indicators"), error)

        run_task(self, QCoreApplication.translate("MainWindow", "Reading enterprise indicators…"), import_indicators, path, existing,
                 on_done=done, on_error=failed)

    def confirm_indicator_change(self, change) -> bool:
        """Ask before a year the project holds is replaced, saying what changes."""
        return self.indicator_change_box(change).exec() == QMessageBox.StandardButton.Yes

    def indicator_change_box(self, change) -> QMessageBox:
        """The question asked before replacing a year: firms new / changed / gone per year."""
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("MainWindow", "Replace indicator year"),
                          QCoreApplication.translate("MainWindow", "The project already holds indicators for this year. Replace them with the new table?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("replaceIndicatorsBox")
        box.setInformativeText(change.text(names=False))
        box.setDetailedText(change.text())
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def _show_problems(self, what: str, problems) -> None:
        if not problems:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "{0} imported").format(what), 5000)
            return
        box = QMessageBox(QMessageBox.Icon.Information, what,
                          QCoreApplication.translate("MainWindow", "{0} imported; {1} problems found.").format(what, len(problems)),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText("\n".join(p.message for p in problems))
        box.open()

    def export_excel_dialog(self) -> None:
        """File → Export Excel."""
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("MainWindow", "Export Excel"), str(Path(app_settings.last_folder()) / QCoreApplication.translate("MainWindow", "land-revitalization.xlsx")),
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
            self, QCoreApplication.translate("MainWindow", "Exporting Excel…"), export_workbook, self.project_model.snapshot(), path,
            language=messages.language(), **self.project_model.export_score_args(messages.language()),
            on_done=lambda _none: self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Exported: {0}").format(path), 8000),
            on_error=lambda e: self._error(QCoreApplication.translate("MainWindow", "Export failed"), e),
        )

    def print_dialog(self):
        """File → Print: layout editor, PDF/PNG/printer, atlas."""
        from landplanner.ui.print_dialog import PrintDialog

        if self.project_model.project is None or self.project_model.parcels is None \
                or len(self.project_model.parcels) == 0:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Import parcels first"), 5000)
            return None
        view = self.map.view()
        dialog = PrintDialog(self.project_model, view.extent if view is not None else None,
                             self.map.styleName(), self)
        dialog.open()
        return dialog

    def export_map_image_dialog(self) -> None:
        """File → Export map image: the current view redrawn at 300 dpi."""
        from landplanner.ui.print_dialog import export_map_image

        if self.map.view() is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("MainWindow", "Export map image"), str(Path(app_settings.last_folder()) / "map.png"),
            "PNG (*.png)")
        if not path:
            return
        app_settings.remember_folder(path)
        try:
            export_map_image(self.map, path)
        except Exception as exc:  # say which file and why
            self._error(QCoreApplication.translate("MainWindow", "Export failed"), exc)
            return
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Exported: {0}").format(path), 8000)

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
            self, QCoreApplication.translate("MainWindow", "Save project as"), str(Path(app_settings.last_folder()) / QCoreApplication.translate("MainWindow", "project.gpkg")),
            QCoreApplication.translate("MainWindow", "landplanner projects (*.gpkg)"),
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
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Saved: {0}").format(store.display_name(path)), 5000)
            if on_saved is not None:
                on_saved()

        def failed(error) -> None:
            if _is_save_conflict(error):
                self._resolve_conflict(error, path, on_saved)
            else:
                self._error(QCoreApplication.translate("MainWindow", "Save failed; the previous file is unchanged"), error)

        run_task(self, QCoreApplication.translate("MainWindow", "Saving the project…"), store.save_location, snapshot, path, on_done=done,
                 on_error=failed)

    def _resolve_conflict(self, error, location, on_saved=None) -> None:
        """Show who changed what; apply keep-mine / take-theirs / merge, then save again."""
        from landplanner.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(error.conflicts, self)
        self.conflict_dialog = dialog  # tests and screenshots reach it here
        if not dialog.exec():
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Not saved: the conflict is still open"), 8000)
            return
        self.project_model.resolve_conflicts(error, dialog.choices())
        self.save_to(location, on_saved=on_saved)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self.project_model.dirty:
            return True
        answer = QMessageBox.question(
            self, QCoreApplication.translate("MainWindow", "Unsaved changes"), QCoreApplication.translate("MainWindow", "The project has unsaved changes. Save them?"),
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


def _is_save_conflict(error: BaseException) -> bool:
    """Whether a save failed because other users changed the same fields (shared store)."""
    from landplanner.store.postgis_store import SaveConflict

    return isinstance(error, SaveConflict)
