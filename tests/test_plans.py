"""一企一策 plans: status rules, history, JSON round trip, suggestions, overdue flags."""

import json
from datetime import date

import pytest

from landplanner.analysis import plans as P
from landplanner.problems import InputError

T = "2026-11-23T10:00:00+00:00"


def make(**kw) -> P.Plan:
    return P.create("PLAN-0001", "张三", time=T, enterprise="南通某厂", uscc="91320600MA1XXXXX0X",
                    parcel_ids=["P1", "P2"], **kw)


def test_create_records_history():
    p = make(method="self_upgrade")
    assert p.status == "not_started"
    assert [h["field"] for h in p.history] == ["created", "enterprise", "uscc", "parcel_ids",
                                              "method"]
    assert all(h["author"] == "张三" and h["time"] == T for h in p.history)


def test_forward_one_step_at_a_time():
    p = make()
    with pytest.raises(InputError) as err:
        P.update(p, "李四", status="completed")
    assert err.value.problem.code == "plans.skip_status"
    p1 = P.update(p, "李四", status="in_progress", time="2026-11-24T08:00:00+00:00")
    assert p.status == "not_started"  # the old plan is untouched (undo)
    assert p1.status == "in_progress"
    last = p1.history[-1]
    assert last == {"time": "2026-11-24T08:00:00+00:00", "author": "李四", "field": "status",
                    "old": "not_started", "new": "in_progress"}
    p2 = P.update(p1, "李四", status="completed")
    with pytest.raises(InputError):
        P.update(p, "李四", status="closed")
    assert p2.status == "completed"


def test_close_needs_date_and_evidence():
    p = P.update(P.update(make(), "a", status="in_progress"), "a", status="completed")
    with pytest.raises(InputError) as err:
        P.update(p, "a", status="closed", evidence="验收报告")
    assert err.value.problem.code == "plans.close_needs_date"
    with pytest.raises(InputError) as err:
        P.update(p, "a", status="closed", closed_date="2026-10-01")
    assert err.value.problem.code == "plans.close_needs_evidence"
    with pytest.raises(InputError):
        P.update(p, "a", status="closed", closed_date="2026-10-01", evidence="   ")
    closed = P.update(p, "a", status="closed", closed_date="2026-10-01", evidence="收回决定书")
    assert closed.status == "closed" and closed.closed_date == date(2026, 10, 1)
    # once closed, the evidence cannot be emptied
    with pytest.raises(InputError):
        P.update(closed, "a", evidence="")


def test_going_back_needs_a_note_and_reopening_clears_the_date():
    p = make()
    for s in ("in_progress", "completed"):
        p = P.update(p, "a", status=s)
    closed = P.update(p, "a", status="closed", closed_date=date(2026, 3, 5), evidence="x")
    with pytest.raises(InputError) as err:
        P.update(closed, "b", status="completed")
    assert err.value.problem.code == "plans.back_needs_note"
    with pytest.raises(InputError):
        P.update(closed, "b", status="in_progress", note="复查")  # two steps back
    reopened = P.update(closed, "b", status="completed", note="复查发现未拆除")
    assert reopened.closed_date is None
    fields = {h["field"]: h for h in reopened.history[len(closed.history):]}
    assert fields["status"]["note"] == "复查发现未拆除"
    assert fields["closed_date"]["old"] == "2026-03-05" and fields["closed_date"]["new"] is None


def test_update_checks_author_fields_and_values():
    p = make()
    with pytest.raises(InputError):
        P.update(p, "", notes="x")
    with pytest.raises(InputError):
        P.update(p, "a", colour="red")
    with pytest.raises(InputError):
        P.update(p, "a", id="other")
    with pytest.raises(InputError):
        P.update(p, "a", method="teleport")
    with pytest.raises(InputError):
        P.update(p, "a", target_date="31/12/2026")
    with pytest.raises(InputError):
        P.update(p, "a", mu_to_free="lots")
    assert P.update(p, "a", notes="") is p  # nothing changed, no history


def test_round_trip_through_json():
    p = P.update(
        make(),
        "a",
        milestones=[{"title": "签订收回协议", "due": "2026-12-31"},
                    P.Milestone("拆除", date(2027, 3, 1), date(2027, 2, 1))],
        target_date="2027-06-30",
        mu_to_free=12.5,
        expected_tax_after=80,
        accounts={"economic": {"text": "税收提升", "figures": {"tax_after": 80}},
                  "resource": "腾出 12.5 亩"},
    )
    data = json.loads(json.dumps(p.to_dict(), ensure_ascii=False))
    assert data["target_date"] == "2027-06-30"
    assert data["milestones"][1] == {"title": "拆除", "due": "2027-03-01", "done": "2027-02-01"}
    assert data["accounts"]["resource"] == {"text": "腾出 12.5 亩", "figures": {}}
    assert data["accounts"]["environment"] == {"text": "", "figures": {}}
    back = P.Plan.from_dict(data)
    assert back == p
    with pytest.raises(InputError):
        P.Plan.from_dict({**data, "status": "done"})
    with pytest.raises(InputError):
        P.Plan.from_dict({**data, "id": ""})


def test_next_id():
    plans = [P.Plan("PLAN-0007"), P.Plan("X-1"), P.Plan("PLAN-0002")]
    assert P.next_id(plans) == "PLAN-0008"
    assert P.next_id([]) == "PLAN-0001"


