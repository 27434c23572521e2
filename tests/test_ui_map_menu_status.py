"""Issue 10 §5: map right-click menu, selection total in the status bar (one core figure),
shortcuts without clashes, a park behind pace red on the map as in the panel."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QGuiApplication, QKeySequence  # noqa: E402

from landplanner.selection import selection_text, selection_total  # noqa: E402


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window, qtbot):
    open_in_window(main_window, ui_parcel_file)
    main_window.map.waitForRender(20000)
    return main_window


def test_no_two_actions_share_a_shortcut(main_window):
    seen = {}
    for key, action in main_window.actions.items():
        for text in {shortcut.toString() for shortcut in action.shortcuts()}:
            assert text not in seen, f"{text}: {seen.get(text)} and {key}"
            seen[text] = key
    assert main_window.actions["save_as"].shortcut() == QKeySequence(QKeySequence.StandardKey.SaveAs)
    assert main_window.actions["zoom_selection"].shortcut().toString() == "Ctrl+J"
    for tool in ("pan", "select", "identify", "measure", "measure_area"):
        assert not main_window.actions[f"tool_{tool}"].shortcut().isEmpty()


def test_status_bar_shows_the_selection_total_from_the_core(loaded):
    pm = loaded.project_model
    pm.set_selection([0, 1, 2])
    count, mu = selection_total(pm.parcels, [0, 1, 2])
    # By hand: DK001 is a 150 m square (33.75 mu), DK002 and DK003 100 m squares (15 mu).
    assert count == 3 and mu == pytest.approx(33.75 + 15 + 15)
    assert loaded.selected_label.text() == "已选 3 个地块，共 63.75 亩"
    assert loaded.selected_label.text() == selection_text(pm.parcels, [0, 1, 2])
    pm.set_selection([])
    assert loaded.selected_label.text() == "未选择地块"


def test_map_menu_zoom_select_identify_copy(loaded, qtbot):
    from landplanner.ui.map_menu import map_menu

    canvas = loaded.map
    pm = loaded.project_model
    canvas.zoomToIndices([0])
    canvas.waitForRender(20000)
    view = canvas.view()
    # the pixel of DK001's centre
    geom = pm.parcels.geometry.iloc[0]
    px, py = view.to_pixel(geom.centroid.x, geom.centroid.y)
    menu = map_menu(loaded, px, py, loaded)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert "选择此地块" in actions and "查看此地块信息" in actions and "在此处放大" in actions
    copy = next(a for t, a in actions.items() if t.startswith("复制坐标"))
    menu.popup(canvas.mapToGlobal(canvas.rect().center()))
    menu.grab().save("/tmp/bureau_map_menu.png")
    menu.close()
    actions["选择此地块"].trigger()
    assert pm.selection == [0]
    copy.trigger()
    text = QGuiApplication.clipboard().text()
    x, y = (float(v) for v in text.split(" (")[0].split(","))
    assert abs(x - geom.centroid.x) < 2 * view.res and "EPSG:4549" in text
    res = view.res
    actions["在此处放大"].trigger()
    assert canvas.view().res == pytest.approx(res / 2)
    identified = []
    canvas.featureIdentified.connect(identified.append)
    actions["查看此地块信息"].trigger()
    assert identified == [0]


def test_a_park_behind_pace_is_red_on_the_map_too(loaded):
    pm = loaded.project_model
    pm.today = dt.date(2026, 11, 23)
    loaded.actions["project_settings"].trigger()
    dialog = loaded.settings_dialog
    for row in range(dialog.parks.rowCount()):
        dialog.set_park_value(row, "target_mu", 100)
    dialog.accept()
    table = pm.quota_table()
    labels = loaded.map._quota
    for row in table.itertuples():
        if row.park != "district":
            assert labels[row.park][2] == bool(row.behind)
            assert loaded.quota.card(row.park).row["behind"] == bool(row.behind)
    assert any(v[2] for v in labels.values())  # nothing done yet, targets set: behind
