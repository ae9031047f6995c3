"""A request's view of a session in the shared backend, without Redis: reads, writes, order."""

from __future__ import annotations

from netpath_mock.core import codec
from netpath_mock.core.redis_backend import SEP, SessionCache, SharedSession
from netpath_mock.core.settings import Settings
from netpath_mock.core.state import MockState


def _cache(**values: object) -> SessionCache:
    cache = SessionCache("s", 1234, [])
    pairs: list[bytes] = []
    for seq, (key, value) in enumerate(values.items(), start=1):
        pairs += [f"datadog{SEP}{key}".encode(), b"%d %s" % (seq, codec.encode(value))]
    cache.replace(5, pairs)
    return cache


def test_reads_writes_and_order_behave_as_a_dict() -> None:
    view = SharedSession(_cache(a=[1], b={"x": 1}, c="z"), ("datadog",))
    store = view.overlays["datadog"]
    assert list(store) == ["a", "b", "c"] and len(store) == 3 and not view.changes()
    store["d"] = 4  # new: last
    store["a"] = [2]  # replaced: keeps its place
    del store["c"]
    assert list(store) == ["a", "b", "d"] and len(store) == 3
    assert store.get("c") is None and "c" not in store and store["a"] == [2]
    store.get("b")["x"] = 2  # changed in place, never assigned again
    changes = view.changes()
    fields = dict(zip(changes[::2], changes[1::2], strict=True))
    assert fields[f"datadog{SEP}a".encode()] == b"1 [2]"
    assert fields[f"datadog{SEP}b".encode()] == b'2 {"x":2}'
    assert fields[f"datadog{SEP}c".encode()] == b""  # deleted
    assert fields[f"datadog{SEP}d".encode()] == b"4 4"  # after the highest seq
    # Applied to the cache, the next view sees it all, in the same order.
    view.cache.update(6, changes)
    again = SharedSession(view.cache, ("datadog",)).overlays["datadog"]
    assert list(again.items()) == [("a", [2]), ("b", {"x": 2}), ("d", 4)]


def test_untouched_reads_write_nothing() -> None:
    view = SharedSession(_cache(a={"k": [1, 2]}), ("datadog",))
    assert view.overlays["datadog"]["a"] == {"k": [1, 2]}
    assert view.touched and view.changes() == []


def test_memory_sessions_expire_after_their_ttl() -> None:
    now = [1000.0]
    settings = Settings(session_ttl=60)
    state = MockState(
        settings,
        fixtures={},
        credentials=None,
        rate_limits={"datadog": (settings.datadog_rate_limit, True)},
        clock=lambda: now[0],
    )
    session = state.session("x")
    session.store("datadog.ci")["k"] = 1
    now[0] += 59
    assert state.session("x") is session  # used again: its TTL starts over
    now[0] += 59
    assert state.session_names() == ["x"] and state.session("x") is session
    now[0] += 61
    assert state.session_names() == []
    fresh = state.session("x")
    assert fresh is not session and fresh.store("datadog.ci") == {}
