"""The scenarios `make bench` measures: one table entry each.

A scenario loads one vendor operation with wrk, either again and again on one resource ("warm":
its serialized body is cached) or walking many different resources in turn ("distinct": every
answer generated). The request path is a template whose `{fields}` are filled from the vendor's
catalog (`netpath-mock catalog --vendor V --limit N`, one JSON object per line); a template without
fields is one path. To measure a new operation, add its warm and distinct entries to `SCENARIOS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.common import DATADOG_TEST_COUNT, fleet_paths


@dataclass(frozen=True)
class Scenario:
    """One measured load: a vendor, a path template and how many catalog items it walks.

    `walk` is 1 for a warm scenario (the first catalog item's path, repeated) and the number of
    catalog items walked in turn for a distinct one. `ceiling_ratio_min` is the project's target
    share of the bare-ASGI ceiling's throughput (None: no target, the ratio is reported only).
    """

    name: str
    vendor: str
    template: str
    walk: int = 1
    ceiling_ratio_min: float | None = None
    kind: str | None = None  # the catalog's kind of ids (`netpath-mock catalog --kind`)
    # Paths not taken from the catalog (e.g. time windows): a function of how many are walked.
    paths: Callable[[int], list[str]] | None = None


CLOUDFLARE_NETWORK_PATH = (
    "/client/v4/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}/network-path"
)
DATADOG_NETWORK_TEST = "/api/v2/synthetics/tests/network/{public_id}"
DATADOG_RESULT = "/api/v2/synthetics/tests/{public_id}/results/{result_id}"

# 50,000 Cloudflare results / the 10,000 tests of the largest Datadog org: far more than the
# body cache holds, so a distinct walk generates every answer.
CLOUDFLARE_DISTINCT = 50_000

# DEX test analytics: a traceroute test over a day in hourly buckets, and the tests overview.
# Distinct walks outnumber the body cache (4,096), so every answer is aggregated again.
CLOUDFLARE_TRACEROUTE_TEST = (
    "/client/v4/accounts/{account_id}/dex/traceroute-tests/{test_id}"
    "?from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z&interval=hour"
)
CLOUDFLARE_TESTS_OVERVIEW = "/client/v4/accounts/{account_id}/dex/tests/overview"
ANALYTICS_DISTINCT = 5_000

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("cloudflare warm", "cloudflare", CLOUDFLARE_NETWORK_PATH, ceiling_ratio_min=0.30),
    Scenario(
        "cloudflare distinct",
        "cloudflare",
        CLOUDFLARE_NETWORK_PATH,
        walk=CLOUDFLARE_DISTINCT,
        ceiling_ratio_min=0.20,
    ),
    Scenario(
        "cf traceroute-test warm",
        "cloudflare",
        CLOUDFLARE_TRACEROUTE_TEST,
        kind="traceroute-tests",
    ),
    Scenario(
        "cf traceroute-test distinct",
        "cloudflare",
        CLOUDFLARE_TRACEROUTE_TEST,
        walk=ANALYTICS_DISTINCT,
        kind="traceroute-tests",
    ),
    Scenario("cf tests-overview warm", "cloudflare", CLOUDFLARE_TESTS_OVERVIEW, kind="tests"),
    Scenario(
        "cf tests-overview distinct",
        "cloudflare",
        CLOUDFLARE_TESTS_OVERVIEW,
        walk=ANALYTICS_DISTINCT,
        kind="tests",
    ),
    Scenario("datadog warm", "datadog", DATADOG_NETWORK_TEST, ceiling_ratio_min=0.30),
    Scenario(
        "datadog distinct",
        "datadog",
        DATADOG_NETWORK_TEST,
        walk=DATADOG_TEST_COUNT,
        ceiling_ratio_min=0.20,
    ),
    # One result (netpath hops, netstats, assertions); warm repeats the newest result of the
    # first test that has one (then served from the body cache), distinct walks 2,000 tests'.
    Scenario("datadog result warm", "datadog", DATADOG_RESULT),
    Scenario("datadog result distinct", "datadog", DATADOG_RESULT, walk=2_000),
    # One page of 50 devices of fleet-status/devices (issue 12); distinct walks (account, hour).
    Scenario("fleet devices warm", "cloudflare", "", paths=fleet_paths),
    Scenario("fleet devices distinct", "cloudflare", "", walk=20_000, paths=fleet_paths),
)


def scenario_paths(scenario: Scenario, items: list[dict[str, str]]) -> list[str]:
    """The paths `scenario` requests: its own generator's, or its template filled from `items`."""
    if scenario.paths is not None:
        return scenario.paths(scenario.walk)
    return fill(scenario.template, items, scenario.walk)


def fill(template: str, items: list[dict[str, str]], count: int) -> list[str]:
    """The first `count` distinct paths of `template` filled with catalog `items`.

    Items lacking a field of the template are skipped (a Datadog test paused before the
    retention window has no `result_id`); a field no item has is an error.
    """
    if "{" not in template:
        return [template]
    paths: dict[str, None] = {}
    missing: KeyError | None = None
    for item in items:
        try:
            paths.setdefault(template.format(**item), None)
        except KeyError as error:
            missing = error
            continue
        if len(paths) == count:
            break
    if not paths and missing is not None:
        fields = sorted(items[0]) if items else []
        raise KeyError(f"{template}: {missing} is not a field of the catalog items ({fields})")
    return list(paths)
