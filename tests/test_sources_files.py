"""Broken and unusual files built here: missing .shx/.dbf, LFS pointers, corrupt headers and
record lengths, files that are something else, zips, folders, GeoPackage, GeoJSON, paths."""

from __future__ import annotations

import hashlib
import struct
import time
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from landplanner.problems import InputError
from landplanner.sources import list_layers, load_parcels

LFS = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:b675c58c361a0bbd4c027604c2f226071c2a56bfbab05db83eb24177a2decc9b\n"
    "size 387000\n"
)


def _gdf(n: int = 3, offset: float = 0.0) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "DKBH": [f"D{i:03d}" for i in range(n)],
            "QYMC": [f"企业{i}" for i in range(n)],
            "GDRQ": ["20190501"] * n,  # made a DBF date field by _as_date_field
        },
        geometry=[shapely.box(offset + 10 * i, 0, offset + 10 * i + 5, 5) for i in range(n)],
        crs=4549,
    )


def _write(path: Path, gdf: gpd.GeoDataFrame | None = None, **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(_gdf() if gdf is None else gdf, path, **kw)
    return path


def _write_dated(path: Path) -> Path:
    """A shapefile whose GDRQ field is a real DBF date field."""
    shp = _write(path, _gdf(), layer_options={"RESIZE": "YES"})
    _as_date_field(shp)
    return shp


def _state(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _refused(path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        load_parcels(path, **kw)
    return info.value


def _codes(result) -> list[str]:
    return [p.code for p in result.report.problems]


def _as_date_field(shp: Path, name: bytes = b"GDRQ") -> None:
    """Turn the 8-wide text field ``name`` (values ``YYYYMMDD``) into a DBF date field."""
    dbf = shp.with_suffix(".dbf")
    raw = bytearray(dbf.read_bytes())
    pos = 32
    while raw[pos] != 0x0D:
        if raw[pos : pos + 11].rstrip(b"\x00") == name:
            assert raw[pos + 11 : pos + 12] == b"C" and raw[pos + 16] == 8
            raw[pos + 11 : pos + 12] = b"D"
        pos += 32
    dbf.write_bytes(bytes(raw))


def test_plain_shapefile_loads_with_dates(tmp_path):
    r = load_parcels(_write_dated(tmp_path / "p.shp"))
    assert r.report.features == 3 and r.report.geometry_type == "Polygon"
    assert list(r.gdf["DKBH"]) == ["D000", "D001", "D002"]
    assert str(r.gdf["GDRQ"].dtype).startswith("datetime64")
    assert r.gdf["GDRQ"].iloc[0] == pd.Timestamp("2019-05-01")
    assert r.report.layers == ["p"] and r.report.layer == "p"


def test_missing_shx_is_rebuilt_in_a_copy_never_beside_the_file(tmp_path):
    shp = _write(tmp_path / "set" / "p.shp")
    shp.with_suffix(".shx").unlink()
    before = _state(shp.parent)
    r = load_parcels(shp)
    assert "shx_missing_rebuilt" in _codes(r)
    assert list(r.gdf["QYMC"]) == ["企业0", "企业1", "企业2"]
    assert shapely.equals(r.gdf.geometry.iloc[2], shapely.box(20, 0, 25, 5))
    assert _state(shp.parent) == before  # no .shx written beside the user's file


def test_inconsistent_shx_is_rebuilt(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shx = shp.with_suffix(".shx")
    raw = bytearray(shx.read_bytes())
    raw[100:104] = struct.pack(">i", 10_000_000)  # first record offset far past the end
    shx.write_bytes(bytes(raw))
    r = load_parcels(shp)
    assert "shx_invalid_rebuilt" in _codes(r) and r.report.features == 3


def test_missing_dbf_loads_geometry_only(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.with_suffix(".dbf").unlink()
    shp.with_suffix(".cpg").unlink()
    r = load_parcels(shp)
    assert "dbf_missing" in _codes(r)
    assert list(r.gdf.columns) == ["geometry"] and len(r.gdf) == 3


@pytest.mark.parametrize("ext", [".shp", ".dbf", ".shx"])
def test_git_lfs_pointer_is_refused(tmp_path, ext):
    shp = _write(tmp_path / "p.shp")
    shp.with_suffix(ext).write_text(LFS)
    err = _refused(shp)
    assert err.problem.code == "lfs_pointer"
    assert "Git LFS pointer" in err.problem.message_en and "Git LFS" in err.problem.message_zh


def test_shp_that_is_a_dbf_is_refused(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.write_bytes(shp.with_suffix(".dbf").read_bytes())
    err = _refused(shp)
    assert err.problem.code == "shp_is_other" and "DBF" in err.problem.message_en


def test_shp_that_is_html_is_refused(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.write_text("<!DOCTYPE html><html><body>" + "x" * 200 + "</body></html>")
    assert _refused(shp).problem.code == "shp_is_other"


def test_header_with_nuls_turned_to_spaces_is_refused(tmp_path):
    shp = _write(tmp_path / "p.shp")
    raw = shp.read_bytes()
    shp.write_bytes(raw[:100].replace(b"\x00", b" ") + raw[100:])
    err = _refused(shp)
    assert err.problem.code == "shp_header_corrupt" and "9994" in err.problem.message_en


def test_short_file_is_refused(tmp_path):
    shp = tmp_path / "p.shp"
    shp.write_bytes(struct.pack(">i", 9994) + b"\x00" * 20)
    assert _refused(shp).problem.code == "shp_too_short"


def test_corrupt_record_length_is_refused_fast(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.with_suffix(".shx").unlink()
    raw = bytearray(shp.read_bytes())
    raw[104:108] = struct.pack(">I", 0xB7BF_ABC8)  # 3,082,684,360 words: gigabytes
    shp.write_bytes(bytes(raw))
    start = time.perf_counter()
    err = _refused(shp)
    assert time.perf_counter() - start < 5  # no hang, no huge allocation
    assert err.problem.code == "shp_record_corrupt"


def test_truncated_shp_is_refused(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.write_bytes(shp.read_bytes()[:-40])
    err = _refused(shp)
    assert err.problem.code == "shp_record_corrupt"
    assert "shp_shorter_than_header" in [p.code for p in err.problems]


def test_non_ascii_path_with_spaces(tmp_path):
    shp = _write(tmp_path / "地块 数据" / "测试 地块.shp")
    r = load_parcels(shp)
    assert r.report.features == 3 and r.report.layers == ["测试 地块"]
    assert list_layers(shp) == ["测试 地块"]


def test_sidecar_extensions_in_odd_case(tmp_path):
    shp = _write(tmp_path / "p.shp")
    shp.with_suffix(".dbf").rename(tmp_path / "p.Dbf")
    shp.with_suffix(".shx").rename(tmp_path / "p.sHx")
    before = _state(tmp_path)
    r = load_parcels(shp)
    assert list(r.gdf["DKBH"]) == ["D000", "D001", "D002"]
    assert _state(tmp_path) == before


def test_folder_with_several_shapefiles_asks_for_a_layer(tmp_path):
    _write(tmp_path / "a.shp")
    _write(tmp_path / "b.shp", _gdf(5))
    assert list_layers(tmp_path) == ["a", "b"]
    err = _refused(tmp_path)
    assert err.problem.code == "layer_required" and "a, b" in err.problem.message_en
    assert load_parcels(tmp_path, layer="b").report.features == 5
    assert _refused(tmp_path, layer="c").problem.code == "layer_not_found"


def test_zip_with_nested_folder_and_upper_case_extensions(tmp_path):
    shp = _write(tmp_path / "src" / "parcels.shp")
    archive = tmp_path / "parcels.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in shp.parent.iterdir():
            zf.write(p, f"deep/er/PARCELS{p.suffix.upper()}")
        zf.writestr("deep/readme.txt", "not a layer")
    before = _state(tmp_path)
    assert list_layers(archive) == ["PARCELS"]
    r = load_parcels(archive)
    assert r.report.features == 3 and r.report.crs.epsg == 4549
    assert list(r.gdf["QYMC"]) == ["企业0", "企业1", "企业2"]
    assert _state(tmp_path) == before


def test_zip_with_two_layers_requires_a_choice(tmp_path):
    a = _write(tmp_path / "a" / "one.shp")
    b = _write(tmp_path / "b" / "two.shp", _gdf(4))
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in [*a.parent.iterdir(), *b.parent.iterdir()]:
            zf.write(p, p.name)
    assert list_layers(archive) == ["one", "two"]
    assert _refused(archive).problem.code == "layer_required"
    assert load_parcels(archive, layer="two").report.features == 4


def test_zip_without_shp_and_not_a_zip(tmp_path):
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("table.dbf", b"\x03" + b"\x00" * 40)
    assert _refused(archive).problem.code == "zip_no_shp"
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"this is not a zip at all")
    assert _refused(fake).problem.code == "zip_invalid"


def test_geopackage_layers(tmp_path):
    gpkg = tmp_path / "data.gpkg"
    _write(gpkg, _gdf(2), layer="parcels")
    _write(gpkg, _gdf(7), layer="parks", append=False)
    assert sorted(list_layers(gpkg)) == ["parcels", "parks"]
    assert _refused(gpkg).problem.code == "layer_required"
    r = load_parcels(gpkg, layer="parks")
    assert r.report.features == 7 and r.report.crs.epsg == 4549
    assert (r.report.encoding.name, r.report.encoding.source) == ("UTF-8", "detected")
    assert list(r.gdf["QYMC"])[:2] == ["企业0", "企业1"]


def test_geojson(tmp_path):
    path = _write(tmp_path / "p.geojson", _gdf(3).to_crs(4490), driver="GeoJSON")
    r = load_parcels(path)
    assert r.report.features == 3 and r.report.crs.known
    assert list(r.gdf["QYMC"]) == ["企业0", "企业1", "企业2"]


def test_lfs_pointer_geopackage_is_refused(tmp_path):
    gpkg = tmp_path / "data.gpkg"
    gpkg.write_text(LFS)
    assert _refused(gpkg).problem.code == "lfs_pointer"


def test_missing_file_and_garbage_file(tmp_path):
    assert _refused(tmp_path / "nope.shp").problem.code == "file_not_found"
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"\x00\x01garbage")
    assert _refused(junk).problem.code == "read_failed"


def test_fiona_engine_gives_the_same_attributes(tmp_path):
    shp = _write(tmp_path / "p.shp")
    fast = load_parcels(shp)
    slow = load_parcels(shp, engine="fiona")
    assert list(slow.gdf["QYMC"]) == list(fast.gdf["QYMC"])
    assert shapely.equals(slow.gdf.geometry.values, fast.gdf.geometry.values).all()
    assert _refused(shp, engine="gdal-magic").problem.code == "engine_unknown"


def test_progress_reports_and_can_cancel(tmp_path):
    shp = _write(tmp_path / "p.shp")
    seen: list[float] = []
    load_parcels(shp, progress=lambda f, msg: seen.append(f) or True)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    err = _refused(shp, progress=lambda f, msg: f < 0.5)
    assert err.problem.code == "cancelled"


def test_report_to_dict_is_json_ready(tmp_path):
    import json

    r = load_parcels(_write(tmp_path / "p.shp"))
    data = json.loads(json.dumps(r.report.to_dict(), ensure_ascii=False))
    assert data["features"] == 3 and data["crs"]["epsg"] == 4549
    assert data["encoding"]["source"] in ("cpg", "ldid", "detected", "user")
    gdf, report = r  # LoadResult unpacks
    assert report is r.report and gdf is r.gdf
