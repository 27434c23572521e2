"""Writing sheets of typed columns to one .xlsx file, with two interchangeable engines.

Both engines write the same workbook: a bold header row, frozen; an autofilter over the
table; per-column widths; real number formats; dates as dates. Every text cell is written
as a *string*, never as a formula — a user value such as ``=HYPERLINK(...)`` or
``+86 513…`` stays text (formula injection). Missing values are empty cells.

* ``rustpy`` — ``rustpy_xlsxwriter`` (a binding of the Rust ``rust_xlsxwriter``), writes a
  DataFrame through Arrow; about 5× faster than xlsxwriter on 100,000 rows
  (``bench/bench_export.py``). It writes str values as text cells (its formula support is
  an explicit ``formula_columns`` option, which we never use).
* ``xlsxwriter`` — pure Python fallback in ``constant_memory`` mode with
  ``strings_to_formulas``/``strings_to_numbers``/``strings_to_urls`` off and
  ``write_string`` for text.

The file is written to a temporary file in the target folder and moved into place, so a
failed or cancelled export never leaves a half-written workbook behind.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

#: Excel number formats per column kind.
NUM_FORMATS = {
    "mu": "0.00",
    "money": "#,##0.00",
    "ratio": "0.00",
    "value": "#,##0.00##",
    "years": "0.0",
    "int": "0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}
KINDS = ("text", *NUM_FORMATS)

Progress = Callable[[float, str], bool] | None


@dataclass(frozen=True)
class Column:
    """One output column: source ``key`` in the frame, ``header`` text and ``kind``."""

    key: str
    header: str
    kind: str = "text"


@dataclass
class Sheet:
    """A sheet: ``name``, its ``columns`` and the ``frame`` holding their ``key`` columns.

    ``print_header`` and ``print_footer`` are the printed page's header and footer in
    Excel's ``&``-codes (``&L`` left, ``&C`` centre, ``&R`` right, ``&P`` page, ``&N``
    pages); every sheet prints landscape on A4, fitted to the page width, with the header
    row repeated on each page.
    """

    name: str
    columns: list[Column]
    frame: pd.DataFrame
    print_header: str = ""
    print_footer: str = ""


A4 = 9  # Excel's paper size code


def header_footer_text(text: str) -> str:
    """User text made safe inside an Excel header/footer (``&`` starts a code)."""
    return str(text).replace("&", "&&")


def _page_setup(sheet: Sheet) -> dict:
    setup = {"landscape": True, "paper_size": A4, "fit_to_pages": (1, 0), "repeat_rows": 0}
    if sheet.print_header:
        setup["header"] = sheet.print_header
    if sheet.print_footer:
        setup["footer"] = sheet.print_footer
    return setup


def _display_width(text: str) -> float:
    # CJK characters (and full-width forms) take a little over two Latin character widths
    # in Excel's default fonts (等线 / Calibri 11): 2.1 keeps Chinese text from being cut.
    return sum(2.1 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def column_widths(sheet: Sheet, sample: int = 2000) -> list[float]:
    """Widths (Excel character units) from the header and the first ``sample`` values."""
    widths = []
    head = sheet.frame.head(sample)
    for col in sheet.columns:
        w = _display_width(col.header) + 2
        if col.kind == "text" and len(head):
            values = head[col.key].dropna().astype(str)
            if len(values):
                w = max(w, float(values.map(_display_width).quantile(0.95)) + 2)
        elif col.kind == "date":
            w = max(w, 12)
        else:
            w = max(w, 10)
        widths.append(float(min(max(w, 8.0), 60.0)))
    return widths


def _typed(sheet: Sheet) -> pd.DataFrame:
    """The sheet's columns under their headers, with text as str/None and numbers as float."""
    out = {}
    for col in sheet.columns:
        s = sheet.frame[col.key] if col.key in sheet.frame else pd.Series(
            [None] * len(sheet.frame), index=sheet.frame.index, dtype="object"
        )
        if col.kind == "text":
            values = s.astype("object")
            mask = values.isna().to_numpy()
            text = values.astype(str).to_numpy(dtype=object)
            text[mask] = None
            out[col.header] = text
        elif col.kind == "date":
            out[col.header] = pd.to_datetime(s, errors="coerce").to_numpy(dtype="datetime64[ns]")
        else:
            num = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", copy=True)
            num[~np.isfinite(num)] = np.nan
            out[col.header] = num
    return pd.DataFrame(out)


