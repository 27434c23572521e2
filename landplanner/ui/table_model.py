"""The attribute table: a ``QAbstractTableModel`` over the parcels (no per-row items).

:class:`ParcelTableModel` reads values straight from the columns of the project model's
parcel view and sorts by reordering one index array (``numpy.argsort``), so 100,000 rows
sort in milliseconds. :class:`ParcelFilterProxy` filters with one vectorised mask per change
(text search + per-column conditions) and only looks the mask up per row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from landplanner import vocabulary
from landplanner.ui import labels
from landplanner.ui.undo_commands import EditValueCommand


@dataclass(frozen=True)
class Column:
    """One table column: the data column, its header, kind and whether it can be edited."""

    key: str
    header: str
    kind: str  # "text", "mu", "number", "category", "class", "status"
    editable: bool = False
    user: bool = False  # one of the file's own columns (hidden by default)


def table_columns() -> list[Column]:
    """The columns of the attribute table, headers from the vocabulary in the current language."""
    spec = [
        ("parcel_id", "text", False), ("enterprise", "text", True), ("uscc", "text", True),
        ("park", "text", True), ("category", "category", True), ("land_use", "text", True),
        ("area_mu", "mu", False), ("declared_mu", "mu", True), ("plot_ratio", "number", True),
        ("score", "number", False), ("class", "class", False), ("plan_status", "status", False),
    ]
    return [Column(key, vocabulary.header("field", key), kind, editable)
            for key, kind, editable in spec]


def user_table_columns(frame) -> list[Column]:
    """The file's own columns (``fields.user_columns``) after the fixed ones, headed by their
    own names; the table hides them until the user shows them (header menu)."""
    if frame is None:
        return []
    from landplanner.fields import user_columns

    out = []
    for key in user_columns(frame):
        kind = "number" if pd.api.types.is_float_dtype(frame[key]) else "text"
        out.append(Column(key, key, kind, False, user=True))
    return out


def display_text(kind: str, value) -> str:
    """How a value shows in the table (mu with 2 decimals, labels for codes)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return labels.status_label(None) if kind == "status" else ""
    if kind == "mu":
        return f"{float(value):,.2f}"
    if kind == "number":
        return f"{float(value):.2f}"
    if kind == "category":
        return labels.category_label(value)
    if kind == "class":
        return labels.class_label(value)
    if kind == "status":
        return labels.status_label(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


class ParcelTableModel(QAbstractTableModel):
    """Rows are parcels in sort order; ``position(row)`` gives the parcel's row position."""

    frameReplaced = Signal()  # new data in place, emitted just before the reset ends

    def __init__(self, project_model, parent=None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.columns = table_columns()
        self._frame: pd.DataFrame | None = None
        self._values: dict[str, np.ndarray] = {}
        self._order = np.zeros(0, dtype=np.int64)  # table row -> parcel position
        self._row_of = np.zeros(0, dtype=np.int64)  # parcel position -> table row
        self._sort: tuple[int, Qt.SortOrder] | None = None
        for signal in (project_model.projectChanged, project_model.parcelsChanged,
                       project_model.scoresChanged, project_model.plansChanged):
            signal.connect(self._changed)
        project_model.cellChanged.connect(self._cell_changed)
        if project_model.project is not None:  # a new window on an open project (language)
            self.reload()

    # -- data ------------------------------------------------------------------------------
    def _changed(self) -> None:
        # A big project just opened: the rows follow the map's first paint (ui.first_paint);
        # until then the table is empty, never the previous project's rows.
        self.project_model.later("table", self.reload, self.clear)

    def clear(self) -> None:
        """Show no rows (the figures are on their way)."""
        self.beginResetModel()
        self._frame = None
        self._values = {}
        self._order = np.zeros(0, dtype=np.int64)
        self._row_of = np.zeros(0, dtype=np.int64)
        self.frameReplaced.emit()
        self.endResetModel()

    def reload(self) -> None:
        """Re-read the parcel view from the project model (keeps the sort order)."""
        self.beginResetModel()
        frame = self.project_model.parcel_view()
        self._frame = frame
        self.columns = table_columns() + user_table_columns(frame)
        n = 0 if frame is None else len(frame)
        self._values = {}
        if frame is not None:
            for col in self.columns:
                if col.key in frame.columns:
                    # The column's own array, indexed per visible cell: converting every
                    # column of 100,000 rows to Python objects up front cost seconds on open
                    # (arrow strings). A column is made an object array only when edited.
                    self._values[col.key] = frame[col.key].array
        self._order = np.arange(n, dtype=np.int64)
        self._row_of = np.arange(n, dtype=np.int64)
        self.frameReplaced.emit()
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def frame(self) -> pd.DataFrame | None:
        """The parcel view shown (parcels + score, class, plan status)."""
        return self._frame

    def position(self, row: int) -> int:
        """Parcel row position shown at table ``row``."""
        return int(self._order[row])

    def row_of(self, position: int) -> int:
        """Table row showing the parcel at ``position``."""
        return int(self._row_of[position])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def raw_value(self, row: int, column: int):
        """The stored value at a table cell."""
        values = self._values.get(self.columns[column].key)
        return None if values is None else values[self._order[row]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display_text(col.kind, self.raw_value(index.row(), index.column()))
        if role == Qt.ItemDataRole.EditRole:
            value = self.raw_value(index.row(), index.column())
            return "" if value is None or value is pd.NA or value != value else value
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("mu", "number"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.kind == "status":
            overdue = self._values.get("overdue")
            if overdue is not None and overdue[self._order[index.row()]]:
                return QBrush(QColor("#c62828"))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return str(section + 1)

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Edits go through the undo stack, never straight into the data."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.columns[index.column()]
        if not col.editable:
            return False
        parsed = self._parse(col, value)
        if parsed is _INVALID:
            return False
        position = self.position(index.row())
        old = self.project_model.value(position, col.key)
        if _same(old, parsed):
            return False
        self.project_model.undo_stack.push(
            EditValueCommand(self.project_model, position, col.key, parsed)
        )
        return True

    @staticmethod
    def _parse(col: Column, value):
        if col.kind in ("mu", "number"):
            if value in ("", None):
                return float("nan")
            try:
                return float(value)
            except (TypeError, ValueError):
                return _INVALID
        if col.kind == "category":  # a code, or any label of it (the drop-down sends the code)
            code = vocabulary.code_for("category", value)
            return _INVALID if code is None else code
        text = "" if value is None else str(value).strip()
        return text or None

    def _cell_changed(self, position: int, key: str) -> None:
        if self._frame is None:
            return
        for c, col in enumerate(self.columns):
            if col.key == key and key in self._values:
                if not isinstance(self._values[key], np.ndarray):
                    self._values[key] = np.asarray(self._values[key], dtype=object)
                self._values[key][position] = self.project_model.value(position, key)
                row = self.row_of(position)
                idx = self.index(row, c)
                self.dataChanged.emit(idx, idx)

    # -- sorting ---------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort by one column with numpy (missing values last); column -1 is file order."""
        if column < 0 or column >= len(self.columns):
            # Unsorted: the parcels' own order. (Index -1 used to mean the last column, so
            # an "unsorted" table sorted by plan status and rows jumped on every plan edit.)
            self._sort = None
            if len(self._order) and not np.array_equal(self._order, np.arange(len(self._order))):
                self.layoutAboutToBeChanged.emit()
                persistent = self.persistentIndexList()
                old_positions = [(self.position(p.row()), p.column()) for p in persistent]
                self._order = np.arange(len(self._order), dtype=np.int64)
                self._row_of = self._order.copy()
                self.changePersistentIndexList(
                    persistent, [self.index(pos, c) for pos, c in old_positions]
                )
                self.layoutChanged.emit()
            return
        self._sort = (column, order)
        values = self._values.get(self.columns[column].key)
        if values is None or not len(values):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_positions = [(self.position(p.row()), p.column()) for p in persistent]
        order_idx = _argsort(values, self.columns[column].kind, order)
        self._order = order_idx
        self._row_of = np.empty_like(order_idx)
        self._row_of[order_idx] = np.arange(len(order_idx))
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of(pos), c) for pos, c in old_positions]
        )
        self.layoutChanged.emit()


_INVALID = object()


def _same(a, b) -> bool:
    try:
        if a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)):
            return b is None or (isinstance(b, float) and math.isnan(b))
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _argsort(values: np.ndarray, kind: str, order: Qt.SortOrder) -> np.ndarray:
    series = pd.Series(values)
    if kind in ("mu", "number"):
        keys = pd.to_numeric(series, errors="coerce")
    else:
        keys = series.map(lambda v: display_text(kind, v) if kind != "text" else v)
        keys = keys.where(keys.notna() & (keys != ""), None).astype("string")
    ascending = order == Qt.SortOrder.AscendingOrder
    ranked = keys.sort_values(ascending=ascending, na_position="last", kind="mergesort")
    return ranked.index.to_numpy(dtype=np.int64)


