"""A test's version history (v2): the list, and one version."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.params import CurrentSession, PublicId, VersionNumber
from netpath_mock.vendors.datadog.schemas import (
    SyntheticsTestVersionHistoryResponse,
    SyntheticsTestVersionResponse,
)
from netpath_mock.vendors.datadog.versions import DEFAULT_LIMIT, MAX_LIMIT, TestVersions

Versions = Annotated[TestVersions, service(TestVersions)]
NOT_FOUND = errors.responses(not_found=errors.TEST_NOT_FOUND)

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v2/synthetics/tests/{public_id}/version_history",
    operation_id="ListSyntheticsTestVersions",
    summary="Get version history of a test",
    response_model=SyntheticsTestVersionHistoryResponse,
    responses=NOT_FOUND,
)
def list_synthetics_test_versions(
    public_id: PublicId,
    caller: DatadogAuth,
    session: CurrentSession,
    versions: Versions,
    last_version_number: Annotated[
        int | None, Query(ge=1, description="List the versions below this one.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> bytes:
    """Newest first, within the 30-day retention; paged by `last_version_number`."""
    require(caller, "synthetics_read")
    return versions.list(session, public_id, last_version_number, limit)


@router.get(
    "/api/v2/synthetics/tests/{public_id}/version_history/{version_number}",
    operation_id="GetSyntheticsTestVersion",
    summary="Get a specific version of a test",
    response_model=SyntheticsTestVersionResponse,
    responses=NOT_FOUND,
)
def get_synthetics_test_version(
    public_id: PublicId,
    version_number: VersionNumber,
    caller: DatadogAuth,
    session: CurrentSession,
    versions: Versions,
    include_change_metadata: bool = False,
    only_check_existence: bool = False,
) -> bytes:
    """The version's payload and author; `{}` (or 404) for an existence check."""
    require(caller, "synthetics_read")
    return versions.get(
        session,
        public_id,
        version_number,
        include_change_metadata=include_change_metadata,
        only_check_existence=only_check_existence,
    )
