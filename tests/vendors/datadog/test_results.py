"""Network Path test results without HTTP: the world of runs, ids, filters, coherence.

Every check reads what clients read (the services' JSON bodies) and compares it with facts
derived independently: the test's own configuration and version history, the uptimes' outage
windows, the trigger answers and CI batches.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import MockError
from netpath_mock.core.state import Session
from netpath_mock.vendors.datadog import runs
from netpath_mock.vendors.datadog.results import LIST_CAP, ResultsService
from netpath_mock.vendors.datadog.uptimes import TestUptimes
from tests.vendors.datadog.lifecycle_support import SEED, World, make_world

DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def world() -> World:
    return make_world(200)


@pytest.fixture(scope="module")
def results(world: World) -> ResultsService:
    return world.state.service(ResultsService)


_NO_FILTER: dict[str, Any] = {
    "from_ts": None,
    "to_ts": None,
    "status": None,
    "run_type": None,
    "probe_dc": None,
    "device_id": None,
}


def _list(results: ResultsService, session: Session, public_id: str, **filters: Any) -> list[Any]:
    body = orjson.loads(results.list_body(session, public_id, **{**_NO_FILTER, **filters}))
    assert body["included"][0]["id"] == public_id
    items: list[Any] = body["data"]
    return items


def _get(results: ResultsService, session: Session, public_id: str, result_id: str) -> Any:
    return orjson.loads(results.get_body(session, public_id, result_id))["data"]


def _with_status(world: World, status: str, public_ids: Iterable[str]) -> Iterator[str]:
    session = world.session()
    for public_id in public_ids:
        record = world.service.record(session, public_id)
        assert record is not None
        if record.attributes.get("status") == status:
            yield public_id


def _live_tests(world: World, n: int = 30) -> list[str]:
    return list(itertools.islice(_with_status(world, "live", world.service.base_ids()), n))


def _epoch_ms(world: World) -> int:
    return int(world.state.settings.epoch.timestamp()) * 1000


# --- ids ----------------------------------------------------------------------------------------


def test_result_ids_are_uint63_decimal_strings_and_unique(
    world: World, results: ResultsService
) -> None:
    session = world.session()
    seen: set[str] = set()
    for public_id in _live_tests(world, 10):
        for item in _list(results, session, public_id):
            rid = item["id"]
            assert rid.isdigit() and str(int(rid)) == rid and int(rid) < 2**63
            assert rid not in seen
            seen.add(rid)
    assert len(seen) > 500
    lengths = [len(r) for r in seen]
    # Uniform below 2^63: mostly 19 digits, some 18 (recorded ids are 18-19 digits).
    assert sum(n == 19 for n in lengths) > 0.8 * len(lengths)


def test_ids_the_world_did_not_issue_are_not_found(world: World, results: ResultsService) -> None:
    session = world.session()
    public_id = _live_tests(world, 1)[0]
    rid = _list(results, session, public_id)[0]["id"]
    rng = random.Random(7)
    candidates = [str(rng.getrandbits(63)) for _ in range(300)]
    candidates += [str(int(rid) ^ (1 << bit)) for bit in range(63)]  # one bit flipped
    candidates += ["0", "00" + rid[2:], rid + "0", "-1", "abc", str(2**63), " " + rid]
    for candidate in candidates:
        if candidate == rid:
            continue
        with pytest.raises(MockError) as caught:
            results.get_body(session, public_id, candidate)
        assert caught.value.status == 404
        assert caught.value.message == "Synthetics test result not found"


def test_a_result_is_found_only_under_its_own_test(world: World, results: ResultsService) -> None:
    session = world.session()
    first, second = _live_tests(world, 2)
    rid = _list(results, session, first)[0]["id"]
    assert _get(results, session, first, rid)["id"] == rid
    with pytest.raises(MockError) as caught:
        results.get_body(session, second, rid)
    assert caught.value.status == 404
    with pytest.raises(MockError) as unknown_test:
        results.get_body(session, "zzz-zzz-zzz", rid)
    assert unknown_test.value.message == "Synthetics test not found"


def test_same_seed_same_bytes_in_any_order() -> None:
    one, two = make_world(200), make_world(200)
    r1, r2 = one.state.service(ResultsService), two.state.service(ResultsService)
    s1, s2 = one.session(), two.session()
    ids = _live_tests(one, 6)
    pairs = [(pid, item["id"]) for pid in ids for item in _list(r1, s1, pid)[:: LIST_CAP // 5]]
    forward = [r1.get_body(s1, pid, rid) for pid, rid in pairs]
    backward = [r2.get_body(s2, pid, rid) for pid, rid in reversed(pairs)]
    assert forward == list(reversed(backward))
    assert [r1.list_body(s1, pid, **_NO_FILTER) for pid in ids] == [
        r2.list_body(s2, pid, **_NO_FILTER) for pid in ids
    ]


def test_the_spec_example_result_id_resolves(world: World, results: ResultsService) -> None:
    session = world.session()
    newest = _list(results, session, runs.DOC_TEST)[0]
    assert newest["id"] == runs.DOC_RESULT_ID
    data = _get(results, session, runs.DOC_TEST, runs.DOC_RESULT_ID)
    assert data["attributes"]["result"]["id"] == runs.DOC_RESULT_ID


# --- the world of runs --------------------------------------------------------------------------


def test_every_location_runs_every_tick(world: World, results: ResultsService) -> None:
    session = world.session()
    checked = 0
    for public_id in _live_tests(world, 40):
        record, test_world = results.view(session, public_id)
        assert test_world is not None
        options = record.attributes.get("options") or {}
        if options.get("scheduling") or not test_world.segments:
            continue
        last = test_world.segments[-1]
        tick = last.tick
        if last.end - last.start < 12 * tick or tick > 3600:
            continue
        to_ms = (last.end - 1) * 1000 + 999
        from_ms = to_ms - 10 * tick * 1000 + 1
        items = _list(results, session, public_id, from_ts=from_ms, to_ts=to_ms)
        by_location: dict[str, list[int]] = {}
        for item in items:
            at = item["attributes"]
            assert at["run_type"] == "scheduled"
            by_location.setdefault(at["location"]["id"], []).append(at["started_at"] // 1000)
        assert set(by_location) == set(last.locations)
        for times in by_location.values():
            assert len(times) == 10
            gaps = {a - b for a, b in itertools.pairwise(times)}
            assert gaps == {tick}
        checked += 1
    assert checked >= 5


def test_list_is_newest_first_capped_and_pages_by_to_ts(
    world: World, results: ResultsService
) -> None:
    session = world.session()
    public_id = _live_tests(world, 1)[0]
    first = _list(results, session, public_id)
    assert len(first) == LIST_CAP
    starts = [i["attributes"]["started_at"] for i in first]
    assert starts == sorted(starts, reverse=True)
    assert starts[0] <= _epoch_ms(world)
    second = _list(results, session, public_id, to_ts=starts[-1] - 1)
    assert second[0]["attributes"]["started_at"] < starts[-1]
    assert not {i["id"] for i in first} & {i["id"] for i in second}
    # Nothing between the pages: the window [second's newest, first's oldest] holds both ends.
    bridge = _list(
        results,
        session,
        public_id,
        from_ts=second[0]["attributes"]["started_at"],
        to_ts=starts[-1],
    )
    assert [i["id"] for i in bridge] == [first[-1]["id"], second[0]["id"]]


def test_retention_window_ends_at_the_universes_now(world: World, results: ResultsService) -> None:
    session = world.session()
    epoch_ms = _epoch_ms(world)
    for public_id in _live_tests(world, 8):
        old = _list(results, session, public_id, to_ts=epoch_ms - 30 * DAY_MS - 1)
        assert old == []
        late = _list(results, session, public_id, from_ts=epoch_ms + 1000)
        assert late == []


def test_paused_tests_stop_at_their_pause(world: World, results: ResultsService) -> None:
    session = world.session()
    paused = list(_with_status(world, "paused", world.service.base_ids()[:120]))
    assert len(paused) >= 5
    epoch_ms = _epoch_ms(world)
    stopped_early = 0
    for public_id in paused:
        # Scheduled runs: the org's CI history may still run a paused test.
        items = _list(results, session, public_id, run_type="scheduled")
        meta = world.service.base_meta(public_id)
        pause = runs.paused_at(world.state.seed, public_id, meta.modified_at, epoch_ms // 1000)
        assert all(i["attributes"]["started_at"] < pause * 1000 + 1000 for i in items)
        if items:
            stopped_early += items[0]["attributes"]["started_at"] < epoch_ms - 3_600_000
    assert stopped_early >= 1


def test_a_location_added_later_runs_only_after_the_edit(
    world: World, results: ResultsService
) -> None:
    session = world.session()
    found = 0
    for public_id in world.service.base_ids():
        _, test_world = results.view(session, public_id)
        if test_world is None or len(test_world.segments) < 2:
            continue
        for before, after in zip(test_world.segments, test_world.segments[1:], strict=False):
            added = set(after.locations) - set(before.locations)
            for location in added:
                items = _list(
                    results,
                    session,
                    public_id,
                    probe_dc=[location],
                    to_ts=after.start * 1000 + 1000 * before.tick * 3,
                )
                assert items, (public_id, location)
                assert all(i["attributes"]["started_at"] >= after.start * 1000 for i in items)
                found += 1
        if found >= 3:
            break
    assert found >= 1


def test_a_session_pause_happens_at_its_clock_after_the_universes_now() -> None:
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session("pauser")
    public_id = _live_tests(w, 1)[0]
    before = _list(results, session, public_id)
    w.v1.update_status(session, public_id, b'{"new_status": "paused"}')
    record = w.service.record(session, public_id)
    assert record is not None and record.paused_at is not None
    # The session's first write: one step after the epoch, whatever the host's date.
    assert w.write_second(1) <= record.paused_at < w.write_second(1) + 1
    # Scheduled runs end at the universe's now, before the pause: none is lost.
    assert _list(results, session, public_id)[0]["id"] == before[0]["id"]
    w.v1.update_status(session, public_id, b'{"new_status": "paused"}')
    record = w.service.record(session, public_id)
    assert record is not None and record.paused_at < w.write_second(2)  # the first pause stays
    w.v1.update_status(session, public_id, b'{"new_status": "live"}')
    record = w.service.record(session, public_id)
    assert record is not None and record.paused_at is None


def test_a_pause_before_the_universes_now_stops_the_runs_there() -> None:
    w = make_world(40)
    public_id = _live_tests(w, 1)[0]
    record = w.service.base_record(public_id)
    index = w.service.base_ids().index(public_id)
    history = w.state.service(ResultsService).versions.history(record)
    epoch = int(w.state.settings.epoch.timestamp())
    running = runs.build_world(SEED, epoch, public_id, index, history, record.created_at, None)
    pause = epoch - 6 * 3600
    paused = runs.build_world(SEED, epoch, public_id, index, history, record.created_at, pause)
    newest_running, newest_paused = running.newest(), paused.newest()
    assert newest_running is not None and newest_running[1] > epoch - 3600
    assert newest_paused is not None and newest_paused[1] < pause


def test_a_deleted_test_has_no_results() -> None:
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session("deleter")
    public_id = _live_tests(w, 1)[0]
    rid = _list(results, session, public_id)[0]["id"]
    w.editor.delete(session, [public_id], w.editor.now(session))
    for call in (
        lambda: results.list_body(session, public_id, **_NO_FILTER),
        lambda: results.get_body(session, public_id, rid),
        lambda: results.poll_body(session, orjson.dumps([rid]).decode()),
    ):
        with pytest.raises(MockError) as caught:
            call()
        assert caught.value.status == 404


# --- filters ------------------------------------------------------------------------------------


def test_filters_select_exactly(world: World, results: ResultsService) -> None:
    session = world.session()
    epoch_ms = _epoch_ms(world)
    checked = 0
    for public_id in _live_tests(world, 40):
        window = {"from_ts": epoch_ms - 2 * DAY_MS, "to_ts": epoch_ms - DAY_MS}
        every = _list(results, session, public_id, **window)
        if len(every) >= LIST_CAP or not every:
            continue
        for status in ("passed", "failed"):
            chosen = _list(results, session, public_id, status=status, **window)
            assert [i["id"] for i in chosen] == [
                i["id"] for i in every if i["attributes"]["status"] == status
            ]
        location = every[0]["attributes"]["location"]["id"]
        one = _list(results, session, public_id, probe_dc=[location], **window)
        assert [i["id"] for i in one] == [
            i["id"] for i in every if i["attributes"]["location"]["id"] == location
        ]
        assert _list(results, session, public_id, run_type="triggered", **window) == []
        assert _list(results, session, public_id, run_type="scheduled", **window) == every
        assert _list(results, session, public_id, device_id=["chrome.laptop_large"]) == []
        assert _list(results, session, public_id, status="no_data") == []
        for item in every:
            assert window["from_ts"] <= item["attributes"]["started_at"] <= window["to_ts"]
        checked += 1
    assert checked >= 3


def test_status_filter_finds_failures_over_the_whole_window(
    world: World, results: ResultsService
) -> None:
    """Failed runs are found across 30 days though passing runs outnumber them."""
    session = world.session()
    found = 0
    for public_id in _live_tests(world, 40):
        failed = _list(results, session, public_id, status="failed")
        for item in failed:
            assert item["attributes"]["status"] == "failed"
            full = _get(results, session, public_id, item["id"])
            assert full["attributes"]["result"]["status"] == "failed"
        found += len(failed)
    assert found >= 20


# --- outcomes: status follows the assertions, netstats agree with hops -------------------------


def _check_result(data: dict[str, Any], test: dict[str, Any]) -> None:
    result = data["attributes"]["result"]
    stats = result["netstats"]
    hops = result["netpath"]["hops"]
    request = test["config"]["request"]
    assert [h["ttl"] for h in hops] == list(range(1, len(hops) + 1))
    assert len(hops) <= request["max_ttl"]
    assert stats["packets_sent"] == request["e2e_queries"]
    assert 0 <= stats["packets_received"] <= stats["packets_sent"]
    loss = stats["packet_loss_percentage"]
    assert loss == pytest.approx(1 - stats["packets_received"] / stats["packets_sent"])
    reachable = [h["ttl"] for h in hops if h["reachable"]]
    assert stats["hops"]["max"] == (reachable[-1] if reachable else 0)
    assert stats["hops"]["min"] <= stats["hops"]["avg"] <= stats["hops"]["max"]
    if stats["packets_received"]:
        latency = stats["latency"]
        assert latency["min"] <= latency["avg"] <= latency["max"]
        last = hops[-1]
        assert last["reachable"] and last["ip_address"] == result["resolved_ip"]
        assert latency["min"] <= last["rtt"] <= latency["max"]
    else:
        assert result["status"] == "failed"
    assert result["netpath"]["protocol"] == test["subtype"].upper()
    assertions = test["config"]["assertions"]
    failure = result.get("failure")
    if result["status"] == "passed":
        assert failure is None
        assert all(a["valid"] for a in result["assertions"])
        assert len(result["assertions"]) == len(assertions)
    elif failure["code"] == "NETUNREACH":
        assert stats["packets_received"] == 0
    else:
        assert failure["code"] == "INCORRECT_ASSERTION"
        assert orjson.loads(failure["message"]) == result["assertions"]
        assert any(not a["valid"] for a in result["assertions"])
    for reported, configured in zip(result["assertions"], assertions, strict=False):
        assert reported["type"] == configured["type"]
        assert float(reported["expected"]) == float(configured["target"])
        actual = reported["actual"]
        kind = configured["type"]
        prop = configured.get("property", "avg")
        if kind == "latency":
            assert actual == stats["latency"][prop]
        elif kind == "packetLossPercentage":
            assert actual == loss
        elif kind == "jitter":
            assert actual == stats["jitter"]
        elif kind == "multiNetworkHop":
            assert actual == stats["hops"][prop]


def test_summaries_and_full_results_agree(world: World, results: ResultsService) -> None:
    session = world.session()
    statuses = set()
    codes = set()
    for public_id in _live_tests(world, 30):
        record = world.service.record(session, public_id)
        assert record is not None
        items = _list(results, session, public_id)
        failed = _list(results, session, public_id, status="failed")
        for item in [*items[:: LIST_CAP // 4], *failed[:3]]:
            data = _get(results, session, public_id, item["id"])
            summary = item["attributes"]
            full = data["attributes"]
            assert full["result"]["status"] == summary["status"]
            assert full["result"]["started_at"] == summary["started_at"]
            assert full["result"]["finished_at"] == summary["finished_at"]
            assert full["location"] == summary["location"]
            assert summary["test_sub_type"] == full["test_sub_type"]
            test = record.attributes if summary["test_version"] == record.version_count else None
            if test is not None:
                _check_result(data, test)
            statuses.add(summary["status"])
            codes.add((full["result"].get("failure") or {}).get("code"))
    assert statuses == {"passed", "failed"}
    assert "INCORRECT_ASSERTION" in codes


def test_runs_fail_during_the_tests_uptime_outages(world: World, results: ResultsService) -> None:
    """FetchUptimes' alert windows are the windows in which every location fails."""
    session = world.session()
    uptimes = world.state.service(TestUptimes)
    epoch = int(world.state.settings.epoch.timestamp())
    seen = 0
    for public_id in _live_tests(world, 60):
        payload = {"public_ids": [public_id], "from_ts": epoch - 20 * 86400, "to_ts": epoch}
        answer = orjson.loads(uptimes.fetch(session, orjson.dumps(payload)))[0]
        history = answer["overall"]["history"]
        for (start, state), (end, _) in itertools.pairwise(history):
            if state != 1 or end - start < 600:
                continue
            inside = _list(results, session, public_id, from_ts=start * 1000, to_ts=end * 1000 - 1)
            scheduled = [i for i in inside if i["attributes"]["started_at"] // 1000 < end]
            assert all(i["attributes"]["status"] == "failed" for i in scheduled), public_id
            seen += len(scheduled)
    assert seen >= 10


# --- triggered and CI runs ------------------------------------------------------------------------


def test_triggered_and_ci_runs_are_results_with_their_run_type() -> None:
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session("trigger")
    public_id = _live_tests(w, 1)[0]
    plain = orjson.loads(
        w.trigger.trigger(session, orjson.dumps({"tests": [{"public_id": public_id}]}))
    )
    ci = orjson.loads(
        w.trigger.trigger_ci(session, orjson.dumps({"tests": [{"public_id": public_id}]}))
    )
    batch = orjson.loads(w.trigger.get_batch(session, ci["batch_id"]))["data"]
    plain_ids = [r["result_id"] for r in plain["results"]]
    ci_ids = [r["result_id"] for r in ci["results"]]
    for rid in plain_ids:
        data = _get(results, session, public_id, rid)
        assert data["attributes"]["result"]["run_type"] == "triggered"
        assert "batch" not in data["attributes"]
    by_id = {r["result_id"]: r for r in batch["results"]}
    for rid in ci_ids:
        data = _get(results, session, public_id, rid)
        result = data["attributes"]["result"]
        assert result["run_type"] == "ci"
        assert data["attributes"]["batch"] == {"id": ci["batch_id"]}
        # The batch reports the result's own verdict and duration.
        assert by_id[rid]["status"] == result["status"]
        assert by_id[rid]["duration"] == result["duration"]
        assert result["triggered_at"] <= result["started_at"] <= result["finished_at"]
    listed = _list(results, session, public_id, run_type="triggered")
    assert {i["id"] for i in listed} == set(plain_ids)
    assert {i["id"] for i in _list(results, session, public_id, run_type="ci")} >= set(ci_ids)
    # Triggered after the universe's now: they lead the unfiltered list.
    newest = {i["id"] for i in _list(results, session, public_id)[: len(plain_ids) + len(ci_ids)]}
    assert newest == set(plain_ids) | set(ci_ids)
    # Another session did not trigger them.
    with pytest.raises(MockError):
        results.get_body(w.session("other"), public_id, plain_ids[0])


def test_a_triggered_result_keeps_the_configuration_it_ran() -> None:
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session("edit-after")
    public_id = _live_tests(w, 1)[0]
    answer = orjson.loads(
        w.trigger.trigger(session, orjson.dumps({"tests": [{"public_id": public_id}]}))
    )
    rid = answer["results"][0]["result_id"]
    before = _get(results, session, public_id, rid)
    record = w.service.record(session, public_id)
    assert record is not None
    changed = dict(record.attributes)
    changed["config"] = {
        **record.attributes["config"],
        "request": {**record.attributes["config"]["request"], "e2e_queries": 7},
    }
    changed.pop("public_id", None)
    body = orjson.dumps({"data": {"type": "network", "attributes": changed}})
    w.editor.update(session, public_id, body)
    assert _get(results, session, public_id, rid) == before
    assert before["attributes"]["result"]["netstats"]["packets_sent"] != 7


def test_the_orgs_ci_history_runs_are_results(world: World, results: ResultsService) -> None:
    session = world.session()
    batch = orjson.loads(world.trigger.get_batch(session, "5b7c2c8e-3f7e-4d1a-9b1e-2f0c6d8a4e11"))
    for run in batch["data"]["results"]:
        data = _get(results, session, run["test_public_id"], run["result_id"])
        assert data["attributes"]["result"]["run_type"] == "ci"
        assert data["attributes"]["result"]["status"] == run["status"]
        assert data["attributes"]["location"]["id"] == run["location"]


# --- poll -----------------------------------------------------------------------------------------


def test_poll_answers_found_results_in_order(world: World, results: ResultsService) -> None:
    session = world.session()
    a, b = _live_tests(world, 2)
    ids = [
        _list(results, session, a)[3]["id"],
        "1234567890123456789",
        _list(results, session, b)[0]["id"],
    ]
    body = orjson.loads(results.poll_body(session, orjson.dumps(ids).decode()))
    assert [d["id"] for d in body["data"]] == [ids[0], ids[2]]
    assert {i["id"] for i in body["included"]} == {a, b}
    assert body["data"][0] == _get(results, session, a, ids[0])
    with pytest.raises(MockError) as none:
        results.poll_body(session, '["1234567890123456789"]')
    assert none.value.status == 404


@pytest.mark.parametrize(
    "raw", ["", "[", "{}", "[1]", '"x"', "[]", orjson.dumps(["1"] * 101).decode()]
)
def test_poll_refuses_what_is_not_a_json_array_of_ids(
    world: World, results: ResultsService, raw: str
) -> None:
    with pytest.raises(MockError) as caught:
        results.poll_body(world.session(), raw)
    assert caught.value.status == 400


# --- fixtures -------------------------------------------------------------------------------------


def test_result_fixtures_are_checked_at_start_up() -> None:
    from netpath_mock.vendors.datadog.spec import parse_fixture

    good = {
        "vendor": "datadog",
        "kind": "network-test-result",
        "public_id": "abc-def-123",
        "data": {
            "id": "42",
            "type": "result",
            "attributes": {
                "location": {"id": "aws:us-east-1", "name": "N. Virginia (AWS)"},
                "result": {"id": "42", "status": "passed", "started_at": 1, "finished_at": 2},
                "test_type": "network",
                "test_sub_type": "tcp",
            },
        },
    }
    key, value = parse_fixture(good)
    assert key == ("result", "42") and value[0] == "abc-def-123"
    mismatch = orjson.loads(orjson.dumps(good))
    mismatch["data"]["attributes"]["result"]["id"] = "43"
    too_big = orjson.loads(orjson.dumps(good).replace(b'"42"', b'"9223372036854775808"'))
    unknown = orjson.loads(orjson.dumps(good))
    unknown["data"]["attributes"]["result"]["colour"] = "red"
    for bad, field in ((mismatch, "result.id"), (too_big, "below 2"), (unknown, "colour")):
        with pytest.raises(ValueError, match=field):
            parse_fixture(bad)


def test_cached_result_bodies_never_cross_a_sessions_edit() -> None:
    w = make_world(40)
    results = w.state.service(ResultsService)
    public_id = _live_tests(w, 1)[0]
    reader, editor = w.session("reader"), w.session("editor")
    rid = _list(results, reader, public_id)[0]["id"]
    first = results.get_body(reader, public_id, rid)
    assert results.get_body(reader, public_id, rid) == first  # cached from here on
    assert results.get_body(reader, public_id, rid) == first
    record = w.service.record(editor, public_id)
    assert record is not None
    renamed = {k: v for k, v in record.attributes.items() if k != "public_id"}
    renamed["name"] = "Renamed in the editor's session"
    w.editor.update(
        editor, public_id, orjson.dumps({"data": {"type": "network", "attributes": renamed}})
    )
    edited = orjson.loads(results.get_body(editor, public_id, rid))
    assert edited["included"][0]["attributes"]["name"] == "Renamed in the editor's session"
    assert edited["data"] == orjson.loads(first)["data"]  # the run itself is history
    assert results.get_body(reader, public_id, rid) == first
    w.editor.delete(editor, [public_id], w.editor.now(editor))
    with pytest.raises(MockError):
        results.get_body(editor, public_id, rid)


def test_runs_follow_the_version_history_the_api_shows(world: World) -> None:
    from netpath_mock.vendors.datadog.results import version_payloads
    from netpath_mock.vendors.datadog.versions import generated_history

    seed = world.state.seed
    for public_id in world.service.base_ids()[:60]:
        attributes = world.service.base_data(public_id)["attributes"]
        meta = world.service.base_meta(public_id)
        shown = generated_history(seed, public_id, attributes, meta)
        used = version_payloads(seed, public_id, attributes, meta)
        assert [(v.number, v.at, v.payload) for v in used] == [
            (v.number, v.at, v.payload) for v in shown
        ]
    # Both share their payloads' code: check the runs against the versions API's answers.
    session = world.session()
    results = world.state.service(ResultsService)
    checked = 0
    for public_id in world.service.base_ids()[:60]:
        _, test_world = results.view(session, public_id)
        if test_world is None:
            continue
        for segment in test_world.segments:
            answer = world.versions.get(
                session,
                public_id,
                str(segment.version),
                include_change_metadata=False,
                only_check_existence=False,
            )
            version = orjson.loads(answer)["data"]["attributes"]
            assert segment.attributes == version["payload"], (public_id, segment.version)
            saved = datetime.fromisoformat(version["version_payload_created_at"]).timestamp()
            assert segment.start >= saved  # a version runs from its save on
            checked += 1
    assert checked >= 60


def test_a_result_of_an_edited_test_builds_its_history_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The result GETs view the test once: an edited test's history is not built twice."""
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session("edited-once")
    public_id = _live_tests(w, 1)[0]
    rid = _list(results, session, public_id)[0]["id"]
    record = w.service.record(session, public_id)
    assert record is not None
    renamed = {k: v for k, v in record.attributes.items() if k != "public_id"}
    renamed["name"] = "Edited, then read"
    w.editor.update(
        session, public_id, orjson.dumps({"data": {"type": "network", "attributes": renamed}})
    )
    built: list[str] = []
    history = results.versions.history

    def counted(edited: Any) -> Any:
        built.append(edited.public_id)
        return history(edited)

    monkeypatch.setattr(results.versions, "history", counted)
    assert _get(results, session, public_id, rid)["id"] == rid
    assert orjson.loads(results.v1_get_body(session, public_id, rid))["result_id"] == rid
    assert built == [public_id, public_id]


def test_a_fixture_only_test_has_results_found_by_their_ids() -> None:
    """A fixture test the catalog does not generate is indexed after the generated ones."""
    from netpath_mock.vendors.datadog import universe
    from netpath_mock.vendors.datadog.service import build_test

    public_id = universe.public_id_from_int(123_456_789)
    assert public_id not in universe.public_ids(SEED, 40)
    data = build_test(SEED, public_id)
    data["attributes"]["status"] = "live"
    w = make_world(40, fixtures={public_id: data})
    results = w.state.service(ResultsService)
    session = w.session()
    items = _list(results, session, public_id)
    assert len(items) == LIST_CAP
    for item in items[:: LIST_CAP // 5]:
        assert _get(results, session, public_id, item["id"])["id"] == item["id"]
    polled = orjson.loads(results.poll_body(session, orjson.dumps([items[0]["id"]]).decode()))
    assert [i["id"] for i in polled["included"]] == [public_id]
    with pytest.raises(MockError) as caught:
        results.get_body(session, universe.public_ids(SEED, 40)[0], items[0]["id"])
    assert caught.value.message == "Synthetics test result not found"


def test_a_poll_reads_each_test_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten results of one test: one `included` test, read once, not once per result."""
    w = make_world(40)
    results = w.state.service(ResultsService)
    session = w.session()
    public_id = _live_tests(w, 1)[0]
    ids = [item["id"] for item in _list(results, session, public_id)[:10]]
    read: list[str] = []
    record = results.tests.record

    def counted(session: Session, test_id: str) -> Any:
        read.append(test_id)
        return record(session, test_id)

    monkeypatch.setattr(results.tests, "record", counted)
    body = orjson.loads(results.poll_body(session, orjson.dumps(ids).decode()))
    assert [d["id"] for d in body["data"]] == ids
    assert [i["id"] for i in body["included"]] == [public_id]
    assert read == [public_id]


def test_a_generated_paused_test_edited_in_a_session_still_stops_at_its_pause() -> None:
    w = make_world(200)
    results = w.state.service(ResultsService)
    epoch_ms = _epoch_ms(w)
    untouched, editor = w.session("untouched"), w.session("renamer")
    checked = 0
    for public_id in _with_status(w, "paused", w.service.base_ids()):
        before = _list(results, untouched, public_id, run_type="scheduled")
        if not before or before[0]["attributes"]["started_at"] >= epoch_ms - 3_600_000:
            continue  # no run, or paused too recently to tell
        record = w.service.record(editor, public_id)
        assert record is not None
        renamed = {k: v for k, v in record.attributes.items() if k != "public_id"}
        renamed["name"] = "Renamed while paused"
        w.editor.update(
            editor, public_id, orjson.dumps({"data": {"type": "network", "attributes": renamed}})
        )
        after = _list(results, editor, public_id, run_type="scheduled")
        assert [i["id"] for i in after] == [i["id"] for i in before], public_id
        checked += 1
        if checked == 3:
            break
    assert checked >= 1
