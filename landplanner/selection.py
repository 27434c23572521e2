"""What a selection of parcels amounts to: how many, how many mu (the status bar's figure).

One function, so the status bar, tests and any report say the same number.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from landplanner import messages

messages.register(
    {
        "selection.summary": ("已选 {count:,} 个地块，共 {mu:,.2f} 亩",
                              "{count:,} parcels selected, {mu:,.2f} mu"),
        "selection.none": ("未选择地块", "No parcel selected"),
    }
)


def selection_total(parcels, positions: Sequence[int]) -> tuple[int, float]:
    """(number of parcels, total mu) of the parcels at row ``positions``.

    Area is ``area_mu`` (mu), else ``declared_mu`` where it is unknown (as the quotas count
    it); parcels with neither add nothing. Repeated positions count once.
    """
    if parcels is None or not len(positions):
        return 0, 0.0
    rows = np.unique(np.asarray(positions, dtype=np.int64))
    rows = rows[(rows >= 0) & (rows < len(parcels))]
    from landplanner.analysis.quota import parcel_area

    area = parcel_area(parcels.iloc[rows]).to_numpy(dtype=float)
    return int(len(rows)), float(np.nansum(area))


def selection_text(parcels, positions: Sequence[int], lang: str | None = None) -> str:
    """``已选 181 个地块，共 1,234.56 亩`` (or that nothing is selected)."""
    count, mu = selection_total(parcels, positions)
    if not count:
        return messages.text("selection.none", lang)
    return messages.text("selection.summary", lang, count=count, mu=mu)
