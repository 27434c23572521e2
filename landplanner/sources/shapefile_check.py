"""Checking a shapefile set before GDAL reads it, and repairing a missing .shx in a copy.

GDAL's answers to broken files are unhelpful ("not recognized as being in a supported file
format") or dangerous (``SHAPE_RESTORE_SHX`` writes a new .shx beside the user's file, and a
corrupt record length can make a reader try to allocate gigabytes). So we look at the bytes
first: the header magic (9994), version (1000) and shape type, the file length, every record
header (through the .shx when there is one, vectorised; by walking the .shp when there is
not), Git LFS pointers, and files that are really something else.

A missing or unusable .shx is rebuilt **in a temporary copy** of the set (the index is
rebuilt from the record walk, exactly what GDAL's ``SHAPE_RESTORE_SHX`` does, but without a
process-wide GDAL setting that could make another read write beside a user's file).
"""

from __future__ import annotations

import mmap
import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from landplanner import messages
from landplanner.problems import InputError, Problem

messages.register(
    {
        "file_not_found": ("找不到文件：{path}", "File not found: {path}"),
        "file_unreadable": ("无法读取文件 {path}：{detail}", "Cannot read {path}: {detail}"),
        "lfs_pointer": (
            "{name} 是 Git LFS 指针文件，不是真正的数据；请先获取真实文件（git lfs pull）。",
            "{name} is a Git LFS pointer, not the data: this is a Git LFS pointer, fetch the "
            "real file (git lfs pull).",
        ),
        "shp_too_short": (
            "{name} 只有 {size} 字节，不是完整的 shapefile（文件头需要 100 字节）。",
            "{name} is only {size} bytes long; a shapefile header alone needs 100 bytes.",
        ),
        "shp_is_other": (
            "{name} 不是 shapefile，它其实是{kind}。",
            "{name} is not a shapefile: it is really {kind}.",
        ),
        "shp_header_corrupt": (
            "{name} 的文件头损坏，不是有效的 shapefile（{detail}）。",
            "The header of {name} is corrupt; it is not a valid shapefile ({detail}).",
        ),
        "shp_record_corrupt": (
            "{name} 已损坏：第 {record} 条记录（偏移 {offset}）的长度 {length} 字节不合理，文件无法读取。",
            "{name} is corrupt: record {record} at offset {offset} has an impossible length "
            "of {length} bytes; the file cannot be read.",
        ),
        "shp_longer_than_header": (
            "{name} 比文件头记载的长度多 {extra} 字节，多余部分已忽略。",
            "{name} is {extra} bytes longer than its header says; the extra bytes were ignored.",
        ),
        "shp_shorter_than_header": (
            "{name} 比文件头记载的长度短 {missing} 字节（文件可能不完整）。",
            "{name} is {missing} bytes shorter than its header says (the file may be incomplete).",
        ),
        "shx_missing_rebuilt": (
            "缺少索引文件 .shx，已在临时副本中重建（原文件未改动）。",
            "The .shx index file is missing; it was rebuilt in a temporary copy (the original "
            "files were not changed).",
        ),
        "shx_invalid_rebuilt": (
            "索引文件 .shx 与 .shp 不一致（{detail}），已在临时副本中重建（原文件未改动）。",
            "The .shx index does not match the .shp ({detail}); it was rebuilt in a temporary "
            "copy (the original files were not changed).",
        ),
        "dbf_missing": (
            "缺少属性文件 .dbf：只载入了图形，没有属性。",
            "The .dbf attribute file is missing: only the shapes were loaded, without attributes.",
        ),
        "dbf_count_mismatch": (
            ".dbf 有 {dbf} 条记录，而 .shp 有 {shp} 个图形。",
            "The .dbf holds {dbf} records but the .shp holds {shp} shapes.",
        ),
        "kind_dbf": ("一个 DBF 属性表", "a DBF attribute table"),
        "kind_zip": ("一个 ZIP 压缩包", "a ZIP archive"),
        "kind_html": ("一个 HTML 网页", "an HTML page"),
        "kind_sqlite": ("一个 SQLite/GeoPackage 数据库", "an SQLite/GeoPackage database"),
        "kind_json": ("一个 JSON/GeoJSON 文本", "a JSON/GeoJSON text"),
        "kind_text": ("一个文本文件", "a text file"),
    }
)

LFS_PREFIX = b"version https://git-lfs.github.com/spec"
SHP_MAGIC = 9994
SHP_VERSION = 1000

SHAPE_TYPES = {
    0: "Null", 1: "Point", 3: "LineString", 5: "Polygon", 8: "MultiPoint",
    11: "Point Z", 13: "LineString Z", 15: "Polygon Z", 18: "MultiPoint Z",
    21: "Point M", 23: "LineString M", 25: "Polygon M", 28: "MultiPoint M",
    31: "MultiPatch",
}
POLYGON_TYPES = {5, 15, 25}

