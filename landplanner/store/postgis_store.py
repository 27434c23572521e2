"""A project in PostgreSQL/PostGIS, shared by several people at once.

Location: ``postgresql://user@host:port/db?schema=chongchuan`` (any libpq URI; ``service=``
names a pg_service.conf entry). Passwords are never part of what landplanner keeps: libpq
reads ``~/.pgpass`` or the service file, and when the ``keyring`` package is installed the
system keyring (service ``landplanner``, user ``user@host:port/db``) is asked.

Layout of one project schema (QGIS opens ``parcels`` and ``parks`` as layers):

* ``parcels`` / ``parks``: ``lp_fid`` key, ``row_version``, the attribute columns, and
  ``geom``, a PostGIS geometry column in the project CRS with a GiST index;
* ``lp_plans``: ``id``, ``park``, ``uscc``, ``status``, ``parcel_ids``, the plan as ``data``
  (jsonb) and ``row_version``; ``lp_settings`` (key, JSON text, ``row_version``),
  ``lp_field_mapping``, ``lp_indicators``, ``lp_meta`` and the campaign tables ``lp_assets``,
  ``lp_incoming``, ``lp_snapshots`` (as in the GeoPackage store);
* ``lp_history``: one row per changed field, written by a trigger (so edits from psql or QGIS
  are recorded too): when, database role, application user (``SET landplanner.user``),
  table, row, old → new; each change is also announced with ``NOTIFY landplanner``;
* ``lp_editor_parks``: which login role edits which park;
* ``lp_promoted``: rows of a layer mixing single and Multi geometries (its column is the Multi
  type, so QGIS shows one layer) whose single geometry is stored as a one-part Multi one; the
  project reads them back as they were.

Saving writes only the rows that changed since they were loaded, all or nothing, each
``UPDATE … WHERE row_version = <loaded>``; a row someone else changed meanwhile is merged
field by field (:mod:`landplanner.store.conflicts`), and a field both changed raises
:class:`SaveConflict` with nothing written. A plan edit is sent as a field-level
compare-and-set: the fields this user changed (and the history entries added) are written
onto the row as it is, if nobody changed it or every field changed here still holds the
loaded value; so two users editing different fields of one plan merge in the database in one
statement, and only a field both changed locks the row. The statements go in a pipeline
(psycopg 3). The changes always commit between an explicit BEGIN and COMMIT that waits for the
disk (in a pipeline, statements without them would share one implicit transaction with
whatever follows up to the next Sync); the announcement to other users (``NOTIFY``) follows
as one statement in a transaction of its own that does not wait for the disk. A save of one
plan is one round trip (BEGIN, UPDATE, COMMIT, announcement); a save of several rows takes two
(the UPDATEs are read before COMMIT is sent, so that one changed meanwhile can be merged or
reported with nothing written); a save that changes nothing does not reach the server. A save
of one plan's fields announces the change itself (fields set, history entries added, the row
version it made): other users whose base is the version before take it in without reading
the row (:class:`ChangeHint`, :func:`refresh`). psycopg 3 because it is the
maintained PostgreSQL driver with pipeline mode, server-side prepared statements and COPY
(the first copy of a project is loaded with COPY, geometry as EWKB).

Roles (cluster-wide, created when missing): ``landplanner_viewer`` reads; ``landplanner_editor``
also edits plans and parcel attributes of the parks listed for it in ``lp_editor_parks``
(row-level security) and the stored scores; ``landplanner_admin`` changes everything
(settings, scoring configuration, targets, indicators, parks).

Every thread uses its own connection (:func:`connect`); a connection is never shared.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import getpass
import itertools
import json
import operator
import os
import re
import threading
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import landplanner
from landplanner import messages
from landplanner.model.plan import Plan, _jsonable
from landplanner.problems import InputError, Problem
from landplanner.project import Project
from landplanner.store import frame_codec, gpkg_store
from landplanner.store.base import SCHEMA_VERSION, Progress
from landplanner.store.conflicts import WHOLE_RECORD, Conflict, merge_record
from landplanner.store.registry import redact

messages.register(
    {
        "pg.no_driver": (
            "无法连接 PostgreSQL：未安装 psycopg（pip install \"psycopg[binary]\"）",
            "Cannot reach PostgreSQL: psycopg is not installed (pip install \"psycopg[binary]\")",
        ),
        "pg.connect_failed": (
            "无法连接数据库 {location}：{detail}",
            "Cannot connect to the database {location}: {detail}",
        ),
        "pg.not_project": (
            "数据库 {location} 中没有 landplanner 项目（模式 {schema} 里缺少项目信息表）",
            "The database {location} holds no landplanner project (no lp_meta table in schema {schema})",
        ),
        "pg.exists": (
            "数据库 {location} 的模式 {schema} 中已有项目；为免覆盖他人的数据，请另选模式名",
            "Schema {schema} of {location} already holds a project; choose another schema so "
            "nobody's data is overwritten",
        ),
        "pg.no_postgis": (
            "数据库 {location} 没有安装 PostGIS 扩展，请管理员执行 CREATE EXTENSION postgis",
            "The database {location} lacks the PostGIS extension; ask an administrator to run "
            "CREATE EXTENSION postgis",
        ),
        "pg.denied": (
            "您的数据库角色无权执行此修改（{detail}）；未保存任何内容",
            "Your database role may not make this change ({detail}); nothing was saved",
        ),
        "pg.save_failed": (
            "保存到数据库 {location} 失败，数据库中的项目未改动：{detail}",
            "Saving to the database {location} failed; the project there is unchanged: {detail}",
        ),
        "pg.conflict": (
            "其他用户同时修改了相同的内容（{count} 处），未保存任何内容；请选择保留哪一方的修改",
            "Other users changed the same values meanwhile ({count}); nothing was saved; "
            "choose whose change to keep",
        ),
        "pg.newer_schema": (
            "{location} 由更新版本的 landplanner 保存（项目格式 {version}，本程序支持到 {supported}），请升级程序",
            "{location} was saved by a newer landplanner (project format {version}, this "
            "version reads up to {supported}); please upgrade",
        ),
        "pg.bad_schema": ("模式名无效：{schema}", "Invalid schema name: {schema}"),
        "pg.roles_pending": (
            "项目已写入 {location}，但您的数据库账号无权创建角色（需要 CREATEROLE），查看、编辑、管理"
            "三种权限尚未设置，目前只有您本人能读写该项目。请数据库管理员执行：{sql}"
            "之后您再保存一次项目，权限即自动设置。",
            "The project was written to {location}, but your database account may not create "
            "roles (CREATEROLE is needed), so the viewer, editor and administrator rights are not "
            "set yet and only you can read or change the project. Ask a database administrator to "
            "run: {sql} The rights are then set the next time you save the project.",
        ),
    }
)

DEFAULT_SCHEMA = "landplanner"
ROLES = ("landplanner_viewer", "landplanner_editor", "landplanner_admin")
_SCHEMA_NAME = re.compile(r"^[^\x00\"]{1,63}$")
_KEY_COLUMNS = ("lp_fid", "row_version", "geom")
#: Settings keys a park editor may write (results anyone may recompute).
EDITOR_SETTINGS = ("scores",)
_local = threading.local()
_app_user: str | None = None


def set_app_user(name: str | None) -> None:
    """The user name written into the history of changes made by this process."""
    global _app_user
    _app_user = name or None


def app_user() -> str:
    """The application user: :func:`set_app_user`, else ``LANDPLANNER_USER``, else the login."""
    if _app_user:
        return _app_user
    try:
        return os.environ.get("LANDPLANNER_USER") or getpass.getuser()
    except Exception:
        return "landplanner"


# --------------------------------------------------------------------------- locations


def parse_location(location: str) -> tuple[str, str]:
    """``(conninfo, schema)`` of a ``postgresql://…?schema=…`` location."""
    parts = urlsplit(str(location))
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), "") or DEFAULT_SCHEMA
    if not _SCHEMA_NAME.match(schema):
        raise InputError(Problem.make("pg.bad_schema", "error", schema=schema))
    rest = [(k, v) for k, v in query if k != "schema"]
    conninfo = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(rest), ""))
    return conninfo, schema


def make_location(host: str = "", port: int | str | None = None, dbname: str = "",
                  user: str = "", schema: str = DEFAULT_SCHEMA, service: str = "") -> str:
    """A location URI without password (what the app remembers)."""
    netloc = ""
    if user:
        netloc = f"{_quote(user)}@"
    netloc += host or ""
    if port:
        netloc += f":{port}"
    query = [("schema", schema)] if schema else []
    if service:
        query.insert(0, ("service", service))
    return urlunsplit(("postgresql", netloc, "/" + _quote(dbname) if dbname else "", urlencode(query), ""))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def strip_password(location: str) -> str:
    """``location`` without its password (to remember it in settings or a recent list)."""
    parts = urlsplit(str(location))
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        netloc = userinfo.split(":", 1)[0] + "@" + host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), parts.fragment))


_session_passwords: dict[str, str] = {}


def set_session_password(location: str, password: str) -> None:
    """Use ``password`` for ``location``'s server in this process only (typed in a dialog);
    it is kept in memory, never written to the project, the settings or a log."""
    conninfo, _schema = parse_location(strip_password(location))
    if password:
        _session_passwords[conninfo] = password
    else:
        _session_passwords.pop(conninfo, None)


def _keyring_password(conninfo: str) -> str | None:
    if conninfo in _session_passwords:
        return _session_passwords[conninfo]
    try:
        import keyring  # optional
    except ImportError:
        return None
    parts = urlsplit(conninfo)
    if parts.password:
        return None
    key = f"{parts.username or ''}@{parts.hostname or ''}:{parts.port or 5432}{parts.path}"
    try:
        return keyring.get_password("landplanner", key)
    except Exception:
        return None


def connect(location: str):
    """This thread's connection to ``location`` (opened on first use, never shared)."""
    try:
        import psycopg
    except ImportError as exc:
        raise InputError(Problem.make("pg.no_driver", "error")) from exc
    conninfo, _schema = parse_location(location)
    pool = getattr(_local, "connections", None)
    if pool is None:
        pool = _local.connections = {}
    conn = pool.get(conninfo)
    if conn is not None and not conn.closed and not conn.broken:
        return conn
    # autocommit: transactions are explicit (``conn.transaction()``, or BEGIN … COMMIT sent in
    # one pipeline by a save), so no hidden BEGIN costs a round trip of its own
    kwargs: dict[str, Any] = {"application_name": "landplanner", "connect_timeout": 10,
                              "autocommit": True}
    password = _keyring_password(conninfo)
    if password:
        kwargs["password"] = password
    try:
        conn = psycopg.connect(conninfo, **kwargs)
    except psycopg.Error as exc:
        raise InputError(
            Problem.make("pg.connect_failed", "error", location=redact(strip_password(location)),
                         detail=_pg_detail(exc))
        ) from exc
    pool[conninfo] = conn
    return conn


def close_connections() -> None:
    """Close this thread's connections."""
    for conn in (getattr(_local, "connections", None) or {}).values():
        try:
            conn.close()
        except Exception:
            pass
    _local.connections = {}


def _pg_detail(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    text = (getattr(diag, "message_primary", None) or str(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --------------------------------------------------------------------------- the store


@dataclass
class PgState:
    """What was loaded from (or last saved to) the database: the base of the next save."""

    location: str
    schema: str
    user: str
    parcel_layout: dict
    parcel_columns: list[str]
    parcels: pd.DataFrame  # storable attribute values as loaded, row = position
    parcel_geoms: np.ndarray
    parcel_fids: np.ndarray
    parcel_versions: np.ndarray
    parcel_hashes: np.ndarray
    plans: dict[str, tuple[int, dict]]
    plan_objects: dict[str, Any]
    plan_order: dict[str, int]
    settings: dict[str, tuple[int, str]]
    mapping: dict
    source: str
    indicators: pd.DataFrame | None
    parks: gpd.GeoDataFrame | None
    history_id: int = 0
    srid: int = 0
    #: Side tables replaced whole when they change: name -> the frame as loaded.
    side: dict = field(default_factory=dict)
    #: The project was created by a user who could not create the roles: no grants yet.
    roles_pending: bool = False
    #: The parcels' geometry column type when it is a Multi one (single ones stored promoted).
    geom_kind: str = ""
    #: ``id(plan object) -> key``: where to look a plan up in ``plan_objects`` (a hint shared
    #: by the states made from this one; see :func:`_unchanged_keys`).
    plan_ids: dict = field(default_factory=dict, repr=False, compare=False)
    #: ``(plan_objects, plans, keys)`` as the project's plan list stood when this state was
    #: made: a plan still at its position is unchanged without a look-up (valid while
    #: ``plan_objects`` is that very dict; see :func:`_unchanged_keys`).
    plan_snapshot: tuple | None = field(default=None, repr=False, compare=False)


@dataclass
class Adopted:
    """A record the save merged with another user's change: the model takes these values."""

    table: str
    key: str
    values: dict  # plans: the whole plan dict; parcels: {column: value}; settings: {key: value}
    position: int | None = None


class SaveConflict(InputError):
    """Another user changed the same field meanwhile; nothing was written.

    ``conflicts`` says who changed what; ``current`` holds each disputed record as the
    database has it (``{(table, key): (row_version or None, values or None)}``) for
    :func:`resolve`.
    """

    def __init__(self, conflicts: list[Conflict], current: dict) -> None:
        super().__init__(Problem.make("pg.conflict", "error", count=len(conflicts)))
        self.conflicts = conflicts
        self.current = current


class PostgisStore:
    """The :class:`~landplanner.store.base.ProjectStore` of a shared PostGIS database."""

    schemes: tuple[str, ...] = ("postgresql", "postgres")
    strip_password = staticmethod(strip_password)

    def open(self, location: str, progress: Progress | None = None) -> Project:
        """See :func:`open_project`; ``progress`` can cancel before the database is read."""
        _check_progress(progress, 0.0, "store.progress_open", table=self.display_name(location))
        return open_project(location)

    def save(self, project: Project, location: str, progress: Progress | None = None) -> list[Adopted]:
        """See :func:`save_project`; ``progress`` can cancel before anything is written (the
        save itself is one transaction, so it either happens whole or not at all)."""
        _check_progress(progress, 0.0, "store.progress_save", table=self.display_name(location))
        return save_project(project, location)

    def exists(self, location: str) -> bool:
        """Whether the location's schema holds a project (False when unreachable)."""
        try:
            conn = connect(location)
            _conninfo, schema = parse_location(location)
            with conn.transaction():
                return _has_project(conn, schema)
        except InputError:
            return False

    def list(self, location: str) -> list[str]:
        """Locations of the projects (schemas with ``lp_meta``) in the location's database."""
        conn = connect(location)
        with conn.transaction():
            rows = conn.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'lp_meta' "
                "ORDER BY 1"
            ).fetchall()
        base = strip_password(location)
        parts = urlsplit(base)
        out = []
        for (schema,) in rows:
            query = [(k, v) for k, v in parse_qsl(parts.query) if k != "schema"] + [("schema", schema)]
            out.append(urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), "")))
        return out

    def display_name(self, location: str) -> str:
        """``schema @ db on host`` without user or password."""
        parts = urlsplit(str(location))
        _conninfo, schema = parse_location(location)
        db = parts.path.lstrip("/") or dict(parse_qsl(parts.query)).get("service", "")
        host = parts.hostname or "localhost"
        return f"{schema} @ {db} ({host})"


def _check_progress(progress: Progress | None, fraction: float, code: str, **kw: Any) -> None:
    if progress is not None and progress(fraction, messages.text(code, **kw)) is False:
        zh, en = messages.both(f"{code}.cancelled")
        raise InputError(Problem("cancelled", "error", zh, en))


def _has_project(conn, schema: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'lp_meta'",
        (schema,),
    ).fetchone()
    return row is not None


# --------------------------------------------------------------------------- SQL helpers


