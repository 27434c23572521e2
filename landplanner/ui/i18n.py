"""UI language, the Qt way: source strings are English, Chinese comes from
``landplanner/i18n/landplanner_zh_CN.qm`` (default), English needs no translator.

Translators edit ``landplanner_zh_CN.ts`` in Qt Linguist; ``update_translations.py`` in that
folder reruns ``pyside6-lupdate`` over the UI and ``pyside6-lrelease``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from landplanner import messages

LOG = logging.getLogger("landplanner.ui")
I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"
LANGUAGES = ("zh", "en")

_installed: list[QTranslator] = []


def qm_file(lang: str) -> Path:
    """The compiled catalogue of ``lang``."""
    return I18N_DIR / ("landplanner_zh_CN.qm" if lang == "zh" else f"landplanner_{lang}.qm")


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Switch the UI (Qt translators) and the core messages to ``lang`` (``"zh"``/``"en"``).

    Returns False if the Chinese catalogue could not be loaded (the UI then shows English).
    """
    lang = "en" if str(lang).lower().startswith("en") else "zh"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    messages.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh" else QLocale.Language.English,
                               QLocale.Country.China if lang == "zh" else QLocale.Country.UnitedStates))
    ok = True
    if lang == "zh":
        ours = QTranslator(app)
        ok = ours.load(str(qm_file("zh")))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            LOG.error("cannot load %s", qm_file("zh"))
        qt_base = QTranslator(app)  # Qt's own dialogs (file dialog, message box buttons)
        if qt_base.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
    return ok
