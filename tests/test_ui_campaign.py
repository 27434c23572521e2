"""The campaign in the app: asset cards and table, the scoreboard dialog, matching on the map.
Figures shown are compared with the core's (one truth); every change goes through the model."""

import copy
import datetime as dt

import pytest

pytest.importorskip("PySide6")

from conftest import REPO  # noqa: E402

from landplanner.analysis import assets, matching, plans, scoreboard  # noqa: E402
from landplanner.store import open_project  # noqa: E402

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"


@pytest.fixture(scope="module")
def sample():
    return open_project(SAMPLE)


@pytest.fixture
def window(main_window, sample):
    pm = main_window.project_model
    pm.today = dt.date(2026, 10, 8)
    pm.set_project(copy.deepcopy(sample), None, saved=True)
    return main_window


def test_asset_cards_and_table_show_the_core_figures(window, sample):
    figures = assets.district_figures(sample.assets, sample.settings, plans=sample.plans,
                                      today=dt.date(2026, 10, 8))
    cards = window.asset_figures
    for code in assets.FIGURES:
        card = cards.card(code)
        assert card.row["rate"] == pytest.approx(figures[code]["rate"])
        assert card.bar.format() == f"{figures[code]['rate'] * 100:.1f}%"
    table = window.assets_table
    assert table.model.rowCount() == len(sample.assets)
    table.kind.setCurrentIndex(table.kind.findData("collective"))
    assert table.model.rowCount() == int((sample.assets["kind"] == "collective").sum())
    assert "90 天" in table.leases.text()
    # located assets are drawn on the map
    assert len(window.map.markers("assets")) > 0


def test_importing_an_asset_table_goes_through_the_model(window, tmp_path, qtbot):
    import pandas as pd

    path = tmp_path / "国有资产.csv"
    pd.DataFrame({"资产编号": ["N1"], "资产名称": ["新楼"], "权属单位": ["某局"],
                  "建筑面积（平方米）": [100], "使用状态": ["闲置"]}).to_csv(path, index=False)
    with qtbot.waitSignal(window.project_model.assetsChanged):
        window.assets_table.import_path(str(path))
    project_assets = window.project_model.project.assets
    assert set(project_assets.loc[project_assets["kind"] == "state", "asset_id"]) == {"N1"}
    assert window.project_model.dirty
    assert window.asset_figures.card("state_occupancy").row["denominator"] == pytest.approx(100.0)


def test_scoreboard_dialog_freezes_through_the_model_and_keeps_the_record(window, qtbot):
    from landplanner.ui import campaign_wiring

    dialog = campaign_wiring.open_scoreboard(window)
    qtbot.addWidget(dialog)
    dialog.quarter.setCurrentText("2026Q3")
    assert dialog.freeze_button.isEnabled()  # not frozen yet: live table
    record = dialog.freeze(confirm=False)
    assert record["quarter"] == "2026Q3"
    pm = window.project_model
    assert scoreboard.find(pm.snapshots(), "2026Q3") == record
    assert not dialog.freeze_button.isEnabled()
    shown = [dialog.park_model.frame.iloc[i]["name"] for i in range(dialog.park_model.rowCount())]
    assert shown == [r["name"] for r in record["park"]]
    # a later edit through the model does not touch the frozen record
    frozen = copy.deepcopy(record)
    index = next(i for i, p in enumerate(pm.plans()) if p.status == "closed")
    pm.set_plan(index, plans.update(pm.plans()[index], "测试", status="completed", note="复核"))
    dialog.show_quarter("2026Q3")
    assert scoreboard.find(pm.snapshots(), "2026Q3") == frozen
    assert [dialog.park_model.frame.iloc[i]["points"] for i in range(3)] == \
        [r["points"] for r in frozen["park"]]


def test_matching_highlights_candidates_on_the_map(window, sample):
    pm = window.project_model
    result = pm.run_match()
    expected = matching.match(sample.incoming, sample.parcels, sample.plans, sample.indicators,
                              sample.settings)
    assert result[["project", "candidate", "score"]].equals(expected[["project", "candidate", "score"]])
    panel = window.match_panel
    panel.projects.setCurrentRow(1)
    name = sample.incoming.iloc[1]["name"]
    rows = result[result["project"] == name]
    ids = {pid for ids in rows["parcel_ids"] for pid in ids}
    selected = {pm.parcels["parcel_id"].iloc[p] for p in pm.selection}
    assert selected == ids
    markers = window.map.markers("match")
    assert [m[3] for m in markers] == [str(r) for r in rows["rank"]]
    assert panel.model.rowCount() == len(rows)


