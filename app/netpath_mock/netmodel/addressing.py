"""IPv4 addressing: prefix pools parsed once, address draws inside them, private ranges."""

from __future__ import annotations

import random
from typing import Final

from netpath_mock.netmodel import networks as nw

Pool = tuple[tuple[int, int], ...]  # (first address, size) per prefix


def parse_cidr(text: str) -> tuple[int, int]:
    """(first address as an int, number of addresses) of an IPv4 CIDR."""
    addr, bits = text.split("/")
    a, b, c, d = (int(part) for part in addr.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d, 1 << (32 - int(bits))


POOLS: Final[dict[str, Pool]] = {
    key: tuple(parse_cidr(cidr) for cidr in cidrs)
    for key, cidrs in (*nw.PREFIXES.items(), *nw.TARGET_PREFIXES.items())
}


def dotted(n: int) -> str:
    """An address int as dotted quad."""
    return f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def dashed(n: int) -> str:
    """An address int with dashes, as PTR names spell it (`108-232-152-1`)."""
    return f"{n >> 24}-{(n >> 16) & 255}-{(n >> 8) & 255}-{n & 255}"


def to_int(ip: str) -> int:
    """A dotted quad as an int."""
    a, b, c, d = (int(part) for part in ip.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def ip_int(rng: random.Random, pool: Pool, last: int = 0) -> int:
    """An address inside `pool`; the last octet is `last`, or 1-254 at random."""
    base, size = pool[rng.randrange(len(pool))] if len(pool) > 1 else pool[0]
    n = base + (rng.randrange(size >> 8) << 8)
    return n + (last or rng.randrange(1, 255))


def ip(rng: random.Random, pool: Pool) -> str:
    """A dotted address inside `pool`."""
    return dotted(ip_int(rng, pool))


def private_ip(rng: random.Random) -> str:
    """An RFC 1918 router address (.1 or .254 of a random /24)."""
    u = rng.random()
    if u < 0.5:
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.choice((1, 254))}"
    if u < 0.8:
        return f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.choice((1, 254))}"
    return f"192.168.{rng.randrange(256)}.{rng.choice((1, 254))}"


_PRIVATE: Final = tuple(parse_cidr(c) for c in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
_CGNAT: Final = parse_cidr("100.64.0.0/10")  # RFC 6598: exactly 100.64.0.0-100.127.255.255


def is_internal(address: str) -> bool:
    """Whether an address is RFC 1918 or RFC 6598 (never routed across the public internet)."""
    n = to_int(address)
    return any(base <= n < base + size for base, size in (*_PRIVATE, _CGNAT))


def in_pool(address: str, key: str) -> bool:
    """Whether an address lies in the named pool."""
    n = to_int(address)
    return any(base <= n < base + size for base, size in POOLS[key])
