"""One measured start, run by benchmarks/startup.py.

    startup_child.py bare STAMPS        an empty QMainWindow
    startup_child.py ampdesk STAMPS     ``ampdesk`` with no file: the start window
    startup_child.py ampdesk STAMPS F   ``ampdesk F``: the splash, then the workshop window

The ampdesk cases run the ``ampdesk`` command's own code (``ampdesk.cli.main``), importing
what it imports in its order: ``ampdesk.ui.app`` is only watched, when the command loads it,
for the splash and the application object. Each case quits as soon as its window is shown and
the event loop idle, and writes to STAMPS, as JSON, the wall-clock times (``time.time()``) at
which the loop went idle and, when there is one, the splash was painted.
"""

import importlib.abc
import importlib.machinery
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

STAMPS: dict[str, float] = {}


def _bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    app.aboutToQuit.connect(lambda: STAMPS.setdefault("idle", time.time()))
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


def _watch(app: ModuleType) -> None:
    """Stamp the splash once painted and the loop once idle (the quit after start)."""
    show_splash, create_application = app.show_splash, app.create_application

    def splash(*args: Any) -> Any:
        shown = show_splash(*args)
        STAMPS["splash"] = time.time()
        return shown

    def application(*args: Any) -> Any:
        qt_app = create_application(*args)
        if not STAMPS.get("watching"):
            STAMPS["watching"] = 1
            qt_app.aboutToQuit.connect(lambda: STAMPS.setdefault("idle", time.time()))
        return qt_app

    app.show_splash, app.create_application = splash, application


class _Watcher(importlib.abc.MetaPathFinder):
    """Calls ``_watch`` on ``ampdesk.ui.app`` right after the command imports it."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "ampdesk.ui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        assert spec is not None and spec.loader is not None
        execute = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            _watch(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _ampdesk(files: list[str]) -> int:
    sys.meta_path.insert(0, _Watcher())
    os.environ["AMPDESK_QUIT_AFTER_START"] = "1"  # quit once the window is shown and idle
    from ampdesk.cli import main

    return main(files)


def run() -> int:
    """Start, show the first window, write the stamps, quit."""
    kind, stamps_file, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    status = _bare() if kind == "bare" else _ampdesk(files)
    STAMPS.pop("watching", None)
    stamps_file.write_text(json.dumps(STAMPS), encoding="utf-8")
    return status


sys.exit(run())
