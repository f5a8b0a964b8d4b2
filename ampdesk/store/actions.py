"""The actions the group agreed, each with an owner, a due date and a measure."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ampdesk.framework.state import ActionValue
from ampdesk.store.models import ActionItem, CheckInStatus
from ampdesk.store.row_images import Keys, Rows, Scope, remove
from ampdesk.store.workshop_file import Workshop


def action_rows(action_id: int) -> Scope:
    """An action and what deleting it takes along: its statuses at every check-in."""
    return (
        Rows(ActionItem, ActionItem.id == action_id),
        Rows(CheckInStatus, CheckInStatus.action_id == action_id),
    )


def new_action(
    step: str, title: str, owner: str = "", due: dt.date | None = None, measure: str = ""
) -> ActionItem:
    """An agreed action, not yet added to a session (refused without a title)."""
    if not title.strip():
        raise ValueError("an action needs a title")
    return ActionItem(step=step, title=title, owner=owner, due=due, measure=measure)


class ActionsStore:
    """Reads and edits the agreed actions; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def add(
        self,
        step: str,
        title: str,
        owner: str = "",
        due: dt.date | None = None,
        measure: str = "",
    ) -> int:
        """Add an agreed action; returns its id."""
        action = new_action(step, title, owner, due, measure)
        with self.workshop.session() as s:
            s.add(action)
            s.flush()
            return action.id

    def update(self, action_id: int, **changes: object) -> None:
        """Change some of an action's fields."""
        if "title" in changes and not str(changes["title"]).strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = s.get_one(ActionItem, action_id)
            for key, value in changes.items():
                setattr(action, key, value)

    def delete(self, action_id: int) -> Keys:
        """Remove an action and its check-in statuses (:func:`action_rows`); returns the keys
        of the rows removed."""
        with self.workshop.session() as s:
            return remove(s, action_rows(action_id))

    def all(self) -> list[ActionValue]:
        """Every action, in the order they were agreed."""
        with self.workshop.reading() as s:
            return [
                ActionValue(
                    id=a.id, step=a.step, title=a.title, owner=a.owner, due=a.due, measure=a.measure
                )
                for a in s.scalars(select(ActionItem).order_by(ActionItem.id))
            ]
