"""资产清单: idle state-owned assets and rural collective assets and resources (DOMAIN §7).

Reading
-------
:func:`read_asset_table` reads a state-owned (国有资产) or collective (农村集体资产资源)
asset table, .xlsx or .csv, recognising headers by meaning (:mod:`.tables`, the indicator
tables' machinery). Canonical columns (:data:`ASSET_COLUMNS`):

``asset_id`` 资产编号, ``kind`` (``state`` | ``collective``), ``name``, ``owner`` (权属单位;
the 村/社区 for a collective asset), ``street`` (街道/镇), ``village`` (村/社区),
``address``, ``building`` / ``floor`` / ``room``, ``asset_type`` (:data:`ASSET_TYPES`),
``area_m2`` (建筑面积 or land area, m²; a header in 亩 / 公顷 is converted), ``rentable_m2``
(可出租面积; the area where empty), ``use``, ``status`` (:data:`STATUSES`), ``status_start``
(年初状态, optional), ``revitalized_date`` (盘活日期, optional), ``tenant``, ``rent``
(元/m²/月; 元/m²/天 and 元/m²/年 are converted), ``lease_start``, ``lease_end`` (合同到期),
``parcel_id`` (a linked parcel), ``x`` / ``y`` (in the parcels' CRS), ``lon`` / ``lat``
(CGCS2000 degrees), ``wkt`` (a point or polygon), ``source_row``.

Every cell that cannot be used is an error naming the row, the asset and the column;
nothing is guessed silently.

Figures (:func:`figures`), by area by default, by count with ``basis="count"``
-------------------------------------------------------------------------------------
* **idle at the start of the year** — ``status_start`` is 闲置 where the table gives it;
  otherwise the asset is 闲置 now, or was revitalized this year (``revitalized_date`` in
  the year).
* **revitalized this year** — idle at the start, and now rented, contracted, sold or in own
  use (:data:`REVITALIZED`) with no ``revitalized_date`` or one in the year; or its asset
  plan was 已销号 this year.
* 国有资产 **去化率** = revitalized state area ÷ idle state area at the start (target ≥ 10 %).
* 国有资产 **出租率** = rented area ÷ rentable area of the state assets held for rent
  (statuses ``rented`` and ``idle`` by default: own use, sold and awaiting disposal are not
  held for rent) (target ≥ 87 %). Rentable area is ``rentable_m2`` (``area_m2`` when empty).
* 农村集体闲置资产资源 **盘活率** = as 去化率, collective assets (target ≥ 85 %).
* 农村集体资产资源 **出租（发包）率** = rented or contracted ÷ all that can be rented or
  contracted (statuses rented, contracted, idle) (target ≥ 90 %).

Targets, the basis and the statuses held for rent are project settings
(``settings["assets"]``, :class:`AssetSettings`). Figures are given for the district, per
owner unit and per street/village (``group_by``).

Leases ending within 90 days (a setting) are flagged ``expiring``; rented assets whose
lease has already ended ``expired`` (:func:`lease_flags`).

Location (:func:`locate`): an asset's own polygon or point (``wkt``, ``x``/``y`` or
``lon``/``lat``), else its linked parcel (``parcel_id``), else a parcel with the same
address. Unlocated assets still count in every figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from landplanner import messages, vocabulary
from landplanner.analysis import tables
from landplanner.problems import InputError, Problem

ASSET_COLUMNS = (
    "asset_id", "kind", "name", "owner", "street", "village", "address", "building", "floor",
    "room", "asset_type", "area_m2", "rentable_m2", "use", "status", "status_start",
    "revitalized_date", "tenant", "rent", "lease_start", "lease_end", "parcel_id", "x", "y",
    "lon", "lat", "wkt", "source_row",
)
KINDS = ("state", "collective")
STATUSES = ("rented", "contracted", "idle", "self_use", "sold", "pending")
REVITALIZED = ("rented", "contracted", "sold", "self_use")
ASSET_TYPES = ("plant", "shop", "office", "land", "pond", "residential", "other")
FIGURES = ("state_disposal", "state_occupancy", "collective_revitalize", "collective_occupancy")
M2_PER_MU = 10000.0 / 15.0

messages.register({
    "assets.lease.expiring": ("租约 {days} 天内到期", "lease ends within {days} days"),
    "assets.lease.expired": ("租约已到期", "lease has ended"),
    "assets.what": ("资产表", "asset table"),
    "assets.bad_status": ("第 {row} 行（{subject}）“{header}”列的值“{value}”不是可识别的状态"
                          "（出租/发包/闲置/自用/出售/待处置）",
                          "Row {row} ({subject}), column “{header}”: “{value}” is not a known "
                          "status (出租/发包/闲置/自用/出售/待处置)"),
    "assets.bad_kind": ("第 {row} 行（{subject}）“{header}”列的值“{value}”应为 国有 或 集体",
                        "Row {row} ({subject}), column “{header}”: “{value}” should be 国有 "
                        "(state) or 集体 (collective)"),
    "assets.no_kind": ("无法判断资产表 {path} 是国有资产还是集体资产，请指定类别",
                       "Cannot tell whether {path} lists state-owned or collective assets; "
                       "give the kind"),
    "assets.unknown_type": ("第 {row} 行（{subject}）资产类型“{value}”未识别，按“其他”处理",
                            "Row {row} ({subject}): asset type “{value}” not recognised; taken "
                            "as other"),
    "assets.no_area": ("第 {row} 行（{subject}）没有面积，按面积统计时不计入",
                       "Row {row} ({subject}) has no area; it does not count in area figures"),
    "assets.negative": ("第 {row} 行（{subject}）“{header}”列的值 {value} 为负数",
                        "Row {row} ({subject}), column “{header}”: {value} is negative"),
    "assets.rentable_over": ("第 {row} 行（{subject}）可出租面积 {rentable:g} 大于建筑面积 {area:g}",
                             "Row {row} ({subject}): rentable area {rentable:g} exceeds the floor "
                             "area {area:g}"),
    "assets.lease_order": ("第 {row} 行（{subject}）租期止 {end} 早于租期起 {start}",
                           "Row {row} ({subject}): the lease ends ({end}) before it starts "
                           "({start})"),
    "assets.rented_no_tenant": ("第 {row} 行（{subject}）状态为出租/发包但没有承租人",
                                "Row {row} ({subject}) is rented or contracted but names no "
                                "tenant"),
    "assets.duplicate_id": ("资产编号 {asset} 出现多次（第 {rows} 行）",
                            "Asset id {asset} appears more than once (rows {rows})"),
    "assets.no_id": ("第 {row} 行没有资产编号，已生成 {asset}",
                     "Row {row} has no asset id; {asset} was given"),
    "assets.no_status": ("第 {row} 行（{subject}）没有状态", "Row {row} ({subject}) has no status"),
    "assets.bad_unit": ("列“{header}”的单位“{unit}”无法识别（应为 {canonical}）",
                        "Column “{header}”: unit “{unit}” not understood (expected {canonical})"),
    "assets.bad_settings": ("资产指标设置无效：{detail}", "invalid asset settings: {detail}"),
    "assets.unlinked": ("{count} 项资产没有位置（无坐标、未关联地块），仍计入统计",
                        "{count} asset(s) have no location (no coordinates, no linked parcel); "
                        "they still count"),
    "assets.bad_parcel": ("资产 {asset} 关联的地块 {parcel} 不存在",
                          "Asset {asset} is linked to parcel {parcel}, which does not exist"),
    "assets.met": ("达标", "met"),
    "assets.not_met": ("未达标", "not met"),
})

SYNONYMS: dict[str, tuple[str, ...]] = {
    "asset_id": ("资产编号", "资产编码", "资产代码", "编号", "资产卡片号", "卡片编号", "assetid",
                 "assetno", "id"),
    "kind": ("资产性质", "资产属性", "所有制", "产权性质", "kind"),
    "name": ("资产名称", "名称", "项目名称", "资源名称", "资产资源名称", "name", "assetname"),
    "owner": ("权属单位", "产权单位", "所属单位", "管理单位", "资产所属单位", "资产管理单位",
              "产权人", "单位名称", "owner", "ownerunit"),
    "street": ("街道", "所属街道", "镇街", "街道(镇)", "镇(街道)", "乡镇", "street", "town"),
    "village": ("村/社区", "村社区", "村(社区)", "所属村", "所属村(社区)", "村居", "村名",
                "社区", "村", "village", "community"),
    "address": ("地址", "坐落", "资产坐落", "坐落位置", "坐落地址", "位置", "address",
                "location"),
    "building": ("楼栋", "幢号", "栋号", "幢", "楼宇", "building"),
    "floor": ("楼层", "所在楼层", "层次", "floor"),
    "room": ("房号", "房间号", "室号", "门牌号", "room"),
    "asset_type": ("资产类型", "类型", "资产类别", "资源类型", "资产资源类型", "类别", "type",
                   "assettype"),
    "area_m2": ("建筑面积", "面积", "资产面积", "房屋面积", "占地面积", "土地面积", "资源面积",
                "area", "floorarea"),
    "rentable_m2": ("可出租面积", "可租面积", "可出租(发包)面积", "可发包面积", "可经营面积",
                    "rentablearea"),
    "use": ("用途", "使用用途", "现用途", "规划用途", "use"),
    "status": ("状态", "使用状态", "资产状态", "出租状态", "发包状态", "现状", "使用现状",
               "经营状态", "出租(发包)状态", "status"),
    "status_start": ("年初状态", "年初使用状态", "年初现状", "statusatstart", "startstatus"),
    "revitalized_date": ("盘活日期", "盘活时间", "去化日期", "revitalizeddate"),
    "tenant": ("承租人", "租户", "承租方", "承租单位", "承包方", "承包人", "承租(承包)方",
               "tenant", "lessee"),
    "rent": ("租金", "租金单价", "月租金单价", "租金标准", "rent", "rentrate"),
    "lease_start": ("租期起", "租赁起始日期", "合同起始日期", "起租日期", "租赁开始日期",
                    "合同开始日期", "租期开始", "leasestart"),
    "lease_end": ("租期止", "租赁终止日期", "合同到期日", "合同终止日期", "到期日期", "合同到期",
                  "合同到期日期", "租赁到期日期", "租期结束", "leaseend", "contractend"),
    "parcel_id": ("地块编号", "关联地块", "关联地块编号", "宗地编号", "parcelid", "parcel"),
    "x": ("x", "x坐标", "横坐标", "东坐标"),
    "y": ("y", "y坐标", "纵坐标", "北坐标"),
    "lon": ("经度", "lon", "lng", "longitude"),
    "lat": ("纬度", "lat", "latitude"),
    "wkt": ("wkt", "几何", "geometry", "空间范围"),
}

_STATUS_WORDS = {
    "rented": ("出租", "已出租", "在租", "租赁", "出租中", "rented", "let", "leased"),
    "contracted": ("发包", "已发包", "承包", "发包中", "contracted"),
    "idle": ("闲置", "空置", "未出租", "未利用", "闲置中", "idle", "vacant"),
    "self_use": ("自用", "自行使用", "自营", "在用", "selfuse", "ownuse"),
    "sold": ("出售", "已出售", "已售", "售出", "sold"),
    "pending": ("待处置", "拟处置", "待定", "pending"),
}
_TYPE_WORDS = {
    "plant": ("厂房", "标准厂房", "车间", "仓库", "plant", "factory", "warehouse"),
    "shop": ("商铺", "门面", "门面房", "商业用房", "店面", "shop"),
    "office": ("办公用房", "办公楼", "写字楼", "办公", "office"),
    "land": ("土地", "农用地", "建设用地", "集体建设用地", "地块", "land"),
    "pond": ("鱼塘", "水面", "养殖水面", "池塘", "pond"),
    "residential": ("住宅", "宿舍", "residential"),
    "other": ("其他", "其它", "other"),
}

TEXT_FIELDS = ("asset_id", "name", "owner", "street", "village", "address", "building", "floor",
               "room", "use", "tenant", "parcel_id", "wkt")


# --------------------------------------------------------------------------- settings


DEFAULT_TARGETS = {
    "state_disposal": 0.10,
    "state_occupancy": 0.87,
    "collective_revitalize": 0.85,
    "collective_occupancy": 0.90,
}


@dataclass
class AssetSettings:
    """``settings["assets"]``: targets (fractions), ``basis`` (``area`` | ``count``), the
    statuses held for rent per kind, and the days before a lease end that flag it."""

    targets: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    basis: str = "area"
    held_for_rent_state: tuple[str, ...] = ("rented", "idle")
    held_for_rent_collective: tuple[str, ...] = ("rented", "contracted", "idle")
    lease_days: int = 90

    def to_dict(self) -> dict:
        """JSON form for ``settings["assets"]``."""
        return {"targets": dict(self.targets), "basis": self.basis,
                "held_for_rent_state": list(self.held_for_rent_state),
                "held_for_rent_collective": list(self.held_for_rent_collective),
                "lease_days": self.lease_days}

    @classmethod
    def from_dict(cls, data: Mapping | AssetSettings | None) -> AssetSettings:
        """From ``settings["assets"]`` or the whole project settings.

        Raises
        ------
        InputError
            An unknown basis, figure or status, or a target that is not a number.
        """
        if isinstance(data, AssetSettings):
            return data
        data = dict(data or {})
        if isinstance(data.get("assets"), Mapping):
            data = dict(data["assets"])
        try:
            targets = dict(DEFAULT_TARGETS)
            for key, value in dict(data.get("targets") or {}).items():
                if key not in FIGURES:
                    raise ValueError(f"unknown figure {key}")
                value = float(value)
                targets[key] = value / 100.0 if value > 1 else value
            basis = str(data.get("basis", "area"))
            if basis not in ("area", "count"):
                raise ValueError(f"basis {basis}")
            state = tuple(data.get("held_for_rent_state") or ("rented", "idle"))
            coll = tuple(data.get("held_for_rent_collective") or ("rented", "contracted", "idle"))
            for s in state + coll:
                if s not in STATUSES:
                    raise ValueError(f"status {s}")
            days = int(data.get("lease_days", 90))
        except (TypeError, ValueError) as exc:
            raise InputError(Problem.make("assets.bad_settings", "error", detail=str(exc))) from exc
        return cls(targets, basis, state, coll, days)


# --------------------------------------------------------------------------- labels


def status_label(code: object, lang: str | None = None) -> str:
    """Label of a status code ('' for none), from the vocabulary (domain ``asset_status``)."""
    return vocabulary.label("asset_status", code, lang)


def kind_label(code: object, lang: str | None = None) -> str:
    """Label of a kind code (vocabulary domain ``asset_kind``)."""
    return vocabulary.label("asset_kind", code, lang)


def type_label(code: object, lang: str | None = None) -> str:
    """Label of an asset type code (vocabulary domain ``asset_type``)."""
    return vocabulary.label("asset_type", code, lang)


def figure_label(code: str, lang: str | None = None) -> str:
    """Label of a figure code (:data:`FIGURES`; vocabulary domain ``asset_figure``)."""
    return vocabulary.label("asset_figure", code, lang)


# --------------------------------------------------------------------------- reading


def empty_assets() -> pd.DataFrame:
    """An asset table with no rows and the canonical columns."""
    return _finish(pd.DataFrame(index=pd.RangeIndex(0)))


def read_asset_table(
    path: str | Path, kind: str | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a state-owned or collective asset table into :data:`ASSET_COLUMNS`.

    Parameters
    ----------
    path
        .xlsx or .csv; title rows above the header are skipped.
    kind
        ``"state"`` or ``"collective"`` when the table has no 资产性质 column; when neither
        is given, a table with a 村/社区 column or 发包 statuses is collective, one with
        权属单位 / 楼层 / 房号 state-owned.

    Returns
    -------
    (DataFrame, list[Problem])
        Canonical assets (areas in m², rent in 元/m²/月) and warnings.

    Raises
    ------
    InputError
        No header or rows, or cells that cannot be used (each problem names the row, the
        asset and the column).
    """
    what = messages.text("assets.what")
    raw = tables.read_rows(path, SYNONYMS, ("asset_id", "name"), what, min_fields=3)
    problems = list(raw.problems)
    errors: list[Problem] = []
    out = pd.DataFrame(index=raw.cells.index)
    out["source_row"] = raw.rows
    for f in TEXT_FIELDS:
        if f in raw.cells:
            out[f] = tables.text(raw.cells[f])
    ids = out["asset_id"] if "asset_id" in out else pd.Series(pd.NA, index=out.index, dtype="string")
    names = out["name"] if "name" in out else pd.Series(pd.NA, index=out.index, dtype="string")
    subjects = ids.fillna(names).fillna("—").astype(str)

    for f in ("area_m2", "rentable_m2"):
        if f in raw.cells:
            factor = _area_factor(raw.column_header(f), errors)
            out[f] = tables.numbers(raw, f, subjects, factor, errors)
    if "rent" in raw.cells:
        factor = _rent_factor(raw.column_header("rent"), errors)
        out["rent"] = tables.numbers(raw, "rent", subjects, factor, errors)
    for f in ("x", "y", "lon", "lat"):
        if f in raw.cells:
            out[f] = tables.numbers(raw, f, subjects, 1.0, errors)
    for f in ("lease_start", "lease_end", "revitalized_date"):
        if f in raw.cells:
            out[f] = tables.dates(raw, f, subjects, errors,
                                  open_end=problems if f == "lease_end" else None).to_numpy()
    for f in ("status", "status_start"):
        if f in raw.cells:
            out[f] = _codes(raw, f, _STATUS_WORDS, subjects, errors, "assets.bad_status")
    if "asset_type" in raw.cells:
        codes = _codes(raw, "asset_type", _TYPE_WORDS, subjects, None, "")
        given = tables.text(raw.cells["asset_type"])
        for i in np.flatnonzero((codes.isna() & given.notna()).to_numpy()):
            problems.append(Problem.make("assets.unknown_type", "warning", feature=int(raw.rows[i]),
                                         row=int(raw.rows[i]), subject=subjects.iat[i],
                                         value=given.iat[i]))
        out["asset_type"] = codes.fillna("other").where(given.notna(), None)
    out["kind"] = _kinds(raw, kind, subjects, errors, Path(path))
    if errors:
        raise InputError(errors[0], errors + problems)
    out = _finish(out)
    problems += validate(out)
    return out, problems


