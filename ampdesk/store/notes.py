"""The group's notes (ideas, concerns, agreements) and the dots placed on them."""

from __future__ import annotations

from sqlalchemy import func, select

from ampdesk.framework.state import NoteKind, NoteValue
from ampdesk.store.models import Note, Vote
from ampdesk.store.workshop_file import Workshop


class NotesStore:
    """Reads and edits notes and votes; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def add(
        self,
        step: str,
        kind: NoteKind,
        text: str,
        *,
        dimension: str | None = None,
    ) -> int:
        """Capture a piece of group input; returns its id."""
        if not text.strip():
            raise ValueError("a note needs some text")
        with self.workshop.session() as s:
            note = Note(step=step, kind=kind, text=text, dimension=dimension)
            s.add(note)
            s.flush()
            return note.id

    def set_hidden(self, note_id: int, hidden: bool) -> None:
        """Hide a note from the projector and the report, or show it again."""
        with self.workshop.session() as s:
            s.get_one(Note, note_id).hidden = hidden

    def edit_text(self, note_id: int, text: str) -> None:
        """Correct a note's text (a typo)."""
        if not text.strip():
            raise ValueError("a note needs some text")
        with self.workshop.session() as s:
            s.get_one(Note, note_id).text = text

    def merge(self, note_id: int, into: int) -> None:
        """Fold a duplicate into another note (its dots count there)."""
        if into == note_id:
            raise ValueError("a note cannot be merged into itself")
        with self.workshop.session() as s:
            s.get_one(Note, note_id).merged_into_id = into

    def add_vote(self, note_id: int) -> int:
        """Place one dot on a note; returns the vote's id."""
        with self.workshop.session() as s:
            vote = Vote(note_id=note_id)
            s.add(vote)
            s.flush()
            return vote.id

    def all(self, step: str | None = None) -> list[NoteValue]:
        """Notes (optionally of one step) with their dots; a merged note's dots count for the
        note it was merged into, and the merged note itself is left out."""
        target = func.coalesce(Note.merged_into_id, Note.id)
        # Counted apart and matched in Python: SQLite joins notes to a grouped subquery by
        # scanning it once per note (15 s for 20,000 notes).
        votes = select(target, func.count(Vote.id)).join(Vote, Vote.note_id == Note.id)
        # Columns, not ORM objects: a report of 20,000 notes would spend most of its reading
        # time building objects it only copies.
        query = (
            select(Note.id, Note.step, Note.kind, Note.dimension, Note.text, Note.hidden)
            .where(Note.merged_into_id.is_(None))
            .order_by(Note.id)
        )
        if step is not None:
            query = query.where(Note.step == step)
            votes = votes.where(Note.step == step)
        with self.workshop.reading() as s:
            counts: dict[int, int] = {note: n for note, n in s.execute(votes.group_by(target))}
            return [
                NoteValue(
                    id=n.id,
                    step=n.step,
                    kind=n.kind,
                    dimension=n.dimension,
                    text=n.text,
                    hidden=n.hidden,
                    votes=counts.get(n.id, 0),
                )
                for n in s.execute(query)
            ]
