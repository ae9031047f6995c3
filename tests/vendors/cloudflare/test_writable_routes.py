"""The DEX writable operations over HTTP: contract-valid answers, sessions, errors, downloads."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from netpath_mock.testing import LiveServer
from netpath_mock.vendors.cloudflare.commands import DOC_COMMAND_ID
from netpath_mock.vendors.cloudflare.stores import dex_state
from tests.conftest import DOC_ACCOUNT, TOKEN
from tests.contract.validation import validate

CONTRACT = "cloudflare-dex.openapi.json"
BASE = f"/client/v4/accounts/{DOC_ACCOUNT}/dex"
PLACEHOLDER = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
DOWNLOAD = f"{BASE}/commands/{DOC_COMMAND_ID}/downloads/{DOC_COMMAND_ID}.zip"
NEW_TEST = {
    "name": "Checkout page",
    "interval": "15m",
    "enabled": True,
    "data": {"host": "https://shop.example.com/checkout", "kind": "http"},
}


@pytest.fixture
def call(
    http: httpx.Client, cf_headers: dict[str, str], session_headers: dict[str, str]
) -> Callable[..., httpx.Response]:
    """A request in the test's own X-Mock-Session, its answer checked against the contract."""

    def send(method: str, path: str, json: Any = None, **kw: Any) -> httpx.Response:
        headers = {**cf_headers, **session_headers, **kw.pop("headers", {})}
        response = http.request(method, path, json=json, headers=headers, **kw)
        validate(CONTRACT, response)
        return response

    return send


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert document["success"] is True and document["errors"] == []
    return document["result"]


def failure(response: httpx.Response, status: int, code: int) -> str:
    assert response.status_code == status, response.text
    document = response.json()
    assert document["success"] is False and document["result"] is None
    assert document["errors"][0]["code"] == code, document
    message: str = document["errors"][0]["message"]
    return message


@pytest.mark.parametrize("prefix", ["/client/v4", ""])
def test_every_read_answers_the_contract(call: Callable[..., httpx.Response], prefix: str) -> None:
    base = prefix + BASE.removeprefix("/client/v4")
    assert ok(call("GET", f"{base}/devices/dex_tests"))
    assert ok(call("GET", f"{base}/devices/dex_tests/{PLACEHOLDER}"))["test_id"] == PLACEHOLDER
    assert ok(call("GET", f"{base}/rules?page=1&per_page=10"))["rules"]
    assert ok(call("GET", f"{base}/rules/{PLACEHOLDER}"))["id"] == PLACEHOLDER
    assert ok(call("GET", f"{base}/commands?page=1&per_page=10"))["commands"]
    assert ok(call("GET", f"{base}/commands/devices?page=1&per_page=10"))["devices"]
    assert ok(call("GET", f"{base}/commands/quota"))["quota"] == 50


def test_dex_test_lifecycle_over_http(
    call: Callable[..., httpx.Response], http: httpx.Client, session_headers: dict[str, str]
) -> None:
    created = ok(call("POST", f"{BASE}/devices/dex_tests", NEW_TEST))
    test_id = created["test_id"]
    assert created["interval"] == "0h15m0s"
    listed = ok(call("GET", f"{BASE}/devices/dex_tests?per_page=50"))
    assert test_id in [t["test_id"] for t in listed]
    changed = {**NEW_TEST, "enabled": False}
    assert ok(call("PUT", f"{BASE}/devices/dex_tests/{test_id}", changed))["enabled"] is False
    assert ok(call("GET", f"{BASE}/devices/dex_tests/{test_id}"))["enabled"] is False
    remaining = ok(call("DELETE", f"{BASE}/devices/dex_tests/{test_id}"))["dex_tests"]
    assert test_id not in [t["test_id"] for t in remaining]
    message = failure(call("GET", f"{BASE}/devices/dex_tests/{test_id}"), 404, 1001)
    assert message == "DEX test not found"
    # Another session never saw it; a reset forgets the session's deletes too.
    ok(call("DELETE", f"{BASE}/devices/dex_tests/{PLACEHOLDER}"))
    failure(call("GET", f"{BASE}/devices/dex_tests/{PLACEHOLDER}"), 404, 1001)
    reset = http.post("/_mock/reset", headers=session_headers)
    assert reset.status_code == 200
    assert ok(call("GET", f"{BASE}/devices/dex_tests/{PLACEHOLDER}"))["test_id"] == PLACEHOLDER


