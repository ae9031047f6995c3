"""The hop skeleton a route is made of, and its segment and flag vocabulary."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel.addressing import POOLS, Pool, ip
from netpath_mock.netmodel.places import Place

# Segments of a path, in order. A vendor maps them to its own vocabulary (DEX miles).
SOURCE: Final = 0  # the source's own networks: LAN, ISP or cloud provider (DEX client-to-isp)
INGRESS: Final = 1  # towards an edge the source tunnels to, up to it (client-to-cf-ingress)
EDGE: Final = 2  # inside that edge, up to where traffic leaves it (client-to-cf-egress)
DESTINATION: Final = 3  # onwards to the destination (client-to-app)

# Skeleton hop flags.
F_SILENT: Final = 1  # a router that never answers (Fios/Spectrum hop 2, realism.md §3)
F_NOSILENCE: Final = 2  # never silenced at random (hop 1, access, segment ends, destination)
F_NOBUMP: Final = 4  # no slow-path bump or spike (LAN, access, segment ends, before long legs)
F_EDGE: Final = 8  # an anycast edge router: answers from one of many parallel links


@dataclass(slots=True)
class RouteHop:
    """A hop of a route, before per-run noise.

    Attributes:
        ip: the address it answers from (None for a router that never answers).
        asn: its network (None for private and CGNAT addresses).
        name: its PTR (or LAN resolver) name.
        place: where it is (None for private hops).
        segment: SOURCE | INGRESS | EDGE | DESTINATION.
        incr: ms this hop adds besides distance.
        flags: F_* bits.
        pool: for unnamed routers, where a parallel (ECMP) link's address comes from.
        aso: organisation name of `asn`, filled in when the route is finished.
        base: typical RTT to the hop, ms.
        floor: speed-of-light floor from the source, whole ms (R17).
    """

    ip: str | None
    asn: int | None
    name: str | None
    place: Place | None
    segment: int
    incr: float
    flags: int = 0
    pool: Pool | None = None
    aso: str | None = None
    base: float = 0.0
    floor: int = 0


def router(
    rng: random.Random, pool_key: str, asn: int, place: Place, name: str | None = None
) -> RouteHop:
    """A router of `asn` at `place`, addressed from `pool_key`; unnamed ones may ECMP."""
    pool = POOLS[pool_key]
    return RouteHop(
        ip(rng, pool),
        asn,
        name,
        place,
        SOURCE,
        rng.uniform(0.1, 1.2),
        pool=None if name else pool,
    )


def silent(place: Place | None, segment: int = SOURCE, incr: float = 0.0) -> RouteHop:
    """A router that never answers traceroute probes."""
    return RouteHop(None, None, None, place, segment, incr, F_SILENT)
