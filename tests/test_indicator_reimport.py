"""Indicator re-import (issue 8 §1): a year imported again replaces that year after the user
saw what changes (firms new / changed / gone), never appends duplicates; year lists follow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from landplanner.analysis.indicators import read_indicator_table
from landplanner.services.indicators import add_indicators, import_indicators

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels"


@pytest.fixture(scope="module")
def tables():
    t24, _ = read_indicator_table(SAMPLE / "indicators_2024.xlsx", year=2024)
    t25, _ = read_indicator_table(SAMPLE / "indicators_2025.xlsx", year=2025)
    return t24, t25


def test_same_year_twice_keeps_the_row_count(tables):
    t24, t25 = tables
    project, _ = add_indicators(None, t24)
    project, first = add_indicators(project, t25)
    assert not first.replaces and first.kept_years == [2024]
    rows = len(project)
    assert rows == len(t24) + len(t25)
    again, change = add_indicators(project, t25)
    assert len(again) == rows                                  # replaced, not appended
    (year,) = change.years
    assert year.replaced and year.year == 2025
    assert (len(year.new), len(year.changed), len(year.gone)) == (0, 0, 0)
    assert year.same == t25["uscc"].nunique()
    assert change.kept_years == [2024]
    assert "2025 年将被新表替换：新增 0 家、变化 0 家、移除 0 家" in change.text("zh")
    assert "0 enterprises new, 0 changed, 0 gone" in change.text("en")


def test_change_names_new_changed_and_gone_firms(tables):
    t24, t25 = tables
    project, _ = add_indicators(t24, t25)
    corrected = t25.copy()
    gone_name = corrected.loc[0, "name"]
    changed_name = corrected.loc[1, "name"]
    corrected.loc[1, "tax"] = corrected.loc[1, "tax"] + 10
    corrected = corrected.drop(index=0)
    extra = corrected.iloc[[0]].copy()
    extra["uscc"] = "91320611MA1XXXXX00"
    extra["name"] = "新来企业有限公司"
    corrected = __import__("pandas").concat([corrected, extra], ignore_index=True)
    merged, change = add_indicators(project, corrected)
    (year,) = change.years
    assert year.gone == [gone_name] and year.changed == [changed_name]
    assert year.new == ["新来企业有限公司"]
    assert len(merged) == len(t24) + len(corrected)
    text = change.text("zh")
    assert "新增 1 家、变化 1 家、移除 1 家" in text and gone_name in text and "新来企业有限公司" in text


def test_import_honours_cancel(tables):
    from landplanner.problems import InputError

    with pytest.raises(InputError) as caught:
        import_indicators(SAMPLE / "indicators_2025.xlsx", tables[0], progress=lambda *_: False)
    assert caught.value.problem.code == "cancelled"


def test_reimport_in_the_app_asks_replaces_and_years_follow(main_window, open_in_window, qtbot,
                                                            tmp_path, monkeypatch):
    from landplanner.ui.workers import running_tasks

    project_file = tmp_path / "sample_project.gpkg"
    shutil.copy(SAMPLE / "sample_project.gpkg", project_file)
    open_in_window(main_window, project_file)
    pm = main_window.project_model
    qtbot.waitUntil(lambda: pm.scores is not None and running_tasks() == 0, timeout=60000)
    rows = len(pm.project.indicators)
    asked = []

    def confirm(change):
        asked.append(change)
        return True

    monkeypatch.setattr(main_window, "confirm_indicator_change", confirm)
    for _ in range(2):
        main_window.import_indicators(SAMPLE / "indicators_2025.xlsx")
        qtbot.waitUntil(lambda: running_tasks() == 0, timeout=60000)
        assert len(pm.project.indicators) == rows              # 3,312, never 4,968
    assert len(asked) == 2 and asked[0].replaces
    assert asked[0].years[0].same == asked[0].years[0].rows_after

    # refused: nothing changes
    monkeypatch.setattr(main_window, "confirm_indicator_change", lambda change: False)
    before = pm.project.indicators
    main_window.import_indicators(SAMPLE / "indicators_2025.xlsx")
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=60000)
    assert pm.project.indicators is before

    # a 2026 table: a new year, no question; the Year box offers it and scores it
    t26, _ = read_indicator_table(SAMPLE / "indicators_2025.xlsx", year=2025)
    t26["年度"] = 2026
    path26 = tmp_path / "indicators_2026.csv"
    columns = {"uscc": "统一社会信用代码", "name": "企业名称", "size": "企业规模", "tax": "税收(万元)",
               "sales": "应税销售(万元)", "energy": "综合能耗(吨标煤)", "employees": "年平均职工人数",
               "rd": "研发经费支出(万元)", "revenue": "主营业务收入(万元)"}
    out = t26[list(columns)].rename(columns=columns)
    out["企业规模"] = out["企业规模"].map({"above": "规上", "below": "规下"})
    out["年度"] = 2026
    out.to_csv(path26, index=False)
    asked.clear()
    monkeypatch.setattr(main_window, "confirm_indicator_change", confirm)
    main_window.import_indicators(path26)
    qtbot.waitUntil(lambda: running_tasks() == 0 and pm.score_result is not None
                    and pm.score_result.year == 2026, timeout=60000)
    assert not asked
    year_box = main_window.scoring.year
    assert [year_box.itemData(i) for i in range(year_box.count())] == [2026, 2025, 2024]
    assert year_box.currentData() == 2026
    assert len(pm.project.indicators) == rows + len(out)


def test_a_table_without_a_year_replaces_the_rows_without_a_year(tables):
    _, t25 = tables
    undated = t25.head(50).assign(year=__import__("pandas").NA).astype({"year": "Int64"})
    project, _ = add_indicators(t25, undated)
    again, change = add_indicators(project, undated)
    assert len(again) == len(project) == len(t25) + 50
    (year,) = change.years
    assert year.year is None and year.replaced and year.same == 50
    assert "未注明年度的指标将被新表替换" in change.text("zh")
