"""Cloudflare DEX traceroute data: WARP device profiles, test profiles, network paths.

A thin layer over the vendor-neutral internet model (`netpath_mock.netmodel`): a WARP device is
an end-user source plus its name, platform and tunnel; a DEX test is a resolved target plus its
name, interval and split-tunnel setting; a run is `netmodel.probe` mapped to DEX hops and miles.
Pure functions of a caller-seeded `random.Random`: no module-level randomness, no clock, no
uuid4. `network_path` is on the request hot path; the model caches routes, and the mapping
below only builds the wire dicts.

Realism follows `shared/docs/realism.md` (R1-R24; see netmodel and tests/netmodel).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from math import trunc
from typing import Final

from netpath_mock import netmodel
from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES
from netpath_mock.netmodel import scenarios
from netpath_mock.netmodel.places import Place
from netpath_mock.netmodel.sources import EndUserSource
from netpath_mock.netmodel.targets import Target
from netpath_mock.vendors.cloudflare import dexdata as dd

__all__ = [
    "DeviceProfile",
    "PathRun",
    "TracerouteTestProfile",
    "device_profile",
    "dex_hops",
    "format_interval",
    "network_path",
    "traceroute_test_profile",
]

# DEX hop `mile` enum (OpenAPI traceroute_test_result_network_path_response), in path order.
MILE_ISP: Final = "client-to-isp"
MILE_INGRESS: Final = "client-to-cf-ingress"
MILE_EGRESS: Final = "client-to-cf-egress"
MILE_APP: Final = "client-to-app"
# netmodel segment (SOURCE, INGRESS, EDGE, DESTINATION) -> DEX mile, by index.
_MILES: Final = (MILE_ISP, MILE_INGRESS, MILE_EGRESS, MILE_APP)

# `execution_context` enum (SDK 5.9.0); EXECUTION_CONTEXT_INVALID is never emitted.
IN_TUNNEL: Final = "IN_TUNNEL"
OUT_OF_TUNNEL: Final = "OUT_OF_TUNNEL"

# One DEX run sends 3 probes per hop (Logpush `sent: 3`), so single-run loss is one of these,
# indexed by probes lost (realism.md R20). 100.0 only ever appears on silent hops (R21).
_LOSS_PCT: Final = (0.0, 33.3, 66.7, 100.0)

_ALNUM: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_TARGET_WEIGHTS: Final[tuple[int, ...]] = tuple(dd.TARGET_WEIGHTS)
# Wi-Fi share by platform: phones and Chromebooks are always on Wi-Fi.
_WIFI_SHARE: Final[dict[str, float]] = {"mac": 0.85, "windows": 0.55}


# --- Public profiles ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceProfile:
    """One WARP client device of an account, with the network it sits on.

    Attributes:
        name: deviceName, a human-readable hostname ("DESKTOP-4F7QK2T", "jlopez-mbp").
        platform: "windows" | "mac" | "android" | "chromeos" (DEX traceroute platforms).
        tunnel_type: "masque" | "wireguard" | "http2", or None for a device without a
            tunnel (DNS-only mode); such a device runs every test out of tunnel.
        source: where it sits in the internet model: home metro, ISP, access, LAN, colos.
    """

    name: str
    platform: str
    tunnel_type: str | None
    source: EndUserSource

    @property
    def home(self) -> Place:
        """The verified (city, state, zip) the device is in (realism.md Part 4)."""
        return self.source.home

    @property
    def isp(self) -> str:
        """Eyeball network family key (comcast, charter, att, ... lumen for offices)."""
        return self.source.isp

    @property
    def asn(self) -> int:
        """The ISP's ASN ("last seen ISP")."""
        return self.source.asn

    @property
    def aso(self) -> str:
        """The ISP's organisation name."""
        return self.source.aso

    @property
    def access(self) -> str:
        """Access technology: fiber, cable, dsl, fixed-wireless, satellite or office."""
        return self.source.access

    @property
    def lan(self) -> tuple[tuple[str, str | None], ...]:
        """Private hops from the device outwards, as (address, LAN resolver name)."""
        return self.source.lan

    @property
    def colo(self) -> str:
        """IATA code of the nearest Cloudflare colo."""
        return self.source.colo

    @property
    def wifi(self) -> bool:
        """Whether the device reaches its gateway over Wi-Fi."""
        return self.source.wifi

    @property
    def lan_ms(self) -> float:
        """Typical hop-1 RTT in ms."""
        return self.source.lan_ms

    @property
    def access_ms(self) -> float:
        """The first-ISP-hop RTT step in ms."""
        return self.source.access_ms

    @property
    def route_key(self) -> int:
        """A stable seed for this device's routes."""
        return self.source.route_key

    @property
    def alt_colo(self) -> str:
        """The second-nearest colo, used by a few runs."""
        return self.source.alt_colo


@dataclass(frozen=True, slots=True)
class TracerouteTestProfile:
    """One admin-configured DEX traceroute test.

    Attributes:
        name: testName, e.g. "Atlassian Sign In Page".
        host: the configured target, an IP or a hostname.
        interval: run frequency in DEX form, "0h5m0s" to "1h0m0s".
        kind: "cf-edge" (the path ends inside Cloudflare) or "app" (beyond it).
        target_asn: ASN of the destination.
        target: the destination as the internet model resolved it.
        split_tunnel_excluded: the host is in the WARP Exclude list, so runs are out of
            tunnel.
        route_key: a stable seed for this test's routes.
    """

    name: str
    host: str
    interval: str
    kind: str
    target_asn: int
    target: Target
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


