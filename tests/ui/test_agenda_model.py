"""The agenda as a table model, without a view: cells, edits, refusals, order and undo."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.framework.plan import MAX_MINUTES, AgendaItem, WorkshopPlan, half_day
from ampdesk.store.workshop_file import create_workshop
from ampdesk.ui.agenda_model import KIND, KIND_ROLE, MINUTES, TITLE, AgendaModel
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop


def _controller(tmp_path: Path) -> WorkshopController:
    create_workshop(tmp_path / "w.ampdesk", "Agenda").close()
    controller = WorkshopController(host_workshop(tmp_path / "w.ampdesk"), framework())
    controller.set_plan(half_day(framework()), "Use a standard agenda")
    controller.undo_stack.clear()
    return controller


def _stored(controller: WorkshopController, qtbot: QtBot) -> WorkshopPlan:
    """The plan as the file holds it, once the controller has read it again."""
    qtbot.wait(5)  # the refresh after an edit runs on the next turn of the event loop
    return controller.plan


@pytest.mark.slow
def test_cells_and_what_may_be_edited(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = AgendaModel(controller)
    agenda = controller.plan.agenda
    assert model.rowCount() == len(agenda) and model.columnCount() == 3
    for row, item in enumerate(agenda):
        assert model.data(model.index(row, TITLE)) == item.title
        assert model.data(model.index(row, MINUTES), Qt.ItemDataRole.EditRole) == item.minutes
        assert model.data(model.index(row, KIND), KIND_ROLE) == item.kind
        title_editable = model.flags(model.index(row, TITLE)) & Qt.ItemFlag.ItemIsEditable
        assert bool(title_editable) == (item.kind != "step")  # a step keeps the framework's name
        assert model.flags(model.index(row, MINUTES)) & Qt.ItemFlag.ItemIsEditable
        assert not model.flags(model.index(row, KIND)) & Qt.ItemFlag.ItemIsEditable
    controller.close()


@pytest.mark.slow
def test_edits_are_stored_as_single_steps_and_undone(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = AgendaModel(controller)
    before = controller.plan
    step_row = next(r for r, i in enumerate(before.agenda) if i.kind == "step")
    other_row = next(r for r, i in enumerate(before.agenda) if i.kind != "step")
    assert model.setData(model.index(step_row, MINUTES), 50)
    assert model.setData(model.index(other_row, TITLE), "  Coffee and cake ")
    assert not model.setData(model.index(step_row, TITLE), "My own step name")
    assert not model.setData(model.index(other_row, TITLE), "   ")
    assert not model.setData(model.index(step_row, MINUTES), MAX_MINUTES + 1)
    assert not model.setData(model.index(step_row, MINUTES), 0)
    stored = _stored(controller, qtbot).agenda
    assert stored[step_row].minutes == 50 and stored[other_row].title == "Coffee and cake"
    assert model.data(model.index(other_row, TITLE)) == "Coffee and cake"
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert _stored(controller, qtbot) == before
    assert model.data(model.index(step_row, MINUTES)) == before.agenda[step_row].minutes
    controller.close()


@pytest.mark.slow
def test_insert_move_and_remove_keep_the_steps(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = AgendaModel(controller)
    before = controller.plan.agenda
    assert model.insert(1, AgendaItem("break", "Stretch", 5))
    assert [i.title for i in _stored(controller, qtbot).agenda][:2] == [before[0].title, "Stretch"]
    assert model.rowCount() == len(before) + 1
    assert model.move(1, 1)
    assert _stored(controller, qtbot).agenda[2].title == "Stretch"
    assert not model.move(0, -1)  # nothing above the first
    step_row = next(r for r, i in enumerate(controller.plan.agenda) if i.kind == "step")
    assert not model.remove(step_row)  # the framework's steps stay
    assert model.remove(2)
    assert _stored(controller, qtbot).agenda == before
    assert controller.undo_stack.count() == 3
    controller.close()


@pytest.mark.slow
def test_a_refused_agenda_is_said_and_not_stored(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = AgendaModel(controller)
    before = controller.plan
    said: list[str] = []
    model.refused.connect(said.append)
    assert not model.store([], "Clear the agenda")
    assert said == ["the agenda is empty"]
    assert controller.undo_stack.count() == 0
    assert _stored(controller, qtbot) == before and model.rowCount() == len(before.agenda)
    controller.close()
