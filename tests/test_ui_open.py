"""Opening files through the menu's code path: import dialog, report, mapping, projects."""

import pytest

pytest.importorskip("PySide6")

from conftest import UI_PARKS, ui_parcel_rows  # noqa: E402

MU_PER_M2 = 15 / 10000  # 1 亩 = 10000/15 m²


def test_open_parcel_file_shows_report_and_mapping(main_window, ui_parcel_file, open_in_window):
    dialog = open_in_window(main_window, ui_parcel_file, accept=False)
    assert dialog is not None and dialog.isVisible()
    mapping = dialog.mapping()
    # The core's guesses for the pinyin headers are pre-filled.
    assert mapping["parcel_id"] == "DKBH"
    assert mapping["enterprise"] == "QYMC"
    assert mapping["uscc"] == "XYDM"
    # The load report names the CRS and the encoding read from the .cpg.
    report = dialog.result.report
    assert report.crs.epsg == 4549
    assert report.encoding.source == "cpg"
    dialog.reject()
    assert main_window.project_model.project is None


def test_accepting_import_builds_project(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    pm = main_window.project_model
    rows = ui_parcel_rows()
    assert len(pm.parcels) == len(rows) == 36
    # Area in mu from the geometry: a 150 m square is 22,500 m² = 33.75 mu.
    first = pm.parcels.iloc[0]
    assert first["parcel_id"] == "DK001"
    assert first["area_mu"] == pytest.approx(150 * 150 * MU_PER_M2)
    # A new project assumes no parks: the parks are those the file names, as it names them.
    assert set(pm.parcels["park"]) == set(UI_PARKS)
    assert [p["name"] for p in pm.project.settings["quotas"]["parks"]] == list(dict.fromkeys(
        r["YQMC"] for r in rows))
    assert pm.dirty  # imported, not yet saved
    assert main_window.table.model.rowCount() == 36
    assert main_window.isWindowModified()


def test_changed_mapping_is_used(main_window, ui_parcel_file, open_in_window, qtbot):
    dialog = open_in_window(main_window, ui_parcel_file, accept=False)
    dialog.set_source("enterprise", None)
    loaded = []
    main_window.projectLoaded.connect(lambda: loaded.append(1))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(loaded))
    assert main_window.project_model.parcels["enterprise"].isna().all()


def test_broken_file_reports_error_and_app_stays_usable(main_window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    bad = tmp_path / "broken.shp"
    bad.write_bytes(b"not a shapefile at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    main_window.actions["open"].trigger()
    qtbot.waitUntil(lambda: main_window.findChild(QMessageBox, "errorBox") is not None, timeout=20000)
    box = main_window.findChild(QMessageBox, "errorBox")
    assert box.text()  # a plain message
    assert "Traceback" in box.detailedText() or box.detailedText()  # details to copy
    box.close()
    assert main_window.isVisible()
    assert main_window.actions["open"].isEnabled()


def test_project_save_and_reopen(main_window, ui_parcel_file, open_in_window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from landplanner.ui.workers import running_tasks

    open_in_window(main_window, ui_parcel_file)
    target = tmp_path / "saved" / "项目.gpkg"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.actions["save"].trigger()  # first save asks for a path
    qtbot.waitUntil(lambda: running_tasks() == 0 and not main_window.project_model.dirty, timeout=20000)
    assert target.is_file()
    assert main_window.project_model.path == target
    # Reopen it through File → Open: a project opens without the import dialog.
    main_window.project_model.close_project()
    open_in_window(main_window, target)
    assert getattr(main_window, "import_dialog", None) is None
    assert len(main_window.project_model.parcels) == 36
    assert not main_window.project_model.dirty
    from landplanner.ui import app_settings

    assert str(target.resolve()) in app_settings.recent_files()
