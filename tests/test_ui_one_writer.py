"""One writer: only the project model changes the project; opening a project is not an edit."""

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

SAMPLE = Path(__file__).resolve().parents[1] / "sample_parcels" / "sample_project.gpkg"
UI = Path(__file__).resolve().parents[1] / "landplanner" / "ui"


def test_opening_the_sample_and_quitting_asks_nothing(main_window, open_in_window, tmp_path, qtbot,
                                                      monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from landplanner.ui.workers import running_tasks

    path = tmp_path / "sample_project.gpkg"
    shutil.copyfile(SAMPLE, path)
    open_in_window(main_window, path)
    pm = main_window.project_model
    assert len(pm.project.indicators)  # the sample carries indicators, so it is scored on open
    qtbot.waitUntil(lambda: pm.scores is not None and running_tasks() == 0, timeout=60000)
    assert len(pm.scores)
    assert not pm.dirty
    assert not main_window.isWindowModified()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    assert main_window.close()
    assert asked == []


def test_editing_the_scoring_rules_is_an_edit(main_window, open_in_window, tmp_path, qtbot):
    from landplanner.ui.workers import running_tasks

    path = tmp_path / "sample_project.gpkg"
    shutil.copyfile(SAMPLE, path)
    open_in_window(main_window, path)
    pm = main_window.project_model
    qtbot.waitUntil(lambda: pm.scores is not None and running_tasks() == 0, timeout=60000)
    old = pm.scores
    main_window.scoring.indicators.item(0, 1).setText("0")
    qtbot.waitUntil(lambda: pm.scores is not old and running_tasks() == 0, timeout=60000)
    assert pm.dirty and main_window.isWindowModified()
    assert pm.project.settings["scoring"]["indicators"][0]["weight"] == 0


def test_importing_parks_goes_through_the_model(main_window, ui_parcel_file, ui_parks_file, open_in_window,
                                                qtbot):
    from landplanner.ui.workers import running_tasks

    open_in_window(main_window, ui_parcel_file)
    pm = main_window.project_model
    pm.mark_saved(ui_parcel_file.with_suffix(".gpkg"))  # as if saved: no change yet
    assert not pm.dirty
    seen = []
    pm.parksChanged.connect(lambda: seen.append("parks"))
    main_window.import_parks(ui_parks_file)
    qtbot.waitUntil(lambda: bool(seen) and running_tasks() == 0, timeout=20000)
    assert pm.dirty
    assert pm.project.parks is not None and len(pm.project.parks) == 3


def test_widgets_do_not_write_the_project_or_emit_model_signals():
    """A widget that writes ``project.indicators``/settings or emits a model signal bypasses
    the one writer (and its dirty flag and signals)."""
    import re

    signals = ("projectChanged", "parcelsChanged", "cellChanged", "parksChanged", "selectionChanged",
               "scoresChanged", "plansChanged", "indicatorsChanged", "settingsChanged", "dirtyChanged",
               "pathChanged")
    emit = re.compile(r"\.({})\.emit\(".format("|".join(signals)))
    # a write to the project's own attribute (``….project.settings[…] = …``), not to a
    # widget's attribute of the same name that reads from the project
    write = re.compile(r"project\.(indicators|settings|plans|parcels|parks)\s*(\[[^\]]*\])?\s*=[^=]")
    found = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "project_model.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "project" in line and (emit.search(line) or write.search(line)):
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert found == []


def test_model_marks_changes_only_for_real_edits(qapp):
    from landplanner.project import Project
    from landplanner.ui.project_model import ProjectModel

    pm = ProjectModel()
    pm.set_project(Project(), "p.gpkg", saved=True)
    changed = []
    pm.settingsChanged.connect(changed.append)
    pm.set_scores(None)  # derived data
    pm.set_setting("year", pm.project.settings["year"])  # the same value
    assert not pm.dirty and changed == []
    pm.set_setting("year", 1999)
    assert pm.dirty and changed == ["year"] and pm.project.settings["year"] == 1999
