"""Routes: the stable hop skeleton from a source to a target, with its typical RTTs.

A route is what repeats run to run: the routers, their names, addresses and places, and the
RTT each hop typically shows (distance at fibre speed times a realistic inflation, plus per-hop
processing). `probe` adds the per-run noise on top. Routes are built once per (source, test,
target, colo, tunnel) and cached, bounded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel import networks as nw
from netpath_mock.netmodel import physics, segments
from netpath_mock.netmodel.addressing import private_ip
from netpath_mock.netmodel.colos import COLO_INDEX, COLO_PLACE
from netpath_mock.netmodel.hops import (
    DESTINATION,
    EDGE,
    F_NOBUMP,
    F_NOSILENCE,
    F_SILENT,
    INGRESS,
    SOURCE,
    RouteHop,
    router,
)
from netpath_mock.netmodel.places import HUBS, Place, km, nearest_hub
from netpath_mock.netmodel.sources import CloudSource, DatacenterSource, EndUserSource, Source
from netpath_mock.netmodel.targets import CF_EDGE, PRIVATE, Target

_STRUCTURAL_SILENT_SHARE: Final = 0.08  # routers on a route that never answer ICMP


@dataclass(frozen=True, slots=True)
class Route:
    """A source's stable path to a target.

    Attributes:
        hops: the hop skeleton, in TTL order; the last hop is the destination.
        access_idx: index of the first hop past the source's LAN (its access step, R15).
        target_ip: the destination address this route resolved the target to.
        silent: per hop, whether the router never answers.
        droppable: hops that may also go silent at random in a run.
    """

    hops: tuple[RouteHop, ...]
    access_idx: int
    target_ip: str
    # Derived once per route (routes are cached), read on every run:
    silent: tuple[bool, ...] = ()
    droppable: tuple[int, ...] = ()

    @classmethod
    def of(cls, hops: tuple[RouteHop, ...], access_idx: int, target_ip: str) -> Route:
        """A route with its per-run lookup tables filled in."""
        silent = tuple(bool(h.flags & F_SILENT) for h in hops)
        droppable = tuple(
            i for i in range(1, len(hops) - 1) if not silent[i] and not hops[i].flags & F_NOSILENCE
        )
        return cls(hops, access_idx, target_ip, silent, droppable)


def _end_user_route(
    dev: EndUserSource, spec: Target, key: int, colo: str, in_tunnel: bool
) -> Route:
    if spec.kind == PRIVATE:
        return _private_route(dev, spec, key, dev.lan_ms)
    # The route is stable per (device, test, colo, context): real paths repeat run to run.
    rr = random.Random(
        (dev.route_key * 0x9E3779B97F4A7C15) ^ key ^ (COLO_INDEX[colo] << 2) ^ int(in_tunnel)
    )
    colo_place = COLO_PLACE[colo]
    via_cloudflare = in_tunnel or spec.kind == CF_EDGE
    hand = colo_place if via_cloudflare else segments.cloud_handoff(colo_place, spec)

    hops: list[RouteHop] = []
    for i, (ip, lan_name) in enumerate(dev.lan):
        incr = 0.0 if i == 0 else rr.uniform(0.2, 1.0)
        hops.append(RouteHop(ip, None, lan_name, None, SOURCE, incr, F_NOSILENCE | F_NOBUMP))
    access_idx = len(hops)
    if dev.cgnat_ip:
        # CGNAT (RFC 6598) hop of fixed-wireless / satellite clients: no PTR, no ASN (R5, R7).
        hops.append(RouteHop(dev.cgnat_ip, None, None, None, SOURCE, 0.0))
    isp_hops = segments.ISP_BUILDERS[dev.isp](rr, dev, hand)
    if dev.cgnat_ip:
        isp_hops[0].incr = rr.uniform(0.3, 2.0)
    elif isp_hops[0].flags & F_SILENT:
        isp_hops[1].incr = rr.uniform(0.1, 1.0)  # the silent router already took the step
    hops.extend(isp_hops)
    # The access hop carries the source's access-technology step (R15).
    hops[access_idx].incr = dev.access_ms
    hops[access_idx].flags |= F_NOSILENCE | F_NOBUMP

    transits: tuple[int, ...] = (dev.asn,)
    target_ip = segments.target_ip(rr, spec)
    if via_cloudflare:
        hub = HUBS.get(colo_place.metro)
        if hub is not None and rr.random() < nw.TRANSIT_SHARE[dev.isp]:
            family = segments.pick_transit(rr, transits)
            transits += (nw.TRANSIT_ASN[family],)
            segment = INGRESS if in_tunnel else DESTINATION
            hops.extend(segments.transit_hops(rr, family, hub, segment, to_cloudflare=True))
        n_in = 1 + (rr.random() < 0.2)
        hops.extend(
            segments.cloudflare_hops(rr, colo_place, n_in, INGRESS if in_tunnel else DESTINATION)
        )
        if in_tunnel:
            hops.extend(segments.cloudflare_hops(rr, colo_place, 1 + (rr.random() < 0.1), EDGE))
        if spec.kind == CF_EDGE:
            # Anycast destinations are placed at the colo that answered (realism.md §7).
            name = segments.target_name(rr, spec, target_ip, colo_place.metro)
            hops.append(
                RouteHop(target_ip, 13335, name, colo_place, DESTINATION, rr.uniform(0.1, 0.8))
            )
        else:
            hand = segments.cloud_handoff(colo_place, spec)
            if hand.metro in HUBS and rr.random() < 0.25:
                family = segments.pick_transit(rr, transits)
                hops.extend(
                    segments.transit_hops(rr, family, hand, DESTINATION, to_cloudflare=False)
                )
            hops.extend(segments.cloud_hops(rr, spec, hand, target_ip))
    else:
        if hand.metro in HUBS and rr.random() < nw.TRANSIT_SHARE[dev.isp] + 0.15:
            family = segments.pick_transit(rr, transits)
            hops.extend(segments.transit_hops(rr, family, hand, DESTINATION, to_cloudflare=False))
        else:
            segments.name_peering_port(rr, dev, spec, hand, isp_hops[-1])
        hops.extend(segments.cloud_hops(rr, spec, hand, target_ip))

    finish(rr, dev.home, dev.lan_ms, hops)
    return Route.of(tuple(hops), access_idx, target_ip)


def finish(rr: random.Random, origin: Place, lan_ms: float, hops: list[RouteHop]) -> None:
    """Fill in ASO names, segment-end flags, structural silence and every hop's typical RTT."""
    for i, hop in enumerate(hops):
        if hop.asn is not None:
            hop.aso = nw.ASO_NAME[hop.asn]
        if i + 1 == len(hops) or hops[i + 1].segment != hop.segment:
            # Segment ends anchor the per-mile RTT slots (R23) and the AS13335 ingress (R11).
            hop.flags |= F_NOSILENCE | F_NOBUMP
    # Some routers never answer traceroute probes: mid-backbone and just before the
    # destination (realism.md Part 1 §3). At most 3 silent hops per healthy path (R22).
    n_silent = sum(1 for hop in hops if hop.flags & F_SILENT)
    for hop in hops[2:]:
        if (
            n_silent < 2
            and not hop.flags & (F_SILENT | F_NOSILENCE)
            and rr.random() < _STRUCTURAL_SILENT_SHARE
        ):
            hop.flags |= F_SILENT
            n_silent += 1
    physics.accumulate(rr, origin, lan_ms, hops)


