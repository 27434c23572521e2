"""Saving and opening projects.

``open_project(path)`` and ``save_project(project, path)`` use the GeoPackage store, the one
file format of a project; :class:`ProjectStore` is the interface another store implements.
"""

from __future__ import annotations

from landplanner.store.base import SCHEMA_VERSION, ProjectStore
from landplanner.store.gpkg_store import GpkgStore, is_project, open_project, save_project
from landplanner.store.opening import open_any

__all__ = [
    "SCHEMA_VERSION",
    "GpkgStore",
    "ProjectStore",
    "is_project",
    "open_any",
    "open_project",
    "save_project",
]
