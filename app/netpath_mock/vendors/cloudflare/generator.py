"""Realistic Cloudflare DEX traceroute data: WARP device profiles, test profiles, network paths.

Pure functions of a caller-seeded `random.Random`: no module-level randomness, no clock, no
uuid4. `network_path` is on the request hot path, so every static table from `netdata.py` is
parsed and indexed once at import, and the per-(device, test) route is built once and cached.

The model follows `shared/docs/realism.md`: a client in a Part 4 metro behind a home or office
LAN (R5, R7), an eyeball ISP from Part 3 with its prefixes and rDNS (R8, R12, R13), an
access-technology RTT step (R15), sometimes a transit AS (R9), Cloudflare hops at the colo
nearest the client (R11, R24), then either a Cloudflare-edge destination or an app in a cloud
region (R2, R17). Per run it adds RTT noise, slow-path inversions and rare fake spikes (R18),
rate-limit and real loss quantized to 3 probes (R19, R20), and silent hops (R21, R22).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Final

from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES
from netpath_mock.vendors.cloudflare import netdata as nd
from netpath_mock.vendors.cloudflare.netdata import Place, TargetSpec

__all__ = [
    "DeviceProfile",
    "PathRun",
    "TracerouteTestProfile",
    "device_profile",
    "network_path",
    "traceroute_test_profile",
]

# DEX hop `mile` enum (OpenAPI traceroute_test_result_network_path_response), in path order.
MILE_ISP: Final = "client-to-isp"
MILE_INGRESS: Final = "client-to-cf-ingress"
MILE_EGRESS: Final = "client-to-cf-egress"
MILE_APP: Final = "client-to-app"

# `execution_context` enum (SDK 5.9.0); EXECUTION_CONTEXT_INVALID is never emitted.
IN_TUNNEL: Final = "IN_TUNNEL"
OUT_OF_TUNNEL: Final = "OUT_OF_TUNNEL"

# One DEX run sends 3 probes per hop (Logpush `sent: 3`), so single-run loss is one of these
# (realism.md R20). 100.0 only ever appears on silent hops (R21).
_LOSS_1: Final = 33.3
_LOSS_2: Final = 66.7
_LOSS_ALL: Final = 100.0

# Access technologies and the first-ISP-hop RTT step of each (realism.md R15), as
# (device step low, device step high, per-run jitter low, per-run jitter high), in ms. Step
# plus jitter stays inside the R15 band: fiber 1-9, cable 7-25, DSL 10-30, fixed wireless
# 15-60, LEO satellite 25-45; office uplinks are business fiber.
_ACCESS_STEP: Final[dict[str, tuple[float, float, float, float]]] = {
    "fiber": (1.5, 6.0, 0.0, 1.2),
    "cable": (7.5, 15.0, 0.0, 4.0),
    "dsl": (11.0, 23.0, 0.0, 5.0),
    "fixed-wireless": (17.0, 36.0, -2.0, 12.0),
    "satellite": (28.0, 37.0, -3.0, 7.0),
    "office": (1.2, 4.5, 0.0, 1.0),
}

# Per-run behaviour (realism.md R18, R19, R22). Tuned so a corpus lands mid-band.
_SLOW_PATH_SHARE: Final = 0.12  # hops whose ICMP reply takes the slow path (inversions)
_SPIKE_SHARE: Final = 0.04  # paths with one fake latency spike (R18c: <= 10%)
_RANDOM_SILENT_SHARE: Final = 0.045  # intermediate hops that drop all 3 probes this run
_MAX_SILENT: Final = 3  # healthy paths carry 0-3 silent hops (R22)
_RATE_LIMIT_SHARE: Final = 0.07  # responding hops with isolated ICMP rate-limit loss (R19)
_REAL_LOSS_SHARE: Final = 0.03  # runs with loss persisting to the destination (R19)
_DEST_RATE_LIMIT_SHARE: Final = 0.02  # healthy runs whose destination drops 1 of 3 probes
_UNREACHED_APP: Final = 0.025  # app runs whose destination never answers (lastHopFailed)
_UNREACHED_CF: Final = 0.005
_ALT_COLO_SHARE: Final = 0.03  # runs where anycast lands on the second-nearest colo
_ECMP_SHARE: Final = 0.1  # unnamed router hops answering from a parallel link this run
_EDGE_ECMP_SHARE: Final = 0.5  # Cloudflare edge hops: many parallel routers per colo
_STRUCTURAL_SILENT_SHARE: Final = 0.08  # routers on a route that never answer ICMP
_MAX_TTL: Final = 30  # traceroute max_ttl default (realism.md R1)

# Skeleton hop flags.
_F_SILENT: Final = 1  # a router that never answers (Fios/Spectrum hop 2, realism.md §3)
_F_NOSILENCE: Final = 2  # never silenced at random (hop 1, access, mile ends, destination)
_F_NOBUMP: Final = 4  # no slow-path bump or spike (LAN, access, mile ends, before long legs)
_F_EDGE: Final = 8  # a Cloudflare edge router: answers from one of many parallel links

_Pool = tuple[tuple[int, int], ...]


# --- Import-time indexes ------------------------------------------------------------------


def _parse_cidr(text: str) -> tuple[int, int]:
    addr, bits = text.split("/")
    a, b, c, d = (int(part) for part in addr.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d, 1 << (32 - int(bits))


_POOLS: Final[dict[str, _Pool]] = {
    key: tuple(_parse_cidr(cidr) for cidr in cidrs)
    for key, cidrs in (*nd.PREFIXES.items(), *nd.TARGET_PREFIXES.items())
}
_PLACE: Final[dict[str, Place]] = {place.zip: place for place in nd.PLACES}
_ASO: Final[dict[int, str]] = dict(nd.ASO)


def _haversine_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


_KM: Final[dict[tuple[str, str], float]] = {
    (a.zip, b.zip): _haversine_km(a, b) for a in nd.PLACES for b in nd.PLACES
}
_COLO_PLACE: Final[dict[str, Place]] = {code: _PLACE[zip_] for code, zip_ in nd.COLOS}
_COLO_INDEX: Final[dict[str, int]] = {code: i for i, (code, _) in enumerate(nd.COLOS)}
_HUB: Final[dict[str, Place]] = {metro: _PLACE[zip_] for metro, zip_ in nd.HUBS}


def _colos_by_distance(zip_: str) -> tuple[str, ...]:
    return tuple(sorted(_COLO_PLACE, key=lambda code: _KM[zip_, _COLO_PLACE[code].zip]))


# Nearest and second-nearest colo per place (anycast normally lands on the nearest, R24).
_NEAREST_COLOS: Final[dict[str, tuple[str, str]]] = {
    p.zip: (_colos_by_distance(p.zip)[0], _colos_by_distance(p.zip)[1]) for p in nd.PLACES
}
_NEAREST_HUB: Final[dict[str, Place]] = {
    p.zip: min(_HUB.values(), key=lambda hub: _KM[p.zip, hub.zip]) for p in nd.PLACES
}

_ALNUM: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_TARGET_WEIGHTS: Final[tuple[int, ...]] = tuple(nd.TARGET_WEIGHTS)


# --- Public profiles ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceProfile:
    """One WARP client device of an account, with the network it sits on.

    Attributes:
        name: deviceName, a human-readable hostname ("DESKTOP-4F7QK2T", "jlopez-mbp").
        platform: "windows" | "mac" | "android" | "chromeos" (DEX traceroute platforms).
        home: the verified (city, state, zip) the device is in (realism.md Part 4).
        isp: eyeball network family key: comcast, charter, att, verizon, cox, tmobile,
            starlink, or lumen (office uplinks).
        asn: the ISP's ASN ("last seen ISP").
        aso: the ISP's organisation name.
        access: "fiber" | "cable" | "dsl" | "fixed-wireless" | "satellite" | "office".
        wifi: whether the device reaches its gateway over Wi-Fi (hop-1 RTT, R14).
        lan: private hops from the device outwards, as (address, LAN resolver name).
        cgnat_ip: the RFC 6598 carrier-NAT hop of fixed-wireless / satellite clients.
        lan_ms: typical hop-1 RTT in ms.
        access_ms: the device's first-ISP-hop RTT step in ms (R15).
        colo: IATA code of the nearest Cloudflare colo.
        alt_colo: the second-nearest colo, used by a few runs.
        tunnel_type: "masque" | "wireguard" | "http2", or None for a device without a
            tunnel (DNS-only mode); such a device runs every test out of tunnel.
        silent_access_hop: the ISP's first router never answers (Spectrum, Fios).
        isp_private_hop: the ISP answers from an internal 10.x address with its own PTR.
        route_key: a stable seed for this device's routes.
    """

    name: str
    platform: str
    home: Place
    isp: str
    asn: int
    aso: str
    access: str
    wifi: bool
    lan: tuple[tuple[str, str | None], ...]
    cgnat_ip: str | None
    lan_ms: float
    access_ms: float
    colo: str
    alt_colo: str
    tunnel_type: str | None
    silent_access_hop: bool
    isp_private_hop: bool
    route_key: int


@dataclass(frozen=True, slots=True)
class TracerouteTestProfile:
    """One admin-configured DEX traceroute test.

    Attributes:
        name: testName, e.g. "Atlassian Sign In Page".
        host: the configured target, an IP or a hostname.
        interval: run frequency in DEX form, "0h5m0s" to "1h0m0s".
        kind: "cf-edge" (the path ends inside Cloudflare) or "app" (beyond it).
        target_asn: ASN of the destination.
        target: the catalogue entry the test was drawn from.
        split_tunnel_excluded: the host is in the WARP Exclude list, so runs are out of
            tunnel.
        route_key: a stable seed for this test's routes.
    """

    name: str
    host: str
    interval: str
    kind: str
    target_asn: int
    target: TargetSpec
    split_tunnel_excluded: bool
    route_key: int


@dataclass(frozen=True, slots=True)
class PathRun:
    """One traceroute test run: the wire-shaped hops plus the result's run metadata.

    Attributes:
        hops: hop dicts with exactly the DEX keys (ttl, asn, aso, ipAddress, location, mile,
            name, packetLossPct, rttMs); nulls where a hop has nothing.
        colo: IATA code of the colo the device was connected through.
        execution_context: "IN_TUNNEL" or "OUT_OF_TUNNEL".
        tunnel_type: the device's tunnel protocol, or None when it has no tunnel.
        target_ip: the address the device resolved the test host to.
    """

    hops: list[dict[str, object]]
    colo: str
    execution_context: str
    tunnel_type: str | None
    target_ip: str


# --- Addresses and names ------------------------------------------------------------------


def _dotted(n: int) -> str:
    return f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def _ip_int(rng: random.Random, pool: _Pool, last: int = 0) -> int:
    """An address inside `pool`; the last octet is `last`, or 1-254 at random."""
    base, size = pool[rng.randrange(len(pool))] if len(pool) > 1 else pool[0]
    n = base + (rng.randrange(size >> 8) << 8)
    return n + (last or rng.randrange(1, 255))


def _ip(rng: random.Random, pool: _Pool) -> str:
    return _dotted(_ip_int(rng, pool))


def _dashed(n: int) -> str:
    return f"{n >> 24}-{(n >> 16) & 255}-{(n >> 8) & 255}-{n & 255}"


def _chars(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(_ALNUM) for _ in range(k))


def _device_name(rng: random.Random, platform: str) -> str:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    handle = f"{first[0]}{last}".lower()
    u = rng.random()
    if platform == "windows":
        # Windows' own random names are DESKTOP-XXXXXXX / LAPTOP-XXXXXXXX; managed fleets
        # use asset or user based names.
        if u < 0.4:
            return f"DESKTOP-{_chars(rng, 7)}"
        if u < 0.6:
            return f"LAPTOP-{_chars(rng, 8)}"
        if u < 0.8:
            return f"{handle.upper()}-{rng.choice(('LT', 'PC', 'WS'))}"
        prefix = rng.choice(("CORP", "WIN", "NB"))
        return f"{prefix}-{rng.choice(('LT', 'DT'))}-{rng.randrange(1000, 10000)}"
    if platform == "mac":
        # macOS hostnames derive from "Jane's MacBook Pro" -> "Janes-MacBook-Pro".
        model = rng.choice(("MacBook-Pro", "MacBook-Air", "iMac", "Mac-mini"))
        if u < 0.5:
            return f"{first}s-{model}"
        if u < 0.85:
            return f"{handle}-{rng.choice(('mbp', 'mba', 'mac'))}"
        return f"MAC-{last.upper()}-{rng.randrange(10, 100)}"
    if platform == "android":
        model = rng.choice(nd.ANDROID_MODELS)
        return model if u < 0.6 else f"{first}s-{model}"
    model = rng.choice(nd.CHROMEBOOK_MODELS)
    return f"{handle}-chromebook" if u < 0.5 else f"{model}-{_chars(rng, 4)}"


# --- Profiles -----------------------------------------------------------------------------


def _pick_home_isp(rng: random.Random, zip_: str) -> str:
    choices = [isp for isp, zips in nd.ISP_FOOTPRINT.items() if zip_ in zips]
    return rng.choices(choices, [nd.ISP_WEIGHT[isp] for isp in choices])[0]


def _pick_office_isp(rng: random.Random, zip_: str) -> str:
    # Business uplinks: the local cable/telco's business service, or Lumen DIA anywhere.
    choices = [
        "lumen",
        *(isp for isp in ("comcast", "att", "verizon") if zip_ in nd.ISP_FOOTPRINT[isp]),
    ]
    return rng.choice(choices)


def _private_ip(rng: random.Random) -> str:
    u = rng.random()
    if u < 0.5:
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.choice((1, 254))}"
    if u < 0.8:
        return f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.choice((1, 254))}"
    return f"192.168.{rng.randrange(256)}.{rng.choice((1, 254))}"


def _lan_chain(rng: random.Random, isp: str, access: str) -> tuple[tuple[str, str | None], ...]:
    if access == "office":
        # A campus adds 1-2 private hops (realism.md Part 1 §1): access switch, core, firewall.
        hops: list[tuple[str, str | None]] = [(_private_ip(rng), None)]
        for _ in range(1 + (rng.random() < 0.4)):
            ip = _private_ip(rng)
            if all(ip != seen for seen, _ in hops):
                hops.append((ip, None))
        return tuple(hops)
    isp_gateway = rng.choice(nd.ISP_GATEWAYS[isp])
    if isp in ("tmobile", "starlink") or rng.random() < 0.7:
        return (isp_gateway,)
    own = rng.choice(nd.OWN_ROUTERS)
    if rng.random() < 0.2 and own[0] != isp_gateway[0]:
        return (own, isp_gateway)  # double NAT: own router behind the ISP gateway
    return (own,)


def device_profile(rng: random.Random) -> DeviceProfile:
    """Draw one WARP device: its name, platform, home metro, ISP, access type and LAN.

    Args:
        rng: the caller's per-device generator; the only source of randomness.

    Returns:
        A frozen device profile. The same rng state always gives the same profile.
    """
    platform = rng.choices(nd.PLATFORMS, nd.PLATFORM_WEIGHTS)[0]
    name = _device_name(rng, platform)
    home = _PLACE[rng.choice(nd.CLIENT_ZIPS)]
    u = rng.random()
    if u < 0.15:
        access, isp = "office", _pick_office_isp(rng, home.zip)
    elif u < 0.20:
        access, isp = "fixed-wireless", "tmobile"
    elif u < 0.22:
        access, isp = "satellite", "starlink"
    else:
        isp = _pick_home_isp(rng, home.zip)
        if isp == "att":
            access = "fiber" if rng.random() < 0.7 else "dsl"
        else:
            access = "fiber" if isp == "verizon" else "cable"
    if platform in ("android", "chromeos"):
        wifi = True
    else:
        wifi = rng.random() < (0.85 if platform == "mac" else 0.55)
    lo, hi, _, _ = _ACCESS_STEP[access]
    if wifi:
        lan_ms = rng.uniform(0.8, 3.0) if rng.random() < 0.9 else rng.uniform(3.0, 10.0)
    else:
        lan_ms = rng.uniform(0.2, 1.4)
    cgnat_ip: str | None = None
    if isp == "starlink":
        cgnat_ip = "100.64.0.1"
    elif isp == "tmobile":
        cgnat_ip = f"100.{rng.randrange(64, 128)}.{rng.randrange(256)}.1"
    colo, alt_colo = _NEAREST_COLOS[home.zip]
    tunnel = rng.choices(nd.TUNNEL_TYPES, nd.TUNNEL_WEIGHTS)[0] if rng.random() >= 0.05 else None
    asn = nd.ISP_ASN[isp]
    return DeviceProfile(
        name=name,
        platform=platform,
        home=home,
        isp=isp,
        asn=asn,
        aso=_ASO[asn],
        access=access,
        wifi=wifi,
        lan=_lan_chain(rng, isp, access),
        cgnat_ip=cgnat_ip,
        lan_ms=lan_ms,
        access_ms=rng.uniform(lo, hi),
        colo=colo,
        alt_colo=alt_colo,
        tunnel_type=tunnel,
        silent_access_hop=(
            isp in ("verizon", "charter") and access != "office" and rng.random() < 0.6
        ),
        isp_private_hop=isp == "comcast" and access == "cable" and rng.random() < 0.1,
        route_key=rng.getrandbits(64),
    )


def traceroute_test_profile(rng: random.Random) -> TracerouteTestProfile:
    """Draw one admin-configured traceroute test: a named target and its run interval.

    Args:
        rng: the caller's per-test generator; the only source of randomness.

    Returns:
        A frozen test profile. The same rng state always gives the same profile.
    """
    spec = rng.choices(nd.TARGETS, _TARGET_WEIGHTS)[0]
    return TracerouteTestProfile(
        name=spec.name,
        host=spec.host,
        interval=rng.choices(nd.INTERVALS, nd.INTERVAL_WEIGHTS)[0],
        kind=spec.kind,
        target_asn=spec.asn,
        target=spec,
        split_tunnel_excluded=rng.random() < spec.exclude_share,
        route_key=rng.getrandbits(64),
    )


# --- Route skeletons ----------------------------------------------------------------------


@dataclass(slots=True)
class _Hop:
    """A hop of a device's route to a target, before per-run noise."""

    ip: str | None
    asn: int | None
    name: str | None
    place: Place | None
    mile: str
    incr: float  # ms this hop adds besides distance
    flags: int = 0
    pool: _Pool | None = None  # for unnamed routers: where a parallel link's address comes from
    aso: str | None = None
    base: float = 0.0  # typical RTT, ms
    floor: int = 0  # speed-of-light floor from the client, ms (R17)


