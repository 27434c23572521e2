"""The parcel layer of a one-page PDF written as its own content stream, under Qt's page.

Qt's PDF engine writes every vertex through ``QPainter::drawPath`` and compresses the page
at zlib's default level: for 100,000 parcels (some 700,000 vertices) most of an export went
into that compression. The device pass of ``render.draw.draw_parcels`` already has the
paths in whole device units (:class:`~landplanner.render.draw.VectorUnderlay`); here they
are formatted with numpy (``x y m`` / ``x y l`` lines, ``f*`` or ``B*`` per path of one
class, the class's ``rg`` colour), compressed at a fast level and added to the finished PDF
as an incremental update: a new content stream, and the page's ``/Contents`` becoming
``[parcels, Qt's stream]``. The page's own painting (white page and frame, parks, grid,
text) stays Qt's, drawn over the parcels as it would be; the parcel stream sets the page's
device → point matrix and the map frame's clip itself and restores the state after.

Pure Python (numpy, zlib): no Qt here. :func:`append_underlay` raises ``UnderlayError``
when the file is not laid out as Qt writes it; the export then draws through Qt instead.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np

#: zlib level of the parcel stream: level 1 is several times faster than Qt's default (6)
#: and the file only some 15 % larger.
COMPRESS_LEVEL = 1


class UnderlayError(ValueError):
    """The PDF is not the one-page file Qt writes; nothing was changed."""


def _digits(values: np.ndarray) -> np.ndarray:
    """Right-aligned ASCII of integers: (n, width) uint8, 0 where there is no character."""
    v = np.asarray(values, dtype=np.int64)
    neg = v < 0
    a = np.abs(v)
    nd = np.ones(len(a), dtype=np.int64)
    p = 10
    while len(a) and (a >= p).any():
        nd += a >= p
        p *= 10
    width = int(nd.max() if len(nd) else 1) + 1
    out = np.zeros((len(a), width), dtype=np.uint8)
    rest = a.copy()
    for k in range(width - 1):
        col = width - 1 - k
        digit = (rest % 10).astype(np.uint8) + 48
        out[:, col] = np.where(k < nd, digit, 0)
        rest //= 10
    rows = np.flatnonzero(neg)
    out[rows, width - 1 - nd[rows]] = ord("-")
    return out


def path_lines(x: np.ndarray, y: np.ndarray, move: np.ndarray) -> tuple[bytes, np.ndarray]:
    """``"x y m\\n"`` (``move``) or ``"x y l\\n"`` per vertex; returns the bytes and the end
    offset of every line."""
    n = len(x)
    if n == 0:
        return b"", np.zeros(0, dtype=np.int64)
    tail = np.empty((n, 3), dtype=np.uint8)
    tail[:, 0] = ord(" ")
    tail[:, 1] = np.where(move, ord("m"), ord("l"))
    tail[:, 2] = ord("\n")
    space = np.full((n, 1), ord(" "), dtype=np.uint8)
    table = np.concatenate([_digits(x), space, _digits(y), tail], axis=1)
    mask = table != 0
    ends = np.cumsum(mask.sum(axis=1))
    return table[mask].tobytes(), ends


def _color(r: float, g: float, b: float) -> bytes:
    return f"{r:.4f} {g:.4f} {b:.4f}".encode()


def content(underlay, dpi: float, page_height_pt: float) -> bytes:
    """The parcel stream (uncompressed): page matrix, frame clip, one path per chunk."""
    scale = 72.0 / dpi
    out = [b"q\n", f"{scale:.9f} 0 0 {-scale:.9f} 0 {page_height_pt:g} cm\n".encode()]
    if underlay.clip is not None:
        x, y, w, h = underlay.clip
        out.append(f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re W n\n".encode())
    for elems, chunk_off, chunk_class, fills, strokes, fill_only in underlay.layers:
        text, ends = path_lines(elems["x"], elems["y"], elems["c"] == 0)
        starts = ends - np.diff(np.r_[0, ends])
        current = -1
        for i, c in enumerate(chunk_class.tolist()):
            a, b = int(chunk_off[i]), int(chunk_off[i + 1])
            if a == b:
                continue
            if c != current:
                current = c
                out.append(_color(*fills[c]) + b" rg\n")
                stroke = strokes[c]
                if stroke is not None:
                    r, g, bl, width, cap, join = stroke
                    out.append(_color(r, g, bl) + f" RG {width:g} w {cap} J {join} j\n".encode())
            out.append(text[starts[a]: ends[b - 1]])
            out.append(b"f*\n" if fill_only or strokes[c] is None else b"B*\n")
    out.append(b"Q\n")
    return b"".join(out)


_PAGE = re.compile(rb"\n(\d+) 0 obj\n<<\n/Type /Page\n(.*?)>>\nendobj\n", re.S)
_CONTENTS = re.compile(rb"/Contents (\d+) 0 R\n")
_MEDIABOX = re.compile(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]")
_TRAILER = re.compile(rb"trailer\n<<\n/Size (\d+) ?\n(.*?)>>\nstartxref\n(\d+) ?\n%%EOF\s*$",
                      re.S)


def append_underlay(path: str | Path, underlay, dpi: float) -> int:
    """Add the parcel stream of ``underlay`` under the one page of the PDF at ``path``.

    Returns the bytes appended. UnderlayError when the file is not Qt's one-page layout.
    """
    path = Path(path)
    data = path.read_bytes()
    pages = _PAGE.findall(data)
    trailer = _TRAILER.search(data)
    if len(pages) != 1 or trailer is None:
        raise UnderlayError(f"{path.name}: not a one-page Qt PDF")
    page_no, page_body = pages[0]
    contents = _CONTENTS.search(page_body)
    box = _MEDIABOX.search(page_body)
    if contents is None or box is None or page_body.count(b"<<") != page_body.count(b">>"):
        raise UnderlayError(f"{path.name}: page without contents or media box")
    size = int(trailer.group(1))
    rest = trailer.group(2)
    if b"/Prev" in rest or b"/Root" not in rest:
        raise UnderlayError(f"{path.name}: unexpected trailer")
    stream = zlib.compress(content(underlay, dpi, float(box.group(2))), COMPRESS_LEVEL)
    new_page = page_body.replace(contents.group(0),
                                 b"/Contents [%d 0 R %s 0 R]\n" % (size, contents.group(1)))
    newline = b"" if data.endswith(b"\n") else b"\n"
    base = len(data) + len(newline)
    parts = [b"%d 0 obj\n<<\n/Length %d\n/Filter /FlateDecode\n>>\nstream\n" % (
        size, len(stream)), stream, b"\nendstream\nendobj\n"]
    stream_at = base
    page_at = base + sum(len(p) for p in parts)
    parts.append(b"%s 0 obj\n<<\n/Type /Page\n%s>>\nendobj\n" % (page_no, new_page))
    xref_at = base + sum(len(p) for p in parts)
    parts.append(b"xref\n0 1\n0000000000 65535 f \n%s 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n"
                 % (page_no, page_at, size, stream_at))
    parts.append(b"trailer\n<<\n/Size %d\n%s/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n"
                 % (size + 1, rest, int(trailer.group(3)), xref_at))
    tail = newline + b"".join(parts)
    with open(path, "ab") as fh:
        fh.write(tail)
    return len(tail)
