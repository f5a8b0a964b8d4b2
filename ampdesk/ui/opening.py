"""Opening a workshop file in its window, and where the demo workshop is written.

The store and the workshop window are imported only when a file is opened, so the start
window shows before they load (see docs/performance.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from ampdesk.ui.recent import remember_recent

if TYPE_CHECKING:
    from ampdesk.ui.main_window import WorkshopWindow

IDLE_CHECKPOINT = 2.0  # seconds without a save before the file alone holds everything


def open_workshop_window(
    path: Path, settings: QSettings, parent: QWidget | None = None
) -> WorkshopWindow | None:
    """Open ``path`` in a new window; a file that cannot be used is explained, not opened."""
    from ampdesk.store.file_header import WorkshopFileError
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
            workshop = host_workshop(path, IDLE_CHECKPOINT, lock)
        except BaseException:
            lock.release()
            raise
    except WorkshopFileError as exc:
        QMessageBox.critical(parent, "Cannot open workshop", str(exc))
        return None
    remember_recent(settings, path)
    window = WorkshopWindow(WorkshopController(workshop, framework()), settings)
    window.show()
    return window


def demo_path() -> Path:
    """Where the demo workshop is written (the user's application data folder)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.ampdesk"
