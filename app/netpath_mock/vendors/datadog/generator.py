"""Pure generator of realistic Datadog Synthetics Network Path tests.

`network_test_attributes` returns the `attributes` object of a v2 `SyntheticsNetworkTestResponse`
(`GET /api/v2/synthetics/tests/network/{public_id}`) the way the real API returns a test that has
been stored for a while. Facts come from `shared/docs/datadog-contract-notes.md` ("notes") and
`shared/docs/realism.md` R25; each vendor quirk below cites its section.

The function is pure: every draw comes from the `random.Random` the caller passes (seeded per
resource), so the same seed and public id always give the same dict, and nothing reads the clock,
the global `random` state or Faker (names come from the project's own tables in
`netpath_mock.data.names`, through `catalogdata`).
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from typing import Final, Generic, NamedTuple, TypeVar

from netpath_mock.vendors.datadog import catalogdata as cat

__all__ = ["network_test_attributes"]

_T = TypeVar("_T")


class _Weighted(Generic[_T]):
    """A weighted table sampled with one `rng.random()` draw and a bisect (faster than choices)."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self._items: tuple[_T, ...] = tuple(item for item, _ in pairs)
        cum: list[float] = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            cum.append(total)
        self._cum: tuple[float, ...] = tuple(cum)
        self._total = total

    def pick(self, rng: random.Random) -> _T:
        """Draw one item."""
        return self._items[bisect(self._cum, rng.random() * self._total)]


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """Uniform choice with a single `rng.random()` draw."""
    return items[int(rng.random() * len(items))]


# --- Tables derived once at import ------------------------------------------------------------

_AWS: Final = _Weighted([(f"aws:{region}", float(w)) for region, w in cat.AWS_REGIONS])
_OTHER_MANAGED: Final[tuple[str, ...]] = (
    *(f"azure:{r}" for r in cat.AZURE_REGIONS),
    *(f"gcp:{r}" for r in cat.GCP_REGIONS),
)
_ENV: Final = _Weighted([(e, float(w)) for e, w in cat.ENVS])
_TLD: Final = _Weighted([(t, float(w)) for t, w in cat.PUBLIC_TLDS])
_TICK: Final = _Weighted([(t, float(w)) for t, w in cat.TICK_EVERY])

# Documented defaults dominate (notes §6, R25): max_ttl 30, e2e_queries 50, traceroute_queries 3.
# The alternatives stay inside R25's sensible ranges (10-64, 10-100, 1-10); 60 was recorded.
_MAX_TTL: Final = _Weighted(
    [(30, 78.0), (64, 6.0), (20, 5.0), (40, 4.0), (60, 3.0), (16, 2.0), (15, 1.0), (32, 1.0)]
)
_E2E: Final = _Weighted([(50, 74.0), (10, 7.0), (20, 6.0), (100, 5.0), (25, 4.0), (30, 4.0)])
_TRACEROUTE: Final = _Weighted([(3, 78.0), (5, 9.0), (1, 4.0), (2, 4.0), (4, 3.0), (10, 2.0)])
# tcp_method: prefer_sack is what the docs/API examples use, syn is the agent default (notes §6).
_TCP_METHOD: Final = _Weighted([("prefer_sack", 55.0), ("syn", 32.0), ("sack", 13.0)])
_TIMEOUT: Final = _Weighted([(10, 45.0), (5, 15.0), (15, 12.0), (20, 15.0), (30, 13.0)])

# Latency thresholds in ms: recordings use lessThan 100..500 (notes §6); private paths are
# shorter so their teams alert earlier, but never below the 50 ms floor of a sane threshold.
_LATENCY_PUBLIC: Final = _Weighted(
    [
        (100, 14.0),
        (150, 12.0),
        (200, 18.0),
        (250, 10.0),
        (300, 14.0),
        (400, 8.0),
        (500, 18.0),
        (750, 3.0),
        (1000, 3.0),
    ]
)
_LATENCY_PRIVATE: Final = _Weighted(
    [(50, 20.0), (75, 12.0), (100, 30.0), (150, 15.0), (200, 15.0), (250, 8.0)]
)
_LATENCY_PROPERTY: Final = _Weighted([("avg", 72.0), ("max", 24.0), ("min", 4.0)])
# Jitter thresholds in ms: recorded 10-20 (notes §6); R25 wants jitter well below latency.
_JITTER: Final = _Weighted([(5, 12.0), (10, 40.0), (15, 18.0), (20, 20.0), (25, 5.0), (30, 5.0)])
# packetLossPercentage is a FRACTION 0..1 in the API (notes §2, §6; realism Part 7 #5), even
# though the UI table says 0..100. Recorded 0.05 / 0.1.
_LOSS: Final = _Weighted(
    [
        (0.05, 34.0),
        (0.1, 30.0),
        (0.01, 8.0),
        (0.02, 8.0),
        (0.2, 8.0),
        (0.25, 5.0),
        (0.5, 4.0),
        (0.03, 3.0),
    ]
)
# multiNetworkHop: number of networks (ASes) crossed; recorded max lessThan 15 (notes §6).
_HOPS: Final = _Weighted([(15, 40.0), (20, 22.0), (10, 14.0), (25, 10.0), (30, 8.0), (12, 6.0)])
_THRESHOLD_OP: Final = _Weighted([("lessThan", 86.0), ("lessThanOrEqual", 14.0)])

