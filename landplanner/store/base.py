"""What every project store does, so a database store (PostGIS) stands beside the file one.

A project *location* is a text: a file path (the GeoPackage store, the default) or a URI
whose scheme names a store (``postgresql://user@host/db?schema=…``). Stores register their
schemes in :mod:`landplanner.store.registry`; open, save, exists and list go through it, and
each store registers its own messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from landplanner import messages

if TYPE_CHECKING:
    from landplanner.project import Project

#: Version of the saved layout; raise it (and add a migration) whenever the layout changes.
SCHEMA_VERSION = 1

#: A project location: a file path or a store URI.
Location = str | Path

messages.register(
    {
<<<<<<< HEAD
        "store.not_found": ("找不到项目文件：{path}", "Project file not found: {path}"),
        "store.not_gpkg": (
            "{path} 不是可读的 GeoPackage 项目文件（{detail}）",
            "{path} is not a readable GeoPackage project file ({detail})",
        ),
        "store.not_sqlite": (
            "{path} 不是 GeoPackage 文件（内容不是 SQLite 数据库）",
            "{path} is not a GeoPackage file (its content is not an SQLite database)",
        ),
        "store.lfs_pointer": (
            "{path} 是 Git LFS 指针文件，不是真正的数据；请先取回实际文件（git lfs pull）",
            "{path} is a Git LFS pointer, not the data; fetch the real file first (git lfs pull)",
        ),
        "store.not_project": (
            "{path} 是 GeoPackage，但不是 landplanner 项目（缺少项目信息表）；"
            "如要导入其中的地块，请把它作为地块文件打开",
            "{path} is a GeoPackage but not a landplanner project (no lp_meta table); "
            "open it as a parcel file to import its parcels",
        ),
        "store.newer_schema": (
            "{path} 由更新版本的 landplanner 保存（项目格式 {version}，本程序支持到 {supported}），请升级程序",
            "{path} was saved by a newer landplanner (project format {version}, this version "
            "reads up to {supported}); please upgrade",
        ),
        "store.corrupt": (
            "项目文件 {path} 已损坏：{detail}",
            "Project file {path} is damaged: {detail}",
        ),
        "store.save_failed": (
            "保存项目到 {path} 失败，原文件未改动：{detail}",
            "Saving the project to {path} failed; the previous file is unchanged: {detail}",
        ),
        "store.bad_suffix": (
            "项目文件名须以 .gpkg 结尾：{path}",
            "A project file name must end in .gpkg: {path}",
        ),
        "store.is_source": (
            "不能把项目保存到导入的源数据文件上：{path}；请另选文件名",
            "Refusing to save the project over its imported source file {path}; choose another name",
        ),
        "store.not_ours": (
            "{path} 已存在且不是 landplanner 项目，为免丢失其中的数据不予覆盖；请另选文件名",
            "{path} exists and is not a landplanner project; it is not overwritten so its data "
            "is not lost; choose another name",
        ),
        "store.no_folder": (
            "保存项目的文件夹不存在：{path}",
            "The folder to save the project in does not exist: {path}",
=======
        "store.unknown_scheme": (
            "不认识的项目位置“{location}”：支持的是文件路径和 {schemes}",
            "Unknown project location '{location}': file paths and {schemes} are supported",
>>>>>>> main
        ),
    }
)


@runtime_checkable
class ProjectStore(Protocol):
    """Reads and writes whole projects at a location (a file path or, for a database, a URI)."""

    #: URI schemes this store answers (``()`` for the file store, which takes paths).
    schemes: tuple[str, ...]

    def open(self, location: Location) -> Project:
        """Read the project at ``location``; raise :class:`problems.InputError` when it cannot."""
        ...

    def save(self, project: Project, location: Location) -> None:
        """Write ``project`` to ``location`` so that a failure leaves any previous project intact."""
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
