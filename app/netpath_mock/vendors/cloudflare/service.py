"""Cloudflare DEX runs and results built from the seeded universe (pure functions of the seed)."""

from __future__ import annotations

import dataclasses
import random
import time
from datetime import datetime
from functools import lru_cache
from typing import Any

from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES
from netpath_mock.vendors.cloudflare import generator, universe

VENDOR = universe.VENDOR
_OK_HEAD = b'{"errors":[],"messages":[],"success":true,"result":'


def envelope(result_json: bytes) -> bytes:
    """The success envelope around an already-serialized result."""
    return _OK_HEAD + result_json + b"}"


def format_time_start(timestamp: int) -> str:
    """Postgres-style UTC time, as the contract's example: '2023-07-16 15:00:00+00'."""
    # gmtime + strftime on plain seconds: half the cost of datetime arithmetic and isoformat.
    return time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(timestamp))


@lru_cache(maxsize=1024)  # bounded: an account's tests are a few KB
def account_tests(seed: int, account: str) -> tuple[generator.TracerouteTestProfile, ...]:
    """The account's traceroute tests, each with its own target (an admin never adds twice)."""
    shape = universe.account_shape(seed, account)
    tests: list[generator.TracerouteTestProfile] = []
    hosts: set[str] = set()
    for index in range(shape.tests):
        attempt = 0
        while True:
            key = (str(index),) if attempt == 0 else (str(index), f"redraw-{attempt}")
            test = generator.traceroute_test_profile(
                rng_for(seed, VENDOR, account, "test", *key), shape.intervals_min[index]
            )
            attempt += 1
            if test.host not in hosts or attempt > 20:
                break
        hosts.add(test.host)
        tests.append(test)
    return tuple(tests)


@lru_cache(maxsize=4096)  # bounded: a device profile is well under a KB
def account_device(seed: int, account: str, device_index: int) -> generator.DeviceProfile:
    """Device `device_index` of the account (a frozen profile, so sharing it is safe).

    Every run of a device draws the same profile, and drawing it (seeding its generator
    included) is about a third of generating a result: the catalog's accounts have a few hundred
    devices in all, so a walk over results draws each one once.
    """
    rng = rng_for(seed, VENDOR, account, "device", str(device_index))
    profile = generator.device_profile(rng)
    platform = universe.device_platform_extra(universe.account_shape(seed, account), device_index)
    if platform is None:
        return profile
    # A registry device beyond the traceroute runners (Linux, iOS): the same home network
    # model, its own platform and a name in that platform's style.
    return dataclasses.replace(profile, platform=platform, name=_extra_device_name(rng, platform))


def _extra_device_name(rng: random.Random, platform: str) -> str:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    handle = f"{first[0]}{last}".lower()
    if platform == "ios":
        # iOS names derive from the owner: "Maria's iPhone" -> "Marias-iPhone".
        return f"{first}s-{rng.choice(('iPhone', 'iPhone', 'iPad'))}"
    u = rng.random()
    if u < 0.4:
        return f"{handle}-{rng.choice(('ubuntu', 'fedora', 'debian', 'arch'))}"
    if u < 0.7:
        return f"{handle}-{rng.choice(('thinkpad', 'xps', 'framework'))}"
    return f"dev-ws-{rng.randrange(100, 1000)}"


def build_run(
    seed: int, ref: universe.RunRef, scenario: str | None = None
) -> tuple[generator.DeviceProfile, generator.TracerouteTestProfile, generator.PathRun]:
    """The device, test and traced path of one run: a pure function of (seed, ref, scenario).

    Under a scenario the run is the same run with the named condition applied; the condition
    draws from its own generator, keyed by (seed, scenario, run).
    """
    account = ref.account_id.lower()
    device_index = ref.run_index % universe.account_shape(seed, account).devices
    device = account_device(seed, account, device_index)
    test = account_tests(seed, account)[ref.test_index]
    # The run's stream: the account's keyed 64-bit value above the (test, run) position. Distinct
    # runs give distinct Mersenne Twister keys; it spares a string join and a hash per result.
    run_key = (_run_base(seed, account) << 32) | (ref.test_index << 24) | ref.run_index
    if scenario is None:
        run = generator.network_path(random.Random(run_key), device, test)
    else:
        condition = rng_for(
            seed, VENDOR, "scenario", scenario, account, str(ref.test_index), str(ref.run_index)
        )
        run = generator.network_path(
            random.Random(run_key), device, test, scenario=scenario, condition_rng=condition
        )
    return device, test, run


@lru_cache(maxsize=4096)
def _run_base(seed: int, account: str) -> int:
    return stable_int(seed, VENDOR, account, "runs")


def build_result(
    seed: int,
    epoch: datetime,
    ref: universe.RunRef,
    rid: str,
    scenario: str | None = None,
    *,
    started: int | None = None,
) -> dict[str, Any]:
    """The result object of one run, as GET .../network-path returns it (under `scenario`).

    `started`: the run's start (Unix seconds) when the caller has it (runs.run_time).
    """
    account = ref.account_id.lower()
    if started is None:
        shape = universe.account_shape(seed, account)
        started = shape.run_timestamp(int(epoch.timestamp()), ref.test_index, ref.run_index)
    device, test, run = build_run(seed, ref, scenario)
    return {
        "colo": run.colo,
        "deviceName": device.name,
        "execution_context": run.execution_context,
        "hops": run.hops,
        "resultId": rid,
        "testId": universe.test_id(seed, account, ref.test_index),
        "testName": test.name,
        "time_start": format_time_start(started),
        "tunnel_type": run.tunnel_type,
    }
