"""Open whatever the user points at: a saved project, or a parcel file imported as a new one."""

from __future__ import annotations

from pathlib import Path

from landplanner.project import Project
from landplanner.store.registry import exists, is_uri, open_project


def open_any(path: str | Path, layer: str | None = None, encoding: str | None = None) -> Project:
    """Open a saved project, or import a parcel file as a new project.

    Parameters
    ----------
    path : str or Path
        A project location (a ``.gpkg`` project file or a store URI such as
        ``postgresql://…``) or any parcel file the loader reads (shapefile, zip,
        GeoPackage layer, GeoJSON).
    layer, encoding : str, optional
        Passed to the loader when ``path`` is a parcel file.

    Raises
    ------
    problems.InputError
        When the file can be used neither as a project nor as parcels.
    """
    if is_uri(path) or exists(path):
        return open_project(path)
    from landplanner.sources import load_parcels

    return Project.from_load(load_parcels(path, layer=layer, encoding=encoding))
