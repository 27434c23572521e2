"""The app's canonical parcel fields, guessing which source column holds each, and applying it.

A *mapping* is a plain ``dict`` (JSON-able, saved with the project)::

    {"parcel_id": "地块编号", "enterprise": "QYMC", ..., "declared_mu": "用地面积",
     "declared_mu_unit": "mu"}

Keys are canonical field names with the source column (or ``None``); the optional keys
``declared_mu_unit`` (``"mu"``, ``"m2"``, ``"ha"``) and ``tax_wan_unit`` (``"wan"``,
``"yuan"``) record the unit of those columns, so a saved mapping reapplies identically.

Recognition, in order: the column *name* (Chinese, pinyin initials, English; case, spaces,
underscores, brackets and a unit suffix ignored — ``用地面积(亩)``, ``MJ_M2``, ``面积_平方米``),
first exact aliases, then Chinese keywords; then, for fields still unmapped, the column
*values*: 18-character codes with a valid check character → ``uscc``; 闲置 / 低效 / 征而未供
→ ``category``; names ending in 开发区 / 园区 / 高新区 → ``park``; names ending in 公司 / 厂
→ ``enterprise``; two date columns → the earlier ``supply_date``, the later ``start_date``
(a single unnamed date column is left for the user: it could be either); a numeric column
that equals the mapped area in m², mu or ha → ``declared_mu``.

Category decision (DOMAIN §2): 闲置 → ``idle``; 低效, and also 供而未用 and 用而不足 (used or
supplied but not yet legally determined idle) → ``low_efficiency``; 征而未供, 批而未供,
批而未征 → ``unsupplied``; anything else (正常, blank, unknown words) → ``other``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from landplanner import messages, uscc, vocabulary
from landplanner.problems import Problem

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
            "面积字段“{column}”未注明单位，按数值判断为“{unit}”读取",
            "The area column '{column}' names no unit; read as {unit} (judged from its values)",
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


# ---------------------------------------------------------------- value parsing

_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ tT].*)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0+)?$")
_DATE_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_NUMBER = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*)$")


def parse_date(value: object) -> tuple[pd.Timestamp | None, str]:
    """Parse one date value.

    Returns ``(timestamp, status)`` with status ``"ok"``, ``"empty"``, ``"partial"``
    (year and month only; the 1st is used) or ``"bad"`` (timestamp None). Accepts
    datetimes, ``2020-03-05``, ``2020/3/5``, ``2020.03.05``, ``2020年3月5日``, ``20200305``.
    """
    if value is None or value is pd.NaT or value is pd.NA:
        return None, "empty"
    if isinstance(value, float) and np.isnan(value):
        return None, "empty"
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "year"):
        try:
            stamp = pd.Timestamp(value)
            if not pd.isna(stamp):
                stamp.as_unit("ns")  # out of the nanosecond range (year 31): not a usable date
        except (ValueError, OverflowError, TypeError):
            return None, "bad"
        return (
            (None, "empty")
            if pd.isna(stamp)
            else (stamp.tz_localize(None) if stamp.tz else stamp, "ok")
        )
    text = _nfkc(value)
    if not text:
        return None, "empty"
    for pattern, status in ((_DATE_YMD, "ok"), (_DATE_COMPACT, "ok"), (_DATE_YM, "partial")):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()] + [1]
            if not 1678 <= parts[0] <= 2261:  # beyond pandas' datetime range (year 31…)
                return None, "bad"
            try:
                return pd.Timestamp(parts[0], parts[1], parts[2]), status
            except ValueError:
                return None, "bad"
    return None, "bad"


def parse_number(value: object) -> tuple[float, str | None, str]:
    """Parse one number that may carry a unit: ``'12.5亩'`` → ``(12.5, 'mu', 'ok')``.

    Returns ``(number, unit, status)``; status ``"ok"``, ``"empty"`` or ``"bad"`` (NaN).
    Thousands separators and full-width digits are accepted.
    """
    if value is None or value is pd.NA:
        return np.nan, None, "empty"
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        number = float(value)
        return number, None, ("empty" if np.isnan(number) else "ok")
    text = _nfkc(value).replace(",", "").replace("，", "")
    if not text:
        return np.nan, None, "empty"
    match = _NUMBER.match(text)
    if not match:
        return np.nan, None, "bad"
    rest = match.group(2).strip()
    unit = _unit_of(rest) if rest else None
    if rest and unit is None:
        return np.nan, None, "bad"
    return float(match.group(1)), unit, "ok"


# ---------------------------------------------------------------- guessing


def _sample(series: pd.Series, limit: int = 2000) -> list:
    values = series.dropna()
    return values.iloc[:limit].tolist()


def _share(values: list, test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


_PARK_SUFFIXES = (
    "开发区",
    "园区",
    "高新区",
    "产业园",
    "工业园",
    "工业区",
    "经济区",
    "新区",
    "示范区",
    "保税区",
    "集聚区",
    "产业区",
    "科技城",
)
_COMPANY_SUFFIXES = (
    "公司",
    "厂",
    "集团",
    "合作社",
    "商行",
    "经营部",
    "研究院",
    "研究所",
    "ltd",
    "ltd.",
    "co.",
    "inc",
    "inc.",
    "company",
    "corporation",
)


def _looks_uscc(values: list) -> bool:
    return _share(values, uscc.is_valid) >= 0.8


def _looks_category(values: list) -> bool:
    distinct = {_nfkc(v) for v in values}
    kinds = [_category_of(v) for v in distinct]
    tags = [k for k in kinds if k not in (None, "other")]
    return bool(tags) and sum(k is not None for k in kinds) / len(kinds) >= 0.5


def _looks_park(values: list) -> bool:
    return _share(values, lambda v: _nfkc(v).endswith(_PARK_SUFFIXES)) >= 0.6


def _looks_enterprise(values: list) -> bool:
    return _share(values, lambda v: _nfkc(v).lower().endswith(_COMPANY_SUFFIXES)) >= 0.6


def _date_share(series: pd.Series) -> float:
    if pd.api.types.is_datetime64_any_dtype(series):
        return 1.0
    values = _sample(series, 500)
    if not values or all(isinstance(v, int | float | np.number) for v in values):
        # Plain numbers are dates only as 8-digit YYYYMMDD.
        values = [v for v in values if not isinstance(v, float) or (np.isfinite(v) and v == int(v))]
    return _share(values, lambda v: parse_date(v)[1] in ("ok", "partial"))


def _numbers(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return np.array([parse_number(v)[0] for v in _sample(series)], dtype="float64")


def _computed_m2(df) -> np.ndarray | None:
    if getattr(df, "crs", None) is None or not hasattr(df, "geometry"):
        return None
    from landplanner.area import area_mu  # area imports fields-free modules only

    mu, _ = area_mu(df)
    return mu.to_numpy(dtype="float64") * M2_PER_MU


def _area_unit_from_values(numbers: np.ndarray, m2: np.ndarray | None) -> str | None:
    """'m2', 'mu' or 'ha' when the numbers equal the mapped area in that unit (±5 %)."""
    if m2 is None or len(numbers) != len(m2):
        return None
    ok = np.isfinite(numbers) & np.isfinite(m2) & (m2 > 0) & (numbers > 0)
    if ok.sum() < max(1, 0.5 * len(numbers)):
        return None
    ratio = float(np.median(numbers[ok] / m2[ok]))
    for unit, per_m2 in (("m2", 1.0), ("mu", 1 / M2_PER_MU), ("ha", 1e-4)):
        if abs(ratio / per_m2 - 1) < 0.05:
            return unit
    return None


def _area_unit_from_magnitude(numbers: np.ndarray) -> str:
    # Industrial parcels: 1–300 mu, or 700–200 000 m²; ha is not told apart from mu.
    finite = numbers[np.isfinite(numbers) & (numbers > 0)]
    return "m2" if len(finite) and float(np.median(finite)) > 3000 else "mu"


def guess_mapping(df) -> dict[str, str | None]:
    """Guess which source column holds each canonical field.

    Parameters
    ----------
    df : pandas.DataFrame or geopandas.GeoDataFrame
        Source attributes (the geometry column, if any, is never mapped; with a CRS it is
        used to recognise an area column and its unit).

    Returns
    -------
    dict
        ``{canonical name: source column or None}`` for every mappable field, plus
        ``declared_mu_unit`` / ``tax_wan_unit`` when those fields are mapped.
    """
    geometry = df.geometry.name if hasattr(df, "geometry") and hasattr(df, "crs") else None
    columns = [c for c in df.columns if c != geometry]
    keys = {c: _name_key(c) for c in columns}
    candidates: list[tuple[int, int, str, str]] = []  # (score, order, field, column)
    for order, column in enumerate(columns):
        key, _unit = keys[column]
        if key in _NEVER:
            continue
        for field, aliases in _ALIASES.items():
            if key in aliases:
                weak = key in _WEAK.get(field, ())
                if weak and not _looks_category(_sample(df[column])):
                    continue
                candidates.append((200 - aliases.index(key), order, field, column))
        if not key and _unit in _AREA_TO_MU:  # a column named just "亩" or "m2"
            candidates.append((50, order, "declared_mu", column))
        for field, any_of, all_of, none_of in _KEYWORDS:
            if (
                any(k in key for k in any_of)
                and (not all_of or any(k in key for k in all_of))
                and not any(k in key for k in none_of)
            ):
                candidates.append((10, order, field, column))
    mapping: dict[str, str | None] = dict.fromkeys(MAPPABLE)
    used: set[str] = set()
    for _score, _order, field, column in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if mapping[field] is None and column not in used:
            if field == "parcel_id" and not _mostly_unique(df[column]):
                continue
            mapping[field] = column
            used.add(column)
    _guess_from_values(df, columns, mapping, used)
    _guess_units(df, keys, mapping)
    return mapping


def _mostly_unique(series: pd.Series) -> bool:
    values = series.dropna()
    return len(values) <= 1 or values.nunique() >= 0.9 * len(values)


def _guess_from_values(df, columns: list, mapping: dict, used: set) -> None:
    free = [c for c in columns if c not in used]
    text_tests = (
        ("uscc", _looks_uscc),
        ("category", _looks_category),
        ("park", _looks_park),
        ("enterprise", _looks_enterprise),
    )
    for field, test in text_tests:
        if mapping[field] is not None:
            continue
        for column in free:
            series = df[column]
            if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(
                series
            ):
                continue
            if test(_sample(series)):
                mapping[field] = column
                used.add(column)
                free.remove(column)
                break
    _guess_dates(df, free, mapping, used)
    if mapping["declared_mu"] is None:
        m2 = _computed_m2(df)
        for column in free:
            if column in used or pd.api.types.is_datetime64_any_dtype(df[column]):
                continue
            if _area_unit_from_values(_numbers(df[column]), m2) is not None:
                mapping["declared_mu"] = column
                used.add(column)
                break


def _guess_dates(df, free: list, mapping: dict, used: set) -> None:
    dates = [c for c in free if c not in used and _date_share(df[c]) >= 0.8]
    if not dates:
        return

    def median(column):
        parsed = [parse_date(v)[0] for v in _sample(df[column], 500)]
        stamps = pd.Series([p for p in parsed if p is not None], dtype="datetime64[ns]")
        return stamps.median()

    dates.sort(key=median)
    supply, start = mapping["supply_date"], mapping["start_date"]
    if supply is None and start is None and len(dates) >= 2:
        mapping["supply_date"], mapping["start_date"] = dates[0], dates[1]
    elif supply is not None and start is None:
        later = [c for c in dates if median(c) >= median(supply)]
        mapping["start_date"] = later[0] if later else None
    elif start is not None and supply is None:
        earlier = [c for c in dates if median(c) <= median(start)]
        mapping["supply_date"] = earlier[-1] if earlier else None
    used.update(c for c in (mapping["supply_date"], mapping["start_date"]) if c)


def _guess_units(df, keys: dict, mapping: dict) -> None:
    area_column = mapping.get("declared_mu")
    if area_column is not None and mapping.get("declared_mu_unit") is None:
        unit = keys[area_column][1]
        if unit not in _AREA_TO_MU:
            numbers = _numbers(df[area_column])
            unit = (
                _area_unit_from_values(numbers, _computed_m2(df))
                if len(numbers) == len(df)
                else None
            )
            unit = unit or _area_unit_from_magnitude(numbers)
        mapping["declared_mu_unit"] = unit
    tax_column = mapping.get("tax_wan")
    if tax_column is not None and mapping.get("tax_wan_unit") is None:
        mapping["tax_wan_unit"] = "yuan" if keys[tax_column][1] == "yuan" else "wan"


# ---------------------------------------------------------------- applying


def apply_mapping(gdf, mapping: dict, problems: list[Problem] | None = None):
    """The parcels with the canonical columns of docs/architecture.md.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or pandas.DataFrame
        Source attributes and geometry (as the loader returns them).
    mapping : dict
        ``{canonical name: source column or None}`` (see :func:`guess_mapping`), with the
        optional unit keys ``declared_mu_unit`` and ``tax_wan_unit``.
    problems : list of Problem, optional
        Appended to: values that could not be read (left NaN/NaT), invalid credit codes,
        unknown categories, duplicate or blank parcel IDs, the area problems of
        :func:`landplanner.area.area_mu` and declared-vs-computed differences over 1 %.

    Returns
    -------
    GeoDataFrame (DataFrame when the input has no geometry)
        Canonical columns first (``parcel_id`` … ``area_mu``, area in mu computed from the
        geometry), then the unmapped source columns (a name that collides with a canonical
        one is renamed ``<name>_src``), then the geometry. Source columns are not changed.
    """
    from landplanner import area

    sink: list[Problem] = problems if problems is not None else []
    geometry = gdf.geometry.name if hasattr(gdf, "geometry") and hasattr(gdf, "crs") else None
    mapping = dict(mapping)
    if mapping.get("declared_mu") in gdf.columns and mapping.get("declared_mu_unit") is None:
        # A mapping chosen by hand names no unit: decide it as guess_mapping would.
        _guess_units(gdf, {c: _name_key(c) for c in gdf.columns}, mapping)
    if mapping.get("declared_mu") in gdf.columns and _name_key(mapping["declared_mu"])[1] is None:
        unit = {"mu": "亩 mu", "m2": "平方米 m²", "ha": "公顷 ha", "km2": "km²"}.get(
            mapping.get("declared_mu_unit") or "mu", "亩 mu"
        )
        sink.append(
            Problem.make(
                "field_area_unit_guessed", "info", column=mapping["declared_mu"], unit=unit
            )
        )
    columns: dict[str, pd.Series] = {}
    used: set[str] = set()
    for name in MAPPABLE:
        column = mapping.get(name)
        if column is not None and column not in gdf.columns:
            sink.append(
                Problem.make("field_mapping_missing_column", "warning", column=column, field=name)
            )
            column = None
        if column is not None:
            used.add(column)
        source = gdf[column] if column is not None else None
        if isinstance(source, pd.DataFrame):  # two source columns of the same name
            source = source.iloc[:, 0]
        columns[name] = _convert(name, source, len(gdf), mapping, sink, columns.get("parcel_id"))
    out = pd.DataFrame(columns)
    out.index = gdf.index
    if geometry is not None:
        mu, area_problems = area.area_mu(gdf)
        out["area_mu"] = mu.to_numpy()
        sink.extend(area_problems)
    else:
        out["area_mu"] = np.nan
    sink.extend(area.declared_vs_computed(out))
    for column in gdf.columns:
        if column in used or column == geometry:
            continue
        target = column
        while target in out.columns or (target != column and target in gdf.columns):
            target = f"{target}_src"
        out[target] = gdf[column].to_numpy()
    if geometry is None:
        return out
    import geopandas as gpd

    return gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=gdf.crs)


def _convert(
    name: str, source: pd.Series | None, n: int, mapping: dict, sink: list, ids=None
) -> pd.Series:
    kind = FIELDS_BY_NAME[name].kind
    if name == "parcel_id":
        return _parcel_ids(source, n, sink)
    if source is None:
        if kind == "category":
            return pd.Series(["other"] * n, dtype="str")
        if kind == "date":
            return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
        if kind == "float":
            return pd.Series(np.nan, index=range(n), dtype="float64")
        return pd.Series([None] * n, dtype="str")
    source = source.reset_index(drop=True)
    if name == "uscc":
        return _uscc_codes(source, sink, ids)
    if kind == "category":
        return _categories(source, sink)
    if kind == "date":
        return _dates(name, source, sink, ids)
    if kind == "float":
        unit = mapping.get(f"{name}_unit")
        return _floats(name, source, unit, sink, ids)
    return _texts(source)


def _texts(source: pd.Series) -> pd.Series:
    """Stripped text, NA for blanks; numbers that are whole become "1001", not "1001.0"."""
    if pd.api.types.is_string_dtype(source) and not pd.api.types.is_object_dtype(source):
        text = source.astype("str").str.strip()
        return text.where(text != "", None).reset_index(drop=True).astype("str")
    # factorize, not a dict of values: NaN keys are not equal to each other (KeyError: nan)
    codes, uniques = pd.factorize(source.astype("object"), use_na_sentinel=True)
    table = np.array([_text(v) for v in uniques] + [None], dtype=object)
    return pd.Series(table[codes], dtype="str")


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and np.isfinite(value) and value == int(value):
        value = int(value)  # 1001.0 read from a numeric DBF field is the ID "1001"
    text = str(value).strip()
    return text or None


def _parcel_ids(source: pd.Series | None, n: int, sink: list) -> pd.Series:
    if source is None:
        sink.append(Problem.make("field_parcel_id_generated", "info"))
        return pd.Series([f"P{i + 1:06d}" for i in range(n)], dtype="str")
    ids = _texts(source).astype("object").where(lambda t: t.notna(), None).tolist()
    blank = [i for i, value in enumerate(ids) if value is None]
    for i in blank:
        ids[i] = f"P{i + 1:06d}"
    if blank:
        sink.append(
            Problem.group("field_parcel_id_blank", "warning", blank, [ids[i] for i in blank])
        )
    series = pd.Series(ids, dtype="str")
    dup = np.flatnonzero(series.duplicated(keep="first").to_numpy())
    if dup.size:
        sink.append(
            Problem.group("field_parcel_id_duplicate", "warning", dup, [ids[i] for i in dup[:5]])
        )
    return series


def _first_ids(rows: np.ndarray, ids, values=None) -> list:
    """The first few rows as 地块编号 (row numbers when the IDs are unknown), with a value."""
    out = []
    for k, i in enumerate(rows[:5]):
        who = str(ids.iat[int(i)]) if ids is not None else f"#{int(i) + 1}"
        out.append(who if values is None else f"{who} ({values[k]})")
    return out


def _uscc_codes(source: pd.Series, sink: list, ids=None) -> pd.Series:
    texts = _texts(source)
    # uscc.clean over whole columns (NFKC, no spaces, upper case) in Arrow compute, which is
    # several times faster than pandas' per-element string methods, then one vectorised check.
    arrow = pa.array(texts.astype("object"), type=pa.string(), from_pandas=True)
    arrow = pc.utf8_upper(pc.replace_substring_regex(pc.utf8_normalize(arrow, "NFKC"), r"\s+", ""))
    codes = pd.Series(arrow.to_pandas(), dtype="str")
    codes = codes.where(codes != "", None).astype("str")
    valid = uscc.valid_mask(codes)
    lengths = codes.str.len()
    # One problem per kind (wrong check character, wrong length) listing all its rows.
    bad = ~valid & codes.notna().to_numpy()
    is18 = (lengths == 18).to_numpy()
    for rows, reason_text in (
        (np.flatnonzero(bad & is18), ("校验码不符", "wrong check character")),
        (np.flatnonzero(bad & ~is18), ("位数不是 18", "not 18 characters")),
    ):
        if rows.size:
            shown = [texts.iat[int(i)] for i in rows[:5]]
            sink.append(
                Problem.group(
                    "field_uscc_invalid", "warning", rows, _first_ids(rows, ids, shown),
                    reason=reason_text,
                )
            )
    # An 18-character code with a typo is kept so the user sees and fixes it.
    return codes.where(lengths == 18, None).astype("str")


def _categories(source: pd.Series, sink: list) -> pd.Series:
    uniques = pd.unique(source.astype("object").to_numpy())
    table = {}
    for value in uniques:
        tag = _category_of(value)
        table[value] = tag or "other"
        if tag is None:
            count = int((source.astype("object") == value).sum())
            sink.append(Problem.make("field_category_unknown", "info", value=value, count=count))
    return pd.Series([table[v] for v in source.astype("object")], dtype="str")


def _dates(name: str, source: pd.Series, sink: list, ids=None) -> pd.Series:
    label = FIELDS_BY_NAME[name].zh
    if pd.api.types.is_datetime64_any_dtype(source):
        values = source.dt.tz_localize(None) if source.dt.tz is not None else source
        try:
            return values.astype("datetime64[ns]")
        except (ValueError, OverflowError):  # OutOfBoundsDatetime: a date in year 31
            bad = values.notna() & ((values < pd.Timestamp.min) | (values > pd.Timestamp.max))
            rows = np.flatnonzero(bad.to_numpy())
            shown = _first_ids(rows, ids, [str(source.iat[int(i)])[:10] for i in rows[:5]])
            sink.append(Problem.group("field_value_unparsed", "warning", rows, shown, field=label))
            return values.where(~bad).astype("datetime64[ns]")
    fast = _dates_fast(source)
    if fast is not None:
        return fast
    cache: dict = {}
    out = []
    bad, partial = [], []
    for i, value in enumerate(source):
        key = value if isinstance(value, str | int | float) else repr(value)
        if key not in cache:
            cache[key] = parse_date(value)
        stamp, status = cache[key]
        if status == "bad":
            bad.append(i)
        elif status == "partial":
            partial.append(i)
        out.append(stamp if stamp is not None else pd.NaT)
    for code, severity, rows in (
        ("field_value_unparsed", "warning", bad),
        ("field_date_partial", "info", partial),
    ):
        if rows:
            rows = np.asarray(rows)
            shown = _first_ids(rows, ids, [source.iat[int(i)] for i in rows[:5]])
            sink.append(Problem.group(code, severity, rows, shown, field=label))
    return pd.Series(out, dtype="datetime64[ns]")


def _dates_fast(source: pd.Series) -> pd.Series | None:
    """All values are dates/datetimes/ISO text (the usual DBF and Excel case): one pandas call."""
    values = source.dropna()
    if len(values) and not all(hasattr(v, "year") for v in values.iloc[:50]):
        return None
    try:
        parsed = pd.to_datetime(source, errors="coerce")
    except (TypeError, ValueError, OverflowError):
        return None
    if parsed.notna().sum() != len(values):
        return None  # something did not parse: take the careful path, with problems
    if parsed.dt.tz is not None:
        parsed = parsed.dt.tz_localize(None)
    try:
        return parsed.astype("datetime64[ns]")
    except (ValueError, OverflowError):  # a date out of the nanosecond range (year 31)
        return None


def _floats(name: str, source: pd.Series, unit: str | None, sink: list, ids=None) -> pd.Series:
    label = FIELDS_BY_NAME[name].zh
    if pd.api.types.is_numeric_dtype(source) and not pd.api.types.is_bool_dtype(source):
        values = source.to_numpy(dtype="float64", na_value=np.nan)
        units = [None] * len(values)
        bad = np.zeros(len(values), dtype=bool)
    else:
        parsed = [parse_number(v) for v in source]
        values = np.array([p[0] for p in parsed], dtype="float64")
        units = [p[1] for p in parsed]
        bad = np.array([p[2] == "bad" for p in parsed], dtype=bool)
    # "inf", 1e400: a number no area or tax can be; left empty and reported like text.
    bad |= np.isinf(values)
    if bad.any():
        rows = np.flatnonzero(bad)
        values = np.where(bad, np.nan, values)
        shown = _first_ids(rows, ids, [source.iat[int(i)] for i in rows[:5]])
        sink.append(Problem.group("field_value_unparsed", "warning", rows, shown, field=label))
    if name == "declared_mu":
        factors = np.array([_AREA_TO_MU.get(u or unit or "mu", np.nan) for u in units])
        values = values * factors
    elif name == "tax_wan":
        factors = np.array([1e-4 if (u or unit) == "yuan" else 1.0 for u in units])
        values = values * factors
    return pd.Series(values, dtype="float64")


def map_parcels(gdf, mapping: dict | None = None):
    """Guess (when ``mapping`` is None) and apply a mapping in one call.

    Returns
    -------
    (GeoDataFrame, dict, list of Problem)
        The canonical parcels, the mapping used, and the problems found.
    """
    mapping = dict(mapping) if mapping is not None else guess_mapping(gdf)
    problems: list[Problem] = []
    return apply_mapping(gdf, mapping, problems), mapping, problems
