"""Enterprises of a year: indicator tables of several years combined, and joined to the
parcels by 统一社会信用代码 (or name) so each enterprise has its land in mu."""

from __future__ import annotations

import numpy as np
import pandas as pd

from landplanner import uscc
from landplanner.analysis.indicator_table import to_codes, to_text
from landplanner.problems import InputError, Problem
from landplanner.uscc import valid_mask

# --------------------------------------------------------------------------- USCC


def uscc_is_valid(code: object) -> bool:
    """Whether ``code`` is an 18-character USCC with a correct GB 32100-2015 check character
    (:func:`landplanner.uscc.is_valid`, the one checker)."""
    return bool(uscc.is_valid(code))


# --------------------------------------------------------------------------- several years


def add_years(existing: pd.DataFrame | None, new: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Combine indicator tables of several years (e.g. a project's and a newly read one).

    Rows of ``new`` replace the rows of ``existing`` with the same year (a department's
    corrected table supersedes the old one); other years are kept. Rows without a year count
    as one more "year": new ones replace the old ones without a year.

    Returns
    -------
    (DataFrame, list[Problem])
        The combined rows, sorted by year then file row, and one note per replaced year.
    """
    if existing is None or existing.empty:
        return new.reset_index(drop=True), []
    years = set(new["year"].dropna().astype(int))
    replaced = existing["year"].isin(years).fillna(False).to_numpy(dtype=bool)
    if new["year"].isna().any():
        replaced |= existing["year"].isna().to_numpy(dtype=bool)
    problems = [Problem.make("ind_year_replaced", "info", year=y, rows=int((existing["year"] == y).sum()))
                for y in sorted(set(existing.loc[replaced, "year"].dropna().astype(int)))]
    combined = pd.concat([existing.loc[~replaced], new], ignore_index=True)
    combined = combined.sort_values(["year", "source_row"], kind="stable", na_position="last")
    return combined.reset_index(drop=True), problems


# --------------------------------------------------------------------------- joining


def select_year(indicators: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows of ``year`` (the latest year when ``None``); rows without a year are kept.

    Raises
    ------
    InputError
        When the table holds years but not the one asked for.
    """
    years = sorted(int(y) for y in indicators["year"].dropna().unique())
    if not years:
        return indicators
    if year is None:
        year = years[-1]
    if year not in years:
        raise InputError(Problem.make("ind_year_absent", "error", year=year,
                                      years=", ".join(map(str, years))))
    return indicators.loc[indicators["year"].isna() | (indicators["year"] == year)]


def build_enterprises(
    parcels: pd.DataFrame | None, indicators: pd.DataFrame, year: int | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per enterprise for ``year``: the table's indicators and its land in mu.

    Rows are joined to parcels on 统一社会信用代码 when the code passes the GB 32100-2015
    check, otherwise on the exact enterprise name (a name that appears twice in the table
    is not used). ``land_mu`` is the sum of the enterprise's parcels' ``area_mu`` (the
    declared area where the computed one is unknown); an enterprise without parcels keeps
    the table's own land column.

    Parameters
    ----------
    parcels
        Canonical parcels (``uscc``, ``enterprise``, ``area_mu``, optionally ``declared_mu``
        and ``parcel_id``), or ``None`` when only the table is available.
    indicators
        Canonical indicator rows (:func:`read_indicator_table`), possibly several years.
    year
        The year to score; ``None`` takes the latest year in the table.

    Returns
    -------
    (DataFrame, list[Problem])
        The indicator columns plus ``land_source`` (``parcels`` | ``table`` | NA),
        ``parcel_count`` and ``match`` (``uscc`` | ``name`` | NA); and the problems:
        invalid codes, duplicates, rows without parcels, parcels without rows.
    """
    problems: list[Problem] = []
    table = select_year(indicators, year).reset_index(drop=True).copy()
    table["uscc_valid"] = valid_mask(table["uscc"])
    for row, code in table.loc[table["uscc"].notna() & ~table["uscc_valid"], ["source_row", "uscc"]].itertuples(index=False):
        problems.append(Problem.make("ind_bad_uscc", "warning", feature=int(row), row=int(row), uscc=code))
    table, dup_problems = _drop_duplicates(table)
    problems += dup_problems

    table["land_source"] = pd.array([pd.NA] * len(table), dtype="string")
    table.loc[table["land_mu"].notna(), "land_source"] = "table"
    table["parcel_count"] = 0
    table["match"] = pd.array([pd.NA] * len(table), dtype="string")
    if parcels is not None and len(parcels):
        table, more = _join_parcels(table, parcels)
        problems += more
    for row, name in table.loc[table["land_mu"].isna(), ["source_row", "name"]].itertuples(index=False):
        problems.append(Problem.make("ind_no_land", "warning", feature=int(row), row=int(row), name=name))
    return table.drop(columns="uscc_valid"), problems


def _drop_duplicates(table: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    problems = []
    keyed = table["uscc"].notna() & table["uscc_valid"]
    dup = keyed & table.duplicated(["year", "uscc"], keep=False)
    for (yr, code), rows in table.loc[dup].groupby(["year", "uscc"], dropna=False)["source_row"]:
        if pd.isna(yr):  # a table without a year column: no "<NA> 年"
            problems.append(Problem.make("ind_duplicate_noyear", "warning", uscc=code,
                                         rows=", ".join(map(str, rows))))
            continue
        problems.append(Problem.make("ind_duplicate", "warning", year=yr, uscc=code,
                                     rows=", ".join(map(str, rows))))
    drop = keyed & table.duplicated(["year", "uscc"], keep="first")
    return table.loc[~drop].reset_index(drop=True), problems


def _join_parcels(table: pd.DataFrame, parcels: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    p = pd.DataFrame({
        "uscc": to_codes(parcels["uscc"]) if "uscc" in parcels else pd.Series(pd.NA, index=parcels.index, dtype="string"),
        "name": to_text(parcels["enterprise"]) if "enterprise" in parcels else pd.Series(pd.NA, index=parcels.index, dtype="string"),
        "area": pd.to_numeric(parcels["area_mu"], errors="coerce") if "area_mu" in parcels else np.nan,
    })
    if "declared_mu" in parcels:
        declared = pd.to_numeric(parcels["declared_mu"], errors="coerce")
        use = p["area"].isna() & declared.notna()
        if use.any():
            problems.append(Problem.make("ind_declared_used", "info", count=int(use.sum())))
            p.loc[use, "area"] = declared[use]
    ids = parcels["parcel_id"] if "parcel_id" in parcels else pd.Series(parcels.index, index=parcels.index)
    p["valid"] = valid_mask(p["uscc"])
    for pid, code in zip(ids[p["uscc"].notna() & ~p["valid"]], p.loc[p["uscc"].notna() & ~p["valid"], "uscc"], strict=True):
        problems.append(Problem.make("ind_bad_parcel_uscc", "warning", parcel=pid, uscc=code))

    # 1. on the code, where both sides have a valid one
    codes = set(table.loc[table["uscc_valid"], "uscc"])
    by_code = p["valid"] & _isin(p["uscc"], codes)
    p["owner"] = pd.Series(pd.NA, index=p.index, dtype="string")
    p.loc[by_code, "owner"] = p.loc[by_code, "uscc"]
    table["key"] = table["uscc"].where(table["uscc_valid"], None)
    # 2. the rest on the exact name, when the name is unique in the table
    names = table["name"].dropna()
    ambiguous = set(names[names.duplicated()])
    for name in sorted(ambiguous):
        problems.append(Problem.make("ind_ambiguous_name", "warning", name=name))
    unique_names = table.loc[table["name"].notna() & ~_isin(table["name"], ambiguous)]
    name_key = pd.Series(
        unique_names["key"].fillna("N:" + unique_names["name"]).to_numpy(),
        index=unique_names["name"].to_numpy())
    table["key"] = table["key"].fillna(
        ("N:" + table["name"]).where(table["name"].notna() & ~_isin(table["name"], ambiguous)))
    by_name = ~by_code & p["name"].notna() & _isin(p["name"], name_key.index)
    p.loc[by_name, "owner"] = p.loc[by_name, "name"].map(name_key)

    owned = p.loc[p["owner"].notna()]
    land = owned.groupby("owner")["area"].sum(min_count=1)
    count = owned.groupby("owner").size()
    matched = _isin(table["key"], count.index)
    land_of = table["key"].map(land)
    table.loc[matched & land_of.notna(), "land_mu"] = land_of
    table.loc[matched & land_of.notna(), "land_source"] = "parcels"
    table["parcel_count"] = table["key"].map(count).fillna(0).astype(int)
    via_code = _isin(table["key"], set(p.loc[by_code, "owner"]))
    table.loc[matched & via_code, "match"] = "uscc"
    table.loc[matched & ~via_code, "match"] = "name"

    for row, name, code in table.loc[~matched, ["source_row", "name", "uscc"]].itertuples(index=False):
        problems.append(Problem.make("ind_unmatched_row", "info", feature=int(row), row=int(row),
                                     name=_show(name), uscc=_show(code)))
    orphans = p.loc[p["owner"].isna()]
    orphan_key = orphans["uscc"].fillna(orphans["name"]).fillna("—")
    for _, group in orphans.groupby(orphan_key, sort=True):
        problems.append(Problem.make("ind_unmatched_parcels", "info", name=_show(group["name"].iat[0]),
                                     uscc=_show(group["uscc"].iat[0]), count=len(group)))
    return table.drop(columns="key"), problems


def _isin(values: pd.Series, wanted) -> pd.Series:
    """``values.isin(wanted)`` through a hash table (Arrow strings' ``isin`` converts each
    wanted value one by one: 0.3 s per call on a district's codes)."""
    return pd.Series(values.astype(object).isin(pd.Index(list(wanted), dtype=object)).to_numpy(),
                     index=values.index)


def _show(value: object) -> str:
    return "—" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)
