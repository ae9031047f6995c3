"""What every registered device does through the day and the week, as WARP state reports.

A device is awake in sessions (a laptop during working hours of its own time zone, sometimes in
the evening or at the weekend; a phone or a desktop left on all day). While awake it reports its
state every REPORT_S seconds at its own phase; asleep, it reports nothing. Within a session WARP
is `connecting` for the first report after wake-up, `connected` most of the time, `disconnected`
while the user has switched it off (a toggle off/on pair of WARP change events) and `paused` for
a short admin-allowed pause. Versions follow release trains with per-device update delays; one
device per account moves to another configuration during the week (mode change, config event)
and one switches to a partner organisation for a few hours (it leaves this account's fleet).

Everything is a pure function of (seed, account, device index, day, epoch): a device-day's
segments are computed once and cached in a bounded LRU, and every fleet answer (live, over time,
per device, device lists, colos, WARP events) reads the same segments, so the answers agree.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Final

from netpath_mock.core.seeding import stable_int
from netpath_mock.vendors.cloudflare import devices
from netpath_mock.vendors.cloudflare.devices import DeviceRecord

VENDOR: Final = devices.VENDOR
DAY: Final = 86400
HOUR: Final = 3600
# Connected clients report device state every 5 minutes [derived: the contract's default live
# window is 10 minutes, which only makes sense if every awake device reports inside it; the one
# third-party hint (a WARP registration's `report: 900`) is low confidence, universe doc §4].
REPORT_S: Final = 300
RETENTION_S: Final = 7 * DAY

CONNECTED: Final = "connected"
CONNECTING: Final = "connecting"
DISCONNECTED: Final = "disconnected"
PAUSED: Final = "paused"
STATUSES: Final = (CONNECTED, CONNECTING, DISCONNECTED, PAUSED)
NO_COLO: Final = "none"  # a device with its tunnel down reports no colo (universe doc §3.3)

DEFAULT_CONFIG: Final = "Default"
MIGRATION_CONFIG: Final = "Engineering"
MIGRATION_MODE: Final = "tunnel_only"

# US states of the universe's places and their standard UTC offsets, in hours.
_STANDARD_OFFSET: Final[dict[str, int]] = {
    **dict.fromkeys(("NY", "NJ", "MA", "PA", "VA", "DC", "MI", "OH", "GA", "FL", "NC", "IN"), -5),
    **dict.fromkeys(("IL", "TX", "MN", "MO", "TN", "NE"), -6),
    **dict.fromkeys(("CO", "UT", "AZ"), -7),
    **dict.fromkeys(("NV", "CA", "WA", "OR"), -8),
}
_NO_DST: Final = frozenset({"AZ"})
_EPOCH_DATE: Final = date(1970, 1, 1)

# WARP release trains [infer: the cadence and the build numbers are plausible, not a changelog;
# the version form 2025.1.861.0 is the LP/DOC example]. Release 0 of the desktop train lands on
# Tuesday 2026-10-27, inside the default epoch's retention window, so a rollout is under way.
_TRAINS: Final[dict[str, tuple[int, int]]] = {
    # train: (release 0, cadence), Unix seconds
    "desktop": (1_793_120_400, 35 * DAY),  # 2026-10-27T17:00:00Z
    "mobile": (1_792_515_600, 42 * DAY),  # 2026-10-20T17:00:00Z
}
_DESKTOP: Final = frozenset({"windows", "mac", "linux"})


def _train(platform: str) -> str:
    return "desktop" if platform in _DESKTOP else "mobile"


def _release_time(train: str, k: int) -> int:
    # One release calendar for the whole universe (seed 0): WARP releases are global.
    base, cadence = _TRAINS[train]
    # Releases slip by up to 3 days from the cadence (a Tuesday to a Friday).
    slip = 0 if k == 0 else (stable_int(0, VENDOR, "release", train, str(k)) % 4) * DAY
    return base + k * cadence + slip


def _release_index(train: str, t: int) -> int:
    """The newest release of `train` out at time `t`."""
    base, cadence = _TRAINS[train]
    k = (t - base) // cadence
    while _release_time(train, k) > t:
        k -= 1
    while _release_time(train, k + 1) <= t:
        k += 1
    return k


@lru_cache(maxsize=512)
def release_version(train: str, k: int) -> str:
    """The version string of release `k` of a train, e.g. `2026.10.318.0`."""
    day = _EPOCH_DATE + timedelta(seconds=_release_time(train, k) // DAY * DAY)
    build = 100 + stable_int(0, VENDOR, "build", train, str(k)) % 1300
    return f"{day.year}.{day.month}.{build}.0"


def version_at(rec: DeviceRecord, t: int) -> str:
    """The WARP client version `rec` runs at time `t` (it updates `update_delay_s` late)."""
    train = _train(rec.platform)
    return release_version(train, _release_index(train, t - rec.update_delay_s))


def _version_changes(rec: DeviceRecord, start: int, end: int) -> list[int]:
    """Instants in [start, end) at which the device moves to a newer release."""
    train = _train(rec.platform)
    k = _release_index(train, start - rec.update_delay_s) + 1
    out: list[int] = []
    while (t := _release_time(train, k) + rec.update_delay_s) < end:
        out.append(t)
        k += 1
    return out


# --- Local time --------------------------------------------------------------------------------


def _dst(day: int) -> bool:
    """US daylight saving time on local date `day` (second Sunday of March to first of Nov)."""
    d = _EPOCH_DATE + timedelta(days=day)
    march = date(d.year, 3, 8)
    start = march + timedelta(days=(6 - march.weekday()) % 7)
    nov = date(d.year, 11, 1)
    end = nov + timedelta(days=(6 - nov.weekday()) % 7)
    return start <= d < end


@lru_cache(maxsize=65536)
def day_start(state: str, day: int) -> int:
    """The UTC instant local date `day` begins at in `state`."""
    offset = _STANDARD_OFFSET.get(state, -5) + (state not in _NO_DST and _dst(day))
    return day * DAY - offset * HOUR


def local_day(state: str, t: int) -> int:
    """The local date (days since 1970-01-01) of UTC instant `t` in `state`."""
    day = (t + _STANDARD_OFFSET.get(state, -5) * HOUR) // DAY
    while day_start(state, day) > t:
        day -= 1
    while day_start(state, day + 1) <= t:
        day += 1
    return day


# --- Segments ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch [start, end) of one session in which a device's reported state is constant.

    The device reports at every t with t % REPORT_S == phase inside it.
    """

    start: int
    end: int
    session_start: int
    status: str
    mode: str
    version: str
    colo: str
    config: str

    def first_tick(self, phase: int, lo: int) -> int:
        """The first report at or after max(start, lo)."""
        a = max(self.start, lo)
        return a + (phase - a) % REPORT_S

    def last_tick(self, phase: int, hi: int) -> int:
        """The last report at or before min(end - 1, hi)."""
        b = min(self.end - 1, hi)
        return b - (b - phase) % REPORT_S

    def count(self, phase: int, lo: int, hi: int) -> int:
        """How many reports fall in [lo, hi]."""
        first, last = self.first_tick(phase, lo), self.last_tick(phase, hi)
        return 0 if last < first else (last - first) // REPORT_S + 1


