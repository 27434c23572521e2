"""The canonical parcel fields (:data:`CANONICAL_FIELDS`), their categories, and how a
column name is read (aliases, keywords, units)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landplanner import messages, vocabulary

M2_PER_MU = 10000.0 / 15.0

CATEGORIES = ("idle", "low_efficiency", "unsupplied", "other")

messages.register(
    {
        "field_mapping_missing_column": (
            "字段映射中的“{column}”（{field}）在数据中不存在，已忽略",
            "The mapped column '{column}' ({field}) is not in the data; ignored",
        ),
        "field_parcel_id_generated": (
            "未找到地块编号字段，已自动编号 P000001…",
            "No parcel ID field found; IDs P000001… were generated",
        ),
        "field_parcel_id_blank": (
            "{count} 个地块编号为空，已自动编号：{first}",
            "{count} blank parcel IDs; generated {first}",
        ),
        "field_parcel_id_duplicate": (
            "{count} 个地块编号与前面的重复：{first}",
            "{count} parcel IDs repeat an earlier one: {first}",
        ),
        "field_uscc_invalid": (
            "{count} 个地块的统一社会信用代码无效（{reason}），地块编号：{first}",
            "{count} parcels have an invalid unified social credit code ({reason}); parcel "
            "IDs: {first}",
        ),
        "field_category_unknown": (
            "类型“{value}”无法识别（{count} 个地块），按“其他”处理",
            "Category '{value}' is not recognised ({count} parcels); treated as 'other'",
        ),
        "field_value_unparsed": (
            "“{field}”有 {count} 个值无法解析，按空值处理：{first}",
            "{count} {field} values cannot be read and are left empty: {first}",
        ),
        "field_date_partial": (
            "“{field}”有 {count} 个值只有年月，按当月 1 日计：{first}",
            "{count} {field} values have no day; taken as the 1st of the month: {first}",
        ),
        "field_area_unit_guessed": (
            "面积字段“{column}”未注明单位，按数值判断为“{unit_zh}”读取",
            "The area column '{column}' names no unit; read as {unit_en} (judged from its values)",
        ),
    }
)


@dataclass(frozen=True)
class CanonicalField:
    """One app field: its column name, Chinese and English labels, and kind of value.

    ``kind`` is ``"str"``, ``"category"``, ``"float"`` or ``"date"``; ``mappable`` is
    False for fields the app computes itself (``area_mu``).
    """

    name: str
    zh: str
    en: str
    kind: str
    mappable: bool = True


def _field(name: str, kind: str, mappable: bool = True) -> CanonicalField:
    """A canonical field labelled by the vocabulary (header with unit, both languages)."""
    return CanonicalField(name, vocabulary.header("field", name, "zh"),
                          vocabulary.header("field", name, "en"), kind, mappable)


CANONICAL_FIELDS: tuple[CanonicalField, ...] = (
    _field("parcel_id", "str"),
    _field("enterprise", "str"),
    _field("uscc", "str"),
    _field("park", "str"),
    _field("category", "category"),
    _field("land_use", "str"),
    _field("declared_mu", "float"),
    _field("plot_ratio", "float"),
    _field("supply_date", "date"),
    _field("start_date", "date"),
    _field("tax_wan", "float"),
    _field("area_mu", "float", mappable=False),
)
FIELDS_BY_NAME = {f.name: f for f in CANONICAL_FIELDS}
MAPPABLE = tuple(f.name for f in CANONICAL_FIELDS if f.mappable)
#: Columns the app adds to a parcel view (scores, plan of the parcel): never the user's own.
DERIVED_COLUMNS = ("score", "class", "plan_index", "plan_status", "overdue")


def user_columns(frame) -> list[str]:
    """The file's own columns kept beside the canonical ones (county names, streets,
    industries…), in file order: what the table, the details panel and the workbook show
    besides their fixed columns. Canonical, derived, geometry and ``_``-prefixed columns
    are not the user's."""
    geometry = frame.geometry.name if hasattr(frame, "crs") and hasattr(frame, "geometry") else None
    return [
        c for c in frame.columns
        if isinstance(c, str) and c not in FIELDS_BY_NAME and c not in DERIVED_COLUMNS
        and c != geometry and c != "geometry" and not c.startswith("_")
    ]
CATEGORY_LABELS = {c: vocabulary.pair("category", c) for c in CATEGORIES}

