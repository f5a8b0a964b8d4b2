"""Every acknowledged write survives a crash exactly once, on every route at once: phones'
joins, answers, notes, dots and done marks through the live server, the facilitator's reveal
and own edits through the window. The window's process is killed (SIGKILL) while the live
server, its child, goes on writing; then every process that is left is killed too."""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing, suppress
from pathlib import Path

import pytest

from ampdesk.framework import reveal
from ampdesk.framework.live import done_scope, for_step
from ampdesk.store.live import DONE_KEY, LiveStore, done_marks, pseudonym, reveal_key
from ampdesk.store.workshop_file import create_workshop
from tests.live.client import Phone, new_key

ROOT = Path(__file__).resolve().parents[2]
PHONES = 8


class PhoneRun:
    """One phone writing until its server is gone: what got a 2xx."""

    def __init__(self, url: str, code: str, number: int) -> None:
        self.phone = Phone(url)
        self.number = number
        self.joined = self.phone.join(code).status == 201
        self.notes: list[str] = []  # acknowledged
        self.answers: list[int] = []  # every value sent, in order
        self.last_acked_answer: int | None = None
        self.done = False
        self.stop = threading.Event()

    def answer(self, value: int) -> None:
        self.answers.append(value)
        body = {"activity": "autonomy", "answers": {"how.current": value}}
        if self.phone.submit("answers", body).status == 200:
            self.last_acked_answer = len(self.answers) - 1

    def run(self, acknowledged: threading.Semaphore) -> None:
        try:
            for i in range(100_000):
                if self.stop.is_set():
                    return
                text = f"phone {self.number}/{i}"
                body = {"activity": "autonomy", "kind": "idea", "dimension": "who", "text": text}
                if self.phone.submit("notes", body, key=new_key()).status == 201:
                    self.notes.append(text)
                    acknowledged.release()
                self.answer(1 + (self.number + i) % 5)
                if self.phone.submit("done", {"activity": "autonomy"}).status == 200:
                    self.done = True
        except (OSError, http.client.HTTPException):  # the server is gone
            return


def _read_lines(stream: object, lines: list[str], seen: threading.Event) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line.strip())
        seen.set()


@pytest.mark.parametrize("killed", ["window first", "all at once"])
def test_every_route_keeps_every_acknowledged_write_exactly_once(
    tmp_path: Path, killed: str
) -> None:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Crash on every route") as workshop:
        LiveStore(workshop).set_phones_per_address(1000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crashing_window.py")),
            str(path),
            str(tmp_path / "settings.ini"),
        ],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the window, its store host, the server
    )
    phones: list[PhoneRun] = []
    try:
        assert app.stdout is not None and app.stdin is not None
        first = app.stdout.readline()
        assert first.startswith("{"), app.stderr.read() if app.stderr else first
        info = json.loads(first)
        lines: list[str] = []
        seen = threading.Event()
        threading.Thread(target=_read_lines, args=(app.stdout, lines, seen), daemon=True).start()
        phones = [PhoneRun(info["url"], info["code"], n) for n in range(PHONES)]
        for run in phones:
            run.answer(3)  # enough answers for the reveal
        app.stdin.write("reveal\n")
        app.stdin.flush()
        deadline = time.monotonic() + 60
        while not any(line.startswith("revealed") for line in lines):
            assert time.monotonic() < deadline and app.poll() is None, "no reveal"
            time.sleep(0.05)
        acknowledged = threading.Semaphore(0)
        threads = [threading.Thread(target=run.run, args=(acknowledged,)) for run in phones]
        for thread in threads:
            thread.start()
        for _ in range(150):
            assert acknowledged.acquire(timeout=60), "the phones stopped getting answers"
        while sum(line.startswith("edit ") for line in lines) < 30:  # the facilitator's too
            assert time.monotonic() < deadline + 60 and app.poll() is None, "no edits"
            time.sleep(0.05)
        if killed == "window first":
            os.kill(app.pid, signal.SIGKILL)  # the window dies; the server goes on
            app.wait()
            for _ in range(100):  # writes the server acknowledged after the window died
                if not acknowledged.acquire(timeout=10):
                    break
    finally:
        for run in phones:
            run.stop.set()
        with suppress(ProcessLookupError):
            os.killpg(app.pid, signal.SIGKILL)
        app.wait()
    for thread in threads:
        thread.join()
    edits = [line for line in lines if line.startswith("edit ")]
    revealed = [line for line in lines if line.startswith("revealed")]
    assert edits and revealed

    with closing(sqlite3.connect(path)) as conn:
        notes = Counter(text for (text,) in conn.execute("SELECT text FROM note"))
        answers = Counter(b for (b,) in conn.execute("SELECT ballot FROM answer"))
        values = dict(conn.execute("SELECT ballot, value FROM answer"))
        phones_stored = conn.execute("SELECT count(*) FROM participant").fetchone()[0]
        settings = dict(conn.execute("SELECT key, value FROM setting"))
    assert all(notes[f"edit {i}"] == 1 for i in range(len(edits))), "a facilitator's edit"
    assert notes[f"edit {len(edits)}"] <= 1  # made, perhaps, but not acknowledged
    assert phones_stored >= PHONES
    marks = done_marks(settings.get(DONE_KEY)).get(done_scope(for_step("autonomy")), [])
    for run in phones:
        token = run.phone.token or ""
        assert all(notes[text] == 1 for text in run.notes), f"a note of phone {run.number}"
        ballot = pseudonym(token, "answers:autonomy:None")
        assert answers[ballot] == 1
        assert run.last_acked_answer is not None
        assert values[ballot] in run.answers[run.last_acked_answer :]
        if run.done:
            assert marks.count(pseudonym(token, f"done:{done_scope(for_step('autonomy'))}")) == 1
    shown = reveal.from_json(settings.get(reveal_key("autonomy", None)))
    assert sum(sum(item.counts) for item in shown.values()) >= int(revealed[0].split()[1])
