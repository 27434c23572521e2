"""一企一策 plan editor for the selected parcel's plan: suggestion, form, milestones, status
transitions with 销号 date and evidence, and history. Every change goes through
``plans.update`` (which enforces the rules) and the undo stack."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.analysis import plans as plan_rules
from landplanner.analysis.plans import history_text
from landplanner.problems import InputError
from landplanner.ui import app_settings
from landplanner.ui.date_field import DateDelegate, DateField
from landplanner.ui.error_log import plain_message
from landplanner.ui.labels import status_label
from landplanner.ui.undo_commands import SetPlanCommand


def current_author() -> str:
    """Who edits (recorded in the plan history): the name set in the app, else the login."""
    name = app_settings.settings().value("user/name", "")
    if name:
        return str(name)
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service accounts
        return "user"


messages.register(
    {
        "ui.plan.unsaved_title": ("方案有未保存的修改", "Unsaved plan changes"),
        "ui.plan.unsaved": (
            "方案 {plan} 的修改还没有保存。保存后再切换到其他地块吗？",
            "The changes to plan {plan} are not saved. Save them before switching parcels?",
        ),
        "ui.plan.closed_date_hint": (
            "留空 = 销号当天", "empty = the day it is closed",
        ),
    }
)


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


class PlanEditor(QWidget):
    """Shows and edits the plan of the first selected parcel."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.position: int | None = None
        self.index: int | None = None
        self._build()
        project_model.selectionChanged.connect(self._selection_changed)
        project_model.plansChanged.connect(self._refresh)
        project_model.scoresChanged.connect(self._refresh)
        project_model.projectChanged.connect(self._refresh)
        self.show_parcel(None)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.suggestion = QLabel(self)
        self.suggestion.setWordWrap(True)
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setStyleSheet("background:#e3f2fd; padding:6px; border-radius:3px")
        self.create_button = QPushButton(self.tr("Create plan with this method"), self)
        self.create_button.clicked.connect(self.create_plan)

        self.form_box = QGroupBox(self.tr("Plan"), self)
        form = QFormLayout(self.form_box)
        self.method = QComboBox(self)
        self.method.addItem(self.tr("(not chosen)"), None)
        for key in plan_rules.METHODS:
            self.method.addItem(plan_rules.method_label(key), key)
        self.reason = QLineEdit(self)
        self.unit = QLineEdit(self)
        self.person = QLineEdit(self)
        self.target = DateField(self)
        self.target.setObjectName("targetDate")
        self.mu_to_free = QLineEdit(self)
        self.mu_to_free.setPlaceholderText(self.tr("empty = all its parcels"))
        self.tax_after = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(50)
        form.addRow(self.tr("Method:"), self.method)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Responsible unit:"), self.unit)
        form.addRow(self.tr("Responsible person:"), self.person)
        form.addRow(self.tr("Target date:"), self.target)
        form.addRow(self.tr("Mu to free:"), self.mu_to_free)
        form.addRow(self.tr("Expected tax after (10k yuan):"), self.tax_after)
        form.addRow(self.tr("Notes:"), self.notes)

        self.milestones = QTableWidget(0, 3, self)
        self.milestones.setObjectName("milestones")
        self.milestones.setHorizontalHeaderLabels([self.tr("Milestone"), self.tr("Due"), self.tr("Done")])
        self.milestones.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.milestones.verticalHeader().hide()
        self.milestones.setMaximumHeight(130)
        self._date_delegate = DateDelegate(self.milestones)
        self.milestones.setItemDelegateForColumn(1, self._date_delegate)
        self.milestones.setItemDelegateForColumn(2, self._date_delegate)
        add = QPushButton(self.tr("Add milestone"), self)
        add.clicked.connect(lambda: self._add_milestone_row("", "", ""))
        remove = QPushButton(self.tr("Remove milestone"), self)
        remove.clicked.connect(lambda: self.milestones.removeRow(self.milestones.currentRow()))
        ms_buttons = QHBoxLayout()
        ms_buttons.addWidget(add)
        ms_buttons.addWidget(remove)
        ms_buttons.addStretch(1)
        form.addRow(QLabel(self.tr("Milestones:")))
        form.addRow(self.milestones)
        form.addRow(ms_buttons)
        self.apply_button = QPushButton(self.tr("Save plan changes"), self)
        self.apply_button.clicked.connect(self.apply_changes)
        form.addRow(self.apply_button)

        self.status_box = QGroupBox(self.tr("Status"), self)
        status_form = QFormLayout(self.status_box)
        self.status_label = QLabel(self)
        self.closed_date = DateField(self)
        self.closed_date.setObjectName("closedDate")
        self.closed_date.setToolTip(messages.text("ui.plan.closed_date_hint"))
        self.evidence = QLineEdit(self)
        self.evidence.setPlaceholderText(self.tr("e.g. transfer contract no., inspection record"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("required when moving the status back"))
        self.forward_button = QPushButton(self)
        self.forward_button.clicked.connect(lambda: self.move_status(+1))
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(lambda: self.move_status(-1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.forward_button)
        status_form.addRow(self.tr("Current:"), self.status_label)
        status_form.addRow(self.tr("Closing date:"), self.closed_date)
        status_form.addRow(self.tr("Evidence:"), self.evidence)
        status_form.addRow(self.tr("Note:"), self.note)
        status_form.addRow(buttons)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c62828")
        self.history = QTableWidget(0, 4, self)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Author"), self.tr("Change"), self.tr("Note")])
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history_box = QGroupBox(self.tr("History"), self)
        QVBoxLayout(self.history_box).addWidget(self.history)

        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        for w in (self.header, self.suggestion, self.create_button, self.error, self.status_box,
                  self.form_box, self.history_box):
            layout.addWidget(w)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _add_milestone_row(self, title: str, due: str, done: str) -> None:
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        for c, text in enumerate((title, due, done)):
            self.milestones.setItem(row, c, QTableWidgetItem(text))

    # -- showing ---------------------------------------------------------------------------
    def _selection_changed(self, positions: list[int]) -> None:
        new = positions[0] if positions else None
        if new != self.position and self.has_unsaved_changes():
            answer = self.ask_unsaved()
            if answer == "cancel":
                return  # keep the form (and its typing) on screen
            if answer == "save":
                self.apply_changes()
                if self.error.text():
                    return  # the core refused the changes: the user must see why
        self.show_parcel(new)

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the plan shown (typing not yet saved)."""
        if self.plan() is None or getattr(self, "_saved_form", None) is None:
            return False
        return self.form_changes() != self._saved_form

    def ask_unsaved(self) -> str:
        """Ask what to do with unsaved typing: ``"save"``, ``"discard"`` or ``"cancel"``."""
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(
            self, messages.text("ui.plan.unsaved_title"),
            messages.text("ui.plan.unsaved", plan=self.plan().id), buttons,
            QMessageBox.StandardButton.Save,
        )
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def _refresh(self) -> None:
        selection = self.project_model.selection
        self.show_parcel(selection[0] if selection else None)

    def plan(self):
        """The plan shown, or None."""
        if self.index is None:
            return None
        return self.project_model.project.plans[self.index]

    def show_parcel(self, position: int | None) -> None:
        """Show the plan of the parcel at ``position`` (or the suggestion when it has none)."""
        pm = self.project_model
        self.error.clear()
        if pm.project is None or position is None or position >= len(pm.parcels):
            self.position = self.index = None
            self.header.setText(self.tr("Select a parcel to see or create its plan."))
            for w in (self.suggestion, self.create_button, self.form_box, self.status_box, self.history_box):
                w.hide()
            return
        self.position = position
        self.index = pm.plan_index_for(position)
        row = pm.parcels.iloc[position]
        self.header.setText(f"<b>{row.get('parcel_id', '')}</b>  {row.get('enterprise') or ''}")
        try:
            method, why = plan_rules.suggest_for_parcel(
                pm.parcels, position, pm.scores, (pm.project.settings or {}).get("screening"), pm.today)
        except Exception as error:  # a suggestion is advice; the editor works without it
            method, why = None, plain_message(error)
        self._suggested = (method, why)
        label = plan_rules.method_label(method) if method else self.tr("none")
        self.suggestion.setText(self.tr("Suggested method: <b>{0}</b><br>Why: {1}").format(label, why))
        self.suggestion.show()
        plan = self.plan()
        self.create_button.setVisible(plan is None)
        for w in (self.form_box, self.status_box, self.history_box):
            w.setVisible(plan is not None)
        if plan is not None:
            self._fill(plan)

    def _fill(self, plan) -> None:
        self.method.setCurrentIndex(max(0, self.method.findData(plan.method)))
        self.reason.setText(plan.reason)
        self.unit.setText(plan.responsible_unit)
        self.person.setText(plan.responsible_person)
        self.target.setText(_iso(plan.target_date))
        self.mu_to_free.setText(_num(plan.mu_to_free))
        self.tax_after.setText(_num(plan.expected_tax_after))
        self.notes.setPlainText(plan.notes)
        self.milestones.setRowCount(0)
        for m in plan.milestones:
            self._add_milestone_row(m.title, _iso(m.due), _iso(m.done))
        overdue = bool(plan_rules.overdue(plan, self.project_model.today))
        text = f"<b>{status_label(plan.status)}</b>"
        if plan.closed_date:
            text += self.tr(" — closed on {0}").format(plan.closed_date.isoformat())
        if overdue:
            text += " <span style='color:#c62828'>" + self.tr("(overdue)") + "</span>"
        self.status_label.setText(text)
        # Empty until 销号: the date is the closing day (today when left empty at closing).
        self.closed_date.setText(_iso(plan.closed_date))
        self.closed_date.setEnabled(plan.status in ("completed", "closed"))
        self.evidence.setText(plan.evidence)
        self.note.clear()
        order = plan_rules.STATUS_ORDER
        i = order.index(plan.status)
        self.forward_button.setVisible(i + 1 < len(order))
        self.back_button.setVisible(i > 0)
        if i + 1 < len(order):
            self.forward_button.setText(self.tr("Move to “{0}”").format(status_label(order[i + 1])))
        if i > 0:
            self.back_button.setText(self.tr("Back to “{0}”").format(status_label(order[i - 1])))
        self._saved_form = self.form_changes()
        self.history.setRowCount(0)
        for entry in reversed(plan.history):
            r = self.history.rowCount()
            self.history.insertRow(r)
            change = history_text(entry)  # the core's words: 状态：已完成 → 已销号
            for c, text in enumerate((str(entry.get("time", ""))[:16].replace("T", " "), entry.get("author", ""),
                                      change, entry.get("note", ""))):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                self.history.setItem(r, c, item)

    # -- changing --------------------------------------------------------------------------
    def create_plan(self) -> None:
        """Create a plan for the shown parcel with the suggested method."""
        if self.position is None:
            return
        method, why = self._suggested
        try:
            plan = plan_rules.create_for_parcel(self.project_model.plans(), self.project_model.parcels.iloc[self.position],
                                                current_author(), method, why)
        except InputError as error:
            self.error.setText(plain_message(error))
            return
        self.project_model.undo_stack.push(SetPlanCommand(self.project_model, None, plan, self.tr("Create plan")))

    def form_changes(self) -> dict:
        """The form's values as ``plans.update`` keyword arguments."""
        milestones = []
        for r in range(self.milestones.rowCount()):
            cells = [(self.milestones.item(r, c).text().strip() if self.milestones.item(r, c) else "") for c in range(3)]
            if any(cells):
                milestones.append({"title": cells[0], "due": cells[1] or None, "done": cells[2] or None})
        return {
            "method": self.method.currentData(),
            "reason": self.reason.text().strip(),
            "responsible_unit": self.unit.text().strip(),
            "responsible_person": self.person.text().strip(),
            "target_date": self.target.text().strip() or None,
            "mu_to_free": self.mu_to_free.text().strip() or None,
            "expected_tax_after": self.tax_after.text().strip() or None,
            "notes": self.notes.toPlainText().strip(),
            "milestones": milestones,
        }

    def apply_changes(self) -> None:
        """Save the form through ``plans.update`` and the undo stack."""
        self._change(self.tr("Edit plan"), **self.form_changes())

    def move_status(self, step: int) -> None:
        """Advance or move back one status; closing takes the date and evidence fields."""
        plan = self.plan()
        if plan is None:
            return
        order = plan_rules.STATUS_ORDER
        new = order[order.index(plan.status) + step]
        changes: dict = {"status": new}
        if new == "closed":
            changes["closed_date"] = (self.closed_date.text().strip()
                                      or self.project_model.today.isoformat())
            changes["evidence"] = self.evidence.text().strip()
        self._change(self.tr("Status: {0}").format(status_label(new)), note=self.note.text().strip() or None, **changes)

    def _change(self, text: str, note: str | None = None, **changes) -> None:
        plan = self.plan()
        if plan is None:
            return
        try:
            new = plan_rules.update(plan, current_author(), note=note, **changes)
        except InputError as error:
            self.error.setText(plain_message(error))
            return
        self.error.clear()
        if new is not plan:
            self.project_model.undo_stack.push(SetPlanCommand(self.project_model, self.index, new, text))



