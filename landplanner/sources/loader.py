"""Opening a parcel file: shapefile, zipped shapefile, folder, GeoPackage layer or GeoJSON.

``load_parcels`` checks the files itself (see :mod:`.shapefile_check`), decides the text
encoding (:mod:`.encoding`) and the CRS (:mod:`.crs_detect`), reads with pyogrio's Arrow
path (fiona as a fallback engine), and cleans the geometry (:mod:`.geometry`). Anything
that makes the input unusable becomes an :class:`~landplanner.problems.InputError`; every
other finding goes into the :class:`~.report.LoadReport`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from landplanner import library_errors, messages
from landplanner.problems import InputError, Problem
from landplanner.sources import archive, crs_detect, geometry
from landplanner.sources.encoding import (
    check_user_encoding,
    decide_encoding,
    gdal_name,
    read_dbf_header,
)
from landplanner.sources.report import CrsInfo, EncodingInfo, LoadReport, LoadResult
from landplanner.sources.shapefile_check import (
    POLYGON_TYPES,
    SHAPE_TYPES,
    check_shapefile,
    find_sidecar,
    is_lfs_pointer,
    refuse,
)

log = logging.getLogger(__name__)

Progress = Callable[[float, str], bool] | None

messages.register(
    {
        "layer_required": (
            "{name} 含有多个图层，请选择一个：{layers}",
            "{name} holds several layers; choose one: {layers}",
        ),
        "layer_not_found": (
            "{name} 中没有图层“{layer}”；可选图层：{layers}",
            "{name} has no layer '{layer}'; its layers are: {layers}",
        ),
        "folder_no_layers": (
            "文件夹 {name} 中没有 shapefile（.shp）。",
            "The folder {name} holds no shapefile (.shp).",
        ),
        "no_layers": ("{name} 中没有可读的图层。", "{name} holds no readable layer."),
        "read_failed": (
            "无法读取 {name}：{detail}",
            "{name} cannot be read: {detail}",
        ),
        "engine_unknown": (
            "未知的读取引擎：{engine}（可用：pyogrio、fiona）。",
            "Unknown reading engine: {engine} (choose pyogrio or fiona).",
        ),
        "cancelled": ("已取消载入。", "Loading was cancelled."),
        "internal_error": (
            "读取 {name} 时发生内部错误：{detail}",
            "An internal error occurred while reading {name}: {detail}",
        ),
        "arrow_fallback": (
            "快速读取失败，已改用普通方式读取：{detail}",
            "The fast (Arrow) read failed; the file was read the ordinary way: {detail}",
        ),
        "encoding_override_utf8_format": (
            "{name} 的文字按规范是 UTF-8；按指定的 {encoding} 解码可能出现乱码。",
            "The text of {name} is UTF-8 by definition; decoding it as {encoding}, as asked, "
            "may garble it.",
        ),
        "text_damaged": (
            "字段 {field} 有 {count} 个值含有无法按 {encoding} 解码的字节，已用“\ufffd”代替：{first}",
            "{count} values of the field {field} hold bytes that cannot be decoded as "
            "{encoding}; they were replaced by '\ufffd': {first}",
        ),
        "field_name_duplicate": (
            "字段名 {name} 出现多次，后一个改名为 {new}。",
            "The field name {name} occurs more than once; the later one was renamed {new}.",
        ),
        "progress_checking": ("检查文件…", "Checking the files…"),
        "progress_reading": ("读取要素…", "Reading features…"),
        "progress_geometry": ("检查图形…", "Checking the shapes…"),
        "progress_done": ("载入完成", "Loaded"),
    }
)

_GPKG_EXT = {".gpkg"}


# ---------------------------------------------------------------- public API


def list_layers(path: str | Path) -> list[str]:
    """The layers a source holds.

    Parameters
    ----------
    path : str or Path
        A .shp (one layer, its stem), a folder (one layer per .shp), a .zip (one layer per
        .shp at any depth), a GeoPackage or any other GDAL vector file (its spatial layers).

    Returns
    -------
    list of str

    Raises
    ------
    InputError
        When the source cannot be opened.
    """
    path = Path(path)
    kind = _kind(path)
    if kind == "shp":
        return [path.stem]
    if kind == "folder":
        return [p.stem for p in _folder_shapefiles(path)]
    if kind == "zip":
        return [layer.name for layer in archive.zip_layers(path)]
    return _ogr_layers(path)


def load_parcels(
    path: str | Path,
    layer: str | None = None,
    encoding: str | None = None,
    engine: str = "pyogrio",
    progress: Progress = None,
) -> LoadResult:
    """Load parcels with their source attributes and a load report.

    Parameters
    ----------
    path : str or Path
        .shp, folder of shapefiles, .zip, .gpkg, .geojson (or another GDAL vector file).
    layer : str, optional
        The layer to read; required when the source holds several (see :func:`list_layers`).
    encoding : str, optional
        Force the attribute encoding (``"GBK"``, ``"UTF-8"``…); reported with source
        ``"user"``.
    engine : {"pyogrio", "fiona"}
        pyogrio (Arrow when available) is the fast path; fiona is the fallback.
    progress : callable(fraction, message) -> bool, optional
        Called with 0–1 and a message; returning False cancels (InputError ``cancelled``).

    Returns
    -------
    LoadResult
        ``gdf``: decoded source attributes and a 2D Polygon/MultiPolygon ``geometry``
        (repaired; None where a feature has no shape), CRS set when known. ``report``:
        :class:`LoadReport`.

    Raises
    ------
    InputError
        For unusable input (and only this exception type).
    """
    path = Path(path)
    try:
        with _workdirs() as new_workdir:
            return _load(path, layer, encoding, engine, progress, new_workdir)
    except InputError:
        raise
    except Exception as exc:  # never a traceback for the user; keep it in the log
        log.exception("loading %s failed", path)
        raise InputError(
            Problem.make(
                "internal_error", "error", name=path.name, detail=f"{type(exc).__name__}: {exc}"
            )
        ) from exc


# ---------------------------------------------------------------- sources


def _kind(path: Path) -> str:
    if not path.exists():
        raise refuse("file_not_found", path=str(path))
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix == ".shp":
        return "shp"
    if suffix == ".zip":
        return "zip"
    if suffix in (".dbf", ".shx") and find_sidecar(path, ".shp"):
        return "shp-sidecar"
    return "ogr"


def _folder_shapefiles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".shp" and p.is_file())


def _ogr_layers(path: Path) -> list[str]:
    import pyogrio

    if is_lfs_pointer(path):
        raise refuse("lfs_pointer", name=path.name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "unable to read srs_id": the read says more
            layers = pyogrio.list_layers(path)
    except Exception as exc:  # pyogrio raises several DataSource error types
        raise _read_failure(path.name, exc) from None
    names = [str(name) for name, gtype in layers if gtype is not None]
    if not names:
        raise refuse("no_layers", name=path.name)
    return names


def _choose(name: str, layers: list[str], layer: str | None) -> str:
    if layer is None:
        if len(layers) > 1:
            raise refuse("layer_required", name=name, layers=", ".join(layers))
        return layers[0]
    if layer not in layers:
        raise refuse("layer_not_found", name=name, layer=layer, layers=", ".join(layers))
    return layer


@contextmanager
def _workdirs():
    """Temporary folders for copies (zip members, rebuilt .shx); removed afterwards."""
    made: list[Path] = []

    def new() -> Path:
        made.append(Path(tempfile.mkdtemp(prefix="landplanner-load-")))
        return made[-1]

    try:
        yield new
    finally:
        for d in made:
            shutil.rmtree(d, ignore_errors=True)


def _step(progress: Progress, fraction: float, code: str) -> None:
    if progress is not None and progress(fraction, messages.text(code)) is False:
        raise InputError(Problem.make("cancelled", "error"))


def _load(path, layer, encoding, engine, progress, new_workdir) -> LoadResult:
    if engine not in ("pyogrio", "fiona"):
        raise refuse("engine_unknown", engine=engine)
    _step(progress, 0.0, "progress_checking")
    kind = _kind(path)
    if kind == "shp-sidecar":
        path, kind = find_sidecar(path, ".shp"), "shp"
    if kind == "folder":
        shapefiles = _folder_shapefiles(path)
        if not shapefiles:
            raise refuse("folder_no_layers", name=path.name)
        names = [p.stem for p in shapefiles]
        chosen = _choose(path.name, names, layer)
        shp = shapefiles[names.index(chosen)]
        return _load_shapefile(shp, shp, chosen, names, encoding, engine, progress, new_workdir)
    if kind == "zip":
        if is_lfs_pointer(path):
            raise refuse("lfs_pointer", name=path.name)
        layers = archive.zip_layers(path)
        names = [item.name for item in layers]
        chosen = _choose(path.name, names, layer)
        shp = archive.extract_layer(path, layers[names.index(chosen)], new_workdir())
        return _load_shapefile(path, shp, chosen, names, encoding, engine, progress, new_workdir)
    if kind == "shp":
        if layer is not None and layer != path.stem:
            raise refuse("layer_not_found", name=path.name, layer=layer, layers=path.stem)
        return _load_shapefile(
            path, path, path.stem, [path.stem], encoding, engine, progress, new_workdir
        )
    names = _ogr_layers(path)
    chosen = _choose(path.name, names, layer)
    return _load_ogr(path, chosen, names, encoding, engine, progress)


def _load_shapefile(
    source: Path, shp: Path, layer: str, layers: list[str], encoding, engine, progress, new_workdir
) -> LoadResult:
    sset = check_shapefile(shp, new_workdir)
    problems = list(sset.problems)
    enc, enc_problems = decide_encoding(sset.dbf, sset.cpg, encoding)
    problems += enc_problems
    crs_info, crs, crs_problems = crs_detect.crs_from_prj(sset.prj)
    problems += crs_problems
    declared = sset.geometry_name
    if sset.records and sset.shape_type not in POLYGON_TYPES and sset.shape_type != 0:
        raise InputError(
            Problem.make("not_polygons", "error", found=_found_name(sset.shape_type)), problems
        )
    if sset.dbf is not None:
        try:
            n_dbf = read_dbf_header(sset.dbf).n_records
            if n_dbf != sset.records:
                problems.append(
                    Problem.make("dbf_count_mismatch", "warning", dbf=n_dbf, shp=sset.records)
                )
        except (ValueError, OSError):
            pass  # decide_encoding already refused a corrupt header
    _step(progress, 0.1, "progress_reading")
    gdal_encoding = enc.name if sset.dbf is not None else None
    fast = _read_shapefile_fast(sset, enc.name, engine, problems)
    if fast is not None:
        attrs, wkb, geoms = fast
    else:
        attrs, wkb, geoms = _read(sset.shp, None, gdal_encoding, engine, problems, source)
    report = LoadReport(str(source), layer, layers=layers, encoding=enc, crs=crs_info)
    return _finish(attrs, wkb, geoms, crs, declared, report, problems, progress)


def _read_shapefile_fast(sset, encoding: str, engine: str, problems: list[Problem]):
    """(attributes, WKB, None) with the DBF read by :mod:`.dbf` and only the shapes by GDAL,
    or None when the table is not plain (the whole file is then read by GDAL)."""
    if engine != "pyogrio" or sset.dbf is None:
        return None
    from landplanner.sources import dbf
    from landplanner.sources.encoding import python_codec

    found: list[Problem] = []
    attrs = dbf.read_dbf(sset.dbf, python_codec(encoding), found)
    if attrs is None:
        return None
    try:
        _, wkb = _read_arrow(sset.shp, None, encoding, [], columns=[])
    except Exception:  # noqa: BLE001 - the full GDAL read reports what is wrong
        return None
    if len(wkb) != len(attrs):
        return None  # GDAL pairs shapes and records its own way
    problems += found
    return attrs, wkb, None


def _found_name(shape_type: int) -> str:
    name = SHAPE_TYPES.get(shape_type, str(shape_type))
    return "MultiPatch (TIN)" if shape_type == 31 else name


def _load_ogr(path: Path, layer: str, layers: list[str], encoding, engine, progress) -> LoadResult:
    import pyogrio

    problems: list[Problem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            info = pyogrio.read_info(path, layer=layer)
    except Exception as exc:
        raise _read_failure(path.name, exc) from None
    crs_info, crs, crs_problems = crs_detect.crs_from_layer(info.get("crs"))
    problems += crs_problems
    if encoding:
        enc = EncodingInfo(gdal_name(check_user_encoding(encoding)), "user")
        if enc.name != "UTF-8":
            problems.append(
                Problem.make(
                    "encoding_override_utf8_format", "warning", name=path.name, encoding=enc.name
                )
            )
    else:
        # GeoPackage and GeoJSON are UTF-8 by definition.
        enc = EncodingInfo(str(info.get("encoding") or "UTF-8"), "detected")
    _step(progress, 0.1, "progress_reading")
    user_encoding = enc.name if encoding else None
    arrow = user_encoding in (None, "UTF-8")
    attrs, wkb, geoms = _read(path, layer, user_encoding, engine, problems, path, arrow)
    report = LoadReport(str(path), layer, layers=layers, encoding=enc, crs=crs_info)
    return _finish(
        attrs, wkb, geoms, crs, str(info.get("geometry_type")), report, problems, progress
    )


# ---------------------------------------------------------------- reading


def _read_failure(name: str, exc: Exception) -> InputError:
    """The refusal for a file GDAL could not open, in plain words (:mod:`library_errors`)."""
    return refuse("read_failed", name=name, detail=_gdal_detail(exc))


def _gdal_detail(exc: Exception):
    """GDAL's error in words a user can act on (both languages), else its first line."""
    return library_errors.plain(exc)


