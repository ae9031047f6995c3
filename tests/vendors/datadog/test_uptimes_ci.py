"""FetchUptimes, TriggerTests, TriggerCITests and the CI batch read-back, without HTTP."""

from __future__ import annotations

import re
import struct
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import BadRequest, NotFound
from netpath_mock.vendors.datadog import locations, universe
from netpath_mock.vendors.datadog.uptimes import fetch_uptimes
from tests.vendors.datadog.lifecycle_support import NOW, SEED, World, make_world

DAY = 86_400


def _uptimes(world: World, ids: list[str], start: int, end: int) -> Any:
    body = orjson.dumps({"from_ts": start, "to_ts": end, "public_ids": ids})
    return orjson.loads(fetch_uptimes(world.service, world.session(), body))


def _down_time(history: list[list[int]], start: int, end: int) -> int:
    """Seconds in state 1 inside [start, end], from a transition list."""
    down = 0
    for (at, state), nxt in zip(history, [*history[1:], [end, 0]], strict=True):
        if state == 1:
            down += max(0, min(nxt[0], end) - max(at, start))
    return down


def test_uptime_is_the_float32_share_of_up_time_in_the_window() -> None:
    world = make_world(count=200)
    start, end = int(NOW) - 60 * DAY, int(NOW) - DAY
    ids = list(universe.public_ids(SEED, 200))
    items = _uptimes(world, ids, start, end)
    assert [i["public_id"] for i in items] == ids
    flapping = 0
    for item in items:
        overall = item["overall"]
        assert item["from_ts"] == start and item["to_ts"] == end and item["groups"] == []
        history = overall["history"]
        record = world.service.record(world.session(), item["public_id"])
        assert record is not None
        # The lead is the state at the window's start (its transition may precede it).
        assert history[0][0] <= max(start, int(record.created_at))
        assert all(state in (0, 1) for _, state in history)
        assert [at for at, _ in history] == sorted(at for at, _ in history)
        assert all(start < at <= end for at, _ in history[1:])
        expected = 100 * (end - start - _down_time(history, start, end)) / (end - start)
        uptime = overall["uptime"]
        assert uptime == struct.unpack("f", struct.pack("f", expected))[0]
        assert overall["monitor_type"] == "synthetics alert" and overall["errors"] is None
        flapping += len(history) > 1
    assert 10 < flapping < 200  # some tests alert in two months, not all


def test_a_window_inside_another_sees_the_same_transitions() -> None:
    world = make_world(count=40)
    ids = list(universe.public_ids(SEED, 40))
    wide = _uptimes(world, ids, int(NOW) - 90 * DAY, int(NOW))
    narrow = _uptimes(world, ids, int(NOW) - 40 * DAY, int(NOW) - 20 * DAY)
    for a, b in zip(wide, narrow, strict=True):
        inside = [h for h in a["overall"]["history"][1:] if NOW - 40 * DAY < h[0] <= NOW - 20 * DAY]
        assert b["overall"]["history"][1:] == inside
        # The lead entry is the last transition at or before the narrow window's start.
        before = [h for h in a["overall"]["history"] if h[0] <= NOW - 40 * DAY]
        if before and before[-1][0] > NOW - 70 * DAY:
            assert b["overall"]["history"][0] == before[-1]


def test_uptimes_validation_unknown_ids_and_huge_windows() -> None:
    world = make_world()
    with pytest.raises(BadRequest) as caught:
        _uptimes(world, [], 0, 0)
    # The recorded answer, word for word (notes §9.1).
    assert (
        caught.value.message == "Minimum number of elements in parameter 'public_ids' should be 1"
    )
    with pytest.raises(NotFound, match="Synthetics test not found"):
        _uptimes(world, ["zzz-zzz-zzz"], 0, 10)
    known = universe.public_ids(SEED, 40)[0]
    huge = _uptimes(world, [known], 0, 2**40)
    assert 0 <= huge[0]["overall"]["uptime"] <= 100
    with pytest.raises(BadRequest, match="'from_ts' should be integer"):
        fetch_uptimes(
            world.service, world.session(), b'{"from_ts": "1", "to_ts": 2, "public_ids": ["a"]}'
        )


def test_a_window_ending_before_it_starts_is_400() -> None:
    world = make_world()
    known = universe.public_ids(SEED, 40)[0]
    with pytest.raises(BadRequest) as caught:
        _uptimes(world, [known], 1_790_000_001, 1_790_000_000)
    assert caught.value.message == (
        "The value provided for parameter 'from_ts' is invalid: must not be greater than 'to_ts'"
    )
    # Checked before the ids: a reversed window of unknown ids is still the 400.
    with pytest.raises(BadRequest):
        _uptimes(world, ["zzz-zzz-zzz"], 10, 0)
    # An empty window (from == to) is the state at that second.
    (item,) = _uptimes(world, [known], 1_790_000_000, 1_790_000_000)
    assert item["from_ts"] == item["to_ts"] == 1_790_000_000
    assert item["overall"]["uptime"] in (0.0, 100.0)


RESULT_RE = re.compile(r"^[0-9]{1,19}$")


