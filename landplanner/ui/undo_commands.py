"""Every edit is an undo command on the project model's ``QUndoStack`` (Ctrl+Z / Ctrl+Y)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand


class EditValueCommand(QUndoCommand):
    """Set one parcel attribute; undo restores the old value."""

    def __init__(self, model, position: int, column: str, value: Any) -> None:
        super().__init__()
        self.model, self.position, self.column = model, position, column
        self.old = model.value(position, column)
        self.new = value
        self.setText(
            QCoreApplication.translate("Undo", "Edit {0}").format(column)
        )

    def redo(self) -> None:
        self.model.set_value(self.position, self.column, self.new)

    def undo(self) -> None:
        self.model.set_value(self.position, self.column, self.old)


class SetPlanCommand(QUndoCommand):
    """Create, change or remove a plan; undo restores the previous plan object."""

    def __init__(self, model, index: int | None, plan: Any, text: str = "") -> None:
        super().__init__()
        self.model = model
        self.index = index
        self.old = None if index is None else model.project.plans[index]
        self.new = plan
        self.setText(text or QCoreApplication.translate("Undo", "Edit plan"))

    def redo(self) -> None:
        if self.index is None:
            self.index = self.model.set_plan(None, self.new)
            self._created = True
        else:
            self.model.set_plan(self.index, self.new)

    def undo(self) -> None:
        if getattr(self, "_created", False):
            self.model.set_plan(self.index, None)
            self.index = None
        else:
            self.model.set_plan(self.index, self.old)


class SetSettingsCommand(QUndoCommand):
    """Change the project settings (district, year, targets, parks); undo restores them and
    the park names of the parcels."""

    def __init__(self, model, settings: dict, renames: dict[str, str] | None = None,
                 text: str = "") -> None:
        super().__init__()
        import copy

        self.model = model
        self.old = copy.deepcopy(model.project.settings)
        self.new = copy.deepcopy(settings)
        self.renames = dict(renames or {})
        self.setText(text or QCoreApplication.translate("Undo", "Project settings"))

    def redo(self) -> None:
        self.model.set_settings(self.new, self.renames)

    def undo(self) -> None:
        self.model.set_settings(self.old, {new: old for old, new in self.renames.items()})
