"""Start the desktop app: ``run_app(args)`` is what ``landplanner [FILE]`` calls, with the
arguments :mod:`landplanner.cli.app_command` parsed (once, there):

``landplanner``                                  the window, empty
``landplanner FILE``                             the window on a parcel file or project
``landplanner FILE --screenshot OUT.png [--style category|class|status|park]
           [--size 1600x1000] [--lang zh|en]``   draw offscreen, save, exit 0
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

LOG = logging.getLogger("landplanner.ui")
SCREENSHOT_TIMEOUT_MS = 180_000
DEFAULT_SCREENSHOT_SIZE = (1600, 1000)


def run_app(args: argparse.Namespace) -> int:
    """Run the GUI; returns the exit status (0 ok, 1 screenshot failed, 2 bad input).

    ``args`` holds ``file``, ``screenshot``, ``style``, ``size`` (``(width, height)`` or None)
    and ``lang``, as :func:`landplanner.cli.app_command.build_parser` parses them.
    """
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no window flashes, works without a display
    from PySide6.QtWidgets import QApplication

    from landplanner.ui import app_settings
    from landplanner.ui.error_log import setup_logging
    from landplanner.ui.fonts import ensure_cjk_font
    from landplanner.ui.i18n import install_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(app_settings.ORGANIZATION)
    app.setApplicationName(app_settings.APPLICATION)
    setup_logging()
    from landplanner.ui.error_log import install_excepthook

    install_excepthook()
    ensure_cjk_font(app)
    # --lang, then LANDPLANNER_LANG (as for the command line), then the language chosen in the app
    lang = args.lang or os.environ.get("LANDPLANNER_LANG") or app_settings.language()
    install_language(app, lang)
    from landplanner.ui import gc_policy

    try:
        if args.screenshot:
            return _screenshot(app, args)
        return _interactive(app, args)
    finally:  # the process ends now: its exit walks and frees no object (ui.gc_policy)
        gc_policy.at_exit()


def _interactive(app, args) -> int:
    from landplanner.ui import gc_policy, recovery
    from landplanner.ui.app_controller import AppController

    controller = AppController(app)
    controller.start(args.file or None, style=args.style)
    gc_policy.release_when_settled(controller.window)
    status = app.exec()
    recovery.discard_recovery()
    return status


def _screenshot(app, args) -> int:
    from PySide6.QtCore import QTimer

    from landplanner.ui import app_settings
    from landplanner.ui.main_window import MainWindow

    # a scripted picture must not change what the user's app remembers (layout, recent files,
    # last folder), nor the next picture
    app_settings.keep_changes(False)
    window = MainWindow()
    window.resize(*(args.size or DEFAULT_SCREENSHOT_SIZE))
    window.default_dock_sizes()
    if args.style:
        window.set_map_style(args.style)
    window.show()
    outcome = {"status": 1}
    out = Path(args.screenshot)

    def scores_pending() -> bool:
        # A project with indicators is scored in a worker after opening; its classes belong
        # in the picture, and the map draws again (renderFinished) once they arrive.
        pm = window.project_model
        indicators = getattr(pm.project, "indicators", None)
        return indicators is not None and len(indicators) > 0 and pm.scores is None

    def save() -> None:
        if outcome.get("saved") or scores_pending():
            return
        outcome["saved"] = True
        out.parent.mkdir(parents=True, exist_ok=True)
        # quality 80: zlib's fast levels for a PNG (half the time, a fifth more bytes)
        ok = window.grab().save(str(out), None, 80)
        outcome["status"] = 0 if ok else 1
        if not ok:
            print(f"cannot write {out}", file=sys.stderr)
        window._replacing = True  # a screenshot never asks about unsaved changes
        app.quit()

    def loaded() -> None:
        # The map draws in a worker; save as soon as it reports the full frame (grab paints
        # the widgets now). A big project's panels fill after that first paint
        # (ui.first_paint): the picture shows them "正在计算…", as the user sees them then.
        window.map.renderFinished.connect(save)
        window.zoom_full()
        QTimer.singleShot(0, lambda: window.map.update())

    def failed(title: str, error: BaseException) -> None:
        from landplanner.ui.error_log import plain_message

        print(f"{title}: {plain_message(error)}", file=sys.stderr)
        outcome["status"] = 2
        window._replacing = True
        app.quit()

    window.errorReporter = failed
    if args.file:
        window.projectLoaded.connect(loaded)
        QTimer.singleShot(0, lambda: window.open_path(args.file, auto_accept=True))
    else:
        QTimer.singleShot(100, save)
    def give_up() -> None:
        window._replacing = True
        app.quit()

    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    app.exec()
    window.project_model.undo_stack.setClean()
    window._replacing = True
    window.close()
    app_settings.keep_changes(True)  # (a caller in-process goes on as before)
    return outcome["status"]
