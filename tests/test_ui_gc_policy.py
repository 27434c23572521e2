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


def test_only_the_program_itself_ends_at_once_after_a_screenshot(monkeypatch, tmp_path):
    from landplanner.cli import app_command

    ended = []
    monkeypatch.setattr("landplanner.ui.app.run_app", lambda args: 0)
    monkeypatch.setattr(gc_policy, "end_process", ended.append)
    shot = ["--screenshot", str(tmp_path / "x.png")]
    assert app_command.run(shot) == 0 and ended == []  # a caller in-process gets its status
    assert app_command.run([], program=True) == 0 and ended == []  # the app: a normal exit
    app_command.run(shot, program=True)
    assert ended == [0]


def _run_program(args, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo),
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    # as the console script does, plus a handler that only a teardown would run
    code = ("import atexit, sys; atexit.register(lambda: print('teardown', flush=True))\n"
            "from landplanner.cli import main\n"
            "sys.exit(main())\n")
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_screenshot_run_ends_with_its_picture_written_and_no_teardown(grid_project_file,
                                                                        tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "shot.png"
    done = _run_program([str(grid_project_file), "--screenshot", str(out), "--size", "1200x800"],
                        tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "teardown" not in done.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)  # written whole before the end
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 300)
    done = _run_program([str(broken), "--screenshot", str(tmp_path / "no.png"), "--lang", "en"],
                        tmp_path)
    assert done.returncode == 2 and "teardown" not in done.stdout  # its status, at once
    assert done.stderr.strip() and "Traceback" not in done.stderr