@dataclass(frozen=True, slots=True)
class ToggleEvent:
    """The user switched WARP off or on (a `toggle` WARP change event)."""

    timestamp: int
    device_index: int
    toggle: str


@dataclass(frozen=True, slots=True)
class ConfigEvent:
    """The device moved between configurations, possibly of another organisation."""

    timestamp: int
    device_index: int
    from_account: str
    from_config: str
    to_account: str
    to_config: str


@dataclass(frozen=True, slots=True)
class DeviceDay:
    """A device's segments and toggle events on one local date."""

    segments: tuple[Segment, ...]
    toggles: tuple[ToggleEvent, ...]


@dataclass(frozen=True, slots=True)
class Episodes:
    """The account's epoch-anchored changes: one config migration and one organisation switch.

    Attributes:
        migration: (device index, instant) the device moved to the Engineering configuration.
        away: (device index, leave, return) the device spent in the partner organisation.
        partner: the partner organisation's account id.
    """

    migration: tuple[int, int] | None
    away: tuple[int, int, int] | None
    partner: str


def _sessions(rec: DeviceRecord, seed: int, account: str, day: int) -> list[tuple[int, int]]:
    """When the device is awake on local date `day`, as UTC [start, end) pairs."""
    state = rec.profile.home.state
    base = day_start(state, day)
    if rec.always_awake:
        return [(base, day_start(state, day + 1))]
    rng = random.Random(stable_int(seed, VENDOR, account, "day", str(rec.index), str(day)))
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    laptop = rec.kind == "laptop"
    hours: list[tuple[float, float]] = []
    if weekday < 5:
        if rng.random() < 0.04:
            return []  # a day off
        start = min(11.0, max(6.0, rng.gauss(8.4, 0.8)))
        end = min(21.0, start + max(5.0, rng.gauss(8.8, 1.1)))
        if laptop and rng.random() < 0.35:
            lunch = rng.uniform(11.8, 13.0)
            hours += [(start, lunch), (lunch + rng.uniform(0.5, 1.0), end)]
        else:
            hours.append((start, end))
        if rng.random() < (0.25 if laptop else 0.1):
            evening = max(end + 0.5, rng.uniform(19.0, 21.0))
            hours.append((evening, min(23.9, evening + rng.uniform(0.7, 2.5))))
    elif rng.random() < (0.3 if laptop else 0.12):
        start = rng.uniform(9.5, 19.0)
        hours.append((start, min(23.9, start + rng.uniform(0.8, 3.0))))
    return [(base + int(a * HOUR), base + int(b * HOUR)) for a, b in hours if b - a > 0.2]


