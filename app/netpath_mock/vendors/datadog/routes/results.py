"""Network Path test results: v2 list, one result and the poll; v1's two result operations.

`/tests/poll_results` is one segment under `/tests/`, where no v2 test path lives, so it needs no
ordering against `{public_id}` paths.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from netpath_mock.core.routing import Scenario, service, vendor_router
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.params import CurrentSession, PublicId
from netpath_mock.vendors.datadog.results import ResultsService
from netpath_mock.vendors.datadog.schemas import (
    SyntheticsAPITestResultFull,
    SyntheticsGetAPITestLatestResultsResponse,
    SyntheticsPollTestResultsResponse,
    SyntheticsTestLatestResultsResponse,
    SyntheticsTestResultResponse,
)

Results = Annotated[ResultsService, service(ResultsService)]
# Any segment: an id the world did not issue is the result's 404, not a route's.
ResultId = Annotated[
    str,
    Path(
        description="The result id (a decimal string below 2^63).",
        examples=["5158904793181869365"],
    ),
]
FromTs = Annotated[
    int | None, Query(description="Results that started at or after this time (ms).")
]
ToTs = Annotated[int | None, Query(description="Results that started at or before this time (ms).")]
ProbeDc = Annotated[
    list[str] | None, Query(description="Locations to keep (repeat the key for several).")
]

# A test's results answer its 404; one result, the result's.
TEST_NOT_FOUND = errors.responses(not_found=errors.TEST_NOT_FOUND)
RESULT_NOT_FOUND = errors.responses(not_found=errors.RESULT_NOT_FOUND)

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v2/synthetics/tests/poll_results",
    operation_id="PollSyntheticsTestResults",
    summary="Poll for test results",
    response_model=SyntheticsPollTestResultsResponse,
    responses=errors.responses(not_found=errors.RESULTS_NOT_FOUND),
)
def poll_synthetics_test_results(
    caller: DatadogAuth,
    session: CurrentSession,
    results: Results,
    scenario: Scenario,
    result_ids: Annotated[
        str,
        Query(
            description="A JSON-encoded array of result IDs to poll for.",
            examples=['["5158904793181869365"]'],
        ),
    ],
) -> bytes:
    """The results found, in the order asked; 404 when none is available (yet)."""
    require(caller, "synthetics_read")
    return results.poll_body(session, result_ids, scenario)


@router.get(
    "/api/v2/synthetics/tests/{public_id}/results",
    operation_id="ListSyntheticsTestLatestResults",
    summary="Get a test's latest results",
    response_model=SyntheticsTestLatestResultsResponse,
    responses=TEST_NOT_FOUND,
)
def list_synthetics_test_latest_results(
    public_id: PublicId,
    caller: DatadogAuth,
    session: CurrentSession,
    results: Results,
    scenario: Scenario,
    from_ts: FromTs = None,
    to_ts: ToTs = None,
    status: Annotated[
        Literal["passed", "failed", "no_data"] | None, Query(description="Result status.")
    ] = None,
    run_type: Annotated[
        Literal["scheduled", "fast", "ci", "triggered"] | None,
        Query(alias="runType", description="Run type."),
    ] = None,
    probe_dc: ProbeDc = None,
    device_id: Annotated[
        list[str] | None, Query(description="Devices to keep (network tests have none).")
    ] = None,
) -> bytes:
    """Newest first, at most 150; page by narrowing `to_ts` below the oldest result."""
    require(caller, "synthetics_read")
    return results.list_body(
        session,
        public_id,
        from_ts=from_ts,
        to_ts=to_ts,
        status=status,
        run_type=run_type,
        probe_dc=probe_dc,
        device_id=device_id,
        scenario=scenario,
    )


@router.get(
    "/api/v2/synthetics/tests/{public_id}/results/{result_id}",
    operation_id="GetSyntheticsTestResult",
    summary="Get a test result",
    response_model=SyntheticsTestResultResponse,
    responses=RESULT_NOT_FOUND,
)
def get_synthetics_test_result(
    public_id: PublicId,
    result_id: ResultId,
    caller: DatadogAuth,
    session: CurrentSession,
    results: Results,
    scenario: Scenario,
    event_id: Annotated[str | None, Query(description="Event store id (not needed).")] = None,
    timestamp: Annotated[
        int | None, Query(description="Time of the result, seconds (not needed).")
    ] = None,
) -> bytes:
    """The full result: netpath hops, netstats, assertions and failure."""
    require(caller, "synthetics_read")
    del event_id, timestamp  # the id alone names the run
    return results.get_body(session, public_id, result_id, scenario)


@router.get(
    "/api/v1/synthetics/tests/{public_id}/results",
    operation_id="GetAPITestLatestResults",
    summary="Get an API test's latest results summaries",
    response_model=SyntheticsGetAPITestLatestResultsResponse,
    responses=TEST_NOT_FOUND,
)
def get_api_test_latest_results(
    public_id: PublicId,
    caller: DatadogAuth,
    session: CurrentSession,
    results: Results,
    scenario: Scenario,
    from_ts: FromTs = None,
    to_ts: ToTs = None,
    probe_dc: ProbeDc = None,
) -> bytes:
    """A network test's latest runs in v1's shape (at most 150, newest first)."""
    require(caller, "synthetics_read")
    return results.v1_list_body(
        session, public_id, from_ts=from_ts, to_ts=to_ts, probe_dc=probe_dc, scenario=scenario
    )


@router.get(
    "/api/v1/synthetics/tests/{public_id}/results/{result_id}",
    operation_id="GetAPITestResult",
    summary="Get an API test result",
    response_model=SyntheticsAPITestResultFull,
    responses=RESULT_NOT_FOUND,
)
def get_api_test_result(
    public_id: PublicId,
    result_id: ResultId,
    caller: DatadogAuth,
    session: CurrentSession,
    results: Results,
    scenario: Scenario,
) -> bytes:
    """A network run in v1's full-result shape (`check` is the test)."""
    require(caller, "synthetics_read")
    return results.v1_get_body(session, public_id, result_id, scenario)
