"""``landplanner print FILE_OR_PROJECT --out OUT.pdf|OUT.png``: one map layout, headless.

Options set the page (``--paper A4…A0``, ``--orientation``), the title, the map style, a
fixed scale (``--scale 10000`` for 1:10,000; default: everything at the next round scale),
the PNG resolution (``--dpi 150|300|600``) or a template saved with the project
(``--template NAME``; the other options override it). Exit status 0 when the file was
written completely, 2 with a message otherwise (no file is left behind).
"""

from __future__ import annotations

import argparse

from landplanner import messages
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import open_input

messages.register({
    "cli.print.help": ("打印专题图（PDF 矢量或 PNG）", "print a map layout (vector PDF or PNG)"),
    "cli.print.done": ("已生成 {path}（{paper} {orientation}，比例尺 1:{scale}）",
                       "wrote {path} ({paper} {orientation}, scale 1:{scale})"),
})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``print`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("print", help=messages.text("cli.print.help"),
                            description=messages.text("cli.print.help"))
    parser.add_argument("input", metavar="FILE_OR_PROJECT",
                        help="project (.gpkg) or parcel file (.shp/.zip/.gpkg/.geojson)")
    parser.add_argument("--out", required=True, metavar="OUT.pdf|OUT.png")
    parser.add_argument("--paper", choices=("A4", "A3", "A2", "A1", "A0"))
    parser.add_argument("--orientation", choices=("landscape", "portrait"))
    parser.add_argument("--title")
    parser.add_argument("--subtitle")
    parser.add_argument("--style", choices=("category", "class", "status", "park"))
    parser.add_argument("--scale", type=int, metavar="N", help="map scale 1:N")
    parser.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    parser.add_argument("--template", metavar="NAME", help="a print template saved in the project")
    parser.add_argument("--unit", help="制图单位 (mapping unit)")
    parser.add_argument("--note", help="备注 (note)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


def layout_from_args(args: argparse.Namespace, settings: dict | None):
    """The layout: the template (or defaults) with the command-line options on top."""
    from landplanner.layout.model import Layout, template

    base = template(settings, args.template) if getattr(args, "template", None) else Layout()
    values = base.to_dict()
    for name in ("paper", "orientation", "title", "subtitle", "style", "scale", "unit", "note"):
        value = getattr(args, name, None)
        if value is not None:
            values[name] = value
    return Layout.from_dict(values)


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner print``; 0 on success, 2 on bad input or an incomplete export."""
    from landplanner.layout.data import build_map_data
    from landplanner.layout.export import check_writable, export_layout
    from landplanner.render.text import ensure_gui_app

    check_writable(args.out)  # before the slow part: say at once when OUT cannot be written
    project = open_input(args.input)
    layout = layout_from_args(args, project.settings)
    ensure_gui_app()
    data = build_map_data(project, layout.style, with_scores=layout.style == "class")
    result = export_layout(args.out, layout, data, dpi=args.dpi)
    print(messages.text("cli.print.done", path=result.path, paper=layout.paper,
                        orientation=layout.orientation, scale=f"{result.placed[0].scale:,}"))
    return 0
