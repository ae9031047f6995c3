"""The tests the analytics read: the device DEX test definitions, with their run history.

`definitions` is the one source of an account's tests (seeded ones and each session's writes):
names, hosts, intervals, descriptions, times and targeting. This module turns a definition into
the TestConfig the analytics aggregate: the universe test whose runs are its history (None for a
created test, or one edited into another kind or host: no runs), the HTTP page model of an HTTP
test, and its configuration in the overview's field names, so tests/overview and
devices/dex_tests list the same tests with the same fields (universe doc C1, C18, C19).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import definitions, http_tests
from netpath_mock.vendors.cloudflare.bodies import rfc3339_us
from netpath_mock.vendors.cloudflare.stores import peek_state

TRACEROUTE = "traceroute"
HTTP = "http"


@dataclass(frozen=True, slots=True)
class TestConfig:
    """One configured DEX test (traceroute or HTTP) and where its runs come from."""

    __test__ = False  # not a pytest class

    # The universe test whose runs are this test's history; None for a test without history
    # (created in a session, or edited into another kind or host).
    index: int | None
    test_id: str
    name: str
    kind: str  # "traceroute" | "http"
    host: str  # an IP or host name (traceroute), a URL (http)
    interval_s: int
    description: str
    enabled: bool
    created: str
    updated: str
    target: http_tests.HttpTarget | None = None  # the page model of an HTTP test with history
    policies: tuple[tuple[str, str], ...] = ()  # (rule id, rule name) of its target policies

    @property
    def interval_min(self) -> int:
        """The configured interval in minutes."""
        return self.interval_s // 60

    @property
    def interval(self) -> str:
        """The wire interval, '0h30m0s'."""
        return definitions.format_interval(self.interval_s)

    def targeting(self) -> dict[str, Any]:
        """`target_policies` and `targeted`, as devices/dex_tests shows them."""
        return definitions.targeting(self.policies)

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


def config_of(test: definitions.TestDef, rules: dict[str, str]) -> TestConfig:
    """The TestConfig of a definition; `rules` maps live rule ids to their names."""
    target = http_tests.target_for_url(test.host) if test.kind == HTTP else None
    index = test.history_index
    if test.kind == HTTP and target is None:
        index = None  # a page the timing model does not know has no runs
    return TestConfig(
        index=index,
        test_id=test.test_id,
        name=test.name,
        kind=test.kind,
        host=test.host,
        interval_s=test.interval_s,
        description=test.description,
        enabled=test.enabled,
        created=rfc3339_us(test.created_us),
        updated=rfc3339_us(test.updated_us),
        target=target,
        policies=tuple((r, rules[r]) for r in test.target_policies if r in rules),
    )


@lru_cache(maxsize=1024)  # bounded: ten small objects per account
def seeded_tests(seed: int, account_id: str, epoch: int) -> tuple[TestConfig, ...]:
    """The account's seeded tests in universe order (`epoch`: the universe's now, Unix s)."""
    account = account_id.lower()
    when = datetime.fromtimestamp(epoch, UTC)
    rules = {r.rule_id: r.name for r in definitions.seeded_rules(seed, account, when)}
    return tuple(config_of(t, rules) for t in definitions.seeded_tests(seed, account, when))


def account_tests_view(
    state: MockState, session: Session | None, account_id: str, epoch: int
) -> tuple[TestConfig, ...]:
    """The account's tests as `session` sees them: THE list every analytics operation reads.

    Without a session (service-level callers) or writes, the seeded tests (cached).
    """
    account = account_id.lower()
    dex = peek_state(session) if session is not None else None
    if session is None or dex is None or dex.edits(account) is None:
        return seeded_tests(state.seed, account, epoch)  # the session never wrote here
    rules = {r.rule_id: r.name for r in definitions.session_rules(state, session, account)}
    return tuple(config_of(t, rules) for t in definitions.session_tests(state, session, account))
