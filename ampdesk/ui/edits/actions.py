"""Edits of the action plan and of the follow-up check-ins that track it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ampdesk.framework.followup import ActionStatus
from ampdesk.store.actions import action_rows
from ampdesk.store.checkins import checkin_rows
from ampdesk.store.models import ActionItem, CheckInStatus
from ampdesk.store.row_images import Rows, Scope, keyed
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit, quoted


class AddAction(RowEdit):
    """An agreed action added to the plan."""

    def __init__(
        self,
        context: EditContext,
        step: str,
        title: str,
        owner: str,
        due: dt.date | None,
        measure: str,
    ) -> None:
        super().__init__(context, f"Add action {quoted(title)}")
        self.step, self.title, self.owner, self.due, self.measure = step, title, owner, due, measure

    def perform(self, store: WorkshopStore) -> Scope:
        return action_rows(
            store.actions.add(self.step, self.title, self.owner, self.due, self.measure)
        )


class UpdateAction(RowEdit):
    """Some of an action's fields changed (title, owner, due date, measure, step)."""

    def __init__(self, context: EditContext, action_id: int, changes: dict[str, object]) -> None:
        super().__init__(context, "Edit an action")
        self.action_id, self.changes = action_id, dict(changes)

    def scope(self) -> Scope:
        return (Rows(ActionItem, ActionItem.id == self.action_id),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.actions.update(self.action_id, **self.changes)
        return ()


class DeleteAction(RowEdit):
    """An action removed with its statuses at every check-in."""

    def __init__(self, context: EditContext, action_id: int) -> None:
        super().__init__(context, "Delete an action")
        self.action_id = action_id

    def scope(self) -> Scope:
        return action_rows(self.action_id)

    def perform(self, store: WorkshopStore) -> Scope:
        return keyed(store.actions.delete(self.action_id))


class AddCheckIn(RowEdit):
    """A follow-up check-in recorded; each action starts at its status of the one before."""

    def __init__(
        self,
        context: EditContext,
        held_on: dt.date,
        statuses: Mapping[int, tuple[ActionStatus, str]],
    ) -> None:
        super().__init__(context, f"Record the check-in of {held_on:%-d %b %Y}")
        self.held_on = held_on
        self.statuses: dict[int, tuple[str, str]] = dict(statuses)

    def perform(self, store: WorkshopStore) -> Scope:
        return checkin_rows(store.checkins.add(self.held_on, self.statuses))


class SetCheckInStatus(RowEdit):
    """How one action stands at one check-in."""

    def __init__(
        self,
        context: EditContext,
        checkin_id: int,
        action_id: int,
        status: ActionStatus,
        note: str,
    ) -> None:
        super().__init__(context, "Set an action's status at a check-in")
        self.checkin_id, self.action_id, self.status, self.note = (
            checkin_id,
            action_id,
            status,
            note,
        )

    def scope(self) -> Scope:
        where = (CheckInStatus.checkin_id == self.checkin_id) & (
            CheckInStatus.action_id == self.action_id
        )
        return (Rows(CheckInStatus, where),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.checkins.set_status(self.checkin_id, self.action_id, self.status, self.note)
        return ()


class DeleteCheckIn(RowEdit):
    """A check-in removed with its statuses and the pulse answers given at it."""

    def __init__(self, context: EditContext, checkin_id: int) -> None:
        super().__init__(context, "Delete a check-in")
        self.checkin_id = checkin_id

    def scope(self) -> Scope:
        return checkin_rows(self.checkin_id)

    def perform(self, store: WorkshopStore) -> Scope:
        return keyed(store.checkins.delete(self.checkin_id))
