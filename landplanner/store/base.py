"""What every project store does, so a database store (PostGIS) stands beside the file one.

A project *location* is a text: a file path (the GeoPackage store, the default) or a URI
whose scheme names a store (``postgresql://user@host/db?schema=…``). Stores register their
schemes in :mod:`landplanner.store.registry`; open, save, exists and list go through it, and
each store registers its own messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from landplanner import messages

if TYPE_CHECKING:
    from landplanner.project import Project

#: ``progress(fraction, message) -> bool``: 0..1 done; returning False asks the store to stop.
Progress = Callable[[float, str], bool]

#: Version of the saved layout; raise it (and add a migration) whenever the layout changes.
SCHEMA_VERSION = 1

#: A project location: a file path or a store URI.
Location = str | Path

messages.register(
    {
        "store.progress_open": ("正在读取项目：{table}", "Reading the project: {table}"),
        "store.progress_open.cancelled": ("已取消打开项目", "Opening the project was cancelled"),
        "store.progress_save": ("正在保存项目：{table}", "Saving the project: {table}"),
        "store.progress_save.cancelled": (
            "已取消保存，原文件未改动",
            "Saving was cancelled; the previous file is unchanged",
        ),
        "store.unknown_scheme": (
            "不认识的项目位置“{location}”：支持的是文件路径和 {schemes}",
            "Unknown project location '{location}': file paths and {schemes} are supported",
        ),
    }
)


@runtime_checkable
class ProjectStore(Protocol):
    """Reads and writes whole projects at a location (a file path or, for a database, a URI)."""

    #: URI schemes this store answers (``()`` for the file store, which takes paths).
    schemes: tuple[str, ...]

    def open(self, location: Location, progress: Progress | None = None) -> Project:
        """Read the project at ``location``; raise :class:`problems.InputError` when it cannot.

        ``progress(fraction, message) -> bool`` is reported to as the work goes on; when it
        returns False the store stops and raises ``InputError`` with code ``cancelled``.
        """
        ...

    def save(self, project: Project, location: Location, progress: Progress | None = None) -> None:
        """Write ``project`` to ``location`` so that a failure (or a cancel through
        ``progress``) leaves any previous project intact."""
        ...

    def exists(self, location: Location) -> bool:
        """Whether a landplanner project is stored at ``location``."""
        ...

    def list(self, location: Location) -> list[str]:
        """Locations of the projects found in ``location`` (a folder, a database)."""
        ...

    def display_name(self, location: Location) -> str:
        """A short name of ``location`` for titles and messages (never with a password)."""
        ...
