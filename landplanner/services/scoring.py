"""The one 亩均论英雄 scoring pipeline: the app, the CLI (``score``, ``export``), the Excel
export and print all call :func:`score_project` (or :func:`score_indicators` for a bare
indicator table), so they give the same scores, problems and benchmark basis.

Pipeline: the rows of the year (the latest the table holds by default) are joined to the
parcels (:func:`indicators.build_enterprises`, which reports join problems); when the
configuration takes its benchmarks from the data and the table holds the previous year,
that year's enterprises give the benchmarks; :func:`scoring.score` scores, ranks and
classes them. The result carries, per group and indicator, how the benchmark was set
(:func:`ScoreResult.basis_lines`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from landplanner import messages
from landplanner.analysis import indicators as indicators_mod
from landplanner.analysis import scoring
from landplanner.analysis.scoring_basis import basis_lines
from landplanner.analysis.scoring_config import (
    DEFAULT_PRESET,
    ScoringConfig,
    load_config,
    load_preset,
)
from landplanner.problems import InputError, Problem
from landplanner.services.progress import Progress, step

SETTINGS_KEY = "scoring"   # project.settings["scoring"]: the project's ScoringConfig.to_dict()

messages.register({
    "scoring_no_indicators": ("项目中没有企业指标数据", "The project holds no enterprise indicators"),
    "scoring_step_join": ("正在匹配 {year} 年企业与地块…", "Matching the {year} enterprises to parcels…"),
    "scoring_step_previous": ("正在计算 {year} 年基准…", "Computing the {year} benchmarks…"),
    "scoring_step_score": ("正在评价企业…", "Scoring the enterprises…"),
    "scoring_done": ("评价完成", "Scoring done"),
})


@dataclass
class ScoreResult:
    """What one scoring run gives every view.

    Attributes
    ----------
    scores
        :func:`scoring.score`'s frame, in reading order (groups in config order, then rank;
        firms vetoed to D after the ranked firms of their group; not graded (T) last).
    problems
        The join problems (invalid codes, duplicates, rows without parcels …) and notes.
    year
        The year scored (``None`` for a table without years).
    config
        The scoring rules used.
    basis
        How each group's benchmark of each indicator was set (``scores.attrs["basis"]``).
    """

    scores: pd.DataFrame
    problems: list[Problem]
    year: int | None
    config: ScoringConfig
    basis: list[dict] = field(default_factory=list)

    def basis_lines(self, lang: str | None = None, group: str | None = None) -> list[str]:
        """One sentence per group and indicator: ``亩均税收 基准 16.80 万元/亩 = 2024 年规上组均值 × 2``."""
        return basis_lines(self.basis, self.config, lang, group)

    def basis_by_group(self, lang: str | None = None) -> dict[str, str]:
        """``{group: its basis sentences joined}``, for a per-firm column (企业清单)."""
        sep = "; " if (lang or messages.language()) == "en" else "；"
        groups = dict.fromkeys(b["group"] for b in self.basis)
        return {g: sep.join(self.basis_lines(lang, g)) for g in groups}

    def export_args(self, lang: str | None = None) -> dict[str, Any]:
        """The keyword arguments of ``export_workbook`` for these scores."""
        return {"scores": self.scores, "indicator_labels": self.indicator_labels(),
                "score_basis": self.basis_by_group(lang)}

    def class_counts(self) -> dict[str, int]:
        """Firms per class, in band order then T (every class present, 0 when none)."""
        counts = self.scores["class"].value_counts() if len(self.scores) else pd.Series(dtype=int)
        return {c: int(counts.get(c, 0)) for c in [b.cls for b in self.config.bands] + ["T"]}

    def indicator_labels(self) -> dict[str, tuple[str, str]]:
        """``{indicator key: (Chinese, English)}`` of the configuration's indicators."""
        return {i.key: (i.label_zh, i.label_en) for i in self.config.indicators}


