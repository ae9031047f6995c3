"""Wire models of the DEX writable resources (device DEX tests, rules, commands), SDK-named.

They document request bodies and success envelopes in the generated OpenAPI. Bodies are parsed
by the services' own validators (dex_tests.py, rules.py, commands.py), never by these models, so
a bad body answers in Cloudflare's words; answers are built as plain dicts of these shapes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from netpath_mock.vendors.cloudflare.schemas import ResponseInfo


class _Wire(BaseModel):
    model_config = ConfigDict(extra="allow")


class ResultInfo(_Wire):
    """Paging of a list answer: `count` is the items on this page."""

    count: int
    page: int
    per_page: int
    total_count: int


class SchemaData(_Wire):
    """`data` of a device DEX test: what the WARP client tests."""

    host: str = Field(examples=["https://dash.cloudflare.com"])
    kind: Literal["http", "traceroute"]
    method: Literal["GET"] | None = None


class TargetPolicy(_Wire):
    """A DEX rule a test targets; `name` and `default` are the rule's (read-only)."""

    id: str
    default: bool | None = None
    name: str | None = None


class SchemaHTTP(_Wire):
    """A device DEX test (the SDK's `SchemaHTTP`), as stored and as sent on create/update."""

    data: SchemaData
    enabled: bool
    interval: str = Field(examples=["30m", "0h30m0s"])
    name: str
    created: str | None = None
    description: str | None = None
    target_policies: list[TargetPolicy] | None = None
    targeted: bool | None = None
    test_id: str | None = None
    updated: str | None = None


class _Envelope(_Wire):
    errors: list[ResponseInfo]
    messages: list[ResponseInfo]
    success: Literal[True]


class DexTestEnvelope(_Envelope):
    """One device DEX test."""

    result: SchemaHTTP


class DexTestListEnvelope(_Envelope):
    """A page of device DEX tests."""

    result: list[SchemaHTTP]
    result_info: ResultInfo | None = None


class DexTestsRemaining(_Wire):
    """What a delete answers: the account's remaining tests."""

    dex_tests: list[SchemaHTTP]


class DexTestDeleteEnvelope(_Envelope):
    """The answer to DELETE devices/dex_tests/{id}."""

    result: DexTestsRemaining


class RuleCreateBody(_Wire):
    """POST rules."""

    name: str
    match: str = Field(examples=['group_policy_id == "bd2f8f7b-d0b0-4d24-ba2b-bdfdf244d9f9"'])
    description: str | None = None


class RulePatchBody(_Wire):
    """PATCH rules/{id}: any of the fields."""

    name: str | None = None
    match: str | None = None
    description: str | None = None


class TargetedTest(_Wire):
    """A test that targets the rule."""

    data: SchemaData
    enabled: bool
    name: str
    test_id: str


class Rule(_Wire):
    """A DEX rule with its current targeted tests."""

    id: str
    created_at: str = Field(examples=["2023-07-16 15:00:00+00"])
    match: str
    name: str
    description: str | None = None
    targeted_tests: list[TargetedTest] | None = None
    updated_at: str | None = None


class RuleEnvelope(_Envelope):
    """One DEX rule."""

    result: Rule


class Rules(_Wire):
    """A page of rules."""

    rules: list[Rule]


class RuleListEnvelope(_Envelope):
    """A page of DEX rules."""

    result: Rules
    result_info: ResultInfo | None = None


class RuleDeleteEnvelope(_Envelope):
    """The answer to DELETE rules/{id}."""

    result: bool | None


class CommandOrder(_Wire):
    """One command to run on a device."""

    device_id: str
    user_email: str
    type: Literal["pcap", "speed-test", "warp-diag"]
    registration_id: str | None = None
    args: dict[str, object] | None = None


class CommandsBody(_Wire):
    """POST commands."""

    commands: list[CommandOrder] = Field(max_length=20)


class CreatedCommand(_Wire):
    """A queued command; `args` echo every argument as a string."""

    id: str
    args: dict[str, str]
    device_id: str
    registration_id: str
    status: Literal["PENDING_EXEC", "PENDING_UPLOAD", "SUCCESS", "FAILED"]
    type: str


class CreatedCommands(_Wire):
    """The queued commands."""

    commands: list[CreatedCommand]


class CommandsCreateEnvelope(_Envelope):
    """The answer to POST commands."""

    result: CreatedCommands


class Command(_Wire):
    """A command of the account, with its current status."""

    id: str
    completed_date: str | None
    created_date: str
    device_id: str
    filename: str | None
    registration_id: str
    status: str
    type: str
    user_email: str


class Commands(_Wire):
    """A page of commands."""

    commands: list[Command]


class CommandListEnvelope(_Envelope):
    """A page of commands, newest first."""

    result: Commands
    result_info: ResultInfo | None = None


class EligibleDevice(_Wire):
    """A registered device and whether remote captures can run on it."""

    device_id: str = Field(alias="deviceId")
    device_name: str = Field(alias="deviceName")
    eligible: bool
    ineligible_reason: str | None = Field(default=None, alias="ineligibleReason")
    person_email: str = Field(alias="personEmail")
    platform: str
    registration_id: str = Field(alias="registrationId")
    status: str
    timestamp: str
    version: str


class EligibleDevices(_Wire):
    """A page of devices."""

    devices: list[EligibleDevice]


class EligibleDevicesEnvelope(_Envelope):
    """A page of the device registry with capture eligibility."""

    result: EligibleDevices
    result_info: ResultInfo | None = None


class Quota(_Wire):
    """The account's command quota."""

    quota: int
    quota_usage: int
    reset_time: str


class QuotaEnvelope(_Envelope):
    """The command quota."""

    result: Quota
