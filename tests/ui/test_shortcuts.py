"""Shortcuts that always work: Ctrl+L both ways, every key in a menu, Open Recent, the clipboard
from the Edit menu, a mnemonic in each menu, and Tab past the warnings panel."""

import re
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import create_workshop
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.opening import open_workshop_window, start_window
from ampdesk.ui.plan_page import PlanPage
from ampdesk.ui.recent import remember_recent
from ampdesk.ui.start_window import StartWindow

Opener = Callable[[Path], WorkshopWindow]


def _menus(window: WorkshopWindow) -> dict[str, QMenu]:
    return {a.text(): a.menu() for a in window.menuBar().actions()}  # type: ignore[misc]


def _menu_actions(menu: QMenu) -> list[QAction]:
    return [action for action in menu.actions() if not action.isSeparator()]


@pytest.mark.slow
def test_ctrl_l_starts_and_stops_live_input_again_and_again(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    demo_window.live_bar.choose_host("127.0.0.1")
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow)
    demo_window.rail.setFocus()
    for _ in range(2):
        with qtbot.waitSignal(demo_window.live.started, timeout=30000):
            qtbot.keyClick(demo_window.rail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert demo_window.live.running
        assert demo_window.live_action.text() == "Stop &live input"
        with qtbot.waitSignal(demo_window.live.stopped, timeout=10000):
            qtbot.keyClick(demo_window.rail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert not demo_window.live.running
        assert demo_window.live_action.text() == "Start &live input"


@pytest.mark.slow
def test_every_key_of_the_window_is_shown_in_a_menu(demo_window: WorkshopWindow) -> None:
    in_menus: set[str] = set()
    for menu in _menus(demo_window).values():
        for action in _menu_actions(menu):
            for keys in action.shortcuts():
                in_menus.add(keys.toString())
            assert action.isShortcutVisibleInContextMenu() or action.menu() is not None
    assert {"Ctrl+L", "F5", "F11", "Ctrl+B", "Ctrl+Z", "Ctrl+Y", "F6", "Ctrl+1"} <= in_menus
    # no key lives on a button or a loose shortcut of the window, where no menu shows it
    for button in demo_window.findChildren(QAbstractButton):
        assert button.shortcut().isEmpty(), button.text()
    assert demo_window.findChildren(QShortcut) == []
    for action in demo_window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.parent() is not None:
            assert action.shortcut().toString() in in_menus, action.text()


@pytest.mark.slow
def test_each_menu_item_has_its_own_mnemonic(demo_window: WorkshopWindow) -> None:
    menus = _menus(demo_window)
    tops = [re.search(r"&(\w)", name) for name in menus]
    assert all(tops)
    assert len({m.group(1).lower() for m in tops if m}) == len(tops)
    for name, menu in menus.items():
        menu.aboutToShow.emit()
        letters = []
        for action in _menu_actions(menu):
            found = re.search(r"&([^&])", action.text())
            assert found, (name, action.text())
            letters.append(found.group(1).lower())
        assert len(set(letters)) == len(letters), (name, letters)


@pytest.mark.slow
def test_open_recent_lists_the_other_workshops_and_opens_one(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    create_workshop(tmp_path / "first.ampdesk", "First").close()
    create_workshop(tmp_path / "second.ampdesk", "Second").close()
    window = open_window(tmp_path / "first.ampdesk")
    assert isinstance(window, WorkshopWindow)
    remember_recent(window.settings, tmp_path / "second.ampdesk")
    remember_recent(window.settings, tmp_path / "first.ampdesk")
    recent = window.recent_menu
    assert recent is not None
    recent.aboutToShow.emit()
    listed = recent.actions()  # the session's settings may list other tests' files too
    assert not any(str(tmp_path / "first.ampdesk") in a.text() for a in listed)  # the open one
    (item,) = [a for a in listed if "second.ampdesk" in a.text()]
    start = start_window(window.settings)
    item.trigger()
    opened = start.windows[-1]
    qtbot.addWidget(opened)
    assert opened.controller.workshop.path.resolve() == (tmp_path / "second.ampdesk").resolve()


@pytest.mark.slow
def test_cut_copy_and_paste_from_the_edit_menu(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    page = demo_window.page("plan")
    assert isinstance(page, PlanPage)
    demo_window.show_step("plan")
    venue = page.edits["venue"]
    venue.setText("Room 4")
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    venue.selectAll()
    edit = {a.text(): a for a in _menus(demo_window)["&Edit"].actions()}
    edit["&Copy"].trigger()
    assert QApplication.clipboard().text() == "Room 4"
    edit["Cu&t"].trigger()
    assert venue.text() == ""
    edit["&Paste"].trigger()
    edit["&Paste"].trigger()
    assert venue.text() == "Room 4Room 4"
    demo_window.rail.setFocus()  # the venue is saved now, not as the window closes
    qtbot.waitUntil(lambda: demo_window.controller.details().venue == "Room 4Room 4")


@pytest.mark.slow
def test_file_dialogs_open_in_the_workshops_folder(
    tmp_path: Path, demo_window: WorkshopWindow
) -> None:
    folder = demo_window.controller.workshop.path.parent
    with patch.object(QFileDialog, "getOpenFileName", return_value=("", "")) as dialog:
        demo_window.open_workshop()
    assert Path(dialog.call_args.args[2]) == folder
    with patch.object(QFileDialog, "getOpenFileName", return_value=("", "")) as dialog:
        from ampdesk.ui.fairness_panel import FairnessPanel

        panel = demo_window.page("fairness").findChild(FairnessPanel)
        assert panel is not None
        panel.choose_import()
    assert Path(dialog.call_args.args[2]) == folder
    start = StartWindow(demo_window.settings, open_workshop_window)
    remember_recent(demo_window.settings, demo_window.controller.workshop.path)
    with patch.object(QFileDialog, "getOpenFileName", return_value=("", "")) as dialog:
        start.open_file()
    assert Path(dialog.call_args.args[2]) == folder
    start.deleteLater()


@pytest.mark.slow
def test_tab_skips_the_warnings_panel_until_it_is_entered(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    window = open_window(tmp_path / "demo.ampdesk")
    assert isinstance(window, WorkshopWindow)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.warnings
    assert panel.buttons()
    window.rail.setFocus()
    qtbot.waitUntil(window.rail.hasFocus)
    visited = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert not any(w is panel or panel.isAncestorOf(w) for w in visited if w is not None)
    window.enter_warnings()
    first, second = panel.buttons()[:2]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert second.hasFocus()
    window.rail.setFocus()
    qtbot.waitUntil(lambda: not panel.entered)
    assert first.focusPolicy() == Qt.FocusPolicy.ClickFocus
