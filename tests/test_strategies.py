"""The Hypothesis strategies: contract-valid bodies, and shrinking towards short failing paths."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from netpath_mock.netmodel.scenarios import NAMES
from netpath_mock.strategies import (
    cloudflare_account_ids,
    cloudflare_network_paths,
    cloudflare_test_result_ids,
    datadog_network_tests,
    datadog_public_ids,
    datadog_result_ids,
    datadog_test_results,
    scenario_names,
)
from netpath_mock.vendors.datadog.universe import ALPHABET
from tests.contract.validation import validate

CF_URL = (
    "https://api.cloudflare.com/client/v4/accounts/01a7362d577a6c3019a474fd6f485823/dex/"
    "traceroute-test-results/f174e90a-fafe-4643-bbbc-4a0ed4fc8415/network-path"
)
DD_TEST_URL = "https://api.datadoghq.com/api/v2/synthetics/tests/network/abc-def-123"
DD_RESULT_URL = "https://api.datadoghq.com/api/v2/synthetics/tests/abc-def-123/results/1"
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUIET = settings(database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _response(url: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=body, request=httpx.Request("GET", url))


@FEW
@given(cloudflare_network_paths(scenarios=st.none() | scenario_names()))
def test_cloudflare_paths_are_contract_valid(body: dict[str, Any]) -> None:
    validate("cloudflare-dex.openapi.json", _response(CF_URL, body))
    hops = body["result"]["hops"]
    assert [h["ttl"] for h in hops] == list(range(1, len(hops) + 1))


@FEW
@given(datadog_test_results(scenarios=st.none() | scenario_names()))
def test_datadog_results_are_contract_valid(body: dict[str, Any]) -> None:
    validate("datadog-synthetics-network.openapi.json", _response(DD_RESULT_URL, body))


@FEW
@given(datadog_network_tests())
def test_datadog_tests_are_contract_valid(body: dict[str, Any]) -> None:
    validate("datadog-synthetics-network.openapi.json", _response(DD_TEST_URL, body))


@FEW
@given(
    cloudflare_account_ids(),
    cloudflare_test_result_ids(),
    datadog_public_ids(),
    datadog_result_ids(),
    scenario_names(),
)
def test_ids_have_the_vendors_shapes(
    account: str, result: str, public_id: str, result_id: str, scenario: str
) -> None:
    assert len(account) == 32 and set(account) <= set("0123456789abcdef")
    assert len(result) == 36 and result[14] == "4"
    parts = public_id.split("-")
    assert [len(p) for p in parts] == [3, 3, 3] and set("".join(parts)) <= set(ALPHABET)
    assert 0 < int(result_id) < 2**63
    assert scenario in NAMES


# --- a planted bug ------------------------------------------------------------------------------


def toy_mean_rtt(body: dict[str, Any]) -> float:
    """A toy dashboard parser with a planted bug: it assumes every hop answered."""
    hops = body["result"]["hops"]
    return sum(int(hop["rttMs"]) for hop in hops) / len(hops)  # int(None): TypeError


def toy_destination(body: dict[str, Any]) -> str:
    """A toy Datadog parser with a planted bug: it assumes the last hop has an address."""
    hops = body["data"]["attributes"]["result"]["netpath"]["hops"]
    return str(hops[-1]["ip_address"])  # KeyError on an unanswered last hop


def _fails(parse: Any, body: dict[str, Any]) -> bool:
    try:
        parse(body)
    except (TypeError, KeyError):
        return True
    return False


def test_the_strategies_find_the_planted_bug() -> None:
    @settings(QUIET, max_examples=200)
    @given(cloudflare_network_paths())
    def dashboard_reads_every_path(body: dict[str, Any]) -> None:
        toy_mean_rtt(body)

    with pytest.raises(TypeError):
        dashboard_reads_every_path()

    @settings(QUIET, max_examples=200)
    @given(datadog_test_results(scenarios=st.none() | scenario_names()))
    def destination_is_always_shown(body: dict[str, Any]) -> None:
        toy_destination(body)

    with pytest.raises(KeyError):
        destination_is_always_shown()


def test_failing_examples_shrink_towards_short_paths() -> None:
    shortest = find(
        cloudflare_network_paths(),
        lambda body: _fails(toy_mean_rtt, body),
        settings=settings(QUIET, max_examples=300),
    )
    hops = shortest["result"]["hops"]
    assert any(h["ipAddress"] is None for h in hops)
    # Ordinary paths run 5 to 22 hops (R2); the reported failure keeps only what fails: the
    # first hop, a silent one, the last.
    assert len(hops) <= 3, hops
    assert [h["ttl"] for h in hops] == list(range(1, len(hops) + 1))

    unreached = find(
        datadog_test_results(scenarios=scenario_names()),
        lambda body: _fails(toy_destination, body),
        settings=settings(QUIET, max_examples=300),
    )
    netpath_hops = unreached["data"]["attributes"]["result"]["netpath"]["hops"]
    assert not netpath_hops[-1]["reachable"]
    assert len(netpath_hops) <= 3, netpath_hops


def test_most_examples_are_whole_paths() -> None:
    seen: list[bool] = []

    @settings(QUIET, max_examples=80)
    @given(cloudflare_network_paths())
    def record(body: dict[str, Any]) -> None:
        hops = body["result"]["hops"]
        # A whole path's miles start at the client; a shortened one still does (hop 1 is kept).
        assert hops[0]["mile"] == "client-to-isp"
        seen.append(len(hops) >= 5)

    record()
    assert sum(seen) >= 0.5 * len(seen), "whole paths (5+ hops) are most examples"
