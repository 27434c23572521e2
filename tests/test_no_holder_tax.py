"""Land without a holder (征而未供/批而未供, no enterprise) has no 亩均税收 — not 0.00. One
function (``screening.without_holder``) decides it; the low-efficiency list (workbook), the
matching result (workbook, app table, reasons) agree on it."""

import copy

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from landplanner.analysis import matching, screening
from landplanner.export import campaign_sheets
from landplanner.export.xlsx_export import parcels_frame
from landplanner.store import open_project

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"


@pytest.fixture(scope="module")
def sample():
    project = open_project(SAMPLE)
    # a source file that writes 0 in its tax column for land nobody holds (a DBF default)
    project.parcels["tax_wan"] = project.parcels["tax_wan"].astype(float)
    unheld = project.parcels["category"] == "unsupplied"
    project.parcels.loc[unheld, "tax_wan"] = 0.0
    return project


def test_one_rule_says_who_has_no_holder(sample):
    parcels = sample.parcels
    unheld = screening.without_holder(parcels)
    unsupplied = (parcels["category"] == "unsupplied").to_numpy()
    assert unsupplied.sum() > 0 and (unheld >= unsupplied).all()
    nobody = (parcels["uscc"].isna() & parcels["enterprise"].isna()).to_numpy()
    assert (unheld == (unsupplied | nobody)).all()
    small = pd.DataFrame({"uscc": [None, "  ", "91X", None], "enterprise": [None, None, None, "某厂"],
                          "category": ["idle", "idle", "unsupplied", "other"]})
    assert screening.without_holder(small).tolist() == [True, True, True, False]


def test_workbook_list_and_matching_agree_empty_not_zero(sample):
    parcels = sample.parcels
    unheld = screening.without_holder(parcels)
    found = screening.screen(parcels)
    assert np.isnan(found["tax_per_mu"].to_numpy()[unheld]).all()  # not 0.00
    # the tax rule does not fire on land nobody holds, whatever its tax column says
    assert not any("tax_per_mu_low" in r for r in found["reasons"][unheld])
    sheet = parcels_frame(parcels, sample.plans)
    assert sheet["tax_per_mu"][unheld].isna().all()
    # matching: every candidate of unheld land shows no current tax per mu
    cands = matching.candidates(parcels, sample.plans, sample.indicators, sample.settings)
    single = cands[cands["kind"] == "parcel"].set_index("candidate")
    ids = parcels["parcel_id"].astype(str).to_numpy()
    unheld_ids = set(ids[unheld])
    mine = single[single.index.isin(unheld_ids)]
    assert len(mine) > 0 and mine["current_tax_per_mu"].isna().all() and mine["no_holder"].all()
    # the two paths agree parcel by parcel: empty in the list exactly where matching is empty
    by_id = pd.Series(sheet["tax_per_mu"].to_numpy(), index=ids)
    for pid, row in single.iterrows():
        if row["no_holder"]:
            assert np.isnan(by_id[pid])
    result = matching.match(sample.incoming, parcels, sample.plans, sample.indicators,
                            sample.settings)
    shown = result[result["candidate"].isin(unheld_ids)]
    assert len(shown) > 0
    assert shown["current_tax_per_mu"].isna().all()
    assert (shown["gain_per_mu"] == shown["expected_tax_per_mu"]).all()  # the gain is all of it
    assert not shown["reasons"].str.contains("0.00 提高").any()
    assert shown["reasons"].str.contains("尚无用地企业").all()
    # the workbook's 项目匹配 sheet writes an empty cell, not 0
    rows = campaign_sheets.match_rows(shown, "zh")
    assert rows["current_tax_per_mu"].isna().all()


def test_ranking_unchanged_by_the_display_rule(sample):
    """Land without a holder still counts as yielding nothing now (the whole expected tax per
    mu is the gain): only what is shown changed, not the ranking."""
    project = copy.deepcopy(sample)
    result = matching.match(project.incoming, project.parcels, project.plans,
                            project.indicators, project.settings)
    cands = matching.candidates(project.parcels, project.plans, project.indicators,
                                project.settings)
    legacy = cands.copy()
    legacy["current_tax_per_mu"] = np.where(legacy["no_holder"], 0.0, legacy["current_tax_per_mu"])
    legacy = legacy.drop(columns="no_holder")
    before = matching.match(project.incoming, project.parcels, project.plans,
                            project.indicators, project.settings, cands=legacy)
    assert result[["project", "rank", "candidate", "score"]].equals(
        before[["project", "rank", "candidate", "score"]])
