"""Start the desktop app: the application object, the start window and opening files.

Opening a file shows a small splash window first, before the store (SQLAlchemy) and the
workshop window's modules are imported: those take most of the start-up time, and the
facilitator should see at once that the app is starting (see docs/performance.md).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from ampdesk import __version__
from ampdesk.resources_path import resources_dir
from ampdesk.ui.icons import icon

if TYPE_CHECKING:
    from ampdesk.ui.main_window import WorkshopWindow

MAX_RECENT = 8
IDLE_CHECKPOINT = 2.0  # seconds without a save before the file alone holds everything


def _end_cleanly(app: QApplication) -> None:
    """On quit, SIGTERM, SIGINT (and a session's logout, which Qt turns into a quit), close
    every window first: each releases its file, which checkpoints the log into it."""
    app.aboutToQuit.connect(lambda: [w.close() for w in QApplication.topLevelWidgets()])
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.closeAllWindows() or app.quit())
    wake = QTimer(app)  # lets Python run its signal handlers while Qt waits for events
    wake.timeout.connect(lambda: None)
    wake.start(250)


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


def recent_titles(settings: QSettings) -> dict[str, str]:
    """The workshops' titles by file path, as last seen open (the recent list shows them)."""
    try:
        titles = json.loads(str(settings.value("recent_titles", "{}")))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in titles.items()} if isinstance(titles, dict) else {}


def remember_title(settings: QSettings, path: Path, title: str) -> None:
    """Keep a workshop's title for the recent list."""
    titles = recent_titles(settings)
    if titles.get(str(path.resolve())) != title:
        titles[str(path.resolve())] = title
        known = {str(p) for p in recent_files(settings)} | {str(path.resolve())}
        settings.setValue(
            "recent_titles", json.dumps({k: v for k, v in titles.items() if k in known})
        )


def open_workshop_window(path: Path, parent: QWidget | None = None) -> WorkshopWindow | None:
    """Open ``path`` in a new window; a file that cannot be used is explained, not opened."""
    from ampdesk.framework.content import framework
    from ampdesk.store.workshop_file import WorkshopFileError, open_workshop
    from ampdesk.store.writer_lock import HOLDER_ENV
    from ampdesk.ui.controller import WorkshopController
    from ampdesk.ui.main_window import WorkshopWindow

    try:
        os.environ[HOLDER_ENV] = str(os.getpid())  # its live-input server shares the lock
        workshop = open_workshop(path, writer="the ampdesk app", checkpoint_after=IDLE_CHECKPOINT)
    except WorkshopFileError as exc:
        QMessageBox.critical(parent, "Cannot open workshop", str(exc))
        return None
    remember_recent(QSettings(), path)
    window = WorkshopWindow(WorkshopController(workshop, framework()))
    window.show()
    return window


def explain_unopened(message: str) -> None:
    """Say in a dialog why a file given to the app was not opened (where there is a screen)."""
    app = create_application()
    if app.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.critical(None, "Cannot open workshop", message)


def demo_path() -> Path:
    """Where the demo workshop is written (the user's application data folder)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.ampdesk"


SPLASH_SIZE = (420, 180)
SPLASH_WAIT = 0.2  # seconds to wait for the window system to show the splash


def show_splash(path: Path) -> QLabel:
    """A small window saying which workshop is opening, painted before the slow imports.

    (Not QSplashScreen: where the window manager is slow to report the window as shown, its
    ``show`` waits up to a second, longer than the start-up it is meant to cover.)
    """
    pixmap = QPixmap(*SPLASH_SIZE)
    pixmap.fill(QColor("#14213d"))
    painter = QPainter(pixmap)
    painter.drawPixmap(24, 24, icon("ampdesk").pixmap(64, 64))
    painter.setPen(QColor("#f5f5f5"))
    font = painter.font()
    font.setPointSize(18)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(104, 24, 300, 64, Qt.AlignmentFlag.AlignVCenter, "ampdesk")
    font.setPointSize(11)
    font.setBold(False)
    painter.setFont(font)
    name = painter.fontMetrics().elidedText(path.name, Qt.TextElideMode.ElideMiddle, 372)
    painter.drawText(24, 110, 372, 24, Qt.AlignmentFlag.AlignLeft, f"Opening {name}…")
    painter.end()
    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setPixmap(pixmap)
    splash.setAccessibleName(f"Opening {path.name}")
    splash.show()
    deadline = time.monotonic() + SPLASH_WAIT
    while not splash.windowHandle().isExposed() and time.monotonic() < deadline:
        QApplication.processEvents()
    splash.repaint()  # painted now, before the imports that take time
    QApplication.processEvents()
    return splash


def run_app(path: Path | None) -> int:
    """Run the app until its last window closes; returns the exit status."""
    from ampdesk.ui.start_window import StartWindow

    app = create_application()
    _end_cleanly(app)
    if path is not None:
        splash = show_splash(path)
        window = open_workshop_window(path, splash)
        splash.close()
        if window is None:
            return 2
    else:
        start = StartWindow()
        start.show()
    if os.environ.get("AMPDESK_QUIT_AFTER_START"):  # smoke tests of installed builds
        QTimer.singleShot(0, app.quit)
    return app.exec()
