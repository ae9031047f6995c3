"""Shared pieces of the lifecycle tests: an in-process state, its services, request bodies."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from netpath_mock.core.settings import Settings
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog.ci import TestTrigger
from netpath_mock.vendors.datadog.clock import STEP_SECONDS
from netpath_mock.vendors.datadog.params import EXAMPLE_CONFIG
from netpath_mock.vendors.datadog.search import TestSearch
from netpath_mock.vendors.datadog.service import NetworkTestEditor, NetworkTestService
from netpath_mock.vendors.datadog.tests_v1 import TestsV1
from netpath_mock.vendors.datadog.versions import TestVersions

SEED = 1234
NOW = 1_796_000_000.0  # 2026-11-30: the real clock (rate limits only), a month past the epoch
V1_TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")

CREATE_ATTRIBUTES: dict[str, Any] = {
    "name": "Checkout API path",
    "type": "network",
    "subtype": "tcp",
    "message": "Path degraded @slack-netops",
    "locations": ["aws:us-east-1", "aws:eu-west-1"],
    "tags": ["team:netops", "env:prod"],
    "options": {"tick_every": 60, "monitor_options": {"renotify_interval": 120}},
    "config": copy.deepcopy(EXAMPLE_CONFIG),
}


def edit_body(**changes: Any) -> bytes:
    """A v2 create/update body: the attributes above with `changes` applied on top."""
    attributes = copy.deepcopy(CREATE_ATTRIBUTES)
    attributes.update(changes)
    return orjson.dumps({"data": {"type": "network", "attributes": attributes}})


def icmp_test(name: str, assertions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A v2 create document: an ICMP test of 9.9.9.9 from aws:eu-west-1 (`assertions`: none)."""
    return {
        "data": {
            "type": "network",
            "attributes": {
                "name": name,
                "type": "network",
                "subtype": "icmp",
                "message": "",
                "locations": ["aws:eu-west-1"],
                "options": {"tick_every": 300},
                "config": {
                    "request": {
                        "host": "9.9.9.9",
                        "max_ttl": 30,
                        "e2e_queries": 50,
                        "traceroute_queries": 3,
                    },
                    "assertions": assertions or [],
                },
            },
        }
    }


def assert_in_write_second(stamp: str, epoch: float, n: int) -> None:
    """`stamp` is a v1 timestamp inside the `n`-th write second of a session after `epoch`."""
    assert V1_TS.match(stamp), stamp
    at = datetime.fromisoformat(stamp).timestamp()
    second = epoch + n * STEP_SECONDS
    assert second <= at < second + 1, (stamp, n)


@dataclass
class World:
    """One in-process org: its state, a real clock (rate limits only), every operation object."""

    state: MockState
    clock: list[float]
    service: NetworkTestService
    editor: NetworkTestEditor
    v1: TestsV1
    search: TestSearch
    versions: TestVersions
    trigger: TestTrigger

    def session(self, name: str = "default") -> Session:
        return self.state.session(name)

    def write_second(self, n: int) -> float:
        """The second the `n`-th write request of a session happens in (the epoch + n steps)."""
        return self.state.settings.epoch.timestamp() + n * STEP_SECONDS

    def assert_written(self, stamp: str, n: int) -> None:
        """`stamp` is a v1 timestamp inside the session's `n`-th write second."""
        assert_in_write_second(stamp, self.state.settings.epoch.timestamp(), n)

    def create(self, session: Session, **changes: Any) -> str:
        body = orjson.loads(self.editor.create(session, edit_body(**changes)))
        public_id: str = body["data"]["id"]
        return public_id


def make_world(count: int = 40, fixtures: dict[str, Any] | None = None) -> World:
    settings = Settings(seed=SEED, datadog_test_count=count)
    clock = [NOW]
    now: Callable[[], float] = lambda: clock[0]  # noqa: E731
    state = MockState(
        settings,
        fixtures={"datadog": fixtures or {}},
        credentials=None,
        rate_limits={
            "cloudflare": (settings.cloudflare_rate_limit, False),
            "datadog": (settings.datadog_rate_limit, True),
        },
        clock=now,
    )
    return World(
        state,
        clock,
        state.service(NetworkTestService),
        state.service(NetworkTestEditor),
        state.service(TestsV1),
        state.service(TestSearch),
        state.service(TestVersions),
        state.service(TestTrigger),
    )
