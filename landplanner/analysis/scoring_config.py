"""The 亩均论英雄 scoring rules as a typed, TOML-serialisable configuration.

Every rule that varies between places is a setting here (DOMAIN §3): who is evaluated
(:class:`Scope`), which groups are ranked separately, the indicators with their benchmarks,
weights and optional caps, the scoring method, the missing-value rule, bonus and penalty
items, veto flags, and the class bands by rank.

Documented rules (shared by every preset)
-----------------------------------------
* **Points.** ``benchmark``: item = value ÷ benchmark × weight. ``minmax``: item =
  weight × [20 + 80 × (x − min) ÷ (max − min)] ÷ 100 over the firms of the group that have a
  value; when every firm has the same value (max = min) each gets the full weight. An item
  never exceeds ``cap`` (points) when a cap is set, and never goes below 0 unless
  ``allow_negative_points`` (a negative tax would otherwise subtract points).
* **Value.** numerator ÷ denominator; a missing input or a denominator ≤ 0 makes the value
  missing, and the missing-value rule gives the item's points.
* **Rounding.** Each item is rounded to ``score_decimals`` (default 2) and the score is the sum
  of the rounded items plus bonuses, so a printed list adds up. Ranks use that score.
* **Ties.** Firms with the same score share the better rank (``rank(method="min")``): scores
  90, 80, 80, 70 rank 1, 2, 2, 4.
* **Bands.** percentile = rank ÷ n (n = firms ranked in the group: graded, not vetoed);
  the class is the first band whose ``max_percentile`` is ≥ the percentile. With A ≤ 0.20 and
  10 firms, ranks 1–2 are A; if ranks 2 and 3 tie, both hold rank 2 and both are A.
  A consequence: the last band takes every firm ranked below ``0.95 × n``, so in a group of
  fewer than 20 firms the lowest-ranked firm is D (unless it ties with a better one), and a
  group of one firm is D. Use wider bands for small groups if that is not wanted.
* **Vetoes.** A veto flag (一票否决: a major safety accident, a serious environmental
  violation) forces the last class (D): the firm keeps its score but takes no rank, and the
  other firms of its group are ranked and classed without it (it does not count in n); lists
  show it after the ranked firms of its group, with the reason. A ``downgrade`` flag moves a
  firm one class down from the class its rank gives; that firm keeps its rank.
* **Benchmarks from the data** (``benchmark_rule = "data"``): ``previous_factor`` × the
  previous year's group average (Σ numerator ÷ Σ denominator) when the previous year is
  loaded and the group has a positive average there; otherwise the current group median
  (the mean when the median is not positive); a group with nothing positive gets no
  benchmark and the item gives no points. Each score result states the rule used per group
  and indicator (``attrs["basis"]``, text by :mod:`landplanner.analysis.scoring_basis`).
* **T.** Listed exclusions (code, name, industry keyword) and firms in production for fewer
  than ``min_years_in_production`` years (when the table has a start year) are not graded:
  class ``T``, no score, no rank.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from importlib import resources
from pathlib import Path

from landplanner import messages, vocabulary
from landplanner.problems import InputError, Problem

METHODS = ("benchmark", "minmax")
BENCHMARK_RULES = ("fixed", "data")
SIZES = ("above", "below")
GROUPS = ("above", "below", "renting")
VETO_ACTIONS = ("D", "downgrade")

messages.register({
    "cfg_unknown_preset": ("没有名为“{name}”的评价方案（可用：{names}）",
                           "No scoring preset named “{name}” (available: {names})"),
    "cfg_unreadable": ("无法读取评价配置 {path}：{error}", "Cannot read the scoring configuration {path}: {error}"),
    "cfg_invalid": ("评价配置无效：{where}：{error}", "Invalid scoring configuration: {where}: {error}"),
    "cfg_exists": ("{path} 已存在，不覆盖", "{path} already exists; not overwritten"),
})


@dataclass
class IndicatorSpec:
    """One scored indicator: ``numerator ÷ denominator`` (canonical input columns)."""

    key: str
    label_zh: str
    label_en: str
    numerator: str
    denominator: str
    unit: str
    weight: float
    benchmark: float | None = None   # None: from the data (``benchmark_rule = "data"``)
    cap: float | None = None         # the most points the item can give; None: no cap


@dataclass
class BonusItem:
    """Points added per unit (or when true) of a column; negative points make a penalty."""

    key: str
    label_zh: str
    label_en: str
    column: str
    points: float
    cap: float | None = None   # the most (absolute) points this item can give


@dataclass
class Veto:
    """A flag column (是/否) that forces class D, or downgrades one class."""

    column: str
    label_zh: str
    label_en: str
    action: str = "D"


@dataclass
class Band:
    """Class ``cls`` for firms whose rank ÷ n is at most ``max_percentile``."""

    cls: str
    max_percentile: float
    label_zh: str = ""
    label_en: str = ""


@dataclass
class Scope:
    """Who is evaluated, and who is listed but not graded (T)."""

    sizes: list[str] = field(default_factory=lambda: ["above", "below"])
    below_min_mu: float = 3.0            # 规下 firms are evaluated only with at least this land
    unknown_size: str = "above"          # size taken for a row without 规上/规下
    exclude_uscc: list[str] = field(default_factory=list)
    exclude_names: list[str] = field(default_factory=list)
    exclude_industry_keywords: list[str] = field(default_factory=list)
    min_years_in_production: float = 2.0  # 0 disables the rule


@dataclass
class ScoringConfig:
    """A complete 亩均论英雄 scoring rule set (see the module docstring for the rules)."""

    name: str
    label_zh: str
    label_en: str
    indicators: list[IndicatorSpec]
    method: str = "benchmark"
    benchmark_rule: str = "fixed"        # "data": 2× previous average, else current median
    previous_factor: float = 2.0         # multiple of the previous year's average
    missing: str = "group_average_points"
    score_decimals: int = 2
    allow_negative_points: bool = False
    groups: list[str] = field(default_factory=lambda: ["above", "below", "renting"])
    scope: Scope = field(default_factory=Scope)
    bonuses: list[BonusItem] = field(default_factory=list)
    vetoes: list[Veto] = field(default_factory=lambda: [
        Veto("veto_safety", "重大安全事故", "major safety accident"),
        Veto("veto_env", "严重环境违法", "serious environmental violation"),
    ])
    bands: list[Band] = field(default_factory=lambda: [
        Band("A", 0.20, *vocabulary.pair("band", "A")),
        Band("B", 0.60, *vocabulary.pair("band", "B")),
        Band("C", 0.95, *vocabulary.pair("band", "C")),
        Band("D", 1.00, *vocabulary.pair("band", "D")),
    ])
    note: str = ""

    # ----------------------------------------------------------------- derived

    def missing_rule(self) -> tuple[str, float]:
        """``("group_average_points" | "zero" | "penalty", points)``."""
        rule = self.missing.strip()
        if rule.startswith("penalty:"):
            return "penalty", float(rule.split(":", 1)[1])
        return rule, 0.0

    def label(self, lang: str | None = None) -> str:
        """The preset's name in the current (or given) language."""
        return self.label_en if (lang or messages.language()) == "en" else self.label_zh

    # ----------------------------------------------------------------- dict / TOML

    def to_dict(self) -> dict:
        """JSON- and TOML-able form (``None`` values left out, as TOML has no null)."""
        return _drop_none(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> ScoringConfig:
        """Build and validate a config; raise :class:`InputError` naming the bad key."""
        data = dict(data)
        try:
            data["indicators"] = [_make(IndicatorSpec, d, f"indicators[{i}]")
                                  for i, d in enumerate(data.get("indicators", []))]
            data["bonuses"] = [_make(BonusItem, d, f"bonuses[{i}]")
                               for i, d in enumerate(data.get("bonuses", []))]
            if "vetoes" in data:
                data["vetoes"] = [_make(Veto, d, f"vetoes[{i}]") for i, d in enumerate(data["vetoes"])]
            if "bands" in data:
                data["bands"] = [_make(Band, d, f"bands[{i}]") for i, d in enumerate(data["bands"])]
            if "scope" in data:
                data["scope"] = _make(Scope, data["scope"], "scope")
            config = _make(cls, data, "config")
        except TypeError as exc:
            raise _invalid("config", exc) from exc
        config.validate()
        return config

    def validate(self) -> None:
        """Raise :class:`InputError` when a setting cannot be used."""
        if self.method not in METHODS:
            raise _invalid("method", f"{self.method!r} not in {METHODS}")
        if self.benchmark_rule not in BENCHMARK_RULES:
            raise _invalid("benchmark_rule", f"{self.benchmark_rule!r} not in {BENCHMARK_RULES}")
        self._checked_missing()
        if not self.indicators:
            raise _invalid("indicators", "at least one indicator is needed")
        keys = [i.key for i in self.indicators]
        if len(set(keys)) != len(keys):
            raise _invalid("indicators", "indicator keys must be unique")
        for i, ind in enumerate(self.indicators):
            where = f"indicators[{i}] ({ind.key})"
            if not ind.weight >= 0:
                raise _invalid(where, "weight must be ≥ 0")
            if ind.benchmark is not None and not ind.benchmark > 0:
                raise _invalid(where, "benchmark must be > 0")
            if ind.benchmark is None and self.method == "benchmark" and self.benchmark_rule == "fixed":
                raise _invalid(where, "a benchmark is needed when benchmark_rule is 'fixed'")
            if ind.cap is not None and not ind.cap >= 0:
                raise _invalid(where, "cap must be ≥ 0")
        if not self.groups or any(g not in GROUPS for g in self.groups):
            raise _invalid("groups", f"each group must be one of {GROUPS}")
        if not self.scope.sizes or any(s not in SIZES for s in self.scope.sizes):
            raise _invalid("scope.sizes", f"each size must be one of {SIZES}")
        if self.scope.unknown_size not in SIZES:
            raise _invalid("scope.unknown_size", f"must be one of {SIZES}")
        for i, veto in enumerate(self.vetoes):
            if veto.action not in VETO_ACTIONS:
                raise _invalid(f"vetoes[{i}]", f"action must be one of {VETO_ACTIONS}")
        cuts = [b.max_percentile for b in self.bands]
        if not cuts or cuts != sorted(cuts) or len(set(cuts)) != len(cuts) or cuts[-1] != 1.0 \
                or cuts[0] <= 0:
            raise _invalid("bands", "max_percentile must rise strictly and end at 1.0")
        if len({b.cls for b in self.bands}) != len(self.bands):
            raise _invalid("bands", "class names must be unique")
        if not 0 <= self.score_decimals <= 6:
            raise _invalid("score_decimals", "must be between 0 and 6")

    def _checked_missing(self) -> tuple[str, float]:
        try:
            rule, points = self.missing_rule()
        except ValueError as exc:
            raise _invalid("missing", "penalty:N needs a number N") from exc
        if rule not in ("group_average_points", "zero", "penalty"):
            raise _invalid("missing", "use group_average_points, zero or penalty:N")
        return rule, points


def _make(cls: type, data: object, where: str) -> object:
    if not isinstance(data, dict):
        raise _invalid(where, "expected a table")
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise _invalid(where, f"unknown key(s) {', '.join(unknown)}")
    try:
        return cls(**data)
    except TypeError as exc:
        raise _invalid(where, exc) from exc


def _invalid(where: str, error: object) -> InputError:
    return InputError(Problem.make("cfg_invalid", "error", where=where, error=error))


def _drop_none(value: object) -> object:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


# --------------------------------------------------------------------------- files and presets


def load_config(path: str | Path) -> ScoringConfig:
    """Read a scoring configuration from a TOML file (see ``presets/*.toml``)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(Problem.make("cfg_unreadable", "error", path=str(path), error=exc)) from exc
    return ScoringConfig.from_dict(data)


def dumps_config(config: ScoringConfig) -> str:
    """The configuration as TOML text, headed by a comment naming it."""
    import tomli_w

    head = f"# landplanner 亩均论英雄 scoring configuration: {config.label_zh} / {config.label_en}\n"
    if config.note:
        head += "".join(f"# {line}\n" for line in config.note.splitlines())
    return head + tomli_w.dumps(config.to_dict())


def save_config(config: ScoringConfig, path: str | Path, overwrite: bool = False) -> None:
    """Write ``config`` as TOML; an existing file is kept unless ``overwrite``."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError(Problem.make("cfg_exists", "error", path=str(path)))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps_config(config), encoding="utf-8")
    tmp.replace(path)


def preset_names() -> list[str]:
    """Names of the shipped presets (``huangyan-2022-above`` …)."""
    folder = resources.files("landplanner.analysis.presets")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_preset(name: str = "chongchuan") -> ScoringConfig:
    """A shipped preset by name; :class:`InputError` naming the available ones otherwise."""
    names = preset_names()
    if name not in names:
        raise InputError(Problem.make("cfg_unknown_preset", "error", name=name, names=", ".join(names)))
    text = (resources.files("landplanner.analysis.presets") / f"{name}.toml").read_text("utf-8")
    return ScoringConfig.from_dict(tomllib.loads(text))


DEFAULT_PRESET = "chongchuan"
