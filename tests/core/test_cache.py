"""The body cache: a bounded LRU."""

from __future__ import annotations

from app.core.cache import BodyCache


def test_stores_and_hits() -> None:
    cache: BodyCache[str] = BodyCache(2)
    assert cache.get("a") is None
    cache.put("a", b"A")
    assert cache.get("a") == b"A"


def test_recently_used_survives_eviction() -> None:
    cache: BodyCache[str] = BodyCache(2)
    cache.put("a", b"A")
    cache.put("b", b"B")
    assert cache.get("a") == b"A"  # a is now the most recent
    cache.put("c", b"C")
    assert len(cache) == 2
    assert cache.get("b") is None and cache.get("a") == b"A" and cache.get("c") == b"C"


def test_size_zero_stores_nothing_and_clear_empties() -> None:
    off: BodyCache[str] = BodyCache(0)
    off.put("a", b"A")
    assert off.get("a") is None and len(off) == 0
    cache: BodyCache[str] = BodyCache(3)
    cache.put("a", b"A")
    cache.clear()
    assert cache.get("a") is None
