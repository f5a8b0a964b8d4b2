"""Start the desktop app: the application object, the splash, then the start window or a file.

Opening a file shows a small splash window first, before the store (SQLAlchemy) and the
workshop window's modules are imported: those take most of the start-up time, and the
facilitator should see at once that the app is starting (see docs/performance.md).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ampdesk import __version__
from ampdesk.resources_path import resources_dir
from ampdesk.ui.hosted import prepare_host
from ampdesk.ui.icons import icon
from ampdesk.ui.opening import open_workshop_window, start_window
from ampdesk.ui.recent import app_settings


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


def explain_unopened(message: str) -> None:
    """Say in a dialog why a file given to the app was not opened (where there is a screen)."""
    app = create_application()
    if app.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.critical(None, "Cannot open workshop", message)


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
    prepare_host()  # the store host imports the store while this process builds the window
    app = create_application()
    _end_cleanly(app)
    settings = app_settings()  # the one settings object, given to every window
    if path is not None:
        splash = show_splash(path)
        window = open_workshop_window(path, settings, splash)
        splash.close()
        if window is None:
            return 2
    else:
        start = start_window(settings)
        start.show()
    if os.environ.get("AMPDESK_QUIT_AFTER_START"):  # smoke tests of installed builds
        QTimer.singleShot(0, app.quit)
    return app.exec()
