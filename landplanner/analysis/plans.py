"""一企一策: one disposal plan per enterprise (or parcel), its status rules and history.

A :class:`Plan` is a frozen record. Every change goes through :func:`update`, which checks
the status rules, records one history entry per changed field (time, author, old, new)
and returns a *new* plan, so the UI can keep the old one for undo.

Status rules (销号式结账)
------------------------
* The statuses are ``not_started`` 未启动 → ``in_progress`` 推进中 → ``completed`` 已完成 →
  ``closed`` 已销号.
* Forward: one step at a time (a case cannot be ticked off without having been worked).
* Back: one step at a time, and only with a non-empty ``note`` saying why (a case reopened
  after an inspection must say so); the note is stored in the history entry. Reopening a
  closed case clears its ``closed_date`` (the old date stays in the history), so quotas
  stop counting it.
* ``closed`` needs a ``closed_date`` and non-empty ``evidence`` text.

The record itself (:class:`Plan`, :class:`Milestone`, the status and method codes) is in
:mod:`landplanner.model.plan`, below the store; its names stay importable from here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.model.plan import (  # noqa: F401  (the record's public names, importable here too)
    ACCOUNTS,
    METHODS,
    STATUS_ORDER,
    STATUSES,
    Milestone,
    Plan,
    _accounts,
    _coerce,
    _fail,
    _jsonable,
)

messages.register(
    {
        "plans.bad_field": ("方案没有字段“{value}”", "a plan has no field '{value}'"),
        "plans.readonly_field": ("字段“{value}”不能修改", "field '{value}' cannot be changed"),
        "plans.no_author": ("修改方案须注明修改人", "a change to a plan needs an author"),
        "plans.skip_status": (
            "状态只能逐级推进：“{old}”不能直接改为“{new}”",
            "status moves one step at a time: '{old}' cannot become '{new}'",
        ),
        "plans.back_needs_note": (
            "状态回退（“{old}”→“{new}”）须说明原因",
            "moving the status back ('{old}' → '{new}') needs a reason",
        ),
        "plans.close_needs_date": ("销号须填写销号日期", "closing a case needs the closing date"),
        "plans.close_needs_evidence": (
            "销号须填写佐证材料说明",
            "closing a case needs evidence text",
        ),
        # suggestions
        "plans.why.unsupplied": (
            "征而未供/批而未供，应尽快供地",
            "expropriated or approved but never supplied: supply it",
        ),
        "plans.why.approval_expired": (
            "批而未供且批文已失效，撤回或核销批文",
            "approved but not supplied and the approval has expired: withdraw it",
        ),
        "plans.why.recover_free": (
            "闲置 {years:.1f} 年（≥ 2 年）且责任在用地者，依法无偿收回",
            "idle {years:.1f} years (≥ 2) through the holder's fault: recover without compensation",
        ),
        "plans.why.government_fault": (
            "闲置由政府原因造成，限期开发或延长动工期限（不超过1年）",
            "the delay is the government's fault: set a deadline or extend the start date (≤ 1 year)",
        ),
        "plans.why.idle_fee": (
            "闲置 {years:.1f} 年（1–2 年），限期开发并征收土地闲置费",
            "idle {years:.1f} years (1–2): set a development deadline and charge the idle fee",
        ),
        "plans.why.idle_young": (
            "闲置未满 1 年，督促限期开发",
            "idle less than 1 year: urge development by a deadline",
        ),
        "plans.why.idle_unknown": (
            "闲置土地、动工日期不明，协商有偿收回或收购储备",
            "idle land with an unknown start date: negotiate a buy-back or reserve it",
        ),
        "plans.why.exit": (
            "亩均评价 D 类（或属淘汰类产业），关停退出、腾笼换鸟",
            "class D (or a banned industry): close and exit, replace the industry",
        ),
        "plans.why.self_upgrade": (
            "容积率偏低但企业为 {klass} 类、有能力，企业自主技改或增容",
            "low plot ratio but a capable class {klass} firm: owner-led upgrade or densification",
        ),
        "plans.why.self_upgrade_unknown": (
            "低效用地（未评价），建议企业自主技改或二次开发，需核实企业能力",
            "low-efficiency land (not graded): owner-led upgrade; check the firm's capacity",
        ),
        "plans.why.buy_back_weak": (
            "低效用地且企业为 {klass} 类，协议有偿收回或收购储备",
            "low-efficiency land held by a class {klass} firm: negotiated buy-back or reserve",
        ),
        "plans.why.regularize_tax": (
            "亩均税收偏低但企业为 {klass} 类，核查税收是否在外地入库，规范税收",
            "low tax per mu from a class {klass} firm: check for tax booked elsewhere",
        ),
        "plans.why.none": ("未发现需处置的原因", "no reason for a disposal was found"),
    }
)


def method_label(key: str | None, lang: str | None = None) -> str:
    """The Chinese or English label of a disposal method key ('' for None)."""
    return vocabulary.label("method", key, lang) if key else ""


def status_label(key: str, lang: str | None = None) -> str:
    """The Chinese or English label of a status key."""
    return vocabulary.label("status", key, lang)


# --- changes ---------------------------------------------------------------------------

_READONLY = {"id", "history"}


def _check_status(old: str, new: str, note: str | None) -> None:
    if new not in STATUSES:
        raise _fail("plans.bad_status", value=new)
    step = STATUS_ORDER.index(new) - STATUS_ORDER.index(old)
    labels = {"old": status_label(old), "new": status_label(new)}
    if abs(step) > 1:
        raise _fail("plans.skip_status", **labels)
    if step < 0 and not (note and note.strip()):
        raise _fail("plans.back_needs_note", **labels)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def update(
    plan: Plan,
    author: str,
    *,
    note: str | None = None,
    time: str | datetime | None = None,
    **changes: Any,
) -> Plan:
    """Apply ``changes`` to ``plan`` and return the new plan, with history recorded.

    Parameters
    ----------
    plan : Plan
    author : str
        Who makes the change (required; recorded in the history).
    note : str, optional
        Why; required when the status moves back. Stored in each history entry it concerns.
    time : str or datetime, optional
        Time of the change (default: now, UTC, ISO).
    **changes
        Field values; dates may be ISO strings, milestones dicts. ``accounts`` may name only
        the accounts that change.

    Returns
    -------
    Plan
        A new plan; ``plan`` is unchanged. Fields whose value does not change add no history.

    Raises
    ------
    InputError
        Unknown or read-only field, bad value, a status skipping a step or moving back
        without a note, or 销号 without date and evidence.
    """
    if not author or not str(author).strip():
        raise _fail("plans.no_author")
    known = {f.name for f in fields(Plan)}
    for name in changes:
        if name not in known:
            raise _fail("plans.bad_field", value=name)
        if name in _READONLY:
            raise _fail("plans.readonly_field", value=name)
    new_values = {name: _coerce(name, value) for name, value in changes.items()}
    if "accounts" in changes:  # an account not named keeps its content
        new_values["accounts"] = _accounts(changes["accounts"], plan.accounts)
    if "method" in new_values and new_values["method"] not in (None, *METHODS):
        raise _fail("plans.bad_method", value=new_values["method"])
    old_status = plan.status
    new_status = new_values.get("status", old_status)
    if new_status != old_status:
        _check_status(old_status, new_status, note)
        if old_status == "closed" and "closed_date" not in changes:
            new_values["closed_date"] = None  # reopened: quotas must stop counting it
    merged = replace(plan, **new_values)
    if merged.status == "closed" and (new_status != old_status or "closed_date" in changes
                                      or "evidence" in changes):
        if merged.closed_date is None:
            raise _fail("plans.close_needs_date")
        if not merged.evidence.strip():
            raise _fail("plans.close_needs_evidence")
    stamp = time.isoformat(timespec="seconds") if isinstance(time, datetime) else (time or _now())
    entries = []
    for name, value in new_values.items():
        old = getattr(plan, name)
        if old == value:
            continue
        entry = {
            "time": stamp,
            "author": str(author),
            "field": name,
            "old": _jsonable(old),
            "new": _jsonable(value),
        }
        if note:
            entry["note"] = note
        entries.append(entry)
    if not entries:
        return plan
    return replace(merged, history=plan.history + tuple(entries))


def create(plan_id: str, author: str, *, time: str | datetime | None = None, **values: Any) -> Plan:
    """A new plan (status 未启动) with a ``created`` history entry by ``author``.

    Values go through the same checks as :func:`update`; a new plan cannot start closed.
    """
    if not author or not str(author).strip():
        raise _fail("plans.no_author")
    status = values.pop("status", "not_started")
    if status != "not_started":
        _check_status("not_started", status, None)
    base = Plan(id=str(plan_id))
    stamp = time.isoformat(timespec="seconds") if isinstance(time, datetime) else (time or _now())
    created = replace(
        base, history=({"time": stamp, "author": str(author), "field": "created", "old": None,
                        "new": str(plan_id)},)
    )
    plan = update(created, author, time=stamp, **values) if values else created
    if status != "not_started":
        plan = update(plan, author, time=stamp, status=status)
    return plan


def as_plans(items: Iterable[Plan | Mapping] | None) -> list[Plan]:
    """Plans from a list of plans or of their :meth:`Plan.to_dict` dicts (as a store may hold).

    Raises
    ------
    InputError
        When a dict is not a valid plan.
    """
    return [p if isinstance(p, Plan) else Plan.from_dict(p) for p in (items or [])]


def next_id(plans: Iterable[Plan], prefix: str = "PLAN-") -> str:
    """The next free id ``PLAN-0001``, ``PLAN-0002``… after the highest existing one."""
    highest = 0
    for p in plans:
        tail = p.id.removeprefix(prefix)
        if p.id.startswith(prefix) and tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}{highest + 1:04d}"


# --- overdue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Overdue:
    """Overdue flags of a plan: late milestone indices and whether the target date is past."""

    milestones: tuple[int, ...] = ()
    target: bool = False

    def __bool__(self) -> bool:
        return bool(self.milestones) or self.target


def overdue(plan: Plan, today: date | None = None) -> Overdue:
    """Flag milestones past their due date and not done, and a target date passed.

    A milestone is overdue when ``due < today`` and it has no ``done`` date. The target
    date is overdue when ``target_date < today`` and the case is neither 已完成 nor 已销号.
    Nothing of a closed case is overdue.
    """
    today = today or date.today()
    if plan.status == "closed":
        return Overdue()
    late = tuple(
        i for i, m in enumerate(plan.milestones) if m.due is not None and m.done is None
        and m.due < today
    )
    target = (
        plan.target_date is not None
        and plan.target_date < today
        and plan.status not in ("completed", "closed")
    )
    return Overdue(late, target)


# --- which plan a parcel has ------------------------------------------------------------


def plan_for_parcels(plans: Sequence[Plan], parcels: pd.DataFrame) -> pd.Series:
    """The plan of every parcel: a position in ``plans``, ``<NA>`` for a parcel without one.

    The one rule every view uses (map, table, details, plan editor, workbook, print):

    * A plan covers exactly the parcels it lists (``parcel_ids``, matched on ``parcel_id``).
      The enterprise's credit code does **not** extend a plan to the enterprise's other
      parcels: those are still candidates without a plan, as :mod:`landplanner.analysis.quota`
      counts them. A plan listing no parcel covers no parcel (it counts in the district row
      of the quota table only).
    * When several plans list the same parcel, the parcel's plan is the one with the most
      advanced status (未启动 < 推进中 < 已完成 < 已销号); between equals, the first in
      ``plans``.

    Returns an ``Int64`` Series on ``parcels.index``.
    """
    best: dict[str, tuple[int, int]] = {}  # parcel id -> (status step, -position)
    for i, plan in enumerate(plans):
        step = STATUS_ORDER.index(plan.status) if plan.status in STATUS_ORDER else -1
        for pid in plan.parcel_ids:
            key = (step, -i)
            if pid not in best or key > best[pid]:
                best[pid] = key
    if "parcel_id" not in parcels.columns or not best:
        return pd.Series(pd.NA, index=parcels.index, dtype="Int64")
    lookup = pd.Series({pid: -k[1] for pid, k in best.items()}, dtype="Int64")
    ids = parcels["parcel_id"].astype("string")
    found = ids.map(lookup)
    return pd.Series(found.to_numpy(), index=parcels.index, dtype="Int64")


def parcel_plan_columns(
    plans: Sequence[Plan], parcels: pd.DataFrame, today: date | None = None
) -> pd.DataFrame:
    """``plan_index``, ``plan_id``, ``plan_status`` (code) and ``overdue`` of every parcel.

    Built on :func:`plan_for_parcels`; ``plan_status`` is ``None`` and ``overdue`` False for a
    parcel without a plan. Labels come from :mod:`landplanner.vocabulary` at display time.
    """
    index = plan_for_parcels(plans, parcels)
    pos = index.to_numpy(dtype="int64", na_value=len(plans))  # len(plans): no plan
    ids = np.array([p.id for p in plans] + [None], dtype=object)
    status = np.array([p.status for p in plans] + [None], dtype=object)
    used = np.unique(pos)
    late = np.zeros(len(plans) + 1, dtype=bool)
    for i in used[used < len(plans)]:
        late[i] = bool(overdue(plans[i], today))
    def column(values: np.ndarray) -> pd.Series:  # object dtype: None stays None (pandas 3)
        return pd.Series(values, index=parcels.index, dtype=object)

    return pd.DataFrame(
        {"plan_index": index, "plan_id": column(ids[pos]), "plan_status": column(status[pos]),
         "overdue": late[pos]},
        index=parcels.index,
    )


# --- suggestion ------------------------------------------------------------------------

_LOW_PLOT = {"plot_ratio_low", "plot_ratio_below_standard"}


def suggest_method(
    category: str | None,
    klass: str | None = None,
    idle_years: float | None = None,
    reasons: Sequence[str] = (),
    *,
    government_fault: bool = False,
    approval_expired: bool = False,
    banned_industry: bool = False,
    language: str | None = None,
) -> tuple[str | None, str]:
    """Suggest a disposal method and say why.

    The rules, first match wins (DOMAIN §2, §4):

    1. 征而未供/批而未供 (``unsupplied``): 供地, or 撤回批文 when the approval expired.
    2. Idle land (category ``idle`` or an ``idle_1y``/``idle_2y`` reason): the government's
       fault → 限期开发/延长动工期限; ≥ 2 years → 依法无偿收回; 1–2 years → 限期开发 and
       the idle fee; < 1 year → 限期开发; unknown → 协议有偿收回/收购储备.
    3. Class D or a banned industry → 关停退出、腾笼换鸟.
    4. Low plot ratio: class A/B → 企业自主技改/增容; class C → 协议收回/收购储备;
       not graded → 企业自主技改 (check the firm).
    5. Low tax per mu: class A/B → 税收规范 (tax likely booked elsewhere); C → 收购储备;
       not graded → 企业自主技改.
    6. Category ``low_efficiency`` with no other reason: as 4.
    7. Otherwise no suggestion (``None``).

    Parameters
    ----------
    category : str
        Parcel category (``idle``, ``low_efficiency``, ``unsupplied``, ``other``).
    klass : str, optional
        Enterprise class ``A``–``D`` (or ``T``).
    idle_years : float, optional
        Years past the agreed start date.
    reasons : sequence of str
        Screening reason codes (:data:`landplanner.analysis.screening.REASON_CODES`).
    government_fault : bool
        The delay was caused by the government (no free recovery then).
    approval_expired : bool
        For unsupplied land: the approval has expired.
    banned_industry : bool
        The firm's industry is on the banned / phase-out list.
    language : {"zh", "en"}, optional

    Returns
    -------
    (str or None, str)
        The method key of :data:`METHODS` and the explanation.
    """
    reasons = set(reasons or ())
    k = (klass or "").upper() or None
    years = None if idle_years is None or (isinstance(idle_years, float) and math.isnan(idle_years)) \
        else float(idle_years)

    def why(code: str, **kw: object) -> str:
        return messages.text(f"plans.why.{code}", language, **kw)

    if category == "unsupplied" or "unsupplied" in reasons:
        if approval_expired:
            return "withdraw_approval", why("approval_expired")
        return "supply", why("unsupplied")
    if category == "idle" or reasons & {"idle_1y", "idle_2y"}:
        if government_fault:
            return "deadline", why("government_fault")
        if years is None:
            return "buy_back", why("idle_unknown")
        if years >= 2 or "idle_2y" in reasons:
            return "recover_free", why("recover_free", years=years)
        if years >= 1 or "idle_1y" in reasons:
            return "deadline", why("idle_fee", years=years)
        return "deadline", why("idle_young")
    if k == "D" or "class_d" in reasons or banned_industry:
        return "exit", why("exit")
    low_plot = bool(reasons & _LOW_PLOT)
    low_tax = "tax_per_mu_low" in reasons
    if low_plot or (category == "low_efficiency" and not low_tax):
        if k in ("A", "B"):
            return "self_upgrade", why("self_upgrade", klass=k)
        if k == "C":
            return "buy_back", why("buy_back_weak", klass=k)
        return "self_upgrade", why("self_upgrade_unknown")
    if low_tax:
        if k in ("A", "B"):
            return "regularize_tax", why("regularize_tax", klass=k)
        if k == "C":
            return "buy_back", why("buy_back_weak", klass=k)
        return "self_upgrade", why("self_upgrade_unknown")
    return None, why("none")


def suggest_for_parcels(
    parcels: pd.DataFrame,
    screened: pd.DataFrame,
    scores: pd.DataFrame | Mapping | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """:func:`suggest_method` for every parcel of a screening result.

    Parameters
    ----------
    parcels : DataFrame
        Canonical parcels (``category``, ``uscc``).
    screened : DataFrame
        :func:`landplanner.analysis.screening.screen` of the same parcels (same index).
    scores : DataFrame or mapping, optional
        Scores (``uscc``, ``class``) or ``{uscc: class}``.
    language : {"zh", "en"}, optional

    Returns
    -------
    DataFrame
        Same index: ``method`` (key or None) and ``why``. Parcels of category ``other``
        without any reason get neither (nothing to dispose of).
    """
    from landplanner.analysis.screening import class_by_uscc

    class_of = class_by_uscc(scores)
    cats = parcels["category"] if "category" in parcels else pd.Series(None, index=parcels.index)
    usccs = parcels["uscc"] if "uscc" in parcels else pd.Series(None, index=parcels.index)
    methods, whys = [], []
    for cat, code, reasons, years in zip(
        cats.to_numpy(dtype=object), usccs.to_numpy(dtype=object),
        screened["reasons"].to_numpy(dtype=object), screened["idle_years"].to_numpy(),
        strict=True,
    ):
        cat = cat if isinstance(cat, str) else None
        if cat in (None, "other") and not reasons:
            methods.append(None)
            whys.append(None)
            continue
        klass = class_of.get(code.upper()) if isinstance(code, str) else None
        method, why = suggest_method(cat, klass, years, reasons, language=language)
        methods.append(method)
        whys.append(why if method else None)
    return pd.DataFrame(
        {"method": pd.Series(methods, index=parcels.index, dtype=object),
         "why": pd.Series(whys, index=parcels.index, dtype=object)},
    )


def suggest_for_parcel(
    parcels: pd.DataFrame,
    position: int,
    scores: pd.DataFrame | None = None,
    screening_rules: Mapping | None = None,
    today: date | None = None,
) -> tuple[str | None, str]:
    """:func:`suggest_method` for the parcel at row ``position``, screened first.

    Parameters
    ----------
    parcels : DataFrame
        Canonical parcels.
    position : int
        Row position (0..n-1) of the parcel.
    scores : DataFrame, optional
        Scores with ``uscc`` and ``class``; the parcel's enterprise class comes from them.
    screening_rules : mapping, optional
        The project's ``settings["screening"]`` (:func:`screening.screen`'s rules).
    today : date, optional

    Returns
    -------
    (str or None, str)
        The method key and the explanation.
    """
    from landplanner.analysis.screening import screen

    one = parcels.iloc[[position]]
    found = screen(one, scores, screening_rules, today)
    klass = None
    uscc = one["uscc"].iloc[0] if "uscc" in one else None
    if scores is not None and isinstance(uscc, str) and "uscc" in scores:
        hit = scores.loc[scores["uscc"] == uscc, "class"]
        klass = None if hit.empty else hit.iloc[0]
    category = one["category"].iloc[0] if "category" in one else None
    years = found["idle_years"].iloc[0] if "idle_years" in found else None
    return suggest_method(category, klass, years, list(found["reasons"].iloc[0]))


def create_for_parcel(
    plans: Iterable[Plan], parcel: Mapping, author: str, method: str | None, reason: str = ""
) -> Plan:
    """A new plan (the next free id) for one parcel row: its enterprise, USCC and parcel id."""
    uscc = parcel.get("uscc")
    enterprise = parcel.get("enterprise")
    return create(
        next_id(plans), author,
        uscc=uscc if isinstance(uscc, str) else None,
        enterprise=enterprise if isinstance(enterprise, str) else None,
        parcel_ids=[str(parcel.get("parcel_id"))], method=method, reason=reason or "",
    )