@pytest.mark.parametrize(
    ("args", "kw", "method", "fragment"),
    [
        (("idle", None, 2.5, ["idle_2y"]), {}, "recover_free", "2.5"),
        (("idle", None, 2.5, ["idle_2y"]), {"government_fault": True}, "deadline", "政府"),
        (("idle", "A", 1.5, ["idle_1y"]), {}, "deadline", "闲置费"),
        (("idle", None, 0.4, []), {}, "deadline", "未满 1 年"),
        (("idle", None, None, []), {}, "buy_back", "动工日期不明"),
        (("unsupplied", None, None, ["unsupplied"]), {}, "supply", "供地"),
        (("unsupplied", None, None, []), {"approval_expired": True}, "withdraw_approval", "批文"),
        (("low_efficiency", "D", None, ["class_d", "plot_ratio_low"]), {}, "exit", "D 类"),
        (("other", "B", None, []), {"banned_industry": True}, "exit", "淘汰"),
        (("low_efficiency", "A", None, ["plot_ratio_low"]), {}, "self_upgrade", "A 类"),
        (("low_efficiency", "C", None, ["plot_ratio_low"]), {}, "buy_back", "C 类"),
        (("low_efficiency", None, None, ["plot_ratio_low"]), {}, "self_upgrade", "核实"),
        (("other", "B", None, ["tax_per_mu_low"]), {}, "regularize_tax", "B 类"),
        (("other", None, None, []), {}, None, "未发现"),
    ],
)
def test_suggest_method_says_why(args, kw, method, fragment):
    got, why = P.suggest_method(*args, language="zh", **kw)
    assert got == method
    assert fragment in why


def test_suggestion_in_english():
    method, why = P.suggest_method("idle", None, 3.0, ["idle_2y"], language="en")
    assert method == "recover_free" and "3.0" in why and "holder" in why
    assert P.method_label(method, "zh") == "依法无偿收回"
    assert P.status_label("closed", "en") == "Closed"


def test_overdue_flags():
    p = P.update(
        make(),
        "a",
        milestones=[{"title": "m1", "due": "2026-11-22"},  # past, not done → overdue
                    {"title": "m2", "due": "2026-11-23"},  # due today → not yet
                    {"title": "m3", "due": "2026-01-01", "done": "2026-02-01"}],  # done late
        target_date="2026-11-22",
    )
    flags = P.overdue(p, date(2026, 11, 23))
    assert flags.milestones == (0,) and flags.target and bool(flags)
    assert not P.overdue(p, date(2026, 11, 22))
    done = P.update(P.update(p, "a", status="in_progress"), "a", status="completed")
    f2 = P.overdue(done, date(2026, 11, 23))
    assert not f2.target and f2.milestones == (0,)
    closed = P.update(done, "a", status="closed", closed_date="2026-11-23", evidence="e",
                      note="m1、m2 随整体验收完成")  # open milestones: the reason is written
    assert not P.overdue(closed, date(2030, 1, 1))


def test_closing_with_open_milestones_needs_a_reason():
    p = P.update(make(), "a", milestones=[{"title": "签约", "due": "2026-05-01"},
                                          {"title": "拆除", "due": "2026-08-01"}])
    p = P.update(P.update(p, "a", status="in_progress"), "a", status="completed")
    with pytest.raises(InputError) as err:
        P.update(p, "a", status="closed", closed_date="2026-10-01", evidence="协议")
    assert err.value.problem.code == "plans.close_open_milestones"
    assert "签约" in err.value.problem.message_zh and "拆除" in err.value.problem.message_zh
    # Every milestone done: no reason needed.
    done = P.update(p, "a", milestones=[{"title": "签约", "due": "2026-05-01", "done": "2026-05-02"},
                                         {"title": "拆除", "due": "2026-08-01", "done": "2026-08-03"}])
    assert P.update(done, "a", status="closed", closed_date="2026-10-01", evidence="协议").status == "closed"
    # Or the reason written down.
    closed = P.update(p, "a", status="closed", closed_date="2026-10-01", evidence="协议",
                      note="拆除改为整体收回，不再单独拆除")
    assert closed.history[-1]["note"].startswith("拆除改为")


def test_accounts_update_keeps_the_others():
    p = P.update(make(), "a", accounts={"economic": {"text": "税收 10 → 80 万元",
                                                    "figures": {"tax_before": 10, "tax_after": 80}}})
    q = P.update(p, "b", accounts={"environment": "能耗下降"})
    assert q.accounts["economic"] == {"text": "税收 10 → 80 万元",
                                      "figures": {"tax_before": 10.0, "tax_after": 80.0}}
    assert q.accounts["environment"] == {"text": "能耗下降", "figures": {}}
    assert p.accounts["environment"]["text"] == ""  # the old plan is untouched
    assert q.history[-1]["field"] == "accounts" and q.history[-1]["author"] == "b"
    with pytest.raises(InputError):
        P.update(p, "a", accounts={"social": "x"})
    with pytest.raises(InputError):
        P.update(p, "a", accounts={"economic": {"figures": {"tax": "many"}}})


def test_suggest_for_parcels():
    import numpy as np
    import pandas as pd

    from landplanner.analysis.screening import screen

    parcels = pd.DataFrame(
        {"parcel_id": ["a", "b", "c", "d"], "uscc": ["u1", "U2", None, None],
         "category": ["low_efficiency", "other", "other", "unsupplied"],
         "plot_ratio": [0.4, 0.3, 2.0, np.nan], "area_mu": [5.0, 5.0, 5.0, 5.0]}
    )
    scores = {"U1": "B", "U2": "D"}
    screened = screen(parcels, scores, today=date(2026, 1, 1))
    got = P.suggest_for_parcels(parcels, screened, scores, language="en")
    assert got["method"].tolist() == ["self_upgrade", "exit", None, "supply"]
    assert "class B" in got.loc[0, "why"] and got.loc[2, "why"] is None
