"""The app's process as the crash test of every route needs it (run as a script by
test_crash_every_route.py): open the workshop window as the app does, start live input (the
server is the app's child process), print its address, then make the facilitator's own edits
one after another, printing each once the call returned (acknowledged), until killed. A
``reveal`` line on stdin reveals the phones' autonomy answers and prints ``revealed N``."""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ampdesk.framework.live import for_step
from ampdesk.ui.opening import open_workshop_window


def main() -> None:
    path, settings_file = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    window = open_workshop_window(path, QSettings(settings_file, QSettings.Format.IniFormat))
    assert window is not None
    started: list[dict[str, object]] = []
    window.live.started.connect(started.append)
    window.live.start("127.0.0.1")
    deadline = time.monotonic() + 60
    while not started:
        assert time.monotonic() < deadline, "live input did not start"
        app.processEvents()
        time.sleep(0.01)
    window.live.store.set_state(for_step("autonomy"))
    print(json.dumps(started[0]), flush=True)
    commands: queue.Queue[str] = queue.Queue()

    def listen() -> None:
        for line in sys.stdin:
            commands.put(line.strip())

    threading.Thread(target=listen, daemon=True).start()
    controller = window.controller
    for i in range(1_000_000):
        app.processEvents()
        while not commands.empty():
            if commands.get() == "reveal":
                print(f"revealed {controller.reveal('autonomy')}", flush=True)
        controller.add_note("purpose", "story", f"edit {i}")
        print(f"edit {i}", flush=True)
        time.sleep(0.005)


if __name__ == "__main__":
    main()
