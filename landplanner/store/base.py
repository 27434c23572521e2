"""What every project store does, so a database store (PostGIS) can stand beside the file one."""

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

messages.register(
    {
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
            "{path} 是 GeoPackage，但不是 landplanner 项目（没有 lp_meta 表）；"
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
        "store.progress_open": ("正在读取项目：{table}", "Reading the project: {table}"),
        "store.progress_open.cancelled": ("已取消打开项目", "Opening the project was cancelled"),
        "store.progress_save": ("正在保存项目：{table}", "Saving the project: {table}"),
        "store.progress_save.cancelled": (
            "已取消保存，原文件未改动",
            "Saving was cancelled; the previous file is unchanged",
        ),
        "store.no_folder": (
            "保存项目的文件夹不存在：{path}",
            "The folder to save the project in does not exist: {path}",
        ),
    }
)


@runtime_checkable
class ProjectStore(Protocol):
    """Reads and writes whole projects. ``path`` is a file path or, for a database store, a URI."""

    def open(self, path: str | Path, progress: Progress | None = None) -> Project:
        """Read the project at ``path``; raise :class:`problems.InputError` when it cannot.

        ``progress`` is reported to as the work goes on; when it returns False the store
        stops and raises ``InputError`` with code ``cancelled``.
        """
        ...

    def save(self, project: Project, path: str | Path, progress: Progress | None = None) -> None:
        """Write ``project`` to ``path`` so that a failure (or a cancel through ``progress``)
        leaves any previous project intact."""
        ...
