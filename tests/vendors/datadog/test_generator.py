"""Tests for the Datadog Network Path test generator (netpath_mock/vendors/datadog/generator.py).

Facts checked here come from shared/docs/datadog-contract-notes.md ("notes") and
shared/docs/realism.md R25, not from the generator's own tables, so a drifting table fails.
"""

from __future__ import annotations

import copy
import hashlib
import ipaddress
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netpath_mock.vendors.datadog.generator import network_test_attributes

CONTRACT = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "contracts"
    / "datadog-synthetics-network.openapi.json"
)

# Real public-id alphabet: no 0, 1, l, o (notes §5).
ID_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"
ID_RE = re.compile(r"^[23456789a-km-np-z]{3}-[23456789a-km-np-z]{3}-[23456789a-km-np-z]{3}$")
SEED = 20260217
CORPUS_SIZE = 600

# Managed locations from the default_locations cassette (notes §6).
AWS_REGIONS = {
    "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1",
    "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "me-south-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
}  # fmt: skip
GCP_REGIONS = {"asia-northeast1", "europe-west3", "us-east4", "us-south1", "us-west1", "us-west2"}
MANAGED = {f"aws:{r}" for r in AWS_REGIONS} | {"azure:eastus"} | {f"gcp:{r}" for r in GCP_REGIONS}
AGENT_RE = re.compile(r"^agent:[a-z0-9][a-z0-9.-]{0,62}$")
TAG_RE = re.compile(r"^[a-z][a-z0-9_.-]*:[a-z0-9][a-z0-9_./-]*$")
LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
PRESETS = {
    "show_all", "hide_all", "hide_query", "hide_handles", "hide_query_and_handles",
    "show_only_snapshot", "hide_handles_and_footer",
}  # fmt: skip
THRESHOLD_OPS = {"lessThan", "lessThanOrEqual"}
PRIVATE_SUFFIXES = (".internal", ".local", ".lan")


