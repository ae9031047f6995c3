"""The closed, seeded world of Network Path test runs, and each run's outcome.

Runs. A live test runs every `tick_every` seconds from each of its locations, from its creation
(or the start of the 30-day retention, notes §6) up to the universe's now (the settings' epoch).
Its configuration at a given time is the version of its history saved then (versions.py), so a
location added nine days ago has nine days of runs and a changed `tick_every` changes the
cadence from the edit on. A paused test stops at its pause: a generated paused test was paused
at a time drawn between its last edit and now; a pause made in a session takes effect at the
session's clock. Tests with `options.scheduling` run only inside their timeframes. Each location
runs at its own fixed phase inside the tick (locations of a test a few seconds apart).

Ids. A scheduled run is (test, time, location); its result id is that triple packed in 41 bits,
masked, under a 22-bit keyed tag, printed in decimal: an integer below 2^63 (the Agent's uint63
ids, notes §9.2) that looks random. Existence is decided from the id alone in O(1) with no
table: the tag must check and the world must hold a run of that test from that location at that
second. Triggered runs (ci.py) keep ci.py's ids and live in the session that triggered them.

Outcomes. What a run measured is decided cheaply, before any trace is drawn: the run's
condition (time-of-day congestion everywhere; per location and 6-hour slot, at random, a few
lossy minutes, a congestion episode, a route change or a local outage; per test, the outages of
FetchUptimes (uptimes.py), during which every location fails) and a handful of draws keyed by
(seed, test, location, time) give the netstats; the test's assertions are evaluated on them,
exactly as the full result does. paths.trace then draws hops that agree with that outcome. A
summary therefore costs a few microseconds, and a status filter can skip whole windows: each
(condition, stream) has a verdict envelope (always passes, always fails, or depends on the run).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

import orjson

from netpath_mock.core.seeding import stable_digest, stable_int
from netpath_mock.vendors.datadog import paths, uptimes
from netpath_mock.vendors.datadog.records import Version

VENDOR = "datadog"
RETENTION_S: Final = 30 * 86_400  # Network Path data retention: 30 days (notes §6)
SLOT: Final = uptimes.SLOT  # conditions are drawn per 6-hour slot, like the uptime outages
DEFAULT_TICK: Final = 60  # tick_every when a test omits it (the docs' example, realism R25)
DEFAULT_TIMEOUT_S: Final = 10  # the Agent's network-path default (notes §6)

# --- result ids ----------------------------------------------------------------------------------

_TEST_BITS: Final = 14  # up to 16384 tests (the org holds at most 10000 plus fixtures)
_LOC_BITS: Final = 5  # up to 32 locations per test version
_TIME_BITS: Final = 22  # seconds since the retention start (30 days < 2^22 s)
_PAYLOAD_BITS: Final = _TEST_BITS + _LOC_BITS + _TIME_BITS
_TAG_BITS: Final = 63 - _PAYLOAD_BITS
_PAYLOAD_MASK: Final = (1 << _PAYLOAD_BITS) - 1
MAX_TESTS: Final = 1 << _TEST_BITS
MAX_LOCATIONS: Final = 1 << _LOC_BITS


@dataclass(frozen=True, slots=True)
class RunKey:
    """What a scheduled result id names: a test (catalog index), a location index, a time."""

    test_index: int
    location_index: int
    at: int  # Unix seconds


@lru_cache(maxsize=64)
def _id_key(seed: int) -> bytes:
    return stable_digest(seed, VENDOR, "result-id-key", size=32)


def _tag(key: bytes, payload: int) -> int:
    digest = hashlib.blake2b(payload.to_bytes(6, "big"), key=key, digest_size=4).digest()
    return int.from_bytes(digest, "big") >> (32 - _TAG_BITS)


def _mask(key: bytes, tag: int) -> int:
    digest = hashlib.blake2b(tag.to_bytes(4, "big"), key=key, person=b"mask", digest_size=6)
    return int.from_bytes(digest.digest(), "big") & _PAYLOAD_MASK


def encode_id(seed: int, epoch: int, run: RunKey) -> str:
    """The decimal result id of a scheduled run."""
    offset = run.at - (epoch - RETENTION_S)
    payload = (run.test_index << (_LOC_BITS + _TIME_BITS)) | (run.location_index << _TIME_BITS)
    payload |= offset
    key = _id_key(seed)
    tag = _tag(key, payload)
    return str((tag << _PAYLOAD_BITS) | (payload ^ _mask(key, tag)))


def decode_id(seed: int, epoch: int, text: str) -> RunKey | None:
    """The run a well-formed id names if its tag checks (existence is checked by the caller)."""
    if not (0 < len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    if value >= 1 << 63 or str(value) != text:
        return None
    key = _id_key(seed)
    tag = value >> _PAYLOAD_BITS
    payload = (value & _PAYLOAD_MASK) ^ _mask(key, tag)
    if _tag(key, payload) != tag:
        return None
    offset = payload & ((1 << _TIME_BITS) - 1)
    if offset >= RETENTION_S:
        return None
    location = (payload >> _TIME_BITS) & (MAX_LOCATIONS - 1)
    test = payload >> (_LOC_BITS + _TIME_BITS)
    return RunKey(test, location, epoch - RETENTION_S + offset)


# --- test versions as run segments ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schedule:
    """`options.scheduling`: weekly timeframes in a time zone."""

    zone: Any  # a tzinfo
    windows: tuple[tuple[int, int, int], ...]  # (ISO weekday 1-7, from minute, to minute)

    def active(self, at: int) -> bool:
        """Whether the test may run at Unix time `at`."""
        local = datetime.fromtimestamp(at, self.zone)
        minute = local.hour * 60 + local.minute
        day = local.isoweekday()
        return any(d == day and lo <= minute < hi for d, lo, hi in self.windows)

    def last_active(self, at: int) -> int | None:
        """The latest second at or before `at` inside a timeframe (None: none within 8 days)."""
        if self.active(at):
            return at
        local = datetime.fromtimestamp(at, self.zone)
        best: int | None = None
        for back in range(8):
            day = (local - timedelta(days=back)).date()
            weekday = day.isoweekday()
            for d, lo, hi in self.windows:
                if d != weekday or hi <= lo:
                    continue
                end_local = datetime(day.year, day.month, day.day, tzinfo=self.zone) + timedelta(
                    minutes=hi
                )
                end = int(end_local.timestamp()) - 1
                if end <= at and (best is None or end > best):
                    best = end
            if best is not None:
                return best
        return None


def _minute(text: Any) -> int | None:
    if not isinstance(text, str) or ":" not in text:
        return None
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    return min(int(hours) * 60 + int(minutes), 24 * 60)


def schedule_of(options: dict[str, Any]) -> Schedule | None:
    """The test's timeframes, or None when it runs around the clock."""
    scheduling = options.get("scheduling")
    if not isinstance(scheduling, dict):
        return None
    try:
        zone: Any = ZoneInfo(str(scheduling.get("timezone") or "UTC"))
    except (ValueError, KeyError, OSError):
        zone = UTC  # an unknown zone name: the scheduler falls back to UTC [infer]
    windows = []
    for frame in scheduling.get("timeframes") or ():
        if not isinstance(frame, dict):
            continue
        lo, hi = _minute(frame.get("from")), _minute(frame.get("to"))
        day = frame.get("day")
        if isinstance(day, int) and lo is not None and hi is not None:
            windows.append((day, lo, hi))
    return Schedule(zone, tuple(windows))


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time during which one version of the test ran: [start, end)."""

    start: int
    end: int
    version: int
    attributes: dict[str, Any]
    tick: int
    locations: tuple[str, ...]
    schedule: Schedule | None


def tick_of(attributes: dict[str, Any]) -> int:
    """The version's tick_every (validated 30-604800 by the contract), else the default."""
    options = attributes.get("options") or {}
    tick = options.get("tick_every")
    return tick if isinstance(tick, int) and tick >= 30 else DEFAULT_TICK


