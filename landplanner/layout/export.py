"""Exporting layouts: vector PDF (``QPdfWriter``), PNG at an exact pixel size, checks first.

Never a silent failure:

* before anything is drawn, :func:`preflight` checks that the output can be written (and
  says which file and why not), that every character of every text has a glyph in the
  bundled font that gets embedded, and that the legend fits its frame;
* the file is written next to the target under a temporary name and moved into place only
  when every page was drawn, so a cancelled or failed export leaves no half file behind and
  is never reported as a success (:class:`ExportError`).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from landplanner import messages
from landplanner.layout.data import MapData
from landplanner.layout.model import Layout
from landplanner.layout.paint import Placed, paint_layout
from landplanner.layout.pdf_underlay import UnderlayError, append_underlay
from landplanner.problems import InputError, Problem
from landplanner.render.context import MM_PER_INCH, StopFlag
from landplanner.render.draw import VectorUnderlay
from landplanner.render.text import missing_characters

messages.register({
    "print.no_dir": ("无法写入 {path}：文件夹 {folder} 不存在",
                      "cannot write {path}: the folder {folder} does not exist"),
    "print.not_writable": ("无法写入 {path}：{reason}（文件是否在其他程序中打开？）",
                            "cannot write {path}: {reason} (is the file open in another program?)"),
    "print.is_dir": ("无法写入 {path}：这是一个文件夹", "cannot write {path}: it is a folder"),
    "print.bad_suffix": ("输出文件“{path}”应以 .pdf 或 .png 结尾",
                          "the output '{path}' must end in .pdf or .png"),
    "print.missing_glyphs": (
        "以下字符在内嵌字体中没有字形，打印后会显示为方框：{chars}（出现在：{where}）",
        "these characters have no glyph in the embedded font and would print as boxes: "
        "{chars} (in: {where})"),
    "print.legend_overflow": (
        "图例放不下：{n} 项需要 {cols} 列，超出图例框（{w:.0f} × {h:.0f} 毫米）；请换用更大纸张或减少分类",
        "the legend does not fit: {n} entries need {cols} columns, wider than its frame "
        "({w:.0f} × {h:.0f} mm); use larger paper or fewer classes"),
    "print.cancelled": ("已取消，未生成 {path}", "cancelled; {path} was not written"),
    "print.incomplete": ("导出未完成（{detail}），未生成 {path}",
                          "the export did not complete ({detail}); {path} was not written"),
    "print.bad_dpi": ("分辨率 {dpi} 无效（72–1200 dpi）", "invalid resolution {dpi} (72–1200 dpi)"),
    "print.png_too_big": (
        "{paper} 纸张 {dpi} dpi 的 PNG 有 {mp:,.0f} 百万像素（约 {gb:.1f} GB 内存），超过上限 {limit} 百万像素；"
        "请降低分辨率，或导出矢量 PDF",
        "a {paper} PNG at {dpi} dpi has {mp:,.0f} megapixels (about {gb:.1f} GB of memory), "
        "above the limit of {limit}; use a lower resolution or a vector PDF"),
    "print.page_count": ("页数不符：应为 {expected} 页，实际 {actual} 页；未生成 {path}",
                          "page count mismatch: expected {expected}, made {actual}; "
                          "{path} was not written"),
    "print.creator": ("landplanner 资源资产盘活", "landplanner"),
    "print.printer_failed": ("无法在“{printer}”上开始打印（打印机是否已连接、输出文件是否可写？）",
                             "cannot start printing on '{printer}' (is the printer connected, "
                             "is the output file writable?)"),
})

log = logging.getLogger(__name__)

#: Device resolution of PDF pages. Vector output: only the coordinate grid (1/600 inch).
PDF_DPI = 600
#: Largest PNG page, in megapixels (A1 at 300 dpi is 70; A0 at 600 dpi would be 560).
MAX_PNG_MEGAPIXELS = 200
Progress = Callable[[int, int], None]


class ExportError(InputError):
    """An export that could not be made (the message says which file and why)."""


def _fail(code: str, **kw) -> ExportError:
    return ExportError(Problem.make(code, "error", **kw))


@dataclass
class ExportResult:
    """What an export produced."""

    path: Path
    pages: int
    placed: list[Placed] = field(default_factory=list)
    pixel_size: tuple[int, int] | None = None


def check_writable(path: str | os.PathLike) -> Path:
    """The resolved output path, or ExportError saying why it cannot be written."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise _fail("print.is_dir", path=str(out))
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise _fail("print.no_dir", path=str(out), folder=str(folder))
    try:
        if out.exists():
            with open(out, "r+b"):  # an open PDF locked by a viewer fails here (Windows)
                pass
        else:
            fd, probe = tempfile.mkstemp(prefix=".lp-probe-", dir=folder)
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise _fail("print.not_writable", path=str(out),
                    reason=exc.strerror or str(exc)) from exc
    return out


