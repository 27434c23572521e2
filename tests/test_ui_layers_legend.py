"""Issue 10 §5: the legend's right-click hides a class, the layer list's check boxes hide a
layer, the label field is chosen from a menu and remembered, and the canvas shows a scale bar
(the print layouts' rule) and a north arrow; all driven as a user does it."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

IDLE_FILL = QColor("#fc8d62")


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    main_window.map.waitForRender(20000)
    return main_window


def _pixel_in_parcel(window, position: int) -> QColor:
    """The canvas colour inside parcel ``position``, off its centre (where its label sits)."""
    canvas = window.map
    canvas.waitForRender(20000)
    geom = window.project_model.parcels.geometry.iloc[position]
    x0, y0, x1, y1 = geom.bounds
    px, py = canvas.view().to_pixel(x0 + 0.2 * (x1 - x0), y0 + 0.2 * (y1 - y0))
    return canvas.grab().toImage().pixelColor(int(px), int(py))


def _close(a: QColor, b: QColor, tol: int = 12) -> bool:
    return all(abs(u - v) <= tol for u, v in ((a.red(), b.red()), (a.green(), b.green()),
                                              (a.blue(), b.blue())))


def _legend_row(panel, key: str) -> int:
    for i in range(panel.legend.count()):
        if panel.legend.item(i).data(Qt.ItemDataRole.UserRole) == key:
            return i
    raise AssertionError(f"no legend row for {key!r}")


def test_legend_right_click_hides_a_class_on_the_map(loaded, qtbot):
    window, panel, canvas = loaded, loaded.layers, loaded.map
    window.set_map_style("category")
    canvas.zoomToIndices([0])  # DK001: 闲置土地
    assert _close(_pixel_in_parcel(window, 0), IDLE_FILL)
    undo_count = window.project_model.undo_stack.count()
    dirty = window.project_model.dirty

    row = _legend_row(panel, "idle")
    menu = panel.legend_menu(row)
    toggle = menu.findChild(type(menu.actions()[0]), "legendToggle")
    assert "闲置土地" in toggle.text() and toggle.text().startswith("隐藏")
    toggle.trigger()

    assert not canvas.isClassVisible("idle")
    item = panel.legend.item(_legend_row(panel, "idle"))
    assert item.data(Qt.ItemDataRole.UserRole + 1) is True and "已隐藏" in item.text()
    assert item.foreground().color() == QColor("#9e9e9e")
    assert _close(_pixel_in_parcel(window, 0), QColor("white"))
    # a view state, not a project change
    assert window.project_model.undo_stack.count() == undo_count
    assert window.project_model.dirty == dirty

    # another style draws the parcel again; switching back keeps the class hidden
    window.set_map_style("class")
    assert not _close(_pixel_in_parcel(window, 0), QColor("white"))
    window.set_map_style("category")
    assert not canvas.isClassVisible("idle")
    assert _close(_pixel_in_parcel(window, 0), QColor("white"))

    # the menu now offers to show it again, and "show all"
    menu = panel.legend_menu(_legend_row(panel, "idle"))
    toggle = menu.findChild(type(menu.actions()[0]), "legendToggle")
    assert toggle.text().startswith("显示")
    show_all = menu.findChild(type(menu.actions()[0]), "legendShowAll")
    assert show_all.isEnabled()
    show_all.trigger()
    assert canvas.isClassVisible("idle")
    assert "已隐藏" not in panel.legend.item(_legend_row(panel, "idle")).text()
    assert _close(_pixel_in_parcel(window, 0), IDLE_FILL)


def test_layer_check_box_hides_the_parcels_at_once(loaded, qtbot):
    window, panel, canvas = loaded, loaded.layers, loaded.map
    window.set_map_style("category")
    canvas.zoomToIndices([0])
    assert _close(_pixel_in_parcel(window, 0), IDLE_FILL)
    keys = [panel.layer_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(panel.layer_list.count())]
    assert keys[0] == "parcels" and "labels" in keys and "furniture" in keys

    item = panel.layer_item("parcels")
    assert item.checkState() == Qt.CheckState.Checked
    # click the check box as a user does
    rect = panel.layer_list.visualItemRect(item)
    panel.layer_list.scrollToItem(item)
    box = QPoint(rect.left() + 10, rect.center().y())
    QTest.mouseClick(panel.layer_list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, box)
    assert panel.layer_item("parcels").checkState() == Qt.CheckState.Unchecked
    assert not canvas.isLayerVisible("parcels")
    assert _close(_pixel_in_parcel(window, 0), QColor("white"))

    panel.layer_item("parcels").setCheckState(Qt.CheckState.Checked)
    assert canvas.isLayerVisible("parcels")
    assert _close(_pixel_in_parcel(window, 0), IDLE_FILL)

    # the scale bar and north arrow are a layer too
    panel.layer_item("furniture").setCheckState(Qt.CheckState.Unchecked)
    canvas.scale_bar_box = None
    canvas.grab()
    assert canvas.scale_bar_box is None
    panel.layer_item("furniture").setCheckState(Qt.CheckState.Checked)
    canvas.grab()
    assert canvas.scale_bar_box is not None


def test_marker_sets_appear_in_the_layer_list(loaded):
    panel, canvas = loaded.layers, loaded.map
    assert panel.layer_item("match") is None
    geom = loaded.project_model.parcels.geometry.iloc[0].centroid
    canvas.setMarkers("match", [(geom.x, geom.y, "#ff0000", "1")])
    item = panel.layer_item("match")
    assert item is not None and "(1)" in item.text()
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not canvas.isLayerVisible("match")
    canvas.setMarkers("match", None)
    assert panel.layer_item("match") is None


def test_label_field_choice_from_the_map_menu_is_remembered(loaded, ui_settings):
    from landplanner.ui import app_settings
    from landplanner.ui.layers_panel import LABEL_SETTING, LayersPanel

    window, canvas = loaded, loaded.map
    assert canvas.labelField() == "parcel_id"
    menu = window.label_field_menu
    menu.aboutToShow.emit()
    titles = {a.text(): a for a in menu.actions()}
    assert {"不标注", "地块编号", "企业名称"} <= set(titles)
    assert titles["地块编号"].isChecked()
    titles["企业名称"].trigger()
    assert canvas.labelField() == "enterprise"
    assert window.layers.label_combo.currentData() == "enterprise"
    assert app_settings.settings().value(LABEL_SETTING) == "enterprise"
    assert window.layers.layer_item("labels").text() == "地块标注（企业名称）"

    # the combo offers the same choices; "none" removes the labels layer
    combo = window.layers.label_combo
    combo.setCurrentIndex(combo.findData(""))
    assert canvas.labelField() is None
    assert window.layers.layer_item("labels") is None
    assert app_settings.settings().value(LABEL_SETTING) == ""

    # a new window (next start) labels by the remembered field
    combo.setCurrentIndex(combo.findData("enterprise"))
    other = LayersPanel(window.project_model)
    from landplanner.ui.map_canvas import MapCanvas

    fresh = MapCanvas()
    other.attach_map(fresh)
    assert fresh.labelField() == "enterprise"
    fresh.deleteLater()
    other.deleteLater()


def test_user_columns_are_label_choices(loaded):
    from landplanner.ui.layers_panel import label_choices

    parcels = loaded.project_model.parcels
    own = [c for c in ("LB", "TDYT", "RJL", "DGRQ") if c in parcels.columns]
    fields = [f for f, _ in label_choices(parcels)]
    assert fields[:3] == ["", "parcel_id", "enterprise"]
    assert set(own) <= set(fields)


def test_scale_bar_is_true_to_the_map_scale_and_round(loaded):
    from landplanner.layout import paint
    from landplanner.render import furniture

    # one rule for print layouts and the canvas
    assert paint.scale_bar_segments is furniture.scale_bar_segments
    canvas = loaded.map
    dpi = float(canvas.logicalDpiX() or 96)
    seen = set()
    for _ in range(4):
        canvas.grab()
        box = canvas.scale_bar_box
        assert box is not None and canvas.rect().contains(box.toRect())
        seg_m, parts, seg_px = furniture.scale_bar_layout(canvas.scale(), dpi, 140.0)
        # pixels × metres per pixel (EPSG:4549: map units are metres) = the labelled length
        assert seg_px * parts * canvas.view().res == pytest.approx(seg_m * parts, rel=1e-6)
        mantissa = seg_m / 10 ** math.floor(math.log10(seg_m))
        assert round(mantissa, 6) in (1.0, 2.0, 5.0)
        assert 40 <= seg_px * parts <= 140
        seen.add(furniture.distance_text(seg_m * parts))
        canvas.zoomIn(2.0)
    assert len(seen) >= 3  # the bar follows the zoom
    assert furniture.distance_text(2000) == "2 km" and furniture.distance_text(500) == "500 m"
    north = canvas.north_arrow_box
    assert north is not None and north.right() <= canvas.width() and north.top() >= 0


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_every_quota_card_in_sight_with_default_dock_sizes(loaded, qtbot, size):
    window = loaded
    window.resize(*size)
    window.default_dock_sizes()
    window.docks["quota"].raise_()
    qtbot.wait(100)
    panel = window.quota
    assert len(panel.cards) == 4  # three parks and the district
    viewport = panel.scroll.viewport()
    for card in panel.cards:
        assert card.isVisible()
        top_left = card.mapTo(viewport, QPoint(0, 0))
        assert top_left.y() >= 0 and top_left.y() + card.height() <= viewport.height(), card.park
        assert top_left.x() + card.width() <= viewport.width(), card.park
        # nothing inside the card squeezed below what it needs
        assert card.width() >= card.minimumSizeHint().width(), card.park
    # the right-hand tabs are not cut ("地块与企业…")
    from PySide6.QtWidgets import QTabBar

    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                assert "…" not in bar.tabText(i)
                assert bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(bar.tabText(i))


def test_language_switch_twice_keeps_what_is_shown(qtbot, ui_settings, ui_parcel_file, qapp):
    from PySide6.QtWidgets import QTabBar

    from landplanner.ui.app_controller import AppController
    from landplanner.ui.fonts import ensure_cjk_font
    from landplanner.ui.i18n import install_language
    from landplanner.ui.workers import running_tasks

    ensure_cjk_font(qapp)
    install_language(qapp, "zh")
    controller = AppController(qapp)
    window = controller.start()
    window.resize(1366, 768)
    window.errorReporter = None
    loaded = []
    window.projectLoaded.connect(lambda: loaded.append(1))
    window.open_path(ui_parcel_file, auto_accept=True)
    qtbot.waitUntil(lambda: bool(loaded) and running_tasks() == 0, timeout=30000)
    pm = controller.project_model
    window.set_map_style("category")
    window.map.setClassVisible("idle", False)
    window.layers.layer_item("furniture").setCheckState(Qt.CheckState.Unchecked)
    window.layers.set_label_field("enterprise")
    try:
        for lang in ("en", "zh"):
            controller.window.actions[f"lang_{lang}"].trigger()
            qtbot.wait(50)
        new = controller.window
        assert new is not window
        assert not new.map.isClassVisible("idle")
        assert not new.map.isLayerVisible("furniture")
        assert new.map.labelField() == "enterprise"
        assert new.layers.layer_item("furniture").checkState() == Qt.CheckState.Unchecked
        row = _legend_row(new.layers, "idle")
        assert "已隐藏" in new.layers.legend.item(row).text()
        # one set of quota cards, and no tab bar left standing for closed panels
        assert len(new.quota.cards) == 4
        assert len(new.quota.cards_box.findChildren(type(new.quota.cards[0]))) == 4
        shown = {d.windowTitle() for d in new.docks.values() if d.toggleViewAction().isChecked()}
        qtbot.wait(50)
        for bar in new.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.isVisible() and bar.count():  # (an empty one off-screen draws nothing)
                texts = [bar.tabText(i) for i in range(bar.count())]
                assert any(t in shown for t in texts), texts
    finally:
        install_language(qapp, "zh")
        pm.undo_stack.setClean()
        pm._unsaved_import = False
        controller.window._replacing = True
        controller.window.close()


def test_hidden_parcels_are_not_clicked_or_boxed(loaded, qtbot):
    from landplanner.ui.map_canvas import ToolMode

    window, canvas = loaded, loaded.map
    pm = window.project_model
    window.set_map_style("category")
    canvas.zoomToIndices(list(range(12)))  # the first park's 12 parcels
    canvas.waitForRender(20000)
    geom = pm.parcels.geometry.iloc[0]  # DK001, 闲置土地
    px, py = canvas.view().to_pixel(geom.centroid.x, geom.centroid.y)
    assert canvas.featureAt(px, py) == 0
    canvas.setClassVisible("idle", False)
    assert canvas.featureAt(px, py) == -1
    # a box over the whole park selects only what is drawn
    canvas.setToolMode(ToolMode.SELECT)
    x0, y0, x1, y1 = pm.parcels.geometry.iloc[:12].total_bounds
    a = canvas.view().to_pixel(x0 - 10, y1 + 10)
    b = canvas.view().to_pixel(x1 + 10, y0 - 10)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(a[0]), int(a[1])))
    QTest.mouseMove(canvas, QPoint(int(b[0]), int(b[1])))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(int(b[0]), int(b[1])))
    idle = set(pm.parcels.index[pm.parcel_view()["category"].eq("idle")].map(
        pm.parcels.index.get_loc))
    selected = set(pm.selection)
    assert selected and not (selected & idle)
    assert len(selected) == 12 - len(idle & set(range(12)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quota_card_figures_wrap_in_a_narrow_panel(loaded, qtbot, monkeypatch, lang):
    """The quota panel scrolls only up and down: in a narrow panel (English words are longer)
    every figure of a card wraps inside it, none is cut at the right edge."""
    from PySide6.QtWidgets import QLabel

    from landplanner import messages
    from landplanner.ui.quota_panel import QuotaPanel

    monkeypatch.setattr(messages, "_language", lang)
    panel = QuotaPanel(loaded.project_model)
    qtbot.addWidget(panel)
    panel.resize(320, 1000)
    panel.show()
    qtbot.wait(50)
    viewport = panel.scroll.viewport()
    assert len(panel.cards) == 4
    for card in panel.cards:
        assert card.mapTo(viewport, QPoint(0, 0)).x() + card.width() <= viewport.width()
        for label in card.findChildren(QLabel):
            right = label.mapTo(viewport, QPoint(0, 0)).x() + label.width()
            assert right <= viewport.width(), (card.park, label.text())
            assert label.width() >= label.minimumSizeHint().width(), (card.park, label.text())


def test_reset_panel_layout_puts_every_panel_back(loaded, qtbot):
    """视图 → 恢复默认布局: a panel closed, dragged to another side or squeezed comes back where
    and how large it was at first start."""
    window = loaded
    window.resize(1366, 768)
    window.default_dock_sizes()
    qtbot.wait(50)
    table, details = window.docks["table"], window.docks["details"]
    area = window.dockWidgetArea(table)
    width = details.width()
    details.close()
    window.removeDockWidget(table)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, table)
    table.show()
    window.resizeDocks([window.docks["layers"]], [120], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    assert not details.isVisible() and window.dockWidgetArea(table) != area
    action = window.actions["reset_layout"]
    assert action in window.menuBar().actions()[2].menu().actions()  # in 视图
    assert action.text() == "恢复默认布局"
    action.trigger()
    qtbot.wait(50)
    assert details.isVisible() and window.dockWidgetArea(table) == area
    assert abs(details.width() - width) <= 20
    assert window.docks["layers"].width() >= 300
