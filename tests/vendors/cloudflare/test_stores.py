"""The per-session store of the DEX writable resources: bounds, clock and ids."""

from __future__ import annotations

import uuid

import pytest

from netpath_mock.vendors.cloudflare import stores
from netpath_mock.vendors.cloudflare.stores import Budget, DexSessionState, StoreFull
from tests.vendors.cloudflare.dex_state import make_state


def test_budget_counts_objects_and_bytes() -> None:
    budget = Budget(max_objects=3, max_bytes=100)
    budget.reserve("a", 40)
    budget.reserve("b", 40)
    budget.reserve("a", 10)  # a replacement is charged the difference only
    assert (len(budget.sizes), budget.total_bytes) == (2, 50)
    budget.release("b")
    assert (len(budget.sizes), budget.total_bytes) == (1, 10)


def test_budget_refuses_past_the_object_count() -> None:
    budget = Budget(max_objects=2, max_bytes=10_000)
    budget.reserve("a", 1)
    budget.reserve("b", 1)
    with pytest.raises(StoreFull) as caught:
        budget.reserve("c", 1)
    assert (caught.value.status, caught.value.code) == (400, stores.STORE_FULL)
    assert "c" not in budget.sizes and budget.total_bytes == 2


def test_budget_refuses_past_the_byte_bound() -> None:
    budget = Budget(max_objects=100, max_bytes=100)
    budget.reserve("a", 60)
    with pytest.raises(StoreFull):
        budget.reserve("b", 41)
    budget.reserve("b", 40)
    assert budget.total_bytes == 100


def test_reads_never_allocate_state() -> None:
    state = make_state()
    session = state.session("reader")
    assert stores.peek_state(session) is None
    dex = stores.dex_state(session)
    assert stores.peek_state(session) is dex
    assert dex.session_name == "reader"
    assert dex.edits("0" * 32) is None and dex.accounts == {}


def test_clock_advances_one_tick_per_step() -> None:
    state = make_state()
    dex = DexSessionState()
    epoch = state.settings.epoch
    start = dex.now_us(epoch)
    assert start == int(epoch.timestamp()) * stores.US
    dex.tick()
    dex.tick()
    assert dex.now_us(epoch) - start == 2 * stores.TICK_SECONDS * stores.US


def test_new_ids_are_fresh_uuid4_and_deterministic() -> None:
    first, second = DexSessionState("alpha"), DexSessionState("alpha")
    ids = [first.new_id(1, "dex-test", "a" * 32) for _ in range(50)]
    assert len(set(ids)) == 50
    assert all(uuid.UUID(i).version == 4 and i == i.lower() for i in ids)
    again = [second.new_id(1, "dex-test", "a" * 32) for _ in range(50)]
    assert again == ids  # the same sequence in a session of the same name: the same ids
    # Parallel sessions never issue each other's ids.
    assert DexSessionState("beta").new_id(1, "dex-test", "a" * 32) not in ids
    assert DexSessionState().new_id(2, "dex-test", "a" * 32) != ids[0]
    assert DexSessionState().new_id(1, "rule", "a" * 32) != ids[0]
