"""Remote-capture commands: create, list, eligible devices, quota and file download.

POST/GET commands, GET commands/devices, GET commands/quota and
GET commands/{command_id}/downloads/{filename}.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path, Query

from netpath_mock.core.http import Response
from netpath_mock.core.routing import CurrentSession, raw_body, service, vendor_router
from netpath_mock.core.settings import Settings
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.auth import CloudflareAuth, require_dex_read, require_dex_write
from netpath_mock.vendors.cloudflare.capture_devices import registry
from netpath_mock.vendors.cloudflare.commands import (
    DOC_COMMAND_ID,
    ZIP_CONTENT_TYPE,
    CommandService,
)
from netpath_mock.vendors.cloudflare.params import UUID_PATTERN, AccountId
from netpath_mock.vendors.cloudflare.writable_schemas import (
    CommandListEnvelope,
    CommandsBody,
    CommandsCreateEnvelope,
    EligibleDevicesEnvelope,
    QuotaEnvelope,
)

Commands = Annotated[CommandService, service(CommandService)]
CommandId = Annotated[
    str,
    Path(pattern=UUID_PATTERN, description="The command id (UUID).", examples=[DOC_COMMAND_ID]),
]
Filename = Annotated[
    str,
    Path(
        pattern=r"^[^/]+$",
        description="The file to download: the command's `filename` (`<command id>.zip`).",
        examples=[f"{DOC_COMMAND_ID}.zip"],
    ),
]
Page = Annotated[int, Query(ge=1, description="Page number.", examples=[1])]
PerPage = Annotated[int, Query(ge=1, le=50, description="Items per page.", examples=[10])]


def _example_order(ids: dict[str, Any]) -> dict[str, Any]:
    # A warp-diag for the first eligible device of the example account, in the default universe.
    seed = Settings.model_fields["seed"].default
    epoch = Settings.model_fields["epoch"].default
    device = next(d for d in registry(seed, ids["account_id"], epoch) if d.eligible)
    order = {"device_id": device.device_id, "user_email": device.person_email, "type": "warp-diag"}
    return {"commands": [order]}


Body = Annotated[bytes, raw_body(CommandsBody, example=_example_order)]

router = vendor_router(tags=["DEX Remote Commands"])


@router.post(
    "/accounts/{account_id}/dex/commands",
    operation_id="post-commands",
    summary="Create account commands",
    response_model=CommandsCreateEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def create_commands(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    commands: Commands,
    body: Body,
) -> bytes:
    """Initiate commands for up to 10 devices per account (all or none are queued)."""
    require_dex_write(caller, account_id)
    return commands.create(session, account_id, body)


@router.get(
    "/accounts/{account_id}/dex/commands",
    operation_id="get-commands",
    summary="List account commands",
    response_model=CommandListEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_commands(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    commands: Commands,
    page: Page,
    per_page: PerPage,
    time_from: Annotated[
        str | None, Query(alias="from", description="RFC 3339 start of created_date.")
    ] = None,
    time_to: Annotated[
        str | None, Query(alias="to", description="RFC 3339 end of created_date.")
    ] = None,
    device_id: Annotated[str | None, Query()] = None,
    user_email: Annotated[str | None, Query()] = None,
    command_type: Annotated[Literal["pcap", "speed-test", "warp-diag"] | None, Query()] = None,
    status: Annotated[
        Literal["PENDING_EXEC", "PENDING_UPLOAD", "SUCCESS", "FAILED"] | None, Query()
    ] = None,
) -> bytes:
    """The account's commands of the last 7 days, newest first, with their current status."""
    require_dex_read(caller, account_id)
    return commands.list_all(
        session,
        account_id,
        page=page,
        per_page=per_page,
        time_from=time_from,
        time_to=time_to,
        device_id=device_id,
        user_email=user_email,
        command_type=command_type,
        status=status,
    )


@router.get(
    "/accounts/{account_id}/dex/commands/devices",
    operation_id="get-commands-eligible-devices",
    summary="List devices eligible for remote captures",
    response_model=EligibleDevicesEnvelope,
    responses=errors.responses(not_found=None, params=True),
)
def list_eligible_devices(
    account_id: AccountId,
    caller: CloudflareAuth,
    session: CurrentSession,
    commands: Commands,
    page: Page,
    per_page: PerPage,
    search: Annotated[str | None, Query(description="Part of a device name or email.")] = None,
) -> bytes:
    """The account's devices, each with whether remote captures can run on it and why not."""
    require_dex_read(caller, account_id)
    return commands.devices(session, account_id, page=page, per_page=per_page, search=search)


@router.get(
    "/accounts/{account_id}/dex/commands/quota",
    operation_id="get-commands-quota",
    summary="Returns account commands usage, quota, and reset time",
    response_model=QuotaEnvelope,
    responses=errors.responses(not_found=None),
)
def get_commands_quota(
    account_id: AccountId, caller: CloudflareAuth, session: CurrentSession, commands: Commands
) -> bytes:
    """Commands created in the last 24 hours against the account's quota."""
    require_dex_read(caller, account_id)
    return commands.quota(session, account_id)


@router.get(
    "/accounts/{account_id}/dex/commands/{command_id}/downloads/{filename}",
    operation_id="get-commands-command-id-downloads-filename",
    summary="Download command output file",
    responses={
        200: {
            "description": "The command's output, a ZIP archive.",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors.responses(not_found=errors.FILE_NOT_FOUND),
    },
)
def download_command_file(
    account_id: AccountId,
    command_id: CommandId,
    filename: Filename,
    caller: CloudflareAuth,
    session: CurrentSession,
    commands: Commands,
) -> Response:
    """Download a SUCCESS command's artifact (a pcap or warp-diag ZIP)."""
    require_dex_read(caller, account_id)
    archive, headers = commands.download(session, account_id, command_id, filename)
    return Response(200, archive, headers, content_type=ZIP_CONTENT_TYPE)
