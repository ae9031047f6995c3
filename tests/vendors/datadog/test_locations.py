"""The location model: the 29 managed regions, the org's private locations, Agents (notes §9.1)."""

from __future__ import annotations

import re

from hypothesis import given

from netpath_mock.vendors.datadog import locations, universe
from netpath_mock.vendors.datadog.service import build_test
from tests.strategies import seeds

SEED = 1234

# Facts of the TF location cassette (notes §9.1), typed here rather than read from the module.
AWS_NAMES = {
    "af-south-1": "Cape Town",
    "ap-east-1": "Hong Kong",
    "ap-northeast-1": "Tokyo",
    "ap-northeast-2": "Seoul",
    "ap-northeast-3": "Osaka",
    "ap-south-1": "Mumbai",
    "ap-southeast-1": "Singapore",
    "ap-southeast-2": "Sydney",
    "ap-southeast-3": "Jakarta",
    "ca-central-1": "Canada Central",
    "eu-central-1": "Frankfurt",
    "eu-north-1": "Stockholm",
    "eu-south-1": "Milan",
    "eu-west-1": "Ireland",
    "eu-west-2": "London",
    "eu-west-3": "Paris",
    "me-south-1": "Bahrain",
    "sa-east-1": "São Paulo",
    "us-east-1": "N. Virginia",
    "us-east-2": "Ohio",
    "us-west-1": "N. California",
    "us-west-2": "Oregon",
}
OTHERS = {
    "azure:eastus": "Virginia (Azure)",
    "gcp:asia-northeast1": "Tokyo (GCP)",
    "gcp:europe-west3": "Frankfurt (GCP)",
    "gcp:us-east4": "Virginia (GCP)",
    "gcp:us-south1": "Dallas (GCP)",
    "gcp:us-west1": "Oregon (GCP)",
    "gcp:us-west2": "Los Angeles (GCP)",
}
PL_RE = re.compile(r"^pl:[a-z0-9-]+-[0-9a-f]{32}$")


def test_managed_locations_are_the_recorded_29_in_order() -> None:
    listed = locations.listed(SEED)
    managed = listed[:29]
    expected = [
        *({"id": f"aws:{r}", "name": f"{n} (AWS)"} for r, n in sorted(AWS_NAMES.items())),
        *({"id": i, "name": n} for i, n in OTHERS.items()),
    ]
    assert managed == expected
    assert all(PL_RE.match(item["id"]) for item in listed[29:])
    assert 1 <= len(listed) - 29 <= 3


def test_trigger_ids_include_the_recorded_ones_and_are_unique() -> None:
    by_id = {loc.id: loc for loc in locations.MANAGED}
    assert by_id["aws:us-east-2"].trigger_entry() == {
        "id": 30005,
        "name": "aws:us-east-2",
        "display_name": "Ohio (AWS)",
        "region": "Americas",
        "is_active": True,
        "is_public": True,
        "metadata": None,
    }
    assert by_id["aws:eu-west-3"].numeric_id == 32153
    assert by_id["aws:eu-west-3"].region == "Europe"
    numeric = [loc.numeric_id for loc in (*locations.MANAGED, *locations.private_locations(SEED))]
    assert len(set(numeric)) == len(numeric)


@given(seeds())
def test_default_locations_are_aws_azure_and_one_private(seed: int) -> None:
    defaults = locations.default_locations(seed)
    assert defaults[:22] == [f"aws:{r}" for r in sorted(AWS_NAMES)]
    assert defaults[22] == "azure:eastus"
    assert len(defaults) == 24 and PL_RE.match(defaults[23])
    assert defaults[23] in {loc.id for loc in locations.private_locations(seed)}


def test_resolve_and_what_a_network_test_may_name() -> None:
    private = locations.private_locations(SEED)[0].id
    assert locations.resolve(SEED, "aws:eu-central-1").name == "Frankfurt (AWS)"  # type: ignore[union-attr]
    agent = locations.resolve(SEED, "agent:netpath-nyc1-01")
    assert agent is not None and agent.name == "netpath-nyc1-01" and not agent.is_public
    assert locations.resolve(SEED, "aws:mars-1") is None
    assert locations.resolve(SEED, "agent:") is None
    assert locations.resolve(SEED, "pl:nope-" + "0" * 32) is None
    assert locations.unusable(SEED, ["aws:us-east-1", "agent:dc1-netmon-01"]) is None
    assert locations.unusable(SEED, ["aws:mars-1"]) == "Invalid location: aws:mars-1"
    assert locations.unusable(SEED, ["pl:nope"]) == "Synthetics Private Location: pl:nope not found"
    assert "cannot run from private location" in str(locations.unusable(SEED, [private]))


def test_every_generated_test_names_existing_locations() -> None:
    for public_id in universe.public_ids(SEED, 300):
        names = build_test(SEED, public_id)["attributes"]["locations"]
        assert locations.unusable(SEED, names) is None, (public_id, names)