def test_trigger_runs_each_test_from_each_location() -> None:
    world = make_world()
    session = world.session()
    ids = list(universe.public_ids(SEED, 40)[:3])
    body = orjson.dumps({"tests": [{"public_id": p} for p in ids]})
    answer = orjson.loads(world.trigger.trigger(session, body))
    assert list(answer) == ["triggered_check_ids", "results", "locations", "batch_id"]
    assert answer["triggered_check_ids"] == ids and answer["batch_id"] is None
    by_numeric = {loc["id"]: loc for loc in answer["locations"]}
    expected = []
    for public_id in ids:
        record = world.service.record(session, public_id)
        assert record is not None
        expected += [(public_id, loc) for loc in record.attributes["locations"]]
    assert [(r["public_id"], by_numeric[r["location"]]["name"]) for r in answer["results"]] == (
        expected
    )
    for result in answer["results"]:
        assert RESULT_RE.match(result["result_id"]) and int(result["result_id"]) < 2**63
    for loc in answer["locations"]:
        found = locations.resolve(SEED, loc["name"])
        assert found is not None and found.name == loc["display_name"]
    again = orjson.loads(world.trigger.trigger(session, body))
    assert {r["result_id"] for r in again["results"]}.isdisjoint(
        r["result_id"] for r in answer["results"]
    )
    replay = make_world()
    assert orjson.loads(replay.trigger.trigger(replay.session(), body)) == answer


def test_trigger_unknown_is_404_empty_is_400() -> None:
    world = make_world()
    with pytest.raises(NotFound, match="Synthetics test not found"):
        world.trigger.trigger(world.session(), b'{"tests": [{"public_id": "zzz-zzz-zzz"}]}')
    with pytest.raises(BadRequest, match="Minimum number of elements in parameter 'tests'"):
        world.trigger.trigger(world.session(), b'{"tests": []}')
    with pytest.raises(BadRequest, match="Required parameter 'tests' is missing"):
        world.trigger.trigger(world.session(), b"{}")


def test_ci_batch_reads_back_finished_in_its_session_only() -> None:
    world = make_world()
    session = world.session()
    public_id = universe.public_ids(SEED, 40)[0]
    body = orjson.dumps(
        {
            "tests": [
                {
                    "public_id": public_id,
                    "locations": ["aws:eu-west-3", "aws:us-east-2"],
                    "retry": {"count": 2, "interval": 300},
                }
            ]
        }
    )
    answer = orjson.loads(world.trigger.trigger_ci(session, body))
    batch_id = answer["batch_id"]
    assert re.match(
        r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", batch_id
    )
    assert [loc["id"] for loc in answer["locations"]] == [32153, 30005]
    batch = orjson.loads(world.trigger.get_batch(session, batch_id))["data"]
    assert [r["result_id"] for r in batch["results"]] == [r["result_id"] for r in answer["results"]]
    assert [r["location"] for r in batch["results"]] == ["aws:eu-west-3", "aws:us-east-2"]
    statuses = {r["status"] for r in batch["results"]}
    assert batch["status"] == ("passed" if statuses == {"passed"} else "failed")
    assert all(r["test_type"] == "network" and r["max_retries"] == 2 for r in batch["results"])
    with pytest.raises(NotFound, match=r"Batch does not exist\."):
        world.trigger.get_batch(world.session("elsewhere"), batch_id)
    with pytest.raises(NotFound):
        world.trigger.get_batch(session, "no-such-batch")
    with pytest.raises(BadRequest, match="Invalid location: aws:mars-1"):
        world.trigger.trigger_ci(
            session,
            orjson.dumps({"tests": [{"public_id": public_id, "locations": ["aws:mars-1"]}]}),
        )
    runs = world.trigger.state_of(session).runs
    assert [r.result_id for r in runs][-2:] == [r["result_id"] for r in answer["results"]]


def test_batches_per_session_are_bounded() -> None:
    from netpath_mock.vendors.datadog.ci import MAX_BATCHES

    world = make_world()
    session = world.session()
    body = orjson.dumps({"tests": [{"public_id": universe.public_ids(SEED, 40)[0]}]})
    first = orjson.loads(world.trigger.trigger_ci(session, body))["batch_id"]
    for _ in range(MAX_BATCHES):
        world.trigger.trigger_ci(session, body)
    assert len(world.trigger.state_of(session).batches) == MAX_BATCHES
    with pytest.raises(NotFound):
        world.trigger.get_batch(session, first)


def test_the_orgs_ci_history_reads_from_every_session() -> None:
    from netpath_mock.vendors.datadog.ci import EXAMPLE_BATCH_ID, HISTORY_BATCHES, history_ids

    world = make_world()
    ids = history_ids(SEED)
    assert len(ids) == HISTORY_BATCHES and next(iter(ids)) == EXAMPLE_BATCH_ID
    catalog = set(universe.public_ids(SEED, 40))
    for batch_id in ids:
        a = world.trigger.get_batch(world.session("one"), batch_id)
        assert a == world.trigger.get_batch(world.session("two"), batch_id)
        data = orjson.loads(a)["data"]
        assert data["results"] and {r["test_public_id"] for r in data["results"]} <= catalog
        for result in data["results"]:
            assert int(result["result_id"]) < 2**63
            assert locations.resolve(SEED, result["location"]) is not None
    other_seed = history_ids(SEED + 1)
    assert EXAMPLE_BATCH_ID in other_seed and set(other_seed) != set(ids)
