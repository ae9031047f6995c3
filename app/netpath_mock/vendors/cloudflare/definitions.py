"""Device DEX test and DEX rule definitions: the seeded ones, and each session's view of them.

The generated world's tests ARE the device DEX tests: test i of an account is
universe.test_id(seed, account, i), of kind universe.account_shape(...).kind(i), with the
interval its runs follow (interval_min(i)); traceroute tests take service.account_tests(...)[i]'s
name and host, HTTP tests a SaaS page of http_tests (whose timings the analytics model). Each
account also has 1-3 seeded DEX rules; in the docs' account rule 0 carries the SDK's placeholder id.

`session_tests` / `session_rules` overlay a session's creates, updates and deletes on those. They
are the one source every operation should read tests and rules from (devices/dex_tests, rules,
tests/overview and the per-test analytics), so a write shows everywhere at once. Targeting is
never stored twice: a test stores the rule ids it targets; `target_policies[].name`, `targeted`
and a rule's `targeted_tests` are derived on every read, and a deleted rule drops out of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from netpath_mock.core import codec
from netpath_mock.core.seeding import rng_for, stable_digest
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import universe
from netpath_mock.vendors.cloudflare.bodies import postgres_time, rfc3339_us
from netpath_mock.vendors.cloudflare.errors import RESULT_NOT_FOUND
from netpath_mock.vendors.cloudflare.http_tests import account_http_targets
from netpath_mock.vendors.cloudflare.service import account_tests
from netpath_mock.vendors.cloudflare.stores import US, peek_state, uuid_from

VENDOR = universe.VENDOR
DOC_RULE_ID = universe.DOC_RESULT_ID  # the SDK tests' rule_id placeholder
DAY_US = 86_400 * US


@dataclass(frozen=True, slots=True)
class TestDef:
    """One device DEX test's configuration.

    `history_index` is the universe test whose generated runs are this test's results: the
    test's own index while its kind and host are unchanged, None for a created test or once an
    update changed what it measures (it then has no history, as a new test).
    """

    test_id: str
    name: str
    description: str
    interval_s: int
    enabled: bool
    kind: str  # "traceroute" | "http"
    host: str
    target_policies: tuple[str, ...]  # DEX rule ids, in the order given
    created_us: int
    updated_us: int
    history_index: int | None

    __test__ = False  # not a pytest test class, despite the name

    @property
    def method(self) -> str | None:
        """`data.method`: always GET for http, absent for traceroute (CAS)."""
        return "GET" if self.kind == "http" else None

    @property
    def interval(self) -> str:
        """The interval as the API writes it: '0h30m0s' (CAS)."""
        return format_interval(self.interval_s)

    def data(self) -> dict[str, str]:
        """The `data` object."""
        data = {"host": self.host, "kind": self.kind}
        if self.kind == "http":
            data["method"] = "GET"
        return data


@dataclass(frozen=True, slots=True)
class RuleDef:
    """One DEX rule: a named wirefilter expression that test targeting refers to."""

    rule_id: str
    name: str
    match: str
    description: str
    created_us: int
    updated_us: int


codec.register(TestDef)
codec.register(RuleDef)


def format_interval(seconds: int) -> str:
    """'0h30m0s' form: hours, minutes and seconds always present."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes}m{secs}s"


# --- the seeded world ---------------------------------------------------------------------

_RULE_NAMES = (
    "All managed laptops", "Engineering", "Support staff", "Remote workers", "Executives",
    "Windows fleet", "macOS fleet", "Contractors", "Sales team", "IT pilot group",
)  # fmt: skip
_RULE_MATCH_FORMS = (
    'group_policy_id == "{uuid}"',  # the form Terraform's acceptance tests use (TF)
    'identity.groups.name[*] in {{"{group}"}}',
    'os.name == "{os}"',
)
_GROUPS = ("engineering", "support", "sales", "it-admins", "contractors", "finance")
_OSES = ("windows", "mac", "linux")
_DESCRIPTIONS = (
    "",
    "Baseline reachability check",
    "Monitors the path to a critical SaaS app",
    "Checks the endpoint every interval from every targeted device",
)


@lru_cache(maxsize=256)  # bounded: a few rules per account
def _relative_rules(seed: int, account: str) -> tuple[RuleDef, ...]:
    # Timestamps relative to an epoch of 0; seeded_rules shifts them to the settings' epoch.
    rng = rng_for(seed, VENDOR, account, "rules")
    count = 1 + rng.randrange(3)
    names = rng.sample(_RULE_NAMES, count)
    rules = []
    for index, name in enumerate(names):
        form = rng.choice(_RULE_MATCH_FORMS)
        match = form.format(
            uuid=uuid_from(stable_digest(seed, VENDOR, account, "group-policy", str(index))),
            group=rng.choice(_GROUPS),
            os=rng.choice(_OSES),
        )
        created = -rng.randrange(30, 400) * DAY_US - rng.randrange(86_400) * US
        updated = created + (rng.randrange(0, 20) * DAY_US if rng.random() < 0.5 else 0)
        is_doc = index == 0 and account == universe.DOC_ACCOUNT_ID
        rule_id = (
            DOC_RULE_ID
            if is_doc
            else uuid_from(stable_digest(seed, VENDOR, account, "rule", str(index)))
        )
        description = rng.choice(("", f"Devices matching {name.lower()}"))
        rules.append(RuleDef(rule_id, name, match, description, created, updated))
    return tuple(rules)