_RETRY_COUNT: Final = _Weighted([(1, 40.0), (2, 40.0), (3, 20.0)])
# retry.interval is milliseconds (contract), 300 default, terraform caps it at 5000 (notes §6).
_RETRY_INTERVAL: Final = _Weighted(
    [(300, 45.0), (500, 15.0), (600, 10.0), (1000, 20.0), (2000, 6.0), (5000, 4.0)]
)
_MIN_FAILURE: Final = _Weighted([(60, 25.0), (120, 25.0), (300, 35.0), (600, 10.0), (900, 5.0)])
_RENOTIFY: Final = _Weighted(
    [(120, 30.0), (60, 20.0), (240, 20.0), (30, 10.0), (0, 10.0), (1440, 10.0)]
)
_PRIORITY: Final = _Weighted([(1, 10.0), (2, 28.0), (3, 40.0), (4, 14.0), (5, 8.0)])

# Target kinds: what a team points a Network Path test at.
_KIND: Final = _Weighted(
    [
        ("own", 30.0),
        ("private", 24.0),
        ("saas", 21.0),
        ("cloud", 11.0),
        ("resolver", 10.0),
        ("ntp", 4.0),
    ]
)

_RUN_SUFFIX: Final[tuple[str, ...]] = ("uc", "ue", "ew", "an")
_ALNUM: Final = "abcdefghijklmnopqrstuvwxyz0123456789"
_HEX: Final = "0123456789abcdef"


class _Target(NamedTuple):
    """What the test probes and how."""

    host: str
    label: str
    service: str
    subtype: str
    port: int | None
    private: bool
    generic: bool = True  # label says what, not which (e.g. "Checkout API")


def _company(rng: random.Random, org_domain: str | None) -> tuple[str, str]:
    """A (short name, public domain) pair for the organisation owning the test."""
    if org_domain:
        return org_domain.split(".", 1)[0], org_domain
    last = _pick(rng, cat.LAST_NAMES)
    roll = rng.random()
    if roll < 0.45:
        short = last + _pick(rng, cat.DOMAIN_WORDS)
    elif roll < 0.7:
        short = f"{last}-{_pick(rng, cat.DOMAIN_WORDS)}"
    elif roll < 0.85:
        short = "get" + last
    else:
        short = last
    return short, f"{short}.{_TLD.pick(rng)}"


def _private_ip(rng: random.Random) -> str:
    """An RFC 1918 address laid out like real VPC / datacenter plans."""
    roll = rng.random()
    host = rng.randrange(4, 251)
    if roll < 0.7:
        return f"10.{rng.randrange(0, 64)}.{rng.randrange(0, 256)}.{host}"
    if roll < 0.9:
        return f"172.{rng.randrange(16, 32)}.{rng.randrange(0, 256)}.{host}"
    return f"192.168.{rng.randrange(0, 32)}.{host}"


def _rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(alphabet[int(rng.random() * len(alphabet))] for _ in range(n))


def _web_subtype(rng: random.Random, port: int) -> tuple[str, int | None]:
    """Subtype/port for a TCP service: mostly TCP to the service port, sometimes ICMP or UDP."""
    roll = rng.random()
    if roll < 0.78:
        return "tcp", port
    if roll < 0.95:
        return "icmp", None
    if port == 443 and roll < 0.98:
        return "udp", 443  # HTTP/3 (QUIC) front doors
    # UDP without a port: the agent picks a random one (contract description of `port`).
    return "udp", None


