"""A test run happens only while its device is awake and reporting (one world: C5, C8, C12).

Expected values come from brute force over the fleet's own report stream (timeline.last_report
over the device-day segments) and the universe's run layout, never from the predicate itself.
"""

from __future__ import annotations

import math
import random
from datetime import datetime
from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import NotFound
from netpath_mock.core.settings import Settings
from netpath_mock.main import build_state
from netpath_mock.vendors.cloudflare import devices, fleet, runs, service, spec, timeline, universe
from netpath_mock.vendors.cloudflare.analytics import AnalyticsService
from netpath_mock.vendors.cloudflare.results import NetworkPathService
from netpath_mock.vendors.cloudflare.tests_catalog import seeded_tests
from tests.conftest import DOC_ACCOUNT, DOC_RESULT, SEED

SETTINGS = Settings(seed=SEED)
NOW = int(SETTINGS.epoch.timestamp())
HOUR = 3600
DAY = 86400
ACCOUNTS = universe.catalog_accounts(SEED, 3)


@pytest.fixture(scope="module")
def state() -> Any:
    return build_state(SETTINGS)


def reported(account: str, index: int, t: int) -> bool:
    """Brute force: the device made a fleet report in (t - REPORT_S, t]."""
    rec = devices.device_record(SEED, account, index)
    return timeline.last_report(SEED, account, rec, t - timeline.REPORT_S + 1, t, NOW) is not None


def scheduled(account: str, test_index: int, device: int, lo: int, hi: int) -> list[int]:
    """Every scheduled run instant of (test, device) in [lo, hi], asleep or not."""
    shape = universe.account_shape(SEED, account)
    interval = shape.interval_min(test_index) * 60
    newest = NOW - shape.offset(test_index, device)
    return [
        t
        for s in range(shape.slots_per_device(test_index))
        if lo <= (t := newest - s * interval) <= hi
    ]


def result_of(body: bytes) -> Any:
    return orjson.loads(body)["result"]


def iso(t: int) -> str:
    return fleet.rfc3339(t)


# --- the predicate -------------------------------------------------------------------------------


@pytest.mark.parametrize("account", ACCOUNTS)
def test_online_is_a_report_within_the_report_period(account: str) -> None:
    rng = random.Random(7)
    shape = universe.account_shape(SEED, account)
    for _ in range(400):
        index = rng.randrange(shape.registry_size)
        t = NOW - rng.randrange(7 * DAY)
        assert timeline.device_online(SEED, account, index, t, NOW) == reported(account, index, t)
    # Around the edges of every span of one sleeping device: spans are exact, not rounded.
    index = next(r.index for r in devices.registry(SEED, account) if not r.always_awake)
    for a, b in timeline.online_between(SEED, account, index, NOW - 3 * DAY, NOW - DAY, NOW):
        for t in (a - 1, a, b, b + 1):
            assert timeline.device_online(SEED, account, index, t, NOW) == reported(
                account, index, t
            )


@pytest.mark.parametrize("account", ACCOUNTS)
def test_laptops_run_no_test_while_asleep(account: str) -> None:
    shape = universe.account_shape(SEED, account)
    asleep = 0
    for device in range(shape.devices):
        rec = devices.device_record(SEED, account, device)
        times = scheduled(account, 0, device, NOW - 2 * DAY, NOW)
        for t in times:
            ref = universe.RunRef(
                account,
                0,
                (NOW - shape.offset(0, device) - t) // (shape.interval_min(0) * 60) * shape.devices
                + device,
            )
            assert shape.run_timestamp(NOW, 0, ref.run_index) == t
            exists = runs.run_exists(SEED, NOW, ref)
            assert exists == reported(account, device, t)
            asleep += not exists
        if rec.always_awake:
            assert all(reported(account, device, t) for t in times)
    assert asleep > 0  # some device slept through some slot: the rule is not vacuous


# --- results --------------------------------------------------------------------------------


