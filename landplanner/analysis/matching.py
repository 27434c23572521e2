"""地等项目: matching freed land to incoming investment projects (DOMAIN §7).

Incoming projects (:func:`read_projects`, .xlsx/.csv, headers by meaning) have the columns
:data:`PROJECT_COLUMNS`: ``name`` 项目名称, ``industry`` 所属行业, ``mu_min`` / ``mu_max``
(用地需求 in mu, a range; one figure or ``10-20`` in one cell also works), ``intensity``
投资强度 (万元/亩), ``tax_per_mu`` 预期亩均税收 (万元/亩), ``park`` 意向园区 (normalised to the
project's parks; empty = any), ``plot_ratio`` 容积率要求, ``land_use`` 用地类型 (empty = the
settings' default, 工业用地).

Candidate land (:func:`candidates`)
-----------------------------------
* parcels **freed**: covered by a plan 已销号 whose method frees land (:data:`FREEING_METHODS`),
  or 征而未供/批而未供 land (``unsupplied``: ready to supply);
* parcels **being freed**: a plan 推进中 / 已完成 with such a method;
* **groups** (成片开发): connected sets of ≥ 2 candidate parcels that touch or lie within
  ``distance`` m of each other (default 30 m, a road between blocks; a setting). Neighbours
  come from one ``shapely.STRtree`` query (``dwithin``); sets are connected components
  found by vectorised label propagation. A group's area is the sum of its parcels' areas
  (they do not overlap), its park and land use those of its largest parcel.

Scoring (:func:`match`), per project and candidate, 0–100
---------------------------------------------------------
* area fit (weight 40): 1 inside ``[mu_min, mu_max]``, else ``area / mu_min`` below and
  ``mu_max / area`` above; candidates with a fit below 0.5 (less than half or more than
  twice the need) are not proposed;
* park (20): 1 in the preferred park or when there is none, else 0;
* land use (15): 1 when the candidate's land use is the one wanted, 0.5 when unknown, else 0;
* 亩均 gain (15): ``(expected tax per mu − current holder's tax per mu) / expected``,
  clipped to 0–1 (the current holder's tax per mu from the indicator table's latest year;
  0 for land without a holder);
* readiness (10): 1 freed, 0.5 being freed.

Weights, the distance, the freeing methods and the number of candidates per project
(``top``, default 5) are settings (``settings["matching"]``). A candidate may be proposed to
several projects; the list is advice, not an allocation. Every proposal carries its
reasons in words (zh/en).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from landplanner import messages, vocabulary
from landplanner.analysis import screening, tables
from landplanner.analysis.plans import as_plans
from landplanner.analysis.quota import parcel_area
from landplanner.problems import InputError, Problem

PROJECT_COLUMNS = ("name", "industry", "mu_min", "mu_max", "intensity", "tax_per_mu", "park",
                   "plot_ratio", "land_use", "source_row")
FREEING_METHODS = ("recover_free", "buy_back", "exit", "supply", "withdraw_approval", "transfer",
                   "lease", "swap")
DEFAULT_WEIGHTS = {"fit": 40.0, "park": 20.0, "land_use": 15.0, "gain": 15.0, "ready": 10.0}
DEFAULTS = {"distance": 30.0, "top": 5, "land_use": "工业用地", "min_fit": 0.5,
            "methods": list(FREEING_METHODS), "weights": dict(DEFAULT_WEIGHTS)}
RESULT_COLUMNS = ("project", "rank", "candidate", "kind", "parcel_ids", "parcels", "area_mu",
                  "park", "land_use", "state", "current_tax_per_mu", "expected_tax_per_mu",
                  "gain_per_mu", "fit", "score", "reasons", "project_row")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "项目", "拟引进项目", "招商项目", "name", "project", "projectname"),
    "industry": ("所属行业", "行业", "产业类别", "产业", "行业类别", "industry", "sector"),
    "mu_min": ("用地需求下限", "最小用地", "用地下限", "需求面积下限", "最小用地面积", "minmu",
               "landmin", "mumin"),
    "mu_max": ("用地需求上限", "最大用地", "用地上限", "需求面积上限", "最大用地面积", "maxmu",
               "landmax", "mumax"),
    "mu_need": ("用地需求", "需求面积", "拟用地面积", "用地规模", "用地面积", "需地面积", "landneed",
                "land", "mu"),
    "intensity": ("投资强度", "亩均投资", "investmentintensity", "intensity"),
    "tax_per_mu": ("预期亩均税收", "亩均税收", "预计亩均税收", "达产亩均税收", "expectedtaxpermu",
                   "taxpermu"),
    "park": ("意向园区", "首选园区", "拟落户园区", "园区", "preferredpark", "park"),
    "plot_ratio": ("容积率要求", "容积率", "最低容积率", "plotratio", "plotrationeed"),
    "land_use": ("用地类型", "用地性质", "土地用途", "landuse"),
}

messages.register({
    "match.what": ("拟引进项目表", "incoming project table"),
    "match.bad_range": ("第 {row} 行（{subject}）用地需求下限 {low:g} 大于上限 {high:g}",
                        "Row {row} ({subject}): the land need's minimum {low:g} exceeds its maximum "
                        "{high:g}"),
    "match.no_need": ("第 {row} 行（{subject}）没有用地需求（亩），无法匹配",
                      "Row {row} ({subject}) gives no land need (mu); it cannot be matched"),
    "match.bad_need": ("第 {row} 行（{subject}）“{header}”列的值“{value}”不是面积或面积范围",
                       "Row {row} ({subject}), column “{header}”: “{value}” is not an area or "
                       "a range"),
    "match.negative_need": ("第 {row} 行（{subject}）“{header}”列的用地需求 {value:g} 亩为负数",
                            "Row {row} ({subject}), column “{header}”: a land need of {value:g} mu "
                            "is negative"),
    "match.unknown_park": ("第 {row} 行（{subject}）意向园区“{value}”不是本项目的园区，按不限园区匹配",
                           "Row {row} ({subject}): preferred park “{value}” is not one of the "
                           "project's parks; any park is considered"),
    "match.bad_settings": ("项目匹配设置无效：{detail}", "invalid matching settings: {detail}"),
    "match.no_land": ("没有已腾出或正在腾出的土地可供匹配",
                      "There is no freed or being-freed land to match"),
    "match.why.fit_in": ("面积 {area:.2f} 亩，在需求 {low:g}–{high:g} 亩之内",
                         "{area:.2f} mu, within the {low:g}–{high:g} mu needed"),
    "match.why.fit_small": ("面积 {area:.2f} 亩，小于需求下限 {low:g} 亩",
                            "{area:.2f} mu, below the {low:g} mu needed"),
    "match.why.fit_large": ("面积 {area:.2f} 亩，大于需求上限 {high:g} 亩（可分割供应）",
                            "{area:.2f} mu, above the {high:g} mu needed (can be divided)"),
    "match.why.group": ("{n} 宗相邻地块成片（{ids}）", "{n} adjacent parcels together ({ids})"),
    "match.why.park_yes": ("位于意向园区 {park}", "in the preferred park {park}"),
    "match.why.park_any": ("位于 {park}（未指定园区）", "in {park} (no park preferred)"),
    "match.why.park_no": ("位于 {park}，不是意向园区 {want}", "in {park}, not the preferred {want}"),
    "match.why.use_yes": ("用途 {use} 相符", "land use {use} fits"),
    "match.why.use_no": ("用途 {use} 与所需 {want} 不符，需调整用途", "land use {use}, not the {want} "
                         "needed: a change of use is required"),
    "match.why.use_unknown": ("用途不明", "land use unknown"),
    "match.why.gain": ("亩均税收由 {now:.2f} 提高到 {then:.2f} 万元/亩", "tax per mu from {now:.2f} to "
                       "{then:.2f} 万元/mu"),
    "match.why.gain_unheld": ("尚无用地企业（无现状亩均税收），供地后预期亩均税收 {then:.2f} 万元/亩",
                              "no holder yet (no current tax per mu); {then:.2f} 万元/mu expected "
                              "once supplied"),
    "match.why.state": ("土地{state}", "land {state}"),
    "match.why.plot": ("现状容积率 {now:.2f}，项目要求 ≥ {need:g}", "current plot ratio {now:.2f}; the "
                       "project needs ≥ {need:g}"),
})


# --------------------------------------------------------------------------- settings


def settings_of(settings: Mapping | None) -> dict:
    """``settings["matching"]`` with defaults filled in.

    Raises
    ------
    InputError
        A weight, distance or ``top`` that is not a number, or an unknown weight.
    """
    data = dict((settings or {}).get("matching") or {}) if settings else {}
    out = {**DEFAULTS, "weights": dict(DEFAULT_WEIGHTS)}
    try:
        for key, value in data.items():
            if key == "weights":
                for k, v in dict(value).items():
                    if k not in DEFAULT_WEIGHTS:
                        raise ValueError(f"unknown weight {k}")
                    out["weights"][k] = float(v)
            elif key in ("distance", "min_fit"):
                out[key] = float(value)
            elif key == "top":
                out[key] = int(value)
            elif key in ("land_use",):
                out[key] = str(value)
            elif key == "methods":
                out[key] = [str(v) for v in value]
    except (TypeError, ValueError) as exc:
        raise InputError(Problem.make("match.bad_settings", "error", detail=str(exc))) from exc
    return out


# --------------------------------------------------------------------------- projects


def read_projects(path: str | Path, park_names: list[str] | None = None
                  ) -> tuple[pd.DataFrame, list[Problem]]:
    """Read an incoming-project table into :data:`PROJECT_COLUMNS`.

    Raises
    ------
    InputError
        No header or rows; cells that are not numbers; a land need that is not an area or
        range, or whose minimum exceeds its maximum (each naming row, project and column).
    """
    what = messages.text("match.what")
    raw = tables.read_rows(path, SYNONYMS, ("name",), what, min_fields=2)
    problems = list(raw.problems)
    errors: list[Problem] = []
    out = pd.DataFrame(index=raw.cells.index)
    out["source_row"] = raw.rows
    for f in ("name", "industry", "park", "land_use"):
        out[f] = tables.text(raw.cells[f]) if f in raw.cells else pd.Series(
            pd.NA, index=out.index, dtype="string")
    subjects = out["name"].fillna("—").astype(str)
    for f in ("mu_min", "mu_max", "intensity", "tax_per_mu", "plot_ratio"):
        out[f] = tables.numbers(raw, f, subjects, 1.0, errors) if f in raw.cells else np.nan
    if "mu_need" in raw.cells:
        low, high = _ranges(raw, subjects, errors)
        out["mu_min"] = pd.Series(out["mu_min"]).fillna(pd.Series(low, index=out.index))
        out["mu_max"] = pd.Series(out["mu_max"]).fillna(pd.Series(high, index=out.index))
    out["mu_min"] = out["mu_min"].fillna(out["mu_max"])
    out["mu_max"] = out["mu_max"].fillna(out["mu_min"])
    for f in ("mu_min", "mu_max"):  # a negative land need is no need: say so
        for i in np.flatnonzero((out[f] < 0).to_numpy()):
            errors.append(Problem.make("match.negative_need", "error", feature=int(raw.rows[i]),
                                       row=int(raw.rows[i]), subject=subjects.iat[i],
                                       header=raw.column_header(f), value=float(out[f].iat[i])))
    for i in np.flatnonzero((out["mu_min"] > out["mu_max"]).to_numpy()):
        errors.append(Problem.make("match.bad_range", "error", feature=int(raw.rows[i]),
                                   row=int(raw.rows[i]), subject=subjects.iat[i],
                                   low=float(out["mu_min"].iat[i]), high=float(out["mu_max"].iat[i])))
    if errors:
        raise InputError(errors[0], errors + problems)
    for i in np.flatnonzero(out["mu_min"].isna().to_numpy()):
        problems.append(Problem.make("match.no_need", "warning", feature=int(raw.rows[i]),
                                     row=int(raw.rows[i]), subject=subjects.iat[i]))
    if park_names:
        from landplanner.parks import normalise_park_name

        given = out["park"]
        fixed = given.map(lambda v: normalise_park_name(v, park_names) if isinstance(v, str) else None)
        for i in np.flatnonzero((given.notna() & fixed.isna()).to_numpy()):
            problems.append(Problem.make("match.unknown_park", "warning", feature=int(raw.rows[i]),
                                         row=int(raw.rows[i]), subject=subjects.iat[i],
                                         value=given.iat[i]))
        out["park"] = fixed.astype(object)
    out = out[list(PROJECT_COLUMNS)].reset_index(drop=True)
    for f in ("name", "industry", "park", "land_use"):
        out[f] = out[f].astype(object).where(out[f].notna(), None)
    return out, problems


def _ranges(raw, subjects, errors) -> tuple[np.ndarray, np.ndarray]:
    text = tables.text(raw.cells["mu_need"]).fillna("")
    parts = text.str.replace(r"[亩mu\s]", "", regex=True).str.split(r"[-–—~～至到]", regex=True)
    low = np.full(len(text), np.nan)
    high = np.full(len(text), np.nan)
    for i, bits in enumerate(parts):
        bits = [b for b in bits if b]
        if not bits:
            continue
        try:
            nums = [float(b) for b in bits]
            if not all(0 <= n <= tables.MAX_VALUE for n in nums):  # inf, nan, 1e400
                raise ValueError(bits)
        except ValueError:
            errors.append(Problem.make("match.bad_need", "error", feature=int(raw.rows[i]),
                                       row=int(raw.rows[i]), subject=subjects.iat[i],
                                       header=raw.column_header("mu_need"), value=text.iat[i]))
            continue
        low[i], high[i] = min(nums), max(nums)
    return low, high


# --------------------------------------------------------------------------- candidates


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected-component labels of ``n`` nodes joined by edges ``left``–``right``
    (vectorised min-label propagation with pointer jumping)."""
    labels = np.arange(n)
    if not len(left):
        return labels
    while True:
        old = labels.copy()
        m = np.minimum(labels[left], labels[right])
        np.minimum.at(labels, left, m)
        np.minimum.at(labels, right, m)
        labels = labels[labels]  # pointer jumping
        if np.array_equal(labels, old):
            return labels


