"""一企一策 plan editor: one form for both subject kinds of :mod:`landplanner.model.plan` — the
selected parcel's plan (``subject_kind="parcel"``, driven by the map/table selection) and an
asset's plan (``subject_kind="asset"``, driven by the asset table). Suggestion, form (the
fields :data:`~landplanner.model.plan.SUBJECT_FIELDS` gives the kind), milestones with date
pickers and their state, the three accounts as figures before and after, status transitions
with 销号 date and evidence, and history. Every change goes through ``plans.update`` (which
enforces the rules) and the project model's undo stack (one writer)."""

from __future__ import annotations

import getpass
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
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

from landplanner import messages, vocabulary
from landplanner.analysis import accounts as _accounts  # noqa: F401  (its phase words)
from landplanner.analysis import plans as plan_rules
from landplanner.analysis.plan_status import milestone_states
from landplanner.analysis.plans import history_text
from landplanner.model.plan import ACCOUNT_FIGURES, FIGURE_UNITS, SUBJECT_FIELDS, SUBJECT_KINDS
from landplanner.problems import InputError
from landplanner.ui import app_settings
from landplanner.ui.date_field import DateDelegate, DateField
from landplanner.ui.error_log import plain_message
from landplanner.ui.labels import status_label
from landplanner.ui.undo_commands import SetPlanCommand

#: Item data role of an account cell showing a computed (not entered) figure: its text.
DERIVED_ROLE = Qt.ItemDataRole.UserRole + 1
_STATE_COLOURS = {"done": "#1a7f37", "late": "#c62828", "open": None}


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
        "ui.plan.unsaved_asset": (
            "方案 {plan} 的修改还没有保存。保存后再切换到其他资产吗？",
            "The changes to plan {plan} are not saved. Save them before switching assets?",
        ),
        "ui.plan.closed_date_hint": (
            "留空 = 销号当天", "empty = the day it is closed",
        ),
        "ui.plan.pick_asset": ("在资产清单中选择一项资产，查看或建立其方案。",
                               "Select an asset in the asset list to see or create its plan."),
        "ui.plan.accounts": ("三本账（数字）", "Three accounts (figures)"),
        "ui.plan.figure": ("指标", "Figure"),
        "ui.plan.derived": ("灰色斜体为测算值（来自指标表和地块）；输入数字即覆盖",
                            "grey italics are computed (indicators, parcels); type a number to "
                            "replace it"),
        "ui.plan.ms_state": ("状态", "State"),
        "ui.plan.asset_head": ("{kind} · {status} · {area} m² · {owner}",
                               "{kind} · {status} · {area} m² · {owner}"),
    }
)


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def _figure_label(key: str) -> str:
    unit = FIGURE_UNITS.get(key, "")
    name = vocabulary.label("account_figure", key)
    return f"{name}（{unit}）" if unit and messages.language() != "en" else \
        (f"{name} ({unit})" if unit else name)


