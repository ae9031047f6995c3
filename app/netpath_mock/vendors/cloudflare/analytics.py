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
from netpath_mock.core.errors import NotFound
from netpath_mock.core.state import MockState
from netpath_mock.vendors.cloudflare import analytics_params as params
from netpath_mock.vendors.cloudflare import runs, service, universe
from netpath_mock.vendors.cloudflare.analytics_params import Query
from netpath_mock.vendors.cloudflare.service import format_time_start
from netpath_mock.vendors.cloudflare.tests_catalog import HTTP, TRACEROUTE, TestConfig, seeded_tests

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
TEST_NOT_FOUND: Final = {TRACEROUTE: "Traceroute test not found", HTTP: "HTTP test not found"}
DEVICE_NOT_FOUND: Final = "Device not found"
NOT_FOUND_CODE: Final = 1001  # as the seed endpoint's unknown result
_OK_HEAD: Final = b'{"errors":[],"messages":[],"success":true,"result":'

Run = tuple[int, ...]  # one record (runs.TR_* or runs.H_* layout) plus the device index last


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


def _buckets(runs_: list[Run], width: int) -> list[tuple[int, list[Run]]]:
    """Runs grouped by bucket start (`ts - ts % width`), in time order (runs are sorted)."""
    grouped: list[tuple[int, list[Run]]] = []
    for run in runs_:
        start = run[0] - run[0] % width
        if not grouped or grouped[-1][0] != start:
            grouped.append((start, []))
        grouped[-1][1].append(run)
    return grouped


def int_stat(
    buckets: list[tuple[int, list[Run]]], field: int, present: Callable[[Run], bool]
) -> dict[str, Any]:
    """{avg, min, max, slots} of an integer metric over the runs where `present` holds.

    min and max are over runs, so every run and every bucket average lies inside them.
    """
    slots: list[dict[str, Any]] = []
    total = count = 0
    low = high = None
    for start, members in buckets:
        values = [run[field] for run in members if present(run)]
        if not values:
            continue
        total += sum(values)
        count += len(values)
        low = min(values) if low is None else min(low, min(values))
        high = max(values) if high is None else max(high, max(values))
        slots.append(
            {"timestamp": format_time_start(start), "value": _half_up(sum(values) / len(values))}
        )
    avg = _half_up(total / count) if count else None
    return {"avg": avg, "min": low, "max": high, "slots": slots}


def pct_stat(
    buckets: list[tuple[int, list[Run]]], value: Callable[[list[Run]], float]
) -> dict[str, Any]:
    """{avg, min, max, slots} of a percentage: avg over all runs, min/max over the buckets."""
    slots: list[dict[str, Any]] = []
    everything: list[Run] = []
    for start, members in buckets:
        slots.append({"timestamp": format_time_start(start), "value": _pct(value(members))})
        everything.extend(members)
    if not slots:
        return {"avg": None, "min": None, "max": None, "slots": []}
    values = [slot["value"] for slot in slots]
    return {"avg": _pct(value(everything)), "min": min(values), "max": max(values), "slots": slots}


def _available_pct(members: list[Run], field: int) -> float:
    return 100.0 * sum(run[field] for run in members) / len(members)


def traceroute_stats(runs_: list[Run], width: int) -> dict[str, Any] | None:
    """The `tracerouteStats` of a set of runs (null when there are none)."""
    if not runs_:
        return None
    buckets = _buckets(runs_, width)
    loss = int_stat(buckets, runs.TR_LOSS, _always)
    loss_stat = {
        "avg": _pct(sum(run[runs.TR_LOSS] for run in runs_) / len(runs_) / 10),
        "min": loss["min"] / 10,
        "max": loss["max"] / 10,
        "slots": [
            {
                "timestamp": format_time_start(start),
                "value": _pct(sum(run[runs.TR_LOSS] for run in members) / len(members) / 10),
            }
            for start, members in buckets
        ],
    }
    return {
        "availabilityPct": pct_stat(buckets, lambda m: _available_pct(m, runs.TR_AVAIL)),
        "hopsCount": int_stat(buckets, runs.TR_HOPS, _always),
        "packetLossPct": loss_stat,
        "roundTripTimeMs": int_stat(buckets, runs.TR_RTT, _tr_answered),
        "uniqueDevicesTotal": len({run[-1] for run in runs_}),
    }


