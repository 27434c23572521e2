"""Legend texts of ``landplanner.render.styles`` for ``pyside6-lupdate``.

``styles.py`` translates them through a helper (``_tr(text)``) that lupdate cannot read,
so they are listed here with ``QT_TRANSLATE_NOOP`` in the same context ("MapStyles").
Keep in step with ``styles.py``; never imported at run time (and free of Qt).
"""



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` (no Qt here: i18n is outside ui/)."""
    return text


# Labels of codes (categories, classes, statuses) are not here: they come from
# landplanner.vocabulary in both languages.
STRINGS = [
    QT_TRANSLATE_NOOP("MapStyles", "Outside the parks"),
    QT_TRANSLATE_NOOP("MapStyles", "Overdue (red outline)"),
    QT_TRANSLATE_NOOP("MapStyles", "By land category"),
    QT_TRANSLATE_NOOP("MapStyles", "By per-mu class (A–D, T)"),
    QT_TRANSLATE_NOOP("MapStyles", "By plan status"),
    QT_TRANSLATE_NOOP("MapStyles", "By park"),
]
