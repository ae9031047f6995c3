"""The closed, seeded universe of an organisation's Network Path tests.

An org has `datadog_test_count` tests. Their public ids are `xxx-xxx-xxx` drawn from the real
alphabet (no 0, 1, l, o: datadog-contract-notes §5), derived only from (seed, index); the ids of
Datadog's docs and SDK examples come first, so they resolve out of the box. Created tests (a later
overlay) get ids from the same alphabet and never collide with this table.
"""

from __future__ import annotations

from functools import lru_cache

from netpath_mock.core.seeding import stable_int

VENDOR = "datadog"
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"
# c7a-uwa-wn2: a long-lived real network test (notes §5); abc-def-123: the spec's example.
DOC_PUBLIC_IDS = ("c7a-uwa-wn2", "abc-def-123")


def public_id_from_int(n: int) -> str:
    """Nine alphabet characters from the low 45 bits of `n`, as xxx-xxx-xxx."""
    chars = [ALPHABET[(n >> (5 * i)) & 31] for i in range(9)]
    return f"{''.join(chars[0:3])}-{''.join(chars[3:6])}-{''.join(chars[6:9])}"


@lru_cache(maxsize=16)
def public_ids(seed: int, count: int) -> tuple[str, ...]:
    """The org's test ids, in catalog order."""
    ids = list(DOC_PUBLIC_IDS[:count])
    seen = set(ids)
    i = 0
    while len(ids) < count:
        candidate = public_id_from_int(stable_int(seed, VENDOR, "test", str(i), bits=45))
        i += 1
        if candidate not in seen:
            seen.add(candidate)
            ids.append(candidate)
    return tuple(ids)


@lru_cache(maxsize=16)
def index_of(seed: int, count: int) -> dict[str, int]:
    """public_id -> catalog index, for O(1) existence checks."""
    return {public_id: i for i, public_id in enumerate(public_ids(seed, count))}
