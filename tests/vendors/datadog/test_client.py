"""The official datadog-api-client against the mock: deserialization and typed exceptions."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import (
    ApiException,
    ForbiddenException,
    NotFoundException,
    UnauthorizedException,
)
from datadog_api_client.v2.api.synthetics_api import SyntheticsApi

from netpath_mock.testing import LiveServer
from tests.catalogs import datadog_catalog
from tests.conftest import SEED


def _config(
    server: LiveServer, api_key: str | None = "key", app_key: str | None = "app", **kw: Any
) -> Configuration:
    config = Configuration(host=server.url, **kw)
    if api_key:
        config.api_key["apiKeyAuth"] = api_key
    if app_key:
        config.api_key["appKeyAuth"] = app_key
    return config


def _unparsed(node: Any, seen: set[int] | None = None) -> list[str]:
    """Names of every model in the tree the client could not parse into its types."""
    seen = seen or set()
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = []
    if getattr(node, "_unparsed", False):
        found.append(type(node).__name__)
    children: list[Any] = []
    if hasattr(node, "_data_store"):
        children = list(node._data_store.values())
    elif hasattr(node, "_composed_instances"):
        children = list(node._composed_instances)
    elif isinstance(node, list | tuple):
        children = list(node)
    for child in children:
        found += _unparsed(child, seen)
    for inner in getattr(node, "_composed_instances", []) or []:
        found += _unparsed(inner, seen)
    return found


def test_client_deserializes_every_test(server: LiveServer) -> None:
    ids = [i["public_id"] for i in datadog_catalog(SEED, 200, 200)]
    with ApiClient(_config(server)) as api_client:
        api = SyntheticsApi(api_client)
        for public_id in ids:
            response = api.get_synthetics_network_test(public_id)
            assert response.data.id == public_id
            assert response.data.attributes.public_id == public_id
            assert _unparsed(response) == [], public_id


def test_client_unauthorized(server: LiveServer) -> None:
    with (
        ApiClient(_config(server, api_key=None)) as api_client,
        pytest.raises(UnauthorizedException) as caught,
    ):
        SyntheticsApi(api_client).get_synthetics_network_test("c7a-uwa-wn2")
    assert caught.value.status == 401


def test_client_forbidden(make_server: Callable[..., LiveServer]) -> None:
    strict = make_server(
        credentials={
            "datadog": {"api_keys": ["k"], "application_keys": [{"key": "a", "permissions": []}]}
        }
    )
    with (
        ApiClient(_config(strict, "k", "a")) as api_client,
        pytest.raises(ForbiddenException) as caught,
    ):
        SyntheticsApi(api_client).get_synthetics_network_test("c7a-uwa-wn2")
    assert caught.value.status == 403


def test_client_not_found(server: LiveServer) -> None:
    with ApiClient(_config(server)) as api_client, pytest.raises(NotFoundException) as caught:
        SyntheticsApi(api_client).get_synthetics_network_test("zzz-zzz-zzz")
    assert caught.value.status == 404
    assert caught.value.body == {"errors": ["Synthetics test not found"]}


def test_client_rate_limited_then_retry_waits_out_reset(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server(datadog_rate_limit="2/2")
    with ApiClient(_config(live)) as api_client:
        api = SyntheticsApi(api_client)
        api.get_synthetics_network_test("c7a-uwa-wn2")
        api.get_synthetics_network_test("c7a-uwa-wn2")
        with pytest.raises(ApiException) as caught:
            api.get_synthetics_network_test("c7a-uwa-wn2")
    assert caught.value.status == 429
    with ApiClient(_config(live, enable_retry=True)) as api_client:
        started = time.monotonic()
        response = SyntheticsApi(api_client).get_synthetics_network_test("c7a-uwa-wn2")
    assert response.data.id == "c7a-uwa-wn2"
    assert time.monotonic() - started < 8, "waited X-RateLimit-Reset, not urllib3's long backoff"
