"""亩均论英雄 scoring panel: preset or hand-edited weights, benchmarks and bands; re-score in
a worker; class distribution and the selected firm's points (``analysis.scoring``)."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.analysis import scoring_config
from landplanner.services import scoring as scoring_service
from landplanner.services.progress import is_cancelled
from landplanner.ui.charts import ChartCanvas
from landplanner.ui.error_log import plain_message, report_error
from landplanner.ui.workers import run_task

LOG = logging.getLogger("landplanner.ui")
def _class_colors() -> dict[str, str]:
    from landplanner.ui.styles import class_colors

    return class_colors()


#: The map's class colours (one source: ``styles.class_colors``).
CLASS_COLORS = _class_colors()


class ScoringPanel(QWidget):
    """Edit the scoring rules of the project and see the result."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.config = None
        self._filling = False
        self._form_edited = False  # the user changed the rules: a result saves them too
        self._task = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.rescore)
        self._build()
        project_model.projectChanged.connect(self._project_changed)
        project_model.indicatorsChanged.connect(self._indicators_changed)
        project_model.scoresChanged.connect(self._draw)
        project_model.selectionChanged.connect(self._selection_changed)
        self._project_changed()

    def _build(self) -> None:
        self.preset = QComboBox(self)
        for name in scoring_config.preset_names():
            try:
                label = scoring_config.load_preset(name).label()
            except Exception:  # a broken preset file still shows by name
                label = name
            self.preset.addItem(label, name)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.method = QComboBox(self)
        self.method.addItem(self.tr("Value ÷ benchmark × weight"), "benchmark")
        self.method.addItem(self.tr("Min–max within the group (20–100 %)"), "minmax")
        self.method.currentIndexChanged.connect(self._edited)
        self.year = QComboBox(self)
        self.year.currentIndexChanged.connect(self._edited)
        top = QFormLayout()
        top.addRow(self.tr("Preset:"), self.preset)
        top.addRow(self.tr("Method:"), self.method)
        top.addRow(self.tr("Year:"), self.year)

        self.indicators = QTableWidget(0, 3, self)
        self.indicators.setObjectName("indicatorTable")
        self.indicators.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Weight"), self.tr("Benchmark")])
        self.indicators.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.indicators.verticalHeader().hide()
        self.indicators.itemChanged.connect(self._edited)
        self.indicators.setMinimumHeight(150)
        self.bands = QTableWidget(0, 2, self)
        self.bands.setObjectName("bandTable")
        self.bands.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Up to rank percentile (%)")])
        self.bands.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.bands.verticalHeader().hide()
        self.bands.itemChanged.connect(self._edited)
        self.bands.setMaximumHeight(150)
        self.rescore_button = QPushButton(self.tr("Re-score"), self)
        self.rescore_button.clicked.connect(self.rescore)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.basis = QLabel(self)
        self.basis.setObjectName("benchmarkBasis")
        self.basis.setWordWrap(True)
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.distribution = ChartCanvas(self, 3.0, 1.7)
        self.firm_title = QLabel(self)
        self.firm_chart = ChartCanvas(self, 3.0, 1.9)

        rules = QGroupBox(self.tr("Rules"), self)
        rules_layout = QVBoxLayout(rules)
        rules_layout.addLayout(top)
        rules_layout.addWidget(QLabel(self.tr("Indicators (empty benchmark = from the data)")))
        rules_layout.addWidget(self.indicators)
        rules_layout.addWidget(QLabel(self.tr("Class bands by rank within the group")))
        rules_layout.addWidget(self.bands)
        row = QHBoxLayout()
        row.addWidget(self.rescore_button)
        row.addWidget(self.status, 1)
        rules_layout.addLayout(row)
        result = QGroupBox(self.tr("Result"), self)
        result_layout = QVBoxLayout(result)
        result_layout.addWidget(QLabel(self.tr("Enterprises per class")))
        result_layout.addWidget(self.distribution)
        result_layout.addWidget(QLabel(self.tr("Benchmarks")))
        result_layout.addWidget(self.basis)
        result_layout.addWidget(self.firm_title)
        result_layout.addWidget(self.firm_chart)

        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(rules)
        layout.addWidget(result)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- config <-> form -------------------------------------------------------------------
    def _project_changed(self) -> None:
        pm = self.project_model
        config = None
        try:
            config = scoring_service.project_config(pm.project)
        except Exception as error:  # a bad saved config must not stop the app
            LOG.warning("scoring config not usable: %s", error)
            config = scoring_config.load_preset(scoring_config.DEFAULT_PRESET)
        self._filling = True
        self.year.clear()   # a new project starts on its newest year
        self.refresh_years()
        if config is not None:
            i = self.preset.findData(config.name)
            if i >= 0:
                self.preset.setCurrentIndex(i)
        self._filling = False
        self.set_config(config)
        self._draw()
        # A project that carries indicators opens with its classes shown, as it was saved.
        indicators = getattr(pm.project, "indicators", None)
        if indicators is not None and len(indicators) and self.config is not None:
            self.rescore()

    def refresh_years(self) -> None:
        """List the years of the project's indicator table, newest first.

        The choice stays on the year it was on, unless that was the newest and a newer year
        came in (a 2026 table after 2025): then the newest is chosen.
        """
        current = self.year.currentData()
        was_newest = self.year.currentIndex() == 0
        filling, self._filling = self._filling, True
        self.year.clear()
        for y in self.project_model.indicator_years():
            self.year.addItem(str(y), y)
        if current is not None and self.year.findData(current) >= 0 and not was_newest:
            self.year.setCurrentIndex(self.year.findData(current))
        self._filling = filling

    def _indicators_changed(self) -> None:
        self.refresh_years()
        self.rescore()

    def _preset_chosen(self) -> None:
        if self._filling:
            return
        self.set_config(scoring_config.load_preset(self.preset.currentData()))
        self._edited()

    def set_config(self, config) -> None:
        """Show ``config`` (a ``ScoringConfig``) in the form."""
        self.config = config
        self._form_edited = False
        self._filling = True
        try:
            self.indicators.setRowCount(0)
            self.bands.setRowCount(0)
            if config is None:
                return
            self.method.setCurrentIndex(max(0, self.method.findData(config.method)))
            en = messages.language() == "en"
            for spec in config.indicators:
                r = self.indicators.rowCount()
                self.indicators.insertRow(r)
                label = QTableWidgetItem(f"{spec.label_en if en else spec.label_zh} ({spec.unit})")
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.indicators.setItem(r, 0, label)
                self.indicators.setItem(r, 1, QTableWidgetItem(f"{spec.weight:g}"))
                self.indicators.setItem(r, 2, QTableWidgetItem("" if spec.benchmark is None else f"{spec.benchmark:g}"))
            for band in config.bands:
                r = self.bands.rowCount()
                self.bands.insertRow(r)
                name = QTableWidgetItem(f"{band.cls} {band.label_en if en else band.label_zh}")
                name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.bands.setItem(r, 0, name)
                self.bands.setItem(r, 1, QTableWidgetItem(f"{band.max_percentile * 100:g}"))
        finally:
            self._filling = False

    def form_config(self):
        """The config the form describes (``ValueError`` on a non-number)."""
        config = self.config
        specs = []
        for r, spec in enumerate(config.indicators):
            weight = float(self.indicators.item(r, 1).text())
            bench_text = self.indicators.item(r, 2).text().strip()
            specs.append(dataclasses.replace(spec, weight=weight, benchmark=float(bench_text) if bench_text else None))
        bands = [
            dataclasses.replace(b, max_percentile=float(self.bands.item(r, 1).text()) / 100.0)
            for r, b in enumerate(config.bands)
        ]
        new = dataclasses.replace(config, indicators=specs, bands=bands, method=self.method.currentData())
        new.validate()
        return new

    def _edited(self, *_args) -> None:
        if not self._filling:
            self._form_edited = True
            self._debounce.start()

    # -- scoring ---------------------------------------------------------------------------
    def rescore(self) -> None:
        """Score the project's enterprises with the form's rules (in a worker)."""
        pm = self.project_model
        if pm.project is None or self.config is None:
            return
        indicators = getattr(pm.project, "indicators", None)
        if indicators is None or not len(indicators):
            self.status.setText(self.tr("Import enterprise indicators first (File → Import enterprise indicators)."))
            return
        if self.year.count() == 0:
            self.refresh_years()
        edited = self._form_edited
        try:
            # Unedited, the form shows the project's own rules: score with them as they are
            # (the form rounds numbers for display).
            config = self.form_config() if edited else self.config
        except (ValueError, AttributeError) as error:
            self.status.setText(plain_message(error) if not isinstance(error, ValueError) else self.tr("Enter numbers for weights, benchmarks and bands."))
            return
        except Exception as error:
            self.status.setText(plain_message(error))
            return
        self.status.setText(self.tr("Scoring…"))
        self.config = config
        if self._task is not None:
            self._task.cancel()   # a newer request replaces a running one
        project = pm.project
        this: dict = {}

        def current() -> bool:   # not replaced by a newer request or another project
            return this.get("task") is self._task and pm.project is project

        def done(result) -> None:
            if not current():
                return
            if edited:  # new rules are an edit; the scores themselves are derived data
                pm.set_scoring_config(config.to_dict())
            pm.set_scores(result)
            self.status.setText(self.tr("{0} enterprises scored").format(len(result.scores)))

        def failed(error) -> None:
            if not current():
                return
            if is_cancelled(error):
                self.status.setText(self.tr("Scoring cancelled."))
                return
            self.status.setText(plain_message(error))
            report_error(self, self.tr("Scoring failed"), error)

        self._task = this["task"] = run_task(self, self.tr("Scoring enterprises…"), scoring_service.score_project,
                              pm.scoring_snapshot(), config, self.year.currentData(),
                              on_done=done, on_error=failed)

    def _draw(self) -> None:
        chart = self.distribution
        chart.clear()
        scores = self.project_model.scores
        if scores is not None and "class" in scores and len(scores):
            counts = scores["class"].value_counts()
            classes = [c for c in ("A", "B", "C", "D", "T") if counts.get(c, 0)]
            bars = chart.axes.bar(classes, [int(counts[c]) for c in classes],
                                  color=[CLASS_COLORS[c] for c in classes])
            chart.axes.bar_label(bars, fontsize=8)
        chart.redraw()
        result = self.project_model.score_result
        self.basis.setText("\n".join(result.basis_lines()) if result is not None else "")
        self._draw_firm()

    def _selection_changed(self, _positions: list[int]) -> None:
        self._draw_firm()

    def _draw_firm(self) -> None:
        chart = self.firm_chart
        chart.clear()
        pm = self.project_model
        scores = pm.scores
        self.firm_title.setText(self.tr("Select a parcel to see its enterprise's points."))
        if scores is None or not pm.selection or pm.parcels is None or "uscc" not in pm.parcels:
            chart.redraw()
            return
        uscc = pm.parcels["uscc"].iloc[pm.selection[0]]
        hit = scores[scores["uscc"] == uscc] if isinstance(uscc, str) else scores.iloc[0:0]
        if hit.empty:
            self.firm_title.setText(self.tr("The selected parcel's enterprise is not scored."))
            chart.redraw()
            return
        firm = hit.iloc[0]
        self.firm_title.setText(
            self.tr("{0}: {1:.2f} points, class {2}").format(firm["name"], float(firm["score"]), firm["class"])
            if firm["score"] == firm["score"] else self.tr("{0}: not graded (T)").format(firm["name"])
        )
        if isinstance(firm.get("reason"), str) and firm["reason"]:   # a veto, a downgrade, T
            self.firm_title.setText(f"{self.firm_title.text()}（{firm['reason']}）"
                                    if messages.language() != "en"
                                    else f"{self.firm_title.text()} ({firm['reason']})")
        keys = [c.split(":", 1)[1] for c in scores.columns if c.startswith("points:")]
        labels = {s.key: (s.label_en if messages.language() == "en" else s.label_zh)
                  for s in (self.config.indicators if self.config else [])}
        values = [float(firm[f"points:{k}"]) if firm[f"points:{k}"] == firm[f"points:{k}"] else 0.0 for k in keys]
        chart.axes.barh([labels.get(k, k) for k in keys], values, color="#1e88e5")
        chart.axes.invert_yaxis()
        chart.axes.set_xlabel(self.tr("points"), fontsize=8)
        chart.redraw()
