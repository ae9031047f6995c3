"""Datadog writes take their time from the session's simulated clock (clock.py), not the host's.

The same write requests give the same bytes in two sessions of one server (answered at
different host times), in a separate process, and in an in-process org whose real clock is
elsewhere; every written time lies in its write's second after the epoch (2026-11-01), never on
the host's date.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import httpx
import orjson

from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from netpath_mock.vendors.datadog.clock import STEP_SECONDS
from tests.conftest import DD_HEADERS, SEED
from tests.vendors.datadog.lifecycle_support import (
    assert_in_write_second,
    edit_body,
    make_world,
)

ROOT = Path(__file__).resolve().parents[3]


def transcript(client: httpx.Client, session: str) -> list[tuple[int, bytes]]:
    """Create, read, patch, pause, trigger, CI-trigger, read the history, delete: every answer."""
    headers = {**DD_HEADERS, "X-Mock-Session": session}
    out: list[tuple[int, bytes]] = []

    def call(method: str, url: str, body: bytes | None = None) -> bytes:
        response = client.request(method, url, content=body, headers=headers)
        out.append((response.status_code, response.content))
        return response.content

    created = orjson.loads(call("POST", "/api/v2/synthetics/tests/network", edit_body()))
    public_id = created["data"]["id"]
    second = orjson.loads(call("POST", "/api/v2/synthetics/tests/network", edit_body(name="B")))
    test = f"/api/v1/synthetics/tests/{public_id}"
    call("GET", test)
    patch = {"data": [{"op": "replace", "path": "/name", "value": "Patched"}]}
    call("PATCH", test, orjson.dumps(patch))
    call("PUT", f"{test}/status", b'{"new_status": "paused"}')
    call("PUT", f"{test}/status", b'{"new_status": "live"}')
    tests = orjson.dumps({"tests": [{"public_id": public_id}]})
    call("POST", "/api/v1/synthetics/tests/trigger", tests)
    batch = orjson.loads(call("POST", "/api/v1/synthetics/tests/trigger/ci", tests))
    call("GET", f"/api/v1/synthetics/ci/batch/{batch['batch_id']}")
    call("GET", f"/api/v2/synthetics/tests/{public_id}/version_history")
    call("GET", f"/api/v2/synthetics/tests/{public_id}/version_history/2")
    call("GET", test)
    call("POST", "/api/v1/synthetics/tests/delete", orjson.dumps({"public_ids": [public_id]}))
    bulk = {"data": {"type": "delete_tests_request", "attributes": {"public_ids": []}}}
    bulk["data"]["attributes"]["public_ids"] = [second["data"]["id"]]
    call("POST", "/api/v2/synthetics/tests/bulk-delete", orjson.dumps(bulk))
    return out


def test_two_sessions_and_two_processes_write_the_same_bytes(
    http: httpx.Client, server: LiveServer
) -> None:
    first = transcript(http, "write-clock-a")
    second = transcript(http, "write-clock-b")
    assert [status for status, _ in first] == [200] * len(first)
    assert first == second
    script = (
        "import httpx, orjson, sys\n"
        "from netpath_mock.core.settings import Settings\n"
        "from netpath_mock.testing import LiveServer\n"
        "from tests.vendors.datadog.test_write_clock import transcript\n"
        f"with LiveServer(Settings(seed={SEED})) as live, "
        "httpx.Client(base_url=live.url, timeout=10) as client:\n"
        "    answers = transcript(client, 'write-clock-other-process')\n"
        "sys.stdout.buffer.write(orjson.dumps([[s, b.decode()] for s, b in answers]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=True, timeout=120
    )
    other = [(status, body.encode()) for status, body in orjson.loads(run.stdout)]
    assert other == first
    # Writes: create 1, create 2, patch 3, pause 4, resume 5, trigger 6, CI 7, deletes 8 and 9.
    epoch = server.settings.epoch.timestamp()
    v1 = orjson.loads(first[2][1])
    assert v1["created_at"] == v1["modified_at"]
    assert_in_write_second(v1["created_at"], epoch, 1)
    assert_in_write_second(orjson.loads(first[3][1])["modified_at"], epoch, 3)
    version = orjson.loads(first[10][1])["data"]["attributes"]
    assert_in_write_second(version["version_payload_created_at"], epoch, 3)
    assert_in_write_second(orjson.loads(first[12][1])["deleted_tests"][0]["deleted_at"], epoch, 8)
    deleted = orjson.loads(first[13][1])["data"][0]["attributes"]["deleted_at"]
    assert_in_write_second(deleted, epoch, 9)


def test_the_host_clock_changes_nothing_but_the_session_clock_moves() -> None:
    early, late = make_world(), make_world()
    late.clock[0] += 86_400 * 40  # the real clock, forty days on: only rate limits see it
    answers = []
    for world in (early, late):
        session = world.session("same")
        created = world.editor.create(session, edit_body())
        public_id = orjson.loads(created)["data"]["id"]
        answers.append(
            (
                created,
                world.v1.get_test(session, public_id),
                world.editor.update(session, public_id, edit_body(name="Renamed")),
                world.v1.get_test(session, public_id),
                world.v1.delete_tests(session, orjson.dumps({"public_ids": [public_id]})),
            )
        )
    assert answers[0] == answers[1]
    created_v1, updated_v1 = orjson.loads(answers[0][1]), orjson.loads(answers[0][3])
    early.assert_written(created_v1["created_at"], 1)
    early.assert_written(updated_v1["modified_at"], 2)
    assert updated_v1["created_at"] == created_v1["created_at"]
    assert updated_v1["monitor_id"] == created_v1["monitor_id"]
    assert early.session("same").clock("datadog", STEP_SECONDS).ticks == 3


def test_a_reset_session_starts_its_clock_at_the_epoch_again() -> None:
    world = make_world()
    session = world.session("again")
    first = world.editor.create(session, edit_body())
    world.editor.create(session, edit_body())
    world.state.reset("again")
    assert world.editor.create(world.session("again"), edit_body()) == first


def test_settings_epoch_moves_every_written_time() -> None:
    later = Settings(seed=SEED, epoch=datetime.fromisoformat("2027-03-01T00:00:00+00:00"))
    with LiveServer(later) as live, httpx.Client(base_url=live.url, timeout=10) as client:
        answers = transcript(client, "epoch")
    assert_in_write_second(orjson.loads(answers[2][1])["created_at"], later.epoch.timestamp(), 1)
