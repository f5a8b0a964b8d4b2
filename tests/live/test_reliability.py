"""Nothing acknowledged is lost: 50 phones at once, and a server killed with SIGKILL."""

from __future__ import annotations

import http.client
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ampdesk.framework.live import done_scope, voting
from ampdesk.store.live import DONE_KEY, LiveStore, done_marks, pseudonym, token_hash
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess, Phone, new_key

Serve = Callable[..., LiveProcess]
PHONES = 50
NOTES_EACH = 4


@pytest.mark.slow
def test_fifty_phones_at_once_are_all_counted(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "autonomy")

    def one_phone(number: int) -> list[int]:
        phone = server.phone()
        statuses = [
            phone.submit(
                "answers", {"activity": "autonomy", "answers": {"how.current": 1 + number % 5}}
            ).status
        ]
        for i in range(NOTES_EACH):
            body = {
                "activity": "autonomy",
                "kind": "idea",
                "dimension": "who",
                "text": f"{number}/{i}",
            }
            key = new_key()
            statuses.append(phone.submit("notes", body, key=key).status)
            statuses.append(phone.submit("notes", body, key=key).status)  # a retry
        return statuses

    with ThreadPoolExecutor(PHONES) as pool:
        statuses = [s for result in pool.map(one_phone, range(PHONES)) for s in result]
    assert set(statuses) == {200, 201}
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        texts = sorted(n.text for n in repo.notes.all("autonomy"))
        answers = repo.answers.by_item("autonomy")
    assert texts == sorted(f"{p}/{i}" for p in range(PHONES) for i in range(NOTES_EACH))
    assert len(answers["how.current"]) == PHONES


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_submission(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "purpose")
    phone = server.phone()
    acknowledged = []
    for i in range(40):
        text = f"Story {i}"
        if (
            phone.submit("notes", {"activity": "purpose", "kind": "story", "text": text}).status
            == 201
        ):
            acknowledged.append(text)
    server.kill()
    with open_workshop(workshop_path) as workshop:
        stored = [n.text for n in WorkshopStore(workshop).notes.all("purpose")]
    assert len(acknowledged) == 40 and stored == acknowledged


@pytest.mark.slow
def test_sigkill_under_load_keeps_every_acknowledged_join_and_submission_exactly_once(
    serve: Serve, workshop_path: Path
) -> None:
    """Phones join, write notes and answer while the server is killed mid-batch. Every join
    and submission that got its 2xx is in the file exactly once; once the server runs again,
    every phone resends what got no answer with the same key, and then each note is there
    exactly once and each phone has exactly one answer: its last."""
    server = serve("--step", "autonomy")
    acknowledged = threading.Semaphore(0)
    results: dict[int, PhoneLog] = {}

    def one_phone(number: int) -> None:
        log = results[number] = PhoneLog(Phone(server.url))
        try:
            if log.phone.join(server.code).status != 201:
                return
            log.joined = True
            acknowledged.release()
            for i in range(10_000):
                text, key = f"{number}/{i}", new_key()
                log.sent.append((text, key))
                if log.phone.submit("notes", _note(text), key=key).status == 201:
                    log.acked.append(text)
                    acknowledged.release()
                value, key = 1 + (number + i) % 5, new_key()
                log.answers.append((value, key))
                if log.phone.submit("answers", _answer(value), key=key).status == 200:
                    log.last_acked_answer = len(log.answers) - 1
                    acknowledged.release()
        except (OSError, http.client.HTTPException):  # the server is gone
            return

    threads = [threading.Thread(target=one_phone, args=(n,)) for n in range(PHONES // 2)]
    for thread in threads:
        thread.start()
    for _ in range(600):  # joins and submissions committed before the kill
        acknowledged.acquire()
    server.kill()
    for thread in threads:
        thread.join()
    tokens = {token_hash(log.phone.token or "") for log in results.values() if log.joined}
    with closing(sqlite3.connect(workshop_path)) as conn:
        stored_tokens = Counter(r[0] for r in conn.execute("SELECT token FROM participant"))
        texts = Counter(r[0] for r in conn.execute("SELECT text FROM note"))
        answers = Counter(r[0] for r in conn.execute("SELECT ballot FROM answer"))
        values = dict(conn.execute("SELECT ballot, value FROM answer"))
    assert all(stored_tokens[t] == 1 for t in tokens)
    assert all(texts[text] == 1 for log in results.values() for text in log.acked)
    for log in results.values():
        if log.last_acked_answer is not None:
            ballot = pseudonym(log.phone.token or "", "answers:autonomy:None")
            assert answers[ballot] == 1
            if log.last_acked_answer == len(log.answers) - 1:  # nothing sent after it
                assert values[ballot] == log.answers[-1][0]

    again = serve("--step", "autonomy")
    for log in results.values():
        if not log.joined:
            continue
        log.phone.port = Phone(again.url).port
        for text, key in log.sent:
            assert log.phone.submit("notes", _note(text), key=key).status == 201
        value, key = log.answers[-1]
        assert log.phone.submit("answers", _answer(value), key=key).status == 200
    assert again.stop() == 0
    with closing(sqlite3.connect(workshop_path)) as conn:
        texts = Counter(r[0] for r in conn.execute("SELECT text FROM note"))
        answers = Counter(r[0] for r in conn.execute("SELECT ballot FROM answer"))
        values = dict(conn.execute("SELECT ballot, value FROM answer"))
    sent = [text for log in results.values() for text, _ in log.sent]
    assert sent and texts == Counter(sent)
    for log in results.values():
        if log.joined and log.answers:
            ballot = pseudonym(log.phone.token or "", "answers:autonomy:None")
            assert (answers[ballot], values[ballot]) == (1, log.answers[-1][0])


@dataclass
class PhoneLog:
    """What one phone sent and which of it was acknowledged."""

    phone: Phone
    joined: bool = False
    sent: list[tuple[str, str]] = field(default_factory=list)  # note text, key
    acked: list[str] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)  # value, key
    last_acked_answer: int | None = None


def _note(text: str) -> dict[str, str]:
    return {"activity": "autonomy", "kind": "idea", "dimension": "who", "text": text}


def _answer(value: int) -> dict[str, object]:
    return {"activity": "autonomy", "answers": {"how.current": value}}


@dataclass
class VoterLog:
    """One phone's dots and "I'm done" marks: what it sent, and what got its 200."""

    phone: Phone
    sent: list[list[int]] = field(default_factory=list)  # each vote, in order
    last_acked_vote: int | None = None
    done_acked: bool = False


def _stored_dots(path: Path, ballot: str) -> list[int]:
    """The notes a ballot's dots are on, read by another connection than the server's."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        query = "SELECT note_id FROM vote WHERE ballot = ? ORDER BY note_id"
        return [r[0] for r in conn.execute(query, (ballot,))]


def _stored_done(path: Path, mark: str, scope: str) -> int:
    """How often a phone's "I'm done" mark is counted for an activity."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (DONE_KEY,)).fetchone()
    return done_marks(row[0] if row else None).get(scope, []).count(mark)


