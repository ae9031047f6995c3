"""Datadog Synthetics routes: HTTP only; each calls the service and returns the body bytes."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

import orjson

from netpath_mock.core.http import Request, Response
from netpath_mock.core.pipeline import Router
from netpath_mock.vendors.datadog import locations, universe
from netpath_mock.vendors.datadog.auth import Caller, require
from netpath_mock.vendors.datadog.ci import TestTrigger
from netpath_mock.vendors.datadog.search import TestSearch
from netpath_mock.vendors.datadog.service import NetworkTestEditor, NetworkTestService
from netpath_mock.vendors.datadog.tests_v1 import DEFAULT_PAGE_SIZE, TestsV1
from netpath_mock.vendors.datadog.uptimes import fetch_uptimes
from netpath_mock.vendors.datadog.validation import query_bool, query_int
from netpath_mock.vendors.datadog.versions import DEFAULT_LIMIT, TestVersions

# Any non-empty segment: an id that is not a test is the API's 404 "Synthetics test not found"
# (the BDD scenarios' REPLACE.ME id gets exactly that; notes §3 g).
PUBLIC_ID = r"(?P<public_id>[^/]+)"
V1 = "/api/v1/synthetics"


def _query(request: Request) -> dict[str, str]:
    """The query parameters (the last value of a repeated one)."""
    return dict(parse_qsl(request.query, keep_blank_values=True)) if request.query else {}


# x-permission of each operation (contract): reads need synthetics_read; edits either write one.
EDIT = ("synthetics_write", "synthetics_create_edit_trigger")


def build_router(service: NetworkTestService, clock: Callable[[], float]) -> Router:
    """The router of every Datadog operation this mock serves (v2 under /api/v2/...)."""
    router = Router()
    editor = NetworkTestEditor(service)
    v1 = TestsV1(service, editor)
    search = TestSearch(service)
    versions = TestVersions(service)
    trigger = TestTrigger(service)
    state = service.state  # the seed changes on /_mock/seed: read it per request

    def user(caller: Caller) -> universe.User:
        return universe.user_for(state.seed, caller.user_key)

    def get_synthetics_network_test(request: Request, caller: Caller, public_id: str) -> Response:
        """Get a Network Path test (GetSyntheticsNetworkTest); needs synthetics_read."""
        require(caller, "synthetics_read")
        return Response(200, service.get_network_test(request.session, public_id))

    def create_synthetics_network_test(request: Request, caller: Caller) -> Response:
        """Create a Network Path test (CreateSyntheticsNetworkTest), in the caller's session."""
        require(caller, *EDIT)
        return Response(200, editor.create(request.session, request.body, user(caller)))

    def update_synthetics_network_test(
        request: Request, caller: Caller, public_id: str
    ) -> Response:
        """Update a Network Path test (UpdateSyntheticsNetworkTest), in the caller's session."""
        require(caller, *EDIT)
        return Response(200, editor.update(request.session, public_id, request.body, user(caller)))

    def delete_synthetics_tests(request: Request, caller: Caller) -> Response:
        """Bulk-delete tests (DeleteSyntheticsTests), in the caller's session."""
        require(caller, "synthetics_write")
        return Response(200, editor.bulk_delete(request.session, request.body, clock()))

    # --- v1 (datadog-synthetics-v1-subset.openapi.json) ---------------------------------------

    def list_tests(request: Request, caller: Caller) -> Response:
        """Get the list of all Synthetic tests (ListTests); 0-based pages with `total`."""
        require(caller, "synthetics_read")
        query = _query(request)
        page_size = query_int(query, "page_size", DEFAULT_PAGE_SIZE, minimum=1)
        page_number = query_int(query, "page_number", 0)
        return Response(200, v1.list_tests(request.session, page_size, page_number))

    def search_tests(request: Request, caller: Caller) -> Response:
        """Search Synthetic tests (SearchTests)."""
        require(caller, "synthetics_read")
        query = _query(request)
        body = search.search(
            request.session,
            user(caller),
            text=query.get("text", ""),
            include_full_config=query_bool(query, "include_full_config"),
            facets_only=query_bool(query, "facets_only"),
            start=query_int(query, "start", 0),
            count=query_int(query, "count", 50),
            sort=query.get("sort") or "name,asc",
        )
        return Response(200, body)

    def get_test(request: Request, caller: Caller, public_id: str) -> Response:
        """Get a test configuration (GetTest): the flat v1 test."""
        require(caller, "synthetics_read")
        return Response(200, v1.get_test(request.session, public_id))

    def patch_test(request: Request, caller: Caller, public_id: str) -> Response:
        """Patch a Synthetic test (PatchTest) with JSON Patch operations."""
        require(caller, "synthetics_write")
        body = v1.patch_test(request.session, public_id, request.body, user(caller))
        return Response(200, body)

    def delete_tests(request: Request, caller: Caller) -> Response:
        """Delete tests (DeleteTests): every listed test or none."""
        require(caller, "synthetics_write")
        return Response(200, v1.delete_tests(request.session, request.body))

    def update_test_pause_status(request: Request, caller: Caller, public_id: str) -> Response:
        """Pause or start a test (UpdateTestPauseStatus): bare `true`."""
        require(caller, "synthetics_write")
        return Response(200, v1.update_status(request.session, public_id, request.body))

    def trigger_tests(request: Request, caller: Caller) -> Response:
        """Trigger tests (TriggerTests)."""
        require(caller, "synthetics_write")
        return Response(200, trigger.trigger(request.session, request.body))

    def trigger_ci_tests(request: Request, caller: Caller) -> Response:
        """Trigger tests from CI/CD pipelines (TriggerCITests): opens a batch."""
        require(caller, "synthetics_write")
        return Response(200, trigger.trigger_ci(request.session, request.body))

    def get_synthetics_ci_batch(request: Request, caller: Caller, batch_id: str) -> Response:
        """Get details of a batch (GetSyntheticsCIBatch)."""
        require(caller, "synthetics_read")
        return Response(200, trigger.get_batch(request.session, batch_id))

    def fetch_uptimes_(request: Request, caller: Caller) -> Response:
        """Fetch uptime for multiple tests (FetchUptimes)."""
        require(caller, "synthetics_read")
        return Response(200, fetch_uptimes(service, request.session, request.body))

    def list_locations(request: Request, caller: Caller) -> Response:
        """Get all locations, public and private (ListLocations)."""
        require(caller, "synthetics_private_location_read")
        return Response(200, orjson.dumps({"locations": locations.listed(state.seed)}))

    def get_synthetics_default_locations(request: Request, caller: Caller) -> Response:
        """Get the default locations (GetSyntheticsDefaultLocations)."""
        require(caller, "synthetics_default_settings_read")
        return Response(200, orjson.dumps(locations.default_locations(state.seed)) + b"\n")

    # --- v2 version history -------------------------------------------------------------------

    def list_synthetics_test_versions(request: Request, caller: Caller, public_id: str) -> Response:
        """Get version history of a test (ListSyntheticsTestVersions)."""
        require(caller, "synthetics_read")
        query = _query(request)
        last = query_int(query, "last_version_number", 0, minimum=1) or None
        limit = query_int(query, "limit", DEFAULT_LIMIT, minimum=1)
        return Response(200, versions.list(request.session, public_id, last, limit))

    def get_synthetics_test_version(
        request: Request, caller: Caller, public_id: str, version_number: str
    ) -> Response:
        """Get a specific version of a test (GetSyntheticsTestVersion)."""
        require(caller, "synthetics_read")
        query = _query(request)
        body = versions.get(
            request.session,
            public_id,
            version_number,
            include_change_metadata=query_bool(query, "include_change_metadata"),
            only_check_existence=query_bool(query, "only_check_existence"),
        )
        return Response(200, body)

    # Fixed paths before the {public_id} ones that would also match them.
    router.add("GET", rf"{V1}/tests", list_tests, "ListTests")
    router.add("GET", rf"{V1}/tests/search", search_tests, "SearchTests")
    router.add("POST", rf"{V1}/tests/delete", delete_tests, "DeleteTests")
    router.add("POST", rf"{V1}/tests/trigger", trigger_tests, "TriggerTests")
    router.add("POST", rf"{V1}/tests/trigger/ci", trigger_ci_tests, "TriggerCITests")
    router.add("POST", rf"{V1}/tests/uptimes", fetch_uptimes_, "FetchUptimes")
    router.add("GET", rf"{V1}/tests/{PUBLIC_ID}", get_test, "GetTest")
    router.add("PATCH", rf"{V1}/tests/{PUBLIC_ID}", patch_test, "PatchTest")
    router.add(
        "PUT", rf"{V1}/tests/{PUBLIC_ID}/status", update_test_pause_status, "UpdateTestPauseStatus"
    )
    router.add(
        "GET",
        rf"{V1}/ci/batch/(?P<batch_id>[^/]+)",
        get_synthetics_ci_batch,
        "GetSyntheticsCIBatch",
    )
    router.add("GET", rf"{V1}/locations", list_locations, "ListLocations")
    router.add(
        "GET",
        rf"{V1}/settings/default_locations",
        get_synthetics_default_locations,
        "GetSyntheticsDefaultLocations",
    )
    history = rf"/api/v2/synthetics/tests/{PUBLIC_ID}/version_history"
    router.add("GET", history, list_synthetics_test_versions, "ListSyntheticsTestVersions")
    router.add(
        "GET",
        rf"{history}/(?P<version_number>[^/]+)",
        get_synthetics_test_version,
        "GetSyntheticsTestVersion",
    )

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