# Largest plausible record: a single shape of 256 MB is already far beyond any parcel.
_MAX_RECORD_BYTES = 256 * 1024 * 1024


@dataclass
class ShapefileSet:
    """The files of one shapefile, ready for GDAL, and what checking them found.

    ``shp`` is the path GDAL should open: the user's file, or a temporary copy when the
    .shx had to be rebuilt or names normalised. ``dbf``, ``cpg`` and ``prj`` are the
    *user's* sidecars (read by our own code only), or None when absent.
    """

    shp: Path
    dbf: Path | None
    cpg: Path | None
    prj: Path | None
    shape_type: int
    records: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def geometry_name(self) -> str:
        """The shape type as a name (``"Polygon"``, ``"Point Z"``, ``"MultiPatch"``…)."""
        return SHAPE_TYPES.get(self.shape_type, f"type {self.shape_type}")


def refuse(code: str, problems: list[Problem] | None = None, **kw: object) -> InputError:
    """An InputError for ``code`` (severity error) carrying ``problems`` found so far."""
    return InputError(Problem.make(code, "error", **kw), list(problems or []))


def _is_other(name: str, kind: str) -> InputError:
    """``shp_is_other`` with the kind named in each message's own language."""
    zh = messages.text("shp_is_other", "zh", name=name, kind=messages.text(kind, "zh"))
    en = messages.text("shp_is_other", "en", name=name, kind=messages.text(kind, "en"))
    return InputError(Problem("shp_is_other", "error", zh, en))


def is_lfs_pointer(path: Path) -> bool:
    """True when ``path`` is a Git LFS pointer text file instead of its content."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(LFS_PREFIX)) == LFS_PREFIX
    except OSError:
        return False


def sniff_kind(head: bytes) -> str | None:
    """Message code naming what a non-shapefile really is, from its first bytes."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "kind_zip"
    if head.startswith(b"SQLite format 3\x00"):
        return "kind_sqlite"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] == b"<":
        return "kind_html"
    if text[:1] in (b"{", b"["):
        return "kind_json"
    if len(head) >= 32 and head[0] in (0x02, 0x03, 0x30, 0x31, 0x43, 0x63, 0x83, 0x8B, 0xCB, 0xF5):
        month, day = head[2], head[3]
        header_len = int.from_bytes(head[8:10], "little")
        if 1 <= month <= 12 and 1 <= day <= 31 and header_len >= 33 and (header_len - 1) % 32 == 0:
            return "kind_dbf"
    if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head[:100]):
        return "kind_text"
    return None


def find_sidecar(shp: Path, ext: str) -> Path | None:
    """The file beside ``shp`` with the same stem and extension ``ext``, in any letter case."""
    exact = shp.with_suffix(ext)
    if exact.is_file():
        return exact
    stem = shp.stem.lower()
    try:
        for candidate in shp.parent.iterdir():
            if candidate.stem.lower() == stem and candidate.suffix.lower() == ext:
                if candidate.is_file():
                    return candidate
    except OSError:
        return None
    return None


def _check_lfs(*paths: Path | None) -> None:
    for path in paths:
        if path is not None and is_lfs_pointer(path):
            raise refuse("lfs_pointer", name=path.name)


