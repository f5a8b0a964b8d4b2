"""Edits of the group's input: notes and their dots."""

from __future__ import annotations

from ampdesk.framework.state import NOTE_KIND_LABELS, NoteKind
from ampdesk.store.models import Note, Vote
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit, quoted


class AddNote(RowEdit):
    """A piece of group input captured on a step."""

    def __init__(
        self, context: EditContext, step: str, kind: NoteKind, text: str, dimension: str | None
    ) -> None:
        super().__init__(context, f"Add {NOTE_KIND_LABELS[kind].lower()} {quoted(text)}")
        self.step, self.kind, self.note_text, self.dimension = step, kind, text, dimension

    def perform(self, store: WorkshopStore) -> Scope:
        note_id = store.notes.add(self.step, self.kind, self.note_text, dimension=self.dimension)
        return (Rows(Note, Note.id == note_id),)


class AddVote(RowEdit):
    """One of the room's dots placed on a note."""

    def __init__(self, context: EditContext, note_id: int) -> None:
        super().__init__(context, "Add a dot")
        self.note_id = note_id

    def perform(self, store: WorkshopStore) -> Scope:
        return (Rows(Vote, Vote.id == store.notes.add_vote(self.note_id)),)


class _NoteEdit(RowEdit):
    """A change to one note's own row."""

    def __init__(self, context: EditContext, text: str, note_id: int) -> None:
        super().__init__(context, text)
        self.note_id = note_id

    def scope(self) -> Scope:
        return (Rows(Note, Note.id == self.note_id),)


class SetNoteHidden(_NoteEdit):
    """A note hidden from the projector and the report, or shown again."""

    def __init__(self, context: EditContext, note_id: int, hidden: bool) -> None:
        super().__init__(context, "Hide a note" if hidden else "Show a note", note_id)
        self.hidden = hidden

    def perform(self, store: WorkshopStore) -> Scope:
        store.notes.set_hidden(self.note_id, self.hidden)
        return ()


class EditNoteText(_NoteEdit):
    """A note's text corrected."""

    def __init__(self, context: EditContext, note_id: int, text: str) -> None:
        super().__init__(context, f"Edit a note to {quoted(text)}", note_id)
        self.note_text = text

    def perform(self, store: WorkshopStore) -> Scope:
        store.notes.edit_text(self.note_id, self.note_text)
        return ()


class MergeNote(_NoteEdit):
    """A duplicate note folded into another; its dots count there."""

    def __init__(self, context: EditContext, note_id: int, into: int) -> None:
        super().__init__(context, "Merge duplicate notes", note_id)
        self.into = into

    def perform(self, store: WorkshopStore) -> Scope:
        store.notes.merge(self.note_id, self.into)
        return ()
