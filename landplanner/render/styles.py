"""Thematic map styles: which colour each parcel gets, and the legend that explains it.

Colours are chosen for print and for colour-blind readers: the category and park palettes are
ColorBrewer *Set2* (qualitative, colour-blind safe for the first classes), the 亩均 classes use
ColorBrewer *RdYlBu* (diverging, A good = blue … D poor = red, colour-blind safe), the plan
statuses a light-to-dark progression (ColorBrewer *YlGnBu*) so that even in grey the order
未启动 → 已销号 reads correctly; overdue plans get a red outline on top.

Legend labels of codes (categories, classes, statuses) come from the core's catalogue
:mod:`landplanner.vocabulary` in the current language; only the UI-only texts (style titles,
"Overdue (red outline)", "Outside the parks") go through ``QCoreApplication.translate
("MapStyles", ...)`` and Qt Linguist.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from landplanner import vocabulary
from landplanner.render.geometry import Symbology

#: Style names accepted by :func:`get_style` (and by ``--style`` of the screenshot command).
STYLE_NAMES = ("category", "class", "status", "park")

NO_DATA_FILL = "#e0e0e0"
NO_DATA_OUTLINE = "#9e9e9e"
OVERDUE_COLOR = "#e31a1c"

# (code of landplanner.vocabulary, fill, outline); the last entry catches everything else.
# Legend labels come from the vocabulary ("" = the domain's missing label: 无方案, 未评价).
_CATEGORY = [
    ("idle", "#fc8d62", "#b3502a"),
    ("low_efficiency", "#8da0cb", "#4f5f8c"),
    ("unsupplied", "#66c2a5", "#2f8a6c"),
    ("other", NO_DATA_FILL, NO_DATA_OUTLINE),
]
_CLASS = [
    ("A", "#2c7bb6", "#1a4f78"),
    ("B", "#abd9e9", "#5a97ad"),
    ("C", "#fdae61", "#b8742c"),
    ("D", "#d7191c", "#8c0f11"),
    ("T", "#bababa", "#7a7a7a"),
    ("", "#f0f0f0", "#b0b0b0"),
]
_STATUS = [
    ("not_started", "#ffffcc", "#b5b57a"),
    ("in_progress", "#a1dab4", "#5c9c72"),
    ("completed", "#41b6c4", "#237a85"),
    ("closed", "#225ea8", "#133a6b"),
    ("", NO_DATA_FILL, NO_DATA_OUTLINE),
]
_PARK_COLORS = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f",
                "#e5c494", "#b3b3b3"]


def class_colors() -> dict[str, str]:
    """Fill colour of each class (A B C D T) on the map: charts use the same."""
    return {code: fill for code, fill, _ in _CLASS if code}


def park_colors(parcels: pd.DataFrame | None) -> dict[str, str]:
    """Fill colour of each park on the map's park style (parks sorted by name, as the style
    takes them from ``parcels``): the quarterly chart uses the same."""
    parks: list[str] = []
    if parcels is not None and "park" in parcels.columns:
        parks = sorted(str(p) for p in parcels["park"].dropna().unique())
    return {p: _PARK_COLORS[i % len(_PARK_COLORS)] for i, p in enumerate(parks)}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapStyles", text)


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: label (translated), fill and outline colour, optional accent outline."""

    label: str
    fill: QColor
    outline: QColor
    accent: bool = False


