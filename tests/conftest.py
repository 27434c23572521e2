"""Shared test setup: headless Qt, and where the shared corpus lives."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus_dir() -> Path:
    """The shared real-file corpus; tests using it are skipped when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


# --- UI fixtures (app helper): a small, realistic project on disk ----------------------------
UI_PARKS = ("港闸经济开发区", "崇川经济开发区", "市北高新技术产业开发区")
UI_X0, UI_Y0 = 490_000.0, 3_545_000.0  # CGCS2000 3° GK CM 120°E (EPSG:4549), Nantong


def ui_uscc(serial: int) -> str:
    """A valid 18-character 统一社会信用代码 (GB 32100-2015 check character)."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    body = f"91320611MA{serial:07d}"
    total = sum(chars.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + chars[(31 - total % 31) % 31]


def ui_parcel_rows():
    """36 square parcels: 12 per park; side 100 m (15 mu) or 150 m (33.75 mu)."""
    from shapely.geometry import box

    categories = ("闲置土地", "低效用地", "批而未供", "低效用地")
    rows = []
    for p, park in enumerate(UI_PARKS):
        for k in range(12):
            side = 150.0 if k % 3 == 0 else 100.0
            x = UI_X0 + p * 4000 + (k % 4) * 400
            y = UI_Y0 + (k // 4) * 400
            n = p * 12 + k
            rows.append({
                "DKBH": f"DK{n + 1:03d}",
                "QYMC": f"南通{park[:2]}企业{k + 1:02d}有限公司",
                "XYDM": ui_uscc(n + 1),
                "YQMC": park,  # named in full: a new project takes the file's names as its parks
                "LB": categories[k % 4],
                "TDYT": "工业用地",
                "RJL": round(0.4 + 0.1 * (k % 8), 2),
                "DGRQ": f"20{20 + k % 5}-0{1 + k % 9}-15",
                "geometry": box(x, y, x + side, y + side),
            })
    return rows


@pytest.fixture
def ui_parcel_file(tmp_path) -> Path:
    """A GBK shapefile (with .cpg) in EPSG:4549 with Chinese attributes and pinyin headers."""
    import geopandas as gpd

    folder = tmp_path / "parcels"
    folder.mkdir()
    path = folder / "盘活地块.shp"
    gdf = gpd.GeoDataFrame(ui_parcel_rows(), crs="EPSG:4549")
    gdf.to_file(path, encoding="GBK", engine="pyogrio")
    return path


@pytest.fixture
def grid_project_file(tmp_path) -> Path:
    """A saved project of 36 parcels (a 6 × 6 grid of 80 m squares, all 闲置 in one park):
    small, yet "big" for a window told so (``defer_panels_above``)."""
    import geopandas as gpd
    import shapely

    from landplanner import store
    from landplanner.project import Project

    boxes = [shapely.box(x * 100, y * 100, x * 100 + 80, y * 100 + 80)
             for x in range(6) for y in range(6)]
    parcels = gpd.GeoDataFrame(
        {"parcel_id": [f"P{i:03d}" for i in range(36)], "category": ["idle"] * 36,
         "area_mu": [9.6] * 36, "park": ["一园"] * 36}, geometry=boxes, crs="EPSG:4549")
    path = tmp_path / "grid.gpkg"
    store.save_project(Project(parcels=parcels), path)
    return path


@pytest.fixture
def ui_parks_file(tmp_path) -> Path:
    """The three parks as rectangles around their parcels (GeoPackage, column 名称)."""
    import geopandas as gpd
    from shapely.geometry import box

    rows = [
        {"名称": park, "geometry": box(UI_X0 - 200 + p * 4000, UI_Y0 - 200, UI_X0 + 1800 + p * 4000, UI_Y0 + 1400)}
        for p, park in enumerate(UI_PARKS)
    ]
    path = tmp_path / "parks.gpkg"
    gpd.GeoDataFrame(rows, crs="EPSG:4549").to_file(path, layer="parks", engine="pyogrio")
    return path


@pytest.fixture
def ui_indicator_file(tmp_path) -> Path:
    """A 2025 indicator table (.xlsx) for the 36 enterprises, money in 万元."""
    import pandas as pd

    rows = []
    for n, parcel in enumerate(ui_parcel_rows()):
        rows.append({
            "年份": 2025,
            "统一社会信用代码": parcel["XYDM"],
            "企业名称": parcel["QYMC"],
            "企业规模": "规上",
            "税收(万元)": 20.0 + 15 * (n % 7),
            "应税销售(万元)": 800.0 + 120 * (n % 11),
            "工业增加值(万元)": 300.0 + 40 * (n % 5),
            "综合能耗(吨标煤)": 100.0 + 10 * (n % 3),
            "主要污染物排放量(吨)": 1.0 + (n % 4),
            "年平均职工人数": 50 + n,
            "研发经费支出(万元)": 10.0 + n,
            "主营业务收入(万元)": 900.0 + 100 * (n % 6),
            "用电量(万千瓦时)": 50.0 + n,
            "安全事故": "否",
            "环境违法": "否",
        })
    path = tmp_path / "指标2025.xlsx"
    pd.DataFrame(rows).to_excel(path, index=False)
    return path


#: Fixtures that mean "this test runs Qt": such a test gets its own settings and home folder.
_QT_FIXTURES = {"qtbot", "qapp", "ui_settings", "main_window", "open_in_window"}


@pytest.fixture(autouse=True)
def _isolated_user_folders(request, tmp_path_factory, monkeypatch):
    """Give every Qt test (and every ``test_ui_*`` module) its own home, QSettings and data
    folder (logs, recovery copies); an app started in a subprocess inherits the home.

    Without it, ``QStandardPaths`` test mode writes to ``~/.qttest``, shared by every test run
    on the machine: a crash-recovery test then sees (or deletes) another run's recovery file.
    ``HOME`` and the XDG folders are read by Qt on each call, so patching them is enough.
    """
    is_ui_test = request.node.path.name.startswith("test_ui_")  # also app runs in a subprocess
    if not (is_ui_test or _QT_FIXTURES & set(request.fixturenames)):
        yield None
        return
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings, QStandardPaths

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / "config"))
    yield home


@pytest.fixture
def ui_settings(_isolated_user_folders):
    """The test's own home folder, holding its QSettings, logs and recovery files."""
    yield _isolated_user_folders


