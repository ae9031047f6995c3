"""The route functions DEX HTTP and traceroute tests share: details and percentiles over a window.

Both kinds answer `GET .../{kind}-tests/{test_id}` and `.../percentiles` with the same parameters
and the same service calls; only the kind, the test id's declaration (its description and
example) and the description differ. Each route module still declares its own path operations
(path, operationId, summary, response model, documented errors) on a stub that gives the
operation its name and description (docstring); the decorators here put the shared signature
and body in its place, so every operation stays a plain FastAPI path operation:

    @router.get("/accounts/{account_id}/dex/http-tests/{test_id}", operation_id=..., ...)
    @details_operation("http", HttpTestId)
    def get_http_test() -> None:
        '''An HTTP test's configuration and aggregates over a window (its description).'''
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from netpath_mock.core.routing import CurrentSession, service
from netpath_mock.vendors.cloudflare.analytics import AnalyticsService
from netpath_mock.vendors.cloudflare.analytics_query import (
    Colo,
    DeviceIds,
    Interval,
    TimeFrom,
    TimeTo,
)
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.params import AccountId

Analytics = Annotated[AnalyticsService, service(AnalyticsService)]


Stub = Callable[[], None]
Operation = Callable[..., bytes]


def details_operation(kind: str, test_id_type: Any) -> Callable[[Stub], Operation]:
    """The route function of a `kind` test's details (analytics.details), in place of a stub."""

    def operation(
        account_id: AccountId,
        test_id: str,
        caller: CloudflareAuth,
        session: CurrentSession,
        analytics: Analytics,
        time_from: TimeFrom,
        time_to: TimeTo,
        interval: Interval,
        device_id: DeviceIds = None,
        colo: Colo = None,
    ) -> bytes:
        require_dex_read(caller, account_id)
        return analytics.details(
            session, account_id, test_id, kind, time_from, time_to, interval, device_id, colo
        )

    return _in_place_of(operation, test_id_type)


def percentiles_operation(kind: str, test_id_type: Any) -> Callable[[Stub], Operation]:
    """The route function of a `kind` test's percentiles (analytics.percentiles), for a stub."""

    def operation(
        account_id: AccountId,
        test_id: str,
        caller: CloudflareAuth,
        session: CurrentSession,
        analytics: Analytics,
        time_from: TimeFrom,
        time_to: TimeTo,
        device_id: DeviceIds = None,
        colo: Colo = None,
    ) -> bytes:
        require_dex_read(caller, account_id)
        return analytics.percentiles(
            session, account_id, test_id, kind, time_from, time_to, device_id, colo
        )

    return _in_place_of(operation, test_id_type)


def _in_place_of(operation: Operation, test_id_type: Any) -> Callable[[Stub], Operation]:
    # FastAPI reads the signature's annotations (strings here, resolved in this module), so the
    # kind's own test id declaration replaces the placeholder `str`: its description and example
    # document the path parameter.
    operation.__annotations__["test_id"] = test_id_type

    def replace(stub: Stub) -> Operation:
        # The stub's name and docstring (the OpenAPI description), as if declared there.
        operation.__module__ = stub.__module__
        operation.__name__ = stub.__name__
        operation.__qualname__ = stub.__qualname__
        operation.__doc__ = stub.__doc__
        return operation

    return replace
