"""The Faker provider: contract-valid bodies, drawn only from the Faker instance's seeded random."""

from __future__ import annotations

import json
import random
from typing import Any

import httpx
import pytest
from faker import Faker

from netpath_mock.faker import NetpathProvider
from netpath_mock.netmodel.scenarios import NAMES
from tests.contract.validation import validate

CF_URL = (
    "https://api.cloudflare.com/client/v4/accounts/01a7362d577a6c3019a474fd6f485823/dex/"
    "traceroute-test-results/f174e90a-fafe-4643-bbbc-4a0ed4fc8415/network-path"
)
DD_TEST_URL = "https://api.datadoghq.com/api/v2/synthetics/tests/network/abc-def-123"
DD_RESULT_URL = "https://api.datadoghq.com/api/v2/synthetics/tests/abc-def-123/results/1"


def _fake(seed: int) -> Faker:
    fake = Faker()
    fake.add_provider(NetpathProvider)
    fake.seed_instance(seed)
    return fake


def _as_response(url: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=body, request=httpx.Request("GET", url))


def test_bodies_validate_against_the_vendor_contracts() -> None:
    fake = _fake(11)
    for _ in range(12):
        validate(
            "cloudflare-dex.openapi.json", _as_response(CF_URL, fake.cloudflare_network_path())
        )
        validate(
            "datadog-synthetics-network.openapi.json",
            _as_response(DD_TEST_URL, fake.datadog_network_test()),
        )
        validate(
            "datadog-synthetics-network.openapi.json",
            _as_response(DD_RESULT_URL, fake.datadog_test_result()),
        )
    for name in NAMES:
        validate(
            "cloudflare-dex.openapi.json",
            _as_response(CF_URL, fake.cloudflare_network_path(scenario=name)),
        )
        validate(
            "datadog-synthetics-network.openapi.json",
            _as_response(DD_RESULT_URL, fake.datadog_test_result(scenario=name)),
        )


def test_bodies_look_like_the_vendors_own() -> None:
    fake = _fake(3)
    path = fake.cloudflare_network_path()
    assert list(path) == ["errors", "messages", "success", "result"] and path["success"] is True
    result = path["result"]
    assert result["hops"][0]["ttl"] == 1 and result["time_start"].endswith("+00")
    test = fake.datadog_network_test()["data"]
    assert test["type"] == "network_test" and test["attributes"]["type"] == "network"
    assert test["id"] == test["attributes"]["public_id"]
    run = fake.datadog_test_result()
    assert run["data"]["type"] == "result" and run["included"][0]["type"] == "test"
    assert run["data"]["relationships"]["test"]["data"]["id"] == run["included"][0]["id"]
    assert len(fake.cloudflare_account_id()) == 32
    assert fake.netpath_scenario() in NAMES


def test_the_same_faker_seed_gives_the_same_bodies() -> None:
    def draw(fake: Faker) -> str:
        return json.dumps(
            [
                fake.cloudflare_network_path(),
                fake.datadog_network_test(),
                fake.datadog_test_result(scenario="packet-loss"),
                fake.cloudflare_test_result_id(),
                fake.datadog_public_id(),
            ]
        )

    first = draw(_fake(2024))
    # Another instance, and global random state disturbed in between: same bodies.
    random.seed(99)
    random.random()
    assert draw(_fake(2024)) == first
    assert draw(_fake(2025)) != first


def test_the_class_wide_seed_works_too() -> None:
    fake = Faker()
    fake.add_provider(NetpathProvider)
    Faker.seed(77)
    first = fake.datadog_test_result()
    Faker.seed(77)
    assert fake.datadog_test_result() == first


def test_a_scenario_changes_the_run_and_nothing_else() -> None:
    plain = _fake(5).cloudflare_network_path()["result"]
    outage = _fake(5).cloudflare_network_path(scenario="isp-outage")["result"]
    assert {k: v for k, v in plain.items() if k != "hops"} == {
        k: v for k, v in outage.items() if k != "hops"
    }
    assert outage["hops"] != plain["hops"] and len(outage["hops"]) == 30


def test_an_unknown_scenario_is_refused() -> None:
    with pytest.raises(ValueError, match="isp-outage"):
        _fake(1).cloudflare_network_path(scenario="nope")