def segments(history: list[Version], start: int, end: int) -> list[Segment]:
    """The versions of `history` (oldest first) as run segments clipped to [start, end)."""
    out: list[Segment] = []
    for i, version in enumerate(history):
        lo = max(start, math.ceil(version.at))
        hi = min(end, math.ceil(history[i + 1].at) if i + 1 < len(history) else end)
        if lo >= hi:
            continue
        attributes = version.payload
        out.append(
            Segment(
                lo,
                hi,
                version.number,
                attributes,
                tick_of(attributes),
                tuple(attributes.get("locations") or ()),
                schedule_of(attributes.get("options") or {}),
            )
        )
    return out


def paused_at(seed: int, public_id: str, last_edit: float, epoch: int) -> int:
    """When a generated paused test was paused: between its last edit and now."""
    u = stable_int(seed, VENDOR, "paused-at", public_id, bits=32) / 2**32
    return int(last_edit + (epoch - last_edit) * u)


# --- conditions -------------------------------------------------------------------------------

NORMAL: Final = "normal"
BLIP: Final = "blip"  # a few e2e probes lost (a lossy minute)
CONGESTION: Final = "congestion"  # a queueing episode: RTT and jitter up, maybe loss
REROUTE: Final = "reroute"  # the route changed for a while (the other variant)
LOCAL_DOWN: Final = "local-down"  # the location lost its way out: trace dies near the source
OUTAGE_DOWN: Final = "outage-down"  # the target's network is down: trace dies near it
OUTAGE_LOSS: Final = "outage-loss"  # the target's network drops most packets


@dataclass(frozen=True, slots=True)
class Condition:
    """What the network was like for a run (piecewise constant in time)."""

    kind: str
    variant: int = 0
    lost: int = 0  # e2e probes lost (when reached)
    add_ms: float = 0.0  # RTT added at the destination
    jitter_mult: float = 1.0
    reached: bool = True


_NORMAL = Condition(NORMAL)


def _u(bits: int, shift: int, width: int = 16) -> float:
    return ((bits >> shift) & ((1 << width) - 1)) / (1 << width)


