"""The asset plan editor, driven the way a clerk works: pick an asset in the asset table,
create its plan, edit every field (method, reason, unit, person, target date, milestones, the
three accounts as figures), save, undo, switch assets with unsaved typing, and 销号 with
evidence. It is the land plan editor's form (one class, driven by the plan's subject kind);
every change goes through the project model's undo stack."""

import copy
import datetime as dt

import pytest

pytest.importorskip("PySide6")

from conftest import REPO  # noqa: E402
from PySide6.QtCore import QDate, Qt  # noqa: E402

from landplanner.analysis import accounts, assets  # noqa: E402
from landplanner.model.plan import ACCOUNT_FIGURES  # noqa: E402
from landplanner.store import open_project  # noqa: E402
from landplanner.ui.date_field import DateField  # noqa: E402

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"


@pytest.fixture(scope="module")
def sample():
    return open_project(SAMPLE)


@pytest.fixture
def window(main_window, sample):
    pm = main_window.project_model
    pm.today = dt.date(2026, 10, 8)
    project = copy.deepcopy(sample)
    # some idle state assets without a plan yet (the sample plans every idle asset)
    idle = set(project.assets.loc[(project.assets["status"] == "idle")
                                  & (project.assets["kind"] == "state"), "asset_id"])
    project.plans = [p for p in project.plans if not (
        p.subject_kind == "asset" and p.subject_id in idle and p.status == "not_started")]
    pm.set_project(project, None, saved=True)
    main_window.docks["assets"].show()
    main_window.docks["assets"].raise_()
    return main_window


def _click_asset(window, qtbot, asset_id):
    """Click the asset's row in the asset table, as a user does."""
    table = window.assets_table
    row = table.row_of(asset_id)
    assert row is not None
    index = table.model.index(row, 2)
    table.view.scrollTo(index)
    rect = table.view.visualRect(index)
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _unplanned(pm, status="idle", kind="state"):
    planned = {p.subject_id for p in pm.plans() if p.subject_kind == "asset"}
    table = pm.assets()
    pick = table[(table["status"] == status) & (table["kind"] == kind)
                 & ~table["asset_id"].isin(planned)]
    return list(pick["asset_id"])


def _set_cell(table, row, col, text):
    item = table.item(row, col)
    item.setText(text)


def test_one_form_for_both_subject_kinds(window):
    land, asset = window.plan_editor, window.asset_plan_editor
    assert type(land) is type(asset)
    assert (land.subject_kind, asset.subject_kind) == ("parcel", "asset")
    # the land plan's account figures are the ones analysis.accounts totals
    assert [k for _a, k in ACCOUNT_FIGURES["parcel"]] == list(accounts.FIGURES)
    assert [k for _a, k in land._account_rows] == list(accounts.FIGURES)
    assert [k for _a, k in asset._account_rows] == [k for _a, k in ACCOUNT_FIGURES["asset"]]


