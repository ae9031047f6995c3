"""The time of Datadog writes: each session's simulated clock (core/clock.py), never the host's.

A session's Datadog clock starts at the settings' epoch (the universe's now) and every request
that reaches a write operation (v2 create, update and bulk-delete; v1 patch, delete and
pause/resume; trigger and CI trigger) advances it by STEP_SECONDS, whether the write is then
refused or not, as Cloudflare's DEX writes do. One second is about what a recorded Datadog write
takes (v1 delete: 0.5-2.8 s, notes §9.1). The written time is the step's second plus a
sub-second part keyed by (seed, step number): real stamps carry microseconds
(`2026-09-29T15:19:39.670012+00:00`, notes §9.1), and the part is below a second, so times still
grow with every write. So created_at, modified_at, deleted_at, version times, monitor ids,
trigger times and pause times are functions of the seed and the request sequence alone: the same
requests give the same bytes in any session, any process, on any day. Rate limits keep the real
clock (MockState.clock).
"""

from __future__ import annotations

from netpath_mock.core.clock import US
from netpath_mock.core.seeding import stable_int
from netpath_mock.core.state import Session
from netpath_mock.vendors.datadog.universe import VENDOR

STEP_SECONDS = 1


def write_time(seed: int, session: Session) -> float:
    """Advance the session's clock by one write; that write's time in Unix seconds (µs precise)."""
    clock = session.clock(VENDOR, STEP_SECONDS)
    second = clock.tick()
    fraction = stable_int(seed, VENDOR, "write-time", str(clock.ticks), bits=32) % US
    return (second + fraction) / US
