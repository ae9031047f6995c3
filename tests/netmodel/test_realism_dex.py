"""Realism invariants R1-R24 of shared/docs/realism.md over the served DEX corpus.

Source: end-user devices (netmodel.sources.EndUserSource: home and office LANs behind US
eyeball / business ISPs), as the Cloudflare universe serves them through the internet model and
the DEX mapping. All of R1-R24 apply to this source. The corpus is what clients see:
service.build_run over several accounts, every test, each device a few times. Every check is
computed from tests/netmodel/reference.py (Part 3 prefixes, Part 4 triples, CLLI / airport
codes, haversine), not from the model's tables. Cloud-region and agent-host sources are checked
in test_world_paths.py.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from netpath_mock.vendors.cloudflare.generator import (
    DeviceProfile,
    PathRun,
    TracerouteTestProfile,
    device_profile,
    network_path,
    traceroute_test_profile,
)
from netpath_mock.vendors.cloudflare.service import build_run
from netpath_mock.vendors.cloudflare.universe import RunRef, account_shape, catalog_accounts
from tests.netmodel.reference import (
    ACCESS_BAND,
    AWS_REGION_STATE,
    BOUNDARY_NAME,
    BY_ZIP,
    COLO_ZIP,
    COMCAST_SITES,
    COMCAST_TOKEN,
    EC2_TOKEN,
    HOP_KEYS,
    LAN_NAMES,
    LOSS_VALUES,
    MILES,
    MIXED_CASE_DOMAINS,
    NETS,
    PART4,
    TOKEN_RULES,
    US_STATES,
    domain_asn,
    in_nets,
    is_cgnat,
    is_private,
    km_between,
    percentile,
)

Hop = dict[str, object]

# --- Corpus -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    account: int
    device_idx: int
    device: DeviceProfile
    test: TracerouteTestProfile
    run: PathRun

    @property
    def hops(self) -> list[Hop]:
        return self.run.hops


ACCOUNTS = 12
SEED = 1234
RUNS_PER_PAIR = 3


@pytest.fixture(scope="module")
def corpus() -> list[Result]:
    """What clients see: the served universe's runs (vendors.cloudflare.service.build_run).

    ACCOUNTS accounts of the default seed; every test of each, RUNS_PER_PAIR runs per device.
    """
    results: list[Result] = []
    for account in catalog_accounts(SEED, ACCOUNTS):
        shape = account_shape(SEED, account)
        for test_index in range(shape.tests):
            for run_index in range(shape.devices * RUNS_PER_PAIR):
                ref = RunRef(account, test_index, run_index)
                device, test, run = build_run(SEED, ref)
                results.append(Result(account, run_index % shape.devices, device, test, run))
    assert len(results) >= 500
    return results


# --- Helpers ------------------------------------------------------------------------------


def coords_of(hop: Hop) -> tuple[float, float] | None:
    loc = hop["location"]
    if not isinstance(loc, dict):
        return None
    lat, lon, _ = PART4[(loc["city"], loc["state"], loc["zip"])]
    return lat, lon


def metro_of(hop: Hop) -> str:
    loc = hop["location"]
    assert isinstance(loc, dict)
    return PART4[(loc["city"], loc["state"], loc["zip"])][2]


def client_coords(result: Result) -> tuple[float, float]:
    lat, lon, _ = BY_ZIP[result.device.home.zip][1]
    return lat, lon


def responding(hops: list[Hop]) -> list[Hop]:
    return [h for h in hops if h["ipAddress"] is not None]


def rtt(hop: Hop) -> int:
    value = hop["rttMs"]
    assert isinstance(value, int)
    return value


def loss(hop: Hop) -> float:
    value = hop["packetLossPct"]
    assert isinstance(value, float)
    return value


def reached(result: Result) -> bool:
    return result.hops[-1]["ipAddress"] is not None


def cf_edge(result: Result) -> bool:
    return in_nets(result.run.target_ip, NETS[13335])


def dest_index(hops: list[Hop]) -> int:
    return len(hops) - 1


def spike_at(resp: list[Hop], i: int) -> bool:
    # A fake spike is an intermediate hop far above the next responding hop: >= 2x (and >= 5 ms
    # more, since integer-ms rounding makes 2 vs 1 ms a "2x"), or >= 20 ms above it (R18c).
    a, b = rtt(resp[i]), rtt(resp[i + 1])
    return (a >= 2 * b and a - b >= 5) or a - b >= 20


# --- Structure ----------------------------------------------------------------------------


def test_r01_ttl_contiguity(corpus: list[Result]) -> None:
    for result in corpus:
        ttls = [hop["ttl"] for hop in result.hops]
        assert ttls == list(range(1, len(ttls) + 1)), ttls
        assert len(ttls) <= 30


def test_r02_hop_count(corpus: list[Result]) -> None:
    edge = [len(r.hops) for r in corpus if cf_edge(r) and reached(r)]
    distant = [len(r.hops) for r in corpus if not cf_edge(r) and reached(r)]
    assert len(edge) >= 100 and len(distant) >= 100
    assert 7 <= statistics.median(edge) <= 9
    assert sum(5 <= n <= 12 for n in edge) / len(edge) >= 0.97
    assert 12 <= statistics.median(distant) <= 17
    assert percentile(distant, 0.10) >= 7
    assert percentile(distant, 0.90) <= 22
    assert max(len(r.hops) for r in corpus) <= 30


def test_r03_termination(corpus: list[Result]) -> None:
    unreached = 0
    for result in corpus:
        hops, target = result.hops, result.run.target_ip
        if result.test.host[0].isdigit():
            assert target == result.test.host  # an IP target is used verbatim
        ips = [h["ipAddress"] for h in hops]
        if reached(result):
            assert ips[-1] == target
            assert ips.count(target) == 1  # nothing follows the destination
        else:
            unreached += 1
            assert target not in ips
            assert hops[-1]["rttMs"] is None and hops[-1]["packetLossPct"] == 100.0
    # Some traces fail (lastHopFailed / maxHopsExhausted), most reach the target.
    assert 0 < unreached < 0.05 * len(corpus)


def test_r04_types_and_units(corpus: list[Result]) -> None:
    for result in corpus:
        for hop in result.hops:
            assert set(hop) == HOP_KEYS
            assert type(hop["ttl"]) is int and hop["ttl"] >= 1
            assert hop["rttMs"] is None or (type(hop["rttMs"]) is int and hop["rttMs"] >= 0)
            assert type(hop["packetLossPct"]) is float and 0.0 <= hop["packetLossPct"] <= 100.0
            assert hop["asn"] is None or type(hop["asn"]) is int
            assert hop["aso"] is None or isinstance(hop["aso"], str)
            assert hop["name"] is None or isinstance(hop["name"], str)
            assert hop["mile"] in MILES
            loc = hop["location"]
            if loc is not None:
                assert isinstance(loc, dict) and set(loc) == {"city", "state", "zip"}
                assert isinstance(loc["zip"], str) and re.fullmatch(r"\d{5}", loc["zip"])
                assert loc["state"] in US_STATES
                assert isinstance(loc["city"], str) and loc["city"]
        assert result.run.execution_context in ("IN_TUNNEL", "OUT_OF_TUNNEL")
        assert result.run.tunnel_type in ("masque", "wireguard", "http2", None)
        assert result.run.colo in COLO_ZIP


# --- Addresses ----------------------------------------------------------------------------


def test_r05_first_hop_private(corpus: list[Result]) -> None:
    first_private = sum(is_private(str(r.hops[0]["ipAddress"])) for r in corpus)
    assert first_private / len(corpus) >= 0.85
    cgnat_paths = 0
    for result in corpus:
        for hop in responding(result.hops):
            if is_cgnat(str(hop["ipAddress"])):
                cgnat_paths += 1
                assert hop["ttl"] in (2, 3)
                assert result.device.access in ("fixed-wireless", "satellite")
    assert cgnat_paths > 0


def test_r06_private_and_cgnat_confinement(corpus: list[Result]) -> None:
    verizon_100_public = 0
    for result in corpus:
        foreign_seen = False
        for hop in responding(result.hops):
            ip = str(hop["ipAddress"])
            internal = is_private(ip) or is_cgnat(ip)
            if internal:
                assert hop["mile"] == "client-to-isp"
                assert not foreign_seen, (result.device.isp, ip)
            elif hop["asn"] is not None and hop["asn"] != result.device.asn:
                foreign_seen = True
            if ip.startswith(("100.36.", "100.37.", "100.38.", "100.39.", "100.40.", "100.41.")):
                assert not is_cgnat(ip) and hop["asn"] == 701
                verizon_100_public += 1
    assert verizon_100_public > 0  # the public-Verizon 100.x edge case is exercised


def test_r07_private_hops_no_public_metadata(corpus: list[Result]) -> None:
    total = clean = 0
    for result in corpus:
        for hop in responding(result.hops):
            ip = str(hop["ipAddress"])
            if not (is_private(ip) or is_cgnat(ip)):
                continue
            total += 1
            name = hop["name"]
            isp_ptr = isinstance(name, str) and domain_asn(name) == result.device.asn
            lan_name = name is None or name in LAN_NAMES
            if (
                hop["asn"] in (None, 0)
                and hop["aso"] in (None, "Unknown")
                and hop["location"] is None
                and (lan_name or (isp_ptr and ip.startswith("10.")))
            ):
                clean += 1
    assert total > 0 and clean / total >= 0.95


def test_r08_ip_belongs_to_asn(corpus: list[Result]) -> None:
    public = matched = 0
    adjacent_dup_paths = 0
    for result in corpus:
        ips = [h["ipAddress"] for h in result.hops if h["ipAddress"] is not None]
        counts = Counter(ips)
        dup = [ip for ip, c in counts.items() if c > 1]
        if dup:
            adjacent = all(
                any(
                    result.hops[i]["ipAddress"] == ip and result.hops[i + 1]["ipAddress"] == ip
                    for i in range(len(result.hops) - 1)
                )
                and counts[ip] == 2
                for ip in dup
            )
            assert adjacent, dup
            adjacent_dup_paths += 1
        for hop in responding(result.hops):
            asn = hop["asn"]
            if asn is None:
                continue
            public += 1
            ok = in_nets(str(hop["ipAddress"]), NETS[int(str(asn))])
            if asn == 13335:
                assert ok, hop
            matched += ok
    assert matched / public >= 0.98
    assert adjacent_dup_paths / len(corpus) <= 0.02


# --- AS level -----------------------------------------------------------------------------


def asn_sequence(hops: list[Hop]) -> list[int]:
    seq = [int(str(h["asn"])) for h in hops if h["asn"] is not None]
    return [a for i, a in enumerate(seq) if i == 0 or seq[i - 1] != a]


def test_r09_as_runs(corpus: list[Result]) -> None:
    clean = sum(len(set(s)) == len(s) for s in (asn_sequence(r.hops) for r in corpus))
    assert clean / len(corpus) >= 0.98
    edge = [len(set(asn_sequence(r.hops))) for r in corpus if cf_edge(r)]
    assert sum(1 <= n <= 3 for n in edge) / len(edge) >= 0.90
    assert statistics.median(edge) == 2  # usually eyeball -> AS13335
    distant = [len(set(asn_sequence(r.hops))) for r in corpus if not cf_edge(r) and reached(r)]
    assert all(2 <= n <= 5 for n in distant)
    assert statistics.median(distant) >= 3


def test_r10_asn_aso_bijection(corpus: list[Result]) -> None:
    aso_of: dict[int, set[str]] = defaultdict(set)
    asn_of: dict[str, set[int]] = defaultdict(set)
    for result in corpus:
        for hop in responding(result.hops):
            if hop["asn"] is None:
                assert hop["aso"] is None
                continue
            aso_of[int(str(hop["asn"]))].add(str(hop["aso"]))
            asn_of[str(hop["aso"])].add(int(str(hop["asn"])))
    assert all(len(v) == 1 for v in aso_of.values()), aso_of
    assert all(len(v) == 1 for v in asn_of.values()), asn_of
    assert aso_of[13335] == {"Cloudflare, Inc."}
    # One naming style: organisation names, never registry handles like CLOUDFLARENET.
    for (aso,) in aso_of.values():
        assert not re.fullmatch(r"[A-Z0-9-]+", aso), aso


def test_r11_cloudflare_hops_are_as13335(corpus: list[Result]) -> None:
    checked_ingress = 0
    for result in corpus:
        resp = responding(result.hops)
        for hop in resp:
            if hop["mile"] == "client-to-cf-egress":
                assert hop["asn"] == 13335 and hop["aso"] == "Cloudflare, Inc."
            if hop["mile"] == "client-to-isp":
                assert hop["asn"] != 13335
        ingress = [h for h in resp if h["mile"] == "client-to-cf-ingress"]
        if ingress:
            checked_ingress += 1
            assert ingress[-1]["asn"] == 13335
    assert checked_ingress > 0


def test_r12_rdns_domain_matches_asn(corpus: list[Result]) -> None:
    named = agree = 0
    for result in corpus:
        for hop in responding(result.hops):
            name, asn = hop["name"], hop["asn"]
            if not isinstance(name, str) or asn is None or BOUNDARY_NAME.search(name):
                continue
            named += 1
            agree += domain_asn(name) == asn
    assert named > 0 and agree / named >= 0.95


# --- Names --------------------------------------------------------------------------------


def token_metro(name: str, hop: Hop) -> bool | None:
    """Whether the name's location token agrees with the hop location; None if no token."""
    loc = hop["location"]
    assert isinstance(loc, dict)
    m = COMCAST_TOKEN.search(name)
    if m:
        site, state = m.groups()
        if site in COMCAST_SITES:
            return COMCAST_SITES[site] == metro_of(hop)
        return site == loc["city"].lower().replace(" ", "") and state == loc["state"].lower()
    m = EC2_TOKEN.search(name)
    if m:
        return AWS_REGION_STATE[m.group(1) or "us-east-1"] == loc["state"]
    for pattern, table in TOKEN_RULES:
        m = pattern.search(name)
        if m:
            token = m.group(1).lower()
            return token in table and table[token] == metro_of(hop)
    return None


