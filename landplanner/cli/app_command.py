"""``landplanner [FILE]``: open the app, on nothing or on a parcel file or project.

This module only checks the arguments (so a typo gives a message instead of an empty
window) and hands the parsed arguments to :func:`landplanner.ui.app.run_app`, which the UI owns:

``landplanner``                              the app on an empty project
``landplanner FILE``                         the app on a parcel file or a ``.gpkg`` project
``landplanner FILE --screenshot OUT.png [--style S] [--size WxH]``
                                             render the window to OUT.png and quit
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from landplanner import messages

_SUBCOMMANDS = ("check", "score", "quota", "export", "open", "migrate")

messages.register(
    {
        "cli.app.description": (
            "打开 landplanner 程序；可指定地块文件或项目文件（.gpkg）",
            "open the landplanner app, optionally on a parcel file or a project (.gpkg)",
        ),
        "cli.app.not_found": ("找不到文件：{path}", "File not found: {path}"),
        "cli.app.did_you_mean": (
            "找不到文件：{path}；是否想运行子命令 “landplanner {command}”？",
            "File not found: {path}; did you mean the subcommand “landplanner {command}”?",
        ),
        "cli.app.bad_size": (
            "--size 应写成 宽x高（像素），例如 1280x800，而不是 {value}",
            "--size takes WIDTHxHEIGHT in pixels, e.g. 1280x800, not {value}",
        ),
        "cli.app.no_folder": (
            "截图的保存文件夹不存在：{path}",
            "The folder for the screenshot does not exist: {path}",
        ),
        "cli.app.no_gui": (
            "无法启动图形界面：{detail}。请确认已安装 PySide6（pip install landplanner 会一并安装）",
            "Cannot start the graphical interface: {detail}. Check that PySide6 is installed "
            "(pip install landplanner installs it)",
        ),
        "cli.app.failed": ("程序异常退出：{detail}", "The app stopped with an error: {detail}"),
    }
)


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×*]\s*(\d{2,5})\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(messages.text("cli.app.bad_size", value=value))
    return int(match.group(1)), int(match.group(2))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``landplanner [FILE] [--screenshot OUT.png] …``."""
    parser = argparse.ArgumentParser(
        prog="landplanner",
        description=messages.text("cli.app.description"),
        epilog="landplanner check|score|quota|export --help",
    )
    parser.add_argument("file", nargs="?", help="parcel file (.shp/.zip/.gpkg/.geojson) or project")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a screenshot and quit")
    parser.add_argument("--style", choices=["category", "class", "status", "park"], help="map theme of the screenshot")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1280x800")
    parser.add_argument("--lang", choices=("zh", "en"), help="language (default zh)")
    return parser


def run(argv: list[str], *, program: bool = False) -> int:
    """Check ``argv`` and run the app with it; return the exit status (2 on bad arguments).

    ``program``: this is the ``landplanner`` process itself (its entry point, not a test or
    another caller): a ``--screenshot`` run then ends the process as soon as the picture is
    written (:func:`landplanner.ui.gc_policy.end_process`) instead of returning.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage and the reason
        return int(exc.code or 0)
    if args.lang:
        messages.set_language(args.lang)
    problem = _argument_problem(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from landplanner.ui import gc_policy

    gc_policy.hold()  # no cyclic garbage collection while the app starts (ui.gc_policy)
    try:
        status = _run_app(args)
    finally:
        gc_policy.restore()
    if program and args.screenshot:
        gc_policy.end_process(status)
    return status


def _run_app(args: argparse.Namespace) -> int:
    if args.file:
        try:  # read the project while Qt loads and the window is built (ui.prefetch)
            from landplanner.ui import prefetch

            prefetch.start(args.file)
        except Exception:  # only a head start: the window opens the file anyway
            pass
    try:
        from landplanner.ui.app import run_app
    except ImportError as exc:
        print(messages.text("cli.app.no_gui", detail=exc), file=sys.stderr)
        return 2
    try:
        return int(run_app(args) or 0)
    except SystemExit as exc:  # the app's own argument parser said no
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:  # the user gets a message, never a traceback
        print(
            messages.text("cli.app.failed", detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr
        )
        return 2


def _is_uri(location: str) -> bool:
    from landplanner.store.registry import is_uri

    return is_uri(location)


def _argument_problem(args: argparse.Namespace) -> str | None:
    if args.file is not None and not _is_uri(args.file) and not Path(args.file).exists():
        close = difflib.get_close_matches(args.file, _SUBCOMMANDS, n=1, cutoff=0.6)
        if close:
            return messages.text("cli.app.did_you_mean", path=args.file, command=close[0])
        return messages.text("cli.app.not_found", path=args.file)
    if args.screenshot is not None:
        folder = Path(args.screenshot).resolve().parent
        if not folder.is_dir():
            return messages.text("cli.app.no_folder", path=folder)
    return None
