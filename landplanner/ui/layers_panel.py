"""Layers and legend: which layers are shown, the label field, the thematic style and its legend.

The layer list has a check box per layer the map draws (parcels, park boundaries with their
quota gauges, parcel labels, assets, matching candidates, scale bar and north arrow);
unchecking hides the layer at once. The legend's right-click menu hides or shows a class
(greyed in the legend, not drawn on the map). Both are view states of the canvas
(:class:`~landplanner.ui.map_canvas.MapCanvas`), not project changes. The label field (none,
地块编号, 企业名称 or any of the file's own columns) is remembered in QSettings.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from landplanner import messages, vocabulary
from landplanner.ui import app_settings
from landplanner.ui.labels import style_names

LOG = logging.getLogger("landplanner.ui")

messages.register({
    "ui.layers.labels": ("地块标注（{field}）", "Parcel labels ({field})"),
    "ui.layers.assets": ("资产点位 ({count:,})", "Assets ({count:,})"),
    "ui.layers.match": ("地等项目候选 ({count:,})", "Match candidates ({count:,})"),
    "ui.layers.furniture": ("比例尺与指北针", "Scale bar and north arrow"),
    "ui.layers.label_field": ("标注字段", "Label parcels by"),
    "ui.layers.no_label": ("不标注", "No labels"),
    "ui.legend.hide": ("隐藏“{label}”", "Hide “{label}”"),
    "ui.legend.show": ("显示“{label}”", "Show “{label}”"),
    "ui.legend.show_all": ("显示全部类别", "Show all classes"),
    "ui.legend.hidden": ("{label}（已隐藏）", "{label} (hidden)"),
})

#: QSettings key of the label field ("" = no labels).
LABEL_SETTING = "map/label_field"
DEFAULT_LABEL_FIELD = "parcel_id"
HIDDEN_GREY = QColor("#9e9e9e")


def swatch(fill: QColor, outline: QColor, accent: bool = False, hidden: bool = False) -> QIcon:
    """A small square icon for one legend row (faded when the class is hidden)."""
    pixmap = QPixmap(18, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if hidden:
        painter.setOpacity(0.25)
    painter.setBrush(fill)
    painter.setPen(QPen(outline, 2.0 if accent else 1.0))
    painter.drawRect(1, 1, 15, 11)
    painter.end()
    return QIcon(pixmap)


def remembered_label_field() -> str | None:
    """The label field chosen last time (None: no labels)."""
    value = app_settings.settings().value(LABEL_SETTING, DEFAULT_LABEL_FIELD)
    return str(value) if value else None


def label_choices(parcels) -> list[tuple[str, str]]:
    """``(field, title)`` of every label choice: none, 地块编号, 企业名称, the file's own columns."""
    out = [("", messages.text("ui.layers.no_label"))]
    out += [(key, vocabulary.header("field", key)) for key in ("parcel_id", "enterprise")]
    if parcels is not None:
        from landplanner.fields import user_columns

        out += [(key, key) for key in user_columns(parcels)]
    return out


