"""Making the loaded shapes usable parcels: 2D, valid polygons, with every repair reported.

All checks run on whole arrays (``shapely.is_valid``, ``get_type_id``, ``has_z``…);
Python-level work is done only for the rows that need it (invalid or unreadable shapes), so
100,000 parcels cost a fraction of a second.
"""

from __future__ import annotations

import warnings
from collections import Counter

import numpy as np
import shapely
from shapely.errors import GEOSException

from landplanner import messages
from landplanner.problems import InputError, Problem

messages.register(
    {
        "not_polygons": (
            "需要面（多边形）图层，但发现的是 {found}；地块图层必须是面。",
            "Polygons expected, found {found}; a parcel layer must hold polygons.",
        ),
        "declared_not_polygon": (
            "图层声明的几何类型是 {found}，不是面；它没有要素，按空图层载入。",
            "The layer declares the geometry type {found}, not polygons; it has no features "
            "and was loaded as an empty layer.",
        ),
        "empty_layer": ("图层没有要素（0 个地块）。", "The layer has no features (0 parcels)."),
        "null_geometry": (
            "{count} 个地块没有图形，保留其属性，但不参与面积计算：{first}",
            "{count} parcels have no geometry; their attributes are kept but they have no "
            "area: {first}",
        ),
        "ring_unclosed_fixed": (
            "要素 FID {fid} 的环没有闭合，已自动闭合。",
            "Feature FID {fid} has rings that are not closed; they were closed.",
        ),
        "geometry_unreadable": (
            "要素 FID {fid} 的图形无法读取（{detail}），按无图形处理。",
            "The geometry of feature FID {fid} cannot be read ({detail}); it is treated as "
            "having no geometry.",
        ),
        "invalid_repaired": (
            "{count} 个地块的多边形无效（{reason}），已自动修复：{first}",
            "{count} parcels are invalid polygons ({reason}); repaired with make_valid: {first}",
        ),
        "repair_lost_geometry": (
            "{count} 个地块的多边形无效（{reason}），修复后没有剩下面积，按无图形处理：{first}",
            "{count} parcels are invalid polygons ({reason}) with no area left after repair; "
            "they are treated as having no geometry: {first}",
        ),
        "non_polygon_parts_dropped": (
            "{count} 个地块含有非面的部分（点或线），已去掉，只保留面：{first}",
            "{count} parcels have parts that are not polygons (points or lines); they were "
            "dropped: {first}",
        ),
        "z_dropped": (
            "图形带有 Z/M 值（{count} 个要素），已去掉，按二维处理。",
            "The shapes carry Z/M values ({count} features); they were dropped (2D only).",
        ),
        "geometry_nonfinite": (
            "{count} 个地块的坐标含有无效数值（NaN 或无穷大），按无图形处理：{first}",
            "{count} parcels have coordinates that are not numbers (NaN or infinite); they are "
            "treated as having no geometry: {first}",
        ),
        "geometry_out_of_range": (
            "{count} 个地块的坐标超出任何坐标系的范围（最大 {value:.3g}），按无图形处理：{first}",
            "{count} parcels have a coordinate beyond any coordinate system's range (up to "
            "{value:.3g}); they are treated as having no geometry: {first}",
        ),
        "geometry_unrepairable": (
            "要素 FID {fid} 的多边形严重损坏（{vertices} 个顶点，{reason}），无法自动修复，"
            "按无图形处理；请在 GIS 软件中检查该地块。",
            "Feature FID {fid} is a badly damaged polygon ({vertices} vertices, {reason}) that "
            "cannot be repaired automatically; it is treated as having no geometry. Check this "
            "parcel in a GIS.",
        ),
        "geometry_too_large": (
            "{count} 个地块的范围达 {extent:,.0f} 公里，不像地块（坐标损坏或单位不对？），请检查：{first}",
            "{count} parcels span up to {extent:,.0f} km, which is unlike any parcel (damaged "
            "coordinates or wrong units?); check them: {first}",
        ),
        "geometries_repaired_summary": (
            "共修复 {invalid} 个无效多边形；{null} 个要素没有图形。",
            "{invalid} invalid polygons were repaired; {null} features have no geometry.",
        ),
    }
)

