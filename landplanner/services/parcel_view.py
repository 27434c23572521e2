"""The parcels as the map and the attribute table show them: attributes plus the derived
columns (the enterprise's score and class, the parcel's plan and whether it is overdue)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from landplanner.analysis.plans import parcel_plan_columns

#: The columns :func:`parcel_view` adds (or replaces) on the parcels; every other column of the
#: view is the parcels' own.
DERIVED_COLUMNS = ("score", "class", "plan_index", "plan_status", "overdue")


def parcel_view(project, scores: pd.DataFrame | None, today: dt.date):
    """Parcels with ``score``, ``class`` (joined on USCC) and ``plan_index``, ``plan_status``,
    ``overdue`` (:func:`~landplanner.analysis.plans.parcel_plan_columns`: the one
    plan-of-parcel rule).

    Parameters
    ----------
    project : Project
    scores : DataFrame, optional
        Scores with ``uscc``, ``score`` and ``class``.
    today : date
        For ``overdue``.

    Returns
    -------
    GeoDataFrame
        A shallow copy of ``project.parcels`` with the derived columns added.
    """
    gdf = project.parcels.copy(deep=False)
    if scores is not None and len(scores) and "uscc" in gdf:
        by_uscc = scores.drop_duplicates("uscc").set_index("uscc")
        gdf["score"] = gdf["uscc"].map(by_uscc["score"]) if "score" in by_uscc else float("nan")
        gdf["class"] = gdf["uscc"].map(by_uscc["class"]) if "class" in by_uscc else None
    else:
        gdf["score"] = float("nan")
        gdf["class"] = None
    plan = parcel_plan_columns(project.plans, gdf, today)
    gdf["plan_index"] = plan["plan_index"]
    gdf["plan_status"] = plan["plan_status"]
    gdf["overdue"] = plan["overdue"]
    return gdf
