"""Deterministic randomness: every draw is keyed by (seed, *key), never by request order."""

from __future__ import annotations

import hashlib
import random


def stable_digest(seed: int, *key: str, size: int = 16) -> bytes:
    """A digest of (seed, key) that is the same in every process and on every machine."""
    text = ":".join((str(seed), *key))
    return hashlib.blake2b(text.encode(), digest_size=size).digest()


def stable_int(seed: int, *key: str, bits: int = 64) -> int:
    """A non-negative integer of `bits` bits derived only from (seed, key)."""
    size = (bits + 7) // 8
    return int.from_bytes(stable_digest(seed, *key, size=size), "big") >> (size * 8 - bits)


def rng_for(seed: int, *key: str) -> random.Random:
    """A `random.Random` whose draws depend only on (seed, key).

    `random.Random(int)` seeding and its methods are stable across CPython versions, so a body
    generated from it is byte-identical in any process, after any restart.
    """
    return random.Random(stable_int(seed, *key, bits=64))
