"""The shared backend when Redis is not there: a clear start-up error, 503s, then recovery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from netpath_mock.core.credentials import ConfigError
from netpath_mock.core.settings import Settings
from netpath_mock.main import create_app
from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS, TOKEN, network_path_url
from tests.redis_support import RedisServer, free_port, require_redis

DD_TEST = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


def test_unreachable_store_at_start_up_names_the_url() -> None:
    url = f"redis://127.0.0.1:{free_port()}/3"
    with pytest.raises(ConfigError, match=r"cannot use the state store at redis://127\.0\.0\.1"):
        create_app(Settings(state_url=url, state_timeout=1))


def test_cli_refuses_to_start_without_its_store_and_hides_the_password() -> None:
    port = free_port()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netpath_mock",
            "serve",
            "--port",
            str(free_port()),
            "--workers",
            "2",
            "--state-url",
            f"redis://:s3cret@127.0.0.1:{port}/0",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert f"cannot use the state store at redis://:***@127.0.0.1:{port}/0" in done.stderr
    assert "s3cret" not in done.stderr + done.stdout


def test_a_bad_state_url_is_a_settings_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netpath_mock", "serve", "--state-url", "http://x:1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "redis://host:port/db" in done.stderr


def test_store_lost_while_serving_answers_503_then_recovers(tmp_path: Path) -> None:
    require_redis()
    store = RedisServer(tmp_path / "redis").start()
    try:
        with LiveServer(Settings(seed=1234, state_url=store.url(0), state_timeout=1)) as live:
            dd = {**DD_HEADERS, "X-Mock-Session": "f"}
            cf = {"Authorization": f"Bearer {TOKEN}", "X-Mock-Session": "f"}
            with httpx.Client(base_url=live.url, timeout=30) as client:
                assert client.get(DD_TEST, headers=dd).status_code == 200
                store.stop()
                # Vendor-shaped answers, not a hang, not a crash (the client's 30 s never runs
                # out: the backend gives up after its 1 s timeout).
                down = client.get(DD_TEST, headers=dd)
                assert down.status_code == 503
                assert down.json() == {"errors": ["Service Unavailable"]}
                assert "x-ratelimit-limit" in down.headers
                cf_down = client.get(network_path_url(), headers=cf)
                assert cf_down.status_code == 503
                body = cf_down.json()
                assert body["success"] is False and body["errors"] and body["result"] is None
                health = client.get("/_mock/health")
                assert health.status_code == 503 and health.json()["status"] == "unavailable"
                journal = client.get("/_mock/requests", headers={"X-Mock-Session": "f"})
                assert journal.status_code == 503 and journal.json()["error"]["status"] == 503
                # Back (empty: no persistence): the server serves and records again.
                store.start()
                back = client.get(DD_TEST, headers=dd)
                assert back.status_code == 200
                assert client.get("/_mock/health").json()["status"] == "ok"
                entries = client.get("/_mock/requests", headers={"X-Mock-Session": "f"}).json()
                assert [e["status"] for e in entries["requests"]] == [200]
    finally:
        store.stop()


def test_liveness_probe_ignores_the_store(tmp_path: Path) -> None:
    store = RedisServer(tmp_path / "redis").start()
    try:
        with LiveServer(Settings(state_url=store.url(0), state_timeout=1)) as live:
            store.stop()
            assert httpx.get(live.url + "/_mock/health", timeout=30).status_code == 503
            alive = httpx.get(live.url + "/_mock/health", params={"probe": "liveness"})
            assert alive.status_code == 200 and alive.json()["status"] == "ok"
    finally:
        store.stop()
