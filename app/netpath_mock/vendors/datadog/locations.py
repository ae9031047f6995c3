"""Where Datadog runs tests from: managed regions, the org's private locations, its Agents.

One model for every operation that names a location (datadog-contract-notes §9.1 ListLocations,
GetSyntheticsDefaultLocations, TriggerTests; §6 locations), meant to be reused by the results
work (a run's `location {id, name}`):

* 29 managed locations, `aws:<region>` / `azure:eastus` / `gcp:<region>`, each with the display
  name Datadog shows (`Ohio (AWS)`), the region group of the trigger answer and the integer id the
  trigger answer uses. Two integer ids are recorded (30005 aws:us-east-2, 32153 aws:eu-west-3);
  the others are fixed inventions in the same range, global like the real ones (not seeded).
* the org's private locations `pl:<slug>-<32 hex>`, drawn from the seed: listed by ListLocations,
  never used by a Network Path test (they cannot run from private locations, notes §6).
* `agent:<hostname>`: a Datadog Agent the org runs. Agents register themselves when they first
  report, so any well-formed hostname names a location; ListLocations does not list them
  (recording, notes §9.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from netpath_mock.core.seeding import rng_for, stable_digest, stable_int

VENDOR = "datadog"


@dataclass(frozen=True, slots=True)
class Location:
    """One place tests run from."""

    id: str  # "aws:us-east-2", "pl:office-nyc-<32 hex>", "agent:netpath-nyc1-01"
    name: str  # display name: "Ohio (AWS)"
    region: str  # the trigger answer's group: "Americas", "Europe", ...
    numeric_id: int  # the trigger answer's integer id
    is_public: bool  # managed by Datadog

    def summary(self) -> dict[str, str]:
        """`{"id", "name"}`: ListLocations' item and a result's `location`."""
        return {"id": self.id, "name": self.name}

    def trigger_entry(self) -> dict[str, object]:
        """An item of the trigger answer's `locations` (recorded key set, notes §9.1)."""
        return {
            "id": self.numeric_id,
            "name": self.id,
            "display_name": self.name,
            "region": self.region,
            "is_active": True,
            "is_public": self.is_public,
            "metadata": None,
        }


# (id suffix, city, region group, numeric id). Display names as recorded (TF location cassette,
# notes §9.1); "Americas" and "Europe" are recorded groups, the other groups are inventions.
_AWS = (
    ("af-south-1", "Cape Town", "Africa", 30417),
    ("ap-east-1", "Hong Kong", "Asia Pacific", 30271),
    ("ap-northeast-1", "Tokyo", "Asia Pacific", 30009),
    ("ap-northeast-2", "Seoul", "Asia Pacific", 30087),
    ("ap-northeast-3", "Osaka", "Asia Pacific", 31604),
    ("ap-south-1", "Mumbai", "Asia Pacific", 30011),
    ("ap-southeast-1", "Singapore", "Asia Pacific", 30010),
    ("ap-southeast-2", "Sydney", "Asia Pacific", 30008),
    ("ap-southeast-3", "Jakarta", "Asia Pacific", 32488),
    ("ca-central-1", "Canada Central", "Americas", 30006),
    ("eu-central-1", "Frankfurt", "Europe", 30003),
    ("eu-north-1", "Stockholm", "Europe", 30195),
    ("eu-south-1", "Milan", "Europe", 30406),
    ("eu-west-1", "Ireland", "Europe", 30002),
    ("eu-west-2", "London", "Europe", 30004),
    ("eu-west-3", "Paris", "Europe", 32153),
    ("me-south-1", "Bahrain", "Middle East", 30355),
    ("sa-east-1", "São Paulo", "Americas", 30007),
    ("us-east-1", "N. Virginia", "Americas", 30001),
    ("us-east-2", "Ohio", "Americas", 30005),
    ("us-west-1", "N. California", "Americas", 30012),
    ("us-west-2", "Oregon", "Americas", 30000),
)
_OTHERS = (
    ("azure:eastus", "Virginia (Azure)", "Americas", 31002),
    ("gcp:asia-northeast1", "Tokyo (GCP)", "Asia Pacific", 31110),
    ("gcp:europe-west3", "Frankfurt (GCP)", "Europe", 31111),
    ("gcp:us-east4", "Virginia (GCP)", "Americas", 31112),
    ("gcp:us-south1", "Dallas (GCP)", "Americas", 31113),
    ("gcp:us-west1", "Oregon (GCP)", "Americas", 31114),
    ("gcp:us-west2", "Los Angeles (GCP)", "Americas", 31115),
)

