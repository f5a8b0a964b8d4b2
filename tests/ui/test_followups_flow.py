"""From preparation to the follow-ups, through the widgets: a workshop from the half-day
template, handed over without individual pay, run, and followed by two check-ins whose trend
shows in the app and in the follow-up PDF."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import PayRow
from ampdesk.store.templates import load_template
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.checkin_model import STATUS
from ampdesk.ui.counts_editor import CountsEditor
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.followups_page import FollowUpsPage
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.opening import open_workshop_window
from ampdesk.ui.plan_editor import PlanEditor
from ampdesk.ui.recent import app_settings
from ampdesk.ui.start_window import StartWindow
from tests.cli.runner import ampdesk

Opener = Callable[[Path], WorkshopWindow]
PEOPLE = ("Ines Quast", "Bo Okafor", "Mirela Stan", "Jon Ahl", "Kit Varga", "Lee Moss")


def _audit() -> list[PayRow]:
    return [
        PayRow("Engineer", "Mid", "creative", 60000 + 1000 * n, 62000, person=name, group="A")
        for n, name in enumerate(PEOPLE)
    ]


def _enter_counts(qtbot: QtBot, editor: CountsEditor, item: str, counts: list[int]) -> None:
    for box, count in zip(editor.boxes[item], counts, strict=True):
        box.setValue(count)
    qtbot.wait(20)  # a refresh in between must not wipe counts being typed
    qtbot.waitUntil(lambda: not editor.unsaved)  # stored once typing pauses: no Save button


def _record_checkin(
    qtbot: QtBot, page: FollowUpsPage, day: dt.date, status: str, peers: list[int]
) -> None:
    before = page.chooser.count()
    page.new_date.setDate(QDate(day))
    qtbot.mouseClick(page.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.chooser.count() == before + 1)
    assert page.model.setData(page.model.index(0, STATUS), status)
    page.counts_box.toggle.setChecked(True)
    assert page.counts is not None
    _enter_counts(qtbot, page.counts, "peers", peers)
    _enter_counts(qtbot, page.counts, "how.current", peers)


@pytest.mark.slow
def test_template_handover_run_and_two_checkins(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    # the manager prepares the workshop from the half-day template
    start = StartWindow(app_settings(), open_workshop_window)
    qtbot.addWidget(start)
    manager_file = tmp_path / "prepared.ampdesk"
    start.create_from_template(load_template("half-day"), "Spring offsite", manager_file)
    manager = start.windows[0]
    qtbot.addWidget(manager)
    editor = manager.page("plan").findChild(PlanEditor)
    assert editor.timeline.items == load_template("half-day").plan.agenda
    editor.expected.setValue(6)
    editor.expected.editingFinished.emit()
    manager.controller.replace_pay(_audit())
    qtbot.waitUntil(lambda: manager.controller.store.plan.get().expected_participants == 6)
    facilitator_file = tmp_path / "for facilitator.ampdesk"
    assert manager.hand_over(facilitator_file, include_individual_pay=False) == facilitator_file
    manager.close()
    for name in PEOPLE:
        assert name.encode() not in facilitator_file.read_bytes()

    # the facilitator runs it: the plan came along, the pay figures too, no one's pay
    window = open_window(facilitator_file)
    assert window.windowTitle().startswith("Spring offsite")
    assert window.controller.store.plan.get().expected_participants == 6
    assert window.show_step("fairness")
    fairness = window.page("fairness").findChild(FairnessPanel)
    assert fairness.roles.rowCount() == 1 and fairness.roles.item(0, 0).text() == "Engineer"
    window.controller.store.details.update(anonymity_threshold=5)
    window.controller.add_action("autonomy", "Teams pick their tools", "Team lead", None, "")
    window.controller.add_action("mastery", "Weekly progress review", "Squad lead", None, "")

    # two check-ins through the Follow-ups page
    assert window.show_step("followups")
    page = window.page("followups")
    assert isinstance(page, FollowUpsPage)
    _record_checkin(qtbot, page, dt.date(2027, 1, 12), "on_track", [0, 2, 3, 1, 0])
    _record_checkin(qtbot, page, dt.date(2027, 2, 9), "done", [0, 0, 1, 3, 2])
    qtbot.waitUntil(lambda: len(page.chart.points) == 3)
    means = [p.means["peers"] for p in page.chart.points]
    assert means[0] is None and means[1] < means[2]
    assert "Actions done: 1 of 2" in page.summary.text()
    window.controller.undo_stack.undo()  # the last count entry is undoable
    qtbot.waitUntil(lambda: page.chart.points[2].means["autonomy"] is None)
    window.controller.undo_stack.redo()
    qtbot.waitUntil(lambda: page.chart.points[2].means["autonomy"] is not None)
    window.close()

    with open_workshop(facilitator_file) as workshop:
        checkins = WorkshopStore(workshop).checkins.all()
    assert [c.held_on for c in checkins] == [dt.date(2027, 1, 12), dt.date(2027, 2, 9)]

    result = ampdesk("followup-report", facilitator_file.name, "-o", "fu.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(tmp_path / "fu.pdf").pages).split()
    )
    assert "12 January 2027" in text and "9 February 2027" in text
    assert "Actions done: 1 of 2" in text
    assert all(name not in text for name in PEOPLE)
