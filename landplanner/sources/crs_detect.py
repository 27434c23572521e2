"""The CRS of a layer: read from the .prj, recognising China's CGCS2000 however it is spelt.

ESRI software writes CGCS2000 under many names (``GCS_CGCS_2000`` / ``D_2000`` /
``S_2000``, ``D_China_2000``, ``CGCS2000_3_Degree_GK_CM_120E``…) that PROJ cannot match
to an EPSG code, and a loose match picks wrong codes (``GCS_CGCS_2000`` at low confidence
becomes EPSG:7086). We recognise the EPSG:4490 family by its definition — datum named for
China 2000, the CGCS2000 ellipsoid, Greenwich, and for projected systems a Gauss-Krüger
(transverse Mercator, k = 1) zone with or without the zone-number prefix on the false
easting — and otherwise use PROJ's own match at its default confidence.

A layer without a usable CRS is reported as unknown with a *suggestion* from the
magnitude of its coordinates; the suggestion is never applied.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from pyproj import CRS
from pyproj.exceptions import CRSError

from landplanner import messages, vocabulary
from landplanner.problems import Problem
from landplanner.sources.report import CrsInfo

messages.register(
    {
        "crs_unknown": (
            "坐标系未知（{reason}），不会计算面积。{suggestion}",
            "The coordinate system is unknown ({reason}); no area will be computed. {suggestion}",
        ),
        "crs_reason_no_prj": ("没有 .prj 文件", "there is no .prj file"),
        "crs_reason_bad_prj": ("无法读取 .prj 文件", "the .prj file cannot be read"),
        "crs_reason_layer": ("图层没有坐标系", "the layer has no coordinate system"),
        "crs_no_epsg": (
            "坐标系“{name}”没有对应的 EPSG 编码，按 .prj 中的定义使用。",
            "The coordinate system '{name}' has no EPSG code; it is used as the .prj defines it.",
        ),
        "crs_cgcs2000_recognised": (
            "非标准写法的坐标系“{name}”已识别为 EPSG:{epsg}（{epsg_name}）。",
            "The non-standard coordinate system '{name}' was recognised as EPSG:{epsg} "
            "({epsg_name}).",
        ),
        "crs_suggest_degrees": (
            "坐标像经纬度（度），可能是 CGCS2000 地理坐标 EPSG:{epsg}；未自动采用，请确认后指定。",
            "The coordinates look like degrees, perhaps CGCS2000 geographic (EPSG:{epsg}); "
            "this was not applied: confirm and set it.",
        ),
        "crs_suggest_gk3": (
            "坐标像不带带号的 3 度带高斯-克吕格投影（x 约 33 万–67 万 米），中央经线无法从坐标判断"
            "（CGCS2000 为 EPSG:4534–4554）；未自动采用，请确认后指定。",
            "The coordinates look like 3-degree Gauss-Kruger without the zone prefix (x about "
            "330,000-670,000 m); the central meridian cannot be told from them (CGCS2000: "
            "EPSG:4534-4554). This was not applied: confirm and set it.",
        ),
        "crs_suggest_gk_zone": (
            "坐标像带带号的 {width} 度带高斯-克吕格投影第 {zone} 带，可能是 EPSG:{epsg}（{epsg_name}）；"
            "未自动采用，请确认后指定。",
            "The coordinates look like {width}-degree Gauss-Kruger zone {zone} with the zone "
            "prefix, perhaps EPSG:{epsg} ({epsg_name}); this was not applied: confirm and set it.",
        ),
        "crs_suggest_none": (
            "无法从坐标大小推断坐标系。",
            "The coordinate system cannot be guessed from the coordinates.",
        ),
    }
)

# CGCS2000 ellipsoid (identical in size to GRS 80).
_CGCS_A = 6378137.0
_CGCS_RF = 298.257222101
_CGCS2000_DATUM_NAMES = {
    "2000",
    "cgcs2000",
    "china2000",
    "chinageodeticcoordinatesystem2000",
}

# First EPSG code and first zone / central meridian of each CGCS2000 Gauss-Krüger series.
_GK3_CM_FIRST = 4534  # 3-degree, no prefix, CM 75E .. 135E  -> 4534 .. 4554
_GK3_ZONE_FIRST = 4513  # 3-degree, prefix, zone 25 .. 45     -> 4513 .. 4533
_GK6_CM_FIRST = 4502  # 6-degree, no prefix, CM 75E .. 135E  -> 4502 .. 4512
_GK6_ZONE_FIRST = 4491  # 6-degree, prefix, zone 13 .. 23     -> 4491 .. 4501


def _datum_key(name: str) -> str:
    name = re.sub(r"^d_", "", name.strip(), flags=re.IGNORECASE)
    key = re.sub(r"[^0-9a-z]", "", name.lower())
    return key.removesuffix("datum")


def _is_cgcs2000_geodetic(crs: CRS) -> bool:
    """Datum named for China 2000 on the CGCS2000 ellipsoid, Greenwich, in degrees."""
    geodetic = crs.geodetic_crs
    if geodetic is None or geodetic.datum is None or crs.ellipsoid is None:
        return False
    if _datum_key(geodetic.datum.name) not in _CGCS2000_DATUM_NAMES:
        return False
    ell = crs.ellipsoid
    if not math.isclose(ell.semi_major_metre, _CGCS_A, abs_tol=1e-3):
        return False
    if not math.isclose(ell.inverse_flattening, _CGCS_RF, abs_tol=1e-6):
        return False
    pm = crs.prime_meridian
    return pm is None or abs(pm.longitude) < 1e-9


def _gk_epsg(crs: CRS) -> int | None:
    """The CGCS2000 Gauss-Krüger EPSG code matching a projected CRS's parameters."""
    op = crs.coordinate_operation
    if op is None or op.method_code != "9807":  # EPSG method: Transverse Mercator
        return None
    if any(a.unit_name.lower() not in ("metre", "meter") for a in crs.axis_info):
        return None
    p = {param.code: param.value for param in op.params}
    if not (
        math.isclose(p.get("8801", 1.0), 0.0, abs_tol=1e-12)
        and math.isclose(p.get("8805", 0.0), 1.0, abs_tol=1e-12)
        and math.isclose(p.get("8807", 1.0), 0.0, abs_tol=1e-6)
    ):
        return None
    cm, fe = p.get("8802"), p.get("8806")
    if cm is None or fe is None or not float(cm).is_integer():
        return None
    cm = int(cm)
    zone, rest = divmod(fe, 1_000_000)
    if not math.isclose(rest, 500_000.0, abs_tol=1e-6):
        return None
    zone = int(zone)
    says = crs.name.lower().replace("-", "_").replace(" ", "_")
    named3 = "3_degree" in says or "3_deg" in says
    is3 = cm % 3 == 0 and 75 <= cm <= 135
    is6 = cm % 6 == 3 and 75 <= cm <= 135
    if zone:
        if is3 and zone == cm // 3:
            return _GK3_ZONE_FIRST + zone - 25
        if is6 and zone == (cm + 3) // 6:
            return _GK6_ZONE_FIRST + zone - 13
        return None
    # Without the prefix the 6-degree central meridians are also 3-degree ones; land
    # records use 3-degree zones, so only an explicit 6-degree name picks the 6° series.
    if is6 and not named3 and ("6_degree" in says or "6_deg" in says):
        return _GK6_CM_FIRST + (cm - 75) // 6
    if is3:
        return _GK3_CM_FIRST + (cm - 75) // 3
    return None


