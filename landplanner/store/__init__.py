"""Saving and opening projects.

A project location is a file path (the GeoPackage store, the default) or a URI such as
``postgresql://user@host/db?schema=…`` (the PostGIS store). ``open_project``, ``save_project``,
``is_project`` and ``list_projects`` pick the store by the location's scheme
(:mod:`landplanner.store.registry`); :class:`ProjectStore` is the interface a store implements.
"""

from __future__ import annotations

from landplanner.store.base import SCHEMA_VERSION, Location, ProjectStore
from landplanner.store.gpkg_store import GpkgStore, network_share_warning
from landplanner.store.opening import open_any
from landplanner.store.registry import (
    SavedLocation,
    display_name,
    is_uri,
    list_projects,
    redact,
    register,
    save_location,
    store_for,
    strip_password,
)
from landplanner.store.registry import exists as is_project
from landplanner.store.registry import open_project as open_project
from landplanner.store.registry import save_project as save_project

__all__ = [
    "SCHEMA_VERSION",
    "GpkgStore",
    "Location",
    "ProjectStore",
    "display_name",
    "is_project",
    "is_uri",
    "open_any",
    "list_projects",
    "network_share_warning",
    "open_project",
    "redact",
    "register",
    "save_project",
    "store_for",
    "strip_password",
    "SavedLocation",
    "save_location",
]
