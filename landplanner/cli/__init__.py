"""The ``landplanner`` command: open the app, or run one subcommand.

``landplanner``                       opens the app
``landplanner FILE``                  opens the app on a parcel file or project
``landplanner check|score|quota|export …``  see each module in this package
``landplanner open LOCATION``         the app on a project file or ``postgresql://…`` project
``landplanner migrate SRC DST``       copy a project between a .gpkg file and PostGIS
``landplanner assets|ranking|match …``       the campaign's assets, 季度大比武, 地等项目
``landplanner print|atlas …``         a map layout (PDF/PNG), the 一企一策 atlas (PDF)

Each subcommand lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int``. A subcommand never lets a traceback reach the user: input problems
exit with status 2 and a message.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import logging.handlers
import os
import sys
from pathlib import Path

SUBCOMMANDS = ("check", "score", "quota", "export", "open", "migrate", "assets", "ranking",
               "match", "print", "atlas", "settings")


def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
    # Importing a subcommand pulls in its dependencies (scoring, Excel writers): import only
    # the one that runs, so `landplanner check` starts fast.
    from landplanner import __version__

    parser = argparse.ArgumentParser(prog="landplanner", description="landplanner 资源资产盘活")
    parser.add_argument("-V", "--version", action="version", version=f"landplanner {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name in [only] if only else SUBCOMMANDS:
        importlib.import_module(f"landplanner.cli.{name}_command").add_parser(sub)
    return parser


def log_dir() -> Path:
    """Where the command line writes its log: ``$LANDPLANNER_LOG_DIR``, else the per-user
    data folder (``%LOCALAPPDATA%/landplanner``, ``~/.local/share/landplanner``)."""
    env = os.environ.get("LANDPLANNER_LOG_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "landplanner"


def setup_logging() -> Path | None:
    """Send the ``landplanner`` loggers to the log file, once; nothing goes to the terminal.

    Details (tracebacks of internal errors) go to ``landplanner.log`` in :func:`log_dir`;
    the user sees the one-line message the subcommand prints. Without this, Python's
    last-resort handler would print a logged traceback on stderr. Returns the file, or
    None when it cannot be written (logging is then silent).
    """
    logger = logging.getLogger("landplanner")
    if getattr(logger, "_landplanner_cli", False):
        return getattr(logger, "_landplanner_log", None)
    path: Path | None = log_dir() / "landplanner.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", delay=True,
            errors="backslashreplace",  # a lone surrogate from a damaged file is still logged
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        path, handler = None, logging.NullHandler()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger._landplanner_cli = True  # type: ignore[attr-defined]
    logger._landplanner_log = path  # type: ignore[attr-defined]
    return path


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``landplanner`` console script; returns the exit status."""
    program = argv is None  # the landplanner process itself, not a caller in-process
    argv = list(sys.argv[1:] if argv is None else argv)
    from landplanner import messages
    from landplanner.cli import argparse_zh

    # argparse's own words (usage, errors) follow the language: set it before any parser.
    lang = argparse_zh.language_from_argv(argv)
    if lang in ("zh", "en"):
        messages.set_language(lang)
    argparse_zh.install()
    if argv and argv[0] in ("-V", "--version"):
        from landplanner import __version__

        print(f"landplanner {__version__}")
        return 0
    if argv and argv[0] in ("-h", "--help"):
        _build_parser().print_help()
        print("\n  landplanner [FILE] [--screenshot OUT.png] [--style S] [--size WxH] [--lang zh|en]")
        return 0
    if argv and argv[0] in SUBCOMMANDS:
        setup_logging()
        args = _build_parser(argv[0]).parse_args(argv)
        module = importlib.import_module(f"landplanner.cli.{args.command}_command")
        return module.run(args)
    from landplanner.cli import app_command

    return app_command.run(argv, program=program)
