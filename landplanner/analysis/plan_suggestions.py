"""Suggested disposal methods (DOMAIN §2, §4): what to do with a parcel, and why."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from landplanner import messages

messages.register(
    {
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