def http_stats(runs_: list[Run], width: int) -> dict[str, Any] | None:
    """The `httpStats` of a set of runs (null when there are none)."""
    if not runs_:
        return None
    buckets = _buckets(runs_, width)
    codes = []
    for start, members in buckets:
        counts = [0, 0, 0, 0, 0, 0]
        for run in members:
            counts[run[runs.H_STATUS] // 100] += 1
        codes.append(
            {
                "timestamp": format_time_start(start),
                "status200": counts[2],
                "status300": counts[3],
                "status400": counts[4],
                "status500": counts[5],
            }
        )
    return {
        "availabilityPct": pct_stat(buckets, lambda m: _available_pct(m, runs.H_AVAIL)),
        "dnsResponseTimeMs": int_stat(buckets, runs.H_DNS, _http_answered),
        "httpStatusCode": codes,
        "resourceFetchTimeMs": int_stat(buckets, runs.H_FETCH, _http_answered),
        "serverResponseTimeMs": int_stat(buckets, runs.H_SERVER, _http_answered),
        "uniqueDevicesTotal": len({run[-1] for run in runs_}),
    }


def _always(run: Run) -> bool:
    return True


def _tr_answered(run: Run) -> bool:
    return run[runs.TR_AVAIL] == 1


def _http_answered(run: Run) -> bool:
    return run[runs.H_STATUS] > 0


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


def timing_aggregate(
    runs_: list[Run], field: int, present: Callable[[Run], bool], previous: list[Run]
) -> dict[str, Any]:
    """The overview's timing aggregate: avg, 1-hour history with delta, 5-minute overTime."""
    values = [run[field] for run in runs_ if present(run)]
    before = [run[field] for run in previous if present(run)]
    avg = _half_up(sum(values) / len(values)) if values else None
    prior = _half_up(sum(before) / len(before)) if before else None
    delta = _pct((avg - prior) / prior * 100) if avg is not None and prior else None
    over_time = []
    for start, members in _buckets(runs_, OVERVIEW_BUCKET):
        bucket = [run[field] for run in members if present(run)]
        if bucket:
            over_time.append(
                {
                    "timestamp": format_time_start(start),
                    "avgMs": _half_up(sum(bucket) / len(bucket)),
                }
            )
    period = {"value": OVERVIEW_SPAN // HOUR, "units": "hours"}
    return {
        "avgMs": avg,
        "history": [{"timePeriod": period, "avgMs": avg, "deltaPct": delta}],
        "overTime": {"timePeriod": period, "values": over_time},
    }


class AnalyticsService:
    """Serves the seven analytics operations as envelope bytes; raises MockErrors."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.epoch = int(state.settings.epoch.timestamp())
        self.store = runs.RunStore(state.seed, self.epoch)
        self._cache: BodyCache[tuple[Any, ...]] = BodyCache(state.settings.cache_size)
        state.on_reseed(self._reseed)

    def _reseed(self) -> None:
        self._cache.clear()
        self.store.reseed(self.state.seed)

    # --- The world ----------------------------------------------------------------------------

    def tests(self, account: str) -> tuple[TestConfig, ...]:
        """The account's tests (the seeded ones; dex_tests writes plug in here)."""
        return seeded_tests(self.state.seed, account, self.epoch)

    def test(self, account: str, test_id: str, kind: str) -> TestConfig:
        """The test `test_id` of `kind`; 404 when unknown or of the other kind (C2)."""
        index = universe.locate_test(self.state.seed, account, test_id)
        tests = self.tests(account)
        if index is None or index >= len(tests) or tests[index].kind != kind:
            raise NotFound(TEST_NOT_FOUND[kind], code=NOT_FOUND_CODE)
        return tests[index]

    def device_filter(self, account: str, query: Query) -> tuple[int, ...] | None:
        """Registry indices of the `deviceId` filter (unknown devices match nothing), or None."""
        ids = params.device_ids(query)
        if not ids:
            return None
        found = (universe.locate_device(self.state.seed, account, d) for d in ids)
        return tuple(sorted({index for index in found if index is not None}))

    def collect(
        self, account: str, test: TestConfig, start_ms: int, end_ms: int, filters: Filters
    ) -> list[Run]:
        """The records of every run of `test` in the window that passes the filters, by time.

        Each record gets its device index appended (the aggregates count unique devices).
        """
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

    # --- Operations ---------------------------------------------------------------------------

    def traceroute_details(self, account: str, test_id: str, raw_query: str) -> bytes:
        """GET traceroute-tests/{test_id}: config plus tracerouteStats and by colo."""
        query = Query(raw_query)
        window, width = params.window(query), params.interval(query)
        devices, colo = self.device_filter(account, query), params.colo(query)
        test = self.test(account, test_id, TRACEROUTE)
        key = ("tr", account, test.index, window, width, devices, colo)
        return self._cached(key, lambda: self._details(account, test, window, width, devices, colo))

    def http_details(self, account: str, test_id: str, raw_query: str) -> bytes:
        """GET http-tests/{test_id}: config plus httpStats and by colo."""
        query = Query(raw_query)
        window, width = params.window(query), params.interval(query)
        devices, colo = self.device_filter(account, query), params.colo(query)
        test = self.test(account, test_id, HTTP)
        key = ("http", account, test.index, window, width, devices, colo)
        return self._cached(key, lambda: self._details(account, test, window, width, devices, colo))

    def _details(
        self,
        account: str,
        test: TestConfig,
        window: params.Window,
        width: int,
        devices: tuple[int, ...] | None,
        colo: str | None,
    ) -> dict[str, Any]:
        selected = self.collect(
            account, test, window.start_ms, window.end_ms, Filters(devices, colo)
        )
        result: dict[str, Any] = {"name": test.name, "host": test.host, "interval": test.interval}
        result["kind"] = test.kind
        if test.kind == HTTP:
            result["method"] = "GET"
        result["target_policies"] = []
        result["targeted"] = False
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

    def traceroute_percentiles(self, account: str, test_id: str, raw_query: str) -> bytes:
        """GET traceroute-tests/{test_id}/percentiles."""
        query = Query(raw_query)
        window = params.window(query)
        devices, colo = self.device_filter(account, query), params.colo(query)
        test = self.test(account, test_id, TRACEROUTE)
        key = ("trp", account, test.index, window, devices, colo)

        def build() -> dict[str, Any]:
            selected = self.collect(
                account, test, window.start_ms, window.end_ms, Filters(devices, colo)
            )
            return {
                "hopsCount": percentiles([run[runs.TR_HOPS] for run in selected]),
                "packetLossPct": percentiles([run[runs.TR_LOSS] / 10 for run in selected]),
                "roundTripTimeMs": percentiles(
                    [run[runs.TR_RTT] for run in selected if run[runs.TR_AVAIL]]
                ),
            }

        return self._cached(key, build)

    def http_percentiles(self, account: str, test_id: str, raw_query: str) -> bytes:
        """GET http-tests/{test_id}/percentiles."""
        query = Query(raw_query)
        window = params.window(query)
        devices, colo = self.device_filter(account, query), params.colo(query)
        test = self.test(account, test_id, HTTP)
        key = ("httpp", account, test.index, window, devices, colo)

        def build() -> dict[str, Any]:
            selected = self.collect(
                account, test, window.start_ms, window.end_ms, Filters(devices, colo)
            )
            answered = [run for run in selected if run[runs.H_STATUS] > 0]
            return {
                "dnsResponseTimeMs": percentiles([run[runs.H_DNS] for run in answered]),
                "resourceFetchTimeMs": percentiles([run[runs.H_FETCH] for run in answered]),
                "serverResponseTimeMs": percentiles([run[runs.H_SERVER] for run in answered]),
            }

        return self._cached(key, build)

    def network_path(self, account: str, test_id: str, raw_query: str) -> bytes:
        """GET traceroute-tests/{test_id}/network-path: one slot per run of one device."""
        query = Query(raw_query)
        device_text = query.required("deviceId")
        if not params.UUID_RE.fullmatch(device_text):
            raise params.invalid("deviceId", device_text, "is not a device UUID")
        window = params.window(query)
        params.interval(query)  # required and checked; slots are runs, not buckets
        test = self.test(account, test_id, TRACEROUTE)
        device = universe.locate_device(self.state.seed, account, device_text)
        if device is None:
            raise NotFound(DEVICE_NOT_FOUND, code=NOT_FOUND_CODE)
        key = ("np", account, test.index, device, window)
        return self._cached(key, lambda: self._network_path(account, test, device, window))

    def _network_path(
        self, account: str, test: TestConfig, device: int, window: params.Window
    ) -> dict[str, Any]:
        seed = self.state.seed
        sampled = (window.end_ms - window.start_ms) > SAMPLING_AFTER * 1000
        slots: list[dict[str, Any]] = []
        last_hour = None
        for offset, block in self.store.records(
            account, test, device, window.start_ms, window.end_ms
        ):
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
                    "id": universe.result_id(seed, account, test.index, run_index),
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

    def unique_devices(self, account: str, raw_query: str) -> bytes:
        """GET tests/unique-devices: devices the (named) tests target (universe doc §3.2).

        Every seeded test is untargeted, so it targets every device whose platform runs its
        kind: traceroute on the D traceroute devices, HTTP on those and the Linux device; iOS
        runs neither. Each of them ran its tests within the last 7 days, which is what the
        contract's description counts.
        """
        query = Query(raw_query)
        devices = self.device_filter(account, query)
        name = query.first("testName")
        shape = universe.account_shape(self.state.seed, account)
        runners: set[int] = set()
        for test in self.tests(account):
            if name is None or test.name == name:
                runners.update(range(shape.runners(test.index)))
        if devices is not None:
            runners.intersection_update(devices)
        return _envelope(orjson.dumps({"uniqueDevicesTotal": len(runners)}))

    def overview(self, account: str, raw_query: str) -> bytes:
        """GET tests/overview: the tests with their last hour, paged (universe doc §3.2)."""
        query = Query(raw_query)
        page, per_page = params.page(query)
        kind, name = params.kind(query), query.first("testName")
        device_ids = params.device_ids(query)
        params.registration(query, device_ids)
        devices, colo = self.device_filter(account, query), params.colo(query)
        key = ("ov", account, page, per_page, kind, name, devices, colo)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        tests = [
            t
            for t in self.tests(account)
            if (kind is None or t.kind == kind) and (name is None or t.name == name)
        ]
        now = self.epoch * 1000
        span = OVERVIEW_SPAN * 1000
        filters = Filters(devices, colo)
        availability: dict[str, list[int]] = {TRACEROUTE: [0, 0], HTTP: [0, 0]}
        recent: dict[int, list[Run]] = {}
        for test in tests:
            selected = self.collect(account, test, now - span, now, filters)
            recent[test.index] = selected
            field = runs.TR_AVAIL if test.kind == TRACEROUTE else runs.H_AVAIL
            availability[test.kind][0] += sum(run[field] for run in selected)
            availability[test.kind][1] += len(selected)
        first = (page - 1) * per_page
        items = []
        for test in tests[first : first + per_page]:
            selected = recent[test.index]
            # The hour before, for history.deltaPct: a closed window ends 1 ms before `now - span`.
            previous = self.collect(account, test, now - 2 * span, now - span - 1, filters)
            item = test.overview_fields()
            if test.kind == TRACEROUTE:
                item["tracerouteResults"] = self._timing(
                    selected, previous, runs.TR_RTT, "roundTripTime"
                )
                item["tracerouteResultsByColo"] = self._timing_by_colo(
                    selected, previous, runs.TR_COLO, runs.TR_RTT, "roundTripTime"
                )
            else:
                item["httpResults"] = self._timing(
                    selected, previous, runs.H_FETCH, "resourceFetchTime"
                )
                item["httpResultsByColo"] = self._timing_by_colo(
                    selected, previous, runs.H_COLO, runs.H_FETCH, "resourceFetchTime"
                )
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
        body = _OK_HEAD + result + b',"result_info":' + info + b"}"
        self._cache.put(key, body)
        return body

    def _timing(
        self, selected: list[Run], previous: list[Run], field: int, name: str
    ) -> dict[str, Any] | None:
        if not selected:
            return None
        present = _tr_answered if field == runs.TR_RTT else _http_answered
        return {name: timing_aggregate(selected, field, present, previous)}

    def _timing_by_colo(
        self, selected: list[Run], previous: list[Run], colo_field: int, field: int, name: str
    ) -> list[dict[str, Any]]:
        present = _tr_answered if field == runs.TR_RTT else _http_answered
        before = dict(by_colo(previous, colo_field))
        return [
            {"colo": code, name: timing_aggregate(members, field, present, before.get(code, []))}
            for code, members in by_colo(selected, colo_field)
        ]

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
