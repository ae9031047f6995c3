"""DEX fleet status: GET .../dex/fleet-status/devices, /live and /over-time (SDK: fleet_status)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.cloudflare import errors, query
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.fleet import FleetService
from netpath_mock.vendors.cloudflare.fleet_schemas import (
    FleetDevicesEnvelope,
    FleetLiveEnvelope,
    FleetOverTimeEnvelope,
)
from netpath_mock.vendors.cloudflare.params import AccountId, FleetPage, FleetPerPage

Fleet = Annotated[FleetService, service(FleetService)]
# The last hour before the default epoch (2026-11-01T00:00:00Z): a window `last_seen` accepts.
From = Annotated[
    str,
    Query(
        alias="from",
        description="Start of the time range: ISO 8601 or milliseconds since epoch.",
        examples=["2026-10-31T23:00:00Z"],
    ),
]
To = Annotated[
    str,
    Query(
        alias="to",
        description="End of the time range: ISO 8601 or milliseconds since epoch.",
        examples=["2026-11-01T00:00:00Z"],
    ),
]
Colo = Annotated[str | None, Query(description="Cloudflare colo airport code.")]
DeviceId = Annotated[str | None, Query(description="Device-specific ID, given as UUID.")]

router = vendor_router(tags=["DEX Fleet Status"])


@router.get(
    "/accounts/{account_id}/dex/fleet-status/devices",
    operation_id="dex-fleet-status-devices",
    summary="List details of devices using WARP.",
    response_model=FleetDevicesEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_fleet_devices(
    account_id: AccountId,
    caller: CloudflareAuth,
    fleet: Fleet,
    time_from: From,
    time_to: To,
    page: FleetPage,
    per_page: FleetPerPage,
    sort_by: Annotated[
        Literal["colo", "device_id", "mode", "platform", "status", "timestamp", "version"],
        Query(description="Dimension to sort results by."),
    ] = "timestamp",
    source: Annotated[
        Literal["last_seen", "hourly", "raw"],
        Query(description="last_seen (up to 60 minutes), hourly rollups or raw reports."),
    ] = "last_seen",
    colo: Colo = None,
    device_id: DeviceId = None,
    mode: Annotated[str | None, Query(description="WARP client mode.")] = None,
    platform: Annotated[str | None, Query(description="Operating system.")] = None,
    status: Annotated[str | None, Query(description="Network status.")] = None,
    version: Annotated[str | None, Query(description="WARP client version.")] = None,
) -> bytes:
    """Devices' WARP state in the window, with their telemetry.

    Each device's last report (`last_seen`, at most 60 minutes), hourly rollups or every report,
    newest first within the sort dimension.
    """
    require_dex_read(caller, account_id)
    lo, hi = query.required_window(time_from, time_to)
    filters = {
        key: value
        for key, value in (
            ("colo", colo),
            ("mode", mode),
            ("platform", platform),
            ("status", status),
            ("version", version),
            ("device_id", query.uuid_filter(device_id, "device_id")),
        )
        if value
    }
    return fleet.fleet_devices(
        account_id,
        lo=lo,
        hi=hi,
        page_no=query.whole(page, "page"),
        per_page=query.whole(per_page, "per_page"),
        sort_by=sort_by,
        source=source,
        filters=filters,
        pii=caller.sees_pii,
    )


@router.get(
    "/accounts/{account_id}/dex/fleet-status/live",
    operation_id="dex-fleet-status-live",
    summary="Get live aggregate device details by dimension",
    response_model=FleetLiveEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def fleet_status_live(
    account_id: AccountId,
    caller: CloudflareAuth,
    fleet: Fleet,
    since_minutes: Annotated[
        float,
        Query(ge=1, le=60, description="Number of minutes before current time.", examples=[10]),
    ],
) -> bytes:
    """Devices that reported in the last `since_minutes`, counted by dimension.

    By colo, mode, platform, status and version; each device counts once per dimension.
    """
    require_dex_read(caller, account_id)
    return fleet.live(account_id, since_minutes)


@router.get(
    "/accounts/{account_id}/dex/fleet-status/over-time",
    operation_id="dex-fleet-status-over-time",
    summary="Get over time aggregate details for devices by dimension",
    response_model=FleetOverTimeEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def fleet_status_over_time(
    account_id: AccountId,
    caller: CloudflareAuth,
    fleet: Fleet,
    time_from: From,
    time_to: To,
    colo: Colo = None,
    device_id: DeviceId = None,
) -> bytes:
    """Hourly counts of devices by mode and by status over the window (up to 7 days back)."""
    require_dex_read(caller, account_id)
    lo, hi = query.required_window(time_from, time_to)
    return fleet.over_time(
        account_id, lo, hi, colo or None, query.uuid_filter(device_id, "device_id")
    )
