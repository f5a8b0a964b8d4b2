"""The organisation's own cases: stories of its own, shown beside the framework's."""

from __future__ import annotations

from sqlalchemy import select

from ampdesk.framework.state import OwnCaseValue
from ampdesk.store.models import OwnCase
from ampdesk.store.workshop_file import Workshop


class CasesStore:
    """Reads and edits the organisation's own cases; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def add(self, title: str, story: str, lesson: str = "", step: str | None = None) -> int:
        """Add a story of the organisation's own; returns its id."""
        if not title.strip() or not story.strip():
            raise ValueError("a case needs a title and a story")
        with self.workshop.session() as s:
            case = OwnCase(
                title=title.strip(), story=story.strip(), lesson=lesson.strip(), step=step
            )
            s.add(case)
            s.flush()
            return case.id

    def all(self) -> list[OwnCaseValue]:
        """The organisation's own cases, oldest first."""
        with self.workshop.reading() as s:
            return [
                OwnCaseValue(c.id, c.title, c.story, c.lesson, c.step)
                for c in s.scalars(select(OwnCase).order_by(OwnCase.id))
            ]