def test_r13_ptr_coverage_and_format(corpus: list[Result]) -> None:
    public = named = 0
    tokens = agree = located_named = 0
    for result in corpus:
        for hop in result.hops:
            name = hop["name"]
            if hop["ipAddress"] is None:
                assert name is None
                continue
            ip = str(hop["ipAddress"])
            if isinstance(name, str) and name != name.lower():
                assert name in LAN_NAMES or name.lower().endswith(MIXED_CASE_DOMAINS), name
            if is_private(ip) or is_cgnat(ip):
                continue
            public += 1
            if not isinstance(name, str):
                continue
            named += 1
            if hop["location"] is None:
                continue
            located_named += 1
            verdict = token_metro(name, hop)
            if verdict is not None:
                tokens += 1
                agree += verdict
    assert 0.25 <= named / public <= 0.85, named / public
    assert tokens >= 0.6 * located_named  # the token check covers most names
    assert agree / tokens >= 0.90


# --- RTT ----------------------------------------------------------------------------------


def test_r14_first_hop_rtt(corpus: list[Result]) -> None:
    first = [rtt(r.hops[0]) for r in corpus]
    assert statistics.median(first) <= 3
    assert max(first) <= 20


def access_step(hops: list[Hop]) -> int | None:
    lan = 0
    while lan < len(hops) and hops[lan]["ipAddress"] and is_private(str(hops[lan]["ipAddress"])):
        lan += 1
    nxt = next((h for h in hops[lan:] if h["ipAddress"] is not None), None)
    if lan == 0 or nxt is None:
        return None
    return rtt(nxt) - rtt(hops[lan - 1])


