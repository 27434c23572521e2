"""Two app windows on one shared PostGIS project (pytest-qt): the second save of the same
field shows the conflict dialog; edits to different fields merge without one."""

from __future__ import annotations

import pytest
from test_store_postgis import _plan_project

from landplanner import store
from landplanner.analysis import plans as plans_mod


@pytest.fixture
def two_windows(qtbot, ui_settings, pg_location):
    from PySide6.QtWidgets import QApplication

    from landplanner.ui.fonts import ensure_cjk_font
    from landplanner.ui.i18n import install_language
    from landplanner.ui.main_window import MainWindow
    from landplanner.ui.workers import running_tasks

    app = QApplication.instance()
    ensure_cjk_font(app)
    install_language(app, "zh")
    store.save_project(_plan_project(), pg_location)
    windows = []
    for user in ("甲", "乙"):
        window = MainWindow()  # each with its own ProjectModel, as on two workstations
        window.errorReporter = None
        window.resize(1200, 800)
        window.show()
        loaded = []
        window.projectLoaded.connect(lambda loaded=loaded: loaded.append(True))
        window.open_path(pg_location)
        qtbot.waitUntil(lambda loaded=loaded: bool(loaded) and running_tasks() == 0, timeout=30000)
        window.project_model.project.store_state.user = user
        windows.append(window)
    yield windows
    for window in windows:
        window.project_model.undo_stack.setClean()
        window._replacing = True
        window.remote_watcher.stop()
        window.close()
        window.deleteLater()


def _edit_plan(window, index: int, author: str, **changes) -> None:
    from landplanner.ui.undo_commands import SetPlanCommand

    pm = window.project_model
    new = plans_mod.update(pm.project.plans[index], author, **changes)
    pm.undo_stack.push(SetPlanCommand(pm, index, new))


def _save_and_wait(qtbot, window) -> None:
    from landplanner.ui.workers import running_tasks

    window.save()
    qtbot.waitUntil(lambda: running_tasks() == 0 and not window.project_model.dirty, timeout=30000)


def test_same_field_from_two_windows_shows_the_conflict_dialog(qtbot, two_windows, pg_location):
    from PySide6.QtCore import QTimer

    a, b = two_windows
    assert "t_test_same_field" in a.windowTitle()
    _edit_plan(a, 0, "甲", responsible_person="张A")
    _save_and_wait(qtbot, a)
    _edit_plan(b, 0, "乙", responsible_person="李B")
    seen = {}

    def answer() -> None:
        dialog = getattr(b, "conflict_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, answer)
            return
        seen["text"] = dialog.table.item(0, 0).text()
        dialog.grab().save("/tmp/lp_conflict_dialog.png")
        dialog.take_theirs.click()

    QTimer.singleShot(50, answer)
    b.save()
    qtbot.waitUntil(lambda: "text" in seen, timeout=30000)
    assert "甲 于 " in seen["text"] and "责任人 改为 “张A”；您改为 “李B”" in seen["text"]
    # took theirs: b now shows 张A and its save went through with nothing of b's overwriting
    qtbot.waitUntil(lambda: not b.project_model.dirty, timeout=30000)
    assert b.project_model.project.plans[0].responsible_person == "张A"
    assert store.open_project(pg_location).plans[0].responsible_person == "张A"


def test_keep_mine_overwrites_knowingly(qtbot, two_windows, pg_location):
    from PySide6.QtCore import QTimer

    a, b = two_windows
    _edit_plan(a, 1, "甲", notes="甲的")
    _save_and_wait(qtbot, a)
    _edit_plan(b, 1, "乙", notes="乙的")

    def answer() -> None:
        dialog = getattr(b, "conflict_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, answer)
            return
        dialog.keep_mine.click()

    QTimer.singleShot(50, answer)
    _save_and_wait(qtbot, b)
    assert store.open_project(pg_location).plans[1].notes == "乙的"


def test_different_fields_from_two_windows_merge_without_a_dialog(qtbot, two_windows, pg_location):
    a, b = two_windows
    _edit_plan(a, 0, "甲", responsible_person="张A")
    _save_and_wait(qtbot, a)
    _edit_plan(b, 0, "乙", notes="乙写的备注")
    _save_and_wait(qtbot, b)
    assert getattr(b, "conflict_dialog", None) is None
    back = store.open_project(pg_location).plans[0]
    assert (back.responsible_person, back.notes) == ("张A", "乙写的备注")
    # b's window shows a's change too
    assert b.project_model.project.plans[0].responsible_person == "张A"


def test_other_users_changes_appear_without_restart(qtbot, two_windows):
    a, b = two_windows
    _edit_plan(a, 1, "甲", responsible_unit="港闸园区管委会")
    _save_and_wait(qtbot, a)
    # the database's NOTIFY reaches b's listener; b refreshes on its own
    qtbot.waitUntil(
        lambda: b.project_model.project.plans[1].responsible_unit == "港闸园区管委会", timeout=15000)
    assert not b.project_model.dirty


def test_restoring_an_autosave_of_a_database_project_saves_to_the_database(
        qtbot, two_windows, pg_location, monkeypatch):
    """The autosave keeps what the project had loaded (row versions), so after a crash the
    restored work is saved into the database as changes (merged with others'), not refused as
    a new project over an existing one (pg.exists)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from landplanner.ui import recovery
    from landplanner.ui.app_controller import AppController
    from landplanner.ui.recovery import Autosaver
    from landplanner.ui.workers import running_tasks

    a, b = two_windows
    recovery.discard_recovery()
    _edit_plan(a, 0, "甲", notes="崩溃前写的")
    saver = Autosaver(a.project_model, interval_ms=600_000)
    task = saver.autosave()
    qtbot.waitUntil(task.done.is_set, timeout=30000)
    saver.timer.stop()
    assert recovery.pending_recovery() == {"original": pg_location}
    # meanwhile another user changes another field of the same plan
    _edit_plan(b, 0, "乙", responsible_person="钱七")
    _save_and_wait(qtbot, b)
    # "a" crashed; the app starts again and the user restores the autosaved work
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.Yes)
    controller = AppController(QApplication.instance())
    window = controller.start(None)
    try:
        window.errorReporter = None
        qtbot.waitUntil(lambda: controller.project_model.location == pg_location and running_tasks() == 0,
                        timeout=60000)
        pm = controller.project_model
        assert pm.dirty and pm.project.plans[0].notes == "崩溃前写的"
        pm.project.store_state.user = "甲"
        window.save()
        qtbot.waitUntil(lambda: running_tasks() == 0 and not pm.dirty, timeout=30000)
        back = store.open_project(pg_location).plans[0]
        assert (back.notes, back.responsible_person) == ("崩溃前写的", "钱七")
        assert pm.project.plans[0].responsible_person == "钱七"  # the other user's change shown
    finally:
        controller.autosaver.timer.stop()
        window.project_model.undo_stack.setClean()
        window.project_model._unsaved_import = False
        window._replacing = True
        if getattr(window, "remote_watcher", None) is not None:
            window.remote_watcher.stop()
        window.close()
        window.deleteLater()
        controller.setParent(None)
        controller.deleteLater()
        recovery.discard_recovery()
