"""The park (园区) of each parcel: from its attribute, or by spatial join with park boundaries.

Rules:

* a parcel whose ``park`` attribute is filled keeps it (normalised to the settings' names);
* otherwise, when a park-boundary layer is loaded, the park it overlaps most (by area) wins;
* parcels outside every park, and attribute names matching no known park, are reported.

Park names are matched to the settings' names through a *key* that folds the usual
short forms (DOMAIN §1): 经济技术开发区 / 经济开发区 → 开发区, 高新技术产业开发区 /
高新技术开发区 / 高新技术产业园区 → 高新区, and spaces and full-width characters are ignored;
so 崇川开发区 = 崇川经济开发区 and 市北高新区 = 市北高新技术产业开发区. A name whose key
ends with exactly one known key (南通崇川开发区) or begins exactly one (崇川) also matches. Extra aliases can be passed as ``{alias: name}``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import shapely

from landplanner import messages
from landplanner.problems import Problem

messages.register(
    {
        "park_outside": (
            "{count} 个地块不在任何园区范围内：{first}",
            "{count} parcels lie outside every park: {first}",
        ),
        "park_name_unknown": (
            "园区名称“{value}”与设置中的园区（{names}）都不匹配（{count} 个地块）",
            "Park name '{value}' matches none of the parks in the settings ({names}) "
            "({count} parcels)",
        ),
        "park_name_normalised": (
            "园区名称“{value}”按“{name}”处理（{count} 个地块）",
            "Park name '{value}' taken as '{name}' ({count} parcels)",
        ),
        "park_crs_missing": (
            "地块或园区图层没有坐标系，无法按空间位置判断园区",
            "The parcels or the park layer have no coordinate system; parks not assigned by location",
        ),
        "park_layer_no_name": (
            "园区图层中找不到园区名称字段",
            "No park name field found in the park layer",
        ),
    }
)

# Longest first: each long form is folded before a shorter one can match inside it.
_FOLDS = (
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("经济技术开发区", "开发区"),
    ("经济开发区", "开发区"),
)
_NAME_COLUMNS = ("name", "园区名称", "园区", "名称", "yqmc", "mc", "park", "parkname")


def park_key(name: object) -> str:
    """The comparison key of a park name (short forms folded, spaces removed)."""
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"\s+", "", text)
    for long, short in _FOLDS:
        text = text.replace(long, short)
    return text


def normalise_park_name(
    value: object, names: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The settings' park name that ``value`` means, or None when none matches.

    Parameters
    ----------
    value : object
        A park name as written in the data (崇川开发区, 南通市北高新区, …).
    names : iterable of str
        The parks' names in the settings.
    aliases : mapping, optional
        Extra ``{alias: name}`` pairs, checked first.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    names = list(names)
    text = str(value).strip()
    if not text:
        return None
    if aliases:
        for alias, name in aliases.items():
            if park_key(alias) == park_key(text):
                return name
    key = park_key(text)
    keys = {park_key(n): n for n in names}
    if key in keys:
        return keys[key]
    ends = [n for k, n in keys.items() if len(k) >= 2 and (key.endswith(k) or k.startswith(key))]
    return ends[0] if len(ends) == 1 and len(key) >= 2 else None


def park_name_column(parks_gdf) -> str | None:
    """The column of a park layer that holds the park names (``name``, 园区名称, …)."""
    by_key = {re.sub(r"[\s_]+", "", str(c)).lower(): c for c in parks_gdf.columns}
    for candidate in _NAME_COLUMNS:
        if candidate in by_key:
            return by_key[candidate]
    for column in parks_gdf.columns:
        if column == parks_gdf.geometry.name:
            continue
        values = parks_gdf[column].dropna().astype(str)
        if len(values) and values.str.contains("区|园").mean() >= 0.6:
            return column
    return None


def assign_parks(
    parcels,
    parks_gdf=None,
    names: Iterable[str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> tuple[pd.Series, list[Problem]]:
    """The park of each parcel.

    Parameters
    ----------
    parcels : GeoDataFrame
        Canonical parcels (a ``park`` column, possibly empty, and polygons).
    parks_gdf : GeoDataFrame, optional
        Park boundaries with a name column (``name``, or see :func:`park_name_column`).
    names : iterable of str, optional
        The settings' park names; default: the park layer's names. Attribute names are
        normalised to them (see the module docstring).
    aliases : mapping, optional
        Extra ``{alias: name}`` pairs.

    Returns
    -------
    park : pandas.Series of str
        Index of ``parcels``; NA where no park is known.
    problems : list of Problem
        ``park_outside`` once for the parcels without attribute outside every park (its
        ``features``: their row positions, named by 地块编号 in the message),
        ``park_name_unknown`` / ``park_name_normalised`` once per name.
    """
    problems: list[Problem] = []
    layer_names: list[str] = []
    name_column = None
    if parks_gdf is not None and len(parks_gdf):
        name_column = park_name_column(parks_gdf)
        if name_column is None:
            problems.append(Problem.make("park_layer_no_name", "warning"))
        else:
            layer_names = [str(n).strip() for n in parks_gdf[name_column].dropna()]
    known = list(names) if names is not None else list(dict.fromkeys(layer_names))
    attribute = parcels["park"] if "park" in parcels else pd.Series(pd.NA, index=parcels.index)
    result = _normalise_attributes(attribute, known, aliases, problems)
    missing = result.isna().to_numpy()
    if missing.any() and name_column is not None:
        located = _largest_overlap(parcels, parks_gdf, name_column, missing, problems)
        if located is not None:
            if known:
                table = {n: normalise_park_name(n, known, aliases) or n for n in set(located) if n}
                located = [table.get(n) if n else None for n in located]
            rows = np.flatnonzero(missing)
            values = result.to_numpy(dtype=object)
            values[rows] = located
            result = pd.Series(values, index=parcels.index, dtype="str")
            outside = rows[pd.isna(np.asarray(located, dtype=object))]
            if len(outside):  # one record for the kind, its parcels named by 地块编号
                problem = Problem.group("park_outside", "warning", outside)
                ids = parcels["parcel_id"].to_numpy(dtype=object) if "parcel_id" in parcels else None
                problems.append(problem.labelled(ids))
    return result, problems


def _normalise_attributes(attribute: pd.Series, known, aliases, problems) -> pd.Series:
    values = attribute.astype("object").where(attribute.notna(), None).to_numpy()
    text = np.array([str(v).strip() if v is not None else "" for v in values], dtype=object)
    text[text == ""] = None
    out = text.copy()
    if known:
        for value in pd.unique(text[pd.notna(text)]):
            name = normalise_park_name(value, known, aliases)
            count = int((text == value).sum())
            if name is None:
                problems.append(
                    Problem.make(
                        "park_name_unknown",
                        "warning",
                        value=value,
                        names="、".join(known),
                        count=count,
                    )
                )
            elif name != value:
                out[text == value] = name
                problems.append(
                    Problem.make(
                        "park_name_normalised", "info", value=value, name=name, count=count
                    )
                )
    return pd.Series(out, index=attribute.index, dtype="str")


def _largest_overlap(parcels, parks_gdf, name_column, rows_mask, problems) -> list | None:
    """Park name (or None) of the parcels in ``rows_mask``, by largest overlap area."""
    import geopandas as gpd

    if parcels.crs is None or parks_gdf.crs is None:
        problems.append(Problem.make("park_crs_missing", "warning"))
        return None
    parks = parks_gdf[[name_column, parks_gdf.geometry.name]].reset_index(drop=True)
    if not parks.crs.equals(parcels.crs):
        parks = parks.to_crs(parcels.crs)
    subset = gpd.GeoDataFrame(
        {"_row": np.flatnonzero(rows_mask)},
        geometry=parcels.geometry.to_numpy()[rows_mask],
        crs=parcels.crs,
    )
    pairs = gpd.sjoin(subset, parks, how="inner", predicate="intersects")
    names: list = [None] * len(subset)
    if len(pairs):
        left = subset.geometry.to_numpy()[pairs.index.to_numpy()]
        right = parks.geometry.to_numpy()[pairs["index_right"].to_numpy()]
        # Most parcels lie wholly inside one park: their overlap is their own area, and the
        # costly intersection is computed only for parcels that cross a boundary.
        shapely.prepare(right)
        inside = shapely.contains_properly(right, left)
        overlap = shapely.area(left)
        overlap[~inside] = shapely.area(shapely.intersection(left[~inside], right[~inside]))
        table = pd.DataFrame(
            {"i": pairs.index.to_numpy(), "name": pairs[name_column].to_numpy(), "overlap": overlap}
        )
        table = table[table["overlap"] > 0]
        best = table.loc[table.groupby("i")["overlap"].idxmax()]
        for i, name in zip(best["i"], best["name"], strict=True):
            names[int(i)] = str(name).strip()
    return names


def read_park_file(path, progress=None):
    """Park boundaries from any polygon file the loader reads, name column renamed ``name``.

    Raises
    ------
    problems.InputError
        When the file cannot be used.
    """
    from landplanner.sources import load_parcels

    gdf = load_parcels(path, progress=progress).gdf
    column = park_name_column(gdf)
    if column is not None and column != "name":
        gdf = gdf.rename(columns={column: "name"})
    return gdf
