"""DEX test analytics from the service, without HTTP: one world with the seed endpoint.

Aggregates are checked against the runs themselves: each network-path slot is resolved to the
result the seed endpoint serves, and min/avg/max, buckets and percentiles are recomputed from
those results' hops (universe doc §5: C1-C9, C15-C17, C20-C22).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import BadRequest, NotFound
from netpath_mock.core.settings import Settings
from netpath_mock.main import build_state
from netpath_mock.vendors.cloudflare import devices as devices_registry
from netpath_mock.vendors.cloudflare import service, timeline, universe
from netpath_mock.vendors.cloudflare.analytics import AnalyticsService
from netpath_mock.vendors.cloudflare.analytics_schemas import (
    HttpDetails,
    HttpPercentiles,
    TestNetworkPath,
    TestsOverview,
    TracerouteDetails,
    TraceroutePercentiles,
)
from netpath_mock.vendors.cloudflare.spec import catalog_tests
from netpath_mock.vendors.cloudflare.tests_catalog import TestConfig, seeded_tests
from tests.conftest import DOC_ACCOUNT, DOC_RESULT, SEED

SETTINGS = Settings(seed=SEED)
EPOCH = SETTINGS.epoch
NOW = int(EPOCH.timestamp())
MILES = ("client-to-isp", "client-to-cf-ingress", "client-to-cf-egress", "client-to-app")
SLOT_KEYS = (
    "clientToIspRttMs",
    "clientToCfIngressRttMs",
    "clientToCfEgressRttMs",
    "clientToAppRttMs",
)


@pytest.fixture(scope="module")
def analytics() -> AnalyticsService:
    return AnalyticsService(build_state(SETTINGS))


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def result_of(body: bytes) -> Any:
    document = orjson.loads(body)
    assert document["success"] is True and document["errors"] == []
    return document["result"]


def account_tests(account: str) -> tuple[TestConfig, ...]:
    return seeded_tests(SEED, account, NOW)


def catalog_tests_of(kind: str, count: int = 6) -> list[dict[str, Any]]:
    items = [i for i in catalog_tests(SETTINGS, SEED, 60) if i["kind"] == kind]
    assert len(items) >= count
    return items[:count]


def resolve(account: str, slot_id: str) -> dict[str, Any]:
    """The seed endpoint's result for a slot id (what GET .../network-path would serve)."""
    ref = universe.locate_result(SEED, account, slot_id)
    assert ref is not None, f"slot id {slot_id} is no result of {account}"
    return service.build_result(SEED, EPOCH, ref, slot_id)


