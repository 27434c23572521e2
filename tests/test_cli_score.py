"""``landplanner score``: JSON shape, exit codes, messages naming row and column."""

import argparse
import json
import tomllib

import pytest

from landplanner.cli import score_command

HEADER = ("统一社会信用代码,企业名称,企业规模,用地面积(亩),税收(万元),应税销售(万元),"
          "综合能耗(吨标煤),年平均职工人数,研发经费支出(万元),主营业务收入(万元),安全事故,年度,"
          "用电量(千瓦时)\n")


def run(*argv):
    parser = argparse.ArgumentParser(prog="landplanner")
    score_command.add_parser(parser.add_subparsers(dest="command"))
    return score_command.run(parser.parse_args(["score", *argv]))


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "指标.csv"
    path.write_text(HEADER +
                    "91350100M000100Y43,甲,规上,10,100,2000,50,100,20,1800,否,2023,100000\n"
                    ",乙,规上,20,100,3000,80,150,0,2800,否,2023,100000\n"
                    ",丙,规上,5,10,200,10,20,1,190,是,2023,100000\n"
                    ",丁,规下,4,5,100,5,10,0,90,否,2023,100000\n"
                    ",戊,规下,2,5,100,5,10,0,90,否,2023,100000\n", encoding="utf-8")
    return path


def test_json_shape_and_values(table, capsys):
    assert run(str(table), "--preset", "huaian-2024", "--json") == 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"config", "year", "classes", "out_of_scope", "basis", "enterprises"}
    records = answer["enterprises"]
    assert [r["name"] for r in records] == ["甲", "乙", "丙", "丁"]   # 戊: 规下 with 2 mu, out of scope
    first = records[0]
    assert set(first) == {"uscc", "name", "group", "land_mu", "indicators", "benchmarks", "points",
                          "score", "rank", "class", "reason"}
    assert first["uscc"] == "91350100M000100Y43" and first["land_mu"] == 10.0
    assert set(first["indicators"]) == {"tax_per_mu", "sales_per_mu", "tax_per_energy"}
    # benchmarks are the group medians: tax per mu of 10, 5, 2 → 5; sales 200, 150, 40 → 150;
    # tax per energy 2, 1.25, 1 → 1.25
    assert first["indicators"]["tax_per_mu"] == 10.0
    assert first["points"] == {"tax_per_mu": 90.0, "sales_per_mu": round(200 / 150 * 35, 2),
                               "tax_per_energy": 32.0}
    assert first["score"] == round(90 + round(200 / 150 * 35, 2) + 32, 2)
    # 丙 is vetoed (safety accident): class D with its reason, no rank, after the ranked firms
    assert [r["rank"] for r in records] == [1, 2, None, 1]
    by_name = {r["name"]: r for r in records}
    assert by_name["丙"]["class"] == "D" and "安全事故" in by_name["丙"]["reason"]
    assert first["benchmarks"] == {"tax_per_mu": 5.0, "sales_per_mu": 150.0, "tax_per_energy": 1.25}
    basis = {(b["group"], b["indicator"]): b for b in answer["basis"]}
    assert basis["above", "tax_per_mu"]["rule"] == "median"
    assert basis["above", "tax_per_mu"]["text"] == "亩均税收 基准 5 万元/亩 = 2023 年规上组中位数"


def test_table_output_and_explain(table, capsys):
    assert run(str(table)) == 0
    out = capsys.readouterr()
    assert "甲" in out.out and "崇川" in out.err
    assert run("--indicators", str(table), "--explain", "乙") == 0
    assert "乙" in capsys.readouterr().out


def test_non_number_names_row_and_column(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("企业名称,用地面积(亩),税收(万元)\n甲,10,100\n乙,5,一百\n", encoding="utf-8")
    assert run(str(path), "--year", "2023") == 2
    err = capsys.readouterr().err
    assert "第 3 行" in err and "税收(万元)" in err and "一百" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content, needle", [
    ("企业名称,税收(万元)\n", "没有数据行"),                           # empty table
    ("地址,备注\n某路,无\n", "统一社会信用代码"),                       # no usable column
    ("企业名称,税收(万元),用地面积\n甲,1,3\n", "综合能耗"),              # columns the preset needs
    ("企业名称,税收(万元),用地面积\n甲,1,3\n", "应税销售"),
])
def test_bad_tables_exit_2_with_a_message(tmp_path, capsys, content, needle):
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    assert run(str(path), "--year", "2023") == 2
    assert needle in capsys.readouterr().err


def test_unknown_preset_and_missing_file_exit_2(table, tmp_path, capsys):
    assert run(str(table), "--preset", "nowhere") == 2
    assert "huangyan-2022-above" in capsys.readouterr().err
    assert run(str(tmp_path / "none.csv")) == 2
    assert run() == 2