def _codes(raw, f, words, subjects, errors, code) -> pd.Series:
    from landplanner.analysis import scoring_headers as hdr

    text = tables.text(raw.cells[f])
    # object cells: an empty cell is None, not pd.NA (whose truth value is an error)
    folded = text.astype(object).map(lambda v: hdr.normalise(v) if isinstance(v, str) else None)
    lookup = {hdr.normalise(w): key for key, ws in words.items() for w in ws}
    result = folded.map(lambda v: lookup.get(v) if isinstance(v, str) and v else None)
    # contained words (已出租（部分）, 集体厂房 …), the longest word wins
    todo = result.isna() & folded.notna()
    for i in np.flatnonzero(todo.to_numpy()):
        value = folded.iat[i]
        hits = sorted((w for w in lookup if len(w) >= 2 and w in value), key=len, reverse=True)
        if hits:
            result.iat[i] = lookup[hits[0]]
        elif errors is not None:
            errors.append(Problem.make(code, "error", feature=int(raw.rows[i]), row=int(raw.rows[i]),
                                       subject=subjects.iat[i], header=raw.column_header(f),
                                       value=text.iat[i]))
    return result.astype(object)


def _kinds(raw, kind, subjects, errors, path: Path) -> pd.Series:
    if "kind" in raw.cells:
        text = tables.text(raw.cells["kind"]).fillna("")
        state = text.str.contains("国有|国资|行政事业|state", regex=True)
        coll = text.str.contains("集体|村|collective", regex=True)
        out = pd.Series(np.where(state & ~coll, "state", np.where(coll & ~state, "collective",
                                                                    kind or "")),
                        index=raw.cells.index, dtype=object)
        for i in np.flatnonzero((out == "").to_numpy()):
            errors.append(Problem.make("assets.bad_kind", "error", feature=int(raw.rows[i]),
                                       row=int(raw.rows[i]), subject=subjects.iat[i],
                                       header=raw.column_header("kind"), value=text.iat[i]))
        return out
    if kind is None:
        fields = set(raw.cells.columns)
        statuses = raw.cells["status"].astype(str) if "status" in raw.cells else pd.Series([], dtype=str)
        if "village" in fields or statuses.str.contains("发包").any() \
                or "集体" in path.stem or "村" in path.stem:
            kind = "collective"
        elif fields & {"owner", "floor", "room", "building"} or "国有" in path.stem:
            kind = "state"
        else:
            raise InputError(Problem.make("assets.no_kind", "error", path=path.name))
    if kind not in KINDS:
        raise InputError(Problem.make("assets.bad_settings", "error", detail=f"kind {kind}"))
    return pd.Series(kind, index=raw.cells.index, dtype=object)


