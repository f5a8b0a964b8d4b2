"""A check-in's actions as a table model, without a view: what it shows, what it stores, undo."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.followup import ACTION_STATUS_LABELS, CheckInValue
from ampdesk.ui.checkin_model import ACTION, ACTION_ID_ROLE, NOTE, OWNER, STATUS, CheckInModel
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop


def _controller(tmp_path: Path) -> WorkshopController:
    write_demo(tmp_path / "demo.ampdesk").close()
    return WorkshopController(host_workshop(tmp_path / "demo.ampdesk"), framework())


def _latest(controller: WorkshopController) -> CheckInValue:
    return controller.store.checkins.all()[-1]


@pytest.mark.slow
def test_shows_each_action_with_its_status_and_note(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = CheckInModel(controller)
    assert model.rowCount() == 0  # nothing until a check-in is shown
    actions = controller.store.actions.all()
    checkin = _latest(controller)
    model.show(checkin, actions)
    assert model.rowCount() == len(actions) > 0 and model.columnCount() == 4
    for row, action in enumerate(actions):
        status, note = checkin.statuses.get(action.id, ("not_started", ""))
        assert model.data(model.index(row, ACTION)) == action.title
        assert model.data(model.index(row, OWNER)) == action.owner
        assert model.data(model.index(row, STATUS)) == ACTION_STATUS_LABELS[status]
        assert model.data(model.index(row, STATUS), Qt.ItemDataRole.EditRole) == status
        assert model.data(model.index(row, NOTE)) == note
        assert model.data(model.index(row, NOTE), ACTION_ID_ROLE) == action.id
    editable = [bool(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable) for c in range(4)]
    assert editable == [False, False, True, True]
    model.show(None, actions)
    assert model.rowCount() == 0
    controller.close()


@pytest.mark.slow
def test_edits_are_stored_once_each_and_undone(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = CheckInModel(controller)
    before = controller.store.checkins.all()
    model.show(before[-1], controller.store.actions.all())
    action_id = model.data(model.index(0, STATUS), ACTION_ID_ROLE)
    assert model.setData(model.index(0, STATUS), "dropped")
    assert model.setData(model.index(0, NOTE), "  Budget moved to Q3  ")
    assert not model.setData(model.index(0, STATUS), "lost")  # not a status
    assert not model.setData(model.index(0, ACTION), "Renamed")  # the Actions page edits it
    assert model.setData(model.index(0, NOTE), "Budget moved to Q3")  # unchanged: no new step
    assert _latest(controller).statuses[action_id] == ("dropped", "Budget moved to Q3")
    assert model.data(model.index(0, STATUS)) == "Dropped"
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.store.checkins.all() == before
    controller.close()


@pytest.mark.slow
def test_same_rows_update_in_place_other_rows_reset(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path)
    model = CheckInModel(controller)
    actions = controller.store.actions.all()
    model.show(_latest(controller), actions)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.show(_latest(controller), actions)  # a refresh while a note is typed
    assert resets == []
    model.show(_latest(controller), actions[1:])
    assert resets == [1]
    controller.close()
