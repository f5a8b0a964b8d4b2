"""The actions the group agreed, each with an owner, a due date and a measure."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from ampdesk.framework.state import ActionValue
from ampdesk.store.models import ActionItem, CheckInStatus
from ampdesk.store.workshop_file import Workshop


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
        if not title.strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = ActionItem(step=step, title=title, owner=owner, due=due, measure=measure)
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

    def delete(self, action_id: int) -> None:
        """Remove an action and its check-in statuses."""
        with self.workshop.session() as s:
            s.execute(delete(CheckInStatus).where(CheckInStatus.action_id == action_id))
            s.execute(delete(ActionItem).where(ActionItem.id == action_id))

    def all(self) -> list[ActionValue]:
        """Every action, in the order they were agreed."""
        with self.workshop.reading() as s:
            return [
                ActionValue(
                    id=a.id, step=a.step, title=a.title, owner=a.owner, due=a.due, measure=a.measure
                )
                for a in s.scalars(select(ActionItem).order_by(ActionItem.id))
            ]