def slot_conditions(
    seed: int,
    public_id: str,
    location_id: str,
    slot: int,
    tick: int,
    e2e: int,
    outage_chance: float,
    created: int,
    loss_limit: float | None,
) -> list[tuple[int, int, Condition]]:
    """The slot cut into [start, end) windows of constant condition, in time order.

    `loss_limit` is the loss an OUTAGE_LOSS must exceed to fail the test's packet-loss
    assertion (None when the test has none: then an outage takes the target down).
    """
    lo, hi = slot * SLOT, (slot + 1) * SLOT
    windows: list[tuple[int, int, Condition]] = [(lo, hi, _NORMAL)]
    bits = stable_int(seed, VENDOR, "slot", public_id, location_id, str(slot), bits=256)
    # Lossy minutes: about 2% of runs, at most 3 a slot (one run each).
    mean = min(3.0, 0.02 * SLOT / tick)
    count = 0
    p = math.exp(-mean)
    cumulative = p
    roll = _u(bits, 0)
    while roll > cumulative and count < 3:
        count += 1
        p *= mean / count
        cumulative += p
    for i in range(count):
        at = lo + int(_u(bits, 16 + 16 * i) * (SLOT - tick))
        lost = 1 + int(_u(bits, 64 + 4 * i, 4) * 3)
        windows = _overlay(windows, at, at + tick, Condition(BLIP, lost=min(lost, e2e - 1)))
    # One location-level episode at most per slot.
    roll = _u(bits, 80)
    start = lo + int(_u(bits, 96) * SLOT)
    if roll < 0.04:
        minutes = 15 + int(_u(bits, 112) * 75)
        add = 10.0 + 50.0 * _u(bits, 128)
        lost = int(_u(bits, 144, 4) * 3)
        condition = Condition(
            CONGESTION,
            add_ms=add,
            jitter_mult=3.0 + 3.0 * _u(bits, 148, 8),
            lost=min(lost, e2e - 1),
        )
        windows = _overlay(windows, start, start + 60 * minutes, condition)
    elif roll < 0.065:
        minutes = 30 + int(_u(bits, 112) * 330)
        windows = _overlay(windows, start, start + 60 * minutes, Condition(REROUTE, variant=1))
    elif roll < 0.072:
        minutes = 5 + int(_u(bits, 112) * 15)
        windows = _overlay(
            windows, start, start + 60 * minutes, Condition(LOCAL_DOWN, reached=False)
        )
    # The test's own outages (FetchUptimes' alert windows): every location fails then.
    outage = uptimes.outage(seed, public_id, outage_chance, slot)
    if outage is not None and outage[0] >= created:
        kind_roll = _u(bits, 160)
        if loss_limit is not None and kind_roll < 0.6:
            fraction = max(loss_limit + 0.1, 0.3 + 0.6 * _u(bits, 176))
            lost = min(e2e - 1, max(1, math.ceil(fraction * e2e)))
            if lost / e2e > loss_limit:
                condition = Condition(OUTAGE_LOSS, lost=lost, add_ms=5.0 + 40.0 * _u(bits, 192))
                windows = _overlay(windows, outage[0], outage[1], condition)
                return windows
        windows = _overlay(windows, outage[0], outage[1], Condition(OUTAGE_DOWN, reached=False))
    return windows


def _overlay(
    windows: list[tuple[int, int, Condition]], start: int, end: int, condition: Condition
) -> list[tuple[int, int, Condition]]:
    """`windows` with [start, end) (clipped to them) set to `condition`."""
    out: list[tuple[int, int, Condition]] = []
    for lo, hi, current in windows:
        if hi <= start or lo >= end:
            out.append((lo, hi, current))
            continue
        if lo < start:
            out.append((lo, start, current))
        out.append((max(lo, start), min(hi, end), condition))
        if end < hi:
            out.append((end, hi, current))
    return out


# --- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one run measured: its netstats, verdict and the shape its trace must have."""

    started_ms: int
    finished_ms: int
    duration_ms: float
    variant: int
    reached: bool
    sent: int
    received: int
    lat_min: float
    lat_avg: float
    lat_max: float
    jitter: float
    hops: int  # the largest hop count of the traceroute runs (the trace's last answering TTL)
    dest_rtt: float  # the destination hop's RTT when reached
    end_ttl: int  # the trace's last TTL (silent past `hops` when not reached)
    passed: bool
    stats: Stats

    def evaluation(
        self, assertions: tuple[dict[str, Any], ...]
    ) -> tuple[dict[str, str] | None, list[dict[str, Any]]]:
        """(failure, assertion results) as the full result shows them."""
        _, failure, results = evaluate(assertions, self.stats)
        return failure, results

    @property
    def status(self) -> str:
        """Passed | failed."""
        return "passed" if self.passed else "failed"

    @property
    def loss(self) -> float:
        """Fraction of e2e probes lost, 0-1."""
        return self.stats.loss

    def netstats(self) -> dict[str, Any]:
        """`result.netstats` (notes §9.2: loss a fraction; latency and jitter ms)."""
        stats: dict[str, Any] = {
            "packets_sent": self.sent,
            "packets_received": self.received,
            "packet_loss_percentage": self.loss,
            "jitter": self.jitter,
        }
        if self.received:
            stats["latency"] = {"avg": self.lat_avg, "min": self.lat_min, "max": self.lat_max}
        stats["hops"] = {"avg": self.stats.hops_avg, "min": self.stats.hops_min, "max": self.hops}
        return stats


