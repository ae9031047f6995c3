"""Device DEX tests (`/dex/devices/dex_tests`): create, list, get, update and delete per session.

Validation (all 400 in Cloudflare's failure envelope; codes in bodies.py):
- `name` (string, 1-255 characters, unique in the account: the contract says "Must be
  unique"), `interval` (a Go duration such as "30m", "0.5h" or "0h30m0s", 5 to 60 minutes in
  whole seconds: the dashboard's range), `enabled` (boolean) and `data` (object) are required;
- `data.kind` is "http" or "traceroute"; `data.host` is an http(s) URL for http and an IP
  address or hostname for traceroute; `data.method`, when given, is "GET" (it is dropped for
  traceroute tests, whose answers never carry it);
- `description` is a string (at most 1024 characters, default "");
- `target_policies` is an array of objects whose `id` names a DEX rule of the account; the
  `name` and `default` a client sends are read-only and replaced by the rule's own;
- `targeted`, `test_id`, `created` and `updated` are read-only: ignored when well typed;
- an account holds at most 10 tests (Cloudflare One account limits).

PUT replaces the whole configuration: `created` stays, `updated` moves. Changing `data.kind`
or `data.host` is allowed (the contract does not forbid it), but the test then starts over
without history, as a new one would.
"""

from __future__ import annotations

import ipaddress
import re
from fractions import Fraction
from typing import Any
from urllib.parse import urlsplit

from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import stable_int
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import bodies, errors
from netpath_mock.vendors.cloudflare.bodies import characters, invalid, missing, typed
from netpath_mock.vendors.cloudflare.definitions import (
    TestDef,
    seeded_tests,
    session_rules,
    session_test,
    session_tests,
    test_wire,
)
from netpath_mock.vendors.cloudflare.stores import US, dex_state

VENDOR = "cloudflare"
MAX_TESTS = 10  # per account (cloudflare-docs account-limits.mdx)
MIN_INTERVAL_S = 5 * 60  # the dashboard offers 5 to 60 minutes (docs tests/*.mdx)
MAX_INTERVAL_S = 60 * 60
MAX_NAME = 255
MAX_DESCRIPTION = 1024
MAX_HOST = 2048
MAX_TARGET_POLICIES = 50
KINDS = ("http", "traceroute")

# Go's time.ParseDuration grammar: an optional sign, then one or more decimal numbers (with an
# optional fraction) each with a unit; "0" alone is zero. The contract notes: "Normalise any
# Go-style duration to XhYmZs" (universe doc §3.1).
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_DURATION = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+")
_UNIT_NS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC Greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def parse_duration_ns(text: str) -> int | None:
    """Nanoseconds of a Go duration string ("30m", "0.5h", "1h30m", "0h30m0s"), or None."""
    text = text.strip()
    if text in ("0", "+0", "-0"):
        return 0
    if len(text) > 64 or not _DURATION.fullmatch(text):
        return None
    total = Fraction(0)
    for number, unit in _DURATION_PART.findall(text):
        total += Fraction(number) * _UNIT_NS[unit]
    nanos = int(total)  # Go truncates fractions of a nanosecond
    return -nanos if text.startswith("-") else nanos


def parse_interval(value: str) -> int:
    """Seconds of a Go-style duration ("30m", "0.5h", "1h30m", "0h30m0s"); 5-60 minutes."""
    nanos = parse_duration_ns(value)
    if nanos is None:
        invalid("interval", 'must be a duration such as "30m", "0.5h" or "0h30m0s"')
    if not MIN_INTERVAL_S * 10**9 <= nanos <= MAX_INTERVAL_S * 10**9:
        invalid("interval", "must be between 5 and 60 minutes")
    if nanos % 10**9:
        # Answers write the interval as whole hours, minutes and seconds ("0h30m0s").
        invalid("interval", "must be a whole number of seconds")
    return nanos // 10**9


def _valid_hostname(host: str) -> bool:
    labels = host.rstrip(".").split(".")
    return 0 < len(host) <= 253 and all(_HOST_LABEL.match(label) for label in labels)


