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


def add_crs_argument(parser) -> None:
    """``--crs EPSG:NNNN``: the coordinate system of parcels that have no usable one."""
    parser.add_argument(
        "--crs", metavar="EPSG:NNNN",
        help="coordinate system of a file without a usable one, e.g. EPSG:4490",
    )


def open_input(path: str, crs: str | None = None, need_area: bool = False) -> Project:
    """Open a project or import a parcel file (:func:`landplanner.store.open_any`).

    ``crs`` (``EPSG:4549``) is assigned to parcels that have no CRS (a parcel file's wrong
    .prj is overridden too). With ``need_area`` a file whose parcels still have no CRS is
    refused: its areas would be blank.

    Raises
    ------
    InputError
        When the file is missing or cannot be used, ``crs`` is not an EPSG code, or
        ``need_area`` and there is no CRS (the message names ``--crs``).
    """
    from landplanner.project import set_project_crs
    from landplanner.sources import crs_choice
    from landplanner.store import is_uri

    if not is_uri(path) and not Path(path).exists():
        raise InputError(Problem.make("cli.plans.not_found", "error", path=path))
    epsg = crs_choice.parse_crs(crs) if crs else None
    if epsg is None:
        project = open_any(path)
    else:
        from landplanner import store

        if store.is_project(path):
            project = open_any(path)
            set_project_crs(project, epsg)
        else:
            from landplanner.sources import load_parcels

            result = crs_choice.assign_crs(load_parcels(path), epsg)
            project = Project.from_load(result)
    if need_area:
        crs_choice.require_crs(project, Path(path).name)
    return project
