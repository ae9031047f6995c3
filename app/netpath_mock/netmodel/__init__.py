"""One vendor-neutral internet model behind every vendor's network paths.

Places (real coordinates in the US, Europe and Asia-Pacific), networks (ASNs, prefixes, rDNS
conventions), Cloudflare colos and cloud regions, route building and RTT physics, and per-run
noise. A probe run is neutral; each vendor maps it to its wire format (Cloudflare: DEX hops and
miles; Datadog: netpath hops and netstats). The model imports nothing from `vendors`.

Public API:
    sources.end_user_site / end_user_source, sources.cloud("aws:eu-central-1"),
    sources.datacenter_source, sources.office_source, sources.agent_source -> a Source
    targets.resolve(host, port) -> Target
    probe(rng, source, target, key=..., tunnelled=..., protocol=..., max_ttl=..., at=...)
        -> ProbeRun (hops, queries(rng, n), e2e(rng, n), status, hop_count)
    regions.get("aws:eu-central-1") -> CloudRegion
    schedule: run timestamps and intervals
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
from netpath_mock.netmodel.sources import Source

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
    "targets",
]
