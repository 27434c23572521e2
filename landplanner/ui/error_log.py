"""Where errors go: a rotating log file in the per-user data folder, and a plain dialog."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from landplanner.problems import InputError

LOG = logging.getLogger("landplanner")


def data_dir() -> Path:
    """Per-user writable folder (e.g. ``%APPDATA%/landplanner``, ``~/.local/share/landplanner``)."""
    # AppLocalDataLocation is <data>/<organisation>/<application>: with both names
    # "landplanner" that doubles (~/.local/share/landplanner/landplanner). One level under
    # the per-user data folder, whatever the application's names are.
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    path = Path(base) / "landplanner" if base else Path.home() / ".landplanner"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    """The app's log file."""
    return data_dir() / "landplanner.log"


def setup_logging() -> Path:
    """Send the ``landplanner`` logger to :func:`log_file` (once); return the file's path."""
    path = log_file()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in LOG.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    return path


def plain_message(error: BaseException) -> str:
    """What to tell the user about ``error``: the problem's message for input errors."""
    if isinstance(error, InputError):
        return error.problem.message
    if isinstance(error, MemoryError):
        return QCoreApplication.translate("ErrorDialog", "Not enough memory to finish this operation.")
    if isinstance(error, PermissionError):
        return QCoreApplication.translate("ErrorDialog", "No permission to access the file: {0}").format(getattr(error, "filename", "") or "")
    if isinstance(error, FileNotFoundError):
        return QCoreApplication.translate("ErrorDialog", "File not found: {0}").format(getattr(error, "filename", "") or "")
    return QCoreApplication.translate("ErrorDialog", "An unexpected error occurred: {0}").format(str(error) or type(error).__name__)


def details_text(error: BaseException) -> str:
    """Copyable details: the traceback, and the other problems an input error carries."""
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    if isinstance(error, InputError) and error.problems:
        lines.append("\n")
        lines.extend(f"[{p.severity}] {p.code}: {p.message}\n" for p in error.problems)
    return "".join(lines)


def install_excepthook() -> None:
    """Show unexpected exceptions (e.g. in a slot) as a dialog instead of only on stderr."""
    import sys

    from PySide6.QtWidgets import QApplication

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        parent = QApplication.activeWindow()
        report_error(parent, QCoreApplication.translate("ErrorDialog", "Unexpected error"), error)

    sys.excepthook = hook


def report_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """Log ``error`` and show it in plain words, with the details one click away.

    The box is modal but returns at once in tests (``QMessageBox.open``), so the caller and the
    app stay usable.
    """
    LOG.error("%s: %s", title, details_text(error))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(plain_message(error))
    box.setInformativeText(QCoreApplication.translate("ErrorDialog", "The details were written to the log file: {0}").format(log_file()))
    box.setDetailedText(details_text(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.open()
    return box
