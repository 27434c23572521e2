"""Strict JSON for every ``--json`` of the command line: no NaN or Infinity, ever.

A damaged table can make a benchmark or a rate infinite (a head count of 5e-324); Python's
``json`` would print ``Infinity``, which no strict reader accepts. :func:`dumps` writes
such numbers as ``null``.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: Any, skip: frozenset[str] = frozenset()) -> Any:
    """``value`` with every float that is NaN or infinite replaced by None (recursively;
    numpy scalars included). Dict keys in ``skip`` hold lists known to be clean: left as is."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: (v if k in skip else finite(v, skip)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v, skip) for v in value]
    if hasattr(value, "item") and hasattr(value, "dtype"):  # a numpy scalar
        return finite(value.item(), skip)
    return value


def dumps(value: Any, indent: int | None = 1) -> str:
    """Strict JSON text of ``value`` (non-finite numbers as null), Chinese kept as is."""
    return json.dumps(finite(value), ensure_ascii=False, indent=indent, allow_nan=False)
