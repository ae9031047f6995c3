"""Wire models of Cloudflare DEX network-path results, named like the official SDK's types.

They validate fixture files at start-up and document the shape; the hot path serves bytes built
from plain dicts of exactly this shape (checked against the contract in the tests).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

Mile = Literal["client-to-app", "client-to-cf-egress", "client-to-cf-ingress", "client-to-isp"]
# EXECUTION_CONTEXT_INVALID is in the SDK's enum too (cloudflare-contract-notes §5).
ExecutionContext = Literal["EXECUTION_CONTEXT_INVALID", "OUT_OF_TUNNEL", "IN_TUNNEL"]


class CamelModel(BaseModel):
    """Cloudflare result objects use camelCase on the wire; Python stays snake_case."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="forbid",
        strict=True,
    )


class HopLocation(CamelModel):
    """Where a hop is (a real US city/state/zip triple, or nulls)."""

    city: str | None = None
    state: str | None = None
    zip: str | None = None


class Hop(CamelModel):
    """One router on the path; `ttl` is the only required field (contract)."""

    ttl: int
    asn: int | None = None
    aso: str | None = None
    ip_address: str | None = None
    location: HopLocation | None = None
    mile: Mile | None = None
    name: str | None = None
    packet_loss_pct: float | int | None = None
    rtt_ms: int | None = None


class NetworkPathGetResponse(CamelModel):
    """`result` of GET .../traceroute-test-results/{test_result_id}/network-path."""

    result_id: str = Field(max_length=36)
    hops: list[Hop]
    colo: str | None = None
    device_name: str | None = None
    # These two keep snake_case on the wire (contract), so their aliases are explicit.
    execution_context: ExecutionContext | None = Field(default=None, alias="execution_context")
    test_id: str | None = Field(default=None, max_length=36)
    test_name: str | None = None
    time_start: str | None = Field(default=None, alias="time_start")
    tunnel_type: str | None = Field(default=None, alias="tunnel_type")


class ErrorItem(BaseModel):
    """One entry of `errors` / `messages`."""

    model_config = ConfigDict(extra="allow")

    code: int = Field(ge=1000)
    message: str


class ResponseInfo(BaseModel):
    """One entry of a success envelope's `messages` (the contract's `messages` items)."""

    code: int
    message: str


class FailureEnvelope(BaseModel):
    """Cloudflare's failure envelope: every 4xx/5xx body (cloudflare-contract-notes §3)."""

    success: Literal[False]
    errors: list[ErrorItem]
    messages: list[ResponseInfo]
    result: None


class NetworkPathEnvelope(BaseModel):
    """The success envelope of GET .../traceroute-test-results/{id}/network-path."""

    errors: list[ResponseInfo]
    messages: list[ResponseInfo]
    success: Literal[True]
    result: NetworkPathGetResponse


class NetworkPathFixture(BaseModel):
    """A fixture file pinning one result: `{"vendor": "cloudflare", ...}`."""

    model_config = ConfigDict(extra="forbid")

    vendor: Literal["cloudflare"]
    kind: Literal["traceroute-test-result-network-path"] = "traceroute-test-result-network-path"
    # None: the result exists under every account (like the docs' example id).
    account_id: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{32}$")
    result: NetworkPathGetResponse

    def body(self, raw: dict[str, Any]) -> dict[str, Any]:
        """The result exactly as written in the file (validated, not re-shaped)."""
        result: dict[str, Any] = raw["result"]
        return result
