"""Make Chinese render everywhere: register the bundled font and choose the UI family.

Strategy (documented in the README):

* Windows: Microsoft YaHei (微软雅黑), present on every install since Vista, is the family
  staff expect; the bundled font is the fallback.
* Linux and others: the bundled subset of Noto Sans CJK SC ("Landplanner Sans SC"), so a
  fresh machine without any CJK font shows Chinese instead of boxes.

Either way the other family stays in the fallback list, and matplotlib uses the bundled font.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from landplanner.fonts import FALLBACK_FAMILIES, FAMILY, font_path, use_in_matplotlib

YAHEI_NAMES = ("Microsoft YaHei", "微软雅黑", "Microsoft YaHei UI")

_registered_family: str | None = None


def register_bundled_font() -> str | None:
    """Add the bundled font to Qt's font database once; return its family (None on failure)."""
    global _registered_family
    if _registered_family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered_family = families[0] if families else None
    return _registered_family


def preferred_family(platform: str | None = None) -> str:
    """The UI family for ``platform`` (default: this one), given what Qt can find."""
    platform = platform or sys.platform
    bundled = register_bundled_font() or FAMILY
    if platform.startswith("win"):
        available = set(QFontDatabase.families())
        for name in YAHEI_NAMES:
            if name in available:
                return name
    return bundled


def ensure_cjk_font(app: QGuiApplication) -> QFont:
    """Register the bundled font, set the application font (and matplotlib's, once loaded).

    Parameters
    ----------
    app
        The running ``QApplication``.

    Returns
    -------
    QFont
        The font now set on ``app``.
    """
    family = preferred_family()
    bundled = register_bundled_font() or FAMILY
    font = QFont(app.font())
    families = [family] + [f for f in [bundled, *FALLBACK_FAMILIES] if f != family]
    font.setFamilies(families)
    if font.pointSizeF() < 9:
        font.setPointSizeF(9)
    app.setFont(font)
    if "matplotlib" in sys.modules:
        # Charts import matplotlib on first use and set its font then (ui.charts); importing
        # it here would cost half a second of every start.
        use_in_matplotlib()
    return font