def test_a_slept_slots_result_id_is_404_and_an_awake_ones_resolves(state: Any) -> None:
    paths = NetworkPathService(state)
    account = ACCOUNTS[1]
    shape = universe.account_shape(SEED, account)
    slept = awake = 0
    for run in range(0, 40 * shape.devices):
        ref = universe.RunRef(account, 0, run)
        t = shape.run_timestamp(NOW, 0, run)
        rid = universe.result_id(SEED, account, 0, run)
        assert universe.locate_result(SEED, account, rid) == ref  # a well-formed, keyed id
        if reported(account, run % shape.devices, t):
            result = result_of(paths.get_network_path(account, rid))
            assert result["resultId"] == rid
            awake += 1
        else:
            with pytest.raises(NotFound) as caught:
                paths.get_network_path(account, rid)
            assert caught.value.code == 1001
            slept += 1
    assert slept and awake


def test_the_docs_result_resolves_as_the_newest_run_and_its_device_is_live(state: Any) -> None:
    paths = NetworkPathService(state)
    docs = result_of(paths.get_network_path(DOC_ACCOUNT, DOC_RESULT))
    assert docs["deviceName"] == "DESKTOP-9D9WSCX"
    newest = NOW - universe.account_shape(SEED, DOC_ACCOUNT).offset(0, 0)
    assert docs["time_start"] == service.format_time_start(newest)
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    for device in range(1, shape.devices):
        later = [t for t in scheduled(DOC_ACCOUNT, 0, device, newest, NOW) if t >= newest]
        assert later == []
    live = orjson.loads(
        fleet.FleetService(state).device_live(DOC_ACCOUNT, DOC_RESULT, 60, None, None)
    )
    assert live["deviceId"] == DOC_RESULT and live["deviceName"] == docs["deviceName"]


def test_the_catalog_lists_only_runs_that_happened(state: Any) -> None:
    paths = NetworkPathService(state)
    items = spec.catalog(SETTINGS, SEED, 80)
    assert len(items) == 80 and items[0]["test_result_id"] == DOC_RESULT
    for item in items:
        ref = universe.locate_result(SEED, item["account_id"], item["test_result_id"])
        assert ref is not None
        shape = universe.account_shape(SEED, ref.account_id)
        t = shape.run_timestamp(NOW, ref.test_index, ref.run_index)
        assert reported(ref.account_id, ref.run_index % shape.devices, t)
        paths.get_network_path(item["account_id"], item["test_result_id"])  # resolves


# --- analytics and isps: the same runs --------------------------------------------------------


@pytest.mark.parametrize("account", ACCOUNTS[:2])
def test_every_served_run_was_reported_and_every_reported_slot_served(
    state: Any, account: str
) -> None:
    analytics = AnalyticsService(state)
    lo, hi = NOW - 30 * HOUR, NOW
    shape = universe.account_shape(SEED, account)
    for test in seeded_tests(SEED, account, NOW):
        assert test.index is not None
        for device in range(shape.runners(test.index)):
            served = [
                block[offset]
                for offset, block in analytics.store.records(
                    account, test, device, lo * 1000, hi * 1000
                )
            ]
            expected = [
                t
                for t in scheduled(account, test.index, device, lo, hi)
                if reported(account, device, t)
            ]
            assert served == sorted(expected)