_POLYGONAL = (3, 6)  # shapely type ids: Polygon, MultiPolygon
#: No projected or geographic CRS has coordinates beyond this (metres or degrees).
MAX_COORDINATE = 1e8
#: Repair budget of one shape, in estimated segment crossings (see :func:`crossing_estimate`).
#: make_valid's time grows faster than linearly with crossings: 5,000 take about 0.3 s; a few
#: corrupted bytes can make a ring of 20,000 random vertices (millions of crossings, minutes
#: and gigabytes).
MAX_CROSSINGS = 5_000.0
#: Repair budget of a whole layer: estimated crossings, and seconds spent repairing.
MAX_LAYER_CROSSINGS = 2_000_000.0
MAX_REPAIR_SECONDS = 20.0
_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    2: "LinearRing",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}
_WKB_NAMES = {
    1: "Point",
    2: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
    15: "PolyhedralSurface (MultiPatch)",
    16: "TIN (MultiPatch)",
    17: "Triangle",
}


def wkb_type(blob: bytes) -> int:
    """The base geometry type number of a WKB blob (ISO and EWKB Z/M flags removed)."""
    order = "little" if blob[0] == 1 else "big"
    code = int.from_bytes(blob[1:5], order)
    return (code & 0x0FFFFFFF) % 1000


def _polygonal_part(geom) -> object | None:
    """Only the polygons of ``geom`` (a Polygon/MultiPolygon or None)."""
    if geom is None or shapely.is_empty(geom):
        return None
    tid = shapely.get_type_id(geom)
    if tid in _POLYGONAL:
        return geom
    parts = shapely.get_parts(shapely.get_parts(geom))  # flatten nested collections
    polys = [p for p in parts if shapely.get_type_id(p) == 3 and not p.is_empty]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def parse_wkb(wkb: np.ndarray) -> tuple[np.ndarray, list[Problem]]:
    """Shapes from WKB, repairing unclosed rings and refusing surfaces that are not polygons.

    Parameters
    ----------
    wkb : ndarray of bytes or None
        One WKB blob per feature (None for a null shape).

    Returns
    -------
    ndarray of shapely geometries (None for null), list of Problem

    Raises
    ------
    InputError
        ``not_polygons`` for MultiPatch / TIN / polyhedral surfaces.
    """
    problems: list[Problem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # NaN coordinates: reported below
            geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    except GEOSException:
        # A type GEOS does not know at all (e.g. TIN): find it and say so.
        geoms = np.empty(len(wkb), dtype=object)
        for i, blob in enumerate(wkb):
            if blob is None:
                continue
            kind = wkb_type(blob)
            if kind not in _WKB_NAMES or kind >= 15:
                found = _WKB_NAMES.get(kind, f"WKB type {kind}")
                raise InputError(Problem.make("not_polygons", "error", found=found)) from None
            geoms[i] = shapely.from_wkb(blob, on_invalid="ignore")
    present = np.array([b is not None for b in wkb], dtype=bool) if len(wkb) else np.zeros(0, bool)
    failed = np.flatnonzero(present & shapely.is_missing(geoms))
    for i in failed:  # only the rows GEOS could not read
        blob = wkb[i]
        kind = wkb_type(blob)
        if kind >= 15:
            found = _WKB_NAMES.get(kind, f"WKB type {kind}")
            raise InputError(Problem.make("not_polygons", "error", found=found))
        try:
            geoms[i] = shapely.from_wkb(blob, on_invalid="fix")
            code = "ring_unclosed_fixed" if geoms[i] is not None else "geometry_unreadable"
        except GEOSException as exc:
            geoms[i], code = None, "geometry_unreadable"
            problems.append(
                Problem.make(code, "warning", feature=int(i), fid=int(i), detail=str(exc)[:100])
            )
            continue
        problems.append(
            Problem.make(
                code, "warning", feature=int(i), fid=int(i), detail="GEOS could not parse it"
            )
        )
    return geoms, problems


def _refuse_non_polygons(geoms: np.ndarray, type_ids: np.ndarray) -> None:
    bad = (type_ids >= 0) & ~np.isin(type_ids, (*_POLYGONAL, 7))
    if bad.any():
        counts = Counter(_TYPE_NAMES.get(int(t), str(t)) for t in type_ids[bad])
        found = ", ".join(f"{name} ({n})" for name, n in counts.most_common())
        raise InputError(Problem.make("not_polygons", "error", found=found))


def crossing_estimate(geoms: np.ndarray) -> np.ndarray:
    """An upper estimate of the self-crossings of each shape, from its size alone.

    Random segments of total length ``L`` in a box of area ``A`` cross about
    ``L² / (π A)`` times; ``n`` segments cross at most ``n (n - 1) / 2`` times. The smaller
    of the two is a cheap, conservative measure of what make_valid will have to node:
    a surveyed parcel scores below 50, a ring of 1,000 random vertices about 90,000.
    """
    n = shapely.get_num_coordinates(geoms).astype(float)
    length = shapely.length(geoms)
    b = shapely.bounds(geoms)
    area = np.maximum((b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]), 1e-12)
    with np.errstate(all="ignore"):
        buffon = length * length / (np.pi * area)
    return np.fmin(n * (n - 1) / 2, np.nan_to_num(buffon, nan=np.inf))


