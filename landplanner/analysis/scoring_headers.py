"""Recognising the columns of an enterprise indicator table by meaning, and their units.

Departments send one row per enterprise with headers that vary by department and year,
usually with the unit in brackets (DOMAIN §6). A header is split into its name and its
unit; the name is matched against the synonyms below (exactly first, then by containment),
and the unit gives the factor that converts the column to the canonical unit
(money → 万元, land → mu, electricity → 万千瓦时, energy → 吨标煤, emissions → 吨).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# canonical column -> synonyms (already normalised: NFKC, lower case, no spaces/_/-/.)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "year": ("年度", "年份", "评价年度", "year"),
    "uscc": ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "uscc", "creditcode",
             "unifiedsocialcreditcode", "socialcreditcode", "纳税人识别号"),
    "name": ("企业名称", "纳税人名称", "单位名称", "公司名称", "企业", "name", "enterprise",
             "enterprisename", "company", "companyname", "firm"),
    "size": ("企业规模", "规上规下", "规模", "是否规上", "规模类型", "规模类别", "size", "scale"),
    "group": ("评价组别", "组别", "评价分组", "分组", "group"),
    "renting": ("是否租赁", "租赁企业", "租用厂房", "租赁", "renting", "tenant"),
    "industry": ("所属行业", "行业类别", "国民经济行业", "行业", "industry"),
    "production_start": ("投产时间", "投产日期", "投产年份", "投产年度", "productionstart",
                         "startofproduction", "inproductionsince"),
    "land_mu": ("用地面积", "占地面积", "实际用地", "实际用地面积", "土地面积", "land", "landarea",
                "landmu"),
    "tax": ("税收", "实缴税金", "税收实际贡献", "入库税收", "实缴税收", "税收收入", "纳税额",
            "实缴税款", "tax", "taxpaid"),
    "sales": ("应税销售", "应税销售收入", "销售收入", "营业收入", "销售额", "sales",
              "taxablesales"),
    "value_added": ("工业增加值", "增加值", "valueadded", "industrialvalueadded"),
    "energy": ("综合能耗", "能耗", "综合能源消费量", "能源消费量", "energy", "energyuse",
               "energyconsumption"),
    "emissions": ("主要污染物排放量", "排污当量", "污染物排放量", "排放量", "emissions",
                  "pollutantemissions"),
    "employees": ("年平均职工人数", "从业人员", "从业人员平均人数", "平均职工人数", "职工人数",
                  "employees", "staff", "workers", "averageemployees"),
    "rd": ("研发经费支出", "r&d经费", "r&d经费支出", "研发经费", "研发投入", "研发费用", "rd",
           "r&d", "rdspending", "r&dspending", "rdexpenditure"),
    "revenue": ("主营业务收入", "revenue", "mainbusinessrevenue", "mainrevenue"),
    "electricity": ("用电量", "总用电量", "电量", "用电", "electricity", "electricityuse",
                    "power", "powerconsumption"),
    "veto_safety": ("安全事故", "重大安全事故", "安全生产事故", "safetyaccident", "vetosafety"),
    "veto_env": ("环境违法", "环境违法行为", "环保违法", "environmentalviolation", "vetoenv"),
}

# Headers that name a derived figure (亩均税收, 单位能耗增加值 …) must never be taken for the
# raw input they contain, so containment matching skips them.
_DERIVED_MARKERS = ("亩均", "单位能耗", "单位排放", "单位用电", "单位电耗", "每亩", "人均", "per",
                    "增长", "占比", "率")

NUMERIC = ("land_mu", "tax", "sales", "value_added", "energy", "emissions", "employees", "rd",
           "revenue", "electricity")
MONEY = ("tax", "sales", "value_added", "rd", "revenue")
FLAGS = ("veto_safety", "veto_env", "renting")

_BRACKETS = re.compile(r"[(\[【{<](.*?)[)\]】}>]")
_UNIT_TEXT = re.compile(r"(?:单位|unit)[:：](.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """How a recognised unit converts to the canonical one."""

    factor: float
    label: str          # the unit as found, for the report
    canonical: str      # the canonical unit


def normalise(text: object) -> str:
    """Header text folded for matching: NFKC (full-width → ASCII), lower case, no blanks."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()
    return re.sub(r"[\s_\-.·:：]+", "", s)


