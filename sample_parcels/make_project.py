"""Build ``sample_project.gpkg``: the sample parcels, parks and indicators as one project,
with 一企一策 plans at every stage, so the app opens on a realistic year in progress; plus the
campaign's other lists (:func:`add_campaign`): the state-owned and collective assets with a
plan per idle asset, the incoming projects (地等项目) and the frozen 季度大比武 snapshots of
2026Q1 and 2026Q2.

    python sample_parcels/make_project.py [OUT.gpkg]

Everything goes through the core (loader, field mapping, parks, indicators, screening,
plan suggestions, store), the same calls the app makes. Seeded: reruns give the same plans.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from landplanner.analysis import assets as assets_mod  # noqa: E402
from landplanner.analysis import (  # noqa: E402
    indicators,
    matching,
    plans,
    scoreboard,
    scoring_config,
    screening,
)
from landplanner.parks import read_park_file  # noqa: E402
from landplanner.project import Project  # noqa: E402
from landplanner.services.scoring import score_indicators  # noqa: E402
from landplanner.sources import load_parcels  # noqa: E402
from landplanner.store import save_project  # noqa: E402

YEAR = 2026
AUTHOR = "示例数据"
UNITS = {
    "崇川经济开发区": "崇川开发区管委会",
    "港闸经济开发区": "港闸开发区管委会",
    "市北高新技术产业开发区": "市北高新区管委会",
}
PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "周敏"]


def _plan_for(rng: random.Random, plan_id: str, parcels, suggestion) -> plans.Plan:
    first = parcels.iloc[0]
    park = first["park"] if isinstance(first["park"], str) else "崇川经济开发区"
    mu = round(float(parcels["area_mu"].sum()), 2)
    start = date(YEAR, 1, 5) + timedelta(days=rng.randrange(0, 60))
    milestones = (
        plans.Milestone("摸底核查、约谈企业", start + timedelta(days=30)),
        plans.Milestone("确定处置方案并报批", start + timedelta(days=90)),
        plans.Milestone("签订协议、完成处置", start + timedelta(days=200)),
    )
    return plans.create(
        plan_id,
        AUTHOR,
        time=f"{YEAR}-01-05T09:00:00",
        uscc=first["uscc"] if isinstance(first["uscc"], str) else None,
        enterprise=first["enterprise"] if isinstance(first["enterprise"], str) else None,
        parcel_ids=tuple(parcels["parcel_id"]),
        method=suggestion["method"],
        reason=suggestion["why"],
        responsible_unit=UNITS.get(park, "区自然资源和规划局"),
        responsible_person=rng.choice(PEOPLE),
        milestones=milestones,
        target_date=start + timedelta(days=240),
        mu_to_free=mu,
    )


def _advance(rng: random.Random, plan: plans.Plan, stage: int) -> plans.Plan:
    """Move a plan ``stage`` steps along 未启动 → 推进中 → 已完成 → 已销号."""
    when = date(YEAR, 2, 1) + timedelta(days=rng.randrange(0, 200))
    if stage >= 1:
        plan = plans.update(plan, AUTHOR, time=f"{when}T10:00:00", status="in_progress")
    if stage >= 2:
        plan = plans.update(plan, AUTHOR, time=f"{when}T11:00:00", status="completed")
    if stage >= 3:
        plan = plans.update(
            plan, AUTHOR, time=f"{when}T12:00:00", status="closed", closed_date=when,
            evidence="处置协议及土地交接确认书已归档（示例）",
            note="各节点随整体验收一并完成（示例）",
        )
    return plan


#: The sample district's own settings (DOMAIN §1): its three parks, 800 mu each, 2,600 mu
#: for the district. A new project assumes none of this.
SETTINGS = {
    "district_name": "崇川区",
    "quotas": {
        "district_mu": 2600.0,
        "parks": [
            {"name": name, "target_mu": 800.0, "unit": unit, "boundary": "parks.shp"}
            for name, unit in UNITS.items()
        ],
    },
    "language": "zh",
}


def build(out: Path) -> Path:
    """Write the sample project to ``out`` and return it."""
    rng = random.Random(20261123)
    project = Project.from_load(
        load_parcels(HERE / "parcels.shp"),
        parks=read_park_file(HERE / "parks.shp"),
        settings=SETTINGS,
    )
    project.settings["year"] = YEAR
    table = None
    for year in (2024, 2025):
        part, _ = indicators.read_indicator_table(HERE / f"indicators_{year}.xlsx", year=year)
        table, _ = indicators.add_years(table, part)
    project.indicators = table

    parcels = project.parcels
    config = scoring_config.load_preset(scoring_config.DEFAULT_PRESET)
    scores = score_indicators(parcels, table, config, year=2025).scores
    screened = screening.screen(parcels, scores=scores, today=date(YEAR, 9, 30))
    suggested = plans.suggest_for_parcels(parcels, screened, scores=scores)
    candidates = parcels[parcels["category"] != "other"].sort_values("parcel_id")
    chosen = candidates.sample(frac=0.55, random_state=7)
    made = []
    for _, group in chosen.groupby(chosen["uscc"].fillna(chosen["parcel_id"]), sort=True):
        suggestion = suggested.loc[group.index[0]]
        plan = _plan_for(rng, plans.next_id(made), group, suggestion)
        made.append(_advance(rng, plan, rng.choices([0, 1, 2, 3], weights=[3, 4, 1, 4])[0]))
    project.plans = made
    add_campaign(project, random.Random(20261127))
    save_project(project, out)
    return out


def add_campaign(project: Project, rng: random.Random) -> None:
    """Assets (with a plan per idle or revitalized asset), incoming projects, and the frozen
    scoreboards of 2026Q1 and 2026Q2 — all through the core, as the app would."""
    table = None
    for name in ("assets_state.xlsx", "assets_collective.xlsx"):
        part, _ = assets_mod.read_asset_table(HERE / name)
        table = assets_mod.add_assets(table, part)
    project.assets = table
    made = list(project.plans)
    wanted = table["status_start"].eq("idle") | table["status"].isin(("idle", "pending"))
    for row in table.loc[wanted].itertuples(index=False):
        unit = row.owner if isinstance(row.owner, str) else row.village  # the village manages its own
        start = date(YEAR, 1, 10) + timedelta(days=rng.randrange(0, 40))
        plan = plans.create(
            plans.next_id(made), AUTHOR, time=f"{YEAR}-01-10T09:00:00", subject_kind="asset",
            subject_id=row.asset_id, method="lease", reason="闲置资产，招租盘活",
            responsible_unit=unit, responsible_person=rng.choice(PEOPLE), mu_to_free=0.0,
            milestones=(plans.Milestone("资产清查、评估", start + timedelta(days=30)),
                        plans.Milestone("挂牌招租", start + timedelta(days=90))),
            target_date=start + timedelta(days=180))
        revitalized = row.status in assets_mod.REVITALIZED and isinstance(
            row.revitalized_date, date)
        if revitalized:
            when = row.revitalized_date.date()
            plan = plans.update(plan, AUTHOR, time=f"{when}T10:00:00", status="in_progress")
            plan = plans.update(plan, AUTHOR, time=f"{when}T11:00:00", status="completed")
            plan = plans.update(plan, AUTHOR, time=f"{when}T12:00:00", status="closed",
                                closed_date=when, evidence="租赁合同已签订（示例）",
                                note="各节点随租赁合同签订一并完成（示例）")
        elif rng.random() < 0.5:
            plan = plans.update(plan, AUTHOR, time=f"{YEAR}-03-01T10:00:00", status="in_progress")
        made.append(plan)
    project.plans = made
    names = [p["name"] for p in project.settings["quotas"]["parks"]]
    project.incoming, _ = matching.read_projects(HERE / "incoming_projects.xlsx", names)
    for quarter, frozen in (("2026Q1", dt.datetime(2026, 4, 3, 9, tzinfo=dt.UTC)),
                            ("2026Q2", dt.datetime(2026, 7, 3, 9, tzinfo=dt.UTC))):
        record = scoreboard.freeze(project.parcels, made, project.settings, quarter,
                                   project.snapshots, assets=table, parks=project.parks, now=frozen)
        project.snapshots = scoreboard.add_snapshot(project.snapshots, record)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "sample_project.gpkg"
    print(build(target))
