"""Edits that met another user's edit of the same field: the records a shared store reports.

Saving to a shared store compares three versions of each changed record (a plan, a
parcel's attributes, a setting): *base* (what this user loaded), *mine* (what this user has
now) and *theirs* (what the database holds now). :func:`merge_record` takes every field only
one side changed; a field both sides changed to different values is a :class:`Conflict`,
which says who changed it, when, to what, and what this user changed it to.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from landplanner import messages, vocabulary

messages.register(
    {
        "conflict.changed": (
            "{user} 于 {time} 将 {record} 的 {field} 改为 {theirs}；您改为 {mine}",
            "{user} changed {field} of {record} to {theirs} at {time}; you changed it to {mine}",
        ),
        "conflict.deleted_theirs": (
            "{user} 于 {time} 删除了 {record}；您修改了 {field}（改为 {mine}）",
            "{user} deleted {record} at {time}; you changed {field} to {mine}",
        ),
        "conflict.deleted_mine": (
            "您删除了 {record}；{user} 于 {time} 将其 {field} 改为 {theirs}",
            "you deleted {record}; {user} changed its {field} to {theirs} at {time}",
        ),
        "conflict.empty": ("（空）", "(empty)"),
        "conflict.someone": ("另一用户", "another user"),
        "conflict.record.plans": ("方案 {key}", "plan {key}"),
        "conflict.record.parcels": ("地块 {key}", "parcel {key}"),
        "conflict.record.settings": ("设置 {key}", "setting {key}"),
        "conflict.deleted_field": ("（整条记录）", "(the whole record)"),
    }
)

#: A field name meaning "the record itself" (created or deleted by one side).
WHOLE_RECORD = "(record)"
#: Fields merged by union instead of compared (a plan's own change log).
APPEND_ONLY = frozenset({"history"})


@dataclass(frozen=True)
class Conflict:
    """One field both this user and another changed to different values.

    Attributes
    ----------
    table : str
        ``"plans"``, ``"parcels"`` or ``"settings"``.
    key : str
        The record: plan id, parcel row key, setting key.
    label : str
        What people call the record (plan id, 地块编号).
    field : str
        The field (``WHOLE_RECORD`` when one side deleted the record).
    base, mine, theirs : object
        The value as loaded, as this user has it, as the database has it (``theirs`` is
        ``None`` with ``deleted_theirs``).
    their_user : str
        Who made the other change (the application user name, else the database role).
    their_time : datetime or None
        When (UTC).
    deleted : str
        ``""``, ``"theirs"`` (they deleted the record) or ``"mine"`` (this user deleted it).
    """

    table: str
    key: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    their_user: str = ""
    their_time: _dt.datetime | None = None
    label: str = ""
    deleted: str = ""

    def field_label(self, lang: str | None = None) -> str:
        """The field's name as users know it (责任人 for ``responsible_person``)."""
        return field_label(self.field, lang, self.table)

    def message(self, lang: str | None = None, now: _dt.datetime | None = None) -> str:
        """"‹user› 于 10:42 将 方案 P-1 的 责任人 改为 ‹A›；您改为 ‹B›" (or the English form)."""
        record = messages.text(f"conflict.record.{self.table}", lang=lang, key=self.label or self.key)
        kw = {
            "user": self.their_user or messages.text("conflict.someone", lang=lang),
            "time": format_time(self.their_time, now),
            "record": record,
            "field": _in_sentence(self.field_label(lang), lang)
            if self.field != WHOLE_RECORD
            else messages.text("conflict.deleted_field", lang=lang),
            "theirs": format_value(_coded(self.field, self.theirs, lang), lang),
            "mine": format_value(_coded(self.field, self.mine, lang), lang),
        }
        code = {"theirs": "conflict.deleted_theirs", "mine": "conflict.deleted_mine"}.get(
            self.deleted, "conflict.changed"
        )
        return messages.text(code, lang=lang, **kw)


def field_label(name: str, lang: str | None = None, table: str = "plans") -> str:
    """A field's label from the shared vocabulary: a plan's fields from ``plan_field``,
    a parcel's from ``field``; ``name`` itself when neither knows it."""
    domains = ("plan_field", "field") if table == "plans" else ("field", "plan_field")
    for domain in domains:
        if name in vocabulary.codes(domain):
            return vocabulary.label(domain, name, lang)
    return name


def _in_sentence(label: str, lang: str | None) -> str:
    """An English label inside a sentence: 'Responsible person' → 'responsible person'
    (acronyms such as 'USCC' stay)."""
    if (lang or messages.language()) != "en" or len(label) < 2 or label[1].isupper():
        return label
    return label[0].lower() + label[1:]


#: Fields whose values are codes of a vocabulary domain (shown by their label).
_CODED = {"category": "category", "status": "status", "method": "method", "class": "class"}


def _coded(name: str, value: Any, lang: str | None) -> Any:
    domain = _CODED.get(name)
    if domain is None or not isinstance(value, str):
        return value
    return vocabulary.label(domain, value, lang) or value


def format_time(when: _dt.datetime | None, now: _dt.datetime | None = None) -> str:
    """``10:42`` for today (local time), ``2026-11-26 10:42`` for another day, ``?`` unknown."""
    if when is None:
        return "?"
    local = when.astimezone() if when.tzinfo else when
    today = (now or _dt.datetime.now(local.tzinfo)).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")


def format_value(value: Any, lang: str | None = None) -> str:
    """A value as people read it: ‹text›, numbers plainly, lists and dicts shortened."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return messages.text("conflict.empty", lang=lang)
    if isinstance(value, (list, tuple, dict)):
        text = json.dumps(value, ensure_ascii=False, default=str)
        text = text if len(text) <= 60 else text[:57] + "…"
    else:
        text = str(value)
    return f"“{text}”" if (lang or messages.language()) == "zh" else f"'{text}'"


@dataclass
class Merge:
    """What :func:`merge_record` decided for one record."""

    merged: dict
    conflicts: list[str] = field(default_factory=list)  # field names
    theirs_taken: list[str] = field(default_factory=list)  # fields updated from theirs


def merge_record(base: Mapping, mine: Mapping, theirs: Mapping) -> Merge:
    """Three-way merge of one record's fields.

    A field only this user changed takes ``mine``; a field only they changed, or both
    changed to the same value, takes ``theirs``; a field both changed differently is a
    conflict (``merged`` keeps ``theirs`` there until the user chooses). Append-only fields
    (a plan's ``history``) get theirs plus the entries this user added.
    """
    merged = dict(theirs)
    conflicts: list[str] = []
    taken: list[str] = []
    for name in sorted(set(base) | set(mine) | set(theirs), key=str):
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        if name in APPEND_ONLY:
            merged[name] = union_append(b, m, t)
            continue
        if _same(m, b):
            if not _same(t, b):
                taken.append(name)
            continue
        if _same(t, b) or _same(t, m):
            merged[name] = m
        else:
            conflicts.append(name)
    return Merge(merged=merged, conflicts=conflicts, theirs_taken=taken)


def union_append(base: Any, mine: Any, theirs: Any) -> list:
    """Their entries, then the entries this user added after ``base`` (no duplicates)."""
    base_list = list(base or [])
    out = list(theirs or base_list)
    for entry in list(mine or [])[len(base_list):]:  # usually one: compared, not serialised
        if entry not in out:
            out.append(entry)
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if a is None and isinstance(b, float) and b != b:
        return True
    if b is None and isinstance(a, float) and a != a:
        return True
    try:
        return bool(a == b)
    except Exception:
        return a is b
