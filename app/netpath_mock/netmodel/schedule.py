"""Run schedules: how often a recurring test runs, and when each of its runs started.

One source for both vendors: a vendor picks a test's interval here (from its own product's
choices) and reports that same interval (DEX `interval`, Datadog `tick_every`), and every run
timestamp derives from it. Runs count back from the settings' epoch: slot 0 is the newest run,
slot k ran k intervals earlier. Each runner (device, probe location) has its own fixed phase
inside the interval, so runners are not in lockstep.

Pure functions: no clock. `phase` uses crc32, which is stable everywhere and cheap on the
per-result path (a time offset needs spread, not unpredictability).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence


def pick_interval(bits: int, choices: Sequence[int]) -> int:
    """The interval a test runs at, chosen from `choices` by hash `bits` (uniform index)."""
    return choices[bits % len(choices)]


def phase(interval: int, *key: str) -> int:
    """A runner's fixed offset inside `interval` (same unit), keyed by `key`."""
    return zlib.crc32(":".join(key).encode()) % interval


def run_start(epoch: int, interval: int, slot: int, offset: int) -> int:
    """Start of run `slot` (0 = newest) of a runner at `offset`, counting back from `epoch`."""
    return epoch - (slot * interval + offset)


def slots_within(retention: int, interval: int) -> int:
    """How many runs of one runner fit in a retention window (same unit as `interval`)."""
    return int(retention // interval)


def slot_at(epoch: int, interval: int, offset: int, at: int) -> int:
    """The newest run slot that started at or before `at` (0 when `at` is after the newest)."""
    newest = run_start(epoch, interval, 0, offset)
    if at >= newest:
        return 0
    return (newest - at + interval - 1) // interval


def runs_between(epoch: int, interval: int, offset: int, start: int, end: int) -> range:
    """Slots of the runs that started within [start, end] (newest first)."""
    newest = run_start(epoch, interval, 0, offset)
    if end < start or start > newest:
        return range(0)
    first = 0 if end >= newest else (newest - end + interval - 1) // interval
    last = (newest - start) // interval
    return range(first, last + 1)
