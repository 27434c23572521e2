"""Legend texts of ``landplanner.ui.styles`` for ``pyside6-lupdate``.

``styles.py`` translates them through a helper (``_tr(text)``) that lupdate cannot read,
so they are listed here with ``QT_TRANSLATE_NOOP`` in the same context ("MapStyles").
Keep in step with ``styles.py``; never imported at run time (and free of Qt).
"""



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` (no Qt here: i18n is outside ui/)."""
    return text


STRINGS = [
    QT_TRANSLATE_NOOP("MapStyles", "Idle land"),
    QT_TRANSLATE_NOOP("MapStyles", "Low-efficiency land"),
    QT_TRANSLATE_NOOP("MapStyles", "Approved, not supplied"),
    QT_TRANSLATE_NOOP("MapStyles", "Other"),
    QT_TRANSLATE_NOOP("MapStyles", "A  priority development"),
    QT_TRANSLATE_NOOP("MapStyles", "B  encouraged to improve"),
    QT_TRANSLATE_NOOP("MapStyles", "C  regulated"),
    QT_TRANSLATE_NOOP("MapStyles", "D  to be rectified"),
    QT_TRANSLATE_NOOP("MapStyles", "T  not graded"),
    QT_TRANSLATE_NOOP("MapStyles", "No class"),
    QT_TRANSLATE_NOOP("MapStyles", "Not started"),
    QT_TRANSLATE_NOOP("MapStyles", "In progress"),
    QT_TRANSLATE_NOOP("MapStyles", "Completed"),
    QT_TRANSLATE_NOOP("MapStyles", "Closed (ticked off)"),
    QT_TRANSLATE_NOOP("MapStyles", "No plan"),
    QT_TRANSLATE_NOOP("MapStyles", "Outside the parks"),
    QT_TRANSLATE_NOOP("MapStyles", "Overdue (red outline)"),
    QT_TRANSLATE_NOOP("MapStyles", "By land category"),
    QT_TRANSLATE_NOOP("MapStyles", "By per-mu class (A–D, T)"),
    QT_TRANSLATE_NOOP("MapStyles", "By plan status"),
    QT_TRANSLATE_NOOP("MapStyles", "By park"),
]
