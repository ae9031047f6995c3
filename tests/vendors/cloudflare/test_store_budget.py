"""Issue 16, item 2: the DEX writable stores count towards the session's and the server's bytes."""

from __future__ import annotations

import orjson

from netpath_mock.core.errors import MockError
from netpath_mock.core.settings import Settings
from netpath_mock.core.state import MockState
from netpath_mock.vendors.cloudflare.dex_tests import DexTestService
from netpath_mock.vendors.cloudflare.stores import STORE_FULL, peek_state
from tests.vendors.cloudflare.test_dex_tests import http_test


def _state(**values: object) -> MockState:
    settings = Settings(**values)  # type: ignore[arg-type]
    limits = {
        "cloudflare": (settings.cloudflare_rate_limit, False),
        "datadog": (settings.datadog_rate_limit, False),
    }
    return MockState(settings, fixtures={}, credentials=None, rate_limits=limits)


def test_dex_edits_are_charged_to_the_session_and_the_server() -> None:
    state = _state()
    session = state.session("dex-charged")
    service = DexTestService(state)
    before = state.budget.used
    service.create(session, "1" * 32, orjson.dumps(http_test(description="d" * 900)))
    dex = peek_state(session)
    assert dex is not None
    assert session.store_budget.used >= dex.budget.total_bytes > 0
    assert state.budget.used - before >= dex.budget.total_bytes
    state.reset("dex-charged")
    assert state.budget.used == 0


def test_a_full_session_store_refuses_dex_edits_in_the_vendor_shape() -> None:
    state = _state(session_store_bytes=64 * 1024)
    session = state.session("dex-full")
    service = DexTestService(state)
    refused: MockError | None = None
    created = 0
    for i in range(200):
        body = orjson.dumps(http_test(name=f"t{i}", description="d" * 1000))
        try:
            service.create(session, f"{i + 1:032x}", body)
        except MockError as error:
            refused = error
            break
        created += 1
    assert refused is not None and refused.status == 400 and refused.code == STORE_FULL
    assert 0 < created < 200
    assert session.store_budget.used <= 64 * 1024