def _sql():
    from psycopg import sql

    return sql


def _ident(*names: str):
    return _sql().Identifier(*names)


def _pg_type(dtype: Any) -> str:
    if isinstance(dtype, pd.CategoricalDtype):
        return "text"
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        if getattr(dtype, "kind", "") == "u" and getattr(dtype, "itemsize", 8) >= 8:
            return "numeric"
        return "bigint"
    if pd.api.types.is_float_dtype(dtype):
        return "double precision"
    if isinstance(dtype, pd.DatetimeTZDtype):
        return "timestamptz"
    if pd.api.types.is_datetime64_dtype(dtype):
        return "timestamp"
    return "text"


def _py(value: Any) -> Any:
    """A Python value psycopg adapts (numpy scalars unwrapped, pandas nulls to None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
    return value


def _column_values(series: pd.Series, pgtype: str) -> list:
    if pgtype in ("timestamp", "timestamptz"):
        return [None if pd.isna(v) else v.to_pydatetime() for v in series.astype(object)]
    values = [_py(v) for v in series.astype(object)]
    if pgtype not in ("double precision",):
        values = [None if isinstance(v, float) and v != v else v for v in values]
    if pgtype == "text":
        values = [v if v is None or isinstance(v, str) else str(v) for v in values]
    return values


def _pg_safe(storable: pd.DataFrame, layout: dict) -> pd.DataFrame:
    """Rename stored columns that would clash with the store's own (``lp_fid``, …)."""
    taken = {str(c).casefold() for c in storable.columns}
    renames = {}
    for entry in layout["columns"]:
        stored = entry["stored"]
        if stored.casefold() in _KEY_COLUMNS:
            new = stored + "_"
            while new.casefold() in taken:
                new += "_"
            taken.add(new.casefold())
            renames[stored] = new
            entry["stored"] = new
    return storable.rename(columns=renames) if renames else storable


def _encode(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    storable, layout = frame_codec.encode(frame)
    return _pg_safe(storable, layout), layout


def _attribute_columns(storable: pd.DataFrame) -> list[str]:
    geometry = storable.geometry.name if isinstance(storable, gpd.GeoDataFrame) else None
    return [str(c) for c in storable.columns if c != geometry]


def _geometry_kind(geoms: gpd.GeoSeries) -> str:
    """The column type QGIS shows: the one type, or its Multi form when single and multi parts
    mix (the single ones are stored promoted, see :func:`_promote`); ``Geometry`` otherwise."""
    kinds = set(geoms.geom_type.dropna().unique())
    if len(kinds) == 1:
        return kinds.pop()
    bases = {k.removeprefix("Multi") for k in kinds}
    if len(bases) == 1 and f"Multi{next(iter(bases))}" in _SINGLE_OF:
        return "Multi" + bases.pop()
    return "Geometry"


#: A Multi column type -> the single type stored in it promoted (one part).
_SINGLE_OF = {"MultiPolygon": "Polygon", "MultiLineString": "LineString", "MultiPoint": "Point"}
_TYPE_ID = {"Polygon": 3, "LineString": 1, "Point": 0}


def _promote(geoms: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """``geoms`` fit for a ``kind`` column: single geometries in a Multi column become one-part
    Multi ones; returns them and the mask of those promoted (remembered in ``lp_promoted`` so
    that reading gives back exactly what was written)."""
    single = _SINGLE_OF.get(kind)
    mask = np.zeros(len(geoms), dtype=bool)
    if single is None or not len(geoms):
        return geoms, mask
    mask = shapely.get_type_id(geoms) == _TYPE_ID[single]
    if not mask.any():
        return geoms, mask
    multi = {"Polygon": shapely.MultiPolygon, "LineString": shapely.MultiLineString,
             "Point": shapely.MultiPoint}[single]
    out = np.asarray(geoms, dtype=object).copy()
    out[mask] = [multi([g]) if not g.is_empty else shapely.from_wkt(f"{kind.upper()} EMPTY")
                 for g in out[mask]]
    return out, mask


def _demote(geoms: np.ndarray, fids: np.ndarray, promoted: set[int]) -> np.ndarray:
    """Undo :func:`_promote` for the rows stored promoted (when they still have one part)."""
    if not promoted or not len(geoms):
        return geoms
    rows = np.nonzero(np.isin(fids, np.fromiter(promoted, dtype="int64")))[0]
    out = np.asarray(geoms, dtype=object).copy()
    for row in rows.tolist():
        g = out[row]
        if g is None or g.geom_type not in _SINGLE_OF:
            continue
        parts = shapely.get_num_geometries(g)
        if parts == 1:
            out[row] = shapely.get_geometry(g, 0)
        elif parts == 0:
            out[row] = shapely.from_wkt(f"{_SINGLE_OF[g.geom_type].upper()} EMPTY")
    return out


def _srid(cur, crs: Any) -> int:
    if crs is None:
        return 0
    try:
        epsg = crs.to_epsg()
    except Exception:
        epsg = None
    if not epsg:
        return 0
    row = cur.execute("SELECT srid FROM spatial_ref_sys WHERE srid = %s", (int(epsg),)).fetchone()
    return int(epsg) if row else 0


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=gpkg_store._json_default)


def _clean_json(value: Any) -> Any:
    """JSON-able ``value`` with NaN as null (jsonb has no NaN)."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {str(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_json(v) for v in value]
    return value


def _jsonb(value: Any):
    """``value`` as a jsonb parameter (serialised once; NaN, which JSON lacks, becomes null)."""
    from psycopg.types.json import Jsonb

    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=gpkg_store._json_default)
    except ValueError:
        text = json.dumps(_clean_json(json.loads(_json_text(value))), ensure_ascii=False)
    return Jsonb(text, dumps=_as_is)


def _as_is(text: str) -> str:
    return text


# --------------------------------------------------------------------------- creating


def _create_data_table(cur, schema: str, name: str, storable: pd.DataFrame, srid: int,
                       versioned: bool) -> str:
    """(Re)create table ``name`` holding ``storable``; returns its geometry column type ("" for
    a table without geometry)."""
    sql = _sql()
    columns = _attribute_columns(storable)
    parts = [sql.SQL("lp_fid bigint PRIMARY KEY")]
    if versioned:
        parts.append(sql.SQL("row_version integer NOT NULL DEFAULT 1"))
    parts += [
        sql.SQL("{} {}").format(_ident(c), sql.SQL(_pg_type(storable[c].dtype))) for c in columns
    ]
    is_geo = isinstance(storable, gpd.GeoDataFrame)
    kind = ""
    if is_geo:
        kind = _geometry_kind(storable.geometry)
        parts.append(sql.SQL("geom geometry({}, {})").format(sql.SQL(kind), sql.Literal(srid)))
        cur.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (layer text NOT NULL, lp_fid bigint NOT NULL, "
                            "PRIMARY KEY (layer, lp_fid))").format(_ident(schema, "lp_promoted")))
        cur.execute(sql.SQL("DELETE FROM {} WHERE layer = %s").format(_ident(schema, "lp_promoted")), (name,))
    cur.execute(sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(_ident(schema, name)))
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(_ident(schema, name), sql.SQL(", ").join(parts)))
    if is_geo:
        cur.execute(
            sql.SQL("CREATE INDEX {} ON {} USING gist (geom)").format(
                _ident(f"{name}_geom_gist"), _ident(schema, name)
            )
        )
    _copy_rows(cur, schema, name, storable, srid, np.arange(len(storable)), kind)
    return kind


def _copy_rows(cur, schema: str, name: str, storable: pd.DataFrame, srid: int,
               fids: np.ndarray, kind: str = "") -> None:
    """Bulk-load rows with COPY (geometry as hex EWKB, promoted to ``kind``)."""
    sql = _sql()
    columns = _attribute_columns(storable)
    is_geo = isinstance(storable, gpd.GeoDataFrame)
    data = [fids.tolist()]
    data += [_column_values(storable[c], _pg_type(storable[c].dtype)) for c in columns]
    names = ["lp_fid", *columns]
    if is_geo:
        geoms, promoted = _promote(np.asarray(storable.geometry.values, dtype=object), kind)
        geoms = shapely.set_srid(geoms, srid)
        data.append(list(shapely.to_wkb(geoms, hex=True, include_srid=True)))
        names.append("geom")
        if promoted.any():
            cur.execute(sql.SQL("INSERT INTO {} (layer, lp_fid) SELECT %s, unnest(%s::bigint[])").format(
                _ident(schema, "lp_promoted")), (name, fids[promoted].tolist()))
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        _ident(schema, name), sql.SQL(", ").join(_ident(n) for n in names)
    )
    with cur.copy(statement) as copy_:
        for row in zip(*data, strict=True):
            copy_.write_row(row)


_HISTORY_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.lp_record_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  o jsonb := '{{}}'::jsonb;
  n jsonb := '{{}}'::jsonb;
  rowkey text;
  app text := nullif(current_setting('landplanner.user', true), '');
  note text := nullif(current_setting('landplanner.note', true), '');
BEGIN
  IF coalesce(current_setting('landplanner.importing', true), '') = 'on' THEN
    -- the first copy of a project is not a change; only its administrator (or, before the
    -- roles exist, the schema's owner) may write without history
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'landplanner_admin') THEN
      IF pg_has_role(session_user, 'landplanner_admin', 'MEMBER') THEN
        RETURN NULL;
      END IF;
    ELSIF pg_has_role(session_user, (SELECT nspowner FROM pg_namespace
                                     WHERE nspname = TG_TABLE_SCHEMA), 'MEMBER') THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'lp_plans' THEN
    -- the usual change: one plan's fields (its jsonb data), compared key by key, once each
    rowkey := NEW.id;
    o := OLD.data - 'history';
    n := NEW.data - 'history';
  ELSE
    IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
    rowkey := coalesce(n ->> TG_ARGV[0], o ->> TG_ARGV[0]);
    IF TG_TABLE_NAME = 'lp_plans' THEN
      o := coalesce(o -> 'data', '{{}}'::jsonb);
      n := coalesce(n -> 'data', '{{}}'::jsonb);
    END IF;
    o := o - 'row_version' - 'history';
    n := n - 'row_version' - 'history';
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO {schema}.lp_history (app_user, table_name, row_key, op, field, old, new, note)
    VALUES (app, TG_TABLE_NAME, rowkey, 'INSERT', 'created', NULL, to_jsonb(rowkey), note);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO {schema}.lp_history (app_user, table_name, row_key, op, field, old, new, note)
    VALUES (app, TG_TABLE_NAME, rowkey, 'DELETE', 'deleted', to_jsonb(rowkey), NULL, note);
  ELSE
    INSERT INTO {schema}.lp_history (app_user, table_name, row_key, op, field, old, new, note)
    SELECT app, TG_TABLE_NAME, rowkey, 'UPDATE', coalesce(a.key, b.key),
           CASE WHEN coalesce(a.key, b.key) = 'geom' THEN NULL ELSE a.value END,
           CASE WHEN coalesce(a.key, b.key) = 'geom' THEN NULL ELSE b.value END, note
    FROM jsonb_each(o) AS a FULL JOIN jsonb_each(n) AS b ON a.key = b.key
    WHERE a.value IS DISTINCT FROM b.value
    ORDER BY 5;
  END IF;
  -- landplanner announces its own saves after they commit (a NOTIFY inside the saving
  -- transaction would hold PostgreSQL's notify lock through the commit's disk flush and
  -- serialise every save); any other client (psql, QGIS) is announced from here.
  IF coalesce(current_setting('landplanner.notify', true), '') <> 'after_commit' THEN
    PERFORM pg_notify('landplanner', json_build_object(
      'schema', TG_TABLE_SCHEMA, 'table', TG_TABLE_NAME, 'row', rowkey,
      'user', coalesce(app, current_user::text))::text);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION {schema}.lp_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  RETURN NEW;
END
$fn$;
"""


def _create_schema(cur, schema: str) -> None:
    sql = _sql()
    s = _ident(schema)
    cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(s))
    statements = [
        "CREATE TABLE {s}.lp_meta (key text PRIMARY KEY, value text)",
        "CREATE TABLE {s}.lp_settings (key text PRIMARY KEY, value text, "
        "row_version integer NOT NULL DEFAULT 1)",
        "CREATE TABLE {s}.lp_field_mapping (canonical text PRIMARY KEY, source text)",
        "CREATE TABLE {s}.lp_plans (id text PRIMARY KEY, ord bigint NOT NULL, park text, "
        "uscc text, status text, parcel_ids jsonb, data jsonb NOT NULL, "
        "row_version integer NOT NULL DEFAULT 1)",
        "CREATE TABLE {s}.lp_history (id bigserial PRIMARY KEY, "
        "at timestamptz NOT NULL DEFAULT clock_timestamp(), "
        "db_user text NOT NULL DEFAULT current_user, app_user text, table_name text NOT NULL, "
        "row_key text, op text NOT NULL, field text, old jsonb, new jsonb, note text)",
        "CREATE INDEX lp_history_row ON {s}.lp_history (table_name, row_key, id)",
        "CREATE TABLE {s}.lp_editor_parks (member name NOT NULL, park text NOT NULL, "
        "PRIMARY KEY (member, park))",
    ]
    for text in statements:
        cur.execute(sql.SQL(text).format(s=s))
    # a plan's data is rewritten by every edit and read by every trigger run: lz4 compresses and
    # decompresses it several times faster than the default pglz (servers built without lz4
    # keep the default)
    lz4 = cur.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                      "WHERE name = 'default_toast_compression'").fetchone()
    if lz4 and lz4[0]:
        cur.execute(sql.SQL("ALTER TABLE {s}.lp_plans ALTER COLUMN data SET COMPRESSION lz4").format(s=s))
    cur.execute(sql.SQL(_HISTORY_FUNCTION).format(schema=s))


def _add_triggers(cur, schema: str) -> None:
    sql = _sql()
    s = _ident(schema)
    for table, key, ops in (
        ("parcels", "lp_fid", "UPDATE OR DELETE"),
        ("lp_plans", "id", "INSERT OR UPDATE OR DELETE"),
        ("lp_settings", "key", "INSERT OR UPDATE OR DELETE"),
    ):
        t = _ident(schema, table)
        cur.execute(sql.SQL("DROP TRIGGER IF EXISTS lp_history ON {t}").format(t=t))
        cur.execute(sql.SQL("DROP TRIGGER IF EXISTS lp_version ON {t}").format(t=t))
        cur.execute(
            sql.SQL(
                "CREATE TRIGGER lp_history AFTER " + ops + " ON {t} FOR EACH ROW "
                "EXECUTE FUNCTION {s}.lp_record_history({k})"
            ).format(t=t, s=s, k=sql.Literal(key))
        )
        cur.execute(
            sql.SQL(
                "CREATE TRIGGER lp_version BEFORE UPDATE ON {t} FOR EACH ROW "
                "EXECUTE FUNCTION {s}.lp_bump_version()"
            ).format(t=t, s=s)
        )


#: What a database administrator runs once per cluster to create landplanner's group roles.
ROLES_SQL = (
    "CREATE ROLE landplanner_viewer NOLOGIN; "
    "CREATE ROLE landplanner_editor NOLOGIN IN ROLE landplanner_viewer; "
    "CREATE ROLE landplanner_admin NOLOGIN IN ROLE landplanner_editor;"
)


def _roles_exist(cur) -> bool:
    row = cur.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)", (list(ROLES),)).fetchone()
    return int(row[0]) == len(ROLES)


