"""The app's process as a crash test needs it (run as a script by test_file_under_the_app.py):
open the workshop window as the app does, let something in this process open and close the
file (``dialog``: a non-native file dialog over its folder, opened and cancelled; ``open``: a
plain ``open()``/``close()`` of the file and of its side files), run ``ampdesk check FILE`` in
another process, change the title, print ``edited`` and wait to be killed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from ampdesk.ui.cli_argv import ampdesk_argv
from ampdesk.ui.opening import open_workshop_window


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _touch_in_this_process(path: Path, how: str) -> None:
    if how == "dialog":
        dialog = QFileDialog(None, "Import", str(path.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.show()
        _spin(1.5)  # the dialog's file-info thread reads what it lists
        dialog.reject()
    else:
        for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
            side = path.with_name(name)
            if side.exists():
                with side.open("rb") as file:
                    file.read(100)


def main() -> None:
    path, how, settings_file = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    settings = QSettings(settings_file, QSettings.Format.IniFormat)
    window = open_workshop_window(path, settings)
    assert window is not None
    _spin(0.3)
    window.controller.update_details(title="Before the check")
    _touch_in_this_process(path, how)
    subprocess.run(ampdesk_argv("check", str(path)), check=True, capture_output=True)
    window.controller.update_details(title="After the check")
    _spin(0.1)
    print("edited", flush=True)
    time.sleep(60)
    app.quit()


if __name__ == "__main__":
    main()
