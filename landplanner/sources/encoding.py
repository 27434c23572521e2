"""Deciding the text encoding of a shapefile's DBF table from its bytes.

GDAL guesses on its own (the .cpg, then the DBF language byte, else Latin-1), which gives
mojibake for UTF-8 files without a .cpg and for Chinese files without a language byte.
We read the DBF header and text bytes ourselves and decide, in this order:

1. a .cpg that names a real code page (garbage such as an HTML page is ignored, with a
   warning; the non-standard ArcGIS spelling ``ANSI 1250`` is read as CP1250, with a
   warning, because the text written with it is only right in that code page);
2. strict UTF-8 when the text (values *and* field names) has non-ASCII bytes and all of it
   decodes; a wrong language byte must not beat valid UTF-8;
3. the DBF language byte (LDID, byte 29: 0x4D = 936 …);
4. GB18030 when the double bytes look like Chinese (GB2312 ranges);
5. CP1252 (ISO-8859-1 when bytes undefined in CP1252 occur).

The user can override all of this. The decision is then handed to pyogrio/fiona.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from landplanner import messages
from landplanner.problems import InputError, Problem
from landplanner.sources.report import EncodingInfo

messages.register(
    {
        "cpg_garbage": (
            ".cpg 文件内容无法识别为编码（{content}），已忽略，改为自动判断编码。",
            "The .cpg file does not name a code page ({content}); it was ignored and the "
            "encoding was detected instead.",
        ),
        "cpg_nonstandard": (
            ".cpg 文件写作 {content}（非标准写法，GDAL 会忽略），已按 {encoding} 读取。",
            "The .cpg says {content}, a non-standard spelling GDAL ignores; the text was read "
            "as {encoding}.",
        ),
        "cpg_unreadable": (
            "无法读取 .cpg 文件：{detail}；改为自动判断编码。",
            "The .cpg file cannot be read: {detail}; the encoding was detected instead.",
        ),
        "ldid_overridden_by_utf8": (
            "DBF 语言标志（LDID 0x{ldid:02X}）表示 {ldid_encoding}，但文字是有效的 UTF-8，已按 UTF-8 读取。",
            "The DBF language byte (LDID 0x{ldid:02X}) says {ldid_encoding}, but the text is "
            "valid UTF-8; it was read as UTF-8.",
        ),
        "ldid_looks_chinese": (
            "DBF 语言标志表示 {encoding}，但文字看起来是 GBK 中文；如显示乱码，请指定编码 GB18030。",
            "The DBF language byte says {encoding}, but the text looks like GBK Chinese; if it "
            "shows garbled text, choose the encoding GB18030.",
        ),
        "encoding_decode_errors": (
            "有 {count} 处文字不能按 {encoding} 解码，将显示为“?”；请检查编码设置。",
            "{count} pieces of text cannot be decoded as {encoding} and will show as '?'; "
            "check the encoding.",
        ),
        "encoding_mostly_utf8": (
            "文字基本是 UTF-8，但有 {count} 个残缺字符（多为字段截断所致），将显示为“?”。",
            "The text is UTF-8 apart from {count} broken characters (usually cut off at the "
            "field width); they will show as '?'.",
        ),
        "encoding_guess_latin": (
            "没有 .cpg 和语言标志，文字也不像 UTF-8 或中文，按 {encoding} 读取；如显示乱码请指定编码。",
            "No .cpg and no language byte, and the text is neither UTF-8 nor Chinese; it was "
            "read as {encoding}. If it looks wrong, choose the encoding.",
        ),
        "encoding_unknown": (
            "无法识别的编码名称：{name}。",
            "Unknown encoding name: {name}.",
        ),
        "encoding_user_wrong": (
            "所选编码 {encoding} 无法读取此文件（字段 {field} 第 {row} 条），检测到的编码是 "
            "{detected}；请改选 {detected} 或不指定编码。",
            "The chosen encoding {encoding} cannot read this file (field {field}, record "
            "{row}); the detected encoding is {detected}. Choose {detected}, or no encoding.",
        ),
        "dbf_header_corrupt": (
            "DBF 属性表文件头损坏：{detail}。",
            "The DBF attribute file header is corrupt: {detail}.",
        ),
        "dbf_truncated": (
            "DBF 文件比文件头所述短：应有 {declared} 条记录，实际只有 {actual} 条完整记录。",
            "The DBF file is shorter than its header says: {declared} records declared, only "
            "{actual} complete.",
        ),
    }
)

# DBF language driver id (byte 29) -> Python codec, after the ArcGIS / GDAL table.
# fmt: off
LDID_CODEPAGES: dict[int, str] = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x04: "mac_roman", 0x08: "cp865",
    0x09: "cp437", 0x0A: "cp850", 0x0B: "cp437", 0x0D: "cp437", 0x0E: "cp850",
    0x0F: "cp437", 0x10: "cp850", 0x11: "cp437", 0x12: "cp850", 0x13: "cp932",
    0x14: "cp850", 0x15: "cp437", 0x16: "cp850", 0x17: "cp865", 0x18: "cp437",
    0x19: "cp437", 0x1A: "cp850", 0x1B: "cp437", 0x1C: "cp863", 0x1D: "cp850",
    0x1F: "cp852", 0x22: "cp852", 0x23: "cp852", 0x24: "cp860", 0x25: "cp850",
    0x26: "cp866", 0x37: "cp850", 0x40: "cp852", 0x4D: "cp936", 0x4E: "cp949",
    0x4F: "cp950", 0x50: "cp874", 0x57: "cp1252", 0x58: "cp1252", 0x59: "cp1252",
    0x64: "cp852", 0x65: "cp866", 0x66: "cp865", 0x67: "cp861", 0x6A: "cp737",
    0x6B: "cp857", 0x6C: "cp863", 0x78: "cp950", 0x79: "cp949", 0x7A: "cp936",
    0x7B: "cp932", 0x7C: "cp874", 0x7D: "cp1255", 0x7E: "cp1256", 0x86: "cp737",
    0x87: "cp852", 0x88: "cp857", 0x96: "mac_cyrillic", 0x97: "mac_latin2",
    0x98: "mac_greek", 0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253",
    0xCC: "cp1257",
}

# Python codec name -> the name handed to GDAL (iconv).
_GDAL_NAMES = {
    "utf-8": "UTF-8", "gbk": "CP936", "gb18030": "GB18030", "gb2312": "GB18030",
    "big5": "CP950", "cp950": "CP950", "cp932": "CP932", "shift_jis": "CP932",
    "cp949": "CP949", "euc_kr": "CP949", "latin-1": "ISO-8859-1", "iso8859-1": "ISO-8859-1",
    "mac-roman": "MACINTOSH", "mac-cyrillic": "MACCYRILLIC", "mac-latin2": "MACCENTRALEUROPE",
    "mac-greek": "MACGREEK", "ascii": "UTF-8",
}
# fmt: on

# Text bytes examined for the statistical tests (UTF-8 tolerance, GB2312 look).
_SAMPLE_BYTES = 1 << 21
_MAX_TEXT_BYTES = 8 << 20
_DBF_CHAR_TYPES = {b"C"}


@dataclass(frozen=True)
class DbfField:
    """One DBF field descriptor: raw name bytes, type letter, offset in the record, width."""

    name: bytes
    type: bytes
    offset: int
    length: int
    decimals: int = 0


@dataclass(frozen=True)
class DbfHeader:
    """The parts of a DBF header the encoding decision needs."""

    n_records: int
    header_len: int
    record_len: int
    ldid: int
    fields: tuple[DbfField, ...]


def gdal_name(codec: str) -> str:
    """The iconv/GDAL spelling of a Python codec name (``"gbk"`` → ``"CP936"``)."""
    name = codecs.lookup(codec).name
    if name in _GDAL_NAMES:
        return _GDAL_NAMES[name]
    m = re.fullmatch(r"iso8859-(\d+)", name)
    if m:
        return f"ISO-8859-{m.group(1)}"
    return name.upper().replace("_", "-")


def read_dbf_header(path: Path) -> DbfHeader:
    """Parse the DBF header and field descriptors of ``path``.

    Raises
    ------
    ValueError
        When the header is not a plausible dBASE header.
    """
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(32)
        if len(head) < 32:
            raise ValueError(f"{size} bytes, shorter than a DBF header")
        n_records = int.from_bytes(head[4:8], "little")
        header_len = int.from_bytes(head[8:10], "little")
        record_len = int.from_bytes(head[10:12], "little")
        if header_len < 33 or header_len > size or record_len < 1:
            raise ValueError(f"header length {header_len}, record length {record_len}")
        desc = fh.read(header_len - 32)
    descriptors = []
    for i in range(0, len(desc) - 31, 32):
        if desc[i] == 0x0D:
            break
        descriptors.append(desc[i : i + 32])

    def layout(wide_chars: bool) -> tuple[list[DbfField], int]:
        fields, offset = [], 1  # byte 0 of each record is the deletion flag
        for d in descriptors:
            length, decimals = d[16], d[17]
            if wide_chars and d[11:12] == b"C":
                length += d[17] << 8  # Clipper/FoxPro: the decimal byte widens text fields
                decimals = 0
            fields.append(
                DbfField(d[:11].split(b"\x00", 1)[0], d[11:12], offset, length, decimals)
            )
            offset += length
        return fields, offset

    fields, end = layout(False)
    if end != record_len:
        wide, wide_end = layout(True)
        if wide_end == record_len:
            fields, end = wide, wide_end
    if end > record_len:
        raise ValueError(f"fields need {end} bytes but records hold {record_len}")
    return DbfHeader(n_records, header_len, record_len, head[29], tuple(fields))


def _text_bytes(path: Path, header: DbfHeader, problems: list[Problem]) -> bytes:
    """Field names plus the character fields' bytes, joined (one memory-mapped read).

    Up to ``_MAX_TEXT_BYTES`` of text is taken whole; beyond that, rows evenly spread over
    the file, so a 100,000-row table costs milliseconds rather than a full decode.
    """
    names = b" ".join(f.name for f in header.fields)
    size = path.stat().st_size
    complete = max(0, (size - header.header_len) // header.record_len)
    n = min(header.n_records, complete)
    if n < header.n_records:
        problems.append(
            Problem.make("dbf_truncated", "warning", declared=header.n_records, actual=n)
        )
    char_fields = [f for f in header.fields if f.type in _DBF_CHAR_TYPES and f.length > 0]
    if n == 0 or not char_fields:
        return names
    records = np.memmap(
        path, dtype=np.uint8, mode="r", offset=header.header_len, shape=(n, header.record_len)
    )
    cols = np.concatenate([np.arange(f.offset, f.offset + f.length) for f in char_fields])
    rows = max(1, _MAX_TEXT_BYTES // len(cols))
    if rows >= n:
        text = records[:, cols].tobytes()
    else:
        # Contiguous blocks read far fewer disk pages than every k-th row.
        blocks = 16
        per = max(1, rows // blocks)
        starts = np.linspace(0, n - per, blocks).astype(np.int64)
        text = b"".join(records[s : s + per][:, cols].tobytes() for s in starts)
    del records
    return names + b" " + text


def _looks_gb2312(data: bytes) -> bool:
    """True when the non-ASCII bytes pair up as GB2312 (EUC-CN) double bytes.

    Western text fails the test because its accented letters stand alone between ASCII
    letters. Text in a single-byte Cyrillic or Greek code page can pass it; such files
    need a .cpg, a language byte or the user's choice (this app's files are Chinese).
    """
    arr = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(arr >= 0x80)
    if high.size == 0:
        return False
    # A window of the text around the first non-ASCII bytes is enough to judge.
    start, stop = int(high[0]), int(high[min(high.size, 40000) - 1]) + 2
    window = data[start:stop]
    i, pairs, bad = 0, 0, 0
    while i < len(window):
        b = window[i]
        if b < 0x80:
            i += 1
            continue
        nxt = window[i + 1] if i + 1 < len(window) else 0
        if 0xA1 <= b <= 0xF7 and 0xA1 <= nxt <= 0xFE:
            pairs += 1
            i += 2
        else:
            bad += 1
            i += 1
    return pairs >= 1 and pairs >= 0.9 * (pairs + bad)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


def _decode_errors(data: bytes, codec: str) -> int:
    """How many undecodable sequences ``data`` holds in ``codec`` (0 when clean)."""
    try:
        data.decode(codec)
        return 0
    except UnicodeDecodeError:
        return data.decode(codec, errors="replace").count("\ufffd")


def parse_cpg(text: str) -> str | None:
    """The Python codec named by the content of a .cpg file, or None for garbage.

    Accepts code page numbers (``936``, ``65001``, ``1252``), ``UTF-8``/``UTF8``, ISO-8859
    spellings (``88591``, ``8859_1``, ``ISO-8859-1``) and codec names Python knows (``GBK``,
    ``GB2312``, ``GB18030``, ``BIG5``, ``CP1252``…). Anything else (``ANSI 1250``,
    ``System``, an HTML page) is None, as GDAL ignores it too; the caller handles the
    ``ANSI nnnn`` spelling separately so that it can warn.
    """
    value = text.strip().lstrip("\ufeff").strip()
    if not value or len(value) > 32 or "\n" in value:
        return None
    upper = value.upper()
    iso = re.fullmatch(r"(?:ISO[-_ ]?)?8859[-_ ]?(\d{1,2})", upper)
    if iso:
        candidate = f"iso8859-{iso.group(1)}"
    elif re.fullmatch(r"[0-9]{1,5}", upper):  # not str.isdigit: "³" is a digit to it
        number = int(upper)
        special = {65001: "utf-8", 936: "gbk", 54936: "gb18030", 20936: "gb2312", 950: "cp950"}
        if number in special:
            return special[number]
        if 28591 <= number <= 28599:
            return f"iso8859-{number - 28590}"
        candidate = f"cp{number}"
    elif re.fullmatch(r"[A-Z0-9_-]+", upper):
        candidate = value
    else:
        return None
    return text_codec(candidate)


#: Python codecs that pass the ASCII test but are no code page for a DBF table.
_NOT_CODE_PAGES = {
    "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf-7", "undefined",
    "mbcs", "oem", "palmos",
}


def text_codec(name: str) -> str | None:
    """The Python codec ``name`` when it is a code page a DBF can be written in, else None.

    ``codecs.lookup`` also knows ``rot13``, ``bz2``, ``base64``, ``hex`` (bytes-to-bytes
    transforms), ``undefined`` (always fails), ``punycode``, ``utf-16`` (not byte-compatible
    with ASCII); any of those in a .cpg or an encoding option is no encoding at all.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CODE_PAGES:
        return None
    probe = "AZaz09 _-."
    try:
        if probe.encode(info.name) != probe.encode("ascii"):
            return None
        if probe.encode("ascii").decode(info.name) != probe:
            return None
    except (UnicodeError, LookupError, TypeError, ValueError):
        return None
    return info.name