@pytest.fixture
def main_window(qtbot, ui_settings):
    """A fresh main window in Chinese with the bundled font, shown offscreen."""
    from PySide6.QtWidgets import QApplication

    from landplanner.ui.fonts import ensure_cjk_font
    from landplanner.ui.i18n import install_language
    from landplanner.ui.main_window import MainWindow

    app = QApplication.instance()
    ensure_cjk_font(app)
    install_language(app, "zh")
    window = MainWindow()
    window.errorReporter = None
    window.resize(1400, 900)
    window.show()
    yield window
    window.project_model.undo_stack.setClean()
    window.project_model._unsaved_import = False
    window._replacing = True
    window.close()
    window.deleteLater()


@pytest.fixture
def open_in_window(qtbot, monkeypatch):
    """Open a file the way a user does: File → Open, pick the file, accept the import dialog."""

    def open_file(window, path, accept: bool = True):
        from PySide6.QtWidgets import QFileDialog

        from landplanner.ui.workers import running_tasks

        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        loaded = []
        window.projectLoaded.connect(lambda: loaded.append(True))
        window.actions["open"].trigger()
        qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None or bool(loaded), timeout=20000)
        dialog = getattr(window, "import_dialog", None)
        if dialog is not None and accept:
            dialog.accept()
        if accept:
            qtbot.waitUntil(lambda: bool(loaded) and running_tasks() == 0, timeout=20000)
        return dialog

    return open_file


# --- PostGIS (store helper): one throwaway server for the session, on 127.0.0.1 -------------
@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL + PostGIS cluster this test session starts and stops.

    Skips the test when the server binaries or PostGIS are not installed (``.ci/run``
    installs them); tests never touch any other server.
    """
    from landplanner.store import throwaway_cluster

    if not throwaway_cluster.has_postgis():
        pytest.skip("PostgreSQL with PostGIS is not installed")
    cluster = throwaway_cluster.start()
    try:
        cluster.create_database("lp_test")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_location(pg_cluster, request):
    """A fresh project location (its own schema) in the throwaway cluster's test database."""
    import re

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    return pg_cluster.dsn("lp_test") + f"?schema={name}"