def _roles_ready(cur) -> bool:
    """Whether the three group roles exist, creating them when this user may (CREATEROLE)."""
    if _roles_exist(cur):
        return True
    row = cur.execute("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if not (row and row[0]):
        return False
    ensure_roles(cur)
    return True


def _roles_problem(location: str) -> Problem:
    return Problem.make("pg.roles_pending", "warning", location=redact(strip_password(location)),
                        sql=ROLES_SQL)


def _secure_pending(cur, state: PgState, new_state: PgState, parcel_columns: list[str]) -> None:
    """A project created without the roles gets its grants once an administrator made them."""
    if not state.roles_pending or not _roles_exist(cur):
        return
    _begin(cur)
    _secure(cur, state.schema, parcel_columns)
    cur.execute(_sql().SQL("DELETE FROM {} WHERE key = 'roles'").format(_ident(state.schema, "lp_meta")))
    new_state.roles_pending = False


def ensure_roles(cur) -> None:
    """Create the three group roles when missing (needs CREATEROLE: see :func:`_roles_ready`)."""
    cur.execute(
        """
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'landplanner_viewer') THEN
            CREATE ROLE landplanner_viewer NOLOGIN;
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'landplanner_editor') THEN
            CREATE ROLE landplanner_editor NOLOGIN IN ROLE landplanner_viewer;
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'landplanner_admin') THEN
            CREATE ROLE landplanner_admin NOLOGIN IN ROLE landplanner_editor;
          END IF;
        END $$
        """
    )


def _secure(cur, schema: str, parcel_columns: list[str]) -> None:
    """Grants and row-level security of the three roles on one project schema."""
    sql = _sql()
    s = _ident(schema)

    def run(text: str, **kw: Any) -> None:
        cur.execute(sql.SQL(text).format(s=s, **kw))

    run("GRANT USAGE ON SCHEMA {s} TO landplanner_viewer")
    run("GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO landplanner_viewer")
    editable = [c for c in parcel_columns if c not in ("lp_fid", "row_version")]
    if editable:
        run("GRANT UPDATE ({cols}) ON {s}.parcels TO landplanner_editor",
            cols=sql.SQL(", ").join(_ident(c) for c in editable))
    run("GRANT INSERT, UPDATE, DELETE ON {s}.lp_plans TO landplanner_editor")
    run("GRANT INSERT, UPDATE ON {s}.lp_settings TO landplanner_editor")
    run("GRANT ALL ON ALL TABLES IN SCHEMA {s} TO landplanner_admin")
    run("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s}.lp_history FROM landplanner_admin")
    run("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO landplanner_admin")
    mine = "park IN (SELECT e.park FROM {s}.lp_editor_parks e WHERE e.member = current_user)"
    has_park = "park" in parcel_columns
    for table in ("parcels", "lp_plans", "lp_settings"):
        t = _ident(schema, table)
        run("ALTER TABLE {t} ENABLE ROW LEVEL SECURITY", t=t)
        for policy in ("lp_read", "lp_editor", "lp_admin"):
            run("DROP POLICY IF EXISTS {p} ON {t}", p=_ident(policy), t=t)
        run("CREATE POLICY lp_read ON {t} FOR SELECT USING (true)", t=t)
        run("CREATE POLICY lp_admin ON {t} FOR ALL TO landplanner_admin USING (true) "
            "WITH CHECK (true)", t=t)
        if table == "lp_settings":
            keys = sql.SQL(", ").join(sql.Literal(k) for k in EDITOR_SETTINGS)
            run("CREATE POLICY lp_editor ON {t} FOR ALL TO landplanner_editor "
                "USING (key IN ({keys})) WITH CHECK (key IN ({keys}))", t=t, keys=keys)
        elif table == "lp_plans" or has_park:
            command = "ALL" if table == "lp_plans" else "UPDATE"
            run("CREATE POLICY lp_editor ON {t} FOR " + command + " TO landplanner_editor "
                "USING (" + mine + ") WITH CHECK (" + mine + ")", t=t)


def grant(location: str, member: str, role: str, parks: list[str] | tuple[str, ...] = ()) -> None:
    """Make login role ``member`` a viewer, editor (of ``parks``) or admin of the project.

    ``role`` is ``viewer``, ``editor`` or ``admin``. Needs an administrator's connection.
    """
    sql = _sql()
    role_name = f"landplanner_{role}"
    if role_name not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    conn = connect(location)
    _conninfo, schema = parse_location(location)
    with conn.transaction():
        conn.execute(sql.SQL("GRANT {} TO {}").format(_ident(role_name), _ident(member)))
        for park in parks:
            conn.execute(
                sql.SQL("INSERT INTO {} (member, park) VALUES (%s, %s) ON CONFLICT DO NOTHING").format(
                    _ident(schema, "lp_editor_parks")
                ),
                (member, park),
            )


def create_project(project: Project, location: str) -> None:
    """Write ``project`` as a new project at ``location`` (one transaction).

    Raises ``pg.exists`` when the schema already holds a project, ``pg.no_postgis`` when the
    database lacks PostGIS.
    """
    conn = connect(location)
    _conninfo, schema = parse_location(location)
    shown = redact(strip_password(location))
    try:
        with conn.transaction():
            cur = conn.cursor()
            if cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is None:
                raise InputError(Problem.make("pg.no_postgis", "error", location=shown))
            if _has_project(conn, schema):
                raise InputError(Problem.make("pg.exists", "error", location=shown, schema=schema))
            _write_new(cur, project, schema)
    except InputError:
        raise
    except Exception as exc:
        raise _save_error(location, exc) from exc


def _save_error(location: str, exc: BaseException) -> InputError:
    try:
        import psycopg

        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return InputError(Problem.make("pg.denied", "error", detail=_pg_detail(exc)))
    except ImportError:
        pass
    return InputError(
        Problem.make("pg.save_failed", "error", location=redact(strip_password(location)),
                     detail=_pg_detail(exc))
    )


def _write_new(cur, project: Project, schema: str) -> None:
    sql = _sql()
    _create_schema(cur, schema)
    parcels, parcel_layout = _encode(project.parcels)
    srid = _srid(cur, getattr(project.parcels, "crs", None))
    _create_data_table(cur, schema, "parcels", parcels, srid, versioned=True)
    layouts = {"parcels": parcel_layout}
    if project.parks is not None:
        parks, layouts["parks"] = _encode(project.parks)
        _create_data_table(cur, schema, "parks", parks, _srid(cur, project.parks.crs), versioned=False)
    indicators = project.indicators if project.indicators is not None else pd.DataFrame()
    stored_ind, layouts["lp_indicators"] = _encode(indicators)
    _create_data_table(cur, schema, "lp_indicators", stored_ind, 0, versioned=False)
    for name, frame in _side_tables(project).items():
        if frame is not None and len(frame.columns):
            stored_side, layouts[name] = _encode(frame)
            _create_data_table(cur, schema, name, stored_side, 0, versioned=False)
    _add_triggers(cur, schema)
    roles_ready = _roles_ready(cur)
    if roles_ready:
        _secure(cur, schema, _attribute_columns(parcels))
    cur.execute("SELECT set_config('landplanner.importing', 'on', true)")
    _insert_settings(cur, schema, project.settings or {})
    _write_mapping(cur, schema, project.field_mapping or {})
    park_of = _park_lookup(project.parcels)
    for order, plan in enumerate(project.plans or []):
        data = _plan_data(plan)
        _insert_plan(cur, schema, _plan_key(data, order), order, data, park_of)
    cur.execute("SELECT set_config('landplanner.importing', '', true)")
    _write_meta(cur, schema, project, layouts, srid, roles_pending=not roles_ready)
    cur.execute(sql.SQL("ANALYZE {}").format(_ident(schema, "parcels")))


def _write_meta(cur, schema: str, project: Project, layouts: dict, srid: int | None,
                roles_pending: bool = False) -> None:
    sql = _sql()
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "app_version": landplanner.__version__,
        "saved_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "source": _json_text(project.source or {}),
        "store": "postgis",
    }
    if roles_pending:
        meta["roles"] = "pending"
    if srid is not None:
        meta["srid"] = str(srid)
    meta.update({f"layout:{name}": _json_text(layout) for name, layout in layouts.items()})
    cur.executemany(
        sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                "SET value = EXCLUDED.value").format(_ident(schema, "lp_meta")),
        list(meta.items()),
    )


def _insert_settings(cur, schema: str, settings: dict) -> None:
    sql = _sql()
    cur.executemany(
        sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s)").format(_ident(schema, "lp_settings")),
        [(str(k), _json_text(v)) for k, v in settings.items()],
    )


def _write_mapping(cur, schema: str, mapping: dict) -> None:
    sql = _sql()
    cur.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, "lp_field_mapping")))
    cur.executemany(
        sql.SQL("INSERT INTO {} (canonical, source) VALUES (%s, %s)").format(
            _ident(schema, "lp_field_mapping")
        ),
        [(str(k), None if v is None else str(v)) for k, v in mapping.items()],
    )


def _plan_data(plan: Plan) -> dict:
    """A plan's stored form (the GeoPackage store's too): :meth:`Plan.to_dict`."""
    return plan.to_dict()


_PLAN_FIELDS = tuple(f.name for f in fields(Plan))
_PLAN_FIELD_SET = frozenset(_PLAN_FIELDS)


def _plan_data_since(plan: Plan, base_plan: Plan | None, base_data: dict | None) -> dict:
    """``plan.to_dict()``, taking from ``base_data`` (the stored form ``base_plan`` was made
    from, or its ``to_dict()``) every field ``plan`` shares with ``base_plan`` (an edit replaces
    one or two fields and appends to the history; converting a long history again for each
    save was most of a save's work). A field kept is written back as the database holds it."""
    if base_plan is None or base_data is None:
        return plan.to_dict()
    out = {}
    for name in _PLAN_FIELDS:
        value = getattr(plan, name)
        old = getattr(base_plan, name)
        if value is old and name in base_data:
            out[name] = base_data[name]
        elif (name == "history" and isinstance(base_data.get(name), list) and len(value) >= len(old)
              and all(a is b for a, b in zip(value, old, strict=False))):
            out[name] = base_data[name] + _jsonable(list(value[len(old):]))
        else:
            out[name] = _jsonable(value)
    return out


def _key_of(plan: Plan, order: int) -> str:
    """A plan's key: its id (``#order`` for a plan without one)."""
    return str(plan.id) if plan.id else f"#{order}"


def _plan_key(data: dict, order: int) -> str:
    key = data.get("id")
    return str(key) if key not in (None, "") else f"#{order}"


def _park_lookup(parcels: pd.DataFrame) -> dict[str, str]:
    """Parcel id -> park (the first parcel of an id wins)."""
    if "parcel_id" not in parcels or "park" not in parcels:
        return {}
    out: dict[str, str] = {}
    pids = parcels["parcel_id"].tolist()
    parks = parcels["park"].tolist()
    for pid, park in zip(reversed(pids), reversed(parks), strict=True):
        if isinstance(pid, str) and isinstance(park, str):
            out[pid] = park
    return out


class _LazyParks(dict):
    """The park of a few parcel ids, looked up when asked (most saves write one plan)."""

    def __init__(self, parcels: pd.DataFrame) -> None:
        super().__init__()
        self._parcels = parcels
        self._ok = "parcel_id" in parcels and "park" in parcels

    def __missing__(self, key: str) -> str | None:
        park = None
        if self._ok:
            hits = self._parcels["park"][(self._parcels["parcel_id"] == key).to_numpy()]
            park = next((p for p in hits.tolist() if isinstance(p, str)), None)
        self[key] = park
        return park

    def __contains__(self, key: object) -> bool:
        return self[key] is not None  # type: ignore[index]


def _plan_row(data: dict, park_of: dict[str, str]) -> tuple:
    parcel_ids = [str(p) for p in (data.get("parcel_ids") or [])]
    park = next((park_of[p] for p in parcel_ids if p in park_of), None)
    uscc = data.get("uscc")
    status = data.get("status")
    return (
        park,
        None if uscc is None else str(uscc),
        None if status is None else str(status),
        _jsonb(parcel_ids),
        _jsonb(data),
    )


def _insert_plan(cur, schema: str, key: str, order: int, data: dict, park_of: dict) -> None:
    sql = _sql()
    cur.execute(
        sql.SQL("INSERT INTO {} (id, ord, park, uscc, status, parcel_ids, data) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)").format(_ident(schema, "lp_plans")),
        (key, order, *_plan_row(data, park_of)),
    )


# --------------------------------------------------------------------------- opening


def open_project(location: str) -> Project:
    """Read the project at ``location`` (one consistent snapshot of the database).

    Plan changes made outside landplanner (psql, QGIS), found in ``lp_history``, are added
    to each plan's history so the plan history view shows them.
    """
    conn = connect(location)
    _conninfo, schema = parse_location(location)
    shown = redact(strip_password(location))
    try:
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if not _has_project(conn, schema):
                raise InputError(Problem.make("pg.not_project", "error", location=shown, schema=schema))
            project = _read(conn, location, schema)
    except InputError:
        raise
    except Exception as exc:
        try:
            conn.rollback()
        except Exception:
            pass
        raise InputError(
            Problem.make("store.corrupt", "error", path=shown, detail=_pg_detail(exc))
        ) from exc
    return project


def _read_table(cur, schema: str, name: str, layout: dict | None, geo: bool,
                versioned: bool, promoted: set[int] | None = None
                ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    sql = _sql()
    columns = [c["stored"] for c in (layout or {}).get("columns", [])]
    if layout is not None and layout.get("index", {}).get("kind") == "column":
        columns = ["lp_index", *columns]
    existing = [
        r[0] for r in cur.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = %s ORDER BY ordinal_position", (schema, name)
        ).fetchall()
    ]
    if layout is None:
        columns = [c for c in existing if c not in _KEY_COLUMNS]
    select = [sql.SQL("lp_fid"), sql.SQL("row_version") if versioned else sql.SQL("1")]
    select += [_ident(c) for c in columns]
    if geo:
        select.append(sql.SQL("ST_AsBinary(geom)"))
    rows = cur.execute(
        sql.SQL("SELECT {} FROM {} ORDER BY lp_fid").format(
            sql.SQL(", ").join(select), _ident(schema, name)
        )
    ).fetchall()
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(select)
    fids = np.asarray(cols[0], dtype="int64")
    versions = np.asarray(cols[1], dtype="int64")
    data = {c: pd.Series(list(v), dtype=object) for c, v in zip(columns, cols[2:], strict=False)}
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    if geo:
        wkb = [None if v is None else bytes(v) for v in cols[-1]]
        geoms = _demote(shapely.from_wkb(wkb), fids, promoted or set())
        frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms))
    return frame, fids, versions


def _promoted(cur, schema: str, name: str, tables: set[str]) -> set[int]:
    if "lp_promoted" not in tables:
        return set()
    rows = cur.execute(_sql().SQL("SELECT lp_fid FROM {} WHERE layer = %s").format(
        _ident(schema, "lp_promoted")), (name,)).fetchall()
    return {int(r[0]) for r in rows}


def _geom_kind(cur, schema: str, name: str) -> str:
    row = cur.execute("SELECT type FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s",
                      (schema, name)).fetchone()
    return {"MULTIPOLYGON": "MultiPolygon", "MULTILINESTRING": "MultiLineString",
            "MULTIPOINT": "MultiPoint"}.get(str(row[0]).upper(), "") if row else ""