def test_r15_access_technology_step(corpus: list[Result]) -> None:
    within: dict[str, list[bool]] = defaultdict(list)
    for result in corpus:
        step = access_step(result.hops)
        if step is None:
            continue
        lo, hi = ACCESS_BAND[result.device.access]
        within[result.device.access].append(lo - 1 <= step <= hi + 2)
    assert set(within) == set(ACCESS_BAND)  # every access type is exercised
    for access, flags in within.items():
        assert sum(flags) / len(flags) >= 0.90, access
    # Same ISP, same band: an ISP's access types are the ones its network offers.
    offered = {
        "comcast": {"cable", "office"}, "charter": {"cable"}, "cox": {"cable"},
        "att": {"fiber", "dsl", "office"}, "verizon": {"fiber", "office"},
        "tmobile": {"fixed-wireless"}, "starlink": {"satellite"}, "lumen": {"office"},
    }  # fmt: skip
    for result in corpus:
        assert result.device.access in offered[result.device.isp]


def test_r16_rtt_to_cloudflare_edge(corpus: list[Result]) -> None:
    values = []
    for result in corpus:
        cf = [h for h in responding(result.hops) if h["asn"] == 13335]
        if cf:
            values.append(rtt(cf[0]))
    assert len(values) >= 200
    assert 5 <= statistics.median(values) <= 20
    assert percentile(values, 0.95) <= 50


