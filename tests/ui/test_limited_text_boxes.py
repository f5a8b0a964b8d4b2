"""The window's text boxes stop at the length the store keeps: a long paste is cut at the
limit and what is added is stored whole."""

import pytest
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from ampdesk.framework.text_limits import limit
from ampdesk.ui.actions_model import TITLE
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.cases_page import CasesPage
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.plan_page import PlanPage
from ampdesk.ui.saved_text import SavedText


@pytest.mark.slow
def test_a_pasted_action_title_is_cut_at_the_limit_and_stored(demo_window: WorkshopWindow) -> None:
    page = demo_window.page("actions")
    assert isinstance(page, ActionsPage)
    page.title.insert("a" * 8_000)
    page.add()
    titles = [a.title for a in demo_window.controller.store.actions.all()]
    assert "a" * limit("action.title") in titles
    assert max(len(t) for t in titles) == limit("action.title")


@pytest.mark.slow
def test_a_table_cell_editor_stops_at_the_column_limit(demo_window: WorkshopWindow) -> None:
    page = demo_window.page("actions")
    assert isinstance(page, ActionsPage)
    index = page.table.model().index(0, TITLE)
    editor = page.table.itemDelegate().createEditor(page.table, QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit)
    assert editor.maxLength() == limit("action.title")


@pytest.mark.slow
def test_a_pasted_story_is_cut_at_the_limit(demo_window: WorkshopWindow) -> None:
    page = demo_window.page("cases")
    assert isinstance(page, CasesPage)
    page.new_title.insert("A long story")
    page.new_story.insertPlainText("s" * 25_000)
    assert len(page.new_story.toPlainText()) == limit("own_case.story")
    page.add()
    stories = [c.story for c in demo_window.controller.store.cases.all()]
    assert "s" * limit("own_case.story") in stories


@pytest.mark.slow
def test_the_cover_and_the_private_notes_stop_at_their_limits(
    demo_window: WorkshopWindow,
) -> None:
    page = demo_window.page("plan")
    assert isinstance(page, PlanPage)
    for key, edit in page.edits.items():
        assert edit.maxLength() == limit(f"workshop.{key}")
    (notes,) = [
        box
        for box in page.findChildren(SavedText)
        if box.placeholderText().startswith("Notes for the facilitator")
    ]
    notes.insertPlainText("n" * 12_000)
    notes.save()
    stored = demo_window.controller.store.plan.get().facilitator_notes
    assert stored == "n" * limit("workshop_plan.facilitator_notes")
