"""Enterprise indicator tables: reading them, and joining them to parcels.

A department's yearly table (.xlsx or .csv) has one row per enterprise. Its headers are
recognised by meaning (:mod:`landplanner.analysis.scoring_headers`), its units converted to
the canonical ones (money in 万元, land in mu, electricity in 万千瓦时), and every cell that
cannot be used is reported with its spreadsheet row number and column header.

Canonical columns (``INDICATOR_COLUMNS``): ``year, uscc, name, size ('above'|'below'),
group, land_mu, tax, sales, value_added, energy, emissions, employees, rd, revenue,
electricity, veto_safety, veto_env``, plus ``renting, industry, production_start`` (year the
firm started production) and ``source_row`` (the row number in the file). Columns the reader
does not recognise are kept under their original header, so bonus items can use them.

A problem about a table row carries that row's number in the file (as Excel shows it) both
in its message and as ``Problem.feature``.

The code lives in :mod:`~landplanner.analysis.indicator_columns` (columns, labels, messages),
:mod:`~landplanner.analysis.indicator_table` (reading a table) and
:mod:`~landplanner.analysis.enterprises` (several years, joining to parcels); every public
name stays importable from here.
"""

from __future__ import annotations

from landplanner.analysis.enterprises import (  # noqa: F401
    add_years,
    build_enterprises,
    select_year,
    uscc_is_valid,
)
from landplanner.analysis.indicator_columns import INDICATOR_COLUMNS, field_label  # noqa: F401
from landplanner.analysis.indicator_table import (  # noqa: F401
    OTHER_SPREADSHEETS,
    read_indicator_table,
)
