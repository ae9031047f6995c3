"""DEX rules (`/dex/rules`): create, list, get, patch and delete per session.

Validation (400, codes in bodies.py): `name` (1-255 characters) and `match` (1-4096
characters) are required strings on create; `description` is an optional string (at most 1024
characters). PATCH takes any subset of the three, each checked the same way. The wirefilter
syntax of `match` is not checked: no public grammar of DEX selectors exists, and Cloudflare's own
SDK examples send `match: "match"`.

A rule's `targeted_tests` are derived from the tests that target it (definitions.py). Deleting a
rule removes it from those tests' `target_policies` (a test left with none is untargeted); the
answer is `result: true`.
"""

from __future__ import annotations

from typing import Any

from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import bodies, errors
from netpath_mock.vendors.cloudflare.definitions import (
    RuleDef,
    rule_wire,
    seeded_rules,
    session_rules,
    session_tests,
)
from netpath_mock.vendors.cloudflare.stores import US, dex_state

MAX_NAME = 255
MAX_MATCH = 4096
MAX_DESCRIPTION = 1024
MAX_RULES = 100  # per account; no public figure, a bound so a session cannot grow one list


class RuleService:
    """The five DEX rule operations; every answer is the serialized envelope."""

    def __init__(self, state: MockState) -> None:
        self.state = state

    def _wire(self, session: Session, account: str, rules: list[RuleDef]) -> list[dict[str, Any]]:
        tests = session_tests(self.state, session, account)
        return [rule_wire(rule, tests) for rule in rules]

    def _now(self, session: Session) -> int:
        # Rule stamps are whole seconds (Postgres-style answers carry no fraction).
        return dex_state(session).now_us(self.state.settings.epoch) // US * US

    def _find(self, session: Session, account: str, rule_id: str) -> RuleDef:
        wanted = rule_id.lower()
        rule = next(
            (r for r in session_rules(self.state, session, account) if r.rule_id == wanted), None
        )
        if rule is None:
            bodies.not_found(errors.RULE_NOT_FOUND)
        return rule

    def _store(self, session: Session, account: str, rule: RuleDef) -> dict[str, Any]:
        dex = dex_state(session)
        wire = self._wire(session, account, [rule])[0]
        dex.put(account, "rule", rule.rule_id, rule, len(bodies.dumps(wire)))
        return wire

    def create(self, session: Session, account_id: str, raw: bytes) -> bytes:
        """POST rules."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        body = bodies.parse_object(raw)
        name = bodies.text(body, "name", required=True, max_len=MAX_NAME, min_len=1)
        match = bodies.text(body, "match", required=True, max_len=MAX_MATCH, min_len=1)
        description = bodies.text(body, "description", required=False, max_len=MAX_DESCRIPTION)
        if len(session_rules(self.state, session, account)) >= MAX_RULES:
            bodies.invalid("rules", f"an account can have at most {MAX_RULES} DEX rules")
        assert name is not None  # required
        assert match is not None  # required
        rule_id = dex.new_id(self.state.seed, "rule", account)
        now = self._now(session)
        rule = RuleDef(rule_id, name, match, description or "", now, now)
        return bodies.ok(self._store(session, account, rule))

    def list_all(
        self,
        session: Session,
        account_id: str,
        *,
        page: int,
        per_page: int,
        sort_by: str = "name",
        sort_order: str = "ASC",
        name: str | None = None,
    ) -> bytes:
        """GET rules: `{rules: [...]}` with result_info; sorted by name ASC by default.

        `name` keeps the rules whose name contains it, ignoring case.
        """
        account = account_id.lower()
        dex_state(session).tick()
        descending = sort_order == "DESC"
        wanted = name
        rules = session_rules(self.state, session, account)
        if wanted:
            needle = wanted.lower()
            rules = [r for r in rules if needle in r.name.lower()]
        rules.sort(key=lambda r: (_sort_value(r, sort_by), r.rule_id), reverse=descending)
        chunk, info = bodies.page_of(rules, page, per_page)
        return bodies.ok({"rules": self._wire(session, account, chunk)}, info)

    def get(self, session: Session, account_id: str, rule_id: str) -> bytes:
        """GET rules/{id}."""
        account = account_id.lower()
        dex_state(session).tick()
        return bodies.ok(self._wire(session, account, [self._find(session, account, rule_id)])[0])

    def update(self, session: Session, account_id: str, rule_id: str, raw: bytes) -> bytes:
        """PATCH rules/{id}: change the given fields; `updated_at` moves."""
        account = account_id.lower()
        dex_state(session).tick()
        current = self._find(session, account, rule_id)
        body = bodies.parse_object(raw)
        name = bodies.text(body, "name", required=False, max_len=MAX_NAME, min_len=1)
        match = bodies.text(body, "match", required=False, max_len=MAX_MATCH, min_len=1)
        description = bodies.text(body, "description", required=False, max_len=MAX_DESCRIPTION)
        rule = RuleDef(
            current.rule_id,
            current.name if name is None else name,
            current.match if match is None else match,
            current.description if description is None else description,
            current.created_us,
            max(self._now(session), current.updated_us),
        )
        return bodies.ok(self._store(session, account, rule))

    def delete(self, session: Session, account_id: str, rule_id: str) -> bytes:
        """DELETE rules/{id}: `result: true`; tests targeting it lose that target."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        rule = self._find(session, account, rule_id)
        seeded = seeded_rules(self.state.seed, account, self.state.settings.epoch)
        dex.remove(
            account, "rule", rule.rule_id, seeded=any(r.rule_id == rule.rule_id for r in seeded)
        )
        return bodies.ok(True)


def _sort_value(rule: RuleDef, sort_by: str) -> Any:
    if sort_by == "created_at":
        return rule.created_us
    if sort_by == "updated_at":
        return rule.updated_us
    return rule.name.lower()