def parse_host(kind: str, host: str) -> str:
    """`data.host` checked against the kind: a URL for http, an IP or hostname for traceroute."""
    if len(host) > MAX_HOST:
        invalid("data.host", f"must be at most {characters(MAX_HOST)}")
    if kind == "http":
        try:
            parts = urlsplit(host)
            hostname = parts.hostname
        except ValueError:
            hostname = None
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not hostname or " " in host:
            invalid("data.host", "must be an http or https URL for http tests")
        return host
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _valid_hostname(host):
            invalid("data.host", "must be an IP address or hostname for traceroute tests")
    return host


class TestFields:
    """What a create or update body sets, after validation."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        name: str,
        description: str,
        interval_s: int,
        enabled: bool,
        kind: str,
        host: str,
        target_policies: tuple[str, ...],
    ) -> None:
        self.name = name
        self.description = description
        self.interval_s = interval_s
        self.enabled = enabled
        self.kind = kind
        self.host = host
        self.target_policies = target_policies

    def definition(
        self, test_id: str, created_us: int, updated_us: int, history_index: int | None
    ) -> TestDef:
        """The test these fields configure (a created one, or an update of `test_id`)."""
        return TestDef(
            test_id=test_id,
            name=self.name,
            description=self.description,
            interval_s=self.interval_s,
            enabled=self.enabled,
            kind=self.kind,
            host=self.host,
            target_policies=self.target_policies,
            created_us=created_us,
            updated_us=updated_us,
            history_index=history_index,
        )


def parse_test_body(raw: bytes, rule_ids: set[str]) -> TestFields:
    """Validate a create/update body; `rule_ids` are the account's DEX rules."""
    body = bodies.parse_object(raw)
    name = bodies.text(body, "name", required=True, max_len=MAX_NAME, min_len=1)
    interval_text = typed(body, "interval", str, "", required=True)
    enabled = typed(body, "enabled", bool, "", required=True)
    data = typed(body, "data", dict, "", required=True)
    kind = typed(data, "kind", str, "data.", required=True)
    if kind not in KINDS:
        invalid("data.kind", "must be one of http, traceroute")
    host_text = typed(data, "host", str, "data.", required=True)
    host = host_text.strip()
    if not host:
        missing("data.host")
    method = typed(data, "method", str, "data.", required=False)
    if method is not None and method != "GET":
        invalid("data.method", "must be GET")
    description = bodies.text(body, "description", required=False, max_len=MAX_DESCRIPTION)
    for read_only, kind_of in (
        ("targeted", bool),
        ("test_id", str),
        ("created", str),
        ("updated", str),
    ):
        typed(body, read_only, kind_of, "", required=False)
    targets = _parse_target_policies(body, rule_ids)
    assert name is not None  # required
    return TestFields(
        name=name,
        description=description or "",
        interval_s=parse_interval(interval_text),
        enabled=enabled,
        kind=kind,
        host=parse_host(kind, host),
        target_policies=targets,
    )


def _parse_target_policies(body: dict[str, Any], rule_ids: set[str]) -> tuple[str, ...]:
    policies = typed(body, "target_policies", list, "", required=False)
    if policies is None:
        return ()
    if len(policies) > MAX_TARGET_POLICIES:
        invalid("target_policies", f"must hold at most {MAX_TARGET_POLICIES} items")
    ids: list[str] = []
    for position, policy in enumerate(policies):
        where = f"target_policies[{position}]."
        if not isinstance(policy, dict):
            invalid(f"target_policies[{position}]", "must be an object")
        rule_id = typed(policy, "id", str, where, required=True)
        typed(policy, "default", bool, where, required=False)
        typed(policy, "name", str, where, required=False)
        if not bodies.is_uuid(rule_id):
            raise BadRequest(
                f"dex.api.parameter.missing: {where}id must be a DEX rule id (a UUID)",
                code=bodies.MISSING,
            )
        rule_id = rule_id.lower()
        if rule_id not in rule_ids:
            invalid(f"{where}id", "names no DEX rule of this account")
        if rule_id not in ids:
            ids.append(rule_id)
    return tuple(ids)


