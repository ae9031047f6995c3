"""DEX fleet status, device ISPs, colos and WARP change events, from the device timelines.

Every answer reads the same registry (devices.py), the same device-day segments (timeline.py)
and the same traceroute runs (universe.py, service.py), so the operations agree with one another
and with the test results (universe doc §5: C5, C8, C10, C11, C12, C14, C15). Services take
typed parameters and return wire bodies (bytes); routes only parse and forward.

Per request, work is bounded by the registry and the window, never by the number of runs or
reports: pages are found by counting arithmetic progressions (progressions.py), and a device's
ISP entries are generated only for the rows of the page asked for.
"""

from __future__ import annotations

import functools
import ipaddress
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, TypeVar, cast

import orjson

from netpath_mock.core.cache import BodyCache
from netpath_mock.core.seeding import rng_for
from netpath_mock.core.state import MockState
from netpath_mock.netmodel import colos, networks, places
from netpath_mock.vendors.cloudflare import (
    devices,
    errors,
    generator,
    query,
    runs,
    service,
    timeline,
    universe,
)
from netpath_mock.vendors.cloudflare.devices import DeviceRecord
from netpath_mock.vendors.cloudflare.progressions import Progression, page, total
from netpath_mock.vendors.cloudflare.timeline import HOUR, REPORT_S, RETENTION_S, Segment

REDACTED: Final = "REDACTED"
LAST_SEEN_MAX_S: Final = 3600
SOURCES: Final = ("last_seen", "hourly", "raw")
SORT_KEYS: Final = ("colo", "device_id", "mode", "platform", "status", "timestamp", "version")
_ERRORS_HEAD: Final = b'{"errors":[],"messages":[],"success":true,"result":'


def rfc3339(t: int) -> str:
    """`2023-10-11T00:00:00Z`: fleet rows, ISP time_start, WARP events (universe doc §2)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def postgres(t: int) -> str:
    """`2023-07-16 15:00:00+00`: bucket timestamps (universe doc §2)."""
    return time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(t))


def single(result: Any) -> bytes:
    """The single-object success envelope."""
    return _ERRORS_HEAD + orjson.dumps(result) + b"}"


def collection(result: Any, page_no: int, per_page: int, count: int, total_count: int) -> bytes:
    """The collection envelope with result_info (count = items on this page)."""
    info = {"count": count, "page": page_no, "per_page": per_page, "total_count": total_count}
    return _ERRORS_HEAD + orjson.dumps(result) + b',"result_info":' + orjson.dumps(info) + b"}"


# --- Colos --------------------------------------------------------------------------------------

_PLACE_BY_ZIP: Final[dict[str, places.Place]] = {p.zip: p for p in places.PLACES}
# Every Cloudflare colo of the universe: the colos devices connect to and paths cross.
COLOS: Final[tuple[tuple[str, str, str], ...]] = tuple(
    sorted((code, _PLACE_BY_ZIP[zip_].city, "US") for code, zip_ in colos.US_COLOS)
)
COLO_CODES: Final = frozenset(code for code, _, _ in COLOS)


# --- Telemetry ----------------------------------------------------------------------------------

_MASK: Final = (1 << 64) - 1


def _u(key: int, t: int, salt: int) -> float:
    """A uniform [0, 1) draw keyed by (device, instant, salt): splitmix64, no state."""
    x = (key ^ (t * 0x9E3779B97F4A7C15) ^ (salt * 0xD1B54A32D192ED03)) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return (x ^ (x >> 31)) / 2.0**64


def _battery(rec: DeviceRecord, t: int, seg: Segment) -> tuple[float, bool]:
    """(percent, charging): a laptop drains from where the session began; phones too."""
    key = rec.profile.route_key
    start_level = 55.0 + 45.0 * _u(key, seg.session_start, 1)
    hours = (t - seg.session_start) / HOUR
    if rec.usually_plugged:
        return min(100.0, start_level + 22.0 * hours), start_level + 22.0 * hours < 100.0
    drain = (6.0 if rec.kind == "phone" else 9.0) + 6.0 * _u(key, 0, 2)
    level = start_level - drain * hours
    if level >= 15.0:
        return level, False
    # Below 15 % the user plugs in: it charges back at ~25 % an hour.
    plugged_at = (start_level - 15.0) / drain
    return min(100.0, 15.0 + 25.0 * (hours - plugged_at)), True


def _workload(t: int, seg: Segment) -> float:
    """0..1: busier in the first hours after wake-up."""
    hours = (t - seg.session_start) / HOUR
    return 0.6 if hours < 3 else 0.35


@dataclass(frozen=True, slots=True)
class IspHop:
    """The first public hop a device's traceroutes cross: its access network (ISP)."""

    address: str
    asn: int
    aso: str
    name: str | None
    city: str | None
    state: str | None
    zip: str | None


