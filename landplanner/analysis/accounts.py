"""三本账 as figures: the economic, resource and environmental accounts of each plan,
before and after its disposal, and their totals per park and for the district.

Figures (:data:`FIGURES`), each ``<key>_before`` and ``<key>_after``:

* 经济账 — ``tax`` (万元), ``sales`` (万元); derived ``tax_per_mu``, ``sales_per_mu`` (万元/亩);
* 资源账 — ``land_mu`` (亩), ``floor_m2`` (建筑面积 m²); derived ``plot_ratio`` (容积率 =
  floor area ÷ land area in m²);
* 环境账 — ``energy`` (吨标煤), ``emissions`` (吨); derived ``energy_per_wan`` and
  ``emissions_per_wan`` (per 万元 of sales).

Where the figures come from, first found wins:

* a number the user entered on the plan: ``plan.accounts[account]["figures"]`` with the
  names ``tax_before``, ``tax_after``, ``land_mu_before`` … (the figures dict the plan model
  already holds);
* *before*: the plan's enterprise in the indicator table (the latest year, or ``year``) —
  tax, sales, energy, emissions; land = the plan's parcels' area (mu); floor area = Σ parcel
  area × 容积率 where the parcel has a plot ratio;
* *after*: ``expected_tax_after`` for tax; land = land before − the mu the plan frees
  (``mu_to_free``, all of it when unset); other *after* figures stay empty until entered.

Totals (:func:`totals`) add up the figures of the plans in each park (a plan's park is its
first parcel's) and in the district; per-mu and per-万元 totals are ratios of the sums, not
sums of ratios. Asset plans have no land and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary
from landplanner.analysis.plans import Plan, as_plans
from landplanner.analysis.quota import DISTRICT, parcel_area

M2_PER_MU = 10000.0 / 15.0
#: Raw figures per account: key -> (account, Chinese, English, unit); the labels shown come
#: from the vocabulary (domain ``account_figure``).
FIGURES: dict[str, tuple[str, str, str, str]] = {
    "tax": ("economic", "税收", "tax", "万元"),
    "sales": ("economic", "应税销售", "sales", "万元"),
    "land_mu": ("resource", "用地面积", "land", "亩"),
    "floor_m2": ("resource", "建筑面积", "floor area", "m²"),
    "energy": ("environment", "综合能耗", "energy", "吨标煤"),
    "emissions": ("environment", "主要污染物排放", "emissions", "吨"),
}
#: Derived figures: key -> (Chinese, English, unit).
DERIVED: dict[str, tuple[str, str, str]] = {
    "tax_per_mu": ("亩均税收", "tax per mu", "万元/亩"),
    "sales_per_mu": ("亩均销售", "sales per mu", "万元/亩"),
    "plot_ratio": ("容积率", "plot ratio", ""),
    "energy_per_wan": ("单位销售能耗", "energy per 万元 of sales", "吨标煤/万元"),
    "emissions_per_wan": ("单位销售排放", "emissions per 万元 of sales", "吨/万元"),
}
PHASES = ("before", "after")

messages.register({
    "accounts.phase.before": ("处置前", "before"),
    "accounts.phase.after": ("处置后", "after"),
})


def figure_label(key: str, phase: str | None = None, lang: str | None = None) -> str:
    """``税收（处置前，万元）`` / ``tax (before, 万元)``."""
    unit = FIGURES[key][3] if key in FIGURES else DERIVED.get(key, ("", "", ""))[2]
    name = vocabulary.label("account_figure", key, lang)
    bits = [messages.text(f"accounts.phase.{phase}", lang)] if phase else []
    if unit:
        bits.append(unit)
    if not bits:
        return name
    return f"{name}（{'，'.join(bits)}）" if (lang or messages.language()) != "en" \
        else f"{name} ({', '.join(bits)})"


def columns() -> list[str]:
    """The figure columns of :func:`plan_accounts`, in display order."""
    out = []
    for key in (*FIGURES, *DERIVED):
        out += [f"{key}_before", f"{key}_after"]
    return out


def _indicator_rows(indicators: pd.DataFrame | None, year: int | None) -> pd.DataFrame:
    if indicators is None or indicators.empty or "uscc" not in indicators:
        return pd.DataFrame(columns=["uscc", "tax", "sales", "energy", "emissions"])
    table = indicators
    if "year" in table and table["year"].notna().any():
        years = table["year"].dropna().astype(int)
        chosen = year if year is not None and year in set(years) else int(years.max())
        table = table.loc[table["year"] == chosen]
    table = table.loc[table["uscc"].notna()].drop_duplicates("uscc")
    return table.set_index("uscc")


def plan_accounts(
    plans: Iterable[Plan], parcels: pd.DataFrame, indicators: pd.DataFrame | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """One row per parcel plan: ``plan_id, park, responsible_unit, status`` and
    :func:`columns` (before/after figures), ``source_before`` (``indicators`` | ``entered`` |
    ``parcels``) — see the module docstring."""
    plans = [p for p in as_plans(plans) if getattr(p, "subject_kind", "parcel") != "asset"]
    ids = parcels["parcel_id"].astype(str) if "parcel_id" in parcels else parcels.index.astype(str)
    area = pd.Series(parcel_area(parcels).to_numpy(), index=ids)
    ratio = pd.Series(pd.to_numeric(parcels["plot_ratio"], errors="coerce").to_numpy()
                      if "plot_ratio" in parcels else np.nan, index=ids)
    park = pd.Series(parcels["park"].to_numpy() if "park" in parcels else None, index=ids)
    keep = ~area.index.duplicated()
    area, ratio, park = area[keep], ratio[keep], park[keep]
    ind = _indicator_rows(indicators, year)
    rows = []
    for plan in plans:
        pids = [p for p in plan.parcel_ids if p in area.index]
        a = area.reindex(pids).fillna(0.0).to_numpy()
        r = ratio.reindex(pids).to_numpy()
        land = float(a.sum()) if pids else np.nan
        floor = float(np.nansum(a * M2_PER_MU * r)) if pids and np.isfinite(r).any() else np.nan
        row: dict = {"plan_id": plan.id, "enterprise": plan.enterprise,
                     "park": next((park[p] for p in pids if isinstance(park[p], str)), None),
                     "responsible_unit": plan.responsible_unit, "status": plan.status}
        known = ind.loc[plan.uscc] if plan.uscc and plan.uscc in ind.index else None
        values = {
            "tax_before": _get(known, "tax"), "sales_before": _get(known, "sales"),
            "energy_before": _get(known, "energy"), "emissions_before": _get(known, "emissions"),
            "land_mu_before": land, "floor_m2_before": floor,
            "tax_after": plan.expected_tax_after,
            "land_mu_after": (round(max(land - (plan.mu_to_free if plan.mu_to_free is not None
                                                else land), 0.0), 4) if land == land else np.nan),
        }
        source = "indicators" if known is not None else "parcels"
        for key, (account, *_rest) in FIGURES.items():
            entered = (plan.accounts.get(account) or {}).get("figures") or {}
            for phase in PHASES:
                name = f"{key}_{phase}"
                if entered.get(name) is not None:
                    values[name] = entered[name]
                    if phase == "before":
                        source = "entered"
                row[name] = _num(values.get(name))
        row["source_before"] = source
        rows.append(row)
    out = pd.DataFrame(rows, columns=["plan_id", "enterprise", "park", "responsible_unit", "status",
                                      *[f"{k}_{p}" for k in FIGURES for p in PHASES],
                                      "source_before"])
    return _derive(out)


def _get(row, column) -> float:
    if row is None or column not in row.index:
        return np.nan
    return _num(row[column])


def _num(value) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return np.nan
    return out


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num, den = num.astype(float), den.astype(float)
    return (num / den.where(den > 0)).astype(float)


def _derive(frame: pd.DataFrame) -> pd.DataFrame:
    for phase in PHASES:
        land = frame[f"land_mu_{phase}"]
        sales = frame[f"sales_{phase}"]
        frame[f"tax_per_mu_{phase}"] = _ratio(frame[f"tax_{phase}"], land)
        frame[f"sales_per_mu_{phase}"] = _ratio(sales, land)
        frame[f"plot_ratio_{phase}"] = _ratio(frame[f"floor_m2_{phase}"], land * M2_PER_MU)
        frame[f"energy_per_wan_{phase}"] = _ratio(frame[f"energy_{phase}"], sales)
        frame[f"emissions_per_wan_{phase}"] = _ratio(frame[f"emissions_{phase}"], sales)
    return frame


def totals(table: pd.DataFrame, by: str = "park") -> pd.DataFrame:
    """Sums of :func:`plan_accounts` per ``by`` (``park`` or ``responsible_unit``) and a last
    row ``district``; derived figures are ratios of the sums. ``plans`` counts the plans."""
    raw = [f"{k}_{p}" for k in FIGURES for p in PHASES]
    keys = table[by].astype(object).where(table[by].notna(), "—") if len(table) else table[by]
    grouped = table[raw].groupby(keys, sort=True).sum(min_count=1)
    grouped["plans"] = table.groupby(keys, sort=True).size()
    district = table[raw].sum(min_count=1).to_frame().T
    district["plans"] = len(table)
    district.index = [DISTRICT]
    out = pd.concat([grouped, district])
    out.index.name = by
    out = out.reset_index()
    return _derive(out)


def account_text(row: pd.Series | dict, account: str, lang: str | None = None) -> str:
    """One account of a :func:`plan_accounts` row in words: ``税收 12.00→30.00 万元；…``."""
    bits = []
    for key, (acc, *_rest) in FIGURES.items():
        if acc != account:
            continue
        before, after = row.get(f"{key}_before"), row.get(f"{key}_after")
        if _blank(before) and _blank(after):
            continue
        bits.append(f"{vocabulary.label('account_figure', key, lang)} {_fmt(before)}→{_fmt(after)} "
                    f"{FIGURES[key][3]}")
    return "；".join(bits) if (lang or messages.language()) != "en" else "; ".join(bits)


def entered_text(item: dict | None, lang: str | None = None) -> str:
    """One account as a plan holds it (``{"text", "figures"}``) in words: its text, then each
    entered figure by its vocabulary name, ``租金收入 0→36.50 万元/年`` (``—`` for a side not
    entered); figures this module does not know keep their own names."""
    from landplanner.model.plan import FIGURE_UNITS

    item = item or {}
    figures = {k: v for k, v in (item.get("figures") or {}).items() if v is not None}
    bits, seen = [], set()
    for name in figures:
        key, _, phase = name.rpartition("_")
        if phase not in PHASES or key in seen:
            continue
        seen.add(key)
        label = vocabulary.label("account_figure", key, lang) or key
        unit = FIGURE_UNITS.get(key, "")
        before, after = figures.get(f"{key}_before"), figures.get(f"{key}_after")
        bits.append(f"{label} {_fmt(before)}→{_fmt(after)}" + (f" {unit}" if unit else ""))
    for name, value in figures.items():  # names without a phase
        if name.rpartition("_")[2] not in PHASES:
            bits.append(f"{name} {_fmt(value)}")
    sep = "；" if (lang or messages.language()) != "en" else "; "
    return sep.join(p for p in (str(item.get("text") or ""), sep.join(bits)) if p)


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def _fmt(v) -> str:
    return "—" if _blank(v) else f"{float(v):,.2f}"


def dashboard_totals(plans, parcels, indicators, year: int | None = None,
                     today: date | None = None) -> pd.DataFrame:
    """:func:`totals` per park of :func:`plan_accounts` (the dashboard's and workbook's table)."""
    return totals(plan_accounts(plans, parcels, indicators, year), "park")


