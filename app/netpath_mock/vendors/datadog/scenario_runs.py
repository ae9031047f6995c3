"""Datadog results under a named path scenario (`Prefer: example=<name>`, netmodel.scenarios).

A result normally has its outcome decided first, from cheap draws (runs.py), and its trace made
to agree (paths.trace). Under a scenario the order turns round: the run is probed from the same
location over the same route, the named condition is applied to it (netmodel.scenarios), and
the outcome is read off that trace: hop count, whether the destination answered, the end-to-end
pings (their loss and latency from the trace's destination), and the assertions' verdict on
those figures. So a summary in the list and the full result of the same run agree, and an
unreachable scenario fails a test as a real outage would (NETUNREACH).

A test whose host no probe from the location can reach (a private host from a managed
location) has no route to put a condition on: its runs are answered unchanged.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from netpath_mock.core.seeding import rng_for
from netpath_mock.netmodel import scenarios
from netpath_mock.netmodel.probe import ProbeRun
from netpath_mock.vendors.datadog import runs

VENDOR = "datadog"


class ScenarioRun(Protocol):
    """What a result run exposes to this module (results.Run)."""

    @property
    def result_id(self) -> str: ...  # noqa: D102

    @property
    def outcome(self) -> runs.Outcome: ...  # noqa: D102

    @property
    def plan(self) -> runs.TestPlan: ...  # noqa: D102

    @property
    def at(self) -> int: ...  # noqa: D102


def trace_under(seed: int, run: ScenarioRun, name: str) -> ProbeRun | None:
    """The run's trace under scenario `name` (None when the host is unreachable from there)."""
    plan = run.plan
    prof = plan.profile
    chosen = prof.variants[run.outcome.variant]
    if chosen.route is None:
        return None
    rng = rng_for(seed, VENDOR, "trace", run.result_id)
    condition = rng_for(seed, VENDOR, "scenario", name, run.result_id)
    return scenarios.run(
        name, rng, condition, chosen.source, prof.target, key=chosen.key,
        protocol=plan.protocol, max_ttl=plan.max_ttl, at=run.at,
    )  # fmt: skip


def outcome_under(seed: int, run: ScenarioRun, name: str, trace: ProbeRun) -> runs.Outcome:
    """The run's outcome read off its scenario trace (same start time as without one)."""
    plan = run.plan
    base = run.outcome
    pings = trace.e2e(rng_for(seed, VENDOR, "scenario-e2e", name, run.result_id), plan.e2e)
    hops = trace.hop_count
    if trace.reached:
        dest = trace.rtts[len(trace.route.hops) - 1] or 0.0
        lat_min = _r3(pings.rtt_min_ms or 0.0)
        lat_avg = _r3(pings.rtt_avg_ms or 0.0)
        lat_max = _r3(pings.rtt_max_ms or 0.0)
        jitter = _r3(pings.jitter_ms)
        received = pings.packets_received
        duration = 400.0 + plan.queries * (1.5 * dest + 25.0 * hops) + 20.0 * plan.e2e
        dest_rtt = _r3(dest)
    else:
        lat_min = lat_avg = lat_max = jitter = dest_rtt = 0.0
        received = 0
        silent_ttls = trace.length - hops
        duration = 400.0 + plan.queries * (25.0 * trace.length + 300.0 * silent_ttls)
        duration += plan.timeout_s * 1000.0 * 0.75
    duration = round(duration, 1)
    # Every traceroute query of the run sees the same (scenario) trace: min = avg = max hops.
    stats = runs.Stats(plan.e2e, received, lat_min, lat_avg, lat_max, jitter, hops, hops, hops)
    return dataclasses.replace(
        base,
        finished_ms=base.started_ms + int(duration),
        duration_ms=duration,
        reached=trace.reached,
        sent=plan.e2e,
        received=received,
        lat_min=lat_min,
        lat_avg=lat_avg,
        lat_max=lat_max,
        jitter=jitter,
        hops=hops,
        dest_rtt=dest_rtt,
        end_ttl=trace.length,
        passed=runs.passes(plan.checks, stats),
        stats=stats,
    )


def _r3(value: float) -> float:
    return round(value, 3)
