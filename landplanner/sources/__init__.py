"""Reading parcel files you can trust (no Qt).

``list_layers(path)`` and ``load_parcels(path, layer=None, encoding=None, engine="pyogrio",
progress=None) -> LoadResult(gdf, report)``; unusable input raises
:class:`landplanner.problems.InputError` only.
"""

from landplanner.sources.loader import list_layers, load_parcels
from landplanner.sources.report import CrsInfo, EncodingInfo, LoadReport, LoadResult

__all__ = ["list_layers", "load_parcels", "LoadResult", "LoadReport", "CrsInfo", "EncodingInfo"]