def recognise_cgcs2000(crs: CRS) -> int | None:
    """The EPSG code of a CGCS2000 CRS (4490 or a Gauss-Krüger zone) spelt any way, or None.

    Parameters
    ----------
    crs : pyproj.CRS
        A parsed CRS (e.g. from ESRI WKT with ``D_2000`` / ``S_2000`` names).

    Returns
    -------
    int or None
        4490 for geographic CGCS2000; 4513–4533 (3° zones with prefix), 4534–4554 (3° by
        central meridian), 4491–4501 / 4502–4512 (6° zones); None when not CGCS2000 or the
        parameters match no EPSG zone.
    """
    if not _is_cgcs2000_geodetic(crs):
        return None
    if crs.is_geographic:
        axes = crs.axis_info
        if len(axes) == 2 and all(a.unit_name.lower() == "degree" for a in axes):
            return 4490
        return None
    if crs.is_projected:
        return _gk_epsg(crs)
    return None


def _info_for(crs: CRS, source: str, problems: list[Problem]) -> tuple[CrsInfo, CRS]:
    """CrsInfo (and the CRS to give the layer) for a parsed CRS."""
    epsg = recognise_cgcs2000(crs)
    if epsg is not None:
        official = CRS.from_epsg(epsg)
        if crs.to_epsg() != epsg:
            problems.append(
                Problem.make(
                    "crs_cgcs2000_recognised",
                    "info",
                    name=crs.name,
                    epsg=epsg,
                    epsg_name=official.name,
                )
            )
        return CrsInfo(epsg, official.name, official.to_wkt(), source), official
    epsg = crs.to_epsg()
    if epsg is not None:
        official = CRS.from_epsg(epsg)
        return CrsInfo(epsg, official.name, official.to_wkt(), source), official
    problems.append(Problem.make("crs_no_epsg", "info", name=vocabulary.crs_label(crs.name)))
    return CrsInfo(None, crs.name, crs.to_wkt(), source), crs