def _read(conn, location: str, schema: str) -> Project:
    sql = _sql()
    cur = conn.cursor()
    meta = {
        k: v for k, v in cur.execute(
            sql.SQL("SELECT key, value FROM {}").format(_ident(schema, "lp_meta"))
        ).fetchall()
    }
    version = int(meta.get("schema_version", "0") or 0)
    if version > SCHEMA_VERSION:
        raise InputError(
            Problem.make("pg.newer_schema", "error", location=redact(strip_password(location)),
                         version=version, supported=SCHEMA_VERSION)
        )
    layouts = {n: gpkg_store._layout(meta, n)
               for n in ("parcels", "parks", "lp_indicators", *_SIDE_TABLES)}
    raw: dict[str, pd.DataFrame] = {}
    tables = {r[0] for r in cur.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
    ).fetchall()}
    raw["parcels"], fids, versions = _read_table(cur, schema, "parcels", layouts["parcels"], True, True,
                                                 _promoted(cur, schema, "parcels", tables))
    if "parks" in tables:
        raw["parks"], _f, _v = _read_table(cur, schema, "parks", layouts["parks"], True, False,
                                           _promoted(cur, schema, "parks", tables))
    raw["lp_indicators"], _f, _v = _read_table(
        cur, schema, "lp_indicators", layouts["lp_indicators"], False, False
    )
    for name in _SIDE_TABLES:
        if name in tables:
            raw[name], _f, _v = _read_table(cur, schema, name, layouts[name], False, False)
    settings_rows = cur.execute(
        sql.SQL("SELECT key, value, row_version FROM {} ORDER BY key").format(
            _ident(schema, "lp_settings"))
    ).fetchall()
    raw["lp_settings"] = pd.DataFrame(
        {"key": [r[0] for r in settings_rows], "value": [r[1] for r in settings_rows]}, dtype=object
    )
    mapping_rows = cur.execute(
        sql.SQL("SELECT canonical, source FROM {}").format(_ident(schema, "lp_field_mapping"))
    ).fetchall()
    raw["lp_field_mapping"] = pd.DataFrame(
        {"canonical": [r[0] for r in mapping_rows], "source": [r[1] for r in mapping_rows]}, dtype=object
    )
    plan_rows = cur.execute(
        sql.SQL("SELECT id, row_version, data, ord FROM {} ORDER BY ord, id").format(
            _ident(schema, "lp_plans"))
    ).fetchall()
    raw["lp_plans"] = pd.DataFrame({"data": [json.dumps(r[2], ensure_ascii=False) for r in plan_rows]},
                                   dtype=object)
    history_id = cur.execute(
        sql.SQL("SELECT coalesce(max(id), 0) FROM {}").format(_ident(schema, "lp_history"))
    ).fetchone()[0]
    outside = cur.execute(
        sql.SQL("SELECT id, row_key, at, db_user, field, old, new, note FROM {} "
                "WHERE table_name = 'lp_plans' AND op = 'UPDATE' AND app_user IS NULL "
                "ORDER BY id").format(_ident(schema, "lp_history"))
    ).fetchall()
    for step in range(version, SCHEMA_VERSION):
        gpkg_store.MIGRATIONS[step](raw, meta)
    # decode expects the index column under its stored name
    project = gpkg_store._build_project(raw, meta)
    project.plans = _fold_outside_history(project.plans, plan_rows, outside)
    stored_parcels, parcel_layout = _encode(project.parcels)
    state = PgState(
        location=location,
        schema=schema,
        user=app_user(),
        parcel_layout=parcel_layout,
        parcel_columns=_attribute_columns(stored_parcels),
        parcels=pd.DataFrame(stored_parcels.drop(columns=stored_parcels.geometry.name)).copy(),
        parcel_geoms=np.asarray(stored_parcels.geometry.values, dtype=object),
        parcel_fids=fids,
        parcel_versions=versions,
        parcel_hashes=_row_hashes(stored_parcels),
        plans={},
        plan_objects={},
        plan_order={},
        settings={r[0]: (int(r[2]), r[1]) for r in settings_rows},
        mapping=dict(project.field_mapping),
        source=_json_text(project.source or {}),
        indicators=copy.deepcopy(project.indicators),
        side=copy.deepcopy(_side_tables(project)),
        parks=copy.deepcopy(project.parks),
        history_id=int(history_id),
        srid=int(meta.get("srid", "0") or 0),
        roles_pending=meta.get("roles") == "pending",
        geom_kind=_geom_kind(cur, schema, "parcels"),
    )
    for (key, row_version, _data, order), plan in zip(plan_rows, project.plans, strict=True):
        state.plans[key] = (int(row_version), _plan_data(plan))
        state.plan_objects[key] = plan
        _remember(state, key, plan)
        state.plan_order[key] = int(order)
    state.plan_snapshot = (state.plan_objects, tuple(project.plans), tuple(r[0] for r in plan_rows))
    project.store_state = state
    return project


def _fold_outside_history(plans: list, plan_rows: list, outside: list) -> list:
    """Add plan changes made outside landplanner (no application user) to plan histories."""
    if not outside:
        return plans
    by_key: dict[str, list[dict]] = {}
    for hid, key, at, db_user, field_name, old, new, note in outside:
        entry = {
            "time": at.astimezone(_dt.UTC).isoformat(timespec="seconds"),
            "author": str(db_user),
            "field": field_name,
            "old": old,
            "new": new,
            "source": "database",
            "history_id": int(hid),
        }
        if note:
            entry["note"] = note
        by_key.setdefault(str(key), []).append(entry)
    out = []
    for row, plan in zip(plan_rows, plans, strict=True):
        entries = by_key.get(str(row[0]))
        if entries:
            history = list(plan.history or [])
            seen = {h.get("history_id") for h in history if isinstance(h, dict)}
            new_entries = [e for e in entries if e["history_id"] not in seen]
            if new_entries:
                plan = replace(plan, history=tuple(history) + tuple(new_entries))
        out.append(plan)
    return out


def _row_hashes(storable: pd.DataFrame) -> np.ndarray:
    attrs = pd.DataFrame(storable.drop(columns=storable.geometry.name)) if isinstance(
        storable, gpd.GeoDataFrame) else storable
    if attrs.shape[1] == 0:
        return np.zeros(len(attrs), dtype="uint64")
    try:
        return pd.util.hash_pandas_object(attrs, index=False).to_numpy()
    except TypeError:  # unhashable objects in a column: compare their text
        return pd.util.hash_pandas_object(attrs.astype(str), index=False).to_numpy()


# --------------------------------------------------------------------------- saving


def save_project(project: Project, location: str, parts: frozenset[str] | set[str] | None = None
                 ) -> list[Adopted]:
    """Save ``project`` to ``location``.

    A project opened from (or last saved to) this location writes only what changed, in one
    transaction; any other project is written as a new project (``pg.exists`` when the
    schema already holds one). Returns the records merged with other users' changes (they
    are already written into ``project``; the caller shows them); raises :class:`SaveConflict`
    when a field was changed by both, and ``pg.denied`` when the user's role may not make a
    change. ``parts`` (a subset of ``{"parcels", "plans", "settings", "tables"}``) limits the
    comparison to what the caller knows it changed; None compares everything.

    A save of one plan takes one round trip to the server (BEGIN, the compare-and-set UPDATE,
    COMMIT and the announcement to other users in one pipeline); a save of several rows two
    (BEGIN and the version-checked UPDATEs, then COMMIT and the announcement); a record
    someone else changed meanwhile costs one or two more; a save that changes nothing none.
    """
    state = project.store_state
    if not isinstance(state, PgState) or not _same_place(state.location, location):
        create_project(project, location)
        reopened = open_project(location)
        project.store_state = reopened.store_state
        if isinstance(reopened.store_state, PgState) and reopened.store_state.roles_pending:
            project.problems = [*getattr(project, "problems", []), _roles_problem(location)]
        return []
    parts = _ALL_PARTS if parts is None else frozenset(parts)
    encoded = _Encoded(_encode(project.parcels)) if "parcels" in parts else None
    if _nothing_to_save(project, state, parts, encoded):
        return []  # no statement, no announcement, no round trip
    conn = connect(location)
    try:
        if _rewrites_tables(project, state, parts, encoded):
            # whole tables are replaced (COPY, which a pipeline cannot carry)
            with conn.transaction():
                adopted, new_state = _write_changes(conn.cursor(), project, state, parts, encoded)
            conn.info_landplanner_user = state.user or app_user()  # type: ignore[attr-defined]
            _announce(conn, state)
        else:
            done = _save_one_row(conn, project, state) if parts == {"plans"} else None
            adopted, new_state = done or _save_rows(conn, project, state, parts, encoded)
    except (InputError, SaveConflict):
        raise
    except Exception as exc:
        raise _save_error(location, exc) from exc
    project.store_state = new_state
    adopt(project, adopted)
    return adopted


def _nothing_to_save(project: Project, state: PgState, parts: frozenset[str], encoded) -> bool:
    """Whether a save would write nothing (every plan still the object loaded or last saved,
    the same settings, parcels and tables), so it need not reach the server at all."""
    if state.roles_pending:
        return False  # a save also sets the grants once an administrator made the roles
    if "plans" in parts:
        plans = project.plans or []
        if len(plans) != len(state.plans):
            return False
        keys = _unchanged_keys(state, plans)
        if None in keys or len(set(keys)) != len(keys):
            return False
    if "settings" in parts:
        mine = project.settings or {}
        if set(map(str, mine)) != set(state.settings) or any(
                state.settings[str(k)][1] != _json_text(v) for k, v in mine.items()):
            return False
    if encoded is not None:
        if not _same_parcel_shape(encoded, state) or len(encoded.changes(state)[0]):
            return False
    if "tables" in parts:
        indicators = project.indicators if project.indicators is not None else pd.DataFrame()
        if (dict(project.field_mapping or {}) != state.mapping
                or not _frames_equal(indicators, state.indicators)
                or not _frames_equal(project.parks, state.parks)
                or any(not _frames_equal(f, state.side.get(n)) for n, f in _side_tables(project).items())
                or _json_text(project.source or {}) != state.source):
            return False
    return True


_ALL_PARTS = frozenset({"parcels", "plans", "settings", "tables"})


def _same_place(a: str, b: str) -> bool:
    """Whether two locations name the same project (a remembered one lacks the password)."""
    return a == b or parse_location(strip_password(a)) == parse_location(strip_password(b))


def _same_parcel_shape(encoded: tuple[pd.DataFrame, dict], state: PgState) -> bool:
    stored, layout = encoded
    return (
        len(stored) == len(state.parcels)
        and _attribute_columns(stored) == state.parcel_columns
        and [c.get("dtype") for c in layout["columns"]]
        == [c.get("dtype") for c in state.parcel_layout["columns"]]
    )


def _rewrites_tables(project: Project, state: PgState, parts: frozenset[str], encoded) -> bool:
    """Whether the save replaces a whole table (parcels of another shape, indicators, parks or
    a campaign table): those are written with COPY, outside a pipeline."""
    if encoded is not None and not _same_parcel_shape(encoded, state):
        return True
    if "tables" not in parts:
        return False
    indicators = project.indicators if project.indicators is not None else pd.DataFrame()
    return (
        not _frames_equal(indicators, state.indicators)
        or not _frames_equal(project.parks, state.parks)
        or any(not _frames_equal(f, state.side.get(n)) for n, f in _side_tables(project).items())
    )


def _save_rows(conn, project: Project, state: PgState, parts: frozenset[str], encoded
               ) -> tuple[list[Adopted], PgState]:
    """Row changes in one transaction, sent in a pipeline: BEGIN and the UPDATEs together, then
    COMMIT and the announcement together (a save of one row queues its COMMIT and announcement
    with its UPDATE: one round trip). A conflict rolls back (nothing written).

    The changes always commit in a transaction of their own that waits for the disk
    (``synchronous_commit`` as the server has it); only the announcement after it does not."""
    user = state.user or app_user()
    conn.lp_written = _Written(state)  # type: ignore[attr-defined]
    with _save_pipeline(conn) as cur:
        if parts != {"plans"}:
            _begin(cur)
        try:
            adopted, new_state = _write_changes(cur, project, state, parts, encoded)
        except SaveConflict:
            if conn.lp_in_tx:  # type: ignore[attr-defined]
                cur.execute(b"ROLLBACK")
            raise
        if conn.lp_in_tx:  # type: ignore[attr-defined]
            _queue_commit(cur)
    conn.info_landplanner_user = user  # type: ignore[attr-defined]
    return adopted, new_state


@contextlib.contextmanager
def _save_pipeline(conn):
    """The pipeline a save is sent in (yields its cursor), and what a failure then means.

    ``conn.lp_commit`` is the COMMIT that makes the save durable (:func:`_queue_commit`).
    A database error after that COMMIT committed is the announcement's only (the other
    users' refresh timer catches up): the save stands and nothing is raised. Any other
    failure rolls the connection back (:func:`_abandon`) and is raised; a
    :class:`SaveConflict` has rolled back already."""
    import psycopg

    conn.lp_commit = None
    try:
        with conn.pipeline():  # its exit sends a Sync and reads every result
            conn.lp_in_tx = False
            yield conn.cursor()
    except SaveConflict:
        raise
    except psycopg.Error:
        if not _committed(conn.lp_commit):
            _abandon(conn)
            raise
    except BaseException:
        _abandon(conn)
        raise
    finally:
        conn.lp_in_tx = True


def _begin(cur) -> None:
    """Open the save's transaction unless it is open (every save's changes are written between
    an explicit BEGIN and COMMIT: in a pipeline, statements without them would share one
    implicit transaction with whatever follows, up to the next Sync)."""
    conn = cur.connection
    if not getattr(conn, "lp_in_tx", True):
        cur.execute(b"BEGIN")
        conn.lp_in_tx = True


def _queue_commit(cur, delta: tuple | None = None) -> None:
    """Queue the COMMIT of the save's transaction and, behind it, the announcement to other
    users (:data:`_ANNOUNCE`, or :data:`_ANNOUNCE_DELTA` for a save of one plan's fields: one
    statement, its own transaction, committed at the pipeline's Sync without waiting for the
    disk)."""
    conn = cur.connection
    commit = conn.cursor()
    commit.execute(b"COMMIT")
    conn.lp_commit = commit
    conn.lp_in_tx = False
    if delta is not None:
        cur.execute(_ANNOUNCE_DELTA, delta)
    else:
        cur.execute(_ANNOUNCE, (conn.lp_written.payload(),))


def _committed(cursor) -> bool:
    """Whether ``cursor`` ran a COMMIT that committed (an aborted transaction's COMMIT says
    ROLLBACK)."""
    if cursor is None or cursor.pgresult is None:
        return False
    return cursor.statusmessage == "COMMIT"


def _abandon(conn) -> None:
    """Roll back whatever a failed save left open, so the connection is usable again."""
    try:
        if conn.pgconn.transaction_status != 0:  # not IDLE
            conn.rollback()
    except Exception:
        try:
            conn.close()  # the next connect() opens a fresh one
        except Exception:
            pass


class _Written:
    """What a save wrote, for its announcement: ``{"schema", "user", "plans": [keys] or true
    (any), "parcels": bool, "settings": bool}`` (see :class:`ChangeHint`)."""

    def __init__(self, state: PgState, plans: Any = (), parcels: bool = False) -> None:
        self.state = state
        self.plans: Any = set(plans) if plans is not True else True
        self.parcels = parcels
        self.settings = False

    def add_plans(self, keys) -> None:
        if self.plans is not True:
            self.plans.update(keys)

    def payload(self) -> str:
        body = {"schema": self.state.schema, "user": self.state.user or app_user(),
                "plans": True if self.plans is True else sorted(self.plans),
                "parcels": self.parcels, "settings": self.settings}
        text = json.dumps(body, ensure_ascii=False)
        if len(text.encode()) > 7000:  # NOTIFY payloads stay under 8000 bytes: "some plans"
            body["plans"] = True
            text = json.dumps(body, ensure_ascii=False)
        return text


def _announce_payload(state: PgState) -> str:
    """The announcement of a save that may have changed anything (whole tables replaced)."""
    return _Written(state, plans=True, parcels=True).payload()


#: Tell listening clients that this user saved (``NOTIFY landplanner``). Sent after the save's
#: COMMIT, as a statement of its own (an implicit transaction ended by the pipeline's Sync) that
#: need not wait for the disk: a NOTIFY inside the saving transaction would hold PostgreSQL's
#: notify lock through the commit's disk flush and serialise every save; a lost announcement
#: costs nothing (the periodic refresh catches up).
_ANNOUNCE = b"SELECT set_config('synchronous_commit', 'off', true), pg_notify('landplanner', %s)"

