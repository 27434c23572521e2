"""Project → Project settings: district, campaign year, targets, parks, and who works here.

The values are the core's :class:`landplanner.project_settings.ProjectSettings`; accepting
pushes one ``SetSettingsCommand`` on the project model's undo stack (the one writer), so
Ctrl+Z takes the whole change back. The workstation's user name (recorded as the author in
plan histories) is a workstation setting, kept in QSettings, not in the project file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages
from landplanner.project_settings import ParkSetting, ProjectSettings
from landplanner.ui import app_settings
from landplanner.ui.undo_commands import SetSettingsCommand

messages.register(
    {
        "ui.settings.title": ("项目设置", "Project settings"),
        "ui.settings.project": ("本项目", "This project"),
        "ui.settings.workstation": ("本机", "This workstation"),
        "ui.settings.user": ("使用人（记入方案历史）", "User (recorded in plan histories)"),
        "ui.settings.not_set": ("未设定", "not set"),
        "ui.settings.add_park": ("添加园区", "Add park"),
        "ui.settings.remove_park": ("删除园区", "Remove park"),
        "ui.settings.new_park": ("新园区", "New park"),
        "ui.settings.parks_hint": (
            "园区由地块字段的值或园区边界图层确定；目标留空表示未设定。",
            "A park is named by a parcel field's values or by a boundary layer; an empty "
            "target means none is set.",
        ),
        "ui.settings.no_field": ("（不用字段）", "(no field)"),
        "ui.settings.duplicate": ("园区名称重复或为空：{name}", "A park name is empty or repeated: {name}"),
        "ui.settings.action": ("项目设置…", "Project settings…"),
    }
)

COLUMNS = ("name", "target_mu", "unit", "field", "boundary")


class ProjectSettingsDialog(QDialog):
    """Edit the current project's settings; :meth:`accept` applies them through undo."""

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectSettingsDialog")
        self.setWindowTitle(messages.text("ui.settings.title"))
        self.project_model = project_model
        project = project_model.project
        self.current = ProjectSettings.from_settings(project.settings)
        parcels = project.parcels
        self._fields = [c for c in parcels.columns if c != getattr(parcels.geometry, "name", "")]
        layout = QVBoxLayout(self)

        box = QGroupBox(messages.text("ui.settings.project"), self)
        form = QFormLayout(box)
        self.district_name = QLineEdit(self.current.district_name, box)
        self.district_name.setObjectName("districtName")
        form.addRow(messages.text("settings.district_name") + "：", self.district_name)
        self.year = QSpinBox(box)
        self.year.setObjectName("campaignYear")
        self.year.setRange(1990, 2100)
        self.year.setValue(int(self.current.year))
        form.addRow(messages.text("settings.year") + "：", self.year)
        self.district_mu = self._mu_box(self.current.district_mu, box)
        self.district_mu.setObjectName("districtTarget")
        form.addRow(messages.text("settings.district_mu") + "：", self.district_mu)
        layout.addWidget(box)

        parks_box = QGroupBox(messages.text("settings.parks"), self)
        parks_layout = QVBoxLayout(parks_box)
        hint = QLabel(messages.text("ui.settings.parks_hint"), parks_box)
        hint.setWordWrap(True)
        parks_layout.addWidget(hint)
        self.parks = QTableWidget(0, len(COLUMNS), parks_box)
        self.parks.setObjectName("parksTable")
        self.parks.setHorizontalHeaderLabels(
            [messages.text(f"settings.park.{c}") for c in COLUMNS]
        )
        header = self.parks.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.parks.setColumnWidth(1, 110)
        self.parks.setColumnWidth(3, 110)
        self.parks.setColumnWidth(4, 110)
        self.parks.verticalHeader().hide()
        self.parks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for park in self.current.parks:
            self.add_park(park)
        parks_layout.addWidget(self.parks, 1)
        buttons_row = QHBoxLayout()
        self.add_button = QPushButton(messages.text("ui.settings.add_park"), parks_box)
        self.add_button.setObjectName("addPark")
        self.add_button.clicked.connect(lambda: self.add_park())
        self.remove_button = QPushButton(messages.text("ui.settings.remove_park"), parks_box)
        self.remove_button.setObjectName("removePark")
        self.remove_button.clicked.connect(self.remove_selected_park)
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)
        parks_layout.addLayout(buttons_row)
        layout.addWidget(parks_box, 1)

        station = QGroupBox(messages.text("ui.settings.workstation"), self)
        station_form = QFormLayout(station)
        from landplanner.ui.plan_editor import current_author

        self.user = QLineEdit(current_author(), station)
        self.user.setObjectName("userName")
        station_form.addRow(messages.text("ui.settings.user") + "：", self.user)
        layout.addWidget(station)

        self.error = QLabel(self)
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)

    # -- rows --------------------------------------------------------------------------------
    def _mu_box(self, value: float | None, parent: QWidget) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(parent)
        spin.setRange(0.0, 1e7)
        spin.setDecimals(2)
        spin.setGroupSeparatorShown(True)
        spin.setSpecialValueText(messages.text("ui.settings.not_set"))  # 0: not set
        spin.setValue(0.0 if value is None else float(value))
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def add_park(self, park: ParkSetting | None = None) -> int:
        """Append a row for ``park`` (a new, empty park when None); returns the row."""
        new = park is None
        park = park or ParkSetting(messages.text("ui.settings.new_park"))
        row = self.parks.rowCount()
        self.parks.insertRow(row)
        name = QTableWidgetItem(park.name)
        name.setData(Qt.ItemDataRole.UserRole, None if new else park.name)  # original name
        self.parks.setItem(row, 0, name)
        self.parks.setCellWidget(row, 1, self._mu_box(park.target_mu, self.parks))
        self.parks.setItem(row, 2, QTableWidgetItem(park.unit))
        field = QComboBox(self.parks)
        field.addItem(messages.text("ui.settings.no_field"), "")
        for column in self._fields:
            field.addItem(str(column), str(column))
        index = field.findData(park.field)
        field.setCurrentIndex(max(0, index))
        self.parks.setCellWidget(row, 3, field)
        self.parks.setItem(row, 4, QTableWidgetItem(park.boundary))
        if new:
            self.parks.setCurrentCell(row, 0)
        return row

    def remove_selected_park(self) -> None:
        """Remove the park of the current row."""
        row = self.parks.currentRow()
        if row >= 0:
            self.parks.removeRow(row)

    def set_park_value(self, row: int, column: str, value) -> None:
        """Type ``value`` into one cell of the parks table (what the user does)."""
        col = COLUMNS.index(column)
        if column == "target_mu":
            self.parks.cellWidget(row, col).setValue(float(value or 0))
        elif column == "field":
            combo = self.parks.cellWidget(row, col)
            combo.setCurrentIndex(max(0, combo.findData(value)))
        else:
            self.parks.item(row, col).setText(str(value))

    # -- result ------------------------------------------------------------------------------
    def edited(self) -> tuple[ProjectSettings, dict[str, str]]:
        """The settings as edited, and the renamed parks (old name → new name)."""
        def mu(spin: QDoubleSpinBox) -> float | None:
            return None if spin.value() <= 0 else float(spin.value())

        parks, renames = [], {}
        for row in range(self.parks.rowCount()):
            item = self.parks.item(row, 0)
            name = item.text().strip()
            original = item.data(Qt.ItemDataRole.UserRole)
            if original and original != name:
                renames[original] = name
            parks.append(
                ParkSetting(
                    name=name,
                    target_mu=mu(self.parks.cellWidget(row, 1)),
                    unit=self.parks.item(row, 2).text().strip(),
                    field=self.parks.cellWidget(row, 3).currentData() or "",
                    boundary=self.parks.item(row, 4).text().strip(),
                )
            )
        settings = ProjectSettings(
            district_name=self.district_name.text().strip(),
            year=self.year.value(),
            district_mu=mu(self.district_mu),
            parks=parks,
        )
        return settings, renames

    def accept(self) -> None:
        settings, renames = self.edited()
        names = [p.name for p in settings.parks]
        bad = [n for n in names if not n or names.count(n) > 1]
        if bad:
            self.error.setText(messages.text("ui.settings.duplicate", name=bad[0] or "—"))
            return
        pm = self.project_model
        new = settings.into(pm.project.settings)
        if new != pm.project.settings or renames:
            pm.undo_stack.push(SetSettingsCommand(pm, new, renames,
                                                  messages.text("ui.settings.title")))
        user = self.user.text().strip()
        app_settings.put("user/name", user)
        super().accept()
