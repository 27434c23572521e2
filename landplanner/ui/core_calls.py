"""What is left of the UI's calls into the core (no Qt here), on its way out (issue 8 §5).

Widgets call the core directly. The scoring pipeline moves to ``landplanner.services`` and
the plan-of-parcel rule to the core; then this module goes.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def preset_names() -> list[str]:
    """Names of the shipped scoring presets (``scoring_config.preset_names``)."""
    from landplanner.analysis.scoring_config import preset_names as _names

    return _names()


def load_preset(name: str):
    """The ``ScoringConfig`` of preset ``name``."""
    from landplanner.analysis.scoring_config import load_preset as _load

    return _load(name)


def default_preset() -> str:
    """The preset used when the project has none."""
    from landplanner.analysis.scoring_config import DEFAULT_PRESET

    return DEFAULT_PRESET


def indicator_years(project) -> list[int]:
    """Years present in the project's indicator table, newest first."""
    ind = getattr(project, "indicators", None)
    if ind is None or not len(ind) or "year" not in ind:
        return []
    return sorted({int(y) for y in ind["year"].dropna()}, reverse=True)


def score_project(project, config, year=None, progress=None) -> pd.DataFrame:
    """Score the project's enterprises (``indicators.build_enterprises`` + ``scoring.score``).

    The previous year's enterprises, when loaded, feed data-derived benchmarks.
    """
    from landplanner.analysis.indicators import build_enterprises
    from landplanner.analysis.scoring import score

    years = indicator_years(project)
    if year is None and years:
        year = years[0]
    enterprises, _problems = build_enterprises(project.parcels, project.indicators, year)
    previous = None
    if year is not None and year - 1 in years:
        previous, _ = build_enterprises(project.parcels, project.indicators, year - 1)
    return score(enterprises, config, previous=previous)


def plan_index_for(plans: list, parcel_row) -> int | None:
    """Index of the plan covering this parcel (by parcel id, else by enterprise USCC)."""
    pid = parcel_row.get("parcel_id")
    uscc = parcel_row.get("uscc")
    for i, plan in enumerate(plans):
        if pid is not None and pid in (getattr(plan, "parcel_ids", None) or []):
            return i
    for i, plan in enumerate(plans):
        if isinstance(uscc, str) and uscc and getattr(plan, "uscc", None) == uscc:
            return i
    return None


def plan_indices(plans: list, parcels) -> list[int | None]:
    """For each parcel row, the index of its plan (vectorised form of :func:`plan_index_for`)."""
    by_pid: dict = {}
    by_uscc: dict = {}
    for i, plan in enumerate(plans):
        for pid in getattr(plan, "parcel_ids", None) or []:
            by_pid.setdefault(pid, i)
        uscc = getattr(plan, "uscc", None)
        if uscc:
            by_uscc.setdefault(uscc, i)
    n = len(parcels)
    pids = parcels["parcel_id"].tolist() if "parcel_id" in parcels else [None] * n
    usccs = parcels["uscc"].tolist() if "uscc" in parcels else [None] * n
    out: list[int | None] = []
    for pid, uscc in zip(pids, usccs, strict=True):
        idx = by_pid.get(pid)
        if idx is None and isinstance(uscc, str):
            idx = by_uscc.get(uscc)
        out.append(idx)
    return out


def plan_overdue(plan, today: dt.date) -> bool:
    """Whether a milestone or the target date of ``plan`` is past (``plans.overdue``)."""
    from landplanner.analysis.plans import overdue

    return bool(overdue(plan, today))


def parcel_view(project, scores: pd.DataFrame | None, today: dt.date):
    """Parcels with ``score``, ``class`` (joined on USCC) and ``plan_status``, ``overdue``."""
    gdf = project.parcels.copy(deep=False)
    if scores is not None and len(scores) and "uscc" in gdf:
        by_uscc = scores.drop_duplicates("uscc").set_index("uscc")
        gdf["score"] = gdf["uscc"].map(by_uscc["score"]) if "score" in by_uscc else float("nan")
        gdf["class"] = gdf["uscc"].map(by_uscc["class"]) if "class" in by_uscc else None
    else:
        gdf["score"] = float("nan")
        gdf["class"] = None
    index = plan_indices(project.plans, gdf)
    status = [None] * len(gdf)
    overdue = [False] * len(gdf)
    for pos, idx in enumerate(index):
        if idx is not None:
            plan = project.plans[idx]
            status[pos] = plan.status
            overdue[pos] = plan_overdue(plan, today)
    gdf["plan_status"] = status
    gdf["overdue"] = overdue
    return gdf


