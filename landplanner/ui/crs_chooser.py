"""A coordinate-system chooser: search by EPSG code or name, China's systems listed first.

The list and the search are the core's (:mod:`landplanner.sources.crs_choice`); this
widget only shows them. The detected or guessed CRS is preselected and the reason shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.sources import crs_choice

# New UI words live in the message catalogue (not the shared .ts files many branches edit).
messages.register(
    {
        "ui.crs.search": (
            "按 EPSG 编码或名称搜索，如 4549、120E、西安 1980",
            "Search by EPSG code or name, e.g. 4549, 120E, Xian 1980",
        ),
        "ui.crs.chosen": ("已选：{label}", "Chosen: {label}"),
    }
)

_ROLE = Qt.ItemDataRole.UserRole
_NONE = -1  # the "no CRS / keep the file's definition" item


class CrsChooser(QWidget):
    """Pick one EPSG coordinate system (or none). :meth:`epsg` is the choice."""

    changed = Signal(object)  # the EPSG code (int) or None

    def __init__(
        self,
        epsg: int | None = None,
        reason: str = "",
        none_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crsChooser")
        self._epsg = epsg
        self._none_text = none_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.reason_label = QLabel(reason, self)
        self.reason_label.setObjectName("crsReason")
        self.reason_label.setWordWrap(True)
        layout.addWidget(self.reason_label)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("crsSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(messages.text("ui.crs.search"))
        layout.addWidget(self.search_edit)
        self.list = QListWidget(self)
        self.list.setObjectName("crsList")
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.list, 1)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("crsCurrent")
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)
        self.search_edit.textChanged.connect(self._fill)
        self.list.currentItemChanged.connect(self._picked)
        self._fill("")
        self._show_current()

    # -- public ------------------------------------------------------------------------------
    def epsg(self) -> int | None:
        """The chosen EPSG code, or None (no CRS, or the file's own definition)."""
        return self._epsg

    def set_epsg(self, epsg: int | None) -> None:
        """Choose ``epsg`` (what the user does by clicking it in the list)."""
        self._epsg = epsg
        self._select_current()
        self._show_current()
        self.changed.emit(epsg)

    # -- internals ----------------------------------------------------------------------------
    def _fill(self, text: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        lang = messages.language()
        if self._none_text and not text.strip():
            item = QListWidgetItem(self._none_text)
            item.setData(_ROLE, _NONE)
            self.list.addItem(item)
        choices = crs_choice.search(text)
        if self._epsg is not None and not text.strip() and all(c.epsg != self._epsg for c in choices):
            extra = crs_choice.choice_for(self._epsg)
            if extra is not None:
                choices = [extra, *choices]
        group = None
        for choice in choices:
            if not text.strip() and choice.group != group:
                group = choice.group
                header = QListWidgetItem(messages.text(f"crs_choice.group.{group}"))
                font = QFont(header.font())
                font.setBold(True)
                header.setFont(font)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(header)
            item = QListWidgetItem(choice.label(lang))
            item.setData(_ROLE, choice.epsg)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._select_current()

    def _select_current(self) -> None:
        wanted = _NONE if self._epsg is None else self._epsg
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ROLE) == wanted:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)
                break
        else:
            self.list.setCurrentItem(None)
        self.list.blockSignals(False)

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or item.data(_ROLE) is None:
            return
        value = item.data(_ROLE)
        self._epsg = None if value == _NONE else int(value)
        self._show_current()
        self.changed.emit(self._epsg)

    def _show_current(self) -> None:
        if self._epsg is None:
            self.current_label.setText(messages.text("ui.crs.chosen", label=self._none_text or "—"))
            self.current_label.setStyleSheet("color:#c62828")
            return
        choice = crs_choice.choice_for(self._epsg)
        label = choice.label(messages.language()) if choice else f"EPSG:{self._epsg}"
        self.current_label.setText(messages.text("ui.crs.chosen", label=label))
        self.current_label.setStyleSheet("color:#2e7d32")
