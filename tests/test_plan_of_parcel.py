"""Which plan a parcel has: one rule (plans.plan_for_parcels) for map, table, details and workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from landplanner import messages, vocabulary
from landplanner.analysis import plans as P

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "sample_project.gpkg"
TODAY = dt.date(2026, 11, 23)


def _plan(pid, status="not_started", parcels=(), uscc=None):
    plan = P.create(pid, "t", parcel_ids=list(parcels), uscc=uscc)
    order = P.STATUS_ORDER
    for s in order[1 : order.index(status) + 1]:
        extra = {"closed_date": dt.date(2026, 1, 2), "evidence": "x"} if s == "closed" else {}
        plan = P.update(plan, "t", status=s, **extra)
    return plan


def test_rule_parcel_ids_only_most_advanced_first_on_ties():
    parcels = pd.DataFrame({"parcel_id": ["a", "b", "c", "d", None],
                            "uscc": ["U1", "U1", "U2", "U3", "U1"]})
    plans = [
        _plan("P1", "in_progress", ["a"], uscc="U1"),
        _plan("P2", "closed", ["b"], uscc="U1"),
        _plan("P3", "not_started", ["b", "c"]),
        _plan("P4", "closed", ["c"]),
        _plan("P5", "closed", ["c"]),  # same status as P4: the first one wins
        _plan("P6", "completed", [], uscc="U3"),  # lists no parcel: covers none
    ]
    got = P.plan_for_parcels(plans, parcels)
    assert got.dtype == "Int64"
    assert got.tolist() == [0, 1, 3, pd.NA, pd.NA]
    cols = P.parcel_plan_columns(plans, parcels, TODAY)
    assert cols["plan_id"].tolist() == ["P1", "P2", "P4", None, None]
    assert cols["plan_status"].tolist() == ["in_progress", "closed", "closed", None, None]
    assert cols["overdue"].tolist() == [False] * 5
    assert P.plan_for_parcels([], parcels).isna().all()


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")
def test_the_view_adds_exactly_its_derived_columns():
    import geopandas as gpd
    import shapely

    from landplanner.project import Project
    from landplanner.services.parcel_view import DERIVED_COLUMNS, parcel_view

    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["A", "B"], "category": ["idle", "idle"], "class": ["mine", "mine"]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)], crs="EPSG:4549")
    view = parcel_view(Project(parcels=parcels), None, TODAY)
    # what the read-ahead of the first map relies on: any other column is the parcels' own
    assert set(view.columns) - set(parcels.columns) == set(DERIVED_COLUMNS) - {"class"}
    assert view["class"].isna().all()  # a column of the file's named "class" is replaced
    for column in set(parcels.columns) - set(DERIVED_COLUMNS):
        assert view[column].equals(parcels[column])


def test_map_table_details_and_workbook_agree_on_every_sample_parcel(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from landplanner.export.xlsx_export import export_workbook
    from landplanner.store import open_project
    from landplanner.ui.project_model import ProjectModel
    from landplanner.ui.styles import get_style
    from landplanner.ui.table_model import display_text

    project = open_project(SAMPLE)
    pm = ProjectModel()
    pm.set_project(project, SAMPLE, saved=True)
    pm.today = TODAY
    view = pm.parcel_view()
    style = get_style("status", view)
    map_status = [style.keys[i] or None for i in style.classify(view)]

    for lang in ("zh", "en"):
        monkeypatch.setattr(messages, "_language", lang)  # the UI language
        out = export_workbook(project, tmp_path / f"{lang}.xlsx", language=lang, today=TODAY)
        book = openpyxl.load_workbook(out, read_only=True)
        # candidates on 低效用地清单, 其他 on their own sheet: together every parcel
        rows = list(book["低效用地清单" if lang == "zh" else "Low-efficiency land"].iter_rows(
            values_only=True))
        rows += list(book["其他地块" if lang == "zh" else "Other parcels"].iter_rows(
            values_only=True))[1:]
        head = list(rows[0])
        pid_col = head.index(vocabulary.label("field", "parcel_id", lang))
        id_col = head.index(vocabulary.label("field", "plan_id", lang))
        status_col = head.index(vocabulary.label("field", "plan_status", lang))
        excel = {r[pid_col]: (r[id_col], r[status_col]) for r in rows[1:]}
        assert len(excel) == len(view)
        with_plan = 0
        for pos, pid in enumerate(view["parcel_id"]):
            plan_id, status_text = excel[pid]
            status = vocabulary.code_for("status", status_text)
            assert status == map_status[pos], (pid, status_text, map_status[pos])
            assert status == view["plan_status"].iloc[pos]
            # the table shows the same word the workbook writes (or 无方案 for none)
            shown = display_text("status", view["plan_status"].iloc[pos])
            assert shown == (status_text if status_text else vocabulary.missing_label("status"))
            if lang == "zh":  # details panel and plan editor open this plan
                index = pm.plan_index_for(pos)
                assert (None if index is None else project.plans[index].id) == plan_id, pid
            with_plan += status is not None
        assert with_plan == sum(1 for pid in view["parcel_id"]
                                if any(pid in p.parcel_ids for p in project.plans))


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")
def test_details_panel_speaks_the_vocabulary(qtbot, monkeypatch):
    pytest.importorskip("PySide6")
    import re

    from landplanner.store import open_project
    from landplanner.ui.details_panel import DetailsPanel
    from landplanner.ui.project_model import ProjectModel

    monkeypatch.setattr(messages, "_language", "zh")
    project = open_project(SAMPLE)
    pm = ProjectModel()
    pm.today = TODAY
    pm.set_project(project, SAMPLE, saved=True)
    panel = DetailsPanel(pm)
    qtbot.addWidget(panel)
    view = pm.parcel_view()
    closed = next(i for i, s in enumerate(view["plan_status"]) if s == "closed")
    panel.show_parcel(closed)
    rows = {panel.table.item(r, 0).text(): panel.table.item(r, 1).text()
            for r in range(panel.table.rowCount()) if panel.table.item(r, 1) is not None}
    assert rows[vocabulary.label("plan_field", "status")].startswith("已销号")
    plan = project.plans[pm.plan_index_for(closed)]
    assert rows[vocabulary.label("plan_field", "method")] == vocabulary.label("method", plan.method)
    assert rows[vocabulary.label("field", "category")] == vocabulary.label(
        "category", view["category"].iloc[closed])
    for text in rows.values():  # no code names reach the panel
        assert not re.search(r"\b(?:idle|low_efficiency|unsupplied|closed|not_started|above|"
                             r"below|renting|None|nan)\b", text), text
    panel.resize(420, 640)
    panel.grab().save("/tmp/details_closed.png")
