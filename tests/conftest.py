"""Shared test fixtures: settings, live servers, auth headers, hypothesis profiles."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings

from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from tests.redis_support import RedisServer

pytest_plugins = ["pytester"]

settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

SEED = 1234
DOC_ACCOUNT = "01a7362d577a6c3019a474fd6f485823"
DOC_RESULT = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
TOKEN = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY"  # the docs page's example token
API_KEY = "144c9defac04969c7bfad8efaa8ea194"  # the SDK tests' key
API_EMAIL = "user@example.com"
DD_HEADERS = {"DD-API-KEY": "0123456789abcdef0123456789abcdef", "DD-APPLICATION-KEY": "a" * 40}
# The project's own example fixtures: loaded only when named (never from the working directory).
PROJECT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def network_path_url(
    account: str = DOC_ACCOUNT, result: str = DOC_RESULT, prefix: str = "/client/v4"
) -> str:
    return f"{prefix}/accounts/{account}/dex/traceroute-test-results/{result}/network-path"


@pytest.fixture(scope="session")
def server() -> Iterator[LiveServer]:
    """The default-mode server (fixed seed, lenient auth) shared by the whole run."""
    with LiveServer(Settings(seed=SEED, fixtures_dir=PROJECT_FIXTURES)) as live:
        yield live


@pytest.fixture(scope="session")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.fixture
def cf_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def session_headers(request: pytest.FixtureRequest) -> dict[str, str]:
    """An X-Mock-Session of the test's own, so its journal and buckets start empty."""
    name = request.node.name.replace("[", "-").replace("]", "")[:60]
    return {"X-Mock-Session": "".join(c if c.isalnum() or c in "._-" else "-" for c in name)}


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start a server with custom settings (and optional credentials document) for one test."""
    started: list[LiveServer] = []

    def start(credentials: dict[str, Any] | None = None, **values: Any) -> LiveServer:
        if credentials is not None:
            path = tmp_path / "credentials.json"
            path.write_text(json.dumps(credentials))
            values["credentials_file"] = path
        values.setdefault("seed", SEED)
        values.setdefault("fixtures_dir", PROJECT_FIXTURES)
        live = LiveServer(Settings(**values)).start()
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A redis-server for the whole run (skips without one, unless CI=true)."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


_databases = itertools.count(1)


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """A state URL on a database of its own (emptied first), so tests never see each other."""
    db = next(_databases) % 256
    url = redis_server.url(db)
    import redis

    with redis.Redis.from_url(url) as client:
        client.flushdb()
    return url