def _current_tax(parcels: pd.DataFrame, indicators: pd.DataFrame | None,
                 area: np.ndarray) -> np.ndarray:
    """The holder's tax per mu (万元/亩) per parcel, NaN when unknown or without a holder
    (:func:`screening.holder_tax_per_mu`: no holder has no 亩均税收, not zero)."""
    n = len(parcels)
    out = np.full(n, np.nan)
    holder = parcels["uscc"].to_numpy(dtype=object) if "uscc" in parcels else np.full(n, None)
    codes, uniques = pd.factorize(holder, use_na_sentinel=True)
    if indicators is None or indicators.empty or "uscc" not in indicators or not len(uniques):
        return screening.holder_tax_per_mu(out, parcels)
    table = indicators
    if "year" in table and table["year"].notna().any():
        table = table.loc[table["year"] == table["year"].max()]
    tax = table.dropna(subset=["uscc"]).drop_duplicates("uscc").set_index("uscc")["tax"]
    has = codes >= 0
    land = np.bincount(codes[has], weights=area[has], minlength=len(uniques))
    tax_of = tax.reindex(pd.Index(uniques, dtype=object)).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_mu = np.where(land > 0, tax_of / land, np.nan)
    mapped = np.where(has, per_mu[np.where(has, codes, 0)], np.nan)
    known = ~np.isnan(mapped)
    out[known] = mapped[known]
    return screening.holder_tax_per_mu(out, parcels)


