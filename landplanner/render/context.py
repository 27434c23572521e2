"""What a drawing function needs to know about its target: view, resolution, scale, stop flag.

Every ``draw_*`` function in :mod:`landplanner.render` takes the caller's ``QPainter`` and a
:class:`RenderContext`. The painter's current transform places the map *frame* (a rectangle
of ``view.width`` × ``view.height`` device units with its top-left corner at the origin); the
draw functions combine the map → frame transform with it, so the same code fills a canvas
image, a frame inside a print layout, a ``QPdfWriter`` page or a ``QPrinter``.

Sizes of lines, symbols and text are given in millimetres or points and converted with the
context's ``dpi`` (device units per inch), never in raw device pixels.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QTransform

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
#: Resolution of a classic screen: the canvas's level-of-detail thresholds are tuned for it.
SCREEN_DPI = 96.0


@dataclass(frozen=True)
class MapView:
    """What is shown: centre (map units), resolution (map units per device unit), size.

    Map ``y`` grows upwards, device ``y`` downwards.
    """

    cx: float
    cy: float
    res: float
    width: int
    height: int

    @classmethod
    def fit(
        cls, bounds: Sequence[float], width: int, height: int, margin: float = 0.03
    ) -> MapView:
        """The view of ``width`` × ``height`` px that shows ``bounds`` (xmin, ymin, xmax, ymax)."""
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        w = max(xmax - xmin, 1e-9)
        h = max(ymax - ymin, 1e-9)
        width = max(int(width), 1)
        height = max(int(height), 1)
        res = max(w / width, h / height) * (1.0 + 2.0 * margin)
        return cls((xmin + xmax) / 2.0, (ymin + ymax) / 2.0, res, width, height)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in map units."""
        hw = self.width * self.res / 2.0
        hh = self.height * self.res / 2.0
        return (self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh)

    def transform(self) -> QTransform:
        """Map coordinates → device (frame) coordinates."""
        xmin, _, _, ymax = self.extent
        k = 1.0 / self.res
        return QTransform(k, 0.0, 0.0, -k, -xmin * k, ymax * k)

    def to_pixel(self, x, y):
        """Map → device (scalars or numpy arrays)."""
        xmin, _, _, ymax = self.extent
        return (x - xmin) / self.res, (ymax - y) / self.res

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        """Device → map."""
        xmin, _, _, ymax = self.extent
        return xmin + px * self.res, ymax - py * self.res

    def zoomed(self, factor: float, px: float | None = None, py: float | None = None) -> MapView:
        """Zoom in by ``factor`` (> 1 zooms in) keeping the map point under pixel (px, py) fixed."""
        if px is None or py is None:
            px, py = self.width / 2.0, self.height / 2.0
        mx, my = self.to_map(px, py)
        res = self.res / factor
        # the point under the cursor stays put: solve for the new centre
        cx = mx - (px - self.width / 2.0) * res
        cy = my + (py - self.height / 2.0) * res
        return MapView(cx, cy, res, self.width, self.height)

    def panned(self, dx: float, dy: float) -> MapView:
        """The view after dragging the map by (dx, dy) pixels."""
        return MapView(self.cx - dx * self.res, self.cy + dy * self.res, self.res,
                       self.width, self.height)

    def resized(self, width: int, height: int) -> MapView:
        """Same centre and resolution, new pixel size."""
        return MapView(self.cx, self.cy, self.res, max(int(width), 1), max(int(height), 1))


class StopFlag:
    """Cancellation flag shared between the GUI thread and a render."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def stop(self) -> None:
        """Ask the render to stop at its next check."""
        self._event.set()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._event.is_set()


@dataclass
class RenderContext:
    """The target of one render.

    Parameters
    ----------
    view
        Extent and size of the map frame in device units (``view.res`` = map units per unit).
    dpi
        Device units per inch (the canvas: its logical dpi; a PDF or PNG: its resolution).
    stop
        Checked between batches; a stopped draw returns False.
    detail_dpi
        Resolution the geometry is simplified for (vertices closer than half a unit at this
        resolution are merged). Defaults to ``dpi``; print uses less than its device dpi
        because paper does not show a 1/1200 inch step.
    metres_per_unit
        Metres per map unit (1 for projected CRSs; about 111 km for degrees).
    underlay
        A PDF export's ``render.draw.VectorUnderlay``: parcel fills are handed to it instead
        of being painted (None: everything is painted).
    """

    view: MapView
    dpi: float = SCREEN_DPI
    stop: StopFlag = field(default_factory=StopFlag)
    detail_dpi: float | None = None
    metres_per_unit: float = 1.0
    underlay: object | None = None

    # -- units ----------------------------------------------------------------------
    def mm(self, millimetres: float) -> float:
        """Device units for a length in millimetres."""
        return millimetres * self.dpi / MM_PER_INCH

    def pt(self, points: float) -> float:
        """Device units for a length in typographic points."""
        return points * self.dpi / PT_PER_INCH

    @property
    def scale(self) -> float:
        """Scale denominator N of 1:N on the target (true on paper, nominal on a screen)."""
        return self.view.res * self.metres_per_unit / (0.0254 / self.dpi)

    @property
    def screen_res(self) -> float:
        """Map units per screen pixel (1/96 inch): the unit of the level-of-detail thresholds."""
        return self.view.res * self.dpi / SCREEN_DPI

    @property
    def lod_res(self) -> float:
        """Map units per simplification step (vertices closer than half a step are merged)."""
        return self.view.res * self.dpi / (self.detail_dpi or self.dpi)

    @property
    def stopped(self) -> bool:
        """Whether the render was asked to stop."""
        return self.stop.stopped

    @classmethod
    def at_scale(cls, centre: tuple[float, float], scale: float, width_mm: float,
                 height_mm: float, dpi: float, **kw) -> RenderContext:
        """A frame of ``width_mm`` × ``height_mm`` at exactly 1:``scale`` around ``centre``."""
        mpu = kw.get("metres_per_unit", 1.0)
        res = scale * (0.0254 / dpi) / mpu
        w = max(int(round(width_mm * dpi / MM_PER_INCH)), 1)
        h = max(int(round(height_mm * dpi / MM_PER_INCH)), 1)
        return cls(MapView(float(centre[0]), float(centre[1]), res, w, h), dpi, **kw)


def union_bounds(*boxes: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    """The box (xmin, ymin, xmax, ymax) around ``boxes`` (None ones left out), None when none:
    the map's full extent is the one around its parcels and its parks."""
    given = [tuple(float(v) for v in b) for b in boxes if b is not None]
    if not given:
        return None
    return (min(b[0] for b in given), min(b[1] for b in given),
            max(b[2] for b in given), max(b[3] for b in given))


def outer_scale(transform: QTransform) -> float:
    """Linear scale of a painter transform (1 for a pure translation)."""
    det = abs(transform.determinant())
    return math.sqrt(det) if det > 0 else 1.0
