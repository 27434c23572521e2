"""One command to install landplanner in a virtual environment and run it or its tests.

    python bootstrap.py app      # install, then open the app on the sample data
    python bootstrap.py test     # install with the test extra, then run the tests headless

Works the same on Windows and Linux (Python 3.11+). The environment lives in ``.venv``
next to this file unless ``--venv DIR`` names another one; it is created on first use and
reused afterwards. Plain standard library: nothing to install before running it.

Installing needs a package index; a bureau intranet may have none. So pip runs only when
the environment is new or the project changed since the last install: a stamp file in the
environment records a hash of ``pyproject.toml``, the package version and the extra. When
it matches, the app (or pytest) starts at once, offline. ``--reinstall`` forces pip.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample_parcels" / "sample_project.gpkg"


def _python_in(env_dir: Path) -> Path:
    if os.name == "nt":
        return env_dir / "Scripts" / "python.exe"
    return env_dir / "bin" / "python"


STAMP_NAME = "landplanner-install.stamp"


def _package_version() -> str:
    init = HERE / "landplanner" / "__init__.py"
    for line in init.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return ""


def install_stamp() -> str:
    """What an installation depends on: pyproject.toml, the package version, the files.

    The package is installed as a copy (not editable), so the hash also covers the
    package's files (names, sizes, modification times): an edited module reinstalls.
    """
    digest = hashlib.sha256()
    digest.update((HERE / "pyproject.toml").read_bytes())
    digest.update(f"\0{_package_version()}\0".encode())
    for path in sorted((HERE / "landplanner").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            info = path.stat()
            digest.update(f"{path.relative_to(HERE)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def up_to_date(env_dir: Path, extra: str) -> bool:
    """True when ``env_dir`` holds an install of this very project with ``extra``.

    The stamp's first line is :func:`install_stamp`, the second the extra installed; an
    install with the ``test`` extra also serves the app.
    """
    if not _python_in(env_dir).exists():
        return False
    try:
        lines = (env_dir / STAMP_NAME).read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    if not lines or lines[0].strip() != install_stamp():
        return False
    installed = lines[1].strip() if len(lines) > 1 else ""
    return extra in ("", installed)


def _ensure_env(env_dir: Path, extra: str, force: bool = False) -> Path:
    python = _python_in(env_dir)
    if not force and up_to_date(env_dir, extra):
        return python  # start at once: no package index needed
    if not python.exists():
        print(f"creating virtual environment in {env_dir} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
    target = f"{HERE}[{extra}]" if extra else str(HERE)
    try:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", target], check=True)
    except subprocess.CalledProcessError:
        if not _importable(python):
            print(
                "pip could not install landplanner (no package index reachable?)\n"
                "pip 无法安装 landplanner（无法连接软件包索引？）",
                file=sys.stderr,
                flush=True,
            )
            raise SystemExit(1) from None
        print(
            "pip could not update the environment; starting the version already installed\n"
            "pip 无法更新环境，使用已安装的版本启动",
            file=sys.stderr,
            flush=True,
        )
        return python
    (env_dir / STAMP_NAME).write_text(f"{install_stamp()}\n{extra}\n", encoding="utf-8")
    return python


def _importable(python: Path) -> bool:
    """True when the environment can already import landplanner (an older install)."""
    result = subprocess.run(
        [python, "-c", "import landplanner"], capture_output=True, cwd=python.parent
    )
    return result.returncode == 0


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run by any python the user has, to say so
        print("landplanner needs Python 3.11 or newer / 需要 Python 3.11 或更高版本")
        return 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["app", "test"])
    parser.add_argument("--venv", type=Path, default=HERE / ".venv")
    parser.add_argument("--reinstall", action="store_true", help="run pip even when up to date")
    args, rest = parser.parse_known_args()  # the rest goes to the app or to pytest
    extra = "test" if args.what == "test" else ""
    python = _ensure_env(args.venv.resolve(), extra, force=args.reinstall)
    if args.what == "app":
        command = [python, "-m", "landplanner", str(SAMPLE), *rest]
        return subprocess.run(command).returncode
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *rest]
    return subprocess.run(command, cwd=HERE, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
