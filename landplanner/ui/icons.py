"""The app's SVG icon set (``landplanner/ui/icons/*.svg``, 24 px, one stroke style)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent / "icons"


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (file stem in :data:`ICON_DIR`); an empty icon if it is missing."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
