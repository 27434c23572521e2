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
:mod:`landplanner.model.plan`, below the store; whether a plan is overdue and which plan each
parcel has in :mod:`landplanner.analysis.plan_status`; suggested methods in
:mod:`landplanner.analysis.plan_suggestions`. Their names stay importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any

from landplanner import messages, vocabulary
from landplanner.analysis.plan_status import (  # noqa: F401  (moved; importable from here too)
    Overdue,
    overdue,
    parcel_plan_columns,
    plan_for_parcels,
)
from landplanner.analysis.plan_suggestions import (  # noqa: F401  (moved; importable from here too)
    suggest_for_parcel,
    suggest_for_parcels,
    suggest_method,
)
from landplanner.model.plan import (  # noqa: F401  (the record's public names, importable here too)
    ACCOUNTS,
    METHODS,
    STATUS_ORDER,
    STATUSES,
    SUBJECT_KINDS,
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
