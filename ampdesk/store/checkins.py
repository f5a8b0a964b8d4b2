"""Follow-up check-ins: how each action stands at a later date, the pulse asked again, and the
trend over the workshop and every check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select

from ampdesk.framework.followup import (
    ActionStatus,
    CheckInValue,
    TrendPoint,
    point,
)
from ampdesk.store.models import ActionItem, Answer, CheckIn, CheckInStatus, WorkshopDetails
from ampdesk.store.pulses import shown_pulses
from ampdesk.store.row_images import Keys, Rows, Scope, remove
from ampdesk.store.workshop_file import Workshop


def checkin_rows(checkin_id: int) -> Scope:
    """A check-in and what deleting it takes along: the actions' statuses and the pulse
    answers given at it."""
    return (
        Rows(CheckIn, CheckIn.id == checkin_id),
        Rows(CheckInStatus, CheckInStatus.checkin_id == checkin_id),
        Rows(Answer, Answer.checkin_id == checkin_id),
    )


class CheckInsStore:
    """Reads and edits check-ins; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def add(self, held_on: dt.date, statuses: Mapping[int, tuple[str, str]], note: str = "") -> int:
        """Record a follow-up check-in: ``statuses`` maps action id to (status, note)."""
        with self.workshop.session() as s:
            checkin = CheckIn(held_on=held_on, note=note)
            checkin.statuses = [
                CheckInStatus(action_id=action_id, status=status, note=status_note)
                for action_id, (status, status_note) in statuses.items()
            ]
            s.add(checkin)
            s.flush()
            return checkin.id

    def all(self) -> list[CheckInValue]:
        """Every check-in, oldest first, with the actions' statuses."""
        with self.workshop.reading() as s:
            return [
                CheckInValue(
                    id=c.id,
                    held_on=c.held_on,
                    note=c.note,
                    statuses={
                        st.action_id: (st.status, st.note)  # type: ignore[misc]  # CHECK: an ActionStatus
                        for st in c.statuses
                    },
                )
                for c in s.scalars(select(CheckIn).order_by(CheckIn.held_on, CheckIn.id))
            ]

    def set_status(self, checkin_id: int, action_id: int, status: ActionStatus, note: str) -> None:
        """Set one action's status at a check-in."""
        row = CheckInStatus(checkin_id=checkin_id, action_id=action_id, status=status, note=note)
        with self.workshop.session() as s:
            s.merge(row)

    def delete(self, checkin_id: int) -> Keys:
        """Remove a check-in with its statuses and pulse answers (:func:`checkin_rows`);
        returns the keys of the rows removed."""
        with self.workshop.session() as s:
            s.get_one(CheckIn, checkin_id)  # an unknown check-in is an error, as before
            return remove(s, checkin_rows(checkin_id))

    def pulse(self, checkin_id: int | None) -> dict[str, list[int]]:
        """The pulse answers of a check-in (None: of the workshop) by check-in item."""
        with self.workshop.reading() as s:
            return shown_pulses(s, [checkin_id])[checkin_id]

    def trend(self) -> list[TrendPoint]:
        """The workshop and then every check-in, aggregated for the trend: one snapshot, one
        query per table however many check-ins there are."""
        with self.workshop.reading() as s:
            details = s.get_one(WorkshopDetails, 1)
            action_ids = list(s.scalars(select(ActionItem.id).order_by(ActionItem.id)))
            checkins = s.execute(
                select(CheckIn.id, CheckIn.held_on).order_by(CheckIn.held_on, CheckIn.id)
            ).all()
            statuses: dict[int, dict[int, tuple[ActionStatus, str]]] = {c.id: {} for c in checkins}
            for row in s.scalars(select(CheckInStatus)):
                status: ActionStatus = row.status  # type: ignore[assignment]  # CHECK: known
                statuses[row.checkin_id][row.action_id] = (status, row.note)
            pulses = shown_pulses(s, [None, *(c.id for c in checkins)])
        threshold = details.anonymity_threshold
        points = [point("Workshop", details.held_on, pulses[None], threshold)]
        for checkin in checkins:
            points.append(
                point(
                    f"{checkin.held_on:%d %b %Y}",
                    checkin.held_on,
                    pulses[checkin.id],
                    threshold,
                    statuses[checkin.id],
                    action_ids,
                )
            )
        return points
