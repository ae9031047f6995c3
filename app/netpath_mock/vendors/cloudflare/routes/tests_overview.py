"""DEX tests analytics across an account: the tests overview and the unique devices count."""

from __future__ import annotations

from typing import Annotated

from netpath_mock.core.routing import CurrentSession, service, vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.analytics import AnalyticsService
from netpath_mock.vendors.cloudflare.analytics_query import (
    Colo,
    DeviceIds,
    Kind,
    Page,
    PerPage,
    RegistrationId,
    TestName,
)
from netpath_mock.vendors.cloudflare.analytics_schemas import (
    TestsOverviewEnvelope,
    UniqueDevicesEnvelope,
)
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read
from netpath_mock.vendors.cloudflare.params import AccountId

Analytics = Annotated[AnalyticsService, service(AnalyticsService)]

router = vendor_router(tags=["DEX Tests"])


@router.get(
    "/accounts/{account_id}/dex/tests/overview",
    operation_id="dex-endpoints-list-tests-overview",
    summary="List DEX test analytics",
    response_model=TestsOverviewEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_tests_overview(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    analytics: Analytics,
    colo: Colo = None,
    test_name: TestName = None,
    device_id: DeviceIds = None,
    registration_id: RegistrationId = None,
    page: Page = None,
    per_page: PerPage = None,
    kind: Kind = None,
) -> bytes:
    """The account's tests with their recent results (SDK: dex.tests.list).

    Each test with the average, history and series of its last hour of runs (round trip time
    or resource fetch time), overall and per colo; paged.
    """
    require_dex_read(caller, account_id)
    return analytics.overview(
        session,
        account_id,
        page=page,
        per_page=per_page,
        kind=kind,
        test_name=test_name,
        device_ids=device_id,
        colo=colo,
        registration_id=registration_id,
    )


@router.get(
    "/accounts/{account_id}/dex/tests/unique-devices",
    operation_id="dex-endpoints-tests-unique-devices",
    summary="Get count of devices targeted",
    response_model=UniqueDevicesEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def get_unique_devices(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    analytics: Analytics,
    test_name: TestName = None,
    device_id: DeviceIds = None,
) -> bytes:
    """How many devices the tests target (SDK: dex.tests.unique_devices.list).

    Every device whose platform runs the kind of one of the account's tests (or the named one).
    """
    require_dex_read(caller, account_id)
    return analytics.unique_devices(session, account_id, test_name, device_id)
