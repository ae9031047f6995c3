"""Cloudflare DEX routes: HTTP only; each calls the service and returns the envelope bytes."""

from __future__ import annotations

from netpath_mock.core.http import Response
from netpath_mock.core.pipeline import Router
from netpath_mock.vendors.cloudflare.auth import Caller, require_dex_read
from netpath_mock.vendors.cloudflare.service import NetworkPathService

# account_id: 32 hex (contract maxLength 32; real ids are hex); test_result_id: a UUID
# (maxLength 36). Anything else is Cloudflare's 7003 route error (notes §3 h), which the
# router gives for free: a malformed id simply matches no route.
ACCOUNT = r"(?P<account_id>[0-9a-fA-F]{32})"
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# The SDK's own test suite addresses its mock without /client/v4 (notes §4): serve both.
PREFIX = r"(?:/client/v4)?"


def build_router(service: NetworkPathService) -> Router:
    """The router of every Cloudflare operation this mock serves."""
    router = Router()

    def get_network_path(
        request: object, caller: Caller, account_id: str, test_result_id: str
    ) -> Response:
        """Get details for a specific traceroute test run (SDK: network_path.get)."""
        require_dex_read(caller, account_id)
        return Response(200, service.get_network_path(account_id, test_result_id))

    router.add(
        "GET",
        rf"{PREFIX}/accounts/{ACCOUNT}/dex/traceroute-test-results/(?P<test_result_id>{UUID})/network-path",
        get_network_path,
        "dex-endpoints-traceroute-test-result-network-path",
    )
    return router
