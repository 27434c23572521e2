"""The shipped sample project works end to end through the command line (issue: analysis)."""

import json

import openpyxl
import pytest
from conftest import REPO

from landplanner.cli import main
from landplanner.store import open_project

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"


@pytest.fixture(scope="module")
def project():
    return open_project(SAMPLE)


def test_sample_project_has_parcels_parks_indicators_and_plans(project):
    assert len(project.parcels) > 1000
    assert set(project.parks["name"]) == {"崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区"}
    assert {2024, 2025} <= set(project.indicators["year"].astype(int))
    assert {p.status for p in project.plans} == {"not_started", "in_progress", "completed", "closed"}


def test_quota_cli_done_mu_equals_sum_of_closed_plans(project, capsys):
    assert main(["quota", str(SAMPLE), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_name = {r.get("park") or r.get("name"): r for r in rows} if isinstance(rows, list) else rows
    district = by_name.get("district") or by_name.get("全区")
    year = int(project.settings["year"])
    closed = sum(
        p.mu_to_free for p in project.plans
        if p.status == "closed" and p.closed_date is not None and p.closed_date.year == year
    )
    assert district["done_mu"] == pytest.approx(closed, abs=0.01)
    assert district["target_mu"] == 2600


def test_score_cli_on_sample_indicators_gives_every_class(capsys):
    table = REPO / "sample_parcels" / "indicators_2025.xlsx"
    assert main(["score", "--indicators", str(table), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {r["class"] for r in result["enterprises"]} >= {"A", "B", "C", "D"}


def test_export_cli_on_sample_project(tmp_path):
    out = tmp_path / "清单.xlsx"
    indicators = REPO / "sample_parcels" / "indicators_2025.xlsx"
    assert main(["export", str(SAMPLE), "--xlsx", str(out), "--indicators", str(indicators)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[:4] == ["低效用地清单", "企业清单", "一企一策", "园区进度"]