@lru_cache(maxsize=1024)
def episodes(seed: int, account_id: str, epoch: int) -> Episodes:
    """The account's configuration migration and organisation switch, relative to `epoch`."""
    account = account_id.lower()
    reg = devices.registry(seed, account)
    partner = devices.partner_account(seed, account)
    rng = random.Random(stable_int(seed, VENDOR, account, "episodes"))
    # Never the SDK's placeholder devices (their tests expect them at home) or DNS-only ones.
    reserved = 2 if account == devices.DOC_ACCOUNT_ID else 0
    candidates = [
        r for r in reg if r.runs_traceroutes and r.index >= reserved and r.tunnel_type is not None
    ]
    rng.shuffle(candidates)
    migration: tuple[int, int] | None = None
    away: tuple[int, int, int] | None = None
    for rec in candidates:
        if migration is not None and away is not None:
            break
        state = rec.profile.home.state
        today = local_day(state, epoch)
        for back in rng.sample(range(1, 6), 5):
            sessions = [
                s
                for s in _sessions(rec, seed, account, today - back)
                if s[1] - s[0] > 3 * HOUR and s[1] < epoch
            ]
            if not sessions:
                continue
            start, end = sessions[0]
            if migration is None and rec.base_mode != MIGRATION_MODE:
                migration = (rec.index, start + rng.randrange(20 * 60, 2 * HOUR))
            elif away is None and not rec.always_awake:
                leave = start + rng.randrange(30 * 60, HOUR + 30 * 60)
                away = (rec.index, leave, min(end - 30 * 60, leave + rng.randrange(HOUR, 3 * HOUR)))
            break
    return Episodes(migration, away, partner)


def config_events(seed: int, account_id: str, epoch: int) -> tuple[ConfigEvent, ...]:
    """The account's configuration change events, oldest first."""
    account = account_id.lower()
    ep = episodes(seed, account, epoch)
    out: list[ConfigEvent] = []
    if ep.migration is not None:
        index, at = ep.migration
        out.append(ConfigEvent(at, index, account, DEFAULT_CONFIG, account, MIGRATION_CONFIG))
    if ep.away is not None:
        index, leave, back = ep.away
        config = config_at(seed, account, index, leave, epoch)
        out.append(ConfigEvent(leave, index, account, config, ep.partner, DEFAULT_CONFIG))
        out.append(ConfigEvent(back, index, ep.partner, DEFAULT_CONFIG, account, config))
    return tuple(sorted(out, key=lambda e: e.timestamp))


