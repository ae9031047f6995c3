"""DEX test analytics: tests overview, unique devices, traceroute and HTTP test details.

Every figure is computed from the runs inside the asked window (runs.RunStore): the same runs
whose results the seed endpoint serves, so a slot's id resolves to a result at the same instant
and an aggregate's min/avg/max, buckets and percentiles cover exactly those runs. Bodies are
built as plain dicts in the contract's field names and serialized once; identical requests
(equal instants included) hit a bounded body cache.

Definitions (universe doc §5): a traceroute run's RTT is its final hop's rttMs when that hop
answered, its hop count len(hops), its loss the final hop's packetLossPct, and it is available
when the final hop answered. An HTTP run is available when a response below 500 came back; its
timings exist when any response came back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import orjson

from netpath_mock.core.cache import BodyCache
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import analytics_params as params
from netpath_mock.vendors.cloudflare import devices as devices_registry
from netpath_mock.vendors.cloudflare import runs, service, universe
from netpath_mock.vendors.cloudflare.errors import (
    DEVICE_NOT_FOUND,
    HTTP_TEST_NOT_FOUND,
    TRACEROUTE_TEST_NOT_FOUND,
)
from netpath_mock.vendors.cloudflare.service import format_time_start
from netpath_mock.vendors.cloudflare.tests_catalog import (
    HTTP,
    TRACEROUTE,
    TestConfig,
    account_tests_view,
)

HOUR: Final = 3600
DAY: Final = 86_400
# tests/overview takes no window (universe doc §3.2, open question §8.5): it summarises the last
# hour before now, in 5-minute buckets, and compares it with the hour before (history.deltaPct).
OVERVIEW_SPAN: Final = HOUR
OVERVIEW_BUCKET: Final = 300
# network-path thins windows longer than a day to the first run of each hour (the contract's
# `sampling`, {"unit": "hours", "value": 1}); the threshold is ours (universe doc §8.5).
SAMPLING_AFTER: Final = DAY
PERCENTILES: Final = (("p50", 0.50), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99))
_OK_HEAD: Final = b'{"errors":[],"messages":[],"success":true,"result":'

Run = tuple[int, ...]  # one record (runs.TR_* or runs.H_* layout) plus the device index last
# Analytics bodies range from 100 bytes to megabytes (a week in minute buckets): their cache is
# bounded by bytes as well as by count, and a body over a tenth of the budget is not kept.
BODY_CACHE_BYTES: Final = 32 << 20


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _pct(value: float) -> float:
    """A percentage as DEX shows it: one decimal."""
    return round(value, 1)


def _nearest_rank(ordered: list[float] | list[int], q: float) -> float | int:
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def percentiles(values: list[float] | list[int]) -> dict[str, float | int | None]:
    """p50/p90/p95/p99 by nearest rank: actual run values, non-decreasing; nulls when empty."""
    if not values:
        return {name: None for name, _ in PERCENTILES}
    ordered = sorted(values)
    return {name: _nearest_rank(ordered, q) for name, q in PERCENTILES}


@dataclass(frozen=True, slots=True)
class Buckets:
    """Runs grouped by bucket start (`ts - ts % width`) in time order, with the wire stamps."""

    starts: list[int]
    stamps: list[str]
    members: list[list[Run]]

    @classmethod
    def of(cls, runs_: list[Run], width: int) -> Buckets:
        """Group time-ordered runs."""
        starts: list[int] = []
        members: list[list[Run]] = []
        for run in runs_:
            start = run[0] - run[0] % width
            if not starts or starts[-1] != start:
                starts.append(start)
                members.append([])
            members[-1].append(run)
        return cls(starts, [format_time_start(start) for start in starts], members)


def int_stat(buckets: Buckets, field: int, scale: int = 1) -> dict[str, Any]:
    """{avg, min, max, slots} of a metric over the runs that have it (value >= 0).

    min and max are over runs, so every run and every bucket average lies inside them. With
    `scale` 10 the stored tenths become one-decimal floats (loss).
    """
    slots: list[dict[str, Any]] = []
    total = count = 0
    low = high = -1
    for stamp, members in zip(buckets.stamps, buckets.members, strict=True):
        values = [v for run in members if (v := run[field]) >= 0]
        if not values:
            continue
        subtotal = sum(values)
        total += subtotal
        count += len(values)
        smallest, largest = min(values), max(values)
        low = smallest if low < 0 else min(low, smallest)
        high = max(high, largest)
        mean = subtotal / len(values)
        slots.append(
            {"timestamp": stamp, "value": _half_up(mean) if scale == 1 else _pct(mean / scale)}
        )
    if not count:
        return {"avg": None, "min": None, "max": None, "slots": slots}
    if scale == 1:
        return {"avg": _half_up(total / count), "min": low, "max": high, "slots": slots}
    return {
        "avg": _pct(total / count / scale),
        "min": low / scale,
        "max": high / scale,
        "slots": slots,
    }


def pct_stat(buckets: Buckets, field: int) -> dict[str, Any]:
    """{avg, min, max, slots} of the share of runs with `field` = 1, in %.

    avg is over all runs, min/max over the buckets (a single run is 0 or 100 %).
    """
    slots: list[dict[str, Any]] = []
    hits = total = 0
    for stamp, members in zip(buckets.stamps, buckets.members, strict=True):
        bucket_hits = sum(run[field] for run in members)
        hits += bucket_hits
        total += len(members)
        slots.append({"timestamp": stamp, "value": _pct(100.0 * bucket_hits / len(members))})
    if not slots:
        return {"avg": None, "min": None, "max": None, "slots": []}
    values = [slot["value"] for slot in slots]
    return {
        "avg": _pct(100.0 * hits / total),
        "min": min(values),
        "max": max(values),
        "slots": slots,
    }


def traceroute_stats(runs_: list[Run], width: int) -> dict[str, Any] | None:
    """The `tracerouteStats` of a set of runs (null when there are none)."""
    if not runs_:
        return None
    buckets = Buckets.of(runs_, width)
    return {
        "availabilityPct": pct_stat(buckets, runs.TR_AVAIL),
        "hopsCount": int_stat(buckets, runs.TR_HOPS),
        "packetLossPct": int_stat(buckets, runs.TR_LOSS, scale=10),
        "roundTripTimeMs": int_stat(buckets, runs.TR_RTT),
        "uniqueDevicesTotal": len({run[-1] for run in runs_}),
    }


def http_stats(runs_: list[Run], width: int) -> dict[str, Any] | None:
    """The `httpStats` of a set of runs (null when there are none)."""
    if not runs_:
        return None
    buckets = Buckets.of(runs_, width)
    codes = []
    for stamp, members in zip(buckets.stamps, buckets.members, strict=True):
        counts = [0, 0, 0, 0, 0, 0]
        for run in members:
            counts[run[runs.H_STATUS] // 100] += 1
        codes.append(
            {
                "timestamp": stamp,
                "status200": counts[2],
                "status300": counts[3],
                "status400": counts[4],
                "status500": counts[5],
            }
        )
    return {
        "availabilityPct": pct_stat(buckets, runs.H_AVAIL),
        "dnsResponseTimeMs": int_stat(buckets, runs.H_DNS),
        "httpStatusCode": codes,
        "resourceFetchTimeMs": int_stat(buckets, runs.H_FETCH),
        "serverResponseTimeMs": int_stat(buckets, runs.H_SERVER),
        "uniqueDevicesTotal": len({run[-1] for run in runs_}),
    }


def by_colo(runs_: list[Run], colo_field: int) -> list[tuple[str, list[Run]]]:
    """Runs grouped by the colo they went through, colos in alphabetical order."""
    grouped: dict[str, list[Run]] = {}
    for run in runs_:
        grouped.setdefault(runs.colo_code(run[colo_field]), []).append(run)
    return sorted(grouped.items())


@dataclass(frozen=True, slots=True)
class Filters:
    """Which runs an aggregate covers: a device set (None: all) and a colo (None: all)."""

    devices: tuple[int, ...] | None
    colo: str | None


def timing_aggregate(runs_: list[Run], field: int, previous: list[Run]) -> dict[str, Any]:
    """The overview's timing aggregate: avg, 1-hour history with delta, 5-minute overTime."""
    values = [v for run in runs_ if (v := run[field]) >= 0]
    before = [v for run in previous if (v := run[field]) >= 0]
    avg = _half_up(sum(values) / len(values)) if values else None
    prior = _half_up(sum(before) / len(before)) if before else None
    delta = _pct((avg - prior) / prior * 100) if avg is not None and prior else None
    series = int_stat(Buckets.of(runs_, OVERVIEW_BUCKET), field)["slots"]
    period = {"value": OVERVIEW_SPAN // HOUR, "units": "hours"}
    return {
        "avgMs": avg,
        "history": [{"timePeriod": period, "avgMs": avg, "deltaPct": delta}],
        "overTime": {
            "timePeriod": period,
            "values": [{"timestamp": v["timestamp"], "avgMs": v["value"]} for v in series],
        },
    }


class AnalyticsService:
    """Serves the seven analytics operations as envelope bytes; raises MockErrors.

    Arguments arrive as the routes declare them (strings as sent, lists for repeated keys); the
    service checks their formats (instants, UUIDs, page numbers) and the cross-parameter rules.
    """

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.epoch = int(state.settings.epoch.timestamp())
        self.store = runs.RunStore(state.seed, self.epoch)
        # Every miss admitted: an aggregate costs milliseconds to compute, a lookup nothing.
        self._cache: BodyCache[tuple[Any, ...]] = BodyCache(
            state.settings.cache_size, BODY_CACHE_BYTES, doorkeeper=0
        )
        state.on_reseed(self._reseed)

    def _reseed(self) -> None:
        self._cache.clear()
        self.store.reseed(self.state.seed)

    # --- The world ----------------------------------------------------------------------------

    def tests(self, session: Session | None, account: str) -> tuple[TestConfig, ...]:
        """The account's tests as the caller's session sees them."""
        return account_tests_view(self.state, session, account, self.epoch)

    def test(self, session: Session | None, account: str, test_id: str, kind: str) -> TestConfig:
        """The test `test_id` of `kind`; 404 when unknown or of the other kind (C2)."""
        wanted = test_id.lower()
        for test in self.tests(session, account):
            if test.test_id == wanted:
                if test.kind == kind:
                    return test
                break
        raise (TRACEROUTE_TEST_NOT_FOUND if kind == TRACEROUTE else HTTP_TEST_NOT_FOUND).error()

    def device_filter(self, account: str, ids: tuple[str, ...]) -> tuple[int, ...] | None:
        """Registry indices of a `deviceId` filter (unknown devices match nothing), or None."""
        if not ids:
            return None
        found = (universe.locate_device(self.state.seed, account, d) for d in ids)
        return tuple(sorted({index for index in found if index is not None}))

    def collect(
        self, account: str, test: TestConfig, start_ms: int, end_ms: int, filters: Filters
    ) -> list[Run]:
        """The records of every run of `test` in the window that passes the filters, by time.

        Each record gets its device index appended (the aggregates count unique devices). A
        test without history (created in a session) has no runs.
        """
        if test.index is None:
            return []
        shape = universe.account_shape(self.state.seed, account)
        devices: Iterable[int] = range(shape.runners(test.index))
        if filters.devices is not None:
            devices = [d for d in filters.devices if d < shape.runners(test.index)]
        width = runs.TR_WIDTH if test.kind == TRACEROUTE else runs.H_WIDTH
        colo_field = runs.TR_COLO if test.kind == TRACEROUTE else runs.H_COLO
        colo = None if filters.colo is None else runs.colo_index(filters.colo)
        selected: list[Run] = []
        for device in devices:
            for offset, block in self.store.records(account, test, device, start_ms, end_ms):
                if colo is None or block[offset + colo_field] == colo:
                    selected.append((*block[offset : offset + width], device))
        selected.sort()
        return selected

    def _filtered_test(
        self,
        session: Session | None,
        account: str,
        test_id: str,
        kind: str,
        device_ids: list[str] | None,
        colo: str | None,
    ) -> tuple[Filters, TestConfig]:
        """A details or percentiles request's filters, then its test (checked in that order)."""
        devices = self.device_filter(account, params.device_ids(device_ids))
        filters = Filters(devices, params.colo(colo))
        return filters, self.test(session, account, test_id, kind)

    # --- Operations ---------------------------------------------------------------------------

    def details(
        self,
        session: Session | None,
        account: str,
        test_id: str,
        kind: str,
        time_from: str,
        time_to: str,
        interval: str,
        device_ids: list[str] | None = None,
        colo: str | None = None,
    ) -> bytes:
        """GET traceroute-tests/{test_id} or http-tests/{test_id}: config, stats, by colo."""
        account = account.lower()
        window = params.window(time_from, time_to)
        width = params.interval(interval)
        filters, test = self._filtered_test(session, account, test_id, kind, device_ids, colo)
        key = ("details", account, test, window, width, filters.devices, filters.colo)
        return self._cached(key, lambda: self._details(account, test, window, width, filters))

    def _details(
        self, account: str, test: TestConfig, window: params.Window, width: int, filters: Filters
    ) -> dict[str, Any]:
        selected = self.collect(account, test, window.start_ms, window.end_ms, filters)
        result: dict[str, Any] = {"name": test.name, "host": test.host, "interval": test.interval}
        result["kind"] = test.kind
        if test.kind == HTTP:
            result["method"] = "GET"
        result.update(test.targeting())
        if test.kind == TRACEROUTE:
            result["tracerouteStats"] = traceroute_stats(selected, width)
            result["tracerouteStatsByColo"] = [
                {"colo": code, **(traceroute_stats(members, width) or {})}
                for code, members in by_colo(selected, runs.TR_COLO)
            ]
        else:
            result["httpStats"] = http_stats(selected, width)
            result["httpStatsByColo"] = [
                {"colo": code, **(http_stats(members, width) or {})}
                for code, members in by_colo(selected, runs.H_COLO)
            ]
        return result

    def percentiles(
        self,
        session: Session | None,
        account: str,
        test_id: str,
        kind: str,
        time_from: str,
        time_to: str,
        device_ids: list[str] | None = None,
        colo: str | None = None,
    ) -> bytes:
        """GET traceroute-tests/{test_id}/percentiles or http-tests/{test_id}/percentiles."""
        account = account.lower()
        window = params.window(time_from, time_to)
        filters, test = self._filtered_test(session, account, test_id, kind, device_ids, colo)
        key = ("percentiles", account, test, window, filters)

        def build() -> dict[str, Any]:
            selected = self.collect(account, test, window.start_ms, window.end_ms, filters)
            if kind == TRACEROUTE:
                return {
                    "hopsCount": percentiles([run[runs.TR_HOPS] for run in selected]),
                    "packetLossPct": percentiles([run[runs.TR_LOSS] / 10 for run in selected]),
                    "roundTripTimeMs": percentiles(
                        [run[runs.TR_RTT] for run in selected if run[runs.TR_AVAIL]]
                    ),
                }
            answered = [run for run in selected if run[runs.H_STATUS] > 0]
            return {
                "dnsResponseTimeMs": percentiles([run[runs.H_DNS] for run in answered]),
                "resourceFetchTimeMs": percentiles([run[runs.H_FETCH] for run in answered]),
                "serverResponseTimeMs": percentiles([run[runs.H_SERVER] for run in answered]),
            }

        return self._cached(key, build)

    def network_path(
        self,
        session: Session | None,
        account: str,
        test_id: str,
        device_id: str,
        time_from: str,
        time_to: str,
        interval: str,
    ) -> bytes:
        """GET traceroute-tests/{test_id}/network-path: one slot per run of one device."""
        account = account.lower()
        device_text = params.device_id(device_id)
        window = params.window(time_from, time_to)
        params.interval(interval)  # required and checked; slots are runs, not buckets
        test = self.test(session, account, test_id, TRACEROUTE)
        device = universe.locate_device(self.state.seed, account, device_text)
        if device is None:
            raise DEVICE_NOT_FOUND.error()
        key = ("network-path", account, test, device, window)
        return self._cached(key, lambda: self._network_path(account, test, device, window))

    def _network_path(
        self, account: str, test: TestConfig, device: int, window: params.Window
    ) -> dict[str, Any]:
        seed = self.state.seed
        sampled = (window.end_ms - window.start_ms) > SAMPLING_AFTER * 1000
        slots: list[dict[str, Any]] = []
        last_hour = None
        records = (
            self.store.records(account, test, device, window.start_ms, window.end_ms)
            if test.index is not None
            else iter(())
        )
        for offset, block in records:
            ts = block[offset + runs.TR_TS]
            if sampled:
                # The first run to the start of each sampling interval (contract `sampling`).
                if ts // HOUR == last_hour:
                    continue
                last_hour = ts // HOUR
            miles = [block[offset + runs.TR_MILE0 + i] for i in range(4)]
            run_index = block[offset + runs.TR_RUN]
            slots.append(
                {
                    "id": universe.result_id(seed, account, test.index or 0, run_index),
                    "timestamp": format_time_start(ts),
                    "clientToIspRttMs": _nullable(miles[0]),
                    "clientToCfIngressRttMs": _nullable(miles[1]),
                    "clientToCfEgressRttMs": _nullable(miles[2]),
                    "clientToAppRttMs": _nullable(miles[3]),
                }
            )
        return {
            "id": test.test_id,
            "name": test.name,
            "url": test.host,
            "interval": test.interval,
            "kind": TRACEROUTE,
            "deviceName": service.account_device(seed, account, device).name,
            "networkPath": {
                "slots": slots,
                "sampling": {"unit": "hours", "value": 1} if sampled else None,
            },
        }

    def unique_devices(
        self,
        session: Session | None,
        account: str,
        test_name: str | None = None,
        device_ids: list[str] | None = None,
    ) -> bytes:
        """GET tests/unique-devices: devices that ran the (named) tests (universe doc §3.2).

        Every seeded test is untargeted, so it targets every device whose platform runs its
        kind: traceroute on the D traceroute devices, HTTP on those and the Linux device; iOS
        runs neither. The contract's description counts those that ran it within the last 7
        days: a device asleep or away all week ran nothing (runs.ran_within_retention). A test
        without history (created in a session) counts the devices it targets.
        """
        account = account.lower()
        seed = self.state.seed
        devices = self.device_filter(account, params.device_ids(device_ids))
        shape = universe.account_shape(seed, account)
        runners: set[int] = set()
        for test in self.tests(session, account):
            if test_name is None or test.name == test_name:
                index = test.index
                runners.update(
                    d
                    for d in range(shape.runners_of_kind(test.kind))
                    if d not in runners
                    and (
                        index is None
                        or runs.ran_within_retention(seed, self.epoch, account, index, d)
                    )
                )
        if devices is not None:
            runners.intersection_update(devices)
        return _envelope(orjson.dumps({"uniqueDevicesTotal": len(runners)}))

    def overview(
        self,
        session: Session | None,
        account: str,
        *,
        page: float | None = None,
        per_page: float | None = None,
        kind: str | None = None,
        test_name: str | None = None,
        device_ids: list[str] | None = None,
        colo: str | None = None,
        registration_id: str | None = None,
    ) -> bytes:
        """GET tests/overview: the tests with their last hour, paged (universe doc §3.2).

        `colo` and `deviceId` both narrow the runs when both are given (the SDK says they
        cannot be combined, but no source shows the API refusing it: answering keeps the SDK's
        own all-parameters tests passing). `registration_id` narrows to that registration of the
        one device given (a device has one registration here: devices.registration_id).
        """
        account = account.lower()
        number = params.whole("page", page, 1)
        size = params.whole("per_page", per_page, params.DEFAULT_PER_PAGE, params.MAX_PER_PAGE)
        wanted_kind = params.kind(kind)
        ids = params.device_ids(device_ids)
        registration = params.registration(registration_id, ids)
        devices = self.device_filter(account, ids)
        if registration is not None and devices:
            # One registration per device here: another registration's runs are none.
            owner = devices[0]
            if devices_registry.registration_id(self.state.seed, account, owner) != registration:
                devices = ()
        filters = Filters(devices, params.colo(colo))
        tests = tuple(
            t
            for t in self.tests(session, account)
            if (wanted_kind is None or t.kind == wanted_kind)
            and (test_name is None or t.name == test_name)
        )
        key = ("overview", account, number, size, tests, filters)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        body = self._overview(account, tests, number, size, filters)
        self._cache.put(key, body)
        return body

    def _overview(
        self,
        account: str,
        tests: tuple[TestConfig, ...],
        page: int,
        per_page: int,
        filters: Filters,
    ) -> bytes:
        now = self.epoch * 1000
        span = OVERVIEW_SPAN * 1000
        availability: dict[str, list[int]] = {TRACEROUTE: [0, 0], HTTP: [0, 0]}
        recent: dict[str, list[Run]] = {}
        for test in tests:
            selected = self.collect(account, test, now - span, now, filters)
            recent[test.test_id] = selected
            field = runs.TR_AVAIL if test.kind == TRACEROUTE else runs.H_AVAIL
            availability[test.kind][0] += sum(run[field] for run in selected)
            availability[test.kind][1] += len(selected)
        first = (page - 1) * per_page
        items = []
        for test in tests[first : first + per_page]:
            selected = recent[test.test_id]
            # The hour before, for history.deltaPct (closed windows: it ends 1 ms earlier).
            previous = self.collect(account, test, now - 2 * span, now - span - 1, filters)
            item = test.overview_fields()
            if test.kind == TRACEROUTE:
                field, colo_field, prefix, name = (
                    runs.TR_RTT,
                    runs.TR_COLO,
                    "traceroute",
                    "roundTripTime",
                )
            else:
                field, colo_field, prefix, name = (
                    runs.H_FETCH,
                    runs.H_COLO,
                    "http",
                    "resourceFetchTime",
                )
            item[f"{prefix}Results"] = (
                {name: timing_aggregate(selected, field, previous)} if selected else None
            )
            before = dict(by_colo(previous, colo_field))
            item[f"{prefix}ResultsByColo"] = [
                {
                    "colo": code,
                    name: timing_aggregate(members, field, before.get(code, [])),
                }
                for code, members in by_colo(selected, colo_field)
            ]
            items.append(item)
        metrics = {
            "testsTotal": len(tests),
            "avgTracerouteAvailabilityPct": _ratio(availability[TRACEROUTE]),
            "avgHttpAvailabilityPct": _ratio(availability[HTTP]),
        }
        result = orjson.dumps({"overviewMetrics": metrics, "tests": items})
        info = orjson.dumps(
            {"count": len(items), "page": page, "per_page": per_page, "total_count": len(tests)}
        )
        return _OK_HEAD + result + b',"result_info":' + info + b"}"

    def _cached(self, key: tuple[Any, ...], build: Callable[[], dict[str, Any]]) -> bytes:
        body = self._cache.get(key)
        if body is None:
            body = _envelope(orjson.dumps(build()))
            self._cache.put(key, body)
        return body


def _nullable(value: int) -> int | None:
    return None if value == runs.NULL else value


def _ratio(counts: list[int]) -> float | None:
    available, total = counts
    return _pct(100.0 * available / total) if total else None


def _envelope(result: bytes) -> bytes:
    return _OK_HEAD + result + b"}"
