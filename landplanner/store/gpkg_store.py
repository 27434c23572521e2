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
import os
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
from landplanner import messages
from landplanner.model.plan import Plan
from landplanner.problems import InputError, Problem
from landplanner.project import Project
from landplanner.store import frame_codec
from landplanner.store.base import SCHEMA_VERSION, Progress

_SQLITE_MAGIC = b"SQLite format 3\x00"
_META = "lp_meta"
_TABLES = ("parcels", "parks", "lp_settings", "lp_field_mapping", "lp_indicators", "lp_plans")
_DESCRIPTIONS = {
    "parcels": "landplanner 地块 parcels",
    "parks": "landplanner 园区 parks",
    "lp_meta": "landplanner project metadata",
    "lp_settings": "landplanner settings (JSON values)",
    "lp_field_mapping": "landplanner field mapping (canonical -> source column)",
    "lp_indicators": "landplanner enterprise indicators",
    "lp_plans": "landplanner 一企一策 plans (JSON data)",
}


class GpkgStore:
    """The :class:`~landplanner.store.base.ProjectStore` writing one GeoPackage file."""

    def open(self, path: str | Path, progress: Progress | None = None) -> Project:
        """See :func:`open_project`."""
        return open_project(path, progress=progress)

    def save(self, project: Project, path: str | Path, progress: Progress | None = None) -> None:
        """See :func:`save_project`."""
        save_project(project, path, progress=progress)


def _step(progress: Progress | None, fraction: float, code: str, **kw: Any) -> None:
    """Report progress; raise ``InputError`` (code ``cancelled``) when the caller says stop."""
    if progress is not None and progress(fraction, messages.text(code, **kw)) is False:
        zh, en = messages.both(f"{code}.cancelled")
        raise InputError(Problem("cancelled", "error", zh, en))


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


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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
    _step(progress, 0.0, "store.progress_open", table=_META)
    meta = _read_meta(path)
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
        names = _layer_names(path)
        present = [name for name in _TABLES if name in names]
        raw = {}
        for i, name in enumerate(present):
            _step(progress, (i + 1) / (len(present) + 2), "store.progress_open", table=name)
            raw[name] = _read_table(path, name)
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


def _read_meta(path: Path) -> dict[str, str]:
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
        return {str(k): str(v) for k, v in zip(table["key"], table["value"], strict=True)}
    except Exception as exc:
        raise _corrupt(path, _detail(exc)) from exc


def _read_table(path: Path, name: str) -> pd.DataFrame:
    geo = name in ("parcels", "parks")
    return pyogrio.read_dataframe(path, layer=name, read_geometry=geo, use_arrow=True)


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
    return Project(
        parcels=parcels,
        parks=table("parks"),
        indicators=indicators if indicators is not None else pd.DataFrame(),
        plans=plans,
        settings=settings,
        field_mapping=mapping,
        source=json.loads(meta.get("source") or "{}"),
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
