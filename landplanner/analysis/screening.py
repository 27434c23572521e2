"""Screening: why a parcel belongs on the low-efficiency / idle list (清单式管理).

Each rule is a setting (:class:`ScreeningRules`, JSON-able, stored in the project's
``settings["screening"]``). :func:`screen` gives every parcel the codes of the rules it
breaks, a readable explanation in Chinese or English, and its idle years.

Rules (defaults are the Jiangsu / national figures of DOMAIN §2):

* ``plot_ratio_low`` — 容积率 below ``plot_ratio_min`` (1.0, the usual low-efficiency line);
* ``plot_ratio_below_standard`` — 容积率 at least ``plot_ratio_min`` but below
  ``plot_ratio_standard`` (1.2 for new industrial projects in central Jiangsu); only when
  ``check_plot_ratio_standard`` is on (default off: the standard binds new projects, not
  existing ones);
* ``tax_per_mu_low`` — tax per mu below ``tax_per_mu_min`` (5 万元/亩) on sites of at least
  ``tax_min_site_mu`` (3 mu). The tax is the parcel's own ``tax_wan`` (万元); where a parcel
  has none and a scores table is given, its enterprise's ``value:<tax_value_key>`` is used
  (that is already tax ÷ the enterprise's land, in 万元/亩);
* ``idle_1y`` / ``idle_2y`` — for parcels whose category is in ``idle_categories``, whole or
  partial years since the agreed start date (``start_date``): ≥ ``idle_years_fee`` (1) means
  idle (idle fee up to 20 % of the land price), ≥ ``idle_years_recover`` (2) means the land
  can be recovered without compensation (国土资源部令第53号). ``idle_years`` is left empty
  for other categories, because a parcel in production is past its start date without
  being idle;
* ``class_d`` — the enterprise holding the parcel is class D in the scores table;
* ``unsupplied`` — the parcel is 征而未供 / 批而未供 (category ``unsupplied``).

Land without a holder (:func:`without_holder`: 征而未供 / 批而未供, or neither a credit code
nor an enterprise name) has **no** 亩均税收 — not a tax of zero: its ``tax_per_mu`` is empty
(shown "—"), whatever a tax column says, so the tax rule does not fire on it. The same
function decides it for the low-efficiency list and for matching freed land
(:mod:`landplanner.analysis.matching`), so the workbook, the app and the CLI agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

from landplanner import messages
from landplanner.problems import InputError, Problem

#: Days per year used for idle years (mean Gregorian year, so leap years do not shift a
#: one-year deadline by a day).
DAYS_PER_YEAR = 365.2425

REASON_CODES = (
    "plot_ratio_low",
    "plot_ratio_below_standard",
    "tax_per_mu_low",
    "idle_1y",
    "idle_2y",
    "class_d",
    "unsupplied",
)

messages.register(
    {
        "screening.plot_ratio_low": (
            "容积率 {value:.2f} 低于 {limit:.2f}",
            "plot ratio {value:.2f} below {limit:.2f}",
        ),
        "screening.plot_ratio_below_standard": (
            "容积率 {value:.2f} 低于新建工业项目标准 {limit:.2f}",
            "plot ratio {value:.2f} below the new-project standard {limit:.2f}",
        ),
        "screening.tax_per_mu_low": (
            "亩均税收 {value:.2f} 万元/亩 低于 {limit:.2f} 万元/亩",
            "tax per mu {value:.2f} 万元/mu below {limit:.2f} 万元/mu",
        ),
        "screening.idle_1y": (
            "超过约定动工日期 {value:.1f} 年未动工（闲置满1年）",
            "{value:.1f} years past the agreed start date (idle ≥ 1 year)",
        ),
        "screening.idle_2y": (
            "超过约定动工日期 {value:.1f} 年未动工（满2年，可依法收回）",
            "{value:.1f} years past the agreed start date (≥ 2 years, recoverable)",
        ),
        "screening.class_d": ("亩均评价 D 类企业", "enterprise in class D"),
        "screening.unsupplied": ("征而未供/批而未供", "expropriated or approved but not supplied"),
        "screening.bad_rules": (
            "筛查规则设置无效：{detail}",
            "invalid screening rules: {detail}",
        ),
        "screening.no_parcel_id": (
            "地块表缺少地块编号列",
            "the parcels table has no parcel_id column",
        ),
    }
)


@dataclass
class ScreeningRules:
    """Screening thresholds (JSON-able via :meth:`to_dict` / :meth:`from_dict`).

    Attributes
    ----------
    plot_ratio_min : float
        Plot ratio (容积率) below which a parcel is low-efficiency (default 1.0).
    plot_ratio_standard : float
        Standard plot ratio for new industrial projects (default 1.2, central Jiangsu).
    check_plot_ratio_standard : bool
        Also flag parcels between ``plot_ratio_min`` and ``plot_ratio_standard``.
    tax_per_mu_min : float
        Tax per mu threshold in 万元/亩 (default 5).
    tax_min_site_mu : float
        The tax rule applies to sites of at least this many mu (default 3).
    tax_value_key : str
        Indicator key of tax per mu in a scores table (``value:<key>``).
    idle_years_fee : float
        Years past the agreed start date after which land is idle (default 1).
    idle_years_recover : float
        Years after which idle land is recoverable without compensation (default 2).
    idle_categories : list of str
        Categories to which the idle rules apply (default ``["idle"]``).
    flag_class_d : bool
        Flag parcels of class-D enterprises.
    """

    plot_ratio_min: float = 1.0
    plot_ratio_standard: float = 1.2
    check_plot_ratio_standard: bool = False
    tax_per_mu_min: float = 5.0
    tax_min_site_mu: float = 3.0
    tax_value_key: str = "tax_per_mu"
    idle_years_fee: float = 1.0
    idle_years_recover: float = 2.0
    idle_categories: list[str] | None = None
    flag_class_d: bool = True

    def __post_init__(self) -> None:
        if self.idle_categories is None:
            self.idle_categories = ["idle"]
        if self.idle_years_recover < self.idle_years_fee:
            raise InputError(
                Problem.make(
                    "screening.bad_rules",
                    "error",
                    detail="idle_years_recover < idle_years_fee",
                )
            )

    def to_dict(self) -> dict:
        """The rules as a JSON-able dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping | None) -> ScreeningRules:
        """Rules from a dict; unknown keys are ignored, missing keys take defaults.

        Raises
        ------
        InputError
            When a value has the wrong type.
        """
        if not data:
            return cls()
        known = {f.name: f for f in fields(cls)}
        kwargs = {}
        for key, value in data.items():
            if key not in known:
                continue
            default = getattr(cls(), key)
            try:
                if isinstance(default, bool):
                    kwargs[key] = bool(value)
                elif isinstance(default, float):
                    kwargs[key] = float(value)
                elif isinstance(default, list):
                    kwargs[key] = [str(v) for v in value]
                else:
                    kwargs[key] = str(value)
            except (TypeError, ValueError) as exc:
                raise InputError(
                    Problem.make("screening.bad_rules", "error", detail=f"{key}={value!r}")
                ) from exc
        return cls(**kwargs)


