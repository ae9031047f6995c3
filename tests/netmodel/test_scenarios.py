"""Named path scenarios (netmodel.scenarios): each condition holds, and nothing else breaks.

The corpus is the served DEX runs (service.build_run over several catalog accounts, every test,
a few runs each), each drawn with and without the scenario: the scenario's run is the same run
(device, test, route) with the condition applied. Checks use the realism invariants of
shared/docs/realism.md (R1, R3, R5-R9, R19-R23) and the reference helpers, not the model's tables.
"""

from __future__ import annotations

import ipaddress
import itertools
import random
from collections import Counter

import pytest

from netpath_mock.netmodel import scenarios, sources
from netpath_mock.netmodel.probe import probe
from netpath_mock.netmodel.scenarios import NAMES
from netpath_mock.netmodel.targets import resolve
from netpath_mock.vendors.cloudflare.generator import PathRun
from netpath_mock.vendors.cloudflare.service import build_run
from netpath_mock.vendors.cloudflare.universe import RunRef, account_shape, catalog_accounts
from tests.netmodel.reference import HOP_KEYS, LOSS_VALUES, MILES, is_cgnat, is_private

SEED = 1234
Hop = dict[str, object]


def _refs() -> list[RunRef]:
    refs = []
    for account in catalog_accounts(SEED, 6):
        shape = account_shape(SEED, account)
        for test in range(shape.tests):
            for run in (3, 11):
                refs.append(RunRef(account, test, run))
    return refs


REFS = _refs()


def _pair(ref: RunRef, name: str) -> tuple[PathRun, PathRun]:
    return build_run(SEED, ref)[2], build_run(SEED, ref, name)[2]


def _responding(hops: list[Hop]) -> list[Hop]:
    return [h for h in hops if h["ipAddress"] is not None]


def _check_shape(hops: list[Hop]) -> None:
    """R1 (TTLs 1..n, n <= 30), R4 types, R20 loss values, R21 silent shape, R23 mile order."""
    assert [h["ttl"] for h in hops] == list(range(1, len(hops) + 1))
    assert len(hops) <= 30
    order = [MILES.index(str(h["mile"])) for h in hops if h["mile"] is not None]
    assert order == sorted(order)
    for hop in hops:
        assert set(hop) == HOP_KEYS
        assert hop["packetLossPct"] in LOSS_VALUES
        if hop["ipAddress"] is None:
            assert hop["rttMs"] is None and hop["asn"] is None and hop["name"] is None
            assert hop["packetLossPct"] == 100.0
        else:
            assert isinstance(hop["rttMs"], int) and hop["rttMs"] >= 0
            assert hop["packetLossPct"] != 100.0
    addresses = [h["ipAddress"] for h in hops if h["ipAddress"] is not None]
    assert len(addresses) == len(set(addresses)), "an IP appears at most once (R8)"


def _as_runs_contiguous(hops: list[Hop]) -> bool:
    """R9: each ASN forms one run (silent and private hops may interrupt it)."""
    seen: list[object] = []
    for hop in hops:
        asn = hop["asn"]
        if asn is None:
            continue
        if seen and seen[-1] == asn:
            continue
        if asn in seen:
            return False
        seen.append(asn)
    return True


def _reached(hops: list[Hop]) -> bool:
    return hops[-1]["ipAddress"] is not None


@pytest.mark.parametrize("name", NAMES)
def test_every_scenario_keeps_the_wire_shape_and_is_deterministic(name: str) -> None:
    for ref in REFS[::3]:
        base, under = _pair(ref, name)
        _check_shape(under.hops)
        assert under == build_run(SEED, ref, name)[2], "same request, same bytes"
        assert (under.colo, under.tunnel_type) == (base.colo, base.tunnel_type)


def test_isp_outage_answers_only_the_source_network_and_runs_to_max_ttl() -> None:
    for ref in REFS:
        base, under = _pair(ref, "isp-outage")
        hops = under.hops
        assert len(hops) == 30 and not _reached(hops)
        answering = _responding(hops)
        assert answering, "the gateway still answers"
        for hop in answering:
            assert hop["asn"] is None and (
                is_private(str(hop["ipAddress"])) or is_cgnat(str(hop["ipAddress"]))
            )
            assert hop["mile"] == "client-to-isp"
        # The gateway is the base run's first hop.
        assert (
            hops[0]["ipAddress"] == base.hops[0]["ipAddress"] or base.hops[0]["ipAddress"] is None
        )


def test_destination_unreachable_keeps_the_way_and_loses_the_destination() -> None:
    ran_to_max = 0
    for ref in REFS:
        base, under = _pair(ref, "destination-unreachable")
        hops = under.hops
        assert not _reached(hops)
        # The route is the base route: every router before the destination answers as before,
        # apart from the run's ordinary silences.
        n = next(
            i
            for i in range(len(hops))
            if hops[i]["ipAddress"] is None and all(h["ipAddress"] is None for h in hops[i:])
        )
        assert n >= 1 and all(h["ipAddress"] is None for h in hops[n:])
        assert len(hops) - n >= 1, "at least the destination's probe goes unanswered"
        ran_to_max += len(hops) == 30
        base_ips = {h["ipAddress"] for h in base.hops}
        for hop in _responding(hops):
            assert hop["ipAddress"] in base_ips or hop["asn"] is not None
    assert 0 < ran_to_max < len(REFS), "some traces run on to max_ttl, most stop soon after"


