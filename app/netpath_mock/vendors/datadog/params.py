"""Typed path and query parameters of the Datadog Synthetics operations."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from netpath_mock.core.routing import CurrentSession, raw_body
from netpath_mock.vendors.datadog.schemas import (
    DeletedTestsRequestDeleteRequest,
    SyntheticsNetworkTestEditRequest,
)

# Any non-empty segment: an id that is not a test is the API's 404 "Synthetics test not found"
# (the BDD scenarios' REPLACE.ME id gets exactly that; datadog-contract-notes §3 g).
PublicId = Annotated[
    str,
    Path(description="The public ID of the test (e.g. abc-def-ghi).", examples=["c7a-uwa-wn2"]),
]
# Request bodies stay raw bytes: service.py parses them with the Synthetics validator's words (and
# keeps the client's key order); OpenAPI shows their models.
EditBody = Annotated[bytes, raw_body(SyntheticsNetworkTestEditRequest)]
DeleteBody = Annotated[bytes, raw_body(DeletedTestsRequestDeleteRequest)]
__all__ = ["CurrentSession", "DeleteBody", "EditBody", "PublicId"]