# --- Names ----------------------------------------------------------------------------------


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
        model = rng.choice(dd.ANDROID_MODELS)
        return model if u < 0.6 else f"{first}s-{model}"
    model = rng.choice(dd.CHROMEBOOK_MODELS)
    return f"{handle}-chromebook" if u < 0.5 else f"{model}-{_chars(rng, 4)}"


# --- Profiles -----------------------------------------------------------------------------


def device_profile(rng: random.Random) -> DeviceProfile:
    """Draw one WARP device: its name, platform, and the network it sits on.

    Args:
        rng: the caller's per-device generator; the only source of randomness.

    Returns:
        A frozen device profile. The same rng state always gives the same profile.
    """
    platform = rng.choices(dd.PLATFORMS, dd.PLATFORM_WEIGHTS)[0]
    name = _device_name(rng, platform)
    site = netmodel.sources.end_user_site(rng, _WIFI_SHARE.get(platform, 1.0))
    tunnel = rng.choices(dd.TUNNEL_TYPES, dd.TUNNEL_WEIGHTS)[0] if rng.random() >= 0.05 else None
    return DeviceProfile(name, platform, tunnel, netmodel.sources.end_user_source(rng, site))


def format_interval(minutes: int) -> str:
    """A DEX interval string: 5 -> "0h5m0s", 60 -> "1h0m0s"."""
    return f"{minutes // 60}h{minutes % 60}m0s"


def traceroute_test_profile(
    rng: random.Random, interval_minutes: int | None = None
) -> TracerouteTestProfile:
    """Draw one admin-configured traceroute test: a named target and its run interval.

    Args:
        rng: the caller's per-test generator; the only source of randomness.
        interval_minutes: the test's interval from the universe's schedule (netmodel.schedule
            via universe.account_shape); None for a standalone profile, which draws its own.

    Returns:
        A frozen test profile. The same rng state always gives the same profile.
    """
    spec = rng.choices(dd.TARGETS, _TARGET_WEIGHTS)[0]
    # A standalone test's own interval. The draw is made either way, so the stream (and so
    # the split-tunnel flag and route key below, and every result body) does not move.
    drawn = rng.choices(dd.INTERVALS, dd.INTERVAL_WEIGHTS)[0]
    target = netmodel.targets.resolve(spec.host)
    return TracerouteTestProfile(
        name=spec.name,
        host=spec.host,
        interval=drawn if interval_minutes is None else format_interval(interval_minutes),
        kind=target.kind,
        target_asn=target.asn,
        target=target,
        split_tunnel_excluded=rng.random() < spec.exclude_share,
        route_key=rng.getrandbits(64),
    )


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
        "packetLossPct": 100.0,
        "rttMs": None,
    }


def dex_hops(run: netmodel.ProbeRun) -> list[dict[str, object]]:
    """A neutral probe run as DEX hops: integer ms, 3-probe loss percentages, miles."""
    specs = run.route.hops
    n = min(len(specs), run.length)
    miles, loss_pct = _MILES, _LOSS_PCT
    hops: list[dict[str, object]] = []
    ttl = 0
    for h, rtt, lost, ip in zip(specs, run.rtts, run.lost, run.ips, strict=False):
        ttl += 1
        if ttl > n:
            break
        if rtt is None:  # silent this run
            hops.append(_silent_hop(ttl, miles[h.segment]))
            continue
        place = h.place
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
                "mile": miles[h.segment],
                "name": h.name,
                "packetLossPct": loss_pct[lost],
                # math.trunc is int() for a float, at a third of the cost of the int() call.
                "rttMs": trunc(rtt + 0.5),
            }
        )
    for ttl in range(n + 1, run.length + 1):
        hops.append(_silent_hop(ttl, MILE_APP))
    return hops


def network_path(
    rng: random.Random,
    device: DeviceProfile,
    test: TracerouteTestProfile,
    *,
    scenario: str | None = None,
    condition_rng: random.Random | None = None,
) -> PathRun:
    """Generate one run of `test` on `device`: the DEX hops plus colo and tunnel context.

    Args:
        rng: the caller's per-run generator; the only source of per-run randomness.
        device: the device that ran the test.
        test: the traceroute test that ran.
        scenario: a named condition (netmodel.scenarios) to apply to the run, if any.
        condition_rng: the scenario's own generator (required with `scenario`).

    Returns:
        The run's hops (wire-shaped dicts) and metadata. Same inputs and rng state give the
        same output; the route itself is stable across runs of the same device and test.
    """
    in_tunnel = device.tunnel_type is not None and not test.split_tunnel_excluded
    if scenario is None:
        run = netmodel.probe(
            rng, device.source, test.target, key=test.route_key, tunnelled=in_tunnel
        )
    else:
        assert condition_rng is not None, "a scenario needs its own generator"
        run = scenarios.run(
            scenario, rng, condition_rng, device.source, test.target, key=test.route_key,
            tunnelled=in_tunnel,
        )  # fmt: skip
    return PathRun(
        hops=dex_hops(run),
        colo=run.colo,
        execution_context=IN_TUNNEL if in_tunnel else OUT_OF_TUNNEL,
        tunnel_type=device.tunnel_type,
        target_ip=run.route.target_ip,
    )
