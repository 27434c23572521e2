"""A print layout: the page and what is on it, saved with the project as a named template.

A :class:`Layout` is plain data (JSON-able through :meth:`Layout.to_dict`); where each item
goes on the page is decided by :func:`landplanner.layout.paint.arrange` from the paper size
and orientation, so a template made for A3 landscape also prints on A4 portrait.

Templates live in the project settings under ``"print_templates"``: ``{name: layout dict}``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from landplanner import messages

#: Paper sizes (portrait width, height) in millimetres, ISO 216.
PAPER_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
    "A2": (420.0, 594.0),
    "A1": (594.0, 841.0),
    "A0": (841.0, 1189.0),
}
ORIENTATIONS = ("landscape", "portrait")
STYLES = ("category", "class", "status", "park")
SETTINGS_KEY = "print_templates"
#: Round scale denominators the map frame snaps to (1, 2, 2.5, 5 × 10^k).
ROUND_STEPS = (1.0, 2.0, 2.5, 5.0)

messages.register({
    "layout.bad_paper": ("纸张“{value}”无效（可选 A4、A3、A2、A1、A0）",
                         "invalid paper '{value}' (choose A4, A3, A2, A1 or A0)"),
    "layout.bad_orientation": ("纸张方向“{value}”无效（可选横向或纵向）",
                               "invalid orientation '{value}' (landscape or portrait)"),
    "layout.bad_style": ("图面样式“{value}”无效（可选：按用地类别、按亩均等级、按方案状态、按园区）",
                         "invalid map style '{value}' (category, class, status or park)"),
    "layout.bad_scale": ("比例尺“{value}”无效（应为正整数，如 10000 表示 1:10,000）",
                         "invalid scale '{value}' (a positive whole number, e.g. 10000 for 1:10,000)"),
    "layout.bad_margin": ("页边距 {value} 毫米无效", "invalid margin {value} mm"),
    "layout.no_template": ("项目中没有名为“{name}”的打印模板（已有：{names}）",
                           "the project has no print template named '{name}' (it has: {names})"),
    "layout.default_title": ("低效用地盘活工作图", "Land revitalization map"),
})


def round_scale(scale: float) -> int:
    """The smallest round denominator (1, 2, 2.5, 5 × 10^k) not below ``scale``."""
    if not math.isfinite(scale) or scale <= 0:
        return 1
    k = math.floor(math.log10(scale))
    for base in (10.0 ** (k - 1), 10.0 ** k, 10.0 ** (k + 1)):
        for step in ROUND_STEPS:
            if step * base >= scale * (1 - 1e-9):
                return int(round(step * base))
    return int(round(10.0 ** (k + 1)))


@dataclass
class Layout:
    """One page layout. Lengths in millimetres.

    ``scale`` None: the map shows ``extent`` (or everything) at the next round scale;
    a number: exactly 1:``scale`` around the centre of ``extent``.
    """

    name: str = "默认"
    paper: str = "A3"
    orientation: str = "landscape"
    margin_mm: float = 10.0
    title: str = ""
    subtitle: str = ""
    style: str = "category"
    scale: int | None = None
    extent: tuple[float, float, float, float] | None = None
    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = True
    grid: bool = True
    quota_table: bool = True
    park_labels: bool = True
    unit: str = ""
    date: str = ""
    data_date: str = ""
    note: str = ""
    signatures: tuple[str, ...] = ("制图", "审核", "批准")
    fingerprint: bool = True
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        from landplanner.problems import InputError, Problem

        self.paper = str(self.paper).upper()
        if self.paper not in PAPER_MM:
            raise InputError(Problem.make("layout.bad_paper", "error", value=self.paper))
        if self.orientation not in ORIENTATIONS:
            raise InputError(Problem.make("layout.bad_orientation", "error",
                                          value=self.orientation))
        if self.style not in STYLES:
            raise InputError(Problem.make("layout.bad_style", "error", value=self.style))
        if self.scale is not None:
            try:
                value = float(self.scale)
            except (TypeError, ValueError):
                value = float("nan")
            if not math.isfinite(value) or value < 1 or value != int(value):
                raise InputError(Problem.make("layout.bad_scale", "error", value=self.scale))
            self.scale = int(value)
        if not (0 <= float(self.margin_mm) <= 50):
            raise InputError(Problem.make("layout.bad_margin", "error", value=self.margin_mm))
        if self.extent is not None:
            self.extent = tuple(float(v) for v in self.extent)
        self.signatures = tuple(self.signatures or ())

    @property
    def page_mm(self) -> tuple[float, float]:
        """(width, height) of the page in millimetres, oriented."""
        w, h = PAPER_MM[self.paper]
        return (h, w) if self.orientation == "landscape" else (w, h)

    def title_text(self) -> str:
        """The title, or the default one."""
        return self.title or messages.text("layout.default_title")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        out = asdict(self)
        out["signatures"] = list(self.signatures)
        out["extent"] = list(self.extent) if self.extent is not None else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Layout:
        """A layout from :meth:`to_dict` output (unknown keys ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in dict(data or {}).items() if k in known})


def templates(settings: dict | None) -> dict[str, Layout]:
    """The named templates saved in project ``settings``."""
    raw = (settings or {}).get(SETTINGS_KEY) or {}
    out = {}
    for name, data in raw.items():
        item = dict(data)
        item["name"] = name
        out[name] = Layout.from_dict(item)
    return out


def with_template(settings: dict | None, layout: Layout) -> dict:
    """A copy of ``settings`` with ``layout`` saved under its name (the caller stores it)."""
    new = dict(settings or {})
    saved = dict(new.get(SETTINGS_KEY) or {})
    saved[layout.name] = layout.to_dict()
    new[SETTINGS_KEY] = saved
    return new


def template(settings: dict | None, name: str) -> Layout:
    """The template ``name``; InputError naming the ones there are when it is missing."""
    from landplanner.problems import InputError, Problem

    found = templates(settings)
    if name not in found:
        raise InputError(Problem.make("layout.no_template", "error", name=name,
                                      names="、".join(found) or "—"))
    return found[name]
