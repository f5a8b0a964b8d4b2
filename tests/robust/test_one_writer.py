"""One writer at a time, and a file that is complete on its own: the app holds the writer
lock (its own live server shares it), other writers are refused naming the holder, readers
still work; the log is checkpointed after a quiet moment and when the app is ended."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ampdesk.store.workshop_file import WorkshopFileError, create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.store.writer_lock import lock_path
from tests.cli.runner import ampdesk

_CRASHING_WRITER = """
import os, sys
from pathlib import Path
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.store.workshop_file import open_workshop
repo = WorkshopStore(open_workshop(Path(sys.argv[1])))
repo.actions.add("purpose", "Only in the log", "Ana")
os.kill(os.getpid(), 9)
"""


def _wait_for(condition: object, what: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def _titles(path: Path) -> list[str]:
    with open_workshop(path) as workshop:
        return [a.title for a in WorkshopStore(workshop).actions.all()]


@pytest.mark.slow
def test_a_second_writer_is_refused_and_readers_still_work(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Locks").close()
    with open_workshop(path, writer="the ampdesk app") as first:
        WorkshopStore(first).actions.add("purpose", "Written by the app", "Ana")
        with pytest.raises(WorkshopFileError, match=r"open in the ampdesk app \(process"):
            open_workshop(path, writer="the ampdesk app")  # a second window
        cli = ampdesk("settings", str(path), "--set", "attention_spread=1.4", cwd=tmp_path)
        assert cli.returncode == 2
        assert f"open in the ampdesk app (process {os.getpid()}" in cli.stderr
        assert cli.stderr.count("\n") == 1
        live = ampdesk("live", str(path), "--headless", cwd=tmp_path)
        assert live.returncode == 2 and "open in the ampdesk app" in live.stderr
        reader = ampdesk("check", "--json", str(path), cwd=tmp_path)
        assert reader.returncode == 0, reader.stderr
    assert not lock_path(path).exists()
    settings = ampdesk("settings", str(path), "--set", "attention_spread=1.4", cwd=tmp_path)
    assert settings.returncode == 0, settings.stderr


def test_the_log_is_checkpointed_after_a_quiet_moment(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Idle").close()
    with open_workshop(path, writer="the ampdesk app", checkpoint_after=0.2) as workshop:
        WorkshopStore(workshop).actions.add("purpose", "Saved a moment ago", "Ana")
        wal = Path(f"{path}-wal")
        _wait_for(lambda: wal.exists() and wal.stat().st_size == 0, "the idle checkpoint")
        emailed = tmp_path / "emailed"
        emailed.mkdir()
        shutil.copy(path, emailed / "w.ampdesk")  # the file alone, as people send it
        assert _titles(emailed / "w.ampdesk") == ["Saved a moment ago"]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_app_ended_by_a_signal_leaves_a_complete_file(tmp_path: Path, signum: int) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Signals").close()
    crash = subprocess.run([sys.executable, "-c", _CRASHING_WRITER, str(path)])
    assert crash.returncode == -signal.SIGKILL
    assert Path(f"{path}-wal").stat().st_size > 0  # the action is only in the log
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "ampdesk", str(path)], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        _wait_for(lambda: lock_path(path).exists(), "the app to open the file")
        pay = tmp_path / "pay.csv"
        pay.write_text("role,level,work_type,pay,market_median\nDev,L1,creative,5,6\n", "utf-8")
        cli = ampdesk("import-pay", str(path), str(pay), cwd=tmp_path)
        assert cli.returncode == 2 and "open in the ampdesk app" in cli.stderr
        reader = ampdesk("check", str(path), cwd=tmp_path)
        assert reader.returncode == 0, reader.stderr
        app.send_signal(signum)
        assert app.wait(timeout=60) == 0, app.stderr.read() if app.stderr else ""
    finally:
        if app.poll() is None:
            app.kill()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert not lock_path(path).exists()
    emailed = tmp_path / "emailed"
    emailed.mkdir()
    shutil.copy(path, emailed / "w.ampdesk")
    assert _titles(emailed / "w.ampdesk") == ["Only in the log"]
