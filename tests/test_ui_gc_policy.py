"""The cyclic garbage collector while the app starts (issue 10 §8, ui.gc_policy): off from
the command line's start until the first map and its panels, then on with the start's
objects frozen; thawed when that project is replaced; never left off by a run that failed."""

import gc

import pytest

pytest.importorskip("PySide6")

from landplanner.ui import gc_policy  # noqa: E402


@pytest.fixture(autouse=True)
def _collector_back():
    yield
    gc_policy.restore()
    gc.unfreeze()
    gc.enable()


def test_hold_release_restore():
    gc_policy.hold()
    assert not gc.isenabled() and gc_policy.held()
    gc_policy.release()
    assert gc.isenabled() and not gc_policy.held()
    assert gc.get_freeze_count() > 0  # what lived at the end of the start is frozen
    gc_policy.thaw()
    assert gc.get_freeze_count() == 0
    gc_policy.hold()
    gc_policy.restore()  # a run that ended early: on again, nothing frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # somebody else turned it off: not ours to turn on
    gc_policy.hold()
    gc_policy.restore()
    assert not gc.isenabled()


def test_the_app_command_never_leaves_the_collector_off(monkeypatch, tmp_path):
    from landplanner.cli import app_command

    seen = {}

    def fake_run_app(args):
        seen["enabled"] = gc.isenabled()
        raise RuntimeError("the window could not start")

    monkeypatch.setattr("landplanner.ui.app.run_app", fake_run_app)
    assert app_command.run([]) == 2
    assert seen == {"enabled": False}  # off while starting
    assert gc.isenabled()


def test_collector_comes_back_after_the_first_map_and_panels(qtbot, ui_settings, grid_project_file):
    from landplanner.ui.main_window import MainWindow

    path = grid_project_file
    gc_policy.hold()
    window = MainWindow()
    qtbot.addWidget(window)
    pm = window.project_model
    pm.defer_panels_above = 10  # the 36 parcels count as big: panels after the map
    seen = {}
    pm.projectChanged.connect(lambda: seen.setdefault("at open", gc.isenabled()))
    window.map.renderFinished.connect(lambda: seen.setdefault("at first map", gc.isenabled()))
    gc_policy.release_when_settled(window)
    window.show()
    window.open_path(path)
    qtbot.waitUntil(gc.isenabled, timeout=20000)
    assert seen == {"at open": False, "at first map": False}
    assert not pm.after_map.pending() and not pm.after_map.held  # the panels came first
    assert not window.map.isRendering()
    assert gc.get_freeze_count() > 0
    # Another project: the frozen start goes back to the collector.
    import dataclasses

    pm.defer_panels_above = None
    pm.set_project(dataclasses.replace(pm.project), None, saved=False)
    assert gc.get_freeze_count() == 0
    window._replacing = True  # closing asks nothing about the unsaved copy


def test_no_project_opening_releases_at_once(main_window, qtbot):
    gc_policy.hold()
    gc_policy.release_when_settled(main_window)
    qtbot.waitUntil(gc.isenabled, timeout=5000)
