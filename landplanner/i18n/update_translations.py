"""Refresh the translation catalogues after UI strings change.

Source strings in the code are English (``self.tr("Open…")``). Chinese, the default UI
language, lives in ``landplanner_zh_CN.ts``; ``landplanner_en.ts`` exists for translators'
tools and plural forms (English needs no translation). Run::

    python landplanner/i18n/update_translations.py

It runs ``pyside6-lupdate`` over every module of ``landplanner/ui`` (keeping existing
translations, marking vanished ones obsolete) and ``pyside6-lrelease`` to compile the
``.qm`` files the app loads. Translators open the ``.ts`` in Qt Linguist
(``pyside6-linguist``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent / "ui"
CATALOGUES = ("landplanner_zh_CN.ts", "landplanner_en.ts")


def tool(name: str) -> str:
    """Path of a PySide6 tool, next to the running Python first."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    """Every UI module (relative paths keep the .ts files stable across machines)."""
    files = [*UI.rglob("*.py"), HERE / "map_style_strings.py"]
    return sorted(str(p.relative_to(HERE.parent.parent)) for p in files)


def main() -> int:
    root = HERE.parent.parent
    for ts in CATALOGUES:
        lang = "zh_CN" if "zh_CN" in ts else "en"
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-target-language", lang,
             "-ts", str(HERE / ts)],
            check=True, cwd=root,
        )
        subprocess.run([tool("pyside6-lrelease"), str(HERE / ts)], check=True, cwd=root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