def check_glyphs(texts_by_item: dict[str, list[str]]) -> None:
    """ExportError listing characters the embedded font cannot show, and where they are."""
    missing: dict[str, list[str]] = {}
    for where, texts in texts_by_item.items():
        for ch in missing_characters(texts):
            missing.setdefault(ch, []).append(where)
    if missing:
        chars = " ".join(f"{c}(U+{ord(c):04X})" for c in sorted(missing))
        where = "、".join(sorted({w for ws in missing.values() for w in ws}))
        raise _fail("print.missing_glyphs", chars=chars, where=where)


def preflight(path: str | os.PathLike, layout: Layout, data: MapData) -> Placed:
    """Check the output, the glyphs and the legend before drawing; return the dry-run layout."""
    check_writable(path)
    return check_page(layout, data)


def check_page(layout: Layout, data: MapData) -> Placed:
    """Check the glyphs and the legend of the page (a dry run); return the dry-run layout."""
    placed = paint_layout(None, layout, data, 96.0)
    check_glyphs({layout.name or "layout": placed.texts})
    if layout.legend and not placed.legend_fits:
        box = placed.rects.get("legend")
        raise _fail("print.legend_overflow", n=len(data.legend), cols=placed.legend_columns,
                    w=box.width() if box else 0, h=box.height() if box else 0)
    return placed


