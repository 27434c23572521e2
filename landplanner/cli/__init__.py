"""The ``landplanner`` command: open the app, or run one subcommand.

``landplanner``                       opens the app
``landplanner FILE``                  opens the app on a parcel file or project
``landplanner check|score|quota|export …``  see each module in this package

Each subcommand lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int``. A subcommand never lets a traceback reach the user: input problems
exit with status 2 and a message.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = ("check", "score", "quota", "export", "print", "atlas")


def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
    # Importing a subcommand pulls in its dependencies (scoring, Excel writers): import only
    # the one that runs, so `landplanner check` starts fast.
    parser = argparse.ArgumentParser(prog="landplanner", description="landplanner 资源资产盘活")
    sub = parser.add_subparsers(dest="command")
    for name in [only] if only else SUBCOMMANDS:
        importlib.import_module(f"landplanner.cli.{name}_command").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``landplanner`` console script; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-V", "--version"):
        from landplanner import __version__

        print(f"landplanner {__version__}")
        return 0
    if argv and argv[0] in ("-h", "--help"):
        _build_parser().print_help()
        print("\n  landplanner [FILE] [--screenshot OUT.png] [--style S] [--size WxH] [--lang zh|en]")
        return 0
    if argv and argv[0] in SUBCOMMANDS:
        args = _build_parser(argv[0]).parse_args(argv)
        module = importlib.import_module(f"landplanner.cli.{args.command}_command")
        return module.run(args)
    from landplanner.cli import app_command

    return app_command.run(argv)
