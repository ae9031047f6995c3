"""The fleet world without HTTP: registry, device timelines, and the services' agreement (C5-C15).

Expected values are derived independently of the services: brute-force enumeration of the
device-day segments and of the universe's run layout, the results' own hops, local clocks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpath_mock.core.errors import InvalidParameters, NotFound
from netpath_mock.core.settings import Settings
from netpath_mock.core.state import MockState
from netpath_mock.vendors.cloudflare import devices, fleet, service, timeline, universe
from netpath_mock.vendors.cloudflare.fleet_schemas import (
    DeviceOverTimeEnvelope,
    FleetDevice,
    FleetDevicesEnvelope,
    FleetLiveEnvelope,
    FleetOverTimeEnvelope,
    IspsEnvelope,
    WarpEventsEnvelope,
)
from netpath_mock.vendors.cloudflare.progressions import Progression, page
from tests.conftest import DOC_ACCOUNT, SEED

OTHER = "ab" * 16
STATUSES = {"connected", "disconnected", "paused", "connecting"}
HOUR = 3600
DAY = 86400


@pytest.fixture(scope="module")
def svc() -> fleet.FleetService:
    state = MockState(Settings(seed=SEED), fixtures={}, credentials=None, rate_limits={})
    return fleet.FleetService(state)


def _j(body: bytes) -> Any:
    return orjson.loads(body)


def _ticks(svc: fleet.FleetService, account: str, lo: int, hi: int) -> Iterator[tuple[Any, ...]]:
    """Every state report in [lo, hi], by brute force over the device-day segments."""
    for rec in devices.registry(SEED, account):
        for seg in timeline.segments_between(SEED, account, rec, lo, hi, svc.now):
            a, b = max(seg.start, lo), min(seg.end - 1, hi)
            first = next(
                (t for t in range(a, a + timeline.REPORT_S) if t % 300 == rec.phase_s), b + 1
            )
            for t in range(first, b + 1, timeline.REPORT_S):
                yield t, rec, seg


def _devices_page(svc: fleet.FleetService, account: str, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "page_no": 1,
        "per_page": 50,
        "sort_by": "timestamp",
        "source": "last_seen",
        "filters": {},
    }
    args.update(kw)
    body = _j(svc.fleet_devices(account, **args))
    FleetDevicesEnvelope.model_validate(body)
    return body


# --- the registry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("account", [DOC_ACCOUNT, OTHER])
def test_registry_matches_the_results_devices(account: str) -> None:
    shape = universe.account_shape(SEED, account)
    reg = devices.registry(SEED, account)
    assert len(reg) == shape.devices + 2
    assert len({r.device_id for r in reg}) == len(reg)
    uuid4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    for rec in reg:
        assert devices.locate_device(SEED, account, rec.device_id.upper()) == rec.index
        assert uuid4.match(rec.registration_id)
        assert rec.person_email.endswith("@" + devices.org(SEED, account).domain)
    # Every run's result names the device the registry has at run % D (C8).
    for run in range(shape.devices * 2):
        ref = universe.RunRef(account, 0, run)
        rid = universe.result_id(SEED, account, 0, run)
        result = service.build_result(SEED, Settings().epoch, ref, rid)
        assert result["deviceName"] == reg[run % shape.devices].name
    assert {r.platform for r in reg[: shape.devices]} <= devices.TRACEROUTE_PLATFORMS
    assert [r.platform for r in reg[shape.devices :]] == ["linux", "ios"]
    assert not any(r.runs_traceroutes for r in reg[shape.devices :])


def test_docs_account_carries_the_sdk_placeholder_devices() -> None:
    reg = devices.registry(SEED, DOC_ACCOUNT)
    assert reg[0].device_id == "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
    assert reg[1].device_id == "cb49c27f-7f97-49c5-b6f3-f7c01ead0fd7"
    # The docs' result was run by the device carrying the placeholder id.
    ref = universe.locate_result(SEED, DOC_ACCOUNT, universe.DOC_RESULT_ID)
    assert (
        ref is not None and ref.run_index % universe.account_shape(SEED, DOC_ACCOUNT).devices == 0
    )


# --- the timeline: realism over the day and the week -------------------------------------------


def _local_hour(rec: devices.DeviceRecord, t: int) -> float:
    state = rec.profile.home.state
    return (t - timeline.day_start(state, timeline.local_day(state, t))) / HOUR


def test_laptops_sleep_at_night_and_work_on_weekdays(svc: fleet.FleetService) -> None:
    lo, hi = svc.now - 7 * DAY, svc.now
    night = weekday = weekend = 0
    for account in (DOC_ACCOUNT, OTHER):
        for t, rec, _ in _ticks(svc, account, lo, hi):
            if rec.always_awake:
                continue
            hour = _local_hour(rec, t)
            night += 1.0 <= hour < 5.0
            day = timeline.local_day(rec.profile.home.state, t)
            if (day + 3) % 7 < 5:
                weekday += 1
            else:
                weekend += 1
    assert night == 0
    assert weekday > 5 * weekend  # five working days carry far more than two weekend days


def test_fleet_is_busier_in_working_hours(svc: fleet.FleetService) -> None:
    body = _j(svc.over_time(DOC_ACCOUNT, svc.now - 7 * DAY, svc.now, None, None))
    FleetOverTimeEnvelope.model_validate(body)
    per_hour: Counter[int] = Counter()
    for item in body["result"]["deviceStats"]["byStatus"]:
        stamp = datetime.strptime(item["timestamp"], "%Y-%m-%d %H:%M:%S+00").replace(tzinfo=UTC)
        per_hour[stamp.hour] += item["uniqueDevicesTotal"]
    # US working hours are ~13-23 UTC, US nights ~6-11 UTC.
    assert sum(per_hour[h] for h in range(15, 21)) > 2 * sum(per_hour[h] for h in range(6, 12))


def test_versions_roll_forward_and_a_release_rolls_out(svc: fleet.FleetService) -> None:
    newest = timeline.release_version("desktop", 0)
    lo, hi = svc.now - 7 * DAY, svc.now
    seen_before = seen_after = False
    for account in (DOC_ACCOUNT, OTHER):
        last_version: dict[int, tuple[int, ...]] = {}
        for t, rec, seg in sorted(_ticks(svc, account, lo, hi), key=lambda x: x[0]):
            version = tuple(int(p) for p in seg.version.split("."))
            assert version >= last_version.get(rec.index, version)  # never downgrades
            last_version[rec.index] = version
            if rec.platform in ("windows", "mac", "linux"):
                seen_before |= seg.version != newest and t < timeline._release_time("desktop", 0)
                seen_after |= seg.version == newest
    assert seen_before
    assert seen_after


def test_a_device_changes_configuration_and_mode_during_the_week(svc: fleet.FleetService) -> None:
    migration = timeline.episodes(SEED, DOC_ACCOUNT, svc.now).migration
    assert migration is not None
    index, at = migration
    assert svc.now - 7 * DAY < at < svc.now
    rec = devices.device_record(SEED, DOC_ACCOUNT, index)
    before = timeline.last_report(SEED, DOC_ACCOUNT, rec, at - 7 * DAY, at - 1, svc.now)
    after = timeline.last_report(SEED, DOC_ACCOUNT, rec, at, svc.now, svc.now)
    assert before is not None and after is not None
    assert before[1].mode == rec.base_mode != after[1].mode
    events = _j(
        svc.warp_events(
            DOC_ACCOUNT,
            at,
            at,
            page_no=1,
            per_page=50,
            kind="config",
            toggle=None,
            config_name=None,
            account_name=None,
            descending=False,
        )
    )["result"]
    assert [e["device_id"] for e in events] == [rec.device_id]
    assert events[0]["to"]["config_name"] != events[0]["from"]["config_name"]


def test_answers_are_deterministic_and_seeded(svc: fleet.FleetService) -> None:
    def body(seed: int) -> bytes:
        state = MockState(Settings(seed=seed), fixtures={}, credentials=None, rate_limits={})
        other = fleet.FleetService(state)
        now = other.now
        return other.fleet_devices(
            OTHER,
            lo=now - 7 * DAY,
            hi=now,
            page_no=3,
            per_page=20,
            sort_by="timestamp",
            source="raw",
            filters={},
        )

    assert body(SEED) == body(SEED)
    assert body(SEED) != body(SEED + 1)


# --- live, over time, per device and the device list agree --------------------------------------


@pytest.mark.parametrize("account", [DOC_ACCOUNT, OTHER])
@pytest.mark.parametrize("since", [10, 60])
def test_live_breakdowns_add_up_and_match_the_device_list(
    svc: fleet.FleetService, account: str, since: int
) -> None:
    body = _j(svc.live(account, since))
    FleetLiveEnvelope.model_validate(body)
    stats = body["result"]["deviceStats"]
    total = stats["uniqueDevicesTotal"]
    reg = devices.registry(SEED, account)
    assert 0 < total <= len(reg)
    for key in ("byColo", "byMode", "byPlatform", "byStatus", "byVersion"):
        assert sum(item["uniqueDevicesTotal"] for item in stats[key]) == total
    assert {item["value"] for item in stats["byStatus"]} <= STATUSES
    assert {item["value"] for item in stats["byPlatform"]} <= {r.platform for r in reg}
    rows = _devices_page(svc, account, lo=svc.now - since * 60, hi=svc.now)["result"]
    assert len(rows) == total
    assert Counter(r["status"] for r in rows) == {
        i["value"]: i["uniqueDevicesTotal"] for i in stats["byStatus"]
    }
    # Each device's own live status is its row (same instant, same state).
    for row in rows:
        own = _j(svc.device_live(account, row["deviceId"], since, None, None))
        FleetDevice.model_validate(own)
        assert own == row


def test_over_time_last_bucket_matches_last_seen(svc: fleet.FleetService) -> None:
    hour = svc.now - HOUR
    body = _j(svc.over_time(DOC_ACCOUNT, hour, svc.now - 1, None, None))
    rows = _devices_page(svc, DOC_ACCOUNT, lo=hour, hi=svc.now - 1)["result"]
    stats = body["result"]["deviceStats"]
    assert stats["uniqueDevicesTotal"] == len(rows)
    by_mode = {i["value"]: i["uniqueDevicesTotal"] for i in stats["byMode"]}
    assert by_mode == Counter(r["mode"] for r in rows)
    assert {i["timestamp"] for i in stats["byMode"]} == {fleet.postgres(hour)}


def test_a_window_long_ago_has_no_devices(svc: fleet.FleetService) -> None:
    old = svc.now - 30 * DAY
    assert _devices_page(svc, DOC_ACCOUNT, lo=old - HOUR, hi=old)["result_info"]["total_count"] == 0
    over = _j(svc.over_time(DOC_ACCOUNT, old - DAY, old, None, None))["result"]["deviceStats"]
    assert over == {"byMode": [], "byStatus": [], "uniqueDevicesTotal": 0}


def test_last_seen_refuses_windows_over_an_hour(svc: fleet.FleetService) -> None:
    with pytest.raises(InvalidParameters):
        _devices_page(svc, DOC_ACCOUNT, lo=svc.now - HOUR - 1, hi=svc.now)


@pytest.mark.parametrize("source", ["raw", "hourly"])
@pytest.mark.parametrize("sort_by", ["timestamp", "status", "device_id", "version"])
def test_device_list_pages_in_order_without_gaps(
    svc: fleet.FleetService, source: str, sort_by: str
) -> None:
    lo, hi = svc.now - 9 * HOUR, svc.now
    big = _devices_page(svc, OTHER, lo=lo, hi=hi, source=source, sort_by=sort_by)
    total = big["result_info"]["total_count"]
    rows: list[dict[str, Any]] = []
    page_no = 1
    while True:
        small = _devices_page(
            svc, OTHER, lo=lo, hi=hi, source=source, sort_by=sort_by, page_no=page_no, per_page=7
        )
        info = small["result_info"]
        assert info["total_count"] == total
        assert info["page"] == page_no and info["per_page"] == 7
        assert info["count"] == len(small["result"])
        if not small["result"]:
            break
        rows += small["result"]
        page_no += 1
    assert len(rows) == total
    assert rows[:50] == big["result"]
    keys = [(r["deviceId"], r["timestamp"]) for r in rows]
    assert len(set(keys)) == len(keys)
    group = {"timestamp": None, "status": "status", "device_id": "deviceId", "version": "version"}
    field = group[sort_by]
    order = [
        ((r[field] if field else ""), -datetime.fromisoformat(r["timestamp"]).timestamp())
        for r in rows
    ]
    assert order == sorted(order)
    if source == "raw":
        # Exactly the reports the segments hold.
        assert total == sum(1 for _ in _ticks(svc, OTHER, lo, hi))
    else:
        hours = {(rec.device_id, t - t % HOUR) for t, rec, _ in _ticks(svc, OTHER, lo, hi)}
        assert total == len(hours)


@pytest.mark.parametrize(
    "filters",
    [{"status": "connected"}, {"platform": "windows"}, {"colo": "none"}, {"mode": "warp+doh"}],
)
def test_device_list_filters(svc: fleet.FleetService, filters: dict[str, str]) -> None:
    rows = _devices_page(svc, DOC_ACCOUNT, lo=svc.now - 2 * DAY, hi=svc.now, source="raw")
    filtered = _devices_page(
        svc, DOC_ACCOUNT, lo=svc.now - 2 * DAY, hi=svc.now, source="raw", filters=filters
    )
    ((key, value),) = filters.items()
    assert all(r[key] == value for r in filtered["result"])
    assert 0 < filtered["result_info"]["total_count"] < rows["result_info"]["total_count"]


def test_device_over_time_buckets_and_networks(svc: fleet.FleetService) -> None:
    rec = next(r for r in devices.registry(SEED, DOC_ACCOUNT) if r.ssid and r.has_battery)
    lo, hi = svc.now - 3 * DAY, svc.now
    body = _j(svc.device_over_time(DOC_ACCOUNT, rec.device_id, lo, hi, "hour", None))
    DeviceOverTimeEnvelope.model_validate(body)
    result = body["result"]
    reports = [t for t, r, _ in _ticks(svc, DOC_ACCOUNT, lo, hi) if r.index == rec.index]
    assert result["top_networks"] == [{"name": rec.ssid, "count": len(reports)}]
    hours = sorted({fleet.postgres(t - t % HOUR) for t in reports})
    assert [p["timestamp"] for p in result["over_time"]["status"]] == hours
    assert all(0 <= p["value"] <= 100 for p in result["over_time"]["battery_pct"])
    assert {p["value"] for p in result["over_time"]["status"]} <= STATUSES


def test_unknown_devices_and_silent_windows_are_404(svc: fleet.FleetService) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(NotFound):
        svc.device_live(DOC_ACCOUNT, unknown, 10, None, None)
    with pytest.raises(NotFound):
        svc.device_isps(
            DOC_ACCOUNT, unknown, lo=None, hi=None, page_no=1, per_page=10, descending=True
        )
    placeholder = devices.DOC_DEVICE_IDS[1]
    with pytest.raises(NotFound):  # the SDK's time_now is three years before the universe
        svc.device_live(DOC_ACCOUNT, placeholder, 10, svc.now - 1000 * DAY, None)
    # Another account's device is unknown here (ids belong to their account).
    other = devices.registry(SEED, OTHER)[0].device_id
    with pytest.raises(NotFound):
        svc.device_live(DOC_ACCOUNT, other, 60, None, None)


def test_pii_fields_are_redacted_without_the_role(svc: fleet.FleetService) -> None:
    rows = _devices_page(svc, DOC_ACCOUNT, lo=svc.now - HOUR, hi=svc.now, pii=False)["result"]
    isp = next(r["ispIpv4"] for r in rows if r["ispIpv4"])
    assert isp["address"] == "REDACTED" and isinstance(isp["asn"], int) and isp["aso"]
    assert set(isp["location"].values()) == {"REDACTED"}
    assert all(r["deviceIpv4"]["address"] == "REDACTED" for r in rows)


# --- device ISPs are the access networks of the device's runs (C12) -----------------------------


def _isps(svc: fleet.FleetService, device_id: str, **kw: Any) -> Any:
    args: dict[str, Any] = {"lo": None, "hi": None, "page_no": 1, "per_page": 50}
    args["descending"] = True
    args.update(kw)
    body = _j(svc.device_isps(DOC_ACCOUNT, device_id, **args))
    IspsEnvelope.model_validate(body)
    return body


def test_isps_are_the_first_public_hops_of_the_devices_runs(svc: fleet.FleetService) -> None:
    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    rec = devices.registry(SEED, DOC_ACCOUNT)[0]
    assert rec.platform in devices.ISP_PLATFORMS
    lo, hi = svc.now - 6 * HOUR, svc.now
    body = _isps(svc, rec.device_id, lo=lo, hi=hi)
    entries = body["result"]["isps"]
    # Brute force: every traceroute run of the device in the window, from the run layout, that
    # it made while reporting (a device asleep runs nothing).
    expected = set()
    for k in range(shape.tests):
        for run in range(rec.index, shape.runs_per_test(k), shape.devices):
            ts = shape.run_timestamp(svc.now, k, run)
            if ts < lo:
                break
            awake = timeline.last_report(
                SEED, DOC_ACCOUNT, rec, ts - timeline.REPORT_S + 1, ts, svc.now
            )
            if ts <= hi and awake is not None:
                expected.add(universe.result_id(SEED, DOC_ACCOUNT, k, run))
    assert body["result_info"]["total_count"] == len(expected)
    assert {e["test_result_id"] for e in entries} <= expected
    stamps = [e["time_start"] for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    for entry in entries:
        ref = universe.locate_result(SEED, DOC_ACCOUNT, entry["test_result_id"])
        assert ref is not None and ref.run_index % shape.devices == rec.index
        assert entry["test_id"] == universe.test_id(SEED, DOC_ACCOUNT, ref.test_index)
        result = service.build_result(SEED, Settings().epoch, ref, entry["test_result_id"])
        when = datetime.strptime(result["time_start"], "%Y-%m-%d %H:%M:%S+00")
        assert entry["time_start"] == when.strftime("%Y-%m-%dT%H:%M:%SZ")
        isp_asns = {h["asn"] for h in result["hops"] if h["mile"] == "client-to-isp"}
        assert entry["ip"]["asn"] in isp_asns
        assert entry["ip"]["asn"] == rec.profile.asn


def test_isps_page_both_ways(svc: fleet.FleetService) -> None:
    device = devices.DOC_DEVICE_IDS[0]
    desc = [e["test_result_id"] for e in _isps(svc, device)["result"]["isps"]]
    total = _isps(svc, device)["result_info"]["total_count"]
    last_page = (total + 49) // 50
    asc = _isps(svc, device, descending=False, page_no=1)["result"]["isps"]
    tail = _isps(svc, device, page_no=last_page)["result"]["isps"]
    assert [e["test_result_id"] for e in asc[: len(tail)]] == [
        e["test_result_id"] for e in reversed(tail)
    ][: len(asc)]
    assert len(desc) == 50 and total > 50
    beyond = _isps(svc, device, page_no=last_page + 1)
    assert beyond["result"]["isps"] == [] and beyond["result_info"]["total_count"] == total


def test_isps_only_on_windows_and_mac() -> None:
    state = MockState(Settings(seed=SEED), fixtures={}, credentials=None, rate_limits={})
    svc = fleet.FleetService(state)
    for rec in devices.registry(SEED, DOC_ACCOUNT):
        total = _isps(svc, rec.device_id)["result_info"]["total_count"]
        if rec.runs_traceroutes and rec.platform in devices.ISP_PLATFORMS:
            assert total > 0
        else:
            assert total == 0


# --- colos and WARP events -----------------------------------------------------------------------


def test_colos_list_every_colo_seen(svc: fleet.FleetService) -> None:
    lo, hi = svc.now - 7 * DAY, svc.now
    colos = _j(svc.colos(DOC_ACCOUNT, lo, hi, None))["result"]
    codes = [c["airportCode"] for c in colos]
    assert codes == sorted(set(codes)) and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    fleet_colos = {seg.colo for _, _, seg in _ticks(svc, DOC_ACCOUNT, lo, hi)} - {"none"}
    assert fleet_colos <= set(codes)
    for ref in universe.catalog(SEED, 60):
        rid = universe.result_id(SEED, ref.account_id, ref.test_index, ref.run_index)
        assert service.build_result(SEED, Settings().epoch, ref, rid)["colo"] in codes
    by_usage = [
        c["airportCode"] for c in _j(svc.colos(DOC_ACCOUNT, lo, hi, "fleet-status-usage"))["result"]
    ]
    assert sorted(by_usage) == codes
    used = Counter(seg.colo for _, _, seg in _ticks(svc, DOC_ACCOUNT, lo, hi))
    assert by_usage[0] == max(fleet_colos, key=lambda c: (used[c], -ord(c[0])))
    by_tests = _j(svc.colos(DOC_ACCOUNT, lo, hi, "application-tests-usage"))["result"]
    homes = {r.profile.colo for r in devices.registry(SEED, DOC_ACCOUNT) if r.runs_traceroutes}
    assert by_tests[0]["airportCode"] in homes


def _events(svc: fleet.FleetService, account: str, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "page_no": 1,
        "per_page": 50,
        "kind": None,
        "toggle": None,
        "config_name": None,
        "account_name": None,
        "descending": False,
    }
    args.update(kw)
    lo, hi = args.pop("lo", svc.now - 7 * DAY), args.pop("hi", svc.now)
    body = _j(svc.warp_events(account, lo, hi, **args))
    WarpEventsEnvelope.model_validate(body)
    return body


@pytest.mark.parametrize("account", [DOC_ACCOUNT, OTHER])
def test_warp_events_name_registered_devices_in_order(
    svc: fleet.FleetService, account: str
) -> None:
    body = _events(svc, account)
    events = body["result"]
    assert events and body["result_info"]["total_count"] == len(events)
    by_id = {r.device_id: r for r in devices.registry(SEED, account)}
    names: dict[str, str] = {}
    for event in events:
        rec = by_id[event["device_id"]]
        assert event["hostname"] == rec.name and event["user_email"] == rec.person_email
        assert event["registration_id"] == rec.registration_id == event["device_registration"]
        for tag, name in _tags(event):
            assert re.fullmatch(r"[0-9a-f]{32}", tag)
            assert names.setdefault(tag, name) == name
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    assert any(tag != account for e in events for tag, _ in _tags(e))
    toggles = [e for e in events if "toggle" in e]
    assert toggles
    # Toggles alternate off/on per device, and the device reports `disconnected` in between.
    per_device: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in toggles:
        per_device[event["device_id"]].append(event)
    for device_id, items in per_device.items():
        assert [e["toggle"] for e in items] == ["off", "on"] * (len(items) // 2)
        rec = by_id[device_id]
        off = int(datetime.fromisoformat(items[0]["timestamp"]).timestamp())
        on = int(datetime.fromisoformat(items[1]["timestamp"]).timestamp())
        inside = timeline.last_report(SEED, account, rec, off, on - 1, svc.now)
        if inside is not None:
            assert inside[1].status == "disconnected"


def _tags(event: dict[str, Any]) -> list[tuple[str, str]]:
    if "toggle" in event:
        return [(event["account_tag"], event["account_name"])]
    return [(event[k]["account_tag"], event[k]["account_name"]) for k in ("from", "to")]


def test_warp_event_filters_and_paging(svc: fleet.FleetService) -> None:
    everything = _events(svc, DOC_ACCOUNT)["result"]
    assert all("toggle" in e for e in _events(svc, DOC_ACCOUNT, kind="toggle")["result"])
    offs = _events(svc, DOC_ACCOUNT, toggle="off")["result"]
    assert offs and all(e.get("toggle") == "off" for e in offs)
    configs = _events(svc, DOC_ACCOUNT, config_name=timeline.MIGRATION_CONFIG)["result"]
    assert len(configs) == 1
    partner = devices.org(SEED, devices.partner_account(SEED, DOC_ACCOUNT)).name
    away = _events(svc, DOC_ACCOUNT, account_name=partner)["result"]
    assert len(away) == 2 and {e["to"]["account_name"] for e in away} >= {partner}
    desc = _events(svc, DOC_ACCOUNT, descending=True)["result"]
    assert [e["timestamp"] for e in desc] == sorted((e["timestamp"] for e in desc), reverse=True)
    pages = [_events(svc, DOC_ACCOUNT, page_no=p, per_page=3)["result"] for p in range(1, 30)]
    assert [e for p in pages for e in p] == everything
    assert (
        _events(svc, DOC_ACCOUNT, lo=svc.now - 1000 * DAY, hi=svc.now - 999 * DAY)["result"] == []
    )


# --- the progression pager against brute force ----------------------------------------------------


@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 20), st.integers(1, 40), st.integers(0, 5)),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 200),
    st.integers(1, 30),
    st.booleans(),
)
def test_progression_pages_match_brute_force(
    specs: list[tuple[int, int, int, int]], offset: int, limit: int, descending: bool
) -> None:
    progs = [
        Progression(first, first + n * period, period, tie, i)
        for i, (first, n, period, tie) in enumerate(specs)
    ]
    rows = [(t, p.tie, p.payload) for p in progs for t in range(p.first, p.last + 1, p.period)]
    rows.sort(key=lambda r: ((-r[0] if descending else r[0]), r[1], r[2]))
    got = [(t, p.tie, p.payload) for t, p in page(progs, offset, limit, descending=descending)]
    assert [(t, tie) for t, tie, _ in got] == [
        (t, tie) for t, tie, _ in rows[offset : offset + limit]
    ]


def test_latest_state_is_the_last_report_before_the_epoch(svc: fleet.FleetService) -> None:
    for rec in devices.registry(SEED, DOC_ACCOUNT):
        state = timeline.latest_state(SEED, DOC_ACCOUNT, rec.index, svc.now)
        assert state is not None  # every device reported at least once in the week
        t, seg = state
        later = [x for x, r, _ in _ticks(svc, DOC_ACCOUNT, t + 1, svc.now) if r.index == rec.index]
        assert later == []
        assert timeline.device_online(SEED, DOC_ACCOUNT, rec.index, t, svc.now)
        assert seg.version == timeline.version_at(rec, t)
