"""The whole Network Path test lifecycle over HTTP: the official client (v1 and v2 SyntheticsApi),
every answer validated against the contracts, a Terraform-style round trip, and permissions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import ApiException, NotFoundException
from datadog_api_client.v1.api.synthetics_api import SyntheticsApi as SyntheticsApiV1
from datadog_api_client.v1.model.synthetics_ci_test import SyntheticsCITest
from datadog_api_client.v1.model.synthetics_ci_test_body import SyntheticsCITestBody
from datadog_api_client.v1.model.synthetics_delete_tests_payload import (
    SyntheticsDeleteTestsPayload,
)
from datadog_api_client.v1.model.synthetics_fetch_uptimes_payload import (
    SyntheticsFetchUptimesPayload,
)
from datadog_api_client.v1.model.synthetics_patch_test_body import SyntheticsPatchTestBody
from datadog_api_client.v1.model.synthetics_patch_test_operation import (
    SyntheticsPatchTestOperation,
)
from datadog_api_client.v1.model.synthetics_patch_test_operation_name import (
    SyntheticsPatchTestOperationName,
)
from datadog_api_client.v1.model.synthetics_test_pause_status import SyntheticsTestPauseStatus
from datadog_api_client.v1.model.synthetics_trigger_body import SyntheticsTriggerBody
from datadog_api_client.v1.model.synthetics_trigger_test import SyntheticsTriggerTest
from datadog_api_client.v1.model.synthetics_update_test_pause_status_payload import (
    SyntheticsUpdateTestPauseStatusPayload,
)
from datadog_api_client.v2.api.synthetics_api import SyntheticsApi as SyntheticsApiV2

from netpath_mock.testing import LiveServer
from netpath_mock.vendors.datadog.ci import EXAMPLE_BATCH_ID
from tests.conftest import DD_HEADERS
from tests.contract.validation import validate
from tests.vendors.datadog.test_client import _unparsed

V1 = "datadog-synthetics-v1-subset.openapi.json"
V2 = "datadog-synthetics-network.openapi.json"
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
DOC_ID = "c7a-uwa-wn2"

# A Terraform-provider create body as recorded (notes §9.3): UDP to port 53, options with the
# `httpVersion` key the v2 model lacks, monitor_options sent (so create adds its defaults).
TF_ATTRIBUTES: dict[str, Any] = {
    "config": {
        "assertions": [
            {"operator": "lessThan", "property": "avg", "target": 500, "type": "latency"},
            {"operator": "lessThan", "target": 0.1, "type": "packetLossPercentage"},
        ],
        "request": {
            "destination_service": "dns",
            "e2e_queries": 5,
            "host": "example.com",
            "max_ttl": 30,
            "port": 53,
            "source_service": "terraform",
            "timeout": 10,
            "traceroute_queries": 3,
        },
    },
    "locations": ["aws:us-east-1"],
    "message": "Notify @datadog.user",
    "name": "tf-network-udp",
    "options": {
        "httpVersion": "any",
        "min_failure_duration": 0,
        "min_location_failed": 1,
        "monitor_options": {"notification_preset_name": "show_all", "renotify_interval": 120},
        "retry": {"count": 0, "interval": 300},
        "tick_every": 900,
    },
    "status": "paused",
    "subtype": "udp",
    "tags": ["foo:bar", "baz"],
    "type": "network",
}
CREATE_DEFAULTS = {
    "on_missing_data": "show_no_data",
    "notify_audit": False,
    "new_host_delay": 300,
    "include_tags": True,
}


class Raw:
    """httpx calls in one session, each answer validated against its contract."""

    def __init__(self, server: LiveServer, session: str, app_key: str = "a" * 40) -> None:
        self.client = httpx.Client(
            base_url=server.url,
            headers={**DD_HEADERS, "DD-APPLICATION-KEY": app_key, "X-Mock-Session": session},
            timeout=10,
        )

    def __call__(
        self, method: str, path: str, body: Any = None, *, check: bool = True, **params: Any
    ) -> httpx.Response:
        content = None if body is None else orjson.dumps(body)
        response = self.client.request(method, path, content=content, params=params or None)
        if check:
            validate(V1 if path.startswith("/api/v1") else V2, response)
        return response


@pytest.fixture
def raw(server: LiveServer, session_headers: dict[str, str]) -> Iterator[Raw]:
    client = Raw(server, session_headers["X-Mock-Session"])
    yield client
    client.client.close()


def _apis(server: LiveServer, session: str) -> tuple[ApiClient, SyntheticsApiV1, SyntheticsApiV2]:
    config = Configuration(host=server.url)
    config.api_key["apiKeyAuth"] = "key"
    config.api_key["appKeyAuth"] = "app"
    client = ApiClient(config)
    client.default_headers["X-Mock-Session"] = session
    return client, SyntheticsApiV1(client), SyntheticsApiV2(client)


def _create(raw: Raw, attributes: dict[str, Any] | None = None) -> str:
    created = raw(
        "POST",
        "/api/v2/synthetics/tests/network",
        {"data": {"type": "network", "attributes": attributes or TF_ATTRIBUTES}},
    )
    assert created.status_code == 200, created.text
    public_id: str = created.json()["data"]["id"]
    return public_id


# --- Terraform-style round trip ----------------------------------------------------------------


def test_terraform_round_trip_byte_for_byte(raw: Raw) -> None:
    created = raw(
        "POST",
        "/api/v2/synthetics/tests/network",
        {"data": {"type": "network", "attributes": TF_ATTRIBUTES}},
    )
    assert created.status_code == 200
    public_id = created.json()["data"]["id"]
    options = {
        **TF_ATTRIBUTES["options"],
        "monitor_options": {**TF_ATTRIBUTES["options"]["monitor_options"], **CREATE_DEFAULTS},
    }
    v2_attributes = {"public_id": public_id, **TF_ATTRIBUTES, "options": options}
    v2_body = orjson.dumps(
        {"data": {"id": public_id, "type": "network_test", "attributes": v2_attributes}}
    )
    assert created.content == v2_body + b"\n"

    v1 = raw("GET", f"/api/v1/synthetics/tests/{public_id}")
    assert v1.status_code == 200
    first = v1.json()
    assert TS_RE.match(first["created_at"]) and first["modified_at"] == first["created_at"]
    assert isinstance(first["monitor_id"], int) and 10**8 <= first["monitor_id"] < 10**9
    creator = first["creator"]
    assert set(creator) == {"name", "handle", "email"} and creator["handle"] == creator["email"]

    def v1_bytes(attributes: dict[str, Any], modified_at: str) -> bytes:
        return (
            orjson.dumps(
                {
                    "public_id": public_id,
                    "name": attributes["name"],
                    "status": attributes["status"],
                    "type": "network",
                    "subtype": attributes["subtype"],
                    "tags": attributes["tags"],
                    "created_at": first["created_at"],
                    "modified_at": modified_at,
                    "config": attributes["config"],
                    "message": attributes["message"],
                    "options": attributes["options"],
                    "locations": attributes["locations"],
                    "monitor_id": first["monitor_id"],
                    "creator": creator,
                }
            )
            + b"\n"
        )

    assert v1.content == v1_bytes({**TF_ATTRIBUTES, "options": options}, first["created_at"])
    v2 = raw("GET", f"/api/v2/synthetics/tests/network/{public_id}")
    assert v2.content == v2_body + b"\n"

    updated_attributes = {**TF_ATTRIBUTES, "name": "tf-network-udp-updated", "tags": ["foo:baz"]}
    updated = raw(
        "PUT",
        f"/api/v2/synthetics/tests/network/{public_id}",
        {"data": {"type": "network", "attributes": updated_attributes}},
    )
    assert updated.status_code == 200
    # After PUT the stored monitor_options are exactly what was sent (notes §9.3).
    assert updated.json()["data"]["attributes"] == {"public_id": public_id, **updated_attributes}
    v1_after = raw("GET", f"/api/v1/synthetics/tests/{public_id}")
    modified_at = v1_after.json()["modified_at"]
    assert TS_RE.match(modified_at) and modified_at > first["modified_at"]
    assert v1_after.content == v1_bytes(updated_attributes, modified_at)

    deleted = raw("POST", "/api/v1/synthetics/tests/delete", {"public_ids": [public_id]})
    assert deleted.status_code == 200 and deleted.content.endswith(b"\n")
    (item,) = deleted.json()["deleted_tests"]
    assert item["public_id"] == public_id and TS_RE.match(item["deleted_at"])
    gone = raw("GET", f"/api/v1/synthetics/tests/{public_id}")
    assert gone.status_code == 404
    assert gone.content == b'{"errors":["Synthetics test not found"]}'


# --- every operation through the official client ----------------------------------------------


def test_official_client_drives_every_operation(server: LiveServer) -> None:
    client, v1, v2 = _apis(server, "lifecycle-sdk")
    with client:
        listed = v1.list_tests(page_size=5, page_number=0)
        assert len(listed.tests) == 5 and _unparsed(listed) == []
        public_id = listed.tests[1].public_id

        found = v1.search_tests(text="type:network", include_full_config=True, count=3, start=2)
        assert len(found.tests) == 3 and _unparsed(found) == []
        assert all(str(t.type) == "network" for t in found.tests)

        test = v1.get_test(public_id)
        assert test.public_id == public_id and _unparsed(test) == []
        assert str(test.type) == "network" and test.monitor_id > 0

        patched = v1.patch_test(
            public_id,
            SyntheticsPatchTestBody(
                data=[
                    SyntheticsPatchTestOperation(
                        op=SyntheticsPatchTestOperationName.REPLACE,
                        path="/name",
                        value="Renamed by PATCH",
                    )
                ]
            ),
        )
        assert patched.name == "Renamed by PATCH" and _unparsed(patched) == []
        assert v2.get_synthetics_network_test(public_id).data.attributes.name == patched.name

        paused = v1.update_test_pause_status(
            public_id,
            SyntheticsUpdateTestPauseStatusPayload(new_status=SyntheticsTestPauseStatus.PAUSED),
        )
        assert paused is True
        assert str(v2.get_synthetics_network_test(public_id).data.attributes.status) == "paused"
        assert str(v1.get_test(public_id).status) == "paused"

        triggered = v1.trigger_tests(
            SyntheticsTriggerBody(tests=[SyntheticsTriggerTest(public_id=public_id)])
        )
        assert _unparsed(triggered) == [] and triggered.batch_id is None
        assert {r.public_id for r in triggered.results} == {public_id}
        assert len(triggered.results) == len(test.locations)

        ci = v1.trigger_ci_tests(
            SyntheticsCITestBody(
                tests=[SyntheticsCITest(public_id=public_id, locations=["aws:eu-central-1"])]
            )
        )
        assert _unparsed(ci) == [] and ci.batch_id
        batch = v1.get_synthetics_ci_batch(ci.batch_id)
        assert _unparsed(batch) == []
        assert [r.result_id for r in batch.data.results] == [r.result_id for r in ci.results]

        uptimes = v1.fetch_uptimes(
            SyntheticsFetchUptimesPayload(
                from_ts=1_790_000_000, to_ts=1_792_000_000, public_ids=[public_id]
            )
        )
        assert len(uptimes) == 1 and _unparsed(uptimes) == []
        assert 0 <= uptimes[0].overall.uptime <= 100

        managed = v1.list_locations()
        assert len(managed.locations) >= 30 and _unparsed(managed) == []
        defaults = v1.get_synthetics_default_locations()
        assert "aws:us-east-1" in defaults

        history = v2.list_synthetics_test_versions(public_id, limit=2)
        assert _unparsed(history) == []
        newest = history.data[0].attributes.version_number
        version = v2.get_synthetics_test_version(public_id, newest, include_change_metadata=True)
        assert _unparsed(version) == []
        assert version.data.attributes.payload["name"] == "Renamed by PATCH"

        deleted = v1.delete_tests(SyntheticsDeleteTestsPayload(public_ids=[public_id]))
        assert deleted.deleted_tests[0].public_id == public_id and _unparsed(deleted) == []
        with pytest.raises(NotFoundException):
            v1.get_test(public_id)


def test_paginated_helper_reads_every_test_once(server: LiveServer) -> None:
    client, v1, _ = _apis(server, "lifecycle-pages")
    with client:
        everything = [t.public_id for t in v1.list_tests(page_size=1000).tests]
        items = list(v1.list_tests_with_pagination(page_size=7))
    paged = [t.public_id for t in items]
    assert paged == everything and len(set(paged)) == len(paged)
    assert [t.public_id for t in items if _unparsed(t)] == []


def test_paginated_helper_stops_on_the_empty_page_after_a_full_last_one(
    make_server: Callable[..., LiveServer], tmp_path: Path
) -> None:
    empty = tmp_path / "fixtures"
    empty.mkdir()
    server = make_server(datadog_test_count=20, fixtures_dir=empty)
    client, v1, _ = _apis(server, "lifecycle-empty-page")
    with client:
        paged = [t.public_id for t in v1.list_tests_with_pagination(page_size=5)]
    assert len(paged) == len(set(paged)) == 20
    journal = httpx.get(
        server.url + "/_mock/requests",
        params={"path": "/api/v1/synthetics/tests"},
        headers={"X-Mock-Session": "lifecycle-empty-page"},
    ).json()["requests"]
    pages = [entry["query"] for entry in journal]
    assert pages == [f"page_size=5&page_number={n}" for n in range(5)]
    last = httpx.get(
        server.url + "/api/v1/synthetics/tests",
        params={"page_size": 5, "page_number": 4},
        headers=DD_HEADERS,
    )
    assert last.status_code == 200 and last.json() == {"tests": [], "total": 20}
    validate(V1, last)


# --- one truth across v1 and v2, then 404 everywhere --------------------------------------------


def test_deleted_test_is_404_from_every_operation(raw: Raw) -> None:
    public_id = _create(raw)
    deleted = raw(
        "POST",
        "/api/v2/synthetics/tests/bulk-delete",
        {"data": {"type": "delete_tests_request", "attributes": {"public_ids": [public_id]}}},
    )
    assert deleted.status_code == 200
    not_found = {"errors": ["Synthetics test not found"]}
    edit = {"data": {"type": "network", "attributes": TF_ATTRIBUTES}}
    documented = [
        ("GET", f"/api/v1/synthetics/tests/{public_id}", None),
        ("PATCH", f"/api/v1/synthetics/tests/{public_id}", {"data": []}),
        ("PUT", f"/api/v1/synthetics/tests/{public_id}/status", {"new_status": "live"}),
        ("POST", "/api/v1/synthetics/tests/delete", {"public_ids": [public_id]}),
        ("GET", f"/api/v2/synthetics/tests/network/{public_id}", None),
        ("PUT", f"/api/v2/synthetics/tests/network/{public_id}", edit),
        ("GET", f"/api/v2/synthetics/tests/{public_id}/version_history", None),
        ("GET", f"/api/v2/synthetics/tests/{public_id}/version_history/1", None),
    ]
    for method, path, body in documented:
        answer = raw(method, path, body)
        assert (answer.status_code, answer.json()) == (404, not_found), (method, path)
    # The contract lists no 404 for these; the answer is still the API's not-found.
    undocumented = [
        ("POST", "/api/v1/synthetics/tests/trigger", {"tests": [{"public_id": public_id}]}),
        ("POST", "/api/v1/synthetics/tests/trigger/ci", {"tests": [{"public_id": public_id}]}),
        (
            "POST",
            "/api/v1/synthetics/tests/uptimes",
            {"from_ts": 0, "to_ts": 10, "public_ids": [public_id]},
        ),
    ]
    for method, path, body in undocumented:
        answer = raw(method, path, body, check=False)
        assert (answer.status_code, answer.json()) == (404, not_found), (method, path)
    listed = raw("GET", "/api/v1/synthetics/tests", page_size=1000).json()
    assert public_id not in {t["public_id"] for t in listed["tests"]}
    searched = raw("GET", "/api/v1/synthetics/tests/search", text=f"id:{public_id}").json()
    assert searched["total"] == 0


def test_created_test_is_listed_searched_and_paused_across_versions(raw: Raw) -> None:
    public_id = _create(raw, {**TF_ATTRIBUTES, "name": "Quokka path", "status": "live"})
    listed = raw("GET", "/api/v1/synthetics/tests", page_size=1000).json()
    item = next(t for t in listed["tests"] if t["public_id"] == public_id)
    assert item["type"] == "network" and item["subtype"] == "udp" and item["status"] == "live"
    assert item == raw("GET", f"/api/v1/synthetics/tests/{public_id}").json()
    found = raw(
        "GET", "/api/v1/synthetics/tests/search", text="quokka", include_full_config="true"
    ).json()
    assert [t["public_id"] for t in found["tests"]] == [public_id]
    assert found["tests"][0] == item
    pause = raw("PUT", f"/api/v1/synthetics/tests/{public_id}/status", {"new_status": "paused"})
    assert pause.status_code == 200 and pause.content == b"true"
    v2 = raw("GET", f"/api/v2/synthetics/tests/network/{public_id}").json()
    assert v2["data"]["attributes"]["status"] == "paused"
    assert (
        raw("GET", "/api/v1/synthetics/tests/search", text="quokka status:live").json()["total"]
        == 0
    )


def test_v1_patch_is_visible_through_v2_and_versions(raw: Raw) -> None:
    public_id = _create(raw)
    before = raw("GET", f"/api/v1/synthetics/tests/{public_id}").json()
    ops = {
        "data": [
            {"op": "replace", "path": "/name", "value": "New test name"},
            {"op": "remove", "path": "/config/assertions/0"},
        ]
    }
    patched = raw("PATCH", f"/api/v1/synthetics/tests/{public_id}", ops)
    assert patched.status_code == 200
    body = patched.json()
    assert list(body) == [
        "org_id",
        "public_id",
        "name",
        "status",
        "type",
        "tags",
        "message",
        "options",
        "locations",
        "created_at",
        "modified_at",
        "config",
        "overall_state_modified",
        "subtype",
        "monitor_id",
        "created_by",
        "modified_by",
    ]
    assert body["config"]["assertions"] == TF_ATTRIBUTES["config"]["assertions"][1:]
    assert body["created_at"] == before["created_at"]
    assert body["modified_at"] >= before["modified_at"]
    v2 = raw("GET", f"/api/v2/synthetics/tests/network/{public_id}").json()["data"]["attributes"]
    assert v2["name"] == "New test name"
    assert v2["config"]["assertions"] == body["config"]["assertions"]
    versions = raw("GET", f"/api/v2/synthetics/tests/{public_id}/version_history").json()
    assert [v["attributes"]["version_number"] for v in versions["data"]] == [2, 1]
    paths = {c["action_metadata"]["property_path"] for c in versions["data"][0]["attributes"][
        "change_metadata"
    ]}  # fmt: skip
    assert paths == {"name", "config.assertions"}
    exists = raw(
        "GET",
        f"/api/v2/synthetics/tests/{public_id}/version_history/2",
        only_check_existence="true",
    )
    assert exists.status_code == 200 and exists.json() == {}


def test_trigger_batch_and_version_answers_validate(raw: Raw) -> None:
    trigger = raw("POST", "/api/v1/synthetics/tests/trigger", {"tests": [{"public_id": DOC_ID}]})
    assert trigger.status_code == 200 and trigger.json()["batch_id"] is None
    ci = raw(
        "POST",
        "/api/v1/synthetics/tests/trigger/ci",
        {"tests": [{"public_id": DOC_ID, "locations": ["aws:us-east-2", "aws:eu-west-3"]}]},
    )
    assert ci.status_code == 200
    locations = {loc["name"]: loc["id"] for loc in ci.json()["locations"]}
    assert locations == {"aws:us-east-2": 30005, "aws:eu-west-3": 32153}  # recorded ids
    batch = raw("GET", f"/api/v1/synthetics/ci/batch/{ci.json()['batch_id']}")
    assert batch.status_code == 200
    assert {r["location"] for r in batch.json()["data"]["results"]} == set(locations)
    history = raw("GET", f"/api/v2/synthetics/tests/{DOC_ID}/version_history", limit=1)
    assert history.status_code == 200
    number = history.json()["data"][0]["attributes"]["version_number"]
    version = raw(
        "GET",
        f"/api/v2/synthetics/tests/{DOC_ID}/version_history/{number}",
        include_change_metadata="true",
    )
    assert version.status_code == 200
    attributes = version.json()["data"]["attributes"]
    current = raw("GET", f"/api/v2/synthetics/tests/network/{DOC_ID}").json()["data"]
    assert attributes["payload"] == current["attributes"]
    assert "change_metadata" in attributes


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("config", "request", "max_ttl"), True, "'max_ttl' should be integer"),
        (("config", "request", "e2e_queries"), "50", "'e2e_queries' should be integer"),
        (("options", "tick_every"), 60.5, "'tick_every' should be integer"),
        (("locations",), ["aws:us-east-1", "aws:nowhere-9"], "Invalid location: aws:nowhere-9"),
        # Bounds of notes §6 (the contract has none for the request).
        (("config", "request", "max_ttl"), 256,
         "Maximum value of parameter 'max_ttl' should be 255"),
        (("config", "request", "max_ttl"), 0, "Minimum value of parameter 'max_ttl' should be 1"),
        (("config", "request", "traceroute_queries"), 11,
         "Maximum value of parameter 'traceroute_queries' should be 10"),
        (("config", "request", "traceroute_queries"), 0,
         "Minimum value of parameter 'traceroute_queries' should be 1"),
        (("config", "request", "e2e_queries"), 0,
         "Minimum value of parameter 'e2e_queries' should be 1"),
        (("options", "tick_every"), 29, "Minimum value of parameter 'tick_every' should be 30"),
        (("options", "tick_every"), 604801,
         "Maximum value of parameter 'tick_every' should be 604800"),
        (("name",), "", "The value provided for parameter 'name' is invalid: must not be empty"),
    ],
)  # fmt: skip
def test_wrong_json_types_are_400_never_stored(
    raw: Raw, server: LiveServer, path: tuple[str, ...], value: Any, message: str
) -> None:
    attributes = orjson.loads(orjson.dumps(TF_ATTRIBUTES))
    node = attributes
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    created = raw(
        "POST",
        "/api/v2/synthetics/tests/network",
        {"data": {"type": "network", "attributes": attributes}},
    )
    assert created.status_code == 400
    assert created.json() == {"errors": [message]}
    total_before = raw("GET", "/api/v1/synthetics/tests", page_size=1).json()["total"]
    updated = raw(
        "PUT",
        f"/api/v2/synthetics/tests/network/{DOC_ID}",
        {"data": {"type": "network", "attributes": attributes}},
    )
    assert updated.status_code == 400 and updated.json() == {"errors": [message]}
    assert raw("GET", "/api/v1/synthetics/tests", page_size=1).json()["total"] == total_before
    # Nothing was stored: the official client still reads the test back.
    client, v1, v2 = _apis(server, raw.client.headers["X-Mock-Session"])
    with client:
        assert _unparsed(v2.get_synthetics_network_test(DOC_ID)) == []
        assert _unparsed(v1.get_test(DOC_ID)) == []
    patched = raw(
        "PATCH",
        f"/api/v1/synthetics/tests/{DOC_ID}",
        {"data": [{"op": "replace", "path": "/" + "/".join(path), "value": value}]},
    )
    assert patched.status_code == 400 and patched.json() == {"errors": [message]}


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", "/api/v1/synthetics/tests/delete", {"public_ids": []},
         "Minimum number of elements in parameter 'public_ids' should be 1"),
        ("POST", "/api/v1/synthetics/tests/uptimes", {"from_ts": 0, "public_ids": [], "to_ts": 0},
         "Minimum number of elements in parameter 'public_ids' should be 1"),
        ("POST", "/api/v1/synthetics/tests/uptimes",
         {"from_ts": 1_790_000_001, "public_ids": [DOC_ID], "to_ts": 1_790_000_000},
         "The value provided for parameter 'from_ts' is invalid: must not be greater than 'to_ts'"),
        ("POST", "/api/v1/synthetics/tests/trigger", {"tests": []},
         "Minimum number of elements in parameter 'tests' should be 1"),
        ("PUT", f"/api/v1/synthetics/tests/{DOC_ID}/status", {"new_status": "off"},
         "'new_status' should be one of live, paused"),
        ("PATCH", f"/api/v1/synthetics/tests/{DOC_ID}", {"data": [{"op": "replace"}]},
         "Required parameter 'path' is missing"),
        ("POST", "/api/v1/synthetics/tests/delete", b"{oops", "JSON format is wrong"),
    ],
)  # fmt: skip
def test_bad_v1_bodies_in_the_validators_words(
    raw: Raw, method: str, path: str, body: Any, message: str
) -> None:
    if isinstance(body, bytes):
        answer = raw.client.request(method, path, content=body)
        validate(V1, answer)
    else:
        answer = raw(method, path, body)
    assert answer.status_code == 400
    assert answer.json() == {"errors": [message]}
    assert not answer.content.endswith(b"\n")


def test_unknown_ids_and_batches(raw: Raw) -> None:
    delete = raw("POST", "/api/v1/synthetics/tests/delete", {"public_ids": ["zzz-zzz-zzz"]})
    assert delete.status_code == 404 and delete.json() == {"errors": ["Synthetics test not found"]}
    batch = raw("GET", "/api/v1/synthetics/ci/batch/8f0f0f0f-0000-4000-8000-000000000000")
    assert batch.status_code == 404 and batch.json() == {"errors": ["Batch does not exist."]}


# --- read-only operations' shapes -------------------------------------------------------------


def test_locations_and_defaults(raw: Raw) -> None:
    answer = raw("GET", "/api/v1/synthetics/locations")
    assert answer.status_code == 200
    items = answer.json()["locations"]
    assert items[0] == {"id": "aws:af-south-1", "name": "Cape Town (AWS)"}
    assert b'"S\\u00e3o Paulo (AWS)"' in answer.content  # escaped, as recorded
    defaults = raw("GET", "/api/v1/synthetics/settings/default_locations")
    assert defaults.status_code == 200 and defaults.content.endswith(b"\n")
    assert set(defaults.json()) <= {item["id"] for item in items}


def test_uptime_answer_shape(raw: Raw) -> None:
    answer = raw(
        "POST",
        "/api/v1/synthetics/tests/uptimes",
        {"from_ts": 1_790_000_000, "public_ids": [DOC_ID], "to_ts": 1_792_000_000},
    )
    assert answer.status_code == 200
    (item,) = answer.json()
    assert list(item) == ["from_ts", "to_ts", "overall", "public_id", "groups"]
    overall = item["overall"]
    assert overall["history"][0][0] <= 1_790_000_000
    assert isinstance(overall["uptime"], float)


def test_search_answer_and_list_shapes(raw: Raw) -> None:
    search = raw(
        "GET", "/api/v1/synthetics/tests/search", text="tag:no-such-tag", facets_only="true"
    )
    assert search.content == b'{"tests":[],"total":0,"facets":[]}'  # the recorded exact body
    page = raw("GET", "/api/v1/synthetics/tests", page_size=2, page_number=0).json()
    assert len(page["tests"]) == 2 and page["total"] > 2
    bad = raw("GET", "/api/v1/synthetics/tests", page_size="two", check=False)
    assert bad.status_code == 400 and bad.json() == {"errors": ["'page_size' should be integer"]}


def test_created_and_modified_times_agree_across_v1_views(raw: Raw) -> None:
    test = raw("GET", f"/api/v1/synthetics/tests/{DOC_ID}").json()
    created = datetime.fromisoformat(test["created_at"])
    history = raw("GET", f"/api/v2/synthetics/tests/{DOC_ID}/version_history").json()["data"]
    newest = history[0]["attributes"]
    assert datetime.fromisoformat(newest["version_payload_created_at"]) == datetime.fromisoformat(
        test["modified_at"]
    )
    assert created <= datetime.fromisoformat(test["modified_at"])


# --- permissions (x-permission of each operation, strict mode) --------------------------------

OPERATIONS: list[tuple[str, str, Any, str]] = [
    ("GET", "/api/v1/synthetics/tests", None, "synthetics_read"),
    ("GET", "/api/v1/synthetics/tests/search", None, "synthetics_read"),
    ("GET", f"/api/v1/synthetics/tests/{DOC_ID}", None, "synthetics_read"),
    ("PATCH", f"/api/v1/synthetics/tests/{DOC_ID}", {"data": [{"op": "test", "path": "/type",
                                                              "value": "network"}]},
     "synthetics_write"),
    ("POST", "/api/v1/synthetics/tests/delete", {"public_ids": [DOC_ID]}, "synthetics_write"),
    ("PUT", f"/api/v1/synthetics/tests/{DOC_ID}/status", {"new_status": "live"},
     "synthetics_write"),
    ("POST", "/api/v1/synthetics/tests/trigger", {"tests": [{"public_id": DOC_ID}]},
     "synthetics_write"),
    ("POST", "/api/v1/synthetics/tests/trigger/ci", {"tests": [{"public_id": DOC_ID}]},
     "synthetics_write"),
    ("POST", "/api/v1/synthetics/tests/uptimes", {"from_ts": 0, "to_ts": 60,
                                                  "public_ids": [DOC_ID]}, "synthetics_read"),
    ("GET", "/api/v1/synthetics/locations", None, "synthetics_private_location_read"),
    ("GET", "/api/v1/synthetics/settings/default_locations", None,
     "synthetics_default_settings_read"),
    ("GET", f"/api/v2/synthetics/tests/{DOC_ID}/version_history", None, "synthetics_read"),
    ("GET", f"/api/v2/synthetics/tests/{DOC_ID}/version_history/1", None, "synthetics_read"),
    ("GET", f"/api/v1/synthetics/ci/batch/{EXAMPLE_BATCH_ID}", None, "synthetics_read"),
]  # fmt: skip
PERMISSIONS = sorted({p for *_, p in OPERATIONS} | {"synthetics_create_edit_trigger"})


@pytest.fixture(scope="module")
def strict_server() -> Iterator[LiveServer]:
    import json
    import tempfile

    from netpath_mock.core.settings import Settings

    keys = [{"key": f"only-{p}", "permissions": [p]} for p in PERMISSIONS]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "credentials.json"
        path.write_text(
            json.dumps(
                {"datadog": {"api_keys": [DD_HEADERS["DD-API-KEY"]], "application_keys": keys}}
            )
        )
        with LiveServer(Settings(seed=1234, credentials_file=path)) as live:
            yield live


@pytest.mark.parametrize(("method", "path", "body", "needed"), OPERATIONS)
def test_each_operation_needs_its_permission(
    strict_server: LiveServer, method: str, path: str, body: Any, needed: str
) -> None:
    for permission in PERMISSIONS:
        # A session per operation: the delete must not hide the test from the others.
        session = f"perm-{method}-{len(path)}-{permission}"
        caller = Raw(strict_server, session, app_key=f"only-{permission}")
        answer = caller(method, path, body, check=False)
        caller.client.close()
        if permission == needed:
            assert answer.status_code == 200, (permission, answer.text)
        else:
            assert answer.status_code == 403, permission
            assert answer.json() == {
                "errors": ["Forbidden", "Failed permission authorization checks"]
            }


def test_client_error_for_permission_is_typed(strict_server: LiveServer) -> None:
    config = Configuration(host=strict_server.url)
    config.api_key["apiKeyAuth"] = DD_HEADERS["DD-API-KEY"]
    config.api_key["appKeyAuth"] = "only-synthetics_read"
    with ApiClient(config) as client, pytest.raises(ApiException) as caught:
        SyntheticsApiV1(client).list_locations()
    assert caught.value.status == 403
