"""The neutral probe run: what a vendor mapping reads (hops, per-query RTTs, e2e statistics).

The checks hold for every source kind; the corpus mixes cloud regions, agent hosts and
end-user devices. R20 (quantized loss), R21 (silent-hop shape) and the Datadog hop-count rule
(realism.md Part 1 §1) are checked on the neutral run here; DEX's mapping of the same run is
checked against it at the end.
"""

from __future__ import annotations

import random
import statistics

import pytest

from netpath_mock import netmodel
from netpath_mock.netmodel import regions, sources, targets
from netpath_mock.netmodel.probe import MAX_TTL, PROBES_PER_HOP
from netpath_mock.vendors.cloudflare.generator import (
    device_profile,
    dex_hops,
    network_path,
    traceroute_test_profile,
)

HOSTS = ("1.1.1.1", "app.datadoghq.com", "www.google.com", "github.com", "shop.example.com")


def _runs(n: int) -> list[netmodel.ProbeRun]:
    rng = random.Random("probe-corpus")
    ids = list(regions.REGIONS)
    out = []
    for i in range(n):
        if i % 3 == 0:
            source: netmodel.Source = sources.cloud(ids[i % len(ids)])
        elif i % 3 == 1:
            source = sources.agent_source(rng)
        else:
            source = device_profile(random.Random(i)).source
        target = targets.resolve(HOSTS[i % len(HOSTS)], 443)
        out.append(netmodel.probe(random.Random(i), source, target, key=i % 7, protocol="tcp"))
    return out


@pytest.fixture(scope="module")
def runs() -> list[netmodel.ProbeRun]:
    return _runs(300)


def test_queries_agree_with_the_run(runs: list[netmodel.ProbeRun]) -> None:
    for run in runs[:120]:
        for count in (1, 3, 5):
            per_ttl = run.queries(random.Random(7), count)
            assert len(per_ttl) == len(run.hops)
            for hop, values in zip(run.hops, per_ttl, strict=True):
                assert len(values) == count
                answered = [v for v in values if v is not None]
                if hop.ip is None:
                    assert not answered
                    continue
                assert answered and answered[0] == hop.rtt_ms  # the hop's RTT is one query
                assert all(v > 0 for v in answered)
                if hop.probes_lost == 0:
                    assert len(answered) == count
                elif count == PROBES_PER_HOP:
                    assert count - len(answered) == hop.probes_lost
        assert run.queries(random.Random(3)) == run.queries(random.Random(3))


def test_e2e_statistics(runs: list[netmodel.ProbeRun]) -> None:
    jitter_share = []
    for run in runs:
        stats = run.e2e(random.Random(11), 50)
        assert stats.packets_sent == 50 and 0 <= stats.packets_received <= 50
        assert stats.loss == pytest.approx((50 - stats.packets_received) / 50)
        assert len(stats.rtts_ms) == stats.packets_received
        if not run.reached:
            assert stats.loss == 1.0 and stats.rtt_avg_ms is None
            continue
        assert stats.rtt_min_ms is not None and stats.rtt_max_ms is not None
        assert stats.rtt_avg_ms is not None
        assert stats.rtt_min_ms <= stats.rtt_avg_ms <= stats.rtt_max_ms
        dest = run.hops[-1].rtt_ms
        assert dest is not None
        assert stats.rtt_min_ms >= 0.9 * dest  # pings to the destination cost its RTT
        assert stats.jitter_ms >= 0
        jitter_share.append(stats.jitter_ms / stats.rtt_avg_ms)
    # R25: jitter is well below latency; on wired paths typically < 10% of the average RTT.
    assert statistics.median(jitter_share) < 0.1
    healthy = [r.e2e(random.Random(1), 50).loss for r in runs if r.reached]
    assert statistics.mean(healthy) < 0.02
    assert sum(loss == 0.0 for loss in healthy) / len(healthy) >= 0.8


def test_hop_count_and_status(runs: list[netmodel.ProbeRun]) -> None:
    for run in runs:
        answering = [h.ttl for h in run.hops if h.ip is not None]
        assert run.hop_count == (answering[-1] if answering else 0)
        assert run.length == len(run.hops) <= MAX_TTL
        assert (run.status == "destinationReached") == run.reached
        if not run.reached:
            # A trace that stopped at the TTL limit exhausted it; one that stopped short failed.
            stopped_at_limit = len(run.hops) == MAX_TTL
            assert run.status == ("maxHopsExhausted" if stopped_at_limit else "lastHopFailed")


