"""What the loader found: the load report and its parts (CRS, encoding).

These are plain dataclasses so the UI, the CLI (``check --json``) and the project store can
show or save them without knowing how they were worked out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd

from landplanner.problems import Problem

EncodingSource = Literal["cpg", "ldid", "detected", "user"]


@dataclass
class EncodingInfo:
    """The text encoding used to decode the attributes and how it was decided.

    ``name`` is the encoding actually used (``"UTF-8"``, ``"CP936"``, ``"GB18030"``,
    ``"CP1252"``…); ``source`` is ``"cpg"`` (the .cpg file), ``"ldid"`` (the DBF language
    byte), ``"detected"`` (from the bytes, or fixed by the format, e.g. GeoPackage) or
    ``"user"`` (an override).
    """

    name: str
    source: EncodingSource

    def to_dict(self) -> dict:
        """JSON form ``{name, source}``."""
        return {"name": self.name, "source": self.source}


@dataclass
class CrsInfo:
    """The coordinate reference system of the layer.

    ``epsg`` is None when no EPSG code was recognised; ``name`` is ``"unknown"`` when the
    layer has no usable CRS at all. ``source`` says where it came from (``"prj"``,
    ``"layer"`` or ``"none"``). ``suggestion`` and ``suggested_epsg`` describe a guess from
    the coordinates' magnitude for an unknown CRS; the guess is **never applied**.
    """

    epsg: int | None
    name: str
    wkt: str = ""
    source: str = "none"
    suggestion: str | None = None
    suggested_epsg: int | None = None

    @property
    def known(self) -> bool:
        """True when the layer has a CRS (with or without an EPSG code)."""
        return self.name != "unknown"

    def to_dict(self) -> dict:
        """JSON form ``{epsg, name, wkt, source, suggestion, suggested_epsg}``."""
        return {
            "epsg": self.epsg,
            "name": self.name,
            "wkt": self.wkt,
            "source": self.source,
            "suggestion": self.suggestion,
            "suggested_epsg": self.suggested_epsg,
        }


@dataclass
class LoadReport:
    """Everything the loader found about one layer.

    ``features`` counts rows (including rows whose geometry is null), ``problems`` lists
    every finding with its code, severity, bilingual message and feature (row index, 0-based).
    ``layers`` lists every layer the source holds (several for a folder, zip or GeoPackage).
    """

    path: str
    layer: str | None
    features: int = 0
    geometry_type: str = "Unknown"
    crs: CrsInfo = field(default_factory=lambda: CrsInfo(None, "unknown"))
    encoding: EncodingInfo = field(default_factory=lambda: EncodingInfo("UTF-8", "detected"))
    problems: list[Problem] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)

    def problems_with(self, code: str) -> list[Problem]:
        """The problems with the given code."""
        return [p for p in self.problems if p.code == code]

    def to_dict(self) -> dict:
        """JSON-able form (messages in the current language)."""
        return {
            "path": self.path,
            "layer": self.layer,
            "features": self.features,
            "geometry_type": self.geometry_type,
            "crs": self.crs.to_dict(),
            "encoding": self.encoding.to_dict(),
            "problems": [p.to_dict() for p in self.problems],
            "layers": list(self.layers),
        }


@dataclass
class LoadResult:
    """The loaded parcels (source attributes + repaired 2D polygon geometry) and the report."""

    gdf: gpd.GeoDataFrame
    report: LoadReport

    def __iter__(self):
        # Allows ``gdf, report = load_parcels(...)``.
        return iter((self.gdf, self.report))
