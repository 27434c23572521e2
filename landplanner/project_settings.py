"""The project's own settings: district, campaign year, targets and parks (issue 10 §2).

A bureau sets these for its own district; nothing of the sample district is assumed. They
live in ``Project.settings`` (saved in the project file) in the form the rest of the core
reads::

    settings = {
        "district_name": "崇川区",
        "year": 2026,
        "quotas": {
            "district_mu": 2600.0,              # None: no district target yet
            "parks": [
                {"name": "崇川经济开发区", "target_mu": 800.0, "unit": "园区管委会",
                 "field": "YQMC", "boundary": "parks.shp"},
            ],
        },
        "language": "zh",
    }

A park is named by a boundary layer (``boundary``: the file its outline came from) or by a
parcel field (``field``: the column whose values name it); ``unit`` is the responsible unit.
:class:`ProjectSettings` is the typed view; :func:`apply_setting` is the one way to change
one value from text (the CLI's ``--set key=value`` and tests), :func:`describe` the one
listing (``--show``). The person using a workstation is a workstation setting, not a
project one (several people open the same project file): see ``ui.app_settings``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

from landplanner import messages
from landplanner.problems import InputError, Problem

messages.register(
    {
        "settings.district_name": ("区县名称", "District"),
        "settings.year": ("盘活年度", "Campaign year"),
        "settings.district_mu": ("全区目标（亩）", "District target (mu)"),
        "settings.parks": ("园区", "Parks"),
        "settings.park.name": ("园区名称", "Park"),
        "settings.park.target_mu": ("目标（亩）", "Target (mu)"),
        "settings.park.unit": ("责任单位", "Responsible unit"),
        "settings.park.field": ("地块字段", "Parcel field"),
        "settings.park.boundary": ("边界图层", "Boundary layer"),
        "settings.none": ("（未设定）", "(not set)"),
        "settings.no_parks": (
            "（没有园区：用 --set {key}=名称 添加，或在程序的“项目设置”中添加）",
            "(no parks: add one with --set {key}=NAME, or in the app's Project settings)",
        ),
        "settings.dropped": (
            "项目设置“{key}”的值“{value}”无法使用（类型不对），已按默认处理",
            "Project setting '{key}' = '{value}' cannot be used (wrong type); the default applies",
        ),
        "settings.bad_key": (
            "未知的设置项“{key}”；可用：{keys}",
            "Unknown setting '{key}'; known: {keys}",
        ),
        "settings.bad_value": (
            "设置项“{key}”的值“{value}”无效：{reason}",
            "Invalid value '{value}' for '{key}': {reason}",
        ),
        "settings.reason.number": ("需要非负数字（亩）", "a number of mu, 0 or more, is needed"),
        "settings.reason.year": ("需要 1990–2100 之间的年份", "a year between 1990 and 2100 is needed"),
        "settings.reason.no_park": ("没有名为“{park}”的园区", "there is no park named '{park}'"),
        "settings.reason.duplicate": ("已有同名园区", "a park of that name exists"),
        "settings.reason.empty": ("不能为空", "it cannot be empty"),
        "settings.bad_pair": (
            "“{text}”不是 键=值 的形式",
            "'{text}' is not of the form key=value",
        ),
    }
)

#: Keys of :func:`apply_setting` (``park.<name>.<attribute>`` for one park's attribute).
KEYS = (
    "district_name",
    "year",
    "district_mu",
    "park",
    "remove_park",
    "park.<名称>.target_mu",
    "park.<名称>.unit",
    "park.<名称>.field",
    "park.<名称>.boundary",
    "park.<名称>.name",
)
PARK_ATTRIBUTES = ("name", "target_mu", "unit", "field", "boundary")


@dataclass
class ParkSetting:
    """One park: its name, target (mu, None when not set), responsible unit, and what names
    it in the data (a parcel ``field`` or a ``boundary`` layer)."""

    name: str
    target_mu: float | None = None
    unit: str = ""
    field: str = ""
    boundary: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The stored form (keys of :data:`PARK_ATTRIBUTES`)."""
        return {
            "name": self.name,
            "target_mu": self.target_mu,
            "unit": self.unit,
            "field": self.field,
            "boundary": self.boundary,
        }


