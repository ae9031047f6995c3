"""Realistic wire bodies drawn from a caller's random generator: the generator without a server.

The Faker provider (`netpath_mock.faker`) and the Hypothesis strategies (`netpath_mock.strategies`)
build on these functions. Each takes a `random.Random` and draws everything from it, so the same
generator state gives the same body, whatever the mock's seed or anything else generated before:

* `cloudflare_network_path(rng)`: a whole answer of GET .../traceroute-test-results/{id}/
  network-path (the success envelope around one run: device, test, colo, hops);
* `datadog_network_test(rng)`: a whole answer of GET /api/v2/synthetics/tests/network/{id};
* `datadog_test_result(rng)`: a whole answer of GET /api/v2/synthetics/tests/{id}/results/{rid}
  (netpath hops, netstats, assertions) with the test in `included`.

They use the very models the server uses (netmodel, the vendors' generators and result renderer),
so a body is what the mock could serve, valid against the vendors' contracts. `scenario=` applies
a named path scenario (netmodel.scenarios) to the run, as `Prefer: example=<name>` does. Times
count back from `epoch` (the mock's default, 2026-11-01T00:00:00Z), never from the clock.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from datetime import UTC, datetime
from typing import Any, Final

from netpath_mock.netmodel.scenarios import NAMES as SCENARIO_NAMES
from netpath_mock.vendors.cloudflare import generator as cf_generator
from netpath_mock.vendors.cloudflare.service import format_time_start
from netpath_mock.vendors.datadog import generator as dd_generator
from netpath_mock.vendors.datadog import runs, scenario_runs
from netpath_mock.vendors.datadog.results import ResultsService, Run
from netpath_mock.vendors.datadog.universe import ALPHABET

__all__ = [
    "DEFAULT_EPOCH",
    "SCENARIO_NAMES",
    "cloudflare_account_id",
    "cloudflare_network_path",
    "cloudflare_network_path_result",
    "cloudflare_test_result_id",
    "datadog_network_test",
    "datadog_public_id",
    "datadog_result_id",
    "datadog_test_result",
]

DEFAULT_EPOCH: Final = datetime(2026, 11, 1, tzinfo=UTC)  # the mock's default MOCK_EPOCH
RETENTION_S: Final = 7 * 86400  # runs are drawn from the week before the epoch


def _uuid4(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _check(scenario: str | None) -> None:
    if scenario is not None and scenario not in SCENARIO_NAMES:
        raise ValueError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIO_NAMES)}")


# --- Cloudflare ---------------------------------------------------------------------------------


def cloudflare_account_id(rng: random.Random) -> str:
    """A Cloudflare account id: 32 lowercase hex digits."""
    return f"{rng.getrandbits(128):032x}"


def cloudflare_test_result_id(rng: random.Random) -> str:
    """A DEX traceroute test result id (a UUID)."""
    return _uuid4(rng)


def cloudflare_network_path_result(
    rng: random.Random, *, scenario: str | None = None, epoch: datetime = DEFAULT_EPOCH
) -> dict[str, Any]:
    """The `result` of a network-path answer: one traceroute run of a WARP device."""
    _check(scenario)
    device = cf_generator.device_profile(rng)
    test = cf_generator.traceroute_test_profile(rng)
    run_rng = random.Random(rng.getrandbits(64))
    # Drawn either way, so a scenario changes the run and nothing else of the body.
    condition = random.Random(rng.getrandbits(64))
    run = cf_generator.network_path(
        run_rng, device, test, scenario=scenario, condition_rng=condition if scenario else None
    )
    started = int(epoch.timestamp()) - rng.randrange(60, RETENTION_S)
    return {
        "colo": run.colo,
        "deviceName": device.name,
        "execution_context": run.execution_context,
        "hops": run.hops,
        "resultId": _uuid4(rng),
        "testId": _uuid4(rng),
        "testName": test.name,
        "time_start": format_time_start(started),
        "tunnel_type": run.tunnel_type,
    }


def cloudflare_network_path(
    rng: random.Random, *, scenario: str | None = None, epoch: datetime = DEFAULT_EPOCH
) -> dict[str, Any]:
    """A whole network-path answer: `{"errors": [], "messages": [], "success": true, "result"}`."""
    result = cloudflare_network_path_result(rng, scenario=scenario, epoch=epoch)
    return {"errors": [], "messages": [], "success": True, "result": result}


# --- Datadog ------------------------------------------------------------------------------------


def datadog_public_id(rng: random.Random) -> str:
    """A Synthetics public id, `xxx-xxx-xxx` from the real alphabet (no 0, 1, l, o)."""
    return "-".join("".join(rng.choice(ALPHABET) for _ in range(3)) for _ in range(3))


def datadog_result_id(rng: random.Random) -> str:
    """A Synthetics result id: a decimal string below 2^63."""
    return str(rng.randrange(10**17, 2**63))


def _network_test_data(rng: random.Random) -> dict[str, Any]:
    public_id = datadog_public_id(rng)
    attributes = dd_generator.network_test_attributes(rng, public_id)
    return {"id": public_id, "type": "network_test", "attributes": attributes}


def datadog_network_test(rng: random.Random) -> dict[str, Any]:
    """A whole GetSyntheticsNetworkTest answer: `{"data": {"id", "type", "attributes"}}`."""
    return {"data": _network_test_data(rng)}


class _Renderer(ResultsService):
    """The server's result renderer for one standalone run (rendering reads only the seed)."""

    def __init__(self, seed: int) -> None:
        self.state = _SeedOnly(seed)  # type: ignore[assignment]


@dataclasses.dataclass(frozen=True)
class _SeedOnly:
    seed: int


_INCLUDED_KEYS: Final = ("name", "type", "subtype", "status", "locations", "config")


def datadog_test_result(
    rng: random.Random, *, scenario: str | None = None, epoch: datetime = DEFAULT_EPOCH
) -> dict[str, Any]:
    """A whole GetSyntheticsTestResult answer: one run of a generated test, test in `included`."""
    _check(scenario)
    test = _network_test_data(rng)
    public_id, attributes = test["id"], test["attributes"]
    seed = rng.getrandbits(63)
    location_id = rng.choice(attributes["locations"])
    plan = runs.plan_for(seed, public_id, attributes, location_id)
    at = int(epoch.timestamp()) - rng.randrange(60, RETENTION_S)
    outcome = runs.outcome(plan, runs.Condition(runs.NORMAL), at, rng.getrandbits(128))
    run = Run(datadog_result_id(rng), public_id, location_id, "scheduled", 1, outcome, plan,
              attributes, at)  # fmt: skip
    if scenario is not None:
        trace = scenario_runs.trace_under(seed, run, scenario)
        if trace is not None:
            under = scenario_runs.outcome_under(seed, run, scenario, trace)
            run = dataclasses.replace(run, outcome=under, trace=trace)
    data = _Renderer(seed).data(run)
    included = {
        "id": public_id,
        "type": "test",
        "attributes": {key: attributes[key] for key in _INCLUDED_KEYS if key in attributes},
    }
    return {"data": data, "included": [included]}
