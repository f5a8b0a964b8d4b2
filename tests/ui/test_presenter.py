"""The presenter screen follows the facilitator and never shows pay or a small group."""

import json
from unittest.mock import patch

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.status import status_data
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.cases_page import CasesPage
from ampdesk.ui.main_window import WorkshopWindow


def _screen_text(window: WorkshopWindow) -> str:
    assert window.presenter is not None
    return "\n".join(label.text() for label in window.presenter.findChildren(QLabel))


@pytest.mark.slow
def test_presenter_follows_the_steps_without_pay(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    presenter = window.open_presenter()
    qtbot.addWidget(presenter)
    pay_texts = {f"{row.pay:,.0f}" for row in window.controller.store.pay.rows()}
    pay_texts |= {f"{row.pay:.0f}" for row in window.controller.store.pay.rows()}
    for step in ("fairness", "autonomy", "mastery", "purpose"):
        assert window.show_step(step)
        window.present_page(step)
        text = _screen_text(window)
        assert framework().step(step).prompts[0] in text
        assert not any(pay in text for pay in pay_texts), step
        assert "compa-ratio" not in text.lower() and "market median" not in text.lower()
    window.show_step("fairness")
    window.present_page("fairness")
    assert "12 answers" in _screen_text(window)
    window.next_prompt()
    assert framework().step("fairness").prompts[1] in _screen_text(window)


@pytest.mark.slow
def test_small_groups_stay_hidden_on_the_projector(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    window.controller.update_details(anonymity_threshold=20)  # the demo has 12 answers
    qtbot.waitUntil(lambda: window.controller.evaluation.pulse["peers"].suppressed)
    window.open_presenter()
    window.show_step("fairness")
    window.present_page("fairness")
    text = _screen_text(window)
    assert "Hidden until at least 20 people have answered" in text
    assert "average" not in text


@pytest.mark.slow
def test_cases_and_own_stories_go_on_screen(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    assert window.show_step("cases")
    page = window.page("cases")
    assert isinstance(page, CasesPage)
    page.new_title.setText("Support rewrote the refund macro")
    page.new_story.setPlainText("Refunds now take one day instead of five.")
    page.add()
    qtbot.waitUntil(lambda: page.list.count() == len(framework().cases) + 1)
    page.select("own:1")
    page.present.click()
    assert "Support rewrote the refund macro" in _screen_text(window)
    page.select("speed_camera_lottery")
    page.present.click()
    assert framework().case("speed_camera_lottery").lesson in _screen_text(window)


@pytest.mark.slow
def test_timer_counts_and_extends(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    window.show_step("autonomy")
    window.present_page("autonomy")
    timer = window.timer
    start = timer.remaining
    assert start == 50 * 60
    timer.toggle()
    qtbot.waitUntil(lambda: timer.remaining < start, timeout=3000)
    timer.toggle()
    assert not timer.running
    paused_at = timer.remaining
    timer.extend(5)
    assert timer.remaining == paused_at + 5 * 60
    window.open_presenter()
    assert any(":" in label.text() for label in window.presenter.findChildren(QLabel))  # type: ignore[union-attr]


@pytest.mark.slow
def test_acknowledged_warning_is_kept_and_reported(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    (card,) = [
        c for c in window.warnings.cards if c.finding.id == "if_then_reward_for_creative_work"
    ]
    with patch(
        "ampdesk.ui.warnings_panel.ask_text",
        return_value=("The group dropped the bonus idea.", True),
    ):
        card.acknowledge.click()
    qtbot.waitUntil(
        lambda: any(c.acknowledge.text() == "Change note…" for c in window.warnings.cards)
    )
    assert any(c.finding.id == "if_then_reward_for_creative_work" for c in window.warnings.cards)
    path = window.controller.workshop.path
    window.close()
    with open_workshop(path) as workshop:
        assert WorkshopStore(workshop).progress.acknowledgements() == {
            "if_then_reward_for_creative_work": "The group dropped the bonus idea."
        }
        data = json.loads(json.dumps(status_data(workshop)))
    (mistake,) = [m for m in data["mistakes"] if m["id"] == "if_then_reward_for_creative_work"]
    assert mistake["acknowledged"] == "The group dropped the bonus idea."
