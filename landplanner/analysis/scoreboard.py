"""季度大比武: the quarterly scoreboard of parks and responsible units, frozen as records.

At a quarter's end the user *freezes* a snapshot (:func:`freeze`): a dated, JSON-able record
of every park and every responsible unit with the items below, their points, the ranking
and the change against the previous quarter's snapshot. A snapshot is a record, like a
published result: it is kept in the project (``Project.snapshots``, table ``lp_snapshots``)
and never recomputed from later edits. :func:`compute` gives the live (unfrozen) table.

Items (per park, and per responsible unit — the ``responsible_unit`` of its plans)
---------------------------------------------------------------------------------
* ``quarter_mu`` — mu of plans 已销号 whose ``closed_date`` falls in the quarter;
* ``ytd_mu`` — mu 已销号 from 1 January to the quarter's end;
* ``target_mu`` — the park's quota (``settings["quotas"]``); a unit's target is
  ``settings["scoreboard"]["unit_targets"][unit]`` when set, else the mu of all its plans
  of the year (what it has taken on);
* ``ytd_percent`` — ``ytd_mu / target_mu`` (fraction);
* ``pace`` — ``ytd_mu / (target_mu × quarter / 4)``: 1.0 means on pace for the year;
* ``plans`` / ``plans_started`` / ``started_share`` — plans, plans no longer 未启动, share;
* ``plans_overdue`` — plans with a milestone or target date past at the quarter's end
  (:func:`plans.overdue`), and ``overdue_share``;
* ``asset_rate`` — for a unit, the 出租率 of the state assets it owns or the 出租（发包）率 of
  its village's collective assets (their mean when both); for a park, of the assets located
  in it (:func:`assets.locate`); NaN when it has none.

Rule (weights and items are settings)
-------------------------------------
``settings["scoreboard"]["weights"]`` maps item → weight, default :data:`DEFAULT_WEIGHTS`
(ytd_percent 35, pace 20, quarter_mu 15, started_share 10, overdue_share 10, asset_rate 10;
a weight of 0 leaves an item out; ``ytd_mu`` may be weighted too). Each item is scaled within the group ranked (parks
among parks, units among units) to 0–1: higher-is-better items as ``value / best``
(best = the largest, 0 when the best is 0); ``overdue_share`` as ``1 − value`` (fewer is
better). ``points = Σ weight × scaled`` over the items that apply to the row, renormalised to
the full weight (below); rank 1 is the highest; ties share a rank (``min``); a row to which no
weighted item applies has no points and ranks last; ``change`` = previous rank − rank
(positive = ↑ places) against the latest snapshot of the previous quarter, ``None`` when
there is none.

Items that do not apply (the fair rule)
---------------------------------------
An item that does not apply to a park or unit is empty (NaN, shown "—"), is left out of its
weighted total, and the weights of the items that do apply are scaled up to the full weight
(``points = Σ_applies weight × scaled × Σ_all weight ÷ Σ_applies weight``;
``counted_weight`` = Σ_applies weight). So a unit is ranked on what it is responsible for,
neither rewarded nor punished for what it is not:

* ``quarter_mu`` / ``ytd_mu`` apply to a row with land to free: a target, or land plans. A
  unit whose plans are all asset plans has none (they free no land), so no mu items;
* ``ytd_percent`` / ``pace`` apply when the target is above 0;
* ``started_share`` / ``overdue_share`` apply when the row has plans (a park with none is
  not "never late");
* ``asset_rate`` applies when the row has assets (owned, or located in the park).

Snapshots frozen before this rule keep their points (a record is never recomputed).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis import assets as assets_mod
from landplanner.analysis import plans as plans_mod
from landplanner.analysis.quota import QuotaSettings, parcel_area, plan_mu_by_park
from landplanner.problems import InputError, Problem

ITEMS = ("quarter_mu", "ytd_mu", "target_mu", "ytd_percent", "pace", "plans", "plans_started",
         "started_share", "plans_overdue", "overdue_share", "asset_rate")
SCORED = ("ytd_percent", "pace", "quarter_mu", "started_share", "overdue_share", "asset_rate",
          "ytd_mu")
LOWER_IS_BETTER = ("overdue_share",)
DEFAULT_WEIGHTS = {"ytd_percent": 35.0, "pace": 20.0, "quarter_mu": 15.0, "started_share": 10.0,
                   "overdue_share": 10.0, "asset_rate": 10.0}
LEVELS = ("park", "unit")

messages.register({
    "scoreboard.bad_quarter": ("季度“{value}”无效（应为 2026Q3 这样的写法）",
                               "invalid quarter “{value}” (expected e.g. 2026Q3)"),
    "scoreboard.bad_settings": ("大比武设置无效：{detail}", "invalid scoreboard settings: {detail}"),
    "scoreboard.exists": ("{quarter} 已于 {frozen_at} 冻结；成绩一经冻结不再重算",
                          "{quarter} was frozen on {frozen_at}; a frozen result is not recomputed"),
    "scoreboard.level.park": ("园区", "park"),
    "scoreboard.level.unit": ("责任单位", "responsible unit"),
    "scoreboard.points": ("得分", "points"),
    "scoreboard.rank": ("名次", "rank"),
    "scoreboard.change": ("较上季度", "vs last quarter"),
    "scoreboard.up": ("↑{n}", "↑{n}"),
    "scoreboard.down": ("↓{n}", "↓{n}"),
    "scoreboard.same": ("—", "—"),
    "scoreboard.new": ("新", "new"),
})

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq季]?\s*([1-4])\s*$")


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026Q3"`` (also ``2026-Q3``, ``2026q3``, ``2026 3``) → ``(2026, 3)``.

    Raises
    ------
    InputError
        When the text is not a quarter.
    """
    m = _QUARTER.match(str(text or ""))
    if not m:
        raise InputError(Problem.make("scoreboard.bad_quarter", "error", value=text))
    return int(m.group(1)), int(m.group(2))