@lru_cache(maxsize=256)
def _networks() -> tuple[tuple[ipaddress.IPv4Network, ...], ...]:
    return tuple(
        tuple(ipaddress.IPv4Network(cidr) for cidr in cidrs) for cidrs in networks.PREFIXES.values()
    )


@lru_cache(maxsize=4096)
def netmask(address: str) -> str:
    """The mask of the announced prefix holding `address` (a /24 when none is known)."""
    ip = ipaddress.IPv4Address(address)
    for family in _networks():
        for net in family:
            if ip in net:
                return str(net.netmask)
    return "255.255.255.0"


def isp_hop(hops: list[dict[str, object]], device_asn: int) -> IspHop | None:
    """The first answering hop with an ASN on the client-to-isp mile (else of the device's AS)."""
    chosen: dict[str, object] | None = None
    for hop in hops:
        if hop["mile"] == generator.MILE_ISP and hop["asn"] is not None and hop["ipAddress"]:
            chosen = hop
            break
    if chosen is None:
        chosen = next((h for h in hops if h["asn"] == device_asn and h["ipAddress"]), None)
    if chosen is None:
        return None
    location = chosen["location"]
    place = location if isinstance(location, dict) else {}
    asn, aso, name = chosen["asn"], chosen["aso"], chosen["name"]
    return IspHop(
        address=str(chosen["ipAddress"]),
        asn=int(asn) if isinstance(asn, int) else device_asn,
        aso=str(aso),
        name=str(name) if name else None,
        city=place.get("city"),
        state=place.get("state"),
        zip=place.get("zip"),
    )


def ip_info(hop: IspHop, *, pii: bool) -> dict[str, Any]:
    """The wire `ip` object; PII-gated fields are "REDACTED" without the PII permission."""
    location = {
        "city": hop.city,
        "country_iso": "US",
        "state_iso": hop.state,
        "zip": hop.zip,
    }
    info: dict[str, Any] = {
        "address": hop.address if pii else REDACTED,
        "asn": hop.asn,
        "aso": hop.aso,
        "location": {k: (v if pii else REDACTED) for k, v in location.items() if v is not None},
        "netmask": netmask(hop.address) if pii else REDACTED,
        "version": 1,
    }
    if hop.name is not None:
        info["name"] = hop.name if pii else REDACTED
    return info


def _newest_run(seed: int, account: str, index: int, epoch: int) -> universe.RunRef | None:
    """The device's newest run of test 0 that happened (None if it slept all week)."""
    shape = universe.account_shape(seed, account)
    for slot in range(shape.slots_per_device(0)):
        ref = universe.RunRef(account, 0, slot * shape.devices + index)
        if runs.run_exists(seed, epoch, ref):
            return ref
    return None


@lru_cache(maxsize=4096)  # bounded: one small record per device
def device_isp(seed: int, account: str, index: int, epoch: int) -> IspHop | None:
    """The device's access network: the first public hop of its newest traceroute run."""
    rec = devices.device_record(seed, account, index)
    ref = _newest_run(seed, account, index, epoch) if rec.runs_traceroutes else None
    if ref is not None:
        _, _, run = service.build_run(seed, ref)
        hops = run.hops
    else:
        # No traceroute runs: the path such a run would take through its home network.
        test = service.account_tests(seed, account)[0]
        rng = rng_for(seed, universe.VENDOR, account, "isp-probe", str(index))
        hops = generator.network_path(rng, rec.profile, test).hops
    return isp_hop(hops, rec.profile.asn)


F = TypeVar("F", bound=Callable[..., bytes])


def _freeze(value: object) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    assert isinstance(value, Hashable)
    return value