def split_header(header: object) -> tuple[str, str]:
    """``(name, unit)`` of a header such as ``税收（万元）`` or ``用电量 单位:千瓦时``."""
    s = unicodedata.normalize("NFKC", "" if header is None else str(header)).strip()
    units = _BRACKETS.findall(s)
    name = _BRACKETS.sub("", s)
    m = _UNIT_TEXT.search(name)
    if m:
        units.append(m.group(1))
        name = name[: m.start()]
    unit = units[-1] if units else ""
    return normalise(name), normalise(unit)


def match_field(
    header: object, synonyms: dict[str, tuple[str, ...]] | None = None
) -> tuple[str | None, int]:
    """The canonical column a header means, and how sure: 2 exact, 1 contained, 0 none.

    ``synonyms`` (default :data:`SYNONYMS`) lets other tables (assets, incoming projects)
    use the same matching with their own columns.
    """
    name, _ = split_header(header)
    if not name:
        return None, 0
    synonyms = SYNONYMS if synonyms is None else synonyms
    for field, words in synonyms.items():
        if name in words:
            return field, 2
    if any(marker in name for marker in _DERIVED_MARKERS):
        return None, 0
    best, best_len = None, 0
    for field, words in synonyms.items():
        for word in words:
            # one-letter or ASCII fragments ("rd", "tax") would match far too much inside words
            if len(word) >= 2 and not word.isascii() and word in name and len(word) > best_len:
                best, best_len = field, len(word)
    return (best, 1) if best else (None, 0)


def unit_of(field: str, header: object, table_unit: str = "") -> Unit | None:
    """The conversion for ``field`` given its header's unit (or the table's 单位 line).

    Returns ``None`` when the unit is present but not understood for that field.
    """
    _, unit = split_header(header)
    if field in MONEY:
        unit = unit or table_unit
        if unit in ("", "万元", "万", "10k元", "万元人民币", "wanyuan", "10kyuan", "10,000yuan"):
            return Unit(1.0, unit or "万元", "万元")
        if unit in ("元", "yuan", "rmb", "cny", "元人民币"):
            return Unit(1e-4, unit, "万元")
        if unit in ("千元", "kyuan"):
            return Unit(0.1, unit, "万元")
        if unit in ("亿元", "亿"):
            return Unit(1e4, unit, "万元")
        return None
    if field == "land_mu":
        if unit in ("", "亩", "mu"):
            return Unit(1.0, unit or "亩", "亩")
        if unit in ("平方米", "m2", "m²", "sqm", "平米"):
            return Unit(15 / 10000, unit, "亩")
        if unit in ("公顷", "ha", "hectare"):
            return Unit(15.0, unit, "亩")
        if unit in ("万平方米",):
            return Unit(15.0, unit, "亩")
        return None
    if field == "electricity":
        if unit in ("万千瓦时", "万kwh", "万度", "10kkwh", "mwh×10"):
            return Unit(1.0, unit, "万千瓦时")
        if unit in ("千瓦时", "kwh", "度"):
            return Unit(1e-4, unit, "万千瓦时")
        if unit == "":
            return Unit(1.0, "", "万千瓦时")  # assumed; the reader says so
        return None
    if field == "energy":
        if unit in ("", "吨标煤", "吨标准煤", "tce", "t标煤", "吨"):
            return Unit(1.0, unit or "吨标煤", "吨标煤")
        if unit in ("千克标煤", "千克标准煤", "kgce", "kg标煤"):
            return Unit(1e-3, unit, "吨标煤")
        if unit in ("万吨标煤", "万吨标准煤"):
            return Unit(1e4, unit, "吨标煤")
        return None
    if field == "emissions":
        if unit in ("", "吨", "t", "tonnes", "tons", "吨当量", "当量吨"):
            return Unit(1.0, unit or "吨", "吨")
        if unit in ("千克", "kg", "公斤"):
            return Unit(1e-3, unit, "吨")
        return None
    return Unit(1.0, unit, unit)
