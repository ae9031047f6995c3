"""A bounded LRU cache of serialized bodies, shared by the vendor services."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# How many recently missed keys the doorkeeper remembers (forgotten all at once when full).
DOORKEEPER_SIZE = 512
# What one service's cache may hold, whatever its count bound: with 4,096 bodies of 3-35 KB
# (results, fleet pages, analytics) a count alone let the caches of one server reach ~170 MB.
DEFAULT_MAX_BYTES = 8 << 20


class BodyCache(Generic[K]):
    """At most `size` bodies and `max_bytes` of them, least recently used evicted first.

    `size` 0 stores nothing; a body over a tenth of `max_bytes` is never kept (it would evict a
    crowd of small ones). A small doorkeeper (as in W-TinyLFU) admits a body on its second miss
    within the last `doorkeeper` misses. A client asking for the same resource again gets it
    cached from its second request on; a client walking the universe (each resource once, or a
    second pass long after the first) pays no insert and eviction per request and leaves memory
    flat. Measured on the distinct-resource benchmark: 4% more throughput than admitting every
    miss. `doorkeeper=0` admits every miss (for bodies that are expensive to compute).
    """

    def __init__(
        self, size: int, max_bytes: int = DEFAULT_MAX_BYTES, doorkeeper: int = DOORKEEPER_SIZE
    ) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[K, bytes] = OrderedDict()
        self._bytes = 0
        self._seen: set[K] = set()
        self._seen_max = doorkeeper

    def get(self, key: K) -> bytes | None:
        """The cached body of `key`, marking it recently used."""
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, key: K, body: bytes) -> None:
        """Offer `key`'s body: stored if admitted (see the class), else only noted."""
        if not self.size or len(body) > self.max_bytes // 10:
            return
        if self._seen_max:
            if key in self._seen:
                self._seen.discard(key)
            else:
                if len(self._seen) >= self._seen_max:
                    self._seen.clear()
                self._seen.add(key)
                return
        bodies = self._bodies
        former = bodies.get(key)
        if former is not None:
            self._bytes -= len(former)
        bodies[key] = body
        self._bytes += len(body)
        while len(bodies) > self.size or self._bytes > self.max_bytes:
            _, evicted = bodies.popitem(last=False)
            self._bytes -= len(evicted)

    def clear(self) -> None:
        """Forget everything (the seed changed)."""
        self._bodies.clear()
        self._bytes = 0
        self._seen.clear()

    @property
    def bytes(self) -> int:
        """What the kept bodies weigh."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._bodies)