def _cached(method: F) -> F:
    """Serve a body again from the service's bounded cache (same arguments, same bytes: C16)."""

    @functools.wraps(method)
    def wrapper(self: FleetService, *args: object, **kwargs: object) -> bytes:
        key = (
            method.__name__,
            *(_freeze(a) for a in args),
            *sorted((k, _freeze(v)) for k, v in kwargs.items()),
        )
        body = self._cache.get(key)
        if body is None:
            body = method(self, *args, **kwargs)
            self._cache.put(key, body)
        return body

    return cast(F, wrapper)


class FleetService:
    """Answers the eight fleet operations with serialized bodies."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self._cache: BodyCache[tuple[object, ...]] = BodyCache(state.settings.cache_size)
        state.on_reseed(self._cache.clear)

    # -- shared ----------------------------------------------------------------------------------

    @property
    def seed(self) -> int:
        """The universe's seed."""
        return self.state.seed

    @property
    def now(self) -> int:
        """The universe's clock: every answer is relative to the epoch (universe doc §4)."""
        return int(self.state.settings.epoch.timestamp())

    def _clip(self, lo: int, hi: int) -> tuple[int, int]:
        """The part of [lo, hi] inside the retention window (may be empty: lo > hi)."""
        now = self.now
        return max(lo, now - RETENTION_S), min(hi, now)

    def _record(self, account: str, device_id: str) -> DeviceRecord:
        index = devices.locate_device(self.seed, account, device_id)
        if index is None:
            raise errors.DEVICE_NOT_FOUND.error()
        return devices.device_record(self.seed, account, index)

    def _segments(self, account: str, rec: DeviceRecord, lo: int, hi: int) -> list[Segment]:
        return timeline.segments_between(self.seed, account, rec, lo, hi, self.now)

    def _last(
        self, account: str, rec: DeviceRecord, lo: int, hi: int, colo: str | None = None
    ) -> tuple[int, Segment] | None:
        return timeline.last_report(self.seed, account, rec, lo, hi, self.now, colo)

    # -- rows --------------------------------------------------------------------------------

    def row(
        self, account: str, rec: DeviceRecord, t: int, seg: Segment, *, pii: bool
    ) -> dict[str, Any]:
        """One fleet-status row: the device's state report at `t` with its telemetry."""
        return self._row(account, rec, t, seg, [(t, seg)], pii=pii)

    def _row(
        self,
        account: str,
        rec: DeviceRecord,
        stamp: int,
        seg: Segment,
        ticks: list[tuple[int, Segment]],
        *,
        pii: bool,
    ) -> dict[str, Any]:
        """A row stamped `stamp`, its state from `seg`, telemetry averaged over `ticks`."""
        key = rec.profile.route_key
        n = len(ticks)
        up = seg.status in (timeline.CONNECTED, timeline.CONNECTING)
        cpu = sum(
            min(100.0, rec.cpu_base * (0.6 + _workload(t, s)) + 30.0 * _u(key, t, 3) ** 3)
            for t, s in ticks
        )
        ram = sum(min(97.0, rec.ram_base + 12.0 * _u(key, t, 4)) for t, _ in ticks)
        disk = rec.disk_pct + 0.2 * _u(key, stamp // 86400, 5)
        wifi = rec.wifi_dbm
        handshake: float = -1.0
        if up and rec.tunnel_type is not None:
            base = rec.profile.lan_ms + rec.profile.access_ms + 4.0
            handshake = sum(base * (1.0 + 0.4 * _u(key, t, 6)) for t, _ in ticks) / n
        row: dict[str, Any] = {
            "colo": seg.colo,
            "deviceId": rec.device_id,
            "deviceName": rec.name,
            "mode": seg.mode,
            "personEmail": rec.person_email,
            "platform": rec.platform,
            "registrationId": rec.registration_id,
            "status": seg.status,
            "timestamp": rfc3339(stamp),
            "version": seg.version,
            "alwaysOn": rec.auto_connect,
            "batteryCharging": None,
            "batteryCycles": None,
            "batteryPct": None,
            "connectionType": "wifi" if rec.profile.wifi else "ethernet",
            "cpuPct": round(cpu / n, 1),
            "deviceIpv4": {
                "address": rec.device_ipv4 if pii else REDACTED,
                "netmask": "255.255.255.0" if pii else REDACTED,
                "version": 1,
            },
            "deviceRegistration": rec.registration_id,
            "diskUsagePct": round(disk, 1),
            "firewallEnabled": rec.platform in ("windows", "mac"),
            "gatewayIpv4": {
                "address": rec.profile.lan[0][0] if pii else REDACTED,
                "version": 1,
            },
            "handshakeLatencyMs": round(handshake, 1),
            "ispIpv4": None,
            "networkSsid": rec.ssid,
            "ramUsedPct": round(ram / n, 1),
            "switchLocked": rec.switch_locked,
            "tunnelType": rec.tunnel_type if seg.mode != devices.MODE_DOH else None,
            "wifiStrengthDbm": (
                None if wifi is None else round(wifi + sum(_u(key, t, 7) for t, _ in ticks) / n * 8)
            ),
        }
        if rec.has_battery:
            pct, charging = _battery(rec, ticks[-1][0], ticks[-1][1])
            row["batteryPct"] = round(pct, 1)
            row["batteryCharging"] = charging
            row["batteryCycles"] = 40 + int(_u(key, 0, 8) * 600)
        hop = device_isp(self.seed, account, rec.index, self.now)
        if hop is not None and up:
            row["ispIpv4"] = ip_info(hop, pii=pii)
        return row

    # -- fleet-status/devices ----------------------------------------------------------------

    @_cached
    def fleet_devices(
        self,
        account: str,
        *,
        lo: int,
        hi: int,
        page_no: int,
        per_page: int,
        sort_by: str,
        source: str,
        filters: dict[str, str],
        pii: bool = True,
    ) -> bytes:
        """`GET fleet-status/devices`: one page of rows, newest first within the sort key."""
        if source == "last_seen" and hi - lo > LAST_SEEN_MAX_S:
            # "Time windows exceeding 60 minutes will be rejected from June 1st, 2026" (K); the
            # universe's clock is past that date. Status and code unknown (universe §8.10).
            raise query.invalid("from", lo)
        account = account.lower()
        lo, hi = self._clip(lo, hi)
        rows: list[dict[str, Any]] = []
        total_count = 0
        if lo <= hi:
            groups = self._fleet_progressions(account, lo, hi, source, sort_by, filters)
            offset = (page_no - 1) * per_page
            for key in sorted(groups):
                progs = groups[key]
                n = total(progs)
                total_count += n
                if len(rows) >= per_page:
                    continue
                if offset >= n:
                    offset -= n
                    continue
                for t, prog in page(progs, offset, per_page - len(rows)):
                    rows.append(self._fleet_row(account, t, prog, source, lo, hi, pii=pii))
                offset = 0
        return collection(rows, page_no, per_page, len(rows), total_count)

    def _fleet_progressions(
        self,
        account: str,
        lo: int,
        hi: int,
        source: str,
        sort_by: str,
        filters: dict[str, str],
    ) -> dict[str, list[Progression]]:
        groups: dict[str, list[Progression]] = defaultdict(list)
        wanted_id = filters.get("device_id")
        platform = filters.get("platform")
        state_filters = [(k, v) for k, v in filters.items() if k in ("colo", "mode", "status")]
        version = filters.get("version")

        def keep(seg: Segment) -> bool:
            if version is not None and seg.version != version:
                return False
            return all(getattr(seg, k) == v for k, v in state_filters)

        for rec in devices.registry(self.seed, account):
            if wanted_id is not None and rec.device_id != wanted_id:
                continue
            if platform is not None and rec.platform != platform:
                continue
            if source == "last_seen":
                last = self._last_matching(account, rec, lo, hi, keep)
                if last is not None:
                    t, seg = last
                    prog = Progression(t, t, REPORT_S, rec.device_id, (rec, seg))
                    groups[_group(sort_by, rec, seg)].append(prog)
                continue
            segs = [s for s in self._segments(account, rec, lo, hi) if keep(s)]
            if source == "raw":
                for seg in segs:
                    first = seg.first_tick(rec.phase_s, lo)
                    last_t = seg.last_tick(rec.phase_s, hi)
                    if first <= last_t:
                        prog = Progression(first, last_t, REPORT_S, rec.device_id, (rec, seg))
                        groups[_group(sort_by, rec, seg)].append(prog)
                continue
            for prog in self._hourly(rec, segs, lo, hi):
                groups[_group(sort_by, rec, prog.payload[1])].append(prog)
        return groups

    def _last_matching(
        self, account: str, rec: DeviceRecord, lo: int, hi: int, keep: Callable[[Segment], bool]
    ) -> tuple[int, Segment] | None:
        for seg in reversed(self._segments(account, rec, lo, hi)):
            if not keep(seg):
                continue
            t = seg.last_tick(rec.phase_s, hi)
            if t >= max(seg.start, lo):
                return t, seg
        return None

    @staticmethod
    def _hourly(rec: DeviceRecord, segs: list[Segment], lo: int, hi: int) -> list[Progression]:
        """Hourly rollup rows: one per hour with reports, its state that of the hour's last."""
        last_in_hour: dict[int, tuple[int, Segment]] = {}
        for seg in segs:
            first, last = seg.first_tick(rec.phase_s, lo), seg.last_tick(rec.phase_s, hi)
            if last < first:
                continue
            for hour in range(first - first % HOUR, last + 1, HOUR):
                t = min(last, hour + HOUR - 1)
                t -= (t - first) % REPORT_S
                if t >= max(first, hour):
                    last_in_hour[hour] = (t, seg)
        progs: list[Progression] = []
        run: list[int] = []

        def flush() -> None:
            if run:
                seg = last_in_hour[run[-1]][1]
                progs.append(Progression(run[0], run[-1], HOUR, rec.device_id, (rec, seg)))
                run.clear()

        for hour in sorted(last_in_hour):
            seg = last_in_hour[hour][1]
            if run and (hour != run[-1] + HOUR or _state(last_in_hour[run[-1]][1]) != _state(seg)):
                flush()
            run.append(hour)
        flush()
        return progs

    def _fleet_row(
        self,
        account: str,
        t: int,
        prog: Progression,
        source: str,
        lo: int,
        hi: int,
        *,
        pii: bool,
    ) -> dict[str, Any]:
        rec, seg = prog.payload
        if source != "hourly":
            return self.row(account, rec, t, seg, pii=pii)
        a, b = max(t, lo), min(t + HOUR - 1, hi)
        ticks = [
            (tick, s)
            for s in self._segments(account, rec, a, b)
            for tick in range(
                s.first_tick(rec.phase_s, a), s.last_tick(rec.phase_s, b) + 1, REPORT_S
            )
        ]
        last_tick, last_seg = ticks[-1]
        del last_tick
        return self._row(account, rec, t, last_seg, ticks, pii=pii)

    # -- fleet-status/live and over-time ------------------------------------------------------

    @_cached
    def live(self, account: str, since_minutes: float) -> bytes:
        """`GET fleet-status/live`: each device's last state in the last `since_minutes`."""
        account = account.lower()
        now = self.now
        lo = now - int(since_minutes * 60)
        dims: dict[str, Counter[str]] = {
            "byColo": Counter(),
            "byMode": Counter(),
            "byPlatform": Counter(),
            "byStatus": Counter(),
            "byVersion": Counter(),
        }
        count = 0
        for rec in devices.registry(self.seed, account):
            last = self._last(account, rec, lo, now)
            if last is None:
                continue
            _, seg = last
            count += 1
            dims["byColo"][seg.colo] += 1
            dims["byMode"][seg.mode] += 1
            dims["byPlatform"][rec.platform] += 1
            dims["byStatus"][seg.status] += 1
            dims["byVersion"][seg.version] += 1
        stats: dict[str, Any] = {name: _stat_list(counter) for name, counter in dims.items()}
        stats["uniqueDevicesTotal"] = count
        return single({"deviceStats": stats})

    @_cached
    def over_time(
        self, account: str, lo: int, hi: int, colo: str | None, device_id: str | None
    ) -> bytes:
        """`GET fleet-status/over-time`: hourly counts of devices by mode and by status."""
        account = account.lower()
        lo, hi = self._clip(lo, hi)
        by_mode: Counter[tuple[int, str]] = Counter()
        by_status: Counter[tuple[int, str]] = Counter()
        seen = 0
        if lo <= hi:
            for rec in devices.registry(self.seed, account):
                if device_id is not None and rec.device_id != device_id:
                    continue
                present = False
                for hour in range(lo - lo % HOUR, hi + 1, HOUR):
                    last = self._last(account, rec, max(lo, hour), min(hi, hour + HOUR - 1), colo)
                    if last is None:
                        continue
                    present = True
                    by_mode[hour, last[1].mode] += 1
                    by_status[hour, last[1].status] += 1
                seen += present
        return single(
            {
                "deviceStats": {
                    "byMode": _series(by_mode),
                    "byStatus": _series(by_status),
                    "uniqueDevicesTotal": seen,
                }
            }
        )

    # -- devices/{id}/fleet-status/* ---------------------------------------------------------

    @_cached
    def device_live(
        self,
        account: str,
        device_id: str,
        since_minutes: float,
        time_now: int | None,
        colo: str | None,
        *,
        pii: bool = True,
    ) -> bytes:
        """`GET devices/{id}/fleet-status/live`: the bare latest state, 404 without one."""
        account = account.lower()
        rec = self._record(account, device_id)
        # The window is [time_now - since, time_now], then clipped to what has happened: a
        # time_now far in the future leaves nothing of it (C5), rather than the newest state.
        until = self.now if time_now is None else time_now
        hi = min(until, self.now)
        lo = max(until - int(since_minutes * 60), self.now - RETENTION_S)
        last = self._last(account, rec, lo, hi, colo)
        if last is None:
            raise errors.DEVICE_STATE_NOT_FOUND.error()
        t, seg = last
        return orjson.dumps(self.row(account, rec, t, seg, pii=pii))

    @_cached
    def device_over_time(
        self, account: str, device_id: str, lo: int, hi: int, interval: str, colo: str | None
    ) -> bytes:
        """`GET devices/{id}/fleet-status/over-time`: bucketed metrics and top networks."""
        account = account.lower()
        rec = self._record(account, device_id)
        lo, hi = self._clip(lo, hi)
        size = 60 if interval == "minute" else HOUR
        buckets: dict[int, list[tuple[int, Segment]]] = defaultdict(list)
        networks: Counter[str] = Counter()
        if lo <= hi:
            for seg in self._segments(account, rec, lo, hi):
                if colo is not None and seg.colo != colo:
                    continue
                first, last = seg.first_tick(rec.phase_s, lo), seg.last_tick(rec.phase_s, hi)
                for t in range(first, last + 1, REPORT_S):
                    buckets[t - t % size].append((t, seg))
                    if rec.ssid is not None:
                        networks[rec.ssid] += 1
        metrics: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for start in sorted(buckets):
            ticks = buckets[start]
            last_t, last_seg = ticks[-1]
            row = self._row(account, rec, last_t, last_seg, ticks, pii=True)
            stamp = postgres(start)
            for metric, field in _DEVICE_METRICS:
                value = row[field]
                if value is not None:
                    metrics[metric].append({"timestamp": stamp, "value": value})
        top = [{"name": name, "count": n} for name, n in networks.most_common()]
        return single({"top_networks": top, "over_time": dict(metrics)})

    # -- devices/{id}/isps -------------------------------------------------------------------

    @_cached
    def device_isps(
        self,
        account: str,
        device_id: str,
        *,
        lo: int | None,
        hi: int | None,
        page_no: int,
        per_page: int,
        descending: bool,
        pii: bool = True,
        hidden: frozenset[int] = frozenset(),
    ) -> bytes:
        """`GET devices/{id}/isps`: the access network of each traceroute run of the device.

        `hidden`: universe test indices whose runs the caller's session no longer has (tests it
        deleted or changed: definitions.hidden_histories); part of the cache key when given.
        """
        account = account.lower()
        rec = self._record(account, device_id)
        now = self.now
        lo, hi = self._clip(now - RETENTION_S if lo is None else lo, now if hi is None else hi)
        items: list[dict[str, Any]] = []
        n = 0
        # "Last seen ISP" is reported by the Windows and macOS clients only (DOC traceroute.mdx).
        if lo <= hi and rec.runs_traceroutes and rec.platform in devices.ISP_PLATFORMS:
            progs = list(_run_progressions(self.seed, account, rec.index, now, lo, hi))
            if hidden:
                progs = [p for p in progs if p.payload[0] not in hidden]
            n = total(progs)
            offset = (page_no - 1) * per_page
            for t, prog in page(progs, offset, per_page, descending=descending):
                items.append(self._isp_entry(account, rec, t, prog, pii=pii))
        return collection({"isps": items}, page_no, per_page, len(items), n)

    def _isp_entry(
        self, account: str, rec: DeviceRecord, t: int, prog: Progression, *, pii: bool
    ) -> dict[str, Any]:
        test_index, offset, interval, runners = prog.payload
        slot = (self.now - offset - t) // interval
        run_index = slot * runners + rec.index
        ref = universe.RunRef(account, test_index, run_index)
        _, _, run = service.build_run(self.seed, ref)
        entry: dict[str, Any] = {}
        hop = isp_hop(run.hops, rec.profile.asn)
        if hop is not None:
            entry["ip"] = ip_info(hop, pii=pii)
        entry["test_id"] = universe.test_id(self.seed, account, test_index)
        entry["test_result_id"] = universe.result_id(self.seed, account, test_index, run_index)
        entry["time_start"] = rfc3339(t)
        return entry

    # -- colos -------------------------------------------------------------------------------

    @_cached
    def colos(self, account: str, lo: int, hi: int, sort_by: str | None) -> bytes:
        """`GET colos`: every colo; by usage in the window first when `sort_by` asks for it."""
        account = account.lower()
        entries = [{"airportCode": c, "city": city, "countryCode": cc} for c, city, cc in COLOS]
        if sort_by is not None:
            lo, hi = self._clip(lo, hi)
            usage = (
                self._fleet_usage(account, lo, hi)
                if sort_by == "fleet-status-usage"
                else self._test_usage(account, lo, hi)
            )
            entries.sort(key=lambda e: (-usage.get(e["airportCode"], 0.0), e["airportCode"]))
        return single(entries)

    def _fleet_usage(self, account: str, lo: int, hi: int) -> dict[str, float]:
        usage: dict[str, float] = defaultdict(float)
        if lo > hi:
            return usage
        for rec in devices.registry(self.seed, account):
            for seg in self._segments(account, rec, lo, hi):
                if seg.colo in COLO_CODES:
                    usage[seg.colo] += seg.count(rec.phase_s, lo, hi)
        return usage

    def _test_usage(self, account: str, lo: int, hi: int) -> dict[str, float]:
        usage: dict[str, float] = defaultdict(float)
        if lo > hi:
            return usage
        for rec in devices.registry(self.seed, account):
            if not rec.runs_traceroutes:
                continue
            count = total(list(_run_progressions(self.seed, account, rec.index, self.now, lo, hi)))
            # Anycast lands a few runs on the second-nearest colo (generator: 3 %).
            usage[rec.profile.colo] += count * 0.97
            usage[rec.profile.alt_colo] += count * 0.03
        return usage

    # -- warp-change-events ------------------------------------------------------------------

    @_cached
    def warp_events(
        self,
        account: str,
        lo: int,
        hi: int,
        *,
        page_no: int,
        per_page: int,
        kind: str | None,
        toggle: str | None,
        config_name: str | None,
        account_name: str | None,
        descending: bool,
    ) -> bytes:
        """`GET warp-change-events`: toggle and configuration events of registered devices."""
        account = account.lower()
        lo, hi = self._clip(lo, hi)
        events: list[tuple[int, str, dict[str, Any]]] = []
        if lo <= hi:
            for t, rec, event in self._events(account, lo, hi):
                if _event_matches(event, kind, toggle, config_name, account_name):
                    events.append((t, rec.device_id, event))
        events.sort(key=lambda e: (e[0], e[1]), reverse=descending)
        start = (page_no - 1) * per_page
        chosen = [e for _, _, e in events[start : start + per_page]]
        return collection(chosen, page_no, per_page, len(chosen), len(events))

    def _events(
        self, account: str, lo: int, hi: int
    ) -> Iterable[tuple[int, DeviceRecord, dict[str, Any]]]:
        seed, now = self.seed, self.now
        own = devices.org(seed, account)
        for rec in devices.registry(seed, account):
            state = rec.profile.home.state
            for day in range(timeline.local_day(state, lo), timeline.local_day(state, hi) + 1):
                for toggle in timeline.device_day(seed, account, rec.index, day, now).toggles:
                    if lo <= toggle.timestamp <= hi:
                        event = {
                            "account_name": own.name,
                            "account_tag": account,
                            **_event_device(rec),
                            "timestamp": rfc3339(toggle.timestamp),
                            "toggle": toggle.toggle,
                        }
                        yield toggle.timestamp, rec, _ordered(event)
        for change in timeline.config_events(seed, account, now):
            if not lo <= change.timestamp <= hi:
                continue
            rec = devices.device_record(seed, account, change.device_index)
            src = devices.org(seed, change.from_account)
            dst = devices.org(seed, change.to_account)
            event = {
                **_event_device(rec),
                "from": {
                    "account_name": src.name,
                    "account_tag": change.from_account,
                    "config_name": change.from_config,
                },
                "timestamp": rfc3339(change.timestamp),
                "to": {
                    "account_name": dst.name,
                    "account_tag": change.to_account,
                    "config_name": change.to_config,
                },
            }
            yield change.timestamp, rec, _ordered(event)


_DEVICE_METRICS: Final = (
    ("battery_pct", "batteryPct"),
    ("cpu_pct", "cpuPct"),
    ("ram_used_pct", "ramUsedPct"),
    ("disk_usage_pct", "diskUsagePct"),
    ("wifi_strength_dbm", "wifiStrengthDbm"),
    ("handshake_latency_ms", "handshakeLatencyMs"),
    ("mode", "mode"),
    ("status", "status"),
)


def _state(seg: Segment) -> tuple[str, str, str, str]:
    return seg.status, seg.mode, seg.colo, seg.version


def _group(sort_by: str, rec: DeviceRecord, seg: Segment) -> str:
    """The sort group of a row: its value of `sort_by` ('' when sorting by time only)."""
    if sort_by == "timestamp":
        return ""
    if sort_by == "device_id":
        return rec.device_id
    if sort_by == "platform":
        return rec.platform
    value: str = getattr(seg, sort_by)
    return value


def _stat_list(counter: Counter[str]) -> list[dict[str, Any]]:
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [{"uniqueDevicesTotal": n, "value": value} for value, n in ordered]


def _series(counter: Counter[tuple[int, str]]) -> list[dict[str, Any]]:
    return [
        {"timestamp": postgres(hour), "uniqueDevicesTotal": n, "value": value}
        for (hour, value), n in sorted(counter.items())
    ]


def _run_progressions(
    seed: int, account: str, index: int, epoch: int, lo: int, hi: int
) -> Iterable[Progression]:
    """The device's traceroute runs in [lo, hi]: arithmetic progressions, per test and span.

    Run `slot * D + index` of test k was scheduled at epoch - slot * interval - offset
    (universe.py), for slot 0..slots-1: an arithmetic progression in time. It ran only while the
    device was online (runs.run_exists), so each test's progression is cut to the device's
    online spans: still a few dozen progressions over the retention, counted without listing.
    """
    shape = universe.account_shape(seed, account)
    spans = timeline.online_between(seed, account, index, lo, hi, epoch)
    for k in range(shape.tests):
        interval = shape.interval_min(k) * 60
        offset = shape.offset(k, index)
        newest = epoch - offset
        oldest = newest - (shape.slots_per_device(k) - 1) * interval
        for a, b in spans:
            first = max(oldest, a + (newest - a) % interval) if a > oldest else oldest
            last = min(newest, b - (b - newest) % interval) if b < newest else newest
            if first <= last:
                yield Progression(first, last, interval, k, (k, offset, interval, shape.devices))


def _event_device(rec: DeviceRecord) -> dict[str, Any]:
    return {
        "device_id": rec.device_id,
        "device_registration": rec.registration_id,
        "hostname": rec.name,
        "registration_id": rec.registration_id,
        "serial_number": rec.serial_number,
        "user_email": rec.person_email,
    }


def _ordered(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event[k] for k in sorted(event)}


def _event_matches(
    event: dict[str, Any],
    kind: str | None,
    toggle: str | None,
    config_name: str | None,
    account_name: str | None,
) -> bool:
    """Filters as a SQL WHERE: a filter on a field an event lacks excludes the event."""
    is_toggle = "toggle" in event
    if kind is not None and kind != ("toggle" if is_toggle else "config"):
        return False
    if toggle is not None and event.get("toggle") != toggle:
        return False
    if config_name is not None and (
        is_toggle or config_name not in (event["from"]["config_name"], event["to"]["config_name"])
    ):
        return False
    if account_name is not None:
        names = (
            (event["account_name"],)
            if is_toggle
            else (event["from"]["account_name"], event["to"]["account_name"])
        )
        if account_name not in names:
            return False
    return True