# Keyed (source.route_key, test key, target.key, colo, tunnelled); probe reads it inline.
ROUTE_CACHE: dict[tuple[int, int, int, str, bool], Route] = {}
ROUTE_CACHE_MAX: Final = 4096  # ~3.4 KB per route: about 14 MB at most


def route_for(source: Source, target: Target, key: int, colo: str, tunnelled: bool) -> Route:
    """The cached route from `source` to `target` for the test keyed `key`.

    Args:
        source: where the probe runs.
        target: the destination.
        key: a stable 64-bit key of the test (routes of different tests differ a little).
        colo: the Cloudflare colo anycast lands on this run (see `probe`).
        tunnelled: the source tunnels to that colo (WARP) and egresses there.
    """
    # 64-bit keys identify source, test and target: hashing the frozen objects field by field
    # on every run would cost more than the rest of the lookup.
    cache_key = (source.route_key, key, target.key, colo, tunnelled)
    route = ROUTE_CACHE.get(cache_key)
    if route is None:
        if len(ROUTE_CACHE) >= ROUTE_CACHE_MAX:
            ROUTE_CACHE.clear()
        route = ROUTE_CACHE[cache_key] = build(source, target, key, colo, tunnelled)
    return route


def build(source: Source, target: Target, key: int, colo: str, tunnelled: bool) -> Route:
    """Build (uncached) the route from `source` to `target`."""
    if isinstance(source, EndUserSource):
        return _end_user_route(source, target, key, colo, tunnelled)
    return _world_route(source, target, key, colo)