def test_rule_lifecycle_over_http(call: Callable[..., httpx.Response]) -> None:
    created = ok(call("POST", f"{BASE}/rules", {"name": "Pilot", "match": 'os.name == "mac"'}))
    rule_id = created["id"]
    targeted = {**NEW_TEST, "target_policies": [{"id": rule_id}]}
    test = ok(call("POST", f"{BASE}/devices/dex_tests", targeted))
    assert test["target_policies"] == [{"default": False, "id": rule_id, "name": "Pilot"}]
    rule = ok(call("GET", f"{BASE}/rules/{rule_id}"))
    assert [t["test_id"] for t in rule["targeted_tests"]] == [test["test_id"]]
    patched = ok(call("PATCH", f"{BASE}/rules/{rule_id}", {"name": "Pilot 2"}))
    assert patched["name"] == "Pilot 2" and patched["match"] == 'os.name == "mac"'
    assert call("DELETE", f"{BASE}/rules/{rule_id}").json()["result"] is True
    failure(call("GET", f"{BASE}/rules/{rule_id}"), 404, 1001)
    assert ok(call("GET", f"{BASE}/devices/dex_tests/{test['test_id']}"))["targeted"] is False


def test_command_lifecycle_over_http(call: Callable[..., httpx.Response]) -> None:
    devices = ok(call("GET", f"{BASE}/commands/devices?page=1&per_page=50"))["devices"]
    device = next(d for d in devices if d["eligible"] and d["status"] == "connected")
    order = {"device_id": device["deviceId"], "user_email": device["personEmail"], "type": "pcap"}
    created = ok(call("POST", f"{BASE}/commands", {"commands": [order]}))["commands"][0]
    assert created["status"] == "PENDING_EXEC"
    statuses = []
    for _ in range(2):
        listed = ok(call("GET", f"{BASE}/commands?page=1&per_page=50"))["commands"]
        statuses.append(next(c for c in listed if c["id"] == created["id"])["status"])
    assert statuses == ["PENDING_UPLOAD", "SUCCESS"]
    filename = f"{created['id']}.zip"
    download = call("GET", f"{BASE}/commands/{created['id']}/downloads/{filename}")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert archive.testzip() is None
    assert {"default-interface.pcap", "warp-tunnel.pcap"} == set(archive.namelist())


def test_download_headers(call: Callable[..., httpx.Response]) -> None:
    response = call("GET", DOWNLOAD)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-length"] == str(len(response.content))
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-disposition"] == f"attachment; filename*={DOC_COMMAND_ID}.zip"
    assert response.headers["last-modified"].endswith(" GMT")
    assert len(response.headers["etag"]) == 12
    assert response.headers["server"] == "cloudflare" and "cf-ray" in response.headers
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    assert call("GET", DOWNLOAD).content == response.content