def _write_rustpy(sheets: list[Sheet], path: str, progress: Progress) -> None:
    import rustpy_xlsxwriter as rx

    header = rx.Format().set_bold().set_text_wrap().set_background_color("#DDEBF7")
    book = rx.FastExcel(path).format(datetime_format=NUM_FORMATS["date"]).freeze(row=1)
    for i, sheet in enumerate(sheets):
        if progress and progress(i / len(sheets), sheet.name) is False:
            raise _Cancelled
        formats = [
            rx.Format().set_num_format(NUM_FORMATS[c.kind]) if c.kind != "text" else None
            for c in sheet.columns
        ]
        book.sheet(
            sheet.name,
            _typed(sheet),
            column_widths=column_widths(sheet),
            column_formats=formats,
            header_format=header,
            autofilter=True,
            page_setup=_page_setup(sheet),
        )
    book.save()


def _write_xlsxwriter(sheets: list[Sheet], path: str, progress: Progress) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        path,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    try:
        header = book.add_format(
            {"bold": True, "text_wrap": True, "bg_color": "#DDEBF7", "valign": "top"}
        )
        formats = {k: book.add_format({"num_format": v}) for k, v in NUM_FORMATS.items()}
        total = sum(len(s.frame) for s in sheets) or 1
        done = 0
        for sheet in sheets:
            ws = book.add_worksheet(sheet.name)
            for j, width in enumerate(column_widths(sheet)):
                ws.set_column(j, j, width, formats.get(sheet.columns[j].kind))
            for j, col in enumerate(sheet.columns):
                ws.write_string(0, j, col.header, header)
            ws.freeze_panes(1, 0)
            ws.set_landscape()
            ws.set_paper(A4)
            ws.fit_to_pages(1, 0)
            ws.repeat_rows(0)
            if sheet.print_header:
                ws.set_header(sheet.print_header)
            if sheet.print_footer:
                ws.set_footer(sheet.print_footer)
            typed = _typed(sheet)
            kinds = [c.kind for c in sheet.columns]
            cols = [typed[c.header].to_numpy() for c in sheet.columns]
            n = len(typed)
            for r in range(n):
                row = r + 1
                for j, kind in enumerate(kinds):
                    v = cols[j][r]
                    if kind == "text":
                        if isinstance(v, str):
                            ws.write_string(row, j, v)
                    elif kind == "date":
                        if not np.isnat(v):
                            ws.write_datetime(row, j, pd.Timestamp(v).to_pydatetime(),
                                              formats["date"])
                    elif not math.isnan(v):
                        ws.write_number(row, j, float(v), formats[kind])
                if progress and r % 5000 == 0 and progress((done + r) / total, sheet.name) is False:
                    raise _Cancelled
            done += n
            ws.autofilter(0, 0, max(n, 1), len(sheet.columns) - 1)
    finally:
        book.close()


class _Cancelled(Exception):
    """The progress callback asked to stop."""


WRITERS = {"rustpy": _write_rustpy, "xlsxwriter": _write_xlsxwriter}


def default_engine() -> str:
    """``"rustpy"`` when ``rustpy_xlsxwriter`` imports, else ``"xlsxwriter"``."""
    try:
        import rustpy_xlsxwriter  # noqa: F401
    except ImportError:
        return "xlsxwriter"
    return "rustpy"


def write_sheets(
    sheets: list[Sheet], path: str | os.PathLike, engine: str | None = None,
    progress: Progress = None,
) -> bool:
    """Write ``sheets`` to ``path`` atomically; returns False when cancelled (nothing written)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", prefix=".lp-export-", dir=target.parent)
    os.close(fd)
    try:
        WRITERS[engine or default_engine()](sheets, tmp, progress)
        # mkstemp makes the file private (0600); give it the user's normal permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except _Cancelled:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return True