def _private_route(source: Source, spec: Target, key: int, lan_ms: float) -> Route:
    """To an RFC 1918 host: the source's own private network, no public hop (R6)."""
    rr = random.Random((source.route_key * 0x9E3779B97F4A7C15) ^ key ^ 0x7F)
    lan: tuple[str, ...] = ()
    if isinstance(source, EndUserSource):
        lan = tuple(address for address, _ in source.lan)
    elif isinstance(source, DatacenterSource):
        lan = source.lan
    hops = [
        RouteHop(address, None, None, None, SOURCE, rr.uniform(0.1, 0.5), F_NOSILENCE | F_NOBUMP)
        for address in lan
    ]
    if isinstance(source, CloudSource) and rr.random() < 0.5:
        hops.append(RouteHop(None, None, None, None, SOURCE, 0.0, F_SILENT))
    for _ in range(rr.randrange(1, 3)):
        # Internal routers towards the other subnet (a VPN concentrator, a peered VPC).
        hops.append(RouteHop(private_ip(rr), None, None, None, SOURCE, rr.uniform(0.2, 2.0)))
    hops.append(RouteHop(spec.ips[0], None, None, None, DESTINATION, rr.uniform(0.1, 0.6)))
    finish(rr, source.place, lan_ms, hops)
    return Route.of(tuple(hops), 0, spec.ips[0])


# Destination networks each cloud provider reaches over its own backbone.
_OWN_NETWORKS: Final[dict[str, tuple[str, ...]]] = {
    "aws": ("aws", "cloudfront"),
    "gcp": ("gcp", "google"),
    "azure": ("azure", "microsoft"),
}
# Networks that peer directly (private interconnects, IXPs) with clouds and large hosts.
_PEERS: Final = frozenset(
    ("cloudflare", "aws", "cloudfront", "google", "gcp", "microsoft", "azure", "akamai", "fastly",
     "meta", "apple")
)  # fmt: skip
# Providers that carry outbound traffic on their own backbone to the edge nearest the
# destination ("cold potato": Google Premium Tier, Microsoft's global network); AWS and
# hosting providers hand off near the source ("hot potato").
_COLD_POTATO: Final = frozenset(("gcp", "azure"))


def _hub_of(place: Place) -> Place:
    return HUBS.get(place.metro) or nearest_hub(place)