#: The announcement of a save of one plan's fields, with the change itself and the row version
#: it made (``landplanner.saved``, set by the UPDATE's RETURNING with this save's token, so a
#: compare-and-set that wrote nothing announces nothing): another user whose base is the
#: version before takes the change in without reading the row (:class:`ChangeHint`).
_ANNOUNCE_DELTA = (
    b"SELECT set_config('synchronous_commit', 'off', true), pg_notify('landplanner', "
    b"%s || split_part(current_setting('landplanner.saved', true), ' ', 2) || '}}') "
    b"WHERE split_part(current_setting('landplanner.saved', true), ' ', 1) = %s")
_tokens = itertools.count(1)


def _delta_announcement(state: PgState, key: str, token: str, params: dict) -> tuple[str, str]:
    """The parameters of :data:`_ANNOUNCE_DELTA`: the payload up to the version, and the token."""
    changes, added = params["changes"].obj, params["added"].obj
    head = json.dumps({"schema": state.schema, "user": state.user or app_user(), "plans": [key],
                       "parcels": False, "settings": False}, ensure_ascii=False)[:-1]
    body = f', "delta": {{"key": {json.dumps(key, ensure_ascii=False)}, "set": {changes}, "add": {added}, "v": '
    if len(head.encode()) + len(body.encode()) > 7000:  # too long for NOTIFY: name the plan only
        body = ', "delta": {"v": '
    return head + body, token


def _announce(conn, state: PgState) -> None:
    """Tell listening clients that this user saved, after the commit (:data:`_ANNOUNCE`, one
    statement in a transaction of its own; the connection is in autocommit)."""
    try:
        conn.execute(_ANNOUNCE, (_announce_payload(state),))
    except Exception:  # the save itself is committed; the refresh timer covers a lost notice
        pass


def _write_changes(cur, project: Project, state: PgState, parts=None, encoded=None
                   ) -> tuple[list[Adopted], PgState]:
    sql = _sql()
    schema = state.schema
    new_state = copy.copy(state)
    user = state.user or app_user()
    _set_session(cur, user)
    conflicts: list[Conflict] = []
    current: dict = {}
    adopted: list[Adopted] = []
    layouts_changed: dict = {}
    parts = _ALL_PARTS if parts is None else frozenset(parts)
    same_shape = True
    if "parcels" in parts:
        encoded = encoded if encoded is not None else _Encoded(_encode(project.parcels))
        stored, layout = encoded
        same_shape = _same_parcel_shape(encoded, state)
    if "parcels" not in parts:
        pass
    elif same_shape:
        _save_parcels(cur, schema, encoded, state, new_state, conflicts, current, adopted)
    else:
        srid = _srid(cur, getattr(project.parcels, "crs", None))
        kind = _create_data_table(cur, schema, "parcels", stored, srid, versioned=True)
        new_state.geom_kind = kind if kind in _SINGLE_OF else ""
        _add_triggers(cur, schema)
        if not state.roles_pending:
            _secure(cur, schema, _attribute_columns(stored))
        layouts_changed["parcels"] = layout
        new_state.srid = srid
    if "plans" in parts:
        _save_plans(cur, project, state, new_state, conflicts, current, adopted)
    if "settings" in parts:
        _save_settings(cur, schema, project.settings or {}, state, new_state, conflicts, current,
                       adopted)
    if conflicts:
        raise SaveConflict(conflicts, current)
    _secure_pending(cur, state, new_state,
                    new_state.parcel_columns if same_shape else _attribute_columns(stored))
    if "tables" not in parts:
        return adopted, new_state
    # whole tables an administrator replaces
    if dict(project.field_mapping or {}) != state.mapping:
        _write_mapping(cur, schema, project.field_mapping or {})
        new_state.mapping = dict(project.field_mapping or {})
    indicators = project.indicators if project.indicators is not None else pd.DataFrame()
    if not _frames_equal(indicators, state.indicators):
        stored_ind, layouts_changed["lp_indicators"] = _encode(indicators)
        _create_data_table(cur, schema, "lp_indicators", stored_ind, 0, versioned=False)
        if not new_state.roles_pending:
            _secure(cur, schema, new_state.parcel_columns)
        new_state.indicators = copy.deepcopy(indicators)
    side = _side_tables(project)
    for name, frame in side.items():
        if _frames_equal(frame, state.side.get(name)):
            continue
        if frame is not None and len(frame.columns):
            stored_side, layouts_changed[name] = _encode(frame)
            _create_data_table(cur, schema, name, stored_side, 0, versioned=False)
        else:
            cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(_ident(schema, name)))
            cur.execute(sql.SQL("DELETE FROM {} WHERE key = %s").format(_ident(schema, "lp_meta")),
                        (f"layout:{name}",))
        if not new_state.roles_pending:
            _secure(cur, schema, new_state.parcel_columns)
        new_state.side = {**new_state.side, name: copy.deepcopy(frame)}
    if not _frames_equal(project.parks, state.parks):
        if project.parks is not None:
            stored_parks, layouts_changed["parks"] = _encode(project.parks)
            _create_data_table(cur, schema, "parks", stored_parks, _srid(cur, project.parks.crs),
                               versioned=False)
        else:
            cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(_ident(schema, "parks")))
            cur.execute(sql.SQL("DELETE FROM {} WHERE key = 'layout:parks'").format(
                _ident(schema, "lp_meta")))
        if not new_state.roles_pending:
            _secure(cur, schema, new_state.parcel_columns)
        new_state.parks = copy.deepcopy(project.parks)
    source = _json_text(project.source or {})
    if layouts_changed or source != state.source:
        _write_meta(cur, schema, project, layouts_changed,
                    new_state.srid if "parcels" in layouts_changed else None)
        new_state.source = source
    if not same_shape:
        new_state = _reload_parcel_state(cur, schema, project, new_state)
    return adopted, new_state


#: Tables of the campaign (assets, incoming projects, scoreboard snapshots), stored whole.
_SIDE_TABLES = ("lp_assets", "lp_incoming", "lp_snapshots")


def _side_tables(project: Project) -> dict[str, pd.DataFrame | None]:
    """The campaign tables as the GeoPackage store writes them (None when empty)."""
    return {
        "lp_assets": getattr(project, "assets", None),
        "lp_incoming": getattr(project, "incoming", None),
        "lp_snapshots": gpkg_store._snapshots_table(getattr(project, "snapshots", None)),
    }


def _frames_equal(a: pd.DataFrame | None, b: pd.DataFrame | None) -> bool:
    a, b = (None if f is not None and f.shape == (0, 0) else f for f in (a, b))
    if a is None or b is None:
        return a is None and b is None
    try:
        return a.shape == b.shape and list(a.columns) == list(b.columns) and bool(a.equals(b))
    except Exception:
        return False


def _reload_parcel_state(cur, schema: str, project: Project, state: PgState) -> PgState:
    stored, layout = _encode(project.parcels)
    rows = cur.execute(
        _sql().SQL("SELECT lp_fid, row_version FROM {} ORDER BY lp_fid").format(_ident(schema, "parcels"))
    ).fetchall()
    state.parcel_layout = layout
    state.parcel_columns = _attribute_columns(stored)
    state.parcels = pd.DataFrame(stored.drop(columns=stored.geometry.name)).copy()
    state.parcel_geoms = np.asarray(stored.geometry.values, dtype=object)
    state.parcel_fids = np.asarray([r[0] for r in rows], dtype="int64")
    state.parcel_versions = np.asarray([r[1] for r in rows], dtype="int64")
    state.parcel_hashes = _row_hashes(stored)
    return state


def _parcel_label(state: PgState, position: int) -> str:
    if "parcel_id" in state.parcels:
        value = state.parcels["parcel_id"].iloc[position]
        if isinstance(value, str) and value:
            return value
    return f"#{position + 1}"


class _Encoded(tuple):
    """``(stored frame, layout)`` of the parcels for one save (:func:`_encode`), and their
    change from a base (:meth:`changes`), worked out once: a save asks first whether anything
    changed (:func:`_nothing_to_save`), then which parcels (hashing 100,000 rows: ~0.1 s)."""

    def changes(self, state: PgState) -> tuple[np.ndarray, np.ndarray]:
        """:func:`_changed_parcels` of this frame against ``state`` (kept for that state)."""
        known = getattr(self, "_changes", None)
        if known is None or known[0] is not state:
            known = self._changes = (state, _changed_parcels(self[0], state))
        return known[1]


def _changed_parcels(stored, state: PgState) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the parcels whose attributes or geometry differ from the base, and the mask
    of those whose geometry does."""
    hashes = _row_hashes(stored)
    geoms = np.asarray(stored.geometry.values, dtype=object)
    geom_changed = ~shapely.equals_identical(geoms, state.parcel_geoms)
    geom_changed &= ~(pd.isna(pd.Series(geoms)).to_numpy() & pd.isna(pd.Series(state.parcel_geoms)).to_numpy())
    return np.nonzero((hashes != state.parcel_hashes) | geom_changed)[0], geom_changed


def _save_parcels(cur, schema, encoded, state, new_state, conflicts, current, adopted) -> None:
    sql = _sql()
    stored = encoded[0]
    changed, geom_changed = encoded.changes(state)
    if len(changed) == 0:
        return
    _begin(cur)
    if getattr(cur.connection, "lp_written", None) is not None:
        cur.connection.lp_written.parcels = True
    geoms = np.asarray(stored.geometry.values, dtype=object)
    columns = state.parcel_columns
    attrs = pd.DataFrame(stored.drop(columns=stored.geometry.name))
    new_base = state.parcels.copy()
    versions = state.parcel_versions.copy()
    base_geoms = state.parcel_geoms.copy()
    table = _ident(schema, "parcels")
    # every version-checked UPDATE queued first (one round trip in the save's pipeline)
    pending = []
    for position in changed.tolist():
        mine = {c: _py(attrs[c].iloc[position]) for c in columns}
        base = {c: _py(state.parcels[c].iloc[position]) for c in columns}
        fields = [c for c in columns if not _same_value(mine[c], base[c])]
        geom_new = bool(geom_changed[position])
        fid = int(state.parcel_fids[position])
        sets = [sql.SQL("{} = %s").format(_ident(c)) for c in fields]
        params: list[Any] = [_typed(mine[c], stored[c].dtype) for c in fields]
        if geom_new:
            sets.append(sql.SQL("geom = ST_GeomFromEWKB(%s)"))
            params.append(_stored_geom(cur, schema, state, fid, geoms[position]))
        if not sets:
            continue
        queued = cur.connection.cursor()
        queued.execute(
            sql.SQL("UPDATE {} SET {} WHERE lp_fid = %s AND row_version = %s RETURNING row_version").format(
                table, sql.SQL(", ").join(sets)),
            (*params, fid, int(state.parcel_versions[position])),
        )
        pending.append((queued, position, mine, base, fields, geom_new, fid))
    for queued, position, mine, base, fields, geom_new, fid in pending:
        row = queued.fetchone()
        if row is None:
            _refused_by_policy(cur, schema, "parcels", "lp_fid", fid, int(state.parcel_versions[position]))
            theirs_row = cur.execute(
                sql.SQL("SELECT row_version, {} FROM {} WHERE lp_fid = %s FOR UPDATE").format(
                    sql.SQL(", ").join(_ident(c) for c in columns), table),
                (fid,),
            ).fetchone()
            label = _parcel_label(state, position)
            if theirs_row is None:
                conflicts.append(_conflict("parcels", str(fid), label, WHOLE_RECORD, None, None, None,
                                           _who(cur, schema, "parcels", str(fid), "deleted"), "theirs"))
                current[("parcels", str(fid))] = (None, None, position)
                continue
            their_version, theirs = int(theirs_row[0]), dict(zip(columns, (_py(v) for v in theirs_row[1:]), strict=True))
            merge = merge_record(base, mine, theirs)
            for name in merge.conflicts:
                who = _who(cur, schema, "parcels", str(fid), name)
                conflicts.append(_conflict("parcels", str(fid), label, name, base[name], mine[name],
                                           theirs[name], who))
            current[("parcels", str(fid))] = (their_version, theirs, position)
            if merge.conflicts:
                continue
            write = [c for c in columns if not _same_value(merge.merged[c], theirs[c])]
            sets = [sql.SQL("{} = %s").format(_ident(c)) for c in write]
            params = [_typed(merge.merged[c], stored[c].dtype) for c in write]
            if geom_new:
                sets.append(sql.SQL("geom = ST_GeomFromEWKB(%s)"))
                params.append(_stored_geom(cur, schema, state, fid, geoms[position]))
            version = their_version
            if sets:
                version = cur.execute(
                    sql.SQL("UPDATE {} SET {} WHERE lp_fid = %s RETURNING row_version").format(
                        table, sql.SQL(", ").join(sets)), (*params, fid),
                ).fetchone()[0]
            if merge.theirs_taken:
                names = {c["stored"]: c["name"] for c in state.parcel_layout["columns"]}
                adopted.append(Adopted("parcels", str(fid),
                                       {names.get(c, c): merge.merged[c] for c in merge.theirs_taken},
                                       position))
            versions[position] = version
            for c in columns:
                new_base.iat[position, new_base.columns.get_loc(c)] = merge.merged[c]
        else:
            versions[position] = int(row[0])
            for c in fields:
                new_base.iat[position, new_base.columns.get_loc(c)] = attrs[c].iloc[position]
        base_geoms[position] = geoms[position]
    new_state.parcels = new_base
    new_state.parcel_versions = versions
    new_state.parcel_geoms = base_geoms
    new_state.parcel_hashes = _row_hashes(new_base)


def _typed(value: Any, dtype: Any) -> Any:
    pgtype = _pg_type(dtype)
    if value is None:
        return None
    if pgtype == "text" and not isinstance(value, str):
        return None if isinstance(value, float) and value != value else str(value)
    if pgtype != "double precision" and isinstance(value, float) and value != value:
        return None
    return value


def _stored_geom(cur, schema: str, state: PgState, fid: int, geom: Any) -> bytes | None:
    """A parcel's new geometry as written (promoted in a Multi column, and remembered so)."""
    if state.geom_kind in _SINGLE_OF and geom is not None:
        stored, promoted = _promote(np.asarray([geom], dtype=object), state.geom_kind)
        table = _ident(schema, "lp_promoted")
        if promoted[0]:
            cur.execute(_sql().SQL("INSERT INTO {} (layer, lp_fid) VALUES ('parcels', %s) "
                                   "ON CONFLICT DO NOTHING").format(table), (fid,))
        else:
            cur.execute(_sql().SQL("DELETE FROM {} WHERE layer = 'parcels' AND lp_fid = %s").format(table),
                        (fid,))
        geom = stored[0]
    return _ewkb(geom, state.srid)


def _ewkb(geom: Any, srid: int) -> bytes | None:
    if geom is None:
        return None
    return shapely.to_wkb(shapely.set_srid(geom, srid), include_srid=True)


def _same_value(a: Any, b: Any) -> bool:
    from landplanner.store.conflicts import _same

    return _same(a, b)


def _refused_by_policy(cur, schema: str, table: str, key_column: str, key: Any, version: int) -> None:
    """Raise ``pg.denied`` when a row whose version did not change could not be written: row-level
    security (another park's row, a setting only an administrator may change) filtered it out."""
    sql = _sql()
    row = cur.execute(
        sql.SQL("SELECT row_version FROM {} WHERE {} = %s").format(_ident(schema, table), _ident(key_column)),
        (key,),
    ).fetchone()
    if row is not None and int(row[0]) == int(version):
        raise InputError(Problem.make("pg.denied", "error", detail=f"{table} {key}"))


def _who(cur, schema: str, table: str, key: str, field_name: str) -> tuple[str, _dt.datetime | None]:
    row = cur.execute(
        _sql().SQL("SELECT coalesce(app_user, db_user), at FROM {} WHERE table_name = %s AND row_key = %s "
                   "AND (field = %s OR op <> 'UPDATE') ORDER BY id DESC LIMIT 1").format(
            _ident(schema, "lp_history")),
        (table, key, field_name),
    ).fetchone()
    return (str(row[0]), row[1]) if row else ("", None)


