"""Distance and area measured on the map, in metres, square metres and mu.

No measuring rule lives here: the polygon or line drawn on the map is measured by
:func:`landplanner.area.area_m2` and :func:`landplanner.area.length_m`, the functions that
give the parcel table its areas, so a parcel traced on the map measures what the table says
(planar in a Gauss-Krüger CRS, on the CRS's own ellipsoid otherwise). With an unknown CRS
there is no figure, only the core's message. No Qt here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from landplanner import area as area_mod
from landplanner import messages

#: Square metres per mu (1 亩 = 10000/15 m²).
M2_PER_MU = area_mod.M2_PER_MU


@dataclass(frozen=True)
class Measurement:
    """A measured line or polygon: length (m), area (m², 0 for a line) and area in mu.

    ``problem`` is the core's message when the figures could not be computed (unknown CRS);
    the figures are then NaN.
    """

    length_m: float
    area_m2: float = 0.0
    problem: str = ""

    @property
    def area_mu(self) -> float:
        """Area in mu (NaN when unknown)."""
        return self.area_m2 / M2_PER_MU

    @property
    def ok(self) -> bool:
        """Whether the figures are known."""
        return math.isfinite(self.length_m) and math.isfinite(self.area_m2)


def _message(problems) -> str:
    bad = [p for p in problems if p.severity in ("warning", "error")]
    return bad[0].message if bad else ""


def measure_line(points: Sequence[tuple[float, float]], crs=None) -> Measurement:
    """Length in metres of the polyline through ``points`` (map coordinates)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) < 2:
        return Measurement(0.0)
    lengths, problems = area_mod.length_m([shapely.LineString(pts)], crs)
    return Measurement(float(lengths[0]), problem=_message(problems))


def measure_polygon(points: Sequence[tuple[float, float]], crs=None) -> Measurement:
    """Perimeter (m) and area (m², mu) of the polygon with vertices ``points`` (not closed)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) < 3:
        line = measure_line(pts, crs)
        return Measurement(line.length_m * (2 if len(pts) == 2 else 0), problem=line.problem)
    polygon = shapely.Polygon(pts)
    areas, problems = area_mod.area_m2([polygon], crs)
    lengths, more = area_mod.length_m([polygon.exterior], crs)
    return Measurement(float(lengths[0]), float(areas[0]), _message(problems + more))


def format_length(metres: float, lang: str | None = None) -> str:
    """``1,234.56 米`` below 10 km, else ``12.35 千米`` (``m`` / ``km`` in English)."""
    en = (lang or messages.language()) == "en"
    if metres >= 10_000:
        return f"{metres / 1000:,.2f} {'km' if en else '千米'}"
    return f"{metres:,.2f} {'m' if en else '米'}"
