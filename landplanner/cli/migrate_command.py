"""``landplanner migrate SRC DST``: copy a project between stores, with nothing lost.

``SRC`` and ``DST`` are project locations: a ``.gpkg`` file or a database URI such as
``postgresql://user@host:5432/db?schema=chongchuan``. Up (GeoPackage → PostGIS) creates the
schema, its tables, the PostGIS geometry columns with their GiST indexes, the history
trigger and the role grants; down (PostGIS → GeoPackage) writes a project file QGIS opens.
Every table, geometry and plan history is copied; the destination must not already hold a
project (nothing is overwritten). Passwords come from ~/.pgpass, a pg_service.conf entry
(``?service=name``) or the system keyring, never from the command line history.
"""

from __future__ import annotations

import argparse
import sys

from landplanner import messages
from landplanner.cli.guard import guarded

messages.register(
    {
        "cli.migrate.help": (
            "在 GeoPackage 文件与 PostGIS 数据库之间迁移项目（不丢失任何内容）",
            "copy a project between a GeoPackage file and a PostGIS database, with nothing lost",
        ),
        "cli.migrate.done": (
            "已迁移 {parcels} 个地块、{parks} 个园区、{plans} 个方案、{indicators} 行企业指标：{src} → {dst}",
            "Copied {parcels} parcels, {parks} parks, {plans} plans and {indicators} indicator "
            "rows: {src} → {dst}",
        ),
        "cli.migrate.exists": (
            "{dst} 已有项目，为免覆盖不予迁移；请另选文件名或模式名",
            "{dst} already holds a project and is not overwritten; choose another file or schema",
        ),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``migrate`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("migrate", help=messages.text("cli.migrate.help"),
                            description=messages.text("cli.migrate.help"))
    parser.add_argument("src", metavar="SRC", help="project.gpkg or postgresql://…?schema=…")
    parser.add_argument("dst", metavar="DST", help="postgresql://…?schema=… or project.gpkg")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


@guarded
def run(args: argparse.Namespace) -> int:
    """Open SRC with its store and write it, whole, to DST with DST's store."""
    from landplanner import store
    from landplanner.problems import InputError, Problem

    if store.is_project(args.dst):
        raise InputError(Problem.make("cli.migrate.exists", "error", dst=store.redact(args.dst)))
    project = store.open_project(args.src)
    project.store_state = None  # a new project at DST, not a save of changes
    known = {id(p) for p in project.problems}
    store.save_project(project, args.dst)
    for problem in project.problems:  # what the destination store had to say (roles not yet made)
        if id(problem) not in known:
            print(problem.message, file=sys.stderr)
    print(messages.text(
        "cli.migrate.done",
        parcels=len(project.parcels),
        parks=0 if project.parks is None else len(project.parks),
        plans=len(project.plans),
        indicators=0 if project.indicators is None else len(project.indicators),
        src=store.redact(args.src),
        dst=store.redact(args.dst),
    ))
    return 0