def candidates(parcels, plans, indicators=None, settings: Mapping | None = None) -> pd.DataFrame:
    """Freed or being-freed land: single parcels and groups of adjacent parcels.

    Returns
    -------
    DataFrame
        ``candidate`` (parcel id or ``G0001``…), ``kind`` (``parcel`` | ``group``),
        ``positions`` (row positions in ``parcels``), ``parcel_ids``, ``area_mu``, ``park``,
        ``land_use``, ``state`` (``freed`` | ``being_freed`` | ``unsupplied``),
        ``current_tax_per_mu`` (empty for land without a holder: :func:`screening.without_holder`),
        ``plot_ratio``, ``no_holder`` (no parcel of the candidate has a holder).
    """
    s = settings_of(settings)
    n = len(parcels)
    ids = (parcels["parcel_id"].astype(str) if "parcel_id" in parcels
           else pd.Series(parcels.index.astype(str), index=parcels.index)).to_numpy(dtype=object)
    pos_of = pd.Series(np.arange(n), index=ids)
    pos_of = pos_of[~pos_of.index.duplicated()]
    state = np.full(n, None, dtype=object)
    methods = set(s["methods"])
    being: list[str] = []
    freed: list[str] = []
    for plan in as_plans(plans):
        if plan.subject_kind != "parcel" or plan.method not in methods:
            continue
        if plan.status == "closed":
            freed += list(plan.parcel_ids)
        elif plan.status in ("in_progress", "completed"):
            being += list(plan.parcel_ids)
    if "category" in parcels:
        state[(parcels["category"] == "unsupplied").to_numpy()] = "unsupplied"
    for group, name in ((being, "being_freed"), (freed, "freed")):
        pos = pos_of.reindex(group).dropna().to_numpy(dtype=int)
        state[pos] = name
    chosen = np.flatnonzero(state != None)  # noqa: E711 - object array
    cols = ["candidate", "kind", "positions", "parcel_ids", "area_mu", "park", "land_use", "state",
            "current_tax_per_mu", "plot_ratio", "no_holder"]
    if not len(chosen):
        return pd.DataFrame(columns=cols)
    area_all = parcel_area(parcels).to_numpy(dtype=float)
    tax_all = _current_tax(parcels, indicators, np.nan_to_num(area_all))
    unheld_all = screening.without_holder(parcels)
    park_all = parcels["park"].to_numpy(dtype=object) if "park" in parcels else np.full(n, None)
    use_all = parcels["land_use"].to_numpy(dtype=object) if "land_use" in parcels else np.full(n, None)
    ratio_all = pd.to_numeric(parcels["plot_ratio"], errors="coerce").to_numpy(dtype=float) \
        if "plot_ratio" in parcels else np.full(n, np.nan)
    single = pd.DataFrame({
        "candidate": ids[chosen], "kind": "parcel",
        "positions": list(zip(chosen.tolist())), "parcel_ids": list(zip(ids[chosen].tolist())),
        "area_mu": area_all[chosen], "park": park_all[chosen], "land_use": use_all[chosen],
        "state": state[chosen], "current_tax_per_mu": tax_all[chosen],
        "plot_ratio": ratio_all[chosen], "no_holder": unheld_all[chosen],
    })
    geoms = parcels.geometry.to_numpy()[chosen]
    tree = shapely.STRtree(geoms)
    if s["distance"] > 0:
        left, right = tree.query(geoms, predicate="dwithin", distance=s["distance"])
    else:
        left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    labels = _components(len(chosen), left[keep], right[keep])
    sizes = np.bincount(labels, minlength=len(chosen))
    multi = np.flatnonzero(sizes[labels] >= 2)
    if not len(multi):
        return single[cols]
    order = multi[np.lexsort((-np.nan_to_num(area_all[chosen][multi]), labels[multi]))]
    lab = labels[order]
    starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
    bounds = np.r_[starts, len(order)]
    members = [order[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    area_c = np.nan_to_num(area_all[chosen])
    tax_c = tax_all[chosen]
    rank_state = {"freed": 0, "unsupplied": 1, "being_freed": 2}
    rows = []
    for k, m in enumerate(members):
        a = area_c[m]
        total = float(a.sum())
        unheld = unheld_all[chosen[m]]
        # the tax the group's land yields now, per mu of it: unheld land yields none; a group
        # with no holder at all has no 亩均税收
        t = np.where(unheld, 0.0, tax_c[m])
        known = ~np.isnan(t)
        tax = float((t[known] * a[known]).sum() / a[known].sum()) \
            if known.any() and a[known].sum() and not unheld.all() else np.nan
        r = ratio_all[chosen][m]
        rk = ~np.isnan(r)
        rows.append({
            "candidate": f"G{k + 1:04d}", "kind": "group",
            "positions": tuple(int(chosen[i]) for i in m), "parcel_ids": tuple(ids[chosen[m]]),
            "area_mu": total, "park": park_all[chosen[m[0]]], "land_use": use_all[chosen[m[0]]],
            "state": max((state[chosen[i]] for i in m), key=lambda v: rank_state[v]),
            "current_tax_per_mu": tax,
            "plot_ratio": float((r[rk] * a[rk]).sum() / a[rk].sum()) if rk.any() and a[rk].sum() else np.nan,
            "no_holder": bool(unheld.all()),
        })
    return pd.concat([single, pd.DataFrame(rows)], ignore_index=True)[cols]


# --------------------------------------------------------------------------- matching


def match(projects: pd.DataFrame, parcels, plans, indicators=None, settings: Mapping | None = None,
          lang: str | None = None, cands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rank candidate land for every incoming project (see the module docstring).

    Returns
    -------
    DataFrame
        :data:`RESULT_COLUMNS`, up to ``top`` rows per project, best first (``rank`` 1…).
        ``parcel_ids`` is a tuple, ``parcels`` the same ids joined with ``、``.
    """
    s = settings_of(settings)
    cands = candidates(parcels, plans, indicators, settings) if cands is None else cands
    if cands.empty or projects is None or projects.empty:
        return pd.DataFrame(columns=list(RESULT_COLUMNS))
    w = s["weights"]
    area = cands["area_mu"].to_numpy(dtype=float)
    area = np.nan_to_num(area)
    park = cands["park"].to_numpy(dtype=object)
    use = cands["land_use"].astype(object).where(cands["land_use"].notna(), None).to_numpy()
    tax_now = cands["current_tax_per_mu"].to_numpy(dtype=float)
    if "no_holder" in cands:  # land without a holder yields no tax now: the gain is all of it
        tax_now = np.where(cands["no_holder"].to_numpy(dtype=bool), 0.0, tax_now)
    ready = np.where(cands["state"].to_numpy(dtype=object) == "being_freed", 0.5, 1.0)
    # park and land-use codes, so per-project comparisons are integer compares
    park_codes, park_names = pd.factorize(pd.Series(park, dtype=object), use_na_sentinel=True)
    use_codes, use_names = pd.factorize(pd.Series(use, dtype=object), use_na_sentinel=True)
    park_index = {name: i for i, name in enumerate(park_names)}
    use_index = {name: i for i, name in enumerate(use_names)}
    rows = []
    top = max(int(s["top"]), 1)
    for j, proj in enumerate(projects.itertuples(index=False)):
        low, high = float(proj.mu_min), float(proj.mu_max)
        if not (low == low and high == high) or high <= 0:
            continue
        low = max(low, 1e-9)
        fit = np.where(area < low, area / low, np.where(area > high, high / np.maximum(area, 1e-9), 1.0))
        ok = fit >= s["min_fit"]
        if not ok.any():
            continue
        want_park = proj.park if isinstance(proj.park, str) and proj.park else None
        if want_park is None:
            park_score = np.ones(len(area))
        else:
            park_score = (park_codes == park_index.get(want_park, -2)).astype(float)
        want_use = proj.land_use if isinstance(proj.land_use, str) and proj.land_use else s["land_use"]
        use_score = np.where(use_codes < 0, 0.5,
                             (use_codes == use_index.get(want_use, -2)).astype(float))
        expected = float(proj.tax_per_mu) if proj.tax_per_mu == proj.tax_per_mu else np.nan
        if expected == expected and expected > 0:
            gain = np.clip((expected - np.nan_to_num(tax_now, nan=expected)) / expected, 0.0, 1.0)
        else:
            gain = np.zeros(len(area))
        score = (w["fit"] * fit + w["park"] * park_score + w["land_use"] * use_score
                 + w["gain"] * gain + w["ready"] * ready)
        score = np.where(ok, score, -1.0)
        k = min(top, int(ok.sum()))
        best = np.argpartition(-score, k - 1)[:k] if k < len(score) else np.arange(len(score))
        best = best[np.lexsort((area[best], -score[best]))][:k]
        for rank, i in enumerate(best, start=1):
            rows.append((j, rank, int(i), float(fit[i]), float(score[i]), expected, want_park,
                         want_use, low, high))
    if not rows:
        return pd.DataFrame(columns=list(RESULT_COLUMNS))
    picked = sorted({r[2] for r in rows})
    crow = dict(zip(picked, cands.iloc[picked].to_dict("records"), strict=True))
    prow = projects.to_dict("records")
    out = []
    for j, rank, i, fit_i, score_i, expected, want_park, want_use, low, high in rows:
        c = crow[i]
        proj = prow[j]
        now = c["current_tax_per_mu"]
        basis = 0.0 if c.get("no_holder") else now
        out.append({
            "project": proj["name"], "rank": rank, "candidate": c["candidate"], "kind": c["kind"],
            "parcel_ids": tuple(c["parcel_ids"]), "parcels": "、".join(c["parcel_ids"]),
            "area_mu": round(float(c["area_mu"]), 2), "park": c["park"], "land_use": c["land_use"],
            "state": c["state"], "current_tax_per_mu": now, "expected_tax_per_mu": expected,
            "gain_per_mu": (expected - basis) if expected == expected else np.nan,
            "fit": round(fit_i, 4), "score": round(score_i, 2),
            "reasons": reasons(c, low, high, want_park, want_use, expected, proj.get("plot_ratio"),
                               lang),
            "project_row": int(proj.get("source_row", j + 2)),
        })
    return pd.DataFrame(out, columns=list(RESULT_COLUMNS))


def _blank(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))


def reasons(c: Mapping, low: float, high: float, want_park: str | None, want_use: str,
            expected: float, plot_need: float | None = None, lang: str | None = None) -> str:
    """Why a candidate suits a project, in words (zh/en)."""
    t = messages.text
    a = float(c["area_mu"])
    bits = []
    if a < low:
        bits.append(t("match.why.fit_small", lang, area=a, low=low))
    elif a > high:
        bits.append(t("match.why.fit_large", lang, area=a, high=high))
    else:
        bits.append(t("match.why.fit_in", lang, area=a, low=low, high=high))
    if c["kind"] == "group":
        ids = list(c["parcel_ids"])
        shown = "、".join(ids[:4]) + ("…" if len(ids) > 4 else "")
        bits.append(t("match.why.group", lang, n=len(ids), ids=shown))
    park = c["park"] if not _blank(c["park"]) else "—"
    if want_park is None:
        bits.append(t("match.why.park_any", lang, park=park))
    elif park == want_park:
        bits.append(t("match.why.park_yes", lang, park=park))
    else:
        bits.append(t("match.why.park_no", lang, park=park, want=want_park))
    use = c["land_use"]
    if _blank(use):
        bits.append(t("match.why.use_unknown", lang))
    elif use == want_use:
        bits.append(t("match.why.use_yes", lang, use=use))
    else:
        bits.append(t("match.why.use_no", lang, use=use, want=want_use))
    now = c["current_tax_per_mu"]
    if not _blank(expected) and c.get("no_holder"):
        bits.append(t("match.why.gain_unheld", lang, then=float(expected)))
    elif not _blank(expected) and not _blank(now):
        bits.append(t("match.why.gain", lang, now=float(now), then=float(expected)))
    bits.append(t("match.why.state", lang, state=state_label(c["state"], lang).lower()
                  if (lang or messages.language()) == "en" else state_label(c["state"], lang)))
    ratio = c.get("plot_ratio") if hasattr(c, "get") else None
    if not _blank(plot_need) and not _blank(ratio) and float(ratio) < float(plot_need):
        bits.append(t("match.why.plot", lang, now=float(ratio), need=float(plot_need)))
    sep = "; " if (lang or messages.language()) == "en" else "；"
    return sep.join(bits)


def state_label(state: object, lang: str | None = None) -> str:
    """Label of a candidate state (vocabulary domain ``match_state``)."""
    return vocabulary.label("match_state", state, lang)


def kind_label(kind: object, lang: str | None = None) -> str:
    """Label of a candidate kind (vocabulary domain ``match_kind``)."""
    return vocabulary.label("match_kind", kind, lang)
