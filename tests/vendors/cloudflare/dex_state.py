"""Helpers for the DEX writable resources' service-level tests (no HTTP)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import MockError
from netpath_mock.core.settings import Settings
from netpath_mock.core.state import MockState

SEED = 1234
DOC_ACCOUNT = "01a7362d577a6c3019a474fd6f485823"
OTHER_ACCOUNT = "0" * 31 + "1"
PLACEHOLDER = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"


def make_state(seed: int = SEED) -> MockState:
    settings = Settings(seed=seed)
    limits = {
        "cloudflare": (settings.cloudflare_rate_limit, False),
        "datadog": (settings.datadog_rate_limit, False),
    }
    return MockState(settings, fixtures={}, credentials=None, rate_limits=limits)


def body(value: Any) -> bytes:
    return orjson.dumps(value)


def result(raw: bytes) -> Any:
    document = orjson.loads(raw)
    assert document["success"] is True
    assert document["errors"] == [] and document["messages"] == []
    return document["result"]


def envelope(raw: bytes) -> Any:
    return orjson.loads(raw)


def fails(call: Any, status: int, code: int | None, *words: str) -> MockError:
    """Run `call`; it must raise a MockError with this status and code, naming every word.

    `code` None accepts either validation code (11004 missing, 11005 invalid).
    """
    with pytest.raises(MockError) as caught:
        call()
    error = caught.value
    assert error.status == status, error.message
    if code is None:
        assert error.code in (11004, 11005), error.message
    else:
        assert error.code == code, error.message
    for word in words:
        assert word in error.message, (word, error.message)
    return error