def new_pdf_writer(path: str, layout: Layout, title: str, author: str = "") -> QPdfWriter:
    """A ``QPdfWriter`` with the layout's page, no margins, the title and author set."""
    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    w, h = layout.page_mm
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Millimeter,
                     layout.paper, QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = (QPageLayout.Orientation.Landscape if layout.orientation == "landscape"
                   else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator(messages.text("print.creator"))
    if author and hasattr(writer, "setAuthor"):
        writer.setAuthor(author)
    return writer


class _Staged:
    """Write to a temporary file beside ``target``; move it into place on :meth:`commit`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                   dir=target.parent)
        os.close(fd)
        self.tmp = Path(tmp)

    def commit(self) -> None:
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp made it private
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise _fail("print.not_writable", path=str(self.target),
                        reason=exc.strerror or str(exc)) from exc

    def discard(self) -> None:
        try:
            self.tmp.unlink()
        except OSError:
            pass


def _paint_pdf(path: Path, layout: Layout, data: MapData, stop: StopFlag | None,
               underlay: VectorUnderlay | None) -> Placed:
    writer = new_pdf_writer(str(path), layout, layout.title_text(), layout.unit)
    painter = QPainter(writer)
    try:
        return paint_layout(painter, layout, data, PDF_DPI, stop, underlay)
    finally:
        painter.end()
        del writer


def export_pdf(path: str | os.PathLike, layout: Layout, data: MapData,
               stop: StopFlag | None = None, progress: Progress | None = None) -> ExportResult:
    """One vector PDF page of ``layout``; ExportError when it cannot be made completely.

    The parcels are written as the page's first content stream
    (:mod:`~landplanner.layout.pdf_underlay`, several times faster than through Qt's PDF
    engine for a big layer); should the file not take it, the page is drawn again through
    Qt alone.
    """
    preflight(path, layout, data)
    target = Path(path)
    staged = _Staged(target)
    ok = False
    try:
        if progress:
            progress(0, 1)
        underlay = VectorUnderlay()
        placed = _paint_pdf(staged.tmp, layout, data, stop, underlay)
        if not placed.complete or (stop is not None and stop.stopped):
            raise _fail("print.cancelled", path=str(target))
        if underlay.layers:
            try:
                append_underlay(staged.tmp, underlay, PDF_DPI)
            except UnderlayError:
                log.warning("parcel stream not added to %s; drawing through Qt", target,
                            exc_info=True)
                placed = _paint_pdf(staged.tmp, layout, data, stop, None)
        if not placed.complete or (stop is not None and stop.stopped):
            raise _fail("print.cancelled", path=str(target))
        staged.commit()
        ok = True
        if progress:
            progress(1, 1)
        return ExportResult(target, 1, [placed])
    finally:
        if not ok:
            staged.discard()


def print_layout(printer, layout: Layout, data: MapData,
                 stop: StopFlag | None = None) -> Placed:
    """Paint the page on ``printer`` (a ``QPrinter`` the print dialog set up, or any paged
    device with a resolution): the same checks and drawing as a PDF export, at the device's
    resolution. ExportError when the page cannot be started or was not drawn completely.
    """
    check_page(layout, data)
    name = ""
    if hasattr(printer, "outputFileName"):
        name = printer.outputFileName() or printer.printerName()
    painter = QPainter()
    if not painter.begin(printer):
        raise _fail("print.printer_failed", printer=name or "—")
    try:
        dpi = printer.resolution() if hasattr(printer, "resolution") else printer.logicalDpiX()
        placed = paint_layout(painter, layout, data, float(dpi), stop)
    finally:
        painter.end()
    if not placed.complete or (stop is not None and stop.stopped):
        raise _fail("print.cancelled", path=name or "—")
    return placed


def png_pixel_size(layout: Layout, dpi: float) -> tuple[int, int]:
    """Pixel size of the page at ``dpi`` (rounded to whole pixels)."""
    w, h = layout.page_mm
    return int(round(w / MM_PER_INCH * dpi)), int(round(h / MM_PER_INCH * dpi))


def export_png(path: str | os.PathLike, layout: Layout, data: MapData, dpi: int = 300,
               stop: StopFlag | None = None, progress: Progress | None = None) -> ExportResult:
    """The page as a PNG of exactly :func:`png_pixel_size` pixels, tagged with ``dpi``."""
    if not (72 <= int(dpi) <= 1200):
        raise _fail("print.bad_dpi", dpi=dpi)
    width, height = png_pixel_size(layout, dpi)
    mp = width * height / 1e6
    if mp > MAX_PNG_MEGAPIXELS:
        raise _fail("print.png_too_big", paper=layout.paper, dpi=dpi, mp=mp, gb=mp * 4 / 1000,
                    limit=MAX_PNG_MEGAPIXELS)
    preflight(path, layout, data)
    target = Path(path)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dpm = int(round(dpi / 0.0254))
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    try:
        placed = paint_layout(painter, layout, data, float(dpi), stop)
    finally:
        painter.end()
    if not placed.complete or (stop is not None and stop.stopped):
        raise _fail("print.cancelled", path=str(target))
    staged = _Staged(target)
    if not image.save(str(staged.tmp), "PNG"):
        staged.discard()
        raise _fail("print.incomplete", path=str(target), detail="PNG")
    staged.commit()
    if progress:
        progress(1, 1)
    return ExportResult(target, 1, [placed], (width, height))


def export_layout(path: str | os.PathLike, layout: Layout, data: MapData, dpi: int = 300,
                  stop: StopFlag | None = None, progress: Progress | None = None
                  ) -> ExportResult:
    """PDF or PNG by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return export_pdf(path, layout, data, stop, progress)
    if suffix == ".png":
        return export_png(path, layout, data, dpi, stop, progress)
    raise _fail("print.bad_suffix", path=str(path))
