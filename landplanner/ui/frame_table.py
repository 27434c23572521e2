"""A read-only table view of a pandas DataFrame, for the campaign's lists (assets,
scoreboard, matching). Columns are ``(key, header, kind)``; kinds format numbers as the
workbook does (mu 2 decimals, percent, dates). A row may carry a text colour."""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor


def format_cell(value, kind: str, missing: str = "") -> str:
    """A cell as text (``missing`` for missing values)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return missing
    if isinstance(value, float) and math.isnan(value):
        return missing
    if kind == "percent":
        return f"{float(value) * 100:.1f}%"
    if kind in ("mu", "money", "ratio"):
        return f"{float(value):,.2f}"
    if kind == "value":
        return f"{float(value):,.1f}"
    if kind == "int":
        return str(int(value))
    if kind == "date":
        return str(pd.Timestamp(value).date())
    if isinstance(value, (tuple, list)):
        return "、".join(map(str, value))
    return str(value)


class FrameModel(QAbstractTableModel):
    """``frame`` shown through ``columns``; ``colour_of(row) -> str | None`` colours a row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self.columns: list[tuple[str, str, str]] = []
        self.colour_of = None
        #: Text of a missing value (the scoreboard shows "—" for an item that does not apply).
        self.missing = ""

    def set_frame(self, frame: pd.DataFrame | None, columns: list[tuple[str, str, str]],
                  colour_of=None) -> None:
        """Show ``frame`` (None: nothing)."""
        self.beginResetModel()
        self.frame = (frame if frame is not None else pd.DataFrame()).reset_index(drop=True)
        self.columns = [c for c in columns if c[0] in self.frame.columns] if len(self.frame.columns) \
            else list(columns)
        self.colour_of = colour_of
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid():
            return None
        key, _, kind = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(self.frame.iat[index.row(), self.frame.columns.get_loc(key)], kind,
                               self.missing)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.colour_of is not None:
            colour = self.colour_of(self.frame.iloc[index.row()], key)
            return QColor(colour) if colour else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self.columns):
            return self.columns[section][1]
        return str(section + 1)

    def row(self, position: int) -> pd.Series:
        """The frame's row at ``position``."""
        return self.frame.iloc[position]