def test_r17_speed_of_light_floor_and_inflation(corpus: list[Result]) -> None:
    far_hops = 0
    factors: list[float] = []
    for result in corpus:
        client = client_coords(result)
        resp = [h for h in responding(result.hops) if h["location"] is not None]
        for hop in resp:
            here = coords_of(hop)
            assert here is not None
            km = km_between(client, here)
            if km >= 1000:
                far_hops += 1
            if rtt(hop) < km / 100:
                # Allowed only as geolocation error: < 300 km away, within 10% slack.
                assert km < 300 and rtt(hop) >= 0.9 * km / 100, (hop, km)
        for a, b in itertools.pairwise(resp):
            ca, cb = coords_of(a), coords_of(b)
            assert ca is not None and cb is not None
            km = km_between(ca, cb)
            if km >= 500:
                factors.append((rtt(b) - rtt(a)) / (km / 100))
    assert far_hops >= 200  # targets in other regions exercise the floor
    assert len(factors) >= 100
    assert sum(1.3 <= f <= 4.0 for f in factors) / len(factors) >= 0.80
    assert 1.6 <= statistics.median(factors) <= 2.8


def test_r18_realistic_non_monotonicity(corpus: list[Result]) -> None:
    dest_ok = with_inversion = spikes = 0
    drops: list[tuple[int, int]] = []
    reached_paths = [r for r in corpus if reached(r)]
    for result in reached_paths:
        resp = responding(result.hops)
        dest_ok += rtt(resp[-1]) >= rtt(resp[0])
        running = rtt(resp[0])
        inverted = False
        for prev, hop in itertools.pairwise(resp):
            if rtt(hop) < running:
                inverted = True
            if rtt(hop) < rtt(prev):
                drops.append((rtt(prev), rtt(hop)))
            running = max(running, rtt(hop))
        with_inversion += inverted
        spikes += any(spike_at(resp, i) for i in range(len(resp) - 1))
        # A spike never sits on the destination: it is not far above the hop before it unless
        # a long leg separates them.
        before, dest = resp[-2], resp[-1]
        cb, cd = coords_of(before), coords_of(dest)
        leg = km_between(cb, cd) if cb and cd else 0.0
        if leg < 300:
            assert rtt(dest) - rtt(before) < 20 or rtt(dest) < 2 * rtt(before), result.hops
    n = len(reached_paths)
    assert dest_ok / n >= 0.95
    assert 0.20 <= with_inversion / n <= 0.90  # (b), and (d): the corpus is not monotonic
    small = sum(a - b <= 2 or (a - b) <= 0.2 * a for a, b in drops)
    assert small / len(drops) >= 0.75
    assert 0 < spikes / n <= 0.10