@lru_cache(maxsize=256)  # bounded: an account has at most 9 seeded tests
def _relative_tests(seed: int, account: str) -> tuple[TestDef, ...]:
    # Timestamps relative to an epoch of 0; seeded_tests shifts them to the settings' epoch.
    shape = universe.account_shape(seed, account)
    profiles = account_tests(seed, account)
    rules = _relative_rules(seed, account)
    # HTTP tests fetch the SaaS pages whose timings the analytics model (http_tests).
    http_targets = account_http_targets(seed, account)
    tests = []
    for index in range(shape.test_count):
        rng = rng_for(seed, VENDOR, account, "dex-test", str(index))
        kind = shape.kind(index)
        if kind == "traceroute":
            name, host = profiles[index].name, profiles[index].host
        else:
            target = http_targets[index - shape.tests]
            name, host = target.name, target.url
        # Every seeded test has run for the whole retention: created before it, last edited
        # (if at all) before it too, so the generated runs describe the current config.
        created = -universe.RETENTION.days * DAY_US - rng.randrange(1, 180) * DAY_US
        created -= rng.randrange(86_400 * US)
        edited = rng.random() < 0.4
        updated = created + rng.randrange(DAY_US) if edited else created
        targets: tuple[str, ...] = ()
        doc_target = account == universe.DOC_ACCOUNT_ID and index == 1
        if doc_target or rng.random() < 0.3:
            targets = (rules[0 if doc_target else rng.randrange(len(rules))].rule_id,)
        tests.append(
            TestDef(
                test_id=universe.test_id(seed, account, index),
                name=name,
                description=rng.choice(_DESCRIPTIONS),
                interval_s=shape.interval_min(index) * 60,
                enabled=True,
                kind=kind,
                host=host,
                target_policies=targets,
                created_us=created,
                updated_us=updated,
                history_index=index,
            )
        )
    return tuple(tests)


def seeded_tests(seed: int, account: str, epoch: datetime) -> tuple[TestDef, ...]:
    """The account's seeded device DEX tests, in universe order."""
    return _shift_tests(seed, account.lower(), int(epoch.timestamp()) * US)


@lru_cache(maxsize=256)
def _shift_tests(seed: int, account: str, epoch_us: int) -> tuple[TestDef, ...]:
    return tuple(
        replace(t, created_us=t.created_us + epoch_us, updated_us=t.updated_us + epoch_us)
        for t in _relative_tests(seed, account)
    )


def seeded_rules(seed: int, account: str, epoch: datetime) -> tuple[RuleDef, ...]:
    """The account's seeded DEX rules, timestamps relative to `epoch`."""
    return _shift_rules(seed, account.lower(), int(epoch.timestamp()) * US)


@lru_cache(maxsize=256)
def _shift_rules(seed: int, account: str, epoch_us: int) -> tuple[RuleDef, ...]:
    return tuple(
        replace(r, created_us=r.created_us + epoch_us, updated_us=r.updated_us + epoch_us)
        for r in _relative_rules(seed, account)
    )


# --- session views ------------------------------------------------------------------------


def _overlay(generated: tuple[Any, ...], edits: dict[str, Any] | None, key: str) -> list[Any]:
    if not edits:
        return list(generated)
    out = []
    seen = set()
    for item in generated:
        ident = getattr(item, key)
        seen.add(ident)
        current = edits.get(ident, item)
        if current is not None:
            out.append(current)
    out.extend(item for ident, item in edits.items() if ident not in seen and item is not None)
    return out


def session_rules(state: MockState, session: Session, account_id: str) -> list[RuleDef]:
    """The account's DEX rules as `session` sees them: seeded ones, then created ones."""
    account = account_id.lower()
    seeded = seeded_rules(state.seed, account, state.settings.epoch)
    dex = peek_state(session)
    edits = dex.edits(account) if dex is not None else None
    return _overlay(seeded, edits.rules if edits is not None else None, "rule_id")


def session_tests(state: MockState, session: Session, account_id: str) -> list[TestDef]:
    """The account's device DEX tests as `session` sees them: seeded ones, then created ones.

    This is the function tests/overview and the test analytics should list and resolve tests
    through: a created test is here at once (history_index None: no runs), an updated one shows
    its new fields, a deleted one is absent. Target policies naming a rule the session deleted
    are dropped here, so every reader sees the same targeting.
    """
    account = account_id.lower()
    generated = seeded_tests(state.seed, account, state.settings.epoch)
    dex = peek_state(session)
    edits = dex.edits(account) if dex is not None else None
    tests = _overlay(generated, edits.tests if edits is not None else None, "test_id")
    if edits is None:
        return tests
    live = {rule.rule_id for rule in session_rules(state, session, account)}
    return [_without_dead_rules(t, live) for t in tests]


