"""The workshop's agenda as an editable table model; every change is one undoable step of the
plan, stored through the controller."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import ClassVar

from PySide6.QtCore import Qt, Signal

from ampdesk.framework.plan import MAX_MINUTES, AgendaItem, PlanError, check_plan
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.record_model import Index, RecordTableModel

TITLE, KIND, MINUTES = range(3)
HEADERS = ("Item", "Kind", "Minutes")
KIND_LABELS = {
    "opening": "Opening",
    "step": "Step",
    "break": "Break",
    "actions": "Actions",
    "other": "Other",
}
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's kind ("step", "break"...), every column


class AgendaModel(RecordTableModel):
    """One row per agenda item, in order; reloaded when the stored plan changes.

    A step's title is the framework's and stays; its minutes, and everything of other items,
    can be edited. An edit the plan's rules refuse is reported by :attr:`refused`.
    """

    headers = HEADERS
    text_limits: ClassVar[Mapping[int, str]] = {TITLE: "agenda_item.title"}

    refused = Signal(str)  # why an edit was not stored, in words

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.items: tuple[AgendaItem, ...] = ()
        controller.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read the agenda of the stored plan (left alone when it did not change, so that an
        edit in progress is not interrupted)."""
        self._show(self.controller.plan.agenda)

    def _show(self, agenda: tuple[AgendaItem, ...]) -> None:
        if agenda == self.items:
            return
        if len(agenda) == len(self.items):  # the same rows: update them in place
            self.items = agenda
            self.dataChanged.emit(self.index(0, 0), self.index(len(agenda) - 1, MINUTES))
            return
        self.beginResetModel()
        self.items = agenda
        self.endResetModel()

    def records(self) -> Sequence[object]:
        """The records shown, one per row."""
        return self.items

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What each cell shows and edits; the item's kind under :data:`KIND_ROLE`."""
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == KIND_ROLE:
            return item.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (item.title, KIND_LABELS[item.kind], item.minutes)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE and item.kind == "step":
            return "A step of the framework: its name stays, its minutes can change."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]} of agenda item {index.row() + 1}: {item.title}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Titles (not a step's) and minutes are editable; the kind is not."""
        base = super().flags(index)
        if index.column() == MINUTES or (
            index.column() == TITLE and self.items[index.row()].kind != "step"
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store an edited title or number of minutes (refused: empty, out of range)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        item = self.items[index.row()]
        if index.column() == TITLE:
            title = str(value).strip()
            if not title:
                return False
            changed = replace(item, title=title)
        else:
            try:
                minutes = int(str(value))
            except ValueError:
                return False
            if not 1 <= minutes <= MAX_MINUTES:
                return False
            changed = replace(item, minutes=minutes)
        if changed == item:
            return True
        agenda = list(self.items)
        agenda[index.row()] = changed
        return self.store(agenda, "Edit the agenda")

    # -- whole-agenda changes, one undoable step each -----------------------------------
    def insert(self, row: int, item: AgendaItem) -> bool:
        """Put ``item`` at ``row`` (the end when ``row`` is past it)."""
        agenda = list(self.items)
        agenda.insert(min(max(row, 0), len(agenda)), item)
        return self.store(agenda, f"Add {item.title.lower()}")

    def remove(self, row: int) -> bool:
        """Remove the item at ``row``; the framework's steps stay."""
        if not 0 <= row < len(self.items) or self.items[row].kind == "step":
            return False
        agenda = list(self.items)
        del agenda[row]
        return self.store(agenda, "Remove an agenda item")

    def move(self, row: int, delta: int) -> bool:
        """Move the item at ``row`` by ``delta`` places."""
        target = row + delta
        if not (0 <= row < len(self.items) and 0 <= target < len(self.items)):
            return False
        agenda = list(self.items)
        agenda[row], agenda[target] = agenda[target], agenda[row]
        return self.store(agenda, "Move an agenda item")

    def store(self, agenda: list[AgendaItem], text: str) -> bool:
        """Store ``agenda`` in the plan as one undoable step (``text`` names it); False, with
        :attr:`refused` emitted, when the plan's rules refuse it."""
        plan = replace(self.controller.plan, agenda=tuple(agenda))
        try:
            check_plan(plan, self.controller.content)  # checked before it becomes an undo step
        except PlanError as exc:
            self.refused.emit(str(exc))
            return False
        self.controller.set_plan(plan, text)
        self._show(tuple(agenda))  # at once; the controller's refresh follows
        return True
