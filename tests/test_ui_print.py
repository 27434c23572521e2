"""File → Print: the layout editor's preview, PDF export, templates saved through the model,
the atlas with progress, and the quick map image — driven like a user."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    main_window.project_model.today = dt.date(2026, 11, 23)
    return main_window


def test_print_dialog_preview_pdf_template_and_atlas(loaded, qtbot, tmp_path):
    window = loaded
    assert window.actions["print"].isEnabled()
    dialog = window.print_dialog()
    qtbot.addWidget(dialog)
    dialog.quiet = True
    dialog.title_edit.setText("港闸低效用地挂图")
    dialog.unit.setText("自然资源和规划局")
    dialog.update_preview()
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    dialog.grab().save(str(tmp_path / "print_dialog.png"))
    assert dialog.last_placed.legend_fits
    out = tmp_path / "map.pdf"
    assert dialog.export_to(out) is not None, dialog.last_error
    text = pypdf.PdfReader(str(out)).pages[0].extract_text()
    assert "港闸低效用地挂图" in text
    # a file that cannot be written is reported, not silently skipped
    assert dialog.export_to(tmp_path / "missing" / "map.pdf") is None
    assert str(tmp_path / "missing") in dialog.last_error
    # templates are saved in the project through the model (and mark it changed)
    dialog.save_template("挂图A3")
    settings = window.project_model.project.settings
    assert settings["print_templates"]["挂图A3"]["title"] == "港闸低效用地挂图"
    assert window.project_model.dirty
    # the atlas: one page per enterprise after the cover and contents
    from landplanner.layout.atlas import atlas_records, front_pages

    records = dialog.atlas_records(atlas_records)
    result = dialog.export_atlas(tmp_path / "atlas.pdf")
    assert result is not None, dialog.last_error
    assert len(pypdf.PdfReader(str(tmp_path / "atlas.pdf")).pages) == \
        front_pages(records) + len(records)


def test_export_map_image_is_redrawn_at_print_resolution(loaded, tmp_path):
    from PySide6.QtGui import QImage

    from landplanner.ui.print_dialog import export_map_image

    window = loaded
    window.map.waitForRender()
    view = window.map.view()
    out = tmp_path / "view.png"
    export_map_image(window.map, out, dpi=300)
    image = QImage(str(out))
    k = 300 / (window.map.logicalDpiX() or 96)
    assert image.width() == int(view.width * k) and image.height() == int(view.height * k)


def test_printing_to_a_pdf_printer_takes_the_dialogs_path(loaded, qtbot, tmp_path):
    """The system print dialog's path without the dialog: a ``QPrinter`` writing a PDF file
    gets the layout's paper, the page and its Chinese text; a printer that cannot start is
    reported with its name."""
    from PySide6.QtPrintSupport import QPrinter

    dialog = loaded.print_dialog()
    qtbot.addWidget(dialog)
    dialog.quiet = True
    dialog.title_edit.setText("港闸低效用地挂图")
    layout = dialog.layout_value()
    printer = dialog.printer_for(layout)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer), dialog.last_error
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    w_mm, h_mm = (float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4)
    assert (round(w_mm), round(h_mm)) == (420, 297) == tuple(round(v) for v in layout.page_mm)
    text = reader.pages[0].extract_text()
    assert "港闸低效用地挂图" in text and "港闸经济开发区" in text
    assert dialog.last_placed.scale > 0 and dialog.last_placed.complete

    bad = dialog.printer_for(layout)
    bad.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    bad.setOutputFileName(str(tmp_path / "missing" / "printed.pdf"))
    assert not dialog.print_to(bad)
    assert "printed.pdf" in dialog.last_error


def test_print_words_come_from_the_translation_catalogue(loaded, qtbot):
    """Every word of the print dialog, and File → Print's tooltip, is Chinese in a Chinese
    UI: from the Qt Linguist catalogue the rest of the UI uses, not a table of its own."""
    import re
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    import landplanner.ui.print_dialog as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    words = re.findall(r'translate\("PrintDialog", "((?:[^"\\]|\\.)*)"\)', source)
    assert len(words) > 40 and not hasattr(module, "_ZH")
    untranslated = [w for w in words if QCoreApplication.translate("PrintDialog", w) == w]
    assert untranslated == []
    dialog = loaded.print_dialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印与导出"
    action = loaded.actions["print"]
    assert action.text() == "打印…"
    assert action.toolTip().startswith("专题图") and "atlas" not in action.toolTip()
    assert loaded.actions["export_map_image"].text() == "导出地图图片…"
