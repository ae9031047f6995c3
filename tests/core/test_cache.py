"""The body cache: a bounded LRU behind a small second-miss doorkeeper."""

from __future__ import annotations

from netpath_mock.core.cache import BodyCache


def _admit(cache: BodyCache[str], key: str, body: bytes) -> None:
    cache.put(key, body)
    cache.put(key, body)


def test_second_miss_is_stored_then_hits() -> None:
    cache: BodyCache[str] = BodyCache(2)
    cache.put("a", b"A")
    assert cache.get("a") is None, "a resource missed once is not stored"
    cache.put("a", b"A")
    assert cache.get("a") == b"A"


def test_recently_used_survives_eviction() -> None:
    cache: BodyCache[str] = BodyCache(2)
    _admit(cache, "a", b"A")
    _admit(cache, "b", b"B")
    assert cache.get("a") == b"A"  # a is now the most recent
    _admit(cache, "c", b"C")
    assert len(cache) == 2
    assert cache.get("b") is None and cache.get("a") == b"A" and cache.get("c") == b"C"


def test_a_walk_over_many_resources_stores_nothing_even_twice() -> None:
    cache: BodyCache[int] = BodyCache(100, doorkeeper=16)
    for _ in range(2):
        for key in range(1000):
            cache.put(key, b"x")
    assert len(cache) == 0 and len(cache._seen) <= 16


def test_size_zero_stores_nothing_and_clear_empties() -> None:
    off: BodyCache[str] = BodyCache(0)
    _admit(off, "a", b"A")
    assert off.get("a") is None and len(off) == 0
    cache: BodyCache[str] = BodyCache(3)
    _admit(cache, "a", b"A")
    cache.clear()
    assert cache.get("a") is None


def test_bytes_bound_the_cache_whatever_its_count() -> None:
    cache: BodyCache[str] = BodyCache(100, max_bytes=1000)
    for key in range(20):
        _admit(cache, str(key), b"z" * 100)
    assert len(cache) == 10 and cache.bytes == 1000
    assert cache.get("9") is None and cache.get("19") == b"z" * 100
    _admit(cache, "big", b"x" * 101)  # over a tenth of the budget: never kept
    assert cache.get("big") is None and cache.bytes == 1000
    _admit(cache, "19", b"y" * 50)  # a new body for a kept key replaces it and its weight
    assert cache.get("19") == b"y" * 50 and cache.bytes == 950
