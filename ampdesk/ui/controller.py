"""The open workshop as the widgets see it: undoable edits, coalesced re-evaluation.

The file is the single source of truth. Every edit is a named command of :mod:`ampdesk.ui.edits`
whose ``redo`` and ``undo`` write to the file at once (undo puts back exactly the rows the edit
changed, ids included); afterwards :attr:`WorkshopController.changed` fires (at
most once per event-loop turn) with the rules re-run.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ampdesk.framework.content import Framework
from ampdesk.framework.disclosure import Policy
from ampdesk.framework.evaluation import Evaluation, evaluate
from ampdesk.framework.fairness import GateOverride, PayRow
from ampdesk.framework.followup import ActionStatus, CheckInValue, TrendPoint
from ampdesk.framework.plan import WorkshopPlan
from ampdesk.framework.progress import ticked_in
from ampdesk.framework.state import (
    ActionValue,
    Counts,
    Details,
    NoteKind,
    NoteValue,
    OwnCaseValue,
    StepStatus,
)
from ampdesk.ui.hosted import HostedWorkshop

if TYPE_CHECKING:
    from ampdesk.ui.edits.base import EditContext, RowEdit

EDITS_LATER = 1000  # ms after the window is idle: the edits' modules (and SQLAlchemy) load
EDIT_MODULES = ("actions", "cases", "details", "gate", "notes", "pay", "plan", "progress")


def _load_edits() -> None:
    """Import the edits' modules while nobody waits, so the first edit does not wait for them."""
    for name in EDIT_MODULES:
        importlib.import_module(f"ampdesk.ui.edits.{name}")


