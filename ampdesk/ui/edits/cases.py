"""Edits of the case library: the organisation's own stories."""

from __future__ import annotations

from ampdesk.store.models import OwnCase
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit, quoted


class AddOwnCase(RowEdit):
    """One of the organisation's own stories added beside the framework's cases."""

    def __init__(
        self, context: EditContext, title: str, story: str, lesson: str, step: str | None
    ) -> None:
        super().__init__(context, f"Add case {quoted(title)}")
        self.title, self.story, self.lesson, self.step = title, story, lesson, step

    def perform(self, store: WorkshopStore) -> Scope:
        case_id = store.cases.add(self.title, self.story, self.lesson, self.step)
        return (Rows(OwnCase, OwnCase.id == case_id),)