def test_export_config_and_reuse_it(table, tmp_path, capsys):
    out = tmp_path / "rules.toml"
    assert run("--preset", "huangyan-2022-below", "--export-config", str(out)) == 0
    assert tomllib.loads(out.read_text("utf-8"))["name"] == "huangyan-2022-below"
    assert run("--preset", "wujin", "--export-config", str(out)) == 2     # never overwritten
    assert "huangyan-2022-below" in out.read_text("utf-8")
    capsys.readouterr()
    assert run(str(table), "--config", str(out), "--json") == 0
    records = json.loads(capsys.readouterr().out)["enterprises"]
    assert [r["name"] for r in records] == ["丁"]        # the 规下 preset: 丁 holds ≥ 3 mu
    assert set(records[0]["points"]) == {"tax_per_mu", "tax_per_electricity"}


def test_export_config_refuses_to_overwrite_the_input(table, capsys):
    assert run(str(table), "--export-config", str(table)) == 2
    assert table.read_text("utf-8").startswith("统一社会信用代码")


def test_parcel_file_gives_the_land(tmp_path, capsys):
    """With a parcel file, land_mu is the sum of the enterprise's parcels (1 mu = 10000/15 m²)."""
    import importlib.util

    import geopandas as gpd
    from shapely.geometry import box

    parcels = gpd.GeoDataFrame(
        {"地块编号": ["D1", "D2", "D3"],
         "企业名称": ["甲", "甲", "乙"],
         "统一社会信用代码": ["91350100M000100Y43", "91350100M000100Y43", None]},
        # 100 m × 100 m and 50 m × 40 m squares in CGCS2000 GK CM 120°E (planar m²)
        geometry=[box(500000, 3545000, 500100, 3545100), box(500200, 3545000, 500250, 3545040),
                  box(500400, 3545000, 500460, 3545050)],
        crs="EPSG:4549")
    path = tmp_path / "parcels.gpkg"
    parcels.to_file(path, layer="parcels")
    table = tmp_path / "t.csv"
    table.write_text("统一社会信用代码,企业名称,企业规模,税收(万元),应税销售(万元),综合能耗(吨标煤),"
                     "研发经费支出(万元),主营业务收入(万元),年平均职工人数,用地面积(亩),年度\n"
                     "91350100M000100Y43,甲,规上,100,2000,50,20,1800,100,99,2023\n"
                     ",乙,规上,10,300,20,1,190,20,88,2023\n", encoding="utf-8")
    status = run(str(path), "--indicators", str(table), "--json")
    captured = capsys.readouterr()
    if importlib.util.find_spec("landplanner.project") is None:
        assert status == 2 and "landplanner.project" in captured.err     # clear, no traceback
        return
    assert status == 0, captured.err
    land = {r["name"]: r["land_mu"] for r in json.loads(captured.out)["enterprises"]}
    assert land["甲"] == pytest.approx((10000 + 2000) * 15 / 10000, abs=0.01)   # 18.00 mu
    assert land["乙"] == pytest.approx(3000 * 15 / 10000, abs=0.01)             # 4.50 mu, by name


def test_previous_year_in_the_table_sets_the_benchmarks(tmp_path, capsys):
    # 2022: 亩均税收 5, 亩均销售 100, 单位能耗税收 1 → 2023 benchmarks 2× = 10, 200, 2
    path = tmp_path / "two_years.csv"
    path.write_text("年度,企业名称,企业规模,用地面积(亩),税收(万元),应税销售(万元),综合能耗(吨标煤)\n"
                    "2022,甲,规上,10,50,1000,50\n"
                    "2023,甲,规上,10,100,2000,50\n"
                    "2023,乙,规上,10,50,1000,50\n", encoding="utf-8")
    assert run(str(path), "--preset", "huaian-2024", "--year", "2023", "--json") == 0
    captured = capsys.readouterr()
    answer = json.loads(captured.out)
    scores = {r["name"]: r["score"] for r in answer["enterprises"]}
    assert scores == {"甲": 100.0, "乙": 50.0}
    assert answer["basis"][0]["text"] == "亩均税收 基准 10 万元/亩 = 2022 年规上组均值 × 2"


def test_lang_en_speaks_english_and_zh_chinese(table, capsys):
    """``score`` takes ``--lang`` like every other command: the summary and the table's
    headers follow it."""
    from landplanner import messages

    try:
        assert run(str(table), "--lang", "en") == 0
        out = capsys.readouterr()
        assert "enterprises scored for 2023" in out.err and "评价" not in out.err
        assert run(str(table), "--lang", "zh") == 0
        out = capsys.readouterr()
        assert "年评价" in out.err and "enterprises scored" not in out.err
    finally:
        messages.set_language("zh")