def _conflict(table, key, label, name, base, mine, theirs, who, deleted="") -> Conflict:
    return Conflict(table=table, key=key, label=label, field=name, base=base, mine=mine,
                    theirs=theirs, their_user=who[0], their_time=who[1], deleted=deleted)


_plan_sql_cache: dict[str, dict[str, Any]] = {}


def _plan_sql(schema: str) -> dict[str, Any]:
    """The statements of a plan save, composed once per schema (the same text each time, so
    psycopg prepares them on the server after a few uses)."""
    found = _plan_sql_cache.get(schema)
    if found is None:
        sql = _sql()
        t = _ident(schema, "lp_plans")
        found = _plan_sql_cache[schema] = {
            # the plan's parcels (and so its park) unchanged: only the plan itself
            "update": sql.SQL("UPDATE {} SET uscc = %s, status = %s, data = %s "
                              "WHERE id = %s AND row_version = %s RETURNING row_version").format(t),
            "update_parcels": sql.SQL(
                "UPDATE {} SET park = %s, uscc = %s, status = %s, parcel_ids = %s, data = %s "
                "WHERE id = %s AND row_version = %s RETURNING row_version").format(t),
            "insert": sql.SQL("INSERT INTO {} (id, ord, park, uscc, status, parcel_ids, data) "
                              "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING "
                              "RETURNING row_version").format(t),
            "delete": sql.SQL("DELETE FROM {} WHERE id = %s AND row_version = %s RETURNING id").format(t),
            "lock": sql.SQL("SELECT row_version, data FROM {} WHERE id = %s FOR UPDATE").format(t),
            "visible": sql.SQL("SELECT row_version FROM {} WHERE id = %s").format(t),
            "merge": sql.SQL("UPDATE {} SET uscc = %s, status = %s, data = %s "
                             "WHERE id = %s RETURNING row_version").format(t),
            "merge_parcels": sql.SQL("UPDATE {} SET park = %s, uscc = %s, status = %s, parcel_ids = %s, "
                                     "data = %s WHERE id = %s RETURNING row_version").format(t),
        }
        # as bytes: psycopg then converts each only once (a composed query is rebuilt per call)
        found = _plan_sql_cache[schema] = {k: v.as_bytes(None) for k, v in found.items()}
    return found


_field_sql_cache: dict[tuple[str, bool, bool, bool], Any] = {}


def _plan_field_update(schema: str, key: str, base_version: int, data: dict, base: dict, park_of
                       ) -> tuple[Any, dict] | None:
    """A plan's save as a field-level compare-and-set: the fields this user changed, and the
    history entries added, are written onto the row as the database has it now, if nobody
    changed the row since it was loaded (``row_version``) or if every field this user changed
    still holds the value loaded (or already this user's). So an edit that meets another user's
    edit of other fields merges in the same round trip; only a field both changed (or a row
    deleted, or refused by row-level security) falls back to locking the row. Returns None when
    the edit is not of that form (a history rewritten rather than appended to)."""
    base_history, history = base.get("history") or [], data.get("history") or []
    if (not isinstance(base_history, list) or not isinstance(history, list)
            or history[:len(base_history)] != base_history):
        return None
    changes = {k: v for k, v in data.items() if k != "history" and not _same_value(v, base.get(k))}
    flags = ("uscc" in changes, "status" in changes, "parcel_ids" in changes)
    query = _field_sql_cache.get((schema, *flags))
    if query is None:
        sql = _sql()
        sets = ["data = jsonb_set(t.data || %(changes)s, '{{history}}', "
                "coalesce(t.data -> 'history', '[]'::jsonb) || %(added)s)"]
        if flags[0]:
            sets.append("uscc = %(uscc)s")
        if flags[1]:
            sets.append("status = %(status)s")
        if flags[2]:
            sets += ["park = %(park)s", "parcel_ids = %(parcel_ids)s"]
        query = _field_sql_cache[(schema, *flags)] = sql.SQL(
            "UPDATE {} AS t SET " + ", ".join(sets) + " WHERE t.id = %(id)s AND (t.row_version = %(v)s "
            "OR NOT EXISTS (SELECT 1 FROM jsonb_each(%(base)s) AS b(k, v) "
            "WHERE coalesce(t.data -> b.k, 'null') <> b.v "
            "AND coalesce(t.data -> b.k, 'null') <> coalesce(%(changes)s -> b.k, 'null'))) "
            "RETURNING t.row_version, CASE WHEN t.row_version = %(v)s + 1 THEN NULL ELSE t.data END, "
            "set_config('landplanner.saved', %(token)s || ' ' || t.row_version, false)"
        ).format(_ident(schema, "lp_plans")).as_bytes(None)
    params = {"changes": _jsonb(changes), "added": _jsonb(history[len(base_history):]), "id": key,
              "v": base_version, "base": _jsonb({k: base.get(k) for k in changes}), "token": "-"}
    if flags[0]:
        params["uscc"] = _text_or_none(data.get("uscc"))
    if flags[1]:
        params["status"] = _text_or_none(data.get("status"))
    if flags[2]:
        params["park"], _uscc, _status, params["parcel_ids"], _data = _plan_row(data, park_of)
    return query, params


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass
class _PlanWrites:
    """What a save of plans writes (computed without the server), and the base it updates."""

    planned: list  # (statement, kind, index, plan, key, data, base_version, base)
    plans_base: dict
    objects: dict
    order: dict
    state: PgState
    plans: tuple = ()  # the project's plans as saved
    keys: list = field(default_factory=list)  # the key of each unchanged one (else None)


def _unchanged_keys(state: PgState, plans: list) -> list:
    """For each plan, its key when it is still the very object loaded (or last saved or
    refreshed) for that key, else None: those plans are unchanged and need not be read.

    ``state.plan_ids`` maps object ids to keys; it is only a hint (an entry may be stale: every
    hit is checked against ``plan_objects``), kept up to date where objects are stored
    (:func:`_remember`) and rebuilt when it misses many, so a save of one plan among hundreds
    costs no Python-level pass over all of them."""
    objects = state.plan_objects
    snapshot = state.plan_snapshot
    if snapshot is not None and snapshot[0] is objects and len(snapshot[1]) == len(plans):
        same = list(map(operator.is_, plans, snapshot[1]))
        keys = list(snapshot[2])
        if not all(same):
            ids = state.plan_ids
            for i in itertools.compress(range(len(plans)), map(operator.not_, same)):
                key = ids.get(id(plans[i]))
                keys[i] = key if key is not None and objects.get(key) is plans[i] else None
        return keys
    for attempt in (0, 1):
        ids = state.plan_ids
        keys = list(map(ids.get, map(id, plans)))
        same = list(map(operator.is_, map(objects.get, keys), plans))
        misses = len(same) - sum(same)
        if misses and attempt == 0 and (misses > 8 or len(ids) > 4 * len(objects) + 64):
            ids.clear()  # stale (a copied state, many objects replaced): rebuild it once
            ids.update(zip(map(id, objects.values()), objects, strict=True))
            continue
        if misses:
            keys = [k if s else None for k, s in zip(keys, same, strict=True)]
        return keys
    return keys


def _remember(state: PgState, key: str, plan: Any) -> None:
    """``plan`` is now the object stored for ``key`` (see :func:`_unchanged_keys`)."""
    state.plan_ids[id(plan)] = key


def _plan_writes(project: Project, state: PgState, park_of) -> _PlanWrites:
    """The version-checked UPDATE, INSERT and DELETE of each plan changed since the base."""
    schema = state.schema
    q = _plan_sql(schema)
    plans = project.plans or []
    plans_base = dict(state.plans)
    objects = dict(state.plan_objects)
    order = dict(state.plan_order)
    # plans still the very objects loaded (or last saved) are unchanged: skip them unread
    keys = _unchanged_keys(state, plans)
    seen = set(keys)
    seen.discard(None)
    planned = []  # (statement, kind, index, plan, key, data, base_version, base)
    next_order = None
    for index in [i for i, k in enumerate(keys) if k is None]:
        plan = plans[index]
        key = _key_of(plan, index)
        seen.add(key)
        if key in plans_base:
            base_version, base = plans_base[key]
            # the base's values were made from the object loaded (or last saved): reuse them
            data = _plan_data_since(plan, objects.get(key), base)
            if data == base:
                objects[key] = plan
                _remember(state, key, plan)
                continue
            statement = _plan_field_update(schema, key, base_version, data, base, park_of)
            if statement is None and data.get("parcel_ids") == base.get("parcel_ids"):
                statement = (q["update"], (_text_or_none(data.get("uscc")), _text_or_none(data.get("status")),
                                           _jsonb(data), key, base_version))
            elif statement is None:
                statement = (q["update_parcels"], (*_plan_row(data, park_of), key, base_version))
            planned.append((statement, "update", index, plan, key, data, base_version, base))
        else:
            data = _plan_data(plan)
            if next_order is None:
                next_order = max(order.values(), default=-1) + 1
            planned.append(((q["insert"], (key, next_order, *_plan_row(data, park_of))),
                            "insert", index, plan, key, data, None, {}))
            order[key] = next_order
            next_order += 1
    if not plans_base.keys() <= seen:
        for key in [k for k in plans_base if k not in seen]:
            base_version, base = plans_base[key]
            planned.append(((q["delete"], (key, base_version)), "delete", None, None, key, None, base_version,
                            base))
    return _PlanWrites(planned, plans_base, objects, order, state, tuple(plans), keys)


def _plan_written(row, kind, index, plan, key, data, writes: _PlanWrites, adopted) -> None:
    """Take a plan's successful write (``row`` as its statement returned it) into the base."""
    if kind == "delete":
        writes.plans_base.pop(key, None)
        writes.objects.pop(key, None)
        writes.order.pop(key, None)
    elif len(row) > 1 and row[1] is not None:  # merged server-side with others' fields
        merged = row[1]
        writes.plans_base[key] = (int(row[0]), merged)
        if merged != data:
            adopted.append(Adopted("plans", key, merged, index))
            writes.objects.pop(key, None)
        else:
            writes.objects[key] = plan
            _remember(writes.state, key, plan)
    else:
        writes.plans_base[key] = (int(row[0]), data)
        writes.objects[key] = plan
        _remember(writes.state, key, plan)


def _plans_state(state: PgState, writes: _PlanWrites) -> PgState:
    new_state = copy.copy(state)
    new_state.plans = writes.plans_base
    new_state.plan_objects = writes.objects
    new_state.plan_order = writes.order
    keys = list(writes.keys)
    for _statement, _kind, index, plan, key, *_rest in writes.planned:
        if index is not None and index < len(keys):
            keys[index] = key if writes.objects.get(key) is plan else None
    for index, key in enumerate(keys):  # plans found unchanged by their values
        if key is None and index < len(writes.plans):
            found = writes.state.plan_ids.get(id(writes.plans[index]))
            if found is not None and writes.objects.get(found) is writes.plans[index]:
                keys[index] = found
    new_state.plan_snapshot = (writes.objects, writes.plans, tuple(keys))
    return new_state


def _save_one_row(conn, project: Project, state: PgState) -> tuple[list[Adopted], PgState] | None:
    """The usual save (one plan changed, nobody changed its fields meanwhile) in one round trip:
    BEGIN, the compare-and-set UPDATE, COMMIT (waiting for the disk) and the announcement are
    sent together. Returns None when the save is not of that form or the UPDATE found the row
    changed under it (nothing was written: the caller then saves the usual way, locking the
    row to merge or report)."""
    writes = _plan_writes(project, state, _LazyParks(project.parcels))
    if not writes.planned:  # nothing changed after all (plans rebuilt with the same values)
        new_state = _plans_state(state, writes)
        return [], new_state
    if len(writes.planned) != 1 or state.roles_pending:
        return None
    statement, kind, index, plan, key, data, _version, _base = writes.planned[0]
    user = state.user or app_user()
    conn.lp_written = _Written(state, plans=[key])  # type: ignore[attr-defined]
    delta = None
    if isinstance(statement[1], dict) and "token" in statement[1]:  # a field-level compare-and-set
        token = f"{os.getpid()}.{next(_tokens)}"
        statement = (statement[0], {**statement[1], "token": token})
        delta = _delta_announcement(state, key, token, statement[1])
    with _save_pipeline(conn) as cur:  # one round trip
        _set_session(cur, user)
        _begin(cur)
        written = conn.cursor()
        written.execute(*statement)
        _queue_commit(cur, delta)  # the announcement is the pipeline's last statement
    if not _committed(conn.lp_commit):  # type: ignore[attr-defined]
        return None
    conn.info_landplanner_user = user  # type: ignore[attr-defined]
    row = written.fetchone()
    if row is None:
        return None
    adopted: list[Adopted] = []
    _plan_written(row, kind, index, plan, key, data, writes, adopted)
    return adopted, _plans_state(state, writes)


def _set_session(cur, user: str) -> None:
    """Name the application user for the history trigger, for the whole session (sent with the
    first save of a connection; remembered once that save committed)."""
    if getattr(cur.connection, "info_landplanner_user", None) != user:
        cur.execute("SELECT set_config('landplanner.user', %s, false), set_config('lock_timeout', '15s', false), "
                    "set_config('landplanner.notify', 'after_commit', false)", (user,))


def _save_plans(cur, project: Project, state: PgState, new_state: PgState, conflicts, current,
                adopted) -> None:
    """Write the plans that changed since the base: every version-checked UPDATE, INSERT and
    DELETE is queued first (one round trip in a pipeline), then the few records someone else
    changed meanwhile are locked, merged field by field, and written (or reported)."""
    conn = cur.connection
    schema = state.schema
    q = _plan_sql(schema)
    park_of = _LazyParks(project.parcels)
    writes = _plan_writes(project, state, park_of)
    planned, plans_base, objects, order = writes.planned, writes.plans_base, writes.objects, writes.order
    if planned:
        _begin(cur)  # all or none, committed with the rest of the save
        written = getattr(conn, "lp_written", None)
        if written is not None:
            written.add_plans(p[4] for p in planned)
    pending = []
    for statement, *rest in planned:
        c = conn.cursor()
        c.execute(*statement)
        pending.append((c, *rest))
    for c, kind, index, plan, key, data, base_version, base in pending:
        row = c.fetchone()  # the first one sends the whole queue
        if row is not None:
            _plan_written(row, kind, index, plan, key, data, writes, adopted)
            continue
        if kind == "insert":
            order.pop(key, None)
        if kind == "delete":
            _plan_deleted_meanwhile(cur, q, schema, key, base, plans_base, objects, order, conflicts, current)
        else:
            _plan_changed_meanwhile(cur, q, schema, park_of, index, plan, key, data, base_version, base,
                                    plans_base, objects, conflicts, current, adopted)
    new_state.plans = plans_base
    new_state.plan_objects = objects
    new_state.plan_order = order


def _lock_plan(cur, q, schema: str, key: str, base_version: int | None):
    """The plan's row as the database has it now, locked; ``pg.denied`` when row-level security
    hides it from this user's UPDATE (another park's plan) though it can be read."""
    _begin(cur)
    theirs_row = cur.execute(q["lock"], (key,)).fetchone()
    if theirs_row is None or (base_version is not None and int(theirs_row[0]) == int(base_version)):
        visible = cur.execute(q["visible"], (key,)).fetchone()
        if visible is not None:
            raise InputError(Problem.make("pg.denied", "error", detail=f"lp_plans {key}"))
    return theirs_row


