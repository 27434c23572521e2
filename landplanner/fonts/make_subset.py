"""Rebuild ``LandplannerSansSC-Regular.otf``: the app's bundled Chinese UI font.

The font is Noto Sans CJK SC Regular (SIL OFL 1.1, © 2014-2021 Adobe) cut down to what the
app shows, so that Chinese renders on a machine without any CJK font (a fresh Linux install)
while the package stays small:

* ASCII and Latin-1;
* every character encodable in GB2312 (the 6,763 common simplified hanzi and their symbols);
* CJK punctuation, full-width forms and a few symbols used in reports (亩 ㎡ № ① …);
* every non-ASCII character used in the app's own source and translation files.

The family is renamed "Landplanner Sans SC" because the OFL asks modified versions not to
pose as the original, and so that it cannot be confused with a full Noto CJK installed on the
system. Run from anywhere::

    python landplanner/fonts/make_subset.py [/path/to/NotoSansCJK-Regular.ttc]

The default source is Debian's ``fonts-noto-cjk`` package.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUTPUT = HERE / "LandplannerSansSC-Regular.otf"
FAMILY = "Landplanner Sans SC"
SC_FAMILY = "Noto Sans CJK SC"

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation (— … ‘ ’ “ ”)
    (0x2100, 0x214F),  # letterlike (№ ℃)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ②)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■ ▲ ●)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK and compatibility (㎡ ㎞)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half/full-width forms
]


def gb2312_codepoints() -> set[int]:
    """Every code point that GB2312 can encode (its two-byte rows 0xA1–0xF7)."""
    points: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return points


def app_codepoints() -> set[int]:
    """Non-ASCII characters used in the package's source, translations and messages."""
    points: set[int] = set()
    patterns = ("*.py", "*.ts", "*.toml", "*.json", "*.md")
    for pattern in patterns:
        for path in PACKAGE.rglob(pattern):
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            points.update(ord(ch) for ch in text if ord(ch) > 0x7F)
    return points


def wanted_codepoints() -> set[int]:
    """The full character set of the subset."""
    points = gb2312_codepoints() | app_codepoints()
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return points


def sc_face(source: Path) -> TTFont:
    """The Simplified Chinese face from the Noto CJK collection (or the file itself)."""
    if source.suffix.lower() == ".ttc":
        for font in TTCollection(str(source)).fonts:
            if font["name"].getDebugName(1) == SC_FAMILY:
                return font
        raise SystemExit(f"{source} has no {SC_FAMILY} face")
    return TTFont(str(source))


def rename(font: TTFont) -> None:
    """Give the subset its own family name, keeping copyright and licence records."""
    names = {
        1: FAMILY,
        3: f"{FAMILY} Regular; subset of Noto Sans CJK SC 2.004",
        4: f"{FAMILY} Regular",
        6: "LandplannerSansSC-Regular",
        16: FAMILY,
        17: "Regular",
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names or record.nameID in (16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    cff = font["CFF "].cff
    cff.fontNames = ["LandplannerSansSC-Regular"]
    top = cff.topDictIndex[0]
    if hasattr(top, "FullName"):
        top.FullName = f"{FAMILY} Regular"
    if hasattr(top, "FamilyName"):
        top.FamilyName = FAMILY


def build(source: Path = SOURCE, output: Path = OUTPUT) -> Path:
    """Subset ``source`` to :func:`wanted_codepoints` and write ``output``."""
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = ["*"]  # keep vertical/ligature features Qt may ask for
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CJK hints cost megabytes and Qt renders unhinted CFF well
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted_codepoints()))
    subsetter.subset(font)
    rename(font)
    font.save(str(output))
    return output


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    out = build(src)
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB")