def _target(rng: random.Random, kind: str, short: str, domain: str, env: str) -> _Target:
    """Draw the probed endpoint for a kind of target."""
    if kind == "own":
        sub, label, service, port = _pick(rng, cat.OWN_PUBLIC_ENDPOINTS)
        if env not in ("prod", "production") and rng.random() < 0.6:
            sub = f"{sub}.{env}"
        if port == 500:
            return _Target(f"{sub}.{domain}", label, service, "udp", port, False)
        subtype, p = _web_subtype(rng, port)
        return _Target(f"{sub}.{domain}", label, service, subtype, p, False)
    if kind == "saas":
        host, label, service, ports = _pick(rng, cat.SAAS_ENDPOINTS)
        port = ports[0] if len(ports) == 1 or rng.random() < 0.8 else ports[1]
        subtype, p = _web_subtype(rng, port)
        return _Target(host, label, service, subtype, p, False, False)
    if kind == "resolver":
        host, label = _pick(rng, cat.RESOLVERS)
        roll = rng.random()
        if roll < 0.55:
            return _Target(host, label, "dns", "udp", 53, False, False)
        if roll < 0.85:
            return _Target(host, label, "dns", "icmp", None, False, False)
        return _Target(host, label, "dns", "tcp", 853 if roll < 0.92 else 53, False, False)
    if kind == "ntp":
        host, label = _pick(rng, cat.NTP_SERVERS)
        if rng.random() < 0.75:
            return _Target(host, label, "ntp", "udp", 123, False, False)
        return _Target(host, label, "ntp", "icmp", None, False, False)
    if kind == "cloud":
        app = _pick(rng, cat.AWS_LB_APPS)
        roll = rng.random()
        if roll < 0.4:
            # ALB/CLB DNS name: <name>-<digits>.<region>.elb.amazonaws.com
            region = _AWS.pick(rng)[4:]
            host = f"{app}-{env}-{rng.randrange(10**9, 10**10)}.{region}.elb.amazonaws.com"
            label = f"ALB {app}"
        elif roll < 0.55:
            # NLB DNS name: <name>-<16 hex>.elb.<region>.amazonaws.com
            region = _AWS.pick(rng)[4:]
            host = f"{app}-{env}-nlb-{_rand_str(rng, _HEX, 16)}.elb.{region}.amazonaws.com"
            label = f"NLB {app}"
        elif roll < 0.7:
            host = f"d{_rand_str(rng, _ALNUM, 13)}.cloudfront.net"
            label = f"CloudFront {app}"
        elif roll < 0.85:
            host = f"{short}-{app}-{env}.azurewebsites.net"
            label = f"Azure App Service {app}"
        else:
            suffix = _pick(rng, _RUN_SUFFIX)
            host = f"{app}-{_rand_str(rng, _ALNUM, 10)}-{suffix}.a.run.app"
            label = f"Cloud Run {app}"
        subtype, p = _web_subtype(rng, 443 if rng.random() < 0.9 else 80)
        return _Target(host, label, app, subtype, p, False)
    # Private: only reachable from an agent inside the network (notes §6 locations).
    prefix, label, service, port, hint = _pick(rng, cat.PRIVATE_SERVICES)
    if rng.random() < 0.35:
        host = _private_ip(rng)
    else:
        zone = _pick(rng, cat.PRIVATE_ZONES).format(e=env, c=short.replace("-", ""))
        host = f"{prefix}.{zone}"
    if hint == "icmp":
        return _Target(host, label, service, "icmp", None, True)
    if hint == "udp":
        return _Target(host, label, service, "udp", port, True)
    if rng.random() < 0.9:
        return _Target(host, label, service, "tcp", port, True)
    return _Target(host, label, service, "icmp", None, True)


def _agent_name(rng: random.Random, short: str) -> str:
    """An agent hostname as it shows in `agent:<name>` (notes §6)."""
    roll = rng.random()
    site = _pick(rng, cat.AGENT_SITES)
    n = rng.randrange(1, 7)
    if roll < 0.35:
        return f"netpath-{site}-{n:02d}"
    if roll < 0.55:
        return f"{site}-netmon-{n:02d}"
    if roll < 0.7:
        return f"dd-agent-{_pick(rng, cat.AGENT_ENVS)}-{site}-{n}"
    if roll < 0.85:
        return f"{short.replace('-', '')}-{site}-probe{n}"
    return f"ip-10-{rng.randrange(0, 64)}-{rng.randrange(0, 256)}-{rng.randrange(4, 251)}"


