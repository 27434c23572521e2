"""Opening a big project: the map first, then the panels (issue 10 §8, ui.first_paint).

A project above the window's threshold shows "正在计算…" in the table and the quota panel
until the map has painted it; the figures that follow are the same as without the gate.
"""

import pytest

pytest.importorskip("PySide6")


def _open(window, ui_parcel_file, open_in_window, qtbot):
    open_in_window(window, ui_parcel_file)
    return window.project_model


def test_a_big_project_fills_its_panels_after_the_first_map(
        main_window, ui_parcel_file, open_in_window, qtbot):
    from landplanner.ui.first_paint import computing_text

    pm = main_window.project_model
    pm.defer_panels_above = 10  # the 36-parcel test file counts as big here
    seen = {}

    def at_open():  # what the user sees the moment the project is adopted, before the map
        seen["table_rows"] = main_window.table.model.rowCount()
        seen["count"] = main_window.table.count_label.text()
        seen["quota"] = main_window.quota.message.text()
        seen["cards"] = len(main_window.quota.cards)
        seen["pending"] = set(pm.after_map.pending())
        seen["map_parcels"] = main_window.map.parcels() is not None

    pm.projectChanged.connect(at_open)  # connected last: runs after every panel's slot
    _open(main_window, ui_parcel_file, open_in_window, qtbot)
    assert seen["table_rows"] == 0 and seen["count"] == computing_text()
    assert seen["quota"] == computing_text() and seen["cards"] == 0
    assert {"table", "quota", "map_quota"} <= seen["pending"]
    assert seen["map_parcels"]  # the map is not held
    # The map's first paint releases them; each then shows the core's figures.
    assert main_window.map.waitForRender(20000)
    qtbot.waitUntil(lambda: not pm.after_map.pending() and not pm.after_map.held, timeout=20000)
    assert main_window.table.model.rowCount() == len(pm.parcels) == 36
    assert computing_text() not in main_window.table.count_label.text()
    table = pm.quota_table()
    assert [c.park for c in main_window.quota.cards] == table["park"].tolist()
    assert main_window.quota.message.text() != computing_text()
    labels = main_window.map._quota
    assert set(labels) == {p for p in table["park"] if p != "district"}


def test_a_small_project_fills_its_panels_at_once(
        main_window, ui_parcel_file, open_in_window, qtbot):
    pm = main_window.project_model
    seen = {}
    pm.projectChanged.connect(lambda: seen.update(
        rows=main_window.table.model.rowCount(), cards=len(main_window.quota.cards),
        held=pm.after_map.held))
    _open(main_window, ui_parcel_file, open_in_window, qtbot)
    assert seen == {"rows": 36, "cards": len(pm.quota_table()), "held": False}


def test_held_work_runs_even_if_the_map_never_reports(qtbot, monkeypatch):
    from landplanner.ui import first_paint

    monkeypatch.setattr(first_paint, "FALLBACK_MS", 50)
    gate = first_paint.PanelGate()
    ran, shown = [], []
    gate.hold()
    assert gate.run("a", lambda: ran.append("a1"), lambda: shown.append("a")) is False
    gate.run("b", lambda: ran.append("b"))
    gate.run("a", lambda: ran.append("a2"))  # the latest request of a key wins
    assert ran == [] and shown == ["a"] and gate.pending() == ["b", "a"]
    qtbot.waitUntil(lambda: ran == ["b", "a2"], timeout=2000)
    assert not gate.held
    assert gate.run("c", lambda: ran.append("c")) is True and ran[-1] == "c"
