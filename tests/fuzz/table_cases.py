"""Seed tables and projects, and their mutators, for fuzzing what reads a user's table or a
saved project.

Used by the bounded run in the test suite (``tests/fuzz/test_fuzz_tables.py``) and the long
run (``tools/fuzz_tables.py``); judged by ``fuzz_harness`` like the loader's cases. Built
here from code (no committed binaries). Kinds:

* ``indicators``        an indicator table through ``landplanner score`` (alone, or added
                        to a project);
* ``assets_state``, ``assets_collective``  an asset table through ``landplanner assets
                        PROJECT --table``;
* ``incoming``          an incoming-project list through ``landplanner match PROJECT
                        --projects``;
* ``project``           a damaged project GeoPackage through the commands that take one
                        (``score``, ``quota``, ``assets``, ``match``, ``ranking``, ``check``).

A table case damages the rows (odd numbers: ``inf``, ``nan``, ``1e400``, huge, negative and
zero areas, text in number columns; duplicate headers, merged header rows, title rows, empty
sheets, ragged and blank rows, long and control text, odd dates), writes them as .xlsx
(extra sheets, merged cells) or .csv (UTF-8, UTF-8 with BOM, GBK, GB18030, UTF-16, Big5,
Latin-1; comma, tab, semicolon, bar; every quoting; CR, LF, CRLF), then may damage the file
itself: xlsx zip members (sheet XML, shared strings, styles, workbook, content types,
relations, a dimension of a million rows, entity expansion), the zip (encrypted flag,
unknown method, truncation), an OLE2 wrapper, bit flips. A project case damages the
GeoPackage: pages, missing tables and columns, values of the wrong type, settings, plans,
layouts and metadata that are not valid JSON or hold the wrong types, broken geometry.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import sqlite3
import struct
import warnings
import zipfile
from pathlib import Path

from fuzz_cases import _flip, _frame, _uscc, _write_shp, gpkg_connect, m_bitflip, m_gpkg_page
from fuzz_harness import Case

TABLE_KINDS = ("indicators", "assets_state", "assets_collective", "incoming")
KINDS = (*TABLE_KINDS, "project")
PROJECT = "项目.gpkg"
PARKS = ("崇川经济开发区", "港闸经济开发区", "市北高新区")

# --------------------------------------------------------------------------- seed rows


def _indicator_rows() -> list[list[object]]:
    frame = _frame()
    rows: list[list[object]] = [
        ["2024年崇川区工业企业亩均效益评价指标表"],
        ["统一社会信用代码", "企业名称", "企业规模", "用地面积(亩)", "税收(万元)", "应税销售(万元)",
         "工业增加值(万元)", "综合能耗(吨标煤)", "主要污染物排放量(吨)", "年平均职工人数",
         "研发经费支出(万元)", "主营业务收入(万元)", "用电量(万千瓦时)", "安全事故", "环境违法"],
    ]
    for i in range(len(frame)):
        rows.append([
            _uscc(i + 1), frame["QYMC"].iat[i], "规上" if i % 3 else "规下",
            round(12.0 + 2.5 * i, 2), round(30.0 + 17.3 * i, 2), round(800.0 + 310.0 * i, 2),
            round(200.0 + 70.0 * i, 2), round(50.0 + 9.0 * i, 2), round(0.1 + 0.05 * i, 3),
            10 + 3 * i, round(5.0 + i, 2), round(820.0 + 300.0 * i, 2), round(20.0 + 4.0 * i, 2),
            "否", "是" if i == 7 else "否",
        ])
    return rows


def _state_rows() -> list[list[object]]:
    rows: list[list[object]] = [
        ["2026年崇川区国有资产清单"],
        ["资产编号", "资产名称", "权属单位", "街道", "坐落", "楼栋", "楼层", "房号", "建筑面积(平方米)",
         "可出租面积(平方米)", "用途", "年初状态", "使用状态", "盘活日期", "承租人", "租金(元/平方米/月)",
         "租期起", "租期止", "关联地块编号", "X", "Y"],
    ]
    statuses = ("出租", "闲置", "自用", "出租", "出售")
    for i in range(10):
        status = statuses[i % len(statuses)]
        rows.append([
            f"GY-{i + 1:04d}", f"秦灶商业用房{i + 1}号", "区教育体育局" if i % 2 else "区文旅集团",
            "秦灶街道", f"崇川区秦灶路{100 + i}号", f"{1 + i % 3}幢", f"{1 + i}层", f"{401 + i}",
            round(300.0 + 85.5 * i, 1), round(250.0 + 80.0 * i, 1), "办公", status, status,
            dt.datetime(2026, 3, 1 + i) if status == "出售" else None,
            f"南通承租企业{i}有限公司" if status == "出租" else None,
            round(20.0 + 3.3 * i, 1) if status == "出租" else None,
            dt.datetime(2024, 1 + i, 1) if status == "出租" else None,
            dt.datetime(2026, 6 + i % 6, 15) if status == "出租" else None,
            f"DK{i + 1:03d}" if i % 3 == 0 else None, None, None,
        ])
    return rows


def _collective_rows() -> list[list[object]]:
    rows: list[list[object]] = [
        ["2026年崇川区农村集体资产资源清单"],
        ["资产编号", "资产名称", "街道", "村/社区", "资产类型", "面积(平方米)", "年初状态", "状态",
         "盘活日期", "承租(承包)方", "合同到期日", "关联地块编号"],
    ]
    kinds = ("商铺", "鱼塘", "厂房", "耕地", "仓库")
    statuses = ("出租", "闲置", "发包", "出租", "闲置")
    for i in range(10):
        status = statuses[i % len(statuses)]
        rows.append([
            f"JT-{i + 1:04d}", f"钟秀村{kinds[i % 5]}{i + 1}号", "陈桥街道", "钟秀村" if i % 2 else "陈桥社区",
            kinds[i % 5], round(1200.0 + 900.5 * i, 1), status, status, None,
            f"南通承包方{i}" if status != "闲置" else None,
            dt.datetime(2027, 1 + i, 10) if status != "闲置" else None,
            f"DK{i + 1:03d}" if i % 4 == 0 else None,
        ])
    return rows


def _incoming_rows() -> list[list[object]]:
    rows: list[list[object]] = [
        ["地等项目：拟引进项目清单"],
        ["项目名称", "所属行业", "用地需求下限(亩)", "用地需求上限(亩)", "投资强度(万元/亩)",
         "预期亩均税收(万元/亩)", "意向园区", "容积率要求"],
    ]
    for i in range(6):
        rows.append([f"智能制造项目{i + 1}", "智能制造", 5 + 2 * i, 10 + 3 * i, 300 + 50 * i,
                     round(20.0 + 3.1 * i, 1), PARKS[i % 3], round(1.0 + 0.2 * i, 1)])
    return rows


SEED_ROWS = {
    "indicators": _indicator_rows,
    "assets_state": _state_rows,
    "assets_collective": _collective_rows,
    "incoming": _incoming_rows,
}

#: Columns holding numbers in each seed (positions in the header row).
NUMBER_COLUMNS = {
    "indicators": tuple(range(3, 13)),
    "assets_state": (8, 9, 15, 19, 20),
    "assets_collective": (5,),
    "incoming": (2, 3, 4, 5, 7),
}
AREA_COLUMN = {"indicators": 3, "assets_state": 8, "assets_collective": 5, "incoming": 2}
DATE_COLUMNS = {"assets_state": (13, 16, 17), "assets_collective": (8, 10)}


# --------------------------------------------------------------------------- writing tables


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def write_xlsx(rows: list[list[object]], path: Path, rng: random.Random | None = None,
               header_row: int = 1) -> str:
    """Write ``rows`` as a workbook; with ``rng``, maybe an empty sheet first, merged title
    and header cells, a second sheet. Returns what was done."""
    import openpyxl

    rng = rng or random.Random(0)
    book = openpyxl.Workbook()
    sheet = book.active
    notes = []
    if rng.random() < 0.1:
        sheet.title = "说明"
        sheet = book.create_sheet("数据")
        notes.append("empty first sheet")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = _ILLEGAL_XML.sub("?", value)
            elif isinstance(value, float) and value != value:
                value = "nan"
            elif isinstance(value, float) and value in (float("inf"), float("-inf")):
                value = str(value)
            try:
                sheet.cell(r, c, value)
            except (ValueError, TypeError):
                sheet.cell(r, c, str(value)[:100])
    width = max((len(r) for r in rows), default=1)
    if rows and rng.random() < 0.25 and width > 1:  # merged title cells
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        notes.append("merged title")
    if rng.random() < 0.1 and len(rows) > header_row + 2 and width >= 1:  # header cells downwards
        col = rng.randrange(1, width + 1)
        sheet.merge_cells(start_row=header_row + 1, start_column=col, end_row=header_row + 2,
                          end_column=col)
        notes.append("merged header cells")
    if rng.random() < 0.1:
        extra = book.create_sheet("Sheet2")
        extra["A1"] = "备注"
        notes.append("second sheet")
    book.save(path)
    return "xlsx" + (f" ({', '.join(notes)})" if notes else "")


_ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "big5", "latin-1",
              "cp1252", "utf-32", "shift_jis")


def write_csv(rows: list[list[object]], path: Path, rng: random.Random) -> str:
    """Write ``rows`` as text in a random encoding, delimiter, quoting and line ending."""
    encoding = rng.choice(_ENCODINGS)
    delimiter = rng.choice((",", ",", "\t", ";", "|"))
    quoting = rng.choice((csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE))
    ending = rng.choice(("\r\n", "\n", "\r"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=ending,
                        escapechar="\\")
    for row in rows:
        cells = ["" if v is None else (v.strftime("%Y-%m-%d") if isinstance(v, dt.datetime) else v)
                 for v in row]
        try:
            writer.writerow(cells)
        except (csv.Error, TypeError, ValueError):
            buf.write(delimiter.join(str(c).replace(delimiter, " ") for c in cells) + ending)
    text = buf.getvalue()
    if rng.random() < 0.1:  # an unbalanced quote somewhere
        pos = rng.randrange(len(text) + 1)
        text = text[:pos] + '"' + text[pos:]
    path.write_bytes(text.encode(encoding, errors="replace"))
    return f"csv {encoding} {delimiter!r} q{quoting} {ending!r}"


# --------------------------------------------------------------------------- row mutators

_ODD_NUMBERS = (
    "inf", "-inf", "Infinity", "nan", "NaN", "1e400", "-1e400", 1e308, -1e308, 1e13, 9.9e15,
    -5, -0.01, 0, 0.0, "0", "1,234.5", "１２３", "12亩", "abc", "", None, " ", "=1+1", "#DIV/0!",
    "#N/A", True, "1e-400", 5e-324, "0x1F", "1_000", "١٢٣", "--", "−7",
)
_ODD_TEXT = (
    "", None, "\x00", "a\x00b", "\ufeff", "\u202e反转", "x" * 5000, "🏭企业", "=HYPERLINK(\"x\")",
    "NULL", "nan", "\n换行\n", "\"", "'", "\\", "、", "９１３２０６１１ＭＡ", "\ud800",
    "长" * 200_000,
)
_ODD_DATES = (
    "2026-13-45", "0031-01-01", "9999-12-31", "99999", 2958466, -1, 0, "2026年2月30日",
    "abc", "2026/1/1 25:61", dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31), 1e308, "inf",
    "1900-02-29", "20260101", "2026.01.01",
)
_HEADER_NOISE = ("", None, "备注", "用地面积(亩)", "面积(公顷)", "税收(元)", "税收(美元)", "企业名称",
                 "统一社会信用代码", "资产编号", "项目名称", "面积(平方英尺)", "租金(元/平方米/年)",
                 "年份", "年度", "2024", 2024, "用电量(度)", "用电量(kWh)", "租金(元/天)",
                 "用地需求(亩)", "用地需求", "资产性质", "状态", "序号")


def _data_rows(rows: list[list[object]]) -> range:
    return range(2, len(rows)) if len(rows) > 2 else range(0)


def r_number(rows, kind, rng) -> str:
    """One number cell (or a whole column) gets an odd value."""
    data = _data_rows(rows)
    if not data:
        return "no data"
    col = rng.choice(NUMBER_COLUMNS[kind])
    value = rng.choice(_ODD_NUMBERS)
    targets = list(data) if rng.random() < 0.15 else [rng.choice(data)]
    for r in targets:
        if col < len(rows[r]):
            rows[r][col] = value
    return f"number col {col} = {value!r}" + (" (all rows)" if len(targets) > 1 else "")


def r_area(rows, kind, rng) -> str:
    """Negative or zero areas: one row, several, or all."""
    data = _data_rows(rows)
    if not data:
        return "no data"
    col = AREA_COLUMN[kind]
    value = rng.choice((0, -1, -12.5, 0.0, "0", "-0", 1e-9, -1e12))
    which = rng.choice(("one", "half", "all"))
    targets = {"one": [rng.choice(data)], "half": list(data)[::2], "all": list(data)}[which]
    for r in targets:
        if col < len(rows[r]):
            rows[r][col] = value
    return f"area {value!r} ({which})"


def r_text(rows, kind, rng) -> str:
    data = _data_rows(rows)
    if not data:
        return "no data"
    r = rng.choice(data)
    col = rng.randrange(len(rows[r])) if rows[r] else 0
    value = rng.choice(_ODD_TEXT)
    if rows[r]:
        rows[r][col] = value
    return f"text cell = {str(value)[:20]!r}"


def r_date(rows, kind, rng) -> str:
    data = _data_rows(rows)
    cols = DATE_COLUMNS.get(kind)
    if not data or not cols:
        return r_number(rows, kind, rng)
    col = rng.choice(cols)
    value = rng.choice(_ODD_DATES)
    row = rows[rng.choice(data)]
    if col < len(row):
        row[col] = value
    return f"date col {col} = {value!r}"


def r_header(rows, kind, rng) -> str:
    """Duplicate, garble, drop or swap header cells."""
    if len(rows) < 2 or not rows[1]:
        return "no header"
    header = rows[1]
    choice = rng.randrange(5)
    if choice == 0:  # a duplicate header (another column says the same)
        a, b = rng.randrange(len(header)), rng.randrange(len(header))
        header[b] = header[a]
        return f"duplicate header {header[a]!r}"
    if choice == 1:
        col = rng.randrange(len(header))
        header[col] = rng.choice(_HEADER_NOISE)
        return f"header {col} = {header[col]!r}"
    if choice == 2:  # drop a column everywhere
        col = rng.randrange(len(header))
        for row in rows[1:]:
            if col < len(row):
                del row[col]
        return f"dropped column {col}"
    if choice == 3:  # shuffle the columns
        order = list(range(len(header)))
        rng.shuffle(order)
        for i, row in enumerate(rows[1:], start=1):
            rows[i] = [row[j] if j < len(row) else None for j in order]
        return "columns shuffled"
    # a second header row above the first (merged group headings: 基本信息 | 经济指标 …)
    group = ["基本信息"] + [None] * (len(header) // 2 - 1) + ["经济指标"] + [None] * (
        len(header) - len(header) // 2 - 1)
    rows.insert(1, group)
    return "group header row"


def r_layout(rows, kind, rng) -> str:
    """Title rows, blank rows, ragged rows, an empty table, a header only, duplicated rows."""
    choice = rng.randrange(7)
    if choice == 0:
        n = rng.choice((1, 5, 29, 31, 40))
        for _ in range(n):
            rows.insert(0, [rng.choice(("单位：万元", "单位：元", "单位：美元", "填报说明", None, "2025年"))])
        return f"{n} title rows"
    if choice == 1:
        for _ in range(rng.randint(1, 20)):
            rows.insert(rng.randrange(2, len(rows) + 1), [None] * rng.randrange(3))
        return "blank rows"
    if choice == 2:
        for row in rows[2:]:
            if rng.random() < 0.5 and row:
                del row[rng.randrange(len(row)):]
            elif rng.random() < 0.5:
                row.extend(["多余"] * rng.randrange(1, 5))
        return "ragged rows"
    if choice == 3:
        del rows[:]
        return "empty table"
    if choice == 4:
        del rows[2:]
        return "header only"
    if choice == 5 and len(rows) > 2:
        rows.extend(copy.deepcopy(rows[2:]))
        return "rows duplicated"
    n = rng.choice((500, 3000))
    template = rows[-1] if len(rows) > 2 else []
    rows.extend(list(template) for _ in range(n))
    return f"{n} more rows"


ROW_MUTATORS = (r_number, r_number, r_area, r_text, r_date, r_header, r_layout)


# --------------------------------------------------------------------------- file mutators


def _rezip(path: Path, members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, blob in members:
            zf.writestr(name, blob)


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _damage_xml(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    choice = rng.randrange(9)
    if choice == 0:
        return blob[: rng.randrange(len(blob) + 1)], "truncated"
    if choice == 1:
        data = bytearray(blob)
        _flip(data, rng, count=rng.randint(1, 12))
        return bytes(data), "bytes"
    if choice == 2:
        return blob.replace(b"<row", b"<rwo", 1), "tag renamed"
    if choice == 3:
        return blob.replace(b"<c ", b"<c foo=&bogus; ", 1), "bad entity"
    if choice == 4:  # invalid UTF-8 in text
        return blob.replace(b"<t>", b"<t>\xb3\xff", 1).replace(b"<v>", b"<v>\xe5\x9c", 1), "bad utf-8"
    if choice == 5:  # entity expansion (a small billion laughs)
        head = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
                b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", blob)
        return head + body.replace(b"<t>", b"<t>&d;", 1), "entity expansion"
    if choice == 6:
        return b"", "empty"
    if choice == 7:
        return blob.replace(b"</sheetData>", b"", 1).replace(b"</sst>", b"", 1), "unclosed"
    return b"<html><body>not xml</body></html>", "html"


def _damage_cells(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Cells of a sheet that are well-formed XML but hold odd content."""
    choice = rng.randrange(7)
    if choice == 0:  # a shared string index far out of range
        return re.sub(rb'(<c [^>]*t="s"[^>]*><v>)\d+', rb"\g<1>99999", blob, count=1), "string index"
    if choice == 1:
        return re.sub(rb'(<c [^>]*)(><v>)[^<]*', rb'\1 t="n"\2abc', blob, count=1), "n cell abc"
    if choice == 2:
        return re.sub(rb'(<c [^>]*)(><v>)[^<]*', rb'\1 t="d"\2not-a-date', blob, count=1), "bad date"
    if choice == 3:
        return re.sub(rb'(<c [^>]*)(><v>)[^<]*', rb'\1 s="999"\2 1', blob, count=1), "style index"
    if choice == 4:  # a dimension and a last row a million rows down
        blob = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', blob)
        return blob.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                              b"</row></sheetData>", 1), "million rows"
    if choice == 5:  # a cell reference that is not one
        return re.sub(rb'<c r="[A-Z]+\d+"', b'<c r="ZZZZ0"', blob, count=1), "bad reference"
    return re.sub(rb'(<c [^>]*)(><v>)[^<]*', rb'\1 t="e"\2#REF!', blob, count=1), "error cell"


