"""The fixed-window limiter, on a fake clock."""

from __future__ import annotations

from netpath_mock.core.ratelimit import FixedWindowLimiter
from netpath_mock.core.settings import RateLimit


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_window_opens_at_first_request_and_blocks_until_it_ends() -> None:
    clock = Clock(1000.5)
    limiter = FixedWindowLimiter(RateLimit(2, 300), aligned=False, clock=clock)
    assert [limiter.hit("k").allowed for _ in range(3)] == [True, True, False]
    clock.now += 299
    refused = limiter.hit("k")
    assert not refused.allowed and refused.reset_seconds == 1
    clock.now += 1
    assert limiter.hit("k").allowed


def test_aligned_windows_follow_the_wall_clock() -> None:
    clock = Clock(125.0)
    limiter = FixedWindowLimiter(RateLimit(1, 60), aligned=True, clock=clock)
    first = limiter.hit("k")
    assert first.allowed and first.remaining == 0 and first.reset_seconds == 55
    assert not limiter.hit("k").allowed
    clock.now = 180.0
    assert limiter.hit("k").allowed


def test_keys_are_independent_and_bounded() -> None:
    limiter = FixedWindowLimiter(RateLimit(1, 60), aligned=False, clock=Clock(0), max_buckets=3)
    for key in "abcde":
        assert limiter.hit(key).allowed
    assert len(limiter) == 3
    assert limiter.hit("a").allowed, "evicted keys start over"
    assert not limiter.hit("e").allowed


def test_peek_does_not_count() -> None:
    limiter = FixedWindowLimiter(RateLimit(3, 60), aligned=False, clock=Clock(0))
    limiter.hit("k")
    assert limiter.peek("k").remaining == 2
    assert limiter.peek("k").remaining == 2
    assert limiter.peek("other").remaining == 3
