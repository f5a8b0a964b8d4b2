"""Nothing in the app's process can pull the workshop file out from under it (docs/store.md).

POSIX advisory locks belong to a process, and any ``close()`` of the file in that process drops
all of them (SQLite, "How To Corrupt An SQLite Database File", 2.2). A file dialog over the
file's folder, or a plain ``open()``/``close()``, then let ``ampdesk check`` in another process
believe it was the last user: it checkpointed and deleted the log under the app, and the next
edit went into a deleted file. Here the app's processes are killed (SIGKILL, all at once, as a
power cut would) after an edit that came after such a check; the edit must be in the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore

ROOT = Path(__file__).resolve().parents[2]


def _crash_after_edit(tmp_path: Path, how: str) -> Path:
    path = tmp_path / "folder" / "demo.ampdesk"
    path.parent.mkdir()
    write_demo(path).close()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    script = Path(__file__).with_name("crashing_app.py")
    app = subprocess.Popen(
        [sys.executable, str(script), str(path), how, str(tmp_path / "settings.ini")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the app and every child it started
    )
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line == b"edited\n", app.stderr.read() if app.stderr else line
    finally:
        os.killpg(app.pid, signal.SIGKILL)
        app.wait()
    return path


@pytest.mark.slow
@pytest.mark.parametrize("how", ["dialog", "open"])
def test_an_edit_after_a_check_survives_a_crash(tmp_path: Path, how: str) -> None:
    path = _crash_after_edit(tmp_path, how)
    with open_workshop(path) as workshop:
        assert WorkshopStore(workshop).details.get().title == "After the check"
