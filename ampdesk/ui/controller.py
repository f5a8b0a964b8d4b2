"""The open workshop as the widgets see it: undoable edits, coalesced re-evaluation.

The file is the single source of truth. Every edit is a :class:`QUndoCommand` whose ``redo``
and ``undo`` write to the file at once; afterwards :attr:`WorkshopController.changed` fires (at
most once per event-loop turn) with the rules re-run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ampdesk.framework.content import Framework
from ampdesk.framework.disclosure import Policy
from ampdesk.framework.evaluation import Evaluation, evaluate
from ampdesk.framework.fairness import GateOverride, PayRow
from ampdesk.framework.followup import ActionStatus, CheckInValue, TrendPoint
from ampdesk.framework.plan import WorkshopPlan
from ampdesk.framework.state import (
    ActionValue,
    Counts,
    Details,
    NoteKind,
    NoteValue,
    OwnCaseValue,
    StepStatus,
)
from ampdesk.store.actions import ActionSnapshot
from ampdesk.store.checkins import CheckInSnapshot
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore


class _Edit(QUndoCommand):
    """One undoable change: two callables that write to the file."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], None],
        undo: Callable[[], None],
        after: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._redo, self._undo, self._after = redo, undo, after

    def redo(self) -> None:
        """Apply the change."""
        self._redo()
        self._after()

    def undo(self) -> None:
        """Reverse the change."""
        self._undo()
        self._after()


