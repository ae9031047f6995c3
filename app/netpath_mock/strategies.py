"""Hypothesis strategies for network-path wire bodies, for property tests of your own code.

    from hypothesis import given
    from netpath_mock.strategies import cloudflare_network_paths, datadog_test_results

    @given(cloudflare_network_paths())
    def test_my_parser_reads_every_path(body):
        parse(body)

The bodies are the mock's own (netpath_mock.samples): realistic and valid against the vendors'
contracts. Each example is drawn from a few explicit choices Hypothesis can shrink: a hop budget,
a seed and (optionally) a named scenario. A path is the first of a few seeds whose hop list fits
the budget (or the shortest of them), so shrinking the budget shrinks towards short paths, and a
failing example is reported as one of the shortest paths that still fails.

Needs Hypothesis (`pip install hypothesis`); the mock itself does not depend on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, Final

from hypothesis import strategies as st

from netpath_mock import samples

__all__ = [
    "cloudflare_account_ids",
    "cloudflare_network_paths",
    "cloudflare_test_result_ids",
    "datadog_network_tests",
    "datadog_public_ids",
    "datadog_result_ids",
    "datadog_test_results",
    "scenario_names",
]

MAX_TTL: Final = 30  # the probes' default max_ttl: no path has more hops
ATTEMPTS: Final = 16  # seeds tried for a path within the hop budget
_SEEDS: Final = st.integers(min_value=0, max_value=2**64 - 1)


def scenario_names() -> st.SearchStrategy[str]:
    """Named path scenarios (`isp-outage`, `destination-unreachable`, ...); shrinks to the first."""
    return st.sampled_from(samples.SCENARIO_NAMES)


def cloudflare_account_ids() -> st.SearchStrategy[str]:
    """Cloudflare account ids (32 lowercase hex digits)."""
    return _SEEDS.map(lambda seed: samples.cloudflare_account_id(random.Random(seed)))


def cloudflare_test_result_ids() -> st.SearchStrategy[str]:
    """DEX traceroute test result ids (UUIDs)."""
    return st.uuids(version=4).map(str)


def datadog_public_ids() -> st.SearchStrategy[str]:
    """Synthetics public ids (`xxx-xxx-xxx`, the real alphabet)."""
    return _SEEDS.map(lambda seed: samples.datadog_public_id(random.Random(seed)))


def datadog_result_ids() -> st.SearchStrategy[str]:
    """Synthetics result ids (decimal strings below 2^63)."""
    return st.integers(min_value=10**17, max_value=2**63 - 1).map(str)


def _within(
    build: Callable[[random.Random], dict[str, Any]],
    hops: Callable[[dict[str, Any]], int],
    seed: int,
    budget: int,
) -> dict[str, Any]:
    """The first body of seeds seed, seed+1, ... with at most `budget` hops (else the shortest)."""
    shortest: tuple[int, dict[str, Any]] | None = None
    for attempt in range(ATTEMPTS):
        body = build(random.Random(seed + attempt))
        length = hops(body)
        if length <= budget:
            return body
        if shortest is None or length < shortest[0]:
            shortest = (length, body)
    assert shortest is not None
    return shortest[1]


def _scenario(draw: st.DrawFn, scenarios: st.SearchStrategy[str | None] | None) -> str | None:
    return None if scenarios is None else draw(scenarios)


@st.composite
def cloudflare_network_paths(
    draw: st.DrawFn,
    *,
    scenarios: st.SearchStrategy[str | None] | None = None,
    max_hops: int = MAX_TTL,
) -> dict[str, Any]:
    """Whole DEX network-path answers (`{"errors", "messages", "success", "result"}`).

    Args:
        draw: Hypothesis' draw function.
        scenarios: named scenarios to apply (e.g. `scenario_names()` or
            `st.sampled_from(["isp-outage", None])`); None: healthy and ordinary runs only.
        max_hops: the longest hop list to aim for.
    """
    budget = draw(st.integers(min_value=1, max_value=max_hops))
    seed = draw(_SEEDS)
    scenario = _scenario(draw, scenarios)
    return _within(
        lambda rng: samples.cloudflare_network_path(rng, scenario=scenario),
        lambda body: len(body["result"]["hops"]),
        seed,
        budget,
    )


def datadog_network_tests() -> st.SearchStrategy[dict[str, Any]]:
    """Whole GetSyntheticsNetworkTest answers (`{"data": {"id", "type", "attributes"}}`)."""
    return _SEEDS.map(lambda seed: samples.datadog_network_test(random.Random(seed)))


@st.composite
def datadog_test_results(
    draw: st.DrawFn,
    *,
    scenarios: st.SearchStrategy[str | None] | None = None,
    max_hops: int = MAX_TTL,
) -> dict[str, Any]:
    """Whole GetSyntheticsTestResult answers (`{"data": ..., "included": [test]}`).

    Args:
        draw: Hypothesis' draw function.
        scenarios: named scenarios to apply; None: ordinary runs only.
        max_hops: the longest `netpath.hops` list to aim for.
    """
    budget = draw(st.integers(min_value=1, max_value=max_hops))
    seed = draw(_SEEDS)
    scenario = _scenario(draw, scenarios)
    return _within(
        lambda rng: samples.datadog_test_result(rng, scenario=scenario),
        lambda body: len(body["data"]["attributes"]["result"]["netpath"]["hops"]),
        seed,
        budget,
    )
