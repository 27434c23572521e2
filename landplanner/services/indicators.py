"""Adding a department's indicator table to a project's years, saying what changes.

The app's File → Import enterprise indicators, ``landplanner score --indicators`` and
``landplanner export --indicators`` all go through :func:`add_indicators`: a year the new
table holds replaces that year in the project (a corrected table supersedes the old one,
never appends duplicates); every other year is kept. :class:`IndicatorChange` says, per
year, which firms are new, changed or gone, for the confirmation the app asks before
replacing a year and for the note the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from landplanner import messages
from landplanner.analysis import indicators as indicators_mod
from landplanner.problems import Problem
from landplanner.services.progress import Progress, step

messages.register({
    "ind_change_new_year": ("{when}：新增 {rows} 家企业的指标",
                            "{when}: indicators of {rows} enterprises added"),
    "ind_change_replace": ("{when}将被新表替换：新增 {new} 家、变化 {changed} 家、移除 {gone} 家、"
                           "不变 {same} 家（{before} 行 → {after} 行）",
                           "{when} will be replaced by the new table: {new} enterprises new, "
                           "{changed} changed, {gone} gone, {same} unchanged ({before} rows → "
                           "{after} rows)"),
    "ind_change_names": ("{what}：{names}", "{what}: {names}"),
    "ind_change_more": ("{names} 等 {n} 家", "{names} and {n} more"),
    "ind_change_word_new": ("新增", "New"),
    "ind_change_word_changed": ("变化", "Changed"),
    "ind_change_word_gone": ("移除", "Gone"),
    "ind_change_year": ("{year} 年", "{year}"),
    "ind_change_no_year": ("未注明年度的指标", "The rows without a year"),
    "ind_change_kept": ("保留的其他年度：{years}", "Other years kept: {years}"),
    "ind_step_read": ("正在读取指标表 {name}…", "Reading the indicator table {name}…"),
    "ind_step_merge": ("正在比较年度数据…", "Comparing the years…"),
})

_NAMES_SHOWN = 8


@dataclass
class YearChange:
    """What adding the new table does to one year.

    ``new``, ``changed`` and ``gone`` name the firms (by name, else code); ``replaced`` says
    whether the project held the year before.
    """

    year: int | None
    replaced: bool
    rows_before: int
    rows_after: int
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    same: int = 0


@dataclass
class IndicatorChange:
    """Per year of the new table, what it adds or replaces; and the years left as they were."""

    years: list[YearChange]
    kept_years: list[int]

    @property
    def replaces(self) -> bool:
        """Whether a year the project holds is replaced (the app asks before doing it)."""
        return any(y.replaced for y in self.years)

    @property
    def changes_anything(self) -> bool:
        """Whether the merged table differs from the project's (a new year, or any firm)."""
        return any(not y.replaced or y.new or y.changed or y.gone for y in self.years)

    def lines(self, lang: str | None = None, names: bool = True) -> list[str]:
        """The change in words, one line per year (and the firms by name when ``names``)."""
        out = []
        for y in self.years:
            if not y.replaced:
                out.append(messages.text("ind_change_new_year", lang, when=_when(y.year, lang),
                                         rows=y.rows_after))
                continue
            out.append(messages.text("ind_change_replace", lang, when=_when(y.year, lang), new=len(y.new),
                                     changed=len(y.changed), gone=len(y.gone), same=y.same,
                                     before=y.rows_before, after=y.rows_after))
            if names:
                for word, firms in (("new", y.new), ("changed", y.changed), ("gone", y.gone)):
                    if firms:
                        out.append("  " + messages.text(
                            "ind_change_names", lang,
                            what=messages.text(f"ind_change_word_{word}", lang),
                            names=_names(firms, lang)))
        if self.kept_years:
            out.append(messages.text("ind_change_kept", lang,
                                     years=", ".join(map(str, self.kept_years))))
        return out

    def text(self, lang: str | None = None, names: bool = True) -> str:
        """:meth:`lines` joined by newlines."""
        return "\n".join(self.lines(lang, names))


@dataclass
class IndicatorImport:
    """An indicator table read from a file and added to the project's years."""

    table: pd.DataFrame          # the file's rows
    merged: pd.DataFrame         # the project's indicators after adding them
    change: IndicatorChange
    problems: list[Problem]      # what reading the file found


def add_indicators(project_indicators: pd.DataFrame | None,
                   new_table: pd.DataFrame) -> tuple[pd.DataFrame, IndicatorChange]:
    """Add ``new_table`` to the project's indicator years.

    Parameters
    ----------
    project_indicators
        The project's indicator rows (any number of years), or ``None``.
    new_table
        Rows read by :func:`indicators.read_indicator_table` (one or more years).

    Returns
    -------
    (DataFrame, IndicatorChange)
        The merged rows — each year of ``new_table`` replaces that year, other years are
        kept; sorted by year then file row — and what changed per year (firms new, changed,
        gone, compared on 统一社会信用代码, else the name).
    """
    merged, _notes = indicators_mod.add_years(project_indicators, new_table)
    old = project_indicators if project_indicators is not None else new_table.iloc[0:0]
    new_years = _years(new_table)
    changes = []
    for year in new_years:
        before = _rows_of(old, year)
        after = _rows_of(new_table, year)
        if before.empty:
            changes.append(YearChange(year, False, 0, len(after)))
        else:
            changes.append(_compare(year, before, after))
    kept = sorted(set(_years(old)) - set(new_years), key=lambda y: (y is None, y))
    return merged, IndicatorChange(changes, [y for y in kept if y is not None])


