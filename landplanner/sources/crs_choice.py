"""Choosing a coordinate system for parcels that have none (or the wrong one).

The loader never applies a guess (:mod:`.crs_detect`); the user confirms one here, in the
import dialog's chooser or with ``--crs EPSG:NNNN`` on the command line. This module is the
one list both use:

* :func:`common_choices` — what Chinese land records use, in this order: CGCS2000
  geographic (EPSG:4490); CGCS2000 3° Gauss-Krüger zones by central meridian (no zone
  prefix, 4534–4554) and with the zone prefix (4513–4533); the 6° zones (4502–4512,
  4491–4501); then Xian 1980 and Beijing 1954 (geographic and their Gauss-Krüger zones).
  Each carries its central meridian.
* :func:`search` — any EPSG geographic or projected CRS by code or by words of its name,
  from pyproj's database; the common ones first.
* :func:`preselect` — the CRS to show selected for a load report, and why.
* :func:`assign_crs` — the load result with the chosen CRS *assigned* (the coordinates
  are not transformed: they are what they are, only their meaning is declared).
* :func:`parse_crs` / :func:`require_crs` — the CLI's ``--crs`` and its refusal of
  area-dependent output without a CRS.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

from landplanner import messages
from landplanner.problems import InputError, Problem

messages.register(
    {
        "crs_choice.group.cgcs2000": ("CGCS2000 2000国家大地坐标系", "CGCS2000"),
        "crs_choice.group.xian1980": ("西安 1980 坐标系", "Xian 1980"),
        "crs_choice.group.beijing1954": ("北京 1954 坐标系", "Beijing 1954"),
        "crs_choice.group.other": ("其他", "Other"),
        "crs_choice.cm": ("中央经线 {cm}°E", "central meridian {cm}°E"),
        "crs_choice.geographic": ("地理坐标（经纬度）", "geographic (degrees)"),
        "crs_choice.reason.file": (
            "来自文件（{source}）",
            "from the file ({source})",
        ),
        "crs_choice.reason.guess": (
            "按坐标大小推测，请确认：{suggestion}",
            "guessed from the coordinates, please confirm: {suggestion}",
        ),
        "crs_choice.reason.none": (
            "文件没有坐标系，也无法从坐标推测；请选择，否则不计算面积",
            "The file has no coordinate system and none can be guessed; choose one, or no "
            "area will be computed",
        ),
        "crs_choice.reason.gk3": (
            "坐标像不带带号的 3 度带高斯-克吕格投影；请按本地中央经线选择",
            "The coordinates look like 3-degree Gauss-Kruger without the zone prefix; choose "
            "the zone of your local central meridian",
        ),
        "crs_assigned": (
            "坐标系由用户指定为 EPSG:{epsg}（{name}）",
            "Coordinate system set by the user to EPSG:{epsg} ({name})",
        ),
        "crs_bad_argument": (
            "无法识别坐标系“{value}”：请写成 EPSG:4490 这样的 EPSG 编码",
            "Unknown coordinate system '{value}': give an EPSG code such as EPSG:4490",
        ),
        "crs_required": (
            "{name} 没有可用的坐标系，无法计算面积；请用 --crs 指定，例如 --crs EPSG:{epsg}",
            "{name} has no usable coordinate system, so areas cannot be computed; give one "
            "with --crs, e.g. --crs EPSG:{epsg}",
        ),
    }
)

_GROUP_ORDER = ("cgcs2000", "xian1980", "beijing1954")
_DATUM_OF_NAME = {"CGCS2000": "cgcs2000", "Xian 1980": "xian1980", "Beijing 1954": "beijing1954"}
_GEOGRAPHIC = {"cgcs2000": 4490, "xian1980": 4610, "beijing1954": 4214}


@dataclass(frozen=True)
class CrsChoice:
    """One coordinate system the user can choose.

    ``group`` is ``cgcs2000``, ``xian1980``, ``beijing1954`` or ``other``;
    ``central_meridian`` is in degrees east (None for geographic or non-Gauss-Krüger);
    ``zone_prefix`` is True when the false easting carries the zone number.
    """

    epsg: int
    name: str
    group: str = "other"
    central_meridian: float | None = None
    zone_prefix: bool = False
    geographic: bool = False

    def label(self, lang: str | None = None) -> str:
        """``EPSG:4549  CGCS2000 / 3-degree Gauss-Kruger CM 120E · 中央经线 120°E``."""
        text = f"EPSG:{self.epsg}  {self.name}"
        if self.central_meridian is not None:
            cm = f"{self.central_meridian:g}"
            text += " · " + messages.text("crs_choice.cm", lang, cm=cm)
        elif self.geographic:
            text += " · " + messages.text("crs_choice.geographic", lang)
        return text


def _gauss_kruger(name: str) -> tuple[float | None, bool, int]:
    """(central meridian, zone prefix, zone width) parsed from an EPSG Gauss-Krüger name."""
    width = 3 if "3-degree" in name else 6
    match = re.search(r"CM (\d+(?:\.\d+)?)E", name)
    if match:
        return float(match.group(1)), False, width
    match = re.search(r"zone (\d+)", name)
    if match and "Gauss-Kruger" in name:
        zone = int(match.group(1))
        return float(zone * 3 if width == 3 else zone * 6 - 3), True, width
    return None, False, width


@lru_cache(maxsize=1)
def _database() -> tuple[CrsChoice, ...]:
    """Every EPSG geographic 2D and projected CRS (not deprecated), read once."""
    from pyproj.database import query_crs_info
    from pyproj.enums import PJType

    infos = query_crs_info(
        auth_name="EPSG", pj_types=[PJType.GEOGRAPHIC_2D_CRS, PJType.PROJECTED_CRS]
    )
    out = []
    for info in infos:
        if info.deprecated or not info.code.isdigit():
            continue
        name = info.name
        geographic = info.type == PJType.GEOGRAPHIC_2D_CRS
        group = "other"
        for prefix, key in _DATUM_OF_NAME.items():
            if name.startswith(prefix + " /") or int(info.code) == _GEOGRAPHIC[key]:
                group = key
        cm, prefix, _ = (None, False, 0)
        if "Gauss-Kruger" in name:
            cm, prefix, _ = _gauss_kruger(name)
        out.append(CrsChoice(int(info.code), name, group, cm, prefix, geographic))
    return tuple(out)


def _common_key(choice: CrsChoice) -> tuple:
    name = choice.name
    width = 3 if "3-degree" in name else 6
    return (
        _GROUP_ORDER.index(choice.group),
        0 if choice.geographic else 1,
        0 if width == 3 else 1,  # 3° zones first: land records use them
        1 if choice.zone_prefix else 0,
        choice.central_meridian or 0.0,
        choice.epsg,
    )


@lru_cache(maxsize=1)
def _common() -> tuple[CrsChoice, ...]:
    chosen = [
        c
        for c in _database()
        if c.group in _GROUP_ORDER
        and (c.epsg == _GEOGRAPHIC[c.group] or (c.central_meridian is not None and not c.geographic))
    ]
    return tuple(sorted(chosen, key=_common_key))


def common_choices() -> list[CrsChoice]:
    """The coordinate systems listed first (see the module docstring), in display order."""
    return list(_common())


def choice_for(epsg: int) -> CrsChoice | None:
    """The choice with EPSG code ``epsg`` (None when pyproj's database has no such CRS)."""
    for choice in _database():
        if choice.epsg == epsg:
            return choice
    return None


def search(text: str, limit: int = 300) -> list[CrsChoice]:
    """Coordinate systems matching ``text``: an EPSG code (``4549``, ``EPSG:4549``) or words.

    Every word must occur in the name (case-insensitive); ``120`` also matches the central
    meridian. The common choices come first. An empty text gives :func:`common_choices`.
    """
    text = text.strip()
    if not text:
        return common_choices()
    code = re.fullmatch(r"(?:epsg\s*:?\s*)?(\d+)", text, flags=re.IGNORECASE)
    words = [w.lower() for w in re.split(r"\s+", text) if w]
    common = set(_common())

    def matches(choice: CrsChoice) -> bool:
        if code and str(choice.epsg).startswith(code.group(1)):
            return True
        group = messages.text(f"crs_choice.group.{choice.group}", "zh")  # 西安 1980 …
        haystack = f"{choice.name} {choice.label('zh')} {group} epsg:{choice.epsg}".lower()
        return all(w in haystack for w in words)

    found = [c for c in _database() if matches(c)]
    found.sort(
        key=lambda c: (
            0 if code and str(c.epsg) == code.group(1) else 1,
            0 if c in common else 1,
            _common_key(c) if c in common else (9,),
            c.epsg,
        )
    )
    return found[:limit]


def preselect(report) -> tuple[int | None, str]:
    """The EPSG code to show selected for a ``LoadReport``, and the reason, in words.

    The file's own CRS when it has one; else the loader's suggestion (never applied by the
    loader: the user confirms it by importing); else None.
    """
    crs = report.crs
    if crs.epsg:
        return int(crs.epsg), messages.text("crs_choice.reason.file", source=crs.source)
    suggested = getattr(crs, "suggested_epsg", None)
    if suggested:
        return int(suggested), messages.text(
            "crs_choice.reason.guess", suggestion=crs.suggestion or ""
        )
    if crs.suggestion and crs.suggestion in messages.both("crs_suggest_gk3"):
        return None, messages.text("crs_choice.reason.gk3")
    return None, messages.text("crs_choice.reason.none")


def assign_crs(result, epsg: int):
    """A copy of the ``LoadResult`` whose parcels are declared to be in EPSG ``epsg``.

    Coordinates are not transformed. The report's CRS becomes the chosen one (source
    ``"user"``); its "CRS unknown" warning gives way to a ``crs_assigned`` note.
    """
    from pyproj import CRS

    from landplanner.sources.report import CrsInfo, LoadResult

    crs = CRS.from_epsg(int(epsg))
    gdf = result.gdf.set_crs(crs, allow_override=True)
    report = copy.copy(result.report)
    report.crs = CrsInfo(int(epsg), crs.name, crs.to_wkt(), source="user")
    report.problems = [p for p in result.report.problems if p.code != "crs_unknown"]
    report.problems.append(Problem.make("crs_assigned", "info", epsg=int(epsg), name=crs.name))
    return LoadResult(gdf, report)


def parse_crs(value: str) -> int:
    """The EPSG code of a ``--crs`` argument (``EPSG:4549``, ``epsg:4549``, ``4549``).

    Raises
    ------
    InputError
        ``crs_bad_argument`` when it is not an EPSG code pyproj knows.
    """
    match = re.fullmatch(r"\s*(?:epsg\s*:\s*)?(\d{4,6})\s*", str(value), flags=re.IGNORECASE)
    if match:
        try:
            from pyproj import CRS

            CRS.from_epsg(int(match.group(1)))
            return int(match.group(1))
        except Exception:  # noqa: BLE001 - pyproj raises CRSError (or others) for a bad code
            pass
    raise InputError(Problem.make("crs_bad_argument", "error", value=value))


def require_crs(project, name: str) -> None:
    """Refuse (exit 2 on the CLI) area-dependent output for parcels without a CRS.

    Raises
    ------
    InputError
        ``crs_required``, naming ``--crs`` and the suggested code.
    """
    parcels = getattr(project, "parcels", None)
    if parcels is None or len(parcels) == 0 or not hasattr(parcels, "crs"):
        return  # nothing to measure, or attributes only
    if parcels.crs is not None:
        return
    suggested = None
    source = getattr(project, "source", None) or {}
    suggested = (source.get("crs") or {}).get("suggested_epsg")
    raise InputError(Problem.make("crs_required", "error", name=name, epsg=suggested or 4490))
