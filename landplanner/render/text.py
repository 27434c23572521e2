"""Fonts for print: the bundled Chinese font, and the check that it has every character.

The PDF engine embeds (a subset of) the font a text is drawn with. Printing always uses the
bundled "Landplanner Sans SC" so a PDF looks the same on every machine and its text layer
holds the real characters (no Kangxi-radical look-alikes: the font maps 用 to U+7528).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from landplanner.fonts import FAMILY, font_path

_family: str | None = None


def bundled_family() -> str:
    """Register the bundled font with Qt once (needs a QGuiApplication); return its family."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else FAMILY
    return _family


def print_font(size_pt: float = 10.0, bold: bool = False) -> QFont:
    """The bundled font at ``size_pt`` points; no fallback family (what is checked is drawn)."""
    font = QFont(bundled_family())
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if hasattr(font, "setFeature"):
        # The font's 'locl' feature swaps digits next to Latin letters for glyphs the PDF
        # engine's ToUnicode map does not know: "4 km" would be found in the PDF as " km".
        font.setFeature(QFont.Tag("locl"), 0)
    return font


def missing_characters(texts: Iterable[str], font: QFont | None = None) -> list[str]:
    """Characters of ``texts`` the font has no glyph for (sorted, without whitespace)."""
    raw = QRawFont.fromFont(font or print_font())
    seen: set[str] = set()
    missing: list[str] = []
    for text in texts:
        for ch in str(text or ""):
            if ch in seen or ch.isspace():
                continue
            seen.add(ch)
            if not raw.supportsCharacter(ord(ch)):
                missing.append(ch)
    return sorted(missing)


def ensure_gui_app():
    """A ``QGuiApplication`` for headless drawing (offscreen when there is no display)."""
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
                and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["landplanner"])
    return app
