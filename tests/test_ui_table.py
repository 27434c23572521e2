"""Attribute table: map ↔ table selection, filters, edit + undo, copy as TSV, styles."""

import pytest

pytest.importorskip("PySide6")

from conftest import ui_parcel_rows  # noqa: E402

from landplanner.ui.table_model import ColumnFilter  # noqa: E402


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    return main_window


def selected_ids(window):
    table = window.table
    col = [c.key for c in table.model.columns].index("parcel_id")
    rows = sorted({i.row() for i in table.view.selectionModel().selectedRows()})
    return [table.proxy.index(r, col).data() for r in rows]


def test_map_selection_selects_table_rows(loaded):
    # The canvas reports a selection (click / box select) through its signal.
    loaded.map.selectionChanged.emit([2, 7])
    assert loaded.project_model.selection == [2, 7]
    assert selected_ids(loaded) == ["DK003", "DK008"]
    assert "2" in loaded.selected_label.text()


def test_table_selection_selects_on_map(loaded, qtbot):
    table = loaded.table
    table.view.selectRow(4)
    assert loaded.project_model.selection == [4]


def test_filters_match_independent_count(loaded):
    rows = ui_parcel_rows()
    # category = 低效用地 and park contains 港闸 and area > 20 mu (150 m squares = 33.75 mu)
    expected = [
        r["DKBH"] for r in rows
        if r["LB"] == "低效用地" and "港闸" in r["YQMC"]
        and (r["geometry"].area * 15 / 10000) > 20
    ]
    table = loaded.table
    table.set_filters([
        ColumnFilter("category", "=", "低效用地"),
        ColumnFilter("park", "contains", "港闸"),
        ColumnFilter("area_mu", ">", "20"),
    ])
    shown = [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())]
    assert sorted(shown) == sorted(expected) and expected
    table.clear_filters()
    assert table.proxy.rowCount() == len(rows)


def test_text_search_and_sort(loaded):
    table = loaded.table
    table.search.setText("DK01")
    assert table.proxy.rowCount() == 10  # DK010 … DK019
    table.search.clear()
    area_col = [c.key for c in table.model.columns].index("area_mu")
    table.view.sortByColumn(area_col, __import__("PySide6.QtCore").QtCore.Qt.SortOrder.DescendingOrder)
    first = float(table.proxy.index(0, area_col).data())
    assert first == pytest.approx(33.75)


def test_edit_and_undo_redo(loaded):
    table = loaded.table
    pm = loaded.project_model
    col = [c.key for c in table.model.columns].index("enterprise")
    index = table.proxy.index(0, col)
    position = table.proxy.positions([0])[0]
    before = pm.parcels["enterprise"].iloc[position]
    assert table.proxy.setData(index, "新企业有限公司")
    assert pm.parcels["enterprise"].iloc[position] == "新企业有限公司"
    assert index.data() == "新企业有限公司"
    assert pm.dirty
    loaded.actions["undo"].trigger()  # Ctrl+Z
    assert pm.parcels["enterprise"].iloc[position] == before
    assert loaded.actions["redo"].shortcuts()[0].toString() == "Ctrl+Y"
    loaded.actions["redo"].trigger()
    assert pm.parcels["enterprise"].iloc[position] == "新企业有限公司"
    # A number column refuses text and keeps the value.
    ratio = [c.key for c in table.model.columns].index("plot_ratio")
    assert not table.proxy.setData(table.proxy.index(0, ratio), "abc")


def test_copy_rows_as_tsv(loaded):
    loaded.map.selectionChanged.emit([0])
    text = loaded.table.selection_as_tsv()
    header, row = text.strip("\n").split("\n")
    assert header.split("\t")[0] == "地块编号"
    cells = row.split("\t")
    assert cells[0] == "DK001"
    assert "33.75" in cells


def test_change_style_through_menu(loaded):
    loaded.actions["style_class"].trigger()
    assert loaded.current_style() == "class"
    assert loaded.layers.style_combo.currentData() == "class"
    loaded.layers.style_combo.setCurrentIndex(loaded.layers.style_combo.findData("status"))
    assert loaded.actions["style_status"].isChecked()


def test_category_editor_is_a_drop_down_of_the_four_labels(loaded, qtbot):
    from PySide6.QtWidgets import QComboBox

    from landplanner import vocabulary

    table = loaded.table
    pm = loaded.project_model
    col = [c.key for c in table.model.columns].index("category")
    assert table.model.columns[col].header == vocabulary.label("field", "category") == "类别"
    index = table.proxy.index(0, col)
    position = table.proxy.positions([0])[0]
    before = pm.parcels["category"].iloc[position]
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    combo = table.view.findChild(QComboBox, "categoryEditor")
    assert combo is not None
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["闲置土地", "低效用地", "征而未供/批而未供", "其他"]
    assert combo.currentText() == vocabulary.label("category", before)
    table.view.viewport().grab()  # paint once with the editor open
    table.view.grab().save("/tmp/category_editor.png")
    target = 2 if before != "unsupplied" else 3
    combo.setCurrentIndex(target)
    combo.activated.emit(target)  # the user picks a label
    new_code = vocabulary.codes("category")[target]
    assert pm.parcels["category"].iloc[position] == new_code  # the code is stored, not the label
    assert index.data() == vocabulary.label("category", new_code)
    loaded.actions["undo"].trigger()
    assert pm.parcels["category"].iloc[position] == before
    # typing a label (or a code) works too; free text that names no category is refused
    assert table.proxy.setData(index, "其他") and pm.parcels["category"].iloc[position] == "other"
    assert not table.proxy.setData(index, "low_efficiencyX")
