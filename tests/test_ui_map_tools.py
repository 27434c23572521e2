"""Map tools driven through the toolbar and mouse, checked against hand-computed geometry.

The fixture parcels (tests/conftest.py) are squares in EPSG:4549 (metres): park p, parcel k
sits at x = 490000 + 4000 p + 400 (k % 4), y = 3545000 + 400 (k // 4); side 150 m when
k % 3 == 0, else 100 m.
"""

import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402

X0, Y0 = 490_000.0, 3_545_000.0
M2_PER_MU = 10000 / 15


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    return main_window


def click_tool(window, qtbot, key):
    """Click the toolbar button of action ``key`` as a user does."""
    button = window.toolbar.widgetForAction(window.actions[key])
    assert button is not None and button.isVisible(), key
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def contains(outer, inner):
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and outer[2] >= inner[2] and outer[3] >= inner[3])


def test_select_tool_is_active_at_startup(main_window):
    from landplanner.ui.map_canvas import ToolMode

    assert main_window.actions["tool_select"].isChecked()
    assert main_window.map.toolMode() == ToolMode.SELECT


def test_toolbar_zoom_in_out_full(loaded, qtbot):
    canvas = loaded.map
    full = canvas.scale()
    assert full > 0
    # All parcels: park 0 starts at (X0, Y0); park 2's last square ends 8000 + 1200 + 100 m east
    # and 800 + 100 m north of it.
    everything = (X0, Y0, X0 + 9300, Y0 + 900)
    assert contains(canvas.view().extent, everything)
    click_tool(loaded, qtbot, "zoom_in")
    assert canvas.scale() == pytest.approx(full / 2)
    assert not contains(canvas.view().extent, everything)
    click_tool(loaded, qtbot, "zoom_in")
    assert canvas.scale() == pytest.approx(full / 4)
    click_tool(loaded, qtbot, "zoom_out")
    assert canvas.scale() == pytest.approx(full / 2)
    click_tool(loaded, qtbot, "zoom_full")
    assert canvas.scale() == pytest.approx(full)
    assert contains(canvas.view().extent, everything)
    # the status bar shows the scale the canvas reports
    assert f"1:{full:,.0f}" in loaded.scale_label.text()


def test_box_select_selects_parcels_and_table_follows(loaded, qtbot):
    canvas = loaded.map
    pm = loaded.project_model
    click_tool(loaded, qtbot, "tool_select")
    view = canvas.view()
    # A box over the first row of park 0 (DK001..DK003 at x 0-150, 400-500, 800-900 m; y 0-150 m),
    # stopping short of DK004 (x 1200 m) and of the second row (y 400 m).
    x0, y0 = view.to_pixel(X0 - 50, Y0 + 250)
    x1, y1 = view.to_pixel(X0 + 1000, Y0 - 50)
    start, end = QPoint(round(x0), round(y0)), QPoint(round(x1), round(y1))
    assert (end - start).manhattanLength() > 10
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, pos=(start + end) / 2)
    qtbot.mouseMove(canvas, pos=end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    ids = lambda positions: sorted(pm.parcels["parcel_id"].iloc[positions])  # noqa: E731
    assert ids(canvas.selection()) == ["DK001", "DK002", "DK003"]
    assert ids(pm.selection) == ["DK001", "DK002", "DK003"]
    assert ids(loaded.table.selected_positions()) == ["DK001", "DK002", "DK003"]
    # "已选 3 个地块，共 63.75 亩": 33.75 + 15 + 15 mu
    assert re.findall(r"[\d.]+", loaded.selected_label.text()) == ["3", "63.75"]
    # Clicking empty ground (between the rows) clears the selection everywhere.
    gx, gy = canvas.view().to_pixel(X0 + 300, Y0 + 300)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(gx), round(gy)))
    assert canvas.selection() == []
    assert loaded.table.selected_positions() == []


def test_measure_area_of_a_known_square(loaded, qtbot):
    from landplanner.render.context import MapView

    canvas = loaded.map
    click_tool(loaded, qtbot, "tool_measure_area")
    # 1 m per pixel with DK001's south-west corner (X0, Y0) at pixel (100, 250): its corners
    # fall on whole pixels, so the clicks hit them exactly.
    w, h = canvas.width(), canvas.height()
    assert w > 300 and h > 300
    canvas.setView(MapView(X0 - 100 + w / 2, Y0 + 250 - h / 2, 1.0, w, h))
    for px, py in ((100, 250), (250, 250), (250, 100), (100, 100)):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(px, py))
    qtbot.mouseClick(canvas, Qt.MouseButton.RightButton, pos=QPoint(100, 100))  # finish
    m = canvas.measurement()
    # By hand: a 150 m square is 22 500 m² = 22 500 / (10000 / 15) = 33.75 mu; perimeter 600 m.
    assert m.area_m2 == pytest.approx(22_500.0)
    assert m.area_mu == pytest.approx(22_500.0 / M2_PER_MU)
    assert m.area_mu == pytest.approx(33.75)
    assert m.length_m == pytest.approx(600.0)
    assert "33.75" in loaded.statusBar().currentMessage()
    assert "22,500.00" in canvas.measurementText()


def test_clicking_a_park_card_zooms_to_the_park_and_filters(loaded, ui_parks_file, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from landplanner.ui.workers import running_tasks

    pm = loaded.project_model
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ui_parks_file), ""))
    loaded.actions["import_parks"].trigger()
    qtbot.waitUntil(lambda: running_tasks() == 0 and getattr(pm.project, "parks", None) is not None,
                    timeout=20000)
    canvas = loaded.map
    canvas.zoomToFullExtent()
    full = canvas.view()
    card = loaded.quota.card("崇川经济开发区")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    # 崇川 (park 1) is the rectangle drawn in conftest: 2000 m x 1600 m, 4000 m east of park 0.
    park = (X0 - 200 + 4000, Y0 - 200, X0 + 1800 + 4000, Y0 + 1400)
    view = canvas.view()
    assert contains(view.extent, park)
    assert view.res < full.res
    ext = view.extent
    assert ext[2] - ext[0] < full.extent[2] - full.extent[0]
    # the other parks are out of view
    assert ext[2] < X0 + 8000 and ext[0] > X0 + 1350
    table = loaded.table
    assert table.proxy.rowCount() == 12
    col = [c.key for c in table.model.columns].index("park")
    assert {table.proxy.index(r, col).data() for r in range(12)} == {"崇川经济开发区"}


def test_editing_a_plan_keeps_the_map_view(loaded, qtbot):
    canvas = loaded.map
    canvas.zoomToExtent(X0 - 50, Y0 - 50, X0 + 200, Y0 + 200)  # DK001 close up
    before = canvas.view().extent
    canvas.selectionChanged.emit([0])  # DK001, as a click on the map does
    loaded.docks["plan"].show()
    qtbot.mouseClick(loaded.plan_editor.create_button, Qt.MouseButton.LeftButton)
    assert len(loaded.project_model.project.plans) == 1
    assert canvas.view().extent == pytest.approx(before)
    assert canvas.selection() == [0]