# --- Loss ---------------------------------------------------------------------------------


def test_r19_loss_semantics(corpus: list[Result]) -> None:
    reached_paths = [r for r in corpus if reached(r)]
    dest_clean = sum(loss(r.hops[-1]) == 0.0 for r in reached_paths)
    assert dest_clean / len(reached_paths) >= 0.90
    intermediate = rate_limited = persistent_paths = 0
    for result in corpus:
        resp = responding(result.hops)
        last = len(resp) - 1 if reached(result) else len(resp)
        for i, hop in enumerate(resp[:last]):
            intermediate += 1
            if loss(hop) > 0 and (i + 1 >= len(resp) or loss(resp[i + 1]) == 0.0):
                rate_limited += 1
        # Loss that reaches the next responding hop is real: it persists to the destination
        # and every later hop shows at least about half of it.
        for i in range(len(resp) - 1):
            if loss(resp[i]) > 0 and loss(resp[i + 1]) > 0:
                onset = i
                while onset > 0 and loss(resp[onset - 1]) > 0:
                    onset -= 1
                tail = resp[onset:]
                assert reached(result) and all(loss(h) > 0 for h in tail), result.hops
                assert all(loss(h) >= 0.5 * loss(tail[0]) - 0.1 for h in tail)
                persistent_paths += 1
                break
    assert 0.03 <= rate_limited / intermediate <= 0.20
    assert 0.005 <= persistent_paths / len(corpus) <= 0.10


