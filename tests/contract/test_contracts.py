"""The vendors' contracts are present and the validator really rejects what they forbid."""

from __future__ import annotations

import httpx
import pytest
from openapi_core.validation.response.exceptions import InvalidData

from tests.contract.validation import CONTRACTS, available, validate

NAMES = [
    "cloudflare-dex.openapi.json",
    "cloudflare-dex-traceroute.openapi.json",
    "datadog-synthetics-network.openapi.json",
]


@pytest.mark.parametrize("name", NAMES)
def test_contracts_are_available(name: str) -> None:
    if not available(name):
        pytest.skip(f"../shared/contracts/{name} is absent: responses are not contract-validated")
    assert (CONTRACTS / name).stat().st_size > 0


def test_validator_rejects_a_non_conforming_body() -> None:
    name = "cloudflare-dex-traceroute.openapi.json"
    if not available(name):
        pytest.skip("../shared/contracts is absent")
    url = (
        "http://mock/client/v4/accounts/01a7362d577a6c3019a474fd6f485823/dex/"
        "traceroute-test-results/f174e90a-fafe-4643-bbbc-4a0ed4fc8415/network-path"
    )
    bad = httpx.Response(
        200,
        json={
            "errors": [],
            "messages": [],
            "success": True,
            "result": {"resultId": "x", "hops": [{"ttl": 1, "rttMs": 1.5}]},
        },
        request=httpx.Request("GET", url),
    )
    with pytest.raises(InvalidData):
        validate(name, bad)


@pytest.mark.parametrize(
    "result",
    [
        {"rules": [{"name": "no id", "match": "x", "created_at": "2023-07-16 15:00:00+00"}]},
        [{"id": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"}],  # the envelope's array, not the object
    ],
)
def test_patched_dex_contract_still_checks_results(result: object) -> None:
    # The full DEX contract is loaded with its envelope quirk patched (validation.py): the
    # operation's own `result` must still be enforced.
    name = "cloudflare-dex.openapi.json"
    if not available(name):
        pytest.skip("../shared/contracts is absent")
    url = "http://mock/client/v4/accounts/01a7362d577a6c3019a474fd6f485823/dex/rules"
    bad = httpx.Response(
        200,
        json={"errors": [], "messages": [], "success": True, "result": result},
        request=httpx.Request("GET", url + "?page=1&per_page=1"),
    )
    with pytest.raises(InvalidData):
        validate(name, bad)
