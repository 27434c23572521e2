"""The one place where a subcommand's failures become a message and exit status 2."""

from __future__ import annotations

import argparse
import functools
import logging
import sys

from landplanner import messages
from landplanner.problems import InputError

_log = logging.getLogger("landplanner.cli")

messages.register(
    {
        "cli.plans.internal": (
            "内部错误（请报告此问题）：{detail}",
            "internal error (please report it): {detail}",
        ),
    }
)


def guarded(run_body):  # noqa: ANN001, ANN201 - a decorator for run(args)
    """Turn input problems (and anything unexpected) into a message and exit status 2."""

    @functools.wraps(run_body)
    def run(args: argparse.Namespace) -> int:
        previous = messages.language()  # restored: run() may be called in-process (tests, UI)
        if getattr(args, "lang", None):
            messages.set_language(args.lang)
        try:
            return run_body(args)
        except InputError as exc:
            print(exc.problem.message, file=sys.stderr)
            for problem in exc.problems[:20]:
                if problem is not exc.problem and problem.severity == "error":
                    print("  " + problem.message, file=sys.stderr)
            return 2
        except BrokenPipeError:
            return 0
        except Exception as exc:  # the user gets a message, never a traceback
            # the details go to the log file (landplanner.cli.setup_logging), not the terminal
            _log.exception("internal error in %s", getattr(args, "command", "?"))
            detail = f"{type(exc).__name__}: {exc}"
            print(messages.text("cli.plans.internal", detail=detail), file=sys.stderr)
            return 2
        finally:
            messages.set_language(previous)

    return run
