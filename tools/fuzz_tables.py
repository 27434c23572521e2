"""Long fuzz run of the table readers and of opening a damaged project.

Damaged indicator tables through ``landplanner score``, asset tables through ``landplanner
assets PROJECT --table``, incoming-project lists through ``landplanner match PROJECT
--projects`` (each as .xlsx or .csv), and damaged project GeoPackages through ``score``,
``quota``, ``assets``, ``match``, ``ranking`` and ``check`` — seeds and mutators in
``tests/fuzz/table_cases.py``. Each case runs the real CLI entry point in a worker process
that is killed and replaced when a case does not answer, and is judged as
``tests/fuzz/fuzz_harness.py`` says (internal error, traceback, hang, changed input, invalid
JSON, exit status other than 0/2 or a refusal without a message).

Prints cases tried, failures by class (with their distinct causes), the slowest cases, and
keeps each failing case under ``--keep`` for reproduction. Exit status 1 when anything failed.

Usage::

    python tools/fuzz_tables.py --cases 3000 [--start 0] [--timeout 10] [--kind project]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

PRELOAD = (
    "landplanner.cli.score_command", "landplanner.cli.assets_command",
    "landplanner.cli.match_command", "landplanner.cli.quota_command",
    "landplanner.cli.ranking_command", "landplanner.cli.check_command", "landplanner.store",
    "openpyxl",
)


def main(argv: list[str] | None = None) -> int:
    from fuzz_harness import long_run
    from table_cases import KINDS, build_seeds, make_case

    return long_run(__doc__.splitlines()[0], build_seeds, make_case, KINDS, PRELOAD, argv,
                    keep_name="landplanner-fuzz-tables")


if __name__ == "__main__":
    sys.exit(main())