def _area_factor(header: str, errors: list[Problem]) -> float:
    from landplanner.analysis import scoring_headers as hdr

    _, unit = hdr.split_header(header)
    if unit in ("", "m2", "m²", "平方米", "平米", "㎡", "sqm"):
        return 1.0
    if unit in ("亩", "mu"):
        return M2_PER_MU
    if unit in ("公顷", "ha"):
        return 10000.0
    if unit in ("万平方米", "万m2", "万㎡"):
        return 10000.0
    errors.append(Problem.make("assets.bad_unit", "error", header=header, unit=unit,
                               canonical="m² / 亩"))
    return 1.0


def _rent_factor(header: str, errors: list[Problem]) -> float:
    from landplanner.analysis import scoring_headers as hdr

    _, unit = hdr.split_header(header)
    unit = unit.replace("㎡", "m2").replace("平方米", "m2").replace("平米", "m2").replace("m²", "m2")
    if unit in ("", "元/m2/月", "元/m2月", "元/m2·月", "元/(m2·月)", "元/月/m2", "元/m2/month"):
        return 1.0
    if unit in ("元/m2/天", "元/m2/日", "元/m2·天", "元/m2·日", "元/(m2·天)", "元/天/m2"):
        return 365.0 / 12.0
    if unit in ("元/m2/年", "元/m2·年", "元/(m2·年)", "元/年/m2"):
        return 1.0 / 12.0
    errors.append(Problem.make("assets.bad_unit", "error", header=header, unit=unit,
                               canonical="元/m²/月"))
    return 1.0


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    """Add missing canonical columns, fill ids, and order the columns."""
    for f in ASSET_COLUMNS:
        if f in out:
            continue
        if f in ("area_m2", "rentable_m2", "rent", "x", "y", "lon", "lat"):
            out[f] = np.nan
        elif f in ("lease_start", "lease_end", "revitalized_date"):
            out[f] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
        elif f == "source_row":
            out[f] = np.arange(2, 2 + len(out))
        else:
            out[f] = pd.Series(None, index=out.index, dtype=object)
    for f in TEXT_FIELDS + ("kind", "status", "status_start", "asset_type"):
        out[f] = out[f].astype(object).where(out[f].notna(), None)
    for f in ("area_m2", "rentable_m2", "rent", "x", "y", "lon", "lat"):
        out[f] = pd.to_numeric(out[f], errors="coerce").astype("float64")
    for f in ("lease_start", "lease_end", "revitalized_date"):
        out[f] = pd.to_datetime(out[f], errors="coerce").astype("datetime64[ns]")
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").fillna(0).astype("int64")
    extra = [c for c in out.columns if c not in ASSET_COLUMNS]
    return out[list(ASSET_COLUMNS) + extra].reset_index(drop=True)


