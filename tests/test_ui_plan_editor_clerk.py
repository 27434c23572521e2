"""Issue 10 §4: the plan editor as a clerk expects (date pickers, unsaved edits, 销号 rules,
the author from settings)."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt  # noqa: E402

from landplanner.ui.date_field import DateField  # noqa: E402


@pytest.fixture
def editor_window(main_window, ui_parcel_file, open_in_window, qtbot):
    open_in_window(main_window, ui_parcel_file)
    main_window.project_model.today = dt.date(2026, 11, 23)
    main_window.docks["plan"].show()
    main_window.project_model.set_selection([0])
    editor = main_window.plan_editor
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    return main_window


def test_dates_are_pickers_and_the_closing_date_is_empty_until_closing(editor_window, qtbot):
    editor = editor_window.plan_editor
    assert isinstance(editor.target, DateField) and editor.target.calendarPopup()
    assert isinstance(editor.closed_date, DateField)
    # A plan that has not started has no 销号 date and the field is not in use yet.
    assert editor.plan().status == "not_started"
    assert editor.closed_date.text() == "" and not editor.closed_date.isEnabled()
    editor.target.setDate(QDate(2027, 3, 31))
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.plan().target_date == dt.date(2027, 3, 31)
    editor.move_status(+1)
    editor.move_status(+1)
    assert editor.closed_date.isEnabled() and editor.closed_date.text() == ""


def test_closing_needs_milestones_done_or_a_reason(editor_window, qtbot):
    editor = editor_window.plan_editor
    editor._add_milestone_row("签约", "2026-05-01", "")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    editor.move_status(+1)
    editor.move_status(+1)
    editor.evidence.setText("收回协议 2026-018")
    editor.move_status(+1)
    assert editor.plan().status == "completed"
    assert "签约" in editor.error.text()  # the open milestone is named
    editor.note.setText("签约改为整体收回")
    editor.move_status(+1)
    plan = editor.plan()
    assert plan.status == "closed"
    assert plan.closed_date == dt.date(2026, 11, 23)  # left empty: the day it is closed


def test_switching_parcels_with_unsaved_typing_asks(editor_window, monkeypatch):
    pm = editor_window.project_model
    editor = editor_window.plan_editor
    editor.unit.setText("港闸开发区管委会")
    assert editor.has_unsaved_changes()
    asked = []
    monkeypatch.setattr(editor, "ask_unsaved", lambda: asked.append(1) or "cancel")
    pm.set_selection([5])
    assert asked and editor.position == 0 and editor.unit.text() == "港闸开发区管委会"
    monkeypatch.setattr(editor, "ask_unsaved", lambda: "save")
    pm.set_selection([6])
    assert editor.position == 6
    assert pm.project.plans[0].responsible_unit == "港闸开发区管委会"
    # Nothing typed: no question.
    monkeypatch.setattr(editor, "ask_unsaved", lambda: pytest.fail("asked without changes"))
    pm.set_selection([0])
    pm.set_selection([7])


def test_history_author_is_the_user_set_in_project_settings(editor_window):
    editor_window.actions["project_settings"].trigger()
    dialog = editor_window.settings_dialog
    dialog.user.setText("王芳")
    dialog.accept()
    editor = editor_window.plan_editor
    editor_window.project_model.set_selection([0])
    editor.person.setText("李四")
    editor.apply_changes()
    assert editor.plan().history[-1]["author"] == "王芳"
    assert editor.history.item(0, 1).text() == "王芳"


def test_form_names_fields_as_the_catalogue_and_the_workbook(editor_window):
    """One name per plan field: the editor's form rows are the catalogue's headers, the same
    words the workbook's 一企一策 sheet prints (xlsx_export reads vocabulary.header)."""
    from PySide6.QtWidgets import QFormLayout

    from landplanner import vocabulary
    from landplanner.export import xlsx_export

    editor = editor_window.plan_editor
    form = editor.form_box.layout()
    assert isinstance(form, QFormLayout)
    shown = {}
    for widget, name in ((editor.target, "target_date"), (editor.mu_to_free, "mu_to_free"),
                         (editor.person, "responsible_person"), (editor.reason, "reason")):
        label = form.labelForField(widget)
        shown[name] = label.text()
        assert label.text() == vocabulary.form_label("plan_field", name), name
    assert shown["target_date"] == "完成时限：" and shown["mu_to_free"] == "盘活面积（亩）："
    headers = {zh for _c, zh, _en, _k in xlsx_export.PLAN_COLUMNS}
    for name in ("target_date", "mu_to_free", "responsible_person", "reason"):
        assert shown[name].rstrip("：") in headers, name