def _locations(rng: random.Random, private: bool, short: str) -> list[str]:
    """Managed `aws:`/`azure:`/`gcp:` and/or `agent:` locations (notes §6).

    Private targets only get agents: managed locations test public endpoints and network tests
    cannot run from private locations (notes §6).
    """
    if private or rng.random() < 0.12:
        agents = [f"agent:{_agent_name(rng, short)}"]
        if rng.random() < 0.3:
            second = f"agent:{_agent_name(rng, short)}"
            if second != agents[0]:
                agents.append(second)
        if private or rng.random() < 0.6:
            return agents
        return [*agents, _AWS.pick(rng)]
    roll = rng.random()
    count = 1 if roll < 0.45 else 2 if roll < 0.7 else 3 if roll < 0.88 else rng.randrange(4, 7)
    out: list[str] = []
    for _ in range(count * 3):  # bounded retries on duplicates
        loc = _AWS.pick(rng) if rng.random() < 0.88 else _pick(rng, _OTHER_MANAGED)
        if loc not in out:
            out.append(loc)
            if len(out) == count:
                break
    return out


def _where(locations: list[str]) -> str:
    """How a human would name the locations in a test name."""
    if len(locations) == 1:
        return locations[0].split(":", 1)[1]
    if len(locations) <= 3:
        return ", ".join(loc.split(":", 1)[1] for loc in locations)
    return f"{len(locations)} locations"


def _assertions(rng: random.Random, private: bool) -> tuple[list[dict[str, object]], int]:
    """Assertions in the UI's order; returns them with the latency threshold used.

    Integral targets are emitted as JSON integers (`"target": 500`) because that is how the real
    API returns them (notes §5 recordings); the contract's `number`/`double` accepts both and the
    client converts to float.
    """
    latency = (_LATENCY_PRIVATE if private else _LATENCY_PUBLIC).pick(rng)
    prop = _LATENCY_PROPERTY.pick(rng)
    if prop == "max":
        latency = int(latency * 1.5)
    out: list[dict[str, object]] = []
    if rng.random() < 0.92:
        out.append(
            {
                "operator": _THRESHOLD_OP.pick(rng),
                "property": prop,
                "target": latency,
                "type": "latency",
            }
        )
    if rng.random() < 0.3:
        jitter = _JITTER.pick(rng)
        while jitter * 4 > latency:  # keep jitter well below latency (R25)
            jitter //= 2
        out.append({"operator": "lessThan", "target": max(jitter, 2), "type": "jitter"})
    if rng.random() < 0.5 or not out:
        out.append(
            {
                "operator": _THRESHOLD_OP.pick(rng),
                "target": _LOSS.pick(rng),
                "type": "packetLossPercentage",
            }
        )
    if rng.random() < 0.18:
        out.append(
            {
                "operator": "lessThan",
                "property": "max" if rng.random() < 0.8 else "avg",
                "target": _HOPS.pick(rng),
                "type": "multiNetworkHop",
            }
        )
    return out, latency


def _handles(rng: random.Random, team: str, domain: str) -> list[str]:
    """Notification @-handles as teams write them (Slack, PagerDuty, Opsgenie, e-mail...)."""
    out: list[str] = []
    roll = rng.random()
    if roll < 0.75:
        out.append(
            _pick(
                rng,
                (
                    f"@slack-{team}-alerts",
                    f"@slack-{team}",
                    f"@slack-{team}-oncall",
                    "@slack-netops-alerts",
                    "@slack-alerts-network",
                ),
            )
        )
    if roll > 0.45:
        title = "".join(part.capitalize() for part in team.split("-"))
        out.append(
            _pick(
                rng,
                (
                    f"@pagerduty-{title}",
                    f"@pagerduty-{title}-Oncall",
                    "@pagerduty-Network-Oncall",
                    f"@opsgenie-{team}",
                    f"@teams-{title}-Alerts",
                ),
            )
        )
    if rng.random() < 0.2:
        first, last = _pick(rng, cat.FIRST_NAMES), _pick(rng, cat.LAST_NAMES)
        out.append(f"@{first}.{last}@{domain}")
    return out


