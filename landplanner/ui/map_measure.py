"""Distance and area measured on the map, in metres, square metres and mu.

Projected CRSs (the usual Gauss-Krüger zone, EPSG:4549 …) are measured in the plane, which is
what the land register does; geographic CRSs on the ellipsoid with ``pyproj.Geod``. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pyproj import CRS, Geod

#: Square metres per mu (1 亩 = 10000/15 m²).
M2_PER_MU = 10000.0 / 15.0


@dataclass(frozen=True)
class Measurement:
    """A measured line or polygon: length (m), area (m², 0 for a line) and area in mu."""

    length_m: float
    area_m2: float = 0.0

    @property
    def area_mu(self) -> float:
        """Area in mu."""
        return self.area_m2 / M2_PER_MU


def _geod(crs) -> Geod | None:
    """The ellipsoid of a geographic ``crs``, or None when the CRS is projected/unknown."""
    if crs is None:
        return None
    crs = CRS.from_user_input(crs)
    if not crs.is_geographic:
        return None
    return crs.get_geod()


def _unit_factor(crs) -> float:
    """Metres per map unit of a projected CRS (1 when unknown)."""
    if crs is None:
        return 1.0
    crs = CRS.from_user_input(crs)
    try:
        return float(crs.axis_info[0].unit_conversion_factor or 1.0)
    except (IndexError, AttributeError):
        return 1.0


def measure_line(points: Sequence[tuple[float, float]], crs=None) -> Measurement:
    """Length in metres of the polyline through ``points`` (map coordinates)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) < 2:
        return Measurement(0.0)
    geod = _geod(crs)
    if geod is not None:
        return Measurement(float(geod.line_length(pts[:, 0], pts[:, 1])))
    seg = np.diff(pts, axis=0)
    return Measurement(float(np.hypot(seg[:, 0], seg[:, 1]).sum()) * _unit_factor(crs))


def measure_polygon(points: Sequence[tuple[float, float]], crs=None) -> Measurement:
    """Perimeter (m) and area (m², mu) of the polygon with vertices ``points`` (not closed)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) < 3:
        return Measurement(measure_line(pts, crs).length_m * (2 if len(pts) == 2 else 0))
    closed = np.vstack([pts, pts[:1]])
    geod = _geod(crs)
    if geod is not None:
        area, perim = geod.polygon_area_perimeter(pts[:, 0], pts[:, 1])
        return Measurement(float(perim), abs(float(area)))
    k = _unit_factor(crs)
    x, y = closed[:, 0], closed[:, 1]
    area = 0.5 * abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])))
    seg = np.diff(closed, axis=0)
    return Measurement(float(np.hypot(seg[:, 0], seg[:, 1]).sum()) * k, area * k * k)


def format_length(metres: float) -> str:
    """``1,234.56 m`` below 10 km, else ``12.35 km``."""
    if metres >= 10_000:
        return f"{metres / 1000:,.2f} km"
    return f"{metres:,.2f} m"
