"""Network paths of Datadog Network Path runs, drawn from the vendor-neutral internet model.

The adapter between `netpath_mock.netmodel` and the Datadog results: where a location probes
from (a managed location starts inside its cloud region; an `agent:` location on a host in a
data centre, an office or a VPC), where the test's host really is, the stable routes between
them, and one run's trace in the neutral model's terms.

* `profile(...)` (cached, bounded): per (location, host, port, protocol, test) the source, the
  resolved target and two route variants, the usual one and a rerouted one (for anycast targets
  the second-nearest colo, else the route another key takes: a route change), with the figures a
  cheap run summary needs (hop count, typical destination RTT, answering hops).
* `trace(...)`: one run's hops. The neutral probe draws the per-run noise (silent routers, ECMP,
  slow-path inversions, spikes); the run's outcome (reached or not, where the trace breaks, the
  destination's RTT) is decided beforehand by `runs.py` from cheap draws, and the probe's run is
  made to agree with it here, so a summary computed without any trace and the full result agree.

Private targets (RFC 1918 literals and internal names such as `db.prod.acme.internal`) are
reachable only from an agent, which sits in the private network; from a managed location every
probe goes unanswered (NETUNREACH).
"""

from __future__ import annotations

import ipaddress
import math
import random
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final

from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.netmodel import physics, sources, targets
from netpath_mock.netmodel.places import Place, place
from netpath_mock.netmodel.probe import ProbeHop, ProbeRun, probe
from netpath_mock.netmodel.regions import REGIONS
from netpath_mock.netmodel.route import Route, route_for
from netpath_mock.netmodel.sources import (
    ACCESS_STEP,
    CloudSource,
    Source,
)
from netpath_mock.netmodel.targets import PRIVATE, Target

VENDOR = "datadog"
UDP_DEFAULT_PORT: Final = 33434  # traceroute's base port: what a UDP probe without a port uses

# Internal DNS zones (the generator's private services live under them).
_PRIVATE_NAME = re.compile(
    r"(\.internal|\.local|\.lan|\.corp|\.intra|\.svc\.cluster\.local)$|^(corp|dc1)\.|\.(corp|dc1)\."
)
# Agent host names carry their site; these place them (netmodel place keys).
_AGENT_SITES: Final[dict[str, tuple[str, str]]] = {
    # site token -> (kind, place key): "dc" a data-centre host, "office" an office server
    "nyc1": ("dc", "07094"),
    "nyc2": ("office", "10011"),
    "sfo1": ("office", "94301"),
    "sjc2": ("dc", "95134"),
    "iad1": ("dc", "20147"),
    "ord1": ("dc", "60616"),
    "dfw1": ("dc", "75207"),
    "atl1": ("office", "30303"),
    "sea1": ("dc", "98121"),
    "den1": ("office", "80202"),
    "lon1": ("dc", "london"),
    "fra1": ("dc", "frankfurt"),
    "ams1": ("dc", "amsterdam"),
    "sin1": ("dc", "singapore"),
    "syd1": ("dc", "sydney"),
    "tok1": ("dc", "tokyo"),
    "hq": ("office", ""),
}
_EC2_HOST = re.compile(r"^ip-(\d+)-(\d+)-(\d+)-(\d+)(\..*)?$")


@dataclass(frozen=True, slots=True)
class Variant:
    """One stable way from the location to the target.

    Attributes:
        source: the source as the probe sees it for this variant (its colo fixed).
        key: the route key the probe uses.
        route: the route (None when the target is unreachable from the source).
        hops: hop count of a trace that reaches the destination (0 when unreachable).
        base_ms: the destination's typical RTT, ms.
        answering: TTLs whose router can answer (an address on the route), ascending.
    """

    source: Source
    key: int
    route: Route | None
    hops: int
    base_ms: float
    answering: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PathProfile:
    """Everything a run of one test from one location needs that does not change per run.

    Attributes:
        source: where the probe runs.
        source_hostname: the probing host's name (`netpath.source.hostname`).
        target: the resolved destination.
        fallback_ip: the address the host resolves to when no route reaches it.
        port: the destination port shown (None for ICMP).
        variants: (usual, rerouted).
        peak_ms: the largest time-of-day congestion (`congestion_ms`) of the path, ms.
        jitter_ms: the e2e probes' scatter around the destination RTT at rest, ms.
        busy_ms: the evening busy hour's extra RTT on the way (queues in the networks crossed).
        reachable: whether any probe can reach the destination.
    """

    source: Source
    source_hostname: str
    target: Target
    fallback_ip: str | None
    port: int | None
    variants: tuple[Variant, Variant]
    peak_ms: float
    jitter_ms: float
    busy_ms: float
    reachable: bool

    def dest_ip(self, variant: int) -> str | None:
        """The destination address a run over route `variant` reaches (its DNS answer)."""
        route = self.variants[variant].route
        return route.target_ip if route is not None else self.fallback_ip

    def congestion_ms(self, at: int) -> float:
        """The time-of-day congestion at Unix time `at`, in [0, peak_ms].

        The source's access network (netmodel's evening bump: residential and office lines
        move, clouds do not) plus a busy hour on the way: a raised cosine around 20:00 at the
        source's longitude, four hours each side, `busy_ms` at its top [infer].
        """
        extra = physics.congestion_ms(self.source.access, self.source.place, at)
        if self.busy_ms:
            hour = ((at / 3600.0) + self.source.place.lon / 15.0) % 24.0
            distance = min(abs(hour - 20.0), 24.0 - abs(hour - 20.0))
            if distance < 4.0:
                extra += self.busy_ms * 0.5 * (1.0 + math.cos(math.pi * distance / 4.0))
        return extra


