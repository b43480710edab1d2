"""Rate limits: in-memory token buckets keyed by API token or client address.

A bucket holds up to ``burst`` tokens and refills at ``per_minute / 60`` tokens a second; a
request takes one token or is refused with the seconds until one is back (``Retry-After``).
Time comes from an injected clock, so tests move time instead of sleeping. The number of
buckets is bounded: when full, the least recently used bucket is dropped (a dropped bucket
comes back full, which only ever errs towards letting a request through once more).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

Clock = Callable[[], datetime]

MAX_BUCKETS = 10_000


@dataclass(frozen=True, slots=True)
class Rate:
    """``per_minute`` requests a minute on average, at most ``burst`` at once."""

    per_minute: float
    burst: int

    def __post_init__(self) -> None:
        if not (self.per_minute > 0 and math.isfinite(self.per_minute)):
            raise ValueError(f"a rate needs a positive number per minute, not {self.per_minute}")
        if self.burst < 1:
            raise ValueError(f"a rate needs a burst of at least 1, not {self.burst}")


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets for one kind of key (API tokens, addresses, log-in attempts)."""

    def __init__(self, rate: Rate, *, clock: Clock, max_buckets: int = MAX_BUCKETS) -> None:
        if max_buckets < 1:
            raise ValueError("a rate limiter needs room for at least one bucket")
        self._rate = rate
        self._clock = clock
        self._max = max_buckets
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def take(self, key: str) -> float | None:
        """Take one token for ``key``: None when allowed, else the seconds to wait."""
        now = self._clock().timestamp()
        per_second = self._rate.per_minute / 60
        bucket = self._buckets.pop(key, None)
        if bucket is None:
            bucket = _Bucket(float(self._rate.burst), now)
        else:
            # A clock that steps back never adds tokens.
            elapsed = max(0.0, now - bucket.at)
            bucket.tokens = min(float(self._rate.burst), bucket.tokens + elapsed * per_second)
            bucket.at = now
        self._buckets[key] = bucket
        while len(self._buckets) > self._max:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return (1.0 - bucket.tokens) / per_second


def retry_after(seconds: float) -> str:
    """The ``Retry-After`` header value: whole seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(seconds)))
