"""The configuration of an account's seeded DEX tests: what dex_tests and tests/overview list.

Test `i` of an account is the universe's test `i` (universe.account_shape): traceroute tests take
their target and name from the path model's test profile (the one their results were traced
with), HTTP tests one of http_tests.HTTP_TARGETS. Intervals are the universe's run cadence, so
the configuration and the runs agree. Every seeded test was created weeks before the epoch,
before the 7 days of retained results, and is enabled and untargeted (it runs on every device
whose platform supports its kind).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from netpath_mock.core.seeding import rng_for
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import http_tests, service, universe

VENDOR = universe.VENDOR
TRACEROUTE = "traceroute"
HTTP = "http"
_DESCRIPTIONS = (
    "",
    "",
    "Synthetic check from every managed device",
    "Baseline path for the helpdesk dashboard",
    "Tracks the SaaS experience of remote staff",
)


def format_interval(minutes: int) -> str:
    """DEX's Go-style duration, as answers carry it: 30 -> '0h30m0s', 60 -> '1h0m0s'."""
    return f"{minutes // 60}h{minutes % 60}m0s"


def format_rfc3339_micro(timestamp: float) -> str:
    """RFC 3339 UTC, Go-style trimmed fraction, as dex-test `created` (`...T22:42:49.86329Z`)."""
    whole = int(timestamp)
    micros = round((timestamp - whole) * 1_000_000)
    if micros >= 1_000_000:
        whole, micros = whole + 1, micros - 1_000_000
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
    fraction = f"{micros:06d}".rstrip("0")
    return f"{text}.{fraction}Z" if fraction else f"{text}Z"


@dataclass(frozen=True, slots=True)
class TestConfig:
    """One configured DEX test (traceroute or HTTP)."""

    __test__ = False  # not a pytest class

    # The universe test whose runs are this test's history; None for a test without history
    # (created in a session, or edited into another kind or host).
    index: int | None
    test_id: str
    name: str
    kind: str  # "traceroute" | "http"
    host: str  # an IP or host name (traceroute), a URL (http)
    interval_min: int
    description: str
    enabled: bool
    created: str
    updated: str
    target: http_tests.HttpTarget | None = None  # HTTP tests only

    @property
    def interval(self) -> str:
        """The wire interval, '0h30m0s'."""
        return format_interval(self.interval_min)

    @property
    def method(self) -> str | None:
        """Always GET for HTTP tests (universe doc §3.1), absent for traceroute."""
        return "GET" if self.kind == HTTP else None

    def overview_fields(self) -> dict[str, Any]:
        """The configuration part of a tests/overview item, in the contract's field names."""
        fields: dict[str, Any] = {
            "id": self.test_id,
            "name": self.name,
            "kind": self.kind,
            "interval": self.interval,
            "enabled": self.enabled,
            "description": self.description,
            "created": self.created,
            "updated": self.updated,
            "host": self.host,
        }
        if self.kind == HTTP:
            fields["method"] = "GET"
        fields.update(self.targeting())
        return fields

    def targeting(self) -> dict[str, Any]:
        """`target_policies` and `targeted`: seeded tests are untargeted (every device)."""
        return {"target_policies": [], "targeted": False}


@lru_cache(maxsize=1024)  # bounded: ten small objects per account
def seeded_tests(seed: int, account_id: str, epoch: int) -> tuple[TestConfig, ...]:
    """The account's tests in creation order (`epoch`: the universe's now, Unix seconds)."""
    account = account_id.lower()
    shape = universe.account_shape(seed, account)
    traced = service.account_tests(seed, account)
    rng = rng_for(seed, VENDOR, account, "test-config")
    # Created 5-11 weeks ago, a day or three apart; any edit also predates the retained week,
    # so every retained run saw today's configuration.
    cutoff = epoch - int((universe.RETENTION + timedelta(days=1)).total_seconds())
    created_at = float(epoch - rng.randrange(35, 78) * 86_400 + rng.randrange(86_400))
    chosen: set[str] = set()
    configs: list[TestConfig] = []
    for index in range(shape.test_count):
        created_at = min(created_at + rng.uniform(0.5, 3.0) * 86_400, float(cutoff - 3_600))
        created_at = int(created_at) + rng.randrange(1_000_000) / 1_000_000
        updated_at = created_at
        if rng.random() < 0.4:
            updated_at = min(created_at + rng.uniform(600, 5 * 86_400), float(cutoff))
        target: http_tests.HttpTarget | None = None
        if shape.kind(index) == TRACEROUTE:
            name, host = traced[index].name, traced[index].host
        else:
            target = _pick_target(seed, account, index, chosen)
            name, host = target.name, target.url
        chosen.add(name)
        configs.append(
            TestConfig(
                index=index,
                test_id=universe.test_id(seed, account, index),
                name=name,
                kind=shape.kind(index),
                host=host,
                interval_min=shape.interval_min(index),
                description=rng.choice(_DESCRIPTIONS),
                enabled=True,
                created=format_rfc3339_micro(created_at),
                updated=format_rfc3339_micro(updated_at),
                target=target,
            )
        )
    return tuple(configs)


def account_tests_view(
    state: MockState, session: Session | None, account_id: str, epoch: int
) -> tuple[TestConfig, ...]:
    """The account's tests as `session` sees them: THE list every analytics operation reads.

    Today the seeded tests; the dex_tests writes (a session overlay) plug in here, so
    tests/overview lists, and the per-test operations resolve, the session's tests.
    """
    return seeded_tests(state.seed, account_id.lower(), epoch)


def _pick_target(seed: int, account: str, index: int, taken: set[str]) -> http_tests.HttpTarget:
    rng = rng_for(seed, VENDOR, account, "http-test", str(index))
    for _ in range(50):
        target = rng.choices(http_tests.HTTP_TARGETS, http_tests.HTTP_TARGET_WEIGHTS)[0]
        if target.name not in taken:
            return target
    return next(t for t in http_tests.HTTP_TARGETS if t.name not in taken)
