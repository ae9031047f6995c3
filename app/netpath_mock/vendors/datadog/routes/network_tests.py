"""Datadog Network Path tests (v2): get, create, update, and the bulk delete of tests."""

from __future__ import annotations

from typing import Annotated

from netpath_mock.core.routing import service, vendor_router
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.auth import DatadogAuth, require
from netpath_mock.vendors.datadog.params import CurrentSession, DeleteBody, EditBody, PublicId
from netpath_mock.vendors.datadog.schemas import (
    DeletedTestsResponse,
    SyntheticsNetworkTestResponse,
)
from netpath_mock.vendors.datadog.service import NetworkTestEditor, NetworkTestService

Tests = Annotated[NetworkTestService, service(NetworkTestService)]
Editor = Annotated[NetworkTestEditor, service(NetworkTestEditor)]
# x-permission of each operation (contract): reads need synthetics_read; edits either write one.
EDIT = ("synthetics_write", "synthetics_create_edit_trigger")
NOT_FOUND = errors.responses(not_found=errors.TEST_NOT_FOUND)

router = vendor_router(tags=["Synthetics"])


@router.get(
    "/api/v2/synthetics/tests/network/{public_id}",
    operation_id="GetSyntheticsNetworkTest",
    summary="Get a Network Path test",
    response_model=SyntheticsNetworkTestResponse,
    responses=NOT_FOUND,
)
def get_synthetics_network_test(
    public_id: PublicId, caller: DatadogAuth, session: CurrentSession, tests: Tests
) -> bytes:
    """Get a Network Path test (needs synthetics_read)."""
    require(caller, "synthetics_read")
    return tests.get_network_test(session, public_id)


@router.put(
    "/api/v2/synthetics/tests/network/{public_id}",
    operation_id="UpdateSyntheticsNetworkTest",
    summary="Edit a Network Path test",
    response_model=SyntheticsNetworkTestResponse,
    responses=NOT_FOUND,
)
def update_synthetics_network_test(
    public_id: PublicId,
    caller: DatadogAuth,
    session: CurrentSession,
    body: EditBody,
    editor: Editor,
) -> bytes:
    """Replace a Network Path test, in the caller's session."""
    require(caller, *EDIT)
    return editor.update(session, public_id, body, editor.service.member(caller.user_key))


@router.post(
    "/api/v2/synthetics/tests/network",
    operation_id="CreateSyntheticsNetworkTest",
    summary="Create a Network Path test",
    response_model=SyntheticsNetworkTestResponse,
    responses=errors.responses(),
)
def create_synthetics_network_test(
    caller: DatadogAuth, session: CurrentSession, body: EditBody, editor: Editor
) -> bytes:
    """Create a Network Path test, in the caller's session."""
    require(caller, *EDIT)
    return editor.create(session, body, editor.service.member(caller.user_key))


@router.post(
    "/api/v2/synthetics/tests/bulk-delete",
    operation_id="DeleteSyntheticsTests",
    summary="Bulk delete tests",
    response_model=DeletedTestsResponse,
    responses=NOT_FOUND,
)
def delete_synthetics_tests(
    caller: DatadogAuth, session: CurrentSession, body: DeleteBody, editor: Editor
) -> bytes:
    """Delete every listed test, or none (needs synthetics_write), in the caller's session."""
    require(caller, "synthetics_write")
    return editor.bulk_delete(session, body)
