"""Small matplotlib charts embedded in panels (FigureCanvasQTAgg), in the bundled CJK font.

The figure is built on first use (matplotlib is imported then, not when the window opens):
a chart that is never drawn, or not drawn before the first map, costs nothing at start.
:meth:`ChartCanvas.when_visible` defers a drawing until the chart is on screen (a hidden
dock tab draws when it is raised).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

DPI = 100


class ChartCanvas(QWidget):
    """A compact figure with one axes; call :meth:`redraw` after drawing on :attr:`axes`."""

    def __init__(self, parent: QWidget | None = None, width: float = 3.2, height: float = 1.8) -> None:
        super().__init__(parent)
        self._inches = (width, height)
        self._canvas = None
        self._figure = None
        self._axes = None
        self._pending: Callable[[], None] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(100)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(int(self._inches[0] * DPI), int(self._inches[1] * DPI))

    def _ensure(self) -> None:
        if self._canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from landplanner.fonts import use_in_matplotlib

        use_in_matplotlib()
        self._figure = Figure(figsize=self._inches, dpi=DPI, layout="constrained")
        self._canvas = FigureCanvasQTAgg(self._figure)
        self._canvas.setParent(self)
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._canvas.setMinimumHeight(100)
        self.layout().addWidget(self._canvas)
        self._axes = self._figure.add_subplot(111)

    @property
    def built(self) -> bool:
        """Whether the figure exists (something was drawn)."""
        return self._canvas is not None

    @property
    def figure(self):
        """The matplotlib figure (built on first use)."""
        self._ensure()
        return self._figure

    @property
    def axes(self):
        """The figure's one axes (built on first use)."""
        self._ensure()
        return self._axes

    def clear(self) -> None:
        """Empty axes with the app's light style (nothing to do before the first drawing)."""
        if self._canvas is None:
            return
        ax = self._axes
        ax.clear()
        ax.tick_params(labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    def redraw(self) -> None:
        """Repaint after drawing."""
        if self._canvas is not None:
            self._canvas.draw_idle()

    def when_visible(self, draw: Callable[[], None]) -> None:
        """Run ``draw`` now if the chart is on screen, else when it is first shown (the
        latest request wins)."""
        if self.isVisible():
            self._pending = None
            draw()
        else:
            self._pending = draw

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()
