"""Make a (Geo)DataFrame survive a GeoPackage round trip unchanged.

A GeoPackage knows fewer types than pandas: nullable integers come back as floats, the
pandas string/object distinction is lost, datetimes come back in milliseconds with a fixed
UTC offset, categories as text, and column names are compared case-insensitively (``ID``
and ``id`` cannot both exist; ``fid`` is reserved). :func:`encode` turns a frame into one
the driver stores faithfully plus a JSON-able *layout* (original names, dtypes, index, CRS);
:func:`decode` uses the layout to give back the frame that was saved.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pandas.api.types import is_object_dtype
from pyproj import CRS

# Names the GeoPackage driver uses itself (compared case-insensitively).
_RESERVED = {"fid", "geom", "geometry", "ogc_fid"}
_INDEX_COLUMN = "lp_index"


def dtype_tag(dtype: Any) -> Any:
    """A JSON-able description of a pandas dtype that :func:`dtype_from_tag` inverts."""
    if isinstance(dtype, pd.StringDtype):
        na = "nan" if dtype.na_value is np.nan else "NA"
        return {"kind": "string", "storage": dtype.storage, "na": na}
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "kind": "category",
            "categories": dtype.categories.astype(object).tolist(),
            "categories_dtype": dtype_tag(dtype.categories.dtype),
            "ordered": bool(dtype.ordered),
        }
    return str(dtype)


def dtype_from_tag(tag: Any) -> Any:
    """The pandas dtype described by ``tag`` (see :func:`dtype_tag`)."""
    if isinstance(tag, dict):
        if tag["kind"] == "string":
            na = np.nan if tag["na"] == "nan" else pd.NA
            return pd.StringDtype(storage=tag["storage"], na_value=na)
        if tag["kind"] == "category":
            categories = pd.Index(tag["categories"]).astype(dtype_from_tag(tag["categories_dtype"]))
            return pd.CategoricalDtype(categories, ordered=tag["ordered"])
        raise ValueError(f"unknown dtype tag {tag!r}")
    if tag == "geometry":
        return "geometry"
    return pd.api.types.pandas_dtype(tag)


def _storable(series: pd.Series) -> pd.Series:
    """``series`` in a form the GeoPackage driver writes without loss of values."""
    dtype = series.dtype
    if isinstance(dtype, gpd.array.GeometryDtype):
        # A second geometry column: exact as WKB, stored as hex text.
        return pd.Series(shapely.to_wkb(series.values, hex=True), index=series.index, dtype=object)
    if isinstance(dtype, pd.CategoricalDtype):
        return series.astype(dtype.categories.dtype).astype(object).where(series.notna(), None)
    if is_object_dtype(dtype):
        # Mixed Python objects: keep text and null as they are, write anything else as text.
        return series.map(lambda v: v if v is None or isinstance(v, str) or _isnan(v) else str(v))
    return series


def _isnan(value: Any) -> bool:
    return isinstance(value, float) and np.isnan(value)


def _stored_names(names: list[Any]) -> list[str]:
    """Column names unique without regard to case and free of the driver's reserved names."""
    used: set[str] = set()
    out = []
    for position, name in enumerate(names):
        candidate = str(name)
        if (
            not candidate.strip()
            or candidate.casefold() in _RESERVED
            or candidate.casefold() in used
        ):
            candidate = f"lp_col_{position}"
            while candidate.casefold() in used:
                candidate += "_"
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def encode(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Split ``frame`` into a frame the GeoPackage driver stores faithfully and its layout.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
        Any frame with a single-level index.

    Returns
    -------
    tuple
        ``(storable, layout)``: ``storable`` has safe column names (and the index as a
        column when it is not a plain range); ``layout`` is JSON-able and feeds :func:`decode`.
    """
    is_geo = isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame.columns
    geometry_name = frame.geometry.name if is_geo else None
    index_layout, data = _encode_index(frame)
    attribute_names = [c for c in data.columns if c != geometry_name]
    stored = _stored_names(attribute_names)
    columns = []
    out = {}
    for name, stored_name in zip(attribute_names, stored, strict=True):
        series = data[name]
        entry: dict[str, Any] = {"name": _json_name(name), "stored": stored_name}
        entry["dtype"] = (
            "geometry"
            if isinstance(series.dtype, gpd.array.GeometryDtype)
            else dtype_tag(series.dtype)
        )
        if is_object_dtype(series.dtype):
            nulls = series[series.isna()]
            entry["null"] = "nan" if len(nulls) and _isnan(nulls.iloc[0]) else "None"
        columns.append(entry)
        out[stored_name] = _storable(series)
    layout: dict[str, Any] = {
        "columns": columns,
        "order": [_json_name(c) for c in frame.columns],
        "index": index_layout,
        "rows": len(frame),
    }
    if is_geo:
        layout["geometry"] = _json_name(geometry_name)
        layout["crs"] = frame.crs.to_json() if frame.crs is not None else None
        storable: pd.DataFrame = gpd.GeoDataFrame(
            pd.DataFrame(out, index=data.index), geometry=data[geometry_name].values, crs=frame.crs
        )
    else:
        if not out:
            # The driver refuses a table without fields; a row number keeps the row count.
            out["lp_row"] = np.arange(len(data), dtype="int64")
        storable = pd.DataFrame(out, index=data.index)
    return storable.reset_index(drop=True), layout


def _json_name(name: Any) -> Any:
    return name if isinstance(name, (str, int, float, bool)) or name is None else str(name)


def _encode_index(frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    index = frame.index
    if isinstance(index, pd.RangeIndex):
        layout = {
            "kind": "range",
            "start": index.start,
            "step": index.step,
            "name": _json_name(index.name),
        }
        return layout, frame
    if isinstance(index, pd.MultiIndex):
        raise ValueError("a MultiIndex cannot be stored in a project")
    data = frame.copy()
    data.insert(0, _INDEX_COLUMN, index.to_numpy())
    layout = {"kind": "column", "name": _json_name(index.name), "dtype": dtype_tag(index.dtype)}
    return layout, data


def decode(stored: pd.DataFrame, layout: dict | None) -> pd.DataFrame:
    """Rebuild the frame :func:`encode` was given, from what the driver read back.

    Parameters
    ----------
    stored : DataFrame or GeoDataFrame
        The table as read from the GeoPackage.
    layout : dict or None
        The layout saved with it; None (older files) returns ``stored`` as read.
    """
    if layout is None:
        return stored
    index = _decode_index(stored, layout)
    data = {}
    for entry in layout["columns"]:
        if entry["stored"] not in stored.columns:
            raise ValueError(f"column {entry['stored']!r} is missing")
        values = _restore(stored[entry["stored"]], entry)
        values.index = index
        data[entry["name"]] = values
    frame = pd.DataFrame(data, index=index)
    geometry = layout.get("geometry")
    if geometry is not None:
        crs = CRS.from_json(layout["crs"]) if layout.get("crs") else None
        frame[geometry] = gpd.GeoSeries(stored.geometry.values, index=index, crs=crs)
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=crs)
    return frame[layout["order"]] if layout.get("order") else frame


def _decode_index(stored: pd.DataFrame, layout: dict) -> pd.Index:
    spec = layout["index"]
    if spec["kind"] == "range":
        start, step = spec["start"], spec["step"]
        return pd.RangeIndex(start, start + step * len(stored), step, name=spec["name"])
    values = _restore(stored[_INDEX_COLUMN], {"dtype": spec["dtype"], "null": "None"})
    return pd.Index(values, name=spec["name"], dtype=values.dtype)


def _restore(series: pd.Series, entry: dict) -> pd.Series:
    """``series`` as read, cast back to the dtype recorded in ``entry``."""
    tag = entry["dtype"]
    series = series.reset_index(drop=True)
    if tag == "geometry":
        values = [None if v is None or _isnan(v) else v for v in series.astype(object)]
        return gpd.GeoSeries(shapely.from_wkb(values))
    dtype = dtype_from_tag(tag)
    if is_object_dtype(dtype):
        values = series.astype(object)
        null = np.nan if entry.get("null") == "nan" else None
        return values.where(values.notna(), null)
    if isinstance(dtype, pd.DatetimeTZDtype):
        values = (
            pd.to_datetime(series, utc=True)
            if not isinstance(series.dtype, pd.DatetimeTZDtype)
            else series
        )
        return values.dt.tz_convert(dtype.tz).astype(dtype)
    if dtype.kind == "M":
        if not pd.api.types.is_datetime64_dtype(series.dtype):
            series = pd.to_datetime(series)
        return series.astype(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        values = series.astype(object).where(series.notna(), None)
        return pd.Series(pd.Categorical(values, dtype=dtype))
    return series.astype(dtype)
