"""Park quotas (三大园区 targets) and progress of the year's campaign.

Definitions (all areas in mu):

* **mu of a plan** — its ``mu_to_free`` when set, otherwise the sum of its parcels'
  ``area_mu`` (``declared_mu`` where ``area_mu`` is unknown). A plan is counted in the
  park(s) of its parcels; when its parcels lie in several parks, a set ``mu_to_free`` is
  split in proportion to the parcels' areas (equally when no area is known). A plan whose
  parcels are unknown or have no park counts in the district row only.
* **done_mu** — plans 已销号 (``closed``) whose ``closed_date`` falls in the quota year.
* **in_progress_mu** — plans 推进中 or 已完成 (completed but not yet ticked off).
* **planned_mu** — plans 未启动.
* **candidate_mu** — parcels of category ``idle`` / ``low_efficiency`` / ``unsupplied`` that
  no plan covers (plans closed in an earlier year still cover their parcels).
* **percent** — ``done_mu / target_mu × 100``.
* **projected_mu** — year-end projection from the current pace, assuming it continues:
  ``done_mu / f`` where ``f`` is the elapsed fraction of the quota year counting ``today``
  as a whole day (``day_of_year / days_in_year``). For a past year ``f = 1``; for a future
  year nothing is done and the projection is 0. Early in January the projection is noisy.
* **behind** — ``projected_mu < target_mu``.

Words: every view names these figures with the ``quota`` terms of
:mod:`landplanner.vocabulary` (已销号 / 推进中 / 未启动 / 无方案候选地块 …; :func:`park_label`
for the district row), so the panel, the CLI, the workbook and print say the same.

Settings: the project's ``settings["quotas"]`` (see :class:`QuotaSettings` and
:mod:`landplanner.project_settings`). Nothing is assumed: without settings there are no
parks and no targets; a park or the district without a target has ``percent`` NaN and is
never ``behind``. Parks found in the data but not in the settings get a row without a
target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis.plans import Plan, as_plans
from landplanner.problems import InputError, Problem

DISTRICT = "district"
CANDIDATE_CATEGORIES = ("idle", "low_efficiency", "unsupplied")
COLUMNS = (
    "park",
    "target_mu",
    "done_mu",
    "in_progress_mu",
    "planned_mu",
    "candidate_mu",
    "percent",
    "projected_mu",
    "behind",
)

messages.register(
    {
        "quota.bad_settings": ("园区指标设置无效：{detail}", "invalid quota settings: {detail}"),
    }
)


_NO_TARGET = float("nan")  # one object, so settings without a target compare equal


def _target(value) -> float:
    """A target in mu; NaN when not set (None, '' or NaN)."""
    if value is None or value == "":
        return _NO_TARGET
    value = float(value)
    return _NO_TARGET if value != value else value


@dataclass
class QuotaSettings:
    """Quota targets: ``parks`` ``{name: mu}``, ``district`` mu, and ``year`` (None: this year).

    Stored in the project settings as the store writes them (``landplanner.project
    .default_settings``): ``settings["quotas"] = {"district_mu": mu, "parks": [{"name",
    "target_mu"}]}`` with the campaign year in ``settings["year"]``. :meth:`from_dict` also
    accepts the flat form ``{"parks": {name: mu}, "district": mu, "year": y}``.
    """

    parks: dict[str, float] = field(default_factory=dict)
    district: float = _NO_TARGET
    year: int | None = None

    def to_dict(self) -> dict:
        """The ``settings["quotas"]`` form (plus ``year``)."""
        def plain(v: float) -> float | None:
            return None if v != v else v

        return {
            "district_mu": plain(self.district),
            "parks": [{"name": k, "target_mu": plain(v)} for k, v in self.parks.items()],
            "year": self.year,
        }

    @classmethod
    def from_dict(cls, data: Mapping | QuotaSettings | None) -> QuotaSettings:
        """Settings from a quota dict or from whole project settings (``quotas`` + ``year``).

        Raises
        ------
        InputError
            When a target or the year is not a number.
        """
        if isinstance(data, QuotaSettings):
            return data
        data = dict(data or {})
        year = data.get("year")
        for key in ("quotas", "quota"):
            if isinstance(data.get(key), Mapping):
                data = dict(data[key])
                year = data.get("year", year)
        try:
            parks = data.get("parks")
            if parks is None:
                parks = {}
            elif isinstance(parks, Mapping):
                parks = {str(k): _target(v) for k, v in parks.items()}
            else:
                parks = {str(p["name"]): _target(p.get("target_mu")) for p in parks if p.get("name")}
            district = _target(data.get("district_mu", data.get("district")))
            year = None if year in (None, "") else int(year)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise InputError(Problem.make("quota.bad_settings", "error", detail=str(exc))) from exc
        return cls(parks=parks, district=district, year=year)


def park_label(park: object, lang: str | None = None) -> str:
    """The name of a row of the quota table: the park, or 全区 / District for the district."""
    return vocabulary.label("quota", DISTRICT, lang) if park == DISTRICT else str(park)


def parcel_area(parcels: pd.DataFrame) -> pd.Series:
    """Parcel areas in mu: ``area_mu``, or ``declared_mu`` where it is unknown."""
    area = pd.Series(np.nan, index=parcels.index, dtype="float64")
    if "area_mu" in parcels:
        area = pd.to_numeric(parcels["area_mu"], errors="coerce").astype("float64")
    if "declared_mu" in parcels:
        area = area.fillna(pd.to_numeric(parcels["declared_mu"], errors="coerce"))
    return area


def plan_mu_by_park(
    plan: Plan, area: Mapping[str, float], park: Mapping[str, object]
) -> dict[str | None, float]:
    """Split a plan's mu over parks (``None``: no known park). See the module docstring.

    ``area`` (mu) and ``park`` map parcel id to value (plain dicts: this runs once per plan).
    """
    ids = [p for p in plan.parcel_ids if p in area]
    if not ids:
        return {None: float(plan.mu_to_free or 0.0)}
    a = np.array([area[p] for p in ids], dtype="float64")
    a[np.isnan(a)] = 0.0
    parks = [None if pd.isna(park.get(p)) else str(park.get(p)) for p in ids]
    if plan.mu_to_free is None:
        shares = a
    else:
        weights = a if a.sum() > 0 else np.ones(len(ids))
        shares = plan.mu_to_free * weights / weights.sum()
    out: dict[str | None, float] = {}
    for name, mu in zip(parks, shares, strict=True):
        out[name] = out.get(name, 0.0) + float(mu)
    return out


def elapsed_fraction(year: int, today: date) -> float:
    """Fraction of ``year`` elapsed by the end of ``today`` (0 before it, 1 after it)."""
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    start = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - start).days
    return ((today - start).days + 1) / days


def _indexed(parcels: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    if "parcel_id" in parcels:
        ids = parcels["parcel_id"].astype(str)
    else:
        ids = pd.Series(parcels.index.astype(str), index=parcels.index)
    area = pd.Series(parcel_area(parcels).to_numpy(), index=ids)
    park = parcels["park"] if "park" in parcels else pd.Series(pd.NA, index=parcels.index)
    park = pd.Series(park.to_numpy(), index=ids)
    cat = parcels["category"] if "category" in parcels else pd.Series("", index=parcels.index)
    cat = pd.Series(cat.to_numpy(), index=ids)
    # A parcel id repeated in the file counts once (the first row), as plans refer to ids.
    keep = ~ids.duplicated().to_numpy()
    return area[keep], park[keep], cat[keep]


def _buckets(
    parcels: pd.DataFrame, plans: Iterable[Plan], year: int, indexed: tuple | None = None
) -> tuple[dict, dict, set[str]]:
    """``{(park, bucket): mu}`` for plans, quarterly done mu, and parcel ids covered by a plan.

    ``indexed``: :func:`_indexed` of ``parcels`` when the caller has it already.
    """
    area_s, park_s, _ = indexed if indexed is not None else _indexed(parcels)
    plans = list(plans)
    # Plain dicts of the parcels the plans name only: a 100,000-parcel project with a few
    # hundred plans must not turn every row into a Python object (seconds on arrow strings).
    named = {pid for plan in plans for pid in plan.parcel_ids}
    keep = area_s.index.isin(list(named)) if named else np.zeros(len(area_s), dtype=bool)
    area = dict(zip(area_s.index[keep], area_s.to_numpy()[keep], strict=True))
    park = dict(zip(park_s.index[keep], park_s.to_numpy(dtype=object)[keep], strict=True))
    sums: dict[tuple[str | None, str], float] = {}
    quarters: dict[tuple[str | None, int], float] = {}
    covered: set[str] = set()
    for plan in plans:
        covered.update(plan.parcel_ids)
        if plan.status == "closed":
            if plan.closed_date is None or plan.closed_date.year != year:
                continue
            bucket = "done_mu"
        elif plan.status in ("in_progress", "completed"):
            bucket = "in_progress_mu"
        else:
            bucket = "planned_mu"
        for name, mu in plan_mu_by_park(plan, area, park).items():
            sums[(name, bucket)] = sums.get((name, bucket), 0.0) + mu
            if bucket == "done_mu":
                q = (plan.closed_date.month - 1) // 3 + 1
                quarters[(name, q)] = quarters.get((name, q), 0.0) + mu
    return sums, quarters, covered


def _park_names(parcels: pd.DataFrame, settings: QuotaSettings) -> list[str]:
    names = list(settings.parks)
    if "park" in parcels:
        for name in parcels["park"].dropna().astype(str).unique():
            if name and name not in names:
                names.append(name)
    return names


def compute(
    parcels: pd.DataFrame,
    plans: Iterable[Plan],
    settings: QuotaSettings | Mapping | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Progress of each park and of the district against its target.

    Parameters
    ----------
    parcels : DataFrame
        Canonical parcels (``parcel_id``, ``park``, ``category``, ``area_mu`` or
        ``declared_mu``).
    plans : iterable of Plan
    settings : QuotaSettings or dict, optional
        Quota settings, or the project settings holding them under ``"quota"``.
    today : date, optional
        Reference date (default: today); the quota year defaults to its year.

    Returns
    -------
    DataFrame
        One row per park (configured parks first, then others found in the data) and a last
        row ``park == "district"``; columns :data:`COLUMNS` (mu, percent in %, ``behind``
        bool; ``percent``/``behind`` are NaN/False without a target).
    """
    today = today or date.today()
    s = QuotaSettings.from_dict(settings)
    year = s.year or today.year
    plans = as_plans(plans)
    indexed = _indexed(parcels)  # once: arrow-string ids cost ~0.1 s per pass at 100,000
    sums, _, covered = _buckets(parcels, plans, year, indexed)
    area, park, cat = indexed
    is_candidate = cat.isin(CANDIDATE_CATEGORIES) & ~pd.Index(area.index).isin(list(covered))
    cand_by_park = area[is_candidate].fillna(0.0).groupby(
        park[is_candidate].astype("string").fillna("\0none")
    ).sum()

    frac = elapsed_fraction(year, today)
    rows = []
    names = _park_names(parcels, s)
    for name in [*names, DISTRICT]:
        if name == DISTRICT:
            def pick(bucket: str) -> float:
                return sum(v for (_, b), v in sums.items() if b == bucket)

            candidate = float(cand_by_park.sum())
            target = s.district
        else:
            def pick(bucket: str, name: str = name) -> float:
                return sums.get((name, bucket), 0.0)

            candidate = float(cand_by_park.get(name, 0.0))
            target = s.parks.get(name, np.nan)
        done = pick("done_mu")
        projected = done / frac if frac > 0 else 0.0
        rows.append(
            {
                "park": name,
                "target_mu": float(target),
                "done_mu": done,
                "in_progress_mu": pick("in_progress_mu"),
                "planned_mu": pick("planned_mu"),
                "candidate_mu": candidate,
                "percent": done / target * 100.0 if target and target > 0 else np.nan,
                "projected_mu": projected,
                "behind": bool(target == target and projected < target),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def by_quarter(
    parcels: pd.DataFrame,
    plans: Iterable[Plan],
    settings: QuotaSettings | Mapping | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Mu done (plans 已销号) per park per quarter of the quota year.

    Returns
    -------
    DataFrame
        Columns ``park, Q1, Q2, Q3, Q4`` (mu, by ``closed_date`` quarter), the same rows as
        :func:`compute` including ``district``.
    """
    today = today or date.today()
    s = QuotaSettings.from_dict(settings)
    year = s.year or today.year
    _, quarters, _ = _buckets(parcels, as_plans(plans), year)
    rows = []
    for name in [*_park_names(parcels, s), DISTRICT]:
        row = {"park": name}
        for q in range(1, 5):
            if name == DISTRICT:
                row[f"Q{q}"] = sum(v for (_, qq), v in quarters.items() if qq == q)
            else:
                row[f"Q{q}"] = quarters.get((name, q), 0.0)
        rows.append(row)
    return pd.DataFrame(rows, columns=["park", "Q1", "Q2", "Q3", "Q4"])