def f_xlsx_member(path: Path, rng: random.Random) -> str:
    """Damage one member of the workbook (sheet XML, shared strings, styles, workbook …)."""
    members = _members(path)
    names = [n for n, _ in members]
    sheets = [n for n in names if n.startswith("xl/worksheets/")]
    choice = rng.randrange(6)
    if choice <= 1 and sheets:
        target = rng.choice(sheets)
    else:
        target = rng.choice([n for n in names if n.endswith((".xml", ".rels"))] or names)
    if rng.random() < 0.15:  # remove the member
        members = [(n, b) for n, b in members if n != target]
        _rezip(path, members)
        return f"xlsx member removed {target}"
    out = []
    what = ""
    for name, blob in members:
        if name == target:
            if name in sheets and rng.random() < 0.5:
                blob, what = _damage_cells(blob, rng)
            else:
                blob, what = _damage_xml(blob, rng)
        out.append((name, blob))
    _rezip(path, out)
    return f"xlsx {target}: {what}"


def f_xlsx_strings(path: Path, rng: random.Random) -> str:
    """Shared strings or styles: remove, damage, or odd number formats."""
    members = dict(_members(path))
    choice = rng.randrange(4)
    if choice == 0:
        name = rng.choice(("xl/sharedStrings.xml", "xl/styles.xml"))
        members.pop(name, None)
        what = f"{name} removed"
    elif choice == 1 and "xl/sharedStrings.xml" in members:
        blob = members["xl/sharedStrings.xml"]
        blob = re.sub(rb'count="\d+"', b'count="5"', blob)
        blob = re.sub(rb"<si>.*?</si>", b"", blob, count=rng.randint(1, 10), flags=re.S)
        members["xl/sharedStrings.xml"] = blob
        what = "shared strings dropped"
    elif choice == 2 and "xl/styles.xml" in members:
        fmt = rng.choice((b"yyyy-mm-dd", b"[$-F800]dddd", b"0.00E+00", b"@", b"[h]:mm:ss",
                          b'"\xe5\x85\x83"#,##0', b"\xb3\xff", b"d" * 300))
        blob = members["xl/styles.xml"]
        blob = blob.replace(b'numFmtId="0"', b'numFmtId="200"')
        blob = blob.replace(b"<styleSheet", b"<styleSheet", 1)
        blob = re.sub(rb"<numFmts[^>]*>.*?</numFmts>|(?=<fonts)",
                      b'<numFmts count="1"><numFmt numFmtId="200" formatCode="' + fmt + b'"/></numFmts>',
                      blob, count=1, flags=re.S)
        members["xl/styles.xml"] = blob
        what = f"number format {fmt[:20]!r}"
    else:
        name = rng.choice(("xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels",
                           "_rels/.rels"))
        if name in members:
            members[name], what = _damage_xml(members[name], rng)
            what = f"{name} {what}"
        else:
            what = "nothing"
    _rezip(path, list(members.items()))
    return f"xlsx {what}"


