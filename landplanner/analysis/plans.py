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
        "plans.close_open_milestones": (
            "还有 {count} 个节点未完成（{titles}）：销号前请填写各节点的完成日期，或在“说明”中写明理由",
            "{count} milestone(s) are not done ({titles}): give their done dates before closing, "
            "or write the reason in the note",
        ),
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


# --- history, in words -------------------------------------------------------------------

messages.register({
    "plans.hist.change": ("{field}：{old} → {new}", "{field}: {old} → {new}"),
    "plans.hist.created": ("创建方案 {id}", "Plan {id} created"),
    "plans.hist.empty": ("—", "—"),
    "plans.hist.ms_added": ("新增“{title}”{due}", "added “{title}”{due}"),
    "plans.hist.ms_removed": ("删除“{title}”", "removed “{title}”"),
    "plans.hist.ms_due": ("“{title}”截止 {old} → {new}", "“{title}” due {old} → {new}"),
    "plans.hist.ms_done": ("“{title}”完成于 {date}", "“{title}” done on {date}"),
    "plans.hist.ms_undone": ("“{title}”改为未完成", "“{title}” marked not done"),
    "plans.hist.ms_renamed": ("“{old}”改名为“{new}”", "“{old}” renamed “{new}”"),
    "plans.hist.ms_due_suffix": ("（截止 {date}）", " (due {date})"),
    "plans.hist.ms_order": ("调整节点顺序", "milestones reordered"),
    "plans.hist.milestones": ("节点计划：{changes}", "Milestones: {changes}"),
})


def _sep(lang: str | None, zh: str = "；", en: str = "; ") -> str:
    return en if (lang or messages.language()) == "en" else zh


def _value_text(name: str, value: Any, lang: str | None) -> str:
    """A history value in words: labels for codes, dates as they are, lists joined."""
    empty = messages.text("plans.hist.empty", lang)
    if value is None or value == "" or value == [] or value == {}:
        return empty
    if name == "status":
        return vocabulary.label("status", value, lang)
    if name == "method":
        return vocabulary.label("method", value, lang)
    if name == "subject_kind":
        return vocabulary.label("subject_kind", value, lang)
    if name == "parcel_ids" and isinstance(value, (list, tuple)):
        return _sep(lang, "、", ", ").join(map(str, value))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        unit = vocabulary.unit("plan_field", name, lang)
        return f"{value:,.2f}".rstrip("0").rstrip(".") + (f" {unit}" if unit else "")
    return str(value)


def _milestone_changes(old: Any, new: Any, lang: str | None) -> list[str]:
    def norm(items: Any) -> list[dict]:
        return [m.to_dict() if isinstance(m, Milestone) else dict(m) for m in (items or [])]

    old, new = norm(old), norm(new)
    out: list[str] = []
    old_titles = [m.get("title", "") for m in old]
    new_titles = [m.get("title", "") for m in new]
    if len(old) == len(new) and sorted(old_titles) == sorted(new_titles) \
            and old_titles != new_titles:
        out.append(messages.text("plans.hist.ms_order", lang))
    by_title = {m.get("title", ""): m for m in old}
    unmatched_old = [m for m in old if m.get("title", "") not in new_titles]
    for m in new:
        title = m.get("title", "")
        before = by_title.get(title)
        if before is None and unmatched_old and len(old) == len(new):
            before = unmatched_old.pop(0)  # same place, new title: a rename
            out.append(messages.text("plans.hist.ms_renamed", lang, old=before.get("title", ""),
                                     new=title))
        if before is None:
            due = m.get("due")
            suffix = messages.text("plans.hist.ms_due_suffix", lang, date=due) if due else ""
            out.append(messages.text("plans.hist.ms_added", lang, title=title, due=suffix))
            if m.get("done"):
                out.append(messages.text("plans.hist.ms_done", lang, title=title, date=m["done"]))
            continue
        if before.get("due") != m.get("due"):
            out.append(messages.text("plans.hist.ms_due", lang, title=title,
                                     old=before.get("due") or "—", new=m.get("due") or "—"))
        if before.get("done") != m.get("done"):
            if m.get("done"):
                out.append(messages.text("plans.hist.ms_done", lang, title=title, date=m["done"]))
            else:
                out.append(messages.text("plans.hist.ms_undone", lang, title=title))
    if len(old) != len(new) or any(m.get("title", "") not in new_titles for m in old):
        for m in unmatched_old:
            out.append(messages.text("plans.hist.ms_removed", lang, title=m.get("title", "")))
    return out


def _account_changes(old: Any, new: Any, lang: str | None) -> list[str]:
    out = []
    for key in vocabulary.codes("account"):
        a, b = dict((old or {}).get(key) or {}), dict((new or {}).get(key) or {})
        if a == b:
            continue

        def words(item: dict) -> str:
            figures = _sep(lang, "，", ", ").join(
                f"{k} {v:g}" for k, v in (item.get("figures") or {}).items() if v is not None)
            return _sep(lang).join(p for p in (item.get("text") or "", figures) if p) or \
                messages.text("plans.hist.empty", lang)

        out.append(messages.text("plans.hist.change", lang,
                                 field=vocabulary.label("account", key, lang),
                                 old=words(a), new=words(b)))
    return out


def history_text(entry: Mapping, lang: str | None = None) -> str:
    """One history entry in words: ``状态：已完成 → 已销号``, ``处置方式：— → 依法无偿收回``.

    Codes become their vocabulary labels, empty values "—", milestones their titles and
    dates (``节点计划：“签订协议”完成于 2026-11-20``), never a code name or a Python repr.
    """
    name = str(entry.get("field", ""))
    old, new = entry.get("old"), entry.get("new")
    if name == "created":
        return messages.text("plans.hist.created", lang, id=new or "")
    if name == "milestones":
        changes = _milestone_changes(old, new, lang)
        return messages.text("plans.hist.milestones", lang, changes=_sep(lang).join(changes)
                             or messages.text("plans.hist.empty", lang))
    if name == "accounts":
        return _sep(lang).join(_account_changes(old, new, lang))
    return messages.text("plans.hist.change", lang, field=vocabulary.label("plan_field", name, lang),
                         old=_value_text(name, old, lang), new=_value_text(name, new, lang))


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
    if merged.status == "closed" and new_status != old_status and not (note or "").strip():
        # 销号 with steps still open needs the reason written down (the note).
        still_open = [m.title or "?" for m in merged.milestones if m.done is None]
        if still_open:
            raise _fail("plans.close_open_milestones", count=len(still_open),
                        titles="、".join(still_open[:5]))
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
