"""One measured start: ``bare`` shows an empty QMainWindow, ``demo FILE STAMP`` opens a
workshop as ``ampdesk FILE`` does (the splash first, then the workshop window) and writes the
wall-clock time at which the splash was painted to the file STAMP.

Each quits as soon as its window has been shown and the event loop is idle.
"""

import sys
import time
from pathlib import Path


def main() -> None:
    """Start, show the first window, quit."""
    if sys.argv[1] == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
    else:
        from ampdesk.ui.app import create_application, open_workshop_window, show_splash

        path = Path(sys.argv[2])
        app = create_application()
        splash = show_splash(path)
        Path(sys.argv[3]).write_text(repr(time.time()), encoding="utf-8")
        window = open_workshop_window(path, splash)
        assert window is not None
        splash.close()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)
    app.exec()


main()
