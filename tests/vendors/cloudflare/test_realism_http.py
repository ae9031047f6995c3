"""Realism of DEX HTTP test runs (the invariants http_tests' timing model relies on).

HTTP runs go from the same devices, through the same access networks, to real SaaS front ends
whose round trip comes from the traceroute path model. Checked over a day of runs of the first
HTTP tests of the catalog:

H1  A handshake never beats the round trip to the front end: TCP connect, TLS and the server
    response each take at least the lowest traced RTT of that device to that host.
H2  Resource fetch covers DNS and the server response (DEX: startTime -> responseEnd).
H3  Ranges (DOC http.mdx): DNS 2-60 ms, server response 50-400 ms, fetch 100-1500 ms, for the
    great majority of runs.
H4  The HTTP round trip agrees with the traceroutes: a device that also traces the same host
    sees a server response above its traced RTT to it.
H5  Access technology matters: fixed-wireless and DSL devices fetch slower than fiber ones.
H6  Time of day matters: servers answer slower in business hours than at night, residential
    access networks are slower in the evening peak than in the small hours.
H7  Status codes: the page's normal status dominates; errors are rare; 5xx and failed fetches
    are unavailable, and a day's availability stays in the 95-100 % DEX band.
H8  Devices differ: per-device medians of one test spread out (distance, access, Wi-Fi).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from netpath_mock.core.settings import Settings
from netpath_mock.vendors.cloudflare import http_tests, runs, service, universe
from netpath_mock.vendors.cloudflare.spec import catalog_tests
from netpath_mock.vendors.cloudflare.tests_catalog import seeded_tests
from tests.conftest import SEED

SETTINGS = Settings(seed=SEED)
NOW = int(SETTINGS.epoch.timestamp())
DAY = 86_400


@dataclass(frozen=True)
class Sample:
    """One HTTP run with what the checks need of its device and test."""

    account: str
    test_index: int
    host: str
    device: int
    access: str
    local_hour: float
    edge_floor: int
    edge_rtt: float
    run: http_tests.HttpRun
    timestamp: int


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    """A day of runs of 16 HTTP tests over every device that runs them."""
    items = [i for i in catalog_tests(SETTINGS, SEED, 400) if i["kind"] == "http"][:16]
    found: list[Sample] = []
    for item in items:
        account = item["account_id"]
        test = next(t for t in seeded_tests(SEED, account, NOW) if t.test_id == item["test_id"])
        assert test.index is not None and test.target is not None
        shape = universe.account_shape(SEED, account)
        interval = test.interval_min * 60
        for device in range(shape.runners(test.index)):
            profile = service.account_device(SEED, account, device)
            edge = http_tests.edge_profile(SEED, account, test.index, device, test.target.host)
            base = NOW - shape.offset(test.index, device)
            key = runs.http_key(SEED, account, test.index, device)
            test_key = runs.http_key(SEED, account, test.index, -1)
            for slot in range(DAY // interval):
                ts = base - slot * interval
                run = http_tests.http_run(test.target, edge, key + slot * 16, test_key, ts, False)
                found.append(
                    Sample(
                        account,
                        test.index,
                        test.target.host,
                        device,
                        profile.access,
                        (ts / 3600 + edge.tz_hours) % 24,
                        edge.floor_ms,
                        edge.rtt_ms,
                        run,
                        ts,
                    )
                )
    assert len(found) > 5_000
    return found


def answered(samples: list[Sample]) -> list[Sample]:
    return [s for s in samples if s.run.status > 0]


def test_h1_handshakes_take_at_least_the_round_trip(samples: list[Sample]) -> None:
    for s in answered(samples):
        run = s.run
        assert run.connect_ms is not None and run.tls_ms is not None and run.server_ms is not None
        assert run.connect_ms >= s.edge_floor
        assert run.tls_ms >= s.edge_floor
        assert run.server_ms >= s.edge_floor
        assert run.server_ms >= round(run.rtt_ms)


def test_h2_resource_fetch_covers_dns_and_the_server_response(samples: list[Sample]) -> None:
    for s in answered(samples):
        assert s.run.fetch_ms is not None and s.run.dns_ms is not None
        assert s.run.server_ms is not None
        assert s.run.fetch_ms >= s.run.dns_ms + s.run.server_ms
    failed = [s for s in samples if s.run.status == 0]
    assert failed and all(s.run.fetch_ms is None and s.run.dns_ms is None for s in failed)


def test_h3_timings_fall_in_the_documented_ranges(samples: list[Sample]) -> None:
    runs_ = [s.run for s in answered(samples)]
    dns = [r.dns_ms for r in runs_ if r.dns_ms is not None]
    server = [r.server_ms for r in runs_ if r.server_ms is not None]
    fetch = [r.fetch_ms for r in runs_ if r.fetch_ms is not None]
    assert sum(2 <= v <= 60 for v in dns) / len(dns) > 0.95
    assert sum(50 <= v <= 400 for v in server) / len(server) > 0.95
    assert sum(100 <= v <= 1500 for v in fetch) / len(fetch) > 0.98
    assert min(dns) >= 2 and max(fetch) < 5000
    # The stub's cache answers some lookups in a few ms; the rest pay a resolver round trip.
    assert 0.2 < sum(v <= 4 for v in dns) / len(dns) < 0.4


def test_h4_http_round_trips_agree_with_the_traceroutes(samples: list[Sample]) -> None:
    epoch = SETTINGS.epoch
    compared = 0
    for account in sorted({s.account for s in samples}):
        traced = {
            t.host: t.index
            for t in seeded_tests(SEED, account, NOW)
            if t.kind == "traceroute" and t.index is not None
        }
        shape = universe.account_shape(SEED, account)
        for s in answered([x for x in samples if x.account == account and x.host in traced]):
            if s.device >= shape.devices or s.timestamp % 7:
                continue
            index = traced[s.host]
            slot = (NOW - shape.offset(index, s.device) - s.timestamp) // (
                shape.interval_min(index) * 60
            )
            ref = universe.RunRef(account, index, max(0, slot) * shape.devices + s.device)
            result = service.build_result(SEED, epoch, ref, "x")
            rtt = result["hops"][-1]["rttMs"]
            if isinstance(rtt, int) and s.run.server_ms is not None:
                # Same device, host and hour: the page comes back after at least ~ the trace's
                # round trip (both see the device's own jitter, so allow it a little slack).
                assert s.run.server_ms >= 0.8 * rtt - 5
                compared += 1
    if compared == 0:
        pytest.skip("no account of the sample traces one of its HTTP hosts")


def test_h5_slower_access_networks_fetch_slower(samples: list[Sample]) -> None:
    by_access: dict[str, list[int]] = defaultdict(list)
    for s in answered(samples):
        assert s.run.fetch_ms is not None
        by_access[s.access].append(s.run.fetch_ms)
    medians = {access: statistics.median(v) for access, v in by_access.items() if len(v) > 200}
    assert {"fiber", "cable"} <= medians.keys()
    assert medians["fiber"] < medians["cable"]
    for slow in ("dsl", "fixed-wireless"):
        if slow in medians:
            assert medians[slow] > medians["fiber"] * 1.3


def test_h6_time_of_day_shows(samples: list[Sample]) -> None:
    def median_extra(hours: tuple[int, int], residential: bool) -> float:
        extra = [
            s.run.server_ms - s.edge_rtt
            for s in answered(samples)
            if s.run.server_ms is not None
            and hours[0] <= s.local_hour < hours[1]
            and (s.access != "office") == residential
            and s.run.status < 500
        ]
        assert len(extra) > 100
        return statistics.median(extra)

    # Server load peaks in business hours; residential queues in the evening.
    assert median_extra((13, 16), True) > median_extra((2, 5), True) * 1.08
    evening = [
        s.run.rtt_ms - s.edge_rtt
        for s in samples
        if 20 <= s.local_hour < 22 and s.access in ("cable", "dsl", "fixed-wireless")
    ]
    night = [
        s.run.rtt_ms - s.edge_rtt
        for s in samples
        if 3 <= s.local_hour < 5 and s.access in ("cable", "dsl", "fixed-wireless")
    ]
    assert statistics.median(evening) > statistics.median(night) + 2


def test_h7_status_codes_and_availability(samples: list[Sample]) -> None:
    statuses = Counter(s.run.status for s in samples)
    total = sum(statuses.values())
    normal = statuses[200] + statuses[302]
    assert normal / total > 0.97
    assert set(statuses) <= {0, 200, 302, 403, 429, 500, 502, 503}
    for s in samples:
        assert s.run.available == (0 < s.run.status < 500)
    by_test_day: dict[tuple[str, int], list[bool]] = defaultdict(list)
    for s in samples:
        by_test_day[(s.account, s.test_index)].append(s.run.available)
    shares = [100 * sum(v) / len(v) for v in by_test_day.values()]
    assert sum(95 <= share <= 100 for share in shares) / len(shares) > 0.9


def test_h8_devices_of_one_test_differ(samples: list[Sample]) -> None:
    by_test: dict[tuple[str, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for s in answered(samples):
        assert s.run.fetch_ms is not None
        by_test[(s.account, s.test_index)][s.device].append(s.run.fetch_ms)
    spreads = []
    for devices in by_test.values():
        medians = sorted(statistics.median(v) for v in devices.values())
        if len(medians) >= 5:
            spreads.append(medians[-1] / medians[0])
    assert spreads and statistics.median(spreads) > 1.3
