"""Fixed-window rate limiting per caller key, with bounded memory."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from netpath_mock.core.settings import RateLimit
from netpath_mock.core.store import ByteBudget

# Per vendor per session: a client rotating credentials cannot grow memory without bound.
MAX_BUCKETS = 10_000
# What one bucket holds (key string, list of two floats, ordered-dict node), as counted against
# the server's byte budget; measured with tracemalloc on CPython 3.11: ~186 bytes plus its
# 24-character key string (~73).
BUCKET_BYTES = 256


@dataclass(slots=True)
class Decision:
    """The limiter's answer for one request."""

    allowed: bool
    limit: int
    remaining: int
    reset_after: float  # seconds until the window ends

    @property
    def reset_seconds(self) -> int:
        """Whole seconds until the window ends, at least 1 (as Retry-After-style headers carry)."""
        return max(1, math.ceil(self.reset_after))


class FixedWindowLimiter:
    """`limit.requests` per `limit.seconds` per key.

    With `aligned=False` a window opens at a key's first request and the key is refused until it
    ends (Cloudflare: "all API calls for the next five minutes will be blocked"). With
    `aligned=True` windows follow the wall clock in multiples of the period (Datadog's
    "calendar aligned" X-RateLimit-Period).
    """

    def __init__(
        self,
        limit: RateLimit,
        *,
        aligned: bool,
        clock: Callable[[], float] = time.time,
        max_buckets: int = MAX_BUCKETS,
        budget: ByteBudget | None = None,
    ) -> None:
        self.limit = limit
        self.aligned = aligned
        self._clock = clock
        self._max = max_buckets
        self._budget = budget
        # key -> [window_start, count]; ordered by last use so the oldest is evicted first.
        self._buckets: OrderedDict[str, list[float]] = OrderedDict()

    def hit(self, key: str) -> Decision:
        """Count one request for `key` and say whether it may proceed."""
        now = self._clock()
        requests, period = self.limit  # locals: this runs on every vendor request
        bucket = self._buckets.get(key)
        if bucket is None or now >= bucket[0] + period:
            if bucket is None and self._budget is not None:
                self._budget.charge(BUCKET_BYTES)
            bucket = [now - (now % period) if self.aligned else now, 0.0]
            self._buckets[key] = bucket
            if len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
                if self._budget is not None:
                    self._budget.release(BUCKET_BYTES)
        else:
            self._buckets.move_to_end(key)
        reset_after = bucket[0] + period - now
        if bucket[1] >= requests:
            return Decision(False, requests, 0, reset_after)
        bucket[1] += 1
        return Decision(True, requests, requests - int(bucket[1]), reset_after)

    def peek(self, key: str) -> Decision:
        """The state of `key` without counting a request."""
        now = self._clock()
        period = self.limit.seconds
        bucket = self._buckets.get(key)
        if bucket is None or now >= bucket[0] + period:
            start = now - (now % period) if self.aligned else now
            return Decision(True, self.limit.requests, self.limit.requests, start + period - now)
        left = self.limit.requests - int(bucket[1])
        return Decision(left > 0, self.limit.requests, max(0, left), bucket[0] + period - now)

    def reset(self) -> None:
        """Forget every bucket."""
        if self._budget is not None:
            self._budget.release(BUCKET_BYTES * len(self._buckets))
        self._buckets.clear()

    def __len__(self) -> int:
        return len(self._buckets)
