"""Rate limits of the participant server: a token bucket per phone and a lock-out of addresses
that guess join codes. Plain Python with an injectable clock, so the tests need no waiting.
"""

from __future__ import annotations

import contextlib
import logging
import resource
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimit:
    """``burst`` requests at once per key, refilled at ``per_second``."""

    burst: int = 60
    per_second: float = 3.0
    clock: Clock = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def take(self, key: str) -> float:
        """Spend one request of ``key``: 0 if allowed, else the seconds until one is free."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.per_second


@dataclass
class JoinGuard:
    """Locks out an address after ``attempts`` wrong codes within ``window`` seconds."""

    attempts: int = 10
    window: float = 300.0
    clock: Clock = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def retry_after(self, address: str) -> float:
        """0 if ``address`` may try a code now, else the seconds it must wait."""
        failures = self._recent(address)
        if len(failures) < self.attempts:
            return 0.0
        return failures[0] + self.window - self.clock()

    def failed(self, address: str) -> None:
        """Count a wrong code from ``address``."""
        self._recent(address).append(self.clock())

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures.setdefault(address, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        return failures


MAX_CONNECTIONS = 4096  # a town hall of 1,000 phones, some with a second tab or a reload


def raise_open_file_limit() -> None:
    """Raise this process's soft limit of open files to its hard limit: every phone holds a
    connection, and a common default of 1,024 would not let a town hall of 1,000 in."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        with contextlib.suppress(ValueError, OSError):  # a hard limit the system refuses
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def connection_cap() -> int:
    """How many connections the server keeps open at once: well under the process's limit
    of open files (the workshop file, its log and the libraries need some too)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 2 * MAX_CONNECTIONS
    return max(16, min(MAX_CONNECTIONS, soft // 2 - 32))


@dataclass
class LogLimit:
    """At most ``burst`` log records per ``window`` seconds; then one line saying how many
    were left out, so a storm of errors cannot fill the disk or the app's pipe."""

    burst: int = 20
    window: float = 60.0
    clock: Clock = time.monotonic
    _times: deque[float] = field(default_factory=deque)
    _dropped: int = 0

    def allow(self) -> bool:
        """Whether a record may be written now (counts it)."""
        now = self.clock()
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()
        if len(self._times) >= self.burst:
            self._dropped += 1
            return False
        self._times.append(now)
        return True

    def _note_dropped(self, log: logging.Logger) -> None:
        if self._dropped:
            log.warning("%d more errors were not logged", self._dropped)
            self._dropped = 0

    def exception(self, log: logging.Logger, message: str) -> None:
        """``log.exception(message)`` unless the limit is reached."""
        if self.allow():
            self._note_dropped(log)
            log.exception(message)

    def warning(self, log: logging.Logger, message: str, *args: object) -> None:
        """``log.warning(message, *args)`` unless the limit is reached."""
        if self.allow():
            self._note_dropped(log)
            log.warning(message, *args)