class LayersPanel(QWidget):
    """Layer list, label field, style chooser and legend (the legend comes from the map's
    own styles); :meth:`attach_map` connects it to the canvas it controls."""

    styleRequested = Signal(str)

    def __init__(self, project_model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_model = project_model
        self.map = None
        self._style = "category"
        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layerList")
        self.layer_list.setMaximumHeight(52)
        self.layer_list.setMinimumHeight(30)
        self.layer_list.itemChanged.connect(self._layer_item_changed)
        self.layer_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.layer_list.customContextMenuRequested.connect(
            lambda pos: self.layer_menu().popup(self.layer_list.viewport().mapToGlobal(pos)))
        self.label_combo = QComboBox(self)
        self.label_combo.setObjectName("labelField")
        self.label_combo.currentIndexChanged.connect(self._label_combo_changed)
        self.style_combo = QComboBox(self)
        for code, label in style_names():
            self.style_combo.addItem(label, code)
        self.style_combo.currentIndexChanged.connect(
            lambda _i: self.styleRequested.emit(self.style_combo.currentData())
        )
        self.legend = QListWidget(self)
        self.legend.setIconSize(QSize(18, 14))
        self.legend.setObjectName("legend")
        self.legend.setMaximumHeight(170)
        self.legend.setMinimumHeight(60)
        self.legend.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.legend.customContextMenuRequested.connect(self._legend_menu_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(self.tr("Layers")))
        layout.addWidget(self.layer_list)
        layout.addWidget(QLabel(messages.text("ui.layers.label_field")))
        layout.addWidget(self.label_combo)
        layout.addWidget(QLabel(self.tr("Thematic style")))
        layout.addWidget(self.style_combo)
        layout.addWidget(QLabel(self.tr("Legend")))
        layout.addWidget(self.legend)
        layout.addStretch(1)
        for signal in (project_model.projectChanged, project_model.parksChanged,
                       project_model.scoresChanged, project_model.plansChanged,
                       project_model.parcelsChanged):
            signal.connect(self.refresh)
        self.refresh()

    def attach_map(self, canvas) -> None:
        """Control ``canvas``: layer check boxes, hidden classes and the label field."""
        self.map = canvas
        canvas.layersChanged.connect(self._refresh_layers)
        canvas.classesChanged.connect(self._refresh_legend)
        canvas.setLabelField(remembered_label_field())
        self.refresh()

    def set_style(self, name: str) -> None:
        """Show ``name`` as the current style (without emitting ``styleRequested`` again)."""
        self._style = name
        index = self.style_combo.findData(name)
        if index >= 0 and index != self.style_combo.currentIndex():
            self.style_combo.blockSignals(True)
            self.style_combo.setCurrentIndex(index)
            self.style_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the layer list, the label choices and the legend."""
        self._refresh_layers()
        self._refresh_label_choices()
        self._refresh_legend()

    # ------------------------------------------------------------------ layers
    def _layer_rows(self) -> list[tuple[str, str]]:
        """``(layer, text)`` of each row of the layer list."""
        pm = self.project_model
        if pm.project is None:
            return []
        rows = [("parcels", self.tr("Parcels ({0:,})").format(len(pm.parcels)))]
        parks = getattr(pm.project, "parks", None)
        if parks is not None and len(parks):
            rows.append(("parks", self.tr("Park boundaries ({0})").format(len(parks))))
        field = self.map.labelField() if self.map is not None else remembered_label_field()
        if field:
            title = dict(label_choices(pm.parcels)).get(field, field)
            rows.append(("labels", messages.text("ui.layers.labels", field=title)))
        if self.map is not None:
            for key in ("assets", "match"):
                if key in self.map.markerKeys():
                    rows.append((key, messages.text(f"ui.layers.{key}",
                                                    count=len(self.map.markers(key)))))
            rows.append(("furniture", messages.text("ui.layers.furniture")))
        return rows

    def _refresh_layers(self) -> None:
        rows = self._layer_rows()
        items = [self.layer_list.item(i) for i in range(self.layer_list.count())]
        blocked = self.layer_list.blockSignals(True)
        try:
            if [(i.data(Qt.ItemDataRole.UserRole), i.text()) for i in items] == rows:
                # same rows: only the check boxes (an item may be in the middle of its click)
                for item in items:
                    if self.map is not None:
                        shown = self.map.isLayerVisible(item.data(Qt.ItemDataRole.UserRole))
                        item.setCheckState(Qt.CheckState.Checked if shown
                                           else Qt.CheckState.Unchecked)
                return
            self.layer_list.clear()
            for key, text in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                if self.map is not None:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    shown = self.map.isLayerVisible(key)
                    item.setCheckState(Qt.CheckState.Checked if shown
                                       else Qt.CheckState.Unchecked)
                self.layer_list.addItem(item)
        finally:
            self.layer_list.blockSignals(blocked)
        self._fit_lists()

    def layer_item(self, key: str) -> QListWidgetItem | None:
        """The layer list's row of layer ``key`` (tests and menus use it)."""
        for i in range(self.layer_list.count()):
            item = self.layer_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def _layer_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if self.map is not None and key:
            self.map.setLayerVisible(key, item.checkState() == Qt.CheckState.Checked)

    def layer_menu(self) -> QMenu:
        """The layer list's right-click menu: a check per layer and the label field."""
        menu = QMenu(self)
        menu.setObjectName("layerMenu")
        for key, text in self._layer_rows():
            act = menu.addAction(text)
            act.setCheckable(True)
            act.setChecked(self.map is None or self.map.isLayerVisible(key))
            act.setEnabled(self.map is not None)
            act.toggled.connect(lambda on, k=key: self._set_layer_checked(k, on))
        menu.addSeparator()
        self.label_menu(menu.addMenu(messages.text("ui.layers.label_field")))
        return menu

    def _set_layer_checked(self, key: str, shown: bool) -> None:
        item = self.layer_item(key)
        if item is not None:  # through the check box, so list and map agree
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------ labels
    def label_menu(self, menu: QMenu) -> QMenu:
        """Fill ``menu`` with the label choices (checked: the current one)."""
        current = self.label_field() or ""
        for field, title in label_choices(self.project_model.parcels):
            act = menu.addAction(title)
            act.setCheckable(True)
            act.setChecked(field == current)
            act.triggered.connect(lambda _c=False, f=field: self.set_label_field(f))
        return menu

    def _refresh_label_choices(self) -> None:
        current = self.label_field() or ""
        blocked = self.label_combo.blockSignals(True)
        try:
            self.label_combo.clear()
            for field, title in label_choices(self.project_model.parcels):
                self.label_combo.addItem(title, field)
            index = self.label_combo.findData(current)
            self.label_combo.setCurrentIndex(max(index, 0))
        finally:
            self.label_combo.blockSignals(blocked)

    def label_field(self) -> str | None:
        """The field the map labels parcels by (None: no labels)."""
        if self.map is not None:
            return self.map.labelField()
        return remembered_label_field()

    def set_label_field(self, field: str | None) -> None:
        """Label the map's parcels by ``field`` ('' or None: no labels) and remember it."""
        app_settings.put(LABEL_SETTING, field or "")
        if self.map is not None:
            self.map.setLabelField(field or None)
        index = self.label_combo.findData(field or "")
        if index >= 0 and index != self.label_combo.currentIndex():
            blocked = self.label_combo.blockSignals(True)
            self.label_combo.setCurrentIndex(index)
            self.label_combo.blockSignals(blocked)
        self._refresh_layers()

    def _label_combo_changed(self, _index: int) -> None:
        field = self.label_combo.currentData()
        if field is not None:
            self.set_label_field(field)

    # ------------------------------------------------------------------ legend
    def _refresh_legend(self) -> None:
        self.legend.clear()
        style, entries = self._legend()
        hidden = self.map.hiddenClasses(self._style) if self.map is not None else set()
        keys = style.keys if style is not None else []
        for i, entry in enumerate(entries):
            key = keys[i] if i < len(keys) else None
            off = key is not None and key in hidden
            label = messages.text("ui.legend.hidden", label=entry.label) if off else entry.label
            item = QListWidgetItem(swatch(entry.fill, entry.outline, entry.accent, off), label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setData(Qt.ItemDataRole.UserRole + 1, off)
            if off:
                item.setForeground(QBrush(HIDDEN_GREY))
            self.legend.addItem(item)
        self._fit_lists()

    def legend_menu(self, row: int) -> QMenu:
        """The legend's right-click menu for row ``row``: hide or show that class."""
        menu = QMenu(self)
        menu.setObjectName("legendMenu")
        item = self.legend.item(row) if row >= 0 else None
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if key is not None and self.map is not None:
            style, entries = self._legend()
            label = entries[row].label
            hidden = not self.map.isClassVisible(key, self._style)
            act = menu.addAction(messages.text("ui.legend.show" if hidden else "ui.legend.hide",
                                               label=label))
            act.setObjectName("legendToggle")
            act.triggered.connect(lambda: self.map.setClassVisible(key, hidden, self._style))
        show_all = menu.addAction(messages.text("ui.legend.show_all"))
        show_all.setObjectName("legendShowAll")
        any_hidden = self.map is not None and bool(self.map.hiddenClasses(self._style))
        show_all.setEnabled(any_hidden)
        show_all.triggered.connect(self._show_all_classes)
        return menu

    def _show_all_classes(self) -> None:
        if self.map is None:
            return
        for key in self.map.hiddenClasses(self._style):
            self.map.setClassVisible(key, True, self._style)

    def _legend_menu_requested(self, pos) -> None:
        item = self.legend.itemAt(pos)
        row = self.legend.row(item) if item is not None else -1
        self.legend_context_menu = self.legend_menu(row)
        self.legend_context_menu.popup(self.legend.viewport().mapToGlobal(pos))

    def _fit_lists(self) -> None:
        """Lists as tall as their rows: every layer and every legend class in sight."""
        for widget, rows in ((self.layer_list, max(2, self.layer_list.count())),
                             (self.legend, max(3, min(self.legend.count(), 12)))):
            row = widget.sizeHintForRow(0) if widget.count() else 20
            height = rows * max(row, 18) + 2 * widget.frameWidth() + 4
            widget.setMinimumHeight(height)
            widget.setMaximumHeight(height)

    def _legend(self):
        """(style, legend entries) of the current style over the project's parcels."""
        try:
            from landplanner.ui.styles import get_style
        except ImportError:  # the map's styles are not installed yet
            return None, []
        view = self.project_model.parcel_view()
        try:
            style = get_style(self._style, view)
            return style, style.legend(view)
        except KeyError:
            return None, []

    def _legend_entries(self) -> list:
        return self._legend()[1]