class WorkshopController(QObject):
    """Owns the open workshop; widgets read from it and call it to change anything."""

    changed = Signal()  # after a refresh; changed_parts says which aggregates changed
    flush_requested = Signal()  # editors holding typed text store it now

    def __init__(self, workshop: HostedWorkshop, content: Framework, parent: QObject | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.content = content
        self.store = workshop.store  # every call goes to the store host (docs/store.md)
        self.undo_stack = QUndoStack(self)
        self._edit_context: EditContext | None = None
        with self.store.snapshot():
            self._evaluate()
            self._plan = self.store.plan.get()
        self._plan_written = False
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self._reevaluate)
        QTimer.singleShot(0, self, self._load_edits_later)  # counted from the first idle turn

    def _load_edits_later(self) -> None:
        QTimer.singleShot(EDITS_LATER, self, _load_edits)

    @property
    def _context(self) -> EditContext:
        """What every edit works with, made for the first edit (the edits' modules import the
        store's tables, which the window's first paint does not need)."""
        if self._edit_context is None:
            from ampdesk.ui.edits.base import EditContext

            self._edit_context = EditContext(self.workshop, self.store, self._written)
        return self._edit_context

    @property
    def evaluation(self) -> Evaluation:
        """The rules' verdict on the workshop as it is in the file."""
        return self._evaluation

    @property
    def disclosure(self) -> Policy:
        """What the window may show of pay: everything in the manager's file (it holds the
        individual pay), what the facilitator may see in a copy without it."""
        return self._disclosure

    def _evaluate(self) -> None:
        """Read the rules' inputs once and evaluate them; widgets' step statuses and
        checklists come from these inputs, not from reads of their own. Which of the inputs
        changed since the last refresh is :attr:`changed_parts`."""
        inputs = self.store.inputs()
        before = getattr(self, "_inputs", None)
        self.changed_parts = frozenset(
            field.name
            for field in fields(inputs)
            if before is None or getattr(before, field.name) != getattr(inputs, field.name)
        )
        self._inputs = inputs
        self._disclosure = Policy.for_window(
            self._inputs.anonymity_threshold, bool(self._inputs.pay_rows)
        )
        self._evaluation = evaluate(self._inputs, self.content)

    @property
    def plan(self) -> WorkshopPlan:
        """The workshop's plan as it is in the file (read once per refresh, not per widget)."""
        return self._plan

    # -- reads (what widgets may see of the file; they never reach the store themselves) ----
    def details(self) -> Details:
        """The workshop's details."""
        return self.store.details.get()

    def anonymity_threshold(self) -> int:
        """The smallest group whose answers or pay may be shown."""
        return self.store.details.get().anonymity_threshold

    def decisions(self) -> dict[str, str]:
        """Every recorded decision of the group."""
        return self.store.progress.decisions()

    def step_statuses(self) -> dict[str, StepStatus]:
        """Every step's status, as set or as the data shows (as of the last refresh)."""
        return dict(self._inputs.step_statuses)

    def checklist(self, step: str) -> dict[str, bool]:
        """The step's ticked checklist items (as of the last refresh)."""
        return ticked_in(self._inputs.ticked, step)

    def step_seconds(self) -> dict[str, int]:
        """How long the group spent on each timed step, in seconds."""
        return self.store.progress.step_seconds()

    def step_extra_seconds(self) -> dict[str, int]:
        """Time given to each timed step beyond its timebox during the workshop, in seconds."""
        return self.store.progress.step_extra_seconds()

    def acknowledgements(self) -> dict[str, str]:
        """The facilitator's notes on mistake warnings, by check id."""
        return self.store.progress.acknowledgements()

    def counts(self) -> Counts:
        """How many participants, answers, notes, votes, actions and pay rows the file holds."""
        return self.store.counts()

    def notes(self, step: str | None = None) -> list[NoteValue]:
        """The notes (of one step) with their dots."""
        return self.store.notes.all(step)

    def pay_records(self) -> list[tuple[int, PayRow]]:
        """The compensation audit with record ids."""
        return self.store.pay.records()

    def facilitator_counts(
        self, activity: str, item: str, checkin_id: int | None = None
    ) -> list[int]:
        """The facilitator-entered answers to one item, counted per scale point 1-5."""
        return self.store.answers.facilitator_counts(activity, item, checkin_id)

    def unrevealed(self, activity: str, checkin_id: int | None = None) -> int:
        """How many phone answers of an activity are not shown yet."""
        return self.store.answers.unrevealed(activity, checkin_id)

    def active_override(self) -> GateOverride | None:
        """The gate override in force, if any."""
        return self.store.gate.active_override()

    def override_action_id(self) -> int | None:
        """The action that carries out the active override's remediation, if any."""
        return self.store.gate.override_action_id()

    def actions(self) -> list[ActionValue]:
        """Every agreed action, in the order they were agreed."""
        return self.store.actions.all()

    def checkins(self) -> list[CheckInValue]:
        """Every check-in, oldest first."""
        return self.store.checkins.all()

    def trend(self) -> list[TrendPoint]:
        """The workshop and every check-in, aggregated for the trend."""
        return self.store.checkins.trend()

    def own_cases(self) -> list[OwnCaseValue]:
        """The organisation's own cases, oldest first."""
        return self.store.cases.all()

    def roster(self) -> list[str]:
        """The names of the people expected."""
        return self.store.plan.roster()

    def schedule_refresh(self) -> None:
        """Re-run the rules soon; many edits in one turn cause one refresh."""
        self._refresh.start()

    def _reevaluate(self) -> None:
        # One read transaction for the whole refresh: the plan, the rules' inputs and what
        # every widget reads while it handles `changed` show one state of the file, even
        # while the live server commits phones' input.
        with self.store.snapshot():
            plan = self.store.plan.get()
            self._evaluate()
            if plan != self._plan or self._plan_written:
                self.changed_parts |= {"plan"}
            self._plan, self._plan_written = plan, False
            self.changed.emit()

    def _written(self) -> None:
        """After an edit, its undo or its redo: the plan at once (the next edit in the same
        turn builds on it), the rules soon."""
        plan = self.store.plan.get()
        if plan != self._plan:  # the next refresh reports it, though it is read already
            self._plan, self._plan_written = plan, True
        self.schedule_refresh()

    def _push(self, edit: RowEdit) -> None:
        """Make the edit (a refused one raises here), then push it if it changed anything."""
        if edit.make():
            self.undo_stack.push(edit)

    # -- edits (each one command of ampdesk/ui/edits) --------------------------------------
    def set_checklist_item(self, step: str, item: str, done: bool) -> None:
        """Tick or untick a checklist item."""
        from ampdesk.ui.edits.progress import SetChecklistItem

        self._push(SetChecklistItem(self._context, step, item, done))

    def set_step_status(self, step: str, status: StepStatus) -> None:
        """Record how far the group is with a step."""
        from ampdesk.ui.edits.progress import SetStepStatus

        self._push(SetStepStatus(self._context, step, status))

    def update_details(self, **changes: object) -> None:
        """Change some of the workshop's details (as printed on the report's cover)."""
        from ampdesk.ui.edits.details import UpdateDetails

        self._push(UpdateDetails(self._context, changes))

    def set_decision(self, key: str, value: str) -> None:
        """Record one of the group's decisions (an empty value clears it)."""
        from ampdesk.ui.edits.progress import SetDecision

        self._push(SetDecision(self._context, key, value))

    def replace_pay(self, rows: Sequence[PayRow]) -> None:
        """Replace the compensation audit (an import)."""
        from ampdesk.ui.edits.pay import ReplacePay

        self._push(ReplacePay(self._context, rows))

    def update_pay(self, record_id: int, row: PayRow) -> None:
        """Change one record of the compensation audit."""
        from ampdesk.ui.edits.pay import UpdatePayRow

        self._push(UpdatePayRow(self._context, record_id, row))

    def add_pay(self, row: PayRow) -> None:
        """Type one person into the compensation audit."""
        from ampdesk.ui.edits.pay import AddPayRow

        self._push(AddPayRow(self._context, row))

    def delete_pay(self, record_id: int) -> None:
        """Remove one person from the compensation audit."""
        self.delete_pay_rows([record_id])

    def delete_pay_rows(self, record_ids: Sequence[int]) -> None:
        """Remove several people from the compensation audit: one step to undo."""
        if record_ids:
            from ampdesk.ui.edits.pay import DeletePayRows

            self._push(DeletePayRows(self._context, record_ids))

    def set_pulse_counts(
        self, activity: str, item: str, counts: Sequence[int], checkin_id: int | None = None
    ) -> None:
        """Replace the facilitator-entered answers to one item by counts per scale point."""
        from ampdesk.ui.edits.progress import SetAnswerCounts

        self._push(SetAnswerCounts(self._context, activity, item, counts, checkin_id))

    def set_plan(self, plan: WorkshopPlan, text: str = "Change the plan") -> None:
        """Replace the plan (agenda, per-step choices, materials, notes)."""
        from ampdesk.ui.edits.plan import SetPlan

        self._push(SetPlan(self._context, plan, text))

    def set_roster(self, names: Sequence[str]) -> None:
        """Replace the list of people expected."""
        from ampdesk.ui.edits.plan import SetRoster

        self._push(SetRoster(self._context, names))

    def add_checkin(self, held_on: dt.date) -> None:
        """Record a check-in; each action starts at its status of the check-in before."""
        earlier = self.store.checkins.all()
        statuses = dict(earlier[-1].statuses) if earlier else {}
        from ampdesk.ui.edits.actions import AddCheckIn

        self._push(AddCheckIn(self._context, held_on, statuses))

    def set_checkin_status(
        self, checkin_id: int, action_id: int, status: ActionStatus, note: str
    ) -> None:
        """Record how an action stands at a check-in."""
        from ampdesk.ui.edits.actions import SetCheckInStatus

        self._push(SetCheckInStatus(self._context, checkin_id, action_id, status, note))

    def delete_checkin(self, checkin_id: int) -> None:
        """Remove a check-in with its statuses and pulse (undo puts it back)."""
        from ampdesk.ui.edits.actions import DeleteCheckIn

        self._push(DeleteCheckIn(self._context, checkin_id))

    def set_override(self, override: GateOverride) -> None:
        """Go on although the gate did not pass (kept in the file and reported).

        The remediation becomes an action on the fairness step, linked to the override.
        """
        from ampdesk.ui.edits.gate import SetOverride

        self._push(SetOverride(self._context, override))

    def withdraw_override(self) -> None:
        """Withdraw the active override; the gate applies again."""
        from ampdesk.ui.edits.gate import WithdrawOverride

        self._push(WithdrawOverride(self._context))

    def add_note(self, step: str, kind: NoteKind, text: str, dimension: str | None = None) -> None:
        """Capture a piece of group input."""
        from ampdesk.ui.edits.notes import AddNote

        self._push(AddNote(self._context, step, kind, text, dimension))

    def vote(self, note_id: int) -> None:
        """Place one of the room's dots on a note."""
        from ampdesk.ui.edits.notes import AddVote

        self._push(AddVote(self._context, note_id))

    def set_note_hidden(self, note_id: int, hidden: bool) -> None:
        """Hide a note from the projector and the report, or show it again."""
        from ampdesk.ui.edits.notes import SetNoteHidden

        self._push(SetNoteHidden(self._context, note_id, hidden))

    def edit_note_text(self, note_id: int, text: str) -> None:
        """Correct a note's text."""
        from ampdesk.ui.edits.notes import EditNoteText

        self._push(EditNoteText(self._context, note_id, text))

    def merge_note(self, note_id: int, into: int) -> None:
        """Fold a duplicate note into another; its dots count there."""
        from ampdesk.ui.edits.notes import MergeNote

        self._push(MergeNote(self._context, note_id, into))

    def add_action(
        self, step: str, title: str, owner: str, due: dt.date | None, measure: str
    ) -> None:
        """Add an agreed action."""
        from ampdesk.ui.edits.actions import AddAction

        self._push(AddAction(self._context, step, title, owner, due, measure))

    def update_action(self, action_id: int, **changes: object) -> None:
        """Change an action's title, owner, due date, measure or step."""
        from ampdesk.ui.edits.actions import UpdateAction

        self._push(UpdateAction(self._context, action_id, changes))

    def delete_action(self, action_id: int) -> None:
        """Remove an action with its check-in statuses."""
        from ampdesk.ui.edits.actions import DeleteAction

        self._push(DeleteAction(self._context, action_id))

    def acknowledge(self, check_id: str, note: str) -> None:
        """Keep a note on a mistake warning (the warning itself stays)."""
        from ampdesk.ui.edits.progress import Acknowledge

        self._push(Acknowledge(self._context, check_id, note))

    def add_own_case(self, title: str, story: str, lesson: str, step: str | None) -> None:
        """Add one of the organisation's own stories to the case library."""
        from ampdesk.ui.edits.cases import AddOwnCase

        self._push(AddOwnCase(self._context, title, story, lesson, step))

    def reveal(self, activity: str, checkin_id: int | None = None) -> int:
        """Show phones' answers of an activity (the facilitator's reveal, not an undoable
        edit); returns how many are shown. Raises RevealError while too few came in."""
        shown = self.store.answers.reveal(activity, checkin_id)
        self.schedule_refresh()
        return shown

    def record_step_seconds(self, step: str, seconds: int) -> None:
        """Keep how long the group has spent on a step (the clock, not an undoable edit)."""
        self.store.progress.set_step_seconds(step, seconds)

    def record_step_extra(self, step: str, seconds: int) -> None:
        """Keep the time given to a step beyond its timebox (the clock, not an undoable edit)."""
        self.store.progress.set_step_extra_seconds(step, seconds)

    def close(self) -> None:
        """Store what editors still hold, then release the workshop file."""
        if not self.workshop.lost:
            self.flush_requested.emit()
        self._refresh.stop()
        self.workshop.close()
