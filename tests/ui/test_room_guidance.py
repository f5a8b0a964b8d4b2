"""What the window tells: locked steps, the override, cases previewed, new warnings."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import GateOverride
from ampdesk.framework.state import FEEDBACK_RHYTHM
from ampdesk.store.workshop_file import create_workshop
from ampdesk.ui.cases_page import CasesPage
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.opening import start_window
from ampdesk.ui.plan_page import PlanPage
from ampdesk.ui.recent import app_settings, remember_recent

Opener = Callable[[Path], WorkshopWindow]


@pytest.mark.slow
def test_locked_step_says_why_go_menu_greyed_override_shown(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    create_workshop(tmp_path / "w.ampdesk", "Locked").close()
    window = open_window(tmp_path / "w.ampdesk")
    row = window.page_ids.index("autonomy")
    assert not window.go_actions["autonomy"].isEnabled()
    assert window.go_actions["fairness"].isEnabled()
    rect = window.rail.visualItemRect(window.rail.item(row))
    qtbot.mouseClick(window.rail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    message = window.statusBar().currentMessage()
    assert "Step 2 waits for the pay-fairness gate" in message
    assert "Go to step 1 (Baseline fairness)" in message
    assert window.rail.currentRow() == 0

    window.controller.set_override(
        GateOverride("Pay round in March", "Close the designer gap", "Sam", dt.date(2027, 3, 31))
    )
    qtbot.waitUntil(lambda: window.go_actions["autonomy"].isEnabled())
    panel = window.page("fairness").findChild(FairnessPanel)
    plan = window.page("plan")
    assert panel is not None and isinstance(plan, PlanPage)
    for label in (panel.gate.label, plan.gate.label):
        text = label.text()
        assert "Pay round in March" in text
        assert "Close the designer gap" in text
        assert "Sam" in text and "31 Mar 2027" in text


@pytest.mark.slow
def test_cases_are_previewed_in_the_window_first(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    card = window.warnings.cards[0]
    button = card.case_buttons[0]
    assert button.text().startswith("Preview case: ")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.page_ids[window.rail.currentRow()] == "cases"
    page = window.page("cases")
    assert isinstance(page, CasesPage)
    assert page.selected() == card.finding.cases[0]
    assert window.presenter is None  # nothing went to the projector yet
    assert page.present.text() == "Show on projector"
    page.present.click()
    assert window.presenter is not None


@pytest.mark.slow
def test_a_new_warning_comes_first_highlighted_and_counted_on_the_rail(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    window.show_step("plan")
    before = {c.finding.id for c in window.warnings.cards}
    window.controller.set_decision(FEEDBACK_RHYTHM, "annual")
    qtbot.waitUntil(lambda: len(window.warnings.cards) > len(before))
    first = window.warnings.cards[0]
    assert first.finding.id == "annual_feedback_only" and first.new
    assert first.label.text().startswith("<b>New</b>")
    mastery = window.rail.item(window.page_ids.index("mastery"))
    assert mastery.text().endswith("\u26a0 1")
    window.show_step("mastery")
    window.show_step("plan")  # seen on its step: no longer new
    assert "\u26a0" not in window.rail.item(window.page_ids.index("mastery")).text()
    window.show_step("autonomy")
    assert window.warnings.cards[0].finding.step == "autonomy"  # the step in hand first
    window.show_step("mastery")
    assert window.warnings.cards[0].finding.step == "mastery"


@pytest.mark.slow
def test_file_close_goes_back_to_the_start_window_listing_titles(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    create_workshop(tmp_path / "offsite-2026.ampdesk", "Team offsite in May").close()
    remember_recent(app_settings(), tmp_path / "offsite-2026.ampdesk")  # the windows' settings
    window = open_window(tmp_path / "offsite-2026.ampdesk")
    menu = {a.text(): a for a in window.menuBar().actions()}["&File"].menu()
    texts = [a.text() for a in menu.actions()]
    for wanted in ("&New workshop…", "&Open…", "&Close", "&Quit"):
        assert wanted in texts
    close = next(a for a in menu.actions() if a.text() == "&Close")
    close.trigger()
    start = start_window(window.settings)
    qtbot.addWidget(start)
    assert not window.isVisible() and start.isVisible()
    listed = [start.recent.item(n).text() for n in range(start.recent.count())]
    assert any(text.startswith("Team offsite in May") for text in listed), listed
