"""Guessing which source column holds each canonical field, from column names and values."""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner import uscc
from landplanner.fields.catalogue import (
    _ALIASES,
    _AREA_TO_MU,
    _KEYWORDS,
    _NEVER,
    _WEAK,
    M2_PER_MU,
    MAPPABLE,
    _category_of,
    _name_key,
    _nfkc,
)
from landplanner.fields.values import (
    parse_date,
    parse_number,
)

# ---------------------------------------------------------------- guessing


def _sample(series: pd.Series, limit: int = 2000) -> list:
    values = series.dropna()
    return values.iloc[:limit].tolist()


def _share(values: list, test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


_PARK_SUFFIXES = (
    "开发区",
    "园区",
    "高新区",
    "产业园",
    "工业园",
    "工业区",
    "经济区",
    "新区",
    "示范区",
    "保税区",
    "集聚区",
    "产业区",
    "科技城",
)
_COMPANY_SUFFIXES = (
    "公司",
    "厂",
    "集团",
    "合作社",
    "商行",
    "经营部",
    "研究院",
    "研究所",
    "ltd",
    "ltd.",
    "co.",
    "inc",
    "inc.",
    "company",
    "corporation",
)


def _looks_uscc(values: list) -> bool:
    return _share(values, uscc.is_valid) >= 0.8


def _looks_category(values: list) -> bool:
    distinct = {_nfkc(v) for v in values}
    kinds = [_category_of(v) for v in distinct]
    tags = [k for k in kinds if k not in (None, "other")]
    return bool(tags) and sum(k is not None for k in kinds) / len(kinds) >= 0.5


def _looks_park(values: list) -> bool:
    return _share(values, lambda v: _nfkc(v).endswith(_PARK_SUFFIXES)) >= 0.6


def _looks_enterprise(values: list) -> bool:
    return _share(values, lambda v: _nfkc(v).lower().endswith(_COMPANY_SUFFIXES)) >= 0.6


def _date_share(series: pd.Series) -> float:
    if pd.api.types.is_datetime64_any_dtype(series):
        return 1.0
    values = _sample(series, 500)
    if not values or all(isinstance(v, int | float | np.number) for v in values):
        # Plain numbers are dates only as 8-digit YYYYMMDD.
        values = [v for v in values if not isinstance(v, float) or (np.isfinite(v) and v == int(v))]
    return _share(values, lambda v: parse_date(v)[1] in ("ok", "partial"))


def _numbers(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return np.array([parse_number(v)[0] for v in _sample(series)], dtype="float64")


def _computed_m2(df) -> np.ndarray | None:
    if getattr(df, "crs", None) is None or not hasattr(df, "geometry"):
        return None
    from landplanner.area import area_mu  # area imports fields-free modules only

    mu, _ = area_mu(df)
    return mu.to_numpy(dtype="float64") * M2_PER_MU


def _area_unit_from_values(numbers: np.ndarray, m2: np.ndarray | None) -> str | None:
    """'m2', 'mu' or 'ha' when the numbers equal the mapped area in that unit (±5 %)."""
    if m2 is None or len(numbers) != len(m2):
        return None
    ok = np.isfinite(numbers) & np.isfinite(m2) & (m2 > 0) & (numbers > 0)
    if ok.sum() < max(1, 0.5 * len(numbers)):
        return None
    ratio = float(np.median(numbers[ok] / m2[ok]))
    for unit, per_m2 in (("m2", 1.0), ("mu", 1 / M2_PER_MU), ("ha", 1e-4)):
        if abs(ratio / per_m2 - 1) < 0.05:
            return unit
    return None


def _area_unit_from_magnitude(numbers: np.ndarray) -> str:
    # Industrial parcels: 1–300 mu, or 700–200 000 m²; ha is not told apart from mu.
    finite = numbers[np.isfinite(numbers) & (numbers > 0)]
    return "m2" if len(finite) and float(np.median(finite)) > 3000 else "mu"


def guess_mapping(df) -> dict[str, str | None]:
    """Guess which source column holds each canonical field.

    Parameters
    ----------
    df : pandas.DataFrame or geopandas.GeoDataFrame
        Source attributes (the geometry column, if any, is never mapped; with a CRS it is
        used to recognise an area column and its unit).

    Returns
    -------
    dict
        ``{canonical name: source column or None}`` for every mappable field, plus
        ``declared_mu_unit`` / ``tax_wan_unit`` when those fields are mapped.
    """
    geometry = df.geometry.name if hasattr(df, "geometry") and hasattr(df, "crs") else None
    columns = [c for c in df.columns if c != geometry]
    keys = {c: _name_key(c) for c in columns}
    candidates: list[tuple[int, int, str, str]] = []  # (score, order, field, column)
    for order, column in enumerate(columns):
        key, _unit = keys[column]
        if key in _NEVER:
            continue
        for field, aliases in _ALIASES.items():
            if key in aliases:
                weak = key in _WEAK.get(field, ())
                if weak and not _looks_category(_sample(df[column])):
                    continue
                candidates.append((200 - aliases.index(key), order, field, column))
        if not key and _unit in _AREA_TO_MU:  # a column named just "亩" or "m2"
            candidates.append((50, order, "declared_mu", column))
        for field, any_of, all_of, none_of in _KEYWORDS:
            if (
                any(k in key for k in any_of)
                and (not all_of or any(k in key for k in all_of))
                and not any(k in key for k in none_of)
            ):
                candidates.append((10, order, field, column))
    mapping: dict[str, str | None] = dict.fromkeys(MAPPABLE)
    used: set[str] = set()
    for _score, _order, field, column in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if mapping[field] is None and column not in used:
            if field == "parcel_id" and not _mostly_unique(df[column]):
                continue
            mapping[field] = column
            used.add(column)
    _guess_from_values(df, columns, mapping, used)
    _guess_units(df, keys, mapping)
    return mapping


def _mostly_unique(series: pd.Series) -> bool:
    values = series.dropna()
    return len(values) <= 1 or values.nunique() >= 0.9 * len(values)


def _guess_from_values(df, columns: list, mapping: dict, used: set) -> None:
    free = [c for c in columns if c not in used]
    text_tests = (
        ("uscc", _looks_uscc),
        ("category", _looks_category),
        ("park", _looks_park),
        ("enterprise", _looks_enterprise),
    )
    for field, test in text_tests:
        if mapping[field] is not None:
            continue
        for column in free:
            series = df[column]
            if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(
                series
            ):
                continue
            if test(_sample(series)):
                mapping[field] = column
                used.add(column)
                free.remove(column)
                break
    _guess_dates(df, free, mapping, used)
    if mapping["declared_mu"] is None:
        m2 = _computed_m2(df)
        for column in free:
            if column in used or pd.api.types.is_datetime64_any_dtype(df[column]):
                continue
            if _area_unit_from_values(_numbers(df[column]), m2) is not None:
                mapping["declared_mu"] = column
                used.add(column)
                break


def _guess_dates(df, free: list, mapping: dict, used: set) -> None:
    dates = [c for c in free if c not in used and _date_share(df[c]) >= 0.8]
    if not dates:
        return

    def median(column):
        parsed = [parse_date(v)[0] for v in _sample(df[column], 500)]
        stamps = pd.Series([p for p in parsed if p is not None], dtype="datetime64[ns]")
        return stamps.median()

    dates.sort(key=median)
    supply, start = mapping["supply_date"], mapping["start_date"]
    if supply is None and start is None and len(dates) >= 2:
        mapping["supply_date"], mapping["start_date"] = dates[0], dates[1]
    elif supply is not None and start is None:
        later = [c for c in dates if median(c) >= median(supply)]
        mapping["start_date"] = later[0] if later else None
    elif start is not None and supply is None:
        earlier = [c for c in dates if median(c) <= median(start)]
        mapping["supply_date"] = earlier[-1] if earlier else None
    used.update(c for c in (mapping["supply_date"], mapping["start_date"]) if c)


def _guess_units(df, keys: dict, mapping: dict) -> None:
    area_column = mapping.get("declared_mu")
    if area_column is not None and mapping.get("declared_mu_unit") is None:
        unit = keys[area_column][1]
        if unit not in _AREA_TO_MU:
            numbers = _numbers(df[area_column])
            unit = (
                _area_unit_from_values(numbers, _computed_m2(df))
                if len(numbers) == len(df)
                else None
            )
            unit = unit or _area_unit_from_magnitude(numbers)
        mapping["declared_mu_unit"] = unit
    tax_column = mapping.get("tax_wan")
    if tax_column is not None and mapping.get("tax_wan_unit") is None:
        mapping["tax_wan_unit"] = "yuan" if keys[tax_column][1] == "yuan" else "wan"
