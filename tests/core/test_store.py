"""The byte-bounded store helper and the server's byte budget (core/store.py, core/state.py)."""

from __future__ import annotations

import pytest

from netpath_mock.core.journal import Entry
from netpath_mock.core.settings import RateLimit, Settings
from netpath_mock.core.state import MockState
from netpath_mock.core.store import BoundedStore, ByteBudget, StoreFull, deep_size

KIB = 1024
MIB = 1024 * KIB


def _state(**values: object) -> MockState:
    settings = Settings(**values)  # type: ignore[arg-type]
    return MockState(
        settings,
        fixtures={},
        credentials=None,
        rate_limits={
            "cloudflare": (RateLimit(10, 60), False),
            "datadog": (RateLimit(10, 60), True),
        },
    )


def test_store_refuses_past_its_bytes_and_changes_nothing() -> None:
    budget = ByteBudget(100 * KIB)
    store: BoundedStore[str, str] = BoundedStore(budget)
    store["a"] = "x" * 60 * KIB
    with pytest.raises(StoreFull) as caught:
        store["b"] = "y" * 60 * KIB
    assert caught.value.status == 400 and str(100 * KIB) in caught.value.message
    assert list(store) == ["a"] and budget.used == store.bytes
    # Replacing an item only counts the difference.
    store["a"] = "z" * 90 * KIB
    assert store["a"].startswith("z") and budget.used == store.bytes < 100 * KIB
    del store["a"]
    assert budget.used == 0 and len(store) == 0


def test_put_all_is_all_or_nothing() -> None:
    budget = ByteBudget(10 * KIB)
    store: BoundedStore[str, object] = BoundedStore(budget, max_items=3)
    store.put_all({"a": 1, "b": 2})
    with pytest.raises(StoreFull):
        store.put_all({"c": 3, "d": 4})  # one item too many
    with pytest.raises(StoreFull):
        store.put_all({"c": "x" * 20 * KIB})  # too many bytes
    assert dict(store) == {"a": 1, "b": 2}
    store.put_all({"a": 5, "c": 6})  # a replacement takes no new slot
    assert dict(store) == {"a": 5, "b": 2, "c": 6}


def test_stores_of_a_session_share_its_allowance_and_roll_up() -> None:
    state = _state(session_store_bytes=128 * KIB)
    session = state.session("s")
    first, second = session.store("cloudflare.dex_tests"), session.store("cloudflare.rules")
    assert session.store("cloudflare.dex_tests") is first
    first["t"] = "x" * 100 * KIB
    with pytest.raises(StoreFull):
        second["r"] = "y" * 100 * KIB
    assert state.budget.used >= deep_size("x" * 100 * KIB)
    state.reset("s")
    assert state.budget.used == 0


def test_sessions_past_the_state_budget_are_forgotten_oldest_first() -> None:
    state = _state(state_bytes=2 * MIB, journal_bytes=512 * KIB, session_store_bytes=512 * KIB)
    for name in ("a", "b", "c", "d", "e"):
        state.session(name).store("x")["k"] = "v" * 450 * KIB
    state.session("e")  # the budget is enforced as each request looks its session up
    names = state.session_names()
    assert names[-1] == "e" and "a" not in names and len(names) < 5
    assert state.budget.used <= 2 * MIB


def test_journal_and_buckets_count_towards_the_budget() -> None:
    state = _state(state_bytes=1 * MIB, journal_bytes=256 * KIB, session_store_bytes=256 * KIB)
    for i in range(400):
        session = state.session(f"s{i % 40}")
        session.limiters["datadog"].hit(f"key-{i}")
        session.journal.record(
            Entry(0.0, "datadog", "GET", "/p", "", {"x-pad": "p" * 8000}, b"", 200, 1.0)
        )
    state.session("s0")
    # Within the budget (give or take the last request), so sessions were forgotten.
    assert state.budget.used <= 1 * MIB + 16 * KIB
    kept = sum(len(state.session(name).journal) for name in state.session_names())
    assert kept < 400


def test_journal_keeps_its_bytes_and_drops_the_oldest() -> None:
    state = _state(journal_bytes=64 * KIB)
    journal = state.session("j").journal
    for i in range(20):
        journal.record(
            Entry(float(i), "datadog", "GET", "/p", "", {"x": "v" * 10_000}, b"", 200, 1.0)
        )
    kept = journal.entries()
    assert 1 < len(kept) < 20 and kept[-1].time == 19.0
    assert journal.bytes <= 64 * KIB


def test_a_forgotten_session_no_longer_counts() -> None:
    state = _state()
    session = state.session("gone")
    state.reset("gone")
    session.journal.record(Entry(0.0, "datadog", "GET", "/p", "", {}, b"x" * 1000, 200, 1.0))
    assert state.budget.used == 0
