"""Realism of paths from cloud regions and agent hosts, over generated neutral probe runs.

Sources and the realism.md invariants each corpus is held to:

* Cloud regions (netmodel.sources.cloud, every region of netmodel.regions; >= 500 runs):
  R1 TTL contiguity, R3 termination, R4 types (neutral: float ms, probes lost of 3), R6/R7
  (RFC 1918 / RFC 6598 addresses only inside the provider, with no public metadata), R8 IP in
  its ASN's prefixes, R9 AS runs, R10 ASN -> organisation, R12 rDNS domain <-> ASN, R17
  speed-of-light floor (from the region), R18 non-monotonicity, R19/R20 loss semantics and
  quantization, R21 silent-hop shape, R22 silent-hop frequency (looser: cloud SDN first hops
  never answer), R23 segment order, R24 valid locations and progression. Not R5/R14/R15 (no
  home LAN or access technology) and not R11/R16 (DEX miles): instead the provider's ASN (or a
  private / silent hop) comes first, no residential ISP appears anywhere, egress goes to the
  destination network directly, over an IXP or over one transit backbone, and hop counts stay
  plausible for a datacentre vantage point.
* Agent hosts (netmodel.sources.agent_source: data-centre hosts and office servers; >= 200
  runs): the same list. Office servers also meet R5 (private first hop) and sit behind a
  business line; data-centre hosts start in their hosting provider (or, colocated, behind a
  private firewall on their transit's network).

Checks use tests/netmodel/reference.py, never the model's own tables.
"""

from __future__ import annotations

import itertools
import random
import statistics
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from netpath_mock import netmodel
from netpath_mock.netmodel import regions, sources, targets
from netpath_mock.netmodel.probe import PROBES_PER_HOP, ProbeHop, ProbeRun
from tests.netmodel.reference import (
    ALL_NETS,
    BOUNDARY_NAME,
    BUSINESS_ASNS,
    IXP_ASNS,
    MIXED_CASE_DOMAINS,
    PROVIDER_ROUTER_ASN,
    RESIDENTIAL_ASNS,
    TRANSIT_ASNS,
    city_coords,
    in_nets,
    is_cgnat,
    is_private,
    km_between,
    percentile,
    same_org,
    world_domain_asn,
)

# Destinations a synthetic-monitoring team points Network Path tests at: resolvers, SaaS,
# front doors, CDNs, cloud APIs, enterprise sites, and arbitrary names (hash-placed).
HOSTS = (
    "1.1.1.1", "one.one.one.one", "8.8.8.8", "www.google.com", "outlook.office365.com",
    "login.microsoftonline.com", "app.datadoghq.com", "github.com", "api.github.com",
    "d1x2y3z4a5b6c7.cloudfront.net", "ec2.eu-central-1.amazonaws.com",
    "ec2.ap-northeast-1.amazonaws.com", "www.apple.com", "www.facebook.com",
    "media.akamaized.net", "pkg.fastly.net", "static.example-shop.com", "api.acme-payments.io",
    "status.widgets.dev", "img.news-site.net", "login.tenant.example.org", "grafana.internal.corp",
)  # fmt: skip
PROTOCOLS = ("tcp", "icmp", "udp")


@dataclass(frozen=True)
class Run:
    source: netmodel.Source
    target: targets.Target
    run: ProbeRun
    hops: tuple[ProbeHop, ...]

    @property
    def origin(self) -> tuple[float, float]:
        place = self.source.place
        return place.lat, place.lon


def _key(*parts: str) -> int:
    text = ":".join(parts).encode()
    return (zlib.crc32(text) << 32) | zlib.crc32(text[::-1])


def _probe(source: netmodel.Source, host: str, seed: str) -> Run:
    rng = random.Random(seed)
    protocol = PROTOCOLS[_key(seed) % 3]
    target = targets.resolve(host, None if protocol == "icmp" else 443)
    run = netmodel.probe(rng, source, target, key=_key(host), protocol=protocol)
    return Run(source, target, run, run.hops)


