"""The About page: opened from the Help menu, it shows the method and its thin evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.ui.about_page import AboutMethodPage
from ampdesk.ui.main_window import WorkshopWindow


def _texts(widget: QDialog | AboutMethodPage) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


@pytest.mark.slow
def test_help_menu_opens_the_about_page(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    (help_menu,) = [m for m in demo_window.menuBar().actions() if m.text() == "&Help"]
    (about,) = help_menu.menu().actions()
    about.trigger()
    (dialog,) = [d for d in demo_window.findChildren(QDialog) if d.isVisible()]
    shown = _texts(dialog)
    content = framework()
    assert content.overview in shown
    for principle in content.principles:
        assert principle.text in shown
    for item in content.best_for + content.not_ideal_for:
        assert item in shown
    for mistake in content.mistakes:
        assert mistake.title in shown
    assert "Where the evidence is thin" in shown
    assert "replication" in shown
    assert "English" in shown
    dialog.close()


def test_about_page_renders(qtbot: QtBot, tmp_path: Path) -> None:
    page = AboutMethodPage(framework())
    qtbot.addWidget(page)
    page.resize(760, 2400)
    page.show()
    image = tmp_path / "about.png"
    assert page.grab().save(str(image))
    assert image.stat().st_size > 10_000


@pytest.mark.slow
def test_the_warnings_panel_says_once_that_checks_read_english(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    texts = [label.text() for label in demo_window.warnings.widget().findChildren(QLabel)]
    assert sum("read English" in t for t in texts if t.startswith("The checks")) == 1