def _world_route(
    source: CloudSource | DatacenterSource, spec: Target, key: int, colo: str
) -> Route:
    """From a cloud region or a data-centre host: the provider first, then egress.

    Egress follows how these networks interconnect: providers reach their own services over
    their backbone; other clouds, CDNs and anycast edges by private peering or at an IXP in
    the metro where they meet; the rest through a transit backbone. Cold-potato providers (GCP,
    Azure) haul traffic to the hub nearest a fixed destination before handing it off; AWS and
    hosting providers hand it off at their own border. No eyeball ISP is ever on the way.
    """
    if spec.kind == PRIVATE:
        return _private_route(source, spec, key, source.lan_ms)
    rr = random.Random(
        (source.route_key * 0x9E3779B97F4A7C15) ^ key ^ (COLO_INDEX[colo] << 2) ^ 0x5EED
    )
    origin = source.place
    border = _hub_of(origin)
    is_cloud = isinstance(source, CloudSource)
    access_idx = 0
    if isinstance(source, CloudSource):
        provider = source.region.provider
        hops = segments.cloud_origin(rr, origin, provider)
    else:
        provider = source.provider
        if provider == "colo":
            hops = segments.colo_origin(rr, source.lan, source.transit, origin)
            access_idx = len(source.lan)
        else:
            hops = segments.hosting_origin(rr, provider, origin, source.gateway_private)
            access_idx = 1 if source.gateway_private else 0
            if border.metro != origin.metro:
                # The provider's own backbone reaches its border in the hub.
                hops.append(router(rr, nw.HOSTING[provider][2], source.asn, border))
        for hop in hops[:access_idx]:
            hop.flags |= F_NOSILENCE | F_NOBUMP
        if access_idx < len(hops):
            hops[access_idx].incr = source.access_ms
            hops[access_idx].flags |= F_NOSILENCE | F_NOBUMP
    n_origin = len(hops)
    target_ip = segments.target_ip(rr, spec)
    fixed = spec.place
    network = spec.network

    if is_cloud and network in _OWN_NETWORKS[provider]:
        # The provider's own service: its backbone all the way.
        pop = fixed or border
        hops.extend(segments.cloud_backbone(rr, provider, origin, pop, DESTINATION))
        hops.extend(segments.cloud_hops(rr, spec, pop, target_ip))
    else:
        if spec.kind == CF_EDGE:
            hand = COLO_PLACE[colo]  # anycast lands on the colo nearest the source (R24)
        elif fixed is None:
            hand = border  # front doors and CDNs answer from the PoP nearest the source
        elif is_cloud and provider in _COLD_POTATO:
            hand = _hub_of(fixed)
        else:
            hand = border
        if is_cloud:
            hops.extend(segments.cloud_backbone(rr, provider, origin, hand, DESTINATION))
        via_transit = provider == "colo" or network not in _PEERS or rr.random() < 0.12
        if not via_transit:
            ixp = nw.IXPS.get(hand.metro)
            if ixp is not None and rr.random() < (0.3 if is_cloud else 0.55):
                peering = segments.ixp_hop(rr, hand, spec.asn)
                if peering is not None:
                    hops.append(peering)
        else:
            family = (
                source.transit
                if isinstance(source, DatacenterSource) and source.transit
                else rr.choice(nw.TRANSITS if hand.country == "US" else nw.WORLD_TRANSITS)
            )
            if provider != "colo" or hand.metro != origin.metro:
                hops.extend(segments.transit_hops(rr, family, hand, DESTINATION, False))
            if fixed is not None and km(hand, fixed) > 800:
                # The transit carries the long haul to the destination's hub.
                far = _hub_of(fixed)
                hops.extend(segments.transit_hops(rr, family, far, DESTINATION, False)[:1])
                hand = far
        if spec.kind == CF_EDGE:
            n_cf = 1 + (rr.random() < 0.3)
            hops.extend(segments.cloudflare_hops(rr, hand, n_cf, DESTINATION))
            name = segments.target_name(rr, spec, target_ip, hand.metro)
            hops.append(RouteHop(target_ip, 13335, name, hand, DESTINATION, rr.uniform(0.1, 0.8)))
        else:
            hops.extend(segments.cloud_hops(rr, spec, hand, target_ip))
    for hop in hops[n_origin:]:
        hop.segment = DESTINATION
    finish(rr, origin, source.lan_ms, hops)
    return Route.of(tuple(hops), access_idx, target_ip)
