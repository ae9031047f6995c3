"""DEX HTTP tests: details and percentiles over a window."""

from __future__ import annotations

from typing import Annotated

from netpath_mock.core.routing import CurrentSession, service, vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.analytics import AnalyticsService
from netpath_mock.vendors.cloudflare.analytics_query import (
    Colo,
    DeviceIds,
    HttpTestId,
    Interval,
    TimeFrom,
    TimeTo,
)
from netpath_mock.vendors.cloudflare.analytics_schemas import (
    HttpDetailsEnvelope,
    HttpPercentilesEnvelope,
)
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.params import AccountId

Analytics = Annotated[AnalyticsService, service(AnalyticsService)]

router = vendor_router(tags=["DEX HTTP Tests"])


@router.get(
    "/accounts/{account_id}/dex/http-tests/{test_id}",
    operation_id="dex-endpoints-http-test-details",
    summary="Get details and aggregate metrics for an http test",
    response_model=HttpDetailsEnvelope,
    responses=errors.responses(not_found=errors.HTTP_TEST_NOT_FOUND, params=True),
)
def get_http_test(
    account_id: AccountId,
    test_id: HttpTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    analytics: Analytics,
    time_from: TimeFrom,
    time_to: TimeTo,
    interval: Interval,
    device_id: DeviceIds = None,
    colo: Colo = None,
) -> bytes:
    """An HTTP test's configuration and aggregates over a window (SDK: http_tests.get).

    DNS, server response and resource fetch times, availability and status codes of its runs
    in the window, overall and per colo, in `interval` buckets.
    """
    require_dex_read(caller, account_id)
    return analytics.details(
        session, account_id, test_id, "http", time_from, time_to, interval, device_id, colo
    )


@router.get(
    "/accounts/{account_id}/dex/http-tests/{test_id}/percentiles",
    operation_id="dex-endpoints-http-test-percentiles",
    summary="Get percentiles for an http test",
    response_model=HttpPercentilesEnvelope,
    responses=errors.responses(not_found=errors.HTTP_TEST_NOT_FOUND, params=True),
)
def get_http_test_percentiles(
    account_id: AccountId,
    test_id: HttpTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    analytics: Analytics,
    time_from: TimeFrom,
    time_to: TimeTo,
    device_id: DeviceIds = None,
    colo: Colo = None,
) -> bytes:
    """Percentiles of an HTTP test's timings over a window (SDK: http_tests.percentiles.get).

    p50/p90/p95/p99 of the DNS, server response and resource fetch times of its runs.
    """
    require_dex_read(caller, account_id)
    return analytics.percentiles(
        session, account_id, test_id, "http", time_from, time_to, device_id, colo
    )
