"""The numpy DBF reader gives what GDAL gives (values and dtypes), and hands odd tables to GDAL."""

from __future__ import annotations

import pytest
from fuzz_cases import _fields, _write_shp

from landplanner.sources import dbf, load_parcels, loader


def _both(shp):
    fast = load_parcels(shp)
    original = loader._read_shapefile_fast
    loader._read_shapefile_fast = lambda *a, **k: None
    try:
        slow = load_parcels(shp)
    finally:
        loader._read_shapefile_fast = original
    return fast.gdf.drop(columns="geometry"), slow.gdf.drop(columns="geometry")


def _set(dbf_path, name: bytes, row: int, value: bytes) -> None:
    data = bytearray(dbf_path.read_bytes())
    header_len = int.from_bytes(data[8:10], "little")
    record_len = int.from_bytes(data[10:12], "little")
    offset = 1
    for pos in _fields(bytes(data)):
        width = data[pos + 16]
        if data[pos : pos + 11].split(b"\x00")[0] == name:
            start = header_len + row * record_len + offset
            data[start : start + width] = value[:width].ljust(width, b" ")
            dbf_path.write_bytes(bytes(data))
            return
        offset += width
    raise KeyError(name)


@pytest.mark.parametrize("encoding,cpg", [("GBK", True), ("GBK", False), ("UTF-8", True)])
def test_same_values_and_dtypes_as_gdal(tmp_path, encoding, cpg):
    shp = _write_shp(tmp_path / "s", encoding, cpg=cpg, ldid=0x4D if encoding == "GBK" else 0)
    dbf_path = shp.with_suffix(".dbf")
    _set(dbf_path, b"YQ", 1, b"  leading blanks")
    _set(dbf_path, b"QYMC", 2, b"")
    _set(dbf_path, b"GDRQ", 3, b"        ")
    fast, slow = _both(shp)
    assert list(fast.columns) == list(slow.columns)
    assert (fast.dtypes == slow.dtypes).all(), (fast.dtypes, slow.dtypes)
    assert fast.astype(object).where(fast.notna(), None).values.tolist() == slow.astype(
        object
    ).where(slow.notna(), None).values.tolist()


def test_tables_the_numpy_reader_leaves_to_gdal(tmp_path):
    shp = _write_shp(tmp_path / "s", "GBK", cpg=True)
    dbf_path = shp.with_suffix(".dbf")
    header_len = int.from_bytes(dbf_path.read_bytes()[8:10], "little")
    data = bytearray(dbf_path.read_bytes())
    data[header_len] = ord("*")  # a deleted record: GDAL skips it
    dbf_path.write_bytes(bytes(data))
    assert dbf.read_dbf(dbf_path, "gbk", []) is None
    assert len(load_parcels(shp).gdf) == 11
