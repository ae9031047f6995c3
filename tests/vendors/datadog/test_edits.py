"""Create, update and bulk-delete through the official client, each in the caller's session."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import ApiException, ForbiddenException, NotFoundException
from datadog_api_client.v2.api.synthetics_api import SyntheticsApi
from datadog_api_client.v2.model.deleted_tests_request_delete import DeletedTestsRequestDelete
from datadog_api_client.v2.model.deleted_tests_request_delete_attributes import (
    DeletedTestsRequestDeleteAttributes,
)
from datadog_api_client.v2.model.deleted_tests_request_delete_request import (
    DeletedTestsRequestDeleteRequest,
)
from datadog_api_client.v2.model.synthetics_network_assertion_latency import (
    SyntheticsNetworkAssertionLatency,
)
from datadog_api_client.v2.model.synthetics_network_assertion_latency_type import (
    SyntheticsNetworkAssertionLatencyType,
)
from datadog_api_client.v2.model.synthetics_network_assertion_operator import (
    SyntheticsNetworkAssertionOperator,
)
from datadog_api_client.v2.model.synthetics_network_assertion_property import (
    SyntheticsNetworkAssertionProperty,
)
from datadog_api_client.v2.model.synthetics_network_test import SyntheticsNetworkTest
from datadog_api_client.v2.model.synthetics_network_test_config import SyntheticsNetworkTestConfig
from datadog_api_client.v2.model.synthetics_network_test_edit import SyntheticsNetworkTestEdit
from datadog_api_client.v2.model.synthetics_network_test_edit_request import (
    SyntheticsNetworkTestEditRequest,
)
from datadog_api_client.v2.model.synthetics_network_test_request import (
    SyntheticsNetworkTestRequest,
)
from datadog_api_client.v2.model.synthetics_network_test_sub_type import (
    SyntheticsNetworkTestSubType,
)
from datadog_api_client.v2.model.synthetics_network_test_type import SyntheticsNetworkTestType
from datadog_api_client.v2.model.synthetics_test_options import SyntheticsTestOptions

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS
from tests.contract.validation import validate
from tests.vendors.datadog.lifecycle_support import icmp_test

CONTRACT = "datadog-synthetics-network.openapi.json"
ID_RE = re.compile(r"^[23456789a-km-np-z]{3}-[23456789a-km-np-z]{3}-[23456789a-km-np-z]{3}$")


def _client(server: LiveServer, session: str, app_key: str = "app") -> ApiClient:
    config = Configuration(host=server.url)
    config.api_key["apiKeyAuth"] = "key"
    config.api_key["appKeyAuth"] = app_key
    client = ApiClient(config)
    client.default_headers["X-Mock-Session"] = session
    return client


def _edit(
    name: str, host: str = "api.example.com", subtype: str = "tcp"
) -> SyntheticsNetworkTestEditRequest:
    return SyntheticsNetworkTestEditRequest(
        data=SyntheticsNetworkTestEdit(
            type="network",
            attributes=SyntheticsNetworkTest(
                name=name,
                type=SyntheticsNetworkTestType.NETWORK,
                subtype=SyntheticsNetworkTestSubType(subtype),
                message="Path degraded @slack-netops",
                locations=["aws:us-east-1"],
                tags=["team:netops"],
                options=SyntheticsTestOptions(tick_every=60),
                config=SyntheticsNetworkTestConfig(
                    request=SyntheticsNetworkTestRequest(
                        host=host, port=443, max_ttl=30, e2e_queries=50, traceroute_queries=3
                    ),
                    assertions=[
                        SyntheticsNetworkAssertionLatency(
                            operator=SyntheticsNetworkAssertionOperator.LESS_THAN,
                            _property=SyntheticsNetworkAssertionProperty.AVG,
                            target=500.0,
                            type=SyntheticsNetworkAssertionLatencyType.LATENCY,
                        )
                    ],
                ),
            ),
        )
    )


def test_create_get_update_delete_round_trip(server: LiveServer) -> None:
    with _client(server, "edits-round-trip") as client:
        api = SyntheticsApi(client)
        created = api.create_synthetics_network_test(body=_edit("Checkout API path"))
        public_id = created.data.id
        assert ID_RE.match(public_id) and created.data.attributes.public_id == public_id
        assert created.data.attributes.name == "Checkout API path"
        fetched = api.get_synthetics_network_test(public_id)
        assert fetched.data.attributes.config.request.host == "api.example.com"
        updated = api.update_synthetics_network_test(
            public_id, body=_edit("Renamed", "new.example.com")
        )
        assert updated.data.id == public_id and updated.data.attributes.name == "Renamed"
        assert api.get_synthetics_network_test(public_id).data.attributes.name == "Renamed"
        deleted = api.delete_synthetics_tests(
            body=DeletedTestsRequestDeleteRequest(
                data=DeletedTestsRequestDelete(
                    attributes=DeletedTestsRequestDeleteAttributes(public_ids=[public_id])
                )
            )
        )
        assert deleted.data[0].id == public_id
        assert deleted.data[0].attributes.public_id == public_id
        with pytest.raises(NotFoundException):
            api.get_synthetics_network_test(public_id)


def test_edits_stay_in_their_session(server: LiveServer) -> None:
    with _client(server, "edits-a") as a, _client(server, "edits-b") as b:
        created = SyntheticsApi(a).create_synthetics_network_test(body=_edit("Only in A")).data.id
        with pytest.raises(NotFoundException):
            SyntheticsApi(b).get_synthetics_network_test(created)
        subtype = (
            SyntheticsApi(a).get_synthetics_network_test("c7a-uwa-wn2").data.attributes.subtype
        )
        SyntheticsApi(a).update_synthetics_network_test(
            "c7a-uwa-wn2", body=_edit("A's copy", subtype=str(subtype))
        )
        assert (
            SyntheticsApi(a).get_synthetics_network_test("c7a-uwa-wn2").data.attributes.name
            == "A's copy"
        )
        assert (
            SyntheticsApi(b).get_synthetics_network_test("c7a-uwa-wn2").data.attributes.name
            != "A's copy"
        )
    reset = httpx.post(server.url + "/_mock/reset", headers={"X-Mock-Session": "edits-a"})
    assert reset.status_code == 200
    after = httpx.get(
        server.url + "/api/v2/synthetics/tests/network/c7a-uwa-wn2",
        headers={**DD_HEADERS, "X-Mock-Session": "edits-a"},
    )
    assert after.json()["data"]["attributes"]["name"] != "A's copy"


def _raw(
    server: LiveServer, method: str, path: str, body: Any, session: str = "edits-raw"
) -> httpx.Response:
    headers = {**DD_HEADERS, "X-Mock-Session": session}
    content = body if isinstance(body, bytes) else None
    return httpx.request(
        method,
        server.url + path,
        headers=headers,
        content=content,
        json=None if content is not None else body,
    )


def test_create_answers_validate_against_the_contract(server: LiveServer) -> None:
    body = icmp_test(
        "ICMP to resolver",
        [{"type": "packetLossPercentage", "operator": "lessThan", "target": 0.05}],
    )
    response = _raw(server, "POST", "/api/v2/synthetics/tests/network", body)
    assert response.status_code == 200
    validate(CONTRACT, response)
    assert response.json()["data"]["attributes"]["config"] == body["data"]["attributes"]["config"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "JSON format is wrong"),
        (
            {"data": {"type": "network", "attributes": {"name": "x"}}},
            "Required parameter 'config' is missing",
        ),
        (
            {
                "data": {
                    "type": "network",
                    "attributes": {
                        "name": "x",
                        "type": "network",
                        "message": "",
                        "locations": "aws:us-east-1",
                        "options": {},
                        "config": {},
                    },
                }
            },
            "'locations' should be array",
        ),
        ({"data": {"type": "api", "attributes": {}}}, "type"),
    ],
)
def test_bad_create_bodies_are_400(server: LiveServer, body: Any, message: str) -> None:
    response = _raw(server, "POST", "/api/v2/synthetics/tests/network", body)
    assert response.status_code == 400
    validate(CONTRACT, response)
    errors = response.json()["errors"]
    assert len(errors) == 1 and message in errors[0]


def test_update_unknown_test_404_and_subtype_change_400(server: LiveServer) -> None:
    with _client(server, "edits-404") as client:
        api = SyntheticsApi(client)
        with pytest.raises(NotFoundException):
            api.update_synthetics_network_test("zzz-zzz-zzz", body=_edit("x"))
        public_id = api.create_synthetics_network_test(body=_edit("tcp test")).data.id
        with pytest.raises(ApiException) as caught:
            api.update_synthetics_network_test(public_id, body=_edit("now udp", subtype="udp"))
    assert caught.value.status == 400
    assert "Updating sub-type is forbidden" in caught.value.body["errors"][0]


def test_bulk_delete_answer_shape(server: LiveServer) -> None:
    path = "/api/v2/synthetics/tests/bulk-delete"
    body = {"data": {"attributes": {"public_ids": ["abc-def-123"]}}}
    response = _raw(server, "POST", path, body, session="edits-delete-shape")
    assert response.status_code == 200
    validate(CONTRACT, response)
    (item,) = response.json()["data"]
    assert item["type"] == "delete_tests" and item["id"] == "abc-def-123"
    assert item["attributes"]["public_id"] == "abc-def-123"
    # Microsecond ISO timestamps with +00:00, as recorded.
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", item["attributes"]["deleted_at"]
    )
    again = _raw(server, "POST", path, body, session="edits-delete-shape")
    assert again.status_code == 404


def test_bulk_delete_unknown_or_empty(server: LiveServer) -> None:
    path = "/api/v2/synthetics/tests/bulk-delete"
    missing = _raw(server, "POST", path, {"data": {"attributes": {"public_ids": ["zzz-zzz-zzz"]}}})
    assert missing.status_code == 404 and missing.json() == {
        "errors": ["Synthetics test not found"]
    }
    empty = _raw(server, "POST", path, {"data": {"attributes": {"public_ids": []}}})
    assert empty.status_code == 400
    assert empty.json() == {
        "errors": ["Minimum number of elements in parameter 'public_ids' should be 1"]
    }


def test_edits_need_a_write_permission(make_server: Callable[..., LiveServer]) -> None:
    strict = make_server(
        credentials={
            "datadog": {
                "api_keys": ["key"],
                "application_keys": [
                    {"key": "reader", "permissions": ["synthetics_read"]},
                    {
                        "key": "editor",
                        "permissions": ["synthetics_read", "synthetics_create_edit_trigger"],
                    },
                ],
            }
        }
    )
    with _client(strict, "perm", app_key="reader") as client, pytest.raises(ForbiddenException):
        SyntheticsApi(client).create_synthetics_network_test(body=_edit("nope"))
    with _client(strict, "perm", app_key="editor") as client:
        assert SyntheticsApi(client).create_synthetics_network_test(body=_edit("ok")).data.id
