"""One regression test per failure class the table and project fuzzer found
(tools/fuzz_tables.py), each built here in ``tmp_path``.

A damaged table or project is read right or refused with a message that names the row and
column (or the table); none is an internal error, a traceback or a hang.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from fuzz_harness import run_cli, strict_json
from table_cases import (
    PROJECT,
    _collective_rows,
    _indicator_rows,
    _state_rows,
    build_seeds,
    write_xlsx,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return build_seeds(tmp_path_factory.mktemp("seeds"))["project"] / PROJECT


def _run(*argv: str) -> dict:
    result = run_cli([str(a) for a in argv])
    text = result["stdout"] + result["stderr"]
    assert result["escaped"] is None, result["stderr"]
    assert "内部错误" not in text and "internal error" not in text.lower(), text[-2000:]
    assert "Traceback" not in result["stderr"], result["stderr"]
    assert result["status"] in (0, 2)
    return result


@pytest.mark.parametrize("rows, status", [(_state_rows, 12), (_collective_rows, 7)])
@pytest.mark.parametrize("value", [None, "🏭企业", "=HYPERLINK(\"x\")", "  "])
def test_asset_status_that_is_empty_or_no_word_is_not_an_internal_error(
        project, tmp_path, rows, status, value):
    # pd.NA reached a truth test in the status lookup (TypeError: boolean value of NA …)
    table = rows()
    table[4][status] = value
    path = write_xlsx(table, tmp_path / "资产.xlsx") and tmp_path / "资产.xlsx"
    result = _run("assets", project, "--table", path, "--json")
    if result["status"] == 0:
        strict_json(result["stdout"])
    else:
        assert "第 5 行" in result["stderr"]


def _with_huge_dimension(path: Path) -> None:
    """Claim A1:XFD1048576 and put one cell in the last row and column of the sheet."""
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members:
            if name.startswith("xl/worksheets/"):
                blob = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', blob)
                blob = blob.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v>'
                                                     b"</c></row></sheetData>")
            zf.writestr(name, blob)


def test_workbook_claiming_a_million_rows_and_columns_is_read_quickly(tmp_path):
    # The read-only reader padded every row to the stated 16,384 columns: a million-row
    # gap became 17 billion cells (a hang). Rows are now as wide as their own cells.
    import time

    from landplanner.analysis.indicator_table import read_indicator_table

    path = tmp_path / "指标2024.xlsx"
    write_xlsx(_indicator_rows(), path)
    _with_huge_dimension(path)
    started = time.process_time()
    table, _ = read_indicator_table(path)
    assert time.process_time() - started < 8.0
    assert len(table) == 12


@pytest.mark.parametrize("value", ["9999-12-31", "0031-01-01"])
@pytest.mark.parametrize("as_date", [True, False])
def test_asset_lease_date_beyond_pandas_range_is_handled_naming_row_and_column(
        project, tmp_path, value, as_date):
    # 9999-12-31 (an Excel date cell or text) parsed in µs and failed the ns conversion:
    # OutOfBoundsDatetime, an internal error. Year 31 is "not a date", with row and column;
    # 9999-12-31 in 租期止 is a lease without an end (a note naming the column and the asset).
    import datetime as dt

    table = _state_rows()
    table[3][17] = dt.datetime.fromisoformat(value) if as_date else value
    path = tmp_path / "国有资产.xlsx"
    write_xlsx(table, path)
    result = _run("assets", project, "--table", path, "--json")
    if value.startswith("9999"):
        assert result["status"] == 0, result["stderr"]
        assert "租期止" in result["stderr"] and "长期" in result["stderr"]
    else:
        assert result["status"] == 2
        assert "第 4 行" in result["stderr"] and "租期止" in result["stderr"]


@pytest.mark.parametrize("value", ["inf", "1e400", "-1e400", 1e300, "Infinity"])
@pytest.mark.parametrize("kind, col, header", [("state", 8, "建筑面积"), ("incoming", 2, "用地需求下限"),
                                               ("incoming", 5, "预期亩均税收")])
def test_infinite_or_absurd_numbers_in_asset_and_project_tables_are_refused(
        project, tmp_path, value, kind, col, header):
    # inf / 1e400 were read as numbers: an infinite floor area or land need, summed or
    # matched without a word. Each is refused naming the row, the subject and the column.
    from table_cases import _incoming_rows

    table = _state_rows() if kind == "state" else _incoming_rows()
    table[3][col] = value
    path = tmp_path / f"{kind}.xlsx"
    write_xlsx(table, path)
    if kind == "state":
        result = _run("assets", project, "--table", path, "--json")
    else:
        result = _run("match", project, "--projects", path, "--json")
    assert result["status"] == 2 and result["stdout"] == ""
    assert "第 4 行" in result["stderr"] and header in result["stderr"]


@pytest.mark.parametrize("value", [-5, "-12.5"])
def test_negative_land_need_is_refused(project, tmp_path, value):
    from table_cases import _incoming_rows

    table = _incoming_rows()
    table[4][3] = value
    table[4][2] = -20
    path = tmp_path / "项目.xlsx"
    write_xlsx(table, path)
    result = _run("match", project, "--projects", path, "--json")
    assert result["status"] == 2 and "第 5 行" in result["stderr"] and "负数" in result["stderr"]


def test_an_internal_error_is_one_line_for_the_user_and_details_in_the_log(
        project, monkeypatch, tmp_path):
    # The guard printed "内部错误…" but kept no details anywhere: now the traceback is logged
    # (the CLI's log file), never printed.
    import logging

    from landplanner.analysis import matching

    def broken(*_a, **_k):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(matching, "read_projects", broken)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("landplanner.cli")
    logger.addHandler(handler)
    try:
        table = tmp_path / "项目.csv"
        table.write_text("项目名称,用地需求(亩)\n甲,5\n", encoding="utf-8")
        result = run_cli(["match", str(project), "--projects", str(table)])
    finally:
        logger.removeHandler(handler)
    assert result["status"] == 2 and "Traceback" not in result["stderr"]
    assert result["stderr"].strip().count("\n") == 0 and "ZeroDivisionError: boom" in result["stderr"]
    assert records and records[-1].exc_info and records[-1].exc_info[0] is ZeroDivisionError


@pytest.mark.parametrize("command", ["score", "assets"])
def test_csv_cell_over_the_field_limit_is_refused_with_a_message(project, tmp_path, command):
    # csv.Error "field larger than field limit (131072)" (a stray quote swallowing the rest
    # of a file) was an internal error.
    rows = _indicator_rows() if command == "score" else _state_rows()
    rows[4][1] = "甲" + "x" * 200_000
    path = tmp_path / "表.csv"
    path.write_text("\n".join(",".join("" if c is None else str(c) for c in r) for r in rows)
                    .replace("甲", '"甲', 1), encoding="utf-8")
    argv = ["score", path] if command == "score" else ["assets", project, "--table", path]
    result = _run(*argv)
    assert result["status"] == 2 and "128 KB" in result["stderr"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig",
                                      "gbk"])
def test_unicode_text_tables_are_read(tmp_path, encoding):
    # Excel's "Unicode text" is UTF-16 with a BOM, tab separated; it was refused as
    # "not UTF-8 or GBK" (decoded as GB18030, no header found).
    from landplanner.analysis.indicator_table import read_indicator_table

    rows = _indicator_rows()[1:]
    text = "\r\n".join("\t".join("" if c is None else str(c) for c in r) for r in rows)
    path = tmp_path / "指标2024.txt"
    path.write_bytes(text.encode(encoding))
    table, _ = read_indicator_table(path)
    assert len(table) == 12 and table["name"].iat[0] == rows[1][1]
    assert table["land_mu"].iat[1] == pytest.approx(14.5)


_BAD_SETTINGS = [
    ("quotas", '{"district_mu": 100.0, "parks": {"a": 1}}'),
    ("quotas", '{"district_mu": "x", "parks": [5, {"name": null}, {"name": "甲", "target_mu": []}]}'),
    ("quotas", '"DK001"'),
    ("scoreboard", "NaN"),
    ("scoring", '"DK001"'),
    ("matching", "[1, 2]"),
    ("assets", "-1"),
    ("screening", "true"),
    ("year", '"x"'),
    ("year", "1e308"),
    ("district_name", "{}"),
    ("scoreboard", '{"weights": [null], "unit_targets": {"甲": 1}}'),
    ("scoreboard", '{"weights": {"pace": 20}, "unit_targets": {"崇川经济开发区管委会": "x"}}'),
    ("scoreboard", '{"unit_targets": [1, 2]}'),
    ("matching", '{"weights": "x"}'),
    ("assets", '{"targets": [0.5]}'),
]


@pytest.mark.parametrize("key, text", _BAD_SETTINGS)
@pytest.mark.parametrize("command", ["match", "ranking", "quota", "score", "assets"])
def test_project_settings_of_the_wrong_shape_are_dropped_not_crashed_on(
        project, tmp_path, key, text, command):
    # "quotas.parks" a dict, "scoreboard" NaN …: AttributeError in match and ranking. Values
    # of the wrong shape are now dropped on open (defaults apply) and reported.
    import shutil

    from fuzz_cases import gpkg_connect
    from table_cases import _set_json

    from landplanner.store import open_project

    path = tmp_path / PROJECT
    shutil.copy(project, path)
    con = gpkg_connect(path)
    try:
        _set_json(con, "lp_settings", "key", key, "value", text)
        con.commit()
    finally:
        con.close()
    result = _run(command, path, "--json")
    assert result["status"] == 0, result["stderr"]
    strict_json(result["stdout"])
    opened = open_project(path)
    assert any(p.code == "settings.dropped" for p in opened.problems)


def test_a_lone_surrogate_from_a_damaged_project_is_logged_not_a_logging_traceback(
        project, tmp_path):
    # The warning about a dropped setting held "\ud800": the UTF-8 log file could not encode
    # it and logging printed "--- Logging error ---" with a traceback on stderr.
    import shutil

    from fuzz_cases import gpkg_connect
    from table_cases import _set_json

    path = tmp_path / PROJECT
    shutil.copy(project, path)
    con = gpkg_connect(path)
    try:
        _set_json(con, "lp_settings", "key", "assets", "value", '"\\ud800"')
        con.commit()
    finally:
        con.close()
    result = _run("quota", path, "--json")
    assert result["status"] == 0 and "Logging error" not in result["stderr"]


def test_score_json_is_strict_when_a_benchmark_is_infinite(tmp_path):
    # A head count of 5e-324 in every row made a per-employee benchmark infinite and
    # `score --json` printed Infinity. Every --json goes through cli.json_out now.
    rows = _indicator_rows()
    for row in rows[2:]:
        row[9] = 5e-324
    path = tmp_path / "指标2024.xlsx"
    write_xlsx(rows, path)
    result = _run("score", "--indicators", path, "--json")
    assert result["status"] == 0
    strict_json(result["stdout"])


def test_json_out_replaces_every_non_finite_number():
    import numpy as np

    from landplanner.cli.json_out import dumps

    text = dumps({"a": float("inf"), "b": [np.float64("nan"), np.int64(3), (1.5, -float("inf"))],
                  "c": {"d": np.float32("inf")}})
    assert strict_json(text) == {"a": None, "b": [None, 3, [1.5, None]], "c": {"d": None}}


@pytest.mark.parametrize("command", ["ranking", "score", "quota", "match"])
def test_project_text_that_is_not_utf8_is_a_damaged_file(project, tmp_path, command):
    # Bytes that are not UTF-8 in a text column opened fine and failed later in pyarrow
    # ("ArrowException: Wrapping … failed", an internal error). The open refuses the file
    # as damaged, naming the table and column.
    import shutil

    from fuzz_cases import gpkg_connect

    path = tmp_path / PROJECT
    shutil.copy(project, path)
    con = gpkg_connect(path)
    try:
        con.execute("UPDATE parcels SET park = ? WHERE fid = 1", (b"\xb3\xff",))
        con.commit()
    finally:
        con.close()
    result = _run(command, path, "--json")
    assert result["status"] == 2 and "已损坏" in result["stderr"] and "parcels.park" in result["stderr"]