def _read(path: Path, layer, encoding, engine, problems, source: Path, arrow: bool = True):
    """(attributes DataFrame, WKB array or None, geometry array or None).

    ``arrow=False`` selects pyogrio's row-wise reader, which can decode other formats
    than shapefiles from a non-UTF-8 encoding (GDAL's Arrow path recodes only shapefiles).
    """
    if engine == "fiona":
        attrs, geoms = _read_fiona(path, layer, encoding, source)
        return attrs, None, geoms
    if not arrow:
        return (*_read_pyogrio_numpy(path, layer, encoding, source), None)
    try:
        attrs, wkb = _read_arrow(path, layer, encoding, problems)
    except ImportError:
        attrs, wkb = _read_pyogrio_numpy(path, layer, encoding, source)
    except InputError:
        raise
    except Exception as exc:
        # Arrow has a few gaps (types, drivers); the row-wise reader covers them.
        try:
            attrs, wkb = _read_pyogrio_numpy(path, layer, encoding, source)
        except InputError:
            raise _read_failure(source.name, exc) from None
        problems.append(Problem.make("arrow_fallback", "info", detail=_gdal_detail(exc)))
    return attrs, wkb, None


def _read_arrow(
    path: Path, layer, encoding, problems=None, columns=None
) -> tuple[pd.DataFrame, np.ndarray]:
    import pyarrow  # noqa: F401  (ImportError selects the numpy reader)
    import pyogrio

    problems = [] if problems is None else problems
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Measured (M) geometry types are not supported" etc.
        meta, table = pyogrio.read_arrow(
            path, layer=layer, encoding=encoding, datetime_as_string=True, columns=columns
        )
    geom_name = meta["geometry_name"] or "wkb_geometry"
    if geom_name in table.column_names:
        wkb = table.column(geom_name).to_numpy(zero_copy_only=False)
        table = table.drop_columns([geom_name])
    else:
        wkb = np.full(table.num_rows, None, dtype=object)
    table = _unique_names(table, problems)
    table = _repair_text(table, encoding or "UTF-8", problems)
    attrs = table.to_pandas(self_destruct=True)
    del table
    _fix_dates(attrs, {**meta, "fields": _unique(list(meta["fields"]), None)})
    return attrs, np.asarray(wkb, dtype=object)


