"""The three accounts as figures on a plan, by subject kind (model.plan.ACCOUNT_FIGURES): every
figure is named by the vocabulary, and the workbook's 一企一策 sheet writes them in words."""

import datetime as dt

import pandas as pd

from landplanner import vocabulary
from landplanner.analysis import accounts
from landplanner.analysis import plans as P
from landplanner.export.xlsx_export import plans_frame
from landplanner.model.plan import ACCOUNT_FIGURES, ACCOUNTS, FIGURE_UNITS, SUBJECT_FIELDS


def test_every_figure_has_a_name_a_unit_and_an_account():
    for kind, rows in ACCOUNT_FIGURES.items():
        assert "accounts" in SUBJECT_FIELDS[kind]
        for account, key in rows:
            assert account in ACCOUNTS
            for lang in ("zh", "en"):
                label = vocabulary.label("account_figure", key, lang)
                assert label and label != key
            assert FIGURE_UNITS[key]
    # land plans carry what analysis.accounts totals; asset plans free no land
    assert [k for _a, k in ACCOUNT_FIGURES["parcel"]] == list(accounts.FIGURES)
    assert "mu_to_free" not in SUBJECT_FIELDS["asset"]


def test_workbook_plan_sheet_writes_entered_figures_in_words():
    plan = P.create("PLAN-0001", "t", subject_kind="asset", subject_id="GY-0001",
                    method="lease", mu_to_free=0.0)
    plan = P.update(plan, "t", accounts={
        "economic": {"text": "招租后年租金", "figures": {"rent_before": 0, "rent_after": 36.5}},
        "resource": {"figures": {"used_m2_after": 1200}}})
    parcels = pd.DataFrame({"parcel_id": pd.Series([], dtype=str)})
    row = plans_frame([plan], parcels, dt.date(2026, 10, 8), "zh").iloc[0]
    assert row["economic"] == "招租后年租金；租金收入 0.00→36.50 万元/年"
    assert row["resource"] == "盘活利用面积 —→1,200.00 m²"
    assert row["environment"] is None
    en = plans_frame([plan], parcels, dt.date(2026, 10, 8), "en").iloc[0]
    assert en["economic"] == "招租后年租金; Rent income 0.00→36.50 万元/年"
    assert "rent_after" not in "".join(str(v) for v in row.to_numpy())