@dataclass(frozen=True, slots=True)
class TestPlan:
    """The fixed figures of one test version run from one location (a stream's constants)."""

    __test__ = False  # not a pytest test class

    profile: paths.PathProfile
    protocol: str
    e2e: int
    queries: int
    max_ttl: int
    timeout_s: int
    assertions: tuple[dict[str, Any], ...]
    checks: tuple[Check, ...]


def _request(attributes: dict[str, Any]) -> dict[str, Any]:
    request: dict[str, Any] = (attributes.get("config") or {}).get("request") or {}
    return request


def _int(value: Any, default: int, low: int, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, low), high)
    return default


def plan_for(seed: int, public_id: str, attributes: dict[str, Any], location_id: str) -> TestPlan:
    """The stream constants of `attributes` (one version) run from `location_id`."""
    request = _request(attributes)
    protocol = str(attributes.get("subtype") or "tcp").lower()
    if protocol not in ("tcp", "udp", "icmp"):
        protocol = "tcp"
    port = request.get("port")
    port = port if isinstance(port, int) and not isinstance(port, bool) else None
    host = str(request.get("host") or "")
    key = stable_int(seed, VENDOR, "route", public_id)
    profile = paths.profile(seed, location_id, host, port, protocol, key)
    assertions = tuple(
        a for a in (attributes.get("config") or {}).get("assertions") or () if isinstance(a, dict)
    )
    return TestPlan(
        profile,
        protocol,
        _int(request.get("e2e_queries"), 50, 1, 1000),
        _int(request.get("traceroute_queries"), 3, 1, 100),
        _int(request.get("max_ttl"), 30, 1, 255),
        _int(request.get("timeout"), DEFAULT_TIMEOUT_S, 1, 3600),
        assertions,
        tuple(compile_check(a) for a in assertions),
    )


def _harmonic(n: int) -> float:
    return math.log(n) + 0.5772 + 1 / (2 * n) if n > 1 else 1.0


def _r3(value: float) -> float:
    return round(value, 3)


@lru_cache(maxsize=4096)
def _run_key(seed: int, public_id: str, location_id: str) -> bytes:
    return stable_digest(seed, VENDOR, "run", public_id, location_id, size=32)


def run_draws(seed: int, public_id: str, location_id: str, at: int) -> int:
    """128 bits keyed by the run: every per-run number of the outcome comes from them."""
    key = _run_key(seed, public_id, location_id)
    digest = hashlib.blake2b(at.to_bytes(8, "big", signed=True), key=key, digest_size=16)
    return int.from_bytes(digest.digest(), "big")


SHORT_RUN_SHARE: Final = 0.08  # reached runs where one traceroute run missed the destination


def _mix(bits: int) -> int:
    """16 more draw bits from the run's 128 (a multiplicative hash of them)."""
    return ((bits * 0x9E3779B97F4A7C15) >> 64) & 0xFFFF


def _shorter_run(plan: TestPlan, variant: paths.Variant) -> int | None:
    """The hop count of a traceroute run that missed the destination (None: none can)."""
    if plan.queries < 2:
        return None
    earlier = [ttl for ttl in variant.answering if ttl < variant.hops]
    return earlier[-1] if earlier else None


def _break_ttl(plan: TestPlan, variant: paths.Variant, kind: str, u: float) -> int:
    """The last answering TTL of a trace that does not reach the destination."""
    answering = [ttl for ttl in variant.answering if ttl < variant.hops and ttl <= plan.max_ttl]
    if not answering:
        return 0
    # A location's own network stops answering past its edge; otherwise the trace dies in or
    # just before the target's network.
    pool = answering[:2] if kind == LOCAL_DOWN else answering[-3:]
    return pool[int(u * len(pool))]


