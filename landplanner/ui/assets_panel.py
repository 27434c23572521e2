"""资产清单 in the app: the four asset figures against target (dashboard cards) and the asset
table with lease flags and plans. Every figure comes from ``analysis.assets`` through the
:class:`~landplanner.ui.project_model.ProjectModel`, which is also the only writer (importing
an asset table goes through it)."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages, vocabulary
from landplanner.analysis import assets as assets_mod
from landplanner.export.campaign_sheets import ASSET_COLUMNS
from landplanner.ui.frame_table import FrameModel
from landplanner.ui.plan_editor import current_author

LOG = logging.getLogger("landplanner.ui")

messages.register({
    "ui.assets.title": ("资产盘活", "Asset revitalization"),
    "ui.assets.table": ("资产清单", "Assets"),
    "ui.assets.none": ("项目中还没有资产表。", "The project has no asset table yet."),
    "ui.assets.import": ("导入资产表…", "Import asset table…"),
    "ui.assets.all": ("全部", "all"),
    "ui.assets.leases": ("{n} 项租约 {days} 天内到期或已到期", "{n} lease(s) end within {days} days or have ended"),
    "ui.assets.rate": ("{rate} / 目标 {target}", "{rate} / target {target}"),
    "ui.assets.no_base": ("无可统计资产", "nothing to count"),
    "ui.assets.detail": ("{num} / {den} {unit}（{n} 项）", "{num} / {den} {unit} ({n} assets)"),
    "ui.assets.met": ("达标", "target met"),
    "ui.assets.not_met": ("未达标", "below target"),
    "ui.assets.import_failed": ("资产表无法导入", "The asset table cannot be imported"),
    "ui.assets.plan": ("建立方案", "Create plan"),
    "ui.assets.advance": ("推进状态", "Next status"),
    "ui.assets.plan_failed": ("方案无法修改", "The plan cannot be changed"),
    "ui.assets.evidence": ("销号佐证材料：", "Evidence for closing:"),
})

#: The table's columns: a subset of the 资产清单 sheet's, in the sheet's words and formats.
_SHEET_COLUMNS = {column[0]: column for column in ASSET_COLUMNS}
COLUMNS = [
    _SHEET_COLUMNS[key]
    for key in ("asset_id", "kind_label", "name", "owner", "street", "village", "type_label",
                "area_m2", "status_label", "tenant", "lease_end", "lease_text", "plan_id",
                "plan_status", "responsible_unit")
]


def _pct(value) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else f"{value * 100:.1f}%"


class AssetFigureCard(QFrame):
    """One figure (e.g. 国有资产出租率) against its target; red when below."""

    def __init__(self, code: str, row: dict | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.row = row or {}
        rate, target = self.row.get("rate"), self.row.get("target")
        known = rate is not None and rate == rate
        met = bool(self.row.get("met"))
        self.setObjectName("assetCard")
        border = "#b0bec5" if not known else ("#43a047" if met else "#e53935")
        back = "#ffffff" if not known or met else "#fff5f5"
        self.setStyleSheet(f"#assetCard {{ border: 1px solid {border}; border-radius: 4px; "
                           f"background: {back}; }}")
        title = QLabel(f"<b>{assets_mod.figure_label(code)}</b>", self)
        title.setWordWrap(True)
        headline = QLabel(messages.text("ui.assets.rate", rate=_pct(rate), target=_pct(target))
                          if known else messages.text("ui.assets.no_base"), self)
        headline.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(min(1.0, rate) * 1000) if known else 0)
        self.bar.setFormat(_pct(rate) if known else "—")
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)  # the headline beside it says the rate; in a 14 px bar
        # the text was clipped and ran over the bar's edge
        self.bar.setStyleSheet("QProgressBar::chunk { background: %s; }"
                               % ("#43a047" if met else "#e53935"))
        unit = "m²" if self.row.get("basis", "area") == "area" else ""
        detail = QLabel(messages.text(
            "ui.assets.detail", num=f"{self.row.get('numerator', 0):,.0f}",
            den=f"{self.row.get('denominator', 0):,.0f}", unit=unit, n=self.row.get("assets", 0))
            + ("  " + messages.text("ui.assets.met" if met else "ui.assets.not_met") if known else ""),
            self)
        detail.setWordWrap(True)
        if known and not met:
            detail.setStyleSheet("color:#c62828")
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 5, 8, 5)
        grid.setVerticalSpacing(2)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(self.bar, 1, 0)
        grid.addWidget(headline, 1, 1)
        grid.addWidget(detail, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)


class AssetFigures(QWidget):
    """The dashboard cards: the four asset figures of the district against target."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.cards: list[AssetFigureCard] = []
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addWidget(self.message)
        for signal in (project_model.projectChanged, project_model.plansChanged,
                       project_model.assetsChanged):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Ask the model (the core) for the figures and rebuild the cards."""
        for card in self.cards:
            self.box.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        try:
            figures = self.project_model.asset_figures() if self.project_model.project else {}
        except Exception as error:  # show why instead of empty cards
            LOG.exception("asset figures failed")
            self.message.setText(str(error))
            return
        if not figures:
            self.message.setText(messages.text("ui.assets.none"))
            self.message.show()
            return
        self.message.hide()
        for code in assets_mod.FIGURES:
            card = AssetFigureCard(code, figures.get(code), self)
            self.box.addWidget(card)
            self.cards.append(card)
        self.box.addStretch(0)

    def card(self, code: str) -> AssetFigureCard | None:
        """The card of a figure code."""
        return next((c for c in self.cards if c.code == code), None)


class AssetsTable(QWidget):
    """The asset list: a kind filter, the table, and an import button. Clicking a located
    asset asks the window to show it (``assetActivated(asset_id)``)."""

    assetActivated = Signal(str)

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.kind = QComboBox(self)
        self.kind.addItem(messages.text("ui.assets.all"), None)
        for code in assets_mod.KINDS:
            self.kind.addItem(assets_mod.kind_label(code), code)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.leases = QLabel(self)
        self.import_button = QPushButton(messages.text("ui.assets.import"), self)
        self.import_button.clicked.connect(self.import_dialog)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.leases, 1)
        self.plan_button = QPushButton(messages.text("ui.assets.plan"), self)
        self.plan_button.clicked.connect(lambda: self.create_plan())
        self.advance_button = QPushButton(messages.text("ui.assets.advance"), self)
        self.advance_button.clicked.connect(lambda: self.advance_plan())
        top.addWidget(self.plan_button)
        top.addWidget(self.advance_button)
        top.addWidget(self.import_button)
        self.model = FrameModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.clicked.connect(self._clicked)
        #: The asset plan editor the selection drives (set by the window); it may refuse a
        #: change of asset while its form has unsaved typing.
        self.editor = None
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        for signal in (project_model.projectChanged, project_model.plansChanged,
                       project_model.assetsChanged):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Reload the rows from the model."""
        view = self.project_model.asset_view() if self.project_model.project else None
        lang = messages.language()
        columns = [(k, en if lang == "en" else zh, kind) for k, zh, en, kind in COLUMNS]
        if view is not None and self.kind.currentData():
            view = view[view["kind"] == self.kind.currentData()]
        self.model.set_frame(view, columns, self._colour)
        self.view.resizeColumnsToContents()
        shown = self.editor.asset_id if self.editor is not None else None
        if shown is not None and getattr(self.editor, "shown_project", None) \
                is self.project_model.project:  # keep the edited asset selected after a reload
            self.select_asset(shown, notify=False)
        flagged = 0 if view is None else int(view["lease_flag"].notna().sum())
        days = assets_mod.AssetSettings.from_dict(
            self.project_model.project.settings if self.project_model.project else {}).lease_days
        self.leases.setText(messages.text("ui.assets.leases", n=flagged, days=days) if flagged else "")
        self.leases.setStyleSheet("color:#c62828")

    @staticmethod
    def _colour(row, key: str) -> str | None:
        if key in ("lease_text", "lease_end") and isinstance(row.get("lease_flag"), str):
            return "#c62828"
        if key == "status_label" and row.get("status") == "idle":
            return "#e65100"
        if key == "plan_status" and bool(row.get("plan_overdue")):
            return "#c62828"
        return None

    def row_of(self, asset_id: str) -> int | None:
        """The table row showing ``asset_id`` (None when filtered out or unknown)."""
        frame = self.model.frame
        if frame is None or "asset_id" not in frame:
            return None
        hits = (frame["asset_id"].astype(str) == str(asset_id)).to_numpy().nonzero()[0]
        return int(hits[0]) if len(hits) else None

    def select_asset(self, asset_id: str, notify: bool = True) -> bool:
        """Make ``asset_id`` the current row (and, with ``notify``, show it in the editor);
        False when the row is not shown or the editor keeps the current asset."""
        row = self.row_of(asset_id)
        if row is None:
            return False
        selection = self.view.selectionModel()
        blocked = selection.blockSignals(not notify)
        self.view.setCurrentIndex(self.model.index(row, 0))
        selection.blockSignals(blocked)
        return self.current_asset() == str(asset_id)

    def _row_changed(self, current, previous) -> None:
        """Show the newly chosen asset in the plan editor; when the editor keeps its asset
        (unsaved typing, the user cancelled), the previous row stays selected."""
        if self.editor is None or not current.isValid():
            return
        asset_id = str(self.model.row(current.row())["asset_id"])
        if self.editor.request_subject(asset_id):
            return
        selection = self.view.selectionModel()
        blocked = selection.blockSignals(True)
        if previous.isValid():
            self.view.setCurrentIndex(previous)
        else:
            selection.clearCurrentIndex()
        selection.blockSignals(blocked)

    def _clicked(self, index) -> None:
        asset_id = str(self.model.row(index.row())["asset_id"])
        if self.current_asset() == asset_id:  # not when the editor kept another asset
            self.assetActivated.emit(asset_id)

    def current_asset(self) -> str | None:
        """The asset id of the selected row."""
        index = self.view.currentIndex()
        return str(self.model.row(index.row())["asset_id"]) if index.isValid() else None

    def create_plan(self, asset_id: str | None = None):
        """A plan for an asset without one (``assets.create_plan``: the suggested method, the
        owner as responsible unit), pushed on the undo stack; returns it (None when the asset
        already has a plan)."""
        from landplanner.ui.undo_commands import SetPlanCommand

        pm = self.project_model
        asset_id = asset_id or self.current_asset()
        if asset_id is None or assets_mod.plan_index_for(pm.plans(), asset_id) is not None:
            return None
        row = pm.asset_row(asset_id)
        if row is None:
            return None
        plan = assets_mod.create_plan(pm.plans(), row, current_author(),
                                      today=pm.today)
        pm.undo_stack.push(SetPlanCommand(pm, None, plan, messages.text("ui.assets.plan")))
        return plan

    def advance_plan(self, asset_id: str | None = None, evidence: str | None = None):
        """Move the asset's plan one status forward (销号 asks for the evidence); returns it."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from landplanner.analysis import plans as plans_mod
        from landplanner.problems import InputError
        from landplanner.ui.undo_commands import SetPlanCommand

        pm = self.project_model
        asset_id = asset_id or self.current_asset()
        index = assets_mod.plan_index_for(pm.plans(), asset_id) if asset_id else None
        if index is None:
            return None
        plan = pm.plans()[index]
        order = plans_mod.STATUS_ORDER
        if plan.status == order[-1]:
            return plan
        new = order[order.index(plan.status) + 1]
        changes = {"status": new}
        if new == "closed":
            if evidence is None:
                evidence, ok = QInputDialog.getText(self, messages.text("ui.assets.advance"),
                                                    messages.text("ui.assets.evidence"))
                if not ok:
                    return plan
            changes.update(closed_date=pm.today, evidence=evidence)
        try:
            updated = plans_mod.update(plan, current_author(), **changes)
        except InputError as error:
            QMessageBox.warning(self, messages.text("ui.assets.plan_failed"), error.problem.message)
            return plan
        pm.undo_stack.push(SetPlanCommand(pm, index, updated, messages.text("ui.assets.advance")))
        return updated

    def import_dialog(self) -> None:
        """Ask for an asset table and add it through the model."""
        path, _ = QFileDialog.getOpenFileName(self, messages.text("ui.assets.import"), "",
                                              "*.xlsx *.xlsm *.csv")
        if path:
            self.import_path(path)

    def import_path(self, path: str, kind: str | None = None) -> list:
        """Read an asset table (analysis.assets) and add it through the model; returns the
        problems found. Errors are shown in a message box."""
        from PySide6.QtWidgets import QMessageBox

        from landplanner.problems import InputError

        try:
            table, problems = assets_mod.read_asset_table(path, kind)
        except InputError as error:
            lines = [p.message for p in error.problems if p.severity == "error"][:15] \
                or [error.problem.message]
            QMessageBox.warning(self, messages.text("ui.assets.import_failed"), "\n".join(lines))
            return list(error.problems)
        self.project_model.add_asset_table(table)
        return problems


messages.register({
    "ui.accounts.none": ("暂无方案。", "No plans yet."),
})  # (the 三本账 dock's title, ui.accounts.title, is the campaign wiring's)


class AccountTotals(QWidget):
    """三本账 totals per park and the district (analysis.accounts.totals), before → after."""

    KEYS = ("tax", "sales", "tax_per_mu", "land_mu", "floor_m2", "plot_ratio", "energy",
            "emissions", "energy_per_wan")

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.model = FrameModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        for signal in (project_model.projectChanged, project_model.plansChanged):
            signal.connect(self._changed)
        self.refresh()

    def _changed(self) -> None:
        # A big project just opened: after the map's first paint (ui.first_paint).
        self.project_model.later("account_totals", self.refresh,
                                 lambda: self.model.set_frame(None, []))

    def table(self):
        """The totals the view shows (None without a project)."""
        from landplanner.analysis import accounts
        from landplanner.analysis.quota import DISTRICT

        p = self.project_model.project
        if p is None:
            return None
        totals = accounts.dashboard_totals(p.plans, p.parcels, p.indicators)
        totals["park"] = totals["park"].where(totals["park"] != DISTRICT,
                                              vocabulary.label("quota", "district"))
        return totals

    def refresh(self) -> None:
        """Recompute through the core and redisplay."""
        from landplanner.analysis import accounts

        lang = messages.language()
        columns = [("park", "园区" if lang != "en" else "Park", "text"),
                   ("plans", "方案数" if lang != "en" else "Plans", "int")]
        for key in self.KEYS:
            kind = "mu" if key == "land_mu" else "ratio" if key in ("plot_ratio", "energy_per_wan") \
                else "money"
            for phase in accounts.PHASES:
                columns.append((f"{key}_{phase}", accounts.figure_label(key, phase, lang), kind))
        self.model.set_frame(self.table(), columns)
        self.view.resizeColumnsToContents()
