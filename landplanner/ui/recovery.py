"""Autosave to a recovery file every few minutes; offer to restore after a crash.

The recovery copy lives in the per-user data folder (never beside the user's files). It is
written from a snapshot in a worker through the store's atomic save, and removed when the
project is saved or the app closes normally. If it is still there at the next start, the
last session ended without closing, and the user is offered to restore it.
"""

from __future__ import annotations

import json
import logging
import pickle
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from landplanner import store
from landplanner.ui.error_log import data_dir
from landplanner.ui.workers import Task

LOG = logging.getLogger("landplanner.ui")
DEFAULT_INTERVAL_MS = 3 * 60 * 1000


def recovery_dir() -> Path:
    """Folder holding the recovery project and its note."""
    path = data_dir() / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


def recovery_file() -> Path:
    """The recovery project (a normal project GeoPackage)."""
    return recovery_dir() / "recovery.gpkg"


def recovery_note() -> Path:
    """JSON note: which file the recovered project came from."""
    return recovery_dir() / "recovery.json"


def recovery_state() -> Path:
    """A shared (database) project's base: the row versions as loaded, which its next save to
    the database compares with; without it the restored work could not be saved there."""
    return recovery_dir() / "recovery.state"


def load_store_state() -> object | None:
    """The store state kept with the recovery copy (None when there is none or it is unreadable)."""
    try:
        return pickle.loads(recovery_state().read_bytes())  # our own file, in the user's data folder
    except Exception:  # missing, or written by another version: the restore goes on without it
        return None


def pending_recovery() -> dict | None:
    """The note of a recovery left by a session that did not close normally, if any."""
    if not recovery_file().is_file():
        return None
    try:
        return json.loads(recovery_note().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"original": None}


def discard_recovery() -> None:
    """Remove the recovery files (after a save, a normal exit, or when the user declines)."""
    for path in (recovery_file(), recovery_note(), recovery_state()):
        try:
            path.unlink()
        except FileNotFoundError:
            pass


class Autosaver(QObject):
    """Saves a snapshot of a dirty project to :func:`recovery_file` every ``interval_ms``."""

    def __init__(self, project_model, interval_ms: int = DEFAULT_INTERVAL_MS, parent=None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        self._task: Task | None = None
        project_model.dirtyChanged.connect(self._dirty_changed)

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            discard_recovery()

    def autosave(self) -> Task | None:
        """Start one autosave if the project has unsaved changes; returns the task."""
        pm = self.project_model
        if pm.project is None or not pm.dirty or (self._task is not None and not self._task.done.is_set()):
            return None
        snapshot = pm.snapshot()
        note = {"original": store.strip_password(pm.location) if pm.location else None}

        def save(progress=None):
            store.save_project(snapshot, recovery_file())
            _write_state(getattr(snapshot, "store_state", None))
            recovery_note().write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
            return recovery_file()

        task = Task(save)
        task.signals.failed.connect(lambda e: LOG.error("autosave failed: %s", e))
        self._task = task
        task.start()
        return task


def _write_state(state: object | None) -> None:
    path = recovery_state()
    if state is None:
        path.unlink(missing_ok=True)
        return
    temp = path.with_suffix(".state-new")
    temp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    temp.replace(path)