def _read_pyogrio_numpy(
    path: Path, layer, encoding, source: Path
) -> tuple[pd.DataFrame, np.ndarray]:
    from pyogrio.raw import read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta, _, wkb, field_data = read(
                path, layer=layer, encoding=encoding, datetime_as_string=True
            )
    except Exception as exc:
        raise _read_failure(source.name, exc) from None
    columns = _unique(list(meta["fields"]), None)
    attrs = pd.DataFrame({c: field_data[i] for i, c in enumerate(columns)}, columns=columns)
    meta = {**meta, "fields": columns}
    _fix_dates(attrs, meta)
    if wkb is None:
        wkb = np.full(len(attrs), None, dtype=object)
    return attrs, np.asarray(wkb, dtype=object)


def _unique(names: list[str], problems: list[Problem] | None) -> list[str]:
    """Field names made unique: the second ``NAME`` becomes ``NAME_2`` (with a warning)."""
    seen: set[str] = set()
    out = []
    for name in names:
        new, k = name, 2
        while new in seen:
            new, k = f"{name}_{k}", k + 1
        if new != name and problems is not None:
            problems.append(Problem.make("field_name_duplicate", "warning", name=name, new=new))
        seen.add(new)
        out.append(new)
    return out


def _unique_names(table, problems: list[Problem]):
    names = table.column_names
    if len(set(names)) == len(names):
        return table
    return table.rename_columns(_unique(names, problems))