def test_max_ttl_truncates() -> None:
    source = sources.cloud("gcp:asia-northeast1")
    target = targets.resolve("app.datadoghq.com", 443)
    full = netmodel.probe(random.Random(5), source, target, key=1)
    assert full.reached and len(full.hops) > 6
    short = netmodel.probe(random.Random(5), source, target, key=1, max_ttl=6)
    assert not short.reached and len(short.hops) == 6
    assert short.status == "maxHopsExhausted"
    assert short.hop_count <= 6


def test_udp_is_filtered_more_often_than_tcp() -> None:
    target = targets.resolve("app.datadoghq.com", 33434)
    source = sources.cloud("aws:us-east-2")

    def unreached(protocol: str) -> int:
        return sum(
            not netmodel.probe(random.Random(i), source, target, key=3, protocol=protocol).reached
            for i in range(600)
        )

    assert unreached("udp") > 2 * unreached("tcp")


def test_congestion_hook_slows_evening_runs() -> None:
    device = device_profile(random.Random("congested"))
    while device.access != "cable":
        device = device_profile(random.Random(device.name))
    target = targets.resolve("www.google.com")
    lon = device.home.lon
    # 21:00 and 09:00 local solar time on the same day.
    evening = int((21.0 - lon / 15.0) * 3600) + 20_000 * 86_400
    morning = evening - 12 * 3600
    compared = 0
    for seed in range(20):
        base = netmodel.probe(random.Random(seed), device.source, target, key=5)
        late = netmodel.probe(random.Random(seed), device.source, target, key=5, at=evening)
        early = netmodel.probe(random.Random(seed), device.source, target, key=5, at=morning)
        assert early.rtts == base.rtts  # no evening peak in the morning
        assert late.silent == base.silent and late.lost == base.lost  # only RTTs move
        first, last = base.rtts[-1], late.rtts[-1]
        if first is not None and last is not None:
            assert last > first + 2  # the peak adds to everything past the access step
            compared += 1
    assert compared >= 10


def test_dex_mapping_is_the_neutral_run() -> None:
    device = device_profile(random.Random("dex"))
    test = traceroute_test_profile(random.Random("dex-test"))
    for seed in range(30):
        path = network_path(random.Random(seed), device, test)
        in_tunnel = device.tunnel_type is not None and not test.split_tunnel_excluded
        run = netmodel.probe(
            random.Random(seed), device.source, test.target, key=test.route_key,
            tunnelled=in_tunnel,
        )  # fmt: skip
        assert dex_hops(run) == path.hops
        assert len(path.hops) == len(run.hops)
        for wire, hop in zip(path.hops, run.hops, strict=True):
            assert wire["ipAddress"] == hop.ip and wire["asn"] == hop.asn
            assert wire["name"] == hop.hostname and wire["aso"] == hop.as_name
            assert wire["rttMs"] == (None if hop.rtt_ms is None else round(hop.rtt_ms + 1e-9))
            assert wire["packetLossPct"] == (0.0, 33.3, 66.7, 100.0)[hop.probes_lost]


def test_every_source_kind_reaches_every_kind_of_destination() -> None:
    """No combination of source and destination network falls through the builders."""
    hosts = (
        "1.1.1.1", "dash.cloudflare.com", "8.8.8.8", "www.google.com", "outlook.office365.com",
        "app.datadoghq.com", "bucket.s3.eu-west-1.amazonaws.com", "d1234.cloudfront.net",
        "svc.europe-west3.run.app", "myapp.japaneast.cloudapp.azure.com", "media.akamaized.net",
        "pkg.fastly.net", "www.apple.com", "www.facebook.com", "github.com", "203.0.113.10",
        "10.1.2.3", "34.120.1.2", "20.40.1.2",
    )  # fmt: skip
    rng = random.Random("kinds")
    kinds: list[netmodel.Source] = [sources.cloud(rid) for rid in regions.REGIONS]
    kinds += [sources.datacenter_source(rng, provider) for provider in
              ("hetzner", "ovh", "digitalocean", "linode", "colo") for _ in range(4)]  # fmt: skip
    kinds += [sources.office_source(rng) for _ in range(12)]
    kinds += [device_profile(random.Random(i)).source for i in range(12)]
    networks = set()
    for i, source in enumerate(kinds):
        for host in hosts:
            target = targets.resolve(host, 443)
            networks.add(target.network)
            run = netmodel.probe(random.Random(i), source, target, key=i, protocol="tcp")
            hops = run.hops
            assert [h.ttl for h in hops] == list(range(1, len(hops) + 1))
            if run.reached:
                assert hops[-1].ip == run.target_ip
                if target.kind == "private":
                    assert all(h.asn is None for h in hops)  # never leaves the private network
    assert networks == {
        "cloudflare", "google", "gcp", "microsoft", "azure", "aws", "cloudfront", "akamai",
        "fastly", "apple", "meta", "github", "other", "private",
    }  # fmt: skip
