"""Datadog Synthetics routes: HTTP only; each calls the service and returns the body bytes."""

from __future__ import annotations

from collections.abc import Callable

from netpath_mock.core.http import Request, Response
from netpath_mock.core.pipeline import Router
from netpath_mock.vendors.datadog.auth import Caller, require
from netpath_mock.vendors.datadog.service import NetworkTestEditor, NetworkTestService

# Any non-empty segment: an id that is not a test is the API's 404 "Synthetics test not found"
# (the BDD scenarios' REPLACE.ME id gets exactly that; notes §3 g).
PUBLIC_ID = r"(?P<public_id>[^/]+)"


# x-permission of each operation (contract): reads need synthetics_read; edits either write one.
EDIT = ("synthetics_write", "synthetics_create_edit_trigger")


def build_router(service: NetworkTestService, clock: Callable[[], float]) -> Router:
    """The router of every Datadog operation this mock serves (v2 under /api/v2/...)."""
    router = Router()
    editor = NetworkTestEditor(service)

    def get_synthetics_network_test(request: Request, caller: Caller, public_id: str) -> Response:
        """Get a Network Path test (GetSyntheticsNetworkTest); needs synthetics_read."""
        require(caller, "synthetics_read")
        return Response(200, service.get_network_test(request.session, public_id))

    def create_synthetics_network_test(request: Request, caller: Caller) -> Response:
        """Create a Network Path test (CreateSyntheticsNetworkTest), in the caller's session."""
        require(caller, *EDIT)
        return Response(200, editor.create(request.session, request.body))

    def update_synthetics_network_test(
        request: Request, caller: Caller, public_id: str
    ) -> Response:
        """Update a Network Path test (UpdateSyntheticsNetworkTest), in the caller's session."""
        require(caller, *EDIT)
        return Response(200, editor.update(request.session, public_id, request.body))

    def delete_synthetics_tests(request: Request, caller: Caller) -> Response:
        """Bulk-delete tests (DeleteSyntheticsTests), in the caller's session."""
        require(caller, "synthetics_write")
        return Response(200, editor.bulk_delete(request.session, request.body, clock()))

    test_path = rf"/api/v2/synthetics/tests/network/{PUBLIC_ID}"
    router.add("GET", test_path, get_synthetics_network_test, "GetSyntheticsNetworkTest")
    router.add("PUT", test_path, update_synthetics_network_test, "UpdateSyntheticsNetworkTest")
    router.add(
        "POST",
        r"/api/v2/synthetics/tests/network",
        create_synthetics_network_test,
        "CreateSyntheticsNetworkTest",
    )
    router.add(
        "POST",
        r"/api/v2/synthetics/tests/bulk-delete",
        delete_synthetics_tests,
        "DeleteSyntheticsTests",
    )
    return router
