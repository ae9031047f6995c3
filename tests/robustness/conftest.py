"""Fixtures of the robustness tests: one in-process server with limits nobody reaches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from tests.conftest import SEED
from tests.robustness.support import HUGE_RATE_ENV


@pytest.fixture(scope="session")
def fuzz_server() -> Iterator[LiveServer]:
    """A default-mode server whose rate limits no test reaches (so no 429 unless forced)."""
    settings = Settings(
        seed=SEED,
        cloudflare_rate_limit=HUGE_RATE_ENV["MOCK_CLOUDFLARE_RATE_LIMIT"],
        datadog_rate_limit=HUGE_RATE_ENV["MOCK_DATADOG_RATE_LIMIT"],
    )
    with LiveServer(settings) as live:
        yield live