class PlanEditor(QWidget):
    """Shows and edits the plan of one subject: the first selected parcel (``subject_kind``
    ``"parcel"``) or the asset chosen in the asset table (``"asset"``, see
    :meth:`request_subject`)."""

    def __init__(self, project_model, parent: QWidget | None = None,
                 subject_kind: str = "parcel") -> None:
        super().__init__(parent)
        if subject_kind not in SUBJECT_KINDS:
            raise ValueError(f"unknown subject kind {subject_kind!r}")
        self.subject_kind = subject_kind
        self.project_model = project_model
        self.position: int | None = None  # the parcel shown (parcel editor)
        self.asset_id: str | None = None  # the asset shown (asset editor)
        self.index: int | None = None
        self._suggested: tuple = (None, "")
        self._saved_form: dict | None = None
        self._filling = False
        self._build()
        if subject_kind == "parcel":
            project_model.selectionChanged.connect(self._selection_changed)
            project_model.scoresChanged.connect(self._refresh)
        else:
            project_model.assetsChanged.connect(self._refresh)
        project_model.plansChanged.connect(self._refresh)
        project_model.projectChanged.connect(self._project_changed)
        self.show_subject(None)

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
        # the longest method name must not make the form wider than the dock (it was cut off)
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.method.setMinimumContentsLength(8)
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
        rows = (("method", self.method), ("reason", self.reason), ("responsible_unit", self.unit),
                ("responsible_person", self.person), ("target_date", self.target),
                ("mu_to_free", self.mu_to_free), ("expected_tax_after", self.tax_after),
                ("notes", self.notes))
        used = SUBJECT_FIELDS[self.subject_kind]
        for name, widget in rows:  # the catalogue's names, as in the workbook and the case file
            form.addRow(vocabulary.form_label("plan_field", name), widget)
            form.setRowVisible(widget, name in used)  # e.g. an asset plan frees no land

        self.milestones_box = QGroupBox(self.tr("Milestones:").rstrip(":："), self)
        self.milestones = QTableWidget(0, 4, self)
        self.milestones.setObjectName("milestones")
        self.milestones.setHorizontalHeaderLabels([self.tr("Milestone"), self.tr("Due"), self.tr("Done"),
                                                   messages.text("ui.plan.ms_state")])
        self.milestones.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c, width in ((1, 84), (2, 84), (3, 48)):  # dates and a word: the title gets the room
            self.milestones.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.milestones.horizontalHeader().resizeSection(c, width)
        self.milestones.verticalHeader().hide()
        self.milestones.setMinimumHeight(90)
        self.milestones.setMaximumHeight(150)
        self._date_delegate = DateDelegate(self.milestones)
        self.milestones.setItemDelegateForColumn(1, self._date_delegate)
        self.milestones.setItemDelegateForColumn(2, self._date_delegate)
        self.milestones.itemChanged.connect(self._milestone_edited)
        add = QPushButton(self.tr("Add milestone"), self)
        add.clicked.connect(lambda: self._add_milestone_row("", "", ""))
        remove = QPushButton(self.tr("Remove milestone"), self)
        remove.clicked.connect(lambda: self.milestones.removeRow(self.milestones.currentRow()))
        ms_buttons = QHBoxLayout()
        ms_buttons.addWidget(add)
        ms_buttons.addWidget(remove)
        ms_buttons.addStretch(1)
        ms_layout = QVBoxLayout(self.milestones_box)
        ms_layout.addWidget(self.milestones)
        ms_layout.addLayout(ms_buttons)

        self.accounts_box = QGroupBox(messages.text("ui.plan.accounts"), self)
        # one row per figure; the account's name once, on the left of its figures
        self.accounts = QTableWidget(0, 3, self)
        self.accounts.setObjectName("accounts")
        self.accounts.setHorizontalHeaderLabels([
            messages.text("ui.plan.figure"), messages.text("accounts.phase.before"),
            messages.text("accounts.phase.after")])
        self.accounts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):  # figures are short: the names get the room
            self.accounts.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.accounts.horizontalHeader().resizeSection(c, 68)
        self.accounts.verticalHeader().setDefaultSectionSize(22)
        self.accounts.itemChanged.connect(self._account_edited)
        self._account_rows = list(ACCOUNT_FIGURES[self.subject_kind])
        self.accounts.setRowCount(len(self._account_rows))
        self.accounts.setVerticalHeaderLabels([
            vocabulary.label("account", account)
            if r == 0 or self._account_rows[r - 1][0] != account else ""
            for r, (account, _key) in enumerate(self._account_rows)])
        for r, (account, key) in enumerate(self._account_rows):
            item = QTableWidgetItem(_figure_label(key))
            item.setToolTip(f"{vocabulary.label('account', account)} · {_figure_label(key)}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.accounts.setItem(r, 0, item)
        self.accounts.setFixedHeight(26 + 22 * len(self._account_rows))
        hint = QLabel(messages.text("ui.plan.derived"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#607d8b")
        acc_layout = QVBoxLayout(self.accounts_box)
        acc_layout.addWidget(self.accounts)
        acc_layout.addWidget(hint)

        self.apply_button = QPushButton(self.tr("Save plan changes"), self)
        self.apply_button.clicked.connect(self.apply_changes)

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
        self.history.setMinimumHeight(90)

        inner = QWidget(self)
        if self.subject_kind == "asset":
            # beside the asset table, under the map: wide and low, so three columns
            columns = ((self.header, self.suggestion, self.create_button, self.error,
                        self.status_box),
                       (self.form_box, self.apply_button),
                       (self.milestones_box, self.accounts_box, self.history_box))
            row = QHBoxLayout(inner)
            row.setContentsMargins(4, 4, 4, 4)
            for widgets in columns:
                column = QVBoxLayout()
                for w in widgets:
                    column.addWidget(w)
                column.addStretch(1)
                row.addLayout(column, 1)
        else:
            layout = QVBoxLayout(inner)
            layout.setContentsMargins(4, 4, 4, 4)
            for w in (self.header, self.suggestion, self.create_button, self.error,
                      self.status_box, self.form_box, self.milestones_box, self.accounts_box,
                      self.apply_button, self.history_box):
                layout.addWidget(w)
            layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _plan_widgets(self) -> tuple:
        return (self.form_box, self.status_box, self.milestones_box, self.accounts_box,
                self.apply_button, self.history_box)

    def _add_milestone_row(self, title: str, due: str, done: str) -> None:
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        for c, text in enumerate((title, due, done)):
            self.milestones.setItem(row, c, QTableWidgetItem(text))
        self._show_milestone_state(row)

    def _milestone_edited(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() in (1, 2):
            self._show_milestone_state(item.row())

    def _show_milestone_state(self, row: int) -> None:
        """The row's state (已完成 / 逾期 / 未到期) by the core's rule, as typed."""
        from dataclasses import replace

        plan = self.plan()
        cells = [(self.milestones.item(row, c).text().strip() if self.milestones.item(row, c) else "")
                 for c in range(3)]
        text, colour = "", None
        if plan is not None and any(cells):
            try:
                ms = plan_rules.Milestone.from_dict({"title": cells[0], "due": cells[1] or None,
                                                     "done": cells[2] or None})
                state = milestone_states(replace(plan, milestones=(ms,)), self.project_model.today)[0]
                text, colour = vocabulary.label("milestone_state", state), _STATE_COLOURS[state]
            except InputError:
                text, colour = "?", "#c62828"
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if colour:
            item.setForeground(QBrush(QColor(colour)))
        blocked = self.milestones.blockSignals(True)
        self.milestones.setItem(row, 3, item)
        self.milestones.blockSignals(blocked)

    def _account_edited(self, item: QTableWidgetItem) -> None:
        """A typed figure is the user's, no longer the computed one: shown in plain type."""
        if self._filling or item.column() == 0:
            return
        if item.data(DERIVED_ROLE) is not None and item.text().strip() != item.data(DERIVED_ROLE):
            blocked = self.accounts.blockSignals(True)
            item.setData(DERIVED_ROLE, None)
            item.setFont(QFont())
            item.setForeground(QBrush())
            self.accounts.blockSignals(blocked)

    # -- showing ---------------------------------------------------------------------------
    def subject(self):
        """What the editor shows: a parcel's row position, or an asset id."""
        return self.position if self.subject_kind == "parcel" else self.asset_id

    def _selection_changed(self, positions: list[int]) -> None:
        self.request_subject(positions[0] if positions else None)

    def request_subject(self, subject) -> bool:
        """Show another parcel (row position) or asset (id), asking first when the form has
        unsaved typing; False when the user cancels (or the save is refused), so the caller
        keeps the current one selected."""
        if subject != self.subject() and self.has_unsaved_changes():
            answer = self.ask_unsaved()
            if answer == "cancel":
                return False  # keep the form (and its typing) on screen
            if answer == "save":
                self.apply_changes()
                if self.error.text():
                    return False  # the core refused the changes: the user must see why
        self.show_subject(subject)
        return True

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the plan shown (typing not yet saved)."""
        if self.plan() is None or self._saved_form is None:
            return False
        return self.form_changes() != self._saved_form

    def ask_unsaved(self) -> str:
        """Ask what to do with unsaved typing: ``"save"``, ``"discard"`` or ``"cancel"``."""
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        code = "ui.plan.unsaved" if self.subject_kind == "parcel" else "ui.plan.unsaved_asset"
        answer = QMessageBox.question(
            self, messages.text("ui.plan.unsaved_title"),
            messages.text(code, plan=self.plan().id), buttons,
            QMessageBox.StandardButton.Save,
        )
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def _refresh(self) -> None:
        if self.subject_kind == "parcel":
            selection = self.project_model.selection
            self.show_parcel(selection[0] if selection else None)
        else:
            self.show_asset(self.asset_id)

    def _project_changed(self) -> None:
        self.asset_id = None
        self._refresh()

    def plan(self):
        """The plan shown, or None."""
        if self.index is None or self.project_model.project is None:
            return None
        plans = self.project_model.project.plans
        return plans[self.index] if self.index < len(plans) else None

    def show_subject(self, subject) -> None:
        """Show the plan of a parcel (row position) or an asset (id), by the editor's kind."""
        if self.subject_kind == "parcel":
            self.show_parcel(subject)
        else:
            self.show_asset(subject)

    def _show_nothing(self, text: str) -> None:
        self.position = self.asset_id = self.index = None
        self._saved_form = None
        self.header.setText(text)
        for w in (self.suggestion, self.create_button, *self._plan_widgets()):
            w.hide()

    def show_parcel(self, position: int | None) -> None:
        """Show the plan of the parcel at ``position`` (or the suggestion when it has none)."""
        pm = self.project_model
        self.error.clear()
        if pm.project is None or position is None or position >= len(pm.parcels):
            self._show_nothing(self.tr("Select a parcel to see or create its plan."))
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
        self._show_suggestion(method, why)

    def show_asset(self, asset_id: str | None) -> None:
        """Show the plan of asset ``asset_id`` (or the suggestion when it has none)."""
        from landplanner.analysis import assets as assets_mod

        pm = self.project_model
        self.error.clear()
        row = pm.asset_row(asset_id) if pm.project is not None and asset_id is not None else None
        if row is None:
            self._show_nothing(messages.text("ui.plan.pick_asset"))
            return
        self.asset_id = str(asset_id)
        self.shown_project = pm.project  # the asset table re-selects it only in this project
        self.index = assets_mod.plan_index_for(pm.plans(), self.asset_id)
        area = row.get("area_m2")
        owner = next((v for v in (row.get("owner"), row.get("village")) if isinstance(v, str)), "")
        self.header.setText(
            f"<b>{self.asset_id}</b>  {row.get('name') or ''}<br>"
            + messages.text("ui.plan.asset_head", kind=assets_mod.kind_label(row.get("kind")),
                            status=assets_mod.status_label(row.get("status")),
                            area="—" if area is None or area != area else f"{float(area):,.0f}",
                            owner=owner or "—"))
        days = assets_mod.AssetSettings.from_dict(pm.project.settings).lease_days
        self._show_suggestion(*assets_mod.suggest_for_asset(row, pm.today, days))

    def _show_suggestion(self, method, why) -> None:
        self._suggested = (method, why)
        label = plan_rules.method_label(method) if method else self.tr("none")
        self.suggestion.setText(self.tr("Suggested method: <b>{0}</b><br>Why: {1}").format(label, why))
        self.suggestion.show()
        plan = self.plan()
        self.create_button.setVisible(plan is None)
        for w in self._plan_widgets():
            w.setVisible(plan is not None)
        if plan is not None:
            self._fill(plan)
        else:
            self._saved_form = None

    def _derived_figures(self, plan) -> dict:
        """The accounts' computed figures of a land plan (``accounts.plan_accounts``: the
        indicators and the parcels), ``{"tax_before": 12.0, …}``; none for an asset plan."""
        if self.subject_kind != "parcel" or not plan.parcel_ids:
            return {}
        from landplanner.analysis import accounts

        pm = self.project_model
        parcels = pm.parcels
        if "parcel_id" in parcels:
            parcels = parcels.loc[parcels["parcel_id"].astype(str).isin(plan.parcel_ids)]
        try:
            table = accounts.plan_accounts([plan], parcels, pm.project.indicators)
        except Exception:  # computed figures are a help; the form works without them
            return {}
        if table.empty:
            return {}
        row = table.iloc[0]
        return {k: float(v) for k, v in row.items()
                if k.endswith(("_before", "_after")) and isinstance(v, (int, float))
                and math.isfinite(float(v))}

    def _fill(self, plan) -> None:
        self._filling = True
        try:
            self._fill_fields(plan)
        finally:
            self._filling = False
        self._saved_form = self.form_changes()

    def _fill_fields(self, plan) -> None:
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
        derived = self._derived_figures(plan)
        grey = QFont()
        grey.setItalic(True)
        for r, (account, key) in enumerate(self._account_rows):
            entered = ((plan.accounts or {}).get(account) or {}).get("figures") or {}
            for c, phase in ((1, "before"), (2, "after")):
                name = f"{key}_{phase}"
                item = QTableWidgetItem()
                if entered.get(name) is not None:
                    item.setText(_num(entered[name]))
                elif name in derived:
                    text = f"{derived[name]:.2f}"
                    item.setText(text)
                    item.setData(DERIVED_ROLE, text)
                    item.setFont(grey)
                    item.setForeground(QBrush(QColor("#78909c")))
                    item.setToolTip(messages.text("ui.plan.derived"))
                self.accounts.setItem(r, c, item)
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
        """Create a plan for the shown parcel or asset with the suggested method."""
        pm = self.project_model
        method, why = self._suggested
        try:
            if self.subject_kind == "asset":
                if self.asset_id is None:
                    return
                from landplanner.analysis import assets as assets_mod

                plan = assets_mod.create_plan(pm.plans(), pm.asset_row(self.asset_id),
                                              current_author(), method, why, pm.today)
            else:
                if self.position is None:
                    return
                plan = plan_rules.create_for_parcel(pm.plans(), pm.parcels.iloc[self.position],
                                                    current_author(), method, why)
        except InputError as error:
            self.error.setText(plain_message(error))
            return
        pm.undo_stack.push(SetPlanCommand(pm, None, plan, self.tr("Create plan")))

    def form_changes(self) -> dict:
        """The form's values as ``plans.update`` keyword arguments (the fields the subject
        kind uses)."""
        milestones = []
        for r in range(self.milestones.rowCount()):
            cells = [(self.milestones.item(r, c).text().strip() if self.milestones.item(r, c) else "") for c in range(3)]
            if any(cells):
                milestones.append({"title": cells[0], "due": cells[1] or None, "done": cells[2] or None})
        values = {
            "method": self.method.currentData(),
            "reason": self.reason.text().strip(),
            "responsible_unit": self.unit.text().strip(),
            "responsible_person": self.person.text().strip(),
            "target_date": self.target.text().strip() or None,
            "mu_to_free": self.mu_to_free.text().strip() or None,
            "expected_tax_after": self.tax_after.text().strip() or None,
            "notes": self.notes.toPlainText().strip(),
            "milestones": milestones,
            "accounts": self._form_accounts(),
        }
        return {k: v for k, v in values.items() if k in SUBJECT_FIELDS[self.subject_kind]}

    def _form_accounts(self) -> dict:
        """``{account: {"text", "figures"}}``: the typed figures (computed ones left out), the
        plan's account text and any figure this form does not show kept as they are."""
        plan = self.plan()
        kept = (plan.accounts or {}) if plan is not None else {}
        shown = {f"{key}_{phase}" for _a, key in self._account_rows for phase in ("before", "after")}
        out = {}
        for account in plan_rules.ACCOUNTS:
            item = kept.get(account) or {}
            figures = {k: v for k, v in (item.get("figures") or {}).items()
                       if k not in shown and v is not None}
            out[account] = {"text": item.get("text") or "", "figures": figures}
        for r, (account, key) in enumerate(self._account_rows):
            for c, phase in ((1, "before"), (2, "after")):
                cell = self.accounts.item(r, c)
                text = cell.text().strip().replace(",", "") if cell is not None else ""
                if text and cell.data(DERIVED_ROLE) != text:
                    out[account]["figures"][f"{key}_{phase}"] = text
        return out

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
