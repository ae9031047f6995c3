"""Device DEX tests, per session, at the service level (HTTP is in test_writable_routes.py)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import bodies, universe
from netpath_mock.vendors.cloudflare.definitions import seeded_tests, session_test, session_tests
from netpath_mock.vendors.cloudflare.dex_tests import MAX_TESTS, DexTestService
from netpath_mock.vendors.cloudflare.rules import RuleService
from netpath_mock.vendors.cloudflare.stores import peek_state
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

RFC3339_US = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$")


def http_test(**overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "name": "Checkout page",
        "interval": "30m",
        "enabled": True,
        "data": {"host": "https://shop.example.com/checkout", "kind": "http"},
    }
    document.update(overrides)
    return document


@pytest.fixture
def world() -> tuple[MockState, Session, DexTestService]:
    state = make_state()
    return state, state.session("t"), DexTestService(state)


def listed(service: DexTestService, session: Session, account: str = DOC_ACCOUNT) -> list[Any]:
    items: list[Any] = result(service.list_all(session, account, per_page=50))
    return items


def test_seeded_tests_are_the_universe_tests(world: Any) -> None:
    state, session, service = world
    shape = universe.account_shape(state.seed, DOC_ACCOUNT)
    items = listed(service, session)
    assert [t["test_id"] for t in items] == [
        universe.test_id(state.seed, DOC_ACCOUNT, i) for i in range(shape.test_count)
    ]
    assert items[0]["test_id"] == PLACEHOLDER  # the SDK's placeholder resolves
    for index, item in enumerate(items):
        assert item["data"]["kind"] == shape.kind(index)
        minutes = shape.interval_min(index)
        assert item["interval"] == f"{minutes // 60}h{minutes % 60}m0s"
        assert ("method" in item["data"]) == (item["data"]["kind"] == "http")
        assert RFC3339_US.match(item["created"]) and item["updated"] >= item["created"]
        assert item["targeted"] == bool(item["target_policies"])
    assert any(t["targeted"] for t in items), "a seeded rule targets a test of the docs account"


def test_paging_gives_the_whole_list_once(world: Any) -> None:
    _, session, service = world
    everything = listed(service, session)
    pages, page = [], 1
    while True:
        document = envelope(service.list_all(session, DOC_ACCOUNT, page=page, per_page=2))
        info = document["result_info"]
        assert info["page"] == page and info["per_page"] == 2
        assert info["count"] == len(document["result"]) and info["total_count"] == len(everything)
        if not document["result"]:
            break
        pages.extend(document["result"])
        page += 1
    assert pages == everything


def test_list_filters_by_kind_and_name(world: Any) -> None:
    _, session, service = world
    everything = listed(service, session)
    http = result(service.list_all(session, DOC_ACCOUNT, kind="http", per_page=50))
    assert http == [t for t in everything if t["data"]["kind"] == "http"]
    name = everything[1]["name"]
    assert result(service.list_all(session, DOC_ACCOUNT, name=name)) == [everything[1]]


def test_lifecycle_create_get_update_delete(world: Any) -> None:
    state, session, service = world
    before = listed(service, session)
    created = result(service.create(session, DOC_ACCOUNT, body(http_test())))
    test_id = created["test_id"]
    assert uuid.UUID(test_id).version == 4
    assert created["interval"] == "0h30m0s"  # "30m" normalised to the answer's form
    assert created["data"] == {
        "host": "https://shop.example.com/checkout",
        "kind": "http",
        "method": "GET",
    }
    assert created["created"] == created["updated"] and created["description"] == ""
    assert created["targeted"] is False and created["target_policies"] == []
    assert result(service.get(session, DOC_ACCOUNT, test_id)) == created
    assert listed(service, session) == [*before, created]
    # One world: the session view that overview and analytics read has it, without history.
    view = session_test(state, session, DOC_ACCOUNT, test_id)
    assert view is not None and view.history_index is None

    changed = http_test(name="Checkout page v2", interval="1h", enabled=False, description="x")
    updated = result(service.update(session, DOC_ACCOUNT, test_id, body(changed)))
    assert updated["name"] == "Checkout page v2" and updated["interval"] == "1h0m0s"
    assert updated["enabled"] is False and updated["description"] == "x"
    assert updated["created"] == created["created"] and updated["updated"] > created["updated"]
    assert result(service.get(session, DOC_ACCOUNT, test_id)) == updated

    remaining = result(service.delete(session, DOC_ACCOUNT, test_id))["dex_tests"]
    assert remaining == before
    fails(lambda: service.get(session, DOC_ACCOUNT, test_id), 404, 1001, "DEX test")
    fails(lambda: service.delete(session, DOC_ACCOUNT, test_id), 404, 1001)
    assert session_test(state, session, DOC_ACCOUNT, test_id) is None


def test_edits_belong_to_their_session_and_reset_forgets_them(world: Any) -> None:
    state, session, service = world
    seeded_id = listed(service, session)[0]["test_id"]
    service.delete(session, DOC_ACCOUNT, seeded_id)
    created = result(service.create(session, DOC_ACCOUNT, body(http_test())))
    other = state.session("other")
    other_ids = [t["test_id"] for t in listed(service, other)]
    assert seeded_id in other_ids and created["test_id"] not in other_ids
    fails(lambda: service.get(session, DOC_ACCOUNT, seeded_id), 404, 1001)
    state.reset("t")
    fresh = state.session("t")
    ids = [t["test_id"] for t in listed(service, fresh)]
    assert seeded_id in ids and created["test_id"] not in ids


def test_edits_belong_to_their_account(world: Any) -> None:
    _, session, service = world
    created = result(service.create(session, DOC_ACCOUNT, body(http_test())))
    fails(lambda: service.get(session, OTHER_ACCOUNT, created["test_id"]), 404, 1001)
    assert created["test_id"] not in [t["test_id"] for t in listed(service, session, OTHER_ACCOUNT)]


@pytest.mark.parametrize(
    ("interval", "answer"),
    [
        ("30m", "0h30m0s"),
        ("0h5m0s", "0h5m0s"),
        ("1h", "1h0m0s"),
        ("10m30s", "0h10m30s"),
        ("300s", "0h5m0s"),
        # Go's time.ParseDuration forms the README promises: fractions, any unit order.
        ("0.5h", "0h30m0s"),
        (".25h", "0h15m0s"),
        ("0h45m30s", "0h45m30s"),
        ("10m30000ms", "0h10m30s"),
        ("1m0.5h", "0h31m0s"),
    ],
)
def test_interval_is_normalised(world: Any, interval: str, answer: str) -> None:
    _, session, service = world
    created = result(service.create(session, DOC_ACCOUNT, body(http_test(interval=interval))))
    assert created["interval"] == answer


@pytest.mark.parametrize(
    "interval",
    ["4m59s", "61m", "2h", "1h30m", "0s", "30", "thirty", "30 m", "1d", "", "h", "5m0.5s", "-30m"],
)
def test_interval_out_of_bounds_or_malformed_is_400(world: Any, interval: str) -> None:
    _, session, service = world
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body(http_test(interval=interval))),
        400,
        11005,
        "interval",
    )


@pytest.mark.parametrize("field", ["name", "interval", "enabled", "data"])
def test_required_fields(world: Any, field: str) -> None:
    _, session, service = world
    document = http_test()
    del document[field]
    fails(lambda: service.create(session, DOC_ACCOUNT, body(document)), 400, 11004, field)


@pytest.mark.parametrize("field", ["kind", "host"])
def test_required_data_fields(world: Any, field: str) -> None:
    _, session, service = world
    document = http_test()
    del document["data"][field]
    fails(lambda: service.create(session, DOC_ACCOUNT, body(document)), 400, 11004, f"data.{field}")


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"enabled": "true"}, "enabled"),
        ({"enabled": 1}, "enabled"),
        ({"name": 5}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "n" * 256}, "name"),
        ({"interval": 30}, "interval"),
        ({"description": ["x"]}, "description"),
        ({"data": "http"}, "data"),
        ({"data": {"kind": "ping", "host": "1.1.1.1"}}, "data.kind"),
        ({"data": {"kind": "http", "host": "https://a.example", "method": "POST"}}, "data.method"),
        ({"data": {"kind": "http", "host": "dash.cloudflare.com"}}, "data.host"),
        ({"data": {"kind": "http", "host": "ftp://a.example"}}, "data.host"),
        ({"data": {"kind": "traceroute", "host": "https://dash.cloudflare.com"}}, "data.host"),
        ({"data": {"kind": "traceroute", "host": "bad host"}}, "data.host"),
        ({"data": {"kind": "http", "host": 7}}, "data.host"),
        ({"target_policies": {"id": PLACEHOLDER}}, "target_policies"),
        ({"target_policies": ["x"]}, "target_policies[0]"),
        ({"targeted": "yes"}, "targeted"),
    ],
)
def test_wrong_values_are_400_and_never_stored(
    world: Any, overrides: dict[str, Any], named: str
) -> None:
    _, session, service = world
    before = listed(service, session)
    document = body(http_test(**overrides))
    fails(lambda: service.create(session, DOC_ACCOUNT, document), 400, None, named)
    fails(lambda: service.update(session, DOC_ACCOUNT, PLACEHOLDER, document), 400, None, named)
    assert listed(service, session) == before


def test_malformed_json_and_non_object_bodies(world: Any) -> None:
    _, session, service = world
    fails(lambda: service.create(session, DOC_ACCOUNT, b"{nope"), 400, 6007, "Malformed JSON")
    fails(lambda: service.create(session, DOC_ACCOUNT, b"[]"), 400, 11005, "body")
    fails(lambda: service.create(session, DOC_ACCOUNT, b""), 400, 11004, "body")


def test_traceroute_test_drops_method_and_accepts_ips_and_hostnames(world: Any) -> None:
    _, session, service = world
    for position, host in enumerate(("1.1.1.1", "2606:4700:4700::1111", "dash.cloudflare.com")):
        document = http_test(
            name=f"trace {position}", data={"kind": "traceroute", "host": host, "method": "GET"}
        )
        created = result(service.create(session, DOC_ACCOUNT, body(document)))
        assert created["data"] == {"host": host, "kind": "traceroute"}


def test_names_are_unique_per_account(world: Any) -> None:
    _, session, service = world
    seeded = listed(service, session)
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body(http_test(name=seeded[1]["name"]))),
        400,
        bodies.DUPLICATE_NAME,
        "unique",
    )
    # Keeping its own name on update is fine; taking another test's name is not.
    same = http_test(name=seeded[0]["name"])
    assert (
        result(service.update(session, DOC_ACCOUNT, seeded[0]["test_id"], body(same)))["name"]
        == seeded[0]["name"]
    )
    fails(
        lambda: service.update(
            session, DOC_ACCOUNT, seeded[0]["test_id"], body(http_test(name=seeded[1]["name"]))
        ),
        400,
        bodies.DUPLICATE_NAME,
    )
    # Another account may use the name.
    result(service.create(session, OTHER_ACCOUNT, body(http_test(name=seeded[1]["name"]))))


def test_an_account_holds_at_most_ten_tests(world: Any) -> None:
    _, session, service = world
    count = len(listed(service, session))
    for index in range(MAX_TESTS - count):
        result(service.create(session, DOC_ACCOUNT, body(http_test(name=f"extra {index}"))))
    assert len(listed(service, session)) == MAX_TESTS
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body(http_test(name="one too many"))),
        400,
        bodies.TESTS_LIMIT,
    )
    # Deleting one frees a place.
    service.delete(session, DOC_ACCOUNT, listed(service, session)[-1]["test_id"])
    result(service.create(session, DOC_ACCOUNT, body(http_test(name="one too many"))))


def test_targeting_shows_on_the_test_and_on_the_rule(world: Any) -> None:
    state, session, service = world
    rules = RuleService(state)
    rule = result(
        rules.create(session, DOC_ACCOUNT, body({"name": "Pilot", "match": 'os.name == "mac"'}))
    )
    document = http_test(
        target_policies=[{"id": rule["id"].upper(), "name": "ignored", "default": True}]
    )
    created = result(service.create(session, DOC_ACCOUNT, body(document)))
    assert created["targeted"] is True
    assert created["target_policies"] == [{"default": False, "id": rule["id"], "name": "Pilot"}]
    targeted = result(rules.get(session, DOC_ACCOUNT, rule["id"]))["targeted_tests"]
    assert [t["test_id"] for t in targeted] == [created["test_id"]]
    assert targeted[0]["data"] == created["data"] and targeted[0]["name"] == created["name"]
    # Renaming the rule shows on the test; deleting it untargets the test.
    rules.update(session, DOC_ACCOUNT, rule["id"], body({"name": "Pilot 2"}))
    assert (
        result(service.get(session, DOC_ACCOUNT, created["test_id"]))["target_policies"][0]["name"]
        == "Pilot 2"
    )
    rules.delete(session, DOC_ACCOUNT, rule["id"])
    after = result(service.get(session, DOC_ACCOUNT, created["test_id"]))
    assert after["targeted"] is False and after["target_policies"] == []
    view = session_test(state, session, DOC_ACCOUNT, created["test_id"])
    assert view is not None and view.target_policies == ()


def test_target_policies_must_name_rules_of_the_account(world: Any) -> None:
    _, session, service = world
    unknown = str(uuid.UUID(int=12345, version=4))
    fails(
        lambda: service.create(
            session, DOC_ACCOUNT, body(http_test(target_policies=[{"id": unknown}]))
        ),
        400,
        11005,
        "target_policies[0].id",
    )
    fails(
        lambda: service.create(
            session, DOC_ACCOUNT, body(http_test(target_policies=[{"id": "rule"}]))
        ),
        400,
        11004,
        "target_policies[0].id",
    )


def test_update_keeps_history_unless_the_target_changes(world: Any) -> None:
    state, session, service = world
    seeded = seeded_tests(state.seed, DOC_ACCOUNT, state.settings.epoch)[0]
    same_target = {
        "name": "Renamed",
        "interval": "15m",
        "enabled": True,
        "data": {"kind": seeded.kind, "host": seeded.host},
    }
    service.update(session, DOC_ACCOUNT, seeded.test_id, body(same_target))
    view = session_test(state, session, DOC_ACCOUNT, seeded.test_id)
    assert view is not None and view.history_index == 0 and view.name == "Renamed"
    service.update(session, DOC_ACCOUNT, seeded.test_id, body(http_test()))
    view = session_test(state, session, DOC_ACCOUNT, seeded.test_id)
    assert view is not None and view.kind == "http" and view.history_index is None


def test_unknown_ids_are_404_and_allocate_nothing(world: Any) -> None:
    _, session, service = world
    for n in range(200):
        unknown = str(uuid.UUID(int=n, version=4))
        fails(lambda u=unknown: service.get(session, DOC_ACCOUNT, u), 404, 1001)
        fails(
            lambda u=unknown: service.update(session, DOC_ACCOUNT, u, body(http_test())), 404, 1001
        )
        fails(lambda u=unknown: service.delete(session, DOC_ACCOUNT, u), 404, 1001)
    dex = peek_state(session)
    assert dex is not None and dex.accounts == {} and dex.budget.sizes == {}


def test_session_view_matches_the_wire_list(world: Any) -> None:
    state, session, service = world
    service.create(session, DOC_ACCOUNT, body(http_test()))
    service.delete(session, DOC_ACCOUNT, PLACEHOLDER)
    assert [t.test_id for t in session_tests(state, session, DOC_ACCOUNT)] == [
        t["test_id"] for t in listed(service, session)
    ]


def test_undashed_test_ids_resolve(world: Any) -> None:
    _, session, service = world
    undashed = PLACEHOLDER.replace("-", "").upper()
    assert result(service.get(session, DOC_ACCOUNT, undashed))["test_id"] == PLACEHOLDER
    # The SDK's own get example: well formed, but no test of the closed world has it.
    fails(lambda: service.get(session, DOC_ACCOUNT, "372e67954025e0ba6aaa6d586b9e0b59"), 404, 1001)


def test_docs_result_is_the_newest_run_of_the_placeholder_test(world: Any) -> None:
    state, session, service = world
    # Edits in a session never move runs: the docs result stays its test's newest run.
    service.update(session, DOC_ACCOUNT, PLACEHOLDER, body(http_test(name="Renamed")))
    ref = universe.locate_result(state.seed, DOC_ACCOUNT, universe.DOC_RESULT_ID)
    assert ref is not None and (ref.test_index, ref.run_index) == (0, 0)
    assert universe.test_id(state.seed, DOC_ACCOUNT, ref.test_index) == PLACEHOLDER
    shape = universe.account_shape(state.seed, DOC_ACCOUNT)
    epoch = int(state.settings.epoch.timestamp())
    newest = shape.run_timestamp(epoch, 0, 0)
    assert 0 <= epoch - newest < shape.interval_min(0) * 60
    assert all(shape.run_timestamp(epoch, 0, run) < newest for run in range(1, 2 * shape.devices))


def test_length_messages_count_characters_in_english(world: Any) -> None:
    _, session, service = world
    error = fails(
        lambda: service.create(session, DOC_ACCOUNT, body(http_test(name="x" * 256))),
        400,
        11005,
        "name",
    )
    assert error.message.endswith("must be at most 255 characters")
    too_long_host = "https://example.com/" + "a" * 2100
    error = fails(
        lambda: service.create(
            session,
            DOC_ACCOUNT,
            body({**http_test(), "data": {"kind": "http", "host": too_long_host}}),
        ),
        400,
        11005,
        "data.host",
    )
    assert "2048 characters" in error.message


def test_character_counts_agree_in_number() -> None:
    from netpath_mock.vendors.cloudflare.bodies import characters

    assert characters(1) == "1 character"
    assert characters(255) == "255 characters"
