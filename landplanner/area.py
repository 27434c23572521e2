"""Parcel area in mu (亩), measured in the CRS the land registry would use.

Rules (DOMAIN §5):

* projected CRS in metres (or another linear unit) whose projection keeps areas usable
  (transverse Mercator / Gauss-Krüger, UTM, equal-area projections): the planar area in
  that CRS — the registered-area convention of Chinese cadastres;
* other projected CRS (Web Mercator, Lambert conformal conic, …): reprojected to the 3°
  Gauss-Krüger zone of the data on its own datum, with an info problem;
* geographic CRS: reprojected to the 3° Gauss-Krüger zone of the data's own longitude on the
  data's own datum (CGCS2000 uses EPSG:4534–4554, CM 75°–135°E); data spanning several zones
  is measured zone by zone, each parcel in the zone of its own centre;
* unknown CRS (none, or not geographic/projected): NaN, with a problem — never square degrees;
* a missing or empty geometry: NaN (no area), not 0.

The map's measure tool uses the same functions (:func:`area_m2`, :func:`length_m`).

1 mu = 10000/15 m².
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pyproj
import shapely
from pyproj.crs import ProjectedCRS
from pyproj.crs.coordinate_operation import TransverseMercatorConversion

from landplanner import messages, vocabulary
from landplanner.problems import Problem

M2_PER_MU = 10000.0 / 15.0

messages.register(
    {
        "area_crs_unknown": (
            "坐标系未知，无法计算面积（不会按“平方度”计算）；请先指定坐标系",
            "The coordinate system is unknown, so no area is computed (never in square "
            "degrees); set the coordinate system first",
        ),
        "area_crs_unusable": (
            "坐标系 {name} 既不是地理坐标系也不是投影坐标系，无法计算面积",
            "The coordinate system {name} is neither geographic nor projected; no area computed",
        ),
        "area_coords_not_degrees": (
            "坐标系为经纬度，但坐标超出经纬度范围（如 x={x:.0f}），坐标系可能设错；未计算面积",
            "The coordinate system is geographic but coordinates lie outside degree ranges "
            "(e.g. x={x:.0f}); the CRS is probably wrong, no area computed",
        ),
        "area_reprojected": (
            "面积按 {target} 3° 带高斯-克吕格投影计算（原坐标系 {name} 不宜直接量算面积）",
            "Areas computed in the {target} 3° Gauss-Krüger zone (the source system {name} is "
            "not suited to measuring area)",
        ),
        "area_several_zones": (
            "数据跨 {n} 个 3° 带，各地块按其所在带分别计算面积",
            "The data spans {n} 3-degree zones; each parcel is measured in its own zone",
        ),
        "area_declared_mismatch": (
            "{count} 个地块的申报面积与图形面积相差超过 {tolerance:g}%（申报/图形 亩，相差）：{first}",
            "{count} parcels' declared area differs from the mapped area by more than "
            "{tolerance:g}% (declared/mapped mu, difference): {first}",
        ),
    }
)

# Projection methods whose planar area is the convention (conformal TM) or exact (equal-area).
_PLANAR_METHODS = (
    "transverse mercator",
    "gauss",
    "albers",
    "lambert azimuthal equal area",
    "equal area",
)


def area_mu(gdf) -> tuple[pd.Series, list[Problem]]:
    """Area of each feature in mu (亩), from the right CRS.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or GeoSeries
        Polygons with a CRS (``gdf.crs``).

    Returns
    -------
    area : pandas.Series of float
        Area in mu, index of ``gdf``; NaN for missing and for empty geometries (an empty
        geometry has no area, it is not a parcel of 0 mu: sums skip it and the declared area
        stands in for it) and for every feature when the CRS is unknown.
    problems : list of Problem
        Why there is no area, or how it was measured when not in the file's own CRS.
    """
    geoms = gdf.geometry if hasattr(gdf, "geometry") else gdf
    m2, problems = area_m2(np.asarray(geoms.values, dtype=object), geoms.crs)
    return _series(m2, geoms.index), problems


def area_m2(values, crs) -> tuple[np.ndarray, list[Problem]]:
    """Area in m² of shapely geometries in ``crs`` under the rules of this module.

    The one area function: the parcel table (:func:`area_mu`) and the map's measure tool
    (:mod:`landplanner.ui.map_measure`) both call it, so a shape measures the same in both.
    NaN for None and empty geometries, and for all when the CRS is unknown or unusable.
    """
    try:
        return _area_m2(values, crs)
    except pyproj.exceptions.ProjError:  # a damaged .prj: "Input is not a transformation"
        crs = _as_crs(crs)
        name = crs.name if crs is not None else "?"
        values = np.asarray(values, dtype=object)
        return np.full(len(values), np.nan), [
            Problem.make("area_crs_unusable", "warning", name=name)
        ]


def _area_m2(values, crs) -> tuple[np.ndarray, list[Problem]]:
    values = np.asarray(values, dtype=object)
    nan = np.full(len(values), np.nan)
    crs = _as_crs(crs)
    if crs is None:
        return nan, [Problem.make("area_crs_unknown", "warning")]
    if crs.is_projected:
        if _planar_ok(crs):
            factor = _unit_factor(crs)
            return _no_empty(shapely.area(values) * factor**2, values), []
        lonlat = _to_geographic(values, crs)
        area, _zones = _gk_area(lonlat, crs.geodetic_crs)
        geodetic = crs.geodetic_crs
        target = "CGCS2000" if _is_cgcs2000(geodetic) else vocabulary.crs_label(geodetic.name)
        problem = Problem.make("area_reprojected", "info", target=target,
                               name=vocabulary.crs_label(crs.name, crs.to_epsg()))
        return _no_empty(area, values), [problem]
    if crs.is_geographic:
        bounds = shapely.bounds(values)
        finite = bounds[np.isfinite(bounds).all(axis=1)]
        if len(finite) and (
            np.abs(finite[:, [0, 2]]).max() > 360 or np.abs(finite[:, [1, 3]]).max() > 90
        ):
            x = float(finite[np.abs(finite[:, 0]).argmax(), 0])
            return nan, [Problem.make("area_coords_not_degrees", "warning", x=x)]
        area, zones = _gk_area(values, crs)
        problems = []
        if zones > 1:
            problems.append(Problem.make("area_several_zones", "info", n=zones))
        return _no_empty(area, values), problems
    return nan, [Problem.make("area_crs_unusable", "warning", name=vocabulary.crs_label(crs.name))]


def length_m(values, crs) -> tuple[np.ndarray, list[Problem]]:
    """Length in metres of shapely lines (or polygon perimeters) in ``crs``.

    Same CRS rules as :func:`area_m2`: planar in a Gauss-Krüger / equal-area CRS (the
    register's convention), geodesic on the CRS's own ellipsoid otherwise; NaN when the CRS
    is unknown.
    """
    values = np.asarray(values, dtype=object)
    nan = np.full(len(values), np.nan)
    crs = _as_crs(crs)
    if crs is None:
        return nan, [Problem.make("area_crs_unknown", "warning")]
    if crs.is_projected and _planar_ok(crs):
        return shapely.length(values) * _unit_factor(crs), []
    if crs.is_projected:
        lonlat, geod = _to_geographic(values, crs), crs.geodetic_crs.get_geod()
    elif crs.is_geographic:
        lonlat, geod = values, crs.get_geod()
    else:
        return nan, [Problem.make("area_crs_unusable", "warning",
                                  name=vocabulary.crs_label(crs.name))]
    out = np.array([np.nan if g is None else geod.geometry_length(g) for g in lonlat])
    return out, []


def _as_crs(crs) -> pyproj.CRS | None:
    if crs is None:
        return None
    if isinstance(crs, pyproj.CRS):
        return crs
    return _crs_from(crs) if isinstance(crs, int | str) else pyproj.CRS.from_user_input(crs)


@functools.lru_cache(maxsize=32)
def _crs_from(value: int | str) -> pyproj.CRS:
    return pyproj.CRS.from_user_input(value)


def _no_empty(m2: np.ndarray, values: np.ndarray) -> np.ndarray:
    # shapely gives 0 for an empty geometry and NaN for None: both mean "no area".
    m2 = np.asarray(m2, dtype="float64").copy()
    m2[shapely.is_empty(values) | shapely.is_missing(values)] = np.nan
    return m2


@functools.lru_cache(maxsize=64)
def gk_zone_crs(crs: pyproj.CRS, lon: float) -> pyproj.CRS:
    """The 3° Gauss-Krüger CRS for longitude ``lon`` (degrees) on the datum of ``crs``.

    CGCS2000 returns the EPSG code (4534 + (CM − 75) / 3, no zone prefix, false easting
    500 km); any other datum returns a transverse Mercator projection built on that
    datum's own geodetic CRS (so no datum shift happens when reprojecting).
    """
    geodetic = crs.geodetic_crs if crs.geodetic_crs is not None else crs
    cm = int(round(lon / 3.0) * 3)
    if _is_cgcs2000(geodetic) and 75 <= cm <= 135:
        return pyproj.CRS.from_epsg(4534 + (cm - 75) // 3)
    conversion = TransverseMercatorConversion(
        latitude_natural_origin=0,
        longitude_natural_origin=cm,
        false_easting=500000,
        false_northing=0,
        scale_factor_natural_origin=1.0,
    )
    return ProjectedCRS(conversion=conversion, geodetic_crs=geodetic, name=f"3-degree GK CM {cm}E")


def declared_vs_computed(gdf, tolerance: float = 0.01) -> list[Problem]:
    """Problems for features whose declared area differs from the computed one.

    Parameters
    ----------
    gdf : GeoDataFrame
        With columns ``declared_mu`` and ``area_mu`` (mu).
    tolerance : float
        Relative difference allowed, ``|declared − computed| / computed`` (0.01 = 1 %).

    Returns
    -------
    list of Problem
        One grouped ``area_declared_mismatch`` warning whose ``features`` are the row
        positions over the tolerance (``feature`` when there is only one).
    """
    if "declared_mu" not in gdf or "area_mu" not in gdf:
        return []
    declared = pd.to_numeric(gdf["declared_mu"], errors="coerce").to_numpy(dtype="float64")
    computed = pd.to_numeric(gdf["area_mu"], errors="coerce").to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.abs(declared - computed) / computed
    bad = np.flatnonzero(np.isfinite(rel) & (computed > 0) & (rel > tolerance))
    if not bad.size:
        return []
    ids = gdf["parcel_id"] if "parcel_id" in gdf else None
    shown = [
        f"{ids.iat[i] if ids is not None else f'#{i + 1}'}"
        f" ({declared[i]:.2f}/{computed[i]:.2f}, {rel[i] * 100:.1f}%)"
        for i in bad[:5]
    ]
    return [
        Problem.group(
            "area_declared_mismatch", "warning", bad, shown, tolerance=tolerance * 100
        )
    ]


def _series(m2: np.ndarray, index) -> pd.Series:
    mu = np.asarray(m2, dtype="float64") / M2_PER_MU
    return pd.Series(mu, index=index, dtype="float64")


def _planar_ok(crs: pyproj.CRS) -> bool:
    method = (crs.coordinate_operation.method_name if crs.coordinate_operation else "").lower()
    return any(m in method for m in _PLANAR_METHODS)


def _unit_factor(crs: pyproj.CRS) -> float:
    axis = crs.axis_info[0] if crs.axis_info else None
    return float(axis.unit_conversion_factor) if axis is not None else 1.0


@functools.lru_cache(maxsize=32)
def _transformer(source: pyproj.CRS, target: pyproj.CRS) -> pyproj.Transformer:
    # Building a transformer takes ~0.1 s; the measure tool asks on every mouse move.
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def _to_geographic(values: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    transformer = _transformer(crs, crs.geodetic_crs)
    return shapely.transform(
        values, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def _gk_area(lonlat: np.ndarray, geographic: pyproj.CRS) -> tuple[np.ndarray, int]:
    """Area in m² of lon/lat geometries, each measured in the 3° GK zone of the data."""
    area = np.full(len(lonlat), np.nan)
    bounds = shapely.bounds(lonlat)
    centre = (bounds[:, 0] + bounds[:, 2]) / 2.0
    ok = np.isfinite(centre)
    if not ok.any():
        return area, 0
    zone = np.round(centre / 3.0) * 3
    zones = np.unique(zone[ok])
    if len(zones) == 1:
        # One zone: the zone of the data's mean longitude (identical to the per-parcel zone).
        zones = np.array([np.round(centre[ok].mean() / 3.0) * 3])
        zone[ok] = zones[0]
    for cm in zones:
        rows = np.flatnonzero(ok & (zone == cm))
        target = gk_zone_crs(geographic, float(cm))
        transformer = _transformer(geographic, target)
        projected = shapely.transform(
            lonlat[rows], lambda xy, t=transformer: np.column_stack(t.transform(xy[:, 0], xy[:, 1]))
        )
        area[rows] = shapely.area(projected)
    return area, len(zones)


def _is_cgcs2000(geodetic: pyproj.CRS) -> bool:
    datum = geodetic.datum
    name = (datum.name if datum is not None else "").lower()
    if "2000" in name and ("china" in name or "cgcs" in name):
        return True
    # Esri-style names (GCS_CGCS_2000 / D_2000 / S_2000): recognise by datum name + ellipsoid.
    ellipsoid = geodetic.ellipsoid
    if "2000" in name and ellipsoid is not None:
        if (
            abs(ellipsoid.semi_major_metre - 6378137.0) < 1e-3
            and abs(ellipsoid.inverse_flattening - 298.257222101) < 1e-6
        ):
            return True
    return geodetic.to_epsg() == 4490
