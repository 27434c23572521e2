"""Reading indicator tables: headers by meaning, units, title rows, bad cells with row/column."""

import math

import openpyxl
import pytest

from landplanner.analysis.indicators import read_indicator_table
from landplanner.problems import InputError


def write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_chinese_headers_with_units_in_full_width_brackets(tmp_path):
    path = write_csv(tmp_path / "t.csv",
                     "统一社会信用代码,企业名称,企业规模,用地面积（亩）,税收（万元）,应税销售（万元）,"
                     "工业增加值（万元）,综合能耗（吨标煤）,主要污染物排放量（吨）,年平均职工人数,"
                     "研发经费支出（万元）,主营业务收入（万元）,用电量（万千瓦时）,安全事故,环境违法,年度\n"
                     "91350100M000100Y43,甲公司,规上,12.5,300,5000,1200,400,2.5,150,80,4800,120,否,是,2023\n")
    df, _ = read_indicator_table(path)
    row = df.iloc[0]
    assert row["uscc"] == "91350100M000100Y43" and row["name"] == "甲公司"
    assert row["size"] == "above" and row["year"] == 2023
    expected = dict(land_mu=12.5, tax=300, sales=5000, value_added=1200, energy=400,
                    emissions=2.5, employees=150, rd=80, revenue=4800, electricity=120)
    for column, value in expected.items():
        assert row[column] == value, column
    assert not row["veto_safety"] and row["veto_env"]


@pytest.mark.parametrize("headers", [
    ("信用代码", "纳税人名称", "规上规下", "占地面积", "实缴税金", "销售收入"),
    ("USCC", "Enterprise name", "Size", "Land area (mu)", "Tax paid", "Taxable sales"),
    ("统一社会信用代码", "企业名称", "企业规模", "实际用地(亩)", "税收实际贡献(万元)", "营业收入(万元)"),
    ("社会信用代码", "单位名称", "企业规模", "用地面积", "入库税收", "应税销售收入"),
])
def test_header_variants_map_to_the_same_columns(tmp_path, headers):
    path = write_csv(tmp_path / "t.csv", ",".join(headers) + "\n"
                     "91350100M000100Y43,乙公司,规下,4,6.5,120\n")
    df, _ = read_indicator_table(path, year=2024)
    row = df.iloc[0]
    assert (row["uscc"], row["name"], row["size"]) == ("91350100M000100Y43", "乙公司", "below")
    assert (row["land_mu"], row["tax"], row["sales"]) == (4, 6.5, 120)
    assert row["year"] == 2024


