"""A date picker that can be empty: ``QDateEdit`` with a calendar popup, read as ISO text.

``text()`` is ``""`` when no date is set, else ``YYYY-MM-DD``; ``setText`` takes the same.
The plan editor uses it for the target date, the 销号 date and milestone dates.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QStyledItemDelegate, QWidget

ISO = "yyyy-MM-dd"
_EMPTY = QDate(1900, 1, 1)


class DateField(QDateEdit):
    """An optional date with a calendar popup (empty shows blank)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(ISO)
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(" ")  # the minimum date shows as blank: "no date"
        self.setDate(_EMPTY)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        empty = self.is_empty()
        super().mousePressEvent(event)  # may open the calendar popup
        if empty:  # show this month, not January 1900, without choosing a date
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())

    def is_empty(self) -> bool:
        """True when no date is set."""
        return self.date() == _EMPTY

    def text(self) -> str:  # noqa: D401 - Qt-style accessor
        """``YYYY-MM-DD``, or ``""`` when empty."""
        return "" if self.is_empty() else self.date().toString(ISO)

    def setText(self, value: str | None) -> None:  # noqa: N802 - Qt naming
        """Set from ``YYYY-MM-DD`` (empty or unreadable text clears the field)."""
        date = QDate.fromString(str(value or "").strip()[:10], ISO)
        self.setDate(date if date.isValid() else _EMPTY)

    def clear(self) -> None:
        """No date."""
        self.setText("")


class DateDelegate(QStyledItemDelegate):
    """Edits ISO date text in a table cell with a :class:`DateField`."""

    def createEditor(self, parent, option, index):  # noqa: N802
        return DateField(parent)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setText(index.data() or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text())