def f_zip(path: Path, rng: random.Random) -> str:
    """The container: encrypted flag, unknown method, other methods, truncation, OLE2."""
    data = bytearray(path.read_bytes())
    choice = rng.randrange(6)
    if choice == 0:
        pos = data.find(b"PK\x03\x04")
        while pos >= 0:
            data[pos + 6] |= 1
            pos = data.find(b"PK\x03\x04", pos + 4)
        pos = data.find(b"PK\x01\x02")
        while pos >= 0:
            data[pos + 8] |= 1
            pos = data.find(b"PK\x01\x02", pos + 4)
        what = "encrypted flag"
    elif choice == 1:
        method = rng.choice((1, 6, 9, 14, 95, 99))
        pos = data.find(b"PK\x01\x02")
        while pos >= 0:
            data[pos + 10 : pos + 12] = struct.pack("<H", method)
            pos = data.find(b"PK\x01\x02", pos + 4)
        what = f"method {method}"
    elif choice == 2:
        method = rng.choice((zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
        _rezip(path, _members(path), method)
        return f"zip method {method}"
    elif choice == 3:
        data = data[: rng.randrange(len(data) + 1)]
        what = "truncated"
    elif choice == 4:  # an encrypted workbook: OLE2 with an EncryptionInfo stream
        data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                         + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2000)
        what = "OLE2 encrypted"
    else:
        data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(data[8:]))
        what = "OLE2 magic"
    path.write_bytes(bytes(data))
    return f"zip {what}"