@pytest.fixture(scope="module")
def cloud_corpus() -> list[Run]:
    """Every region of every provider, 9 destinations each (public names only)."""
    public = [h for h in HOSTS if not h.endswith(".corp")]
    out: list[Run] = []
    for rid in regions.REGIONS:
        source = sources.cloud(rid)
        for k in range(9):
            host = public[(_key(rid) + 7 * k) % len(public)]
            out.append(_probe(source, host, f"cloud:{rid}:{host}:{k}"))
    assert len(out) >= 500
    return out


@pytest.fixture(scope="module")
def agent_corpus() -> list[Run]:
    """240 agent hosts (offices and data centres), each probing one public destination."""
    public = [h for h in HOSTS if not h.endswith(".corp")]
    out: list[Run] = []
    for i in range(240):
        source = sources.agent_source(random.Random(f"agent:{i}"))
        host = public[_key(str(i)) % len(public)]
        out.append(_probe(source, host, f"agent:{i}:{host}"))
    assert len(out) >= 200
    return out


def responding(hops: tuple[ProbeHop, ...]) -> list[ProbeHop]:
    return [h for h in hops if h.ip is not None]


def rtt(hop: ProbeHop) -> float:
    assert hop.rtt_ms is not None
    return hop.rtt_ms


def internal(ip: str) -> bool:
    return is_private(ip) or is_cgnat(ip)


def asn_runs(hops: tuple[ProbeHop, ...]) -> list[int]:
    seq = [h.asn for h in hops if h.asn is not None]
    return [a for i, a in enumerate(seq) if i == 0 or seq[i - 1] != a]


def coords(hop: ProbeHop) -> tuple[float, float]:
    assert hop.place is not None
    found = city_coords(hop.place.city, hop.place.state, hop.place.zip)
    assert found is not None, hop.place
    return found


def both(cloud: list[Run], agent: list[Run]) -> list[Run]:
    return [*cloud, *agent]


# --- Structure (R1-R4) ----------------------------------------------------------------------