def test_main_business_revenue_is_not_taken_for_sales(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,营业收入,主营业务收入,亩均税收\nA,100,90,3\n")
    df, _ = read_indicator_table(path, year=2023)
    assert df.loc[0, "sales"] == 100 and df.loc[0, "revenue"] == 90
    # a derived figure (亩均税收) is not mistaken for the raw tax
    assert math.isnan(df.loc[0, "tax"]) and df.loc[0, "亩均税收"] == "3"


def test_money_in_yuan_is_converted_to_wan_and_reported(tmp_path):
    path = write_csv(tmp_path / "t.csv",
                     "企业名称,税收(元),应税销售（元）,用地面积(亩)\nA,\"1,234,500\",20000000,3\n")
    df, problems = read_indicator_table(path, year=2023)
    assert df.loc[0, "tax"] == pytest.approx(123.45)     # 1 234 500 元 = 123.45 万元
    assert df.loc[0, "sales"] == pytest.approx(2000.0)
    converted = [p for p in problems if p.code == "ind_unit_converted"]
    assert len(converted) == 2 and "元" in converted[0].message_zh


def test_table_wide_unit_line_in_the_title(tmp_path):
    path = write_csv(tmp_path / "t.csv", "2023年亩均数据\n单位：元\n企业名称,税收\nA,50000\n")
    df, problems = read_indicator_table(path)
    assert df.loc[0, "tax"] == pytest.approx(5.0)
    assert df.loc[0, "year"] == 2023
    assert any(p.code == "ind_year_from" for p in problems)


def test_electricity_in_kwh_becomes_wan_kwh_and_land_in_m2_becomes_mu(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,用电量(千瓦时),用地面积(平方米),综合能耗(千克标煤)\n"
                     "A,250000,6666.67,1500\n")
    df, problems = read_indicator_table(path, year=2023)
    assert df.loc[0, "electricity"] == pytest.approx(25.0)      # 250 000 kWh = 25 万kWh
    assert df.loc[0, "land_mu"] == pytest.approx(6666.67 * 15 / 10000)
    assert df.loc[0, "energy"] == pytest.approx(1.5)
    assert sum(p.code == "ind_unit_converted" for p in problems) == 3


def test_electricity_without_unit_is_assumed_and_said(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,用电量\nA,12\n")
    df, problems = read_indicator_table(path, year=2023)
    assert df.loc[0, "electricity"] == 12
    assert any(p.code == "ind_unit_assumed" and p.severity == "warning" for p in problems)


def test_xlsx_header_below_title_rows_and_excel_row_numbers(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [
        ["2023年度工业企业亩均效益评价基础数据"],
        [None],
        ["统一社会信用代码", "企业名称", "用地面积(亩)", "税收(万元)"],
        ["91350100M000100Y43", "甲", 10, 100],
        [None, "乙", 5, "12,5x"],
    ])
    with pytest.raises(InputError) as err:
        read_indicator_table(path)
    problem = err.value.problem
    assert problem.code == "ind_not_number"
    assert "第 5 行" in problem.message_zh and "税收(万元)" in problem.message_zh
    assert "Row 5" in problem.message_en and "12,5x" in problem.message_en


def test_every_bad_cell_is_listed(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,税收,用地面积,安全事故\nA,abc,3,否\nB,1,?,也许\n")
    with pytest.raises(InputError) as err:
        read_indicator_table(path, year=2023)
    bad = [(p.code, p.feature) for p in err.value.problems if p.severity == "error"]
    assert ("ind_not_number", 2) in bad and ("ind_not_number", 3) in bad
    assert ("ind_not_flag", 3) in bad


def test_gbk_csv_is_read(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,税收(万元),用地面积(亩)\n南通某某机械有限公司,8,4\n",
                     encoding="gbk")
    df, problems = read_indicator_table(path, year=2023)
    assert df.loc[0, "name"] == "南通某某机械有限公司"
    assert any(p.code == "ind_encoding" for p in problems)


def test_empty_table_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,税收(万元)\n,\n")
    with pytest.raises(InputError) as err:
        read_indicator_table(path, year=2023)
    assert err.value.problem.code == "ind_empty"


def test_table_without_identifier_column_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "t.csv", "地址,税收(万元)\n某路1号,8\n")
    with pytest.raises(InputError) as err:
        read_indicator_table(path, year=2023)
    assert err.value.problem.code == "ind_no_header"
    assert "统一社会信用代码" in err.value.problem.message_zh


def test_unknown_unit_is_an_input_error_naming_the_column(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,税收(美元)\nA,8\n")
    with pytest.raises(InputError) as err:
        read_indicator_table(path, year=2023)
    assert err.value.problem.code == "ind_unit_unknown"
    assert "税收(美元)" in err.value.problem.message_en


def test_bad_size_value_names_row_and_column(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,企业规模,税收\nA,规上,1\nB,中型,2\n")
    with pytest.raises(InputError) as err:
        read_indicator_table(path, year=2023)
    assert err.value.problem.code == "ind_bad_size" and err.value.problem.feature == 3


def test_several_years_in_one_table_and_year_from_file_name(tmp_path):
    path = write_csv(tmp_path / "t.csv", "年度,企业名称,税收\n2022年,A,1\n2023,A,2\n")
    df, _ = read_indicator_table(path)
    assert sorted(df["year"].tolist()) == [2022, 2023]
    named = write_csv(tmp_path / "亩均数据2021.csv", "企业名称,税收\nA,1\n")
    df, _ = read_indicator_table(named)
    assert df["year"].tolist() == [2021]


def test_missing_file_and_wrong_format(tmp_path):
    with pytest.raises(InputError) as err:
        read_indicator_table(tmp_path / "none.csv")
    assert err.value.problem.code == "ind_file_missing"
    other = tmp_path / "t.dbf"
    other.write_bytes(b"x")
    with pytest.raises(InputError) as err:
        read_indicator_table(other)
    assert err.value.problem.code == "ind_bad_format"


def test_unrecognised_columns_are_kept_and_rows_without_identity_dropped(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,税收,高新技术企业\nA,1,是\n,2,否\n")
    df, problems = read_indicator_table(path, year=2023)
    assert df["高新技术企业"].tolist() == ["是"]
    assert any(p.code == "ind_no_id" and p.feature == 3 for p in problems)


def test_longer_size_labels_flags_as_counts_and_group_labels(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,企业规模,评价组别,安全事故,税收\n"
                     "A,规模以上工业企业,规上组,0,1\nB,规下企业,租赁企业,2次,1\n")
    df, _ = read_indicator_table(path, year=2023)
    assert df["size"].tolist() == ["above", "below"]
    assert df["group"].tolist() == ["above", "renting"]
    assert df["veto_safety"].tolist() == [False, True]


def test_two_columns_meaning_the_same_field_are_reported(tmp_path):
    path = write_csv(tmp_path / "t.csv", "企业名称,入库税收,税收(万元)\nA,1,2\n")
    df, problems = read_indicator_table(path, year=2023)
    assert df.loc[0, "tax"] == 1          # both exact: the first is used
    dup = [p for p in problems if p.code == "ind_duplicate_column"]
    assert len(dup) == 1 and "税收(万元)" in dup[0].message_zh and "入库税收" in dup[0].message_zh
