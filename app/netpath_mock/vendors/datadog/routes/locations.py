"""Where tests run from: every location of the org, and its default locations."""

from __future__ import annotations

import json
from typing import Annotated

import orjson

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.datadog import errors, locations
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.schemas import SyntheticsLocations
from netpath_mock.vendors.datadog.service import NetworkTestService

Tests = Annotated[NetworkTestService, service(NetworkTestService)]

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v1/synthetics/locations",
    operation_id="ListLocations",
    summary="Get all locations (public and private)",
    response_model=SyntheticsLocations,
    responses=errors.responses(),
)
def list_locations(caller: DatadogAuth, tests: Tests) -> bytes:
    """The 29 managed locations, then the org's private ones (`id` and `name` only)."""
    require(caller, "synthetics_private_location_read")
    # json (not orjson) escapes non-ASCII as recorded: "S\u00e3o Paulo (AWS)" (notes §9.1).
    body = {"locations": locations.listed(tests.state.seed)}
    return json.dumps(body, separators=(",", ":")).encode()


@router.get(
    "/api/v1/synthetics/settings/default_locations",
    operation_id="GetSyntheticsDefaultLocations",
    summary="Get the default locations",
    response_model=list[str],
    responses=errors.responses(),
)
def get_synthetics_default_locations(caller: DatadogAuth, tests: Tests) -> bytes:
    """The org's default locations: a bare array of location ids."""
    require(caller, "synthetics_default_settings_read")
    # This answer ends with a newline as recorded (notes §9.4 cosmetics).
    return orjson.dumps(locations.default_locations(tests.state.seed)) + b"\n"
