"""The closed, seeded universe of DEX accounts, traceroute tests, devices and results.

Every well-formed account id names an account; its tests, devices and results follow from
(seed, account_id) alone. Result ids carry a keyed tag, so existence is decided in O(1) with no
table: a UUID the universe did not issue fails the tag check (odds 2^-90) and is a 404.

Layout, stable so the rest of the traceroute family can be served from it later:
account -> tests 0..T-1 (traceroute-tests/{test_id}) -> runs 0..R-1 of each test, run r made by
device r % D at slot r // D counted back from the epoch (network-path slots) -> one result id
per run (traceroute-test-results/{id}/network-path). In the account of Cloudflare's docs and SDK
tests, run 0 of test 0 carries their example result id, so those examples resolve out of the box.

HTTP tests follow the traceroute tests (indices T..T+H-1) and own no result ids. The device
registry is devices 0..D-1 (the traceroute runners) plus a Linux and an iOS device; every
device and test has a keyed UUID (`device_id`, `test_id`), found back by a per-account dict.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from netpath_mock.core.seeding import stable_digest, stable_int
from netpath_mock.netmodel import schedule

VENDOR = "cloudflare"
# The ids of Cloudflare's docs page and SDK tests (cloudflare-contract-notes §4).
DOC_ACCOUNT_ID = "01a7362d577a6c3019a474fd6f485823"
DOC_RESULT_ID = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
# The SDK's tests use the docs' placeholders for every kind of id (notes §4): in the docs'
# account, test 0 (the test of DOC_RESULT_ID, a traceroute test) and device 0 (the device that
# ran it) carry the same UUID, and device 1 carries the contract's deviceId example.
DOC_TEST_ID = DOC_RESULT_ID
DOC_DEVICE_IDS = (DOC_RESULT_ID, "cb49c27f-7f97-49c5-b6f3-f7c01ead0fd7")
RETENTION = timedelta(days=7)  # Standard/Enterprise result retention (contract notes §5)
_TAG_BITS = 90
_PAYLOAD_BITS = 32  # test index (8 bits) and run index (24 bits)
_LOW62 = (1 << 62) - 1


@dataclass(frozen=True, slots=True)
class RunRef:
    """Where a result sits: its account, test index and run index."""

    account_id: str
    test_index: int
    run_index: int


@lru_cache(maxsize=4096)
def _key(seed: int, account_id: str) -> bytes:
    return stable_digest(seed, VENDOR, "result-key", account_id.lower(), size=32)


def _tag(key: bytes, payload: int) -> int:
    digest = hashlib.blake2b(payload.to_bytes(4, "big"), key=key, digest_size=12).digest()
    return int.from_bytes(digest, "big") >> (96 - _TAG_BITS)


def _mask(key: bytes, tag: int) -> int:
    digest = hashlib.blake2b(tag.to_bytes(12, "big"), key=key, person=b"mask", digest_size=4)
    return int.from_bytes(digest.digest(), "big")


def _to_uuid(n: int) -> str:
    # Spread 122 bits around the version (4) and variant (10) bits of a UUIDv4.
    value = (
        ((n >> 74) << 80) | (4 << 76) | (((n >> 62) & 0xFFF) << 64) | (0b10 << 62) | (n & _LOW62)
    )
    return str(uuid.UUID(int=value))


def _from_uuid(text: str) -> int | None:
    try:
        # The route already checked the 8-4-4-4-12 hex form; int() is 3x cheaper than UUID().
        value = int(text.replace("-", ""), 16) if len(text) == 36 else uuid.UUID(text).int
    except ValueError:
        return None
    if value >> 128:
        return None
    if (value >> 76) & 0xF != 4 or (value >> 62) & 0b11 != 0b10:
        return None
    return ((value >> 80) << 74) | (((value >> 64) & 0xFFF) << 62) | (value & _LOW62)


def result_id(seed: int, account_id: str, test_index: int, run_index: int) -> str:
    """The id of run `run_index` of test `test_index` in `account_id`."""
    if test_index == 0 and run_index == 0 and account_id.lower() == DOC_ACCOUNT_ID:
        return DOC_RESULT_ID
    key = _key(seed, account_id)
    payload = (test_index << 24) | run_index
    tag = _tag(key, payload)
    return _to_uuid((tag << _PAYLOAD_BITS) | (payload ^ _mask(key, tag)))


def locate_result(seed: int, account_id: str, test_result_id: str) -> RunRef | None:
    """The run a result id names in `account_id`, or None if the universe never issued it."""
    is_doc_account = account_id.lower() == DOC_ACCOUNT_ID
    if is_doc_account and test_result_id.lower() == DOC_RESULT_ID:
        return RunRef(account_id, 0, 0)
    n = _from_uuid(test_result_id)
    if n is None:
        return None
    key = _key(seed, account_id)
    tag = n >> _PAYLOAD_BITS
    payload = (n & 0xFFFFFFFF) ^ _mask(key, tag)
    if _tag(key, payload) != tag:
        return None
    test_index, run_index = payload >> 24, payload & 0xFFFFFF
    account = account_shape(seed, account_id)
    if test_index >= account.tests or run_index >= account.runs_per_test(test_index):
        return None
    if is_doc_account and test_index == 0 and run_index == 0:
        return None  # that run's id is DOC_RESULT_ID, never the tagged form
    return RunRef(account_id, test_index, run_index)


@dataclass(frozen=True, slots=True)
class AccountShape:
    """How many tests and devices an account has, and each test's interval.

    Tests 0..tests-1 are traceroute tests (they own result ids); tests tests..test_count-1 are
    HTTP tests. Devices 0..devices-1 run traceroutes (Windows, macOS, Android, ChromeOS); the
    registry adds EXTRA_PLATFORMS after them (a Linux device, which runs HTTP tests only, and an
    iOS device, which runs neither: DEX docs).
    """

    seed: int
    account_id: str
    tests: int
    devices: int
    intervals_min: tuple[int, ...]
    http_tests: int = 0
    http_intervals_min: tuple[int, ...] = ()
    # The offset of device 0 in test 0 when it must lead its test (the docs' account), else -1.
    lead_offset: int = -1

    @property
    def test_count(self) -> int:
        """Every test of the account, traceroute and HTTP."""
        return self.tests + self.http_tests

    @property
    def registry_size(self) -> int:
        """Every registered device: the traceroute-capable ones plus EXTRA_PLATFORMS."""
        return self.devices + len(EXTRA_PLATFORMS)

    def kind(self, test_index: int) -> str:
        """'traceroute' or 'http'."""
        return "traceroute" if test_index < self.tests else "http"

    def interval_min(self, test_index: int) -> int:
        """How often each device runs test `test_index`, in minutes."""
        if test_index < self.tests:
            return self.intervals_min[test_index]
        return self.http_intervals_min[test_index - self.tests]

    def runners(self, test_index: int) -> int:
        """Devices 0..n-1 run the test: the traceroute-capable ones, plus Linux for HTTP."""
        return self.devices if test_index < self.tests else self.devices + 1

    def runners_of_kind(self, kind: str) -> int:
        """Devices 0..n-1 run tests of `kind` ('traceroute' or 'http')."""
        return self.devices if kind == "traceroute" else self.devices + 1

    def runs_per_test(self, test_index: int) -> int:
        """Results kept for a test: every device runs it once per interval over the retention."""
        interval = self.intervals_min[test_index] * 60
        return self.devices * schedule.slots_within(int(RETENTION.total_seconds()), interval)

    def slots_per_device(self, test_index: int) -> int:
        """Runs each device keeps of a test (any kind) over the retention."""
        return schedule.slots_within(
            int(RETENTION.total_seconds()), self.interval_min(test_index) * 60
        )

    def offset(self, test_index: int, device: int) -> int:
        """Seconds before each interval boundary at which `device` runs the test."""
        if device == 0 and test_index == 0 and self.lead_offset >= 0:
            return self.lead_offset
        # Devices and tests are not in lockstep: each (device, test) pair has its own fixed
        # offset inside the interval.
        interval = self.interval_min(test_index) * 60
        return _offset(self.seed, self.account_id, device, test_index) % interval

    def run_timestamp(self, epoch: int, test_index: int, run_index: int) -> int:
        """When run `run_index` started (Unix seconds): devices report in turn, newest first."""
        slot, device = divmod(run_index, self.devices)
        interval = self.intervals_min[test_index] * 60
        # offset() inlined: this runs once per served result.
        if device == 0 and test_index == 0 and self.lead_offset >= 0:
            offset = self.lead_offset
        else:
            offset = _offset(self.seed, self.account_id, device, test_index) % interval
        return schedule.run_start(epoch, interval, slot, offset)


def _offset(seed: int, account_id: str, device: int, test_index: int) -> int:
    # crc32 rather than blake2b: stable everywhere and cheap on the per-result path; a time
    # offset needs spread, not unpredictability.
    # The same key as netmodel.schedule.phase(interval, ...), without the modulo.
    return zlib.crc32(f"{seed}:{VENDOR}:{account_id}:offset:{device}:{test_index}".encode())


# DEX test frequency is 5-60 minutes (cloudflare-contract-notes §5); common picks weigh more.
_INTERVALS = (5, 10, 15, 15, 30, 30, 30, 60)


# Registry devices after the traceroute-capable ones: Linux runs HTTP tests only, iOS runs no
# DEX test (DEX docs, universe doc §4 "Runs").
EXTRA_PLATFORMS = ("linux", "ios")
# DEX allows 10 tests per account (DOC account-limits): seeded accounts leave room to create one.
MAX_SEEDED_TESTS = 9


@lru_cache(maxsize=4096)  # bounded: a shape is ~200 bytes
def account_shape(seed: int, account_id: str) -> AccountShape:
    """The deterministic shape of an account: 3-8 traceroute tests, 1-2 HTTP tests, 5-24 devices."""
    account = account_id.lower()
    h = stable_int(seed, VENDOR, "shape", account)
    tests = 3 + h % 6
    devices = 5 + (h >> 8) % 20
    intervals = tuple(schedule.pick_interval(h >> (16 + 3 * i), _INTERVALS) for i in range(tests))
    # HTTP tests come after the traceroute tests, so the result ids above keep their meaning.
    h2 = stable_int(seed, VENDOR, "http-shape", account)
    http_tests = min(1 + h2 % 2, MAX_SEEDED_TESTS - tests)
    http_intervals = tuple(
        schedule.pick_interval(h2 >> (8 + 3 * i), _INTERVALS) for i in range(http_tests)
    )
    lead_offset = -1
    if account == DOC_ACCOUNT_ID:
        # The docs' result is the newest run of its test (universe doc §4): device 0 runs test 0
        # just before the epoch, ahead of every other device.
        interval = intervals[0] * 60
        others = min(_offset(seed, account, d, 0) % interval for d in range(1, devices))
        lead_offset = others // 2
    return AccountShape(
        seed, account, tests, devices, intervals, http_tests, http_intervals, lead_offset
    )


@lru_cache(maxsize=4096)  # every result of a test repeats its id: saves a hash and a UUID (2 us)
def test_id(seed: int, account_id: str, test_index: int) -> str:
    """The UUID of test `test_index` in `account_id`."""
    if test_index == 0 and account_id.lower() == DOC_ACCOUNT_ID:
        return DOC_TEST_ID
    return _keyed_uuid(seed, "test", account_id, test_index)


def _keyed_uuid(seed: int, kind: str, account_id: str, index: int) -> str:
    raw = bytearray(stable_digest(seed, VENDOR, kind, account_id.lower(), str(index)))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


@lru_cache(maxsize=1024)  # bounded: at most 10 ids per account
def _test_index(seed: int, account_id: str) -> dict[str, int]:
    shape = account_shape(seed, account_id)
    return {test_id(seed, account_id, i): i for i in range(shape.test_count)}


def locate_test(seed: int, account_id: str, test_id_: str) -> int | None:
    """The index of the seeded test `test_id_` in `account_id`, or None."""
    return _test_index(seed, account_id.lower()).get(test_id_.lower())


def device_id(seed: int, account_id: str, device_index: int) -> str:
    """The UUID of registry device `device_index` in `account_id`."""
    return _device_ids(seed, account_id.lower())[device_index]


@lru_cache(maxsize=1024)  # bounded: at most 26 ids per account
def _device_ids(seed: int, account_id: str) -> tuple[str, ...]:
    size = account_shape(seed, account_id).registry_size
    ids = [_keyed_uuid(seed, "device", account_id, i) for i in range(size)]
    if account_id == DOC_ACCOUNT_ID:
        ids[: len(DOC_DEVICE_IDS)] = DOC_DEVICE_IDS
    return tuple(ids)


@lru_cache(maxsize=1024)
def _device_index(seed: int, account_id: str) -> dict[str, int]:
    return {d: i for i, d in enumerate(_device_ids(seed, account_id))}


def locate_device(seed: int, account_id: str, device_id_: str) -> int | None:
    """The registry index of device `device_id_` in `account_id`, or None."""
    return _device_index(seed, account_id.lower()).get(device_id_.lower())


def device_platform_extra(shape: AccountShape, device_index: int) -> str | None:
    """The platform of a registry device beyond the traceroute-capable ones, else None."""
    if device_index < shape.devices:
        return None
    return EXTRA_PLATFORMS[device_index - shape.devices]


def catalog_accounts(seed: int, count: int) -> list[str]:
    """Accounts the catalog lists: the docs' account first, then seed-derived ones."""
    derived = (stable_digest(seed, VENDOR, "account", str(i)).hex() for i in range(count - 1))
    return [DOC_ACCOUNT_ID, *derived][:count]


