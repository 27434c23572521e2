"""Reading a department's yearly enterprise indicator table (.xlsx or .csv): headers found by
meaning, units converted, every unusable cell reported with its row number and header."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from landplanner.analysis import scoring_headers as hdr
from landplanner.analysis.indicator_columns import INDICATOR_COLUMNS, field_label
from landplanner.problems import InputError, Problem

_TRUE = {"是", "有", "y", "yes", "true", "t", "1", "√", "✓", "x", "发生", "存在", "是的"}
_FALSE = {"否", "无", "n", "no", "false", "f", "0", "", "没有", "未发生", "不存在", "-", "/", "—"}
_EMPTY = {"", "-", "—", "--", "/", "nan", "null", "none", "n/a", "na", "#n/a", "无"}
_ABOVE = {"规上", "规模以上", "规上企业", "规模以上企业", "above", "是", "y", "yes", "1", "true"}
_BELOW = {"规下", "规模以下", "规下企业", "规模以下企业", "below", "否", "n", "no", "0", "false"}
_RENTING = {"租赁", "租赁企业", "租用", "renting", "rent", "tenant"}
_YEAR = re.compile(r"(19[89]\d|20\d\d)")
_MAX_TITLE_ROWS = 30


# --------------------------------------------------------------------------- reading files


def read_indicator_table(
    path: str | Path, year: int | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a yearly enterprise indicator table (.xlsx or .csv) into canonical columns.

    Parameters
    ----------
    path
        The table. CSV is read as UTF-8 (with or without BOM), then GBK/GB18030.
        Title rows above the header are skipped; the first sheet with a recognisable
        header is used.
    year
        The year of the rows when the table has no year column (otherwise the column wins).
        When neither is given, a year in the title rows or the file name is used.

    Returns
    -------
    (DataFrame, list[Problem])
        One row per enterprise and year in ``INDICATOR_COLUMNS`` (money in 万元, land in
        mu, electricity in 万千瓦时, energy in 吨标煤, emissions in 吨) and what was found
        (header row, recognised columns, unit conversions, invalid codes).

    Raises
    ------
    InputError
        No header, no data rows, a unit that cannot be understood, or cells that are not
        numbers / not 是/否 — each problem names the row number and the column header.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem.make("ind_file_missing", "error", path=str(path)))
    suffix = path.suffix.lower()
    problems: list[Problem] = []
    if suffix in OTHER_SPREADSHEETS:
        raise InputError(Problem.make("ind_convert_format", "error", path=path.name,
                                      kind=OTHER_SPREADSHEETS[suffix]))
    if suffix in (".xlsx", ".xlsm"):
        sheets = _read_xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows, encoding = _read_csv_rows(path)
        if encoding != "utf-8-sig":
            problems.append(Problem.make("ind_encoding", "info", path=path.name, encoding=encoding))
        sheets = [rows]
    else:
        raise InputError(Problem.make("ind_bad_format", "error", path=str(path)))
    for rows in sheets:
        found = _find_header(rows)
        if found is not None:
            break
    else:
        raise InputError(Problem.make("ind_no_header", "error", path=path.name))
    header_index, mapping, ignored = found
    df, more = _table_from_rows(rows, header_index, mapping, path, year)
    header = rows[header_index]
    for col, used in ignored:
        problems.append(Problem.make("ind_duplicate_column", "warning", header=header[col],
                                     other=header[used], field=field_label(mapping[used])))
    return df, problems + more


#: Spreadsheet formats the reader cannot open, with the name to tell the user.
OTHER_SPREADSHEETS = {
    ".ods": "OpenDocument（.ods）", ".xls": "Excel 97-2003（.xls）", ".et": "WPS（.et）",
    ".xlsb": "Excel 二进制（.xlsb）", ".numbers": "Numbers",
}
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls, or an encrypted .xlsx
#: Cells of a row read from a workbook; no table the app reads has more columns.
_MAX_COLUMNS = 1000


def _read_xlsx_rows(path: Path) -> list[list[list[object]]]:
    import openpyxl

    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(_CFB_MAGIC):
        # Excel wraps a password-protected workbook in an OLE2 file with an EncryptionInfo
        # stream; any other OLE2 file named .xlsx is an old .xls renamed.
        if "EncryptionInfo".encode("utf-16-le") in head or b"EncryptedPackage" in head:
            raise InputError(Problem.make("ind_encrypted", "error", path=path.name))
        raise InputError(Problem.make("ind_convert_format", "error", path=path.name,
                                      kind=OTHER_SPREADSHEETS[".xls"]))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise InputError(Problem.make("ind_unreadable", "error", path=path.name,
                                      error=_short(exc))) from exc
    try:
        sheets = []
        for sheet in book.worksheets:
            # The size the file states is not trusted: a damaged or hostile <dimension> of
            # A1:XFD1048576 would pad every row to 16,384 cells (and a gap of empty rows to a
            # million such rows). Each row is as wide as its own cells; gaps are () shared.
            sheet.reset_dimensions()
            sheets.append([r[:_MAX_COLUMNS] if len(r) > _MAX_COLUMNS else r
                           for r in sheet.iter_rows(values_only=True)])
        return sheets
    except Exception as exc:  # read-only sheets are parsed lazily: bad XML shows up here
        raise InputError(Problem.make("ind_unreadable", "error", path=path.name,
                                      error=_short(exc))) from exc
    finally:
        book.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _read_csv_rows(path: Path) -> tuple[list[list[object]], str]:
    """Rows of a text table: UTF-8 (with or without BOM), UTF-16/32 (Excel's "Unicode
    text", by its BOM or its NUL bytes), else GBK/GB18030; comma, tab or semicolon."""
    raw = path.read_bytes()
    for encoding in _text_encodings(raw):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.lstrip("\ufeff").replace("\x00", "")
        counts = {d: text.count(d) for d in ("\t", ",", ";")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
        try:
            rows = [list(r) for r in csv.reader(text.splitlines(), csv.excel, delimiter=delimiter)]
        except csv.Error as exc:  # a cell over csv's 128 KB field limit (a stray quote …)
            raise InputError(Problem.make("ind_csv_field", "error", path=path.name)) from exc
        return rows, encoding
    raise InputError(Problem.make("ind_csv_encoding", "error", path=path.name))


def _text_encodings(raw: bytes) -> tuple[str, ...]:
    """Encodings to try on a text table, the one its BOM or NUL bytes say first."""
    for bom, name in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                      (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return (name, "utf-8-sig", "gb18030")
    head = raw[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # UTF-16 without a BOM
        odd = head[1::2].count(0) > head[0::2].count(0)
        return ("utf-16-le" if odd else "utf-16-be", "utf-8-sig", "gb18030")
    return ("utf-8-sig", "gb18030")


def _find_header(rows: list[list[object]]) -> tuple[int, dict[int, str], list[tuple[int, int]]] | None:
    """The first row (within the title zone) that names an identifier and an indicator.

    Returns the row index, ``{column: field}``, and ``(ignored column, used column)`` pairs
    for columns that mean the same field (the exact match, else the first, is used).
    """
    for index, row in enumerate(rows[:_MAX_TITLE_ROWS]):
        best: dict[str, tuple[int, int]] = {}
        seen: list[tuple[int, str]] = []
        for col, cell in enumerate(row):
            field, strength = hdr.match_field(cell)
            if field is None:
                continue
            seen.append((col, field))
            if field not in best or strength > best[field][1]:
                best[field] = (col, strength)
        mapping = {col: field for field, (col, _) in best.items()}
        fields = set(mapping.values())
        if fields & {"uscc", "name"} and len(fields - {"uscc", "name", "year"}) >= 1:
            ignored = [(col, best[field][0]) for col, field in seen if col not in mapping]
            return index, mapping, ignored
    return None


def _table_unit(rows: list[list[object]], header_index: int) -> str:
    """A table-wide money unit stated in a title row (``单位：元``)."""
    for row in rows[:header_index]:
        for cell in row:
            if cell is None:
                continue
            m = re.search(r"(?:单位|unit)\s*[:：]\s*(\S+)", unicodedata.normalize("NFKC", str(cell)),
                          re.IGNORECASE)
            if m:
                return hdr.normalise(m.group(1))
    return ""


def _title_year(rows: list[list[object]], header_index: int, path: Path) -> tuple[int, str] | None:
    for row in rows[:header_index]:
        for cell in row:
            m = _YEAR.search(str(cell)) if cell is not None else None
            if m:
                return int(m.group(1)), "title"
    m = _YEAR.search(path.stem)
    return (int(m.group(1)), "file name") if m else None


def _table_from_rows(
    rows: list[list[object]], header_index: int, mapping: dict[int, str], path: Path,
    year: int | None,
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    header = [("" if c is None else str(c).strip()) for c in rows[header_index]]
    if header_index:
        problems.append(Problem.make("ind_header_row", "info", row=header_index + 1,
                                     skipped=header_index))
    width = len(header)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in rows[header_index + 1:]]
    # drop fully blank rows (Excel keeps formatted empty rows); keep each row's file row number
    numbered = [(header_index + 2 + i, r) for i, r in enumerate(body)
                if any(c is not None and str(c).strip() != "" for c in r)]
    if not numbered:
        raise InputError(Problem.make("ind_empty", "error", path=path.name, row=header_index + 1))
    row_numbers = np.array([n for n, _ in numbered], dtype=np.int64)
    raw = pd.DataFrame([r for _, r in numbered], columns=range(width), dtype=object)

    out = pd.DataFrame(index=raw.index)
    out["source_row"] = row_numbers
    table_unit = _table_unit(rows, header_index)
    errors: list[Problem] = []
    firms = _firm_labels(raw, mapping, row_numbers)
    for col, field in mapping.items():
        problems.append(Problem.make("ind_column", "info", header=header[col],
                                     field=field_label(field)))
        values = raw[col]
        if field in hdr.NUMERIC:
            unit = hdr.unit_of(field, header[col], table_unit)
            if unit is None:
                _, unit_text = hdr.split_header(header[col])
                errors.append(Problem.make("ind_unit_unknown", "error", header=header[col],
                                           unit=unit_text, canonical=hdr.unit_of(field, "").canonical))
                continue
            numbers, bad = _to_numbers(values)
            errors += [Problem.make("ind_not_number", "error", feature=int(row_numbers[i]),
                                    row=int(row_numbers[i]), header=header[col], value=values.iat[i])
                       for i in bad]
            numbers, more_errors, more = _check_numbers(numbers, field, header[col], firms,
                                                        row_numbers, values)
            errors += more_errors
            problems += more
            if unit.factor != 1.0:
                problems.append(Problem.make("ind_unit_converted", "info", header=header[col],
                                             unit=unit.label, canonical=unit.canonical,
                                             factor=unit.factor))
            elif field == "electricity" and not unit.label:
                problems.append(Problem.make("ind_unit_assumed", "warning", header=header[col],
                                             canonical=unit.canonical))
            out[field] = numbers * unit.factor
        elif field in hdr.FLAGS and field != "renting":
            flags, bad = _to_flags(values)
            errors += [Problem.make("ind_not_flag", "error", feature=int(row_numbers[i]),
                                    row=int(row_numbers[i]), header=header[col], value=values.iat[i])
                       for i in bad]
            out[field] = flags
        elif field == "renting":
            out[field] = _to_renting(values)
        elif field == "size":
            sizes, bad = _to_sizes(values)
            errors += [Problem.make("ind_bad_size", "error", feature=int(row_numbers[i]),
                                    row=int(row_numbers[i]), header=header[col], value=values.iat[i])
                       for i in bad]
            out[field] = sizes
        elif field in ("year", "production_start"):
            out[field] = _to_years(values)
        elif field == "uscc":
            out[field] = to_codes(values)
        elif field == "group":
            out[field] = _to_groups(values)
        else:
            out[field] = to_text(values)
    if errors:
        raise InputError(errors[0], errors + problems)
    numeric = [f for f in mapping.values() if f in hdr.NUMERIC and f in out.columns]
    if numeric and all(((out[f] == 0) | out[f].isna()).all() for f in numeric):
        shown = "、".join(header[c] for c, f in mapping.items() if f in numeric)
        raise InputError(Problem.make("ind_all_zero", "error", path=path.name, columns=shown),
                         problems)

    # unrecognised columns are kept under their own header (bonus items may refer to them)
    for col in range(width):
        if col not in mapping and header[col] and header[col] not in out.columns:
            out[header[col]] = raw[col].to_numpy()

    out, more = _complete(out, rows, header_index, path, year)
    return out, problems + more


#: No indicator of one firm reaches this in its canonical unit (万元, mu, 吨…).
_MAX_VALUE = 1e12


def _firm_labels(raw: pd.DataFrame, mapping: dict[int, str], row_numbers) -> list[str]:
    """Each row's firm as the user knows it: its name, else its code, else its row number."""
    by_field = {field: col for col, field in mapping.items()}
    labels = [f"第 {n} 行 / row {n}" for n in row_numbers]
    for field in ("uscc", "name"):  # the name, when given, wins
        if field in by_field:
            for i, value in enumerate(raw[by_field[field]]):
                if value is not None and str(value).strip():
                    labels[i] = str(value).strip()
    return labels


def _check_numbers(numbers, field, header, firms, row_numbers, values):
    """Refuse infinite or impossibly large numbers and negative land; zero land is unknown.

    Returns ``(numbers, errors, warnings)``; each problem names the row, firm and column.
    """
    errors, warnings = [], []
    with np.errstate(invalid="ignore"):
        absurd = np.isinf(numbers) | (np.abs(numbers) > _MAX_VALUE)
    for i in np.flatnonzero(absurd):
        errors.append(Problem.make("ind_bad_number", "error", feature=int(row_numbers[i]),
                                   row=int(row_numbers[i]), firm=firms[i], header=header,
                                   value=values.iat[i]))
    if field == "land_mu":
        for i in np.flatnonzero(numbers < 0):
            errors.append(Problem.make("ind_land_negative", "error", feature=int(row_numbers[i]),
                                       row=int(row_numbers[i]), firm=firms[i], header=header,
                                       value=values.iat[i]))
        zero = np.flatnonzero(numbers == 0)
        for i in zero:
            warnings.append(Problem.make("ind_land_zero", "warning", feature=int(row_numbers[i]),
                                         row=int(row_numbers[i]), firm=firms[i], header=header))
        if len(zero):
            numbers = numbers.copy()
            numbers[zero] = np.nan
    return numbers, errors, warnings


def _complete(out: pd.DataFrame, rows: list[list[object]], header_index: int, path: Path,
              year: int | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Fill the canonical columns the table lacks, and drop rows with no identity."""
    problems: list[Problem] = []
    if "year" not in out.columns or out["year"].isna().all():
        if year is None:
            found = _title_year(rows, header_index, path)
            if found is not None:
                year, where = found
                problems.append(Problem.make("ind_year_from", "info", where=where, year=year))
        out["year"] = pd.array([year] * len(out), dtype="Int64")
    elif year is not None:
        out["year"] = out["year"].fillna(year)
    if "year" in out.columns and out["year"].isna().all():
        problems.append(Problem.make("ind_no_year", "warning"))
    if "size" not in out.columns:
        problems.append(Problem.make("ind_no_size", "warning"))
    for field in INDICATOR_COLUMNS:
        if field in out.columns:
            continue
        if field in hdr.NUMERIC or field == "production_start":
            out[field] = np.nan
        elif field in ("veto_safety", "veto_env", "renting"):
            out[field] = False
        else:
            out[field] = pd.array([pd.NA] * len(out), dtype="string")
    out["year"] = out["year"].astype("Int64")
    no_id = out["uscc"].isna() & out["name"].isna()
    for row in out.loc[no_id, "source_row"]:
        problems.append(Problem.make("ind_no_id", "warning", feature=int(row), row=int(row)))
    out = out.loc[~no_id].reset_index(drop=True)
    ordered = list(INDICATOR_COLUMNS) + [c for c in out.columns if c not in INDICATOR_COLUMNS]
    return out[ordered], problems


# --------------------------------------------------------------------------- cell parsing


def _clean_text(values: pd.Series) -> pd.Series:
    """Cells as text: NFKC (full-width → ASCII), stripped, '' for empty; column-wise."""
    return values.astype("string").str.normalize("NFKC").str.strip().fillna("")


def _to_numbers(values: pd.Series) -> tuple[np.ndarray, list[int]]:
    """Numbers from cells (thousands separators allowed); positions of cells that are not."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, copy=True)
    # only cells that are not plain numbers take the slow, forgiving path
    retry = np.flatnonzero(np.isnan(numbers) & values.notna().to_numpy())
    if not len(retry):
        return numbers, []
    text = _clean_text(values.iloc[retry])
    cleaned = text.str.replace(r"[,\s]", "", regex=True)
    empty = cleaned.str.lower().isin(_EMPTY).to_numpy(dtype=bool)
    parsed = pd.to_numeric(cleaned.where(~empty, None), errors="coerce").to_numpy(dtype=float)
    numbers[retry] = parsed
    bad = retry[np.isnan(parsed) & ~empty]
    return numbers, bad.tolist()


def _to_flags(values: pd.Series) -> tuple[np.ndarray, list[int]]:
    """是/否 (yes/no, 有/无, 1/0, a count of events) as bool; positions of other text."""
    text = _clean_text(values).str.lower()
    count = pd.to_numeric(text.str.replace(r"[次起件]$", "", regex=True), errors="coerce") \
        .to_numpy(dtype=float, na_value=np.nan)
    true = text.isin(_TRUE).to_numpy(dtype=bool) | (count > 0)
    false = text.isin(_FALSE).to_numpy(dtype=bool) | (count == 0)
    return true, np.flatnonzero(~true & ~false).tolist()


def _to_renting(values: pd.Series) -> np.ndarray:
    text = _clean_text(values).str.lower()
    return (text.isin(_TRUE) | text.isin(_RENTING)).to_numpy(dtype=bool)


def _to_sizes(values: pd.Series) -> tuple[pd.Series, list[int]]:
    text = _clean_text(values).str.lower()
    sizes = pd.Series(pd.NA, index=values.index, dtype="string")
    # 规模以上工业企业, 规上企业 …: the phrase is matched inside longer labels too
    above = text.isin(_ABOVE) | text.str.contains("规上|规模以上|限上", regex=True)
    below = text.isin(_BELOW) | text.str.contains("规下|规模以下|限下|小微", regex=True)
    sizes[above & ~below] = "above"
    sizes[below & ~above] = "below"
    bad = np.flatnonzero((sizes.isna() & (text != "")).to_numpy())
    return sizes, bad.tolist()


def _to_groups(values: pd.Series) -> pd.Series:
    """An evaluation group label (规上组, 规下, 租赁企业 …) as ``above|below|renting``."""
    sizes, _ = _to_sizes(values)
    text = _clean_text(values).str.lower()
    renting = text.isin(_RENTING) | text.str.contains("租赁|租用", regex=True)
    return sizes.mask(renting.to_numpy(), "renting")


def _to_years(values: pd.Series) -> pd.Series:
    """A year from a number, a date (``2020-05-01 …``), or text such as ``2023年``."""
    found = values.astype("string").str.extract(_YEAR.pattern, expand=False)
    return pd.to_numeric(found, errors="coerce").astype(float)


def to_codes(values: pd.Series) -> pd.Series:
    text = _clean_text(values).str.upper().str.replace(r"\s", "", regex=True)
    return text.where(text != "", None).astype("string")


def to_text(values: pd.Series) -> pd.Series:
    text = _clean_text(values)
    return text.where(text != "", None).astype("string")
