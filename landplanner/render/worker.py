"""Rendering map layers into ``QImage`` s in a ``QThreadPool`` worker (the canvas's renders).

Each layer gets its own transparent image and one ``QPainter``; the layer's draw function
paints on it through a :class:`RenderContext` (see :mod:`landplanner.render.draw`). A render
checks the context's stop flag between batches so a newer request can cancel it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage, QPainter

from landplanner.render.context import SCREEN_DPI, MapView, RenderContext, StopFlag

#: ``draw(painter, context) -> bool`` (False when stopped).
DrawFn = Callable[[QPainter, RenderContext], bool]


class RenderNotifier(QObject):
    """Carries a finished render back to the GUI thread (queued signal)."""

    finished = Signal(int, object)  # job id, RenderResult


def paint_image(view: MapView, draw: DrawFn, stop: StopFlag | None = None,
                dpi: float = SCREEN_DPI) -> QImage | None:
    """A transparent image of ``view`` painted by ``draw`` (None when stopped)."""
    image = new_layer_image(view, dpi)
    ctx = RenderContext(view, dpi, stop or StopFlag())
    painter = QPainter(image)
    try:
        ok = draw(painter, ctx)
    finally:
        painter.end()
    return image if ok and not ctx.stopped else None


class RenderTask(QRunnable):
    """Renders named layers for one view in a ``QThreadPool`` worker.

    ``layers`` maps a name to ``draw(painter, context) -> bool``. Each layer gets its own
    transparent ``QImage``; nothing is emitted when the task was stopped.
    """

    def __init__(self, job_id: int, view: MapView, layers: dict[str, DrawFn],
                 notifier: RenderNotifier, stop: StopFlag, dpi: float = SCREEN_DPI) -> None:
        super().__init__()
        self.job_id = job_id
        self.view = view
        self.layers = layers
        self.notifier = notifier
        self.stop = stop
        self.dpi = dpi
        self.setAutoDelete(True)

    def run(self) -> None:  # noqa: D102 - QRunnable API
        images, error = {}, None
        try:
            for name, draw in self.layers.items():
                if self.stop.stopped:
                    return
                image = paint_image(self.view, draw, self.stop, self.dpi)
                if image is None:
                    return
                images[name] = image
        except Exception as exc:  # a render must never take the app down; report it instead
            error = exc
        if not self.stop.stopped:
            self.notifier.finished.emit(self.job_id, RenderResult(self.view, images, error))


@dataclass
class RenderResult:
    """What a :class:`RenderTask` hands back: its view, one image per layer, or the error."""

    view: MapView
    images: dict
    error: Exception | None = None


def new_layer_image(view: MapView, dpi: float = SCREEN_DPI) -> QImage:
    """A transparent premultiplied ARGB image of the view's size, tagged with ``dpi``."""
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    dpm = int(round(dpi / 0.0254))
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(Qt.GlobalColor.transparent)
    return image
