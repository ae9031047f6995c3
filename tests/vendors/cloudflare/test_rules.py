"""DEX rules, per session, at the service level."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare.rules import RuleService
from tests.vendors.cloudflare.dex_state import (
    DOC_ACCOUNT,
    OTHER_ACCOUNT,
    PLACEHOLDER,
    body,
    envelope,
    fails,
    make_state,
    result,
)

POSTGRES = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$")


@pytest.fixture
def world() -> tuple[MockState, Session, RuleService]:
    state = make_state()
    return state, state.session("r"), RuleService(state)


def rules_of(service: RuleService, session: Session, **query: Any) -> list[Any]:
    items: list[Any] = result(service.list_all(session, DOC_ACCOUNT, page=1, per_page=50, **query))[
        "rules"
    ]
    return items


def test_seeded_rules(world: Any) -> None:
    _, session, service = world
    rules = rules_of(service, session)
    assert 1 <= len(rules) <= 3
    assert PLACEHOLDER in [r["id"] for r in rules]  # the SDK's rule_id placeholder resolves
    for rule in rules:
        assert POSTGRES.match(rule["created_at"]) and rule["updated_at"] >= rule["created_at"]
        assert rule["match"] and rule["name"]
    # The docs account's placeholder rule targets one of its seeded tests.
    placeholder = result(service.get(session, DOC_ACCOUNT, PLACEHOLDER))
    assert placeholder["targeted_tests"], placeholder


def test_sorting_and_name_filter(world: Any) -> None:
    _, session, service = world
    for name in ("beta rule", "Alpha rule", "gamma"):
        service.create(session, DOC_ACCOUNT, body({"name": name, "match": 'os.name == "mac"'}))
    names = [r["name"] for r in rules_of(service, session)]
    assert names == sorted(names, key=str.lower)  # sort_by name, ASC by default
    assert [r["name"] for r in rules_of(service, session, sort_order="DESC")] == names[::-1]
    by_created = rules_of(service, session, sort_by="created_at")
    assert [r["created_at"] for r in by_created] == sorted(r["created_at"] for r in by_created)
    assert [r["name"] for r in rules_of(service, session, name="RULE")] == [
        "Alpha rule",
        "beta rule",
    ]
    document = envelope(service.list_all(session, DOC_ACCOUNT, page=2, per_page=2))
    assert document["result_info"] == {
        "count": 2,
        "page": 2,
        "per_page": 2,
        "total_count": len(names),
    }
    assert [r["name"] for r in document["result"]["rules"]] == names[2:4]


def test_lifecycle_create_get_patch_delete(world: Any) -> None:
    _, session, service = world
    created = result(
        service.create(session, DOC_ACCOUNT, body({"name": "Pilot", "match": "x == 1"}))
    )
    rule_id = created["id"]
    assert uuid.UUID(rule_id).version == 4
    assert created["description"] == "" and created["targeted_tests"] == []
    assert created["created_at"] == created["updated_at"]
    assert result(service.get(session, DOC_ACCOUNT, rule_id)) == created
    assert rule_id in [r["id"] for r in rules_of(service, session)]

    patched = result(
        service.update(session, DOC_ACCOUNT, rule_id, body({"description": "pilot group"}))
    )
    assert patched["description"] == "pilot group"
    assert (patched["name"], patched["match"]) == ("Pilot", "x == 1")  # untouched fields stay
    assert (
        patched["created_at"] == created["created_at"]
        and patched["updated_at"] > created["updated_at"]
    )
    assert result(service.get(session, DOC_ACCOUNT, rule_id)) == patched

    assert envelope(service.delete(session, DOC_ACCOUNT, rule_id))["result"] is True
    fails(lambda: service.get(session, DOC_ACCOUNT, rule_id), 404, 1001, "DEX rule")
    fails(lambda: service.update(session, DOC_ACCOUNT, rule_id, body({})), 404, 1001)
    assert rule_id not in [r["id"] for r in rules_of(service, session)]


def test_deleting_a_seeded_rule_is_per_session(world: Any) -> None:
    state, session, service = world
    service.delete(session, DOC_ACCOUNT, PLACEHOLDER)
    fails(lambda: service.get(session, DOC_ACCOUNT, PLACEHOLDER), 404, 1001)
    assert (
        result(service.get(state.session("other"), DOC_ACCOUNT, PLACEHOLDER))["id"] == PLACEHOLDER
    )
    fails(lambda: service.get(session, OTHER_ACCOUNT, PLACEHOLDER), 404, 1001)


@pytest.mark.parametrize(
    ("document", "code", "named"),
    [
        ({"match": "x"}, 11004, "name"),
        ({"name": "n"}, 11004, "match"),
        ({"name": 1, "match": "x"}, 11005, "name"),
        ({"name": "n", "match": ["x"]}, 11005, "match"),
        ({"name": "n", "match": "x", "description": False}, 11005, "description"),
        ({"name": "n" * 256, "match": "x"}, 11005, "name"),
        ({"name": "n", "match": "   "}, 11004, "match"),
    ],
)
def test_create_validation(world: Any, document: dict[str, Any], code: int, named: str) -> None:
    _, session, service = world
    before = rules_of(service, session)
    fails(lambda: service.create(session, DOC_ACCOUNT, body(document)), 400, code, named)
    assert rules_of(service, session) == before


@pytest.mark.parametrize("document", [{"name": 3}, {"match": None, "name": ""}, {"description": 1}])
def test_patch_validation_never_stores(world: Any, document: dict[str, Any]) -> None:
    _, session, service = world
    before = result(service.get(session, DOC_ACCOUNT, PLACEHOLDER))
    fails(lambda: service.update(session, DOC_ACCOUNT, PLACEHOLDER, body(document)), 400, None)
    after = result(service.get(session, DOC_ACCOUNT, PLACEHOLDER))
    assert after == before


def test_an_empty_name_needs_at_least_one_character(world: Any) -> None:
    _, session, service = world
    rule_id = PLACEHOLDER  # the docs account's rule 0
    error = fails(
        lambda: service.update(session, DOC_ACCOUNT, rule_id, body({"name": ""})), 400, 11005
    )
    assert error.message == "dex.api.parameter.invalid: name must be at least 1 character"