def _unusable_coordinates(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows with NaN/Inf coordinates, rows with coordinates beyond ``MAX_COORDINATE``, and
    the largest absolute coordinate of each of the latter."""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    finite = np.isfinite(coords).all(axis=1)
    nonfinite = np.unique(index[~finite])
    with np.errstate(invalid="ignore"):
        magnitude = np.where(finite, np.abs(coords).max(axis=1) if len(coords) else 0.0, 0.0)
    far = magnitude > MAX_COORDINATE
    far_rows = np.setdiff1d(np.unique(index[far]), nonfinite)
    worst = np.zeros(len(geoms))
    np.maximum.at(worst, index[far], magnitude[far])
    return nonfinite, far_rows, worst[far_rows]


def clean_polygons(geoms: np.ndarray) -> tuple[np.ndarray, str, list[Problem]]:
    """Make shapes 2D valid polygons; report every null, repaired or dropped shape.

    Parameters
    ----------
    geoms : ndarray of shapely geometries (None for null)

    Returns
    -------
    geoms : ndarray
        2D Polygon / MultiPolygon or None; holes are kept.
    geometry_type : str
        ``"Polygon"``, ``"MultiPolygon"`` (when any feature is multi-part) or ``"None"``.
    problems : list of Problem
        One per kind with its rows (:meth:`Problem.group`): ``null_geometry``,
        ``non_polygon_parts_dropped``, ``geometry_nonfinite``, ``geometry_out_of_range``,
        ``invalid_repaired``, ``repair_lost_geometry``; per feature: ``geometry_unrepairable``;
        once: ``z_dropped``.

    Raises
    ------
    InputError
        ``not_polygons`` when any shape is a point or a line.
    """
    problems: list[Problem] = []
    geoms = np.asarray(geoms, dtype=object)
    type_ids = shapely.get_type_id(geoms)
    _refuse_non_polygons(geoms, type_ids)

    has_z = shapely.has_z(geoms)
    has_m = shapely.has_m(geoms) if hasattr(shapely, "has_m") else np.zeros(len(geoms), bool)
    zm = has_z | has_m
    if zm.any():
        geoms = shapely.force_2d(geoms)
        problems.append(Problem.make("z_dropped", "info", count=int(zm.sum())))

    collections = np.flatnonzero(type_ids == 7)
    for i in collections:  # collections: keep their polygons only
        geoms[i] = _polygonal_part(geoms[i])
    if collections.size:
        problems.append(Problem.group("non_polygon_parts_dropped", "warning", collections))

    lost: set[int] = set()
    # Coordinates no repair can make sense of: NaN/Inf (GEOS fails on them) and values far
    # beyond any CRS (areas of 1e300 m²). The shape is dropped and the parcel reported.
    nonfinite, far, worst = _unusable_coordinates(geoms)
    # one problem per kind with its rows (columnar): a file of 100,000 broken shapes gives
    # one line, named by 地块编号 once the parcels have ids
    for i in (*nonfinite, *far):
        geoms[i] = None
        lost.add(int(i))
    if len(nonfinite):
        problems.append(Problem.group("geometry_nonfinite", "warning", nonfinite))
    if len(far):
        problems.append(Problem.group("geometry_out_of_range", "warning", far,
                                      value=float(np.max(worst))))

    empty = ~shapely.is_missing(geoms) & shapely.is_empty(geoms)
    geoms[empty] = None
    valid = shapely.is_valid(geoms)
    invalid = np.flatnonzero(~valid & ~shapely.is_missing(geoms))
    if invalid.size:
        problems += _repair(geoms, invalid, lost)

    missing = np.flatnonzero(shapely.is_missing(geoms))
    if lost:
        missing = missing[~np.isin(missing, np.fromiter(lost, dtype=np.int64))]
    if missing.size:
        problems.append(Problem.group("null_geometry", "warning", missing))

    final_ids = shapely.get_type_id(geoms)
    if (final_ids == 6).any():
        gtype = "MultiPolygon"
    elif (final_ids == 3).any():
        gtype = "Polygon"
    else:
        gtype = "None"
    return geoms, gtype, sorted(problems, key=_problem_order)


def _repair(geoms: np.ndarray, invalid: np.ndarray, lost: set[int]) -> list[Problem]:
    """make_valid the ``invalid`` rows of ``geoms`` in place, within the repair budgets.

    A shape whose estimated crossings exceed ``MAX_CROSSINGS``, or any shape once the
    layer's budget (crossings or seconds) is spent, is not repaired: it is reported
    ``geometry_unrepairable`` and dropped, so a corrupted ring cannot hang the load.
    """
    import time

    problems: list[Problem] = []
    done: dict[str, list[tuple[int, str]]] = {"invalid_repaired": [], "repair_lost_geometry": []}
    reasons = shapely.is_valid_reason(geoms[invalid])
    estimate = crossing_estimate(geoms[invalid])
    vertices = shapely.get_num_coordinates(geoms[invalid])
    spent_crossings, started = 0.0, time.perf_counter()
    cheap = estimate <= 50.0
    # Simple invalid shapes (bow ties, touching rings) are repaired in one vectorised call.
    if cheap.any():
        rows = invalid[cheap]
        fixed_all = _make_valid(geoms[rows])
        spent_crossings += float(estimate[cheap].sum())
        for i, reason, fixed in zip(rows, reasons[cheap], fixed_all, strict=True):
            code = _repaired(geoms, int(i), _polygonal_part(fixed), lost)
            done[code].append((int(i), reason))
    for k in np.flatnonzero(~cheap):
        i = int(invalid[k])
        over = (
            estimate[k] > MAX_CROSSINGS
            or spent_crossings + estimate[k] > MAX_LAYER_CROSSINGS
            or time.perf_counter() - started > MAX_REPAIR_SECONDS
        )
        if over:
            geoms[i] = None
            lost.add(i)
            problems.append(
                Problem.make(
                    "geometry_unrepairable",
                    "warning",
                    feature=i,
                    fid=i,
                    vertices=int(vertices[k]),
                    reason=_short_reason(reasons[k]),
                )
            )
            continue
        spent_crossings += float(estimate[k])
        fixed = _make_valid(np.array([geoms[i]], dtype=object))[0]
        done[_repaired(geoms, i, _polygonal_part(fixed), lost)].append((i, reasons[k]))
    # one record per kind with its rows (columnar), the reasons summed up
    for code, items in done.items():
        if items:
            items.sort()
            problems.append(Problem.group(code, "warning", [i for i, _ in items],
                                          reason=_reasons([r for _, r in items])))
    return problems


def _reasons(reasons: list[str]) -> str:
    """The distinct short reasons, most frequent first (at most three)."""
    from collections import Counter

    counts = Counter(_short_reason(r) for r in reasons)
    shown = [reason for reason, _ in counts.most_common(3)]
    return "; ".join(shown) + ("…" if len(counts) > 3 else "")


def _short_reason(reason: str) -> str:
    return str(reason).split("[", 1)[0].strip() or "invalid"


def _repaired(geoms: np.ndarray, i: int, fixed, lost: set[int]) -> str:
    """Put the repaired shape in place; the problem code it gets."""
    geoms[i] = fixed
    if fixed is None:
        lost.add(i)
    return "invalid_repaired" if fixed is not None else "repair_lost_geometry"


def _problem_order(p: Problem) -> tuple[int, int]:
    return (-1 if p.feature is None else p.feature, 0)


def _make_valid(geoms: np.ndarray) -> np.ndarray:
    """make_valid keeping the polygon structure (shell minus holes) when GEOS supports it."""
    try:
        return shapely.make_valid(geoms, method="structure", keep_collapsed=False)
    except (TypeError, ValueError, GEOSException):
        return shapely.make_valid(geoms)


#: No parcel spans more than this (km); a larger shape is reported.
MAX_PARCEL_EXTENT_KM = 200.0


def warn_oversized(geoms: np.ndarray, crs) -> list[Problem]:
    """Warn about shapes far larger than any parcel (kept: a county boundary is real data).

    Coordinates beyond any CRS are dropped earlier (``geometry_out_of_range``), so no total
    becomes infinite; this only points at shapes whose size is implausible for a parcel.

    ``crs`` (pyproj CRS or None) gives the unit: degrees (about 111 km each) or its linear
    unit; without a CRS nothing is judged here (the coordinate range check still applies).
    """
    if crs is None or not len(geoms):
        return []
    try:
        if crs.is_geographic:
            km_per_unit = 111.0
        else:
            km_per_unit = float(crs.axis_info[0].unit_conversion_factor) / 1000.0
    except (AttributeError, IndexError, TypeError, ValueError):
        return []
    b = shapely.bounds(geoms)
    with np.errstate(invalid="ignore"):
        extent = np.fmax(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * km_per_unit
    with np.errstate(invalid="ignore"):
        large = np.flatnonzero(extent > MAX_PARCEL_EXTENT_KM)
    if not large.size:
        return []
    return [Problem.group("geometry_too_large", "warning", large,
                          extent=float(np.max(extent[large])))]