def test_select_create_edit_save_undo(window, qtbot):
    pm = window.project_model
    editor = window.asset_plan_editor
    asset_id = _unplanned(pm)[0]
    _click_asset(window, qtbot, asset_id)
    assert editor.asset_id == asset_id and editor.plan() is None
    assert asset_id in editor.header.text()
    assert editor.create_button.isVisible()
    assert "出租、招商引资" in editor.suggestion.text()  # idle → let it (the core's suggestion)
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    plan = editor.plan()
    assert plan.subject_kind == "asset" and plan.subject_id == asset_id
    assert plan.method == "lease"
    row = pm.asset_row(asset_id)
    assert plan.responsible_unit == row["owner"]
    # an asset plan frees no land: those rows are not on the form
    assert editor.form_box.isVisible()
    assert not editor.mu_to_free.isVisible() and not editor.tax_after.isVisible()
    assert isinstance(editor.target, DateField) and editor.target.calendarPopup()

    editor.method.setCurrentIndex(editor.method.findData("transfer"))
    editor.reason.setText("闲置三年，公开招租未果")
    editor.unit.setText("区机关事务管理局")
    editor.person.setText("陈明")
    editor.target.setDate(QDate(2026, 12, 31))
    add = next(b for b in editor.milestones_box.findChildren(type(editor.apply_button))
               if b.text() in ("添加节点", "Add milestone"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    _set_cell(editor.milestones, 0, 0, "挂牌转让")
    _set_cell(editor.milestones, 0, 1, "2026-09-30")  # past today: shown as overdue
    assert editor.milestones.item(0, 3).text() == "逾期"
    rows = [k for _a, k in editor._account_rows]
    _set_cell(editor.accounts, rows.index("rent"), 1, "0")
    _set_cell(editor.accounts, rows.index("rent"), 2, "36.5")
    _set_cell(editor.accounts, rows.index("used_m2"), 2, "1,200")
    assert editor.has_unsaved_changes()
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.error.text() == ""
    saved = editor.plan()
    assert saved.method == "transfer"
    assert saved.reason == "闲置三年，公开招租未果"
    assert (saved.responsible_unit, saved.responsible_person) == ("区机关事务管理局", "陈明")
    assert saved.target_date == dt.date(2026, 12, 31)
    assert [(m.title, m.due, m.done) for m in saved.milestones] == [
        ("挂牌转让", dt.date(2026, 9, 30), None)]
    assert saved.accounts["economic"]["figures"] == {"rent_before": 0.0, "rent_after": 36.5}
    assert saved.accounts["resource"]["figures"] == {"used_m2_after": 1200.0}
    assert not editor.has_unsaved_changes()
    # the asset table shows the plan (its method and unit come from the same record)
    shown = window.assets_table.model.frame.set_index("asset_id").loc[asset_id]
    assert shown["plan_id"] == saved.id and shown["responsible_unit"] == "区机关事务管理局"
    assert window.assets_table.current_asset() == asset_id  # still selected after the reload

    window.actions["undo"].trigger()  # the edit
    assert editor.plan().method == "lease" and editor.unit.text() == row["owner"]
    assert editor.plan().accounts["economic"]["figures"] == {}
    window.actions["undo"].trigger()  # the creation
    assert editor.plan() is None and editor.create_button.isVisible()
    assert assets.plan_index_for(pm.plans(), asset_id) is None
    pm.undo_stack.redo()
    pm.undo_stack.redo()
    assert editor.plan().method == "transfer"


def test_switching_assets_with_unsaved_typing_asks(window, qtbot, monkeypatch):
    pm = window.project_model
    editor = window.asset_plan_editor
    first, second, third = _unplanned(pm)[:3]
    _click_asset(window, qtbot, first)
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    editor.person.setText("周敏")
    asked = []
    monkeypatch.setattr(editor, "ask_unsaved", lambda: asked.append(1) or "cancel")
    _click_asset(window, qtbot, second)
    assert asked
    assert editor.asset_id == first and editor.person.text() == "周敏"
    assert window.assets_table.current_asset() == first  # the row did not move either
    monkeypatch.setattr(editor, "ask_unsaved", lambda: "save")
    _click_asset(window, qtbot, second)
    assert editor.asset_id == second
    assert pm.plans()[assets.plan_index_for(pm.plans(), first)].responsible_person == "周敏"
    # nothing typed: no question
    monkeypatch.setattr(editor, "ask_unsaved", lambda: pytest.fail("asked without changes"))
    _click_asset(window, qtbot, third)
    _click_asset(window, qtbot, first)
    assert editor.person.text() == "周敏"


def test_closing_an_asset_plan_needs_milestones_done_or_a_reason_and_evidence(window, qtbot):
    pm = window.project_model
    editor = window.asset_plan_editor
    asset_id = _unplanned(pm)[0]
    before = window.asset_figures.card("state_disposal").row["numerator"]
    area = float(pm.asset_row(asset_id)["area_m2"])
    _click_asset(window, qtbot, asset_id)
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    editor._add_milestone_row("签订租赁合同", "2026-11-30", "")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.forward_button, Qt.MouseButton.LeftButton)
    assert editor.plan().status == "completed"
    assert editor.forward_button.text() == "推进到“已销号”" or "已销号" in editor.forward_button.text()
    # no evidence: refused
    qtbot.mouseClick(editor.forward_button, Qt.MouseButton.LeftButton)
    assert editor.plan().status == "completed" and editor.error.text()
    # evidence, but the milestone is open and no reason: refused, the milestone named
    editor.evidence.setText("租赁合同 ZL-2026-031")
    qtbot.mouseClick(editor.forward_button, Qt.MouseButton.LeftButton)
    assert editor.plan().status == "completed"
    assert "签订租赁合同" in editor.error.text()
    # the milestone done (typed in its Done cell and saved), then 销号 on the picked date
    _set_cell(editor.milestones, 0, 2, "2026-10-05")
    assert editor.milestones.item(0, 3).text() == "已完成"
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    editor.closed_date.setDate(QDate(2026, 10, 6))
    editor.evidence.setText("租赁合同 ZL-2026-031")
    qtbot.mouseClick(editor.forward_button, Qt.MouseButton.LeftButton)
    plan = editor.plan()
    assert plan.status == "closed", editor.error.text()
    assert plan.closed_date == dt.date(2026, 10, 6) and plan.evidence == "租赁合同 ZL-2026-031"
    assert "已销号" in editor.status_label.text()
    shown = window.assets_table.model.frame.set_index("asset_id").loc[asset_id]
    assert shown["plan_status"] == "已销号"
    # an idle state asset ticked off this year counts as revitalized on the dashboard card
    assert window.asset_figures.card("state_disposal").row["numerator"] == pytest.approx(before + area)
    window.actions["undo"].trigger()
    assert editor.plan().status == "completed"
    assert window.asset_figures.card("state_disposal").row["numerator"] == pytest.approx(before)
