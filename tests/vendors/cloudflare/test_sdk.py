"""The official `cloudflare` SDK against the mock, in strict response validation mode."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import cloudflare
import pytest
from cloudflare import Cloudflare

from netpath_mock.testing import LiveServer
from tests.catalogs import cloudflare_catalog
from tests.conftest import API_EMAIL, API_KEY, DOC_ACCOUNT, DOC_RESULT, SEED, TOKEN


def _client(server: LiveServer, **kw: object) -> Cloudflare:
    kw.setdefault("api_token", TOKEN)
    return Cloudflare(
        base_url=server.cloudflare_base_url,
        _strict_response_validation=True,
        max_retries=kw.pop("max_retries", 0),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "credentials",
    [{"api_token": TOKEN}, {"api_key": API_KEY, "api_email": API_EMAIL, "api_token": None}],
)
def test_sdk_reads_network_path(server: LiveServer, credentials: dict[str, str | None]) -> None:
    with _client(server, **credentials) as client:
        path = client.zero_trust.dex.traceroute_test_results.network_path.get(
            DOC_RESULT, account_id=DOC_ACCOUNT
        )
    assert path is not None
    assert path.result_id == DOC_RESULT
    assert path.hops and path.hops[0].ttl == 1
    assert all(
        h.mile
        in {None, "client-to-isp", "client-to-cf-ingress", "client-to-cf-egress", "client-to-app"}
        for h in path.hops
    )


def test_sdk_reads_every_catalog_result(server: LiveServer) -> None:
    with _client(server) as client:
        for item in cloudflare_catalog(SEED, 40):
            path = client.zero_trust.dex.traceroute_test_results.network_path.get(
                item["test_result_id"], account_id=item["account_id"]
            )
            assert path is not None and path.result_id == item["test_result_id"]
            assert path.test_id and path.device_name and path.test_name


def test_sdk_not_found(server: LiveServer) -> None:
    with _client(server) as client, pytest.raises(cloudflare.NotFoundError) as caught:
        client.zero_trust.dex.traceroute_test_results.network_path.get(
            str(uuid.UUID(int=7, version=4)), account_id=DOC_ACCOUNT
        )
    assert caught.value.status_code == 404
    assert caught.value.body["success"] is False  # type: ignore[index]


def test_sdk_bad_request_for_malformed_account(server: LiveServer) -> None:
    with _client(server) as client, pytest.raises(cloudflare.BadRequestError) as caught:
        client.zero_trust.dex.traceroute_test_results.network_path.get(
            DOC_RESULT, account_id="x" * 33
        )
    assert caught.value.body["errors"][0]["code"] == 7003  # type: ignore[index]


def test_sdk_permission_denied(make_server: Callable[..., LiveServer]) -> None:
    strict = make_server(
        credentials={"cloudflare": {"tokens": [{"token": "t1", "permissions": ["DNS Read"]}]}}
    )
    with (
        _client(strict, api_token="t1") as client,
        pytest.raises(cloudflare.PermissionDeniedError) as caught,
    ):
        client.zero_trust.dex.traceroute_test_results.network_path.get(
            DOC_RESULT, account_id=DOC_ACCOUNT
        )
    assert caught.value.body["errors"][0]["code"] == 10000  # type: ignore[index]
    with (
        _client(strict, api_token="unknown") as client,
        pytest.raises(cloudflare.PermissionDeniedError) as caught,
    ):
        client.zero_trust.dex.traceroute_test_results.network_path.get(
            DOC_RESULT, account_id=DOC_ACCOUNT
        )
    assert caught.value.body["errors"][0]["code"] == 9109  # type: ignore[index]


def test_sdk_rate_limited_then_waits_out_retry_after(
    make_server: Callable[..., LiveServer],
) -> None:
    limited = make_server(cloudflare_rate_limit="2/2")
    get = lambda c: c.zero_trust.dex.traceroute_test_results.network_path.get(  # noqa: E731
        DOC_RESULT, account_id=DOC_ACCOUNT
    )
    with _client(limited) as client:
        get(client)
        get(client)
        with pytest.raises(cloudflare.RateLimitError) as caught:
            get(client)
    assert caught.value.body["errors"][0]["code"] == 971  # type: ignore[index]
    retry_after = int(caught.value.response.headers["retry-after"])
    assert 1 <= retry_after <= 2
    with _client(limited, max_retries=2) as client:
        started = time.monotonic()
        assert get(client) is not None  # the SDK honours Retry-After and succeeds
    assert time.monotonic() - started >= 0.5