def _private_address(host: str) -> str:
    """A stable RFC 1918 address for an internal name (its private DNS A record)."""
    h = zlib.crc32(host.lower().encode())
    return f"10.{(h >> 16) & 63}.{(h >> 8) & 255}.{4 + (h & 255) % 247}"


def resolve_target(host: str, port: int | None) -> Target:
    """The test's host resolved by the internet model; internal names are private hosts."""
    name = host.lower().rstrip(".")
    try:
        literal = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal is None and _PRIVATE_NAME.search(name):
        address = _private_address(name)
        key = stable_int(0, VENDOR, "private-target", name)
        return Target(host, PRIVATE, "private", 0, "", (address,), "", "", "", port, key)
    return targets.resolve(host, port)


def _agent_source(seed: int, hostname: str) -> Source:
    """The host an `agent:<hostname>` location runs on, placed by its name when it says where."""
    rng = rng_for(seed, VENDOR, "agent-host", hostname)
    ec2 = _EC2_HOST.match(hostname)
    if ec2 is not None:
        # An EC2 instance's default name: the Agent runs in a VPC of the org (us-east-1 names
        # end in ec2.internal, other regions in <region>.compute.internal).
        suffix = ec2.group(5) or ""
        region = suffix.split(".")[1] if suffix.count(".") >= 2 else "us-east-1"
        found = sources.cloud(f"aws:{region}") if f"aws:{region}" in _AWS_REGIONS else None
        base = found or sources.cloud("aws:us-east-1")
        return replace(base, route_key=rng.getrandbits(64))
    tokens = re.split(r"[-_.]", hostname.lower())
    for token in tokens:
        site = _AGENT_SITES.get(token)
        if site is None:
            continue
        kind, where = site
        if kind == "office":
            home = place(where) if where else None
            return sources.office_source(rng, home)
        return sources.datacenter_source(rng, None, where)
    return sources.agent_source(rng)


_AWS_REGIONS: Final = frozenset(rid for rid in REGIONS if rid.startswith("aws:"))


def _managed_hostname(source: CloudSource, location_id: str) -> str:
    """The name of the probing host in a managed location, in the cloud's own DNS style."""
    h = zlib.crc32(location_id.encode())
    region = source.region
    if region.provider == "aws":
        ip = f"ip-10-{(h >> 16) & 255}-{(h >> 8) & 255}-{4 + (h & 255) % 250}"
        # us-east-1 instances are <name>.ec2.internal, others <name>.<region>.compute.internal.
        if region.code == "us-east-1":
            return f"{ip}.ec2.internal"
        return f"{ip}.{region.code}.compute.internal"
    if region.provider == "gcp":
        zone = "abc"[h % 3]
        return f"synthetics-np-{h % 1000:03d}.{region.code}-{zone}.c.datadog-synthetics.internal"
    return f"synthetics-np-{h % 1000:03d}.internal.cloudapp.net"


def _variant(source: Source, target: Target, key: int, reachable: bool) -> Variant:
    if not reachable:
        return Variant(source, key, None, 0, 0.0, ())
    route = route_for(source, target, key, source.colo, False)
    answering = tuple(i + 1 for i, hop in enumerate(route.hops) if hop.ip is not None)
    return Variant(source, key, route, len(route.hops), route.hops[-1].base, answering)


def _pin_colo(source: Source, colo: str) -> Source:
    """`source` with anycast landing on `colo` in every run (the probe's colo draw neutralised)."""
    return replace(source, colo=colo, alt_colo=colo)


@lru_cache(maxsize=8192)  # bounded: a profile is two cached routes' summary (~1 KB)
def profile(
    seed: int, location_id: str, host: str, port: int | None, protocol: str, test_key: int
) -> PathProfile:
    """The path facts of one test (keyed by `test_key`) run from `location_id` to `host`."""
    if location_id.startswith("agent:"):
        source = _agent_source(seed, location_id[6:])
        hostname = location_id[6:]
        agent = True
    else:
        cloud = sources.cloud(location_id)
        source, hostname, agent = cloud, _managed_hostname(cloud, location_id), False
    shown_port = port
    if protocol == "icmp":
        shown_port = None
    elif protocol == "udp" and port is None:
        shown_port = UDP_DEFAULT_PORT
    target = resolve_target(host, shown_port)
    # A private host is reachable only from inside its network: an agent's (notes §6).
    reachable = target.kind != PRIVATE or agent
    usual = _variant(_pin_colo(source, source.colo), target, test_key, reachable)
    if target.kind == "cf-edge":
        rerouted = _variant(_pin_colo(source, source.alt_colo), target, test_key, reachable)
    else:
        other = test_key ^ 0x5DEECE66D_2F1B
        rerouted = _variant(_pin_colo(source, source.colo), target, other, reachable)
    fallback = target.ips[0] if target.ips else None
    # netmodel's end-to-end scatter: 3% of the RTT plus a floor (Wi-Fi hosts scatter more).
    jitter = 0.03 * usual.base_ms + (0.8 if source.wifi else 0.08)
    # Longer paths cross more queues: 2% of the RTT (and 0.2 ms) at the busy hour's top.
    busy = 0.02 * max(usual.base_ms, rerouted.base_ms) + 0.2 if reachable else 0.0
    peak = _peak_ms(source.access, source.place) + busy
    return PathProfile(
        source,
        hostname,
        target,
        fallback,
        shown_port,
        (usual, rerouted),
        peak,
        jitter,
        busy,
        reachable,
    )


