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

PROJECT_SUFFIXES = (".gpkg",)


# -- files -------------------------------------------------------------------------------------
def is_project_file(path: str | Path) -> bool:
    """Whether ``path`` is a landplanner project (``store.is_project``): a project file, or a
    store URI (``postgresql://…``), which is always opened as a project."""
    from landplanner import store

    if store.is_uri(path):
        return True
    return Path(path).is_file() and bool(store.is_project(path))


def is_location_uri(location: str | Path) -> bool:
    """Whether ``location`` names a database project rather than a file (``store.is_uri``)."""
    from landplanner import store

    return store.is_uri(location)


def location_name(location: str | Path | None) -> str:
    """A short name of a project location for the title bar (``store.display_name``)."""
    from landplanner import store

    return store.display_name(location)


def list_database_projects(location: str) -> list[str]:
    """Project locations in the database of ``location`` (``store.list_projects``)."""
    from landplanner import store

    return store.list_projects(location)


def set_session_password(location: str, password: str) -> None:
    """Use ``password`` for ``location`` in this session only (never written anywhere)."""
    from landplanner.store import postgis_store

    postgis_store.set_session_password(location, password)


def strip_password(location: str) -> str:
    """``location`` without a password, to remember it (``postgis_store.strip_password``)."""
    from landplanner import store

    if not store.is_uri(location):
        return str(location)
    from landplanner.store import postgis_store

    return postgis_store.strip_password(location)


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
    """Read a project at a file path or store URI (``store.open_project``)."""
    from landplanner.store import open_project as _open

    return _open(path if is_location_uri(path) else Path(path))


def save_project(project, path, progress=None) -> Path:
    """Write ``project`` atomically to the file ``path`` (``store.save_project``)."""
    from landplanner.store import save_project as _save

    _save(project, path)
    return Path(path)


class SavedLocation:
    """What a save to any location returns to the GUI thread."""

    def __init__(self, location: str, store_state: Any, adopted: list) -> None:
        self.location = location
        self.store_state = store_state
        self.adopted = adopted


def save_location(project, location, progress=None) -> SavedLocation:
    """Save ``project`` (a snapshot) to a file or store URI with its store; a shared store
    returns its new state and the other users' changes it merged (``store.save_project``)."""
    from landplanner import store

    location = str(location)
    adopted = store.store_for(location).save(project, location if is_location_uri(location) else Path(location))
    return SavedLocation(location, getattr(project, "store_state", None), list(adopted or []))


def adopt_remote(project, adopted: list) -> None:
    """Write values other users saved into ``project`` (``postgis_store.adopt``)."""
    from landplanner.store import postgis_store

    postgis_store.adopt(project, adopted)


def resolve_conflicts(project, error, choices: dict, default: str = "mine") -> list:
    """Apply keep-mine / take-theirs choices of a save conflict (``postgis_store.resolve``)."""
    from landplanner.store import postgis_store

    return postgis_store.resolve(project, error, choices, default)


def refresh_remote(project) -> Any:
    """Take other users' saved changes into ``project`` (``postgis_store.refresh``)."""
    from landplanner.store import postgis_store

    return postgis_store.refresh(project)


def is_save_conflict(error: BaseException) -> bool:
    """Whether a save failed because other users changed the same fields."""
    from landplanner.store.postgis_store import SaveConflict

    return isinstance(error, SaveConflict)


def read_parks(path, progress=None):
    """Park boundaries from a polygon file (``parks.read_park_file``)."""
    from landplanner.parks import read_park_file

    return read_park_file(path, progress=progress)


def set_parks(project, parks_gdf) -> list:
    """Attach park boundaries and assign each parcel its park (``Project.set_parks``)."""
    return project.set_parks(parks_gdf)


def export_excel(project, path, language="zh", progress=None, **scoring) -> Path:
    """The Excel workbook (``export.xlsx_export.export_workbook``); ``scoring`` holds the
    pipeline's ``scores``, ``indicator_labels`` and ``score_basis``."""
    from landplanner.export.xlsx_export import export_workbook

    export_workbook(project, path, language=language, progress=progress, **scoring)
    return Path(path)


# -- plans and quotas --------------------------------------------------------------------------
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
    """Parcels with ``score``, ``class`` (joined on USCC) and ``plan_index``, ``plan_status``,
    ``overdue`` (``plans.parcel_plan_columns``: the one plan-of-parcel rule)."""
    gdf = project.parcels.copy(deep=False)
    if scores is not None and len(scores) and "uscc" in gdf:
        by_uscc = scores.drop_duplicates("uscc").set_index("uscc")
        gdf["score"] = gdf["uscc"].map(by_uscc["score"]) if "score" in by_uscc else float("nan")
        gdf["class"] = gdf["uscc"].map(by_uscc["class"]) if "class" in by_uscc else None
    else:
        gdf["score"] = float("nan")
        gdf["class"] = None
    from landplanner.analysis.plans import parcel_plan_columns

    plan = parcel_plan_columns(project.plans, gdf, today)
    gdf["plan_index"] = plan["plan_index"]
    gdf["plan_status"] = plan["plan_status"]
    gdf["overdue"] = plan["overdue"]
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