# -- filtering ---------------------------------------------------------------------------------
OPERATORS = ("=", "≠", ">", "≥", "<", "≤", "contains")


@dataclass(frozen=True)
class ColumnFilter:
    """One condition, e.g. ``ColumnFilter("area_mu", ">", "10")``."""

    key: str
    op: str
    value: str


def filter_mask(frame: pd.DataFrame, columns: list[Column], text: str, filters: list[ColumnFilter]) -> np.ndarray:
    """Rows (by position) passing the text search and every column filter."""
    n = len(frame)
    mask = np.ones(n, dtype=bool)
    kinds = {c.key: c.kind for c in columns}
    text = text.strip()
    if text:
        hit = np.zeros(n, dtype=bool)
        for key in ("parcel_id", "enterprise", "uscc", "park", "land_use"):
            if key in frame:
                hit |= frame[key].astype("string").str.contains(text, case=False, regex=False).fillna(False).to_numpy(dtype=bool)
        mask &= hit
    for f in filters:
        if f.key not in frame:
            continue
        mask &= _condition(frame[f.key], kinds.get(f.key, "text"), f.op, f.value)
    return mask


def _condition(series: pd.Series, kind: str, op: str, value: str) -> np.ndarray:
    value = value.strip()
    if kind in ("mu", "number"):
        try:
            target = float(value)
        except ValueError:
            return np.zeros(len(series), dtype=bool)
        nums = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            result = {
                "=": np.isclose(nums, target),
                "≠": ~np.isclose(nums, target),
                ">": nums > target,
                "≥": nums >= target,
                "<": nums < target,
                "≤": nums <= target,
            }.get(op, np.isclose(nums, target))
        return np.nan_to_num(result, nan=False).astype(bool)
    raw = series.astype("string").fillna("")
    shown = series.map(lambda v: display_text(kind, v)).astype("string").fillna("")
    if op in ("包含", "contains"):
        out = raw.str.contains(value, case=False, regex=False) | shown.str.contains(value, case=False, regex=False)
    elif op == "≠":
        out = ~((raw == value) | (shown == value))
    else:
        out = (raw == value) | (shown == value)
    return out.fillna(False).to_numpy(dtype=bool)


