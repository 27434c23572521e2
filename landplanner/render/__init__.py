"""One map renderer for every paint device: canvas images, PDF pages, printers, PNG files.

Imports QtCore and QtGui only (no widgets, nothing from :mod:`landplanner.ui`), so print and
the command line run headless.

* :mod:`~landplanner.render.context` — :class:`MapView`, :class:`RenderContext` (dpi, scale,
  extent, device size, stop flag), unit conversion;
* :mod:`~landplanner.render.geometry` — :class:`LayerGeometry` (levels, chunk paths, index)
  and :class:`Symbology`;
* :mod:`~landplanner.render.draw` — ``draw_x(painter, context, ...)`` functions;
* :mod:`~landplanner.render.worker` — the canvas's background renders into ``QImage``.
"""

from landplanner.render.context import MapView, RenderContext, StopFlag
from landplanner.render.draw import (
    ParkLayer,
    draw_features,
    draw_overlay,
    draw_parcel_labels,
    draw_parcels,
    draw_parks,
    draw_quota_gauges,
    draw_selection,
)
from landplanner.render.geometry import LayerGeometry, Symbology

__all__ = [
    "LayerGeometry",
    "MapView",
    "ParkLayer",
    "RenderContext",
    "StopFlag",
    "Symbology",
    "draw_features",
    "draw_overlay",
    "draw_parcel_labels",
    "draw_parcels",
    "draw_parks",
    "draw_quota_gauges",
    "draw_selection",
]