def test_downloads_are_byte_identical_across_servers(
    call: Callable[..., httpx.Response], make_server: Callable[..., LiveServer]
) -> None:
    other = make_server()
    with httpx.Client(base_url=other.url) as client:
        again = client.get(DOWNLOAD, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200
    assert again.content == call("GET", DOWNLOAD).content


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (f"{BASE}/commands/{DOC_COMMAND_ID}/downloads/filename", 1001),
        (f"{BASE}/commands/{uuid.UUID(int=5, version=4)}/downloads/x.zip", 1001),
        (f"{BASE}/devices/dex_tests/{uuid.UUID(int=5, version=4)}", 1001),
        (f"{BASE}/rules/{uuid.UUID(int=5, version=4)}", 1001),
    ],
)
def test_unknown_objects_are_404(call: Callable[..., httpx.Response], path: str, code: int) -> None:
    failure(call("GET", path), 404, code)


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE}/devices/dex_tests/not-a-uuid",
        f"{BASE}/rules/rule_id",
        f"{BASE}/commands/command_id/downloads/filename",
        f"/client/v4/accounts/{'x' * 32}/dex/rules?page=1&per_page=1",
    ],
)
def test_malformed_ids_are_route_errors(call: Callable[..., httpx.Response], path: str) -> None:
    failure(call("GET", path), 400, 7003)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (f"{BASE}/rules?per_page=10", 11004),
        (f"{BASE}/rules?page=1", 11004),
        (f"{BASE}/rules?page=0&per_page=10", 11005),
        (f"{BASE}/rules?page=1&per_page=10&sort_by=id", 11005),
        (f"{BASE}/commands?page=1&per_page=51", 11005),
        (f"{BASE}/commands?page=1&per_page=5&status=DONE", 11005),
        (f"{BASE}/commands?page=1&per_page=5&from=yesterday", 11005),
        (f"{BASE}/commands/devices?page=1", 11004),
        (f"{BASE}/devices/dex_tests?kind=ping", 11005),
        (f"{BASE}/devices/dex_tests?per_page=0", 11005),
    ],
)
def test_bad_query_parameters_are_400(
    call: Callable[..., httpx.Response], path: str, code: int
) -> None:
    failure(call("GET", path), 400, code)


@pytest.mark.parametrize(
    ("method", "path", "content", "code", "named"),
    [
        ("POST", "/devices/dex_tests", b"{", 6007, "Malformed JSON"),
        ("POST", "/devices/dex_tests", b'{"name": "x"}', 11004, "interval"),
        ("PUT", f"/devices/dex_tests/{PLACEHOLDER}", b'{"name":1}', 11005, "name"),
        ("POST", "/rules", b'{"name": "x", "match": 5}', 11005, "match"),
        ("PATCH", f"/rules/{PLACEHOLDER}", b"[]", 11005, "body"),
        ("POST", "/commands", b'{"commands": [{"device_id": "device_id", "type": "pcap", '
         b'"user_email": "user_email"}]}', 11004, "device_id"),
    ],
)  # fmt: skip
def test_bad_bodies_are_400(
    call: Callable[..., httpx.Response],
    method: str,
    path: str,
    content: bytes,
    code: int,
    named: str,
) -> None:
    message = failure(call(method, BASE + path, content=content), 400, code)
    assert named in message


def test_writes_need_the_dex_write_permission(make_server: Callable[..., LiveServer]) -> None:
    server = make_server(
        credentials={
            "cloudflare": {
                "tokens": [
                    {"token": "reader", "permissions": ["Cloudflare DEX Read"]},
                    {"token": "writer", "permissions": ["Cloudflare DEX Write"]},
                ]
            }
        }
    )
    with httpx.Client(base_url=server.url) as client:
        reader = {"Authorization": "Bearer reader"}
        writer = {"Authorization": "Bearer writer"}
        assert client.get(f"{BASE}/devices/dex_tests", headers=reader).status_code == 200
        for method, path, body in (
            ("POST", "/devices/dex_tests", NEW_TEST),
            ("DELETE", f"/devices/dex_tests/{PLACEHOLDER}", None),
            ("PATCH", f"/rules/{PLACEHOLDER}", {}),
            ("POST", "/commands", {"commands": []}),
        ):
            refused = client.request(method, BASE + path, json=body, headers=reader)
            assert failure(refused, 403, 10000) == "Authentication error"
        created = client.post(f"{BASE}/devices/dex_tests", json=NEW_TEST, headers=writer)
        assert created.status_code == 200


def test_a_full_session_store_answers_400(
    call: Callable[..., httpx.Response], server: LiveServer, session_headers: dict[str, str]
) -> None:
    session = server.state.session(session_headers["X-Mock-Session"])
    dex_state(session).budget.max_objects = 2  # the account's entry and one object
    ok(call("POST", f"{BASE}/devices/dex_tests", NEW_TEST))
    message = failure(call("POST", f"{BASE}/rules", {"name": "r", "match": "m"}), 400, 11010)
    assert "X-Mock-Session" in message
    # Nothing was half-stored: the rule is not there.
    rules = ok(call("GET", f"{BASE}/rules?page=1&per_page=50"))["rules"]
    assert "r" not in [r["name"] for r in rules]