@dataclass
class ProjectSettings:
    """Typed view of ``Project.settings`` (see the module docstring)."""

    district_name: str = ""
    year: int = field(default_factory=lambda: _dt.date.today().year)
    district_mu: float | None = None
    parks: list[ParkSetting] = field(default_factory=list)

    @classmethod
    def from_settings(cls, settings: dict | None) -> ProjectSettings:
        """Read the project settings dict (unknown keys are ignored, not lost: see
        :meth:`into`)."""
        settings = settings or {}
        quotas = settings.get("quotas") or {}
        parks = []
        for item in quotas.get("parks") or []:
            if isinstance(item, dict) and item.get("name"):
                parks.append(
                    ParkSetting(
                        name=str(item["name"]),
                        target_mu=_number_or_none(item.get("target_mu")),
                        unit=str(item.get("unit") or ""),
                        field=str(item.get("field") or ""),
                        boundary=str(item.get("boundary") or ""),
                    )
                )
        year = settings.get("year")
        return cls(
            district_name=str(settings.get("district_name") or ""),
            year=int(year) if year not in (None, "") else _dt.date.today().year,
            district_mu=_number_or_none(quotas.get("district_mu")),
            parks=parks,
        )

    def into(self, settings: dict | None) -> dict:
        """A copy of ``settings`` with these values written in (other keys kept)."""
        out = copy.deepcopy(settings or {})
        out["district_name"] = self.district_name
        out["year"] = int(self.year)
        quotas = dict(out.get("quotas") or {})
        quotas["district_mu"] = self.district_mu
        quotas["parks"] = [p.to_dict() for p in self.parks]
        out["quotas"] = quotas
        return out

    def park(self, name: str) -> ParkSetting | None:
        """The park called ``name`` (None when there is none)."""
        return next((p for p in self.parks if p.name == name), None)


#: Sections of the settings that are objects (dicts); each reader fills in its defaults.
SECTIONS = ("quotas", "assets", "matching", "scoring", "scoreboard", "screening", "campaign")


def sanitize(settings: Any) -> tuple[dict, list[Problem]]:
    """Settings read from a project file, with every value of the wrong shape dropped.

    A damaged or hand-edited project can hold ``"quotas": {"parks": {"a": 1}}`` or
    ``"scoreboard": NaN``; what reads them expects the shapes of the module docstring. Each
    value of the wrong type (a section that is not an object, parks that are not a list of
    named parks, a year or target that is not a number, a name that is not text) is left
    out, so its default applies, and reported (``settings.dropped``). Other keys are kept;
    settings with nothing wrong come back as they are (the same dict).
    """
    problems: list[Problem] = []

    def drop(key: str, value: Any) -> None:
        problems.append(Problem.make("settings.dropped", "warning", key=key,
                                     value=str(value)[:60]))

    if not isinstance(settings, dict):
        if settings is not None:
            drop("settings", settings)
        return {}, problems
    out = dict(settings)
    for key in SECTIONS:
        if key in out and not isinstance(out[key], dict):
            if out[key] is not None:
                drop(key, out[key])
            del out[key]
    for section, key in _NUMBER_TABLES:  # {name: number} tables inside the sections
        if section not in out or key not in out[section]:
            continue
        table = out[section][key]
        if table is not None and not isinstance(table, dict):
            drop(f"{section}.{key}", table)
            out[section] = {k: v for k, v in out[section].items() if k != key}
        elif isinstance(table, dict) and not all(_is_number(v) for v in table.values()):
            for name, value in table.items():
                if not _is_number(value):
                    drop(f"{section}.{key}.{name}", value)
            out[section] = {**out[section],
                            key: {k: v for k, v in table.items() if _is_number(v)}}
    for key in ("district_name", "language"):
        if key in out and out[key] is not None and not isinstance(out[key], str):
            drop(key, out.pop(key))
    if "year" in out:
        year = out["year"]
        ok = isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200
        if not ok and not (isinstance(year, str) and year.strip().isdigit()
                           and 1900 <= int(year) <= 2200):
            drop("year", out.pop("year"))
    if "quotas" in out:
        quotas = dict(out["quotas"])
        if not _is_target(quotas.get("district_mu")):
            drop("quotas.district_mu", quotas["district_mu"])
            quotas["district_mu"] = None
        parks = quotas.get("parks")
        if parks is not None and not isinstance(parks, list):
            drop("quotas.parks", parks)
            parks = []
        kept = []
        for item in parks or []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                drop("quotas.parks", item)
                continue
            item = dict(item)
            if not _is_target(item.get("target_mu")):
                drop(f"park.{item['name']}.target_mu", item["target_mu"])
                item["target_mu"] = None
            for attribute in ("unit", "field", "boundary"):
                if item.get(attribute) is not None and not isinstance(item[attribute], str):
                    drop(f"park.{item['name']}.{attribute}", item.pop(attribute))
            kept.append(item)
        if parks is not None:
            quotas["parks"] = kept
        out["quotas"] = quotas
    if not problems:
        return settings, []  # the same dict: nothing was wrong
    import logging

    logging.getLogger(__name__).warning(
        "project settings of the wrong shape dropped: %s", "; ".join(p.message_en for p in problems))
    return out, problems


