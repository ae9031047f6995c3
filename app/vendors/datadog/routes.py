"""Datadog Synthetics routes: HTTP only; each calls the service and returns the body bytes."""

from __future__ import annotations

from app.core.http import Request, Response
from app.core.pipeline import Router
from app.vendors.datadog.auth import Caller, require
from app.vendors.datadog.service import NetworkTestService

# Any non-empty segment: an id that is not a test is the API's 404 "Synthetics test not found"
# (the BDD scenarios' REPLACE.ME id gets exactly that; notes §3 g).
PUBLIC_ID = r"(?P<public_id>[^/]+)"


def build_router(service: NetworkTestService) -> Router:
    """The router of every Datadog operation this mock serves (v2 under /api/v2/...)."""
    router = Router()

    def get_synthetics_network_test(request: Request, caller: Caller, public_id: str) -> Response:
        """Get a Network Path test (GetSyntheticsNetworkTest); needs synthetics_read."""
        require(caller, "synthetics_read")
        return Response(200, service.get_network_test(request.session, public_id))

    router.add(
        "GET",
        rf"/api/v2/synthetics/tests/network/{PUBLIC_ID}",
        get_synthetics_network_test,
        "GetSyntheticsNetworkTest",
    )
    return router
