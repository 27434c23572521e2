"""The map's right-click menu: zoom here, select, identify, copy coordinates.

Built on the canvas's public API (``view``, ``featureAt``, ``setView``) and the project model
(the selection's one writer), so it stays outside the canvas and its renderer.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from landplanner import messages

messages.register(
    {
        "ui.map.zoom_here": ("在此处放大", "Zoom in here"),
        "ui.map.select": ("选择此地块", "Select this parcel"),
        "ui.map.add_select": ("加入选择", "Add to the selection"),
        "ui.map.identify": ("查看此地块信息", "Identify this parcel"),
        "ui.map.copy_xy": ("复制坐标 {text}", "Copy coordinates {text}"),
        "ui.map.no_parcel": ("（此处没有地块）", "(no parcel here)"),
    }
)


def coordinate_text(x: float, y: float, geographic: bool) -> str:
    """``x, y`` as people paste them: 6 decimals for degrees, 2 for metres."""
    return f"{x:.6f}, {y:.6f}" if geographic else f"{x:.2f}, {y:.2f}"


def map_menu(window, px: float, py: float, parent: QWidget | None = None) -> QMenu:
    """The menu for a right click at pixel (px, py) of ``window.map``."""
    canvas = window.map
    pm = window.project_model
    menu = QMenu(parent or canvas)
    menu.setObjectName("mapMenu")
    view = canvas.view()
    zoom = menu.addAction(messages.text("ui.map.zoom_here"))
    zoom.setEnabled(view is not None)
    if view is not None:
        zoom.triggered.connect(lambda: canvas.setView(
            view.zoomed(2.0, px, py).panned(view.width / 2 - px, view.height / 2 - py)))
    feature = canvas.featureAt(px, py)
    if feature >= 0:
        select = menu.addAction(messages.text("ui.map.select"))
        select.triggered.connect(lambda: pm.set_selection([feature]))
        add = menu.addAction(messages.text("ui.map.add_select"))
        add.triggered.connect(lambda: pm.set_selection(list(pm.selection) + [feature]))
        identify = menu.addAction(messages.text("ui.map.identify"))
        identify.triggered.connect(lambda: canvas.featureIdentified.emit(feature))
    else:
        none = menu.addAction(messages.text("ui.map.no_parcel"))
        none.setEnabled(False)
    if view is not None:
        x, y = view.to_map(px, py)
        parcels = pm.parcels
        crs = getattr(parcels, "crs", None) if parcels is not None else None
        text = coordinate_text(x, y, bool(crs is not None and crs.is_geographic))
        epsg = crs.to_epsg() if crs is not None else None
        copied = text + (f" (EPSG:{epsg})" if epsg else "")
        menu.addSeparator()
        copy = menu.addAction(messages.text("ui.map.copy_xy", text=text))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(copied))
    return menu
