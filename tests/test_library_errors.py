"""A library's error reaches the user as what is wrong and what to do, not as the SQL GDAL ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from landplanner import library_errors, messages
from landplanner.problems import InputError

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "sample_project.gpkg"


@pytest.mark.parametrize("raw,code", [
    ("sqlite3_prepare_v2(SELECT COUNT(*) FROM sqlite_master WHERE name IN ('gpkg_metadata')) "
     "failed: database disk image is malformed", "lib.damaged"),
    ("'x.shp' not recognized as being in a supported file format.", "lib.not_recognized"),
    ("file is not a database", "lib.damaged"),
    ("database is locked", "lib.locked"),
    ("database or disk is full", "lib.full"),
    ("disk I/O error", "lib.io"),
    ("[Errno 13] Permission denied: 'x.gpkg'", "lib.permission"),
])
def test_known_errors_in_plain_words(raw, code):
    words = library_errors.plain(RuntimeError(raw))
    assert tuple(words) == messages.both(code)
    assert "sqlite3_" not in words.pick("zh") and "sqlite3_" not in words.pick("en")


def test_unknown_error_keeps_its_first_line_without_the_sql():
    words = library_errors.plain(RuntimeError("sqlite3_step(SELECT 1) failed: something odd\nmore"))
    assert tuple(words) == ("something odd", "something odd")
    assert library_errors.plain(RuntimeError("")) == ("RuntimeError", "RuntimeError")


def test_words_follow_the_message_language():
    messages.register({"test.lib": ("坏了：{detail}", "broken: {detail}")})
    detail = messages.Words(("中文", "English"))
    assert messages.both("test.lib", detail=detail) == ("坏了：中文", "broken: English")


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "项目.gpkg"
    path.write_bytes(SAMPLE.read_bytes()[:200_000])
    return path


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")
def test_truncated_project_says_damaged_and_what_to_do(tmp_path, capsys):
    from landplanner import store
    from landplanner.cli import main

    path = _truncated(tmp_path)
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        store.open_project(path)
    zh, en = caught.value.problem.message_zh, caught.value.problem.message_en
    assert "已损坏" in zh and "备份" in zh and "damaged" in en
    assert "sqlite3_" not in zh + en and "malformed" not in zh + en
    assert main(["quota", str(path)]) == 2
    err = capsys.readouterr().err
    assert "已损坏" in err and "sqlite3_" not in err and "Traceback" not in err
    assert path.read_bytes() == before  # never written over

