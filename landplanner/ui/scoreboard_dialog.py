"""季度大比武 in the app: the frozen snapshots listed by date, the ranking of parks and units
of the one chosen (or the live, unfrozen table of a quarter), and a button that freezes a
quarter through the :class:`~landplanner.ui.project_model.ProjectModel`. A frozen snapshot
is a record: it is shown as stored, never recomputed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.analysis import scoreboard
from landplanner.problems import InputError
from landplanner.ui.frame_table import FrameModel

messages.register({
    "ui.board.title": ("季度大比武", "Quarterly scoreboard"),
    "ui.board.freeze": ("冻结本季度成绩", "Freeze this quarter"),
    "ui.board.live": ("{quarter}（未冻结，实时计算）", "{quarter} (not frozen, computed now)"),
    "ui.board.frozen": ("{quarter}：{frozen_at} 冻结，截至 {as_of}", "{quarter}: frozen {frozen_at}, as of {as_of}"),
    "ui.board.snapshots": ("已冻结的季度", "Frozen quarters"),
    "ui.board.quarter": ("季度", "Quarter"),
    "ui.board.confirm": ("冻结 {quarter} 的成绩？冻结后不再随数据变化。",
                         "Freeze {quarter}? A frozen result no longer follows later edits."),
    "ui.board.parks": ("园区排名", "Parks"),
    "ui.board.units": ("责任单位排名", "Responsible units"),
    "ui.board.rule": ("“—”：该项不适用（如只有资产方案的单位没有腾地亩数），不计入得分，"
                      "其余各项权重按比例放大到满分",
                      "“—”: the item does not apply (e.g. a unit with only asset plans frees no "
                      "land); it is left out and the other weights are scaled up to the full "
                      "weight"),
    "ui.board.rule_old": ("此成绩冻结于“不适用项不计分”规则之前：当时不适用的项按 0 分计（冻结记录不重算）",
                          "This result was frozen before the rule for items that do not apply: "
                          "they scored 0 then (a frozen record is not recomputed)"),
})

COLUMNS = [
    ("rank", "名次", "Rank", "int"),
    ("name", "名称", "Name", "text"),
    ("change_label", "较上季度", "vs last quarter", "text"),
    ("points", "得分", "Points", "ratio"),
    ("quarter_mu", "本季度销号（亩）", "This quarter (mu)", "mu"),
    ("ytd_mu", "累计销号（亩）", "This year (mu)", "mu"),
    ("target_mu", "目标（亩）", "Target (mu)", "mu"),
    ("ytd_percent", "完成率", "Of target", "percent"),
    ("pace", "时序进度比", "Pace", "ratio"),
    ("plans_started", "已启动", "Started", "int"),
    ("plans_overdue", "逾期", "Overdue", "int"),
    ("asset_rate", "资产出租率", "Asset letting", "percent"),
    ("counted_weight", "计分项权重", "Weight counted", "value"),
]


class ScoreboardDialog(QDialog):
    """Snapshots by date on the left; the parks' and units' ranking on the right."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.setWindowTitle(messages.text("ui.board.title"))
        # every column without a horizontal scroll bar where the screen allows
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(min(1300, screen.width() - 40) if screen else 1050,
                    min(680, screen.height() - 60) if screen else 620)
        self.quarter = QComboBox(self)
        year = int((project_model.project.settings or {}).get("year") or project_model.today.year) \
            if project_model.project else project_model.today.year
        for q in range(1, 5):
            self.quarter.addItem(scoreboard.quarter_name(year, q))
        current = scoreboard.last_complete_quarter(project_model.today)
        if self.quarter.findText(current) >= 0:
            self.quarter.setCurrentText(current)
        self.quarter.currentTextChanged.connect(self._quarter_chosen)
        self.freeze_button = QPushButton(messages.text("ui.board.freeze"), self)
        self.freeze_button.clicked.connect(self.freeze)
        self.snapshots = QListWidget(self)
        self.snapshots.currentItemChanged.connect(self._snapshot_chosen)
        self.heading = QLabel(self)
        self.park_model, self.unit_model = FrameModel(self), FrameModel(self)
        self.park_view, self.unit_view = QTableView(self), QTableView(self)
        for view, model in ((self.park_view, self.park_model), (self.unit_view, self.unit_model)):
            view.setModel(model)
            model.missing = "—"  # an item that does not apply (the scoreboard's fair rule)
            view.setAlternatingRowColors(True)
            view.verticalHeader().hide()
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(messages.text("ui.board.snapshots")))
        lv.addWidget(self.snapshots, 1)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.heading)
        rv.addWidget(QLabel(messages.text("ui.board.parks")))
        rv.addWidget(self.park_view, 1)
        rv.addWidget(QLabel(messages.text("ui.board.units")))
        rv.addWidget(self.unit_view, 2)
        self.rule = QLabel(messages.text("ui.board.rule"), self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color:#607d8b")
        rv.addWidget(self.rule)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([170, max(850, self.width() - 190)])
        top = QHBoxLayout()
        top.addWidget(QLabel(messages.text("ui.board.quarter")))
        top.addWidget(self.quarter)
        top.addWidget(self.freeze_button)
        top.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        project_model.snapshotsChanged.connect(self._fill_snapshots)
        self._fill_snapshots()
        self._quarter_chosen(self.quarter.currentText())

    def _fill_snapshots(self) -> None:
        self.snapshots.blockSignals(True)
        self.snapshots.clear()
        for item in scoreboard.listing(self.project_model.snapshots()):
            row = QListWidgetItem(f"{item['quarter']}  ·  {str(item['frozen_at'])[:10]}")
            row.setData(256, item["quarter"])
            self.snapshots.addItem(row)
        self.snapshots.blockSignals(False)

    def _quarter_chosen(self, quarter: str) -> None:
        for i in range(self.snapshots.count()):
            if self.snapshots.item(i).data(256) == quarter:
                self.snapshots.setCurrentRow(i)
                return
        self.snapshots.setCurrentRow(-1)
        self.show_quarter(quarter)

    def _snapshot_chosen(self, item, _previous=None) -> None:
        if item is not None:
            quarter = item.data(256)
            self.quarter.blockSignals(True)
            self.quarter.setCurrentText(quarter)
            self.quarter.blockSignals(False)
            self.show_quarter(quarter)

    def show_quarter(self, quarter: str) -> None:
        """Show the frozen snapshot of ``quarter``, or its live table when not frozen."""
        record = scoreboard.find(self.project_model.snapshots(), quarter)
        frozen = record is not None
        if frozen:
            self.heading.setText(messages.text("ui.board.frozen", quarter=quarter,
                                               frozen_at=str(record["frozen_at"])[:16].replace("T", " "),
                                               as_of=record["as_of"]))
            park, unit = scoreboard.frame(record, "park"), scoreboard.frame(record, "unit")
        else:
            p = self.project_model.project
            tables = scoreboard.compute(p.parcels, p.plans, p.settings, quarter,
                                        self.project_model.assets(), getattr(p, "parks", None))
            park, unit = tables["park"], tables["unit"]
            self.heading.setText(messages.text("ui.board.live", quarter=quarter))
        self.freeze_button.setEnabled(not frozen)
        old_rule = frozen and any("counted_weight" not in r
                                  for level in scoreboard.LEVELS for r in record.get(level) or [])
        self.rule.setText(messages.text("ui.board.rule_old" if old_rule else "ui.board.rule"))
        lang = messages.language()
        columns = [(k, en if lang == "en" else zh, kind) for k, zh, en, kind in COLUMNS]
        for model, view, table in ((self.park_model, self.park_view, park),
                                   (self.unit_model, self.unit_view, unit)):
            table = table.copy()
            table["change_label"] = [scoreboard.change_text(c) if frozen else ""
                                     for c in table.get("change", [None] * len(table))]
            model.set_frame(table, columns, self._colour)
            view.resizeColumnsToContents()

    @staticmethod
    def _colour(row, key: str) -> str | None:
        if key != "change_label":
            return None
        text = str(row.get("change_label") or "")
        return "#2e7d32" if text.startswith("↑") else "#c62828" if text.startswith("↓") else None

    def freeze(self, confirm: bool = True) -> dict | None:
        """Freeze the chosen quarter through the model (after asking)."""
        quarter = self.quarter.currentText()
        if confirm and QMessageBox.question(
                self, messages.text("ui.board.title"),
                messages.text("ui.board.confirm", quarter=quarter)) != QMessageBox.StandardButton.Yes:
            return None
        try:
            record = self.project_model.freeze_quarter(quarter)
        except InputError as error:
            QMessageBox.warning(self, messages.text("ui.board.title"), error.problem.message)
            return None
        self._quarter_chosen(quarter)
        return record