def _message(rng: random.Random, label: str, host: str, team: str, domain: str) -> str:
    """The monitor message; `""` is the stored default (notes §5)."""
    if rng.random() < 0.2:
        return ""
    handles = " ".join(_handles(rng, team, domain))
    roll = rng.random()
    if roll < 0.35:
        return f"Network path to {label} ({host}) is degraded. {handles}".rstrip()
    if roll < 0.75:
        return (
            "{{#is_alert}}\n"
            f"Latency or packet loss to {host} is above threshold from at least one location.\n"
            f"{handles}\n"
            "{{/is_alert}}\n"
            "{{#is_recovery}}\n"
            f"{label} network path recovered.\n"
            "{{/is_recovery}}"
        )
    slug = label.lower().replace(" ", "-").replace("(", "").replace(")", "")
    return (
        f"{label} ({host}) is unreachable or slow.\n\n"
        f"Runbook: https://wiki.{domain}/runbooks/network/{slug}\n"
        f"{handles}"
    ).rstrip()


def _tags(rng: random.Random, team: str, env: str, service: str, subtype: str) -> list[str]:
    """`key:value` tags (`[]` is the stored default, notes §5)."""
    if rng.random() < 0.1:
        return []
    tags = [f"team:{team}", f"env:{env}"]
    if rng.random() < 0.7:
        tags.append(f"service:{service}")
    if rng.random() < 0.25:
        tags.append(f"network:{subtype}")  # seen in the terraform recording (notes §5)
    if rng.random() < 0.3:
        tags.append("managed-by:terraform")
    if rng.random() < 0.15:
        tags.append(f"criticality:{_pick(rng, ('high', 'high', 'medium', 'low'))}")
    if rng.random() < 0.3:
        rng.shuffle(tags)
    return tags


# Test names as teams write them. Third-party endpoints have a well-known label, so their names
# carry team/env/locations to tell tests apart; a team's own endpoints have generic labels
# ("Checkout API"), so their names always carry the host.
_NAMES_WELL_KNOWN: Final = _Weighted(
    [
        ("[{env}][{team}] {pp} to {label} from {where}", 14.0),
        ("{team} | {label} ({hostport}) from {where} [{env}]", 10.0),
        ("{team}/{env}: {label} reachability from {where} ({pp})", 8.0),
        ("{label} latency from {where} ({env}, {pp}) - {team}", 8.0),
        ("Network Path | {team} | {env} | {label} | {pp} | {where}", 8.0),
        ("[{ENV}] {host} {pp} via {where} ({team})", 6.0),
    ]
)
_NAMES_OWN: Final = _Weighted(
    [
        ("[{env}] {pp} to {label} ({host}) from {where}", 14.0),
        ("{label} {pp} path from {where} - {host}", 10.0),
        ("[{ENV}][{team}] {host} {pp} via {where}", 10.0),
        ("{proto} {hostport} from {where} [{team}-{env}]", 8.0),
        ("{label} - {hostport} ({where})", 8.0),
        ("Network Path | {env} | {label} | {hostport}", 6.0),
    ]
)