def test_r20_loss_quantization(corpus: list[Result]) -> None:
    seen = Counter(loss(h) for r in corpus for h in r.hops)
    assert set(seen) <= LOSS_VALUES
    assert set(seen) == LOSS_VALUES  # every 3-probe outcome occurs somewhere


def test_r21_silent_hop_shape(corpus: list[Result]) -> None:
    silent_seen = 0
    for result in corpus:
        for i, hop in enumerate(result.hops):
            if hop["ipAddress"] is None:
                silent_seen += 1
                assert hop["packetLossPct"] == 100.0
                assert hop["rttMs"] is None and hop["name"] is None
                assert hop["asn"] is None and hop["aso"] is None and hop["location"] is None
                # mile inherited from the surrounding hops
                neighbours = {h["mile"] for h in result.hops[max(0, i - 1) : i + 2]}
                assert hop["mile"] in neighbours
            else:
                assert hop["rttMs"] is not None  # never an IP without an RTT...
                assert loss(hop) < 100.0  # ...nor an IP with all probes lost
            if hop["rttMs"] is not None:
                assert hop["ipAddress"] is not None  # never an RTT without an IP
    assert silent_seen > 0


def test_r22_silent_hop_frequency(corpus: list[Result]) -> None:
    reached_paths = [r for r in corpus if reached(r)]
    counts = [sum(h["ipAddress"] is None for h in r.hops) for r in reached_paths]
    assert max(counts) <= 3
    assert 0.5 <= statistics.mean(counts) <= 1.5
    total_hops = sum(len(r.hops) for r in reached_paths)
    assert sum(counts) / total_hops <= 0.25
    edge = [c for r, c in zip(reached_paths, counts, strict=True) if cf_edge(r)]
    assert sum(c == 0 for c in edge) / len(edge) >= 0.40
    for result in corpus:
        flags = [h["ipAddress"] is None for h in result.hops]
        run = 0
        for i, flag in enumerate(flags):
            run = run + 1 if flag else 0
            if run >= 4:
                assert all(flags[i:]), "long silent runs only form the tail of failed traces"


# --- Miles --------------------------------------------------------------------------------


def test_r23_mile_order_and_cumulative_rtts(corpus: list[Result]) -> None:
    in_tunnel_with_all = 0
    for result in corpus:
        hops = result.hops
        order = [MILES.index(str(h["mile"])) for h in hops]
        assert order == sorted(order)
        assert hops[0]["mile"] == "client-to-isp"
        has_cf = any(h["asn"] == 13335 for h in hops)
        cf_miles = {"client-to-cf-ingress", "client-to-cf-egress"} & {h["mile"] for h in hops}
        if cf_miles:
            assert has_cf
        slots = []
        for mile in MILES:
            values = [rtt(h) for h in responding(hops) if h["mile"] == mile]
            if values:
                slots.append(values[-1])
        assert all(a <= b + 2 for a, b in itertools.pairwise(slots)), (slots, hops)
        if len(slots) == 4:
            in_tunnel_with_all += 1
    assert in_tunnel_with_all > 0


