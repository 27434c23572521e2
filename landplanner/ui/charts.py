"""Small matplotlib charts embedded in panels (FigureCanvasQTAgg), in the bundled CJK font."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QWidget

from landplanner.fonts import use_in_matplotlib


class ChartCanvas(FigureCanvasQTAgg):
    """A compact figure with one axes; call :meth:`redraw` after drawing on :attr:`axes`."""

    def __init__(self, parent: QWidget | None = None, width: float = 3.2, height: float = 1.8) -> None:
        use_in_matplotlib()
        self.figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.axes = self.figure.add_subplot(111)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(100)

    def clear(self) -> None:
        """Empty axes with the app's light style."""
        ax = self.axes
        ax.clear()
        ax.tick_params(labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    def redraw(self) -> None:
        """Repaint after drawing."""
        self.draw_idle()