def _rules(rules: ScreeningRules | Mapping | None) -> ScreeningRules:
    if isinstance(rules, ScreeningRules):
        return rules
    return ScreeningRules.from_dict(rules)


def _column(parcels: pd.DataFrame, name: str, dtype: str = "float") -> pd.Series:
    if name in parcels.columns:
        col = parcels[name]
        if dtype == "float":
            return pd.to_numeric(col, errors="coerce").astype("float64")
        return col
    if dtype == "float":
        return pd.Series(np.nan, index=parcels.index, dtype="float64")
    return pd.Series(pd.NA, index=parcels.index, dtype="object")


def without_holder(parcels: pd.DataFrame) -> np.ndarray:
    """Parcels with no land holder (bool array): 征而未供 / 批而未供 (category ``unsupplied``),
    or neither a credit code (``uscc``) nor an enterprise name. Such land has no 亩均税收 (no
    holder pays tax on it): every view shows its tax per mu empty ("—"), never 0.00."""
    n = len(parcels)
    unsupplied = (_column(parcels, "category", "str").astype("string") == "unsupplied") \
        .fillna(False).to_numpy(dtype=bool)

    def blank(name: str) -> np.ndarray:
        col = _column(parcels, name, "str")
        text = col.astype("string").str.strip()
        return (text.isna() | (text == "")).fillna(True).to_numpy(dtype=bool)

    nobody = blank("uscc") & blank("enterprise") if n else np.zeros(0, dtype=bool)
    return unsupplied | nobody


