"""Issue 16, items 2 and 7: a session's edits are bounded in bytes, and an error changes nothing.

Today's main deleted the first listed test of a bulk delete and then answered 400 "Maximum
number of ... edited tests" for the second: the client saw an error, the session had changed.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS
from tests.vendors.datadog.lifecycle_support import icmp_test

BULK_DELETE = "/api/v2/synthetics/tests/bulk-delete"
CREATE = "/api/v2/synthetics/tests/network"
TEST = "/api/v2/synthetics/tests/network/{}"
OVERLAY_ITEMS = 10_000  # the Datadog overlay's count bound


def _headers(session: str) -> dict[str, str]:
    return {**DD_HEADERS, "X-Mock-Session": session}


def _get(live: LiveServer, public_id: str, session: str) -> int:
    return httpx.get(live.url + TEST.format(public_id), headers=_headers(session)).status_code


def test_bulk_delete_refused_for_a_full_overlay_deletes_nothing(server: LiveServer) -> None:
    session = "bulk-atomic-count"
    ids = [
        item["public_id"]
        for item in httpx.get(server.url + "/_mock/catalog?vendor=datadog&limit=3").json()["items"]
    ]
    assert all(_get(server, public_id, session) == 200 for public_id in ids)
    # Fill the session's overlay to one slot below its bound (as 9,999 earlier edits would).
    overlay = server.state.session(session).overlays["datadog"]
    overlay.update({f"filler-{i}": {"id": f"filler-{i}"} for i in range(OVERLAY_ITEMS - 1)})

    response = httpx.post(
        server.url + BULK_DELETE,
        headers=_headers(session),
        json={"data": {"attributes": {"public_ids": ids[:2]}}},
    )

    assert response.status_code == 400
    assert response.json() == {
        "errors": [f"Maximum number of {OVERLAY_ITEMS} edited tests reached for this session"]
    }
    assert [_get(server, public_id, session) for public_id in ids[:2]] == [200, 200]
    # One slot is left: deleting one test still works.
    one = httpx.post(
        server.url + BULK_DELETE,
        headers=_headers(session),
        json={"data": {"attributes": {"public_ids": ids[2:]}}},
    )
    assert one.status_code == 200 and _get(server, ids[2], session) == 404


def test_session_edits_are_bounded_in_bytes(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(session_store_bytes=256 * 1024)
    session = "bytes-bound"
    name = "n" * 60_000
    statuses = [
        httpx.post(live.url + CREATE, headers=_headers(session), json=icmp_test(name))
        for _ in range(8)
    ]
    codes = [r.status_code for r in statuses]
    kept = codes.count(200)
    assert 1 <= kept < 8 and codes == [200] * kept + [400] * (8 - kept), codes
    refused = statuses[-1].json()
    assert list(refused) == ["errors"] and "reached for this session" in refused["errors"][0]
    assert str(256 * 1024) in refused["errors"][0]
    # Another session has its own allowance; a reset gives this one its bytes back.
    assert (
        httpx.post(live.url + CREATE, headers=_headers("other"), json=icmp_test(name)).status_code
        == 200
    )
    httpx.post(live.url + "/_mock/reset", headers={"X-Mock-Session": session})
    assert (
        httpx.post(live.url + CREATE, headers=_headers(session), json=icmp_test(name)).status_code
        == 200
    )


def test_bulk_delete_over_the_byte_bound_deletes_nothing(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server(session_store_bytes=64 * 1024, datadog_test_count=2000)
    session = "bulk-atomic-bytes"
    ids = [
        item["public_id"]
        for item in httpx.get(live.url + "/_mock/catalog?vendor=datadog&limit=1500").json()["items"]
    ]
    response = httpx.post(
        live.url + BULK_DELETE,
        headers=_headers(session),
        json={"data": {"attributes": {"public_ids": ids}}},
    )
    assert response.status_code == 400, response.text
    assert "reached for this session" in response.json()["errors"][0]
    assert _get(live, ids[0], session) == 200 and _get(live, ids[-1], session) == 200


TRIGGER_CI = "/api/v1/synthetics/tests/trigger/ci"


def test_ci_batches_are_bounded_in_bytes(make_server: Callable[..., LiveServer]) -> None:
    """Each CI batch keeps the client's metadata: the oldest batches make room in the session's
    store allowance, so a loop of large triggers cannot grow the server."""
    live = make_server(session_store_bytes=256 * 1024)
    session = "ci-bytes"
    metadata = {"git": {"message": "m" * 60_000}}
    body = {"tests": [{"public_id": "c7a-uwa-wn2", "metadata": metadata}]}
    batch_ids = []
    for _ in range(12):
        response = httpx.post(live.url + TRIGGER_CI, headers=_headers(session), json=body)
        assert response.status_code == 200, response.text
        batch_ids.append(response.json()["batch_id"])
    state = live.state.session(session)
    assert state.store_budget.used <= 256 * 1024
    first = httpx.get(
        live.url + f"/api/v1/synthetics/ci/batch/{batch_ids[0]}", headers=_headers(session)
    )
    last = httpx.get(
        live.url + f"/api/v1/synthetics/ci/batch/{batch_ids[-1]}", headers=_headers(session)
    )
    assert first.status_code == 404 and last.status_code == 200


def test_triggered_runs_count_the_configurations_they_keep(
    make_server: Callable[..., LiveServer],
) -> None:
    """Create a test with a large name, trigger it, delete it, again: the runs keep each
    configuration alive, so each counts against the session until the runs are forgotten."""
    live = make_server(session_store_bytes=512 * 1024)
    session = "ci-runs"
    statuses = []
    for i in range(20):
        created = httpx.post(
            live.url + CREATE, headers=_headers(session), json=icmp_test(f"{i}" + "n" * 60_000)
        )
        if created.status_code != 200:
            statuses.append(created.status_code)
            break
        public_id = created.json()["data"]["id"]
        trigger = {"tests": [{"public_id": public_id}]}
        statuses.append(
            httpx.post(live.url + TRIGGER_CI, headers=_headers(session), json=trigger).status_code
        )
        delete = {"data": {"attributes": {"public_ids": [public_id]}}}
        httpx.post(live.url + BULK_DELETE, headers=_headers(session), json=delete)
    assert statuses[-1] == 400, statuses  # the allowance ran out: the runs are counted
    assert live.state.session(session).store_budget.used <= 512 * 1024 + 70_000