def validate(assets: pd.DataFrame) -> list[Problem]:
    """Checks on canonical assets; fills missing ids (``A0001``…) in place.

    Warnings name the row and the asset: negative or missing areas, rentable area above the
    floor area, a lease ending before it starts, rented without a tenant, duplicate ids,
    no status.
    """
    problems: list[Problem] = []
    rows = assets["source_row"].to_numpy()
    missing = assets["asset_id"].isna()
    for n, i in enumerate(np.flatnonzero(missing.to_numpy())):
        new = f"A{n + 1:04d}"
        while new in set(assets["asset_id"].dropna()):
            new = f"A{n + 1:04d}x"
        assets.iat[i, assets.columns.get_loc("asset_id")] = new
        problems.append(Problem.make("assets.no_id", "warning", feature=int(rows[i]), row=int(rows[i]),
                                     asset=new))
    subject = assets["asset_id"].astype(str) + assets["name"].map(
        lambda v: f" {v}" if isinstance(v, str) else "")

    def each(mask, code, **kw):
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            extra = {k: (v[i] if isinstance(v, np.ndarray) else v) for k, v in kw.items()}
            problems.append(Problem.make(code, "warning", feature=int(rows[i]), row=int(rows[i]),
                                         subject=subject.iat[i], **extra))

    area = assets["area_m2"].to_numpy()
    rentable = assets["rentable_m2"].to_numpy()
    each(np.isnan(area), "assets.no_area")
    for f in ("area_m2", "rentable_m2", "rent"):
        v = assets[f].to_numpy()
        each(v < 0, "assets.negative", header=f, value=v)
    each(rentable > area * 1.0001, "assets.rentable_over", rentable=rentable, area=area)
    start, end = assets["lease_start"], assets["lease_end"]
    each((end < start).to_numpy(), "assets.lease_order",
         end=end.dt.date.astype(str).to_numpy(), start=start.dt.date.astype(str).to_numpy())
    each((assets["status"].isin(("rented", "contracted")) & assets["tenant"].isna()).to_numpy(),
         "assets.rented_no_tenant")
    each(assets["status"].isna().to_numpy(), "assets.no_status")
    dup = assets["asset_id"].duplicated(keep=False)
    for asset, group in assets.loc[dup].groupby("asset_id")["source_row"]:
        problems.append(Problem.make("assets.duplicate_id", "warning", asset=asset,
                                     rows=", ".join(map(str, group))))
    return problems