def test_silent_hops_silence_4_to_6_routers_and_still_reach_the_destination() -> None:
    counts = Counter()
    for ref in REFS:
        _, under = _pair(ref, "silent-hops")
        hops = under.hops
        assert _reached(hops) and hops[-1]["packetLossPct"] == 0.0
        assert hops[0]["ipAddress"] is not None, "hop 1 answers (R14)"
        silent = [h for h in hops if h["ipAddress"] is None]
        counts[len(silent)] += 1
        longest = max(
            (
                len(list(g))
                for k, g in itertools.groupby(hops, lambda h: h["ipAddress"] is None)
                if k
            ),
            default=0,
        )
        assert longest <= 3, "never 4 silent in a row (R22: those are failed traces' tails)"
    # Short paths (a Cloudflare edge target) cannot hold 4 without breaking a rule above.
    assert sum(v for k, v in counts.items() if k >= 4) >= 0.6 * len(REFS), counts


def test_high_latency_adds_120_to_250_ms_from_one_hop_on() -> None:
    for ref in REFS:
        base, under = _pair(ref, "high-latency")
        assert _reached(under.hops) and under.hops[-1]["packetLossPct"] == 0.0
        pairs = [
            (b["rttMs"], u["rttMs"])
            for b, u in zip(base.hops, under.hops, strict=False)  # a healed run ends sooner
            if b["rttMs"] is not None and u["rttMs"] is not None
        ]
        added = [int(u) - int(b) for b, u in pairs]
        onset = next(i for i, a in enumerate(added) if a >= 100)
        assert all(a <= 1 for a in added[:onset]), "nothing changes before the congested link"
        assert all(100 <= a <= 300 for a in added[onset:]), added
        # The destination shows it (a base run that missed the destination is healed first).
        assert int(under.hops[-1]["rttMs"]) >= 120


def test_packet_loss_persists_from_one_hop_to_the_destination() -> None:
    for ref in REFS:
        _, under = _pair(ref, "packet-loss")
        hops = _responding(under.hops)
        assert _reached(under.hops)
        lossy = [i for i, h in enumerate(hops) if h["packetLossPct"] > 0]
        assert lossy, "some loss"
        onset = lossy[0]
        # R19: from the onset on every responding hop, destination included, loses probes.
        assert all(h["packetLossPct"] in (33.3, 66.7) for h in hops[onset:])
        assert hops[-1]["packetLossPct"] > 0


def test_long_path_has_25_or_more_hops_and_stays_realistic() -> None:
    for ref in REFS:
        base, under = _pair(ref, "long-path")
        hops = under.hops
        assert 25 <= len(hops) <= 29
        assert _reached(hops)
        if _reached(base.hops):
            assert hops[-1]["ipAddress"] == base.hops[-1]["ipAddress"]
        assert _as_runs_contiguous(hops)
        # The chain crosses one network that was already on the path (no new ASN appears).
        assert {h["asn"] for h in hops} <= {h["asn"] for h in base.hops} | {None}
        # Every public address belongs to the network it names: the chain's come from the
        # anchor's own prefixes (R8).
        for hop in _responding(hops):
            if hop["asn"] is not None:
                assert not is_private(str(hop["ipAddress"])) and not is_cgnat(str(hop["ipAddress"]))


def test_cgnat_puts_an_rfc6598_hop_in_the_source_network() -> None:
    for ref in REFS:
        _, under = _pair(ref, "cgnat")
        hops = under.hops
        assert _reached(hops)
        cgnat = [i for i, h in enumerate(hops) if h["ipAddress"] and is_cgnat(str(h["ipAddress"]))]
        assert cgnat, "an RFC 6598 hop"
        first_public = next(
            i for i, h in enumerate(hops) if h["ipAddress"] and h["asn"] is not None
        )
        for i in cgnat:
            hop = hops[i]
            assert 1 <= i < first_public, "R5/R6: after the gateway, before any public hop"
            assert hop["asn"] is None and hop["name"] is None and hop["location"] is None  # R7
            assert hop["mile"] == "client-to-isp"


def test_cloud_and_agent_sources_take_every_scenario() -> None:
    """The conditions act on the neutral run, so cloud and agent sources take them too."""
    target = resolve("www.cloudflare.com")
    far = resolve("app.datadoghq.com")
    for region in ("aws:us-east-1", "gcp:europe-west1", "azure:eastus"):
        source = sources.cloud(region)
        for host in (target, far):
            for name in NAMES:
                run = scenarios.run(
                    name, random.Random(7), random.Random(8), source, host, key=42,
                    protocol="tcp",
                )  # fmt: skip
                assert run.length <= 30
                hops = run.hops
                assert [h.ttl for h in hops] == list(range(1, len(hops) + 1))
                reached = run.reached
                assert reached == (name not in ("isp-outage", "destination-unreachable"))
                if name == "long-path":
                    assert len(hops) >= 25
                if name == "cgnat":
                    assert any(
                        h.ip is not None
                        and ipaddress.ip_address(h.ip) in ipaddress.ip_network("100.64.0.0/10")
                        for h in hops
                    )


def test_a_scenario_changes_the_run_not_the_base_probe() -> None:
    """The base run draws from the caller's generator exactly as without a scenario."""
    source = sources.cloud("aws:eu-central-1")
    target = resolve("1.1.1.1")
    plain = probe(random.Random(3), source, target, key=9)
    under = scenarios.run("high-latency", random.Random(3), random.Random(4), source, target, key=9)
    assert under.route.hops == plain.route.hops
    assert under.ips == plain.ips


def test_an_unknown_scenario_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known examples: isp-outage"):
        scenarios.run(
            "nope", random.Random(1), random.Random(2), sources.cloud("aws:us-east-1"),
            resolve("1.1.1.1"), key=1,
        )  # fmt: skip
    assert {s.name for s in scenarios.SCENARIOS} == set(NAMES)
    assert all(s.summary.endswith(".") and len(s.summary) > 40 for s in scenarios.SCENARIOS)
