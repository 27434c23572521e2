"""Issue 10 §3 and §5 (table): the file's own columns, the column chooser, the cell menu."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

pytest.importorskip("PySide6")

from landplanner.fields import user_columns  # noqa: E402


@pytest.fixture
def own_fields_file(tmp_path):
    rows = []
    for i in range(6):
        x = 490000 + i * 300
        rows.append({"DKBH": f"A{i + 1}", "LB": ["闲置", "低效", "其他"][i % 3],
                     "XZ": ["天长市", "来安县"][i % 2], "JD": f"{i + 1}号街道", "HY": "纺织",
                     "geometry": shapely.box(x, 3545000, x + 100, 3545100)})
    path = tmp_path / "own.shp"
    gpd.GeoDataFrame(rows, crs=4549).to_file(path, encoding="utf-8")
    return path


def test_core_names_the_users_columns():
    frame = gpd.GeoDataFrame({"parcel_id": ["a"], "area_mu": [1.0], "XZ": ["x"], "score": [1.0],
                              "_tmp": [1]}, geometry=[shapely.box(0, 0, 1, 1)])
    assert user_columns(frame) == ["XZ"]


def test_own_columns_hidden_then_shown_from_the_header_menu(main_window, own_fields_file,
                                                            open_in_window, tmp_path, qtbot):
    open_in_window(main_window, own_fields_file)
    table = main_window.table
    keys = [c.key for c in table.model.columns if c.user]
    assert keys == ["XZ", "JD", "HY"]
    assert not table.is_column_shown("XZ") and table.is_column_shown("parcel_id")
    menu = table.header_menu()
    toggles = {a.data(): a for a in menu.actions() if a.isCheckable()}
    assert not toggles["XZ"].isChecked() and toggles["parcel_id"].isChecked()
    toggles["XZ"].trigger()
    assert table.is_column_shown("XZ")
    toggles["land_use"].trigger()  # a fixed column can be hidden too
    assert not table.is_column_shown("land_use")
    menu.popup(table.view.mapToGlobal(table.view.rect().topLeft()))
    menu.grab().save("/tmp/bureau_table_header_menu.png")
    menu.close()
    # The choice survives a reload (e.g. after scoring or a plan edit).
    table.model.reload()
    assert table.is_column_shown("XZ") and not table.is_column_shown("land_use")
    # Details show the file's fields under their own names.
    main_window.project_model.set_selection([1])
    details = main_window.details.table
    pairs = {details.item(r, 0).text(): details.item(r, 1).text()
             for r in range(details.rowCount()) if details.item(r, 1)}
    assert pairs["XZ"] == "来安县" and pairs["JD"] == "2号街道"
    # Copy takes the visible columns only.
    tsv = table.selection_as_tsv()
    assert "XZ" in tsv.splitlines()[0] and "来安县" in tsv
    # They are kept in the project file.
    from landplanner import store

    out = tmp_path / "p.gpkg"
    store.save_project(main_window.project_model.snapshot(), out)
    assert list(store.open_project(out).parcels["XZ"]) == ["天长市", "来安县"] * 3


def test_cell_menu_filters_by_value_and_zooms(main_window, own_fields_file, open_in_window, qtbot):
    open_in_window(main_window, own_fields_file)
    table = main_window.table
    table.set_column_shown("XZ", True)
    column = [c.key for c in table.model.columns].index("XZ")
    index = table.proxy.index(0, column)
    menu = table.cell_menu(index)
    texts = [a.text() for a in menu.actions()]
    assert any("复制" in t for t in texts) and any("缩放" in t for t in texts)
    filter_action = next(a for a in menu.actions() if "筛选" in a.text())
    assert "天长市" in filter_action.text()
    menu.popup(table.view.viewport().mapToGlobal(table.view.visualRect(index).center()))
    menu.grab().save("/tmp/bureau_table_cell_menu.png")
    menu.close()
    filter_action.trigger()
    assert table.proxy.rowCount() == 3
    zoomed = []
    table.zoomRequested.connect(lambda: zoomed.append(1))
    table.view.selectRow(0)
    next(a for a in menu.actions() if "缩放" in a.text()).trigger()
    assert zoomed and main_window.project_model.selection


def test_unsorted_table_keeps_file_order_through_plan_edits(main_window, ui_parcel_file,
                                                             open_in_window, qtbot):
    open_in_window(main_window, ui_parcel_file)
    table = main_window.table
    pm = main_window.project_model

    def order():
        return [table.model.position(r) for r in range(table.model.rowCount())]

    assert order() == list(range(len(pm.parcels)))  # no sort chosen: the file's order
    pm.set_selection([5])
    from PySide6.QtCore import Qt

    qtbot.mouseClick(main_window.plan_editor.create_button, Qt.MouseButton.LeftButton)
    main_window.plan_editor.move_status(+1)
    assert order() == list(range(len(pm.parcels)))  # a plan edit moves no row
    table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert order()[0] == len(pm.parcels) - 1


def test_details_show_indicator_values_with_units(main_window, open_in_window, qtbot):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "sample_parcels" / "sample_project.gpkg"
    open_in_window(main_window, sample)
    pm = main_window.project_model
    qtbot.waitUntil(lambda: pm.scores is not None, timeout=60000)
    scores = pm.scores
    firm = scores[scores["value:tax_per_mu"].notna()].iloc[0]
    position = int((pm.parcels["uscc"] == firm["uscc"]).to_numpy().nonzero()[0][0])
    pm.set_selection([position])
    details = main_window.details.table
    pairs = {details.item(r, 0).text(): details.item(r, 1).text()
             for r in range(details.rowCount()) if details.item(r, 1)}
    assert pairs["亩均税收（万元/亩）"] == f"{firm['value:tax_per_mu']:,.2f}"
