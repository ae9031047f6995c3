"""DEX rules: POST/GET rules, GET/PATCH/DELETE rules/{rule_id}."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from netpath_mock.core.routing import CurrentSession, raw_body, service, vendor_router
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read, require_dex_write
from netpath_mock.vendors.cloudflare.definitions import DOC_RULE_ID
from netpath_mock.vendors.cloudflare.params import UUID_PATTERN, AccountId
from netpath_mock.vendors.cloudflare.rules import RuleService
from netpath_mock.vendors.cloudflare.writable_schemas import (
    RuleCreateBody,
    RuleDeleteEnvelope,
    RuleEnvelope,
    RuleListEnvelope,
    RulePatchBody,
)

Rules = Annotated[RuleService, service(RuleService)]
RuleId = Annotated[
    str,
    Path(pattern=UUID_PATTERN, description="The DEX rule id (UUID).", examples=[DOC_RULE_ID]),
]
CreateBody = Annotated[
    bytes,
    raw_body(
        RuleCreateBody,
        example={
            "name": "Engineering laptops",
            "match": 'group_policy_id == "bd2f8f7b-d0b0-4d24-ba2b-bdfdf244d9f9"',
        },
    ),
]
PatchBody = Annotated[bytes, raw_body(RulePatchBody, example={"description": "Pilot group"})]
RESPONSES = errors.responses(not_found=errors.RULE_NOT_FOUND)
WITH_BODY = errors.responses(not_found=errors.RULE_NOT_FOUND, params=True)
ACCOUNT_LEVEL = errors.responses(not_found=None, params=True)  # create and list
Page = Annotated[int, Query(ge=1, description="Page number.", examples=[1])]
PerPage = Annotated[int, Query(ge=1, le=50, description="Rules per page.", examples=[10])]

router = vendor_router(tags=["DEX Rules"])


@router.post(
    "/accounts/{account_id}/dex/rules",
    operation_id="create-dex-rule",
    summary="Create a DEX Rule",
    response_model=RuleEnvelope,
    responses=ACCOUNT_LEVEL,
)
def create_dex_rule(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    rules: Rules,
    body: CreateBody,
) -> bytes:
    """Create a DEX Rule in the caller's session."""
    require_dex_write(caller, account_id)
    return rules.create(session, account_id, body)


@router.get(
    "/accounts/{account_id}/dex/rules",
    operation_id="list-dex-rules",
    summary="List DEX Rules",
    response_model=RuleListEnvelope,
    responses=ACCOUNT_LEVEL,
)
def list_dex_rules(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    rules: Rules,
    page: Page,
    per_page: PerPage,
    sort_order: Annotated[Literal["ASC", "DESC"], Query()] = "ASC",
    sort_by: Annotated[Literal["name", "created_at", "updated_at"], Query()] = "name",
    name: Annotated[str | None, Query(description="Part of the rule name, any case.")] = None,
) -> bytes:
    """List DEX Rules, each with the tests that target it."""
    require_dex_read(caller, account_id)
    return rules.list_all(
        session,
        account_id,
        page=page,
        per_page=per_page,
        sort_by=sort_by,
        sort_order=sort_order,
        name=name,
    )


@router.get(
    "/accounts/{account_id}/dex/rules/{rule_id}",
    operation_id="get-dex-rule",
    summary="Get DEX Rule",
    response_model=RuleEnvelope,
    responses=RESPONSES,
)
def get_dex_rule(
    account_id: AccountId,
    rule_id: RuleId,
    caller: CloudflareAuth,
    session: CurrentSession,
    rules: Rules,
) -> bytes:
    """Get details for a DEX Rule."""
    require_dex_read(caller, account_id)
    return rules.get(session, account_id, rule_id)


@router.patch(
    "/accounts/{account_id}/dex/rules/{rule_id}",
    operation_id="update-dex-rule",
    summary="Update a DEX Rule",
    response_model=RuleEnvelope,
    responses=WITH_BODY,
)
def update_dex_rule(
    account_id: AccountId,
    rule_id: RuleId,
    caller: CloudflareAuth,
    session: CurrentSession,
    rules: Rules,
    body: PatchBody,
) -> bytes:
    """Update a DEX Rule's name, match or description."""
    require_dex_write(caller, account_id)
    return rules.update(session, account_id, rule_id, body)


@router.delete(
    "/accounts/{account_id}/dex/rules/{rule_id}",
    operation_id="delete-dex-rule",
    summary="Delete a DEX Rule",
    response_model=RuleDeleteEnvelope,
    responses=RESPONSES,
)
def delete_dex_rule(
    account_id: AccountId,
    rule_id: RuleId,
    caller: CloudflareAuth,
    session: CurrentSession,
    rules: Rules,
) -> bytes:
    """Delete a DEX Rule (tests targeting it lose that target)."""
    require_dex_write(caller, account_id)
    return rules.delete(session, account_id, rule_id)
