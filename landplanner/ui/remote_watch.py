"""Other users' changes to a shared project appear without restarting.

Every save is announced (``NOTIFY landplanner``: landplanner's saves name the plans they
wrote, the history trigger announces each row changed from psql or QGIS); a listener on its own
thread and connection gathers the announcements (``postgis_store.ChangeHint``) and tells the
GUI thread, which takes in the rows this user has not changed 200 ms after the first
announcement since the last refresh (however many follow: under a steady stream of saves it
refreshes five times a second, not never), reading only the rows announced. A timer refreshes
everything every ``interval_ms`` as well, in case a notification was missed (connection lost,
a proxy that drops them).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

LOG = logging.getLogger("landplanner.ui")


class RemoteWatcher(QObject):
    """Keeps a shared project in step with the database; idle for a file project."""

    notified = Signal(dict)  # emitted from the listener thread, delivered on the GUI thread

    def __init__(self, project_model, parent: QObject | None = None, interval_ms: int = 30_000) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.location: str | None = None
        self._listener = None
        self._hint = None  # postgis_store.ChangeHint while following a shared project
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self._pending = QTimer(self)  # several notifications in a burst: one refresh
        self._pending.setSingleShot(True)
        self._pending.setInterval(200)
        self._pending.timeout.connect(self._refresh_announced)
        self.notified.connect(self._announced)

    def follow(self, location: str | None) -> None:
        """Watch ``location`` (a shared project), or nothing (None)."""
        self.stop()
        self.location = location
        if location is None:
            return
        from landplanner.store.postgis_store import ChangeHint, Listener

        hint = self._hint = ChangeHint()

        def heard(payload: dict) -> None:  # on the listener's thread
            hint.add(payload)
            self.notified.emit(payload)

        self._listener = Listener(location, heard).start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def _announced(self, _payload: dict) -> None:
        if not self._pending.isActive():  # the first since the last refresh sets the time
            self._pending.start()

    def _refresh_announced(self) -> None:
        hint = self._hint.take() if self._hint is not None else None
        if hint is not None:
            self.refresh(hint)

    def refresh(self, hint=None) -> None:
        """Take in other users' saved changes now (``hint``: only those announced; None: all)."""
        if self.location is None or self.project_model.location != self.location:
            return
        if hint is None and self._hint is not None:
            self._hint.take()  # everything is read: what was announced meanwhile too
        try:
            self.project_model.refresh_remote(hint)
        except Exception as error:  # a refresh is a convenience: the next one will try again
            LOG.warning("refresh from the database failed: %s", error)
