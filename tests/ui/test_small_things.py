"""The small things a facilitator relies on: redo keys, counts kept as typed, Tab."""

from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ampdesk.cli import main
from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.notes_board import NotesBoard
from ampdesk.ui.override_dialog import OverrideDialog

Opener = Callable[[Path], WorkshopWindow]


def _fresh(tmp_path: Path, open_window: Opener) -> WorkshopWindow:
    create_workshop(tmp_path / "w.ampdesk", "Small things").close()
    return open_window(tmp_path / "w.ampdesk")


@pytest.mark.slow
def test_redo_by_ctrl_shift_z_and_ctrl_y(qtbot: QtBot, tmp_path: Path, open_window: Opener) -> None:
    window = _fresh(tmp_path, open_window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    controller = window.controller
    controller.add_action("fairness", "First", "Ana", None, "")
    controller.add_action("fairness", "Second", "Ana", None, "")
    window.rail.setFocus()
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert controller.store.actions.all() == []
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.rail, Qt.Key.Key_Z, modifiers)
    assert [a.title for a in controller.store.actions.all()] == ["First"]
    qtbot.keyClick(window.rail, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [a.title for a in controller.store.actions.all()] == ["First", "Second"]


@pytest.mark.slow
def test_counts_are_kept_as_typed_without_a_save_click(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    boxes = panel.pulse.boxes["peers"]
    assert not hasattr(panel.pulse, "save_buttons")
    window.show_step("fairness")
    boxes[3].setFocus()
    boxes[3].selectAll()
    qtbot.keyClicks(boxes[3], "7")
    assert boxes[3].value() == 7
    window.close()  # closed while the pause has not run out yet: stored on close
    with open_workshop(tmp_path / "w.ampdesk") as workshop:
        assert WorkshopStore(workshop).answers.facilitator_counts("fairness", "peers") == [
            0,
            0,
            0,
            7,
            0,
        ]


@pytest.mark.slow
def test_counts_are_stored_when_typing_pauses(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    panel.pulse.boxes["market"][0].setValue(4)
    qtbot.waitUntil(lambda: not panel.pulse.unsaved)
    assert window.controller.store.answers.facilitator_counts("fairness", "market") == [
        4,
        0,
        0,
        0,
        0,
    ]


def test_tab_leaves_a_single_purpose_text_box(qtbot: QtBot) -> None:
    dialog = OverrideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setFocus()
    qtbot.waitUntil(dialog.reason.hasFocus)
    qtbot.keyClicks(dialog.reason, "Pay round in March")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert dialog.reason.toPlainText() == "Pay round in March"
    assert dialog.remediation.hasFocus()


@pytest.mark.slow
def test_import_asks_before_replacing_an_audit(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    window = open_window(tmp_path / "demo.ampdesk")
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    before = window.controller.store.pay.rows()
    assert before
    csv = tmp_path / "pay.csv"
    csv.write_text(
        "role,level,work_type,pay,market_median\nDesigner,Mid,creative,40000,50000\n",
        encoding="utf-8",
    )
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Cancel) as q:
        assert not panel.import_file(csv)
    assert f"holds {len(before)} people" in q.call_args.args[2]
    assert window.controller.store.pay.rows() == before
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        assert panel.import_file(csv)
    assert len(window.controller.store.pay.rows()) == 1
    window.controller.undo_stack.undo()
    assert window.controller.store.pay.rows() == before


def test_a_bad_file_given_to_the_app_is_explained_in_a_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.ampdesk"
    bad.write_text("shopping list", encoding="utf-8")
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    with patch.object(QMessageBox, "critical") as critical:
        assert main([str(bad)]) == 2  # still one line on stderr and exit 2
    (message,) = [call.args[2] for call in critical.call_args_list]
    assert "notes.ampdesk: not an ampdesk workshop" in message
    assert "SQLite" not in message


@pytest.mark.slow
def test_the_idea_list_keeps_its_order_while_dots_are_added(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    board = NotesBoard(window.controller, "purpose", "Stories", ("story",))
    qtbot.addWidget(board)
    for text in ("First", "Second", "Third"):
        window.controller.add_note("purpose", "story", text)
    qtbot.waitUntil(lambda: board.list.count() == 3)

    def listed() -> list[str]:
        return [board.list.item(n).text().split("   ")[0].split(" · ")[-1] for n in range(3)]

    third = board.list.item(2)
    board.list.setCurrentItem(third)
    board.vote()
    board.vote()
    qtbot.waitUntil(lambda: "● 2" in board.list.item(2).text())
    assert listed() == ["First", "Second", "Third"]  # nothing jumps under the mouse
    assert board.selected_id() == int(board.list.item(2).data(Qt.ItemDataRole.UserRole))
    board.sort_button.click()
    assert listed() == ["Third", "First", "Second"]