def rng_for(seed: int, public_id: str) -> random.Random:
    """Per-resource RNG the way the caller builds it: an int from a hash of seed + id."""
    digest = hashlib.blake2b(f"{seed}:{public_id}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def make_ids(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    ids: dict[str, None] = {}
    while len(ids) < n:
        ids["-".join("".join(rng.choice(ID_ALPHABET) for _ in range(3)) for _ in range(3))] = None
    return list(ids)


def body(public_id: str, seed: int = SEED) -> dict[str, Any]:
    attrs = network_test_attributes(rng_for(seed, public_id), public_id)
    return {"data": {"id": public_id, "type": "network_test", "attributes": attrs}}


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    ids = make_ids(CORPUS_SIZE)
    assert all(ID_RE.match(i) for i in ids)
    return [body(i) for i in ids]


@pytest.fixture(scope="module")
def attrs(corpus: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [b["data"]["attributes"] for b in corpus]


# --- 1. Contract schema ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def response_validator() -> Any:
    if not CONTRACT.is_file():
        pytest.skip(f"contract not available at {CONTRACT}")
    from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    doc = json.loads(CONTRACT.read_text())
    uri = "urn:netpath-mock:datadog-synthetics-network"
    registry: Registry[Any] = Registry().with_resource(
        uri, Resource.from_contents(doc, default_specification=DRAFT4)
    )
    schema = {"$ref": f"{uri}#/components/schemas/SyntheticsNetworkTestResponse"}
    return OAS30ReadValidator(schema, registry=registry, format_checker=oas30_format_checker)


def _errors(validator: Any, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def test_validator_is_live(response_validator: Any, corpus: list[dict[str, Any]]) -> None:
    """Negative controls: the validator does reject what the real client rejects (notes §4)."""
    bad = copy.deepcopy(corpus[0])
    bad["data"]["attributes"]["config"]["request"]["timeout"] = "integer"  # seed placeholder
    assert _errors(response_validator, bad)
    bad = copy.deepcopy(corpus[0])
    bad["data"]["attributes"]["options"]["tick_every"] = 10  # below minimum 30
    assert _errors(response_validator, bad)
    bad = copy.deepcopy(corpus[0])
    bad["data"]["attributes"]["config"]["assertions"] = [
        {"operator": "lessThan", "target": 5, "type": "packetLossPercentage"}  # max 1
    ]
    assert _errors(response_validator, bad)
    bad = copy.deepcopy(corpus[0])
    del bad["data"]["attributes"]["message"]
    assert _errors(response_validator, bad)


def test_corpus_validates_against_contract(
    response_validator: Any, corpus: list[dict[str, Any]]
) -> None:
    failures = {b["data"]["id"]: errs for b in corpus if (errs := _errors(response_validator, b))}
    assert not failures, list(failures.items())[:3]


# --- 2. Official client deserialization --------------------------------------------------------


@pytest.fixture(scope="module")
def dd_client() -> Iterator[Any]:
    from datadog_api_client import ApiClient, Configuration

    config = Configuration()
    # Defaults: type checks on, spec min/max enforced on received data (notes §4).
    assert config.check_return_type is True
    assert not config.disabled_client_side_validations
    with ApiClient(config) as client:
        yield client


def _deserialize(client: Any, b: dict[str, Any]) -> Any:
    """Exactly what the generated API method does with a 200 body (ApiClient.deserialize)."""
    from datadog_api_client.v2.model.synthetics_network_test_response import (
        SyntheticsNetworkTestResponse,
    )

    return client.deserialize(orjson.dumps(b).decode(), (SyntheticsNetworkTestResponse,), True)


def _unparsed_paths(obj: Any, path: str = "$") -> list[str]:
    from datadog_api_client.model_utils import ModelComposed, OpenApiModel, UnparsedObject

    found: list[str] = []
    if isinstance(obj, UnparsedObject):
        return [path]
    if isinstance(obj, OpenApiModel):
        if obj._unparsed:
            found.append(path)
        if isinstance(obj, ModelComposed):
            for inst in obj._composed_instances:
                found += _unparsed_paths(inst, f"{path}<{type(inst).__name__}>")
        for key, value in obj._data_store.items():
            found += _unparsed_paths(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _unparsed_paths(value, f"{path}[{i}]")
    return found


def test_unparsed_walker_is_live(dd_client: Any, corpus: list[dict[str, Any]]) -> None:
    """Unknown enums / unmatched oneOf only set `_unparsed` (notes §4); the walker must see it."""
    bad = copy.deepcopy(corpus[0])
    bad["data"]["attributes"]["status"] = "running"
    assert "$.data.attributes.status" in _unparsed_paths(_deserialize(dd_client, bad))
    bad = copy.deepcopy(corpus[0])
    bad["data"]["attributes"]["config"]["assertions"].append(
        {"operator": "lessThan", "target": 5, "type": "packetLossPercentage"}
    )
    assert _unparsed_paths(_deserialize(dd_client, bad))


def test_official_client_deserializes_every_body(
    dd_client: Any, corpus: list[dict[str, Any]]
) -> None:
    from datadog_api_client.v2.model.synthetics_network_test_response import (
        SyntheticsNetworkTestResponse,
    )

    for b in corpus:
        model = _deserialize(dd_client, b)
        assert isinstance(model, SyntheticsNetworkTestResponse)
        assert _unparsed_paths(model) == [], b["data"]["id"]
        assert model.data.attributes.public_id == b["data"]["id"]
        # Nothing dropped or altered (ints given for doubles compare equal to their floats).
        assert model.to_dict() == b, b["data"]["id"]
        for a in model.data.attributes.config.assertions:
            assert isinstance(a.get_oneof_instance().target, float)


# --- 3. R25 realism as corpus statistics -------------------------------------------------------


def test_subtype_consistency(attrs: list[dict[str, Any]]) -> None:
    udp_ports = Counter[bool]()
    for a in attrs:
        req = a["config"]["request"]
        if a["subtype"] == "tcp":
            assert type(req["port"]) is int
            assert 1 <= req["port"] <= 65535
            assert req["tcp_method"] in {"prefer_sack", "syn", "sack"}
        elif a["subtype"] == "udp":
            assert "tcp_method" not in req
            udp_ports["port" in req] += 1
        else:
            assert a["subtype"] == "icmp"
            assert "port" not in req
            assert "tcp_method" not in req
    # UDP port is optional (notes §6): both shapes occur, a set port dominates.
    assert udp_ports[True] > udp_ports[False] > 0


def test_documented_defaults_dominate(attrs: list[dict[str, Any]]) -> None:
    n = len(attrs)
    reqs = [a["config"]["request"] for a in attrs]
    assert sum(r["max_ttl"] == 30 for r in reqs) / n >= 0.65
    assert sum(r["e2e_queries"] == 50 for r in reqs) / n >= 0.6
    assert sum(r["traceroute_queries"] == 3 for r in reqs) / n >= 0.65
    # ...with realistic variation inside R25's ranges.
    assert len({r["max_ttl"] for r in reqs}) >= 3
    assert all(10 <= r["max_ttl"] <= 64 for r in reqs)
    assert len({r["e2e_queries"] for r in reqs}) >= 3
    assert all(10 <= r["e2e_queries"] <= 100 for r in reqs)
    assert all(1 <= r["traceroute_queries"] <= 10 for r in reqs)
    timeouts = [r["timeout"] for r in reqs if "timeout" in r]
    assert 0.1 <= len(timeouts) / n <= 0.5
    assert all(type(t) is int and 1 <= t <= 60 for t in timeouts)


def test_assertion_targets_are_sane(attrs: list[dict[str, Any]]) -> None:
    kinds = Counter[str]()
    for a in attrs:
        assertions = a["config"]["assertions"]
        assert assertions, "the UI requires at least one assertion (notes §6)"
        latency = [x["target"] for x in assertions if x["type"] == "latency"]
        for x in assertions:
            kinds[x["type"]] += 1
            assert x["operator"] in THRESHOLD_OPS
            assert type(x["target"]) in (int, float)
            if x["type"] == "latency":
                assert x["property"] in {"avg", "max", "min"}
                assert x["target"] >= 50
            elif x["type"] == "packetLossPercentage":
                assert type(x["target"]) is float
                assert 0 < x["target"] <= 1
            elif x["type"] == "jitter":
                assert 0 < x["target"] <= 30
                assert all(x["target"] * 3 <= lat for lat in latency)  # R25: jitter << latency
            else:
                assert x["type"] == "multiNetworkHop"
                assert x["property"] in {"avg", "max", "min"}
                assert 5 <= x["target"] <= 30
    n = len(attrs)
    assert kinds["latency"] / n >= 0.8
    assert all(kinds[k] / n >= 0.1 for k in ("packetLossPercentage", "jitter", "multiNetworkHop"))


def _is_private_host(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return (
            host.endswith(PRIVATE_SUFFIXES)
            or host.startswith(("corp.", "dc1."))
            or any(f".{z}." in f".{host}." for z in ("corp", "dc1"))
        )


def test_hosts_and_locations(attrs: list[dict[str, Any]]) -> None:
    kinds = Counter[str]()
    for a in attrs:
        locs = a["locations"]
        assert locs
        assert len(set(locs)) == len(locs)
        for loc in locs:
            assert loc in MANAGED or AGENT_RE.match(loc), loc
            kinds[loc.split(":", 1)[0]] += 1
        host = a["config"]["request"]["host"]
        try:
            ip = ipaddress.ip_address(host)
            assert not ip.is_loopback, host
            assert not ip.is_multicast, host
            assert not ip.is_unspecified, host
        except ValueError:
            labels = host.split(".")
            assert len(labels) >= 2, host
            assert all(LABEL_RE.match(lbl) for lbl in labels), host
            assert labels[-1].isalpha(), host
        # Managed locations test public endpoints; private ones need an agent (notes §6).
        if _is_private_host(host):
            assert all(loc.startswith("agent:") for loc in locs), (host, locs)
    assert {"aws", "agent", "gcp", "azure"} <= set(kinds)
    assert kinds["aws"] > kinds["agent"] > kinds["gcp"]
    assert len({h["config"]["request"]["host"] for h in attrs}) / len(attrs) >= 0.6
    assert sum(_is_private_host(a["config"]["request"]["host"]) for a in attrs) >= 50


def test_options_realism(attrs: list[dict[str, Any]]) -> None:
    ticks = Counter(a["options"]["tick_every"] for a in attrs)
    assert min(ticks) >= 60
    assert max(ticks) <= 604800
    assert len(ticks) >= 5
    assert ticks[60] + ticks[300] >= len(attrs) * 0.3
    statuses = Counter(a["status"] for a in attrs)
    assert set(statuses) == {"live", "paused"}
    assert statuses["live"] / len(attrs) >= 0.75
    priorities = [
        a["options"]["monitor_priority"] for a in attrs if "monitor_priority" in a["options"]
    ]
    assert priorities
    assert all(1 <= p <= 5 for p in priorities)
    scheduled = [a["options"]["scheduling"] for a in attrs if "scheduling" in a["options"]]
    assert 0 < len(scheduled) <= len(attrs) * 0.1
    for s in scheduled:
        assert s["timezone"]
        assert s["timeframes"]
        for tf in s["timeframes"]:
            assert 1 <= tf["day"] <= 7
            assert re.match(r"^\d\d:\d\d$", tf["from"])
            assert tf["from"] < tf["to"]


def test_names_tags_messages(attrs: list[dict[str, Any]]) -> None:
    names = [a["name"] for a in attrs]
    assert len(set(names)) == len(names), Counter(names).most_common(3)
    assert all(5 <= len(n) <= 200 and "{" not in n and n == n.strip() for n in names)
    subtypes = Counter(a["subtype"] for a in attrs)
    assert set(subtypes) == {"tcp", "udp", "icmp"}
    assert min(subtypes.values()) >= len(attrs) * 0.1
    assert subtypes["tcp"] == max(subtypes.values())

    empty_tags = 0
    for a in attrs:
        assert isinstance(a["tags"], list)
        empty_tags += not a["tags"]
        assert all(TAG_RE.match(t) for t in a["tags"]), a["tags"]
        assert len({t.split(":", 1)[0] for t in a["tags"]}) == len(a["tags"])
    assert 0 < empty_tags <= len(attrs) * 0.25

    messages = [a["message"] for a in attrs]
    assert all(isinstance(m, str) for m in messages)
    empty = sum(m == "" for m in messages)
    assert 0.05 * len(attrs) <= empty <= 0.4 * len(attrs)
    handle = re.compile(
        r"@(slack|pagerduty|opsgenie|teams)-[A-Za-z0-9_-]+|@[a-z]+\.[a-z]+@[a-z0-9.-]+"
    )
    for m in messages:
        if m:
            assert handle.search(m), m
            assert m.count("{{#is_alert}}") == m.count("{{/is_alert}}")
            assert m.count("{{#is_recovery}}") == m.count("{{/is_recovery}}")
    assert sum("{{#is_alert}}" in m for m in messages) >= 50


# --- 4. Determinism ----------------------------------------------------------------------------


def test_same_seed_and_id_give_identical_bodies(corpus: list[dict[str, Any]]) -> None:
    for b in corpus[:100]:
        again = body(b["data"]["id"])
        assert orjson.dumps(again) == orjson.dumps(b)  # also pins key order


def test_generation_order_and_global_random_do_not_matter() -> None:
    ids = make_ids(30, seed=99)
    forward = [orjson.dumps(body(i)) for i in ids]
    random.seed(12345)
    state = random.getstate()
    backward = [orjson.dumps(body(i)) for i in reversed(ids)]
    assert random.getstate() == state, "the generator touched the global random state"
    assert backward[::-1] == forward


def test_different_ids_or_seeds_give_different_bodies(corpus: list[dict[str, Any]]) -> None:
    def without_id(b: dict[str, Any]) -> bytes:
        attrs = dict(b["data"]["attributes"])
        del attrs["public_id"]
        return orjson.dumps(attrs)

    assert len({without_id(b) for b in corpus}) == len(corpus)
    pid = corpus[0]["data"]["id"]
    assert without_id(body(pid, seed=SEED + 1)) != without_id(corpus[0])


# --- 5. Shape as the real API returns a stored test (notes §5) ---------------------------------


def test_no_monitor_id_and_stored_defaults_everywhere(corpus: list[dict[str, Any]]) -> None:
    n = len(corpus)
    plain_retry = zero_mfd = show_all = empty_src = 0
    for b in corpus:
        a = b["data"]["attributes"]
        assert "monitor_id" not in a  # v2 responses never include it (notes §5)
        assert a["public_id"] == b["data"]["id"]
        assert a["type"] == "network"
        assert {"name", "config", "locations", "options", "type", "message", "tags"} <= set(a)
        req, opts = a["config"]["request"], a["options"]
        assert isinstance(req["source_service"], str)
        assert isinstance(req["destination_service"], str)
        retry = opts["retry"]
        assert type(retry["count"]) is int
        assert 0 <= retry["count"] <= 3
        assert type(retry["interval"]) in (int, float)
        assert 0 < retry["interval"] <= 5000
        assert type(opts["min_failure_duration"]) is int
        assert opts["min_failure_duration"] >= 0
        assert type(opts["min_location_failed"]) is int
        assert 1 <= opts["min_location_failed"] <= len(a["locations"])
        assert opts["monitor_options"]["notification_preset_name"] in PRESETS
        plain_retry += retry == {"count": 0, "interval": 300}
        zero_mfd += opts["min_failure_duration"] == 0
        show_all += opts["monitor_options"]["notification_preset_name"] == "show_all"
        empty_src += req["source_service"] == ""
    assert min(plain_retry, zero_mfd, show_all, empty_src) / n >= 0.6


def _json_types_only(obj: Any) -> bool:
    if isinstance(obj, dict):
        return all(isinstance(k, str) and _json_types_only(v) for k, v in obj.items())
    if isinstance(obj, list):
        return all(_json_types_only(v) for v in obj)
    return type(obj) in (str, int, float, bool)


@settings(max_examples=150, deadline=None, database=None)
@given(seed=st.integers(min_value=0, max_value=2**64 - 1), pid=st.sampled_from(make_ids(50, 3)))
def test_any_seed_gives_a_well_formed_test(seed: int, pid: str) -> None:
    a: dict[str, Any] = network_test_attributes(random.Random(seed), pid)
    assert _json_types_only(a)
    assert a["public_id"] == pid
    assert "monitor_id" not in a
    assert json.loads(json.dumps(a)) == a
    req = a["config"]["request"]
    assert ("tcp_method" in req) == (a["subtype"] == "tcp")
    assert a["subtype"] != "icmp" or "port" not in req


def test_org_domain_places_own_endpoints_under_it(dd_client: Any) -> None:
    ids = make_ids(200, seed=11)
    hosts = []
    for i in ids:
        a: dict[str, Any] = network_test_attributes(rng_for(SEED, i), i, org_domain="acme-corp.com")
        b = {"data": {"id": i, "type": "network_test", "attributes": a}}
        assert _unparsed_paths(_deserialize(dd_client, b)) == []
        hosts.append(a["config"]["request"]["host"])
    assert sum(h.endswith(".acme-corp.com") for h in hosts) >= 40