def _repair_text(table, encoding: str, problems: list[Problem]):
    """Text columns as valid UTF-8: bytes the encoding cannot decode become U+FFFD.

    GDAL passes such bytes through unchanged (a UTF-8 DBF with a character cut at the field
    width, a damaged page, the wrong encoding); pyarrow would refuse the whole table.
    Each damaged column is reported once with its rows.
    """
    import pyarrow as pa

    try:
        table.validate(full=True)
        return table
    except (pa.ArrowInvalid, pa.ArrowException):
        pass
    for i, name in enumerate(table.column_names):
        column = table.column(i)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            continue
        try:
            column.validate(full=True)
            continue
        except (pa.ArrowInvalid, pa.ArrowException):
            pass
        binary = pa.large_binary() if pa.types.is_large_string(column.type) else pa.binary()
        raw = pa.chunked_array([c.view(binary) for c in column.chunks], type=binary).to_pylist()
        texts, damaged = [], []
        for row, value in enumerate(raw):
            if value is None:
                texts.append(None)
                continue
            try:
                texts.append(value.decode("utf-8"))
            except UnicodeDecodeError:
                texts.append(value.decode("utf-8", errors="replace"))
                damaged.append(row)
        table = table.set_column(i, name, pa.array(texts, type=column.type))
        if damaged:
            problems.append(
                Problem.group("text_damaged", "warning", damaged, field=name, encoding=encoding)
            )
    return table