def _without_dead_rules(test: TestDef, live: set[str]) -> TestDef:
    kept = tuple(r for r in test.target_policies if r in live)
    if kept == test.target_policies:
        return test
    return replace(test, target_policies=kept)


def session_test(
    state: MockState, session: Session, account_id: str, test_id: str
) -> TestDef | None:
    """One test of the session's view by id (case-insensitive), or None (unknown or deleted)."""
    wanted = test_id.lower()
    return next((t for t in session_tests(state, session, account_id) if t.test_id == wanted), None)


def _test_edits(session: Session, account_id: str) -> dict[str, Any] | None:
    """The session's test edits in the account, or None when it has none (reads stay free)."""
    dex = peek_state(session)
    if dex is None or not dex.accounts:
        return None  # the usual case: a session that never wrote
    edits = dex.edits(account_id.lower())
    return edits.tests if edits is not None and edits.tests else None


def _seeded_edits(
    state: MockState, account: str, edits: dict[str, Any]
) -> Iterator[tuple[TestDef, TestDef | None]]:
    """Each seeded test the session edited, with its current definition (None: deleted)."""
    for test in seeded_tests(state.seed, account, state.settings.epoch):
        if test.test_id in edits:
            yield test, edits[test.test_id]


def _history_lost(seeded: TestDef, current: TestDef | None) -> bool:
    """Whether an edit took a seeded test's runs away: deleted, or now another kind or host."""
    return current is None or current.history_index != seeded.history_index


def hidden_histories(state: MockState, session: Session, account_id: str) -> frozenset[int]:
    """Universe test indices whose generated runs `session` no longer shows.

    The seeded tests the session deleted, or updated into another kind or host (such a test
    has no history: its old results are gone). Empty, with no work done, for a session that
    never edited the account's tests; readers of runs (devices/{id}/isps) skip these.
    """
    edits = _test_edits(session, account_id)
    if edits is None:
        return frozenset()
    return frozenset(
        seeded.history_index
        for seeded, current in _seeded_edits(state, account_id.lower(), edits)
        if seeded.history_index is not None and _history_lost(seeded, current)
    )


def result_view(
    state: MockState, session: Session, account_id: str
) -> Callable[[dict[str, Any]], dict[str, Any]] | None:
    """How `session` sees a traceroute result object of `account_id`; None: unchanged.

    None (the shared, cached bodies) unless the session edited the account's tests. Otherwise a
    function that raises the result's 404 for a run of a test the session deleted or changed
    into another kind or host (it has no history), and shows a renamed test's new name.
    """
    edits = _test_edits(session, account_id)
    if edits is None:
        return None
    gone: set[str] = set()
    names: dict[str, str] = {}  # the current name of each edited test that kept its history
    for seeded, current in _seeded_edits(state, account_id.lower(), edits):
        if _history_lost(seeded, current):
            gone.add(seeded.test_id)
        elif current is not None:  # (always: a kept history has a current definition)
            names[seeded.test_id] = current.name

    def view(result: dict[str, Any]) -> dict[str, Any]:
        test_id = str(result.get("testId", "")).lower()
        if test_id in gone:
            raise RESULT_NOT_FOUND.error()
        name = names.get(test_id)
        if name is None or name == result.get("testName"):
            return result  # not an edited seeded test, or not renamed
        return {**result, "testName": name}

    return view


# --- wire forms ---------------------------------------------------------------------------


def targeting(policies: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`target_policies` and `targeted` of a test targeting these (rule id, rule name) pairs.

    The one wire form of targeting: devices/dex_tests, tests/overview and the test details.
    """
    listed = [{"default": False, "id": rule_id, "name": name} for rule_id, name in policies]
    return {"target_policies": listed, "targeted": bool(listed)}


def test_wire(test: TestDef, rules: dict[str, RuleDef]) -> dict[str, Any]:
    """The device-dex-test object (SchemaHTTP), keys as recorded (CAS)."""
    return {
        "created": rfc3339_us(test.created_us),
        "data": test.data(),
        "description": test.description,
        "enabled": test.enabled,
        "interval": test.interval,
        "name": test.name,
        **targeting((r, rules[r].name) for r in test.target_policies if r in rules),
        "test_id": test.test_id,
        "updated": rfc3339_us(test.updated_us),
    }


def rule_wire(rule: RuleDef, tests: list[TestDef]) -> dict[str, Any]:
    """The dex-rule object with its current targeted_tests."""
    targeted = [
        {"data": t.data(), "enabled": t.enabled, "name": t.name, "test_id": t.test_id}
        for t in tests
        if rule.rule_id in t.target_policies
    ]
    return {
        "created_at": postgres_time(rule.created_us),
        "description": rule.description,
        "id": rule.rule_id,
        "match": rule.match,
        "name": rule.name,
        "targeted_tests": targeted,
        "updated_at": postgres_time(rule.updated_us),
    }
