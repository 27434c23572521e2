"""Opening the FILE_OR_PROJECT argument that several subcommands share."""

from __future__ import annotations

from pathlib import Path

from landplanner import messages
from landplanner.problems import InputError, Problem
from landplanner.project import Project
from landplanner.store import open_any

messages.register({
    "cli.plans.not_found": ("找不到文件：{path}", "file not found: {path}"),
})


def open_input(path: str) -> Project:
    """Open a project or import a parcel file (:func:`landplanner.store.open_any`).

    Raises
    ------
    InputError
        When the file is missing or cannot be used.
    """
    from landplanner.store import is_uri

    if not is_uri(path) and not Path(path).exists():
        raise InputError(Problem.make("cli.plans.not_found", "error", path=path))
    return open_any(path)
