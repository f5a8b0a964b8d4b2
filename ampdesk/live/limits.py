"""Rate limits of the participant server: a token bucket per phone and a lock-out of addresses
that guess join codes. Plain Python with an injectable clock, so the tests need no waiting.
"""

from __future__ import annotations

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
        bucket = self._buckets.setdefault(key, _Bucket(float(self.burst), now))
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
