"""Issue 10 §7: the CLI speaks the user's language and prints no internals."""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from landplanner import messages
from landplanner.cli import main
from landplanner.cli.check_command import _problem_lines


@pytest.fixture(autouse=True)
def _language():
    before = messages.language()
    yield
    messages.set_language(before)


def test_a_wide_file_maps_without_fragmenting_the_frame():
    from landplanner import fields

    columns = {f"F{i:03d}": [str(i)] * 3 for i in range(150)}
    gdf = gpd.GeoDataFrame(columns, geometry=[shapely.box(0, 0, 10, 10)] * 3, crs=4549)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        out = fields.apply_mapping(gdf, fields.guess_mapping(gdf))
    assert "F149" in out.columns and out.geometry.name in out.columns


def test_argparse_errors_and_help_in_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export", "x.gpkg"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "用法：" in err and "缺少必需的参数：--xlsx" in err and "required" not in err
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--version" in out and "显示版本号并退出" in out and "显示此帮助信息并退出" in out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "选项" in out and "图层名" in out


def test_argparse_in_english_with_lang(capsys):
    with pytest.raises(SystemExit):
        main(["quota", "x.gpkg", "--lang", "en", "--bogus"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err and "用法" not in err


def test_gdal_not_recognized_never_reaches_the_user(tmp_path, capsys):
    junk = tmp_path / "junk.geojson"
    junk.write_text("hello, this is not geodata")
    assert main(["check", str(junk), "--lang", "zh"]) == 2
    out = capsys.readouterr()
    text = out.out + out.err
    assert "不是可识别的地理数据文件" in text
    assert "not recognized" not in text and "DRIVER" not in text


def test_a_feature_is_named_once():
    message = "要素 FID 0 没有图形，保留其属性，但不参与面积计算。"
    lines = _problem_lines([{"code": "geometry_null", "feature": 0, "severity": "warning",
                             "message": message}])
    assert "要素 0 要素" not in "\n".join(lines)
    assert "要素 FID 0" in lines[1]
    lines = _problem_lines([{"code": "area_zero", "feature": 3, "severity": "warning",
                             "message": "面积为零"}])
    assert "要素 3 面积为零" in lines[1]


def test_data_folder_is_one_level(qapp):
    from landplanner.ui.error_log import data_dir

    qapp.setOrganizationName("landplanner")
    qapp.setApplicationName("landplanner")
    path = data_dir()
    assert path.name == "landplanner" and path.parent.name != "landplanner"
