"""Python's cyclic garbage collector while the app starts and when it ends (issue 10 §8).

A full cyclic collection walks every object the collector tracks. Opening a 100,000-parcel
project makes ~190,000 of them (one per polygon, besides the modules' functions and dicts),
so each full pass then costs ~0.1 s of the GIL, and a start triggers two or three of them
plus many younger passes over the imports' objects (~0.2 s in all). At exit, the final
passes and freeing the heap object by object cost another ~0.3 s. Reference counting frees
almost everything anyway; the cyclic collector only finds the rare reference cycles.

Rules:

* :func:`hold` when the app starts (``landplanner [FILE]``, before the project read
  starts): no cyclic collection while starting;
* :func:`release` once the first map and the panels after it are there
  (:func:`release_when_settled`), or at the latest after :data:`FALLBACK_MS`: the objects
  alive then (modules, the window, the project opened at start, all long-lived) move to the
  permanent generation (``gc.freeze``), so later collections do not walk them again, and
  the collector is on again. When that project is replaced, :func:`thaw` moves them back so
  that whatever of it is left in cycles is collected;
* :func:`at_exit` when the app's event loop has ended: everything is frozen, so neither the
  final collections nor the teardown walk the heap; the operating system takes the
  memory back at once. Only the app's own start calls it (never a test or a library user);
* :func:`end_process` ends a scripted screenshot run at once, without the teardown (its
  output is written; only the program's own entry point asks for it);
* :func:`restore`: the collector is on again if :func:`hold` turned it off and nobody
  released it (an app run that failed early, a test).

Nothing here imports Qt at module level: the command line holds before Qt loads.
"""

from __future__ import annotations

import gc
from typing import NoReturn

#: The collector comes back at the latest this long after the window shows.
FALLBACK_MS = 20_000

_held = False


def held() -> bool:
    """Whether :func:`hold` turned the collector off and it is not back yet."""
    return _held


def hold() -> None:
    """No cyclic collection from now on (the app is starting); no-op if it is off already."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The start is over: freeze what is alive (long-lived) and turn the collector on."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def thaw() -> None:
    """The objects frozen at :func:`release` are collectable again (their project went)."""
    gc.unfreeze()


def restore() -> None:
    """Turn the collector on again if :func:`hold` turned it off (without freezing)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def at_exit() -> None:
    """The app is ending: freeze everything, so the interpreter's exit walks nothing."""
    gc.freeze()


def end_process(status: int) -> NoReturn:
    """End a scripted run (``landplanner FILE --screenshot OUT.png``) now, with ``status``.

    Its one output is written and closed, its window closed, nothing else of the user's is
    open for writing; the interpreter's teardown would still free the project object by
    object (100,000 geometries, their frames) and Qt's objects one by one, ~0.07 s of a
    100,000-parcel run for nothing the OS would not take back at once. Standard streams and
    the log are flushed first. Only the program's own entry point calls this, never a test
    or a caller of ``app_command.run`` in-process.
    """
    import logging
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no stream, or closed
            pass
    logging.shutdown()
    os._exit(status)


def release_when_settled(window) -> None:
    """:func:`release` once ``window``'s start has settled (its first map and the panels
    held for it, :func:`landplanner.ui.first_paint.when_settled`), at the latest after
    :data:`FALLBACK_MS`. Replacing that project later :func:`thaw` s."""
    if not _held:
        return
    from landplanner.ui.first_paint import when_settled

    pm = window.project_model

    def settled() -> None:
        release()
        project = pm.project

        def replaced() -> None:
            if pm.project is not project:
                pm.projectChanged.disconnect(replaced)
                thaw()

        pm.projectChanged.connect(replaced)

    when_settled(window, settled, FALLBACK_MS)