def f_text(path: Path, rng: random.Random) -> str:
    """A text table: NUL bytes, a BOM of another encoding, truncation, bit flips."""
    data = bytearray(path.read_bytes())
    choice = rng.randrange(4)
    if choice == 0:
        pos = rng.randrange(len(data) + 1)
        data[pos:pos] = b"\x00" * rng.randint(1, 50)
        what = "NUL bytes"
    elif choice == 1:
        data[0:0] = rng.choice((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff"))
        what = "foreign BOM"
    elif choice == 2:
        data = data[: rng.randrange(len(data) + 1)]
        what = "truncated"
    else:
        _flip(data, rng, count=rng.randint(1, 30))
        what = "bytes"
    path.write_bytes(bytes(data))
    return f"text {what}"


# --------------------------------------------------------------------------- project mutators

_BAD_JSON = (
    "", "{", "not json", "NaN", "Infinity", "null", "[]", "{}", "0", "-1", "1e400", '"x"',
    '{"a":', "\ufeff{}", "[" * 5000 + "]" * 5000, '"\\ud800"',
)
_WRONG_VALUES = (
    None, "", "x", "\xb3", -1, 0, 1e308, float("nan"), float("inf"), [], {}, [1, 2], {"a": 1},
    True, "2026", 2026, 99999, -2026, "DK001", [None], [{"name": None}], {"name": 5},
)
_SETTINGS_KEYS = ("quotas", "year", "district_name", "language", "assets", "matching", "scoring",
                  "campaign", "scoreboard", "units", "parks", "plans", "lease_days")


def _project_tables(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM gpkg_contents ORDER BY table_name").fetchall()]


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")').fetchall()]


def p_table(folder: Path, rng: random.Random) -> str:
    """A missing table, a table with no rows, or a table's entry gone from gpkg_contents."""
    con = gpkg_connect(folder / PROJECT)
    try:
        tables = _project_tables(con)
        table = rng.choice(tables)
        choice = rng.randrange(3)
        if choice == 0:
            con.execute(f'DROP TABLE "{table}"')
            what = "dropped"
        elif choice == 1:
            con.execute(f'DELETE FROM "{table}"')
            what = "emptied"
        else:
            con.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (table,))
            what = "not in gpkg_contents"
        con.commit()
    finally:
        con.close()
    return f"project table {table} {what}"


def _pick_column(con, rng: random.Random) -> tuple[str, str | None]:
    """A project table and one of its attribute columns (None when it has none)."""
    table = rng.choice(_project_tables(con))
    cols = [c for c in _columns(con, table) if c not in ("fid", "geom")]
    return table, (rng.choice(cols) if cols else None)


def p_column(folder: Path, rng: random.Random) -> str:
    """A missing column, or a column renamed."""
    con = gpkg_connect(folder / PROJECT)
    try:
        table, col = _pick_column(con, rng)
        if col is None:
            return f"project {table}: no columns"
        if rng.random() < 0.7:
            con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{col}"')
            what = "dropped"
        else:
            con.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{col}" TO "{col}_x"')
            what = "renamed"
        con.commit()
    finally:
        con.close()
    return f"project column {table}.{col} {what}"


def p_value(folder: Path, rng: random.Random) -> str:
    """Values of the wrong type (text in numbers, numbers in text, blobs, NULL, huge)."""
    con = gpkg_connect(folder / PROJECT)
    try:
        table, col = _pick_column(con, rng)
        if col is None:
            return f"project {table}: no columns"
        value = rng.choice((b"\xb3\xff", "abc", "", None, 1e308, -1e308, float("nan"), -1, 0,
                            "inf", "1e400", "0031-01-01", "9999-99-99T99:99", 2**62, "\x00",
                            '{"a": 1}', "[]", "DK001", "x" * 10000))
        scope = rng.choice(("one", "all"))
        if scope == "one":
            row = con.execute(f'SELECT fid FROM "{table}" ORDER BY random() LIMIT 1').fetchone()
            if row is None:
                return f"project {table}: no rows"
            con.execute(f'UPDATE "{table}" SET "{col}" = ? WHERE fid = ?', (value, row[0]))
        else:
            con.execute(f'UPDATE "{table}" SET "{col}" = ?', (value,))
        con.commit()
    finally:
        con.close()
    return f"project value {table}.{col} = {str(value)[:20]!r} ({scope})"


def _set_json(con, table: str, key_col: str, key: str, value_col: str, text: str) -> None:
    if con.execute(f'SELECT 1 FROM "{table}" WHERE "{key_col}" = ?', (key,)).fetchone():
        con.execute(f'UPDATE "{table}" SET "{value_col}" = ? WHERE "{key_col}" = ?', (text, key))
    else:
        con.execute(f'INSERT INTO "{table}" ("{key_col}", "{value_col}") VALUES (?, ?)', (key, text))


def _wrong(value: object, rng: random.Random, depth: int = 0) -> object:
    """``value`` with one part replaced by a value of another type."""
    if isinstance(value, dict) and value and depth < 4 and rng.random() < 0.7:
        key = rng.choice(list(value))
        return {**value, key: _wrong(value[key], rng, depth + 1)}
    if isinstance(value, list) and value and depth < 4 and rng.random() < 0.7:
        i = rng.randrange(len(value))
        return [*value[:i], _wrong(value[i], rng, depth + 1), *value[i + 1:]]
    return rng.choice(_WRONG_VALUES)


def p_settings(folder: Path, rng: random.Random) -> str:
    """Settings that are not JSON, or JSON of the wrong shape or types."""
    con = gpkg_connect(folder / PROJECT)
    try:
        rows = dict(con.execute("SELECT key, value FROM lp_settings").fetchall())
        key = rng.choice(sorted(set(rows) | set(_SETTINGS_KEYS)))
        if rng.random() < 0.35:
            text = rng.choice(_BAD_JSON)
            what = f"not JSON {text[:12]!r}"
        else:
            try:
                current = json.loads(rows.get(key) or "null")
            except ValueError:
                current = None
            new = _wrong(current, rng)
            text = json.dumps(new, ensure_ascii=False)  # NaN/Infinity stay as Python writes them
            what = f"wrong type {text[:40]}"
        _set_json(con, "lp_settings", "key", key, "value", text)
        con.commit()
    finally:
        con.close()
    return f"project settings {key}: {what}"


def p_json_rows(folder: Path, rng: random.Random) -> str:
    """Plans, snapshots, layouts, the source or the schema version: bad JSON or wrong types."""
    con = gpkg_connect(folder / PROJECT)
    try:
        choice = rng.randrange(4)
        if choice == 0:
            table, col = rng.choice((("lp_plans", "data"), ("lp_plans", "parcel_ids"),
                                     ("lp_snapshots", "data")))
            row = con.execute(f'SELECT fid, "{col}" FROM "{table}" LIMIT 1').fetchone()
            if row is None:
                return f"project {table}: no rows"
            try:
                current = json.loads(row[1] or "null")
            except ValueError:
                current = None
            text = rng.choice(_BAD_JSON) if rng.random() < 0.3 else json.dumps(
                _wrong(current, rng), ensure_ascii=False)
            con.execute(f'UPDATE "{table}" SET "{col}" = ? WHERE fid = ?', (text, row[0]))
            what = f"{table}.{col} = {text[:40]}"
        else:
            keys = [r[0] for r in con.execute("SELECT key FROM lp_meta").fetchall()]
            key = rng.choice(keys)
            value = con.execute("SELECT value FROM lp_meta WHERE key = ?", (key,)).fetchone()[0]
            if rng.random() < 0.4:
                text = rng.choice((*_BAD_JSON, "2", "999", "-1", "1.5", "abc"))
            else:
                try:
                    text = json.dumps(_wrong(json.loads(value), rng), ensure_ascii=False)
                except ValueError:
                    text = rng.choice(_BAD_JSON)
            _set_json(con, "lp_meta", "key", key, "value", text)
            what = f"lp_meta {key} = {text[:40]}"
        con.commit()
    finally:
        con.close()
    return f"project {what}"


def p_geometry(folder: Path, rng: random.Random) -> str:
    """Broken, empty or odd geometry blobs in the parcels or parks layer."""
    con = gpkg_connect(folder / PROJECT)
    try:
        table = rng.choice(("parcels", "parcels", "parks"))
        rows = con.execute(f'SELECT fid, geom FROM "{table}"').fetchall()
        if not rows:
            return f"project {table}: no rows"
        fid, blob = rng.choice(rows)
        choice = rng.randrange(3)
        if choice == 0 and blob:
            b = bytearray(blob)
            _flip(b, rng, 0, len(b))
            value = bytes(b)
        elif choice == 1 and blob:
            b = bytearray(blob)
            pos = rng.randrange(max(1, len(b) - 8))
            b[pos : pos + 8] = struct.pack("<d", rng.choice((float("nan"), float("inf"), 1e308)))
            value = bytes(b)
        else:
            value = rng.choice((b"", b"GP", None, b"\x00" * 40))
        con.execute(f'UPDATE "{table}" SET geom = ? WHERE fid = ?', (value, fid))
        con.commit()
    finally:
        con.close()
    return f"project {table} geometry"


def p_page(folder: Path, rng: random.Random) -> str:
    return "project " + m_gpkg_page(folder, rng)


def p_bits(folder: Path, rng: random.Random) -> str:
    return "project " + m_bitflip(folder, rng)


PROJECT_MUTATORS = (p_page, p_bits, p_table, p_column, p_value, p_value, p_settings, p_settings,
                    p_json_rows, p_geometry)


# --------------------------------------------------------------------------- seeds


def build_seeds(root: Path) -> dict[str, Path]:
    """A small project (parcels, parks, indicators, assets, incoming projects, a plan,
    settings with quotas) under ``root/project``; returns ``{"project": folder}``."""
    import pandas as pd

    from landplanner.analysis import assets, matching, plans
    from landplanner.analysis.indicator_table import read_indicator_table
    from landplanner.project import Project
    from landplanner.sources import load_parcels
    from landplanner.store import save_project

    root.mkdir(parents=True, exist_ok=True)
    src = root / "source"
    shp = _write_shp(src, "GBK", cpg=True)
    tables = root / "tables"
    tables.mkdir(exist_ok=True)
    paths = {}
    for kind, rows in SEED_ROWS.items():
        paths[kind] = tables / f"{kind}.xlsx"
        write_xlsx(rows(), paths[kind])
    import geopandas as gpd
    import shapely
    from fuzz_cases import X0, Y0

    parks = gpd.GeoDataFrame(  # two parks over the first rows of parcels; the third has none
        {"name": list(PARKS[:2])},
        geometry=[shapely.box(X0 - 10, Y0 - 10, X0 + 610, Y0 + 310),
                  shapely.box(X0 + 610, Y0 - 10, X0 + 1300, Y0 + 310)],
        crs="EPSG:4549",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        project = Project.from_load(load_parcels(shp), parks=parks, settings={
            "district_name": "崇川区", "year": 2026, "language": "zh",
            # every section a reader of the settings knows, so the mutators reach inside them
            "assets": assets.AssetSettings().to_dict(),
            "matching": {**copy.deepcopy(matching.DEFAULTS)},
            "scoreboard": {"weights": {"ytd_percent": 35.0, "pace": 20.0, "quarter_mu": 15.0,
                                       "started_share": 10.0, "overdue_share": 10.0,
                                       "asset_rate": 10.0},
                           "unit_targets": {"崇川经济开发区管委会": 20.0}},
            "quotas": {"district_mu": 100.0, "parks": [
                {"name": name, "target_mu": 30.0, "unit": f"{name}管委会"} for name in PARKS]},
        })
        project.indicators, _ = read_indicator_table(paths["indicators"])
        state, _ = assets.read_asset_table(paths["assets_state"])
        collective, _ = assets.read_asset_table(paths["assets_collective"])
        project.assets = assets.add_assets(state, collective)
        project.incoming, _ = matching.read_projects(paths["incoming"], list(PARKS))
        parcel = project.parcels.iloc[0].to_dict()
        project.plans = [plans.create_for_parcel([], parcel, "测试", None, "低效用地")]
        out = root / "project"
        out.mkdir(exist_ok=True)
        save_project(project, out / PROJECT)
    assert isinstance(project.indicators, pd.DataFrame)
    return {"project": out}


def make_case(seeds: dict[str, Path], folder: Path, seed: int, kind: str | None = None) -> Case:
    """Build case ``seed``: a damaged table (with the intact seed project beside it) or a
    damaged project, and the command line that reads it."""
    rng = random.Random(seed)
    kind = kind or KINDS[rng.randrange(len(KINDS))]
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(seeds["project"], folder)
    project = folder / PROJECT
    steps: list[str] = []
    args: list[str] = []
    json_output = True
    if kind == "project":
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            try:
                steps.append(rng.choice(PROJECT_MUTATORS)(folder, rng))
            except Exception as exc:  # noqa: BLE001 - e.g. a file an earlier step broke
                steps.append(f"mutator failed: {type(exc).__name__}: {str(exc)[:60]}")
        command = rng.choice(("score", "score", "quota", "assets", "match", "ranking", "check"))
        args = ["--json"] if rng.random() < 0.8 or command == "check" else []
        json_output = bool(args)
        if rng.random() < 0.15 and command != "score":
            args += ["--lang", "en"]
        argv = [command, str(project), *args]
        target = project
    else:
        rows = SEED_ROWS[kind]()
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            try:
                steps.append(rng.choice(ROW_MUTATORS)(rows, kind, rng))
            except (IndexError, ValueError) as exc:  # e.g. a column an earlier step dropped
                steps.append(f"row mutator failed: {type(exc).__name__}")
        if rng.random() < 0.6:
            target = folder / f"{kind}.xlsx"
            steps.append(write_xlsx(rows, target, rng))
            file_mutators = (f_xlsx_member, f_xlsx_member, f_xlsx_strings, f_zip, m_bitflip_file)
        else:
            target = folder / f"{kind}.csv"
            steps.append(write_csv(rows, target, rng))
            file_mutators = (f_text,)
        if rng.random() < 0.35:
            try:
                steps.append(rng.choice(file_mutators)(target, rng))
            except Exception as exc:  # noqa: BLE001 - e.g. a zip an earlier step broke
                steps.append(f"mutator failed: {type(exc).__name__}")
        json_output = rng.random() < 0.8
        tail = ["--json"] if json_output else []
        if rng.random() < 0.15 and kind != "indicators":
            tail += ["--lang", "en"]
        if kind == "indicators":
            form = rng.randrange(3)
            if form == 0:
                argv = ["score", str(target)]
            elif form == 1:
                argv = ["score", "--indicators", str(target)]
            else:
                argv = ["score", str(project), "--indicators", str(target)]
            if rng.random() < 0.15:
                argv += ["--year", str(rng.choice((2024, 2023, 0, -1, 99999)))]
        elif kind.startswith("assets"):
            argv = ["assets", str(project), "--table", str(target)]
            if rng.random() < 0.3:
                argv += ["--kind", rng.choice(("state", "collective"))]
            if rng.random() < 0.3:
                argv += ["--by", rng.choice(("owner", "street"))]
            if rng.random() < 0.1:
                argv.append("--count")
        else:
            argv = ["match", str(project), "--projects", str(target)]
        args = [a for a in argv[1:] if not a.startswith(str(folder))] + tail
        argv += tail
    return Case(folder, target, kind, args, steps, argv, json_always=False,
                json_output=json_output)


def m_bitflip_file(path: Path, rng: random.Random) -> str:
    data = bytearray(path.read_bytes())
    _flip(data, rng, count=rng.randint(1, 30))
    path.write_bytes(bytes(data))
    return "bit flips"
