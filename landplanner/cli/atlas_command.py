"""``landplanner atlas FILE_OR_PROJECT --out OUT.pdf``: the 一企一策 case files, headless.

One page per enterprise (``--by enterprise``, default), parcel or park, after a cover and a
contents list; ``--filter`` keeps some pages (``class=D``, ``park=NAME``, ``overdue``,
``status=in_progress``, ``category=idle``, or in Chinese 等级=D、园区=…、状态=推进中、逾期;
joined by ``,`` or ``and``), ``--pages`` picks
pages by key (USCC, parcel id or park). ``--split page|park`` writes one file per page or per
park next to OUT. Exit status 0 when every page was written, 2 with a message otherwise.
"""

from __future__ import annotations

import argparse

from landplanner import messages
from landplanner.cli.guard import guarded
from landplanner.cli.inputs import open_input

messages.register({
    "cli.atlas.help": ("生成一企一策档案（PDF）", "make the one-enterprise-one-plan atlas (PDF)"),
    "cli.atlas.done": ("已生成 {files} 个文件，共 {pages} 页（{records} 条记录）：{first}",
                       "wrote {files} file(s), {pages} pages ({records} records): {first}"),
})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``atlas`` on the ``landplanner`` subcommand parser."""
    parser = sub.add_parser("atlas", help=messages.text("cli.atlas.help"),
                            description=messages.text("cli.atlas.help"))
    parser.add_argument("input", metavar="FILE_OR_PROJECT",
                        help="project (.gpkg) or parcel file (.shp/.zip/.gpkg/.geojson)")
    parser.add_argument("--out", required=True, metavar="OUT.pdf")
    parser.add_argument("--by", choices=("enterprise", "parcel", "park"), default="enterprise")
    parser.add_argument("--filter", metavar="EXPR", help="e.g. class=D,park=崇川经济开发区 or overdue")
    parser.add_argument("--split", choices=("none", "page", "park"), default="none")
    parser.add_argument("--pages", metavar="KEY,KEY", help="only these pages (USCC, parcel id or park)")
    parser.add_argument("--paper", choices=("A4", "A3"), default="A4")
    parser.add_argument("--title")
    parser.add_argument("--unit", help="制图单位 (issuing unit)")
    parser.add_argument("--style", choices=("category", "class", "status", "park"),
                        default="class", help="colours of the record's parcels")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages")
    return parser


@guarded
def run(args: argparse.Namespace) -> int:
    """Run ``landplanner atlas``; 0 on success, 2 on bad input or an incomplete export."""
    from landplanner.layout.atlas import export_atlas, parse_filter
    from landplanner.layout.data import build_map_data
    from landplanner.layout.export import check_writable
    from landplanner.layout.model import Layout
    from landplanner.render.text import ensure_gui_app

    check_writable(args.out)
    parse_filter(args.filter)  # a typo in the filter is reported before the slow part
    project = open_input(args.input)
    ensure_gui_app()
    data = build_map_data(project, args.style)
    layout = Layout(paper=args.paper, orientation="portrait", margin_mm=15.0, legend=False,
                    quota_table=False, title=args.title or "", unit=args.unit or "")
    pages = [p.strip() for p in args.pages.split(",")] if args.pages else None
    result = export_atlas(args.out, data, args.by, args.filter, args.split, pages, layout)
    print(messages.text("cli.atlas.done", files=len(result.files), pages=result.pages,
                        records=result.records, first=result.files[0]))
    return 0
