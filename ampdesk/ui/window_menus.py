"""The workshop window's menus: every command with its key shown, and a mnemonic in each menu."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
)

from ampdesk.framework.messages import step_name
from ampdesk.ui.about_page import show_about
from ampdesk.ui.recent import recent_files, recent_titles

if TYPE_CHECKING:
    from ampdesk.ui.main_window import WorkshopWindow

Keys = QKeySequence | QKeySequence.StandardKey | str | None
GO_LABELS = {
    "plan": "&Plan",
    "actions": "&Actions",
    "followups": "&Follow-ups",
    "report": "&Report",
    "cases": "&Cases",
}


def _add(menu: QMenu, text: str, slot: Callable[[], object], keys: Keys = None) -> QAction:
    """A menu command; its key (if any) is shown beside it."""
    action = menu.addAction(text)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.setShortcutVisibleInContextMenu(True)
    action.triggered.connect(lambda _=False: slot())
    return action


TextBox = QLineEdit | QTextEdit | QPlainTextEdit


def _text_target() -> TextBox | None:
    """The focused text box (a spin box's own line edit included)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QAbstractSpinBox):
        return widget.lineEdit()
    return widget if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) else None


def cut() -> None:
    """Cut the selection of the focused text box."""
    if (target := _text_target()) is not None and not target.isReadOnly():
        target.cut()


def copy() -> None:
    """Copy the focused text box's selection, or the current cell of a focused table."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        if index.isValid():
            QApplication.clipboard().setText(str(index.data() or ""))
    elif (target := _text_target()) is not None:
        target.copy()


def paste() -> None:
    """Paste into the focused text box."""
    if (target := _text_target()) is not None and not target.isReadOnly():
        target.paste()


def add_menus(window: WorkshopWindow) -> None:
    """The File, Edit, View, Room, Go and Help menus of ``window``."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    _add(file_menu, "&New workshop…", window.new_workshop, QKeySequence.StandardKey.New)
    _add(file_menu, "&Open…", window.open_workshop, QKeySequence.StandardKey.Open)
    recent = file_menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _list_recent(window, recent))
    window.recent_menu = recent
    file_menu.addSeparator()
    _add(file_menu, "Save &As…", window.save_as, QKeySequence.StandardKey.SaveAs)
    _add(file_menu, "Save as &Template…", window.save_template)
    _add(file_menu, "Send to &Facilitator…", window.send_to_facilitator)
    file_menu.addSeparator()
    _add(file_menu, "&Close", window.close_to_start, QKeySequence.StandardKey.Close)
    _add(file_menu, "&Quit", window.quit_app, QKeySequence.StandardKey.Quit)

    edit_menu = bar.addMenu("&Edit")
    undo = window.controller.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.controller.undo_stack.createRedoAction(window, "&Redo")
    # both common redo keys, each once (StandardKey.Redo is one of them on most desktops)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    _add(edit_menu, "Cu&t", cut, QKeySequence.StandardKey.Cut)
    _add(edit_menu, "&Copy", copy, QKeySequence.StandardKey.Copy)
    _add(edit_menu, "&Paste", paste, QKeySequence.StandardKey.Paste)

    view_menu = bar.addMenu("&View")
    _add(view_menu, "Go to the &warnings", window.enter_warnings, "F6")
    panel = window.warnings_dock.toggleViewAction()
    panel.setText("Mistake warnings &panel")
    view_menu.addAction(panel)
    window.narrow_action = narrow = view_menu.addAction("&Narrow step rail")
    narrow.setCheckable(True)
    narrow.toggled.connect(window.set_rail_narrow)

    room = bar.addMenu("&Room")
    window.live_action = _add(room, "Start &live input", window.live_bar.toggle, "Ctrl+L")
    room.addSeparator()
    _add(room, "&Present this page", window.present_page, "Ctrl+Return")
    _add(room, "&Next prompt", window.next_prompt, "Ctrl+Right")
    _add(room, "Pre&vious prompt", window.previous_prompt, "Ctrl+Left")
    _add(room, "&Black out the projector", window.toggle_blackout, "Ctrl+B")
    room.addSeparator()
    _add(room, "Presenter &screen", window.open_presenter, "F5")
    _add(room, "Presenter &full screen", window.toggle_presenter_full_screen, "F11")

    go_menu = bar.addMenu("&Go")
    window.go_actions = {}
    for number, page_id in enumerate(window.page_ids):
        label = GO_LABELS.get(page_id) or (
            f"&{window.controller.content.step(page_id).number}  {step_name(page_id)}"
        )
        # Plan 0, steps 1-4, Actions 5 ...
        action = _add(go_menu, label, partial(window.show_step, page_id), f"Ctrl+{number}")
        window.go_actions[page_id] = action

    help_menu = bar.addMenu("&Help")
    _add(help_menu, "&About the method", lambda: show_about(window, window.controller.content))


def _list_recent(window: WorkshopWindow, menu: QMenu) -> None:
    """The recent workshops that still exist, newest first (this one left out)."""
    menu.clear()
    titles = recent_titles(window.settings)
    here = window.controller.workshop.path.resolve()
    paths = [p for p in recent_files(window.settings) if p.exists() and p != here]
    for number, path in enumerate(paths, start=1):
        title = titles.get(str(path), path.stem).replace("&", "&&")
        action = menu.addAction(f"&{number}  {title}  ({path.name.replace('&', '&&')})")
        action.setToolTip(str(path))
        action.triggered.connect(lambda _=False, p=path: window.open_recent(p))
    if not paths:
        menu.addAction("No other recent workshops").setEnabled(False)