def test_details_equal_a_brute_force_recomputation(state: Any) -> None:
    analytics = AnalyticsService(state)
    account = ACCOUNTS[1]
    shape = universe.account_shape(SEED, account)
    test = seeded_tests(SEED, account, NOW)[0]
    assert test.index == 0
    lo, hi = NOW - 18 * HOUR, NOW - 5 * HOUR  # a Saturday: laptops mostly asleep
    rtts: list[int] = []
    hops: list[int] = []
    ran: set[int] = set()
    for device in range(shape.devices):
        interval = shape.interval_min(0) * 60
        for t in scheduled(account, 0, device, lo, hi):
            if not reported(account, device, t):
                continue
            slot = (NOW - shape.offset(0, device) - t) // interval
            _, _, run = service.build_run(
                SEED, universe.RunRef(account, 0, slot * shape.devices + device)
            )
            ran.add(device)
            hops.append(len(run.hops))
            if isinstance(rtt := run.hops[-1]["rttMs"], int):
                rtts.append(rtt)
    body = result_of(
        analytics.details(None, account, test.test_id, "traceroute", iso(lo), iso(hi), "hour")
    )
    stats = body["tracerouteStats"]
    assert stats["uniqueDevicesTotal"] == len(ran) < shape.devices
    assert stats["roundTripTimeMs"]["avg"] == math.floor(sum(rtts) / len(rtts) + 0.5)
    assert (stats["roundTripTimeMs"]["min"], stats["roundTripTimeMs"]["max"]) == (
        min(rtts),
        max(rtts),
    )
    assert (stats["hopsCount"]["min"], stats["hopsCount"]["max"]) == (min(hops), max(hops))
    assert stats["availabilityPct"]["avg"] == round(100 * len(rtts) / len(hops), 1)
    pct = result_of(
        analytics.percentiles(None, account, test.test_id, "traceroute", iso(lo), iso(hi))
    )
    ordered = sorted(hops)
    assert pct["hopsCount"]["p50"] == ordered[math.ceil(0.5 * len(ordered)) - 1]


def test_unique_devices_count_the_devices_that_ran_this_week(state: Any) -> None:
    analytics = AnalyticsService(state)
    for account in ACCOUNTS:
        shape = universe.account_shape(SEED, account)
        for test in seeded_tests(SEED, account, NOW):
            assert test.index is not None
            ran = [
                d
                for d in range(shape.runners(test.index))
                if any(
                    reported(account, d, t)
                    for t in scheduled(account, test.index, d, NOW - 7 * DAY, NOW)
                )
            ]
            got = result_of(analytics.unique_devices(None, account, test.name))
            assert got["uniqueDevicesTotal"] == len(ran)


def test_isps_list_exactly_the_runs_that_happened(state: Any) -> None:
    svc = fleet.FleetService(state)
    account = ACCOUNTS[1]
    shape = universe.account_shape(SEED, account)
    laptop = next(
        r
        for r in devices.registry(SEED, account)
        if r.kind == "laptop" and r.platform in devices.ISP_PLATFORMS
    )
    lo, hi = NOW - 3 * DAY, NOW
    expected = set()
    for k in range(shape.tests):
        interval = shape.interval_min(k) * 60
        for t in scheduled(account, k, laptop.index, lo, hi):
            if reported(account, laptop.index, t):
                slot = (NOW - shape.offset(k, laptop.index) - t) // interval
                expected.add(
                    universe.result_id(SEED, account, k, slot * shape.devices + laptop.index)
                )
    got: set[str] = set()
    page_no = 1
    while True:
        body = orjson.loads(
            svc.device_isps(
                account,
                laptop.device_id,
                lo=lo,
                hi=hi,
                page_no=page_no,
                per_page=50,
                descending=True,
            )
        )
        assert body["result_info"]["total_count"] == len(expected)
        entries = body["result"]["isps"]
        if not entries:
            break
        got.update(e["test_result_id"] for e in entries)
        page_no += 1
    assert got == expected and expected


# --- devices/{id}/fleet-status/live: time_now is the window's end (C5) -------------------------


def test_a_future_time_now_leaves_no_state_in_the_window(state: Any) -> None:
    svc = fleet.FleetService(state)
    device = universe.DOC_DEVICE_IDS[1]
    with pytest.raises(NotFound) as caught:
        svc.device_live(DOC_ACCOUNT, device, 10, NOW + 60 * DAY, None)
    assert caught.value.code == 1001
    # A window that ends after the epoch but starts before it still holds the last report.
    live = orjson.loads(svc.device_live(DOC_ACCOUNT, device, 10, NOW + 120, None))
    stamp = datetime.fromisoformat(live["timestamp"].replace("Z", "+00:00")).timestamp()
    assert NOW + 120 - 600 <= stamp <= NOW
