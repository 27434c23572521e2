"""Shapefiles inside a .zip: find them at any folder depth and in any letter case.

A zip may hold several shapefiles (each is a layer), sidecars spelt ``senate.DBF``, extra
members (``.mshp``, ``.sbx``, text), or no .shp at all. The chosen layer's members are
extracted under plain names into a temporary folder (never beside the zip), so the
shapefile checks and GDAL see an ordinary shapefile.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from landplanner import library_errors, messages
from landplanner.problems import InputError, Problem

messages.register(
    {
        "zip_invalid": (
            "{name} 不是有效的 ZIP 压缩包（{detail}）。",
            "{name} is not a valid ZIP archive ({detail}).",
        ),
        "zip_no_shp": (
            "压缩包 {name} 中没有 .shp 文件（其中有：{members}）。",
            "The archive {name} holds no .shp file (it holds: {members}).",
        ),
        "zip_member_damaged": (
            "压缩包 {name} 中的 {member} 已损坏，无法解压（{detail}）；请重新打包或从原处重新获取。",
            "The member {member} of the archive {name} is damaged and cannot be unpacked "
            "({detail}); pack it again or fetch it again from its source.",
        ),
        "zip_method_unsupported": (
            "压缩包 {name} 中的 {member} 使用了不支持的压缩方式（编号 {method}）；请用普通 ZIP"
            "（Deflate）重新打包。",
            "The member {member} of the archive {name} uses an unsupported compression method "
            "(number {method}); pack it again as an ordinary (Deflate) ZIP.",
        ),
        "zip_encrypted": (
            "压缩包 {name} 中的 {member} 已加密（有密码），无法读取；请解压后打开，或重新打包为无密码的 ZIP。",
            "The member {member} of the archive {name} is encrypted (password protected); "
            "unpack it first, or pack it again without a password.",
        ),
        "zip_too_large": (
            "压缩包 {name} 解压后超过 {limit} GB，未解压。",
            "The archive {name} would unpack to more than {limit} GB; it was not unpacked.",
        ),
    }
)

_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
#: Compression methods Python's zipfile reads: stored, deflate, bzip2, LZMA.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def _detail(exc: BaseException):
    return library_errors.plain(exc, 200)
_MAX_UNPACKED = 8 * 1024**3


@dataclass(frozen=True)
class ZipLayer:
    """One shapefile in a zip: its layer name and member name for each sidecar extension."""

    name: str
    members: dict[str, str]


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except Exception as exc:  # BadZipFile, NotImplementedError("zip file version 25.5"), …
        raise InputError(
            Problem.make("zip_invalid", "error", name=path.name, detail=str(exc) or "bad zip")
        ) from None


def zip_layers(path: Path) -> list[ZipLayer]:
    """The shapefiles in a zip, in member order.

    Layer names are the file stems (``senate``), or the member path without extension
    (``REL/REL``) when two folders hold the same stem.

    Raises
    ------
    InputError
        ``zip_invalid`` (not a zip), ``zip_no_shp`` (no .shp member).
    """
    with _open(path) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for info in infos:
        name = info.filename
        if posixpath.basename(name).startswith("._") or name.startswith("__MACOSX/"):
            continue  # macOS resource forks
        stem, ext = posixpath.splitext(name)
        ext = ext.lower()
        if ext in _SIDECARS:
            key = (posixpath.dirname(stem).lower(), posixpath.basename(stem).lower())
            groups.setdefault(key, {})[ext] = name
    with_shp = [(k, m) for k, m in groups.items() if ".shp" in m]
    if not with_shp:
        members = ", ".join(i.filename for i in infos[:8]) or "-"
        if len(infos) > 8:
            members += ", …"
        raise InputError(Problem.make("zip_no_shp", "error", name=path.name, members=members))
    stems = [posixpath.splitext(posixpath.basename(m[".shp"]))[0] for _, m in with_shp]
    layers = []
    for (_, _), members in with_shp:
        stem = posixpath.splitext(members[".shp"])[0]
        short = posixpath.basename(stem)
        layers.append(ZipLayer(short if stems.count(short) == 1 else stem, members))
    return layers


def extract_layer(path: Path, layer: ZipLayer, workdir: Path) -> Path:
    """Extract one layer's members into ``workdir`` as ``layer.<ext>``; return the .shp.

    Member paths are never used as file names (no path traversal); sizes are checked
    before anything is written.
    """
    with _open(path) as zf:
        try:
            total = sum(zf.getinfo(m).file_size for m in layer.members.values())
            if total > _MAX_UNPACKED:
                raise InputError(
                    Problem.make(
                        "zip_too_large", "error", name=path.name, limit=_MAX_UNPACKED >> 30
                    )
                )
            for ext, member in layer.members.items():
                info = zf.getinfo(member)
                if info.flag_bits & 0x1:
                    raise InputError(
                        Problem.make("zip_encrypted", "error", name=path.name, member=member)
                    )
                if info.compress_type not in _METHODS:
                    raise InputError(
                        Problem.make(
                            "zip_method_unsupported",
                            "error",
                            name=path.name,
                            member=member,
                            method=info.compress_type,
                        )
                    )
                try:
                    with zf.open(member) as src, open(workdir / f"layer{ext}", "wb") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                except (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, ValueError,
                        NotImplementedError, RuntimeError) as exc:
                    # bz2 raises OSError/ValueError for corrupt data; CRC mismatches BadZipFile
                    raise InputError(
                        Problem.make(
                            "zip_member_damaged",
                            "error",
                            name=path.name,
                            member=member,
                            detail=_detail(exc),
                        )
                    ) from None
                except OSError as exc:
                    if exc.errno is not None:  # a real disk error (full, permission)
                        raise
                    raise InputError(
                        Problem.make(
                            "zip_member_damaged",
                            "error",
                            name=path.name,
                            member=member,
                            detail=_detail(exc),
                        )
                    ) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise InputError(
                Problem.make("zip_invalid", "error", name=path.name, detail=str(exc))
            ) from None
    return workdir / "layer.shp"
