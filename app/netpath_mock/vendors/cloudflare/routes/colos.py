"""DEX colos: GET .../dex/colos (SDK: zero_trust.dex.colos.list)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.cloudflare import errors, query
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.fleet import FleetService
from netpath_mock.vendors.cloudflare.fleet_schemas import ColosEnvelope
from netpath_mock.vendors.cloudflare.params import AccountId, EndTime, start_time

Fleet = Annotated[FleetService, service(FleetService)]

router = vendor_router(tags=["DEX Colos"])


@router.get(
    "/accounts/{account_id}/dex/colos",
    operation_id="dex-endpoints-list-colos",
    summary="List Cloudflare colos",
    response_model=ColosEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_colos(
    account_id: AccountId,
    caller: CloudflareAuth,
    fleet: Fleet,
    time_from: Annotated[str, start_time("2026-10-31T00:00:00Z")],
    time_to: EndTime,
    sort_by: Annotated[
        Literal["fleet-status-usage", "application-tests-usage"] | None,
        Query(alias="sortBy", description="Usage to sort by; alphabetical when absent."),
    ] = None,
) -> bytes:
    """Every Cloudflare colo, alphabetically.

    With `sortBy`, those the account's devices used most in the window (check-ins or test runs)
    come first, the rest alphabetically.
    """
    require_dex_read(caller, account_id)
    lo, hi = query.required_window(time_from, time_to)
    return fleet.colos(account_id, lo, hi, sort_by)
