"""Cell editors of the attribute table.

:class:`CodeComboDelegate` edits a coded column (the parcel category) with a drop-down of the
vocabulary's labels in the current language; it writes the code through the model's
``setData``, so the edit goes on the undo stack like any other cell edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from landplanner import vocabulary


class CodeComboDelegate(QStyledItemDelegate):
    """A drop-down of the labels of one vocabulary ``domain``; the model receives the code."""

    def __init__(self, domain: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.domain = domain

    def createEditor(self, parent, option, index) -> QComboBox:  # noqa: N802
        combo = QComboBox(parent)
        combo.setObjectName(f"{self.domain}Editor")
        for code, text in vocabulary.labels(self.domain).items():
            combo.addItem(text, code)
        # one click on a label is the edit: commit and close, as a combo box in a cell should
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: N802
        code = vocabulary.code_for(self.domain, index.data(Qt.ItemDataRole.EditRole))
        i = editor.findData(code) if code is not None else -1
        editor.setCurrentIndex(max(i, 0) if code is not None else -1)

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: N802
        code = editor.currentData()
        if code is not None:
            model.setData(index, code, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802
        editor.setGeometry(option.rect)
