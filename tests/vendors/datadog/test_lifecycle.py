"""One org, one truth: v2 edits, v1 reads/patches/pauses/deletes, without HTTP (notes §9.3)."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import BadRequest, NotFound
from netpath_mock.vendors.datadog import universe
from netpath_mock.vendors.datadog.service import DELETED, VENDOR, response_body
from tests.vendors.datadog.lifecycle_support import (
    CREATE_ATTRIBUTES,
    NOW,
    SEED,
    World,
    edit_body,
    make_world,
)

TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
V1_KEYS = [
    "public_id",
    "name",
    "status",
    "type",
    "subtype",
    "tags",
    "created_at",
    "modified_at",
    "config",
    "message",
    "options",
    "locations",
    "monitor_id",
    "creator",
]


def _v1(world: World, session: Any, public_id: str) -> dict[str, Any]:
    body: dict[str, Any] = orjson.loads(world.v1.get_test(session, public_id))
    return body


def _v2(world: World, session: Any, public_id: str) -> dict[str, Any]:
    body: dict[str, Any] = orjson.loads(world.service.get_network_test(session, public_id))
    return body["data"]["attributes"]


def _patch(*ops: dict[str, Any]) -> bytes:
    return orjson.dumps({"data": list(ops)})


def test_generated_test_in_v1_matches_v2_and_its_lifecycle_facts() -> None:
    world = make_world()
    session = world.session()
    for public_id in universe.public_ids(SEED, 40):
        v1 = _v1(world, session, public_id)
        v2 = _v2(world, session, public_id)
        assert [k for k in V1_KEYS if k in v1] == list(v1)
        assert v1["type"] == "network" and v1["subtype"] == v2["subtype"]
        for key in ("name", "status", "config", "options", "locations", "message", "tags"):
            assert v1[key] == v2[key], key
        assert TS_RE.match(v1["created_at"]) and TS_RE.match(v1["modified_at"])
        created = datetime.fromisoformat(v1["created_at"]).timestamp()
        modified = datetime.fromisoformat(v1["modified_at"]).timestamp()
        assert created <= modified <= world.service.epoch
        assert 100_000_000 <= v1["monitor_id"] < 1_000_000_000
        domain = universe.org_domain(SEED)
        assert v1["creator"]["email"].endswith("@" + domain)
        assert v1["creator"]["handle"] == v1["creator"]["email"]
        assert "monitor_id" not in v2  # v2 never shows it (notes §5)


def test_monitor_ids_grow_with_creation_time() -> None:
    metas = [universe.test_meta(SEED, NOW, p) for p in universe.public_ids(SEED, 200)]
    ordered = sorted(metas, key=lambda m: m.created_at)
    ids = [m.monitor_id for m in ordered]
    # Site-wide ids grow with time; ties within a few seconds may swap by the jitter (< 4).
    assert all(b >= a - 3 for a, b in itertools.pairwise(ids))
    assert len(set(ids)) > 190


def test_create_adds_monitor_option_defaults_and_update_stores_as_sent() -> None:
    world = make_world()
    session = world.session()
    created = orjson.loads(world.editor.create(session, edit_body()))
    public_id = created["data"]["id"]
    expected = {
        "renotify_interval": 120,
        "on_missing_data": "show_no_data",
        "notify_audit": False,
        "new_host_delay": 300,
        "include_tags": True,
    }
    assert created["data"]["attributes"]["options"]["monitor_options"] == expected
    v1 = _v1(world, session, public_id)
    assert v1["options"]["monitor_options"] == expected
    assert v1["created_at"] == v1["modified_at"]
    world.assert_written(v1["created_at"], 1)  # the session's first write, not the host's date
    updated = world.editor.update(session, public_id, edit_body(name="Renamed"))
    attributes = orjson.loads(updated)["data"]["attributes"]
    assert attributes["options"]["monitor_options"] == {"renotify_interval": 120}
    after = _v1(world, session, public_id)
    assert after["name"] == "Renamed"
    assert after["created_at"] == v1["created_at"] and after["monitor_id"] == v1["monitor_id"]
    world.assert_written(after["modified_at"], 2)
    assert after["creator"] == v1["creator"]


def test_options_keep_unknown_keys_verbatim() -> None:
    world = make_world()
    session = world.session()
    options = {"tick_every": 60, "httpVersion": "any"}
    public_id = world.create(session, options=options)
    assert _v1(world, session, public_id)["options"] == options
    assert _v2(world, session, public_id)["options"] == options


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"config": {"request": {"host": "h", "max_ttl": True, "e2e_queries": 50,
                                    "traceroute_queries": 3}}},
            "'max_ttl' should be integer",
        ),
        (
            {"config": {"request": {"host": "h", "max_ttl": 30, "e2e_queries": "50",
                                    "traceroute_queries": 3}}},
            "'e2e_queries' should be integer",
        ),
        ({"locations": []}, "'locations' should be array"),
        ({"locations": ["aws:mars-1"]}, "Invalid location: aws:mars-1"),
        ({"name": 5}, "'name' should be string"),
        ({"options": {"tick_every": 10}}, "Minimum value of parameter 'tick_every' should be 30"),
        ({"status": "stopped"}, "'status' should be one of live, paused"),
        (
            {"config": {"request": {"host": "h", "max_ttl": 30, "e2e_queries": 50,
                                    "traceroute_queries": 3},
                        "assertions": [{"type": "latency", "operator": "lessThan",
                                        "target": "500", "property": "avg"}]}},
            "'target' should be number",
        ),
    ],
)  # fmt: skip
def test_wrong_types_are_400_and_never_stored(changes: dict[str, Any], message: str) -> None:
    world = make_world()
    session = world.session()
    with pytest.raises(BadRequest) as caught:
        world.editor.create(session, edit_body(**changes))
    assert message in caught.value.message.split("\n")
    assert session.overlays[VENDOR] == {}
    existing = universe.public_ids(SEED, 40)[5]
    before = world.service.get_network_test(session, existing)
    with pytest.raises(BadRequest):
        world.editor.update(session, existing, edit_body(**changes))
    assert world.service.get_network_test(session, existing) == before


@pytest.mark.parametrize(
    ("request_fields", "tick_every"),
    [
        ({"max_ttl": 1, "e2e_queries": 1, "traceroute_queries": 1}, 30),
        ({"max_ttl": 255, "e2e_queries": 500, "traceroute_queries": 10}, 604800),
    ],
)
def test_the_bounds_themselves_are_accepted_and_stored(
    request_fields: dict[str, int], tick_every: int
) -> None:
    world = make_world()
    session = world.session()
    request = {"host": "api.example.com", "port": 443, **request_fields}
    public_id = world.create(
        session,
        config={"request": request, "assertions": []},
        options={"tick_every": tick_every},
    )
    v1 = _v1(world, session, public_id)
    assert v1["config"]["request"] == request and v1["options"]["tick_every"] == tick_every


def test_v1_patch_applies_ops_advances_modified_at_and_shows_in_v2() -> None:
    world = make_world()
    session = world.session()
    public_id = world.create(session)
    created = _v1(world, session, public_id)
    answer = orjson.loads(
        world.v1.patch_test(
            session,
            public_id,
            _patch(
                {"op": "replace", "path": "/name", "value": "New test name"},
                {"op": "add", "path": "/tags/-", "value": "owner:sre"},
                {"op": "replace", "path": "/options/tick_every", "value": 300},
                {"op": "remove", "path": "/config/assertions/0"},
            ),
        )
    )
    assert answer["name"] == "New test name" and answer["config"]["assertions"] == []
    world.assert_written(answer["modified_at"], 2)
    assert answer["created_at"] == created["created_at"]
    assert "creator" not in answer and answer["created_by"]["email"] == created["creator"]["email"]
    assert answer["org_id"] == universe.org_id(SEED) and answer["overall_state_modified"] is None
    v2 = _v2(world, session, public_id)
    assert v2["name"] == "New test name" and v2["tags"] == ["team:netops", "env:prod", "owner:sre"]
    assert v2["options"]["tick_every"] == 300
    assert "created_at" not in v2 and "monitor_id" not in v2


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        ([{"op": "replace", "path": "/subtype", "value": "udp"}], "Updating sub-type is forbidden"),
        ([{"op": "replace", "path": "/monitor_id", "value": 1}], "'monitor_id' is read-only"),
        ([{"op": "replace", "path": "/type", "value": "api"}], "Updating type is forbidden"),
        ([{"op": "remove", "path": "/nope"}], "'/nope' does not exist"),
        ([{"op": "replace", "path": "/options/tick_every", "value": "60"}], "'tick_every' should"),
        ([{"op": "add", "path": "/locations/-", "value": "gcp:moon1"}], "Invalid location"),
        ([{"op": "jump", "path": "/name"}], "'op' should be one of"),
        ([], "Minimum number of elements in parameter 'data' should be 1"),
        ([{"op": "test", "path": "/name", "value": "other"}], "does not hold the tested value"),
        ([{"op": "replace", "path": "/name", "value": ""}],
         "The value provided for parameter 'name' is invalid: must not be empty"),
        ([{"op": "replace", "path": "/config/request/max_ttl", "value": 256}],
         "Maximum value of parameter 'max_ttl' should be 255"),
        ([{"op": "replace", "path": "/config/request/traceroute_queries", "value": 11}],
         "Maximum value of parameter 'traceroute_queries' should be 10"),
    ],
)  # fmt: skip
def test_bad_patches_are_400_and_change_nothing(ops: list[dict[str, Any]], message: str) -> None:
    world = make_world()
    session = world.session()
    public_id = universe.public_ids(SEED, 40)[3]
    before = world.v1.get_test(session, public_id)
    with pytest.raises(BadRequest) as caught:
        world.v1.patch_test(session, public_id, _patch(*ops))
    assert message in caught.value.message
    assert world.v1.get_test(session, public_id) == before
    with pytest.raises(BadRequest):
        world.v1.patch_test(session, public_id, b"[not json")


def test_pause_and_resume_seen_by_v1_and_v2_without_a_new_version() -> None:
    world = make_world()
    session = world.session()
    public_id = universe.public_ids(SEED, 40)[2]
    modified = _v1(world, session, public_id)["modified_at"]
    for status in ("paused", "live", "paused"):
        assert world.v1.update_status(session, public_id, orjson.dumps({"new_status": status}))
        assert _v1(world, session, public_id)["status"] == status
        assert _v2(world, session, public_id)["status"] == status
    assert _v1(world, session, public_id)["modified_at"] == modified
    with pytest.raises(BadRequest, match="should be one of live, paused"):
        world.v1.update_status(session, public_id, b'{"new_status": "stopped"}')
    with pytest.raises(BadRequest, match="Required parameter 'new_status' is missing"):
        world.v1.update_status(session, public_id, b"{}")
    with pytest.raises(NotFound):
        world.v1.update_status(session, "zzz-zzz-zzz", b'{"new_status": "live"}')


def test_v1_delete_is_all_or_nothing_then_404_everywhere() -> None:
    world = make_world()
    session = world.session()
    created = world.create(session)
    generated = universe.public_ids(SEED, 40)[7]
    with pytest.raises(NotFound):
        world.v1.delete_tests(session, orjson.dumps({"public_ids": [created, "zzz-zzz-zzz"]}))
    assert _v1(world, session, created)["public_id"] == created
    with pytest.raises(BadRequest, match="Minimum number of elements in parameter 'public_ids'"):
        world.v1.delete_tests(session, b'{"public_ids": []}')
    answer = orjson.loads(
        world.v1.delete_tests(session, orjson.dumps({"public_ids": [created, generated]}))
    )
    assert [d["public_id"] for d in answer["deleted_tests"]] == [created, generated]
    (deleted_at,) = {d["deleted_at"] for d in answer["deleted_tests"]}
    # Create, two refused deletes (they still advance the clock), then this one.
    world.assert_written(deleted_at, 4)
    assert session.overlays[VENDOR][generated] is DELETED
    for public_id in (created, generated):
        with pytest.raises(NotFound, match="Synthetics test not found"):
            world.v1.get_test(session, public_id)
        with pytest.raises(NotFound):
            world.service.get_network_test(session, public_id)
        with pytest.raises(NotFound):
            world.v1.patch_test(session, public_id, _patch({"op": "remove", "path": "/tags/0"}))
        with pytest.raises(NotFound):
            world.versions.list(session, public_id, None, 10)
    # Another session still sees the generated test.
    assert _v1(world, world.session("other"), generated)["public_id"] == generated


def test_list_pages_are_zero_based_with_total_and_an_empty_page_past_the_end() -> None:
    world = make_world(count=25)
    session = world.session()
    created = world.create(session)
    deleted = universe.public_ids(SEED, 25)[0]
    world.v1.delete_tests(session, orjson.dumps({"public_ids": [deleted]}))
    seen: list[str] = []
    for page in range(3):
        body = orjson.loads(world.v1.list_tests(session, 10, page))
        assert body["total"] == 25
        seen += [t["public_id"] for t in body["tests"]]
    assert len(seen) == 25 == len(set(seen))
    assert created in seen and deleted not in seen
    assert seen[-1] == created  # created tests come after the catalog
    past = orjson.loads(world.v1.list_tests(session, 5, 5))
    assert past == {"tests": [], "total": 25}
    item = orjson.loads(world.v1.list_tests(session, 1, 0))["tests"][0]
    assert item == _v1(world, session, item["public_id"])


def test_overlay_record_serves_the_same_v2_bytes_as_before_an_edit() -> None:
    world = make_world()
    session = world.session()
    public_id = universe.public_ids(SEED, 40)[1]
    original = world.service.get_network_test(session, public_id)
    world.v1.update_status(session, public_id, b'{"new_status": "live"}')
    world.v1.update_status(session, public_id, b'{"new_status": "paused"}')
    world.v1.update_status(session, public_id, b'{"new_status": "live"}')
    record = world.service.record(session, public_id)
    assert record is not None
    data = orjson.loads(original)["data"]
    data["attributes"]["status"] = "live"
    assert world.service.get_network_test(session, public_id) == response_body(data)


def test_created_attributes_are_the_input_plus_defaults() -> None:
    world = make_world()
    session = world.session()
    public_id = world.create(session)
    stored = _v2(world, session, public_id)
    assert stored["public_id"] == public_id
    assert stored["config"] == CREATE_ATTRIBUTES["config"]
    assert stored["locations"] == CREATE_ATTRIBUTES["locations"]