# Exact aliases, normalised (see _name_key), best first. Pinyin initials are lower-case.
# fmt: off
_ALIASES: dict[str, tuple[str, ...]] = {
    "parcel_id": (
        "地块编号", "宗地编号", "宗地代码", "地块代码", "地块编码", "宗地号", "地块号", "地号",
        "图斑编号", "编号", "dkbh", "zddm", "zdbh", "dkdm", "dkbm", "tbbh", "dh", "bh",
        "parcelid", "parcelno", "parcelcode", "parcel", "plotid", "landid",
    ),
    "enterprise": (
        "企业名称", "权利人", "土地使用权人", "权利人名称", "使用权人", "用地单位", "用地单位名称",
        "单位名称", "企业", "公司名称", "纳税人名称", "受让人", "受让单位", "土地使用者",
        "qymc", "qlr", "qlrmc", "syqr", "tdsyqr", "yddw", "dwmc", "gsmc",
        "enterprise", "enterprisename", "company", "companyname", "owner", "holder", "landholder",
    ),
    "uscc": (
        "统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "统一社会信用码",
        "社会统一信用代码", "tyshxydm", "shxydm", "xydm", "tyxydm",
        "uscc", "creditcode", "socialcreditcode", "unifiedsocialcreditcode",
    ),
    "park": (
        "园区", "所属园区", "园区名称", "所在园区", "开发区", "所属开发区", "开发区名称",
        "yq", "yqmc", "ssyq", "kfq", "park", "parkname", "industrialpark", "developmentzone",
    ),
    "category": (
        "盘活类型", "地块类型", "类型", "低效类型", "闲置类型", "认定类型", "土地状态", "地块状态",
        "类别", "phlx", "dklx", "lx", "lb", "category", "type", "parceltype", "landstatus",
        "status",
    ),
    "land_use": (
        "土地用途", "地类", "地类名称", "用途", "规划用途", "批准用途", "用地性质", "土地利用类型",
        "用地类型", "地类编码", "tdyt", "dlmc", "yt", "ghyt", "ydxz", "dlbm",
        "landuse", "use", "usage", "landusetype",
    ),
    "declared_mu": (
        "用地面积", "宗地面积", "面积", "土地面积", "地块面积", "占地面积", "出让面积", "批准面积",
        "登记面积", "申报面积", "证载面积", "发证面积", "ydmj", "zdmj", "mj", "tdmj", "dkmj",
        "crmj", "area", "declaredarea", "landarea", "sitearea", "parcelarea", "areamu",
    ),
    "plot_ratio": ("容积率", "rjl", "far", "plotratio", "floorarearatio"),
    "supply_date": (
        "供地日期", "供地时间", "出让日期", "出让时间", "划拨日期", "交地日期", "合同签订日期",
        "签订日期", "gdrq", "gdsj", "crrq", "crsj", "supplydate", "grantdate", "contractdate",
    ),
    "start_date": (
        "约定动工日期", "约定动工", "约定开工日期", "约定开工", "约定动工时间", "动工日期",
        "开工日期", "动工时间", "开工时间", "应动工日期", "合同约定动工日期", "dgrq", "kgrq",
        "yddgrq", "ydkgrq", "startdate", "agreedstart", "agreedstartdate",
    ),
    "tax_wan": ("税收", "实缴税金", "入库税收", "税收实际贡献", "纳税额", "年税收", "ss", "nse", "tax"),
}
# Generic names accepted only when the values agree (a "type" column of enterprise types…).
_WEAK = {"category": {"类型", "类别", "状态", "lx", "lb", "type", "status", "土地状态", "地块状态"}}

# Keyword rules for names that are no exact alias: (field, any-of, all-of-groups, none-of).
_KEYWORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("uscc", ("信用代码", "信用码"), (), ()),
    ("parcel_id", ("地块编", "宗地编", "宗地代码", "地块代码", "宗地号", "地块号"), (), ()),
    ("enterprise", ("企业名称", "权利人", "使用权人", "单位名称", "公司名称", "纳税人"), (), ()),
    ("category", ("盘活类型", "地块类型", "低效类型", "闲置类型", "认定类型"), (), ()),
    ("plot_ratio", ("容积率",), (), ()),
    ("start_date", ("动工", "开工"), ("日期", "时间", "年月"), ()),
    ("supply_date", ("供地", "出让", "划拨"), ("日期", "时间", "年月"), ()),
    ("park", ("园区", "开发区", "高新区"), (), ("面积", "代码", "编号", "编码")),
    ("land_use", ("用途", "地类"), (), ()),
    ("declared_mu", ("面积",), (), ("建筑", "房屋", "楼", "绿化", "道路", "计容", "容积")),
    ("tax_wan", ("税收", "税金", "纳税"), (), ("亩均", "单位", "每亩", "占比")),
)
# Columns that look like an area but are not the declared land area.
_NEVER = {"shapearea", "shapeleng", "shapelength", "建筑面积", "jzmj", "fid", "objectid"}

