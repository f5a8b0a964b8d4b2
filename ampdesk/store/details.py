"""The workshop's details (title, organisation, date, anonymity threshold) and the people
registered in it."""

from __future__ import annotations

from sqlalchemy import func, select

from ampdesk.framework.pulse import check_threshold
from ampdesk.framework.state import Details
from ampdesk.store.models import Participant, WorkshopDetails
from ampdesk.store.workshop_file import Workshop


class DetailsStore:
    """Reads and changes the workshop's single details row; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def get(self) -> Details:
        """The workshop's details."""
        with self.workshop.reading() as s:
            row = s.get_one(WorkshopDetails, 1)
            return Details(
                title=row.title,
                organisation=row.organisation,
                held_on=row.held_on,
                venue=row.venue,
                facilitator=row.facilitator,
                anonymity_threshold=row.anonymity_threshold,
            )

    def update(self, **changes: object) -> None:
        """Change some of the workshop's details (keyword names as in :class:`Details`)."""
        allowed = set(Details.__dataclass_fields__)
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"unknown workshop detail(s): {', '.join(sorted(unknown))}")
        if "anonymity_threshold" in changes:
            check_threshold(changes["anonymity_threshold"])  # type: ignore[arg-type]  # not an int: TypeError, as before
        with self.workshop.session() as s:
            row = s.get_one(WorkshopDetails, 1)
            for key, value in changes.items():
                setattr(row, key, value)

    def add_participant(self, name: str | None = None, token: str | None = None) -> int:
        """Register a participant; anonymous unless a name is given. Returns its id."""
        with self.workshop.session() as s:
            count = s.scalar(select(func.count(Participant.id))) or 0
            participant = Participant(label=f"Participant {count + 1}", name=name, token=token)
            s.add(participant)
            s.flush()
            return participant.id
