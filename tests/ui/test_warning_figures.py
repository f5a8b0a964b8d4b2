"""The warnings panel states how the checks did on unseen words, and shows their questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ampdesk.framework.accuracy import honest_figure
from ampdesk.ui.main_window import WorkshopWindow


@pytest.mark.slow
def test_the_panel_states_the_last_unseen_rounds_figure(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    texts = [label.text() for label in demo_window.warnings.widget().findChildren(QLabel)]
    assert sum(honest_figure() in t for t in texts) == 1


@pytest.mark.slow
def test_an_undecided_finding_shows_its_question(
    qtbot: QtBot, demo_window: WorkshopWindow, tmp_path: Path
) -> None:
    controller = demo_window.controller
    # The demo's own if-then idea is sure; hide it, then add an undecided reward.
    (idea,) = [n for n in controller.notes() if n.text.startswith("Bonus for every feature")]
    controller.set_note_hidden(idea.id, True)
    controller.add_action("fairness", "Spot bonus for the designers", "Ana", None, "")
    qtbot.waitUntil(lambda: any("Spot bonus" in c.label.text() for c in demo_window.warnings.cards))
    (card,) = [c for c in demo_window.warnings.cards if c.finding.id.startswith("if_then")]
    assert "To ask:" in card.label.text()
    assert "promised in advance" in card.label.text()
    demo_window.warnings.resize(420, 1400)
    assert demo_window.warnings.grab().save(str(tmp_path / "warnings.png"))
