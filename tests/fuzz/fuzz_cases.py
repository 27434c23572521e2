"""Seed files and mutators for fuzzing the parcel loader (``landplanner check``).

Used by the bounded run in the test suite (``tests/fuzz/test_fuzz_loader.py``) and the long
run (``tools/fuzz_loader.py``). Everything is built here from code (no committed binaries):

* seeds: small parcel layers in every format the loader reads: a GBK shapefile with a .cpg,
  a GBK shapefile with only the DBF language byte, a UTF-8 shapefile without .cpg, zips of a
  shapefile (deflate, stored, bzip2, LZMA), a GeoPackage and a GeoJSON file;
* mutators, each a function ``(folder, rng) -> str`` that damages the case in ``folder`` and
  returns a short description: .shp headers and records (counts, part indices, NaN/Inf/1e308
  coordinates, rings of thousands of self-crossing vertices), .shx, DBF headers, field
  descriptors (duplicate names, width 0, odd types) and records (``inf``, year 31, stray
  bytes, UTF-8 cut at the field width), .cpg/.prj text (codecs that are not text encodings),
  zip members (corrupt deflate/LZMA data, unknown method, the encrypted flag), GeoPackage
  pages, GeoJSON text, plus truncation and bit flips anywhere.

A case is a folder with one file to open (``case.target``) and the arguments for ``check``.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from fuzz_harness import Case, judge, run_cli  # noqa: F401 - judge: the loader tests' import

SEED_KINDS = ("shp_cpg", "shp_ldid", "shp_utf8", "zip", "gpkg", "geojson")
X0, Y0 = 575_000.0, 3_546_000.0  # EPSG:4549 (CGCS2000 3° GK CM 120°E)


# --------------------------------------------------------------------------- seeds


def _uscc(serial: int) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    body = f"91320611MA{serial:07d}"
    total = sum(chars.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + chars[(31 - total % 31) % 31]


def _frame(n: int = 12):
    import geopandas as gpd
    import shapely

    parks = ("崇川经济开发区", "港闸经济开发区", "市北高新区")
    cats = ("闲置土地", "低效用地", "批而未供", "正常")
    geoms = []
    for i in range(n):
        x, y = X0 + (i % 4) * 300.0, Y0 + (i // 4) * 300.0
        if i % 5 == 3:  # a polygon with a hole
            geoms.append(shapely.Polygon(
                [(x, y), (x + 200, y), (x + 200, y + 200), (x, y + 200)],
                [[(x + 50, y + 50), (x + 100, y + 50), (x + 100, y + 100), (x + 50, y + 100)]],
            ))
        elif i % 5 == 4:  # two parts
            geoms.append(shapely.MultiPolygon([
                shapely.box(x, y, x + 80, y + 80), shapely.box(x + 100, y, x + 180, y + 80),
            ]))
        else:
            geoms.append(shapely.box(x, y, x + 100 + 10 * i, y + 150))
    return gpd.GeoDataFrame(
        {
            "DKBH": [f"DK{i + 1:03d}" for i in range(n)],
            "QYMC": [f"南通{parks[i % 3][:2]}企业{i + 1:02d}有限公司" for i in range(n)],
            "XYDM": [_uscc(i + 1) if i % 4 else "91320611MA0000000X" for i in range(n)],
            "YQ": [parks[i % 3] for i in range(n)],
            "LB": [cats[i % 4] for i in range(n)],
            "MJ": [round(15.0 + i * 1.5, 2) for i in range(n)],
            "RJL": [0.5 + 0.1 * (i % 7) for i in range(n)],
            "GDRQ": [f"2019{1 + i % 12:02d}15" for i in range(n)],
        },
        geometry=geoms,
        crs="EPSG:4549",
    )


def _as_date_field(dbf: Path, name: bytes = b"GDRQ") -> None:
    raw = bytearray(dbf.read_bytes())
    pos = 32
    while pos < len(raw) and raw[pos] != 0x0D:
        if raw[pos : pos + 11].rstrip(b"\x00") == name and raw[pos + 16] == 8:
            raw[pos + 11 : pos + 12] = b"D"
        pos += 32
    dbf.write_bytes(bytes(raw))


def _write_shp(folder: Path, encoding: str, cpg: bool, ldid: int | None = None) -> Path:
    import pyogrio

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "地块.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(
            _frame(), path, encoding=encoding, layer_options={"RESIZE": "YES"}
        )
    _as_date_field(path.with_suffix(".dbf"))
    cpg_path = path.with_suffix(".cpg")
    if cpg:
        cpg_path.write_text("GBK" if encoding != "UTF-8" else "UTF-8", encoding="ascii")
    else:
        cpg_path.unlink(missing_ok=True)
    if ldid is not None:
        dbf = path.with_suffix(".dbf")
        raw = bytearray(dbf.read_bytes())
        raw[29] = ldid
        dbf.write_bytes(bytes(raw))
    return path


def build_seeds(root: Path) -> dict[str, Path]:
    """Write one seed folder per kind under ``root``; return ``{kind: folder}``."""
    import pyogrio

    root.mkdir(parents=True, exist_ok=True)
    seeds = {}
    _write_shp(root / "shp_cpg", "GBK", cpg=True)
    seeds["shp_cpg"] = root / "shp_cpg"
    _write_shp(root / "shp_ldid", "GBK", cpg=False, ldid=0x4D)
    seeds["shp_ldid"] = root / "shp_ldid"
    _write_shp(root / "shp_utf8", "UTF-8", cpg=False, ldid=0)
    seeds["shp_utf8"] = root / "shp_utf8"
    zdir = root / "zip"
    zdir.mkdir(exist_ok=True)
    src = root / "shp_cpg"
    with zipfile.ZipFile(zdir / "地块.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(src.iterdir()):
            zf.write(p, f"数据/{p.name}")
    seeds["zip"] = zdir
    gdir = root / "gpkg"
    gdir.mkdir(exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(_frame(), gdir / "地块.gpkg", layer="parcels", driver="GPKG")
    seeds["gpkg"] = gdir
    jdir = root / "geojson"
    jdir.mkdir(exist_ok=True)
    frame = _frame().to_crs(4490)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(frame, jdir / "地块.geojson", driver="GeoJSON")
    seeds["geojson"] = jdir
    return seeds


# --------------------------------------------------------------------------- helpers

_ODD_DOUBLES = (
    float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 1e200, 5e-324, 0.0, -0.0,
    1e15, 3.4e38, X0, Y0,
)


def _one(folder: Path, suffix: str) -> Path | None:
    found = [p for p in folder.iterdir() if p.suffix.lower() == suffix and p.is_file()]
    return found[0] if found else None


def _flip(data: bytearray, rng: random.Random, start: int = 0, end: int | None = None,
          count: int | None = None) -> int:
    end = len(data) if end is None else min(end, len(data))
    if end <= start:
        return 0
    count = count or rng.randint(1, 8)
    for _ in range(count):
        i = rng.randrange(start, end)
        data[i] = rng.choice((rng.randrange(256), data[i] ^ (1 << rng.randrange(8)), 0, 0xFF))
    return count


def _records(shp: bytes) -> list[tuple[int, int]]:
    """(offset of content, content length) of each .shp record."""
    out, pos = [], 100
    while pos + 8 <= len(shp):
        length = struct.unpack(">i", shp[pos + 4 : pos + 8])[0] * 2
        if length < 0 or pos + 8 + length > len(shp):
            break
        out.append((pos + 8, length))
        pos += 8 + length
    return out


def _rewrite_shx(shp_path: Path) -> None:
    """Rebuild the .shx and the header lengths after a record was replaced."""
    shp = bytearray(shp_path.read_bytes())
    shp[24:28] = struct.pack(">i", len(shp) // 2)
    shp_path.write_bytes(bytes(shp))
    shx_path = shp_path.with_suffix(".shx")
    if not shx_path.exists():
        return
    recs = _records(bytes(shp))
    shx = bytearray(shp[:100])
    shx[24:28] = struct.pack(">i", (100 + 8 * len(recs)) // 2)
    for offset, length in recs:
        shx += struct.pack(">ii", (offset - 8) // 2, length // 2)
    shx_path.write_bytes(bytes(shx))


def _polygon_record(rings: list[list[tuple[float, float]]]) -> bytes:
    pts = [p for ring in rings for p in ring]
    xs = [p[0] for p in pts] or [0.0]
    ys = [p[1] for p in pts] or [0.0]
    body = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys), len(rings), len(pts))
    idx = 0
    for ring in rings:
        body += struct.pack("<i", idx)
        idx += len(ring)
    for x, y in pts:
        body += struct.pack("<2d", x, y)
    return body


def _replace_record(shp_path: Path, index: int, content: bytes) -> None:
    shp = bytes(shp_path.read_bytes())
    recs = _records(shp)
    if not recs:
        return
    offset, length = recs[index % len(recs)]
    header = shp[offset - 8 : offset - 4] + struct.pack(">i", len(content) // 2)
    shp = shp[: offset - 8] + header + content + shp[offset + length :]
    shp_path.write_bytes(shp)
    _rewrite_shx(shp_path)


# --------------------------------------------------------------------------- shapefile mutators


def m_shp_header(folder: Path, rng: random.Random) -> str:
    shp = _one(folder, ".shp")
    if shp is None:
        return "no .shp"
    data = bytearray(shp.read_bytes())
    choice = rng.randrange(4)
    if choice == 0:
        _flip(data, rng, 0, 100)
        what = "bytes"
    elif choice == 1:
        data[32:36] = struct.pack("<i", rng.choice((0, 1, 3, 8, 13, 15, 25, 28, 31, 99, -1)))
        what = "shape type"
    elif choice == 2:
        pos = rng.choice((36, 44, 52, 60))
        data[pos : pos + 8] = struct.pack("<d", rng.choice(_ODD_DOUBLES))
        what = "bbox"
    else:
        data[24:28] = struct.pack(">i", rng.choice((0, 1, 50, 2**31 - 1, -5, len(data))))
        what = "file length"
    shp.write_bytes(bytes(data))
    return f"shp header {what}"


def m_shp_record(folder: Path, rng: random.Random) -> str:
    shp = _one(folder, ".shp")
    if shp is None:
        return "no .shp"
    data = bytearray(shp.read_bytes())
    recs = _records(bytes(data))
    if not recs:
        return "no records"
    offset, length = rng.choice(recs)
    choice = rng.randrange(5)
    if choice == 0 and length >= 44:  # numParts / numPoints
        pos = offset + rng.choice((36, 40))
        data[pos : pos + 4] = struct.pack(
            "<i", rng.choice((0, 1, 2, 3, 1000, 100000, 2**31 - 1, -1))
        )
        what = "counts"
    elif choice == 1 and length >= 48:  # a part index
        data[offset + 44 : offset + 48] = struct.pack("<i", rng.choice((-1, 1, 3, 999, 2**30)))
        what = "part index"
    elif choice == 2 and length > 60:  # one coordinate
        n = (length - 48) // 8
        pos = offset + length - 8 * rng.randrange(1, max(2, n))
        data[pos : pos + 8] = struct.pack("<d", rng.choice(_ODD_DOUBLES))
        what = "coordinate"
    elif choice == 3:
        data[offset : offset + 4] = struct.pack("<i", rng.choice((0, 1, 3, 15, 25, 31, 77)))
        what = "record shape type"
    else:
        _flip(data, rng, offset, offset + length)
        what = "bytes"
    shp.write_bytes(bytes(data))
    return f"shp record {what}"


def m_shp_pathological(folder: Path, rng: random.Random) -> str:
    """Replace one record with a ring of many random, self-crossing vertices (or NaN/Inf)."""
    shp = _one(folder, ".shp")
    if shp is None or not _records(shp.read_bytes()):
        return "no .shp"
    choice = rng.randrange(4)
    if choice == 0:
        n = rng.choice((2000, 5000, 20000))
        ring = [(X0 + rng.uniform(0, 500), Y0 + rng.uniform(0, 500)) for _ in range(n)]
        ring.append(ring[0])
        what = f"{n} random vertices"
    elif choice == 1:
        bad = rng.choice((float("nan"), float("inf"), -float("inf")))
        ring = [(X0, Y0), (X0 + 100, Y0), (bad, Y0 + 100), (X0, Y0 + 100), (X0, Y0)]
        what = f"{bad} vertex"
    elif choice == 2:
        big = rng.choice((1e308, 1e300, 1e30, 1e18))
        ring = [(X0, Y0), (big, Y0), (big, big), (X0, big), (X0, Y0)]
        what = f"{big:g} coordinates"
    else:  # a zig-zag bow tie with many crossings
        n = rng.choice((500, 3000))
        ring = [(X0 + (i % 2) * 300.0, Y0 + i * 0.5) for i in range(n)]
        ring += [(X0 + ((i + 1) % 2) * 300.0, Y0 + i * 0.5) for i in reversed(range(n))]
        ring.append(ring[0])
        what = f"zig-zag {2 * n}"
    _replace_record(shp, rng.randrange(64), _polygon_record([ring]))
    return f"shp pathological ring: {what}"


def m_shx(folder: Path, rng: random.Random) -> str:
    shx = _one(folder, ".shx")
    if shx is None:
        return "no .shx"
    data = bytearray(shx.read_bytes())
    if rng.random() < 0.3:
        shx.write_bytes(bytes(data[: rng.randrange(len(data) + 1)]))
        return "shx truncated"
    _flip(data, rng, 0 if rng.random() < 0.3 else 100)
    shx.write_bytes(bytes(data))
    return "shx bytes"


# --------------------------------------------------------------------------- DBF mutators


def _fields(data: bytes) -> list[int]:
    """Offsets of the DBF field descriptors."""
    out, pos = [], 32
    while pos + 32 <= len(data) and data[pos] != 0x0D:
        out.append(pos)
        pos += 32
    return out


def m_dbf_header(folder: Path, rng: random.Random) -> str:
    dbf = _one(folder, ".dbf")
    if dbf is None:
        return "no .dbf"
    data = bytearray(dbf.read_bytes())
    choice = rng.randrange(4)
    if choice == 0:
        data[4:8] = struct.pack("<I", rng.choice((0, 1, 5, 13, 1000, 2**31, 2**32 - 1)))
        what = "record count"
    elif choice == 1:
        data[8:10] = struct.pack("<H", rng.choice((0, 1, 32, 33, 65, 100, 65535)))
        what = "header length"
    elif choice == 2:
        data[10:12] = struct.pack("<H", rng.choice((0, 1, 2, 50, 65535)))
        what = "record length"
    else:
        data[29] = rng.choice((0, 0x01, 0x03, 0x4D, 0x57, 0x7A, 0xC8, 0xFF, 0x13))
        what = "language byte"
    dbf.write_bytes(bytes(data))
    return f"dbf header {what}"


def m_dbf_descriptor(folder: Path, rng: random.Random) -> str:
    dbf = _one(folder, ".dbf")
    if dbf is None:
        return "no .dbf"
    data = bytearray(dbf.read_bytes())
    fields = _fields(bytes(data))
    if not fields:
        return "no fields"
    pos = rng.choice(fields)
    choice = rng.randrange(6)
    if choice == 0 and len(fields) > 1:  # duplicate a field name
        other = rng.choice([f for f in fields if f != pos])
        data[pos : pos + 11] = data[other : other + 11]
        what = "duplicate name"
    elif choice == 1:  # every text field width 0 (records shrink accordingly: keep layout)
        for f in fields:
            if data[f + 11 : f + 12] == b"C":
                data[f + 16] = 0
        what = "text widths 0"
    elif choice == 2:
        data[pos + 11] = ord(rng.choice("CNFDLMBI@T0X\x00"))
        what = "type letter"
    elif choice == 3:
        data[pos + 16] = rng.choice((0, 1, 254, 255))
        what = "width"
    elif choice == 4:
        data[pos + 17] = rng.choice((0, 5, 15, 200, 255))
        what = "decimals"
    else:
        name = rng.choice((b"\xb3\xc7\xca\xd0", b"\xe5\x9c\xb0\xe5\x9d", b"", b"geometry",
                           b"FID", b"\xff\xfe\xfd", b"a b", b"DKBH"))
        data[pos : pos + 11] = name[:11].ljust(11, b"\x00")
        what = "name bytes"
    dbf.write_bytes(bytes(data))
    return f"dbf descriptor {what}"


def m_dbf_records(folder: Path, rng: random.Random) -> str:
    dbf = _one(folder, ".dbf")
    if dbf is None:
        return "no .dbf"
    data = bytearray(dbf.read_bytes())
    if len(data) < 32:
        return "short dbf"
    header_len = struct.unpack("<H", data[8:10])[0]
    record_len = struct.unpack("<H", data[10:12])[0]
    fields = _fields(bytes(data))
    if record_len < 2 or header_len >= len(data) or not fields:
        _flip(data, rng, 32)
        dbf.write_bytes(bytes(data))
        return "dbf bytes"
    n = (len(data) - header_len) // record_len
    if n == 0:
        return "no records"
    layout, off = [], 1
    for f in fields:
        layout.append((data[f : f + 11].split(b"\x00")[0], chr(data[f + 11]), off, data[f + 16]))
        off += data[f + 16]
    row = rng.randrange(n)
    name, kind, foff, width = rng.choice(layout)
    start = header_len + row * record_len + foff
    if width == 0 or start + width > len(data):
        _flip(data, rng, header_len)
        dbf.write_bytes(bytes(data))
        return "dbf bytes"
    choice = rng.randrange(6)
    if kind in "NF" and choice < 2:
        value = rng.choice((b"inf", b"-inf", b"nan", b"1e400", b"1e308", b"***", b"1,5", b"-"))
        what = f"number {value!r}"
    elif kind == "D" and choice < 2:
        value = rng.choice((b"00310101", b"99991231", b"20191340", b"00000000", b"2019", b"abcdefgh"))
        what = f"date {value!r}"
    elif choice == 2:
        value = rng.choice((b"\xb3", b"\xe5\x9c", b"\xff\xfe", b"\x00\x00", b"\x80\x81\x8d"))
        what = f"stray bytes {value!r}"
    elif choice == 3:  # a UTF-8 character cut at the field width
        value = ("地" * width).encode("utf-8")[:width]
        what = "utf-8 cut at width"
    elif choice == 4:
        data[header_len + row * record_len] = rng.choice(b"*\x00X ")
        dbf.write_bytes(bytes(data))
        return "deletion flag"
    else:
        _flip(data, rng, start, start + width)
        dbf.write_bytes(bytes(data))
        return f"field {name!r} bytes"
    data[start : start + width] = value[:width].ljust(width, b" ")
    dbf.write_bytes(bytes(data))
    return f"dbf {name!r} {what}"


# --------------------------------------------------------------------------- text sidecars

_CPG_VALUES = (
    b"rot13", b"bz2", b"base64", b"undefined", b"punycode", b"hex", b"zlib", b"uu", b"quopri",
    b"idna", b"utf-16", b"UTF-32", b"unicode_escape", b"raw_unicode_escape", b"mbcs", b"\xb3",
    b"", b"\xef\xbb\xbf", b"GBK\x00", b"65001", b"936", b"ANSI 1252", b"ANSI 9999", b"cp65000",
    b"utf_8_sig", b"x" * 5000, b"<html><body>Not found</body></html>", b"ISO-8859-99",
    b"88591", b"System", b"big5hkscs", b"UTF-7", b"latin_1", b"cp037", b"string_escape",
)


def m_cpg(folder: Path, rng: random.Random) -> str:
    shp = _one(folder, ".shp")
    if shp is None:
        return "no .shp"
    value = rng.choice(_CPG_VALUES)
    shp.with_suffix(".cpg").write_bytes(value)
    return f"cpg {value[:30]!r}"


def m_prj(folder: Path, rng: random.Random) -> str:
    shp = _one(folder, ".shp")
    if shp is None:
        return "no .shp"
    prj = shp.with_suffix(".prj")
    text = prj.read_bytes() if prj.exists() else b'GEOGCS["x"]'
    choice = rng.randrange(4)
    if choice == 0:
        text = text[: rng.randrange(len(text) + 1)]
    elif choice == 1:
        data = bytearray(text)
        _flip(data, rng)
        text = bytes(data)
    elif choice == 2:
        text = rng.choice((b"EPSG:99999", b"\xb3\xb3", b"PROJCS[", b"+proj=tmerc +k=nan",
                           b"+proj=longlat +datum=WGS84", b"\x00" * 10, b"4549"))
    else:
        text = text.replace(b"500000", b"1e308").replace(b"120", b"nan")
    prj.write_bytes(text)
    return "prj text"


# --------------------------------------------------------------------------- zip mutators


def _local_headers(data: bytes) -> list[int]:
    out, pos = [], 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            return out
        out.append(pos)
        pos += 4


def m_zip(folder: Path, rng: random.Random) -> str:
    z = _one(folder, ".zip")
    if z is None:
        return "no .zip"
    choice = rng.randrange(5)
    if choice == 0:  # rebuild with another compression method
        method = rng.choice((zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
        with zipfile.ZipFile(z) as zf:
            members = [(i.filename, zf.read(i)) for i in zf.infolist()]
        with zipfile.ZipFile(z, "w", method) as zf:
            for name, blob in members:
                zf.writestr(name, blob)
        # then damage the compressed data of one member
        data = bytearray(z.read_bytes())
        heads = _local_headers(bytes(data))
        if heads and rng.random() < 0.8:
            h = rng.choice(heads)
            _flip(data, rng, h + 60, h + 400)
        z.write_bytes(bytes(data))
        return f"zip method {method} + damage"
    data = bytearray(z.read_bytes())
    heads = _local_headers(bytes(data))
    central = data.find(b"PK\x01\x02")
    if choice == 1 and heads:  # compression method field (local and central)
        method = rng.choice((1, 6, 9, 14, 19, 95, 98, 99, 12345))
        for h in heads:
            data[h + 8 : h + 10] = struct.pack("<H", method)
        pos = central
        while pos >= 0:
            data[pos + 10 : pos + 12] = struct.pack("<H", method)
            pos = data.find(b"PK\x01\x02", pos + 4)
        what = f"method {method}"
    elif choice == 2 and heads:  # the encrypted flag
        for h in heads:
            data[h + 6] |= 1
        pos = central
        while pos >= 0:
            data[pos + 8] |= 1
            pos = data.find(b"PK\x01\x02", pos + 4)
        what = "encrypted flag"
    elif choice == 3 and heads:  # compressed data
        h = rng.choice(heads)
        _flip(data, rng, h + 40, h + 2000, count=rng.randint(1, 20))
        what = "deflate data"
    else:
        data = data[: rng.randrange(len(data) + 1)]
        what = "truncated"
    z.write_bytes(bytes(data))
    return f"zip {what}"


def m_zip_inner(folder: Path, rng: random.Random) -> str:
    """Apply a shapefile mutator to the members inside the zip."""
    z = _one(folder, ".zip")
    if z is None:
        return "no .zip"
    inner = folder / "_inner"
    inner.mkdir(exist_ok=True)
    with zipfile.ZipFile(z) as zf:
        names = [i.filename for i in zf.infolist()]
        for name in names:
            (inner / Path(name).name).write_bytes(zf.read(name))
    mutator = rng.choice(SHAPEFILE_MUTATORS)
    what = mutator(inner, rng)
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(inner.iterdir()):
            zf.write(p, f"数据/{p.name}")
    shutil.rmtree(inner)
    return f"zip member: {what}"


# --------------------------------------------------------------------------- GeoPackage / GeoJSON


def m_gpkg_page(folder: Path, rng: random.Random) -> str:
    g = _one(folder, ".gpkg")
    if g is None:
        return "no .gpkg"
    data = bytearray(g.read_bytes())
    page = 4096
    pages = max(1, len(data) // page)
    choice = rng.randrange(3)
    if choice == 0:
        p = rng.randrange(pages)
        _flip(data, rng, p * page, (p + 1) * page, count=rng.randint(1, 40))
        what = f"page {p}"
    elif choice == 1:
        data = data[: rng.randrange(page, max(page + 1, len(data)))]
        what = "truncated"
    else:
        _flip(data, rng, 0, 100)
        what = "header"
    g.write_bytes(bytes(data))
    return f"gpkg {what}"


def gpkg_connect(path: Path) -> sqlite3.Connection:
    """A plain SQLite connection to a GeoPackage, with stand-ins for the spatial functions
    its R-tree triggers call (so rows can be changed without SpatiaLite)."""
    con = sqlite3.connect(path)
    con.create_function("ST_IsEmpty", 1, lambda g: 0 if g else 1)
    for name in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
        con.create_function(name, 1, lambda g: 0.0)
    return con


def m_gpkg_blob(folder: Path, rng: random.Random) -> str:
    """Damage a geometry blob or a value through SQLite (a well-formed file, odd content)."""
    g = _one(folder, ".gpkg")
    if g is None:
        return "no .gpkg"
    try:
        con = gpkg_connect(g)
        try:
            rows = con.execute("SELECT fid, geom FROM parcels").fetchall()
            if not rows:
                return "no rows"
            fid, blob = rng.choice(rows)
            choice = rng.randrange(4)
            if choice == 0 and blob:
                b = bytearray(blob)
                _flip(b, rng, 0, len(b))
                value, what = bytes(b), "blob bytes"
            elif choice == 1 and blob:
                b = bytearray(blob)
                pos = rng.randrange(max(1, len(b) - 8))
                b[pos : pos + 8] = struct.pack("<d", rng.choice(_ODD_DOUBLES))
                value, what = bytes(b), "blob double"
            elif choice == 2:
                value, what = rng.choice((b"", b"GP", None, b"\x00" * 40)), "blob replaced"
            else:
                col = rng.choice(("DKBH", "QYMC", "MJ", "GDRQ"))
                bad = rng.choice((b"\xb3\xff", "inf", 1e308, float("nan"), "0031-01-01", b"\xe5\x9c"))
                con.execute(f'UPDATE parcels SET "{col}" = ? WHERE fid = ?', (bad, fid))
                con.commit()
                return f"gpkg value {col}={bad!r}"
            con.execute("UPDATE parcels SET geom = ? WHERE fid = ?", (value, fid))
            con.commit()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"gpkg sqlite failed: {exc}"
    return f"gpkg {what}"


def m_geojson(folder: Path, rng: random.Random) -> str:
    j = _one(folder, ".geojson")
    if j is None:
        return "no .geojson"
    text = j.read_text(encoding="utf-8", errors="replace")
    choice = rng.randrange(5)
    if choice == 0:
        try:
            doc = json.loads(text)
            feat = rng.choice(doc["features"])
            ring = feat["geometry"]["coordinates"]
            while isinstance(ring, list) and ring and isinstance(ring[0], list):
                ring = ring[0] if isinstance(ring[0][0], list) else ring
                if ring and not isinstance(ring[0][0], list):
                    break
            if ring and isinstance(ring[0], list):
                ring[rng.randrange(len(ring))] = [rng.choice((1e308, -1e308, 1e30, 999.0)), 32.0]
            text = json.dumps(doc, ensure_ascii=False)
            what = "huge coordinate"
        except (ValueError, KeyError, TypeError, IndexError):
            what = "unparsable"
    elif choice == 1:
        text = text.replace("121.", "NaN, 1", 1) if rng.random() < 0.5 else text.replace(
            "32.", "Infinity, 1", 1)
        what = "NaN/Infinity token"
    elif choice == 2:
        cut = rng.randrange(len(text) + 1)
        text = text[:cut]
        what = "truncated"
    elif choice == 3:
        text = text.replace('"MultiPolygon"', '"LineString"', 1).replace(
            '"Polygon"', rng.choice(('"Point"', '"Polygonz"', '"GeometryCollection"')), 1)
        what = "geometry type"
    else:
        data = bytearray(text.encode("utf-8"))
        _flip(data, rng)
        j.write_bytes(bytes(data))
        return "geojson bytes"
    j.write_text(text, encoding="utf-8")
    return f"geojson {what}"


# --------------------------------------------------------------------------- generic


def m_truncate(folder: Path, rng: random.Random) -> str:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if not files:
        return "empty"
    f = rng.choice(files)
    data = f.read_bytes()
    f.write_bytes(data[: rng.randrange(len(data) + 1)])
    return f"truncated {f.suffix}"


def m_bitflip(folder: Path, rng: random.Random) -> str:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if not files:
        return "empty"
    f = rng.choice(files)
    data = bytearray(f.read_bytes())
    _flip(data, rng, count=rng.randint(1, 30))
    f.write_bytes(bytes(data))
    return f"bit flips {f.suffix}"


def m_remove(folder: Path, rng: random.Random) -> str:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".shp")
    if not files:
        return "nothing to remove"
    f = rng.choice(files)
    f.unlink()
    return f"removed {f.suffix}"


Mutator = Callable[[Path, random.Random], str]
SHAPEFILE_MUTATORS: tuple[Mutator, ...] = (
    m_shp_header, m_shp_record, m_shp_pathological, m_shx, m_dbf_header, m_dbf_descriptor,
    m_dbf_records, m_dbf_records, m_cpg, m_prj, m_truncate, m_bitflip, m_remove,
)
MUTATORS: dict[str, tuple[Mutator, ...]] = {
    "shp_cpg": SHAPEFILE_MUTATORS,
    "shp_ldid": SHAPEFILE_MUTATORS,
    "shp_utf8": SHAPEFILE_MUTATORS,
    "zip": (m_zip, m_zip, m_zip_inner, m_zip_inner, m_truncate, m_bitflip),
    "gpkg": (m_gpkg_page, m_gpkg_blob, m_gpkg_blob, m_bitflip),
    "geojson": (m_geojson, m_geojson, m_truncate, m_bitflip),
}


def make_case(seeds: dict[str, Path], folder: Path, seed: int, kind: str | None = None) -> Case:
    """Copy a seed into ``folder`` and damage it with 1–3 seeded mutations."""
    rng = random.Random(seed)
    kind = kind or SEED_KINDS[rng.randrange(len(SEED_KINDS))]
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(seeds[kind], folder)
    steps = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        try:
            steps.append(rng.choice(MUTATORS[kind])(folder, rng))
        except Exception as exc:  # noqa: BLE001 - e.g. a zip an earlier step already broke
            steps.append(f"mutator failed: {type(exc).__name__}")
    targets = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower()
               in (".shp", ".zip", ".gpkg", ".geojson")]
    target = targets[0] if targets else folder
    args = []
    r = rng.random()
    if kind.startswith("shp") and r < 0.12:
        args = ["--encoding", rng.choice(("UTF-8", "GBK", "latin-1", "rot13", "bz2", "utf-16"))]
    elif r < 0.2:
        args = ["--lang", "en"]
    return Case(folder, target, kind, args, steps, check_argv(target, args))


# --------------------------------------------------------------------------- running a case


def check_argv(target: Path, args: list[str]) -> list[str]:
    """The command line of a loader case: ``check TARGET ARGS --json``."""
    return ["check", str(target), *args, "--json"]


def run_check(target: Path, args: list[str]) -> dict:
    """Run ``landplanner check TARGET ARGS --json`` in this process; capture everything."""
    return run_cli(check_argv(target, args))
