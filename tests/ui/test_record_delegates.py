"""The editors of the record tables store values, not the words shown: a status chosen in the
list, a date from the calendar field, each reaching the file through the model."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.ui import actions_model, checkin_model
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.followups_page import FollowUpsPage
from ampdesk.ui.hosted import host_workshop


def _controller(tmp_path: Path) -> WorkshopController:
    write_demo(tmp_path / "demo.ampdesk").close()
    return WorkshopController(host_workshop(tmp_path / "demo.ampdesk"), framework())


@pytest.mark.slow
def test_a_status_chosen_at_a_checkin_is_stored_as_its_value(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    page = FollowUpsPage(controller)
    qtbot.addWidget(page)
    page.refresh()
    index = page.model.index(0, checkin_model.STATUS)
    delegate = page.table.itemDelegate()
    editor = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    assert editor.currentData() == page.model.data(index, Qt.ItemDataRole.EditRole)
    editor.setCurrentIndex(editor.findData("dropped"))
    delegate.setModelData(editor, page.model, index)
    action_id = page.model.data(index, checkin_model.ACTION_ID_ROLE)
    assert controller.checkins()[-1].statuses[action_id][0] == "dropped"


@pytest.mark.slow
def test_a_due_date_and_status_chosen_for_an_action_are_stored(
    qtbot: QtBot, tmp_path: Path
) -> None:
    controller = _controller(tmp_path)
    page = ActionsPage(controller)
    qtbot.addWidget(page)
    delegate = page.table.itemDelegate()
    due = page.model.index(0, actions_model.DUE)
    editor = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), due)
    assert isinstance(editor, QDateEdit)
    editor.setDate(QDate(2027, 3, 14))
    delegate.setModelData(editor, page.model, due)
    status = page.model.index(0, actions_model.STATUS)
    box = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), status)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("done"))
    delegate.setModelData(box, page.model, status)
    action_id = page.model.action_id(0)
    assert next(a for a in controller.actions() if a.id == action_id).due == dt.date(2027, 3, 14)
    assert controller.checkins()[-1].statuses[action_id][0] == "done"  # at the latest check-in