def crs_from_prj(prj: Path | None) -> tuple[CrsInfo, CRS | None, list[Problem]]:
    """Read a .prj file.

    Returns
    -------
    CrsInfo, pyproj.CRS or None, list of Problem
        For a missing or unreadable .prj the CrsInfo is unknown (``epsg`` None, ``name``
        ``"unknown"``) and the CRS None; :func:`unknown_crs` adds the suggestion later,
        once the coordinates are known.
    """
    problems: list[Problem] = []
    if prj is None:
        return CrsInfo(None, "unknown"), None, problems
    try:
        raw = prj.read_bytes()[:65536]
        text = raw.decode("utf-8-sig", errors="replace").strip()
        if not text or text.lstrip().startswith("<") or "git-lfs" in text:
            raise ValueError("not a WKT definition")
        crs = CRS.from_wkt(text) if text[:6].upper() != "EPSG:" else CRS.from_user_input(text)
    except (OSError, ValueError, CRSError) as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        info = CrsInfo(None, "unknown", source="prj")
        problems.append(Problem.make("prj_unreadable", "warning", detail=detail))
        return info, None, problems
    info, official = _info_for(crs, "prj", problems)
    return info, official, problems


def crs_from_layer(crs_text: str | None) -> tuple[CrsInfo, CRS | None, list[Problem]]:
    """The CRS GDAL reports for a GeoPackage / GeoJSON layer (``"EPSG:4326"`` or WKT)."""
    problems: list[Problem] = []
    if not crs_text:
        return CrsInfo(None, "unknown", source="layer"), None, problems
    try:
        crs = CRS.from_user_input(crs_text)
    except CRSError as exc:
        problems.append(Problem.make("prj_unreadable", "warning", detail=str(exc)[:120]))
        return CrsInfo(None, "unknown", source="layer"), None, problems
    info, official = _info_for(crs, "layer", problems)
    return info, official, problems


messages.register(
    {
        "prj_unreadable": (
            "坐标系定义无法读取（{detail}），已忽略。",
            "The coordinate system definition cannot be read ({detail}); it was ignored.",
        ),
    }
)


def suggest_crs(bounds: tuple[float, float, float, float]) -> tuple[str, int | None, str]:
    """Guess a CRS from coordinate magnitudes (never applied, only shown).

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy)
        The layer's extent in its own (unknown) units.

    Returns
    -------
    code, epsg, epsg_name
        The message code describing the guess (``crs_suggest_degrees``,
        ``crs_suggest_gk3``, ``crs_suggest_gk_zone`` or ``crs_suggest_none``), the
        suggested EPSG code (None when it cannot be told) and its name.
    """
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(v) for v in bounds):
        return "crs_suggest_none", None, ""
    if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        return "crs_suggest_degrees", 4490, "China Geodetic Coordinate System 2000"
    northing_ok = -10_000 <= miny <= maxy <= 6_200_000
    if northing_ok and 300_000 <= minx <= maxx <= 700_000:
        return "crs_suggest_gk3", None, ""
    zone_min, zone_max = int(minx // 1_000_000), int(maxx // 1_000_000)
    if northing_ok and zone_min == zone_max:
        rest_min, rest_max = minx - zone_min * 1e6, maxx - zone_min * 1e6
        if 300_000 <= rest_min <= rest_max <= 700_000:
            if 25 <= zone_min <= 45:
                epsg = _GK3_ZONE_FIRST + zone_min - 25
            elif 13 <= zone_min <= 23:
                epsg = _GK6_ZONE_FIRST + zone_min - 13
            else:
                return "crs_suggest_none", None, ""
            return "crs_suggest_gk_zone", epsg, CRS.from_epsg(epsg).name
    return "crs_suggest_none", None, ""


def unknown_crs(info: CrsInfo, bounds: tuple[float, float, float, float] | None) -> Problem:
    """Fill ``info.suggestion`` from the bounds and return the ``crs_unknown`` warning."""
    reason_code = {"prj": "crs_reason_bad_prj", "layer": "crs_reason_layer"}.get(
        info.source, "crs_reason_no_prj"
    )
    code, epsg, epsg_name = ("crs_suggest_none", None, "")
    if bounds is not None:
        code, epsg, epsg_name = suggest_crs(bounds)
    width = 6 if epsg is not None and epsg < _GK3_ZONE_FIRST and epsg != 4490 else 3
    zone = None
    if code == "crs_suggest_gk_zone" and bounds is not None:
        zone = int(bounds[0] // 1_000_000)
    kw = {"epsg": epsg, "epsg_name": epsg_name, "zone": zone, "width": width}
    info.suggestion = messages.text(code, **kw)
    info.suggested_epsg = epsg
    zh_s, en_s = messages.both(code, **kw)
    zh_r, en_r = messages.both(reason_code)
    # Each language's message embeds the reason and suggestion in the same language.
    zh = messages.text("crs_unknown", "zh", reason=zh_r, suggestion=zh_s)
    en = messages.text("crs_unknown", "en", reason=en_r, suggestion=en_s)
    return Problem("crs_unknown", "warning", zh, en)
