"""One probe run: a route plus per-run noise (silence, loss, ECMP, slow-path bumps, spikes).

`probe(rng, source, target, key=...)` is the one entry point. The route (routers, names,
typical RTTs) repeats from run to run; the run adds what differs (realism.md Part 1, R18-R22):
RTT noise and slow-path inversions, rare fake spikes, ICMP rate-limit loss that does not
persist, rare real loss that does, silent routers, parallel links answering (ECMP), the
anycast colo changing, and traces that never reach the destination.

The run is vendor-neutral: per hop an address, RTT in ms (float), probes lost out of
`PROBES_PER_HOP`, and the hop skeleton's ASN, name and place. A vendor maps it to its wire
format (Cloudflare: DEX hops and miles; Datadog: netpath hops and netstats, using `queries`
and `e2e` for per-query RTTs and the end-to-end ping statistics).

Every draw comes from the caller's `rng`, which the caller keys by (seed, run id): the same
inputs always give the same run, whatever else was generated before.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel import physics
from netpath_mock.netmodel.addressing import ip
from netpath_mock.netmodel.hops import DESTINATION, F_EDGE, F_NOBUMP
from netpath_mock.netmodel.places import Place
from netpath_mock.netmodel.route import ROUTE_CACHE, Route, route_for
from netpath_mock.netmodel.sources import ACCESS_STEP, Source
from netpath_mock.netmodel.targets import CF_EDGE, Target

PROBES_PER_HOP: Final = 3  # a DEX run sends 3 probes per hop (Logpush `sent: 3`, R20)
MAX_TTL: Final = 30  # traceroute max_ttl default (realism.md R1; Datadog default)

# Per-run behaviour (realism.md R18, R19, R22). Tuned so a corpus lands mid-band.
_SLOW_PATH_SHARE: Final = 0.12  # hops whose ICMP reply takes the slow path (inversions)
_SPIKE_SHARE: Final = 0.04  # paths with one fake latency spike (R18c: <= 10%)
_RANDOM_SILENT_SHARE: Final = 0.045  # intermediate hops that drop all 3 probes this run
_MAX_SILENT: Final = 3  # healthy paths carry 0-3 silent hops (R22)
_RATE_LIMIT_SHARE: Final = 0.07  # responding hops with isolated ICMP rate-limit loss (R19)
_REAL_LOSS_SHARE: Final = 0.03  # runs with loss persisting to the destination (R19)
_DEST_RATE_LIMIT_SHARE: Final = 0.02  # healthy runs whose destination drops 1 of 3 probes
_UNREACHED_APP: Final = 0.025  # app runs whose destination never answers (lastHopFailed)
_UNREACHED_CF: Final = 0.005
# UDP probes to a high port are dropped by many hosts' firewalls [infer].
_UNREACHED_UDP_APP: Final = 0.12
_ALT_COLO_SHARE: Final = 0.03  # runs where anycast lands on the second-nearest colo
_ECMP_SHARE: Final = 0.1  # unnamed router hops answering from a parallel link this run
_EDGE_ECMP_SHARE: Final = 0.5  # anycast edge hops: many parallel routers per colo

PROTOCOLS: Final = ("icmp", "udp", "tcp")


@dataclass(frozen=True, slots=True)
class ProbeHop:
    """One TTL of a run, vendor-neutral.

    Attributes:
        ttl: 1-based hop index.
        ip: the address that answered, None for a silent hop.
        hostname: its PTR (or LAN resolver) name, if any.
        asn / as_name: its network and organisation, None for private or silent hops.
        place: where it is, None for private or silent hops.
        rtt_ms: the hop's RTT this run, ms (None when silent).
        probes_sent / probes_lost: traceroute probes at this TTL and how many went unanswered.
        reachable: whether the hop answered (an address is present).
        segment: netmodel.hops SOURCE | INGRESS | EDGE | DESTINATION.
    """

    ttl: int
    ip: str | None
    hostname: str | None
    asn: int | None
    as_name: str | None
    place: Place | None
    rtt_ms: float | None
    probes_sent: int
    probes_lost: int
    reachable: bool
    segment: int


@dataclass(frozen=True, slots=True)
class E2EStats:
    """End-to-end probe statistics (Datadog `netstats` / e2e probe).

    Attributes:
        packets_sent / packets_received: probes sent to the destination and answered.
        rtts_ms: RTT of each answered probe, ms, in send order.
        loss: fraction of probes lost, 0-1.
        jitter_ms: mean absolute difference of consecutive RTTs (datadog-traceroute's rule).
        rtt_min_ms / rtt_avg_ms / rtt_max_ms: over the answered probes (None if none).
    """

    packets_sent: int
    packets_received: int
    rtts_ms: tuple[float, ...]
    loss: float
    jitter_ms: float
    rtt_min_ms: float | None
    rtt_avg_ms: float | None
    rtt_max_ms: float | None


@dataclass(slots=True)
class ProbeRun:
    """One run of a probe from a source to a target.

    Per-hop lists run over the route's hops (index i is TTL i+1); `length` may add unanswered
    TTLs past them when the trace never reached the destination.

    Attributes:
        source / target / route: what ran, to where, along which stable route.
        colo: the Cloudflare colo anycast landed on from the source this run.
        tunnelled: the source tunnelled to that colo (WARP) and egressed there.
        protocol: "icmp" | "udp" | "tcp".
        silent: per hop, whether it stayed silent this run.
        rtts: per hop, RTT in ms (None when silent).
        lost: per hop, probes lost out of PROBES_PER_HOP (3 for a silent hop).
        ips: per hop, the address that answered (a parallel link's under ECMP), or None.
        length: TTLs the trace reports (route hops plus any unanswered tail, <= max_ttl).
        reached: whether the destination answered.
        max_ttl: the probe's TTL limit.
    """

    source: Source
    target: Target
    route: Route
    colo: str
    tunnelled: bool
    protocol: str
    silent: list[bool]
    rtts: list[float | None]
    lost: list[int]
    ips: list[str | None]
    length: int
    reached: bool
    max_ttl: int = MAX_TTL

    @property
    def target_ip(self) -> str:
        """The address the target resolved to for this route."""
        return self.route.target_ip

    @property
    def status(self) -> str:
        """DEX Logpush TracerouteStatus: destinationReached | lastHopFailed | maxHopsExhausted."""
        if self.reached:
            return "destinationReached"
        return "maxHopsExhausted" if self.length >= self.max_ttl else "lastHopFailed"

    @property
    def hop_count(self) -> int:
        """TTL of the last responding hop (Datadog's hop count rule, realism.md §1)."""
        for i in range(min(len(self.silent), self.length) - 1, -1, -1):
            if not self.silent[i]:
                return i + 1
        return 0

    @property
    def hops(self) -> tuple[ProbeHop, ...]:
        """Every TTL of the run as a neutral hop (built on demand; not on the DEX hot path)."""
        out: list[ProbeHop] = []
        for i, h in enumerate(self.route.hops[: self.length]):
            if self.silent[i]:
                out.append(
                    ProbeHop(i + 1, None, None, None, None, None, None, PROBES_PER_HOP,
                             PROBES_PER_HOP, False, h.segment)
                )  # fmt: skip
                continue
            out.append(
                ProbeHop(i + 1, self.ips[i], h.name, h.asn, h.aso, h.place, self.rtts[i],
                         PROBES_PER_HOP, self.lost[i], True, h.segment)
            )  # fmt: skip
        for ttl in range(len(self.route.hops) + 1, self.length + 1):
            out.append(
                ProbeHop(ttl, None, None, None, None, None, None, PROBES_PER_HOP, PROBES_PER_HOP,
                         False, DESTINATION)
            )  # fmt: skip
        return tuple(out)

    def queries(self, rng: random.Random, count: int = PROBES_PER_HOP) -> list[list[float | None]]:
        """Per-TTL RTTs of `count` traceroute queries (None = unanswered), ms.

        Consistent with the run: a silent hop answers none, a hop that lost k of 3 probes loses
        about k/3 of the queries, and the answered ones scatter a little above and below the
        hop's RTT (the first answered query is the hop's RTT itself).
        """
        out: list[list[float | None]] = []
        for i in range(self.length):
            if i >= len(self.silent) or self.silent[i]:
                out.append([None] * count)
                continue
            rtt = self.rtts[i]
            assert rtt is not None
            lost = round(self.lost[i] * count / PROBES_PER_HOP)
            if self.lost[i] and not lost:
                lost = 1
            lost = min(lost, count - 1)
            dropped = set(rng.sample(range(count), lost)) if lost else set()
            values: list[float | None] = []
            first = True
            for q in range(count):
                if q in dropped:
                    values.append(None)
                elif first:
                    values.append(rtt)
                    first = False
                else:
                    spread = 0.04 * rtt + 0.05
                    values.append(max(0.05, rtt + rng.gauss(0.0, spread)))
            out.append(values)
        return out

    def e2e(self, rng: random.Random, count: int = 50) -> E2EStats:
        """End-to-end pings to the destination: `count` probes, their RTTs, loss and jitter."""
        if not self.reached:
            return E2EStats(count, 0, (), 1.0, 0.0, None, None, None)
        dest = self.rtts[-1]
        assert dest is not None
        # Loss: rate-limit loss at the destination is ICMP generation, not real loss; only a
        # real-loss run (loss from some hop onwards) loses pings [infer for the rate].
        real = self.lost[-1] > 0 and any(
            self.lost[i] > 0 for i in range(len(self.lost) - 1) if not self.silent[i]
        )
        p_loss = 0.15 * self.lost[-1] if real else 0.002
        scale = 0.03 * dest + (0.8 if self.source.wifi else 0.08)
        low = dest * 0.97
        rtts = tuple(
            low + rng.expovariate(1.0 / scale) for _ in range(count) if rng.random() >= p_loss
        )
        received = len(rtts)
        if not rtts:
            return E2EStats(count, 0, (), 1.0, 0.0, None, None, None)
        jitter = (
            sum(abs(b - a) for a, b in itertools.pairwise(rtts)) / (received - 1)
            if received > 1
            else 0.0
        )
        return E2EStats(
            count,
            received,
            rtts,
            (count - received) / count,
            jitter,
            min(rtts),
            sum(rtts) / received,
            max(rtts),
        )


def unreached_length(rng: random.Random, n: int, max_ttl: int) -> int:
    """TTLs reported by a trace whose destination (hop `n` of its route) never answered.

    lastHopFailed: 1-3 unanswered probes past the destination's position; a quarter of the
    traces run on to max_ttl (maxHopsExhausted), as when a target filters ICMP.
    """
    return max_ttl if rng.random() < 0.25 else min(max_ttl, n + rng.randrange(0, 3))


def probe(
    rng: random.Random,
    source: Source,
    target: Target,
    *,
    key: int,
    tunnelled: bool = False,
    protocol: str = "icmp",
    max_ttl: int = MAX_TTL,
    at: int | None = None,
) -> ProbeRun:
    """One run of a traceroute-style probe from `source` to `target`.

    Args:
        rng: the run's generator, keyed by the caller on (seed, run id); the only source of
            per-run randomness.
        source: where the probe runs (netmodel.sources).
        target: the destination (netmodel.targets.resolve).
        key: a stable 64-bit key of the test; routes of different tests differ a little.
        tunnelled: the source tunnels to its Cloudflare colo (WARP) and egresses there.
        protocol: "icmp" | "udp" | "tcp" (UDP probes are filtered more often).
        max_ttl: the probe's TTL limit; a longer route ends unreached at max_ttl.
        at: Unix time of the run; when given, time-of-day congestion joins the access RTTs.

    Returns:
        The neutral run. Same inputs and rng state give the same run.
    """
    rand = rng.random  # bound once: ~40 draws per run
    colo = source.colo if rand() >= _ALT_COLO_SHARE else source.alt_colo
    route = ROUTE_CACHE.get((source.route_key, key, target.key, colo, tunnelled))
    if route is None:
        route = route_for(source, target, key, colo, tunnelled)
    specs = route.hops
    n = len(specs)
    last = n - 1

    u = rand()
    if target.kind == CF_EDGE:
        unreached_share = _UNREACHED_CF
    else:
        unreached_share = _UNREACHED_UDP_APP if protocol == "udp" else _UNREACHED_APP
    unreached = u < unreached_share
    real_loss = not unreached and u < unreached_share + _REAL_LOSS_SHARE
    dest_rate_limited = not unreached and not real_loss and rand() < _DEST_RATE_LIMIT_SHARE

    # Which hops stay silent this run (R22): the structural ones plus a few random drops.
    silent = list(route.silent)
    n_silent = sum(silent)
    for i in route.droppable:
        if n_silent >= _MAX_SILENT:
            break
        if rand() < _RANDOM_SILENT_SHARE:
            silent[i] = True
            n_silent += 1
    if unreached:
        silent[last] = True

    # RTTs: typical route RTT + Wi-Fi/access jitter shared by later hops + per-hop noise (R18).
    _, _, jit_lo, jit_hi = ACCESS_STEP[source.access]
    lan_jit = rand() * (1.5 if source.wifi else 0.4)
    acc_jit = jit_lo + (jit_hi - jit_lo) * rand()
    if at is not None:
        acc_jit += physics.congestion_ms(source.access, source.place, at)
    access_idx = route.access_idx
    rtts: list[float | None] = []
    for i, h in enumerate(specs):
        if silent[i]:
            rtts.append(None)
            continue
        v = h.base + lan_jit
        if i:
            v += rand() * 0.8
            if i >= access_idx:
                v += acc_jit
        if not h.flags & F_NOBUMP and rand() < _SLOW_PATH_SHARE:
            bump = 1.0 + 3.0 * rand()
            v += min(bump, 0.5 * h.base)
        # The whole-ms floor binds only where rounding would undercut it (R17): for positive v,
        # v + 0.5 >= floor is int(v + 0.5) >= floor. Kept as a float, rounding the value gives
        # the same whole ms as rounding then flooring.
        rtts.append(v if v + 0.5 >= h.floor else float(h.floor))

    if rand() < _SPIKE_SHARE:
        # A fake spike: one router's control plane answers slowly (Steenbergen, R18c).
        candidates = [
            i
            for i in range(1, last)
            if rtts[i] is not None and not specs[i].flags & F_NOBUMP and rtts[i + 1] is not None
        ]
        if candidates:
            i = rng.choice(candidates)
            r_i, r_next = rtts[i], rtts[i + 1]
            assert r_i is not None
            assert r_next is not None
            rtts[i] = max(r_i, r_next) + 20 + int(rand() * 35)

    # Loss per hop, as probes lost out of 3 (R19, R20).
    lost = [0] * n
    responding = [i for i in range(n) if not silent[i]]
    if real_loss:
        onset_pos = rng.randrange(len(responding) - 1)
        first = 1 if rand() < 0.6 else 2
        lost[responding[onset_pos]] = first
        for i in responding[onset_pos + 1 :]:
            lost[i] = 2 if rand() < (0.6 if first == 2 else 0.3) else 1
    else:
        prev_lossy = False
        stop = responding[-2] if dest_rate_limited and len(responding) > 1 else last
        for i in responding:
            if i >= stop:  # stop <= last: the destination never takes rate-limit loss here
                break
            if prev_lossy:
                prev_lossy = False
            elif rand() < _RATE_LIMIT_SHARE:
                lost[i] = 1 if rand() < 0.75 else 2
                prev_lossy = True
        if dest_rate_limited:
            lost[last] = 1

    ips: list[str | None] = []
    for i, h in enumerate(specs):
        if silent[i]:
            lost[i] = PROBES_PER_HOP
            ips.append(None)
            continue
        pool = h.pool
        if pool is not None and rand() < (_EDGE_ECMP_SHARE if h.flags & F_EDGE else _ECMP_SHARE):
            ips.append(ip(rng, pool))  # a parallel link answered (ECMP)
        else:
            ips.append(h.ip)
    length = unreached_length(rng, n, max_ttl) if unreached else n
    reached = not unreached
    if n > max_ttl:
        # The destination lies beyond the TTL limit: the trace stops at max_ttl.
        length, reached = max_ttl, False
    return ProbeRun(
        source, target, route, colo, tunnelled, protocol, silent, rtts, lost, ips, length,
        reached, max_ttl,
    )  # fmt: skip
