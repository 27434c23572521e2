"""`landplanner P.gpkg` reads the project while the window is built (ui.prefetch, issue 10 §8)."""

import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from landplanner.problems import InputError
from landplanner.project import Project
from landplanner.store import save_project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project_file(tmp_path) -> Path:
    boxes = [shapely.box(x * 100, 0, x * 100 + 80, 80) for x in range(30)]
    parcels = gpd.GeoDataFrame(
        {"parcel_id": [f"P{i:03d}" for i in range(30)], "category": ["idle"] * 30,
         "area_mu": [9.6] * 30, "park": ["一园"] * 30},
        geometry=boxes, crs="EPSG:4549")
    path = tmp_path / "项目.gpkg"
    save_project(Project(parcels=parcels), path)
    return path


@pytest.fixture(autouse=True)
def _no_leftovers():
    from landplanner.ui import prefetch

    prefetch.forget()
    yield
    prefetch.forget()


def test_the_read_started_early_is_the_one_the_window_takes(project_file):
    from landplanner import store
    from landplanner.ui import prefetch

    assert prefetch.start(project_file) is True
    assert prefetch.start(project_file) is False  # one read per file
    project = prefetch.open_project(str(project_file))  # the window's spelling of the path
    assert project.parcels["parcel_id"].tolist() == [f"P{i:03d}" for i in range(30)]
    assert prefetch.take(project_file) is None  # handed over once
    again = prefetch.open_project(project_file)  # nothing started: an ordinary read
    assert again.parcels.equals(store.open_project(project_file).parcels)


def test_only_local_geopackages_are_read_ahead(tmp_path, project_file):
    from landplanner.ui import prefetch

    text = tmp_path / "not.gpkg"
    text.write_text("hello")
    for location in (tmp_path / "missing.gpkg", text, tmp_path / "parcels.shp",
                     "postgresql://u@h/db?schema=s"):
        assert prefetch.start(location) is False


def test_an_early_read_fails_as_the_store_says(tmp_path):
    import pyogrio

    from landplanner.ui import prefetch

    plain = tmp_path / "plain.gpkg"  # a GeoPackage, but no landplanner project
    gdf = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.box(0, 0, 1, 1)], crs="EPSG:4549")
    pyogrio.write_dataframe(gdf, plain)
    assert prefetch.start(plain) is True
    with pytest.raises(InputError) as caught:
        prefetch.open_project(plain)
    assert caught.value.problem.code == "store.not_project"


def test_waiting_for_an_early_read_can_be_cancelled(project_file, monkeypatch):
    import threading

    from landplanner.ui import prefetch

    gate = threading.Event()
    monkeypatch.setattr(prefetch, "_read", lambda location: gate.wait(5) and None)
    assert prefetch.start(project_file)
    with pytest.raises(InputError) as caught:
        prefetch.open_project(project_file, progress=lambda fraction, message: False)
    gate.set()
    assert caught.value.problem.code == "cancelled"


def test_screenshot_of_a_project_reads_it_ahead(project_file, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    code = ("import sys; from landplanner.ui import prefetch; started = []\n"
            "real = prefetch.start\n"
            "prefetch.start = lambda loc: started.append(real(loc)) or started[-1]\n"
            "from landplanner.cli import main\n"
            "status = main(sys.argv[1:])\n"
            "print('started', started, 'left', len(prefetch._pending))\n"
            "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code, str(project_file), "--screenshot",
                           str(out), "--size", "800x600"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "started [True] left 0" in done.stdout
    assert out.stat().st_size > 10_000


def test_the_map_takes_the_layer_prepared_ahead_only_for_the_same_geometries():
    import numpy as np

    from landplanner.render.geometry import LayerGeometry

    geoms = np.array([shapely.box(i, 0, i + 1, 1) for i in range(10)], dtype=object)
    ahead = LayerGeometry.ahead(geoms)
    assert LayerGeometry.prepared(geoms.copy()) is ahead  # a shallow copy: same objects
    assert LayerGeometry.prepared(geoms) is not ahead  # handed over once
    LayerGeometry.ahead(geoms)
    other = np.array([shapely.box(i, 0, i + 1, 1) for i in range(10)], dtype=object)
    fresh = LayerGeometry.prepared(other)  # equal shapes, other objects: built anew
    assert fresh is not ahead and fresh.geoms[0] is other[0]
    ahead = LayerGeometry.ahead(geoms)
    assert LayerGeometry.prepared(geoms[::-1]) is not ahead  # same objects, other order


@pytest.mark.parametrize("style", ["category", "status"])  # the parcels' own column; derived
def test_the_map_size_and_style_let_the_read_prepare_the_first_full_map(project_file, qapp,
                                                                          style):
    import datetime as dt
    import time

    from landplanner.render.context import MapView
    from landplanner.render.draw import draw_parcels
    from landplanner.render.geometry import LayerGeometry
    from landplanner.render.worker import paint_image
    from landplanner.services.parcel_view import parcel_view
    from landplanner.ui import prefetch
    from landplanner.ui.styles import get_style

    assert prefetch.start(project_file)
    prefetch.hint_first_map(640, 480, style, 96)  # the window, opening the file
    project = prefetch.open_project(project_file)
    layer = LayerGeometry.prepared(project.parcels.geometry.to_numpy())  # what the map takes
    view = MapView.fit(layer.total_bounds, 640, 480)
    key = layer.level_key(view.res)
    deadline = time.monotonic() + 10
    while not (key in layer._levels and layer._levels[key].chunks) \
            and time.monotonic() < deadline:
        time.sleep(0.01)  # (prepared in a worker once the read is done)
    assert key in layer._levels
    assert not prefetch._layers  # nothing kept once used
    # the map's own symbology (another object, its own version) finds the chunks cut and
    # their paths built: the first render only paints
    parcels = parcel_view(project, None, dt.date.today())
    sym = get_style(style, parcels).symbology(parcels, version=7)
    prepared = list(layer._levels[key].chunks.values())
    assert len(prepared) == 1 and all(p is not None for p in prepared[0].paths)
    assert layer.chunks(layer._levels[key], sym.feature_class, len(sym.fills)) is prepared[0]
    image = paint_image(view, lambda p, ctx: draw_parcels(p, ctx, layer, sym))
    px, py = view.to_pixel(40.0, 40.0)  # inside the first parcel: its class's fill
    assert image.pixelColor(int(px), int(py)).name() == sym.fills[sym.feature_class[0]].name()
    if style == "category":
        assert sym.fills[sym.feature_class[0]].name() == "#fc8d62"  # idle
    assert list(layer._levels[key].chunks.values()) == prepared  # nothing cut again


def test_without_a_map_size_nothing_is_kept(project_file):
    from landplanner.ui import prefetch

    assert prefetch.start(project_file)
    prefetch.open_project(project_file)
    assert not prefetch._layers