def _read_cpg(cpg: Path, problems: list[Problem]) -> str | None:
    try:
        raw = cpg.read_bytes()[:4096]
    except OSError as exc:
        problems.append(Problem.make("cpg_unreadable", "warning", detail=str(exc)))
        return None
    text = raw.decode("latin-1").strip()
    codec = parse_cpg(text)
    ansi = re.fullmatch(r"ANSI[ _-]?(\d{3,5})", text.upper())
    if codec is None and ansi:
        # ArcGIS-style "ANSI 1250": GDAL ignores it, but it names a real code page and the
        # text written with it decodes right only with that code page.
        codec = parse_cpg(ansi.group(1))
        if codec is not None:
            problems.append(
                Problem.make(
                    "cpg_nonstandard", "warning", content=repr(text), encoding=gdal_name(codec)
                )
            )
            return codec
    if codec is None:
        shown = raw[:40].decode("latin-1").strip().replace("\n", " ")
        problems.append(Problem.make("cpg_garbage", "warning", content=repr(shown)))
    return codec


def check_user_encoding(name: str) -> str:
    """The Python codec for a user-given encoding name, or InputError ``encoding_unknown``."""
    codec = parse_cpg(name) or text_codec(name)
    if codec is None:
        raise InputError(Problem.make("encoding_unknown", "error", name=name))
    return codec


