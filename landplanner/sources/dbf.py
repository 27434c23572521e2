"""Reading a shapefile's DBF attribute table with numpy: whole columns at a time.

A DBF is fixed-width records, so each field is a column of a (records × width) byte array.
Text columns are decoded in one call per column (the values joined by a byte no code page
uses inside a character, then split), numbers and dates are parsed per column; GDAL instead
builds a feature per record and recodes every value through iconv, which takes most of a
load's time on a 100,000-row Chinese table.

Only plain tables are read here: character, numeric, float, date and logical fields, no
deleted records, names that decode. Anything else returns None and the caller reads the file
with GDAL as before. Values follow GDAL's rules: text loses leading and trailing blanks (blank is null)
and ends at a NUL byte; numbers with no decimals are integers (width < 10: int32, < 19:
int64) unless a value is blank; dates are ``YYYYMMDD``; logicals are True for ``T/Y``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import numpy as np
import pandas as pd

from landplanner import messages
from landplanner.problems import Problem
from landplanner.sources.encoding import DbfHeader, read_dbf_header

messages.register(
    {
        "dbf_bad_date": (
            "字段 {field} 有 {count} 个日期无法读取，按空值处理：{first}",
            "{count} dates of the field {field} cannot be read and are left empty: {first}",
        ),
    }
)

_SEPARATOR = 0x0A  # "\n": a single byte in every code page the loader uses, never a trail byte
_SUPPORTED = {b"C", b"N", b"F", b"D", b"L"}


def read_dbf(path: Path, codec: str, problems: list[Problem]) -> pd.DataFrame | None:
    """The attribute table of ``path`` decoded with ``codec``, or None to let GDAL read it.

    Damaged text (bytes ``codec`` cannot decode) becomes U+FFFD and is reported as one
    ``text_damaged`` problem per field with its rows.
    """
    try:
        return _read(path, codec, problems)
    except Exception:  # noqa: BLE001 - never worse than GDAL: any surprise goes to GDAL
        return None


def _read(path: Path, codec: str, problems: list[Problem]) -> pd.DataFrame | None:
    found: list[Problem] = []
    frame = _read_columns(path, codec, found)
    if frame is not None:
        problems += found
    return frame


def _read_columns(path: Path, codec: str, problems: list[Problem]) -> pd.DataFrame | None:
    try:
        header = read_dbf_header(path)
    except (ValueError, OSError):
        return None
    if not _plain(path, header):
        return None
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    names = []
    for f in header.fields:
        try:
            name = f.name.decode(codec).strip()
        except UnicodeDecodeError:
            return None
        if not name or name in names:
            return None  # GDAL's naming rules (FIELD_1, NAME_2) apply: let it read the file
        names.append(name)
    n = header.n_records
    records = np.memmap(path, dtype=np.uint8, mode="r", offset=header.header_len,
                        shape=(n, header.record_len)) if n else np.zeros((0, header.record_len),
                                                                          dtype=np.uint8)
    try:
        if n and (records[:, 0] != 0x20).any():
            return None  # deleted records ('*'): GDAL skips them
        columns = {}
        for f, name in zip(header.fields, names, strict=True):
            block = np.asarray(records[:, f.offset : f.offset + f.length])
            if f.type == b"C":
                values, damaged = _texts(block, codec)
                if values is None:
                    return None
                if damaged:
                    problems.append(
                        Problem.group("text_damaged", "warning", damaged, field=name,
                                      encoding=_gdal(codec))
                    )
                columns[name] = values
            elif f.type in (b"N", b"F"):
                values = _numbers(block, f.type == b"N" and f.decimals == 0, f.length)
                if values is None:
                    return None
                columns[name] = values
            elif f.type == b"D":
                columns[name], bad = _dates(block)
                if len(bad):
                    shown = [block[i].tobytes().decode("latin-1") for i in bad[:5]]
                    problems.append(Problem.group("dbf_bad_date", "warning", bad, shown,
                                                  field=name))
            else:
                columns[name] = _logicals(block)
    finally:
        del records
    # Through Arrow and the loader's date rule, as GDAL's read is: the same pandas dtypes.
    import pyarrow as pa

    frame = pa.table({name: columns[name] for name in names}).to_pandas()
    for name, f in zip(names, header.fields, strict=True):
        if f.type == b"D":
            frame[name] = pd.to_datetime(frame[name], errors="coerce")
    return frame


def _plain(path: Path, header: DbfHeader) -> bool:
    if not header.fields or any(f.type not in _SUPPORTED or f.length == 0 for f in header.fields):
        return False
    end = 1 + sum(f.length for f in header.fields)
    if end != header.record_len:
        return False  # FoxPro wide text or padding: GDAL knows those layouts
    size = path.stat().st_size
    return header.header_len + header.n_records * header.record_len <= size


def _gdal(codec: str) -> str:
    from landplanner.sources.encoding import gdal_name

    return gdal_name(codec)


def _decode(block: np.ndarray, codec: str, errors: str) -> bytes:
    """The column as UTF-8: each value followed by the separator."""
    n, width = block.shape
    joined = np.empty((n, width + 1), dtype=np.uint8)
    joined[:, :width] = block
    joined[:, width] = _SEPARATOR
    return joined.tobytes().decode(codec, errors=errors).encode("utf-8")


def _texts(block: np.ndarray, codec: str):
    """Text values (an Arrow string array, null for blank) and the rows that did not decode.

    One decode per column; the values are cut at the separators and trimmed by Arrow, so no
    Python string is made per value.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = block.shape[0]
    if n == 0:
        return pa.array([], type=pa.string()), []
    if (block == _SEPARATOR).any() or (block == 0).any():
        return None, []  # a value holding the separator or NUL bytes: GDAL's rules
    damaged: list[int] = []
    try:
        utf8 = _decode(block, codec, "strict")
    except UnicodeDecodeError:
        utf8 = _decode(block, codec, "replace")
        damaged = _undecodable_rows(block, codec)
    data = np.frombuffer(utf8, dtype=np.uint8)
    ends = np.flatnonzero(data == _SEPARATOR)
    if len(ends) != n:
        return None, []  # a decoder swallowed a separator
    offsets = np.empty(n + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:] = ends + 1
    if len(utf8) < 2**31 - 1:
        values = pa.StringArray.from_buffers(
            n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(utf8)
        )
    else:
        values = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(utf8))
    values = pc.utf8_trim(values, characters=" \n")  # GDAL trims both ends
    values = pc.if_else(pc.equal(pc.binary_length(values), 0), pa.scalar(None, values.type),
                        values)
    return values.cast(pa.string()), damaged


