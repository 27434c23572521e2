"""The core model: one :class:`Project` holds everything the app works on.

A project is parcels (canonical columns, see ``docs/architecture.md``), optional park
boundaries, the enterprise indicator table, the plans, JSON-able settings, the field
mapping used on import and where the parcels came from. It is saved as one GeoPackage by
:mod:`landplanner.store`.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from landplanner.problems import Problem


def default_settings(year: int | None = None) -> dict[str, Any]:
    """The settings of a new project (JSON-able): nothing of any district assumed.

    Parameters
    ----------
    year : int, optional
        Campaign year; the current calendar year when omitted.

    Returns
    -------
    dict
        ``district_name`` (''), ``quotas`` (``district_mu`` None, no ``parks``), ``year``
        and ``language`` (``"zh"``). A bureau sets its parks and targets in the project
        settings (:mod:`landplanner.project_settings`); an import adds the parks its data
        names (without targets).
    """
    return {
        "district_name": "",
        "quotas": {"district_mu": None, "parks": []},
        "year": int(year if year is not None else _dt.date.today().year),
        "language": "zh",
    }


def _empty_parcels() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=None))


@dataclass
class Project:
    """Everything one revitalization campaign works on.

    Attributes
    ----------
    parcels : GeoDataFrame
        Canonical parcel columns (``parcel_id``, ``category``, ``area_mu`` in mu, …).
    parks : GeoDataFrame or None
        Park boundaries: ``name``, optional ``target_mu`` (mu), ``geometry``.
    indicators : DataFrame
        Enterprise indicators, one row per enterprise-year (money in 万元).
    plans : list
        :class:`landplanner.model.plan.Plan` records.
    settings : dict
        JSON-able settings: quotas, scoring configuration, screening rules, …
    field_mapping : dict
        Canonical field name -> source column (or None) used on import.
    source : dict
        ``path``, ``layer``, ``encoding``, ``crs`` of the imported parcels.
    problems : list of Problem
        Findings of the import (loader, mapping, area, parks). Not saved with the project:
        they describe the source file, which ``landplanner check`` can re-examine.
    store_state : object or None
        Kept by a database store between open and save (see ``store.postgis_store``).
    assets : DataFrame
        资产清单: state-owned and collective assets (``analysis.assets.ASSET_COLUMNS``).
    incoming : DataFrame
        地等项目: incoming investment projects (``analysis.matching.PROJECT_COLUMNS``).
    snapshots : list of dict
        季度大比武 snapshots, frozen records (``analysis.scoreboard``), oldest first.
    """

    parcels: gpd.GeoDataFrame = field(default_factory=_empty_parcels)
    parks: gpd.GeoDataFrame | None = None
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)
    plans: list = field(default_factory=list)
    settings: dict = field(default_factory=default_settings)
    field_mapping: dict[str, str | None] = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list, compare=False)
    #: What a database store loaded (row versions, values), so a save writes only the rows
    #: that changed and detects other users' changes; None for a file project.
    store_state: Any = field(default=None, compare=False, repr=False)
    assets: pd.DataFrame = field(default_factory=pd.DataFrame)
    incoming: pd.DataFrame = field(default_factory=pd.DataFrame)
    snapshots: list = field(default_factory=list)

    @classmethod
    def from_load(
        cls,
        load_result: Any,
        mapping: dict[str, str | None] | None = None,
        parks: gpd.GeoDataFrame | None = None,
        settings: dict | None = None,
    ) -> Project:
        """Build a project from a loaded parcel file.

        Parameters
        ----------
        load_result : sources.LoadResult
            What :func:`landplanner.sources.load_parcels` returned (``gdf`` and ``report``).
        mapping : dict, optional
            Canonical field -> source column; guessed by :func:`fields.guess_mapping` when None.
        parks : GeoDataFrame, optional
            Park boundaries. Each parcel's park is its attribute, normalised to the park
            names of ``settings["quotas"]["parks"]``, or else the park it overlaps most
            (:func:`parks.assign_parks`).
        settings : dict, optional
            Project settings; :func:`default_settings` when None.

        Returns
        -------
        Project
            Parcels with canonical columns and ``area_mu`` (mu); ``problems`` holds the
            loader's findings plus those of the area and park computations.
        """
        from landplanner import fields
        from landplanner import parks as parks_mod

        gdf = load_result.gdf
        report = load_result.report
        settings = copy.deepcopy(settings) if settings is not None else default_settings()
        if mapping is None:
            mapping = fields.guess_mapping(gdf)
        problems: list[Problem] = list(getattr(report, "problems", []) or [])
        # apply_mapping computes area_mu (and compares it with the declared area) itself.
        parcels = fields.apply_mapping(gdf, mapping, problems)
        # the loader's groups named their rows #N: name them by 地块编号 now they are known
        ids = parcels["parcel_id"].to_numpy(dtype=object) if "parcel_id" in parcels else None
        problems = [p.labelled(ids) for p in problems]
        names = _park_names(settings)
        if names is None and "park" in parcels:
            # No parks configured: the file's own park names, short forms folded.
            from landplanner.project_settings import canonical_park_names

            names = canonical_park_names(parcels["park"].dropna().unique()) or None
        parcels["park"], park_problems = parks_mod.assign_parks(parcels, parks, names=names)
        problems.extend(park_problems)
        _add_found_parks(settings, parcels)
        return cls(
            parcels=parcels,
            parks=parks,
            settings=settings,
            field_mapping=dict(mapping),
            source=source_info(report),
            problems=problems,
        )

    def set_parks(self, parks: gpd.GeoDataFrame | None) -> list[Problem]:
        """Attach park boundaries and give each parcel its park (:func:`parks.assign_parks`).

        Returns the problems found (parcels outside every park, unknown names).
        """
        from landplanner.parks import assign_parks

        names, problems = assign_parks(self.parcels, parks, names=_park_names(self.settings))
        self.parks = parks
        self.parcels["park"] = names
        _add_found_parks(self.settings, self.parcels)
        return problems


def _add_found_parks(settings: dict, parcels) -> None:
    """Add to the settings the parks the parcels name that the settings do not list yet
    (no target: the bureau sets it). A file without parks adds none."""
    from landplanner.project_settings import parks_found_in

    quotas = settings.setdefault("quotas", {"district_mu": None, "parks": []})
    listed = quotas.setdefault("parks", [])
    known = {p.get("name") for p in listed if isinstance(p, dict)}
    for name in parks_found_in(parcels):
        if name not in known:
            listed.append({"name": name, "target_mu": None})
            known.add(name)


def _park_names(settings: dict | None) -> list[str] | None:
    """Park names configured in the quota settings, or None when there are none."""
    quotas = (settings or {}).get("quotas") or {}
    names = [p.get("name") for p in quotas.get("parks", []) if isinstance(p, dict) and p.get("name")]
    return names or None


def source_info(report: Any) -> dict[str, Any]:
    """JSON-able description of where parcels came from, from a loader ``LoadReport``.

    Returns
    -------
    dict
        ``path``, ``layer``, ``encoding`` (name), ``encoding_source``, ``crs`` (``epsg``,
        ``name``, ``wkt``) and ``features``.
    """
    crs = getattr(report, "crs", None)
    encoding = getattr(report, "encoding", None)
    path = getattr(report, "path", None)
    epsg = getattr(crs, "epsg", None)
    return {
        "path": str(Path(path).resolve()) if path is not None else None,
        "layer": getattr(report, "layer", None),
        "encoding": getattr(encoding, "name", None),
        "encoding_source": getattr(encoding, "source", None),
        "crs": {
            "epsg": int(epsg) if epsg is not None else None,
            "name": getattr(crs, "name", None),
            "wkt": getattr(crs, "wkt", None),
            "suggested_epsg": getattr(crs, "suggested_epsg", None),
        },
        "features": int(getattr(report, "features", 0) or 0),
    }


def set_project_crs(project, epsg: int) -> list[Problem]:
    """Declare a project's parcels to be in ``epsg`` when they have no CRS, and recompute
    ``area_mu``; returns the area problems. Parcels that have a CRS keep it (a saved
    project's CRS was confirmed on import)."""
    from pyproj import CRS

    from landplanner import area

    parcels = project.parcels
    if parcels.crs is not None:
        return []
    crs = CRS.from_epsg(int(epsg))
    parcels = parcels.set_crs(crs)
    mu, problems = area.area_mu(parcels)
    parcels["area_mu"] = mu.to_numpy()
    project.parcels = parcels
    source = dict(project.source or {})
    source["crs"] = {"epsg": int(epsg), "name": crs.name, "wkt": crs.to_wkt()}
    project.source = source
    return problems