def outcome(plan: TestPlan, condition: Condition, at: int, bits: int) -> Outcome:
    """The run at Unix time `at` under `condition`, from its 128 draw bits."""
    prof = plan.profile
    variant = prof.variants[condition.variant]
    e2e = plan.e2e
    reached = prof.reachable and condition.reached and variant.hops <= plan.max_ttl
    ms_offset = int(_u(bits, 112) * 1000)
    started = at * 1000 + ms_offset
    if reached:
        lo, hi = paths.access_jitter_ms(prof.source)
        d = variant.base_ms + prof.congestion_ms(at) + lo + (hi - lo) * _u(bits, 0)
        d += 0.8 * _u(bits, 16) + condition.add_ms
        received = e2e - condition.lost
        s = prof.jitter_ms * condition.jitter_mult
        low = 0.97 * d
        lat_min = _r3(low + 2.0 * s * _u(bits, 32) / received)
        lat_avg = _r3(low + s * (0.8 + 0.4 * _u(bits, 48)))
        lat_max = _r3(max(lat_avg, low + s * _harmonic(received) * (0.7 + 0.6 * _u(bits, 64))))
        lat_avg = max(lat_avg, lat_min)
        jitter = _r3(s * (0.8 + 0.4 * _u(bits, 80))) if received > 1 else 0.0
        dest_rtt = _r3(lat_min + (lat_avg - lat_min) * _u(bits, 96))
        hops = variant.hops
        end_ttl = hops
        duration = 400.0 + plan.queries * (1.5 * d + 25.0 * hops) + 20.0 * e2e
    else:
        received = 0
        lat_min = lat_avg = lat_max = jitter = dest_rtt = 0.0
        if not prof.reachable:
            hops, end_ttl = 0, plan.max_ttl
        elif condition.reached:
            # The route is longer than max_ttl: the trace stops there.
            hops = max((t for t in variant.answering if t <= plan.max_ttl), default=0)
            end_ttl = plan.max_ttl
        else:
            hops = _break_ttl(plan, variant, condition.kind, _u(bits, 0))
            run_on = _u(bits, 16) < 0.4
            end_ttl = (
                plan.max_ttl if run_on else min(plan.max_ttl, hops + 3 + int(3 * _u(bits, 32)))
            )
        silent_ttls = end_ttl - hops
        duration = 400.0 + plan.queries * (25.0 * end_ttl + 300.0 * silent_ttls)
        duration += plan.timeout_s * 1000.0 * (0.6 + 0.3 * _u(bits, 48))
    duration = round(duration + 50.0 * _u(bits, 100, 12), 1)
    finished = started + int(duration)
    hops_min, hops_avg = hops, float(hops)
    shorter = _shorter_run(plan, variant) if reached else None
    if shorter is not None and _u(_mix(bits), 0) < SHORT_RUN_SHARE:
        # One of the traceroute runs lost the destination's answer: its hop count is the last
        # TTL that answered it (netstats.hops is over the runs, realism §1).
        hops_min = shorter
        hops_avg = round((hops * (plan.queries - 1) + shorter) / plan.queries, 3)
    stats = Stats(e2e, received, lat_min, lat_avg, lat_max, jitter, hops, hops_min, hops_avg)
    passed = passes(plan.checks, stats)
    return Outcome(
        started,
        finished,
        duration,
        condition.variant,
        reached,
        e2e,
        received,
        lat_min,
        lat_avg,
        lat_max,
        jitter,
        hops,
        dest_rtt,
        end_ttl,
        passed,
        stats,
    )


# --- assertions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stats:
    """The netstats figures the assertions read."""

    sent: int
    received: int
    lat_min: float
    lat_avg: float
    lat_max: float
    jitter: float
    hops: int  # max over the traceroute runs
    hops_min: int
    hops_avg: float

    @property
    def loss(self) -> float:
        """Fraction of e2e probes lost."""
        return (self.sent - self.received) / self.sent


NETUNREACH: Final = {"code": "NETUNREACH", "message": "The remote server network is unreachable."}


Check = tuple[str, str, str, float | None]  # (type, property, operator, target)


def compile_check(assertion: dict[str, Any]) -> Check:
    """An assertion reduced to what its evaluation reads."""
    return (
        str(assertion.get("type")),
        str(assertion.get("property") or "avg"),
        str(assertion.get("operator")),
        _target(assertion),
    )


def passes(checks: tuple[Check, ...], stats: Stats) -> bool:
    """Whether a run with these netstats passes (evaluate's verdict, without the report)."""
    if stats.received == 0 and not any(
        kind == "packetLossPercentage" and op == "is" and target == 1.0
        for kind, _, op, target in checks
    ):
        return False
    for kind, prop, op, target in checks:
        if target is None:
            return False
        if kind == "latency":
            actual = (
                stats.lat_min
                if prop == "min"
                else stats.lat_max
                if prop == "max"
                else (stats.lat_avg)
            )
        elif kind == "multiNetworkHop":
            actual = (
                float(stats.hops_min)
                if prop == "min"
                else stats.hops_avg
                if prop == "avg"
                else float(stats.hops)
            )
        elif kind == "packetLossPercentage":
            actual = (stats.sent - stats.received) / stats.sent
        elif kind == "jitter":
            actual = stats.jitter
        else:
            return False
        if not check(op, actual, target):
            return False
    return True


def _actual(assertion: dict[str, Any], stats: Stats) -> float | None:
    kind = assertion.get("type")
    prop = assertion.get("property") or "avg"
    if kind == "latency":
        return {"min": stats.lat_min, "max": stats.lat_max}.get(prop, stats.lat_avg)
    if kind == "multiNetworkHop":
        return {"min": stats.hops_min, "max": stats.hops}.get(prop, stats.hops_avg)
    if kind == "packetLossPercentage":
        return stats.loss
    if kind == "jitter":
        return stats.jitter
    return None


def check(operator: Any, actual: float, target: float) -> bool:
    """One comparison, as the assertion's operator reads."""
    if operator == "is":
        return actual == target
    if operator == "isNot":
        return actual != target
    if operator == "lessThan":
        return actual < target
    if operator == "lessThanOrEqual":
        return actual <= target
    if operator == "moreThan":
        return actual > target
    if operator == "moreThanOrEqual":
        return actual >= target
    return False


def _target(assertion: dict[str, Any]) -> float | None:
    target = assertion.get("target")
    if isinstance(target, int | float) and not isinstance(target, bool):
        return float(target)
    return None


