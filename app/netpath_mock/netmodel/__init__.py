"""One vendor-neutral internet model behind every vendor's network paths.

Places (real coordinates in the US, Europe and Asia-Pacific), networks (ASNs, prefixes, rDNS
conventions), Cloudflare colos and cloud regions, route building and RTT physics, and per-run
noise. A probe run is neutral; each vendor maps it to its wire format (Cloudflare: DEX hops and
miles; Datadog: netpath hops and netstats). The model imports nothing from `vendors`.

Public API (what a vendor mapping calls):
    sources.cloud("aws:eu-central-1") -> CloudSource (any id of regions.REGIONS)
    sources.agent_source(rng) / datacenter_source(rng, provider, site) / office_source(rng)
    sources.end_user_site(rng, wifi_share) then sources.end_user_source(rng, site)
    targets.resolve(host, port=None) -> Target (network, ASN, addresses, port)
    probe(rng, source, target, *, key, tunnelled=False, protocol="icmp", max_ttl=30, at=None)
        -> ProbeRun: .hops (ProbeHop per TTL), .queries(rng, n), .e2e(rng, n), .status,
           .hop_count, .target_ip, .colo
    stable_key(*parts) -> a 64-bit key (for `key`, from a test id)
    regions.get("aws:eu-central-1") -> CloudRegion; regions.DATADOG_MANAGED
    schedule.pick_interval / phase / run_start / slots_within / slot_at / runs_between
"""

from __future__ import annotations

from netpath_mock.netmodel import (
    places,
    regions,
    schedule,
    sources,
    targets,
)
from netpath_mock.netmodel.probe import E2EStats, ProbeHop, ProbeRun, probe
from netpath_mock.netmodel.sources import Source, stable_key

__all__ = [
    "E2EStats",
    "ProbeHop",
    "ProbeRun",
    "Source",
    "places",
    "probe",
    "regions",
    "schedule",
    "sources",
    "stable_key",
    "targets",
]
