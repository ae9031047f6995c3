"""Hypothesis strategies for network-path wire bodies, for property tests of your own code.

    from hypothesis import given
    from netpath_mock.strategies import cloudflare_network_paths, datadog_test_results

    @given(cloudflare_network_paths())
    def test_my_parser_reads_every_path(body):
        parse(body)

The bodies are the mock's own (netpath_mock.samples): realistic and valid against the vendors'
contracts. Each example comes from a few explicit choices Hypothesis can shrink: a flag per
router (keep or drop), a seed and a named scenario (when asked for). Most examples are whole
paths as the mock serves them; some miss a router or two between the first hop and the last
(TTLs renumbered, Datadog's hop count following). Shrinking turns flags to "drop", so a failing
example is reported with as few hops as still fail (a parser that trips on silent hops: the
gateway, one silent hop, the destination).

Needs Hypothesis (`pip install hypothesis`); the mock itself does not depend on it.
"""

from __future__ import annotations

import random
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
_SEEDS: Final = st.integers(min_value=0, max_value=2**64 - 1)
# A router's flag: kept 63 times in 64 when drawn; shrinks towards the first, "drop".
_KEEP: Final = st.sampled_from((False,) + (True,) * 63)


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


def _shortening(draw: st.DrawFn) -> list[bool]:
    """Which routers a path keeps: a flag per TTL past the first, nearly always True.

    Drawn before the path, so shrinking can shorten a path without changing which path it is:
    flags turn to False (drop) one at a time, keeping only the routers a failure needs.
    """
    return draw(st.lists(_KEEP, min_size=MAX_TTL, max_size=MAX_TTL))


def _kept(hops: list[dict[str, Any]], flags: list[bool]) -> list[dict[str, Any]]:
    """`hops` without the routers between the first and the last that `flags` drop."""
    middle = hops[1:-1]
    if len(hops) <= 2 or all(flags[: len(middle)]):
        return hops
    kept = [hops[0], *(hop for hop, keep in zip(middle, flags, strict=False) if keep), hops[-1]]
    return [{**hop, "ttl": ttl} for ttl, hop in enumerate(kept, start=1)]


def _scenario(draw: st.DrawFn, scenarios: st.SearchStrategy[str | None] | None) -> str | None:
    return None if scenarios is None else draw(scenarios)


@st.composite
def cloudflare_network_paths(
    draw: st.DrawFn, *, scenarios: st.SearchStrategy[str | None] | None = None
) -> dict[str, Any]:
    """Whole DEX network-path answers (`{"errors", "messages", "success", "result"}`).

    Args:
        draw: Hypothesis' draw function.
        scenarios: named scenarios to apply (e.g. `scenario_names()` or
            `st.sampled_from(["isp-outage", None])`); None: ordinary runs only.
    """
    flags = _shortening(draw)
    seed = draw(_SEEDS)
    scenario = _scenario(draw, scenarios)
    body = samples.cloudflare_network_path(random.Random(seed), scenario=scenario)
    body["result"]["hops"] = _kept(body["result"]["hops"], flags)
    return body


def datadog_network_tests() -> st.SearchStrategy[dict[str, Any]]:
    """Whole GetSyntheticsNetworkTest answers (`{"data": {"id", "type", "attributes"}}`)."""
    return _SEEDS.map(lambda seed: samples.datadog_network_test(random.Random(seed)))


@st.composite
def datadog_test_results(
    draw: st.DrawFn, *, scenarios: st.SearchStrategy[str | None] | None = None
) -> dict[str, Any]:
    """Whole GetSyntheticsTestResult answers (`{"data": ..., "included": [test]}`).

    Args:
        draw: Hypothesis' draw function.
        scenarios: named scenarios to apply; None: ordinary runs only.
    """
    flags = _shortening(draw)
    seed = draw(_SEEDS)
    scenario = _scenario(draw, scenarios)
    body = samples.datadog_test_result(random.Random(seed), scenario=scenario)
    result = body["data"]["attributes"]["result"]
    hops = result["netpath"]["hops"]
    kept = _kept(hops, flags)
    if kept is not hops:
        result["netpath"]["hops"] = kept
        # The hop count is the TTL of the last hop that answered (realism.md R3).
        count = max((hop["ttl"] for hop in kept if hop.get("reachable")), default=0)
        result["netstats"]["hops"] = {"avg": float(count), "min": count, "max": count}
    return body