def decide_encoding(
    dbf: Path | None, cpg: Path | None = None, user: str | None = None
) -> tuple[EncodingInfo, list[Problem]]:
    """Decide how to decode a shapefile's DBF text, in the documented order.

    Parameters
    ----------
    dbf : Path or None
        The .dbf file (None when the shapefile has none: UTF-8 is then moot).
    cpg : Path or None
        The .cpg file, if any.
    user : str or None
        An encoding chosen by the user; it wins over everything.

    Returns
    -------
    EncodingInfo, list of Problem
        The encoding (GDAL spelling) with its source, and warnings found on the way.

    Raises
    ------
    InputError
        ``encoding_unknown`` for an unknown user encoding; ``dbf_header_corrupt``.
    """
    problems: list[Problem] = []
    if user:
        codec = check_user_encoding(user)
        info, problems = _checked(EncodingInfo(gdal_name(codec), "user"), codec, dbf, problems)
        if dbf is not None and any(p.code == "encoding_decode_errors" for p in problems):
            _refuse_wrong_user_encoding(dbf, cpg, codec, info)
        return info, problems
    if cpg is not None:
        codec = _read_cpg(cpg, problems)
        if codec is not None:
            return _checked(EncodingInfo(gdal_name(codec), "cpg"), codec, dbf, problems)
    if dbf is None:
        return EncodingInfo("UTF-8", "detected"), problems
    try:
        header = read_dbf_header(dbf)
    except (ValueError, OSError) as exc:
        raise InputError(Problem.make("dbf_header_corrupt", "error", detail=str(exc))) from None
    data = _text_bytes(dbf, header, problems)
    ldid_codec = LDID_CODEPAGES.get(header.ldid)
    if data.isascii():
        if ldid_codec:
            return EncodingInfo(gdal_name(ldid_codec), "ldid"), problems
        return EncodingInfo("UTF-8", "detected"), problems
    sample = data[:_SAMPLE_BYTES]
    if _decodes(data, "utf-8"):
        if ldid_codec and codecs.lookup(ldid_codec).name != "utf-8":
            problems.append(
                Problem.make(
                    "ldid_overridden_by_utf8",
                    "info",
                    ldid=header.ldid,
                    ldid_encoding=gdal_name(ldid_codec),
                )
            )
        return EncodingInfo("UTF-8", "detected"), problems
    # A UTF-8 file whose writer cut a few multi-byte characters at the field width.
    decoded = sample.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    non_ascii = len(decoded) - len(decoded.encode("ascii", errors="ignore")) - broken
    looks_gb = _looks_gb2312(sample)
    if ldid_codec:
        info = EncodingInfo(gdal_name(ldid_codec), "ldid")
        if looks_gb and codecs.lookup(ldid_codec).name not in ("gbk", "gb18030", "gb2312"):
            problems.append(Problem.make("ldid_looks_chinese", "warning", encoding=info.name))
        return _checked(info, ldid_codec, None, problems, data)
    if non_ascii >= 20 and broken <= 0.005 * non_ascii:
        problems.append(Problem.make("encoding_mostly_utf8", "warning", count=broken))
        return EncodingInfo("UTF-8", "detected"), problems
    if looks_gb:
        return _checked(EncodingInfo("GB18030", "detected"), "gb18030", None, problems, data)
    # Bytes undefined in CP1252 only exist in ISO-8859-1 (as C1 controls).
    latin = "iso8859-1" if re.search(rb"[\x81\x8d\x8f\x90\x9d]", data) else "cp1252"
    info = EncodingInfo(gdal_name(latin), "detected")
    problems.append(Problem.make("encoding_guess_latin", "info", encoding=info.name))
    return info, problems


