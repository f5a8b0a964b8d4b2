"""A whole workshop driven through the widgets, judged by what is in the file afterwards."""

from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.notes_board import NotesBoard
from ampdesk.ui.override_dialog import OverrideDialog
from ampdesk.ui.step_panels import DecisionText, MasteryPanel

PAY = "role,level,work_type,pay,market_median\nDesigner,Mid,creative,40000,50000\n"


def _capture(qtbot: QtBot, board: NotesBoard, text: str, dots: int = 0) -> None:
    board.text.setFocus()
    qtbot.keyClicks(board.text, text)
    qtbot.keyClick(board.text, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(text in board.list.item(i).text() for i in range(board.list.count()))
    )
    for row in range(board.list.count()):
        if text in board.list.item(row).text():
            board.list.setCurrentRow(row)
    for _ in range(dots):
        qtbot.mouseClick(board.dot, Qt.MouseButton.LeftButton)


def _warning_titles(window: WorkshopWindow) -> set[str]:
    return {label.accessibleName() for label in window.warnings.widget().findChildren(QLabel)}


@pytest.mark.slow
def test_a_whole_workshop(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "offsite.ampdesk"
    create_workshop(path, "Offsite").close()
    (tmp_path / "pay.csv").write_text(PAY, encoding="utf-8")
    window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
    qtbot.addWidget(window)
    window.show()
    controller = window.controller

    # step 1: the audit blocks the gate, step 2 cannot be entered, an override lets the group on
    assert window.show_step("fairness")
    fairness = window.page("fairness").findChild(FairnessPanel)
    assert fairness.import_file(tmp_path / "pay.csv")
    qtbot.waitUntil(lambda: controller.evaluation.gate.state == "blocked")
    assert not window.show_step("autonomy")

    def override(dialog: OverrideDialog) -> int:
        qtbot.keyClicks(dialog.reason, "Pay review already scheduled")
        qtbot.keyClicks(dialog.remediation, "Bring designers to market")
        qtbot.keyClicks(dialog.owner, "HR lead")
        return QDialog.DialogCode.Accepted

    with patch.object(OverrideDialog, "exec", override):
        qtbot.mouseClick(fairness.override_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.show_step("autonomy"))

    # steps 2-4: ideas, votes, skills, stories, decisions
    autonomy_board = window.page("autonomy").findChild(NotesBoard)
    _capture(qtbot, autonomy_board, "Teams pick their own tools", dots=3)
    _capture(qtbot, autonomy_board, "Bonus for every design shipped on time", dots=1)
    assert window.show_step("mastery")
    mastery = window.page("mastery").findChild(MasteryPanel)
    _capture(qtbot, mastery.findChildren(NotesBoard)[0], "Accessibility testing", dots=2)
    rhythm: QComboBox = mastery.rhythm
    rhythm.setCurrentIndex(rhythm.findData("annual"))
    rhythm.activated.emit(rhythm.currentIndex())
    assert window.show_step("purpose")
    purpose_page = window.page("purpose")
    _capture(qtbot, purpose_page.findChild(NotesBoard), "A patient booked her therapy alone")
    statement = next(
        d for d in purpose_page.findChildren(DecisionText) if d.key == PURPOSE_STATEMENT
    )
    qtbot.keyClicks(statement, "Maximise shareholder returns")
    qtbot.waitUntil(
        lambda: PURPOSE_STATEMENT in controller.store.progress.decisions()
    )  # saved on a pause

    # at least three different warnings are in view
    qtbot.waitUntil(
        lambda: (
            {
                "ignoring_baseline_fairness",
                "if_then_reward_for_creative_work",
                "annual_feedback_only",
                "inauthentic_purpose",
            }
            <= {f.id for f in controller.evaluation.findings}
        )
    )
    titles = _warning_titles(window)
    for check_id in (
        "if_then_reward_for_creative_work",
        "annual_feedback_only",
        "inauthentic_purpose",
    ):
        assert f"Warning: {framework().check(check_id).title}" in titles

    # actions
    assert window.show_step("actions")
    actions = window.page("actions")
    assert isinstance(actions, ActionsPage)
    qtbot.keyClicks(actions.title, "Pilot tool choice in one squad")
    qtbot.keyClicks(actions.owner, "Squad lead")
    qtbot.keyClicks(actions.measure, "Tool chosen by the squad in two weeks")
    actions.step.setCurrentIndex(actions.step.findData("autonomy"))
    assert actions.model.rowCount() == 1  # the override's remediation is already an action
    actions.add()
    qtbot.waitUntil(lambda: actions.model.rowCount() == 2)

    # undo and redo an edit
    controller.undo_stack.undo()
    qtbot.waitUntil(lambda: actions.model.rowCount() == 1)
    controller.undo_stack.redo()
    qtbot.waitUntil(lambda: actions.model.rowCount() == 2)
    window.close()

    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        notes = {n.text: n.votes for n in repo.notes.all()}
        assert notes["Teams pick their own tools"] == 3
        assert notes["Accessibility testing"] == 2
        assert "A patient booked her therapy alone" in notes
        assert repo.progress.decisions()[FEEDBACK_RHYTHM] == "annual"
        assert repo.progress.decisions()[PURPOSE_STATEMENT] == "Maximise shareholder returns"
        remediation, action = repo.actions.all()
        assert remediation.title == "Bring designers to market"
        assert repo.gate.override_action_id() == remediation.id
        assert (action.title, action.owner, action.step) == (
            "Pilot tool choice in one squad",
            "Squad lead",
            "autonomy",
        )
        assert repo.gate.active_override() is not None
        assert len(repo.pay.rows()) == 1