def config_at(seed: int, account: str, index: int, t: int, epoch: int) -> str:
    """The configuration (device profile) the device runs under at `t`."""
    migration = episodes(seed, account, epoch).migration
    if migration is not None and migration[0] == index and t >= migration[1]:
        return MIGRATION_CONFIG
    return DEFAULT_CONFIG


@lru_cache(maxsize=16384)  # bounded: a device-day is a handful of segments
def device_day(seed: int, account_id: str, index: int, day: int, epoch: int) -> DeviceDay:
    """The segments and toggle events of device `index` on its local date `day`."""
    account = account_id.lower()
    rec = devices.device_record(seed, account, index)
    ep = episodes(seed, account, epoch)
    sessions = _sessions(rec, seed, account, day)
    if ep.away is not None and ep.away[0] == index:
        _, leave, back = ep.away
        cut: list[tuple[int, int]] = []
        for a, b in sessions:
            if b <= leave or a >= back:
                cut.append((a, b))
                continue
            if a < leave:
                cut.append((a, leave))
            if back < b:
                cut.append((back, b))
        sessions = cut
    rng = random.Random(stable_int(seed, VENDOR, account, "status", str(index), str(day)))
    segments: list[Segment] = []
    toggles: list[ToggleEvent] = []
    migration = ep.migration if ep.migration is not None and ep.migration[0] == index else None
    for a, b in sessions:
        # Status intervals inside the session: (start, end, status), in order.
        marks: list[tuple[int, int, str]] = []
        if rng.random() < 0.3:
            marks.append((a, a + REPORT_S, CONNECTING))
        length = b - a
        if length > 40 * 60 and rng.random() < rec.toggle_rate:
            off = a + rng.randrange(10 * 60, length - 30 * 60)
            on = min(b - 5 * 60, off + rng.randrange(10 * 60, 2 * HOUR))
            if on > off:
                marks.append((off, on, DISCONNECTED))
                toggles.append(ToggleEvent(off, index, "off"))
                toggles.append(ToggleEvent(on, index, "on"))
        elif length > 90 * 60 and rng.random() < 0.04:
            start = a + rng.randrange(20 * 60, length - 60 * 60)
            marks.append((start, start + rng.randrange(15 * 60, 45 * 60), PAUSED))
        cuts = {a, b}
        for s, e, _ in marks:
            cuts.update((max(a, s), min(b, e)))
        cuts.update(t for t in _version_changes(rec, a, b) if a < t < b)
        if migration is not None and a < migration[1] < b:
            cuts.add(migration[1])
        points = sorted(t for t in cuts if a <= t <= b)
        for s, e in itertools.pairwise(points):
            if e <= s:
                continue
            status = CONNECTED
            for ms, me, mstatus in marks:
                if ms <= s < me:
                    status = mstatus
            mode = rec.base_mode
            config = DEFAULT_CONFIG
            if migration is not None and s >= migration[1]:
                mode, config = MIGRATION_MODE, MIGRATION_CONFIG
            colo = rec.profile.colo if status in (CONNECTED, CONNECTING) else NO_COLO
            segments.append(Segment(s, e, a, status, mode, version_at(rec, s), colo, config))
    return DeviceDay(tuple(segments), tuple(toggles))


def segments_between(
    seed: int, account: str, rec: DeviceRecord, lo: int, hi: int, epoch: int
) -> list[Segment]:
    """The device's segments overlapping [lo, hi], oldest first."""
    state = rec.profile.home.state
    out: list[Segment] = []
    for day in range(local_day(state, lo), local_day(state, hi) + 1):
        for seg in device_day(seed, account, rec.index, day, epoch).segments:
            if seg.end > lo and seg.start <= hi:
                out.append(seg)
    return out


