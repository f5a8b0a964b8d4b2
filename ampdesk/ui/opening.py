"""The one opener: every workshop window and the start window are made here, and the
workshop windows' File menu (New, Open, Open Recent, Close) is routed to the start window, so
neither window module imports the other or this one.

The store and the workshop window are imported only when a file is opened, so the start
window shows before they load (see docs/performance.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ampdesk.ui.recent import remember_recent
from ampdesk.ui.start_window import StartWindow

if TYPE_CHECKING:
    from ampdesk.ui.main_window import WorkshopWindow

IDLE_CHECKPOINT = 2.0  # seconds without a save before the file alone holds everything


def open_workshop_window(
    path: Path, settings: QSettings, parent: QWidget | None = None
) -> WorkshopWindow | None:
    """Open ``path`` in a new window; a file that cannot be used is explained, not opened (a
    damaged one with the offer of a repaired copy)."""
    from ampdesk.store.file_header import DamagedFileError, WorkshopFileError
    from ampdesk.store.writer_lock import HOLDER_ENV, acquire
    from ampdesk.ui.hosted import host_workshop, prepare_host

    prepare_host()  # its imports run while this process imports the window's modules
    from ampdesk.framework.content import framework
    from ampdesk.ui.controller import WorkshopController
    from ampdesk.ui.main_window import WorkshopWindow

    try:
        os.environ[HOLDER_ENV] = str(os.getpid())  # its live-input server shares the lock
        lock = acquire(path, "the ampdesk app")
        try:
            workshop = host_workshop(path, IDLE_CHECKPOINT, lock, spare=False)
        except BaseException:
            lock.release()
            raise
    except DamagedFileError as exc:
        repaired = offer_repair(path, f"{path.name} is damaged: {exc.what}.", parent)
        return None if repaired is None else open_workshop_window(repaired, settings, parent)
    except WorkshopFileError as exc:
        QMessageBox.critical(parent, "Cannot open workshop", str(exc))
        return None
    remember_recent(settings, path)
    window = WorkshopWindow(WorkshopController(workshop, framework()), settings)
    attach(window)
    window.show()
    # the next window's host starts after this one's first paint, not competing with it
    QTimer.singleShot(0, prepare_host)
    return window


def offer_repair(path: Path, damage: str, parent: QWidget | None = None) -> Path | None:
    """Say that ``path`` is damaged and offer to write a repaired copy under a new name (the
    file itself is left as it is); returns the copy, if one was written."""
    from ampdesk.store.file_header import WorkshopFileError
    from ampdesk.store.outputs import OutputError
    from ampdesk.store.repair import repair

    box = QMessageBox(QMessageBox.Icon.Critical, "Damaged workshop", damage, parent=parent)
    box.setInformativeText(
        "ampdesk can write a repaired copy under a new name: every row it can still read, "
        "with a count of what it could not. This file stays as it is."
    )
    write = box.addButton("Write a repaired copy…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not write:
        return None
    suggested = path.with_name(f"{path.stem} (repaired).ampdesk")
    name, _ = QFileDialog.getSaveFileName(
        parent, "Write a repaired copy", str(suggested), "Workshops (*.ampdesk)"
    )
    if not name:
        return None
    target = Path(name) if name.endswith(".ampdesk") else Path(f"{name}.ampdesk")
    try:
        salvage = repair(path, target)
    except (WorkshopFileError, OutputError) as exc:
        QMessageBox.critical(parent, "No repaired copy written", str(exc))
        return None
    QMessageBox.information(
        parent,
        "Repaired copy written",
        f"{target.name}: {salvage.text()}. {path.name} was left as it was.",
    )
    return target


_start: StartWindow | None = None


def start_window(settings: QSettings) -> StartWindow:
    """The one start window of ``settings`` (made on first use, and again when the last one
    was deleted or kept other settings)."""
    global _start
    if _start is None or not shiboken6.isValid(_start) or _start.settings is not settings:
        _start = StartWindow(settings, open_workshop_window)
    return _start


def attach(window: WorkshopWindow) -> None:
    """Route ``window``'s File > New, Open, Open Recent and Close to the start window."""
    settings = window.settings
    window.new_requested.connect(lambda folder: start_window(settings).new_workshop(folder))
    window.open_requested.connect(lambda folder: start_window(settings).open_file(folder))
    window.open_path_requested.connect(lambda path: start_window(settings).open_path(path))
    window.start_requested.connect(lambda: _back_to_start(start_window(settings)))


def _back_to_start(start: StartWindow) -> None:
    start.refresh_recent()
    start.show()
    start.raise_()
