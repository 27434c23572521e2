"""Puts the campaign's docks, dialog and menu into the main window (one call from
``MainWindow.__init__``): the asset figure cards in a tab of the right-hand panels, the asset table
beside the attribute table, the matching panel beside the scoring panel, a 专项 menu with
the scoreboard and the imports, and the located assets drawn on the map.

The docks, the menu and the map markers are there at once; the panels inside the docks
are deferred panels of the window (built after the start, see
:mod:`~landplanner.ui.main_docks`), so the asset, matching and workbook modules load then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QSplitter

from landplanner import messages

messages.register({
    "ui.campaign.menu": ("盘活专项(&C)", "&Campaign"),
    "ui.campaign.figures": ("资产盘活指标", "Asset figures"),
    "ui.campaign.assets": ("资产清单", "Assets"),
    "ui.campaign.match": ("地等项目", "Land for projects"),
    "ui.campaign.scoreboard": ("季度大比武…", "Quarterly scoreboard…"),
    "ui.accounts.title": ("三本账", "Three accounts"),
})

ASSET_COLOURS = {("state", False): "#1565c0", ("collective", False): "#2e7d32",
                 ("state", True): "#e53935", ("collective", True): "#e53935"}


def install(window) -> None:
    """Add the campaign's docks, menu and map markers to ``window`` (a MainWindow)."""
    pm = window.project_model
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    # in a scroll area, so the four cards never force the window taller than the screen
    scroll = QScrollArea(window)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setMinimumHeight(60)
    window._dock("asset_figures", messages.text("ui.campaign.figures"), scroll, right, "quota")
    window._defer("asset_figures", lambda: _build_figures(window, scroll))
    from landplanner.ui.main_docks import placeholder

    scroll.setWidget(placeholder("asset_figures", scroll))
    window._dock_later("assets", messages.text("ui.campaign.assets"), bottom, "table",
                       lambda: _build_assets(window))
    window._dock_later("match", messages.text("ui.campaign.match"), right, "details",
                       lambda: _build_match(window))
    window._dock_later("accounts", messages.text("ui.accounts.title"), bottom, "quota",
                       lambda: _build_accounts(window))
    # tabs in the existing tab groups: a new stacked panel (or a new tab bar beside the park
    # quotas) would make the window taller than a 1280×800 screen
    window.tabifyDockWidget(window.docks["scoring"], window.docks["asset_figures"])
    window.tabifyDockWidget(window.docks["scoring"], window.docks["match"])
    # closed at first (opened from the 盘活专项 menu, as tabs beside the attribute table, so
    # they have the window's width for the table and the plan editor): a tab bar under the
    # map would also push the window past 800 pixels. Hidden before they join the table's
    # tab group, so no tab bar is made for docks nobody sees.
    window.docks["assets"].hide()
    window.docks["accounts"].hide()
    window.tabifyDockWidget(window.docks["table"], window.docks["assets"])
    window.tabifyDockWidget(window.docks["table"], window.docks["accounts"])
    for key in ("assets", "accounts"):
        window.docks[key].toggleViewAction().toggled.connect(
            lambda on, key=key: on and QTimer.singleShot(0, lambda: _bring_forward(window, key)))
    window.docks["table"].raise_()
    window.docks["details"].raise_()

    menu = QMenu(messages.text("ui.campaign.menu"), window)
    board = QAction(messages.text("ui.campaign.scoreboard"), window)
    board.setObjectName("action_scoreboard")
    board.triggered.connect(lambda: open_scoreboard(window))
    window.actions["scoreboard"] = board
    menu.addAction(board)
    menu.addSeparator()
    for key in ("asset_figures", "assets", "accounts", "match"):
        menu.addAction(window.docks[key].toggleViewAction())
    bar = window.menuBar()
    actions = bar.actions()
    bar.insertMenu(actions[-1], menu) if actions else bar.addMenu(menu)
    window.campaign_menu = menu

    def draw_assets() -> None:
        located = pm.asset_locations() if pm.project is not None else None
        if located is None:
            window.map.setMarkers("assets", None)
            return
        table = pm.assets()
        markers = []
        idle = table["status"].isin(("idle", "pending")).to_numpy()
        for i, geom in enumerate(located.geometry.to_numpy()):
            if geom is None or geom.is_empty:
                continue
            pt = geom.representative_point() if geom.geom_type != "Point" else geom
            colour = ASSET_COLOURS[(table["kind"].iat[i], bool(idle[i]))]
            markers.append((pt.x, pt.y, colour, ""))
        window.map.setMarkers("assets", markers)

    def show_asset(asset_id: str) -> None:
        located = pm.asset_locations()
        if located is None:
            return
        hit = located[located["asset_id"] == asset_id]
        if not len(hit) or hit.geometry.iloc[0] is None:
            return
        geom = hit.geometry.iloc[0]
        parcel = pm.assets().loc[hit.index[0], "parcel_id"]
        positions = pm.positions_of([parcel]) if isinstance(parcel, str) else []
        pm.set_selection(positions)
        x0, y0, x1, y1 = geom.buffer(150).bounds
        window.map.zoomToExtent(x0, y0, x1, y1)

    for signal in (pm.projectChanged, pm.assetsChanged):
        signal.connect(draw_assets)
    window.show_asset = show_asset
    window.draw_asset_markers = draw_assets
    draw_assets()


def _build_figures(window, scroll) -> None:
    from landplanner.ui.assets_panel import AssetFigures

    window.asset_figures = AssetFigures(window.project_model, window)
    scroll.setWidget(window.asset_figures)


def _build_assets(window):
    from landplanner.ui.assets_panel import AssetsTable
    from landplanner.ui.plan_editor import PlanEditor

    pm = window.project_model
    window.assets_table = AssetsTable(pm, window)
    # the asset plans' editor: the land plan editor's form, for subject kind "asset", beside
    # the asset table (choosing a row shows that asset's plan)
    window.asset_plan_editor = PlanEditor(pm, window, subject_kind="asset")
    window.assets_table.editor = window.asset_plan_editor
    assets_split = QSplitter(Qt.Orientation.Horizontal, window)
    assets_split.setObjectName("assets_split")
    assets_split.addWidget(window.assets_table)
    assets_split.addWidget(window.asset_plan_editor)
    assets_split.setStretchFactor(0, 5)
    assets_split.setStretchFactor(1, 4)
    assets_split.setChildrenCollapsible(False)
    window.assets_split = assets_split
    window.assets_table.assetActivated.connect(window.show_asset)
    return assets_split


def _build_match(window):
    from landplanner.ui.match_panel import MatchPanel

    window.match_panel = MatchPanel(window.project_model, window.map, window)
    return window.match_panel


def _build_accounts(window):
    from landplanner.ui.assets_panel import AccountTotals

    window.account_totals = AccountTotals(window.project_model, window)
    return window.account_totals


def _bring_forward(window, key: str) -> None:
    """An opened campaign tab comes to the front; the asset list with its plan editor also
    gets room under the map (on a window tall enough to spare it)."""
    dock = window.docks[key]
    dock.raise_()
    if key == "assets" and window.height() >= 900:
        want = min(350, window.height() // 2 - 60)
        if dock.height() < want:
            window.resizeDocks([dock], [want], Qt.Orientation.Vertical)


def open_scoreboard(window):
    """Open the 季度大比武 dialog (nothing without a project); returns it."""
    if window.project_model.project is None:
        return None
    from landplanner.ui.scoreboard_dialog import ScoreboardDialog

    dialog = ScoreboardDialog(window.project_model, window)
    window.scoreboard_dialog = dialog
    dialog.show()
    return dialog
