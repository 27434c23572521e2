"""The attribute table panel: search, column filters, sortable view, copy as TSV, map link."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.ui.cell_editors import CodeComboDelegate
from landplanner.ui.icons import icon
from landplanner.ui.table_model import OPERATORS, ColumnFilter, ParcelFilterProxy, ParcelTableModel

messages.register(
    {
        "ui.table.columns": ("显示的列", "Columns shown"),
        "ui.table.own_fields": ("文件中的其他字段", "The file's other fields"),
        "ui.table.show_all_own": ("显示全部其他字段", "Show all of the file's fields"),
        "ui.table.hide_all_own": ("隐藏全部其他字段", "Hide the file's other fields"),
        "ui.table.copy": ("复制所选行", "Copy selected rows"),
        "ui.table.zoom_to": ("缩放到所选地块", "Zoom to the selected parcels"),
        "ui.table.filter_value": ("筛选：{column} = {value}", "Filter: {column} = {value}"),
        "ui.table.filter_empty": ("筛选：{column} 为空", "Filter: {column} is empty"),
    }
)


class AttributeTable(QWidget):
    """Parcels as a table, selection linked both ways with the project model (and so the map)."""

    filtersChanged = Signal()
    zoomRequested = Signal()  # "zoom to" in the right-click menu: show the selection on the map

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.model = ParcelTableModel(project_model, self)
        self.proxy = ParcelFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._syncing = False
        self._filters: list[ColumnFilter] = []
        self._build()
        project_model.selectionChanged.connect(self.show_selection)
        self._shown_own: set[str] = set()  # the file's own columns the user chose to show
        self._hidden_fixed: set[str] = set()  # fixed columns the user chose to hide
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._fit_columns)
        self.model.modelReset.connect(self._apply_column_choice)
        self.proxy.layoutChanged.connect(lambda *_: self.show_selection(project_model.selection))

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search parcel id, enterprise, credit code, park…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)

        self.filter_column = QComboBox(self)
        for col in self.model.columns:
            self.filter_column.addItem(col.header, col.key)
        self.filter_op = QComboBox(self)
        for op in OPERATORS:
            self.filter_op.addItem(self.tr("contains") if op == "contains" else op, op)
        self.filter_value = QLineEdit(self)
        self.filter_value.setPlaceholderText(self.tr("Value"))
        self.filter_value.returnPressed.connect(self._add_filter_from_form)
        add = QToolButton(self)
        add.setIcon(icon("filter"))
        add.setToolTip(self.tr("Add filter"))
        add.clicked.connect(self._add_filter_from_form)
        clear = QToolButton(self)
        clear.setIcon(icon("clear"))
        clear.setToolTip(self.tr("Clear all filters"))
        clear.clicked.connect(self.clear_filters)
        self.filter_summary = QLabel(self)
        self.filter_summary.setWordWrap(True)
        self.count_label = QLabel(self)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.view.horizontalHeader().setDefaultSectionSize(96)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu_requested)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._cell_menu_requested)
        for c, col in enumerate(self.model.columns):  # 类别: a drop-down of the four labels
            if col.kind == "category":
                self.view.setItemDelegateForColumn(c, CodeComboDelegate("category", self.view))

        self.copy_action = QAction(icon("copy"), self.tr("Copy selected rows"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip(self.tr("Copy the selected rows as tab-separated text, ready to paste into Excel"))
        self.copy_action.triggered.connect(self.copy_selection)
        self.view.addAction(self.copy_action)
        copy_button = QToolButton(self)
        copy_button.setDefaultAction(self.copy_action)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.filter_column, 1)
        bar.addWidget(self.filter_op)
        bar.addWidget(self.filter_value, 1)
        bar.addWidget(add)
        bar.addWidget(clear)
        bar.addWidget(copy_button)
        status = QHBoxLayout()
        status.addWidget(self.filter_summary, 1)
        status.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(status)
        layout.addWidget(self.view)
        self._update_count()

    def _fit_columns(self) -> None:
        # Fit headers and the first screenful of values; long names stay elided.
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for c in range(self.model.columnCount()):
            header.resizeSection(c, min(max(header.sectionSize(c), 70), 240))

    # -- columns shown (header right-click menu) ---------------------------------------------
    def _apply_column_choice(self) -> None:
        for c, col in enumerate(self.model.columns):
            hidden = (col.key not in self._shown_own) if col.user else (col.key in self._hidden_fixed)
            self.view.setColumnHidden(c, hidden)
        current = self.filter_column.currentData()
        self.filter_column.blockSignals(True)
        self.filter_column.clear()
        for col in self.model.columns:
            self.filter_column.addItem(col.header, col.key)
        self.filter_column.setCurrentIndex(max(0, self.filter_column.findData(current)))
        self.filter_column.blockSignals(False)

    def set_column_shown(self, key: str, shown: bool) -> None:
        """Show or hide the column ``key`` (what the header menu's check boxes do)."""
        col = next((c for c in self.model.columns if c.key == key), None)
        if col is None:
            return
        if col.user:
            (self._shown_own.add if shown else self._shown_own.discard)(key)
        else:
            (self._hidden_fixed.discard if shown else self._hidden_fixed.add)(key)
        self._apply_column_choice()
        if shown:
            c = self.model.columns.index(col)
            self.view.resizeColumnToContents(c)
            header = self.view.horizontalHeader()
            header.resizeSection(c, min(max(header.sectionSize(c), 70), 240))

    def is_column_shown(self, key: str) -> bool:
        """Whether column ``key`` is visible."""
        for c, col in enumerate(self.model.columns):
            if col.key == key:
                return not self.view.isColumnHidden(c)
        return False

    def header_menu(self) -> QMenu:
        """The column chooser: every fixed column, then the file's own fields."""
        menu = QMenu(self)
        menu.setObjectName("tableHeaderMenu")
        menu.addSection(messages.text("ui.table.columns"))
        own = [c for c in self.model.columns if c.user]
        for col in self.model.columns:
            if col.user:
                continue
            menu.addAction(self._column_toggle(menu, col))
        if own:
            menu.addSection(messages.text("ui.table.own_fields"))
            show_all = menu.addAction(messages.text("ui.table.show_all_own"))
            show_all.triggered.connect(lambda: self._show_own([c.key for c in own], True))
            hide_all = menu.addAction(messages.text("ui.table.hide_all_own"))
            hide_all.triggered.connect(lambda: self._show_own([c.key for c in own], False))
            sub = menu if len(own) <= 15 else menu.addMenu(messages.text("ui.table.own_fields"))
            for col in own:
                sub.addAction(self._column_toggle(sub, col))
        return menu

    def _column_toggle(self, menu: QMenu, col) -> QAction:
        action = QAction(col.header, menu)
        action.setCheckable(True)
        action.setChecked(self.is_column_shown(col.key))
        action.setData(col.key)
        action.toggled.connect(lambda on, key=col.key: self.set_column_shown(key, on))
        return action

    def _show_own(self, keys: list[str], shown: bool) -> None:
        if shown:
            self._shown_own.update(keys)
        else:
            self._shown_own.difference_update(keys)
        self._apply_column_choice()

    def _header_menu_requested(self, pos) -> None:
        menu = self.header_menu()
        menu.popup(self.view.horizontalHeader().mapToGlobal(pos))

    # -- cell right-click menu: copy, zoom to, filter by this value ---------------------------
    def cell_menu(self, index) -> QMenu:
        """The right-click menu of a cell (``index`` of the view's model)."""
        menu = QMenu(self)
        menu.setObjectName("tableCellMenu")
        copy = menu.addAction(icon("copy"), messages.text("ui.table.copy"))
        copy.triggered.connect(self.copy_selection)
        zoom = menu.addAction(icon("zoom_selection"), messages.text("ui.table.zoom_to"))
        zoom.triggered.connect(self.zoomRequested.emit)
        if index is not None and index.isValid():
            source = self.proxy.mapToSource(index)
            col = self.model.columns[source.column()]
            raw = self.model.raw_value(source.row(), source.column())
            shown = index.data() or ""
            empty = raw is None or raw is pd.NA or (isinstance(raw, float) and raw != raw) or shown == ""
            menu.addSeparator()
            if empty:
                text = messages.text("ui.table.filter_empty", column=col.header)
            else:
                text = messages.text("ui.table.filter_value", column=col.header, value=shown)
            filter_action = menu.addAction(icon("filter"), text)
            value = "" if empty else (str(raw) if col.kind == "text" else shown)
            if col.kind in ("mu", "number") and not empty:
                value = repr(float(raw))  # the exact number, not its rounded display
            filter_action.triggered.connect(
                lambda _c=False, k=col.key, v=value: self.add_filter(ColumnFilter(k, "=", v))
            )
        return menu

    def _cell_menu_requested(self, pos) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isRowSelected(index.row()):
            self.view.selectRow(index.row())
        self.cell_menu(index).popup(self.view.viewport().mapToGlobal(pos))

    # -- filtering -------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _add_filter_from_form(self) -> None:
        value = self.filter_value.text().strip()
        if not value:
            return
        self.add_filter(ColumnFilter(self.filter_column.currentData(), self.filter_op.currentData(), value))
        self.filter_value.clear()

    def add_filter(self, condition: ColumnFilter) -> None:
        """Add one column condition (all conditions must hold)."""
        self._filters.append(condition)
        self.proxy.set_filters(self._filters)
        self._after_filter()

    def set_filters(self, conditions: list[ColumnFilter]) -> None:
        """Replace every column condition."""
        self._filters = list(conditions)
        self.proxy.set_filters(self._filters)
        self._after_filter()

    def clear_filters(self) -> None:
        """Remove the search text and all column conditions."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.proxy.set_text("")
        self.set_filters([])

    def _after_filter(self) -> None:
        headers = {c.key: c.header for c in self.model.columns}
        parts = [f"{headers.get(f.key, f.key)} {self.tr('contains') if f.op == 'contains' else f.op} {f.value}" for f in self._filters]
        self.filter_summary.setText(self.tr("Filters: ") + self.tr("; ").join(parts) if parts else "")
        self._update_count()
        self.show_selection(self.project_model.selection)
        self.filtersChanged.emit()

    def _update_count(self) -> None:
        if "table" in self.project_model.after_map.pending():
            from landplanner.ui.first_paint import computing_text

            self.count_label.setText(computing_text())  # rows follow the map's first paint
            return
        self.count_label.setText(
            self.tr("Showing {0} / {1} parcels").format(self.proxy.rowCount(), self.model.rowCount())
        )

    # -- selection link --------------------------------------------------------------------
    def show_selection(self, positions: list[int]) -> None:
        """Select the rows of these parcels (from the map or elsewhere) without echoing back."""
        if self._syncing or self.model.rowCount() == 0:
            return
        self._syncing = True
        try:
            rows = sorted(
                self.proxy.mapFromSource(self.model.index(self.model.row_of(p), 0)).row()
                for p in positions
                if 0 <= p < self.model.rowCount()
            )
            rows = [r for r in rows if r >= 0]
            selection = QItemSelection()
            last_col = self.proxy.columnCount() - 1
            start = prev = None
            for r in rows + [None]:
                if start is not None and (r is None or r != prev + 1):
                    selection.select(self.proxy.index(start, 0), self.proxy.index(prev, last_col))
                    start = None
                if r is not None and start is None:
                    start = r
                prev = r
            self.view.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if rows:
                self.view.scrollTo(self.proxy.index(rows[0], 0))
        finally:
            self._syncing = False

    def _view_selection_changed(self, *_args) -> None:
        if self._syncing:
            return
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        self._syncing = True
        try:
            self.project_model.set_selection(self.proxy.positions(rows))
        finally:
            self._syncing = False

    def selected_positions(self) -> list[int]:
        """Parcel positions of the selected rows."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return self.proxy.positions(rows)

    # -- clipboard -------------------------------------------------------------------------
    def selection_as_tsv(self) -> str:
        """Header + selected rows as tab-separated text (what Excel pastes into cells)."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        cols = [c for c in range(self.proxy.columnCount()) if not self.view.isColumnHidden(c)]
        lines = ["\t".join(self.proxy.headerData(c, Qt.Orientation.Horizontal) for c in cols)]
        for r in rows:
            cells = (str(self.proxy.index(r, c).data() or "") for c in cols)
            lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in cells))
        return "\n".join(lines) + "\n"

    def copy_selection(self) -> None:
        """Copy the selected rows to the clipboard as TSV."""
        QGuiApplication.clipboard().setText(self.selection_as_tsv())