_UNITS = (
    ("平方公里", "km2"), ("平方千米", "km2"), ("平方米", "m2"), ("平米", "m2"), ("㎡", "m2"),
    ("m²", "m2"), ("公顷", "ha"), ("亩", "mu"), ("万元", "wan"), ("元", "yuan"),
)
_LATIN_UNITS = {
    "m2": "m2", "sqm": "m2", "mu": "mu", "ha": "ha", "hm2": "ha", "km2": "km2",
    "wan": "wan", "yuan": "yuan", "wy": "wan",
}
# fmt: on
_AREA_TO_MU = {"mu": 1.0, "m2": 1.0 / M2_PER_MU, "ha": 15.0, "km2": 1500.0}
_BRACKETS = re.compile(r"[(\[（【{<《]([^)\]）】}>》]*)[)\]）】}>》]")
_SEPARATORS = re.compile(r"[\s_\-.:/\\·、,，;；]+")


def _nfkc(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _unit_of(token: str) -> str | None:
    token = _SEPARATORS.sub("", token.lower())
    for word, unit in _UNITS:
        if token == word.lower():
            return unit
    return _LATIN_UNITS.get(token)


def _name_key(name: object) -> tuple[str, str | None]:
    """(normalised name without unit, unit or None): ``'用地面积（亩）'`` → ``('用地面积', 'mu')``."""
    text = _nfkc(name).lower().replace("m²", "m2").replace("㎡", "m2")
    unit = None
    for inner in _BRACKETS.findall(text):
        unit = unit or _unit_of(inner)
    text = _BRACKETS.sub(" ", text)
    for word, code in _UNITS:  # Chinese unit glued to the end: 面积亩, 面积平方米
        if text.rstrip().endswith(word) and len(text.rstrip()) > len(word):
            text, unit = text.rstrip()[: -len(word)], unit or code
            break
    parts = [p for p in _SEPARATORS.split(text) if p]
    if len(parts) > 1 and parts[-1] in _LATIN_UNITS:  # MJ_M2, area_mu, tax_wan
        unit = unit or _LATIN_UNITS[parts[-1]]
        parts = parts[:-1]
    return "".join(parts), unit


# ---------------------------------------------------------------- categories


def _category_of(value: object) -> str | None:
    """The tag for ``value``; ``'other'`` for known non-candidate words; None if unknown."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "other"
    text = _SEPARATORS.sub("", _nfkc(value).lower())
    if not text:
        return "other"
    if (
        "而未供" in text
        or "批而未征" in text
        or text in {"unsupplied", "notsupplied", "未供地", "未供"}
    ):
        return "unsupplied"
    if text.startswith("闲置") or text in {"idle", "idleland"}:
        return "idle"
    if "低效" in text or text in {
        "供而未用",
        "用而不足",
        "lowefficiency",
        "inefficient",
        "low",
        "lowefficiencyland",
    }:
        return "low_efficiency"
    if text in {
        "正常",
        "其他",
        "其它",
        "无",
        "一般",
        "已利用",
        "正常使用",
        "normal",
        "other",
        "none",
    }:
        return "other"
    return None


def normalise_category(value: object) -> str:
    """The category tag of a source value.

    Parameters
    ----------
    value : object
        A source value such as ``'闲置土地'``, ``'低效'``, ``'批而未供'``, ``'idle'``,
        ``'Low efficiency'``; case, spaces and full-width characters are ignored.

    Returns
    -------
    str
        ``'idle'``, ``'low_efficiency'``, ``'unsupplied'`` or ``'other'`` (blank, 正常,
        and anything not recognised). 供而未用 / 用而不足 count as ``'low_efficiency'``.
    """
    return _category_of(value) or "other"
