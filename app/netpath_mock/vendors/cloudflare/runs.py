"""The runs of a test: when each device ran it, and each run's metrics, by hour block.

Each (test, device) pair is scheduled every `interval` at its own offset (universe.AccountShape),
so the runs inside any window follow from arithmetic: slot s of device d is due at
`epoch - s * interval - offset(d)`, and ran if the device was online then
(timeline.device_online: a laptop asleep at night, or a device away in another organisation,
runs nothing, so a run exists only where the fleet view shows its device reporting). A
traceroute run's metrics are read from the very result the seed endpoint serves
(service.build_run): its final hop's RTT and loss, its hop count, whether the destination
answered, its colo and the RTT of the last answering hop of each mile. An HTTP run's come from
http_tests' timing model. Either way a run costs microseconds (HTTP) to tens of microseconds (a
traced path), so runs are kept per (account, test, device, UTC hour) in a bounded LRU of compact
int arrays: aggregates over a day re-read a few hundred blocks, and memory stays flat whatever
windows are asked for.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from netpath_mock.core.seeding import stable_int
from netpath_mock.vendors.cloudflare import generator, http_tests, service, timeline, universe
from netpath_mock.vendors.cloudflare.tests_catalog import TestConfig

VENDOR = universe.VENDOR
HOUR: Final = 3600
RETENTION_S: Final = int(universe.RETENTION.total_seconds())
NULL: Final = -1  # an absent value in a record (no RTT, no mile, no timing)
MILES: Final = ("client-to-isp", "client-to-cf-ingress", "client-to-cf-egress", "client-to-app")

# Traceroute record: ts, run index, colo, rtt, hops, loss x10, available, then the 4 mile RTTs.
TR_TS, TR_RUN, TR_COLO, TR_RTT, TR_HOPS, TR_LOSS, TR_AVAIL = range(7)
TR_MILE0: Final = 7
TR_WIDTH: Final = 11
# HTTP record: ts, slot, colo, dns, server response, resource fetch, status (0: none), available.
H_TS, H_SLOT, H_COLO, H_DNS, H_SERVER, H_FETCH, H_STATUS, H_AVAIL = range(8)
H_WIDTH: Final = 8

_BLOCK_COST: Final = 48  # a block's key, array header and dict slot, in 4-byte units
_ALT_COLO_SHARE: Final = 0.03  # as the traceroutes: anycast sometimes lands one colo further
_COLOS: list[str] = []  # interned colo codes: records carry an index (a few dozen codes at most)
_COLO_INDEX: dict[str, int] = {}


def colo_index(code: str) -> int:
    """A small int for a colo code (interned once per process)."""
    index = _COLO_INDEX.get(code)
    if index is None:
        index = _COLO_INDEX[code] = len(_COLOS)
        _COLOS.append(code)
    return index


def colo_code(index: int) -> str:
    """The colo code of an interned index."""
    return _COLOS[index]


def run_exists(seed: int, epoch: int, ref: universe.RunRef) -> bool:
    """Whether the scheduled traceroute run `ref` happened: its device was online then.

    The result id of a run that did not happen is a 404 (service), and no listing or aggregate
    counts it (RunStore, isps, the catalog): one predicate decides for all of them.
    """
    return run_time(seed, epoch, ref) is not None


def run_time(seed: int, epoch: int, ref: universe.RunRef) -> int | None:
    """When the scheduled traceroute run `ref` started (Unix seconds), or None if it did not run.

    `run_exists` and the run's timestamp in one: the served result needs both.
    """
    shape = universe.account_shape(seed, ref.account_id)
    ts = shape.run_timestamp(epoch, ref.test_index, ref.run_index)
    device = ref.run_index % shape.devices
    return ts if timeline.device_online(seed, ref.account_id, device, ts, epoch) else None


def ran_between(
    seed: int, epoch: int, account: str, test_index: int, device: int, lo: int, hi: int
) -> bool:
    """Whether `device` ran test `test_index` at least once in [lo, hi] (Unix seconds).

    A slot falls in an online span [a, b] when the progression newest - s * interval has a term
    there: a handful of spans per day, no run listed.
    """
    shape = universe.account_shape(seed, account)
    if device >= shape.runners(test_index):
        return False
    interval = shape.interval_min(test_index) * 60
    newest = epoch - shape.offset(test_index, device)
    oldest = newest - (shape.slots_per_device(test_index) - 1) * interval
    lo, hi = max(lo, oldest), min(hi, newest)
    for a, b in timeline.online_between(seed, account, device, lo, hi, epoch):
        if a + (newest - a) % interval <= b:
            return True
    return False


@lru_cache(maxsize=16384)  # bounded: one bool per (account, test, device)
def ran_within_retention(seed: int, epoch: int, account: str, test_index: int, device: int) -> bool:
    """Whether `device` ran test `test_index` at least once in the retention window."""
    return ran_between(seed, epoch, account, test_index, device, epoch - RETENTION_S, epoch)


def catalog(seed: int, epoch: int, limit: int) -> list[universe.RunRef]:
    """`limit` results that exist (universe.catalog's order, runs that did not happen skipped)."""
    return list(iter_catalog(seed, epoch, limit))


def iter_catalog(seed: int, epoch: int, limit: int) -> Iterator[universe.RunRef]:
    """The results `catalog` lists, one at a time (what `generate` streams to files)."""
    return universe.iter_catalog(seed, limit, exists=lambda ref: run_exists(seed, epoch, ref))


def slot_range(
    shape: universe.AccountShape, epoch: int, test_index: int, device: int, lo: int, hi: int
) -> range:
    """The slots of (test, device) whose run started in [lo, hi] (Unix seconds), oldest first."""
    interval = shape.interval_min(test_index) * 60
    base = epoch - shape.offset(test_index, device)  # slot s ran at base - s * interval
    newest = max(0, -((hi - base) // interval))  # ceil((base - hi) / interval)
    oldest = min(shape.slots_per_device(test_index) - 1, (base - lo) // interval)
    return range(oldest, newest - 1, -1)


class RunStore:
    """Per-run records by (account, test, device, hour), computed on demand, LRU-bounded.

    `max_ints` bounds what is kept: records are 8-11 ints of 4 bytes, and each block counts
    _BLOCK_COST more for its key and array header; the default is about 16 MB.
    """

    def __init__(self, seed: int, epoch: int, max_ints: int = 4_000_000) -> None:
        self.seed = seed
        self.epoch = epoch
        self.max_ints = max_ints
        self._blocks: OrderedDict[tuple[str, int, int, int], array[int]] = OrderedDict()
        self._ints = 0

    def reseed(self, seed: int) -> None:
        """Forget every block (the universe changed)."""
        self.seed = seed
        self._blocks.clear()
        self._ints = 0

    def __len__(self) -> int:
        return len(self._blocks)

    def hours(self, start_ms: int, end_ms: int) -> range:
        """The UTC hours (Unix seconds // 3600) a window touches inside the retention."""
        lo = max(start_ms // 1000, self.epoch - RETENTION_S - HOUR)
        hi = min(-(-end_ms // 1000), self.epoch)
        if lo > hi:
            return range(0)
        return range(lo // HOUR, hi // HOUR + 1)

    def block(self, account: str, test: TestConfig, device: int, hour: int) -> array[int]:
        """The records of `device`'s runs of `test` that started in UTC hour `hour`."""
        index = test.index
        if index is None:
            return array("i")  # a test without history has no runs
        key = (account, index, device, hour)
        found = self._blocks.get(key)
        if found is not None:
            self._blocks.move_to_end(key)
            return found
        if test.kind == "traceroute":
            records = self._traceroute_block(account, index, device, hour)
        else:
            records = self._http_block(account, index, test.target, device, hour)
        self._blocks[key] = records
        self._ints += len(records) + _BLOCK_COST
        while self._ints > self.max_ints and self._blocks:
            _, evicted = self._blocks.popitem(last=False)
            self._ints -= len(evicted) + _BLOCK_COST
        return records

    def records(
        self, account: str, test: TestConfig, device: int, start_ms: int, end_ms: int
    ) -> Iterator[tuple[int, array[int]]]:
        """(offset, block) of every record of `device` with start time in the window.

        Yields offsets into blocks (record k of a block starts at k * width), oldest first.
        """
        width = TR_WIDTH if test.kind == "traceroute" else H_WIDTH
        lo_ms, hi_ms = start_ms, end_ms
        for hour in self.hours(start_ms, end_ms):
            block = self.block(account, test, device, hour)
            inside = lo_ms <= hour * HOUR * 1000 and (hour + 1) * HOUR * 1000 - 1000 <= hi_ms
            for offset in range(0, len(block), width):
                if inside or lo_ms <= block[offset] * 1000 <= hi_ms:
                    yield offset, block

    def _traceroute_block(
        self, account: str, test_index: int, device: int, hour: int
    ) -> array[int]:
        shape = universe.account_shape(self.seed, account)
        out = array("i")
        if device >= shape.devices:
            return out  # Linux and iOS devices run no traceroute
        lo = hour * HOUR
        for slot in slot_range(shape, self.epoch, test_index, device, lo, lo + HOUR - 1):
            run_index = slot * shape.devices + device
            timestamp = shape.run_timestamp(self.epoch, test_index, run_index)
            if not timeline.device_online(self.seed, account, device, timestamp, self.epoch):
                continue  # the device slept through this slot: no run
            ref = universe.RunRef(account, test_index, run_index)
            _, _, run = service.build_run(self.seed, ref)
            out.extend(traceroute_record(timestamp, run_index, run))
        return out

    def _http_block(
        self,
        account: str,
        index: int,
        target: http_tests.HttpTarget | None,
        device: int,
        hour: int,
    ) -> array[int]:
        shape = universe.account_shape(self.seed, account)
        out = array("i")
        if target is None or device >= shape.runners(index):
            return out  # iOS runs no DEX test
        profile = service.account_device(self.seed, account, device)
        edge = http_tests.edge_profile(self.seed, account, index, device, target.host)
        test_key = http_key(self.seed, account, index, -1)
        device_key = http_key(self.seed, account, index, device)
        interval = shape.interval_min(index) * 60
        base = self.epoch - shape.offset(index, device)
        lo = hour * HOUR
        for slot in slot_range(shape, self.epoch, index, device, lo, lo + HOUR - 1):
            ts = base - slot * interval
            if not timeline.device_online(self.seed, account, device, ts, self.epoch):
                continue  # the device slept through this slot: no run
            run_key = (device_key + slot * 16) & 0xFFFFFFFFFFFFFFFF
            alt = http_tests.uniform(run_key + 12) < _ALT_COLO_SHARE
            run = http_tests.http_run(target, edge, run_key, test_key, ts, alt)
            colo = profile.alt_colo if alt else profile.colo
            out.extend(
                (
                    ts,
                    slot,
                    colo_index(colo),
                    NULL if run.dns_ms is None else run.dns_ms,
                    NULL if run.server_ms is None else run.server_ms,
                    NULL if run.fetch_ms is None else run.fetch_ms,
                    run.status,
                    int(run.available),
                )
            )
        return out


def traceroute_record(timestamp: int, run_index: int, run: generator.PathRun) -> tuple[int, ...]:
    """The record of one traced run: what every aggregate reads of it.

    RTT is the final hop's `rttMs` when it answered; loss its `packetLossPct`; the run is
    available when the final hop answered ("at least one packet reached the destination"); each
    mile's RTT is that of its last answering hop (universe doc §5, C4).
    """
    hops = run.hops
    final = hops[-1]
    rtt = final["rttMs"]
    miles = [NULL, NULL, NULL, NULL]
    for hop in hops:
        value = hop["rttMs"]
        if isinstance(value, int):
            miles[_MILE_INDEX[str(hop["mile"])]] = value
    loss = final["packetLossPct"]
    return (
        timestamp,
        run_index,
        colo_index(run.colo),
        rtt if isinstance(rtt, int) else NULL,
        len(hops),
        round((loss if isinstance(loss, int | float) else 100.0) * 10),
        int(isinstance(rtt, int)),
        *miles,
    )


_MILE_INDEX: Final = {mile: i for i, mile in enumerate(MILES)}


@lru_cache(maxsize=4096)
def http_key(seed: int, account: str, test_index: int, device: int) -> int:
    """The keyed 64-bit base of a device's HTTP runs of a test (device -1: the test's own)."""
    return stable_int(seed, VENDOR, account, "http-runs", str(test_index), str(device))