@dataclass(frozen=True, slots=True)
class _Route:
    hops: tuple[_Hop, ...]
    access_idx: int
    target_ip: str
    # Derived once per route (routes are cached), read on every run:
    silent: tuple[bool, ...] = ()  # structurally silent hops
    droppable: tuple[int, ...] = ()  # hops that may also go silent at random in a run

    @classmethod
    def of(cls, hops: tuple[_Hop, ...], access_idx: int, target_ip: str) -> _Route:
        """A route with its per-run lookup tables filled in."""
        silent = tuple(bool(h.flags & _F_SILENT) for h in hops)
        droppable = tuple(
            i for i in range(1, len(hops) - 1) if not silent[i] and not hops[i].flags & _F_NOSILENCE
        )
        return cls(hops, access_idx, target_ip, silent, droppable)


def _router(
    rng: random.Random, pool_key: str, asn: int, place: Place, name: str | None = None
) -> _Hop:
    pool = _POOLS[pool_key]
    return _Hop(
        _ip(rng, pool),
        asn,
        name,
        place,
        MILE_ISP,
        rng.uniform(0.1, 1.2),
        pool=None if name else pool,
    )


def _isp_comcast(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    r = rr.randrange
    home, asn = dev.home, 7922
    st = home.state.lower()
    hops: list[_Hop] = []
    if dev.access == "office":
        hops.append(_router(rr, "comcast.regional", asn, home))
    else:
        # The CMTS answers from 96.120.x.1 and has no PTR (realism.md Part 3).
        cmts = _dotted(_ip_int(rr, _POOLS["comcast.cmts"], last=1))
        hops.append(_Hop(cmts, asn, None, home, MILE_ISP, 0.0))
    city, region = nd.COMCAST_REGIONAL.get(home.zip, ("", ""))
    if city:
        suffix = f"{city}.{st}.{region}.comcast.net"
        if dev.isp_private_hop:
            # ISP-internal 10.x with the ISP's PTR (R6/R7 exception), e.g.
            # po-302-1222-rur02.monterey.ca.sfba.comcast.net; no public ASN or geo.
            ip = f"10.{r(100, 120)}.{r(256)}.{r(1, 255)}"
            name = f"po-{r(100, 400)}-{r(1000, 1300)}-rur0{r(1, 4)}.{suffix}"
            hops.append(_Hop(ip, None, name, None, MILE_ISP, rr.uniform(0.2, 1.5)))
        elif rr.random() < 0.6:
            name = f"po-{r(1, 9)}-rur0{r(1, 4)}.{suffix}"
            hops.append(_router(rr, "comcast.regional", asn, home, name))
        if rr.random() < 0.5:
            # Role ladder sur/rur -> rar/ar -> cs/cr -> pe (realism.md Part 3).
            name = f"be-{r(100, 500)}-rar0{r(1, 3)}.{suffix}"
            hops.append(_router(rr, "comcast.regional", asn, home, name))
        name = f"be-{r(1, 400)}-ar0{r(1, 3)}.{suffix}"
        hops.append(_router(rr, "comcast.regional", asn, home, name))
    else:
        hops.append(_router(rr, "comcast.regional", asn, home))
    site = nd.COMCAST_IBONE.get(hand.metro)
    if site:
        token, st2, zip_ = site
        place = _PLACE[zip_]
        if rr.random() < 0.7:
            name = f"be-{r(1000, 34000)}-cr0{r(1, 5)}.{token}.{st2}.ibone.comcast.net"
            hops.append(_router(rr, "comcast.backbone", asn, place, name))
        name = f"be-{r(1000, 34000)}-pe{r(1, 13):02d}.{token}.{st2}.ibone.comcast.net"
        hops.append(_router(rr, "comcast.backbone", asn, place, name))
    else:
        hops.append(_router(rr, "comcast.backbone", asn, hand))
    return hops


def _isp_att(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    r = rr.randrange
    home, asn = dev.home, 7018
    clli = nd.CLLI.get(home.zip)
    hops: list[_Hop] = []
    if dev.access in ("fiber", "dsl"):
        # `108-232-152-1.lightspeed.tukrga.sbcglobal.net`, `adsl-71-145-208-1.dsl.austtx...`:
        # the PTR spells the hop's own address (realism.md Part 3).
        fiber = dev.access == "fiber"
        n = _ip_int(rr, _POOLS["att.lightspeed" if fiber else "att.dsl"], last=1)
        name = None
        if clli:
            name = (
                f"{_dashed(n)}.lightspeed.{clli}.sbcglobal.net"
                if fiber
                else f"adsl-{_dashed(n)}.dsl.{clli}.sbcglobal.net"
            )
        hops.append(_Hop(_dotted(n), asn, name, home, MILE_ISP, 0.0))
    else:
        hops.append(_router(rr, "att.metro", asn, home))
    for _ in range(1 + (rr.random() < 0.6)):
        hops.append(_router(rr, "att.metro", asn, home))
    code = nd.ATT_BACKBONE.get(hand.metro)
    if code:
        hops.append(_router(rr, "att.backbone", asn, hand, f"cr{r(1, 3)}.{code}.ip.att.net"))
        if rr.random() < 0.5:
            name = f"gar{r(1, 30)}.{code}.ip.att.net"
            hops.append(_router(rr, "att.backbone", asn, hand, name))
    else:
        hops.append(_router(rr, "att.backbone", asn, hand))
        if rr.random() < 0.4:
            hops.append(_router(rr, "att.backbone", asn, hand))
    return hops


def _isp_verizon(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    r = rr.randrange
    home, asn = dev.home, 701
    clli = nd.CLLI.get(home.zip, "")
    hops: list[_Hop] = []
    if dev.access != "office":
        if dev.silent_access_hop:
            hops.append(_Hop(None, None, None, home, MILE_ISP, 0.0, _F_SILENT))
        name = None
        if clli:
            # Both casings occur: L100.DLLSTX-VFTTP-65 and lo0-100.washdc-vfttp-312.
            n = rr.randrange(10, 400)
            name = (
                f"L100.{clli.upper()}-VFTTP-{n}.verizon-gni.net"
                if rr.random() < 0.5
                else f"lo0-100.{clli}-vfttp-{n}.verizon-gni.net"
            )
        hops.append(_router(rr, "verizon.vfttp", asn, home, name))
    else:
        hops.append(_router(rr, "verizon.metro", asn, home))
    if rr.random() < 0.6:
        name = None
        if clli and rr.random() < 0.6:
            name = f"G0-{r(1, 10)}-{r(0, 4)}-0.{clli.upper()}-LCR-{r(20, 30)}.verizon-gni.net"
        hops.append(_router(rr, "verizon.metro", asn, home, name))
    sites = nd.VERIZON_ALTER.get(hand.metro)
    if sites:
        code, zip_ = rr.choice(sites)
        if rr.random() < 0.5:
            name = f"0.ae{r(1, 20)}.XL{r(1, 5)}.{code}{r(1, 10)}.ALTER.NET"
        else:
            port = f"{r(0, 12)}-{r(0, 2)}-{r(0, 8)}"
            name = f"0.et-{port}.gw{r(1, 12)}.{code.lower()}{r(1, 10)}.alter.net"
        hops.append(_router(rr, "verizon.backbone", asn, _PLACE[zip_], name))
    else:
        hops.append(_router(rr, "verizon.backbone", asn, hand))
    return hops


def _isp_charter(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    r = rr.randrange
    home, asn = dev.home, 20115
    clli = nd.CLLI.get(home.zip)
    hops: list[_Hop] = []
    if dev.silent_access_hop:
        # Spectrum's hop 2 is often `* * *` (realism.md Part 1 §3).
        hops.append(_Hop(None, None, None, home, MILE_ISP, 0.0, _F_SILENT))
    for _ in range(1 + (rr.random() < 0.5)):
        name = None
        if clli:
            kind = rr.choice(("r", "w", "aw", "h"))
            name = f"lag-{r(1, 70)}.{clli}{r(100, 9999)}{kind}.netops.charter.com"
        hops.append(_router(rr, "charter.regional", asn, home, name))
    code = nd.CHARTER_SITE.get(hand.metro)
    if code:
        name = f"lag-{r(1, 40)}.pr{r(1, 4)}.{code}{r(10, 30)}.netops.charter.com"
        hops.append(_router(rr, "charter.backbone", asn, hand, name))
    else:
        hops.append(_router(rr, "charter.backbone", asn, hand))
    return hops


def _cox_name(rr: random.Random, place: Place) -> str | None:
    r = rr.randrange
    market = nd.COX_MARKET.get(place.zip)
    if market is None or rr.random() < 0.4:
        return None
    site, code = market
    role = rr.choice(("dsrj", "csrj", "bbrj"))
    return f"{site}{role}{r(1, 4):02d}-ae{r(1, 9)}.0.rd.{code}.cox.net"


def _isp_cox(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    hops = [_router(rr, "cox", 22773, dev.home, _cox_name(rr, dev.home)) for _ in range(2)]
    hops.append(_router(rr, "cox", 22773, hand, _cox_name(rr, hand)))
    return hops


def _isp_tmobile(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    # Mobile and fixed-wireless cores: CGNAT first, few PTRs (realism.md Part 3).
    hops = [_router(rr, "tmobile", 21928, dev.home) for _ in range(1 + (rr.random() < 0.5))]
    hops.append(_router(rr, "tmobile", 21928, hand))
    return hops


def _isp_starlink(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    # Traffic surfaces at a ground-station PoP; the PoP hops carry no PTR.
    return [_router(rr, "starlink", 14593, hand) for _ in range(2)]


def _lumen_name(rr: random.Random, metro: str, role: str) -> str | None:
    r = rr.randrange
    city = nd.LUMEN_CITY.get(metro)
    if city is None:
        return None
    if rr.random() < 0.6:
        return f"ae-{r(1, 12)}-{r(1, 12)}.{role}{r(1, 4)}.{city}{r(1, 4)}.Level3.net"
    return f"ae{r(1, 40)}.{r(1000, 4000)}.{role}{r(1, 4)}.{city}{r(1, 4)}.net.lumen.tech"


def _isp_lumen(rr: random.Random, dev: DeviceProfile, hand: Place) -> list[_Hop]:
    home, asn = dev.home, 3356
    hops = [_router(rr, "lumen", asn, home, _lumen_name(rr, home.metro, "ear"))]
    if rr.random() < 0.5:
        hops.append(_router(rr, "lumen", asn, home))
    hops.append(_router(rr, "lumen", asn, hand, _lumen_name(rr, hand.metro, "ebr")))
    return hops


_ISP_BUILDERS: Final = {
    "comcast": _isp_comcast,
    "att": _isp_att,
    "verizon": _isp_verizon,
    "charter": _isp_charter,
    "cox": _isp_cox,
    "tmobile": _isp_tmobile,
    "starlink": _isp_starlink,
    "lumen": _isp_lumen,
}


def _transit_name(rr: random.Random, family: str, hub: Place) -> str | None:
    r = rr.randrange
    m = hub.metro
    code = nd.TRANSIT_CODE.get(m)
    if code is None or rr.random() < 0.15:
        return None
    if family == "lumen":
        return _lumen_name(rr, m, "ebr")
    if family == "cogent":
        apt = "jfk" if m == "nyc" else nd.AIRPORT_CODE[m]
        return f"be{r(2000, 4000)}.ccr{r(21, 52)}.{apt}{r(1, 10):02d}.atlas.cogentco.com"
    if family == "ntt":
        clli = nd.CLLI.get(hub.zip)
        return (
            f"ae-{r(1, 20)}.r{r(20, 30)}.{clli}{r(1, 13):02d}.us.bb.gin.ntt.net" if clli else None
        )
    if family == "arelion":
        tier = "bb" if rr.random() < 0.5 else "b"
        return f"{nd.ARELION_CODE[m]}-{tier}{r(1, 4)}-link.ip.twelve99.net"
    if family == "zayo":
        return f"ae{r(1, 30)}.cr{r(1, 3)}.{code}{r(1, 10)}.us.zip.zayo.com"
    if family == "he":
        return f"v{r(100, 1200)}.core{r(1, 3)}.{code}{r(1, 5)}.he.net"
    return f"ae{r(1, 30)}.cr{r(1, 6)}-{code}{r(1, 3)}.ip4.gtt.net"


def _transit_hops(
    rr: random.Random, family: str, hub: Place, mile: str, to_cloudflare: bool
) -> list[_Hop]:
    r = rr.randrange
    asn = nd.TRANSIT_ASN[family]
    hops = [
        _router(rr, family, asn, hub, _transit_name(rr, family, hub))
        for _ in range(1 + (rr.random() < 0.5))
    ]
    if to_cloudflare and family == "arelion" and rr.random() < 0.5:
        # Interconnects are often named for the customer: cloudflare-ic-375100.ip.twelve99-cust.net.
        last = hops[-1]
        last.name = f"cloudflare-ic-{r(300000, 400000)}.ip.twelve99-cust.net"
        last.pool = None
    for hop in hops:
        hop.mile = mile
    return hops


def _cloudflare_hops(rr: random.Random, colo: Place, count: int, mile: str) -> list[_Hop]:
    # Edge hops are usually unnamed and sit in the published ranges (realism.md Part 3); WARP
    # egress may surface from 104.28.0.0/16.
    hops = []
    for k in range(count):
        warp = mile == MILE_EGRESS and k == count - 1 and rr.random() < 0.3
        pool = _POOLS["cloudflare.warp" if warp else "cloudflare.edge"]
        hops.append(
            _Hop(_ip(rr, pool), 13335, None, colo, mile, rr.uniform(0.1, 0.8), _F_EDGE, pool)
        )
    return hops


def _target_ip(rr: random.Random, spec: TargetSpec) -> str:
    if spec.ips:
        return spec.ips[0] if len(spec.ips) == 1 else rr.choice(spec.ips)
    return _ip(rr, _POOLS[spec.pool])


def _target_name(rr: random.Random, spec: TargetSpec, ip: str, metro: str) -> str | None:
    r = rr.randrange
    if spec.ptr == "ec2":
        # EC2 default PTRs: compute-1 for us-east-1, <region>.compute elsewhere.
        dashed = ip.replace(".", "-")
        if spec.region == "us-east-1":
            return f"ec2-{dashed}.compute-1.amazonaws.com"
        return f"ec2-{dashed}.{spec.region}.compute.amazonaws.com"
    if spec.ptr == "1e100":
        # Google front ends: lga25s71-in-f14.1e100.net (airport code of the serving metro).
        return f"{nd.AIRPORT_CODE[metro]}{r(1, 35):02d}s{r(1, 40):02d}-in-f{r(1, 15)}.1e100.net"
    return spec.ptr or None


def _cloud_handoff(colo: Place, spec: TargetSpec) -> Place:
    """Where traffic enters the target's network.

    The hub nearest the colo, or the region itself when that is closer, so the path never
    hairpins through a farther hub (R24).
    """
    hub = _NEAREST_HUB[colo.zip]
    if spec.region:
        region = _PLACE[nd.AWS_REGIONS[spec.region]]
        if _KM[colo.zip, region.zip] < _KM[colo.zip, hub.zip]:
            return region
    return hub


def _cloud_hops(rr: random.Random, spec: TargetSpec, hand: Place, target_ip: str) -> list[_Hop]:
    r = rr.randrange
    hops: list[_Hop] = []
    if spec.asn == 16509:
        # AWS: internal hops usually have no PTR (realism.md Part 3).
        region = _PLACE[nd.AWS_REGIONS[spec.region]]
        hops.append(_router(rr, "aws.border", 16509, hand))
        if region.metro != hand.metro:
            for _ in range(rr.randrange(0, 2)):
                hops.append(_router(rr, "aws.core", 16509, hand))
        for _ in range(2 + (rr.random() < 0.6) + (rr.random() < 0.3)):
            hops.append(_router(rr, "aws.core", 16509, region))
        if rr.random() < 0.4:
            # AWS internal hops are often `* * *` (realism.md Part 1 §3, "Google hop 9").
            hops.insert(len(hops) - 1, _Hop(None, None, None, region, MILE_APP, 0.3, _F_SILENT))
        dest_place = region
    elif spec.asn == 15169:
        hops.append(_router(rr, "google", 15169, hand))
        for _ in range(2 + (rr.random() < 0.5) + (rr.random() < 0.3)):
            hops.append(_router(rr, "google.core", 15169, hand))
        dest_place = hand
    else:
        code = nd.MICROSOFT_CODE[hand.metro]
        name = f"ae{r(10, 40)}-0.ear0{r(1, 4)}.{code}{r(30, 32)}.ntwk.msn.net"
        hops.append(_router(rr, "microsoft", 8075, hand, name))
        for _ in range(2 + (rr.random() < 0.5) + (rr.random() < 0.3)):
            name2 = None
            if rr.random() < 0.75:
                name2 = f"be-{r(1, 30)}-0.ibr0{r(1, 4)}.{code}{r(30, 32)}.ntwk.msn.net"
            hops.append(_router(rr, "microsoft", 8075, hand, name2))
        dest_place = hand
    for hop in hops:
        hop.mile = MILE_APP
    ptr = _target_name(rr, spec, target_ip, dest_place.metro)
    hops.append(_Hop(target_ip, spec.asn, ptr, dest_place, MILE_APP, rr.uniform(0.1, 0.8)))
    return hops


def _name_peering_port(
    rr: random.Random, dev: DeviceProfile, spec: TargetSpec, hand: Place, hop: _Hop
) -> None:
    """Sometimes name the ISP's last hop after the cloud it peers with.

    Real interconnects are named that way: `as16509-3-c.111eighthave.ny.ibone.comcast.net`,
    `amazon-gw.customer.alter.net` (realism.md R12 boundary exception).
    """
    r = rr.randrange
    if rr.random() < 0.5:
        return
    site = nd.COMCAST_IBONE.get(hand.metro)
    if dev.isp == "comcast" and site is not None:
        token, st, zip_ = site
        hop.name = f"as{spec.asn}-{r(1, 5)}-c.{token}.{st}.ibone.comcast.net"
        hop.place, hop.pool = _PLACE[zip_], None
    elif dev.isp == "verizon" and spec.asn in (16509, 15169):
        hop.name = f"{'amazon' if spec.asn == 16509 else 'google'}-gw.customer.alter.net"
        hop.pool = None


def _pick_transit(rr: random.Random, avoid: tuple[int, ...]) -> str:
    return rr.choice([t for t in nd.TRANSITS if nd.TRANSIT_ASN[t] not in avoid])


def _build_route(
    dev: DeviceProfile, test: TracerouteTestProfile, colo: str, in_tunnel: bool
) -> _Route:
    # The route is stable per (device, test, colo, context): real paths repeat run to run.
    rr = random.Random(
        (dev.route_key * 0x9E3779B97F4A7C15)
        ^ test.route_key
        ^ (_COLO_INDEX[colo] << 2)
        ^ int(in_tunnel)
    )
    spec = test.target
    colo_place = _COLO_PLACE[colo]
    via_cloudflare = in_tunnel or spec.kind == "cf-edge"
    hand = colo_place if via_cloudflare else _cloud_handoff(colo_place, spec)

    hops: list[_Hop] = []
    for i, (ip, lan_name) in enumerate(dev.lan):
        incr = 0.0 if i == 0 else rr.uniform(0.2, 1.0)
        hops.append(_Hop(ip, None, lan_name, None, MILE_ISP, incr, _F_NOSILENCE | _F_NOBUMP))
    access_idx = len(hops)
    if dev.cgnat_ip:
        # CGNAT (RFC 6598) hop of fixed-wireless / satellite clients: no PTR, no ASN (R5, R7).
        hops.append(_Hop(dev.cgnat_ip, None, None, None, MILE_ISP, 0.0))
    isp_hops = _ISP_BUILDERS[dev.isp](rr, dev, hand)
    if dev.cgnat_ip:
        isp_hops[0].incr = rr.uniform(0.3, 2.0)
    elif isp_hops[0].flags & _F_SILENT:
        isp_hops[1].incr = rr.uniform(0.1, 1.0)  # the silent router already took the step
    hops.extend(isp_hops)
    # The access hop carries the device's access-technology step (R15).
    hops[access_idx].incr = dev.access_ms
    hops[access_idx].flags |= _F_NOSILENCE | _F_NOBUMP

    transits: tuple[int, ...] = (dev.asn,)
    target_ip = _target_ip(rr, spec)
    if via_cloudflare:
        hub = _HUB.get(colo_place.metro)
        if hub is not None and rr.random() < nd.TRANSIT_SHARE[dev.isp]:
            family = _pick_transit(rr, transits)
            transits += (nd.TRANSIT_ASN[family],)
            mile = MILE_INGRESS if in_tunnel else MILE_APP
            hops.extend(_transit_hops(rr, family, hub, mile, to_cloudflare=True))
        n_in = 1 + (rr.random() < 0.2)
        hops.extend(_cloudflare_hops(rr, colo_place, n_in, MILE_INGRESS if in_tunnel else MILE_APP))
        if in_tunnel:
            hops.extend(_cloudflare_hops(rr, colo_place, 1 + (rr.random() < 0.1), MILE_EGRESS))
        if spec.kind == "cf-edge":
            # Anycast destinations are placed at the colo that answered (realism.md §7).
            name = _target_name(rr, spec, target_ip, colo_place.metro)
            hops.append(_Hop(target_ip, 13335, name, colo_place, MILE_APP, rr.uniform(0.1, 0.8)))
        else:
            hand = _cloud_handoff(colo_place, spec)
            if hand.metro in _HUB and rr.random() < 0.25:
                family = _pick_transit(rr, transits)
                hops.extend(_transit_hops(rr, family, hand, MILE_APP, to_cloudflare=False))
            hops.extend(_cloud_hops(rr, spec, hand, target_ip))
    else:
        if hand.metro in _HUB and rr.random() < nd.TRANSIT_SHARE[dev.isp] + 0.15:
            family = _pick_transit(rr, transits)
            hops.extend(_transit_hops(rr, family, hand, MILE_APP, to_cloudflare=False))
        else:
            _name_peering_port(rr, dev, spec, hand, isp_hops[-1])
        hops.extend(_cloud_hops(rr, spec, hand, target_ip))

    _finish(rr, dev, hops)
    return _Route.of(tuple(hops), access_idx, target_ip)


def _finish(rr: random.Random, dev: DeviceProfile, hops: list[_Hop]) -> None:
    """Fill in ASO names, mile-end flags and the typical cumulative RTT of every hop."""
    home = dev.home
    for i, hop in enumerate(hops):
        if hop.asn is not None:
            hop.aso = _ASO[hop.asn]
        if i + 1 == len(hops) or hops[i + 1].mile != hop.mile:
            # Mile ends anchor the per-mile RTT slots (R23) and the AS13335 ingress (R11).
            hop.flags |= _F_NOSILENCE | _F_NOBUMP
    # Some routers never answer traceroute probes: mid-backbone and just before the
    # destination (realism.md Part 1 §3). At most 3 silent hops per healthy path (R22).
    n_silent = sum(1 for hop in hops if hop.flags & _F_SILENT)
    for hop in hops[2:]:
        if (
            n_silent < 2
            and not hop.flags & (_F_SILENT | _F_NOSILENCE)
            and rr.random() < _STRUCTURAL_SILENT_SHARE
        ):
            hop.flags |= _F_SILENT
            n_silent += 1
    cur = home
    base = 0.0
    last_located = -1
    for i, hop in enumerate(hops):
        base = dev.lan_ms if i == 0 else base + hop.incr
        place = hop.place
        if place is not None:
            if place.zip != cur.zip:
                km = _KM[cur.zip, place.zip]
                # Fibre RTT is >= 1 ms per 100 km; real paths run ~2.1x that (R17).
                factor = rr.uniform(1.7, 2.6) if km >= 500 else rr.uniform(1.3, 2.8)
                base += 0.2 + km * factor / 100.0
                if km >= 500:
                    # Keep the long leg's RTT delta clean of slow-path noise on its near end.
                    hops[i - 1].flags |= _F_NOBUMP
                    if last_located >= 0:
                        hops[last_located].flags |= _F_NOBUMP
                cur = place
            hop.floor = math.ceil(_KM[home.zip, place.zip] / 100.0)
            last_located = i
        hop.base = base


_ROUTE_CACHE: dict[tuple[int, int, str, bool], _Route] = {}
_ROUTE_CACHE_MAX: Final = 4096  # ~3.4 KB per route: about 14 MB at most


def _route(dev: DeviceProfile, test: TracerouteTestProfile, colo: str, in_tunnel: bool) -> _Route:
    # The profiles' 64-bit route keys identify them: hashing the frozen profiles field by field
    # on every run cost more than the rest of the lookup.
    key = (dev.route_key, test.route_key, colo, in_tunnel)
    route = _ROUTE_CACHE.get(key)
    if route is None:
        if len(_ROUTE_CACHE) >= _ROUTE_CACHE_MAX:
            _ROUTE_CACHE.clear()
        route = _ROUTE_CACHE[key] = _build_route(dev, test, colo, in_tunnel)
    return route


# --- One run ------------------------------------------------------------------------------


def _silent_hop(ttl: int, mile: str) -> dict[str, object]:
    # DEX silent hop: only ttl and a 100% loss; mile inherited from its position (R21).
    return {
        "ttl": ttl,
        "asn": None,
        "aso": None,
        "ipAddress": None,
        "location": None,
        "mile": mile,
        "name": None,
        "packetLossPct": _LOSS_ALL,
        "rttMs": None,
    }


def network_path(rng: random.Random, device: DeviceProfile, test: TracerouteTestProfile) -> PathRun:
    """Generate one run of `test` on `device`: the DEX hops plus colo and tunnel context.

    Args:
        rng: the caller's per-run generator; the only source of per-run randomness.
        device: the device that ran the test.
        test: the traceroute test that ran.

    Returns:
        The run's hops (wire-shaped dicts) and metadata. Same inputs and rng state give the
        same output; the route itself is stable across runs of the same device and test.
    """
    rand = rng.random  # bound once: ~40 draws per run
    in_tunnel = device.tunnel_type is not None and not test.split_tunnel_excluded
    colo = device.colo if rand() >= _ALT_COLO_SHARE else device.alt_colo
    route = _route(device, test, colo, in_tunnel)
    specs = route.hops
    n = len(specs)
    last = n - 1

    u = rand()
    unreached_share = _UNREACHED_APP if test.kind == "app" else _UNREACHED_CF
    unreached = u < unreached_share
    real_loss = not unreached and u < unreached_share + _REAL_LOSS_SHARE
    dest_rate_limited = not unreached and not real_loss and rand() < _DEST_RATE_LIMIT_SHARE

    # Which hops stay silent this run (R22): the structural ones plus a few random drops.
    silent = list(route.silent)
    n_silent = sum(silent)
    for i in route.droppable:
        if n_silent >= _MAX_SILENT:
            break
        if rand() < _RANDOM_SILENT_SHARE:
            silent[i] = True
            n_silent += 1
    if unreached:
        silent[last] = True

    # RTTs: typical route RTT + Wi-Fi/access jitter shared by later hops + per-hop noise (R18).
    _, _, jit_lo, jit_hi = _ACCESS_STEP[device.access]
    lan_jit = rand() * (1.5 if device.wifi else 0.4)
    acc_jit = jit_lo + (jit_hi - jit_lo) * rand()
    access_idx = route.access_idx
    rtts: list[int | None] = []
    for i, h in enumerate(specs):
        if silent[i]:
            rtts.append(None)
            continue
        v = h.base + lan_jit
        if i:
            v += rand() * 0.8
            if i >= access_idx:
                v += acc_jit
        if not h.flags & _F_NOBUMP and rand() < _SLOW_PATH_SHARE:
            bump = 1.0 + 3.0 * rand()
            v += min(bump, 0.5 * h.base)
        r = int(v + 0.5)
        rtts.append(r if r >= h.floor else h.floor)

    if rand() < _SPIKE_SHARE:
        # A fake spike: one router's control plane answers slowly (Steenbergen, R18c).
        candidates = [
            i
            for i in range(1, last)
            if rtts[i] is not None and not specs[i].flags & _F_NOBUMP and rtts[i + 1] is not None
        ]
        if candidates:
            i = rng.choice(candidates)
            r_i, r_next = rtts[i], rtts[i + 1]
            assert r_i is not None
            assert r_next is not None
            rtts[i] = max(r_i, r_next) + 20 + int(rand() * 35)

    # Loss per hop, as 3-probe fractions (R19, R20).
    losses = [0.0] * n
    responding = [i for i in range(n) if not silent[i]]
    if real_loss:
        onset_pos = rng.randrange(len(responding) - 1)
        first = _LOSS_1 if rand() < 0.6 else _LOSS_2
        losses[responding[onset_pos]] = first
        for i in responding[onset_pos + 1 :]:
            losses[i] = _LOSS_2 if rand() < (0.6 if first == _LOSS_2 else 0.3) else _LOSS_1
    else:
        prev_lossy = False
        stop = responding[-2] if dest_rate_limited and len(responding) > 1 else last
        for i in responding:
            if i >= stop or i == last:
                break
            if prev_lossy:
                prev_lossy = False
            elif rand() < _RATE_LIMIT_SHARE:
                losses[i] = _LOSS_1 if rand() < 0.75 else _LOSS_2
                prev_lossy = True
        if dest_rate_limited:
            losses[last] = _LOSS_1

    hops: list[dict[str, object]] = []
    for i, h in enumerate(specs):
        ttl = i + 1
        if silent[i]:
            hops.append(_silent_hop(ttl, h.mile))
            continue
        place = h.place
        ip = h.ip
        if h.pool is not None and rand() < (_EDGE_ECMP_SHARE if h.flags & _F_EDGE else _ECMP_SHARE):
            ip = _ip(rng, h.pool)
        hops.append(
            {
                "ttl": ttl,
                "asn": h.asn,
                "aso": h.aso,
                "ipAddress": ip,
                "location": (
                    None
                    if place is None
                    else {"city": place.city, "state": place.state, "zip": place.zip}
                ),
                "mile": h.mile,
                "name": h.name,
                "packetLossPct": losses[i],
                "rttMs": rtts[i],
            }
        )
    if unreached:
        # lastHopFailed: 1-3 unanswered probes past the destination's position; sometimes the
        # trace runs on to max_ttl (maxHopsExhausted), as when a target filters ICMP.
        end = _MAX_TTL if rand() < 0.25 else min(_MAX_TTL, n + rng.randrange(0, 3))
        for ttl in range(n + 1, end + 1):
            hops.append(_silent_hop(ttl, MILE_APP))
    return PathRun(
        hops=hops,
        colo=colo,
        execution_context=IN_TUNNEL if in_tunnel else OUT_OF_TUNNEL,
        tunnel_type=device.tunnel_type,
        target_ip=route.target_ip,
    )
