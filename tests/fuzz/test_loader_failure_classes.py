"""One regression test per failure class the loader fuzzer found (issue 9 §1), each built here.

Every damaged input is loaded right or refused with a message that says what is wrong;
none is an internal error, a traceback, a hang, or JSON that is not strict.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import random
import struct
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fuzz_cases import (
    X0,
    Y0,
    _fields,
    _polygon_record,
    _replace_record,
    _write_shp,
    build_seeds,
    gpkg_connect,
)

from landplanner import messages
from landplanner.cli import main
from landplanner.problems import InputError
from landplanner.sources import load_parcels


def _strict(value):
    raise ValueError(f"not strict JSON: {value}")


def _check(path: Path, *args: str) -> tuple[int, dict, str]:
    """Run ``landplanner check PATH ARGS --json`` in this process: status, report, stderr."""
    out, err = io.StringIO(), io.StringIO()
    previous = messages.language()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", str(path), *args, "--json"])
    finally:
        messages.set_language(previous)
    report = json.loads(out.getvalue(), parse_constant=_strict)
    assert "Traceback" not in err.getvalue()
    assert "内部错误" not in (report.get("error") or "") + err.getvalue()
    return status, report, err.getvalue()


def _codes(result) -> list[str]:
    return [p.code for p in result.report.problems]


def _shp(tmp_path: Path, encoding: str = "GBK", cpg: bool = True, ldid: int | None = None) -> Path:
    return _write_shp(tmp_path / "src", encoding, cpg=cpg, ldid=ldid)


def _dbf_field(dbf: Path, name: bytes) -> tuple[int, int, int, int]:
    """(header length, record length, offset in record, width) of the DBF field ``name``."""
    data = dbf.read_bytes()
    header_len, record_len = struct.unpack("<HH", data[8:12])
    offset = 1
    for pos in _fields(data):
        width = data[pos + 16]
        if data[pos : pos + 11].split(b"\x00")[0] == name:
            return header_len, record_len, offset, width
        offset += width
    raise KeyError(name)


def _set_cell(dbf: Path, name: bytes, row: int, value: bytes) -> None:
    header_len, record_len, offset, width = _dbf_field(dbf, name)
    data = bytearray(dbf.read_bytes())
    start = header_len + row * record_len + offset
    data[start : start + width] = value[:width].ljust(width, b" ")
    dbf.write_bytes(bytes(data))


# ------------------------------------------------------------------ geometry


def test_corrupted_ring_is_reported_unrepairable_not_a_hang(tmp_path):
    shp = _shp(tmp_path)
    rng = random.Random(3)
    ring = [(X0 + rng.uniform(0, 500), Y0 + rng.uniform(0, 500)) for _ in range(20_000)]
    _replace_record(shp, 2, _polygon_record([ring + [ring[0]]]))
    started = time.perf_counter()
    result = load_parcels(shp)
    assert time.perf_counter() - started < 10
    (bad,) = result.report.problems_with("geometry_unrepairable")
    assert bad.feature == 2 and "20001" in bad.message_zh
    assert result.gdf.geometry.iloc[2] is None
    assert result.gdf.geometry.notna().sum() == len(result.gdf) - 1


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_nan_and_inf_coordinates_drop_the_shape_with_a_warning(tmp_path, bad):
    shp = _shp(tmp_path)
    ring = [(X0, Y0), (X0 + 100, Y0), (bad, Y0 + 100), (X0, Y0 + 100), (X0, Y0)]
    _replace_record(shp, 1, _polygon_record([ring]))
    result = load_parcels(shp)
    assert [p.feature for p in result.report.problems_with("geometry_nonfinite")] == [1]
    status, report, _ = _check(shp)
    assert status == 0 and report["area_mu_total"] > 0


def test_huge_coordinate_is_a_problem_not_an_infinite_total(tmp_path):
    shp = _shp(tmp_path)
    ring = [(X0, Y0), (1e308, Y0), (1e308, 1e308), (X0, 1e308), (X0, Y0)]
    _replace_record(shp, 0, _polygon_record([ring]))
    status, report, _ = _check(shp)
    assert status == 0
    assert np.isfinite(report["area_mu_total"]) and report["area_mu_total"] < 1e6
    assert "geometry_out_of_range" in {p["code"] for p in report["problems"]}


def test_parcel_spanning_hundreds_of_km_is_reported(tmp_path):
    shp = _shp(tmp_path)
    ring = [(X0, Y0), (X0 + 5e5, Y0), (X0 + 5e5, Y0 + 100), (X0, Y0 + 100), (X0, Y0)]
    _replace_record(shp, 0, _polygon_record([ring]))
    result = load_parcels(shp)
    assert [p.feature for p in result.report.problems_with("geometry_too_large")] == [0]
    assert result.gdf.geometry.iloc[0] is not None  # kept: large is not impossible


# ------------------------------------------------------------------ stderr, pipes, logging


def test_internal_error_goes_to_the_log_not_stderr(tmp_path, monkeypatch):
    from landplanner.sources import loader

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(loader, "_load", boom)
    logger = logging.getLogger("landplanner")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        shp = _shp(tmp_path)
        status, stderr = 2, ""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", str(shp)])
        stderr = err.getvalue()
    finally:
        logger.removeHandler(handler)
    assert status == 2
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert any(r.exc_info for r in records)  # the details went to the log


def test_cli_logging_writes_a_file_and_nothing_to_the_terminal(tmp_path, monkeypatch):
    from landplanner import cli

    logger = logging.getLogger("landplanner")
    saved = (logger.handlers[:], logger.propagate, logger.level, logger.__dict__.copy())
    for key in ("_landplanner_cli", "_landplanner_log"):
        logger.__dict__.pop(key, None)
    monkeypatch.setenv("LANDPLANNER_LOG_DIR", str(tmp_path / "logs"))
    try:
        path = cli.setup_logging()
        assert cli.setup_logging() == path  # once
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                raise ValueError("detail for the log")
            except ValueError:
                logging.getLogger("landplanner.sources.loader").exception("loading failed")
        for h in logger.handlers:
            h.flush()
        assert err.getvalue() == ""
        assert "detail for the log" in path.read_text(encoding="utf-8")
    finally:
        for h in logger.handlers[:]:
            if h not in saved[0]:
                logger.removeHandler(h)
                h.close()
        logger.propagate, logger.level = saved[1], saved[2]
        for key in ("_landplanner_cli", "_landplanner_log"):
            logger.__dict__.pop(key, None)
            if key in saved[3]:
                logger.__dict__[key] = saved[3][key]


def test_check_json_into_a_closed_pipe_exits_quietly(tmp_path, monkeypatch):
    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    shp = _shp(tmp_path)
    err = io.StringIO()
    with contextlib.redirect_stdout(ClosedPipe()), contextlib.redirect_stderr(err):
        status = main(["check", str(shp), "--json"])
    assert status == 0 and err.getvalue() == ""


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "content", [b"rot13", b"bz2", b"base64", b"undefined", b"punycode", b"hex", b"\xb3", b"utf-16"]
)
def test_cpg_naming_no_text_encoding_is_ignored_with_a_warning(tmp_path, content):
    shp = _shp(tmp_path, cpg=False, ldid=0x4D)
    shp.with_suffix(".cpg").write_bytes(content)
    result = load_parcels(shp)
    assert "cpg_garbage" in _codes(result)
    assert result.report.encoding.name == "CP936"
    assert result.gdf["QYMC"].iloc[0].startswith("南通")


@pytest.mark.parametrize("name", ["rot13", "bz2", "base64", "undefined", "punycode", "utf-16"])
def test_user_encoding_that_is_no_text_encoding_is_refused(tmp_path, name):
    shp = _shp(tmp_path)
    with pytest.raises(InputError) as info:
        load_parcels(shp, encoding=name)
    assert info.value.problem.code == "encoding_unknown"
    status, report, _ = _check(shp, "--encoding", name)
    assert status == 2 and name in report["error"]


def test_text_fields_all_of_width_zero(tmp_path):
    shp = _shp(tmp_path, encoding="UTF-8", cpg=False, ldid=0)
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    for pos in _fields(bytes(data)):
        if data[pos + 11 : pos + 12] == b"C":
            data[pos + 16] = 0
    dbf.write_bytes(bytes(data))
    status, report, _ = _check(shp)
    assert status in (0, 2)
    if status == 2:
        assert report["error"]


def test_utf8_character_cut_at_the_field_width(tmp_path):
    shp = _shp(tmp_path, encoding="UTF-8", cpg=True)
    dbf = shp.with_suffix(".dbf")
    _, _, _, width = _dbf_field(dbf, b"QYMC")
    _set_cell(dbf, b"QYMC", 3, ("地" * width).encode("utf-8")[:width])
    result = load_parcels(shp)
    (damaged,) = result.report.problems_with("text_damaged")
    assert list(damaged.rows) == [3] and "QYMC" in damaged.message_zh
    assert "\ufffd" in result.gdf["QYMC"].iloc[3]
    assert result.gdf["QYMC"].iloc[4].startswith("南通")


def test_stray_byte_in_a_utf8_table_is_replaced_and_counted(tmp_path):
    shp = _shp(tmp_path, encoding="UTF-8", cpg=True)
    dbf = shp.with_suffix(".dbf")
    _set_cell(dbf, b"DKBH", 5, b"DK\xb3006")
    _set_cell(dbf, b"YQ", 7, b"\xff\xfe")
    status, report, _ = _check(shp)
    assert status == 0
    damaged = [p for p in report["problems"] if p["code"] == "text_damaged"]
    assert sorted(p["features"][0] for p in damaged) == [5, 7]
    assert any("\ufffd" in pid for p in damaged for pid in p["parcel_ids"])


def test_wrong_user_encoding_names_the_field_record_and_detected_encoding(tmp_path):
    shp = _shp(tmp_path, cpg=False, ldid=0x4D)  # GBK text
    with pytest.raises(InputError) as info:
        load_parcels(shp, encoding="UTF-8")
    problem = info.value.problem
    assert problem.code == "encoding_user_wrong"
    assert problem.message_zh.startswith("所选编码 UTF-8 无法读取此文件（字段 QYMC 第 1 条），检测到的编码是 GBK")
    status, report, _ = _check(shp, "--encoding", "UTF-8")
    assert status == 2 and "GBK" in report["error"]


def test_damaged_text_in_a_geopackage(tmp_path):
    seeds = build_seeds(tmp_path / "seeds")
    gpkg = seeds["gpkg"] / "地块.gpkg"
    con = gpkg_connect(gpkg)
    con.execute("UPDATE parcels SET QYMC = CAST(X'E59CB0B3FF' AS TEXT) WHERE fid = 2")
    con.commit()
    con.close()
    result = load_parcels(gpkg)
    (damaged,) = result.report.problems_with("text_damaged")
    assert list(damaged.rows) == [1]


def test_damaged_geopackage_pages_are_refused_or_loaded(tmp_path):
    seeds = build_seeds(tmp_path / "seeds")
    gpkg = seeds["gpkg"] / "地块.gpkg"
    original = gpkg.read_bytes()
    rng = random.Random(9)
    for page in range(1, len(original) // 4096):
        data = bytearray(original)
        for _ in range(30):
            data[page * 4096 + rng.randrange(4096)] = rng.randrange(256)
        gpkg.write_bytes(bytes(data))
        status, report, _ = _check(gpkg)
        assert status in (0, 2)


# ------------------------------------------------------------------ DBF structure


def test_duplicate_field_names_rename_the_second(tmp_path):
    shp = _shp(tmp_path)
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    fields = _fields(bytes(data))
    data[fields[5] : fields[5] + 11] = data[fields[1] : fields[1] + 11]  # MJ -> QYMC
    dbf.write_bytes(bytes(data))
    result = load_parcels(shp)
    assert "QYMC_2" in result.gdf.columns
    assert "field_name_duplicate" in _codes(result)
    status, _, _ = _check(shp)
    assert status == 0


@pytest.mark.parametrize("value", [b"inf", b"-inf", b"1e400"])
def test_numeric_cell_holding_infinity(tmp_path, value):
    shp = _shp(tmp_path)
    _set_cell(shp.with_suffix(".dbf"), b"MJ", 2, value)
    status, report, _ = _check(shp)
    assert status == 0 and np.isfinite(report["area_mu_total"])
    unparsed = [p for p in report["problems"] if p["code"] == "field_value_unparsed"]
    assert unparsed and unparsed[0]["parcel_ids"] == ["DK003"]


def test_date_in_year_31(tmp_path):
    shp = _shp(tmp_path)
    _set_cell(shp.with_suffix(".dbf"), b"GDRQ", 4, b"00310101")
    status, report, _ = _check(shp)
    assert status == 0
    unparsed = [p for p in report["problems"] if p["code"] == "field_value_unparsed"]
    assert unparsed and unparsed[0]["parcel_ids"] == ["DK005"]


def test_texts_of_a_column_holding_several_nan_objects():
    from landplanner.fields.apply import _texts

    source = pd.Series([float("nan"), "a", np.float64("nan"), 12.0, None], dtype=object)
    assert _texts(source).tolist()[1:4:2] == ["a", "12"]


# ------------------------------------------------------------------ zip members


def _zip(tmp_path: Path, method: int = zipfile.ZIP_DEFLATED) -> Path:
    src = _shp(tmp_path)
    path = tmp_path / "地块.zip"
    with zipfile.ZipFile(path, "w", method) as zf:
        for p in sorted(src.parent.iterdir()):
            zf.write(p, f"数据/{p.name}")
    return path


def _local_headers(data: bytes) -> list[int]:
    out, pos = [], data.find(b"PK\x03\x04")
    while pos >= 0:
        out.append(pos)
        pos = data.find(b"PK\x03\x04", pos + 4)
    return out


def _damage_member(path: Path, suffix: bytes) -> None:
    data = bytearray(path.read_bytes())
    for h in _local_headers(bytes(data)):
        name_len, extra_len = struct.unpack("<HH", data[h + 26 : h + 30])
        name = bytes(data[h + 30 : h + 30 + name_len])
        if name.endswith(suffix):
            start = h + 30 + name_len + extra_len
            for k in range(10, 60):
                data[start + k] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2])
def test_corrupt_compressed_member_is_refused(tmp_path, method):
    path = _zip(tmp_path, method)
    _damage_member(path, b".shp")
    with pytest.raises(InputError) as info:
        load_parcels(path)
    assert info.value.problem.code in ("zip_member_damaged", "zip_invalid")
    status, report, _ = _check(path)
    assert status == 2 and "地块.zip" in report["error"]


def test_unsupported_compression_method_is_refused(tmp_path):
    path = _zip(tmp_path)
    data = bytearray(path.read_bytes())
    for h in _local_headers(bytes(data)):
        data[h + 8 : h + 10] = struct.pack("<H", 98)  # PPMd
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        data[pos + 10 : pos + 12] = struct.pack("<H", 98)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        load_parcels(path)
    assert info.value.problem.code == "zip_method_unsupported"
    assert "98" in info.value.problem.message_zh


def test_encrypted_member_is_refused(tmp_path):
    path = _zip(tmp_path)
    data = bytearray(path.read_bytes())
    for h in _local_headers(bytes(data)):
        data[h + 6] |= 1
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        data[pos + 8] |= 1
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        load_parcels(path)
    assert info.value.problem.code == "zip_encrypted"
    assert "加密" in info.value.problem.message_zh


def test_zip_needing_an_unknown_version_is_refused(tmp_path):
    path = _zip(tmp_path)
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    data[pos + 6 : pos + 8] = struct.pack("<H", 255)  # "version needed to extract": 25.5
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        load_parcels(path)
    assert info.value.problem.code == "zip_invalid"


def test_non_ascii_bytes_in_date_and_number_fields(tmp_path):
    shp = _shp(tmp_path, encoding="UTF-8", cpg=True)
    dbf = shp.with_suffix(".dbf")
    _set_cell(dbf, b"GDRQ", 1, "地块".encode())
    _set_cell(dbf, b"MJ", 2, "地块".encode())
    status, report, _ = _check(shp)
    assert status == 0


def test_crs_that_cannot_be_transformed_gives_no_area_not_an_error(tmp_path, monkeypatch):
    import pyproj

    from landplanner import area

    def broken(*args, **kwargs):
        raise pyproj.exceptions.ProjError("Input is not a transformation.")

    monkeypatch.setattr(area, "_to_geographic", broken)
    monkeypatch.setattr(area, "_planar_ok", lambda crs: False)
    status, report, _ = _check(_shp(tmp_path))
    assert status == 0 and report["area_mu_total"] is None
    assert "area_crs_unusable" in {p["code"] for p in report["problems"]}


def test_infinite_numbers_in_a_column_guessed_as_dates_or_ids(tmp_path):
    from landplanner.fields import apply, guess

    column = pd.Series([float("inf"), 20190115.0, -float("inf"), 20200301.0])
    assert guess._date_share(column) >= 0  # no OverflowError (inf has no int)
    assert apply._text(float("inf")) == "inf"
    shp = _shp(tmp_path)
    dbf = shp.with_suffix(".dbf")
    for row in range(3):
        _set_cell(dbf, b"RJL", row, b"1e400")
    status, report, _ = _check(shp)
    assert status == 0
