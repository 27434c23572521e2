"""The app's canonical parcel fields, guessing which source column holds each, and applying it.

A *mapping* is a plain ``dict`` (JSON-able, saved with the project)::

    {"parcel_id": "地块编号", "enterprise": "QYMC", ..., "declared_mu": "用地面积",
     "declared_mu_unit": "mu"}

Keys are canonical field names with the source column (or ``None``); the optional keys
``declared_mu_unit`` (``"mu"``, ``"m2"``, ``"ha"``) and ``tax_wan_unit`` (``"wan"``,
``"yuan"``) record the unit of those columns, so a saved mapping reapplies identically.

Recognition, in order: the column *name* (Chinese, pinyin initials, English; case, spaces,
underscores, brackets and a unit suffix ignored — ``用地面积(亩)``, ``MJ_M2``, ``面积_平方米``),
first exact aliases, then Chinese keywords; then, for fields still unmapped, the column
*values*: 18-character codes with a valid check character → ``uscc``; 闲置 / 低效 / 征而未供
→ ``category``; names ending in 开发区 / 园区 / 高新区 → ``park``; names ending in 公司 / 厂
→ ``enterprise``; two date columns → the earlier ``supply_date``, the later ``start_date``
(a single unnamed date column is left for the user: it could be either); a numeric column
that equals the mapped area in m², mu or ha → ``declared_mu``.

Category decision (DOMAIN §2): 闲置 → ``idle``; 低效, and also 供而未用 and 用而不足 (used or
supplied but not yet legally determined idle) → ``low_efficiency``; 征而未供, 批而未供,
批而未征 → ``unsupplied``; anything else (正常, blank, unknown words) → ``other``.

The code lives in :mod:`~landplanner.fields.catalogue` (the fields and categories),
:mod:`~landplanner.fields.values` (reading a cell), :mod:`~landplanner.fields.guess` (guessing
a mapping) and :mod:`~landplanner.fields.apply` (applying it); the public names are
importable from here.
"""

from __future__ import annotations

from landplanner.fields.apply import (  # noqa: F401
    apply_mapping,
)
from landplanner.fields.catalogue import (  # noqa: F401
    CANONICAL_FIELDS,
    CATEGORIES,
    CATEGORY_LABELS,
    DERIVED_COLUMNS,
    FIELDS_BY_NAME,
    M2_PER_MU,
    MAPPABLE,
    CanonicalField,
    normalise_category,
    user_columns,
)
from landplanner.fields.guess import (  # noqa: F401
    guess_mapping,
)
from landplanner.fields.values import (  # noqa: F401
    parse_date,
    parse_number,
)