def add_assets(existing: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """Combine asset tables: rows of ``new`` replace existing rows of the same kind (a
    re-imported list supersedes the old one); other kinds are kept."""
    if existing is None or existing.empty:
        return _finish(new.copy())
    kinds = set(new["kind"].dropna())
    kept = existing.loc[~existing["kind"].isin(kinds)]
    return _finish(pd.concat([kept, new], ignore_index=True))


# --------------------------------------------------------------------------- figures


def _year_of(dates: pd.Series) -> np.ndarray:
    return dates.dt.year.to_numpy(dtype=float, na_value=np.nan)


def states(assets: pd.DataFrame, year: int, plans: Iterable | None = None) -> pd.DataFrame:
    """Per asset: ``idle_start`` (idle at the start of ``year``) and ``revitalized`` (this
    year), following the module's definitions; same index as ``assets``."""
    status = assets["status"]
    rev_year = _year_of(assets["revitalized_date"])
    in_year = rev_year == year
    closed = set()
    for plan in plans or ():
        if getattr(plan, "subject_kind", "parcel") == "asset" and plan.status == "closed" \
                and plan.closed_date is not None and plan.closed_date.year == year:
            closed.add(plan.subject_id)
    by_plan = assets["asset_id"].isin(closed).to_numpy()
    start = assets["status_start"]
    known = start.notna().to_numpy()
    idle_start = np.where(known, (start == "idle").to_numpy(),
                          (status == "idle").to_numpy() | in_year | by_plan)
    revitalized = idle_start & (
        (status.isin(REVITALIZED).to_numpy() & (np.isnan(rev_year) | in_year)) | by_plan)
    return pd.DataFrame({"idle_start": idle_start, "revitalized": revitalized}, index=assets.index)


def _weights(assets: pd.DataFrame, basis: str) -> tuple[np.ndarray, np.ndarray]:
    """(area weight, rentable weight) per asset: m² or 1 per asset."""
    if basis == "count":
        ones = np.ones(len(assets))
        return ones, ones
    area = np.nan_to_num(assets["area_m2"].to_numpy(dtype=float), nan=0.0).clip(min=0)
    rentable = assets["rentable_m2"].to_numpy(dtype=float)
    rentable = np.where(np.isnan(rentable), area, np.nan_to_num(rentable)).clip(min=0)
    return area, rentable


def group_keys(assets: pd.DataFrame, group_by: str | None) -> pd.Series:
    """The group of each asset: ``district`` for all, its owner unit, or its street/village."""
    if group_by in (None, "district"):
        return pd.Series("district", index=assets.index, dtype=object)
    if group_by == "owner":
        key = assets["owner"].fillna(assets["village"])
    elif group_by == "street":
        key = assets["street"].fillna(assets["village"])
    elif group_by == "park":
        key = assets["park"] if "park" in assets else pd.Series(None, index=assets.index)
    else:
        key = assets[group_by]
    return key.astype(object).where(key.notna(), "—")


def figures(
    assets: pd.DataFrame,
    settings: Mapping | AssetSettings | None = None,
    year: int | None = None,
    plans: Iterable | None = None,
    group_by: str | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """The four asset figures per group (see the module docstring for the definitions).

    Parameters
    ----------
    assets
        Canonical assets (:func:`read_asset_table`).
    settings
        :class:`AssetSettings` or project settings; targets and the basis.
    year
        Campaign year (default: the settings' ``year``, else ``today``'s).
    plans
        The project's plans; an asset plan 已销号 this year counts its asset as revitalized.
    group_by
        ``None``/``"district"``, ``"owner"``, ``"street"`` or ``"park"``.

    Returns
    -------
    DataFrame
        One row per group and figure: ``group, figure, numerator, denominator, rate``
        (fraction, NaN when the denominator is 0), ``target`` (fraction), ``met`` (bool),
        ``basis`` (``area`` in m² | ``count``), ``assets`` (number of assets counted).
    """
    s = AssetSettings.from_dict(settings)
    if year is None:
        year = int((settings or {}).get("year") or 0) if isinstance(settings, Mapping) else 0
        year = year or (today or date.today()).year
    cols = ["group", "figure", "numerator", "denominator", "rate", "target", "met", "basis", "assets"]
    if assets is None or assets.empty:
        rows = [{"group": "district", "figure": f, "numerator": 0.0, "denominator": 0.0,
                 "rate": np.nan, "target": s.targets[f], "met": False, "basis": s.basis,
                 "assets": 0} for f in FIGURES]
        return pd.DataFrame(rows, columns=cols) if group_by in (None, "district") else \
            pd.DataFrame(columns=cols)
    st = states(assets, year, plans)
    area_w, rent_w = _weights(assets, s.basis)
    status = assets["status"]
    state = (assets["kind"] == "state").to_numpy()
    coll = (assets["kind"] == "collective").to_numpy()
    idle_start, revit = st["idle_start"].to_numpy(), st["revitalized"].to_numpy()
    held_s = status.isin(s.held_for_rent_state).to_numpy()
    held_c = status.isin(s.held_for_rent_collective).to_numpy()
    let = status.isin(("rented", "contracted")).to_numpy()
    parts = {
        "state_disposal": (state & revit, state & idle_start, area_w),
        "state_occupancy": (state & held_s & let, state & held_s, rent_w),
        "collective_revitalize": (coll & revit, coll & idle_start, area_w),
        "collective_occupancy": (coll & held_c & let, coll & held_c, rent_w),
    }
    keys = group_keys(assets, group_by).to_numpy()
    frame = pd.DataFrame({"key": keys})
    for f, (num, den, w) in parts.items():
        frame[f"{f}:num"] = np.where(num, w, 0.0)
        frame[f"{f}:den"] = np.where(den, w, 0.0)
        frame[f"{f}:n"] = den.astype(int)
    sums = frame.groupby("key", sort=True).sum()
    rows = []
    for key, row in sums.iterrows():
        for f in FIGURES:
            num, den = float(row[f"{f}:num"]), float(row[f"{f}:den"])
            rate = num / den if den > 0 else np.nan
            rows.append({"group": key, "figure": f, "numerator": num, "denominator": den,
                         "rate": rate, "target": s.targets[f],
                         "met": bool(rate == rate and rate >= s.targets[f] - 1e-12),
                         "basis": s.basis, "assets": int(row[f"{f}:n"])})
    out = pd.DataFrame(rows, columns=cols)
    if group_by not in (None, "district"):  # a village has no state figures, an office no village ones
        out = out.loc[out["assets"] > 0].reset_index(drop=True)
    return out


def district_figures(assets, settings=None, year=None, plans=None, today=None) -> dict[str, dict]:
    """``{figure: row}`` of :func:`figures` for the district (what the dashboard cards show)."""
    table = figures(assets, settings, year, plans, None, today)
    return {r["figure"]: r for r in table.to_dict("records")}


def lease_flags(assets: pd.DataFrame, today: date | None = None, days: int = 90) -> pd.Series:
    """``expiring`` (lease ends within ``days`` of ``today``, inclusive), ``expired`` (a
    rented or contracted asset whose lease ended before ``today``), else None."""
    today = pd.Timestamp(today or date.today())
    end = assets["lease_end"]
    let = assets["status"].isin(("rented", "contracted"))
    expiring = (end >= today) & (end <= today + pd.Timedelta(days=days))
    expired = let & (end < today)
    out = np.where(expiring, "expiring", np.where(expired, "expired", None))
    return pd.Series(out, index=assets.index, dtype=object)


def lease_text(flag: object, days: int = 90, lang: str | None = None) -> str:
    """Words for a :func:`lease_flags` value."""
    if flag == "expiring":
        return messages.text("assets.lease.expiring", lang, days=days)
    if flag == "expired":
        return messages.text("assets.lease.expired", lang)
    return ""


# --------------------------------------------------------------------------- location


def locate(assets: pd.DataFrame, parcels: gpd.GeoDataFrame | None,
           parks: gpd.GeoDataFrame | None = None) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Where each asset is, in the parcels' CRS.

    Order: the asset's own ``wkt`` (point or polygon), ``x``/``y`` (parcels' CRS),
    ``lon``/``lat`` (EPSG:4490), its ``parcel_id``, a parcel whose address (a parcel column
    ``address``/``地址``/``坐落``) equals the asset's.

    Returns
    -------
    (GeoDataFrame, problems)
        ``asset_id``, ``link`` (``wkt``|``xy``|``lonlat``|``parcel_id``|``address``|None),
        ``park`` (the linked parcel's park, else the park containing it) and ``geometry``;
        same index as ``assets``. Problems: links to missing parcels, the count of unlocated
        assets.
    """
    problems: list[Problem] = []
    crs = getattr(parcels, "crs", None)
    n = len(assets)
    geoms = np.full(n, None, dtype=object)
    link = np.full(n, None, dtype=object)
    park = np.full(n, None, dtype=object)
    wkt = assets["wkt"]
    has = wkt.notna().to_numpy()
    if has.any():
        parsed = shapely.from_wkt(wkt[has].to_numpy(dtype=object), on_invalid="ignore")
        geoms[has] = parsed
        link[has] = np.where(pd.isna(parsed), None, "wkt")
    x, y = assets["x"].to_numpy(), assets["y"].to_numpy()
    use = (link == None) & ~np.isnan(x) & ~np.isnan(y)  # noqa: E711 - object array
    geoms[use] = shapely.points(x[use], y[use])
    link[use] = "xy"
    lon, lat = assets["lon"].to_numpy(), assets["lat"].to_numpy()
    use = (link == None) & ~np.isnan(lon) & ~np.isnan(lat)  # noqa: E711
    if use.any():
        pts = gpd.GeoSeries(shapely.points(lon[use], lat[use]), crs="EPSG:4490")
        if crs is not None:
            pts = pts.to_crs(crs)
        geoms[use] = pts.to_numpy()
        link[use] = "lonlat"
    if parcels is not None and len(parcels) and "parcel_id" in parcels:
        by_id = pd.Series(np.arange(len(parcels)), index=parcels["parcel_id"].astype(str))
        by_id = by_id[~by_id.index.duplicated()]
        pid = assets["parcel_id"]
        pos = pid.map(by_id)
        linked = pos.notna().to_numpy()
        for asset, parcel in assets.loc[pid.notna() & pos.isna(), ["asset_id", "parcel_id"]] \
                .itertuples(index=False):
            problems.append(Problem.make("assets.bad_parcel", "warning", asset=asset, parcel=parcel))
        p = pos.to_numpy(dtype=float)
        parcel_geoms = parcels.geometry.to_numpy()
        parcel_parks = parcels["park"].to_numpy(dtype=object) if "park" in parcels else None
        use = (link == None) & linked  # noqa: E711
        idx = p[use].astype(int)
        geoms[use] = parcel_geoms[idx]
        link[use] = "parcel_id"
        if parcel_parks is not None:
            park[linked] = parcel_parks[p[linked].astype(int)]
        address_col = next((c for c in ("address", "地址", "坐落") if c in parcels), None)
        if address_col is not None:
            addr = pd.Series(np.arange(len(parcels)), index=parcels[address_col].astype(str))
            addr = addr[~addr.index.duplicated()]
            pos = assets["address"].map(addr)
            use = (link == None) & pos.notna().to_numpy()  # noqa: E711
            idx = pos.to_numpy(dtype=float)[use].astype(int)
            geoms[use] = parcel_geoms[idx]
            link[use] = "address"
            if parcel_parks is not None:
                park[use] = parcel_parks[idx]
    out = gpd.GeoDataFrame({"asset_id": assets["asset_id"].to_numpy(), "link": link, "park": park},
                           geometry=gpd.GeoSeries(geoms, crs=crs), index=assets.index)
    if parks is not None and len(parks) and crs is not None:
        from landplanner.parks import park_name_column

        name_col = park_name_column(parks)
        todo = out["park"].isna().to_numpy() & out.geometry.notna().to_numpy()
        if name_col and todo.any():
            pk = parks.to_crs(crs) if parks.crs is not None and parks.crs != crs else parks
            tree = shapely.STRtree(pk.geometry.to_numpy())
            pts = shapely.point_on_surface(out.geometry.to_numpy()[todo])
            left, right = tree.query(pts, predicate="within")
            found = np.full(int(todo.sum()), None, dtype=object)
            found[left] = pk[name_col].to_numpy(dtype=object)[right]
            park[todo] = found
            out["park"] = park
    unlinked = int(out.geometry.isna().sum())
    if unlinked:
        problems.append(Problem.make("assets.unlinked", "info", count=unlinked))
    return out, problems


# --------------------------------------------------------------------------- plans


def plan_index_for(plans: list, asset_id: str) -> int | None:
    """Index of the plan of asset ``asset_id`` in ``plans``."""
    for i, plan in enumerate(plans):
        if getattr(plan, "subject_kind", "parcel") == "asset" and plan.subject_id == asset_id:
            return i
    return None


messages.register({
    "assets.why.idle": ("资产闲置，招租或发包盘活", "the asset is idle: let or contract it out"),
    "assets.why.pending": ("资产待处置，按程序转让或出售", "the asset awaits disposal: transfer or sell it"),
    "assets.why.lease": ("租约 {days} 天内到期或已到期，续租或重新招租",
                         "the lease ends within {days} days or has ended: renew or re-let"),
    "assets.why.in_use": ("资产在用，跟踪租约和收益", "the asset is in use: follow its lease and income"),
})


def suggest_for_asset(row: Mapping, today: date | None = None, days: int = 90) -> tuple[str, str]:
    """A disposal method and the reason for an asset row (the plan editor's suggestion and
    the method a plan created from the asset table starts with): 闲置 → 出租、招商引资;
    待处置 → 转让; a lease ending within ``days`` → 出租 (renew or re-let); otherwise 出租
    (follow the lease)."""
    status = row.get("status")
    if status == "idle":
        return "lease", messages.text("assets.why.idle")
    if status == "pending":
        return "transfer", messages.text("assets.why.pending")
    end = row.get("lease_end")
    if end is not None and not pd.isna(end) and status in ("rented", "contracted"):
        if pd.Timestamp(end) <= pd.Timestamp(today or date.today()) + pd.Timedelta(days=days):
            return "lease", messages.text("assets.why.lease", days=days)
    return "lease", messages.text("assets.why.in_use")


def create_plan(plans: list, row: Mapping, author: str, method: str | None = None,
                reason: str | None = None, today: date | None = None):
    """A new plan (the next free id) for one asset row: subject ``asset`` / its id, the
    suggested method and reason unless given, the owner unit (a collective asset's village)
    as responsible unit. Asset plans free no land (``mu_to_free`` 0)."""
    from landplanner.analysis import plans as plans_mod

    suggested, why = suggest_for_asset(row, today)
    unit = next((v for v in (row.get("owner"), row.get("village")) if isinstance(v, str) and v),
                "")
    return plans_mod.create(plans_mod.next_id(plans), author, subject_kind="asset",
                            subject_id=str(row["asset_id"]), method=method or suggested,
                            reason=why if reason is None else reason, mu_to_free=0.0,
                            responsible_unit=unit)


def asset_view(assets: pd.DataFrame, plans: Iterable | None = None, today: date | None = None,
               settings: Mapping | AssetSettings | None = None,
               lang: str | None = None) -> pd.DataFrame:
    """The asset table as shown (table dock, workbook sheet): the canonical columns plus
    ``kind_label``, ``status_label``, ``type_label``, ``lease_flag``, ``lease_text``,
    ``plan_id``, ``plan_status``, ``plan_method``, ``responsible_unit``."""
    from landplanner.analysis.plans import method_label, overdue
    from landplanner.analysis.plans import status_label as plan_status

    s = AssetSettings.from_dict(settings)
    today = today or date.today()
    view = assets.copy()
    view["kind_label"] = view["kind"].map(lambda v: kind_label(v, lang))
    view["status_label"] = view["status"].map(lambda v: status_label(v, lang))
    view["type_label"] = view["asset_type"].map(lambda v: type_label(v, lang))
    flags = lease_flags(view, today, s.lease_days)
    view["lease_flag"] = flags
    view["lease_text"] = flags.map(lambda v: lease_text(v, s.lease_days, lang))
    by_asset = {p.subject_id: p for p in plans or ()
                if getattr(p, "subject_kind", "parcel") == "asset"}
    plan = view["asset_id"].map(by_asset)
    view["plan_id"] = plan.map(lambda p: p.id if p is not None and p == p else None)
    view["plan_status"] = plan.map(lambda p: plan_status(p.status, lang) if p is not None and p == p else "")
    view["plan_method"] = plan.map(lambda p: method_label(p.method, lang) if p is not None and p == p else "")
    view["responsible_unit"] = plan.map(lambda p: p.responsible_unit if p is not None and p == p else "")
    view["plan_overdue"] = plan.map(lambda p: bool(overdue(p, today)) if p is not None and p == p else False)
    return view


def expiring_soon(assets: pd.DataFrame, today: date | None = None, days: int = 90) -> pd.DataFrame:
    """Assets whose lease ends within ``days`` (or has ended while still rented), by end date."""
    flags = lease_flags(assets, today, days)
    return assets.loc[flags.notna()].assign(lease_flag=flags[flags.notna()]) \
        .sort_values("lease_end", kind="stable")

