"""DEX traceroute test results: GET .../traceroute-test-results/{test_result_id}/network-path."""

from __future__ import annotations

from typing import Annotated

from netpath_mock.core.routing import CurrentSession, Scenario, service, vendor_router
from netpath_mock.vendors.cloudflare import definitions, errors
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.params import AccountId, TestResultId
from netpath_mock.vendors.cloudflare.results import NetworkPathService
from netpath_mock.vendors.cloudflare.schemas import NetworkPathEnvelope

NetworkPaths = Annotated[NetworkPathService, service(NetworkPathService)]

router = vendor_router(tags=["DEX Traceroute Test Results"])


@router.get(
    "/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}/network-path",
    operation_id="dex-endpoints-traceroute-test-result-network-path",
    summary="Get details for a specific traceroute test run",
    response_model=NetworkPathEnvelope,
    responses=errors.responses(not_found=errors.RESULT_NOT_FOUND),
)
def get_network_path(
    account_id: AccountId,
    test_result_id: TestResultId,
    caller: CloudflareAuth,
    paths: NetworkPaths,
    session: CurrentSession,
    scenario: Scenario,
) -> bytes:
    """The hops of one traceroute run, with its device, test and colo (SDK: network_path.get).

    A run of a test the session deleted, or changed into another kind or host, is 404; a
    renamed test's runs carry its new name. `Prefer: example=<scenario>` answers the same run
    under a named condition (GET /_mock/scenarios lists them).
    """
    require_dex_read(caller, account_id)
    view = definitions.result_view(paths.state, session, account_id)
    return paths.get_network_path(account_id, test_result_id, view, scenario)