# --- session edits reach the read-only operations (issue 13: "404 everywhere") ---------------

WINDOW = "from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z&interval=hour"
ISP_DEVICE = "cb49c27f-7f97-49c5-b6f3-f7c01ead0fd7"  # a Windows desktop with traceroute runs


def _isps(call: Callable[..., httpx.Response], **kw: Any) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = ok(
        call("GET", f"{BASE}/devices/{ISP_DEVICE}/isps?per_page=50", **kw)
    )["isps"]
    return listed


def _result(call: Callable[..., httpx.Response], rid: str, **kw: Any) -> httpx.Response:
    return call("GET", f"{BASE}/traceroute-test-results/{rid}/network-path", **kw)


def test_a_deleted_test_is_gone_from_isps_results_and_analytics(
    call: Callable[..., httpx.Response],
) -> None:
    before = _isps(call)
    test_id, rid = before[0]["test_id"], before[0]["test_result_id"]
    assert ok(_result(call, rid))["testId"] == test_id
    assert call("DELETE", f"{BASE}/devices/dex_tests/{test_id}").status_code == 200
    after = _isps(call)
    assert after and test_id not in {i["test_id"] for i in after}
    assert {i["test_id"] for i in after} <= {i["test_id"] for i in before}
    message = failure(_result(call, rid), 404, 1001)
    assert message == "Traceroute test result not found"
    failure(call("GET", f"{BASE}/traceroute-tests/{test_id}?{WINDOW}"), 404, 1001)
    overview = ok(call("GET", f"{BASE}/tests/overview?per_page=50"))
    assert test_id not in {t["id"] for t in overview["tests"]}
    # Another session still has the test and its runs: no session's body reaches another.
    other = {"headers": {"X-Mock-Session": "someone-else-isps"}}
    assert ok(_result(call, rid, **other))["testId"] == test_id
    assert test_id in {i["test_id"] for i in _isps(call, **other)}
    # A run of a test the session left alone reads exactly as in any other session.
    kept = after[0]["test_result_id"]
    mine, theirs = _result(call, kept), _result(call, kept, **other)
    assert ok(mine)["testId"] == after[0]["test_id"] != test_id
    assert mine.content == theirs.content


def test_updates_show_in_results_a_rename_or_no_history(
    call: Callable[..., httpx.Response],
) -> None:
    items = _isps(call)
    by_test = {i["test_id"]: i["test_result_id"] for i in items}
    assert len(by_test) >= 2, "the device ran two tests"
    (renamed, renamed_rid), (moved, moved_rid) = list(by_test.items())[:2]
    old_name = ok(_result(call, renamed_rid))["testName"]
    config = ok(call("GET", f"{BASE}/devices/dex_tests/{renamed}"))
    put = {key: config[key] for key in ("interval", "enabled", "data", "description")}
    ok(call("PUT", f"{BASE}/devices/dex_tests/{renamed}", {**put, "name": "Renamed"}))
    shown = ok(_result(call, renamed_rid))
    assert shown["testName"] == "Renamed" and shown["testId"] == renamed
    assert renamed_rid in {i["test_result_id"] for i in _isps(call)}  # same history
    other = {"headers": {"X-Mock-Session": "someone-else-rename"}}
    assert ok(_result(call, renamed_rid, **other))["testName"] == old_name

    config = ok(call("GET", f"{BASE}/devices/dex_tests/{moved}"))
    put = {key: config[key] for key in ("interval", "enabled", "description", "name")}
    put["data"] = {"kind": "traceroute", "host": "9.9.9.9"}
    ok(call("PUT", f"{BASE}/devices/dex_tests/{moved}", put))
    failure(_result(call, moved_rid), 404, 1001)  # a new target: the old runs are not its own
    assert moved not in {i["test_id"] for i in _isps(call)}
    details = ok(call("GET", f"{BASE}/traceroute-tests/{moved}?{WINDOW}"))
    assert details["host"] == "9.9.9.9" and details["tracerouteStats"] is None
