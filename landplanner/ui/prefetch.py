"""Read the project named on the command line while the window is being built (issue 10 §8).

``landplanner P.gpkg`` used to import the whole window, build it, and only then start reading
the project. Reading a 100,000-parcel GeoPackage spends most of its time outside Python
(GDAL, the WKB parser: the GIL is released), so it can run while the main thread imports Qt
and builds the window. :func:`start` submits ``store.open_project`` to the app's long-lived
worker threads (:mod:`landplanner.ui.threads`) as soon as the arguments are parsed; the
window's File → Open path asks :func:`open_project`, which hands over that read (or reads
now when none was started). Errors are the store's own, reported as any open error.

Only a local ``.gpkg`` file that starts like SQLite is read ahead (checked without GDAL);
anything else opens as before.

The reading thread also prepares the map's layer (``LayerGeometry.ahead``) and, once the
window tells it the map's size and style (:func:`hint_first_map`, when it opens the file),
the first full map: its zoom level (vertices snapped to that level's pixels), the chunks of
the style's classes and their paths, so the first render only paints. A wrong guess costs
only that background work: chunks are kept by the classes they are cut from, so the map
uses them only when its classes are the same.
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from landplanner.ui.threads import EXECUTOR

_SQLITE_MAGIC = b"SQLite format 3\x00"
_pending: dict[str, Future] = {}
_layers: dict[str, Any] = {}  # location -> the map layer prepared with its read


def _key(location: str | os.PathLike) -> str | None:
    """The prefetch key of ``location`` (its resolved path), or None when it is not read ahead."""
    text = str(location)
    if "://" in text:
        return None
    path = Path(text)
    if path.suffix.lower() != ".gpkg":
        return None
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != _SQLITE_MAGIC:
                return None
        return str(path.resolve())
    except OSError:
        return None


def _read(location: str) -> Any:
    from landplanner import store

    project = store.open_project(location)
    try:  # the map's geometry too: its vertices are flattened here, not after the window
        from landplanner.render.geometry import LayerGeometry

        _layers[location] = LayerGeometry.ahead(project.parcels.geometry.to_numpy())
    except Exception:  # only a head start: the map prepares its layer itself
        pass
    return project


def _prepare_first_map(read: Future, location: str, hint: dict) -> None:
    """The first full map of the project read ahead, as the map will draw it: its zoom
    level, chunks and paths (``render.draw.prepare_parcels``) for the map's size and style
    in ``hint``, on the layer read ahead."""
    layer = _layers.pop(location, None)
    try:
        project = read.result()
        if layer is None or layer.total_bounds is None:
            return
        import datetime as dt

        from landplanner.render.context import MapView, RenderContext, StopFlag, union_bounds
        from landplanner.render.draw import prepare_parcels
        from landplanner.render.styles import get_style
        from landplanner.services.parcel_view import DERIVED_COLUMNS, parcel_view

        parks = getattr(project, "parks", None)
        park_bounds = tuple(parks.geometry.total_bounds) if parks is not None and len(parks) else None
        # the map's full extent, as the canvas's zoomToFullExtent computes it
        view = MapView.fit(union_bounds(layer.total_bounds, park_bounds), hint["width"],
                           hint["height"])
        ctx = RenderContext(view, hint["dpi"], StopFlag())
        layer.level(ctx.lod_res)  # the level first: it is of use even if the rest is not
        # the classes the map will draw: the same style over the same column, the parcels'
        # own or one the map's view derives (no scores yet); a different outcome only means
        # the map cuts its own chunks
        style = get_style(hint["style"], project.parcels)
        parcels = (parcel_view(project, None, dt.date.today())
                   if style.column in DERIVED_COLUMNS else project.parcels)
        prepare_parcels(ctx, layer, style.symbology(parcels))
    except Exception:  # only a head start: the render prepares what it needs itself
        pass


def hint_first_map(width: int, height: int, style: str, dpi: float) -> None:
    """The map's size in pixels, its style and dpi: the read in progress then also prepares
    the first full map (in a worker, once the read is done)."""
    if not _pending or width <= 0 or height <= 0:
        return
    hint = {"width": width, "height": height, "style": style, "dpi": float(dpi or 96)}
    for read in list(_pending.values()):
        location = getattr(read, "location", None)
        read.hinted = True
        read.add_done_callback(
            lambda done, loc=location: EXECUTOR.submit(_prepare_first_map, done, loc, hint))


def start(location: str | os.PathLike | None) -> bool:
    """Start reading the project at ``location`` in a worker thread; True when started."""
    key = _key(location) if location else None
    if key is None or key in _pending:
        return False
    read = _pending[key] = EXECUTOR.submit(_read, str(location))
    read.location = str(location)  # (the key of its prepared layer)
    return True


def take(location: str | os.PathLike) -> Future | None:
    """The read started for ``location`` (handed over once), or None."""
    if not _pending:
        return None
    key = _key(location)
    return _pending.pop(key, None) if key is not None else None


def open_project(location: str | os.PathLike, progress=None) -> Any:
    """``store.open_project(location)``, taking over a read :func:`start` began.

    ``progress(fraction, message) -> bool`` is polled while waiting; returning False
    cancels as the store's own open does (``InputError`` with code ``cancelled``).
    """
    from landplanner import store

    future = take(location)
    if future is None:
        return store.open_project(location, progress=progress)
    from concurrent.futures import TimeoutError as Timeout

    while True:
        try:
            project = future.result(timeout=0.1)
            if not getattr(future, "hinted", False):  # no level to prepare on its layer
                _layers.pop(getattr(future, "location", None), None)
            return project
        except Timeout:
            if progress is not None and progress(0.5, _progress_text()) is False:
                from landplanner import messages
                from landplanner.problems import InputError, Problem

                zh, en = messages.both("store.progress_open.cancelled")
                raise InputError(Problem("cancelled", "error", zh, en)) from None


def _progress_text() -> str:
    from landplanner import messages

    return messages.text("store.progress_open", table="parcels")


def pending() -> bool:
    """Whether a read started by :func:`start` waits to be taken."""
    return bool(_pending)


def forget() -> None:
    """Drop reads nobody took (tests)."""
    _pending.clear()
    _layers.clear()
