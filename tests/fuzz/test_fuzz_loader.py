"""A short, bounded fuzz run of ``landplanner check`` (the long run: tools/fuzz_loader.py).

Hypothesis draws a seed kind and a case seed; the case is a seed layer damaged by the
mutators of ``fuzz_cases`` (shapefile headers and records, DBF descriptors and records,
.cpg/.prj text, zip members, GeoPackage pages, GeoJSON text). Each run of the real CLI entry
point must end in a loaded report or a refusal: no internal error, no traceback, strict
JSON, the input unchanged, and within the time limit (a hang is caught by the worker used
in the long run; here a case taking over 10 s of CPU fails the test).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_cases import SEED_KINDS, build_seeds, make_case
from fuzz_harness import assert_handled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Cases in the suite's run (about 0.2 s each on an idle machine); the long run does 10,000+.
MAX_EXAMPLES = 60
HANG_SECONDS = 10.0


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    return build_seeds(tmp_path_factory.mktemp("fuzz-seeds"))


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(SEED_KINDS), seed=st.integers(0, 2**31 - 1))
def test_damaged_inputs_are_loaded_or_refused(seeds, tmp_path_factory, kind, seed):
    case = make_case(seeds, tmp_path_factory.mktemp("case"), seed, kind)
    result = assert_handled(case, HANG_SECONDS)
    report = json.loads(result["stdout"])
    assert result["status"] == (0 if report["ok"] else 2)
