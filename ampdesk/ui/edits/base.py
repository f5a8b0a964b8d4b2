"""The undoable edit every command is: a change made once, then taken back and made again from
exact copies of the rows it touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from ampdesk.store.row_images import RowChange, Scope, rows_at
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.hosted import HostedWorkshop


@dataclass(frozen=True, slots=True)
class EditContext:
    """What a command needs: the file, its queries and edits, and whom to tell after a write."""

    workshop: HostedWorkshop
    store: WorkshopStore
    written: Callable[[], None]


class RowEdit(QUndoCommand):
    """One user action on the file, undoable exactly.

    A subclass says which existing rows the action may change (:meth:`scope`) and makes the
    change (:meth:`perform`, which returns the scope of the rows it created). :meth:`make` runs
    it once, before the command is pushed, so a refused change (a blank note, a bad plan)
    raises to the caller and nothing reaches the undo stack (nor does a change that changed
    nothing, so it cannot discard what Redo would bring back). Undo and redo then write the copies
    of the rows as they were before and after: the same ids, the same timestamps, the same
    dependants, however often they run.
    """

    def __init__(self, context: EditContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._change = RowChange((), ())
        self._made = False

    def scope(self) -> Scope:
        """The existing rows this edit may change or remove (none unless a subclass says)."""
        return ()

    def perform(self, store: WorkshopStore) -> Scope:
        """Make the change through the store; return the scope of the rows it created."""
        raise NotImplementedError

    def make(self) -> bool:
        """Make the change for the first time and keep copies of what it changed; returns
        whether it changed anything (an edit that changed nothing is not worth an undo step)."""
        workshop, scope = self.context.workshop, self.scope()
        before = workshop.take(scope)
        created = self.perform(self.context.store)
        after = workshop.take(scope + created)
        after |= workshop.take(rows_at(before[key] for key in before.keys() - after.keys()))
        self._change = RowChange.between(before, after)
        self._made = True
        return bool(self._change)

    def redo(self) -> None:
        """Make the change (the first time, when it is pushed, it is made already)."""
        if self._made:
            self._made = False
        else:
            self.context.workshop.apply(self._change)
        self.context.written()

    def undo(self) -> None:
        """Take the change back: the rows it removed return with their ids."""
        self.context.workshop.apply(self._change.reversed())
        self.context.written()


def quoted(text: str, limit: int = 30) -> str:
    """A note's or action's text as a command's text shows it: quoted, cut to ``limit``."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def counted(n: int, one: str, many: str) -> str:
    """``a pay row`` or ``3 pay rows``, for a command's text."""
    return one if n == 1 else f"{n} {many}"
