"""What the window remembers between sessions (QSettings): layout, folders, recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "landplanner"
APPLICATION = "landplanner"
MAX_RECENT = 8

_kept = True  # False: a scripted run reads what the user's app remembers but changes none


def keep_changes(keep: bool) -> None:
    """Whether what the app remembers is written (the default). A scripted picture
    (``landplanner FILE --screenshot OUT.png``) reads the user's settings (language, label
    field, layout) but must not change them: not the layout, not the last folder, not the
    recent files (a script making many pictures would fill the list)."""
    global _kept
    _kept = bool(keep)


def put(key: str, value) -> None:
    """Remember ``value`` under ``key`` (nothing while changes are not kept)."""
    if _kept:
        settings().setValue(key, value)


def settings() -> QSettings:
    """The app's settings store (registry on Windows, an ini file on Linux)."""
    return QSettings(ORGANIZATION, APPLICATION)


def last_folder() -> str:
    """The folder of the last file opened or saved ('' at first start)."""
    return str(settings().value("paths/last_folder", "") or "")


def remember_folder(path: str | Path) -> None:
    """Remember the folder holding ``path`` for the next file dialog."""
    p = Path(path)
    put("paths/last_folder", str(p if p.is_dir() else p.parent))


def recent_files() -> list[str]:
    """Recently opened projects and parcel files, newest first, existing ones only."""
    value = settings().value("paths/recent", []) or []
    if isinstance(value, str):
        value = [value]
    return [v for v in value if Path(v).exists()][:MAX_RECENT]


def add_recent_file(path: str | Path) -> list[str]:
    """Put ``path`` first in the recent list and return the new list."""
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_files() if p != path]
    put("paths/recent", items[:MAX_RECENT])
    return items[:MAX_RECENT]


def language() -> str:
    """The UI language chosen by the user: ``"zh"`` (default) or ``"en"``."""
    return str(settings().value("ui/language", "zh") or "zh")


def set_language(lang: str) -> None:
    """Remember the UI language for the next start."""
    put("ui/language", lang)