def _checked(
    info: EncodingInfo,
    codec: str,
    dbf: Path | None,
    problems: list[Problem],
    data: bytes | None = None,
) -> tuple[EncodingInfo, list[Problem]]:
    """Warn when the chosen encoding cannot decode the text: never silent mojibake."""
    if data is None and dbf is not None:
        try:
            data = _text_bytes(dbf, read_dbf_header(dbf), problems)
        except (ValueError, OSError):
            data = None  # the reader reports a broken DBF itself
    if data is not None and not data.isascii():
        errors = _decode_errors(data, codec)
        if errors:
            problems.append(
                Problem.make("encoding_decode_errors", "warning", count=errors, encoding=info.name)
            )
    return info, problems


def _refuse_wrong_user_encoding(dbf: Path, cpg: Path | None, codec: str, info: EncodingInfo):
    """Refuse the user's encoding when the file decodes cleanly in the detected one.

    Says which field and record (1-based) first fail, and what the file's encoding is.
    When detection finds no better encoding, the user's choice stands (with the
    ``encoding_decode_errors`` warning and replacement characters).
    """
    detected, _ = decide_encoding(dbf, cpg, None)
    if codecs.lookup(python_codec(detected.name)).name == codecs.lookup(codec).name:
        return
    try:
        header = read_dbf_header(dbf)
        data = _text_bytes(dbf, header, [])
    except (ValueError, OSError):
        return
    if _decode_errors(data, python_codec(detected.name)):
        return
    where = first_undecodable(dbf, header, codec)
    if where is None:
        return
    field, row = where
    raise InputError(
        Problem.make(
            "encoding_user_wrong",
            "error",
            encoding=info.name,
            field=field,
            row=row,
            detected=_display_name(detected.name),
        )
    )


