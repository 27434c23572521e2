"""Crash recovery at start-up: a recovery copy left behind is offered, and restored on "yes"."""

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

SAMPLE = Path(__file__).resolve().parents[1] / "sample_parcels" / "sample_project.gpkg"


@pytest.fixture
def crashed_session(ui_settings, tmp_path):
    """A recovery copy (the sample project) and its note, as a session that crashed leaves them."""
    from landplanner.ui import recovery

    recovery.discard_recovery()
    shutil.copyfile(SAMPLE, recovery.recovery_file())
    original = tmp_path / "我的项目.gpkg"
    recovery.recovery_note().write_text(json.dumps({"original": str(original)}), encoding="utf-8")
    yield original
    recovery.discard_recovery()


@pytest.fixture
def start_app(qtbot, monkeypatch):
    """Start the app the way ``landplanner app`` does; the restore question answers ``answer``."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from landplanner.ui.app_controller import AppController

    asked = []
    started = []

    def start(answer):
        def question(parent, title, text, *args, **kwargs):
            asked.append((title, text))
            return answer

        monkeypatch.setattr(QMessageBox, "question", question)
        controller = AppController(QApplication.instance())
        window = controller.start(None)
        started.append(controller)
        return controller, window, asked

    yield start
    for controller in started:
        controller.autosaver.timer.stop()
        window = controller.window
        window.project_model.undo_stack.setClean()
        window.project_model._unsaved_import = False
        window._replacing = True
        window.close()
        window.deleteLater()
        controller.setParent(None)
        controller.deleteLater()


def test_recovery_offered_and_restored(crashed_session, start_app, qtbot):
    import pyogrio
    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui import recovery
    from landplanner.ui.workers import running_tasks

    expected = pyogrio.read_info(SAMPLE, layer="parcels")["features"]
    controller, window, asked = start_app(QMessageBox.StandardButton.Yes)
    loaded = []
    window.projectLoaded.connect(lambda: loaded.append(True))
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert len(asked) == 1
    assert str(crashed_session) in asked[0][1]  # the user is told which project it was
    qtbot.waitUntil(lambda: bool(loaded) and running_tasks() == 0, timeout=60000)
    pm = controller.project_model
    assert len(pm.parcels) == expected
    # Restored work is unsaved work belonging to the original file, not to the recovery copy.
    assert pm.path == crashed_session
    assert pm.dirty
    assert "我的项目" in window.windowTitle()
    assert recovery.pending_recovery() is not None  # kept until the user saves


def test_recovery_declined_is_discarded(crashed_session, start_app, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui import recovery

    controller, window, asked = start_app(QMessageBox.StandardButton.No)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert recovery.pending_recovery() is None
    assert not recovery.recovery_file().exists()
    assert controller.project_model.project is None


def test_recovery_files_live_in_the_tests_own_home(ui_settings):
    """Another test run on the machine must not see this run's recovery copy (nor the reverse)."""
    from landplanner.ui import app_settings, recovery

    assert recovery.recovery_file().is_relative_to(ui_settings)
    assert Path(app_settings.settings().fileName()).is_relative_to(ui_settings)
