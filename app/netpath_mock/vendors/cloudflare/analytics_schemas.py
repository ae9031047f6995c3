"""Wire models of the DEX test analytics operations, in the contract's field names.

They document the 200 answers (routes' `response_model`) and let the tests validate the bodies
the service builds; the hot path serializes plain dicts of exactly this shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from netpath_mock.vendors.cloudflare.schemas import ResponseInfo


class Wire(BaseModel):
    """Field names as on the wire; unknown keys are an error (they would be a typo here)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Slot(Wire):
    """One bucket of an integer series; `timestamp` is the bucket start (Postgres style)."""

    timestamp: str
    value: int


class PctSlot(Wire):
    """One bucket of a percentage series."""

    timestamp: str
    value: float | int


class StatOverTime(Wire):
    """An integer metric over a window: avg/min/max (null without runs) and its buckets."""

    avg: int | None = None
    min: int | None = None
    max: int | None = None
    slots: list[Slot]


class PctStatOverTime(Wire):
    """A percentage over a window (0-100)."""

    avg: float | int | None = None
    min: float | int | None = None
    max: float | int | None = None
    slots: list[PctSlot]


class TargetPolicy(Wire):
    """A DEX rule targeting the test."""

    id: str
    name: str
    default: bool


class TracerouteStats(Wire):
    """`tracerouteStats`: the runs of the window."""

    availabilityPct: PctStatOverTime
    hopsCount: StatOverTime
    packetLossPct: PctStatOverTime
    roundTripTimeMs: StatOverTime
    uniqueDevicesTotal: int


class TracerouteStatsByColo(TracerouteStats):
    """The same, for the runs through one colo."""

    colo: str


class TracerouteDetails(Wire):
    """`result` of GET .../traceroute-tests/{test_id}."""

    name: str
    host: str
    interval: str
    kind: Literal["traceroute"]
    target_policies: list[TargetPolicy] | None = None
    targeted: bool | None = None
    tracerouteStats: TracerouteStats | None = None
    tracerouteStatsByColo: list[TracerouteStatsByColo] = Field(default_factory=list)


class StatusCodes(Wire):
    """Runs per HTTP status class in one bucket."""

    timestamp: str
    status200: int
    status300: int
    status400: int
    status500: int


class HttpStats(Wire):
    """`httpStats`: the runs of the window."""

    availabilityPct: PctStatOverTime
    dnsResponseTimeMs: StatOverTime
    httpStatusCode: list[StatusCodes]
    resourceFetchTimeMs: StatOverTime
    serverResponseTimeMs: StatOverTime
    uniqueDevicesTotal: int


class HttpStatsByColo(HttpStats):
    """The same, for the runs through one colo."""

    colo: str


class HttpDetails(Wire):
    """`result` of GET .../http-tests/{test_id}."""

    name: str
    host: str
    interval: str
    kind: Literal["http"]
    method: Literal["GET"]
    target_policies: list[TargetPolicy] | None = None
    targeted: bool | None = None
    httpStats: HttpStats | None = None
    httpStatsByColo: list[HttpStatsByColo] = Field(default_factory=list)


class Percentiles(Wire):
    """p50/p90/p95/p99 of a metric over the window (nulls without runs)."""

    p50: float | int | None = None
    p90: float | int | None = None
    p95: float | int | None = None
    p99: float | int | None = None


class TraceroutePercentiles(Wire):
    """`result` of GET .../traceroute-tests/{test_id}/percentiles."""

    hopsCount: Percentiles
    packetLossPct: Percentiles
    roundTripTimeMs: Percentiles


class HttpPercentiles(Wire):
    """`result` of GET .../http-tests/{test_id}/percentiles."""

    dnsResponseTimeMs: Percentiles
    resourceFetchTimeMs: Percentiles
    serverResponseTimeMs: Percentiles


class NetworkPathSlot(Wire):
    """One run of the device: its result id, start time and the RTT at the end of each mile."""

    id: str
    timestamp: str
    clientToIspRttMs: int | None = None
    clientToCfIngressRttMs: int | None
    clientToCfEgressRttMs: int | None
    clientToAppRttMs: int | None


class Sampling(Wire):
    """How a long window was thinned: the first run of each `value` hours."""

    unit: Literal["hours"]
    value: int


