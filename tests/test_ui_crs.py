"""Issue 10 §1: choosing a coordinate system on import; --crs on the command line."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
import shapely

pytest.importorskip("PySide6")

from landplanner.cli import main  # noqa: E402
from landplanner.sources import crs_choice  # noqa: E402


def test_common_choices_put_china_first_with_central_meridians():
    common = crs_choice.common_choices()
    assert common[0].epsg == 4490
    codes = [c.epsg for c in common]
    # 3° zones by central meridian and with the zone prefix, then 6°, then Xian 1980, Beijing 1954.
    assert codes.index(4549) < codes.index(4528) < codes.index(4502) < codes.index(4610)
    assert codes.index(4610) < codes.index(4214)
    by_code = {c.epsg: c for c in common}
    assert by_code[4549].central_meridian == 120 and not by_code[4549].zone_prefix
    assert by_code[4528].central_meridian == 120 and by_code[4528].zone_prefix  # zone 40
    assert by_code[4499].central_meridian == 123  # 6° zone 21
    assert "中央经线 120°E" in by_code[4549].label("zh")


def test_search_by_code_and_words():
    assert crs_choice.search("EPSG:4549")[0].epsg == 4549
    assert crs_choice.search("4549")[0].epsg == 4549
    found = [c.epsg for c in crs_choice.search("xian 1980 120")]
    assert 2385 in found
    assert 2385 in [c.epsg for c in crs_choice.search("西安 1980 120")]  # the Chinese name too
    assert crs_choice.search("utm zone 50N")  # anything in the EPSG database


@pytest.fixture
def cn01(corpus_dir, tmp_path):
    source = corpus_dir / "cn01_anhui_counties_gbk_ldid936_nocpg_noprj"
    target = tmp_path / "cn01"
    shutil.copytree(source, target)
    return target / "chinese_encoding.shp"


def test_import_dialog_chooses_a_crs_and_areas_are_filled(main_window, cn01, open_in_window, qtbot):
    dialog = open_in_window(main_window, cn01, accept=False)
    chooser = dialog.crs_chooser
    # The guess (degrees → CGCS2000 geographic) is preselected, with the reason.
    assert chooser.epsg() == 4490
    assert "推测" in chooser.reason_label.text()
    assert chooser.list.currentItem().text().startswith("EPSG:4490")
    # The user searches for a code and clicks it, then back to 4490.
    qtbot.keyClicks(chooser.search_edit, "4549")
    assert chooser.list.count() >= 1
    chooser.list.setCurrentRow(0)
    assert chooser.epsg() == 4549
    chooser.search_edit.clear()
    row = next(r for r in range(chooser.list.count())
               if chooser.list.item(r).text().startswith("EPSG:4490"))
    chooser.list.setCurrentRow(row)
    assert chooser.epsg() == 4490
    dialog.grab().save("/tmp/bureau_import_crs_cn01.png")
    loaded = []
    main_window.projectLoaded.connect(lambda: loaded.append(1))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(loaded), timeout=20000)
    parcels = main_window.project_model.parcels
    assert parcels.crs.to_epsg() == 4490
    assert parcels["area_mu"].notna().all() and parcels["area_mu"].sum() > 1e8
    assert main_window.project_model.project.source["crs"]["epsg"] == 4490
    # The scale reads in metres on the ground (a province, not "1:30").
    qtbot.waitUntil(lambda: main_window.map.scale() > 100_000, timeout=10000)


def test_choosing_none_keeps_the_file_without_crs(main_window, cn01, open_in_window, qtbot):
    dialog = open_in_window(main_window, cn01, accept=False)
    dialog.crs_chooser.list.setCurrentRow(0)  # 不指定（不计算面积）
    assert dialog.crs_epsg() is None
    loaded = []
    main_window.projectLoaded.connect(lambda: loaded.append(1))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(loaded), timeout=20000)
    assert main_window.project_model.parcels.crs is None


@pytest.fixture
def no_crs_file(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"DKBH": ["A1", "A2"], "LB": ["闲置", "低效"]},
        geometry=[shapely.box(490000, 3545000, 490100, 3545100),
                  shapely.box(490200, 3545000, 490300, 3545100)],
    )
    path = tmp_path / "noprj.shp"
    gdf.to_file(path, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["quota"], ["export", "--xlsx", "OUT"], ["score"]])
def test_cli_refuses_area_output_without_crs(no_crs_file, tmp_path, capsys, command):
    argv = [a.replace("OUT", str(tmp_path / "o.xlsx")) for a in command]
    assert main([argv[0], str(no_crs_file), *argv[1:]]) == 2
    err = capsys.readouterr().err
    assert "--crs" in err
    assert not (tmp_path / "o.xlsx").exists()


def test_cli_crs_gives_areas(no_crs_file, tmp_path, capsys):
    import json

    out = tmp_path / "o.xlsx"
    assert main(["export", str(no_crs_file), "--xlsx", str(out), "--crs", "EPSG:4549"]) == 0
    assert out.exists()
    capsys.readouterr()
    assert main(["check", str(no_crs_file), "--crs", "EPSG:4549", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["area_mu_total"] == pytest.approx(30.0)
    assert report["crs"]["epsg"] == 4549
    assert main(["quota", str(no_crs_file), "--crs", "EPSG:4549", "--json"]) == 0
    capsys.readouterr()
    assert main(["quota", str(no_crs_file), "--crs", "nonsense"]) == 2
    assert "EPSG:4490" in capsys.readouterr().err


def test_check_without_crs_names_the_option(no_crs_file, capsys):
    main(["check", str(no_crs_file)])
    assert "--crs" in capsys.readouterr().out
