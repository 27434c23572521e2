"""One command to install landplanner in a virtual environment and run it or its tests.

    python bootstrap.py app      # install, then open the app on the sample data
    python bootstrap.py test     # install with the test extra, then run the tests headless

Works the same on Windows and Linux (Python 3.11+). The environment lives in ``.venv``
next to this file unless ``--venv DIR`` names another one; it is created on first use and
reused afterwards. Plain standard library: nothing to install before running it.
"""

from __future__ import annotations

import argparse
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


def _ensure_env(env_dir: Path, extra: str) -> Path:
    python = _python_in(env_dir)
    if not python.exists():
        print(f"creating virtual environment in {env_dir} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    target = f"{HERE}[{extra}]" if extra else str(HERE)
    subprocess.run([python, "-m", "pip", "install", "--quiet", target], check=True)
    return python


def main() -> int:
    if sys.version_info < (3, 11):
        print("landplanner needs Python 3.11 or newer / 需要 Python 3.11 或更高版本")
        return 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["app", "test"])
    parser.add_argument("--venv", type=Path, default=HERE / ".venv")
    args, rest = parser.parse_known_args()  # the rest goes to the app or to pytest
    python = _ensure_env(args.venv.resolve(), "test" if args.what == "test" else "")
    if args.what == "app":
        command = [python, "-m", "landplanner", str(SAMPLE), *rest]
        return subprocess.run(command).returncode
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *rest]
    return subprocess.run(command, cwd=HERE, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
