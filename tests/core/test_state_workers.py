"""`serve --workers 2 --state-url redis://...` behaves as one server (issue 17's checks).

The server runs as a user would start it, in a subprocess. Every request below goes over a new
connection, so the kernel hands it to either worker; the tests first make sure both workers do
answer (each names its process in /_mock/health).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import DD_HEADERS
from tests.redis_support import RedisServer, free_port
from tests.vendors.datadog.lifecycle_support import edit_body

TESTS = "/api/v2/synthetics/tests/network"


class Farm:
    """`netpath-mock serve --workers 2` on a free port."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        env = {**os.environ, "MOCK_DATADOG_RATE_LIMIT": "10/60"}
        env.pop("MOCK_STATE_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "netpath_mock",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                "2",
                "--seed",
                "1234",
                "--state-url",
                url,
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    self.process.stderr.read().decode() if self.process.stderr else ""
                )
            try:
                if self.fresh("GET", "/_mock/health").status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("serve --workers 2 did not start")

    def fresh(self, method: str, path: str, **kw: Any) -> httpx.Response:
        """One request over a connection of its own (closed after the answer)."""
        headers = {"Connection": "close", **kw.pop("headers", {})}
        return httpx.request(method, self.base + path, headers=headers, timeout=15, **kw)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture
def farm(redis_server: RedisServer, redis_url: str) -> Iterator[Farm]:
    started = Farm(redis_url)
    try:
        started.wait()
        # Both workers answer: otherwise the checks below would prove nothing.
        seen = set()
        for _ in range(200):
            seen.add(started.fresh("GET", "/_mock/health").json()["process"])
            if len(seen) == 2:
                break
        assert len(seen) == 2, "one worker took every connection"
        yield started
    finally:
        started.stop()


def _dd(session: str = "w") -> dict[str, str]:
    return {**DD_HEADERS, "X-Mock-Session": session}


def test_workers_behave_as_one_server(farm: Farm) -> None:
    catalog = farm.fresh("GET", "/_mock/catalog", params={"vendor": "datadog", "limit": 5})
    public_id = catalog.json()["items"][3]["public_id"]
    served_by: set[int] = set()
    codes = []
    for _ in range(20):
        answer = farm.fresh("GET", f"{TESTS}/{public_id}", headers=_dd())
        codes.append(answer.status_code)
    assert codes == [200] * 10 + [429] * 10  # 10/60: exactly 10 allowed, whichever worker
    # The journal shows all 20, whichever worker is asked.
    for _ in range(6):
        answer = farm.fresh("GET", "/_mock/requests", headers={"X-Mock-Session": "w"})
        assert [e["status"] for e in answer.json()["requests"]] == codes
    # A test created through one connection is seen through every other.
    created = farm.fresh("POST", TESTS, headers=_dd("c"), content=edit_body(name="farm"))
    assert created.status_code == 200, created.text
    new_id = created.json()["data"]["id"]
    for attempt in range(100):
        health = farm.fresh("GET", "/_mock/health").json()
        served_by.add(health["process"])
        # A key of its own each time: the session's 10/60 bucket per key never runs out here.
        key = {**_dd("c"), "DD-API-KEY": f"{attempt + 1:032x}"}
        seen = farm.fresh("GET", f"{TESTS}/{new_id}", headers=key)
        assert seen.status_code == 200, seen.text
        assert seen.json()["data"]["attributes"]["name"] == "farm"
        if attempt >= 8 and len(served_by) == 2:
            break
    assert len(served_by) == 2
    # A seed switch reaches every worker before the reset answers.
    reset = farm.fresh("POST", "/_mock/reset", json={"seed": 42})
    assert reset.json() == {"reset": "all", "seed": 42}
    seeds = set()
    for _ in range(10):
        seeds.add(farm.fresh("GET", "/_mock/health").json()["seed"])
        assert farm.fresh("GET", f"{TESTS}/{public_id}", headers=_dd("d")).status_code == 404
        assert farm.fresh("GET", f"{TESTS}/{new_id}", headers=_dd("c")).status_code == 404
    assert seeds == {42}
    after = farm.fresh("GET", "/_mock/catalog", params={"vendor": "datadog", "limit": 5})
    new_public = after.json()["items"][3]["public_id"]
    codes = [
        farm.fresh("GET", f"{TESTS}/{new_public}", headers=_dd("e")).status_code for _ in range(10)
    ]
    assert codes == [200] * 10
