"""Every call from the UI into the core, in one place (no Qt here).

The widgets and :class:`~landplanner.ui.project_model.ProjectModel` call these small
functions, which call the core functions named in docs/architecture.md. Heavy ones take
``progress`` and run in a worker (:mod:`landplanner.ui.workers`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd


# -- files -------------------------------------------------------------------------------------
def is_project_file(path: str | Path) -> bool:
    """Whether ``path`` is a landplanner project (``store.is_project``)."""
    from landplanner import store

    return Path(path).is_file() and bool(store.is_project(path))


def list_layers(path: str | Path) -> list[str]:
    """Layers of a folder, zip or GeoPackage (``sources.list_layers``)."""
    from landplanner.sources import list_layers as _list_layers

    return _list_layers(path)


def load_parcel_file(path, layer=None, encoding=None, progress=None):
    """Read a parcel file (``sources.load_parcels``): returns a ``LoadResult``."""
    from landplanner.sources import load_parcels

    return load_parcels(path, layer=layer, encoding=encoding, progress=progress)


def guess_mapping(gdf) -> dict[str, str | None]:
    """The core's guess of which source column holds each canonical field."""
    from landplanner.fields import guess_mapping as _guess

    return _guess(gdf)


def canonical_fields() -> list[tuple[str, str, str]]:
    """``(name, zh label, en label)`` of each field the user maps (``fields.CANONICAL_FIELDS``)."""
    from landplanner.fields import CANONICAL_FIELDS

    return [(f.name, f.zh, f.en) for f in CANONICAL_FIELDS if getattr(f, "mappable", True)]


def project_from_load(result, mapping) -> Any:
    """A new ``Project`` from a load result and the accepted field mapping."""
    from landplanner.project import Project

    return Project.from_load(result, mapping)


def open_project(path, progress=None) -> Any:
    """Read a project GeoPackage (``store.open_project``)."""
    from landplanner.store import open_project as _open

    return _open(path)


def save_project(project, path, progress=None) -> Path:
    """Write ``project`` atomically to ``path`` (``store.save_project``)."""
    from landplanner.store import save_project as _save

    _save(project, path)
    return Path(path)


def read_parks(path, progress=None):
    """Park boundaries from a polygon file (``parks.read_park_file``)."""
    from landplanner.parks import read_park_file

    return read_park_file(path, progress=progress)


def set_parks(project, parks_gdf) -> list:
    """Attach park boundaries and assign each parcel its park (``Project.set_parks``)."""
    return project.set_parks(parks_gdf)


def read_indicators(path, progress=None):
    """An indicator table (``indicators.read_indicator_table``): ``(DataFrame, problems)``."""
    from landplanner.analysis.indicators import read_indicator_table

    return read_indicator_table(path)


def export_excel(project, path, scores=None, language="zh", progress=None) -> Path:
    """The Excel workbook (``export.xlsx_export.export_workbook``)."""
    from landplanner.export.xlsx_export import export_workbook

    export_workbook(project, path, scores=scores, language=language, progress=progress)
    return Path(path)


# -- scoring -----------------------------------------------------------------------------------
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


# -- plans and quotas --------------------------------------------------------------------------
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


def quarter_table(project, today: dt.date) -> pd.DataFrame:
    """Mu done per park per quarter (``analysis.quota.by_quarter``)."""
    from landplanner.analysis.quota import by_quarter

    return by_quarter(project.parcels, project.plans, project.settings, today)


def quota_table(project, today: dt.date) -> pd.DataFrame:
    """Quota progress per park and for the district (``analysis.quota.compute``)."""
    from landplanner.analysis.quota import compute

    return compute(project.parcels, project.plans, project.settings, today)


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


# -- plan editing ------------------------------------------------------------------------------
def suggestion_for(project, scores, position: int, today: dt.date) -> tuple[str | None, str]:
    """Suggested disposal method and its reason for one parcel (``screening`` + ``plans``)."""
    from landplanner.analysis.plans import suggest_method
    from landplanner.analysis.screening import screen

    one = project.parcels.iloc[[position]]
    found = screen(one, scores, (project.settings or {}).get("screening"), today)
    klass = None
    uscc = one["uscc"].iloc[0] if "uscc" in one else None
    if scores is not None and isinstance(uscc, str) and "uscc" in scores:
        hit = scores.loc[scores["uscc"] == uscc, "class"]
        klass = None if hit.empty else hit.iloc[0]
    category = one["category"].iloc[0] if "category" in one else None
    years = found["idle_years"].iloc[0] if "idle_years" in found else None
    return suggest_method(category, klass, years, list(found["reasons"].iloc[0]))


def new_plan(project, position: int, author: str, method: str | None, reason: str):
    """A new plan for the parcel at ``position`` (``plans.create`` with the next free id)."""
    from landplanner.analysis.plans import create, next_id

    row = project.parcels.iloc[position]
    uscc = row.get("uscc")
    enterprise = row.get("enterprise")
    return create(
        next_id(project.plans), author,
        uscc=uscc if isinstance(uscc, str) else None,
        enterprise=enterprise if isinstance(enterprise, str) else None,
        parcel_ids=[str(row.get("parcel_id"))], method=method, reason=reason or "",
    )


def change_plan(plan, author: str, note: str | None = None, **changes):
    """``plans.update``: the changed plan with history; ``InputError`` when a rule is broken."""
    from landplanner.analysis.plans import update

    return update(plan, author, note=note, **changes)


def method_choices() -> list[tuple[str, str]]:
    """``(key, label)`` of every disposal method, in the current message language."""
    from landplanner.analysis.plans import METHODS, method_label

    return [(key, method_label(key)) for key in METHODS]


def status_order() -> tuple[str, ...]:
    """Status keys in order (未启动 → 推进中 → 已完成 → 已销号)."""
    from landplanner.analysis.plans import STATUS_ORDER

    return STATUS_ORDER


def indicator_labels(project, language: str) -> dict[str, str]:
    """Label of each scored indicator key, from the project's scoring config (or the key)."""
    config = (getattr(project, "settings", None) or {}).get("scoring")
    if not isinstance(config, dict):
        return {}
    field = "label_en" if language == "en" else "label_zh"
    return {i["key"]: i.get(field) or i["key"] for i in config.get("indicators", []) if "key" in i}