# ListLocations' order: aws, azure, gcp, each alphabetical (recording).
MANAGED: tuple[Location, ...] = (
    *(Location(f"aws:{r}", f"{city} (AWS)", group, n, True) for r, city, group, n in _AWS),
    *(Location(i, name, group, n, True) for i, name, group, n in _OTHERS),
)
_MANAGED_BY_ID = {loc.id: loc for loc in MANAGED}

# The private locations a company names after where they sit.
_PRIVATE_NAMES = (
    "Office NYC",
    "Office London",
    "HQ datacenter",
    "DC1 on-prem",
    "AWS us-east-1 VPC",
    "GCP europe-west1 VPC",
    "Azure West Europe VNet",
    "Staging cluster",
    "Branch offices",
    "Kubernetes prod",
)
# An Agent hostname: letters, digits, '.', '_' and '-', as hosts and cloud instance names use.
_AGENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,252}")
_AGENT_ID_BASE = 900_000_000  # trigger ids of Agent locations: far from the managed ones


@lru_cache(maxsize=16)
def private_locations(seed: int) -> tuple[Location, ...]:
    """The org's private locations (1-3), `pl:<slug>-<32 hex>` as recorded (notes §9.1)."""
    rng = rng_for(seed, VENDOR, "private-locations")
    count = 1 + int(rng.random() * 3)
    names = rng.sample(_PRIVATE_NAMES, count)
    out = []
    for i, name in enumerate(names):
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        digest = stable_digest(seed, VENDOR, "pl", str(i), size=16).hex()
        numeric = 40_000 + stable_int(seed, VENDOR, "pl-id", str(i), bits=16)
        out.append(Location(f"pl:{slug}-{digest}", name, "Private", numeric, False))
    return tuple(out)


def listed(seed: int) -> list[dict[str, str]]:
    """ListLocations' `locations`: the managed ones, then the org's private ones."""
    return [loc.summary() for loc in (*MANAGED, *private_locations(seed))]


def default_locations(seed: int) -> list[str]:
    """GetSyntheticsDefaultLocations: every `aws:*`, `azure:eastus` and one private location.

    That is the recorded org's setting (notes §9.1, no `gcp:*`); this org keeps it.
    """
    ids = [loc.id for loc in MANAGED if not loc.id.startswith("gcp:")]
    return [*ids, private_locations(seed)[0].id]


def agent(seed: int, location_id: str) -> Location | None:
    """The `agent:<hostname>` location, or None when the hostname is malformed."""
    hostname = location_id[6:]
    if not location_id.startswith("agent:") or not _AGENT_NAME.fullmatch(hostname):
        return None
    numeric = _AGENT_ID_BASE + stable_int(seed, VENDOR, "agent", hostname, bits=26)
    return Location(location_id, hostname, "Datadog Agent", numeric, False)


def resolve(seed: int, location_id: str) -> Location | None:
    """The location named `location_id` in this org, or None when there is none."""
    found = _MANAGED_BY_ID.get(location_id)
    if found is not None:
        return found
    if location_id.startswith("pl:"):
        for loc in private_locations(seed):
            if loc.id == location_id:
                return loc
        return None
    return agent(seed, location_id)


def unusable(seed: int, location_ids: list[str]) -> str | None:
    """Why a Network Path test cannot run from `location_ids`, or None when it can.

    Texts: the private-location one follows the recorded neighbouring error ("Synthetics Private
    Location: pl:<id> not found", notes §9.4); the others are inventions in the same style.
    """
    for location_id in location_ids:
        loc = resolve(seed, location_id)
        if loc is None:
            if location_id.startswith("pl:"):
                return f"Synthetics Private Location: {location_id} not found"
            return f"Invalid location: {location_id}"
        if location_id.startswith("pl:"):
            # Network Path tests run from managed locations and Agents only (notes §6).
            return f"Network Path tests cannot run from private location {location_id}"
    return None
