"""DEX HTTP tests: real SaaS targets and the timing model of one run, from the internet model.

An HTTP test run is a GET from a WARP device through its access network (the same device
profiles, ISPs and colos as the traceroutes) to a SaaS front end. Its timings are built from the
round trip time to that front end, which the traceroute path model gives for the same device and
host (`edge_profile`): DNS over the WARP resolver, a TCP handshake (one round trip), a TLS 1.3
handshake (one round trip plus crypto), the server's time to first byte (one round trip plus
processing) and the transfer (bandwidth plus slow-start round trips). Evening congestion on
residential access networks and business-hours load on the servers make them vary by time of
day; the access technology and the device's distance to the front end make them vary by device
and ISP.

DEX reports three of those timings (DOC http.mdx): DNS response time, server response time
(request sent to first byte) and resource fetch time (start to end of the whole fetch, so it is
at least the server response time). Per-run draws are cheap keyed hashes (splitmix64), so a day
of runs costs microseconds each; the per-(device, test) base comes from a few traced paths and is
cached.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.vendors.cloudflare import generator, service, universe

VENDOR = "cloudflare"


@dataclass(frozen=True, slots=True)
class HttpTarget:
    """One SaaS page an admin monitors with a DEX HTTP test.

    Attributes:
        name: the test name an admin would give it.
        url: the configured host, a URL (DEX HTTP tests take a URL: DOC http.mdx).
        host: its host name, traced by the path model to find the front end.
        status: what a healthy fetch answers (login pages of Microsoft 365 redirect: 302).
        server_ms: median processing time at the front end, ms.
        server_sigma: spread of the processing time (log-normal sigma).
        size_kb: bytes transferred for the page (compressed HTML), KB.
        weight: how often admins pick it [infer].
    """

    name: str
    url: str
    host: str
    status: int
    server_ms: float
    server_sigma: float
    size_kb: int
    weight: int


# Hosts are the path model's own targets (generator.traceroute_test_profile draws them), so the
# round trip to each front end comes from the same routes the traceroutes take.
HTTP_TARGETS: Final[tuple[HttpTarget, ...]] = (
    HttpTarget("Cloudflare Dashboard Home", "https://dash.cloudflare.com/home",
               "dash.cloudflare.com", 200, 85.0, 0.35, 95, 6),
    HttpTarget("Cloudflare Homepage", "https://www.cloudflare.com/", "www.cloudflare.com", 200,
               45.0, 0.30, 180, 3),
    HttpTarget("Google Homepage", "https://www.google.com/", "www.google.com", 200, 55.0, 0.30,
               90, 5),
    HttpTarget("Outlook Web Access", "https://outlook.office365.com/owa/",
               "outlook.office365.com", 302, 110.0, 0.40, 2, 7),
    HttpTarget("Teams Web App", "https://teams.microsoft.com/", "teams.microsoft.com", 302, 95.0,
               0.40, 2, 5),
    HttpTarget("Entra ID Sign In", "https://login.microsoftonline.com/",
               "login.microsoftonline.com", 200, 140.0, 0.35, 45, 6),
    HttpTarget("Atlassian Login Page", "https://id.atlassian.com/login", "id.atlassian.com", 200,
               190.0, 0.35, 120, 6),
    HttpTarget("Datadog Login Page", "https://app.datadoghq.com/account/login",
               "app.datadoghq.com", 200, 130.0, 0.35, 60, 4),
)  # fmt: skip
HTTP_TARGET_WEIGHTS: Final = tuple(t.weight for t in HTTP_TARGETS)
_BY_URL: Final = {t.url: t for t in HTTP_TARGETS}


def target_for_url(url: str) -> HttpTarget | None:
    """The HTTP_TARGETS entry configured with `url`, or None (a host the model does not know)."""
    return _BY_URL.get(url)


@lru_cache(maxsize=1024)  # bounded: 1-2 targets per account
def account_http_targets(seed: int, account: str) -> tuple[HttpTarget, ...]:
    """The targets of the account's HTTP tests, in test order, each page at most once."""
    shape = universe.account_shape(seed, account)
    chosen: list[HttpTarget] = []
    for index in range(shape.tests, shape.test_count):
        rng = rng_for(seed, VENDOR, account, "http-test", str(index))
        target = next(
            (
                pick
                for pick in (rng.choices(HTTP_TARGETS, HTTP_TARGET_WEIGHTS)[0] for _ in range(50))
                if pick not in chosen
            ),
            None,
        )
        chosen.append(target or next(t for t in HTTP_TARGETS if t not in chosen))
    return tuple(chosen)


