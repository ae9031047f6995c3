"""WARP change events: GET .../dex/warp-change-events (SDK: dex.warp_change_events.get)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.cloudflare import errors, query
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.fleet import FleetService
from netpath_mock.vendors.cloudflare.fleet_schemas import WarpEventsEnvelope
from netpath_mock.vendors.cloudflare.params import (
    AccountId,
    EndTime,
    FleetPage,
    FleetPerPage,
    start_time,
)

Fleet = Annotated[FleetService, service(FleetService)]

router = vendor_router(tags=["WARP Change Events"])


@router.get(
    "/accounts/{account_id}/dex/warp-change-events",
    operation_id="list-warp-change-events",
    summary="List WARP change events.",
    response_model=WarpEventsEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_warp_change_events(
    account_id: AccountId,
    caller: CloudflareAuth,
    fleet: Fleet,
    page: FleetPage,
    per_page: FleetPerPage,
    time_from: Annotated[str, start_time("2026-10-25T00:00:00Z")],
    time_to: EndTime,
    type_: Annotated[
        Literal["config", "toggle"] | None, Query(alias="type", description="Event type.")
    ] = None,
    toggle: Annotated[
        Literal["on", "off"] | None, Query(description="Toggle value (toggle events).")
    ] = None,
    config_name: Annotated[
        str | None, Query(description="Configuration switched from or to (config events).")
    ] = None,
    account_name: Annotated[str | None, Query(description="Account name.")] = None,
    sort_order: Annotated[
        Literal["ASC", "DESC"], Query(description="Sort by event timestamp.")
    ] = "ASC",
) -> bytes:
    """Users switching WARP on and off, and devices moving between configurations.

    Some configuration changes move a device to another organisation. Oldest first by default.
    """
    require_dex_read(caller, account_id)
    lo, hi = query.required_window(time_from, time_to)
    return fleet.warp_events(
        account_id,
        lo,
        hi,
        page_no=query.whole(page, "page"),
        per_page=query.whole(per_page, "per_page"),
        kind=type_,
        toggle=toggle,
        config_name=config_name or None,
        account_name=account_name or None,
        descending=sort_order == "DESC",
    )