class NetworkPath(Wire):
    """The device's runs in the window."""

    slots: list[NetworkPathSlot]
    sampling: Sampling | None = None


class TestNetworkPath(Wire):
    """`result` of GET .../traceroute-tests/{test_id}/network-path."""

    __test__ = False  # not a pytest class

    id: str
    name: str
    url: str
    interval: str
    kind: Literal["traceroute"]
    deviceName: str
    networkPath: NetworkPath | None


class TimePeriod(Wire):
    """A span: `value` hours, days or test runs."""

    value: int
    units: Literal["hours", "days", "testRuns"]


class HistoryEntry(Wire):
    """The average over one period and its change against the period before (%)."""

    timePeriod: TimePeriod
    avgMs: int | None = None
    deltaPct: float | int | None = None


class OverTimeValue(Wire):
    """One bucket of the overview's series."""

    timestamp: str
    avgMs: int


class OverTime(Wire):
    """The overview's series over its period."""

    timePeriod: TimePeriod
    values: list[OverTimeValue]


class TimingAggregate(Wire):
    """An overview timing: average, history and series."""

    avgMs: int | None = None
    history: list[HistoryEntry]
    overTime: OverTime | None = None


class RoundTripTime(Wire):
    """`tracerouteResults`."""

    roundTripTime: TimingAggregate


class RoundTripTimeByColo(RoundTripTime):
    """One item of `tracerouteResultsByColo`."""

    colo: str


class ResourceFetchTime(Wire):
    """`httpResults`."""

    resourceFetchTime: TimingAggregate


class ResourceFetchTimeByColo(ResourceFetchTime):
    """One item of `httpResultsByColo`."""

    colo: str


class OverviewTest(Wire):
    """One test of the overview: its configuration and the results of its own kind."""

    __test__ = False  # not a pytest class

    id: str
    name: str
    kind: Literal["http", "traceroute"]
    interval: str
    enabled: bool
    description: str
    created: str
    updated: str
    host: str
    method: str | None = None
    target_policies: list[TargetPolicy] | None = None
    targeted: bool | None = None
    tracerouteResults: RoundTripTime | None = None
    tracerouteResultsByColo: list[RoundTripTimeByColo] | None = None
    httpResults: ResourceFetchTime | None = None
    httpResultsByColo: list[ResourceFetchTimeByColo] | None = None


class OverviewMetrics(Wire):
    """How many tests, and the availability of each kind's runs (null without runs)."""

    testsTotal: int
    avgTracerouteAvailabilityPct: float | int | None = None
    avgHttpAvailabilityPct: float | int | None = None


class TestsOverview(Wire):
    """`result` of GET .../tests/overview."""

    __test__ = False

    overviewMetrics: OverviewMetrics
    tests: list[OverviewTest]


class UniqueDevices(Wire):
    """`result` of GET .../tests/unique-devices."""

    uniqueDevicesTotal: int


class ResultInfo(Wire):
    """Paging of a list answer."""

    count: int
    page: int
    per_page: int
    total_count: int


class _Envelope(Wire):
    errors: list[ResponseInfo]
    messages: list[ResponseInfo]
    success: Literal[True]


class TestsOverviewEnvelope(_Envelope):
    """The success envelope of tests/overview (paged: result_info)."""

    __test__ = False

    result: TestsOverview
    result_info: ResultInfo


class UniqueDevicesEnvelope(_Envelope):
    """The success envelope of tests/unique-devices."""

    result: UniqueDevices


class TracerouteDetailsEnvelope(_Envelope):
    """The success envelope of traceroute-tests/{test_id}."""

    result: TracerouteDetails


class TestNetworkPathEnvelope(_Envelope):
    """The success envelope of traceroute-tests/{test_id}/network-path."""

    __test__ = False

    result: TestNetworkPath


class TraceroutePercentilesEnvelope(_Envelope):
    """The success envelope of traceroute-tests/{test_id}/percentiles."""

    result: TraceroutePercentiles


class HttpDetailsEnvelope(_Envelope):
    """The success envelope of http-tests/{test_id}."""

    result: HttpDetails


class HttpPercentilesEnvelope(_Envelope):
    """The success envelope of http-tests/{test_id}/percentiles."""

    result: HttpPercentiles