def _fix_dates(attrs: pd.DataFrame, meta: dict) -> None:
    """Dates as datetime64 (NaT when empty) and DBF logicals as nullable booleans.

    GDAL turns an unset DBF logical (``?``) into null, which numpy makes a float column;
    the pandas ``boolean`` dtype keeps True/False/NA instead.
    """
    subtypes = meta.get("ogr_subtypes") or [None] * len(meta["fields"])
    for dtype, subtype, column in zip(meta["dtypes"], subtypes, meta["fields"], strict=True):
        if column not in attrs:
            continue
        if dtype is not None and str(dtype).startswith("datetime"):
            attrs[column] = pd.to_datetime(attrs[column], errors="coerce")
        elif subtype == "OFSTBoolean" and attrs[column].dtype != bool:
            try:
                attrs[column] = attrs[column].astype("boolean")
            except (TypeError, ValueError):
                pass  # leave unusual values as read


def _read_fiona(path: Path, layer, encoding, source: Path):
    import fiona
    from shapely.geometry import shape

    records, geoms = [], []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fiona.open(path, layer=layer, encoding=encoding) as src:
                schema = list(src.schema["properties"])
                for feature in src:
                    records.append(dict(feature["properties"]))
                    g = feature["geometry"]
                    try:
                        geoms.append(shape(g) if g is not None else None)
                    except Exception:  # unreadable shape: reported as unreadable below
                        geoms.append(None)
    except Exception as exc:
        raise _read_failure(source.name, exc) from None
    attrs = pd.DataFrame.from_records(records, columns=schema)
    for column in attrs.columns:
        if attrs[column].map(lambda v: hasattr(v, "isoformat")).any():
            attrs[column] = pd.to_datetime(attrs[column], errors="coerce")
    return attrs, np.array(geoms + [None], dtype=object)[:-1]


# ---------------------------------------------------------------- finishing


def _finish(attrs, wkb, geoms, crs, declared, report: LoadReport, problems, progress) -> LoadResult:
    _step(progress, 0.7, "progress_geometry")
    if geoms is None:
        geoms, parse_problems = geometry.parse_wkb(wkb)
        problems += parse_problems
    try:
        geoms, gtype, geom_problems = geometry.clean_polygons(geoms)
    except InputError as exc:
        exc.problems[:0] = problems
        raise
    problems += geom_problems
    problems += geometry.warn_oversized(geoms, crs)
    n = len(attrs)
    if n == 0:
        problems.append(Problem.make("empty_layer", "info"))
        base = declared.replace(" Z", "").replace(" M", "").strip()
        if base not in ("Polygon", "MultiPolygon", "Null", "Unknown", "None", ""):
            problems.append(Problem.make("declared_not_polygon", "warning", found=declared))
        gtype = "Polygon" if base in ("Null", "None", "Unknown", "") else base
    if not report.crs.known:
        present = geoms[~shapely.is_missing(geoms)] if n else geoms
        bounds = tuple(shapely.total_bounds(present)) if len(present) else None
        problems.append(crs_detect.unknown_crs(report.crs, bounds))
    attrs = attrs.reset_index(drop=True)
    if "geometry" in attrs.columns:
        attrs = attrs.rename(columns={"geometry": "geometry_src"})
    gdf = gpd.GeoDataFrame(attrs, geometry=gpd.GeoSeries(geoms, crs=crs), crs=crs)
    report.features = n
    report.geometry_type = gtype
    report.problems = problems
    _step(progress, 1.0, "progress_done")
    return LoadResult(gdf, report)


__all__ = ["list_layers", "load_parcels", "LoadResult", "LoadReport", "CrsInfo", "EncodingInfo"]
