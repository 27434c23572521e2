"""Map first, panels right after: opening a big project (issue 10 §8).

Opening a 100,000-parcel project, the map is what the user waits for. The attribute table,
the quota cards and chart and the account totals each cost a few tenths of a second on the
GUI thread; done before the first map they would only delay it. So, for a big project, the
project model *holds* these refreshes until the map has painted the new project, then runs
them one per event-loop turn (the window stays responsive in between). Meanwhile each panel
shows "正在计算…" (``ui.computing``) instead of the previous project's figures.

Rules:

* only the project model holds and releases (``ProjectModel.set_project`` holds when the
  project has more than ``ProjectModel.defer_panels_above`` parcels; the main window sets
  that threshold and releases on the map's ``renderFinished``); a model without a window
  never defers, so panels used on their own behave as before;
* a panel asks ``project_model.later(key, refresh, placeholder)``: run now when nothing is
  held, else ``placeholder()`` now and ``refresh()`` after the first paint; the latest
  request per key wins, and a request arriving while released runs at once (and drops the
  queued one of that key);
* nothing is held for longer than :data:`FALLBACK_MS` (a map that never reports).

The start as a whole settles (:func:`when_settled`) once the project opened at start has
its first map and the panels held for it are filled, or at once when no project is being
opened; the window's deferred panels (:mod:`~landplanner.ui.main_docks`) and the garbage
collector (:mod:`~landplanner.ui.gc_policy`) wait for that.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from landplanner import messages

#: Projects with more parcels than this fill their panels after the map's first paint.
BIG_PROJECT = 20_000
#: Held work runs at the latest this long after the hold, even if the map never reports.
FALLBACK_MS = 8_000

messages.register({"ui.computing": ("正在计算…", "Computing…")})


def computing_text() -> str:
    """What a panel shows while its figures wait for the first map ("正在计算…")."""
    return messages.text("ui.computing")


class PanelGate(QObject):
    """Refreshes held until the map has painted a newly opened big project."""

    released = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held = False
        self._queue: dict[object, Callable[[], None]] = {}
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.release)

    @property
    def held(self) -> bool:
        """Whether refreshes wait for the first paint."""
        return self._held

    def pending(self) -> list:
        """Keys of the refreshes still waiting (held or queued to run)."""
        return list(self._queue)

    def hold(self) -> None:
        """From now on, :meth:`run` queues instead of running (until :meth:`release`)."""
        self._held = True
        self._fallback.start(FALLBACK_MS)

    def run(self, key: object, fn: Callable[[], None],
            placeholder: Callable[[], None] | None = None) -> bool:
        """Run ``fn`` now (True), or, while held, show ``placeholder`` and queue ``fn`` (False)."""
        if self._held:
            self._queue.pop(key, None)
            self._queue[key] = fn
            if placeholder is not None:
                placeholder()
            return False
        self._queue.pop(key, None)  # a newer request supersedes a queued one
        fn()
        return True

    def release(self) -> None:
        """Stop holding; the queued refreshes run one per event-loop turn, oldest first."""
        self._fallback.stop()
        if not self._held:
            return
        self._held = False
        self.released.emit()
        if self._queue:
            QTimer.singleShot(0, self._run_next)

    def flush(self) -> None:
        """Stop holding and run every queued refresh now (tests, closing a project)."""
        self._fallback.stop()
        self._held = False
        while self._queue:
            self._run_next()

    def _run_next(self) -> None:
        if self._held or not self._queue:
            return
        key = next(iter(self._queue))
        fn = self._queue.pop(key)
        try:
            fn()
        finally:
            if self._queue and not self._held:
                QTimer.singleShot(0, self._run_next)


def when_settled(window, fn: Callable[[], None], fallback_ms: int = 20_000) -> None:
    """Call ``fn`` once (from the event loop) when ``window``'s start has settled.

    Settled: the first map of the project opened at start is painted and the panel
    refreshes held for it have run (no render running, nothing held or queued), or no
    project is being opened (none read ahead, no task running: at the first event-loop
    turn, or once an opening ended without a project). At the latest after
    ``fallback_ms``."""
    pm = window.project_model
    done = {"called": False}

    def call() -> None:
        if done["called"]:
            return
        done["called"] = True
        try:
            window.map.renderFinished.disconnect(first_map)
        except (RuntimeError, TypeError):
            pass
        fn()

    def settled() -> None:
        if done["called"]:
            return
        gate = pm.after_map
        if window.map.isRendering() or gate.held or gate.pending():
            QTimer.singleShot(20, window, settled)
        else:
            call()

    def first_map() -> None:
        if pm.project is not None:  # (not the empty map before the project arrives)
            QTimer.singleShot(0, window, settled)

    def at_start() -> None:
        # no project coming, or its opening failed (the first map path calls otherwise)
        if done["called"] or pm.project is not None:
            return
        if _opening():
            QTimer.singleShot(100, window, at_start)
        else:
            call()

    window.map.renderFinished.connect(first_map)
    QTimer.singleShot(0, window, at_start)
    QTimer.singleShot(fallback_ms, pm, call)  # (the model outlives a rebuilt window)


def _opening() -> bool:
    """Whether a project is being read (ahead, or in a worker task) right now."""
    from landplanner.ui import prefetch
    from landplanner.ui.workers import running_tasks

    return prefetch.pending() or running_tasks() > 0