def _undecodable_rows(block: np.ndarray, codec: str) -> list[int]:
    """Rows whose own bytes ``codec`` cannot decode (each value alone, as GDAL decodes)."""
    rows = []
    for i in np.flatnonzero((block >= 0x80).any(axis=1)):
        try:
            block[i].tobytes().decode(codec)
        except UnicodeDecodeError:
            rows.append(int(i))
    return rows


def _numbers(block: np.ndarray, integral: bool, width: int) -> np.ndarray | None:
    n = block.shape[0]
    if n == 0:
        return np.empty(0, dtype="float64")
    raw = np.char.strip(block.view(f"S{width}").ravel())
    blank = raw == b""
    try:
        values = np.where(blank, b"nan", raw).astype("float64")
    except (ValueError, UnicodeDecodeError):
        return None  # "***", "1,5": GDAL's own parsing decides
    if integral and not blank.any():
        if width < 10 and np.all(np.abs(values) < 2**31):
            return values.astype("int32")
        if width < 19 and np.all(np.abs(values) < 2**63):
            return values.astype("int64")
    return values


def _dates(block: np.ndarray):
    """Dates as an Arrow date32 array (null when blank or unreadable) and the bad rows."""
    import pyarrow as pa

    width = block.shape[1]
    raw = np.char.strip(block.view(f"S{width}").ravel())
    blank = (raw == b"") | (raw == b"0" * width)
    valid = pd.to_datetime(np.char.decode(raw, "latin-1"), format="%Y%m%d", errors="coerce")
    missing = np.asarray(pd.isna(valid))
    bad = np.flatnonzero(~blank & missing)
    days = np.asarray(valid.to_numpy(dtype="datetime64[D]"))
    return pa.array(days, type=pa.date32(), mask=missing), bad


def _logicals(block: np.ndarray) -> np.ndarray:
    """True for T/t/Y/y, else False (GDAL reads blank and ``?`` as False too)."""
    first = block[:, 0] if block.shape[1] else np.zeros(len(block), dtype=np.uint8)
    return np.isin(first, np.frombuffer(b"TtYy", dtype=np.uint8))