class DexTestService:
    """The five device DEX test operations; every answer is the serialized envelope."""

    def __init__(self, state: MockState) -> None:
        self.state = state

    def _rules(self, session: Session, account: str) -> dict[str, Any]:
        return {r.rule_id: r for r in session_rules(self.state, session, account)}

    def _wire(self, session: Session, account: str, tests: list[TestDef]) -> list[dict[str, Any]]:
        rules = self._rules(session, account)
        return [test_wire(t, rules) for t in tests]

    def _stamp(self, session: Session, test_id: str) -> int:
        dex = dex_state(session)
        # A sub-second part keyed by (test, tick), as real stamps carry microseconds.
        fraction = stable_int(self.state.seed, VENDOR, "stamp", test_id, str(dex.ticks)) % US
        return dex.now_us(self.state.settings.epoch) + fraction

    def _check_name(self, tests: list[TestDef], name: str, test_id: str | None) -> None:
        if any(t.name == name and t.test_id != test_id for t in tests):
            raise BadRequest(
                f"dex.api.tests.duplicate_name: name {name!r} is already used by another DEX "
                "test of this account; it must be unique",
                code=bodies.DUPLICATE_NAME,
            )

    def create(self, session: Session, account_id: str, raw: bytes) -> bytes:
        """POST devices/dex_tests: store a new test and answer it."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        fields = parse_test_body(raw, set(self._rules(session, account)))
        tests = session_tests(self.state, session, account)
        self._check_name(tests, fields.name, None)
        if len(tests) >= MAX_TESTS:
            raise errors.TESTS_LIMIT.error()
        test_id = dex.new_id(self.state.seed, "dex-test", account)
        stamp = self._stamp(session, test_id)
        test = fields.definition(test_id, stamp, stamp, history_index=None)
        return bodies.ok(self._store(session, account, test))

    def _store(self, session: Session, account: str, test: TestDef) -> dict[str, Any]:
        dex = dex_state(session)
        wire = test_wire(test, self._rules(session, account))
        dex.put(account, "test", test.test_id, test, len(bodies.dumps(wire)))
        return wire

    def list_all(
        self,
        session: Session,
        account_id: str,
        *,
        page: int = 1,
        per_page: int = 10,
        name: str | None = None,
        kind: str | None = None,
    ) -> bytes:
        """GET devices/dex_tests: one page of the account's tests (contract shape, §2 quirk 3).

        `name` (testName) matches a test's name exactly; `kind` its kind.
        """
        account = account_id.lower()
        dex_state(session).tick()
        tests = [
            t
            for t in session_tests(self.state, session, account)
            if (name is None or t.name == name) and (kind is None or t.kind == kind)
        ]
        chunk, info = bodies.page_of(tests, page, per_page)
        return bodies.ok(self._wire(session, account, chunk), info)

    def _find(self, session: Session, account: str, test_id: str) -> TestDef:
        test = session_test(self.state, session, account, bodies.canonical_uuid(test_id))
        if test is None:
            bodies.not_found(errors.DEX_TEST_NOT_FOUND)
        return test

    def get(self, session: Session, account_id: str, test_id: str) -> bytes:
        """GET devices/dex_tests/{id}."""
        account = account_id.lower()
        dex_state(session).tick()
        test = self._find(session, account, test_id)
        return bodies.ok(self._wire(session, account, [test])[0])

    def update(self, session: Session, account_id: str, test_id: str, raw: bytes) -> bytes:
        """PUT devices/dex_tests/{id}: replace the configuration; `updated` moves."""
        account = account_id.lower()
        dex_state(session).tick()
        current = self._find(session, account, test_id)
        fields = parse_test_body(raw, set(self._rules(session, account)))
        self._check_name(session_tests(self.state, session, account), fields.name, current.test_id)
        same_target = fields.kind == current.kind and fields.host == current.host
        test = fields.definition(
            current.test_id,
            current.created_us,
            self._stamp(session, current.test_id),
            history_index=current.history_index if same_target else None,
        )
        return bodies.ok(self._store(session, account, test))

    def delete(self, session: Session, account_id: str, test_id: str) -> bytes:
        """DELETE devices/dex_tests/{id}: answers the remaining tests (GO0, SDK)."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        test = self._find(session, account, test_id)
        seeded = seeded_tests(self.state.seed, account, self.state.settings.epoch)
        dex.remove(
            account, "test", test.test_id, seeded=any(t.test_id == test.test_id for t in seeded)
        )
        remaining = session_tests(self.state, session, account)
        return bodies.ok({"dex_tests": self._wire(session, account, remaining)})
