"""Edits of the workshop's details (as printed on the report's cover)."""

from __future__ import annotations

from ampdesk.store.models import WorkshopDetails
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit

_WORDS = {
    "title": "the title",
    "organisation": "the organisation",
    "held_on": "the date",
    "venue": "the venue",
    "facilitator": "the facilitator",
    "anonymity_threshold": "the anonymity threshold",
}


class UpdateDetails(RowEdit):
    """Some of the workshop's details changed."""

    def __init__(self, context: EditContext, changes: dict[str, object]) -> None:
        named = [_WORDS.get(key, key) for key in changes]
        what = named[0] if len(named) == 1 else "the workshop's details"
        super().__init__(context, f"Change {what}")
        self.changes = dict(changes)

    def scope(self) -> Scope:
        return (Rows(WorkshopDetails, WorkshopDetails.id == 1),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.details.update(**self.changes)
        return ()