def project_config(project: Any = None, preset: str | None = None,
                   config_path: str | None = None) -> ScoringConfig:
    """The scoring rules to use: a configuration file, else a preset, else the project's
    own (``settings["scoring"]``), else the default preset.

    Raises
    ------
    InputError
        An unknown preset, or a file or saved configuration that cannot be used.
    """
    if config_path:
        return load_config(config_path)
    if preset:
        return load_preset(preset)
    saved = (getattr(project, "settings", None) or {}).get(SETTINGS_KEY)
    if isinstance(saved, dict) and saved:
        return ScoringConfig.from_dict(saved)
    if isinstance(saved, str) and saved:
        return load_preset(saved)
    return load_preset(DEFAULT_PRESET)


def indicator_years(indicators: pd.DataFrame | None) -> list[int]:
    """The years an indicator table holds, newest first (what every year list offers)."""
    if indicators is None or not len(indicators) or "year" not in indicators:
        return []
    years = pd.to_numeric(indicators["year"], errors="coerce").dropna()
    return sorted({int(y) for y in years}, reverse=True)


def score_project(project: Any, config: ScoringConfig | None = None, year: int | None = None,
                  progress: Progress | None = None) -> ScoreResult:
    """Score the enterprises of ``project`` (its ``parcels``, ``indicators`` and settings).

    Parameters
    ----------
    project
        A :class:`~landplanner.project.Project` (or a snapshot of one: only ``parcels``,
        ``indicators`` and ``settings`` are read, never written).
    config
        The rules; the project's own (:func:`project_config`) by default.
    year
        The year to score; the latest the table holds by default.
    progress
        ``progress(fraction, message) -> bool``; returning False cancels.

    Raises
    ------
    InputError
        No indicators, a year the table lacks, a column the rules need, or ``cancelled``.
    """
    indicators = getattr(project, "indicators", None)
    if indicators is None or not len(indicators):
        raise InputError(Problem.make("scoring_no_indicators", "error"))
    config = config if config is not None else project_config(project)
    return score_indicators(getattr(project, "parcels", None), indicators, config, year, progress)


def score_indicators(parcels: pd.DataFrame | None, indicators: pd.DataFrame,
                     config: ScoringConfig, year: int | None = None,
                     progress: Progress | None = None) -> ScoreResult:
    """:func:`score_project` for an indicator table with or without parcels."""
    if year is None:
        years = indicator_years(indicators)
        year = years[0] if years else None
    step(progress, 0.0, "scoring_step_join", year=year if year is not None else "—")
    enterprises, problems = indicators_mod.build_enterprises(parcels, indicators, year)
    previous = None
    if config.benchmark_rule == "data" and year is not None and \
            (pd.to_numeric(indicators["year"], errors="coerce") == year - 1).any():
        step(progress, 0.4, "scoring_step_previous", year=year - 1)
        previous, _ = indicators_mod.build_enterprises(parcels, indicators, year - 1)
        problems.append(Problem.make("score_previous_year", "info", year=year - 1))
    step(progress, 0.7, "scoring_step_score")
    scores = reading_order(scoring.score(enterprises, config, previous=previous), config)
    step(progress, 1.0, "scoring_done")
    return ScoreResult(scores, problems, year, config, list(scores.attrs.get("basis", [])))


def reading_order(scores: pd.DataFrame, config: ScoringConfig) -> pd.DataFrame:
    """Groups in config order, then rank; vetoed firms (no rank) after their group's ranked
    firms, by score; not graded (T) last."""
    group_order = {g: i for i, g in enumerate(config.groups)}
    key = pd.DataFrame({
        "t": (scores["class"] == "T").to_numpy(dtype=bool),
        "g": scores["group"].astype(object).map(group_order).fillna(len(group_order)).to_numpy(),
        "r": scores["rank"].astype("Float64").fillna(float("inf")).to_numpy(dtype=float),
        "s": -pd.to_numeric(scores["score"], errors="coerce").fillna(float("-inf")).to_numpy(),
    })
    order = key.sort_values(["t", "g", "r", "s"], kind="stable").index
    out = scores.iloc[order].reset_index(drop=True)
    out.attrs = scores.attrs
    return out
