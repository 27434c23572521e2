"""Applying a field mapping: canonical columns, values converted, every problem reported."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from landplanner import uscc
from landplanner.fields.catalogue import (
    _AREA_TO_MU,
    FIELDS_BY_NAME,
    MAPPABLE,
    _category_of,
    _name_key,
)
from landplanner.fields.guess import (
    _guess_units,
)
from landplanner.fields.values import (
    parse_date,
    parse_number,
)
from landplanner.problems import Problem

# ---------------------------------------------------------------- applying


def apply_mapping(gdf, mapping: dict, problems: list[Problem] | None = None):
    """The parcels with the canonical columns of docs/architecture.md.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or pandas.DataFrame
        Source attributes and geometry (as the loader returns them).
    mapping : dict
        ``{canonical name: source column or None}`` (see :func:`guess_mapping`), with the
        optional unit keys ``declared_mu_unit`` and ``tax_wan_unit``.
    problems : list of Problem, optional
        Appended to: values that could not be read (left NaN/NaT), invalid credit codes,
        unknown categories, duplicate or blank parcel IDs, the area problems of
        :func:`landplanner.area.area_mu` and declared-vs-computed differences over 1 %.

    Returns
    -------
    GeoDataFrame (DataFrame when the input has no geometry)
        Canonical columns first (``parcel_id`` … ``area_mu``, area in mu computed from the
        geometry), then the unmapped source columns (a name that collides with a canonical
        one is renamed ``<name>_src``), then the geometry. Source columns are not changed.
    """
    from landplanner import area

    sink: list[Problem] = problems if problems is not None else []
    geometry = gdf.geometry.name if hasattr(gdf, "geometry") and hasattr(gdf, "crs") else None
    mapping = dict(mapping)
    if mapping.get("declared_mu") in gdf.columns and mapping.get("declared_mu_unit") is None:
        # A mapping chosen by hand names no unit: decide it as guess_mapping would.
        _guess_units(gdf, {c: _name_key(c) for c in gdf.columns}, mapping)
    if mapping.get("declared_mu") in gdf.columns and _name_key(mapping["declared_mu"])[1] is None:
        unit_zh, unit_en = {"mu": ("亩", "mu"), "m2": ("平方米", "m²"), "ha": ("公顷", "ha"),
                            "km2": ("平方千米", "km²")}.get(
            mapping.get("declared_mu_unit") or "mu", ("亩", "mu")
        )
        sink.append(
            Problem.make("field_area_unit_guessed", "info", column=mapping["declared_mu"],
                         unit_zh=unit_zh, unit_en=unit_en)
        )
    columns: dict[str, pd.Series] = {}
    used: set[str] = set()
    for name in MAPPABLE:
        column = mapping.get(name)
        if column is not None and column not in gdf.columns:
            sink.append(
                Problem.make("field_mapping_missing_column", "warning", column=column, field=name)
            )
            column = None
        if column is not None:
            used.add(column)
        source = gdf[column] if column is not None else None
        if isinstance(source, pd.DataFrame):  # two source columns of the same name
            source = source.iloc[:, 0]
        columns[name] = _convert(name, source, len(gdf), mapping, sink, columns.get("parcel_id"))
    out = pd.DataFrame(columns)
    out.index = gdf.index
    if geometry is not None:
        mu, area_problems = area.area_mu(gdf)
        out["area_mu"] = mu.to_numpy()
        sink.extend(area_problems)
    else:
        out["area_mu"] = np.nan
    sink.extend(area.declared_vs_computed(out))
    extra: dict[str, object] = {}
    for column in gdf.columns:
        if column in used or column == geometry:
            continue
        target = column
        while target in out.columns or target in extra or (target != column and target in gdf.columns):
            target = f"{target}_src"
        extra[target] = gdf[column].to_numpy()
    if extra:
        # One concat, not one insert per column: a 136-field file would fragment the frame
        # (pandas PerformanceWarning on every further insert).
        out = pd.concat([out, pd.DataFrame(extra, index=out.index)], axis=1)
    if geometry is None:
        return out
    import geopandas as gpd

    return gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=gdf.crs)


def _convert(
    name: str, source: pd.Series | None, n: int, mapping: dict, sink: list, ids=None
) -> pd.Series:
    kind = FIELDS_BY_NAME[name].kind
    if name == "parcel_id":
        return _parcel_ids(source, n, sink)
    if source is None:
        if kind == "category":
            return pd.Series(["other"] * n, dtype="str")
        if kind == "date":
            return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
        if kind == "float":
            return pd.Series(np.nan, index=range(n), dtype="float64")
        return pd.Series([None] * n, dtype="str")
    source = source.reset_index(drop=True)
    if name == "uscc":
        return _uscc_codes(source, sink, ids)
    if kind == "category":
        return _categories(source, sink)
    if kind == "date":
        return _dates(name, source, sink, ids)
    if kind == "float":
        unit = mapping.get(f"{name}_unit")
        return _floats(name, source, unit, sink, ids)
    return _texts(source)


def _texts(source: pd.Series) -> pd.Series:
    """Stripped text, NA for blanks; numbers that are whole become "1001", not "1001.0"."""
    if pd.api.types.is_string_dtype(source) and not pd.api.types.is_object_dtype(source):
        text = source.astype("str").str.strip()
        return text.where(text != "", None).reset_index(drop=True).astype("str")
    # factorize, not a dict of values: NaN keys are not equal to each other (KeyError: nan)
    codes, uniques = pd.factorize(source.astype("object"), use_na_sentinel=True)
    table = np.array([_text(v) for v in uniques] + [None], dtype=object)
    return pd.Series(table[codes], dtype="str")


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and np.isfinite(value) and value == int(value):
        value = int(value)  # 1001.0 read from a numeric DBF field is the ID "1001"
    text = str(value).strip()
    return text or None


def _parcel_ids(source: pd.Series | None, n: int, sink: list) -> pd.Series:
    if source is None:
        sink.append(Problem.make("field_parcel_id_generated", "info"))
        return pd.Series([f"P{i + 1:06d}" for i in range(n)], dtype="str")
    ids = _texts(source).astype("object").where(lambda t: t.notna(), None).tolist()
    blank = [i for i, value in enumerate(ids) if value is None]
    for i in blank:
        ids[i] = f"P{i + 1:06d}"
    if blank:
        sink.append(
            Problem.group("field_parcel_id_blank", "warning", blank, [ids[i] for i in blank])
        )
    series = pd.Series(ids, dtype="str")
    dup = np.flatnonzero(series.duplicated(keep="first").to_numpy())
    if dup.size:
        sink.append(
            Problem.group("field_parcel_id_duplicate", "warning", dup, [ids[i] for i in dup[:5]])
        )
    return series


def _first_ids(rows: np.ndarray, ids, values=None) -> list:
    """The first few rows as 地块编号 (row numbers when the IDs are unknown), with a value."""
    out = []
    for k, i in enumerate(rows[:5]):
        who = str(ids.iat[int(i)]) if ids is not None else f"#{int(i) + 1}"
        out.append(who if values is None else f"{who} ({values[k]})")
    return out


def _uscc_codes(source: pd.Series, sink: list, ids=None) -> pd.Series:
    texts = _texts(source)
    # uscc.clean over whole columns (NFKC, no spaces, upper case) in Arrow compute, which is
    # several times faster than pandas' per-element string methods, then one vectorised check.
    arrow = pa.array(texts.astype("object"), type=pa.string(), from_pandas=True)
    arrow = pc.utf8_upper(pc.replace_substring_regex(pc.utf8_normalize(arrow, "NFKC"), r"\s+", ""))
    codes = pd.Series(arrow.to_pandas(), dtype="str")
    codes = codes.where(codes != "", None).astype("str")
    valid = uscc.valid_mask(codes)
    lengths = codes.str.len()
    # One problem per kind (wrong check character, wrong length) listing all its rows.
    bad = ~valid & codes.notna().to_numpy()
    is18 = (lengths == 18).to_numpy()
    for rows, reason_text in (
        (np.flatnonzero(bad & is18), ("校验码不符", "wrong check character")),
        (np.flatnonzero(bad & ~is18), ("位数不是 18", "not 18 characters")),
    ):
        if rows.size:
            shown = [texts.iat[int(i)] for i in rows[:5]]
            sink.append(
                Problem.group(
                    "field_uscc_invalid", "warning", rows, _first_ids(rows, ids, shown),
                    reason=reason_text,
                )
            )
    # An 18-character code with a typo is kept so the user sees and fixes it.
    return codes.where(lengths == 18, None).astype("str")


def _categories(source: pd.Series, sink: list) -> pd.Series:
    uniques = pd.unique(source.astype("object").to_numpy())
    table = {}
    for value in uniques:
        tag = _category_of(value)
        table[value] = tag or "other"
        if tag is None:
            count = int((source.astype("object") == value).sum())
            sink.append(Problem.make("field_category_unknown", "info", value=value, count=count))
    return pd.Series([table[v] for v in source.astype("object")], dtype="str")


def _dates(name: str, source: pd.Series, sink: list, ids=None) -> pd.Series:
    label = FIELDS_BY_NAME[name].zh
    if pd.api.types.is_datetime64_any_dtype(source):
        values = source.dt.tz_localize(None) if source.dt.tz is not None else source
        try:
            return values.astype("datetime64[ns]")
        except (ValueError, OverflowError):  # OutOfBoundsDatetime: a date in year 31
            bad = values.notna() & ((values < pd.Timestamp.min) | (values > pd.Timestamp.max))
            rows = np.flatnonzero(bad.to_numpy())
            shown = _first_ids(rows, ids, [str(source.iat[int(i)])[:10] for i in rows[:5]])
            sink.append(Problem.group("field_value_unparsed", "warning", rows, shown, field=label))
            return values.where(~bad).astype("datetime64[ns]")
    fast = _dates_fast(source)
    if fast is not None:
        return fast
    cache: dict = {}
    out = []
    bad, partial = [], []
    for i, value in enumerate(source):
        key = value if isinstance(value, str | int | float) else repr(value)
        if key not in cache:
            cache[key] = parse_date(value)
        stamp, status = cache[key]
        if status == "bad":
            bad.append(i)
        elif status == "partial":
            partial.append(i)
        out.append(stamp if stamp is not None else pd.NaT)
    for code, severity, rows in (
        ("field_value_unparsed", "warning", bad),
        ("field_date_partial", "info", partial),
    ):
        if rows:
            rows = np.asarray(rows)
            shown = _first_ids(rows, ids, [source.iat[int(i)] for i in rows[:5]])
            sink.append(Problem.group(code, severity, rows, shown, field=label))
    return pd.Series(out, dtype="datetime64[ns]")


def _dates_fast(source: pd.Series) -> pd.Series | None:
    """All values are dates/datetimes/ISO text (the usual DBF and Excel case): one pandas call."""
    values = source.dropna()
    if len(values) and not all(hasattr(v, "year") for v in values.iloc[:50]):
        return None
    try:
        parsed = pd.to_datetime(source, errors="coerce")
    except (TypeError, ValueError, OverflowError):
        return None
    if parsed.notna().sum() != len(values):
        return None  # something did not parse: take the careful path, with problems
    if parsed.dt.tz is not None:
        parsed = parsed.dt.tz_localize(None)
    try:
        return parsed.astype("datetime64[ns]")
    except (ValueError, OverflowError):  # a date out of the nanosecond range (year 31)
        return None


def _floats(name: str, source: pd.Series, unit: str | None, sink: list, ids=None) -> pd.Series:
    label = FIELDS_BY_NAME[name].zh
    if pd.api.types.is_numeric_dtype(source) and not pd.api.types.is_bool_dtype(source):
        values = source.to_numpy(dtype="float64", na_value=np.nan)
        units = [None] * len(values)
        bad = np.zeros(len(values), dtype=bool)
    else:
        parsed = [parse_number(v) for v in source]
        values = np.array([p[0] for p in parsed], dtype="float64")
        units = [p[1] for p in parsed]
        bad = np.array([p[2] == "bad" for p in parsed], dtype=bool)
    # "inf", 1e400: a number no area or tax can be; left empty and reported like text.
    bad |= np.isinf(values)
    if bad.any():
        rows = np.flatnonzero(bad)
        values = np.where(bad, np.nan, values)
        shown = _first_ids(rows, ids, [source.iat[int(i)] for i in rows[:5]])
        sink.append(Problem.group("field_value_unparsed", "warning", rows, shown, field=label))
    if name == "declared_mu":
        factors = np.array([_AREA_TO_MU.get(u or unit or "mu", np.nan) for u in units])
        values = values * factors
    elif name == "tax_wan":
        factors = np.array([1e-4 if (u or unit) == "yuan" else 1.0 for u in units])
        values = values * factors
    return pd.Series(values, dtype="float64")
