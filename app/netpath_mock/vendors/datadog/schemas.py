"""Wire models of Datadog's Synthetics bodies, named like the official client's types.

The v2 Network Path test models validate create/update bodies and fixture files at start-up
(extra fields forbidden, so drift fails fast) and mirror `datadog-synthetics-network.openapi.json`;
the v1 payload models mirror `datadog-synthetics-v1-subset.openapi.json`. All are strict: a JSON
value of the wrong type (`"max_ttl": true`, `"e2e_queries": "50"`) is refused, as the real API
refuses it (the official client could not read such a test back). The hot path serves cached bytes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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


MAX_EPOCH_S = 2**53  # epoch seconds beyond any real window; keeps numbers in int64 and double


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)


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
    """Where and how to probe.

    The contract gives no bounds; the notes (§6) do: `max_ttl` 1-255 (Terraform's validation;
    the Agent's field is a uint8), `traceroute_queries` 1-10 (Terraform's). `e2e_queries` is at
    least 1 (Terraform's lower bound) with no upper bound: Terraform's 10 is contradicted by the
    API accepting the documented default 50, and nothing public gives the real one (§6, §7.7).
    """

    host: str
    max_ttl: int = Field(ge=1, le=255)
    e2e_queries: int = Field(ge=1)
    traceroute_queries: int = Field(ge=1, le=10)
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
    """The v2 options object (much smaller than v1's).

    Other keys are kept as sent: the API stores options verbatim, including keys the v2 model
    lacks (Terraform sends `httpVersion: "any"`, which the v1 GET shows back; notes §9.3).
    """

    model_config = ConfigDict(extra="allow")

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
    # An empty list is refused with "'locations' should be array" (notes §3 g).
    locations: list[str] = Field(min_length=1)
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


# --- v1 payloads (datadog-synthetics-v1-subset.openapi.json) -----------------------------------


class SyntheticsDeleteTestsPayload(_Model):
    """Body of POST /api/v1/synthetics/tests/delete."""

    public_ids: list[str] = Field(min_length=1)
    force_delete_dependencies: bool | None = None


class SyntheticsUpdateTestPauseStatusPayload(_Model):
    """Body of PUT /api/v1/synthetics/tests/{public_id}/status."""

    new_status: Literal["live", "paused"]


class SyntheticsPatchTestOperation(_Model):
    """One JSON Patch operation (RFC 6902); `from` serves move and copy."""

    op: Literal["add", "remove", "replace", "move", "copy", "test"]
    path: str
    value: Any = None
    from_: str | None = Field(default=None, alias="from")


class SyntheticsPatchTestBody(_Model):
    """Body of PATCH /api/v1/synthetics/tests/{public_id}."""

    data: list[SyntheticsPatchTestOperation] = Field(min_length=1)


class SyntheticsCIBatchMetadata(_Model):
    """CI and git facts a trigger may carry; kept as sent."""

    model_config = ConfigDict(extra="allow")


class SyntheticsTriggerTest(_Model):
    """One test of a plain trigger."""

    public_id: str
    metadata: SyntheticsCIBatchMetadata | None = None


class SyntheticsTriggerBody(_Model):
    """Body of POST /api/v1/synthetics/tests/trigger."""

    tests: list[SyntheticsTriggerTest] = Field(min_length=1)


class SyntheticsTestOptionsRetryV1(_Model):
    """A CI run's retry override."""

    count: int | None = None
    interval: float | None = None


class SyntheticsCITest(_Model):
    """One test of a CI trigger; overrides meant for HTTP and browser tests are accepted."""

    model_config = ConfigDict(extra="allow")

    public_id: str
    locations: list[str] | None = None
    retry: SyntheticsTestOptionsRetryV1 | None = None
    metadata: SyntheticsCIBatchMetadata | None = None


class SyntheticsCITestBody(_Model):
    """Body of POST /api/v1/synthetics/tests/trigger/ci."""

    tests: list[SyntheticsCITest] = Field(min_length=1)


class SyntheticsFetchUptimesPayload(_Model):
    """Body of POST /api/v1/synthetics/tests/uptimes (epoch seconds)."""

    from_ts: int = Field(ge=0, le=MAX_EPOCH_S)
    to_ts: int = Field(ge=0, le=MAX_EPOCH_S)
    public_ids: list[str] = Field(min_length=1)


class APIErrorResponse(BaseModel):
    """Every Datadog error body: `{"errors": ["..."]}` (APIErrorResponse in the client)."""

    errors: list[str]


# --- v1 and version-history answers (documentation of the 200s; the services serialise) -------


class _Answer(BaseModel):
    """An answer model: documents the 200 in OpenAPI (the real bodies carry more keys)."""

    model_config = ConfigDict(extra="allow")


class Creator(_Answer):
    """Who created a test (v1)."""

    name: str | None = None
    handle: str
    email: str


class SyntheticsTestDetailsWithoutSteps(_Answer):
    """A test as v1 GetTest and list items show it: flat, with v1's lifecycle facts."""

    public_id: str
    name: str
    status: Literal["live", "paused"]
    type: Literal["network"]
    subtype: Literal["tcp", "udp", "icmp"] | None = None
    tags: list[str] | None = None
    created_at: str
    modified_at: str
    config: dict[str, Any] | None = None
    message: str
    options: dict[str, Any]
    locations: list[str]
    monitor_id: int
    creator: Creator


class SyntheticsListTestsResponse(_Answer):
    """ListTests / SearchTests: a page of tests and the total (search adds facets)."""

    tests: list[SyntheticsTestDetailsWithoutSteps]
    total: int
    facets: list[dict[str, Any]] | None = None


class SyntheticsTestDetails(_Answer):
    """PatchTest's answer: the edited test with org_id, created_by, modified_by."""

    org_id: int
    public_id: str
    name: str
    status: Literal["live", "paused"]
    type: Literal["network"]
    created_at: str
    modified_at: str
    monitor_id: int


class SyntheticsDeletedTest(_Answer):
    """One deleted test (v1)."""

    public_id: str
    deleted_at: str


class SyntheticsDeleteTestsResponse(_Answer):
    """DeleteTests' answer."""

    deleted_tests: list[SyntheticsDeletedTest]


class SyntheticsTriggerCITestLocation(_Answer):
    """A location a triggered run uses (integer id)."""

    id: int
    name: str
    display_name: str
    region: str
    is_active: bool
    is_public: bool
    metadata: dict[str, Any] | None = None


class SyntheticsTriggerCITestRunResult(_Answer):
    """One triggered run."""

    public_id: str
    location: int
    result_id: str


class SyntheticsTriggerCITestsResponse(_Answer):
    """TriggerTests / TriggerCITests' answer."""

    triggered_check_ids: list[str]
    results: list[SyntheticsTriggerCITestRunResult]
    locations: list[SyntheticsTriggerCITestLocation]
    batch_id: str | None


class SyntheticsBatchResult(_Answer):
    """One run of a CI batch."""

    test_public_id: str
    test_name: str
    test_type: Literal["network"]
    result_id: str
    location: str
    status: Literal["passed", "failed", "skipped"]
    duration: float
    execution_rule: str
    retries: float


class SyntheticsBatchDetailsData(_Answer):
    """A CI batch."""

    status: Literal["passed", "failed", "skipped"]
    results: list[SyntheticsBatchResult]


class SyntheticsBatchDetails(_Answer):
    """GetSyntheticsCIBatch's answer."""

    data: SyntheticsBatchDetailsData


class SyntheticsUptime(_Answer):
    """A monitor's state history and uptime over the window."""

    history: list[list[int]]
    uptime: float
    errors: list[dict[str, Any]] | None = None
    span_precision: float


class SyntheticsTestUptime(_Answer):
    """One test's uptime (FetchUptimes answers a list)."""

    from_ts: int
    to_ts: int
    overall: SyntheticsUptime
    public_id: str


class SyntheticsLocation(_Answer):
    """A location: id and display name."""

    id: str
    name: str


class SyntheticsLocations(_Answer):
    """ListLocations' answer."""

    locations: list[SyntheticsLocation]


class SyntheticsTestVersionChangeAttributes(_Answer):
    """A version in the history list."""

    author_uuid: str
    change_metadata: list[dict[str, Any]]
    version_number: int
    version_payload_created_at: str


class SyntheticsTestVersionChangeData(_Answer):
    """An item of the history list."""

    id: str
    type: Literal["version_metadata"]
    attributes: SyntheticsTestVersionChangeAttributes


class SyntheticsTestVersionHistoryMeta(_Answer):
    """Paging of the history list."""

    next_last_version_number: int | None
    retention_period_in_days: int


class SyntheticsTestVersionHistoryResponse(_Answer):
    """ListSyntheticsTestVersions' answer."""

    data: list[SyntheticsTestVersionChangeData]
    meta: SyntheticsTestVersionHistoryMeta


class SyntheticsTestVersionResponse(_Answer):
    """GetSyntheticsTestVersion's answer (`{}` for an existence check)."""

    data: dict[str, Any] | None = None


# --- results (v2 list / get / poll, and v1's forms) ---------------------------------------------


class SyntheticsTestResultLocation(_Answer):
    """Where a run ran: a location id and its display name."""

    id: str
    name: str


class SyntheticsTestResultSummaryAttributes(_Answer):
    """A run in the list."""

    status: Literal["passed", "failed", "no_data"]
    run_type: Literal["scheduled", "fast", "ci", "triggered"]
    started_at: int
    finished_at: int
    location: SyntheticsTestResultLocation
    test_type: Literal["network"]
    test_sub_type: Literal["tcp", "udp", "icmp"]


class SyntheticsTestResultRelationships(_Answer):
    """The test a result belongs to."""

    test: dict[str, Any]


class SyntheticsTestResultSummaryData(_Answer):
    """One item of the list."""

    id: str
    type: Literal["result_summary"]
    attributes: SyntheticsTestResultSummaryAttributes
    relationships: SyntheticsTestResultRelationships


class SyntheticsTestResultIncludedItem(_Answer):
    """The test, as `included[]` carries it."""

    id: str
    type: Literal["test"]
    attributes: dict[str, Any]


class SyntheticsTestLatestResultsResponse(_Answer):
    """ListSyntheticsTestLatestResults' answer: newest first, at most 150."""

    data: list[SyntheticsTestResultSummaryData]
    included: list[SyntheticsTestResultIncludedItem]


class SyntheticsTestResultAttributes(_Answer):
    """A full result: location, the run's detail (netpath, netstats, assertions...)."""

    location: SyntheticsTestResultLocation
    result: dict[str, Any]
    test_type: Literal["network"]
    test_sub_type: Literal["tcp", "udp", "icmp"]


class SyntheticsTestResultData(_Answer):
    """One result."""

    id: str
    type: Literal["result"]
    attributes: SyntheticsTestResultAttributes
    relationships: SyntheticsTestResultRelationships


class SyntheticsTestResultResponse(_Answer):
    """GetSyntheticsTestResult's answer."""

    data: SyntheticsTestResultData
    included: list[SyntheticsTestResultIncludedItem]


class SyntheticsPollTestResultsResponse(_Answer):
    """PollSyntheticsTestResults' answer: the results found, in the order asked."""

    data: list[SyntheticsTestResultData]
    included: list[SyntheticsTestResultIncludedItem]


class SyntheticsAPITestResultShort(_Answer):
    """One run in v1's latest results."""

    status: int
    check_time: float
    probe_dc: str
    result_id: str
    result: dict[str, Any]


class SyntheticsGetAPITestLatestResultsResponse(_Answer):
    """GetAPITestLatestResults' answer."""

    last_timestamp_fetched: int
    results: list[SyntheticsAPITestResultShort]


class SyntheticsAPITestResultFull(_Answer):
    """GetAPITestResult's answer."""

    status: int
    check_time: float
    check_version: int
    probe_dc: str
    result_id: str
    result: dict[str, Any]
    check: dict[str, Any]


# --- fixtures pinning results -------------------------------------------------------------------


class PinnedResultLocation(_Model):
    """The location of a pinned result."""

    id: str
    name: str
    version: str | None = None
    worker_id: str | None = None


class PinnedResultDetail(_Model):
    """`result` of a pinned result: the network fields of SyntheticsTestResultDetail."""

    id: str
    status: Literal["passed", "failed", "no_data"]
    started_at: int
    finished_at: int
    initial_id: str | None = None
    run_type: Literal["scheduled", "fast", "ci", "triggered"] | None = None
    triggered_at: int | None = None
    duration: float | None = None
    request: dict[str, Any] | None = None
    resolved_ip: str | None = None
    assertions: list[dict[str, Any]] | None = None
    failure: dict[str, str] | None = None
    netstats: dict[str, Any] | None = None
    netpath: dict[str, Any] | None = None
    is_fast_retry: bool | None = None
    is_last_retry: bool | None = None
    unhealthy: bool | None = None
    tunnel: bool | None = None


class PinnedResultAttributes(_Model):
    """The attributes of a pinned result."""

    location: PinnedResultLocation
    result: PinnedResultDetail
    test_type: Literal["network"]
    test_sub_type: Literal["tcp", "udp", "icmp"]
    test_version: int | None = None
    batch: dict[str, str] | None = None


class PinnedResultData(_Model):
    """The `data` of GetSyntheticsTestResult, as a fixture pins it."""

    id: str = Field(pattern=r"^[1-9][0-9]{0,18}$")
    type: Literal["result"]
    attributes: PinnedResultAttributes


class NetworkTestResultFixture(_Model):
    """A fixture file pinning one result of a test.

    `{"vendor": "datadog", "kind": "network-test-result", "public_id": ..., "data": ...}`.
    """

    vendor: Literal["datadog"]
    kind: Literal["network-test-result"]
    public_id: str
    data: PinnedResultData
