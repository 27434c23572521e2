"""A project as one GeoPackage file that QGIS opens.

Layers ``parcels`` and ``parks`` hold the geometries; attribute tables hold the rest:
``lp_meta`` (key/value: ``schema_version``, ``app_version``, ``saved_at``, ``source`` and the
layout of every table, see :mod:`landplanner.store.frame_codec`), ``lp_settings`` (key, JSON
value), ``lp_field_mapping`` (canonical, source), ``lp_indicators`` and ``lp_plans`` (one row
per plan: ``id``, ``uscc``, ``parcel_ids``, ``status`` and the whole plan as JSON ``data``).

Saving writes a complete new file beside the target and then renames it over the target,
so a failed save leaves the previous project as it was.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import os
import re
import shutil
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

import landplanner
from landplanner import library_errors, messages
from landplanner.model.plan import Plan
from landplanner.problems import InputError, Problem
from landplanner.project import Project
from landplanner.store import frame_codec
from landplanner.store.base import SCHEMA_VERSION, Progress

messages.register(
    {
        "store.not_found": ("找不到项目文件：{path}", "Project file not found: {path}"),
        "store.not_gpkg": (
            "{path} 不是可读的 GeoPackage 项目文件：{detail}",
            "{path} is not a readable GeoPackage project file: {detail}",
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
        "store.network_share": (
            "{path} 位于网络共享（{kind}）上。多人通过网络共享同时打开 GeoPackage 会互相锁死、"
            "甚至损坏文件（SQLite 不支持网络文件系统上的并发写入）；多人协作请把项目迁移到 "
            "PostGIS 数据库（landplanner migrate {path} postgresql://…）",
            "{path} is on a network share ({kind}). A GeoPackage opened by several people over a "
            "share can lock up or be corrupted (SQLite's locking is unsafe on network file "
            "systems); to work together, move the project to a PostGIS database "
            "(landplanner migrate {path} postgresql://…)",
        ),
        "store.no_folder": (
            "保存项目的文件夹不存在：{path}",
            "The folder to save the project in does not exist: {path}",
        ),
    }
)



_SQLITE_MAGIC = b"SQLite format 3\x00"
_META = "lp_meta"
_TABLES = ("parcels", "parks", "lp_settings", "lp_field_mapping", "lp_indicators", "lp_plans",
           "lp_assets", "lp_incoming", "lp_snapshots")
_DESCRIPTIONS = {
    "parcels": "landplanner 地块 parcels",
    "parks": "landplanner 园区 parks",
    "lp_meta": "landplanner project metadata",
    "lp_settings": "landplanner settings (JSON values)",
    "lp_field_mapping": "landplanner field mapping (canonical -> source column)",
    "lp_indicators": "landplanner enterprise indicators",
    "lp_plans": "landplanner 一企一策 plans (JSON data)",
    "lp_assets": "landplanner 资产清单 assets",
    "lp_incoming": "landplanner 地等项目 incoming projects",
    "lp_snapshots": "landplanner 季度大比武 snapshots (frozen, JSON data)",
}


class GpkgStore:
    """The :class:`~landplanner.store.base.ProjectStore` writing one GeoPackage file."""

    schemes: tuple[str, ...] = ("file",)

    def open(self, path: str | Path, progress: Progress | None = None) -> Project:
        """See :func:`open_project`; a file on a network share adds a ``store.network_share``
        warning to ``project.problems``."""
        path = _as_path(path)
        project = open_project(path, progress=progress)
        warning = network_share_warning(path)
        if warning is not None:
            project.problems.append(warning)
        return project

    def save(self, project: Project, path: str | Path, progress: Progress | None = None) -> None:
        """See :func:`save_project`."""
        save_project(project, _as_path(path), progress=progress)

    def exists(self, path: str | Path) -> bool:
        """See :func:`is_project`."""
        return is_project(_as_path(path))

    def list(self, folder: str | Path) -> list[str]:
        """The landplanner projects (``.gpkg`` with ``lp_meta``) in ``folder``, sorted."""
        folder = _as_path(folder)
        if not folder.is_dir():
            return []
        return sorted(str(p) for p in folder.glob("*.gpkg") if is_project(p))

    def display_name(self, path: str | Path) -> str:
        """The file name."""
        return _as_path(path).name


def _step(progress: Progress | None, fraction: float, code: str, **kw: Any) -> None:
    """Report progress; raise ``InputError`` (code ``cancelled``) when the caller says stop."""
    if progress is not None and progress(fraction, messages.text(code, **kw)) is False:
        zh, en = messages.both(f"{code}.cancelled")
        raise InputError(Problem("cancelled", "error", zh, en))


def _as_path(location: str | Path) -> Path:
    text = str(location)
    if text.lower().startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(text).path))
    return Path(location)


# --------------------------------------------------------------------------- network shares

#: File system types of network mounts (``/proc/mounts``), where SQLite's locking is unsafe.
NETWORK_FS = frozenset(
    {"cifs", "smb", "smb2", "smb3", "smbfs", "nfs", "nfs4", "afs", "ncpfs", "9p", "davfs",
     "fuse.sshfs", "fuse.davfs2", "fuse.rclone", "ceph", "glusterfs", "fuse.glusterfs"}
)


def network_share_warning(path: str | Path) -> Problem | None:
    """A ``store.network_share`` warning when ``path`` is on a network share, else None.

    A UNC path (``\\\\server\\share``), a mapped network drive on Windows, or a folder whose
    mount (``/proc/mounts``) is SMB/CIFS/NFS counts as a share.
    """
    kind = network_share_kind(path)
    if kind is None:
        return None
    return Problem.make("store.network_share", "warning", path=path, kind=kind)


def network_share_kind(path: str | Path, mounts: str | None = None) -> str | None:
    """The kind of network share ``path`` lies on (``"UNC"``, ``"cifs"``, ``"nfs4"``…), or None.

    ``mounts`` is the text of ``/proc/mounts`` (read when None; for tests).
    """
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith("///"):
        return "UNC"
    if os.name == "nt":
        return _windows_remote_drive(text)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    try:
        resolved = str(Path(path).resolve())
    except OSError:
        resolved = os.path.abspath(text)
    best, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type if best_type in NETWORK_FS else None


def _windows_remote_drive(text: str) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return None
    if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
        return "network drive"
    return None


# --------------------------------------------------------------------------- saving


def save_project(project: Project, path: str | Path, progress: Progress | None = None) -> None:
    """Write ``project`` to the GeoPackage ``path`` atomically.

    The file is written complete under a temporary name in the same folder, flushed to
    disk, then renamed over ``path``; on any failure the temporary file is removed and
    the previous ``path`` (if any) is untouched.

    Parameters
    ----------
    progress : callable, optional
        ``progress(fraction, message) -> bool``, called before each table; returning False
        cancels the save (the previous file stays as it was).

    Raises
    ------
    problems.InputError
        ``store.bad_suffix`` (not ``.gpkg``), ``store.no_folder``, ``store.is_source``
        (``path`` is the file the parcels were imported from), ``store.not_ours`` (``path``
        exists and is not a landplanner project), ``store.save_failed``, or ``cancelled``.
    """
    path = Path(path)
    _check_target(project, path)
    clean_stale_saves(path)
    temp = path.with_name(f".{path.stem}.saving-{os.getpid()}-{uuid.uuid4().hex[:8]}.gpkg")
    try:
        with _unsynchronised_sqlite():
            _write_project(project, temp, progress)
        _step(progress, 1.0, "store.progress_save", table="lp_meta")
        _fsync(temp)
        if path.exists():
            shutil.copymode(path, temp)
        os.replace(temp, path)
        _fsync_folder(path.parent)
    except BaseException as exc:
        _remove_temp(temp)
        if isinstance(exc, InputError) or not isinstance(exc, Exception):
            raise
        problem = Problem.make("store.save_failed", "error", path=path, detail=_detail(exc))
        raise InputError(problem) from exc


@contextlib.contextmanager
def _unsynchronised_sqlite():
    """Let SQLite skip its own flushes while the temporary file is written.

    Every layer write would otherwise wait for the disk several times; the finished file is
    flushed once (``_fsync``) before it replaces the target, which is what makes it durable.
    """
    key = "OGR_SQLITE_SYNCHRONOUS"
    previous = pyogrio.get_gdal_config_option(key)
    pyogrio.set_gdal_config_options({key: "OFF"})
    try:
        yield
    finally:
        if isinstance(previous, bool):
            previous = "ON" if previous else "OFF"
        pyogrio.set_gdal_config_options({key: previous})


def _check_target(project: Project, path: Path) -> None:
    if path.suffix.lower() != ".gpkg":
        raise InputError(Problem.make("store.bad_suffix", "error", path=path))
    if not path.parent.is_dir():
        raise InputError(Problem.make("store.no_folder", "error", path=path.parent))
    source = (project.source or {}).get("path")
    if source and _same_file(Path(source), path):
        raise InputError(Problem.make("store.is_source", "error", path=path))
    if path.exists() and path.stat().st_size > 0 and not is_project(path):
        # Someone's data, not a project: replacing it would lose it.
        raise InputError(Problem.make("store.not_ours", "error", path=path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _write_project(project: Project, path: Path, progress: Progress | None = None) -> None:
    layouts: dict[str, dict] = {}
    tables: list[tuple[str, pd.DataFrame]] = [("parcels", project.parcels)]
    if project.parks is not None:
        tables.append(("parks", project.parks))
    plans_table = _plans_table(project.plans)
    tables += [
        ("lp_settings", _settings_table(project.settings)),
        ("lp_field_mapping", _mapping_table(project.field_mapping)),
        ("lp_indicators", project.indicators if project.indicators is not None else pd.DataFrame()),
        ("lp_plans", plans_table),
    ]
    # campaign tables (assets, incoming projects, scoreboard snapshots): only when present
    for name, frame in (("lp_assets", getattr(project, "assets", None)),
                        ("lp_incoming", getattr(project, "incoming", None)),
                        ("lp_snapshots", _snapshots_table(getattr(project, "snapshots", None)))):
        if frame is not None and len(frame.columns):
            tables.append((name, frame))
    for i, (name, frame) in enumerate(tables):
        _step(progress, i / (len(tables) + 1), "store.progress_save", table=name)
        layouts[name] = _write_table(path, name, frame)
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "app_version": landplanner.__version__,
        "saved_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "source": _dumps(project.source or {}),
    }
    meta.update({f"layout:{name}": _dumps(layout) for name, layout in layouts.items()})
    # lp_meta goes last: a file without it was never completely written.
    meta_frame = pd.DataFrame({"key": list(meta), "value": list(meta.values())})
    _write_table(path, _META, meta_frame)


def _write_table(path: Path, name: str, frame: pd.DataFrame) -> dict:
    """Write one layer or table into the GeoPackage ``path``; return its layout."""
    storable, layout = frame_codec.encode(frame)
    options = {"IDENTIFIER": name, "DESCRIPTION": _DESCRIPTIONS.get(name, name)}
    kwargs: dict[str, Any] = {"driver": "GPKG", "layer": name, "layer_options": options}
    if isinstance(storable, gpd.GeoDataFrame):
        kwargs["geometry_type"] = _geometry_type(storable.geometry)
        kwargs["promote_to_multi"] = False
        options["SPATIAL_INDEX"] = "YES"
    with warnings.catch_warnings():
        # Polygons in a MultiPolygon layer: kept as they are, so the round trip is exact.
        warnings.filterwarnings("ignore", message=".*not normally allowed by the GeoPackage.*")
        # A project may hold parcels whose CRS is unknown; the loader has reported that.
        warnings.filterwarnings("ignore", message="'crs' was not provided")
        pyogrio.write_dataframe(storable, path, use_arrow=True, **kwargs)
    return layout


def _geometry_type(geometry: gpd.GeoSeries) -> str:
    """The layer type QGIS shows: one type, or its Multi form when single and multi mix."""
    kinds = set(geometry.geom_type.dropna().unique())
    if not kinds:
        return "Polygon"
    if len(kinds) == 1:
        return kinds.pop()
    bases = {k.removeprefix("Multi") for k in kinds}
    if len(bases) == 1:
        return "Multi" + bases.pop()
    return "Unknown"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON-able")


def _settings_table(settings: dict) -> pd.DataFrame:
    keys = [str(k) for k in (settings or {})]
    values = [_dumps(v) for v in (settings or {}).values()]
    return pd.DataFrame(
        {"key": pd.Series(keys, dtype=object), "value": pd.Series(values, dtype=object)}
    )


def _mapping_table(mapping: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "canonical": pd.Series(list(mapping or {}), dtype=object),
            "source": pd.Series(list((mapping or {}).values()), dtype=object),
        }
    )


def _plans_table(plans: list[Plan]) -> pd.DataFrame:
    rows = []
    for plan in plans or []:
        data = plan.to_dict()
        parcel_ids = data.get("parcel_ids") or []
        rows.append(
            {
                "id": _text(data.get("id")),
                "uscc": _text(data.get("uscc")),
                "parcel_ids": _dumps(list(parcel_ids)),
                "status": _text(data.get("status")),
                "data": _dumps(data),
            }
        )
    columns = ["id", "uscc", "parcel_ids", "status", "data"]
    return pd.DataFrame(rows, columns=columns).astype(object)


def _snapshots_table(snapshots: list | None) -> pd.DataFrame | None:
    if not snapshots:
        return None
    rows = [{"id": _text(s.get("id")), "quarter": _text(s.get("quarter")),
             "frozen_at": _text(s.get("frozen_at")), "data": _dumps(s)} for s in snapshots]
    return pd.DataFrame(rows, columns=["id", "quarter", "frozen_at", "data"]).astype(object)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened on Windows.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_temp(temp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(temp) + suffix).unlink(missing_ok=True)


_STALE = re.compile(r"^\.(?P<stem>.+)\.saving-(?P<pid>\d+)-[0-9a-f]+\.gpkg(?:-journal|-wal|-shm)?$")
log = logging.getLogger(__name__)


def clean_stale_saves(path: str | Path) -> list[Path]:
    """Remove what interrupted saves of ``path`` left beside it; return the removed files.

    A save writes ``.NAME.saving-<pid>-<id>.gpkg`` (and SQLite's ``-journal``) and renames
    it over ``NAME.gpkg``; a save killed on the way leaves them behind. Only files whose
    process is no longer running are removed (a live save, in this or another process, is
    left alone), and each removal is logged.
    """
    path = Path(path)
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{path.stem}.saving-*"))
    except OSError:
        return removed
    for candidate in candidates:
        match = _STALE.match(candidate.name)
        if match is None or match["stem"] != path.stem:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            size = candidate.stat().st_size
            candidate.unlink()
        except OSError:
            continue  # still open (Windows) or already gone
        removed.append(candidate)
        log.info(
            "removed %s (%d bytes), left by an interrupted save of %s (process %d)",
            candidate.name, size, path.name, pid,
        )
    return removed


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill cannot probe there; an open file cannot be deleted anyway
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else
    return True


def _detail(exc: BaseException):
    """The library's error in words a user can act on (both languages)."""
    return library_errors.plain(exc)


# --------------------------------------------------------------------------- opening


def is_project(path: str | Path) -> bool:
    """True when ``path`` is a GeoPackage holding a landplanner project (an ``lp_meta`` table)."""
    path = Path(path)
    try:
        if not path.is_file() or not _magic(path).startswith(_SQLITE_MAGIC):
            return False
        return _META in _layer_names(path)
    except (OSError, pyogrio.errors.DataSourceError):
        return False


def open_project(path: str | Path, progress: Progress | None = None) -> Project:
    """Read the project saved in the GeoPackage ``path``.

    Files saved with an older schema version are upgraded in memory by the migrations in
    :data:`MIGRATIONS`; the file itself is not changed.

    Parameters
    ----------
    progress : callable, optional
        ``progress(fraction, message) -> bool``, called before each table; returning False
        cancels (raises ``InputError`` with code ``cancelled``).

    Raises
    ------
    problems.InputError
        ``store.not_found``, ``store.not_gpkg``, ``store.not_project``,
        ``store.newer_schema``, ``store.corrupt`` or ``cancelled``, each with a plain message.
    """
    path = Path(path)
    clean_stale_saves(path)
    _step(progress, 0.0, "store.progress_open", table=_META)
    meta, names = _read_meta(path)
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        raise _corrupt(path, f"schema_version {meta.get('schema_version')!r}") from None
    if version > SCHEMA_VERSION:
        problem = Problem.make(
            "store.newer_schema", "error", path=path, version=version, supported=SCHEMA_VERSION
        )
        raise InputError(problem)
    try:
        present = [name for name in _TABLES if name in names]
        raw = {}
        for i, name in enumerate(present):
            _step(progress, (i + 1) / (len(present) + 2), "store.progress_open", table=name)
            raw[name] = _read_table(path, name)
            _check_text(raw[name], name)
        _step(progress, 1.0, "store.progress_open", table="")
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](raw, meta)
        return _build_project(raw, meta)
    except InputError:
        raise
    except Exception as exc:  # a damaged file can fail anywhere: report it, never a traceback
        raise _corrupt(path, _detail(exc)) from exc


