"""Other users' changes to a shared project appear without restarting.

The database announces every change (``NOTIFY landplanner`` from the history trigger); a
listener on its own thread and connection passes each announcement to the GUI thread, where
the model takes in the rows this user has not changed. A timer refreshes every
``interval_ms`` as well, in case a notification was missed (connection lost, a proxy that
drops them).
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
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self._pending = QTimer(self)  # several notifications in a burst: one refresh
        self._pending.setSingleShot(True)
        self._pending.setInterval(200)
        self._pending.timeout.connect(self.refresh)
        self.notified.connect(lambda _payload: self._pending.start())

    def follow(self, location: str | None) -> None:
        """Watch ``location`` (a shared project), or nothing (None)."""
        self.stop()
        self.location = location
        if location is None:
            return
        from landplanner.store.postgis_store import Listener

        self._listener = Listener(location, self.notified.emit).start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def refresh(self) -> None:
        """Take in other users' saved changes now."""
        if self.location is None or self.project_model.location != self.location:
            return
        try:
            self.project_model.refresh_remote()
        except Exception as error:  # a refresh is a convenience: the next one will try again
            LOG.warning("refresh from the database failed: %s", error)