def holder_tax_per_mu(values, parcels: pd.DataFrame) -> np.ndarray:
    """``values`` (tax per mu per parcel) with land :func:`without_holder` set empty (NaN)."""
    out = np.asarray(values, dtype="float64").copy()
    out[without_holder(parcels)] = np.nan
    return out


def class_by_uscc(scores: pd.DataFrame | Mapping | pd.Series | None) -> dict[str, str]:
    """``{uscc: class}`` from a scores table (``uscc``, ``class``) or a mapping."""
    if scores is None:
        return {}
    if isinstance(scores, pd.DataFrame):
        if "uscc" not in scores.columns or "class" not in scores.columns:
            return {}
        sub = scores[["uscc", "class"]].dropna()
        return dict(zip(sub["uscc"].astype(str).str.upper(), sub["class"].astype(str), strict=True))
    return {str(k).upper(): str(v) for k, v in dict(scores).items() if v is not None}


def idle_years(start_dates: pd.Series, today: date) -> pd.Series:
    """Years (float) from each agreed start date to ``today``; 0 when not yet due, NaN if unknown."""
    start = pd.to_datetime(start_dates, errors="coerce")
    if getattr(start.dt, "tz", None) is not None:
        start = start.dt.tz_localize(None)
    days = (pd.Timestamp(today) - start).dt.days.astype("float64")
    return (days / DAYS_PER_YEAR).clip(lower=0.0)


