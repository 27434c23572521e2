"""Problems found in input data, and the error raised when input cannot be used.

A :class:`Problem` carries a stable ``code`` (for tests and tools), a severity, the
message in Chinese and English, and the feature (row index) it concerns, if any.

A problem that concerns many rows is *one* record for the whole kind (columnar): its
``features`` hold the row indices (an int array) and ``count`` says how many; its message
says how many and names the first ones. ``feature`` is then the row when there is exactly one,
else None. Made with :meth:`Problem.group`, in one call per kind, never one object per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from landplanner import messages

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
        shown = list(shown[:5]) if shown is not None else [f"#{int(r) + 1}" for r in rows[:5]]
        more = "…" if len(rows) > 5 else ""
        kwargs.setdefault("count", len(rows))

        def lang(k: int) -> dict:  # a (zh, en) pair as a value gives each language its word
            return {key: (v[k] if isinstance(v, tuple) and len(v) == 2 else v)
                    for key, v in kwargs.items()}

        zh = messages.text(code, "zh", **{"first": "、".join(map(str, shown)) + more, **lang(0)})
        en = messages.text(code, "en", **{"first": ", ".join(map(str, shown)) + more, **lang(1)})
        single = int(rows[0]) if len(rows) == 1 else None
        return cls(code, severity, zh, en, single, rows)

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


@dataclass
class InputError(Exception):
    """Input that cannot be used. ``problem`` says why; ``problems`` holds what else was found."""

    problem: Problem
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.problem.message
