"""Moved to :mod:`landplanner.render` (one renderer for the canvas, PDF, printers and PNG).

This module only re-exports the names other branches may still import; new code imports
from :mod:`landplanner.render`.
"""

from landplanner.render.context import MapView, RenderContext, StopFlag
from landplanner.render.draw import ParkLayer
from landplanner.render.geometry import LayerGeometry, Symbology
from landplanner.render.worker import RenderNotifier, RenderTask, new_layer_image

__all__ = ["LayerGeometry", "MapView", "ParkLayer", "RenderContext", "RenderNotifier",
           "RenderTask", "StopFlag", "Symbology", "new_layer_image"]
