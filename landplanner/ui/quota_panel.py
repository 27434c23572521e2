"""Quota dashboard: each park and the district, done / in progress / planned / candidate mu
against the target, progress bars, a small chart by quarter; parks behind pace in red.

Every figure comes from ``analysis.quota.compute`` and ``by_quarter`` and is named with the
``quota`` terms of :mod:`landplanner.vocabulary` (as in ``landplanner quota`` and the
workbook's 园区进度 sheet); clicking a park asks
the window to zoom to it and filter the table (``parkActivated``).
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages, vocabulary
from landplanner.analysis import quota
from landplanner.ui.charts import ChartCanvas
from landplanner.ui.first_paint import computing_text

LOG = logging.getLogger("landplanner.ui")

messages.register(
    {
        "ui.quota.no_parks": (
            "本项目还没有园区。请在“文件 → 项目设置…”中添加园区及其目标（亩），"
            "或用“文件 → 导入园区边界…”导入园区范围。",
            "This project has no parks yet. Add parks and their targets (mu) in "
            "File → Project settings…, or import park outlines with File → Import park "
            "boundaries….",
        ),
    }
)
DISTRICT = "district"


def _term(code: str) -> str:
    """A quota term of the vocabulary (the words of the CLI and the workbook)."""
    return vocabulary.label("quota", code)


def _MU() -> str:  # noqa: N802 - reads like the unit it returns
    return vocabulary.unit("quota", "done_mu")


def _mu(value) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:,.2f}"


class ParkCard(QFrame):
    """One park's progress; a click emits ``clicked(park)``."""

    clicked = Signal(str)

    def __init__(self, row, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.park = row["park"]
        self.row = row
        self.setObjectName("parkCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        behind = bool(row["behind"])
        border = "#e53935" if behind else "#b0bec5"
        back = "#fff5f5" if behind else "#ffffff"
        self.setStyleSheet(f"#parkCard {{ border: 1px solid {border}; border-radius: 4px; background: {back}; }}")
        name = quota.park_label(self.park)
        title = QLabel(f"<b>{name}</b>", self)
        title.setWordWrap(True)  # long park names wrap instead of pushing figures out of view
        target = row["target_mu"]
        # a figure stays with its word and unit when a line wraps (no-break spaces)
        headline = QLabel(f"{_term('done_mu')}\u00a0{_mu(row['done_mu'])} / {_term('target_mu')}"
                          f"\u00a0{_mu(target)}\u00a0{_MU()}", self)
        headline.setAlignment(Qt.AlignmentFlag.AlignRight)
        # every figure wraps in a narrow panel (English words are longer): the scroll area
        # has no horizontal bar, so a line wider than the panel would be cut off
        headline.setWordWrap(True)
        self.bar = QProgressBar(self)
        percent = row["percent"]
        self.bar.setRange(0, 100)
        self.bar.setValue(0 if percent != percent else int(min(100, round(percent))))
        self.bar.setFormat(self.tr("no target") if percent != percent
                           else f"{_term('percent')} {percent:.1f}%")
        self.bar.setTextVisible(True)
        self.bar.setMaximumHeight(14)
        if behind:
            self.bar.setStyleSheet("QProgressBar::chunk { background: #e53935; }")
        # figures in a smaller type than the park's name, so name and headline share a line
        small = self.font()
        small.setPointSizeF(max(small.pointSizeF() - 1.0, 7.5))
        headline.setFont(small)
        grid = QGridLayout(self)
        # compact: four parks and the district fit a side panel at 1920×1080 and a tab at 1366×768
        grid.setContentsMargins(5, 3, 5, 3)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(1)
        grid.addWidget(title, 0, 0)
        grid.addWidget(headline, 0, 1)
        grid.addWidget(self.bar, 1, 0, 1, 2)
        # the four other figures two by two: a card is four lines high
        for i, key in enumerate(("in_progress_mu", "planned_mu", "candidate_mu")):
            label = QLabel(f"{_term(key)} {_mu(row[key])}\u00a0{_MU()}", self)
            label.setFont(small)
            label.setWordWrap(True)
            label.setStyleSheet("color:#37474f")
            grid.addWidget(label, 2 + i // 2, i % 2)
        pace = f"{_term('projected_mu')} {_mu(row['projected_mu'])}\u00a0{_MU()}"
        if behind:
            pace += f" — {_term('behind')}"
        pace_label = QLabel(pace, self)
        pace_label.setObjectName("paceLabel")
        pace_label.setFont(small)
        pace_label.setWordWrap(True)
        if behind:
            pace_label.setStyleSheet("color:#c62828")
        grid.addWidget(pace_label, 3, 1)
        self.setToolTip(self.tr("Click to zoom to this park and filter the table"))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.park)
        super().mouseReleaseEvent(event)


class QuotaPanel(QWidget):
    """The parks and the district, refreshed whenever plans or parcels change."""

    parkActivated = Signal(str)

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.table = None
        self.cards: list[ParkCard] = []
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        # the cards first, the quarterly chart under them, in one scroll area: on a short
        # screen (a 1366×768 tab) every park and the district are in sight, the chart a
        # scroll away; on 1920×1080 everything shows
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_box = QWidget(body)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(4)
        self.chart = ChartCanvas(body, 3.0, 1.6)
        self.chart.setMinimumHeight(150)
        body_layout.addWidget(self.cards_box)
        body_layout.addWidget(QLabel(self.tr("Mu closed per quarter"), body))
        body_layout.addWidget(self.chart)
        body_layout.addStretch(1)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(130)
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        for signal in (project_model.projectChanged, project_model.plansChanged,
                       project_model.parcelsChanged, project_model.parksChanged):
            signal.connect(self._changed)
        project_model.settingsChanged.connect(lambda *_: self._changed())
        project_model.cellChanged.connect(self._cell_changed)
        self.refresh()

    def _changed(self) -> None:
        # A big project just opened: after the map's first paint (ui.first_paint).
        self.project_model.later("quota", self.refresh, self._computing)

    def _computing(self) -> None:
        self._clear_cards()
        self.table = None
        self.message.setText(computing_text())
        self.message.setStyleSheet("color:#455a64")

    def _clear_cards(self) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []

    def _cell_changed(self, _position: int, column: str) -> None:
        if column in ("park", "category", "declared_mu"):
            self._changed()

    def refresh(self) -> None:
        """Ask the core for the quota table and redraw the cards and the chart."""
        self._clear_cards()
        pm = self.project_model
        self.table = None
        if pm.project is None:
            self.message.setText(self.tr("Open a project to see the park quotas."))
            self._draw_quarters(None)
            return
        try:
            self.table = pm.quota_table()
            quarters = pm.quarter_table()
        except Exception as error:  # show why instead of an empty panel
            LOG.exception("quota table failed")
            self.message.setText(self.tr("Quotas cannot be computed: {0}").format(error))
            self._draw_quarters(None)
            return
        behind = [r for r in self.table.to_dict("records") if r["behind"] and r["park"] != DISTRICT]
        if not (self.table["park"] != DISTRICT).any():
            self.message.setText(messages.text("ui.quota.no_parks"))
            self.message.setStyleSheet("color:#455a64")
        else:
            self.message.setText(
                self.tr("{0} park(s) behind pace").format(len(behind)) if behind else self.tr("All parks on pace")
            )
            self.message.setStyleSheet("color:#c62828" if behind else "color:#2e7d32")
        for row in self.table.to_dict("records"):
            card = ParkCard(row, self.cards_box)
            card.clicked.connect(self.parkActivated)
            self.cards_layout.addWidget(card)
            self.cards.append(card)
        self._draw_quarters(quarters)

    def _draw_quarters(self, quarters) -> None:
        if quarters is None and not self.chart.built:
            # No project and nothing drawn yet: an empty window imports no matplotlib.
            self.chart.when_visible(lambda: None)
            return
        # Drawn when on screen: a hidden dock tab costs no matplotlib work while opening.
        self.chart.when_visible(lambda: self._draw_quarters_now(quarters))

    def _draw_quarters_now(self, quarters) -> None:
        self.chart.clear()
        ax = self.chart.axes
        if quarters is None or not len(quarters):
            self.chart.redraw()
            return
        parks = quarters[quarters["park"] != DISTRICT]
        labels = ["Q1", "Q2", "Q3", "Q4"]
        n = max(1, len(parks))
        width = 0.8 / n
        from landplanner.ui.styles import park_colors

        # The map's park colours (its park style), so a park looks the same in both.
        colors = park_colors(self.project_model.parcels)
        for i, row in enumerate(parks.itertuples(index=False)):
            xs = [q + (i - (n - 1) / 2) * width for q in range(4)]
            ax.bar(xs, [getattr(row, q) for q in labels], width, label=str(row.park),
                   color=colors.get(str(row.park), "#9e9e9e"))
        ax.set_xticks(range(4), [vocabulary.label("quota", q) for q in labels])
        top = float(parks[labels].to_numpy().max()) if len(parks) else 0.0
        ax.set_ylim(0, top * 1.15 if top > 0 else 1.0)
        if top <= 0:
            ax.text(1.5, 0.5, self.tr("No case closed yet this year"), ha="center", va="center",
                    fontsize=8, color="#757575")
        ax.set_ylabel(self.tr("mu"), fontsize=8)
        if len(parks) and top > 0:
            # Above the plot area, not over the bars.
            ax.legend(fontsize=7, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0),
                      ncols=1 if n > 2 else n, borderaxespad=0.2)
        self.chart.redraw()

    def card(self, park: str) -> ParkCard | None:
        """The card of ``park`` (tests and the window use it)."""
        return next((c for c in self.cards if c.park == park), None)