def _expected(target: Any) -> str:
    """The configured target as the Agent reports it: a string (notes §9.2, e.g. "500")."""
    if isinstance(target, float) and target.is_integer():
        return str(int(target))
    return orjson.dumps(target).decode() if not isinstance(target, str) else target


def _expects_total_loss(assertions: tuple[dict[str, Any], ...]) -> bool:
    return any(
        a.get("type") == "packetLossPercentage" and a.get("operator") == "is" and _target(a) == 1.0
        for a in assertions
    )


def evaluate(
    assertions: tuple[dict[str, Any], ...], stats: Stats
) -> tuple[bool, dict[str, str] | None, list[dict[str, Any]]]:
    """(passed, failure, assertion results) the Agent reports for these netstats.

    Total loss with no `packetLossPercentage is 1` assertion fails as NETUNREACH without
    evaluating the assertions; otherwise any invalid assertion fails the run as
    INCORRECT_ASSERTION, its message the JSON of the assertion results (notes §9.2).
    """
    if stats.received == 0 and not _expects_total_loss(assertions):
        return False, dict(NETUNREACH), []
    results: list[dict[str, Any]] = []
    passed = True
    for assertion in assertions:
        actual = _actual(assertion, stats)
        target = _target(assertion)
        valid = (
            actual is not None
            and target is not None
            and check(assertion.get("operator"), actual, target)
        )
        item: dict[str, Any] = {
            "operator": assertion.get("operator"),
            "type": assertion.get("type"),
        }
        if "property" in assertion:
            item["property"] = assertion["property"]
        item["expected"] = _expected(assertion.get("target"))
        item["actual"] = actual
        item["valid"] = valid
        results.append(item)
        passed = passed and valid
    if passed:
        return True, None, results
    message = orjson.dumps(results).decode()
    return False, {"code": "INCORRECT_ASSERTION", "message": message}, results


# --- verdict envelopes: a status filter skips windows whose verdict is known ---------------


def _range_verdict(operator: Any, lo: float, hi: float, target: float) -> bool | None:
    """The comparison over every actual in [lo, hi]: True, False, or None (depends)."""
    at_lo, at_hi = check(operator, lo, target), check(operator, hi, target)
    if operator in ("is", "isNot"):
        if lo == hi:
            return at_lo
        inside = lo <= target <= hi
        if not inside:
            return bool(operator == "isNot")
        return None
    return at_lo if at_lo == at_hi else None


def envelope(plan: TestPlan, condition: Condition) -> bool | None:
    """Whether every run of `plan` under `condition` passes (True), fails (False), or either."""
    prof = plan.profile
    variant = prof.variants[condition.variant]
    reached = prof.reachable and condition.reached and variant.hops <= plan.max_ttl
    if not reached:
        if not _expects_total_loss(plan.assertions):
            return False
        return None
    lo_j, hi_j = paths.access_jitter_ms(prof.source)
    d_lo = variant.base_ms + lo_j + condition.add_ms
    d_hi = variant.base_ms + prof.peak_ms + hi_j + 0.8 + condition.add_ms
    received = plan.e2e - condition.lost
    s = prof.jitter_ms * condition.jitter_mult
    eps = 0.002  # rounding to the microsecond
    ranges = {
        ("latency", "min"): (0.97 * d_lo, 0.97 * d_hi + 2.0 * s / received),
        ("latency", "avg"): (0.97 * d_lo, 0.97 * d_hi + 2.0 * s),
        ("latency", "max"): (0.97 * d_lo, 0.97 * d_hi + s * (2.0 + 1.3 * _harmonic(received))),
    }
    jitter = (0.8 * s, 1.2 * s) if received > 1 else (0.0, 0.0)
    loss = (plan.e2e - received) / plan.e2e
    verdict: bool | None = True
    for assertion in plan.assertions:
        kind = assertion.get("type")
        prop = assertion.get("property") or "avg"
        target = _target(assertion)
        if target is None:
            return False
        operator = assertion.get("operator")
        if kind == "latency":
            lo, hi = ranges.get(("latency", prop), ranges[("latency", "avg")])
            one = _range_verdict(operator, lo - eps, hi + eps, target)
        elif kind == "jitter":
            one = _range_verdict(operator, jitter[0] - eps, jitter[1] + eps, target)
        elif kind == "packetLossPercentage":
            one = check(operator, loss, target)
        elif kind == "multiNetworkHop":
            shorter = _shorter_run(plan, variant)
            if shorter is None or prop == "max":
                one = check(operator, float(variant.hops), target)
            else:
                n, q = variant.hops, plan.queries
                lowest = shorter if prop == "min" else (n * (q - 1) + shorter) / q
                one = _range_verdict(operator, lowest - eps, n + eps, target)
        else:
            return False
        if one is False:
            return False
        if one is None:
            verdict = None
    return verdict


# --- streams: one test version from one location over time ----------------------------------


@dataclass(slots=True)
class Budget:
    """How many runs a request may still evaluate one by one (bounded per-request work)."""

    left: int


