"""``landplanner open LOCATION``: the app on a project file or a shared database project.

``LOCATION`` is a ``.gpkg`` project, a parcel file, or ``postgresql://user@host:port/db?schema=…``
(the password comes from ~/.pgpass, pg_service.conf or the system keyring). The other options
are those of ``landplanner FILE`` (``--screenshot``, ``--size``, ``--style``, ``--lang``).
"""

from __future__ import annotations

import argparse

from landplanner import messages

messages.register(
    {
        "cli.open.help": (
            "打开项目（项目文件或 PostGIS 数据库：postgresql://用户@主机/库?schema=模式）",
            "open a project (a project file or a PostGIS database: postgresql://user@host/db?schema=…)",
        ),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``open`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("open", help=messages.text("cli.open.help"),
                            description=messages.text("cli.open.help"))
    parser.add_argument("location", metavar="LOCATION", help="project.gpkg or postgresql://…")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="--screenshot OUT.png, --size WxH, …")
    return parser


def run(args: argparse.Namespace) -> int:
    """Hand the location to the app (``landplanner LOCATION …``)."""
    from landplanner.cli import app_command

    return app_command.run([args.location, *args.rest])
