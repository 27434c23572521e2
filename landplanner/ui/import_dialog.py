"""Before parcels are imported: the load report (encoding, CRS, problems) and the field mapping.

The mapping is pre-filled by the core's guess (``fields.guess_mapping``); the user can change
any field, or reload the file with another encoding, before accepting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages, vocabulary
from landplanner.fields import CANONICAL_FIELDS
from landplanner.problems import where
from landplanner.sources import crs_choice
from landplanner.ui.crs_chooser import CrsChooser

messages.register(
    {
        "ui.import.crs_unknown": ("未知（文件中没有坐标系）", "Unknown (the file has none)"),
        "ui.import.crs_box": ("坐标系（导入时采用）", "Coordinate system (used on import)"),
        "ui.import.crs_none_unknown": ("不指定（不计算面积）", "None (no areas computed)"),
        "ui.import.crs_none_file": ("按文件中的定义：{name}", "As the file defines it: {name}"),
        "ui.import.problem_parcels": ("地块", "Parcels"),
    }
)

ENCODINGS = ["UTF-8", "GBK", "GB18030", "Big5", "CP1252"]
RELOAD = 2  # dialog result: reload with :attr:`ImportDialog.encoding`


class ImportDialog(QDialog):
    """Shows a ``LoadResult``'s report and lets the user confirm the field mapping."""

    def __init__(self, result, mapping: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import parcels"))
        self.setObjectName("importDialog")
        self.result = result
        self.encoding: str | None = None
        self._combos: dict[str, QComboBox] = {}
        self._mapping = dict(mapping or {})
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self._report_box(result.report), 1)
        top.addWidget(self._crs_box(result.report), 1)
        layout.addLayout(top)
        layout.addWidget(self._problems_box(result.report.problems))
        layout.addWidget(self._mapping_box(result.gdf, mapping), 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 700)

    # -- sections --------------------------------------------------------------------------
    def _report_box(self, report) -> QGroupBox:
        box = QGroupBox(self.tr("Load report"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("File:"), QLabel(str(report.path)))
        if getattr(report, "layer", None):
            form.addRow(self.tr("Layer:"), QLabel(str(report.layer)))
        form.addRow(self.tr("Features:"), QLabel(f"{report.features:,}"))
        form.addRow(self.tr("Geometry type:"), QLabel(str(report.geometry_type)))
        crs = report.crs
        crs_text = vocabulary.crs_label(crs.name, crs.epsg)
        crs_label = QLabel(crs_text)
        if not crs.epsg and not crs.wkt:
            crs_label.setStyleSheet("color:#c62828")
        crs_label.setToolTip(crs.wkt or "")
        form.addRow(self.tr("Coordinate system:"), crs_label)
        if getattr(crs, "suggestion", None):
            form.addRow(self.tr("Suggestion:"), QLabel(str(crs.suggestion)))
        enc = report.encoding
        row = QHBoxLayout()
        row.addWidget(QLabel(f"{enc.name}  ({self._encoding_source(enc.source)})"))
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.addItems(ENCODINGS)
        name = {"CP936": "GBK", "UTF8": "UTF-8", "936": "GBK"}.get(str(enc.name).upper(), str(enc.name).upper())
        if name in ENCODINGS:
            self.encoding_combo.setCurrentText(name)
        reload_button = QPushButton(self.tr("Reload with this encoding"), self)
        reload_button.setToolTip(self.tr("If field names or text look garbled, choose another encoding and reload"))
        reload_button.clicked.connect(self._reload)
        row.addStretch(1)
        row.addWidget(self.encoding_combo)
        row.addWidget(reload_button)
        holder = QWidget(self)
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Encoding:"), holder)
        return box

    def _crs_box(self, report) -> QGroupBox:
        box = QGroupBox(messages.text("ui.import.crs_box"), self)
        layout = QVBoxLayout(box)
        epsg, reason = crs_choice.preselect(report)
        if report.crs.known:
            none_text = messages.text("ui.import.crs_none_file", name=report.crs.name)
        else:
            none_text = messages.text("ui.import.crs_none_unknown")
        self.crs_chooser = CrsChooser(epsg, reason, none_text, box)
        self.crs_chooser.list.setMaximumHeight(130)
        layout.addWidget(self.crs_chooser)
        return box

    def crs_epsg(self) -> int | None:
        """The EPSG code chosen in the CRS chooser (None: no CRS, or the file's own)."""
        return self.crs_chooser.epsg()

    def accepted_result(self):
        """The load result with the chosen CRS assigned when it differs from the file's."""
        epsg = self.crs_epsg()
        if epsg is None or epsg == self.result.report.crs.epsg:
            return self.result
        return crs_choice.assign_crs(self.result, epsg)

    def _encoding_source(self, source: str) -> str:
        return {
            "cpg": self.tr("from the .cpg file"),
            "ldid": self.tr("from the DBF language byte"),
            "detected": self.tr("detected"),
            "user": self.tr("chosen by the user"),
        }.get(source, str(source))

    def _problems_box(self, problems) -> QGroupBox:
        box = QGroupBox(self.tr("Problems found ({0})").format(len(problems)), self)
        layout = QVBoxLayout(box)
        table = QTableWidget(len(problems), 3, box)
        table.setObjectName("problemsTable")
        # which parcels: the 地块编号 of one, or "count: first 地块编号…" for a grouped kind
        table.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("Message"),
                                         messages.text("ui.import.problem_parcels")])
        ids = self._parcel_ids()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        severity = {"error": self.tr("Error"), "warning": self.tr("Warning"), "info": self.tr("Info")}
        colors = {"error": "#c62828", "warning": "#ef6c00", "info": "#455a64"}
        en = messages.language() == "en"
        for r, p in enumerate(problems):
            p = p.labelled(ids)  # a group's first rows by 地块编号 (#N before the mapping)
            level = QTableWidgetItem(severity.get(p.severity, p.severity))
            level.setForeground(QBrush(QColor(colors.get(p.severity, "#000"))))
            table.setItem(r, 0, level)
            table.setItem(r, 1, QTableWidgetItem(p.message_en if en else p.message_zh))
            table.setItem(r, 2, QTableWidgetItem(where(p, ids)))
        table.resizeColumnToContents(2)
        table.setMaximumHeight(110 if problems else 48)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        self.problems_table = table
        return box

    def _parcel_ids(self):
        """The 地块编号 of each row, from the column the guessed mapping names (None: none)."""
        column = (self._mapping or {}).get("parcel_id")
        gdf = self.result.gdf
        if column is None or column not in gdf:
            return None
        return gdf[column].astype(object).to_numpy()

    def _mapping_box(self, gdf, mapping: dict) -> QGroupBox:
        box = QGroupBox(self.tr("Field mapping (guessed from the field names; change as needed)"), self)
        layout = QVBoxLayout(box)
        fields = [(f.name, f.zh, f.en) for f in CANONICAL_FIELDS if f.mappable]
        table = QTableWidget(len(fields), 3, box)
        table.setObjectName("mappingTable")
        table.setHorizontalHeaderLabels([self.tr("App field"), self.tr("Source field"), self.tr("Sample value")])
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(0, 170)
        table.setColumnWidth(1, 170)
        table.verticalHeader().hide()
        self.mapping_table = table
        sources = [c for c in gdf.columns if c != gdf.geometry.name]
        en = messages.language() == "en"
        for r, (name, zh, english) in enumerate(fields):
            label = QTableWidgetItem(english if en else zh)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, name)
            table.setItem(r, 0, label)
            combo = QComboBox(table)
            combo.addItem(self.tr("(not mapped)"), None)
            for col in sources:
                combo.addItem(str(col), col)
            chosen = mapping.get(name)
            if chosen in sources:
                combo.setCurrentIndex(sources.index(chosen) + 1)
            sample = QTableWidgetItem()
            sample.setFlags(sample.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, 2, sample)
            combo.currentIndexChanged.connect(lambda _i, r=r, c=combo: self._show_sample(r, c))
            table.setCellWidget(r, 1, combo)
            self._combos[name] = combo
            self._show_sample(r, combo)
        layout.addWidget(table)
        return box

    def _show_sample(self, row: int, combo: QComboBox) -> None:
        col = combo.currentData()
        text = ""
        if col is not None:
            values = self.result.gdf[col].dropna()
            text = "" if values.empty else str(values.iloc[0])
        self.mapping_table.item(row, 2).setText(text)

    def _reload(self) -> None:
        self.encoding = self.encoding_combo.currentText()
        self.done(RELOAD)

    # -- result ----------------------------------------------------------------------------
    def mapping(self) -> dict[str, str | None]:
        """The accepted mapping: canonical field → source column (or None)."""
        return {name: combo.currentData() for name, combo in self._combos.items()}

    def set_source(self, field: str, column: str | None) -> None:
        """Choose the source column of ``field`` (what a user does with the combo)."""
        combo = self._combos[field]
        combo.setCurrentIndex(max(0, combo.findData(column)))