#: ``(section, key)`` of the settings whose value is a ``{name: number}`` table.
_NUMBER_TABLES = (("scoreboard", "weights"), ("scoreboard", "unit_targets"),
                  ("matching", "weights"), ("assets", "targets"))


def _is_number(value: Any) -> bool:
    """A finite number, or text that is one ("35")."""
    if isinstance(value, bool) or value is None:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


def _is_target(value: Any) -> bool:
    """None, or a finite number that is not negative (a target in mu)."""
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and value >= 0


def _number_or_none(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _bad(key: str, value: Any, reason: str, **kw: Any) -> InputError:
    zh = messages.text("settings.bad_value", "zh", key=key, value=value,
                       reason=messages.text(reason, "zh", **kw))
    en = messages.text("settings.bad_value", "en", key=key, value=value,
                       reason=messages.text(reason, "en", **kw))
    return InputError(Problem("settings.bad_value", "error", zh, en))


def _mu(key: str, value: str) -> float | None:
    text = str(value).strip().replace(",", "").replace("，", "")
    if text == "" or text.lower() in ("none", "null"):
        return None
    try:
        number = float(text)
    except ValueError:
        raise _bad(key, value, "settings.reason.number") from None
    if not math.isfinite(number) or number < 0:
        raise _bad(key, value, "settings.reason.number")
    return number


def apply_setting(settings: dict | None, key: str, value: str) -> dict:
    """A copy of the project ``settings`` with ``key`` set from the text ``value``.

    Keys: ``district_name``, ``year``, ``district_mu`` (mu; empty = none), ``park`` (add a
    park named ``value``), ``remove_park``, and ``park.<name>.<attribute>`` with the
    attributes ``target_mu``, ``unit``, ``field``, ``boundary``, ``name`` (rename).

    Raises
    ------
    InputError
        For an unknown key or an invalid value (message in both languages).
    """
    typed = ProjectSettings.from_settings(settings)
    key = key.strip()
    value = str(value).strip()
    if key == "district_name":
        typed.district_name = value
    elif key == "year":
        try:
            year = int(value)
        except ValueError:
            raise _bad(key, value, "settings.reason.year") from None
        if not 1990 <= year <= 2100:
            raise _bad(key, value, "settings.reason.year")
        typed.year = year
    elif key in ("district_mu", "district_target_mu"):
        typed.district_mu = _mu(key, value)
    elif key == "park":
        if not value:
            raise _bad(key, value, "settings.reason.empty")
        if typed.park(value) is not None:
            raise _bad(key, value, "settings.reason.duplicate")
        typed.parks.append(ParkSetting(value))
    elif key == "remove_park":
        if typed.park(value) is None:
            raise _bad(key, value, "settings.reason.no_park", park=value)
        typed.parks = [p for p in typed.parks if p.name != value]
    elif key.startswith("park.") and key.rsplit(".", 1)[-1] in PARK_ATTRIBUTES:
        name, attribute = key[len("park."):].rsplit(".", 1)
        park = typed.park(name)
        if park is None:
            raise _bad(key, value, "settings.reason.no_park", park=name)
        if attribute == "target_mu":
            park.target_mu = _mu(key, value)
        elif attribute == "name":
            if not value:
                raise _bad(key, value, "settings.reason.empty")
            if value != name and typed.park(value) is not None:
                raise _bad(key, value, "settings.reason.duplicate")
            park.name = value
        else:
            setattr(park, attribute, value)
    else:
        zh = messages.text("settings.bad_key", "zh", key=key, keys="、".join(KEYS))
        en = messages.text("settings.bad_key", "en", key=key, keys=", ".join(KEYS))
        raise InputError(Problem("settings.bad_key", "error", zh, en))
    return typed.into(settings)


def parse_pair(text: str) -> tuple[str, str]:
    """``"key=value"`` → ``(key, value)``.

    Raises
    ------
    InputError
        When there is no ``=``.
    """
    if "=" not in text:
        raise InputError(Problem.make("settings.bad_pair", "error", text=text))
    key, value = text.split("=", 1)
    return key.strip(), value.strip()


def describe(settings: dict | None, lang: str | None = None) -> list[str]:
    """The settings as lines of text (the CLI's ``--show``)."""
    t = messages.text
    typed = ProjectSettings.from_settings(settings)
    none = t("settings.none", lang)

    def mu(value: float | None) -> str:
        return none if value is None else f"{value:,.2f}"

    zh = (lang or messages.language()) == "zh"
    colon, semicolon = ("：", "；") if zh else (": ", "; ")
    lines = [
        f"{t('settings.district_name', lang)}{colon}{typed.district_name or none}",
        f"{t('settings.year', lang)}{colon}{typed.year}",
        f"{t('settings.district_mu', lang)}{colon}{mu(typed.district_mu)}",
        f"{t('settings.parks', lang)}{colon}".rstrip(),
    ]
    if not typed.parks:
        lines.append("  " + t("settings.no_parks", lang, key="park"))
    for park in typed.parks:
        parts = [f"{t('settings.park.target_mu', lang)} {mu(park.target_mu)}"]
        for attribute in ("unit", "field", "boundary"):
            value = getattr(park, attribute)
            if value:
                parts.append(f"{t('settings.park.' + attribute, lang)} {value}")
        lines.append(f"  {park.name}{colon}" + semicolon.join(parts))
    return lines


def parks_found_in(parcels) -> list[str]:
    """Park names as they appear in the parcels' ``park`` column, in order of appearance."""
    if parcels is None or "park" not in getattr(parcels, "columns", ()):
        return []
    values = parcels["park"].dropna().astype(str).str.strip()
    return [v for v in dict.fromkeys(values) if v]


def canonical_park_names(values) -> list[str]:
    """The distinct park names of ``values``, short forms folded into the full name.

    Names with the same :func:`landplanner.parks.park_key` (崇川开发区 and 崇川经济开发区)
    are one park, named by its longest spelling; order of first appearance.
    """
    from landplanner.parks import park_key

    chosen: dict[str, str] = {}
    for value in values:
        if value is None or (isinstance(value, float) and value != value):
            continue
        name = str(value).strip()
        if not name or name.lower() in ("nan", "<na>", "none"):
            continue
        key = park_key(name)
        if key not in chosen or len(name) > len(chosen[key]):
            chosen[key] = name
    return list(chosen.values())


def update_project(project, settings: dict, renames: dict[str, str] | None = None) -> None:
    """Give ``project`` the new ``settings``; parcels of a renamed park follow its new name.

    ``renames`` maps old park names to new ones. The one place that writes settings into a
    project (the CLI calls it; the app's project model calls it from an undo command).
    """
    project.settings = copy.deepcopy(settings)
    parcels = getattr(project, "parcels", None)
    if renames and parcels is not None and "park" in parcels:
        park = parcels["park"]
        parcels["park"] = park.where(~park.isin(list(renames)), park.map(renames))


def rename_of(key: str, value: str) -> tuple[str, str] | None:
    """``(old, new)`` when ``key=value`` renames a park (``park.<old>.name=<new>``)."""
    if key.startswith("park.") and key.endswith(".name"):
        return key[len("park."):-len(".name")], value.strip()
    return None
