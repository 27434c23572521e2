"""The 一企一策 plan record: :class:`Plan` and :class:`Milestone`, their codes and JSON form.

A plan is a frozen record, stored in a project through :meth:`Plan.to_dict` /
:meth:`Plan.from_dict` (JSON-able; dates as ISO ``YYYY-MM-DD`` strings). It lives below the
store so the store can read and write plans without the analysis layer; the rules that change
a plan (status steps, history, suggestions) are in :mod:`landplanner.analysis.plans`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from landplanner import messages, vocabulary
from landplanner.problems import InputError, Problem

# --- menus -----------------------------------------------------------------------------

#: Disposal methods of DOMAIN §4: key -> (Chinese, English), from :mod:`landplanner.vocabulary`.
METHODS: dict[str, tuple[str, str]] = {k: vocabulary.pair("method", k) for k in vocabulary.codes("method")}

#: Statuses in order: key -> (Chinese, English), from :mod:`landplanner.vocabulary`.
STATUSES: dict[str, tuple[str, str]] = {k: vocabulary.pair("status", k) for k in vocabulary.codes("status")}
STATUS_ORDER = tuple(STATUSES)

#: What a plan can be about: land (parcels and their enterprise) or an asset.
SUBJECT_KINDS = ("parcel", "asset")

#: The three accounts (三本账), from :mod:`landplanner.vocabulary`.
ACCOUNTS: dict[str, tuple[str, str]] = {k: vocabulary.pair("account", k) for k in vocabulary.codes("account")}

#: The figures of the three accounts a plan holds, by subject kind: ``(account, figure)`` in
#: display order. Each is entered before and after (``{figure}_before`` / ``{figure}_after``
#: in ``accounts[account]["figures"]``); labels are the vocabulary's ``account_figure``
#: domain, units :data:`FIGURE_UNITS`. Land plans carry the figures
#: :mod:`landplanner.analysis.accounts` totals; asset plans their rent, tax, the area put to
#: use and energy (an asset has no land of its own).
ACCOUNT_FIGURES: dict[str, tuple[tuple[str, str], ...]] = {
    "parcel": (("economic", "tax"), ("economic", "sales"), ("resource", "land_mu"),
               ("resource", "floor_m2"), ("environment", "energy"), ("environment", "emissions")),
    "asset": (("economic", "rent"), ("economic", "tax"), ("resource", "used_m2"),
              ("environment", "energy")),
}
#: Unit of each account figure.
FIGURE_UNITS = {"tax": "万元", "sales": "万元", "land_mu": "亩", "floor_m2": "m²",
                "energy": "吨标煤", "emissions": "吨", "rent": "万元/年", "used_m2": "m²"}
#: Fields a plan of each subject kind uses (the editor shows these; the rest do not apply:
#: an asset plan frees no land).
SUBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "parcel": ("method", "reason", "responsible_unit", "responsible_person", "target_date",
               "mu_to_free", "expected_tax_after", "notes", "milestones", "accounts"),
    "asset": ("method", "reason", "responsible_unit", "responsible_person", "target_date",
              "notes", "milestones", "accounts"),
}

messages.register({f"plans.method.{k}": v for k, v in METHODS.items()})
messages.register({f"plans.status.{k}": v for k, v in STATUSES.items()})
messages.register({f"plans.account.{k}": v for k, v in ACCOUNTS.items()})
messages.register(
    {
        "plans.bad_status": ("未知的方案状态“{value}”", "unknown plan status '{value}'"),
        "plans.bad_method": ("未知的处置方式“{value}”", "unknown disposal method '{value}'"),
        "plans.bad_value": (
            "方案字段“{field}”的值无效：{value}",
            "invalid value for plan field '{field}': {value}",
        ),
        "plans.no_id": ("方案缺少编号", "a plan needs an id"),
    }
)


# --- records ---------------------------------------------------------------------------


def _fail(code: str, **kw: object) -> InputError:
    return InputError(Problem.make(code, "error", **kw))


def _to_date(value: Any, name: str) -> date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp (NaT has no valid date)
        try:
            return value.to_pydatetime().date()
        except ValueError:
            return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise _fail("plans.bad_value", field=name, value=value) from exc


def _to_float(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise _fail("plans.bad_value", field=name, value=value) from exc
    return None if math.isnan(out) else out


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Milestone:
    """A step of a plan: ``title``, ``due`` date, and ``done`` date once finished."""

    title: str
    due: date | None = None
    done: date | None = None

    def to_dict(self) -> dict:
        """JSON form with ISO dates."""
        return {"title": self.title, "due": _iso(self.due), "done": _iso(self.done)}

    @classmethod
    def from_dict(cls, data: Mapping | Milestone) -> Milestone:
        """A milestone from its JSON form (or itself)."""
        if isinstance(data, Milestone):
            return data
        return cls(
            title=str(data.get("title", "")),
            due=_to_date(data.get("due"), "milestones.due"),
            done=_to_date(data.get("done"), "milestones.done"),
        )


def _accounts(value: Mapping | None, base: Mapping | None = None) -> dict:
    """Normalise the three accounts to ``{key: {"text": str, "figures": {name: float}}}``.

    Accounts missing from ``value`` are taken from ``base`` (or left empty).
    """
    out = {key: {"text": "", "figures": {}} for key in ACCOUNTS}
    for key, item in dict(base or {}).items():
        out[key] = {"text": item["text"], "figures": dict(item["figures"])}
    for key, item in dict(value or {}).items():
        if key not in ACCOUNTS:
            raise _fail("plans.bad_value", field="accounts", value=key)
        if isinstance(item, str):
            item = {"text": item}
        figures = {}
        for name, number in dict(item.get("figures") or {}).items():
            figures[str(name)] = _to_float(number, f"accounts.{key}.{name}")
        out[key] = {"text": str(item.get("text") or ""), "figures": figures}
    return out


@dataclass(frozen=True)
class Plan:
    """One 一企一策 plan.

    Attributes
    ----------
    id : str
        Stable plan id (see :func:`next_id`).
    uscc, enterprise : str or None
        The enterprise (统一社会信用代码, name).
    parcel_ids : tuple of str
        Parcels the plan covers.
    method : str or None
        Disposal method key of :data:`METHODS`.
    reason : str
        闲置原因 / 低效原因.
    responsible_unit, responsible_person : str
        责任单位 and 责任人.
    milestones : tuple of Milestone
    target_date : date or None
        Date the case should be completed by.
    mu_to_free : float or None
        Land to be freed, mu. None means "all its parcels" (see ``quota``).
    expected_tax_after : float or None
        Expected yearly tax after the disposal, 万元.
    accounts : dict
        ``{"economic"|"resource"|"environment": {"text": str, "figures": {name: float}}}``.
    status : str
        Key of :data:`STATUSES`.
    closed_date : date or None
        销号 date.
    evidence : str
        佐证材料 (what proves the case is done).
    notes : str
    history : tuple of dict
        ``{"time", "author", "field", "old", "new"}`` (plus ``"note"`` for a status moved back).
    subject_kind : str
        What the plan is about: ``"parcel"`` (land and its enterprise, the default) or
        ``"asset"`` (a state-owned or collective asset of :mod:`landplanner.analysis.assets`).
    subject_id : str or None
        The asset id for an asset plan (parcel plans name their parcels in ``parcel_ids``).
    """

    id: str
    uscc: str | None = None
    enterprise: str | None = None
    parcel_ids: tuple[str, ...] = ()
    method: str | None = None
    reason: str = ""
    responsible_unit: str = ""
    responsible_person: str = ""
    milestones: tuple[Milestone, ...] = ()
    target_date: date | None = None
    mu_to_free: float | None = None
    expected_tax_after: float | None = None
    accounts: dict = field(default_factory=lambda: _accounts(None))
    status: str = "not_started"
    closed_date: date | None = None
    evidence: str = ""
    notes: str = ""
    history: tuple[dict, ...] = ()
    subject_kind: str = "parcel"
    subject_id: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise _fail("plans.no_id")
        if self.subject_kind not in SUBJECT_KINDS:
            raise _fail("plans.bad_value", field="subject_kind", value=self.subject_kind)
        if self.status not in STATUSES:
            raise _fail("plans.bad_status", value=self.status)
        if self.method is not None and self.method not in METHODS:
            raise _fail("plans.bad_method", value=self.method)

    def __hash__(self) -> int:
        # ``accounts`` is a dict, so the generated hash would fail; the id identifies a plan.
        return hash(self.id)

    def to_dict(self) -> dict:
        """JSON-able form (dates as ISO strings)."""
        out = {}
        for f in fields(self):
            out[f.name] = _jsonable(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping) -> Plan:
        """A plan from :meth:`to_dict` output (unknown keys ignored).

        Raises
        ------
        InputError
            On an unknown status or method, or a malformed date or number.
        """
        known = {f.name for f in fields(cls)}
        kwargs = {k: _coerce(k, v) for k, v in data.items() if k in known}
        kwargs["id"] = str(data.get("id") or "")
        return cls(**kwargs)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Milestone):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _coerce(name: str, value: Any) -> Any:
    """Bring a field value to its stored type (used by from_dict and update)."""
    if name in ("target_date", "closed_date"):
        return _to_date(value, name)
    if name in ("mu_to_free", "expected_tax_after"):
        return _to_float(value, name)
    if name == "parcel_ids":
        if isinstance(value, str):
            value = [value]
        return tuple(str(v) for v in (value or ()))
    if name == "milestones":
        return tuple(Milestone.from_dict(m) for m in (value or ()))
    if name == "accounts":
        return _accounts(value)
    if name == "history":
        return tuple(dict(h) for h in (value or ()))
    if name in ("uscc", "enterprise", "method", "subject_id"):
        return None if value in (None, "") else str(value)
    if name == "subject_kind":
        return str(value or "parcel")
    if name == "status":
        return str(value)
    return "" if value is None else str(value)
