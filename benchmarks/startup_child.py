"""One measured start: ``bare`` shows an empty QMainWindow, ``demo FILE`` opens a workshop.

Each quits as soon as its first window has been shown and the event loop is idle.
"""

import sys
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
        from ampdesk.ui.app import create_application, open_workshop_window

        app = create_application()
        window = open_workshop_window(Path(sys.argv[2]))
        assert window is not None
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)
    app.exec()


main()
