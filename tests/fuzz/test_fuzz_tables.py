"""A short, bounded fuzz run of the table readers and of opening a damaged project (the long
run: tools/fuzz_tables.py).

Hypothesis draws a kind and a case seed; the case is an indicator table, an asset table or
an incoming-project list damaged by the mutators of ``table_cases`` (odd numbers and areas,
headers, layout, encodings, delimiters, xlsx members, the zip), read by ``score``,
``assets`` or ``match``; or a damaged project GeoPackage (pages, tables, columns, values,
settings, plans, metadata, geometry) opened by the commands that take one. Each run of the
real CLI entry point must end in a result or a refusal with a message: no internal error, no
traceback, strict JSON, the inputs unchanged, within the time limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_harness import assert_handled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from table_cases import KINDS, build_seeds, make_case

#: Cases in the suite's run (about 0.3 s each on an idle machine); the long run does 3,000+.
MAX_EXAMPLES = 20
HANG_SECONDS = 10.0


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    return build_seeds(tmp_path_factory.mktemp("table-seeds"))


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 2**31 - 1))
def test_damaged_tables_and_projects_are_read_or_refused(seeds, tmp_path_factory, kind, seed):
    case = make_case(seeds, tmp_path_factory.mktemp("case"), seed, kind)
    result = assert_handled(case, HANG_SECONDS)
    assert result["status"] in (0, 2)
