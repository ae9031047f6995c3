"""DEX devices: GET .../dex/devices/{device_id}/fleet-status/live and /over-time, and /isps."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from netpath_mock.core.routing import CurrentSession, service, vendor_router
from netpath_mock.vendors.cloudflare import definitions, errors, query
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.fleet import FleetService
from netpath_mock.vendors.cloudflare.fleet_schemas import (
    DeviceOverTimeEnvelope,
    FleetDevice,
    IspsEnvelope,
)
from netpath_mock.vendors.cloudflare.params import UUID_PATTERN, AccountId
from netpath_mock.vendors.cloudflare.universe import DOC_DEVICE_IDS

Fleet = Annotated[FleetService, service(FleetService)]


def _device(example: str) -> object:
    return Path(
        pattern=UUID_PATTERN, description="Device-specific ID, given as UUID.", examples=[example]
    )


# The docs account's placeholder devices: the second is always awake (its live status exists at
# any time of day), the first is a Windows device with traceroute runs (it has ISPs).
LiveDeviceId = Annotated[str, _device(DOC_DEVICE_IDS[1])]
IspDeviceId = Annotated[str, _device(DOC_DEVICE_IDS[0])]
Colo = Annotated[str | None, Query(description="Cloudflare colo airport code.")]

router = vendor_router(tags=["DEX Devices"])


@router.get(
    "/accounts/{account_id}/dex/devices/{device_id}/fleet-status/live",
    operation_id="devices-live-status",
    summary="Get the latest status of a device.",
    response_model=FleetDevice,
    responses=errors.responses(
        not_found=errors.DEVICE_NOT_FOUND, no_state=errors.DEVICE_STATE_NOT_FOUND, params=True
    ),
)
def device_live_status(
    account_id: AccountId,
    device_id: LiveDeviceId,
    caller: CloudflareAuth,
    fleet: Fleet,
    since_minutes: Annotated[
        float,
        Query(ge=1, le=60, description="Number of minutes before current time.", examples=[10]),
    ],
    time_now: Annotated[
        str | None, Query(description="Current time in ISO format (deprecated).", deprecated=True)
    ] = None,
    colo: Colo = None,
) -> bytes:
    """The device's latest state in [time_now - since_minutes, time_now], as a bare object.

    No envelope: the contract and the SDK agree. 404 for an unknown device or one silent in the
    window.
    """
    require_dex_read(caller, account_id)
    now = query.instant(time_now, "time_now", upper=True, required=False)
    return fleet.device_live(
        account_id, device_id, since_minutes, now, colo or None, pii=caller.sees_pii
    )


@router.get(
    "/accounts/{account_id}/dex/devices/{device_id}/fleet-status/over-time",
    operation_id="dex-device-status-over-time",
    summary="Get the status over time for a device",
    response_model=DeviceOverTimeEnvelope,
    responses=errors.responses(not_found=errors.DEVICE_NOT_FOUND, params=True),
)
def device_status_over_time(
    account_id: AccountId,
    device_id: LiveDeviceId,
    caller: CloudflareAuth,
    fleet: Fleet,
    time_from: Annotated[
        str,
        Query(
            alias="from",
            description="Start of the time range: ISO 8601 or milliseconds since epoch.",
            examples=["2026-10-31T18:00:00Z"],
        ),
    ],
    time_to: Annotated[
        str,
        Query(
            alias="to",
            description="End of the time range: ISO 8601 or milliseconds since epoch.",
            examples=["2026-11-01T00:00:00Z"],
        ),
    ],
    interval: Annotated[
        Literal["minute", "hour"],
        Query(description="Time interval for aggregate time slots.", examples=["hour"]),
    ],
    colo: Colo = None,
) -> bytes:
    """The device's metrics per `interval` bucket, and the networks it reported from.

    Battery, CPU, RAM, disk, Wi-Fi signal, handshake latency, mode and status.
    """
    require_dex_read(caller, account_id)
    lo, hi = query.required_window(time_from, time_to)
    return fleet.device_over_time(account_id, device_id, lo, hi, interval, colo or None)


@router.get(
    "/accounts/{account_id}/dex/devices/{device_id}/isps",
    operation_id="dex-endpoints-list-device-isps",
    summary="List device ISPs",
    response_model=IspsEnvelope,
    responses=errors.responses(not_found=errors.DEVICE_NOT_FOUND, params=True),
)
def list_device_isps(
    account_id: AccountId,
    device_id: IspDeviceId,
    caller: CloudflareAuth,
    fleet: Fleet,
    session: CurrentSession,
    per_page: Annotated[
        float, Query(ge=1, le=50, description="Number of items per page.", examples=[10])
    ],
    page: Annotated[float, Query(ge=1, description="Page number (not with cursor).")] = 1,
    cursor: Annotated[str | None, Query(description="Cursor (not with page).")] = None,
    sort_by: Annotated[Literal["time_start"], Query(description="Sort field.")] = "time_start",
    sort_order: Annotated[Literal["ASC", "DESC"], Query(description="Sort order.")] = "DESC",
    time_from: Annotated[
        str | None, Query(alias="from", description="Start time (ISO 8601).")
    ] = None,
    time_to: Annotated[str | None, Query(alias="to", description="End time (ISO 8601).")] = None,
) -> bytes:
    """The access network of each traceroute run of the device, newest first.

    The run's first public hop (address, ASN, organisation, location), over the last 7 days by
    default. Windows and macOS clients report it. Runs of tests the session deleted, or changed
    into another kind or host, are gone.
    """
    require_dex_read(caller, account_id)
    del sort_by  # one field only
    # We issue no cursors (result_info carries none); with `page` given a cursor is moot, as
    # the SDK's own tests send both. A lone cursor is page 1 of a listing we never paged.
    del cursor
    lo, hi = query.window(time_from, time_to, required=False)
    hidden = definitions.hidden_histories(fleet.state, session, account_id)
    # Only a session with edits passes `hidden`: everyone else shares the cached bodies.
    extra = {"hidden": hidden} if hidden else {}
    return fleet.device_isps(
        account_id,
        device_id,
        lo=lo,
        hi=hi,
        page_no=query.whole(page, "page"),
        per_page=query.whole(per_page, "per_page"),
        descending=sort_order == "DESC",
        pii=caller.sees_pii,
        **extra,
    )
