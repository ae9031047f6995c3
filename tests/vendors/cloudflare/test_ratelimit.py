"""Cloudflare's rate limit: per credential, fixed window, 429 971 with Retry-After."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from netpath_mock.testing import LiveServer
from tests.conftest import network_path_url


def _remaining(response: httpx.Response) -> int:
    match = re.fullmatch(r'"default";r=(\d+);t=(\d+)', response.headers["ratelimit"])
    assert match
    return int(match.group(1))


def test_limit_per_credential_then_429(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(cloudflare_rate_limit="5/60")
    a = {"Authorization": "Bearer token-a"}
    b = {"Authorization": "Bearer token-b"}
    answers = [httpx.get(live.url + network_path_url(), headers=a) for _ in range(5)]
    assert [r.status_code for r in answers] == [200] * 5
    assert [_remaining(r) for r in answers] == [4, 3, 2, 1, 0]
    assert all(r.headers["ratelimit-policy"] == '"default";q=5;w=60' for r in answers)
    refused = httpx.get(live.url + network_path_url(), headers=a)
    assert refused.status_code == 429
    # Not contract-validated: the live API's 971 is below the schema's generic code minimum
    # of 1000 (cloudflare-contract-notes §3 f); the envelope is checked field by field instead.
    assert refused.json()["success"] is False and refused.json()["result"] is None
    assert refused.json()["messages"] == []
    assert refused.json()["errors"] == [
        {"code": 971, "message": "Please wait and consider throttling your request speed"}
    ]
    assert 55 <= int(refused.headers["retry-after"]) <= 60
    assert _remaining(refused) == 0
    # Another credential has its own bucket.
    assert httpx.get(live.url + network_path_url(), headers=b).status_code == 200


def test_retry_after_never_exceeds_60(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(cloudflare_rate_limit="1/300")
    headers = {"Authorization": "Bearer t"}
    httpx.get(live.url + network_path_url(), headers=headers)
    refused = httpx.get(live.url + network_path_url(), headers=headers)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) == 60
    assert re.fullmatch(r'"default";r=0;t=(29\d|300)', refused.headers["ratelimit"])


def test_default_policy_is_1200_per_300(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    response = http.get(network_path_url(), headers={"Authorization": "Bearer fresh-policy-token"})
    assert response.headers["ratelimit-policy"] == '"default";q=1200;w=300'
    assert _remaining(response) == 1199
