"""Edits of how far the group is: step statuses, checklists, decisions, answer counts and notes
on warnings."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_

from ampdesk.framework.messages import progress_words, step_words
from ampdesk.framework.state import StepStatus
from ampdesk.store.models import (
    Acknowledgement,
    Answer,
    ChecklistState,
    Decision,
    StepState,
    given_at,
)
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit


class SetChecklistItem(RowEdit):
    """A checklist item ticked or unticked by hand."""

    def __init__(self, context: EditContext, step: str, item: str, done: bool) -> None:
        super().__init__(context, "Tick a checklist item" if done else "Untick a checklist item")
        self.step, self.item, self.done = step, item, done

    def scope(self) -> Scope:
        where = (ChecklistState.step == self.step) & (ChecklistState.item == self.item)
        return (Rows(ChecklistState, where),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.progress.set_checklist_item(self.step, self.item, self.done)
        return ()


class SetStepStatus(RowEdit):
    """How far the group is with a step, as the facilitator sets it."""

    def __init__(self, context: EditContext, step: str, status: StepStatus) -> None:
        super().__init__(context, f"Mark {step_words(step)} {progress_words(status)}")
        self.step, self.status = step, status

    def scope(self) -> Scope:
        return (Rows(StepState, StepState.step == self.step),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.progress.set_step_status(self.step, self.status)
        return ()


class SetDecision(RowEdit):
    """One of the group's decisions recorded (an empty value clears it)."""

    def __init__(self, context: EditContext, key: str, value: str) -> None:
        super().__init__(context, "Change a decision" if value.strip() else "Clear a decision")
        self.key, self.value = key, value

    def scope(self) -> Scope:
        return (Rows(Decision, Decision.key == self.key),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.progress.set_decision(self.key, self.value)
        return ()


class SetAnswerCounts(RowEdit):
    """The facilitator's count of answers per scale point for one item (a show of hands)."""

    def __init__(
        self,
        context: EditContext,
        activity: str,
        item: str,
        counts: Sequence[int],
        checkin_id: int | None,
    ) -> None:
        super().__init__(context, "Enter answer counts")
        self.activity, self.item, self.checkin_id = activity, item, checkin_id
        self.counts = tuple(counts)

    def scope(self) -> Scope:
        where = and_(
            Answer.activity == self.activity,
            Answer.item == self.item,
            Answer.source == "facilitator",
            given_at(self.checkin_id),
        )
        return (Rows(Answer, where),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.answers.set_facilitator_counts(self.activity, self.item, self.counts, self.checkin_id)
        return self.scope()


class Acknowledge(RowEdit):
    """The facilitator's note kept on a mistake warning."""

    def __init__(self, context: EditContext, check_id: str, note: str) -> None:
        super().__init__(context, "Acknowledge a warning")
        self.check_id, self.note = check_id, note

    def scope(self) -> Scope:
        return (Rows(Acknowledgement, Acknowledgement.check_id == self.check_id),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.progress.acknowledge(self.check_id, self.note)
        return ()
