"""Owns the main window for an interactive session: recovery on start, autosave, and
rebuilding the window when the language changes (the project model survives the switch)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from landplanner.ui import app_settings, recovery
from landplanner.ui.i18n import install_language
from landplanner.ui.main_window import MainWindow
from landplanner.ui.project_model import ProjectModel
from landplanner.ui.recovery import Autosaver

LOG = logging.getLogger("landplanner.ui")


class AppController(QObject):
    """One project model, one window at a time, one autosaver."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.project_model = ProjectModel(self)
        self.autosaver = Autosaver(self.project_model, parent=self)
        self.window: MainWindow | None = None

    def start(self, path: str | Path | None = None, style: str | None = None) -> MainWindow:
        """Show the window, offer a pending recovery, then open ``path``."""
        window = self._new_window()
        if style:
            window.set_map_style(style)
        window.show()
        QTimer.singleShot(0, lambda: self._after_start(path))
        return window

    def _after_start(self, path: str | Path | None) -> None:
        self.window.hide_stray_tab_bars()  # a saved layout may leave one (see there)
        note = recovery.pending_recovery()
        if note is not None and self._ask_restore(note):
            self.window.open_path(recovery.recovery_file())
            self.window.projectLoaded.connect(self._restored, type=self._unique())
        elif note is not None:
            recovery.discard_recovery()
        if path is not None and note is None:
            self.window.open_path(path)
        else:
            from landplanner.ui import prefetch

            prefetch.forget()  # a read started for ``path`` is not wanted now

    @staticmethod
    def _unique():
        from PySide6.QtCore import Qt

        return Qt.ConnectionType.SingleShotConnection

    def _restored(self) -> None:
        # The recovered project is unsaved work: keep it dirty and without the recovery path.
        note = recovery.pending_recovery() or {}
        self.project_model.mark_restored(note.get("original"), recovery.load_store_state())

    def _ask_restore(self, note: dict) -> bool:
        original = note.get("original") or self.tr("an unsaved project")
        answer = QMessageBox.question(
            None, self.tr("Restore unsaved work?"),
            self.tr("landplanner did not close normally last time. Restore the autosaved copy of {0}?").format(original),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.project_model)
        window.languageRequested.connect(self.switch_language)
        self.window = window
        return window

    def switch_language(self, lang: str) -> None:
        """Install ``lang`` and rebuild the window around the same project."""
        app_settings.set_language(lang)
        old = self.window
        old.save_layout()
        install_language(self.app, lang)
        style = old.current_style()
        selection = list(self.project_model.selection)
        kept = _view_state(old)
        window = self._new_window()
        window.set_map_style(style)
        window.resize(old.size())
        window.show()
        old._replacing = True
        old.close()
        old.deleteLater()
        _restore_view_state(window, kept)
        if selection:
            # Rebuilding the table may have cleared it: the same parcels, selected again.
            if self.project_model.selection != selection:
                self.project_model.set_selection(selection)
            else:
                self.project_model.announce_selection()
        # The map settles its size once shown: put the same view back after that.
        QTimer.singleShot(0, window, lambda: (_restore_map_view(window, kept),
                                              window.hide_stray_tab_bars()))


def _view_state(window: MainWindow) -> dict:
    """What the user was looking at: the map's view, the table's search, filters, sort and
    columns, so that a language switch changes the words and nothing else."""
    table = window.table
    header = table.view.horizontalHeader()
    return {
        "view": window.map.view(),
        "display": window.map.displayState(),
        "search": table.search.text(),
        "filters": list(table._filters),
        "shown_own": set(table._shown_own),
        "hidden_fixed": set(table._hidden_fixed),
        "sort": (header.sortIndicatorSection(), header.sortIndicatorOrder())
        if table.model._sort is not None else None,
    }


def _restore_view_state(window: MainWindow, kept: dict) -> None:
    table = window.table
    table._shown_own = set(kept["shown_own"])
    table._hidden_fixed = set(kept["hidden_fixed"])
    table._apply_column_choice()
    if "display" in kept:  # layers, hidden legend classes, label field
        window.map.setDisplayState(kept["display"])
        window.layers.refresh()
    if kept["search"]:
        table.search.setText(kept["search"])
    if kept["filters"]:
        table.set_filters(kept["filters"])
    if kept["sort"] is not None:
        table.view.sortByColumn(*kept["sort"])
    _restore_map_view(window, kept)


def _restore_map_view(window: MainWindow, kept: dict) -> None:
    view = kept.get("view")
    if view is not None and window.map.view() != view:
        window.map.setView(view)
