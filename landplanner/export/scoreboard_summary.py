"""The one-page summary of a frozen 季度大比武 snapshot (PDF or PNG, A4 landscape).

Drawn with matplotlib in the bundled Chinese font (:func:`landplanner.fonts.use_in_matplotlib`):
a title with the quarter, the freezing time and the date the figures stand at; the parks'
ranking and the responsible units' ranking as tables (rank, change ↑/↓, points, mu closed
this quarter and this year, share of target, pace, plans overdue); the weights used. Every
figure is read from the record (:mod:`landplanner.analysis.scoreboard`) — nothing is
recomputed.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from landplanner import messages
from landplanner.analysis import scoreboard

messages.register({
    "summary.title": ("{quarter} 资源资产盘活季度大比武", "{quarter} revitalization scoreboard"),
    "summary.sub": ("截至 {as_of}，{frozen_at} 冻结", "as of {as_of}, frozen {frozen_at}"),
    "summary.weights": ("计分规则（权重）：{weights}", "Rule (weights): {weights}"),
    "summary.more": ("另有 {n} 个单位，见工作簿", "{n} more units: see the workbook"),
})

ITEMS = ("quarter_mu", "ytd_mu", "ytd_percent", "pace", "plans_overdue", "asset_rate")
MAX_UNITS = 14


def _cell(key: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"  # the item does not apply (analysis.scoreboard's fair rule)
    if key in ("ytd_percent", "asset_rate"):
        return f"{value * 100:.1f}%"
    if key == "plans_overdue":
        return str(int(value))
    return f"{value:,.2f}"


def _rows(record: Mapping, level: str, lang: str, limit: int | None = None):
    rows = list(record.get(level) or [])
    shown = rows[:limit] if limit else rows
    body = [[str(r["rank"]), str(r["name"]), scoreboard.change_text(r.get("change"), lang),
             _cell("points", r.get("points")), *[_cell(k, r.get(k)) for k in ITEMS]] for r in shown]
    return body, len(rows) - len(shown)


def write_summary(record: Mapping, path: str | os.PathLike, lang: str = "zh") -> Path:
    """Write the one-page summary of ``record`` to ``path`` (.pdf or .png); returns the path.

    The file is written beside the target and moved into place.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from landplanner.fonts import use_in_matplotlib

    use_in_matplotlib()
    target = Path(path)
    fig = Figure(figsize=(11.69, 8.27))
    fig.text(0.04, 0.95, messages.text("summary.title", lang, quarter=record["quarter"]),
             fontsize=18, weight="bold")
    fig.text(0.04, 0.915, messages.text("summary.sub", lang, as_of=record.get("as_of"),
                                        frozen_at=str(record.get("frozen_at"))[:16].replace("T", " ")),
             fontsize=10, color="#555555")
    head = [messages.text("scoreboard.rank", lang), "", messages.text("scoreboard.change", lang),
            messages.text("scoreboard.points", lang), *[scoreboard.item_label(k, lang) for k in ITEMS]]
    widths = [0.05, 0.22, 0.07, 0.07, 0.1, 0.11, 0.09, 0.08, 0.08, 0.1]
    parks, _ = _rows(record, "park", lang)
    units, more = _rows(record, "unit", lang, MAX_UNITS)
    boxes = ((scoreboard.LEVELS[0], parks, 0.86, 0.05 + 0.035 * len(parks)),
             (scoreboard.LEVELS[1], units, 0.86 - 0.1 - 0.035 * len(parks),
              0.035 * (len(units) + 1)))
    for level, body, top, height in boxes:
        fig.text(0.04, top, messages.text(f"scoreboard.level.{level}", lang), fontsize=12)
        if not body:
            continue
        ax = fig.add_axes((0.04, top - 0.01 - height, 0.92, height))
        ax.axis("off")
        cols = list(head)
        cols[1] = messages.text(f"scoreboard.level.{level}", lang)
        table = ax.table(cellText=body, colLabels=cols, colWidths=widths, loc="upper left",
                         cellLoc="center")
        table.auto_set_font_size(False)
        table.set_fontsize(9)
        for (r, c), cell in table.get_celld().items():
            cell.set_edgecolor("#b0bec5")
            if r == 0:
                cell.set_facecolor("#eceff1")
            elif c == 2:
                text = cell.get_text().get_text()
                cell.get_text().set_color("#2e7d32" if text.startswith("↑") else
                                          "#c62828" if text.startswith("↓") else "#333333")
            if c == 1 and r > 0:
                cell.get_text().set_horizontalalignment("left")
    notes = []
    if more:
        notes.append(messages.text("summary.more", lang, n=more))
    weights = "，".join(f"{scoreboard.item_label(k, lang)} {v:g}"
                       for k, v in (record.get("weights") or {}).items() if v)
    notes.append(messages.text("summary.weights", lang, weights=weights))
    fig.text(0.04, 0.03, "    ".join(notes), fontsize=8, color="#555555")
    fd, tmp = tempfile.mkstemp(suffix=target.suffix or ".pdf", dir=target.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, format=(target.suffix.lstrip(".") or "pdf").lower(), dpi=150)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
