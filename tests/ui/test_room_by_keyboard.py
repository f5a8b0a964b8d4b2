"""A workshop run from the keyboard with the new editors: show-of-hands counts kept without a
Save click, a step's clock running while other pages are open, an action added with Enter,
edited in its cell and deleted with Del, undo and both redo keys, two phones saying they are
done. Then the file is opened again and holds it all."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import GateOverride
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.actions_model import OWNER, TITLE
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.step_timer import TimerBar
from tests.live.client import Phone

Opener = Callable[[Path], WorkshopWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _activate(qtbot: QtBot, window: WorkshopWindow) -> None:
    """Keys go to the active window (a window shown since may have taken that)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _go(qtbot: QtBot, window: WorkshopWindow, number: int) -> None:
    """Ctrl+N of the Go menu (Plan 0, steps 1-4, Actions 5), then Ctrl+Enter presents it."""
    qtbot.keyClick(window.rail, Qt.Key(Qt.Key.Key_0 + number), CTRL)
    qtbot.keyClick(window.rail, Qt.Key.Key_Return, CTRL)


@pytest.mark.slow
def test_a_workshop_from_the_keyboard(qtbot: QtBot, tmp_path: Path, open_window: Opener) -> None:
    path = tmp_path / "room.ampdesk"
    with create_workshop(path, "Room") as workshop:
        LiveStore(workshop).set_phones_per_address(2)
    window = open_window(path)
    _activate(qtbot, window)
    controller = window.controller

    # step 1: a show of hands typed into the counts, no Save button anywhere
    _go(qtbot, window, 1)
    assert window.page_ids[window.rail.currentRow()] == "fairness"
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    boxes = panel.pulse.boxes["peers"]
    for box, count in zip(boxes, (0, 1, 3, 4, 2), strict=True):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, str(count))
        qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not panel.pulse.unsaved)
    # the group goes on with a remediation plan (the override dialog has its own test)
    controller.set_override(
        GateOverride("Audit next week", "Run the pay audit", "HR lead", dt.date(2027, 1, 15))
    )
    qtbot.waitUntil(lambda: window.go_actions["autonomy"].isEnabled())

    # step 2: start its clock, then look elsewhere: it keeps running
    _go(qtbot, window, 2)
    assert window.page_ids[window.rail.currentRow()] == "autonomy"
    bar = window.timer_toolbar.findChild(TimerBar)
    assert bar is not None
    bar.start.setFocus()
    qtbot.keyClick(bar.start, Qt.Key.Key_Space)
    assert window.timer.running_step == "autonomy"

    # actions: Enter adds, a cell is edited in place, Del deletes
    _go(qtbot, window, 5)
    page = window.page("actions")
    assert isinstance(page, ActionsPage)
    existing = page.model.rowCount()  # the override's remediation
    for title in ("Pilot tool choice in one squad", "Remove the sign-off on small fixes"):
        page.title.setFocus()
        qtbot.keyClicks(page.title, title)
        qtbot.keyClick(page.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == existing + 2)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(existing, OWNER))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    (editor,) = [e for e in page.table.findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, "Squad lead")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.actions[existing].owner == "Squad lead")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(existing + 1, TITLE))
    _activate(qtbot, window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == existing + 1)
    deleted_id = existing + 2  # ids count from 1: the remediation, then the two typed

    # undo the delete, redo it with Ctrl+Shift+Z, undo again, redo with Ctrl+Y
    _activate(qtbot, window)
    window.rail.setFocus()
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, CTRL)
    assert deleted_id in {a.id for a in controller.store.actions.all()}  # back under its own id
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, CTRL | SHIFT)
    assert deleted_id not in {a.id for a in controller.store.actions.all()}
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.rail, Qt.Key.Key_Y, CTRL)
    assert deleted_id not in {a.id for a in controller.store.actions.all()}

    # the clock of step 2 ran while the actions were typed
    qtbot.waitUntil(lambda: window.timer.elapsed.get("autonomy", 0) >= 1, timeout=4000)
    assert window.timer_toolbar.isVisible() and window.timer.running

    # two phones say they are done with step 2's activity
    _go(qtbot, window, 2)
    bar_live = window.live_bar
    bar_live.networks.aboutToShow.emit()
    next(a for a in bar_live.networks.actions() if a.text().startswith("127.0.0.1")).trigger()
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        qtbot.keyClick(window.rail, Qt.Key.Key_L, CTRL)
    info = started.args[0]
    presenter = window.open_presenter()
    phones = [Phone(str(info["url"])) for _ in range(2)]
    for phone in phones:
        assert phone.join(str(info["code"])).status == 201
    for _ in range(50):
        if phones[0].state().data.get("activity") == "autonomy":
            break
        qtbot.wait(200)
    for phone in phones:
        assert phone.submit("done", {"activity": "autonomy"}).status == 200
    qtbot.waitUntil(lambda: "2 of 2 done" in window.live_bar.done.text(), timeout=10000)
    assert presenter.done_label.text() == "2 of 2 done"
    window.close()

    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert repo.answers.facilitator_counts("fairness", "peers") == [0, 1, 3, 4, 2]
        titles = {a.title: a.owner for a in repo.actions.all()}
        assert titles == {
            "Run the pay audit": "HR lead",
            "Pilot tool choice in one squad": "Squad lead",
        }
        assert repo.progress.step_seconds()["autonomy"] >= 1
        assert repo.step_statuses()["fairness"] == "in_progress"
        assert repo.counts().participants == 2  # the phones
