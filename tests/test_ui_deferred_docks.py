"""Deferred panels (issue 10 §8, ui.main_docks): the panels the first map does not need
are built after the start has settled (or at once when asked for); their modules are not
loaded while the window is built."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

REPO = Path(__file__).resolve().parents[1]

#: Modules the first paint does not need: loaded only with the deferred panels or later.
NOT_AT_START = (
    "landplanner.ui.plan_editor", "landplanner.ui.assets_panel", "landplanner.ui.match_panel",
    "landplanner.analysis.assets", "landplanner.analysis.matching",
    "landplanner.analysis.scoreboard", "landplanner.export.campaign_sheets",
    "landplanner.export.xlsx_writers", "landplanner.layout", "openpyxl", "xlsxwriter",
    "matplotlib",
)


def test_building_the_window_loads_no_deferred_module():
    code = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from landplanner.ui.main_window import MainWindow
        window = MainWindow()
        window.show()
        loaded = [m for m in {NOT_AT_START!r} if m in sys.modules]
        assert not loaded, loaded
        assert set(window.deferred_pending()) >= {{"plan", "assets", "match", "accounts"}}
        window.build_deferred()
        assert "landplanner.ui.plan_editor" in sys.modules
        assert not window.deferred_pending()
        print("ok")
        """)
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(REPO)}, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().endswith("ok")


def test_docks_exist_at_once_with_their_names_and_titles(qtbot, ui_settings):
    from landplanner.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    for key in ("plan", "asset_figures", "assets", "match", "accounts"):
        dock = window.docks[key]
        assert dock.objectName() == f"dock_{key}" and dock.windowTitle()
    assert window.docks["plan"].widget().objectName() == "plan_placeholder"
    assert "plan" in window.deferred_pending()


def test_asking_for_a_panel_builds_it(qtbot, ui_settings):
    from landplanner.ui.main_window import MainWindow
    from landplanner.ui.match_panel import MatchPanel
    from landplanner.ui.plan_editor import PlanEditor

    window = MainWindow()
    qtbot.addWidget(window)
    assert isinstance(window.match_panel, MatchPanel)
    assert not window.deferred_pending()
    assert window.docks["match"].widget() is window.match_panel
    assert isinstance(window.plan_editor, PlanEditor)
    assert window.docks["plan"].widget() is window.plan_editor
    assert window.docks["assets"].widget() is window.assets_split
    with pytest.raises(AttributeError):
        window.no_such_panel  # noqa: B018


def test_a_deferred_dock_in_sight_says_computing_until_built(qtbot, ui_settings):
    from PySide6.QtWidgets import QLabel

    from landplanner.ui.first_paint import computing_text
    from landplanner.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    texts = [label.text() for label in window.docks["match"].widget().findChildren(QLabel)]
    assert texts == [computing_text()]
    window.build_deferred()
    assert window.docks["match"].widget() is window.match_panel


def test_a_window_with_nothing_to_open_builds_them_at_the_first_turn(main_window, qtbot):
    qtbot.waitUntil(lambda: not main_window.deferred_pending(), timeout=5000)
    assert main_window.docks["plan"].widget() is main_window.plan_editor


def test_a_big_project_opened_at_start_gets_them_after_its_first_map(
        qtbot, ui_settings, grid_project_file):
    from landplanner.ui import prefetch
    from landplanner.ui.main_window import MainWindow

    path = grid_project_file
    prefetch.forget()
    assert prefetch.start(path)  # as `landplanner big.gpkg` does
    window = MainWindow()
    qtbot.addWidget(window)
    pm = window.project_model
    pm.defer_panels_above = 10  # the 36 parcels count as big here
    seen = {}

    def adopted():
        seen["pending at open"] = set(window.deferred_pending())

    def first_map():
        seen.setdefault("pending at first map", set(window.deferred_pending()))

    pm.projectChanged.connect(adopted)
    window.map.renderFinished.connect(first_map)
    window.resize(1400, 900)
    window.show()
    window.open_path(path)
    qtbot.waitUntil(lambda: not window.deferred_pending(), timeout=30000)
    assert "plan" in seen["pending at open"] and "plan" in seen["pending at first map"]
    assert not pm.after_map.held and not pm.after_map.pending()
    assert window.plan_editor.project_model is pm


def test_a_failed_opening_settles_the_start(qtbot, ui_settings, tmp_path):
    from landplanner.ui.main_window import MainWindow

    bad = tmp_path / "坏.gpkg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # starts like SQLite, is not one
    window = MainWindow()
    qtbot.addWidget(window)
    errors = []
    window.errorReporter = lambda title, error: errors.append(title)
    window.show()
    window.open_path(bad)
    qtbot.waitUntil(lambda: bool(errors) and not window.deferred_pending(), timeout=10000)
