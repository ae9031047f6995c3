"""Cloud regions of AWS, GCP and Azure, by `provider:region` id, with their real locations.

Ids are the ones Datadog's managed locations use (`aws:eu-central-1`, `gcp:asia-northeast1`,
`azure:eastus`; datadog-contract-notes §6 and §9.1 list the 29), plus the other large regions
of each provider in the US, Europe and Asia-Pacific. A region sits in the town of its data
centres where that is well known (GCP us-central1 Council Bluffs IA, us-west1 The Dalles OR,
europe-west1 Saint-Ghislain, europe-west4 Eemshaven; Azure eastus Boydton VA, westus2 Quincy
WA), else in the metro that names it. The four AWS US regions keep the Part 4 places the DEX
world used before (us-east-1 Ashburn as in realism.md Part 5; us-east-2 Columbus, us-west-1 San
Jose, us-west-2 Portland for Boardman OR) [infer for every non-Part-4 placement].
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel.places import Place, place

# Provider -> (ASN of instance addresses, ASN of the provider's routers). GCP instances are
# announced by GOOGLE-CLOUD-PLATFORM 396982, its routers are GOOGLE 15169 (realism.md Part 3).
PROVIDER_ASNS: Final[dict[str, tuple[int, int]]] = {
    "aws": (16509, 16509),
    "gcp": (396982, 15169),
    "azure": (8075, 8075),
}


@dataclass(frozen=True, slots=True)
class CloudRegion:
    """One cloud region.

    Attributes:
        id: "provider:code", e.g. "aws:eu-central-1".
        provider: "aws" | "gcp" | "azure".
        code: the provider's region code, e.g. "eu-central-1".
        place: where the region's data centres are.
        asn: ASN of the region's instance addresses (16509, 396982 or 8075).
        router_asn: ASN of the provider's routers on the way out (16509, 15169 or 8075).
        pool: address pool (netmodel.networks) of the region's instances.
        key: a stable 64-bit key of the region (seeds its routes).
    """

    id: str
    provider: str
    code: str
    place: Place
    asn: int
    router_asn: int
    pool: str
    key: int


def _region(region_id: str, place_key: str) -> CloudRegion:
    provider, code = region_id.split(":", 1)
    asn, router_asn = PROVIDER_ASNS[provider]
    pool = {"aws": f"aws.{code}", "gcp": "gcp.compute", "azure": "azure.compute"}[provider]
    key = (zlib.crc32(region_id.encode()) << 32) | zlib.crc32(region_id[::-1].encode())
    return CloudRegion(region_id, provider, code, place(place_key), asn, router_asn, pool, key)


_TABLE: Final[tuple[tuple[str, str], ...]] = (
    # AWS: the 22 regions of Datadog's managed locations (notes §9.1 ListLocations).
    ("aws:us-east-1", "20147"),
    ("aws:us-east-2", "43215"),
    ("aws:us-west-1", "95134"),
    ("aws:us-west-2", "97204"),
    ("aws:ca-central-1", "montreal"),
    ("aws:sa-east-1", "sao-paulo"),
    ("aws:eu-west-1", "dublin"),
    ("aws:eu-west-2", "london"),
    ("aws:eu-west-3", "paris"),
    ("aws:eu-central-1", "frankfurt"),
    ("aws:eu-north-1", "stockholm"),
    ("aws:eu-south-1", "milan"),
    ("aws:ap-northeast-1", "tokyo"),
    ("aws:ap-northeast-2", "seoul"),
    ("aws:ap-northeast-3", "osaka"),
    ("aws:ap-south-1", "mumbai"),
    ("aws:ap-southeast-1", "singapore"),
    ("aws:ap-southeast-2", "sydney"),
    ("aws:ap-southeast-3", "jakarta"),
    ("aws:ap-east-1", "hong-kong"),
    ("aws:me-south-1", "manama"),
    ("aws:af-south-1", "cape-town"),
    # GCP: Datadog's six (us-east4, us-south1, us-west1, us-west2, europe-west3,
    # asia-northeast1) and other large regions.
    ("gcp:us-central1", "council-bluffs"),
    ("gcp:us-east4", "20147"),
    ("gcp:us-south1", "75207"),
    ("gcp:us-west1", "the-dalles"),
    ("gcp:us-west2", "90017"),
    ("gcp:northamerica-northeast1", "montreal"),
    ("gcp:northamerica-northeast2", "toronto"),
    ("gcp:southamerica-east1", "sao-paulo"),
    ("gcp:europe-west1", "st-ghislain"),
    ("gcp:europe-west2", "london"),
    ("gcp:europe-west3", "frankfurt"),
    ("gcp:europe-west4", "eemshaven"),
    ("gcp:europe-west9", "paris"),
    ("gcp:asia-northeast1", "tokyo"),
    ("gcp:asia-northeast2", "osaka"),
    ("gcp:asia-northeast3", "seoul"),
    ("gcp:asia-southeast1", "singapore"),
    ("gcp:asia-southeast2", "jakarta"),
    ("gcp:asia-east2", "hong-kong"),
    ("gcp:asia-south1", "mumbai"),
    ("gcp:australia-southeast1", "sydney"),
    # Azure: Datadog's eastus and other large regions.
    ("azure:eastus", "boydton"),
    ("azure:eastus2", "boydton"),
    ("azure:westus2", "quincy"),
    ("azure:centralus", "des-moines"),
    ("azure:southcentralus", "san-antonio"),
    ("azure:canadacentral", "toronto"),
    ("azure:brazilsouth", "sao-paulo"),
    ("azure:westeurope", "amsterdam"),
    ("azure:northeurope", "dublin"),
    ("azure:uksouth", "london"),
    ("azure:francecentral", "paris"),
    ("azure:germanywestcentral", "frankfurt"),
    ("azure:swedencentral", "stockholm"),
    ("azure:japaneast", "tokyo"),
    ("azure:japanwest", "osaka"),
    ("azure:koreacentral", "seoul"),
    ("azure:southeastasia", "singapore"),
    ("azure:eastasia", "hong-kong"),
    ("azure:australiaeast", "sydney"),
    ("azure:southafricanorth", "johannesburg"),
)

REGIONS: Final[dict[str, CloudRegion]] = {rid: _region(rid, key) for rid, key in _TABLE}

# The 29 managed locations of Datadog Synthetics (datadog-contract-notes §9.1 ListLocations).
DATADOG_MANAGED: Final[tuple[str, ...]] = (
    *(rid for rid in REGIONS if rid.startswith("aws:")),
    "azure:eastus",
    "gcp:asia-northeast1",
    "gcp:europe-west3",
    "gcp:us-east4",
    "gcp:us-south1",
    "gcp:us-west1",
    "gcp:us-west2",
)


def get(region_id: str) -> CloudRegion:
    """The region named `provider:code` ("aws:eu-central-1"); KeyError for an unknown id."""
    return REGIONS[region_id]


def find(region_id: str) -> CloudRegion | None:
    """The region named `provider:code`, or None."""
    return REGIONS.get(region_id)
