"""The generic v1 Synthetics test operations on Network Path tests (notes §9.1, §9.3).

List, search, get, patch, delete, pause/resume, trigger (plain and CI) and uptimes. Static paths
come before `/tests/{public_id}`, which would match them too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.ci import TestTrigger
from netpath_mock.vendors.datadog.params import (
    CurrentSession,
    DeleteV1Body,
    PatchBody,
    PauseBody,
    PublicId,
    TriggerBody,
    TriggerCIBody,
    UptimesBody,
)
from netpath_mock.vendors.datadog.schemas import (
    SyntheticsDeleteTestsResponse,
    SyntheticsListTestsResponse,
    SyntheticsTestDetails,
    SyntheticsTestDetailsWithoutSteps,
    SyntheticsTestUptime,
    SyntheticsTriggerCITestsResponse,
)
from netpath_mock.vendors.datadog.search import TestSearch
from netpath_mock.vendors.datadog.tests_v1 import DEFAULT_PAGE_SIZE, TestsV1
from netpath_mock.vendors.datadog.uptimes import TestUptimes

V1 = Annotated[TestsV1, service(TestsV1)]
Search = Annotated[TestSearch, service(TestSearch)]
Trigger = Annotated[TestTrigger, service(TestTrigger)]
Uptimes = Annotated[TestUptimes, service(TestUptimes)]
NOT_FOUND = errors.responses(not_found=errors.TEST_NOT_FOUND)

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v1/synthetics/tests",
    operation_id="ListTests",
    summary="Get the list of all Synthetic tests",
    response_model=SyntheticsListTestsResponse,
    responses=errors.responses(),
)
def list_tests(
    caller: DatadogAuth,
    session: CurrentSession,
    v1: V1,
    page_size: Annotated[int, Query(ge=1, description="Tests per page.")] = DEFAULT_PAGE_SIZE,
    page_number: Annotated[int, Query(ge=0, description="The page, from 0.")] = 0,
) -> bytes:
    """0-based pages with the org's `total`; a page past the end is an empty 200."""
    require(caller, "synthetics_read")
    return v1.list_tests(session, page_size, page_number)


@router.get(
    "/api/v1/synthetics/tests/search",
    operation_id="SearchTests",
    summary="Search Synthetic tests",
    response_model=SyntheticsListTestsResponse,
    responses=errors.responses(),
)
def search_tests(
    caller: DatadogAuth,
    session: CurrentSession,
    search: Search,
    v1: V1,
    text: Annotated[str | None, Query(description="The search query (UI syntax).")] = None,
    include_full_config: bool = False,
    facets_only: bool = False,
    start: Annotated[int, Query(ge=0)] = 0,
    count: Annotated[int, Query(ge=0)] = 50,
    sort: str = "name,asc",
) -> bytes:
    """Tests matching the query (see search.py for the supported syntax), offset-paged."""
    require(caller, "synthetics_read")
    return search.search(
        session,
        v1.service.member(caller.user_key),
        text=text or "",
        include_full_config=include_full_config,
        facets_only=facets_only,
        start=start,
        count=count,
        sort=sort,
    )


@router.post(
    "/api/v1/synthetics/tests/delete",
    operation_id="DeleteTests",
    summary="Delete tests",
    response_model=SyntheticsDeleteTestsResponse,
    responses=NOT_FOUND,
)
def delete_tests(caller: DatadogAuth, session: CurrentSession, body: DeleteV1Body, v1: V1) -> bytes:
    """Delete every listed test, or none (Terraform's delete path)."""
    require(caller, "synthetics_write")
    return v1.delete_tests(session, body)


@router.post(
    "/api/v1/synthetics/tests/trigger",
    operation_id="TriggerTests",
    summary="Trigger tests",
    response_model=SyntheticsTriggerCITestsResponse,
    responses=NOT_FOUND,
)
def trigger_tests(
    caller: DatadogAuth, session: CurrentSession, body: TriggerBody, trigger: Trigger
) -> bytes:
    """Run each test once from each of its locations."""
    require(caller, "synthetics_write")
    return trigger.trigger(session, body)


@router.post(
    "/api/v1/synthetics/tests/trigger/ci",
    operation_id="TriggerCITests",
    summary="Trigger tests from CI/CD pipelines",
    response_model=SyntheticsTriggerCITestsResponse,
    responses=NOT_FOUND,
)
def trigger_ci_tests(
    caller: DatadogAuth, session: CurrentSession, body: TriggerCIBody, trigger: Trigger
) -> bytes:
    """Run the tests as one batch (readable with GetSyntheticsCIBatch)."""
    require(caller, "synthetics_write")
    return trigger.trigger_ci(session, body)


@router.post(
    "/api/v1/synthetics/tests/uptimes",
    operation_id="FetchUptimes",
    summary="Fetch uptime for multiple tests",
    response_model=list[SyntheticsTestUptime],
    responses=NOT_FOUND,
)
def fetch_uptimes(
    caller: DatadogAuth, session: CurrentSession, body: UptimesBody, uptimes: Uptimes
) -> bytes:
    """Each test's monitor history and uptime over the window (epoch seconds)."""
    require(caller, "synthetics_read")
    return uptimes.fetch(session, body)


@router.get(
    "/api/v1/synthetics/tests/{public_id}",
    operation_id="GetTest",
    summary="Get a test configuration",
    response_model=SyntheticsTestDetailsWithoutSteps,
    responses=NOT_FOUND,
)
def get_test(public_id: PublicId, caller: DatadogAuth, session: CurrentSession, v1: V1) -> bytes:
    """The test, flat, with created_at, modified_at, monitor_id and creator."""
    require(caller, "synthetics_read")
    return v1.get_test(session, public_id)


@router.patch(
    "/api/v1/synthetics/tests/{public_id}",
    operation_id="PatchTest",
    summary="Patch a Synthetic test",
    response_model=SyntheticsTestDetails,
    responses=NOT_FOUND,
)
def patch_test(
    public_id: PublicId, caller: DatadogAuth, session: CurrentSession, body: PatchBody, v1: V1
) -> bytes:
    """Apply JSON Patch operations; the result is validated like an update."""
    require(caller, "synthetics_write")
    return v1.patch_test(session, public_id, body, v1.service.member(caller.user_key))


@router.put(
    "/api/v1/synthetics/tests/{public_id}/status",
    operation_id="UpdateTestPauseStatus",
    summary="Pause or start a test",
    response_model=bool,
    responses=NOT_FOUND,
)
def update_test_pause_status(
    public_id: PublicId, caller: DatadogAuth, session: CurrentSession, body: PauseBody, v1: V1
) -> bytes:
    """Set the test live or paused; answers the bare JSON `true`."""
    require(caller, "synthetics_write")
    return v1.update_status(session, public_id, body)
