"""The participant server (aiohttp): the phone page and the API of docs/participant-api.md.

Every database call runs on one worker thread, one at a time, so SQLite sees a single writer
from this process and the event loop never waits on the disk. Joins and submissions are
queued and written in batches, one transaction each (group commit, see
:mod:`ampdesk.store.live_writer`); a 2xx is sent only after its transaction is committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from ampdesk.framework.live import (
    LiveInputError,
    describe,
    idempotency_key,
    normalize_code,
    parse_answers,
    parse_body,
    parse_done,
    parse_note,
    parse_votes,
)
from ampdesk.live.limits import (
    JoinGuard,
    LogLimit,
    RateLimit,
    connection_cap,
    raise_open_file_limit,
)
from ampdesk.resources_path import resources_dir
from ampdesk.store.file_copy import disk_full
from ampdesk.store.live import LiveStore, token_hash
from ampdesk.store.live_writer import Batch, LiveWriter, Response, Written
from ampdesk.store.workshop_file import Workshop

MAX_BODY = 16 * 1024
STATE_MAX_AGE = 0.5  # seconds a cached state may be old before the file is read again
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
STATIC_FILES = {
    "app.js": "text/javascript",
    "app.css": "text/css",
    "icon.svg": "image/svg+xml",
}
MAX_BATCH = 256  # submissions per transaction
HEADER_TIMEOUT = 10.0  # seconds a connection may take to send a request's headers
BODY_TIMEOUT = 10.0  # seconds a request may take to send its body
T = TypeVar("T")
Job = Callable[[Batch], Response]
log = logging.getLogger(__name__)


class LiveServer:
    """Serves one open workshop to phones while live input is on."""

    def __init__(
        self,
        workshop: Workshop,
        *,
        rate: RateLimit | None = None,
        guard: JoinGuard | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.store = LiveStore(workshop)
        self.writer = LiveWriter(workshop)
        self.rate = rate or RateLimit()
        self.guard = guard or JoinGuard()
        self.on_change = on_change or (lambda: None)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ampdesk-live-db")
        self._phones: dict[str, str] = {}  # token hash -> label
        self._labels: dict[str, str] = {}  # label -> token hash
        self._code = ""
        self._state: tuple[float, bytes, str] | None = None  # read at, body, etag
        self._state_lock = asyncio.Lock()
        self._pending: list[tuple[Job, asyncio.Future[Response]]] = []
        self._flushing = False
        self._runner: web.AppRunner | None = None
        self._listeners: list[asyncio.Server] = []
        self._opened: dict[RequestHandler, float] = {}  # connection -> when it was accepted
        self._busy: set[object] = set()  # connections whose request is being handled
        raise_open_file_limit()
        self.max_connections = connection_cap()
        self.log_limit = LogLimit()
        folder = resources_dir() / "live"
        self._page = (folder / "index.html").read_bytes()
        self._static = {name: (folder / name).read_bytes() for name in STATIC_FILES}

    @property
    def code(self) -> str:
        """The join code phones must send."""
        return self._code

    async def start(self, host: str, port: int) -> int:
        """Listen on ``host``:``port`` and return the port. Port 0 means the port this
        workshop used last time if it is free (phones that reload their page, or scan a QR
        code shown before, reach the server again), else any free port."""
        self._code = await self._run(self.store.new_join_code)
        await self._run(self.store.forget_refusals)
        self._phones = await self._run(self.store.phones)
        self._labels = {label: token for token, label in self._phones.items()}
        self._runner = web.AppRunner(
            self.app(),
            access_log=None,
            handle_signals=False,
            keepalive_timeout=HEADER_TIMEOUT,  # also ends a request's headers sent too slowly
        )
        await self._runner.setup()
        last = await self._run(self.store.last_port) if port == 0 else None
        bound = None
        if last:
            with contextlib.suppress(OSError):  # taken by now: any free port instead
                bound = await self._listen(host, last)
        if bound is None:
            bound = await self._listen(host, port)
        await self._run(self.store.remember_port, bound)
        return bound

    async def _listen(self, host: str, port: int) -> int:
        listener = await asyncio.get_running_loop().create_server(
            self._accept, host, port, reuse_address=True
        )
        self._listeners.append(listener)
        return int(listener.sockets[0].getsockname()[1])

    def _accept(self) -> asyncio.Protocol:
        """A new connection's protocol. At the cap of open connections, the oldest one that
        is not being answered is closed first, so a phone can always get in."""
        assert self._runner is not None and self._runner.server is not None
        server = self._runner.server
        open_now = [h for h in server.connections if h in self._opened]
        if len(open_now) >= self.max_connections:
            idle = [h for h in open_now if h not in self._busy]
            if idle:
                oldest = min(idle, key=self._opened.__getitem__)
                self._opened.pop(oldest, None)
                oldest.force_close()
                if oldest.transport is not None:
                    oldest.transport.close()
        handler = _Handler(server, loop=asyncio.get_running_loop(), **server._kwargs)
        handler.log_limit = self.log_limit
        self._opened[handler] = asyncio.get_running_loop().time()
        if len(self._opened) > 2 * self.max_connections:  # forget closed ones now and then
            alive = set(server.connections)
            self._opened = {h: t for h, t in self._opened.items() if h in alive}
        return handler

    async def close(self) -> None:
        """Stop listening and finish the last database call."""
        for listener in self._listeners:
            listener.close()
        if self._runner is not None:
            await self._runner.cleanup()
        await self._run(self.writer.close)
        self._db.shutdown(wait=True)

    def app(self) -> web.Application:
        """The aiohttp application (routes and middlewares)."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._errors])
        app.router.add_get("/", self._page_route)
        app.router.add_get("/static/{name}", self._static_route)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/state", self._state_route)
        app.router.add_post("/api/answers", self._answers)
        app.router.add_post("/api/notes", self._notes)
        app.router.add_post("/api/votes", self._votes)
        app.router.add_post("/api/done", self._done)
        app.on_response_prepare.append(_security_headers)
        return app

    # -- plumbing ------------------------------------------------------------------------
    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    @web.middleware
    async def _errors(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        self._busy.add(request.protocol)
        try:
            return await handler(request)
        except LiveInputError as exc:
            return _error(exc.status, str(exc))
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            headers = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
            return _error(exc.status, exc.reason.lower(), headers)
        except Exception as exc:
            if out_of_room(exc):  # logged once where the write failed
                return _error(503, DISK_FULL, {"Retry-After": str(DISK_FULL_RETRY)})
            self.log_limit.exception(log, "participant request failed")
            return _error(500, "the server could not handle this request")
        finally:
            self._busy.discard(request.protocol)

    def _phone(self, request: web.Request) -> str:
        """The token of the phone that sent ``request`` (refused if unknown or too fast)."""
        auth = request.headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        phone = self._phones.get(token_hash(token)) if scheme.lower() == "bearer" else None
        if phone is None:
            raise LiveInputError(401, "unknown token: join again with the code")
        wait = self.rate.take(phone)
        if wait:
            raise web.HTTPTooManyRequests(headers={"Retry-After": str(max(1, round(wait)))})
        return token

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise LiveInputError(415, "send the body as application/json")
        if request.content.is_eof():  # the whole body came with the headers: no wait
            return parse_body(await request.read())
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                raw = await request.read()
        except TimeoutError:
            raise LiveInputError(408, "the body came too slowly") from None
        return parse_body(raw)

    async def _write(self, job: Job) -> Response:
        """Queue a join or submission for the next batch; its result once that batch is
        committed."""
        future: asyncio.Future[Response] = asyncio.get_running_loop().create_future()
        self._pending.append((job, future))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())
        return await future

    async def _submit(self, job: Job) -> web.Response:
        """Write a submission; answer once it is committed."""
        status, body, replayed = await self._write(job)
        headers = {"Idempotent-Replay": "true"} if replayed else {}
        return web.json_response(body, status=status, headers=headers)

    async def _flush(self) -> None:
        """Write queued submissions in batches: what arrives during one commit goes in the next
        (group commit: one fsync for many phones)."""
        try:
            while self._pending:
                taken, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    results = await self._run(self._write_batch, [job for job, _ in taken])
                except Exception as exc:  # the commit failed: nothing of the batch is stored
                    self._failed("a batch of submissions could not be written", exc)
                    results = [exc] * len(taken)
                written = False
                for (_, future), result in zip(taken, results, strict=True):
                    if isinstance(result, Exception):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
                        written = written or not result[2]
                if written:
                    self._state = None  # notes may be offered in a vote
                    self.on_change()
        finally:
            self._flushing = False

    def _write_batch(self, jobs: list[Job]) -> list[Response | Exception]:
        """Run on the database thread: every job in one transaction, committed at the end.
        Each job runs in its own savepoint (see ``Batch.apply``): one that fails for any reason
        is undone alone and answered alone; the others are committed."""
        results: list[Response | Exception] = []
        with self.writer.batch() as batch:
            for job in jobs:
                try:
                    results.append(job(batch))
                except LiveInputError as exc:
                    results.append(exc)
                except Exception as exc:
                    self._failed("a submission could not be written", exc)
                    results.append(exc)
        return results

    def _failed(self, what: str, exc: Exception) -> None:
        """Log a failed write: one line when the disk is full (it is not a bug), else the
        traceback; both within the log's limit."""
        if out_of_room(exc):
            self.log_limit.warning(log, "%s: the disk is full (phones are told to retry)", what)
        else:
            self.log_limit.exception(log, what)

    # -- routes --------------------------------------------------------------------------
    async def _page_route(self, _request: web.Request) -> web.Response:
        return web.Response(body=self._page, content_type="text/html", charset="utf-8")

    async def _static_route(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self._static:
            raise web.HTTPNotFound()
        return web.Response(body=self._static[name], content_type=STATIC_FILES[name])

    async def _join(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        wait = self.guard.retry_after(address)
        if wait > 0:
            raise web.HTTPTooManyRequests(headers={"Retry-After": str(max(1, round(wait)))})
        data = await self._body(request)
        code = data.get("code")
        if set(data) != {"code"} or not isinstance(code, str):
            raise LiveInputError(400, 'send {"code": "..."}')
        if not secrets.compare_digest(normalize_code(code).encode(), self._code.encode()):
            self.guard.failed(address)
            raise LiveInputError(403, "wrong code")
        token = secrets.token_urlsafe(32)
        status, body, _ = await self._write(lambda batch: batch.join(address, token))
        if status == 201:  # a phone that took another's place (see Batch.join) drops its token
            replaced = self._labels.pop(body["phone"], None)
            if replaced is not None:
                self._phones.pop(replaced, None)
            self._phones[token_hash(token)] = body["phone"]
            self._labels[body["phone"]] = token_hash(token)
        return web.json_response(body, status=status)

    async def _state_route(self, request: web.Request) -> web.Response:
        self._phone(request)
        body, etag = await self._current_state()
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="application/json", headers={"ETag": etag})

    async def _current_state(self) -> tuple[bytes, str]:
        """The state body, read from the file at most every STATE_MAX_AGE seconds."""
        loop = asyncio.get_running_loop()
        async with self._state_lock:
            if self._state is None or loop.time() - self._state[0] > STATE_MAX_AGE:

                def read() -> bytes:
                    state = self.store.state()
                    offered = (
                        self.store.offered_notes(state.step) if state.activity == "voting" else []
                    )
                    return json.dumps(describe(state, offered), ensure_ascii=False).encode()

                body = await self._run(read)
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                self._state = (loop.time(), body, etag)
            return self._state[1], self._state[2]

    async def _answers(self, request: web.Request) -> web.Response:
        token = self._phone(request)
        data = await self._body(request)
        key = f"answers:{idempotency_key(data)}"  # a key replays only on its own route

        def job(batch: Batch) -> Response:
            return batch.apply(
                token, key, lambda: batch.answers(token, parse_answers(data, batch.state))
            )

        return await self._submit(job)

    async def _notes(self, request: web.Request) -> web.Response:
        token = self._phone(request)
        data = await self._body(request)
        key = f"notes:{idempotency_key(data)}"  # a key replays only on its own route

        def job(batch: Batch) -> Response:
            def write() -> Written:
                kind, dimension, text = parse_note(data, batch.state)
                return batch.note(batch.state.step or "", kind, dimension, text)

            return batch.apply(token, key, write)

        return await self._submit(job)

    async def _votes(self, request: web.Request) -> web.Response:
        token = self._phone(request)
        data = await self._body(request)
        key = f"votes:{idempotency_key(data)}"  # a key replays only on its own route

        def job(batch: Batch) -> Response:
            def write() -> Written:
                ids = parse_votes(data, batch.state, set(batch.offered_notes()))
                return batch.votes(token, ids)

            return batch.apply(token, key, write)

        return await self._submit(job)

    async def _done(self, request: web.Request) -> web.Response:
        token = self._phone(request)
        data = await self._body(request)
        key = idempotency_key(data)

        def job(batch: Batch) -> Response:
            def write() -> Written:
                parse_done(data, batch.state)
                return batch.done(token)

            return batch.apply(token, key, write)

        return await self._submit(job)


DISK_FULL = "the facilitator's computer has no disk space left; try again in a moment"
DISK_FULL_RETRY = 30  # seconds a phone waits before it sends again


def out_of_room(exc: BaseException) -> bool:
    """Whether a write failed for want of disk space (SQLite says "disk I/O error" when its
    shared-memory file cannot grow)."""
    return disk_full(exc) or "disk I/O error" in str(exc)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


class _Handler(RequestHandler):
    """aiohttp's connection handler with JSON error bodies for requests it refuses before
    any route sees them (a malformed request line or header), and a limited error log."""

    log_limit: LogLimit

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        self.log_limit.warning(log, "refused a malformed request (%s)", status)
        if request.writer.output_size > 0:
            raise ConnectionError("the response was sent already")
        reason = "the request is not valid HTTP" if status == 400 else "the request failed"
        response = _error(status, reason)
        response.force_close()
        return response


async def _security_headers(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
