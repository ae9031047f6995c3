"""Typed path and query parameters of the Datadog Synthetics operations."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from netpath_mock.core.routing import CurrentSession, raw_body
from netpath_mock.vendors.datadog.ci import EXAMPLE_BATCH_ID
from netpath_mock.vendors.datadog.schemas import (
    DeletedTestsRequestDeleteRequest,
    SyntheticsCITestBody,
    SyntheticsDeleteTestsPayload,
    SyntheticsFetchUptimesPayload,
    SyntheticsNetworkTestEditRequest,
    SyntheticsPatchTestBody,
    SyntheticsTriggerBody,
    SyntheticsUpdateTestPauseStatusPayload,
)

# Any non-empty segment: an id that is not a test is the API's 404 "Synthetics test not found"
# (the BDD scenarios' REPLACE.ME id gets exactly that; datadog-contract-notes §3 g).
PublicId = Annotated[
    str,
    Path(description="The public ID of the test (e.g. abc-def-ghi).", examples=["c7a-uwa-wn2"]),
]
# A valid test `config` (tests build their bodies on it too).
EXAMPLE_CONFIG = {
    "request": {
        "host": "api.example.com",
        "port": 443,
        "max_ttl": 30,
        "e2e_queries": 50,
        "traceroute_queries": 3,
    },
    "assertions": [{"operator": "lessThan", "property": "avg", "target": 500, "type": "latency"}],
}
# A valid create/update body (no subtype: an update keeps the test's own).
EDIT_EXAMPLE = {
    "data": {
        "type": "network",
        "attributes": {
            "name": "Checkout API path",
            "type": "network",
            "message": "Path degraded @slack-netops",
            "locations": ["aws:us-east-1"],
            "tags": ["team:netops"],
            "options": {"tick_every": 60},
            "config": EXAMPLE_CONFIG,
        },
    }
}


def _delete_example(ids: dict[str, str]) -> dict[str, object]:
    return {"data": {"attributes": {"public_ids": [ids["public_id"]]}}}


# Request bodies stay raw bytes: service.py parses them with the Synthetics validator's words (and
# keeps the client's key order); OpenAPI shows their models.
EditBody = Annotated[bytes, raw_body(SyntheticsNetworkTestEditRequest, example=EDIT_EXAMPLE)]
DeleteBody = Annotated[bytes, raw_body(DeletedTestsRequestDeleteRequest, example=_delete_example)]

# --- v1 operations and version history ---------------------------------------------------------

BatchId = Annotated[
    str,
    Path(
        description="The ID of the batch (from a CI trigger).",
        examples=[EXAMPLE_BATCH_ID],
    ),
]
VersionNumber = Annotated[str, Path(description="The version number of the test.", examples=["1"])]


def _ids_example(ids: dict[str, str]) -> dict[str, object]:
    return {"public_ids": [ids["public_id"]]}


def _tests_example(ids: dict[str, str]) -> dict[str, object]:
    return {"tests": [{"public_id": ids["public_id"]}]}


def _uptimes_example(ids: dict[str, str]) -> dict[str, object]:
    return {"from_ts": 1_790_000_000, "to_ts": 1_792_000_000, "public_ids": [ids["public_id"]]}


DeleteV1Body = Annotated[bytes, raw_body(SyntheticsDeleteTestsPayload, example=_ids_example)]
PauseBody = Annotated[
    bytes, raw_body(SyntheticsUpdateTestPauseStatusPayload, example={"new_status": "live"})
]
PatchBody = Annotated[
    bytes,
    raw_body(
        SyntheticsPatchTestBody,
        example={"data": [{"op": "replace", "path": "/name", "value": "New test name"}]},
    ),
]
TriggerBody = Annotated[bytes, raw_body(SyntheticsTriggerBody, example=_tests_example)]
TriggerCIBody = Annotated[bytes, raw_body(SyntheticsCITestBody, example=_tests_example)]
UptimesBody = Annotated[bytes, raw_body(SyntheticsFetchUptimesPayload, example=_uptimes_example)]

__all__ = [
    "BatchId",
    "CurrentSession",
    "DeleteBody",
    "DeleteV1Body",
    "EditBody",
    "PatchBody",
    "PauseBody",
    "PublicId",
    "TriggerBody",
    "TriggerCIBody",
    "UptimesBody",
    "VersionNumber",
]
