"""A phone as the tests see it: plain HTTP to a real participant server on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import os
import resource
import secrets
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    """One HTTP answer."""

    status: int
    headers: dict[str, str]
    data: Any


class Phone:
    """One participant's phone: keeps its token like the page keeps it in localStorage."""

    def __init__(self, url: str, token: str | None = None, source: str | None = None) -> None:
        """``source``: the loopback address to send from (127.0.0.x), as another device."""
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.token = token
        self.source = (source, 0) if source else None

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Send one request on a new connection; JSON bodies are decoded."""
        sent = dict(headers or {})
        if self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        raw: bytes | None = None
        if body is not None:
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=self.source
        )
        try:
            conn.request(method, path, body=raw, headers=sent)
            response = conn.getresponse()
            payload = response.read()
            found = {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()
        data: Any = payload
        if found.get("content-type", "").startswith("application/json") and payload:
            data = json.loads(payload)
        return Reply(response.status, found, data)

    def join(self, code: str) -> Reply:
        """Trade the code for a token (kept on success)."""
        reply = self.request("POST", "/api/join", {"code": code})
        if reply.status == 201:
            self.token = reply.data["token"]
        return reply

    def state(self) -> Reply:
        """What the facilitator has open."""
        return self.request("GET", "/api/state")

    def submit(self, route: str, body: dict[str, Any], key: str | None = None) -> Reply:
        """A submission with an idempotency key (a fresh one unless given)."""
        return self.request("POST", f"/api/{route}", {"key": key or new_key(), **body})


def new_key() -> str:
    """A fresh idempotency key, as a phone makes one."""
    return secrets.token_urlsafe(16)


class LiveProcess:
    """``ampdesk live FILE --headless`` in its own process, as a facilitator's laptop runs it."""

    def __init__(self, path: Path, *extra: str, open_files: int | None = None) -> None:
        """Start the server; ``open_files`` sets its soft limit of open files first."""
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

        def limit_files() -> None:
            if open_files is not None:
                hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
                resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, hard))

        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ampdesk",
                "live",
                str(path),
                "--headless",
                "--port",
                "0",
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=limit_files,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the server did not start: {self.process.stderr.read()}")  # type: ignore[union-attr]
        self.info: dict[str, Any] = json.loads(line)
        self.url: str = self.info["url"]
        self.code: str = self.info["code"]

    def phone(self, join: bool = True) -> Phone:
        """A new phone, joined unless told otherwise."""
        phone = Phone(self.url)
        if join:
            assert phone.join(self.code).status == 201
        return phone

    def stop(self) -> int:
        """SIGTERM, as the app or a shell stops it; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        """SIGKILL: no chance to clean up."""
        self.process.kill()
        self.process.wait(timeout=30)