def _corrupt(path: Path, detail: str) -> InputError:
    return InputError(Problem.make("store.corrupt", "error", path=path, detail=detail))


def _magic(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(64)


def _layer_names(path: Path) -> list[str]:
    with warnings.catch_warnings():
        # GDAL's notes on odd headers; a real problem raises, and is reported then.
        warnings.simplefilter("ignore", RuntimeWarning)
        return [str(name) for name in pyogrio.list_layers(path)[:, 0]]


def _read_meta(path: Path) -> tuple[dict[str, str], list[str]]:
    """The ``lp_meta`` table as a dict, and the file's layer names (read once for both)."""
    if not path.is_file():
        raise InputError(Problem.make("store.not_found", "error", path=path))
    try:
        head = _magic(path)
    except OSError as exc:
        raise InputError(
            Problem.make("store.not_gpkg", "error", path=path, detail=_detail(exc))
        ) from exc
    if head.startswith(b"version https://git-lfs"):
        raise InputError(Problem.make("store.lfs_pointer", "error", path=path))
    if not head.startswith(_SQLITE_MAGIC):
        raise InputError(Problem.make("store.not_sqlite", "error", path=path))
    try:
        names = _layer_names(path)
    except Exception as exc:
        raise InputError(
            Problem.make("store.not_gpkg", "error", path=path, detail=_detail(exc))
        ) from exc
    if _META not in names:
        raise InputError(Problem.make("store.not_project", "error", path=path))
    try:
        table = pyogrio.read_dataframe(path, layer=_META, read_geometry=False)
        meta = {str(k): str(v) for k, v in zip(table["key"], table["value"], strict=True)}
        return meta, names
    except Exception as exc:
        raise _corrupt(path, _detail(exc)) from exc


def _read_table(path: Path, name: str) -> pd.DataFrame:
    geo = name in ("parcels", "parks")
    return pyogrio.read_dataframe(path, layer=name, read_geometry=geo, use_arrow=True)


def _check_text(frame: pd.DataFrame, name: str) -> None:
    """Text that is not UTF-8 (a damaged page, bytes another tool wrote) makes the file
    damaged: found here on open, not later by pyarrow in whatever reads the column."""
    import pyarrow as pa

    for column in frame.columns:
        values = frame[column].array
        if not isinstance(frame[column].dtype, pd.StringDtype) or not hasattr(
                values, "__arrow_array__"):
            continue
        try:
            values.__arrow_array__().validate(full=True)
        except (pa.ArrowInvalid, pa.ArrowException) as exc:
            raise ValueError(f"{name}.{column}: text that is not UTF-8") from exc


def _layout(meta: dict[str, str], name: str) -> dict | None:
    text = meta.get(f"layout:{name}")
    return json.loads(text) if text else None


def _build_project(raw: dict[str, pd.DataFrame], meta: dict[str, str]) -> Project:
    def table(name: str) -> pd.DataFrame | None:
        return frame_codec.decode(raw[name], _layout(meta, name)) if name in raw else None

    parcels = table("parcels")
    if parcels is None:
        raise ValueError("the parcels layer is missing")
    settings_table = table("lp_settings")
    settings = (
        {
            str(k): json.loads(v)
            for k, v in zip(settings_table["key"], settings_table["value"], strict=True)
        }
        if settings_table is not None
        else {}
    )
    mapping_table = table("lp_field_mapping")
    mapping = (
        {
            str(k): (None if pd.isna(v) else str(v))
            for k, v in zip(mapping_table["canonical"], mapping_table["source"], strict=True)
        }
        if mapping_table is not None
        else {}
    )
    indicators = table("lp_indicators")
    plans_table = table("lp_plans")
    plans = _plans_from_table(plans_table) if plans_table is not None else []
    assets, incoming, snapshots = table("lp_assets"), table("lp_incoming"), table("lp_snapshots")
    return Project(
        parcels=parcels,
        parks=table("parks"),
        indicators=indicators if indicators is not None else pd.DataFrame(),
        plans=plans,
        settings=settings,
        field_mapping=mapping,
        source=json.loads(meta.get("source") or "{}"),
        assets=assets if assets is not None else pd.DataFrame(),
        incoming=incoming if incoming is not None else pd.DataFrame(),
        snapshots=[json.loads(t) for t in snapshots["data"]] if snapshots is not None else [],
    )


def _plans_from_table(frame: pd.DataFrame) -> list[Plan]:
    """The plans of the ``lp_plans`` table; a plan that is not valid makes the file corrupt."""
    try:
        return [Plan.from_dict(json.loads(text)) for text in frame["data"]]
    except InputError as exc:  # not the user's input: the file's plans are damaged
        raise ValueError(f"lp_plans: {exc.problem.message}") from exc


# --------------------------------------------------------------------------- migrations


def _migrate_0_to_1(raw: dict[str, pd.DataFrame], meta: dict[str, str]) -> None:
    """Schema 0 kept the field mapping as one JSON object in ``lp_settings`` (key
    ``field_mapping``) and had no table layouts; schema 1 has ``lp_field_mapping``."""
    settings = raw.get("lp_settings")
    if settings is not None and "lp_field_mapping" not in raw:
        is_mapping = settings["key"] == "field_mapping"
        mapping = json.loads(settings.loc[is_mapping, "value"].iloc[0]) if is_mapping.any() else {}
        raw["lp_settings"] = settings.loc[~is_mapping].reset_index(drop=True)
        raw["lp_field_mapping"] = pd.DataFrame(
            {"canonical": list(mapping), "source": list(mapping.values())}, dtype=object
        )
    meta["schema_version"] = "1"


#: ``MIGRATIONS[v](raw_tables, meta)`` upgrades what was read from schema ``v`` to ``v + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, pd.DataFrame], dict[str, str]], None]] = {
    0: _migrate_0_to_1,
}
