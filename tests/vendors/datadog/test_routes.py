"""HTTP behaviour of GET /api/v2/synthetics/tests/network/{public_id}, validated by the contract."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.catalogs import datadog_catalog
from tests.conftest import DD_HEADERS, SEED
from tests.contract.validation import validate

CONTRACT = "datadog-synthetics-network.openapi.json"
ID_RE = re.compile(
    r"^[23456789abcdefghijkmnpqrstuvwxyz]{3}(-[23456789abcdefghijkmnpqrstuvwxyz]{3}){2}$"
)


def url(public_id: str) -> str:
    return f"/api/v2/synthetics/tests/network/{public_id}"


@pytest.mark.parametrize("public_id", ["c7a-uwa-wn2", "abc-def-123"])
def test_docs_ids_resolve(http: httpx.Client, public_id: str) -> None:
    response = http.get(url(public_id), headers=DD_HEADERS)
    assert response.status_code == 200
    validate(CONTRACT, response)
    data = response.json()["data"]
    assert data["id"] == data["attributes"]["public_id"] == public_id
    assert data["type"] == "network_test"


def test_get_network_test(http: httpx.Client) -> None:
    items = datadog_catalog(SEED, 50, 200)
    assert all(ID_RE.match(i["public_id"]) for i in items[2:])
    for item in items:
        response = http.get(url(item["public_id"]), headers=DD_HEADERS)
        assert response.status_code == 200
        validate(CONTRACT, response)
        assert response.content.endswith(b"}\n"), "Datadog's 200 bodies end with a newline"
        attributes = response.json()["data"]["attributes"]
        assert "monitor_id" not in attributes
        assert attributes["type"] == "network"
        request = attributes["config"]["request"]
        assert request["source_service"] is not None and request["destination_service"] is not None
        options = attributes["options"]
        assert {"retry", "min_failure_duration", "min_location_failed", "monitor_options"} <= set(
            options
        )
        assert "message" in attributes and "tags" in attributes


def test_identical_bytes_across_servers_and_orders() -> None:
    ids = [i["public_id"] for i in datadog_catalog(SEED, 20, 200)]
    with LiveServer(seed=SEED) as a, LiveServer(seed=SEED, cache_size=0) as b:
        first = [httpx.get(a.url + url(i), headers=DD_HEADERS).content for i in ids]
        second = [httpx.get(b.url + url(i), headers=DD_HEADERS).content for i in reversed(ids)]
    assert first == list(reversed(second))
    assert len(set(first)) == len(first)


@pytest.mark.parametrize("public_id", ["zzz-zzz-zzz", "REPLACE.ME", "x" * 300, "c7a-uwa-wn3"])
def test_unknown_public_id_404(http: httpx.Client, public_id: str) -> None:
    response = http.get(url(public_id), headers=DD_HEADERS)
    assert response.status_code == 404
    validate(CONTRACT, response)
    assert response.content == b'{"errors":["Synthetics test not found"]}'


@pytest.mark.parametrize(
    "path", ["/api/v2/synthetics/tests/network/", "/api/v2/nothing/here", "/api/v9/synthetics"]
)
def test_unknown_route_404(http: httpx.Client, path: str) -> None:
    response = http.get(path, headers=DD_HEADERS)
    assert response.status_code == 404
    assert response.json() == {"errors": ["Not found"]}


@pytest.mark.parametrize("method", ["DELETE", "PATCH"])
def test_methods_the_api_lacks_are_not_found(http: httpx.Client, method: str) -> None:
    response = http.request(method, url("c7a-uwa-wn2"), headers=DD_HEADERS)
    assert response.status_code == 404
    assert response.json() == {"errors": ["Not found"]}


def test_rate_limit_headers_on_every_response(http: httpx.Client) -> None:
    for response in (
        http.get(url("c7a-uwa-wn2"), headers=DD_HEADERS),
        http.get(url("zzz-zzz-zzz"), headers=DD_HEADERS),
        http.get(url("c7a-uwa-wn2")),
    ):
        assert response.headers["x-ratelimit-limit"] == "1000"
        assert response.headers["x-ratelimit-period"] == "60"
        assert response.headers["x-ratelimit-name"]
        assert 1 <= int(response.headers["x-ratelimit-reset"]) <= 60
        assert response.headers.get_list("x-ratelimit-reset") == [
            response.headers["x-ratelimit-reset"]
        ]
        assert int(response.headers["x-ratelimit-remaining"]) >= 0
        assert response.headers["content-type"] == "application/json"
        assert "server" not in response.headers


def test_rate_limited_429(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(datadog_rate_limit="3/3600")
    other = {**DD_HEADERS, "DD-API-KEY": "another-org-key"}
    answers = [httpx.get(live.url + url("c7a-uwa-wn2"), headers=DD_HEADERS) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
    refused = answers[-1]
    validate(CONTRACT, refused)
    # Byte for byte, with the rate-limit layer's `": "` spacing (datadog-contract-notes §3 f).
    assert refused.content == (
        b'{"errors": ["Rate limit of 3 requests in 3600 seconds reached. Please try again later."]}'
    )
    assert 1 <= int(refused.headers["x-ratelimit-reset"]) <= 3600
    assert httpx.get(live.url + url("c7a-uwa-wn2"), headers=other).status_code == 200