def python_codec(gdal: str) -> str:
    """The Python codec for a GDAL/iconv encoding name (``CP936`` → ``gbk``)."""
    names = {"CP936": "gbk", "MACINTOSH": "mac_roman", "MACCYRILLIC": "mac_cyrillic",
             "MACCENTRALEUROPE": "mac_latin2", "MACGREEK": "mac_greek"}
    name = names.get(gdal, gdal)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "latin-1"


def _display_name(gdal: str) -> str:
    return {"CP936": "GBK", "GB18030": "GBK/GB18030"}.get(gdal, gdal)


def first_undecodable(dbf: Path, header: DbfHeader, codec: str) -> tuple[str, int] | None:
    """(field name, record number from 1) of the first text value ``codec`` cannot decode."""
    size = dbf.stat().st_size
    n = min(header.n_records, max(0, (size - header.header_len) // header.record_len))
    char_fields = [f for f in header.fields if f.type in _DBF_CHAR_TYPES and f.length > 0]
    if n == 0 or not char_fields:
        return None
    records = np.memmap(
        dbf, dtype=np.uint8, mode="r", offset=header.header_len, shape=(n, header.record_len)
    )
    best: tuple[int, str] | None = None
    step = 4096
    for f in char_fields:
        limit = n if best is None else best[0]
        for start in range(0, limit, step):
            block = records[start : min(start + step, limit), f.offset : f.offset + f.length]
            if not _decode_errors(block.tobytes(), codec):
                continue
            for k, row in enumerate(block):
                if _decode_errors(row.tobytes().rstrip(b" \x00"), codec):
                    name = f.name.decode(codec, errors="replace")
                    if best is None or start + k < best[0]:
                        best = (start + k, name)
                    break
            break
    del records
    return None if best is None else (best[1], best[0] + 1)
