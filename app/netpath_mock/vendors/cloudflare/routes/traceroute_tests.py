"""DEX traceroute tests: details, network path and percentiles over a window."""

from __future__ import annotations

from netpath_mock.core.routing import CurrentSession, vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.analytics_query import (
    DeviceId,
    Interval,
    TimeFrom,
    TimeTo,
    TracerouteTestId,
)
from netpath_mock.vendors.cloudflare.analytics_routes import (
    Analytics,
    details_operation,
    percentiles_operation,
)
from netpath_mock.vendors.cloudflare.analytics_schemas import (
    TestNetworkPathEnvelope,
    TracerouteDetailsEnvelope,
    TraceroutePercentilesEnvelope,
)
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.params import AccountId

RESPONSES = errors.responses(not_found=errors.TRACEROUTE_TEST_NOT_FOUND, params=True)

router = vendor_router(tags=["DEX Traceroute Tests"])


@router.get(
    "/accounts/{account_id}/dex/traceroute-tests/{test_id}",
    operation_id="dex-endpoints-traceroute-test-details",
    summary="Get details and aggregate metrics for a traceroute test",
    response_model=TracerouteDetailsEnvelope,
    responses=RESPONSES,
)
@details_operation("traceroute", TracerouteTestId)
def get_traceroute_test() -> None:
    """A traceroute test's configuration and aggregates over a window (SDK: traceroute_tests.get).

    RTT, hop count, loss and availability of its runs in the window, overall and per colo, in
    `interval` buckets.
    """


@router.get(
    "/accounts/{account_id}/dex/traceroute-tests/{test_id}/network-path",
    operation_id="dex-endpoints-traceroute-test-network-path",
    summary="Get network path breakdown for a traceroute test",
    response_model=TestNetworkPathEnvelope,
    responses=errors.responses(
        not_found=errors.TRACEROUTE_TEST_NOT_FOUND, device=errors.DEVICE_NOT_FOUND, params=True
    ),
)
def get_traceroute_test_network_path(
    account_id: AccountId,
    test_id: TracerouteTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    analytics: Analytics,
    device_id: DeviceId,
    time_from: TimeFrom,
    time_to: TimeTo,
    interval: Interval,
) -> bytes:
    """A device's runs of a traceroute test (SDK: traceroute_tests.network_path).

    One slot per run in the window: its result id (resolvable at
    traceroute-test-results/{id}/network-path) and the RTT at the end of each mile.
    """
    require_dex_read(caller, account_id)
    return analytics.network_path(
        session, account_id, test_id, device_id, time_from, time_to, interval
    )


@router.get(
    "/accounts/{account_id}/dex/traceroute-tests/{test_id}/percentiles",
    operation_id="dex-endpoints-traceroute-test-percentiles",
    summary="Get percentiles for a traceroute test",
    response_model=TraceroutePercentilesEnvelope,
    responses=RESPONSES,
)
@percentiles_operation("traceroute", TracerouteTestId)
def get_traceroute_test_percentiles() -> None:
    """Percentiles of a traceroute test over a window (SDK: traceroute_tests.percentiles).

    p50/p90/p95/p99 of the RTT, hop count and loss of its runs in the window.
    """
