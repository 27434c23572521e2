"""The progress callback the pipelines take, and the error they raise on Cancel."""

from __future__ import annotations

from collections.abc import Callable

from landplanner import messages
from landplanner.problems import InputError, Problem

Progress = Callable[[float, str], bool]

messages.register({
    "services_cancelled": ("已取消。", "Cancelled."),
})


def cancelled() -> InputError:
    """The error a cancelled pipeline raises (``problem.code == "cancelled"``)."""
    zh, en = messages.both("services_cancelled")
    return InputError(Problem("cancelled", "error", zh, en))


def is_cancelled(error: BaseException) -> bool:
    """Whether ``error`` is the user's Cancel (not a failure to report)."""
    problem = getattr(error, "problem", None)
    return isinstance(error, InputError) and getattr(problem, "code", None) == "cancelled"


def step(progress: Progress | None, fraction: float, code: str, **kwargs: object) -> None:
    """Report ``fraction`` with message ``code``; raise :func:`cancelled` when asked to stop."""
    if progress is not None and progress(fraction, messages.text(code, **kwargs)) is False:
        raise cancelled()
