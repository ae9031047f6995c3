"""Issue 16, item 4: the control plane cannot be opened by accident or by a web page.

Today's main started with an empty MOCK_ADMIN_TOKEN (then `Authorization: Bearer ` passed), and
with MOCK_CORS_ORIGINS=* any web page could read the journal (`/_mock/requests`) or reset the
server: a cross-origin POST with a text/plain body needs no preflight.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS
from tests.robustness.support import build_request, exchange

EVIL = "https://evil.example"
DD_URL = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


@pytest.mark.parametrize("token", ["", " ", "\t  "])
def test_blank_admin_token_refuses_to_start(token: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_")}
    result = subprocess.run(
        [sys.executable, "-m", "netpath_mock", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "MOCK_ADMIN_TOKEN": token},
    )
    assert result.returncode == 2, result.stderr
    assert "MOCK_ADMIN_TOKEN" in result.stderr and "empty" in result.stderr


@pytest.fixture
def open_cors(make_server: Callable[..., LiveServer]) -> LiveServer:
    return make_server(cors_origins="*")


def test_wildcard_origins_cannot_read_the_journal(open_cors: LiveServer) -> None:
    session = {"X-Mock-Session": "cors-journal"}
    httpx.get(open_cors.url + DD_URL, headers={**DD_HEADERS, **session})
    page = {"Origin": EVIL, **session}
    for path in ("/_mock/requests", "/_mock/catalog?vendor=datadog"):
        response = httpx.get(open_cors.url + path, headers=page)
        assert response.status_code == 403, response.text
        assert "access-control-allow-origin" not in response.headers
        assert "requests" not in response.json()
    # The journal is still there for the test suite (no Origin: not a browser page).
    assert (
        len(httpx.get(open_cors.url + "/_mock/requests", headers=session).json()["requests"]) == 1
    )


def test_wildcard_origins_cannot_reset_the_server(open_cors: LiveServer) -> None:
    session = {"X-Mock-Session": "cors-reset"}
    httpx.get(open_cors.url + DD_URL, headers={**DD_HEADERS, **session})
    # What a page's fetch(..., {method: "POST", mode: "no-cors"}) sends: no preflight needed.
    simple = httpx.post(
        open_cors.url + "/_mock/reset",
        headers={"Origin": EVIL, "Content-Type": "text/plain", **session},
        content=b'{"all_sessions": true}',
    )
    assert simple.status_code == 403
    preflight = httpx.options(
        open_cors.url + "/_mock/reset",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code == 403
    assert (
        len(httpx.get(open_cors.url + "/_mock/requests", headers=session).json()["requests"]) == 1
    )


def test_wildcard_origins_still_open_the_vendor_paths(open_cors: LiveServer) -> None:
    response = httpx.get(open_cors.url + DD_URL, headers={**DD_HEADERS, "Origin": EVIL})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_an_origin_listed_by_name_may_use_the_control_plane(
    make_server: Callable[..., LiveServer],
) -> None:
    dev = "http://localhost:5173"
    live = make_server(cors_origins=f"*,{dev}")
    response = httpx.get(live.url + "/_mock/requests", headers={"Origin": dev})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == dev
    health = httpx.get(live.url + "/_mock/health", headers={"Origin": EVIL})
    assert health.status_code == 200  # probes and dashboards: read-only, no secrets


def test_an_empty_bearer_never_passes(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(admin_token="t0ken")
    for value in (b"Bearer ", b"Bearer", b"", b"bearer t0ken", b"Bearer t0ke", b"Bearer t0ken2"):
        request = build_request(b"POST", b"/_mock/reset", [(b"Authorization", value)], b"")
        assert exchange(live.port, request).status == 401, value
    good = build_request(b"POST", b"/_mock/reset", [(b"Authorization", b"Bearer t0ken")], b"")
    assert exchange(live.port, good).status == 200
