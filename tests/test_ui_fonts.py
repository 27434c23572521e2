"""The bundled CJK font is registered and covers the characters the app shows."""

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PySide6.QtGui import QFont, QFontMetrics, QRawFont  # noqa: E402

from landplanner.fonts import FAMILY, font_path  # noqa: E402
from landplanner.ui.fonts import ensure_cjk_font, preferred_family, register_bundled_font  # noqa: E402

# Park names, categories, classes and statuses from DOMAIN.md, and full-width punctuation.
CHINESE = "崇川经济开发区港闸市北高新技术产业闲置土地低效用地征而未供亩均论英雄已销号推进中（）：，。"


def test_font_file_is_small_and_licensed():
    path = font_path()
    assert path.is_file()
    assert path.stat().st_size < 4_000_000
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_bundled_font_registers_and_has_glyphs(qapp):
    family = register_bundled_font()
    assert family == FAMILY
    raw = QRawFont.fromFont(QFont(family))
    assert raw.familyName() == FAMILY
    missing = [ch for ch in CHINESE if not raw.supportsCharacter(ord(ch))]
    assert missing == []
    # A character outside GB2312 and outside the app's strings is not in the subset.
    assert not raw.supportsCharacter(ord("龘"))


def test_app_font_renders_chinese(qapp):
    font = ensure_cjk_font(qapp)
    assert qapp.font().families()[0] == preferred_family()
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in CHINESE)


def test_windows_prefers_yahei_only_when_present(qapp):
    # This machine has no Microsoft YaHei, so even on "win32" the bundled font is chosen.
    assert preferred_family("win32") == FAMILY
    assert preferred_family("linux") == FAMILY


def test_matplotlib_uses_bundled_font(qapp):
    from matplotlib import font_manager

    ensure_cjk_font(qapp)
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(found).resolve() == font_path().resolve()
