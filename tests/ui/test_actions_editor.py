"""The action plan as an editor: the table model alone, then the page with keys and undo."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.fairness import GateOverride
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.actions_model import DUE, MEASURE, OWNER, STATUS, STEP, TITLE, ActionsModel
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow


def _controller(qtbot: QtBot, tmp_path: Path) -> WorkshopController:
    write_demo(tmp_path / "demo.ampdesk").close()
    controller = WorkshopController(host_workshop(tmp_path / "demo.ampdesk"), framework())
    return controller


def _stored(path: Path) -> list[object]:
    with open_workshop(path) as workshop:
        return list(WorkshopStore(workshop).actions.all())


@pytest.mark.slow
def test_model_edits_every_column_and_undo_restores_exactly(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path)
    model = ActionsModel(controller)
    before = controller.store.actions.all()
    checkins = controller.store.checkins.all()
    assert model.rowCount() == len(before) > 0
    row = 0
    assert model.setData(model.index(row, TITLE), "Publish the pay bands")
    assert model.setData(model.index(row, OWNER), "Dana")
    assert model.setData(model.index(row, DUE), QDate(2027, 2, 1))
    assert model.setData(model.index(row, MEASURE), "Bands on the wiki")
    assert model.setData(model.index(row, STEP), "purpose")
    assert model.setData(model.index(row, STATUS), "dropped")  # the demo has check-ins
    assert not model.setData(model.index(row, TITLE), "   ")  # a title is needed
    assert not model.setData(model.index(row, STEP), "nonsense")
    edited = controller.store.actions.all()[row]
    assert (edited.title, edited.owner, edited.due, edited.measure, edited.step) == (
        "Publish the pay bands",
        "Dana",
        dt.date(2027, 2, 1),
        "Bands on the wiki",
        "purpose",
    )
    assert controller.store.checkins.all()[-1].statuses[edited.id][0] == "dropped"
    assert model.data(model.index(row, TITLE)) == "Publish the pay bands"
    assert model.data(model.index(row, DUE)) == "1 Feb 2027"
    assert controller.undo_stack.count() == 6
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert controller.store.actions.all() == before
    assert controller.store.checkins.all() == checkins
    controller.close()
    assert _stored(tmp_path / "demo.ampdesk") == before


@pytest.mark.slow
def test_delete_undo_restores_the_same_id_and_check_in_statuses(
    qtbot: QtBot, tmp_path: Path
) -> None:
    controller = _controller(qtbot, tmp_path)
    before = controller.store.actions.all()
    checkins = controller.store.checkins.all()
    victim = next(a for a in before if any(a.id in c.statuses for c in checkins))
    controller.delete_action(victim.id)
    assert victim.id not in {a.id for a in controller.store.actions.all()}
    controller.undo_stack.undo()
    assert controller.store.actions.all() == before
    assert controller.store.checkins.all() == checkins
    controller.undo_stack.redo()
    controller.undo_stack.undo()
    assert controller.store.actions.all() == before
    controller.close()


@pytest.mark.slow
def test_add_undo_redo_keeps_the_id(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path)
    controller.add_action("mastery", "Pairing hour", "", None, "")
    added = controller.store.actions.all()[-1]
    controller.undo_stack.undo()
    assert added not in controller.store.actions.all()
    controller.undo_stack.redo()
    assert controller.store.actions.all()[-1] == added
    model = ActionsModel(controller)
    last = model.index(model.rowCount() - 1, TITLE)
    assert model.data(last, Qt.ItemDataRole.DecorationRole) is not None  # warning icon
    assert "no owner and no due date" in str(model.data(last, Qt.ItemDataRole.ToolTipRole))
    controller.close()


@pytest.mark.slow
def test_override_remediation_becomes_a_linked_action(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path)
    count = len(controller.store.actions.all())
    controller.set_override(
        GateOverride("Pay round in March", "Close the designer gap", "Sam", dt.date(2027, 3, 31))
    )
    actions = controller.store.actions.all()
    assert len(actions) == count + 1
    linked = actions[-1]
    assert (linked.step, linked.title, linked.owner, linked.due) == (
        "fairness",
        "Close the designer gap",
        "Sam",
        dt.date(2027, 3, 31),
    )
    assert controller.store.gate.override_action_id() == linked.id
    controller.withdraw_override()
    assert controller.store.gate.override_action_id() is None
    controller.undo_stack.undo()  # the override is back, still linked to its action
    assert controller.store.gate.override_action_id() == linked.id
    controller.undo_stack.undo()  # no override, no remediation action
    assert len(controller.store.actions.all()) == count
    controller.undo_stack.redo()
    assert controller.store.actions.all()[-1] == linked
    controller.close()


@pytest.mark.slow
def test_page_enter_adds_delete_key_removes_and_warns(
    qtbot: QtBot, tmp_path: Path, open_window: Callable[[Path], WorkshopWindow]
) -> None:
    write_demo(tmp_path / "w.ampdesk").close()
    window = open_window(tmp_path / "w.ampdesk")
    assert window.show_step("actions")
    page = window.page("actions")
    assert isinstance(page, ActionsPage)
    count = page.model.rowCount()
    page.title.setFocus()
    qtbot.keyClicks(page.title, "Share the budget")
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1)
    assert page.model.actions[-1].title == "Share the budget"
    assert page.missing.isVisible() and "no owner" in page.missing.text()
    page.table.setCurrentIndex(page.model.index(count, TITLE))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == count)
    assert not page.missing.isVisible()
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1)
