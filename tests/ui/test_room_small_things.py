"""The room's small things: timer extensions kept, counts above the people expected, one
missing owner, what an import read, quitting with phones connected, contrast in both
palettes, prompts written for the room, and a window closed while a report builds."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import create_workshop
from ampdesk.ui.actions_model import TITLE
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.report_page import ReportPage
from ampdesk.ui.step_page import StepPage
from ampdesk.ui.tones import TONES, contrast, tone
from tests.live.client import Phone

Opener = Callable[[Path], WorkshopWindow]


def _fresh(tmp_path: Path, open_window: Opener) -> WorkshopWindow:
    create_workshop(tmp_path / "w.ampdesk", "Small things").close()
    return open_window(tmp_path / "w.ampdesk")


@pytest.mark.slow
def test_timer_extensions_are_kept_taken_back_and_reset(
    tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    plan = window.controller.plan
    window.show_step("fairness")
    timer = window.timer
    planned = plan.timebox("fairness")
    assert planned
    bar = window.timer_toolbar.widgetForAction(window.timer_toolbar.actions()[0])
    bar.more.click()  # +5
    bar.one_less.click()  # -1
    assert timer.planned_seconds("fairness") == (planned + 4) * 60
    window.close()
    again = open_window(tmp_path / "w.ampdesk")
    again.show_step("fairness")
    assert again.timer.planned_seconds("fairness") == (planned + 4) * 60
    bar = again.timer_toolbar.widgetForAction(again.timer_toolbar.actions()[0])
    assert bar.as_planned.isEnabled()
    bar.as_planned.click()
    assert again.timer.planned_seconds("fairness") == planned * 60
    for _ in range(planned + 5):
        bar.one_less.click()  # a timebox keeps at least a minute
    assert again.timer.planned_seconds("fairness") == 60
    bar.as_planned.click()
    again.close()
    assert open_window(tmp_path / "w.ampdesk").timer.planned_seconds("fairness") == planned * 60


@pytest.mark.slow
def test_counts_above_the_people_expected_are_flagged(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    window.controller.set_plan(replace(window.controller.plan, expected_participants=12))
    window.show_step("fairness")
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    boxes = panel.pulse.boxes["peers"]
    flag = panel.pulse.flags["peers"]
    boxes[2].setValue(10)
    assert not flag.isVisibleTo(panel)
    boxes[3].setValue(8)  # 18 hands for 12 people
    assert flag.isVisibleTo(panel)
    assert "18 answers for 12 people expected" in flag.text()
    panel.pulse.save_all()
    window.controller.schedule_refresh()
    qtbot.waitUntil(lambda: "18 answers" in panel.pulse.flags["peers"].text())
    boxes[3].setValue(2)
    assert not flag.isVisibleTo(panel)


@pytest.mark.slow
def test_an_owner_nobody_in_particular_is_missing_in_the_table_and_the_warnings(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    window.controller.add_action("purpose", "Share a story each month", "TBD", None, "")
    window.controller.schedule_refresh()
    window.show_step("actions")
    page = window.page("actions")
    assert isinstance(page, ActionsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    tip = page.model.data(page.model.index(0, TITLE), Qt.ItemDataRole.ToolTipRole)
    assert "no owner" in str(tip)
    qtbot.waitUntil(
        lambda: any(
            f.id.startswith("action_without_owner") for f in window.controller.evaluation.findings
        )
    )


def test_an_import_says_what_it_read(tmp_path: Path, open_window: Opener) -> None:
    window = _fresh(tmp_path, open_window)
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    csv = tmp_path / "pay.csv"
    csv.write_text(
        "role,level,work_type,pay,market_median\n"
        "Designer,Mid,creative,40000,50000\nDesigner,Mid,creative,41000,50000\n",
        encoding="utf-8",
    )
    assert panel.import_file(csv)
    assert panel.imported.isVisibleTo(panel)
    assert panel.imported.text().startswith("Imported 2 people from pay.csv (")


@pytest.mark.slow
def test_quit_asks_while_phones_are_connected(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    window.live_bar.choose_host("127.0.0.1")
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        window.live_action.trigger()
    info = started.args[0]
    cancel = QMessageBox.StandardButton.Cancel
    with patch.object(QMessageBox, "question", return_value=cancel) as question:
        assert window.phones_may_go()
    question.assert_not_called()  # no phone yet: nothing to ask
    assert Phone(str(info["url"])).join(str(info["code"])).status == 201
    with patch.object(QMessageBox, "question", return_value=cancel) as question:
        window.quit_app()
    assert "1 phone is connected" in question.call_args.args[2]
    assert window.isVisible() and window.live.running
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        window.quit_app()
    assert not window.isVisible() and not window.live.running


def _palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    return palette


LIGHT = _palette("#efefef", "#ffffff", "#000000")
DARK = _palette("#2d2d2d", "#1e1e1e", "#f0f0f0")


def test_warning_colours_read_at_4_5_to_1_in_light_and_dark_palettes() -> None:
    for palette in (LIGHT, DARK):
        for name in TONES:
            colour = QColor(tone(name, palette))
            for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
                assert contrast(colour, palette.color(role)) >= 4.5, (name, role)


def test_has_no_owner_reads_in_the_dark_palette(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(DARK)
    try:
        window = _fresh(tmp_path, open_window)
        window.controller.add_action("purpose", "Share a story", "", None, "")
        window.controller.schedule_refresh()
        page = window.page("actions")
        assert isinstance(page, ActionsPage)
        qtbot.waitUntil(lambda: "has no owner" in page.missing.text())
        colour = page.missing.styleSheet().split("color:")[1].split(";")[0].strip()
        assert contrast(QColor(colour), DARK.color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        app.setPalette(before)


def test_prompts_on_the_projector_are_written_for_the_room(
    tmp_path: Path, open_window: Opener
) -> None:
    content = framework()
    for step in content.steps:
        for prompt in step.prompts:
            assert "ask " not in prompt.lower() and "instead" not in prompt.lower(), prompt
    purpose = content.step("purpose")
    assert purpose.prompt_notes  # the facilitator's note on a prompt is kept apart
    window = _fresh(tmp_path, open_window)
    page = window.page("purpose")
    assert isinstance(page, StepPage)
    notes = [label.text() for label in page.findChildren(QLabel, "prompt-note")]
    (number, note) = next(iter(purpose.prompt_notes.items()))
    assert notes == [f"For you, not the room: {note}"]
    presenter = window.open_presenter()
    window.present_page("purpose")
    for _ in range(number - 1):
        window.next_prompt()
    assert presenter.title.text() == purpose.prompts[number - 1]
    shown = " ".join(label.text() for label in presenter.findChildren(QLabel))
    assert note not in shown


def test_a_report_page_destroyed_while_it_builds_says_nothing(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    page = ReportPage(window.controller)
    assert page._running  # the preview is being built
    delete(page)  # the window went without a close (pytest-qt fails on an exception in a slot)
    qtbot.wait(200)


@pytest.mark.slow
def test_no_done_count_before_anyone_joined(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    window = _fresh(tmp_path, open_window)
    window.live_bar.choose_host("127.0.0.1")
    window.show_step("fairness")
    with qtbot.waitSignal(window.live.started, timeout=30000):
        window.live_action.trigger()
    assert window.live_bar.done.text() == ""
    window.live.stop()