# Access networks (realism.md R15 families): the device's downlink in Mbps (low, high), the
# queueing delay at the evening peak in ms, and per-run jitter in ms.
_ACCESS: Final[dict[str, tuple[float, float, float, float]]] = {
    "fiber": (300.0, 940.0, 1.5, 1.0),
    "cable": (100.0, 800.0, 7.0, 3.0),
    "dsl": (12.0, 60.0, 9.0, 4.0),
    "fixed-wireless": (40.0, 250.0, 22.0, 10.0),
    "satellite": (50.0, 220.0, 14.0, 8.0),
    "office": (200.0, 1000.0, 2.0, 1.0),
}
_WIFI_MBPS: Final = (80.0, 450.0)  # what a home/office Wi-Fi link carries
_TCP_INIT_KB: Final = 14.6  # initial congestion window: 10 segments (RFC 6928)
# Failure and error shares per run [infer]: timeouts and resets, rare 4xx (429/403), rare 5xx;
# an incident hour of a test (about 1 in 120) turns a third of its fetches into 502/503.
_FAIL_SHARE: Final = 0.003
_CLIENT_ERROR_SHARE: Final = 0.002
_SERVER_ERROR_SHARE: Final = 0.001
_INCIDENT_SHARE: Final = 0.008
_INCIDENT_ERROR_SHARE: Final = 0.35
_M64: Final = (1 << 64) - 1
_UNIT: Final = 2.0**-53
_REFERENCE_RUNS: Final = 5


@dataclass(frozen=True, slots=True)
class EdgeProfile:
    """What the path model says about one device reaching one HTTP target.

    Attributes:
        rtt_ms: the typical round trip to the front end (median final-hop RTT of traced runs).
        resolver_ms: the round trip to the DNS resolver (the Cloudflare colo in tunnel, else the
            ISP edge).
        floor_ms: the lowest traced round trip: no handshake is faster.
        tz_hours: the device's UTC offset (from its longitude; DST ignored).
        mbps: the device's downlink.
        queue_ms: queueing delay its access network adds at the evening peak.
        jitter_ms: per-run jitter of its access network.
        office: the device sits on an office network (busy in business hours, not evenings).
        tls_cpu_ms: the device's TLS handshake compute time.
    """

    rtt_ms: float
    resolver_ms: float
    floor_ms: int
    tz_hours: int
    mbps: float
    queue_ms: float
    jitter_ms: float
    office: bool
    tls_cpu_ms: float


@dataclass(frozen=True, slots=True)
class HttpRun:
    """One run of an HTTP test. Timings are ms and None when the fetch failed (no response)."""

    status: int  # 0: no response (timeout, reset)
    dns_ms: int | None
    connect_ms: int | None
    tls_ms: int | None
    server_ms: int | None  # request sent -> first byte (DEX serverResponseTime)
    fetch_ms: int | None  # start -> response end (DEX resourceFetchTime)
    rtt_ms: float  # the round trip this run saw to the front end

    @property
    def available(self) -> bool:
        """A response below 500 came back (the page was served)."""
        return 0 < self.status < 500


