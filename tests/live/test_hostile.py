"""The participant server under hostile clients: bad text never reaches a shared commit,
one failing submission fails no other, slow and piled-up connections are shed, errors are
JSON and the log stays short. Real server processes on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ampdesk.live.limits import LogLimit
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess, Phone, new_key

Serve = Callable[..., LiveProcess]
NOTE = {"activity": "autonomy", "kind": "idea", "dimension": "how"}


@pytest.mark.slow
def test_a_poisoned_note_beside_20_good_ones_fails_none_of_them(
    serve: Serve, workshop_path: Path
) -> None:
    server = serve("--step", "autonomy")
    phones = [server.phone() for _ in range(21)]
    poison = {**NOTE, "text": "a\ud800b"}  # a lone surrogate: SQLite cannot store it

    def send(i: int) -> int:
        body = poison if i == 0 else {**NOTE, "text": f"Good idea {i}"}
        return phones[i].submit("notes", body).status

    for _round in range(3):
        with ThreadPoolExecutor(max_workers=21) as pool:
            statuses = list(pool.map(send, range(21)))
        assert statuses[0] == 400
        assert statuses[1:] == [201] * 20
    with open_workshop(workshop_path) as workshop:
        texts = [n.text for n in WorkshopStore(workshop).notes.all("autonomy")]
    assert sorted(texts) == sorted(f"Good idea {i}" for i in range(1, 21) for _ in range(3))


@pytest.mark.slow
def test_text_sqlite_cannot_store_or_nobody_can_see_is_refused(serve: Serve) -> None:
    server = serve("--step", "autonomy")
    phone = server.phone()
    for text in ("a\ud800b", "\udfff", "nul\x00byte", "\u200b", "\u200b\u200d\ufeff ", "\u0301"):
        reply = phone.submit("notes", {**NOTE, "text": text})
        assert reply.status == 400, text
        assert reply.headers["content-type"].startswith("application/json")
    key_with_surrogate = {**NOTE, "text": "fine", "extra\ud800": 1}
    assert phone.submit("notes", key_with_surrogate).status == 400


@pytest.mark.slow
def test_deeply_nested_json_is_a_400(serve: Serve) -> None:
    server = serve("--step", "autonomy")
    phone = server.phone()
    for depth in (9, 5000):
        body = b'{"key": "' + new_key().encode() + b'", "x": ' + b"[" * depth + b"]" * depth + b"}"
        reply = phone.request("POST", "/api/notes", body)
        assert reply.status == 400 and "nested" in reply.data["error"]


@pytest.mark.slow
def test_bearer_in_any_case_and_keys_scoped_by_route(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "autonomy")
    phone = server.phone()
    lower = phone.request("GET", "/api/state", headers={"Authorization": f"bearer {phone.token}"})
    assert lower.status == 200
    key = new_key()
    note = phone.submit("notes", {**NOTE, "text": "Choose our own tools"}, key=key)
    answers = phone.submit(
        "answers", {"activity": "autonomy", "answers": {"how.current": 2}}, key=key
    )
    assert note.status == 201
    assert answers.status == 200 and "idempotent-replay" not in answers.headers
    assert answers.data == {"saved": 1}


def _raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.slow
def test_malformed_http_gets_a_json_400(serve: Serve) -> None:
    server = serve()
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    reply = _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    assert b"application/json" in head and "error" in json.loads(body)


@pytest.mark.slow
def test_a_header_trickled_byte_by_byte_is_cut_off(serve: Serve) -> None:
    server = serve()
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        request = b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
        started, closed = time.monotonic(), False
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            sock.settimeout(1.0)
            try:
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed, "the server kept a trickling client for over 100 s"
        assert time.monotonic() - started < 60


@pytest.mark.slow
def test_piled_up_idle_connections_do_not_lock_phones_out(serve: Serve) -> None:
    server = serve("--step", "autonomy")
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    idle = []
    try:
        for _ in range(1100):  # more than the server's cap (1,000 at most)
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(b"GET / HTTP/1.1\r\n")  # half a request, never finished
            idle.append(sock)
        phone = Phone(server.url)
        assert phone.join(server.code).status == 201
        assert phone.submit("notes", {**NOTE, "text": "Still reachable"}).status == 201
    finally:
        for sock in idle:
            sock.close()
    assert server.stop() == 0
    assert server.process.stderr is not None
    assert len(server.process.stderr.read().splitlines()) < 30  # the log stays short


def test_the_error_log_is_rate_limited() -> None:
    import logging

    now = [0.0]
    limit = LogLimit(burst=3, window=60, clock=lambda: now[0])
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    log = logging.getLogger("test-log-limit")
    log.addHandler(Keep())
    log.propagate = False
    for _ in range(10):
        limit.warning(log, "boom")
    now[0] = 61
    limit.warning(log, "boom")
    assert records == ["boom"] * 3 + ["7 more errors were not logged", "boom"]


def test_a_submission_failing_inside_the_batch_is_undone_alone(workshop_path: Path) -> None:
    """Batch isolation where validation cannot help: a job that fails inside the shared
    transaction (here on purpose) is answered alone, the others are committed."""
    from ampdesk.framework.live import for_step
    from ampdesk.live.server import LiveServer
    from ampdesk.store.live import LiveStore

    with open_workshop(workshop_path) as workshop:
        LiveStore(workshop).set_state(for_step("autonomy"))
        server = LiveServer(workshop)
        token = "t" * 43

        def good(i: int):  # type: ignore[no-untyped-def]
            def job(batch):  # type: ignore[no-untyped-def]
                return batch.apply(
                    token, f"notes:{i:08d}", lambda: batch.note("autonomy", "idea", "how", f"n{i}")
                )

            return job

        def bad(batch):  # type: ignore[no-untyped-def]
            def write():  # type: ignore[no-untyped-def]
                batch.note("autonomy", "idea", "how", "half written")
                raise RuntimeError("the disk said no")

            return batch.apply(token, "notes:poisoned", write)

        results = server._write_batch([good(1), bad, good(2)])
        server.writer.close()
        assert isinstance(results[1], RuntimeError)
        assert [r[0] for r in (results[0], results[2])] == [201, 201]  # type: ignore[index]
        texts = [n.text for n in WorkshopStore(workshop).notes.all("autonomy")]
    assert texts == ["n1", "n2"]
