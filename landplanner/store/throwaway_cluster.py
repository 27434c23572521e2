"""A throwaway PostgreSQL + PostGIS server for the store tests and the load bench.

:func:`start` runs ``initdb`` in a new temporary folder and ``pg_ctl start`` on a free port of
127.0.0.1 (never another address, never an existing cluster); :meth:`Cluster.stop` stops it and
removes the folder. PostgreSQL refuses to run as root, so under root the server runs as the
``postgres`` system user (created by Debian's package) through ``runuser``.

Nothing here is used by the app itself.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin")


def bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (newest Debian version first), or None."""
    candidates: list[str] = []
    for pattern in _SEARCH:
        candidates += sorted(glob.glob(pattern), key=_version_key, reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _version_key(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


def has_postgis(folder: Path | None = None) -> bool:
    """Whether the server binaries and the PostGIS extension are installed."""
    folder = folder or bin_dir()
    if folder is None:
        return False
    try:
        share = subprocess.run(
            [str(folder / "pg_config"), "--sharedir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        share = str(folder.parent / "share")
    patterns = [f"{share}/extension/postgis.control", "/usr/share/postgresql/*/extension/postgis.control"]
    return any(glob.glob(p) for p in patterns)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running throwaway server: ``dsn()`` connects to it as its superuser."""

    folder: Path
    port: int
    superuser: str
    run_as: str | None
    bindir: Path

    def dsn(self, dbname: str = "postgres", user: str | None = None) -> str:
        """A libpq URI on 127.0.0.1 (no password: the throwaway cluster trusts the loopback)."""
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str, postgis: bool = True) -> str:
        """A new database (with PostGIS when asked); returns its URI."""
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        if postgis:
            with psycopg.connect(self.dsn(name), autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        return self.dsn(name)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        with contextlib.suppress(Exception):
            _run(self.run_as, [str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"),
                               "-m", "fast", "-w", "stop"], timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(user: str | None, argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=True)


def start(*, durable: bool = False, max_connections: int = 60,
          settings: dict[str, str] | None = None) -> Cluster:
    """Start a throwaway cluster; raise ``RuntimeError`` when PostgreSQL is not installed.

    ``durable=False`` (tests) turns fsync off to be quick; the load bench passes True so the
    figures are those of a server that flushes each commit. ``settings`` are further server
    settings (``{"commit_delay": "20"}``), written to ``postgresql.auto.conf``.
    """
    folder_bin = bin_dir()
    if folder_bin is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    run_as = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        run_as = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="lp-pg-"))
    if run_as is not None:
        shutil.chown(folder, user=run_as)
        os.chmod(folder, 0o700)
    data = folder / "data"
    superuser = "lp_super"
    try:
        _run(run_as, [str(folder_bin / "initdb"), "-D", str(data), "-U", superuser, "-A", "trust",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        port = _free_port()
        options = [
            "listen_addresses=127.0.0.1",
            f"port={port}",
            f"unix_socket_directories={folder}",
            f"max_connections={max_connections}",
            "shared_buffers=64MB",
        ]
        if not durable:
            options += ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]
        options += [f"{k}={v}" for k, v in (settings or {}).items()]
        with open(data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.write("".join(f"{o.split('=')[0]} = '{o.split('=', 1)[1]}'\n" for o in options))
        _run(run_as, [str(folder_bin / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                      "-w", "-t", "60", "start"])
    except Exception as exc:
        detail = getattr(exc, "stderr", "") or ""
        with contextlib.suppress(Exception):
            detail += (folder / "log").read_text()
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"could not start a throwaway PostgreSQL: {exc} {detail}") from exc
    cluster = Cluster(folder=folder, port=port, superuser=superuser, run_as=run_as, bindir=folder_bin)
    deadline = time.monotonic() + 30
    import psycopg

    while True:
        try:
            psycopg.connect(cluster.dsn(), connect_timeout=3).close()
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                cluster.stop()
                raise
            time.sleep(0.2)
    return cluster
