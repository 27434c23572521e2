"""The bundled Chinese font (no Qt here, so exports and charts can use it too).

``LandplannerSansSC-Regular.otf`` is a subset of Noto Sans CJK SC (SIL OFL 1.1, see
``OFL.txt``), rebuilt by ``make_subset.py``. Qt registers it in :mod:`landplanner.ui.fonts`;
matplotlib through :func:`use_in_matplotlib`.
"""

from __future__ import annotations

from pathlib import Path

FAMILY = "Landplanner Sans SC"
FONT_FILE = Path(__file__).resolve().parent / "LandplannerSansSC-Regular.otf"

# Families tried after the preferred one, so Chinese still renders if a glyph is missing.
FALLBACK_FAMILIES = [
    "Microsoft YaHei",
    "微软雅黑",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimHei",
]

_matplotlib_done = False


def font_path() -> Path:
    """Path of the bundled OpenType font file."""
    return FONT_FILE


def use_in_matplotlib() -> str:
    """Register the bundled font with matplotlib and put it first in ``font.sans-serif``.

    Returns
    -------
    str
        The family name matplotlib now uses for sans-serif text.
    """
    global _matplotlib_done
    import matplotlib
    from matplotlib import font_manager

    if not _matplotlib_done:
        font_manager.fontManager.addfont(str(FONT_FILE))
        _matplotlib_done = True
    # The font file's own name, as matplotlib read it (avoids a silent fallback to DejaVu).
    name = font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = [name, "Microsoft YaHei", *current]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font's minus sign is fine
    return name
