"""Models that update in place: the controller says which aggregates changed, tables insert
and update rows instead of resetting, and never while a cell is edited."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ampdesk.ui.actions_model import TITLE
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.main_window import WorkshopWindow
from tests.live.client import Phone


def test_the_controller_says_which_aggregates_changed(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    controller = demo_window.controller
    with qtbot.waitSignal(controller.changed):
        controller.add_action("purpose", "Tell one story a month", "Ana", None, "")
    assert "actions" in controller.changed_parts
    assert "pay_rows" not in controller.changed_parts and "plan" not in controller.changed_parts
    with qtbot.waitSignal(controller.changed):
        controller.add_note("purpose", "story", "A customer wrote to thank us")
    assert controller.changed_parts >= {"notes"} and "actions" not in controller.changed_parts


def test_a_new_action_is_a_row_inserted_not_a_reset(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    page = demo_window.page("actions")
    assert isinstance(page, ActionsPage)
    model = page.model
    rows = model.rowCount()
    resets: list[int] = []
    inserted: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    with qtbot.waitSignal(demo_window.controller.changed):
        demo_window.controller.add_action("purpose", "Tell one story a month", "Ana", None, "")
    assert model.rowCount() == rows + 1 and inserted == [rows] and resets == []


def test_typing_in_a_cell_survives_phones_answering(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    window.show_step("fairness")
    window.present_page("fairness")  # the phones answer the pay pulse
    window.live_bar.choose_host("127.0.0.1")
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        window.live_action.trigger()
    info = started.args[0]
    phone = Phone(str(info["url"]))  # (one phone per address, as the server allows)
    assert phone.join(str(info["code"])).status == 201
    window.show_step("actions")
    page = window.page("actions")
    assert isinstance(page, ActionsPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    index = page.model.index(0, TITLE)
    before = page.model.data(index)
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    editor.selectAll()
    qtbot.keyClicks(editor, "Pay the mid-level engineers")
    refreshes: list[int] = []
    window.controller.changed.connect(lambda: refreshes.append(1))
    for item in ("peers", "market", "settled"):  # the phone answers while the cell is edited
        reply = phone.submit("answers", {"activity": "pulse", "answers": {item: 4}})
        assert reply.status in (200, 201), reply
    qtbot.waitUntil(lambda: len(refreshes) >= 1, timeout=10000)
    qtbot.wait(500)
    assert page.table.findChild(QLineEdit) is editor and editor.isVisible()
    assert editor.text() == "Pay the mid-level engineers"
    qtbot.keyClicks(editor, " by June")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.data(index) == "Pay the mid-level engineers by June")
    assert before != page.model.data(index)
    titles = [a.title for a in window.controller.actions()]
    assert "Pay the mid-level engineers by June" in titles
    window.live.stop()
    QApplication.processEvents()


def test_the_table_waits_for_the_cell_being_edited(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    window.show_step("actions")
    page = window.page("actions")
    assert isinstance(page, ActionsPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    index = page.model.index(0, TITLE)
    page.table.setFocus()
    page.table.edit(index)
    editor = page.table.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, " (typed)")
    other = window.controller.actions()[1]
    with qtbot.waitSignal(window.controller.changed):
        window.controller.update_action(other.id, owner="Somebody else")
    second = page.model.index(1, 0).siblingAtColumn(2)
    assert page.model.data(second) == other.owner  # held back while the cell is edited
    assert editor.text().endswith(" (typed)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.data(second) == "Somebody else")
