"""Run heavy core functions off the GUI thread, with a progress dialog and Cancel.

Core functions take ``progress(fraction, message) -> bool`` and stop when it returns False
(Orange3's pattern). :func:`run_task` runs one in Qt's thread pool; the dialog's Cancel sets a
flag the callback reports. The result or the error comes back on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from landplanner.ui.threads import EXECUTOR

LOG = logging.getLogger("landplanner.workers")
Progress = Callable[[float, str], bool]


class TaskSignals(QObject):
    """What a running task reports (emitted from the worker thread, queued to the GUI)."""

    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class Task:
    """``fn(*args, progress=..., **kwargs)`` to run once in the thread pool; cancellable.

    Signals are emitted from the worker thread and delivered queued on the GUI thread.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = TaskSignals()
        self._cancelled = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        """Ask the function to stop at its next progress report."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancelled.is_set()

    def progress(self, fraction: float, message: str = "") -> bool:
        """The callback handed to the core function."""
        self.signals.progressed.emit(float(fraction), str(message))
        return not self._cancelled.is_set()

    def run(self) -> None:
        """Run the function (in the worker thread) and report the outcome."""
        try:
            result = self.fn(*self.args, progress=self.progress, **self.kwargs)
        except BaseException as error:  # every failure goes to the GUI as a dialog
            LOG.exception("task %s failed", getattr(self.fn, "__name__", self.fn))
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()

    def start(self) -> None:
        """Queue the task on the app's worker threads."""
        _EXECUTOR.submit(self.run)


# Long-lived Python threads, not QThreadPool (see landplanner.ui.threads: pyproj's
# per-thread context); shared with the project read started before the window exists.
_EXECUTOR = EXECUTOR


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    show_after_ms: int = 400,
    cancellable: bool = True,
    **kwargs: Any,
) -> Task:
    """Start ``fn`` in the thread pool with a progress dialog; return the :class:`Task`.

    Parameters
    ----------
    parent
        Window the progress dialog belongs to.
    title
        Label shown while the work runs.
    fn
        Core function accepting ``progress=`` (and raising ``InputError`` on bad input).
    on_done, on_error
        Called on the GUI thread with the result, or with the exception (also when the user
        cancelled: the core raises ``InputError`` with code ``cancelled``).
    show_after_ms
        Quick work finishes before the dialog appears, so it never flickers.
    cancellable
        False when ``fn`` does not stop on its progress callback: the dialog then offers no
        Cancel button (a button that does nothing would lie).
    """
    task = Task(fn, *args, **kwargs)
    dialog = QProgressDialog(title, QCoreApplication.translate("Workers", "Cancel"), 0, 1000, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(task.cancel)
    task.dialog = dialog

    def progressed(fraction: float, message: str) -> None:
        if dialog.wasCanceled():
            task.cancel()
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            dialog.setLabelText(message)

    def finish() -> None:
        dialog.canceled.disconnect(task.cancel)
        dialog.close()
        dialog.deleteLater()
        _RUNNING.discard(task)

    def finished(result: object) -> None:
        finish()
        if on_done is None:
            return
        try:
            on_done(result)
        except Exception as error:  # a failing follow-up must not take the app down
            LOG.exception("handling the result of %s failed", title)
            if on_error is not None:
                on_error(error)

    def failed(error: BaseException) -> None:
        finish()
        if on_error is not None:
            on_error(error)

    task.signals.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    task.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    task.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _RUNNING.add(task)
    QTimer.singleShot(0, task.start)
    return task


# Tasks stay referenced here until their result reached the GUI thread.
_RUNNING: set[Task] = set()


def running_tasks() -> int:
    """How many tasks have not reported back yet (tests wait on this)."""
    return len(_RUNNING)