def import_indicators(path: str | Path, project_indicators: pd.DataFrame | None,
                      year: int | None = None, progress: Progress | None = None) -> IndicatorImport:
    """Read an indicator table and add it to the project's years (:func:`add_indicators`).

    Nothing is changed in the project: the caller adopts :attr:`IndicatorImport.merged`
    (the app after the user confirmed the change).

    Raises
    ------
    InputError
        The table cannot be used (:func:`indicators.read_indicator_table`), or ``cancelled``.
    """
    step(progress, 0.0, "ind_step_read", name=Path(path).name)
    table, problems = indicators_mod.read_indicator_table(path, year=year)
    step(progress, 0.8, "ind_step_merge")
    merged, change = add_indicators(project_indicators, table)
    step(progress, 1.0, "ind_step_merge")
    return IndicatorImport(table, merged, change, problems)


# --------------------------------------------------------------------------- comparison

def _years(table: pd.DataFrame) -> list[int | None]:
    if table is None or not len(table) or "year" not in table:
        return []
    years = pd.to_numeric(table["year"], errors="coerce")
    found: list[int | None] = sorted({int(y) for y in years.dropna()})
    if years.isna().any():
        found.append(None)
    return found


def _rows_of(table: pd.DataFrame, year: int | None) -> pd.DataFrame:
    if table is None or not len(table):
        return pd.DataFrame()
    years = pd.to_numeric(table["year"], errors="coerce")
    return table.loc[years.isna() if year is None else years == year]


def _keyed(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per firm, indexed by its code (else ``N:`` + name); the first of duplicates."""
    code = rows["uscc"].astype("string").str.strip().str.upper() if "uscc" in rows \
        else pd.Series(pd.NA, index=rows.index, dtype="string")
    name = rows["name"].astype("string").str.strip() if "name" in rows \
        else pd.Series(pd.NA, index=rows.index, dtype="string")
    key = code.where(code.notna() & (code != ""), "N:" + name)
    out = rows.assign(_key=key.to_numpy()).dropna(subset=["_key"])
    return out.drop_duplicates("_key").set_index("_key")


def _compare(year: int | None, before: pd.DataFrame, after: pd.DataFrame) -> YearChange:
    old, new = _keyed(before), _keyed(after)
    gone_keys = old.index.difference(new.index)
    new_keys = new.index.difference(old.index)
    common = old.index.intersection(new.index)
    columns = [c for c in new.columns if c in old.columns and c not in ("source_row", "year")]
    a_rows = old.loc[common, columns]   # aligned once: same firms, same order
    b_rows = new.loc[common, columns]
    differs = np.zeros(len(common), dtype=bool)
    for column in columns:
        differs |= ~_same(a_rows[column], b_rows[column])
    changed_keys = common[differs]
    return YearChange(year, True, len(before), len(after), new=_labels(new, new_keys),
                      changed=_labels(new, changed_keys), gone=_labels(old, gone_keys),
                      same=int((~differs).sum()))


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Cell-wise equality, two missing values counting as equal (numbers to 1e-9 relative)."""
    na = a.isna().to_numpy(dtype=bool) & b.isna().to_numpy(dtype=bool)
    numeric = pd.api.types.is_numeric_dtype
    if numeric(a.dtype) and numeric(b.dtype):
        xs = a.to_numpy(dtype=float, na_value=np.nan)
        ys = b.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            return na | np.isclose(xs, ys, rtol=1e-9, atol=0.0)
    xs = a.astype(object).to_numpy()
    ys = b.astype(object).to_numpy()
    eq = np.fromiter((x == y if not (x is pd.NA or y is pd.NA) else False
                      for x, y in zip(xs, ys, strict=True)), dtype=bool, count=len(xs))
    return na | eq


def _labels(rows: pd.DataFrame, keys: pd.Index) -> list[str]:
    names = rows.loc[keys, "name"] if "name" in rows else pd.Series(index=keys, dtype=object)
    return [str(n) if isinstance(n, str) and n else str(k).removeprefix("N:")
            for k, n in zip(keys, names, strict=True)]


def _names(firms: list[str], lang: str | None) -> str:
    sep = ", " if (lang or messages.language()) == "en" else "、"
    if len(firms) <= _NAMES_SHOWN:
        return sep.join(firms)
    return messages.text("ind_change_more", lang, names=sep.join(firms[:_NAMES_SHOWN]),
                         n=len(firms))


def _when(year: int | None, lang: str | None) -> str:
    if year is None:
        return messages.text("ind_change_no_year", lang)
    return messages.text("ind_change_year", lang, year=year)