def last_report(
    seed: int,
    account: str,
    rec: DeviceRecord,
    lo: int,
    hi: int,
    epoch: int,
    colo: str | None = None,
) -> tuple[int, Segment] | None:
    """The device's last report in [lo, hi] (optionally at `colo`), with its segment."""
    if hi < lo:
        return None
    state = rec.profile.home.state
    phase = rec.phase_s
    for day in range(local_day(state, hi), local_day(state, lo) - 1, -1):
        for seg in reversed(device_day(seed, account, rec.index, day, epoch).segments):
            if seg.start > hi or (colo is not None and seg.colo != colo):
                continue
            if seg.end <= lo:
                return None  # segments only get older from here
            t = seg.last_tick(phase, hi)
            if t >= max(seg.start, lo):
                return t, seg
    return None


@lru_cache(maxsize=16384)  # bounded: a device-day is a handful of spans
def online_spans(
    seed: int, account: str, index: int, day: int, epoch: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """When device `index` counts as online on its local date `day`: (starts, ends), sorted.

    Online at t means its last report is less than REPORT_S old: span [first report, last
    report + REPORT_S) of each stretch of consecutive reports (the segments of one session report
    without a gap). A span may run past midnight into the next local date.
    """
    phase = devices.device_record(seed, account, index).phase_s
    starts: list[int] = []
    ends: list[int] = []
    for seg in device_day(seed, account, index, day, epoch).segments:
        first = seg.first_tick(phase, seg.start)
        if first >= seg.end:
            continue  # a segment shorter than the report period may hold no report
        end = seg.last_tick(phase, seg.end - 1) + REPORT_S
        if ends and first <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(first)
            ends.append(end)
    return tuple(starts), tuple(ends)


def _online_on(seed: int, account: str, index: int, day: int, t: int, epoch: int) -> bool:
    starts, ends = online_spans(seed, account, index, day, epoch)
    i = bisect.bisect_right(starts, t) - 1
    return i >= 0 and t < ends[i]


def device_online(seed: int, account: str, index: int, t: int, epoch: int) -> bool:
    """Whether device `index` is awake and reporting to this account at instant `t`.

    True when the device made a report in (t - REPORT_S, t]: the one predicate that decides
    whether a scheduled test run happened (a device asleep, or away in another organisation,
    runs no test), so fleet reports, results and analytics agree (universe doc §4, C8). A cached
    day of spans and a bisect: cheap enough for every served result.
    """
    account = account.lower()
    state = devices.device_record(seed, account, index).profile.home.state
    day = local_day(state, t)
    if _online_on(seed, account, index, day, t, epoch):
        return True
    # A span of the previous local date reaches past midnight by at most one report period.
    return t - REPORT_S < day_start(state, day) and _online_on(
        seed, account, index, day - 1, t, epoch
    )


def online_between(
    seed: int, account: str, index: int, lo: int, hi: int, epoch: int
) -> list[tuple[int, int]]:
    """The device's online spans clipped to [lo, hi] (inclusive bounds), oldest first, merged."""
    if hi < lo:
        return []
    account = account.lower()
    state = devices.device_record(seed, account, index).profile.home.state
    out: list[tuple[int, int]] = []
    for day in range(local_day(state, lo) - 1, local_day(state, hi) + 1):
        starts, ends = online_spans(seed, account, index, day, epoch)
        for a, b in zip(starts, ends, strict=True):
            a, b = max(a, lo), min(b - 1, hi)
            if a > b:
                continue
            if out and a <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
    return out


def latest_state(
    seed: int, account: str, index: int, epoch: int, lookback: int = RETENTION_S
) -> tuple[int, Segment] | None:
    """Device `index`'s last report before `epoch` (its timestamp and state), within `lookback`.

    What a registry view needs (remote captures' `commands/devices`: status, version, last seen).
    """
    rec = devices.device_record(seed, account, index)
    return last_report(seed, account.lower(), rec, epoch - lookback, epoch, epoch)