class ParcelFilterProxy(QSortFilterProxyModel):
    """Filters rows by a precomputed mask; sorting is delegated to the source model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.filters: list[ColumnFilter] = []
        self._mask: np.ndarray | None = None

    def setSourceModel(self, model) -> None:  # noqa: N802
        super().setSourceModel(model)
        model.frameReplaced.connect(self._recompute)

    def set_text(self, text: str) -> None:
        """Search parcel id, enterprise, USCC, park and land use."""
        self.text = text
        self._refilter()

    def set_filters(self, filters: list[ColumnFilter]) -> None:
        """Replace the column filters (all must hold)."""
        self.filters = list(filters)
        self._refilter()

    def _recompute(self) -> None:
        src = self.sourceModel()
        frame = src.frame() if src is not None else None
        if frame is None or (not self.text.strip() and not self.filters):
            self._mask = None
        else:
            self._mask = filter_mask(frame, src.columns, self.text, self.filters)

    def _refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._recompute()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._recompute()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        if self._mask is None or len(self._mask) != self.sourceModel().rowCount():
            return True
        return bool(self._mask[self.sourceModel().position(source_row)])

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def positions(self, proxy_rows) -> list[int]:
        """Parcel positions of the given proxy rows."""
        src = self.sourceModel()
        return [src.position(self.mapToSource(self.index(r, 0)).row()) for r in proxy_rows]


__all__ = [
    "Column",
    "ColumnFilter",
    "OPERATORS",
    "ParcelFilterProxy",
    "ParcelTableModel",
    "filter_mask",
    "table_columns",
]