def test_account_totals_dock_shows_the_core_totals(window, sample):
    from landplanner.analysis import accounts

    expected = accounts.totals(accounts.plan_accounts(sample.plans, sample.parcels,
                                                      sample.indicators))
    shown = window.account_totals.model.frame
    assert len(shown) == len(expected)
    assert shown["tax_before"].tolist() == pytest.approx(expected["tax_before"].tolist())
    assert shown.iloc[-1]["park"] == "全区"


def test_asset_plan_created_advanced_closed_and_undone(window):
    pm = window.project_model
    table = window.assets_table
    planned = {p.subject_id for p in pm.plans() if p.subject_kind == "asset"}
    free = next(a for a in pm.assets()["asset_id"] if a not in planned)
    before = window.asset_figures.card("state_disposal").row["numerator"]
    plan = table.create_plan(free)
    assert plan.subject_kind == "asset" and plan.subject_id == free
    assert table.create_plan(free) is None  # one plan per asset
    for _ in range(2):
        table.advance_plan(free)
    closed = table.advance_plan(free, evidence="租赁合同 2026-09")
    assert closed.status == "closed" and closed.closed_date == pm.today
    shown = table.model.frame.set_index("asset_id").loc[free]
    assert shown["plan_status"] == "已销号"
    # an idle state asset ticked off counts as revitalized on the card
    kind = pm.assets().set_index("asset_id").loc[free, "kind"]
    if kind == "state":
        assert window.asset_figures.card("state_disposal").row["numerator"] >= before
    for _ in range(4):
        pm.undo_stack.undo()
    assert assets.plan_index_for(pm.plans(), free) is None


def test_scoreboard_dialog_shows_items_that_do_not_apply_as_dashes(window, qtbot):
    """The fair rule on screen: a unit with only asset plans has no mu items (—) and its
    counted weight says what its points stand on; an old record says it predates the rule."""
    from landplanner.ui import campaign_wiring

    dialog = campaign_wiring.open_scoreboard(window)
    qtbot.addWidget(dialog)
    dialog.quarter.setCurrentText("2026Q3")  # not frozen: computed now
    model = dialog.unit_model
    keys = [c[0] for c in model.columns]
    frame = model.frame
    asset_only = frame.index[frame["counted_weight"] < 100 - 1e-9][0]
    assert frame.loc[asset_only, "plans"] > 0
    cell = model.index(int(asset_only), keys.index("ytd_mu")).data()
    assert cell == "—"
    assert model.index(int(asset_only), keys.index("counted_weight")).data() == "30.0"
    assert "不计入得分" in dialog.rule.text()
    dialog.quarter.setCurrentText("2026Q2")  # frozen by the sample before the rule
    assert "冻结于" in dialog.rule.text()


def test_asset_list_opens_as_a_tab_beside_the_attribute_table(window, qtbot):
    dock = window.docks["assets"]
    assert not dock.isVisible()
    dock.toggleViewAction().trigger()  # 盘活专项 → 资产清单
    qtbot.waitUntil(lambda: dock.isVisible() and not dock.visibleRegion().isEmpty(), timeout=5000)
    # a tab of the attribute table's group, in front: the full width, not a squeezed column
    assert dock in window.tabifiedDockWidgets(window.docks["table"])
    assert window.docks["table"].visibleRegion().isEmpty()
    assert window.asset_plan_editor.isVisible()
    assert dock.widget().objectName() == "assets_split"


def test_matching_panel_shows_reasons_and_no_tax_for_land_without_a_holder(window):
    pm = window.project_model
    pm.run_match()
    panel = window.match_panel
    panel.projects.setCurrentRow(0)
    first = panel.model.row(0)
    assert first["reasons"] in panel.reasons.text()
    keys = [c[0] for c in panel.model.columns]
    col = keys.index("current_tax_per_mu")
    unsupplied = [r for r in range(panel.model.rowCount())
                  if panel.model.row(r)["state"] == "unsupplied"]
    assert unsupplied  # the sample's first project is offered 征而未供 land
    for r in unsupplied:
        assert panel.model.index(r, col).data() == "—"  # no holder: no 亩均税收, not 0.00


def test_match_panel_says_what_to_do_before_the_first_run(window, sample):
    """Projects imported but not matched yet: the panel says to click 匹配土地, never that
    there are no projects (it did, under a list of them)."""
    panel = window.match_panel
    assert window.project_model.match_result is None
    panel.refresh()
    assert panel.projects.count() == len(sample.incoming)
    assert "匹配土地" in panel.summary.text() and "没有拟引进项目" not in panel.summary.text()
    assert f"{len(sample.incoming)} 个" in panel.summary.text()
    assert "亩" in panel.projects.item(0).text()
