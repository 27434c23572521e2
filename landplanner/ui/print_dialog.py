"""File → Print: the layout editor with a live preview, PDF/PNG export, the system printer,
and the 一企一策 atlas (one page per enterprise, parcel or park) with progress and Cancel.

The dialog only edits a :class:`~landplanner.layout.model.Layout` and calls
:mod:`landplanner.layout`; every page is drawn by :mod:`landplanner.render`, the same code as
the map canvas. Templates are saved in the project through the project model.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from landplanner.layout import model as lm
from landplanner.ui import app_settings

PREVIEW_DPI = 40.0


class PrintDialog(QDialog):
    """Layout editor and exporter for the project in ``project_model``.

    ``view_extent`` is the canvas's current extent (xmin, ymin, xmax, ymax) for "current
    view"; ``style`` the canvas's thematic style.
    """

    def __init__(self, project_model, view_extent=None, style: str = "category",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("PrintDialog", "Print and export"))
        self.model = project_model
        self.view_extent = tuple(view_extent) if view_extent else None
        self._data_cache: dict[str, object] = {}
        self.last_error: str = ""
        self.last_result = None

        tabs = QTabWidget(self)
        tabs.addTab(self._build_layout_tab(style), QCoreApplication.translate("PrintDialog", "Map layout"))
        tabs.addTab(self._build_atlas_tab(), QCoreApplication.translate("PrintDialog", "Case-file atlas"))
        self.tabs = tabs
        self.preview = QLabel(self)
        self.preview.setMinimumSize(520, 380)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #808080;")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(tabs, 0)
        top.addWidget(self.preview, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_preview)
        self._load_template_names()
        self.schedule_preview()

    # ------------------------------------------------------------------ widgets
    def _build_layout_tab(self, style: str) -> QWidget:
        w = QWidget(self)
        form = QFormLayout(w)
        self.template = QComboBox(w)
        self.template.activated.connect(self._template_chosen)
        save_tpl = QPushButton(QCoreApplication.translate("PrintDialog", "Save as template…"), w)
        save_tpl.clicked.connect(self.save_template)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(save_tpl)
        form.addRow(QCoreApplication.translate("PrintDialog", "Template"), row)
        self.paper = QComboBox(w)
        self.paper.addItems(list(lm.PAPER_MM))
        self.paper.setCurrentText("A3")
        self.orientation = QComboBox(w)
        self.orientation.addItem(QCoreApplication.translate("PrintDialog", "Landscape"), "landscape")
        self.orientation.addItem(QCoreApplication.translate("PrintDialog", "Portrait"), "portrait")
        self.margin = QDoubleSpinBox(w)
        self.margin.setRange(0, 50)
        self.margin.setValue(10)
        self.margin.setSuffix(" mm")
        self.title_edit = QLineEdit(w)
        self.title_edit.setPlaceholderText(lm.Layout().title_text())
        self.subtitle = QLineEdit(w)
        self.style_box = QComboBox(w)
        for name in lm.STYLES:
            self.style_box.addItem(name, name)
        try:
            from landplanner.ui.styles import style_titles

            for i, (name, title) in enumerate(style_titles().items()):
                self.style_box.setItemText(i, title)
                self.style_box.setItemData(i, name)
        except Exception:  # titles are cosmetic
            pass
        self.style_box.setCurrentIndex(max(self.style_box.findData(style), 0))
        self.extent_mode = QComboBox(w)
        self.extent_mode.addItem(QCoreApplication.translate("PrintDialog", "All parcels"), "all")
        self.extent_mode.addItem(QCoreApplication.translate("PrintDialog", "Current map view"), "view")
        if self.view_extent is not None:
            self.extent_mode.setCurrentIndex(1)
        self.scale = QComboBox(w)
        self.scale.setEditable(True)
        self.scale.addItem(QCoreApplication.translate("PrintDialog", "Fit (round scale)"), None)
        for s in (2000, 5000, 10000, 25000, 50000, 100000):
            self.scale.addItem(f"1:{s:,}", s)
        self.unit = QLineEdit(w)
        self.data_date = QDateEdit(QDate.currentDate(), w)
        self.data_date.setCalendarPopup(True)
        self.data_date.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit(w)
        self.checks = {}
        checks = QWidget(w)
        grid = QVBoxLayout(checks)
        grid.setContentsMargins(0, 0, 0, 0)
        for key, text in (("legend", QCoreApplication.translate("PrintDialog", "Legend")), ("scale_bar", QCoreApplication.translate("PrintDialog", "Scale bar")),
                          ("north_arrow", QCoreApplication.translate("PrintDialog", "North arrow")), ("grid", QCoreApplication.translate("PrintDialog", "Coordinate grid")),
                          ("quota_table", QCoreApplication.translate("PrintDialog", "Quota table")),
                          ("park_labels", QCoreApplication.translate("PrintDialog", "Park quota labels"))):
            box = QCheckBox(text, checks)
            box.setChecked(True)
            grid.addWidget(box)
            self.checks[key] = box
        form.addRow(QCoreApplication.translate("PrintDialog", "Paper"), self.paper)
        form.addRow(QCoreApplication.translate("PrintDialog", "Orientation"), self.orientation)
        form.addRow(QCoreApplication.translate("PrintDialog", "Margins"), self.margin)
        form.addRow(QCoreApplication.translate("PrintDialog", "Title"), self.title_edit)
        form.addRow(QCoreApplication.translate("PrintDialog", "Subtitle"), self.subtitle)
        form.addRow(QCoreApplication.translate("PrintDialog", "Map style"), self.style_box)
        form.addRow(QCoreApplication.translate("PrintDialog", "Map shows"), self.extent_mode)
        form.addRow(QCoreApplication.translate("PrintDialog", "Scale"), self.scale)
        form.addRow(QCoreApplication.translate("PrintDialog", "Mapping unit"), self.unit)
        form.addRow(QCoreApplication.translate("PrintDialog", "Data as of"), self.data_date)
        form.addRow(QCoreApplication.translate("PrintDialog", "Note"), self.note)
        form.addRow(QCoreApplication.translate("PrintDialog", "Items"), checks)
        self.dpi = QComboBox(w)
        for d in (150, 300, 600):
            self.dpi.addItem(f"{d} dpi", d)
        self.dpi.setCurrentIndex(1)
        buttons = QHBoxLayout()
        pdf = QPushButton(QCoreApplication.translate("PrintDialog", "Export PDF…"), w)
        pdf.clicked.connect(self.export_pdf_dialog)
        png = QPushButton(QCoreApplication.translate("PrintDialog", "Export PNG…"), w)
        png.clicked.connect(self.export_png_dialog)
        prn = QPushButton(QCoreApplication.translate("PrintDialog", "Print…"), w)
        prn.clicked.connect(self.print_dialog)
        buttons.addWidget(pdf)
        buttons.addWidget(png)
        buttons.addWidget(self.dpi)
        buttons.addWidget(prn)
        form.addRow(buttons)
        for widget in (self.paper, self.orientation, self.style_box, self.extent_mode,
                       self.scale):
            widget.currentIndexChanged.connect(self.schedule_preview)
        self.scale.editTextChanged.connect(self.schedule_preview)
        self.margin.valueChanged.connect(self.schedule_preview)
        for edit in (self.title_edit, self.subtitle, self.unit, self.note):
            edit.textChanged.connect(self.schedule_preview)
        self.data_date.dateChanged.connect(self.schedule_preview)
        for box in self.checks.values():
            box.toggled.connect(self.schedule_preview)
        return w

    def _build_atlas_tab(self) -> QWidget:
        w = QWidget(self)
        form = QFormLayout(w)
        self.atlas_by = QComboBox(w)
        self.atlas_by.addItem(QCoreApplication.translate("PrintDialog", "One page per enterprise"), "enterprise")
        self.atlas_by.addItem(QCoreApplication.translate("PrintDialog", "One page per parcel"), "parcel")
        self.atlas_by.addItem(QCoreApplication.translate("PrintDialog", "One page per park"), "park")
        self.atlas_filter = QLineEdit(w)
        self.atlas_filter.setPlaceholderText("class=D, park=…, overdue")
        self.atlas_selection = QCheckBox(QCoreApplication.translate("PrintDialog", "Only the selected parcels' pages"), w)
        self.atlas_split = QComboBox(w)
        self.atlas_split.addItem(QCoreApplication.translate("PrintDialog", "One PDF"), "none")
        self.atlas_split.addItem(QCoreApplication.translate("PrintDialog", "One file per page"), "page")
        self.atlas_split.addItem(QCoreApplication.translate("PrintDialog", "One PDF per park"), "park")
        self.atlas_count = QLabel(w)
        export = QPushButton(QCoreApplication.translate("PrintDialog", "Export atlas…"), w)
        export.clicked.connect(self.export_atlas_dialog)
        form.addRow(QCoreApplication.translate("PrintDialog", "Pages"), self.atlas_by)
        form.addRow(QCoreApplication.translate("PrintDialog", "Filter"), self.atlas_filter)
        form.addRow("", self.atlas_selection)
        form.addRow(QCoreApplication.translate("PrintDialog", "Files"), self.atlas_split)
        form.addRow(QCoreApplication.translate("PrintDialog", "Count"), self.atlas_count)
        form.addRow(export)
        for widget in (self.atlas_by,):
            widget.currentIndexChanged.connect(self.update_atlas_count)
        self.atlas_filter.textChanged.connect(self.update_atlas_count)
        self.atlas_selection.toggled.connect(self.update_atlas_count)
        return w

    # ------------------------------------------------------------------ layout
    def layout_value(self) -> lm.Layout:
        """The layout the widgets describe (raises InputError on a bad value)."""
        scale = self.scale.currentData()
        text = self.scale.currentText().replace("1:", "").replace(",", "").strip()
        if scale is None and text.isdigit():
            scale = int(text)
        extent = self.view_extent if self.extent_mode.currentData() == "view" else None
        return lm.Layout(
            name=self.template.currentText() or "默认",
            paper=self.paper.currentText(), orientation=self.orientation.currentData(),
            margin_mm=self.margin.value(), title=self.title_edit.text(),
            subtitle=self.subtitle.text(), style=self.style_box.currentData(), scale=scale,
            extent=extent, unit=self.unit.text(), note=self.note.text(),
            data_date=self.data_date.date().toString("yyyy-MM-dd"),
            **{k: box.isChecked() for k, box in self.checks.items()})

    def set_layout(self, layout: lm.Layout) -> None:
        """Show ``layout`` in the widgets."""
        self.paper.setCurrentText(layout.paper)
        self.orientation.setCurrentIndex(self.orientation.findData(layout.orientation))
        self.margin.setValue(layout.margin_mm)
        self.title_edit.setText(layout.title)
        self.subtitle.setText(layout.subtitle)
        self.style_box.setCurrentIndex(max(self.style_box.findData(layout.style), 0))
        if layout.scale:
            self.scale.setEditText(f"1:{layout.scale:,}")
        else:
            self.scale.setCurrentIndex(0)
        self.unit.setText(layout.unit)
        self.note.setText(layout.note)
        if layout.data_date:
            self.data_date.setDate(QDate.fromString(layout.data_date, "yyyy-MM-dd"))
        for key, box in self.checks.items():
            box.setChecked(bool(getattr(layout, key)))

    def _load_template_names(self) -> None:
        project = self.model.project
        names = list(lm.templates(getattr(project, "settings", None)))
        self.template.clear()
        self.template.addItems(names or ["默认"])

    def _template_chosen(self, _index: int) -> None:
        settings = getattr(self.model.project, "settings", None)
        found = lm.templates(settings)
        name = self.template.currentText()
        if name in found:
            self.set_layout(found[name])

    def save_template(self, name: str | None = None) -> None:
        """Save the current layout in the project under a name (asked when not given)."""
        if name is None:
            name, ok = QInputDialog.getText(self, QCoreApplication.translate("PrintDialog", "Save template"), QCoreApplication.translate("PrintDialog", "Template name"),
                                            text=self.template.currentText() or "默认")
            if not ok or not name.strip():
                return
        layout = self.layout_value()
        layout.name = name.strip()
        self.model.save_print_template(layout.name, layout.to_dict())
        self._load_template_names()
        self.template.setCurrentText(layout.name)

    # ------------------------------------------------------------------ data and preview
    def map_data(self, style: str):
        """Page data for ``style`` (cached while the dialog is open)."""
        from landplanner.layout.data import build_map_data

        if style not in self._data_cache:
            self._data_cache[style] = build_map_data(self.model.project, style,
                                                     today=self.model.today,
                                                     scores=self.model.scores)
        return self._data_cache[style]

    def schedule_preview(self, *_args) -> None:
        """Re-draw the preview shortly (typing does not redraw on every key)."""
        self._timer.start()

    def update_preview(self) -> None:
        """Draw the page at low resolution into the preview."""
        from landplanner.layout.paint import paint_layout
        from landplanner.problems import InputError

        try:
            layout = self.layout_value()
            data = self.map_data(layout.style)
        except InputError as exc:
            self.preview.setText(exc.problem.message)
            return
        w, h = layout.page_mm
        # as many pixels as the preview shows, so it stays sharp
        fit = min(self.preview.width() / (w / 25.4), self.preview.height() / (h / 25.4))
        dpi = max(PREVIEW_DPI, min(fit * self.preview.devicePixelRatioF(), 150.0))
        image = QImage(int(w / 25.4 * dpi), int(h / 25.4 * dpi), QImage.Format.Format_RGB32)
        dpm = int(round(dpi / 0.0254))
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        try:
            placed = paint_layout(painter, layout, data, dpi)
        finally:
            painter.end()
        self.last_placed = placed
        pix = QPixmap.fromImage(image).scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pix)
        self.preview_image = image
        if not placed.legend_fits:
            self.preview.setToolTip(QCoreApplication.translate("PrintDialog", "The legend does not fit its frame"))

    def update_atlas_count(self, *_args) -> None:
        """How many pages the atlas would have."""
        from landplanner.layout.atlas import atlas_records
        from landplanner.problems import InputError

        try:
            n = len(self.atlas_records(atlas_records))
            self.atlas_count.setText(QCoreApplication.translate("PrintDialog", "{0} pages (plus cover and contents)").format(n))
        except InputError as exc:
            self.atlas_count.setText(exc.problem.message)

    def atlas_records(self, atlas_records):
        data = self.map_data("class")
        records = atlas_records(data, self.atlas_by.currentData(), self.atlas_filter.text())
        if self.atlas_selection.isChecked():
            chosen = set(self.model.selection)
            records = [r for r in records if chosen & set(int(i) for i in r.rows)]
        return records

    # ------------------------------------------------------------------ output
    def _report(self, exc: BaseException) -> None:
        from landplanner.problems import InputError

        message = exc.problem.message if isinstance(exc, InputError) else str(exc)
        self.last_error = message
        if getattr(self, "quiet", False):
            return
        QMessageBox.warning(self, QCoreApplication.translate("PrintDialog", "Export failed"), message)

    def export_to(self, path: str | Path, dpi: int | None = None):
        """Export the layout to ``path`` (.pdf or .png); returns the result or None."""
        from landplanner.layout.export import export_layout

        try:
            layout = self.layout_value()
            result = export_layout(path, layout, self.map_data(layout.style),
                                   dpi=dpi or self.dpi.currentData())
        except Exception as exc:  # shown to the user, never a silent failure
            self._report(exc)
            return None
        self.last_result = result
        return result

    def _ask_path(self, title: str, name: str, filt: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title,
                                              str(Path(app_settings.last_folder()) / name), filt)
        if path:
            app_settings.remember_folder(path)
        return path

    def export_pdf_dialog(self) -> None:
        path = self._ask_path(QCoreApplication.translate("PrintDialog", "Export PDF"), QCoreApplication.translate("PrintDialog", "map.pdf"), "PDF (*.pdf)")
        if path and self.export_to(path):
            QMessageBox.information(self, QCoreApplication.translate("PrintDialog", "Exported"), QCoreApplication.translate("PrintDialog", "Wrote {0}").format(path))

    def export_png_dialog(self) -> None:
        path = self._ask_path(QCoreApplication.translate("PrintDialog", "Export PNG"), QCoreApplication.translate("PrintDialog", "map.png"), "PNG (*.png)")
        if path and self.export_to(path):
            QMessageBox.information(self, QCoreApplication.translate("PrintDialog", "Exported"), QCoreApplication.translate("PrintDialog", "Wrote {0}").format(path))

    def printer_for(self, layout):
        """A high-resolution ``QPrinter`` set to the layout's paper and orientation, full page."""
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(getattr(QPageSize.PageSizeId, layout.paper)))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                   if layout.orientation == "landscape"
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        return printer

    def print_to(self, printer, layout=None) -> bool:
        """Print the layout on ``printer`` (what the print dialog does once accepted)."""
        from landplanner.layout.export import print_layout

        try:
            layout = layout or self.layout_value()
            self.last_placed = print_layout(printer, layout, self.map_data(layout.style))
        except Exception as exc:  # shown to the user, never a silent failure
            self._report(exc)
            return False
        return True

    def print_dialog(self) -> None:
        """The system print dialog; the page is drawn at the printer's resolution."""
        from PySide6.QtPrintSupport import QPrintDialog

        from landplanner.layout.export import check_page

        try:
            layout = self.layout_value()
            check_page(layout, self.map_data(layout.style))  # before asking for a printer
            printer = self.printer_for(layout)
        except Exception as exc:
            self._report(exc)
            return
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer, layout)

    def export_atlas_dialog(self) -> None:
        path = self._ask_path(QCoreApplication.translate("PrintDialog", "Export atlas"), QCoreApplication.translate("PrintDialog", "case-files.pdf"), "PDF (*.pdf)")
        if path:
            self.export_atlas(path)

    def export_atlas(self, path: str | Path):
        """Write the atlas with a progress dialog and Cancel; returns the result or None."""
        from landplanner.layout.atlas import atlas_records, export_atlas
        from landplanner.render.context import StopFlag

        try:
            records = self.atlas_records(atlas_records)
            data = self.map_data("class")
            stop = StopFlag()
            progress = QProgressDialog(QCoreApplication.translate("PrintDialog", "Writing the atlas…"), QCoreApplication.translate("PrintDialog", "Cancel"), 0,
                                       max(len(records), 1), self)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            progress.canceled.connect(stop.stop)

            def step(done: int, total: int) -> None:
                progress.setValue(done)
                QCoreApplication.processEvents()

            keys = [r.key for r in records]
            result = export_atlas(path, data, self.atlas_by.currentData(),
                                  self.atlas_filter.text(), self.atlas_split.currentData(),
                                  keys, stop=stop, progress=step,
                                  layout=lm.Layout(paper="A4", orientation="portrait",
                                                   margin_mm=15.0, legend=False,
                                                   quota_table=False, unit=self.unit.text()))
            progress.close()
        except Exception as exc:
            self._report(exc)
            return None
        self.last_result = result
        if not getattr(self, "quiet", False):
            QMessageBox.information(self, QCoreApplication.translate("PrintDialog", "Exported"), QCoreApplication.translate("PrintDialog", "Wrote {0} pages in {1} file(s)")
                                    .format(result.pages, len(result.files)))
        return result


def export_map_image(canvas, path: str | Path, dpi: int = 300) -> QImage:
    """The canvas's current view redrawn at ``dpi`` (not a screenshot) and saved to ``path``.

    The image covers the same map extent as the screen, at ``dpi / screen dpi`` times the
    pixels, so lines and labels keep their size in millimetres.
    """
    from landplanner.render.context import MapView, RenderContext
    from landplanner.render.draw import draw_overlay, draw_parcels
    from landplanner.render.text import print_font
    from landplanner.render.worker import new_layer_image

    view = canvas.view()
    screen_dpi = float(canvas.logicalDpiX() or 96)
    k = dpi / screen_dpi
    big = MapView(view.cx, view.cy, view.res / k, int(view.width * k), int(view.height * k))
    image = new_layer_image(big, dpi)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    try:
        ctx = RenderContext(big, float(dpi))
        layer = canvas._layer
        sym = canvas._ensure_symbology()
        if layer is not None and sym is not None:
            draw_parcels(painter, ctx, layer, sym)
        draw_overlay(painter, ctx, layer, canvas._labels, canvas._parks, canvas._quota,
                     print_font(9.0), canvas._quota_text)
    finally:
        painter.end()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")
    return image
