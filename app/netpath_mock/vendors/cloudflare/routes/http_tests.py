"""DEX HTTP tests: details and percentiles over a window."""

from __future__ import annotations

from netpath_mock.core.routing import vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.analytics_query import HttpTestId
from netpath_mock.vendors.cloudflare.analytics_routes import (
    details_operation,
    percentiles_operation,
)
from netpath_mock.vendors.cloudflare.analytics_schemas import (
    HttpDetailsEnvelope,
    HttpPercentilesEnvelope,
)

RESPONSES = errors.responses(not_found=errors.HTTP_TEST_NOT_FOUND, params=True)

router = vendor_router(tags=["DEX HTTP Tests"])


@router.get(
    "/accounts/{account_id}/dex/http-tests/{test_id}",
    operation_id="dex-endpoints-http-test-details",
    summary="Get details and aggregate metrics for an http test",
    response_model=HttpDetailsEnvelope,
    responses=RESPONSES,
)
@details_operation("http", HttpTestId)
def get_http_test() -> None:
    """An HTTP test's configuration and aggregates over a window (SDK: http_tests.get).

    DNS, server response and resource fetch times, availability and status codes of its runs
    in the window, overall and per colo, in `interval` buckets.
    """


@router.get(
    "/accounts/{account_id}/dex/http-tests/{test_id}/percentiles",
    operation_id="dex-endpoints-http-test-percentiles",
    summary="Get percentiles for an http test",
    response_model=HttpPercentilesEnvelope,
    responses=RESPONSES,
)
@percentiles_operation("http", HttpTestId)
def get_http_test_percentiles() -> None:
    """Percentiles of an HTTP test's timings over a window (SDK: http_tests.percentiles.get).

    p50/p90/p95/p99 of the DNS, server response and resource fetch times of its runs.
    """
