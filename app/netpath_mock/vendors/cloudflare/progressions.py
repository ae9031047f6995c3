"""Paging through time-ordered rows that come in arithmetic progressions, without listing them.

Fleet reports (a device reports every 5 minutes through a segment of constant state) and test
runs (a device runs a test every interval) are arithmetic progressions of instants. A page of
rows ordered by (group, time, tie) is found by counting, not by listing: a binary search on time
over the progressions' closed-form counts finds the first row of the page, then a heap merge
yields just `limit` rows. Work is O(P log T + limit log P) for P progressions, whatever the
offset, so a deep page costs what the first one does.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Progression:
    """Instants first, first + period, ..., last (first <= last, both on the progression).

    Attributes:
        first: the earliest instant.
        last: the latest instant.
        period: the spacing, > 0.
        tie: orders rows of equal instants (a device id, a test index).
        payload: what the caller needs to build a row (a segment, a test).
    """

    first: int
    last: int
    period: int
    tie: Hashable
    payload: Any

    def count_ge(self, t: int) -> int:
        """How many instants are >= t."""
        if t > self.last:
            return 0
        if t <= self.first:
            return (self.last - self.first) // self.period + 1
        return (self.last - t) // self.period + 1

    def count_le(self, t: int) -> int:
        """How many instants are <= t."""
        if t < self.first:
            return 0
        if t >= self.last:
            return (self.last - self.first) // self.period + 1
        return (t - self.first) // self.period + 1

    def at_or_before(self, t: int) -> int | None:
        """The latest instant <= t."""
        if t < self.first:
            return None
        if t >= self.last:
            return self.last
        return t - (t - self.first) % self.period

    def at_or_after(self, t: int) -> int | None:
        """The earliest instant >= t."""
        if t > self.last:
            return None
        if t <= self.first:
            return self.first
        return t + (self.first - t) % self.period


def total(progressions: Sequence[Progression]) -> int:
    """How many instants the progressions hold in all."""
    return sum(p.count_ge(p.first) for p in progressions)


def page(
    progressions: Sequence[Progression], offset: int, limit: int, *, descending: bool = True
) -> list[tuple[int, Progression]]:
    """Rows offset..offset+limit-1 ordered by time (newest first if descending), then tie."""
    n = total(progressions)
    if offset >= n or limit <= 0:
        return []
    if descending:
        # T = the instant of row `offset`: the largest T with more than `offset` rows >= T.
        lo, hi = min(p.first for p in progressions), max(p.last for p in progressions)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sum(p.count_ge(mid) for p in progressions) > offset:
                lo = mid
            else:
                hi = mid - 1
        skip = offset - sum(p.count_ge(lo + 1) for p in progressions)
        return list(_merge(progressions, lo, skip, limit, descending=True))
    lo, hi = min(p.first for p in progressions), max(p.last for p in progressions)
    while lo < hi:
        mid = (lo + hi) // 2
        if sum(p.count_le(mid) for p in progressions) > offset:
            hi = mid
        else:
            lo = mid + 1
    skip = offset - sum(p.count_le(lo - 1) for p in progressions)
    return list(_merge(progressions, lo, skip, limit, descending=False))


def _merge(
    progressions: Sequence[Progression], start: int, skip: int, limit: int, *, descending: bool
) -> Iterator[tuple[int, Progression]]:
    heap: list[tuple[int, Any, int]] = []
    for i, p in enumerate(progressions):
        t = p.at_or_before(start) if descending else p.at_or_after(start)
        if t is not None:
            heap.append((-t if descending else t, p.tie, i))
    heapq.heapify(heap)
    taken = 0
    while heap and taken < limit:
        key, tie, i = heapq.heappop(heap)
        p = progressions[i]
        t = -key if descending else key
        if skip:
            skip -= 1
        else:
            taken += 1
            yield t, p
        nxt = t - p.period if descending else t + p.period
        if p.first <= nxt <= p.last:
            heapq.heappush(heap, (-nxt if descending else nxt, tie, i))