@lru_cache(maxsize=1024)
def _peak_ms(access: str, where: Place) -> float:
    """The evening bump's top at `where`, sampled by the minute (plus a hair for sampling)."""
    peak = max(physics.congestion_ms(access, where, m * 60) for m in range(1440))
    return peak + 0.01 if peak else 0.0


def access_jitter_ms(source: Source) -> tuple[float, float]:
    """The per-run jitter band the source's access adds (netmodel's ACCESS_STEP), ms."""
    _, _, low, high = ACCESS_STEP[source.access]
    return low, high


@dataclass(frozen=True, slots=True)
class Hop:
    """One TTL of a trace, ready for the wire: silent when `ip` is None."""

    ttl: int
    ip: str | None
    hostname: str | None
    rtt_ms: float | None


def wire_hops(hops: Iterable[Hop | ProbeHop]) -> list[dict[str, Any]]:
    """`netpath.hops` of a result: each TTL's address, name and RTT, or `reachable: false`."""
    wire: list[dict[str, Any]] = []
    for hop in hops:
        if hop.ip is None or hop.rtt_ms is None:
            # datadog-traceroute: no address, reachable false, no rtt (realism R21).
            wire.append({"ttl": hop.ttl, "reachable": False})
            continue
        wire.append(
            {
                "ttl": hop.ttl,
                "ip_address": hop.ip,
                "hostname": hop.hostname or hop.ip,
                "rtt": round(hop.rtt_ms, 3),
                "reachable": True,
            }
        )
    return wire


def trace(
    prof: PathProfile,
    variant: int,
    rng: random.Random,
    *,
    at: int,
    protocol: str,
    max_ttl: int,
    reached: bool,
    last_ttl: int,
    dest_rtt: float,
    end_ttl: int,
) -> list[Hop]:
    """One run's hops, agreeing with the outcome decided for it.

    Args:
        prof: the path.
        variant: which of its route variants the run took.
        rng: the run's generator (keyed by the result id).
        at: Unix time of the run.
        protocol: "tcp" | "udp" | "icmp".
        max_ttl: the test's TTL limit.
        reached: whether the destination answered.
        last_ttl: when not reached, the last TTL that answered (0: none).
        dest_rtt: when reached, the destination's RTT this run, ms.
        end_ttl: when not reached, the trace's last (unanswered) TTL.
    """
    chosen = prof.variants[variant]
    if chosen.route is None:
        # Nothing answers: the packets die on the first router without a route to the host.
        return [Hop(ttl, None, None, None) for ttl in range(1, end_ttl + 1)]
    run = probe(
        rng, chosen.source, prof.target, key=chosen.key, protocol=protocol, max_ttl=255, at=at
    )
    hops = list(run.hops[: len(chosen.route.hops)])
    if reached:
        return _reached(run, hops, dest_rtt)
    return _broken(run, hops, rng, last_ttl, end_ttl)


def _reached(run: ProbeRun, hops: list[ProbeHop], dest_rtt: float) -> list[Hop]:
    out = [_wire(h) for h in hops[:-1]]
    last = run.route.hops[-1]
    out.append(Hop(len(hops), run.route.target_ip, last.name, dest_rtt))
    return out


def _broken(
    run: ProbeRun,
    hops: list[ProbeHop],
    rng: random.Random,
    last_ttl: int,
    end_ttl: int,
) -> list[Hop]:
    out = [_wire(h) for h in hops[: max(last_ttl - 1, 0)]]
    if last_ttl:
        # The last answer comes from this router, whatever the probe's own draw said.
        spec = run.route.hops[last_ttl - 1]
        probed = hops[last_ttl - 1]
        rtt = probed.rtt_ms if probed.rtt_ms is not None else spec.base + 0.8 * rng.random()
        out.append(Hop(last_ttl, spec.ip, spec.name, rtt))
    out.extend(Hop(ttl, None, None, None) for ttl in range(last_ttl + 1, end_ttl + 1))
    return out


def _wire(hop: ProbeHop) -> Hop:
    if not hop.reachable or hop.ip is None:
        return Hop(hop.ttl, None, None, None)
    return Hop(hop.ttl, hop.ip, hop.hostname, hop.rtt_ms)
