"""Device DEX tests: POST/GET devices/dex_tests, GET/PUT/DELETE devices/dex_tests/{dex_test_id}."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from netpath_mock.core.routing import CurrentSession, raw_body, service, vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read, require_dex_write
from netpath_mock.vendors.cloudflare.dex_tests import DexTestService
from netpath_mock.vendors.cloudflare.params import UUID_PATTERN, AccountId
from netpath_mock.vendors.cloudflare.universe import DOC_TEST_ID
from netpath_mock.vendors.cloudflare.writable_schemas import (
    DexTestDeleteEnvelope,
    DexTestEnvelope,
    DexTestListEnvelope,
    SchemaHTTP,
)

Tests = Annotated[DexTestService, service(DexTestService)]
# A test id is a UUID; the undashed 32-hex form routes too (Go's uuid.Parse, which Cloudflare's
# API is written with, accepts it; the SDK's own get example is "372e67954025e0ba6aaa6d586b9e0b59").
DEX_TEST_ID_PATTERN = f"^(?:{UUID_PATTERN[1:-1]}|[0-9a-fA-F]{{32}})$"
DexTestId = Annotated[
    str,
    Path(
        pattern=DEX_TEST_ID_PATTERN, description="The DEX test id (UUID).", examples=[DOC_TEST_ID]
    ),
]
# Cloudflare's own docs/SDK example body (tests/api_resources/zero_trust/devices).
EXAMPLE_BODY = {
    "data": {"host": "https://dash.cloudflare.com", "kind": "http"},
    "enabled": True,
    "interval": "30m",
    "name": "HTTP dash health check",
}
Body = Annotated[bytes, raw_body(SchemaHTTP, example=EXAMPLE_BODY)]
RESPONSES = errors.responses(not_found=errors.DEX_TEST_NOT_FOUND)
WITH_BODY = errors.responses(not_found=errors.DEX_TEST_NOT_FOUND, params=True)
ACCOUNT_LEVEL = errors.responses(not_found=None, params=True)  # create and list

router = vendor_router(tags=["DEX Device Tests"])


@router.post(
    "/accounts/{account_id}/dex/devices/dex_tests",
    operation_id="device-dex-test-create-device-dex-test",
    summary="Create Device DEX test",
    response_model=DexTestEnvelope,
    responses=ACCOUNT_LEVEL,
)
def create_dex_test(
    account_id: AccountId, caller: CloudflareAuth, session: CurrentSession, tests: Tests, body: Body
) -> bytes:
    """Create a DEX test in the caller's session (name unique, at most 10 per account)."""
    require_dex_write(caller, account_id)
    return tests.create(session, account_id, body)


@router.get(
    "/accounts/{account_id}/dex/devices/dex_tests",
    operation_id="device-dex-test-details",
    summary="List Device DEX tests",
    response_model=DexTestListEnvelope,
    responses=ACCOUNT_LEVEL,
)
def list_dex_tests(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    tests: Tests,
    page: Annotated[int, Query(ge=1, description="Page number.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=50, description="Tests per page.")] = 10,
    test_name: Annotated[str | None, Query(alias="testName", description="Exact name.")] = None,
    kind: Annotated[Literal["http", "traceroute"] | None, Query()] = None,
) -> bytes:
    """Fetch all DEX tests of the account (seeded ones, then the session's)."""
    require_dex_read(caller, account_id)
    return tests.list_all(
        session, account_id, page=page, per_page=per_page, name=test_name, kind=kind
    )


@router.get(
    "/accounts/{account_id}/dex/devices/dex_tests/{dex_test_id}",
    operation_id="device-dex-test-get-device-dex-test",
    summary="Get Device DEX test",
    response_model=DexTestEnvelope,
    responses=RESPONSES,
)
def get_dex_test(
    account_id: AccountId,
    dex_test_id: DexTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    tests: Tests,
) -> bytes:
    """Fetch a single DEX test."""
    require_dex_read(caller, account_id)
    return tests.get(session, account_id, dex_test_id)


@router.put(
    "/accounts/{account_id}/dex/devices/dex_tests/{dex_test_id}",
    operation_id="device-dex-test-update-device-dex-test",
    summary="Update Device DEX test",
    response_model=DexTestEnvelope,
    responses=WITH_BODY,
)
def update_dex_test(
    account_id: AccountId,
    dex_test_id: DexTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    tests: Tests,
    body: Body,
) -> bytes:
    """Replace a DEX test's configuration (`created` stays, `updated` moves)."""
    require_dex_write(caller, account_id)
    return tests.update(session, account_id, dex_test_id, body)


@router.delete(
    "/accounts/{account_id}/dex/devices/dex_tests/{dex_test_id}",
    operation_id="device-dex-test-delete-device-dex-test",
    summary="Delete Device DEX test",
    response_model=DexTestDeleteEnvelope,
    responses=RESPONSES,
)
def delete_dex_test(
    account_id: AccountId,
    dex_test_id: DexTestId,
    caller: CloudflareAuth,
    session: CurrentSession,
    tests: Tests,
) -> bytes:
    """Delete a DEX test; answers the account's remaining tests."""
    require_dex_write(caller, account_id)
    return tests.delete(session, account_id, dex_test_id)
