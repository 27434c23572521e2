"""Which store handles a project location: stores register by URI scheme.

A location without a registered ``scheme://`` prefix is a file path and goes to the
GeoPackage store (the embedded default). ``postgresql://`` and ``postgres://`` go to the
PostGIS store. Everything that opens, saves, tests or lists projects calls these functions,
never a store module directly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from landplanner.problems import InputError, Problem
from landplanner.store.base import Location, Progress, ProjectStore

if TYPE_CHECKING:
    from landplanner.project import Project

_STORES: dict[str, ProjectStore] = {}
_FACTORIES: dict[str, str] = {
    # scheme -> "module:Class", imported on first use so the CLI stays quick.
    "file": "landplanner.store.gpkg_store:GpkgStore",
    "postgresql": "landplanner.store.postgis_store:PostgisStore",
    "postgres": "landplanner.store.postgis_store:PostgisStore",
}
_URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")


def register(scheme: str, store: ProjectStore) -> None:
    """Let ``store`` handle locations ``scheme://…``."""
    _STORES[scheme.lower()] = store


def scheme_of(location: Location) -> str:
    """The scheme of ``location``: its ``scheme://`` prefix, or ``"file"`` for a path."""
    if isinstance(location, Path):
        return "file"
    match = _URI.match(str(location))
    return match.group(1).lower() if match else "file"


def is_uri(location: Location) -> bool:
    """Whether ``location`` names a database (or other non-file) store rather than a file."""
    return scheme_of(location) != "file"


def store_for(location: Location) -> ProjectStore:
    """The store handling ``location``; ``store.unknown_scheme`` for a scheme nobody serves."""
    scheme = scheme_of(location)
    store = _STORES.get(scheme)
    if store is not None:
        return store
    target = _FACTORIES.get(scheme)
    if target is None:
        known = ", ".join(f"{s}://" for s in sorted(set(_FACTORIES) | set(_STORES)) if s != "file")
        raise InputError(
            Problem.make("store.unknown_scheme", "error", location=display_name(location),
                         schemes=known)
        )
    module_name, class_name = target.split(":")
    import importlib

    store = getattr(importlib.import_module(module_name), class_name)()
    # one instance per class, whichever of its schemes was asked first
    for other, spec in _FACTORIES.items():
        if spec == target:
            _STORES.setdefault(other, store)
    return _STORES[scheme]


def open_project(location: Location, progress: Progress | None = None) -> Project:
    """Read the project at ``location`` with its store.

    ``progress(fraction, message) -> bool`` is reported to; returning False cancels
    (``InputError`` with code ``cancelled``).
    """
    return store_for(location).open(location, progress=progress)


def save_project(project: Project, location: Location, progress: Progress | None = None):
    """Write ``project`` to ``location`` with its store (``progress`` as for
    :func:`open_project`; a cancelled save leaves the previous project as it was)."""
    return store_for(location).save(project, location, progress=progress)


def exists(location: Location) -> bool:
    """Whether a landplanner project is at ``location`` (False for an unknown scheme)."""
    try:
        return bool(store_for(location).exists(location))
    except InputError:
        return False


def list_projects(location: Location) -> list[str]:
    """Locations of the projects in a folder or database."""
    return list(store_for(location).list(location))


def display_name(location: Location | None) -> str:
    """A short name for titles and messages; never contains a password."""
    if location is None:
        return ""
    if not is_uri(location):
        return Path(location).name
    try:
        return store_for(location).display_name(location)
    except Exception:  # an unknown scheme or a malformed URI: show it, without a password
        return redact(str(location))


def redact(location: Location) -> str:
    """``location`` with any password in a URI replaced by ``***`` (for logs, settings, titles)."""
    text = str(location)
    text = re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*):[^@/?#]*@", r"\1:***@", text)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)


def strip_password(location: Location) -> str:
    """``location`` without any password, fit to remember (a file path comes back unchanged)."""
    if not is_uri(location):
        return str(location)
    strip = getattr(store_for(location), "strip_password", None)
    return strip(str(location)) if strip is not None else redact(location)


class SavedLocation:
    """What :func:`save_location` returns: where it saved, the store's new state of the saved
    project (row versions of a shared store, else None) and the other users' changes the save
    merged in."""

    def __init__(self, location: str, store_state: object, adopted: list) -> None:
        self.location = location
        self.store_state = store_state
        self.adopted = adopted


def save_location(project: Project, location: Location, progress: Progress | None = None) -> SavedLocation:
    """Save ``project`` (a snapshot) to a file path or a store URI with its store.

    ``progress`` as for :func:`open_project`; a cancel leaves the previous project as it was.
    """
    location = str(location)
    target = location if is_uri(location) else Path(location)
    adopted = store_for(location).save(project, target, progress=progress)
    return SavedLocation(location, getattr(project, "store_state", None), list(adopted or []))
