"""Named path scenarios: a realistic probe run with one named condition, for edge-case UI work.

A scenario is asked for with Prism's key, `Prefer: example=<name>` (or `?__example=<name>`), on
the endpoints that answer a network path (Cloudflare's result network-path, Datadog's results).
Both vendors share these conditions: each is applied here, to the vendor-neutral run, and every
vendor renders the changed run in its own wire format.

The run under a scenario is the run the same request answers without one, with the condition
applied on top, so a prototype shows the same device, location, test and route misbehaving:

* the base run comes from the caller's usual per-run generator (`rng`), unchanged;
* the condition draws only from its own generator (`condition_rng`, which the caller keys by
  (seed, scenario, run id)), so the same request always gives the same bytes;
* everything the condition does not name stays realistic (realism.md R1-R24): a scenario other
  than `packet-loss` or one of the unreachable ones starts from a healthy run (destination
  reached, no persistent loss), and keeps the run's ordinary noise (isolated rate-limit loss,
  inversions, a silent router or two).

Only `cgnat` changes what is probed rather than the run: a US home or office source moves to a
fixed-wireless line (T-Mobile, AS21928) whose carrier-grade NAT is an RFC 6598 hop after the
gateway (R5); a path that already crosses 100.64.0.0/10 (AWS regions, Starlink, T-Mobile) keeps
its own, and any other source gets one RFC 6598 hop after its first hop.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel import networks as nw
from netpath_mock.netmodel.addressing import POOLS, dotted, in_pool, ip, is_internal
from netpath_mock.netmodel.hops import F_NOBUMP, SOURCE, RouteHop
from netpath_mock.netmodel.probe import (
    MAX_TTL,
    PROBES_PER_HOP,
    ProbeRun,
    probe,
    unreached_length,
)
from netpath_mock.netmodel.route import Route
from netpath_mock.netmodel.sources import ACCESS_STEP, EndUserSource, Source, tmobile_cgnat_ip
from netpath_mock.netmodel.targets import Target

ISP_OUTAGE: Final = "isp-outage"
DESTINATION_UNREACHABLE: Final = "destination-unreachable"
SILENT_HOPS: Final = "silent-hops"
HIGH_LATENCY: Final = "high-latency"
PACKET_LOSS: Final = "packet-loss"
LONG_PATH: Final = "long-path"
CGNAT: Final = "cgnat"

LONG_PATH_MIN: Final = 25  # hops of a long path (as long as the probe's max_ttl allows)
_64: Final = (1 << 64) - 1
_CGNAT_KEY: Final = 0xC6A7_5EED_0000_0001  # re-sited sources get their own routes (cache key)
_CGNAT_POOL_FIRST: Final = 100 << 24 | 64 << 16  # 100.64.0.0/10
_CGNAT_POOL_SIZE: Final = 1 << 22


@dataclass(frozen=True, slots=True)
class Scenario:
    """One named condition: its name (the `example` value) and a sentence saying what it is."""

    name: str
    summary: str


SCENARIOS: Final[tuple[Scenario, ...]] = (
    Scenario(
        ISP_OUTAGE,
        "The source's own network is down: the gateway (LAN) answers, nothing past it does, "
        "and the trace runs on unanswered to max_ttl; the destination is never reached.",
    ),
    Scenario(
        DESTINATION_UNREACHABLE,
        "Every router on the way answers but the destination never does: the trace ends in "
        "1-3 unanswered probes past it (or runs on to max_ttl); end-to-end loss is total.",
    ),
    Scenario(
        SILENT_HOPS,
        "Four to six routers on the way never answer traceroute probes (one run of two or three "
        "in the backbone), while the destination answers normally.",
    ),
    Scenario(
        HIGH_LATENCY,
        "A congested link part-way along the path adds 120-250 ms (and jitter) to every hop "
        "past it, the destination included; no loss.",
    ),
    Scenario(
        PACKET_LOSS,
        "Real packet loss starting at one router and persisting to the destination: every "
        "responding hop from there loses 1 or 2 of its 3 probes.",
    ),
    Scenario(
        LONG_PATH,
        f"A path of {LONG_PATH_MIN} or more hops: traffic crosses a long chain of backbone "
        "routers before reaching the destination (still within max_ttl 30).",
    ),
    Scenario(
        CGNAT,
        "The source sits behind carrier-grade NAT: an RFC 6598 (100.64.0.0/10) hop with no "
        "name, ASN or location right after the gateway, on a fixed-wireless line.",
    ),
)
BY_NAME: Final[dict[str, Scenario]] = {s.name: s for s in SCENARIOS}
NAMES: Final[tuple[str, ...]] = tuple(BY_NAME)


def unknown_message(name: str) -> str:
    """The 400 message for an example name that is not a scenario."""
    shown = name if len(name) <= 40 else name[:40] + "..."
    return f"Unknown example {shown!r}; known examples: {', '.join(NAMES)}"


def run(
    name: str,
    rng: random.Random,
    condition_rng: random.Random,
    source: Source,
    target: Target,
    *,
    key: int,
    tunnelled: bool = False,
    protocol: str = "icmp",
    max_ttl: int = MAX_TTL,
    at: int | None = None,
) -> ProbeRun:
    """One probe run from `source` to `target` under scenario `name`.

    Args:
        name: one of NAMES.
        rng: the run's usual generator (the same run without a scenario draws from it).
        condition_rng: the scenario's own generator, keyed by the caller on (seed, name, run).
        source: where the probe runs (as for `netmodel.probe`).
        target: the destination.
        key: the test's stable route key.
        tunnelled: the source tunnels to its Cloudflare colo.
        protocol: "icmp" | "udp" | "tcp".
        max_ttl: the probe's TTL limit.
        at: Unix time of the run (time-of-day congestion), if known.

    Returns:
        The run with the condition applied. Same inputs and generator states, same run.
    """
    if name not in BY_NAME:
        raise ValueError(unknown_message(name))
    if name == CGNAT:
        source = _cgnat_source(source, condition_rng)
    base = probe(
        rng, source, target, key=key, tunnelled=tunnelled, protocol=protocol, max_ttl=max_ttl,
        at=at,
    )  # fmt: skip
    return apply(name, base, condition_rng)


def apply(name: str, base: ProbeRun, rng: random.Random) -> ProbeRun:
    """`base` (a fresh run, which it changes) under condition `name`; draws only from `rng`."""
    return _APPLY[name](base, rng)


# --- helpers ----------------------------------------------------------------------------------


def _responding(run: ProbeRun) -> list[int]:
    return [i for i in range(min(len(run.silent), run.length)) if not run.silent[i]]


def _heal(run: ProbeRun, rng: random.Random) -> ProbeRun:
    """The run made healthy: destination reached with no persistent loss (noise kept)."""
    hops = run.route.hops
    n = len(hops)
    if n > run.max_ttl:
        return run  # the route is longer than the probe may go: it cannot reach
    last = n - 1
    if not run.reached or run.silent[last]:
        prev = max((r for r in run.rtts[:last] if r is not None), default=hops[last].base)
        run.silent[last] = False
        run.rtts[last] = max(hops[last].base, prev) + rng.uniform(0.1, 1.2)
        run.ips[last] = run.route.target_ip
        run.length = n
        run.reached = True
    # Loss that persists to the destination is real loss; keep only isolated (rate-limit) loss.
    run.lost[last] = 0
    responding = _responding(run)
    for pos in range(len(responding) - 2, -1, -1):
        i, j = responding[pos], responding[pos + 1]
        if run.lost[i] and run.lost[j]:
            run.lost[i] = 0
    return run


def _silence(run: ProbeRun, i: int) -> None:
    run.silent[i] = True
    run.rtts[i] = None
    run.ips[i] = None
    run.lost[i] = PROBES_PER_HOP


def _with_hops(run: ProbeRun, at: int, new: list[tuple[RouteHop, str, float]]) -> ProbeRun:
    """A copy of `run` with hops inserted before index `at` (hop, answering ip, RTT)."""
    hops = list(run.route.hops)
    hops[at:at] = [hop for hop, _, _ in new]
    # Hops inserted at the access index take its place (as a CGNAT hop does in a built route).
    access_idx = run.route.access_idx + (len(new) if at < run.route.access_idx else 0)
    # Outside the route cache: a scenario's route is its own object, never a cached one.
    route = Route.of(tuple(hops), access_idx, run.route.target_ip)
    count = len(new)
    return dataclasses.replace(
        run,
        route=route,
        silent=run.silent[:at] + [False] * count + run.silent[at:],
        rtts=run.rtts[:at] + [rtt for _, _, rtt in new] + run.rtts[at:],
        lost=run.lost[:at] + [0] * count + run.lost[at:],
        ips=run.ips[:at] + [address for _, address, _ in new] + run.ips[at:],
        length=run.length + count,
    )


def _pool_of(address: str) -> str | None:
    for key in POOLS:
        if in_pool(address, key):
            return key
    return None


# --- the conditions ---------------------------------------------------------------------------


def _isp_outage(run: ProbeRun, rng: random.Random) -> ProbeRun:
    hops = run.route.hops
    # The source's own network answers (its LAN, a CGNAT or cloud-internal hop); from its first
    # public router on, nothing does.
    keep = next((i for i in range(1, len(hops)) if hops[i].asn is not None), len(hops) - 1)
    for i in range(keep):
        if hops[i].ip is not None:
            run.silent[i] = False
            run.ips[i] = hops[i].ip
            run.rtts[i] = run.rtts[i] if run.rtts[i] is not None else hops[i].base
            run.lost[i] = 0
    for i in range(keep, len(hops)):
        _silence(run, i)
    run.length = run.max_ttl
    run.reached = False
    del rng  # no draw: the outage is total
    return run


def _destination_unreachable(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    hops = run.route.hops
    last = len(hops) - 1
    _silence(run, last)
    run.length = unreached_length(rng, len(hops), run.max_ttl)
    run.reached = False
    return run


def _silent_run(run: ProbeRun, i: int) -> int:
    """How many consecutive silent hops silencing hop `i` would make."""
    left = i
    while left > 0 and run.silent[left - 1]:
        left -= 1
    right = i
    while right + 1 < len(run.silent) and run.silent[right + 1]:
        right += 1
    return right - left + 1


def _silent_hops(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    n = len(run.route.hops)
    # Hop 1, the access hop and the destination keep answering: they anchor the path (R14,
    # R15, R3).
    candidates = [i for i in range(1, n - 1) if i != run.route.access_idx]
    want = rng.randrange(4, 7)
    silent = sum(1 for i in range(1, n - 1) if run.silent[i])
    if len(candidates) >= 5:
        # One run of 2-3 consecutive silent routers mid-backbone (an MPLS core or a firewalled
        # segment). Never 4 in a row: R22 keeps those for the tails of failed traces.
        width = 2 + (rng.random() < 0.5)
        third = len(candidates) // 3
        start = rng.randrange(third, max(third + 1, len(candidates) - width))
        for i in candidates[start : start + width]:
            if not run.silent[i] and _silent_run(run, i) <= 3:
                _silence(run, i)
                silent += 1
    rest = [i for i in candidates if not run.silent[i]]
    rng.shuffle(rest)
    for i in rest:
        if silent >= want:
            break
        if _silent_run(run, i) <= 3:
            _silence(run, i)
            silent += 1
    return run


def _high_latency(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    n = len(run.route.hops)
    responding = [i for i in _responding(run) if run.route.access_idx < i < n - 1]
    if not responding:
        responding = [n - 1]
    # The congested link: somewhere past the access network, before the destination.
    onset = responding[rng.randrange(len(responding))]
    added = rng.uniform(120.0, 250.0)
    for i in range(onset, n):
        rtt = run.rtts[i]
        if rtt is not None:
            # A queue adds delay to everything behind it, plus jitter of its own.
            run.rtts[i] = rtt + added + rng.uniform(0.0, 0.12 * added)
    return run


def _packet_loss(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    n = len(run.route.hops)
    responding = [i for i in _responding(run) if i > 0]
    inner = [i for i in responding if i < n - 1]
    onset_pos = rng.randrange(len(inner)) if inner else len(responding) - 1
    tail = responding[onset_pos:] if inner else responding[-1:]
    for i in range(n):
        if not run.silent[i]:
            run.lost[i] = 0
    first = 1 if rng.random() < 0.6 else 2
    run.lost[tail[0]] = first
    for i in tail[1:]:
        # R19: every later responding hop, destination included, shows at least about half.
        run.lost[i] = 2 if rng.random() < (0.6 if first == 2 else 0.35) else 1
    return run


def _long_path(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    hops = run.route.hops
    n = len(hops)
    goal = min(rng.randrange(LONG_PATH_MIN, LONG_PATH_MIN + 4), run.max_ttl - 1)
    if n >= goal:
        return run
    # The chain: backbone routers of the network the path already crosses longest, inserted
    # after one of its routers in the same place (a core ring), each adding a little delay.
    anchor = _backbone_anchor(run)
    if anchor is None:
        return run
    spec = hops[anchor]
    pool = _pool_of(run.ips[anchor] or spec.ip or "")
    if pool is None or spec.asn is None:
        return run
    taken = {address for address in run.ips if address is not None}
    count = goal - n
    new: list[tuple[RouteHop, str, float]] = []
    prev = run.rtts[anchor]
    assert prev is not None
    base = spec.base
    for _ in range(count):
        address = ip(rng, POOLS[pool])
        while address in taken:
            address = ip(rng, POOLS[pool])
        taken.add(address)
        step = rng.uniform(0.3, 1.6)
        base += step
        prev = prev + step + rng.uniform(-0.3, 0.6)
        hop = RouteHop(
            address, spec.asn, None, spec.place, spec.segment, step, F_NOBUMP, POOLS[pool],
            spec.aso, base, spec.floor,
        )  # fmt: skip
        new.append((hop, address, max(prev, float(spec.floor))))
    added = base - spec.base
    longer = _with_hops(run, anchor + 1, new)
    # Every hop past the chain is reached through it: its delay adds to theirs.
    for i in range(anchor + 1 + count, len(longer.rtts)):
        rtt = longer.rtts[i]
        if rtt is not None:
            longer.rtts[i] = rtt + added
    return longer


def _backbone_anchor(run: ProbeRun) -> int | None:
    """The answering public router after which a backbone chain goes (None: none fits)."""
    hops = run.route.hops
    n = len(hops)
    best: tuple[int, int] | None = None  # (run length of its ASN, index)
    i = run.route.access_idx
    while i < n - 1:
        asn = hops[i].asn
        j = i
        while j + 1 < n - 1 and hops[j + 1].asn == asn:
            j += 1
        if asn is not None:
            # Anchor on the run's last answering router that has a place (the chain's city).
            for k in range(j, i - 1, -1):
                if not run.silent[k] and hops[k].place is not None and hops[k].ip is not None:
                    if best is None or j - i + 1 > best[0]:
                        best = (j - i + 1, k)
                    break
        i = j + 1
    return None if best is None else best[1]


def _cgnat_source(source: Source, rng: random.Random) -> Source:
    """A US end-user source on a fixed-wireless CGNAT line (others are handled on the run)."""
    if not isinstance(source, EndUserSource) or source.cgnat_ip is not None:
        return source
    if source.home.country != "US":
        return source
    lo, hi, _, _ = ACCESS_STEP["fixed-wireless"]
    asn = nw.ISP_ASN["tmobile"]
    return dataclasses.replace(
        source,
        isp="tmobile",
        asn=asn,
        aso=nw.ASO_NAME[asn],
        access="fixed-wireless",
        lan=nw.ISP_GATEWAYS["tmobile"],
        cgnat_ip=tmobile_cgnat_ip(rng),
        access_ms=rng.uniform(lo, hi),
        silent_access_hop=False,
        isp_private_hop=False,
        # Its own routes: the route cache is keyed by the source's route key.
        route_key=(source.route_key ^ _CGNAT_KEY) & _64,
    )


def _cgnat(run: ProbeRun, rng: random.Random) -> ProbeRun:
    run = _heal(run, rng)
    hops = run.route.hops
    cgnat = any(h.ip is not None and h.ip.startswith("100.") and is_internal(h.ip) for h in hops)
    if cgnat or len(hops) < 3:
        return run
    # One RFC 6598 hop after the source's own network (its first hop at least): the provider's
    # NAT gateway, with no PTR, ASN or place (R5, R7).
    at = max(run.route.access_idx, 1)
    n = _CGNAT_POOL_FIRST + rng.randrange(_CGNAT_POOL_SIZE >> 8) * 256 + rng.choice((1, 254))
    address = dotted(n)
    seen_before, seen_after = run.rtts[at - 1], run.rtts[at]
    before = hops[at - 1].base if seen_before is None else seen_before
    after = hops[at].base if seen_after is None else seen_after
    rtt = before + max(0.1, after - before) * rng.uniform(0.3, 0.8)
    hop = RouteHop(address, None, None, None, SOURCE, 0.2, F_NOBUMP, None, None, rtt, 0)
    return _with_hops(run, at, [(hop, address, rtt)])


_APPLY: Final[dict[str, Callable[[ProbeRun, random.Random], ProbeRun]]] = {
    ISP_OUTAGE: _isp_outage,
    DESTINATION_UNREACHABLE: _destination_unreachable,
    SILENT_HOPS: _silent_hops,
    HIGH_LATENCY: _high_latency,
    PACKET_LOSS: _packet_loss,
    LONG_PATH: _long_path,
    CGNAT: _cgnat,
}
assert set(_APPLY) == set(NAMES)
__all__ = ["NAMES", "SCENARIOS", "Scenario", "apply", "run", "unknown_message"]
