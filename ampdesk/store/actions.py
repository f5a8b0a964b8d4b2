"""The actions the group agreed, each with an owner, a due date and a measure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select

from ampdesk.framework.state import ActionValue
from ampdesk.store.models import ActionItem, CheckInStatus
from ampdesk.store.workshop_file import Workshop


@dataclass(frozen=True, slots=True)
class ActionSnapshot:
    """A deleted action with its check-in statuses, kept so that undo can put it back."""

    action: ActionValue
    statuses: tuple[tuple[int, str, str], ...]  # (check-in id, status, note)


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
        action_id: int | None = None,
    ) -> int:
        """Add an agreed action (with ``action_id``: under that id again); returns its id."""
        if not title.strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = ActionItem(
                id=action_id, step=step, title=title, owner=owner, due=due, measure=measure
            )
            s.add(action)
            s.flush()
            return action.id

    def update(self, action_id: int, **changes: object) -> dict[str, object]:
        """Change some of an action's fields; returns what they were."""
        if "title" in changes and not str(changes["title"]).strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = s.get_one(ActionItem, action_id)
            before = {key: getattr(action, key) for key in changes}
            for key, value in changes.items():
                setattr(action, key, value)
            return before

    def delete(self, action_id: int) -> ActionSnapshot:
        """Remove an action and its check-in statuses; returns what undo needs to restore it."""
        action = next(a for a in self.all() if a.id == action_id)
        with self.workshop.session() as s:
            query = select(CheckInStatus).where(CheckInStatus.action_id == action_id)
            statuses = tuple((r.checkin_id, r.status, r.note) for r in s.scalars(query))
            s.execute(delete(CheckInStatus).where(CheckInStatus.action_id == action_id))
            s.execute(delete(ActionItem).where(ActionItem.id == action_id))
        return ActionSnapshot(action, statuses)

    def restore(self, snapshot: ActionSnapshot) -> None:
        """Put a deleted action back under its id, with its check-in statuses."""
        a = snapshot.action
        self.add(a.step, a.title, a.owner, a.due, a.measure, action_id=a.id)
        with self.workshop.session() as s:
            s.add_all(
                CheckInStatus(checkin_id=c, action_id=a.id, status=status, note=note)
                for c, status, note in snapshot.statuses
            )

    def all(self) -> list[ActionValue]:
        """Every action, in the order they were agreed."""
        with self.workshop.reading() as s:
            return [
                ActionValue(
                    id=a.id, step=a.step, title=a.title, owner=a.owner, due=a.due, measure=a.measure
                )
                for a in s.scalars(select(ActionItem).order_by(ActionItem.id))
            ]
