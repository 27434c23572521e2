"""Indicator tables that must be refused or warned about, naming the firm and the column
(issue 9 §2): negative/zero land, an all-zero table, 1e400, broken sheet XML, an encrypted
workbook, other spreadsheet formats, duplicate codes in a table without a year."""

from __future__ import annotations

import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from landplanner.analysis.indicators import build_enterprises, read_indicator_table
from landplanner.problems import InputError

HEADER = "统一社会信用代码,企业名称,企业规模,用地面积（亩）,税收（万元）,应税销售（万元）,年度\n"
GOOD = "91350100M000100Y43,甲公司,规上,12.5,300,5000,2023\n"


def _csv(tmp_path, *rows: str):
    path = tmp_path / "指标.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _refused(path) -> InputError:
    with pytest.raises(InputError) as info:
        read_indicator_table(path)
    return info.value


def test_negative_land_is_refused_naming_firm_and_column(tmp_path):
    err = _refused(_csv(tmp_path, GOOD, "91350100M000200Y25,乙公司,规上,-3,20,500,2023\n"))
    assert err.problem.code == "ind_land_negative" and err.problem.feature == 3
    assert "乙公司" in err.problem.message_zh and "用地面积（亩）" in err.problem.message_zh


def test_zero_land_is_a_warning_and_not_a_land_area(tmp_path):
    df, problems = read_indicator_table(
        _csv(tmp_path, GOOD, "91350100M000200Y25,乙公司,规上,0,20,500,2023\n"))
    (zero,) = [p for p in problems if p.code == "ind_land_zero"]
    assert "乙公司" in zero.message_zh and "用地面积（亩）" in zero.message_zh
    assert np.isnan(df.loc[df["name"] == "乙公司", "land_mu"].iloc[0])


def test_all_zero_table_is_refused(tmp_path):
    rows = [f"91350100M000{i:03d}00X,企业{i},规上,0,0,0,2023\n" for i in range(50)]
    err = _refused(_csv(tmp_path, *rows))
    assert err.problem.code == "ind_all_zero" and "税收（万元）" in err.problem.message_zh


@pytest.mark.parametrize("value", ["1e400", "-1e400", "inf", "1e300"])
def test_infinite_or_absurd_values_are_refused(tmp_path, value):
    err = _refused(_csv(tmp_path, GOOD, f"91350100M000200Y25,乙公司,规上,3,{value},500,2023\n"))
    assert err.problem.code == "ind_bad_number"
    assert "乙公司" in err.problem.message_zh and "税收（万元）" in err.problem.message_zh


def test_malformed_sheet_xml_is_refused(tmp_path):
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    for row in (["统一社会信用代码", "企业名称", "税收（万元）"], ["91350100M000100Y43", "甲", 1]):
        book.active.append(row)
    book.save(good)
    bad = tmp_path / "指标.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            dst.writestr(info, data)
    err = _refused(bad)
    assert err.problem.code == "ind_unreadable" and "指标.xlsx" in err.problem.message_zh


def test_encrypted_workbook_is_refused_as_encrypted(tmp_path):
    # An Excel workbook with an open password is an OLE2 file with an EncryptionInfo stream.
    path = tmp_path / "指标.xlsx"
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    path.write_bytes(head + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 3000)
    err = _refused(path)
    assert err.problem.code == "ind_encrypted" and "密码" in err.problem.message_zh
    legacy = tmp_path / "旧.xlsx"
    legacy.write_bytes(head + b"\x00" * 3000)
    assert _refused(legacy).problem.code == "ind_convert_format"


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".et"])
def test_other_spreadsheet_formats_are_refused_with_what_to_do(tmp_path, suffix):
    path = tmp_path / f"指标{suffix}"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    err = _refused(path)
    assert err.problem.code == "ind_convert_format" and ".xlsx" in err.problem.message_zh


def test_score_cli_sends_an_ods_file_to_the_table_reader(tmp_path, capsys):
    from landplanner.cli import main

    path = tmp_path / "指标.ods"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert "另存为 .xlsx" in err and "内部错误" not in err


def test_duplicate_codes_without_a_year_column_say_no_na_year(tmp_path):
    path = tmp_path / "指标.csv"
    path.write_text("统一社会信用代码,企业名称,税收（万元）\n"
                    "91350100M000100Y43,甲公司,3\n91350100M000100Y43,甲公司,4\n", encoding="utf-8")
    table, _ = read_indicator_table(path)
    _, problems = build_enterprises(None, table)
    dup = [p for p in problems if p.code.startswith("ind_duplicate")]
    assert dup and all("<NA>" not in p.message_zh and "nan" not in p.message_zh for p in dup)
    assert "91350100M000100Y43" in dup[0].message_zh
    assert isinstance(table, pd.DataFrame)
