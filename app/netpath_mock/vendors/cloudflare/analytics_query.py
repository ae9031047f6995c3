"""Declared query parameters of the DEX analytics operations (routes' signatures).

The declarations document the contract's parameters and let the dispatcher refuse a missing
required one (400 11004) or a value outside an enum (400 11005); formats (instants, UUIDs, page
numbers) and cross-parameter rules are the service's (analytics_params). Examples fall inside
the default universe's retention, in the docs' account.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from netpath_mock.vendors.cloudflare.params import UUID_PATTERN

DOC_DEVICE = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"  # the docs' account device 0, any seed
DOC_TRACEROUTE_TEST = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"  # the docs' account test 0, any seed
DEFAULT_SEED_HTTP_TEST = "dbf3a6c0-77e7-4ae2-adfc-b6c16764864f"  # docs' account, seed 1234

TracerouteTestId = Annotated[
    str,
    Path(
        pattern=UUID_PATTERN,
        description="Unique identifier of a traceroute test (UUID).",
        examples=[DOC_TRACEROUTE_TEST],
    ),
]
HttpTestId = Annotated[
    str,
    Path(
        pattern=UUID_PATTERN,
        description="Unique identifier of an HTTP test (UUID).",
        examples=[DEFAULT_SEED_HTTP_TEST],
    ),
]
TimeFrom = Annotated[
    str,
    Query(
        alias="from",
        description="Start of the window: ISO 8601 or milliseconds since the epoch.",
        examples=["2026-10-31T00:00:00Z"],
    ),
]
TimeTo = Annotated[
    str,
    Query(
        alias="to",
        description="End of the window (inclusive): ISO 8601 or milliseconds since the epoch.",
        examples=["2026-11-01T00:00:00Z"],
    ),
]
Interval = Annotated[
    Literal["minute", "hour"],
    Query(description="Time interval for aggregate time slots.", examples=["hour"]),
]
DeviceIds = Annotated[
    list[str] | None,
    Query(
        alias="deviceId",
        description="Only these devices' runs (repeat the key for several; device UUIDs).",
    ),
]
DeviceId = Annotated[
    str,
    Query(
        alias="deviceId",
        description="The device whose runs to list (UUID).",
        examples=[DOC_DEVICE],
    ),
]
Colo = Annotated[
    str | None, Query(description="Only runs through this Cloudflare colo (airport code).")
]
TestName = Annotated[str | None, Query(alias="testName", description="Only the test of this name.")]
Kind = Annotated[
    Literal["http", "traceroute"] | None, Query(description="Only tests of this kind.")
]
Page = Annotated[float | None, Query(description="Page number of paginated results (from 1).")]
PerPage = Annotated[float | None, Query(description="Number of items per page (1-50).")]
RegistrationId = Annotated[
    str | None,
    Query(description="One registration of the single device given in deviceId (UUID)."),
]
