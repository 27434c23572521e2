"""Benchmark of the map renderer against matplotlib's ``GeoDataFrame.plot``.

Generates 100,000 parcels (a seeded grid of jittered polygons over ~40 × 40 km in EPSG:4549,
some with holes, some multi-part) and prints, at 1600 × 1000 px:

* preparing the layer (bounds, STRtree, curve order) once;
* full extent: first render (zoom level simplified and chunk paths built on the way),
  re-render (the state after any pan/zoom back to a visited level), and showing the cached
  image (what the canvas does on a repaint without a new render);
* zoomed in (~5,000 parcels visible): first render and re-render;
* matplotlib ``GeoDataFrame.plot`` of the same full view saved to PNG (the baseline).

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_render.py [--n 100000] [--no-mpl]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402

from landplanner.render.context import MapView  # noqa: E402
from landplanner.render.draw import draw_parcels  # noqa: E402
from landplanner.render.geometry import LayerGeometry  # noqa: E402
from landplanner.render.worker import paint_image  # noqa: E402
from landplanner.ui.styles import get_style  # noqa: E402

WIDTH, HEIGHT = 1600, 1000


def make_parcels(n: int = 100_000, seed: int = 20261123, size_m: float = 40_000.0):
    """A seeded grid of jittered star-shaped polygons (valid), ~n of them, in EPSG:4549."""
    rng = np.random.default_rng(seed)
    side = int(round(np.sqrt(n)))
    cell = size_m / side
    ix, iy = np.meshgrid(np.arange(side), np.arange(side))
    ix, iy = ix.ravel(), iy.ravel()
    m = len(ix)
    cx = 480_000 + (ix + 0.5) * cell + rng.uniform(-0.1, 0.1, m) * cell
    cy = 3_530_000 + (iy + 0.5) * cell + rng.uniform(-0.1, 0.1, m) * cell
    k = 7
    # evenly spread angles with jitter: the centre stays inside, so the holes below fit
    ang = (np.arange(k) + rng.uniform(-0.3, 0.3, (m, k))) * (2 * np.pi / k)
    r = cell * 0.5 * rng.uniform(0.7, 1.0, (m, k))
    ring = np.stack([cx[:, None] + r * np.cos(ang), cy[:, None] + r * np.sin(ang)], -1)
    geoms = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
    # every 50th parcel gets a hole (a courtyard), every 97th is two-part
    holes = np.arange(0, m, 50)
    h = cell * 0.1
    hole = np.stack([cx[holes, None] + h * np.array([1, 1, -1, -1, 1]),
                     cy[holes, None] + h * np.array([-1, 1, 1, -1, -1])], -1)
    geoms[holes] = shapely.polygons(shapely.get_exterior_ring(geoms[holes]),
                                    holes=shapely.linearrings(hole)[:, None])
    multi = np.arange(7, m, 97)
    geoms[multi] = shapely.union(geoms[multi], shapely.box(
        cx[multi] + cell * 0.3, cy[multi] + cell * 0.3, cx[multi] + cell * 0.48,
        cy[multi] + cell * 0.48))
    cats = rng.choice(["idle", "low_efficiency", "unsupplied", "other"], m, p=[.2, .35, .15, .3])
    gdf = gpd.GeoDataFrame({
        "parcel_id": [f"P{i + 1:06d}" for i in range(m)],
        "category": cats,
        "area_mu": shapely.area(geoms) / (10000 / 15),
    }, geometry=geoms, crs="EPSG:4549")
    return gdf


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return (statistics.median(times) if repeat > 1 else times[0]), out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--no-mpl", action="store_true", help="skip the matplotlib baseline")
    ap.add_argument("--save", default="/tmp/bench_render_full.png")
    args = ap.parse_args()
    QGuiApplication.instance() or QGuiApplication([])

    t_gen, gdf = timed(lambda: make_parcels(args.n))
    nvert = len(shapely.get_coordinates(gdf.geometry.to_numpy()))
    print(f"parcels: {len(gdf):,}, {nvert:,} vertices (generated in {t_gen:.2f} s)")
    t_prep, layer = timed(lambda: LayerGeometry(gdf.geometry.to_numpy()))
    print(f"prepare layer (bounds, STRtree, curve order):   {t_prep * 1000:8.1f} ms")
    sym = get_style("category").symbology(gdf)

    full = MapView.fit(layer.total_bounds, WIDTH, HEIGHT)

    def render(view):
        return paint_image(view, lambda p, ctx: draw_parcels(p, ctx, layer, sym))

    t_first, img = timed(lambda: render(full))
    t_again, img = timed(lambda: render(full), repeat=5)
    img.save(args.save)

    screen = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)

    def blit():
        p = QPainter(screen)
        p.drawImage(QRectF(0, 0, WIDTH, HEIGHT), img)
        p.end()

    t_blit, _ = timed(blit, repeat=5)
    # zoom in until about 5,000 parcels are in view
    xmin, ymin, xmax, ymax = layer.total_bounds
    data_area = (xmax - xmin) * (ymax - ymin)
    zres = np.sqrt(5000 / len(gdf) * data_area / (WIDTH * HEIGHT))
    zoom = MapView(full.cx + 3000, full.cy - 2000, zres, WIDTH, HEIGHT)
    visible = len(layer.visible(zoom.extent))
    cold = LayerGeometry(gdf.geometry.to_numpy())

    def render_cold():
        paint_image(zoom, lambda p, ctx: draw_parcels(p, ctx, cold, sym))

    t_zcold, _ = timed(render_cold)
    t_warm, _ = timed(lambda: layer.warm_detail(sym))
    t_zfirst, zimg = timed(lambda: render(zoom))
    t_zagain, zimg = timed(lambda: render(zoom), repeat=5)
    zimg.save("/tmp/bench_render_zoom.png")
    pan = zoom.panned(400, 250)
    t_pan, _ = timed(lambda: render(pan), repeat=3)

    print(f"full extent, first render (builds zoom level):  {t_first * 1000:8.1f} ms")
    print(f"full extent, re-render:                         {t_again * 1000:8.1f} ms  (goal < 500)")
    print(f"full extent, cached image shown:                {t_blit * 1000:8.1f} ms")
    print(f"zoomed in ({visible:,} visible), first render, cold: {t_zcold * 1000:8.1f} ms"
          "  (full-detail level built on the way)")
    print(f"background warm-up after the first render:      {t_warm * 1000:8.1f} ms"
          "  (the canvas runs it in its worker)")
    print(f"zoomed in, first render after warm-up:          {t_zfirst * 1000:8.1f} ms")
    print(f"zoomed in, re-render:                           {t_zagain * 1000:8.1f} ms  (goal < 50)")
    print(f"zoomed in, re-render after a pan:               {t_pan * 1000:8.1f} ms")
    # does the GUI thread stay responsive while a worker renders the full extent?
    import threading

    def work():
        for _ in range(5):
            render(full)

    worker = threading.Thread(target=work)
    worker.start()
    gaps, last = [], time.perf_counter()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    print(f"GUI-thread longest stall while a worker renders: {max(gaps) * 1000:7.1f} ms")
    if not args.no_mpl:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def mpl():
            fig, ax = plt.subplots(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
            gdf.plot(ax=ax, column="category", categorical=True, edgecolor="#555555",
                     linewidth=0.2)
            xmin, ymin, xmax, ymax = full.extent
            ax.set_xlim(xmin, xmax)
            ax.set_ylim(ymin, ymax)
            ax.set_axis_off()
            fig.savefig("/tmp/bench_render_mpl.png", dpi=100)
            plt.close(fig)

        t_mpl, _ = timed(mpl)
        print(f"matplotlib GeoDataFrame.plot, full view to PNG: {t_mpl * 1000:8.1f} ms")
        print(f"speed-up over matplotlib (full extent re-render): {t_mpl / t_again:6.1f}x"
              f"  (first render: {t_mpl / t_first:.1f}x; goal >= 20x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