def _plan_changed_meanwhile(cur, q, schema, park_of, index, plan, key, data, base_version, base,
                            plans_base, objects, conflicts, current, adopted) -> None:
    theirs_row = _lock_plan(cur, q, schema, key, base_version)
    if theirs_row is None:
        who = _who(cur, schema, "lp_plans", key, "deleted")
        conflicts.append(_conflict("plans", key, key, WHOLE_RECORD, base, data, None, who, "theirs"))
        current[("plans", key)] = (None, None, index)
        return
    their_version, theirs = int(theirs_row[0]), theirs_row[1]
    merge = merge_record(base, data, theirs)
    for name in merge.conflicts:
        who = _who(cur, schema, "lp_plans", key, name)
        conflicts.append(_conflict("plans", key, key, name, base.get(name), data.get(name),
                                   theirs.get(name), who))
    current[("plans", key)] = (their_version, theirs, index)
    if merge.conflicts:
        return
    merged = merge.merged
    if merged.get("parcel_ids") == theirs.get("parcel_ids"):  # their park stands
        version = cur.execute(q["merge"], (_text_or_none(merged.get("uscc")),
                                           _text_or_none(merged.get("status")), _jsonb(merged), key)
                              ).fetchone()[0]
    else:
        version = cur.execute(q["merge_parcels"], (*_plan_row(merged, park_of), key)).fetchone()[0]
    plans_base[key] = (int(version), merged)
    if merged != data:
        adopted.append(Adopted("plans", key, merged, index))
        objects.pop(key, None)
    else:
        objects[key] = plan


def _plan_deleted_meanwhile(cur, q, schema, key, base, plans_base, objects, order, conflicts,
                            current) -> None:
    theirs_row = _lock_plan(cur, q, schema, key, None)
    if theirs_row is not None:
        merge = merge_record(base, {}, theirs_row[1])
        changed = [f for f in theirs_row[1] if f != "history" and f not in merge.conflicts
                   and not _same_value(theirs_row[1].get(f), base.get(f))] or ["status"]
        who = _who(cur, schema, "lp_plans", key, changed[0])
        conflicts.append(_conflict("plans", key, key, changed[0], base.get(changed[0]), None,
                                   theirs_row[1].get(changed[0]), who, "mine"))
        current[("plans", key)] = (int(theirs_row[0]), theirs_row[1], None)
        return
    plans_base.pop(key, None)
    objects.pop(key, None)
    order.pop(key, None)


def _save_settings(cur, schema: str, settings: dict, state: PgState, new_state: PgState,
                   conflicts, current, adopted) -> None:
    sql = _sql()
    table = _ident(schema, "lp_settings")
    base = dict(state.settings)
    mine = {str(k): _json_text(v) for k, v in settings.items()}
    if getattr(cur.connection, "lp_written", None) is not None and (
            set(mine) != set(base) or any(base[k][1] != t for k, t in mine.items() if k in base)):
        cur.connection.lp_written.settings = True
    for key, text in mine.items():
        if key in base and base[key][1] == text:
            continue
        if key in base:
            row = cur.execute(
                sql.SQL("UPDATE {} SET value = %s WHERE key = %s AND row_version = %s RETURNING row_version")
                .format(table), (text, key, base[key][0]),
            ).fetchone()
        else:
            row = cur.execute(
                sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING "
                        "RETURNING row_version").format(table), (key, text),
            ).fetchone()
        if row is not None:
            base[key] = (int(row[0]), text)
            continue
        if key in base:
            _refused_by_policy(cur, schema, "lp_settings", "key", key, base[key][0])
        theirs = cur.execute(
            sql.SQL("SELECT row_version, value FROM {} WHERE key = %s FOR UPDATE").format(table), (key,)
        ).fetchone()
        if theirs is not None and theirs[1] == text:
            base[key] = (int(theirs[0]), text)
            continue
        who = _who(cur, schema, "lp_settings", key, "value")
        conflicts.append(_conflict(
            "settings", key, key, "value", json.loads(base[key][1]) if key in base else None,
            settings.get(key), None if theirs is None else json.loads(theirs[1]), who,
            "theirs" if theirs is None else ""))
        current[("settings", key)] = (None if theirs is None else int(theirs[0]),
                                      None if theirs is None else theirs[1], None)
    for key in [k for k in base if k not in mine]:
        cur.execute(
            sql.SQL("DELETE FROM {} WHERE key = %s").format(table), (key,)
        )
        base.pop(key)
    new_state.settings = base


# --------------------------------------------------------------------------- resolving


def resolve(project: Project, error: SaveConflict, choices: dict[tuple[str, str, str], str],
            default: str = "mine") -> list[Adopted]:
    """Apply the user's choice for each conflict so the next save succeeds.

    ``choices`` maps ``(table, key, field)`` to ``"mine"`` or ``"theirs"`` (``default`` for
    the rest). The base of each disputed record becomes the database's current row; fields
    that take ``theirs`` (and fields only they changed) are written into ``project``.
    Returns what changed in ``project`` (for the model's signals).
    """
    state: PgState = project.store_state
    state = copy.copy(state)
    state.plans = dict(state.plans)
    state.plan_objects = dict(state.plan_objects)
    state.settings = dict(state.settings)
    if any(table == "parcels" for table, _key in error.current):
        state.parcels = state.parcels.copy()
        state.parcel_versions = state.parcel_versions.copy()
    by_record: dict[tuple[str, str], list[Conflict]] = {}
    for conflict in error.conflicts:
        by_record.setdefault((conflict.table, conflict.key), []).append(conflict)
    changes: list[Adopted] = []
    for (table, key), (version, theirs, position) in error.current.items():
        disputed = by_record.get((table, key), [])

        def choice(c: Conflict) -> str:
            return choices.get((c.table, c.key, c.field), default)

        if table == "plans":
            _resolve_plan(project, state, key, version, theirs, position, disputed, choice, changes)
        elif table == "parcels":
            _resolve_parcel(project, state, key, version, theirs, position, disputed, choice, changes)
        elif table == "settings":
            take = any(choice(c) == "theirs" for c in disputed)
            if theirs is None:
                state.settings.pop(key, None)
                if take:
                    project.settings.pop(key, None)
            else:
                state.settings[key] = (version, theirs)
                if take:
                    project.settings[key] = json.loads(theirs)
            changes.append(Adopted("settings", key, {key: project.settings.get(key)}))
    project.store_state = state
    return changes


def _resolve_plan(project, state, key, version, theirs, position, disputed, choice, changes) -> None:
    plans = project.plans
    index = _plan_index(plans, key, position)
    if theirs is None:  # they deleted it
        state.plans.pop(key, None)
        state.plan_objects.pop(key, None)
        if disputed and all(choice(c) == "theirs" for c in disputed) and index is not None:
            plans.pop(index)
            changes.append(Adopted("plans", key, {}, index))
        return
    base = state.plans.get(key, (None, {}))[1]
    mine = _plan_data_since(plans[index], state.plan_objects.get(key), base) if index is not None else {}
    merge = merge_record(base, mine, theirs)
    merged = dict(merge.merged)
    if index is None:  # I deleted it, they changed it
        state.plans[key] = (version, theirs)
        state.plan_objects.pop(key, None)
        if disputed and any(choice(c) == "theirs" for c in disputed):
            plans.append(_plan_from(theirs, plans))
            changes.append(Adopted("plans", key, theirs, len(plans) - 1))
        return
    for c in disputed:
        merged[c.field] = theirs.get(c.field) if choice(c) == "theirs" else mine.get(c.field)
    state.plans[key] = (version, theirs)
    state.plan_objects.pop(key, None)
    if merged != mine:
        plans[index] = _plan_from(merged, plans)
        changes.append(Adopted("plans", key, merged, index))


def _plan_from(data: dict, plans: list) -> Plan:
    return Plan.from_dict(data)


def _resolve_parcel(project, state, key, version, theirs, position, disputed, choice, changes) -> None:
    if position is None or theirs is None:
        return
    layout = state.parcel_layout
    names = {c["stored"]: c["name"] for c in layout["columns"]}
    stored, _layout = _encode(project.parcels)
    mine = {c: _py(stored[c].iloc[position]) for c in state.parcel_columns}
    base = {c: _py(state.parcels[c].iloc[position]) for c in state.parcel_columns}
    merge = merge_record(base, mine, theirs)
    values = {c: merge.merged[c] for c in merge.theirs_taken}
    for c in disputed:
        if choice(c) == "theirs":
            values[c.field] = theirs[c.field]
    for stored_name, value in values.items():
        column = names.get(stored_name, stored_name)
        if column in project.parcels.columns:
            _set_cell(project.parcels, position, column, value)
    for c in state.parcel_columns:
        state.parcels.iat[position, state.parcels.columns.get_loc(c)] = theirs[c]
    state.parcel_versions[position] = version
    state.parcel_hashes = _row_hashes(state.parcels)
    if values:
        changes.append(Adopted("parcels", key, {names.get(k, k): v for k, v in values.items()}, position))


def _set_cell(frame: pd.DataFrame, position: int, column: str, value: Any) -> None:
    col = frame.columns.get_loc(column)
    try:
        frame.iat[position, col] = value
    except (TypeError, ValueError):
        frame[column] = frame[column].astype(object)
        frame.iat[position, col] = value


def _plan_index(plans: list, key: str, hint: int | None = None) -> int | None:
    """Where the plan ``key`` is in ``plans`` (``hint``, its position when saved, checked first)."""
    if hint is not None and 0 <= hint < len(plans) and _key_of(plans[hint], hint) == key:
        return hint
    return next((i for i, p in enumerate(plans) if _key_of(p, i) == key), None)


def adopt(project: Project, adopted: list[Adopted]) -> None:
    """Write the values a successful save merged from other users into ``project``."""
    state: PgState | None = project.store_state
    for item in adopted:
        if item.table == "plans":
            index = _plan_index(project.plans, item.key, item.position)
            plan = _plan_from(item.values, project.plans)
            if index is None:
                project.plans.append(plan)
            else:
                project.plans[index] = plan
            if state is not None:
                # its base is the row as merged (item.values): a later save reuses those values
                # for the fields it keeps from this object (see _plan_data_since)
                state.plan_objects[item.key] = plan
                _remember(state, item.key, plan)
                state.plan_snapshot = None
        elif item.table == "parcels" and item.position is not None:
            for column, value in item.values.items():
                if column in project.parcels.columns:
                    _set_cell(project.parcels, item.position, column, value)
    if state is not None and any(a.table == "parcels" for a in adopted):
        stored, _layout = _encode(project.parcels)
        state.parcel_hashes = _row_hashes(stored)


# --------------------------------------------------------------------------- other users


@dataclass
class RemoteChanges:
    """Rows other users changed since this project was loaded or last refreshed."""

    plans: list[Adopted] = field(default_factory=list)
    parcels: list[Adopted] = field(default_factory=list)
    kept_local: int = 0  # rows changed both here (unsaved) and there: merged at the next save

    def __bool__(self) -> bool:
        return bool(self.plans or self.parcels)


