"""``landplanner check`` (JSON keys, figures, exit codes) and ``landplanner [FILE]`` arguments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from landplanner import messages
from landplanner.cli import app_command, main

REPO = Path(__file__).resolve().parents[1]
X0, Y0 = 575000.0, 3546000.0  # EPSG:4549 metres, near the 港闸 park

# (地块编号, 企业名称, 类别, 园区, width m, height m): areas by hand, 1 mu = 10000/15 m²:
# 100×100 m = 15 mu, 200×100 = 30, 50×100 = 7.5, 300×200 = 90.
PARCELS = [
    ("DK001", "南通甲机械有限公司", "闲置", "崇川经济开发区", 100.0, 100.0),
    ("DK002", "南通乙纺织有限公司", "低效", "崇川经济开发区", 200.0, 100.0),
    ("DK003", "", "征而未供", "港闸经济开发区", 50.0, 100.0),
    ("DK004", "港闸丙电子有限公司", "正常", "港闸经济开发区", 300.0, 200.0),
]
EXPECTED_TOTAL = 142.5
EXPECTED_BY_CATEGORY = {"idle": 15.0, "low_efficiency": 30.0, "unsupplied": 7.5, "other": 90.0}
EXPECTED_BY_PARK = {"崇川经济开发区": 45.0, "港闸经济开发区": 97.5}
TOP_KEYS = {
    "ok", "features", "geometry_type", "crs", "encoding", "area_mu_total",
    "area_mu_by_category", "area_mu_by_park", "parcels_no_park", "area_mu_no_park", "fields",
    "problems", "error",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _chinese_messages():
    messages.set_language("zh")
    yield
    messages.set_language("zh")


def _write_parcels(folder: Path, stem: str = "地块", cpg: bool = True, prj: bool = True) -> Path:
    boxes = [
        shapely.box(X0 + 1000 * i, Y0, X0 + 1000 * i + w, Y0 + h)
        for i, (*_, w, h) in enumerate(PARCELS)
    ]
    frame = gpd.GeoDataFrame(
        {
            "地块编号": [p[0] for p in PARCELS],
            "企业名称": [p[1] for p in PARCELS],
            "类别": [p[2] for p in PARCELS],
            "园区": [p[3] for p in PARCELS],
            "用地面积": [w * h / (10000 / 15) for *_, w, h in PARCELS],
        },
        geometry=boxes,
        crs="EPSG:4549",
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.shp"
    pyogrio.write_dataframe(frame, path, encoding="GBK")
    if not cpg:
        path.with_suffix(".cpg").unlink()
    if not prj:
        path.with_suffix(".prj").unlink()
    return path


def _check_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["check", *args, "--json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out)


def _assert_schema(report: dict) -> None:
    assert set(report) == TOP_KEYS
    assert isinstance(report["ok"], bool)
    assert isinstance(report["features"], int)
    assert isinstance(report["geometry_type"], str)
    assert set(report["crs"]) == {"epsg", "name", "wkt", "suggested_epsg"}
    assert report["crs"]["epsg"] is None or isinstance(report["crs"]["epsg"], int)
    assert isinstance(report["crs"]["name"], str) and isinstance(report["crs"]["wkt"], str)
    assert set(report["encoding"]) == {"name", "source"}
    assert report["encoding"]["source"] in {"cpg", "ldid", "detected", "user"}
    assert set(report["area_mu_by_category"]) == set(EXPECTED_BY_CATEGORY)
    for field in report["fields"]:
        assert set(field) == {"name", "type", "canonical", "sample"}
        assert field["sample"] is None or isinstance(field["sample"], str)
    for problem in report["problems"]:
        assert set(problem) == {"code", "severity", "message", "feature"}
        assert problem["severity"] in {"info", "warning", "error"}
    assert report["error"] is None


def test_json_report_of_a_good_file(tmp_path, capsys):
    path = _write_parcels(tmp_path)
    code, report = _check_json(capsys, str(path))
    assert code == 0 and report["ok"] is True
    _assert_schema(report)
    assert report["features"] == 4
    assert report["geometry_type"] == "Polygon"
    assert report["crs"]["epsg"] == 4549 and "CGCS" in report["crs"]["wkt"].upper() + report["crs"][
        "name"
    ].upper().replace(" ", "")
    assert report["encoding"]["source"] == "cpg"
    assert report["encoding"]["name"].upper().replace("-", "") in {"GBK", "CP936", "GB18030", "936"}
    assert report["area_mu_total"] == pytest.approx(EXPECTED_TOTAL, abs=0.005)
    assert report["area_mu_by_category"] == pytest.approx(EXPECTED_BY_CATEGORY, abs=0.005)
    assert report["area_mu_by_park"] == pytest.approx(EXPECTED_BY_PARK, abs=0.005)
    fields = {f["name"]: f for f in report["fields"]}
    assert list(fields) == ["地块编号", "企业名称", "类别", "园区", "用地面积"]
    assert (
        fields["地块编号"]["canonical"] == "parcel_id" and fields["地块编号"]["sample"] == "DK001"
    )
    assert fields["企业名称"]["canonical"] == "enterprise"
    assert fields["类别"]["canonical"] == "category" and fields["类别"]["sample"] == "闲置"
    assert fields["园区"]["canonical"] == "park"
    assert fields["地块编号"]["type"] == "string" and fields["用地面积"]["type"] == "real"


def test_gbk_without_cpg_and_user_encoding(tmp_path, capsys):
    path = _write_parcels(tmp_path, cpg=False)
    code, report = _check_json(capsys, str(path))
    assert code == 0
    assert report["encoding"]["source"] in {"ldid", "detected"}
    assert {f["name"] for f in report["fields"]} >= {"地块编号", "企业名称"}
    code, report = _check_json(capsys, str(path), "--encoding", "GBK")
    assert code == 0 and report["encoding"]["source"] == "user"
    assert report["fields"][2]["sample"] == "闲置"


def test_unknown_crs_gives_no_area(tmp_path, capsys):
    path = _write_parcels(tmp_path, prj=False)
    code, report = _check_json(capsys, str(path))
    assert code == 0 and report["ok"]
    assert report["crs"]["epsg"] is None
    assert report["area_mu_total"] is None
    assert set(report["area_mu_by_category"].values()) == {None}
    assert report["problems"], "an unknown CRS must be reported"
    # the Chinese text says 未知坐标系, never the placeholder name "unknown"
    assert main(["check", str(path), "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    text = text.replace(str(path), "")
    assert "未知坐标系" in text and "unknown" not in text.lower()


@pytest.mark.parametrize("content", [b"not a shapefile at all\n", b""])
def test_a_bad_file_exits_2_with_a_message(tmp_path, capsys, content):
    path = tmp_path / "坏 文件.shp"
    path.write_bytes(content)
    code, report = _check_json(capsys, str(path))
    assert code == 2 and report["ok"] is False
    assert set(report) == TOP_KEYS
    assert isinstance(report["error"], str) and report["error"]


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, report = _check_json(capsys, str(tmp_path / "nope.shp"))
    assert code == 2 and not report["ok"] and report["error"]


def test_a_zip_with_several_layers_asks_for_one(tmp_path, capsys):
    folder = tmp_path / "src"
    _write_parcels(folder, stem="parcels_a")
    _write_parcels(folder, stem="parcels_b")
    archive = tmp_path / "两个图层.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(folder.iterdir()):
            zf.write(file, f"data/{file.name}")
    code, report = _check_json(capsys, str(archive))
    assert code == 2 and report["ok"] is False
    assert "parcels_a" in report["error"] and "parcels_b" in report["error"]
    assert "--layer" in report["error"]

    code, report = _check_json(capsys, str(archive), "--layer", "parcels_b")
    assert code == 0 and report["features"] == 4


def test_an_unexpected_error_is_a_message_not_a_traceback(tmp_path, capsys, monkeypatch):
    import landplanner.sources as sources

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sources, "load_parcels", broken)
    code, report = _check_json(capsys, str(_write_parcels(tmp_path)))
    assert code == 2 and not report["ok"]
    assert "disk on fire" in report["error"]
    assert main(["check", str(tmp_path / "地块.shp")]) == 2
    err = capsys.readouterr().err
    assert "disk on fire" in err and "Traceback" not in err


def test_text_report_is_chinese_by_default_and_english_on_request(tmp_path, capsys):
    path = _write_parcels(tmp_path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "总面积：142.50 亩" in out
    assert "闲置土地：15.00 亩" in out
    assert "崇川经济开发区：45.00 亩" in out
    assert "地块编号 (string) → parcel_id" in out
    assert main(["check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Total area: 142.50 mu" in out and "Idle land: 15.00 mu" in out


def test_text_report_of_a_bad_file_goes_to_stderr(tmp_path, capsys):
    path = tmp_path / "x.shp"
    path.write_text("garbage", encoding="ascii")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("无法使用此文件：")


def test_check_as_a_separate_process(tmp_path):
    path = _write_parcels(tmp_path)
    env = {**os.environ, "LANDPLANNER_LANG": "en", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "landplanner", "check", str(path), "--json"],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    report = json.loads(result.stdout.decode("utf-8"))
    _assert_schema(report)
    assert report["area_mu_total"] == pytest.approx(EXPECTED_TOTAL, abs=0.005)
    bad = tmp_path / "bad.shp"
    bad.write_bytes(b"\x00" * 50)
    result = subprocess.run(
        [sys.executable, "-m", "landplanner", "check", str(bad), "--json"],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["ok"] is False


# --------------------------------------------------------------------------- landplanner [FILE]


@pytest.fixture
def fake_app(monkeypatch):
    calls: list = []
    module = types.ModuleType("landplanner.ui.app")

    def run_app(args):
        calls.append(args)
        return 0

    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "landplanner.ui.app", module)
    return calls


def test_app_opens_on_nothing_and_on_a_file(tmp_path, fake_app):
    path = _write_parcels(tmp_path)
    assert main([]) == 0
    argv = [str(path), "--screenshot", str(tmp_path / "shot.png"), "--size", "1280x800"]
    assert main(argv) == 0
    assert [a.file for a in fake_app] == [None, str(path)]
    # parsed once, by the CLI: the app gets the values, not the words
    assert fake_app[1].screenshot == str(tmp_path / "shot.png")
    assert fake_app[1].size == (1280, 800)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["missing.shp"], "找不到文件：missing.shp"),
        (["chek"], "landplanner check"),
        (["--screenshot", "/no/such/folder/x.png"], "截图的保存文件夹不存在"),
    ],
)
def test_app_arguments_are_checked_before_the_window_opens(fake_app, capsys, argv, fragment):
    assert app_command.run(argv) == 2
    assert fragment in capsys.readouterr().err
    assert fake_app == []


def test_app_bad_size_is_refused(fake_app, capsys):
    assert app_command.run(["--size", "big"]) == 2
    assert "--size" in capsys.readouterr().err and fake_app == []


def test_app_without_gui_says_so(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "landplanner.ui.app", None)  # import fails
    assert app_command.run([]) == 2
    assert "PySide6" in capsys.readouterr().err


def test_app_exit_status_is_passed_through(monkeypatch, capsys):
    module = types.ModuleType("landplanner.ui.app")

    def run_app(args):
        raise SystemExit(2)

    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "landplanner.ui.app", module)
    assert app_command.run(["--style", "nonsense"]) == 2

    def crash(args):
        raise RuntimeError("no display")

    module.run_app = crash
    assert app_command.run([]) == 2
    assert "no display" in capsys.readouterr().err


def test_check_of_a_saved_project_reads_its_parcels(tmp_path, capsys):
    from landplanner.store import open_any, save_project

    project = open_any(_write_parcels(tmp_path / "src"))
    save_project(project, tmp_path / "项目.gpkg")
    code, report = _check_json(capsys, str(tmp_path / "项目.gpkg"))
    assert code == 0, report["error"]
    assert report["features"] == 4
    assert report["area_mu_total"] == pytest.approx(EXPECTED_TOTAL, abs=0.005)
    assert report["area_mu_by_park"] == pytest.approx(EXPECTED_BY_PARK, abs=0.005)