def quarter_name(year: int, quarter: int) -> str:
    """``(2026, 3)`` → ``"2026Q3"``."""
    return f"{year}Q{quarter}"


def quarter_of(day: date) -> tuple[int, int]:
    """The quarter a date falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter."""
    first_next = date(year + 1, 1, 1) if quarter == 4 else date(year, quarter * 3 + 1, 1)
    return first_next - _dt.timedelta(days=1)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter before."""
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def weights(settings: Mapping | None) -> dict[str, float]:
    """The item weights of ``settings["scoreboard"]["weights"]`` (defaults filled in).

    Raises
    ------
    InputError
        An unknown item or a weight that is not a number.
    """
    data = dict(((settings or {}).get("scoreboard") or {}).get("weights") or {})
    out = dict(DEFAULT_WEIGHTS)
    try:
        for key, value in data.items():
            if key not in SCORED:
                raise ValueError(f"unknown item {key}")
            out[key] = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(Problem.make("scoreboard.bad_settings", "error", detail=str(exc))) from exc
    return out


# --------------------------------------------------------------------------- items


def _plan_rows(parcels: pd.DataFrame, plans: list, year: int, end: date) -> pd.DataFrame:
    """One row per (plan, park share): mu, closed in quarter/ytd flags, started, overdue."""
    ids = parcels["parcel_id"].astype(str) if "parcel_id" in parcels else parcels.index.astype(str)
    area = pd.Series(parcel_area(parcels).to_numpy(), index=ids)
    park = pd.Series(parcels["park"].to_numpy() if "park" in parcels else None, index=ids)
    keep = ~area.index.duplicated()
    area_d, park_d = area[keep].to_dict(), park[keep].to_dict()
    q_start = date(end.year, (quarter_of(end)[1] - 1) * 3 + 1, 1)
    rows = []
    for plan in plans:
        created = _created(plan)
        if created is not None and created > end:
            continue  # did not exist yet at the quarter's end
        if plan.status == "closed" and plan.closed_date is not None and plan.closed_date.year < year:
            continue  # ticked off in an earlier year
        closed = plan.status == "closed" and plan.closed_date is not None \
            and plan.closed_date.year == year and plan.closed_date <= end
        late = bool(plans_mod.overdue(plan, end)) and not (
            plan.closed_date is not None and plan.closed_date <= end)
        started = plan.status != "not_started"
        if plan.subject_kind == "asset":
            shares = {None: 0.0}
        else:
            shares = plan_mu_by_park(plan, area_d, park_d)
        total = sum(shares.values()) or 1.0
        for name, mu in shares.items():
            rows.append({
                "plan": plan.id, "park": name, "unit": plan.responsible_unit or None,
                "mu": mu, "weight": (mu / total) if len(shares) > 1 else 1.0,
                "quarter": closed and plan.closed_date >= q_start, "ytd": closed,
                "started": started, "overdue": late,
            })
    return pd.DataFrame(rows, columns=["plan", "park", "unit", "mu", "weight", "quarter", "ytd",
                                       "started", "overdue"])


def _created(plan) -> date | None:
    for entry in plan.history[:1]:
        if entry.get("field") == "created":
            try:
                return date.fromisoformat(str(entry.get("time"))[:10])
            except ValueError:
                return None
    return None


def _aggregate(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    rows = rows.loc[rows[key].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["quarter_mu", "ytd_mu", "plan_mu", "plans", "plans_started",
                                     "plans_overdue"])
    g = rows.assign(q_mu=rows["mu"].where(rows["quarter"], 0.0),
                    y_mu=rows["mu"].where(rows["ytd"], 0.0))
    out = g.groupby(key).agg(quarter_mu=("q_mu", "sum"), ytd_mu=("y_mu", "sum"),
                             plan_mu=("mu", "sum"))
    # a plan counts once per park/unit even when its land is split
    once = g.drop_duplicates([key, "plan"])
    counts = once.groupby(key).agg(plans=("plan", "size"), plans_started=("started", "sum"),
                                   plans_overdue=("overdue", "sum"))
    return out.join(counts)


def compute(
    parcels: pd.DataFrame,
    plans: Iterable,
    settings: Mapping | None,
    quarter: str,
    assets: pd.DataFrame | None = None,
    parks: object | None = None,
) -> dict[str, pd.DataFrame]:
    """The live scoreboard of ``quarter`` (``"2026Q3"``): ``{"park": table, "unit": table}``.

    Each table has ``name``, :data:`ITEMS`, ``points``, ``rank`` (see the module docstring).
    """
    year, q = parse_quarter(quarter)
    end = quarter_end(year, q)
    plan_list = plans_mod.as_plans(plans)
    w = weights(settings)
    rows = _plan_rows(parcels, plan_list, year, end)
    quotas = QuotaSettings.from_dict(settings or {})
    unit_targets = dict(((settings or {}).get("scoreboard") or {}).get("unit_targets") or {})
    asset_rates = _asset_rates(assets, parcels, parks, settings, year, plan_list)

    out = {}
    for level in LEVELS:
        key = "park" if level == "park" else "unit"
        table = _aggregate(rows, key)
        names = list(quotas.parks) if level == "park" else []
        names += [n for n in table.index if n not in names]
        table = table.reindex(names)
        table.index.name = "name"
        table = table.fillna({"quarter_mu": 0.0, "ytd_mu": 0.0, "plan_mu": 0.0, "plans": 0,
                              "plans_started": 0, "plans_overdue": 0})
        if level == "park":
            table["target_mu"] = [quotas.parks.get(n, np.nan) for n in table.index]
        else:  # a unit with no land plans (only asset plans) has no mu target
            table["target_mu"] = [float(unit_targets[n]) if n in unit_targets
                                  else (float(table.loc[n, "plan_mu"])
                                        if table.loc[n, "plan_mu"] > 0 else np.nan)
                                  for n in table.index]
        target = table["target_mu"].astype(float)
        has_land = (target > 0) | (table["plan_mu"].astype(float) > 0)
        for item in ("quarter_mu", "ytd_mu"):  # no land to free: the mu items do not apply
            table[item] = table[item].astype(float).where(has_land)
        table["ytd_percent"] = table["ytd_mu"] / target.where(target > 0)
        table["pace"] = table["ytd_mu"] / (target.where(target > 0) * q / 4.0)
        n = table["plans"].astype(float)
        table["started_share"] = table["plans_started"] / n.where(n > 0)
        table["overdue_share"] = table["plans_overdue"] / n.where(n > 0)
        table["asset_rate"] = [asset_rates[level].get(name, np.nan) for name in table.index]
        table = table.reset_index()
        out[level] = _rank(table, w)
    return out


def _asset_rates(assets, parcels, parks, settings, year, plan_list) -> dict[str, dict]:
    rates: dict[str, dict] = {"park": {}, "unit": {}}
    if assets is None or len(assets) == 0 or "kind" not in assets:
        return rates
    frame = assets.copy()
    by_owner = assets_mod.figures(frame, settings, year, plan_list, "owner")
    occ = by_owner.loc[by_owner["figure"].isin(("state_occupancy", "collective_occupancy"))]
    rates["unit"] = occ.groupby("group")["rate"].mean().dropna().to_dict()
    if parcels is not None and hasattr(parcels, "geometry"):
        located, _ = assets_mod.locate(frame, parcels, parks)
        frame["park"] = located["park"].to_numpy()
        by_park = assets_mod.figures(frame, settings, year, plan_list, "park")
        occ = by_park.loc[by_park["figure"].isin(("state_occupancy", "collective_occupancy"))]
        rates["park"] = occ.groupby("group")["rate"].mean().dropna().to_dict()
    return rates


def _rank(table: pd.DataFrame, w: dict[str, float]) -> pd.DataFrame:
    """Points and rank by the weighted rule; items that do not apply to a row (NaN) are left
    out of its total and its weights renormalised (module docstring)."""
    points = np.zeros(len(table))
    counted = np.zeros(len(table))
    full = 0.0
    for item, weight in w.items():
        if not weight:
            continue
        full += weight
        values = table[item].astype(float).to_numpy()
        applies = np.isfinite(values)
        if item in LOWER_IS_BETTER:
            scaled = 1.0 - np.nan_to_num(values, nan=1.0)
        else:
            best = np.nanmax(values) if applies.any() else 0.0
            scaled = np.nan_to_num(values / best, nan=0.0) if best > 0 else np.zeros(len(values))
        points += np.where(applies, weight * np.clip(scaled, 0.0, 1.0), 0.0)
        counted += np.where(applies, weight, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled_points = np.where(counted > 0, points * full / counted, np.nan)
    table["points"] = np.round(scaled_points, 4)
    table["counted_weight"] = counted
    table["rank"] = table["points"].rank(method="min", ascending=False,
                                         na_option="bottom").astype(int)
    return table.sort_values(["rank", "name"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- snapshots


def _records(table: pd.DataFrame) -> list[dict]:
    out = []
    for row in table.to_dict("records"):
        item = {}
        for k, v in row.items():
            if isinstance(v, (np.floating, float)):
                item[k] = None if not np.isfinite(v) else round(float(v), 6)
            elif isinstance(v, (np.integer,)):
                item[k] = int(v)
            elif isinstance(v, (np.bool_,)):
                item[k] = bool(v)
            else:
                item[k] = v
        out.append(item)
    return out


def find(snapshots: Iterable[Mapping], quarter: str) -> dict | None:
    """The snapshot of ``quarter`` (the latest frozen when several), or None."""
    year, q = parse_quarter(quarter)
    name = quarter_name(year, q)
    found = [s for s in snapshots or () if s.get("quarter") == name]
    return dict(found[-1]) if found else None


def listing(snapshots: Iterable[Mapping]) -> list[dict]:
    """``{quarter, frozen_at, as_of}`` of every snapshot, by quarter then freezing time."""
    items = [{"quarter": s.get("quarter"), "frozen_at": s.get("frozen_at"), "as_of": s.get("as_of"),
              "id": s.get("id")} for s in snapshots or ()]
    return sorted(items, key=lambda s: (str(s["quarter"]), str(s["frozen_at"])))


def freeze(
    parcels: pd.DataFrame,
    plans: Iterable,
    settings: Mapping | None,
    quarter: str,
    snapshots: list | None = None,
    assets: pd.DataFrame | None = None,
    parks: object | None = None,
    now: _dt.datetime | None = None,
    replace: bool = False,
) -> dict:
    """Freeze the scoreboard of ``quarter`` as a record and return it (the caller appends it
    to ``Project.snapshots``).

    The record: ``id``, ``quarter``, ``as_of`` (quarter end), ``frozen_at`` (UTC),
    ``weights``, and ``park`` / ``unit`` lists of rows (``name``, :data:`ITEMS`, ``points``,
    ``rank``, ``previous_rank``, ``change``).

    Raises
    ------
    InputError
        ``scoreboard.exists`` when the quarter is already frozen (``replace`` not set).
    """
    year, q = parse_quarter(quarter)
    name = quarter_name(year, q)
    existing = find(snapshots or [], name)
    if existing is not None and not replace:
        raise InputError(Problem.make("scoreboard.exists", "error", quarter=name,
                                      frozen_at=existing.get("frozen_at")))
    tables = compute(parcels, plans, settings, name, assets, parks)
    previous = find(snapshots or [], quarter_name(*previous_quarter(year, q)))
    now = now or _dt.datetime.now(_dt.UTC)
    record = {"id": f"{name}@{now.isoformat(timespec='seconds')}", "quarter": name,
              "as_of": quarter_end(year, q).isoformat(),
              "frozen_at": now.isoformat(timespec="seconds"), "weights": weights(settings)}
    for level, table in tables.items():
        rows = _records(table)
        before = {r["name"]: r["rank"] for r in (previous or {}).get(level, [])}
        for r in rows:
            r["previous_rank"] = before.get(r["name"])
            r["change"] = None if r["previous_rank"] is None else int(r["previous_rank"] - r["rank"])
        record[level] = rows
    return record


def add_snapshot(snapshots: list, record: dict) -> list:
    """``snapshots`` with ``record`` added (replacing a snapshot of the same quarter)."""
    kept = [s for s in snapshots or [] if s.get("quarter") != record["quarter"]]
    return sorted([*kept, record], key=lambda s: (str(s.get("quarter")), str(s.get("frozen_at"))))


def frame(record: Mapping, level: str) -> pd.DataFrame:
    """A snapshot's rows of ``level`` (``park`` | ``unit``) as a table."""
    return pd.DataFrame(list(record.get(level) or []))


def change_text(change: object, lang: str | None = None) -> str:
    """``↑2`` / ``↓1`` / ``—`` / ``新`` for a rank change."""
    if change is None or (isinstance(change, float) and np.isnan(change)):
        return messages.text("scoreboard.new", lang)
    change = int(change)
    if change > 0:
        return messages.text("scoreboard.up", lang, n=change)
    if change < 0:
        return messages.text("scoreboard.down", lang, n=-change)
    return messages.text("scoreboard.same", lang)


def item_label(item: str, lang: str | None = None) -> str:
    """Label of an item (vocabulary domain ``board_item``)."""
    return vocabulary.label("board_item", item, lang)


def current_quarter(today: date | None = None) -> str:
    """The quarter of ``today`` as ``2026Q4``."""
    return quarter_name(*quarter_of(today or date.today()))


def last_complete_quarter(today: date | None = None) -> str:
    """The latest quarter that has ended by ``today``."""
    return quarter_name(*previous_quarter(*quarter_of(today or date.today())))