@pytest.mark.slow
def test_dots_and_done_marks_are_committed_before_their_200_and_survive_sigkill(
    serve: Serve, workshop_path: Path
) -> None:
    """Every 200 to a vote or an "I'm done" is sent after its commit: another connection
    reads the phone's dots and its mark the moment the answer arrives, and after a SIGKILL
    under load each phone's dots are its last acknowledged vote (or the one it sent after,
    unanswered) and its mark is counted once."""
    state = voting("autonomy", dots=3)
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        ideas = [repo.notes.add("autonomy", "idea", f"Idea {i}", dimension="how") for i in range(7)]
        LiveStore(workshop).set_state(state)
    server = serve()
    scope = done_scope(state)
    acknowledged = threading.Semaphore(0)
    logs = [VoterLog(server.phone()) for _ in range(PHONES // 5)]
    late: list[str] = []  # what got its 200 before the file held it

    def one_phone(number: int) -> None:
        log = logs[number]
        token = log.phone.token or ""
        ballot, mark = pseudonym(token, "votes:autonomy"), pseudonym(token, f"done:{scope}")
        try:
            for i in range(10_000):
                chosen = sorted({ideas[(number + i) % 7], ideas[(number + 2 * i) % 7]})
                log.sent.append(chosen)
                if log.phone.submit("votes", {"note_ids": chosen}).status == 200:
                    log.last_acked_vote = len(log.sent) - 1
                    if _stored_dots(workshop_path, ballot) != chosen:
                        late.append(f"dots {chosen} of phone {number}")
                    acknowledged.release()
                if log.phone.submit("done", {"activity": "voting"}).status == 200:
                    log.done_acked = True
                    if _stored_done(workshop_path, mark, scope) != 1:
                        late.append(f"done mark of phone {number}")
                    acknowledged.release()
        except (OSError, http.client.HTTPException):  # the server is gone
            return

    threads = [threading.Thread(target=one_phone, args=(n,)) for n in range(len(logs))]
    for thread in threads:
        thread.start()
    for _ in range(300):
        acknowledged.acquire()
    server.kill()
    for thread in threads:
        thread.join()
    assert late == []
    for log in logs:
        token = log.phone.token or ""
        assert log.last_acked_vote is not None and log.done_acked
        possible = log.sent[log.last_acked_vote :]  # the last acknowledged, or one sent after
        assert _stored_dots(workshop_path, pseudonym(token, "votes:autonomy")) in possible
        assert _stored_done(workshop_path, pseudonym(token, f"done:{scope}"), scope) == 1
