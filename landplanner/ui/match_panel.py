"""地等项目 in the app: the incoming projects, the ranked candidate land of the one chosen,
and the candidates highlighted on the map (the parcels selected through the model, each
candidate's rank drawn as a numbered marker). Matching is ``analysis.matching``, run by the
:class:`~landplanner.ui.project_model.ProjectModel`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages, vocabulary
from landplanner.analysis import matching
from landplanner.problems import InputError
from landplanner.ui.frame_table import FrameModel

messages.register({
    "ui.match.title": ("地等项目", "Land for projects"),
    "ui.match.import": ("导入拟引进项目…", "Import incoming projects…"),
    "ui.match.run": ("匹配土地", "Match land"),
    "ui.match.none": ("没有拟引进项目，请先导入项目表。", "No incoming projects: import a project table."),
    "ui.match.not_run": ("已导入 {n} 个拟引进项目：点击“匹配土地”为它们查找候选地块。",
                         "{n} incoming projects imported: click “Match land” to find their candidates."),
    "ui.match.item": ("{name}  ·  {low:g}–{high:g} {unit}  ·  {park}",
                      "{name}  ·  {low:g}–{high:g} {unit}  ·  {park}"),
    "ui.match.empty": ("没有找到合适的土地。", "No suitable land found."),
    "ui.match.summary": ("{project}：{n} 个候选（需求 {low:g}–{high:g} 亩）",
                         "{project}: {n} candidate(s) ({low:g}–{high:g} mu needed)"),
    "ui.match.failed": ("项目表无法导入", "The project table cannot be imported"),
})

#: The table's columns (narrow: the panel is a side dock, the figures first); the chosen
#: candidate's reasons are shown in full under the table.
COLUMNS = [
    ("rank", "顺位", "Rank", "int"),
    ("candidate", "候选", "Candidate", "text"),
    ("area_mu", "面积（亩）", "Area (mu)", "mu"),
    ("current_tax_per_mu", "现状亩均税收", "Tax per mu now", "money"),
    ("score", "得分", "Score", "ratio"),
    ("state_label", "土地状态", "Land state", "text"),
    ("kind_label", "类型", "Kind", "text"),
    ("park", "园区", "Park", "text"),
]
COLOURS = ("#d62728", "#ff7f0e", "#9467bd", "#17becf", "#8c564b")


class MatchPanel(QWidget):
    """Projects on top, their candidates below; choosing one highlights it on the map."""

    candidatesShown = Signal(list)  # row positions of every candidate parcel of the project

    def __init__(self, project_model, map_canvas=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.map = map_canvas
        self.import_button = QPushButton(messages.text("ui.match.import"), self)
        self.import_button.clicked.connect(self.import_dialog)
        self.run_button = QPushButton(messages.text("ui.match.run"), self)
        self.run_button.clicked.connect(self.run)
        self.projects = QListWidget(self)
        self.projects.currentRowChanged.connect(self.show_project)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = FrameModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.model.missing = "—"  # e.g. land without a holder has no 亩均税收 (not 0.00)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.clicked.connect(self._candidate_clicked)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("matchReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("background:#f5f5f5; padding:4px; border-radius:3px")
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.projects, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.reasons)
        project_model.projectChanged.connect(self.refresh)
        project_model.matchChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Reload the project list and the chosen project's candidates."""
        p = self.project_model.project
        incoming = getattr(p, "incoming", None) if p is not None else None
        self.projects.blockSignals(True)
        row = max(self.projects.currentRow(), 0)
        self.projects.clear()
        if incoming is not None and len(incoming):
            for item in incoming.itertuples():
                park = item.park if isinstance(item.park, str) else "—"
                self.projects.addItem(messages.text("ui.match.item", name=item.name, low=item.mu_min,
                                                    high=item.mu_max, park=park,
                                                    unit=vocabulary.unit("field", "area_mu")))
        self.projects.blockSignals(False)
        if self.projects.count():
            self.projects.setCurrentRow(min(row, self.projects.count() - 1))
            self.show_project(self.projects.currentRow())
        else:
            self.summary.setText(messages.text("ui.match.none"))
            self.model.set_frame(None, [])
            self.show_reasons(None)
            self._mark([])

    def run(self) -> None:
        """Match every incoming project (through the model)."""
        self.project_model.run_match()

    def result(self):
        """The model's matching result (None before a run)."""
        return self.project_model.match_result

    def show_project(self, row: int) -> None:
        """Show the candidates of project ``row`` and highlight them on the map."""
        p = self.project_model.project
        result = self.result()
        if p is None or row < 0 or result is None:
            self.model.set_frame(None, [])
            self.show_reasons(None)
            self._mark([])
            if p is not None and result is None and self.projects.count():
                self.summary.setText(messages.text("ui.match.not_run", n=self.projects.count()))
            return
        project = p.incoming.iloc[row]
        rows = result[result["project"] == project["name"]].copy()
        rows["kind_label"] = rows["kind"].map(matching.kind_label)
        rows["state_label"] = rows["state"].map(matching.state_label)
        lang = messages.language()
        columns = [(k, en if lang == "en" else zh, kind) for k, zh, en, kind in COLUMNS]
        self.model.set_frame(rows, columns)
        self.view.resizeColumnsToContents()
        self.show_reasons(0 if len(rows) else None)
        self.summary.setText(messages.text("ui.match.summary", project=project["name"], n=len(rows),
                                           low=float(project["mu_min"]), high=float(project["mu_max"]))
                             if len(rows) else messages.text("ui.match.empty"))
        self._mark(rows.to_dict("records"))

    def _mark(self, rows: list[dict]) -> None:
        positions: list[int] = []
        markers = []
        parcels = self.project_model.parcels
        for r in rows:
            pos = self.project_model.positions_of(r["parcel_ids"])
            positions += pos
            if pos and parcels is not None:
                # on the candidate's top edge: its label (at the centre) stays readable
                shape = parcels.geometry.iloc[pos].union_all()
                centre = shape.representative_point()
                markers.append((centre.x, shape.bounds[3], COLOURS[(r["rank"] - 1) % len(COLOURS)],
                                str(r["rank"])))
        if self.map is not None:
            self.map.setMarkers("match", markers)
        # no candidates: clear only the selection this panel made, never the user's own
        # (the panel may be built after the user chose parcels: main_docks' deferred panels)
        if positions or self.project_model.selection == getattr(self, "_marked", []):
            self.project_model.set_selection(positions)
        self._marked = positions
        self.candidatesShown.emit(positions)

    def show_reasons(self, row: int | None) -> None:
        """The candidate's reasons in words (analysis.matching), under the table."""
        if row is None or row >= self.model.rowCount():
            self.reasons.clear()
            self.reasons.hide()
            return
        r = self.model.row(row)
        self.reasons.setText(f"<b>{int(r['rank'])}. {r['candidate']}</b>：{r['reasons']}")
        self.reasons.show()

    def _candidate_clicked(self, index) -> None:
        self.show_reasons(index.row())
        row = self.model.row(index.row())
        positions = self.project_model.positions_of(row["parcel_ids"])
        if positions:
            self.project_model.set_selection(positions)
            if self.map is not None:
                # the candidate with its neighbourhood (roads, neighbours, the park edge)
                shape = self.project_model.parcels.geometry.iloc[positions].union_all()
                x0, y0, x1, y1 = shape.buffer(250).bounds
                self.map.zoomToExtent(x0, y0, x1, y1)

    def import_dialog(self) -> None:
        """Ask for an incoming-project table."""
        path, _ = QFileDialog.getOpenFileName(self, messages.text("ui.match.import"), "",
                                              "*.xlsx *.xlsm *.csv")
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> list:
        """Read the table (analysis.matching) and keep it in the project through the model."""
        p = self.project_model.project
        names = [x.get("name") for x in ((p.settings or {}).get("quotas") or {}).get("parks", [])]
        try:
            table, problems = matching.read_projects(path, [n for n in names if n])
        except InputError as error:
            lines = [x.message for x in error.problems if x.severity == "error"][:15] \
                or [error.problem.message]
            QMessageBox.warning(self, messages.text("ui.match.failed"), "\n".join(lines))
            return list(error.problems)
        self.project_model.set_incoming(table)
        return problems
