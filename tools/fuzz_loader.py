"""Long fuzz run of the parcel loader: damaged files through ``landplanner check``.

Builds seed layers in every format (see ``tests/fuzz/fuzz_cases.py``), damages copies with
seeded mutators and runs the real CLI entry point (``landplanner check FILE --json``, the
same code path as ``python -m landplanner``) on each, in a worker process that is killed and
replaced when one case does not answer (a hang). Each case is judged as
``tests/fuzz/fuzz_harness.py`` says (internal error, traceback, hang, changed input, invalid
JSON, exit status other than 0/2).

Prints cases tried, failures by class (with their distinct causes), the slowest cases, and
keeps each failing case under ``--keep`` for reproduction. Exit status 1 when anything failed.

Usage::

    python tools/fuzz_loader.py --cases 10000 [--start 0] [--timeout 10] [--kind gpkg]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

PRELOAD = ("landplanner.cli.check_command", "landplanner.project", "landplanner.sources.loader")


def main(argv: list[str] | None = None) -> int:
    from fuzz_cases import SEED_KINDS, build_seeds, make_case
    from fuzz_harness import long_run

    return long_run(__doc__.splitlines()[0], build_seeds, make_case, SEED_KINDS, PRELOAD, argv)


if __name__ == "__main__":
    sys.exit(main())
