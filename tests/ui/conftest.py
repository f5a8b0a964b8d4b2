"""Shared setup of the widget tests: the workshop window on a real file."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.opening import attach


@pytest.fixture
def open_window(qtbot: QtBot) -> Callable[[Path], WorkshopWindow]:
    """Open a workshop file in a shown window that is closed after the test."""

    def opener(path: Path) -> WorkshopWindow:
        window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
        attach(window)  # File > New, Open, Open Recent and Close work as in the app
        qtbot.addWidget(window)
        window.show()
        return window

    return opener


@pytest.fixture
def demo_window(tmp_path: Path, open_window: Callable[[Path], WorkshopWindow]) -> WorkshopWindow:
    """The demo workshop, written to a fresh file and opened."""
    write_demo(tmp_path / "demo.ampdesk").close()
    return open_window(tmp_path / "demo.ampdesk")
