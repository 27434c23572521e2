"""bootstrap.py installs only when the project changed; otherwise it starts at once, offline."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def bootstrap():
    spec = importlib.util.spec_from_file_location("lp_bootstrap", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_env(tmp_path: Path, bootstrap) -> Path:
    env = tmp_path / "venv"
    python = bootstrap._python_in(env)
    python.parent.mkdir(parents=True)
    python.write_text("")
    return env


def test_an_up_to_date_environment_starts_without_pip(tmp_path, bootstrap, monkeypatch):
    env = _fake_env(tmp_path, bootstrap)
    (env / bootstrap.STAMP_NAME).write_text(f"{bootstrap.install_stamp()}\ntest\n")
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a))
    assert bootstrap._ensure_env(env, "test") == bootstrap._python_in(env)
    assert bootstrap._ensure_env(env, "") == bootstrap._python_in(env)  # test extra serves app
    assert calls == []


def test_a_changed_project_or_missing_extra_reinstalls(tmp_path, bootstrap, monkeypatch):
    env = _fake_env(tmp_path, bootstrap)
    (env / bootstrap.STAMP_NAME).write_text(f"{bootstrap.install_stamp()}\n\n")
    assert bootstrap.up_to_date(env, "")
    assert not bootstrap.up_to_date(env, "test")  # app install lacks pytest
    (env / bootstrap.STAMP_NAME).write_text("0123\ntest\n")  # pyproject or package changed
    assert not bootstrap.up_to_date(env, "")
    calls = []

    def fake_run(command, *args, **kwargs):
        calls.append([str(c) for c in command])
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    bootstrap._ensure_env(env, "test")
    assert any("install" in c and c[-1].endswith("[test]") for c in calls)
    assert bootstrap.up_to_date(env, "test")  # the stamp is written after a good install


def test_pip_failure_is_a_message_not_a_traceback(tmp_path, bootstrap, monkeypatch, capsys):
    env = _fake_env(tmp_path, bootstrap)

    def failing(command, *args, **kwargs):
        if "pip" in [str(c) for c in command]:
            raise subprocess.CalledProcessError(1, command)
        return subprocess.CompletedProcess(command, 1)  # landplanner not importable

    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(SystemExit) as stop:
        bootstrap._ensure_env(env, "")
    assert stop.value.code == 1
    assert "软件包索引" in capsys.readouterr().err


def test_stamp_follows_pyproject(bootstrap, tmp_path, monkeypatch):
    copy = tmp_path / "proj"
    (copy / "landplanner").mkdir(parents=True)
    (copy / "landplanner" / "__init__.py").write_text('__version__ = "9.9"\n')
    (copy / "pyproject.toml").write_text("[project]\nname='x'\n")
    monkeypatch.setattr(bootstrap, "HERE", copy)
    first = bootstrap.install_stamp()
    assert bootstrap._package_version() == "9.9"
    (copy / "pyproject.toml").write_text("[project]\nname='x'\ndependencies=['y']\n")
    assert bootstrap.install_stamp() != first


@pytest.mark.skipif(os.name == "nt", reason="POSIX paths")
def test_bootstrap_help_runs():
    out = subprocess.run(
        [sys.executable, str(ROOT / "bootstrap.py"), "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "--reinstall" in out.stdout
