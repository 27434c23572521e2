"""Reading one cell: dates (``2021-3-5``, ``2021年3月5日``, ``20210305``) and numbers with a unit."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from landplanner.fields.catalogue import (
    _nfkc,
    _unit_of,
)

# ---------------------------------------------------------------- value parsing

_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ tT].*)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0+)?$")
_DATE_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_NUMBER = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*)$")


def parse_date(value: object) -> tuple[pd.Timestamp | None, str]:
    """Parse one date value.

    Returns ``(timestamp, status)`` with status ``"ok"``, ``"empty"``, ``"partial"``
    (year and month only; the 1st is used) or ``"bad"`` (timestamp None). Accepts
    datetimes, ``2020-03-05``, ``2020/3/5``, ``2020.03.05``, ``2020年3月5日``, ``20200305``.
    """
    if value is None or value is pd.NaT or value is pd.NA:
        return None, "empty"
    if isinstance(value, float) and np.isnan(value):
        return None, "empty"
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "year"):
        try:
            stamp = pd.Timestamp(value)
            if not pd.isna(stamp):
                stamp.as_unit("ns")  # out of the nanosecond range (year 31): not a usable date
        except (ValueError, OverflowError, TypeError):
            return None, "bad"
        return (
            (None, "empty")
            if pd.isna(stamp)
            else (stamp.tz_localize(None) if stamp.tz else stamp, "ok")
        )
    text = _nfkc(value)
    if not text:
        return None, "empty"
    for pattern, status in ((_DATE_YMD, "ok"), (_DATE_COMPACT, "ok"), (_DATE_YM, "partial")):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()] + [1]
            if not 1678 <= parts[0] <= 2261:  # beyond pandas' datetime range (year 31…)
                return None, "bad"
            try:
                return pd.Timestamp(parts[0], parts[1], parts[2]), status
            except ValueError:
                return None, "bad"
    return None, "bad"


def parse_number(value: object) -> tuple[float, str | None, str]:
    """Parse one number that may carry a unit: ``'12.5亩'`` → ``(12.5, 'mu', 'ok')``.

    Returns ``(number, unit, status)``; status ``"ok"``, ``"empty"`` or ``"bad"`` (NaN).
    Thousands separators and full-width digits are accepted.
    """
    if value is None or value is pd.NA:
        return np.nan, None, "empty"
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        number = float(value)
        return number, None, ("empty" if np.isnan(number) else "ok")
    text = _nfkc(value).replace(",", "").replace("，", "")
    if not text:
        return np.nan, None, "empty"
    match = _NUMBER.match(text)
    if not match:
        return np.nan, None, "bad"
    rest = match.group(2).strip()
    unit = _unit_of(rest) if rest else None
    if rest and unit is None:
        return np.nan, None, "bad"
    return float(match.group(1)), unit, "ok"
