"""A scripted screenshot run (``landplanner FILE --screenshot OUT.png``) as the program: it
ends as soon as its picture is written (``ui.gc_policy.end_process``), with its status, and
changes nothing the user's app remembers (``ui.app_settings.keep_changes``)."""

import pytest

pytest.importorskip("PySide6")

from landplanner.ui import gc_policy  # noqa: E402


def test_only_the_program_itself_ends_at_once_after_a_screenshot(monkeypatch, tmp_path):
    from landplanner.cli import app_command

    ended = []
    monkeypatch.setattr("landplanner.ui.app.run_app", lambda args: 0)
    monkeypatch.setattr(gc_policy, "end_process", ended.append)
    shot = ["--screenshot", str(tmp_path / "x.png")]
    assert app_command.run(shot) == 0 and ended == []  # a caller in-process gets its status
    assert app_command.run([], program=True) == 0 and ended == []  # the app: a normal exit
    app_command.run(shot, program=True)
    assert ended == [0]


def _run_program(args, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo),
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    # as the console script does, plus a handler that only a teardown would run
    code = ("import atexit, sys; atexit.register(lambda: print('teardown', flush=True))\n"
            "from landplanner.cli import main\n"
            "sys.exit(main())\n")
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_screenshot_run_ends_with_its_picture_written_and_no_teardown(grid_project_file,
                                                                        tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "shot.png"
    done = _run_program([str(grid_project_file), "--screenshot", str(out), "--size", "1200x800"],
                        tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "teardown" not in done.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)  # written whole before the end
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 300)
    done = _run_program([str(broken), "--screenshot", str(tmp_path / "no.png"), "--lang", "en"],
                        tmp_path)
    assert done.returncode == 2 and "teardown" not in done.stdout  # its status, at once
    assert done.stderr.strip() and "Traceback" not in done.stderr


def test_a_screenshot_run_leaves_what_the_users_app_remembers_as_it_was(grid_project_file,
                                                                        tmp_path):
    # the user's own settings (QSettings' file under XDG_CONFIG_HOME, as the app writes it)
    conf = tmp_path / "config" / "landplanner" / "landplanner.conf"
    conf.parent.mkdir(parents=True)
    other = tmp_path / "其他项目.gpkg"
    other.write_bytes(grid_project_file.read_bytes())
    conf.write_text(f"[paths]\nlast_folder={tmp_path / 'elsewhere'}\nrecent={other}\n",
                    encoding="utf-8")
    before = conf.read_bytes()
    out = tmp_path / "shot.png"
    done = _run_program([str(grid_project_file), "--screenshot", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.stat().st_size > 10_000
    assert conf.read_bytes() == before  # no recent file, folder or window layout written
