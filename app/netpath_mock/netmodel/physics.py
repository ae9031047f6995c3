"""RTT physics: fibre propagation floor, realistic path inflation, time-of-day congestion.

Light in fibre covers about 200,000 km/s, so the round trip costs at least 1 ms per 100 km of
great-circle distance (realism.md R17); real paths run about 2.1x that (Bozkurt et al.; Singla
et al.), because cables follow roads, rails and coasts and routers add queueing.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, Final

from netpath_mock.netmodel.hops import F_NOBUMP
from netpath_mock.netmodel.places import Place, km

if TYPE_CHECKING:
    from netpath_mock.netmodel.hops import RouteHop

KM_PER_MS: Final = 100.0  # RTT: 1 ms per 100 km of one-way distance (fibre ~200,000 km/s)
LONG_LEG_KM: Final = 500.0  # a leg this long shows the typical ~2.1x inflation (R17)
INTERCONTINENTAL_KM: Final = 5000.0  # longer than any leg inside the contiguous US


def floor_ms(distance_km: float) -> float:
    """Speed-of-light-in-fibre floor of the RTT over a great-circle distance, ms."""
    return distance_km / KM_PER_MS


def leg_ms(rr: random.Random, distance_km: float) -> float:
    """Typical RTT a leg adds: the floor times a drawn inflation, plus a little switching."""
    # Fibre RTT is >= 1 ms per 100 km; real paths run ~2.1x that (R17). Intercontinental
    # legs ride long straight submarine and backbone cables, so they inflate less: Frankfurt-
    # Ashburn runs ~1.35x its floor, Tokyo-Ashburn ~1.45x, Singapore-Frankfurt ~1.55x [infer
    # from commonly published inter-region RTTs]. No leg inside the contiguous US is that long.
    if distance_km >= INTERCONTINENTAL_KM:
        factor = rr.uniform(1.2, 1.6)
    elif distance_km >= LONG_LEG_KM:
        factor = rr.uniform(1.7, 2.6)
    else:
        factor = rr.uniform(1.3, 2.8)
    return 0.2 + distance_km * factor / KM_PER_MS


def accumulate(rr: random.Random, origin: Place, lan_ms: float, hops: list[RouteHop]) -> None:
    """Set every hop's typical RTT (`base`) and whole-ms floor from `origin` along the path."""
    cur = origin
    base = 0.0
    last_located = -1
    for i, hop in enumerate(hops):
        base = lan_ms if i == 0 else base + hop.incr
        place = hop.place
        if place is not None:
            if place != cur:
                distance = km(cur, place)
                base += leg_ms(rr, distance)
                if distance >= LONG_LEG_KM:
                    # Keep the long leg's RTT delta clean of slow-path noise on its near end.
                    hops[i - 1].flags |= F_NOBUMP
                    if last_located >= 0:
                        hops[last_located].flags |= F_NOBUMP
                cur = place
            hop.floor = math.ceil(km(origin, place) / KM_PER_MS)
            last_located = i
        hop.base = base


# Time-of-day congestion: residential access networks slow down in the evening peak
# (roughly 19:00-23:00 local), business and cloud networks barely move [infer]. Hook for the
# probe's `at` argument; the DEX world does not use it (its runs carry no such load).
_PEAK_MS: Final[dict[str, float]] = {
    "cable": 6.0,
    "dsl": 5.0,
    "fixed-wireless": 12.0,
    "satellite": 8.0,
    "fiber": 1.5,
    "office": 0.8,
    "cloud": 0.0,
    "datacenter": 0.3,
}


def local_hour(origin: Place, at: int) -> float:
    """Approximate local solar hour (0-24) at `origin` for Unix time `at`."""
    return ((at / 3600.0) + origin.lon / 15.0) % 24.0


def congestion_ms(access: str, origin: Place, at: int) -> float:
    """Extra RTT the access network adds at Unix time `at` (a smooth evening bump)."""
    peak = _PEAK_MS.get(access, 0.0)
    if not peak:
        return 0.0
    hour = local_hour(origin, at)
    # A raised cosine centred on 21:00 local, 8 hours wide.
    distance = min(abs(hour - 21.0), 24.0 - abs(hour - 21.0))
    if distance >= 4.0:
        return 0.0
    return peak * 0.5 * (1.0 + math.cos(math.pi * distance / 4.0))