def network_test_attributes(
    rng: random.Random, public_id: str, *, org_domain: str | None = None
) -> dict[str, object]:
    """The `attributes` object of a v2 SyntheticsNetworkTestResponse for one test.

    Shaped as the real API returns a stored test (notes §2, §5): required `name`, `config`,
    `locations`, `options`, `type`, `message`; `public_id`, `status`, `subtype`, `tags`; the
    stored defaults (`source_service`/`destination_service` `""`, `retry` `{count 0,
    interval 300}`, `min_failure_duration` 0, `min_location_failed` 1, `notification_preset_name`
    `show_all`) on every test; and never `monitor_id`, which v2 responses omit (notes §5).

    Args:
        rng: The per-resource random source; the only source of randomness used.
        public_id: The test's public id (`xxx-xxx-xxx`), echoed as `attributes.public_id`.
        org_domain: Optional public domain of the owning organisation; when given, the test's
            own endpoints live under it instead of a drawn company domain.

    Returns:
        A JSON-ready dict (str/int/float/bool/list/dict only) valid against the contract's
        `SyntheticsNetworkTest` schema.
    """
    short, domain = _company(rng, org_domain)
    env = _ENV.pick(rng)
    team = _pick(rng, cat.TEAMS)
    tgt = _target(rng, _KIND.pick(rng), short, domain, env)
    locations = _locations(rng, tgt.private, short)

    request: dict[str, object] = {
        "host": tgt.host,
        "max_ttl": _MAX_TTL.pick(rng),
        "e2e_queries": _E2E.pick(rng),
        "traceroute_queries": _TRACEROUTE.pick(rng),
    }
    # port only for tcp and (optionally) udp; tcp_method only for tcp (notes §6, R25).
    if tgt.port is not None:
        request["port"] = tgt.port
    if tgt.subtype == "tcp":
        request["tcp_method"] = _TCP_METHOD.pick(rng)
    if rng.random() < 0.25:
        request["timeout"] = _TIMEOUT.pick(rng)  # seconds (contract); recorded 10, 20
    # Stored as "" unless set (notes §5); labels are free text shown on the path's end nodes.
    request["source_service"] = (
        _pick(rng, ("monitoring", "synthetics", f"{team}-probes", short, "office-network"))
        if rng.random() < 0.2
        else ""
    )
    request["destination_service"] = tgt.service if rng.random() < 0.3 else ""

    assertions, _ = _assertions(rng, tgt.private)

    # Options: stored defaults always present (notes §5 GET of c7a-uwa-wn2).
    monitor_options: dict[str, object] = {
        "notification_preset_name": "show_all"
        if rng.random() < 0.88
        else _pick(rng, cat.OTHER_PRESETS),
    }
    if rng.random() < 0.25:
        monitor_options["renotify_interval"] = _RENOTIFY.pick(rng)  # minutes (contract)
        if rng.random() < 0.5:
            monitor_options["renotify_occurrences"] = _pick(rng, (0, 0, 1, 2, 3, 5))
        if rng.random() < 0.3:
            monitor_options["escalation_message"] = f"Still failing: {tgt.label} ({tgt.host})"
        # The API adds these undocumented keys when monitor_options were sent on create
        # (notes §5); the client keeps them as additional properties.
        monitor_options["on_missing_data"] = "show_no_data"
        monitor_options["notify_audit"] = False
        monitor_options["new_host_delay"] = 300
        monitor_options["include_tags"] = True

    retry: dict[str, object] = {"count": 0, "interval": 300}
    if rng.random() < 0.25:
        retry = {"count": _RETRY_COUNT.pick(rng), "interval": _RETRY_INTERVAL.pick(rng)}

    n_loc = len(locations)
    options: dict[str, object] = {
        "tick_every": _TICK.pick(rng),
        "min_failure_duration": _MIN_FAILURE.pick(rng) if rng.random() < 0.2 else 0,
        "min_location_failed": (
            rng.randrange(2, min(n_loc, 3) + 1) if n_loc >= 3 and rng.random() < 0.2 else 1
        ),
        "retry": retry,
        "monitor_options": monitor_options,
    }
    if rng.random() < 0.3:
        options["monitor_priority"] = _PRIORITY.pick(rng)

    where = _where(locations)
    proto = tgt.subtype.upper()
    pp = f"{proto} {tgt.port}" if tgt.port is not None else proto
    hostport = f"{tgt.host}:{tgt.port}" if tgt.port is not None else tgt.host
    templates = _NAMES_OWN if tgt.generic else _NAMES_WELL_KNOWN
    name = templates.pick(rng).format(
        env=env,
        ENV=env.upper(),
        team=team,
        proto=proto,
        pp=pp,
        label=tgt.label,
        where=where,
        host=tgt.host,
        hostport=hostport,
    )
    if rng.random() < 0.1:
        options["monitor_name"] = f"[Synthetics] {name}"
    if rng.random() < 0.04:
        # Business-hours scheduling, Monday (1) to Friday (5) (contract timeframe day 1-7).
        start, end = _pick(rng, (("07:00", "19:00"), ("08:00", "18:00"), ("06:00", "22:00")))
        options["scheduling"] = {
            "timeframes": [{"day": d, "from": start, "to": end} for d in range(1, 6)],
            "timezone": _pick(rng, cat.TIMEZONES),
        }

    return {
        "public_id": public_id,
        "name": name,
        "type": "network",
        "subtype": tgt.subtype,
        "status": "live" if rng.random() < 0.87 else "paused",
        "message": _message(rng, tgt.label, tgt.host, team, domain),
        "tags": _tags(rng, team, env, tgt.service, tgt.subtype),
        "locations": locations,
        "config": {"assertions": assertions, "request": request},
        "options": options,
    }


def organisation_domain(rng: random.Random) -> str:
    """The public domain of one organisation; every test of the org lives under it."""
    return _company(rng, None)[1]
