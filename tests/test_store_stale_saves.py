"""Interrupted saves leave ``.NAME.saving-<pid>-<id>.gpkg`` files: the next save or open
removes those of dead processes (and logs it), never those of a live save."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import geopandas as gpd
import shapely

from landplanner.project import Project
from landplanner.store import open_project, save_project
from landplanner.store.gpkg_store import clean_stale_saves


def _project() -> Project:
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["DK1", "DK2"], "enterprise": ["甲", "乙"]},
        geometry=[shapely.box(0, 0, 10, 10), shapely.box(20, 0, 30, 10)],
        crs="EPSG:4549",
    )
    return Project(parcels=parcels)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftovers(folder, stem: str, pid: int) -> list:
    temp = folder / f".{stem}.saving-{pid}-1a2b3c4d.gpkg"
    temp.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    journal = folder / (temp.name + "-journal")
    journal.write_bytes(b"\x00" * 100)
    return [temp, journal]


def test_next_save_removes_stale_files_of_dead_processes_only(tmp_path, caplog):
    target = tmp_path / "盘活.gpkg"
    save_project(_project(), target)
    stale = _leftovers(tmp_path, "盘活", _dead_pid())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = _leftovers(tmp_path, "盘活", sleeper.pid)
        other = _leftovers(tmp_path, "其他", _dead_pid())  # another project's: not ours
        with caplog.at_level(logging.INFO, logger="landplanner.store.gpkg_store"):
            save_project(_project(), target)
        assert not any(p.exists() for p in stale)
        assert all(p.exists() for p in live + other)
        logged = " ".join(r.getMessage() for r in caplog.records)
        assert stale[0].name in logged and "interrupted save" in logged
    finally:
        sleeper.kill()
        sleeper.wait()
    assert open_project(target).parcels["parcel_id"].tolist() == ["DK1", "DK2"]
    # once the live process has gone, opening cleans its files too
    open_project(target)
    assert not any(p.exists() for p in live)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name] + [p.name for p in other]
    )


def test_files_of_this_process_are_left_alone(tmp_path):
    mine = _leftovers(tmp_path, "p", os.getpid())
    assert clean_stale_saves(tmp_path / "p.gpkg") == []
    assert all(p.exists() for p in mine)
