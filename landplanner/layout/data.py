"""What a printed page shows, gathered once from the project: parcels with their class and
plan status, the style's colours and legend, parks, the quota table, a state fingerprint.

The figures come from the core functions the app uses (``scoring.score_year``,
``quota.compute``, ``plans.overdue``), so paper and screen agree.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QColor

from landplanner import messages
from landplanner.render.draw import ParkLayer
from landplanner.render.geometry import LayerGeometry, Symbology

messages.register({
    "layout.district": ("全区", "District"),
    "layout.geographic_crs": (
        "项目坐标系“{crs}”是经纬度坐标，比例尺和比例尺条在纸上不准确；请将地块投影到 CGCS2000 "
        "高斯-克吕格投影带后再打印",
        "the project CRS '{crs}' is geographic: the scale and scale bar would not be true on "
        "paper; project the parcels to a CGCS2000 Gauss-Krüger zone before printing",
    ),
    "layout.no_parcels": ("项目中没有地块，无法制图", "the project has no parcels to map"),
})


@dataclass(frozen=True)
class LegendItem:
    """One legend row: label, fill and outline colour; ``accent``: an outline-only symbol."""

    label: str
    fill: QColor
    outline: QColor
    accent: bool = False


@dataclass
class MapData:
    """Everything a layout or atlas page draws, prepared once per export."""

    project: Any
    parcels: pd.DataFrame
    layer: LayerGeometry
    symbology: Symbology
    style_name: str
    style_title: str
    legend: list[LegendItem]
    parks: ParkLayer | None
    scores: pd.DataFrame | None
    crs: Any
    today: _dt.date
    extras: dict = field(default_factory=dict)
    _lazy: dict = field(default_factory=dict, repr=False)

    # Computed when a page first shows them (a layout without the quota table and without
    # parks never runs ``quota.compute``).
    @property
    def quota(self) -> pd.DataFrame | None:
        """The park quota table (``quota.compute``), None for a project without one."""
        if "quota" not in self._lazy:
            self._lazy["quota"] = quota_table(self.project, self.today)
        return self._lazy["quota"]

    @property
    def quota_labels(self) -> dict:
        """``{park: (done_mu, target_mu, behind)}`` (:func:`quota_labels`)."""
        if "quota_labels" not in self._lazy:
            self._lazy["quota_labels"] = quota_labels(self.quota)
        return self._lazy["quota_labels"]

    @property
    def fingerprint(self) -> str:
        """Eight hex digits of the project state (:func:`fingerprint`)."""
        if "fingerprint" not in self._lazy:
            # the layer's flattened coordinates are the parcels' (drawing reuses them)
            self._lazy["fingerprint"] = fingerprint(self.project, self.layer.full_arrays()[0])
        return self._lazy["fingerprint"]

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """Extent of parcels and parks."""
        boxes = []
        if self.layer.total_bounds is not None:
            boxes.append(self.layer.total_bounds)
        if self.parks is not None and self.parks.geometry.total_bounds is not None:
            boxes.append(self.parks.geometry.total_bounds)
        if not boxes:
            return None
        b = np.asarray(boxes, dtype=float)
        return (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())

    def crs_text(self) -> str:
        """The CRS as printed under the map (name and EPSG code)."""
        if self.crs is None:
            return "—"
        epsg = self.crs.to_epsg() if hasattr(self.crs, "to_epsg") else None
        name = getattr(self.crs, "name", str(self.crs))
        name = name.replace("3-degree Gauss-Kruger CM ", "3度带 中央经线 ")
        name = name.replace("Gauss-Kruger zone ", "6度带 ")
        return f"{name} (EPSG:{epsg})" if epsg else str(name)


_translator: QTranslator | None = None


class _StyleWords:
    """The app's Chinese for the style titles while a page's data is gathered.

    The styles' titles ("By land category", "Overdue (red outline)") are Qt translations.
    Without the app's translators (the command line), the Chinese ones are installed for the
    duration of :func:`build_map_data` only, so nothing else in the process changes language.
    """

    def __enter__(self) -> _StyleWords:
        global _translator
        self.installed = False
        app = QCoreApplication.instance()
        if app is None or messages.language() != "zh":
            return self
        if QCoreApplication.translate("MapStyles", "By land category") != "By land category":
            return self  # the app installed its translators already
        if _translator is None:
            qm = Path(__file__).resolve().parents[1] / "i18n" / "landplanner_zh_CN.qm"
            translator = QTranslator()
            if not translator.load(str(qm)):
                return self
            _translator = translator
        self.installed = app.installTranslator(_translator)
        return self

    def __exit__(self, *exc) -> None:
        if self.installed:
            QCoreApplication.instance().removeTranslator(_translator)


def scoring_config(project):
    """The project's scoring rules (``services.scoring.project_config``), for labels."""
    from landplanner.analysis.scoring_config import DEFAULT_PRESET, load_preset
    from landplanner.services.scoring import project_config

    try:
        return project_config(project)
    except Exception:  # labels only; a broken saved config is reported by `score`
        return load_preset(DEFAULT_PRESET)


def project_scores(project) -> pd.DataFrame | None:
    """The project's scores from the one pipeline (``services.scoring.score_project``), else
    the ones saved with the project (a project without indicators)."""
    if project.indicators is not None and len(project.indicators):
        from landplanner.services.scoring import score_project

        try:
            return score_project(project).scores
        except Exception:  # scores are optional on paper; the saved ones stand in
            pass
    records = (project.settings or {}).get("scores")
    return pd.DataFrame(records) if records else None