def _read_header(shp: Path) -> tuple[int, int, int]:
    """Validate the 100-byte main header; return (shape type, declared length, file size)."""
    try:
        size = shp.stat().st_size
        with open(shp, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise refuse("file_unreadable", path=str(shp), detail=exc.strerror or str(exc)) from None
    if len(head) < 100:
        kind = sniff_kind(head)
        if kind:
            raise _is_other(shp.name, kind)
        raise refuse("shp_too_short", name=shp.name, size=size)
    code = struct.unpack(">i", head[0:4])[0]
    if code != SHP_MAGIC:
        kind = sniff_kind(head)
        if kind and kind != "kind_text":
            raise _is_other(shp.name, kind)
        detail = f"file code {code} instead of 9994"
        raise refuse("shp_header_corrupt", name=shp.name, detail=detail)
    version, shape_type = struct.unpack("<ii", head[28:36])
    if version != SHP_VERSION:
        raise refuse("shp_header_corrupt", name=shp.name, detail=f"version {version} instead of 1000")
    if shape_type not in SHAPE_TYPES:
        raise refuse("shp_header_corrupt", name=shp.name, detail=f"unknown shape type {shape_type}")
    declared = struct.unpack(">i", head[24:28])[0] * 2
    return shape_type, declared, size


def walk_records(shp: Path, end: int) -> np.ndarray:
    """Walk the .shp record headers up to byte ``end``; return (offset, content length) pairs.

    Offsets and lengths are in 16-bit words as the .shx stores them. Raises InputError
    ``shp_record_corrupt`` on a record that would run past the end of the file, so a
    corrupt length never turns into a huge allocation or an endless loop.
    """
    entries: list[tuple[int, int]] = []
    with open(shp, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        pos = 100
        while pos + 8 <= end:
            number, words = struct.unpack_from(">iI", mm, pos)
            length = words * 2
            if length < 4 or length > _MAX_RECORD_BYTES or pos + 8 + length > end:
                raise refuse(
                    "shp_record_corrupt", name=shp.name, record=len(entries) + 1, offset=pos,
                    length=length,
                )
            entries.append((pos // 2, words))
            pos += 8 + length
    return np.array(entries, dtype=">i4").reshape(-1, 2)


def _shx_entries(shx: Path, shp_size: int) -> tuple[np.ndarray | None, str]:
    """The .shx index as (offset, length) word pairs, or None with the reason it is unusable."""
    data = shx.read_bytes()
    if len(data) < 100 or struct.unpack(">i", data[:4])[0] != SHP_MAGIC:
        return None, "bad .shx header"
    if (len(data) - 100) % 8:
        return None, f".shx length {len(data)} is not 100 + 8 × records"
    entries = np.frombuffer(data, dtype=">i4", offset=100).reshape(-1, 2)
    offsets = entries[:, 0].astype(np.int64) * 2
    lengths = entries[:, 1].astype(np.int64) * 2
    bad = (offsets < 100) | (lengths < 4) | (offsets + 8 + lengths > shp_size)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        return None, f"record {first + 1} points outside the .shp"
    return entries, ""


def write_shx(shp: Path, shx: Path, entries: np.ndarray) -> None:
    """Write a .shx for ``shp`` from its record (offset, length) pairs in 16-bit words."""
    with open(shp, "rb") as fh:
        header = bytearray(fh.read(100))
    header[24:28] = struct.pack(">i", (100 + 8 * len(entries)) // 2)
    with open(shx, "wb") as out:
        out.write(header)
        out.write(np.ascontiguousarray(entries, dtype=">i4").tobytes())


def _copy_set(shp: Path, dbf: Path | None, workdir: Path) -> Path:
    """Copy .shp (and .dbf) to ``workdir`` under plain lower-case names; return the new .shp."""
    target = workdir / "layer.shp"
    if shp.resolve() != target.resolve():
        shutil.copyfile(shp, target)
    if dbf is not None and dbf.resolve() != (workdir / "layer.dbf").resolve():
        shutil.copyfile(dbf, workdir / "layer.dbf")
    return target


def check_shapefile(shp: Path, workdir_factory) -> ShapefileSet:
    """Check a shapefile set and make it readable; refuse what cannot be used.

    Parameters
    ----------
    shp : Path
        The .shp file.
    workdir_factory : callable
        Returns a fresh temporary directory (Path) when a copy is needed; the caller
        deletes it after reading.

    Returns
    -------
    ShapefileSet

    Raises
    ------
    InputError
        ``file_not_found``, ``lfs_pointer``, ``shp_is_other``, ``shp_header_corrupt``,
        ``shp_too_short``, ``shp_record_corrupt``, ``file_unreadable``.
    """
    if not shp.is_file():
        raise refuse("file_not_found", path=str(shp))
    shx = find_sidecar(shp, ".shx")
    dbf = find_sidecar(shp, ".dbf")
    cpg = find_sidecar(shp, ".cpg")
    prj = find_sidecar(shp, ".prj")
    _check_lfs(shp, shx, dbf)
    shape_type, declared, size = _read_header(shp)
    problems: list[Problem] = []
    if size > declared >= 100:
        problems.append(
            Problem.make("shp_longer_than_header", "warning", name=shp.name, extra=size - declared)
        )
    elif size < declared:
        problems.append(
            Problem.make("shp_shorter_than_header", "warning", name=shp.name, missing=declared - size)
        )
    end = min(size, declared) if declared >= 100 else size

    entries = None
    reason = ""
    if shx is not None:
        try:
            entries, reason = _shx_entries(shx, size)
        except OSError as exc:
            reason = str(exc)
    # GDAL finds sidecars named exactly like the .shp or in upper case only.
    odd_case = any(
        p is not None and p.stem != shp.stem or p is not None and p.suffix not in (
            p.suffix.lower(), p.suffix.upper()) for p in (shx, dbf)
    )
    if entries is None:
        try:
            records = walk_records(shp, end)
        except InputError as exc:
            exc.problems[:0] = problems
            raise
        workdir = workdir_factory()
        target = _copy_set(shp, dbf, workdir)
        write_shx(target, workdir / "layer.shx", records)
        code = "shx_missing_rebuilt" if shx is None else "shx_invalid_rebuilt"
        problems.append(Problem.make(code, "warning", detail=reason))
        n_records = len(records)
        read_path = target
    elif odd_case:
        workdir = workdir_factory()
        read_path = _copy_set(shp, dbf, workdir)
        shutil.copyfile(shx, workdir / "layer.shx")
        n_records = len(entries)
    else:
        read_path = shp
        n_records = len(entries)
    if dbf is None:
        problems.append(Problem.make("dbf_missing", "warning"))
    return ShapefileSet(read_path, dbf, cpg, prj, shape_type, n_records, problems)
