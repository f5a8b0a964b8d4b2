"""The action plan as an editable table model; every edit goes through the undo stack."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ampdesk.framework.followup import ACTION_STATUS_LABELS, ACTION_STATUSES
from ampdesk.framework.mistakes import owner_missing
from ampdesk.framework.state import ActionValue
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.record_model import Index, RecordTableModel, sync_rows
from ampdesk.ui.widgets import python_date

STEP, TITLE, OWNER, DUE, MEASURE, STATUS = range(6)
HEADERS = ("Step", "Action", "Owner", "Due", "Progress seen by", "Status")
FIELDS = {STEP: "step", TITLE: "title", OWNER: "owner", DUE: "due", MEASURE: "measure"}
NO_CHECKIN_STATUS = "No check-in yet"


def missing(action: ActionValue) -> list[str]:
    """What an action lacks to be followed up: an owner (by the framework's one definition:
    "TBD" or "the team" is nobody), a due date."""
    return [
        name
        for name, absent in (
            ("owner", owner_missing(action.owner)),
            ("due date", not action.due),
        )
        if absent
    ]


class ActionsModel(RecordTableModel):
    """One row per action, in the order they were agreed; reloaded when the workshop changes.

    The status column is the action's status at the latest check-in (editable once one exists).
    """

    headers = HEADERS
    text_limits: ClassVar[Mapping[int, str]] = {
        TITLE: "action.title",
        OWNER: "action.owner",
        MEASURE: "action.measure",
    }

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.actions: list[ActionValue] = []
        self._statuses: dict[int, tuple[str, str]] = {}
        self._checkin: int | None = None
        controller.changed.connect(self.refresh)
        self.reload()

    def reload(self) -> None:
        """Read the actions and the latest check-in's statuses from the file; rows are
        updated, inserted and removed in place (never while a cell is edited: refresh)."""
        checkins = self.controller.checkins()
        checkin = checkins[-1].id if checkins else None
        statuses: dict[int, tuple[str, str]] = dict(checkins[-1].statuses) if checkins else {}
        if (checkin, statuses) != (self._checkin, self._statuses):
            self._checkin, self._statuses = checkin, statuses
            if self.actions:  # every row's status may be another
                self.dataChanged.emit(
                    self.index(0, STATUS), self.index(len(self.actions) - 1, STATUS)
                )
        if "actions" in self.controller.changed_parts or not self.actions:
            sync_rows(self, self.actions, self.controller.actions(), lambda a: a.id)

    def records(self) -> Sequence[object]:
        """The records shown, one per row."""
        return self.actions

    def action_id(self, row: int) -> int:
        """The id of the action shown in ``row``."""
        return self.actions[row].id

    def status(self, row: int) -> str | None:
        """The action's status at the latest check-in (None: no check-in yet)."""
        if self._checkin is None:
            return None
        return self._statuses.get(self.actions[row].id, ("not_started", ""))[0]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What each cell shows, edits and explains."""
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(action, index.row(), column)
        if role == Qt.ItemDataRole.EditRole:
            if column == DUE:
                return QDate(action.due) if action.due else QDate.currentDate()
            if column == STATUS:
                return self.status(index.row())
            return getattr(action, FIELDS[column]) if column in FIELDS else None
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and missing(action):
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(action, column)
        return None

    def _display(self, action: ActionValue, row: int, column: int) -> str:
        if column == STEP:
            step = self.controller.content.step(action.step)
            return f"{step.number} {step.title}"
        if column == DUE:
            return action.due.strftime("%-d %b %Y") if action.due else ""
        if column == STATUS:
            status = self.status(row)
            return NO_CHECKIN_STATUS if status is None else ACTION_STATUS_LABELS[status]
        return str(getattr(action, FIELDS[column]))

    def _tooltip(self, action: ActionValue, column: int) -> str | None:
        if column == TITLE and missing(action):
            return f"This action has no {' and no '.join(missing(action))}: who does it, by when?"
        if column == STATUS and self._checkin is None:
            return "Record a check-in on the Follow-ups page to follow each action's status."
        if column == TITLE and action.id == self.controller.override_action_id():
            return "The remediation promised when the pay-fairness gate was overridden."
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell is editable; the status once a check-in exists."""
        base = super().flags(index)
        if index.column() == STATUS and self._checkin is None:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store one edited cell through the controller (one undoable step)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        action = self.actions[index.row()]
        column = index.column()
        if column == STATUS:
            if self._checkin is None or value not in ACTION_STATUSES:
                return False
            note = self._statuses.get(action.id, ("", ""))[1]
            self.controller.set_checkin_status(self._checkin, action.id, value, note)
            self._statuses[action.id] = (str(value), note)
        else:
            new = self._value(column, value)
            if new is None:
                return False
            change: dict[str, Any] = {FIELDS[column]: new}  # the value _value checked
            self.controller.update_action(action.id, **change)
            self.actions[index.row()] = replace(action, **change)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), STATUS))
        return True

    def _value(self, column: int, value: object) -> object | None:
        """The stored value of an edit, or None when the edit is refused."""
        if column == DUE:
            return python_date(value) if isinstance(value, QDate) else value
        if column == STEP:
            return value if value in {s.id for s in self.controller.content.steps} else None
        text = str(value).strip()
        return None if column == TITLE and not text else text  # an action needs a title