@lru_cache(maxsize=1024)  # bounded: a profile is a few hundred bytes
def path_profile(
    seed: int, account: str, test_index: int, host: str
) -> generator.TracerouteTestProfile:
    """A traceroute profile towards `host`, keyed by the test: the routes an HTTP run takes.

    Only the public profile drawer is used: draws from the test's own stream until one targets
    `host` (the drawer's targets include every HTTP_TARGETS host).
    """
    rng = random.Random(stable_int(seed, VENDOR, account, "http-path", str(test_index)))
    for _ in range(10_000):
        profile = generator.traceroute_test_profile(rng)
        if profile.host == host:
            return profile
    raise LookupError(f"the path model has no target {host}")  # a table edit gone wrong


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _last_rtt(hops: list[dict[str, object]], miles: tuple[str, ...]) -> int | None:
    """The RTT of the last answering hop on one of `miles`."""
    found: int | None = None
    for hop in hops:
        rtt = hop["rttMs"]
        if isinstance(rtt, int) and hop["mile"] in miles:
            found = rtt
    return found


@lru_cache(maxsize=4096)  # bounded: ~200 bytes each
def edge_profile(
    seed: int, account: str, test_index: int, device_index: int, host: str
) -> EdgeProfile:
    """How registry device `device_index` reaches `host`: traced a few times by the path model."""
    device = service.account_device(seed, account, device_index)
    path = path_profile(seed, account, test_index, host)
    key = stable_int(seed, VENDOR, account, "http-edge", str(test_index), str(device_index))
    finals: list[int] = []
    resolvers: list[int] = []
    for k in range(_REFERENCE_RUNS):
        run = generator.network_path(random.Random(key + k), device, path)
        final = run.hops[-1]["rttMs"]
        if isinstance(final, int):
            finals.append(final)
        resolver = _last_rtt(run.hops, ("client-to-cf-ingress",))
        if resolver is None:
            # Out of tunnel: the resolver answers from just past the ISP's edge.
            isp = _last_rtt(run.hops, ("client-to-isp",))
            resolver = None if isp is None else isp + 3
        if resolver is not None:
            resolvers.append(resolver)
    rtt = _median(finals) if finals else 60.0
    resolver_ms = _median(resolvers) if resolvers else rtt
    rng = random.Random(key ^ 0x5DEECE66D)
    low, high, queue, jitter = _ACCESS[device.access]
    mbps = rng.uniform(low, high)
    if device.wifi:
        mbps = min(mbps, rng.uniform(*_WIFI_MBPS))
    # Phones and Chromebooks do the handshake's crypto more slowly than laptops [infer].
    slow_cpu = device.platform in ("android", "chromeos", "ios")
    tls_cpu = rng.uniform(3.0, 8.0) if slow_cpu else rng.uniform(1.5, 4.5)
    return EdgeProfile(
        rtt_ms=rtt,
        resolver_ms=min(resolver_ms, rtt),
        floor_ms=min(finals) if finals else int(rtt),
        tz_hours=round(device.home.lon / 15.0),
        mbps=mbps,
        queue_ms=queue,
        jitter_ms=jitter,
        office=device.access == "office",
        tls_cpu_ms=tls_cpu,
    )


def mix(x: int) -> int:
    """splitmix64: a keyed 64-bit value per draw, far cheaper than seeding a generator."""
    z = (x + 0x9E3779B97F4A7C15) & _M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


def uniform(x: int) -> float:
    """A draw in [0, 1) from the keyed value `x`."""
    return (mix(x) >> 11) * _UNIT


def _bump(hour: float, centre: float, width: float) -> float:
    """A smooth daily peak: 1 at `centre` (local hour), 0 beyond `width` hours from it."""
    d = abs((hour - centre + 12.0) % 24.0 - 12.0)
    return 0.0 if d >= width else 0.5 * (1.0 + math.cos(math.pi * d / width))


def incident(seed_key: int, hour: int) -> bool:
    """Whether the test's front end has a bad hour (errors for a share of every device)."""
    return uniform(seed_key ^ (hour * 0x2545F4914F6CDD1D)) < _INCIDENT_SHARE


