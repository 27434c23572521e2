"""Plan editor and quota dashboard, driven like a user; figures compared with the core
and with hand-computed areas."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402

from landplanner.analysis import quota  # noqa: E402


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    main_window.project_model.today = dt.date(2026, 11, 23)
    main_window.docks["plan"].show()
    main_window.docks["plan"].raise_()
    return main_window


def test_plan_editor_create_edit_close_undo(loaded, qtbot):
    pm = loaded.project_model
    editor = loaded.plan_editor
    loaded.map.selectionChanged.emit([0])  # DK001, idle land
    assert editor.position == 0
    assert editor.plan() is None
    assert editor.create_button.isVisible()
    assert "<b>" in editor.suggestion.text()  # the core's suggested method, with its reason
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    assert len(pm.project.plans) == 1
    plan = editor.plan()
    assert plan.parcel_ids == ("DK001",)
    assert plan.status == "not_started"
    # Edit the responsible unit and save.
    editor.unit.setText("港闸开发区管委会")
    editor.person.setText("张三")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.plan().responsible_unit == "港闸开发区管委会"
    assert editor.history.rowCount() >= 2
    # Move forward step by step; closing without evidence is refused by the core's rule.
    editor.move_status(+1)
    editor.move_status(+1)
    assert editor.plan().status == "completed"
    editor.evidence.setText("")
    editor.move_status(+1)
    assert editor.plan().status == "completed"
    assert editor.error.text()
    editor.closed_date.setText("2026-11-20")
    editor.evidence.setText("收回协议 2026-018")
    editor.move_status(+1)
    assert editor.plan().status == "closed"
    assert editor.plan().closed_date == dt.date(2026, 11, 20)
    # The quota dashboard now counts DK001 (150 m square = 33.75 mu) as done in its park.
    card = loaded.quota.card("港闸经济开发区")
    assert card.row["done_mu"] == pytest.approx(150 * 150 * 15 / 10000)
    # Undo the closing, then everything back to "no plan".
    loaded.actions["undo"].trigger()
    assert editor.plan().status == "completed"
    while pm.undo_stack.canUndo():
        pm.undo_stack.undo()
    assert pm.project.plans == []
    assert loaded.quota.card("港闸经济开发区").row["done_mu"] == 0


def test_quota_dashboard_equals_core_and_hand_figures(loaded):
    pm = loaded.project_model
    core = quota.compute(pm.parcels, pm.project.plans, pm.project.settings, pm.today)
    panel = loaded.quota.table
    assert panel.equals(core)
    # By hand: each park has 4 squares of 150 m (33.75 mu) and 8 of 100 m (15 mu), all of
    # them candidate categories, and no plan yet.
    per_park = 4 * 33.75 + 8 * 15.0
    for card in loaded.quota.cards:
        expected = per_park * (3 if card.park == "district" else 1)
        assert card.row["candidate_mu"] == pytest.approx(expected)
        assert card.row["done_mu"] == 0
    assert len(loaded.quota.cards) == 4


def test_clicking_a_park_filters_table(loaded, qtbot):
    card = loaded.quota.card("崇川经济开发区")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    table = loaded.table
    assert table.proxy.rowCount() == 12
    col = [c.key for c in table.model.columns].index("park")
    assert {table.proxy.index(r, col).data() for r in range(12)} == {"崇川经济开发区"}


def test_plan_history_reads_as_words_after_closing(loaded, qtbot):
    """Plan history: vocabulary labels, milestones by title and date; no code names or reprs."""
    import re

    from landplanner import vocabulary

    editor = loaded.plan_editor
    loaded.map.selectionChanged.emit([0])
    qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    editor.method.setCurrentIndex(editor.method.findData("recover_free"))
    editor._add_milestone_row("约谈企业", "2026-03-01", "2026-02-20")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    editor.move_status(+1)
    editor.move_status(+1)
    editor.closed_date.setText("2026-11-20")
    editor.evidence.setText("收回协议 2026-018")
    editor.move_status(+1)
    assert editor.plan().status == "closed"
    changes = [editor.history.item(r, 2).text() for r in range(editor.history.rowCount())]
    editor.resize(760, 1500)
    editor.history.resizeColumnsToContents()
    editor.history_box.grab().save("/tmp/plan_history.png")
    assert "状态：已完成 → 已销号" in changes
    assert "状态：未启动 → 推进中" in changes
    assert f"处置方式：{vocabulary.label('method', editor._suggested[0])} → 依法无偿收回" in changes \
        or "处置方式：— → 依法无偿收回" in changes
    assert any("“约谈企业”" in c and "2026-03-01" in c for c in changes), changes
    assert "销号日期：— → 2026-11-20" in changes
    for text in changes:
        assert not re.search(r"[\[\]{}']|status|method|closed|not_started|None|title", text), text
