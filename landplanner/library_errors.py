"""Plain words for the errors the libraries below us raise (GDAL, SQLite, the OS).

A damaged GeoPackage makes GDAL answer ``sqlite3_prepare_v2(SELECT COUNT(*) FROM
sqlite_master …) failed: database disk image is malformed``: true, but no help to a clerk.
:func:`plain` turns the errors a user can meet into what is wrong and what to do, in both
languages (a :class:`messages.Words` to put into a message); anything unknown keeps the
library's first line, without the SQL it ran, so the text can still be searched for.
"""

from __future__ import annotations

import re

from landplanner import messages

messages.register({
    "lib.not_recognized": (
        "它不是可识别的地理数据文件（内容可能已损坏、不完整，或扩展名与内容不符）",
        "it is not a geographic data file that can be recognised (the content may be damaged "
        "or incomplete, or the extension does not match it)",
    ),
    "lib.damaged": (
        "文件内部已损坏（数据库结构不完整，常见于复制或保存中途中断、或多人在网络共享盘上同时写入）。"
        "请改用备份或自动保存的副本，或重新导入原始数据",
        "the file is damaged inside (its database structure is incomplete, as after a copy or a "
        "save that was interrupted, or several people writing on a network share). Use a backup or "
        "the autosaved copy, or import the original data again",
    ),
    "lib.locked": (
        "文件正被其他程序锁定（例如在 QGIS 中编辑），请关闭该程序后重试",
        "the file is locked by another program (QGIS editing it, for example); close it and "
        "try again",
    ),
    "lib.io": (
        "读写磁盘出错（磁盘、U 盘或网络盘可能有故障或已断开），请检查后重试",
        "the disk could not be read or written (the disk, USB stick or network drive may be "
        "failing or disconnected); check it and try again",
    ),
    "lib.permission": (
        "没有访问该文件的权限，请检查文件属性或联系管理员",
        "no permission to access the file; check its properties or ask the administrator",
    ),
    "lib.full": (
        "磁盘空间不足，请清理空间或换一个位置",
        "the disk is full; free some space or choose another place",
    ),
    "lib.memory": (
        "内存不足，请关闭其他程序后重试",
        "out of memory; close other programs and try again",
    ),
})

# (pattern in the library's message, catalogue code); first match wins
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code) for pattern, code in (
        (r"not recognized as being in a supported file format", "lib.not_recognized"),
        (r"disk image is malformed|file is not a database|file is encrypted or is not a database"
         r"|database corrupt|malformed database schema|SQLITE_CORRUPT|SQLITE_NOTADB", "lib.damaged"),
        (r"database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED", "lib.locked"),
        (r"database or disk is full|no space left on device|SQLITE_FULL|disk quota exceeded",
         "lib.full"),
        (r"disk I/O error|SQLITE_IOERR|input/output error", "lib.io"),
        (r"permission denied|access is denied|attempt to write a readonly database"
         r"|SQLITE_PERM|SQLITE_READONLY", "lib.permission"),
        (r"out of memory|MemoryError|SQLITE_NOMEM|cannot allocate memory", "lib.memory"),
    )
)
_SQL_CALL = re.compile(r"^\s*sqlite3_\w+\(.*\)\s*failed:\s*", re.IGNORECASE | re.DOTALL)


def raw_first_line(exc: BaseException, limit: int = 300) -> str:
    """The library's own first line (the SQL a failing sqlite3 call ran left out)."""
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    line = _SQL_CALL.sub("", text.splitlines()[0]).strip() or text.splitlines()[0]
    return line[:limit]


def plain(exc: BaseException, limit: int = 300) -> messages.Words:
    """What went wrong, in words a user can act on, in both languages."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, MemoryError):
        return messages.Words(messages.both("lib.memory"))
    for pattern, code in _KNOWN:
        if pattern.search(text):
            return messages.Words(messages.both(code))
    line = raw_first_line(exc, limit)
    return messages.Words((line, line))