def catalog(seed: int, limit: int) -> list[RunRef]:
    """`limit` scheduled runs spread over several accounts, tests and devices.

    Accounts take turns (the docs' account first), so even a short list spans several accounts;
    within an account the newest run of every test comes before older runs. Runs whose device
    slept are listed too: runs.catalog keeps only those that happened.
    """
    return list(iter_catalog(seed, limit))


def iter_catalog(
    seed: int, limit: int, exists: Callable[[RunRef], bool] | None = None
) -> Iterator[RunRef]:
    """The runs `catalog` lists, one at a time.

    `exists` skips the scheduled runs that did not happen (runs.iter_catalog passes the
    timeline's predicate: what `generate` streams and the catalog serves).
    """
    accounts = catalog_accounts(seed, max(1, min(limit, 3, 16), min(16, (limit + 9) // 10)))
    shapes = [account_shape(seed, account) for account in accounts]
    produced = 0
    run = 0
    while produced < limit:
        progressed = False
        for test_index in range(max(shape.tests for shape in shapes)):
            for shape in shapes:
                if test_index >= shape.tests or run >= shape.runs_per_test(test_index):
                    continue
                progressed = True
                ref = RunRef(shape.account_id, test_index, run)
                if exists is not None and not exists(ref):
                    continue
                yield ref
                produced += 1
                if produced == limit:
                    return
        if not progressed:
            return
        run += 1
