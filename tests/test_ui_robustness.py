"""Autosave to a recovery file, restore offer data, export through a worker, cancel."""

import threading

import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    return main_window


def test_autosave_writes_recovery_and_save_clears_it(loaded, qtbot, tmp_path):
    from landplanner import store
    from landplanner.ui import recovery
    from landplanner.ui.recovery import Autosaver

    saver = Autosaver(loaded.project_model, interval_ms=60_000)
    task = saver.autosave()  # the project is dirty after the import
    assert task is not None
    qtbot.waitUntil(task.done.is_set, timeout=20000)
    qtbot.waitUntil(lambda: recovery.pending_recovery() is not None, timeout=5000)
    restored = store.open_project(recovery.recovery_file())
    assert len(restored.parcels) == 36
    assert recovery.recovery_file().parent != tmp_path / "parcels"  # never beside user files
    loaded.project_model.mark_saved(tmp_path / "x.gpkg")  # a save makes the copy obsolete
    assert recovery.pending_recovery() is None
    saver.timer.stop()


def test_failed_save_keeps_previous_file(loaded, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui.workers import running_tasks

    target = tmp_path / "p.gpkg"
    loaded.save_to(target)
    qtbot.waitUntil(lambda: running_tasks() == 0 and target.is_file(), timeout=20000)
    before = target.read_bytes()
    loaded.project_model.parcels["parcel_id"] = None  # nothing sensible to write any more
    loaded.project_model.project.parcels = "not a frame"  # the store cannot write this
    loaded.save_to(target)
    qtbot.waitUntil(lambda: loaded.findChild(QMessageBox, "errorBox") is not None, timeout=20000)
    assert target.read_bytes() == before


def test_worker_cancel_stops_core_function(main_window, qtbot):
    from landplanner.ui.workers import run_task, running_tasks

    seen = {}
    started = threading.Event()

    def slow(progress=None):
        started.set()
        for i in range(1000):
            if not progress(i / 1000, "step"):
                raise RuntimeError("cancelled")
            threading.Event().wait(0.005)
        return "finished"

    task = run_task(main_window, "slow", slow, on_done=lambda r: seen.setdefault("done", r),
                    on_error=lambda e: seen.setdefault("error", e), show_after_ms=0)
    qtbot.waitUntil(started.is_set, timeout=5000)
    from PySide6.QtWidgets import QPushButton

    button = task.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()  # the Cancel button
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=10000)
    assert "error" in seen and "done" not in seen


def test_export_excel_through_menu(loaded, qtbot, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from landplanner.ui.workers import running_tasks

    target = tmp_path / "清单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    loaded.actions["export_excel"].trigger()
    qtbot.waitUntil(lambda: running_tasks() == 0 and target.is_file(), timeout=30000)
    book = openpyxl.load_workbook(target, read_only=True)
    assert "低效用地清单" in book.sheetnames
    assert loaded.actions["print"].isEnabled()  # File → Print opens the layout editor
    assert loaded.actions["print"].toolTip()


def _cancel_next_task():
    """Press Cancel on the task just started, before its first progress report."""
    from landplanner.ui import workers

    (task,) = list(workers._RUNNING)
    task.cancel()
    return task


def test_cancelled_save_keeps_previous_file_and_the_changes(loaded, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui.workers import running_tasks

    target = tmp_path / "p.gpkg"
    loaded.save_to(target)
    qtbot.waitUntil(lambda: running_tasks() == 0 and target.is_file(), timeout=20000)
    before = target.read_bytes()
    pm = loaded.project_model
    pm.set_value(0, "enterprise", "改过的企业")
    pm.mark_changed()
    loaded.save_to(target)
    _cancel_next_task()
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=20000)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".gpkg") == ["p.gpkg"]
    assert pm.dirty  # the changes are still unsaved
    assert loaded.findChild(QMessageBox, "errorBox") is None  # a cancel is no error
    assert "取消" in loaded.statusBar().currentMessage()


def test_cancelled_open_keeps_the_workbench_as_it_was(main_window, qtbot, tmp_path):
    import shutil
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui.workers import running_tasks

    sample = Path(__file__).resolve().parents[1] / "sample_parcels" / "sample_project.gpkg"
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(sample, path)
    main_window.open_path(path)
    _cancel_next_task()
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=20000)
    assert main_window.project_model.project is None
    assert main_window.findChild(QMessageBox, "errorBox") is None
    assert "取消" in main_window.statusBar().currentMessage()


def test_progress_dialog_offers_cancel_only_where_it_works(main_window, qtbot):
    from PySide6.QtWidgets import QPushButton

    from landplanner.ui.workers import run_task, running_tasks

    gate = threading.Event()

    def deaf(progress=None):  # ignores its progress callback
        gate.wait(5)
        return 1

    task = run_task(main_window, "deaf", deaf, cancellable=False, show_after_ms=0)
    assert task.dialog.findChild(QPushButton) is None
    gate.set()
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=10000)