def parcel_frame(project, scores: pd.DataFrame | None, today: _dt.date) -> pd.DataFrame:
    """Parcels with ``score``, ``class`` (joined on USCC) and ``plan_index``, ``plan_status``,
    ``overdue`` (``plans.parcel_plan_columns``: the one plan-of-parcel rule)."""
    from landplanner.analysis.plans import parcel_plan_columns

    gdf = project.parcels.copy(deep=False)
    if scores is not None and len(scores) and "uscc" in gdf and "uscc" in scores:
        by_uscc = scores.drop_duplicates("uscc").set_index("uscc")
        gdf["score"] = gdf["uscc"].map(by_uscc["score"]) if "score" in by_uscc else np.nan
        gdf["class"] = gdf["uscc"].map(by_uscc["class"]) if "class" in by_uscc else None
    else:
        gdf["score"] = np.nan
        gdf["class"] = None
    plan = parcel_plan_columns(list(project.plans or []), gdf, today)
    gdf["plan_index"] = plan["plan_index"]
    gdf["plan_status"] = plan["plan_status"]
    gdf["overdue"] = plan["overdue"]
    return gdf


def fingerprint(project, coords: np.ndarray | None = None) -> str:
    """Eight hex digits identifying the project state (geometry, attributes, plans, settings).

    Printed on every page, so two printouts can be told apart when the data changed. The
    geometry is hashed as whole numpy buffers (every coordinate, and per feature its type,
    parts, holes and vertex count), the attributes column by column with pandas' vectorised
    hash: no Python step per parcel. ``coords``: the parcels' coordinates when already
    flattened (``LayerGeometry.full_arrays``).
    """
    h = hashlib.sha256()
    parcels = project.parcels
    if len(parcels):
        geoms = np.asarray(parcels.geometry.to_numpy(), dtype=object)
        if coords is None:
            coords = shapely.get_coordinates(geoms)
        h.update(np.ascontiguousarray(coords, dtype=np.float64).tobytes())
        for counts in (shapely.get_type_id(geoms), shapely.get_num_geometries(geoms),
                       shapely.get_num_interior_rings(geoms),
                       shapely.get_num_coordinates(geoms)):
            h.update(np.ascontiguousarray(counts, dtype=np.int64).tobytes())
        for name in parcels.columns:
            if name == parcels.geometry.name:
                continue
            h.update(str(name).encode())
            column = parcels[name]
            try:
                hashed = pd.util.hash_pandas_object(column, index=False)
            except TypeError:  # unhashable cells (lists, dicts): by their text
                hashed = pd.util.hash_pandas_object(column.astype(str), index=False)
            h.update(hashed.to_numpy().tobytes())
    plans = [p.to_dict() if hasattr(p, "to_dict") else p for p in project.plans or []]
    h.update(json.dumps(plans, ensure_ascii=False, sort_keys=True, default=str).encode())
    settings = {k: v for k, v in (project.settings or {}).items() if k != "print_templates"}
    h.update(json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str).encode())
    return h.hexdigest()[:8]


def quota_table(project, today: _dt.date) -> pd.DataFrame | None:
    """``quota.compute`` of the project, None when it has no park/category columns."""
    from landplanner.analysis import quota as quota_mod

    try:
        return quota_mod.compute(project.parcels, project.plans, project.settings, today)
    except Exception:  # a project without park/category columns has no quota table
        return None


def quota_labels(table: pd.DataFrame | None) -> dict:
    """``{park: (done_mu, target_mu, behind)}`` for the map's quota gauges (the canvas's and
    print's: a park behind pace is red on both, as in the quota panel)."""
    from landplanner.analysis.quota import DISTRICT

    if table is None:
        return {}
    out = {}
    for row in table.to_dict("records"):
        if row["park"] != DISTRICT:
            out[row["park"]] = (row["done_mu"], row["target_mu"], bool(row["behind"]))
    return out


def build_map_data(project, style: str = "category", today: _dt.date | None = None,
                   scores: pd.DataFrame | None = None, with_scores: bool = True) -> MapData:
    """Gather what pages of ``project`` draw in ``style``.

    ``scores`` (the app's, already computed) or, with ``with_scores``, the scoring pipeline's
    give the parcels their per-mu class; a map page that does not show it (every style but
    ``class``; the atlas does show it) passes ``with_scores=False`` and skips the scoring.

    Raises InputError when there are no parcels or the CRS is geographic (the scale on
    paper would be wrong).
    """
    from landplanner.problems import InputError, Problem

    # Colours and legends of the styles are shared with the canvas (render.styles).
    from landplanner.render.styles import get_style

    today = today or _dt.date.today()
    if project.parcels is None or len(project.parcels) == 0:
        raise InputError(Problem.make("layout.no_parcels", "error"))
    crs = getattr(project.parcels, "crs", None)
    if crs is not None and getattr(crs, "is_geographic", False):
        raise InputError(Problem.make("layout.geographic_crs", "error", crs=crs.name))
    if scores is None and with_scores:
        scores = project_scores(project)
    frame = parcel_frame(project, scores, today)
    with _StyleWords():
        thematic = get_style(style, frame)
        sym = thematic.symbology(frame, ("print", id(frame)))
        legend = [LegendItem(e.label, e.fill, e.outline, e.accent)
                  for e in thematic.legend(frame)]
    layer = LayerGeometry(frame.geometry.to_numpy())
    parks = None
    if project.parks is not None and len(project.parks):
        names = (project.parks["name"].astype(str).tolist() if "name" in project.parks
                 else [str(i) for i in range(len(project.parks))])
        parks = ParkLayer(names, LayerGeometry(project.parks.geometry.to_numpy()))
    return MapData(project=project, parcels=frame, layer=layer, symbology=sym,
                   style_name=style, style_title=thematic.title, legend=legend, parks=parks,
                   scores=scores, crs=crs, today=today)