def screen(
    parcels: pd.DataFrame,
    scores: pd.DataFrame | Mapping | None = None,
    rules: ScreeningRules | Mapping | None = None,
    today: date | None = None,
    language: str | None = None,
    *,
    classes: pd.DataFrame | Mapping | None = None,
) -> pd.DataFrame:
    """Screen parcels against the rules.

    Parameters
    ----------
    parcels : DataFrame
        Canonical parcel columns (``parcel_id``, ``uscc``, ``category``, ``plot_ratio``,
        ``tax_wan`` (万元), ``area_mu`` or ``declared_mu`` (mu), ``start_date``).
        Missing optional columns simply switch their rule off.
    scores : DataFrame or mapping, optional
        Scores table (``uscc``, ``class``, optionally ``value:<tax_value_key>``) or a
        ``{uscc: class}`` mapping.
    rules : ScreeningRules or dict, optional
        Thresholds; defaults when omitted.
    today : date, optional
        Reference date for idle years (default: today).
    language : {"zh", "en"}, optional
        Language of ``reason_text`` (default: the current message language).
    classes : DataFrame or mapping, optional
        Same as ``scores`` (the name used in ``docs/architecture.md``).

    Returns
    -------
    DataFrame
        Same index as ``parcels``: ``parcel_id``, ``reasons`` (list of codes from
        :data:`REASON_CODES`), ``reason_text``, ``idle_years`` (float years or NaN),
        ``tax_per_mu`` (万元/亩 used by the tax rule, or NaN).
    """
    if scores is None:
        scores = classes
    if "parcel_id" not in parcels.columns:
        if len(parcels):
            raise InputError(Problem.make("screening.no_parcel_id", "error"))
        parcels = pd.DataFrame({"parcel_id": pd.Series([], dtype="string")})
    r = _rules(rules)
    today = today or date.today()
    lang = language or messages.language()

    category = _column(parcels, "category", "str").astype("string").fillna("")
    plot_ratio = _column(parcels, "plot_ratio")
    area = _column(parcels, "area_mu").fillna(_column(parcels, "declared_mu"))
    uscc = _column(parcels, "uscc", "str").astype("string").str.upper()

    tax_per_mu = _column(parcels, "tax_wan") / area.where(area > 0)
    value_col = f"value:{r.tax_value_key}"
    if isinstance(scores, pd.DataFrame) and value_col in scores.columns and "uscc" in scores:
        sub = scores.dropna(subset=["uscc"]).drop_duplicates("uscc")
        firm = pd.Series(
            pd.to_numeric(sub[value_col], errors="coerce").to_numpy(dtype="float64"),
            index=sub["uscc"].astype(str).str.upper(),
        )
        firm_tax = pd.to_numeric(uscc.map(firm), errors="coerce").astype("float64")
        tax_per_mu = tax_per_mu.fillna(firm_tax)
    # no holder, no 亩均税收 (not zero tax): empty, and the tax rule does not fire
    tax_per_mu = pd.Series(holder_tax_per_mu(tax_per_mu.to_numpy(), parcels), index=parcels.index)

    years = idle_years(_column(parcels, "start_date", "str"), today)
    years = years.where(category.isin(r.idle_categories))

    class_of = class_by_uscc(scores)
    klass = uscc.map(class_of) if class_of else pd.Series(pd.NA, index=parcels.index)

    masks: dict[str, pd.Series] = {
        "plot_ratio_low": plot_ratio < r.plot_ratio_min,
        "plot_ratio_below_standard": (plot_ratio >= r.plot_ratio_min)
        & (plot_ratio < r.plot_ratio_standard)
        & r.check_plot_ratio_standard,
        "tax_per_mu_low": (area >= r.tax_min_site_mu) & (tax_per_mu < r.tax_per_mu_min),
        "idle_1y": (years >= r.idle_years_fee) & (years < r.idle_years_recover),
        "idle_2y": years >= r.idle_years_recover,
        "class_d": (klass == "D").fillna(False).astype(bool) & r.flag_class_d,
        "unsupplied": category == "unsupplied",
    }
    values = {
        "plot_ratio_low": (plot_ratio, r.plot_ratio_min),
        "plot_ratio_below_standard": (plot_ratio, r.plot_ratio_standard),
        "tax_per_mu_low": (tax_per_mu, r.tax_per_mu_min),
        "idle_1y": (years, r.idle_years_fee),
        "idle_2y": (years, r.idle_years_recover),
    }
    flags = np.column_stack([masks[c].fillna(False).to_numpy(dtype=bool) for c in REASON_CODES])

    # Build each rule's text once per row that breaks it (numpy masks pick the rows), then
    # join per row; only rows with at least one reason pay for string work.
    texts: list[list[str]] = [[] for _ in range(len(parcels))]
    for j, code in enumerate(REASON_CODES):
        rows = np.flatnonzero(flags[:, j])
        if not rows.size:
            continue
        template = messages.text(f"screening.{code}", lang)
        if code in values:
            series, limit = values[code]
            arr = series.to_numpy(dtype="float64")
            for i in rows:
                texts[i].append(template.format(value=arr[i], limit=limit))
        else:
            for i in rows:
                texts[i].append(template)
    codes = np.array(REASON_CODES, dtype=object)
    reasons = [list(codes[row]) for row in flags]
    sep = "; " if lang == "en" else "；"
    return pd.DataFrame(
        {
            "parcel_id": parcels["parcel_id"].astype("string").to_numpy(),
            "reasons": reasons,
            "reason_text": [sep.join(t) for t in texts],
            "idle_years": years.to_numpy(),
            "tax_per_mu": tax_per_mu.to_numpy(),
        },
        index=parcels.index,
    )
