"""Map furniture: the scale bar's round numbers and the canvas's scale bar and north arrow.

:func:`scale_bar_segments` is the one rule for a scale bar (round 1 / 2 / 5 × 10^k metres per
segment, the whole bar no longer than a given length): print layouts
(:mod:`landplanner.layout.paint`) and the canvas overlay (:func:`draw_scale_bar`) both use it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from landplanner.render.context import MM_PER_INCH


def nice_step(value: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above ``value``."""
    if value <= 0:
        return 1.0
    k = math.floor(math.log10(value))
    for step in (5.0, 2.0, 1.0):
        if step * 10 ** k <= value:
            return step * 10 ** k
    return 10 ** k


def scale_bar_segments(scale: float, max_mm: float, parts: int = 4) -> tuple[float, int]:
    """(metres per segment, segments): round numbers, the whole bar at most ``max_mm`` long."""
    seg_m = nice_step(max_mm / parts * scale / 1000.0)
    return seg_m, parts


def distance_text(metres: float) -> str:
    """``500 m`` / ``2 km`` / ``1.5 km``: the scale bar's end label."""
    if metres >= 1000:
        return f"{metres / 1000:g} km"
    return f"{metres:g} m"


def scale_bar_layout(scale: float, dpi: float, max_px: float,
                     parts: int = 2) -> tuple[float, int, float]:
    """(metres per segment, segments, pixels per segment) of a screen scale bar at most
    ``max_px`` long, for the scale 1:``scale`` on a device of ``dpi``."""
    max_mm = max_px * MM_PER_INCH / dpi
    seg_m, parts = scale_bar_segments(scale, max_mm, parts)
    seg_px = seg_m * 1000.0 / scale * dpi / MM_PER_INCH
    return seg_m, parts, seg_px


def draw_scale_bar(painter: QPainter, bottom_left: QPointF, scale: float, dpi: float,
                   font: QFont | None = None, max_px: float = 140.0) -> QRectF | None:
    """A two-segment scale bar (black / white) with ``0`` and the length, its lower left corner
    at ``bottom_left`` (device pixels); returns its box, or None for a scale of 0."""
    if not scale or scale <= 0 or not math.isfinite(scale):
        return None
    seg_m, parts, seg_px = scale_bar_layout(scale, dpi, max_px)
    bar_w = seg_px * parts
    painter.save()
    if font is not None:
        painter.setFont(font)
    m = QFontMetricsF(painter.font())
    end_label = distance_text(seg_m * parts)
    pad, bar_h = 5.0, 5.0
    w = bar_w + m.horizontalAdvance(end_label) / 2 + 2 * pad + 6
    h = m.height() + bar_h + 2 * pad + 2
    box = QRectF(bottom_left.x(), bottom_left.y() - h, w, h)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 210))
    painter.drawRoundedRect(box, 3, 3)
    x0 = box.left() + pad + 2
    y_bar = box.bottom() - pad - bar_h
    painter.setPen(QPen(QColor("#1a1a1a"), 1.0))
    for i in range(parts):
        painter.setBrush(QColor("#1a1a1a") if i % 2 == 0 else QColor("white"))
        painter.drawRect(QRectF(x0 + i * seg_px, y_bar, seg_px, bar_h))
    painter.setPen(QColor("#1a1a1a"))
    base = y_bar - 2 - m.descent()
    painter.drawText(QPointF(x0 - m.horizontalAdvance("0") / 2, base), "0")
    painter.drawText(QPointF(x0 + bar_w - m.horizontalAdvance(end_label) / 2, base), end_label)
    painter.restore()
    return box


def draw_north_arrow(painter: QPainter, top_right: QPointF, label: str = "N",
                     font: QFont | None = None, height: float = 34.0) -> QRectF:
    """A north arrow (half black, half white) under its letter, its upper right corner at
    ``top_right`` (device pixels); returns its box."""
    painter.save()
    if font is not None:
        painter.setFont(font)
    m = QFontMetricsF(painter.font())
    w = max(22.0, m.horizontalAdvance(label) + 8)
    h = m.height() + height + 6
    box = QRectF(top_right.x() - w, top_right.y(), w, h)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 210))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(QColor("#1a1a1a"))
    painter.drawText(QRectF(box.left(), box.top() + 1, w, m.height()),
                     int(Qt.AlignmentFlag.AlignCenter), label)
    cx = box.center().x()
    top, bottom, half = box.top() + m.height() + 2, box.bottom() - 4, 7.0
    notch = bottom - height * 0.28
    painter.setPen(QPen(QColor("#1a1a1a"), 1.0))
    painter.setBrush(QColor("#1a1a1a"))
    painter.drawPolygon(QPolygonF([QPointF(cx, top), QPointF(cx, notch),
                                   QPointF(cx - half, bottom)]))
    painter.setBrush(QColor("white"))
    painter.drawPolygon(QPolygonF([QPointF(cx, top), QPointF(cx, notch),
                                   QPointF(cx + half, bottom)]))
    painter.restore()
    return box
