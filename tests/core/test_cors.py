"""Browser prototypes on another origin can call both vendors, preflight included."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS, TOKEN, network_path_url

ORIGIN = "http://localhost:5173"
DD_URL = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


@pytest.mark.parametrize(
    ("path", "headers"),
    [(network_path_url(), "authorization"), (DD_URL, "dd-api-key,dd-application-key")],
)
def test_preflight_is_allowed(http: httpx.Client, path: str, headers: str) -> None:
    response = http.options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": headers,
        },
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "GET" in response.headers["access-control-allow-methods"]
    for name in headers.split(","):
        assert name in response.headers["access-control-allow-headers"].lower()


def test_actual_request_exposes_vendor_headers(http: httpx.Client) -> None:
    cf = http.get(
        network_path_url(), headers={"Origin": ORIGIN, "Authorization": f"Bearer {TOKEN}"}
    )
    assert cf.status_code == 200
    assert cf.headers["access-control-allow-origin"] == ORIGIN
    assert "ratelimit" in cf.headers["access-control-expose-headers"]
    dd = http.get(DD_URL, headers={"Origin": ORIGIN, **DD_HEADERS})
    assert dd.headers["access-control-allow-origin"] == ORIGIN
    assert "x-ratelimit-reset" in dd.headers["access-control-expose-headers"]


def test_other_origins_get_the_vendor_answer_without_cors(http: httpx.Client) -> None:
    response = http.get(DD_URL, headers={"Origin": "https://evil.example", **DD_HEADERS})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    dd = http.options(DD_URL, headers=preflight)
    assert dd.status_code == 404 and dd.json() == {"errors": ["Not found"]}
    cf = http.options(network_path_url(), headers=preflight)
    assert cf.status_code == 405 and cf.json()["errors"][0]["code"] == 7001
    assert "access-control-allow-origin" not in cf.headers


def test_requests_without_origin_carry_no_cors_headers(http: httpx.Client) -> None:
    # The vendors send `vary: Accept-Encoding` only (cloudflare-contract-notes §3 headers).
    cf = http.get(network_path_url(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert cf.headers.get_list("vary") == ["Accept-Encoding"]
    assert not [h for h in cf.headers if h.startswith("access-control-")]
    dd = http.get(DD_URL, headers=DD_HEADERS)
    assert "vary" not in dd.headers


def test_allowed_origins_are_a_setting(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(cors_origins="https://proto.example.com, http://localhost:3000")
    response = httpx.get(
        live.url + DD_URL, headers={"Origin": "https://proto.example.com", **DD_HEADERS}
    )
    assert response.headers["access-control-allow-origin"] == "https://proto.example.com"
    denied = httpx.get(live.url + DD_URL, headers={"Origin": ORIGIN, **DD_HEADERS})
    assert "access-control-allow-origin" not in denied.headers