class WorkshopController(QObject):
    """Owns the open workshop; widgets read from it and call it to change anything."""

    changed = Signal()
    flush_requested = Signal()  # editors holding typed text store it now

    def __init__(self, workshop: Workshop, content: Framework, parent: QObject | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.content = content
        self.store = WorkshopStore(workshop)
        self.undo_stack = QUndoStack(self)
        with self.store.snapshot():
            self._evaluation, self._disclosure = self._evaluate()
            self._plan = self.store.plan.get()
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self._reevaluate)

    @property
    def evaluation(self) -> Evaluation:
        """The rules' verdict on the workshop as it is in the file."""
        return self._evaluation

    @property
    def disclosure(self) -> Policy:
        """What the window may show of pay: everything in the manager's file (it holds the
        individual pay), what the facilitator may see in a copy without it."""
        return self._disclosure

    def _evaluate(self) -> tuple[Evaluation, Policy]:
        inputs = self.store.inputs()
        policy = Policy.for_window(inputs.anonymity_threshold, bool(inputs.pay_rows))
        return evaluate(inputs, self.content), policy

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
        """Every step's status, as set or as the data shows."""
        return self.store.step_statuses()

    def checklist(self, step: str) -> dict[str, bool]:
        """The step's ticked checklist items."""
        return self.store.checklist(step)

    def step_seconds(self) -> dict[str, int]:
        """How long the group spent on each timed step, in seconds."""
        return self.store.progress.step_seconds()

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
            self._plan = self.store.plan.get()
            self._evaluation, self._disclosure = self._evaluate()
            self.changed.emit()

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(_Edit(text, redo, undo, self.schedule_refresh))

    # -- edits -------------------------------------------------------------------------------
    def set_checklist_item(self, step: str, item: str, done: bool) -> None:
        """Tick or untick a checklist item."""
        before = self.store.progress.touched_checklist(step).get(item)
        self._push(
            "Tick checklist item" if done else "Untick checklist item",
            lambda: self.store.progress.set_checklist_item(step, item, done),
            lambda: self.store.progress.set_checklist_item(step, item, before),
        )

    def set_step_status(self, step: str, status: StepStatus) -> None:
        """Record how far the group is with a step."""
        before = self.store.progress.stored_step_statuses().get(step)
        self._push(
            "Change step status",
            lambda: self.store.progress.set_step_status(step, status),
            lambda: self.store.progress.set_step_status(step, before),
        )

    def update_details(self, **changes: object) -> None:
        """Change some of the workshop's details (as printed on the report's cover)."""
        details = self.store.details.get()
        before = {key: getattr(details, key) for key in changes}
        if before == changes:
            return
        self._push(
            "Change workshop details",
            lambda: self.store.details.update(**changes),
            lambda: self.store.details.update(**before),
        )

    def set_decision(self, key: str, value: str) -> None:
        """Record one of the group's decisions (an empty value clears it)."""
        before = self.store.progress.decisions().get(key, "")
        if before == value:
            return
        self._push(
            "Change decision",
            lambda: self.store.progress.set_decision(key, value),
            lambda: self.store.progress.set_decision(key, before),
        )

    def replace_pay(self, rows: Sequence[PayRow]) -> None:
        """Replace the compensation audit (an import)."""
        before = self.store.pay.rows()
        self._push(
            "Import pay data",
            lambda: self.store.pay.replace(rows),
            lambda: self.store.pay.replace(before),
        )

    def update_pay(self, record_id: int, row: PayRow) -> None:
        """Change one record of the compensation audit."""
        before = dict(self.store.pay.records())[record_id]
        self._push(
            "Edit pay record",
            lambda: self.store.pay.update(record_id, row),
            lambda: self.store.pay.update(record_id, before),
        )

    def add_pay(self, row: PayRow) -> None:
        """Type one person into the compensation audit."""
        created: list[int] = []
        self._push(
            "Add pay record",
            lambda: created.append(self.store.pay.add(row)),
            lambda: self.store.pay.delete(created.pop()),
        )

    def delete_pay(self, record_id: int) -> None:
        """Remove one person from the compensation audit."""
        row = dict(self.store.pay.records())[record_id]
        restored: list[int] = [record_id]
        self._push(
            "Delete pay record",
            lambda: self.store.pay.delete(restored[-1]),
            lambda: restored.append(self.store.pay.add(row)),
        )

    def set_pulse_counts(
        self, activity: str, item: str, counts: Sequence[int], checkin_id: int | None = None
    ) -> None:
        """Replace the facilitator-entered answers to one item by counts per scale point."""
        before = self.store.answers.facilitator_counts(activity, item, checkin_id)
        self._push(
            "Enter answer counts",
            lambda: self.store.answers.set_facilitator_counts(activity, item, counts, checkin_id),
            lambda: self.store.answers.set_facilitator_counts(activity, item, before, checkin_id),
        )

    def set_plan(self, plan: WorkshopPlan, text: str = "Change the plan") -> None:
        """Replace the plan (agenda, per-step choices, materials, notes)."""
        before = self._plan

        def store(value: WorkshopPlan) -> None:
            self.store.plan.set(value)
            self._plan = value  # at once: the next edit in the same turn builds on it

        self._push(text, lambda: store(plan), lambda: store(before))

    def set_roster(self, names: Sequence[str]) -> None:
        """Replace the list of people expected."""
        before = self.store.plan.roster()
        self._push(
            "Change the roster",
            lambda: self.store.plan.set_roster(names),
            lambda: self.store.plan.set_roster(before),
        )

    def add_checkin(self, held_on: dt.date) -> None:
        """Record a check-in; each action starts at its status of the check-in before."""
        earlier = self.store.checkins.all()
        statuses = dict(earlier[-1].statuses) if earlier else {}
        created: list[int] = []
        self._push(
            "Record check-in",
            lambda: created.append(self.store.checkins.add(held_on, statuses)),
            lambda: self.store.checkins.delete(created.pop()),
        )

    def set_checkin_status(
        self, checkin_id: int, action_id: int, status: ActionStatus, note: str
    ) -> None:
        """Record how an action stands at a check-in."""
        before: list[tuple[ActionStatus, str] | None] = []

        def undo() -> None:
            earlier = before.pop()
            if earlier is None:
                self.store.checkins.clear_status(checkin_id, action_id)
            else:
                self.store.checkins.set_status(checkin_id, action_id, *earlier)

        self._push(
            "Set action status",
            lambda: before.append(
                self.store.checkins.set_status(checkin_id, action_id, status, note)
            ),
            undo,
        )

    def delete_checkin(self, checkin_id: int) -> None:
        """Remove a check-in with its statuses and pulse (undo puts it back)."""
        snapshot: list[CheckInSnapshot] = []
        self._push(
            "Delete check-in",
            lambda: snapshot.append(self.store.checkins.delete(checkin_id)),
            lambda: self.store.checkins.restore(snapshot.pop()),
        )

    def set_override(self, override: GateOverride) -> None:
        """Go on although the gate did not pass (kept in the file and reported).

        The remediation becomes an action on the fairness step, linked to the override.
        """
        action_ids: list[int | None] = [None]

        def redo() -> None:
            override_id = self.store.gate.set_override(override)
            action_ids[0] = self.store.actions.add(
                "fairness",
                override.remediation,
                override.owner,
                override.due,
                "The pay-fairness gate passes without the override.",
                action_id=action_ids[0],
            )
            self.store.gate.link_override_action(override_id, action_ids[0])

        def undo() -> None:
            self.store.gate.withdraw_override()
            self.store.gate.link_override_action(None, None)
            self.store.actions.delete(action_ids[0])  # type: ignore[arg-type]

        self._push("Override the gate", redo, undo)

    def withdraw_override(self) -> None:
        """Withdraw the active override; the gate applies again."""
        override = self.store.gate.active_override()
        if override is None:
            return
        action_id = self.store.gate.override_action_id()

        def undo() -> None:
            self.store.gate.link_override_action(self.store.gate.set_override(override), action_id)

        self._push("Withdraw the override", self.store.gate.withdraw_override, undo)

    def add_note(self, step: str, kind: NoteKind, text: str, dimension: str | None = None) -> None:
        """Capture a piece of group input."""
        created: list[int] = []
        self._push(
            f"Add {kind}",
            lambda: created.append(self.store.notes.add(step, kind, text, dimension=dimension)),
            lambda: self.store.notes.delete(created.pop()),
        )

    def vote(self, note_id: int) -> None:
        """Place one of the room's dots on a note."""
        placed: list[int] = []
        self._push(
            "Add a dot",
            lambda: placed.append(self.store.notes.add_vote(note_id)),
            lambda: self.store.notes.delete_vote(placed.pop()),
        )

    def set_note_hidden(self, note_id: int, hidden: bool) -> None:
        """Hide a note from the projector and the report, or show it again."""
        self._push(
            "Hide note" if hidden else "Show note",
            lambda: self.store.notes.set_hidden(note_id, hidden),
            lambda: self.store.notes.set_hidden(note_id, not hidden),
        )

    def edit_note_text(self, note_id: int, text: str) -> None:
        """Correct a note's text."""
        before: list[str] = []
        self._push(
            "Edit note",
            lambda: before.append(self.store.notes.edit_text(note_id, text)),
            lambda: self.store.notes.edit_text(note_id, before.pop()),
        )

    def merge_note(self, note_id: int, into: int) -> None:
        """Fold a duplicate note into another; its dots count there."""
        self._push(
            "Merge notes",
            lambda: self.store.notes.merge(note_id, into),
            lambda: self.store.notes.merge(note_id, None),
        )

    def add_action(
        self, step: str, title: str, owner: str, due: dt.date | None, measure: str
    ) -> None:
        """Add an agreed action (redo after undo brings it back under the same id)."""
        ids: list[int | None] = [None]

        def add() -> None:
            ids[0] = self.store.actions.add(step, title, owner, due, measure, action_id=ids[0])

        self._push("Add action", add, lambda: self.store.actions.delete(ids[0]))  # type: ignore[arg-type]

    def update_action(self, action_id: int, **changes: object) -> None:
        """Change an action's title, owner, due date, measure or step."""
        action = next(a for a in self.store.actions.all() if a.id == action_id)
        before = {key: getattr(action, key) for key in changes}
        if before == changes:
            return
        self._push(
            "Edit action",
            lambda: self.store.actions.update(action_id, **changes),
            lambda: self.store.actions.update(action_id, **before),
        )

    def delete_action(self, action_id: int) -> None:
        """Remove an action with its check-in statuses (undo restores it under the same id)."""
        snapshot: list[ActionSnapshot] = []
        self._push(
            "Delete action",
            lambda: snapshot.append(self.store.actions.delete(action_id)),
            lambda: self.store.actions.restore(snapshot.pop()),
        )

    def acknowledge(self, check_id: str, note: str) -> None:
        """Keep a note on a mistake warning (the warning itself stays)."""
        before = self.store.progress.acknowledgements().get(check_id)
        self._push(
            "Acknowledge warning",
            lambda: self.store.progress.acknowledge(check_id, note),
            lambda: (
                self.store.progress.remove_acknowledgement(check_id)
                if before is None
                else self.store.progress.acknowledge(check_id, before)
            ),
        )

    def add_own_case(self, title: str, story: str, lesson: str, step: str | None) -> None:
        """Add one of the organisation's own stories to the case library."""
        created: list[int] = []
        self._push(
            "Add own case",
            lambda: created.append(self.store.cases.add(title, story, lesson, step)),
            lambda: self.store.cases.delete(created.pop()),
        )

    def reveal(self, activity: str, checkin_id: int | None = None) -> int:
        """Show phones' answers of an activity (the facilitator's reveal, not an undoable
        edit); returns how many are shown. Raises RevealError while too few came in."""
        shown = self.store.answers.reveal(activity, checkin_id)
        self.schedule_refresh()
        return shown

    def record_step_seconds(self, step: str, seconds: int) -> None:
        """Keep how long the group has spent on a step (the clock, not an undoable edit)."""
        self.store.progress.set_step_seconds(step, seconds)

    def close(self) -> None:
        """Store what editors still hold, then release the workshop file."""
        self.flush_requested.emit()
        self._refresh.stop()
        self.workshop.close()
