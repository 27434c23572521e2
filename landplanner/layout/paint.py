"""Painting a :class:`~landplanner.layout.model.Layout` page on any paint device.

The page is painted in device units at ``dpi`` (a ``QPdfWriter`` or ``QPrinter`` page, or a
``QImage`` tagged with that dpi), lengths given in millimetres. :func:`arrange` decides where
each item goes from the paper and orientation; :func:`paint_layout` draws them with the one
renderer (:mod:`landplanner.render`) and returns a :class:`Placed` record (item rectangles,
scale, scale-bar length, every text drawn) that the export checks and the tests measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from landplanner import messages, vocabulary
from landplanner.layout.data import MapData
from landplanner.layout.model import Layout, round_scale
from landplanner.render.context import MM_PER_INCH, MapView, RenderContext, StopFlag
from landplanner.render.draw import (
    device_font,
    draw_parcels,
    draw_parks,
    draw_quota_gauges,
    metrics,
)
from landplanner.render.furniture import nice_step, scale_bar_segments  # noqa: F401 - one rule, shared with the canvas
from landplanner.render.text import print_font

messages.register({
    "layout.legend": ("图例", "Legend"),
    "layout.quota_title": ("盘活任务完成情况", "Quota progress"),
    "layout.quota_head": ("园区|目标(亩)|已销号(亩)|完成率", "Park|Target (mu)|Done (mu)|Done %"),
    "layout.unit": ("制图单位：{value}", "Made by: {value}"),
    "layout.date": ("制图日期：{value}", "Date: {value}"),
    "layout.data_date": ("数据截至：{value}", "Data as of: {value}"),
    "layout.crs": ("坐标系：{value}", "CRS: {value}"),
    "layout.scale": ("比例尺：1:{value}", "Scale: 1:{value}"),
    "layout.fingerprint": ("数据指纹：{value}", "Data fingerprint: {value}"),
    "layout.note": ("备注：{value}", "Note: {value}"),
    "layout.sign_date": ("年    月    日", "Date"),
    "layout.north": ("北", "N"),
})

TITLE_PT = 22.0
SUBTITLE_PT = 12.0
BODY_PT = 8.5
SMALL_PT = 6.5
LINE_MM = 0.35
GUTTER_MM = 5.0  # room for the grid labels around the map frame
SIDEBAR_MM = 92.0
BAND_MM = 24.0


@dataclass
class Placed:
    """Where things went (millimetres on the page) and what was drawn."""

    page_mm: tuple[float, float]
    rects: dict[str, QRectF] = field(default_factory=dict)
    scale: int = 0
    extent: tuple[float, float, float, float] | None = None
    scale_bar_mm: float = 0.0
    scale_bar_m: float = 0.0
    legend_fits: bool = True
    legend_columns: int = 0
    texts: list[str] = field(default_factory=list)
    complete: bool = True


class Page:
    """A painter with millimetre helpers; records every text it draws."""

    def __init__(self, painter: QPainter | None, dpi: float, placed: Placed) -> None:
        self.p = painter
        self.dpi = dpi
        self.placed = placed
        self.ctx = RenderContext(MapView(0, 0, 1, 1, 1), dpi)

    def u(self, mm: float) -> float:
        """Device units for ``mm``."""
        return mm * self.dpi / MM_PER_INCH

    def rect(self, r: QRectF) -> QRectF:
        """A millimetre rectangle in device units."""
        return QRectF(self.u(r.x()), self.u(r.y()), self.u(r.width()), self.u(r.height()))

    def font(self, pt: float, bold: bool = False) -> QFont:
        """The print font at ``pt`` points for this device."""
        if self.p is None:
            return print_font(pt, bold)
        return device_font(self.p, self.ctx, print_font(pt, bold), pt, bold)

    def width_mm(self, text: str, pt: float, bold: bool = False) -> float:
        """Advance width of ``text`` in millimetres."""
        if self.p is None:
            from PySide6.QtGui import QFontMetricsF

            # the screen's metrics: print_font(pt) is pt * 96 / 72 px wide per em at 96 dpi
            return QFontMetricsF(print_font(pt, bold)).horizontalAdvance(text) * 25.4 / 96
        return metrics(self.p, self.font(pt, bold)).horizontalAdvance(text) / self.u(1)

    def text(self, r: QRectF, text: str, pt: float, align=Qt.AlignmentFlag.AlignLeft,
             bold: bool = False, color: str = "#1a1a1a", wrap: bool = False) -> None:
        """``text`` in the millimetre rectangle ``r``."""
        self.placed.texts.append(text)
        if self.p is None or not text:
            return
        self.p.save()
        self.p.setFont(self.font(pt, bold))
        self.p.setPen(QColor(color))
        flags = int(align | Qt.AlignmentFlag.AlignVCenter) if not wrap else \
            int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        self.p.drawText(self.rect(r), flags, text)
        if bold and not wrap and self._vector():
            self._embolden(r, text, pt, flags, color)
        self.p.restore()

    def _vector(self) -> bool:
        engine = self.p.paintEngine() if self.p is not None else None
        return engine is not None and engine.type() in (QPaintEngine.Type.Pdf,
                                                          QPaintEngine.Type.Picture)

    def _embolden(self, r: QRectF, text: str, pt: float, flags: int, color: str) -> None:
        """Bold on a vector device: the bundled font has one weight, and Qt's PDF engine
        does not thicken it. The glyph outlines are stroked over the real text, which stays
        in the text layer (selectable, searchable)."""
        font = self.p.font()
        box = self.p.boundingRect(self.rect(r), flags, text)
        m = metrics(self.p, font)
        path = QPainterPath()
        path.addText(QPointF(box.left(), box.top() + m.ascent()), font, text)
        pen = QPen(QColor(color), self.u(pt * 25.4 / 72) * 0.045)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.p.strokePath(path, pen)

    def box(self, r: QRectF, width_mm: float = LINE_MM, fill: QColor | None = None,
            color: str = "#1a1a1a") -> None:
        """A rectangle outline (and fill)."""
        if self.p is None:
            return
        self.p.save()
        pen = QPen(QColor(color), self.u(width_mm))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.p.setPen(pen if width_mm > 0 else QPen(Qt.PenStyle.NoPen))
        self.p.setBrush(QBrush(fill) if fill is not None else QBrush(Qt.BrushStyle.NoBrush))
        self.p.drawRect(self.rect(r))
        self.p.restore()

    def line(self, x1: float, y1: float, x2: float, y2: float, width_mm: float = LINE_MM,
             color: str = "#1a1a1a") -> None:
        """A straight line between millimetre points."""
        if self.p is None:
            return
        self.p.save()
        self.p.setPen(QPen(QColor(color), self.u(width_mm)))
        self.p.drawLine(QPointF(self.u(x1), self.u(y1)), QPointF(self.u(x2), self.u(y2)))
        self.p.restore()


# ------------------------------------------------------------------ arrangement


def arrange(layout: Layout, legend_rows: int = 8, quota_rows: int = 5) -> dict[str, QRectF]:
    """Rectangles (mm) of the title, map frame, sidebar and the information band.

    On a portrait page the legend and quota table sit under the map, as tall as the longer
    of them (``legend_rows``, ``quota_rows``) needs.
    """
    w, h = layout.page_mm
    m = float(layout.margin_mm)
    title_h = 12.0 + (6.0 if layout.subtitle else 0.0)
    rects = {"page": QRectF(0, 0, w, h), "border": QRectF(m, m, w - 2 * m, h - 2 * m)}
    rects["title"] = QRectF(m, m + 2, w - 2 * m, title_h)
    band_top = h - m - BAND_MM
    rects["band"] = QRectF(m, band_top, w - 2 * m, BAND_MM)
    body = QRectF(m + 2, m + 2 + title_h + 2, w - 2 * m - 4, band_top - (m + title_h + 6))
    gutter = GUTTER_MM if layout.grid else 1.0
    side = layout.legend or layout.quota_table
    if layout.orientation == "landscape":
        side_w = SIDEBAR_MM if side else 0.0
        map_box = QRectF(body.x(), body.y(), body.width() - side_w - (3 if side else 0),
                         body.height())
        if side:
            rects["sidebar"] = QRectF(map_box.right() + 3, body.y(), side_w, body.height())
    else:
        need = max(8 + 5.5 * legend_rows if layout.legend else 0,
                   7 + 5.2 * (quota_rows + 1) + 2 if layout.quota_table else 0)
        side_h = min(need + 2, body.height() * 0.35) if side else 0.0
        map_box = QRectF(body.x(), body.y(), body.width(), body.height() - side_h
                         - (3 if side else 0))
        if side:
            rects["sidebar"] = QRectF(body.x(), map_box.bottom() + 3, body.width(), side_h)
    rects["map"] = map_box.adjusted(gutter, gutter, -gutter, -gutter)
    return rects


def map_scale(layout: Layout, data: MapData, frame_mm: QRectF) -> tuple[int, float, float]:
    """(scale denominator, centre x, centre y) of the map frame."""
    extent = layout.extent or data.bounds
    xmin, ymin, xmax, ymax = extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    if layout.scale:
        return int(layout.scale), cx, cy
    fit = max((xmax - xmin) / (frame_mm.width() / 1000.0),
              (ymax - ymin) / (frame_mm.height() / 1000.0))
    return round_scale(fit * 1.02), cx, cy


# ------------------------------------------------------------------ painting


def paint_layout(painter: QPainter | None, layout: Layout, data: MapData, dpi: float,
                 stop: StopFlag | None = None, underlay=None) -> Placed:
    """Paint the page; ``painter`` None only arranges and collects the texts (a dry run).

    ``underlay`` (a PDF export's ``render.draw.VectorUnderlay``) takes the parcel fills,
    which then go under the page as its first content stream: the white page and frame are
    not painted over them (paper is white).
    """
    placed = Placed(layout.page_mm)
    page = Page(painter, dpi, placed)
    rects = arrange(layout, len(data.legend),
                    len(quota_rows(data)) if layout.quota_table else 0)
    placed.rects = rects
    if painter is not None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if underlay is None:
            painter.fillRect(page.rect(rects["page"]), QColor("white"))
    frame = rects["map"]
    scale, cx, cy = map_scale(layout, data, frame)
    placed.scale = scale
    res = scale * (0.0254 / dpi)  # metres per device unit on paper
    wpx = max(int(math.ceil(page.u(frame.width()))), 1)
    hpx = max(int(math.ceil(page.u(frame.height()))), 1)
    # the view's top-left is the frame's top-left; the frame is filled to its edges
    view = MapView(cx, cy, res, wpx, hpx)
    placed.extent = (cx - frame.width() / 2000 * scale, cy - frame.height() / 2000 * scale,
                     cx + frame.width() / 2000 * scale, cy + frame.height() / 2000 * scale)
    ctx = RenderContext(view, dpi, stop or StopFlag(), detail_dpi=min(dpi, 150.0),
                        underlay=underlay)
    _paint_map(page, ctx, layout, data, frame)
    if ctx.stopped:
        placed.complete = False
    if layout.grid:
        _paint_grid(page, placed, frame, scale)
    if layout.north_arrow:
        _paint_north(page, frame)
    if layout.scale_bar:
        _paint_scale_bar(page, placed, frame, scale)
    page.box(frame, LINE_MM)
    _paint_title(page, layout, rects["title"])
    if "sidebar" in rects:
        _paint_sidebar(page, layout, data, rects["sidebar"])
    _paint_band(page, layout, data, rects["band"], scale)
    page.box(rects["border"], 0.6)
    if painter is not None:
        painter.restore()
    return placed


def _paint_map(page: Page, ctx: RenderContext, layout: Layout, data: MapData,
               frame: QRectF) -> None:
    p = page.p
    if data.parks is not None and layout.park_labels:
        page.placed.texts.extend(data.parks.names)
    if p is None:
        return
    p.save()
    r = page.rect(frame)
    p.setClipRect(r)
    if ctx.underlay is None:
        p.fillRect(r, QColor("white"))
    else:  # the parcels go under the page: clipped to the frame there
        ctx.underlay.clip = (r.x(), r.y(), r.width(), r.height())
    p.translate(r.topLeft())
    draw_parcels(p, ctx, data.layer, data.symbology, fill_and_stroke=True)
    if data.parks is not None and not ctx.stopped:
        draw_parks(p, ctx, data.parks)
        if layout.park_labels:
            draw_quota_gauges(p, ctx, data.parks, data.quota_labels, print_font(9.0))
    p.restore()


def _fmt_coord(v: float) -> str:
    return f"{v:,.0f}".replace(",", " ")


def _paint_grid(page: Page, placed: Placed, frame: QRectF, scale: int) -> None:
    xmin, ymin, xmax, ymax = placed.extent
    step = nice_step((xmax - xmin) / 5)
    mm_per_m = 1000.0 / scale
    x = math.ceil(xmin / step) * step
    while x < xmax:
        px = frame.left() + (x - xmin) * mm_per_m
        page.line(px, frame.top(), px, frame.bottom(), 0.12, "#8c8c8c")
        label = _fmt_coord(x)
        page.text(QRectF(px - 15, frame.top() - GUTTER_MM, 30, GUTTER_MM - 0.5), label, SMALL_PT,
                  Qt.AlignmentFlag.AlignHCenter, color="#404040")
        page.text(QRectF(px - 15, frame.bottom() + 0.5, 30, GUTTER_MM - 0.5), label, SMALL_PT,
                  Qt.AlignmentFlag.AlignHCenter, color="#404040")
        x += step
    y = math.ceil(ymin / step) * step
    while y < ymax:
        py = frame.bottom() - (y - ymin) * mm_per_m
        page.line(frame.left(), py, frame.right(), py, 0.12, "#8c8c8c")
        label = _fmt_coord(y)
        for left in (True, False):
            _vertical_text(page, frame.left() - GUTTER_MM / 2 if left
                           else frame.right() + GUTTER_MM / 2, py, label)
        y += step


def _vertical_text(page: Page, x_mm: float, y_mm: float, text: str) -> None:
    page.placed.texts.append(text)
    p = page.p
    if p is None:
        return
    p.save()
    p.translate(page.u(x_mm), page.u(y_mm))
    p.rotate(-90)
    p.setFont(page.font(SMALL_PT))
    p.setPen(QColor("#404040"))
    p.drawText(QRectF(-page.u(15), -page.u(GUTTER_MM / 2), page.u(30), page.u(GUTTER_MM)),
               int(Qt.AlignmentFlag.AlignCenter), text)
    p.restore()


def _paint_north(page: Page, frame: QRectF) -> None:
    x, y = frame.right() - 10, frame.top() + 5
    page.box(QRectF(x - 6, y - 2, 12, 19), 0, QColor(255, 255, 255, 220))
    page.text(QRectF(x - 5, y - 1.5, 10, 5), messages.text("layout.north"), 10.0,
              Qt.AlignmentFlag.AlignHCenter, bold=True)
    p = page.p
    if p is None:
        return
    top, bottom, half = y + 4, y + 15.5, 3.5
    left = QPolygonF([QPointF(page.u(x), page.u(top)), QPointF(page.u(x), page.u(bottom - 3)),
                      QPointF(page.u(x - half), page.u(bottom))])
    right = QPolygonF([QPointF(page.u(x), page.u(top)), QPointF(page.u(x), page.u(bottom - 3)),
                       QPointF(page.u(x + half), page.u(bottom))])
    p.save()
    p.setPen(QPen(QColor("#1a1a1a"), page.u(0.25)))
    p.setBrush(QColor("#1a1a1a"))
    p.drawPolygon(left)
    p.setBrush(QColor("white"))
    p.drawPolygon(right)
    p.restore()


def _paint_scale_bar(page: Page, placed: Placed, frame: QRectF, scale: int) -> None:
    seg_m, parts = scale_bar_segments(scale, min(70.0, frame.width() * 0.3))
    seg_mm = seg_m * 1000.0 / scale
    total_mm = seg_mm * parts
    placed.scale_bar_mm, placed.scale_bar_m = total_mm, seg_m * parts
    km = seg_m * parts >= 1000
    unit = "km" if km else "m"
    x0, y0 = frame.left() + 6, frame.bottom() - 6
    bg = QRectF(x0 - 3, y0 - 13, total_mm + 14, 16)
    page.box(bg, 0, QColor(255, 255, 255, 225))
    placed.rects["scale_bar"] = QRectF(x0, y0 - 2, total_mm, 2)
    page.text(QRectF(x0, y0 - 12.5, total_mm + 10, 4.5),
              f"1:{scale:,}", BODY_PT, Qt.AlignmentFlag.AlignLeft, bold=True)
    for i in range(parts):
        fill = QColor("#1a1a1a") if i % 2 == 0 else QColor("white")
        page.box(QRectF(x0 + i * seg_mm, y0 - 2, seg_mm, 2), 0.2, fill)
    for i in range(parts + 1):
        value = seg_m * i / (1000 if km else 1)
        label = f"{value:g}" + (f" {unit}" if i == parts else "")
        page.text(QRectF(x0 + i * seg_mm - 8, y0 - 7.5, 16 if i < parts else 22, 4.5), label,
                  SMALL_PT, Qt.AlignmentFlag.AlignHCenter)


def _paint_title(page: Page, layout: Layout, r: QRectF) -> None:
    page.text(QRectF(r.x(), r.y(), r.width(), 11), layout.title_text(), TITLE_PT,
              Qt.AlignmentFlag.AlignHCenter, bold=True)
    if layout.subtitle:
        page.text(QRectF(r.x(), r.y() + 11, r.width(), 6), layout.subtitle, SUBTITLE_PT,
                  Qt.AlignmentFlag.AlignHCenter, color="#404040")


def legend_grid(page: Page, data: MapData, box: QRectF) -> tuple[int, int, float, bool]:
    """(rows per column, columns, column width mm, fits) of the legend in ``box``."""
    row_h = 5.5
    rows = max(int((box.height() - 8) // row_h), 1)
    n = len(data.legend)
    cols = max(math.ceil(n / rows), 1)
    text_w = max((page.width_mm(e.label, BODY_PT) for e in data.legend), default=0)
    col_w = 10 + text_w + 4
    fits = cols * col_w <= box.width() + 0.01 and n <= rows * cols
    return rows, cols, col_w, fits


def _paint_legend(page: Page, data: MapData, box: QRectF) -> None:
    page.text(QRectF(box.x(), box.y(), box.width(), 6),
              f"{messages.text('layout.legend')}  {data.style_title}", 10.0, bold=True)
    rows, cols, col_w, fits = legend_grid(page, data, box)
    page.placed.legend_fits = fits
    page.placed.legend_columns = cols
    page.placed.rects["legend"] = box
    for i, item in enumerate(data.legend):
        c, r = divmod(i, rows)
        x = box.x() + c * col_w
        y = box.y() + 8 + r * 5.5
        swatch = QRectF(x, y + 0.6, 8, 4.2)
        if item.accent:
            page.box(swatch, 0.5, None, item.outline.name())
        else:
            page.box(swatch, 0.2, item.fill, item.outline.name())
        page.text(QRectF(x + 10, y, col_w - 10, 5.4), item.label, BODY_PT)


def quota_rows(data: MapData) -> list[list[str]]:
    """The quota table as printed: park, target, done, percent (from ``quota.compute``)."""
    from landplanner.analysis.quota import park_label

    if data.quota is None:
        return []
    rows = []
    for row in data.quota.to_dict("records"):
        name = park_label(row["park"])  # 全区 / District, as in the panel, CLI and workbook
        pct = row.get("percent")
        rows.append([name, f"{row['target_mu']:,.1f}", f"{row['done_mu']:,.1f}",
                     "—" if pct is None or not math.isfinite(pct) else f"{pct:.1f}%"])
    return rows


def _paint_quota(page: Page, data: MapData, box: QRectF) -> None:
    rows = quota_rows(data)
    if not rows:
        return
    page.text(QRectF(box.x(), box.y(), box.width(), 6), messages.text("layout.quota_title"),
              10.0, bold=True)
    # the quota terms of the vocabulary (the panel's, the CLI's and the workbook's words)
    head = [vocabulary.header("quota", k) for k in ("park", "target_mu", "done_mu")] + [
        vocabulary.label("quota", "percent")]
    num_w = 17.0
    name_w = box.width() - 3 * num_w
    widths = [name_w, num_w, num_w, num_w]
    y = box.y() + 7
    row_h = 5.2
    page.box(QRectF(box.x(), y, box.width(), row_h), 0, QColor("#eeeeee"))
    for r, cells in enumerate([head] + rows):
        x = box.x()
        bold = r == 0 or r == len(rows)
        for c, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
            page.text(QRectF(x + 1, y, w - 2, row_h), cell, BODY_PT - (0.5 if r == 0 else 0),
                      align, bold=bold)
            x += w
        y += row_h
        page.line(box.x(), y, box.right(), y, 0.15 if r else 0.3, "#606060")
    page.placed.rects["quota"] = QRectF(box.x(), box.y(), box.width(), y - box.y())


def _paint_sidebar(page: Page, layout: Layout, data: MapData, r: QRectF) -> None:
    nq = len(quota_rows(data)) if layout.quota_table else 0
    quota_h = (7 + 5.2 * (nq + 1) + 2) if nq else 0.0
    if layout.orientation == "landscape":
        legend_box = QRectF(r.x(), r.y(), r.width(), r.height() - quota_h - 4)
        quota_box = QRectF(r.x(), r.bottom() - quota_h, r.width(), quota_h)
    else:
        half = r.width() / 2 - 2 if nq else r.width()
        legend_box = QRectF(r.x(), r.y(), half if layout.quota_table and nq else r.width(),
                            r.height())
        quota_box = QRectF(r.right() - half, r.y(), half, quota_h)
    if layout.legend:
        _paint_legend(page, data, legend_box)
    if nq:
        _paint_quota(page, data, quota_box)


def _paint_band(page: Page, layout: Layout, data: MapData, r: QRectF, scale: int) -> None:
    page.line(r.left(), r.top(), r.right(), r.top(), 0.35)
    today = data.today.isoformat()
    lines = [
        messages.text("layout.unit", value=layout.unit or "—"),
        messages.text("layout.date", value=layout.date or today),
        messages.text("layout.data_date", value=layout.data_date or today),
        messages.text("layout.crs", value=data.crs_text()),
        messages.text("layout.scale", value=f"{scale:,}"),
    ]
    if layout.fingerprint:
        lines.append(messages.text("layout.fingerprint", value=data.fingerprint))
    sign_w = 34.0 if r.width() > 250 else 27.0
    signs = list(layout.signatures)
    sign_x = r.right() - len(signs) * sign_w
    info_w = sign_x - r.x() - 4
    wide = info_w >= 250
    widths = (68.0, 108.0) if wide else (info_w * 0.38, info_w * 0.62)
    rows = 3
    step = 6.2 if wide else 5.3
    for i, line in enumerate(lines):
        c, k = divmod(i, rows)
        x = r.x() + 2 + (widths[0] + 2 if c else 0)
        page.text(QRectF(x, r.y() + 1.5 + k * step, widths[c], step), line,
                  BODY_PT if wide else BODY_PT - 1)
    if layout.note:
        note = messages.text("layout.note", value=layout.note)
        if wide:
            note_x = r.x() + 2 + widths[0] + widths[1] + 6
            page.text(QRectF(note_x, r.y() + 2, max(sign_x - note_x - 4, 20), r.height() - 4),
                      note, BODY_PT, wrap=True)
        else:
            page.text(QRectF(r.x() + 2, r.y() + 1.5 + rows * step, info_w, 4.5), note,
                      BODY_PT - 1.5)
    for i, label in enumerate(signs):
        box = QRectF(sign_x + i * sign_w, r.y(), sign_w, r.height())
        page.box(box, 0.3)
        page.text(QRectF(box.x() + 2, box.y() + 1, sign_w - 4, 5.5), label, 9.5, bold=True)
        page.line(box.x() + 4, box.y() + 15, box.right() - 4, box.y() + 15, 0.2, "#606060")
        page.text(QRectF(box.x() + 2, box.y() + 17, sign_w - 4, 5), messages.text(
            "layout.sign_date"), SMALL_PT, Qt.AlignmentFlag.AlignRight, color="#404040")
    page.placed.rects["signatures"] = QRectF(sign_x, r.y(), len(signs) * sign_w, r.height())


__all__ = ["Placed", "arrange", "paint_layout", "quota_rows", "scale_bar_segments"]
