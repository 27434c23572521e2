"""Repaired polygons and parcels outside every park are one problem per kind (columnar), named
by 地块编号 in the report, the JSON and the import dialog (issue 9 §5 leftovers)."""

from __future__ import annotations

import contextlib
import io
import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from landplanner import messages
from landplanner.cli import main
from landplanner.problems import Problem, where
from landplanner.project import Project
from landplanner.sources import load_parcels

BOWTIE = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])


def _parcels(path: Path, n: int = 12, bowties=(1, 3, 5, 7, 9, 11)) -> Path:
    geoms = [shapely.affinity.translate(BOWTIE if i in bowties else shapely.box(0, 0, 10, 10),
                                        xoff=575_000 + 100 * i, yoff=3_546_000) for i in range(n)]
    gdf = gpd.GeoDataFrame({"DKBH": [f"DK{i + 1:03d}" for i in range(n)]}, geometry=geoms,
                           crs=4549)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, path)
    return path


def _check(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    previous = messages.language()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            status = main(["check", *argv])
    finally:
        messages.set_language(previous)
    return status, out.getvalue()


def test_repaired_polygons_are_one_problem_with_their_rows(tmp_path):
    result = load_parcels(_parcels(tmp_path / "地块.shp"))
    (repaired,) = result.report.problems_with("invalid_repaired")
    assert repaired.rows.tolist() == [1, 3, 5, 7, 9, 11] and repaired.feature is None
    assert "6 个地块" in repaired.message_zh


def test_check_report_names_the_first_parcel_ids_of_each_kind(tmp_path):
    path = _parcels(tmp_path / "地块.shp")
    status, text = _check(str(path))
    assert status == 0
    (line,) = [ln for ln in text.splitlines() if "多边形无效" in ln]
    # one line for the kind: the count and the first 地块编号 (not row numbers)
    assert "6 个地块" in line and "DK002、DK004、DK006、DK008、DK010…" in line and "#2" not in line
    status, out = _check(str(path), "--json")
    report = json.loads(out)
    (item,) = [p for p in report["problems"] if p["code"] == "invalid_repaired"]
    assert item["count"] == 6 and item["parcel_ids"] == ["DK002", "DK004", "DK006", "DK008",
                                                          "DK010", "DK012"]
    assert "DK002" in item["message"]


def test_parcels_outside_every_park_are_one_problem_named_by_id(tmp_path):
    result = load_parcels(_parcels(tmp_path / "地块.shp", bowties=()))
    parks = gpd.GeoDataFrame({"name": ["崇川经济开发区"]},
                             geometry=[shapely.box(575_000, 3_546_000, 575_450, 3_546_100)],
                             crs=4549)
    project = Project.from_load(result, parks=parks)
    (outside,) = [p for p in project.problems if p.code == "park_outside"]
    assert outside.rows.tolist() == list(range(5, 12))
    assert outside.message_zh == "7 个地块不在任何园区范围内：DK006、DK007、DK008、DK009、DK010…"
    assert where(outside, project.parcels["parcel_id"]) == "7 个：DK006、DK007、DK008、DK009、DK010…"


def test_where_names_one_parcel_or_a_group():
    ids = np.array(["DK001", None, 1003.0], dtype=object)
    assert where(Problem.make("empty_layer", "info"), ids) == ""
    assert where(Problem.make("null_geometry", "warning", feature=2, fid=2), ids) == "1003"
    group = Problem.group("park_outside", "warning", [0, 1])
    assert where(group, ids) == "2 个：DK001、#2"
    assert group.labelled(ids).message_zh.endswith("DK001、#2")


def test_import_dialog_shows_count_and_first_ids_not_a_row_number(qtbot, tmp_path):
    from landplanner.fields import guess_mapping
    from landplanner.ui.import_dialog import ImportDialog

    result = load_parcels(_parcels(tmp_path / "地块.shp"))
    dialog = ImportDialog(result, guess_mapping(result.gdf))
    qtbot.addWidget(dialog)
    table = dialog.problems_table
    assert table.horizontalHeaderItem(2).text() == "地块"
    cells = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    (cell,) = [c for m, c in cells.items() if "多边形无效" in m]
    assert cell == "6 个：DK002、DK004、DK006、DK008、DK010…"
    (message,) = [m for m in cells if "多边形无效" in m]
    assert "DK002、DK004" in message and "#2" not in message


def test_every_geometry_kind_is_one_problem_with_its_rows(tmp_path):
    """Shapes without geometry, with NaN coordinates or with point/line parts are one problem
    per kind with their rows, not one line per parcel (a file of broken shapes stays readable),
    named by 地块编号."""
    n = 40
    geoms = [shapely.box(575_000 + 100 * i, 3_546_000, 575_050 + 100 * i, 3_546_050) for i in range(n)]
    nulls = [2, 5, 9, 30]
    nan = [4, 11]
    mixed = [6, 7, 8]
    for i in nulls:
        geoms[i] = None
    for i in nan:
        geoms[i] = shapely.Polygon([(575_000, 3_546_000), (float("nan"), 3_546_050),
                                    (575_050, 3_546_050)])
    for i in mixed:
        geoms[i] = shapely.GeometryCollection([geoms[i], shapely.Point(575_000, 3_546_000)])
    ids = [f"DK{i + 1:03d}" for i in range(n)]
    from landplanner.sources.geometry import clean_polygons

    _fixed, _gtype, problems = clean_polygons(np.array(geoms, dtype=object))
    by_code = {}
    for p in problems:
        by_code.setdefault(p.code, []).append(p)
    (null,) = by_code["null_geometry"]
    assert null.rows.tolist() == nulls and "4 个地块没有图形" in null.message_zh
    (nonfinite,) = by_code["geometry_nonfinite"]
    assert nonfinite.rows.tolist() == nan
    (dropped,) = by_code["non_polygon_parts_dropped"]
    assert dropped.rows.tolist() == mixed
    assert "DK003" in where(null, ids)
