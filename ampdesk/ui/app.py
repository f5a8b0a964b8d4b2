"""Start the desktop app: the application object, the start window and opening files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ampdesk import __version__
from ampdesk.framework.content import framework
from ampdesk.resources_path import resources_dir
from ampdesk.store.workshop_file import WorkshopFileError, open_workshop
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.icons import icon
from ampdesk.ui.main_window import WorkshopWindow

MAX_RECENT = 8


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with ampdesk's name, icon and style (reused if one exists)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ampdesk")
    app.setOrganizationName("ampdesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("ampdesk"))
    app.setStyleSheet((resources_dir() / "style" / "app.qss").read_text(encoding="utf-8"))
    return app


def remember_recent(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent-files list."""
    recent = [p for p in recent_files(settings) if p != path.resolve()]
    settings.setValue("recent_files", [str(p) for p in [path.resolve(), *recent][:MAX_RECENT]])


def recent_files(settings: QSettings) -> list[Path]:
    """The recently opened workshops, newest first."""
    value = settings.value("recent_files", [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in items]


def open_workshop_window(path: Path, parent: QWidget | None = None) -> WorkshopWindow | None:
    """Open ``path`` in a new window; a file that cannot be used is explained, not opened."""
    try:
        workshop = open_workshop(path)
    except WorkshopFileError as exc:
        QMessageBox.critical(parent, "Cannot open workshop", str(exc))
        return None
    remember_recent(QSettings(), path)
    window = WorkshopWindow(WorkshopController(workshop, framework()))
    window.show()
    return window


def demo_path() -> Path:
    """Where the demo workshop is written (the user's application data folder)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.ampdesk"


def run_app(path: Path | None) -> int:
    """Run the app until its last window closes; returns the exit status."""
    from ampdesk.ui.start_window import StartWindow

    app = create_application()
    if path is not None:
        window = open_workshop_window(path)
        if window is None:
            return 2
    else:
        start = StartWindow()
        start.show()
    if os.environ.get("AMPDESK_QUIT_AFTER_START"):  # smoke tests of installed builds
        QTimer.singleShot(0, app.quit)
    return app.exec()
