"""FetchUptimes: each test's monitor history and uptime over a window (notes §9.1).

The monitor of a test alerts now and then. Time is cut into 6-hour slots; in each slot a test
has an outage with a small per-test probability (most tests are very reliable, a few flap),
starting and lasting (2-60 min) at times drawn from (seed, public id, slot) only, so any window
gives the same answer for the same test, and nothing is stored. No outage precedes the test's
creation.

The answer (recorded shape): `history` is the list of state transitions `[epoch_s, 0|1]` inside
the window, led by the last transition at or before `from_ts` (so the first may precede it);
`uptime` is 100 x (time up inside the window) / window, emitted as a float32 widened to double
(12015/14466 -> 83.05682373046875 in the recording). An id the org does not hold is the 404
"Synthetics test not found" of every other operation (the contract lists no 404 here; nothing is
recorded); an empty id list is the recorded 400. A window that ends before it starts
(`from_ts` > `to_ts`) is 400 WINDOW_REVERSED: no real body is on record, so the line follows the
validator's recorded pattern for a bad value ("The value provided for parameter '…' is invalid:
…", notes §3 g, as the empty-host check words it); `from_ts` == `to_ts` is an empty window (the
state at that second).
At most MAX_SLOTS slots (about four years) of a window are modelled; earlier time counts as up.
"""

from __future__ import annotations

import struct
from typing import Any

import orjson

from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import stable_int
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import universe
from netpath_mock.vendors.datadog.records import TestRecord
from netpath_mock.vendors.datadog.schemas import SyntheticsFetchUptimesPayload
from netpath_mock.vendors.datadog.service import TEST_NOT_FOUND, NetworkTestService
from netpath_mock.vendors.datadog.validation import parse_body

VENDOR = universe.VENDOR
SLOT = 6 * 3600
MAX_SLOTS = 6000
LOOKBACK_SLOTS = 120  # 30 days searched back for the state at `from_ts`
# Per-test chance of an outage in a slot: most tests almost never alert, a few flap.
_RELIABILITY = ((0.002, 55), (0.01, 25), (0.03, 14), (0.08, 6))
_RELIABILITY_TOTAL = sum(w for _, w in _RELIABILITY)
WINDOW_REVERSED = (
    "The value provided for parameter 'from_ts' is invalid: must not be greater than 'to_ts'"
)


def float32(value: float) -> float:
    """`value` rounded to the nearest float32, as the API emits uptimes."""
    rounded: float = struct.unpack("f", struct.pack("f", value))[0]
    return rounded


def _outage_chance(seed: int, public_id: str) -> float:
    roll = stable_int(seed, VENDOR, "reliability", public_id, bits=16) % _RELIABILITY_TOTAL
    for chance, weight in _RELIABILITY:
        if roll < weight:
            return chance
        roll -= weight
    return _RELIABILITY[-1][0]  # pragma: no cover


def outage(seed: int, public_id: str, chance: float, slot: int) -> tuple[int, int] | None:
    """The (start, end) of the outage in `slot`, or None when the slot had none."""
    bits = stable_int(seed, VENDOR, "outage", public_id, str(slot), bits=64)
    if (bits & 0xFFFFFFFF) / 2**32 >= chance:
        return None
    duration = 120 + ((bits >> 32) & 0xFFFF) * 3480 // 0x10000
    start = slot * SLOT + ((bits >> 48) & 0xFFFF) * (SLOT - duration) // 0x10000
    return start, start + duration


def uptime_of(seed: int, record: TestRecord, from_ts: int, to_ts: int) -> dict[str, Any]:
    """One SyntheticsTestUptime item."""
    public_id = record.public_id
    chance = _outage_chance(seed, public_id)
    created = int(record.created_at)
    first_slot = max(created // SLOT, to_ts // SLOT - MAX_SLOTS)

    def outages(low: int, high: int) -> list[tuple[int, int]]:
        # Slots low..high, never before the modelled span: at most MAX_SLOTS + LOOKBACK_SLOTS.
        found = []
        for slot in range(max(low, first_slot), high + 1):
            window = outage(seed, public_id, chance, slot)
            if window is not None and window[0] >= created:
                found.append(window)
        return found

    # The state at from_ts: the last transition at or before it.
    from_slot = from_ts // SLOT
    lead: list[int] = [max(created, from_ts - LOOKBACK_SLOTS * SLOT), 0]
    for start, end in reversed(outages(from_slot - LOOKBACK_SLOTS, from_slot)):
        if start <= from_ts:
            lead = [start, 1] if from_ts < end else [end, 0]
            break
    history = [lead]
    down = 0
    for start, end in outages(from_slot, to_ts // SLOT):
        if from_ts < start <= to_ts:
            history.append([start, 1])
        if from_ts < end <= to_ts:
            history.append([end, 0])
        down += max(0, min(end, to_ts) - max(start, from_ts))
    span = to_ts - from_ts
    # An empty window has the state at its start.
    uptime = 100.0 * (span - down) / span if span > 0 else 0.0 if lead[1] == 1 else 100.0
    attributes = record.attributes
    options = attributes.get("options") or {}
    name = options.get("monitor_name") or f"[Synthetics] {attributes.get('name')}"
    return {
        "from_ts": from_ts,
        "to_ts": to_ts,
        "overall": {
            "name": name,
            "preview": False,
            "monitor_type": "synthetics alert",
            "monitor_modified": int(record.modified_at),
            "errors": None,
            "span_precision": 0,
            "history": history,
            "uptime": float32(uptime),
        },
        "public_id": public_id,
        "groups": [],
    }


def fetch_uptimes(service: NetworkTestService, session: Session, raw: bytes) -> bytes:
    """The FetchUptimes body: one item per id, in the order asked."""
    body = parse_body(raw, SyntheticsFetchUptimesPayload)
    if body.from_ts > body.to_ts:
        raise BadRequest(WINDOW_REVERSED)
    seed = service.state.seed
    records = []
    for public_id in dict.fromkeys(body.public_ids):
        record = service.record(session, public_id)
        if record is None:
            raise TEST_NOT_FOUND.error()
        records.append(record)
    items = [uptime_of(seed, record, body.from_ts, body.to_ts) for record in records]
    return orjson.dumps(items) + b"\n"


class TestUptimes:
    """FetchUptimes as a state-wide service."""

    __test__ = False  # not a pytest test class

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)

    def fetch(self, session: Session, raw: bytes) -> bytes:
        """The FetchUptimes body."""
        return fetch_uptimes(self.service, session, raw)