def http_run(
    target: HttpTarget,
    edge: EdgeProfile,
    run_key: int,
    test_key: int,
    timestamp: int,
    alt_colo: bool,
) -> HttpRun:
    """One fetch of `target` by a device whose path is `edge`, at `timestamp` (Unix seconds).

    Args:
        target: the page fetched.
        edge: the device's path to the front end (edge_profile).
        run_key: a keyed 64-bit value unique to the run (all per-run draws come from it).
        test_key: a keyed 64-bit value of the test (its incident hours).
        timestamp: when the run started.
        alt_colo: the run went through the device's second-nearest colo.
    """
    draws = [uniform(run_key + k) for k in range(10)]
    u_fail, u_status, u_queue, u_jit, u_dns, u_dns2, z1, z2, z3, u_tls = draws
    local = ((timestamp / 3600.0) + edge.tz_hours) % 24.0
    # Residential networks congest in the evening, offices in business hours (R15 families).
    peak = _bump(local, 13.5, 5.0) if edge.office else _bump(local, 21.0, 4.0)
    rtt = edge.rtt_ms + edge.queue_ms * peak * (0.5 + u_queue) + edge.jitter_ms * u_jit
    if alt_colo:
        rtt += 3.0 + 9.0 * u_queue  # anycast landed on the second-nearest colo
    rtt = max(rtt, float(edge.floor_ms))
    bad_hour = incident(test_key, timestamp // 3600)
    if u_fail < _FAIL_SHARE + (0.02 if bad_hour else 0.0):
        return HttpRun(0, None, None, None, None, None, rtt)
    if bad_hour and u_status < _INCIDENT_ERROR_SHARE:
        status = 503 if u_status < _INCIDENT_ERROR_SHARE * 0.6 else 502
    elif u_status > 1.0 - _SERVER_ERROR_SHARE:
        status = 500
    elif u_status > 1.0 - _SERVER_ERROR_SHARE - _CLIENT_ERROR_SHARE:
        status = 429 if u_status > 1.0 - _SERVER_ERROR_SHARE - _CLIENT_ERROR_SHARE / 2 else 403
    else:
        status = target.status
    # DNS: the stub's cache answers about a third of lookups; otherwise a round trip to the
    # resolver plus its own work, and now and then a recursion to the authoritative servers.
    if u_dns < 0.3:
        dns = 2.0 + 2.0 * u_dns2
    else:
        dns = edge.resolver_ms + edge.queue_ms * peak * 0.5 + 1.0 + 8.0 * u_dns2
        if u_dns2 > 0.9:
            dns += 15.0 + 25.0 * u_jit
    connect = rtt * (1.0 + 0.05 * u_jit) + 0.3
    tls = rtt + edge.tls_cpu_ms * (0.8 + 0.4 * u_tls)
    # Server processing: log-normal around the target's median, heavier in its business hours
    # (US front ends: the device's own local day is a fair proxy).
    z = (z1 + z2 + z3 - 1.5) * 2.0  # Irwin-Hall: close to a standard normal
    load = 1.0 + 0.25 * _bump(local, 14.0, 6.0)
    processing = target.server_ms * math.exp(target.server_sigma * z) * load
    if status >= 500:
        processing *= 0.3  # a gateway gives up fast
    server = rtt + processing
    size = 0.5 if status >= 300 else target.size_kb
    mbps = edge.mbps * (1.0 - 0.3 * peak) if not edge.office else edge.mbps
    transfer = size * 8.0 / mbps
    rounds = max(0, math.ceil(math.log2(size / _TCP_INIT_KB + 1.0)) - 1)
    fetch = dns + connect + tls + server + transfer + rounds * rtt
    dns_ms = round(dns)
    server_ms = round(server)
    return HttpRun(
        status=status,
        dns_ms=dns_ms,
        connect_ms=round(connect),
        tls_ms=round(tls),
        server_ms=server_ms,
        fetch_ms=max(round(fetch), dns_ms + server_ms),
        rtt_ms=rtt,
    )
