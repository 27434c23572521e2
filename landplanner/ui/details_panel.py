"""Details of the selected parcel and its enterprise: attributes, score, plan in one list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages as _messages
from landplanner import vocabulary
from landplanner.analysis.plans import overdue as plan_overdue
from landplanner.ui.labels import class_label, method_label, status_label
from landplanner.ui.table_model import display_text, table_columns

_messages.register({"ui.details.own_fields": ("文件中的其他字段", "The file's other fields")})


class DetailsPanel(QWidget):
    """Key/value list for one parcel (the first selected, or the one identified on the map)."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.position: int | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        # field names at most ~45 % of the width, values get the rest and wrap: no value is
        # cut to "博远光电（南通）有…" in a 390-pixel panel
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        project_model.selectionChanged.connect(self._selection_changed)
        project_model.projectChanged.connect(self._clear)
        project_model.scoresChanged.connect(self._refresh)
        project_model.plansChanged.connect(self._refresh)
        project_model.cellChanged.connect(self._cell_changed)
        self.show_parcel(None)

    def _clear(self) -> None:
        self.show_parcel(None)

    def _refresh(self) -> None:
        self.show_parcel(self.position)

    def _cell_changed(self, position: int, _column: str) -> None:
        if position == self.position:
            self.show_parcel(position)

    def _selection_changed(self, positions: list[int]) -> None:
        self.show_parcel(positions[0] if positions else None)

    def _section(self, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QBrush(QColor("#eceff1")))
        self.table.setItem(row, 0, item)
        filler = QTableWidgetItem("")
        filler.setBackground(QBrush(QColor("#eceff1")))
        self.table.setItem(row, 1, filler)
        self.table.setSpan(row, 0, 1, 2)  # a heading across the panel, not widening the names

    def _row(self, label: str, value: str, color: str | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(label))
        item = QTableWidgetItem(value)
        if color:
            item.setForeground(QBrush(QColor(color)))
        self.table.setItem(row, 1, item)

    def show_parcel(self, position: int | None) -> None:
        """Show the parcel at ``position`` (None clears the panel)."""
        pm = self.project_model
        self.table.clearSpans()
        self.table.setRowCount(0)
        view = pm.parcel_view() if pm.project is not None else None
        if view is None or position is None or not 0 <= position < len(view):
            self.position = None
            self.title.setText(self.tr("Select a parcel on the map or in the table."))
            return
        self.position = position
        row = view.iloc[position]
        self.title.setText(f"{row.get('parcel_id', '')}  {row.get('enterprise') or ''}")
        self._section(self.tr("Parcel"))
        for col in table_columns():
            if col.key in row.index and col.key not in ("score", "class", "plan_status"):
                self._row(col.header, display_text(col.kind, row[col.key]))
        self._user_rows(row, view)
        self._enterprise_rows(row)
        self._plan_rows(position)
        self._fit()

    def _fit(self) -> None:
        """Field column as wide as its names (at most 45 %), rows as tall as their values."""
        table = self.table
        if table.rowCount() == 0:
            return
        table.resizeColumnToContents(0)
        cap = max(int(table.viewport().width() * 0.45), 80)
        if table.columnWidth(0) > cap:
            table.setColumnWidth(0, cap)
        table.resizeRowsToContents()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _user_rows(self, row, view) -> None:
        """The file's own fields (county, street, industry…) under their own names."""
        from landplanner import messages
        from landplanner.fields import user_columns

        keys = user_columns(view)
        if not keys:
            return
        self._section(messages.text("ui.details.own_fields"))
        for key in keys:
            self._row(key, display_text("text", row[key]))

    def _enterprise_rows(self, row) -> None:
        scores = self.project_model.scores
        uscc = row.get("uscc")
        if scores is None or not isinstance(uscc, str) or "uscc" not in scores:
            return
        hit = scores[scores["uscc"] == uscc]
        if hit.empty:
            return
        firm = hit.iloc[0]
        self._section(self.tr("Per-mu scoring"))
        self._row(vocabulary.label("field", "score"), display_text("number", firm.get("score")))
        if "rank" in firm and not _missing(firm["rank"]):   # a vetoed firm has no rank
            size = firm.get("group_size")
            rank = f"{int(firm['rank'])}" + (f" / {int(size)}" if size == size and size is not None else "")
            self._row(self.tr("Rank in group"), rank)
        self._row(vocabulary.label("field", "class"), class_label(firm.get("class")))
        if firm.get("group") is not None:
            self._row(vocabulary.label("field", "group"), vocabulary.label("group", firm.get("group")))
        if firm.get("reason"):
            self._row(self.tr("Reason"), str(firm["reason"]))
        from landplanner import messages

        names = self.project_model.indicator_names(messages.language())
        self._indicator_value_rows(firm, scores, names)
        for key in [c for c in scores.columns if c.startswith("points:")]:
            value = firm.get(key)
            if value == value and value is not None:
                name = key.split(":", 1)[1]
                self._row(self.tr("Points: {0}").format(names.get(name, name)), f"{float(value):.2f}")

    def _indicator_value_rows(self, firm, scores, names: dict) -> None:
        """Each indicator's value under its name with its unit (亩均税收（万元/亩）), as the
        vocabulary names it everywhere else; the points follow."""
        from landplanner import messages, vocabulary

        lang = messages.language()
        for key in [c for c in scores.columns if c.startswith("value:")]:
            value = firm.get(key)
            if value is None or _missing(value):
                continue
            name = key.split(":", 1)[1]
            header = vocabulary.header("indicator", name, lang)
            if not header or header == name:
                header = names.get(name, name)
            self._row(header, f"{float(value):,.2f}")

    def _plan_rows(self, position: int) -> None:
        pm = self.project_model
        index = pm.plan_index_for(position)
        self._section(self.tr("Plan"))
        def name(field: str) -> str:  # the plan's field names of the vocabulary (as in Excel)
            return vocabulary.label("plan_field", field)

        if index is None:
            self._row(name("status"), status_label(None))
            return
        plan = pm.project.plans[index]
        overdue = bool(plan_overdue(plan, pm.today))
        self._row(name("id"), plan.id)
        self._row(name("status"), status_label(plan.status) + (self.tr(" (overdue)") if overdue else ""),
                  "#c62828" if overdue else None)
        self._row(name("method"), method_label(plan.method))
        self._row(name("responsible_unit"), plan.responsible_unit)
        self._row(name("responsible_person"), plan.responsible_person)
        if plan.target_date:
            self._row(name("target_date"), plan.target_date.isoformat())


def _missing(value) -> bool:
    """None, NaN or pd.NA (``value == value`` raises for pd.NA)."""
    import pandas as pd

    return value is None or bool(pd.isna(value))

