"""The workshop window driven as a facilitator would, with the file as the judge."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.step_page import StepPage


def _window(qtbot: QtBot, path: Path) -> WorkshopWindow:
    window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.slow
def test_new_workshop_locks_steps_two_to_four(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Fresh").close()
    window = _window(qtbot, path)
    assert window.show_step("fairness")
    for step in ("autonomy", "mastery", "purpose"):
        assert not window.show_step(step)
        item = window.rail.item(window.page_ids.index(step))
        assert "not assessed" in item.toolTip()
    assert window.page_ids[window.rail.currentRow()] == "fairness"


@pytest.mark.slow
def test_checklist_tick_is_saved_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Fresh").close()
    window = _window(qtbot, path)
    window.show_step("fairness")
    page = window.pages.currentWidget()
    assert isinstance(page, StepPage)
    first_item = framework().step("fairness").checklist[0]
    qtbot.mouseClick(page.checkboxes[first_item.id], Qt.MouseButton.LeftButton)
    window.close()
    with open_workshop(path) as workshop:
        assert WorkshopStore(workshop).checklist("fairness") == {first_item.id: True}


@pytest.mark.slow
def test_demo_shows_every_warning_the_rules_find(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    window = _window(qtbot, path)
    findings = window.controller.evaluation.findings
    assert findings
    names = {label.accessibleName() for label in window.warnings.widget().findChildren(QLabel)}
    assert {f"Warning: {f.title}" for f in findings} <= names
    assert window.show_step("autonomy")


def test_opening_a_file_shows_a_splash_with_its_name_first(qtbot: QtBot, tmp_path: Path) -> None:
    from ampdesk.ui.app import show_splash

    splash = show_splash(tmp_path / "Spring offsite.ampdesk")
    qtbot.addWidget(splash)
    assert splash.isVisible()
    assert splash.accessibleName() == "Opening Spring offsite.ampdesk"
    assert not splash.pixmap().isNull()
