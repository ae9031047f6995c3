"""Wire models of Datadog's v2 Network Path test, named like the official client's types.

They validate fixture files at start-up (extra fields forbidden, so drift fails fast) and mirror
the contract `datadog-synthetics-network.openapi.json`; the hot path serves cached bytes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Operator = Literal["is", "isNot", "lessThan", "lessThanOrEqual", "moreThan", "moreThanOrEqual"]
Property = Literal["avg", "max", "min"]
PresetName = Literal[
    "show_all",
    "hide_all",
    "hide_query",
    "hide_handles",
    "hide_query_and_handles",
    "show_only_snapshot",
    "hide_handles_and_footer",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SyntheticsNetworkAssertionLatency(_Model):
    """Latency assertion (ms)."""

    operator: Operator
    property: Property
    target: float
    type: Literal["latency"]


class SyntheticsNetworkAssertionMultiNetworkHop(_Model):
    """Hop-count assertion."""

    operator: Operator
    property: Property
    target: float
    type: Literal["multiNetworkHop"]


class SyntheticsNetworkAssertionPacketLossPercentage(_Model):
    """Packet-loss assertion, a fraction 0-1."""

    operator: Operator
    target: float = Field(ge=0, le=1)
    type: Literal["packetLossPercentage"]


class SyntheticsNetworkAssertionJitter(_Model):
    """Jitter assertion (ms)."""

    operator: Operator
    target: float
    type: Literal["jitter"]


SyntheticsNetworkAssertion = Annotated[
    SyntheticsNetworkAssertionLatency
    | SyntheticsNetworkAssertionMultiNetworkHop
    | SyntheticsNetworkAssertionPacketLossPercentage
    | SyntheticsNetworkAssertionJitter,
    Field(discriminator="type"),
]


class SyntheticsNetworkTestRequest(_Model):
    """Where and how to probe."""

    host: str
    max_ttl: int
    e2e_queries: int
    traceroute_queries: int
    port: int | None = None
    tcp_method: Literal["prefer_sack", "syn", "sack"] | None = None
    timeout: int | None = None
    source_service: str | None = None
    destination_service: str | None = None


class SyntheticsNetworkTestConfig(_Model):
    """Assertions and request."""

    assertions: list[SyntheticsNetworkAssertion] = Field(default_factory=list)
    request: SyntheticsNetworkTestRequest | None = None


class SyntheticsTestOptionsMonitorOptions(_Model):
    """Monitor options of the test."""

    escalation_message: str | None = None
    notification_preset_name: PresetName | None = None
    renotify_interval: int | None = Field(default=None, ge=0)
    renotify_occurrences: int | None = None
    # Undocumented keys the real API adds when monitor_options are set (notes §5).
    on_missing_data: str | None = None
    notify_audit: bool | None = None
    new_host_delay: int | None = None
    include_tags: bool | None = None


class SyntheticsTestOptionsRetry(_Model):
    """Retry strategy."""

    count: int | None = None
    interval: float | None = None


class SyntheticsTestOptionsSchedulingTimeframe(_Model):
    """One day's window."""

    day: int = Field(ge=1, le=7)
    from_: str = Field(alias="from")
    to: str


class SyntheticsTestOptionsScheduling(_Model):
    """Advanced scheduling."""

    timeframes: list[SyntheticsTestOptionsSchedulingTimeframe]
    timezone: str


class SyntheticsTestOptions(_Model):
    """The v2 options object (much smaller than v1's)."""

    min_failure_duration: int | None = None
    min_location_failed: int | None = None
    monitor_name: str | None = None
    monitor_options: SyntheticsTestOptionsMonitorOptions | None = None
    monitor_priority: int | None = Field(default=None, ge=1, le=5)
    restricted_roles: list[str] | None = None
    retry: SyntheticsTestOptionsRetry | None = None
    scheduling: SyntheticsTestOptionsScheduling | None = None
    tick_every: int | None = Field(default=None, ge=30, le=604800)


class SyntheticsNetworkTest(_Model):
    """A Network Path test."""

    name: str
    config: SyntheticsNetworkTestConfig
    locations: list[str]
    options: SyntheticsTestOptions
    type: Literal["network"]
    message: str
    monitor_id: int | None = None
    public_id: str | None = None
    status: Literal["live", "paused"] | None = None
    subtype: Literal["tcp", "udp", "icmp"] | None = None
    tags: list[str] | None = None


class SyntheticsNetworkTestResponseData(_Model):
    """`data` of the response."""

    id: str = Field(min_length=1, max_length=64)
    type: Literal["network_test"] = "network_test"
    attributes: SyntheticsNetworkTest


class SyntheticsNetworkTestResponse(_Model):
    """The body of a Network Path test answer (get, create, update)."""

    data: SyntheticsNetworkTestResponseData


class DeletedTestResponseDataAttributes(_Model):
    """One deleted test."""

    deleted_at: str
    public_id: str


class DeletedTestResponseData(_Model):
    """An item of the bulk-delete answer."""

    type: Literal["delete_tests"] = "delete_tests"
    id: str
    attributes: DeletedTestResponseDataAttributes


class DeletedTestsResponse(_Model):
    """The body of POST /api/v2/synthetics/tests/bulk-delete."""

    data: list[DeletedTestResponseData]


class NetworkTestFixture(_Model):
    """A fixture file pinning one test: `{"vendor": "datadog", "data": ...}`."""

    vendor: Literal["datadog"]
    kind: Literal["network-test"] = "network-test"
    data: SyntheticsNetworkTestResponseData


class SyntheticsNetworkTestEdit(_Model):
    """`data` of a create/update request: note `network` here, `network_test` in answers."""

    type: Literal["network"]
    attributes: SyntheticsNetworkTest


class SyntheticsNetworkTestEditRequest(_Model):
    """Body of POST /api/v2/synthetics/tests/network and PUT .../{public_id}."""

    data: SyntheticsNetworkTestEdit


class DeletedTestsRequestDeleteAttributes(_Model):
    """What to delete."""

    public_ids: list[str] = Field(min_length=1)
    force_delete_dependencies: bool | None = None


class DeletedTestsRequestDelete(_Model):
    """`data` of a bulk-delete request."""

    type: Literal["delete_tests_request"] = "delete_tests_request"
    attributes: DeletedTestsRequestDeleteAttributes


class DeletedTestsRequestDeleteRequest(_Model):
    """Body of POST /api/v2/synthetics/tests/bulk-delete."""

    data: DeletedTestsRequestDelete


class APIErrorResponse(BaseModel):
    """Every Datadog error body: `{"errors": ["..."]}` (APIErrorResponse in the client)."""

    errors: list[str]
