"""Issue 10 §2 in the app: the project settings dialog (through undo) and the quota panel of a
project without parks."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

pytest.importorskip("PySide6")

from conftest import UI_PARKS  # noqa: E402


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    return main_window


def test_settings_dialog_edits_targets_parks_and_user_through_undo(loaded, qtbot):
    pm = loaded.project_model
    before = dict(pm.project.settings)
    # The file's parks came in without targets: no park is "behind".
    assert loaded.quota.card(UI_PARKS[0]).row["target_mu"] != loaded.quota.card(UI_PARKS[0]).row["target_mu"]
    loaded.actions["project_settings"].trigger()
    dialog = loaded.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.parks.rowCount() == 3
    dialog.district_name.setText("崇川区")
    dialog.year.setValue(2026)
    dialog.district_mu.setValue(2600)
    for row in range(3):
        dialog.set_park_value(row, "target_mu", 800)
    dialog.set_park_value(0, "unit", "港闸开发区管委会")
    dialog.set_park_value(2, "name", "市北高新区")  # a rename: parcels follow
    row = dialog.add_park()
    dialog.set_park_value(row, "name", "北区产业园")
    dialog.set_park_value(row, "target_mu", 300)
    dialog.user.setText("王芳")
    dialog.grab().save("/tmp/bureau_project_settings.png")
    dialog.accept()
    settings = pm.project.settings
    assert settings["district_name"] == "崇川区" and settings["quotas"]["district_mu"] == 2600
    parks = {p["name"]: p for p in settings["quotas"]["parks"]}
    assert parks[UI_PARKS[0]]["target_mu"] == 800 and parks[UI_PARKS[0]]["unit"] == "港闸开发区管委会"
    assert parks["北区产业园"]["target_mu"] == 300 and "市北高新区" in parks
    assert (pm.parcels["park"] == "市北高新区").sum() == 12
    # The quota panel follows: targets, the renamed park, the new park.
    card = loaded.quota.card(UI_PARKS[0])
    assert card.row["target_mu"] == 800
    assert loaded.quota.card("市北高新区") is not None and loaded.quota.card("北区产业园") is not None
    # The workstation's user is the author of plan history entries.
    from landplanner.ui.plan_editor import current_author

    assert current_author() == "王芳"
    # One undo takes the whole change back, parcels' park names included.
    loaded.actions["undo"].trigger()
    assert pm.project.settings == before
    assert (pm.parcels["park"] == UI_PARKS[2]).sum() == 12
    assert loaded.quota.card("北区产业园") is None


def test_duplicate_park_names_are_refused(loaded):
    loaded.actions["project_settings"].trigger()
    dialog = loaded.settings_dialog
    dialog.set_park_value(1, "name", UI_PARKS[0])
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text()
    assert not loaded.project_model.undo_stack.canUndo()
    dialog.reject()


def test_quota_panel_of_a_project_without_parks_says_how_to_add_them(
    main_window, open_in_window, tmp_path
):
    gdf = gpd.GeoDataFrame(
        {"DKBH": ["A1", "A2"], "LB": ["闲置", "低效"], "XZ": ["天长市", "来安县"]},
        geometry=[shapely.box(490000, 3545000, 490100, 3545100),
                  shapely.box(490200, 3545000, 490300, 3545100)], crs=4549,
    )
    path = tmp_path / "noparks.shp"
    gdf.to_file(path, encoding="utf-8")
    open_in_window(main_window, path)
    panel = main_window.quota
    assert [c.park for c in panel.cards] == ["district"]
    assert "项目设置" in panel.message.text() and "滞后" not in panel.message.text()
    main_window.docks["quota"].show()
    main_window.docks["quota"].raise_()
    panel.grab().save("/tmp/bureau_quota_no_parks.png")
