"""The one adapter between the core ``Project`` and the widgets (docs/architecture.md).

It holds the current project, its file path, the selection, the latest scores and the undo
stack, calls the core for every figure, and tells widgets what changed through signals.
Widgets subscribe to these signals and never reach into each other.

One writer: every change to the project (parcels, parks, indicators, plans, settings) goes
through a method of this class, and only this class emits the change signals. Scores are
derived data: recomputing them is not an edit and never marks the project changed.

Selections are **row positions** (0..n-1) in ``project.parcels``, the same numbers the map
canvas uses.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

LOG = logging.getLogger("landplanner.ui")

def _is_uri(location: str) -> bool:
    from landplanner.store.registry import is_uri

    return is_uri(location)


class ProjectModel(QObject):
    """Current project + selection + scores, with change signals."""

    projectChanged = Signal()  # a different project: everything must reload
    parcelsChanged = Signal()  # rows or many values changed
    cellChanged = Signal(int, str)  # one value: row position, column
    parksChanged = Signal()
    selectionChanged = Signal(list)
    scoresChanged = Signal()
    plansChanged = Signal()
    indicatorsChanged = Signal()  # the indicator table (its years) changed: scores follow
    settingsChanged = Signal(str)  # one top-level settings key changed
    dirtyChanged = Signal(bool)
    pathChanged = Signal(str)
    remoteChanged = Signal(str)  # other users' changes were taken in: a short summary
    assetsChanged = Signal()  # the asset lists (资产清单) or their plans changed
    snapshotsChanged = Signal()  # a 季度大比武 snapshot was frozen
    matchChanged = Signal()  # incoming projects or the matching result changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Any = None
        #: Where the project is stored: a file path or a store URI (``postgresql://…``).
        self.location: str | None = None
        self.selection: list[int] = []
        self.scores: pd.DataFrame | None = None
        self.score_result: Any = None  # services.scoring.ScoreResult behind ``scores``
        self.undo_stack = QUndoStack(self)
        self._unsaved_import = False
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.today = dt.date.today()
        # The display frame and the quota table are asked for by several widgets after each
        # change (and by the details panel on every click): compute them once per change.
        # Connected here, first, so the cache is cleared before any widget's slot runs.
        self._cache: dict[str, Any] = {}
        for signal in (self.projectChanged, self.parcelsChanged, self.cellChanged,
                       self.parksChanged, self.scoresChanged, self.plansChanged,
                       self.indicatorsChanged, self.settingsChanged):
            signal.connect(self._forget_cache)
        # A big project's panels fill after the map's first paint (ui.first_paint): the
        # window sets the threshold and releases the gate; a model on its own never defers.
        from landplanner.ui.first_paint import PanelGate

        self.after_map = PanelGate(self)
        self.defer_panels_above: int | None = None

    def _forget_cache(self, *_args: Any) -> None:
        self._cache.clear()

    def _clean_changed(self, _clean: bool) -> None:
        self.dirtyChanged.emit(self.dirty)

    # -- state -----------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The project file (None for a project in a database, or not yet saved)."""
        if not self.location or _is_uri(self.location):
            return None
        return Path(self.location)

    @path.setter
    def path(self, value: str | Path | None) -> None:
        self.location = str(value) if value else None

    @property
    def shared(self) -> bool:
        """Whether the project lives in a shared database (others may edit it meanwhile)."""
        return bool(self.location) and _is_uri(self.location)

    @property
    def dirty(self) -> bool:
        """Whether there are changes not yet saved to :attr:`path`."""
        return self.project is not None and (
            self._unsaved_import or not self.undo_stack.isClean()
        )

    @property
    def parcels(self):
        """The project's parcels GeoDataFrame, or None without a project."""
        return None if self.project is None else self.project.parcels

    def set_project(self, project: Any, path: str | Path | None, *, saved: bool) -> None:
        """Adopt ``project`` (from a file or an import); ``saved`` says if it matches ``path``."""
        self.project = project
        self.location = str(path) if path else None
        self.selection = []
        # scores are derived data: the scoring panel recomputes them for the new project
        self.scores = None
        self.score_result = None
        self.match_result = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._unsaved_import = not saved
        if project is not None and isinstance(project.settings, dict):
            # Scores are derived: older versions kept a copy in the settings; recompute instead.
            project.settings.pop("scores", None)
        limit = self.defer_panels_above
        if limit is not None and project is not None and len(project.parcels) > limit:
            self.after_map.hold()  # released by the window once the map is painted
        else:
            self.after_map.release()
        self.projectChanged.emit()
        self.pathChanged.emit(str(self.location or ""))
        self.dirtyChanged.emit(self.dirty)

    def later(self, key: object, refresh, placeholder=None) -> bool:
        """Run a panel's ``refresh`` now, or after the map's first paint of a big project
        (``placeholder`` shows meanwhile); see :mod:`landplanner.ui.first_paint`."""
        return self.after_map.run(key, refresh, placeholder)

    def close_project(self) -> None:
        """Forget the current project (File → New)."""
        self.set_project(None, None, saved=True)

    def mark_saved(self, path: str | Path, *, clean: bool = True) -> None:
        """Record a successful save to ``path`` (a file path or a store URI).

        ``clean=False`` when edits were made while the save ran: they stay unsaved.
        """
        self.location = str(path)
        if clean:
            self._unsaved_import = False
            self.undo_stack.setClean()
        self.pathChanged.emit(self.location)
        self.dirtyChanged.emit(self.dirty)

    def mark_restored(self, original: str | Path | None, store_state: Any = None) -> None:
        """A recovered copy is unsaved work belonging to ``original`` (or to no file yet);
        ``store_state`` is what a shared store had loaded (its next save merges against it)."""
        if store_state is not None and original and self.project is not None:
            self.project.store_state = store_state
        self.location = str(original) if original else None
        self.mark_changed()
        self.pathChanged.emit(self.location or "")

    def mark_changed(self) -> None:
        """Record a change that the undo stack does not hold (an import)."""
        self._unsaved_import = True
        self.dirtyChanged.emit(True)

    def snapshot(self) -> Any:
        """A deep copy of the project, safe to save from a worker thread while editing goes on."""
        return copy.deepcopy(self.project)

    # -- selection -------------------------------------------------------------------------
    def set_selection(self, positions: list[int]) -> None:
        """Select parcels by row position; emits ``selectionChanged`` only on a change."""
        positions = sorted({int(p) for p in positions})
        if positions != self.selection:
            self.selection = positions
            self.selectionChanged.emit(positions)

    def announce_selection(self) -> None:
        """Tell newly built widgets the current selection (after the window was rebuilt)."""
        if self.selection:
            self.selectionChanged.emit(list(self.selection))

    def positions_of_park(self, park: str) -> list[int]:
        """Row positions of the parcels in ``park``."""
        if self.parcels is None or "park" not in self.parcels:
            return []
        mask = (self.parcels["park"] == park).fillna(False).to_numpy()
        return [int(i) for i in mask.nonzero()[0]]

    # -- attribute edits (called by undo commands) -----------------------------------------
    def value(self, position: int, column: str) -> Any:
        """The value of ``column`` at row ``position``."""
        return self.parcels[column].iloc[position]

    def set_value(self, position: int, column: str, value: Any) -> None:
        """Write one attribute (no undo: :class:`~landplanner.ui.undo_commands` call this)."""
        col = self.parcels.columns.get_loc(column)
        self.parcels.iat[position, col] = value
        self.cellChanged.emit(position, column)

    # -- plans -----------------------------------------------------------------------------
    def plans(self) -> list:
        """The project's plans (empty without a project)."""
        return [] if self.project is None else list(self.project.plans)

    def plan_index_for(self, position: int) -> int | None:
        """Index in ``project.plans`` of the plan of the parcel at ``position``.

        From the display frame, so the details panel, the plan editor, the map and the table
        use the same answer (``plans.plan_for_parcels``).
        """
        if self.project is None:
            return None
        found = self.parcel_view()["plan_index"].iloc[position]
        return None if found is pd.NA else int(found)

    def set_plan(self, index: int | None, plan: Any) -> int:
        """Replace plan ``index`` by ``plan`` (append when ``index`` is None, remove when ``plan``
        is None); returns the index. Called by the plan undo command."""
        plans = self.project.plans
        if index is None:
            plans.append(plan)
            index = len(plans) - 1
        elif plan is None:
            plans.pop(index)
        else:
            plans[index] = plan
        self.plansChanged.emit()
        return index

    # -- project settings (called by the settings undo command) ----------------------------
    def set_settings(self, settings: dict, renames: dict[str, str] | None = None) -> None:
        """Write the project settings (no undo: ``SetSettingsCommand`` calls this); parcels of
        a renamed park follow it (``renames``: old name → new name)."""
        from landplanner.project_settings import update_project

        update_project(self.project, settings, renames)
        self.settingsChanged.emit("quotas")
        self.parksChanged.emit()
        if renames:
            self.parcelsChanged.emit()

    # -- imports (not on the undo stack: they mark the project changed) -------------------
    def set_parks(self, parks: Any) -> list:
        """Attach park boundaries, assign each parcel its park; returns the problems found."""
        problems = self.project.set_parks(parks)
        self.mark_changed()
        self.parksChanged.emit()
        self.parcelsChanged.emit()
        return problems

    # -- settings ----------------------------------------------------------------------------
    def set_setting(self, key: str, value: Any) -> None:
        """Change one top-level project setting; a value equal to the current one is no edit."""
        if self.project is None:
            return
        settings = self.project.settings
        if key in settings and settings[key] == value:
            return
        settings[key] = copy.deepcopy(value)
        self.mark_changed()
        self.settingsChanged.emit(key)

    def save_print_template(self, name: str, layout: dict) -> None:
        """Keep a print layout in the project settings under ``name`` (File → Print)."""
        from landplanner.layout.model import SETTINGS_KEY

        if self.project is None:
            return
        saved = dict(self.project.settings.get(SETTINGS_KEY) or {})
        saved[name] = dict(layout)
        self.set_setting(SETTINGS_KEY, saved)

    # -- a shared project: other users' changes ---------------------------------------------
    def adopt_saved(self, saved: Any) -> None:
        """After a save to a shared store: keep what the store now knows (row versions) and show
        the other users' changes the save merged in (``saved`` is ``store.SavedLocation``)."""
        if self.project is None or saved.store_state is None:
            return
        self.project.store_state = saved.store_state
        if saved.adopted:
            from landplanner.store import postgis_store

            postgis_store.adopt(self.project, saved.adopted)
            self._announce(saved.adopted)

    def resolve_conflicts(self, error: Any, choices: dict, default: str = "mine") -> None:
        """Apply the user's keep-mine / take-theirs choices of a save conflict (then save again)."""
        from landplanner.store import postgis_store

        changes = postgis_store.resolve(self.project, error, choices, default)
        self._announce(changes)

    def refresh_remote(self, hint: Any = None) -> int:
        """Take in other users' saved changes (rows this user has not changed; ``hint``, a
        ``postgis_store.ChangeHint``, limits the reading to what was announced); returns how many."""
        if self.project is None or not self.shared:
            return 0
        from landplanner.store import postgis_store

        changes = postgis_store.refresh(self.project, hint)
        items = list(changes.plans) + list(changes.parcels)
        self._announce(items)
        return len(items)

    def _announce(self, items: list) -> None:
        if not items:
            return
        if any(i.table == "plans" for i in items):
            self.plansChanged.emit()
        parcels = [i for i in items if i.table == "parcels"]
        if len(parcels) == 1 and len(parcels[0].values) == 1 and parcels[0].position is not None:
            self.cellChanged.emit(int(parcels[0].position), next(iter(parcels[0].values)))
        elif parcels:
            self.parcelsChanged.emit()
        self.remoteChanged.emit(", ".join(sorted({f"{i.table} {i.key}" for i in items}))[:200])

    # -- analysis (the core computes; we only keep the answers) ----------------------------
    def set_scores(self, result: Any) -> None:
        """Keep the latest ``services.scoring.ScoreResult`` (or None) and tell the widgets.

        Scores are derived from the indicators and the rules, so keeping them is no edit.
        """
        self.score_result = result
        self.scores = None if result is None else result.scores
        self.scoresChanged.emit()

    def indicator_names(self, language: str) -> dict[str, str]:
        """``{indicator key: name}`` of the rules behind the current scores."""
        if self.score_result is None:
            return {}
        return {k: en if language == "en" else zh
                for k, (zh, en) in self.score_result.indicator_labels().items()}

    def export_score_args(self, language: str) -> dict:
        """``export_workbook`` keyword arguments for the current scores (none without)."""
        return {} if self.score_result is None else self.score_result.export_args(language)

    # -- indicators and scoring rules (the project's own data) -------------------------------
    def indicator_years(self) -> list[int]:
        """The years the project's indicator table holds, newest first."""
        from landplanner.services.scoring import indicator_years

        return indicator_years(None if self.project is None else self.project.indicators)

    def set_indicators(self, table: pd.DataFrame) -> None:
        """Adopt a new indicator table (``services.indicators.add_indicators``'s result)."""
        self.project.indicators = table
        self.mark_changed()
        self.indicatorsChanged.emit()

    def set_scoring_config(self, config: dict) -> None:
        """Keep the scoring rules (``ScoringConfig.to_dict()``) in the project's settings; an
        edit only when they differ from the saved ones (opening a project changes nothing)."""
        from landplanner.services.scoring import project_config

        if self.project is None:
            return
        try:
            in_use = project_config(self.project).to_dict()
        except Exception:  # an unusable saved configuration is replaced  # noqa: BLE001
            in_use = None
        if in_use == config:
            return
        self.project.settings["scoring"] = config
        self.mark_changed()
        self.settingsChanged.emit("scoring")

    def scoring_snapshot(self) -> Any:
        """What scoring reads, copied: the parcels without geometry, the indicators and the
        settings. Scoring runs on it in a worker while editing goes on."""
        snapshot = copy.copy(self.project)
        parcels = self.project.parcels
        snapshot.parcels = pd.DataFrame(parcels.drop(columns=parcels.geometry.name)
                                        if hasattr(parcels, "geometry") else parcels).copy()
        indicators = self.project.indicators
        snapshot.indicators = None if indicators is None else indicators.copy()
        snapshot.settings = copy.deepcopy(self.project.settings)
        return snapshot

    def quota_table(self) -> pd.DataFrame | None:
        """Per-park and district quota progress from ``analysis.quota`` (None without data)."""
        if self.project is None:
            return None
        if "quota" not in self._cache:
            from landplanner.analysis.quota import compute

            project = self.project
            self._cache["quota"] = compute(project.parcels, project.plans, project.settings, self.today)
        return self._cache["quota"]

    def quarter_table(self) -> pd.DataFrame | None:
        """Mu done per park per quarter from ``analysis.quota.by_quarter`` (None without data)."""
        if self.project is None:
            return None
        if "quarters" not in self._cache:
            from landplanner.analysis.quota import by_quarter

            project = self.project
            self._cache["quarters"] = by_quarter(project.parcels, project.plans, project.settings, self.today)
        return self._cache["quarters"]

    def parcel_view(self):
        """Parcels plus the display columns score, class and plan status (joined, not computed)."""
        if self.project is None:
            return None
        if "view" not in self._cache:
            from landplanner.services.parcel_view import parcel_view

            self._cache["view"] = parcel_view(self.project, self.scores, self.today)
        return self._cache["view"]

    # -- campaign: assets, scoreboard snapshots, matching ----------------------------------
    # The core computes (analysis.assets / scoreboard / matching); the model keeps the
    # answers, is the only one that writes them into the project, and says what changed.
    match_result: pd.DataFrame | None = None

    def assets(self) -> pd.DataFrame | None:
        """The project's asset table (None without a project or assets)."""
        table = getattr(self.project, "assets", None) if self.project is not None else None
        return table if table is not None and len(table.columns) else None

    def asset_row(self, asset_id: str) -> dict | None:
        """One asset's row of the asset table as a dict (None when there is no such asset)."""
        table = self.assets()
        if table is None or asset_id is None:
            return None
        hit = table.loc[table["asset_id"].astype(str) == str(asset_id)]
        return None if hit.empty else hit.iloc[0].to_dict()

    def add_asset_table(self, table: pd.DataFrame) -> None:
        """Add a read asset table (it replaces the assets of the same kind)."""
        from landplanner.analysis import assets as assets_mod

        self.project.assets = assets_mod.add_assets(self.assets(), table)
        self.mark_changed()
        self.assetsChanged.emit()

    def asset_figures(self) -> dict:
        """``{figure: row}`` of the district's four asset figures (analysis.assets)."""
        from landplanner.analysis import assets as assets_mod

        table = self.assets()
        if table is None:
            return {}
        return assets_mod.district_figures(table, self.project.settings, plans=self.plans(),
                                           today=self.today)

    def asset_view(self) -> pd.DataFrame | None:
        """The asset table as shown: labels, lease flags, plans (analysis.assets.asset_view)."""
        from landplanner.analysis import assets as assets_mod

        table = self.assets()
        if table is None:
            return None
        return assets_mod.asset_view(table, self.plans(), self.today, self.project.settings)

    def asset_locations(self):
        """Where each asset is (analysis.assets.locate), in the parcels' CRS."""
        from landplanner.analysis import assets as assets_mod

        table = self.assets()
        if table is None:
            return None
        located, _ = assets_mod.locate(table, self.parcels, getattr(self.project, "parks", None))
        return located

    def snapshots(self) -> list:
        """The project's frozen scoreboard snapshots."""
        return [] if self.project is None else list(getattr(self.project, "snapshots", None) or [])

    def freeze_quarter(self, quarter: str, replace: bool = False) -> dict:
        """Freeze ``quarter``'s scoreboard as a record in the project (analysis.scoreboard)."""
        from landplanner.analysis import scoreboard

        p = self.project
        record = scoreboard.freeze(p.parcels, p.plans, p.settings, quarter, self.snapshots(),
                                   assets=self.assets(), parks=getattr(p, "parks", None),
                                   replace=replace)
        p.snapshots = scoreboard.add_snapshot(self.snapshots(), record)
        self.mark_changed()
        self.snapshotsChanged.emit()
        return record

    def set_incoming(self, table: pd.DataFrame) -> None:
        """Keep an incoming-project list (地等项目) in the project; the old result is dropped."""
        self.project.incoming = table
        self.match_result = None
        self.mark_changed()
        self.matchChanged.emit()

    def run_match(self) -> pd.DataFrame | None:
        """Match the project's incoming projects to freed land (analysis.matching)."""
        from landplanner.analysis import matching

        p = self.project
        incoming = getattr(p, "incoming", None) if p is not None else None
        if incoming is None or not len(incoming):
            self.match_result = None
        else:
            self.match_result = matching.match(incoming, p.parcels, p.plans, p.indicators,
                                               p.settings)
        self.matchChanged.emit()
        return self.match_result

    def positions_of(self, parcel_ids) -> list[int]:
        """Row positions of these parcel ids (for selecting candidates on the map)."""
        if self.parcels is None or "parcel_id" not in self.parcels:
            return []
        wanted = set(parcel_ids)
        mask = self.parcels["parcel_id"].isin(wanted).to_numpy()
        return [int(i) for i in mask.nonzero()[0]]
