"""The body cache: bounded LRU behind a second-miss doorkeeper."""

from __future__ import annotations

from app.core.cache import BodyCache


def test_admits_on_second_miss_then_hits() -> None:
    cache: BodyCache[str] = BodyCache(2)
    cache.put("a", b"A")
    assert cache.get("a") is None, "a resource seen once is not stored"
    cache.put("a", b"A")
    assert cache.get("a") == b"A"


def test_bounded_lru() -> None:
    cache: BodyCache[str] = BodyCache(2)
    for key in ("a", "b", "c"):
        cache.put(key, key.encode())
        cache.put(key, key.encode())
    assert len(cache) == 2
    assert cache.get("a") is None and cache.get("c") == b"c"


def test_recently_used_survives_eviction() -> None:
    cache: BodyCache[str] = BodyCache(2)
    for key in ("a", "b"):
        cache.put(key, b"x")
        cache.put(key, b"x")
    assert cache.get("a") == b"x"  # a is now the most recent
    cache.put("c", b"x")
    cache.put("c", b"x")
    assert cache.get("b") is None and cache.get("a") == b"x"


def test_doorkeeper_is_bounded_and_size_zero_stores_nothing() -> None:
    cache: BodyCache[int] = BodyCache(1)
    for key in range(100):
        cache.put(key, b"x")
    assert len(cache._seen) <= 4
    off: BodyCache[str] = BodyCache(0)
    off.put("a", b"A")
    off.put("a", b"A")
    assert off.get("a") is None and len(off) == 0
