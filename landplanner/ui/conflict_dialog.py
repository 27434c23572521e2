"""The dialog shown when a save to a shared project met another user's edit of the same field.

One row per conflict says, in plain words, who changed which field to what and when, and
what this user changed it to ("张三 于 10:42 将 方案 P-1 的 责任人 改为 “A”；您改为 “B”"), with a
choice per row. Buttons: keep all mine, take all theirs, or merge (each row as chosen).
Nothing is overwritten silently: the dialog decides, the model applies, the window saves again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MINE, THEIRS = "mine", "theirs"


class ConflictDialog(QDialog):
    """Lists the conflicts of one save; :meth:`choices` gives ``{(table, key, field): mine|theirs}``."""

    def __init__(self, conflicts: list, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.conflicts = list(conflicts)
        self.setWindowTitle(self.tr("Someone else changed the same values"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "While you were editing, other users saved changes to the same fields. Nothing has been "
            "saved yet. For each field, choose whose value to keep."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.conflicts), 2, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr("What happened"), self.tr("Keep")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: list[QComboBox] = []
        for row, conflict in enumerate(self.conflicts):
            item = QTableWidgetItem(conflict.message(lang=lang))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(item.text())
            self.table.setItem(row, 0, item)
            combo = QComboBox(self.table)
            combo.addItem(self.tr("My value"), MINE)
            combo.addItem(self.tr("Their value"), THEIRS)
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, int(self.fontMetrics().height() * 2.2))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(self)
        self.keep_mine = QPushButton(self.tr("Keep all mine"), self)
        self.keep_mine.setObjectName("keepMine")
        self.take_theirs = QPushButton(self.tr("Take all theirs"), self)
        self.take_theirs.setObjectName("takeTheirs")
        self.merge = QPushButton(self.tr("Merge as chosen"), self)
        self.merge.setObjectName("merge")
        self.merge.setDefault(True)
        for button in (self.keep_mine, self.take_theirs, self.merge):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self._finish(MINE))
        self.take_theirs.clicked.connect(lambda: self._finish(THEIRS))
        self.merge.clicked.connect(lambda: self._finish(None))
        layout.addWidget(buttons)
        self.resize(760, 180 + 44 * min(len(self.conflicts), 8))

    def _finish(self, everything: str | None) -> None:
        if everything is not None:
            for combo in self.combos:
                combo.setCurrentIndex(combo.findData(everything))
        self.accept()

    def choices(self) -> dict[tuple[str, str, str], str]:
        """The choice of each row: ``{(table, key, field): "mine" | "theirs"}``."""
        return {
            (c.table, c.key, c.field): combo.currentData()
            for c, combo in zip(self.conflicts, self.combos, strict=True)
        }
