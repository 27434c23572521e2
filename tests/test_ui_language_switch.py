"""Issue 10 §5: switching the language keeps the view, the filters and the selection."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


def test_language_switch_keeps_view_filters_selection(qtbot, ui_settings, ui_parcel_file, qapp):
    from landplanner.ui.app_controller import AppController
    from landplanner.ui.fonts import ensure_cjk_font
    from landplanner.ui.i18n import install_language
    from landplanner.ui.table_model import ColumnFilter
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
    window.map.zoomToIndices([0, 1])
    view = window.map.view()
    window.table.set_filters([ColumnFilter("park", "=", "港闸经济开发区")])
    window.table.set_column_shown("land_use", False)
    pm.set_selection([2, 3])
    rows = window.table.proxy.rowCount()
    try:
        window.actions["lang_en"].trigger()
        new = controller.window
        assert new is not window
        qtbot.wait(50)
        assert new.map.view().res == pytest.approx(view.res)
        assert (new.map.view().cx, new.map.view().cy) == pytest.approx((view.cx, view.cy))
        assert new.table.proxy.rowCount() == rows == 12
        assert not new.table.is_column_shown("land_use")
        assert pm.selection == [2, 3] and new.map.selection() == [2, 3]
        assert new.menuBar().actions()[0].text() == "&File"
        new.map.waitForRender(20000)
        new.grab().save("/tmp/bureau_after_language_switch.png")
    finally:
        install_language(qapp, "zh")
        for w in (controller.window,):
            pm.undo_stack.setClean()
            pm._unsaved_import = False
            w._replacing = True
            w.close()
