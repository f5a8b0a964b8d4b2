"""One check-in's actions as an editable table model: each action's status and note at that
check-in; every edit goes through the controller (one undoable step)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import ClassVar

from PySide6.QtCore import Qt

from ampdesk.framework.followup import (
    ACTION_STATUS_LABELS,
    ACTION_STATUSES,
    ActionStatus,
    CheckInValue,
)
from ampdesk.framework.state import ActionValue
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.record_model import Index, RecordTableModel

ACTION, OWNER, STATUS, NOTE = range(4)
HEADERS = ("Action", "Owner", "Status", "Note")
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the action's id, in every column
NOTE_HINT = "What moved, what is stuck"


class CheckInModel(RecordTableModel):
    """One row per action at the check-in shown (none while no check-in is shown).

    The action and its owner are read-only here (the Actions page edits them); the status and
    the note are edited, and stored through :meth:`WorkshopController.set_checkin_status`.
    """

    headers = HEADERS
    text_limits: ClassVar[Mapping[int, str]] = {NOTE: "checkin_status.note"}

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.checkin: CheckInValue | None = None
        self.actions: list[ActionValue] = []

    def show(self, checkin: CheckInValue | None, actions: list[ActionValue]) -> None:
        """Show ``checkin`` with ``actions``; the same rows are updated in place (an editor
        open on a note stays open), other rows reset the model."""
        shown = actions if checkin is not None else []
        if [a.id for a in shown] == [a.id for a in self.actions] and (
            checkin is None or self.checkin is None or checkin.id == self.checkin.id
        ):
            self.checkin, self.actions = checkin, shown
            if shown:
                self.dataChanged.emit(self.index(0, 0), self.index(len(shown) - 1, NOTE))
            return
        self.beginResetModel()
        self.checkin, self.actions = checkin, shown
        self.endResetModel()

    def records(self) -> Sequence[object]:
        """The records shown, one per row."""
        return self.actions

    def entry(self, row: int) -> tuple[ActionStatus, str]:
        """The status and note of the action in ``row`` at this check-in."""
        statuses = self.checkin.statuses if self.checkin is not None else {}
        return statuses.get(self.actions[row].id, ("not_started", ""))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What each cell shows and edits; the action's id under :data:`ACTION_ID_ROLE`."""
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        status, note = self.entry(index.row())
        column = index.column()
        if role == ACTION_ID_ROLE:
            return action.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == STATUS:
                return status if role == Qt.ItemDataRole.EditRole else ACTION_STATUS_LABELS[status]
            return (action.title, action.owner, status, note)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (ACTION, OWNER):
            return (action.title, action.owner)[column]  # whole, where the cell cuts it
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and not note:
            return NOTE_HINT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]} of {action.title}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The status and the note are editable."""
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (STATUS, NOTE) else base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store a status or a note (refused: another column, an unknown status)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.checkin is None:
            return False
        status, note = self.entry(index.row())
        if index.column() == STATUS and value in ACTION_STATUSES:
            status = value
        elif index.column() == NOTE:
            note = str(value).strip()
        else:
            return False
        action_id = self.actions[index.row()].id
        if (status, note) != self.entry(index.row()):
            self.controller.set_checkin_status(self.checkin.id, action_id, status, note)
            statuses = {**self.checkin.statuses, action_id: (status, note)}
            self.checkin = replace(self.checkin, statuses=statuses)
            self.dataChanged.emit(self.index(index.row(), STATUS), self.index(index.row(), NOTE))
        return True
