"""The campaign lists on the shipped sample: assets, incoming projects, snapshots, matching."""

import copy
import datetime as dt
import json

import numpy as np
import pytest
import shapely
from conftest import REPO
from pyproj import Geod, Transformer
from shapely.ops import unary_union

from landplanner.analysis import assets, matching, plans, scoreboard
from landplanner.cli import main
from landplanner.store import open_project, save_project

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"
FILES = ("assets_state.xlsx", "assets_collective.xlsx", "incoming_projects.xlsx")


@pytest.fixture(scope="module")
def project():
    return open_project(SAMPLE)


def test_committed_campaign_tables_come_from_their_generator(tmp_path):
    import sys

    sys.path.insert(0, str(REPO / "sample_parcels"))
    try:
        import generate_campaign
    finally:
        sys.path.pop(0)
    for path in generate_campaign.generate(tmp_path):
        assert path.read_bytes() == (REPO / "sample_parcels" / path.name).read_bytes(), path.name


def test_sample_has_both_asset_kinds_plans_projects_and_snapshots(project):
    assert set(project.assets["kind"]) == {"state", "collective"}
    asset_plans = [p for p in project.plans if p.subject_kind == "asset"]
    assert asset_plans and {p.subject_id for p in asset_plans} <= set(project.assets["asset_id"])
    assert len(project.incoming) >= 10
    assert [s["quarter"] for s in scoreboard.listing(project.snapshots)] == ["2026Q1", "2026Q2"]
    figures = assets.district_figures(project.assets, project.settings, plans=project.plans)
    assert set(figures) == set(assets.FIGURES)
    # seeded near the targets: some met, some not
    assert {f["met"] for f in figures.values()} == {True, False}


def test_matching_on_sample_areas_are_independently_right(project):
    result = matching.match(project.incoming, project.parcels, project.plans, project.indicators,
                            project.settings, lang="zh")
    smart = result[result["project"].isin([f"智能制造项目{k}" for k in range(1, 6)])]
    assert smart["project"].nunique() == 5  # the five smart-manufacturing projects all get land
    assert (smart["park"] == "港闸经济开发区").all() and smart["area_mu"].between(10, 20).all()
    assert (smart.groupby("project")["rank"].min() == 1).all()
    by_id = project.parcels.set_index("parcel_id")
    to_geo = Transformer.from_crs(project.parcels.crs, "EPSG:4490", always_xy=True)
    geod = Geod(ellps="GRS80")
    checked = 0
    for row in result.itertuples():
        union = unary_union(list(by_id.loc[list(row.parcel_ids), "geometry"]))
        assert row.area_mu == pytest.approx(union.area / (10000 / 15), abs=0.006)
        lonlat = shapely.transform(union, lambda xy: np.column_stack(
            to_geo.transform(xy[:, 0], xy[:, 1])))
        geodesic = abs(geod.geometry_area_perimeter(lonlat)[0]) / (10000 / 15)
        assert row.area_mu == pytest.approx(geodesic, rel=2e-3)
        checked += 1
    assert checked >= 30
    assert result["reasons"].str.contains("亩").all()


def test_q3_snapshot_on_sample_unchanged_after_edits_and_save(project, tmp_path):
    p = copy.deepcopy(project)
    record = scoreboard.freeze(p.parcels, p.plans, p.settings, "2026Q3", p.snapshots,
                               assets=p.assets, parks=p.parks,
                               now=dt.datetime(2026, 10, 8, tzinfo=dt.UTC))
    p.snapshots = scoreboard.add_snapshot(p.snapshots, record)
    frozen = json.loads(json.dumps(record))
    # later edits: every closed land plan reopened
    p.plans = [plans.update(x, "审计", status="completed", note="复核") if x.status == "closed" else x
               for x in p.plans]
    save_project(p, tmp_path / "later.gpkg")
    back = open_project(tmp_path / "later.gpkg")
    assert scoreboard.find(back.snapshots, "2026Q3") == frozen
    live = scoreboard.compute(back.parcels, back.plans, back.settings, "2026Q3")["park"]
    assert live["ytd_mu"].sum() == 0  # the live table changed; the record did not
    assert frame_sum(frozen) > 0


def frame_sum(record):
    return sum(r["ytd_mu"] for r in record["park"])


def test_ranking_cli_lists_and_freezes(tmp_path, capsys):
    target = tmp_path / "p.gpkg"
    target.write_bytes(SAMPLE.read_bytes())
    assert main(["ranking", str(target), "--quarter", "2026Q2", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["frozen"] is True and shown["quarter"] == "2026Q2"
    assert main(["ranking", str(target), "--quarter", "2026Q3", "--freeze"]) == 0
    capsys.readouterr()
    assert [s["quarter"] for s in open_project(target).snapshots][-1] == "2026Q3"
    assert main(["ranking", str(target), "--quarter", "2026Q3", "--freeze"]) == 2
    assert "已于" in capsys.readouterr().err
    pdf = tmp_path / "summary.pdf"
    assert main(["ranking", str(target), "--quarter", "2026Q3", "--summary", str(pdf)]) == 0
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert main(["ranking", str(target), "--quarter", "2026Q4", "--summary", str(pdf)]) == 2


def test_match_and_assets_cli(tmp_path, capsys):
    table = REPO / "sample_parcels" / "incoming_projects.xlsx"
    out = tmp_path / "match.xlsx"
    assert main(["match", str(SAMPLE), "--projects", str(table), "--json", "--xlsx", str(out)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"project", "rank", "candidate", "area_mu", "reasons"} <= set(rows[0])
    assert out.exists()
    assert main(["assets", str(SAMPLE), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {f["figure"] for f in shown["district"]} == set(assets.FIGURES)


def test_workbook_campaign_sheets_agree_with_the_core(project, tmp_path):
    import openpyxl

    from landplanner.export.xlsx_export import export_workbook

    out = export_workbook(project, tmp_path / "book.xlsx", today=dt.date(2026, 9, 30))
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[4:10] == ["资产清单", "资产指标", "三本账", "三本账汇总", "季度大比武", "项目匹配"]
    figures = assets.district_figures(project.assets, project.settings, plans=project.plans,
                                      today=dt.date(2026, 9, 30))
    rows = list(book["资产指标"].iter_rows(values_only=True))
    head = rows[0]
    for row in rows[1:5]:
        item = dict(zip(head, row, strict=True))
        code = next(k for k in assets.FIGURES if assets.figure_label(k, "zh") == item["指标"])
        assert item["比率"] == pytest.approx(figures[code]["rate"])
    assert len(list(book["资产清单"].iter_rows())) == len(project.assets) + 1
    board = list(book["季度大比武"].iter_rows(values_only=True))
    q2 = scoreboard.find(project.snapshots, "2026Q2")
    first = dict(zip(board[0], board[1], strict=True))
    assert first["季度"] == "2026Q2" and first["名次"] == 1
    assert first["园区/责任单位"] == q2["park"][0]["name"]
