"""Byte-bounded storage for what clients may make the server keep: per-session stores, budgets.

Everything a request can add to the server's memory is counted in bytes, not only in items:
one create with a 1 MB name weighs as much as a thousand ordinary ones. A `ByteBudget` is a
running count with an optional cap, rolled up into a parent (a session's budget into the
server's); a `BoundedStore` is a dict whose items are charged to a budget and which refuses, with
a vendor-renderable error, what would exceed its caps.

    store = session.store("cloudflare.dex_tests")   # one per session and name, created on use
    store[test_id] = document                       # StoreFull (a 400) past the session's cap
    store.put_all({a: x, b: y})                     # all or nothing
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterator, Mapping, MutableMapping
from typing import Any, TypeVar

from netpath_mock.core.errors import BadRequest

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Items one store keeps, whatever their size (the Datadog overlay's historical bound).
MAX_STORE_ITEMS = 10_000


class StoreFull(BadRequest):
    """A session store is full: vendors render it as their 400."""


class ByteBudget:
    """A running byte count, capped (`limit`) or not (None), rolled up into `parent`.

    `charge` never refuses: callers ask `fits` first when a refusal is possible (stores) and
    evict when it is not (journals). The parent counts every child's bytes, so the server-wide
    budget sees the sum of all sessions without walking them.
    """

    __slots__ = ("limit", "parent", "used")

    def __init__(self, limit: int | None = None, parent: ByteBudget | None = None) -> None:
        self.limit = limit
        self.parent = parent
        self.used = 0

    def fits(self, size: int) -> bool:
        """Whether `size` more bytes stay within this budget's cap."""
        return self.limit is None or self.used + size <= self.limit

    def charge(self, size: int) -> None:
        """Count `size` more bytes here and in every parent."""
        budget: ByteBudget | None = self
        while budget is not None:
            budget.used += size
            budget = budget.parent

    def release(self, size: int) -> None:
        """Count `size` fewer bytes here and in every parent."""
        self.charge(-size)

    @property
    def over(self) -> bool:
        """Whether more bytes are counted than the cap allows."""
        return self.limit is not None and self.used > self.limit


# What CPython allocates per object beyond its payload is what sys.getsizeof reports; containers
# and objects (their __dict__ or __slots__) are walked, each object counted once.
_ATOMIC = (str, bytes, int, float, bool, type(None))


def deep_size(value: Any) -> int:
    """An estimate of the memory `value` holds: getsizeof over everything it reaches."""
    seen: set[int] = set()
    stack = [value]
    total = 0
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, _ATOMIC):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            attributes = getattr(item, "__dict__", None)
            if attributes is not None:
                stack.append(attributes)
            for cls in type(item).__mro__:
                for name in getattr(cls, "__slots__", ()):
                    if name not in ("__dict__", "__weakref__"):
                        stack.append(getattr(item, name, None))
    return total


def store_full(limit_items: int, limit_bytes: int | None) -> StoreFull:
    """The default refusal: names both caps, so a client can tell which it reached."""
    cap = f" or {limit_bytes} bytes" if limit_bytes is not None else ""
    return StoreFull(
        f"Maximum number of {limit_items} stored resources{cap} reached for this session"
    )


class BoundedStore(MutableMapping[K, V]):
    """A dict charged to a ByteBudget: at most `max_items` items and what the budget allows.

    Reads cost what a dict's do. A write that would pass either cap raises StoreFull (a
    BadRequest the vendor renders) and changes nothing; `put_all` writes several items or none.
    """

    def __init__(
        self,
        budget: ByteBudget,
        *,
        max_items: int = MAX_STORE_ITEMS,
        sizeof: Callable[[Any], int] = deep_size,
        full: Callable[[], StoreFull] | None = None,
    ) -> None:
        self.budget = budget
        self.max_items = max_items
        self._sizeof = sizeof
        self._full = full or (lambda: store_full(max_items, budget.limit))
        self._items: dict[K, V] = {}
        self._sizes: dict[K, int] = {}
        # The dict's own bound method: lookups on the hot path pay no Python frame.
        self.get = self._items.get  # type: ignore[method-assign]

    def item_size(self, key: K, value: V) -> int:
        """What storing `value` under `key` weighs."""
        return self._sizeof(key) + self._sizeof(value)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __setitem__(self, key: K, value: V) -> None:
        self.put_all({key: value})

    def put_all(self, items: Mapping[K, V]) -> None:
        """Store every item of `items`, or none of them (StoreFull) if the caps would be passed."""
        sizes = {key: self.item_size(key, value) for key, value in items.items()}
        new = sum(1 for key in items if key not in self._items)
        delta = sum(size - self._sizes.get(key, 0) for key, size in sizes.items())
        if len(self._items) + new > self.max_items or (delta > 0 and not self.budget.fits(delta)):
            raise self._full()
        self._items.update(items)
        self._sizes.update(sizes)
        self.budget.charge(delta)

    def __delitem__(self, key: K) -> None:
        del self._items[key]
        self.budget.release(self._sizes.pop(key))

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes(self) -> int:
        """What the stored items weigh together."""
        return sum(self._sizes.values())

    def clear(self) -> None:
        """Drop every item and give its bytes back."""
        self.budget.release(self.bytes)
        self._items.clear()
        self._sizes.clear()