@dataclass
class ThematicStyle:
    """A named style: classes with colours, a classifier for parcels, and the legend."""

    name: str
    title: str
    keys: list[str]
    labels: list[str]
    fills: list[QColor]
    outlines: list[QColor]
    column: str | None
    aliases: dict[str, str]
    has_overdue: bool = False

    def classify(self, parcels: pd.DataFrame) -> np.ndarray:
        """Class index of every parcel (the last class when the value is missing or unknown)."""
        n = len(parcels)
        last = len(self.keys) - 1
        if self.column is None or self.column not in parcels.columns:
            return np.full(n, last, dtype=np.int64)
        lookup = {k: i for i, k in enumerate(self.keys) if k}
        for alias, key in self.aliases.items():
            if key in lookup:
                lookup[alias] = lookup[key]
        # one code per distinct value, on the column as it is stored (pyarrow text factorizes
        # without a Python string per row); strip and normalise case once per distinct value
        codes, uniques = pd.factorize(parcels[self.column], use_na_sentinel=True)
        idx = np.array([lookup.get(str(u).strip(), lookup.get(str(u).strip().lower(), last))
                        for u in uniques] + [last], dtype=np.int64)
        return idx[codes]

    def overdue(self, parcels: pd.DataFrame) -> np.ndarray | None:
        """Boolean mask of overdue parcels (red outline), or None when the style has none."""
        if not self.has_overdue or "overdue" not in parcels.columns:
            return None
        return parcels["overdue"].fillna(False).astype(bool).to_numpy()

    def symbology(self, parcels: pd.DataFrame, version: object = 0) -> Symbology:
        """What the renderer needs; ``version`` must change whenever ``parcels`` changes."""
        acc = self.overdue(parcels)
        return Symbology(
            key=(self.name, tuple(self.keys), version),
            feature_class=self.classify(parcels),
            fills=self.fills,
            outlines=self.outlines,
            accent=acc,
            accent_color=QColor(OVERDUE_COLOR),
            accent_width=2.0,
        )

    def legend(self, parcels: pd.DataFrame | None = None) -> list[LegendEntry]:
        """Legend rows; with ``parcels`` given, each label carries its parcel count."""
        counts = None
        if parcels is not None:
            counts = np.bincount(self.classify(parcels), minlength=len(self.keys))
        rows = []
        for i, label in enumerate(self.labels):
            text = label if counts is None else f"{label} ({counts[i]:,})"
            rows.append(LegendEntry(text, self.fills[i], self.outlines[i]))
        if self.has_overdue:
            rows.append(LegendEntry(_tr("Overdue (red outline)"), QColor(0, 0, 0, 0),
                                    QColor(OVERDUE_COLOR), accent=True))
        return rows


def _from_table(name, title, domain, table, column, has_overdue=False) -> ThematicStyle:
    return ThematicStyle(
        name=name,
        title=title,
        keys=[k for k, *_ in table],
        labels=[vocabulary.label(domain, k) if k else vocabulary.missing_label(domain)
                for k, *_ in table],
        fills=[QColor(f) for _, f, _ in table],
        outlines=[QColor(o) for *_, o in table],
        column=column,
        aliases=vocabulary.words(domain),  # legacy and source spellings (闲置, 未启动 …)
        has_overdue=has_overdue,
    )


def style_titles() -> dict[str, str]:
    """Translated title of every style, in menu order."""
    return {
        "category": _tr("By land category"),
        "class": _tr("By per-mu class (A–D, T)"),
        "status": _tr("By plan status"),
        "park": _tr("By park"),
    }


def get_style(name: str, parcels: pd.DataFrame | None = None) -> ThematicStyle:
    """The style ``name`` (one of :data:`STYLE_NAMES`).

    The park style takes its classes from the park names present in ``parcels``.
    Raises ``KeyError`` for an unknown name.
    """
    titles = style_titles()
    if name == "category":
        return _from_table(name, titles[name], "category", _CATEGORY, "category")
    if name == "class":
        return _from_table(name, titles[name], "class", _CLASS, "class")
    if name == "status":
        return _from_table(name, titles[name], "status", _STATUS, "plan_status", has_overdue=True)
    if name == "park":
        table = [(p, p, color, "#5a5a5a") for p, color in park_colors(parcels).items()]
        style = ThematicStyle(
            name=name, title=titles[name],
            keys=[p for p, *_ in table] + [""],
            labels=[p for p, *_ in table] + [_tr("Outside the parks")],
            fills=[QColor(f) for *_, f, _ in table] + [QColor(NO_DATA_FILL)],
            outlines=[QColor(o) for *_, o in table] + [QColor(NO_DATA_OUTLINE)],
            column="park", aliases={},
        )
        return style
    raise KeyError(name)