# --- Location -----------------------------------------------------------------------------


def test_r24_location_progression(corpus: list[Result]) -> None:
    one_hairpin = nearest_colo = with_cf = 0
    for result in corpus:
        client = client_coords(result)
        distances = []
        for hop in result.hops:
            loc = hop["location"]
            if loc is None:
                continue
            assert isinstance(loc, dict)
            assert (loc["city"], loc["state"], loc["zip"]) in PART4  # a verified triple
            assert hop["ipAddress"] is not None and not is_private(str(hop["ipAddress"]))
            here = coords_of(hop)
            assert here is not None
            distances.append(km_between(client, here))
        hairpins = 0
        peak = 0.0
        for d in distances:
            if d < peak - 300:
                hairpins += 1
                peak = d
            peak = max(peak, d)
        assert hairpins <= 1
        one_hairpin += hairpins
        cf = [h for h in responding(result.hops) if h["asn"] == 13335]
        if cf:
            with_cf += 1
            nearest = min(COLO_ZIP, key=lambda c: km_between(client, BY_ZIP[COLO_ZIP[c]][1][:2]))
            cf_zips = {h["location"]["zip"] for h in cf}  # type: ignore[index]
            assert cf_zips == {COLO_ZIP[result.run.colo]}  # hops sit at the reported colo
            nearest_colo += result.run.colo == nearest
    assert one_hairpin / len(corpus) <= 0.10
    assert nearest_colo / with_cf >= 0.90


# --- Variety and determinism ----------------------------------------------------------------


def test_corpus_variety(corpus: list[Result]) -> None:
    devices = {(r.account, r.device_idx): r.device for r in corpus}.values()
    assert len({d.isp for d in devices}) >= 6
    assert len({d.home.zip for d in devices}) >= 20
    assert {d.access for d in devices} == set(ACCESS_BAND)
    assert {d.platform for d in devices} == {"windows", "mac", "android", "chromeos"}
    assert len({r.test.host for r in corpus}) >= 10
    assert len({r.run.colo for r in corpus}) >= 15
    assert {r.run.execution_context for r in corpus} == {"IN_TUNNEL", "OUT_OF_TUNNEL"}
    assert {r.run.tunnel_type for r in corpus} == {"masque", "wireguard", "http2", None}
    assert len({asn for r in corpus for asn in asn_sequence(r.hops)}) >= 12


def test_no_identical_hop_lists(corpus: list[Result]) -> None:
    signatures = [tuple((h["ipAddress"], h["rttMs"]) for h in r.hops) for r in corpus]
    assert len(set(signatures)) == len(signatures)


def test_devices_in_an_account_differ(corpus: list[Result]) -> None:
    by_account: dict[int, dict[int, DeviceProfile]] = defaultdict(dict)
    for result in corpus:
        by_account[result.account][result.device_idx] = result.device
    unique_names = 0
    for devices in by_account.values():
        profiles = list(devices.values())
        assert len(set(profiles)) == len(profiles)
        unique_names += len({d.name for d in profiles}) == len(profiles)
    assert unique_names / len(by_account) >= 0.95


def test_determinism() -> None:
    def draw(seed: str) -> tuple[DeviceProfile, TracerouteTestProfile, PathRun]:
        device = device_profile(random.Random(f"{seed}:d"))
        test = traceroute_test_profile(random.Random(f"{seed}:t"))
        return device, test, network_path(random.Random(f"{seed}:r"), device, test)

    assert draw("alpha") == draw("alpha")
    assert draw("alpha") != draw("beta")
    device, test, _ = draw("alpha")
    runs = {
        tuple(
            (h["ipAddress"], h["rttMs"]) for h in network_path(random.Random(k), device, test).hops
        )
        for k in range(5)
    }
    assert len(runs) == 5  # different run seeds, different runs