def test_r01_ttl_contiguity(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    for r in both(cloud_corpus, agent_corpus):
        assert [h.ttl for h in r.hops] == list(range(1, len(r.hops) + 1))
        assert len(r.hops) <= 30


def test_hop_counts_are_plausible(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    # A datacentre vantage point is close to the core: shorter than a home's 12-17 to an
    # arbitrary destination (R2), never a two-hop toy path to a public destination.
    for corpus in (cloud_corpus, agent_corpus):
        counts = [r.run.hop_count for r in corpus if r.run.reached]
        assert min(counts) >= 4
        assert max(counts) <= 22
        assert 6 <= statistics.median(counts) <= 13
        assert percentile([float(c) for c in counts], 0.9) <= 17


def test_r03_termination(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    unreached = 0
    runs = both(cloud_corpus, agent_corpus)
    for r in runs:
        ips = [h.ip for h in r.hops]
        if r.run.reached:
            assert ips[-1] == r.run.target_ip and ips.count(r.run.target_ip) == 1
            assert r.run.status == "destinationReached"
            assert r.run.hop_count == len(r.hops)
        else:
            unreached += 1
            assert r.run.target_ip not in ips and r.hops[-1].ip is None
            assert r.run.status in ("lastHopFailed", "maxHopsExhausted")
        if r.target.ips and r.target.host[0].isdigit():
            assert r.run.target_ip == r.target.host  # an IP target is used verbatim
    assert 0 < unreached < 0.08 * len(runs)


def test_r04_types_and_units(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    for r in both(cloud_corpus, agent_corpus):
        for h in r.hops:
            assert type(h.ttl) is int and h.ttl >= 1
            assert h.rtt_ms is None or (type(h.rtt_ms) is float and h.rtt_ms >= 0)
            assert type(h.probes_lost) is int and 0 <= h.probes_lost <= h.probes_sent
            assert h.probes_sent == PROBES_PER_HOP
            assert h.asn is None or type(h.asn) is int
            assert h.reachable == (h.ip is not None)


# --- Where the path starts ------------------------------------------------------------------


def test_cloud_paths_start_in_the_provider(cloud_corpus: list[Run]) -> None:
    """Hop 1 is the provider's, or private / silent; the first public ASN is the provider's."""
    first_kinds: Counter[str] = Counter()
    for r in cloud_corpus:
        assert isinstance(r.source, sources.CloudSource)
        provider_asn = PROVIDER_ROUTER_ASN[r.source.region.provider]
        first = r.hops[0]
        if first.ip is None:
            first_kinds["silent"] += 1
        elif internal(first.ip):
            first_kinds["internal"] += 1
            assert first.asn is None
        else:
            first_kinds["provider"] += 1
            assert first.asn == provider_asn, (r.source.id, first)
        public = [h.asn for h in r.hops if h.asn is not None]
        assert public and public[0] == provider_asn, (r.source.id, r.target.host)
    assert len(first_kinds) >= 2  # real traces show silent, internal and provider hop 1s


def test_no_residential_isp_on_cloud_or_datacentre_paths(
    cloud_corpus: list[Run], agent_corpus: list[Run]
) -> None:
    dc = [r for r in agent_corpus if isinstance(r.source, sources.DatacenterSource)]
    assert len(dc) >= 100
    for r in (*cloud_corpus, *dc):
        assert not RESIDENTIAL_ASNS & {h.asn for h in r.hops}, (r.source, r.target.host)


def test_agent_paths_start_at_their_site(agent_corpus: list[Run]) -> None:
    kinds: Counter[str] = Counter()
    for r in agent_corpus:
        src = r.source
        public = [h.asn for h in r.hops if h.asn is not None]
        if isinstance(src, sources.EndUserSource):
            kinds["office"] += 1
            # R5: an office server's first hop is its LAN; then the business line.
            assert r.hops[0].ip is not None and is_private(r.hops[0].ip)
            assert public[0] == src.asn and src.asn in BUSINESS_ASNS
            assert not (RESIDENTIAL_ASNS - BUSINESS_ASNS) & set(public)
        else:
            assert isinstance(src, sources.DatacenterSource)
            kinds[src.provider] += 1
            first = r.hops[0]
            assert first.ip is None or internal(first.ip) or first.asn == src.asn
            assert public[0] == src.asn  # the host's own network comes first
            if src.provider == "colo":
                assert first.ip is not None and is_private(first.ip)  # behind a firewall
                assert src.asn in TRANSIT_ASNS
    assert kinds["office"] >= 50
    assert {"hetzner", "ovh", "digitalocean", "linode", "colo"} <= set(kinds)


def test_egress_goes_to_the_destination_network(
    cloud_corpus: list[Run], agent_corpus: list[Run]
) -> None:
    """Source network -> (IXP | one transit) -> destination network; the provider's own
    services stay on its backbone."""
    via: Counter[str] = Counter()
    for r in both(cloud_corpus, agent_corpus):
        if not r.run.reached:
            continue
        runs = asn_runs(r.hops)
        dest = r.hops[-1].asn
        assert dest is not None and same_org(dest, r.target.asn)
        src_asn = runs[0]
        middle = [a for a in runs[1:-1] if not same_org(a, dest) and not same_org(a, src_asn)]
        assert len(middle) <= 1, (runs, r.target.host)
        if not middle:
            via["direct" if len(runs) > 1 else "own"] += 1
        elif middle[0] in IXP_ASNS:
            via["ixp"] += 1
        else:
            assert middle[0] in TRANSIT_ASNS, runs
            via["transit"] += 1
        if isinstance(r.source, sources.CloudSource):
            own = {"aws": ("aws", "cloudfront"), "gcp": ("gcp", "google"),
                   "azure": ("azure", "microsoft")}[r.source.region.provider]  # fmt: skip
            if r.target.network in own:
                assert all(same_org(a, src_asn) or a == dest for a in runs), runs
    assert via["direct"] > via["transit"] > 0
    assert via["ixp"] > 0 and via["own"] > 0


# --- Addresses and AS level (R6-R10, R12) -------------------------------------------------


def test_r06_r07_internal_addresses_stay_inside(
    cloud_corpus: list[Run], agent_corpus: list[Run]
) -> None:
    for r in both(cloud_corpus, agent_corpus):
        own = r.source.asn
        foreign_seen = False
        for h in responding(r.hops):
            assert h.ip is not None
            if internal(h.ip):
                assert not foreign_seen, (r.source, r.target.host, h)
                assert h.asn is None and h.as_name is None and h.place is None
                assert h.hostname is None
            elif h.asn is not None and not same_org(h.asn, own) and h.asn not in (15169, 8075):
                # (cloud routers are 15169 / 8075 while GCP / Azure instances are own ASNs)
                foreign_seen = True


def test_r08_addresses_belong_to_their_asn(
    cloud_corpus: list[Run], agent_corpus: list[Run]
) -> None:
    public = matched = 0
    for r in both(cloud_corpus, agent_corpus):
        ips = [h.ip for h in r.hops if h.ip is not None]
        assert len(ips) == len(set(ips)) or r.hops[-1].ip is not None
        for h in responding(r.hops):
            if h.asn is None:
                continue
            public += 1
            assert h.ip is not None
            matched += in_nets(h.ip, ALL_NETS[h.asn])
    assert matched / public >= 0.98


def test_r09_as_runs(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    for r in both(cloud_corpus, agent_corpus):
        runs = asn_runs(r.hops)
        assert len(set(runs)) == len(runs), runs  # no A -> B -> A
        assert 1 <= len(set(runs)) <= 4


def test_r10_asn_to_organisation(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    aso_of: dict[int, set[str]] = defaultdict(set)
    asn_of: dict[str, set[int]] = defaultdict(set)
    for r in both(cloud_corpus, agent_corpus):
        for h in responding(r.hops):
            if h.asn is None:
                assert h.as_name is None
                continue
            assert h.as_name is not None
            aso_of[h.asn].add(h.as_name)
            asn_of[h.as_name].add(h.asn)
    assert all(len(v) == 1 for v in aso_of.values()), aso_of
    for asns in asn_of.values():  # one name, one organisation (Amazon and Google own two)
        assert all(same_org(a, b) for a, b in itertools.combinations(asns, 2)), asns


def test_r12_rdns_domain_matches_asn(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    named = agree = 0
    for r in both(cloud_corpus, agent_corpus):
        for h in responding(r.hops):
            if h.hostname is None or h.asn is None or BOUNDARY_NAME.search(h.hostname):
                continue
            domain = world_domain_asn(h.hostname)
            if domain is None:
                continue
            named += 1
            agree += same_org(domain, h.asn)
            if h.hostname != h.hostname.lower():
                assert h.hostname.lower().endswith((*MIXED_CASE_DOMAINS, "dtag.de"))
    assert named > 100 and agree / named >= 0.95


# --- RTT (R14, R17, R18) --------------------------------------------------------------------


def test_first_answer_is_close(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    # The first responding hop of a datacentre / office server is within its building.
    for corpus in (cloud_corpus, agent_corpus):
        first = [rtt(responding(r.hops)[0]) for r in corpus]
        assert statistics.median(first) <= 2.5
        assert percentile(first, 0.9) <= 6


def test_r17_speed_of_light_floor(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    far = 0
    factors: list[float] = []
    for r in both(cloud_corpus, agent_corpus):
        located = [h for h in responding(r.hops) if h.place is not None]
        for h in located:
            km = km_between(r.origin, coords(h))
            far += km >= 1000
            if rtt(h) < km / 100:
                assert km < 300 and rtt(h) >= 0.9 * km / 100, (r.source, h, km)
        for a, b in itertools.pairwise(located):
            km = km_between(coords(a), coords(b))
            if km >= 2000:
                factors.append((rtt(b) - rtt(a)) / (km / 100))
    assert far >= 200  # destinations in other regions and continents exercise the floor
    assert len(factors) >= 50
    assert sum(1.1 <= f <= 4.0 for f in factors) / len(factors) >= 0.8


def test_cross_region_rtts_are_realistic(cloud_corpus: list[Run]) -> None:
    """Frankfurt, Tokyo and Sydney to AWS us-east-1 (Ashburn): between the fibre floor and a
    generous 2.2x of it (published inter-region RTTs: ~90, ~150, ~200 ms)."""
    ashburn = (39.04, -77.48)
    seen = 0
    for r in cloud_corpus:
        if r.target.host != "app.datadoghq.com" or not r.run.reached:
            continue
        km = km_between(r.origin, ashburn)
        if km < 5000:
            continue
        seen += 1
        assert km / 100 <= rtt(r.hops[-1]) <= 2.2 * km / 100 + 10, (r.source, rtt(r.hops[-1]))
    assert seen >= 5


def test_r18_non_monotonic_but_sane(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    runs = [r for r in both(cloud_corpus, agent_corpus) if r.run.reached]
    dest_ok = inverted = spikes = 0
    for r in runs:
        resp = responding(r.hops)
        dest_ok += rtt(resp[-1]) >= rtt(resp[0])
        peak = rtt(resp[0])
        flag = False
        for a, b in itertools.pairwise(resp):
            flag |= rtt(b) < peak
            peak = max(peak, rtt(b))
            spikes += rtt(a) - rtt(b) >= 20 and rtt(a) >= 2 * rtt(b)
        inverted += flag
    assert dest_ok / len(runs) >= 0.95
    assert 0.2 <= inverted / len(runs) <= 0.95
    assert spikes / len(runs) <= 0.1


# --- Loss and silence (R19-R22) -------------------------------------------------------------


def test_r19_r20_loss(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    runs = both(cloud_corpus, agent_corpus)
    reached = [r for r in runs if r.run.reached]
    assert sum(r.hops[-1].probes_lost == 0 for r in reached) / len(reached) >= 0.9
    seen = Counter(h.probes_lost for r in runs for h in r.hops)
    assert set(seen) == {0, 1, 2, 3}


def test_r21_silent_hop_shape(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    for r in both(cloud_corpus, agent_corpus):
        for h in r.hops:
            if h.ip is None:
                assert h.rtt_ms is None and h.hostname is None and h.asn is None
                assert h.place is None and h.probes_lost == PROBES_PER_HOP and not h.reachable
            else:
                assert h.rtt_ms is not None and h.probes_lost < PROBES_PER_HOP


def test_r22_silent_hop_frequency(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    runs = [r for r in both(cloud_corpus, agent_corpus) if r.run.reached]
    counts = [sum(h.ip is None for h in r.hops) for r in runs]
    # Cloud SDN first hops never answer, so one more than R22's 3 is allowed.
    assert max(counts) <= 4
    assert 0.5 <= statistics.mean(counts) <= 2.0
    assert sum(counts) / sum(len(r.hops) for r in runs) <= 0.25


# --- Segments and places (R23, R24) ---------------------------------------------------------


def test_r23_segments_in_order(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    for r in both(cloud_corpus, agent_corpus):
        order = [h.segment for h in r.hops]
        assert order == sorted(order)
        assert order[0] == 0 and order[-1] == 3


def test_r24_locations_and_progression(cloud_corpus: list[Run], agent_corpus: list[Run]) -> None:
    hairpins_total = 0
    runs = both(cloud_corpus, agent_corpus)
    for r in runs:
        peak = 0.0
        hairpins = 0
        for h in responding(r.hops):
            if h.place is None:
                continue
            # A real place: the reference table knows it, within 50 km of its coordinates.
            assert km_between(coords(h), (h.place.lat, h.place.lon)) <= 50, h.place
            d = km_between(r.origin, coords(h))
            if d < peak - 300:
                hairpins += 1
                peak = d
            peak = max(peak, d)
        assert hairpins <= 1, r.hops
        hairpins_total += hairpins
    assert hairpins_total / len(runs) <= 0.1


# --- Variety, regions, determinism ----------------------------------------------------------


def test_every_provider_and_continent_is_covered(cloud_corpus: list[Run]) -> None:
    seen = {(r.source.region.provider, r.source.place.country) for r in cloud_corpus}  # type: ignore[union-attr]
    assert {p for p, _ in seen} == {"aws", "gcp", "azure"}
    assert {"US", "DE", "GB", "JP", "SG", "AU"} <= {c for _, c in seen}
    networks = {r.target.network for r in cloud_corpus}
    assert {"cloudflare", "aws", "google", "microsoft", "akamai", "fastly", "github"} <= networks


def test_runs_are_deterministic_and_vary() -> None:
    source = sources.cloud("gcp:europe-west3")
    target = targets.resolve("app.datadoghq.com", 443)

    def trace(seed: int) -> list[tuple[str | None, float | None]]:
        run = netmodel.probe(random.Random(seed), source, target, key=99, protocol="tcp")
        return [(h.ip, h.rtt_ms) for h in run.hops]

    assert trace(1) == trace(1)
    assert len({tuple(trace(s)) for s in range(6)}) == 6
