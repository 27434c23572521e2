"""Problems found in input data, and the error raised when input cannot be used.

A :class:`Problem` carries a stable ``code`` (for tests and tools), a severity, the
message in Chinese and English, and the feature (row index) it concerns, if any.

A problem that concerns many rows is *one* record for the whole kind (columnar): its
``features`` hold the row indices (an int array) and ``count`` says how many; its message
says how many and names the first ones. ``feature`` is then the row when there is exactly one,
else None. Made with :meth:`Problem.group`, in one call per kind, never one object per row.
A group made before the 地块编号 are known (the loader's) names its rows ``#N``;
:meth:`Problem.labelled` names them by 地块编号 once they are, and :func:`where` gives the
short "count: first 地块编号" text a view shows beside the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from landplanner import messages

messages.register({
    "problem.where_many": ("{count} 个：{ids}", "{count}: {ids}"),
})

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input: ``code``, ``severity``, messages, and the feature(s) concerned."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    feature: int | None = None
    #: Row indices of a grouped problem (None for a problem about one row or none).
    features: np.ndarray | None = field(default=None, compare=False, repr=False)
    #: How a group named its rows by row number: the keywords to name them again by 地块编号
    #: (:meth:`labelled`); None when the group named them itself (by 地块编号 or by value).
    relabel: dict | None = field(default=None, compare=False, repr=False)

    @classmethod
    def make(
        cls, code: str, severity: Severity = "warning", feature: int | None = None, **kwargs: object
    ) -> Problem:
        """Build a problem from the message catalogue entry ``code`` formatted with ``kwargs``."""
        zh, en = messages.both(code, **kwargs)
        return cls(code, severity, zh, en, feature)

    @classmethod
    def group(
        cls,
        code: str,
        severity: Severity,
        features,
        shown=None,
        **kwargs: object,
    ) -> Problem:
        """One problem for all ``features`` (row indices) of one kind.

        The catalogue entry ``code`` is formatted with ``kwargs`` plus ``count`` (how many
        rows) and ``first`` (``shown``: the first rows' labels, else their 1-based numbers).
        A ``(zh, en)`` tuple as a keyword value is used per language.
        """
        rows = np.asarray(features, dtype=np.int64).ravel()
        relabel = dict(kwargs) if shown is None else None
        shown = list(shown[:5]) if shown is not None else [f"#{int(r) + 1}" for r in rows[:5]]
        more = "…" if len(rows) > 5 else ""
        kwargs.setdefault("count", len(rows))
        # a (zh, en) pair as a value gives each language its word (messages.Words)
        words = {key: (messages.Words(v) if isinstance(v, tuple) and len(v) == 2 else v)
                 for key, v in kwargs.items()}
        zh = messages.text(code, "zh", **{"first": "、".join(map(str, shown)) + more, **words})
        en = messages.text(code, "en", **{"first": ", ".join(map(str, shown)) + more, **words})
        single = int(rows[0]) if len(rows) == 1 else None
        return cls(code, severity, zh, en, single, rows, relabel)

    def labelled(self, ids) -> Problem:
        """This problem with its first rows named by ``ids`` (the 地块编号 of every row, in
        row order) instead of ``#N``; itself when it is not a group named by row numbers."""
        if self.relabel is None or self.features is None or ids is None:
            return self
        ids = np.asarray(ids, dtype=object)
        rows = self.features[(self.features >= 0) & (self.features < len(ids))]
        if len(rows) != len(self.features):
            return self
        shown = [_label(ids[int(r)], int(r)) for r in rows[:5]]
        return Problem.group(self.code, self.severity, rows, shown, **self.relabel)

    @property
    def count(self) -> int:
        """How many rows the problem concerns (0 for a problem about the whole input)."""
        if self.features is not None:
            return len(self.features)
        return 0 if self.feature is None else 1

    @property
    def rows(self) -> np.ndarray:
        """The row indices concerned (empty for a problem about the whole input)."""
        if self.features is not None:
            return self.features
        return np.array([] if self.feature is None else [self.feature], dtype=np.int64)

    @property
    def message(self) -> str:
        """The message in the current language."""
        return self.message_en if messages.language() == "en" else self.message_zh

    def to_dict(self) -> dict:
        """JSON form: ``{code, severity, message, feature}`` in the current language, plus
        ``count`` and ``features`` (row indices) for a grouped problem."""
        out = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "feature": self.feature,
        }
        if self.features is not None:
            out["count"] = len(self.features)
            out["features"] = self.features.tolist()
        return out


def _label(value: object, row: int) -> str:
    """A row's 地块编号, or ``#N`` when it has none (None, NaN, pandas' NA)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1001.0 read from a numeric DBF field is the ID "1001"
    text = "" if value is None else str(value).strip()
    return f"#{row + 1}" if text in ("", "nan", "<NA>", "None") else text


def where(problem: Problem, ids=None) -> str:
    """Which parcels ``problem`` concerns, in short: ``""`` for the whole input, the 地块编号
    of its one row, or ``"count: first 地块编号…"`` for a group (``#N`` without ``ids``)."""
    rows = problem.rows
    if not len(rows):
        return ""
    ids = None if ids is None else np.asarray(ids, dtype=object)

    def name(r: int) -> str:
        return _label(ids[r], r) if ids is not None and 0 <= r < len(ids) else f"#{r + 1}"

    if problem.features is None or len(rows) == 1:
        return name(int(rows[0]))
    sep = "、" if messages.language() == "zh" else ", "
    shown = sep.join(name(int(r)) for r in rows[:5]) + ("…" if len(rows) > 5 else "")
    return messages.text("problem.where_many", count=len(rows), ids=shown)


@dataclass
class InputError(Exception):
    """Input that cannot be used. ``problem`` says why; ``problems`` holds what else was found."""

    problem: Problem
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.problem.message
