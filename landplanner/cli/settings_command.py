"""``landplanner settings PROJECT``: show or change the project's own settings.

``--show`` (the default) lists district, year, targets and parks; ``--set key=value`` (any
number of times) changes them and saves the project file. Keys: see
:func:`landplanner.project_settings.apply_setting`. Only a landplanner project (.gpkg) is
written, never a parcel file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from landplanner import messages
from landplanner.cli.guard import guarded
from landplanner.problems import InputError, Problem

messages.register(
    {
        "cli.settings.help": ("显示或修改项目设置（区县、年度、目标、园区）",
                              "show or change the project's settings (district, year, targets, parks)"),
        "cli.settings.not_project": (
            "{path} 不是 landplanner 项目文件（.gpkg）；请先在程序中导入并保存为项目",
            "{path} is not a landplanner project (.gpkg); import it in the app and save it as a "
            "project first",
        ),
        "cli.settings.saved": ("已保存 {path}", "Saved {path}"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``settings`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("settings", help=messages.text("cli.settings.help"),
                            description=messages.text("cli.settings.help"))
    parser.add_argument("project", metavar="PROJECT.gpkg", help="landplanner project file")
    parser.add_argument("--show", action="store_true", help="show the project's settings")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="set one setting (repeatable), e.g. year=2026")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner settings``; 0 on success, 2 on bad input."""
    from landplanner import project_settings as ps
    from landplanner import store

    path = Path(args.project)
    if not path.exists() or not store.is_project(path):
        raise InputError(Problem.make("cli.settings.not_project", "error", path=str(path)))
    project = store.open_project(path)
    if args.set:
        settings = project.settings
        renames: dict[str, str] = {}
        for pair in args.set:
            key, value = ps.parse_pair(pair)
            settings = ps.apply_setting(settings, key, value)
            rename = ps.rename_of(key, value)
            if rename:
                renames[rename[0]] = rename[1]
        ps.update_project(project, settings, renames)
        store.save_project(project, path)
        print(messages.text("cli.settings.saved", path=str(path)), file=sys.stderr)
    print("\n".join(ps.describe(project.settings)))
    return 0