def pg_ts(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M:%S+00").replace(tzinfo=UTC).timestamp())


def runs_of(
    analytics: AnalyticsService, account: str, test: TestConfig, device_ids: list[str], hours: int
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(device id, result) of every run of the devices in the last `hours`, via network-path."""
    for device in device_ids:
        path = result_of(
            analytics.network_path(
                None, account, test.test_id, device, iso(NOW - hours * 3600), iso(NOW), "hour"
            )
        )
        for slot in path["networkPath"]["slots"]:
            yield device, resolve(account, slot["id"])


def scheduled_runs(account: str, test: TestConfig, device: int, lo: int, hi: int) -> list[int]:
    """Brute force: the instants in [lo, hi] at which `device` was due to run `test` and had
    made a fleet report less than a report period before (the fleet's own report stream)."""
    shape = universe.account_shape(SEED, account)
    assert test.index is not None
    interval = test.interval_min * 60
    offset = shape.offset(test.index, device)
    rec = devices_registry.device_record(SEED, account, device)
    out = []
    for slot in range(shape.slots_per_device(test.index)):
        t = NOW - offset - slot * interval
        if lo <= t <= hi:
            report = timeline.last_report(SEED, account, rec, t - timeline.REPORT_S + 1, t, NOW)
            if report is not None:
                out.append(t)
    return sorted(out)


def active_devices(account: str, test: TestConfig, lo: int, hi: int, count: int) -> list[int]:
    """The first `count` devices that ran `test` in [lo, hi] (brute force)."""
    shape = universe.account_shape(SEED, account)
    ran = [
        d
        for d in range(shape.runners_of_kind(test.kind))
        if scheduled_runs(account, test, d, lo, hi)
    ]
    assert len(ran) >= count
    return ran[:count]


def final_rtt(result: dict[str, Any]) -> int | None:
    rtt = result["hops"][-1]["rttMs"]
    return rtt if isinstance(rtt, int) else None


# --- One world -------------------------------------------------------------------------------


def test_overview_lists_every_test_of_the_account_including_the_docs_test(
    analytics: AnalyticsService,
) -> None:
    everything = result_of(analytics.overview(None, DOC_ACCOUNT, per_page=50))
    TestsOverview.model_validate(everything)
    ids = [test["id"] for test in everything["tests"]]
    assert ids == [t.test_id for t in account_tests(DOC_ACCOUNT)]
    assert universe.DOC_TEST_ID in ids
    assert everything["overviewMetrics"]["testsTotal"] == len(ids)
    assert resolve(DOC_ACCOUNT, DOC_RESULT)["testId"] == universe.DOC_TEST_ID
    kinds = {test["kind"] for test in everything["tests"]}
    assert kinds == {"traceroute", "http"}
    assert sum(test["kind"] == "traceroute" for test in everything["tests"]) >= 3


def test_overview_pages_partition_the_list(analytics: AnalyticsService) -> None:
    full = orjson.loads(analytics.overview(None, DOC_ACCOUNT, per_page=50))
    total = full["result_info"]["total_count"]
    seen: list[str] = []
    for page in range(1, total + 2):
        body = orjson.loads(analytics.overview(None, DOC_ACCOUNT, page=page, per_page=2))
        info = body["result_info"]
        assert info["page"] == page and info["per_page"] == 2 and info["total_count"] == total
        assert info["count"] == len(body["result"]["tests"])
        assert body["result"]["overviewMetrics"] == full["result"]["overviewMetrics"]
        seen += [test["id"] for test in body["result"]["tests"]]
    assert seen == [test["id"] for test in full["result"]["tests"]]  # past the end: empty


def test_overview_items_carry_only_their_kind_and_sane_availability(
    analytics: AnalyticsService,
) -> None:
    for item in catalog_tests_of("traceroute", 3) + catalog_tests_of("http", 3):
        overview = result_of(analytics.overview(None, item["account_id"], per_page=50))
        metrics = overview["overviewMetrics"]
        for key in ("avgTracerouteAvailabilityPct", "avgHttpAvailabilityPct"):
            assert metrics[key] is None or 0 <= metrics[key] <= 100
        for test in overview["tests"]:
            own, other = (
                ("tracerouteResults", "httpResults")
                if test["kind"] == "traceroute"
                else ("httpResults", "tracerouteResults")
            )
            assert other not in test and f"{other}ByColo" not in test
            assert test[own] is not None  # every seeded test ran in the last hour
            timing = next(iter(test[own].values()))
            values = [v["avgMs"] for v in timing["overTime"]["values"]]
            assert min(values) <= timing["avgMs"] <= max(values)
            assert test["method" if test["kind"] == "http" else "host"]


def test_the_docs_result_is_the_newest_run_of_its_test(analytics: AnalyticsService) -> None:
    docs = resolve(DOC_ACCOUNT, DOC_RESULT)
    newest = pg_ts(docs["time_start"])
    test = account_tests(DOC_ACCOUNT)[0]
    assert test.test_id == docs["testId"] and test.kind == "traceroute"
    assert NOW - test.interval_min * 60 < newest <= NOW
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    devices = [universe.device_id(SEED, DOC_ACCOUNT, d) for d in range(shape.devices)]
    stamps = [
        pg_ts(result["time_start"])
        for _, result in runs_of(analytics, DOC_ACCOUNT, test, devices, 1)
    ]
    assert max(stamps) == newest and stamps.count(newest) == 1


# --- network-path slots are results (C3, C4, C5) -----------------------------------------------


@pytest.mark.parametrize("item", catalog_tests_of("traceroute", 4), ids=lambda i: i["test_id"][:8])
def test_network_path_slots_resolve_to_results_of_the_same_run(
    analytics: AnalyticsService, item: dict[str, Any]
) -> None:
    account = item["account_id"]
    test = next(t for t in account_tests(account) if t.test_id == item["test_id"])
    device = universe.device_id(SEED, account, 0)
    start, end = NOW - 6 * 3600 - 123, NOW - 77
    path = result_of(
        analytics.network_path(None, account, test.test_id, device, iso(start), iso(end), "minute")
    )
    TestNetworkPath.model_validate(path)
    name = service.account_device(SEED, account, 0).name
    assert path["deviceName"] == name and path["id"] == test.test_id and path["url"] == test.host
    slots = path["networkPath"]["slots"]
    # One slot per run the device made, asleep or not: exactly the slots at which it reported.
    assert [pg_ts(s["timestamp"]) for s in slots] == scheduled_runs(account, test, 0, start, end)
    assert [s["timestamp"] for s in slots] == sorted(s["timestamp"] for s in slots)
    for slot in slots:
        assert start <= pg_ts(slot["timestamp"]) <= end
        result = resolve(account, slot["id"])
        assert result["resultId"] == slot["id"] and result["testId"] == test.test_id
        assert result["testName"] == test.name and result["deviceName"] == name
        assert result["time_start"] == slot["timestamp"]
        miles = [hop["mile"] for hop in result["hops"]]
        assert miles == sorted(miles, key=MILES.index)
        for mile, key in zip(MILES, SLOT_KEYS, strict=True):
            answered = [h["rttMs"] for h in result["hops"] if h["mile"] == mile and h["rttMs"]]
            assert slot[key] == (answered[-1] if answered else None)


def test_network_path_thins_long_windows_to_the_first_run_of_each_hour(
    analytics: AnalyticsService,
) -> None:
    test = next(t for t in account_tests(DOC_ACCOUNT) if t.interval_min < 60)
    device = universe.device_id(SEED, DOC_ACCOUNT, 2)
    full = result_of(
        analytics.network_path(
            None, DOC_ACCOUNT, test.test_id, device, iso(NOW - 86400), iso(NOW), "hour"
        )
    )
    long = result_of(
        analytics.network_path(
            None, DOC_ACCOUNT, test.test_id, device, iso(NOW - 3 * 86400), iso(NOW), "hour"
        )
    )
    assert full["networkPath"]["sampling"] is None
    assert long["networkPath"]["sampling"] == {"unit": "hours", "value": 1}
    hours = [pg_ts(s["timestamp"]) // 3600 for s in long["networkPath"]["slots"]]
    ran = scheduled_runs(DOC_ACCOUNT, test, 2, NOW - 3 * 86400, NOW)
    assert hours == sorted({t // 3600 for t in ran}) and len(hours) >= 10
    firsts: dict[int, str] = {}
    for slot in full["networkPath"]["slots"]:
        firsts.setdefault(pg_ts(slot["timestamp"]) // 3600, slot["id"])
    recent = [s for s in long["networkPath"]["slots"] if pg_ts(s["timestamp"]) >= NOW - 86400]
    assert [s["id"] for s in recent][1:] == [firsts[h] for h in sorted(firsts)][1:]


def test_network_path_of_a_device_without_traceroutes_is_empty(analytics: AnalyticsService) -> None:
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    for index in range(shape.devices, shape.registry_size):  # the Linux and iOS devices
        device = universe.device_id(SEED, DOC_ACCOUNT, index)
        path = result_of(
            analytics.network_path(
                None, DOC_ACCOUNT, DOC_RESULT, device, iso(NOW - 86400), iso(NOW), "hour"
            )
        )
        assert path["networkPath"]["slots"] == []
        assert path["deviceName"] == service.account_device(SEED, DOC_ACCOUNT, index).name


# --- aggregates are the runs' (C6, C7) ----------------------------------------------------------


@pytest.mark.parametrize("item", catalog_tests_of("traceroute", 3), ids=lambda i: i["test_id"][:8])
def test_traceroute_details_are_computed_from_the_runs(
    analytics: AnalyticsService, item: dict[str, Any]
) -> None:
    account, hours = item["account_id"], 5
    test = next(t for t in account_tests(account) if t.test_id == item["test_id"])
    ran = active_devices(account, test, NOW - hours * 3600, NOW, 2)
    devices = [universe.device_id(SEED, account, d) for d in ran]
    runs = list(runs_of(analytics, account, test, devices, hours))
    window = (iso(NOW - hours * 3600), iso(NOW))
    details = result_of(
        analytics.details(None, account, test.test_id, "traceroute", *window, "hour", devices)
    )
    TracerouteDetails.model_validate(details)
    stats = details["tracerouteStats"]
    rtts = [r for _, result in runs if (r := final_rtt(result)) is not None]
    hops = [len(result["hops"]) for _, result in runs]
    assert stats["roundTripTimeMs"]["min"] == min(rtts)
    assert stats["roundTripTimeMs"]["max"] == max(rtts)
    assert stats["roundTripTimeMs"]["avg"] == math.floor(sum(rtts) / len(rtts) + 0.5)
    assert (stats["hopsCount"]["min"], stats["hopsCount"]["max"]) == (min(hops), max(hops))
    assert stats["availabilityPct"]["avg"] == round(100 * len(rtts) / len(runs), 1)
    losses = [result["hops"][-1]["packetLossPct"] for _, result in runs]
    assert stats["packetLossPct"]["avg"] == round(sum(losses) / len(losses), 1)
    assert stats["uniqueDevicesTotal"] == 2
    # Every run sits in its bucket; every bucket value lies in [min, max].
    by_hour: dict[int, list[int]] = {}
    for _, result in runs:
        if (rtt := final_rtt(result)) is not None:
            by_hour.setdefault(pg_ts(result["time_start"]) // 3600 * 3600, []).append(rtt)
    slots = {pg_ts(s["timestamp"]): s["value"] for s in stats["roundTripTimeMs"]["slots"]}
    assert slots == {h: math.floor(sum(v) / len(v) + 0.5) for h, v in by_hour.items()}
    for series in ("roundTripTimeMs", "hopsCount", "packetLossPct", "availabilityPct"):
        low, high = stats[series]["min"], stats[series]["max"]
        assert low <= stats[series]["avg"] <= high
        assert all(low <= s["value"] <= high for s in stats[series]["slots"])
    # By colo: the same runs, split by the colo each one went through.
    by_colo = details["tracerouteStatsByColo"]
    colos = sorted({result["colo"] for _, result in runs})
    assert [c["colo"] for c in by_colo] == colos
    assert sum(c["uniqueDevicesTotal"] >= 1 for c in by_colo) == len(colos)


def test_a_device_filter_narrows_to_that_device(analytics: AnalyticsService) -> None:
    window = (iso(NOW - 86400), iso(NOW))
    everyone = result_of(
        analytics.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *window, "hour")
    )["tracerouteStats"]
    test = account_tests(DOC_ACCOUNT)[0]
    ran = active_devices(DOC_ACCOUNT, test, NOW - 86400, NOW, 2)
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    asleep = [
        d
        for d in range(shape.devices)
        if not scheduled_runs(DOC_ACCOUNT, test, d, NOW - 86400, NOW)
    ]
    assert everyone["uniqueDevicesTotal"] == shape.devices - len(asleep)
    for index in (ran[0], ran[-1]):
        device = universe.device_id(SEED, DOC_ACCOUNT, index)
        one = result_of(
            analytics.details(
                None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *window, "hour", [device.upper()]
            )
        )["tracerouteStats"]
        assert one["uniqueDevicesTotal"] == 1
        for series in ("roundTripTimeMs", "hopsCount"):
            assert everyone[series]["min"] <= one[series]["min"] <= one[series]["max"]
            assert one[series]["max"] <= everyone[series]["max"]


def test_a_colo_filter_keeps_only_that_colos_runs(analytics: AnalyticsService) -> None:
    window = (iso(NOW - 86400), iso(NOW))
    details = result_of(
        analytics.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *window, "hour")
    )
    for entry in details["tracerouteStatsByColo"][:3]:
        only = result_of(
            analytics.details(
                None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *window, "hour", None, entry["colo"]
            )
        )
        assert only["tracerouteStatsByColo"] == [entry]
        assert {"colo": entry["colo"], **only["tracerouteStats"]} == entry
    nowhere = result_of(
        analytics.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *window, "hour", None, "XYZ")
    )
    assert nowhere["tracerouteStats"] is None and nowhere["tracerouteStatsByColo"] == []


@pytest.mark.parametrize("item", catalog_tests_of("traceroute", 3), ids=lambda i: i["test_id"][:8])
def test_traceroute_percentiles_are_ordered_and_inside_the_range(
    analytics: AnalyticsService, item: dict[str, Any]
) -> None:
    account, test_id = item["account_id"], item["test_id"]
    window = (iso(NOW - 2 * 86400), iso(NOW - 3600))
    stats = result_of(analytics.details(None, account, test_id, "traceroute", *window, "hour"))
    pct = result_of(analytics.percentiles(None, account, test_id, "traceroute", *window))
    TraceroutePercentiles.model_validate(pct)
    for series in ("roundTripTimeMs", "hopsCount", "packetLossPct"):
        values = [pct[series][p] for p in ("p50", "p90", "p95", "p99")]
        assert values == sorted(values)
        low, high = stats["tracerouteStats"][series]["min"], stats["tracerouteStats"][series]["max"]
        assert low <= values[0] and values[-1] <= high


def test_minute_and_hour_buckets_cover_the_same_runs(analytics: AnalyticsService) -> None:
    window = (iso(NOW - 3 * 3600 - 17), iso(NOW - 1800))
    for test in account_tests(DOC_ACCOUNT):
        minute = result_of(
            analytics.details(None, DOC_ACCOUNT, test.test_id, test.kind, *window, "minute")
        )
        hour = result_of(
            analytics.details(None, DOC_ACCOUNT, test.test_id, test.kind, *window, "hour")
        )
        key = "tracerouteStats" if test.kind == "traceroute" else "httpStats"
        for series in ("availabilityPct",):
            assert minute[key][series]["avg"] == hour[key][series]["avg"]
        start = pg_ts(minute[key]["availabilityPct"]["slots"][0]["timestamp"])
        first_hour = pg_ts(hour[key]["availabilityPct"]["slots"][0]["timestamp"])
        assert start > NOW - 3 * 3600 - 17 - 60 and first_hour > NOW - 3 * 3600 - 17 - 3600
        assert all(pg_ts(s["timestamp"]) % 60 == 0 for s in minute[key]["availabilityPct"]["slots"])


# --- HTTP tests (C21) ------------------------------------------------------------------------


@pytest.mark.parametrize("item", catalog_tests_of("http", 4), ids=lambda i: i["test_id"][:8])
def test_http_details_and_percentiles_hang_together(
    analytics: AnalyticsService, item: dict[str, Any]
) -> None:
    account, test_id = item["account_id"], item["test_id"]
    start, end = NOW - 86400, NOW
    details = result_of(
        analytics.details(None, account, test_id, "http", iso(start), iso(end), "hour")
    )
    HttpDetails.model_validate(details)
    assert details["method"] == "GET" and details["host"].startswith("https://")
    stats = details["httpStats"]
    for series in ("dnsResponseTimeMs", "serverResponseTimeMs", "resourceFetchTimeMs"):
        low, high = stats[series]["min"], stats[series]["max"]
        assert low <= stats[series]["avg"] <= high
        assert all(low <= s["value"] <= high for s in stats[series]["slots"])
    assert stats["resourceFetchTimeMs"]["avg"] >= stats["serverResponseTimeMs"]["avg"]
    assert 0 <= stats["availabilityPct"]["min"] <= stats["availabilityPct"]["max"] <= 100
    for bucket in stats["httpStatusCode"]:
        assert start - 3600 < pg_ts(bucket["timestamp"]) <= end
        assert min(bucket[f"status{c}00"] for c in (2, 3, 4, 5)) >= 0
    unique = result_of(analytics.unique_devices(None, account, details["name"]))
    assert 1 <= stats["uniqueDevicesTotal"] <= unique["uniqueDevicesTotal"]
    pct = result_of(analytics.percentiles(None, account, test_id, "http", iso(start), iso(end)))
    HttpPercentiles.model_validate(pct)
    for series in ("dnsResponseTimeMs", "serverResponseTimeMs", "resourceFetchTimeMs"):
        values = [pct[series][p] for p in ("p50", "p90", "p95", "p99")]
        assert values == sorted(values)
        assert stats[series]["min"] <= values[0] and values[-1] <= stats[series]["max"]


def test_http_runs_count_every_run_once(analytics: AnalyticsService) -> None:
    test = next(t for t in account_tests(DOC_ACCOUNT) if t.kind == "http")
    hours = 6
    window = (iso(NOW - hours * 3600 + 1), iso(NOW))
    stats = result_of(analytics.details(None, DOC_ACCOUNT, test.test_id, "http", *window, "hour"))[
        "httpStats"
    ]
    counted = sum(
        sum(bucket[f"status{c}00"] for c in (2, 3, 4, 5)) for bucket in stats["httpStatusCode"]
    )
    runners = universe.account_shape(SEED, DOC_ACCOUNT).devices + 1  # + the Linux device
    lo = NOW - hours * 3600 + 1
    ran = [scheduled_runs(DOC_ACCOUNT, test, d, lo, NOW) for d in range(runners)]
    expected = sum(len(times) for times in ran)
    failed_share = 1 - counted / expected  # runs without any response carry no status
    assert 0 <= failed_share < 0.05
    assert stats["uniqueDevicesTotal"] == sum(1 for times in ran if times)


# --- windows, parameters and ids (C2, C5, C17, C20) ------------------------------------------


def test_equal_instants_give_equal_bytes(analytics: AnalyticsService) -> None:
    start, end = NOW - 7200, NOW - 600
    forms = [
        (iso(start), iso(end)),
        (str(start * 1000), str(end * 1000)),
        (
            datetime.fromtimestamp(start, UTC).strftime("%Y-%m-%d %H:%M:%S+00"),
            datetime.fromtimestamp(end, UTC).isoformat(),
        ),
    ]
    for kind, test_id in (
        ("traceroute", DOC_RESULT),
        ("http", account_tests(DOC_ACCOUNT)[-1].test_id),
    ):
        bodies = {analytics.details(None, DOC_ACCOUNT, test_id, kind, *f, "minute") for f in forms}
        assert len(bodies) == 1
        fresh = AnalyticsService(build_state(SETTINGS))
        assert fresh.details(None, DOC_ACCOUNT, test_id, kind, *forms[0], "minute") in bodies


def test_a_window_outside_retention_is_empty_not_an_error(analytics: AnalyticsService) -> None:
    old = datetime.fromtimestamp(NOW, UTC) - timedelta(days=30)
    window = (iso(old.timestamp()), iso(old.timestamp() + 86400))
    future = (iso(NOW + 3600), iso(NOW + 7200))
    http_id = next(t.test_id for t in account_tests(DOC_ACCOUNT) if t.kind == "http")
    device = universe.DOC_DEVICE_IDS[0]
    for span in (window, future):
        tr = result_of(
            analytics.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *span, "hour")
        )
        assert tr["tracerouteStats"] is None and tr["tracerouteStatsByColo"] == []
        http = result_of(analytics.details(None, DOC_ACCOUNT, http_id, "http", *span, "hour"))
        assert http["httpStats"] is None and http["httpStatsByColo"] == []
        path = result_of(
            analytics.network_path(None, DOC_ACCOUNT, DOC_RESULT, device, *span, "hour")
        )
        assert path["networkPath"]["slots"] == []
        pct = result_of(analytics.percentiles(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", *span))
        assert pct["roundTripTimeMs"] == {"p50": None, "p90": None, "p95": None, "p99": None}


def test_each_kind_is_404_on_the_other_kinds_operations(analytics: AnalyticsService) -> None:
    http_id = next(t.test_id for t in account_tests(DOC_ACCOUNT) if t.kind == "http")
    window = (iso(NOW - 3600), iso(NOW))
    with pytest.raises(NotFound, match="HTTP test not found"):
        analytics.details(None, DOC_ACCOUNT, DOC_RESULT, "http", *window, "hour")
    with pytest.raises(NotFound, match="HTTP test not found"):
        analytics.percentiles(None, DOC_ACCOUNT, DOC_RESULT, "http", *window)
    with pytest.raises(NotFound, match="Traceroute test not found"):
        analytics.details(None, DOC_ACCOUNT, http_id, "traceroute", *window, "hour")
    with pytest.raises(NotFound, match="Traceroute test not found"):
        analytics.network_path(
            None, DOC_ACCOUNT, http_id, universe.DOC_DEVICE_IDS[0], *window, "hour"
        )
    with pytest.raises(NotFound, match="Traceroute test not found"):
        analytics.percentiles(None, DOC_ACCOUNT, http_id, "traceroute", *window)


def test_ids_belong_to_their_account(analytics: AnalyticsService) -> None:
    other = universe.catalog_accounts(SEED, 2)[1]
    window = (iso(NOW - 3600), iso(NOW))
    with pytest.raises(NotFound):
        analytics.details(None, other, DOC_RESULT, "traceroute", *window, "hour")
    other_test = account_tests(other)[0]
    with pytest.raises(NotFound):
        analytics.details(None, DOC_ACCOUNT, other_test.test_id, other_test.kind, *window, "hour")
    with pytest.raises(NotFound, match="Device not found"):
        analytics.network_path(
            None, other, other_test.test_id, universe.DOC_DEVICE_IDS[1], *window, "hour"
        )
    assert not {t.test_id for t in account_tests(other)} & {
        t.test_id for t in account_tests(DOC_ACCOUNT)
    }


@pytest.mark.parametrize(
    ("call", "code", "text"),
    [
        (
            lambda a: a.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", "", "1", "hour"),
            11004,
            "from",
        ),
        (
            lambda a: a.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", "x", "1", "hour"),
            11005,
            "'x'",
        ),
        (
            lambda a: a.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", "9", "1", "hour"),
            11005,
            "after",
        ),
        (
            lambda a: a.details(None, DOC_ACCOUNT, DOC_RESULT, "traceroute", "1", "9", "day"),
            11005,
            "'day'",
        ),
        (
            lambda a: a.details(
                None, DOC_ACCOUNT, DOC_RESULT, "traceroute", "1", "9", "hour", ["nope"]
            ),
            11005,
            "'nope'",
        ),
        (
            lambda a: a.network_path(None, DOC_ACCOUNT, DOC_RESULT, "", "1", "9", "hour"),
            11004,
            "deviceId",
        ),
        (lambda a: a.overview(None, DOC_ACCOUNT, per_page=51), 11005, "per_page"),
        (lambda a: a.overview(None, DOC_ACCOUNT, page=1.5), 11005, "page"),
        (lambda a: a.overview(None, DOC_ACCOUNT, page=1e30), 11005, "page"),
        (lambda a: a.overview(None, DOC_ACCOUNT, kind="dns"), 11005, "kind"),
        (
            lambda a: a.overview(None, DOC_ACCOUNT, registration_id=universe.DOC_DEVICE_IDS[1]),
            11005,
            "exactly one deviceId",
        ),
    ],
)
def test_bad_parameters_are_400_with_dex_codes(
    analytics: AnalyticsService, call: Any, code: int, text: str
) -> None:
    with pytest.raises(BadRequest) as caught:
        call(analytics)
    assert caught.value.code == code and text in caught.value.message


# --- unique devices (C9) -----------------------------------------------------------------------


def test_unique_devices_counts_the_targeted_fleet(analytics: AnalyticsService) -> None:
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    everything = result_of(analytics.unique_devices(None, DOC_ACCOUNT))["uniqueDevicesTotal"]
    assert 1 <= everything <= shape.registry_size
    window = (iso(NOW - 7 * 86400), iso(NOW))
    for test in account_tests(DOC_ACCOUNT):
        named = result_of(analytics.unique_devices(None, DOC_ACCOUNT, test.name))
        ran = result_of(
            analytics.details(None, DOC_ACCOUNT, test.test_id, test.kind, *window, "hour")
        )
        stats = ran["tracerouteStats" if test.kind == "traceroute" else "httpStats"]
        assert stats["uniqueDevicesTotal"] <= named["uniqueDevicesTotal"] <= everything
    assert result_of(analytics.unique_devices(None, DOC_ACCOUNT, "No such test")) == {
        "uniqueDevicesTotal": 0
    }
    one = [universe.DOC_DEVICE_IDS[1], "00000000-0000-4000-8000-000000000000"]
    assert result_of(analytics.unique_devices(None, DOC_ACCOUNT, None, one)) == {
        "uniqueDevicesTotal": 1
    }


def test_the_body_cache_is_bounded_by_bytes_and_count() -> None:
    from netpath_mock.core.cache import BodyCache

    cache: BodyCache[tuple[object, ...]] = BodyCache(3, 1000, doorkeeper=0)
    cache.put(("huge",), b"x" * 101)  # over a tenth of the budget: not kept
    assert cache.get(("huge",)) is None
    for i in range(5):
        cache.put((i,), b"y" * 90)
    assert len(cache) == 3 and cache.get((0,)) is None and cache.get((4,)) is not None
    small: BodyCache[tuple[object, ...]] = BodyCache(100, 1000, doorkeeper=0)
    for i in range(20):
        small.put((i,), b"z" * 100)
    assert len(small) == 10 and small.get((19,)) == b"z" * 100


def test_a_registration_narrows_to_its_devices_runs(analytics: AnalyticsService) -> None:
    from netpath_mock.vendors.cloudflare import devices

    device = universe.DOC_DEVICE_IDS[0]
    own = devices.registration_id(SEED, DOC_ACCOUNT, 0)
    mine = result_of(
        analytics.overview(None, DOC_ACCOUNT, device_ids=[device], registration_id=own)
    )
    alone = result_of(analytics.overview(None, DOC_ACCOUNT, device_ids=[device]))
    assert mine == alone
    assert mine["overviewMetrics"]["avgTracerouteAvailabilityPct"] is not None
    other = devices.registration_id(SEED, DOC_ACCOUNT, 1)
    none = result_of(
        analytics.overview(None, DOC_ACCOUNT, device_ids=[device], registration_id=other)
    )
    assert none["overviewMetrics"]["avgTracerouteAvailabilityPct"] is None
    assert all(t.get("tracerouteResults", t.get("httpResults")) is None for t in none["tests"])
