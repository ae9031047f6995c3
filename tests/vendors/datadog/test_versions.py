"""Version history: consistent with the test's edits, generated and made in a session."""

from __future__ import annotations

import itertools
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import NotFound
from netpath_mock.vendors.datadog import universe
from tests.vendors.datadog.lifecycle_support import SEED, World, edit_body, make_world


def _list(world: World, public_id: str, last: int | None = None, limit: int = 50) -> Any:
    return orjson.loads(world.versions.list(world.session(), public_id, last, limit))


def _get(world: World, public_id: str, number: int, **kw: bool) -> Any:
    args = {"include_change_metadata": True, "only_check_existence": False, **kw}
    return orjson.loads(world.versions.get(world.session(), public_id, str(number), **args))


def _dig(document: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        document = document.get(part, "<absent>") if isinstance(document, dict) else "<absent>"
    return document


def test_generated_histories_replay_to_the_current_test() -> None:
    world = make_world(count=80)
    session = world.session()
    histories = 0
    for public_id in universe.public_ids(SEED, 80):
        record = world.service.record(session, public_id)
        assert record is not None
        history = world.versions.history(record)
        meta = universe.test_meta(SEED, world.service.epoch, public_id)
        assert len(history) == len(meta.versions)
        assert [v.number for v in history] == list(range(1, len(history) + 1))
        assert history[-1].payload == record.attributes
        assert history[-1].at == record.modified_at and history[0].at == record.created_at
        assert history[0].changes == [{"action": "created"}]
        for before, after in itertools.pairwise(history):
            assert after.changes, "every edit changed something"
            for change in after.changes:
                path = change["action_metadata"]["property_path"]
                assert _dig(before.payload, path) == change["action_metadata"]["before_value"]
                assert _dig(after.payload, path) == change["action_metadata"]["after_value"]
        histories += len(history) > 1
    assert histories > 20  # most tests were edited at least once


def test_list_is_newest_first_and_pages_by_last_version_number() -> None:
    world = make_world(count=200)
    long_histories = [
        p
        for p in universe.public_ids(SEED, 200)
        if len(universe.test_meta(SEED, world.service.epoch, p).versions) >= 4
    ]
    public_id = long_histories[0]
    meta = universe.test_meta(SEED, world.service.epoch, public_id)
    body = _list(world, public_id)
    numbers = [item["attributes"]["version_number"] for item in body["data"]]
    assert numbers == list(range(len(meta.versions), 0, -1))
    assert body["meta"] == {"next_last_version_number": None, "retention_period_in_days": 30}
    item = body["data"][0]
    assert item["type"] == "version_metadata"
    assert item["attributes"]["author_uuid"] == meta.versions[-1][1].uuid
    assert item["attributes"]["version_payload_created_at"] == universe.isoformat(
        meta.versions[-1][0]
    )
    first = _list(world, public_id, limit=2)
    assert [i["attributes"]["version_number"] for i in first["data"]] == numbers[:2]
    assert first["meta"]["next_last_version_number"] == numbers[1]
    rest = _list(world, public_id, last=numbers[1], limit=50)
    assert [i["attributes"]["version_number"] for i in rest["data"]] == numbers[2:]


def test_session_edits_add_versions_with_their_diff() -> None:
    world = make_world()
    session = world.session()
    public_id = world.create(session)
    world.editor.update(session, public_id, edit_body(name="Second name"))
    world.v1.patch_test(
        session,
        public_id,
        orjson.dumps({"data": [{"op": "replace", "path": "/options/tick_every", "value": 300}]}),
    )
    body = _list(world, public_id, limit=2)
    assert [i["attributes"]["version_number"] for i in body["data"]] == [3, 2]
    assert body["meta"]["next_last_version_number"] == 2
    older = _list(world, public_id, last=2, limit=2)
    assert [i["attributes"]["version_number"] for i in older["data"]] == [1]
    assert older["meta"]["next_last_version_number"] is None
    second = _get(world, public_id, 2)["data"]
    assert second["type"] == "version"
    assert second["attributes"]["payload"]["name"] == "Second name"
    world.assert_written(second["attributes"]["version_payload_created_at"], 2)
    renamed = [c for c in second["attributes"]["change_metadata"] if c["action"] == "updated"]
    assert {
        "action": "updated",
        "action_metadata": {
            "property_path": "name",
            "before_value": "Checkout API path",
            "after_value": "Second name",
        },
    } in renamed
    third = _get(world, public_id, 3)["data"]["attributes"]
    assert third["payload"]["options"]["tick_every"] == 300
    assert (
        "change_metadata"
        not in _get(world, public_id, 3, include_change_metadata=False)["data"]["attributes"]
    )


def test_existence_check_and_unknown_versions() -> None:
    world = make_world()
    public_id = universe.public_ids(SEED, 40)[0]
    current = _list(world, public_id)["data"][0]["attributes"]["version_number"]
    assert world.versions.get(
        world.session(), public_id, str(current),
        include_change_metadata=False, only_check_existence=True,
    ) == b"{}"  # fmt: skip
    for number in (str(current + 1), "0", "abc", "99999999999"):
        with pytest.raises(NotFound, match="version not found"):
            world.versions.get(
                world.session(), public_id, number,
                include_change_metadata=False, only_check_existence=True,
            )  # fmt: skip
    with pytest.raises(NotFound, match="Synthetics test not found"):
        world.versions.list(world.session(), "zzz-zzz-zzz", None, 10)
