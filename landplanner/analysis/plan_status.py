"""Where each plan stands: whether it is overdue, and which plan each parcel has.

The one plan-of-parcel rule (:func:`plan_for_parcels`) that the map, the table, the details,
the plan editor, the workbook and print all use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from landplanner.model.plan import STATUS_ORDER, Plan

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


def milestone_states(plan: Plan, today: date | None = None) -> list[str]:
    """Each milestone's state: ``done`` (has a done date), ``late`` (due before ``today``,
    not done; nothing of a closed case is late) or ``open`` (vocabulary ``milestone_state``)."""
    late = set(overdue(plan, today).milestones)
    return ["done" if m.done is not None else "late" if i in late else "open"
            for i, m in enumerate(plan.milestones)]


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
    keys = pd.Index(list(best), dtype=object)
    plan_of_key = np.array([-k[1] for k in best.values()], dtype=np.int64)
    ids = parcels["parcel_id"]
    if not (pd.api.types.is_string_dtype(ids) or ids.dtype == object):
        ids = ids.astype("string")  # ids are text; numbers read from a file compare as text
    at = keys.get_indexer(ids.to_numpy(dtype=object, na_value=None))
    out = pd.array(np.where(at >= 0, plan_of_key[at], 0), dtype="Int64")
    out[at < 0] = pd.NA
    return pd.Series(out, index=parcels.index)


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
