"""Reading a user's table (.xlsx / .csv) whose columns are recognised by meaning.

The asset lists (:mod:`~landplanner.analysis.assets`) and the incoming-project list
(:mod:`~landplanner.analysis.matching`) arrive as spreadsheets with headers that vary, like
the indicator tables. This module reuses the indicator reader's machinery — the file
readers of :mod:`~landplanner.analysis.indicators` (UTF-8 / GBK CSV, every sheet of an
.xlsx) and the header matching of :mod:`~landplanner.analysis.scoring_headers` (NFKC,
units in brackets, exact then contained synonyms) — with each table's own synonyms.

:func:`read_rows` gives the header row, a ``{column: field}`` mapping and the raw cells of
the data rows together with each row's number in the file (as Excel shows it), so every
message about a cell can name its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from landplanner import messages
from landplanner.analysis import indicator_table as ind
from landplanner.analysis import scoring_headers as hdr
from landplanner.problems import InputError, Problem

messages.register({
    "table.missing": ("找不到{what}：{path}", "{what} not found: {path}"),
    "table.bad_format": ("{what}须为 .xlsx 或 .csv：{path}",
                         "The {what} must be .xlsx or .csv: {path}"),
    "table.unreadable": ("无法读取{what} {path}：{error}", "Cannot read the {what} {path}: {error}"),
    "table.no_header": ("{what} {path} 中找不到表头行：需要 {needed} 列",
                        "No header row found in the {what} {path}: it needs a column for {needed}"),
    "table.empty": ("{what} {path} 在表头（第 {row} 行）之下没有数据行",
                    "The {what} {path} has no data rows below its header (row {row})"),
    "table.column": ("列“{header}”识别为 {field}", "Column “{header}” recognised as {field}"),
    "table.not_number": ("第 {row} 行（{subject}）“{header}”列的值“{value}”不是数字",
                         "Row {row} ({subject}), column “{header}”: “{value}” is not a number"),
    "table.bad_number": ("第 {row} 行（{subject}）“{header}”列的值“{value}”不是可用的数值（无穷大或过大）",
                         "Row {row} ({subject}), column “{header}”: “{value}” is not a usable "
                         "number (infinite or far too large)"),
    "table.open_end": ("“{header}”列有 {count} 行是 9999 年等远期日期（{first}），视为长期、无到期日",
                       "Column “{header}”: {count} rows hold a date far in the future such as 9999 "
                       "({first}): read as long-term, no end date"),
    "table.not_date": ("第 {row} 行（{subject}）“{header}”列的值“{value}”不是日期",
                       "Row {row} ({subject}), column “{header}”: “{value}” is not a date"),
    "table.bad_unit": ("列“{header}”的单位“{unit}”无法识别（应为 {canonical}）",
                       "Column “{header}”: unit “{unit}” not understood (expected {canonical})"),
})


#: No number of these tables reaches this (m², 元/m²/月, 亩, 万元/亩); larger is damage.
MAX_VALUE = 1e12


@dataclass
class RawTable:
    """Cells of a table below its recognised header."""

    header: list[str]
    mapping: dict[int, str]          # column position -> field
    cells: pd.DataFrame              # object cells, columns = field names that were found
    rows: np.ndarray                 # each row's number in the file
    problems: list[Problem]

    def column_header(self, field: str) -> str:
        """The file's header text of ``field``."""
        for col, name in self.mapping.items():
            if name == field:
                return self.header[col]
        return field


