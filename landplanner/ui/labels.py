"""Labels shown by the widgets.

Coded values (categories, classes, plan statuses, methods …) are labelled by the core's one
catalogue, :mod:`landplanner.vocabulary`, in the current language (``messages.language()``,
set with the UI language); this module is a thin lookup of it. Only UI-only strings (the
style menu) go through ``tr()`` and Qt Linguist.
"""

from __future__ import annotations

from landplanner import vocabulary


def category_label(code: object) -> str:
    """闲置土地 / 低效用地 / 征而未供/批而未供 / 其他 for the category codes."""
    return vocabulary.label("category", code)


def category_codes() -> list[str]:
    """The canonical category codes, in display order."""
    return vocabulary.codes("category")


def class_label(code: object) -> str:
    """A–D with the policy name, T for not graded; '' for a parcel without a class."""
    return vocabulary.label("class", code)


def status_label(code: object) -> str:
    """Plan status label; 无方案 / No plan for a parcel without a plan."""
    text = vocabulary.label("status", code)
    return text or vocabulary.missing_label("status")


def method_label(code: object) -> str:
    """Disposal method label; '' for none."""
    return vocabulary.label("method", code)


def style_names() -> list[tuple[str, str]]:
    """Thematic map styles: ``(code, title)``, the titles of :func:`styles.style_titles`."""
    from landplanner.ui.styles import style_titles

    return list(style_titles().items())
