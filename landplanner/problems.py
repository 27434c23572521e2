"""Problems found in input data, and the error raised when input cannot be used.

A :class:`Problem` carries a stable ``code`` (for tests and tools), a severity, the
message in Chinese and English, and the feature (row index) it concerns, if any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from landplanner import messages

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input: ``code``, ``severity``, messages, and the feature concerned."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    feature: int | None = None

    @classmethod
    def make(
        cls, code: str, severity: Severity = "warning", feature: int | None = None, **kwargs: object
    ) -> Problem:
        """Build a problem from the message catalogue entry ``code`` formatted with ``kwargs``."""
        zh, en = messages.both(code, **kwargs)
        return cls(code, severity, zh, en, feature)

    @property
    def message(self) -> str:
        """The message in the current language."""
        return self.message_en if messages.language() == "en" else self.message_zh

    def to_dict(self) -> dict:
        """JSON form: ``{code, severity, message, feature}`` in the current language."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "feature": self.feature,
        }


@dataclass
class InputError(Exception):
    """Input that cannot be used. ``problem`` says why; ``problems`` holds what else was found."""

    problem: Problem
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.problem.message