def read_rows(
    path: str | Path,
    synonyms: dict[str, tuple[str, ...]],
    needed: tuple[str, ...],
    what: str,
    min_fields: int = 2,
) -> RawTable:
    """Read ``path`` and find its header: the first row naming one of ``needed`` and at least
    ``min_fields`` recognised columns.

    Parameters
    ----------
    synonyms
        ``{field: (normalised header words…)}`` as :data:`scoring_headers.SYNONYMS`.
    needed
        Fields of which at least one must be present (e.g. the asset id or name).
    what
        The table's name in messages (“资产表”).

    Raises
    ------
    InputError
        Missing file, wrong format, unreadable file, no header, no data rows.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem.make("table.missing", "error", what=what, path=str(path)))
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            sheets = ind._read_xlsx_rows(path)
        elif suffix in (".csv", ".txt"):
            sheets = [ind._read_csv_rows(path)[0]]
        else:
            raise InputError(Problem.make("table.bad_format", "error", what=what, path=str(path)))
    except InputError as exc:
        if exc.problem.code.startswith("table."):
            raise
        raise InputError(Problem.make("table.unreadable", "error", what=what, path=path.name,
                                      error=exc.problem.message)) from exc
    for rows in sheets:
        found = _find_header(rows, synonyms, needed, min_fields)
        if found is not None:
            break
    else:
        raise InputError(Problem.make("table.no_header", "error", what=what, path=path.name,
                                      needed=" / ".join(needed)))
    index, mapping = found
    header = [("" if c is None else str(c).strip()) for c in rows[index]]
    width = len(header)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in rows[index + 1:]]
    numbered = [(index + 2 + i, r) for i, r in enumerate(body)
                if any(c is not None and str(c).strip() != "" for c in r)]
    if not numbered:
        raise InputError(Problem.make("table.empty", "error", what=what, path=path.name,
                                      row=index + 1))
    raw = pd.DataFrame([r for _, r in numbered], columns=range(width), dtype=object)
    cells = pd.DataFrame({field: raw[col] for col, field in mapping.items()}, index=raw.index)
    problems = [Problem.make("table.column", "info", header=header[col], field=field)
                for col, field in mapping.items()]
    return RawTable(header, mapping, cells, np.array([n for n, _ in numbered]), problems)


def _find_header(rows, synonyms, needed, min_fields):
    for index, row in enumerate(rows[:30]):
        best: dict[str, tuple[int, int]] = {}
        for col, cell in enumerate(row):
            field, strength = hdr.match_field(cell, synonyms)
            if field is not None and (field not in best or strength > best[field][1]):
                best[field] = (col, strength)
        if set(best) & set(needed) and len(best) >= min_fields:
            return index, {col: field for field, (col, _) in best.items()}
    return None


def text(values: pd.Series) -> pd.Series:
    """Cells as stripped NFKC text, NA for empty."""
    return ind.to_text(values)


def numbers(table: RawTable, field: str, subjects: pd.Series, factor: float = 1.0,
            errors: list[Problem] | None = None) -> np.ndarray:
    """The numbers of ``field`` (×``factor``); a bad cell adds an error naming row, subject
    and column to ``errors``."""
    values = table.cells[field]
    out, bad = ind._to_numbers(values)
    # inf, 1e400, 1e300: no area, rent or need is; refused like text, never summed
    with np.errstate(invalid="ignore"):
        absurd = np.flatnonzero(np.isinf(out) | (np.abs(out) > MAX_VALUE))
    out[absurd] = np.nan
    if errors is not None:
        for code, rows in (("table.not_number", bad), ("table.bad_number", absurd)):
            for i in rows:
                errors.append(Problem.make(code, "error", feature=int(table.rows[i]),
                                           row=int(table.rows[i]), subject=subjects.iat[i],
                                           header=table.column_header(field),
                                           value=values.iat[i]))
    return out * factor


def _timestamp(value: object) -> pd.Timestamp:
    """An Excel date cell as a timestamp; NaT for anything else and for dates pandas cannot
    hold (9999-12-31, year 1: outside 1677–2262), which are then reported as not dates."""
    if not hasattr(value, "year"):
        return pd.NaT
    try:
        stamp = pd.Timestamp(value)
        return stamp if pd.Timestamp.min <= stamp <= pd.Timestamp.max else pd.NaT
    except (TypeError, ValueError, OverflowError):
        return pd.NaT


def _far_future(parsed: pd.Series, values: pd.Series) -> np.ndarray:
    """Rows holding a date after 2262 (pandas' last): text such as 9999-12-31, which parses
    in µs, or an Excel date cell of such a year."""
    with np.errstate(invalid="ignore"):
        text = (parsed.notna() & (parsed > pd.Timestamp.max)).to_numpy(dtype=bool)
    cells = values.map(lambda v: hasattr(v, "year") and v.year > pd.Timestamp.max.year)
    return text | cells.to_numpy(dtype=bool)


def dates(table: RawTable, field: str, subjects: pd.Series,
          errors: list[Problem] | None = None, open_end: list[Problem] | None = None) -> pd.Series:
    """Dates of ``field`` (Excel dates, ``2026-03-01``, ``2026/3/1``, ``2026年3月1日``).

    With ``open_end`` (a list for warnings), a date past what a date column holds (after 2262:
    ``9999-12-31``, the usual way to write a lease without an end) is no end date, empty,
    with one warning in ``open_end``; without it such a date is reported as not a date."""
    values = table.cells[field]
    cleaned = ind._clean_text(values).str.replace(r"[年月/.]", "-", regex=True) \
        .str.replace("日", "", regex=False).str.strip("-")
    parsed = pd.to_datetime(cleaned.where(cleaned != "", None), errors="coerce", format="mixed")
    direct = values.map(_timestamp)
    parsed = pd.Series(parsed.to_numpy(), index=values.index).fillna(direct)
    # text such as 9999-12-31 parses (in µs); pandas' ns dates end in 2262: not a date here
    with np.errstate(invalid="ignore"):
        held = parsed.notna() & (parsed >= pd.Timestamp.min) & (parsed <= pd.Timestamp.max)
    # only where a far date means "no end" (open_end) is it looked for
    far = _far_future(parsed, values) if open_end is not None else np.zeros(len(parsed), bool)
    parsed = parsed.where(held.to_numpy(dtype=bool), pd.NaT)
    if far.any():
        rows = np.flatnonzero(far)
        open_end.append(Problem.group("table.open_end", "warning", table.rows[rows],
                                      shown=list(subjects.iloc[rows]),
                                      header=table.column_header(field)))
    if errors is not None:
        bad = np.flatnonzero(parsed.isna().to_numpy() & (cleaned != "").to_numpy()
                             & ~cleaned.str.lower().isin(ind._EMPTY).to_numpy() & ~far)
        for i in bad:
            errors.append(Problem.make("table.not_date", "error", feature=int(table.rows[i]),
                                       row=int(table.rows[i]), subject=subjects.iat[i],
                                       header=table.column_header(field), value=values.iat[i]))
    return parsed.astype("datetime64[ns]")