class ChangeHint:
    """What other users' announcements (``NOTIFY landplanner`` payloads) said changed since the
    last refresh, so that :func:`refresh` reads only that: the plans named, the parcels' row
    versions only when some parcel changed, and the history only after a change made outside
    landplanner (psql, QGIS: announced by the history trigger, one row each). An announcement of
    unknown form asks for everything. A save of one plan's fields announces the change itself
    (``delta``: the fields set, the history entries added, the row version made): a user whose
    base is the version before takes it in without reading the row. Fill it from the
    listener's thread with :meth:`add`; :meth:`take` hands the hint over and starts a new one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.plans: set[str] | None = set()  # None: any plan
        self.deltas: dict[str, dict[int, tuple[dict, list]]] = {}  # key -> {version: (set, added)}
        self.parcels = False
        self.outside = False
        self.count = 0

    def add(self, payload: dict) -> None:
        with self._lock:
            self.count += 1
            if "table" in payload:  # the history trigger: a change made outside landplanner
                table, row = payload.get("table"), payload.get("row")
                if table == "lp_plans" and self.plans is not None and isinstance(row, str):
                    self.plans.add(row)
                elif table == "lp_plans":
                    self.plans = None
                elif table == "parcels":
                    self.parcels = True
                self.outside = True
                return
            delta = payload.get("delta")
            if (isinstance(delta, dict) and isinstance(delta.get("key"), str) and type(delta.get("v")) is int
                    and isinstance(delta.get("set"), dict) and isinstance(delta.get("add"), list)):
                self.deltas.setdefault(delta["key"], {})[delta["v"]] = (delta["set"], delta["add"])
                plans = []
            else:
                plans = payload.get("plans", True)
            if isinstance(plans, list) and self.plans is not None:
                self.plans.update(str(k) for k in plans)
            elif plans:
                self.plans = None
            if payload.get("parcels", True):
                self.parcels = True

    def take(self) -> ChangeHint | None:
        """The hint so far (None when nothing was announced), and a fresh one in its place."""
        with self._lock:
            if not self.count:
                return None
            out = ChangeHint()
            out.plans, out.parcels, out.outside, out.count = self.plans, self.parcels, self.outside, self.count
            out.deltas = self.deltas
            self._reset()
            return out


def refresh(project: Project, hint: ChangeHint | None = None) -> RemoteChanges:
    """Take other users' committed changes to plans and parcel attributes into ``project``.

    Rows this user has not changed take the database's values (and row version); rows with
    unsaved local changes are left for the next save to merge. Cheap, as it follows every other
    user's save: one round trip (one consistent snapshot) whose answer holds only the plans
    whose row version differs from this user's base, a fingerprint of the parcels' row versions
    (their rows are read only when it moved) and the changes made outside landplanner; a changed
    plan is built from the local one, converting only the fields that differ.
    """
    state: PgState | None = project.store_state
    out = RemoteChanges()
    if not isinstance(state, PgState):
        return out
    conn = connect(state.location)
    q = _refresh_sql(state.schema)
    known = state.plans
    named = None if hint is None or hint.plans is None else set(hint.plans)
    check_parcels = hint is None or hint.parcels
    check_outside = hint is None or hint.outside
    plan_rows = _apply_deltas(state, hint.deltas, named) if named is not None and hint.deltas else []
    parcels_cur = outside_cur = plans_cur = None
    if named is None or named or check_parcels or check_outside:  # else nothing to read
        try:
            with conn.pipeline():  # one round trip: its exit sends a Sync and reads every result
                conn.cursor().execute(b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                if named is None:
                    # this user's row versions (and history lengths) as one JSON text (an array
                    # parameter is dumped element by element in Python: far slower)
                    plans_cur = conn.cursor()
                    plans_cur.execute(q["plans"], (json.dumps(
                        {k: (v, _history_length(d)) for k, (v, d) in known.items()}),))
                elif named:  # only the plans announced (their rows; a key not found was deleted)
                    plans_cur = conn.cursor()
                    plans_cur.execute(q["named_plans"], (json.dumps(
                        {k: _history_length(known[k][1]) if k in known else 0 for k in named}),))
                if check_parcels:
                    parcels_cur = conn.cursor()
                    parcels_cur.execute(q["parcels"])
                if check_outside:
                    outside_cur = conn.cursor()
                    outside_cur.execute(q["outside"], (state.history_id,))
                conn.cursor().execute(b"COMMIT")
        except BaseException:
            _abandon(conn)
            raise
    if plans_cur is not None:
        read = plans_cur.fetchall()
        if named is not None:  # keep those whose version differs from the base (or that are gone)
            read = [r for r in read if r[1] is not None or r[0] in known]
            read = [r for r in read if r[1] is None or known.get(r[0], (None,))[0] != r[1]]
        plan_rows += _with_history(conn, q, read, known)
    history_id = state.history_id
    outside = []
    if outside_cur is not None:
        outside = outside_cur.fetchall()
        history_id = max([history_id, *(int(r[0]) for r in outside)])
    changed_parcels: list[int] = []
    parcel_rows = {}
    fingerprint = parcels_cur.fetchone() if parcels_cur is not None else None
    if fingerprint is not None and outside_cur is not None:
        history_id = max(history_id, int(fingerprint[3] or 0))
    if fingerprint is not None and tuple(int(x) for x in fingerprint[:3]) != _parcel_fingerprint(state):
        sql = _sql()
        with conn.transaction():
            versions = conn.execute(q["parcel_versions"]).fetchall()
            fids = np.asarray([r[0] for r in versions], dtype="int64")
            vers = np.asarray([r[1] for r in versions], dtype="int64")
            if len(fids) == len(state.parcel_fids) and np.array_equal(fids, state.parcel_fids):
                changed_parcels = np.nonzero(vers != state.parcel_versions)[0].tolist()
            cols = state.parcel_columns
            if changed_parcels:
                for row in conn.execute(
                    sql.SQL("SELECT lp_fid, row_version, {} FROM {} WHERE lp_fid = ANY(%s)").format(
                        sql.SQL(", ").join(_ident(c) for c in cols), _ident(state.schema, "parcels")),
                    ([int(state.parcel_fids[p]) for p in changed_parcels],),
                ).fetchall():
                    parcel_rows[int(row[0])] = (int(row[1]), dict(zip(cols, (_py(v) for v in row[2:]), strict=True)))
    if plan_rows:
        state = _refresh_plans(project, state, plan_rows, outside, out)
    if parcel_rows:
        state = _refresh_parcels(project, state, changed_parcels, parcel_rows, out)
    if history_id != state.history_id:
        state = copy.copy(state)
        state.history_id = int(history_id)
    project.store_state = state
    return out


_refresh_sql_cache: dict[str, dict[str, bytes]] = {}


def _refresh_sql(schema: str) -> dict[str, bytes]:
    """The statements of a refresh, composed once per schema (prepared by psycopg after a few
    uses)."""
    found = _refresh_sql_cache.get(schema)
    if found is None:
        sql = _sql()
        plans, parcels, hist = (_ident(schema, n) for n in ("lp_plans", "parcels", "lp_history"))
        found = {
            # plans new, changed or deleted (id, version None) since this user's base
            "plans": sql.SQL(
                "SELECT b.id, p.row_version, x.d - 'history', p.ord, " + _HISTORY_TAIL
                + " FROM (SELECT coalesce(p.id, b.id), b.h, p.id FROM {} AS p FULL JOIN "
                "(SELECT key, (value ->> 0)::int, (value ->> 1)::int FROM json_each(%s::json)) AS b(id, v, h) "
                "ON b.id = p.id WHERE b.v IS DISTINCT FROM p.row_version) AS b(id, h, pid) "
                "LEFT JOIN {} AS p ON p.id = b.pid " + _DATA_ONCE).format(plans, plans),
            # any parcel updated changes the sum of the row versions (each UPDATE raises its
            # row's); added or removed rows change the count or the sum of the keys
            "parcels": sql.SQL(
                "SELECT count(*), coalesce(sum(row_version), 0), coalesce(sum(lp_fid), 0), "
                "(SELECT max(id) FROM {}) FROM {}").format(hist, parcels),
            # each by its key (a few among hundreds: no scan of the table)
            "named_plans": sql.SQL(
                "SELECT b.id, p.row_version, x.d - 'history', p.ord, " + _HISTORY_TAIL
                + " FROM (SELECT key, value::int FROM json_each_text(%s::json)) AS b(id, h) "
                "LEFT JOIN LATERAL (SELECT * FROM {} AS p WHERE p.id = b.id LIMIT 1) AS p ON true "
                + _DATA_ONCE).format(plans),
            "whole_plans": sql.SQL("SELECT id, row_version, data, ord FROM {} "
                                   "WHERE id IN (SELECT json_array_elements_text(%s::json))").format(plans),
            "parcel_versions": sql.SQL("SELECT lp_fid, row_version FROM {} ORDER BY lp_fid").format(parcels),
            # the rows since the last look, by key range (whatever the history's length)
            "outside": sql.SQL(
                "WITH recent AS MATERIALIZED (SELECT * FROM {} WHERE id > %s) "
                "SELECT id, row_key, at, db_user, field, old, new, note FROM recent "
                "WHERE table_name = 'lp_plans' AND op = 'UPDATE' AND app_user IS NULL "
                "ORDER BY id").format(hist),
        }
        found = _refresh_sql_cache[schema] = {k: v.as_bytes(None) for k, v in found.items()}
    return found


#: A plan's history as the refresh reads it: the entries from the last one this user has
#: (``b.h`` of them) on, when it has some, and whether that is what was sent (else the whole).
_HISTORY_TAIL = (
    "CASE WHEN b.h > 0 AND jsonb_typeof(x.d -> 'history') = 'array' THEN jsonb_path_query_array("
    "x.d -> 'history', '$[$n to last]', jsonb_build_object('n', b.h - 1)) ELSE x.d -> 'history' END, "
    "b.h > 0 AND jsonb_typeof(x.d -> 'history') = 'array'")
#: The plan's data read from its (compressed, out of line) storage once, not once per use.
_DATA_ONCE = "LEFT JOIN LATERAL (SELECT p.data || '{{}}'::jsonb AS d OFFSET 0) AS x ON true"


def _with_history(conn, q: dict, rows: list, known: dict) -> list:
    """``(key, version, data, order, None)`` of each row read by a refresh, its history put together
    from the base's entries and the tail read (anchored on the last entry the base has; a plan
    whose history was rewritten rather than added to is read again whole)."""
    out, again = [], []
    for key, version, data, order, history, is_tail in rows:
        if version is None:
            out.append((key, None, None, order, None))
            continue
        if is_tail:
            mine = known[key][1].get("history")
            if not (isinstance(mine, list) and mine and history and history[0] == mine[-1]):
                again.append(key)
                continue
            history = mine + history[1:]
        if history is not None or "history" in data:
            data["history"] = history
        out.append((key, version, data, order, None))
    if again:
        out += [(*r, None) for r in conn.execute(q["whole_plans"], (json.dumps(again),)).fetchall()]
    return out


def _apply_deltas(state: PgState, deltas: dict, named: set[str]) -> list:
    """``(key, version, data, order, (fields set, history entries added))`` of the plans whose
    announced changes follow on from this user's base (each from the version before it, in
    turn); the keys of the others go into ``named``, to be read."""
    rows = []
    for key, chain in deltas.items():
        base = state.plans.get(key)
        latest = max(chain)
        if base is None:
            named.add(key)
            continue
        version, data = base
        if latest <= version:  # already known (this user's own save, or an older one)
            continue
        names: set[str] = set()
        all_added: list = []
        while version + 1 in chain and isinstance(data.get("history", []), list):
            fields_set, added = chain[version + 1]
            history = data.get("history", [])
            data = {**data, **fields_set}
            data["history"] = history + added
            names.update(fields_set)
            all_added += added
            version += 1
        if version >= latest:
            rows.append((key, version, data, state.plan_order.get(key, 0), (names, all_added)))
        else:
            named.add(key)
    return rows


def _history_length(data: dict) -> int:
    history = data.get("history")
    return len(history) if isinstance(history, list) else 0


def _parcel_fingerprint(state: PgState) -> tuple[int, int, int]:
    return (len(state.parcel_fids), int(np.asarray(state.parcel_versions, dtype="int64").sum()),
            int(np.asarray(state.parcel_fids, dtype="int64").sum()))


def _plan_since(old: Plan, old_data: dict, data: dict) -> Plan:
    """``Plan.from_dict(data)``, keeping every field of ``old`` (made from ``old_data``) whose
    stored form did not change, and the history entries it already has (another user's edit
    changes a field or two and appends to the history)."""
    from landplanner.model.plan import _coerce

    if data.keys() != old_data.keys() or data.get("id") != old_data.get("id"):
        return Plan.from_dict(data)
    changes: dict[str, Any] = {}
    for name in _PLAN_FIELDS:
        if name not in data:
            continue
        value, before = data[name], old_data[name]
        if value == before:
            continue
        if (name == "history" and isinstance(value, list) and isinstance(before, list)
                and len(before) == len(old.history) and value[:len(before)] == before):
            changes[name] = old.history + tuple(dict(h) for h in value[len(before):])
        else:
            changes[name] = _coerce(name, value)
    return _replaced(old, changes) if changes else old


def _replaced(old: Plan, changes: dict) -> Plan:
    """``dataclasses.replace(old, **changes)`` (the same checks), without its generic work."""
    new = object.__new__(Plan)
    new.__dict__.update(old.__dict__)
    new.__dict__.update(changes)
    new.__post_init__()
    return new


def _plan_changed(old: Plan, data: dict, names: set[str], added: list) -> Plan:
    """``old`` with the fields ``names`` taken from ``data`` and the history entries ``added``:
    what another user's announced change made of it (see :func:`_apply_deltas`)."""
    from landplanner.model.plan import _coerce

    if not names <= _PLAN_FIELD_SET or "id" in names or "history" in names:
        return Plan.from_dict(data)
    changes = {name: _coerce(name, data[name]) for name in names}
    if added:
        changes["history"] = old.history + tuple(dict(h) for h in added)
    return _replaced(old, changes)


def _refresh_plans(project: Project, state: PgState, plan_rows: list, outside: list,
                   out: RemoteChanges) -> PgState:
    snapshot = state.plan_snapshot
    if snapshot is not None and (snapshot[0] is not state.plan_objects or len(snapshot[1]) != len(project.plans)):
        snapshot = None
    state = copy.copy(state)
    state.plans = dict(state.plans)
    state.plan_objects = dict(state.plan_objects)
    state.plan_order = dict(state.plan_order)
    slots = list(snapshot[1]) if snapshot is not None else None
    at = dict(zip(snapshot[2], range(len(slots)), strict=True)) if snapshot is not None else {}
    position: dict[int, int] | None = None
    by_key: dict[str, int] | None = None

    def index_of(key: str) -> int | None:
        nonlocal by_key, position
        obj = state.plan_objects.get(key)
        found = at.get(key)
        if found is not None and obj is not None and project.plans[found] is obj:
            return found
        if position is None:
            position = {id(p): i for i, p in enumerate(project.plans)}
        found = position.get(id(obj)) if obj is not None else None
        if found is not None:
            return found
        if by_key is None:
            by_key = {_key_of(p, i): i for i, p in enumerate(project.plans)}
        return by_key.get(key)

    deleted = []
    for key, version, data, order, announced in plan_rows:
        base = state.plans.get(key)
        index = index_of(key)
        if version is None:  # deleted by someone else
            if base is not None:
                deleted.append((key, index))
            continue
        local = project.plans[index] if index is not None else None
        local_unchanged = (index is None and base is None) or (
            local is not None and (state.plan_objects.get(key) is local
                                   or (base is not None and _plan_data(local) == base[1])))
        if not local_unchanged:
            out.kept_local += 1
            continue
        if announced is not None and local is not None and state.plan_objects.get(key) is local:
            plan = _plan_changed(local, data, *announced)
        elif local is not None and base is not None:
            plan = _plan_since(local, base[1], data)
        else:
            plan = _plan_from(data, project.plans)
        if outside:  # changes made with psql or QGIS: into the plan's history view
            folded = _fold_outside_history([plan], [(key,)], outside)[0]
            if folded is not plan:
                plan, data = folded, _plan_data(folded)
        if index is None:
            project.plans.append(plan)
            index = len(project.plans) - 1
            slots = None
            if position is not None:
                position[id(plan)] = index
            if by_key is not None:
                by_key[key] = index
        else:
            project.plans[index] = plan
            if position is not None:
                position[id(plan)] = index
            if slots is not None:
                slots[index] = plan
        state.plans[key] = (int(version), data)
        state.plan_objects[key] = plan
        _remember(state, key, plan)
        state.plan_order[key] = int(order)
        out.plans.append(Adopted("plans", key, data, index))
    for key, index in deleted:
        if index is not None and state.plan_objects.get(key) is project.plans[index]:
            project.plans.pop(index)
            position = {id(p): i for i, p in enumerate(project.plans)}
            by_key = None
            at = {}
            out.plans.append(Adopted("plans", key, {}, None))
        slots = None
        state.plans.pop(key, None)
        state.plan_objects.pop(key, None)
    state.plan_snapshot = (state.plan_objects, tuple(slots), snapshot[2]) if slots is not None else None
    return state


def _refresh_parcels(project: Project, state: PgState, changed_parcels: list[int], parcel_rows: dict,
                     out: RemoteChanges) -> PgState:
    state = copy.copy(state)
    stored, _layout = _encode(project.parcels)
    hashes = _row_hashes(stored)
    names = {c["stored"]: c["name"] for c in state.parcel_layout["columns"]}
    state.parcels = state.parcels.copy()
    state.parcel_versions = state.parcel_versions.copy()
    for position in changed_parcels:
        fid = int(state.parcel_fids[position])
        if fid not in parcel_rows:
            continue
        if hashes[position] != state.parcel_hashes[position]:
            out.kept_local += 1
            continue
        version, values = parcel_rows[fid]
        changed = {}
        for c, value in values.items():
            if not _same_value(value, _py(state.parcels[c].iloc[position])):
                changed[c] = value
                column = names.get(c, c)
                if column in project.parcels.columns:
                    _set_cell(project.parcels, position, column, value)
            state.parcels.iat[position, state.parcels.columns.get_loc(c)] = value
        state.parcel_versions[position] = version
        if changed:
            out.parcels.append(Adopted("parcels", str(fid), {names.get(k, k): v for k, v in changed.items()},
                                       position))
    state.parcel_hashes = _row_hashes(state.parcels)
    return state


def history(location: str, table: str | None = None, key: str | None = None,
            since: int = 0) -> list[dict]:
    """Rows of ``lp_history`` (oldest first): ``id``, ``time``, ``user`` (application user or
    database role), ``db_user``, ``table``, ``key``, ``op``, ``field``, ``old``, ``new``, ``note``."""
    sql = _sql()
    conn = connect(location)
    _conninfo, schema = parse_location(location)
    where = [sql.SQL("id > %s")]
    params: list[Any] = [since]
    if table is not None:
        where.append(sql.SQL("table_name = %s"))
        params.append({"plans": "lp_plans", "settings": "lp_settings"}.get(table, table))
    if key is not None:
        where.append(sql.SQL("row_key = %s"))
        params.append(str(key))
    with conn.transaction():
        rows = conn.execute(
            sql.SQL("SELECT id, at, coalesce(app_user, db_user), db_user, table_name, row_key, op, "
                    "field, old, new, note FROM {} WHERE {} ORDER BY id").format(
                _ident(schema, "lp_history"), sql.SQL(" AND ").join(where)),
            params,
        ).fetchall()
    names = ("id", "time", "user", "db_user", "table", "key", "op", "field", "old", "new", "note")
    return [dict(zip(names, row, strict=True)) for row in rows]


class Listener:
    """Waits for ``NOTIFY landplanner`` on its own thread and connection; calls ``callback``
    with each notification's payload (a dict) for this project's schema.

    Announcements are taken in batches: after the first, the thread waits ``gather`` seconds
    and then reads all that arrived meanwhile (a refresh follows 200 ms after the first
    anyway), so a busy server's stream of saves wakes it a few times a second, not once per
    save."""

    def __init__(self, location: str, callback, gather: float = 0.05) -> None:
        self.location = location
        self.callback = callback
        self.gather = gather
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="landplanner-listen", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        conninfo, schema = parse_location(self.location)
        while not self._stop.is_set():
            try:
                kwargs: dict[str, Any] = {"autocommit": True, "application_name": "landplanner-listen"}
                password = _keyring_password(conninfo)
                if password:
                    kwargs["password"] = password
                with psycopg.connect(conninfo, **kwargs) as conn:
                    conn.execute("LISTEN landplanner")
                    while not self._stop.is_set():
                        notes = list(conn.notifies(timeout=0.5, stop_after=1))
                        if notes and self.gather and not self._stop.wait(self.gather):
                            notes += conn.notifies(timeout=0)  # what arrived meanwhile
                        for note in notes:
                            try:
                                payload = json.loads(note.payload)
                            except ValueError:
                                continue
                            if payload.get("schema") == schema:
                                self.callback(payload)
            except Exception:
                # the periodic refresh covers the gap; try again a little later
                self._stop.wait(5)