@dataclass(slots=True)
class Stream:
    """The runs of one segment from one location, newest first, with their conditions."""

    seed: int
    public_id: str
    test_index: int
    segment: Segment
    location_index: int
    location_id: str
    plan: TestPlan
    phase: int
    created: int
    outage_chance: float
    loss_limit: float | None
    _slots: dict[int, list[tuple[int, int, Condition]]] = field(default_factory=dict)
    _verdicts: dict[Condition, bool | None] = field(default_factory=dict)

    def conditions(self, slot: int) -> list[tuple[int, int, Condition]]:
        """The slot's condition windows (memoised for the request)."""
        found = self._slots.get(slot)
        if found is None:
            if len(self._slots) > 64:
                self._slots.clear()
            found = self._slots[slot] = slot_conditions(
                self.seed,
                self.public_id,
                self.location_id,
                slot,
                self.segment.tick,
                self.plan.e2e,
                self.outage_chance,
                self.created,
                self.loss_limit,
            )
        return found

    def condition_at(self, at: int) -> tuple[int, int, Condition]:
        """The window holding `at`."""
        for window in self.conditions(at // SLOT):
            if window[0] <= at < window[1]:
                return window
        raise AssertionError("slot windows cover the slot")  # pragma: no cover

    def verdict(self, condition: Condition) -> bool | None:
        """The envelope verdict of the condition for this stream (memoised)."""
        if condition not in self._verdicts:
            self._verdicts[condition] = envelope(self.plan, condition)
        return self._verdicts[condition]

    def tick_at_or_before(self, at: int) -> int:
        """The latest run time <= `at` of the cadence (ignoring the schedule)."""
        tick = self.segment.tick
        return at - ((at - self.phase) % tick)

    def is_run(self, at: int) -> bool:
        """Whether this stream ran at second `at`."""
        segment = self.segment
        if not (segment.start <= at < segment.end) or (at - self.phase) % segment.tick:
            return False
        return segment.schedule is None or segment.schedule.active(at)

    def outcome(self, at: int) -> Outcome:
        """The run at `at`."""
        _, _, condition = self.condition_at(at)
        bits = run_draws(self.seed, self.public_id, self.location_id, at)
        return outcome(self.plan, condition, at, bits)

    def runs(
        self, low: int, high: int, status: str | None, budget: Budget
    ) -> Iterator[tuple[int, Outcome]]:
        """(time, outcome) of the runs in [low, high] (seconds), newest first, by status."""
        segment = self.segment
        low = max(low, segment.start)
        at = self.tick_at_or_before(min(high, segment.end - 1))
        tick = segment.tick
        wanted = None if status is None else status == "passed"
        while at >= low:
            if segment.schedule is not None:
                active = segment.schedule.last_active(at)
                if active is None:
                    return
                if active != at:
                    at = self.tick_at_or_before(active)
                    continue
            window_start, _, condition = self.condition_at(at)
            if wanted is not None:
                verdict = self.verdict(condition)
                if verdict is not None and verdict != wanted:
                    # The whole window disagrees with the filter: jump before it.
                    at = self.tick_at_or_before(window_start - 1)
                    continue
                if verdict is None:
                    if budget.left <= 0:
                        return
                    budget.left -= 1
            bits = run_draws(self.seed, self.public_id, self.location_id, at)
            result = outcome(self.plan, condition, at, bits)
            if wanted is None or result.passed == wanted:
                yield at, result
            at -= tick


def newest_tick(segment: Segment, phase: int, low: int) -> int | None:
    """The newest run time of `segment` at `phase` at or after `low` (None: none)."""
    tick = segment.tick
    at = segment.end - 1 - ((segment.end - 1 - phase) % tick)
    while at >= max(low, segment.start):
        if segment.schedule is None:
            return at
        active = segment.schedule.last_active(at)
        if active is None:
            return None
        if active == at:
            return at
        at = active - ((active - phase) % tick)
    return None


def phase_of(seed: int, public_id: str, location_id: str, tick: int) -> int:
    """A location's fixed offset in the cadence: the test's phase plus a few seconds."""
    base = stable_int(seed, VENDOR, "phase", public_id, bits=32)
    spread = stable_int(seed, VENDOR, "phase", public_id, location_id, bits=16) % min(tick, 20)
    return (base + spread) % tick


def loss_limit(assertions: tuple[dict[str, Any], ...]) -> float | None:
    """The loss above which the test's packet-loss assertions fail (None: no upper bound)."""
    limits = [
        t
        for a in assertions
        if a.get("type") == "packetLossPercentage"
        and a.get("operator") in ("lessThan", "lessThanOrEqual")
        and (t := _target(a)) is not None
    ]
    return min(limits) if limits else None


# The spec's examples name result 5158904793181869365 of test abc-def-123 (the spec's example
# test, present in every org): that id names the newest scheduled run of abc-def-123, so the
# examples resolve out of the box (as the Cloudflare docs' result id does).
DOC_TEST: Final = "abc-def-123"
DOC_RESULT_ID: Final = "5158904793181869365"


@dataclass(frozen=True, slots=True)
class TestWorld:
    """The scheduled world of one test as a session sees it."""

    __test__ = False  # not a pytest test class

    seed: int
    epoch: int
    public_id: str
    test_index: int
    segments: tuple[Segment, ...]
    created: int
    outage_chance: float
    doc_run: tuple[int, int] | None = None  # (location index, time) named by DOC_RESULT_ID

    def stream(self, segment: Segment, location_index: int) -> Stream | None:
        """The runs of `segment` from its `location_index`-th location (None: no such)."""
        if location_index >= min(len(segment.locations), MAX_LOCATIONS):
            return None
        location_id = segment.locations[location_index]
        if location_id.startswith("pl:"):
            return None  # network tests cannot run from private locations (notes §6)
        plan = plan_for(self.seed, self.public_id, segment.attributes, location_id)
        return Stream(
            self.seed,
            self.public_id,
            self.test_index,
            segment,
            location_index,
            location_id,
            plan,
            phase_of(self.seed, self.public_id, location_id, segment.tick),
            self.created,
            self.outage_chance,
            loss_limit(plan.assertions),
        )

    def streams(self, low: int, high: int) -> Iterator[Stream]:
        """Every stream with runs possible in [low, high]."""
        for segment in self.segments:
            if segment.end <= low or segment.start > high:
                continue
            for index in range(len(segment.locations)):
                stream = self.stream(segment, index)
                if stream is not None:
                    yield stream

    def segment_at(self, at: int) -> Segment | None:
        """The segment running at `at`."""
        for segment in self.segments:
            if segment.start <= at < segment.end:
                return segment
        return None

    def find(self, key: RunKey) -> Stream | None:
        """The stream holding the run an id names, or None when the world holds no such run."""
        if (key.location_index, key.at) == self.doc_run:
            return None  # that run's id is DOC_RESULT_ID, never the tagged form
        return self._stream_of(key.location_index, key.at)

    def find_doc(self) -> tuple[Stream, int] | None:
        """The run DOC_RESULT_ID names in this world, if any."""
        if self.doc_run is None:
            return None
        stream = self._stream_of(*self.doc_run)
        return None if stream is None else (stream, self.doc_run[1])

    def _stream_of(self, location_index: int, at: int) -> Stream | None:
        segment = self.segment_at(at)
        if segment is None:
            return None
        stream = self.stream(segment, location_index)
        if stream is None or not stream.is_run(at):
            return None
        return stream

    def result_id(self, stream: Stream, at: int) -> str:
        """The id of `stream`'s run at `at`."""
        return self.run_id(stream.location_index, at)

    def run_id(self, location_index: int, at: int) -> str:
        """The id of the run from the `location_index`-th location at `at`."""
        if (location_index, at) == self.doc_run:
            return DOC_RESULT_ID
        key = RunKey(self.test_index, location_index, at)
        return encode_id(self.seed, self.epoch, key)

    def newest(self) -> tuple[int, int] | None:
        """The newest scheduled run: (location index, time), or None when there is none.

        Found from the cadence alone (no path is built), so the catalog stays cheap.
        """
        best: tuple[int, int] | None = None  # (time, -location index): newest, first location
        low = self.epoch - RETENTION_S
        for segment in self.segments:
            if segment.end <= low:
                continue
            for index, location_id in enumerate(segment.locations[:MAX_LOCATIONS]):
                if location_id.startswith("pl:"):
                    continue
                phase = phase_of(self.seed, self.public_id, location_id, segment.tick)
                at = newest_tick(segment, phase, low)
                if at is not None and (best is None or (at, -index) > best):
                    best = (at, -index)
        return None if best is None else (-best[1], best[0])


def build_world(
    seed: int,
    epoch: int,
    public_id: str,
    test_index: int,
    history: list[Version],
    created_at: float,
    paused: int | None,
) -> TestWorld:
    """The scheduled world of a test.

    Its history's segments inside the retention window, ending at the universe's now or at
    `paused`.
    """
    end = epoch if paused is None else min(epoch, paused)
    world = TestWorld(
        seed,
        epoch,
        public_id,
        test_index,
        tuple(segments(history, epoch - RETENTION_S, end)),
        int(created_at),
        uptimes._outage_chance(seed, public_id),
    )
    if public_id != DOC_TEST:
        return world
    newest = world.newest()
    return world if newest is None else replace(world, doc_run=newest)


def adhoc(
    seed: int,
    public_id: str,
    attributes: dict[str, Any],
    created_at: float,
    location_id: str,
    triggered_at: float,
) -> tuple[Outcome, TestPlan]:
    """A triggered run of the test configured as `attributes`, from `location_id`.

    Conditions are the world's at that second (a trigger during an outage fails like the
    scheduled runs around it); the run starts a moment after the trigger.
    """
    at = int(triggered_at)
    tick = tick_of(attributes)
    segment = Segment(at, at + 1, 0, attributes, tick, (location_id,), None)
    plan = plan_for(seed, public_id, attributes, location_id)
    stream = Stream(
        seed,
        public_id,
        -1,
        segment,
        0,
        location_id,
        plan,
        at % tick,
        int(created_at),
        uptimes._outage_chance(seed, public_id),
        loss_limit(plan.assertions),
    )
    result = stream.outcome(at)
    # The run starts 0.3-1.5 s after the trigger (queueing), keyed by the same draws.
    started = int(triggered_at * 1000) + 300 + (result.started_ms % 1000) * 6 // 5
    shift = started - result.started_ms
    shifted = replace(result, started_ms=started, finished_ms=result.finished_ms + shift)
    return shifted, plan
