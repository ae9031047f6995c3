"""Typed path and query parameters of the DEX operations (ids constrained like Cloudflare's).

A path parameter's pattern is part of routing (core.routing): a malformed id matches no route
and answers Cloudflare's 7003 route error, as the real API does (cloudflare-contract-notes §3 h).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

# Account ids are 32 hex characters (contract maxLength 32; real ids are lowercase hex, the API
# also routes uppercase); other DEX ids are UUIDs (cloudflare-dex-universe §2).
ACCOUNT_PATTERN = r"^[0-9a-fA-F]{32}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

AccountId = Annotated[
    str,
    Path(
        pattern=ACCOUNT_PATTERN,
        description="Account identifier (32 hex characters).",
        examples=["01a7362d577a6c3019a474fd6f485823"],
    ),
]
TestResultId = Annotated[
    str,
    Path(
        pattern=UUID_PATTERN,
        description="Traceroute test result id (UUID).",
        examples=["f174e90a-fafe-4643-bbbc-4a0ed4fc8415"],
    ),
]


def uuid_path(description: str) -> object:
    """A UUID path parameter with its own description (test, device, rule, command ids)."""
    return Path(pattern=UUID_PATTERN, description=description)


# The fleet lists' paging: the contract types both `number` (the SDK sends floats), so the
# routes check them with query.whole.
FleetPage = Annotated[float, Query(ge=1, description="Page number.", examples=[1])]
FleetPerPage = Annotated[float, Query(ge=1, le=50, description="Results per page.", examples=[10])]
# A required ISO 8601 window (colos, WARP change events), ending at the default epoch.
EndTime = Annotated[
    str,
    Query(alias="to", description="End time (ISO 8601).", examples=["2026-11-01T00:00:00Z"]),
]


def start_time(example: str) -> object:
    """The window's required start (`from`), with an example that suits the operation."""
    return Query(alias="from", description="Start time (ISO 8601).", examples=[example])
